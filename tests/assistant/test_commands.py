"""The search / ask / chat commands through the `overhoop` entry point, over the in-memory index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import assistant.commands as commands
from assistant.core import REFUSAL, Assistant
from basics.settings import Settings
from ingest.index import IndexUnavailable
from overhoop.cli import main
from tests.support.fake_index import FakeIndex


@pytest.fixture(autouse=True)
def fake_assistant(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def open_fake(mode: str) -> Assistant:
        index = FakeIndex()
        settings = Settings(data_dir=tmp_path, refusal_threshold=0.3)
        return Assistant(settings, index=index, embedder=index.embedder, retrieval_mode=mode)  # type: ignore[arg-type]

    monkeypatch.setattr(commands, "_open_assistant", open_fake)


def test_batch_writes_one_json_line_per_question_with_passed_through_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = tmp_path / "vragen.jsonl"
    lines = [
        {"id": "q1", "question": "Wat kan ik doen bij een niet-pluis-gevoel?", "answerable": True},
        {"id": "q2", "question": "Hoeveel kost een parkeervergunning in Gent?", "answerable": False},
        {
            "id": "q3",
            "question": "en die zesde?",
            "history": [{"role": "user", "content": "Wat zijn de acht bouwstenen?"}],
        },
    ]
    batch.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n", encoding="utf-8")
    assert main(["ask", "--batch", str(batch), "--json"]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["id"] for o in out] == ["q1", "q2", "q3"]
    for record, source in zip(out, lines, strict=True):
        assert {"question", "answer", "refused", "citations", "retrieved"} <= set(record)
        assert record["question"] == source["question"]
        assert "history" not in record
    assert out[0]["answerable"] is True and out[0]["refused"] is False and out[0]["citations"]
    assert out[1]["refused"] is True and out[1]["answer"] == REFUSAL and out[1]["citations"] == []
    assert "zesde bouwsteen" in out[2]["retrieved"][0]["text"]


def test_batch_bad_lines_get_error_lines_and_a_failing_exit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = tmp_path / "vragen.jsonl"
    batch.write_text('{"question": "Wat is ontwikkelingstrauma?"}\nkapot\n{"vraag": "x"}\n', encoding="utf-8")
    assert main(["ask", "--batch", str(batch), "--json"]) == 1
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(out) == 3 and "answer" in out[0]
    assert out[1]["line"] == 2 and "regel 2" in out[1]["error"]
    assert out[2]["line"] == 3


def test_missing_batch_file_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--batch", str(tmp_path / "nee.jsonl")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nee.jsonl" in err


def test_ask_text_shows_answer_and_numbered_sources(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "Wat kan ik doen bij een niet-pluis-gevoel?"]) == 0
    out = capsys.readouterr().out
    assert "[1]" in out and "Bronnen:" in out and "Samen voorbij trauma" in out


def test_ask_refusal_shows_related_passages_marked_as_no_answer(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "Hoeveel kost een parkeervergunning in Gent?"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(REFUSAL) and commands.RELATED_HEADING in out and "Bronnen:" not in out


def test_ask_json_and_filters(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "Welke rol speelden de zorgraden?", "--json", "--doc", "eindrapport"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {p["doc_id"] for p in data["retrieved"]} == {"eindrapport"}


def test_ask_needs_exactly_one_of_question_and_batch(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask"]) == 2
    assert "vraag" in capsys.readouterr().err


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_search_json_ranks_passages_with_scores(mode: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "zesde bouwsteen scholen", "--k", "2", "--json", "--mode", mode]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert 1 <= len(hits) <= 2 and "zesde bouwsteen" in hits[0]["text"]
    assert {"chunk_id", "doc_id", "section", "page", "score", "scores"} <= set(hits[0])


def test_search_text_and_type_filter(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "trauma", "--type", "nota"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1. Samen bouwen aan een traumasensitieve jeugdhulp") and "2." not in out


def test_chat_keeps_the_conversation(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    questions = iter(["Wat zijn de acht bouwstenen?", "en die zesde?", "stop"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(questions))
    assert main(["chat"]) == 0
    out = capsys.readouterr().out
    assert out.count("Bronnen:") == 2 and "traumasensitief werken in scholen" in out


def test_unavailable_index_is_one_clear_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise IndexUnavailable("Er is nog geen index: voer `overhoop ingest` uit.")

    monkeypatch.undo()
    monkeypatch.setattr("assistant.core.Assistant", broken)
    assert main(["ask", "Wat is ontwikkelingstrauma?"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "overhoop ingest" in err
