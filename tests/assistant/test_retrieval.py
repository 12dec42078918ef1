from __future__ import annotations

import numpy as np
import pytest

from assistant.query_adapter import QueryAdapter
from assistant.retrieval import HybridRetriever, filters_to_where, fuse_runs
from tests.support.fake_index import FakeIndex


@pytest.fixture
def index() -> FakeIndex:
    return FakeIndex()


def test_hybrid_passages_carry_fused_and_per_retriever_scores(index: FakeIndex) -> None:
    result = HybridRetriever(index, index.embedder).retrieve("zesde bouwsteen scholen", k=3)
    top = result.passages[0]
    assert "zesde bouwsteen" in top.text
    assert {"dense", "bm25", "dense_rank", "bm25_rank"} <= set(top.scores)
    assert [p.score for p in result.passages] == sorted((p.score for p in result.passages), reverse=True)
    assert result.best_dense is not None and result.best_bm25 is not None and result.best_bm25 > 0


def test_near_duplicates_are_collapsed(index: FakeIndex) -> None:
    result = HybridRetriever(index, index.embedder).retrieve("niet-pluis-gevoel vertrouwensarts", k=5)
    hits = [p for p in result.passages if "vertrouwensarts" in p.text]
    assert len(hits) == 1
    assert len({p.chunk_id for p in result.passages}) == len(result.passages)


@pytest.mark.parametrize("mode", ["dense", "bm25"])
def test_single_retriever_modes_use_only_that_retriever(index: FakeIndex, mode: str) -> None:
    result = HybridRetriever(index, index.embedder, mode=mode).retrieve("zesde bouwsteen", k=2)  # type: ignore[arg-type]
    assert result.passages
    other = "bm25" if mode == "dense" else "dense"
    assert all(other not in p.scores for p in result.passages)
    assert (index.dense_calls, index.lexical_calls) == ((1, 0) if mode == "dense" else (0, 1))
    assert index.sentence_calls == 0
    assert (result.best_dense is None) == (mode == "bm25")


def test_filters_by_document_and_type(index: FakeIndex) -> None:
    retriever = HybridRetriever(index, index.embedder)
    by_doc = retriever.retrieve("trauma", k=5, filters={"doc_id": ["eindrapport"]})
    assert by_doc.passages and {p.doc_id for p in by_doc.passages} == {"eindrapport"}
    by_type = retriever.retrieve("trauma", k=5, filters={"doc_type": "nota"})
    assert by_type.passages and {p.chunk.doc_type for p in by_type.passages} == {"nota"}
    nothing = retriever.retrieve("trauma", k=5, filters={"doc_id": ["bestaat-niet"]})
    assert nothing.passages == []


def test_filters_are_validated() -> None:
    assert filters_to_where(None) is None
    assert filters_to_where({"doc_id": [], "doc_type": None}) is None
    assert filters_to_where({"doc_id": "a"}) == {"doc_id": ["a"]}
    with pytest.raises(ValueError):
        filters_to_where({"auteur": ["x"]})


def test_invalid_configuration_is_refused(index: FakeIndex) -> None:
    with pytest.raises(ValueError):
        HybridRetriever(index, None, mode="hybrid")
    with pytest.raises(ValueError):
        HybridRetriever(index, index.embedder, mode="sparse")  # type: ignore[arg-type]
    assert HybridRetriever(index, None, mode="bm25").retrieve("zorgraden", k=1).passages


def test_hybrid_fuses_the_sentence_list_as_a_third_run(index: FakeIndex) -> None:
    result = HybridRetriever(index, index.embedder).retrieve("vertrouwensarts collega zorgen", k=3)
    assert index.sentence_calls == 1
    ranked = [p for p in result.passages if "sentences" in p.scores]
    assert ranked and {"sentences", "sentences_rank"} <= set(ranked[0].scores)
    assert all(-1.0 <= p.scores["sentences"] <= 1.0 for p in ranked)


def test_the_sentence_list_can_be_switched_off(index: FakeIndex) -> None:
    result = HybridRetriever(index, index.embedder, sentences=False).retrieve("zesde bouwsteen", k=3)
    assert result.passages and index.sentence_calls == 0
    assert all("sentences" not in p.scores for p in result.passages)


def test_three_runs_fuse_by_reciprocal_rank() -> None:
    a, b, c = FakeIndex().chunks()[:3]
    runs = {"dense": [(b, 0.9), (a, 0.8)], "bm25": [(b, 7.0), (c, 5.0)], "sentences": [(a, 0.95), (c, 0.7)]}
    fused = fuse_runs(runs, rrf_k=60)
    assert [p.chunk_id for p in fused] == [b.chunk_id, a.chunk_id, c.chunk_id]
    assert fused[1].score == pytest.approx(1 / 62 + 1 / 61)
    assert fused[1].scores == {"dense": 0.8, "dense_rank": 2.0, "sentences": 0.95, "sentences_rank": 1.0}


def test_an_adapter_changes_what_dense_search_finds_but_not_the_vector_passed_on(index: FakeIndex) -> None:
    question = "zesde bouwsteen scholen"
    plain = np.asarray(index.embedder.embed_query(question), dtype=np.float32)
    chunks = index.chunks()
    _, vectors = index.passage_vectors()
    first = HybridRetriever(index, index.embedder, mode="dense").retrieve(question, k=1).passages[0]
    target = next(i for i, c in enumerate(chunks) if c.chunk_id != first.chunk_id)
    # A map that sends this question's vector onto another chunk's passage vector.
    matrix = 10 * np.outer(vectors[target], plain) / float(plain @ plain) + 0.01 * np.eye(len(plain))
    adapted = HybridRetriever(
        index, index.embedder, mode="dense", adapter=QueryAdapter(matrix.astype(np.float32))
    ).retrieve(question, k=1)
    assert adapted.passages[0].chunk_id == chunks[target].chunk_id
    assert adapted.query_vector is not None and np.allclose(adapted.query_vector, plain)
    # The answer decision reads how near the question is with its own vector.
    assert adapted.plain_cosines is not None
    assert adapted.plain_cosines[0] == pytest.approx(first.scores["dense"], abs=1e-5)


def test_without_an_adapter_no_plain_cosines_are_kept(index: FakeIndex) -> None:
    assert HybridRetriever(index, index.embedder).retrieve("zesde bouwsteen", k=1).plain_cosines is None
