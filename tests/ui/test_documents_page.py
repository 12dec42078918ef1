"""The Documenten page through AppTest: the list and its filter, the upload form, remove with a
confirmation, duplicate content, the name-masking option and a bad file, over the tiny test index."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from basics.settings import Settings
from ingest.added import list_documents
from ingest.pipeline import writer_lock
from ingest.store import read_registry
from tests.support.documents import write_encrypted_pdf

APP = Path(__file__).resolve().parents[2] / "ui" / "app.py"
REPORT = (
    "Trajectrapportage Lokeren 2025\n\n"
    "De kangoeroemethode hielp zeventien gezinnen in Lokeren om na een verhuis weer rust te vinden.\n\n"
    "Casus\n\nLotte Peeters (9 jaar) woont bij haar mama Sarah De Smet. Juf Annelies Claes van basisschool "
    "De Regenboog besprak haar zorgen met het CLB. Bel 0471 70 46 29.\n"
)


def _documents_page() -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=60)
    app.run()
    assert not app.exception, app.exception
    app.radio(key="page").set_value("Documenten").run()
    assert not app.exception, app.exception
    return app


def _rows(app: AppTest) -> list[dict]:
    if not app.dataframe:
        return []
    return app.dataframe[0].value.to_dict("records")


def _upload(app: AppTest, name: str, data: bytes, mime: str = "text/plain", **fields: str) -> AppTest:
    app.file_uploader[0].set_value((name, data, mime)).run()
    assert not app.exception, app.exception
    for key, value in fields.items():
        app.text_input(key=f"{key}-0").set_value(value)
    return app


def _submit(app: AppTest) -> AppTest:
    [submit] = [b for b in app.button if b.label == "Toevoegen"]
    submit.click().run()
    assert not app.exception, app.exception
    return app


def _messages(app: AppTest) -> str:
    return " ".join(e.value for e in [*app.success, *app.warning, *app.error, *app.info])


def test_list_shows_shipped_documents_and_the_filter_hides_them(indexed: Settings) -> None:
    app = _documents_page()
    rows = _rows(app)
    assert {r["Titel"] for r in rows} >= {"Signalen herkennen", "Flankerend onderzoek"}
    assert {r["Herkomst"] for r in rows} == {"meegeleverd"}
    assert {"Titel", "Soort", "Organisatie", "Datum", "Passages", "Toegevoegd", "Herkomst"} <= set(rows[0])
    app.toggle(key="show_shipped").set_value(False).run()
    assert _rows(app) == [] and "Nog geen toegevoegde documenten" in _messages(app)
    assert not [b for b in app.button if b.label.startswith("Verwijderen")], "shipped documents are removable"


def test_form_is_prefilled_and_an_upload_is_listed_and_answerable(indexed: Settings) -> None:
    app = _upload(_documents_page(), "trajectrapportage-lokeren.txt", REPORT.encode())
    assert app.text_input(key="title-0").value == "Trajectrapportage Lokeren 2025"
    assert app.selectbox(key="type-0").value == "trajectrapportage"
    app.text_input(key="organisation-0").set_value("ELZ Waasland")
    app.text_input(key="date-0").set_value("2025-03")
    _submit(app)
    assert "toegevoegd" in " ".join(s.value for s in app.success), _messages(app)
    assert "passages" in _messages(app) and "contactgegevens gemaskeerd" in _messages(app)
    [row] = [r for r in _rows(app) if r["Herkomst"] == "toegevoegd"]
    assert row["Titel"] == "Trajectrapportage Lokeren 2025" and row["Organisatie"] == "ELZ Waasland"
    assert row["Soort"] == "Trajectrapportage" and row["Datum"] == "2025-03" and row["Toegevoegd"]
    # The chat of the same process finds it at once.
    app.radio(key="page").set_value("Chat").run()
    app.chat_input[0].set_value("Hoeveel gezinnen hielp de kangoeroemethode?").run()
    assert not app.exception, app.exception
    labels = [e.label for m in app.chat_message if m.name == "assistant" for e in m.expander]
    assert any("Trajectrapportage Lokeren" in label for label in labels), labels


def test_remove_asks_for_confirmation_first(indexed: Settings) -> None:
    app = _submit(_upload(_documents_page(), "rapport.txt", REPORT.encode()))
    assert any(r["Herkomst"] == "toegevoegd" for r in _rows(app))
    app.button(key="remove-ask").click().run()
    assert "verwijderen?" in " ".join(w.value for w in app.warning)
    app.button(key="remove-no").click().run()
    assert any(r["Herkomst"] == "toegevoegd" for r in _rows(app)), "cancel removed the document"
    app.button(key="remove-ask").click().run()
    app.button(key="remove-yes").click().run()
    assert not app.exception, app.exception
    assert "verwijderd" in " ".join(s.value for s in app.success)
    assert not any(r["Herkomst"] == "toegevoegd" for r in _rows(app))
    assert [d["source"] for d in list_documents(indexed)] == ["corpus"] * 5


def test_same_content_twice_is_one_dutch_message_naming_the_file(indexed: Settings) -> None:
    app = _submit(_upload(_documents_page(), "rapport.txt", REPORT.encode()))
    before = read_registry(indexed)
    app = _submit(_upload(app, "kopie-van-rapport.txt", REPORT.encode()))
    [error] = app.error
    assert error.value.startswith("kopie-van-rapport.txt:") and "al geïndexeerd" in error.value
    after = read_registry(indexed)
    assert before is not None and after is not None and after.documents.keys() == before.documents.keys()


def test_masking_option_masks_names_of_people(indexed: Settings) -> None:
    app = _upload(_documents_page(), "casus.txt", REPORT.encode())
    app.checkbox(key="mask-names").check()
    _submit(app)
    assert "contactgegevens en namen gemaskeerd" in " ".join(s.value for s in app.success), _messages(app)
    [doc] = [d for d in list_documents(indexed) if d["source"] == "added"]
    assert doc["mask_names"] and doc["masked"] >= 4
    from assistant.core import Assistant

    passages = Assistant(settings=indexed).search("Lotte juf", k=10, filters={"doc_id": [doc["doc_id"]]})
    text = " ".join(p.text for p in passages)
    assert "Lotte" not in text and "Annelies" not in text and "[naam verwijderd]" in text
    assert "De Regenboog" in text and "CLB" in text


def test_encrypted_pdf_is_one_dutch_message_and_the_index_is_unchanged(indexed: Settings, tmp_path) -> None:
    before = read_registry(indexed)
    data = write_encrypted_pdf(tmp_path / "geheim.pdf").read_bytes()
    app = _submit(_upload(_documents_page(), "geheim.pdf", data, "application/pdf"))
    [error] = app.error
    assert error.value.startswith("geheim.pdf:") and "versleutelde PDF" in error.value
    assert "zonder wachtwoord" in error.value
    assert read_registry(indexed) == before


def test_an_upload_during_another_ingest_waits_then_says_so(
    indexed: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui import documents_page

    monkeypatch.setattr(documents_page, "WAIT_SECONDS", 0.5)
    app = _upload(_documents_page(), "rapport.txt", REPORT.encode())
    before = read_registry(indexed)
    with writer_lock(indexed):
        _submit(app)
    [error] = app.error
    assert error.value.startswith("rapport.txt:") and "andere ingest" in error.value
    assert read_registry(indexed) == before
    assert not list((indexed.data_dir / "added").glob("*/metadata.json"))
