"""The learned ranker: its features, the lead it picks, its model file, and where the assistant uses it."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from assistant.answer import Passage
from assistant.core import Assistant
from assistant.query_adapter import QueryAdapter
from assistant.ranking import RankerModel, RankQuery, choose_ranker, features
from assistant.retrieval import HybridRetriever, Pool
from assistant.termweights import TermWeights
from basics.settings import Settings
from basics.tokens import tokenize_nl
from tests.support.fake_index import FakeIndex


def _pool(index: FakeIndex, query: str) -> Pool:
    seen: list[Pool] = []

    def record(pool: Pool) -> list[Passage]:
        seen.append(pool)
        return pool.passages

    HybridRetriever(index, index.embedder).retrieve(query, k=3, reorder=record)
    return seen[0]


def _query(text: str, intent: str = "practical") -> RankQuery:
    terms = tuple(tokenize_nl(text))
    return RankQuery(terms, terms, intent, TermWeights.uniform())  # type: ignore[arg-type]


def _terms(passage: Passage) -> set[str]:
    return set(tokenize_nl(passage.text))


def test_the_pool_is_the_fused_order_with_every_retrievers_evidence() -> None:
    index = FakeIndex()
    pool = _pool(index, "zesde bouwsteen scholen")
    fused = HybridRetriever(index, index.embedder).retrieve("zesde bouwsteen scholen", k=len(index.chunks()))
    assert [p.score for p in pool.passages] == sorted((p.score for p in pool.passages), reverse=True)
    ids = [p.chunk_id for p in pool.passages]
    kept = [ids.index(p.chunk_id) for p in fused.passages]  # near-duplicates collapse after the pool
    assert kept == sorted(kept) and len(kept) < len(ids)
    assert set(pool.evidence) == {"dense", "sentences", "bm25"}
    for run in pool.evidence.values():
        assert sorted(rank for _, rank in run.values()) == list(range(1, len(run) + 1))


def test_features_say_how_much_of_the_need_a_passage_holds_and_how_far_it_trails() -> None:
    pool = _pool(FakeIndex(), "niet-pluis-gevoel vertrouwensarts")
    rows = features(pool, _query("vertrouwensarts"), _terms, tokenize_nl)
    assert len(rows) == len(pool.passages)
    by_text = {p.chunk_id: row for p, row in zip(pool.passages, rows, strict=True)}
    holding = [p for p in pool.passages if "vertrouwensarts" in p.text]
    lacking = [p for p in pool.passages if "vertrouwensarts" not in p.text]
    assert holding and lacking
    assert all(by_text[p.chunk_id]["cov_need"] == 1.0 for p in holding)
    assert all(by_text[p.chunk_id]["cov_need"] == 0.0 for p in lacking)
    assert max(row["dense_rel"] for row in rows) == 0.0 and min(row["dense_rel"] for row in rows) < 0
    assert all(row["log_fused_rank"] == math.log(i) for i, row in enumerate(rows, start=1))
    assert all(row[f"type_{p.chunk.doc_type}"] == 1.0 for p, row in zip(pool.passages, rows, strict=True))
    assert all(f"practical_x_{p.chunk.doc_type}" in row for p, row in zip(pool.passages, rows, strict=True))
    definition = features(pool, _query("vertrouwensarts", "definition"), _terms, tokenize_nl)
    assert not any(name.startswith("definition_x_") for row in definition for name in row)


def test_a_passage_past_the_evidence_depth_counts_as_not_found() -> None:
    pool = _pool(FakeIndex(), "zesde bouwsteen")
    shallow = Pool(pool.passages, {run: {} for run in pool.evidence}, depth=7)
    row = features(shallow, _query("zesde bouwsteen"), _terms, tokenize_nl)[0]
    assert row["log_dense_rank"] == row["log_bm25_rank"] == math.log(8)
    assert row["dense"] == 0.0 and row["bm25_rel"] == 0.0


def test_the_model_picks_the_lead_and_keeps_the_fused_order_after_it() -> None:
    model = RankerModel(weights={"signal": 1.0})
    rows = [{"signal": 0.1}, {"signal": 0.5}, {}, {"signal": 0.9}, {"signal": 0.9}]
    assert model.order(rows) == [3, 0, 1, 2, 4]  # the first of two equal best leads
    assert model.order([{}, {}, {}]) == [0, 1, 2]


def test_the_model_file_round_trips_and_refuses_bad_weights(tmp_path: Path) -> None:
    model = RankerModel(
        {"a": 0.5, "b": -2.0}, bias=0.25, embedder_id="e", retrieval="hybrid", report={"x": 1}
    )
    again = RankerModel.from_json(model.to_json())
    assert again == model
    with pytest.raises(ValueError):
        RankerModel.from_json('{"weights": {"a": NaN}}')
    path = tmp_path / "ranker.json"
    path.write_text(model.to_json(), encoding="utf-8")
    assert choose_ranker("e", "hybrid", path) == model
    assert choose_ranker("other-embedder", "hybrid", path) is None
    assert choose_ranker("e", "dense", path) is None
    path.write_text("{kapot", encoding="utf-8")
    assert choose_ranker("e", "hybrid", path) is None


def _assistant(tmp_path: Path, ranker: RankerModel | None = None, **options: object) -> Assistant:
    index = FakeIndex()
    settings = Settings(data_dir=tmp_path, refusal_threshold=0.3, **options)  # type: ignore[arg-type]
    return Assistant(settings, index=index, embedder=index.embedder, ranker=ranker)


def test_the_assistant_leads_with_the_passage_the_ranker_picks(tmp_path: Path) -> None:
    question = "Wat kan ik doen bij een niet-pluis-gevoel over een kind?"
    plain = _assistant(tmp_path)
    assert plain.ranker is None and not plain.retrieval_config.endswith(
        "+ranker"
    )  # fitted on another embedder
    fused = plain.search(question, k=5)
    # A ranker that prefers the eindrapport: its passage leads, the others follow in fused order.
    ranked = _assistant(tmp_path, RankerModel({"type_eindrapport": 1.0}))
    assert ranked.retrieval_config.endswith("+ranker")
    passages = ranked.search(question, k=5)
    assert passages[0].doc_id == "eindrapport" and fused[0].doc_id != "eindrapport"
    rest = [p.chunk_id for p in passages[1:]]
    assert rest == [p.chunk_id for p in fused if p.chunk_id != passages[0].chunk_id][: len(rest)]
    assert ranked.ask(question).retrieved[0].doc_id == "eindrapport"
    off = _assistant(tmp_path, None, rerank=False)
    assert off.ranker is None


def test_a_follow_up_is_reordered_but_never_fitted_on(tmp_path: Path) -> None:
    history = [
        {"role": "user", "content": "Wat kan ik doen bij een niet-pluis-gevoel over een kind?"},
        {"role": "assistant", "content": "Vertrouw op je buikgevoel en ga in gesprek [1]."},
    ]
    ranked = _assistant(tmp_path, RankerModel({"type_eindrapport": 1.0}))
    plain = _assistant(tmp_path)
    follow_up = "En wat zegt het onderzoek daarover?"
    # The ranker is fitted on first questions only ...
    assert ranked.ranking_rows(follow_up, history) == ([], [])
    passages, rows = ranked.ranking_rows("Wat is ontwikkelingstrauma?", history)
    assert passages and len(rows) == len(passages)
    # ... and reorders a follow-up's passages all the same (its resolved query is what it ranks for).
    fused = [p.doc_id for p in plain.ask(follow_up, history=history).retrieved]
    reordered = [p.doc_id for p in ranked.ask(follow_up, history=history).retrieved]
    assert "eindrapport" in fused and fused[0] != "eindrapport"
    assert reordered[0] == "eindrapport"


def test_the_shipped_ranker_fits_the_shipped_decision() -> None:
    """The decision was fitted with the ranker in use, or without one when calibrate shipped none (a ranker
    that does not beat the fused order in cross-validation is not shipped)."""
    from assistant.decision import load_model

    decision = load_model()
    ranker = choose_ranker(decision.embedder_id, decision.retrieval.removesuffix("+ranker"))
    if decision.retrieval.endswith("+ranker"):
        assert ranker is not None and ranker.weights
        assert ranker.report["cross_validated_mrr"] > ranker.report["fused_mrr"]
    else:
        assert ranker is None


def test_the_query_adapter_is_used_only_when_it_fits_and_is_wanted(tmp_path: Path) -> None:
    question = "Wat kan ik doen bij een niet-pluis-gevoel over een kind?"
    plain = _assistant(tmp_path)
    assert plain.adapter is None  # the shipped adapter was fitted on another embedder
    assert "+adapter" not in plain.retrieval_config
    vector = plain.search_vector(question)
    assert vector is not None and vector.shape == (plain.index.embedder.dim,)  # type: ignore[attr-defined]
    index = FakeIndex()
    adapter = QueryAdapter(np.eye(index.embedder.dim, dtype=np.float32), index.embedder_id)
    settings = Settings(data_dir=tmp_path, refusal_threshold=0.3)
    adapted = Assistant(settings, index=index, embedder=index.embedder, adapter=adapter)
    assert adapted.adapter is adapter and "+adapter" in adapted.retrieval_config
    # The identity map finds what the plain vector finds.
    assert [p.chunk_id for p in adapted.search(question, k=3)] == [
        p.chunk_id for p in plain.search(question, k=3)
    ]
