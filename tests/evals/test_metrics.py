"""Retrieval and answer metrics on hand-computed cases."""

from __future__ import annotations

import math

import pytest

from basics.tokens import tokenize_nl
from evals.metrics import (
    citation_validity,
    cited_sentences,
    hit_at,
    ndcg_at,
    need_terms,
    numbers_in,
    off_topic_sentences,
    percentile,
    point_covered,
    ranking_figures,
    recall_at,
    reciprocal_rank,
)


def words(text: str) -> list[str]:
    return [w.lower() for w in text.replace(".", " ").split() if len(w) > 2]


def test_rank_metrics() -> None:
    relevance = [False, False, True, False]
    assert hit_at(relevance, 1) == 0.0
    assert hit_at(relevance, 3) == 1.0
    assert reciprocal_rank(relevance) == pytest.approx(1 / 3)
    assert reciprocal_rank([False, False]) == 0.0


def test_recall_counts_distinct_gold_quotes() -> None:
    found = [{0}, {0}, set(), {1}]
    assert recall_at(found, 2, 1) == 0.5
    assert recall_at(found, 2, 3) == 0.5
    assert recall_at(found, 2, 4) == 1.0


def test_ndcg_does_not_reward_duplicate_evidence() -> None:
    ideal = ndcg_at([{0}, {1}], 2)
    duplicated = ndcg_at([{0}, {0}, {1}], 2)
    assert ideal == pytest.approx(1.0)
    expected = (1 + 1 / math.log2(4)) / (1 + 1 / math.log2(3))
    assert duplicated == pytest.approx(expected)
    assert ndcg_at([set(), set()], 1) == 0.0


def test_point_coverage_needs_numbers_exactly() -> None:
    answer = "Elke eerstelijnszone kreeg 35.000 euro voor loonkosten en werking."
    assert point_covered("35.000 euro per eerstelijnszone", answer, words)
    assert not point_covered("70.000 euro per eerstelijnszone", answer, words)
    assert not point_covered("veilige hechting", answer, words)


def test_a_number_is_the_same_whatever_thousands_separator_it_is_written_with() -> None:
    answer = "Een conservatieve berekening geeft afgerond zo'n 30 000 bereikte professionals in de 60 ELZ."
    assert point_covered("Naar schatting 30.000 professionals bereikt in 60 ELZ", answer, tokenize_nl)
    assert not point_covered("Naar schatting 3.000 professionals bereikt", answer, tokenize_nl)
    assert numbers_in("in 2023 en 2024, 0,5 procent, op 12.03.2024") == {"2023", "2024", "0,5", "12.03.2024"}
    assert numbers_in("15 300 en 8150 en 1.000.000") == {"15300", "8150", "1000000"}


def test_cited_sentences_and_validity() -> None:
    answer = 'Lead-in zonder bron.\n"Luister naar het kind." [1] "Betrek de ouders." [3]'
    assert cited_sentences(answer) == [("Luister naar het kind.", [1]), ("Betrek de ouders.", [3])]
    sources = {1: "Het is belangrijk: Luister naar het kind. Blijf rustig.", 2: "iets anders"}
    valid, total = citation_validity(answer, sources, lambda s, p: s in p)
    assert (valid, total) == (1, 2)


def test_an_elision_in_a_quote_is_no_citation_marker() -> None:
    answer = "“Bij ons werd het getrokken door de huisarts. [...] [1] En zo is de bal beginnen rollen.” [12]"
    assert cited_sentences(answer) == [
        ("Bij ons werd het getrokken door de huisarts. [...]", [1]),
        ("En zo is de bal beginnen rollen.", [12]),
    ]


def test_percentile() -> None:
    values = list(range(1, 101))
    assert percentile(values, 50) == pytest.approx(50.5)
    assert percentile(values, 95) == pytest.approx(95.05)
    assert math.isnan(percentile([], 50))


def test_the_need_drops_the_situation_stop_words_and_frame_words():
    question = "Ik werk in een kinderdagverblijf. Hoe ga ik best om met een niet-pluis-gevoel?"
    need = need_terms(question, "Ik werk in een kinderdagverblijf.", [], tokenize_nl)
    assert need == set(tokenize_nl("niet-pluis-gevoel"))
    # A follow-up's need holds the turns it refers to.
    need = need_terms("en die zesde?", None, ["De acht bouwstenen zijn ..."], tokenize_nl)
    assert set(tokenize_nl("zesde bouwstenen")) <= need


def test_a_need_of_frame_words_only_falls_back_to_the_whole_question():
    question = "Ik werk in een kinderdagverblijf. Wat doe ik best?"
    need = need_terms(question, "Ik werk in een kinderdagverblijf.", [], tokenize_nl)
    assert need == set(tokenize_nl("werk kinderdagverblijf"))


def test_off_topic_needs_both_no_shared_stem_and_no_gold_source():
    need = set(tokenize_nl("niet-pluis-gevoel"))
    quoted = [
        ("Een niet-pluis-gevoel is een signaal.", [1]),  # shares a stem
        ("Vertrouw op je buikgevoel en ga in gesprek.", [2]),  # no stem, but its source holds gold
        ("Het ontmoetingshuis is open op dinsdag.", [3]),  # neither: off-topic
        ("De koffie is klaar.", [2, 3]),  # one of its sources holds gold
    ]
    off = off_topic_sentences(quoted, need, {2}, tokenize_nl)
    assert off == ["Het ontmoetingshuis is open op dinsdag."]


def test_ranking_figures_average_hits_and_reciprocal_ranks_over_rankings() -> None:
    figures = ranking_figures([[True, False], [False, False, True], [False] * 6])
    assert figures == pytest.approx({"hit@1": 1 / 3, "hit@5": 2 / 3, "mrr": (1 + 1 / 3) / 3})
    assert ranking_figures([]) == {"hit@1": 0.0, "hit@5": 0.0, "mrr": 0.0}
