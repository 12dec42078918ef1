"""Fit the answer decision (assistant/decision.py) on the TUNING questions: features, a strongly regularised
logistic regression, thresholds chosen by cross-validation, and the figures that show what held.

Never pass the held-out set (evals/questions/heldout/) to anything here: `overhoop eval calibrate` loads the
tuning files only, and `fit` refuses items whose id marks them as held-out.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from assistant.decision import FEATURE_NAMES, DecisionFeatures, DecisionModel
from evals.schema import EvalItem, slice_of

HELD_OUT_PREFIX = "ho-"
# Strong L2 regularisation: with ~250 tuning questions and 7 features, flexible models chose their settings
# well in cross-validation and did worst on unseen questions (issue 10's measurements). Measured again on
# 2026-12-02 on all 888 tuning questions (features with the cross-fitted adapter and the ranker in use),
# leaving one slice out (answered / declined): C 0.5 -> 0.848 / 0.845, 0.1 -> 0.851 / 0.849, 0.02 -> 0.864 /
# 0.856, 0.005 -> 0.867 / 0.863, 0.001 -> 0.851 / 0.860. C 0.005 was fitted and looked at once on the 328
# held-out questions: answered 0.846 -> 0.842, declined 0.841 the same. Not kept: the tuning gain did not
# hold.
C = 0.5
FOLDS = 5
REPEATS = 10
# Below the answer threshold, a probability within this margin still gets a labelled partial answer
# (the nearest passages, clearly marked); further below, "not in the documents".
PARTIAL_MARGIN = 0.2


@dataclass(frozen=True, slots=True)
class FitReport:
    model: DecisionModel
    n_answerable: int
    n_unanswerable: int
    auc: dict[str, float]
    """Per single feature, the area under the ROC curve for answerable vs unanswerable."""
    cv_answered_answerable: float
    cv_declined_unanswerable: float
    train_answered_answerable: float
    train_declined_unanswerable: float
    by_slice: dict[str, tuple[float, float]]
    """Leave one slice out (the questions written together, `slice_of`): per slice, the share of its
    answerable items answered and of its unanswerable items declined by the model fitted on the other
    slices; "all" pools them. Random folds mix each slice's style into training; a new slice is what a
    blind question set looks like (empty with fewer than two slices)."""
    without: dict[str, tuple[float, float]]
    """The pooled leave-one-slice-out figures with each feature left out: what the decision rests on."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "n_answerable": self.n_answerable,
            "n_unanswerable": self.n_unanswerable,
            "auc": {k: round(v, 3) for k, v in self.auc.items()},
            "cv_answered_answerable": round(self.cv_answered_answerable, 3),
            "cv_declined_unanswerable": round(self.cv_declined_unanswerable, 3),
            "train_answered_answerable": round(self.train_answered_answerable, 3),
            "train_declined_unanswerable": round(self.train_declined_unanswerable, 3),
            "by_slice": {k: [round(a, 3), round(d, 3)] for k, (a, d) in self.by_slice.items()},
            "without": {k: [round(a, 3), round(d, 3)] for k, (a, d) in self.without.items()},
            "answer_threshold": round(self.model.answer_threshold, 4),
        }


def collect_features(assistant: Any, items: Sequence[EvalItem]) -> list[DecisionFeatures]:
    """The decision features of every item as `ask()` sees them (history included)."""
    refuse_held_out(item.id for item in items)
    out = []
    for item in items:
        history = [{"role": t.role, "content": t.content} for t in item.history]
        out.append(assistant.decision_features(item.question, history))
    return out


def fit(
    items: Sequence[EvalItem],
    features: Sequence[DecisionFeatures],
    embedder_id: str,
    trained_on: str,
    retrieval: str = "hybrid+sentences",
) -> FitReport:
    """The model fitted on all `items`, with cross-validated figures of the same procedure."""
    refuse_held_out(item.id for item in items)
    x = np.array([f.vector() for f in features], dtype=float)
    y = np.array([1 if item.answerable else 0 for item in items])
    if y.sum() < FOLDS or (1 - y).sum() < FOLDS:
        raise ValueError(f"calibration needs at least {FOLDS} answerable and {FOLDS} unanswerable items")
    model = replace(_fit_model(x, y, embedder_id, trained_on), retrieval=retrieval)
    answered, declined = _cross_validated(x, y)
    train = np.array([model.probability(f) >= model.answer_threshold for f in features])
    slices = np.array([slice_of(item.id) for item in items])
    by_slice = _by_slice(x, y, slices)
    without = {}
    if by_slice:
        for i, name in enumerate(FEATURE_NAMES):
            without[name] = _by_slice(np.delete(x, i, axis=1), y, slices)["all"]
    return FitReport(
        model=model,
        n_answerable=int(y.sum()),
        n_unanswerable=int((1 - y).sum()),
        auc={name: _auc(x[:, i], y) for i, name in enumerate(FEATURE_NAMES)},
        cv_answered_answerable=answered,
        cv_declined_unanswerable=declined,
        train_answered_answerable=float(train[y == 1].mean()),
        train_declined_unanswerable=float((~train[y == 0]).mean()),
        by_slice=by_slice,
        without=without,
    )


