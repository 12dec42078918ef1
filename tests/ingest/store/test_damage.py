"""A damaged index is refused with the repair command: vector-file fingerprints, chromadb errors,
missing vectors."""

from __future__ import annotations

import pytest

from basics.settings import Settings
from ingest import store
from ingest.documents import Chunk
from ingest.index import IndexUnavailable
from ingest.store import IndexWriter, open_index
from tests.ingest.store.support import EMB, run_reader, store_chunks, stored_sentence_ids
from tests.support.damage import damage_index, vector_folders


def _build_again(settings: Settings, docs: dict[str, list[Chunk]]) -> None:
    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim, rebuild=True)
    for doc_id, chunks in docs.items():
        store_chunks(writer, doc_id, chunks)
    writer.finish()
    assert len(open_index(settings).chunks()) == sum(len(c) for c in docs.values())


def _damage(settings: Settings, how: str) -> None:
    store.release_clients(settings)  # this process's chromadb client holds the files open
    damage_index(settings.index_dir, how)


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
    (folder,) = vector_folders(settings.index_dir)
    assert (folder / "data_level0.bin").stat().st_size > 100_000  # the vectors are in it
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
