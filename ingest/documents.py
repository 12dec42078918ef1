"""The nouns of ingestion: a document's description, its loaded pages, and the chunks cut from it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What the manifest (or sensible defaults) says about one corpus file."""

    doc_id: str
    title: str
    doc_type: str
    path: Path
    date: str | None = None
    organisation: str | None = None
    source: str | None = None
    region: str | None = None
    """The region the whole document is about ("West-Vlaanderen" for a West-Flemish network's report), which
    its pages do not repeat: a passage of it counts as naming the region (`decision.names_missing`)."""
    mask_names: bool = False
    """Mask person names too (a user's choice for an added document), not only contact details."""


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a loaded document. `number` is 1-based; None when the format has no pages."""

    text: str
    number: int | None = None
    label: str | None = None


@dataclass(frozen=True, slots=True)
class LoadedDocument:
    """A document as read from disk, before cleaning. `content_hash` is the hash of the file's bytes."""

    info: DocumentInfo
    pages: tuple[Page, ...]
    content_hash: str


@dataclass(frozen=True, slots=True)
class Chunk:
    """One citable passage: enough metadata for a reader to find it in the source."""

    chunk_id: str
    doc_id: str
    title: str
    doc_type: str
    section: str
    text: str
    position: int
    page: int | None = None
    page_label: str | None = None
    region: str | None = None
    """The document's region (`DocumentInfo.region`), carried by every chunk of it."""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def metadata(self) -> dict[str, str | int]:
        """Flat metadata for the vector store (chromadb accepts no None values)."""
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "doc_type": self.doc_type,
            "section": self.section,
            "position": self.position,
            "page": self.page if self.page is not None else -1,
            "page_label": self.page_label or "",
            "region": self.region or "",
        }

    @classmethod
    def from_metadata(cls, chunk_id: str, text: str, meta: dict[str, Any]) -> Chunk:
        page = int(meta.get("page", -1))
        return cls(
            chunk_id=chunk_id,
            doc_id=str(meta["doc_id"]),
            title=str(meta.get("title", "")),
            doc_type=str(meta.get("doc_type", "")),
            section=str(meta.get("section", "")),
            text=text,
            position=int(meta.get("position", 0)),
            page=page if page >= 0 else None,
            page_label=str(meta.get("page_label") or "") or None,
            region=str(meta.get("region") or "") or None,
            extra={k: v for k, v in meta.items() if k not in _CORE_KEYS},
        )


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a chunk that has its own vector: its text verbatim as split, and its place."""

    chunk_id: str
    n: int
    """0-based position among the chunk's embedded sentences."""
    text: str

    @property
    def sentence_id(self) -> str:
        return sentence_id_for(self.chunk_id, self.n)


_CORE_KEYS = {"doc_id", "title", "doc_type", "section", "position", "page", "page_label", "region"}


def chunk_id_for(doc_id: str, text: str) -> str:
    """Stable id: the same passage of the same document always gets the same id."""
    return hashlib.sha256(f"{doc_id}\x00{text}".encode()).hexdigest()[:32]


def sentence_id_for(chunk_id: str, n: int) -> str:
    """Id of a chunk's n-th embedded sentence (chunk ids are hex, so the id splits back at its last ':')."""
    return f"{chunk_id}:{n}"


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
