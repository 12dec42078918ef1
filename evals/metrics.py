"""Retrieval and answer metrics: small pure functions over ranked relevance flags and answer texts."""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence

KS = (1, 3, 5, 10)

_MARKER = re.compile(r"\[(\d+)\]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# A number written with groups of thousands ("30 000", "30.000", "30\u202f000"): one number, whichever
# separator the document or the writer of an answer point used.
_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:[ .\u00a0\u202f]\d{3})+(?![\d])")


def numbers_in(text: str) -> set[str]:
    """The numbers of `text` as written, with thousands separators taken out ("30 000" and "30.000" are
    both "30000"; "0,5" and "2023" stay as they are)."""
    joined = _THOUSANDS.sub(lambda m: re.sub(r"[ .\u00a0\u202f]", "", m.group()), text)
    return set(_NUMBER.findall(joined))


def first_relevant_rank(relevance: Sequence[bool]) -> int | None:
    """1-based rank of the first relevant item, None when there is none."""
    for rank, relevant in enumerate(relevance, start=1):
        if relevant:
            return rank
    return None


def hit_at(relevance: Sequence[bool], k: int) -> float:
    return 1.0 if any(relevance[:k]) else 0.0


def ranking_figures(relevances: Iterable[Sequence[bool]]) -> dict[str, float]:
    """Mean hit@1, hit@5 and MRR over rankings, each given as relevance flags in rank order (0 for none)."""
    rows = [(hit_at(r, 1), hit_at(r, 5), reciprocal_rank(r)) for r in relevances]
    n = max(1, len(rows))
    return {name: sum(row[i] for row in rows) / n for i, name in enumerate(("hit@1", "hit@5", "mrr"))}


def recall_at(found_by_rank: Sequence[set[int]], n_gold: int, k: int) -> float:
    """Share of gold quotes found in the top k; found_by_rank[i] holds the quote indexes chunk i contains."""
    if n_gold == 0:
        return 0.0
    found: set[int] = set().union(*found_by_rank[:k]) if found_by_rank[:k] else set()
    return len(found) / n_gold


def reciprocal_rank(relevance: Sequence[bool]) -> float:
    rank = first_relevant_rank(relevance)
    return 1.0 / rank if rank else 0.0


def ndcg_at(found_by_rank: Sequence[set[int]], n_gold: int, k: int = 10) -> float:
    """Binary nDCG where a chunk gains only for gold quotes no higher-ranked chunk already had.

    Counting each gold quote once keeps a system from scoring by returning the same evidence twice
    (the corpus repeats passages), and the ideal ranking puts one chunk per quote first.
    """
    if n_gold == 0:
        return 0.0
    seen: set[int] = set()
    dcg = 0.0
    for rank, quotes in enumerate(found_by_rank[:k], start=1):
        new = quotes - seen
        if new:
            dcg += 1.0 / math.log2(rank + 1)
            seen |= new
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(n_gold, k) + 1))
    return dcg / ideal


def content_terms(text: str, analyzer: Callable[[str], list[str]]) -> set[str]:
    """Stemmed content words plus every number (`numbers_in`: numbers must match exactly, whatever
    thousands separator each text uses)."""
    return {t for t in analyzer(text) if not t.isdigit()} | numbers_in(text)


def point_covered(point: str, answer: str, analyzer: Callable[[str], list[str]], share: float = 0.6) -> bool:
    """An answer point counts as covered when >= `share` of its content terms occur in the answer and all
    of its numbers do. Transparent and reproducible; blind to paraphrase with other words and to negation.
    """
    terms = content_terms(point, analyzer)
    if not terms:
        return False
    answer_terms = content_terms(answer, analyzer)
    numbers = numbers_in(point)
    if not numbers <= answer_terms:
        return False
    return len(terms & answer_terms) / len(terms) >= share


def point_coverage(points: Sequence[str], answer: str, analyzer: Callable[[str], list[str]]) -> float:
    if not points:
        return 0.0
    return sum(point_covered(p, answer, analyzer) for p in points) / len(points)


# Words that frame a question instead of naming its subject ("wat doe ik best?", "ik had graag geweten
# hoeveel"): the Dutch stop-word list keeps them, and a sentence that shares only these with the question
# is not about it. Kept short on purpose: a word that can be a subject in this corpus ("aanpak", "vragen")
# does not belong here.
FRAME_WORDS = (
    "best", "beste", "graag", "weten", "geweten", "hoeveel", "tip", "tips", "ga", "gaan", "mee",
    "omgaan", "eigenlijk", "precies", "concreet", "zeggen",
)  # fmt: skip


def need_terms(
    question: str,
    situation: str | None,
    referents: Sequence[str],
    analyzer: Callable[[str], list[str]],
) -> set[str]:
    """The content terms of what a question asks (its need): the question without its situation clause,
    plus the texts a follow-up refers back to, without stop words and frame words. When removing the
    situation leaves no term ("Ik werk in de opvang. Wat doe ik best?"), the whole question counts."""
    frame = set(analyzer(" ".join(FRAME_WORDS)))
    need = question.replace(situation, " ", 1) if situation else question
    terms = content_terms(" ".join([need, *referents]), analyzer) - frame
    if not terms:
        terms = content_terms(" ".join([question, *referents]), analyzer) - frame
    return terms


def off_topic_sentences(
    quoted: Sequence[tuple[str, Sequence[int]]],
    need: set[str],
    gold_sources: set[int],
    analyzer: Callable[[str], list[str]],
) -> list[str]:
    """The quoted sentences that share no term with the need and cite no source holding gold evidence."""
    return [
        sentence
        for sentence, markers in quoted
        if not content_terms(sentence, analyzer) & need and not gold_sources.intersection(markers)
    ]


def cited_sentences(answer: str) -> list[tuple[str, list[int]]]:
    """Pairs of (sentence text without markers, marker numbers) for every sentence that carries a marker."""
    pairs: list[tuple[str, list[int]]] = []
    for line in answer.splitlines():
        # Split after citation markers only: a quoted "[...]" (an elision in the documents) is text.
        for sentence in re.split(r"(?<=\[\d\])\s+|(?<=\[\d\d\])\s+", line):
            markers = [int(m) for m in _MARKER.findall(sentence)]
            if markers:
                text = _MARKER.sub("", sentence).strip().strip('"“”„').strip()
                pairs.append((text, markers))
    return pairs


def citation_validity(
    answer: str,
    sources: Mapping[int, str],
    supports: Callable[[str, str], bool],
) -> tuple[int, int]:
    """(valid, total) over every (sentence, marker) pair: valid when the marker names a shown source and
    that source supports the sentence."""
    valid = total = 0
    for sentence, markers in cited_sentences(answer):
        for n in markers:
            total += 1
            if n in sources and supports(sentence, sources[n]):
                valid += 1
    return valid, total


def percentile(values: Iterable[float], q: float) -> float:
    data = sorted(values)
    if not data:
        return float("nan")
    if len(data) == 1:
        return data[0]
    return statistics.quantiles(data, n=100, method="inclusive")[max(0, min(98, int(q) - 1))]


def mean(values: Iterable[float]) -> float:
    data = list(values)
    return sum(data) / len(data) if data else float("nan")
