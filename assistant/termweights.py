"""IDF weights of stemmed terms over the indexed chunks: rare words tell more about relevance."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TermWeights:
    """BM25-style IDF per term; a term the corpus never uses gets the highest weight."""

    idf: Mapping[str, float]
    unseen: float

    def __call__(self, term: str) -> float:
        return self.idf.get(term, self.unseen)

    @classmethod
    def from_token_lists(cls, token_lists: Iterable[Iterable[str]]) -> TermWeights:
        df: Counter[str] = Counter()
        n = 0
        for tokens in token_lists:
            n += 1
            df.update(set(tokens))
        idf = {term: _idf(n, count) for term, count in df.items()}
        return cls(idf=idf, unseen=_idf(n, 0))

    @classmethod
    def uniform(cls) -> TermWeights:
        return cls(idf={}, unseen=1.0)


def _idf(n: int, df: int) -> float:
    # The BM25 form, always positive: ln(1 + (N - df + 0.5) / (df + 0.5)).
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


def weighted_coverage(query_terms: Iterable[str], text_terms: set[str], weights: TermWeights) -> float:
    """Share of the query's distinct terms, weighted by IDF, that occur in `text_terms` (0..1)."""
    terms = set(query_terms)
    total = sum(weights(t) for t in terms)
    if total <= 0:
        return 0.0
    return sum(weights(t) for t in terms if t in text_terms) / total
