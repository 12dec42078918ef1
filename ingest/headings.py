"""Detect the headings of a cleaned document and give every block its section path.

Works on the blocks produced by `ingest.cleaning` (one paragraph, heading or list item per block). Where a
document has a table of contents, only headings the TOC confirms count; elsewhere numbered headings must
continue the numbering, which keeps list items, table rows and footnotes out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.cleaning import BULLET, HARD_BREAK, normalize_unicode
from ingest.documents import LoadedDocument, Page

SEPARATOR = " > "
SLIDE_TYPES = {"presentatie"}
MAX_HEADING_WORDS = 30

_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)(?:\.\s*|\s+)(\S.*)$")
_CHAPTER = re.compile(r"^(0\d)\s+(\S.*)$")
_PART = re.compile(r"^DEEL [IVX]+:?$")
_PART_KEYWORD = re.compile(r"^(BOUWSTEEN|Bouwsteen) (\d{1,2})$")
_MARKDOWN = re.compile(r"^(#{1,6})\s+(\S.*)$")
_FICHE_LABEL = re.compile(r"^PROJECTNAAM\s+(\S.*)$")
_TOC_LINE = re.compile(r"^\s*(.*?)\s*\.{5,}\s*(\d{1,3})?\s*$")
_TOC_NOISE = re.compile(r"^\s*(?:\d{1,4}\s*/\s*\d{1,4}|\d{1,4})\s*$")
_TOC_GARBLED = re.compile(r"^\s*-\s*(\d{2})\*\*\s*(\S.*?)\s*$")
_NOT_TITLE_START = re.compile(r"^(?:Figuur|Tabel|Bron|Grafiek|Schema)\b|https?://|www\.")
_SENTENCE_INSIDE = re.compile(r"[a-zà-ÿ)]{2}[.!?] [A-ZÀ-Þ]")
_SENTENCE_OPENERS = {
    "Dit",
    "Deze",
    "Dat",
    "Er",
    "We",
    "Wij",
    "Ze",
    "Zij",
    "Ik",
    "Je",
    "Jij",
    "Men",
    "Hij",
    "Zo",
}
_STRUCTURAL = {"part", "chapter", "number", "keyword", "fiche-label", "markdown"}


@dataclass(frozen=True, slots=True)
class TocEntry:
    """One line of a table of contents: "3.2.1" + title (+ page), or an unnumbered part title."""

    number: str
    title: str
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """One cleaned block with where it came from; `segment_start` marks the first block after a hard break."""

    text: str
    page: int | None = None
    label: str | None = None
    segment_start: bool = False


@dataclass(frozen=True, slots=True)
class SectionedBlock:
    """A block with its section path; headings are kept (is_heading=True) so nothing is silently lost."""

    text: str
    section: str
    is_heading: bool
    page: int | None = None
    label: str | None = None


def extract_toc(raw: str) -> list[TocEntry]:
    """Read a table of contents from raw text: dot-leader lines (wrapped entries joined) or a chapter list."""
    entries = [
        TocEntry(m.group(1), m.group(2)) for line in raw.split("\n") if (m := _TOC_GARBLED.match(line))
    ]
    if entries:
        return entries
    pending: list[str] = []
    for line in raw.split("\n"):
        if not line.strip():
            continue
        if _TOC_NOISE.match(line):
            pending = []  # page counters end whatever came before: an entry never spans them unbroken
            continue
        match = _TOC_LINE.match(line)
        if not match:
            # A long entry wraps: its first lines carry no leader. Keep at most a few of them.
            pending = (pending + [line.strip()])[-4:]
            continue
        text = " ".join(pending + [match.group(1)]).strip()
        pending = []
        numbered = _NUMBER.match(text)
        page = int(match.group(2)) if match.group(2) else None
        if numbered:
            entries.append(TocEntry(numbered.group(1), numbered.group(2).strip(), page))
        elif text:
            entries.append(TocEntry("", text.rstrip(":").strip(), page))
    return entries


def _parts_by_first_number(toc: Sequence[TocEntry]) -> dict[str, str]:
    """Map the first numbered TOC entry after each part ("DEEL II" + "RESULTATEN 2 – FASE 2") to that part."""
    parts: dict[str, str] = {}
    pending = ""
    for k, entry in enumerate(toc):
        if not entry.number and _PART.match(entry.title + ":"):
            following = toc[k + 1] if k + 1 < len(toc) else None
            caption = (
                following.title if following and not following.number and following.title.isupper() else ""
            )
            pending = f"{entry.title}: {caption}" if caption else entry.title
        elif entry.number and pending:
            parts[entry.number] = pending
            pending = ""
    return parts


def blocks_from_pages(pages: Sequence[Page]) -> list[Block]:
    """Split cleaned pages into blocks; a page start is a segment start too (slides, fiche pages)."""
    blocks: list[Block] = []
    for page in pages:
        start = True
        for segment in page.text.split(HARD_BREAK):
            for k, text in enumerate(t for t in segment.split("\n\n") if t.strip()):
                blocks.append(Block(text.strip(), page.number, page.label, segment_start=start or k == 0))
                start = False
    return blocks


def assign_sections(
    blocks: Sequence[Block], toc: Sequence[TocEntry] = (), slides: bool = False
) -> list[SectionedBlock]:
    """Mark headings and give each block the path of headings above it ("04 ... > 6. Van ...")."""
    return _Sectioner(blocks, toc, slides).run()


def find_sections(doc: LoadedDocument, cleaned: Sequence[Page]) -> list[SectionedBlock]:
    """The cleaned pages of `doc` as blocks with their section paths (headings included, marked). The table
    of contents is read from the loaded text: cleaning removes it from the pages."""
    raw = "\n".join(normalize_unicode(page.text) for page in doc.pages)
    slides = doc.info.doc_type in SLIDE_TYPES
    return assign_sections(blocks_from_pages(cleaned), extract_toc(raw), slides=slides)


def _norm(text: str) -> str:
    return re.sub(r"[^\w]+", "", text.lower())


def title_like(text: str, strict: bool = True) -> bool:
    """A short line that reads as a title: no sentence end, no bullet, no caption, no trailing figure."""
    text = re.sub(r"\s*(?:\.\.\.|…)$", "", text)  # "05 Tot slot ..." is still a title
    words = text.split()
    if not 1 <= len(words) <= 14 or len(text) > 110:
        return False
    if text.startswith(BULLET) or text[0] in "-–—“‘\"'(©[*" or not (text[0].isupper() or text[0].isdigit()):
        return False
    if (
        text[-1] in ".,;:"
        or _NOT_TITLE_START.search(text)
        or " | " in text
        or not re.search(r"[^\W\d_]", text)
    ):
        return False
    if strict and (":" in text or re.search(r"\s[\d.,]+%?$", text) or re.match(r"^\d", text)):
        return False
    if strict and len(words) >= 4 and words[0] in _SENTENCE_OPENERS:
        return False
    return not _SENTENCE_INSIDE.search(text)


def _body_like(text: str) -> bool:
    return len(text.split()) > 14 or text.startswith(BULLET) or text[-1] in ".:;"


class _Sectioner:
    """One pass over the blocks with a stack of open headings (rank, text, kind)."""

    def __init__(self, blocks: Sequence[Block], toc: Sequence[TocEntry], slides: bool) -> None:
        self.blocks = list(blocks)
        self.slides = slides
        numbered = [e for e in toc if e.number]
        self.toc_mode = len(numbered) >= 8 and not all(
            len(e.number) == 2 and e.number[0] == "0" for e in numbered
        )
        self.toc: dict[str, str] = {}
        for entry in numbered:
            self.toc.setdefault(entry.number, entry.title)
        self.part_before = _parts_by_first_number(toc)
        self.chapter_titles = {
            _norm(e.title): f"{e.number} {e.title}" for e in numbered if e.number[0] == "0"
        }
        self.stack: list[tuple[int, str, str]] = []
        self.numbers: tuple[int, ...] = ()
        self.chapter = 0
        self.repeated = self._repeated_titles()

    def _repeated_titles(self) -> set[str]:
        """Titles that return at the head of a segment (a fiche page): they group the fiches that follow."""
        counts = Counter(_norm(b.text) for b in self.blocks if title_like(b.text, strict=False))
        heads = {
            _norm(b.text)
            for k, b in enumerate(self.blocks)
            if any(x.segment_start for x in self.blocks[max(0, k - 2) : k + 1])
        }
        return {t for t, n in counts.items() if n >= 2 and t in heads}

    def run(self) -> list[SectionedBlock]:
        out: list[SectionedBlock] = []
        i = 0
        previous_kind = ""
        while i < len(self.blocks):
            block = self.blocks[i]
            found = self._heading(i, previous_kind)
            if found is None:
                out.append(self._emit(block, block.text, heading=False))
                previous_kind = ""
                i += 1
                continue
            rank, text, kind, used = found
            part = self.part_before.get(text.split(" ", 1)[0]) if kind == "number" and self.toc_mode else None
            if part and not any(h[1] == part for h in self.stack):
                # A part title printed only in the TOC (its divider page was an image): open it here.
                self.stack = [(0, part, "part")]
            self.stack = [h for h in self.stack if h[0] < rank]
            self.stack.append((rank, text, kind))
            for k in range(i, i + used):
                out.append(self._emit(self.blocks[k], self.blocks[k].text, heading=True))
            previous_kind = kind
            i += used
        return out

    def _emit(self, block: Block, text: str, heading: bool) -> SectionedBlock:
        section = SEPARATOR.join(h[1] for h in self.stack)
        return SectionedBlock(text, section, heading, block.page, block.label)

    def _base(self, exclude: str = "") -> int:
        structural = [h[0] for h in self.stack if h[2] in _STRUCTURAL and h[2] != exclude]
        return max(structural, default=0)

    def _next(self, i: int, offset: int = 1) -> Block | None:
        k = i + offset
        return self.blocks[k] if k < len(self.blocks) else None

    def _heading(self, i: int, previous_kind: str) -> tuple[int, str, str, int] | None:
        block = self.blocks[i]
        text = block.text
        nxt = self._next(i)
        markdown = _MARKDOWN.match(text)
        if markdown:  # the Word loader writes its Heading styles as "# Titel", "## ..."
            return len(markdown.group(1)), markdown.group(2), "markdown", 1
        if _PART.match(text):
            if nxt and nxt.text.isupper() and len(nxt.text.split()) <= 10:
                return 0, f"{text.rstrip(':')}: {nxt.text}", "part", 2
            return 0, text.rstrip(":"), "part", 1
        keyword = _PART_KEYWORD.match(text)
        if keyword and nxt and title_like(nxt.text, strict=False):
            rank = 1 if self.slides else self._base(exclude="keyword") + 1
            return rank, f"{text}: {nxt.text}", "keyword", 2
        if self.slides:
            if block.segment_start and title_like(text, strict=False) and not self._starts_list(i):
                return 1, text, "slide", 1
            return None
        label = _FICHE_LABEL.match(text)
        if label and len(text.split()) <= MAX_HEADING_WORDS:
            return self._base() + 1, label.group(1), "fiche-label", 1
        chapter = self.chapter_titles.get(_norm(text))
        if chapter and self.chapter < int(chapter[:2]) <= self.chapter + 2:
            self.chapter = int(chapter[:2])
            self.numbers = ()
            return 1, chapter, "chapter", 1
        if self.toc_mode:
            return self._toc_heading(i)
        numbered = self._numbered_heading(i)
        if numbered:
            return numbered
        return self._unnumbered_heading(i, previous_kind)

    def _toc_heading(self, i: int) -> tuple[int, str, str, int] | None:
        match = _NUMBER.match(self.blocks[i].text)
        if not match or match.group(1) not in self.toc:
            return None
        number, title = match.group(1), match.group(2)
        expected = _norm(self.toc[number])
        seen = _norm(title)
        used = 1
        # A heading wrapped into several blocks: take the next blocks while they continue the TOC title.
        while len(seen) < len(expected) and expected.startswith(seen) and (nxt := self._next(i, used)):
            if not expected[len(seen) :].startswith(_norm(nxt.text)[:10]):
                break
            title, seen, used = f"{title} {nxt.text}", seen + _norm(nxt.text), used + 1
        probe = min(len(expected), len(seen), 25)
        if probe < 3 or expected[:probe] != seen[:probe]:
            return None
        return number.count(".") + 1, f"{number} {title}", "number", used

    def _numbered_heading(self, i: int) -> tuple[int, str, str, int] | None:
        text = self.blocks[i].text
        chapter = _CHAPTER.match(text)
        number = int(chapter.group(1)) if chapter else 0
        if (
            chapter
            and title_like(chapter.group(2), strict=False)
            and self.chapter < number <= self.chapter + 2
        ):
            self.chapter, self.numbers = int(chapter.group(1)), ()
            return 1, text, "chapter", 1
        match = _NUMBER.match(text)
        if (
            not match
            or match.group(1).startswith("0")
            or not match.group(2)[0].isupper()
            or self._starts_list(i)
        ):
            return None
        title = match.group(2)
        if len(text.split()) > MAX_HEADING_WORDS or _SENTENCE_INSIDE.search(title) or title.endswith(","):
            return None
        if re.match(r"^\d+\.\s", text) and title.endswith("."):
            return None  # "2. Uitleg planmakers." is an item of a numbered list
        numbers = tuple(int(n) for n in match.group(1).split("."))
        if not self._continues(numbers):
            return None
        self.numbers = numbers
        rank = len(numbers) + (1 if self.chapter else 0)
        return rank, text, "number", 1

    def _continues(self, numbers: tuple[int, ...]) -> bool:
        """A heading number follows the current one: next sibling (one may be skipped) or first child."""
        current = self.numbers
        depth = len(numbers)
        if not current:
            return depth == 1 and numbers[0] <= 3
        if depth > len(current) + 1:
            return False
        if depth == len(current) + 1:
            return numbers[:-1] == current and numbers[-1] == 1
        return (
            numbers[:-1] == current[: depth - 1]
            and current[depth - 1] < numbers[-1] <= current[depth - 1] + 2
        )

    def _starts_list(self, i: int) -> bool:
        """ "1. Wie is wie." directly followed by "2. ..." is a numbered list, not a heading."""
        match = _NUMBER.match(self.blocks[i].text)
        nxt = self._next(i)
        if not match or not nxt or (not self.slides and title_like(match.group(2), strict=False)):
            return False
        following = _NUMBER.match(nxt.text)
        if not following:
            return False
        head, last = match.group(1).rsplit(".", 1) if "." in match.group(1) else ("", match.group(1))
        expected = f"{head}.{int(last) + 1}" if head else str(int(last) + 1)
        return following.group(1) == expected

    def _unnumbered_heading(self, i: int, previous_kind: str) -> tuple[int, str, str, int] | None:
        block = self.blocks[i]
        text = block.text
        nxt, after = self._next(i), self._next(i, 2)
        group_open = any(h[2] == "group" for h in self.stack)
        base = self._base()
        if previous_kind == "fiche" and not block.segment_start:
            return None  # a fiche's subtitle, not a heading of its own
        opens_segment = block.segment_start or previous_kind in {"group", "keyword"}
        if opens_segment and title_like(text, strict=False) and nxt is not None:
            if _norm(text) in self.repeated:
                return base + 1, text, "group", 1
            rank = base + 2 if group_open or previous_kind == "group" else base + 1
            return rank, text, "fiche", 1
        if not title_like(text) or nxt is None:
            return None
        if not (
            _body_like(nxt.text) or (title_like(nxt.text) and after is not None and _body_like(after.text))
        ):
            return None
        if _norm(text) in self.repeated:
            rank = base + 2 if previous_kind == "group" else base + 1
            return rank, text, "group", 1
        rank = base + 2 if previous_kind == "group" else base + 1
        return rank, text, "sub", 1
