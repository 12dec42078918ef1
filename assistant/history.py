"""The conversation's history: the earlier turns a question is read with, and the optional log of answers."""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from assistant.answer import Answer
from assistant.questions import clean_text
from basics.settings import Settings

HISTORY_FILE = "history.jsonl"
_history_lock = threading.Lock()  # one line per answer, also when many sessions share the Assistant


def clean_turns(history: Sequence[Mapping[str, str]] | None) -> list[dict[str, str]]:
    """Well-formed turns only; anything else in the history is ignored rather than fatal."""
    turns = []
    for turn in history or []:
        if not isinstance(turn, Mapping):
            continue
        role, content = turn.get("role"), turn.get("content")
        if role in ("user", "assistant") and isinstance(content, str):
            turns.append({"role": str(role), "content": clean_text(content, keep_lines=role == "assistant")})
    return turns


def keep_answer(answer: Answer, settings: Settings) -> None:
    """Only with `settings.keep_history` (OVERHOOP_KEEP_HISTORY): append the question and answer to
    data_dir/history.jsonl. Off by default: professionals' questions can describe real children."""
    if not settings.keep_history:
        return
    record = {"time": datetime.now(UTC).isoformat(timespec="seconds"), **answer.to_dict()}
    record.pop("retrieved")
    path = settings.data_dir / HISTORY_FILE
    with _history_lock:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
