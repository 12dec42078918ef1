"""A damaged index is refused with the repair command: vector-file fingerprints, chromadb errors,
missing vectors."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from basics.settings import Settings
from ingest import store
from ingest.documents import Chunk
from ingest.index import IndexUnavailable
from ingest.store import IndexWriter, open_index
from tests.ingest.store.support import EMB, run_reader, store_chunks, stored_sentence_ids


def _build_again(settings: Settings, docs: dict[str, list[Chunk]]) -> None:
    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim, rebuild=True)
    for doc_id, chunks in docs.items():
        store_chunks(writer, doc_id, chunks)
    writer.finish()
    assert len(open_index(settings).chunks()) == sum(len(c) for c in docs.values())


def _segment_dir(settings: Settings) -> Path:
    (folder,) = [p for p in (settings.index_dir / store.CHROMA_DIR).iterdir() if p.is_dir()]
    return folder


def _damage(settings: Settings, how: str) -> None:
    store.release_clients(settings)
    sqlite = settings.index_dir / store.CHROMA_DIR / "chroma.sqlite3"
    if how == "truncated sqlite":
        with sqlite.open("r+b") as handle:
            handle.truncate(sqlite.stat().st_size // 3)
    elif how == "garbage sqlite":
        sqlite.write_bytes(random.Random(1).randbytes(sqlite.stat().st_size))
    elif how == "deleted vector folder":
        shutil.rmtree(_segment_dir(settings))
    elif how == "garbage registry":
        (settings.index_dir / store.REGISTRY_FILE).write_text("{kapot")
    elif how == "overwritten vectors":
        target = _segment_dir(settings) / "data_level0.bin"
        target.write_bytes(random.Random(2).randbytes(target.stat().st_size))


@pytest.mark.parametrize(
    "how", ["truncated sqlite", "garbage sqlite", "deleted vector folder", "garbage registry"]
)
def test_damage_is_detected_with_the_repair_command(built, how) -> None:
    settings, docs = built
    _damage(settings, how)
    with pytest.raises(IndexUnavailable, match=r"beschadigd .*overhoop ingest --rebuild"):
        open_index(settings)
    with pytest.raises(IndexUnavailable, match="beschadigd"):
        IndexWriter(settings, EMB.embedder_id, EMB.dim)
    _build_again(settings, docs)


def test_overwritten_vector_file_is_detected_before_it_can_crash_the_reader(built) -> None:
    settings, docs = built
    # chromadb segfaults on random bytes in data_level0.bin: the reader runs in its own process.
    assert (_segment_dir(settings) / "data_level0.bin").stat().st_size > 100_000  # the vectors are in it
    _damage(settings, "overwritten vectors")
    done = run_reader(settings)
    assert done.returncode == 3, done.stderr[-2000:]
    assert "beschadigd" in done.stdout and "overhoop ingest --rebuild" in done.stdout
    _build_again(settings, docs)


def test_missing_sentence_vectors_are_detected(with_sentences) -> None:
    settings, _ = with_sentences
    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim)
    writer.sentences.delete(ids=[sorted(stored_sentence_ids(settings))[0]])
    with pytest.raises(IndexUnavailable, match="zinnen ontbreken"):
        open_index(settings)
