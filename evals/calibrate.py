"""Calibrate the refusal threshold: sweep it over the relevance signal of answerable vs unanswerable items.

The assistant refuses when signal < threshold. The best threshold maximises balanced accuracy (the mean of
"answered" on answerable and "refused" on unanswerable items), so the 20 unanswerable items weigh as much
as the 150 answerable ones; among equally good thresholds the middle one is chosen.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from evals.schema import EvalItem


@dataclass(frozen=True, slots=True)
class ThresholdPoint:
    threshold: float
    answered_answerable: float
    """Share of answerable items with signal >= threshold (answered, as they should be)."""
    refused_unanswerable: float
    """Share of unanswerable items with signal < threshold (refused, as they should be)."""

    @property
    def balanced_accuracy(self) -> float:
        return (self.answered_answerable + self.refused_unanswerable) / 2


def candidate_thresholds(signals: Sequence[float]) -> list[float]:
    """Midpoints between consecutive distinct signals, plus one below and one above them all."""
    values = sorted(set(signals))
    if not values:
        return []
    mids = [(a + b) / 2 for a, b in zip(values, values[1:], strict=False)]
    return [values[0] - 1e-6, *mids, values[-1] + 1e-6]


def sweep(answerable: Sequence[float], unanswerable: Sequence[float]) -> list[ThresholdPoint]:
    """Every threshold that changes a decision, in increasing order."""
    if not answerable or not unanswerable:
        raise ValueError("calibration needs both answerable and unanswerable items")
    points = []
    for threshold in candidate_thresholds([*answerable, *unanswerable]):
        answered = sum(s >= threshold for s in answerable) / len(answerable)
        refused = sum(s < threshold for s in unanswerable) / len(unanswerable)
        points.append(ThresholdPoint(threshold, answered, refused))
    return points


def best_threshold(points: Sequence[ThresholdPoint]) -> ThresholdPoint:
    """The point of highest balanced accuracy; among equals, the middle one (the most margin either way)."""
    if not points:
        raise ValueError("no thresholds to choose from")
    top = max(p.balanced_accuracy for p in points)
    best = [p for p in points if abs(p.balanced_accuracy - top) < 1e-12]
    return best[(len(best) - 1) // 2]


def calibration(
    answerable: Sequence[float], unanswerable: Sequence[float], current: float
) -> dict[str, float]:
    """The best threshold and, for comparison, how the current setting does on the same signals."""
    points = sweep(answerable, unanswerable)
    best = best_threshold(points)
    now = ThresholdPoint(
        current,
        sum(s >= current for s in answerable) / len(answerable),
        sum(s < current for s in unanswerable) / len(unanswerable),
    )
    return {
        "best_threshold": round(best.threshold, 4),
        "best_balanced_accuracy": best.balanced_accuracy,
        "best_answered_answerable": best.answered_answerable,
        "best_refused_unanswerable": best.refused_unanswerable,
        "current_threshold": current,
        "current_balanced_accuracy": now.balanced_accuracy,
        "current_answered_answerable": now.answered_answerable,
        "current_refused_unanswerable": now.refused_unanswerable,
        "n_answerable": len(answerable),
        "n_unanswerable": len(unanswerable),
    }


def cross_validated(
    answerable: Sequence[float],
    unanswerable: Sequence[float],
    folds: int = 5,
    repeats: int = 20,
    seed: int = 0,
) -> float:
    """Balanced accuracy on held-out items of thresholds chosen by `best_threshold` on the other folds
    (stratified k-fold, repeated with reshuffles): what the calibrated threshold will do on new questions,
    not on the ones it was chosen on. Needs at least `folds` items of each kind."""
    if min(len(answerable), len(unanswerable)) < folds:
        raise ValueError(f"cross-validation needs at least {folds} items of each kind")
    rng = random.Random(seed)
    scores = []
    for _ in range(repeats):
        fold_a = _fold_numbers(len(answerable), folds, rng)
        fold_u = _fold_numbers(len(unanswerable), folds, rng)
        answered = refused = 0
        for f in range(folds):
            train_a = [s for s, k in zip(answerable, fold_a, strict=True) if k != f]
            train_u = [s for s, k in zip(unanswerable, fold_u, strict=True) if k != f]
            threshold = best_threshold(sweep(train_a, train_u)).threshold
            answered += sum(s >= threshold for s, k in zip(answerable, fold_a, strict=True) if k == f)
            refused += sum(s < threshold for s, k in zip(unanswerable, fold_u, strict=True) if k == f)
        scores.append((answered / len(answerable) + refused / len(unanswerable)) / 2)
    return sum(scores) / len(scores)


def _fold_numbers(n: int, folds: int, rng: random.Random) -> list[int]:
    numbers = [i % folds for i in range(n)]
    rng.shuffle(numbers)
    return numbers


def collect_signals(assistant: Any, items: Sequence[EvalItem]) -> tuple[list[float], list[float]]:
    """The relevance signal of every item as `ask()` would see it: (answerable, unanswerable)."""
    from evals.baselines import relevance_of, turns_of

    answerable: list[float] = []
    unanswerable: list[float] = []
    for item in items:
        signal = relevance_of(assistant, item.question, turns_of(item))
        (answerable if item.answerable else unanswerable).append(signal)
    return answerable, unanswerable
