"""End to end over a real index: tiny Dutch documents ingested into tmp_path with the hashing embedder."""

from __future__ import annotations

import json

import pytest

from assistant.core import REFUSAL, Assistant
from basics.settings import Settings
from ingest.pipeline import ingest

DOCUMENTS = {
    "bouwstenen.txt": (
        "Acht bouwstenen\n\n"
        "De nota beschrijft acht bouwstenen voor een versterkte aanpak van ontwikkelingstrauma.\n\n"
        "De zesde bouwsteen gaat over traumasensitief werken in scholen en in de kinderopvang. Leerkrachten "
        "leren signalen van stress bij kinderen herkennen en reageren met rust en verbinding.\n"
    ),
    "signalen.txt": (
        "Signalen herkennen\n\n"
        "Een niet-pluis-gevoel is een signaal dat er iets mis kan zijn met een kind. Bespreek je zorgen met "
        "een collega of met de vertrouwensarts voor je verdere stappen zet. Blijf o.a. in gesprek met het "
        "kind en zijn ouders, op een rustige en open manier.\n"
    ),
    "onderzoek.txt": (
        "Flankerend onderzoek\n\n"
        "In de derde fase werkten zestig eerstelijnszones aan trajecten rond ontwikkelingstrauma. De "
        "zorgraden speelden een faciliterende rol bij het opzetten van de samenwerking tussen de partners.\n"
    ),
}
MANIFEST = """documents:
  - file: bouwstenen.txt
    doc_id: bouwstenen
    title: "Acht bouwstenen"
    doc_type: inspiratienota
  - file: signalen.txt
    doc_id: signalen
    title: "Signalen herkennen"
    doc_type: inspiratienota
  - file: onderzoek.txt
    doc_id: onderzoek
    title: "Flankerend onderzoek"
    doc_type: eindrapport
"""


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("overhoop")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in DOCUMENTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    (corpus / "manifest.yaml").write_text(MANIFEST, encoding="utf-8")
    settings = Settings(data_dir=root / "data", corpus_dir=corpus, embedder="hashing", refusal_threshold=0.3)
    ingest(settings=settings, progress=False)
    return settings


@pytest.fixture(scope="module")
def assistant(settings: Settings) -> Assistant:
    return Assistant(settings)


def test_answers_from_the_ingested_documents_with_citations(assistant: Assistant) -> None:
    answer = assistant.ask("Wat kan ik doen bij een niet-pluis-gevoel over een kind?")
    assert not answer.refused
    assert answer.citations[0].doc_id == "signalen" and answer.citations[0].title == "Signalen herkennen"
    assert "vertrouwensarts" in answer.answer
    for citation in answer.citations:
        assert all(quote in citation.text for quote in citation.quotes)
    json.dumps(answer.to_dict())  # the dict form is plain JSON


def test_refuses_what_the_documents_do_not_cover(assistant: Assistant) -> None:
    answer = assistant.ask("Hoeveel kost een parkeervergunning in Gent?")
    assert answer.refused and answer.answer == REFUSAL and answer.citations == []


def test_follow_up_and_filters_over_the_real_index(assistant: Assistant) -> None:
    history = [
        {"role": "user", "content": "Wat zijn de acht bouwstenen?"},
        {"role": "assistant", "content": "..."},
    ]
    answer = assistant.ask("en die zesde?", history=history)
    assert answer.retrieved[0].doc_id == "bouwstenen"
    filtered = assistant.ask("Welke rol speelden de zorgraden?", filters={"doc_type": ["eindrapport"]})
    assert {p.doc_id for p in filtered.retrieved} == {"onderzoek"}


def test_new_ingest_is_seen_without_restarting(settings: Settings) -> None:
    assistant = Assistant(settings)
    assert assistant.ask("Wat zegt het over de huisartsenpraktijk en de wachtzaal?").refused
    extra = settings.corpus_dir / "huisarts.txt"
    extra.write_text(
        "Huisartsen\n\nIn de huisartsenpraktijk hangt in de wachtzaal een affiche over veerkracht.\n",
        encoding="utf-8",
    )
    try:
        ingest(settings=settings, progress=False)
        answer = assistant.ask("Wat zegt het over de huisartsenpraktijk en de wachtzaal?")
        assert not answer.refused and answer.citations[0].doc_id == "huisarts"
    finally:
        extra.unlink()
        ingest(settings=settings, progress=False)
