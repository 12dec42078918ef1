from __future__ import annotations

import re

from assistant.extractive import (
    LEAD_IN,
    MAX_QUOTES,
    candidate_sentences,
    compose_answer,
    fallback_quotes,
    select_quotes,
)
from assistant.sentences import split_sentences
from assistant.termweights import TermWeights
from ingest.lexical import tokenize_nl
from tests.support.passages import make_passage

SIGNALS = (
    "Signalen herkennen Een niet-pluis-gevoel is een signaal dat er iets mis kan zijn met een kind. Bespreek "
    "je zorgen met een collega of met de vertrouwensarts voor je verdere stappen zet. Blijf in gesprek met "
    "het kind en zijn ouders, op een rustige en open manier. Zie ook:"
)
SCHOOLS = (
    "De zesde bouwsteen gaat over traumasensitief werken in scholen en in de kinderopvang. Leerkrachten "
    "leren signalen van stress bij kinderen herkennen. 6.2 Praktijken ............. 44"
)
FUNDING = (
    "Het budget van de derde fase bedroeg 2,4 miljoen euro. De zorgraden kregen elk een werkingsmiddel. "
    "De verdeling gebeurde volgens het aantal inwoners van de eerstelijnszone."
)
WEIGHTS = TermWeights.from_token_lists(tokenize_nl(t) for t in (SIGNALS, SCHOOLS, FUNDING))


def _select(question: str, texts: list[str]) -> list:
    return select_quotes(tokenize_nl(question), texts, tokenize_nl, WEIGHTS)


def test_selected_sentences_are_verbatim_whole_sentences_of_their_passage() -> None:
    texts = [SIGNALS, SCHOOLS, FUNDING]
    quotes = _select("Wat doe ik bij een niet-pluis-gevoel over een kind?", texts)
    assert 1 <= len(quotes) <= 5
    for quote in quotes:
        assert quote.text in texts[quote.passage]
        assert quote.text[0].isupper() and quote.text[-1] in ".!?"


def test_most_relevant_sentence_is_chosen_and_headings_toc_and_stubs_are_not() -> None:
    quotes = _select("Wat doe ik bij een niet-pluis-gevoel?", [SIGNALS, SCHOOLS, FUNDING])
    texts = [q.text for q in quotes]
    assert "Een niet-pluis-gevoel is een signaal dat er iets mis kan zijn met een kind." in texts
    assert not any("Signalen herkennen" in t or "...." in t or t == "Zie ook:" for t in texts)


def test_quotes_are_grouped_by_passage_in_text_order() -> None:
    quotes = _select("een niet-pluis-gevoel en de zesde bouwsteen", [SIGNALS, SCHOOLS, FUNDING])
    keys = [(q.passage, q.position) for q in quotes]
    assert keys == sorted(keys)
    assert {q.passage for q in quotes} >= {0, 1}


def test_diversity_avoids_quoting_the_same_sentence_twice() -> None:
    quotes = _select("niet-pluis-gevoel kind", [SIGNALS, SIGNALS.replace("Zie ook:", "Lees meer.")])
    texts = [q.text for q in quotes]
    assert len(texts) == len(set(texts))


def test_compose_numbers_sources_in_order_and_markers_match_citations() -> None:
    passages = [make_passage(SIGNALS, "inspiratienota"), make_passage(SCHOOLS), make_passage(FUNDING)]
    quotes = _select("zesde bouwsteen scholen en een niet-pluis-gevoel", [p.text for p in passages])
    text, citations = compose_answer(quotes, passages)
    assert text.startswith(LEAD_IN)
    assert [c.n for c in citations] == list(range(1, len(citations) + 1))
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", text)}
    assert markers == {c.n for c in citations}
    for citation in citations:
        for quote in citation.quotes:
            assert quote in citation.text
            assert f"{quote} [{citation.n}]" in text
    body = text.removeprefix(LEAD_IN)
    # Nothing but quoted sentences and markers after the lead-in.
    assert re.sub(r"\s*\[\d+\]", "", body).split() == " ".join(q.text for q in quotes).split()


def test_candidate_sentences_skip_a_cut_off_last_sentence() -> None:
    text = "De zorgraden kregen elk een werkingsmiddel voor drie jaar. Daarnaast kregen de trajecten ook een"
    assert [s for _, s in candidate_sentences(text)] == [
        "De zorgraden kregen elk een werkingsmiddel voor drie jaar."
    ]


def test_fallback_quotes_whole_sentences_of_the_top_passage() -> None:
    table = "Fase 1 Fase 2 Fase 3. 12 34 56. Totaal 102."
    quotes = fallback_quotes([table, FUNDING])
    assert quotes and all(q.passage == 0 and q.text in split_sentences(table) for q in quotes)
    assert fallback_quotes([]) == []


def test_sentences_that_share_no_words_with_the_question_are_not_quoted_even_from_the_top_passage() -> None:
    playground = (
        "Dit gebeurt zowel op de speelplaats als in de refter van de school. De kinderen spelen er samen. "
        "Ouders krijgen een toelichting tijdens de ouderavond."
    )
    quotes = _select("Wat doe ik bij een niet-pluis-gevoel?", [playground, SIGNALS])
    assert quotes and all(q.passage == 1 for q in quotes)


def test_sentences_far_less_relevant_than_the_best_are_left_out() -> None:
    # The best sentence shares the question's rare words; one sharing only the common "kind" is padding.
    quotes = _select("Welk budget in euro bedroeg de fase voor een kind?", [FUNDING, SIGNALS])
    texts = [q.text for q in quotes]
    assert "Het budget van de derde fase bedroeg 2,4 miljoen euro." in texts
    assert not any("niet-pluis-gevoel" in t for t in texts)


def test_the_sentence_after_a_relevant_one_can_carry_the_answer() -> None:
    campaign = (
        "In aanloop naar de derde fase werd een sensibiliseringscampagne uitgewerkt door een bureau. "
        "Centraal stond een korte animatiefilm voor iedereen in de nulde of eerste lijn. "
        "Het weer was die dag uitzonderlijk mooi en zonnig aan de kust."
    )
    texts = [q.text for q in _select("Wie maakte de sensibiliseringscampagne?", [campaign])]
    assert "Centraal stond een korte animatiefilm voor iedereen in de nulde of eerste lijn." in texts
    assert not any("weer" in t for t in texts)


def test_no_more_than_the_maximum_number_of_quotes() -> None:
    many = " ".join(f"Het niet-pluis-gevoel komt terug in situatie {i} van de reeks." for i in range(12))
    assert len(_select("niet-pluis-gevoel", [many])) <= MAX_QUOTES


def test_a_passage_sharing_only_a_common_word_of_the_question_is_not_quoted() -> None:
    # "gevoelig" stems like "gevoel": the second passage shares a word of the question, not its subject.
    chance = "Het theater helpt kinderen minder gevoelig te worden voor spanning. Zo groeit hun veerkracht."
    quotes = _select("Wat doe ik bij een niet-pluis-gevoel?", [SIGNALS, chance])
    assert quotes and {q.passage for q in quotes} == {0}
