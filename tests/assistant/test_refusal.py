from __future__ import annotations

import pytest

from assistant.refusal import RelevanceEvidence, gather_evidence, relevance_signal, should_refuse
from assistant.termweights import TermWeights, weighted_coverage


def test_signal_rises_with_dense_score_and_with_coverage() -> None:
    low = relevance_signal(RelevanceEvidence(dense=0.70, coverage=0.2))
    more_dense = relevance_signal(RelevanceEvidence(dense=0.85, coverage=0.2))
    more_covered = relevance_signal(RelevanceEvidence(dense=0.70, coverage=0.9))
    assert more_dense > low and more_covered > low


def test_refuses_below_threshold_and_answers_above() -> None:
    unrelated = relevance_signal(RelevanceEvidence(dense=0.74, coverage=0.0))
    related = relevance_signal(RelevanceEvidence(dense=0.86, coverage=1.0))
    threshold = (unrelated + related) / 2
    assert should_refuse(unrelated, threshold)
    assert not should_refuse(related, threshold)


def test_without_dense_score_the_coverage_decides() -> None:
    assert relevance_signal(RelevanceEvidence(dense=None, coverage=0.4)) == pytest.approx(0.4)


def test_rare_unknown_terms_weigh_more_than_common_ones() -> None:
    weights = TermWeights.from_token_lists([["kind", "zorg"], ["kind", "school"], ["kind"]])
    # "parkeer" never occurs in the corpus: a passage matching only "kind" covers little of the question.
    assert weighted_coverage(["kind", "parkeer"], {"kind"}, weights) < 0.3
    assert weighted_coverage(["kind", "school"], {"kind", "school"}, weights) == pytest.approx(1.0)
    assert weighted_coverage([], {"kind"}, weights) == 0.0


def test_evidence_takes_the_best_of_the_top_passages() -> None:
    weights = TermWeights.uniform()
    evidence = gather_evidence(0.8, ["bouwsteen", "zesde"], [{"bouwsteen"}, {"bouwsteen", "zesde"}], weights)
    assert evidence == RelevanceEvidence(dense=0.8, coverage=1.0)
    assert gather_evidence(None, ["x"], [], weights).coverage == 0.0
