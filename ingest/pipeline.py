"""`ingest()`: bring the index in line with the corpus, incrementally, one writer at a time.

Per document, skipped when its bytes and the processing code are unchanged, the stages in order:
load (`ingest.loaders`), clean (`ingest.cleaning.clean_pages`), headings (`ingest.headings.find_sections`),
chunk (`ingest.chunking.chunk_blocks`), mask (contact details, and names where asked), embed its passages
and their sentences (through the vector cache) and write (replace it in `ingest.store`). A bad file costs
one line in the summary, never the rest of the corpus nor what is already indexed.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from basics.settings import Settings
from ingest.chunking import chunk_blocks
from ingest.cleaning import clean_pages
from ingest.documents import Chunk, DocumentInfo, LoadedDocument, Sentence, chunk_id_for
from ingest.embedders import Embedder, make_embedder
from ingest.embedding_cache import CachedEmbedder, cached_embedder
from ingest.files import file_sha256
from ingest.headings import SectionedBlock, find_sections
from ingest.index import IndexUnavailable
from ingest.manifest import Scan, discover, first_line, scan
from ingest.sentences import SENTENCE_TEXT_VERSION, chunk_sentences, sentence_embed_text
from ingest.store import DocRecord, IndexWriter, read_registry, writer_lock

VECTORS_DIR = "vectors"
EMBED_TEXT_VERSION = "title-section-text-1"
# Modules whose code decides what a document's chunks are: when one changes, documents are redone
# (cheaply: unchanged chunk texts come from the vector cache).
_PROCESSING_MODULES = (
    "ingest.loaders",
    "ingest.cleaning",
    "ingest.headings",
    "ingest.chunking",
    "ingest.pipeline",  # the order of the stages
    "ingest.privacy",
    "ingest.sentences",
    "basics.sentences",
    "basics.typography",
)


@dataclass
class IngestSummary:
    documents: int = 0
    chunks: int = 0
    new: int = 0
    skipped: int = 0
    removed: int = 0
    embedded: int = 0
    """Texts that reached the model: passages and their sentences."""
    masked: int = 0
    """Contact details masked in the whole index (not only in this run's documents)."""
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    chunks_per_document: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    wrote: bool = False
    strict: bool = False

    @property
    def exit_code(self) -> int:
        """1 when `strict` and a file failed, else 0."""
        return 1 if self.strict and self.errors else 0

    def lines(self) -> list[str]:
        """The closing report, in Dutch."""
        out = [f"waarschuwing: {w}" for w in self.warnings] + [f"fout: {e}" for e in self.errors]
        out.append(
            f"{self.documents} documenten, {self.chunks} passages; nieuw of gewijzigd: {self.new}, "
            f"ongewijzigd: {self.skipped}, verwijderd: {self.removed}; "
            f"{self.embedded} passages en zinnen ingebed, "
            f"{self.masked} contactgegevens gemaskeerd in de index; {len(self.errors)} fouten; "
            f"{self.seconds:.1f} s"
        )
        return out


@dataclass(frozen=True)
class ProcessingVersion:
    """Fingerprints of everything besides the file that shapes a document's chunks and vectors: the
    processing code and settings, and the name-masking rules. Computed once per run."""

    code: str
    names: str

    def of(self, info: DocumentInfo) -> str:
        """The version recorded for `info`. The manifest's description is part of every chunk's metadata:
        a new title redoes the document."""
        described = "|".join(
            str(value)
            for value in (
                info.doc_id,
                info.title,
                info.doc_type,
                info.date,
                info.organisation,
                info.source,
                info.region,
            )
        )
        if info.mask_names:
            described += f"|names-{self.names}"
        return hashlib.sha256(f"{self.code}|{described}".encode()).hexdigest()[:16]


def processing_version(settings: Settings) -> ProcessingVersion:
    """The fingerprints of the code on disk and these settings."""
    digest = hashlib.sha256()
    for name in _PROCESSING_MODULES:
        spec = importlib.util.find_spec(name)
        if spec and spec.origin and Path(spec.origin).is_file():
            digest.update(name.encode() + Path(spec.origin).read_bytes())
    versions = f"{EMBED_TEXT_VERSION}|{SENTENCE_TEXT_VERSION}"
    digest.update(f"{settings.chunk_max_words}|{settings.mask_contacts}|{versions}".encode())
    return ProcessingVersion(digest.hexdigest()[:16], _names_version())


def unchanged(record: DocRecord | None, info: DocumentInfo, version: ProcessingVersion) -> bool:
    """True when `record` is this file's bytes processed by this code: ingest skips it. A file that cannot
    be read counts as changed (the ingest then reports why)."""
    if record is None or record.path != str(info.path) or record.version != version.of(info):
        return False
    try:
        return record.content_hash == file_sha256(info.path)
    except OSError:
        return False


def embed_text(chunk: Chunk) -> str:
    """What the embedder reads: the document title and section path give e5 the passage's context."""
    return "\n".join(part for part in (chunk.title, chunk.section, chunk.text) if part)


# ----------------------------------------------------------------------------------------------------
# The stages before embedding, for one document


def _load(info: DocumentInfo) -> LoadedDocument:
    """Stage load: the file's pages."""
    from ingest.loaders import load_document  # the PDF, Word and PowerPoint parsers load when first needed

    return load_document(info)


def _titled(doc: LoadedDocument) -> LoadedDocument:
    """A file without manifest entry whose title could not be read cheaply: take its first line."""
    line = next((first_line(p.text) for p in doc.pages if first_line(p.text)), None)
    if not line:
        return doc
    return replace(doc, info=replace(doc.info, title=line))


def document_blocks(doc: LoadedDocument) -> list[SectionedBlock]:
    """Stages clean and headings: the document's blocks with their section paths."""
    return find_sections(doc, clean_pages(doc.pages))


def chunk_document(doc: LoadedDocument, max_words: int = 220) -> list[Chunk]:
    """Stages clean, headings and chunk: the loaded document's chunks."""
    return chunk_blocks(doc.info, document_blocks(doc), max_words)


def mask(chunks: list[Chunk], info: DocumentInfo, settings: Settings) -> tuple[list[Chunk], int]:
    """Stage mask: contact details (when the settings ask), and person names in documents added with
    --mask-names. A masked chunk gets the id of its new text. Returns the chunks and the count masked."""
    masked = 0
    if settings.mask_contacts:
        from ingest.privacy import mask_contacts

        chunks, masked = _masked(chunks, mask_contacts)
    if info.mask_names:
        from ingest.names import mask_person_names

        chunks, names = _masked(chunks, mask_person_names)
        masked += names
    return _unique(chunks), masked


def _names_version() -> str:
    """Fingerprint of the name-masking rules: documents added with --mask-names are redone on a change."""
    spec = importlib.util.find_spec("ingest.names")
    origin = Path(spec.origin) if spec and spec.origin else None
    return hashlib.sha256(origin.read_bytes()).hexdigest()[:12] if origin and origin.is_file() else "?"


def _masked(chunks: list[Chunk], masker: Callable[[str], tuple[str, int]]) -> tuple[list[Chunk], int]:
    """The chunks with `masker` applied (a masked chunk gets the id of its new text) and the count masked."""
    masked, total = [], 0
    for chunk in chunks:
        text, count = masker(chunk.text)
        total += count
        masked.append(
            replace(chunk, text=text, chunk_id=chunk_id_for(chunk.doc_id, text)) if count else chunk
        )
    return masked, total


def _unique(chunks: list[Chunk]) -> list[Chunk]:
    """A passage repeated word for word in one document gets one id: keep its first occurrence."""
    first: dict[str, Chunk] = {}
    for chunk in chunks:
        first.setdefault(chunk.chunk_id, chunk)
    return list(first.values())


@dataclass
class _Prepared:
    info: DocumentInfo
    content_hash: str
    version: str
    chunks: list[Chunk]
    masked: int

    def sentences(self) -> list[tuple[Sentence, str]]:
        """Each chunk's sentences with the text the embedder reads for them."""
        return [(s, sentence_embed_text(c, s)) for c in self.chunks for s in chunk_sentences(c)]


def prepare(
    info: DocumentInfo,
    settings: Settings,
    defaulted: bool = False,
    version: ProcessingVersion | None = None,
) -> _Prepared:
    """Stages load to mask for one document (raises LoadError or any parsing error for a bad file).
    `version`: this run's `processing_version` (computed here when not given)."""
    doc = _load(info)
    if defaulted and info.path.suffix.lower() not in (".txt", ".md"):
        doc = _titled(doc)
    chunks, masked = mask(_unique(chunk_document(doc, settings.chunk_max_words)), info, settings)
    if not chunks:
        raise ValueError(f"{info.path.name}: geen tekst gevonden om te indexeren")
    version = version or processing_version(settings)
    return _Prepared(doc.info, doc.content_hash, version.of(info), chunks, masked)


# ----------------------------------------------------------------------------------------------------
# The pipeline


def _embedder(settings: Settings, embedder: Embedder | None) -> CachedEmbedder:
    inner = embedder or make_embedder(settings)
    if isinstance(inner, CachedEmbedder):
        return inner
    return cached_embedder(inner, settings.cache_dir, settings.corpus_dir / VECTORS_DIR)


Progress = Callable[[int, int], None]
"""Called with (texts embedded so far, total to embed) as embedding proceeds."""


class _Counter:
    """A progress sink with tqdm's `update(n)` / `close()` that reports to a callback."""

    def __init__(self, total: int, callback: Progress) -> None:
        self.total, self.done, self._callback = total, 0, callback
        callback(0, total)

    def update(self, n: int = 1) -> None:
        self.done = min(self.total, self.done + n)
        self._callback(self.done, self.total)

    def close(self) -> None:
        self._callback(self.total, self.total)


def _progress_bar(total: int, enabled: bool | None, callback: Progress | None = None):  # noqa: ANN202
    """tqdm on a terminal, a callback's counter when given one, else None."""
    if callback is not None:
        return _Counter(total, callback)
    if not total or enabled is False or (enabled is None and not sys.stderr.isatty()):
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc="Inbedden", unit="passage", file=sys.stderr, leave=False)


