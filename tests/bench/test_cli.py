"""`overhoop bench`: its options, and a whole quick run writing its Markdown (slow) in temp dirs only."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from bench.cli import _factors
from bench.suite import overhoop_command
from overhoop.cli import build_parser


def test_bench_is_an_overhoop_subcommand_with_its_options(tmp_path: Path) -> None:
    args = build_parser().parse_args(["bench", "--quick", "--scale", "--out", str(tmp_path)])
    assert args.quick and args.scale and args.out == tmp_path
    assert callable(args.func)


def test_factors_parse_and_reject_nonsense() -> None:
    assert _factors(None, (1, 10)) == [1, 10]
    assert _factors("1, 5", (1,)) == [1, 5]
    for bad in ("x", "0", ","):
        with pytest.raises(SystemExit):
            _factors(bad, (1,))


@pytest.mark.slow
def test_quick_bench_writes_results_against_the_targets(tmp_path: Path, isolated_data_dir: Path) -> None:
    out = tmp_path / "results"
    command = [*overhoop_command(), "bench", "--quick", "--scale", "--factors", "1", "--out", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stderr[-2000:]

    report = (out / "bench-quick.md").read_text(encoding="utf-8")
    headings = ("## Against the targets", "## Ingest", "## Cold start", "## Warm latency", "### `search`")
    for heading in (*headings, "### `ask`"):
        assert heading in report
    results = json.loads((out / "bench-quick.json").read_text(encoding="utf-8"))
    assert results["chunks"] > 0 and results["naive_chunks"] > 0
    assert results["noop_new"] == 0, "a re-ingest of an unchanged corpus must redo no document"
    assert results["latency"]["ask"]["total"]["n"] == results["latency"]["calls"]

    scale = json.loads((out / "scale-quick.json").read_text(encoding="utf-8"))
    assert [row["factor"] for row in scale] == [1] and scale[0]["chunks"] > 0
    assert "| 1× |" in (out / "scale-quick.md").read_text(encoding="utf-8")
    # A quick run builds its indexes in scratch directories: the configured data dir stays as it was.
    assert not any(isolated_data_dir.iterdir())
