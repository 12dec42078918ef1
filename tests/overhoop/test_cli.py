"""The root command: every package's subcommands in one parser, and help without loading a model."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from basics.settings import get_settings
from evals.baselines import naive_texts
from ingest.embedding_cache import load_shipped, text_key
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


def test_exported_vectors_include_the_eval_baseline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = "Steun voor ouders\n\nOuders krijgen begeleiding van een coach.\n"
    (corpus / "ouders.txt").write_text(text * 40)
    monkeypatch.setenv("OVERHOOP_CORPUS_DIR", str(corpus))
    monkeypatch.setenv("OVERHOOP_EMBEDDER", "hashing")
    get_settings.cache_clear()
    assert main(["ingest", "--export-vectors"]) == 0
    shipped = load_shipped(corpus / "vectors", "hashing-v1-384")
    baseline = naive_texts(corpus)
    assert len(baseline) > 1
    assert all(text_key(text) in shipped for text in baseline)
