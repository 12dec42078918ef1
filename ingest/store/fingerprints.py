"""Vector-file fingerprints: taken after each ingest, checked before chromadb opens the files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ingest.files import file_sha256
from ingest.store.registry import Registry

# These HNSW files only change when chromadb flushes a write; length.bin is rewritten on every open.
_HASHED_FILES = {"header.bin", "data_level0.bin", "link_lists.bin"}


def fingerprint_segments(chroma_dir: Path) -> dict[str, dict[str, Any]]:
    """Size and (for files chromadb only rewrites on a write) sha256 of every vector segment file."""
    prints: dict[str, dict[str, Any]] = {}
    for folder in sorted(p for p in chroma_dir.iterdir() if p.is_dir()) if chroma_dir.exists() else []:
        # With no links yet, every vector still lives in chromadb's SQLite log and the HNSW files are an
        # empty shell that any process opening the index may rewrite: check their size, not their bytes.
        links = folder / "link_lists.bin"
        populated = links.is_file() and links.stat().st_size > 0
        for file in sorted(p for p in folder.iterdir() if p.is_file()):
            hashed = file.name in _HASHED_FILES
            prints[f"{folder.name}/{file.name}"] = {
                "size": file.stat().st_size if hashed else None,
                "sha256": file_sha256(file) if hashed and populated else None,
            }
    return prints


def check_segments(chroma_dir: Path, registry: Registry) -> str | None:
    """What is wrong with the vector files (None if nothing); only existence while an ingest is dirty."""
    if registry.documents and not (chroma_dir / "chroma.sqlite3").is_file():
        return "chroma.sqlite3 ontbreekt"
    for name, expected in registry.segments.items():
        file = chroma_dir / name
        if not file.is_file():
            return f"vectorbestand {name} ontbreekt"
        if registry.dirty:
            continue
        size, digest = expected.get("size"), expected.get("sha256")
        if (size is not None and file.stat().st_size != size) or (digest and file_sha256(file) != digest):
            return f"vectorbestand {name} is gewijzigd of overschreven"
    return None
