"""Builders for the store tests: small documents of hashed vectors, written with the real writer."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

from basics.settings import PROJECT_ROOT, Settings
from ingest.documents import Chunk, chunk_id_for
from ingest.embedders import HashingEmbedder
from ingest.sentences import chunk_sentences, sentence_embed_text
from ingest.store import DocRecord, IndexWriter

EMB = HashingEmbedder()
WORDS = [
    *("kind", "ouder", "school", "trauma", "herstel", "veiligheid", "hulpverlener", "jeugdhulp", "netwerk"),
    *("signaal", "welzijn", "gezin", "preventie", "opleiding", "coach", "buurt", "zorgraad", "bouwsteen"),
]


def store_settings(tmp_path: Path, **kw) -> Settings:
    return Settings(data_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus", embedder="hashing", **kw)


def chunks_of(doc_id: str, n: int, doc_type: str = "nota", seed: int = 0) -> list[Chunk]:
    rng = random.Random(f"{doc_id}-{seed}")
    chunks = []
    for i in range(n):
        text = f"Passage {i} van {doc_id}: " + " ".join(rng.choice(WORDS) for _ in range(12))
        chunks.append(
            Chunk(
                chunk_id_for(doc_id, text),
                doc_id,
                f"Titel {doc_id}",
                doc_type,
                "1 Inleiding",
                text,
                i,
                page=1,
            )
        )
    return chunks


def record_of(
    doc_id: str, chunks: list[Chunk], content: str, sentence_counts: list[int] | None = None
) -> DocRecord:
    extra = {} if sentence_counts is None else {"sentence_counts": sentence_counts}
    return DocRecord(
        doc_id,
        f"/corpus/{doc_id}.txt",
        content,
        "ver",
        f"Titel {doc_id}",
        chunks[0].doc_type,
        [c.chunk_id for c in chunks],
        **extra,
    )


def store_chunks(writer: IndexWriter, doc_id: str, chunks: list[Chunk], content: str = "v1") -> None:
    writer.store_document(
        record_of(doc_id, chunks, content), chunks, EMB.encode_passages([c.text for c in chunks])
    )


def build(settings: Settings, docs: dict[str, list[Chunk]]) -> None:
    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim)
    for doc_id, chunks in docs.items():
        store_chunks(writer, doc_id, chunks)
    writer.finish()


READER = """
import sys
from basics.settings import Settings
from ingest.index import IndexUnavailable
from ingest.store import open_index
try:
    index = open_index(Settings(data_dir=sys.argv[1], embedder="hashing"))
except IndexUnavailable as exc:
    print(exc)
    sys.exit(3)
print("geopend", len(index.chunks()))
"""


SENTENCE_DOCS = {
    "nota-a": (
        "nota",
        [
            "De coach komt aan huis bij het gezin. Hij werkt samen met de school en de huisarts. "
            "Ouders krijgen zo steun in de opvoeding.",
            "Leerkrachten leren signalen van stress herkennen in de klas. Een vertrouwensleerling is het "
            "eerste aanspreekpunt voor jongeren.",
        ],
    ),
    "rapport-b": (
        "eindrapport",
        ["Het budget wordt verdeeld over acht bouwstenen. De zorgraden kregen een vaste plaats in de regio."],
    ),
}


def sentence_chunks(doc_id: str, doc_type: str, texts: list[str]) -> list[Chunk]:
    return [
        Chunk(chunk_id_for(doc_id, t), doc_id, f"Titel {doc_id}", doc_type, "2 Aanpak", t, i)
        for i, t in enumerate(texts)
    ]


def store_with_sentences(writer: IndexWriter, doc_id: str, chunks: list[Chunk], content: str = "v1") -> None:
    units = [(s, sentence_embed_text(c, s)) for c in chunks for s in chunk_sentences(c)]
    counts = [sum(1 for s, _ in units if s.chunk_id == c.chunk_id) for c in chunks]
    record = record_of(doc_id, chunks, content, counts)
    vectors = EMB.encode_passages([c.text for c in chunks])
    writer.store_document(
        record, chunks, vectors, [s for s, _ in units], EMB.encode_passages([t for _, t in units])
    )


def stored_sentence_ids(settings: Settings) -> set[str]:
    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim)
    return set(writer.sentences.get(include=[])["ids"])


def run_reader(settings: Settings) -> subprocess.CompletedProcess[str]:
    """Open the index in a process of its own (chromadb can segfault on a damaged file)."""
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT))
    return subprocess.run(
        [sys.executable, "-c", READER, str(settings.data_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
