"""Mask names of people in an added document (the `--mask-names` option), for case descriptions that
name children and parents.

The rules, so that a privacy officer can check them:
- A name is one to three capitalised words (with Flemish particles: "Van den Broeck", "De Smet").
- It is a person's name when it follows a word that only precedes people ("mama", "juf", "mevrouw",
  "dr.", "coach", ...), when its first word is a common first name in Flanders ("Lotte Van den
  Broeck", "Sarah"), or when an age follows it ("Wout (7 jaar)").
- A name found once is masked everywhere in the document, and so is its first word alone (a first
  name used later on its own).
- Kept: a first name that is part of an organisation's name ("Karel de Grote Hogeschool", "AZ Jan
  Palfijn", "basisschool De Regenboog"), every word in capitals (CLB, VECK) and organisations without
  a person cue.
Known gaps: a surname alone without a cue ("Claes zei") and rare first names are kept. Measured on a
Flemish case vignette and the shipped corpus: see tests/ingest/test_names.py and the README.
"""

from __future__ import annotations

import re

NAME_MASK = "[naam verwijderd]"


def _words(block: str) -> list[str]:
    return block.split()


# Words that only stand before a person's name.
PERSON_CUES = frozenset(
    _words(
        """
    mama papa mams paps moeder vader mevrouw meneer mevr mevr. dhr dhr. mr mr. dr dr. juf juffrouw
    meester oma opa bomma bompa grootmoeder grootvader broer broertje zus zusje tante nonkel oom neef
    nicht zoon zoontje dochter dochtertje pleegmoeder pleegvader pleegkind stiefvader stiefmoeder
    plusmama pluspapa collega coach leerkracht huisarts kinderarts psycholoog psychiater
    zorgcoördinator zorgcoordinator directeur directrice begeleider begeleidster consulent
    trajectbegeleider vertrouwensarts jongere cliënt client leerling buurvrouw buurman vriendin vriend
    """
    )
)

# Common first names in Flanders, hand-picked (not exhaustive: rarer names are a known gap).
FIRST_NAMES = frozenset(
    _words(
        """
    Aaron Adam Adrien Alexander Alice Amber Amelie Anna Anne Annelies Anouk Antoon Arne Arthur Astrid
    Axel Bart Bas Bert Birgit Bram Brent Britt Bruno Carine Caroline Charlotte Chloé Chloe Christine
    Christophe Dave David Davy Dieter Dirk Dries Elien Elke Ella Ellen Elias Elise Eline Emiel Emma
    Eva Evelien Evi Femke Fien Filip Frank Freya Geert Gert Glenn Greet Griet Gust Hanne Hannes Hilde
    Ilse Ine Inge Ingrid Isabelle Jan Jana Jasper Jef Jelle Jens Jeroen Jill Joke Jonas Joris Josephine
    Julie Jules Karel Karen Karin Kasper Katrien Kevin Kim Kobe Koen Kris Kristof Lana Lars Laura Lauren
    Lea Leen Lena Lien Lieven Liesbeth Lieze Lisa Lise Lore Lotte Louis Louise Luc Lucas Luka Maarten
    Manon Marc Maria Marie Mark Marleen Martine Mathias Mats Matthias Maxime Mila Mohamed Nand Nathalie
    Nico Niels Nina Noah Noor Olivia Patrick Peter Pieter Rik Robbe Roel Ruben Ruth Sam Sander Sanne
    Sara Sarah Sebastiaan Seppe Siebe Sien Simon Sofie Sophie Stef Stefan Steven Stijn Tim Tine Tom
    Tomas Tuur Valerie Vincent Ward Warre Wim Wout Wouter Yana Yannick Yasmine Youssef Zoë Zoe
    """
    )
)

# First names that are also Dutch words ("Elke focusgroep"): a name only with a surname after them.
COMMON_WORDS = frozenset({"Elke", "Bas", "Noor", "Lea"})

# Words after a name that make it the name of an organisation or place, not of a person.
ORGANISATION_WORDS = tuple(
    _words(
        """
    hogeschool school basisschool universiteit instituut stichting ziekenhuis centrum college
    campus fonds huis ziekenhuizen kliniek academie vzw
    """
    )
)
ORGANISATION_BEFORE = frozenset({"az", "basisschool", "school", "campus", "sint", "sint-", "ziekenhuis"})

# Flemish surnames write their particles with a capital ("Van den Broeck", "De Smet"); a lowercase "van"
# is the preposition ("Peeters van Kind en Gezin"), except in "van de(n/r)".
_PARTICLE = r"(?:Van(?:[ ]+(?:de|den|der))?|van[ ]+(?:de|den|der)|De|Den|Der|Ter|Vande|Vander|'t)"
_CAP = r"[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?"
# A first word, then up to two more capitalised words, each optionally after particles; or a surname
# with its particle ("mevrouw De Smet").
_NAME = rf"{_CAP}(?:[ ]+(?:{_PARTICLE}[ ]+)?{_CAP}){{0,2}}|{_PARTICLE}[ ]+{_CAP}"
_BEFORE = re.compile(r"([\w.]+)[ \t]*[\n]?[ \t]*\Z")
# Zero-width, so every word can start a candidate: "Bel Lotte" is tried as "Bel Lotte" and as "Lotte".
_CANDIDATE = re.compile(rf"(?<![\w-])(?=(?P<name>{_NAME})(?P<age>\s*\(\s*\d{{1,2}}\s*(?:jaar|j)\b)?)")
_WORD = re.compile(r"[\w'-]+")


def _organisation(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] is part of an organisation's name: an organisation word in it
    or right after it ("Karel de Grote Hogeschool"), or a word before it such as "AZ" or "basisschool"."""
    # Up to the next punctuation (a wrapped line may continue the name).
    words = _WORD.findall(re.split(r"[,;:()*]", text[start : end + 40])[0])
    for word in words:
        if word.lower().endswith(ORGANISATION_WORDS):  # also "Expertisecentrum", "Hogeschool"
            return True
        if not (word[:1].isupper() or word in ("de", "den", "der")):
            break
    before = _WORD.findall(text[max(0, start - 25) : start].lower())
    return bool(before and before[-1] in ORGANISATION_BEFORE)


def find_person_names(text: str) -> set[str]:
    """The person names the rules find in `text` (each as written, e.g. "Lotte Van den Broeck")."""
    names: set[str] = set()
    taken = 0
    for match in _CANDIDATE.finditer(text):
        name = match.group("name")
        if match.start() < taken:
            continue
        before = _BEFORE.search(text[max(0, match.start() - 40) : match.start()])
        cued = before is not None and before.group(1).lower() in PERSON_CUES
        first = name.split()[0]
        named = first in FIRST_NAMES and (first not in COMMON_WORDS or " " in name)
        if name.startswith("'t "):  # "'t Groot Hersberge": a place or an organisation, not a person
            continue
        if (cued or named or match.group("age")) and not _organisation(text, *match.span("name")):
            names.add(name)
            taken = match.end("name")
    return names


def mask_person_names(text: str) -> tuple[str, int]:
    """`text` with every person name (and the first name alone) replaced by NAME_MASK; the count."""
    names = find_person_names(text)
    if not names:
        return text, 0
    forms = set(names) | {n.split()[0] for n in names if n.split()[0] in FIRST_NAMES - COMMON_WORDS}
    # Longest first, so "Lotte Van den Broeck" goes before "Lotte".
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        if _organisation(text, match.start(), match.end()):
            return match.group(0)
        count += 1
        return NAME_MASK

    return pattern.sub(replace, text), count
