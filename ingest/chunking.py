"""Cut a document's sectioned blocks (cleaned, headings found) into citable chunks: pack paragraphs.

A chunk never crosses a section boundary and never splits a sentence unless that one sentence is longer
than the limit. Headings travel in `Chunk.section`, not in the text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from basics.sentences import split_at_sentence_ends
from ingest.documents import Chunk, DocumentInfo, chunk_id_for
from ingest.headings import SEPARATOR, SectionedBlock

MIN_WORDS = 15


def chunk_blocks(info: DocumentInfo, blocks: Sequence[SectionedBlock], max_words: int = 220) -> list[Chunk]:
    """Chunks of whole paragraphs (sentences when a paragraph is too long), at most `max_words` words."""
    runs = _merge_tiny_runs(_section_runs(blocks), max_words)
    chunks: list[Chunk] = []
    for run in runs:
        for pieces in _pack(_units(run, max_words), max_words):
            first = pieces[0]
            text = "\n".join(p.text for p in pieces)
            chunks.append(_make(info, text, first.section, len(chunks), first.page, first.label))
    return chunks


def _section_runs(blocks: Sequence[SectionedBlock]) -> list[list[SectionedBlock]]:
    """Consecutive body blocks under the same section path, on the same page."""
    runs: list[list[SectionedBlock]] = []
    for block in blocks:
        if block.is_heading:
            runs.append([])
            continue
        # A chunk cites one page: a new page (where pages are known) starts a new run too.
        if not runs or (
            runs[-1] and (runs[-1][-1].section, runs[-1][-1].page) != (block.section, block.page)
        ):
            runs.append([])
        runs[-1].append(block)
    return [run for run in runs if run]


def _merge_tiny_runs(runs: list[list[SectionedBlock]], max_words: int) -> list[list[SectionedBlock]]:
    """A tiny section (one short line under a heading) joins the section that follows when that one is its
    child, so the merged chunk's path still names both; otherwise it stays a small chunk of its own."""
    merged: list[list[SectionedBlock]] = []
    carry: list[SectionedBlock] = []
    for k, run in enumerate(runs):
        run = carry + run
        carry = []
        words = sum(_words(b.text) for b in run)
        nxt = runs[k + 1] if k + 1 < len(runs) else None
        # A tiny section that is a child's parent, or an introduction ending in ":" ("Het project is
        # opgebouwd uit drie fasen:") before a sibling, reads well at the head of the next section.
        related = nxt and (
            nxt[0].section.startswith(run[-1].section + SEPARATOR)
            or (run[-1].text.endswith(":") and _parent(nxt[0].section) == _parent(run[-1].section))
        )
        if words < MIN_WORDS and nxt and related and words + sum(_words(b.text) for b in nxt) <= max_words:
            carry = [_rehome(b, nxt[0].section) for b in run]
            continue
        merged.append(run)
    if carry:
        merged.append(carry)
    return merged


def _parent(section: str) -> str:
    return section.rpartition(SEPARATOR)[0]


def _rehome(block: SectionedBlock, section: str) -> SectionedBlock:
    return SectionedBlock(block.text, section, block.is_heading, block.page, block.label)


def _units(run: Sequence[SectionedBlock], max_words: int) -> list[SectionedBlock]:
    """Blocks small enough to pack; a longer paragraph is cut into sentence groups (or, for a single giant
    sentence, into word windows)."""
    units: list[SectionedBlock] = []
    for block in run:
        if _words(block.text) <= max_words:
            units.append(block)
            continue
        for part in _split_long(block.text, max_words):
            units.append(SectionedBlock(part, block.section, False, block.page, block.label))
    return units


def _split_long(text: str, max_words: int) -> list[str]:
    pieces: list[str] = []
    for sentence in split_at_sentence_ends(text):
        words = sentence.split()
        if len(words) <= max_words:
            pieces.append(sentence)
            continue
        parts = math.ceil(len(words) / max_words)
        size = math.ceil(len(words) / parts)
        pieces.extend(" ".join(words[k : k + size]) for k in range(0, len(words), size))
    groups = _pack([SectionedBlock(p, "", False) for p in pieces], max_words)
    return [" ".join(p.text for p in group) for group in groups]


def _pack(units: Sequence[SectionedBlock], max_words: int) -> list[list[SectionedBlock]]:
    """Pack units in order into chunks of at most `max_words`, as even as the units allow.

    First count the chunks a plain greedy fill needs; then fill each chunk towards the remaining words divided
    by the remaining chunks, so the last chunk is not a tiny tail.
    """
    sizes = [_words(u.text) for u in units]
    count = _greedy_count(sizes, max_words)
    groups: list[list[SectionedBlock]] = []
    remaining = sum(sizes)
    i = 0
    while i < len(units):
        target = remaining / max(1, count - len(groups))
        group, size = [units[i]], sizes[i]
        i += 1
        while i < len(units) and size + sizes[i] <= max_words and size + sizes[i] / 2 <= target:
            group.append(units[i])
            size += sizes[i]
            i += 1
        groups.append(group)
        remaining -= size
    return groups


def _greedy_count(sizes: Sequence[int], max_words: int) -> int:
    count, size = 0, max_words + 1
    for words in sizes:
        if size + words > max_words:
            count, size = count + 1, 0
        size += words
    return count


def _words(text: str) -> int:
    return len(text.split())


def _make(
    info: DocumentInfo, text: str, section: str, position: int, page: int | None, label: str | None
) -> Chunk:
    return Chunk(
        chunk_id=chunk_id_for(info.doc_id, text),
        doc_id=info.doc_id,
        title=info.title,
        doc_type=info.doc_type,
        section=section,
        text=text,
        position=position,
        page=page,
        page_label=label,
        region=info.region,
    )
