"""The eval report's blocks as Markdown: the report.md a reader opens, and the source of report.html."""

from __future__ import annotations

from collections.abc import Sequence

from evals.report.content import Block


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(blocks: Sequence[Block]) -> str:
    """One Markdown document; a figure links the PNG file of its name, written next to it."""
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
