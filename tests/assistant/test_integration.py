"""End to end over a real index: the tiny Dutch corpus (tests/support/corpus.py) ingested with the hashing
embedder."""

from __future__ import annotations

import json

import pytest

from assistant.core import REFUSAL, Assistant
from basics.settings import Settings
from ingest.pipeline import ingest


@pytest.fixture(scope="module")
def assistant(tiny_index: Settings) -> Assistant:
    return Assistant(tiny_index)


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


def test_new_ingest_is_seen_without_restarting(tiny_index: Settings) -> None:
    assistant = Assistant(tiny_index)
    assert assistant.ask("Wat zegt het over de huisartsenpraktijk en de wachtzaal?").refused
    extra = tiny_index.corpus_dir / "huisarts.txt"
    extra.write_text(
        "Huisartsen\n\nIn de huisartsenpraktijk hangt in de wachtzaal een affiche over veerkracht.\n",
        encoding="utf-8",
    )
    try:
        ingest(settings=tiny_index, progress=False)
        answer = assistant.ask("Wat zegt het over de huisartsenpraktijk en de wachtzaal?")
        assert not answer.refused and answer.citations[0].doc_id == "huisarts"
    finally:
        extra.unlink()
        ingest(settings=tiny_index, progress=False)
