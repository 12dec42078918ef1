"""Run one scenario in a fresh process: wall time, peak RSS of that process (wait4), its JSON result."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from basics.settings import apply_offline_environment


class ScenarioFailed(RuntimeError):
    """A benchmark subprocess exited with an error; the message carries the end of its stderr."""


@dataclass(frozen=True)
class ProcessResult:
    seconds: float
    peak_rss_mb: float
    returncode: int
    stdout: str
    stderr: str

    def payload(self) -> dict[str, Any]:
        """The JSON object the worker printed on its last stdout line."""
        lines = [line for line in self.stdout.splitlines() if line.strip()]
        if self.returncode != 0 or not lines:
            raise ScenarioFailed(f"exit {self.returncode}: {self.stderr.strip()[-1500:]}")
        return json.loads(lines[-1])


def bench_environment(overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """This process's environment, offline and silent, with OVERHOOP_* overrides for the scenario."""
    apply_offline_environment()
    env = dict(os.environ)
    env.update(overrides or {})
    return env


def run_process(command: Sequence[str], env: Mapping[str, str], timeout: float = 3600) -> ProcessResult:
    """Start `command`, wait for it and return its wall time and its own peak RSS (not its parent's)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(list(command), stdout=out, stderr=err, env=dict(env))
        deadline = started + timeout
        while True:
            # wait4 reports the rusage of this one child; getrusage(RUSAGE_CHILDREN) would mix all of them.
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.kill(process.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.005)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    return ProcessResult(seconds, usage.ru_maxrss / 1024, process.returncode, stdout, stderr)


def run_worker(
    scenario: str, args: Mapping[str, Any], env: Mapping[str, str], timeout: float = 3600
) -> tuple[dict[str, Any], ProcessResult]:
    """Run `python -m bench.worker SCENARIO ARGS_JSON` and return its result and the process figures."""
    command = [sys.executable, "-m", "bench.worker", scenario, json.dumps(dict(args))]
    result = run_process(command, env, timeout)
    return result.payload(), result
