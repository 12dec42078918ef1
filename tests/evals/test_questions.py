"""The shipped question set: every item valid against the real corpus, and the counts the issue asks."""

from __future__ import annotations

import re
import typing
from collections import Counter
from pathlib import Path

import pytest

from basics.settings import PROJECT_ROOT
from evals.schema import EvalItem, ItemType, load_questions, question_files, validate_file

pytestmark = pytest.mark.slow  # reads the real corpus

QUESTIONS_DIR = PROJECT_ROOT / "evals" / "questions"
CORPUS_DIR = PROJECT_ROOT / "corpus"
QUESTION_FILES = question_files(QUESTIONS_DIR)


@pytest.fixture(scope="module")
def items() -> list[EvalItem]:
    return load_questions(QUESTIONS_DIR)


@pytest.mark.parametrize("path", QUESTION_FILES, ids=lambda path: path.name)
def test_every_item_validates_against_the_corpus(path: Path):
    assert validate_file(path, CORPUS_DIR) == []


def test_ids_are_unique_across_all_files(items: list[EvalItem]):
    duplicates = [item_id for item_id, n in Counter(item.id for item in items).items() if n > 1]
    assert duplicates == []


def test_the_whole_set_meets_the_minimums_of_the_issue(items: list[EvalItem]):
    # Both halves together (professionals.jsonl + coaches.jsonl): fails until both exist.
    types = Counter(item.type for item in items)
    assert len(items) >= 120
    assert types["unanswerable"] >= 15
    assert types["followup"] >= 12


def test_every_item_type_and_persona_occurs(items: list[EvalItem]):
    assert {item.type for item in items} == set(typing.get_args(ItemType))
    assert {item.persona for item in items} >= {"professional"}


NATURAL_ID = re.compile(r"nat\d*-")


def short_style(items: list[EvalItem]) -> list[EvalItem]:
    """The first, short-question files (prof-*, coach-*): the shape rules below were agreed for them. The
    naturally phrased set (nat-*) follows the askers' own length, like the held-out set
    (tests/evals/test_heldout_set.py checks its style), as every slice moved in later (nat2- ... nat12-)."""
    return [item for item in items if not NATURAL_ID.match(item.id)]


def test_quotes_and_answer_points_have_the_agreed_shape(items: list[EvalItem]):
    # One sentence or clause (6-35 words) fits inside one ~220-word chunk; 1-3 quotes, 1-4 points.
    items = short_style(items)
    bad_quotes = [
        (item.id, quote.quote[:40])
        for item in items
        for quote in item.evidence
        if not 6 <= len(quote.quote.split()) <= 35
    ]
    assert bad_quotes == []
    assert [item.id for item in items if item.answerable and not 1 <= len(item.evidence) <= 3] == []
    assert [item.id for item in items if item.answerable and not 1 <= len(item.answer_points) <= 4] == []


def test_professionals_half_meets_its_own_minimums(items: list[EvalItem]):
    professionals = [item for item in items if item.id.startswith("prof-")]
    assert all(re.fullmatch(r"prof-\d{3}", item.id) for item in professionals)
    types = Counter(item.type for item in professionals)
    hard_paraphrases = [
        item for item in professionals if item.type == "paraphrase" and item.difficulty == "hard"
    ]
    assert len(professionals) >= 65
    assert len(hard_paraphrases) >= 10
    assert types["unanswerable"] >= 8
    assert types["followup"] >= 6
    assert all(item.persona == "professional" for item in professionals)


def test_followup_questions_lean_on_their_history(items: list[EvalItem]):
    # A follow-up is short and refers back ("en ...", "dat", "die"); the history carries the topic.
    followups = [item for item in short_style(items) if item.type == "followup"]
    assert followups
    for item in followups:
        assert len(item.question.split()) <= 15, item.id
        assert item.history[-1].role == "assistant", item.id
