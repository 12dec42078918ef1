"""Stage timing of the latency benchmark: what is attributed to which stage, and the question list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.latency import (
    COMPOSITION,
    FALLBACK_QUESTIONS,
    FUSION,
    QUERY_EMBEDDING,
    TOTAL,
    StageClock,
    TimedEmbedder,
    _with_rest,
    benchmark_questions,
    patched_fusion,
    stage_breakdown,
)


class _Embedder:
    embedder_id = "fake"

    def embed_query(self, text: str) -> list[float]:
        return [float(len(text))]

    def encode_query(self, text: str) -> list[float]:
        return [1.0]


def test_clock_attributes_calls_to_their_stage_and_resets() -> None:
    clock = StageClock()
    embedder = TimedEmbedder(_Embedder(), clock)
    assert embedder.embed_query("abc") == [3.0]
    assert embedder.embedder_id == "fake"  # everything else is the wrapped object's
    taken = clock.take()
    assert set(taken) == {QUERY_EMBEDDING} and taken[QUERY_EMBEDDING] >= 0
    assert clock.take() == {}


def test_clock_records_a_stage_even_when_it_raises() -> None:
    clock = StageClock()

    def fail() -> None:
        raise RuntimeError("kapot")

    with pytest.raises(RuntimeError):
        clock.wrap("stage", fail)()
    assert "stage" in clock.take()


def test_rest_is_total_minus_stages_never_negative() -> None:
    call = _with_rest({QUERY_EMBEDDING: 0.02, FUSION: 0.01}, 0.05, COMPOSITION)
    assert call[COMPOSITION] == pytest.approx(0.02)
    assert call[TOTAL] == 0.05
    assert _with_rest({QUERY_EMBEDDING: 0.06}, 0.05, COMPOSITION)[COMPOSITION] == 0.0


def test_breakdown_is_in_milliseconds_with_missing_stages_as_zero() -> None:
    calls = [{QUERY_EMBEDDING: 0.010, COMPOSITION: 0.0, TOTAL: 0.010}, {COMPOSITION: 0.004, TOTAL: 0.004}]
    table = stage_breakdown(calls, COMPOSITION)
    assert table[QUERY_EMBEDDING]["median_ms"] == pytest.approx(5.0)
    assert table[TOTAL]["n"] == 2
    assert FUSION not in table


def test_patched_fusion_times_the_retrievers_lookup_and_restores_it() -> None:
    from assistant import retrieval

    original = retrieval.fuse_runs
    clock = StageClock()
    with patched_fusion(clock):
        assert retrieval.fuse_runs({}) == []
    assert FUSION in clock.take()
    assert retrieval.fuse_runs is original


def test_questions_come_from_single_turn_eval_items(tmp_path: Path) -> None:
    items = [
        {"question": "Eerste vraag?", "history": []},
        {"question": "Vervolgvraag?", "history": [{"role": "user", "content": "x"}]},
        {"question": "Tweede vraag?"},
    ]
    (tmp_path / "set.jsonl").write_text(
        "\n".join(json.dumps(i) for i in items) + "\nkapot\n", encoding="utf-8"
    )
    assert benchmark_questions(tmp_path) == ["Eerste vraag?", "Tweede vraag?"]
    assert benchmark_questions(tmp_path / "absent") == list(FALLBACK_QUESTIONS)
