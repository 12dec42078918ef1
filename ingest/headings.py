"""Detect the headings of a cleaned document and give every block its section path.

Works on the blocks produced by `ingest.cleaning` (one paragraph, heading or list item per block). A
document's shape is chosen once (`choose_shape`): a slide deck, a report whose table of contents confirms
its numbered headings, or a report without one (numbering must continue, which keeps list items, table
rows and footnotes out; practice fiches and short titles head their own sections). A shape is a recipe of
heading rules, tried in order on each block.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

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


# --- the walk over a document's blocks -------------------------------------------------------------------


class Heading(NamedTuple):
    """A heading found at a block: its depth (`rank`), its text in section paths, the rule's `kind` and how
    many blocks it spans; `part` names a part title the TOC prints above it that the body never shows."""

    rank: int
    text: str
    kind: str
    used: int = 1
    part: str | None = None


@dataclass(slots=True)
class Walk:
    """The document being walked: its blocks, what its table of contents says, and what is open so far.
    Every rule reads it; the chapter and numbered-heading rules also move `chapter` and `numbers` on."""

    blocks: list[Block]
    toc: dict[str, str]  # TOC number -> title
    part_before: dict[str, str]  # TOC number -> the part title printed just before it
    chapter_titles: dict[str, str]  # normalised title of a TOC chapter "0N" -> "0N Title"
    repeated: set[str]  # see `_repeated_titles`
    stack: list[Heading] = field(default_factory=list)
    numbers: tuple[int, ...] = ()  # the current heading number, as (2, 1, 3)
    chapter: int = 0
    previous_kind: str = ""  # the kind of the heading just before this block, "" after body text

    @classmethod
    def of(cls, blocks: Sequence[Block], toc: Sequence[TocEntry]) -> Walk:
        numbered = [e for e in toc if e.number]
        titles: dict[str, str] = {}
        for entry in numbered:
            titles.setdefault(entry.number, entry.title)
        return cls(
            blocks=list(blocks),
            toc=titles,
            part_before=_parts_by_first_number(toc),
            chapter_titles={_norm(e.title): f"{e.number} {e.title}" for e in numbered if e.number[0] == "0"},
            repeated=_repeated_titles(blocks),
        )

    def run(self, shape: Shape) -> list[SectionedBlock]:
        out: list[SectionedBlock] = []
        i = 0
        while i < len(self.blocks):
            heading = self._first_heading(shape, i)
            if heading is None:
                out.append(self._emit(self.blocks[i], is_heading=False))
                self.previous_kind = ""
                i += 1
                continue
            if heading.part and not any(h.text == heading.part for h in self.stack):
                # A part title printed only in the TOC (its divider page was an image): open it here.
                self.stack = [Heading(0, heading.part, "part")]
            self.stack = [h for h in self.stack if h.rank < heading.rank]
            self.stack.append(heading)
            out.extend(self._emit(block, is_heading=True) for block in self.blocks[i : i + heading.used])
            self.previous_kind = heading.kind
            i += heading.used
        return out

    def _first_heading(self, shape: Shape, i: int) -> Heading | None:
        for rule in shape:
            heading = rule(self, i)
            if heading is not None:
                return heading
        return None

    def _emit(self, block: Block, is_heading: bool) -> SectionedBlock:
        section = SEPARATOR.join(h.text for h in self.stack)
        return SectionedBlock(block.text, section, is_heading, block.page, block.label)

    def next(self, i: int, offset: int = 1) -> Block | None:
        k = i + offset
        return self.blocks[k] if k < len(self.blocks) else None

    def base(self, exclude: str = "") -> int:
        """The rank of the deepest open structural heading: an unnumbered title nests below it."""
        return max((h.rank for h in self.stack if h.kind in _STRUCTURAL and h.kind != exclude), default=0)

    def opens_chapter(self, number: int) -> bool:
        """Start chapter `number` when it follows the current one (one may be skipped)."""
        if not self.chapter < number <= self.chapter + 2:
            return False
        self.chapter, self.numbers = number, ()
        return True

    def continues(self, numbers: tuple[int, ...]) -> bool:
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

    def next_item_follows(self, i: int) -> bool:
        """The next block carries the next number ("1. Wie is wie." then "2. ..."): a numbered list."""
        match = _NUMBER.match(self.blocks[i].text)
        nxt = self.next(i)
        following = _NUMBER.match(nxt.text) if match and nxt else None
        if not match or not following:
            return False
        head, last = match.group(1).rsplit(".", 1) if "." in match.group(1) else ("", match.group(1))
        expected = f"{head}.{int(last) + 1}" if head else str(int(last) + 1)
        return following.group(1) == expected


def _repeated_titles(blocks: Sequence[Block]) -> set[str]:
    """Titles that return at the head of a segment (a fiche page): they group the fiches that follow."""
    counts = Counter(_norm(b.text) for b in blocks if title_like(b.text, strict=False))
    heads = {
        _norm(b.text)
        for k, b in enumerate(blocks)
        if any(x.segment_start for x in blocks[max(0, k - 2) : k + 1])
    }
    return {t for t, n in counts.items() if n >= 2 and t in heads}


Rule = Callable[[Walk, int], Heading | None]
Shape = tuple[Rule, ...]


# --- rules every shape uses ------------------------------------------------------------------------------


def markdown_heading(walk: Walk, i: int) -> Heading | None:
    """The Word loader writes its Heading styles as "# Titel", "## ...": the level is the rank."""
    markdown = _MARKDOWN.match(walk.blocks[i].text)
    return Heading(len(markdown.group(1)), markdown.group(2), "markdown") if markdown else None


def part_heading(walk: Walk, i: int) -> Heading | None:
    """ "DEEL II", with its caption when the next block is one in capitals ("RESULTATEN 2 – FASE 2")."""
    text = walk.blocks[i].text
    if not _PART.match(text):
        return None
    nxt = walk.next(i)
    if nxt and nxt.text.isupper() and len(nxt.text.split()) <= 10:
        return Heading(0, f"{text.rstrip(':')}: {nxt.text}", "part", used=2)
    return Heading(0, text.rstrip(":"), "part")


def keyword_heading(walk: Walk, i: int) -> Heading | None:
    """ "BOUWSTEEN 3" and its title on the next block, nested under the structure above it."""
    return _keyword(walk, i, walk.base(exclude="keyword") + 1)


def fiche_label(walk: Walk, i: int) -> Heading | None:
    """A fiche's field line "PROJECTNAAM Veilige Start" names the fiche."""
    text = walk.blocks[i].text
    label = _FICHE_LABEL.match(text)
    if not label or len(text.split()) > MAX_HEADING_WORDS:
        return None
    return Heading(walk.base(exclude="fiche-label") + 1, label.group(1), "fiche-label")  # fiches are siblings


