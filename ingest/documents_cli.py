"""`overhoop documents list|add|remove`: the indexed documents, and the ones users add beside the corpus.

Scripts depend on these shapes: `list --json` prints a JSON list with one object per document; `add`
prints the new doc_id on its last line; every failure is one Dutch line on stderr and exit code 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from basics.settings import get_settings
from ingest.added import DOC_TYPES, DocumentError, add_document, list_documents, remove_document


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "documents",
        help="de geïndexeerde documenten tonen, toevoegen of verwijderen",
        description="Toon, voeg toe of verwijder documenten. Toegevoegde documenten worden bewaard in "
        "de datamap (data/added/) en bij `overhoop ingest --rebuild` opnieuw ingelezen.",
    )
    commands = parser.add_subparsers(dest="documents_command", metavar="ACTIE", required=True)

    listing = commands.add_parser("list", help="alle documenten in de index")
    listing.add_argument("--json", action="store_true", help="uitvoer als JSON")
    listing.set_defaults(func=run_list)

    add = commands.add_parser("add", help="een document toevoegen (pdf, docx, pptx, txt, md)")
    add.add_argument("file", type=Path, metavar="BESTAND")
    add.add_argument("--title", help="titel (standaard: uit het bestand)")
    add.add_argument("--type", choices=DOC_TYPES, default=None, help="soort document (standaard: andere)")
    add.add_argument("--organisation", help="organisatie")
    add.add_argument("--date", help="datum, bv. 2025-03")
    add.add_argument(
        "--mask-names", action="store_true", help="ook namen van personen maskeren (bv. in casussen)"
    )
    _add_wait(add)
    add.set_defaults(func=run_add)

    remove = commands.add_parser("remove", help="een toegevoegd document verwijderen")
    remove.add_argument("doc_id", metavar="DOC_ID")
    _add_wait(remove)
    remove.set_defaults(func=run_remove)


def _add_wait(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--wait", type=float, default=30.0, metavar="SEC", help="zo lang wachten op een andere ingest"
    )


def run_list(args: argparse.Namespace) -> int:
    try:
        documents = list_documents(get_settings())
    except _failures() as exc:
        return _fail(str(exc))
    if args.json:
        print(json.dumps(documents, ensure_ascii=False, indent=2))
        return 0
    if not documents:
        print("Geen documenten in de index: voer `overhoop ingest` uit.")
    for doc in documents:
        extra = ", ".join(str(v) for v in (doc["organisation"], doc["date"]) if v)
        origin = f"toegevoegd {doc['added_at']}" if doc["source"] == "added" else "meegeleverd"
        print(
            f"{doc['doc_id']}\t{doc['title']} ({doc['type']}{', ' + extra if extra else ''})\t"
            f"{doc['passages']} passages\t{origin}"
        )
    return 0


def run_add(args: argparse.Namespace) -> int:
    try:
        result = add_document(
            args.file,
            get_settings(),
            title=args.title,
            doc_type=args.type,
            organisation=args.organisation,
            date=args.date,
            mask_names=args.mask_names,
            lock_timeout=args.wait,
        )
    except _failures() as exc:
        name = args.file.name
        return _fail(str(exc) if str(exc).startswith(name) else f"{name}: {exc}")
    for warning in result.warnings:
        print(f"waarschuwing: {warning}", file=sys.stderr)
    print(result.summary())
    print(result.doc_id)
    return 0


def run_remove(args: argparse.Namespace) -> int:
    try:
        removed = remove_document(args.doc_id, get_settings(), lock_timeout=args.wait)
    except _failures() as exc:
        return _fail(str(exc) if str(exc).startswith(args.doc_id) else f"{args.doc_id}: {exc}")
    print(f"{args.doc_id} verwijderd ({removed} passages).")
    return 0


def _failures() -> tuple[type[BaseException], ...]:
    from ingest.embedders import EmbedderUnavailable
    from ingest.index import IndexUnavailable
    from ingest.store import IngestBusy

    return (DocumentError, IngestBusy, IndexUnavailable, EmbedderUnavailable)


def _fail(message: str) -> int:
    print(" ".join(message.split()), file=sys.stderr)
    return 1
