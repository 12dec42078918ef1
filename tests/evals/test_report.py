"""The reports: the same content as Markdown, self-contained HTML and JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

from evals.report import write_reports
from evals.report.content import Block
from evals.report.html import to_html
from evals.report.markdown import to_markdown


def summary(hit5: float, coverage: float | None) -> dict:
    numbers = {f"hit@{k}": hit5 for k in (1, 3, 5, 10)}
    numbers |= {f"recall@{k}": hit5 / 2 for k in (1, 3, 5, 10)}
    numbers |= {
        "n": 3,
        "n_answerable": 2,
        "n_unanswerable": 1,
        "mrr": 0.5,
        "ndcg@10": 0.4,
        "refusal_acc_answerable": 1.0,
        "refusal_acc_unanswerable": 0.0,
        "citation_validity": None if coverage is None else 0.9,
        "citations_checked": 4,
        "coverage": coverage,
        "context_coverage": 0.7,
        "latency_p50_ms": 12.0,
        "latency_p95_ms": 30.0,
        "answered_answerable": 0.5,
        "partial_answerable": 0.25,
        "declined_unanswerable": 1.0,
        "coverage_answered": None if coverage is None else coverage + 0.1,
        "offtopic_answers": 0.125,
        "offtopic_sentences": 0.0625,
    }
    return numbers


def set_figures(source: str, hit5: float, held_out: bool = False) -> dict:
    per_type = {
        "practical": summary(1.0, 0.5),
        "unanswerable": {"n": 1, "n_answerable": 0, "refusal_acc_unanswerable": 1.0},
    }
    return {
        "source": source,
        "n": 3,
        "held_out": held_out,
        "summary": {"overhoop": summary(hit5, 0.5), "naive": summary(0.5, 0.6)},
        "by_type": {"overhoop": per_type, "naive": per_type},
        "by_document": {"overhoop": {"nota": summary(1.0, 0.5)}, "naive": {"nota": summary(0.5, 0.5)}},
        "by_slice": {"overhoop": {"ho-fp": summary(0.9, 0.5), "ho-kp": summary(0.4, 0.2)}},
        "intent_confusion": {"overhoop": {"practical": {"practical": 2, "fact": 1}}, "naive": {}},
        "calibration": {},
        "items": [
            {"system": "overhoop", "latency_ms": 10.0},
            {"system": "overhoop", "latency_ms": 20.0},
            {"system": "naive", "latency_ms": 1.0},
        ],
        "worst": [] if held_out else [WORST],
    }


WORST = {
    "reason": "retrieval",
    "id": "q-9",
    "type": "practical",
    "question": "wat met een <script> niet-pluis-gevoel?",
    "history": [],
    "evidence": [{"doc_id": "nota", "quote": "Bespreek je zorgen met een collega."}],
    "answer_points": ["collega"],
    "retrieved": [
        {"rank": 1, "doc_id": "nota", "section": "Signalen", "page": 3, "gold": True, "text": "..."}
    ],
    "refused": False,
    "answer": "Bespreek je zorgen. [1] De ouderavond is op dinsdag. [2]",
    "off_topic": ["De ouderavond is op dinsdag."],
    "mrr": 1.0,
    "coverage": 1.0,
}


def results(held_out: bool = False) -> dict:
    sets = {"tuning": set_figures("evals/questions", 0.75)}
    if held_out:
        sets["heldout"] = set_figures("evals/questions/heldout", 0.25, held_out=True)
    return {
        "command": "overhoop eval --out x",
        "created": "2025-01-01T00:00:00+00:00",
        "quick": False,
        "settings": {"embedder": "hashing", "answer_k": 5, "refusal_threshold": 0.8},
        "systems": [
            {"name": "overhoop", "description": "het product"},
            {"name": "naive", "description": "recept"},
        ],
        "sets": sets,
    }


def test_writes_all_three_reports(tmp_path: Path):
    write_reports(results(), tmp_path / "out")
    out = tmp_path / "out"
    markdown = (out / "report.md").read_text(encoding="utf-8")
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<table>" in html and "overhoop eval --out x" in html
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert data["sets"]["tuning"]["summary"]["overhoop"]["hit@5"] == 0.75
    # The command and the headline table come first.
    lines = markdown.splitlines()
    assert "overhoop eval --out x" in lines[2]
    table = [line for line in lines if line.startswith("| overhoop | tuning ")]
    assert table and "0.750" in table[0]
    assert "| naive " in markdown and "0.600 †" in markdown
    # Lead of the product over the baseline: +0.250 hit@5.
    assert "+0.250" in markdown
    assert "q-9" in markdown and "Bespreek je zorgen met een collega." in markdown
    assert "Off-topic: De ouderavond is op dinsdag." in markdown


def test_headline_puts_the_sets_of_each_system_side_by_side(tmp_path: Path):
    write_reports(results(held_out=True), tmp_path)
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    rows = [line for line in markdown.splitlines() if line.startswith(("| overhoop |", "| naive |"))]
    assert [row.split(" | ")[:2] for row in rows[:4]] == [
        ["| overhoop", "tuning"],
        ["| overhoop", "heldout"],
        ["| naive", "tuning"],
        ["| naive", "heldout"],
    ]
    header = next(line for line in markdown.splitlines() if line.startswith("| systeem | set |"))
    for label in ("antwoord (beantwoordbaar)", "dekking beantwoorde vragen", "antwoorden met off-topic zin"):
        assert label in header
    assert "| overhoop | heldout | 3 | 0.250 |" in markdown
    # Both sets get their own section; only the tuning set shows its worst items.
    assert "## Set: tuning" in markdown and "## Set: heldout" in markdown
    assert markdown.count("## Slechtste items") == 1
    # The intent confusion table of the product, gold intent per row.
    assert "| goud | fact | practical | n |" in markdown and "| practical | 1 | 2 | 3 |" in markdown
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<td>heldout</td>" in html
    data = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert list(data["sets"]) == ["tuning", "heldout"]


def test_the_metric_rules_define_off_topic_and_the_held_out_set(tmp_path: Path):
    write_reports(results(), tmp_path)
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "**Off-topic.**" in markdown and "situation" in markdown and "Grenzen:" in markdown
    assert "**Antwoordbeslissing.**" in markdown and "**Afstemset en achtergehouden set.**" in markdown


def test_html_is_self_contained_with_inline_plots(tmp_path: Path):
    write_reports(results(), tmp_path)
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    images = re.findall(r'<img [^>]*src="([^"]+)"', html)
    assert len(images) == 3  # recall@k, hit@5 per type for the one set, latency
    assert all(src.startswith("data:image/png;base64,") for src in images)
    assert "http://" not in html and "https://" not in html
    # Text from the question set is escaped, never markup.
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_markdown_and_html_render_the_same_blocks():
    blocks = [Block("h2", "Titel"), Block("table", headers=("a", "b"), rows=(("x|y", "`z`"),))]
    markdown = to_markdown(blocks)
    assert "| x\\|y | `z` |" in markdown
    html = to_html(markdown, {})
    assert "<h2>Titel</h2>" in html and "<td>x|y</td>" in html


def test_each_slice_of_questions_written_together_gets_a_row(tmp_path: Path):
    write_reports(results(held_out=True), tmp_path)
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert markdown.count("### Per deelset (overhoop") == 2
    assert "| ho-kp | 3 | 0.400 | 0.500 | 0.500 | 1.000 | 0.300 | 0.125 |" in markdown
