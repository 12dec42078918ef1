"""`overhoop eval`: score the product and its baselines on the same questions, write the reports.

Full run: "overhoop" (hybrid + extractive answer + answer decision), "dense", "bm25" and "naive", on the
tuning set and the held-out set, side by side. `--quick`: a fixed subset (`quick_subset`: every 4th item
of each type of the tuning set: 47 of the first 176, 62 of 240 with natural.jsonl) with "overhoop" and
"bm25" only (the naive baseline would embed the whole corpus on a fresh machine); the tuning subset is
checked against `evals.thresholds`.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from assistant.retrieval import RetrievalMode
from basics.settings import Settings
from evals.baselines import AssistantSystem, NaiveRag, RepeatedQueryMemo, System
from evals.calibrate import calibration
from evals.report import write_reports
from evals.schema import EvalItem, QuestionSet
from evals.scoring import (
    ItemScore,
    by_document,
    by_slice,
    by_type,
    intent_confusion,
    score_item,
    summarize,
    summarize_by,
)
from evals.thresholds import MEASURED_WITH, QUICK_THRESHOLDS, failures

REPORTS_DIR = Path(__file__).resolve().parent / "reports"
PRIMARY = "overhoop"
TUNING = "tuning"
QUICK_STEP = 4
QUICK_SYSTEMS = ("overhoop", "bm25")
WORST_RETRIEVAL = 12
WORST_REFUSALS = 10

DESCRIPTIONS = {
    "overhoop": "het product: hybride zoeken (dense + BM25, RRF), extractief antwoord, antwoordbeslissing",
    "dense": "zelfde assistent, enkel dense zoeken",
    "bm25": "zelfde assistent, enkel BM25 zoeken",
}
MODES: dict[str, RetrievalMode] = {"overhoop": "hybrid", "dense": "dense", "bm25": "bm25"}
CROSS_FIT = "overhoop-cf"
CROSS_FIT_DESCRIPTION = (
    "het product, elke afstemvraag gezocht met de zoekvector-aanpassing die zonder haar deel van de set "
    "gefit is: wat de aanpassing niet van buiten kent (enkel op de afstemset)"
)


class EvalSetupError(RuntimeError):
    """The eval cannot start (no index, embedder unavailable): one Dutch line saying what to do."""


@dataclass(frozen=True, slots=True)
class RunOptions:
    quick: bool
    out: Path | None
    command: str
    cross_fit: bool = False
    """Also run CROSS_FIT on the tuning set (see `cross_fit_system`)."""


def quick_subset(items: Sequence[EvalItem], step: int = QUICK_STEP) -> list[EvalItem]:
    """Every `step`-th item of each type, by id: stable, proportional, and no type left out."""
    by_type: dict[str, list[EvalItem]] = {}
    for item in sorted(items, key=lambda item: item.id):
        by_type.setdefault(item.type, []).append(item)
    chosen = [item for group in by_type.values() for item in group[::step]]
    return sorted(chosen, key=lambda item: item.id)


def build_systems(settings: Settings, names: Sequence[str]) -> list[System]:
    """The named systems over the index and embedder of `settings` (one index and one model, shared)."""
    from assistant.core import Assistant
    from ingest.embedders import EmbedderUnavailable, make_embedder
    from ingest.embedding_cache import cached_embedder
    from ingest.index import IndexUnavailable
    from ingest.pipeline import VECTORS_DIR
    from ingest.store import open_index

    try:
        index = open_index(settings)
    except IndexUnavailable as exc:
        raise EvalSetupError(str(exc)) from exc
    try:
        embedder = cached_embedder(
            make_embedder(settings), settings.cache_dir, settings.corpus_dir / VECTORS_DIR
        )
    except EmbedderUnavailable as exc:
        raise EvalSetupError(str(exc)) from exc
    systems: list[System] = []
    for name in names:
        if name == "naive":
            systems.append(_naive(settings, embedder))
        else:
            memo = RepeatedQueryMemo(embedder)
            assistant = Assistant(settings, index=index, embedder=memo, retrieval_mode=MODES[name])
            systems.append(AssistantSystem(name, DESCRIPTIONS[name], assistant))
    return systems


def cross_fit_system(settings: Settings, items: Sequence[EvalItem], product: Any) -> System:
    """The product with the query adapter cross-fitted on `items`, sharing the index and the embedder of
    `product` (an Assistant already loaded): each question is searched with the adapter fitted without its
    fold (`evals.adapter_fit`), so its rows show what the adapter has not learned by heart; any other
    question gets the adapter fitted on all of them. Raises EvalSetupError when there are too few questions
    with evidence to fit it."""
    from assistant.core import Assistant
    from evals.adapter_fit import fit_on

    index, embedder = product.index, product.embedder
    plain_settings = settings.model_copy(update={"rerank": False, "query_adapter": False})
    plain = Assistant(plain_settings, index=index, embedder=embedder)
    try:
        fitted = fit_on(plain, items, "--cross-fit")
    except ValueError as exc:
        raise EvalSetupError(str(exc)) from exc
    assistant = Assistant(settings, index=index, embedder=embedder, adapter=fitted.cross_fitted)
    return AssistantSystem(CROSS_FIT, CROSS_FIT_DESCRIPTION, assistant)


def _naive(settings: Settings, embedder: Any) -> NaiveRag:
    from tqdm import tqdm

    from evals.baselines import naive_texts

    missing = len(embedder.missing(naive_texts(settings.corpus_dir)))
    with tqdm(
        total=missing, desc="Naïeve baseline inbedden", unit="stuk", file=sys.stderr, disable=not missing
    ) as bar:
        return NaiveRag.build(settings.corpus_dir, embedder, settings.answer_k, bar.update)


def run_systems(items: Sequence[EvalItem], systems: Sequence[System]) -> dict[str, list[ItemScore]]:
    """Every system on every item (a progress bar on a terminal), scored."""
    from tqdm import tqdm

    scores: dict[str, list[ItemScore]] = {}
    with tqdm(total=len(items) * len(systems), desc="Evaluatie", unit="vraag", file=sys.stderr) as bar:
        for system in systems:
            bar.set_postfix_str(system.name)
            scores[system.name] = []
            for item in items:
                scores[system.name].append(score_item(item, system.name, system.reply(item)))
                bar.update()
    return scores


def results_of(
    scores: dict[str, dict[str, list[ItemScore]]],
    sets: Sequence[QuestionSet],
    systems: Sequence[System],
    settings: Settings,
    options: RunOptions,
) -> dict[str, Any]:
    """Everything the reports show, as plain JSON-able data; `scores` is set name -> system -> items."""
    results: dict[str, Any] = {
        "command": options.command,
        "created": datetime.now().astimezone().isoformat(timespec="seconds"),
        "quick": options.quick,
        "settings": {
            "embedder": settings.embedder,
            "answer_k": settings.answer_k,
            "retrieve_k": settings.retrieve_k,
            "rrf_k": settings.rrf_k,
            "refusal_threshold": settings.refusal_threshold,
            "generative": settings.generative,
        },
        "systems": [{"name": s.name, "description": s.description} for s in systems],
        "sets": {
            question_set.name: set_results(question_set, scores[question_set.name], settings)
            for question_set in sets
        },
    }
    if options.quick and TUNING in results["sets"]:
        results["thresholds"] = {
            "set": TUNING,
            "limits": QUICK_THRESHOLDS,
            "measured_with": MEASURED_WITH,
            "failures": failures(results["sets"][TUNING]["summary"].get(PRIMARY, {})),
        }
    return results


def set_results(
    question_set: QuestionSet, scores: dict[str, list[ItemScore]], settings: Settings
) -> dict[str, Any]:
    """The figures of one question set. A held-out set gets no threshold sweep and no worst items: what
    is chosen by looking at it is no longer held out."""
    return {
        "source": question_set.source,
        "n": len(question_set.items),
        "held_out": question_set.held_out,
        "summary": {name: summarize(per) for name, per in scores.items()},
        "by_type": {name: summarize_by(per, by_type) for name, per in scores.items()},
        "by_document": {name: summarize_by(per, by_document) for name, per in scores.items()},
        "by_slice": {PRIMARY: summarize_by(scores[PRIMARY], by_slice)} if PRIMARY in scores else {},
        "intent_confusion": {name: intent_confusion(per) for name, per in scores.items()},
        "calibration": {} if question_set.held_out else _calibrations(scores, _answer_threshold(settings)),
        "items": [_item_record(question_set.name, s) for per in scores.values() for s in per],
        "worst": [] if question_set.held_out else worst_items(scores.get(PRIMARY, [])),
    }


def _answer_threshold(settings: Settings) -> float:
    """The probability threshold the decision answers at (the coverage rule's steep logistic cuts at 0.5)."""
    from assistant.decision import load_model

    return 0.5 if settings.refusal_threshold is not None else load_model().answer_threshold


def _calibrations(scores: dict[str, list[ItemScore]], current: float) -> dict[str, Any]:
    out = {}
    for name, per in scores.items():
        answerable = [s.reply.signal for s in per if s.item.answerable and s.reply.signal is not None]
        unanswerable = [s.reply.signal for s in per if not s.item.answerable and s.reply.signal is not None]
        if answerable and unanswerable:
            out[name] = calibration(answerable, unanswerable, current)
    return out


def _item_record(set_name: str, score: ItemScore) -> dict[str, Any]:
    reply = score.reply
    return {
        "set": set_name,
        "id": score.item.id,
        "system": score.system,
        "type": score.item.type,
        "question": score.item.question,
        "answerable": score.item.answerable,
        "refused": reply.refused,
        "refusal_correct": score.refusal_correct,
        "outcome": score.outcome,
        "intent": reply.intent,
        "gold_intent": score.item.intent,
        "retrieval": score.retrieval,
        "citations": list(score.citations) if score.citations is not None else None,
        "coverage": score.coverage,
        "context_coverage": score.context_coverage,
        "quoted": score.quoted,
        "off_topic": score.off_topic,
        "latency_ms": reply.seconds * 1000,
        "signal": reply.signal,
        "ranked": [p.chunk_id for p in reply.ranked],
        "found": score.found,
    }


def worst_items(scores: Sequence[ItemScore]) -> list[dict[str, Any]]:
    """The items an evaluator should read first: answerable items retrieved worst (then answered worst),
    and wrong refusal decisions either way."""
    answerable = sorted(
        (s for s in scores if s.retrieval is not None),
        key=lambda s: (_metric(s, "mrr"), _metric(s, "recall@10"), s.coverage or 0.0, s.item.id),
    )
    wrong_refusals = [s for s in scores if not s.refusal_correct]
    worst = [("retrieval", s) for s in answerable[:WORST_RETRIEVAL]]
    worst += [
        ("refusal", s) for s in wrong_refusals[:WORST_REFUSALS] if s not in answerable[:WORST_RETRIEVAL]
    ]
    return [_worst_record(reason, s) for reason, s in worst]


def _metric(score: ItemScore, name: str) -> float:
    return score.retrieval[name] if score.retrieval else 0.0


def _worst_record(reason: str, score: ItemScore) -> dict[str, Any]:
    item, reply = score.item, score.reply
    return {
        "reason": reason,
        "id": item.id,
        "type": item.type,
        "question": item.question,
        "history": [turn.content for turn in item.history if turn.role == "user"],
        "evidence": [{"doc_id": e.doc_id, "quote": e.quote} for e in item.evidence],
        "answer_points": list(item.answer_points),
        "retrieved": [
            {
                "rank": rank,
                "doc_id": p.doc_id,
                "section": p.section.rsplit(" > ", 1)[-1],
                "page": p.page,
                "gold": bool(score.found[rank - 1]) if rank <= len(score.found) else False,
                "text": _snippet(p.text),
            }
            for rank, p in enumerate(reply.ranked[:3], start=1)
        ],
        "refused": reply.refused,
        "outcome": score.outcome,
        "answer": _snippet(reply.answer, 900),
        "off_topic": score.off_topic or [],
        "mrr": score.retrieval["mrr"] if score.retrieval else None,
        "coverage": score.coverage,
    }


def _snippet(text: str, limit: int = 300) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def default_out_dir(now: datetime | None = None) -> Path:
    return REPORTS_DIR / (now or datetime.now()).strftime("%Y%m%d-%H%M%S")


def evaluate(sets: Sequence[QuestionSet], settings: Settings, options: RunOptions) -> int:
    """Run every system on every set, write the reports, print the headline; 0, or 1 when --quick falls
    below a threshold on the tuning set.

    Raises EvalSetupError when the index or the embedder is not there.
    """
    if options.quick:
        sets = [replace(s, items=quick_subset(s.items)) for s in sets]
        names: Sequence[str] = QUICK_SYSTEMS
    else:
        names = ("overhoop", "dense", "bm25", "naive")
    systems = build_systems(settings, names)
    scores: dict[str, dict[str, list[ItemScore]]] = {s.name: run_systems(s.items, systems) for s in sets}
    tuning = [s for s in sets if s.name == TUNING]
    if options.cross_fit and tuning:
        product = next(s for s in systems if isinstance(s, AssistantSystem))
        extra = cross_fit_system(settings, tuning[0].items, product.assistant)
        scores[TUNING].update(run_systems(tuning[0].items, [extra]))
        systems = [*systems, extra]
    results = results_of(scores, sets, systems, settings, options)
    out = options.out or default_out_dir()
    write_reports(results, out)
    if options.out is None:
        latest = out.parent / "latest"
        shutil.rmtree(latest, ignore_errors=True)
        shutil.copytree(out, latest)
    _print_headline(results, out)
    if options.quick and "thresholds" in results:
        problems = results["thresholds"]["failures"]
        for line in problems:
            print(f"Onder de drempel: {line}", file=sys.stderr)
        if problems:
            return 1
        print("Alle drempels gehaald.")
    return 0


def _print_headline(results: dict[str, Any], out: Path) -> None:
    print(f"Rapport: {out / 'report.md'} (ook report.html en results.json)")
    for set_name, figures in results["sets"].items():
        print(f"{set_name} ({figures['n']} vragen, {figures['source']}):")
        for name, summary in figures["summary"].items():
            print(
                f"  {name:9s} hit@5 {_num(summary.get('hit@5'))}  MRR {_num(summary.get('mrr'))}  "
                f"antwoord {_num(summary.get('answered_answerable'))}  "
                f"niet/partieel {_num(summary.get('declined_unanswerable'))}  "
                f"citaties {_num(summary.get('citation_validity'))}  "
                f"dekking beantwoord {_num(summary.get('coverage_answered'))}  "
                f"off-topic {_num(summary.get('offtopic_answers'))}  "
                f"p50 {_num(summary.get('latency_p50_ms'), 0)} ms"
            )


def _num(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"
