"""An embedder that records what reaches the model, to prove what the cache saves."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ingest.embedders import HashingEmbedder


class CountingEmbedder(HashingEmbedder):
    """Records every text that reaches the model."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.seen += list(texts)
        return super().encode_passages(texts)
