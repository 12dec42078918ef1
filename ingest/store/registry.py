"""The registry: which documents and chunks are live, written atomically, the index's source of truth."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from basics.settings import Settings
from ingest.documents import sentence_id_for
from ingest.files import write_text_atomic
from ingest.index import IndexUnavailable

REGISTRY_FILE = "registry.json"
VECTORS_PREFIX = "chroma"
"""Vector folders are `chroma` (indexes written before staging) or `chroma-<generation>`."""
REBUILD = "voer `overhoop ingest --rebuild` uit"


def damaged(reason: str) -> IndexUnavailable:
    return IndexUnavailable(f"De index is beschadigd ({reason}): {REBUILD}.")


def mismatch(built_with: str, asked: str) -> IndexUnavailable:
    return IndexUnavailable(
        f"De index is gebouwd met {built_with}, de instellingen vragen {asked}: {REBUILD}."
    )


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
    """True while an ingest writes in place (a chroma server) or did and crashed; a local ingest writes a
    staged copy and commits only a clean registry."""
    format: int = 1
    vectors: str = VECTORS_PREFIX
    """The folder in `index_dir` holding the committed chromadb store, never written once committed."""

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


def vector_dir(settings: Settings, registry: Registry) -> Path:
    """The committed chromadb folder of `registry` (local store)."""
    return settings.index_dir / registry.vectors


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
        registry = Registry.from_json(text)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise damaged(f"{path.name} onleesbaar") from exc
    if Path(registry.vectors).name != registry.vectors or not registry.vectors.startswith(VECTORS_PREFIX):
        raise damaged(f"{path.name} noemt een onbekende vectormap")
    return registry


def write_registry(settings: Settings, registry: Registry) -> None:
    """Atomic: a reader sees the old registry or the new one, never half of one."""
    write_text_atomic(registry_path(settings), registry.to_json())


def current_generation(settings: Settings) -> str | None:
    """The generation on disk now (None without index): compare with `Index.loaded_generation`."""
    try:
        registry = read_registry(settings)
    except IndexUnavailable:
        return None
    return registry.generation if registry else None
