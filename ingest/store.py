"""The index on disk: chromadb vectors, a registry that says which chunks are live, and the BM25 index.

Layout of `settings.index_dir`: `registry.json` (the source of truth: documents -> content hash -> chunk
ids and their sentence counts, written atomically), `chroma/` (two collections: passage vectors, and
`<collection>-sentences` with one vector per chunk sentence) and `lexical/` (BM25, rebuilt after each
change). Writers add a document's new chunks and sentences, then commit the registry, then delete the old
ones; readers only see chunks and sentences the registry lists, so a crash at any point leaves every
document entirely old or entirely new, and the next ingest removes the leftovers. Damage is detected
before chromadb reads a vector file (a checksum recorded after each ingest), because a damaged file can
crash the process or silently return one document for every query.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import shutil
import tempfile
import threading
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from basics.settings import Settings
from ingest.documents import Chunk, Sentence, sentence_id_for
from ingest.index import IndexUnavailable, Where
from ingest.lexical import LexicalIndex
from ingest.sentence_matrix import SentenceMatrix, top_chunks

REGISTRY_FILE = "registry.json"
LOCK_NAME = "ingest.lock"  # the writer lock in the data folder (held by ingest.pipeline)
CHROMA_DIR = "chroma"
LEXICAL_DIR = "lexical"
SENTENCES_SUFFIX = "-sentences"
REBUILD = "voer `overhoop ingest --rebuild` uit"
# chromadb keeps up to sync_threshold vectors in its SQLite log and rebuilds them in memory on every open.
# A low threshold puts nearly all vectors in the HNSW files, whose checksums we can then verify.
_HNSW_CONFIG = {"hnsw": {"space": "cosine", "sync_threshold": 100, "batch_size": 100}}
# These HNSW files only change when chromadb flushes a write; length.bin is rewritten on every open.
_HASHED_FILES = {"header.bin", "data_level0.bin", "link_lists.bin"}
_BATCH = 256


def damaged(reason: str) -> IndexUnavailable:
    return IndexUnavailable(f"De index is beschadigd ({reason}): {REBUILD}.")


def mismatch(built_with: str, asked: str) -> IndexUnavailable:
    return IndexUnavailable(
        f"De index is gebouwd met {built_with}, de instellingen vragen {asked}: {REBUILD}."
    )


# ----------------------------------------------------------------------------------------------------
# Registry


@dataclass
class DocRecord:
    """One indexed document: where it came from, what it was, and which chunks hold it."""

    doc_id: str
    path: str
    content_hash: str
    version: str
    title: str
    doc_type: str
    chunk_ids: list[str]
    date: str | None = None
    organisation: str | None = None
    source: str | None = None
    masked: int = 0
    """Contact details masked in its chunks."""
    sentence_counts: list[int] = field(default_factory=list)
    """Sentences with a vector per chunk, parallel to `chunk_ids` (empty: none, as before they existed)."""

    def sentence_ids(self) -> list[str]:
        counts = self.sentence_counts or [0] * len(self.chunk_ids)
        return [
            sentence_id_for(cid, n) for cid, m in zip(self.chunk_ids, counts, strict=True) for n in range(m)
        ]


@dataclass
class Registry:
    embedder_id: str
    dim: int
    generation: str = ""
    documents: dict[str, DocRecord] = field(default_factory=dict)
    segments: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Vector files as left by the last completed ingest: {relative path: {"size", "sha256"}}."""
    dirty: bool = True
    """True while an ingest is (or was, if it crashed) writing: file sizes and checksums may have moved."""
    format: int = 1

    def live_ids(self) -> list[str]:
        return [cid for record in self.documents.values() for cid in record.chunk_ids]

    def live_sentence_ids(self) -> list[str]:
        return [sid for record in self.documents.values() for sid in record.sentence_ids()]

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Registry:
        data = json.loads(text)
        documents = {k: DocRecord(**v) for k, v in data.pop("documents").items()}
        return cls(documents=documents, **data)


def registry_path(settings: Settings) -> Path:
    return settings.index_dir / REGISTRY_FILE


def read_registry(settings: Settings) -> Registry | None:
    """The registry, None when there is no index yet; IndexUnavailable when it cannot be read."""
    path = registry_path(settings)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise damaged(f"{path.name} niet leesbaar: {exc.strerror}") from exc
    try:
        return Registry.from_json(text)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise damaged(f"{path.name} onleesbaar") from exc