def toc_chapter(walk: Walk, i: int) -> Heading | None:
    """A block that is a TOC chapter's title ("Project OverHoop" for "01 Project OverHoop")."""
    chapter = walk.chapter_titles.get(_norm(walk.blocks[i].text))
    if not chapter or not walk.opens_chapter(int(chapter[:2])):
        return None
    return Heading(1, chapter, "chapter")


def _keyword(walk: Walk, i: int, rank: int) -> Heading | None:
    text = walk.blocks[i].text
    nxt = walk.next(i)
    if not _PART_KEYWORD.match(text) or not nxt or not title_like(nxt.text, strict=False):
        return None
    return Heading(rank, f"{text}: {nxt.text}", "keyword", used=2)


# --- slide decks -----------------------------------------------------------------------------------------


def slide_keyword(walk: Walk, i: int) -> Heading | None:
    """ "Bouwsteen 6" and its title on a slide: the slide's title, never nested."""
    return _keyword(walk, i, 1)


def slide_title(walk: Walk, i: int) -> Heading | None:
    """A slide's first line, unless it starts a numbered list."""
    block = walk.blocks[i]
    if block.segment_start and title_like(block.text, strict=False) and not walk.next_item_follows(i):
        return Heading(1, block.text, "slide")
    return None


# --- reports whose table of contents confirms the numbered headings --------------------------------------


def toc_numbered(walk: Walk, i: int) -> Heading | None:
    """ "3.2.1 Lessen m.b.t. ..." when the TOC has 3.2.1 with that title; a title wrapped over several
    blocks is joined."""
    match = _NUMBER.match(walk.blocks[i].text)
    if not match or match.group(1) not in walk.toc:
        return None
    number, title = match.group(1), match.group(2)
    expected = _norm(walk.toc[number])
    seen = _norm(title)
    used = 1
    while len(seen) < len(expected) and expected.startswith(seen) and (nxt := walk.next(i, used)):
        if not expected[len(seen) :].startswith(_norm(nxt.text)[:10]):
            break
        title, seen, used = f"{title} {nxt.text}", seen + _norm(nxt.text), used + 1
    probe = min(len(expected), len(seen), 25)
    if probe < 3 or expected[:probe] != seen[:probe]:
        return None
    return Heading(number.count(".") + 1, f"{number} {title}", "number", used, walk.part_before.get(number))


# --- reports without such a table of contents ------------------------------------------------------------


