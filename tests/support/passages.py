"""Build Passage objects from plain text for tests, without an index."""

from __future__ import annotations

from assistant.answer import Passage
from ingest.documents import Chunk, chunk_id_for


def make_passage(
    text: str, doc_id: str = "eindrapport", section: str = "3.2 Aanpak", page: int | None = 4
) -> Passage:
    chunk = Chunk(
        chunk_id=chunk_id_for(doc_id, text),
        doc_id=doc_id,
        title=doc_id.capitalize(),
        doc_type="rapport",
        section=section,
        text=text,
        position=0,
        page=page,
    )
    return Passage(chunk=chunk, score=0.9)
