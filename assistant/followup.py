"""Resolve a follow-up question against the earlier turns, for retrieval, without a generative model.

"en wat zeggen ze daarover voor scholen?" after "wat is een niet-pluis-gevoel?" is searched as the new
question plus the content words of the previous one; a self-contained question is searched as it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from assistant.lists import NUMBER_WORDS
from basics.sentences import split_sentences

# Openers that continue the previous topic ("en voor scholen?", "maar hoe dan?", "ook bij jongeren?").
_CONTINUATIONS = ("en", "maar", "ook", "dus", "verder", "nog", "plus", "of")
# Words that point back: pronominal adverbs and pronouns that need an earlier turn to mean something.
_POINTERS = frozenset(
    {
        "daar", "hier", "daarover", "hierover", "daarvan", "hiervan", "daarbij", "hierbij", "daarmee",
        "hiermee", "daarin", "hierin", "daarvoor", "hiervoor", "daaraan", "hieraan", "daarna", "daarop",
        "hierop", "daaruit", "hieruit", "erover", "ervan", "erbij", "ermee", "erin", "ervoor", "eraan",
        "erop", "eruit", "dezelfde", "hetzelfde", "vorige", "voorgaande", "bovenstaande", "genoemde",
        "vermelde", "laatste", "voorlaatste",
    }
)  # fmt: skip
_PRONOUNS = frozenset({"ze", "zij", "hun", "hen", "hij", "hem", "zijn", "haar", "het"})
_DEMONSTRATIVES = frozenset({"die", "dat", "deze", "dit", "diezelfde", "datzelfde"})
_ORDINALS = re.compile(
    r"^(?:eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende|elfde|twaalfde|\d+(?:e|de|ste))$"
)
# "hoe pas ik dat toe?": a demonstrative before a particle or adverb is a pronoun, not a conjunction.
_PARTICLES = frozenset(
    {"toe", "aan", "uit", "op", "mee", "ook", "dan", "nu", "precies", "concreet", "eigenlijk", "nog", "over"}
)
_QUESTION_WORDS = frozenset(
    {
        "wat", "wie", "waar", "hoe", "waarom", "wanneer", "welke", "welk", "hoeveel", "is", "zijn", "kan",
        "kun", "kunnen", "mag", "moet", "moeten", "wordt", "worden", "geef", "noem", "leg", "vertel",
    }
)  # fmt: skip
# Words that colour a question without naming anything ("heeft een rotjeugd echt gevolgen?"): never a
# content word, so never searched for nor named as what the documents leave out.
FILLERS = frozenset(
    {
        "echt", "eigenlijk", "gewoon", "juist", "precies", "concreet", "even", "allemaal", "best", "graag",
        "soms", "vaak", "nu", "toch", "wel", "ooit", "da", "ge", "gij", "ok", "oké", "klopt", "weet",
        # what the conversation said, no topic ("Die Kookos die je noemt, ..."; fresh26, now natural29;
        # "Dat project ... dat ge vernoemt": fresh48, now natural51, named "vernoemt" as what the documents
        # leave out; "Die structurele traumareferent die je vermeldt": fresh49, now natural52)
        "noemt", "noemde", "noemden", "vermeldde", "vernoemt", "vernoemde", "vernoemden", "vernoemd",
        "vermeldt", "vermeld", "vermelde", "vermelden",
    }
)  # fmt: skip
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
SHORT_QUESTION_WORDS = 4
MAX_TURNS_BACK = 3


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def is_follow_up(question: str) -> bool:
    """True when the question leans on an earlier turn (continuation, pointer word, elliptic phrase)."""
    tokens = [w.lower() for w in words(question)]
    if not tokens:
        return False
    if tokens[0] in _CONTINUATIONS:
        return True
    if any(t in _POINTERS for t in tokens):
        return True
    for i, token in enumerate(tokens):
        if token in _DEMONSTRATIVES:
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            if following is None or following in _PARTICLES or _ORDINALS.match(following) or i == 0:
                return True
    content = _content_words(question)
    if not content:
        return True  # "Waarom eigenlijk?", "En dan?": nothing to search for without the earlier turn
    short = len(tokens) <= SHORT_QUESTION_WORDS
    if short and len(content) <= 1 and any(t in _PRONOUNS for t in tokens):
        return True
    # An elliptic question ("Voor scholen?") has no question word and no verb of its own.
    return short and tokens[0] not in _QUESTION_WORDS and not content[1:]


def without_pointers(text: str) -> str:
    """The text's words without those that point back ("daarover", "hiervoor"): they name no topic, so
    they should not count as terms the documents must contain."""
    return " ".join(w for w in words(text) if w.lower() not in _POINTERS)


def salient_words(text: str, limit: int = 12) -> list[str]:
    """The content words of a turn, in order, without stop words or repeats (case kept for the embedder)."""
    return _content_words(text)[:limit]


def _content_words(text: str) -> list[str]:
    stop = _stop_words()
    seen: set[str] = set()
    out = []
    for word in words(text):
        key = word.lower()
        if key in stop or key in seen or key in _POINTERS or key in _QUESTION_WORDS or key in FILLERS:
            continue
        if len(key) < 2:
            continue
        seen.add(key)
        out.append(word)
    return out


def resolve_query(question: str, history: Sequence[Mapping[str, str]] | None) -> str:
    """The retrieval query: the question itself, or for a follow-up the question plus what it points at:
    the item of the assistant's previous answer it names ("die zesde", "dat laatste punt"), else that
    answer's salient words, then the salient words of the earlier user turns it leans on (back to the last
    self-contained one)."""
    if not history or not is_follow_up(question):
        return question
    earlier = [turn.get("content", "") for turn in history if turn.get("role") == "user"]
    context: list[str] = []
    for turn in reversed(earlier[-MAX_TURNS_BACK:]):
        if not turn.strip() or turn.strip() == question.strip():
            continue
        context = salient_words(turn) + context
        if not is_follow_up(turn):
            break
    answers = [turn.get("content", "") for turn in history if turn.get("role") == "assistant"]
    if answers and answers[-1].strip():
        item = referent_in_answer(question, answers[-1])
        # An item named by a name in its brackets gives as few words as the answer would: its own name,
        # not its every detail.
        named = None if item else item_named(question, answers[-1])
        words_of_answer = (
            salient_words(item, ANSWER_WORDS)
            if item
            else salient_words(named or answer_body(answers[-1]), POINTER_ANSWER_WORDS)
        )
        context = words_of_answer + context
    own = {w.lower() for w in words(question)}
    extra = []
    for word in context:
        if word.lower() not in own:
            own.add(word.lower())
            extra.append(word)
    return f"{question} {' '.join(extra)}".strip() if extra else question


ANSWER_WORDS = 8
# Without a named item, a few of the answer's words: its topic, not its every detail (tuning follow-ups,
# MRR 0.605 with 8 words, 0.613 with 4, 0.581 with none; hit@5 0.846, 0.846, 0.731).
POINTER_ANSWER_WORDS = 4
_MARKER = re.compile(r"\s*\[\d+\]")
_ITEM_LINE = re.compile(r"^\s*(?:(\d{1,2})[.)]|[-•*▪–])\s+(.+)$")
# The answer's opening clause ("Dit zeggen de OverHoop-documenten over wat je kan doen:").
_LEAD_IN = re.compile(r"^\s*[^.?!:\n]{0,90}:\s")
_BOLD = re.compile(r"\*\*[^*]+\*\*")
# Positions counted from the end: "dat laatste", "het voorlaatste project uit je lijst" (fresh45, now
# natural48).
_FROM_END = {"laatste": 1, "laatst": 1, "slotpunt": 1, "voorlaatste": 2}


def answer_body(answer: str) -> str:
    """An assistant answer without its lead-in, bold labels, citation markers and source list (also when
    its line breaks were collapsed on the way back in as history)."""
    body = re.split(r"\s*\bBronnen:", answer, maxsplit=1)[0]
    body = _LEAD_IN.sub("", body, count=1)
    body = _BOLD.sub(" ", body)
    lines = [line for line in body.splitlines() if line.strip()]
    return _MARKER.sub("", "\n".join(lines))


def answer_items(answer: str) -> list[str]:
    """The items of an answer: its numbered or bulleted lines when it has a list, else its sentences."""
    body = answer_body(answer)
    numbered: dict[int, str] = {}
    bullets: list[str] = []
    for line in body.splitlines():
        match = _ITEM_LINE.match(line)
        if match:
            if match.group(1):
                numbered.setdefault(int(match.group(1)), match.group(2).strip())
            else:
                bullets.append(match.group(2).strip())
    inline = _inline_numbered(body)  # "1. X; 2. Y; ..." on one line, as an answer pasted back reads
    if numbered and len(numbered) >= len(inline):
        return [numbered[k] for k in sorted(numbered)]
    return (
        inline
        or bullets
        or _listed_after_colon(_MARKER.sub("", answer))
        or _announced_list(_MARKER.sub("", answer))
        or _quoted_names(body)
        or _partners_named(split_sentences(body))
        or _examples_named(split_sentences(body))
        or _without_announcement(split_sentences(body))
    )


# An answer's opening sentence that announces how many things follow ("Ja, twee van de tien
# pilootprojecten richtten zich daarop.", "De inspiratienota noemt er een paar.", "Daar waren er twee.").
_ANNOUNCES = re.compile(
    rf"\b(?:een paar|enkele|een aantal|volgende|{'|'.join(NUMBER_WORDS)})\b", re.IGNORECASE
)
ANNOUNCEMENT_WORDS = 20


def _without_announcement(sentences: list[str]) -> list[str]:
    """The sentences of an answer in running text without an opening one that announces the things the
    next sentences name one by one: "die eerste die je noemt" is the first thing named, not the
    announcement (the Babo-box after "de inspiratienota vermeldt ... een paar tools")."""
    first = sentences[0] if sentences else ""
    if len(sentences) >= 3 and len(words(first)) <= ANNOUNCEMENT_WORDS and _ANNOUNCES.search(first):
        return sentences[1:]
    return sentences


# "... gesprekken met De Wase Kiem (9/12) en met het Netwerk Jeugdhulp Waas en Dender (10/12/2024), gevolgd
# door ...": the preposition said again before each thing names them one by one.
# "..., met Y", "... en met Y", "... en daarna met Y" (natural23: "verkennende gesprekken, eerst met De Wase
# Kiem op 9 december en daarna met het Netwerk Jeugdhulp Waas en Dender").
# "met X (9 december) en het Netwerk Y", "... en De Wase Kiem": after the first "met", an article and a name
# need no "met" again; "Waas en Dender" stays one name (fresh27, now natural30: "die eerste organisatie"
# searched for the whole sentence, the budget slide came).
# "een verkennend gesprek met De Wase Kiem (9/12) en een overleg met het Netwerk ...": "met" again after
# "en" and one noun with its article (fresh29, now natural32, searched for the answer's first sentence), or
# after a comma ("er was een verkennend gesprek met De Wase Kiem op 9 december, een overleg met het Netwerk
# ...": fresh39, now natural42, searched for the answer's first sentence and answered with the budget slide).
_NOUN_BEFORE_MET = r"(?:een|de|het)\s+[a-zà-ÿ]+\s+(?=met\s)"  # "een overleg " before "met"
_AGAIN_WITH = re.compile(
    rf"(?:,\s*(?:{_NOUN_BEFORE_MET})?|\s+en\s+(?:(?:daarna|dan|vervolgens|nadien|later|ook)\s+|{_NOUN_BEFORE_MET})?)"
    r"(?:met\s+|(?=(?:[Dd]e|[Hh]et)\s+[A-ZÀ-Ý]))"
)
_FIRST_WITH = re.compile(r"\bmet\s+")


def _partners_named(sentences: list[str]) -> list[str]:
    """The things the first sentence that names them one by one after "met" names ("gesprekken met X en met
    Y", "met X en het Y"): "die eerste gesprekspartner" is X, not the sentence (fresh18 and fresh19, now
    natural20 and natural21: the follow-up on De Wase Kiem searched for the phases of the programme); each
    must start with a name ("met het Netwerk Jeugdhulp"). [] when no sentence names them so."""
    for sentence in sentences:
        # Each "met" outside brackets that a name follows may start the chain: not "(met een bevraging op 8
        # oktober)", nor "In de verkennende fase, met als centrale vraag ..., voerde ze gesprekken met X en
        # met Y" (fresh22, now natural25), whose comma before "met" is no partner's.
        for first in _FIRST_WITH.finditer(sentence):
            rest = sentence[first.end() :]
            if _depth(sentence[: first.start()]) or not _NAMED.match(rest):
                continue
            parts = _AGAIN_WITH.split(rest)
            named = [_outside_brackets(p, ",")[0].strip(" .;") for p in parts]
            # "met een papieren leidraad" names no partner
            if len(named) >= 2 and all(_NAMED.match(part) for part in named):
                return named
    return []


_NAMED = re.compile(r"(?:(?:de|het|een)\s+)?[A-ZÀ-Ý]")
# "... tools die helpen ..., zoals de Born in Belgium-tool en de Spark 36-tool, die binnen het CLB gebruikt
# wordt.": the examples after "zoals", to the sentence's end (fresh29, now natural32: "Die tweede tool" named
# nothing in a one-sentence answer).
_SUCH_AS = re.compile(r"\bzoals\s+(?:o\.?a\.?\s+|onder meer\s+)?(.+?)[.!?]?$")
_RELATIVE = re.compile(r"^(?:die|dat|waar\w*|wat|met|om)\b")


def _examples_named(sentences: list[str]) -> list[str]:
    """The things the first sentence with at least two examples after "zoals" names, split at commas and the
    last "en" outside brackets, a relative clause kept with the thing before it ("de Spark 36-tool, die
    binnen het CLB gebruikt wordt"); each must start with a name or an article before one. [] when no
    sentence names them so."""
    for sentence in sentences:
        match = _SUCH_AS.search(sentence.strip())
        if not match:
            continue
        named: list[str] = []
        for part in (p.strip() for p in _outside_brackets(match.group(1), ",")):
            if named and _RELATIVE.match(part):
                named[-1] += f", {part}"
            elif part:
                named.append(part)
        if not named:
            continue
        # The last "en" parts the last two things, before the relative clause of the last one.
        head, *relative = _outside_brackets(named[-1], ",")
        *lasts, final = re.split(r"\s+en\s+(?![^(]*\))", head)
        named[-1:] = [*lasts, ",".join([final, *relative])]
        if len(named) >= 2 and all(_NAMED.match(p) and len(p.split()) <= LISTED_PART_WORDS for p in named):
            return named
    return []


def _depth(text: str) -> int:
    """How many brackets are open at the end of `text`."""
    return text.count("(") - text.count(")")


def _outside_brackets(text: str, separators: str) -> list[str]:
    """`text` split at the `separators` that stand outside brackets ("De Wase Kiem (9/12, verkennend), gevolgd
    door ..." -> ["De Wase Kiem (9/12, verkennend)", " gevolgd door ..."])."""
    parts, depth, current = [], 0, ""
    for char in text:
        depth += (char == "(") - (char == ")")
        if char in separators and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


# Quoted between typographic or straight quotes; a straight apostrophe only where no letter touches it
# from outside (not the "'s" of "thema's en baby's").
_QUOTED = re.compile(r"[‘“\"]([^‘’“”\"]{3,120})[’”\"]|(?<!\w)'([^']{3,120})'(?!\w)")
QUOTED_NAME_WORDS = 15
_SENTENCE_END = re.compile(r"[.!?]\s")


def _quoted_names(text: str) -> list[str]:
    """The names an answer quotes, in order ("'Een sterk Leuvens nest' (trekker CAW Leuven) ... en
    'Cultuursensitieve trauma-zorg ...'"), from the one sentence that quotes most of them (a name quoted in
    the next sentence is not one of the list: "... en '8. Versterk medewerkers en organisaties'. De gids
    bundelt een '100-tal praktijkvoorbeelden'."), when it quotes at least two of at most
    QUOTED_NAME_WORDS words; else []."""
    groups: list[list[str]] = []
    end = None
    for match in _QUOTED.finditer(text):
        if end is None or _SENTENCE_END.search(text[end : match.start()]):
            groups.append([])
        groups[-1].append((match.group(1) or match.group(2)).strip())
        end = match.end()
    best = max(groups, key=len, default=[])
    return best if len(best) >= 2 and all(len(n.split()) <= QUOTED_NAME_WORDS for n in best) else []


_INLINE_NUMBER = re.compile(r"(?<![\w.,])(\d{1,2})[.)]\s+")


def _inline_numbered(text: str) -> list[str]:
    """The items of a numbered list written on one line ("acht bouwstenen: 1. Bewustzijn ...; 2. Op maat
    ..."), when its numbers run 1, 2, 3, ...; else []."""
    marks = list(_INLINE_NUMBER.finditer(text))
    if len(marks) < 2 or [int(m.group(1)) for m in marks] != list(range(1, len(marks) + 1)):
        return []
    ends = [m.start() for m in marks[1:]] + [len(text)]
    return [text[m.end() : end].strip(" ;,.\n") for m, end in zip(marks, ends, strict=True)]


def _listed_after_colon(text: str) -> list[str]:
    """The parts of the first list after a colon ("zaten samen: de jeugdzorg, het VAPH, de eerstelijnszones
    (ELZ) en de GGZ."), split at commas, semicolons and the last "en" outside brackets; [] unless it has at
    least three parts."""
    head, colon, rest = text.partition(":")
    if not colon or re.search(r"[.!?]\s", head) or _OWN_LEAD_IN.match(head.strip()):
        return []  # the colon must close the answer's first sentence, and not be its lead-in
    # "noemt de inspiratienota er drie: 'Kinderen uit de knel', een groepsprogramma ..., vanuit ...; 'KANS! –
    # Kinderen Adviseren Na Scheiding', een vzw die ...; en 'Hoogspanning in huis', dat ...": semicolons part
    # things whose descriptions hold commas, and the sentence ends before a capital, not at "KANS! –"
    # (fresh29, now natural32: "die derde" searched for "vanuit een intersectorale samenwerking").
    whole = re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý])", rest.strip(), maxsplit=1)[0].rstrip(".!? ")
    described = [re.sub(r"^en\s+", "", part.strip()) for part in _outside_brackets(whole, ";")]
    if len(described) >= 2:
        described = [part for part in described if part]
        return described if all(len(p.split()) <= DESCRIBED_PART_WORDS for p in described) else []
    sentence = re.split(r"(?<=[.!?])\s", rest.strip(), maxsplit=1)[0].rstrip(".!? ")
    *parts, last = _outside_brackets(sentence, ",;")
    parts += re.split(r"\s+en\s+(?![^(]*\))", last)  # the last part: "... (ELZ) en de GGZ"
    parts = [part.strip() for part in parts if part.strip()]
    return parts if len(parts) >= 3 and all(len(p.split()) <= LISTED_PART_WORDS for p in parts) else []


