"""Collapse near-duplicate passages (the corpus repeats practice lists, fiches and reach figures)."""

from __future__ import annotations

import re
from collections.abc import Sequence

_WORD = re.compile(r"\w+", re.UNICODE)
DEFAULT_THRESHOLD = 0.8
SHINGLE_SIZE = 3


def shingles(text: str, size: int = SHINGLE_SIZE) -> frozenset[tuple[str, ...]]:
    """Overlapping word n-grams of the lower-cased text (the whole text when it is shorter than n)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return frozenset({tuple(words)}) if words else frozenset()
    return frozenset(tuple(words[i : i + size]) for i in range(len(words) - size + 1))


def similarity(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> float:
    """Near-duplicate score: the larger of Jaccard and the containment of the smaller set in the larger.

    Containment catches a short passage repeated verbatim inside a longer one (a practice named in a
    list and again in its fiche), which Jaccard alone scores low because the sets differ in size.
    """
    if not a or not b:
        return 0.0
    shared = len(a & b)
    jaccard = shared / len(a | b)
    containment = shared / min(len(a), len(b))
    return max(jaccard, containment)


def collapse_near_duplicates(
    texts: Sequence[str], threshold: float = DEFAULT_THRESHOLD, limit: int | None = None
) -> list[int]:
    """Indices of the texts to keep, in order: a text is dropped when it is a near-duplicate of an
    earlier (higher-ranked) kept text. Stops once `limit` texts are kept."""
    kept: list[int] = []
    kept_shingles: list[frozenset[tuple[str, ...]]] = []
    for i, text in enumerate(texts):
        if limit is not None and len(kept) >= limit:
            break
        current = shingles(text)
        if any(similarity(current, other) >= threshold for other in kept_shingles):
            continue
        kept.append(i)
        kept_shingles.append(current)
    return kept
