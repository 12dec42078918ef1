"""The "Documenten" page of the chat: what is indexed, adding files with a short form, removing them."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path
from typing import Any

import streamlit as st

from basics.settings import Settings
from ingest.added import (
    ADDED,
    DOC_TYPES,
    AddResult,
    DocumentError,
    add_document,
    guess_metadata,
    list_documents,
    remove_document,
)
from ingest.embedders import EmbedderUnavailable
from ingest.fresh_process import FreshProcessError, in_fresh_process
from ingest.index import IndexUnavailable
from ingest.store import IngestBusy, ingest_running

UPLOAD_TYPES = ["pdf", "docx", "pptx", "txt", "md"]
DOC_TYPE_NAMES = {
    "inspiratienota": "Inspiratienota",
    "onderzoeksrapport": "Onderzoeksrapport",
    "trajectrapportage": "Trajectrapportage",
    "presentatie": "Presentatie",
    "andere": "Andere",
}
# How long an upload waits for another ingest (another upload, or `overhoop ingest`) before giving up.
WAIT_SECONDS = 600.0
# Adding and removing run in a fresh process (ingest.fresh_process): this one holds the questions asked,
# and chromadb writes bytes of its writer's memory into the vector files.
_FAILURES = (DocumentError, IngestBusy, IndexUnavailable, EmbedderUnavailable, FreshProcessError, OSError)


def render_documents(settings: Settings) -> None:
    """The whole page: results of the last upload or removal, the list, removal, then upload."""
    state = st.session_state
    state.setdefault("upload_round", 0)
    st.header("Documenten")
    for kind, text in state.pop("document_notes", []):
        (st.success if kind == "ok" else st.warning if kind == "warn" else st.error)(text)
    documents = list_documents(settings)
    _document_list(documents)
    _removal(settings, [d for d in documents if d["source"] == ADDED])
    _upload(settings)


def _document_list(documents: list[dict[str, Any]]) -> None:
    show_shipped = st.toggle("Meegeleverde documenten tonen", value=True, key="show_shipped")
    shown = [d for d in documents if show_shipped or d["source"] == ADDED]
    added = sum(d["source"] == ADDED for d in documents)
    st.caption(
        f"{len(documents)} documenten in de index ({len(documents) - added} meegeleverd, "
        f"{added} toegevoegd), {sum(d['passages'] for d in documents)} passages."
    )
    if not shown:
        st.info("Nog geen toegevoegde documenten. Voeg er hieronder een toe.")
        return
    rows = [
        {
            "Titel": d["title"],
            "Soort": DOC_TYPE_NAMES.get(d["type"], d["type"]),
            "Organisatie": d["organisation"] or "",
            "Datum": d["date"] or "",
            "Passages": d["passages"],
            "Toegevoegd": (d["added_at"] or "").replace("T", " ").rstrip("Z"),
            "Herkomst": "toegevoegd" if d["source"] == ADDED else "meegeleverd",
        }
        for d in shown
    ]
    st.dataframe(rows, hide_index=True, width="stretch")


def _removal(settings: Settings, added: list[dict[str, Any]]) -> None:
    if not added:
        return
    state = st.session_state
    titles = {d["doc_id"]: d["title"] for d in added}
    st.subheader("Verwijderen")
    st.caption(
        "Alleen toegevoegde documenten kunnen verwijderd worden; meegeleverde kun je hierboven verbergen."
    )
    pending = str(state.get("confirm_remove") or "")
    if pending in titles:
        st.warning(
            f"'{titles[pending]}' uit de index verwijderen? Het bestand wordt ook uit de datamap gewist."
        )
        yes, no = st.columns(2)
        if yes.button("Ja, verwijderen", type="primary", key="remove-yes"):
            state.pop("confirm_remove")
            try:
                passages = in_fresh_process(remove_document, pending, settings, lock_timeout=WAIT_SECONDS)
                note = ("ok", f"'{titles[pending]}' verwijderd ({passages} passages).")
            except _FAILURES as exc:
                note = ("error", str(exc))
            state.document_notes = [note]
            st.rerun()
        if no.button("Annuleren", key="remove-no"):
            state.pop("confirm_remove")
            st.rerun()
        return
    choice = st.selectbox(
        "Toegevoegd document", list(titles), format_func=lambda d: titles[d], key="remove-choice"
    )
    if st.button("Verwijderen…", key="remove-ask"):
        state.confirm_remove = choice
        st.rerun()


def _upload(settings: Settings) -> None:
    state = st.session_state
    st.subheader("Toevoegen")
    files = st.file_uploader(
        "Bestanden (PDF, DOCX, PPTX, TXT, MD)",
        type=UPLOAD_TYPES,
        accept_multiple_files=True,
        key=f"uploads-{state.upload_round}",
    )
    if not files:
        return
    with st.form(f"upload-form-{state.upload_round}"):
        fields = []
        for n, upload in enumerate(files):
            data = upload.getvalue()
            guess = _guess(upload.name, data)
            st.markdown(f"**{upload.name}**")
            title = st.text_input("Titel", value=guess.get("title", ""), key=f"title-{n}")
            left, middle, right = st.columns(3)
            doc_type = left.selectbox(
                "Soort",
                DOC_TYPES,
                index=DOC_TYPES.index(guess.get("doc_type", "andere")),
                format_func=lambda t: DOC_TYPE_NAMES[t],
                key=f"type-{n}",
            )
            organisation = middle.text_input("Organisatie", key=f"organisation-{n}")
            date = right.text_input(
                "Datum", value=guess.get("date", ""), placeholder="2025-03", key=f"date-{n}"
            )
            fields.append((upload.name, data, title, doc_type, organisation, date))
        mask_names = st.checkbox(
            "Ook namen van personen maskeren (aanbevolen voor casussen met namen van kinderen of ouders)",
            key="mask-names",
        )
        st.caption("Telefoonnummers, persoonlijke e-mailadressen en adressen worden altijd gemaskeerd.")
        submitted = st.form_submit_button("Toevoegen", type="primary")
    if submitted:
        state.document_notes = [_add_one(settings, *f, mask_names=mask_names) for f in fields]
        state.upload_round += 1  # a fresh, empty uploader after the rerun
        st.rerun()


def _guess(name: str, data: bytes) -> dict[str, str]:
    cache = st.session_state.setdefault("upload_guesses", {})
    key = f"{name}:{hashlib.sha256(data).hexdigest()}"
    if key not in cache:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / Path(name).name
            path.write_bytes(data)
            cache[key] = guess_metadata(path, name)
    return cache[key]


def _add_one(
    settings: Settings,
    name: str,
    data: bytes,
    title: str,
    doc_type: str,
    organisation: str,
    date: str,
    *,
    mask_names: bool,
) -> tuple[str, str]:
    """Ingest one uploaded file with a progress bar; ("ok" | "warn" | "error", Dutch summary line)."""
    if ingest_running(settings):
        st.info(f"{name}: er loopt al een andere ingest; deze upload wacht tot die klaar is…")
    bar = st.progress(0.0, text=f"{name}: voorbereiden…")

    def progress(done: int, total: int) -> None:
        fraction = done / total if total else 1.0
        bar.progress(fraction, text=f"{name}: {done} van {total} passages en zinnen ingebed")

    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / Path(name).name
            path.write_bytes(data)
            result = in_fresh_process(
                add_document,
                path,
                settings,
                title=title.strip() or None,
                doc_type=doc_type,
                organisation=organisation.strip() or None,
                date=date.strip() or None,
                mask_names=mask_names,
                file_name=name,
                on_progress=progress,
                lock_timeout=WAIT_SECONDS,
            )
    except _FAILURES as exc:
        text = str(exc)
        return "error", text if text.startswith(name) else f"{name}: {text}"
    return ("warn" if result.warnings else "ok"), _summary(result)


def _summary(result: AddResult) -> str:
    line = result.summary()
    if result.warnings:
        line += " Waarschuwingen: " + "; ".join(result.warnings)
    return line + " Je kunt er nu vragen over stellen."