LISTED_PART_WORDS = 15
DESCRIBED_PART_WORDS = 40
# "In 2024 stonden twee thema's centraal: contextbegeleiding en traumasensitief handelen.", "Enkel twee
# piloten werden niet verdergezet: Veilige Start van çavaria (ELZ Gent) en het project van Praxis P": a
# count before a colon, as many things after it (fresh21, now natural24: "dat eerste thema", "dat eerste
# project" were taken for the answer's first sentence).
_ANNOUNCED = re.compile(rf"\b({'|'.join(NUMBER_WORDS)})\b[^:.!?]*:\s*([^.!?]+)", re.IGNORECASE)


def _announced_list(text: str) -> list[str]:
    """The things a sentence announces by their number before a colon and names after it, split at commas,
    semicolons and the last "en" outside brackets, when there are as many as announced; else []."""
    for match in _ANNOUNCED.finditer(text):
        *parts, last = _outside_brackets(match.group(2), ",;")
        parts += re.split(r"\s+en\s+(?![^(]*\))", last)
        named = [part.strip() for part in parts if part.strip()]
        if len(named) == NUMBER_WORDS[match.group(1).lower()] and all(
            len(part.split()) <= LISTED_PART_WORDS for part in named
        ):
            return named
    return []


_OWN_LEAD_IN = re.compile(r"^(?:Dit|Zo|De documenten|Volgens de documenten)\b")


