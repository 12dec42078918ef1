"""Fitting the query adapter: it learns a systematic gap between questions and their gold passages, holds on
questions it did not see, and never touches held-out questions."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from evals.adapter_fit import Example, collect, fit, ranking
from evals.schema import EvalItem
from tests.support.fake_index import FakeIndex

DIM, CHUNKS = 16, 40


def _world(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray, list[Example]]:
    """Passages, and questions that are their gold passage turned by one fixed rotation, plus noise: asked
    in other words, the same way every time."""
    vectors = np.random.default_rng(0).normal(size=(CHUNKS, DIM))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    turn, _ = np.linalg.qr(np.random.default_rng(99).normal(size=(DIM, DIM)))
    rng = np.random.default_rng(100 + seed)
    examples = []
    for q in range(n):
        gold = int(rng.integers(CHUNKS))
        vector = turn @ vectors[gold] + 0.1 * rng.normal(size=DIM)
        examples.append(Example(f"q-{seed}-{q}", vector.astype(np.float32), (gold,)))
    return np.arange(CHUNKS), vectors.astype(np.float32), examples


def test_the_adapter_learns_the_gap_and_holds_on_unseen_questions() -> None:
    owner, vectors, examples = _world(80)
    result = fit(examples, owner, vectors, "emb", "synthetic")
    assert result.plain["mrr"] < 0.3
    assert result.cross_validated["mrr"] > result.plain["mrr"] + 0.3
    _, _, unseen = _world(30, seed=1)
    assert (
        ranking(unseen, owner, vectors, result.adapter.matrix)["mrr"]
        > ranking(unseen, owner, vectors, None)["mrr"] + 0.3
    )
    assert result.adapter.embedder_id == "emb" and result.n_questions == 80


def test_the_cross_fitted_adapter_maps_each_tuning_question_by_the_fit_that_did_not_see_it() -> None:
    owner, vectors, examples = _world(60)
    result = fit(examples, owner, vectors, "emb", "synthetic")
    seen = examples[0].vector
    assert not np.allclose(result.cross_fitted.apply(seen), result.adapter.apply(seen))
    new = np.random.default_rng(7).normal(size=DIM).astype(np.float32)
    assert np.allclose(result.cross_fitted.apply(new), result.adapter.apply(new))


def test_too_few_questions_are_refused() -> None:
    owner, vectors, examples = _world(5)
    with pytest.raises(ValueError, match="te weinig"):
        fit(examples, owner, vectors, "emb", "synthetic")


def _item(item_id: str, quote: str) -> EvalItem:
    return EvalItem.model_validate(
        {
            "id": item_id,
            "question": "Wat is de zesde bouwsteen?",
            "type": "fact",
            "persona": "professional",
            "evidence": [{"doc_id": "inspiratienota", "quote": quote}],
            "answer_points": ["zesde bouwsteen"],
            "difficulty": "easy",
        }
    )


def test_collect_finds_the_gold_chunks_and_refuses_held_out_questions() -> None:
    index = FakeIndex()
    chunk = next(c for c in index.chunks() if c.doc_id == "inspiratienota")
    quote = " ".join(chunk.text.split()[:8])
    assistant = SimpleNamespace(index=index, search_vector=lambda q, h: np.ones(index.embedder.dim))
    examples = collect(assistant, [_item("prof-1", quote)])
    assert len(examples) == 1 and index.chunks()[examples[0].gold[0]].chunk_id == chunk.chunk_id
    with pytest.raises(ValueError, match="held-out"):
        collect(assistant, [_item("ho-prof-1", quote)])
