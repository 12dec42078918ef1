"""The writer lock: whether an ingest is in progress, as readers ask it."""

from __future__ import annotations

from ingest import store
from ingest.store import IndexWriter
from tests.ingest.store.support import (
    EMB,
    chunks_of,
    store_chunks,
)


def test_an_ingest_is_in_progress_while_it_holds_the_lock_or_its_registry_is_dirty(built) -> None:
    settings, _ = built
    assert not store.ingest_in_progress(settings)
    with store.writer_lock(settings):
        assert store.ingest_in_progress(settings)
    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim)
    # A writer killed after this store: the registry stays dirty, the lock is released.
    store_chunks(writer, "nota-a", chunks_of("nota-a", 5, seed=3), content="v2")
    assert store.ingest_in_progress(settings)
    writer.finish()
    assert not store.ingest_in_progress(settings)
