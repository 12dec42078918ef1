"""Recognise the sentences worth quoting (no headings, TOC lines, stubs); strip headings glued onto them."""

from __future__ import annotations

import re

from basics.sentences import is_abbreviation
from basics.tokens import is_stop_word
from basics.typography import FILLER
from ingest.privacy import ADDRESS_MASK, EMAIL_MASK, PHONE_MASK

_SECTION_NUMBER = re.compile(r"^\d+(?:\.\d+)*\.?\s+")
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
# Capitalised words that open a Dutch sentence: when one follows a short title-like prefix, the prefix
# was a heading the flattened text glued onto the sentence ("Doelstellingen De afgelopen jaren ...").
_SENTENCE_OPENERS = frozenset(
    {
        "De", "Het", "Een", "We", "Wij", "Dit", "Deze", "Die", "Dat", "In", "Op", "Er", "Ook", "Om", "Bij",
        "Als", "Voor", "Met", "Hoewel", "Zo", "Daarnaast", "Daarom", "Binnen", "Vanuit", "Tijdens", "Uit",
        "Na", "Naast", "Door", "Via", "Sinds", "Zij", "Ze", "Hij", "Men", "Wanneer", "Omdat",
        "Onder", "Aan", "Tot", "Ondanks", "Verder", "Bovendien", "Tegelijk", "Tegelijkertijd", "Zowel",
        "Niet", "Elk", "Elke", "Iedere", "Ieder", "Alle", "Veel", "Kinderen", "Professionals",
    }
)  # fmt: skip
_HEADING_STOP = frozenset({"van", "de", "het", "een", "vzw", "project", "en", "voor", "in", "met", "aan"})
_MAX_HEADING_WORDS = 10
_MIN_ITEM_WORDS = 8
_MAX_ITEM_WORDS = 25
_HEADING_PUNCTUATION = re.compile(r"[,;:*()\[\]<>!?\"“”]")
# A field of a practice fiche ("Doelgroep: ouders ...", "**Methode:** een begeleiding ..."): a line without
# final punctuation that says what the practice is, for whom and how (the inspiratienota has 110 fiches, each
# with these four fields; ingestion drops the bold).
_FIELD_LINE = re.compile(
    r"^(?:\*\*)?(?:Initiatiefnemer|Doelgroep|Doelstelling|Methode|Doel)(?::\*\*|\*\*:|:)\s+\S"
)
_CAPTION = re.compile(r"\b(?:Figuur|Tabel|Grafiek|Afbeelding|Bijlage)\s+\d+[.:]", re.IGNORECASE)
_INNER_SECTION_NUMBER = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}\.\d{1,2}(?![\d.])")
# A share followed straight by a capitalised cell ("22% Ja, we doen verder ... 10% Nee, we stoppen"): two of
# these are the rows of a flattened table, which answer option a share belongs to is lost.
_SHARE_CELL = re.compile(r"\d+(?:[.,]\d+)?\s?%\s+[A-ZÀ-Ý]")
# Not an ellipsis: "een kind laten tekenen of spelen, ... kan al voldoende zijn" goes on after it.
_STOP_THEN_LOWER = re.compile(r"((?<!\.)[^\s.]\.)\s+[a-zà-ÿ]")
# Two words in capitals in a row, or one long one: a slide or fiche heading. This corpus's acronyms (ELZ,
# CLB, OKAN, CAW) are shorter.
_CAPITALS_HEADING = re.compile(r"\b[A-ZÀ-Ý]{4,}\s+[A-ZÀ-Ý]{4,}\b|\b[A-ZÀ-Ý]{8,}\b")
_URL = re.compile(r"https?://|www\.")
# A list item that names a thing in lower case, then says what it is, as a whole sentence ("houvasttool voor
# huisartsen: casusgerichte houvast voor huisartsen bij ..."): a pilot project's output in the eindrapport's
# fiches, not a sentence cut at its start.
_LABELLED_ITEM = re.compile(r"^([a-zà-ÿ][\w'’-]*)(?:\s+[\w'’&/-]+){0,3}:\s+\S")
# Contact data that ingestion masked ("Adres [adres verwijderd] Telefoonnummer [telefoon verwijderd]"): the
# line is a form's header, not a sentence of substance (fresh12 got a reporting template's header quoted).
_CONTACT_MASK = re.compile("|".join(re.escape(mask) for mask in (ADDRESS_MASK, PHONE_MASK, EMAIL_MASK)))


