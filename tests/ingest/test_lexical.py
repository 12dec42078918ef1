"""BM25 with the Dutch analyzer: inflected queries, filters and atomic persistence."""

from __future__ import annotations

import numpy as np

from ingest.lexical import LexicalIndex

TEXTS = [
    "De kinderen kregen steun van hun ouders na de ingrijpende gebeurtenis.",
    "Het budget van de eerstelijnszone werd verdeeld over acht bouwstenen.",
    "Traumasensitieve scholen leren leerkrachten signalen herkennen.",
]
IDS = ["a", "b", "c"]


def test_inflected_query_finds_its_passage() -> None:
    index = LexicalIndex.build(IDS, TEXTS, "g1")
    hits = index.search("bouwsteen budget", k=3)
    assert hits[0][0] == "b"
    assert all(score > 0 for _, score in hits)


def test_mask_restricts_results() -> None:
    index = LexicalIndex.build(IDS, TEXTS, "g1")
    allowed = np.array([True, False, True])
    assert all(cid != "b" for cid, _ in index.search("bouwstenen budget", 3, allowed))


def test_unknown_words_give_no_hits() -> None:
    index = LexicalIndex.build(IDS, TEXTS, "g1")
    assert index.search("xylofoonconcert", 3) == []
    assert index.search("de het een", 3) == []


def test_save_and_load_round_trip(tmp_path) -> None:
    index = LexicalIndex.build(IDS, TEXTS, "g1")
    index.save(tmp_path / "lexical")
    loaded = LexicalIndex.load(tmp_path / "lexical")
    assert loaded is not None and loaded.generation == "g1" and loaded.chunk_ids == IDS
    assert loaded.search("leerkrachten signalen", 2) == index.search("leerkrachten signalen", 2)


def test_save_replaces_previous_index(tmp_path) -> None:
    LexicalIndex.build(IDS, TEXTS, "g1").save(tmp_path / "lexical")
    LexicalIndex.build(["x"], ["Een heel ander document over pleegzorg."], "g2").save(tmp_path / "lexical")
    loaded = LexicalIndex.load(tmp_path / "lexical")
    assert loaded is not None and loaded.chunk_ids == ["x"] and loaded.generation == "g2"
    assert [p.name for p in tmp_path.iterdir()] == ["lexical"]


def test_missing_or_damaged_index_loads_as_none(tmp_path) -> None:
    assert LexicalIndex.load(tmp_path / "nothing") is None
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "overhoop-lexical.json").write_text("{niet json")
    assert LexicalIndex.load(tmp_path / "broken") is None


def test_empty_index_searches_nothing(tmp_path) -> None:
    index = LexicalIndex.build([], [], "g0")
    assert index.search("kinderen", 3) == []
    index.save(tmp_path / "lexical")
    loaded = LexicalIndex.load(tmp_path / "lexical")
    assert loaded is not None and loaded.search("kinderen", 3) == []
