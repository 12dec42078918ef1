"""Entry point of the benchmark's fresh processes: `python -m bench.worker SCENARIO ARGS_JSON`.

Prints one JSON object on its last stdout line. Settings come from the OVERHOOP_* variables the
orchestrator sets, so each scenario sees exactly one configuration.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from basics.settings import PROJECT_ROOT, apply_offline_environment


def _latency(args: dict[str, Any]) -> dict[str, Any]:
    from bench.latency import measure_product

    return measure_product(args["questions"], int(args["repeats"]))


def _naive_latency(args: dict[str, Any]) -> dict[str, Any]:
    from bench.latency import measure_naive

    return measure_naive(Path(args["index_dir"]), args["questions"], int(args["repeats"]))


def _naive_ask(args: dict[str, Any]) -> dict[str, Any]:
    from basics.settings import get_settings
    from bench.naive import NaiveRecipe
    from ingest.embedders import make_embedder

    answer = NaiveRecipe(Path(args["index_dir"]), make_embedder(get_settings())).ask(args["question"])
    print(answer[:200])
    return {"chars": len(answer)}


def _ingest(args: dict[str, Any]) -> dict[str, Any]:
    from bench.ingest_bench import run_ingest

    return run_ingest()


def _naive_ingest(args: dict[str, Any]) -> dict[str, Any]:
    from bench.ingest_bench import run_naive_ingest

    return run_naive_ingest(args["index_dir"])


def _warm_cache(args: dict[str, Any]) -> dict[str, Any]:
    from bench.ingest_bench import run_warm_cache

    return run_warm_cache()


def _embed_rate(args: dict[str, Any]) -> dict[str, Any]:
    from bench.ingest_bench import run_embed_rate

    return run_embed_rate(int(args["n"]))


def _ui_apptest(args: dict[str, Any]) -> dict[str, Any]:
    from bench.ui_memory import run_apptest

    return run_apptest(args["question"])


SCENARIOS = {
    "latency": _latency,
    "naive-latency": _naive_latency,
    "naive-ask": _naive_ask,
    "ingest": _ingest,
    "naive-ingest": _naive_ingest,
    "warm-cache": _warm_cache,
    "embed-rate": _embed_rate,
    "ui-apptest": _ui_apptest,
}


def main(argv: list[str]) -> int:
    apply_offline_environment()
    sys.path.insert(0, str(PROJECT_ROOT))
    scenario, raw = argv[0], argv[1] if len(argv) > 1 else "{}"
    result = SCENARIOS[scenario](json.loads(raw))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
