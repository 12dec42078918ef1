"""The Assistant end to end over the in-memory index: answers, refusals, bad questions, modes, reloads."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import assistant.generation as generation
from assistant.answer import Answer
from assistant.core import LLM_FAILED, LLM_UNCITED, REFUSAL, Assistant
from assistant.extractive import PARTIAL_OPENINGS, partial_lead_in
from assistant.questions import EMPTY_REPLY, NO_WORDS_REPLY, NOT_DUTCH_REPLY
from basics.settings import Settings
from tests.support.fake_index import FakeIndex, tiny_chunks

ANSWERABLE = "Wat kan ik doen bij een niet-pluis-gevoel over een kind?"
UNANSWERABLE = "Hoeveel kost een parkeervergunning in Gent?"


def make_assistant(tmp_path: Path, index: FakeIndex | None = None, **settings: Any) -> Assistant:
    index = index or FakeIndex()
    options: dict[str, Any] = {"data_dir": tmp_path, "refusal_threshold": 0.3, **settings}
    return Assistant(Settings(**options), index=index, embedder=index.embedder)


@pytest.fixture
def assistant(tmp_path: Path) -> Assistant:
    return make_assistant(tmp_path)


def _marker_numbers(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"\[(\d+)\]", text)}


def test_answer_quotes_the_documents_and_cites_them(assistant: Assistant) -> None:
    answer = assistant.ask(ANSWERABLE)
    assert not answer.refused and answer.mode == "extractive"
    assert "vertrouwensarts" in answer.answer
    assert answer.citations and _marker_numbers(answer.answer) == {c.n for c in answer.citations}
    for citation in answer.citations:
        assert citation.quotes and all(q in citation.text for q in citation.quotes)
    assert 1 <= len(answer.retrieved) <= assistant.settings.answer_k
    data = answer.to_dict()
    assert {"question", "answer", "refused", "citations", "retrieved"} <= set(data)
    assert {"n", "doc_id", "title", "section", "page", "text"} <= set(data["citations"][0])
    assert {"chunk_id", "doc_id", "section", "page", "score", "text"} <= set(data["retrieved"][0])


def test_unanswerable_question_is_refused_with_related_passages(assistant: Assistant) -> None:
    answer = assistant.ask(UNANSWERABLE)
    assert answer.refused and answer.answer == REFUSAL
    assert answer.citations == []
    assert answer.retrieved  # the nearest passages, shown as possibly related


def test_refusal_follows_the_threshold_not_the_wording(tmp_path: Path) -> None:
    strict = make_assistant(tmp_path, refusal_threshold=1.01)  # above any signal (0..1)
    lenient = make_assistant(tmp_path, refusal_threshold=-1.0)
    assert strict.ask(ANSWERABLE).refused
    assert not lenient.ask(UNANSWERABLE).refused


def test_decision_features_are_exposed_for_calibration(assistant: Assistant) -> None:
    on_topic = assistant.decision_features(ANSWERABLE)
    off_topic = assistant.decision_features(UNANSWERABLE)
    assert on_topic.need_coverage > off_topic.need_coverage
    assert off_topic.unknown > on_topic.unknown  # "parkeervergunning", "Gent": words no passage uses
    assert off_topic.value_missing == 1.0  # "hoeveel kost" asks for an amount no passage holds
    assert on_topic.value_missing == 0.0


def _deciding_by_need_coverage(tmp_path: Path, answer_at: float, partial_at: float) -> Assistant:
    """An assistant over the fake index whose fitted decision reads the need's coverage alone."""
    from assistant.decision import FEATURE_NAMES, DecisionModel

    n = len(FEATURE_NAMES)
    weights = [0.0] * n
    weights[FEATURE_NAMES.index("need_coverage")] = 10.0
    model = DecisionModel(
        tuple(weights), -5.0, (0.0,) * n, (1.0,) * n, answer_at, partial_at, embedder_id="x"
    )
    index = FakeIndex()
    return Assistant(Settings(data_dir=tmp_path), index=index, embedder=index.embedder, decision=model)


def test_a_fitted_decision_model_decides_three_ways(tmp_path: Path) -> None:
    made = _deciding_by_need_coverage(tmp_path, 0.5, 0.2)
    answer = made.ask(ANSWERABLE)
    assert answer.outcome == "answer" and not answer.refused and answer.intent == "practical"
    refused = made.ask(UNANSWERABLE)
    assert refused.outcome == "none" and refused.refused and refused.to_dict()["outcome"] == "none"
    partial = _deciding_by_need_coverage(tmp_path, 1.0, 0.0).ask(ANSWERABLE)
    assert partial.outcome == "partial" and not partial.refused
    assert partial.answer.startswith(PARTIAL_OPENINGS) and "(gedeeltelijk antwoord):" in partial.answer
    assert partial.citations