def strip_heading_prefix(sentence: str) -> str:
    """The sentence without a heading glued in front of it ("3.2 Resultaten De zorgraden gaven ...")."""
    numbered = _SECTION_NUMBER.match(sentence)
    body = sentence[numbered.end() :] if numbered else sentence
    words = body.split(" ")
    for i in range(1, min(len(words) - 1, _MAX_HEADING_WORDS + 1)):
        word, following, previous = words[i], words[i + 1], words[i - 1]
        if (
            word in _SENTENCE_OPENERS
            and (following[:1].islower() or following[:1].isdigit())
            and previous.lower() not in _HEADING_STOP
            and not any(_HEADING_PUNCTUATION.search(w) for w in words[:i])
        ):
            return " ".join(words[i:])
    return body if numbered and body[:1].isupper() else sentence


def ends_sentence(text: str) -> bool:
    """True when `text` ends with final punctuation (possibly inside quotes or brackets)."""
    return bool(re.search(r"[.!?…:]['\"”’)\]]*$", text.rstrip()))


def asks(sentence: str) -> bool:
    """True for a question of the documents ("Waar zijn er noden en hiaten?"): it answers nothing."""
    return sentence.rstrip(" \"'”’)").endswith("?")


def is_field_line(sentence: str) -> bool:
    """True for a field of a practice fiche ("Methode: een begeleiding van maximaal 1 jaar ...")."""
    return bool(_FIELD_LINE.match(sentence))


def is_quotable(
    sentence: str,
    min_words: int = 5,
    max_words: int = 60,
    line_words: int = _MIN_ITEM_WORDS,
    listed: bool = False,
) -> bool:
    """True for a real sentence: not a heading, TOC line, table row, list stub, link or cut-off fragment.

    A line without final punctuation passes only when it is long enough (`line_words`) to be a list item
    rather than a heading; the caller drops a passage's last sentence when the chunk boundary may have cut it.
    With `listed` (the caller saw a bullet before it) a lower-case start is a list item, not a cut.
    """
    words = _WORD.findall(sentence)
    if not min_words <= len(words) <= max_words:
        return False
    if FILLER.search(sentence) or _URL.search(sentence) or _CONTACT_MASK.search(sentence):
        return False
    if _FIELD_LINE.match(sentence):
        return len(words) >= 4
    letters = len(_LETTER.findall(sentence))
    if letters < 0.6 * len(sentence.replace(" ", "")):
        return False
    first = sentence.lstrip("\"'“‘(")[:1]
    label = _LABELLED_ITEM.match(sentence)
    labelled = (
        label
        and not is_stop_word(label.group(1))
        and ends_sentence(sentence)
        and len(words) >= _MIN_ITEM_WORDS
    )
    if not (first.isupper() or first.isdigit() or labelled or listed):
        return False  # starts mid-sentence: the chunk boundary cut it
    if not ends_sentence(sentence) and not line_words <= len(words) <= _MAX_ITEM_WORDS:
        return False  # a heading, or slide or table text run together
    if sentence.rstrip().endswith(":") and len(words) < 12:
        return False  # a list stub ("Het project heeft drie hoofddoelen:")
    upper = sum(1 for w in words if w.isupper() and len(w) > 1)
    if upper > 0.5 * len(words) or sum(1 for w in words if w.isupper() and len(w) >= 6) >= 2:
        return False  # a table header or form labels ("PROJECTNAAM ... TREKKER ...")
    if _CAPITALS_HEADING.search(sentence):
        return False  # a heading in capitals run into the text ("... INZET ERVARINGSKENNIS Voor ...")
    if _CAPTION.search(sentence) or _INNER_SECTION_NUMBER.search(sentence):
        return False  # a figure caption or a heading flattened into the text
    if len(_SHARE_CELL.findall(sentence)) >= 2:
        return False  # a table of shares run together
    return not _is_spliced(sentence)


def _is_spliced(sentence: str) -> bool:
    """True when a full stop is followed by a lower-case word: two pieces of text from across a page break
    or a footnote ("New York: John Wiley & Sons. het OverHoop-traject ..."), abbreviations aside."""
    for match in _STOP_THEN_LOWER.finditer(sentence):
        before = sentence[: match.end(1)]
        if not is_abbreviation(before, ".") and not before.lower().endswith(("enz.", "etc.")):
            return True
    return False
