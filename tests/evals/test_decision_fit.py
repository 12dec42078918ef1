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
        values["value_unsupported"] = values["value_missing"]  # a missing value is unsupported too
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


def test_leave_one_slice_out_fits_without_the_slice_it_scores() -> None:
    """A slice whose unanswerable items look answerable to the other slices is scored as the others see it:
    random folds would have learned its pattern from its own items."""
    items, features = synthetic(120, 40)  # enough items that a slice of 60 answers stably
    # Two ordinary slices, "t" and "u" (every other item), and the odd one.
    items = [it if n % 2 else item(n, it.answerable, prefix="u-") for n, it in enumerate(items)]
    rng = random.Random(2)
    odd_items, odd_features = [], []
    for n in range(10):  # slice "odd": unanswerable items that cover their need and lack no value
        odd_items.append(item(100 + n, False, prefix="odd-"))
        values = {name: rng.random() for name in FEATURE_NAMES}
        values["need_coverage"], values["value_missing"] = rng.uniform(0.7, 1.0), 0.0
        values["value_unsupported"] = 0.0
        odd_features.append(DecisionFeatures(**values))
    report = fit([*items, *odd_items], [*features, *odd_features], "e", "synthetic")
    assert set(report.by_slice) == {"t", "u", "odd", "all"}
    assert report.by_slice["odd"][1] < 0.3  # the others' model answers most of them
    assert report.by_slice["t"][0] > 0.6 and report.by_slice["u"][0] > 0.6


def test_leaving_out_the_feature_that_separates_costs_the_most() -> None:
    items, features = synthetic(90, 30)
    items = [item(n, it.answerable, prefix="abc"[n % 3] + "-") for n, it in enumerate(items)]
    report = fit(items, features, "e", "synthetic")
    assert set(report.without) == set(FEATURE_NAMES)
    balanced = {name: sum(figures) for name, figures in report.without.items()}
    assert min(balanced, key=balanced.__getitem__) == "need_coverage"
    assert balanced["need_coverage"] < sum(report.by_slice["all"])


def test_one_slice_gives_no_leave_one_out_figures() -> None:
    items, features = synthetic(30, 10)
    report = fit(items, features, "e", "synthetic")
    assert report.by_slice == {} and report.without == {}
