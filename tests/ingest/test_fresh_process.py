"""`in_fresh_process`: a function run in a newly started interpreter, its result, progress and failures
passed back."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest

from ingest.fresh_process import FreshProcessError, in_fresh_process

# Set by a test in this process; a forked worker would see the new value, a fresh one the default.
SEEN_BY_THIS_PROCESS = "default"


def marker() -> str:
    return SEEN_BY_THIS_PROCESS


def refuse(message: str) -> None:
    raise ValueError(message)


class _Unpicklable(Exception):
    def __init__(self, a: str, b: str) -> None:
        super().__init__(f"{a} en {b}")


def refuse_unpicklable() -> None:
    raise _Unpicklable("dit", "dat")


def count_to(n: int, on_progress: Callable[[int, int], None]) -> int:
    for done in range(1, n + 1):
        on_progress(done, n)
    return n


def chatty() -> int:
    print("a library that prints")  # noqa: T201 - must not reach the pickled replies
    return 7


def die() -> None:
    os._exit(3)


def test_the_result_comes_back_from_another_process() -> None:
    assert in_fresh_process(os.getpid) != os.getpid()
    assert in_fresh_process(chatty) == 7


def test_the_worker_starts_fresh_instead_of_copying_this_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(__import__(__name__, fromlist=["x"]), "SEEN_BY_THIS_PROCESS", "a question")
    assert marker() == "a question"
    assert in_fresh_process(marker) == "default"


def test_its_exception_is_raised_here_with_type_and_message() -> None:
    with pytest.raises(ValueError, match="^kapot bestand$"):
        in_fresh_process(refuse, "kapot bestand")
    with pytest.raises(FreshProcessError, match="_Unpicklable: dit en dat"):
        in_fresh_process(refuse_unpicklable)


def test_progress_is_reported_as_it_happens() -> None:
    seen: list[tuple[int, int]] = []
    assert in_fresh_process(count_to, 3, on_progress=lambda d, t: seen.append((d, t))) == 3
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_a_worker_that_dies_gives_a_dutch_error() -> None:
    with pytest.raises(FreshProcessError, match=r"stopte onverwacht \(exitcode 3\)"):
        in_fresh_process(die)
