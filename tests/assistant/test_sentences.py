"""Sentence splitting and quotability on sentences taken from the corpus."""

from __future__ import annotations

import pytest

from assistant.sentences import is_quotable, split_at_sentence_ends, split_sentences, strip_heading_prefix


def test_abbreviations_do_not_end_a_sentence() -> None:
    text = (
        "Dit resulteerde in een ruime pool aan data: het betreft o.a. verslagen van overleg. "
        "Mensen moeten naar buurgemeenten om bv. naar een gespecialiseerd centrum te gaan. "
        "Belevingsdag met lezing dr. Binu Sighn en workshops. "
        "Projecten botsen op dezelfde tekortkomingen (nl. beperkt in tijd). Er zit m.a.w. nog marge op."
    )
    assert split_sentences(text) == [
        "Dit resulteerde in een ruime pool aan data: het betreft o.a. verslagen van overleg.",
        "Mensen moeten naar buurgemeenten om bv. naar een gespecialiseerd centrum te gaan.",
        "Belevingsdag met lezing dr. Binu Sighn en workshops.",
        "Projecten botsen op dezelfde tekortkomingen (nl. beperkt in tijd).",
        "Er zit m.a.w. nog marge op.",
    ]


def test_sentence_ends_before_capital_digit_and_quote() -> None:
    text = (
        "Het project kreeg de naam 'OverHoop'. 37/60 trajecten formuleren ambities. “Ik ben hoopvol.” Echt?"
    )
    assert split_sentences(text) == [
        "Het project kreeg de naam 'OverHoop'.",
        "37/60 trajecten formuleren ambities.",
        "“Ik ben hoopvol.”",
        "Echt?",
    ]


def test_bullets_become_items_but_compound_hyphens_stay() -> None:
    text = (
        "Het project heeft drie hoofddoelen: - Meer bewustzijn creëren in de brede samenleving. "
        "- Nulde- en eerstelijnsactoren versterken in de signalisatie. • Samenwerking bevorderen."
    )
    assert split_sentences(text) == [
        "Het project heeft drie hoofddoelen:",
        "Meer bewustzijn creëren in de brede samenleving.",
        "Nulde- en eerstelijnsactoren versterken in de signalisatie.",
        "Samenwerking bevorderen.",
    ]


def test_numbered_lists_and_line_bullets() -> None:
    text = (
        "De stappen zijn: 1. Luisteren naar het kind 2. Erkennen wat er gebeurde\n"
        "- Dagbesteding + onderwijs\n§ Herstel"
    )
    assert split_sentences(text) == [
        "De stappen zijn:",
        "1. Luisteren naar het kind",
        "2. Erkennen wat er gebeurde",
        "Dagbesteding + onderwijs",
        "Herstel",
    ]


def test_wrapped_lines_are_joined_and_fiche_fields_split() -> None:
    text = (
        "Uit de verhalen van de deelnemers blijkt dat de meerderheid van de trajecten\nmet veel enthousiasme"
        " van start ging. - **Initiatiefnemer:** RAKET Vlaanderen - **Doelgroep:** kleuters en ouders"
    )
    assert split_sentences(text) == [
        "Uit de verhalen van de deelnemers blijkt dat de meerderheid van de trajecten met veel enthousiasme"
        " van start ging.",
        "**Initiatiefnemer:** RAKET Vlaanderen",
        "**Doelgroep:** kleuters en ouders",
    ]


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
        "Alle betrokkenen, zowel ouders als professionelen, een vorming traumasensitief handelen volgen",
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
        "12,4 % 45,1 % 33,0 % 9,5 % 100 %",
    ],
)
def test_headings_toc_stubs_fragments_and_tables_are_not_quotable(sentence: str) -> None:
    assert not is_quotable(sentence)


def test_split_at_sentence_ends_respects_dutch_abbreviations() -> None:
    text = (
        "Organisaties zoals o.a. Huizen van het Kind en bv. CLB's werken samen m.b.t. vroegsignalering. "
        "De focus ligt op het gezin. Wat werkt? “Samen lerend doen.” Dr. Perry bevestigt dit."
    )
    assert split_at_sentence_ends(text) == [
        "Organisaties zoals o.a. Huizen van het Kind en bv. CLB's werken samen m.b.t. vroegsignalering.",
        "De focus ligt op het gezin.",
        "Wat werkt?",
        "“Samen lerend doen.”",
        "Dr. Perry bevestigt dit.",
    ]
