"""Clean extracted document text: small pure functions (str -> str, pages -> pages), applied in order.

The cleaned text is a sequence of blocks (one paragraph, heading or list item per line) separated by a blank
line; two blank lines mark a hard break (a new slide, a new fiche page) that heading detection relies on.
Cleaning removes only navigation and layout (tables of contents, page counters, running headers, markup),
never content.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence

from basics.typography import BULLET_GLYPHS, TOC_LEADER
from ingest.documents import Page

BULLET = "- "
HARD_BREAK = "\n\n\n"

# A list item's bullet at a line start: the shared glyphs, an arrow, o (nested), - (plain). The en dash is
# left alone: it introduces quote attributions ("– Bruce Perry"), not list items.
_BULLET_LINE = re.compile(rf"^([ \t]*)(?:[{BULLET_GLYPHS}➔]|o(?=[ \t])|-(?=[ \t]))[ \t]*", re.MULTILINE)
_TERMINAL = ".!?:;"
_CLOSERS = "\"'”’)»"
_NUMBERED_HEADING = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+[A-ZÀ-Þ]")
_PAGE_COUNTER = re.compile(r"^\s*(\d{1,4})\s*/\s*(\d{1,4})\s*$")
_LONE_NUMBER = re.compile(r"^\s*\d{1,4}\s*$")
_TOC_ENTRY_WITH_PAGE = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?|DEEL [IVX]+:?)\s.*\S\s+\d{1,3}\s*$")
_TOC_TITLE = re.compile(r"^\s*(?:inhoud|inhoudstafel|inhoudsopgave|houd in)\s*$", re.IGNORECASE)
_GARBLED_TOC_ITEM = re.compile(r"^\s*-\s*(?:\d{2}\*\*.*)?$")
_URL_FOOTER = re.compile(r"^\s*(?:www\.|https?://)\S+\s+\d{1,3}\s*$")


def normalize_unicode(text: str) -> str:
    """NFKC (ligatures, non-breaking spaces), unified line ends, no soft hyphens or zero-width characters.

    Trailing spaces are kept: the PDF extractions end paragraphs with two spaces, which unwrapping reads.
    """
    text = unicodedata.normalize("NFKC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = re.sub(r"[\u00ad\u200b\u200c\u200d\ufeff]", "", text)
    return "\n".join("" if not line.strip() else line for line in text.split("\n"))


def split_page_markers(pages: Sequence[Page]) -> list[Page]:
    """Split an unpaginated text at page counters ("2/187") and drop the counters with their page numbers.

    The text after counter N is page N. A page number is only kept where it is certain: when the next
    counter is N+1 (the eindrapport prints counters on its first pages only, with gaps).
    """
    result: list[Page] = []
    for page in pages:
        lines = page.text.split("\n")
        marks = [(i, int(m.group(1))) for i, line in enumerate(lines) if (m := _PAGE_COUNTER.match(line))]
        totals = {int(m.group(2)) for line in lines if (m := _PAGE_COUNTER.match(line))}
        if page.number is not None or len(marks) < 2 or len(totals) != 1:
            result.append(page)
            continue
        cuts = [i for i, _ in marks]
        numbers = [n for _, n in marks]
        first = numbers[0] - 1 if numbers[0] == 2 else None
        segments: list[tuple[int, int, int | None]] = [(0, cuts[0], first)]
        for k, (cut, printed) in enumerate(zip(cuts, numbers, strict=True)):
            end = cuts[k + 1] if k + 1 < len(cuts) else len(lines)
            certain = k + 1 < len(numbers) and numbers[k + 1] == printed + 1
            segments.append((cut + 1, end, printed if certain else None))
        for start, end, number in segments:
            body = _drop_trailing_page_number(lines[start:end])
            result.append(Page(text="\n".join(body), number=number, label=str(number) if number else None))
    return result


def _drop_trailing_page_number(lines: list[str]) -> list[str]:
    """The printed page number sits alone just above the next counter: drop it with the counter."""
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    if end and _LONE_NUMBER.match(lines[end - 1]):
        return lines[: end - 1]
    return lines


def remove_page_counters(text: str) -> str:
    """Drop page counter lines ("2/187") and a lone page number directly above one."""
    lines = text.split("\n")
    drop: set[int] = set()
    for i, line in enumerate(lines):
        counter = _PAGE_COUNTER.match(line)
        if counter and int(counter.group(1)) <= int(counter.group(2)):
            drop.add(i)
            j = i - 1
            while j >= 0 and not lines[j].strip():
                j -= 1
            if j >= 0 and _LONE_NUMBER.match(lines[j]):
                drop.add(j)
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


def remove_dot_leader_toc(text: str) -> str:
    """Remove tables of contents: runs of dot-leader lines with their wrapped first halves and page numbers.

    The eindrapport's TOC repeats every heading; left in, each heading would be detected twice.
    """
    lines = text.split("\n")
    leader = [("....." in line and bool(TOC_LEADER.search(line))) for line in lines]
    if sum(leader) < 3:
        return text
    filled = [i for i, line in enumerate(lines) if line.strip()]
    rank = {i: k for k, i in enumerate(filled)}

    def toc_like(i: int) -> bool:
        line = lines[i]
        if leader[i] or not line.strip() or _LONE_NUMBER.match(line) or _PAGE_COUNTER.match(line):
            return True
        if _TOC_TITLE.match(line):
            return True
        if _TOC_ENTRY_WITH_PAGE.match(line):
            return True
        if len(line.split()) > 25:
            return False
        # The first lines of an entry wrapped over several lines: a leader line follows after plain lines
        # only, or its page number follows on a line of its own.
        for k in filled[rank[i] + 1 : rank[i] + 4]:
            if leader[k]:
                return True
            if _LONE_NUMBER.match(lines[k]):
                return bool(_NUMBERED_HEADING.match(line.strip()))
            if _PAGE_COUNTER.match(lines[k]) or _TOC_TITLE.match(lines[k]):
                return False
        return False

    drop: set[int] = set()
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and toc_like(j):
            j += 1
        if sum(leader[i:j]) >= 3:
            drop.update(range(i, j))
            # An entry wrapped across the page end: its first lines close the page, the rest opens the next.
            tail = [k for k in filled if k >= j]
            last = max((k for k in filled if k < j), default=i)
            if leader[last] and len(tail) <= 3 and all(len(lines[k].split()) <= 25 for k in tail):
                drop.update(tail)
        i = max(j, i + 1)
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


def remove_garbled_toc(text: str) -> str:
    """Remove a TOC extracted as a list of chapter numbers ("HOUD IN" / "- 01** Project OverHoop")."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not _TOC_TITLE.match(line):
            continue
        j = i + 1
        items = 0
        while j < len(lines) and (not lines[j].strip() or _GARBLED_TOC_ITEM.match(lines[j])):
            items += bool(re.search(r"\d{2}\*\*", lines[j]))
            j += 1
        if items >= 3:
            return "\n".join(lines[:i] + lines[j:])
    return text