def ingest(
    paths: Sequence[Path] | None = None,
    settings: Settings | None = None,
    rebuild: bool = False,
    strict: bool = False,
    progress: bool | None = None,
    *,
    embedder: Embedder | None = None,
    lock_timeout: float = 30.0,
    documents: Sequence[DocumentInfo] | None = None,
    on_progress: Progress | None = None,
) -> IngestSummary:
    """Bring the index in line with `paths` and `documents` (default: the corpus folder and the documents
    users added, see ingest.added). Idempotent.

    `progress`: True/False forces the embedding progress bar; None shows it on a terminal only.
    `on_progress(done, total)` receives the same counts instead of the bar.
    `strict` only sets `IngestSummary.exit_code` to 1 when a file failed: ingestion never stops for a
    bad file. Raises IngestBusy when another ingest holds the lock for `lock_timeout` seconds,
    IndexUnavailable when the index is damaged or made with another embedder (without `rebuild`).
    """
    from basics.settings import get_settings

    settings = settings or get_settings()
    started = time.perf_counter()
    cached = _embedder(settings, embedder)
    try:
        with writer_lock(settings, lock_timeout):
            summary = _ingest_locked(paths or [], documents, settings, rebuild, progress, cached, on_progress)
    finally:
        if cached is not embedder:  # ours: close the vector cache now, not whenever it is collected
            cached.close()
    summary.seconds = time.perf_counter() - started
    summary.strict = strict
    return summary


