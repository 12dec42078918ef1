"""Fitting the answer decision: on tuning items only, with cross-validated figures."""

from __future__ import annotations

import random

import numpy as np
import pytest

from assistant.decision import FEATURE_NAMES, DecisionFeatures
from evals.decision_fit import best_threshold, fit
from evals.schema import EvalItem


def item(n: int, answerable: bool, prefix: str = "t-") -> EvalItem:
    if answerable:
        return EvalItem(
            id=f"{prefix}{n}",
            question=f"vraag {n}",
            type="practical",
            persona="professional",
            evidence=[{"doc_id": "inspiratienota", "quote": "een citaat van voldoende lengte"}],
            answer_points=["punt"],
            difficulty="easy",
        )
    return EvalItem(
        id=f"{prefix}{n}", question=f"vraag {n}", type="unanswerable", persona="coach", difficulty="easy"
    )


def synthetic(n_answerable: int, n_unanswerable: int) -> tuple[list[EvalItem], list[DecisionFeatures]]:
    """Answerable items cover more of their need and ask for no missing value; noise elsewhere."""
    rng = random.Random(1)
    items, features = [], []
    for n in range(n_answerable + n_unanswerable):
        answerable = n < n_answerable
        values = {name: rng.random() for name in FEATURE_NAMES}
        values["need_coverage"] = rng.uniform(0.5, 1.0) if answerable else rng.uniform(0.0, 0.6)
        values["value_missing"] = 0.0 if answerable else float(rng.random() < 0.5)
        items.append(item(n, answerable))
        features.append(DecisionFeatures(**values))
    return items, features


def test_fit_separates_what_the_features_separate() -> None:
    items, features = synthetic(60, 20)
    report = fit(items, features, "embedder-x", "synthetic")
    assert report.n_answerable == 60 and report.n_unanswerable == 20
    assert report.auc["need_coverage"] > 0.8
    assert report.cv_answered_answerable > 0.75 and report.cv_declined_unanswerable > 0.6
    model = report.model
    assert model.embedder_id == "embedder-x" and model.partial_threshold < model.answer_threshold
    assert model.weights[FEATURE_NAMES.index("need_coverage")] > 0
    answered = [model.outcome(f) == "answer" for f, i in zip(features, items, strict=True) if i.answerable]
    assert sum(answered) / len(answered) == pytest.approx(report.train_answered_answerable)


def test_held_out_items_are_refused() -> None:
    items, features = synthetic(10, 6)
    items[0] = item(0, True, prefix="ho-")
    with pytest.raises(ValueError, match="held-out"):
        fit(items, features, "x", "x")


def test_too_few_items_of_a_kind_are_refused() -> None:
    items, features = synthetic(10, 3)
    with pytest.raises(ValueError, match="at least 5"):
        fit(items, features, "x", "x")


def _worse_rate(probabilities: np.ndarray, y: np.ndarray, cut: float) -> float:
    return float(min((probabilities[y == 1] >= cut).mean(), (probabilities[y == 0] < cut).mean()))


def test_the_threshold_lifts_the_worse_of_the_two_rates_as_high_as_any_cut_can() -> None:
    rng = np.random.default_rng(3)
    y = np.array([1] * 30 + [0] * 8)
    for _ in range(20):
        probabilities = np.concatenate([rng.beta(4, 2, 30), rng.beta(2, 3, 8)])
        best = _worse_rate(probabilities, y, best_threshold(probabilities, y))
        assert all(best >= _worse_rate(probabilities, y, c) for c in np.linspace(-0.01, 1.01, 400))


def test_the_threshold_does_not_trade_the_declined_rate_for_the_answered_one() -> None:
    # A cut below 0.4 answers all four answerable and declines three of five unanswerable (balanced
    # accuracy 0.8, worse rate 0.6); one between 0.5 and 0.7 answers three and declines four (0.775, 0.75).
    y = np.array([1, 1, 1, 1, 0, 0, 0, 0, 0])
    probabilities = np.array([0.9, 0.8, 0.7, 0.4, 0.2, 0.3, 0.35, 0.5, 0.75])
    assert 0.5 < best_threshold(probabilities, y) < 0.7
