"""Atomic text writes: the new content whole, nothing left beside it."""

from __future__ import annotations

from pathlib import Path

from ingest.atomic import write_text_atomic


def test_writes_and_replaces_whole_leaving_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "registry.json"
    write_text_atomic(path, '{"a": 1}')
    write_text_atomic(path, '{"a": 2, "é": "ü"}')
    assert path.read_text(encoding="utf-8") == '{"a": 2, "é": "ü"}'
    assert [p.name for p in path.parent.iterdir()] == ["registry.json"]
