"""`overhoop eval`: the eval runner, `overhoop eval validate FILE` for question sets, `eval calibrate`."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from basics.settings import PROJECT_ROOT, get_settings
from evals.schema import (
    HELDOUT_FOLDER,
    EvalItem,
    QuestionSet,
    QuestionSetError,
    SetName,
    duplicate_ids_across,
    load_questions,
    question_files,
    validate_file,
)

if TYPE_CHECKING:
    from evals.ranker_fit import RankerFit

QUESTIONS_DIR = Path(__file__).resolve().parent / "questions"
HELDOUT_DIR = QUESTIONS_DIR / HELDOUT_FOLDER
SET_CHOICES = ("tuning", "heldout", "both")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `eval` (the runner) and `eval validate FILE` (the question-set check)."""
    parser = subparsers.add_parser(
        "eval",
        help="evalueer de assistent op een vragenset, of controleer een vragenset",
        description="Evalueer de assistent op een vragenset. `overhoop eval validate FILE` controleert een "
        "vragenset (schema, unieke ids, citaten letterlijk in het genoemde document).",
    )
    chosen = parser.add_mutually_exclusive_group()
    chosen.add_argument(
        "--set",
        choices=SET_CHOICES,
        default=None,
        help="tuning: de afstemset (evals/questions/*.jsonl); heldout: de achtergehouden set "
        "(evals/questions/heldout/); both: beide naast elkaar (standaard; met --quick: tuning)",
    )
    chosen.add_argument(
        "--questions",
        type=Path,
        default=None,
        help="één eigen vragenbestand (.jsonl) of map, in plaats van de vaste sets",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="een vaste, snelle deelverzameling met drempels (op de afstemset)",
    )
    parser.add_argument(
        "--cross-fit",
        action="store_true",
        help="ook de rij 'overhoop-cf' op de afstemset: elke afstemvraag gezocht met de "
        "zoekvector-aanpassing die zonder haar deel van de set gefit is (eerlijke afstemcijfers; "
        "ongeveer een minuut extra)",
    )
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
        help="pas zoekvector, rangschikker en antwoordbeslissing aan op de afstemset",
        description="Pas eerst de zoekvector-aanpassing aan (de vraagvector zo afgebeeld dat de passages met "
        "het gouden bewijs hoger komen), dan de rangschikker van de gevonden passages (elke kandidaat "
        "gelabeld met het gouden bewijs), dan de antwoordbeslissing met beide in gebruik, en toon hoe elk "
        "doet in kruisvalidatie (vragen die het model niet zag). Met --write komen de modellen in "
        "assistant/data/query_adapter.npz, ranker.json en decision.json. Nooit op de achtergehouden set.",
    )
    calibrate.add_argument(
        "--questions", type=Path, default=QUESTIONS_DIR, help="vragenbestand (.jsonl) of map"
    )
    calibrate.add_argument("--write", action="store_true", help="schrijf het aangepaste model weg")
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

    sets = question_sets(args.questions, args.set, args.quick)
    if sets is None:
        return 2
    options = RunOptions(quick=args.quick, out=args.out, command=eval_command(args), cross_fit=args.cross_fit)
    try:
        return evaluate(sets, get_settings(), options)
    except EvalSetupError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2


