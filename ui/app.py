"""The Streamlit chat: ask in Dutch, read a grounded answer, check every statement against its source."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

import streamlit as st

from basics.settings import Settings, apply_offline_environment, get_settings
from ingest.index import IndexUnavailable
from ui.documents_page import render_documents
from ui.render import (
    conversation_markdown,
    escape_markdown,
    highlight_quotes,
    render_answer,
    source_label,
)

apply_offline_environment()

STARTERS: dict[str, list[str]] = {
    "Professional (school, kinderopvang, welzijn)": [
        "Wat kan ik doen bij een niet-pluis-gevoel?",
        "Hoe praat ik met ouders over een ingrijpende gebeurtenis?",
        "Wat maakt een klas traumasensitief?",
    ],
    "Coach of trajectbegeleider": [
        "Welke lessen trokken de pilootprojecten over samenwerking?",
        "Wat hielp om de aanpak te verankeren in de eerstelijnszones?",
    ],
    "Evaluator of beleidsmaker": [
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

DOCUMENTS_PAGE = "Documenten"
PAGES = ["Chat", DOCUMENTS_PAGE]

NO_INDEX_HELP = "Bouw de index met `overhoop ingest` (of `overhoop ingest --rebuild`) en herlaad de pagina."
# Section paths of the research report run five headings deep; the expander label keeps the last one.
LABEL_SECTION_CHARS = 70


@st.cache_resource(show_spinner="De assistent wordt geladen…", max_entries=4)
def load_assistant(_settings: Settings, settings_key: str) -> Any:
    """One Assistant per server process and configuration: models load once, not per question or session.

    It reopens its index by itself when an ingest changed it, so a new ingest needs no restart.
    """
    from assistant.core import Assistant

    return Assistant(settings=_settings)


def main() -> None:
    st.set_page_config(page_title="OverHoop-assistent", page_icon="🧩", layout="centered")
    settings = get_settings()
    state = st.session_state
    state.setdefault("messages", [])
    state.setdefault("pending", None)

    st.title("OverHoop-assistent")
    try:
        assistant = load_assistant(settings, settings.model_dump_json())
        documents = assistant.documents()
    except IndexUnavailable as exc:  # missing or damaged index: say what to do, not a traceback
        st.error(str(exc))
        st.info(NO_INDEX_HELP)
        return
    except Exception as exc:  # noqa: BLE001 - any start-up failure is one Dutch line in the page
        st.error(f"De assistent kan niet starten: {type(exc).__name__}: {exc}")
        st.info(NO_INDEX_HELP)
        return

    page = st.sidebar.radio("Pagina", PAGES, horizontal=True, key="page")
    if page == DOCUMENTS_PAGE:
        render_documents(settings)
        return
    filters = _sidebar(documents, settings)
    if not state.messages:
        _welcome(documents)

    for message in state.messages:
        _show_message(message, settings)
    if error := state.pop("error", None):
        st.error(error)

    question = st.chat_input("Stel je vraag over de OverHoop-documenten…")
    question = question or state.pop("pending", None)
    if question:
        _answer(assistant, question, filters)


def _sidebar(documents: list[dict[str, Any]], settings: Settings) -> dict[str, list[str]]:
    with st.sidebar:
        st.subheader("Antwoordmodus")
        if settings.generative:
            st.markdown(
                f"**Generatief**: een taalmodel (`{escape_markdown(settings.llm_model or '')}`) formuleert "
                "het antwoord; elke zin wordt tegen de bronnen gecontroleerd."
            )
        else:
            st.markdown("**Extractief**: letterlijke zinnen uit de documenten, elk met zijn bron.")
        passages = sum(int(d.get("chunks") or 0) for d in documents)
        st.caption(f"Index: {len(documents)} documenten, {passages} passages.")

        st.subheader("Filter")
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
        if st.button("Nieuw gesprek", width="stretch", disabled=not st.session_state.messages):
            st.session_state.messages = []
            st.session_state.pending = None
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


def _welcome(documents: list[dict[str, Any]]) -> None:
    st.markdown(
        "Ik beantwoord vragen over **ingrijpende jeugdervaringen en ontwikkelingstrauma** met wat "
        "de documenten van het programma OverHoop zeggen. Elk antwoord verwijst naar de passage "
        "waar het vandaan komt: open de bron om ze na te lezen."
    )
    with st.expander(f"Welke documenten ken ik? ({len(documents)})"):
        for doc in documents:
            date = f" ({doc['date']})" if doc.get("date") else ""
            st.markdown(f"- {escape_markdown(doc['title'] + date)}")
    st.warning(
        "Deze assistent vervangt geen professioneel oordeel of hulpverlening. Zorgen over een kind? "
        "Bel **1712** (gratis en anoniem). Bij acuut gevaar: bel **112**.",
        icon="⚠️",
    )
    st.markdown("**Probeer bijvoorbeeld:**")
    for group, questions in STARTERS.items():
        st.caption(group)
        # A wrapping row of content-wide buttons: every question stays readable in full.
        row = st.container(horizontal=True, wrap=True, gap="small")
        for starter in questions:
            if row.button(starter, key=f"starter-{starter}", width="content"):
                st.session_state.pending = starter
                st.rerun()


def _show_message(message: dict[str, Any], settings: Settings) -> None:
    with st.chat_message(message["role"]):
        if message["role"] == "user":
            st.markdown(escape_markdown(message["content"]))
            return
        answer = message["answer"]
        if answer.get("notice"):
            st.info(answer["notice"])
        st.markdown(render_answer(message["content"]))
        _show_sources(answer)
        st.caption(_mode_caption(answer, settings))
        _feedback(message, settings)


def _mode_caption(answer: dict[str, Any], settings: Settings) -> str:
    if answer.get("mode") == "generative":
        return f"Generatief antwoord (model {settings.llm_model}), gecontroleerd tegen de bronnen."
    if answer["refused"]:
        return "Geen antwoord: de documenten zeggen hier niets over."
    if answer.get("outcome") == "partial":
        return "Gedeeltelijk antwoord: de bronnen raken je vraag, maar beantwoorden ze niet rechtstreeks."
    return "Extractief antwoord: letterlijke zinnen uit de bronnen."


def _short_section(section: str) -> str:
    """The innermost heading of a section path, cut to fit one label line."""
    last = section.split(" > ")[-1].strip()
    return last if len(last) <= LABEL_SECTION_CHARS else last[: LABEL_SECTION_CHARS - 1].rstrip() + "…"


def _expander_label(citation: dict[str, Any]) -> str:
    section = _short_section(citation.get("section") or "")
    return escape_markdown(source_label({**citation, "section": section}))


def _show_sources(answer: dict[str, Any]) -> None:
    if answer["refused"]:
        related = answer.get("retrieved") or []
        if related:
            st.caption("Mogelijk verwant (geen antwoord op je vraag):")
            for passage in related[:3]:
                with st.expander(_expander_label({**passage, "n": "~"})):
                    _section_path(passage)
                    st.markdown(escape_markdown(passage["text"]))
        return
    if answer["citations"]:
        st.caption("Bronnen (open een bron om de passage te lezen; de geciteerde zinnen staan vet)")
    for citation in answer["citations"]:
        with st.expander(_expander_label(citation)):
            _section_path(citation)
            st.markdown(highlight_quotes(citation["text"], citation.get("quotes") or []))


def _section_path(passage: dict[str, Any]) -> None:
    """Where the passage sits in its document: the headings above the one in the label."""
    outer = (passage.get("section") or "").split(" > ")[:-1]
    if outer:
        st.caption(escape_markdown(" > ".join(outer)))


def _feedback(message: dict[str, Any], settings: Settings) -> None:
    if message.get("feedback_saved"):
        st.caption("Bedankt voor je feedback.")
        return
    key = message["id"]
    rating = st.feedback("thumbs", key=f"rating-{key}")
    if rating is None:
        return
    comment = st.text_input("Opmerking (optioneel)", key=f"comment-{key}")
    st.caption("Met je feedback worden je vraag en dit antwoord bewaard in de datamap op deze computer.")
    if st.button("Feedback versturen", key=f"send-{key}"):
        record = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "rating": "up" if rating == 1 else "down",
            "comment": comment,
            "question": message["answer"].get("question") or "",
            "answer": message["content"],
            "mode": message["answer"].get("mode"),
            "sources": [source_label(c) for c in message["answer"]["citations"]],
        }
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        with (settings.data_dir / "feedback.jsonl").open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        message["feedback_saved"] = True
        st.rerun()


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

    try:
        with st.chat_message("assistant"), st.spinner("Ik zoek in de documenten…"):
            if get_settings().generative:
                # The model's raw text is shown while it streams, but only as a draft: the answer that
                # stays is the one whose citations were checked (unsupported sentences removed).
                st.caption("Concept, de bronnen worden nog nagekeken…")
            st.write_stream(pieces())
    except IndexUnavailable as exc:
        state.messages.pop()
        state.error = f"{exc} {NO_INDEX_HELP}"
        st.rerun()
    answer = final["answer"].to_dict()
    state.messages.append(
        {"role": "assistant", "content": answer["answer"], "answer": answer, "id": uuid.uuid4().hex}
    )
    st.rerun()


main()