def remove_heading_overviews(text: str) -> str:
    """Remove an overview page that only lists numbered part titles ("BOUWSTEEN 1 / Bewustzijn creëren ...").

    Such a page is a table of contents for an appendix; every title on it returns with its content.
    """
    segments = re.split(r"\n{4,}", text)
    kept = []
    for segment in segments:
        blocks = [b.strip() for b in re.split(r"\n\s*\n", segment) if b.strip()]
        keyed = [b for b in blocks if re.fullmatch(r"[A-Z][A-Za-z]+ \d{1,2}", b)]
        words = sum(len(b.split()) for b in blocks)
        is_overview = len(keyed) >= 4 and words <= 12 * len(keyed) and len(blocks) <= 2 * len(keyed) + 1
        if is_overview and all(len(b.split()) <= 12 and b[-1] not in ".:;," for b in blocks):
            # The overview's own caption (e.g. "INSPIRERENDE PRAKTIJKEN") introduces what follows: keep it.
            caption = [b for b in blocks[:1] if b.isupper() and b not in keyed]
            kept.append("\n\n".join(caption))
            continue
        kept.append(segment)
    return "\n\n\n\n".join(kept)


def remove_stray_template_headers(text: str) -> str:
    """Drop a template footer ("www.conceptjeugdhulp.be 7") and the caps header line standing above it."""
    lines = text.split("\n")
    drop: set[int] = set()
    for i, line in enumerate(lines):
        if not _URL_FOOTER.match(line):
            continue
        drop.add(i)
        j = i - 1
        while j >= 0 and not lines[j].strip():
            j -= 1
        if j >= 0 and lines[j].strip().isupper() and len(lines[j].split()) <= 2:
            drop.add(j)
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