def write_registry(settings: Settings, registry: Registry) -> None:
    """Atomic: a reader sees the old registry or the new one, never half of one."""
    path = registry_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".registry-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(registry.to_json())
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def current_generation(settings: Settings) -> str | None:
    """The generation on disk now (None without index): compare with `Index.loaded_generation`."""
    try:
        registry = read_registry(settings)
    except IndexUnavailable:
        return None
    return registry.generation if registry else None


# ----------------------------------------------------------------------------------------------------
# Vector files: fingerprints taken after each ingest, checked before chromadb opens them


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fingerprint_segments(chroma_dir: Path) -> dict[str, dict[str, Any]]:
    """Size and (for files chromadb only rewrites on a write) sha256 of every vector segment file."""
    prints: dict[str, dict[str, Any]] = {}
    for folder in sorted(p for p in chroma_dir.iterdir() if p.is_dir()) if chroma_dir.exists() else []:
        # With no links yet, every vector still lives in chromadb's SQLite log and the HNSW files are an
        # empty shell that any process opening the index may rewrite: check their size, not their bytes.
        links = folder / "link_lists.bin"
        populated = links.is_file() and links.stat().st_size > 0
        for file in sorted(p for p in folder.iterdir() if p.is_file()):
            hashed = file.name in _HASHED_FILES
            prints[f"{folder.name}/{file.name}"] = {
                "size": file.stat().st_size if hashed else None,
                "sha256": _sha256(file) if hashed and populated else None,
            }
    return prints


def check_segments(chroma_dir: Path, registry: Registry) -> str | None:
    """What is wrong with the vector files (None if nothing); only existence while an ingest is dirty."""
    if registry.documents and not (chroma_dir / "chroma.sqlite3").is_file():
        return "chroma.sqlite3 ontbreekt"
    for name, expected in registry.segments.items():
        file = chroma_dir / name
        if not file.is_file():
            return f"vectorbestand {name} ontbreekt"
        if registry.dirty:
            continue
        size, digest = expected.get("size"), expected.get("sha256")
        if (size is not None and file.stat().st_size != size) or (digest and _sha256(file) != digest):
            return f"vectorbestand {name} is gewijzigd of overschreven"
    return None


# ----------------------------------------------------------------------------------------------------
# chromadb clients: one per path per process (two with different settings raise)

_clients: dict[str, tuple[str, Any]] = {}
_clients_lock = threading.Lock()


def _chroma_settings():  # noqa: ANN202 - chromadb.config.Settings
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def _client(settings: Settings, generation: str) -> Any:
    """The shared client; re-created when the index changed in another process (chromadb would keep
    serving its stale in-memory vectors)."""
    import chromadb

    if settings.chroma_url:
        key = f"http:{settings.chroma_url}"
    else:
        key = str((settings.index_dir / CHROMA_DIR).resolve())
    with _clients_lock:
        cached = _clients.get(key)
        if cached and (cached[0] == generation or settings.chroma_url):
            return cached[1]
        if cached:
            _forget_system(key)
        if settings.chroma_url:
            url = urlparse(settings.chroma_url)
            client = chromadb.HttpClient(
                host=url.hostname or "127.0.0.1",
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=_chroma_settings(),
            )
        else:
            Path(key).mkdir(parents=True, exist_ok=True)
            client = chromadb.PersistentClient(path=key, settings=_chroma_settings())
        _clients[key] = (generation, client)
        return client


def _note_generation(settings: Settings, generation: str) -> None:
    """This process wrote `generation` itself: its client is up to date."""
    key = str((settings.index_dir / CHROMA_DIR).resolve())
    with _clients_lock:
        if key in _clients:
            _clients[key] = (generation, _clients[key][1])


def _forget_system(key: str) -> None:
    """Drop chromadb's cached system for a path. Objects still holding it keep working until released."""
    from chromadb.api.shared_system_client import SharedSystemClient

    _clients.pop(key, None)
    SharedSystemClient._identifier_to_system.pop(key, None)


def release_clients(settings: Settings) -> None:
    """Forget this settings' client (before deleting the folder, or in tests)."""
    key = str((settings.index_dir / CHROMA_DIR).resolve())
    with _clients_lock:
        if key in _clients:
            _forget_system(key)
        else:
            from chromadb.api.shared_system_client import SharedSystemClient

            SharedSystemClient._identifier_to_system.pop(key, None)


def sentence_collection_name(settings: Settings) -> str:
    return settings.collection + SENTENCES_SUFFIX


def _collection(client: Any, name: str, registry: Registry, create: bool) -> Any:
    if create:
        return client.get_or_create_collection(
            name,
            metadata={"embedder_id": registry.embedder_id, "dim": registry.dim},
            configuration=_HNSW_CONFIG,
            embedding_function=None,  # never chromadb's default: it would try to download a model
        )
    return client.get_collection(name, embedding_function=None)


