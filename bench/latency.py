"""Warm latency of `search` and `ask`, split into stages by timing wrappers around the Assistant's seams.

Stages: query embedding (the embedder's `embed_query`), dense search and BM25 (the index's
`dense_search` / `lexical_search`), fusion (reciprocal-rank fusion plus near-duplicate collapsing in
`assistant.retrieval`), and the rest of the call: for `ask`, answer composition (refusal evidence, quote
selection, citations); for `search`, bookkeeping. The Assistant is built with the wrapped index and
embedder injected; only the two fusion functions are patched, inside `patched_fusion()`.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from bench.stats import summarize

QUERY_EMBEDDING = "query embedding"
DENSE = "dense search"
BM25 = "BM25"
FUSION = "fusion"
COMPOSITION = "answer composition"
REST = "rest"
TOTAL = "total"
PRODUCT_STAGES = (QUERY_EMBEDDING, DENSE, BM25, FUSION)

# Used when the eval question files are absent: real questions professionals ask about the corpus.
FALLBACK_QUESTIONS = (
    "Wat zijn de acht bouwstenen van OverHoop?",
    "Hoeveel pilootprojecten werden in fase 2 geselecteerd?",
    "Wat kan ik doen bij een niet-pluis-gevoel over een kind?",
    "Welke rol speelt de zorgraad in de OverHoop-trajecten?",
    "Wat is ontwikkelingstrauma?",
    "Hoe betrek je ouders bij traumasensitief werken?",
)


class StageClock:
    """Accumulates seconds per stage for the call in progress; `take()` returns and resets them."""

    def __init__(self) -> None:
        self._seconds: dict[str, float] = {}

    def wrap(self, stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self._seconds[stage] = self._seconds.get(stage, 0.0) + time.perf_counter() - started

        return timed

    def take(self) -> dict[str, float]:
        seconds, self._seconds = self._seconds, {}
        return seconds


class TimedIndex:
    """An Index whose two searches are timed; everything else is the wrapped index's."""

    def __init__(self, index: Any, clock: StageClock) -> None:
        self._inner = index
        self.dense_search = clock.wrap(DENSE, index.dense_search)
        self.lexical_search = clock.wrap(BM25, index.lexical_search)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class TimedEmbedder:
    """An embedder whose query embedding is timed."""

    def __init__(self, embedder: Any, clock: StageClock) -> None:
        self._inner = embedder
        self.embed_query = clock.wrap(QUERY_EMBEDDING, embedder.embed_query)
        self.encode_query = clock.wrap(QUERY_EMBEDDING, embedder.encode_query)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


@contextlib.contextmanager
def patched_fusion(clock: StageClock) -> Iterator[None]:
    """Time fusion and near-duplicate collapsing where the retriever looks them up (module globals)."""
    from assistant import retrieval

    originals = retrieval.fuse_runs, retrieval.collapse_near_duplicates
    retrieval.fuse_runs = clock.wrap(FUSION, originals[0])  # type: ignore[assignment]
    retrieval.collapse_near_duplicates = clock.wrap(FUSION, originals[1])  # type: ignore[assignment]
    try:
        yield
    finally:
        retrieval.fuse_runs, retrieval.collapse_near_duplicates = originals


def benchmark_questions(questions_dir: Path, limit: int = 20) -> list[str]:
    """Single-turn questions from the eval set (deterministic: every k-th line), else the fallback list."""
    questions = []
    for path in sorted(questions_dir.glob("*.jsonl")) if questions_dir.is_dir() else []:
        for line in path.read_text(encoding="utf-8").splitlines():
            with contextlib.suppress(ValueError):
                item = json.loads(line)
                if isinstance(item, dict) and not item.get("history") and item.get("question"):
                    questions.append(str(item["question"]))
    if not questions:
        return list(FALLBACK_QUESTIONS)
    step = max(1, len(questions) // limit)
    return questions[::step][:limit]


def stage_breakdown(calls: Sequence[dict[str, float]], rest_name: str) -> dict[str, dict[str, float]]:
    """Per stage, median and p95 in milliseconds over the calls; `rest_name` is total minus the stages."""
    names = [*PRODUCT_STAGES, rest_name, TOTAL]
    seen = [n for n in names if any(n in call for call in calls) or n in (rest_name, TOTAL)]
    table = {}
    for name in seen:
        values = [call.get(name, 0.0) * 1000 for call in calls]
        summary = summarize(values)
        table[name] = {"median_ms": summary.median, "p95_ms": summary.p95, "n": summary.n}
    return table


def _with_rest(stages: dict[str, float], total: float, rest_name: str) -> dict[str, float]:
    return {**stages, rest_name: max(0.0, total - sum(stages.values())), TOTAL: total}


def measure_product(questions: Sequence[str], repeats: int) -> dict[str, Any]:
    """In this process: load the Assistant (timed), warm it with one pass, then time `repeats` passes."""
    from assistant.core import Assistant
    from basics.settings import get_settings
    from ingest.embedders import make_embedder
    from ingest.store import open_index

    settings = get_settings()
    clock = StageClock()
    started = time.perf_counter()
    embedder = make_embedder(settings)
    embedder.embed_query("opwarmen")
    assistant = Assistant(
        settings, index=TimedIndex(open_index(settings), clock), embedder=TimedEmbedder(embedder, clock)
    )
    load_s = time.perf_counter() - started
    searches: list[dict[str, float]] = []
    asks: list[dict[str, float]] = []
    refused = 0
    with patched_fusion(clock):
        for question in questions:  # warm-up: first calls pay for lazy imports and caches
            assistant.ask(question)
            assistant.search(question)
        clock.take()
        for _ in range(repeats):
            for question in questions:
                started = time.perf_counter()
                assistant.search(question)
                searches.append(_with_rest(clock.take(), time.perf_counter() - started, REST))
                started = time.perf_counter()
                answer = assistant.ask(question)
                asks.append(_with_rest(clock.take(), time.perf_counter() - started, COMPOSITION))
                refused += answer.refused
    return {
        "load_s": load_s,
        "chunks": len(assistant.index.chunks()),
        "search": stage_breakdown(searches, REST),
        "ask": stage_breakdown(asks, COMPOSITION),
        "refused": refused,
        "calls": len(asks),
    }


def measure_naive(index_dir: Path, questions: Sequence[str], repeats: int) -> dict[str, Any]:
    """The naive recipe's search (embed + nearest chunks) and ask (search + stuffing), by stage."""
    from basics.settings import get_settings
    from bench.naive import NaiveRecipe
    from ingest.embedders import make_embedder

    clock = StageClock()
    started = time.perf_counter()
    embedder = make_embedder(get_settings())
    embedder.embed_query("opwarmen")
    recipe = NaiveRecipe(index_dir, embedder)
    load_s = time.perf_counter() - started
    embed = clock.wrap(QUERY_EMBEDDING, recipe.embed)
    search = clock.wrap(DENSE, recipe.dense_search)
    searches: list[dict[str, float]] = []
    asks: list[dict[str, float]] = []
    for question in questions:
        recipe.ask(question)
    for _ in range(repeats):
        for question in questions:
            started = time.perf_counter()
            search(embed(question))
            searches.append(_with_rest(clock.take(), time.perf_counter() - started, REST))
            started = time.perf_counter()
            recipe.compose(search(embed(question)))
            asks.append(_with_rest(clock.take(), time.perf_counter() - started, COMPOSITION))
    return {
        "load_s": load_s,
        "search": stage_breakdown(searches, REST),
        "ask": stage_breakdown(asks, COMPOSITION),
        "refused": 0,
        "calls": len(asks),
    }
