"""Read one document file into pages of raw text (.txt/.md, .pdf, .docx, .pptx).

A bad file raises `LoadError`, whose message is one Dutch line naming the file and the reason; nothing else
escapes for a bad file. Cleaning (NFKC, de-hyphenation, ...) happens later, not here.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import logging
import unicodedata
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import charset_normalizer
import docx
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from pptx import Presentation
from pptx.shapes.base import BaseShape
from pptx.shapes.group import GroupShape
from pptx.shapes.shapetree import GroupShapes, SlideShapes
from pptx.slide import Slide
from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError

from ingest.documents import DocumentInfo, LoadedDocument, Page

SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf", ".docx", ".pptx")
MAX_FILE_MB = 200

# Control characters allowed in real text; any other (NUL, BEL, ESC, C1 controls) is a sign of binary data.
_TEXT_CONTROLS = frozenset("\t\n\r\f\v")
# Share of other control characters above which decoded bytes are not text (random bytes give ~25 %).
_MAX_CONTROL_RATIO = 0.01
# UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class LoadError(Exception):
    """A file that cannot be ingested. str() is one line: "<file name>: <reason in Dutch>"."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path.name}: {reason}")
        self.path = path
        self.reason = reason


class _Rejected(Exception):
    """Raised by the format parsers, which see bytes only; load_document adds the file name."""


def load_document(info: DocumentInfo, *, max_file_mb: float = MAX_FILE_MB) -> LoadedDocument:
    """Read `info.path` into pages. `content_hash` is the sha256 of the file's bytes.

    .txt/.md and .docx give one page without number; .pdf gives one page per PDF page (number 1-based,
    label = printed page label when the PDF defines labels); .pptx gives one page per slide (label = title).
    """
    path = info.path
    suffix = path.suffix.lower()
    parser = _PARSERS.get(suffix)
    if parser is None:
        shown = suffix or "geen extensie"
        raise LoadError(
            path, f"bestandstype niet ondersteund ({shown}); wel: {', '.join(SUPPORTED_SUFFIXES)}"
        )
    data = _read_bytes(path, int(max_file_mb * 1024 * 1024))
    if not data.strip():
        raise LoadError(path, "leeg bestand")
    try:
        pages = parser(data)
    except _Rejected as exc:
        raise LoadError(path, str(exc)) from exc
    if not any(page.text.strip() for page in pages):
        raise LoadError(path, "leeg bestand (geen tekst gevonden)")
    return LoadedDocument(info=info, pages=tuple(pages), content_hash=hashlib.sha256(data).hexdigest())


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    # The file may vanish or change between listing and reading: every OSError is a bad file, not a crash.
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise LoadError(path, f"te groot ({_mb(size)} MB; maximum {_mb(max_bytes)} MB)")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise LoadError(path, f"niet leesbaar ({_os_reason(exc)})") from exc
    if len(data) > max_bytes:  # grew after stat()
        raise LoadError(path, f"te groot (meer dan {_mb(max_bytes)} MB)")
    return data


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "bestand niet gevonden: verwijderd of verplaatst?"
    if isinstance(exc, PermissionError):
        return "geen toegang"
    if isinstance(exc, IsADirectoryError):
        return "dit is een map"
    return exc.strerror or type(exc).__name__


# --- plain text -----------------------------------------------------------------------------------------


def _text_pages(data: bytes) -> list[Page]:
    text = _decode_text(data)
    if not text.strip():
        raise _Rejected("leeg bestand")
    return [Page(text=text)]


