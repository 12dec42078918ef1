"""A tiny Dutch corpus ingested into the test's own data directory, with the fast hashing embedder."""

from __future__ import annotations

from pathlib import Path

import pytest

from basics.settings import Settings, get_settings
from ingest.pipeline import ingest

DOCUMENTS = {
    "signalen.txt": (
        "Signalen herkennen\n\n"
        "Een niet-pluis-gevoel is een signaal dat er iets mis kan zijn met een kind. Bespreek je zorgen met "
        "een collega of met de vertrouwensarts voor je verdere stappen zet.\n\n"
        "Bij een niet-pluis-gevoel betrek je de ouders zo vroeg mogelijk: vertel hen eerlijk en rustig wat "
        "je ziet, luister naar hun verhaal en zoek samen naar steun voor het kind.\n"
    ),
    "ouderavond.txt": (
        "Ouderavond\n\n"
        "Op de ouderavond betrekken leerkrachten de ouders bij het schoolleven. De ouders krijgen uitleg "
        "over het rapport, de uitstappen en de nieuwe speelplaats.\n"
    ),
    "onderzoek.txt": (
        "Flankerend onderzoek\n\n"
        "In de derde fase werkten zestig eerstelijnszones aan trajecten rond ontwikkelingstrauma. De "
        "zorgraden speelden een faciliterende rol bij het opzetten van de samenwerking tussen de partners.\n"
    ),
    "opmaak.txt": (
        "Opmaak in documenten\n\n"
        'Sommige documenten bevatten opmaakcode zoals <script>alert("opmaak")</script> of een '
        "![afbeelding](http://example.org/x.png) en een [link](http://example.org) of **vette** tekst; die "
        "opmaakcode mag in de chat nooit als opmaak verschijnen.\n"
    ),
}
MANIFEST = """documents:
  - file: signalen.txt
    doc_id: signalen
    title: "Signalen herkennen"
    doc_type: inspiratienota
    date: "2023-06"
  - file: ouderavond.txt
    doc_id: ouderavond
    title: "Ouderavond"
    doc_type: nota
  - file: onderzoek.txt
    doc_id: onderzoek
    title: "Flankerend onderzoek"
    doc_type: eindrapport
    date: "2025"
  - file: opmaak.txt
    doc_id: opmaak
    title: "Opmaak in documenten"
    doc_type: nota
"""
LATE_DOCUMENT = (
    "Veerkracht\n\n"
    "Veerkracht groeit wanneer een kind minstens een stabiele, warme relatie heeft met een volwassene.\n"
)
# The hashing embedder's similarities are low; the same threshold as the assistant's own end-to-end test.
REFUSAL_THRESHOLD = "0.3"


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in DOCUMENTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "manifest.yaml").write_text(MANIFEST, encoding="utf-8")
    return folder


@pytest.fixture
def ui_settings(isolated_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Environment for the app (it reads settings itself) without an index yet."""
    monkeypatch.setenv("OVERHOOP_CORPUS_DIR", str(write_corpus(tmp_path / "corpus")))
    monkeypatch.setenv("OVERHOOP_EMBEDDER", "hashing")
    monkeypatch.setenv("OVERHOOP_REFUSAL_THRESHOLD", REFUSAL_THRESHOLD)
    get_settings.cache_clear()
    return get_settings()


@pytest.fixture
def indexed(ui_settings: Settings) -> Settings:
    """The same, with the tiny corpus ingested."""
    summary = ingest(settings=ui_settings, progress=False)
    assert not summary.errors, summary.errors
    return ui_settings
