"""The tiny Dutch corpus and two documents of the UI's own, ingested into the test's own data directory with
the fast hashing embedder."""

from __future__ import annotations

from pathlib import Path

import pytest

from basics.settings import Settings, get_settings
from ingest.pipeline import ingest
from tests.support.corpus import HASHING_REFUSAL_THRESHOLD, TINY_DOCUMENTS, TINY_MANIFEST, write_corpus

# Beside the tiny corpus: a document that shares words with the questions but not their subject, and one
# full of markup that the chat must show as text.
UI_DOCUMENTS = {
    "ouderavond.txt": (
        "Ouderavond\n\n"
        "Op de ouderavond betrekken leerkrachten de ouders bij het schoolleven. De ouders krijgen uitleg "
        "over het rapport, de uitstappen en de nieuwe speelplaats.\n"
    ),
    "opmaak.txt": (
        "Opmaak in documenten\n\n"
        'Sommige documenten bevatten opmaakcode zoals <script>alert("opmaak")</script> of een '
        "![afbeelding](http://example.org/x.png) en een [link](http://example.org) of **vette** tekst; die "
        "opmaakcode mag in de chat nooit als opmaak verschijnen.\n"
    ),
}
UI_MANIFEST = (
    {"file": "ouderavond.txt", "doc_id": "ouderavond", "title": "Ouderavond", "doc_type": "nota"},
    {"file": "opmaak.txt", "doc_id": "opmaak", "title": "Opmaak in documenten", "doc_type": "nota"},
)


@pytest.fixture
def ui_settings(isolated_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Environment for the app (it reads settings itself) without an index yet."""
    corpus = write_corpus(
        tmp_path / "corpus", {**TINY_DOCUMENTS, **UI_DOCUMENTS}, (*TINY_MANIFEST, *UI_MANIFEST)
    )
    monkeypatch.setenv("OVERHOOP_CORPUS_DIR", str(corpus))
    monkeypatch.setenv("OVERHOOP_EMBEDDER", "hashing")
    monkeypatch.setenv("OVERHOOP_REFUSAL_THRESHOLD", str(HASHING_REFUSAL_THRESHOLD))
    get_settings.cache_clear()
    return get_settings()


@pytest.fixture
def indexed(ui_settings: Settings) -> Settings:
    """The same, with the tiny corpus ingested."""
    summary = ingest(settings=ui_settings, progress=False)
    assert not summary.errors, summary.errors
    return ui_settings
