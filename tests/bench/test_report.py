"""The bench Markdown: every section, each figure against its target, the naive recipe as ratios."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bench.report import render_bench, render_scale

WHEN = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)


def series(value: float) -> dict[str, float]:
    return {"n": 2, "median": value, "p95": value * 1.5, "min": value, "max": value * 1.5}


def stages(total_ms: float) -> dict[str, dict[str, float]]:
    return {
        "query embedding": {"median_ms": total_ms / 4, "p95_ms": total_ms / 2},
        "total": {"median_ms": total_ms, "p95_ms": total_ms * 2},
    }


def latency(total_ms: float) -> dict[str, Any]:
    return {
        "search": stages(total_ms / 2),
        "ask": stages(total_ms),
        "calls": 8,
        "refused": 1,
        "load_s": 2.0,
        "peak_rss_mb": 400.0,
    }


def process(seconds: float) -> dict[str, Any]:
    return {"wall_s": series(seconds), "peak_rss_mb": series(300.0), "seconds": series(seconds / 2)}


def results(ui: dict[str, Any] | None = None) -> dict[str, Any]:
    figures = {
        "quick": True,
        "embedder": "hashing",
        "load_before": (1.0, 1.0, 1.0),
        "load_after": (1.5, 1.0, 1.0),
        "warm_cache": {"missing": 0, "texts": 120, "seconds": 1.0},
        "embed_rate": {"embedder": "hashing", "n": 4, "per_s": 100.0, "load_s": 0.1},
        "chunks": 100,
        "naive_chunks": 200,
        "ingest": process(4.0),
        "naive_ingest": process(2.0),
        "noop": process(1.0),
        "noop_new": 0,
        "cold": process(3.0),
        "naive_cold": process(6.0),
        "questions": 4,
        "latency": latency(200.0),
        "naive_latency": latency(100.0),
        "bench_seconds": 90.0,
    }
    return figures | ({"ui": ui} if ui else {})


def test_the_bench_report_has_every_section_and_the_targets() -> None:
    text = render_bench(results(), "2 cores", WHEN)
    for heading in (
        "# Benchmark: the OverHoop assistant against the usual recipe (quick run)",
        "## Against the targets",
        "## Ingest",
        "## Cold start",
        "## Warm latency",
        "### `search`",
        "### `ask` (extractive)",
    ):
        assert heading in text
    assert "Measured 2026-01-02 03:04 UTC with `overhoop bench --quick` on: 2 cores." in text
    assert "| warm `ask` p50 | ≤ 300 ms | 200 ms | **met** |" in text
    assert "| warm `ask` p95 | ≤ 600 ms | 400 ms | **met** |" in text
    assert "not measured (--quick)" in text and "## UI memory" not in text
    # Ours against the naive recipe: 100 against 200 chunks, a cold start half as long.
    assert "| chunks | 100 | 200 | 0.50× |" in text
    assert "Ratio ours ÷ naive (median): 0.50×." in text
    assert "Whole benchmark: 1.5 min." in text


def test_a_measured_ui_gets_its_section_and_its_verdict() -> None:
    ui = {"method": "chromium", "peak_rss_mb": 2000.0, "ready_s": 4.0, "answered_s": 6.0}
    text = render_bench(results(ui), "2 cores", WHEN)
    assert "| peak RSS of the UI process after one answer | ≤ 1.5 GB | 2,000 MB | **missed** |" in text
    assert "## UI memory" in text and "Peak RSS 2000 MB after answering one question" in text


def test_the_scale_report_has_a_row_per_size() -> None:
    row = {
        "factor": 10,
        "documents": 30,
        "chunks": 6000,
        "corpus_mb": 12.0,
        "ingest_s": 60.0,
        "ingest_rss_mb": 800.0,
        "index_mb": 90.0,
        "load_s": 1.5,
        "search": stages(40.0),
        "ask": stages(80.0),
        "query_rss_mb": 500.0,
    }
    text = render_scale([row], 100.0, "2 cores", ((1.0,), (2.0,)), WHEN)
    cells = "| 10× | 30 | 6,000 | 12.0 | 60.0 | 100 | 800 | 90 | 1.5 | 40 / 80 | 80 / 160 | 500 | 1 min |"
    assert cells in text
    assert "| 10× | 20.0 | 80.0 |" in text
