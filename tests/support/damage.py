"""Damage a built index on disk as a crash, a full disk or a stray tool would, for the tests that check it
is refused with the repair command."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

from ingest import store

# The damage both the store's and the command's tests inflict; "garbage registry" is the store's alone.
INDEX_DAMAGE = ("truncated sqlite", "garbage sqlite", "deleted vector folder", "overwritten vectors")


def committed_store(index_dir: Path) -> Path:
    """The chromadb folder the registry names (its `chroma.sqlite3` and one segment folder per collection)."""
    registry = json.loads((index_dir / store.REGISTRY_FILE).read_text(encoding="utf-8"))
    return index_dir / registry["vectors"]


def vector_folders(index_dir: Path) -> list[Path]:
    """chromadb's segment folders, one per collection (passages, and sentences when indexed)."""
    return sorted(p for p in committed_store(index_dir).iterdir() if p.is_dir())


def damage_index(index_dir: Path, how: str) -> None:
    """Damage the index in `index_dir` in the way `how` names (INDEX_DAMAGE or "garbage registry").

    Seeded: a test damages the same bytes every run. Release this process's chromadb clients first.
    """
    sqlite = committed_store(index_dir) / "chroma.sqlite3"
    if how == "truncated sqlite":
        with sqlite.open("r+b") as handle:
            handle.truncate(sqlite.stat().st_size // 2)
    elif how == "garbage sqlite":
        sqlite.write_bytes(random.Random(1).randbytes(sqlite.stat().st_size))
    elif how == "deleted vector folder":
        shutil.rmtree(random.Random(3).choice(vector_folders(index_dir)))
    elif how == "overwritten vectors":
        for folder in vector_folders(index_dir):
            target = folder / "data_level0.bin"
            target.write_bytes(random.Random(2).randbytes(target.stat().st_size))
    elif how == "garbage registry":
        (index_dir / store.REGISTRY_FILE).write_text("{kapot")
    else:
        raise ValueError(f"unknown damage: {how}")
