"""`overhoop ui`: start the Streamlit chat on loopback, with telemetry and usage statistics off."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

APP = Path(__file__).resolve().parent / "app.py"

# Debian's chromium, headless, as the browser tests and the UI memory bench drive it: without the
# background-networking flags it tries to reach Google's hosts at every start.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def streamlit_command(port: int, address: str = "127.0.0.1") -> list[str]:
    """The exact server command: loopback, headless, no usage statistics, no file watcher."""
    return [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.address", address,
        "--server.port", str(port),
        "--server.headless", "true",
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
        "--client.toolbarMode", "minimal",  # no "Deploy" button pointing to a cloud service
        "--global.showWarningOnDirectExecution", "false",
    ]


def run_ui(args: argparse.Namespace) -> int:
    """Replace this process by the Streamlit server: a SIGTERM (or Ctrl+C) to `overhoop ui` reaches the
    server itself, so stopping the command stops the server (a child process would be left orphaned)."""
    print(f"OverHoop-assistent: open http://{args.address}:{args.port} in je browser (Ctrl+C stopt).")
    sys.stdout.flush()
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    command = streamlit_command(args.port, args.address)
    os.execve(command[0], command, env)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("ui", help="Start de chat in de browser (Streamlit).")
    parser.add_argument("--port", type=int, default=8501, help="Poort (standaard 8501).")
    parser.add_argument(
        "--address", default="127.0.0.1", help="Adres om op te luisteren (standaard alleen deze computer)."
    )
    parser.set_defaults(func=run_ui)
