"""The Dutch analyzer: stemming, stop words, apostrophe plurals."""

from __future__ import annotations

from basics.tokens import tokenize_nl


def test_analyzer_stems_and_drops_stop_words() -> None:
    tokens = tokenize_nl("De kinderen en hun ouders")
    assert "de" not in tokens and "en" not in tokens
    assert tokenize_nl("gebeurtenissen") == tokenize_nl("gebeurtenis")
    assert tokenize_nl("ouders") == tokenize_nl("Ouders")


def test_apostrophe_plural_meets_singular() -> None:
    assert tokenize_nl("trauma's") == tokenize_nl("trauma")