def referent_in_answer(question: str, answer: str) -> str | None:
    """The item of `answer` a follow-up names by position ("die zesde", "het 2de punt", "dat laatste")."""
    tokens = [w.lower() for w in words(question)]
    echoed = _echoed_ordinal(tokens, answer)
    if echoed:
        return echoed
    items = answer_items(answer)
    if not items:
        return None
    # "Ik sta in het derde leerjaar ... Wat staat er in die vierde?": the position a pointer says ("die",
    # "dat", "deze") is the one asked; another ordinal may be part of the asker's situation (fresh26, now
    # natural29, got the third building block).
    for token in [*_pointed_at(tokens), *tokens]:
        n = _ORDINAL_NUMBERS.get(token) or _digit_ordinal(token)
        if n is not None:
            return items[n - 1] if 0 < n <= len(items) else None
        if token in _FROM_END:
            back = _FROM_END[token]
            return items[-back] if back <= len(items) else None
    return None


def item_named(question: str, answer: str) -> str | None:
    """The one item of the previous answer whose brackets hold more of the names the follow-up gives than any
    other item's: "dat project van CAW Leuven" is "Een sterk Leuvens nest (CAW Leuven)" of a list of ten
    pilot projects with their leads, not the answer's first words (fresh40, now natural43: refused, the
    projects' fiches out of the top five). Brackets first; when no item's brackets hold a name, a name the
    item holds after its first word ("dat initiatief uit Leuven" is "Hoogspanning in huis van het Huis van
    het Kind Leuven": fresh45, now natural48). Not the item's first word: a follow-up that names the thing
    itself ("Dat Nesten op school, voor wie is dat bedoeld?") finds it by its own words, and eight words of
    its item narrowed the answer to one sentence (natural3). A name tied between items names no item, and
    an answer of one item has none to choose."""
    names = {w.lower() for w in _NAME_WORD.findall(question) if w.lower() not in _NOT_NAMES}
    items = answer_items(answer)
    if not names or len(items) < 2:
        return None
    held = [len(names & {w.lower() for w in words(" ".join(_BRACKETED.findall(item)))}) for item in items]
    if not any(held):  # a name the item holds after its own first word: "dat initiatief uit Leuven"
        held = [len(names & {w.lower() for w in words(item)[1:]}) for item in items]
    best = max(held)
    return items[held.index(best)] if best and held.count(best) == 1 else None


