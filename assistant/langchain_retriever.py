"""The hybrid retrieval as a LangChain retriever: passages as Documents that carry their citation fields."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.answer import Passage
from assistant.core import Assistant
from assistant.prompts import format_passages


class OverHoopRetriever(BaseRetriever):
    """`Assistant.search` as a retriever: dense, BM25 and best-sentence retrieval fused, near-duplicates
    collapsed, the index reloaded after an ingest. `k` defaults to settings.answer_k; `filters` as in
    `Assistant.ask` ({"doc_id": [...], "doc_type": [...]})."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    assistant: Assistant
    k: int | None = None
    filters: dict[str, list[str]] | None = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        return [passage_document(p) for p in self.assistant.search(query, self.k, self.filters)]


def passage_document(passage: Passage) -> Document:
    """The passage's text, with what a citation needs (document, title, section, page) and its scores."""
    chunk = passage.chunk
    metadata: dict[str, Any] = {
        **chunk.extra,
        "chunk_id": chunk.chunk_id,
        "doc_id": chunk.doc_id,
        "title": chunk.title,
        "doc_type": chunk.doc_type,
        "section": chunk.section,
        "page": chunk.page,
        "page_label": chunk.page_label,
        "region": chunk.region,
        "position": chunk.position,
        "score": passage.score,
        "scores": dict(passage.scores),
    }
    return Document(page_content=chunk.text, id=chunk.chunk_id, metadata=metadata)


@dataclass(frozen=True, slots=True)
class _DocumentPassage:
    doc_id: str
    section: str
    page: int | None
    text: str


def format_documents(documents: Sequence[Document]) -> str:
    """The documents as the assistant's own prompt shows passages to a model: numbered from 1 (the citation
    markers [n]), inside <passage> tags that no document text can close."""
    return format_passages(
        [
            _DocumentPassage(d.metadata["doc_id"], d.metadata["section"], d.metadata["page"], d.page_content)
            for d in documents
        ]
    )
