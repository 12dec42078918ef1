"""The read side: `open_index` checks the index and loads a consistent snapshot that searches in memory."""

from __future__ import annotations

import gc
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from basics.settings import Settings
from ingest.documents import Chunk, Sentence
from ingest.index import IndexUnavailable, Where
from ingest.lexical import LexicalIndex
from ingest.sentence_matrix import SentenceMatrix, top_chunks
from ingest.store.clients import (
    check_collection,
    chroma_errors,
    get_batched,
    open_collection,
    release_folder,
    sentence_collection_name,
    shared_client,
)
from ingest.store.fingerprints import check_segments
from ingest.store.registry import (
    REBUILD,
    Registry,
    current_generation,
    damaged,
    mismatch,
    read_registry,
    registry_path,
    vector_dir,
)
from ingest.store.scratch import scratch_copy

LEXICAL_DIR = "lexical"


def _where_matches(chunk: Chunk, where: Where | None) -> bool:
    if not where:
        return True
    doc_ids, doc_types = where.get("doc_id") or [], where.get("doc_type") or []
    return (not doc_ids or chunk.doc_id in doc_ids) and (not doc_types or chunk.doc_type in doc_types)


class ChromaIndex:
    """A consistent snapshot of the index: the chunks the registry listed when it was opened, with their
    passage and sentence vectors held in memory.

    Searching never touches chromadb after the snapshot is loaded. A chromadb client that reads while
    another process writes the same folder applies and persists that writer's pending log records itself
    (a reloaded reader's dense search missed a just-ingested document in about one run in ten). Readers
    open a scratch copy of a committed folder (`scratch`): chromadb rewrites HNSW files on every open, with
    bytes of the reader's heap in them, so no reader opens a committed folder in place."""

    def __init__(
        self,
        settings: Settings,
        registry: Registry,
        chunks: list[Chunk],
        passages: SentenceMatrix,
        lexical: LexicalIndex,
        sentences: SentenceMatrix,
    ) -> None:
        self._settings = settings
        self._registry = registry
        self._chunks = chunks
        self._by_id = {c.chunk_id: c for c in chunks}
        self._passages = passages
        self._lexical = lexical
        self._sentences = sentences
        self._stamp: tuple[int, int] | None = None
        self._disk_generation = registry.generation

    @property
    def embedder_id(self) -> str:
        return self._registry.embedder_id

    @property
    def dim(self) -> int:
        return self._registry.dim

    @property
    def loaded_generation(self) -> str:
        """The generation of this snapshot."""
        return self._registry.generation

    @property
    def generation(self) -> str:
        """The generation on disk now (re-read only when the registry file changed): when it differs from
        `loaded_generation`, open the index again to see the new content."""
        path = registry_path(self._settings)
        try:
            stat = path.stat()
        except OSError:
            return ""
        stamp = (stat.st_mtime_ns, stat.st_size)
        if stamp != self._stamp:
            self._disk_generation = current_generation(self._settings) or ""
            self._stamp = stamp
        return self._disk_generation

    def chunks(self) -> list[Chunk]:
        return list(self._chunks)

    def chunk(self, chunk_id: str) -> Chunk | None:
        return self._by_id.get(chunk_id)

    def _query(self, query_vector: np.ndarray) -> np.ndarray:
        vector = np.asarray(query_vector, dtype=np.float32).reshape(-1)
        if vector.shape[0] != self.dim:
            raise IndexUnavailable(
                f"De zoekvector heeft {vector.shape[0]} dimensies, de index {self.dim}: {REBUILD}."
            )
        return vector

    def dense_search(
        self, query_vector: np.ndarray, k: int, where: Where | None = None
    ) -> list[tuple[Chunk, float]]:
        """Chunks by the cosine of their passage vector: exact, brute force over the snapshot's matrix."""
        return self._ranked(self._passages, query_vector, k, where)

    def _ranked(
        self, matrix: SentenceMatrix, query_vector: np.ndarray, k: int, where: Where | None
    ) -> list[tuple[Chunk, float]]:
        best = matrix.best_per_chunk(self._query(query_vector))
        allowed = None
        if where:
            allowed = np.array([_where_matches(c, where) for c in self._chunks], dtype=bool)
        return [(self._chunks[i], score) for i, score in top_chunks(best, k, allowed)]

    def lexical_search(self, query: str, k: int, where: Where | None = None) -> list[tuple[Chunk, float]]:
        ids = self._lexical.chunk_ids
        allowed = None
        if where:
            allowed = np.array([_where_matches(self._by_id[cid], where) for cid in ids], dtype=bool)
        return [(self._by_id[cid], score) for cid, score in self._lexical.search(query, k, allowed)]

    def sentence_search(
        self, query_vector: np.ndarray, k: int, where: Where | None = None
    ) -> list[tuple[Chunk, float]]:
        return self._ranked(self._sentences, query_vector, k, where)

    def passage_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        return self._passages.rows()

    def sentence_similarities(
        self, query_vector: np.ndarray, chunk_ids: Sequence[str]
    ) -> dict[str, list[tuple[str, float]]]:
        return self._sentences.similarities(self._query(query_vector), chunk_ids)

    def documents(self) -> list[dict[str, Any]]:
        return [
            {
                "doc_id": r.doc_id,
                "title": r.title,
                "doc_type": r.doc_type,
                "date": r.date,
                "organisation": r.organisation,
                "source": r.source,
                "chunks": len(r.chunk_ids),
            }
            for r in self._registry.documents.values()
        ]


