"""The HTML report: its Markdown rendered as HTML elements, untrusted text escaped, plots inline."""

from __future__ import annotations

import re

from evals.report.html import to_html

MARKDOWN = """# OverHoop-evaluatie

## Set: tuning

| systeem | hit@5 |
|---|---|
| overhoop | 0.750 |

![recall_at_k.png](recall_at_k.png)
"""


def test_headings_and_tables_become_html_elements() -> None:
    html = to_html(MARKDOWN, {})
    assert "<title>OverHoop-evaluatie</title>" in html
    assert "<h1>OverHoop-evaluatie</h1>" in html and "<h2>Set: tuning</h2>" in html
    table = re.search(r"<table>.*</table>", html, re.DOTALL)
    assert table is not None
    assert "<th>systeem</th>" in table.group() and "<td>0.750</td>" in table.group()


def test_a_figure_is_inlined_as_png() -> None:
    html = to_html(MARKDOWN, {"recall_at_k.png": b"\x89PNG"})
    assert re.search(r'<img src="data:image/png;base64,iVBORw==" alt="recall_at_k.png"', html)


def test_markup_in_an_answer_is_shown_as_text_never_run() -> None:
    answer = 'Antwoord: <script>alert("x")</script> <img src=x onerror=alert(1)> [1]'
    markdown = f"# Titel <b>\n\n{answer}\n\n<script>alert(2)</script>\n\n| a |\n|---|\n| <script> |\n"
    html = to_html(markdown, {})
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<title>Titel &lt;b&gt;</title>" in html
