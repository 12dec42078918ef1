"""The synthetic scale corpus: reproducible, new ids, every real paragraph kept, readable by the pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from basics.settings import Settings
from bench.synthetic import build_synthetic_corpus, source_documents, synthesize
from ingest.manifest import discover
from ingest.pipeline import prepare

PARAGRAPHS = {
    "nota-a": [
        "Kinderen die ingrijpende jeugdervaringen meemaken, hebben nood aan veilige volwassenen.",
        "De eerstelijnszone brengt huisartsen, scholen en welzijnswerkers samen rond één gedeelde visie.",
        "Een niet-pluis-gevoel bespreek je eerst met een collega voor je de ouders aanspreekt.",
        "Vorming over traumasensitief werken werd aangeboden aan leerkrachten en kinderbegeleiders.",
    ],
    "nota-b": [
        "Het leernetwerk van de pilootprojecten kwam vier keer samen om ervaringen uit te wisselen.",
        "De zorgraad faciliteert het traject en bewaakt de samenwerking tussen de partners in de regio.",
        "Ouders worden van bij het begin betrokken, zodat hulp aansluit bij wat het gezin zelf nodig heeft.",
    ],
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    entries = []
    for doc_id, paragraphs in PARAGRAPHS.items():
        (folder / f"{doc_id}.txt").write_text("\n\n\n".join(paragraphs) + "\n", encoding="utf-8")
        entries.append(
            f"  - file: {doc_id}.txt\n    doc_id: {doc_id}\n    title: Titel {doc_id}\n    doc_type: nota\n"
        )
    (folder / "manifest.yaml").write_text("documents:\n" + "".join(entries), encoding="utf-8")
    return folder


def test_sources_are_the_cleaned_paragraphs(corpus: Path) -> None:
    sources = {s.doc_id: s for s in source_documents(corpus)}
    assert set(sources) == set(PARAGRAPHS)
    for doc_id, paragraphs in PARAGRAPHS.items():
        assert sorted(sources[doc_id].paragraphs) == sorted(paragraphs)


def test_same_seed_same_corpus_other_seed_other_order(corpus: Path) -> None:
    sources = source_documents(corpus)
    assert synthesize(sources, 3, seed=7) == synthesize(sources, 3, seed=7)
    orders = {d.paragraphs for d in synthesize(sources, 3, seed=7)} ^ {
        d.paragraphs for d in synthesize(sources, 3, seed=8)
    }
    assert orders, "another seed must give another paragraph order"


def test_factor_copies_every_paragraph_under_new_unique_ids(corpus: Path) -> None:
    sources = source_documents(corpus)
    documents = synthesize(sources, 4)
    ids = [d.doc_id for d in documents]
    assert len(documents) == 4 * len(sources)
    assert len(set(ids)) == len(ids)
    assert not set(ids) & set(PARAGRAPHS)
    all_paragraphs = sorted(p for d in documents for p in d.paragraphs)
    assert all_paragraphs == sorted([p for s in sources for p in s.paragraphs] * 4)


def test_factor_below_one_is_refused(corpus: Path) -> None:
    with pytest.raises(ValueError):
        synthesize(source_documents(corpus), 0)


def test_written_corpus_is_byte_identical_across_builds_and_ingestible(corpus: Path, tmp_path: Path) -> None:
    first = build_synthetic_corpus(corpus, 2, tmp_path / "one")
    second = build_synthetic_corpus(corpus, 2, tmp_path / "two")
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes()

    settings = Settings(data_dir=tmp_path / "data", corpus_dir=first, embedder="hashing")
    found = discover(first)
    assert len(found.documents) == 2 * len(PARAGRAPHS)
    real_ids = {c.chunk_id for info in discover(corpus).documents for c in prepare(info, settings).chunks}
    synthetic_ids = {c.chunk_id for info in found.documents for c in prepare(info, settings).chunks}
    assert synthetic_ids and not synthetic_ids & real_ids
