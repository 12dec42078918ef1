"""Atomic writes and file hashes: the new content whole, nothing left beside it, the same hash as hashlib."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

import pytest

from ingest.files import atomic_write, file_sha256, write_text_atomic


def test_writes_and_replaces_whole_leaving_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "registry.json"
    write_text_atomic(path, '{"a": 1}')
    write_text_atomic(path, '{"a": 2, "é": "ü"}')
    assert path.read_text(encoding="utf-8") == '{"a": 2, "é": "ü"}'
    assert [p.name for p in path.parent.iterdir()] == ["registry.json"]


def test_a_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "vectors.npz"
    path.write_bytes(b"oud")
    with pytest.raises(RuntimeError), atomic_write(path, binary=True) as handle:
        handle.write(b"half")
        raise RuntimeError("killed")
    assert path.read_bytes() == b"oud"
    assert [p.name for p in tmp_path.iterdir()] == ["vectors.npz"]


def test_mode_sets_the_permissions(tmp_path: Path) -> None:
    path = tmp_path / "shipped.npz"
    with atomic_write(path, binary=True, mode=0o644) as handle:
        handle.write(b"\x00\x01")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644 and path.read_bytes() == b"\x00\x01"


def test_file_sha256_is_the_sha256_of_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "nota.pdf"
    data = bytes(range(256)) * 5000
    path.write_bytes(data)
    assert file_sha256(path) == hashlib.sha256(data).hexdigest()
