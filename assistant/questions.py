"""Clean a raw question and recognise the ones no search can answer (empty, no words, not Dutch)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

EXAMPLE = "Wat zijn de acht bouwstenen van OverHoop?"
EMPTY_REPLY = f"Je vraag is leeg. Stel een vraag over de OverHoop-documenten, bijvoorbeeld: “{EXAMPLE}”"
NO_WORDS_REPLY = f"Ik zie geen woorden in je vraag. Stel je vraag in woorden, bijvoorbeeld: “{EXAMPLE}”"
NOT_DUTCH_REPLY = (
    "Ik beantwoord vragen in het Nederlands over de OverHoop-documenten. Stel je vraag gerust in het "
    f"Nederlands, bijvoorbeeld: “{EXAMPLE}”"
)

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
# Terminal colour codes ("\x1b[31m") come along when a question is copied from a terminal: drop them whole,
# or their remains ("[31m") become a search word.
_ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_FOREIGN_LANGUAGES = ("en", "fr", "de", "es", "it")
MIN_FOREIGN_WORDS = 2


@dataclass(frozen=True, slots=True)
class CheckedQuestion:
    text: str
    """The question as searched: control characters removed, whitespace collapsed, capped in length."""
    reply: str | None = None
    """A fixed Dutch reply when the question cannot be searched at all."""
    notice: str | None = None
    """A remark to show with the answer (e.g. that the question was shortened)."""


def clean_text(raw: object, keep_lines: bool = False) -> str:
    """NFC text without control or format characters, whitespace collapsed (line breaks kept with
    `keep_lines`: an earlier answer's list is read by its lines). Markup stays plain text."""
    if keep_lines:
        lines = (clean_text(line) for line in str("" if raw is None else raw).splitlines())
        return "\n".join(line for line in lines if line)
    text = _ANSI_ESCAPE.sub("", unicodedata.normalize("NFC", "" if raw is None else str(raw)))
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in text)
    return " ".join(text.split())


def check_question(raw: object, max_chars: int) -> CheckedQuestion:
    text = clean_text(raw)
    notice = None
    if len(text) > max_chars:
        cut = text[:max_chars]
        text = cut.rsplit(" ", 1)[0] if " " in cut else cut
        notice = f"Je vraag was langer dan {max_chars} tekens; ik heb alleen het begin ervan gebruikt."
    if not text:
        return CheckedQuestion(text, reply=EMPTY_REPLY)
    if not _LETTER.search(text):
        return CheckedQuestion(text, reply=NO_WORDS_REPLY, notice=notice)
    if looks_foreign(text):
        return CheckedQuestion(text, reply=NOT_DUTCH_REPLY, notice=notice)
    return CheckedQuestion(text, notice=notice)


def looks_foreign(text: str) -> bool:
    """True when the question's function words are another language's and not Dutch ones."""
    tokens = [w.lower() for w in _WORD.findall(text)]
    dutch, others = _stop_words()
    dutch_hits = sum(1 for t in tokens if t in dutch)
    foreign_hits = max((sum(1 for t in tokens if t in words) for words in others), default=0)
    return foreign_hits >= MIN_FOREIGN_WORDS and foreign_hits > 2 * dutch_hits


@lru_cache(maxsize=1)
def _stop_words() -> tuple[frozenset[str], tuple[frozenset[str], ...]]:
    import stopwordsiso

    dutch = frozenset(stopwordsiso.stopwords("nl"))
    # Only words that are not also Dutch count as evidence of another language ("is", "in", "die" do not).
    others = tuple(frozenset(stopwordsiso.stopwords(lang)) - dutch for lang in _FOREIGN_LANGUAGES)
    return dutch, others