def _load_passages(collection: Any, registry: Registry, chunks: Sequence[Chunk]) -> SentenceMatrix:
    """The live chunks' passage vectors, one row per chunk (a chunk is its own single unit)."""
    ids = [c.chunk_id for c in chunks]
    got = get_batched(collection, ids, ["embeddings"])
    by_id = dict(zip(got["ids"], got["embeddings"], strict=True))
    if len(by_id) != len(set(ids)):
        raise damaged(f"{len(set(ids)) - len(by_id)} passagevectoren ontbreken in de vectoropslag")
    vectors = np.asarray([by_id[cid] for cid in ids], dtype=np.float32).reshape(len(ids), -1)
    if len(ids) and (vectors.shape[1] != registry.dim or not np.all(np.isfinite(vectors))):
        raise damaged("passagevector van onverwachte vorm")
    return SentenceMatrix(ids, [Sentence(cid, 0, "") for cid in ids], vectors.reshape(len(ids), registry.dim))


def load_chunks(collection: Any, registry: Registry) -> list[Chunk]:
    got = get_batched(collection, registry.live_ids(), ["documents", "metadatas"])
    by_id = {
        cid: Chunk.from_metadata(cid, text or "", meta or {})
        for cid, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
    }
    chunks = []
    for record in registry.documents.values():
        missing = [cid for cid in record.chunk_ids if cid not in by_id]
        if missing:
            raise damaged(f"{len(missing)} passages van {record.doc_id} ontbreken")
        chunks += sorted((by_id[cid] for cid in record.chunk_ids), key=lambda c: c.position)
    return chunks


def _load_sentences(collection: Any, registry: Registry, chunks: Sequence[Chunk]) -> SentenceMatrix:
    """Exactly the sentences the registry lists for the live chunks (leftovers of an interrupted ingest
    are never read), checked whole and finite."""
    ids = registry.live_sentence_ids()
    got = get_batched(collection, ids, ["documents", "embeddings"])
    if len(got["ids"]) != len(ids):
        raise damaged(f"{len(ids) - len(got['ids'])} zinnen ontbreken in de vectoropslag")
    sentences = []
    for sid, text in zip(got["ids"], got["documents"], strict=True):
        chunk_id, n = sid.rsplit(":", 1)
        sentences.append(Sentence(chunk_id, int(n), text or ""))
    vectors = np.asarray(got["embeddings"], dtype=np.float32).reshape(len(ids), -1)
    if vectors.shape[1] != registry.dim or not np.all(np.isfinite(vectors)):
        raise damaged("zinsvector van onverwachte vorm")
    return SentenceMatrix([c.chunk_id for c in chunks], sentences, vectors)


