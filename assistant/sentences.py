"""Split Dutch passages into sentences and recognise the ones worth quoting (no headings, TOC lines, stubs).

Rule-based on purpose: the corpus is flattened PDF text with bullets, numbered lists and abbreviations
("o.a.", "bv.", "dr.", "nl.", "m.a.w.") that a generic splitter cuts in the wrong places.
"""

from __future__ import annotations

import re

# Lower-cased, without the final period. An abbreviation followed by a capital does not end a sentence
# ("dr. Binu Sighn"); "enz." and "etc." are left out because they usually do end one.
ABBREVIATIONS = frozenset(
    {
        "o.a", "bv", "bijv", "bvb", "vb", "dr", "drs", "prof", "mr", "mevr", "dhr", "nl", "m.a.w", "i.s.m",
        "m.b.t", "t.a.v", "t.o.v", "i.v.m", "e.d", "d.w.z", "z.g", "zgn", "ca", "resp", "incl", "excl",
        "nr", "nrs", "blz", "p", "pp", "art", "st", "vs", "fig", "tel", "evt", "max", "min", "jr", "afb",
        "hfst", "cf", "e.a", "et al", "al", "ir", "ing", "lic", "cfr",
    }
)  # fmt: skip

_BULLET_CHARS = "•▪●◦■□▸►➢✓§*\uf0b7\uf0a7"
_LINE_BULLET = re.compile(rf"^\s*(?:[{re.escape(_BULLET_CHARS)}]|-|–)\s+")
# An inline bullet: a bullet character, or a dash between spaces before a capital (a hyphen inside a
# compound like "nulde- en eerstelijnsactoren" has no space before it and is left alone).
_INLINE_BULLET = re.compile(rf"\s(?:[{re.escape(_BULLET_CHARS)}]\s+|-\s+(?=[A-ZÀ-Ý0-9‘“'\"*]))")
# A list number ("1. Luisteren", "2) Erkennen") before a capital starts a new item.
_LIST_NUMBER = re.compile(r"(?<=\s)(\d{1,2}[.)])\s+(?=[A-ZÀ-Ý])")
_SENTENCE_END = re.compile(r"([.!?…]+[\"”’')\]]*)\s+(?=[\"“‘'(\[]?[A-ZÀ-Ý0-9])")
_WORD_BEFORE = re.compile(r"(\S+)$")
_SECTION_NUMBER = re.compile(r"^\d+(?:\.\d+)*\.?\s+")
_DOT_LEADER = re.compile(r"(?:\.\s?){4,}|…{2,}|_{4,}")
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
# Capitalised words that open a Dutch sentence: when one follows a short title-like prefix, the prefix
# was a heading the flattened text glued onto the sentence ("Doelstellingen De afgelopen jaren ...").
_SENTENCE_OPENERS = frozenset(
    {
        "De", "Het", "Een", "We", "Wij", "Dit", "Deze", "Die", "Dat", "In", "Op", "Er", "Ook", "Om", "Bij",
        "Als", "Voor", "Met", "Hoewel", "Zo", "Daarnaast", "Daarom", "Binnen", "Vanuit", "Tijdens", "Uit",
        "Na", "Naast", "Door", "Via", "Sinds", "Zij", "Ze", "Hij", "Men", "Wanneer", "Omdat",
        "Onder", "Aan", "Tot", "Ondanks", "Verder", "Bovendien", "Tegelijk", "Tegelijkertijd", "Zowel",
        "Niet", "Elk", "Elke", "Iedere", "Ieder", "Alle", "Veel", "Kinderen", "Professionals",
    }
)  # fmt: skip
_HEADING_STOP = frozenset({"van", "de", "het", "een", "vzw", "project", "en", "voor", "in", "met", "aan"})
_MAX_HEADING_WORDS = 10
_MIN_ITEM_WORDS = 8
_MAX_ITEM_WORDS = 25
_HEADING_PUNCTUATION = re.compile(r"[,;:*()\[\]<>!?\"“”]")
_FIELD_LINE = re.compile(r"^\*\*[^*]{2,40}:\*\*\s+\S")  # "**Doelgroep:** ouders ..." in the fiches
_CAPTION = re.compile(r"\b(?:Figuur|Tabel|Grafiek|Afbeelding|Bijlage)\s+\d+[.:]", re.IGNORECASE)
_INNER_SECTION_NUMBER = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}\.\d{1,2}(?![\d.])")
_STOP_THEN_LOWER = re.compile(r"(\S\.)\s+[a-zà-ÿ]")
_URL = re.compile(r"https?://|www\.")


def split_sentences(text: str) -> list[str]:
    """The sentences and list items of `text`, in order, verbatim (bullet markers dropped)."""
    sentences: list[str] = []
    for block in _blocks(text):
        for item in _split_items(block):
            sentences.extend(_split_item(item))
    return [s for s in (s.strip() for s in sentences) if s]


def split_at_sentence_ends(text: str) -> list[str]:
    """`text` cut at sentence ends only, verbatim: no list or bullet handling (the chunker's need)."""
    return [s for s in (part.strip() for part in _split_item(text)) if s]


