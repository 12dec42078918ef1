"""Learned reranking of the fused candidates: a small linear model over what each retriever says about a
passage and how much of the question's need the passage holds, with its weights in data/ranker.json.

Reciprocal-rank fusion only sees ranks. On naturally phrased questions the gold passage was in the fused
pool for 93% (tuning) and 96% (held-out) of the questions, but first for only 46% and 44%: the ranks
ignore how far a passage trails the best cosine, whether its section heading names the subject, and
whether it holds the need's words or only the situation's. `overhoop eval calibrate` fits the weights on
the tuning questions (a logistic regression on passage relevance, strongly regularised, with
cross-validation over questions); the held-out questions are never used for it. It writes the model only
when its cross-validated MRR beats the fused order: with the query adapter (query_adapter.py) it no longer
did (0.605 against 0.610), so no ranker.json ships and `choose_ranker` keeps the fused order.

Pure: features and scores from a `Pool` (retrieval.py) and the question's terms; no index, no model load
beyond the JSON file.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assistant.answer import Intent, Passage
from assistant.retrieval import Pool
from assistant.termweights import TermWeights, weighted_coverage

MODEL_FILE = Path(__file__).resolve().parent / "data" / "ranker.json"
RUNS = ("dense", "sentences", "bm25")
# Intents whose preferred kind of document the model may learn (a lesson sits in an eindrapport, a
# practical tip in the inspiratienota); other intents get no such feature.
TYPED_INTENTS: tuple[Intent, ...] = ("practical", "lessons", "fact")
Tokenizer = Callable[[str], list[str]]
# The ranker picks the passage that leads; the rest keep their fused order. Reordering the whole pool
# ranked better (tuning MRR 0.578 -> 0.613, hit@5 0.741 -> 0.777) but the answers got worse: the composer
# quotes from several of the top passages, and the pool reordered by a pointwise relevance model brought
# in passages of one kind, so answers with an off-topic sentence rose from 0.206 to 0.252 (tuning). With
# only the lead chosen: MRR 0.599, off-topic 0.219, coverage unchanged (0.390 -> 0.391).
LEAD = 1


@dataclass(frozen=True, slots=True)
class RankQuery:
    """What the features need of the question: its need's and its own content terms (role words left
    out), its intent, and the term weights of the corpus."""

    need_terms: tuple[str, ...]
    query_terms: tuple[str, ...]
    intent: Intent
    weights: TermWeights


def features(
    pool: Pool, query: RankQuery, terms_of: Callable[[Passage], set[str]], tokenize: Tokenizer
) -> list[dict[str, float]]:
    """One feature dict per pool passage, in pool order. Ranks past the pool's depth count as depth + 1."""
    best = {run: max((s for s, _ in pool.evidence.get(run, {}).values()), default=0.0) for run in RUNS}
    missing = float(pool.depth + 1)
    rows = []
    for position, passage in enumerate(pool.passages, start=1):
        have = terms_of(passage)
        section = set(tokenize(passage.chunk.section or ""))
        row = {
            "rrf": passage.score * 60.0,
            "log_fused_rank": math.log(position),
            "cov_need": weighted_coverage(query.need_terms, have, query.weights),
            "cov_query": weighted_coverage(query.query_terms, have, query.weights),
            "sec_need": weighted_coverage(query.need_terms, section, query.weights),
            "sec_query": weighted_coverage(query.query_terms, section, query.weights),
            "log_words": math.log(1.0 + len(passage.text.split())),
        }
        for run in RUNS:
            score, rank = pool.evidence.get(run, {}).get(passage.chunk_id, (0.0, missing))
            row[f"log_{run}_rank"] = math.log(rank)
            if run == "bm25":
                row["bm25_rel"] = score / best[run] if best[run] > 0 else 0.0
            else:
                row[run] = score
                row[f"{run}_rel"] = score - best[run]
        row[f"type_{passage.chunk.doc_type}"] = 1.0
        if query.intent in TYPED_INTENTS:
            row[f"{query.intent}_x_{passage.chunk.doc_type}"] = 1.0
        rows.append(row)
    return rows


@dataclass(frozen=True, slots=True)
class RankerModel:
    """A linear score over named features (absent features count 0): higher ranks first."""

    weights: Mapping[str, float]
    bias: float = 0.0
    trained_on: str = ""
    embedder_id: str = ""
    retrieval: str = ""
    report: Mapping[str, float] = field(default_factory=dict)
    """Cross-validated and training figures of the fit, for whoever reads the file."""

    def score(self, row: Mapping[str, float]) -> float:
        return self.bias + sum(w * row.get(name, 0.0) for name, w in self.weights.items())

    def order(self, rows: Sequence[Mapping[str, float]]) -> list[int]:
        """Pool positions in the new order: the `LEAD` best-scoring first (ties: fused order), then the
        others in fused order."""
        scores = [self.score(row) for row in rows]
        lead = sorted(range(len(rows)), key=lambda i: (-scores[i], i))[:LEAD]
        return lead + [i for i in range(len(rows)) if i not in lead]

    def rerank(self, passages: Sequence[Passage], rows: Sequence[Mapping[str, float]]) -> list[Passage]:
        return [passages[i] for i in self.order(rows)]

    def to_json(self) -> str:
        data = {
            "weights": dict(sorted(self.weights.items())),
            "bias": self.bias,
            "trained_on": self.trained_on,
            "embedder_id": self.embedder_id,
            "retrieval": self.retrieval,
            "report": dict(self.report),
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> RankerModel:
        data = json.loads(text)
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        if not all(math.isfinite(w) for w in weights.values()):
            raise ValueError("ranker weights must be finite")
        return cls(
            weights=weights,
            bias=float(data.get("bias", 0.0)),
            trained_on=str(data.get("trained_on", "")),
            embedder_id=str(data.get("embedder_id", "")),
            retrieval=str(data.get("retrieval", "")),
            report={str(k): float(v) for k, v in data.get("report", {}).items()},
        )


def choose_ranker(embedder_id: str, retrieval: str, path: Path = MODEL_FILE) -> RankerModel | None:
    """The fitted ranker when it was fitted on this embedder and retrieval; else None (fused order)."""
    try:
        model = RankerModel.from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return model if model.embedder_id == embedder_id and model.retrieval == retrieval else None
