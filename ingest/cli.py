"""`overhoop ingest`: build or update the index of the corpus (and export the shipped vectors)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from basics.settings import get_settings

ShippedExtras = Callable[[Path], Sequence[str]]
"""Texts of a corpus folder that are not passages but are shipped with its vectors all the same."""


def register(subparsers: argparse._SubParsersAction, shipped_extras: ShippedExtras | None = None) -> None:
    """Add `ingest`; `shipped_extras` names further texts `--export-vectors` ships (the root command passes
    the eval baseline's chunks, so ingest need not know its evaluator)."""
    parser = subparsers.add_parser(
        "ingest",
        help="documenten inlezen en de zoekindex bijwerken",
        description=(
            "Lees de documenten in (standaard de map corpus/) en werk de index bij: nieuwe en gewijzigde "
            "documenten worden (opnieuw) ingelezen, verdwenen documenten verwijderd, de rest overgeslagen."
        ),
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PAD", help="bestanden of mappen (standaard: corpus/)"
    )
    parser.add_argument("--rebuild", action="store_true", help="de index volledig opnieuw opbouwen")
    parser.add_argument("--strict", action="store_true", help="eindig met code 1 als een bestand mislukt")
    parser.add_argument(
        "--if-stale", action="store_true", help="alleen als de index ontbreekt of verouderd is"
    )
    parser.add_argument(
        "--export-vectors",
        action="store_true",
        help="de meegeleverde vectoren (corpus/vectors/) opnieuw schrijven (nodig na een chunking-wijziging)",
    )
    parser.add_argument(
        "--wait",
        type=float,
        default=30.0,
        metavar="SEC",
        help="zo lang wachten op een andere lopende ingest (standaard 30)",
    )
    parser.set_defaults(func=run, shipped_extras=shipped_extras)


def run(args: argparse.Namespace) -> int:
    from ingest.embedders import EmbedderUnavailable
    from ingest.index import IndexUnavailable
    from ingest.manifest import ManifestError
    from ingest.pipeline import export_vectors, ingest, is_stale
    from ingest.store import IngestBusy

    settings = get_settings()
    try:
        if args.export_vectors:
            for path in export_vectors(settings, extra_texts=_extra_texts(args, settings.corpus_dir)):
                print(f"Vectoren geschreven naar {path}")
            return 0
        if args.if_stale and not args.rebuild and not args.paths and not is_stale(settings):
            print("De index is up-to-date.")
            return 0
        summary = ingest(
            args.paths, settings, rebuild=args.rebuild, strict=args.strict, lock_timeout=args.wait
        )
    except (IngestBusy, IndexUnavailable, ManifestError, EmbedderUnavailable) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    for line in summary.lines():
        print(line, file=sys.stderr if line.startswith(("fout:", "waarschuwing:")) else sys.stdout)
    return summary.exit_code


def _extra_texts(args: argparse.Namespace, corpus_dir: Path) -> Sequence[str]:
    extras: ShippedExtras | None = args.shipped_extras
    return extras(corpus_dir) if extras else ()
