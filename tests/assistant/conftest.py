"""Fixtures shared by the assistant tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.fake_openai_server import FakeOpenAIServer


@pytest.fixture
def fake_llm() -> Iterator[FakeOpenAIServer]:
    """An OpenAI-compatible chat server on loopback with scripted replies (`fake_llm.script(...)`)."""
    with FakeOpenAIServer() as server:
        yield server
