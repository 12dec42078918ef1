"""Write an eval run as report.md, a self-contained report.html (plots inline as PNG) and results.json.

Both reports are rendered from one list of blocks (heading, paragraph, table, figure), so they always say
the same thing; the Markdown report links the PNG files written next to it.
"""

from __future__ import annotations

import base64
import html
import io
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evals.metrics import KS

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

METHOD = [
    "**Gouden bewijs.** Een passage bevat citaat *i* als ze uit hetzelfde document komt (doc_id) en het "
    "citaat erin staat na normalisatie (NFKC, kleine letters, enkel letters en cijfers), of minstens 60% "
    "ervan als begin of einde (een citaat over een chunkgrens). Hit@k: een passage met bewijs in de top k; "
    "recall@k: aandeel van de citaten in de top k; MRR: 1/rang van de eerste passage met bewijs; nDCG@10: "
    "binair, elk citaat telt één keer. Enkel beantwoordbare vragen; ook een geweigerde vraag wordt op haar "
    "rangschikking gescoord.",
    "**Weigering.** Juist op een beantwoordbare vraag = geantwoord; op een onbeantwoordbare = geweigerd.",
    "**Citatie-validiteit.** Elk paar (zin, [n]) in het antwoord: geldig als bron n getoond wordt en de "
    "passage de zin letterlijk bevat (zelfde normalisatie als hierboven; het extractieve antwoord citeert "
    "letterlijk). Een generatief antwoord wordt getoetst met de steunregel van de assistent "
    "(assistant.citations: ≥ 60% van de inhoudsstammen en alle getallen van de zin in de passage, zelfde "
    "polariteit). Het naïeve recept toont geen citaties: n.v.t.",
    "**Dekking antwoordpunten.** Een antwoordpunt telt als gedekt als ≥ 60% van zijn gestemde inhoudswoorden "
    "(Nederlandse Snowball-stammen, zonder stopwoorden) én al zijn getallen in het antwoord staan. "
    "Transparant en reproduceerbaar, maar blind voor parafrase met andere woorden en voor ontkenning, en "
    "een lang antwoord dekt makkelijker: daarom staat 'dekking context' (dezelfde regel op de top-5 "
    "passages) ernaast. Een geweigerde beantwoordbare vraag dekt niets. Voor 'naive' is het 'antwoord' "
    "de vijf gestapelde stukken van 1000 tekens: zijn dekking is een bovengrens van wat een generator "
    "zou kunnen gebruiken, geen antwoordscore.",
    "**Antwoordbeslissing.** Elk systeem kiest per vraag een uitkomst: *answer*, *partial* (een gelabeld "
    "gedeeltelijk antwoord) of *none* (niet in de documenten); een systeem zonder uitkomst telt als *none* "
    "als het weigert en anders als *answer*. Beantwoordbare vragen: aandeel met uitkomst *answer* (een "
    "*partial* telt niet) en aandeel *partial*. Onbeantwoordbare vragen: aandeel met *none* of *partial* "
    "(een gelabeld gedeeltelijk antwoord beweert geen antwoord). De weigercijfers van vroeger (geweigerd "
    "precies als de vraag onbeantwoordbaar is) staan ernaast.",
    "**Intentie.** Aandeel van de vragen met een gouden `intent` waarvoor het systeem die intentie las; de "
    "verwarringstabel zet de gouden intentie (rij) tegen de gelezen (kolom).",
    "**Dekking beantwoorde vragen.** Dezelfde dekkingsregel, enkel over beantwoordbare vragen met uitkomst "
    "*answer* of *partial*: wat een antwoord bevat als het er een geeft, los van hoe vaak het weigert.",
    "**Off-topic.** Beoordeeld op beantwoordbare vragen met uitkomst *answer* of *partial* (niet voor "
    "gestapelde context). Een geciteerde zin (een zin van het antwoord met een marker [n]; in een "
    "extractief antwoord de `quotes` van de citaties) is off-topic als ze (a) geen enkele stam (of getal) "
    "deelt met de *nood* van de vraag en (b) geen van haar bronnen gouden bewijs bevat (zelfde regel als "
    "bij het zoeken, elk document). De nood is de vraag zonder haar gouden `situation`-zin, zonder "
    "stopwoorden en een korte lijst kaderwoorden (best, graag, hoeveel, ...); bij een vervolgvraag ook de "
    "laatste gebruikers- en de laatste assistentbeurt, waar de verwijzing ('die zesde', 'daarvoor') naar "
    "wijst. Blijft er geen stam over, dan telt de hele vraag. Gerapporteerd: het aandeel beantwoorde "
    "vragen met minstens één off-topic zin, en het aandeel off-topic zinnen van alle geciteerde zinnen. "
    "Grenzen: lexicaal, dus een zin over het onderwerp in andere woorden telt als off-topic tenzij haar "
    "passage gouden bewijs bevat, en een zin die toevallig één woord deelt ('spanningen') telt als "
    "on-topic; het gouden bewijs markeert maar enkele passages per vraag; de nood van een vervolgvraag "
    "neemt de hele vorige beurt mee, wat mild is als de vervolgvraag een andere kant op gaat; zinnen "
    "zonder marker (aanloop, labels) worden niet beoordeeld.",
    "**Afstemset en achtergehouden set.** De afstemset (evals/questions/*.jsonl) dient om drempels en "
    "regels te kiezen; de achtergehouden set (evals/questions/heldout/) is geschreven vóór het afstemmen "
    "en dient enkel om te meten. Voor haar toont het rapport daarom geen drempelkalibratie en geen "
    "slechtste items; de drempels van --quick gelden voor de afstemset.",
    "**Latentie.** Wandtijd van één antwoord (`ask()`), warm, op deze machine; voor 'naive' enkel het "
    "zoeken.",
    "**Ablaties.** 'dense' en 'bm25' zijn dezelfde assistent met één zoeker. De weigerdrempel is "
    "gekalibreerd op het signaal van de hybride assistent; bij 'bm25' bestaat het signaal enkel uit "
    "lexicale dekking (geen cosinus), dus zijn weigercijfers zeggen weinig.",
]


