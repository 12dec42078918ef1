"""The Streamlit chat: ask in Dutch, read a grounded answer, check every statement against its source."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import streamlit as st

from assistant.settings import Settings, apply_offline_environment, get_settings
from ui.render import (
    conversation_markdown,
    escape_markdown,
    highlight_quotes,
    render_answer,
    source_label,
)

apply_offline_environment()

STARTERS: dict[str, list[str]] = {
    "Professional": [
        "Wat kan ik doen bij een niet-pluis-gevoel?",
        "Hoe praat ik met ouders over een ingrijpende gebeurtenis?",
        "Wat maakt een klas traumasensitief?",
    ],
    "Coach": [
        "Welke lessen trokken de pilootprojecten over samenwerking?",
        "Wat hielp om de aanpak te verankeren in de eerstelijnszones?",
    ],
    "Evaluator": [
        "Hoeveel eerstelijnszones deden mee aan de brede uitrol?",
        "Wat waren de acht bouwstenen?",
    ],
}

DOC_TYPE_LABELS = {
    "inspiratienota": "Inspiratienota",
    "eindrapport": "Eindrapport",
    "trajectrapportage": "Trajectrapportage",
    "presentatie": "Presentatie",
    "nota": "Nota",
}


@st.cache_resource(show_spinner="De assistent wordt geladen…")
def load_assistant() -> Any:
    """One Assistant per server process: models load once, not per question or per session."""
    from assistant import Assistant

    return Assistant(settings=get_settings())


def main() -> None:
    st.set_page_config(page_title="OverHoop-assistent", page_icon="🧩", layout="centered")
    settings = get_settings()
    state = st.session_state
    state.setdefault("messages", [])
    state.setdefault("pending", None)

    try:
        assistant = load_assistant()
    except Exception as exc:  # the index is missing or damaged: say what to do, not a traceback
        st.error(f"De assistent kan niet starten: {exc}")
        st.info("Bouw de index met `overhoop ingest` (of `overhoop ingest --rebuild`) en herlaad de pagina.")
        return

    filters = _sidebar(assistant, settings)
    st.title("OverHoop-assistent")
    if not state.messages:
        _welcome(assistant)

    for index, message in enumerate(state.messages):
        _show_message(index, message, settings)

    question = st.chat_input("Stel je vraag over de OverHoop-documenten…")
    question = question or state.pop("pending", None)
    if question:
        _answer(assistant, question, filters)


def _sidebar(assistant: Any, settings: Settings) -> dict[str, list[str]]:
    with st.sidebar:
        st.subheader("Antwoordmodus")
        if settings.generative:
            st.markdown(f"Generatief, model: `{escape_markdown(settings.llm_model or '')}`")
        else:
            st.markdown("Extractief: letterlijke zinnen uit de documenten, met bron.")

        st.subheader("Filter")
        documents = assistant.documents()
        titles = {d["doc_id"]: d["title"] for d in documents}
        chosen_docs = st.multiselect(
            "Documenten", list(titles), format_func=lambda d: titles[d], placeholder="Alle documenten"
        )
        types = sorted({d["doc_type"] for d in documents})
        chosen_types = st.multiselect(
            "Soort document",
            types,
            format_func=lambda t: DOC_TYPE_LABELS.get(t, t),
            placeholder="Alle soorten",
        )

        st.subheader("Gesprek")
        if st.button("Nieuw gesprek", width="stretch"):
            st.session_state.messages = []
            st.rerun()
        st.download_button(
            "Gesprek exporteren (Markdown)",
            data=conversation_markdown(st.session_state.messages),
            file_name="overhoop-gesprek.md",
            mime="text/markdown",
            disabled=not st.session_state.messages,
            width="stretch",
        )
        st.caption(
            "Je vragen blijven op deze computer en worden niet bewaard, tenzij je zelf feedback geeft "
            "of het gesprek exporteert."
        )
    filters: dict[str, list[str]] = {}
    if chosen_docs:
        filters["doc_id"] = chosen_docs
    if chosen_types:
        filters["doc_type"] = chosen_types
    return filters


def _welcome(assistant: Any) -> None:
    st.markdown(
        "Ik beantwoord vragen over **ingrijpende jeugdervaringen en ontwikkelingstrauma** met wat "
        "de documenten van het programma OverHoop zeggen. Elk antwoord verwijst naar de passage "
        "waar het vandaan komt."
    )
    with st.expander("Welke documenten ken ik?"):
        for doc in assistant.documents():
            date = f" ({doc['date']})" if doc.get("date") else ""
            st.markdown(f"- {escape_markdown(doc['title'])}{escape_markdown(date)}")
    st.warning(
        "Deze assistent vervangt geen professioneel oordeel of hulpverlening. Zorgen over een kind? "
        "Bel **1712** (gratis en anoniem). Bij acuut gevaar: bel **112**."
    )
    st.markdown("**Probeer bijvoorbeeld:**")
    for group, questions in STARTERS.items():
        st.caption(group)
        columns = st.columns(len(questions))
        for column, starter in zip(columns, questions, strict=True):
            if column.button(starter, key=f"starter-{starter}", width="stretch"):
                st.session_state.pending = starter
                st.rerun()


def _show_message(index: int, message: dict[str, Any], settings: Settings) -> None:
    with st.chat_message(message["role"]):
        if message["role"] == "user":
            st.markdown(escape_markdown(message["content"]))
            return
        answer = message["answer"]
        if answer.get("notice"):
            st.info(answer["notice"])
        st.markdown(render_answer(message["content"]))
        _show_sources(answer)
        _feedback(index, message, settings)


def _show_sources(answer: dict[str, Any]) -> None:
    if answer["refused"]:
        related = answer.get("retrieved") or []
        if related:
            st.caption("Mogelijk verwant (geen antwoord op je vraag):")
            for passage in related[:3]:
                with st.expander(escape_markdown(source_label({**passage, "n": "~"}))):
                    st.markdown(escape_markdown(passage["text"]))
        return
    if answer["citations"]:
        st.caption("Bronnen")
    for citation in answer["citations"]:
        with st.expander(escape_markdown(source_label(citation))):
            st.markdown(highlight_quotes(citation["text"], citation.get("quotes") or []))


def _feedback(index: int, message: dict[str, Any], settings: Settings) -> None:
    if message.get("feedback_saved"):
        st.caption("Bedankt voor je feedback.")
        return
    rating = st.feedback("thumbs", key=f"rating-{index}")
    if rating is None:
        return
    comment = st.text_input("Opmerking (optioneel)", key=f"comment-{index}")
    if st.button("Feedback versturen", key=f"send-{index}"):
        question = _question_before(index)
        record = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "rating": "up" if rating == 1 else "down",
            "comment": comment,
            "question": question,
            "answer": message["content"],
            "sources": [source_label(c) for c in message["answer"]["citations"]],
        }
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        with (settings.data_dir / "feedback.jsonl").open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        message["feedback_saved"] = True
        st.rerun()


def _question_before(index: int) -> str:
    for message in reversed(st.session_state.messages[:index]):
        if message["role"] == "user":
            return str(message["content"])
    return ""


def _answer(assistant: Any, question: str, filters: dict[str, list[str]]) -> None:
    state = st.session_state
    history = [{"role": m["role"], "content": m["content"]} for m in state.messages]
    state.messages.append({"role": "user", "content": question})
    with st.chat_message("user"):
        st.markdown(escape_markdown(question))
    final: dict[str, Any] = {}

    def pieces() -> Iterator[str]:
        for item in assistant.ask_stream(question, history=history, filters=filters or None):
            if isinstance(item, str):
                yield escape_markdown(item)
            else:
                final["answer"] = item

    with st.chat_message("assistant"), st.spinner("Ik zoek in de documenten…"):
        st.write_stream(pieces())
    answer = final["answer"].to_dict()
    state.messages.append({"role": "assistant", "content": answer["answer"], "answer": answer})
    st.rerun()


main()
