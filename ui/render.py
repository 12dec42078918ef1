"""Pure helpers for the chat page: safe text rendering, source labels, highlights and the Markdown export."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

# Every character that means something to Streamlit's Markdown (CommonMark + GFM + Streamlit's own
# `:color[...]` directives and `$` math). Document text must never render as markup, links or images.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$=])")


def escape_markdown(text: str) -> str:
    """Text as literal characters in st.markdown: no markup, links, images, HTML or math."""
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    # Keep paragraphs, but a line break inside a paragraph must not start a list or heading.
    return escaped.replace("\r", "")


# The answer's own structure, as the composer writes it: a bold line ("**Wat je kan doen:**"), a bullet
# ("- ..."), and a bullet's continuation line (two spaces in). Everything inside stays literal text.
_BOLD_LINE = re.compile(r"^\*\*([^*\n]+)\*\*$")
_BULLET = "- "
_CONTINUATION = "  "


def render_answer(answer_text: str) -> str:
    """The answer as safe Markdown: its bold lines and bullets rendered, every other character literal, and
    citation markers shown as plain '[n]'."""
    lines = answer_text.replace("\r", "").split("\n")
    out = []
    for i, line in enumerate(lines):
        prefix = next((p for p in (_BULLET, _CONTINUATION) if line.startswith(p)), "")
        body = line[len(prefix) :].strip() if prefix else line
        bold = _BOLD_LINE.match(body)
        text = f"**{escape_markdown(bold.group(1))}**" if bold else escape_markdown(body)
        # A line break inside a paragraph or item stays a break; a blank line still ends the block.
        following = lines[i + 1] if i + 1 < len(lines) else ""
        hard_break = "  " if following.strip() and not following.startswith(_BULLET) else ""
        out.append(f"{prefix}{text}{hard_break}" if text else "")
    return "\n".join(out)


def source_label(citation: Mapping[str, Any]) -> str:
    """'[2] Inspiratienota — 04 Acht bouwstenen > 6. ... — p. 12' (page only where known)."""
    parts = [f"[{citation['n']}] {citation.get('title') or citation.get('doc_id')}"]
    if citation.get("section"):
        parts.append(str(citation["section"]))
    if citation.get("page"):
        parts.append(f"p. {citation['page']}")
    return " — ".join(parts)


def highlight_quotes(passage: str, quotes: Iterable[str]) -> str:
    """The passage as safe Markdown with the quoted sentences in bold, found verbatim or by spacing."""
    spans: list[tuple[int, int]] = []
    for quote in quotes:
        quote = quote.strip()
        if not quote:
            continue
        pattern = r"\s+".join(re.escape(word) for word in quote.split())
        match = re.search(pattern, passage)
        if match:
            spans.append(match.span())
    spans = _merge(sorted(spans))
    out: list[str] = []
    cursor = 0
    for start, end in spans:
        out.append(escape_markdown(passage[cursor:start]))
        out.append(f"**{escape_markdown(passage[start:end])}**")
        cursor = end
    out.append(escape_markdown(passage[cursor:]))
    return "".join(out)


def _merge(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def conversation_markdown(messages: Sequence[Mapping[str, Any]]) -> str:
    """The conversation as a Markdown document, each answer followed by its numbered sources."""
    lines = ["# Gesprek met de OverHoop-assistent", ""]
    for message in messages:
        if message["role"] == "user":
            lines += [f"**Vraag:** {message['content']}", ""]
            continue
        lines += [f"**Antwoord:** {message['content']}", ""]
        answer = message.get("answer") or {}
        citations = answer.get("citations") or []
        if citations:
            lines.append("Bronnen:")
            lines += [f"- {source_label(c)}" for c in citations]
            lines.append("")
    return "\n".join(lines)
