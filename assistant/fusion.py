"""Reciprocal-rank fusion: merge ranked lists from several retrievers into one ranking."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

Key = TypeVar("Key", bound=Hashable)

# k = 60 is the constant of Cormack, Clarke & Büttcher (SIGIR 2009), who found it robust across
# collections: it damps the difference between rank 1 and rank 2 of one retriever, so a passage that
# both BM25 and the dense model rank well beats one that only a single retriever puts on top. The raw
# scores are never compared, which matters here because BM25 scores and cosines live on different scales.
DEFAULT_RRF_K = 60


def reciprocal_rank_fusion(
    rankings: Mapping[str, Sequence[Key]], k: int = DEFAULT_RRF_K
) -> list[tuple[Key, float]]:
    """Fused ranking of every key in `rankings` (retriever name -> keys, best first), best first.

    Each key scores sum(1 / (k + rank)) over the retrievers that returned it (rank is 1-based).
    Ties keep the order in which keys were first seen, so the result is deterministic.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    scores: dict[Key, float] = {}
    for ranking in rankings.values():
        seen: set[Key] = set()
        for rank, key in enumerate(ranking, start=1):
            if key in seen:
                continue  # a retriever returning a key twice must not count it twice
            seen.add(key)
            scores[key] = scores.get(key, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda item: -item[1])
