"""A throwaway copy of a committed vector folder, for a reader's chromadb to open and scribble on.

chromadb rewrites HNSW files whenever a client opens a collection (length.bin always; every file while the
vectors still sit in its SQLite log), and hnswlib persists buffers it never initialised, so those files
take whatever the process's heap held before: in a process that answered questions, question text
(chroma-core/chroma#7688). A reader therefore opens a copy, in memory-backed /dev/shm where there is room,
and deletes it once its snapshot is loaded; committed folders are never opened in place by a reader.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

RAM_DIR = Path("/dev/shm")
_PREFIX = "overhoop-lezen-"


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def scratch_parent(needed: int, ram_dir: Path = RAM_DIR) -> Path | None:
    """Where copies go: the RAM disk when it exists, is writable and has twice the room needed; else the
    system temp folder (None)."""
    try:
        if ram_dir.is_dir() and os.access(ram_dir, os.W_OK) and shutil.disk_usage(ram_dir).free > 2 * needed:
            return ram_dir
    except OSError:
        pass
    return None


@contextmanager
def scratch_copy(folder: Path) -> Iterator[Path]:
    """A private copy of `folder`, deleted on exit whatever happens."""
    parent = scratch_parent(_folder_bytes(folder))
    root = Path(tempfile.mkdtemp(prefix=_PREFIX, dir=parent))
    try:
        copy = root / folder.name
        shutil.copytree(folder, copy)
        yield copy
    finally:
        shutil.rmtree(root, ignore_errors=True)
