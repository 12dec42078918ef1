from __future__ import annotations

import pytest

from assistant.refusal import RelevanceEvidence, gather_evidence, relevance_signal, should_refuse
from assistant.termweights import TermWeights, term_present, weighted_coverage


def test_signal_rises_with_coverage() -> None:
    low = relevance_signal(RelevanceEvidence(dense=0.85, coverage=0.2))
    high = relevance_signal(RelevanceEvidence(dense=0.85, coverage=0.9))
    assert high > low


def test_refuses_below_threshold_and_answers_above() -> None:
    unrelated = relevance_signal(RelevanceEvidence(dense=0.74, coverage=0.0))
    related = relevance_signal(RelevanceEvidence(dense=0.86, coverage=1.0))
    threshold = (unrelated + related) / 2
    assert should_refuse(unrelated, threshold)
    assert not should_refuse(related, threshold)


def test_without_dense_score_the_signal_is_the_same() -> None:
    assert relevance_signal(RelevanceEvidence(dense=None, coverage=0.4)) == pytest.approx(0.4)


def test_rare_unknown_terms_weigh_more_than_common_ones() -> None:
    weights = TermWeights.from_token_lists([["kind", "zorg"], ["kind", "school"], ["kind"]])
    # "parkeer" never occurs in the corpus: a passage matching only "kind" covers little of the question.
    assert weighted_coverage(["kind", "parkeer"], {"kind"}, weights) < 0.3
    assert weighted_coverage(["kind", "school"], {"kind", "school"}, weights) == pytest.approx(1.0)
    assert weighted_coverage([], {"kind"}, weights) == 0.0


def test_stem_variants_sharing_a_long_prefix_count_as_present() -> None:
    # Snowball stems "bouwsteen" and "bouwstenen" differently; they still meet.
    assert term_present("bouwsteen", {"bouwsten"})
    assert not term_present("bouwsteen", {"bouw"})
    assert not term_present("kind", {"kinder"})  # short terms must match exactly
    assert not term_present("bouwsteen", {"bouwsten"}, prefix=0)


def test_evidence_takes_the_best_of_the_top_passages() -> None:
    weights = TermWeights.uniform()
    evidence = gather_evidence(0.8, ["bouwsteen", "zesde"], [{"bouwsteen"}, {"bouwsteen", "zesde"}], weights)
    assert evidence == RelevanceEvidence(dense=0.8, coverage=1.0)
    assert gather_evidence(None, ["x"], [], weights).coverage == 0.0


def test_own_terms_must_meet_in_one_passage() -> None:
    weights = TermWeights.uniform()
    evidence = gather_evidence(None, ["medicatie", "slaap"], [{"medicatie"}, {"slaap"}], weights)
    assert evidence.coverage == pytest.approx(0.5)


def test_a_follow_ups_inherited_terms_may_sit_in_any_retrieved_passage() -> None:
    weights = TermWeights.uniform()
    passages = [{"leeftijd", "box"}, {"babo", "box"}, {"ouder"}, {"school"}]
    as_follow_up = gather_evidence(None, ["leeftijd"], passages, weights, context_terms=["babo"])
    as_one_question = gather_evidence(None, ["leeftijd", "babo"], passages, weights)
    assert as_follow_up.coverage == pytest.approx(1.0)
    assert as_one_question.coverage == pytest.approx(0.5)
    # The follow-up's own word still has to be found: context alone does not make it answerable.
    missing = gather_evidence(None, ["prijs"], passages, weights, context_terms=["babo"])
    assert missing.coverage == pytest.approx(0.5)
