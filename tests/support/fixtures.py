"""Pytest fixtures shared by every test folder (registered in tests/conftest.py): the tiny corpus indexed,
a one-document corpus for quote checks, and a fake chat server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from basics.settings import Settings
from ingest.pipeline import ingest
from tests.support.corpus import hashing_settings, write_corpus
from tests.support.fake_openai_server import FakeOpenAIServer

# One note; its quotes break across a line ("oprechte \nvraag") and a paragraph ("niet \n\nzomaar").
NOTA_TEXT = (
    "Een warme menselijke aanpak, een luisterend oor, een oprechte \nvraag, ... kan al voldoende zijn.\n\n"
    "Bestaat er een vermoeden dat een situatie niet pluis is, wuif dat voorgevoel dan niet \n\n"
    "zomaar weg, maar vertrouw op je buikgevoel en ga in gesprek.\n"
)


@pytest.fixture(scope="module")
def tiny_index(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The tiny corpus ingested with the hashing embedder, once per test module, in folders of its own."""
    root = tmp_path_factory.mktemp("tiny")
    settings = hashing_settings(root / "data", write_corpus(root / "corpus"))
    summary = ingest(settings=settings, progress=False)
    assert not summary.errors, summary.errors
    return settings


@pytest.fixture
def nota_corpus(tmp_path: Path) -> Path:
    """A corpus folder holding one document, doc_id "nota" (NOTA_TEXT)."""
    manifest = ({"file": "nota.txt", "doc_id": "nota"},)
    return write_corpus(tmp_path / "corpus", {"nota.txt": NOTA_TEXT}, manifest)


@pytest.fixture
def fake_llm() -> Iterator[FakeOpenAIServer]:
    """An OpenAI-compatible chat server on loopback with scripted replies (`fake_llm.script(...)`)."""
    with FakeOpenAIServer() as server:
        yield server
