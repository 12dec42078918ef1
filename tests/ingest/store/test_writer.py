"""Writing the index: documents replaced whole, old chunks and sentences deleted, a crash leaves the old
version."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ingest import store
from ingest.lexical import LexicalIndex
from ingest.store import IndexWriter, open_index, read_registry
from ingest.store.registry import write_registry
from tests.ingest.store.support import (
    EMB,
    chunks_of,
    sentence_chunks,
    store_chunks,
    store_with_sentences,
    stored_sentence_ids,
)


def test_lexical_index_is_persisted_for_the_current_generation(built) -> None:
    settings, _ = built
    saved = LexicalIndex.load(settings.index_dir / store.LEXICAL_DIR)
    registry = read_registry(settings)
    assert saved is not None and registry is not None
    assert saved.generation == registry.generation and set(saved.chunk_ids) == set(registry.live_ids())


def test_generation_changes_only_when_the_index_changes(built) -> None:
    settings, docs = built
    index = open_index(settings)
    before = index.generation
    assert before == index.loaded_generation == open_index(settings).generation
    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim)
    assert writer.finish() is False
    assert index.generation == before
    store_chunks(writer, "nota-a", chunks_of("nota-a", 5, seed=1), content="v2")
    writer.finish()
    assert index.generation != before and index.loaded_generation == before
    assert len(open_index(settings).chunks()) == 5 + 70


def _folders(settings) -> set[str]:
    return {p.name for p in settings.index_dir.iterdir() if p.is_dir() and p.name.startswith("chroma")}


def test_a_writer_killed_before_its_commit_leaves_the_old_index_and_its_copy_is_removed(
    built, monkeypatch
) -> None:
    settings, docs = built
    committed = _folders(settings)
    new = chunks_of("nota-a", 30, seed=2)

    def crash_on_commit(settings_, registry) -> None:
        raise KeyboardInterrupt("killed")  # the process dies with chromadb's files written, not committed

    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim)
    store_chunks(writer, "nota-a", new, content="v2")
    assert writer.remove_document("rapport-b") == 70
    monkeypatch.setattr(store.writer, "write_registry", crash_on_commit)
    with pytest.raises(KeyboardInterrupt):
        writer.finish()
    monkeypatch.undo()
    assert len(_folders(settings)) == 2  # the committed folder and the killed writer's copy

    index = open_index(settings)
    assert {c.text for c in index.chunks() if c.doc_id == "nota-a"} == {c.text for c in docs["nota-a"]}
    assert {c.doc_id for c in index.chunks()} == {"nota-a", "rapport-b"}
    hits = index.dense_search(EMB.encode_query(new[3].text), k=10)
    assert hits and all(c.chunk_id not in {n.chunk_id for n in new} for c, _ in hits)

    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim)
    assert _folders(settings) == committed  # the copy is gone before anything is written
    assert writer.remove_orphans() == 0
    store_chunks(writer, "nota-a", new, content="v2")
    writer.finish()
    assert len(_folders(settings)) == 1 and _folders(settings) != committed
    assert writer.collection.count() == 100
    assert len(open_index(settings).chunks()) == 100


def test_leftovers_of_an_in_place_write_are_removed_in_a_copy(built) -> None:
    """An index written in place (by versions before staging) that crashed: a dirty registry, and a chunk
    chromadb holds that no document lists."""
    settings, docs = built
    registry = read_registry(settings)
    assert registry is not None
    registry.dirty = True
    write_registry(settings, registry)
    stray = chunks_of("nota-a", 1, seed=9)
    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim)
    writer.collection.add(
        ids=[stray[0].chunk_id], embeddings=EMB.encode_passages([stray[0].text]), documents=[stray[0].text]
    )
    store.release_clients(settings)
    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim)
    assert writer.remove_orphans() == 1
    assert writer.finish() is True
    registry = read_registry(settings)
    assert registry is not None and not registry.dirty
    assert writer.collection.count() == 150 == len(open_index(settings).chunks())


def test_storing_a_changed_document_updates_its_kept_chunks_and_adds_the_new(built) -> None:
    settings, docs = built
    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim)
    changed = [*docs["nota-a"][:-1], replace(docs["nota-a"][-1], title="Nieuwe titel")]
    extra = chunks_of("nota-a", 1, seed=5)
    store_chunks(writer, "nota-a", [*changed, *extra], content="v2")
    writer.finish()
    index = open_index(settings)
    assert index.chunk(changed[-1].chunk_id).title == "Nieuwe titel"
    assert len([c for c in index.chunks() if c.doc_id == "nota-a"]) == 81


def test_removing_a_document_deletes_its_chunks(built) -> None:
    settings, _ = built
    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim)
    assert writer.remove_document("nota-a") == 80
    writer.finish()
    assert writer.collection.count() == 70
    assert {c.doc_id for c in open_index(settings).chunks()} == {"rapport-b"}


def test_replaced_and_removed_documents_leave_no_stale_sentences(with_sentences) -> None:
    settings, docs = with_sentences
    new = sentence_chunks("nota-a", "nota", ["De huisarts bespreekt de zorgen met het hele gezin samen."])
    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim)
    store_with_sentences(writer, "nota-a", [docs["nota-a"][1], *new], content="v2")  # one chunk kept
    assert writer.remove_document("rapport-b") == 1
    writer.finish()
    registry = read_registry(settings)
    assert registry is not None
    assert stored_sentence_ids(settings) == set(registry.live_sentence_ids())
    index = open_index(settings)
    query = EMB.encode_query("2 Aanpak: De coach komt aan huis bij het gezin.")
    assert {c.chunk_id for c, _ in index.sentence_search(query, k=10)} == {
        docs["nota-a"][1].chunk_id,
        new[0].chunk_id,
    }
    old = docs["nota-a"][0].chunk_id
    assert index.sentence_similarities(query, [old]) == {old: []}


def test_sentences_of_an_interrupted_write_are_never_read(with_sentences, monkeypatch) -> None:
    settings, docs = with_sentences
    new = sentence_chunks("nota-a", "nota", ["De huisarts bespreekt de zorgen met het hele gezin samen."])
    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim)
    store_with_sentences(writer, "nota-a", new, content="v2")
    monkeypatch.setattr(store.writer, "write_registry", lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
    with pytest.raises(KeyboardInterrupt):
        writer.finish()
    monkeypatch.undo()
    index = open_index(settings)
    hits = index.sentence_search(EMB.encode_query("2 Aanpak: " + new[0].text), k=10)
    assert hits and new[0].chunk_id not in {c.chunk_id for c, _ in hits}
    registry = read_registry(settings)
    assert registry is not None and stored_sentence_ids(settings) == set(registry.live_sentence_ids())
