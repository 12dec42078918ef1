"""The OverHoop assistant: hybrid retrieval and grounded Dutch answers over the programme documents."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.core import Assistant

__all__ = ["Assistant"]


def __getattr__(name: str) -> Any:
    # Lazy, so that `ingest` can import `assistant.settings` without loading the models.
    if name == "Assistant":
        from assistant.core import Assistant

        return Assistant
    raise AttributeError(name)
