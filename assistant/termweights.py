"""IDF weights of stemmed terms over the indexed chunks, and the weighted coverage of a question's terms."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

# Snowball keeps some forms of one word apart ("bouwsteen" / "bouwstenen" -> "bouwsteen" / "bouwsten",
# "respons" / "respondenten"): a term longer than this also counts as present when a text term starts
# with its first STEM_PREFIX letters. 5 measured best of 5/6/7 for the refusal signal (see refusal.py).
STEM_PREFIX = 5
# A term held by at most this many chunks is rare (`TermWeights.rare`).
RARE_CHUNKS = 2


@dataclass(frozen=True, slots=True)
class TermWeights:
    """BM25-style IDF per term; a term the corpus never uses gets the highest weight."""

    idf: Mapping[str, float]
    unseen: float
    chunks: int = 0
    median: float = 1.0
    """The median weight of the terms the corpus uses: computed once here, not per question."""

    def __call__(self, term: str) -> float:
        return self.idf.get(term, self.unseen)

    def total(self, terms: Iterable[str]) -> float:
        """The summed weight of `terms`, exact (`math.fsum`): the same whatever order a set of terms comes in.
        That order follows the process's string hashing (PYTHONHASHSEED), and a plain float sum made a tie
        break differently from one run to the next (forty-third session: a held-out answer changed between
        two runs of the same code)."""
        return math.fsum(self(t) for t in terms)

    def rare(self, term: str, most: int = RARE_CHUNKS) -> bool:
        """The corpus uses `term` in at least one and at most `most` chunks: where it stands is what it is
        about ("pilotitis")."""
        return term in self.idf and self(term) >= _idf(self.chunks, most)

    @classmethod
    def from_token_lists(cls, token_lists: Iterable[Iterable[str]]) -> TermWeights:
        df: Counter[str] = Counter()
        n = 0
        for tokens in token_lists:
            n += 1
            df.update(set(tokens))
        idf = {term: _idf(n, count) for term, count in df.items()}
        values = sorted(idf.values())
        median = values[len(values) // 2] if values else 1.0
        return cls(idf=idf, unseen=_idf(n, 0), chunks=n, median=median)

    @classmethod
    def uniform(cls) -> TermWeights:
        return cls(idf={}, unseen=1.0)


def _idf(n: int, df: int) -> float:
    # The BM25 form, always positive: ln(1 + (N - df + 0.5) / (df + 0.5)).
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


def term_present(term: str, text_terms: Collection[str], prefix: int = STEM_PREFIX) -> bool:
    """The term, or (when longer than `prefix`) a term sharing its first `prefix` letters, is in the text."""
    if term in text_terms:
        return True
    if prefix <= 0 or len(term) <= prefix:
        return False
    head = term[:prefix]
    return any(t.startswith(head) for t in text_terms)


def weighted_coverage(
    query_terms: Iterable[str], text_terms: Collection[str], weights: TermWeights, prefix: int = STEM_PREFIX
) -> float:
    """Share of the query's distinct terms, weighted by IDF, that occur in `text_terms` (0..1)."""
    terms = set(query_terms)
    total = weights.total(terms)
    if total <= 0:
        return 0.0
    return weights.total(t for t in terms if term_present(t, text_terms, prefix)) / total
