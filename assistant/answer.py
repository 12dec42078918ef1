"""What the assistant returns: ranked passages, numbered citations and the answer, with a stable dict form."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from ingest.documents import Chunk

AnswerMode = Literal["extractive", "generative"]
Outcome = Literal["answer", "partial", "none"]
"""answer: the documents answer; partial: they say something near it, labelled as such; none: not in them."""
Intent = Literal["practical", "lessons", "fact", "definition", "list", "comparison", "other"]


@dataclass(frozen=True, slots=True)
class Passage:
    """A retrieved chunk with its fused score and the per-retriever scores behind it."""

    chunk: Chunk
    score: float
    scores: dict[str, float] = field(default_factory=dict)

    @property
    def chunk_id(self) -> str:
        return self.chunk.chunk_id

    @property
    def doc_id(self) -> str:
        return self.chunk.doc_id

    @property
    def section(self) -> str:
        return self.chunk.section

    @property
    def page(self) -> int | None:
        return self.chunk.page

    @property
    def text(self) -> str:
        return self.chunk.text

    def to_dict(self) -> dict[str, Any]:
        return {
            "chunk_id": self.chunk.chunk_id,
            "doc_id": self.chunk.doc_id,
            "title": self.chunk.title,
            "doc_type": self.chunk.doc_type,
            "section": self.chunk.section,
            "page": self.chunk.page,
            "score": round(self.score, 6),
            "scores": {k: round(v, 6) for k, v in self.scores.items()},
            "text": self.chunk.text,
        }


@dataclass(frozen=True, slots=True)
class Citation:
    """Source number `n` as shown under the answer; `quotes` are the sentences taken from it."""

    n: int
    chunk_id: str
    doc_id: str
    title: str
    section: str
    page: int | None
    text: str
    quotes: tuple[str, ...] = ()

    @classmethod
    def of(cls, chunk: Chunk, n: int, quotes: tuple[str, ...] = ()) -> Citation:
        """Source `n`: the chunk with where it stands, and the sentences quoted from it."""
        return cls(
            n, chunk.chunk_id, chunk.doc_id, chunk.title, chunk.section, chunk.page, chunk.text, quotes
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["quotes"] = list(self.quotes)
        return data


@dataclass(frozen=True, slots=True)
class Answer:
    """The assistant's reply to one question."""

    question: str
    answer: str
    refused: bool
    citations: list[Citation]
    retrieved: list[Passage]
    mode: AnswerMode = "extractive"
    notice: str | None = None
    search_query: str | None = None
    outcome: Outcome | None = None
    """Defaults to "none" when refused, else "answer"."""
    intent: Intent = "other"

    def __post_init__(self) -> None:
        if self.outcome is None:
            object.__setattr__(self, "outcome", "none" if self.refused else "answer")
        if (self.outcome == "none") != self.refused:
            raise ValueError("refused is true exactly when the outcome is 'none'")

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "refused": self.refused,
            "outcome": self.outcome,
            "intent": self.intent,
            "citations": [c.to_dict() for c in self.citations],
            "retrieved": [p.to_dict() for p in self.retrieved],
            "mode": self.mode,
            "notice": self.notice,
            "search_query": self.search_query,
        }
