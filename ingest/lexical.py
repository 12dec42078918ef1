"""BM25 over chunk texts with a Dutch analyzer (Snowball stems, stop words), stored beside the vectors."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from basics.tokens import tokenize_nl

_META_FILE = "overhoop-lexical.json"


class LexicalIndex:
    """BM25 (bm25s) over a fixed list of chunk ids; `search` returns (chunk_id, score) with score > 0."""

    def __init__(self, chunk_ids: Sequence[str], retriever: object, generation: str) -> None:
        self.chunk_ids = list(chunk_ids)
        self.generation = generation
        self._retriever = retriever
        self._vocab: dict[str, int] = getattr(retriever, "vocab_dict", {}) or {}

    @classmethod
    def build(cls, chunk_ids: Sequence[str], texts: Sequence[str], generation: str) -> LexicalIndex:
        import bm25s

        retriever = bm25s.BM25()
        # bm25s needs at least one token per document; an empty chunk gets a token nobody searches for.
        corpus = [tokenize_nl(text) or ["\x00"] for text in texts]
        if corpus:
            retriever.index(corpus, show_progress=False)
        return cls(chunk_ids, retriever, generation)

    def search(self, query: str, k: int, allowed: np.ndarray | None = None) -> list[tuple[str, float]]:
        """Top-k (chunk_id, BM25 score); `allowed` is a boolean mask over `chunk_ids` (None = all)."""
        tokens = [t for t in tokenize_nl(query) if t in self._vocab]
        if not tokens or not self.chunk_ids or k <= 0:
            return []
        scores = np.asarray(self._retriever.get_scores(tokens), dtype=np.float32)  # type: ignore[attr-defined]
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        order = np.argsort(-scores, kind="stable")[:k]
        return [(self.chunk_ids[i], float(scores[i])) for i in order if scores[i] > 0]

    def save(self, directory: Path) -> None:
        """Write atomically: build in a temporary folder beside `directory`, then swap it in."""
        directory.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".lexical-", dir=directory.parent))
        try:
            if self.chunk_ids:
                self._retriever.save(str(tmp), show_progress=False)  # type: ignore[attr-defined]
            meta = {"generation": self.generation, "chunk_ids": self.chunk_ids}
            (tmp / _META_FILE).write_text(json.dumps(meta), encoding="utf-8")
            old = directory.with_name(directory.name + ".old")
            shutil.rmtree(old, ignore_errors=True)
            # os.replace cannot replace a non-empty directory: move the old one aside first. A crash in
            # between leaves no lexical folder, which readers treat as "stale" and rebuild in memory.
            if directory.exists():
                os.replace(directory, old)
            os.replace(tmp, directory)
            shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex | None:
        """The saved index, or None when missing or unreadable (callers then rebuild it)."""
        import bm25s

        try:
            meta = json.loads((directory / _META_FILE).read_text(encoding="utf-8"))
            chunk_ids = list(meta["chunk_ids"])
            retriever = bm25s.BM25.load(str(directory), show_progress=False) if chunk_ids else bm25s.BM25()
            return cls(chunk_ids, retriever, str(meta["generation"]))
        except Exception:  # noqa: BLE001 - any damage means "rebuild", never a crash
            return None
