from __future__ import annotations

import pytest

from assistant.retrieval import HybridRetriever, filters_to_where
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
