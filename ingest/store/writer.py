"""The write side: add a document's new chunks, commit the registry, then delete the old ones."""

from __future__ import annotations

import contextlib
import shutil
import uuid
from collections.abc import Sequence
from typing import Any

import numpy as np

from basics.settings import Settings
from ingest.documents import Chunk, Sentence
from ingest.index import IndexUnavailable
from ingest.lexical import LexicalIndex
from ingest.store.clients import (
    CHROMA_DIR,
    check_collection,
    chroma_errors,
    note_generation,
    open_collection,
    release_clients,
    sentence_collection_name,
    shared_client,
)
from ingest.store.fingerprints import check_segments, fingerprint_segments
from ingest.store.reader import LEXICAL_DIR, lexical_text, load_chunks
from ingest.store.registry import (
    DocRecord,
    Registry,
    damaged,
    mismatch,
    read_registry,
    registry_path,
    write_registry,
)

_BATCH = 256


def remove_index(settings: Settings) -> None:
    """Delete the whole index (registry first: an interrupted delete reads as "no index")."""
    release_clients(settings)
    with contextlib.suppress(FileNotFoundError):
        registry_path(settings).unlink()
    for name in (CHROMA_DIR, LEXICAL_DIR):
        shutil.rmtree(settings.index_dir / name, ignore_errors=True)


