"""Peak RSS of the UI: the real Streamlit server (ui.cli.streamlit_command) after answering one question
in Debian's chromium through Playwright; without a browser, Streamlit's AppTest in a fresh process."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ui.cli import CHROMIUM, CHROMIUM_ARGS, streamlit_command

TIMEOUT_MS = 300_000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def browser_available() -> bool:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return False
    return CHROMIUM.is_file()


def process_memory_mb(pid: int) -> dict[str, float]:
    """Peak (VmHWM) and current (VmRSS) resident memory of a live process, from /proc, in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            fields[key] = int(value.split()[0]) / 1024
    return {"peak_rss_mb": fields["VmHWM"], "rss_mb": fields["VmRSS"]}


def _wait_healthy(port: int, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit stopped with exit code {process.returncode}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response,
        ):
            if response.status == 200:
                return
        time.sleep(0.2)
    raise TimeoutError("streamlit did not become healthy")


def measure_streamlit(env: Mapping[str, str], question: str) -> dict[str, Any]:
    """Start the UI server, answer `question` in a real browser, read the server's peak RSS."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        streamlit_command(port), env=dict(env), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        _wait_healthy(port, process, 120)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}", timeout=TIMEOUT_MS)
            page.wait_for_selector("[data-testid=stChatInputTextArea]", timeout=TIMEOUT_MS)
            box = page.locator("[data-testid=stChatInputTextArea]")
            ready_s = time.perf_counter() - started
            box.fill(question)
            box.press("Enter")
            # The question shows at once; the answer is the second message, once it holds text.
            page.wait_for_function(
                "(() => { const m = document.querySelectorAll('[data-testid=stChatMessageContent]');"
                " return m.length >= 2 && m[m.length - 1].innerText.trim().length > 40; })()",
                timeout=TIMEOUT_MS,
            )
            page.wait_for_selector("[data-testid=stStatusWidget]", state="detached", timeout=TIMEOUT_MS)
            answer = page.locator("[data-testid=stChatMessageContent]").last.inner_text()
            answered_s = time.perf_counter() - started
            browser.close()
        return {
            "method": "streamlit server + chromium",
            "ready_s": ready_s,
            "answered_s": answered_s,
            "answer_chars": len(answer),
            **process_memory_mb(process.pid),
        }
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run_apptest(question: str) -> dict[str, Any]:
    """Inside a worker process: run the page with AppTest and answer one question."""
    import resource

    from streamlit.testing.v1 import AppTest

    app = Path(__file__).resolve().parent.parent / "ui" / "app.py"
    test = AppTest.from_file(str(app), default_timeout=TIMEOUT_MS / 1000).run()
    test.chat_input[0].set_value(question).run()
    if test.exception:
        raise RuntimeError(str(test.exception[0].value))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"method": "AppTest in a fresh process", "peak_rss_mb": peak, "pid": os.getpid()}
