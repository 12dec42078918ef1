"""Readers open a scratch copy: the committed vector folder stays byte for byte as the ingest left it."""

from __future__ import annotations

from pathlib import Path

from ingest.store import open_index, read_registry
from ingest.store.registry import vector_dir
from ingest.store.scratch import scratch_copy, scratch_parent


def _bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_opening_the_index_writes_nothing_in_the_committed_folder(built) -> None:
    settings, _docs = built
    registry = read_registry(settings)
    assert registry is not None
    folder = vector_dir(settings, registry)
    before = _bytes(folder)
    assert any(name.endswith("length.bin") for name in before)  # chromadb rewrites it on every open
    for _ in range(2):
        assert open_index(settings).chunks()
    assert _bytes(folder) == before


def test_a_scratch_copy_is_whole_and_gone_afterwards(tmp_path: Path) -> None:
    folder = tmp_path / "chroma-x"
    (folder / "seg").mkdir(parents=True)
    (folder / "seg" / "data.bin").write_bytes(b"\x01" * 100)
    with scratch_copy(folder) as copy:
        assert copy != folder and _bytes(copy) == _bytes(folder)
        (copy / "seg" / "data.bin").write_bytes(b"scribbled")
    assert not copy.exists() and not copy.parent.exists()
    assert _bytes(folder)["seg/data.bin"] == b"\x01" * 100


def test_copies_go_to_the_ram_disk_only_when_it_has_room(tmp_path: Path) -> None:
    assert scratch_parent(10, ram_dir=tmp_path) == tmp_path
    assert scratch_parent(10**15, ram_dir=tmp_path) is None
    assert scratch_parent(10, ram_dir=tmp_path / "absent") is None
