"""Documents users add beside the shipped corpus: kept under `data/added/<doc_id>/`, listed, removed.

Each added document has its own folder holding the file as uploaded and `metadata.json` (doc_id, title,
type, organisation, date, added_at, mask_names, original file name). `ingest()` reads these folders
next to the corpus, so `overhoop ingest --rebuild` rebuilds added documents too. Adding and removing go
through the same pipeline (and its writer lock) as `overhoop ingest`: a failed add leaves the index as
it was and its folder is deleted.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from basics.settings import Settings
from ingest.documents import DocumentInfo
from ingest.files import file_sha256, write_text_atomic
from ingest.manifest import first_line, slugify, supported_suffixes
from ingest.pipeline import IngestSummary, ingest
from ingest.store import IndexWriter, read_registry, writer_lock

ADDED_DIR = "added"
METADATA_FILE = "metadata.json"
DOC_TYPES = ("inspiratienota", "onderzoeksrapport", "trajectrapportage", "presentatie", "andere")
MAX_UPLOAD_MB = 50
CORPUS, ADDED = "corpus", "added"

Progress = Callable[[int, int], None]
"""Called with (texts embedded so far, total to embed)."""


class DocumentError(Exception):
    """Adding or removing failed; str() is one Dutch line naming the file (or doc_id) and what to do."""


@dataclass
class AddResult:
    doc_id: str
    title: str
    passages: int
    masked: int
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    mask_names: bool = False

    def summary(self) -> str:
        """The Dutch closing line for the CLI and the UI."""
        masked = "contactgegevens en namen" if self.mask_names else "contactgegevens"
        return (
            f"'{self.title}' toegevoegd: {self.passages} passages, {self.masked} {masked} gemaskeerd, "
            f"{len(self.warnings)} waarschuwingen ({self.seconds:.1f} s)."
        )


def added_root(settings: Settings) -> Path:
    return settings.data_dir / ADDED_DIR


def read_metadata(folder: Path) -> dict[str, Any] | None:
    """The metadata of one added document's folder; None when it is missing or unreadable."""
    try:
        data = json.loads((folder / METADATA_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not (folder / str(data.get("file", ""))).is_file():
        return None
    return data


def _info(folder: Path, meta: dict[str, Any]) -> DocumentInfo:
    return DocumentInfo(
        doc_id=str(meta["doc_id"]),
        title=str(meta["title"]),
        doc_type=str(meta["doc_type"]),
        path=(folder / str(meta["file"])).resolve(),
        date=meta.get("date") or None,
        organisation=meta.get("organisation") or None,
        mask_names=bool(meta.get("mask_names")),
    )


def added_documents(settings: Settings) -> list[DocumentInfo]:
    """Every complete added document, oldest first (folders being written or without metadata skipped)."""
    root = added_root(settings)
    if not root.is_dir():
        return []
    found = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        meta = read_metadata(folder)
        if meta is not None:
            found.append((str(meta.get("added_at") or ""), _info(folder, meta)))
    return [info for _, info in sorted(found, key=lambda pair: pair[0])]


def is_added(settings: Settings, path: str | Path) -> bool:
    return added_root(settings).resolve() in Path(path).resolve().parents


def list_documents(settings: Settings) -> list[dict[str, Any]]:
    """One dict per indexed document, read from the registry (no model is loaded)."""
    registry = read_registry(settings)
    if registry is None:
        return []
    out = []
    for record in registry.documents.values():
        added = is_added(settings, record.path)
        meta = read_metadata(Path(record.path).parent) if added else None
        out.append(
            {
                "doc_id": record.doc_id,
                "title": record.title,
                "type": record.doc_type,
                "organisation": record.organisation,
                "date": record.date,
                "passages": len(record.chunk_ids),
                "source": ADDED if added else CORPUS,
                "added_at": (meta or {}).get("added_at"),
                "masked": record.masked,
                "mask_names": bool((meta or {}).get("mask_names")),
                "file": Path(record.path).name,
            }
        )
    return out


def _check_file(path: Path) -> None:
    """Refusals that need no parsing: missing, unsupported type, empty, too large."""
    if not path.is_file():
        raise DocumentError(f"{path.name}: bestand niet gevonden; controleer het pad.")
    suffixes = supported_suffixes()
    if path.suffix.lower() not in suffixes:
        shown = path.suffix or "geen extensie"
        raise DocumentError(
            f"{path.name}: bestandstype niet ondersteund ({shown}); bewaar het als {', '.join(suffixes)}."
        )
    size = path.stat().st_size
    if size == 0:
        raise DocumentError(f"{path.name}: het bestand is leeg; kies het juiste bestand.")
    if size > MAX_UPLOAD_MB * 1024 * 1024:
        raise DocumentError(
            f"{path.name}: te groot ({size / 1024 / 1024:.0f} MB; maximum {MAX_UPLOAD_MB} MB); "
            "splits het document of verklein de afbeeldingen."
        )


def _duplicate_of(settings: Settings, content_hash: str) -> tuple[str, str] | None:
    registry = read_registry(settings)
    for record in registry.documents.values() if registry else []:
        if record.content_hash == content_hash:
            return record.doc_id, record.title
    return None


def _new_folder(settings: Settings, wanted: str) -> tuple[str, Path]:
    """A fresh doc_id and its folder, created atomically (two adds at once never share one)."""
    registry = read_registry(settings)
    taken = set(registry.documents) if registry else set()
    root = added_root(settings)
    root.mkdir(parents=True, exist_ok=True)
    base = slugify(wanted)[:60].strip("-") or "document"
    for n in range(1, 1000):
        doc_id = base if n == 1 else f"{base}-{n}"
        if doc_id in taken:
            continue
        try:
            (root / doc_id).mkdir()
        except FileExistsError:
            continue
        return doc_id, root / doc_id
    raise DocumentError(f"{wanted}: geen vrije doc_id gevonden.")


def _what_to_do(message: str) -> str:
    """Pipeline errors name the file and the problem; add the step a user can take."""
    lowered = message.lower()
    if "versleuteld" in lowered:
        return f"{message}; sla het op zonder wachtwoord en probeer opnieuw."
    if "geen tekst" in lowered or "leeg" in lowered or "scan" in lowered:
        return f"{message}; een gescand document heeft eerst tekstherkenning (OCR) nodig."
    return f"{message}; controleer het bestand en probeer opnieuw."


def add_document(
    path: Path,
    settings: Settings,
    *,
    title: str | None = None,
    doc_type: str | None = None,
    organisation: str | None = None,
    date: str | None = None,
    mask_names: bool = False,
    file_name: str | None = None,
    on_progress: Progress | None = None,
    lock_timeout: float = 30.0,
) -> AddResult:
    """Copy `path` into the data folder with its metadata and ingest it. Raises DocumentError (nothing
    changed) or IngestBusy / IndexUnavailable from the pipeline."""
    path = Path(path)
    name = file_name or path.name
    _check_file(path)
    if doc_type and doc_type not in DOC_TYPES:
        raise DocumentError(f"{name}: onbekend type '{doc_type}'; kies uit {', '.join(DOC_TYPES)}.")
    content_hash = file_sha256(path)
    duplicate = _duplicate_of(settings, content_hash)
    if duplicate:
        raise DocumentError(
            f"{name}: dezelfde inhoud is al geïndexeerd als '{duplicate[1]}' ({duplicate[0]}); "
            "er is niets toegevoegd."
        )
    stem = Path(name).stem
    doc_id, folder = _new_folder(settings, title or stem)
    try:
        target = folder / (slugify(stem) + Path(name).suffix.lower())
        shutil.copyfile(path, target)
        meta = {
            "doc_id": doc_id,
            "title": title or guess_metadata(path, name)["title"],
            "doc_type": doc_type or "andere",
            "organisation": organisation or None,
            "date": date or None,
            "file": target.name,
            "original_name": name,
            "added_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "mask_names": mask_names,
        }
        _write_json(folder / METADATA_FILE, meta)
        summary = ingest(
            settings=settings,
            progress=False,
            documents=[_info(folder, meta)],
            lock_timeout=lock_timeout,
            on_progress=on_progress,
        )
        _raise_for(summary, doc_id, name)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return AddResult(
        doc_id=doc_id,
        title=str(meta["title"]),
        passages=summary.chunks_per_document.get(doc_id, 0),
        masked=_masked(settings, doc_id),
        warnings=summary.warnings,
        seconds=summary.seconds,
        mask_names=mask_names,
    )


def _raise_for(summary: IngestSummary, doc_id: str, name: str) -> None:
    if doc_id in summary.chunks_per_document:
        return
    reason = summary.errors[0] if summary.errors else f"{name}: niet geïndexeerd"
    if not reason.startswith(name):
        reason = f"{name}: {reason.split(': ', 1)[-1]}"
    raise DocumentError(_what_to_do(reason))


def _masked(settings: Settings, doc_id: str) -> int:
    registry = read_registry(settings)
    record = registry.documents.get(doc_id) if registry else None
    return record.masked if record else 0


def _write_json(path: Path, data: dict[str, Any]) -> None:
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=1))


