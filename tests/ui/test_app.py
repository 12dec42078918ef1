"""The chat page driven through Streamlit's AppTest, over a tiny index built in the test's data directory."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from assistant.core import LLM_FAILED
from basics.settings import Settings, get_settings
from ingest.pipeline import ingest
from tests.support.fake_openai_server import FakeOpenAIServer, Reply

APP = Path(__file__).resolve().parents[2] / "ui" / "app.py"
LATE_DOCUMENT = (
    "Veerkracht\n\n"
    "Veerkracht groeit wanneer een kind minstens een stabiele, warme relatie heeft met een volwassene.\n"
)
NIET_PLUIS = "Wat kan ik doen bij een niet-pluis-gevoel?"
MARKER = re.compile(r"\[\d+\]")


def _start() -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=90)
    app.run()
    assert not app.exception, app.exception
    return app


def _ask(app: AppTest, question: str) -> AppTest:
    app.chat_input[0].set_value(question).run()
    assert not app.exception, app.exception
    return app


def _assistant_messages(app: AppTest) -> list:
    return [m for m in app.chat_message if m.name == "assistant"]


def _text(block) -> str:  # noqa: ANN001 - an AppTest block
    return "\n".join(md.value for md in block.markdown)


def _visible(markdown: str) -> str:
    """What a browser would show: the Markdown rendered like Streamlit does, tags stripped."""
    return html.unescape(re.sub(r"<[^>]+>", "", _html(markdown)))


def _html(markdown: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(markdown)


def _source_labels(message) -> list[str]:  # noqa: ANN001
    return [_visible(expander.label).strip() for expander in message.expander]


def test_welcome_names_documents_helplines_and_starters(indexed: Settings) -> None:
    app = _start()
    page = " ".join(md.value for md in app.markdown) + " ".join(w.value for w in app.warning)
    assert "1712" in page and "112" in page
    assert any("Welke documenten" in e.label for e in app.expander)
    assert "Signalen herkennen" in _visible(page) and "2023" in page
    assert any(b.label == NIET_PLUIS for b in app.button)
    assert app.chat_input, "no chat input on the empty screen"


def test_question_gets_an_answer_with_markers_and_expandable_sources(indexed: Settings) -> None:
    app = _ask(_start(), NIET_PLUIS)
    [answer] = _assistant_messages(app)
    text = _visible(_text(answer))
    assert MARKER.search(text), text
    labels = _source_labels(answer)
    assert labels and labels[0].startswith("[1] Signalen herkennen")
    # Every marker in the answer has a source with that number under it.
    assert {m for m in MARKER.findall(text)} <= {label.split(" ")[0] for label in labels}
    passage = _visible(_text(answer.expander[0]))
    assert "vertrouwensarts" in passage
    assert "<strong>" in _html(_text(answer.expander[0])), "quoted sentences are not highlighted"


def test_starter_question_is_answered(indexed: Settings) -> None:
    app = _start()
    next(b for b in app.button if b.label == NIET_PLUIS).click().run()
    assert not app.exception
    assert len(_assistant_messages(app)) == 1


def test_follow_up_uses_the_conversation(indexed: Settings) -> None:
    app = _ask(_ask(_start(), NIET_PLUIS), "En hoe betrek ik de ouders daarbij?")
    first, second = _assistant_messages(app)
    # Without the conversation this question's best passage is the one about the school's parents' evening.
    assert _source_labels(second)[0].startswith("[1] Signalen herkennen")
    assert "ouders" in _visible(_text(second))


def test_hostile_question_and_document_text_are_shown_as_text(indexed: Settings) -> None:
    hostile = 'Wat betekent <script>alert("x")</script> **vet** [klik](http://evil) # kop in opmaakcode?'
    app = _ask(_start(), hostile)
    for message in app.chat_message:
        blocks = [message, *message.expander]
        for block in blocks:
            html = _html(_text(block))
            for tag in ("<script", "<img", "<a ", "<h1", "<em>"):
                assert tag not in html, html
    user = next(m for m in app.chat_message if m.name == "user")
    assert _visible(_text(user)).strip() == hostile
    answer = _assistant_messages(app)[0]
    assert "alert" in _visible(_text(answer.expander[0])), "the document's code should be visible as text"


def test_document_filter_restricts_the_sources(indexed: Settings) -> None:
    app = _start()
    app.sidebar.multiselect[0].set_value(["ouderavond"]).run()
    _ask(app, "Hoe betrek ik de ouders bij een niet-pluis-gevoel?")
    labels = _source_labels(_assistant_messages(app)[0])
    assert labels and all("Ouderavond" in label for label in labels), labels


def test_type_filter_restricts_the_sources(indexed: Settings) -> None:
    app = _start()
    app.sidebar.multiselect[1].set_value(["eindrapport"]).run()
    _ask(app, "Welke rol speelden de zorgraden bij de samenwerking?")
    labels = _source_labels(_assistant_messages(app)[0])
    assert labels and all("Flankerend onderzoek" in label for label in labels), labels


def test_feedback_is_written_only_when_sent(indexed: Settings) -> None:
    feedback = indexed.data_dir / "feedback.jsonl"
    app = _ask(_start(), NIET_PLUIS)
    assert not feedback.exists()
    app.feedback[0].set_value(0).run()
    app.text_input[0].set_value("Te algemeen").run()
    assert not feedback.exists(), "feedback written before the user sent it"
    next(b for b in app.button if b.label == "Feedback versturen").click().run()
    [line] = feedback.read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert record["rating"] == "down" and record["comment"] == "Te algemeen"
    assert record["question"] == NIET_PLUIS and record["sources"]
    assert any("Bedankt" in c.value for c in app.caption)


def _files_of_the_chat(data_dir: Path) -> set[Path]:
    """Files outside the index and the embedding cache (which the fixture's ingest keeps open)."""
    stores = {data_dir / "index", data_dir / "cache"}
    return {f for f in data_dir.rglob("*") if f.is_file() and not stores & set(f.parents)}


def test_a_conversation_writes_nothing_to_the_data_directory(indexed: Settings) -> None:
    before = _files_of_the_chat(indexed.data_dir)
    app = _ask(_ask(_start(), NIET_PLUIS), "En hoe betrek ik de ouders daarbij?")
    app.feedback[0].set_value(1).run()  # a rating alone, not sent
    assert _files_of_the_chat(indexed.data_dir) == before


def test_new_conversation_clears_the_chat(indexed: Settings) -> None:
    app = _ask(_start(), NIET_PLUIS)
    assert app.chat_message
    next(b for b in app.sidebar.button if b.label == "Nieuw gesprek").click().run()
    assert not app.chat_message
    assert any(b.label == NIET_PLUIS for b in app.button), "the welcome is back"


def test_missing_index_shows_the_dutch_error(ui_settings: Settings) -> None:
    app = _start()
    assert not app.exception
    assert app.error and "overhoop ingest" in app.error[0].value
    assert "index" in app.error[0].value.lower()
    assert not app.chat_input


def test_new_ingest_is_picked_up_without_restart(indexed: Settings) -> None:
    app = _start()
    assert "veerkracht" not in app.sidebar.multiselect[0].options
    (indexed.corpus_dir / "veerkracht.txt").write_text(LATE_DOCUMENT, encoding="utf-8")
    ingest(settings=indexed, progress=False)
    app.run()
    assert "Veerkracht" in app.sidebar.multiselect[0].options
    _ask(app, "Wanneer groeit de veerkracht van een kind?")
    assert _source_labels(_assistant_messages(app)[0])[0].startswith("[1] Veerkracht")


@pytest.fixture
def generative(indexed: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as server:
        monkeypatch.setenv("OVERHOOP_LLM_BASE_URL", server.base_url)
        monkeypatch.setenv("OVERHOOP_LLM_MODEL", "proefmodel")
        get_settings.cache_clear()
        yield server


def test_generative_answer_says_so_and_names_the_model(generative: FakeOpenAIServer) -> None:
    generative.script("Een niet-pluis-gevoel is een signaal dat er iets mis kan zijn met een kind [1].")
    app = _start()
    assert "proefmodel" in " ".join(md.value for md in app.sidebar.markdown)
    [answer] = _assistant_messages(_ask(app, NIET_PLUIS))
    assert "signaal dat er iets mis kan zijn" in _visible(_text(answer))
    assert _source_labels(answer)[0].startswith("[1] Signalen herkennen")
    captions = " ".join(c.value for c in answer.caption)
    assert "Generatief" in captions and "proefmodel" in captions


def test_failed_model_falls_back_to_an_extractive_answer_and_says_so(generative: FakeOpenAIServer) -> None:
    generative.script(Reply(status=500))
    [answer] = _assistant_messages(_ask(_start(), NIET_PLUIS))
    assert any(LLM_FAILED in info.value for info in answer.info)
    assert "Extractief" in " ".join(c.value for c in answer.caption)
    assert MARKER.search(_visible(_text(answer)))


def test_models_load_once_for_all_sessions(indexed: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    import assistant.core

    made: list[object] = []
    original = assistant.core.Assistant.__init__

    def counting_init(self, *args, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        made.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(assistant.core.Assistant, "__init__", counting_init)
    first, second = _start(), _start()
    _ask(first, NIET_PLUIS)
    _ask(second, "Hoeveel eerstelijnszones werkten aan trajecten?")
    assert len(made) == 1
