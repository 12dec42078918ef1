"""`overhoop documents list|add|remove`: the exact shapes scripts rely on, one Dutch line per failure, and
an index that loses nothing when an add fails."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from basics.settings import get_settings
from ingest import added
from ingest.store import read_registry
from overhoop.cli import main
from tests.support.documents import write_encrypted_pdf, write_image_only_pdf, write_pdf

REPORT = (
    "Trajectrapportage Lokeren\n\n"
    "De kangoeroemethode hielp zeventien gezinnen in Lokeren om na een verhuis weer rust te vinden. "
    "Contact: 0471 70 46 29.\n\n"
    "Casus\n\nLotte Van den Broeck (9 jaar) woont bij haar mama Sarah De Smet. Juf Annelies Claes van "
    "basisschool De Regenboog besprak haar zorgen met het CLB en met Kind en Gezin.\n"
)


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "ouders.txt").write_text("Steun voor ouders\n\nOuders krijgen begeleiding van een coach.")
    monkeypatch.setenv("OVERHOOP_CORPUS_DIR", str(folder))
    monkeypatch.setenv("OVERHOOP_EMBEDDER", "hashing")
    get_settings.cache_clear()
    assert main(["ingest"]) == 0
    return folder


@pytest.fixture
def report(tmp_path) -> Path:
    path = tmp_path / "upload" / "rapport-lokeren.txt"
    path.parent.mkdir()
    path.write_text(REPORT, encoding="utf-8")
    return path


def _list(capsys) -> list[dict]:
    capsys.readouterr()
    assert main(["documents", "list", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _add(capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["documents", "add", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _live_state() -> tuple[set[str], list[str]]:
    registry = read_registry(get_settings())
    assert registry is not None
    return set(registry.documents), registry.live_ids()


def test_list_json_has_one_object_per_document_with_the_agreed_keys(corpus, capsys) -> None:
    [doc] = _list(capsys)
    assert {"doc_id", "title", "type", "passages", "source", "organisation", "date", "added_at"} <= set(doc)
    assert doc["doc_id"] == "ouders" and doc["source"] == "corpus" and doc["passages"] == 1
    assert doc["added_at"] is None


def test_add_prints_the_doc_id_last_and_keeps_file_and_metadata(corpus, report, capsys) -> None:
    code, out, err = _add(
        capsys, str(report), "--title", "Rapport Lokeren", "--type", "trajectrapportage",
        "--organisation", "ELZ Waasland", "--date", "2025-03",
    )  # fmt: skip
    assert code == 0, err
    doc_id = out.strip().splitlines()[-1]
    assert doc_id == "rapport-lokeren"
    assert "passages" in out and "1 contactgegevens gemaskeerd" in out
    listed = {d["doc_id"]: d for d in _list(capsys)}
    assert listed[doc_id]["source"] == "added" and listed[doc_id]["type"] == "trajectrapportage"
    assert listed[doc_id]["organisation"] == "ELZ Waasland" and listed[doc_id]["date"] == "2025-03"
    assert listed[doc_id]["added_at"] and listed[doc_id]["passages"] >= 1
    folder = get_settings().data_dir / "added" / doc_id
    meta = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    assert meta["title"] == "Rapport Lokeren" and (folder / meta["file"]).read_text() == REPORT


def test_rebuild_and_plain_ingest_keep_added_documents(corpus, report, capsys) -> None:
    code, out, _ = _add(capsys, str(report))
    doc_id = out.strip().splitlines()[-1]
    assert code == 0
    assert main(["ingest", "--rebuild"]) == 0
    assert doc_id in _live_state()[0]
    capsys.readouterr()
    assert main(["ingest"]) == 0
    assert "ongewijzigd: 2" in capsys.readouterr().out


def test_same_content_again_is_refused_and_changes_nothing(corpus, report, capsys) -> None:
    assert _add(capsys, str(report))[0] == 0
    before = _live_state()
    copy = report.with_name("kopie.txt")
    copy.write_bytes(report.read_bytes())
    code, out, err = _add(capsys, str(copy))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("kopie.txt:") and "al geïndexeerd" in err
    assert _live_state() == before
    assert not (get_settings().data_dir / "added" / "kopie").exists()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("versleuteld.pdf", "versleutelde PDF"),
        ("scan.pdf", "OCR"),
        ("leeg.txt", "leeg"),
        ("foto.png", "niet ondersteund"),
        ("groot.pdf", "te groot"),
    ],
)
def test_bad_files_are_one_dutch_line_naming_the_file_and_lose_nothing(
    corpus, tmp_path, capsys, monkeypatch, name: str, expected: str
) -> None:
    path = tmp_path / name
    if name == "versleuteld.pdf":
        write_encrypted_pdf(path)
    elif name == "scan.pdf":
        write_image_only_pdf(path)
    elif name == "groot.pdf":
        write_pdf(path)
        monkeypatch.setattr(added, "MAX_UPLOAD_MB", path.stat().st_size / 1024 / 1024 / 2)
    else:
        path.write_bytes(b"" if name == "leeg.txt" else b"\x89PNG\r\n")
    before = _live_state()
    code, out, err = _add(capsys, str(path))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"{name}:") and expected in err, err
    assert "Traceback" not in err
    assert _live_state() == before
    assert not any((get_settings().data_dir / "added").glob("*/metadata.json"))


def test_remove_refuses_corpus_documents_and_removes_added_ones(corpus, report, capsys) -> None:
    _, out, _ = _add(capsys, str(report))
    doc_id = out.strip().splitlines()[-1]
    assert main(["documents", "remove", "ouders"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "meegeleverd corpusdocument" in err
    assert main(["documents", "remove", doc_id]) == 0
    assert "verwijderd" in capsys.readouterr().out
    assert _live_state()[0] == {"ouders"}
    assert not (get_settings().data_dir / "added" / doc_id).exists()
    assert main(["documents", "remove", doc_id]) == 1
    assert "geen document" in capsys.readouterr().err


def test_mask_names_masks_people_but_not_organisations(corpus, report, capsys) -> None:
    code, out, _ = _add(capsys, str(report), "--mask-names")
    assert code == 0
    doc_id = out.strip().splitlines()[-1]
    from assistant.core import Assistant

    assistant = Assistant(settings=get_settings())
    passages = assistant.search("Lotte juf basisschool", k=10, filters={"doc_id": [doc_id]})
    text = " ".join(p.text for p in passages)
    assert "[naam verwijderd]" in text and "[telefoon verwijderd]" in text
    for name in ("Lotte", "Sarah", "De Smet", "Annelies", "Claes"):
        assert name not in text
    for organisation in ("De Regenboog", "CLB", "Kind en Gezin", "Lokeren"):
        assert organisation in text
    [listed] = [d for d in _list(capsys) if d["doc_id"] == doc_id]
    assert listed["mask_names"] is True


def test_add_during_another_ingest_names_the_file_and_changes_nothing(corpus, report, capsys) -> None:
    from ingest.pipeline import writer_lock

    before = _live_state()
    with writer_lock(get_settings()):
        code, out, err = _add(capsys, str(report), "--wait", "0")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("rapport-lokeren.txt:") and "andere ingest" in err
    assert _live_state() == before
