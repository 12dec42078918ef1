"""Which sentences of a chunk get a vector, and what the embedder reads for each."""

from __future__ import annotations

from ingest.documents import Chunk, chunk_id_for
from ingest.sentences import chunk_sentences, sentence_embed_text

TEXT = (
    "Zie ook: De coach komt aan huis bij het gezin. Dat helpt. Hij werkt samen met o.a. de school en "
    "de huisarts."
)


def _chunk(section: str) -> Chunk:
    return Chunk(chunk_id_for("nota", TEXT), "nota", "Titel", "nota", section, TEXT, 0)


def test_sentences_are_split_verbatim_without_short_fragments() -> None:
    chunk = _chunk("2 Steun > Thuisbegeleiding")
    sentences = chunk_sentences(chunk)
    assert [s.text for s in sentences] == [
        "Zie ook: De coach komt aan huis bij het gezin.",
        "Hij werkt samen met o.a. de school en de huisarts.",
    ]  # "Dat helpt." has fewer than four words
    assert [s.n for s in sentences] == [0, 1] and {s.chunk_id for s in sentences} == {chunk.chunk_id}
    assert all(s.text in TEXT for s in sentences)


def test_the_embedder_reads_the_innermost_section_heading_first() -> None:
    chunk = _chunk("2 Steun > Thuisbegeleiding")
    first = chunk_sentences(chunk)[0]
    expected = "Thuisbegeleiding: Zie ook: De coach komt aan huis bij het gezin."
    assert sentence_embed_text(chunk, first) == expected
    untitled = _chunk("")
    assert sentence_embed_text(untitled, chunk_sentences(untitled)[0]) == first.text
