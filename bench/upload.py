"""`overhoop bench --upload`: how long an added 30-page report takes from upload to searchable.

A fresh data folder gets the shipped corpus (from its shipped vectors: seconds), then a PDF of 30 pages
of corpus paragraphs, shuffled under a new title so that no vector comes from a cache, is added with
`ingest.added.add_document` in a fresh process, as the chat's Documenten page does (`ingest.fresh_process`:
the process that answered questions never writes vector files); the clock stops when a new Assistant's
search finds the document. Passage and sentence vectors are timed apart from the progress callback (the
pipeline embeds a document's passages, then its sentences). Needs fpdf2 (the dev extra) and the DejaVu
font for a real PDF.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from basics.settings import Settings

PAGES = 30
WORDS_PER_PAGE = 380
TITLE = "Benchmarkrapport: dertig pagina's uit het corpus"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def corpus_pages(corpus_dir: Path, pages: int = PAGES, seed: int = 11) -> list[str]:
    """`pages` page texts of ~WORDS_PER_PAGE words, made of the corpus's paragraphs in a shuffled order."""
    paragraphs = [
        " ".join(block.split())
        for path in sorted(corpus_dir.glob("*.txt"))
        for block in path.read_text(encoding="utf-8").split("\n\n")
        if len(block.split()) >= 25
    ]
    random.Random(seed).shuffle(paragraphs)
    out: list[str] = []
    current: list[str] = []
    for paragraph in paragraphs:
        current.append(paragraph)
        if sum(len(p.split()) for p in current) >= WORDS_PER_PAGE:
            out.append("\n\n".join(current))
            current = []
            if len(out) == pages:
                break
    return out


def write_pdf(path: Path, pages: list[str]) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    if DEJAVU.exists():
        pdf.add_font("DejaVu", fname=str(DEJAVU))
        pdf.set_font("DejaVu", size=10)
    else:  # core fonts write latin-1 only
        pdf.set_font("Helvetica", size=10)
        pages = [p.encode("latin-1", "replace").decode("latin-1") for p in pages]
    for number, text in enumerate(pages, start=1):
        pdf.add_page()
        if number == 1:
            pdf.multi_cell(0, 6, TITLE, new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def run_upload_bench(settings: Settings, scratch: Path, log: Callable[[str], None]) -> dict[str, Any]:
    """Measure one upload into a fresh copy of the index (settings: embedder and corpus)."""
    from assistant.core import Assistant
    from ingest.added import add_document
    from ingest.fresh_process import in_fresh_process
    from ingest.pipeline import ingest
    from ingest.store import read_registry

    data_dir = scratch / "upload-data"
    run = settings.model_copy(update={"data_dir": data_dir})
    log("upload: de index van het corpus opbouwen")
    summary = ingest(settings=run, progress=False)
    if summary.errors:
        raise RuntimeError("; ".join(summary.errors))
    pdf = write_pdf(scratch / "benchmark-30-paginas.pdf", corpus_pages(settings.corpus_dir))
    marks: list[tuple[float, int, int]] = []

    def progress(done: int, total: int) -> None:
        marks.append((time.perf_counter(), done, total))

    log("upload: 30 pagina's toevoegen")
    started = time.perf_counter()
    result = in_fresh_process(add_document, pdf, run, title=TITLE, doc_type="andere", on_progress=progress)
    added = time.perf_counter()
    assistant = Assistant(settings=run)
    found = any(p.doc_id == result.doc_id for p in assistant.search(TITLE, k=10))
    searchable = time.perf_counter()
    if not found:
        raise RuntimeError("het toegevoegde document is niet vindbaar")
    registry = read_registry(run)
    assert registry is not None
    record = registry.documents[result.doc_id]
    passages, sentences = len(record.chunk_ids), sum(record.sentence_counts)
    first = marks[0][0] if marks else started
    passages_done = next((t for t, done, _ in marks if done >= passages), added)
    last = marks[-1][0] if marks else added
    return {
        "embedder": run.embedder,
        "pages": PAGES,
        "passages": passages,
        "sentences": sentences,
        "upload_to_searchable_s": round(searchable - started, 2),
        "add_document_s": round(added - started, 2),
        "open_and_search_s": round(searchable - added, 2),
        "prepare_s": round(first - started, 2),
        "passages_per_s": round(passages / max(passages_done - first, 1e-9), 2),
        "sentences_per_s": round(sentences / max(last - passages_done, 1e-9), 2),
        "threads": os.environ.get("OMP_NUM_THREADS", "default"),
    }


def render_upload(result: dict[str, Any], machine: str) -> str:
    rows = [
        ("upload to searchable (a new Assistant finds it)", f"{result['upload_to_searchable_s']} s"),
        ("of which: start the writer process, load, clean, chunk, mask", f"{result['prepare_s']} s"),
        ("of which: opening the index and searching", f"{result['open_and_search_s']} s"),
        ("passages / sentences embedded", f"{result['passages']} / {result['sentences']}"),
        ("passage vectors per second", f"{result['passages_per_s']}"),
        ("sentence vectors per second", f"{result['sentences_per_s']}"),
        ("OMP_NUM_THREADS", str(result["threads"])),
    ]
    lines = [
        f"# Upload of a {result['pages']}-page PDF (embedder {result['embedder']})",
        "",
        machine,
        "",
        "| figure | measured |",
        "|---|---|",
        *[f"| {name} | {value} |" for name, value in rows],
        "",
    ]
    return "\n".join(lines)
