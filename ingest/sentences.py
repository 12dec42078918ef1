"""The sentences of a chunk that get their own vector, and the text the embedder reads for each."""

from __future__ import annotations

from assistant.sentences import split_sentences
from ingest.documents import Chunk, Sentence

SENTENCE_TEXT_VERSION = "section-sentence-1"
"""Changes whenever what a sentence vector is made of changes: documents are then redone."""
MIN_WORDS = 4
"""Shorter fragments (list stubs, headings, "Zie ook:") say too little to rank a passage by."""


def chunk_sentences(chunk: Chunk) -> list[Sentence]:
    """The chunk's sentences as the extractive answer splits them, without fragments under MIN_WORDS."""
    kept = [s for s in split_sentences(chunk.text) if len(s.split()) >= MIN_WORDS]
    return [Sentence(chunk.chunk_id, n, text) for n, text in enumerate(kept)]


def sentence_embed_text(chunk: Chunk, sentence: Sentence) -> str:
    """What the embedder reads: the section heading as prefix. Measured: without it a sentence often
    lacks its topic ("Dat helpt."), and the sentence list no longer improved the ranking."""
    return f"{chunk.section}: {sentence.text}" if chunk.section else sentence.text
