"""Fitting the ranker: it learns what marks the gold passage, reports cross-validated figures, and never
touches held-out questions."""

from __future__ import annotations

import random

import pytest

from evals.ranker_fit import Candidates, fit, ranking_metrics


def _candidates(n: int, prefix: str = "q", seed: int = 0) -> list[Candidates]:
    """Questions whose gold passage sits anywhere in the fused order; only it has a high "signal"."""
    rng = random.Random(seed)
    out = []
    for q in range(n):
        size = 8
        gold_at = rng.randrange(size)
        rows = [{"signal": rng.uniform(0.0, 0.4), "noise": rng.random()} for _ in range(size)]
        rows[gold_at]["signal"] = rng.uniform(0.6, 1.0)
        texts = [
            f"passage {q}-{i} " + " ".join(rng.choice("abcdefgh") * 3 for _ in range(12)) for i in range(size)
        ]
        out.append(Candidates(f"{prefix}-{q}", texts, rows, [i == gold_at for i in range(size)]))
    return out


def test_the_fitted_ranker_puts_what_marks_gold_first_also_on_questions_it_did_not_see() -> None:
    result = fit(_candidates(60), "emb", "hybrid+sentences", "synthetic")
    assert (
        result.model.weights["signal"] > 0
        and abs(result.model.weights["noise"]) < result.model.weights["signal"]
    )
    assert result.fused["hit@1"] < 0.4
    assert result.cross_validated["hit@1"] > 0.9
    unseen = _candidates(30, seed=5)
    assert ranking_metrics(unseen, result.model)["hit@1"] > 0.9 > ranking_metrics(unseen, None)["hit@1"]
    assert result.model.embedder_id == "emb" and result.model.report["cross_validated_hit@1"] > 0.9


def test_held_out_questions_are_refused() -> None:
    with pytest.raises(ValueError, match="held-out"):
        fit([*_candidates(10), *_candidates(2, prefix="ho-x")], "emb", "hybrid", "x")
