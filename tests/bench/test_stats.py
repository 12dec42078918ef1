"""Percentiles and summaries of repeated measurements."""

from __future__ import annotations

import random

import numpy as np
import pytest

from bench.stats import percentile, ratio, summarize


def test_percentile_interpolates_linearly_between_ranks() -> None:
    values = [10.0, 20.0, 30.0, 40.0]
    assert percentile(values, 50) == pytest.approx(25.0)
    assert percentile(values, 95) == pytest.approx(38.5)
    assert percentile(values, 0) == 10.0
    assert percentile(values, 100) == 40.0


def test_percentile_ignores_input_order_and_agrees_with_numpy() -> None:
    rng = random.Random(3)
    for size in (1, 2, 5, 20, 101):
        values = [rng.uniform(0, 500) for _ in range(size)]
        for q in (5, 50, 95, 99):
            assert percentile(values, q) == pytest.approx(float(np.percentile(values, q)))
            assert percentile(list(reversed(values)), q) == pytest.approx(percentile(values, q))


@pytest.mark.parametrize("q", [-1, 101])
def test_percentile_rejects_out_of_range_q(q: float) -> None:
    with pytest.raises(ValueError):
        percentile([1.0], q)


def test_percentile_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError):
        percentile([], 50)


def test_summary_has_median_p95_and_range() -> None:
    summary = summarize([5.0, 1.0, 3.0])
    assert (summary.n, summary.median, summary.minimum, summary.maximum) == (3, 3.0, 1.0, 5.0)
    assert summary.median <= summary.p95 <= summary.maximum


def test_ratio_is_none_for_a_zero_denominator() -> None:
    assert ratio(3.0, 2.0) == pytest.approx(1.5)
    assert ratio(3.0, 0.0) is None
