"""An in-memory Index (ingest/index.py's protocol) over a few tiny Dutch documents, for assistant tests."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ingest.documents import Chunk, chunk_id_for
from ingest.embedders import HashingEmbedder
from ingest.index import Where
from ingest.lexical import LexicalIndex
from ingest.sentence_matrix import SentenceMatrix, top_chunks
from ingest.sentences import chunk_sentences, sentence_embed_text

# (doc_id, doc_type, title, section, page, text): sentences in the style of the real corpus.
TINY_CORPUS: tuple[tuple[str, str, str, str, int | None, str], ...] = (
    (
        "inspiratienota",
        "inspiratienota",
        "Samen voorbij trauma. Inspiratienota",
        "04 Acht bouwstenen",
        12,
        "04 Acht bouwstenen De nota beschrijft acht bouwstenen voor een versterkte aanpak van "
        "ontwikkelingstrauma. De zesde bouwsteen gaat over traumasensitief werken in scholen en in de "
        "kinderopvang. Leerkrachten leren signalen van stress bij kinderen herkennen en reageren met rust "
        "en verbinding. Zie ook:",
    ),
    (
        "inspiratienota",
        "inspiratienota",
        "Samen voorbij trauma. Inspiratienota",
        "Signalen herkennen",
        15,
        "Een niet-pluis-gevoel is een signaal dat er iets mis kan zijn met een kind. Bespreek je zorgen "
        "met een collega of met de vertrouwensarts voor je verdere stappen zet. Blijf o.a. in gesprek met "
        "het kind en zijn ouders, op een rustige en open manier. Noteer wat je ziet en hoort.",
    ),
    (
        "inspiratienota",
        "inspiratienota",
        "Samen voorbij trauma. Inspiratienota",
        "Inspirerende praktijken",
        40,
        "Een niet-pluis-gevoel is een signaal dat er iets mis kan zijn met een kind. Bespreek je zorgen "
        "met een collega of met de vertrouwensarts voor je verdere stappen zet. Blijf o.a. in gesprek met "
        "het kind en zijn ouders, op een rustige en open manier. Noteer wat je ziet en hoort!",
    ),
    (
        "eindrapport",
        "eindrapport",
        "Eindrapport flankerend onderzoek OverHoop",
        "7.4 Verduurzaming",
        120,
        "In de derde fase werkten zestig eerstelijnszones aan trajecten rond ontwikkelingstrauma. De "
        "zorgraden speelden een faciliterende rol bij het opzetten van de samenwerking tussen de partners. "
        "Herhaling van de boodschap bleek belangrijk voor de sensibilisering van professionals.",
    ),
    (
        "eindrapport",
        "eindrapport",
        "Eindrapport flankerend onderzoek OverHoop",
        "Inhoud",
        3,
        "7.4 Vraag naar verduurzaming ........................ 120 7.5 Discussie ................ 123",
    ),
    (
        "nota-wingg",
        "nota",
        "Samen bouwen aan een traumasensitieve jeugdhulp",
        "Werkgroep",
        None,
        "Doelstellingen De werkgroep van Co-ncept Jeugdhulp en WINGG wil de jeugdhulp traumasensitief "
        "maken. Medewerkers volgen daarvoor een e-learningtraject over trauma en veerkracht.",
    ),
)


def tiny_chunks() -> list[Chunk]:
    return [
        Chunk(
            chunk_id=chunk_id_for(doc_id, text),
            doc_id=doc_id,
            title=title,
            doc_type=doc_type,
            section=section,
            text=text,
            position=position,
            page=page,
        )
        for position, (doc_id, doc_type, title, section, page, text) in enumerate(TINY_CORPUS)
    ]


class FakeIndex:
    """Dense and sentence search over HashingEmbedder vectors and BM25 through ingest.lexical, in memory."""

    def __init__(
        self, chunks: Sequence[Chunk] | None = None, embedder: HashingEmbedder | None = None
    ) -> None:
        self.embedder = embedder or HashingEmbedder()
        self._generation = 0
        self.dense_calls = 0
        self.lexical_calls = 0
        self.sentence_calls = 0
        self.replace(list(chunks) if chunks is not None else tiny_chunks())

    def replace(self, chunks: list[Chunk]) -> None:
        """Swap the contents, as an ingest would; the generation changes."""
        self._chunks = chunks
        self._vectors = self.embedder.encode_passages([c.text for c in chunks])
        units = [(s, sentence_embed_text(c, s)) for c in chunks for s in chunk_sentences(c)]
        self._sentences = SentenceMatrix(
            [c.chunk_id for c in chunks],
            [s for s, _ in units],
            self.embedder.encode_passages([t for _, t in units]).reshape(len(units), self.embedder.dim),
        )
        self._generation += 1
        self._lexical = LexicalIndex.build(
            [c.chunk_id for c in chunks], [c.text for c in chunks], self.generation
        )

    @property
    def embedder_id(self) -> str:
        return self.embedder.embedder_id

    @property
    def generation(self) -> str:
        return f"gen-{self._generation}"

    def chunks(self) -> list[Chunk]:
        return list(self._chunks)

    def documents(self) -> Sequence[dict[str, Any]]:
        docs: dict[str, dict[str, Any]] = {}
        for c in self._chunks:
            doc = docs.setdefault(c.doc_id, {"doc_id": c.doc_id, "title": c.title, "doc_type": c.doc_type})
            doc["chunks"] = doc.get("chunks", 0) + 1
        return list(docs.values())

    def _allowed(self, where: Where | None) -> np.ndarray:
        mask = np.ones(len(self._chunks), dtype=bool)
        for key, values in (where or {}).items():
            if values:
                mask &= np.array([getattr(c, key) in values for c in self._chunks], dtype=bool)
        return mask

    def dense_search(
        self, query_vector: np.ndarray, k: int, where: Where | None = None
    ) -> list[tuple[Chunk, float]]:
        self.dense_calls += 1
        scores = self._vectors @ np.asarray(query_vector, dtype=np.float32)
        allowed = self._allowed(where)
        order = [i for i in np.argsort(-scores, kind="stable") if allowed[i]][:k]
        return [(self._chunks[i], float(scores[i])) for i in order]

    def lexical_search(self, query: str, k: int, where: Where | None = None) -> list[tuple[Chunk, float]]:
        self.lexical_calls += 1
        by_id = {c.chunk_id: c for c in self._chunks}
        return [(by_id[cid], score) for cid, score in self._lexical.search(query, k, self._allowed(where))]

    def sentence_search(
        self, query_vector: np.ndarray, k: int, where: Where | None = None
    ) -> list[tuple[Chunk, float]]:
        self.sentence_calls += 1
        best = self._sentences.best_per_chunk(np.asarray(query_vector, dtype=np.float32))
        return [(self._chunks[i], score) for i, score in top_chunks(best, k, self._allowed(where))]

    def sentence_similarities(
        self, query_vector: np.ndarray, chunk_ids: Sequence[str]
    ) -> dict[str, list[tuple[str, float]]]:
        return self._sentences.similarities(np.asarray(query_vector, dtype=np.float32), chunk_ids)

    def passage_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        vectors = np.asarray(self._vectors, dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return np.arange(len(self._chunks)), vectors / np.where(norms > 0, norms, 1.0)