def _decode_text(data: bytes) -> str:
    """Decode a text file: a BOM decides (UTF-8/16/32); else UTF-8; else cp1252, then latin-1.

    Raises _Rejected("geen tekstbestand ...") when the result does not look like text. Newlines become "\\n".
    """
    text = _decode(data)
    if not _looks_like_text(text):
        raise _Rejected("geen tekstbestand (binaire inhoud)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise _Rejected(f"tekst niet te decoderen als {encoding.upper()}") from exc
    if b"\x00" in data:
        # Only UTF-16 without BOM has NUL bytes in text; anything else with NULs is binary.
        return _decode_utf16_without_bom(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")  # never fails; _looks_like_text judges the result


def _decode_utf16_without_bom(data: bytes) -> str:
    # charset-normalizer tells UTF-16 text (LE or BE) from binary data that merely holds NULs.
    match = charset_normalizer.from_bytes(data, cp_isolation=["utf_16_le", "utf_16_be"]).best()
    if match is None:
        raise _Rejected("geen tekstbestand (binaire inhoud)")
    return str(match)


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _TEXT_CONTROLS)
    return controls <= _MAX_CONTROL_RATIO * len(text)


# --- PDF ------------------------------------------------------------------------------------------------


def _pdf_pages(data: bytes) -> list[Page]:
    encrypted = _Rejected("versleutelde PDF (wachtwoord nodig), kan niet gelezen worden")
    with _quiet_pypdf():
        try:
            reader = PdfReader(io.BytesIO(data))
            # Many PDFs are encrypted only against editing, with an empty user password: those open fine.
            if reader.is_encrypted and not reader.decrypt(""):
                raise encrypted
            labels = _pdf_page_labels(reader)
            pages = list(reader.pages)
        except _Rejected:
            raise
        except DependencyError as exc:  # AES without the `cryptography` package
            raise _Rejected("versleutelde PDF (AES; pakket cryptography ontbreekt)") from exc
        except FileNotDecryptedError as exc:
            raise encrypted from exc
        except Exception as exc:  # pypdf raises many types on damaged files; all mean the same to a user
            raise _Rejected("beschadigde PDF, kan niet gelezen worden") from exc
        if not pages:
            raise _Rejected("beschadigde PDF (geen pagina's gevonden)")
        result = []
        for number, page in enumerate(pages, start=1):
            try:
                text = page.extract_text() or ""
            except Exception as exc:
                raise _Rejected(f"beschadigde PDF (pagina {number}), kan niet gelezen worden") from exc
            label = labels[number - 1] if labels else None
            result.append(Page(text=text, number=number, label=label))
    if not any(page.text.strip() for page in result):
        raise _Rejected("PDF zonder tekstlaag (gescand?) — OCR wordt niet ondersteund")
    return result


def _pdf_page_labels(reader: PdfReader) -> list[str] | None:
    """The printed page labels, only when the PDF defines them (pypdf invents "1", "2", ... otherwise)."""
    if "/PageLabels" not in reader.root_object:
        return None
    return list(reader.page_labels)


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    # pypdf logs and warns about every repair ("EOF marker not found"); the user gets one LoadError line.
    logger = logging.getLogger("pypdf")
    previous = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(previous)


# --- Word -----------------------------------------------------------------------------------------------


def _docx_pages(data: bytes) -> list[Page]:
    """One page (Word files have no reliable page breaks). Headings become Markdown lines ("# Titel" for Title
    and Heading 1, "## ..." for Heading 2) so the heading detector sees them; tables become one line per row,
    cells joined with " | ". Headers, footers, footnotes and text boxes are not read."""
    try:
        blocks = list(_docx_blocks(docx.Document(io.BytesIO(data))))
    except Exception as exc:  # not a zip, missing parts, bad XML: python-docx raises many types
        raise _Rejected("beschadigd Word-bestand (.docx), kan niet gelezen worden") from exc
    return [Page(text="\n\n".join(block for block in blocks if block))]


def _docx_blocks(container: docx.document.Document | _Cell) -> Iterator[str]:
    for item in container.iter_inner_content():
        if isinstance(item, Table):
            yield _docx_table(item)
        else:
            yield _docx_paragraph(item)


def _docx_paragraph(paragraph: Paragraph) -> str:
    text = paragraph.text.strip()
    if not text:
        return ""
    style = paragraph.style
    level = _heading_level(style.name if style is not None else "")
    return f"{'#' * level} {text}" if level else text


def _heading_level(style_name: str | None) -> int:
    # Built-in style names are stored in English whatever the language of Word ("Heading 1", not "Kop 1").
    name = (style_name or "").strip()
    if name == "Title":
        return 1
    if name.startswith("Heading "):
        digits = name.removeprefix("Heading ")
        if digits.isdigit():
            return min(int(digits), 6)
    return 0


def _docx_table(table: Table) -> str:
    lines = []
    for row in table.rows:
        cells: list[_Cell] = []
        for cell in row.cells:
            # python-docx repeats the same cell object for each grid column a merged cell spans.
            if not any(cell is seen for seen in cells):
                cells.append(cell)
        texts = [" ".join(" ".join(_docx_blocks(cell)).split()) for cell in cells]
        if any(texts):
            lines.append(" | ".join(texts))
    return "\n".join(lines)


# --- PowerPoint -----------------------------------------------------------------------------------------


def _pptx_pages(data: bytes) -> list[Page]:
    """One page per slide: number = slide number, label = slide title; the title first, then the text of
    every shape (groups opened, tables as " | " rows) in reading order. Speaker notes are not read."""
    try:
        slides = list(Presentation(io.BytesIO(data)).slides)
        return [_pptx_slide(number, slide) for number, slide in enumerate(slides, start=1)]
    except Exception as exc:  # not a zip, missing parts, bad XML: python-pptx raises many types
        raise _Rejected("beschadigd PowerPoint-bestand (.pptx), kan niet gelezen worden") from exc


def _pptx_slide(number: int, slide: Slide) -> Page:
    title_shape = slide.shapes.title
    title = " ".join(title_shape.text_frame.text.split()) if title_shape is not None else ""
    texts = [title] if title else []
    shapes = sorted(_pptx_shapes(slide.shapes), key=lambda s: (s.top or 0, s.left or 0))
    for shape in shapes:
        if title_shape is not None and shape.shape_id == title_shape.shape_id:
            continue
        texts.extend(_pptx_shape_texts(shape))
    return Page(text="\n\n".join(t for t in texts if t), number=number, label=title or None)


def _pptx_shapes(shapes: SlideShapes | GroupShapes) -> Iterator[BaseShape]:
    for shape in shapes:
        if isinstance(shape, GroupShape):
            yield from _pptx_shapes(shape.shapes)
        else:
            yield shape


def _pptx_shape_texts(shape: BaseShape) -> Iterator[str]:
    if shape.has_text_frame:
        # python-pptx renders a soft line break inside a paragraph as a vertical tab.
        yield shape.text_frame.text.replace("\v", "\n").strip()  # type: ignore[attr-defined]
    if shape.has_table:
        rows = (
            " | ".join(" ".join(cell.text.split()) for cell in row.cells)
            for row in shape.table.rows  # type: ignore[attr-defined]
        )
        yield "\n".join(row for row in rows if row.strip(" |"))


_PARSERS: dict[str, Callable[[bytes], list[Page]]] = {
    ".txt": _text_pages,
    ".md": _text_pages,
    ".pdf": _pdf_pages,
    ".docx": _docx_pages,
    ".pptx": _pptx_pages,
}