def _ingest_locked(
    paths: Sequence[Path],
    documents: Sequence[DocumentInfo] | None,
    settings: Settings,
    rebuild: bool,
    progress: bool | None,
    embedder: Embedder | None,
    on_progress: Progress | None,
) -> IngestSummary:
    summary = IngestSummary()
    if not paths and documents is None:
        from ingest.added import added_documents

        paths, documents = [settings.corpus_dir], added_documents(settings)
    found = scan(paths, documents or ())
    summary.errors += found.errors
    summary.warnings += found.warnings
    cached = _embedder(settings, embedder)
    writer = IndexWriter(settings, cached.embedder_id, _dim(cached, settings, rebuild), rebuild=rebuild)
    writer.remove_orphans()
    version = processing_version(settings)

    todo: list[_Prepared] = []
    failed: set[str] = set()
    for info in found.documents:
        if unchanged(writer.record(info.doc_id), info, version):
            summary.skipped += 1
            continue
        try:
            todo.append(prepare(info, settings, info.path in found.defaulted, version))
        except Exception as exc:  # noqa: BLE001 - a bad file is one line, whatever broke on it
            failed.add(info.doc_id)
            summary.errors.append(_reason(info.path, exc))

    sentences = {p.info.doc_id: p.sentences() for p in todo}
    texts = [embed_text(c) for p in todo for c in p.chunks] + [t for s in sentences.values() for _, t in s]
    bar = _progress_bar(len(cached.missing(texts)) if texts else 0, progress, on_progress)
    try:
        for prepared in todo:
            update = bar.update if bar else None
            # Stage embed, then stage write.
            vectors = cached.encode_passages([embed_text(c) for c in prepared.chunks], update)
            units = sentences[prepared.info.doc_id]
            sentence_vectors = cached.encode_passages([t for _, t in units], update)
            writer.store_document(
                _record(prepared, [s for s, _ in units]),
                prepared.chunks,
                vectors,
                [s for s, _ in units],
                sentence_vectors,
            )
            summary.new += 1
    finally:
        if bar:
            bar.close()
    summary.embedded = cached.misses

    present = {info.doc_id for info in found.documents} | failed
    for doc_id, record in list(writer.registry.documents.items()):
        if doc_id not in present and _gone(Path(record.path), found):
            summary.removed += 1
            writer.remove_document(doc_id)
    summary.wrote = writer.finish() or writer.changed
    for doc_id, record in writer.registry.documents.items():
        summary.chunks_per_document[doc_id] = len(record.chunk_ids)
    summary.masked = sum(r.masked for r in writer.registry.documents.values())
    summary.documents = len(writer.registry.documents)
    summary.chunks = sum(summary.chunks_per_document.values())
    return summary


