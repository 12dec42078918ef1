"""Shared by the reliability tests: running the `overhoop` command in its own process as a user would, and
reading the quoted sentences of an answer."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from basics.settings import PROJECT_ROOT, Settings

ROOT = PROJECT_ROOT


def cli_env(settings: Settings, extra_pythonpath: Sequence[Path] = (), **variables: str) -> dict[str, str]:
    """The environment of an `overhoop` process using `settings` (data, corpus, embedder, threshold)."""
    path = os.pathsep.join([*(str(p) for p in extra_pythonpath), str(PROJECT_ROOT)])
    env = {k: v for k, v in os.environ.items() if not k.startswith("OVERHOOP_")}
    env.update(
        PYTHONPATH=path,
        OVERHOOP_DATA_DIR=str(settings.data_dir),
        OVERHOOP_CORPUS_DIR=str(settings.corpus_dir),
        OVERHOOP_EMBEDDER=settings.embedder,
        OVERHOOP_REFUSAL_THRESHOLD=str(settings.refusal_threshold),
        OVERHOOP_MASK_CONTACTS=str(settings.mask_contacts).lower(),
    )
    env.update(variables)
    return env


def overhoop_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "overhoop", *args]


def run_overhoop(
    *args: str, env: Mapping[str, str], timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """`overhoop ARGS` in its own process, as a user runs it; output captured as text."""
    return subprocess.run(
        overhoop_command(*args), env=dict(env), capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )


_COMPOSER_LABEL = re.compile(r"^\s*(?:[-*]\s+|\d{1,2}[.)]\s+)?(?:\*\*[^*\n]+\*\*\s*)?")


def answer_body_lines(answer_text: str) -> list[str]:
    """The lines of an answer after its opening line, without the composer's own structure: bullets,
    list numbers and bold labels ("**Wat je kan doen:**"), which the answer adds, not the question."""
    lines = answer_text.split("\n\n", 1)[1].splitlines() if "\n\n" in answer_text else []
    return [_COMPOSER_LABEL.sub("", line, count=1).strip() for line in lines]


def quoted_sentences(answer_text: str) -> list[str]:
    """Every sentence the answer quotes: the text before each citation marker [n], structure removed."""
    body = "\n".join(answer_body_lines(answer_text))
    return [s.strip() for s in re.split(r" \[\d+\]", body) if s.strip()]
