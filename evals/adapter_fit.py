"""Fit the query adapter (assistant/query_adapter.py) on the TUNING questions: the search vector of every
answerable question, the passages holding its gold evidence, and a 384 x 384 map kept close to the identity
that lifts those passages above all others (softmax over every passage, temperature TEMPERATURE, L2 pull
STRENGTH towards the identity). Cross-validated figures over questions show what holds, and the ranker and
the decision are fitted after it with each tuning question searched by the adapter fitted without it
(`AdapterFit.cross_fitted`).

Never pass the held-out set (evals/questions/heldout/) to anything here: `collect` refuses items whose id
marks them as held-out.

Settings chosen by 5-fold cross-validation (two shuffles) on the 316 answerable tuning questions, passage
list alone, hit@5 / MRR (fused order without adapter 0.554 / 0.423), 400 steps:
- TEMPERATURE 0.05: STRENGTH 0.01 -> 0.58-0.62 / 0.46-0.47, 0.03 -> 0.60-0.63 / 0.48-0.49, 0.1 -> 0.60-0.62
  / 0.47-0.48; weaker pulls (1e-3, 1e-4) overfit (MRR 0.41-0.43 at 150 steps).
- TEMPERATURE 0.1 -> 0.58 / 0.45; 0.02 -> 0.64-0.66 / 0.52; 0.01 -> 0.64-0.66 / 0.53 (STRENGTH 0.03 or
  0.1); 0.005 -> 0.62-0.64 / 0.52. Kept: 0.01 with the stronger pull, 0.1.

Chosen again on 2026-12-02 on the 616 answerable tuning questions (888 in all), with folds that keep each
slice of questions written together in one fold (5 folds: what a blind slice sees), passage list alone,
hit@1 / hit@5 / MRR (plain 0.323 / 0.575 / 0.436), TEMPERATURE 0.01, 400 steps:
- STRENGTH 1.0 -> 0.472 / 0.726 / 0.588; 0.3 -> 0.531 / 0.758 / 0.635; 0.1 -> 0.555 / 0.771 / 0.656 (200 and
  800 steps the same); 0.03 -> 0.571 / 0.782 / 0.670; 0.01 -> 0.589 / 0.787 / 0.681; 0.003 -> 0.589 / 0.797 /
  0.683 (800 steps 0.683); 0.001 -> 0.596 / 0.799 / 0.687; 0.0003 -> 0.602 / 0.791 / 0.689.
- TEMPERATURE 0.02 -> 0.558 / 0.752 / 0.655 (STRENGTH 0.1), 0.584 / 0.781 / 0.679 (0.03), 0.586 / 0.794 /
  0.680 (0.003); 0.005 -> 0.531 / 0.776 / 0.640 (0.1), 0.550 / 0.774 / 0.654 (0.03).
With twice the questions of the first choice, a weaker pull holds on slices the adapter never saw; the 400
steps at LEARNING_RATE bound the change. Kept: 0.001.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from assistant.query_adapter import QueryAdapter, mapped_unit
from evals.decision_fit import refuse_held_out
from evals.matching import evidence_hit
from evals.metrics import ranking_figures
from evals.schema import EvalItem

STRENGTH = 0.001
STEPS = 400
TEMPERATURE = 0.01
LEARNING_RATE = 1e-3
FOLDS = 5
MIN_EXAMPLES = 20


@dataclass(frozen=True, slots=True)
class Example:
    """One question's search vector (before any adapter) and the chunk positions holding its gold."""

    item_id: str
    vector: np.ndarray
    gold: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class CrossFitAdapter(QueryAdapter):
    """For fitting what comes after the adapter (ranker, decision) on the same questions: each tuning
    question's vector is mapped by the adapter fitted without it, any other vector by the full one. Fitted
    on adapted vectors of questions the adapter has learned (hit@5 0.98 on them), the ranker and the
    decision would trust the dense scores far more than unseen questions warrant."""

    held_out: Mapping[bytes, np.ndarray] = field(default_factory=dict)
    """Key of a question's vector (`vector_key`) -> the matrix fitted without that question."""

    def apply(self, vector: np.ndarray) -> np.ndarray:
        return mapped_unit(self.held_out.get(vector_key(vector), self.matrix), vector)


def vector_key(vector: np.ndarray) -> bytes:
    return np.round(np.asarray(vector, dtype=np.float32).reshape(-1), 4).tobytes()


@dataclass(frozen=True, slots=True)
class AdapterFit:
    adapter: QueryAdapter
    cross_fitted: CrossFitAdapter
    n_questions: int
    plain: dict[str, float]
    """hit@1, hit@5 and MRR of the passage list without adapter."""
    cross_validated: dict[str, float]
    """The same with adapters fitted without the questions they rank."""
    train: dict[str, float]