@dataclass(frozen=True, slots=True)
class Block:
    kind: str  # "h1" | "h2" | "h3" | "p" | "table" | "figure" | "pre"
    text: str = ""
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


def write_reports(results: dict[str, Any], out: Path) -> None:
    """report.md, report.html, results.json and the plots (PNG) in `out` (created if needed)."""
    out.mkdir(parents=True, exist_ok=True)
    figures = plots(results)
    for name, png in figures.items():
        (out / name).write_bytes(png)
    blocks = report_blocks(results, list(figures))
    (out / "report.md").write_text(to_markdown(blocks), encoding="utf-8")
    (out / "report.html").write_text(to_html(blocks, figures), encoding="utf-8")
    (out / "results.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=1, default=_json_default), encoding="utf-8"
    )


def _json_default(value: object) -> object:
    if isinstance(value, float) and math.isnan(value):
        return None
    return str(value)


# ----------------------------------------------------------------------------------------------------
# Content


def fmt(value: Any, digits: int = 3) -> str:
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


# ----------------------------------------------------------------------------------------------------
# Rendering


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(blocks: Sequence[Block]) -> str:
    parts = []
    for block in blocks:
        if block.kind in ("h1", "h2", "h3"):
            parts.append("#" * int(block.kind[1]) + " " + block.text)
        elif block.kind == "p":
            parts.append(block.text)
        elif block.kind == "table":
            lines = ["| " + " | ".join(_md_cell(h) for h in block.headers) + " |"]
            lines.append("|" + "|".join("---" for _ in block.headers) + "|")
            lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block.rows]
            parts.append("\n".join(lines))
        elif block.kind == "figure":
            parts.append(f"![{block.text}]({block.text})")
        elif block.kind == "pre":
            parts.append("```text\n" + block.text + "\n```")
    return "\n\n".join(parts) + "\n"


def _inline(text: str) -> str:
    """Markdown's `code` and **bold** as HTML, everything else escaped."""
    out = []
    for i, piece in enumerate(text.split("`")):
        escaped = html.escape(piece)
        if i % 2:
            out.append(f"<code>{escaped}</code>")
        else:
            bold = escaped.split("**")
            out.append("".join(f"<b>{p}</b>" if j % 2 else p for j, p in enumerate(bold)))
    return "".join(out)


_CSS = """
body{font-family:system-ui,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0;font-size:.9em}
th,td{border:1px solid #ccc;padding:.3em .5em;text-align:right}
th:first-child,td:first-child{text-align:left}
th{background:#f3f3f3}
pre{background:#f8f8f8;padding:.8em;white-space:pre-wrap;font-size:.85em}
img{max-width:100%}
"""


