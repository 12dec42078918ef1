"""The systems the eval compares: the assistant in its three retrieval modes, and the naive tutorial recipe.

Every system answers an EvalItem with a `SystemReply`: its answer, whether it refused, the sources its
markers point to, and its ranked passages (at least `RANKED_K` when the index has them) for retrieval scores.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np
from langchain_text_splitters import RecursiveCharacterTextSplitter

from assistant.answer import Intent, Outcome, Passage
from assistant.core import Assistant
from evals.metrics import KS
from evals.schema import EvalItem
from ingest.documents import Chunk, chunk_id_for
from ingest.embedding_cache import CachedEmbedder
from ingest.loaders import LoadError, load_document
from ingest.manifest import discover

# Retrieval is scored down to k = 10, so every system hands over at least this many ranked passages.
RANKED_K = max(KS)
# The recipe of most RAG tutorials: fixed 1000-character chunks with 200 characters of overlap.
NAIVE_CHUNK_CHARS = 1000
NAIVE_OVERLAP_CHARS = 200

ReplyMode = Literal["extractive", "generative", "stuffed"]


@dataclass(frozen=True, slots=True)
class SystemReply:
    """What one system did with one question."""

    answer: str
    refused: bool
    sources: dict[int, str]
    """Marker number -> text of the passage shown as source [n]."""
    ranked: list[Passage]
    seconds: float
    """Wall time of answering (for the assistant: `ask()` alone, without the extra scoring look-ups)."""
    mode: ReplyMode
    signal: float | None = None
    """The refusal rule's relevance signal for this question (assistant systems only)."""
    context: list[str] = field(default_factory=list)
    """Texts of the passages the answer was made from (the top `answer_k`)."""
    outcome: Outcome | None = None
    """The answer decision ("answer", "partial", "none"); None for a system without one (see `decision`)."""
    intent: Intent | None = None
    """The intent the system read in the question; None for a system without a question analysis."""

    @property
    def decision(self) -> Outcome:
        """The outcome, or for a system without one, what its refusal flag says."""
        if self.outcome is not None:
            return self.outcome
        return "none" if self.refused else "answer"


class System(Protocol):
    name: str
    description: str

    def reply(self, item: EvalItem) -> SystemReply: ...


def turns_of(item: EvalItem) -> list[dict[str, str]]:
    return [{"role": turn.role, "content": turn.content} for turn in item.history]


class AssistantSystem:
    """The product (`mode="hybrid"`) or one of its single-retriever ablations, through `Assistant.ask`."""

    def __init__(self, name: str, description: str, assistant: Assistant) -> None:
        self.name = name
        self.description = description
        self.assistant = assistant

    def reply(self, item: EvalItem) -> SystemReply:
        history = turns_of(item)
        started = time.perf_counter()
        answer = self.assistant.ask(item.question, history=history)
        seconds = time.perf_counter() - started
        query = answer.search_query or answer.question
        ranked = list(answer.retrieved)
        if query and len(ranked) < RANKED_K:
            # ask() keeps only answer_k passages; the retriever's own ranking continues them, so the first
            # answer_k scored are exactly the ones the product showed.
            seen = {p.chunk_id for p in ranked}
            more = self.assistant.search(query, k=RANKED_K)
            ranked += [p for p in more if p.chunk_id not in seen][: RANKED_K - len(ranked)]
        return SystemReply(
            answer=answer.answer,
            refused=answer.refused,
            sources={c.n: c.text for c in answer.citations},
            ranked=ranked,
            seconds=seconds,
            mode=answer.mode,
            signal=relevance_of(self.assistant, item.question, history),
            context=[p.text for p in answer.retrieved[: self.assistant.settings.answer_k]],
            outcome=answer.outcome,
            intent=answer.intent,
        )


class RepeatedQueryMemo:
    """A query embedder that remembers its last few queries.

    Scoring asks the retriever again for the same query (the ranking beyond answer_k, the refusal signal);
    `ask()` runs first and pays for its own embedding, so its measured latency is unaffected. One memo per
    system, so no system's latency profits from another's.
    """

    def __init__(self, embedder: Any, size: int = 4) -> None:
        self.embedder = embedder
        self.size = size
        self._recent: dict[str, list[float]] = {}

    def embed_query(self, text: str) -> list[float]:
        if text not in self._recent:
            if len(self._recent) >= self.size:
                self._recent.pop(next(iter(self._recent)))
            self._recent[text] = self.embedder.embed_query(text)
        return self._recent[text]


