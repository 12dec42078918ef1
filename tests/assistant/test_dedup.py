from __future__ import annotations

from assistant.dedup import collapse_near_duplicates, shingles, similarity

FICHE = (
    "Kindreflex is een methodiek voor professionals om bij zorgen over een kind stap voor stap te handelen, "
    "van het eerste niet-pluis-gevoel tot overleg met collega's en een gesprek met de ouders."
)
REACH = (
    "In totaal werden 4.512 professionals bereikt via 312 vormingen en 87 netwerkmomenten in 60 zorgraden."
)


def test_repeated_text_with_small_differences_is_collapsed_keeping_the_first() -> None:
    texts = [
        FICHE,
        "Over iets heel anders: de zorgraden en hun rol in de regio.",
        FICHE.replace("een kind", "het kind"),
    ]
    assert collapse_near_duplicates(texts) == [0, 1]


def test_short_passage_contained_in_a_longer_one_is_collapsed() -> None:
    longer = f"Praktijken in deze bouwsteen. {FICHE} Meer informatie bij de initiatiefnemer."
    assert collapse_near_duplicates([longer, FICHE]) == [0]
    assert similarity(shingles(REACH), shingles(f"Resultaten. {REACH}")) >= 0.8


def test_different_passages_are_all_kept() -> None:
    texts = [FICHE, REACH, "De zesde bouwsteen gaat over traumasensitief werken in scholen."]
    assert collapse_near_duplicates(texts) == [0, 1, 2]


def test_threshold_is_respected_and_empty_texts_do_not_match() -> None:
    half = " ".join(FICHE.split()[:18]) + " en daarna iets totaal anders dan in de eerste tekst staat hier."
    assert collapse_near_duplicates([FICHE, half], threshold=0.95) == [0, 1]
    assert collapse_near_duplicates(["", "", FICHE]) == [0, 1, 2]


def test_limit_stops_after_enough_texts_are_kept() -> None:
    assert collapse_near_duplicates([FICHE, FICHE, REACH, "Iets anders over de zorgraden."], limit=2) == [
        0,
        2,
    ]
