"""Fixtures of the store tests: a built index of two documents, and one with sentence vectors."""

from __future__ import annotations

import pytest

from ingest.store import IndexWriter
from tests.ingest.store.support import (
    EMB,
    SENTENCE_DOCS,
    build,
    chunks_of,
    sentence_chunks,
    store_settings,
    store_with_sentences,
)


@pytest.fixture
def built(tmp_path):
    settings = store_settings(tmp_path)
    docs = {
        "nota-a": chunks_of("nota-a", 80),
        "rapport-b": chunks_of("rapport-b", 70, doc_type="eindrapport"),
    }
    build(settings, docs)
    return settings, docs


@pytest.fixture
def with_sentences(tmp_path):
    settings = store_settings(tmp_path)
    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim)
    docs = {doc_id: sentence_chunks(doc_id, t, texts) for doc_id, (t, texts) in SENTENCE_DOCS.items()}
    for doc_id, chunks in docs.items():
        store_with_sentences(writer, doc_id, chunks)
    writer.finish()
    return settings, docs