def _chroma_errors() -> tuple[type[BaseException], ...]:
    from chromadb.errors import ChromaError

    return (ChromaError, ValueError, RuntimeError, OSError, KeyError)


def _get(collection: Any, ids: Sequence[str], include: list[str]) -> dict[str, Any]:
    """collection.get in batches (SQLite limits the number of parameters)."""
    merged: dict[str, list[Any]] = {"ids": [], "documents": [], "metadatas": [], "embeddings": []}
    for start in range(0, len(ids), 500):
        part = collection.get(ids=list(ids[start : start + 500]), include=include)
        merged["ids"] += part["ids"]
        for key in include:
            values = part.get(key)
            merged[key] += list(values) if values is not None else []
    return merged


def _check_collection(collection: Any, registry: Registry) -> None:
    """Sanity of an opened collection: metadata, all live chunks present, and a few probe vectors
    that must come back as their own nearest neighbour (a lost HNSW index returns one doc for all)."""
    meta = collection.metadata or {}
    if meta.get("embedder_id") and meta["embedder_id"] != registry.embedder_id:
        raise mismatch(str(meta["embedder_id"]), registry.embedder_id)
    live = registry.live_ids()
    if not live:
        return
    count = collection.count()
    if count < len(live):
        raise damaged(f"{len(live) - count} passages ontbreken in de vectoropslag")
    present = set(_get(collection, live, [])["ids"])
    if len(present) != len(set(live)):
        raise damaged(f"{len(set(live)) - len(present)} passages ontbreken in de vectoropslag")
    probes = sorted({live[0], live[len(live) // 2], live[-1]})
    got = collection.get(ids=probes, include=["embeddings"])
    for probe, vector in zip(got["ids"], got["embeddings"], strict=True):
        vector = np.asarray(vector, dtype=np.float32)
        if vector.shape != (registry.dim,) or not np.all(np.isfinite(vector)):
            raise damaged("vector van onverwachte vorm")
        found = collection.query(query_embeddings=[vector], n_results=min(count, 5), include=["distances"])
        hits = dict(zip(found["ids"][0], found["distances"][0], strict=True))
        if probe not in hits or hits[probe] > 1e-3:
            raise damaged("zoekproef vindt een opgeslagen passage niet terug")


# ----------------------------------------------------------------------------------------------------
# Reader


def _where_matches(chunk: Chunk, where: Where | None) -> bool:
    if not where:
        return True
    doc_ids, doc_types = where.get("doc_id") or [], where.get("doc_type") or []
    return (not doc_ids or chunk.doc_id in doc_ids) and (not doc_types or chunk.doc_type in doc_types)


def _chroma_where(where: Where | None) -> dict[str, Any] | None:
    clauses = [{key: {"$in": list(where[key])}} for key in ("doc_id", "doc_type") if where and where.get(key)]
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


class ChromaIndex:
    """A consistent snapshot of the index: the chunks the registry listed when it was opened, with their
    passage and sentence vectors held in memory.

    Searching never touches chromadb after the snapshot is loaded: a chromadb client that reads while
    another process writes applies and persists that writer's pending log records itself, and then the
    next process to open the folder can miss the new vectors in its HNSW index (the reader race: a
    reloaded reader's dense search missed a just-ingested document in about one run in ten)."""

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
    got = _get(collection, ids, ["embeddings"])
    by_id = dict(zip(got["ids"], got["embeddings"], strict=True))
    if len(by_id) != len(set(ids)):
        raise damaged(f"{len(set(ids)) - len(by_id)} passagevectoren ontbreken in de vectoropslag")
    vectors = np.asarray([by_id[cid] for cid in ids], dtype=np.float32).reshape(len(ids), -1)
    if len(ids) and (vectors.shape[1] != registry.dim or not np.all(np.isfinite(vectors))):
        raise damaged("passagevector van onverwachte vorm")
    return SentenceMatrix(ids, [Sentence(cid, 0, "") for cid in ids], vectors.reshape(len(ids), registry.dim))


def _load_chunks(collection: Any, registry: Registry) -> list[Chunk]:
    got = _get(collection, registry.live_ids(), ["documents", "metadatas"])
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
    got = _get(collection, ids, ["documents", "embeddings"])
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
    return LexicalIndex.build(ids, [_lexical_text(c) for c in chunks], registry.generation)


def _lexical_text(chunk: Chunk) -> str:
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
    registry = read_registry(settings)
    if registry is None:
        raise IndexUnavailable("Er is nog geen index: voer `overhoop ingest` uit.")
    expected = embedder_id or _expected_embedder_id(settings)
    if registry.embedder_id != expected:
        raise mismatch(registry.embedder_id, expected)
    if not settings.chroma_url:
        problem = check_segments(settings.index_dir / CHROMA_DIR, registry)
        if problem:
            # An ingest may have started between reading the registry and the files: look once more.
            again = read_registry(settings)
            if again is None or again.generation != registry.generation or again.dirty != registry.dirty:
                return open_index(settings, expected)
            raise damaged(problem)
    with _no_writer(settings) as alone:
        try:
            client = _client(settings, registry.generation)
            collection = _collection(client, settings.collection, registry, create=False)
            _check_collection(collection, registry)
            chunks = _load_chunks(collection, registry)
            passages = _load_passages(collection, registry, chunks)
            sentences = SentenceMatrix([], [], np.zeros((0, registry.dim), dtype=np.float32))
            if registry.live_sentence_ids():
                found = _collection(client, sentence_collection_name(settings), registry, create=False)
                sentences = _load_sentences(found, registry, chunks)
        except IndexUnavailable:
            raise
        except _chroma_errors() as exc:
            raise damaged(f"{type(exc).__name__}: {exc}") from exc
        finally:
            if alone:
                # The snapshot is in memory: drop the client while no writer can run, so this process
                # holds no chromadb state that could apply or persist another process's writes later.
                collection = found = client = None
                release_clients(settings)
                gc.collect()
    lexical = lexical_for(settings, registry, chunks)
    return ChromaIndex(settings, registry, chunks, passages, lexical, sentences)


@contextlib.contextmanager
def _no_writer(settings: Settings) -> Iterator[bool]:
    """Hold the ingest lock while loading a snapshot when it is free at once (yields True); else (an ingest
    runs, a chroma server is used, or the data folder is read-only) load without it (yields False).
    Never creates the lock file: a folder no ingest ever wrote to has no writer to exclude."""
    from filelock import FileLock, Timeout

    path = settings.data_dir / LOCK_NAME
    if settings.chroma_url or not path.exists():
        yield False
        return
    lock = FileLock(str(path), timeout=0)
    try:
        lock.acquire()
    except (Timeout, OSError):
        yield False
        return
    try:
        yield True
    finally:
        lock.release()


# ----------------------------------------------------------------------------------------------------
# Writer


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
            client = _client(settings, self.registry.generation)
            if rebuild and settings.chroma_url:
                for name in (settings.collection, sentence_collection_name(settings)):
                    with contextlib.suppress(Exception):
                        client.delete_collection(name)
            self.collection = _collection(client, settings.collection, self.registry, create=True)
            self.sentences = _collection(
                client, sentence_collection_name(settings), self.registry, create=True
            )
            _check_collection(self.collection, self.registry)
        except IndexUnavailable:
            raise
        except _chroma_errors() as exc:
            raise damaged(f"{type(exc).__name__}: {exc}") from exc

    def record(self, doc_id: str) -> DocRecord | None:
        return self.registry.documents.get(doc_id)

    def _commit(self, new_generation: bool = True) -> None:
        if new_generation:
            self.registry.generation = _new_generation()
            self.changed = True
        write_registry(self.settings, self.registry)
        _note_generation(self.settings, self.registry.generation)

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
        for start in range(0, len(chunks), _BATCH):
            part = chunks[start : start + _BATCH]
            self.collection.upsert(
                ids=[c.chunk_id for c in part],
                embeddings=np.asarray(vectors[start : start + _BATCH], dtype=np.float32),
                documents=[c.text for c in part],
                metadatas=[c.metadata() for c in part],
            )
        for start in range(0, len(sentences), _BATCH):
            units = sentences[start : start + _BATCH]
            assert sentence_vectors is not None
            self.sentences.upsert(
                ids=[s.sentence_id for s in units],
                embeddings=np.asarray(sentence_vectors[start : start + _BATCH], dtype=np.float32),
                documents=[s.text for s in units],
                metadatas=[{"chunk_id": s.chunk_id, "n": s.n, "doc_id": record.doc_id} for s in units],
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
        chunks = _load_chunks(self.collection, self.registry)
        lexical = LexicalIndex.build(
            [c.chunk_id for c in chunks], [_lexical_text(c) for c in chunks], self.registry.generation
        )
        lexical.save(lexical_dir)
        return True


def _delete(collection: Any, ids: Sequence[str]) -> None:
    for start in range(0, len(ids), _BATCH):
        collection.delete(ids=list(ids[start : start + _BATCH]))


def _new_generation() -> str:
    return uuid.uuid4().hex[:16]
