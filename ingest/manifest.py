"""Which documents a corpus folder holds: `manifest.yaml` entries, plus defaults for files without one; and
the documents of the folders and files an ingest is given."""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from ingest.documents import DocumentInfo

MANIFEST_NAME = "manifest.yaml"
DEFAULT_DOC_TYPE = "nota"
TEXT_SUFFIXES = (".txt", ".md")
_FIELDS = {"file", "doc_id", "title", "doc_type", "date", "organisation", "source", "region"}
_DOC_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


class ManifestError(ValueError):
    """The manifest cannot be used; str() is one Dutch line naming the file and the problem."""


@dataclass(frozen=True)
class Discovery:
    """What a corpus folder holds: documents to ingest, files we cannot read, and warnings."""

    documents: list[DocumentInfo]
    unsupported: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    defaulted: frozenset[Path] = frozenset()
    """Paths whose description came from defaults, not from the manifest."""


def supported_suffixes() -> tuple[str, ...]:
    try:
        from ingest.loaders import SUPPORTED_SUFFIXES
    except ImportError:  # the loaders module is optional while it is being written
        return TEXT_SUFFIXES
    return tuple(SUPPORTED_SUFFIXES)


def slugify(name: str) -> str:
    """ "Nota WINGG – versie 2.pdf" -> "nota-wingg-versie-2"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "document"


def first_line(text: str, limit: int = 150) -> str | None:
    """The first non-empty line, markdown markers stripped, cut at `limit` characters."""
    for line in text.splitlines():
        line = line.strip().lstrip("#*-> ").rstrip("* ").strip()
        if line:
            return line[:limit]
    return None


def _title_from_file(path: Path) -> str:
    if path.suffix.lower() in TEXT_SUFFIXES:
        try:
            with path.open("rb") as handle:
                head = _decode_head(handle.read(4096))
        except OSError:
            head = ""
        line = first_line(head)
        if line:
            return line
    return path.stem.replace("_", " ").replace("-", " ").strip() or path.name


def _decode_head(data: bytes) -> str:
    """The start of a text file, decoded as the loader decodes it (a BOM decides, else UTF-8, else cp1252);
    "" for UTF-16 without BOM or binary data, so the title falls back to the file name."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # The head may end in half a character: an even length of bytes, the rest ignored.
        return data[: len(data) // 2 * 2].decode("utf-16", errors="ignore")
    if b"\x00" in data:
        return ""
    try:
        # Not final: a character cut off at the end of the head is held back instead of failing UTF-8.
        return codecs.getincrementaldecoder("utf-8-sig")().decode(data)
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def default_info(path: Path) -> DocumentInfo:
    """Defaults for a file without manifest entry: slug of the file name, first line as title, "nota"."""
    return DocumentInfo(
        doc_id=slugify(path.stem), title=_title_from_file(path), doc_type=DEFAULT_DOC_TYPE, path=path
    )


def read_manifest(path: Path) -> list[dict[str, Any]]:
    """The entries of a manifest file, validated; raises ManifestError with a clear message."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (regel {mark.line + 1})" if mark is not None else ""
        raise ManifestError(f"{path}: geen geldige YAML{where}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{path}: niet leesbaar ({exc})") from exc
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("documents", []), list):
        raise ManifestError(f"{path}: verwacht 'documents:' met een lijst van documenten")
    entries = data.get("documents") or []
    seen: dict[str, str] = {}
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            raise ManifestError(f"{path}: document {number} heeft geen 'file:'")
        unknown = sorted(set(entry) - _FIELDS)
        if unknown:
            raise ManifestError(
                f"{path}: document {number} ({entry['file']}): onbekend veld {', '.join(unknown)}; "
                f"toegestaan: {', '.join(sorted(_FIELDS))}"
            )
        doc_id = str(entry.get("doc_id") or slugify(Path(entry["file"]).stem))
        if not _DOC_ID.match(doc_id):
            raise ManifestError(
                f"{path}: doc_id '{doc_id}' ongeldig (kleine letters, cijfers, '-', '.', '_')"
            )
        if doc_id in seen:
            raise ManifestError(
                f"{path}: doc_id '{doc_id}' komt twee keer voor ({seen[doc_id]}, {entry['file']})"
            )
        seen[doc_id] = entry["file"]
    return entries


def discover(folder: Path) -> Discovery:
    """Every document file directly in `folder` (sub-folders, hidden files and the manifest are skipped)."""
    manifest_path = folder / MANIFEST_NAME
    entries = read_manifest(manifest_path) if manifest_path.exists() else []
    by_file = {entry["file"]: entry for entry in entries}
    suffixes = supported_suffixes()
    documents: list[DocumentInfo] = []
    unsupported: list[Path] = []
    defaulted: set[Path] = set()
    problems: list[str] = []
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    listed = {p.name for p in files}
    for name in by_file:
        if name not in listed:
            problems.append(
                f"{manifest_path.name}: '{name}' staat in het manifest maar het bestand ontbreekt"
            )
    # Manifest order first (it is the reading order of the corpus), then the other files by name.
    ordered = [folder / e["file"] for e in entries if e["file"] in listed]
    ordered += [p for p in files if p.name not in by_file and p.name != MANIFEST_NAME]
    ids: dict[str, Path] = {}
    for path in ordered:
        if path.suffix.lower() not in suffixes:
            unsupported.append(path)
            continue
        entry = by_file.get(path.name)
        info = _info_from_entry(path, entry) if entry else default_info(path)
        if entry is None and info.doc_id in ids:
            # "nota.pdf" beside "nota.docx": the extension tells them apart.
            info = replace(info, doc_id=slugify(f"{path.stem}-{path.suffix.lstrip('.')}"))
        if info.doc_id in ids:
            problems.append(
                f"{path.name}: doc_id '{info.doc_id}' al gebruikt door {ids[info.doc_id].name}; overgeslagen"
            )
            continue
        ids[info.doc_id] = path
        if entry is None:
            defaulted.add(path)
        documents.append(info)
    return Discovery(documents, unsupported, problems, frozenset(defaulted))


def _info_from_entry(path: Path, entry: dict[str, Any]) -> DocumentInfo:
    fallback = default_info(path)

    def text(key: str) -> str | None:
        value = entry.get(key)
        return None if value is None else str(value)

    return DocumentInfo(
        doc_id=text("doc_id") or fallback.doc_id,
        title=text("title") or fallback.title,
        doc_type=text("doc_type") or DEFAULT_DOC_TYPE,
        path=path,
        date=text("date"),
        organisation=text("organisation"),
        source=text("source"),
        region=text("region"),
    )


def discover_file(path: Path) -> Discovery:
    """One file: its manifest entry when its folder has one, else defaults."""
    folder = discover(path.parent)
    documents = [d for d in folder.documents if d.path == path]
    unsupported = [p for p in folder.unsupported if p == path]
    return Discovery(documents, unsupported, [], frozenset(folder.defaulted & {path}))


@dataclass
class Scan:
    """The documents of an ingest's paths, each doc_id once, with what went wrong finding them (Dutch)."""

    documents: list[DocumentInfo]
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    defaulted: set[Path] = field(default_factory=set)
    scanned_dirs: list[Path] = field(default_factory=list)


def scan(paths: Sequence[Path], documents: Sequence[DocumentInfo] = ()) -> Scan:
    """`documents`, then the documents of `paths` (folders or files); a doc_id already taken by another file
    is an error for the later file."""
    found = Scan(list(documents))
    for path in paths:
        path = Path(path).resolve()
        if path.is_dir():
            discovery = discover(path)
            found.scanned_dirs.append(path)
        elif path.is_file():
            discovery = discover_file(path)
        else:
            found.errors.append(f"{path}: bestand of map bestaat niet")
            continue
        found.documents += discovery.documents
        found.defaulted |= set(discovery.defaulted)
        found.warnings += discovery.problems
        found.errors += [
            f"{p.name}: bestandstype niet ondersteund ({p.suffix or 'geen extensie'})"
            for p in discovery.unsupported
        ]
    seen: dict[str, Path] = {}
    unique = []
    for info in found.documents:
        if info.doc_id in seen and seen[info.doc_id] != info.path:
            found.errors.append(
                f"{info.path.name}: doc_id '{info.doc_id}' is al in gebruik door {seen[info.doc_id]}"
            )
            continue
        if info.doc_id not in seen:
            seen[info.doc_id] = info.path
            unique.append(info)
    found.documents = unique
    return found