def remove_running_slide_headers(text: str) -> str:
    """Drop a slide header repeated on 3+ slides, only where the slide has its own title below it.

    Where the repeated line is the slide's only title (a bullet follows), it stays.
    """
    segments = re.split(r"(\n{4,})", text)
    firsts = Counter(_first_line(s) for s in segments[::2] if _first_line(s))
    running = {line for line, n in firsts.items() if n >= 3}
    if not running:
        return text
    for k in range(0, len(segments), 2):
        lines = segments[k].split("\n")
        idx = [i for i, line in enumerate(lines) if line.strip()]
        if len(idx) >= 2 and lines[idx[0]].strip() in running:
            following = lines[idx[1]].strip()
            if not _BULLET_LINE.match(following) and len(following.split()) <= 12:
                segments[k] = "\n".join(lines[: idx[0]] + lines[idx[0] + 1 :])
    return "".join(segments)


def _first_line(segment: str) -> str:
    return next((line.strip() for line in segment.split("\n") if line.strip()), "")


def remove_repeated_page_lines(pages: Sequence[Page]) -> list[Page]:
    """Drop running headers/footers: a first or last line repeated (digits aside) on most pages."""
    if len(pages) < 3:
        return list(pages)

    def key(line: str) -> str:
        return re.sub(r"\d+", "#", line.strip().lower())

    edges: Counter[str] = Counter()
    for page in pages:
        lines = [line for line in page.text.split("\n") if line.strip()]
        edges.update({key(line) for line in lines[:2] + lines[-2:]})
    repeated = {k for k, n in edges.items() if n >= max(3, len(pages) // 2)}
    result = []
    for page in pages:
        lines = page.text.split("\n")
        filled = [i for i, line in enumerate(lines) if line.strip()]
        edge = set(filled[:2] + filled[-2:])
        kept = [line for i, line in enumerate(lines) if not (i in edge and key(line) in repeated)]
        result.append(Page(text="\n".join(kept), number=page.number, label=page.label))
    return result


def html_tables_to_text(text: str) -> str:
    """Render raw HTML table rows as text: cells joined with " | ", tags removed, list items kept."""

    def row(line: str) -> str:
        cells = [c for c in re.split(r"\t|</p>\s*|</td>\s*", line) if re.sub(r"<[^>]+>", "", c).strip()]
        rendered = [" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in cells]
        return " | ".join(rendered)

    if "<" not in text:
        return text
    tag = re.compile(r"</?(?:p|ul|li|td|tr)\b")
    return "\n".join(row(line) if "<" in line and tag.search(line) else line for line in text.split("\n"))


def strip_markup(text: str) -> str:
    """Remove markdown emphasis (**bold**, *italic*) and angle brackets around URLs."""
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    text = re.sub(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])", r"\1", text)
    return re.sub(r"<((?:https?://|www\.)[^>\s]+)>", r"\1", text)


def strip_footnote_markers(text: str) -> str:
    """Remove footnote references fused into the text, where recognisable.

    - PDF glyph residue plus the number pushed to the next line: "voorafgaan 0F0F\\n\\n1." -> "voorafgaan.",
      also with a space inside: "organisaties. 9 F9F\\n\\n10" -> "organisaties."
    - bracketed references glued to a word: "meer.^[7]", "meegemaakt.[1,2]"
    - digits glued to a word that occurs elsewhere without them: "onderzoek12" -> "onderzoek"
    """
    # The glyph residue may stand apart from its number ("organisaties. 9 F9F\n\n10").
    text = re.sub(r"[ \t]*(\d{1,3})[ \t]?F\1F[ \t]*\n(?:[ \t]*\n)*[ \t]*\d{1,3}(?=[\s.,;:)’']|$)", "", text)
    text = re.sub(r"(?<=\S)\^?\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]", "", text)
    fused_word = re.compile(r"(?<![\w/=&.?-])([a-zà-ÿ]{4,})(\d{1,2})(?=[\s.,;:)]|$)", re.MULTILINE)
    if not fused_word.search(text):
        return text
    vocabulary = Counter(re.findall(r"[a-zà-ÿ]{4,}", text))

    def fused(match: re.Match[str]) -> str:
        word = match.group(1)
        return word if vocabulary[word] >= 2 else match.group(0)

    # Only lower-case words: names such as "SPARK36" or "Connect 0-4" keep their digits.
    return fused_word.sub(fused, text)


def normalise_bullets(text: str) -> str:
    """Give every list item the same bullet: "- "."""
    return _BULLET_LINE.sub(BULLET, text)


_CONJUNCTIONS = {"en", "of", "tot", "noch", "als", "and", "or"}


def join_hyphenated_words(text: str) -> str:
    """Join words split by a hyphen at a line end, deciding by evidence in the same text.

    The form attested more often elsewhere in the text wins ("on-\\ndersteunen" -> "ondersteunen"); without
    evidence a one-letter prefix keeps its hyphen ("e-\\nlearningtraject" -> "e-learningtraject") and longer
    halves are joined. Proper nouns ("OverHoop-\\nproject") and a capital after the break
    ("West-\\nVlaanderen") keep the hyphen. Before a conjunction the hyphen is a real Dutch ellipsis hyphen
    ("nulde-\\nen eerstelijnsactoren") and the space is kept.
    """
    split = re.compile(r"(\w+)-[ \t]*\n(?:[ \t]*\n)?[ \t]*(\w+)")
    if not split.search(text):
        return text
    words = Counter(re.findall(r"\w+(?:-\w+)*", text.lower()))

    def join(match: re.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        if right.lower() in _CONJUNCTIONS:
            return f"{left}- {right}"
        if right[0].isupper() or any(c.isupper() or c.isdigit() for c in left[1:]):
            return f"{left}-{right}"
        joined, hyphenated = f"{left}{right}", f"{left}-{right}"
        attested_joined, attested_hyphen = words[joined.lower()], words[hyphenated.lower()]
        if attested_joined != attested_hyphen:
            return joined if attested_joined > attested_hyphen else hyphenated
        return hyphenated if len(left) == 1 else joined

    return split.sub(join, text)


def repair_midline_hyphenation(text: str) -> str:
    """Undo reflowed hyphenation inside a line ("ontwikkelings-trauma") when the joined word is attested.

    Only lower-case halves of 3+ letters qualify, and only when the joined form occurs at least as often as
    the hyphenated one, so real compounds ("ouder-kind") stay.
    """
    words = Counter(re.findall(r"\w+(?:-\w+)*", text.lower()))

    def join(match: re.Match[str]) -> str:
        joined = match.group(1) + match.group(2)
        attested = words[joined.lower()]
        return joined if attested and attested >= words[match.group(0).lower()] else match.group(0)

    return re.sub(r"(?<![\w-])([a-zà-ÿ]{3,})-([a-zà-ÿ]{3,})(?![\w-])", join, text)


def unwrap_lines(text: str) -> str:
    """Rebuild paragraphs from hard-wrapped lines: one block per paragraph, heading or list item.

    Double-spaced extractions (a blank line after every line) are read with one blank line as a plain line
    break. Within a run of lines, a line joins the previous one unless the previous line ends a paragraph
    (terminal punctuation plus two trailing spaces, or a short line ending a sentence), a list item starts, a
    numbered heading starts or ends, or a new page starts (a line indented by one space).
    """
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if not filled:
        return ""
    width = _wrap_width([lines[i] for i in filled])
    gaps = [b - a - 1 for a, b in zip(filled, filled[1:], strict=False)]  # blank lines before filled[k+1]
    # Text with one paragraph per line (long lines) is not hard-wrapped: its blank lines are paragraph breaks.
    wrapped = sum(len(lines[i]) > 200 for i in filled) < 0.1 * len(filled)
    blocks: list[list[str]] = [[lines[filled[0]]]]
    breaks: list[int] = [0]
    for k, gap in enumerate(gaps):
        line, previous = lines[filled[k + 1]], lines[filled[k]]
        # In a double-spaced stretch (a blank line after every line) one blank line is just a line break.
        before = k == 0 or gaps[k - 1] >= 1
        after = k + 1 == len(gaps) or gaps[k + 1] >= 1
        # At the edge of a double-spaced stretch a blank line only counts as a break after a sentence end.
        edge = (k > 0 and gaps[k - 1] == 1) or (k + 1 < len(gaps) and gaps[k + 1] == 1)
        soft = wrapped and gap == 1 and ((before and after) or (edge and not _ends_sentence(previous)))
        effective = gap - 1 if soft or (wrapped and gap >= 2 and _double_spaced_around(gaps, k)) else gap
        if effective or _starts_block(previous, line, width):
            blocks.append([line])
            breaks.append(effective)
        else:
            blocks[-1].append(line)
    out: list[str] = []
    for k, block in enumerate(blocks):
        if k:
            out.append(HARD_BREAK if breaks[k] >= 3 else "\n\n")
        out.append(" ".join(" ".join(block).split()))
    return "".join(out)


def _double_spaced_around(gaps: list[int], k: int) -> bool:
    neighbours = gaps[max(0, k - 2) : k] + gaps[k + 1 : k + 3]
    return bool(neighbours) and all(g == 1 for g in neighbours)


def _wrap_width(lines: list[str]) -> int:
    lengths = sorted(len(line.rstrip()) for line in lines)
    return max(40, lengths[int(0.75 * (len(lengths) - 1))])


def _ends_sentence(line: str) -> bool:
    prev = line.rstrip()
    return bool(prev) and (
        prev[-1] in _TERMINAL or (prev[-1] in _CLOSERS and len(prev) > 1 and prev[-2] in _TERMINAL)
    )


def _starts_block(previous: str, line: str, width: int) -> bool:
    prev = previous.rstrip()
    stripped = line.strip()
    if not prev:
        return True
    ends_sentence = _ends_sentence(prev)
    short = len(prev.strip()) < 0.6 * width
    starts_upper = stripped[0].isupper() or stripped[0].isdigit() or stripped[0] in "“‘\"'(["
    if stripped.startswith(BULLET.strip() + " ") or stripped == BULLET.strip():
        return True
    if line.startswith(" ") and not line.startswith("  "):
        return True  # the extraction indents the first line of a new page by one space
    if stripped[0].islower() and not _NUMBERED_HEADING.match(prev.strip()):
        return False  # a sentence continues, whatever the previous line ends with
    if ends_sentence and (previous.endswith("  ") or short):
        return True
    if ends_sentence and len(stripped) < 0.6 * width and stripped[-1] not in _TERMINAL + _CLOSERS:
        return True  # a short title line after a sentence: a heading, not the sentence's tail
    if _NUMBERED_HEADING.match(prev.strip()) and starts_upper and not prev.endswith((",", "-")):
        return True
    if _NUMBERED_HEADING.match(stripped) and (ends_sentence or short or re.match(r"\d+\.\d", stripped)):
        return True
    return short and not ends_sentence and starts_upper and not prev.endswith((",", "-", "–"))


def rejoin_interrupted_paragraphs(text: str) -> str:
    """Rejoin a paragraph cut by a page break, moving footnotes printed in between to after it.

    A block that stops mid-sentence, followed (after at most four footnote or URL blocks) by a block that
    starts in lower case, is one paragraph.
    """
    parts = re.split(r"(\n{2,})", text)
    blocks, seps = parts[::2], parts[1::2]
    i = 0
    while i < len(blocks) - 1:
        head = blocks[i]
        j = i + 1
        while j < len(blocks) and j - i <= 5 and _is_footnote(blocks[j]) and seps[j - 1] != HARD_BREAK:
            j += 1
        mid_sentence = head and head[-1] not in _TERMINAL + _CLOSERS and len(head.split()) >= 5
        if mid_sentence and j < len(blocks) and blocks[j][:1].islower() and HARD_BREAK not in seps[i:j]:
            footnotes = blocks[i + 1 : j]
            blocks[i] = f"{head} {blocks[j]}"
            del blocks[i + 1 : j + 1]
            del seps[i:j]
            for offset, note in enumerate(footnotes):
                blocks.insert(i + 1 + offset, note)
                seps.insert(i + offset, "\n\n")
            continue
        i += 1
    out = [blocks[0]] if blocks else []
    for sep, block in zip(seps, blocks[1:], strict=True):
        out.extend([sep, block])
    return "".join(out)


def _is_footnote(block: str) -> bool:
    return bool(re.match(r"^\d{1,2} (?=\S)", block) or re.fullmatch(r"(?:https?://|www\.)\S+", block))


def collapse_whitespace(text: str) -> str:
    """Single spaces inside blocks; between blocks one blank line, or two for a hard break."""
    parts = re.split(r"(\n{2,})", text.strip())
    blocks = [" ".join(p.split()) for p in parts[::2]]
    seps = [HARD_BREAK if len(p) >= 3 else "\n\n" for p in parts[1::2]]
    out: list[str] = []
    for k, block in enumerate(blocks):
        if not block:
            continue
        if out:
            out.append(HARD_BREAK if HARD_BREAK in seps[k - 1 : k] else "\n\n")
        out.append(block)
    return "".join(out)


TEXT_CLEANERS: tuple[Callable[[str], str], ...] = (
    normalize_unicode,
    remove_page_counters,
    remove_dot_leader_toc,
    remove_garbled_toc,
    remove_heading_overviews,
    remove_stray_template_headers,
    remove_running_slide_headers,
    html_tables_to_text,
    strip_markup,
    strip_footnote_markers,
    normalise_bullets,
    join_hyphenated_words,
    repair_midline_hyphenation,
    unwrap_lines,
    rejoin_interrupted_paragraphs,
    collapse_whitespace,
)


def clean_text(text: str) -> str:
    """Run every text cleaner in order."""
    for cleaner in TEXT_CLEANERS:
        text = cleaner(text)
    return text


def clean_pages(pages: Sequence[Page]) -> list[Page]:
    """Split page counters, drop running headers/footers, then clean each page's text."""
    normalised = [Page(text=normalize_unicode(p.text), number=p.number, label=p.label) for p in pages]
    split = remove_repeated_page_lines(split_page_markers(normalised))
    return [Page(text=clean_text(p.text), number=p.number, label=p.label) for p in split]
