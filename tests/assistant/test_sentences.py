"""Quotability and glued-on headings on sentences taken from the corpus."""

from __future__ import annotations

import pytest

from assistant.sentences import is_quotable, strip_heading_prefix


@pytest.mark.parametrize(
    ("glued", "sentence"),
    [
        (
            "Doelstellingen De afgelopen jaren is er steeds meer aandacht voor mentaal welzijn.",
            "De afgelopen jaren is er steeds meer aandacht voor mentaal welzijn.",
        ),
        (
            "8.1.1.4 Belang van herhaling Een gerichte aanpak vinden we zeker terug in onze resultaten.",
            "Een gerichte aanpak vinden we zeker terug in onze resultaten.",
        ),
        (
            "3.2 De zorgraden gaven aan dat ze de trajecten ondersteunden.",
            "De zorgraden gaven aan dat ze de trajecten ondersteunden.",
        ),
    ],
)
def test_heading_glued_to_a_sentence_is_stripped(glued: str, sentence: str) -> None:
    assert strip_heading_prefix(glued) == sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "Het project kreeg de passende naam 'OverHoop'.",
        "De werking van vzw De Touwladder richt zich op kinderen van ouders met psychische problemen.",
        "Het project De Ideale Wereld startte in 2023 in West-Vlaanderen.",
    ],
)
def test_ordinary_sentences_keep_their_start(sentence: str) -> None:
    assert strip_heading_prefix(sentence) == sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "Iets minder dan een vierde van de trajecten wil inzetten op gerichte sensibilisering (13/60).",
        "Ouders zijn vaak zelf hulpzoekend.",
        "**Doelgroep:** ouders en zorgfiguren tijdens de eerste 1000 dagen van het kind",
        "Doelgroep: ouders en zorgfiguren tijdens de eerste 1000 dagen van het kind",  # as the index holds it
        "Doelstelling: ouders ondersteunen tijdens een onzekere periode",
        "Alle betrokkenen, zowel ouders als professionelen, een vorming traumasensitief handelen volgen",
        "Sensibilisering gaat in 16% van de trajecten zo door, deskundigheidsbevordering in 12%.",
        # An ellipsis inside the sentence is no splice (inspiratienota, the advice after "niet pluis").
        "Een warme menselijke aanpak, een luisterend oor, een oprechte vraag, authentieke betrokkenheid, een "
        "kind in een veilige omgeving laten tekenen of spelen, ... kan al voldoende zijn om de weg naar "
        "herstel in te slaan.",
        # A pilot project's output in the eindrapport's fiches: a labelled list item (fresh12, now natural15).
        "houvasttool voor huisartsen: casusgerichte houvast voor huisartsen bij opvangen van en omgaan met "
        "signalen rond verontrusting en kwetsbaarheden bij gezinnen.",
    ],
)
def test_real_sentences_are_quotable(sentence: str) -> None:
    assert is_quotable(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "7.3.2 Veranderingen op het niveau van de organisatie .................................. 117",
        "Inspirerende praktijken Werken aan een groeiend bewustzijn",
        "Tijdens de overlegmomenten werden enkele uitdagingen benoemd:",
        "ingezet op sensibilisering in de ELZ rond het thema van ontwikkelingstrauma.",
        "Voor meer informatie: <https://www.noknok.be/> en de website van het project.",
        "DEEL IV: DISCUSSIE EN AANBEVELINGEN VOOR HET BELEID.",
        "Meer lezen?",
        "New York: John Wiley & Sons. het OverHoop-traject werd in de zones verder gezet.",  # a page break
        "12,4 % 45,1 % 33,0 % 9,5 % 100 %",
        "6% Ja, we doen verder, maar met een lagere frequentie 22% Ja, we doen verder, maar op een "
        "andere manier 10% Nee, we stoppen 6% Ik weet het niet 4% Niet van toepassing op dit traject.",
        # A reporting template's header, its contact data masked at ingestion (fresh12, now natural15).
        "Contactpersoon Louise Delputte Adres [adres verwijderd] Telefoonnummer [telefoon verwijderd] "
        "E-mailadres: [e-mail verwijderd] We wensen een vervolg op jullie rapportage.",
        # Lower case before a colon is a labelled item only when the label is a name, not a cut sentence.
        "en dan gingen we verder: dat was een mooi moment voor iedereen.",
    ],
)
def test_headings_toc_stubs_fragments_and_tables_are_not_quotable(sentence: str) -> None:
    assert not is_quotable(sentence)
