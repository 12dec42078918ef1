"""The chat page's text helpers: document text never renders as markup, quotes are highlighted."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from ui.render import conversation_markdown, escape_markdown, highlight_quotes, render_answer, source_label

HOSTILE = (
    '<script>alert("x")</script> ![img](http://example.org/x.png) [klik](http://evil) '
    "# Kop\n1. lijst\n- item **vet** `code` $x^2$ :red[rood] | a | b |"
)


def _html(markdown: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(markdown)


def test_escaped_text_renders_as_literal_text() -> None:
    html = _html(escape_markdown(HOSTILE))
    for tag in ("<script", "<img", "<a ", "<h1", "<ol", "<ul", "<strong", "<code", "<table"):
        assert tag not in html
    visible = re.sub(r"<[^>]+>", "", html)
    assert "alert" in visible and "klik" in visible


def test_answer_keeps_citation_markers_visible() -> None:
    html = _html(render_answer("Praat met het kind. [1]\nZoek hulp. [2]"))
    assert "[1]" in html and "[2]" in html


def test_highlight_marks_only_the_quoted_sentence() -> None:
    passage = "Eerste zin over iets. Blijf   rustig en luister. Laatste zin."
    html = " ".join(_html(highlight_quotes(passage, ["Blijf rustig en luister."])).split())
    assert "<strong>Blijf rustig en luister.</strong>" in html
    assert "<strong>Eerste" not in html


def test_highlight_of_hostile_passage_stays_text() -> None:
    html = _html(highlight_quotes(HOSTILE, ["[klik](http://evil)"]))
    assert "<a " not in html and "<script" not in html


def test_source_label_shows_page_only_when_known() -> None:
    with_page = source_label({"n": 2, "title": "Eindrapport", "section": "3 Resultaten", "page": 12})
    without = source_label({"n": 1, "title": "Inspiratienota", "section": "", "page": None})
    assert with_page == "[2] Eindrapport — 3 Resultaten — p. 12"
    assert without == "[1] Inspiratienota"


def test_conversation_export_lists_sources_under_answers() -> None:
    messages = [
        {"role": "user", "content": "Wat is een niet-pluis-gevoel?"},
        {
            "role": "assistant",
            "content": "Een gevoel dat er iets niet klopt. [1]",
            "answer": {
                "citations": [{"n": 1, "title": "Inspiratienota", "section": "Signalen", "page": None}]
            },
        },
    ]
    md = conversation_markdown(messages)
    assert "**Vraag:** Wat is een niet-pluis-gevoel?" in md
    assert md.index("Bronnen:") > md.index("**Antwoord:**")
    assert "- [1] Inspiratienota — Signalen" in md


def test_answer_structure_renders_and_quoted_text_stays_literal() -> None:
    answer = (
        "Dit zeggen de OverHoop-documenten over wat je kan doen:\n\n"
        "Vertrouw op je buikgevoel en ga in gesprek. [1]\n\n"
        "**Wat je kan doen:**\n"
        "- Hanteer *niet* <b>stigmatiserende</b> begrippen. [2]\n"
        "- **Good Behavior Game:**\n"
        "  Dit is een klasmanagement strategie. [3]"
    )
    html = _html(render_answer(answer))
    assert "<strong>Wat je kan doen:</strong>" in html and "<strong>Good Behavior Game:</strong>" in html
    assert html.count("<li>") == 2 and "Dit is een klasmanagement strategie. [3]</li>" in html
    assert "<b>" not in html and "<em>" not in html and "[2]" in html
