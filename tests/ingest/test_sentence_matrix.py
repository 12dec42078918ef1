"""Sentence vectors in memory: chunks ranked by their best sentence, per-sentence cosines on demand."""

from __future__ import annotations

import numpy as np
import pytest

from ingest.documents import Sentence
from ingest.sentence_matrix import SentenceMatrix, top_chunks


def _unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


@pytest.fixture
def matrix() -> SentenceMatrix:
    # Given out of order on purpose: the matrix groups sentences by chunk and orders them by position.
    sentences = [
        Sentence("b", 1, "b tweede, raak"),
        Sentence("a", 0, "a eerste"),
        Sentence("a", 1, "a tweede"),
        Sentence("b", 0, "b eerste"),
    ]
    vectors = np.stack([_unit(1, 0, 0), _unit(0.6, 0.8, 0), _unit(0, 1, 0), _unit(0, 0, 1)])
    return SentenceMatrix(["a", "b", "c"], sentences, vectors * 3.0)  # not unit: normalised on load


def test_chunks_score_by_their_best_sentence(matrix: SentenceMatrix) -> None:
    best = matrix.best_per_chunk(np.array([2.0, 0.0, 0.0]))
    assert best[0] == pytest.approx(0.6) and best[1] == pytest.approx(1.0) and best[2] == -np.inf
    assert [i for i, _ in top_chunks(best, 5)] == [1, 0]  # "c" has no sentence: never returned
    assert top_chunks(best, 5, np.array([True, False, True])) == [(0, pytest.approx(0.6))]
    assert top_chunks(best, 0) == []


def test_similarities_give_each_chunks_sentences_in_order(matrix: SentenceMatrix) -> None:
    sims = matrix.similarities(np.array([0.0, 1.0, 0.0]), ["b", "a", "c", "onbekend"])
    assert list(sims) == ["b", "a", "c", "onbekend"]
    assert [t for t, _ in sims["a"]] == ["a eerste", "a tweede"]
    assert [s for _, s in sims["a"]] == pytest.approx([0.8, 1.0])
    assert [t for t, _ in sims["b"]] == ["b eerste", "b tweede, raak"]
    assert sims["c"] == [] and sims["onbekend"] == []


def test_empty_and_inconsistent_input() -> None:
    empty = SentenceMatrix(["a"], [], np.zeros((0, 3), dtype=np.float32))
    assert len(empty) == 0 and top_chunks(empty.best_per_chunk(np.ones(3)), 3) == []
    with pytest.raises(ValueError):
        SentenceMatrix(["a"], [Sentence("x", 0, "zin")], np.ones((1, 3)))
    with pytest.raises(ValueError):
        SentenceMatrix(["a"], [Sentence("a", 0, "zin")], np.ones((2, 3)))
