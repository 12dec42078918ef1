"""Score one system's reply to one eval item, and aggregate item scores per system, type and document.

Rules (also printed in the report):
- A ranked passage holds gold quote i when its doc_id is the quote's doc_id and `evidence_hit` finds the
  quote (or 60% of it, when it straddles a chunk boundary) in its text.
- Retrieval metrics count answerable items only; a refused answer still has its ranking scored.
- Citation validity: every (sentence, [n]) pair of the answer is valid when source n was shown and its
  passage contains the sentence (canonical containment: extractive answers quote verbatim). Generative
  answers use the assistant's own support rule instead (assistant.citations: >= 60% of the sentence's
  content stems and all its numbers in the passage, same polarity).
- Point coverage (evals.metrics.point_covered): a point counts when >= 60% of its stemmed content words
  and all of its numbers occur in the answer (a number is the same with or without thousands separators:
  "30.000" in a point and "30 000" in the document); a refused answerable item covers nothing. "Coverage of
  answered items" averages the same score over the answerable items that got outcome answer or partial.
- Answer decision: a system's outcome ("answer", "partial", "none"; a system without one: "none" when it
  refused, else "answer"). Answerable items: share with outcome "answer" (a partial does not count) and
  share "partial". Unanswerable items: share with "none" or "partial" (a labelled partial does not claim
  an answer). The refusal metrics (refused exactly when unanswerable) stay beside them.
- Intent accuracy: share of the items with a gold `intent` for which the system read that intent.
- Off-topic (answerable items with outcome answer or partial; not for stuffed context): a quoted sentence
  (a sentence of the answer that carries a marker [n]; in an extractive answer these are the citations'
  `quotes`) is off-topic when (a) it shares no content term (Snowball stem, or number as written) with
  the question's need, and (b) none of the sources it cites holds a gold quote (`evidence_hit`, any
  document). The need is the question without its gold `situation` clause, minus stop words and a short
  list of frame words ("best", "graag", "hoeveel", ...: evals.metrics.FRAME_WORDS); for a follow-up it
  also holds the last user turn and the last assistant turn of the history, where the referent is ("die
  zesde", "daarvoor"). When the need has no term left, the whole question is used. Reported: the share
  of answered answerable items with at least one off-topic sentence, and the share of all their quoted
  sentences that are off-topic.
  Limits: lexical, so a sentence on the subject in other words (a synonym, "kinderen" for "kleuters")
  counts as off-topic unless its passage holds gold, and a sentence that shares one incidental word
  ("spanningen") counts as on-topic; gold evidence marks a few passages per item, so a relevant passage
  the question writer did not quote is judged by words alone; a follow-up's need takes the whole last
  exchange, which is lenient when the follow-up moves away from it; sentences without a marker (lead
  lines, labels) are not judged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.citations import check_citations
from basics.tokens import tokenize_nl
from evals.baselines import SystemReply
from evals.matching import evidence_hit, quote_in
from evals.metrics import (
    KS,
    citation_validity,
    cited_sentences,
    hit_at,
    mean,
    ndcg_at,
    need_terms,
    off_topic_sentences,
    percentile,
    point_coverage,
    recall_at,
    reciprocal_rank,
)
from evals.schema import EvalItem, slice_of

Analyzer = Callable[[str], list[str]]
ANSWER_K = 5  # the k of recall and context coverage in the headline: the passages an answer is made from


@dataclass(frozen=True, slots=True)
class ItemScore:
    """One system on one item: the reply, and every metric that applies to the item."""

    item: EvalItem
    system: str
    reply: SystemReply
    found: list[list[int]]
    """Per ranked passage (top RANKED_K), the indexes of the gold quotes it holds."""
    retrieval: dict[str, float] | None
    """hit@k, recall@k, mrr, ndcg@10; None for unanswerable items."""
    refusal_correct: bool
    citations: tuple[int, int] | None
    """(valid, total) citation pairs; None when the system has no citations to check (stuffed context)."""
    coverage: float | None
    context_coverage: float | None
    outcome: str
    """The reply's answer decision (`SystemReply.decision`)."""
    intent_correct: bool | None
    """None when the item has no gold intent or the system reads none."""
    off_topic: list[str] | None
    """The off-topic quoted sentences of an answered answerable item; None where the rule does not apply."""
    quoted: int
    """How many quoted sentences the off-topic rule judged."""

    @property
    def answered(self) -> bool:
        """Outcome answer or partial: the system put something forward as coming from the documents."""
        return self.outcome != "none"


def found_by_rank(item: EvalItem, passages: Sequence[Any], depth: int = max(KS)) -> list[set[int]]:
    """For each of the top `depth` passages, the gold quotes (by index) it holds, same document required."""
    return [
        {
            i
            for i, evidence in enumerate(item.evidence)
            if passage.doc_id == evidence.doc_id and evidence_hit(evidence.quote, passage.text)
        }
        for passage in passages[:depth]
    ]


def retrieval_metrics(found: Sequence[set[int]], n_gold: int) -> dict[str, float]:
    relevance = [bool(quotes) for quotes in found]
    metrics: dict[str, float] = {}
    for k in KS:
        metrics[f"hit@{k}"] = hit_at(relevance, k)
        metrics[f"recall@{k}"] = recall_at(found, n_gold, k)
    metrics["mrr"] = reciprocal_rank(relevance)
    metrics["ndcg@10"] = ndcg_at(found, n_gold, 10)
    return metrics


def contains_sentence(sentence: str, passage: str) -> bool:
    """Extractive rule: the passage holds the sentence, ignoring layout, punctuation and case."""
    return quote_in(sentence, passage)


def supports_sentence(sentence: str, passage: str) -> bool:
    """Generative rule: the assistant's citation check keeps the sentence when it cites this passage."""
    return not check_citations(f"{sentence} [1]", [_Text(passage)]).dropped_sentences


@dataclass(frozen=True, slots=True)
class _Text:
    text: str
    doc_id: str = ""
    section: str = ""
    page: int | None = None


def score_item(
    item: EvalItem, system: str, reply: SystemReply, analyzer: Analyzer = tokenize_nl
) -> ItemScore:
    found = found_by_rank(item, reply.ranked)
    retrieval = retrieval_metrics(found, len(item.evidence)) if item.answerable else None
    citations = None
    if reply.mode != "stuffed" and not reply.refused:
        rule = supports_sentence if reply.mode == "generative" else contains_sentence
        citations = citation_validity(reply.answer, reply.sources, rule)
    coverage = context_coverage = None
    if item.answerable:
        coverage = 0.0 if reply.refused else point_coverage(item.answer_points, reply.answer, analyzer)
        context_coverage = point_coverage(item.answer_points, "\n".join(reply.context), analyzer)
    off_topic, quoted = None, 0
    if item.answerable and reply.decision != "none" and reply.mode != "stuffed":
        pairs = cited_sentences(reply.answer)
        off_topic, quoted = off_topic_of(item, pairs, reply.sources, analyzer), len(pairs)
    intent_correct = None
    if item.intent is not None and reply.intent is not None:
        intent_correct = reply.intent == item.intent
    return ItemScore(
        item=item,
        system=system,
        reply=reply,
        found=[sorted(quotes) for quotes in found],
        retrieval=retrieval,
        refusal_correct=reply.refused != item.answerable,
        citations=citations,
        coverage=coverage,
        context_coverage=context_coverage,
        outcome=reply.decision,
        intent_correct=intent_correct,
        off_topic=off_topic,
        quoted=quoted,
    )


def off_topic_of(
    item: EvalItem,
    quoted: Sequence[tuple[str, Sequence[int]]],
    sources: dict[int, str],
    analyzer: Analyzer = tokenize_nl,
) -> list[str]:
    """The quoted sentences of an answer to `item` that the off-topic rule (module docstring) flags."""
    last = {turn.role: turn.content for turn in item.history}  # the last turn of each role
    need = need_terms(item.question, item.situation, list(last.values()), analyzer)
    gold_sources = {
        n for n, text in sources.items() if any(evidence_hit(e.quote, text) for e in item.evidence)
    }
    return off_topic_sentences(quoted, need, gold_sources, analyzer)


