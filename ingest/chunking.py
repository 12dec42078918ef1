"""Cut a loaded document into citable chunks. (Provisional: paragraph packing; structure-aware version pending.)"""

from __future__ import annotations

import re

from ingest.documents import Chunk, LoadedDocument, chunk_id_for


def chunk_document(doc: LoadedDocument, max_words: int = 220) -> list[Chunk]:
    """Pack blank-line-separated paragraphs into chunks of at most `max_words` words."""
    chunks: list[Chunk] = []
    for page in doc.pages:
        buffer: list[str] = []
        for para in re.split(r"\n\s*\n", page.text):
            para = " ".join(para.split())
            if not para:
                continue
            if buffer and len(" ".join(buffer + [para]).split()) > max_words:
                chunks.append(_make(doc, " ".join(buffer), len(chunks), page.number, page.label))
                buffer = []
            buffer.append(para)
        if buffer:
            chunks.append(_make(doc, " ".join(buffer), len(chunks), page.number, page.label))
    return chunks


def _make(doc: LoadedDocument, text: str, position: int, page: int | None, label: str | None) -> Chunk:
    info = doc.info
    return Chunk(
        chunk_id=chunk_id_for(info.doc_id, text),
        doc_id=info.doc_id,
        title=info.title,
        doc_type=info.doc_type,
        section="",
        text=text,
        position=position,
        page=page,
        page_label=label,
    )
