"""Privacy: nothing leaves the machine (ingest, ask and the chat UI with every non-loopback connection
refused and recorded), no question text in logs, nothing written by a question unless history is on, and
contact data masked in the index by default."""

from __future__ import annotations

import json
import logging
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from assistant.core import Assistant
from assistant.history import HISTORY_FILE
from basics.settings import PROJECT_ROOT, Settings
from ingest.pipeline import ingest
from ingest.store import open_index
from tests.reliability import netguard
from tests.reliability.support import cli_env, run_overhoop
from tests.support.corpus import hashing_settings, write_corpus
from tests.support.fake_openai_server import FakeOpenAIServer
from tests.support.processes import stop
from ui.cli import CHROMIUM, CHROMIUM_ARGS, streamlit_command

# A question as a professional might type it, naming a (made-up) child: it must end up nowhere.
NAME = "Zoë-Marie Vandenbroucke"
QUESTION = f"Wat doe ik bij een niet-pluis-gevoel over {NAME} uit mijn klas?"


@pytest.fixture
def small_index(tmp_path: Path) -> Settings:
    settings = hashing_settings(tmp_path / "data", write_corpus(tmp_path / "corpus"))
    assert ingest(settings=settings, progress=False).errors == []
    return settings


# --- no outbound connection ----------------------------------------------------------------------------


