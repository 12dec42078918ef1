"""Never embed the same passage twice: vectors keyed by (embedder id, sha256 of the text).

Two layers: a read-only layer shipped with the corpus (`corpus/vectors/<embedder>.npz` for passages and
`<embedder>.sentences.npz` for sentences, so a fresh machine indexes the shipped documents in seconds) and
a SQLite cache under `settings.cache_dir`.
Only passages are cached; queries are embedded fresh (they are short and rarely repeat).
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from ingest.embedders import Embedder
from ingest.files import atomic_write

ProgressCallback = Callable[[int], None]
"""Called with the number of texts just embedded (for a progress bar)."""


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


SENTENCES_PART = "sentences"
"""The shipped file of sentence vectors, beside the passages' file. Stored as float16: half the size,
cosines within 1e-5 of float32 (the passages' file stays float32, as it always was)."""
SHIPPED_PARTS = ("", SENTENCES_PART)


def shipped_vectors_path(vectors_dir: Path, embedder_id: str, part: str = "") -> Path:
    """File name of one part of an embedder's shipped layer: its id with every unsafe character replaced."""
    suffix = f".{part}.npz" if part else ".npz"
    return vectors_dir / (re.sub(r"[^A-Za-z0-9._-]+", "_", embedder_id) + suffix)


def load_shipped(vectors_dir: Path, embedder_id: str, dim: int | None = None) -> dict[str, np.ndarray]:
    """The shipped layer (all parts) as {text key: vector}; a part absent, unreadable or of another
    dimension contributes nothing."""
    layer: dict[str, np.ndarray] = {}
    for part in SHIPPED_PARTS:
        layer.update(_load_part(shipped_vectors_path(vectors_dir, embedder_id, part), embedder_id, dim))
    return layer


def _load_part(path: Path, embedder_id: str, dim: int | None) -> dict[str, np.ndarray]:
    try:
        with np.load(path, allow_pickle=False) as data:
            keys, vectors = data["keys"], data["vectors"].astype(np.float32)
            stored_id = str(data["embedder_id"]) if "embedder_id" in data else embedder_id
    except (OSError, KeyError, ValueError):
        return {}
    if stored_id != embedder_id or (dim is not None and vectors.shape[1] != dim):
        return {}
    return {str(k): v for k, v in zip(keys, vectors, strict=True)}


def write_shipped(
    vectors_dir: Path,
    embedder_id: str,
    vectors: dict[str, np.ndarray],
    part: str = "",
    dtype: type[np.floating] = np.float32,
) -> Path:
    """Write one part of the shipped layer atomically, keys sorted so the file only changes when its
    content does."""
    path = shipped_vectors_path(vectors_dir, embedder_id, part)
    keys = sorted(vectors)
    matrix = np.stack([vectors[k] for k in keys]).astype(dtype) if keys else np.zeros((0, 0), dtype)
    with atomic_write(path, binary=True, mode=0o644) as handle:  # a shipped file, readable by all
        np.savez_compressed(
            handle, keys=np.array(keys, dtype="<U64"), vectors=matrix, embedder_id=np.array(embedder_id)
        )
    return path


class VectorCache:
    """SQLite table of passage vectors: (embedder_id, text key) -> float32 bytes."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS vectors (embedder_id TEXT NOT NULL, text_key TEXT NOT NULL,"
            " vector BLOB NOT NULL, PRIMARY KEY (embedder_id, text_key))"
        )
        self._db.commit()

    def get_many(self, embedder_id: str, keys: Sequence[str], dim: int | None) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for start in range(0, len(keys), 500):
                part = list(keys[start : start + 500])
                rows = self._db.execute(
                    f"SELECT text_key, vector FROM vectors WHERE embedder_id = ? AND text_key IN "
                    f"({','.join('?' * len(part))})",
                    [embedder_id, *part],
                ).fetchall()
                for key, blob in rows:
                    vector = np.frombuffer(blob, dtype=np.float32)
                    if dim is None or vector.shape[0] == dim:
                        found[key] = vector
        return found

    def put_many(self, embedder_id: str, items: dict[str, np.ndarray]) -> None:
        with self._lock:
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)",
                [(embedder_id, k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()],
            )
            self._db.commit()

    def close(self) -> None:
        with self._lock:
            self._db.close()


class CachedEmbedder(Embedder):
    """Wraps an embedder: passages come from the shipped layer, then the SQLite cache, then the model."""

    def __init__(
        self, inner: Embedder, cache: VectorCache, shipped_dir: Path | None = None, batch_size: int = 16
    ) -> None:
        self.inner = inner
        self.cache = cache
        self.embedder_id = inner.embedder_id
        self.batch_size = batch_size
        self._shipped_dir = shipped_dir
        self._shipped: dict[str, np.ndarray] | None = None
        self.hits = 0
        self.misses = 0

    @property
    def dim(self) -> int:
        return self.inner.dim

    def close(self) -> None:
        """Close the SQLite cache (its write-ahead log is folded in now, not at garbage collection)."""
        self.cache.close()

    def _shipped_layer(self) -> dict[str, np.ndarray]:
        if self._shipped is None:
            self._shipped = load_shipped(self._shipped_dir, self.embedder_id) if self._shipped_dir else {}
        return self._shipped

    def missing(self, texts: Sequence[str]) -> list[str]:
        """The distinct texts that would have to be embedded (for sizing a progress bar)."""
        keys = {text_key(t): t for t in texts}
        shipped = self._shipped_layer()
        unknown = [k for k in keys if k not in shipped]
        cached = self.cache.get_many(self.embedder_id, unknown, None)
        return [keys[k] for k in unknown if k not in cached]

    def encode_passages(self, texts: Sequence[str], progress: ProgressCallback | None = None) -> np.ndarray:
        keys = [text_key(t) for t in texts]
        shipped = self._shipped_layer()
        found = {k: shipped[k] for k in keys if k in shipped}
        found.update(self.cache.get_many(self.embedder_id, [k for k in keys if k not in found], None))
        todo = {k: t for k, t in zip(keys, texts, strict=True) if k not in found}
        self.hits += len(texts) - sum(1 for k in keys if k in todo)
        todo_keys = list(todo)
        for start in range(0, len(todo_keys), self.batch_size):
            batch = todo_keys[start : start + self.batch_size]
            vectors = self.inner.encode_passages([todo[k] for k in batch])
            fresh = dict(zip(batch, vectors, strict=True))
            # Commit per batch: an interrupted ingest keeps what it already paid for.
            self.cache.put_many(self.embedder_id, fresh)
            found.update(fresh)
            self.misses += len(batch)
            if progress:
                progress(len(batch))
        if not keys:
            return np.zeros((0, self.inner.dim), dtype=np.float32)
        return np.stack([found[k] for k in keys]).astype(np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        return self.inner.encode_query(text)


def cached_embedder(inner: Embedder, cache_dir: Path, shipped_dir: Path | None) -> CachedEmbedder:
    """`inner` behind the SQLite cache in `cache_dir` and the shipped layer in `shipped_dir`."""
    batch = getattr(inner, "batch_size", 16)
    return CachedEmbedder(inner, VectorCache(cache_dir / "embeddings.sqlite3"), shipped_dir, batch_size=batch)
