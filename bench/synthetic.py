"""A synthetic corpus N times the real one: its cleaned paragraphs, shuffled per copy, under new doc_ids.

Reproducible (fixed seed); used for the scale curve. Copies shuffle each document's paragraphs, so the
chunker packs them into new mixes: chunk texts and chunk ids differ from the real corpus and between
copies, and no vector cache can serve them (the scale curve uses the hashing embedder for that reason).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from ingest.loaders import load_document
from ingest.manifest import discover
from ingest.pipeline import document_blocks

DEFAULT_SEED = 20250513
MANIFEST = "manifest.yaml"


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """One real document reduced to what the generator needs."""

    doc_id: str
    title: str
    doc_type: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SyntheticDocument:
    doc_id: str
    title: str
    doc_type: str
    paragraphs: tuple[str, ...]

    @property
    def file_name(self) -> str:
        return f"{self.doc_id}.txt"

    def text(self) -> str:
        # Two blank lines: with one, the cleaner reads short one-line paragraphs as double-spaced text.
        return "\n\n\n".join(self.paragraphs) + "\n"


def source_documents(corpus_dir: Path) -> list[SourceDocument]:
    """The real corpus as cleaned paragraphs (headings dropped: a shuffled heading would head nothing)."""
    sources = []
    for info in sorted(discover(corpus_dir).documents, key=lambda d: d.doc_id):
        blocks = document_blocks(load_document(info))
        paragraphs = tuple(b.text.strip() for b in blocks if not b.is_heading and b.text.strip())
        if paragraphs:
            sources.append(SourceDocument(info.doc_id, info.title, info.doc_type, paragraphs))
    return sources


def synthesize(
    sources: Sequence[SourceDocument], factor: int, seed: int = DEFAULT_SEED
) -> list[SyntheticDocument]:
    """`factor` copies of every source document, each with its paragraphs in a new seeded order."""
    if factor < 1:
        raise ValueError("factor must be at least 1")
    rng = random.Random(seed)
    documents = []
    for copy in range(1, factor + 1):
        for source in sources:
            paragraphs = list(source.paragraphs)
            rng.shuffle(paragraphs)
            documents.append(
                SyntheticDocument(
                    doc_id=f"synth-{copy:03d}-{source.doc_id}",
                    title=f"{source.title} (synthetische kopie {copy})",
                    doc_type=source.doc_type,
                    paragraphs=tuple(paragraphs),
                )
            )
    return documents


def write_corpus(documents: Sequence[SyntheticDocument], folder: Path) -> Path:
    """Write the documents as .txt files plus a manifest.yaml that the ingest pipeline reads."""
    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for document in documents:
        (folder / document.file_name).write_text(document.text(), encoding="utf-8")
        entries.append(
            {
                "file": document.file_name,
                "doc_id": document.doc_id,
                "title": document.title,
                "doc_type": document.doc_type,
            }
        )
    manifest = "# Synthetic corpus for the scale benchmark (bench/synthetic.py); not real documents.\n"
    manifest += yaml.safe_dump({"documents": entries}, allow_unicode=True, sort_keys=False)
    (folder / MANIFEST).write_text(manifest, encoding="utf-8")
    return folder


def build_synthetic_corpus(corpus_dir: Path, factor: int, folder: Path, seed: int = DEFAULT_SEED) -> Path:
    """The whole recipe: real corpus -> `factor`x synthetic corpus in `folder`."""
    return write_corpus(synthesize(source_documents(corpus_dir), factor, seed), folder)