def relevance_of(assistant: Assistant, question: str, history: Sequence[dict[str, str]] | None) -> float:
    """The answer decision's probability that the documents answer, as `ask()` sees the question."""
    return assistant.decision.probability(assistant.decision_features(question, history))


# ----------------------------------------------------------------------------------------------------
# The naive recipe


def naive_chunks(corpus_dir: Path) -> list[Chunk]:
    """The corpus files as loaded, uncleaned, cut into fixed-size overlapping character windows."""
    splitter = RecursiveCharacterTextSplitter(chunk_size=NAIVE_CHUNK_CHARS, chunk_overlap=NAIVE_OVERLAP_CHARS)
    chunks: list[Chunk] = []
    for info in discover(corpus_dir).documents:
        try:
            document = load_document(info)
        except LoadError:
            continue
        text = "\n".join(page.text for page in document.pages)
        for position, piece in enumerate(splitter.split_text(text)):
            chunks.append(
                Chunk(
                    chunk_id=chunk_id_for(info.doc_id, piece),
                    doc_id=info.doc_id,
                    title=info.title,
                    doc_type=info.doc_type,
                    section="",
                    text=piece,
                    position=position,
                )
            )
    return chunks


def naive_texts(corpus_dir: Path) -> list[str]:
    """What the naive recipe embeds: the raw window texts. `overhoop ingest --export-vectors` ships their
    vectors too, so `overhoop eval` on a fresh machine embeds nothing."""
    return [chunk.text for chunk in naive_chunks(corpus_dir)]


class NaiveRag:
    """Dense cosine top-k over naive chunks in numpy; the "answer" is the top chunks stuffed, never refused.

    Vectors come through the same embedder and vector cache as the index, so only the first run pays.
    """

    name = "naive"
    description = (
        f"tutorial-recept: ruwe bestanden in vaste stukken van {NAIVE_CHUNK_CHARS} tekens met "
        f"{NAIVE_OVERLAP_CHARS} overlap, enkel dense, top-k gestapeld, nooit een weigering"
    )

    def __init__(
        self, chunks: Sequence[Chunk], vectors: np.ndarray, embedder: CachedEmbedder, k: int
    ) -> None:
        if len(chunks) != len(vectors):
            raise ValueError("one vector per chunk")
        self.chunks = list(chunks)
        self.vectors = np.asarray(vectors, dtype=np.float32)
        self.embedder = embedder
        self.k = k

    @classmethod
    def build(
        cls,
        corpus_dir: Path,
        embedder: CachedEmbedder,
        k: int,
        progress: Callable[[int], None] | None = None,
    ) -> NaiveRag:
        chunks = naive_chunks(corpus_dir)
        vectors = embedder.encode_passages([c.text for c in chunks], progress)
        return cls(chunks, vectors, embedder, k)

    def search(self, query: str, k: int) -> list[Passage]:
        vector = np.asarray(self.embedder.encode_query(query), dtype=np.float32)
        scores = self.vectors @ vector
        order = np.argsort(-scores, kind="stable")[:k]
        return [Passage(self.chunks[i], float(scores[i]), {"dense": float(scores[i])}) for i in order]

    def reply(self, item: EvalItem) -> SystemReply:
        # Tutorials embed the last message only: no follow-up resolution.
        started = time.perf_counter()
        ranked = self.search(item.question, max(self.k, RANKED_K))
        top = ranked[: self.k]
        answer = "\n\n".join(f"{p.text} [{n}]" for n, p in enumerate(top, start=1))
        seconds = time.perf_counter() - started
        return SystemReply(
            answer=answer,
            refused=False,
            sources={n: p.text for n, p in enumerate(top, start=1)},
            ranked=ranked,
            seconds=seconds,
            mode="stuffed",
            context=[p.text for p in top],
        )