def remove_document(doc_id: str, settings: Settings, lock_timeout: float = 30.0) -> int:
    """Take an added document out of the index and delete its folder; returns its passage count.
    Shipped corpus documents are refused (they come back with every ingest). Raises DocumentError,
    or IngestBusy while another ingest holds the writer lock."""
    registry = read_registry(settings)
    record = registry.documents.get(doc_id) if registry else None
    folder = added_root(settings) / doc_id
    if record is None and not (folder / METADATA_FILE).is_file():
        raise DocumentError(f"{doc_id}: geen document met deze doc_id; zie `overhoop documents list`.")
    if record is not None and not is_added(settings, record.path):
        raise DocumentError(
            f"{doc_id}: dit is een meegeleverd corpusdocument en kan niet verwijderd worden; "
            "verberg het met de filter in de chat."
        )
    with writer_lock(settings, lock_timeout):
        removed = 0
        registry = read_registry(settings)
        if registry is not None and doc_id in registry.documents:
            writer = IndexWriter(settings, registry.embedder_id, registry.dim)
            removed = writer.remove_document(doc_id)
            writer.finish()
        shutil.rmtree(folder, ignore_errors=True)
    return removed


def guess_metadata(path: Path, name: str | None = None) -> dict[str, str]:
    """Title, date and type read cheaply from the file, to prefill the upload form: the document
    properties of a PDF, DOCX or PPTX, else the first line of a text file or of a PDF's first page, else
    the file name; the type from words in the name or title."""
    name = name or path.name
    suffix = Path(name).suffix.lower()
    found: dict[str, str] = {}
    try:
        if suffix == ".pdf":
            from pypdf import PdfReader

            reader = PdfReader(str(path))
            info = None if reader.is_encrypted else reader.metadata
            if info is not None:
                found["title"] = str(info.title or "").strip()
                created = info.creation_date
                found["date"] = created.strftime("%Y-%m") if created else ""
            if not reader.is_encrypted and not found.get("title") and reader.pages:
                found["title"] = first_line(reader.pages[0].extract_text() or "") or ""
        elif suffix in (".docx", ".pptx"):
            module = __import__("docx" if suffix == ".docx" else "pptx")
            opened = module.Document(str(path)) if suffix == ".docx" else module.Presentation(str(path))
            props = opened.core_properties
            found["title"] = (props.title or "").strip()
            found["date"] = props.created.strftime("%Y-%m") if props.created else ""
        elif suffix in (".txt", ".md"):
            found["title"] = first_line(path.read_bytes()[:4096].decode("utf-8", errors="ignore")) or ""
    except Exception:  # noqa: BLE001 - a guess; the loader reports a bad file properly
        found = {}
    found = {k: v for k, v in found.items() if v}
    found.setdefault("title", Path(name).stem.replace("_", " ").replace("-", " ").strip() or name)
    found["doc_type"] = _type_guess(f"{name} {found['title']}".lower(), suffix)
    return found


def _type_guess(words: str, suffix: str) -> str:
    for hint, doc_type in _TYPE_HINTS:
        if hint in words:
            return doc_type
    return "presentatie" if suffix == ".pptx" else "andere"


# Words in a file name or title that name its type, most specific first.
_TYPE_HINTS = (
    ("inspiratienota", "inspiratienota"),
    ("trajectrapport", "trajectrapportage"),
    ("onderzoek", "onderzoeksrapport"),
    ("presentatie", "presentatie"),
)