def printed_chapter(walk: Walk, i: int) -> Heading | None:
    """ "04 Acht bouwstenen ..." when 04 follows the current chapter."""
    text = walk.blocks[i].text
    chapter = _CHAPTER.match(text)
    if not chapter or not title_like(chapter.group(2), strict=False):
        return None
    return Heading(1, text, "chapter") if walk.opens_chapter(int(chapter.group(1))) else None


def numbered_heading(walk: Walk, i: int) -> Heading | None:
    """ "2.1.3 Vaststellingen ..." when its number continues the numbering (a year, a footnote or a table
    row does not), and neither a list item nor a sentence."""
    text = walk.blocks[i].text
    match = _NUMBER.match(text)
    if not match or match.group(1).startswith("0") or not match.group(2)[0].isupper():
        return None
    title = match.group(2)
    if not title_like(title, strict=False) and walk.next_item_follows(i):
        return None
    if len(text.split()) > MAX_HEADING_WORDS or _SENTENCE_INSIDE.search(title) or title.endswith(","):
        return None
    if re.match(r"^\d+\.\s", text) and title.endswith("."):
        return None  # "2. Uitleg planmakers." is an item of a numbered list
    numbers = tuple(int(n) for n in match.group(1).split("."))
    if not walk.continues(numbers):
        return None
    walk.numbers = numbers
    return Heading(len(numbers) + (1 if walk.chapter else 0), text, "number")


def fiche_title(walk: Walk, i: int) -> Heading | None:
    """The title at the head of a page (a practice fiche) or right after a group or bouwsteen title; a title
    that heads several pages groups the fiches after it."""
    block = walk.blocks[i]
    opens_segment = block.segment_start or walk.previous_kind in {"group", "keyword"}
    if not (opens_segment and title_like(block.text, strict=False) and walk.next(i) is not None):
        return None
    base = walk.base()
    if _norm(block.text) in walk.repeated:
        return Heading(base + 1, block.text, "group")
    nested = walk.previous_kind == "group" or any(h.kind == "group" for h in walk.stack)
    return Heading(base + 2 if nested else base + 1, block.text, "fiche")


def sub_heading(walk: Walk, i: int) -> Heading | None:
    """A short title followed by body text (or by a second title and then body text)."""
    block = walk.blocks[i]
    if walk.previous_kind == "fiche" and not block.segment_start:
        return None  # a fiche's subtitle, not a heading of its own
    nxt, after = walk.next(i), walk.next(i, 2)
    if not title_like(block.text) or nxt is None:
        return None
    if not (_body_like(nxt.text) or (title_like(nxt.text) and after is not None and _body_like(after.text))):
        return None
    kind = "group" if _norm(block.text) in walk.repeated else "sub"
    return Heading(walk.base() + (2 if walk.previous_kind == "group" else 1), block.text, kind)


# --- the shapes ------------------------------------------------------------------------------------------

SLIDE_DECK: Shape = (markdown_heading, part_heading, slide_keyword, slide_title)
REPORT_WITH_TOC: Shape = (
    markdown_heading,
    part_heading,
    keyword_heading,
    fiche_label,
    toc_chapter,
    toc_numbered,
)
REPORT: Shape = (
    markdown_heading,
    part_heading,
    keyword_heading,
    fiche_label,
    toc_chapter,
    printed_chapter,
    numbered_heading,
    fiche_title,
    sub_heading,
)


def choose_shape(toc: Sequence[TocEntry], slides: bool = False) -> Shape:
    """The document's shape: slides, a report whose TOC lists at least 8 numbered headings (a list of
    chapters "01".."07" alone is too coarse to confirm headings), or a report without one."""
    if slides:
        return SLIDE_DECK
    numbered = [e for e in toc if e.number]
    if len(numbered) >= 8 and not all(len(e.number) == 2 and e.number[0] == "0" for e in numbered):
        return REPORT_WITH_TOC
    return REPORT


def assign_sections(
    blocks: Sequence[Block], toc: Sequence[TocEntry] = (), slides: bool = False
) -> list[SectionedBlock]:
    """Mark headings and give each block the path of headings above it ("04 ... > 6. Van ...")."""
    return Walk.of(blocks, toc).run(choose_shape(toc, slides))


def find_sections(doc: LoadedDocument, cleaned: Sequence[Page]) -> list[SectionedBlock]:
    """The cleaned pages of `doc` as blocks with their section paths (headings included, marked). The table
    of contents is read from the loaded text: cleaning removes it from the pages."""
    raw = "\n".join(normalize_unicode(page.text) for page in doc.pages)
    slides = doc.info.doc_type in SLIDE_TYPES
    return assign_sections(blocks_from_pages(cleaned), extract_toc(raw), slides=slides)
