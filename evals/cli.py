"""`overhoop eval`: the eval runner, `overhoop eval validate FILE` for question sets, `eval calibrate`."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path

from assistant.settings import PROJECT_ROOT, get_settings
from evals.schema import (
    EvalItem,
    QuestionSetError,
    duplicate_ids_across,
    load_questions,
    question_files,
    validate_file,
)

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

    calibrate = commands.add_parser(
        "calibrate",
        help="kies de weigerdrempel op een vragenset",
        description="Bereken het relevantiesignaal van elke vraag en toon de weigerdrempel met de beste "
        "gebalanceerde nauwkeurigheid op beantwoordbare en onbeantwoordbare vragen.",
    )
    calibrate.add_argument(
        "--questions", type=Path, default=QUESTIONS_DIR, help="vragenbestand (.jsonl) of map"
    )
    calibrate.set_defaults(func=run_calibrate)


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
    """The runner: 0 on success, 1 when --quick falls below a threshold, 2 when it cannot start."""
    from evals.runner import EvalSetupError, RunOptions, evaluate

    items = _load_items(args.questions)
    if items is None:
        return 2
    options = RunOptions(
        quick=args.quick,
        out=args.out,
        command=eval_command(args),
        questions_source=_shown_path(args.questions),
    )
    try:
        return evaluate(items, get_settings(), options)
    except EvalSetupError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2


def run_calibrate(args: argparse.Namespace) -> int:
    """Print the refusal threshold with the best balanced accuracy on the question set."""
    from assistant.core import Assistant
    from evals.calibrate import calibration, collect_signals, cross_validated
    from ingest.embedders import EmbedderUnavailable
    from ingest.index import IndexUnavailable

    items = _load_items(args.questions)
    if items is None:
        return 2
    settings = get_settings()
    try:
        assistant = Assistant(settings)
    except (IndexUnavailable, EmbedderUnavailable) as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
    answerable, unanswerable = collect_signals(assistant, items)
    if not answerable or not unanswerable:
        print("Kalibreren vraagt zowel beantwoordbare als onbeantwoordbare vragen.", file=sys.stderr)
        return 2
    result = calibration(answerable, unanswerable, settings.refusal_threshold)
    print(
        f"{result['n_answerable']} beantwoordbare en {result['n_unanswerable']} onbeantwoordbare vragen "
        f"(embedder {settings.embedder})"
    )
    for prefix, label in (("current", "huidige drempel"), ("best", "beste drempel  ")):
        print(
            f"{label} {result[prefix + '_threshold']:.4f}: gebalanceerde nauwkeurigheid "
            f"{result[prefix + '_balanced_accuracy']:.3f} (geantwoord op beantwoordbare "
            f"{result[prefix + '_answered_answerable']:.3f}, geweigerd op onbeantwoordbare "
            f"{result[prefix + '_refused_unanswerable']:.3f})"
        )
    if min(len(answerable), len(unanswerable)) >= 5:
        print(
            "Gebalanceerde nauwkeurigheid op nieuwe vragen (5-voudige kruisvalidatie, drempel gekozen op de "
            f"andere vragen): {cross_validated(answerable, unanswerable):.3f}"
        )
    print(f"Zet OVERHOOP_REFUSAL_THRESHOLD={result['best_threshold']:.4f} om de beste drempel te gebruiken.")
    return 0


def _load_items(path: Path) -> list[EvalItem] | None:
    try:
        items = load_questions(path)
    except QuestionSetError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return None
    if not items:
        print(f"Geen vragen gevonden in {path}.", file=sys.stderr)
        return None
    return items


def eval_command(args: argparse.Namespace) -> str:
    """The command line that reproduces this run, for the report."""
    parts = ["overhoop", "eval"]
    if Path(args.questions).resolve() != QUESTIONS_DIR:
        parts += ["--questions", shlex.quote(_shown_path(args.questions))]
    if args.quick:
        parts.append("--quick")
    if args.out is not None:
        parts += ["--out", shlex.quote(str(args.out))]
    embedder = get_settings().embedder
    prefix = f"OVERHOOP_EMBEDDER={embedder} " if "OVERHOOP_EMBEDDER" in os.environ else ""
    return prefix + " ".join(parts)


def _shown_path(path: Path) -> str:
    """A path relative to the project when it lies inside it (reports do not leak home directories)."""
    resolved = Path(path).resolve()
    try:
        return str(resolved.relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)