_BRACKETED = re.compile(r"\(([^()]*)\)")


# A capitalised word inside a sentence (not its first word): a name the asker gives. Acronyms count ("CAW"),
# which `question_analysis.names_in` leaves out.
_NAME_WORD = re.compile(r"(?<=[\w,;:)] )[A-ZÀ-Ý][\w’'-]+")
_NOT_NAMES = frozenset({"ik", "overhoop"})


_ORDINAL_POINTERS = frozenset({"die", "dat", "deze", "dit", "diezelfde"})


def _echoed_ordinal(tokens: list[str], answer: str) -> str | None:
    """The sentence of `answer` that says the question's ordinal and the noun after it ("die tweede
    stelling" -> "Daarna volgde een tweede stelling, namelijk ..."): the answer named that thing itself, in
    running text that is no list (fresh21, now natural24, took its second sentence). Else, for an ordinal
    the question points at, the sentence that says it alone as its subject ("dat eerste project" -> "Het
    eerste is ...")."""
    pairs = [(a, b) for a, b in zip(tokens, tokens[1:], strict=False) if a in _ORDINAL_NUMBERS and len(b) > 3]
    pointed = {t for t in _pointed_at(tokens) if t in _ORDINAL_NUMBERS}
    if not pairs and not pointed:
        return None
    sentences = [(s, [w.lower() for w in words(s)]) for s in split_sentences(answer_body(answer))]
    for sentence, said in sentences:
        for ordinal, noun in pairs:
            if any(a == ordinal and b[:5] == noun[:5] for a, b in zip(said, said[1:], strict=False)):
                return sentence
    # "Is dat eerste project ... verdergezet?" after "Twee ervan richtten zich op ... Het eerste is
    # 'Cultuursensitieve trauma-zorg ...' van PraxisP": the answer named the item by its ordinal alone.
    # Only an ordinal the question points at ("dat eerste"): "de derde fase" beside it is the asker's own
    # (fresh50, now natural53, took the answer's first sentence and got the next project's fiche).
    for sentence, said in sentences:
        if any(
            a in _ARTICLES and b in pointed and c in _COPULAS
            for a, b, c in zip(said, said[1:], said[2:], strict=False)
        ):
            return sentence
    return None


