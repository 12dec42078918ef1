from __future__ import annotations

import pytest

from assistant.followup import expand_ordinals, is_follow_up, resolve_query, without_pointers

HISTORY = [
    {"role": "user", "content": "Wat kan ik doen bij een niet-pluis-gevoel?"},
    {"role": "assistant", "content": "Dit zeggen de OverHoop-documenten hierover: ... [1]"},
]


@pytest.mark.parametrize(
    "question",
    [
        "en wat zeggen ze daarover voor scholen?",
        "En voor de kinderopvang?",
        "en die zesde bouwsteen?",
        "Hoe pas ik dat toe in de klas?",
        "Wat zegt het eindrapport hierover?",
        "Voor scholen?",
        "Wie zijn ze?",
        "Waarom eigenlijk?",
    ],
)
def test_follow_ups_are_detected(question: str) -> None:
    assert is_follow_up(question)


@pytest.mark.parametrize(
    "question",
    [
        "Wat is ontwikkelingstrauma?",
        "Wat zijn de acht bouwstenen van OverHoop?",
        "Wat doe je als je merkt dat een kind stress heeft?",
        "Welke rol spelen de zorgraden in de derde fase?",
        "Wat is de zesde bouwsteen?",
    ],
)
def test_self_contained_questions_are_not_rewritten(question: str) -> None:
    assert not is_follow_up(question)
    assert resolve_query(question, HISTORY) == question


def test_follow_up_query_adds_the_content_of_the_previous_question() -> None:
    query = resolve_query("en wat zeggen ze daarover voor scholen?", HISTORY)
    question = "en wat zeggen ze daarover voor scholen?"
    assert query.startswith(question)
    added = query.removeprefix(question).split()
    assert "niet-pluis-gevoel" in added
    assert not {"Wat", "kan", "ik", "een"} & set(added)


def test_chained_follow_ups_reach_back_to_the_last_self_contained_question() -> None:
    history = [
        {"role": "user", "content": "Wat zijn de acht bouwstenen?"},
        {"role": "assistant", "content": "..."},
        {"role": "user", "content": "en die zesde?"},
        {"role": "assistant", "content": "..."},
    ]
    query = resolve_query("Hoe pas ik dat toe in de klas?", history)
    assert "bouwstenen" in query and "zesde" in query


def test_without_history_or_user_turns_nothing_changes() -> None:
    assert resolve_query("en die zesde bouwsteen?", None) == "en die zesde bouwsteen?"
    assert resolve_query("en die zesde bouwsteen?", [{"role": "assistant", "content": "x"}]) == (
        "en die zesde bouwsteen?"
    )


def test_words_already_in_the_question_are_not_repeated() -> None:
    history = [{"role": "user", "content": "Wat doen scholen bij een niet-pluis-gevoel?"}]
    query = resolve_query("en scholen daarbij?", history)
    assert query.lower().split().count("scholen") == 1


def test_spelled_out_ordinals_get_their_digit() -> None:
    assert expand_ordinals("Wat is de zesde bouwsteen?") == "Wat is de zesde bouwsteen? 6"
    assert expand_ordinals("de eerste en de derde fase, en weer de eerste") == (
        "de eerste en de derde fase, en weer de eerste 1 3"
    )
    assert expand_ordinals("Wat zijn de acht bouwstenen?") == "Wat zijn de acht bouwstenen?"


def test_pointer_words_are_not_topic_words() -> None:
    assert without_pointers("En hoeveel kreeg elke zone daarvoor?") == "En hoeveel kreeg elke zone"
    assert without_pointers("Wat is ontwikkelingstrauma?") == "Wat is ontwikkelingstrauma"
