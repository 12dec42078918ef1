"""The eval report as one self-contained HTML page: its Markdown rendered, the plots inlined as PNG."""

from __future__ import annotations

import base64
from collections.abc import Mapping

from jinja2 import Environment, PackageLoader
from markdown_it import MarkdownIt
from markdown_it.token import Token

# html=False: raw HTML in the Markdown (a question or an answer that contains "<script>") is escaped as
# text, never passed through. The "js-default" preset adds tables to CommonMark.
_MARKDOWN = MarkdownIt("js-default", {"html": False})
_PAGES = Environment(
    loader=PackageLoader("evals.report"), autoescape=True, trim_blocks=True, keep_trailing_newline=True
)
_DEFAULT_TITLE = "OverHoop-evaluatie"


def to_html(markdown: str, figures: Mapping[str, bytes]) -> str:
    """The page of `markdown`; an image whose source names one of `figures` gets that PNG inline."""
    tokens = _MARKDOWN.parse(markdown)
    for token in tokens:
        for child in token.children or ():
            name = str(child.attrGet("src"))
            if child.type == "image" and name in figures:
                child.attrSet("src", _data_uri(figures[name]))
    body = _MARKDOWN.renderer.render(tokens, _MARKDOWN.options, {})
    return _PAGES.get_template("page.html").render(title=_title(tokens), body=body)


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _title(tokens: list[Token]) -> str:
    """The text of the first top-level heading."""
    for opening, inline in zip(tokens, tokens[1:], strict=False):
        if opening.type == "heading_open" and opening.tag == "h1":
            return inline.content
    return _DEFAULT_TITLE
