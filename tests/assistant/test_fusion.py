from __future__ import annotations

import pytest

from assistant.fusion import reciprocal_rank_fusion


def test_item_ranked_well_by_both_retrievers_beats_single_retriever_winner() -> None:
    fused = reciprocal_rank_fusion({"dense": ["a", "b", "c"], "bm25": ["d", "b", "a"]})
    keys = [key for key, _ in fused]
    assert keys[0] in {"a", "b"}
    assert keys.index("b") < keys.index("c")
    assert keys.index("a") < keys.index("d")
    assert set(keys) == {"a", "b", "c", "d"}


def test_scores_follow_the_formula() -> None:
    fused = dict(reciprocal_rank_fusion({"x": ["a", "b"], "y": ["b"]}, k=10))
    assert fused["a"] == pytest.approx(1 / 11)
    assert fused["b"] == pytest.approx(1 / 12 + 1 / 11)


def test_single_ranking_keeps_its_order_and_duplicates_count_once() -> None:
    fused = reciprocal_rank_fusion({"x": ["c", "a", "c", "b"]})
    assert [key for key, _ in fused] == ["c", "a", "b"]
    assert dict(fused)["c"] == pytest.approx(1 / 61)


def test_empty_and_invalid_input() -> None:
    assert reciprocal_rank_fusion({}) == []
    assert reciprocal_rank_fusion({"x": []}) == []
    with pytest.raises(ValueError):
        reciprocal_rank_fusion({"x": ["a"]}, k=0)
