"""The question-set schema, loading, and `validate_file`'s error lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from evals.schema import EvalItem, QuestionSetError, load_questions, slice_of, validate_file

# A quote of the nota_corpus fixture's document that crosses its paragraph break.
QUOTE = "wuif dat voorgevoel dan niet zomaar weg, maar vertrouw op je buikgevoel"


def make_item(**overrides: object) -> dict:
    item = {
        "id": "prof-001",
        "question": "wat doe ik met een niet-pluis-gevoel?",
        "type": "practical",
        "persona": "professional",
        "history": [],
        "evidence": [{"doc_id": "nota", "quote": QUOTE}],
        "answer_points": ["buikgevoel vertrouwen"],
        "difficulty": "easy",
    }
    item.update(overrides)
    return item


UNANSWERABLE = {"type": "unanswerable", "evidence": [], "answer_points": []}
HISTORY = [
    {"role": "user", "content": "wat houdt bouwsteen 6 in?"},
    {"role": "assistant", "content": "Van vroegsignalering tot herstel."},
]


def write_jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text(
        "".join(
            (row if isinstance(row, str) else json.dumps(row, ensure_ascii=False)) + "\n" for row in rows
        ),
        encoding="utf-8",
    )
    return path


def test_a_complete_item_is_valid():
    item = EvalItem.model_validate(make_item())
    assert item.answerable
    assert item.evidence[0].doc_id == "nota"


def test_unanswerable_item_without_evidence_is_valid():
    assert not EvalItem.model_validate(make_item(**UNANSWERABLE)).answerable


def test_followup_with_history_is_valid():
    item = EvalItem.model_validate(make_item(type="followup", history=HISTORY))
    assert [turn.role for turn in item.history] == ["user", "assistant"]


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"type": "followup"}, "history"),
        ({"history": HISTORY}, "alleen een followup"),
        ({"type": "followup", "history": HISTORY[:1]}, "assistant"),
        ({"type": "unanswerable"}, "geen evidence"),
        ({"evidence": []}, "evidence-citaat"),
        ({"answer_points": []}, "answer_points"),
        ({"answer_points": ["  "]}, "answer_points"),
        ({"evidence": [{"doc_id": "nota", "quote": "ga in gesprek"}]}, "te kort"),
    ],
)
def test_inconsistent_items_are_rejected(overrides: dict, fragment: str):
    with pytest.raises(ValidationError, match=fragment):
        EvalItem.model_validate(make_item(**overrides))


@pytest.mark.parametrize(
    "overrides",
    [{"type": "trivia"}, {"persona": "student"}, {"difficulty": "medium"}, {"id": "prof 1"}, {"extra": 1}],
)
def test_values_outside_the_schema_are_rejected(overrides: dict):
    with pytest.raises(ValidationError):
        EvalItem.model_validate(make_item(**overrides))


def test_load_questions_reads_all_jsonl_files_of_a_folder_in_name_order(tmp_path: Path):
    write_jsonl(tmp_path / "b.jsonl", [make_item(id="b-001")])
    write_jsonl(tmp_path / "a.jsonl", [make_item(id="a-001"), "", make_item(id="a-002")])
    (tmp_path / "notes.txt").write_text("not a question file")
    assert [item.id for item in load_questions(tmp_path)] == ["a-001", "a-002", "b-001"]


def test_load_questions_rejects_duplicate_ids_across_files(tmp_path: Path):
    write_jsonl(tmp_path / "a.jsonl", [make_item(id="x-001")])
    write_jsonl(tmp_path / "b.jsonl", [make_item(id="x-001")])
    with pytest.raises(QuestionSetError, match="x-001"):
        load_questions(tmp_path)


def test_load_questions_names_file_and_line_of_an_invalid_item(tmp_path: Path):
    write_jsonl(tmp_path / "set.jsonl", [make_item(), make_item(id="prof-002", persona="student")])
    with pytest.raises(QuestionSetError, match=r"set\.jsonl regel 2"):
        load_questions(tmp_path / "set.jsonl")


def test_validate_file_accepts_a_good_file(tmp_path: Path, nota_corpus: Path):
    path = write_jsonl(
        tmp_path / "good.jsonl",
        [
            make_item(),
            make_item(id="prof-002", **UNANSWERABLE),
            make_item(id="prof-003", type="followup", history=HISTORY),
        ],
    )
    assert validate_file(path, nota_corpus) == []


def test_validate_file_reports_one_clear_line_per_problem(tmp_path: Path, nota_corpus: Path):
    path = write_jsonl(
        tmp_path / "bad.jsonl",
        [
            make_item(),
            make_item(
                id="prof-002",
                evidence=[{"doc_id": "nota", "quote": "vertrouw nooit op je buikgevoel en zwijg"}],
            ),
            make_item(id="prof-001"),
            "{niet: json}",
            make_item(id="prof-005", evidence=[{"doc_id": "boek", "quote": QUOTE}]),
            make_item(id="prof-006", type="vraag"),
            make_item(id="prof-007", type="followup"),
        ],
    )
    errors = validate_file(path, nota_corpus)
    assert len(errors) == 6
    quote_error, duplicate, bad_json, unknown_doc, bad_type, no_history = errors
    assert quote_error.startswith("regel 2 (prof-002): citaat niet gevonden in nota: ")
    assert "vertrouw nooit op je buikgevoel" in quote_error
    assert duplicate.startswith("regel 3 (prof-001): ") and "regel 1" in duplicate
    assert bad_json.startswith("regel 4: geen geldige JSON")
    assert unknown_doc.startswith("regel 5 (prof-005): onbekend document 'boek'")
    assert bad_type.startswith("regel 6 (prof-006): ") and "'vraag'" in bad_type and "practical" in bad_type
    assert no_history.startswith("regel 7 (prof-007): ") and "history" in no_history


def test_validate_file_reports_a_missing_field(tmp_path: Path, nota_corpus: Path):
    item = make_item()
    del item["question"]
    errors = validate_file(write_jsonl(tmp_path / "set.jsonl", [item]), nota_corpus)
    assert errors == ["regel 1 (prof-001): veld 'question' ontbreekt"]


def test_validate_file_reports_an_empty_or_missing_file(tmp_path: Path, nota_corpus: Path):
    assert validate_file(write_jsonl(tmp_path / "empty.jsonl", []), nota_corpus) == [
        "het bestand bevat geen vragen"
    ]
    assert validate_file(tmp_path / "missing.jsonl", nota_corpus)[0].startswith("bestand niet gevonden")


def test_a_slice_is_named_by_the_ids_of_its_file():
    assert [slice_of(i) for i in ("ho-kp-012", "nat8-c-004", "coach-017", "nat3-a013", "odd7")] == [
        "ho-kp",
        "nat8-c",
        "coach",
        "nat3-a",
        "odd",
    ]
