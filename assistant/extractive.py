"""The extractive answer: pick the sentences of the top passages that answer best, quote them, cite them.

Everything in the answer is either a fixed template phrase or a whole sentence copied from a passage.
Sentences are scored lexically (stemmed, IDF-weighted overlap with the question, their own or inherited
from the sentence before) plus their passage's overlap and rank and their position; embedding every
sentence would cost 20-70 ms each on these CPUs. Only sentences near the best one in relevance are quoted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.answer import Citation, Passage
from assistant.sentences import asks
from basics.sentences import split_sentences

Tokenizer = Callable[[str], list[str]]

LEAD_IN = "Dit zeggen de OverHoop-documenten hierover:"
PARTIAL_LEAD_IN = (
    "De documenten beantwoorden je vraag niet rechtstreeks. Dit komt er het dichtst bij "
    "(gedeeltelijk antwoord):"
)
_VALUE_NAMES = {
    "phone": "een telefoonnummer",
    "email": "een e-mailadres",
    "contact": "een telefoonnummer of e-mailadres",
    "address": "een adres",
    "person": "een naam",
    "outcome": "een beslissing",
    "choice": "een gemaakte keuze",
    "amount": "een bedrag",
    "date": "een datum",
    "day": "een precieze datum of dag",
    "place": "een plaats",
    "hours": "openingsuren",
    "duration": "een duur of wachttijd",
    "count": "een aantal",
    "result": "resultaten",
    "verdict": "een vergelijking",
    "legal": "een wettelijke regel",
    "medical": "medisch advies of diagnostische criteria",
    "opinion": "een oordeel of evaluatie",
    "current": "actuele stand van zaken",
    "ranking": "een rangschikking van zones of projecten",
    "exception": "een naam van die ene uitzondering",
}


PARTIAL_OPENINGS = (
    PARTIAL_LEAD_IN,
    "De documenten noemen hierbij geen ",
    "De documenten noemen hierbij niet met zekerheid ",
    "De documenten sommen niet op ",
    "De documenten noemen dit alleen terloops ",
    "De documenten zeggen niets specifiek over ",
)
"""How every partial answer opens (all but the first go on with what is missing)."""


def partial_lead_in(missing_value: str | None, missing_words: Sequence[str], shown: bool = False) -> str:
    """The opening of a partial answer, saying what the documents do not give: the asked kind of value
    ("De documenten noemen hierbij geen bedrag.") or the words of the question no passage has. `shown`: the
    quotes hold a value of that kind, which the answer decision did not find next to the question's subject;
    then it is not certain, not absent ("De documenten noemen hierbij niet met zekerheid een aantal." above
    "Tijdens de bijeenkomsten namen gemiddeld twintig deelnemers deel": fresh36, now natural39, said "De
    documenten noemen hierbij geen aantal." above it)."""
    if missing_value in _VALUE_NAMES and shown:
        gap = f"De documenten noemen hierbij niet met zekerheid {_VALUE_NAMES[missing_value]}."
    elif missing_value == "items":  # the need counts things ("welke zes stappen") no passage lists
        gap = "De documenten sommen niet op wat je vraagt."
    elif missing_value == "description":  # what the documents name once in passing ("'9min op een dag'")
        gap = "De documenten noemen dit alleen terloops en beschrijven het niet."
    elif missing_value in _VALUE_NAMES:
        gap = f"De documenten noemen hierbij geen {_VALUE_NAMES[missing_value].removeprefix('een ')}."
    elif missing_words:
        quoted = ", ".join(f"“{w}”" for w in missing_words[:3])
        gap = f"De documenten zeggen niets specifiek over {quoted}."
    else:
        return PARTIAL_LEAD_IN
    return f"{gap} Dit komt er het dichtst bij (gedeeltelijk antwoord):"


FALLBACK_LEAD_IN = "Dit is de passage die het best bij je vraag past:"


@dataclass(frozen=True, slots=True)
class Quote:
    """A sentence copied verbatim from passage number `passage` (0-based rank) at sentence `position`."""

    passage: int
    position: int
    text: str
    score: float


# A line of a slide shorter than this says nothing alone ("Traject", "Breed kader", "Gedragenheid").
FALLBACK_MIN_WORDS = 3


def fallback_quotes(
    passage_texts: Sequence[str],
    max_chars: int = 400,
    relevance: Callable[[str], float] | None = None,
    may_open: Callable[[str], bool] = lambda sentence: True,
) -> list[Quote]:
    """When no sentence is quotable: consecutive sentences of the top passage, whole, up to `max_chars`; a
    slide's scraps of one or two words and the documents' own questions ("Waar zijn er noden en hiaten?")
    are left out when anything else is there. The first ones, unless with `relevance` (how much of the
    question's subject a sentence holds) a later run holds more: a fiche cut into chunks starts anywhere
    ("- verdiepende vorming Kindreflex: ..." above "OUTPUT • Een beslisboom ... Deze is toepasbaar voor
    zelfstandigen ..." for "is die beslisboom ook voor mij bruikbaar, als zelfstandige?"; fresh30, now
    natural33). A later run opens only with a sentence that `may_open` (not "Deze is ..." without the
    sentence it points back to)."""
    if not passage_texts:
        return []
    sentences = list(enumerate(split_sentences(passage_texts[0])))
    saying = [(i, s) for i, s in sentences if len(s.split()) >= FALLBACK_MIN_WORDS and not asks(s)]
    candidates = saying or sentences
    starts = [0]
    if relevance is not None:
        starts += [i for i in range(1, len(candidates)) if may_open(candidates[i][1])]
    runs = [_run(candidates[start:], max_chars) for start in starts]
    held = [sum(relevance(s) for _, s in run) if relevance else 0.0 for run in runs]
    best = runs[max(range(len(runs)), key=lambda i: (held[i], -i))] if candidates else []
    return [Quote(0, position, sentence, 0.0) for position, sentence in best]


def _run(sentences: Sequence[tuple[int, str]], max_chars: int) -> list[tuple[int, str]]:
    """The sentences from the first on, while they fit in `max_chars` (the first always)."""
    run: list[tuple[int, str]] = []
    used = 0
    for position, sentence in sentences:
        if run and used + len(sentence) > max_chars:
            break
        run.append((position, sentence))
        used += len(sentence)
    return run


def reads_as_list(quotes: Sequence[Quote]) -> bool:
    """True when most quotes are lines without a sentence end (slide bullets, table rows): run together as
    a paragraph they read as one garbled sentence, so they are shown one per line."""
    fragments = sum(1 for q in quotes if not _SENTENCE_END.search(q.text))
    return len(quotes) >= 3 and fragments * 2 > len(quotes)


_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)]*\s*$")


def compose_answer(
    quotes: Sequence[Quote], passages: Sequence[Passage], lead_in: str = LEAD_IN, bullets: bool = False
) -> tuple[str, list[Citation]]:
    """The answer text (lead-in, then one paragraph per source, each sentence ending in [n]; with `bullets`,
    one "- " line per quote) and the citations, numbered in the order the sources appear."""
    numbers: dict[int, int] = {}
    paragraphs: dict[int, list[str]] = {}
    for quote in quotes:
        n = numbers.setdefault(quote.passage, len(numbers) + 1)
        paragraphs.setdefault(n, []).append(f"- {quote.text} [{n}]" if bullets else f"{quote.text} [{n}]")
    citations = [
        Citation.of(passages[rank].chunk, n, tuple(q.text for q in quotes if q.passage == rank))
        for rank, n in numbers.items()
    ]
    body = "\n\n".join(("\n" if bullets else " ").join(paragraphs[n]) for n in sorted(paragraphs))
    return f"{lead_in}\n\n{body}", citations
