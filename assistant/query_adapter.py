"""A learned linear map of the question's vector before dense and sentence search (a query adapter).

Askers and documents say the same thing in other words ("wat kan daarachter zitten" for the signals of
trauma; "blijven plakken" for verankering). The embedder (multilingual-e5-small, 4-bit) is fixed and no
better one ships its weights offline, but the gap is partly systematic, and a 384 x 384 map of the query
vector, kept close to the identity, learns it from the tuning questions and their gold passages (the
passage vectors stay as they are: nothing is re-embedded). `overhoop eval calibrate` fits it
(evals/adapter_fit.py) and writes data/query_adapter.npz; the held-out questions are never used for it.

Measured on the passage list alone (5-fold cross-validation over the 316 answerable tuning questions):
hit@5 0.554 -> 0.64-0.66, MRR 0.423 -> 0.53. The README gives the product's figures with and without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

MODEL_FILE = Path(__file__).resolve().parent / "data" / "query_adapter.npz"


@dataclass(frozen=True, slots=True)
class QueryAdapter:
    """`matrix` maps a query vector to the one that is searched with (then scaled to unit length)."""

    matrix: np.ndarray
    embedder_id: str = ""
    trained_on: str = ""

    @property
    def dim(self) -> int:
        return int(self.matrix.shape[0])

    def apply(self, vector: np.ndarray) -> np.ndarray:
        """The adapted unit vector; a vector of another dimension is returned unchanged."""
        return mapped_unit(self.matrix, vector)

    def save(self, path: Path = MODEL_FILE) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:  # a file handle: np.savez would append ".npz" to another name
            np.savez_compressed(
                handle,
                matrix=self.matrix.astype(np.float32),
                embedder_id=np.array(self.embedder_id),
                trained_on=np.array(self.trained_on),
            )

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> QueryAdapter:
        """Raises OSError or ValueError when the file is missing, damaged or not a square matrix."""
        with np.load(path, allow_pickle=False) as data:
            matrix = np.asarray(data["matrix"], dtype=np.float32)
            embedder_id, trained_on = str(data["embedder_id"]), str(data["trained_on"])
        if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1] or not np.isfinite(matrix).all():
            raise ValueError(f"{path}: geen vierkante eindige matrix")
        return cls(matrix, embedder_id, trained_on)


def mapped_unit(matrix: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """`matrix @ vector` scaled to unit length; `vector` unchanged when its dimension does not fit."""
    vector = np.asarray(vector, dtype=np.float32).reshape(-1)
    if vector.shape[0] != matrix.shape[1]:
        return vector
    mapped = matrix @ vector
    norm = float(np.linalg.norm(mapped))
    return (mapped / norm).astype(np.float32) if norm > 0 else vector


def choose_adapter(embedder_id: str, path: Path = MODEL_FILE) -> QueryAdapter | None:
    """The fitted adapter when it was fitted on vectors of this embedder; None otherwise (search then uses
    the embedder's vector as it is)."""
    try:
        adapter = QueryAdapter.load(path)
    except (OSError, ValueError, KeyError):
        return None
    return adapter if adapter.embedder_id == embedder_id else None
