"""Fit the learned ranker (assistant/ranking.py) on the TUNING questions: each fused candidate labelled by
the gold evidence, a strongly regularised logistic regression on passage relevance, and cross-validated
figures over questions (folds never split a question's candidates).

Never pass the held-out set (evals/questions/heldout/) to anything here: `fit` refuses items whose id marks
them as held-out.

Measured when it was introduced (tuning, 5-fold cross-validation repeated 3 times; held-out with the model
fitted on all tuning questions): MRR 0.578 -> 0.610 (cv) and 0.579 -> 0.618 (held-out), hit@1 0.464 ->
0.507 and 0.444 -> 0.500, hit@5 0.741 -> 0.772 and 0.792 -> 0.792. Gradient-boosted trees did worse in
cross-validation (MRR 0.593-0.595); C between 0.01 and 1 changed MRR by at most 0.005.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from assistant.answer import Passage
from assistant.dedup import DEFAULT_THRESHOLD, collapse_near_duplicates
from assistant.ranking import RankerModel
from evals.decision_fit import refuse_held_out
from evals.matching import evidence_hit
from evals.metrics import ranking_figures
from evals.schema import EvalItem

C = 0.01
FOLDS = 5
REPEATS = 3
DEPTH = 10
"""Ranks scored, as in the eval (hit@1, hit@5, MRR over the top 10 after near-duplicates collapse)."""


@dataclass(frozen=True, slots=True)
class Candidates:
    """One question's fused passages, their ranking features, and which hold gold evidence."""

    item_id: str
    texts: list[str]
    rows: list[dict[str, float]]
    gold: list[bool]


@dataclass(frozen=True, slots=True)
class RankerFit:
    model: RankerModel
    n_questions: int
    fused: dict[str, float]
    """hit@1, hit@5 and MRR of the fused order (what the ranker replaces)."""
    cross_validated: dict[str, float]
    """The same for rankers fitted without the questions they rank."""
    train: dict[str, float]


def collect(assistant: Any, items: Sequence[EvalItem]) -> list[Candidates]:
    """The candidates of every answerable item with evidence, as `ask()` sees them (history included)."""
    refuse_held_out(item.id for item in items)
    out = []
    for item in items:
        if not (item.answerable and item.evidence):
            continue
        history = [{"role": t.role, "content": t.content} for t in item.history]
        passages, rows = assistant.ranking_rows(item.question, history)
        if not passages:
            continue  # a follow-up resolved from the conversation: the ranker leaves its order alone
        out.append(Candidates(item.id, [p.text for p in passages], rows, _gold(item, passages)))
    return out


def _gold(item: EvalItem, passages: Sequence[Passage]) -> list[bool]:
    return [
        any(p.doc_id == e.doc_id and evidence_hit(e.quote, p.text) for e in item.evidence) for p in passages
    ]


def feature_names(candidates: Sequence[Candidates]) -> list[str]:
    return sorted({name for c in candidates for row in c.rows for name in row})


def fit(candidates: Sequence[Candidates], embedder_id: str, retrieval: str, trained_on: str) -> RankerFit:
    """The ranker fitted on all `candidates`, with cross-validated figures of the same procedure."""
    refuse_held_out(c.item_id for c in candidates)
    if len(candidates) < FOLDS or not any(any(c.gold) for c in candidates):
        raise ValueError(f"de rangschikker heeft minstens {FOLDS} vragen met gevonden bewijs nodig")
    names = feature_names(candidates)
    model = _fit_model(candidates, names)
    report = {
        "fused": ranking_metrics(candidates, None),
        "cross_validated": _cross_validated(candidates, names),
        "train": ranking_metrics(candidates, model),
    }
    flat = {f"{part}_{k}": round(v, 4) for part, figures in report.items() for k, v in figures.items()}
    model = replace(model, trained_on=trained_on, embedder_id=embedder_id, retrieval=retrieval, report=flat)
    return RankerFit(model, len(candidates), report["fused"], report["cross_validated"], report["train"])


def _matrix(candidates: Sequence[Candidates], names: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    x = np.array([[row.get(n, 0.0) for n in names] for c in candidates for row in c.rows], dtype=float)
    y = np.array([g for c in candidates for g in c.gold], dtype=int)
    return x, y


def _fit_model(candidates: Sequence[Candidates], names: Sequence[str]) -> RankerModel:
    from sklearn.linear_model import LogisticRegression

    x, y = _matrix(candidates, names)
    if y.min() == y.max():
        raise ValueError("de rangschikker heeft zowel relevante als niet-relevante passages nodig")
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    classifier = LogisticRegression(C=C, class_weight="balanced", max_iter=2000)
    classifier.fit((x - mean) / scale, y)
    weights = classifier.coef_[0] / scale
    bias = float(classifier.intercept_[0] - np.sum(weights * mean))
    return RankerModel(weights={n: float(w) for n, w in zip(names, weights, strict=True)}, bias=bias)


def ranking_metrics(candidates: Sequence[Candidates], model: RankerModel | None) -> dict[str, float]:
    """hit@1, hit@5 and MRR@10 after near-duplicates collapse; the fused order when `model` is None."""
    relevances = []
    for c in candidates:
        order = list(range(len(c.rows))) if model is None else model.order(c.rows)
        texts = [c.texts[i] for i in order[: DEPTH * 4]]
        kept = collapse_near_duplicates(texts, DEFAULT_THRESHOLD, limit=DEPTH)
        relevances.append([c.gold[order[i]] for i in kept])
    return ranking_figures(relevances)


def _cross_validated(candidates: Sequence[Candidates], names: Sequence[str]) -> dict[str, float]:
    rng = random.Random(0)
    totals: dict[str, float] = {}
    for _ in range(REPEATS):
        order = list(range(len(candidates)))
        rng.shuffle(order)
        for f in range(FOLDS):
            test_ids = set(order[f::FOLDS])
            train = [c for i, c in enumerate(candidates) if i not in test_ids]
            test = [c for i, c in enumerate(candidates) if i in test_ids]
            figures = ranking_metrics(test, _fit_model(train, names))
            for key, value in figures.items():
                totals[key] = totals.get(key, 0.0) + value * len(test)
    return {key: value / (REPEATS * len(candidates)) for key, value in totals.items()}
