"""What the eval report says, as one list of blocks (heading, paragraph, table, figure, preformatted text).

The Markdown report renders these blocks and the HTML report renders that Markdown, so both say the same.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from evals.report.method import METHOD

HEADLINE = (
    ("hit@1", "hit@1"),
    ("hit@5", "hit@5"),
    ("hit@10", "hit@10"),
    ("recall@5", "recall@5"),
    ("mrr", "MRR"),
    ("ndcg@10", "nDCG@10"),
    ("answered_answerable", "antwoord (beantwoordbaar)"),
    ("declined_unanswerable", "geen of partieel antwoord (onbeantwoordbaar)"),
    ("citation_validity", "citatie-validiteit"),
    ("coverage", "dekking antwoordpunten"),
    ("coverage_answered", "dekking beantwoorde vragen"),
    ("offtopic_answers", "antwoorden met off-topic zin"),
    ("latency_p50_ms", "p50 ms"),
)
LEAD_METRICS = ("hit@5", "mrr", "ndcg@10", "declined_unanswerable", "coverage")
PRIMARY = "overhoop"
SET_LABELS = {"tuning": "afstemset", "heldout": "achtergehouden set"}


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of the report; `text` is Markdown (a heading, a paragraph, a figure's file name)."""

    kind: str  # "h1" | "h2" | "h3" | "p" | "table" | "figure" | "pre"
    text: str = ""
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


