from __future__ import annotations

import re

from assistant.extractive import LEAD_IN, Quote, compose_answer, fallback_quotes, reads_as_list
from assistant.termweights import TermWeights
from basics.sentences import split_sentences
from basics.tokens import tokenize_nl
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


def test_compose_numbers_sources_in_order_and_markers_match_citations() -> None:
    passages = [make_passage(SIGNALS, "inspiratienota"), make_passage(SCHOOLS), make_passage(FUNDING)]
    quotes = [
        Quote(
            0,
            1,
            "Bespreek je zorgen met een collega of met de vertrouwensarts voor je verdere stappen zet.",
            1.0,
        ),
        Quote(1, 1, "Leerkrachten leren signalen van stress bij kinderen herkennen.", 0.5),
    ]
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


def test_fallback_quotes_whole_sentences_of_the_top_passage() -> None:
    table = "Fase 1 Fase 2 Fase 3. 12 34 56. Totaal 102."
    quotes = fallback_quotes([table, FUNDING])
    assert quotes and all(q.passage == 0 and q.text in split_sentences(table) for q in quotes)
    assert fallback_quotes([]) == []


def test_fallback_quotes_the_run_of_the_top_passage_that_holds_most_of_the_subject() -> None:
    """fresh30, now natural33: a fiche cut into chunks starts with other fields; the run on the beslisboom
    answers "is die beslisboom ook voor mij bruikbaar, als zelfstandige?"."""
    fiche = (
        "- verdiepende vorming Kindreflex: 35 deelnemers opgeleid als ambassadeurs\n"
        "- vorming spreekrecht: gepland\n"
        "- sensibilisering bij het perinataal netwerk en het jeugdwelzijnsoverleg\n"
        "Voor de input van de vorming is er samengewerkt met een ervaringsdeskundige.\n"
        "Een beslisboom voor eerstelijnsprofessionals. "
        "Deze heeft als doel houvast te bieden bij verontrusting. "
        "Deze is toepasbaar voor zelfstandigen als voor professionals die aan een organisatie zijn verbonden."
    )
    subject = {"beslisboom", "zelfstandigen", "organisatie"}

    def relevance(sentence: str) -> float:
        return len(subject & set(sentence.lower().rstrip(".").split())) / len(subject)

    def may_open(sentence: str) -> bool:
        return not sentence.startswith("Deze")

    quotes = [q.text for q in fallback_quotes([fiche], 300, relevance, may_open)]
    assert quotes[0] == "Een beslisboom voor eerstelijnsprofessionals." and "zelfstandigen" in quotes[-1]
    # Never a run that opens with a sentence pointing back at one it leaves out.
    assert not fallback_quotes([fiche], 120, relevance, may_open)[0].text.startswith("Deze")
    # Without relevance, or where no later run holds more, the first sentences as before.
    assert fallback_quotes([fiche], 300)[0].text.startswith("verdiepende vorming")
    assert fallback_quotes([fiche], 300, lambda s: 0.0)[0].text.startswith("verdiepende vorming")


def test_slide_lines_without_sentence_ends_are_shown_one_per_line() -> None:
    slide = (
        "- Traject\n- Oktober 2024 – december 2025\n- € 35.000 / eerstelijnszone\n"
        "- Loonkosten en werkingskosten\n- Waar zijn er noden en hiaten?\n- Breed kader"
    )
    quotes = fallback_quotes([slide])
    # Scraps of one or two words and the slide's own question say nothing alone (natural13: the Waasland
    # budget).
    assert [q.text for q in quotes] == [
        "Oktober 2024 – december 2025",
        "€ 35.000 / eerstelijnszone",
        "Loonkosten en werkingskosten",
    ]
    assert reads_as_list(quotes) and not reads_as_list(fallback_quotes([FUNDING]))
    text, citations = compose_answer(quotes, [make_passage(slide)], bullets=True)
    lines = text.removeprefix(LEAD_IN).strip().splitlines()
    assert lines == [f"- {q.text} [1]" for q in quotes]
    assert [c.n for c in citations] == [1]