def question_sets(questions: Path | None, choice: str | None, quick: bool) -> list[QuestionSet] | None:
    """The sets to run: one file or folder given with --questions (reported as the set it lies in), or the
    tuning set, the held-out set or both. None (after one Dutch line on stderr) when a set cannot load."""
    if questions is not None:
        items = _load_items(questions)
        name: SetName = "heldout" if _inside(questions, HELDOUT_DIR) else "tuning"
        return None if items is None else [QuestionSet(name, _shown_path(questions), items)]
    choice = choice or ("tuning" if quick else "both")
    if quick and choice == "heldout":
        print(
            "Fout: --quick meet de afstemset tegen haar drempels; gebruik --set tuning of both.",
            file=sys.stderr,
        )
        return None
    sets = []
    if choice in ("tuning", "both"):
        items = _load_items(QUESTIONS_DIR)
        if items is None:
            return None
        sets.append(QuestionSet("tuning", _shown_path(QUESTIONS_DIR), items))
    if choice in ("heldout", "both"):
        present = HELDOUT_DIR.is_dir() and question_files(HELDOUT_DIR)
        if not present and choice == "both":
            print(
                f"Geen achtergehouden set in {_shown_path(HELDOUT_DIR)}: enkel de afstemset.",
                file=sys.stderr,
            )
            return sets
        items = _load_items(HELDOUT_DIR)
        if items is None:
            return None
        sets.append(QuestionSet("heldout", _shown_path(HELDOUT_DIR), items))
    return sets


def run_calibrate(args: argparse.Namespace) -> int:
    """Fit the answer decision on the tuning questions; print cross-validated figures; --write saves it."""
    from assistant.core import Assistant
    from assistant.decision import MODEL_FILE
    from assistant.query_adapter import MODEL_FILE as ADAPTER_FILE
    from assistant.ranking import MODEL_FILE as RANKER_FILE
    from evals.adapter_fit import fit_on as fit_adapter
    from evals.decision_fit import collect_features, fit
    from evals.ranker_fit import collect as collect_candidates
    from evals.ranker_fit import fit as fit_ranker
    from ingest.embedders import EmbedderUnavailable
    from ingest.index import IndexUnavailable

    if _inside(args.questions, HELDOUT_DIR):
        print(
            "Fout: de achtergehouden set (evals/questions/heldout/) dient nooit om te kalibreren; "
            "kalibreer op de afstemset.",
            file=sys.stderr,
        )
        return 2
    items = _load_items(args.questions)
    if items is None:
        return 2
    settings = get_settings()
    try:
        plain = Assistant(settings.model_copy(update={"rerank": False, "query_adapter": False}))
    except (IndexUnavailable, EmbedderUnavailable) as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
    source = f"{len(items)} afstemvragen ({_shown_path(args.questions)})"
    adapter = cross_fitted = None
    if settings.query_adapter:
        try:
            adapted = fit_adapter(plain, items, source)
        except ValueError as exc:
            print(f"Fout: {exc}", file=sys.stderr)
            return 2
        _print_fit(
            f"Zoekvector-aanpassing: {adapted.n_questions} vragen met bewijs",
            adapted.plain,
            "zonder aanpassing",
            adapted.cross_validated,
            adapted.train,
        )
        adapter, cross_fitted = adapted.adapter, adapted.cross_fitted
    # The ranker's features depend on what the searches find: fit it with the new adapter in use, each
    # question searched by the adapter fitted without it.
    fused = Assistant(settings.model_copy(update={"rerank": False}), index=plain.index, adapter=cross_fitted)
    try:
        ranked = fit_ranker(
            collect_candidates(fused, items), fused.index.embedder_id, fused.retrieval_config, source
        )
    except ValueError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
    _print_ranker(ranked)
    # A ranker that does not beat the fused order on questions it did not see is not shipped.
    keeps_ranker = ranked.cross_validated["mrr"] > ranked.fused["mrr"]
    if not keeps_ranker:
        print("  niet gebruikt: in kruisvalidatie niet beter dan de samengevoegde volgorde (MRR)")
    # The decision's features depend on which passages come first: fit it with the new ranker in use.
    assistant = Assistant(
        settings.model_copy(update={"rerank": keeps_ranker}),
        index=fused.index,
        ranker=ranked.model if keeps_ranker else None,
        adapter=cross_fitted,
    )
    features = collect_features(assistant, items)
    try:
        report = fit(items, features, assistant.index.embedder_id, source, assistant.retrieval_config)
    except ValueError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
    print(f"{report.n_answerable} beantwoordbare en {report.n_unanswerable} onbeantwoordbare vragen")
    print("AUC per kenmerk: " + ", ".join(f"{k} {v:.3f}" for k, v in report.auc.items()))
    print(
        f"Op de afstemvragen zelf: beantwoord {report.train_answered_answerable:.3f}, "
        f"niet beantwoord bij onbeantwoordbare {report.train_declined_unanswerable:.3f}"
    )
    print(
        "Kruisvalidatie (5-voudig, 10 herhalingen; model en drempel gekozen zonder de geteste vragen): "
        f"beantwoord {report.cv_answered_answerable:.3f}, niet beantwoord bij onbeantwoordbare "
        f"{report.cv_declined_unanswerable:.3f}"
    )
    if report.by_slice:
        answered, declined = report.by_slice["all"]
        print(
            "Eén deelset telkens weggelaten (samen geschreven vragen; zo ziet een blinde set eruit): "
            f"beantwoord {answered:.3f}, niet beantwoord bij onbeantwoordbare {declined:.3f}"
        )
        print(
            "  per deelset (beantwoord / niet beantwoord): "
            + ", ".join(f"{k} {a:.2f} / {d:.2f}" for k, (a, d) in report.by_slice.items() if k != "all")
        )
        print(
            "  zonder één kenmerk: "
            + ", ".join(f"{k} {a:.3f} / {d:.3f}" for k, (a, d) in report.without.items())
        )
    print(
        f"Antwoorddrempel {report.model.answer_threshold:.4f}, "
        f"deelantwoord vanaf {report.model.partial_threshold:.4f}"
    )
    if args.write:
        written = [RANKER_FILE, MODEL_FILE] if keeps_ranker else [MODEL_FILE]
        if adapter is not None:
            adapter.save(ADAPTER_FILE)
            written.insert(0, ADAPTER_FILE)
        if keeps_ranker:
            RANKER_FILE.write_text(ranked.model.to_json(), encoding="utf-8")
        else:
            RANKER_FILE.unlink(missing_ok=True)  # search then keeps the fused order
        MODEL_FILE.write_text(report.model.to_json(), encoding="utf-8")
        print("Modellen geschreven naar " + ", ".join(str(path) for path in written))
    else:
        print("Gebruik --write om deze modellen te bewaren.")
    return 0


