"""A question asked in the chat never reaches the data folder, also when the same process then reloads
the index or adds a document (chromadb writes bytes of its writer's memory into vector files)."""

from __future__ import annotations

import gc
from pathlib import Path

from assistant.core import Assistant
from basics.settings import Settings
from ingest.added import add_document
from ingest.fresh_process import in_fresh_process
from ingest.store import open_index
from tests.support.corpus import hashing_settings, write_corpus

SECRET = "Mijn buurjongen Kobe Verstraete (7) komt elke ochtend zonder ontbijt naar school"
DOCUMENT = (
    "Ontbijt op school\n\nEen school kan een ontbijt aanbieden aan kinderen die zonder eten toekomen. "
    "Bespreek de zorg eerst met de leerlingenbegeleiding en daarna met de ouders.\n"
)


def _holding(folder: Path, needle: bytes) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_a_question_stays_out_of_the_data_folder(tmp_path: Path) -> None:
    from ingest.pipeline import ingest

    settings: Settings = hashing_settings(tmp_path / "data", write_corpus(tmp_path / "corpus"))
    assert not ingest(settings=settings, progress=False).errors
    assistant = Assistant(settings)
    for n in range(20):  # the question in many heap blocks, then freed: what a writer would scribble
        assistant.ask(f"{SECRET}. Wat kan ik doen? ({n})")
        copies = [(SECRET.encode() + b" ") * k for k in range(1, 400, 7)]  # 80 bytes to 32 kB
        del copies
    gc.collect()
    open_index(settings)  # a reload after an ingest elsewhere
    upload = tmp_path / "ontbijt.txt"
    upload.write_text(DOCUMENT, encoding="utf-8")
    result = in_fresh_process(add_document, upload, settings, title="Ontbijt op school", doc_type="andere")
    assert result.passages >= 1
    assert open_index(settings).chunks()
    assert _holding(settings.data_dir, SECRET.encode("utf-8")) == []
    assert _holding(settings.data_dir, b"Verstraete") == []
