"""Write an eval run as report.md, a self-contained report.html (plots inline as PNG) and results.json.

The Markdown report links the PNG files written next to it; the HTML report is that Markdown rendered.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from evals.report.content import report_blocks
from evals.report.html import to_html
from evals.report.markdown import to_markdown
from evals.report.plots import plots


def write_reports(results: dict[str, Any], out: Path) -> None:
    """report.md, report.html, results.json and the plots (PNG) in `out` (created if needed)."""
    out.mkdir(parents=True, exist_ok=True)
    figures = plots(results)
    for name, png in figures.items():
        (out / name).write_bytes(png)
    markdown = to_markdown(report_blocks(results, list(figures)))
    (out / "report.md").write_text(markdown, encoding="utf-8")
    (out / "report.html").write_text(to_html(markdown, figures), encoding="utf-8")
    (out / "results.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=1, default=_json_default), encoding="utf-8"
    )


def _json_default(value: object) -> object:
    if isinstance(value, float) and math.isnan(value):
        return None
    return str(value)
