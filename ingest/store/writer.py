"""The write side: add a document's new chunks, commit the registry, then delete the old ones."""

from __future__ import annotations

import contextlib
import gc
import shutil
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from basics.settings import Settings
from ingest.documents import Chunk, Sentence
from ingest.index import IndexUnavailable
from ingest.lexical import LexicalIndex
from ingest.store.clients import (
    check_collection,
    chroma_errors,
    note_generation,
    open_collection,
    release_clients,
    release_folder,
    sentence_collection_name,
    shared_client,
)
from ingest.store.fingerprints import check_segments, fingerprint_segments
from ingest.store.reader import LEXICAL_DIR, lexical_text, load_chunks
from ingest.store.registry import (
    VECTORS_PREFIX,
    DocRecord,
    Registry,
    damaged,
    mismatch,
    read_registry,
    registry_path,
    vector_dir,
    write_registry,
)

_BATCH = 256


def _vector_folders(settings: Settings) -> list[Path]:
    index = settings.index_dir
    if not index.is_dir():
        return []
    return sorted(p for p in index.iterdir() if p.is_dir() and p.name.startswith(VECTORS_PREFIX))


def remove_index(settings: Settings) -> None:
    """Delete the whole index (registry first: an interrupted delete reads as "no index")."""
    release_clients(settings)
    with contextlib.suppress(FileNotFoundError):
        registry_path(settings).unlink()
    for folder in _vector_folders(settings):
        shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(settings.index_dir / LEXICAL_DIR, ignore_errors=True)


def _remove_other_folders(settings: Settings, keep: set[str]) -> None:
    """Delete vector folders no registry names: staged copies of killed ingests, replaced versions."""
    for folder in _vector_folders(settings):
        if folder.name not in keep:
            release_folder(settings, folder)
            shutil.rmtree(folder, ignore_errors=True)