def test_a_question_about_a_name_the_documents_never_use_is_at_most_partial(tmp_path: Path) -> None:
    made = _deciding_by_need_coverage(tmp_path, 0.5, 0.2)
    assert made.ask(ANSWERABLE).outcome == "answer"
    elsewhere = made.ask(ANSWERABLE.rstrip("?") + " in Wallonië?")
    assert elsewhere.outcome == "partial" and "Wallonië" in elsewhere.answer.split("\n")[0]
    # The asker's own zone, named in the context and pointed at from the question, counts too.
    context = "Ik werk voor de zorgraad van ELZ Meetjesland. "
    own = made.ask(context + ANSWERABLE.replace(" ik ", " onze eerstelijnszone "))
    assert own.outcome == "partial" and "Meetjesland" in own.answer.split("\n")[0]  # says what it lacks
    assert made.ask(context + ANSWERABLE).outcome == "answer"  # where the asker works, not what they ask


@pytest.mark.parametrize(
    ("question", "reply"),
    [
        ("", EMPTY_REPLY),
        ("   \n", EMPTY_REPLY),
        ("🙂🙂?!", NO_WORDS_REPLY),
        ("What can I do for a child with trauma?", NOT_DUTCH_REPLY),
    ],
)
def test_bad_questions_get_a_clear_dutch_reply(assistant: Assistant, question: str, reply: str) -> None:
    answer = assistant.ask(question)
    assert answer.answer == reply and answer.refused and answer.citations == []


