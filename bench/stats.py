"""Summaries of repeated measurements: median and p95 by linear interpolation, as numpy's default does."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) of `values`, interpolating linearly between the two closest ranks.

    Same definition as `numpy.percentile(values, q)` (method "linear"): with few repeats it neither rounds
    the p95 up to the maximum nor down to the second-largest value.
    """
    if not values:
        raise ValueError("percentile of an empty list")
    if not 0 <= q <= 100:
        raise ValueError("q must lie between 0 and 100")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True, slots=True)
class Summary:
    """n, median, p95, min and max of one series."""

    n: int
    median: float
    p95: float
    minimum: float
    maximum: float


def summarize(values: Sequence[float]) -> Summary:
    return Summary(len(values), percentile(values, 50), percentile(values, 95), min(values), max(values))


def ratio(ours: float, theirs: float) -> float | None:
    """ours / theirs, None when the denominator is zero (a ratio would be meaningless)."""
    return ours / theirs if theirs else None