def lexical_for(settings: Settings, registry: Registry, chunks: Sequence[Chunk]) -> LexicalIndex:
    """The saved BM25 index when it matches this registry, else one built in memory (fast)."""
    saved = LexicalIndex.load(settings.index_dir / LEXICAL_DIR)
    ids = [c.chunk_id for c in chunks]
    if saved is not None and saved.generation == registry.generation and saved.chunk_ids == ids:
        return saved
    return LexicalIndex.build(ids, [lexical_text(c) for c in chunks], registry.generation)


def lexical_text(chunk: Chunk) -> str:
    # The section path carries words ("Acht bouwstenen") that a passage itself may not repeat.
    return f"{chunk.section}\n{chunk.text}" if chunk.section else chunk.text


def _expected_embedder_id(settings: Settings) -> str:
    from ingest.embedders import EmbedderUnavailable, make_embedder

    try:
        return make_embedder(settings).embedder_id
    except EmbedderUnavailable as exc:
        raise IndexUnavailable(str(exc)) from exc


def open_index(settings: Settings, embedder_id: str | None = None) -> ChromaIndex:
    """Open the index for reading, after checking it is whole and made with the configured embedder.

    Raises IndexUnavailable with a Dutch message saying what to do (ingest, or ingest --rebuild).
    """
    expected = embedder_id
    for _attempt in range(3):
        registry = read_registry(settings)
        if registry is None:
            raise IndexUnavailable("Er is nog geen index: voer `overhoop ingest` uit.")
        expected = expected or _expected_embedder_id(settings)
        if registry.embedder_id != expected:
            raise mismatch(registry.embedder_id, expected)
        try:
            return _load(settings, registry)
        except IndexUnavailable:
            # An ingest may have committed (and removed the folder read) in the meantime: look again.
            again = read_registry(settings)
            if again is None or (again.generation, again.vectors) == (registry.generation, registry.vectors):
                raise
    raise IndexUnavailable(f"De index veranderde drie keer tijdens het laden: probeer opnieuw ({REBUILD}).")


def _load(settings: Settings, registry: Registry) -> ChromaIndex:
    if settings.chroma_url:
        return _load_from(settings, registry, None)
    folder = vector_dir(settings, registry)
    problem = check_segments(folder, registry)
    if problem:
        raise damaged(problem)
    try:
        with scratch_copy(folder) as copy:
            return _load_from(settings, registry, copy)
    except OSError as exc:  # a copy cut short: an ingest deleted the folder, or the disk is full
        raise damaged(f"{type(exc).__name__}: {exc}") from exc


def _load_from(settings: Settings, registry: Registry, folder: Path | None) -> ChromaIndex:
    """Load the snapshot from the chroma server (folder None) or from a scratch copy of the vector folder."""
    found = None
    try:
        client = shared_client(settings, folder, registry.generation)
        collection = open_collection(client, settings.collection, registry, create=False)
        check_collection(collection, registry)
        chunks = load_chunks(collection, registry)
        passages = _load_passages(collection, registry, chunks)
        sentences = SentenceMatrix([], [], np.zeros((0, registry.dim), dtype=np.float32))
        if registry.live_sentence_ids():
            found = open_collection(client, sentence_collection_name(settings), registry, create=False)
            sentences = _load_sentences(found, registry, chunks)
    except IndexUnavailable:
        raise
    except chroma_errors() as exc:
        raise damaged(f"{type(exc).__name__}: {exc}") from exc
    finally:
        if folder is not None:
            # The snapshot is in memory: hold no chromadb state on a copy about to be deleted.
            collection = found = client = None
            release_folder(settings, folder)
            gc.collect()
    lexical = lexical_for(settings, registry, chunks)
    return ChromaIndex(settings, registry, chunks, passages, lexical, sentences)