@pytest.fixture
def network_guard(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """This process: non-loopback connections and lookups are refused and listed."""
    refused: list[tuple[str, str]] = []
    replaced = netguard.patches(lambda kind, target: refused.append((kind, target)))
    monkeypatch.setattr(socket, "getaddrinfo", replaced.pop("getaddrinfo"))
    for name, function in replaced.items():
        monkeypatch.setattr(socket.socket, name, function)
    return refused


def test_the_guard_refuses_and_records_what_is_not_loopback(network_guard) -> None:
    with pytest.raises(OSError), socket.create_connection(("192.0.2.1", 80), timeout=1):
        pass
    with pytest.raises(OSError):
        socket.getaddrinfo("example.org", 443)
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        socket.create_connection(server.getsockname(), timeout=1).close()
    assert [kind for kind, _ in network_guard] == ["connect", "getaddrinfo"]


def test_ingest_and_ask_in_process_make_no_outbound_connection(network_guard, tmp_path: Path) -> None:
    settings = hashing_settings(tmp_path / "data", write_corpus(tmp_path / "corpus"))
    assert ingest(settings=settings, progress=False).errors == []
    answer = Assistant(settings).ask(QUESTION)
    assert answer.answer
    assert network_guard == []


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_health(base: str, proc: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the Streamlit server stopped"
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=5) as response:
                if response.read().decode().strip() == "ok":
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError("the Streamlit server did not become healthy")


def _ask_in_browser(base: str) -> tuple[str, set[str]]:
    """Ask QUESTION in chromium; the answer text and every host the page talked to."""
    from playwright.sync_api import sync_playwright

    hosts: set[str] = set()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
            page.on("websocket", lambda ws: hosts.add(urlparse(ws.url).netloc))
            page.goto(base, timeout=120_000)
            box = page.locator("[data-testid=stChatInputTextArea]")
            box.wait_for(timeout=120_000)
            box.fill(QUESTION)
            box.press("Enter")
            reply = page.locator("[data-testid=stChatMessageContent]").nth(1)
            reply.wait_for(timeout=120_000)
            page.wait_for_function(
                "() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=120_000
            )
            text = reply.inner_text()
        finally:
            browser.close()
    return text, hosts


@pytest.mark.slow
def test_ingest_ask_and_the_chat_ui_make_no_outbound_connection(tmp_path: Path) -> None:
    settings = hashing_settings(tmp_path / "data", write_corpus(tmp_path / "corpus"))
    guard_dir = tmp_path / "guard"
    guard_dir.mkdir()
    (guard_dir / "sitecustomize.py").write_text(netguard.SITECUSTOMIZE)
    log = tmp_path / "network.jsonl"
    env = cli_env(settings, extra_pythonpath=[guard_dir], **{netguard.LOG_VARIABLE: str(log)})

    assert run_overhoop("ingest", env=env).returncode == 0
    asked = run_overhoop("ask", "--json", QUESTION, env=env)
    assert asked.returncode == 0, asked.stderr[-2000:]
    assert json.loads(asked.stdout)["answer"]

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        streamlit_command(port), env=env, cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        _wait_for_health(base, server)
        with urllib.request.urlopen(base, timeout=30) as response:
            assert response.status == 200 and b"<html" in response.read().lower()
        if CHROMIUM.exists():
            answer, hosts = _ask_in_browser(base)
            assert answer.strip()
            assert hosts == {f"127.0.0.1:{port}"}  # the page itself fetched nothing from elsewhere
    finally:
        stop(server, timeout=30)

    entries = netguard.read_log(log)
    guarded = {e["pid"] for e in entries if e["kind"] == "installed"}
    assert len(guarded) >= 3  # ingest, ask and the UI server all ran under the guard
    assert [e for e in entries if e["kind"] != "installed"] == []


# --- nothing in logs, nothing on disk ------------------------------------------------------------------


def test_asking_logs_no_question_text_even_at_debug(
    small_index: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    assistant = Assistant(small_index.model_copy(update={"refusal_threshold": 0.0}))  # answer, not refuse
    answer = assistant.ask(QUESTION)
    list(assistant.ask_stream(QUESTION))
    assert answer.citations
    assert "Vandenbroucke" not in caplog.text
    assert not any("Vandenbroucke" in str(r.args) for r in caplog.records)


def test_generative_asking_logs_no_question_text_even_at_debug(
    small_index: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    with FakeOpenAIServer() as server:
        server.script("Bespreek je zorgen met een collega [1].", "Bespreek je zorgen met een collega [1].")
        update = {"llm_base_url": server.base_url, "llm_model": "fake", "refusal_threshold": 0.0}
        settings = small_index.model_copy(update=update)
        caplog.set_level(logging.DEBUG)
        assistant = Assistant(settings)
        answer = assistant.ask(QUESTION)
        list(assistant.ask_stream(QUESTION))
        assert len(server.requests) == 2 and NAME in json.dumps(server.requests, ensure_ascii=False)
        assert caplog.records  # httpx, httpcore and openai did log at DEBUG
    assert answer.mode == "generative"
    assert "Vandenbroucke" not in caplog.text
    assert not any("Vandenbroucke" in str(r.args) for r in caplog.records)


def _files(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_asking_writes_nothing_to_the_data_directory(small_index: Settings) -> None:
    before = _files(small_index.data_dir)
    assistant = Assistant(small_index)
    assistant.ask(QUESTION)
    list(assistant.ask_stream("Wat is de zesde bouwsteen?"))
    assistant.ask("")
    assert _files(small_index.data_dir) == before


def test_history_is_kept_only_when_switched_on(small_index: Settings) -> None:
    settings = small_index.model_copy(update={"keep_history": True})
    before = _files(settings.data_dir)
    assistant = Assistant(settings)
    first = assistant.ask(QUESTION)
    streamed = list(assistant.ask_stream("Wat is de zesde bouwsteen?"))[-1]
    after = _files(settings.data_dir)
    assert set(after) - set(before) == {HISTORY_FILE}
    assert {k: v for k, v in after.items() if k != HISTORY_FILE} == before
    lines = [json.loads(line) for line in (settings.data_dir / HISTORY_FILE).read_text().splitlines()]
    assert [(r["question"], r["answer"]) for r in lines] == [
        (first.question, first.answer),
        (streamed.question, streamed.answer),
    ]


def test_keep_history_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().keep_history is False
    monkeypatch.setenv("OVERHOOP_KEEP_HISTORY", "true")
    assert Settings().keep_history is True


# --- contact data in documents -------------------------------------------------------------------------

RAPPORT = PROJECT_ROOT / "corpus" / "trajectrapportage-co-ncept-jeugdhulp-2024.txt"
PHONE = "0471 70 46 29"
EMAIL = "louise.delputte@conceptjeugdhulp.be"


def test_contact_data_of_the_trajectrapportage_is_masked_in_the_index_by_default(tmp_path: Path) -> None:
    raw = " ".join(RAPPORT.read_text(encoding="utf-8").split())
    assert PHONE in raw and EMAIL in raw

    masked = hashing_settings(tmp_path / "gemaskeerd", RAPPORT.parent)
    summary = ingest([RAPPORT], masked, progress=False)
    assert summary.masked > 0 and summary.errors == []
    assert f"{summary.masked} contactgegevens gemaskeerd" in summary.lines()[-1]
    text = " ".join(c.text for c in open_index(masked).chunks())
    assert PHONE not in text and EMAIL not in text

    kept = hashing_settings(tmp_path / "bewaard", RAPPORT.parent, mask_contacts=False)
    summary = ingest([RAPPORT], kept, progress=False)
    assert summary.masked == 0
    text = " ".join(c.text for c in open_index(kept).chunks())
    assert PHONE in text and EMAIL in text


@pytest.mark.slow
def test_overhoop_ingest_reports_the_masked_contacts(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / RAPPORT.name).write_bytes(RAPPORT.read_bytes())
    env = cli_env(hashing_settings(tmp_path / "data", corpus))
    done = run_overhoop("ingest", env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    (summary,) = [line for line in done.stdout.splitlines() if "contactgegevens gemaskeerd" in line]
    assert int(summary.split(" contactgegevens gemaskeerd")[0].rsplit(" ", 1)[-1]) > 0
