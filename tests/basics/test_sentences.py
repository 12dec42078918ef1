"""Sentence splitting on sentences taken from the corpus: abbreviations, bullets, numbered lists."""

from __future__ import annotations

from basics.sentences import split_at_sentence_ends, split_sentences


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