class IndexWriter:
    """The write side. Callers hold the ingest lock: chromadb corrupts a folder with two writers."""

    def __init__(self, settings: Settings, embedder_id: str, dim: int, rebuild: bool = False) -> None:
        self.settings = settings
        if rebuild:
            remove_index(settings)
        registry = read_registry(settings)
        if registry is not None and registry.embedder_id != embedder_id:
            raise mismatch(registry.embedder_id, embedder_id)
        if registry is not None and not settings.chroma_url:
            problem = check_segments(settings.index_dir / CHROMA_DIR, registry)
            if problem:
                raise damaged(problem)
        self.registry = registry or Registry(embedder_id=embedder_id, dim=dim, generation=_new_generation())
        self.changed = False
        self._marked = False
        try:
            client = shared_client(settings, self.registry.generation)
            if rebuild and settings.chroma_url:
                for name in (settings.collection, sentence_collection_name(settings)):
                    with contextlib.suppress(Exception):
                        client.delete_collection(name)
            self.collection = open_collection(client, settings.collection, self.registry, create=True)
            self.sentences = open_collection(
                client, sentence_collection_name(settings), self.registry, create=True
            )
            check_collection(self.collection, self.registry)
        except IndexUnavailable:
            raise
        except chroma_errors() as exc:
            raise damaged(f"{type(exc).__name__}: {exc}") from exc

    def record(self, doc_id: str) -> DocRecord | None:
        return self.registry.documents.get(doc_id)

    def _commit(self, new_generation: bool = True) -> None:
        if new_generation:
            self.registry.generation = _new_generation()
            self.changed = True
        write_registry(self.settings, self.registry)
        note_generation(self.settings, self.registry.generation)

    def _mark_dirty(self) -> None:
        """Before the first vector write: checksums are about to go stale until `finish`."""
        if not self._marked:
            self.registry.dirty = True
            self._commit(new_generation=False)
            self._marked = True

    def store_document(
        self,
        record: DocRecord,
        chunks: Sequence[Chunk],
        vectors: np.ndarray,
        sentences: Sequence[Sentence] = (),
        sentence_vectors: np.ndarray | None = None,
    ) -> None:
        """Replace one document: add the new chunks and their sentences, commit the registry, then delete
        the old ones. `record.sentence_counts` must count `sentences` per chunk."""
        self._mark_dirty()
        _upsert(
            self.collection,
            [c.chunk_id for c in chunks],
            np.asarray(vectors, dtype=np.float32),
            [c.text for c in chunks],
            [c.metadata() for c in chunks],
        )
        if sentences:
            assert sentence_vectors is not None
            _upsert(
                self.sentences,
                [s.sentence_id for s in sentences],
                np.asarray(sentence_vectors, dtype=np.float32),
                [s.text for s in sentences],
                [{"chunk_id": s.chunk_id, "n": s.n, "doc_id": record.doc_id} for s in sentences],
            )
        old = self.registry.documents.get(record.doc_id)
        self.registry.documents[record.doc_id] = record
        self._commit()
        if old is not None:
            self._delete_unreferenced(old)

    def remove_document(self, doc_id: str) -> int:
        """Forget a document: commit the registry without it, then delete its chunks and sentences."""
        old = self.registry.documents.pop(doc_id, None)
        if old is None:
            return 0
        self._mark_dirty()
        self._commit()
        self._delete_unreferenced(old)
        return len(old.chunk_ids)

    def remove_orphans(self) -> int:
        """Delete chunks and sentences no document lists (left by an interrupted ingest)."""
        removed = 0
        for collection, live in (
            (self.collection, set(self.registry.live_ids())),
            (self.sentences, set(self.registry.live_sentence_ids())),
        ):
            if collection.count() == len(live):
                continue
            orphans = [i for i in collection.get(include=[])["ids"] if i not in live]
            if orphans:
                self._mark_dirty()
                _delete(collection, orphans)
            removed += len(orphans)
        return removed

    def _delete_unreferenced(self, old: DocRecord) -> None:
        live = set(self.registry.live_ids())
        _delete(self.collection, [cid for cid in old.chunk_ids if cid not in live])
        live_sentences = set(self.registry.live_sentence_ids())
        _delete(self.sentences, [sid for sid in old.sentence_ids() if sid not in live_sentences])

    def finish(self) -> bool:
        """Record the vector files' checksums and refresh BM25 if anything changed. True if it wrote."""
        lexical_dir = self.settings.index_dir / LEXICAL_DIR
        saved = LexicalIndex.load(lexical_dir)
        lexical_stale = saved is None or saved.generation != self.registry.generation
        if not (self._marked or self.registry.dirty or lexical_stale):
            return False
        if self._marked or self.registry.dirty:
            if not self.settings.chroma_url:
                self.registry.segments = fingerprint_segments(self.settings.index_dir / CHROMA_DIR)
            self.registry.dirty = False
            self._commit()  # a new generation: readers that loaded a snapshot during the ingest reload
        chunks = load_chunks(self.collection, self.registry)
        lexical = LexicalIndex.build(
            [c.chunk_id for c in chunks], [lexical_text(c) for c in chunks], self.registry.generation
        )
        lexical.save(lexical_dir)
        return True


def _upsert(
    collection: Any,
    ids: Sequence[str],
    vectors: np.ndarray,
    documents: Sequence[str],
    metadatas: Sequence[dict[str, Any]],
) -> None:
    """Write the records in batches, without reading anything back first: a read makes chromadb apply its
    log to the HNSW files in the middle of the ingest, and a kill there left them truncated ("Error
    deserializing pickle file") in about one of eight kills of `tests/reliability/test_crash.py` (none in
    16 kills without the read). Same-vector upserts can leave a vector unreachable by graph search
    (chromadb issue 7758); readers never search the graph, and the probe in `check_collection` allows it."""
    for start in range(0, len(ids), _BATCH):
        collection.upsert(
            ids=list(ids[start : start + _BATCH]),
            embeddings=vectors[start : start + _BATCH],
            documents=list(documents[start : start + _BATCH]),
            metadatas=list(metadatas[start : start + _BATCH]),
        )


def _delete(collection: Any, ids: Sequence[str]) -> None:
    for start in range(0, len(ids), _BATCH):
        collection.delete(ids=list(ids[start : start + _BATCH]))


def _new_generation() -> str:
    return uuid.uuid4().hex[:16]
