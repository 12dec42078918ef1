"""Sentence vectors in memory: rank chunks by their best sentence's cosine, brute force in numpy.

About 5,000 sentences of 384 dimensions (8 MB): one matrix product per query, well under a millisecond,
so no approximate index is needed and the ranking is exact.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ingest.documents import Sentence


class SentenceMatrix:
    """The sentences of a fixed list of chunks, their unit vectors, and which chunk each belongs to."""

    def __init__(self, chunk_ids: Sequence[str], sentences: Sequence[Sentence], vectors: np.ndarray) -> None:
        position = {cid: i for i, cid in enumerate(chunk_ids)}
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[0] != len(sentences):
            raise ValueError(f"need one vector per sentence, got shape {vectors.shape} for {len(sentences)}")
        if not all(s.chunk_id in position for s in sentences):
            raise ValueError("a sentence belongs to no listed chunk")
        order = sorted(range(len(sentences)), key=lambda i: (position[sentences[i].chunk_id], sentences[i].n))
        self._texts = [sentences[i].text for i in order]
        self._owner = np.array([position[sentences[i].chunk_id] for i in order], dtype=np.int64)
        matrix = vectors[np.array(order, dtype=np.int64)]
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        self._vectors = (matrix / np.where(norms > 0, norms, 1.0)).astype(np.float32)
        self._n_chunks = len(chunk_ids)
        self._spans: dict[str, tuple[int, int]] = {}
        for row, owner in enumerate(self._owner):
            start, _ = self._spans.get(chunk_ids[owner], (row, row))
            self._spans[chunk_ids[owner]] = (start, row + 1)

    def __len__(self) -> int:
        return len(self._texts)

    @property
    def dim(self) -> int:
        return int(self._vectors.shape[1])

    def rows(self) -> tuple[np.ndarray, np.ndarray]:
        """(owner, vectors): every unit vector with the position of its chunk (copies)."""
        return self._owner.copy(), self._vectors.copy()

    def best_per_chunk(self, query_vector: np.ndarray) -> np.ndarray:
        """For each chunk (in the order given at construction), its best sentence's cosine; -inf if none."""
        best = np.full(self._n_chunks, -np.inf, dtype=np.float32)
        if len(self._texts):
            np.maximum.at(best, self._owner, self._vectors @ _unit(query_vector))
        return best

    def similarities(
        self, query_vector: np.ndarray, chunk_ids: Sequence[str]
    ) -> dict[str, list[tuple[str, float]]]:
        """Each given chunk's sentences (verbatim, in order) with their cosine to the query; unknown chunks
        and chunks without embedded sentences map to an empty list."""
        query = _unit(query_vector)
        out: dict[str, list[tuple[str, float]]] = {}
        for cid in chunk_ids:
            start, end = self._spans.get(cid, (0, 0))
            scores = self._vectors[start:end] @ query
            out[cid] = [
                (self._texts[row], float(s)) for row, s in zip(range(start, end), scores, strict=True)
            ]
        return out


def top_chunks(best: np.ndarray, k: int, allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
    """(chunk position, score) of the `k` best chunks with a sentence (and allowed), best first; ties keep
    chunk order."""
    usable = np.isfinite(best) if allowed is None else np.isfinite(best) & allowed
    candidates = np.flatnonzero(usable)
    if k <= 0 or not len(candidates):
        return []
    ranked = candidates[np.argsort(-best[candidates], kind="stable")][:k]
    return [(int(i), float(best[i])) for i in ranked]


def _unit(vector: np.ndarray) -> np.ndarray:
    vector = np.asarray(vector, dtype=np.float32).reshape(-1)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector
