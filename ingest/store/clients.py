"""chromadb access: one client per path per process (two with different settings raise), its collections."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from basics.settings import Settings
from ingest.store.registry import Registry, damaged, mismatch

CHROMA_DIR = "chroma"
SENTENCES_SUFFIX = "-sentences"
# chromadb keeps up to sync_threshold vectors in its SQLite log and rebuilds them in memory on every open.
# A low threshold puts nearly all vectors in the HNSW files, whose checksums we can then verify.
_HNSW_CONFIG = {"hnsw": {"space": "cosine", "sync_threshold": 100, "batch_size": 100}}

_clients: dict[str, tuple[str, Any]] = {}
_clients_lock = threading.Lock()


def _chroma_settings():  # noqa: ANN202 - chromadb.config.Settings
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def _key(settings: Settings, folder: Path | None) -> str:
    return f"http:{settings.chroma_url}" if settings.chroma_url else str(Path(folder or ".").resolve())


def shared_client(settings: Settings, folder: Path | None, generation: str) -> Any:
    """The shared client of the chromadb store in `folder` (ignored with a chroma server); re-created when
    the index changed in another process (chromadb would keep serving its stale in-memory vectors)."""
    import chromadb

    key = _key(settings, folder)
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


def note_generation(settings: Settings, folder: Path | None, generation: str) -> None:
    """This process wrote `generation` itself: its client is up to date."""
    key = _key(settings, folder)
    with _clients_lock:
        if key in _clients:
            _clients[key] = (generation, _clients[key][1])


def _forget_system(key: str) -> None:
    """Drop chromadb's cached system for a path. Objects still holding it keep working until released."""
    from chromadb.api.shared_system_client import SharedSystemClient

    _clients.pop(key, None)
    SharedSystemClient._identifier_to_system.pop(key, None)


def release_folder(settings: Settings, folder: Path) -> None:
    """Forget this process's client of one vector folder (before copying or deleting it)."""
    with _clients_lock:
        _forget_system(_key(settings, folder))


def release_clients(settings: Settings) -> None:
    """Forget this settings' clients of every vector folder in the index (before deleting, or in tests)."""
    from chromadb.api.shared_system_client import SharedSystemClient

    root = str(settings.index_dir.resolve())
    with _clients_lock:
        known = set(_clients) | set(SharedSystemClient._identifier_to_system)
        for key in known:
            if key == root or key.startswith(root + "/"):
                _forget_system(key)


def sentence_collection_name(settings: Settings) -> str:
    return settings.collection + SENTENCES_SUFFIX


def open_collection(client: Any, name: str, registry: Registry, create: bool) -> Any:
    if create:
        return client.get_or_create_collection(
            name,
            metadata={"embedder_id": registry.embedder_id, "dim": registry.dim},
            configuration=_HNSW_CONFIG,
            embedding_function=None,  # never chromadb's default: it would try to download a model
        )
    return client.get_collection(name, embedding_function=None)


def chroma_errors() -> tuple[type[BaseException], ...]:
    from chromadb.errors import ChromaError

    return (ChromaError, ValueError, RuntimeError, OSError, KeyError)


def get_batched(collection: Any, ids: Sequence[str], include: list[str]) -> dict[str, Any]:
    """collection.get in batches (SQLite limits the number of parameters)."""
    merged: dict[str, list[Any]] = {"ids": [], "documents": [], "metadatas": [], "embeddings": []}
    for start in range(0, len(ids), 500):
        part = collection.get(ids=list(ids[start : start + 500]), include=include)
        merged["ids"] += part["ids"]
        for key in include:
            values = part.get(key)
            merged[key] += list(values) if values is not None else []
    return merged


def check_collection(collection: Any, registry: Registry) -> None:
    """Sanity of an opened collection: metadata, all live chunks present, and most of a few probe vectors
    coming back as their own nearest neighbour (a lost HNSW index returns one doc for all)."""
    meta = collection.metadata or {}
    if meta.get("embedder_id") and meta["embedder_id"] != registry.embedder_id:
        raise mismatch(str(meta["embedder_id"]), registry.embedder_id)
    live = registry.live_ids()
    if not live:
        return
    count = collection.count()
    if count < len(live):
        raise damaged(f"{len(live) - count} passages ontbreken in de vectoropslag")
    present = set(get_batched(collection, live, [])["ids"])
    if len(present) != len(set(live)):
        raise damaged(f"{len(set(live)) - len(present)} passages ontbreken in de vectoropslag")
    probes = sorted({live[0], live[len(live) // 2], live[-1]})
    got = collection.get(ids=probes, include=["embeddings"])
    lost = 0
    for probe, vector in zip(got["ids"], got["embeddings"], strict=True):
        vector = np.asarray(vector, dtype=np.float32)
        if vector.shape != (registry.dim,) or not np.all(np.isfinite(vector)):
            raise damaged("vector van onverwachte vorm")
        found = collection.query(query_embeddings=[vector], n_results=min(count, 5), include=["distances"])
        hits = dict(zip(found["ids"][0], found["distances"][0], strict=True))
        lost += probe not in hits or hits[probe] > 1e-3
    # HNSW search is approximate: a whole graph can leave a single vector unreachable (chromadb issue
    # 7758), which loses nothing here (readers search the vectors they load, never the graph). A lost
    # index returns the same passages for every query, so at most one distinct probe finds itself.
    if lost > (len(probes) - 1) // 2:
        raise damaged("zoekproef vindt een opgeslagen passage niet terug")
