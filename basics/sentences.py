"""Split Dutch passages into sentences and list items, verbatim: what the chunker, the sentence vectors and
the extractive answer all cut by.

Rule-based on purpose: the corpus is flattened PDF text with bullets, numbered lists and abbreviations
("o.a.", "bv.", "dr.", "nl.", "m.a.w.") that a generic splitter cuts in the wrong places.
"""

from __future__ import annotations

import re

from basics.typography import BULLET_GLYPHS

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

# Cleaned text keeps the bullets the cleaner does not rewrite: Symbol-font ones, checkmarks, asterisks.
_BULLET_CHARS = BULLET_GLYPHS + "▸✓*\uf0b7\uf0a7"
_LINE_BULLET = re.compile(rf"^\s*(?:[{re.escape(_BULLET_CHARS)}]|-|–)\s+")
# An inline bullet: a bullet character, or a dash between spaces before a capital (a hyphen inside a
# compound like "nulde- en eerstelijnsactoren" has no space before it and is left alone).
_INLINE_BULLET = re.compile(rf"\s(?:[{re.escape(_BULLET_CHARS)}]\s+|-\s+(?=[A-ZÀ-Ý0-9‘“'\"*]))")
# A list number ("1. Luisteren", "2) Erkennen") before a capital starts a new item.
_LIST_NUMBER = re.compile(r"(?<=\s)(\d{1,2}[.)])\s+(?=[A-ZÀ-Ý])")
_SENTENCE_END = re.compile(r"([.!?…]+[\"”’')\]]*)\s+(?=[\"“‘'(\[]?[A-ZÀ-Ý0-9])")
_WORD_BEFORE = re.compile(r"(\S+)$")


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
        if is_abbreviation(item[start:end], match.group(1)):
            continue
        out.append(item[start:end])
        start = match.end()
    out.append(item[start:])
    return out


def is_abbreviation(fragment: str, punctuation: str) -> bool:
    """True when `punctuation` ending `fragment` belongs to an abbreviation, an initial or a leading list
    number rather than ending a sentence."""
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
