from __future__ import annotations

import pytest

from assistant.questions import EMPTY_REPLY, NO_WORDS_REPLY, NOT_DUTCH_REPLY, check_question


@pytest.mark.parametrize("raw", ["", "   ", "\n\t", None, "\x00\x07"])
def test_empty_questions_get_the_empty_reply(raw: object) -> None:
    assert check_question(raw, 100).reply == EMPTY_REPLY


@pytest.mark.parametrize("raw", ["???", "🙂🙂🙂", "... !!! 123", "😀 💥 ?"])
def test_questions_without_words(raw: str) -> None:
    assert check_question(raw, 100).reply == NO_WORDS_REPLY


@pytest.mark.parametrize(
    "raw",
    [
        "What can I do for children with trauma?",
        "Qu'est-ce que le trauma chez les enfants?",
        "Was ist ein Trauma bei Kindern und was kann man tun?",
    ],
)
def test_other_languages_get_a_dutch_reply(raw: str) -> None:
    assert check_question(raw, 200).reply == NOT_DUTCH_REPLY


@pytest.mark.parametrize(
    "raw",
    [
        "Wat kan ik doen bij een niet-pluis-gevoel?",
        "Hoe werkt trauma-informed care in de kinderopvang?",
        "Wat betekent ACE's?",
        "Welke rol spelen de zorgraden?",
    ],
)
def test_dutch_questions_pass(raw: str) -> None:
    checked = check_question(raw, 200)
    assert checked.reply is None and checked.text == raw and checked.notice is None


def test_control_characters_are_removed_and_markup_kept_as_text() -> None:
    checked = check_question("<b>Wat</b> is\x00 **ACE**?\u200b\x1b[31m", 200)
    assert checked.reply is None
    assert "\x00" not in checked.text and "\x1b" not in checked.text and "\u200b" not in checked.text
    assert checked.text.startswith("<b>Wat</b> is **ACE**?")


def test_overlong_questions_are_capped_at_a_word_boundary_with_a_notice() -> None:
    raw = "Wat zeggen de documenten over scholen " * 100
    checked = check_question(raw, 120)
    assert len(checked.text) <= 120 and raw.startswith(checked.text)
    assert checked.notice and "120" in checked.notice
