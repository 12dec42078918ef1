"""The refusal-threshold sweep: balanced accuracy over answerable and unanswerable signals."""

from __future__ import annotations

import pytest

from evals.calibrate import best_threshold, calibration, cross_validated, sweep


def test_separable_signals_get_a_threshold_between_them():
    best = best_threshold(sweep([0.8, 0.9, 0.85], [0.5, 0.6]))
    assert 0.6 < best.threshold < 0.8
    assert best.balanced_accuracy == 1.0


def test_balanced_accuracy_weighs_both_sides_equally():
    # Nine answerable at 0.9, one at 0.2; one unanswerable at 0.3. Refusing below 0.25 answers 9/10 and
    # refuses nothing (0.75); refusing below 0.6 answers 9/10 and refuses 1/1 (0.95).
    best = best_threshold(sweep([0.9] * 9 + [0.2], [0.3]))
    assert 0.3 < best.threshold < 0.9
    assert best.answered_answerable == pytest.approx(0.9)
    assert best.refused_unanswerable == 1.0


def test_calibration_reports_the_current_threshold_on_the_same_signals():
    result = calibration([0.8, 0.9], [0.5], current=0.95)
    assert result["current_answered_answerable"] == 0.0
    assert result["current_refused_unanswerable"] == 1.0
    assert result["best_balanced_accuracy"] == 1.0


def test_sweep_needs_both_kinds_of_items():
    with pytest.raises(ValueError):
        sweep([0.5], [])


def test_cross_validation_scores_held_out_items():
    separable = cross_validated([0.6 + 0.01 * i for i in range(20)], [0.1 + 0.01 * i for i in range(10)])
    assert separable == pytest.approx(1.0)
    # Signals that carry no information: a threshold fitted on some items does no better than chance on
    # the others (training accuracy on the same items would look better than 0.5).
    same = [0.1 * (i % 7) for i in range(30)]
    assert cross_validated(same, same[:10]) <= 0.6
    with pytest.raises(ValueError):
        cross_validated([0.5] * 10, [0.1] * 3)