def _print_ranker(ranked: RankerFit) -> None:
    _print_fit(
        f"Rangschikker: {ranked.n_questions} vragen met bewijs",
        ranked.fused,
        "samengevoegde volgorde (RRF)",
        ranked.cross_validated,
        ranked.train,
        "5-voudig, 3 herhalingen",
    )


def _print_fit(
    title: str,
    before: dict[str, float],
    before_label: str,
    cross_validated: dict[str, float],
    train: dict[str, float],
    folds: str = "5-voudig",
) -> None:
    def figures(values: dict[str, float]) -> str:
        return ", ".join(f"{k} {v:.3f}" for k, v in values.items())

    print(title)
    print(f"  {before_label}: {figures(before)}")
    print(f"  kruisvalidatie ({folds}): {figures(cross_validated)}")
    print(f"  op de afstemvragen zelf: {figures(train)}")


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
    if args.questions is not None:
        parts += ["--questions", shlex.quote(_shown_path(args.questions))]
    if args.set is not None:
        parts += ["--set", args.set]
    if args.quick:
        parts.append("--quick")
    if args.cross_fit:
        parts.append("--cross-fit")
    if args.out is not None:
        parts += ["--out", shlex.quote(str(args.out))]
    embedder = get_settings().embedder
    prefix = f"OVERHOOP_EMBEDDER={embedder} " if "OVERHOOP_EMBEDDER" in os.environ else ""
    return prefix + " ".join(parts)


def _inside(path: Path, folder: Path) -> bool:
    resolved = Path(path).resolve()
    return resolved == folder or folder in resolved.parents


def _shown_path(path: Path) -> str:
    """A path relative to the project when it lies inside it (reports do not leak home directories)."""
    resolved = Path(path).resolve()
    try:
        return str(resolved.relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)
