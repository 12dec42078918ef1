"""Loading real files built in the test: pages and labels, encodings, Word and PowerPoint, bad files."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from ingest.documents import DocumentInfo, LoadedDocument
from ingest.loaders import MAX_FILE_MB, LoadError, load_document
from tests.support.documents import (
    PDF_PAGE_LABELS,
    pdf_page_texts,
    write_bad_files,
    write_docx,
    write_encrypted_pdf,
    write_image_only_pdf,
    write_pdf,
    write_pptx,
)


def load(path: Path, **kwargs: float) -> LoadedDocument:
    return load_document(DocumentInfo(doc_id="test", title="Test", doc_type="nota", path=path), **kwargs)


def load_error(path: Path, **kwargs: float) -> LoadError:
    with pytest.raises(LoadError) as caught:
        load(path, **kwargs)
    return caught.value


def assert_one_line_naming(error: LoadError, path: Path, reason: str) -> None:
    message = str(error)
    assert message.startswith(f"{path.name}: "), message
    assert reason in message
    assert "\n" not in message


# --- PDF ------------------------------------------------------------------------------------------------


def test_pdf_gives_one_page_per_pdf_page_with_printed_labels_and_dutch_text(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "rapport.pdf", roman_front_pages=2)

    doc = load(path)

    assert [page.number for page in doc.pages] == [1, 2, 3, 4]
    assert tuple(page.label for page in doc.pages) == PDF_PAGE_LABELS
    assert tuple(page.text.strip() for page in doc.pages) == pdf_page_texts()
    assert doc.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()


def test_pdf_without_page_labels_has_no_label(tmp_path: Path) -> None:
    doc = load(write_pdf(tmp_path / "zonder labels.pdf", roman_front_pages=0))

    assert [page.number for page in doc.pages] == [1, 2, 3, 4]
    assert all(page.label is None for page in doc.pages)


def test_pdf_with_a_user_password_is_refused(tmp_path: Path) -> None:
    path = write_encrypted_pdf(tmp_path / "rapport.pdf", user_password="geheim")

    assert_one_line_naming(load_error(path), path, "versleutelde PDF")


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-256"])
def test_pdf_locked_only_against_editing_opens(tmp_path: Path, algorithm: str) -> None:
    if algorithm.startswith("AES"):
        pytest.importorskip("cryptography")
    path = write_encrypted_pdf(tmp_path / "beveiligd.pdf", user_password="", algorithm=algorithm)

    doc = load(path)

    assert tuple(page.text.strip() for page in doc.pages) == pdf_page_texts()


def test_pdf_without_text_layer_says_so(tmp_path: Path) -> None:
    path = write_image_only_pdf(tmp_path / "scan.pdf")

    assert_one_line_naming(load_error(path), path, "PDF zonder tekstlaag (gescand?)")


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9])
def test_truncated_pdf_is_damaged(tmp_path: Path, fraction: float) -> None:
    data = write_pdf(tmp_path / "heel.pdf").read_bytes()
    path = tmp_path / "afgebroken.pdf"
    path.write_bytes(data[: int(len(data) * fraction)])

    assert_one_line_naming(load_error(path), path, "beschadigde PDF")


# --- plain text -----------------------------------------------------------------------------------------

DUTCH = "Eén op drie kinderen — “ingrijpende” jeugdervaringen; coördinatie, ideeën, € 35.000.\n"
LATIN1 = "Eén op drie kinderen: ingrijpende jeugdervaringen; coördinatie, ideeën, à la carte.\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(DUTCH.encode("utf-8"), DUTCH, id="utf-8"),
        pytest.param(DUTCH.encode("utf-8-sig"), DUTCH, id="utf-8 met BOM"),
        pytest.param(DUTCH.encode("utf-16"), DUTCH, id="utf-16 met BOM"),
        pytest.param(b"\xfe\xff" + DUTCH.encode("utf-16-be"), DUTCH, id="utf-16-be met BOM"),
        pytest.param(DUTCH.encode("utf-16-le"), DUTCH, id="utf-16-le zonder BOM"),
        pytest.param(DUTCH.encode("cp1252"), DUTCH, id="cp1252 (curly quotes, euro)"),
        pytest.param(LATIN1.encode("latin-1"), LATIN1, id="latin-1"),
    ],
)
def test_text_encodings_are_detected(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "tekst.txt"
    path.write_bytes(data)

    doc = load(path)

    assert [page.text for page in doc.pages] == [expected]
    assert doc.pages[0].number is None


def test_windows_line_endings_become_newlines(tmp_path: Path) -> None:
    path = tmp_path / "notities.md"
    path.write_bytes(b"# Titel\r\n\r\nTekst\r\n")

    assert load(path).pages[0].text == "# Titel\n\nTekst\n"


def test_name_with_spaces_and_accents_just_works(tmp_path: Path) -> None:
    path = tmp_path / "Rapport één – versie 2.txt"
    path.write_text(DUTCH, encoding="utf-8")
    empty = tmp_path / "Leeg één – versie 2.txt"
    empty.write_bytes(b"")

    assert load(path).pages[0].text == DUTCH
    assert_one_line_naming(load_error(empty), empty, "leeg bestand")


def test_content_hash_follows_the_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("versie 1", encoding="utf-8")
    second.write_text("versie 2", encoding="utf-8")

    assert load(first).content_hash == hashlib.sha256(b"versie 1").hexdigest()
    assert load(first).content_hash != load(second).content_hash


# --- Word and PowerPoint --------------------------------------------------------------------------------


def test_docx_keeps_headings_paragraphs_and_table_rows_in_order(tmp_path: Path) -> None:
    doc = load(write_docx(tmp_path / "nota.docx"))

    assert len(doc.pages) == 1 and doc.pages[0].number is None
    lines = [line for line in doc.pages[0].text.splitlines() if line]
    assert lines == [
        "# Samen voorbij trauma",
        "# Bouwsteen 1: sensibiliseren",
        "Eén op drie kinderen maakt een “ingrijpende” jeugdervaring mee.",
        "Fase | Periode",
        "Fase 2 | pilootprojecten | 2021-2023",
        "Fase 3 | brede uitrol | 2024-2025",
        "Tot slot: ideeën voor de regio.",
    ]


def test_pptx_gives_one_page_per_slide_titled_by_the_slide(tmp_path: Path) -> None:
    doc = load(write_pptx(tmp_path / "presentatie.pptx"))

    assert [(page.number, page.label) for page in doc.pages] == [
        (1, "OverHoop in het Waasland"),
        (2, "De acht bouwstenen"),
    ]
    assert doc.pages[0].text.splitlines() == [
        "OverHoop in het Waasland",
        "",
        "Fase 1: verkenning",
        "Fase 2: pilootprojecten",
    ]
    assert doc.pages[1].text.startswith("De acht bouwstenen\n")
    assert doc.pages[1].text.endswith("Vragen voor de regio?")


# --- bad files ------------------------------------------------------------------------------------------


def test_every_bad_file_gives_one_line_naming_file_and_reason(tmp_path: Path) -> None:
    expected = write_bad_files(tmp_path / "slecht")
    assert len(expected) >= 14

    wrong = []
    for path, reason in expected.items():
        try:
            load(path)
        except LoadError as error:
            message = str(error)
            if not message.startswith(f"{path.name}: ") or reason not in message or "\n" in message:
                wrong.append(f"{path.name}: got {message!r}, want {reason!r}")
        else:
            wrong.append(f"{path.name}: loaded without error")
    assert wrong == []


def test_file_deleted_between_listing_and_reading(tmp_path: Path) -> None:
    path = tmp_path / "weg.pdf"
    write_pdf(path)
    info = DocumentInfo(doc_id="weg", title="Weg", doc_type="nota", path=path)
    path.unlink()

    with pytest.raises(LoadError) as caught:
        load_document(info)

    assert_one_line_naming(caught.value, path, "niet leesbaar")


def test_file_above_the_default_limit_is_too_large_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "groot.txt"
    with path.open("wb") as handle:  # sparse: takes no disk space
        handle.truncate(int((MAX_FILE_MB + 1) * 1024 * 1024))

    assert_one_line_naming(load_error(path), path, "te groot")


def test_size_limit_can_be_lowered(tmp_path: Path) -> None:
    path = tmp_path / "middel.txt"
    path.write_text("woord " * 400_000, encoding="utf-8")  # ~2.3 MB

    assert_one_line_naming(load_error(path, max_file_mb=1), path, "te groot")
    assert load(path, max_file_mb=5).pages


@pytest.mark.parametrize("write", [write_pdf, write_docx, write_pptx], ids=["pdf", "docx", "pptx"])
def test_damaged_copies_of_real_files_raise_nothing_but_load_error(
    tmp_path: Path, write: Callable[[Path], Path]
) -> None:
    suffix = write.__name__.removeprefix("write_")
    original = write(tmp_path / f"origineel.{suffix}").read_bytes()
    rng = random.Random(2)
    refused = 0
    for attempt in range(40):
        damaged = bytearray(original)
        for _ in range(rng.choice([1, 5, 50])):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        path = tmp_path / f"beschadigd {attempt}.{suffix}"
        path.write_bytes(bytes(damaged))
        try:
            load(path)
        except LoadError as error:  # any other exception fails the test
            assert str(error).startswith(f"{path.name}: ") and "\n" not in str(error)
            refused += 1
    assert refused > 0