# ----------------------------------------------------------------------------------------------------
# Aggregation


def _share(flags: Iterable[bool]) -> float | None:
    values = list(flags)
    return sum(values) / len(values) if values else None


def _mean_or_none(values: Iterable[float | None]) -> float | None:
    data = [v for v in values if v is not None]
    return mean(data) if data else None


def summarize(scores: Sequence[ItemScore]) -> dict[str, Any]:
    """Headline numbers of one system over a set of items (None where no item qualifies)."""
    answerable = [s for s in scores if s.item.answerable]
    unanswerable = [s for s in scores if not s.item.answerable]
    summary: dict[str, Any] = {
        "n": len(scores),
        "n_answerable": len(answerable),
        "n_unanswerable": len(unanswerable),
    }
    metric_names = list(answerable[0].retrieval) if answerable and answerable[0].retrieval else []
    for name in metric_names:
        summary[name] = mean(s.retrieval[name] for s in answerable if s.retrieval is not None)
    summary["refusal_acc_answerable"] = _share(s.refusal_correct for s in answerable)
    summary["refusal_acc_unanswerable"] = _share(s.refusal_correct for s in unanswerable)
    pairs = [s.citations for s in scores if s.citations is not None]
    total = sum(t for _, t in pairs)
    summary["citation_validity"] = sum(v for v, _ in pairs) / total if total else None
    summary["citations_checked"] = total
    summary["coverage"] = _mean_or_none(s.coverage for s in answerable)
    summary["context_coverage"] = _mean_or_none(s.context_coverage for s in answerable)
    answered = [s for s in answerable if s.answered]
    summary["n_answered_answerable"] = len(answered)
    summary["coverage_answered"] = _mean_or_none(s.coverage for s in answered)
    summary["answered_answerable"] = _share(s.outcome == "answer" for s in answerable)
    summary["partial_answerable"] = _share(s.outcome == "partial" for s in answerable)
    summary["declined_unanswerable"] = _share(s.outcome != "answer" for s in unanswerable)
    intents = [s.intent_correct for s in scores if s.intent_correct is not None]
    summary["intent_accuracy"] = _share(intents)
    summary["intents_checked"] = len(intents)
    judged = [s for s in answered if s.off_topic is not None]
    quoted = sum(s.quoted for s in judged)
    summary["offtopic_answers"] = _share(bool(s.off_topic) for s in judged)
    summary["offtopic_sentences"] = sum(len(s.off_topic or []) for s in judged) / quoted if quoted else None
    summary["quoted_sentences"] = quoted
    seconds = [s.reply.seconds for s in scores]
    summary["latency_p50_ms"] = percentile(seconds, 50) * 1000 if seconds else None
    summary["latency_p95_ms"] = percentile(seconds, 95) * 1000 if seconds else None
    return summary


def intent_confusion(scores: Sequence[ItemScore]) -> dict[str, dict[str, int]]:
    """gold intent -> intent the system read -> number of items (items with a gold intent only)."""
    table: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for score in scores:
        if score.item.intent is not None and score.reply.intent is not None:
            table[score.item.intent][score.reply.intent] += 1
    return {gold: dict(sorted(read.items())) for gold, read in sorted(table.items())}


def summarize_by(scores: Sequence[ItemScore], key: Callable[[ItemScore], Iterable[str]]) -> dict[str, Any]:
    """`summarize` per group; an item can belong to several groups (a two-document question)."""
    groups: dict[str, list[ItemScore]] = defaultdict(list)
    for score in scores:
        for group in key(score):
            groups[group].append(score)
    return {group: summarize(groups[group]) for group in sorted(groups)}


def by_type(score: ItemScore) -> list[str]:
    return [score.item.type]


def by_slice(score: ItemScore) -> list[str]:
    """The file of questions the item was written in (`slice_of`)."""
    return [slice_of(score.item.id)]


def by_document(score: ItemScore) -> list[str]:
    """The documents holding an item's gold evidence (unanswerable items belong to none)."""
    return sorted({evidence.doc_id for evidence in score.item.evidence})
