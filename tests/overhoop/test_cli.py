"""The root command: every package's subcommands in one parser, and help without loading a model."""

from __future__ import annotations

import subprocess
import sys

import pytest

from overhoop.cli import build_parser, main

SUBCOMMANDS = ("ingest", "documents", "search", "ask", "chat", "ui", "eval", "bench")


def test_every_subcommand_is_registered(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args(["--help"])
    assert exited.value.code == 0
    listed = capsys.readouterr().out
    for name in SUBCOMMANDS:
        assert name in listed


def test_no_subcommand_prints_help_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "COMMAND" in capsys.readouterr().out


def test_help_leaves_the_heavy_libraries_unloaded() -> None:
    probe = (
        "import sys\n"
        "from overhoop.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted({'torch', 'chromadb', 'streamlit', 'sentence_transformers'} & sys.modules.keys()))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
