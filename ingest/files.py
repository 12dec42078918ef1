"""Files the index writes whole and compares by content: an atomic write, and the sha256 of a file."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any


@contextlib.contextmanager
def atomic_write(path: Path, binary: bool = False, mode: int | None = None) -> Iterator[IO[Any]]:
    """A handle whose content replaces `path` when the block ends without error: a temporary file in the
    same folder, synced, then renamed over `path`, so a reader sees the old file or the new, never half
    of one. `mode` sets the permission bits (the temporary file is private to its owner)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "wb" if binary else "w", encoding=None if binary else "utf-8") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def write_text_atomic(path: Path, text: str) -> None:
    """`text` as the whole new content of `path` (UTF-8), see `atomic_write`."""
    with atomic_write(path) as handle:
        handle.write(text)


def file_sha256(path: Path) -> str:
    """Hex sha256 of the file's bytes."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
