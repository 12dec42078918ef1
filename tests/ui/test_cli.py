"""`overhoop ui`: stopping the command stops the Streamlit server (no orphan left listening)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from basics.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _servers(port: int) -> list[int]:
    """Pids of live processes whose command line runs Streamlit on `port`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            args = (entry / "cmdline").read_bytes().split(b"\0")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if b"streamlit" in b" ".join(args) and str(port).encode() in args and state != "Z":
            found.append(int(entry.name))
    return found


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.mark.slow
def test_sigterm_to_overhoop_ui_stops_the_server(indexed: Settings, tmp_path: Path) -> None:
    port = _free_port()
    log = (tmp_path / "ui.log").open("wb")
    command = [sys.executable, "-m", "overhoop", "ui", "--port", str(port)]
    ui = subprocess.Popen(command, cwd=ROOT, env=dict(os.environ), stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while not _healthy(port):
            assert ui.poll() is None and time.monotonic() < deadline, (tmp_path / "ui.log").read_text()
            time.sleep(0.3)
        servers = _servers(port)
        assert servers, "no Streamlit process found"
        ui.send_signal(signal.SIGTERM)
        ui.wait(timeout=20)
        deadline = time.monotonic() + 10
        while _servers(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _servers(port) == [], "the Streamlit server outlived `overhoop ui`"
        assert not _healthy(port)
    finally:
        for pid in [*_servers(port), ui.pid]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        ui.wait(timeout=10)
        log.close()
