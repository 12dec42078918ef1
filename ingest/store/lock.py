"""The index's single-writer lock in the data folder, and whether an ingest is writing the index now."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from filelock import FileLock, Timeout

from basics.settings import Settings
from ingest.index import IndexUnavailable
from ingest.store.registry import read_registry

LOCK_NAME = "ingest.lock"


class IngestBusy(RuntimeError):
    """Another ingest holds the lock."""


@contextlib.contextmanager
def writer_lock(settings: Settings, timeout: float = 30.0) -> Iterator[None]:
    """Hold the single-writer lock of the index; IngestBusy after `timeout` seconds of waiting."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(settings.data_dir / LOCK_NAME), timeout=timeout)
    try:
        lock.acquire()
    except Timeout as exc:
        raise IngestBusy(
            f"Er loopt al een andere ingest (slot {lock.lock_file}); gestopt na {timeout:.0f} s. "
            "Probeer opnieuw wanneer die klaar is."
        ) from exc
    try:
        yield
    finally:
        lock.release()


def ingest_running(settings: Settings) -> bool:
    """True while another ingest holds the writer lock (until its BM25 index and checksums are written)."""
    path = settings.data_dir / LOCK_NAME
    if not path.exists():  # never create files in the data folder just to look
        return False
    probe = FileLock(str(path), timeout=0)
    try:
        probe.acquire()
    except Timeout:
        return True
    probe.release()
    return False


def ingest_in_progress(settings: Settings) -> bool:
    """True while an ingest is writing the index: its registry says so, or it still holds the writer lock
    (after the registry is committed it still rewrites BM25; a reader loading then may see a mix).
    A reader holding a snapshot keeps answering from it and reloads once this is False."""
    if ingest_running(settings):
        return True
    try:
        registry = read_registry(settings)
    except IndexUnavailable:
        return False
    return registry is not None and registry.dirty