def to_html(blocks: Sequence[Block], figures: dict[str, bytes]) -> str:
    body = []
    for block in blocks:
        if block.kind in ("h1", "h2", "h3"):
            body.append(f"<{block.kind}>{html.escape(block.text)}</{block.kind}>")
        elif block.kind == "p":
            body.append(f"<p>{_inline(block.text)}</p>")
        elif block.kind == "table":
            head = "".join(f"<th>{html.escape(h)}</th>" for h in block.headers)
            rows = "".join(
                "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in block.rows
            )
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        elif block.kind == "figure":
            data = base64.b64encode(figures[block.text]).decode("ascii")
            body.append(f'<p><img alt="{html.escape(block.text)}" src="data:image/png;base64,{data}"></p>')
        elif block.kind == "pre":
            body.append(f"<pre>{html.escape(block.text)}</pre>")
    title = html.escape(blocks[0].text if blocks else "OverHoop-evaluatie")
    return (
        f'<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{_CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


# ----------------------------------------------------------------------------------------------------
# Plots


def plots(results: dict[str, Any]) -> dict[str, bytes]:
    """PNG bytes by file name: recall@k per system and set, hit@5 per item type for each set, latency per
    system."""
    import matplotlib

    matplotlib.use("Agg")
    sets = results["sets"]
    figures = {"recall_at_k.png": _recall_plot(sets)}
    for set_name, figures_of_set in sets.items():
        figures[f"per_type_{set_name}.png"] = _type_plot(figures_of_set["by_type"], set_name)
    items = [record for figures_of_set in sets.values() for record in figures_of_set["items"]]
    figures["latency.png"] = _latency_plot(items)
    return figures


def _png(fig: Any) -> bytes:
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buffer, format="png", dpi=100)
    plt.close(fig)
    return buffer.getvalue()


def _recall_plot(sets: dict[str, dict[str, Any]]) -> bytes:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4))
    for style, (set_name, figures) in zip(("-", "--", ":"), sets.items(), strict=False):
        for color, (name, numbers) in enumerate(figures["summary"].items()):
            values = [float(numbers[f"recall@{k}"]) for k in KS if numbers.get(f"recall@{k}") is not None]
            if len(values) == len(KS):
                ax.plot(KS, values, style, color=f"C{color}", marker="o", label=f"{name} ({set_name})")
    ax.set_xticks(KS)
    ax.set_ylim(0, 1)
    ax.set_xlabel("k")
    ax.set_ylabel("recall@k (gouden citaten)")
    ax.set_title("Recall@k per systeem")
    ax.grid(alpha=0.3)
    ax.legend()
    return _png(fig)


def _type_plot(by_type: dict[str, dict[str, dict[str, Any]]], set_name: str) -> bytes:
    import matplotlib.pyplot as plt

    systems = list(by_type)
    types = sorted({t for per in by_type.values() for t in per})
    fig, ax = plt.subplots(figsize=(max(6, 1.3 * len(types)), 4))
    width = 0.8 / max(1, len(systems))
    for i, system in enumerate(systems):
        values = []
        for item_type in types:
            numbers = by_type[system].get(item_type, {})
            value = (
                numbers.get("hit@5")
                if numbers.get("n_answerable")
                else numbers.get("refusal_acc_unanswerable")
            )
            values.append(value or 0.0)
        ax.bar([x + i * width for x in range(len(types))], values, width, label=system)
    ax.set_xticks([x + width * (len(systems) - 1) / 2 for x in range(len(types))])
    ax.set_xticklabels([t if t != "unanswerable" else "unanswerable\n(weigering ok)" for t in types])
    ax.set_ylim(0, 1)
    ax.set_ylabel("hit@5")
    ax.set_title(f"Hit@5 per vraagtype ({set_name})")
    ax.legend(fontsize="small")
    return _png(fig)


def _latency_plot(items: list[dict[str, Any]]) -> bytes:
    import matplotlib.pyplot as plt

    systems = list(dict.fromkeys(record["system"] for record in items))
    data = [[max(r["latency_ms"], 0.01) for r in items if r["system"] == s] for s in systems]
    fig, ax = plt.subplots(figsize=(6, 4))
    if data and all(data):
        ax.boxplot(data, tick_labels=systems, showfliers=True)
        ax.set_yscale("log")
    ax.set_ylabel("latentie per vraag (ms, log)")
    ax.set_title("Latentie per systeem")
    ax.grid(alpha=0.3, axis="y")
    return _png(fig)
