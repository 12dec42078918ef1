"""Person-name masking (`--mask-names`) on a Flemish case vignette: people masked, organisations kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.names import NAME_MASK, find_person_names, mask_person_names

VIGNETTE = (Path(__file__).parent / "vignette_casus.txt").read_text(encoding="utf-8")
PEOPLE = (
    "Lotte", "Van den Broeck", "Sarah", "De Smet", "Wout", "Kevin", "Annelies Claes", "Pieter Maes",
    "Jeroen Peeters", "Maria Janssens", "Ilse Wouters", "Vermeulen",
)  # fmt: skip
ORGANISATIONS_AND_PLACES = (
    "basisschool De Regenboog", "CLB Waasland", "Huis van het Kind", "Kind en Gezin", "OverHoop",
    "Koning Boudewijnstichting", "Co-ncept Jeugdhulp", "WINGG", "CGG Waas en Dender", "Opgroeien",
    "Vlaams Expertisecentrum Kindermishandeling", "Sint-Niklaas", "Beveren", "Stekene", "1712",
)  # fmt: skip


def test_vignette_people_are_masked_and_organisations_kept() -> None:
    masked, count = mask_person_names(VIGNETTE)
    for person in PEOPLE:
        assert person not in masked, person
    for kept in ORGANISATIONS_AND_PLACES:
        assert kept in masked, kept
    assert count == masked.count(NAME_MASK) >= 15


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Zij studeerde aan de Karel de Grote Hogeschool in Antwerpen.", "Karel de Grote Hogeschool"),
        ("Hij werd opgenomen in AZ Jan Palfijn.", "AZ Jan Palfijn"),
        ("De werkgroep van het Vlaams Expertisecentrum Kindermishandeling kwam samen.", "Vlaams"),
        ("Peeters van Kind en Gezin", "van Kind en Gezin"),
    ],
)
def test_organisation_names_with_a_first_name_are_kept(text: str, kept: str) -> None:
    assert kept in mask_person_names(text)[0]


def test_a_first_name_after_a_sentence_start_and_later_alone() -> None:
    masked, _ = mask_person_names("Bel Lotte Peeters op maandag. Daarna kwam Lotte zelf.")
    assert "Lotte" not in masked and masked.startswith("Bel ")


def test_names_do_not_run_across_lines() -> None:
    assert find_person_names("Louise Delputte\n\nAdres") == {"Louise Delputte"}


def test_shipped_corpus_keeps_organisation_and_programme_names() -> None:
    corpus = Path(__file__).resolve().parents[2] / "corpus"
    paths = sorted(corpus.glob("*.txt"))
    assert paths
    for path in paths:
        text = path.read_text(encoding="utf-8")
        masked, _ = mask_person_names(text)
        for name in (
            "Koning Boudewijnstichting", "Karel de Grote Hogeschool", "Huis van het Kind", "OverHoop",
            "Vlaams Expertisecentrum Kindermishandeling", "Co-ncept Jeugdhulp", "WINGG", "Thomas More",
            "Volle Maan", "Kind en Gezin", "Opgroeien",
        ):  # fmt: skip
            assert masked.count(name) == text.count(name), (path.name, name)
        # Every name it does mask in the corpus is a person's.
        assert find_person_names(text) <= CORPUS_PEOPLE, (path.name, find_person_names(text) - CORPUS_PEOPLE)


CORPUS_PEOPLE = {
    "Binu Sighn", "Elise De Groot", "Mark Kramer", "Peter Adriaenssens", "Anna", "Anna Defossez",
    "Eva Kestens", "Femmie Juffer", "Francine", "Marian Bakermans-Kranenburg", "Marinus", "Tim Stroobants",
    "Valerie Van Peel", "Inge Van Loo", "Lore", "Louise", "Louise Delputte", "Sara",
}  # fmt: skip
