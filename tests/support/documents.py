"""Builders of real document files for the tests, good and bad, written into a test's tmp_path.

`write_bad_files(folder)` makes the whole set of bad inputs (issue 7) with the reason each LoadError must
name, so the pipeline tests can check that the rest of a folder is still ingested.
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence
from pathlib import Path

import docx
from fpdf import FPDF
from PIL import Image, ImageDraw
from pptx import Presentation
from pptx.util import Inches
from pypdf import PdfWriter
from pypdf.constants import PageLabelStyle

# Debian's fonts-dejavu-core; without it fpdf2's core fonts only write latin-1 (no curly quotes).
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

_UNICODE_PAGES = (
    "Voorwoord — “Samen voorbij trauma”",
    "Inhoud: één overzicht van ‘bouwstenen’",
    "Hoofdstuk 1: ingrijpende jeugdervaringen en coördinatie van zorg",
    "Hoofdstuk 2: traumasensitief werken, ideeën uit de eerstelijnszone",
)
_LATIN1_PAGES = (
    "Voorwoord - Samen voorbij trauma",
    "Inhoud: één overzicht van bouwstenen",
    "Hoofdstuk 1: ingrijpende jeugdervaringen en coördinatie van zorg",
    "Hoofdstuk 2: traumasensitief werken, ideeën uit de eerstelijnszone",
)
# What a reader sees printed on those pages: two front pages in roman numerals, then 1, 2.
PDF_PAGE_LABELS = ("i", "ii", "1", "2")


def pdf_page_texts() -> tuple[str, ...]:
    """The page texts write_pdf() writes by default: Dutch accents, and curly quotes where the font allows."""
    return _UNICODE_PAGES if DEJAVU.exists() else _LATIN1_PAGES


def text_pdf() -> FPDF:
    """An empty PDF writing in DejaVu Sans when installed (any text), else in Helvetica (latin-1 only)."""
    pdf = FPDF()
    if DEJAVU.exists():
        pdf.add_font("DejaVu", fname=str(DEJAVU))
        pdf.set_font("DejaVu", size=12)
    else:
        pdf.set_font("Helvetica", size=12)
    return pdf


def pdf_bytes(pages: Sequence[str] | None = None, *, roman_front_pages: int = 0) -> bytes:
    """A real PDF with one text page per string; the first `roman_front_pages` labelled i, ii, ..."""
    pdf = text_pdf()
    for text in pdf_page_texts() if pages is None else pages:
        pdf.add_page()
        pdf.multi_cell(0, 10, text)
    data = bytes(pdf.output())
    if not roman_front_pages:
        return data
    writer = PdfWriter(clone_from=io.BytesIO(data))
    writer.set_page_label(0, roman_front_pages - 1, style=PageLabelStyle.LOWERCASE_ROMAN)
    writer.set_page_label(roman_front_pages, len(writer.pages) - 1, style=PageLabelStyle.DECIMAL, start=1)
    return _written(writer)


def write_pdf(path: Path, pages: Sequence[str] | None = None, *, roman_front_pages: int = 2) -> Path:
    path.write_bytes(pdf_bytes(pages, roman_front_pages=roman_front_pages))
    return path


def write_encrypted_pdf(path: Path, *, user_password: str = "geheim", algorithm: str = "RC4-128") -> Path:
    """An encrypted copy of the default PDF. AES algorithms need the `cryptography` package."""
    writer = PdfWriter(clone_from=io.BytesIO(pdf_bytes()))
    writer.encrypt(user_password=user_password, owner_password="eigenaar", algorithm=algorithm)
    path.write_bytes(_written(writer))
    return path


def write_image_only_pdf(path: Path, pages: int = 2) -> Path:
    """Pages holding only a drawn rectangle and a picture of text, as a scanner makes them: no text layer."""
    picture = Image.new("RGB", (400, 120), "white")
    ImageDraw.Draw(picture).text((10, 50), "Ingescande pagina", fill="black")
    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
        pdf.rect(20, 20, 170, 100)
        pdf.image(picture, x=20, y=130, w=170)
    path.write_bytes(bytes(pdf.output()))
    return path


def write_docx(path: Path) -> Path:
    """A Word file with a title, a heading, paragraphs and a table with a merged header cell."""
    document = docx.Document()
    document.add_heading("Samen voorbij trauma", level=0)
    document.add_heading("Bouwsteen 1: sensibiliseren", level=1)
    document.add_paragraph("Eén op drie kinderen maakt een “ingrijpende” jeugdervaring mee.")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Fase"
    table.cell(0, 2).text = "Periode"
    for row, (phase, detail, period) in enumerate(
        [("Fase 2", "pilootprojecten", "2021-2023"), ("Fase 3", "brede uitrol", "2024-2025")], start=1
    ):
        table.cell(row, 0).text = phase
        table.cell(row, 1).text = detail
        table.cell(row, 2).text = period
    document.add_paragraph("Tot slot: ideeën voor de regio.")
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def write_pptx(path: Path) -> Path:
    """Two slides with a title and bullet text; the second also holds a free text box."""
    presentation = Presentation()
    layout = presentation.slide_layouts[1]  # "Title and Content"
    for title, body in [
        ("OverHoop in het Waasland", "Fase 1: verkenning\nFase 2: pilootprojecten"),
        ("De acht bouwstenen", "Sensibiliseren\nVroegsignalering"),
    ]:
        slide = presentation.slides.add_slide(layout)
        slide.shapes.title.text = title
        slide.placeholders[1].text_frame.text = body
    box = slide.shapes.add_textbox(Inches(1), Inches(6.5), Inches(6), Inches(0.5))
    box.text_frame.text = "Vragen voor de regio?"
    buffer = io.BytesIO()
    presentation.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def write_bad_files(folder: Path) -> dict[Path, str]:
    """Every bad input of issue 7 that can sit in a folder, mapped to the reason its LoadError must name.

    (A file deleted while being read cannot sit in a folder: the tests make that one themselves.)
    """
    folder.mkdir(parents=True, exist_ok=True)
    noise = random.Random(7).randbytes(4096)
    good_pdf = pdf_bytes()
    files = {
        "leeg.txt": (b"", "leeg bestand"),
        "alleen spaties.txt": (b"  \n\t \r\n  \n", "leeg bestand"),
        "alleen spaties utf16.txt": ("   \n  ".encode("utf-16"), "leeg bestand"),
        "afbeelding.txt": (noise, "geen tekstbestand"),
        "stuurtekens.txt": (bytes(range(1, 256)) * 8, "geen tekstbestand"),
        "willekeurig.pdf": (noise, "beschadigde PDF"),
        "afgebroken.pdf": (good_pdf[: len(good_pdf) // 2], "beschadigde PDF"),
        "leeg.pdf": (b"", "leeg bestand"),
        "willekeurig.docx": (noise, "beschadigd Word-bestand"),
        "willekeurig.pptx": (noise, "beschadigd PowerPoint-bestand"),
        "rekenblad.xlsx": (b"PK\x03\x04 geen rekenblad", "bestandstype niet ondersteund"),
        "zonder extensie": (b"tekst", "bestandstype niet ondersteund"),
    }
    expected = {}
    for name, (data, reason) in files.items():
        (folder / name).write_bytes(data)
        expected[folder / name] = reason
    expected[write_encrypted_pdf(folder / "versleuteld.pdf")] = "versleutelde PDF"
    expected[write_image_only_pdf(folder / "gescand.pdf")] = "PDF zonder tekstlaag"
    (folder / "map.txt").mkdir()
    expected[folder / "map.txt"] = "niet leesbaar"
    return expected


def _written(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