def fmt(value: Any, digits: int = 3) -> str:
    """A figure for a table cell: a dash when it was not measured."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def headline_rows(sets: dict[str, dict[str, Any]]) -> tuple[tuple[str, ...], ...]:
    """One row per system and set, the sets of one system next to each other."""
    systems = list(dict.fromkeys(name for figures in sets.values() for name in figures["summary"]))
    rows = []
    for name in systems:
        for set_name, figures in sets.items():
            numbers = figures["summary"].get(name)
            if numbers is None:
                continue
            cells = [name, set_name, str(numbers.get("n", ""))]
            for key, _ in HEADLINE:
                digits = 0 if key.endswith("_ms") else 3
                cell = fmt(numbers.get(key), digits)
                if name == "naive" and key.startswith("coverage") and cell != "—":
                    cell += " †"
                cells.append(cell)
            rows.append(tuple(cells))
    return tuple(rows)


def report_blocks(results: dict[str, Any], figures: Sequence[str] = ()) -> list[Block]:
    """The whole report of one eval run; `figures`: the file names of its plots, in order."""
    sets = results["sets"]
    settings = results["settings"]
    described = " · ".join(
        f"{name} ({SET_LABELS.get(name, name)}): {numbers['n']} vragen uit {numbers['source']}"
        for name, numbers in sets.items()
    )
    blocks = [
        Block("h1", "OverHoop-evaluatie" + (" (snel)" if results.get("quick") else "")),
        Block("p", f"Commando: `{results['command']}`"),
        Block(
            "p",
            f"{results['created']} · {described} · "
            f"embedder {settings['embedder']} · answer_k {settings['answer_k']} · "
            f"weigerdrempel {settings['refusal_threshold']}",
        ),
        Block(
            "table",
            headers=("systeem", "set", "n", *(label for _, label in HEADLINE)),
            rows=headline_rows(sets),
        ),
    ]
    if any("naive" in numbers["summary"] for numbers in sets.values()):
        blocks.append(Block("p", "† 'naive' antwoordt met vijf gestapelde stukken: zie Methode."))
    if "heldout" in sets:
        blocks.append(
            Block(
                "p",
                "De achtergehouden set is geschreven vóór het afstemmen en dient nooit om drempels of "
                "regels te kiezen: zie evals/questions/heldout/README.md.",
            )
        )
    blocks += [
        Block("p", "; ".join(f"**{s['name']}**: {s['description']}" for s in results["systems"])),
    ]
    blocks += _threshold_blocks(results)
    for set_name, set_figures in sets.items():
        label = SET_LABELS.get(set_name, set_name)
        blocks.append(Block("h2", f"Set: {set_name} ({label}, {set_figures['n']} vragen)"))
        summary = set_figures["summary"]
        blocks += _lead_blocks(summary)
        blocks += _answer_blocks(summary)
        blocks += _decision_blocks(summary)
        blocks += _confusion_blocks(set_figures.get("intent_confusion", {}).get(PRIMARY, {}))
        blocks += _group_blocks("Per vraagtype", set_figures["by_type"])
        blocks += _group_blocks("Per document (van het gouden bewijs)", set_figures["by_document"])
        blocks += _slice_blocks(set_figures.get("by_slice", {}).get(PRIMARY, {}))
        blocks += _calibration_blocks(set_figures.get("calibration", {}))
    if figures:
        blocks.append(Block("h2", "Grafieken"))
        blocks += [Block("figure", name) for name in figures]
    blocks.append(Block("h2", "Methode"))
    blocks += [Block("p", text) for text in METHOD]
    for set_name, set_figures in sets.items():
        blocks += _worst_blocks(set_name, set_figures.get("worst", []))
    return blocks


def _threshold_blocks(results: dict[str, Any]) -> list[Block]:
    thresholds = results.get("thresholds")
    if not thresholds:
        return []
    measured = results["sets"][thresholds["set"]]["summary"].get(PRIMARY, {})
    rows = tuple(
        (metric, fmt(limit), fmt(measured.get(metric)), _status(measured.get(metric), limit))
        for metric, limit in thresholds["limits"].items()
    )
    verdict = "gehaald" if not thresholds["failures"] else "NIET gehaald"
    return [
        Block("h2", f"Drempels (--quick, {thresholds['set']}): {verdict}"),
        Block("p", f"Drempels gemeten met: {thresholds['measured_with']}."),
        Block("table", headers=("metriek", "drempel", PRIMARY, ""), rows=rows),
    ]


def _status(value: float | None, limit: float) -> str:
    if value is None:
        return "niet gemeten"
    return "ok" if value >= limit else "ONDER"


def _lead_blocks(summary: dict[str, dict[str, Any]]) -> list[Block]:
    if PRIMARY not in summary or len(summary) < 2:
        return []
    ours = summary[PRIMARY]
    rows = []
    for name, theirs in summary.items():
        if name == PRIMARY:
            continue
        cells = [name]
        for metric in LEAD_METRICS:
            a, b = ours.get(metric), theirs.get(metric)
            cells.append("—" if a is None or b is None else f"{a - b:+.3f}")
        rows.append(tuple(cells))
    return [
        Block("h3", f"Voorsprong van {PRIMARY} op elke baseline"),
        Block("table", headers=("baseline", *(f"Δ {m}" for m in LEAD_METRICS)), rows=tuple(rows)),
    ]


# (header, summary key, digits) per column of the two per-system answer tables.
_ANSWER_COLUMNS = (
    ("weigering ok (beantw.)", "refusal_acc_answerable", 3),
    ("weigering ok (onbeantw.)", "refusal_acc_unanswerable", 3),
    ("citatie-validiteit", "citation_validity", 3),
    ("citaties getoetst", "citations_checked", 3),
    ("dekking antwoord", "coverage", 3),
    ("dekking beantwoorde", "coverage_answered", 3),
    ("beantwoorde (answer/partial)", "n_answered_answerable", 3),
    ("dekking context (top-5)", "context_coverage", 3),
    ("p50 ms", "latency_p50_ms", 0),
    ("p95 ms", "latency_p95_ms", 0),
)
_DECISION_COLUMNS = (
    ("answer (beantw.)", "answered_answerable", 3),
    ("partial (beantw.)", "partial_answerable", 3),
    ("none of partial (onbeantw.)", "declined_unanswerable", 3),
    ("intentie juist", "intent_accuracy", 3),
    ("intenties getoetst", "intents_checked", 3),
    ("antwoorden met off-topic zin", "offtopic_answers", 3),
    ("off-topic zinnen", "offtopic_sentences", 3),
    ("geciteerde zinnen", "quoted_sentences", 3),
)


def _answer_blocks(summary: dict[str, dict[str, Any]]) -> list[Block]:
    return _system_table("Antwoorden", summary, _ANSWER_COLUMNS)


def _decision_blocks(summary: dict[str, dict[str, Any]]) -> list[Block]:
    return _system_table("Antwoordbeslissing, intentie en off-topic", summary, _DECISION_COLUMNS)


def _system_table(
    title: str, summary: dict[str, dict[str, Any]], columns: Sequence[tuple[str, str, int]]
) -> list[Block]:
    """One row per system, one column per (header, summary key, digits)."""
    rows = tuple(
        (name, *(fmt(s.get(key), digits) for _, key, digits in columns)) for name, s in summary.items()
    )
    headers = ("systeem", *(header for header, _, _ in columns))
    return [Block("h3", title), Block("table", headers=headers, rows=rows)]


def _confusion_blocks(confusion: dict[str, dict[str, int]]) -> list[Block]:
    if not confusion:
        return []
    read = sorted({intent for row in confusion.values() for intent in row})
    rows = tuple(
        (gold, *(str(confusion[gold].get(intent, 0)) for intent in read), str(sum(confusion[gold].values())))
        for gold in confusion
    )
    return [
        Block("h3", f"Intentie: goud (rij) tegen gelezen door {PRIMARY} (kolom)"),
        Block("table", headers=("goud", *read, "n"), rows=rows),
    ]


def _group_blocks(title: str, groups: dict[str, dict[str, dict[str, Any]]]) -> list[Block]:
    systems = list(groups)
    names = sorted({group for per in groups.values() for group in per})
    headers = ["groep", "n"]
    for system in systems:
        headers += [f"{system} hit@5", f"{system} MRR", f"{system} weigering ok"]
    rows = []
    for group in names:
        first = next((groups[s][group] for s in systems if group in groups[s]), {})
        cells = [group, str(first.get("n", 0))]
        for system in systems:
            numbers = groups[system].get(group, {})
            refusal = (
                numbers.get("refusal_acc_unanswerable")
                if not numbers.get("n_answerable")
                else numbers.get("refusal_acc_answerable")
            )
            cells += [fmt(numbers.get("hit@5")), fmt(numbers.get("mrr")), fmt(refusal)]
        rows.append(tuple(cells))
    return [Block("h3", title), Block("table", headers=tuple(headers), rows=tuple(rows))]


def _slice_blocks(slices: dict[str, dict[str, Any]]) -> list[Block]:
    """Per file of questions written together: a new, blind one shows what the pooled figures hide."""
    if len(slices) < 2:
        return []
    headers = ("deelset", "n", "hit@5", "MRR", "antwoord", "geen of partieel", "dekking", "off-topic")
    rows = tuple(
        (
            name,
            str(numbers.get("n", 0)),
            fmt(numbers.get("hit@5")),
            fmt(numbers.get("mrr")),
            fmt(numbers.get("answered_answerable")),
            fmt(numbers.get("declined_unanswerable")),
            fmt(numbers.get("coverage_answered")),
            fmt(numbers.get("offtopic_answers")),
        )
        for name, numbers in slices.items()
    )
    return [
        Block("h3", f"Per deelset ({PRIMARY}; vragen die samen geschreven zijn, naar hun id)"),
        Block("table", headers=headers, rows=rows),
    ]


def _calibration_blocks(calibrations: dict[str, dict[str, Any]]) -> list[Block]:
    if not calibrations:
        return []
    rows = tuple(
        (
            name,
            fmt(c["current_threshold"], 4),
            fmt(c["current_balanced_accuracy"]),
            fmt(c["best_threshold"], 4),
            fmt(c["best_balanced_accuracy"]),
            fmt(c["best_answered_answerable"]),
            fmt(c["best_refused_unanswerable"]),
        )
        for name, c in calibrations.items()
    )
    return [
        Block("h3", "Kalibratie van de weigerdrempel"),
        Block(
            "p",
            "De assistent weigert als het relevantiesignaal onder de drempel ligt. Beste drempel = hoogste "
            "gebalanceerde nauwkeurigheid (gemiddelde van 'geantwoord' op beantwoordbare en 'geweigerd' op "
            "onbeantwoordbare vragen), gemeten op déze vragen: een optimistische schatting.",
        ),
        Block(
            "table",
            headers=(
                "systeem",
                "huidige drempel",
                "gebal. nauwk.",
                "beste drempel",
                "gebal. nauwk.",
                "geantwoord (beantw.)",
                "geweigerd (onbeantw.)",
            ),
            rows=rows,
        ),
    ]


def _worst_blocks(set_name: str, worst: list[dict[str, Any]]) -> list[Block]:
    if not worst:
        return []
    blocks = [
        Block("h2", f"Slechtste items ({PRIMARY}, {set_name})"),
        Block(
            "p",
            "Eerst de beantwoordbare vragen met de zwakste rangschikking, dan de verkeerde "
            "weigerbeslissingen. ★ = passage met gouden bewijs.",
        ),
    ]
    for entry in worst:
        reason = "zoeken" if entry["reason"] == "retrieval" else "weigering"
        blocks.append(Block("h3", f"{entry['id']} ({entry['type']}, {reason}; MRR {fmt(entry['mrr'])})"))
        lines = [f"Vraag: {entry['question']}"]
        lines += [f"Eerder gevraagd: {turn}" for turn in entry["history"]]
        lines += [f"Bewijs [{e['doc_id']}]: {e['quote']}" for e in entry["evidence"]] or ["Bewijs: (geen)"]
        if entry["answer_points"]:
            lines.append("Antwoordpunten: " + "; ".join(entry["answer_points"]))
        for passage in entry["retrieved"]:
            where = passage["doc_id"] + (f" › {passage['section']}" if passage["section"] else "")
            where += f" p.{passage['page']}" if passage["page"] is not None else ""
            star = " ★" if passage["gold"] else ""
            lines.append(f"Gevonden {passage['rank']}{star} [{where}]: {passage['text']}")
        lines.append(("Geweigerd: " if entry["refused"] else "Antwoord: ") + entry["answer"])
        lines += [f"Off-topic: {sentence}" for sentence in entry.get("off_topic", [])]
        blocks.append(Block("pre", "\n".join(lines)))
    return blocks
