"""The extractive answer: pick the sentences of the top passages that answer best, quote them, cite them.

Everything in the answer is either a fixed template phrase or a whole sentence copied from a passage.
Sentences are scored lexically (stemmed, IDF-weighted overlap with the question, their own or inherited
from the sentence before) plus their passage's overlap and rank and their position; embedding every
sentence would cost 20-70 ms each on these CPUs. Only sentences near the best one in relevance are quoted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.answer import Citation, Passage
from assistant.sentences import ends_sentence, is_quotable, split_sentences, strip_heading_prefix
from assistant.termweights import TermWeights, weighted_coverage

Tokenizer = Callable[[str], list[str]]

LEAD_IN = "Dit zeggen de OverHoop-documenten hierover:"
PARTIAL_LEAD_IN = (
    "De documenten beantwoorden je vraag niet rechtstreeks. Dit komt er het dichtst bij "
    "(gedeeltelijk antwoord):"
)
_VALUE_NAMES = {
    "phone": "een telefoonnummer",
    "email": "een e-mailadres",
    "amount": "een bedrag",
    "date": "een datum",
    "count": "een aantal",
}


PARTIAL_OPENINGS = (
    PARTIAL_LEAD_IN,
    "De documenten noemen hierbij geen ",
    "De documenten zeggen niets specifiek over ",
)
"""How every partial answer opens (the second and third go on with what is missing)."""


def partial_lead_in(missing_value: str | None, missing_words: Sequence[str]) -> str:
    """The opening of a partial answer, saying what the documents do not give: the asked kind of value
    ("De documenten noemen hierbij geen bedrag.") or the words of the question no passage has."""
    if missing_value in _VALUE_NAMES:
        gap = f"De documenten noemen hierbij geen {_VALUE_NAMES[missing_value].removeprefix('een ')}."
    elif missing_words:
        quoted = ", ".join(f"“{w}”" for w in missing_words[:3])
        gap = f"De documenten zeggen niets specifiek over {quoted}."
    else:
        return PARTIAL_LEAD_IN
    return f"{gap} Dit komt er het dichtst bij (gedeeltelijk antwoord):"


FALLBACK_LEAD_IN = "Dit is de passage die het best bij je vraag past:"

MAX_QUOTES = 5
MIN_QUOTES = 2
# Score weights: the sentence's relevance to the question first; then its passage's (a sentence that
# shares one word with the question inside a passage about the question beats one that shares a word by
# chance); the retriever's rank (it saw the dense model's sense of meaning); early sentences of a passage
# usually state its point.
W_RELEVANCE, W_CONTEXT, W_RANK, W_POSITION = 0.6, 0.25, 0.1, 0.05
# MMR penalty for overlap with sentences already chosen.
DIVERSITY = 0.5
# Minimum IDF-weighted share of the question's terms for any sentence to be quoted, and the share of the
# best sentence's relevance below which a sentence is padding rather than answer (then quoted only to
# reach MIN_QUOTES, and only from a passage already quoted).
MIN_RELEVANCE = 0.15
RELATIVE_CUTOFF = 0.5
# A passage sharing less than this share of what the best passage shares with the question is not quoted
# from: a sentence there matches a word of the question by chance, not its subject. Measured on the eval
# set (answerable items): answer-point coverage 0.325 -> 0.324 while sentences per answer fell 3.09 -> 2.87.
PASSAGE_CUTOFF = 0.7
# A sentence right after a relevant one often carries its answer ("... uitgewerkt door het bureau X."
# then "Centraal in deze campagne stond een korte animatiefilm ..."): it inherits this share of its
# predecessor's relevance.
NEIGHBOUR = 0.5


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
    """The sentences that answer best, diverse (MMR), grouped by passage rank and in text order.

    A sentence must share enough of the question's words wherever it stands (the top passage is often
    right as a whole while most of its sentences are not); sentences far less relevant than the best one
    only fill up to `min_quotes`. Empty when no sentence of any passage is relevant enough.
    """
    candidates = []
    contexts = [weighted_coverage(query_terms, set(tokenize(text)), weights) for text in passage_texts]
    best_context = max(contexts, default=0.0)
    for rank, text in enumerate(passage_texts):
        context = contexts[rank]
        if context < PASSAGE_CUTOFF * best_context:
            continue  # a passage that shares far less of the question than the best one is another topic
        own = [weighted_coverage(query_terms, set(tokenize(s)), weights) for s in split_sentences(text)]
        for position, sentence in candidate_sentences(text):
            terms = frozenset(tokenize(sentence))
            relevance = max(own[position], NEIGHBOUR * own[position - 1] if position else 0.0)
            if relevance < MIN_RELEVANCE:
                continue
            prior = W_CONTEXT * context + W_RANK / (1 + rank) + W_POSITION / (1 + position)
            score = W_RELEVANCE * relevance + prior
            candidates.append(_Candidate(Quote(rank, position, sentence, score), terms, relevance))
    chosen = _mmr(candidates, max_quotes, min_quotes)
    return sorted((c.quote for c in chosen), key=lambda q: (q.passage, q.position))


def _mmr(candidates: list[_Candidate], max_quotes: int, min_quotes: int) -> list[_Candidate]:
    if not candidates:
        return []
    floor = RELATIVE_CUTOFF * max(c.relevance for c in candidates)
    chosen: list[_Candidate] = []
    pool = list(candidates)
    while pool and len(chosen) < max_quotes:

        def gain(c: _Candidate) -> float:
            overlap = max((_jaccard(c.terms, s.terms) for s in chosen), default=0.0)
            # Below the floor a sentence only fills up to min_quotes: rank it after every answering one.
            return c.quote.score - DIVERSITY * overlap - (0.0 if c.relevance >= floor else 1.0)

        pick = max(pool, key=gain)
        pool.remove(pick)
        if pick.relevance < floor:
            if len(chosen) >= min_quotes:
                break
            if all(pick.quote.passage != c.quote.passage for c in chosen):
                continue  # padding only from a passage already quoted: context, not a new topic
        if any(pick.quote.text == c.quote.text for c in chosen):
            continue  # the same sentence in two passages: quote it once
        chosen.append(pick)
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
