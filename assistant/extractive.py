"""The extractive answer: pick the sentences of the top passages that answer best, quote them, cite them.

Everything in the answer is either a fixed template phrase or a whole sentence copied from a passage.
Sentences are scored lexically (stemmed, IDF-weighted overlap with the question) plus the passage's rank
and the sentence's position; embedding every sentence would cost 20-70 ms each on these CPUs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.answer import Citation, Passage
from assistant.sentences import ends_sentence, is_quotable, split_sentences, strip_heading_prefix
from assistant.termweights import TermWeights, weighted_coverage

Tokenizer = Callable[[str], list[str]]

LEAD_IN = "Dit zeggen de OverHoop-documenten hierover:"
FALLBACK_LEAD_IN = "Dit is de passage die het best bij je vraag past:"

MAX_QUOTES = 5
MIN_QUOTES = 3
# Score weights: relevance to the question first; the retriever's ranking (which saw the whole passage,
# and the dense model's sense of meaning) second; early sentences of a passage usually state its point.
W_RELEVANCE, W_PASSAGE, W_POSITION = 0.65, 0.25, 0.10
# MMR penalty for overlap with sentences already chosen, and the share of the best score below which
# further sentences are padding rather than answer.
DIVERSITY = 0.5
CUTOFF = 0.5
# Minimum IDF-weighted share of the question's terms for a sentence from any passage but the top one.
MIN_RELEVANCE = 0.15


@dataclass(frozen=True, slots=True)
class Quote:
    """A sentence copied verbatim from passage number `passage` (0-based rank) at sentence `position`."""

    passage: int
    position: int
    text: str
    score: float


@dataclass(frozen=True, slots=True)
class _Candidate:
    quote: Quote
    terms: frozenset[str]
    relevance: float


def candidate_sentences(text: str) -> list[tuple[int, str]]:
    """(position, sentence) for every quotable sentence of a passage, heading prefixes removed.

    The last sentence is skipped when it lacks final punctuation: the chunk boundary may have cut it.
    """
    sentences = split_sentences(text)
    out = []
    for position, sentence in enumerate(sentences):
        if position == len(sentences) - 1 and not ends_sentence(sentence):
            continue
        sentence = strip_heading_prefix(sentence)
        if is_quotable(sentence):
            out.append((position, sentence))
    return out


def select_quotes(
    query_terms: Sequence[str],
    passage_texts: Sequence[str],
    tokenize: Tokenizer,
    weights: TermWeights,
    max_quotes: int = MAX_QUOTES,
    min_quotes: int = MIN_QUOTES,
) -> list[Quote]:
    """The best sentences for the question, diverse (MMR), grouped by passage rank and in text order."""
    candidates = []
    for rank, text in enumerate(passage_texts):
        for position, sentence in candidate_sentences(text):
            terms = frozenset(tokenize(sentence))
            relevance = weighted_coverage(query_terms, set(terms), weights)
            if rank > 0 and relevance < MIN_RELEVANCE:
                continue  # outside the top passage, a sentence must share the question's words to be quoted
            score = W_RELEVANCE * relevance + W_PASSAGE / (1 + rank) + W_POSITION / (1 + position)
            candidates.append(_Candidate(Quote(rank, position, sentence, score), terms, relevance))
    chosen = _mmr(candidates, max_quotes, min_quotes)
    return sorted((c.quote for c in chosen), key=lambda q: (q.passage, q.position))


def _mmr(candidates: list[_Candidate], max_quotes: int, min_quotes: int) -> list[_Candidate]:
    chosen: list[_Candidate] = []
    pool = list(candidates)
    best_score = 0.0
    while pool and len(chosen) < max_quotes:

        def gain(c: _Candidate) -> float:
            overlap = max((_jaccard(c.terms, s.terms) for s in chosen), default=0.0)
            return c.quote.score - DIVERSITY * overlap

        pick = max(pool, key=gain)
        value = gain(pick)
        if not chosen:
            best_score = value
        elif len(chosen) >= min_quotes and (pick.relevance == 0 or value < CUTOFF * best_score):
            break
        if any(pick.quote.text == c.quote.text for c in chosen):
            pool.remove(pick)  # the same sentence in two passages: quote it once
            continue
        chosen.append(pick)
        pool.remove(pick)
    return chosen


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def fallback_quotes(passage_texts: Sequence[str], max_chars: int = 400) -> list[Quote]:
    """When no sentence is quotable: the first sentences of the top passage, whole, up to `max_chars`."""
    if not passage_texts:
        return []
    quotes: list[Quote] = []
    used = 0
    for position, sentence in enumerate(split_sentences(passage_texts[0])):
        if quotes and used + len(sentence) > max_chars:
            break
        quotes.append(Quote(0, position, sentence, 0.0))
        used += len(sentence)
    return quotes


def compose_answer(
    quotes: Sequence[Quote], passages: Sequence[Passage], lead_in: str = LEAD_IN
) -> tuple[str, list[Citation]]:
    """The answer text (lead-in, then one paragraph per source, each sentence ending in [n]) and the
    citations, numbered in the order the sources appear."""
    numbers: dict[int, int] = {}
    paragraphs: dict[int, list[str]] = {}
    for quote in quotes:
        n = numbers.setdefault(quote.passage, len(numbers) + 1)
        paragraphs.setdefault(n, []).append(f"{quote.text} [{n}]")
    citations = []
    for rank, n in numbers.items():
        passage = passages[rank]
        chunk = passage.chunk
        citations.append(
            Citation(
                n=n,
                chunk_id=chunk.chunk_id,
                doc_id=chunk.doc_id,
                title=chunk.title,
                section=chunk.section,
                page=chunk.page,
                text=chunk.text,
                quotes=tuple(q.text for q in quotes if q.passage == rank),
            )
        )
    body = "\n\n".join(" ".join(paragraphs[n]) for n in sorted(paragraphs))
    return f"{lead_in}\n\n{body}", citations
