"""The LangChain retriever: passages as Documents with citation metadata, and the docs' chain run offline."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.messages import BaseMessage

from assistant.core import Assistant
from assistant.langchain_retriever import OverHoopRetriever, format_documents, passage_document
from assistant.prompts import format_passages
from basics.settings import Settings
from tests.support.fake_index import FakeIndex

DOC = Path(__file__).resolve().parents[2] / "docs" / "langchain.md"
QUESTION = "Wat kan ik doen bij een niet-pluis-gevoel?"


@pytest.fixture
def assistant(tmp_path: Path) -> Assistant:
    index = FakeIndex()
    return Assistant(Settings(data_dir=tmp_path), index=index, embedder=index.embedder)


def test_documents_are_the_searched_passages_with_their_citation_fields(assistant: Assistant) -> None:
    documents = OverHoopRetriever(assistant=assistant).invoke(QUESTION)
    passages = assistant.search(QUESTION)

    assert [d.id for d in documents] == [p.chunk_id for p in passages]
    assert len(documents) == assistant.settings.answer_k
    first, chunk = documents[0], passages[0].chunk
    assert first.page_content == chunk.text
    citation_fields = (
        "chunk_id",
        "doc_id",
        "title",
        "doc_type",
        "section",
        "page",
        "page_label",
        "region",
        "position",
    )
    assert {key: first.metadata[key] for key in citation_fields} == {
        key: getattr(chunk, key) for key in citation_fields
    }
    assert (first.metadata["score"], first.metadata["scores"]) == (passages[0].score, passages[0].scores)


def test_k_and_filters_are_honoured(assistant: Assistant) -> None:
    retriever = OverHoopRetriever(assistant=assistant, k=2, filters={"doc_id": ["eindrapport"]})
    documents = retriever.invoke("Welke rol speelden de zorgraden?")
    assert len(documents) == 2
    assert {d.metadata["doc_id"] for d in documents} == {"eindrapport"}


def test_documents_are_formatted_as_the_assistants_prompt_formats_passages(assistant: Assistant) -> None:
    passages = assistant.search(QUESTION)
    assert format_documents([passage_document(p) for p in passages]) == format_passages(passages)


class _PromptRecorder(BaseCallbackHandler):
    def __init__(self) -> None:
        self.prompts: list[list[BaseMessage]] = []

    def on_chat_model_start(
        self, serialized: dict[str, Any], messages: list[list[BaseMessage]], **_: Any
    ) -> None:
        self.prompts.extend(messages)


def test_the_chain_in_the_docs_runs_with_a_fake_chat_model(assistant: Assistant) -> None:
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) == 2  # the set-up (a real index and endpoint), then the chain
    reply = "Bespreek je zorgen met een collega of met de vertrouwensarts [1]."
    namespace: dict[str, Any] = {"assistant": assistant, "model": FakeListChatModel(responses=[reply])}

    exec(blocks[1], namespace)

    assert namespace["answer"] == reply
    recorder = _PromptRecorder()
    namespace["chain"].invoke(QUESTION, config={"callbacks": [recorder]})
    system, user = recorder.prompts[0]
    assert str(system.content).startswith("Je bent de OverHoop-assistent.")
    assert '<passage n="1" doc="inspiratienota"' in str(user.content)
    assert "niet-pluis-gevoel" in str(user.content) and QUESTION in str(user.content)