def _dim(embedder: CachedEmbedder, settings: Settings, rebuild: bool) -> int:
    try:
        registry = None if rebuild else read_registry(settings)
    except IndexUnavailable:
        registry = None  # the writer reports the damage
    if registry is not None and registry.embedder_id == embedder.embedder_id:
        return registry.dim  # avoids loading a model just to learn its size on a no-op run
    return embedder.dim


def _gone(path: Path, found: Scan) -> bool:
    """A registered document leaves the index when its file is gone, or it was in a folder we scanned
    and is no longer a document there (a single-file ingest never removes the others)."""
    if not path.exists():
        return True
    return any(path.parent == folder for folder in found.scanned_dirs)


def _record(prepared: _Prepared, sentences: Sequence[Sentence]) -> DocRecord:
    info = prepared.info
    counts = Counter(s.chunk_id for s in sentences)
    return DocRecord(
        doc_id=info.doc_id,
        path=str(info.path),
        content_hash=prepared.content_hash,
        version=prepared.version,
        title=info.title,
        doc_type=info.doc_type,
        chunk_ids=[c.chunk_id for c in prepared.chunks],
        sentence_counts=[counts[c.chunk_id] for c in prepared.chunks],
        date=info.date,
        organisation=info.organisation,
        source=info.source,
        masked=prepared.masked,
    )


def _reason(path: Path, exc: Exception) -> str:
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return message if message.startswith(path.name) else f"{path.name}: {message}"


# ----------------------------------------------------------------------------------------------------
# Staleness and the shipped vectors


def is_stale(settings: Settings) -> bool:
    """True when `overhoop ingest` would change something: no or unfinished index, another embedder,
    or corpus files added, changed or removed since the last ingest."""
    try:
        registry = read_registry(settings)
        expected = make_embedder(settings).embedder_id
    except Exception:  # noqa: BLE001 - anything unreadable means "ingest"
        return True
    if registry is None or registry.dirty or registry.embedder_id != expected:
        return True
    try:
        found = discover(settings.corpus_dir.resolve())
    except Exception:  # noqa: BLE001
        return True
    version = processing_version(settings)
    from ingest.added import added_documents

    corpus = {info.doc_id: info for info in [*found.documents, *added_documents(settings)]}
    for doc_id, record in registry.documents.items():
        if not Path(record.path).exists():
            return True
        if Path(record.path).parent == settings.corpus_dir.resolve() and doc_id not in corpus:
            return True
    return any(not unchanged(registry.documents.get(d), info, version) for d, info in corpus.items())


def export_vectors(
    settings: Settings,
    embedder: Embedder | None = None,
    progress: bool | None = None,
    extra_texts: Sequence[str] = (),
) -> list[Path]:
    """(Re)write the shipped vector layer for the corpus folder: one vector per chunk text and one per
    chunk sentence, embedded (or taken from the cache) with the configured embedder, in two files.
    Re-run it whenever chunking changes. `extra_texts` (e.g. the eval baseline's chunks) are shipped
    with the passages, so a fresh machine never embeds them."""
    from ingest.embedding_cache import SENTENCES_PART, text_key, write_shipped

    cached = _embedder(settings, embedder)
    found = discover(settings.corpus_dir)
    version = processing_version(settings)
    passages: list[str] = []
    sentences: list[str] = []
    for info in found.documents:
        prepared = prepare(info, settings, info.path in found.defaulted, version)
        passages += [embed_text(c) for c in prepared.chunks]
        sentences += [t for _, t in prepared.sentences()]
    parts = {
        "": list(dict.fromkeys([*passages, *extra_texts])),
        SENTENCES_PART: list(dict.fromkeys(sentences)),
    }
    bar = _progress_bar(len(cached.missing([t for texts in parts.values() for t in texts])), progress)
    written = []
    try:
        for part, texts in parts.items():
            vectors = cached.encode_passages(texts, bar.update if bar else None)
            layer = {text_key(t): np.asarray(v) for t, v in zip(texts, vectors, strict=True)}
            dtype = np.float16 if part == SENTENCES_PART else np.float32
            written.append(
                write_shipped(settings.corpus_dir / VECTORS_DIR, cached.embedder_id, layer, part, dtype)
            )
    finally:
        if bar:
            bar.close()
    return written