def _by_slice(x: np.ndarray, y: np.ndarray, slices: np.ndarray) -> dict[str, tuple[float, float]]:
    """Per slice, the answered and declined shares of the model (threshold included) fitted without it;
    "all" pools every slice's items. NaN where a slice has no item of a kind; {} with one slice."""
    names = sorted(set(slices.tolist()))
    if len(names) < 2:
        return {}
    decided = np.zeros(len(y), dtype=bool)
    out: dict[str, tuple[float, float]] = {}
    for name in names:
        test = slices == name
        train = ~test
        if y[train].min() == y[train].max():  # one kind left to learn from: no decision to fit
            return {}
        model = _fit_model(x[train], y[train], "", "")
        decided[test] = [model.probability_of(row) >= model.answer_threshold for row in x[test]]
        out[name] = (_share(decided[test & (y == 1)]), _share(~decided[test & (y == 0)]))
    out["all"] = (_share(decided[y == 1]), _share(~decided[y == 0]))
    return out


def _share(flags: np.ndarray) -> float:
    return float(flags.mean()) if len(flags) else float("nan")


def _fit_model(x: np.ndarray, y: np.ndarray, embedder_id: str, trained_on: str) -> DecisionModel:
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    classifier = LogisticRegression(C=C, class_weight="balanced", max_iter=1000)
    classifier.fit((x - mean) / scale, y)
    probabilities = classifier.predict_proba((x - mean) / scale)[:, 1]
    threshold = best_threshold(probabilities, y)
    return DecisionModel(
        weights=tuple(float(w) for w in classifier.coef_[0]),
        bias=float(classifier.intercept_[0]),
        mean=tuple(float(m) for m in mean),
        scale=tuple(float(s) for s in scale),
        answer_threshold=threshold,
        partial_threshold=max(0.0, threshold - PARTIAL_MARGIN),
        trained_on=trained_on,
        embedder_id=embedder_id,
    )


def best_threshold(probabilities: np.ndarray, y: np.ndarray) -> float:
    """The probability cut whose worse rate (answerable answered, unanswerable declined) is highest; among
    equals, the middle one. Issue 10 sets the same bar for both rates. On the tuning questions this held
    better in cross-validation than the best balanced accuracy (392 questions: answered 0.803 and declined
    0.775, against 0.848 and 0.711): the balanced cut followed the easier answerable side."""
    values = np.unique(probabilities)
    cuts = np.concatenate([[values[0] - 1e-9], (values[1:] + values[:-1]) / 2, [values[-1] + 1e-9]])
    scores = [min((probabilities[y == 1] >= c).mean(), (probabilities[y == 0] < c).mean()) for c in cuts]
    top = max(scores)
    best = [c for c, s in zip(cuts, scores, strict=True) if s >= top - 1e-12]
    return float(best[(len(best) - 1) // 2])


def _cross_validated(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Stratified k-fold, repeated: the share of answerable items answered and of unanswerable items not
    answered, by models (threshold included) fitted without them."""
    rng = random.Random(0)
    answered: list[float] = []
    declined: list[float] = []
    for _ in range(REPEATS):
        folds = np.zeros(len(y), dtype=int)
        for label in (0, 1):
            where = np.flatnonzero(y == label)
            numbers = [i % FOLDS for i in range(len(where))]
            rng.shuffle(numbers)
            folds[where] = numbers
        decided = np.zeros(len(y), dtype=bool)
        for f in range(FOLDS):
            train, test = folds != f, folds == f
            model = _fit_model(x[train], y[train], "", "")
            decided[test] = [model.probability_of(row) >= model.answer_threshold for row in x[test]]
        answered.append(float(decided[y == 1].mean()))
        declined.append(float((~decided[y == 0]).mean()))
    return float(np.mean(answered)), float(np.mean(declined))


def _auc(scores: np.ndarray, y: np.ndarray) -> float:
    positives, negatives = scores[y == 1], scores[y == 0]
    if not len(positives) or not len(negatives):
        return float("nan")
    greater = (positives[:, None] > negatives[None, :]).mean()
    ties = (positives[:, None] == negatives[None, :]).mean()
    return float(greater + ties / 2)


def refuse_held_out(ids: Iterable[str]) -> None:
    """ValueError when any id marks a held-out item: nothing may be fitted or calibrated on those."""
    held_out = [i for i in ids if i.startswith(HELD_OUT_PREFIX)]
    if held_out:
        raise ValueError(f"held-out items must not be used for calibration: {held_out[:3]}")
