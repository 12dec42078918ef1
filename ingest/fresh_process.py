"""Run an index write in a newly started Python process, whose memory never held a user's question.

chromadb's hnswlib persists buffers it never initialised, so a vector file written by a process carries
bytes of that process's heap (chroma-core/chroma#7688). The chat answers questions that may describe a
real child; when it then adds or removes a document, the write runs here instead: a fresh interpreter
(`python -m ingest.fresh_process`, never a fork, which would copy the heap) gets the function and its
arguments pickled on stdin and sends progress, then the result or the exception, pickled on stdout.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from typing import Any, BinaryIO, TypeVar

T = TypeVar("T")
Progress = Callable[[int, int], None]


class FreshProcessError(RuntimeError):
    """The worker process died or its failure could not be passed back; the message says so in Dutch."""


def in_fresh_process(
    fn: Callable[..., T], *args: Any, on_progress: Progress | None = None, **kwargs: Any
) -> T:
    """`fn(*args, **kwargs)` run in a fresh Python process: its result, or its exception raised here.

    `fn` must be a module-level function; arguments and result must pickle. `on_progress(done, total)`, if
    given, is passed to `fn` as its `on_progress` and called here each time the worker reports."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    process = subprocess.Popen(
        [sys.executable, "-m", __name__], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write(pickle.dumps((fn, args, kwargs, on_progress is not None)))
        process.stdin.close()
    except BrokenPipeError:
        pass
    while True:
        try:
            kind, value = pickle.load(process.stdout)
        except (EOFError, pickle.UnpicklingError):
            code = process.wait()
            raise FreshProcessError(
                f"Het schrijfproces stopte onverwacht (exitcode {code}); een onderbroken schrijfbeurt laat "
                "de index zoals hij was."
            ) from None
        if kind == "progress" and on_progress is not None:
            on_progress(*value)
        elif kind == "ok":
            process.wait()
            return value  # type: ignore[no-any-return]
        elif kind == "raised":
            process.wait()
            raise value
        elif kind == "failed":
            process.wait()
            raise FreshProcessError(f"Het schrijfproces faalde: {value}")


def _send(out: BinaryIO, message: tuple[str, Any]) -> None:
    out.write(pickle.dumps(message))
    out.flush()


def _worker() -> None:
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # whatever a library prints goes to stderr, not into the pickled replies
    fn, args, kwargs, wants_progress = pickle.load(sys.stdin.buffer)
    if wants_progress:
        kwargs["on_progress"] = lambda done, total: _send(out, ("progress", (done, total)))
    try:
        result = fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - every failure goes back to the caller
        try:
            pickle.loads(pickle.dumps(exc))
        except Exception:  # noqa: BLE001 - an exception that does not survive pickling goes back as text
            _send(out, ("failed", f"{type(exc).__name__}: {exc}"))
        else:
            _send(out, ("raised", exc))
        return
    _send(out, ("ok", result))


if __name__ == "__main__":
    _worker()
