"""The writer lock: whether an ingest is in progress, as readers ask it."""

from __future__ import annotations

from ingest import store
from ingest.store import IndexWriter, open_index, read_registry
from ingest.store.registry import write_registry
from tests.ingest.store.support import (
    EMB,
    chunks_of,
    store_chunks,
)


def test_an_ingest_is_in_progress_while_it_holds_the_lock_or_its_registry_is_dirty(built) -> None:
    settings, docs = built
    assert not store.ingest_in_progress(settings)
    with store.writer_lock(settings):
        assert store.ingest_in_progress(settings)
    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim)
    # A local writer killed after this store wrote only its staged copy: the index is the old one, whole.
    store_chunks(writer, "nota-a", chunks_of("nota-a", 5, seed=3), content="v2")
    assert not store.ingest_in_progress(settings)
    assert len([c for c in open_index(settings).chunks() if c.doc_id == "nota-a"]) == len(docs["nota-a"])
    writer.finish()
    assert not store.ingest_in_progress(settings)
    assert len([c for c in open_index(settings).chunks() if c.doc_id == "nota-a"]) == 5
    # A writer on a chroma server writes in place and leaves the registry dirty until it finishes.
    registry = read_registry(settings)
    assert registry is not None
    registry.dirty = True
    write_registry(settings, registry)
    assert store.ingest_in_progress(settings)
