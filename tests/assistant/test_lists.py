"""Lists in real corpus passages, and the number of things a question counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.lists import (
    counted_items,
    described_list,
    gives_figure,
    gives_items,
    list_items,
    numbered_lists,
    spelled_figures,
)

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _block(file: str, first_line: str, lines: int) -> str:
    """`lines` lines of a corpus document from the line `first_line`."""
    text = (CORPUS / file).read_text(encoding="utf-8").splitlines()
    first = text.index(first_line)
    return "\n".join(text[first : first + lines])


GOALS = _block("inspiratienota-samen-voorbij-trauma-2023.txt", "Het project heeft drie hoofddoelen:", 5)
KINDREFLEX = _block("inspiratienota-samen-voorbij-trauma-2023.txt", "Kindreflex", 8)


@pytest.mark.parametrize(
    ("need", "count"),
    [
        ("Welke zes stappen doorloop je precies in zo'n gesprek met een ouder?", 6),
        ("Wat zijn de drie hoofddoelen van OverHoop?", 3),
        ("Welke 8 bouwstenen gebruiken ze?", 8),
        # A number that counts nothing asked: an age, a year.
        ("Welke bouwstenen gaan over kinderen van 0 tot 3 jaar?", None),
        ("Wat gebeurde er in 2024 met de trajecten?", None),
    ],
)
def test_the_number_of_things_a_need_counts(need: str, count: int | None) -> None:
    assert counted_items(need) == count


def test_an_announced_list_gives_its_items() -> None:
    assert "Kindreflex" not in GOALS and GOALS.count("\n- ") == 3
    assert gives_items(GOALS, 3)
    assert not gives_items(f"{GOALS}\nOverHoop wil een blijvende impact creëren.", 4)


def test_a_list_cut_by_the_chunk_boundary_counts_as_given() -> None:
    # The chunker cut the three goals after the first: the next passage goes on with the list.
    first = "\n".join(GOALS.splitlines()[:3])
    assert first.count("\n- ") == 1
    assert gives_items(first, 3)


def test_naming_the_number_of_steps_is_not_listing_them() -> None:
    # The Kindreflex fiche: "instrument bestaande uit 6 stappen", and no step.
    assert "6 stappen" in KINDREFLEX
    assert not gives_items(KINDREFLEX, 6)


def test_a_number_written_out_is_given_in_digits() -> None:
    assert gives_figure("zestig", "een aanpak in de 60 eerstelijnszones")
    assert gives_figure("acht", "De 8 bouwstenen")
    assert not gives_figure("zestig", "een aanpak in 160 gemeenten of 6,0 procent")
    assert not gives_figure("trajecten", "de 60 trajecten")


def test_figures_in_digits_are_also_written_out() -> None:
    assert spelled_figures("zo'n 30 000 professionals in de 60 ELZ, 8 van de 10 in 2024, 3.5 procent") == [
        "zestig",
        "acht",
        "tien",
    ]


def test_a_line_saying_what_a_thing_is_followed_only_by_bullets_is_a_described_list() -> None:
    slide = "Centrum dat zwangere vrouwen begeleidt\n- Focus op eerste 1000 dagen\n- Beperkte middelen"
    assert described_list(slide) == (
        "Centrum dat zwangere vrouwen begeleidt",
        ["Focus op eerste 1000 dagen", "Beperkte middelen"],
    )
    assert described_list("Inleiding:\n- een\n- twee") is None  # a lead-in: `bulleted_lists`
    assert described_list("Een zin.\n- een\n- twee\nEn nog tekst na de lijst.") is None
    assert described_list("- een\n- twee\n- drie") is None
    assert described_list("Een zin.\n- een") is None


def test_every_numbered_list_comes_with_the_line_before_it() -> None:
    text = "Bij start.\n1. Wie is wie.\n2. Uitleg.\n\nBij einde.\n1. Kennismaking.\n2. Wat was de vraag?\n"
    assert numbered_lists(text) == [
        ("Bij start.", ["Wie is wie.", "Uitleg."]),
        ("Bij einde.", ["Kennismaking.", "Wat was de vraag?"]),
    ]
    assert list_items(text) == ["Wie is wie.", "Uitleg."]  # the first one


def test_a_list_s_lead_in_can_take_the_lines_before_it() -> None:
    text = "Opbouw bij start, startgesprek.\nDoel: een basis leggen.\n\n1. Wie is wie.\n2. Uitleg.\n"
    assert numbered_lists(text, lead_lines=2) == [
        ("Opbouw bij start, startgesprek.\nDoel: een basis leggen.", ["Wie is wie.", "Uitleg."])
    ]
    assert numbered_lists(text) == [("Doel: een basis leggen.", ["Wie is wie.", "Uitleg."])]
