"""What the answer decision looks at: the terms of the indexed passages, and how well the retrieved ones
cover what a question asks (decision.py turns these features into answer, partial or none)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from itertools import islice
from typing import NamedTuple

from assistant.answer import Passage
from assistant.decision import (
    DecisionFeatures,
    agreement,
    compound_head,
    coverage,
    names_missing,
    unknown_share,
    value_sentence,
    value_unsupported,
)
from assistant.followup import FILLERS, salient_words, without_pointers
from assistant.lists import counted_items, gives_figure, gives_items, spelled_figures, spelled_number_words
from assistant.question_analysis import (
    ANY_PEOPLE,
    PEOPLE,
    QuestionAnalysis,
    asked_year,
    asks_split,
    asks_what_it_is,
    counted_noun,
    holds_value,
    names_a_document,
    names_in,
    points_back,
    quoted_phrases,
    role_terms,
    said_words,
    value_clause,
    without_ages,
    without_employer,
    workplace_names,
)
from assistant.retrieval import RetrievalResult
from assistant.termweights import TermWeights, term_present
from basics.sentences import split_sentences
from ingest.documents import Chunk

Tokenizer = Callable[[str], list[str]]
# A name that stands as written in this share of the passages frames the corpus (CorpusTerms.framing).
# Screened on the tuning set, the decision fitted leaving one slice out at a time, with value_unsupported:
# answered / declined 0.857 / 0.853 when every name counts, 0.865 / 0.867 without the frames.
FRAMING_SHARE = 0.05
# Two names joined by "en" in at least this many chunks, one of them framing, frame together where a question
# joins them the same way ("in heel Vlaanderen en Brussel": the programme's whole area).
FRAMING_PAIR_CHUNKS = 2
_NAME_PAIR = re.compile(r"(?<![\w-])([A-ZÀ-Ý][\w-]*\w) en ([A-ZÀ-Ý][\w-]*\w)(?![\w-])")


@dataclass(frozen=True, slots=True)
class CorpusTerms:
    """Each indexed chunk's terms and the corpus's term weights, computed once per loaded index."""

    tokenize: Tokenizer
    by_chunk: dict[str, set[str]]
    weights: TermWeights
    in_headings: frozenset[str] = frozenset()
    """Terms of the section headings (a practice's name may stand in its heading only)."""
    framing: frozenset[str] = frozenset()
    """The capitalised words, whole or as the parts of a hyphenated word, that stand as written in at least
    FRAMING_SHARE of the chunks ("OverHoop", "OverHoop-traject", "ELZ", "Vlaanderen")."""
    framing_pairs: frozenset[tuple[str, str]] = frozenset()
    """Two names the chunks join by "en", one of them framing ("Vlaanderen", "Brussel"), in at least
    FRAMING_PAIR_CHUNKS chunks."""
    text: str = ""
    """The chunks' texts and, after them, their section headings, in lower case, a blank line between any
    two: where a name stands."""

    @classmethod
    def build(cls, chunks: Sequence[Chunk], tokenize: Tokenizer) -> CorpusTerms:
        by_chunk: dict[str, set[str]] = {}
        token_lists = []
        headings: set[str] = set()
        standing: Counter[str] = Counter()
        joined: Counter[tuple[str, str]] = Counter()
        for chunk in chunks:
            terms = tokenize(chunk.text)
            by_chunk[chunk.chunk_id] = set(terms)
            token_lists.append(terms)
            headings.update(tokenize(chunk.section or ""))
            standing.update(_words_and_parts(chunk.text))
            joined.update({(m.group(1), m.group(2)) for m in _NAME_PAIR.finditer(chunk.text)})
        weights = TermWeights.from_token_lists(token_lists)
        least = FRAMING_SHARE * len(chunks)
        framing = frozenset(w for w, n in standing.items() if n >= least and w[:1].isupper())
        pairs = frozenset(
            pair for pair, n in joined.items() if n >= FRAMING_PAIR_CHUNKS and not framing.isdisjoint(pair)
        )
        sections = {chunk.section.lower() for chunk in chunks if chunk.section}
        text = "\n\n".join((*(chunk.text.lower() for chunk in chunks), *sorted(sections)))
        return cls(tokenize, by_chunk, weights, frozenset(headings), framing, pairs, text)

    def in_passing(self, name: str) -> bool:
        """The corpus names `name` once, inside a sentence or as an item of a list ("Daarnaast wordt ‘Samsa’
        benoemt.", "• 9min op een dag"), not in a heading nor on a short line of its own without a full stop
        (a practice's name over its fiche, "Handle with care"): the documents say nothing more about it.
        A name that frames the corpus ("OverHoop-pilootprojecten") never is."""
        if self.frames(name):
            return False
        found = self._places(name, 2)
        if len(found) != 1:
            return False
        text, match = self.text, found[0]
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        line = text[start : end if end >= 0 else len(text)].strip()
        listed = bool(_ITEM_MARK.match(line))
        return listed or line.endswith((".", "!", "?", ".’", ".”")) or len(line.split()) > PASSING_LINE_WORDS

    def holds(self, phrase: str) -> bool:
        """The corpus (a passage or a heading) has `phrase` as written, whole words, any case."""
        return bool(self._places(phrase, 1))

    def _places(self, phrase: str, most: int) -> list[re.Match[str]]:
        """Where `phrase` stands in `text` as whole words, any case: the first `most` places."""
        lowered = phrase.lower()
        if lowered not in self.text:  # the cheap check first: most names are not there at all
            return []
        return list(islice(re.finditer(rf"(?<!\w){re.escape(lowered)}(?!\w)", self.text), most))

    def frames(self, name: str) -> bool:
        """The name, or the name its first part is ("OverHoop" of "OverHoop-trajecten"), frames the corpus
        (`framing`): not a detail that a passage lacking it fails to give. Numbers never do."""
        return name in self.framing or name.split("-")[0] in self.framing

    def frames_in(self, name: str, text: str) -> bool:
        """`frames`, or `text` joins the name to a framing one as the chunks do (`framing_pairs`): "Brussel"
        in "in heel Vlaanderen en Brussel" is the programme's whole area, which a passage on its reach need
        not name (natural7 to natural33: six of the eight answerable questions asking the reach "in heel
        Vlaanderen en Brussel" were refused for it). "Brussel" alone ("bij VK Brussel") stays a detail."""
        if self.frames(name):
            return True
        lowered = text.lower()
        return any(
            name in pair
            and (f"{pair[0]} en {pair[1]}".lower() in lowered or f"{pair[1]} en {pair[0]}".lower() in lowered)
            for pair in self.framing_pairs
        )

    def used(self, term: str) -> bool:
        """The corpus uses the term, in a passage or in a heading."""
        return term in self.weights.idf or term in self.in_headings

    def of(self, passage: Passage) -> set[str]:
        terms = self.by_chunk.get(passage.chunk_id)
        return terms if terms is not None else set(self.tokenize(passage.text))


# A list item's mark ("•", "-", "§", "▪", "o") at the start of a line.
_ITEM_MARK = re.compile(r"^[•\-§▪o]\s")
# A line this long holds a sentence, not a name over its description.
PASSING_LINE_WORDS = 6


class Evidence(NamedTuple):
    """What the retrieved passages give one question."""

    features: DecisionFeatures
    value_sentence: str | None
    """The sentence of the passages that holds the value the need asks for next to its subject (None when
    none does or no value is asked): what makes `value_missing` 0, and what a fact answer leads with ("Het
    ideale wereldfonds bedraagt 25 000 euro tot eind 2024." for "Hoeveel zat er in dat fonds?")."""
    missing: str | None
    """What makes `value_missing` 1: the kind of value asked (`QuestionAnalysis.expects`), "items" (no
    passage lists as many things as the need counts) or "description" (the documents name it only in
    passing); None when nothing is missing."""


def decision_features(
    analysis: QuestionAnalysis,
    query: str,
    retrieval: RetrievalResult,
    terms: CorpusTerms,
    follows_up: bool = False,
    said_before: str = "",
) -> DecisionFeatures:
    """The evidence for one question: its need's and its own words (role words left out) against the
    retrieved passages, plus the retrievers' scores."""
    return decision_evidence(analysis, query, retrieval, terms, follows_up, said_before).features


def decision_evidence(
    analysis: QuestionAnalysis,
    query: str,
    retrieval: RetrievalResult,
    terms: CorpusTerms,
    follows_up: bool = False,
    said_before: str = "",
) -> Evidence:
    """`decision_features`, the sentence holding the asked value and what the passages lack (`Evidence`).
    `said_before`: a follow-up's earlier situations (`question_analysis.earlier_situations`)."""
    tokenize, weights = terms.tokenize, terms.weights
    passages = retrieval.passages
    # A number the passage writes in digits counts as written out ("zestig" of "in die zestig zones" where the
    # report says "in de 60 verschillende ELZ").
    passage_terms = [terms.of(p) | _written_out_terms(p.text, tokenize) for p in passages]
    numbers = _number_terms(tokenize)  # numbers written out: no word the corpus lacks
    roles = role_terms(analysis.text, tokenize)
    need = [t for t in tokenize(without_pointers(analysis.need)) if t not in roles]
    own = [t for t in tokenize(without_pointers(analysis.text)) if t not in roles]
    inherited = tokenize(without_pointers(query))
    kind = analysis.expects
    # Where the asker works ("Ik werk in het Huis van het Kind in Sint-Niklaas") is no name the documents must
    # hold (tuning 1488, one slice left out: 0.885 / 0.885 -> 0.887 / 0.887; 0.884 / 0.889 -> 0.885 / 0.891 on
    # the 1428 not natural21, where the Waasland budget question was refused for Sint-Niklaas).
    asker = set(workplace_names(analysis.context, analysis.need))
    split = [split_sentences(p.text) for p in passages] if kind else []  # only a value check reads them
    # Per passage, for the value check too: its heading's terms and those of its document's title names.
    headings = [set(tokenize(p.section or "")) for p in passages] if kind else []
    # Its region too, as for `names_missing`: the WINGG nota is about West-Vlaanderen and does not say so next
    # to "gemiddeld twintig deelnemers" (fresh53, now natural56, as natural39 and natural47: "zoals Co-ncept
    # en WINGG dat in West-Vlaanderen gedaan hebben ... met hoeveel mensen?" refused with it first). Tuning
    # 3588 (models fitted on 3408): 4 answers more (3 refused, 1 partial before), none fewer; one
    # unanswerable question refused before is now labelled partial.
    titles = [set(tokenize(" ".join(document_name_list(p)))) for p in passages] if kind else []
    holds = partial(holds_value, given=analysis.text, year=asked_year(analysis.need))
    # The names the need gives that do not frame the corpus: what the passages must name, and a follow-up's
    # own subject.
    need_names = [name for name in names_in(analysis.need) if not terms.frames_in(name, analysis.need)]
    # The part of the need that asks for the value ("Hoeveel geld zat erin" of a need in three parts).
    value_part = value_clause(analysis.need, kind, situated=bool(analysis.context)) if kind else ""
    asked = (
        _value_context(
            analysis,
            value_part,
            roles,
            need or own,
            own,
            inherited,
            terms,
            asker,
            need_names if follows_up else (),
            said_before,
        )
        if kind
        else []
    )

    def counted(text_terms: set[str], text: str) -> set[str]:
        """The terms a value's sentence or passage counts as holding (the askers' words for its own too)."""
        text_terms = with_said_forms(text_terms, tokenize)
        return _with_people(text_terms, text, tokenize) if kind == "count" else text_terms

    found = None
    if kind:
        # A split ("hoeveel naar loonkosten en hoeveel naar werkingskosten?") is given only by a sentence that
        # names what it splits over itself: the Waasland slide's "€ 35.000 / eerstelijnszone = € 70.000 /
        # Waasland" above "Loonkosten en werkingskosten" splits nothing (tuning: four unanswerable questions
        # answered, natural2 to natural30).
        alone = asks_split(analysis.need)
        if alone:  # and not by the figure the question gives ("van die € 70.000"): that is the whole
            asked = [t for t in asked if not t.isdigit()]
        # A follow-up's words from earlier turns say what the conversation is about: the passage holding
        # them is on it, and the value's sentence need not repeat them (a follow-up on Co-ncept's fund,
        # "... zat daarin?": "Het ideale wereldfonds bedraagt 25 000 euro" names no planmaker, CAW or
        # Westhoek), as `coverage` counts them anywhere in the passages. Tuning 2448, cross-fitted: answered
        # 0.910 -> 0.913 (9 refused follow-ups now answered or labelled partial), declined the same. The
        # passage's heading holds them too, as `value_unsupported` reads it ("7.9 Bijlage 9: DIW-fonds
        # Co-ncept Jeugdhulp" above that sentence, after a first turn on the DIW fund: fresh35, now
        # natural38, refused "En hoeveel geld zat er eigenlijk in dat fonds?").
        earlier = set(asked) - set(tokenize(analysis.text)) if follows_up else set()
        # A value asked of a document's author or zone stands in a passage that names it or in that document:
        # "Hoeveel heeft Co-ncept Jeugdhulp in 2024 uitgegeven aan loonkosten en werkingskosten?" is not
        # answered by the Waasland slide's "€ 70.000 / Waasland" above "Loonkosten en werkingskosten"
        # (fresh43, now natural46, answered with it). Not where the question names two kinds of document
        # ("In de presentatie van het Waasland lees ik een andere startmaand dan in het eindrapport").
        named = [] if len(analysis.documents) > 1 else _named_documents(need_names, titles, tokenize)
        sentences = [
            (s, counted(set(tokenize(s)) | topic, s), counted(t | topic, s), documents)
            for texts, held, heading, documents in zip(split, passage_terms, headings, titles, strict=True)
            if not named or any(name <= held | heading | documents for name in named)
            for topic in [{term for term in earlier if term_present(term, held | heading)}]
            for s, t in _with_neighbour_terms(texts, tokenize)
        ]
        thing = counted_noun(analysis.need) if kind == "count" else None
        if thing is not None:
            # "Hoeveel pleegouders hebben een vorming gevolgd?": a count of something else ("Ieper 2" in a
            # table of regions) is no answer; the sentence, or one beside it, names what is counted.
            sentences = [row for row in sentences if _counts(thing, row[2], tokenize)]
        if kind == "amount" and _PER_UNIT.search(value_part):
            # "Wat is het maximumbedrag per jongere ...?" is not answered by "Het ideale wereldfonds bedraagt
            # 25 000 euro tot eind 2024." (fresh40, now natural43, answered with it): an amount asked per unit
            # is given by a sentence that says it per unit ("€ 35.000 / eerstelijnszone", "per deelnemer").
            sentences = [row for row in sentences if _PER_SAID.search(row[0])]
        itself = [(s, own_terms, d) for s, own_terms, _, d in sentences]
        plain = itself if alone else [(s, wide, d) for s, _, wide, d in sentences]
        # A sentence that names the subject itself leads before one whose neighbours name it ("Slechts 37%
        # zegt ... dat het belangrijk is" before "30% geeft aan dat de kans lager is ..."; fresh32, now
        # natural35).
        found = _value_in_documents(kind, itself, asked, weights, holds)
        if found is None and not alone:
            found = _value_in_documents(kind, plain, asked, weights, holds)
        if found is None and analysis.context and _BACK_POINTER.search(analysis.need):
            # "... andere data voor de derde fase. Wanneer is die nu eigenlijk gestart?": the value's subject
            # may be what the context names (fresh14, now natural16).
            wider = asked + [t for t in tokenize(analysis.context) if t not in roles]
            found = _value_in_documents(kind, plain, wider, weights, holds)
            if found is not None:
                asked = wider
    best_dense = retrieval.best_dense or 0.0
    best_sentence = max((p.scores.get("sentences", 0.0) for p in passages), default=0.0)
    if retrieval.plain_cosines is not None:  # searched with an adapted vector: judge by the plain one
        best_dense, best_sentence = retrieval.plain_cosines
    count = counted_items(analysis.need) if analysis.intent == "list" and not kind else None
    # "Welke zes stappen ...?": the documents give the steps only where a passage lists six of them.
    unlisted = count is not None and not any(gives_items(p.text, count) for p in passages)
    unused = unused_context_names(analysis.context, terms)
    # "In het verslag staat '9min op een dag' als klein hulpmiddel voor ouders. Wat houdt dat precies in?":
    # what the documents name once in passing they do not describe (natural2 to natural34: Samsa, '9min op
    # een dag', 'als je van spelen leren kan', cluster DEEP, Kapitein Winokio's campaign; all unanswerable,
    # all answered with the line that names it or with passages around it).
    described = asks_what_it_is(analysis.need) and any(
        terms.in_passing(name) and not _described_otherwise(name, analysis.need, terms)
        for name in _described_names(analysis)
    )
    features = DecisionFeatures(
        need_coverage=coverage(need or own, passage_terms, weights, inherited),
        question_coverage=coverage(own, passage_terms, weights, inherited),
        dense=best_dense,
        sentence=best_sentence,
        agreement=agreement([p.scores for p in passages]),
        unknown=unknown_share([t for t in need or own if t not in numbers], weights),
        value_missing=1.0 if (kind and found is None) or unlisted or described else 0.0,
        value_unsupported=value_unsupported(
            kind,
            [
                (texts, counted(passage | heading | documents, p.text))
                for texts, passage, heading, documents, p in zip(
                    split, passage_terms, headings, titles, passages, strict=True
                )
            ]
            if kind
            else [],
            asked,
            weights,
            holds,
        ),
        name_missing=names_missing(
            ages_left_out(need_names, analysis.need)
            + [n for n in unused if n not in asker]
            + area_names(analysis, terms, unused),
            # The heading too: a slide names its subject only there ("De Wase Kiem (verkennend gesprek
            # 9/12)" over "Zwangerschapscentrum dat ..."; fresh28, now natural31, refused with it first).
            [f"{document_names(p)} {p.section or ''} {p.text}" for p in passages],
            [document_name_list(p) for p in passages],
        ),
    )
    missing = (kind or ("items" if unlisted else "description")) if features.value_missing else None
    return Evidence(features, found, missing)


def _described_names(analysis: QuestionAnalysis) -> list[str]:
    """What a need asking what something is asks about: the names and quoted phrases of the need, and those
    of the situation when the need points back at it ("Wat houdt dat in?", "Hoe werkt die methode?")."""
    names = quoted_phrases(analysis.need) + names_in(analysis.need) + _ACRONYM.findall(analysis.need)
    if analysis.context and _BACK_POINTER.search(analysis.need):
        names += quoted_phrases(analysis.context) + names_in(analysis.context)
    return list(dict.fromkeys(names))


_ACRONYM = re.compile(r"\b[A-Z]{3,}\b")  # "cluster DEEP"


def _described_otherwise(name: str, need: str, terms: CorpusTerms) -> bool:
    """The need gives the thing a second name, joined by "of" ("de BiB-tool of Born in Belgium"), that the
    corpus uses more than in passing: the documents describe it under that name (fresh33, now natural36:
    refused because a slide names the "BiB-tool" once, while the inspiratienota describes Born in Belgium)."""
    escaped = re.escape(name)
    joined = re.search(
        rf"(?<!\w){escaped}\s+of\s+(?:de\s+|het\s+)?([A-Z][\w-]*)|([A-Z][\w-]*)\s+of\s+(?:de\s+|het\s+)?"
        rf"{escaped}(?!\w)",
        need,
    )
    if joined is None:
        return False
    other = joined.group(1) or joined.group(2)
    return terms.holds(other) and not terms.in_passing(other)


# A pointer among the need's first words is its subject ("Wanneer is die nu gestart?", "Hoe groot was die
# werkgroep?"); later it is mostly a relative pronoun ("de reeks die in 2025 werd uitgerold").
# "Hoeveel geld zat daarin?" after "... hoorde ik over een DIW-fonds" points back too (natural24).
_BACK_POINTER = re.compile(
    r"^\W*(?:\w+\W+){0,3}(?:die|ze|zij|dat|(?:daar|er|hier)(?:in|voor|mee|van|aan|op))\b", re.IGNORECASE
)


def _value_context(
    analysis: QuestionAnalysis,
    value_part: str,
    roles: set[str],
    need: list[str],
    own: list[str],
    inherited: list[str],
    terms: CorpusTerms,
    asker: set[str],
    follow_up_names: Sequence[str] = (),
    said_before: str = "",
) -> list[str]:
    """What an asked value must stand next to: the part of the need that asks for it (`value_part`, its asking
    words left out; else the whole `need`), names the situation gives ("... onze eerstelijnszone in het
    Waasland. Hoeveel geld is er voor ons traject voorzien?") but not those of the asker's workplace ("Ik werk
    bij Pleegzorg West-Vlaanderen.": `workplace_names`), and a follow-up's subject from earlier turns ("en
    hoeveel kreeg elke zone daarvoor?": the query's terms the question itself lacks). Tuning 1488, the
    decision fitted leaving one slice out (answered / declined): 0.888 / 0.883 before fresh19's three rules
    (value_clause), 0.889 / 0.887 with them, 0.889 / 0.889 with the workplace left out too (0.889 / 0.893 on
    the 1428 that are not fresh19, now natural21). Role words the query adds back as if from earlier turns
    were left in: taking them out, 0.885 / 0.883 (then, refitting the decision); without refitting, those of
    the situation are left out since fresh34 (now natural37), see below."""
    tokenize = terms.tokenize
    asking_part = without_pointers(value_part)
    # Not the words that only colour it ("Wanneer liepen die drie fases nu echt?": "echt" stands next to no
    # date; fresh22, now natural25).
    fillers = {t for word in FILLERS for t in tokenize(word)}
    # Nor, for a figure, the verb of what people held ("Hoeveel procent vond het belangrijk?"): the report
    # gives the share with its own verb ("Slechts 37% zegt het eens te zijn met de stelling dat het belangrijk
    # is"; fresh32, now natural35, was refused for "vond").
    if analysis.expects == "count":
        fillers |= {t for word in (*_HELD, *_CAME) for t in tokenize(word)}
    clause = [t for t in tokenize(asking_part) if t not in roles and t not in fillers]
    # "hoeveel budget hebben we voor het OverHoop-traject?" after "Ik werk bij de Eerstelijnszone Waasland":
    # the value is the asker's own organisation's, stated next to its name ("= € 70.000 / Waasland"; fresh23,
    # now natural26).
    # So is the zone the asker calls "onze eerstelijnszone" in the situation ("Ik ben zorgcoördinator in een
    # basisschool in het Waasland en hoorde dat onze eerstelijnszone meedoet ...; hoeveel budget is er
    # voorzien ...?": fresh40, now natural43, labelled partial with the budget slide first).
    elsewhere = set() if _WE.search(asking_part) or _OUR_ZONE.search(analysis.context) else asker
    named = [
        t
        for n in names_in(analysis.context)
        if not terms.frames(n) and n not in elsewhere
        for t in tokenize(n)
    ]
    own_set = set(own)
    # A follow-up that names its subject itself ("En dat project in de Westhoek, hoeveel mensen hebben daar
    # die Kindreflex-vorming gevolgd?") needs none of the earlier turns' words, which would outweigh the
    # subject next to the value ("eindrapport", "CAW", "fase": natural7 to natural33, eight questions on the
    # Veilige Havens fiche refused with "120 deelnemers" in its first passage); its names stand in for them
    # (`follow_up_names`: the need's names when the question follows up, else none).
    subject = [t for n in follow_up_names for t in tokenize(n)]
    # Nor the role words of the situation, which the query keeps but the question left out of `own` ("Ik ben
    # maatschappelijk werker bij het OCMW ... Hoeveel middelen krijgt het Waasland ...?": the budget slide
    # names neither; fresh34, now natural37, refused with it first); those the need itself names stay
    # ("Hoeveel budget kregen de huisartsen?" is asked of the huisartsen). Tuning 2448, cross-fitted, with
    # the two name rules written from the same slice (plural names in `decision.name_forms`, joined names in
    # `unknown_names`): answered 0.899 -> 0.910, declined 0.940 -> 0.939.
    needed = set(tokenize(without_pointers(analysis.need)))
    # Nor the earlier turns' situations that the last answer did not carry on (`earlier_situations`: "Ik
    # ben consulent bij de sociale dienst jeugdrechtbank in Brugge."): who asked, not what the follow-up asks
    # a value of ("En hoe lang loopt zo'n traject met een planmaker dan minimaal?"; fresh52, now natural55,
    # refused with the three months in its first passage). Tuning 3528 (models fitted on 3408): 6 answers
    # more (5 of them labelled partial before), none fewer, declined the same; held-out 628 unchanged.
    before = set(tokenize(said_before)) - needed
    inherited = [t for t in inherited if t not in before]
    follows = (
        [t for t in subject if t not in clause]
        if subject
        else [t for t in inherited if t not in own_set and (t not in roles or t in needed)]
    )
    we = bool(_WE.search(asking_part))
    if not clause and analysis.expects == "date" and analysis.context and points_back(value_part):
        # A date asked with a pointer at what the situation says ("... hoorde ik dat WINGG een vaste
        # traumareferent wil aanstellen. Tegen wanneer is dat voorzien en wat gebeurt er in tussentijd?"): the
        # date of that, not of the other parts' words (natural17 and fresh49, now natural52, refused or
        # labelled partial with the plan's sentence first). The situation's words, not the asker's.
        left_out = roles | fillers | {t for name in asker for t in tokenize(name)}
        said = [t for t in tokenize(analysis.context) if t not in left_out]
        return said + follows
    if (
        not clause
        and analysis.expects in _OWN_VALUE_KINDS
        and (we and (named or follows) or analysis.expects == "amount" and named)
    ):
        # "... de financiën van ons OverHoop-traject toelichten: hoeveel middelen kregen we precies, waarvoor
        # mogen die dienen en tegen wanneer ...?": the part that asks names nothing but "we", whom the
        # situation names ("ELZ Waasland"); the whole need would make the amount stand next to the other
        # parts' words too ("waarvoor", "werkplan"; fresh28, now natural31, refused with the budget slide
        # first). An amount asked without "we" belongs to what the situation names, not the asker's workplace
        # ("Ik werk bij het OCMW in Sint-Niklaas en hoorde dat de eerstelijnszone Waasland middelen kreeg.
        # Hoeveel budget was er juist voorzien, ...?"; fresh33, now natural36, refused with the budget slide
        # first); not a date ("... aansluiten bij de werkgroep trauma van WINGG. Wanneer en waar is de
        # volgende bijeenkomst?" is asked of the meeting, not of WINGG).
        return named + follows
    return (clause or need) + named + follows


# An amount asked per unit ("per jongere", "per zone"; "per jaar" is a rate over time, left as it was), and
# what says a figure per unit ("per deelnemer", "€ 35.000 / eerstelijnszone", "elke zone kreeg").
_PER_UNIT = re.compile(r"\bper\s+(?!jaar\b|maand\b|week\b|dag\b)[a-zà-ÿ]{3,}", re.IGNORECASE)
_PER_SAID = re.compile(r"\bper\b|\s/\s|\b(?:elke?|iedere?)\b", re.IGNORECASE)
_WE = re.compile(r"\b(?:we|wij|ons|onze)\b", re.IGNORECASE)
# The verbs of holding an opinion, in the forms a "hoeveel" question uses.
_HELD = ("vond", "vonden", "vindt", "vinden", "zei", "zeiden", "zegt", "zeggen", "dacht", "dachten", "denken")
# Nor the verb that only says the counted things came or were there ("Hoeveel aanvragen kwamen er binnen?":
# "werden geen aanvragen ingediend"; fresh36, now natural39).
_CAME = ("kwam", "kwamen", "komt", "komen")
# The values an asker's own organisation has that a part with only "we" asks for ("hoeveel kregen we?",
# "wanneer startten we?"); not where or whom to reach ("in welke gemeenten in onze regio?", "hoe bereik ik
# die persoon?"), which the zone's name next to another place or person does not give (tuning, cross-fitted:
# two unanswerable questions answered without this limit).
_OWN_VALUE_KINDS = frozenset({"amount", "count", "date", "duration"})


def unknown_names(need: str, terms: CorpusTerms) -> list[str]:
    """The names the need mentions ("Wallonië") that no indexed passage or heading uses at all, not even as
    the stem of an adjective ("Waaslandse" -> "Waasland"); hyphenated names and abbreviations are left out
    (their parts or their spelled-out form may be in the documents). The documents cannot answer a detail
    of something they never name. A name of capitalised parts joined by hyphens ("Noord-Limburg") counts,
    as `_never_used` looks for it whole (tuning: the eight questions that name one the corpus never uses are
    all unanswerable; fresh34, now natural37, was answered about "onze zone" Noord-Limburg with the
    Waasland timeline)."""
    return [
        name
        for name in names_in(need)
        if (
            _JOINED_NAME.fullmatch(name)
            or not ("-" in name or len(name) < 4 or name.isdigit() or sum(c.isupper() for c in name) > 1)
        )
        and _never_used(name, terms)
    ]


def unused_context_names(context: str, terms: CorpusTerms) -> list[str]:
    """The names the situation gives ("een kinderdagverblijf in Lokeren", "het Huis van het Kind Sint-
    Niklaas", "het Nederlandse programma Kansrijke Start") that no passage or heading uses in any form. They
    count for the decision's name_missing beside the need's own names: the question is about something the
    documents never name. Tuning (1068), the decision fitted leaving one slice out: answered / declined 0.870
    / 0.872 -> 0.876 / 0.878; of the 24 questions whose feature rises, 21 are unanswerable (a town in the
    situation of an answerable question is the price: "in Aalst", "in Lokeren")."""
    return [name for name in names_in(context) if not terms.frames(name) and _never_used(name, terms)]


def ages_left_out(names: Sequence[str], need: str) -> list[str]:
    """`names` but the numbers that only stand in an age ("Vallen jongeren van 15 tot 18 jaar nog onder de
    doelgroep van OverHoop?"): the documents give the ages they cover ("van -9 maanden (prenataal) tot 14
    jaar"), not every age a question asks of (fresh53, now natural56, refused for "15" and "18"). Tuning 3588
    (models fitted on 3408): that one question answered, no other answer changed; held-out 628: none."""
    kept = set(names_in(without_ages(need)))
    return [n for n in names if not n.isdigit() or n in kept]


def area_names(analysis: QuestionAnalysis, terms: CorpusTerms, unused: Sequence[str]) -> list[str]:
    """The names the situation gives when the need asks about "onze zone / regio / gemeente ...": "Ik werk
    als CLB-medewerker in de Westhoek. Welke scholen in onze eerstelijnszone hebben ...?" asks about the
    Westhoek, which a passage on Leuven's schools does not name (fresh29, now natural32: answered with
    Praxis P's twelve Leuven schools). `unused`, the names the corpus never uses, count already
    (`unused_context_names`)."""
    if not _OUR_AREA.search(analysis.need):
        return []
    # Not the organisation the asker works at: "Ik werk bij het Huis van het Kind in het Waasland ... Hoeveel
    # budget is er voor onze regio voorzien?" asks of the Waasland (fresh53, now natural56, refused with the
    # budget slide first for lacking "Huis"). Tuning 3588: that one question changes (refused -> partial,
    # with the amount, the period and what it pays for); held-out 628: none.
    context = without_employer(analysis.context)
    return [n for n in names_in(context) if not terms.frames(n) and n not in unused]


_ZONE_WORDS = "eerstelijnszone|zone|regio|elz"
_OUR_AREA = re.compile(
    r"\b(?:in|van|uit|voor|binnen|bij)\s+(?:onze|ons)\s+(?:eigen\s+)?"
    rf"(?:{_ZONE_WORDS}|buurt|stad|gemeente|provincie)\b",
    re.IGNORECASE,
)
# The zone itself, as the situation's subject ("... hoorde dat onze eerstelijnszone meedoet"): what an amount
# asked there belongs to (`_value_context`). So is the asker's own budget ("Ik ben stafmedewerker bij een
# eerstelijnszone in het Waasland en moet ons budget voor OverHoop uitleggen"; natural16, refused with the
# Waasland budget slide first: the amount was looked for next to no word at all).
_OUR_ZONE = re.compile(rf"\b(?:ons|onze)\s+(?:{_ZONE_WORDS}|budget|middelen|subsidie)\b", re.IGNORECASE)


def _never_used(name: str, terms: CorpusTerms) -> bool:
    """No form of the name ("Waaslandse", "Waasland") has a term the corpus uses; for a name of capitalised
    parts joined by hyphens ("Noord-Limburg", "Sint-Niklaas"), no form stands whole in the corpus: its parts
    alone ("Limburg", "Sint") name something else."""
    forms = {name, name.removesuffix("se"), name.removesuffix("e"), name.removesuffix("s")}
    if _JOINED_NAME.fullmatch(name):
        return not any(terms.holds(form) for form in forms)
    return not any(terms.used(t) for form in forms for t in terms.tokenize(form))


_JOINED_NAME = re.compile(r"[A-Z][\w]*(?:-[A-Z][\w]*)+")


def missing_words(need: str, passages: Sequence[Passage], terms: CorpusTerms) -> list[str]:
    """The need's words that no shown passage holds and that say what the documents leave out: a name
    ("Wallonië", "ADHD") or a word the documents never use ("eetstoornis", "dokters"). A common word that
    only this answer's passages lack ("beter", "staat", "Lukte") says nothing to the reader."""
    present = set().union(*(terms.of(p) for p in passages)) if passages else set()
    names = set(names_in(need))
    missing = []
    for word in salient_words(without_pointers(need)):
        if names_a_document(word) or any(gives_figure(word, p.text) for p in passages):
            continue  # the document's own name; "zestig" where the passages say 60
        tokens = terms.tokenize(word)
        if not tokens or any(term_present(t, present) for t in tokens):
            continue
        if word in names or not any(terms.used(t) for t in tokens):
            missing.append(word)
    return missing


_COMPOUND = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _words_and_parts(text: str) -> set[str]:
    """The words of `text` as written, hyphenated ones whole and in parts ("OverHoop-traject", "OverHoop",
    "traject")."""
    out: set[str] = set()
    for word in _COMPOUND.findall(text):
        out.add(word)
        out.update(word.split("-"))
    return out


WRITTEN_OUT_CACHE = 8192  # passages and sentences whose written-out figures are kept


@lru_cache(maxsize=WRITTEN_OUT_CACHE)
def _written_out_terms(text: str, tokenize: Tokenizer) -> frozenset[str]:
    """The terms of the numbers `text` writes in digits, written out ("60" -> "zestig"). Cached: the same
    passages come back question after question, and reading their figures took some 3-5 ms per ten."""
    return frozenset(tokenize(" ".join(spelled_figures(text))))


@cache
def _number_terms(tokenize: Tokenizer) -> frozenset[str]:
    """The terms of numbers written out ("zestig"): the documents write them in digits ("de 60 ELZ"), so a
    question that writes one out uses no word the corpus lacks ("Hoeveel professionals heeft OverHoop in die
    zestig zones ongeveer bereikt?": natural22, refused with the report's 30 000 in its first passage)."""
    return frozenset(t for word in spelled_number_words() for t in tokenize(word))


@cache
def _said_forms(tokenize: Tokenizer) -> dict[str, frozenset[str]]:
    """The documents' word -> the askers' words for it, one term each (`said_words`, the reviewed mapping)."""
    forms: dict[str, set[str]] = {}
    for said, corpus in said_words().items():
        asked = tokenize(said)
        if len(asked) != 1:
            continue
        for word in corpus:
            written = tokenize(word)
            if len(written) == 1 and written != asked:
                forms.setdefault(written[0], set()).add(asked[0])
    return {written: frozenset(asked) for written, asked in forms.items()}


def with_said_forms(terms: set[str], tokenize: Tokenizer) -> set[str]:
    """`terms` (a sentence's or a passage's) plus the askers' words for those the documents use, for the value
    check: "wat heeft dat project concreet opgeleverd?" is answered under a fiche's "OUTPUT" (natural18 to
    natural36: three refusals with the fiche first), "Hoeveel geld kreeg een ELZ?" next to "€ 35.000 /
    eerstelijnszone" (fresh46, now natural49; still refused there, the slide lacks its "fase 3")."""
    forms = _said_forms(tokenize)
    extra = {form for term in terms for form in forms.get(term, ())}
    return terms | extra if extra else terms


def _with_neighbour_terms(sentences: list[str], tokenize: Tokenizer) -> list[tuple[str, set[str]]]:
    """Each sentence with the terms of itself and the sentences around it: a figure's subject is often
    named in the sentence before ("... breed uitgerold. De zorgraden van de 60 eerstelijnszones ..."). A
    number in digits counts as written out too ("in die zestig zones": fresh13, now natural22)."""
    terms = [set(tokenize(s)) | _written_out_terms(s, tokenize) for s in sentences]
    return [(s, terms[i].union(*terms[max(0, i - 1) : i + 2])) for i, s in enumerate(sentences)]


# Who a count of people counts: "hoeveel mensen / professionals / deelnemers ..." is answered by a count of
# any kind of people the sentence names ("Tijdens de bijeenkomsten namen gemiddeld twintig deelnemers deel",
# "algemene vorming Kindreflex: 120 deelnemers van 45 organisaties"; fresh25, now natural28). Only the
# sentence's own words, not its neighbours'.
def _with_people(terms: set[str], sentence: str, tokenize: Tokenizer) -> set[str]:
    """`terms` plus the words that ask for a count of people, when `sentence` itself names people."""
    if _people_terms(tokenize, PEOPLE).isdisjoint(tokenize(sentence)):
        return terms
    return terms | _people_terms(tokenize, ANY_PEOPLE)


@cache
def _people_terms(tokenize: Tokenizer, words: tuple[str, ...]) -> frozenset[str]:
    """The terms of `words`, tokenized once (not for every sentence of every count asked)."""
    return frozenset(t for word in words for t in tokenize(word))


def _counts(thing: str, terms: set[str], tokenize: Tokenizer) -> bool:
    """`terms` (a sentence's, with its neighbours' and, where it names people, the words for any people)
    name the counted `thing` as such or as the head of a compound ("pleegouders" for "ouders"); a thing
    whose head is a word for any people ("eerstelijnsprofessionals", "politiemensen") is counted by that
    word. Not by a word sharing its first letters only ("kindertijd" counts no "kinderen")."""
    head = next((word for word in ANY_PEOPLE if thing.lower().endswith(word)), thing)
    wanted = tokenize(head)
    return not wanted or any(w in terms or compound_head(w, terms) for w in wanted)


def _value_in_documents(
    kind: str,
    sentences: Sequence[tuple[str, set[str], set[str]]],
    asked: Sequence[str],
    weights: TermWeights,
    holds: Callable[[str, str], bool],
) -> str | None:
    """`value_sentence` over (sentence, its terms, its document's name terms), where the asked terms that its
    document's title names and the sentence does not are left out of what it must stand next to: a report
    does not name its author beside each figure ("hun fonds" of Co-ncept next to "Het ideale wereldfonds
    bedraagt 25 000 euro" in Co-ncept's report). Left out, not counted as found: counting them made figures
    of that report answers to questions on other things it holds no figure for (tuning, five unanswerable
    questions answered); left in where the sentence says them ("... = 70.000 / Waasland")."""
    for text, terms, documents in sentences:
        own = [t for t in asked if t not in documents or term_present(t, terms)]
        if own and value_sentence(kind, [(text, terms)], own, weights, holds) is not None:
            return text
    return None


def _named_documents(names: Sequence[str], titles: Sequence[set[str]], tokenize: Tokenizer) -> list[set[str]]:
    """The terms of each of `names` that a passage's document goes by in its title (`titles`: per passage,
    its title's name terms): the need asks of that document's author or zone."""
    named = [set(tokenize(name)) for name in names]
    return [terms for terms in named if terms and any(terms <= title for title in titles)]


def document_name_list(passage: Passage) -> list[str]:
    """The names the passage's document goes by: its title's (`document_names`) and its region."""
    return _title_names(passage) + ([passage.chunk.region] if passage.chunk.region else [])


def document_names(passage: Passage) -> str:
    """The names in the title of the passage's document ("Co-ncept", "Jeugdhulp" of "Inhoudelijke rapportage
    Co-ncept Jeugdhulp 2024 ..."; "Waasland" of the Waasland presentation): a report does not name its own
    author on every page, so "het fonds van Co-ncept" is found in Co-ncept's report where it says "Het
    ideale wereldfonds bedraagt 25 000 euro" (fresh15, now natural17: two refusals of the fund question).
    Years are left out: a title's year is no date of every passage."""
    return " ".join(_title_names(passage))


def _title_names(passage: Passage) -> list[str]:
    return list(_names_of_title(passage.chunk.title))


@cache
def _names_of_title(title: str) -> tuple[str, ...]:
    """A title's names, once per title: every question reads them for each of its passages, three times
    (0.2 ms each)."""
    return tuple(name for name in names_in(title) if not name.isdigit())
