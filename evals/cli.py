"""`overhoop eval`: the eval suite (runner pending) and `overhoop eval validate FILE` for question sets."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.settings import get_settings
from evals.schema import QuestionSetError, duplicate_ids_across, question_files, validate_file

QUESTIONS_DIR = Path(__file__).resolve().parent / "questions"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `eval` (the runner) and `eval validate FILE` (the question-set check)."""
    parser = subparsers.add_parser(
        "eval",
        help="evalueer de assistent op een vragenset, of controleer een vragenset",
        description="Evalueer de assistent op een vragenset. `overhoop eval validate FILE` controleert een "
        "vragenset (schema, unieke ids, citaten letterlijk in het genoemde document).",
    )
    parser.add_argument(
        "--questions",
        type=Path,
        default=QUESTIONS_DIR,
        help="vragenbestand (.jsonl) of map met .jsonl-bestanden",
    )
    parser.add_argument("--quick", action="store_true", help="een vaste, snelle deelverzameling met drempels")
    parser.add_argument("--out", type=Path, default=None, help="map voor de rapporten")
    parser.set_defaults(func=run_eval)

    # Optional sub-subcommands: without one, `overhoop eval` runs the evaluation.
    commands = parser.add_subparsers(dest="eval_command", metavar="SUBCOMMAND")
    validate = commands.add_parser(
        "validate",
        help="controleer een vragenset",
        description="Controleer vragenbestanden (.jsonl, of een map ermee): JSON, schema, unieke ids, "
        "bekende documenten, en of elk citaat letterlijk in het genoemde document staat. Exit 0 als alles "
        "klopt, anders 1 met één regel per probleem.",
    )
    validate.add_argument("files", nargs="+", type=Path, metavar="FILE", help="vragenbestand(en) of map")
    validate.add_argument(
        "--corpus", type=Path, default=None, help="corpusmap (standaard: uit de instellingen)"
    )
    validate.set_defaults(func=run_validate)


def run_validate(args: argparse.Namespace) -> int:
    corpus_dir = args.corpus or get_settings().corpus_dir
    if not corpus_dir.is_dir():
        print(f"Corpusmap niet gevonden: {corpus_dir}", file=sys.stderr)
        return 1
    try:
        files = [file for path in args.files for file in question_files(path)]
    except QuestionSetError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 1
    if not files:
        print("Geen .jsonl-bestanden gevonden.", file=sys.stderr)
        return 1
    failed = 0
    for file in files:
        errors = validate_file(file, corpus_dir)
        for error in errors:
            print(f"{file}: {error}")
        if errors:
            failed += 1
        else:
            print(f"{file}: in orde")
    for error in duplicate_ids_across(files):
        print(error)
        failed += 1
    if failed:
        print("De vragenset bevat fouten.", file=sys.stderr)
        return 1
    return 0


def run_eval(args: argparse.Namespace) -> int:
    print(
        "De evaluatie-runner is nog niet beschikbaar. "
        "Controleer een vragenset met: overhoop eval validate FILE",
        file=sys.stderr,
    )
    return 2
