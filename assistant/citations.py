"""Check a generated answer against its passages: fix its markers, keep sentences a cited passage supports,
then number the kept markers 1..m as the answer's citations.

The rule is lexical and transparent, so a reader can redo it by hand:
- A marker [n] with no passage n is removed.
- A sentence is supported by a set of passages when at least MIN_SUPPORT of its content-word stems (Dutch
  Snowball stems, stop words removed, negations kept) occur in them, every number in it occurs in them, and
  its polarity (negated or not) matches the passage sentence it overlaps most.
- A passage containing a planted instruction ("negeer alle vorige instructies", "je bent nu", ...) supports
  nothing: text from a document that talks to the model is data, never evidence.
- A cited sentence its passages do not support is dropped. An uncited sentence that makes a claim is kept
  only when some passage supports it: it then gets that passage's marker and is listed in `flagged`.
- Fixed phrases (the refusal, the 1712/112 referral), short lead-ins ending in ":" and sentences with
  fewer than MIN_CLAIM_STEMS content words are not claims and stay as they are.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.answer import Citation, Passage
from assistant.prompts import FIXED_PHRASES, PassageLike
from basics.sentences import split_sentences
from basics.tokens import tokenize_nl

MIN_SUPPORT = 0.6  # share of a sentence's content stems that must occur in the cited passage(s)
FIXED_PHRASE_SUPPORT = 0.75  # the refusal and referral may be reworded a little, not extended
MIN_CLAIM_STEMS = 2  # fewer content stems than this ("Samengevat", "Ja.") is not a factual claim
MAX_LEAD_IN_STEMS = 4  # a line ending in ":" with at most this many content stems only introduces a list
# Polarity is only compared when the passage sentence is clearly the one being rendered.
POLARITY_MIN_OVERLAP = 0.5
# A stem this long that occurs inside a passage stem counts as found: Dutch compounds ("trauma" in
# "traumasensitief", "team" in "schoolteam").
MIN_INFIX_STEM = 4

# "zonder" is left out: "noteer wat je ziet, zonder te interpreteren" is no negation of the noting.
NEGATIONS = frozenset({"niet", "geen", "nooit", "niets", "niemand", "nergens"})

_INJECTION_PATTERNS = [
    r"\b(negeer|vergeet|overschrijf|ignore|disregard|forget|override)\b[^.!?\n]{0,60}"
    r"\b(instructies?|regels?|opdrachten?|richtlijnen|prompts?|instructions?|rules?)\b",
    r"\b(je bent nu|jij bent nu|vanaf nu ben je|you are now|from now on)\b",
    r"\b(systeemprompt|system ?prompt|systeembericht|nieuwe instructies?|new instructions?)\b",
    r"\b(aan|voor) (de|het) (assistent|ai|chatbot|taalmodel|llm)\b",
    r"\b(als|tegen) (ai|taalmodel|chatbot|llm|assistent)\b",
]
_INJECTION = re.compile("|".join(f"(?:{p})" for p in _INJECTION_PATTERNS), re.IGNORECASE)

_PREFIX_WORDS = r"(?:bron|passage|fragment|source)?\s*"
_MARKER_GROUP = re.compile(
    rf"(\s*)\[\s*{_PREFIX_WORDS}(\d+(?:\s*[,;\-–]\s*{_PREFIX_WORDS}\d+)*)\s*\]", re.IGNORECASE
)
_MARKER = re.compile(r"\[(\d+)\]")
_MARKERS_AFTER_STOP = re.compile(r"([.!?])((?:\s*\[\d+\])+)")
_LIST_PREFIX = re.compile(r"^(\s*(?:[-*•§]|\d{1,2}[.)]|#{1,6})\s+)")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NEGATION = re.compile(rf"(?<![\w-])({'|'.join(sorted(NEGATIONS))})(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class CheckedAnswer:
    """A generated answer after the check. `text` may be empty when no sentence survived."""

    text: str
    cited: list[int]  # 1-based passage numbers cited by the kept sentences, in order of first use
    removed_markers: list[str]  # markers that pointed to no passage, as [n]
    dropped_sentences: list[str]  # claims no cited (or, uncited, no) passage supports, as written
    # uncited claims that a passage supports, kept with that passage's marker added
    flagged: list[str] = field(default_factory=list)
    suspicious_passages: list[int] = field(default_factory=list)  # passages with a planted instruction


def check_citations(
    text: str, passages: Sequence[PassageLike], *, min_support: float = MIN_SUPPORT
) -> CheckedAnswer:
    """Apply the rule in the module docstring to `text`, whose markers [n] index `passages` from 1."""
    evidence = [_Evidence.of(p.text) for p in passages]
    suspicious = [n for n, e in enumerate(evidence, start=1) if e.planted]
    cited: list[int] = []
    removed: list[str] = []
    dropped: list[str] = []
    flagged: list[str] = []
    lines_out: list[str] = []

    for line in _canonical_markers(text, removed, len(passages)).splitlines():
        prefix_match = _LIST_PREFIX.match(line)
        prefix = prefix_match.group(1) if prefix_match else ""
        kept: list[str] = []
        for sentence in split_sentences(line[len(prefix) :]):
            body, numbers, punct = _split_markers(sentence)
            if not _is_claim(body, punct):
                kept.append(_render(body, numbers, punct))
                cited.extend(numbers)
                continue
            claim = _Claim.of(body)
            if numbers:
                if _supports(claim, [evidence[n - 1] for n in numbers], min_support):
                    kept.append(_render(body, numbers, punct))
                    cited.extend(numbers)
                else:
                    dropped.append(sentence.strip())
                continue
            best = _best_supporting(claim, evidence, min_support)
            if best is None:
                dropped.append(sentence.strip())
            else:
                kept.append(_render(body, [best], punct))
                cited.append(best)
                flagged.append(sentence.strip())
        if kept:
            lines_out.append(prefix + " ".join(kept))
        elif not line.strip():
            lines_out.append("")

    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(lines_out)).strip()
    return CheckedAnswer(
        text=cleaned,
        cited=list(dict.fromkeys(cited)),
        removed_markers=removed,
        dropped_sentences=dropped,
        flagged=flagged,
        suspicious_passages=suspicious,
    )


def renumber_citations(
    text: str, cited: Sequence[int], passages: Sequence[Passage]
) -> tuple[str, list[Citation]]:
    """Markers [k] (k: 1-based passage index) renumbered 1..m in order of first use, with their citations."""
    numbers = {k: n for n, k in enumerate(dict.fromkeys(cited), start=1)}

    def renumber(match: re.Match[str]) -> str:
        k = int(match.group(1))
        return f"[{numbers[k]}]" if k in numbers else ""

    text = _MARKER.sub(renumber, text)
    citations = [Citation.of(passages[k - 1].chunk, n) for k, n in numbers.items()]
    return text, citations


def has_planted_instruction(text: str) -> bool:
    """Whether a passage talks to the model ("negeer alle vorige instructies", "je bent nu ...")."""
    return _INJECTION.search(unicodedata.normalize("NFKC", text)) is not None


# --- markers and sentences -------------------------------------------------------------------------------


def _canonical_markers(text: str, removed: list[str], n_passages: int) -> str:
    """Rewrite every marker group ("[1, 2]", "[bron 3]", "[1-2]") as "[1][2]", dropping numbers with no
    passage (recorded in `removed`), and move markers written after a full stop in front of it."""

    def rewrite(match: re.Match[str]) -> str:
        numbers: list[int] = []
        for part in re.finditer(r"(\d+)(?:\s*[\-–]\s*\D*?(\d+))?", match.group(2)):
            start, end = int(part.group(1)), int(part.group(2) or part.group(1))
            span = range(start, end + 1) if 0 <= end - start <= 10 else [start, end]
            numbers.extend(span)
        valid = [n for n in dict.fromkeys(numbers) if 1 <= n <= n_passages]
        removed.extend(f"[{n}]" for n in dict.fromkeys(numbers) if not 1 <= n <= n_passages)
        return match.group(1) + "".join(f"[{n}]" for n in valid) if valid else ""

    text = unicodedata.normalize("NFKC", text)
    text = _MARKER_GROUP.sub(rewrite, text)
    return _MARKERS_AFTER_STOP.sub(lambda m: "".join(m.group(2).split()) + m.group(1), text)


def _split_markers(sentence: str) -> tuple[str, list[int], str]:
    """(text without markers, marker numbers in order, final punctuation)."""
    numbers = [int(n) for n in dict.fromkeys(_MARKER.findall(sentence))]
    body = re.sub(r"\s*\[\d+\]", "", sentence).strip()
    punct = ""
    while body and body[-1] in ".!?:;":
        punct = body[-1] + punct
        body = body[:-1].rstrip()
    return body, numbers, punct


def _render(body: str, numbers: list[int], punct: str) -> str:
    markers = "".join(f"[{n}]" for n in numbers)
    return f"{body} {markers}{punct}" if markers else f"{body}{punct}"


def _is_claim(body: str, punct: str) -> bool:
    """Questions count: "Wist je dat ...?" can carry a planted claim as well as a statement can."""
    if _is_fixed_phrase(body):
        return False
    stems = _content_stems(body)
    if punct.startswith(":") and len(stems) <= MAX_LEAD_IN_STEMS:
        return False
    return len(stems) >= MIN_CLAIM_STEMS or bool(_numbers(body))


def _is_fixed_phrase(body: str) -> bool:
    """The refusal or the referral, also when the model words it slightly differently: the same support
    rule with the phrase as the passage, at a stricter threshold so no extra claim rides along."""
    claim = _Claim.of(body)
    return bool(claim.stems) and any(
        _supports(claim, [phrase], FIXED_PHRASE_SUPPORT) for phrase in _fixed_phrases()
    )


@lru_cache(maxsize=1)
def _fixed_phrases() -> tuple[_Evidence, ...]:
    return tuple(_Evidence.of(phrase) for phrase in FIXED_PHRASES)


# --- support ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Claim:
    stems: frozenset[str]
    numbers: frozenset[str]
    negated: bool

    @classmethod
    def of(cls, text: str) -> _Claim:
        return cls(frozenset(_content_stems(text)), frozenset(_numbers(text)), _is_negated(text))


@dataclass(frozen=True, slots=True)
class _Evidence:
    stems: frozenset[str]
    joined_stems: str
    numbers: frozenset[str]
    sentences: tuple[_Claim, ...]
    planted: bool

    @classmethod
    def of(cls, text: str) -> _Evidence:
        text = unicodedata.normalize("NFKC", text)
        stems = _content_stems(text)
        return cls(
            stems=frozenset(stems),
            joined_stems=" ".join(stems),
            numbers=frozenset(_numbers(text)),
            sentences=tuple(_Claim.of(s) for s in split_sentences(text)),
            planted=has_planted_instruction(text),
        )


def _supports(claim: _Claim, evidence: Sequence[_Evidence], min_support: float) -> bool:
    usable = [e for e in evidence if not e.planted]
    if not usable:
        return False
    return (
        _coverage(claim, usable) >= min_support
        and claim.numbers <= frozenset().union(*(e.numbers for e in usable))
        and _polarity_agrees(claim, usable)
    )


def _coverage(claim: _Claim, evidence: Sequence[_Evidence]) -> float:
    if not claim.stems:
        return 1.0
    found = sum(
        any(stem in e.stems or (len(stem) >= MIN_INFIX_STEM and stem in e.joined_stems) for e in evidence)
        for stem in claim.stems
    )
    return found / len(claim.stems)


def _polarity_agrees(claim: _Claim, evidence: Sequence[_Evidence]) -> bool:
    """False when the passage sentence this claim renders says the opposite ("beloof geen geheimhouding"
    turned into "beloof geheimhouding")."""
    words = claim.stems - NEGATIONS
    if not words:
        return True
    best_overlap, best = 0.0, None
    for sentence in (s for e in evidence for s in e.sentences):
        overlap = len(words & sentence.stems) / len(words)
        if overlap > best_overlap:
            best_overlap, best = overlap, sentence
    if best is None or best_overlap < POLARITY_MIN_OVERLAP:
        return True
    return best.negated == claim.negated


def _best_supporting(claim: _Claim, evidence: Sequence[_Evidence], min_support: float) -> int | None:
    scored = [
        (_coverage(claim, [e]), n)
        for n, e in enumerate(evidence, start=1)
        if _supports(claim, [e], min_support)
    ]
    return max(scored, key=lambda s: (s[0], -s[1]))[1] if scored else None


# --- Dutch words -----------------------------------------------------------------------------------------


def _content_stems(text: str) -> list[str]:
    """The BM25 analyzer's stems without numbers (checked on their own), plus the negations it drops as stop
    words: they carry the meaning a professional relies on."""
    stems = [t for t in tokenize_nl(text) if not any(c.isdigit() for c in t)]
    return stems + [m.lower() for m in _NEGATION.findall(text)]


def _numbers(text: str) -> list[str]:
    """Numbers with their separators removed, so "1.200" and "1200" match (and, rarely, 1,5 and 15)."""
    return [re.sub(r"[.,]", "", n) for n in _NUMBER.findall(text)]


def _is_negated(text: str) -> bool:
    return _NEGATION.search(text) is not None
