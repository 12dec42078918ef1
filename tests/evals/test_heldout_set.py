"""The held-out set (evals/questions/heldout/): the style rules it was written to, and that it stays apart."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from basics.settings import PROJECT_ROOT
from evals import cli as eval_cli
from evals.schema import EvalItem, load_questions, question_files, validate_file

QUESTIONS_DIR = PROJECT_ROOT / "evals" / "questions"
HELDOUT_DIR = QUESTIONS_DIR / "heldout"
CORPUS_DIR = PROJECT_ROOT / "corpus"

needs_heldout = pytest.mark.skipif(
    not HELDOUT_DIR.is_dir(), reason=f"de achtergehouden set ({HELDOUT_DIR}) bestaat nog niet"
)


@pytest.fixture(scope="module")
def items() -> list[EvalItem]:
    return load_questions(HELDOUT_DIR)


def words(text: str) -> int:
    return len(text.split())


@needs_heldout
def test_the_set_is_large_enough_and_mostly_situated(items: list[EvalItem]):
    situated = [item for item in items if item.situation]
    assert len(items) >= 80
    assert len(situated) >= len(items) / 2, f"{len(situated)} van {len(items)} met een situation"


@needs_heldout
def test_questions_are_written_at_length(items: list[EvalItem]):
    assert statistics.median(words(item.question) for item in items) >= 18


@needs_heldout
def test_enough_unanswerable_questions_half_of_them_situated(items: list[EvalItem]):
    unanswerable = [item for item in items if not item.answerable]
    assert len(unanswerable) >= 15
    assert sum(bool(item.situation) for item in unanswerable) >= len(unanswerable) / 2


@needs_heldout
def test_enough_follow_ups_that_answer_an_assistant_turn(items: list[EvalItem]):
    follow_ups = [item for item in items if item.type == "followup" and item.history[-1].role == "assistant"]
    assert len(follow_ups) >= 10


@needs_heldout
def test_ids_mark_the_items_as_held_out(items: list[EvalItem]):
    assert [item.id for item in items if not item.id.startswith("ho-")] == []


@pytest.mark.slow  # reads the real corpus
@needs_heldout
@pytest.mark.parametrize("path", question_files(HELDOUT_DIR) if HELDOUT_DIR.is_dir() else [], ids=str)
def test_every_item_validates_against_the_corpus(path: Path):
    assert validate_file(path, CORPUS_DIR) == []


def test_the_default_tuning_set_holds_no_held_out_item():
    tuning = load_questions(QUESTIONS_DIR)
    assert tuning and [item.id for item in tuning if item.id.startswith("ho-")] == []
    sets = eval_cli.question_sets(None, "tuning", quick=False)
    assert sets is not None and [s.name for s in sets] == ["tuning"]
    assert [item.id for item in sets[0].items if item.id.startswith("ho-")] == []


def test_a_folder_loads_its_top_level_files_only(tmp_path: Path):
    line = (
        '{{"id": "{}", "question": "Waar staat dat?", "type": "unanswerable", "persona": "coach", '
        '"difficulty": "easy"}}\n'
    )
    (tmp_path / "heldout").mkdir()
    (tmp_path / "vragen.jsonl").write_text(line.format("prof-001"), encoding="utf-8")
    (tmp_path / "heldout" / "vragen.jsonl").write_text(line.format("ho-prof-001"), encoding="utf-8")
    assert [item.id for item in load_questions(tmp_path)] == ["prof-001"]
