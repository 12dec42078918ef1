"""Decide from retrieval evidence, not from wording, whether the documents answer a question.

The signal mixes the best dense cosine (does any passage mean the same?) with the IDF-weighted share of
the question's terms found in the best top passage (are its specific words in the documents at all?).
A calibration script sweeps `relevance_signal` over answerable and unanswerable questions to set
`settings.refusal_threshold`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.termweights import TermWeights, weighted_coverage

# Weight of the lexical coverage in the signal; the dense cosine gets the rest. e5 cosines of related
# and unrelated Dutch text lie close together (~0.75 vs ~0.85), while a question about something the
# documents never mention has words the corpus does not contain: both together separate better.
LEXICAL_WEIGHT = 0.3
TOP_PASSAGES = 3


@dataclass(frozen=True, slots=True)
class RelevanceEvidence:
    dense: float | None
    """Best cosine between the question and any dense candidate; None without a dense retriever."""
    coverage: float
    """IDF-weighted share of the question's terms found in the best of the top passages (0..1)."""


def gather_evidence(
    best_dense: float | None,
    query_terms: Sequence[str],
    passage_terms: Sequence[set[str]],
    weights: TermWeights,
) -> RelevanceEvidence:
    """Evidence from the retrieval: `passage_terms` are the stemmed terms of the ranked passages."""
    coverage = max(
        (weighted_coverage(query_terms, terms, weights) for terms in passage_terms[:TOP_PASSAGES]),
        default=0.0,
    )
    return RelevanceEvidence(dense=best_dense, coverage=coverage)


def relevance_signal(evidence: RelevanceEvidence, lexical_weight: float = LEXICAL_WEIGHT) -> float:
    """One number, higher is more relevant; without a dense score, the lexical coverage alone."""
    if evidence.dense is None:
        return evidence.coverage
    return (1.0 - lexical_weight) * evidence.dense + lexical_weight * evidence.coverage


def should_refuse(signal: float, threshold: float) -> bool:
    return signal < threshold
