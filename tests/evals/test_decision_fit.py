"""Fitting the answer decision: on tuning items only, with cross-validated figures."""

from __future__ import annotations

import random

import pytest

from assistant.decision import FEATURE_NAMES, DecisionFeatures
from evals.decision_fit import fit
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
