"""Reading the corpus manifest, defaults for files without an entry, and clear errors for bad manifests."""

from __future__ import annotations

from pathlib import Path

import pytest

from basics.settings import PROJECT_ROOT
from ingest.documents import DocumentInfo
from ingest.manifest import ManifestError, discover, read_manifest, scan, slugify


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_manifest_describes_the_five_documents() -> None:
    found = discover(PROJECT_ROOT / "corpus")
    ids = [d.doc_id for d in found.documents]
    assert ids == [
        "presentatie-waasland",
        "inspiratienota",
        "eindrapport",
        "rapportage-co-ncept",
        "nota-wingg",
    ]
    assert found.unsupported == [] and found.problems == [] and not found.defaulted
    assert all(d.title and d.doc_type and d.date for d in found.documents)
    # The two West-Flemish network documents say so once, not on every page: the manifest says it for them.
    regions = {d.doc_id: d.region for d in found.documents}
    assert regions == {
        "presentatie-waasland": None,
        "inspiratienota": None,
        "eindrapport": None,
        "rapportage-co-ncept": "West-Vlaanderen",
        "nota-wingg": "West-Vlaanderen",
    }


def test_file_without_entry_gets_defaults(tmp_path) -> None:
    _write(
        tmp_path,
        "manifest.yaml",
        "documents:\n  - file: a.txt\n    doc_id: eerste\n    doc_type: eindrapport\n",
    )
    _write(tmp_path, "a.txt", "Tekst A")
    extra = _write(tmp_path, "Nota Één – versie 2.md", "\n\n# Verslag van de werkgroep\n\nTekst")
    found = discover(tmp_path)
    assert [d.doc_id for d in found.documents] == ["eerste", "nota-een-versie-2"]
    default = found.documents[1]
    assert default.title == "Verslag van de werkgroep"
    assert default.doc_type == "nota"
    assert found.defaulted == {extra}


def test_unsupported_hidden_and_subfolders(tmp_path) -> None:
    _write(tmp_path, "goed.txt", "Tekst")
    _write(tmp_path, "rekenblad.xlsx", "x")
    _write(tmp_path, ".verborgen.txt", "x")
    (tmp_path / "vectors").mkdir()
    _write(tmp_path / "vectors", "x.txt", "x")
    found = discover(tmp_path)
    assert [d.path.name for d in found.documents] == ["goed.txt"]
    assert [p.name for p in found.unsupported] == ["rekenblad.xlsx"]


def test_entry_for_missing_file_is_a_warning(tmp_path) -> None:
    _write(tmp_path, "manifest.yaml", "documents:\n  - file: weg.txt\n")
    found = discover(tmp_path)
    assert found.documents == []
    assert any("weg.txt" in p for p in found.problems)


def test_same_name_with_another_extension_gets_its_own_doc_id(tmp_path) -> None:
    _write(tmp_path, "nota.txt", "a")
    _write(tmp_path, "nota.md", "b")
    found = discover(tmp_path)
    assert [d.doc_id for d in found.documents] == ["nota", "nota-txt"]


def test_a_default_id_taken_by_the_manifest_is_reported(tmp_path) -> None:
    _write(tmp_path, "manifest.yaml", "documents:\n  - file: a.txt\n    doc_id: b-txt\n")
    _write(tmp_path, "a.txt", "a")
    _write(tmp_path, "b.md", "b")
    _write(tmp_path, "b.txt", "c")
    found = discover(tmp_path)
    assert [d.doc_id for d in found.documents] == ["b-txt", "b"]
    assert any(p.startswith("b.txt:") and "al gebruikt" in p for p in found.problems)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("documents:\n  - file: a.txt\n   doc_id: x\n", "geen geldige YAML \\(regel"),
        ("- file: a.txt\n", "verwacht 'documents:'"),
        ("documents:\n  - doc_id: x\n", "geen 'file:'"),
        ("documents:\n  - file: a.txt\n    titel: x\n", "onbekend veld titel"),
        ("documents:\n  - file: a.txt\n    doc_id: Hoofd Letters\n", "ongeldig"),
        ("documents:\n  - file: a.txt\n    doc_id: x\n  - file: b.txt\n    doc_id: x\n", "twee keer"),
    ],
)
def test_malformed_manifest_is_one_clear_error(tmp_path, text, message) -> None:
    path = _write(tmp_path, "manifest.yaml", text)
    with pytest.raises(ManifestError, match=message) as raised:
        read_manifest(path)
    assert "\n" not in str(raised.value) and "manifest.yaml" in str(raised.value)


def test_slugify() -> None:
    assert slugify("Nota WINGG – versie 2") == "nota-wingg-versie-2"
    assert slugify("Ééngemaakt") == "eengemaakt"
    assert slugify("***") == "document"


def test_scan_takes_folders_single_files_and_given_documents_each_doc_id_once(tmp_path) -> None:
    folder, elders = tmp_path / "corpus", tmp_path / "elders"
    folder.mkdir()
    elders.mkdir()
    _write(folder, "ouders.txt", "Ouders\n\nTekst")
    _write(folder, "tabel.xyz", "?")
    single = _write(elders, "scholen.txt", "Scholen\n\nTekst")
    clash = _write(elders, "ouders.txt", "Andere ouders")
    given = DocumentInfo(doc_id="toegevoegd", title="T", doc_type="nota", path=tmp_path / "t.txt")
    found = scan([folder, single, clash, tmp_path / "weg.txt"], [given])
    assert [d.doc_id for d in found.documents] == ["toegevoegd", "ouders", "scholen"]
    assert found.scanned_dirs == [folder.resolve()]
    assert found.defaulted == {(folder / "ouders.txt").resolve(), single.resolve(), clash.resolve()}
    assert found.errors == [
        "tabel.xyz: bestandstype niet ondersteund (.xyz)",
        f"{(tmp_path / 'weg.txt').resolve()}: bestand of map bestaat niet",
        f"ouders.txt: doc_id 'ouders' is al in gebruik door {(folder / 'ouders.txt').resolve()}",
    ]
