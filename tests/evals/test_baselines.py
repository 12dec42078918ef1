"""The systems under comparison: the naive tutorial recipe and the assistant with its ranking continued."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core import Assistant
from basics.settings import Settings
from evals.baselines import (
    NAIVE_CHUNK_CHARS,
    NAIVE_OVERLAP_CHARS,
    AssistantSystem,
    NaiveRag,
    RepeatedQueryMemo,
    naive_chunks,
)
from evals.schema import EvalItem
from ingest.embedders import HashingEmbedder
from ingest.embedding_cache import cached_embedder
from tests.support.fake_index import FakeIndex

SENTENCES = [
    f"Zin {n}: de werkgroep bespreekt traumasensitieve zorg in regio {n} met {n * 3} partners.\n\n"
    for n in range(120)
]


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "manifest.yaml").write_text(
        "documents:\n  - file: lang.txt\n    doc_id: lang\n  - file: kort.txt\n    doc_id: kort\n",
        encoding="utf-8",
    )
    (folder / "lang.txt").write_text("".join(SENTENCES), encoding="utf-8")
    (folder / "kort.txt").write_text("Een kort document over veerkracht bij kinderen.\n", encoding="utf-8")
    return folder


def item(question: str = "welke partners in regio 7?", **fields) -> EvalItem:
    base = {
        "id": "b-1",
        "question": question,
        "type": "fact",
        "persona": "coach",
        "evidence": [{"doc_id": "lang", "quote": "de werkgroep bespreekt traumasensitieve zorg in regio 7"}],
        "answer_points": ["21 partners"],
        "difficulty": "easy",
    }
    base.update(fields)
    return EvalItem.model_validate(base)


def test_naive_chunks_are_fixed_windows_of_1000_characters_with_200_overlap(corpus: Path):
    chunks = [c for c in naive_chunks(corpus) if c.doc_id == "lang"]
    text = "".join(SENTENCES)
    assert len(chunks) >= len(text) // NAIVE_CHUNK_CHARS
    assert all(len(c.text) <= NAIVE_CHUNK_CHARS for c in chunks)
    assert max(len(c.text) for c in chunks) > NAIVE_CHUNK_CHARS - 100
    for before, after in zip(chunks, chunks[1:], strict=False):
        # The next window starts inside the previous one: a shared stretch of at most 200 characters.
        head = after.text[:50]
        assert head in before.text
        overlap = len(before.text) - before.text.index(head)
        assert 0 < overlap <= NAIVE_OVERLAP_CHARS
    # Raw text, no cleaning: the blank lines between sentences are still there.
    assert "\n\n" in chunks[0].text


def test_naive_rag_always_answers_with_stuffed_chunks_and_ranks_ten(corpus: Path, tmp_path: Path):
    embedder = cached_embedder(HashingEmbedder(), tmp_path / "cache", None)
    rag = NaiveRag.build(corpus, embedder, k=5)
    reply = rag.reply(item(question="Wat weet je over de maan?"))
    assert not reply.refused and reply.mode == "stuffed"
    assert len(reply.ranked) == 10 and len(reply.sources) == 5
    assert all(f"[{n}]" in reply.answer for n in range(1, 6))
    top = rag.reply(item()).ranked[0]
    assert "regio 7 " in top.text


def test_naive_rag_embeds_through_the_vector_cache(corpus: Path, tmp_path: Path):
    first = cached_embedder(HashingEmbedder(), tmp_path / "cache", None)
    NaiveRag.build(corpus, first, k=5)
    assert first.misses > 0
    second = cached_embedder(HashingEmbedder(), tmp_path / "cache", None)
    NaiveRag.build(corpus, second, k=5)
    assert second.misses == 0


def test_assistant_system_continues_the_shown_passages_with_the_retrievers_ranking():
    settings = Settings(data_dir=Path("unused"), answer_k=2, refusal_threshold=0.0)
    index = FakeIndex()
    assistant = Assistant(settings, index=index, embedder=index.embedder)
    system = AssistantSystem("overhoop", "product", assistant)
    question = "wat doe ik bij een niet-pluis-gevoel over een kind?"
    reply = system.reply(item(question=question))
    shown = assistant.ask(question).retrieved
    assert [p.chunk_id for p in reply.ranked[:2]] == [p.chunk_id for p in shown]
    assert len(reply.ranked) > 2
    assert len({p.chunk_id for p in reply.ranked}) == len(reply.ranked)
    assert reply.signal is not None and reply.seconds > 0


def test_assistant_system_passes_the_history_of_a_follow_up():
    settings = Settings(data_dir=Path("unused"), refusal_threshold=0.0)
    index = FakeIndex()
    system = AssistantSystem("overhoop", "product", Assistant(settings, index=index, embedder=index.embedder))
    history = [
        {"role": "user", "content": "Wat is de zesde bouwsteen over scholen en kinderopvang?"},
        {"role": "assistant", "content": "Traumasensitief werken in scholen."},
    ]
    question = "en wat betekent dat voor medewerkers?"
    follow_up = item(question=question, type="followup", history=history)
    alone = item(question=question)
    # The follow-up is searched with the earlier question's words; alone it finds the werkgroep note.
    assert system.reply(follow_up).ranked[0].section == "04 Acht bouwstenen"
    assert system.reply(alone).ranked[0].section == "Werkgroep"


def test_repeated_queries_are_embedded_once():
    calls: list[str] = []

    class Counting:
        def embed_query(self, text: str) -> list[float]:
            calls.append(text)
            return [float(len(calls))]

    memo = RepeatedQueryMemo(Counting(), size=2)
    assert memo.embed_query("a") == memo.embed_query("a") == [1.0]
    memo.embed_query("b")
    memo.embed_query("c")  # pushes "a" out
    assert memo.embed_query("a") == [4.0]
    assert calls == ["a", "b", "c", "a"]