def _blocks(text: str) -> list[str]:
    """Paragraphs and list lines; wrapped lines inside a paragraph are joined."""
    blocks: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        current: list[str] = []
        for line in paragraph.splitlines():
            line = line.strip()
            if not line:
                continue
            starts_item = bool(_LINE_BULLET.match(line) or re.match(r"^\d{1,2}[.)]\s", line))
            ends_sentence = current and re.search(r"[.!?:;…]['\"”’)]*$", current[-1])
            if current and (starts_item or ends_sentence):
                blocks.append(" ".join(current))
                current = []
            current.append(line)
        if current:
            blocks.append(" ".join(current))
    return blocks


def _split_items(block: str) -> list[str]:
    items: list[str] = []
    for part in _INLINE_BULLET.split(f" {block}"):
        part = _LINE_BULLET.sub("", part).strip()
        if part:
            items.extend(p.strip() for p in _LIST_NUMBER.sub(r"\n\1 ", f" {part}").split("\n") if p.strip())
    return items


def _split_item(item: str) -> list[str]:
    out: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(item):
        end = match.end(1)
        if _is_abbreviation(item[start:end], match.group(1)):
            continue
        out.append(item[start:end])
        start = match.end()
    out.append(item[start:])
    return out


def _is_abbreviation(fragment: str, punctuation: str) -> bool:
    if punctuation != ".":
        return False
    word = _WORD_BEFORE.search(fragment)
    if not word:
        return False
    token = word.group(1).rstrip(".").lstrip("(\"'“‘").lower()
    if token in ABBREVIATIONS or fragment.lower().endswith(" et al."):
        return True
    # An initial ("J. Smith") or a list number at the start of the item ("1. Luisteren").
    return (len(token) == 1 and token.isalpha()) or (token.isdigit() and fragment.strip() == word.group(1))


def strip_heading_prefix(sentence: str) -> str:
    """The sentence without a heading glued in front of it ("3.2 Resultaten De zorgraden gaven ...")."""
    numbered = _SECTION_NUMBER.match(sentence)
    body = sentence[numbered.end() :] if numbered else sentence
    words = body.split(" ")
    for i in range(1, min(len(words) - 1, _MAX_HEADING_WORDS + 1)):
        word, following, previous = words[i], words[i + 1], words[i - 1]
        if (
            word in _SENTENCE_OPENERS
            and (following[:1].islower() or following[:1].isdigit())
            and previous.lower() not in _HEADING_STOP
            and not any(_HEADING_PUNCTUATION.search(w) for w in words[:i])
        ):
            return " ".join(words[i:])
    return body if numbered and body[:1].isupper() else sentence


def ends_sentence(text: str) -> bool:
    """True when `text` ends with final punctuation (possibly inside quotes or brackets)."""
    return bool(re.search(r"[.!?…:]['\"”’)\]]*$", text.rstrip()))


def is_quotable(sentence: str, min_words: int = 5, max_words: int = 60) -> bool:
    """True for a real sentence: not a heading, TOC line, table row, list stub, link or cut-off fragment.

    A line without final punctuation passes only when it is long enough to be a list item rather than a
    heading; the caller drops a passage's last sentence when the chunk boundary may have cut it.
    """
    words = _WORD.findall(sentence)
    if not min_words <= len(words) <= max_words:
        return False
    if _DOT_LEADER.search(sentence) or _URL.search(sentence):
        return False
    if _FIELD_LINE.match(sentence):
        return len(words) >= 4
    letters = len(_LETTER.findall(sentence))
    if letters < 0.6 * len(sentence.replace(" ", "")):
        return False
    first = sentence.lstrip("\"'“‘(")[:1]
    if not (first.isupper() or first.isdigit()):
        return False  # starts mid-sentence: the chunk boundary cut it
    if not ends_sentence(sentence) and not _MIN_ITEM_WORDS <= len(words) <= _MAX_ITEM_WORDS:
        return False  # a heading, or slide or table text run together
    if sentence.rstrip().endswith(":") and len(words) < 12:
        return False  # a list stub ("Het project heeft drie hoofddoelen:")
    upper = sum(1 for w in words if w.isupper() and len(w) > 1)
    if upper > 0.5 * len(words) or sum(1 for w in words if w.isupper() and len(w) >= 6) >= 2:
        return False  # a table header or form labels ("PROJECTNAAM ... TREKKER ...")
    if _CAPTION.search(sentence) or _INNER_SECTION_NUMBER.search(sentence):
        return False  # a figure caption or a heading flattened into the text
    return not _is_spliced(sentence)


def _is_spliced(sentence: str) -> bool:
    """True when a full stop is followed by a lower-case word: two pieces of text from across a page break
    or a footnote ("New York: John Wiley & Sons. het OverHoop-traject ..."), abbreviations aside."""
    for match in _STOP_THEN_LOWER.finditer(sentence):
        before = sentence[: match.end(1)]
        if not _is_abbreviation(before, ".") and not before.lower().endswith(("enz.", "etc.")):
            return True
    return False
