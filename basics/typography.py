"""The list bullets and dot leaders of extracted text, defined once for the cleaner and the splitter."""

from __future__ import annotations

import re

BULLET_GLYPHS = "•▪●◦■□►➢§"
"""Glyphs that mark a list item in the documents. The cleaner and the sentence splitter each add the few
marks only they see (see their bullet patterns): the splitter reads cleaned text, the cleaner raw text."""

TOC_LEADER = re.compile(r"\.{5,}\s*\d*\s*$")
"""The end of a table-of-contents line: five or more dots, then perhaps its page number."""

FILLER = re.compile(r"(?:\.\s?){4,}|…{2,}|_{4,}")
"""Dots, ellipses or underscores that fill space (a leader, a blank to write in); never in a quotable
sentence."""