def collect(assistant: Any, items: Sequence[EvalItem]) -> list[Example]:
    """The search vector and gold chunks of every answerable item with evidence (history included).
    `assistant` must search without an adapter: the adapter is fitted on the embedder's own vectors."""
    refuse_held_out(item.id for item in items)
    chunks = assistant.index.chunks()
    examples = []
    for item in items:
        if not item.answerable or not item.evidence:
            continue
        gold = tuple(
            position
            for position, chunk in enumerate(chunks)
            if any(e.doc_id == chunk.doc_id and evidence_hit(e.quote, chunk.text) for e in item.evidence)
        )
        history = [{"role": t.role, "content": t.content} for t in item.history]
        vector = assistant.search_vector(item.question, history)
        if gold and vector is not None:
            examples.append(Example(item.id, vector, gold))
    return examples


def fit_matrix(
    examples: Sequence[Example], owner: np.ndarray, vectors: np.ndarray, strength: float = STRENGTH
) -> np.ndarray:
    """The map (identity plus a learned change): cross-entropy of the gold passages among all passage
    vectors (a chunk with several vectors counts each), plus `strength` times the squared change."""
    import torch

    torch.manual_seed(0)
    dim = vectors.shape[1]
    passages = torch.tensor(vectors, dtype=torch.float32)
    queries = torch.tensor(np.stack([e.vector for e in examples]), dtype=torch.float32)
    gold = torch.zeros(len(examples), len(owner), dtype=torch.bool)
    for row, example in enumerate(examples):
        gold[row] = torch.tensor(np.isin(owner, example.gold))
    change = torch.zeros(dim, dim, requires_grad=True)
    optimiser = torch.optim.Adam([change], lr=LEARNING_RATE)
    identity = torch.eye(dim)
    for _ in range(STEPS):
        optimiser.zero_grad()
        mapped = queries @ (identity + change).T
        mapped = mapped / mapped.norm(dim=1, keepdim=True)
        logits = mapped @ passages.T / TEMPERATURE
        loss = (torch.logsumexp(logits, 1) - torch.logsumexp(logits.masked_fill(~gold, -1e9), 1)).mean()
        loss = loss + strength * (change**2).sum()
        loss.backward()
        optimiser.step()
    return (identity + change).detach().numpy().astype(np.float32)


def ranking(
    examples: Sequence[Example], owner: np.ndarray, vectors: np.ndarray, matrix: np.ndarray | None
) -> dict[str, float]:
    """hit@1, hit@5 and MRR of the passage list (each chunk scored by its best vector) for the examples."""
    n_chunks = int(owner.max()) + 1 if len(owner) else 0
    relevances = []
    for example in examples:
        query = example.vector if matrix is None else mapped_unit(matrix, example.vector)
        best = np.full(n_chunks, -np.inf, dtype=np.float32)
        np.maximum.at(best, owner, vectors @ (query / np.linalg.norm(query)))
        relevances.append(np.isin(np.argsort(-best, kind="stable"), example.gold).tolist())
    return ranking_figures(relevances)


def fit_on(plain: Any, items: Sequence[EvalItem], trained_on: str) -> AdapterFit:
    """`fit` on the questions in `items` with evidence, over the index of `plain` (an Assistant that searches
    without an adapter)."""
    owner, vectors = plain.index.passage_vectors()
    return fit(collect(plain, items), owner, vectors, plain.index.embedder_id, trained_on)


def fit(
    examples: Sequence[Example],
    owner: np.ndarray,
    vectors: np.ndarray,
    embedder_id: str,
    trained_on: str,
) -> AdapterFit:
    """The adapter fitted on all examples, with the figures of cross-validation over questions."""
    if len(examples) < MIN_EXAMPLES:
        raise ValueError(f"te weinig vragen met bewijs om de zoekvector aan te passen ({len(examples)})")
    folds = np.arange(len(examples)) % FOLDS
    np.random.default_rng(0).shuffle(folds)
    held: list[Example] = []
    scores: list[dict[str, float]] = []
    without: dict[bytes, np.ndarray] = {}
    for fold in range(FOLDS):
        train = [e for e, f in zip(examples, folds, strict=True) if f != fold]
        test = [e for e, f in zip(examples, folds, strict=True) if f == fold]
        matrix = fit_matrix(train, owner, vectors)
        scores.append(ranking(test, owner, vectors, matrix))
        without.update((vector_key(e.vector), matrix) for e in test)
        held += test
    sizes = [int((folds == fold).sum()) for fold in range(FOLDS)]
    cross_validated = {
        name: sum(s[name] * n for s, n in zip(scores, sizes, strict=True)) / len(held) for name in scores[0]
    }
    matrix = fit_matrix(examples, owner, vectors)
    return AdapterFit(
        adapter=QueryAdapter(matrix, embedder_id, trained_on),
        cross_fitted=CrossFitAdapter(matrix, embedder_id, trained_on, without),
        n_questions=len(examples),
        plain=ranking(examples, owner, vectors, None),
        cross_validated=cross_validated,
        train=ranking(examples, owner, vectors, matrix),
    )
