"""The bars `overhoop eval --quick` must clear (CI fails below them): one place, with where they came from."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# PROVISIONAL: replaced by measured values below once measured.
QUICK_THRESHOLDS: dict[str, float] = {
    "hit@5": 0.0,
    "mrr": 0.0,
    "refusal_acc_answerable": 0.0,
    "refusal_acc_unanswerable": 0.0,
    "citation_validity": 0.0,
}
MEASURED_WITH = "provisional"


def failures(summary: Mapping[str, Any], thresholds: Mapping[str, float] = QUICK_THRESHOLDS) -> list[str]:
    """One line per metric below its threshold (a metric that could not be measured also fails)."""
    lines = []
    for metric, minimum in thresholds.items():
        value = summary.get(metric)
        if value is None:
            lines.append(f"{metric}: niet gemeten (drempel {minimum:.3f})")
        elif value < minimum:
            lines.append(f"{metric}: {value:.3f} < drempel {minimum:.3f}")
    return lines
