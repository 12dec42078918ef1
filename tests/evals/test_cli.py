"""`overhoop eval validate`: error lines and exit codes an evaluator can rely on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from overhoop.cli import main

# A quote of the nota_corpus fixture's document that crosses a line break.
QUOTE = "Een warme menselijke aanpak, een luisterend oor, een oprechte vraag"


def item(item_id: str, quote: str = QUOTE) -> str:
    return json.dumps(
        {
            "id": item_id,
            "question": "moet ik een expert zijn?",
            "type": "practical",
            "persona": "professional",
            "history": [],
            "evidence": [{"doc_id": "nota", "quote": quote}],
            "answer_points": ["warme aanpak"],
            "difficulty": "easy",
        }
    )


def test_validate_good_file_exits_zero(tmp_path: Path, nota_corpus: Path, capsys: pytest.CaptureFixture[str]):
    good = tmp_path / "good.jsonl"
    good.write_text(item("eval-001") + "\n", encoding="utf-8")
    assert main(["eval", "validate", str(good), "--corpus", str(nota_corpus)]) == 0
    assert "in orde" in capsys.readouterr().out


def test_validate_bad_file_prints_error_lines_and_exits_one(
    tmp_path: Path, nota_corpus: Path, capsys: pytest.CaptureFixture[str]
):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(item("eval-001") + "\n" + item("eval-002", "een koude aanpak en een dichte deur") + "\n")
    assert main(["eval", "validate", str(bad), "--corpus", str(nota_corpus)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}: regel 2 (eval-002): citaat niet gevonden in nota: 'een koude aanpak" in out
    assert "regel 1" not in out
    assert "Traceback" not in out


def test_validate_a_folder_finds_ids_shared_between_files(
    tmp_path: Path, nota_corpus: Path, capsys: pytest.CaptureFixture[str]
):
    (tmp_path / "a.jsonl").write_text(item("eval-001") + "\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(item("eval-001") + "\n", encoding="utf-8")
    assert main(["eval", "validate", str(tmp_path), "--corpus", str(nota_corpus)]) == 1
    assert "id 'eval-001' komt ook voor in" in capsys.readouterr().out


def test_validate_missing_file_is_one_clear_error(
    tmp_path: Path, nota_corpus: Path, capsys: pytest.CaptureFixture[str]
):
    assert main(["eval", "validate", str(tmp_path / "nope.jsonl"), "--corpus", str(nota_corpus)]) == 1
    err = capsys.readouterr().err
    assert "vragenbestand niet gevonden" in err
    assert "Traceback" not in err