class IndexWriter:
    """The write side. Callers hold the ingest lock: chromadb corrupts a folder with two writers.

    A local store is never written where readers read it. Before its first write an ingest copies the
    committed vector folder to `chroma-<new generation>` and writes only there; `finish` fingerprints the
    copy and commits a registry naming it, in one atomic rename. chromadb rewrites its HNSW files in place
    and a kill there leaves them truncated (a later open can fail or segfault), so a killed ingest leaves
    the committed index as it was and its copy is deleted by the next ingest. With a chroma server the
    writer writes in place: added, then committed per document, then the old chunks deleted."""

    def __init__(self, settings: Settings, embedder_id: str, dim: int, rebuild: bool = False) -> None:
        self.settings = settings
        self._local = not settings.chroma_url
        if rebuild:
            remove_index(settings)
        registry = read_registry(settings)
        if registry is not None and registry.embedder_id != embedder_id:
            raise mismatch(registry.embedder_id, embedder_id)
        self.registry = registry or Registry(embedder_id=embedder_id, dim=dim, generation=_new_generation())
        self.changed = False
        self._marked = False
        self._folder: Path | None = None
        self.collection: Any = None
        self.sentences: Any = None
        if self._local:
            _remove_other_folders(settings, {self.registry.vectors})
            if registry is None:
                self._stage()  # nothing committed to copy
                return
            self._folder = vector_dir(settings, registry)
            problem = check_segments(self._folder, registry)
            if problem:
                raise damaged(problem)
        self._open(create=not self._local, check=True, wipe=rebuild and not self._local)

    def _open(self, create: bool, check: bool, wipe: bool = False) -> None:
        try:
            client = shared_client(self.settings, self._folder, self.registry.generation)
            if wipe:
                for name in (self.settings.collection, sentence_collection_name(self.settings)):
                    with contextlib.suppress(Exception):
                        client.delete_collection(name)
            self.collection = open_collection(client, self.settings.collection, self.registry, create=create)
            self.sentences = open_collection(
                client, sentence_collection_name(self.settings), self.registry, create=create
            )
            if check:
                check_collection(self.collection, self.registry)
        except IndexUnavailable:
            raise
        except chroma_errors() as exc:
            raise damaged(f"{type(exc).__name__}: {exc}") from exc

    def record(self, doc_id: str) -> DocRecord | None:
        return self.registry.documents.get(doc_id)

    def _stage(self) -> None:
        """A private copy of the committed vectors to write in (local store; see the class)."""
        committed = self._folder
        staged = self.settings.index_dir / f"{VECTORS_PREFIX}-{_new_generation()}"
        if committed is not None:
            self.collection = self.sentences = None
            release_folder(self.settings, committed)
            gc.collect()  # chromadb's handles on the committed folder, before its files are copied
        if committed is not None and committed.is_dir():
            shutil.copytree(committed, staged)
            problem = check_segments(staged, self.registry)  # the copy holds what was committed
            if problem:
                shutil.rmtree(staged, ignore_errors=True)
                raise damaged(f"{problem} (bij het kopiëren)")
        else:
            staged.mkdir(parents=True)
        self._folder = staged
        self._open(create=True, check=False)

    def _commit(self, new_generation: bool = True) -> None:
        if new_generation:
            self.registry.generation = _new_generation()
            self.changed = True
        write_registry(self.settings, self.registry)
        note_generation(self.settings, self._folder, self.registry.generation)

    def _mark_dirty(self) -> None:
        """Before the first vector write: stage a copy (local), or mark the registry dirty (server)."""
        if self._marked:
            return
        self._marked = True
        if self._local:
            if self._folder is None or self._folder.name == self.registry.vectors:
                self._stage()
        else:
            self.registry.dirty = True
            self._commit(new_generation=False)

    def _document_committed(self) -> None:
        """A server commits each document; a local ingest commits once, in `finish`."""
        if not self._local:
            self._commit()
        else:
            self.changed = True

    def store_document(
        self,
        record: DocRecord,
        chunks: Sequence[Chunk],
        vectors: np.ndarray,
        sentences: Sequence[Sentence] = (),
        sentence_vectors: np.ndarray | None = None,
    ) -> None:
        """Replace one document: add the new chunks and their sentences, commit the registry (server) or
        note it (local), then delete the old ones. `record.sentence_counts` must count `sentences` per
        chunk."""
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
        self._document_committed()
        if old is not None:
            self._delete_unreferenced(old)

    def remove_document(self, doc_id: str) -> int:
        """Forget a document: commit the registry without it, then delete its chunks and sentences."""
        if doc_id not in self.registry.documents:
            return 0
        self._mark_dirty()
        old = self.registry.documents.pop(doc_id)
        self._document_committed()
        self._delete_unreferenced(old)
        return len(old.chunk_ids)

    def remove_orphans(self) -> int:
        """Delete chunks and sentences no document lists (left by an interrupted in-place write)."""
        chunks = _orphans(self.collection, set(self.registry.live_ids()))
        sentences = _orphans(self.sentences, set(self.registry.live_sentence_ids()))
        if chunks or sentences:
            self._mark_dirty()  # a local writer deletes them in its copy: reopen through self
            _delete(self.collection, chunks)
            _delete(self.sentences, sentences)
        return len(chunks) + len(sentences)

    def _delete_unreferenced(self, old: DocRecord) -> None:
        live = set(self.registry.live_ids())
        _delete(self.collection, [cid for cid in old.chunk_ids if cid not in live])
        live_sentences = set(self.registry.live_sentence_ids())
        _delete(self.sentences, [sid for sid in old.sentence_ids() if sid not in live_sentences])

    def finish(self) -> bool:
        """Commit what was written (with the vector files' checksums) and refresh BM25 if anything changed.
        True if it wrote."""
        lexical_dir = self.settings.index_dir / LEXICAL_DIR
        saved = LexicalIndex.load(lexical_dir)
        lexical_stale = saved is None or saved.generation != self.registry.generation
        if not (self._marked or self.registry.dirty or lexical_stale):
            return False
        chunks = load_chunks(self.collection, self.registry)
        if self._marked or self.registry.dirty:
            if self._local:
                assert self._folder is not None
                self.registry.vectors = self._folder.name
                self.registry.segments = fingerprint_segments(self._folder)
            self.registry.dirty = False
            self._commit()  # a new generation: readers that loaded a snapshot during the ingest reload
            if self._local:
                _remove_other_folders(self.settings, {self.registry.vectors})
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
    """Write the records in batches. Same-vector upserts can leave a vector unreachable by graph search
    (chromadb issue 7758); readers never search the graph, and the probe in `check_collection` allows it."""
    for start in range(0, len(ids), _BATCH):
        collection.upsert(
            ids=list(ids[start : start + _BATCH]),
            embeddings=vectors[start : start + _BATCH],
            documents=list(documents[start : start + _BATCH]),
            metadatas=list(metadatas[start : start + _BATCH]),
        )


def _orphans(collection: Any, live: set[str]) -> list[str]:
    if collection.count() == len(live):
        return []
    return [i for i in collection.get(include=[])["ids"] if i not in live]


def _delete(collection: Any, ids: Sequence[str]) -> None:
    for start in range(0, len(ids), _BATCH):
        collection.delete(ids=list(ids[start : start + _BATCH]))


def _new_generation() -> str:
    return uuid.uuid4().hex[:16]