def _pointed_at(tokens: list[str]) -> list[str]:
    """The words right after a pointer ("die", "dat", "deze", ...): "dat eerste", "die vierde"."""
    return [b for a, b in zip(tokens, tokens[1:], strict=False) if a in _ORDINAL_POINTERS]


_ARTICLES = frozenset({"het", "de"})
_COPULAS = frozenset({"is", "was", "betreft"})


def mentions_ordinal(text: str) -> bool:
    """True when `text` names an item by position ("die zesde", "het 2de", "dat (voor)laatste")."""
    return any(_is_position(w.lower()) for w in words(text))


def points_at_item(text: str) -> bool:
    """True when `text` points at an item by position ("die zesde", "dat laatste"), wherever it stands: in a
    follow-up's situation ("we willen vooral met die zesde aan de slag. Wat valt daar allemaal onder?") as
    well as in its question proper."""
    return any(_is_position(t) for t in _pointed_at([w.lower() for w in words(text)]))


def _is_position(token: str) -> bool:
    """The (lower-case) word says a position: "zesde", "2de", "laatste"."""
    return token in _ORDINAL_NUMBERS or token in _FROM_END or _digit_ordinal(token) is not None


def ordinal_numbers(text: str) -> list[int]:
    """The positions `text` names by ordinal ("die zevende" -> [7], "het 2de" -> [2]); not "de eerste lijn",
    which is a level of care."""
    found = [w.lower() for w in words(text)]
    numbers = []
    for i, token in enumerate(found):
        number = _ORDINAL_NUMBERS.get(token) or _digit_ordinal(token)
        if number is not None and found[i + 1 : i + 2] != ["lijn"]:
            numbers.append(number)
    return list(dict.fromkeys(numbers))


def _digit_ordinal(token: str) -> int | None:
    match = re.fullmatch(r"(\d{1,2})(?:e|de|ste)", token)
    return int(match.group(1)) if match else None


_ORDINAL_NUMBERS = {
    "eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6, "zevende": 7, "achtste": 8,
    "negende": 9, "tiende": 10, "elfde": 11, "twaalfde": 12,
}  # fmt: skip


def expand_ordinals(query: str) -> str:
    """The query plus the digit of each spelled-out ordinal: the documents number their parts
    ("BOUWSTEEN 6", "6. Van vroegsignalering tot herstel") where a question says "de zesde bouwsteen"."""
    digits = [str(_ORDINAL_NUMBERS[w.lower()]) for w in words(query) if w.lower() in _ORDINAL_NUMBERS]
    present = set(words(query))
    extra = [d for d in dict.fromkeys(digits) if d not in present]
    return f"{query} {' '.join(extra)}" if extra else query


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    import stopwordsiso

    return frozenset(stopwordsiso.stopwords("nl"))
