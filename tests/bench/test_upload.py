"""`overhoop bench --upload` on the hashing embedder: a 30-page PDF of corpus text, added and found."""

from __future__ import annotations

from pathlib import Path

from basics.settings import PROJECT_ROOT, Settings
from bench.upload import PAGES, corpus_pages, render_upload, run_upload_bench


def test_corpus_pages_are_thirty_full_pages() -> None:
    pages = corpus_pages(PROJECT_ROOT / "corpus")
    assert len(pages) == PAGES and all(len(p.split()) >= 300 for p in pages)


def test_upload_bench_measures_a_searchable_document(tmp_path: Path, isolated_data_dir: Path) -> None:
    settings = Settings(data_dir=isolated_data_dir, embedder="hashing")
    result = run_upload_bench(settings, tmp_path, lambda _: None)
    assert result["passages"] > 30 and result["sentences"] > result["passages"]
    assert result["upload_to_searchable_s"] > 0 and result["passages_per_s"] > 0
    assert "upload to searchable" in render_upload(result, "machine")