@pytest.mark.parametrize(
    "question",
    ["<script>alert(1)</script> niet-pluis-gevoel?", "**Wat** is de _zesde_ bouwsteen?\x00\x1b", "# " * 50],
)
def test_markup_and_control_characters_never_break(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert isinstance(answer.answer, str) and answer.answer
    assert "\x00" not in answer.question and "\x1b" not in answer.question


def test_overlong_question_is_capped_and_says_so(tmp_path: Path) -> None:
    assistant = make_assistant(tmp_path, max_question_chars=60)
    answer = assistant.ask("Wat kan ik doen bij een niet-pluis-gevoel? " * 20)
    assert len(answer.question) <= 60
    assert answer.notice and "60" in answer.notice


def test_follow_up_is_searched_with_the_earlier_question(assistant: Assistant) -> None:
    history = [
        {"role": "user", "content": "Wat zijn de acht bouwstenen?"},
        {"role": "assistant", "content": "..."},
    ]
    answer = assistant.ask("en die zesde?", history=history)
    assert answer.search_query and "bouwstenen" in answer.search_query
    assert "zesde bouwsteen" in answer.retrieved[0].text
    alone = assistant.ask("Wat is ontwikkelingstrauma?", history=history)
    assert alone.search_query is None


def test_malformed_history_is_ignored(assistant: Assistant) -> None:
    history: list[Any] = [None, {"role": "system", "content": "x"}, {"role": "user"}, "tekst"]
    assert not assistant.ask(ANSWERABLE, history=history).refused


def test_filters_restrict_sources(assistant: Assistant) -> None:
    answer = assistant.ask("Welke rol speelden de zorgraden?", filters={"doc_id": ["eindrapport"]})
    assert {p.doc_id for p in answer.retrieved} == {"eindrapport"}
    assert all(c.doc_id == "eindrapport" for c in answer.citations)
    empty = assistant.ask("Welke rol speelden de zorgraden?", filters={"doc_type": ["bestaat-niet"]})
    assert empty.refused and empty.citations == [] and empty.retrieved == []


def test_stream_yields_the_whole_extractive_answer_then_the_answer(assistant: Assistant) -> None:
    items = list(assistant.ask_stream(ANSWERABLE))
    assert len(items) == 2 and isinstance(items[1], Answer) and items[0] == items[1].answer


def test_index_is_reloaded_when_its_generation_changes(tmp_path: Path) -> None:
    index = FakeIndex()
    assistant = make_assistant(tmp_path, index)
    assert "vertrouwensarts" in assistant.ask(ANSWERABLE).answer
    index.replace([c for c in tiny_chunks() if "vertrouwensarts" not in c.text])
    assert all("vertrouwensarts" not in p.text for p in assistant.ask(ANSWERABLE).retrieved)


def test_bm25_mode_works_without_an_embedder(tmp_path: Path) -> None:
    index = FakeIndex()
    assistant = Assistant(
        Settings(data_dir=tmp_path, refusal_threshold=0.3), index=index, retrieval_mode="bm25"
    )
    answer = assistant.ask(ANSWERABLE)
    assert not answer.refused and index.dense_calls == 0


# --- generative mode, with the model replaced ------------------------------------------------------------


@pytest.fixture
def generative(tmp_path: Path) -> Assistant:
    return make_assistant(tmp_path, llm_base_url="http://127.0.0.1:9/v1", llm_model="test")


def _script(monkeypatch: pytest.MonkeyPatch, reply: str | Exception, calls: list[dict] | None = None) -> None:
    def fake_generate(question, passages, history, settings, on_token=None):  # noqa: ANN001, ANN202
        if calls is not None:
            calls.append({"question": question, "passages": passages})
        if isinstance(reply, Exception):
            raise reply
        for piece in reply.split(" "):
            if on_token:
                on_token(piece + " ")
        return reply

    monkeypatch.setattr(generation, "generate_answer", fake_generate)
    monkeypatch.setattr(generation, "rewrite_question", lambda question, history, settings: question)


def test_generative_answer_keeps_supported_citations_renumbered(
    generative: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[dict] = []
    probe = generative.search(ANSWERABLE)
    k = next(i for i, p in enumerate(probe, start=1) if "vertrouwensarts" in p.text)
    _script(
        monkeypatch,
        f"Bespreek je zorgen met een collega of met de vertrouwensarts voor je verdere stappen zet [{k}].",
        calls,
    )
    answer = generative.ask(ANSWERABLE)
    assert answer.mode == "generative" and not answer.refused
    assert answer.answer.count("[1]") == 1 and f"[{k}]" not in answer.answer.replace("[1]", "")
    assert [c.n for c in answer.citations] == [1]
    assert "vertrouwensarts" in answer.citations[0].text
    assert calls and len(calls[0]["passages"]) == len(answer.retrieved)


def test_generation_failure_falls_back_to_extractive_with_notice(
    generative: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    _script(monkeypatch, generation.GenerationFailed("timeout"))
    answer = generative.ask(ANSWERABLE)
    assert answer.mode == "extractive" and answer.notice == LLM_FAILED and answer.citations


def test_answer_without_valid_citations_falls_back(
    generative: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    _script(monkeypatch, "Parkeren in Gent kost veertig euro per maand [9].")
    answer = generative.ask(ANSWERABLE)
    assert answer.mode == "extractive" and answer.notice == LLM_UNCITED


def test_refusal_comes_before_the_model(generative: Assistant, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict] = []
    _script(monkeypatch, "Veertig euro [1].", calls)
    answer = generative.ask(UNANSWERABLE)
    assert answer.refused and calls == []


def test_generative_stream_yields_tokens_then_the_checked_answer(
    generative: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    reply = "Een niet-pluis-gevoel is een signaal dat er iets mis kan zijn met een kind [1]."
    _script(monkeypatch, reply)
    items = list(generative.ask_stream("Wat is een niet-pluis-gevoel?"))
    *pieces, final = items
    assert all(isinstance(p, str) for p in pieces) and len(pieces) > 1
    assert "".join(pieces).strip() == reply
    assert isinstance(final, Answer) and final.mode == "generative"


def test_generative_stream_failure_yields_the_extractive_answer(
    generative: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    _script(monkeypatch, generation.GenerationFailed("down"))
    *pieces, final = list(generative.ask_stream(ANSWERABLE))
    assert isinstance(final, Answer) and final.notice == LLM_FAILED
    assert "".join(pieces) == final.answer


def test_a_partial_answer_says_what_the_documents_leave_out() -> None:
    assert partial_lead_in("amount", ["Rustbox"]).startswith("De documenten noemen hierbij geen bedrag.")
    assert partial_lead_in("legal", []).startswith("De documenten noemen hierbij geen wettelijke regel.")
    assert partial_lead_in("current", []).startswith(
        "De documenten noemen hierbij geen actuele stand van zaken."
    )
    assert partial_lead_in(None, ["Wallonië", "resultaten"]).startswith(
        "De documenten zeggen niets specifiek over “Wallonië”, “resultaten”."
    )
    assert partial_lead_in(None, []) == PARTIAL_OPENINGS[0]
    assert partial_lead_in("items", ["stappen"]).startswith("De documenten sommen niet op wat je vraagt.")
    # The quotes hold a figure the answer decision did not find next to the subject: not certain, not absent.
    assert partial_lead_in("count", [], shown=True).startswith(
        "De documenten noemen hierbij niet met zekerheid een aantal."
    )
    assert partial_lead_in("description", []).startswith(
        "De documenten noemen dit alleen terloops en beschrijven het niet."
    )
    for text in (
        partial_lead_in("phone", []),
        partial_lead_in(None, ["x"]),
        partial_lead_in("description", []),
        partial_lead_in("amount", [], shown=True),
    ):
        assert text.startswith(PARTIAL_OPENINGS) and text.endswith("(gedeeltelijk antwoord):")
