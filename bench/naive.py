"""The usual recipe, for comparison: fixed 1000-character chunks with 200 overlap, dense only, in Chroma.

Chunks come from `evals.baselines.naive_chunks` (the same recipe the evals score). A tutorial has no
incremental ingest: its re-ingest is a rebuild. Its "answer" is the top chunks stuffed together.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from evals.baselines import naive_chunks
from ingest.embedding_cache import CachedEmbedder

COLLECTION = "naive"
TOP_K = 5
_BATCH = 256


def _client(index_dir: Path) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    return chromadb.PersistentClient(str(index_dir), settings=ChromaSettings(anonymized_telemetry=False))


def build_naive_index(corpus_dir: Path, index_dir: Path, embedder: CachedEmbedder) -> int:
    """Chunk, embed (through the vector cache) and store from scratch; returns the number of chunks."""
    chunks = naive_chunks(corpus_dir)
    vectors = embedder.encode_passages([c.text for c in chunks])
    client = _client(index_dir)
    if COLLECTION in [c.name for c in client.list_collections()]:
        client.delete_collection(COLLECTION)
    collection = client.create_collection(
        COLLECTION, configuration={"hnsw": {"space": "cosine"}}, embedding_function=None
    )
    for start in range(0, len(chunks), _BATCH):
        part = chunks[start : start + _BATCH]
        collection.add(
            ids=[f"{c.chunk_id}-{start + i}" for i, c in enumerate(part)],  # windows may repeat verbatim
            embeddings=np.asarray(vectors[start : start + _BATCH], dtype=np.float32),
            documents=[c.text for c in part],
            metadatas=[{"doc_id": c.doc_id} for c in part],
        )
    return len(chunks)


class NaiveRecipe:
    """Query side of the naive recipe: embed the question, take the nearest chunks, stuff them."""

    def __init__(self, index_dir: Path, embedder: Any) -> None:
        self.embedder = embedder
        self.collection = _client(index_dir).get_collection(COLLECTION, embedding_function=None)

    def embed(self, question: str) -> np.ndarray:
        return np.asarray(self.embedder.encode_query(question), dtype=np.float32)

    def dense_search(self, vector: np.ndarray, k: int = TOP_K) -> list[str]:
        found = self.collection.query(query_embeddings=[vector], n_results=k, include=["documents"])
        return list(found["documents"][0])

    @staticmethod
    def compose(texts: list[str]) -> str:
        return "\n\n".join(f"{text} [{n}]" for n, text in enumerate(texts, start=1))

    def ask(self, question: str) -> str:
        return self.compose(self.dense_search(self.embed(question)))
