"""Fresh-process scenarios: their JSON result, their own peak memory, their failures."""

from __future__ import annotations

import sys

import pytest

from bench.runner import ScenarioFailed, bench_environment, run_process


def test_process_result_carries_the_last_json_line_and_its_own_peak_rss() -> None:
    # The child allocates ~80 MB: its peak RSS must show it (it is the child's, not this process's).
    code = "import json; b = bytearray(80 * 1024 * 1024); print('log'); print(json.dumps({'ok': len(b)}))"
    result = run_process([sys.executable, "-c", code], bench_environment())
    assert result.payload() == {"ok": 80 * 1024 * 1024}
    assert result.peak_rss_mb > 80


def test_a_failing_process_raises_with_its_stderr() -> None:
    result = run_process([sys.executable, "-c", "import sys; sys.exit('stuk')"], bench_environment())
    assert result.returncode == 1
    with pytest.raises(ScenarioFailed, match="stuk"):
        result.payload()


def test_environment_is_offline_and_takes_overrides() -> None:
    env = bench_environment({"OVERHOOP_EMBEDDER": "hashing"})
    assert env["HF_HUB_OFFLINE"] == "1" and env["OVERHOOP_EMBEDDER"] == "hashing"
