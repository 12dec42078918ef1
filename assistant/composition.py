"""Compose the extractive answer by intent: whole, self-standing groups of sentences from the best passages,
laid out as the question needs them (advice then actions then tools; findings; the figure; the definition;
the list; one part per document). Every sentence of substance is quoted verbatim and ends in its [n].

Sentences are chosen from the best passages outward, openings first: measured on naturally phrased
questions, the opening sentences of the top passages covered 0.44 of the answer points at 200 words
against 0.35 for the sentences most similar to the question. Similarity (sentence cosines when the index
has them, else IDF-weighted word overlap) drops what is off the question's subject and orders the rest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Literal

import numpy as np

from assistant.answer import Citation, Intent, Passage
from assistant.extractive import LEAD_IN
from assistant.followup import mentions_ordinal
from assistant.lists import bulleted_lists, counted_items, described_list, list_items, numbered_lists
from assistant.question_analysis import (
    AGELESS_KINDS,
    asks_for_questions,
    counted_noun,
    holds_value,
    need_parts,
    without_ages,
)
from assistant.sentences import asks, ends_sentence, is_field_line, is_quotable, strip_heading_prefix
from assistant.termweights import TermWeights, term_present, weighted_coverage
from basics.sentences import split_sentences
from basics.tokens import is_stop_word
from ingest.documents import Chunk
from ingest.headings import SLIDE_TYPES
from ingest.index import Index

Tokenizer = Callable[[str], list[str]]
Role = Literal["retrieved", "continues", "names", "compared"]

# A sentence that opens like this leans on the one before it: quote both or neither.
# The endings of the pointing adverbs ("hierdoor", "daarbij", "hiervan"): what they point at went before.
_POINTING_ENDS = r"(?:door|om|bij|mee|voor|in|op|van)"
_ANAPHORIC = re.compile(
    rf"^(?:Dit|Deze|Dat|Die|Daar|(?:Hier|Daar){_POINTING_ENDS}|Zij|Ze|Hij|Zo|Zulke|Zo'n|Dergelijke|Bovenstaande|"
    r"Voorgaande|Beide|Ook\s+(?:dit|dat|deze|die|hier))\b"
    # "Het is een ontmoetingsplaats ...": "het" as the subject names what the sentence before introduced
    # (but "Het is belangrijk om ..." points forward and stands alone).
    r"|^Het\s+(?:is|was|wordt|werd|gaat|ging|heeft|had|biedt|bood|zal|kan|wil|richt|bestaat|staat)\s+"
    r"(?:een|geen|ook|vooral|dus|daarom|dan|om|over|uit|zich|hier|daar|er)\b"
)
# "In zo goed als alle pilootprojecten speelde deze fragmentering een rol.": "deze/dit + noun" early in the
# sentence points back as much as a sentence that opens with it.
# "Binnen dit project hanteren we ...": "dit project" names the programme itself, not the sentence before.
_EARLY_POINTER = re.compile(
    r"^(?:\S+\s+){1,5}(?:deze|dit)\s+(?!is\b|zijn\b|was\b|wordt\b|kan\b|"
    r"(?:project|programma)\b)(?:[a-zà-ÿ]{4,}|[A-Z]{2,}\b)"  # "Bovendien moet dit API ..." (natural26)
)
# A pointing adverb right after the first word ("Denk hierbij onder meer aan scholen, CLB's, ...", "Belangrijk
# daarbij is ...", "Ook hierin ..."): the sentence goes on from the one before it (the inspiratienota's
# second goal, "Nulde- en eerstelijnsactoren versterken ...", was quoted without the actors it names: fresh44,
# now natural47, "aan welke actoren denken ze daar dan concreet?").
_SECOND_WORD_POINTER = re.compile(rf"^\S+\s+(?:hier|daar){_POINTING_ENDS}\b")
# A sentence that opens like this adds to what was said before it: it does not lead an answer ("Bovendien
# moet dit API tegen eind 2019 een opleiding gevolgd hebben." before the API was introduced; fresh23, now
# natural26).
_ADDING = re.compile(r"^(?:Bovendien|Daarnaast|Verder|Voorts|Tevens|Eveneens|Ook|Tot\s+slot|Ten\s+slotte)\b")
# A sentence that turns the meaning of the one before it: never quote the one before without it.
_CONTRAST = re.compile(
    r"^(?:Maar|Toch|Echter|Anderzijds|Daartegenover|Daarentegen|Desondanks|Nochtans|Helaas|Wel\b|"
    r"(?:Dat|Dit)\s+(?:komt|blijkt|geldt|is)\s+(?:echter\s+)?niet|Tegelijk(?:ertijd)?|Al\s+)|^\S+(?:\s+\S+)?,\s+echter,",
)
MAX_GROUP = 3  # sentences in one group; a longer chain of "dit ... dat ..." is not quotable in part
# A thing named without a verb, a short sentence of its own ("Een beslisboom voor eerstelijnsprofessionals.").
_NAMED_THING = re.compile(r"^(?:Een|De|Het)\s+[\w-]+(?:\s+[\w&'-]+){0,7}\.$")

# What a professional can do: imperatives and "je kan / het is belangrijk om" sentences.
_ACTION = re.compile(
    r"(?:^|[,:;]\s|\b(?:dan|en|maar)\s)(?:probeer|vraag|ga|neem|bespreek|praat|luister|zorg|vermijd|hanteer|"
    r"gebruik|betrek|wuif|vertrouw|blijf|kijk|bel|contacteer|meld|schakel|informeer|let|maak|geef|toon|"
    r"creëer|investeer|ijver|durf|stel|werk|deel|erken|benoem|observeer|noteer|raadpleeg|verwijs|zoek|"
    r"bied|help|sta|wees|denk|vertel|overleg|reageer|versterk)\b"
    r"|\b(?:je|jij|u|we|wij|men)\s+(?:kan|kunt|kunnen|moet|moeten|mag|hoeft|hoeven|best)\b"
    r"|\b(?:kan|kun|moet|mag)\s+(?:je|jij|u)\b|\bhet\s+is\s+(?:belangrijk|nodig|zinvol|aangewezen)\b"
    r"|\b(?:aanrader|tip)\b",
    re.IGNORECASE,
)
# Tools, practices and contacts as the documents name them. The generic words say "a tool" without naming
# one ("de gebruikte interventies en methodieken"): a sentence whose only tool words are generic names a tool
# only with a name beside them (quoted, capitalised inside the sentence, an acronym, a number, or a "Name:
# what it is" line).
# Organisations among them: named only in passing, they are no contact (`names_a_contact`).
_ORGANISATION_WORDS = r"vertrouwenscentr\w*|clb|kind\s+en\s+gezin"
_SPECIFIC_TOOL_WORDS = (
    r"wegwijzer|beslisboom|kindreflex|familiereflex|\w*kaart|vertrouwensarts|1712|"
    rf"{_ORGANISATION_WORDS}|meldpunt|draaiboek|leidraad|stroomdiagram|zorgpad|verwijstool|train-the-trainer|"
    r"signaalkaart|handelingskader|meldcode"
)
_GENERIC_TOOL_WORDS = (
    r"tool\w*|methodiek\w*|website|brochure|koffer\w*|folder\w*|(?:basis)?vorming\w*|opleiding\w*|"
    r"intervisie|huisarts\w*"
)
_TOOL = re.compile(rf"\b(?:{_SPECIFIC_TOOL_WORDS}|{_GENERIC_TOOL_WORDS})\b", re.IGNORECASE)
_SPECIFIC_TOOL = re.compile(rf"\b(?:{_SPECIFIC_TOOL_WORDS})\b", re.IGNORECASE)
_A_NAME = re.compile(r"[‘'“\"][^‘'“”’\"]{3,80}[’'”\"]|(?<=[a-zà-ÿ,;:]\s)[A-Z][\w-]+|\b[A-Z]{2,}\b|\d")


# A sentence naming an organisation only in passing ("de rol van de verschillende organisaties zoals CAW,
# CLB", "onderwijskoepels en CLB's te betrekken") names no contact; one that says what it offers or that you
# can turn to it does ("Het CLB kan je hierin ondersteunen").
_ORGANISATION = re.compile(_ORGANISATION_WORDS, re.IGNORECASE)
_GENERIC_TOOL = re.compile(rf"\b(?:{_GENERIC_TOOL_WORDS})\b", re.IGNORECASE)
_OFFERS = re.compile(
    r"\b(?:terecht|contact\w*|bel|bellen|advies|adviseer\w*|ondersteun\w*|begeleid\w*|helpt|helpen|hulp|"
    r"biedt|bieden|aanspreekpunt\w*|meld\w*|raadpleeg\w*|(?:door)?verwijs\w*|(?:door)?verwijz\w*|vraag|vragen)\b",
    re.IGNORECASE,
)


def names_a_contact(text: str) -> bool:
    """`names_tool`, where an organisation named only in passing is no contact (see _ORGANISATION): what the
    tools block of a practical answer lists under "Hulpmiddelen en aanspreekpunten"."""
    if not names_tool(text):
        return False
    specific = [m.group(0) for m in _SPECIFIC_TOOL.finditer(text)]
    in_passing = (
        specific
        and all(_ORGANISATION.fullmatch(word) for word in specific)
        and not _GENERIC_TOOL.search(text)
        and not _OFFERS.search(text)
    )
    return not in_passing


def names_tool(text: str) -> bool:
    """The text names a tool, practice or contact, not only the idea of one."""
    if not _TOOL.search(text):
        return False
    named = _A_NAME.search(text) or _NAMED_LINE.match(text.strip())  # "Babo-box: tool om ..."
    return bool(named or _SPECIFIC_TOOL.search(text))


# Findings (lessons): what the documents observed; not how they asked it.
_METHOD = re.compile(
    r"\b(?:vragenlijst\w*|\w*bevraging\w*|respondent\w*|interview\w*|focusgroep\w*|gesloten\s+vraag|"
    # "We bevragen naast de doelgroepen ook ...", "Slechts één antwoord is mogelijk.", "We beogen met ..."
    r"we\s+(?:bevragen|vragen|vroegen|voegen|beogen|peilen|peilden|polsen|polsten)|"
    r"(?:bevragen|peilen|peilden|beogen|polsen)\s+we|kijken\s+we\s+(?:\w+\s+)?naar|"
    r"(?:meerdere|één|slechts\s+één)\s+antwoord(?:en)?\s+(?:op\s+deze\s+vraag\s+)?(?:is|zijn)\s+"
    r"(?:mogelijk|toegelaten)|antwoordmogelijkhe\w*|"
    r"antwoordcategorie\w*|werd\s+gevraagd|vroegen\s+we|hebben\s+we\s+gevraagd|deelstudie|n\s?=|"
    r"in\s+(?:dit|deze)\s+(?:hoofdstuk|deel|deelstudie|rapport|onderzoek)|hieronder|onderstaande|"
    r"zie\s+(?:tabel|figuur)|deelvra\w*|onderzoeksvra\w*|onderzochten|bevraagden|methodolog\w*|steekproef|"
    r"stelling\s+\d+|we\s+(?:bespreken|beschrijven|gaan\s+na)|"
    # The statistics behind a finding ("Opnieuw werken we met een geaggregeerde variabele ... (Cronbach's
    # Alpha=0,912)", "... een significante waarde op de X2-test (X2=6,797, df=1, P<0,01)": natural23).
    r"\w*variabele\w*|cronbach\w*|chi-kwadraat\w*|x2(?:-test)?|df\s?=\s?\d|p\s?<\s?0|hypothesetoets\w*)\b",
    re.IGNORECASE,
)
# ... but "Uit de focusgroepen blijkt dat ..." reports a finding with its source.
_FINDING = re.compile(
    r"\b(?:blijkt|bleek|bleken|geven\s+aan|gaven\s+aan|aangeven|merken|merkten|stellen\s+vast|ervaren|ervaarden|"
    r"benoemen|wijzen|wezen|zien\s+we|zagen\s+we|\d+\s?%|"
    # "Respondenten verwijzen verder naar de fragmentatie ...", "... halen sommige respondenten aan dat ..."
    r"verwijzen|verwezen|noemen|noemden|vermelden|vermeldden|(?:halen|haalden)\b[^.]{0,60}\baan)",
    re.IGNORECASE,
)
_HARD = re.compile(
    r"\b(?:moeilijk\w*|drempel\w*|uitdaging\w*|knelpunt\w*|belemmer\w*|struikel\w*|gebrek\w*|tekort\w*|"
    r"onvoldoende|lastig\w*|zwaar|zware|weerstand|te\s+weinig|te\s+veel|tijdsdruk|versnipper\w*|"
    r"beperkt\w*|obstakel\w*|valkuil\w*|spanning\w*)\b",
    re.IGNORECASE,
)
# The chapter of a report that gives its recommendations ("9 ONDERZOEKSVRAAG 4: AANBEVELINGEN > 9.11 Maak
# meerjarige financiering mogelijk en vermijd projectmatige versnippering"): what its sentences say is advice,
# neither what helped nor what was hard, however they word it ("versnippering" is what to avoid; fresh52, now
# natural55, showed that advice under "Wat moeilijk was"). Tuning 3528: 47 lessons answers changed, 20 lose a
# recommendation from under "Wat moeilijk was" and 18 from under "Wat hielp"; the sentences quoted, coverage
# and off-topic the same.
_ADVICE_SECTION = re.compile(r"\baanbeveling\w*", re.IGNORECASE)
# A question that asks for that advice ("Wat raden de onderzoekers concreet aan ...?", "welke aanbevelingen
# ..."): the advice leads.
_ASKS_ADVICE = re.compile(r"\b(?:raden|raadt|raadden)\b[^?]*\baan\b|\baanbevel\w*|\badvie\w*|\badvise\w*",
                          re.IGNORECASE)
# What helped, as the findings say it (not goals: "versterken", "ondersteunen" name what a project aimed at).
_HELPED = re.compile(
    r"\b(?:hielp\w*|helpend\w*|geholpen|succesfactor\w*|succesvol\w*|meerwaarde|positief|positieve|"
    r"werkte|werkt\s+goed|hefboom|hefbomen|dankzij|waardevol\w*|geslaagd|sterkte\w*|bevorderende|"
    r"bleek\s+(?:belangrijk|cruciaal|essentieel)|cruciaal|essentieel|sleutel\w*)\b",
    re.IGNORECASE,
)
_DEFINING = re.compile(
    r"\b(?:is|zijn|betekent|betekenen|verwijst|verwijzen|verstaan\s+we|noemen\s+we|spreken\s+we\s+van|"
    r"houdt\s+in|omvat|definie\w+|omschreven|gedefinieerd|hanteren\s+we\s+(?:de\s+)?(?:term|het\s+begrip))\b",
    re.IGNORECASE,
)
COUNTED_STEM = 6
COUNTED_WITHIN = 4  # words after the number in which the counted noun may stand
# Thousands may be set apart by a space ("25 000 euro", "grofweg 15 300 professionals").
_FIGURE = re.compile(
    r"€\s?\d[\d.,]*(?:\s\d{3}\b)*(?:\s?(?:miljoen|miljard))?|"
    r"\b\d{1,3}(?:\s\d{3}\b)+(?:\s?(?:%|procent|euro|miljoen|miljard))?|"
    # Not a number joined to a word ("3-maandelijks", "4-daagse"): no figure of anything counted (fresh37, now
    # natural40: "**3**" led an answer to "Hoeveel zat daar in?").
    r"\d[\d.,]*\s?(?:%|procent|euro|miljoen|miljard)|\b(?:19|20)\d{2}\b|\b\d[\d.,]*\b(?!-[^\W\d_])"
)
_YEAR = re.compile(r"(?:19|20)\d{2}")
_DATE = re.compile(
    r"\b(?:\d{1,2}\s+)?(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
    r"december|voorjaar|najaar)\s+(?:19|20)\d{2}\b|\b(?:19|20)\d{2}\b",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"\b\d{1,2}[/-]\d{1,2}[/-](?:19|20)?\d{2}\b")
# A sentence needs a finite verb to stand alone ("Discrepantie tussen de nood aan en het krijgen van CB."
# is a slide scrap): common finite forms, or a present or past form by its ending.
_FINITE = re.compile(
    r"\b(?:is|zijn|was|waren|wordt|worden|werd|werden|heeft|hebben|had|hadden|kan|kunnen|kon|konden|moet|"
    r"moeten|moest|moesten|mag|mogen|mocht|zal|zullen|zou|zouden|gaat|gaan|ging|gingen|komt|komen|kwam|"
    r"kwamen|staat|staan|stond|blijkt|bleek|blijft|bleef|blijven|geeft|geven|gaf|gaven|ziet|zien|zag|zagen|"
    r"weet|weten|wist|hoeft|hoeven|laat|laten|liet|vindt|vinden|vond|doet|doen|deed|deden|krijgt|krijgen|"
    r"kreeg|kregen|biedt|bieden|bood|ligt|liggen|lag|houdt|houden|hield|leidt|helpt|hielp|vraagt|vroeg|"
    # "Het proces van detachering verliep niet altijd even vlot." (fresh35, now natural38: never quoted)
    r"vroegen|verloopt|verliep|verliepen|verlopen|loopt|liep|liepen|\w{3,}(?:eert|eerde|eerden|de|te|den|ten|dt))\b",
    re.IGNORECASE,
)
# The verb of a sentence that gives an amount or a count ("Het ideale wereldfonds bedraagt 25 000 euro").
_AMOUNTS_TO = re.compile(r"\b(?:bedraagt|bedroeg|bedragen|bedroegen|telt|telde|telden)\b", re.IGNORECASE)
# A slide bullet that opens with an infinitive and has no finite verb before its first comma ("Laten
# kennismaken met kleine traumasensitieve aanpassingen, leren hoe ze ..."): a task line, not a sentence.
_INFINITIVE_OPENING = re.compile(
    r"^[A-Z][a-zë]+(?:en)\s+(?:van|rond|over|op|met|aan|tot|voor|bij|in|kennismaken|werken|maken)\b"
)
_STRICT_FINITE = re.compile(
    r"\b(?:is|zijn|was|waren|wordt|worden|werd|werden|heeft|hebben|had|hadden|kan|kunnen|kon|konden|moet|"
    r"moeten|moest|moesten|mag|mogen|mocht|zal|zullen|zou|zouden|gaat|gaan|ging|gingen|blijkt|bleek|blijft|"
    r"geeft|geven|biedt|bieden|helpt|zorgt|zorgen|vraagt|vraagt|leidt|brengt|maakt|wil|willen)\b",
    re.IGNORECASE,
)
# "1712: professionele hulplijn voor vragen rond geweld, misbruik en kindermishandeling.": a named tool,
# practice or field with what it is, as the documents' lists and fiches give them.
_NAMED_LINE = re.compile(r"^[^\s:][^:]{1,48}:\s+\S+(?:\s+\S+){3,}")
# A heading run into the sentence ("Belang van toepassing en integratie Eén van de drie hoofddoelen ..."):
# a word in lower case, then a capitalised word that opens sentences, with no punctuation between.
_GLUED_HEADING = re.compile(
    r"\b[a-zà-ÿ]{3,}\s+(?:Eén|Dit|Deze|We|Wij|Er|Zo|Om|Naast|Ook|Daarnaast|Tijdens|Vanuit|Hoewel|Wanneer|"
    r"Zowel|Ondanks|Volgens|Uit|In|Op|Bij|Voor|Binnen)\s+[a-zà-ÿ]"
)
# A numbered heading deeper than the chunker's sections stands on its own line inside a chunk ("2.2.1.2.1. Een
# programmatheorie voor elk project"); the sentence splitter would glue it to the sentence under it.
# A line that goes on into a sentence ("3.2 Resultaten De zorgraden gaven ... .") is not one: it ends in
# punctuation.
_SUBHEADING_LINE = re.compile(
    r"^[ \t]*\d+(?:\.\d+)+\.?[ \t]+[A-ZÀ-Ý](?:[^\n]{0,200}[^\s.!:;])?[ \t]*$", re.MULTILINE
)
# The name of the next practice fiche when two fiches share a chunk: a short line without final punctuation
# right after the line with the previous fiche's link ("https://...spark36-project" then "1712" then "Een
# professionele hulplijn ..."). Glued to the link, the next fiche's first sentence was never quoted.
_LINK_START = r"(?:https?://|www\.)"
_FICHE_NAME_AFTER_LINK = re.compile(
    rf"^[^\n]*{_LINK_START}[^\n]*\n"
    rf"(?![^\n]*{_LINK_START}|[ \t]*(?:Figuur|Tabel|Grafiek|Afbeelding)\s+\d|[ \t]*\d+(?:\.\d+)+)"
    r"([ \t]*[\w'‘’\"“”(][^\n]{0,70}?[^\s.!?:;,&])[ \t]*$",
    re.MULTILINE,
)
_MORE_INFO = re.compile(r"\s+Voor meer informatie:?\s*$")
# Links on a line of their own before a sentence: the splitter glues them to its start ("https://wingg.be/...
# De resultaten werden getest bij de werkgroep trauma ...", never quoted for "bij wie hebben ze die poster
# getest?": fresh41, now natural44). Cut for quoting: the links, then the sentence.
_LINKS_BEFORE = re.compile(rf"^((?:\S*{_LINK_START}\S*\s+)+)(?=[A-ZÀ-Ý])")
_LINK = re.compile(rf"^(?:Voor meer informatie:?\s*)?\S*{_LINK_START}\S*$")
_FIELD_TAIL = re.compile(r"\bVoor meer informatie\b|:\s*$")
# A personal pronoun as subject stands next to its finite verb in Dutch ("Ze vullen elkaar aan", "In dit
# project bouwt men verder"): a sentence, whatever the verb.
_SUBJECT_PRONOUN = re.compile(r"\b(?:ik|jij|hij|zij|ze|we|wij|men)\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{5,}", re.UNICODE)

# Budgets by intent: (quoted groups, words). A figure can be one sentence; advice and lessons run longer.
# Short groups (one line of a fiche, a bullet) used up the count before the words: facts, definitions and
# other answers may hold more of them within the same words (tuning: coverage of answered 0.433 -> 0.446,
# off-topic answers 0.264 the same; the same for advice and lessons gave 0.437 and runs past the ~8 quoted
# sentences they should keep to). Advice may run to 10 groups in 260 words (fourteenth session, tuning
# 1548 cross-fitted: coverage of practical answers 0.444 -> 0.495, off-topic 0.331 -> 0.366; of all answers
# 0.440 -> 0.448 and 0.233 -> 0.238); longer facts, definitions, lessons and other answers too gave 0.459 /
# 0.265 (facts +0.007 coverage for +0.04 off-topic): not kept.
BUDGETS: Mapping[str, tuple[int, int]] = {
    "fact": (9, 150),
    "definition": (9, 150),
    "practical": (10, 260),
    "lessons": (8, 200),
    "comparison": (4, 170),
    "list": (3, 120),
    "other": (12, 200),
}
FIGURE_KINDS = ("count", "amount", "date", "day")  # expected values shown as a figure above their sentence
PART_WORDS = 60  # the most words of a group added for a part of the need no chosen group speaks to
MAX_PART_GROUPS = 2
PART_PREFIX = 7  # letters two words of a part must share to count as one
PART_SHARE = 0.75  # of the IDF weight of a part's own words, held by the group added for it
TOOL_WORDS = 70  # of a practical answer's words, kept for tools and contacts
# Words that frame a question rather than name its subject ("Wat doe ik best?").
FRAME_WORDS = ("best", "beste", "graag", "eigenlijk", "precies", "concreet", "doen", "doe", "weten", "zeggen")
# Words that only frame how a question asks ("hoeveel", "hoe ga ik daarmee om", "tips"): a group that shares
# only these (or FRAME_WORDS) with the subject is not about it ("... onderschat hoeveel ELZ ... ging gaan"
# for "hoeveel gaan er ..."). Tuning (1188, adapter cross-fitted): answers with an off-topic sentence 0.264
# -> 0.257, coverage of answered 0.420 the same.
ASKING_WORDS = ("hoeveel", "gaan", "ga", "mee", "tip", "tips", "omgaan", "geweten")
# Practical and lessons answers may quote where the best passages go on (advice and findings run on): the
# ANCHORS passages among the top 3 that hold most of the subject, each with the CONTINUES chunks after it.
# With one anchor, a search that ranked the advice's own chunk fourth lost the actions after it (the
# niet-pluis question); two anchors, tuning: coverage 0.420 -> 0.425, off-topic answers 0.251 -> 0.265.
ANCHORS = 2
CONTINUES = 2
PASSAGES_USED = 9  # the sources the answer is built from: the best passages, where one goes on, tools
# A passage (below the best) that shares less than this share of what the best passage shares with the
# question is about something else. Tuning (1188, adapter cross-fitted, with the two rules of the tenth
# session): 0.45 / 0.6 / 0.67 / 0.75 / 0.9 gave coverage of answered 0.436 / 0.423 / 0.424 / 0.423 / 0.416
# and answers with an off-topic sentence 0.282 / 0.257 / 0.257 / 0.251 / 0.239.
PASSAGE_CUTOFF = 0.75
# A comparison names two documents: the second one's best passage shares less of the question by nature.
COMPARED_CUTOFF = 0.6
# With sentence cosines: a group this far below the best sentence's cosine is off the subject (e5 cosines
# of related Dutch sentences sit within a few hundredths of each other).
COSINE_MARGIN = 0.05
# A "Name: what it is" line of a catalogue must hold this IDF-weighted share of the subject: one common word
# ("ouders") puts every line of a list of practices on the subject.
NAMED_FOCUS = 0.2
FOCUS_OVER_COSINE = 0.5
# A passage that at least two of the retrievers rank first is the one the question is about (tuning: 90% of
# such best passages hold gold evidence, against 31% of the other best passages): its groups need no word of
# the subject, only to be near in meaning (not COSINE_MARGIN below the best sentence). The substance of such
# a passage often says it in other words ("gezondheidsuitkomsten" for "gezondheid", "vermijd ... risico-
# ouders" for "zonder dat ze dichtklapt"). Tuning: coverage of answered 0.406 -> 0.424, off-topic answers
# 0.261 -> 0.264; top-2 in two lists (0.434 / 0.339) and first in all three (0.418 / 0.292) trade worse.
# Such a passage's sentence that follows an admitted one goes on with it ("Een outreachend consult ...
# betekent dat twee consultgevers ter plaatse komen." after the consultteam): it is admitted too, as
# relevant as the one before (tuning: coverage 0.445 -> 0.465, off-topic 0.264 the same; held-out 0.337 ->
# 0.360 and 0.288 -> 0.273). The same after the best passage's groups when the retrievers disagree: 0.474
# but off-topic 0.376. The sentence right before an admitted one leads into it ("... kunnen contact opnemen
# met het consultteam" before "Een outreachend consult ..."): tuning 0.466 -> 0.470, held-out 0.360 -> 0.364.
AGREED_LISTS = 2
# A line of the agreed passage that holds the asked value (see _value_line): at most this many words; its
# position sorts after the passage's sentences.
VALUE_LINE_WORDS = 40
# Kinds whose value on a line is what was asked; a count or a duration on a line may be a table cell or an
# age ("jongeren van 10 tot 19 jaar" for "hoe lang duurt het").
VALUE_LINE_KINDS = ("amount", "person", "date", "day", "phone", "email", "contact", "address")
_TABLE_ROW = re.compile(r"(?:^|\s)\d[\d.,]*\s+\d[\d.,]*(?:\s|$)")
VALUE_LINE_POSITION = 10_000
# A sentence that points to what follows or to a table says nothing itself ("We bespreken dit in wat volgt
# op een kwantitatieve manier."): never quoted for following another.
_FURTHER_ON = r"in\s+wat\s+volgt|hieronder|hierna"
_SIGNPOST = re.compile(
    rf"\b(?:{_FURTHER_ON}|zie (?:tabel|figuur|bijlage)|we bespreken|bespreken we)\b",
    re.IGNORECASE,
)
# A sentence that only says where something else is said ("We komen daar in het besluit van dit hoofdstuk nog
# op terug.", "We vatten de belangrijkste uitkomsten hieronder samen.", "Het verslag van het lerend netwerk is
# toegevoegd in bijlagen (zie Bijlage 5)."): nothing for a reader of the answer, who has no annex (fresh28,
# now natural31: quoted in the zorgraden's figures and the lerend netwerk's advice). A sentence with content
# and a pointer in brackets ("... liep van december 2022 tot eind december 2025 (zie Figuur 2).") stays.
# Nor one that announces a table, figure or overview the answer does not show ("In onderstaande tabel nemen
# we enkele voorbeelden van antwoorden op.", "..., krijgen we onder andere onderstaande antwoorden."):
# fresh39, now natural42, answered "waarom gaven die zorgraden het trekkerschap uit handen?" with the latter
# alone, above the passage that says why. One that says something of it stays ("Zoals blijkt uit
# onderstaande tabel gaven bijna alle ...").
# "We komen verder terug op het duiden van ...", "We komen in de bi-variate analyse nog terug op ...": the
# same pointer with the words in another order (quoted in the place of the announcements above, natural42).
_POINTS_ELSEWHERE = re.compile(
    r"^(?:We|Wij)\s+(?:komen|kom)\s+(?:(?:daar|hier|hierop|erop|op\s+dit)\b.*\bterug\b|[^.]*\bterug\s+op\b)"
    rf"|^(?:We|Wij)\s+(?:vatten|bespreken|lijsten|beschrijven|geven)\b[^.]*\b(?:{_FURTHER_ON})\b"
    r"|^Zie\b"
    r"|\b(?:toegevoegd|terug\s+te\s+vinden|teruggevonden\s+worden|opgenomen)\s+in\s+(?:de\s+)?bijlage"
    r"|^(?:In\s+)?onderstaande?\s+(?:tabel|figuur|overzicht|schema)\b"
    r"|\bonderstaande\s+antwoorden\W*$",
    re.IGNORECASE,
)
# Score weights: relevance to the question, the passage's rank, the group's position in it. The rank weighs
# more than it did (0.3): the substance sits in the best passages, and a word-sharing group of a lower one is
# more often off the subject. Tuning (1068, adapter cross-fitted): coverage of answered 0.418 -> 0.424,
# answers with an off-topic sentence 0.262 -> 0.253 (91 answers change; 13 gain a point, 2 lose one); 0.8
# gives 0.428 / 0.256 with 22 up and 4 down, and a best passage's empty opening line leads more often.
W_RELEVANCE, W_RANK, W_POSITION, W_KIND = 0.5, 0.5, 0.2, 0.3

LEAD_INS: Mapping[str, str] = {
    "practical": "Dit zeggen de OverHoop-documenten over wat je kan doen:",
    "lessons": "Dit bleek uit de OverHoop-documenten:",
    "fact": LEAD_IN,
    "definition": "Zo omschrijven de OverHoop-documenten het:",
    "list": "De OverHoop-documenten sommen het zo op:",
    "comparison": "Dit zegt elk document hierover:",
    "other": LEAD_IN,
}


def lead_in(
    intent: Intent,
    asked: str,
    blocks: Sequence[Block] = (),
    passages: Sequence[Passage] = (),
    one_item: bool = False,
) -> str:
    """The answer's opening line: what follows, by intent ("en die zesde?" asks for one item, not a list;
    so does a follow-up whose situation points at one: `one_item`). A comparison whose `blocks` quote one
    document only does not announce "elk document" (fresh12: "wat verklaart het verschil tussen zorgraden?"
    is answered from the eindrapport alone)."""
    if intent == "list" and (one_item or mentions_ordinal(asked)):
        return LEAD_INS["other"]
    if intent == "comparison" and blocks and len(quoted_documents(blocks, passages)) < 2:
        return LEAD_INS["other"]
    return LEAD_INS[intent]


def quoted_documents(blocks: Sequence[Block], passages: Sequence[Passage]) -> set[str]:
    """The documents the groups of `blocks` quote (`passages` by rank, as given to `compose`)."""
    return {passages[g.passage].doc_id for block in blocks for g in block.groups if g.passage < len(passages)}


# What kind of sentence the intent looks for: in the best passages it is quoted even when it does not
# repeat the question's words (the advice after "niet pluis" says "ga in gesprek", not "niet pluis").
_KINDS: Mapping[str, Callable[[str], bool]] = {
    "practical": lambda text: bool(_ACTION.search(text)),
}


@dataclass(frozen=True, slots=True)
class Group:
    """Consecutive sentences of passage `passage` (rank) from sentence `position`: they stand together."""

    passage: int
    position: int
    sentences: tuple[str, ...]
    terms: frozenset[str]
    relevance: float
    similarity: float | None
    score: float = 0.0
    label: str | None = None
    """The heading an opening "Dit is een ..." of a practice fiche refers to, or the numbered sub-heading
    right above the group, shown before it."""
    on_subject: bool = True
    """False for an action admitted for being one (in the best passage or where it goes on)."""
    focus: float = 0.0
    """The IDF-weighted share of the subject's terms the group holds."""
    listed: bool = False
    """A line and the items listed under it (`lead_in_lists`, `described_items`): rendered as the line, then
    the items as bullets."""
    borrowed: bool = False
    """Its relevance is its neighbour's: a plain group of the agreed passage next to an admitted one."""

    @property
    def text(self) -> str:
        return " ".join(self.sentences)

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True, slots=True)
class Block:
    """A part of the answer: an optional heading line, then its groups (as bullets or as running text)."""

    heading: str | None
    groups: tuple[Group, ...] = ()
    bullets: bool = False
    line: str | None = None
    """A fixed line without quotes (a label, the figure, the line on agreement)."""
    numbered: bool = False
    """The groups are the items of a numbered list of the documents, in order: rendered "1. ...", "2. ..."
    with the documents' own numbers, so that "de zesde" of a follow-up and the reader's count match."""


def standing_groups(text: str, opens_section: bool = False) -> list[tuple[int, tuple[str, ...]]]:
    """(position, sentences) for every group of a passage that can be quoted on its own.

    A sentence that opens with "Dit/Deze/Dat/Die/Hierdoor/..." joins the sentence before it, and one that
    turns the meaning ("Maar", "Toch", "Echter", "Dat komt niet ...") joins it too; a group is quotable when
    every sentence in it is a real sentence (no heading, table cell, scrap or cut-off last sentence), it
    does not end in a question (the documents' own questions, of a survey or a section, answer nothing), it
    does not open the passage leaning on a sentence the passage lacks, and it is at most MAX_GROUP long.
    Numbered sub-headings on a line of their own are left out. With `opens_section` the passage starts right
    under its heading: an opening "Dit is een ..." refers to that heading (a practice fiche), which the
    caller shows with it.
    """
    return _standing(sentences_and_subheadings(text)[0], opens_section)


# A line of a slide stands as a statement of its own when it has this many words ("Beperkte middelen
# (middelen lokale besturen, projectsubsidies)", "Aanvraag pilootproject ingediend"): a bullet needs no verb
# nor full stop. Shorter ones are scraps ("Traject", "Breed kader"). fresh21, now natural24: of De Wase Kiem's
# slide only the one line ending in "…" was quoted, for "met welke middelen werken ze?".
SLIDE_LINE_WORDS = 3


_BULLET = r"[-•▪]"  # the bullets a chunk's list lines start with
# A bullet before a line that starts in lower case: a list item of a report ("OUTPUT • draaiboek
# veerkrachtsessies voor ouders", "- houvasttool voor huisartsen: casusgerichte houvast ..."), which
# `is_quotable` takes for a sentence the chunk boundary cut.
_LOWER_BULLET = re.compile(rf"(?:^|\n|\s){_BULLET}\s+[a-zà-ÿ]")


def _bullet_items(text: str, raw: Sequence[str]) -> frozenset[str]:
    """The sentences of `raw` that open a bulleted line of `text` in lower case."""
    if not _LOWER_BULLET.search(text):
        return frozenset()
    return frozenset(
        s for s in raw if s[:1].islower() and re.search(rf"{_BULLET}\s+" + re.escape(s[:40]), text)
    )


# The field names of the eindrapport's project fiches (Bijlage 3), in capitals before the field's text. The
# splitter glues each to the line before it ("... via de website van Solentra BIJZONDER INZICHT Professionals
# onderschatten ..."), so the field's last line was never quoted ("Na fase 3 van OverHoop is de tool gratis
# ter beschikking via de website van Solentra": fresh41, now natural44, "mogen wij die gratis gebruiken?").
# Cut for quoting (with `_field_lines` and `_LINKS_BEFORE`), fitted models: tuning 2868 coverage of answered
# 0.544 -> 0.552, off-topic 0.138 -> 0.136 (195 answers changed: coverage up 43, down 9); held-out 628 (looked
# at once) 0.472 -> 0.484, off-topic 0.190 -> 0.186 (49 changed: up 14, down 1).
_FICHE_FIELD = re.compile(
    r"(?<!\S)(?:PROJECTNAAM|TREKKER|1STE\s+LIJNSZONE|KORTE\s+OMSCHRIJVING|SOORT\s+1STE\s+LIJNSPARTNERS|"
    r"INZET\s+ERVARINGSKENNIS|INZET|FOCUS|AANZET|BEREIK|EINDDOELGROEP|OUTPUT|VERDUURZAMING|BIJZONDER\s+INZICHT|"
    r"VERVOLG)(?!\S)"
)


def _is_field_name(title: str) -> bool:
    """`title` is a fiche field's name as `sentences_and_subheadings` shows it ("Bijzonder inzicht")."""
    return bool(_FICHE_FIELD.fullmatch(title.upper()))


# What follows the last line of a fiche field: a bullet or the next field's name.
_FIELD_LINE_END = re.compile(rf"\s*(?:{_BULLET}\s|{_FICHE_FIELD.pattern})")


def _field_lines(text: str, raw: Sequence[str]) -> frozenset[str]:
    """The sentences of `raw` that end a line of a project fiche's field: the next field's name or a bullet
    follows them in `text` ("- Ze bieden een traject ... intervisies (betalend)" before "- Na fase 3 ...").
    Their last words are looked up in the text with its whitespace made single spaces: one compiled pattern,
    not one per sentence (a fiche chunk cost 3 ms a question in compiling alone)."""
    if not _FICHE_FIELD.search(text):
        return frozenset()
    flat = " ".join(text.split()) + (" " if text[-1:].isspace() else "")
    return frozenset(sentence for sentence in raw if _ends_field_line(" ".join(sentence.split()[-4:]), flat))


def _ends_field_line(tail: str, flat: str) -> bool:
    """`tail` stands somewhere in `flat` right before a bullet or a field's name."""
    at = flat.find(tail) if tail else -1
    while at >= 0:
        if _FIELD_LINE_END.match(flat, at + len(tail)):
            return True
        at = flat.find(tail, at + 1)
    return False


def _whole_item(line: str, items: Collection[str]) -> bool:
    """A bulleted item of a fiche that ends a chunk whole: the chunker cuts at line ends, and such a line
    ends in a word of its own ("BEREIK • algemene vorming Kindreflex: 120 deelnemers van 45 organisaties",
    the last line of its chunk, was never quoted: fresh36, now natural39, answered "hoeveel mensen bereikten
    ze met hun Kindreflex-vormingen?" with the 35 ambassadors only), not in a word that needs more ("...
    opgeleid als")."""
    last = re.findall(r"[^\W_]+", line)[-1:]
    return line in items and bool(last) and not is_stop_word(last[0].lower())


def _only_a_name(line: str) -> bool:
    """A line of capitalised words and function words only: a name ("De Wase Kiem", "Netwerk Jeugdhulp Waas
    en Dender" in a slide's list of partners), which says nothing on its own."""
    words = re.findall(r"[^\W\d_]+", line)
    return all(w[0].isupper() or is_stop_word(w) for w in words)


def _standing(
    raw: list[str],
    opens_section: bool,
    questions: bool = False,
    slide: bool = False,
    items: Collection[str] = (),
) -> list[tuple[int, tuple[str, ...]]]:
    if raw and not ends_sentence(raw[-1]) and not _whole_item(raw[-1], items):
        raw = raw[:-1]  # the chunk boundary may have cut it
    chains: list[list[tuple[int, str]]] = []
    for position, sentence in enumerate(raw):
        sentence = strip_heading_prefix(sentence) if not _binds_back(sentence) else sentence
        if chains and _binds_back(sentence):
            chains[-1].append((position, sentence))
        else:
            chains.append([(position, sentence)])
    groups = []
    for chain in chains:
        while chain and _POINTS_ELSEWHERE.search(chain[-1][1]):
            chain = chain[:-1]  # "We komen daar ... nog op terug.": says where, not what
        if not chain:
            continue
        first_position, first = chain[0]
        under_heading = opens_section and first_position == 0 and _ANAPHORIC.match(first.lstrip("\"'“‘("))
        # A fiche's output named without a verb, then described ("Een beslisboom voor
        # eerstelijnsprofessionals. Deze heeft als doel ... Deze is toepasbaar voor zelfstandigen ..."): the
        # name opens the group (fresh35, now natural38: "voor welke professionals is hij bedoeld?" was
        # answered with the date alone).
        named = len(chain) > 1 and bool(_NAMED_THING.match(first)) and not _stands_alone(first)
        if (_binds_back(first) and not under_heading) or len(chain) > MAX_GROUP + (1 if named else 0):
            continue
        if _cut_aside(" ".join(s for _, s in chain)):
            continue  # "(Turner et al., 2012)), is het essentieel ...": the sentence split inside an aside
        if asks(chain[-1][1]) and not questions:
            continue  # a question of the documents answers nothing, unless its questions are asked for
        # What the practice named after the previous fiche's link is ("Een professionele hulplijn voor ..."
        # under "1712"): a line without a verb, standing as the description of that name.
        described = first_position > 0 and bool(_LINK.match(raw[first_position - 1]))
        if all(
            (named and i == 0)  # the name, however short
            or (
                is_quotable(s)
                and (ends_sentence(s) or is_field_line(s))
                and (_stands_alone(s) or (described and i == 0))
            )
            or (
                (slide or s in items)
                and is_quotable(s, min_words=SLIDE_LINE_WORDS, line_words=SLIDE_LINE_WORDS, listed=s in items)
                and not _only_a_name(s)
            )
            for i, (_, s) in enumerate(chain)
        ):
            groups.append((first_position, tuple(s for _, s in chain)))
    return groups


# A line of text right after a table's last row (ending in a figure, "%" or "/"): the splitter, which joins
# lines until one ends a sentence, glues it to the table ("Tabel 25: Bereikte aantallen ... / 602 (1 traject)
# / Hoewel het schattingen blijven ... is het opvallend dat ..."), and the finding is never quoted (fresh22,
# now natural25). Cut there for quoting only; the chunker and the sentence vectors keep their split.
_AFTER_TABLE_ROW = re.compile(r"(?<=[\d%/])[ \t]*\n(?=[A-ZÀ-Ý][a-zà-ÿ]+(?:\s+[a-zà-ÿ]+){2})")


def sentences_and_subheadings(text: str) -> tuple[list[str], dict[int, str]]:
    """The sentences of `text` with its numbered sub-heading lines (and the name of a practice fiche right
    after the previous fiche's link) left out, and sentence position -> the sub-heading or name right above
    that sentence, without its number ("Maak meerjarige financiering mogelijk en vermijd projectmatige
    versnippering", "1712"). A project fiche's field name ("VERDUURZAMING") stands above every sentence of
    its field ("Verduurzaming")."""
    sentences: list[str] = []
    above: dict[int, str] = {}
    heading: str | None = None
    start = 0
    lines = [
        (m.start(), m.end(), re.sub(r"^\s*[\d.]+\s*", "", m.group()).strip(), False)
        for m in _SUBHEADING_LINE.finditer(text)
    ]
    lines += [
        (m.start(1), m.end(1), m.group(1).strip(), False) for m in _FICHE_NAME_AFTER_LINK.finditer(text)
    ]
    lines += [
        (m.start(), m.end(), " ".join(m.group().split()).capitalize(), True)
        for m in _FICHE_FIELD.finditer(text)
    ]
    field = False
    for line in [*sorted(lines), None]:
        part = _AFTER_TABLE_ROW.sub("\n\n", text[start : line[0] if line else len(text)])
        # A fiche's last field runs into the line after it ("Methode: ... ziekenhuis Voor meer informatie:").
        found = [
            piece.strip()
            for s in split_sentences(part)
            for piece in _LINKS_BEFORE.split(_MORE_INFO.sub("", s), maxsplit=1)
            if piece.strip()
        ]
        if heading:
            above.update(
                (len(sentences) + i, heading) for i in range(len(found) if field else min(1, len(found)))
            )
        sentences += found
        if line:
            heading, field = line[2], line[3]
            start = line[1]
    return sentences, above


def _cut_aside(text: str) -> bool:
    """Brackets that do not pair up: the sentence splitter cut inside an aside (a reference, an example)."""
    return text.count("(") != text.count(")")


def _stands_alone(sentence: str) -> bool:
    """A whole sentence: a finite verb (or an imperative), or a named thing with what it is; no heading or
    date glued in front, no infinitive task line."""
    if re.match(
        r"^(?:\d{1,2}\s?[.)][^\W\d_]|(?:Januari|Februari|Maart|April|Mei|Juni|Juli|Augustus|September|"
        r"Oktober|November|December)\s+\d{4}\s+[A-Z])",
        sentence,
    ):
        return False
    if _GLUED_HEADING.search(" ".join(sentence.split()[:10])):
        return False
    if _INFINITIVE_OPENING.match(sentence) and not _STRICT_FINITE.search(sentence.split(",")[0]):
        return False
    if _FIELD_TAIL.search(sentence):
        return False
    named = _NAMED_LINE.match(sentence)
    if named and len(sentence[: sentence.index(":")].split()) <= 6:
        return True
    return bool(_FINITE.search(sentence) or _ACTION.search(sentence) or _SUBJECT_PRONOUN.search(sentence))


_NOUN_BEFORE = re.compile(r"\b(?:het|de|een)\s+$", re.IGNORECASE)


def _has_verb(text: str) -> bool:
    """Stricter than `_stands_alone`, for a group admitted only for its neighbour: a finite verb that is not
    a noun after an article ("het krijgen van CB" has none), an imperative, or a subject pronoun. Applied to
    every group it drops real sentences whose verb the list misses (held-out coverage 0.364 -> 0.352)."""
    for match in _FINITE.finditer(text):
        if not _NOUN_BEFORE.search(text[max(0, match.start() - 6) : match.start()]):
            return True
    return bool(_ACTION.search(text) or _SUBJECT_PRONOUN.search(text))


def may_open(sentence: str) -> bool:
    """The sentence can open a quote: it does not point back to or turn against the one before it."""
    return not _binds_back(sentence)


def _binds_back(sentence: str) -> bool:
    stripped = sentence.lstrip("\"'“‘(")
    return bool(
        _ANAPHORIC.match(stripped)
        or _CONTRAST.match(stripped)
        or _EARLY_POINTER.match(stripped)
        or _SECOND_WORD_POINTER.match(stripped)
    )


def subject_terms(
    need: str,
    text: str,
    tokenize: Tokenizer,
    weights: TermWeights,
    roles: Sequence[str] = (),
    context: str = "",
    within: Collection[str] = (),
) -> list[str]:
    """The terms of what the question is about: the need's, or the whole question's when the need names no
    subject of its own ("Wat doe ik best?" after "Ik heb bij een kindje een niet-pluis-gevoel."); with
    `context` (the situation the need points back at: "daarover"), the need's and those of the context that
    the best passage holds (`within`, its terms)."""
    role_terms = {t for word in roles for t in tokenize(word)}
    frame = {t for word in FRAME_WORDS for t in tokenize(word)}
    need_terms = [t for t in tokenize(need) if t not in role_terms and t in weights.idf]
    if weights.total(set(need_terms)) < 2 * weights.median:
        return [t for t in tokenize(text) if t not in role_terms and t not in frame]
    # The setting the asker describes is the subject here ("in de leefgroep"), so its role words stay; only
    # what the best passage holds, the rest is the asker's story ("'s avonds", "gasten"). Tuning 1608 (cross-
    # fitted, with the statistics as method text): 26 answers change, 4 gain coverage, 1 loses; coverage of
    # answered 0.448 -> 0.450, off-topic 0.224 -> 0.229: of the 6 answers newly flagged, 4 quote the
    # situation's subject ("frustratie over de grote groepssamenstellingen binnen leefgroepen"), which the
    # off-topic rule cannot see (it reads the need's stems). The whole context, roles left out: 0.450 / 0.230.
    described = [t for t in tokenize(context) if t not in frame and term_present(t, within)]
    return list(dict.fromkeys(need_terms + described))


# A heading that numbers its part ("7. Samen lerend doen wat werkt", "Bouwsteen 7: Samen lerend doen wat
# werkt"): the kind of part, its number, then its name. A chapter's bare number ("3 FASE 2: ...") is not one.
_NUMBERED_HEADING = re.compile(r"^(?:([^\W\d_]+)\s+(\d{1,2})\s*[.:)]?|(\d{1,2})\s*[.:)])\s+(?=[^\W\d_])")


def numbered_heading_terms(
    sections: Sequence[str], numbers: Collection[int], asked: Collection[str], tokenize: Tokenizer
) -> list[str]:
    """The terms of the name of each part whose heading numbers it with one of `numbers` (the last level of
    each of `sections`), when the part's kind (its heading's word before the number, or the levels above) is
    one the question names (`asked`, its terms): "die zevende" of a follow-up on the eight bouwstenen is about
    "Samen lerend doen wat werkt" (fresh36, now natural39, answered with the nota's general remark on its
    bouwstenen); "die derde" of a list of practices is not the third bouwsteen."""
    found: list[str] = []
    for section in sections:
        *above, last = [level.strip() for level in section.split(" > ")]
        match = _NUMBERED_HEADING.match(last)
        if match is None or int(match.group(2) or match.group(3)) not in numbers:
            continue
        kind = set(tokenize(" ".join([*above, match.group(1) or ""])))
        if kind & set(asked):
            found += [t for t in tokenize(last[match.end() :]) if t not in found]
    return found


def without_story(
    query_terms: Sequence[str], context: str, need: str, within: Collection[str], tokenize: Tokenizer
) -> list[str]:
    """The query's terms without the asker's story: the situation's words that neither the need nor the best
    passage (`within`, its terms) holds. "Ik ben net aangeworven als projectmedewerker ... Hoe heeft het
    Waasland die eerste maanden aangepakt?" was answered with the sentences of other passages on hiring
    project staff, which share only the story with it (fresh26, now natural29)."""
    asked = set(tokenize(need))
    story = {t for t in tokenize(context) if t not in asked and not term_present(t, within)}
    return [t for t in query_terms if t not in story]


def candidate_groups(
    query_terms: Sequence[str],
    subject: Sequence[str],
    passage_texts: Sequence[str],
    tokenize: Tokenizer,
    weights: TermWeights,
    similarities: Mapping[int, Sequence[tuple[str, float]]] | None = None,
    kind: Callable[[str], bool] | None = None,
    headings: Sequence[str | None] = (),
    roles: Sequence[Role] = (),
    asked: str = "",
    agreed: Sequence[bool] = (),
    aliases: Mapping[str, str] | None = None,
    led: Sequence[bool] = (),
    cutoff: float = PASSAGE_CUTOFF,
    slides: Sequence[bool] = (),
    bullets: bool = False,
    kept: Collection[str] = (),
) -> list[Group]:
    """Every standing group of the best passages that is about the question's subject, scored.

    About the subject: the group (without trailing sentences that only lean on it) shares a term of the
    subject (not one that only frames the question: ASKING_WORDS; in the best passage, a term of the heading
    it starts right under counts for each of its groups) and, with sentence cosines, is no more
    than COSINE_MARGIN below the best sentence unless it stands in the best passage. In the best
    passage and where it goes on (role "continues": the next chunks of its chapter) the intent's kind of
    sentence (an action) counts too: the advice after "niet pluis" says "ga in gesprek", not "niet pluis".
    A passage looked up for the tools it names (role "names") gives only its tool sentences on the subject.
    Another passage that shares far less of the question than the best one is about something else, unless
    it holds one of the `kept` terms. In a
    passage the retrievers agree on (`agreed`, per passage: see AGREED_LISTS) a group near in meaning is
    on the subject without sharing a word of it, and so are the group right after an admitted one (it goes
    on with it) and the one right before it (it leads into it), unless it only points elsewhere ("in wat
    volgt", "zie tabel"). An action without a word of the subject counts only in a passage the retrievers
    agree on or where it goes on (`led`, per passage: see `led_by_agreed`).
    """
    texts = list(passage_texts[: used_count(roles)])
    text_terms = [set(tokenize(t)) for t in texts]
    contexts = [weighted_coverage(query_terms, held, weights) for held in text_terms]
    kept_terms = set(kept)
    best_context = max(contexts, default=0.0)
    frame = {t for word in FRAME_WORDS for t in tokenize(word)}
    asking = frame | {t for word in ASKING_WORDS for t in tokenize(word)}
    subject_set = {t for t in subject if weights(t) > 0}
    subject_set = subject_set - asking or subject_set
    own = {t for t in tokenize(asked) if t in subject_set and t not in frame}  # what the need itself names
    best_cosine = max((c for sims in (similarities or {}).values() for _, c in sims), default=None)
    questions = asks_for_questions(asked)
    groups: list[Group] = []
    for rank, text in enumerate(texts):
        role = roles[rank] if rank < len(roles) else "retrieved"
        goes_on = rank == 0 or role == "continues"
        if (
            role == "retrieved"
            and not goes_on
            and contexts[rank] < cutoff * best_context
            and not kept_terms & text_terms[rank]
        ):
            continue
        cosines = {s: c for s, c in (similarities or {}).get(rank, ())}
        heading = headings[rank] if rank < len(headings) else None
        # The best passage starting right under a heading that names the subject is about it, also where
        # its sentences do not repeat the heading's words: "6. Van vroegsignalering tot herstel" over the
        # bouwsteen's text, for "die zesde" after the list of bouwstenen (fresh43, now natural46, answered
        # with one sentence of it). Tuning 2988, fitted models: coverage of answered 0.548 -> 0.554, answers
        # with an off-topic sentence 268 -> 269 of 1931.
        under = subject_set & set(tokenize(heading)) if rank == 0 and heading else set()
        raw, above = sentences_and_subheadings(text)  # split once: the groups and the headings above
        follows: tuple[int, float] | None = None  # (next position, relevance) after an admitted group
        waiting: dict[int, tuple[int, Group]] = {}  # end position -> a group of the agreed passage left out
        agreed_here = rank < len(agreed) and agreed[rank]
        slide = rank < len(slides) and slides[rank]
        items = (_bullet_items(text, raw) if bullets else frozenset()) | _field_lines(text, raw)
        standing = _standing(raw, heading is not None, questions, slide, items)
        for index, (position, whole) in enumerate(standing):
            sentences = _trimmed(whole, subject_set, tokenize, keep_bound=rank == 0)
            # The sub-heading above a group says what it is about ("... vermijd projectmatige versnippering"
            # above "Internationale studies waarschuwen voor ... pilotitis"): its words count, it is shown.
            titled = [above[position]] if position in above else []
            # A fiche field's name is shown, not counted: "Bereik" put one project's reach line at the head
            # of an answer on the reach of all zones (natural14). Tuning 2868, fitted models: off-topic 0.137
            # counted, 0.136 not; coverage of answered 0.552 either way (0.544 before fields were cut).
            counted = [title for title in titled if not _is_field_name(title)]
            terms = frozenset(t for s in [*counted, *sentences] for t in tokenize(spelled_out(s, aliases)))
            similarity = max((cosines[s] for s in sentences if s in cosines), default=None)
            far = (
                best_cosine is not None
                and similarity is not None
                and similarity < best_cosine - COSINE_MARGIN
            )
            focus = weighted_coverage(list(subject_set), set(terms), weights)
            shared = subject_set & terms or under
            # Far in meaning but holding most of the subject's weight, or all the need names ("die zesde"),
            # or in the best passage: the words say it is on the subject. The best passage's substance is
            # often far in meaning from a long question whose situation the best sentence of another passage
            # echoes ("Tijdens de bijeenkomsten namen gemiddeld twintig deelnemers deel" for "hoe zorgden ze
            # ervoor dat die twintig deelnemers hun collega's meekregen?"). Tuning (1188, cross-fitted):
            # coverage of answered 0.420 -> 0.422, off-topic the same; two shared terms asked of it: 0.417.
            about = bool(shared) and (
                rank == 0
                or not far
                or focus >= FOCUS_OVER_COSINE
                or (bool(own) and own <= terms)
                or bool(shared & kept_terms)  # a rare term the question names (definitions)
            )
            about = about or (agreed_here and not far)
            if role == "names" and not (about and names_tool(" ".join(sentences))):
                continue
            # A fiche's field ("Doelgroep: ...") is no line of a catalogue.
            single = len(sentences) == 1 and not is_field_line(sentences[0])
            if about and single and _NAMED_LINE.match(sentences[0]) and focus < NAMED_FOCUS:
                about = False  # one line of a catalogue that shares a common word with the question
            # An action admitted for being one is advice in running text, not a line of a catalogue
            # ("Campagne erkenningsplek (in opmaak): creëer een erkenningsplek ..." names a practice).
            joined_text = " ".join(sentences)
            catalogue = _catalogue_line(sentences)
            # Not when it is far in meaning: "We moeten oplettend zijn wanneer we het woord trauma uitspreken"
            # in the minutes that go on after the best passage is an action, not advice on the question
            # (answers with an off-topic sentence, tuning 0.332 -> 0.327, held-out 0.297 -> 0.291).
            acts = goes_on and kind is not None and kind(joined_text) and not catalogue and not far
            # Without a word of the subject, only in the best passage, one the retrievers agree on, or where
            # such a passage goes on (`led_by_agreed`): where the second anchor goes on, an action is often
            # advice on something else (a school after a police intervention at home: the minutes' "We moeten
            # goed stilstaan bij het feit dat leerkrachten geen opvoeders zijn"). Tuning (1068, models of the
            # sixth session, adapter cross-fitted): answers with an off-topic sentence 0.274 -> 0.265,
            # coverage of answered 0.426 -> 0.427. Agreed passages alone lost the niet-pluis advice.
            acts = acts and (bool(subject_set & terms) or (rank < len(led) and led[rank]))
            relevance = weighted_coverage(query_terms, set(terms), weights)
            # In the agreed passage a plain group next to an admitted one goes on with it (after) or leads
            # into it (before), when it says something of its own: a real verb, no signpost.
            neighbour = (
                agreed_here
                and not (about or acts or catalogue)
                and not _SIGNPOST.search(joined_text)
                and _has_verb(joined_text)
            )
            borrowed = False
            if neighbour and follows is not None and follows[0] == position:
                about, borrowed, relevance = True, follows[1] > relevance, max(relevance, follows[1])
            label = heading if position == 0 and _binds_back(sentences[0]) else None
            label = label or (titled[0] if titled else None)
            group = Group(
                rank,
                position,
                sentences,
                terms,
                relevance,
                similarity,
                label=label,
                on_subject=about,
                focus=focus,
                borrowed=borrowed,
            )
            if not (about or acts):
                follows = None
                if neighbour:
                    waiting[position + len(whole)] = (index, group)
                continue
            follows = (position + len(whole), relevance)
            if position in waiting:
                before_index, before = waiting.pop(position)
                lent = replace(
                    before, relevance=relevance, on_subject=True, borrowed=relevance > before.relevance
                )
                groups.append(_scored(lent, before_index))
            groups.append(_scored(group, index))
        if rank == 0 or agreed_here:
            groups += lead_in_lists(text, raw, rank, subject_set, query_terms, tokenize, weights)
        elif goes_on:
            # Where the best passage goes on, a list under a lead-in that shares a word carrying the question
            # ("Een aanvraag moet zeker en minstens volgende informatie bevatten:" after the DIW fund's rules,
            # for "wat moet er allemaal in zo'n aanvraag staan?"), not only a common verb ("Deze thema's
            # kwamen uit het lerend netwerk:" for "welke uitdagingen kwamen naar boven?"). Tuning 2988, fitted
            # models: coverage of answered 0.548 -> 0.550 (13 answers change, 7 gain, none loses); any shared
            # word: 0.550 too, but 4 answers quote more off-topic lists.
            carrying = _carrying(subject_set, weights)
            groups += lead_in_lists(text, raw, rank, subject_set, query_terms, tokenize, weights, carrying)
        if rank == 0 and agreed_here:
            heading = headings[rank] if rank < len(headings) else None
            groups += described_items(text, rank, heading, subject_set, query_terms, tokenize, weights)
    return _fields_with_their_fiche(groups, headings)


LEAD_IN_WORDS = 5


def _carrying(subject: set[str], weights: TermWeights) -> set[str]:
    """The subject's terms that weigh at least its mean: the words that carry the question."""
    if not subject:
        return subject
    mean = weights.total(subject) / len(subject)
    return {t for t in subject if weights(t) >= mean}


def lead_in_lists(
    text: str,
    raw: Sequence[str],
    rank: int,
    subject: set[str],
    query_terms: Sequence[str],
    tokenize: Tokenizer,
    weights: TermWeights,
    sharing: set[str] | None = None,
) -> list[Group]:
    """The lists of a passage whose lead-in is about the subject (a sentence sharing a term of `sharing`, the
    subject unless given, or a label the question names: `_asked_label`), each as one group: the lead-in and
    its items, which say nothing alone (a bullet without a verb, a question of the documents) and so are
    never quoted as sentences. Only for the best passage, one the retrievers agree on or where the best one
    goes on (the caller): a list carries many words that share nothing with the question.
    Tuning (1188, cross-fitted): coverage of answered 0.422 -> 0.427, answers with an off-topic sentence 0.251
    -> 0.252 (10 answers change: 7 gain, 2 lose); from every passage: 0.428 / 0.257."""
    groups = []
    for line, items in bulleted_lists(text):
        found = split_sentences(line)
        lead = found[-1].strip() if found else line
        shared = (subject if sharing is None else sharing) & set(tokenize(lead))
        said = len(lead.split()) >= LEAD_IN_WORDS and _has_verb(lead) and bool(shared)
        if not said and not _asked_label(lead, subject, tokenize):
            continue
        position = next((i for i, sentence in enumerate(raw) if lead[:30] in sentence), 0)
        groups.append(
            _listed_group(rank, position, lead, items, None, subject, query_terms, tokenize, weights)
        )
    return groups


LABEL_WORDS = 3
_LABEL = re.compile(rf"((?:[^\W\d_][\w'’-]*\s*){{1,{LABEL_WORDS}}}):")


def _asked_label(lead: str, subject: set[str], tokenize: Tokenizer) -> bool:
    """A label of at most `LABEL_WORDS` words before a colon whose every word the subject holds: "Profiel:"
    above the bullets of "De ideale contextbegeleider" for "Welk profiel van de ideale contextbegeleider kwam
    er uit dat lerend netwerk?" (fresh37, now natural40, answered with one bullet of it, the only one with a
    verb)."""
    match = _LABEL.fullmatch(lead.strip())
    terms = set(tokenize(match.group(1))) if match else set()
    return bool(terms) and terms <= subject


def described_items(
    text: str,
    rank: int,
    heading: str | None,
    subject: set[str],
    query_terms: Sequence[str],
    tokenize: Tokenizer,
    weights: TermWeights,
) -> list[Group]:
    """The best passage, when the retrievers agree on it, its heading names the subject ("De Wase Kiem
    (verkennend gesprek 9/12)" for "dat eerste, De Wase Kiem: voor wie werken zij ...?") and it is one line
    saying what the thing is followed by its points as bullets (`lists.described_list`): that line and the
    points as one group, under the heading's name. The points say nothing alone (no verb), so they are
    never quoted as sentences."""
    found = described_list(text)
    if found is None or not heading or not subject & set(tokenize(heading)):
        return []
    lead, items = found
    label = heading.split(" > ")[-1].strip()  # the thing's name stands above its points
    return [_listed_group(rank, 0, lead, items, label, subject, query_terms, tokenize, weights)]


def _listed_group(
    rank: int,
    position: int,
    lead: str,
    items: Sequence[str],
    label: str | None,
    subject: set[str],
    query_terms: Sequence[str],
    tokenize: Tokenizer,
    weights: TermWeights,
) -> Group:
    """A line and its items as one scored group, judged by their words and those of the label above them."""
    sentences = (lead, *items)
    terms = frozenset(t for sentence in sentences for t in tokenize(sentence))
    judged = set(terms) | set(tokenize(label or ""))
    relevance = weighted_coverage(query_terms, judged, weights)
    focus = weighted_coverage(list(subject), judged, weights)
    group = Group(rank, position, sentences, terms, relevance, None, 0.0, label, True, focus, listed=True)
    return _scored(group, 0)


def _fields_with_their_fiche(groups: list[Group], headings: Sequence[str | None]) -> list[Group]:
    """A fiche's field says nothing without the fiche ("Doelgroep: ouders waarvan het kindje prematuur geboren
    is" read under another practice): it comes with a sentence of its own passage, or under the fiche's name
    (the heading the passage starts under), or not at all."""
    field = [is_field_line(g.sentences[0]) for g in groups]
    introduced = {g.passage for g, is_field in zip(groups, field, strict=True) if not is_field}
    kept: list[Group] = []
    named: set[int] = set()
    for group, is_field in zip(groups, field, strict=True):
        heading = headings[group.passage] if group.passage < len(headings) else None
        if is_field and group.passage not in introduced:
            if heading is None:
                continue
            if group.passage not in named:
                named.add(group.passage)
                group = replace(group, label=heading)
        kept.append(group)
    return kept


def _scored(group: Group, index: int) -> Group:
    """`group` with its score: relevance to the question, its passage's rank, its place in the passage."""
    score = W_RELEVANCE * group.relevance + W_RANK / (1 + group.passage) + W_POSITION / (1 + index)
    return replace(group, score=score)


def _catalogue_line(sentences: tuple[str, ...]) -> bool:
    """One "Name: what it is" line, as the documents list practices and tools (a name of at most 8 words);
    not a sentence that goes on after a colon with its subject ("Tot slot nog dit: je hoeft geen expert
    ... te zijn")."""
    head, colon, rest = sentences[0].partition(":")
    words = rest.split()
    return (
        len(sentences) == 1
        and not is_field_line(sentences[0])
        and bool(colon)
        and 0 < len(head.split()) <= 8
        and len(words) >= 3
        and words[0].lower() not in _GOES_ON
    )


# The subject a sentence goes on with after a colon.
_GOES_ON = frozenset(
    {"je", "jij", "u", "ik", "hij", "zij", "ze", "we", "wij", "men", "het", "dit", "dat", "er"}
)


def _trimmed(
    sentences: tuple[str, ...], subject: set[str], tokenize: Tokenizer, keep_bound: bool = False
) -> tuple[str, ...]:
    """The group without the sentences at its end that lean on the one before but are not about the subject:
    an antecedent stands without its anaphor ("Dit omdat ..."), never a finding without its turn. With
    `keep_bound` (the best passage), only those that say how the documents asked ("Dit vroegen we aan de
    respondenten."): there what leans on an admitted sentence goes on with it ("Om dergelijke
    samenwerkingsverbanden in goede banen te leiden, kan het zinvol zijn dat iemand het mandaat krijgt ...
    Deze rol kan bijvoorbeeld worden opgenomen door de zorggraden ... of de Huizen van het Kind.": fresh24,
    now natural27, where who should take that role was cut). Tuning 1848 (cross-fitted): coverage of answered
    0.468 -> 0.484, answers with an off-topic sentence 0.234 -> 0.239 (260 change, 67 gain, 8 lose); cutting
    none in the best passage: 0.484 / 0.241. Held-out 628: 0.450 -> 0.469, 0.213 -> 0.223."""
    end = len(sentences)
    while end > 1 and not _CONTRAST.match(sentences[end - 1].lstrip("\"'“‘(")):
        last = sentences[end - 1]
        if subject & set(tokenize(last)) or keep_bound and not _says_how_asked(last):
            break
        end -= 1
    return sentences[:end]


def _says_how_asked(text: str) -> bool:
    """`text` says how the documents asked, not what they found (see `_METHOD`)."""
    return bool(_METHOD.search(text)) and not _FINDING.search(text)


def each_part(
    blocks: list[Block], groups: Sequence[Group], asked: str, tokenize: Tokenizer, weights: TermWeights
) -> list[Block]:
    """`blocks` with, for each later part of a need of several parts whose own words no quoted group holds,
    the candidate group that holds most of them (at least `PART_SHARE` of their weight). Answers stopped at
    the first part, which names the subject: "Hoe omschrijft OverHoop ontwikkelingstrauma precies, en leidt
    elke ingrijpende gebeurtenis daar automatisch toe?" left out "Niet elke negatieve gebeurtenis leidt
    automatisch tot trauma, ..." (the reading of fresh37, now natural40, found several such answers). A part's
    own words are those no other part holds, of at least the median weight, and not the words that frame a
    question. Counting the words from half the median weight, a part counted as spoken to when a quoted group
    holds half their weight, changed 3 held-out answers: 2 gained an off-topic sentence (off-topic 0.203 ->
    0.208), none gained coverage."""
    parts = need_parts(asked)
    if len(parts) < 2:
        return blocks
    framing = {t for word in FRAME_WORDS for t in tokenize(word)}
    terms = [set(tokenize(part)) - framing for part in parts]
    chosen = [g for block in blocks for g in block.groups]
    added: list[Group] = []
    for i, part_terms in enumerate(terms[1:], start=1):
        if len(added) == MAX_PART_GROUPS:
            break
        others = set().union(*(t for j, t in enumerate(terms) if j != i))
        own = [t for t in part_terms - others if weights(t) >= weights.median]
        if not own or any(_holds_form(t, g.terms) for g in chosen + added for t in own):
            continue
        total = weights.total(own)

        def held(group: Group, own: list[str] = own) -> float:
            return weights.total(t for t in own if _holds_form(t, group.terms))

        fitting = [
            g
            for g in groups
            if g.on_subject
            and g.words <= PART_WORDS
            and held(g) >= PART_SHARE * total
            and not any(_same(g, other) for other in chosen + added)
        ]
        if fitting:
            added.append(max(fitting, key=lambda g: (held(g), g.score)))
    return [*blocks, Block(None, tuple(_in_text_order(added)))] if added else blocks


def _holds_form(term: str, terms: Collection[str]) -> bool:
    """The term or its inflected stem ("ideaal" is "ideal" in "ideale") is in `terms`, or one sharing its
    first `PART_PREFIX` letters: not any word that starts alike ("onderbelicht" is no "onderzoek")."""
    return any(term_present(form, terms, PART_PREFIX) for form in (term, _UNDOUBLED.sub(r"\1", term)))


_UNDOUBLED = re.compile(r"([aeou])\1(?=[^aeiou]+$)")


def compose(
    intent: Intent,
    query_terms: Sequence[str],
    subject: Sequence[str],
    passages: Sequence[Passage],
    tokenize: Tokenizer,
    weights: TermWeights,
    *,
    expects: str | None = None,
    asked: str = "",
    similarities: Mapping[int, Sequence[tuple[str, float]]] | None = None,
    headings: Sequence[str | None] = (),
    roles: Sequence[Role] = (),
    compare: Sequence[str] = (),
    value_sentence: str | None = None,
    named: Collection[str] = (),
    one_item: bool = False,
) -> list[Block]:
    """The answer's blocks for `intent`; [] when no passage has a quotable group on the subject. A need of
    several parts gets a group for each part no chosen group speaks to (`each_part`), unless it asks for a
    list or a comparison.

    `headings`: per passage, the heading it starts under when it starts right under it (else None);
    `roles`: per passage, why it is a source: "retrieved", "continues" (where the passage the answer is
    built from goes on, or that passage itself), "names" (looked up for the tools it names) or "compared"
    (the best of a document a comparison names); `compare`: the kinds of document (doc_type) a comparison
    names, whose parts it sets side by side; `value_sentence`: the sentence the answer decision found holding
    the asked value next to the need's subject (`evidence.decision_evidence`), led with by a fact answer
    when no group on the subject holds the figure ("Het ideale wereldfonds bedraagt 25 000 euro"); `named`:
    the subject's terms that the question itself names (not earlier turns); `one_item`: the question points
    at one item of a list outside its question proper ("we willen vooral met die zesde aan de slag. Wat valt
    daar allemaal onder?"; fresh53, now natural56, got the whole list of eight bouwstenen).
    """
    texts = [p.text for p in passages]
    # "en die zesde?" asks for one item, not the list
    if intent == "list" and not (one_item or mentions_ordinal(asked)):
        listed = _list_blocks(asked, passages, names_key_word(subject, weights, tokenize))
        if listed:
            return listed
    kind = _KINDS.get(intent)
    # A definition may use the abbreviation its passage introduced ("Een PT is een expliciete beschrijving").
    aliases = abbreviations(texts, subject, tokenize) if intent == "definition" else {}
    # A term the question names that the corpus uses in one or two chunks is where the documents say what
    # it is ("... spreken ze van pilotitis, wat verstaan ze daar juist onder?": "... wat we kunnen omschrijven
    # als “pilotitis”: tijdelijke, kortlopende projecten ..."; fresh33, now natural36, answered with two
    # other recommendations).
    rare = frozenset(t for t in named if weights.rare(t)) if intent == "definition" else frozenset()
    find = partial(
        candidate_groups,
        query_terms,
        subject,
        texts,
        tokenize,
        weights,
        similarities,
        kind,
        headings,
        roles,
        asked,
        [agreed_best(p) for p in passages],
        aliases,
        led_by_agreed(passages, roles),
        COMPARED_CUTOFF if intent == "comparison" else PASSAGE_CUTOFF,
        kept=rare,
    )
    groups = find()
    if not groups:
        return []  # the caller shows the best passage whole: a slide in its own order
    slides = [p.chunk.doc_type in SLIDE_TYPES for p in passages]
    bullets = any(_LOWER_BULLET.search(t) for t in texts)
    if any(slides) or bullets:
        # A slide's lines join sentences on the subject. Tuning 1668 (cross-fitted): 12 answers gain
        # coverage, none lose; the 13 that lost were answers that showed the best slide whole before (no
        # sentence stood), whose lines picked one by one left out the slide's other points. A report's
        # bullets in lower case too (a fiche's outputs): 13 gain, 1 loses, off-topic 0.238 -> 0.237.
        groups = find(slides, bullets)
    limit, words = BUDGETS.get(intent, BUDGETS["other"])
    if intent == "comparison":
        return _comparison(groups, passages, words, compare)
    line = _value_line(passages, expects, asked) or _found_line(value_sentence, passages, expects, asked)
    if intent in ("practical", "lessons"):
        if intent == "practical":
            blocks = _practical(groups, limit, words)
        else:
            advised = [bool(_ADVICE_SECTION.search(p.section or "")) for p in passages]
            blocks = _lessons(groups, limit, words, advised, bool(_ASKS_ADVICE.search(asked)))
        found = line or _value_group(value_sentence, texts, query_terms, tokenize, weights)
        blocks = _value_first(blocks, found, expects, asked)
    elif intent == "definition":
        defining = [g for g in groups if _defines(g, subject, tokenize, aliases)]
        if defining or not rare:
            blocks = _led_by(groups, lambda g: g in defining, limit, words)
        else:  # the group holding the rarest of those terms

            def rarity(group: Group) -> float:
                return weights.total(rare & group.terms)

            most = max(rarity(g) for g in groups)
            blocks = _led_by(groups, lambda g: most > 0 and rarity(g) == most, limit, words)
    elif line is not None and expects and not any(holds_value(expects, g.text, given=asked) for g in groups):
        # The asked value stands only on a line of the agreed passage (a slide's "€ 35.000 / eerstelijnszone
        # = € 70.000 / Waasland", a cover's "Auteurs: ..."): that line first, then what the sentences say.
        rest = _fact(groups, passages, expects, limit, words, asked) if intent == "fact" else None
        blocks = [Block(None, (line,)), *(rest or _led_by(groups, lambda g: True, limit, words))]
    elif intent == "fact":
        given = _value_group(value_sentence, texts, query_terms, tokenize, weights)
        blocks = _fact(groups, passages, expects, limit, words, asked, given)
    else:
        blocks = _led_by(groups, lambda g: True, limit, words)
    return each_part(blocks, groups, asked, tokenize, weights)


def _value_first(blocks: list[Block], found: Group | None, expects: str | None, asked: str) -> list[Block]:
    """`blocks` led by `found` (the line or sentence that holds the asked figure) when the question asks for
    a figure and no quoted group gives one: "Hoe groot was het DIW-fonds en werd het ook echt gebruikt?"
    reads as a question about what happened, and its answer quoted the fund's rules without the 25 000 euro
    (fresh19, now natural21)."""
    if found is None or expects not in FIGURE_KINDS:
        return blocks
    quoted = [g for block in blocks for g in block.groups]
    if any(holds_value(expects, g.text, given=asked) for g in quoted):
        return blocks
    rest = (_without_group(b, found) for b in blocks)
    return [Block(None, (found,)), *(b for b in rest if b.groups or b.line)]


def _without_group(block: Block, group: Group) -> Block:
    return replace(block, groups=tuple(g for g in block.groups if not _same(g, group)))


def _value_group(
    sentence: str | None,
    texts: Sequence[str],
    query_terms: Sequence[str],
    tokenize: Tokenizer,
    weights: TermWeights,
) -> Group | None:
    """The value sentence as a group of the passage that holds it, when it stands alone."""
    if not sentence or not is_quotable(sentence) or _binds_back(sentence):
        return None
    if not (_stands_alone(sentence) or _AMOUNTS_TO.search(sentence)):
        return None  # the decision's value sentence is quoted only when it stands alone
    for rank, text in enumerate(texts[:PASSAGES_USED]):
        raw, _ = sentences_and_subheadings(text)
        if sentence in raw:
            terms = frozenset(tokenize(sentence))
            relevance = weighted_coverage(query_terms, set(terms), weights)
            return _scored(Group(rank, raw.index(sentence), (sentence,), terms, relevance, None), 0)
    return None


def _value_line(passages: Sequence[Passage], expects: str | None, asked: str) -> Group | None:
    """The first line of the best passage, when the retrievers agree on it, that holds a value of the asked
    kind (not one the question itself names), as a group to quote; None if there is none."""
    if expects not in VALUE_LINE_KINDS or not passages or not agreed_best(passages[0]):
        return None
    for number, raw in enumerate(passages[0].text.splitlines()):
        line = raw.strip().removeprefix("- ").strip()
        if _TABLE_ROW.search(line):
            continue  # "Nieuwe aanmeldingen 15 12 1": cells of a table, which column is which is lost
        if 3 <= len(line.split()) <= VALUE_LINE_WORDS and holds_value(expects, line, given=asked):
            return Group(0, VALUE_LINE_POSITION + number, (line,), frozenset(), 1.0, None, 1.0)
    return None


def _found_line(
    sentence: str | None, passages: Sequence[Passage], expects: str | None, asked: str
) -> Group | None:
    """The answer decision's value sentence (`value_sentence`: it holds the asked value next to the need's
    subject) when it is a line of one of the best passages rather than a sentence (a slide's "€ 35.000 /
    eerstelijnszone = € 70.000 / Waasland"), as a group to quote: a line is no quotable sentence, and without
    the retrievers' agreement `_value_line` does not look (fresh15, now natural17: the Waasland budget slide
    ranked first, the answer led with "Sensibilisering")."""
    if (
        not sentence
        or expects not in VALUE_LINE_KINDS
        or is_quotable(sentence)
        or _TABLE_ROW.search(sentence)
    ):
        return None
    line = sentence.strip().removeprefix("- ").strip()
    if not 3 <= len(line.split()) <= VALUE_LINE_WORDS or not holds_value(expects, line, given=asked):
        return None
    for rank, passage in enumerate(passages[:ANCHORS]):
        lines = [raw.strip().removeprefix("- ").strip() for raw in passage.text.splitlines()]
        if line in lines:
            return Group(rank, VALUE_LINE_POSITION + lines.index(line), (line,), frozenset(), 1.0, None, 1.0)
    return None


def led_by_agreed(passages: Sequence[Passage], roles: Sequence[Role]) -> list[bool]:
    """Per passage: it is the best one or `agreed_best`, or it is where such a passage goes on (role
    "continues", the next chunk of the same document after one that is, wherever the sources list it: a
    next chunk retrieved already keeps its place)."""
    led = [index == 0 or agreed_best(passage) for index, passage in enumerate(passages)]
    places = {(p.chunk.doc_id, p.chunk.position): i for i, p in enumerate(passages)}
    for index in sorted(
        range(len(passages)), key=lambda i: (passages[i].chunk.doc_id, passages[i].chunk.position)
    ):
        chunk = passages[index].chunk
        before = places.get((chunk.doc_id, chunk.position - 1))
        goes_on = index < len(roles) and roles[index] == "continues"
        if goes_on and before is not None and led[before]:
            led[index] = True
    return led


def agreed_best(passage: Passage) -> bool:
    """The passage is the first of at least AGREED_LISTS of the retrievers' lists (dense, sentences, BM25)."""
    ranks = [value for name, value in passage.scores.items() if name.endswith("_rank")]
    return sum(1 for rank in ranks if rank <= 1) >= AGREED_LISTS


def _take(groups: Sequence[Group], limit: int, words: int, chosen: Sequence[Group] = ()) -> list[Group]:
    """Best-scored groups within the budget, skipping repeats and near-repeats of what is chosen."""
    out: list[Group] = []
    used = sum(g.words for g in chosen)
    taken = list(chosen)
    for group in sorted(groups, key=lambda g: -g.score):
        if len(taken) >= limit:
            break
        if any(_same(group, other) for other in taken):
            continue
        if taken and used + group.words > words:
            continue
        out.append(group)
        taken.append(group)
        used += group.words
    return out


def _same(a: Group, b: Group) -> bool:
    if a.text == b.text or (a.passage == b.passage and a.position == b.position):
        return True
    if a.passage == b.passage and a.listed != b.listed:  # an item already quoted in its list
        item, whole = (b, a) if a.listed else (a, b)
        if all(sentence.strip() in whole.text for sentence in item.sentences):
            return True
    union = a.terms | b.terms
    return bool(union) and len(a.terms & b.terms) / len(union) > 0.7


def _in_text_order(groups: Sequence[Group]) -> list[Group]:
    return sorted(groups, key=lambda g: (g.passage, g.position))


def _going_on_first(groups: Sequence[Group], lead: Group) -> list[Group]:
    """`groups` in text order, those that go on after `lead` in its passage first: under the figure's
    sentence what follows it reads on from it ("... een structurele traumareferent, met een beoogde realisatie
    in 2028. In afwachting daarvan blijft de traumawerkgroep ..."), not from the sentence before it that text
    order would put in between ("In 2027 wordt dit aanbod verder versterkt ..."; fresh49, now natural52).
    Groups under labels (a fiche's fields) keep the fiche's order: a field's lines would stand under its label
    twice."""
    if any(g.label for g in groups):
        return _in_text_order(groups)
    after = [g for g in groups if g.passage == lead.passage and g.position > lead.position]
    return _in_text_order(after) + _in_text_order([g for g in groups if g not in after])


def _may_lead(groups: Sequence[Group]) -> Sequence[Group]:
    """The groups that can open an answer: not one that only adds to another (`_ADDING`), unless all do."""
    return [g for g in groups if not _ADDING.match(g.sentences[0])] or groups


def _led_by(groups: Sequence[Group], fits: Callable[[Group], bool], limit: int, words: int) -> list[Block]:
    """The best group that fits the intent first, then the rest in passage and text order."""
    lead = max(_may_lead([g for g in groups if fits(g)] or list(groups)), key=lambda g: g.score)
    rest = _take([g for g in groups if g is not lead], limit - 1, words, [lead])
    return [Block(None, (lead,)), *([Block(None, tuple(_in_text_order(rest)))] if rest else [])]


def _defines(
    group: Group, subject: Sequence[str], tokenize: Tokenizer, aliases: Mapping[str, str] | None = None
) -> bool:
    """The documents' own definition: the subject (or its abbreviation) early in the first sentence, then
    "is", "betekent", ..."""
    first = group.sentences[0]
    opening = " ".join(first.split()[:10])
    named = set(tokenize(spelled_out(opening, aliases)))
    return bool(named & set(subject)) and bool(_DEFINING.search(opening))


_INTRODUCED = re.compile(r"\b([^\W\d_][\w-]{3,})\s*\(([A-Z]{2,6})\)")


def abbreviations(texts: Sequence[str], subject: Sequence[str], tokenize: Tokenizer) -> dict[str, str]:
    """Abbreviation -> the word of the subject it stands for, where a passage introduces it ("een
    programmatheorie (PT) als centraal werkinstrument. Een PT is ...")."""
    wanted = set(subject)
    found: dict[str, str] = {}
    for text in texts:
        for word, short in _INTRODUCED.findall(text):
            if set(tokenize(word)) & wanted:
                found.setdefault(short, word)
    return found


def spelled_out(text: str, aliases: Mapping[str, str] | None) -> str:
    """`text` with the word each abbreviation stands for added after it, for matching (never for quoting)."""
    for short, word in (aliases or {}).items():
        text = re.sub(rf"\b{re.escape(short)}\b", f"{short} {word}", text)
    return text


def _practical(groups: Sequence[Group], limit: int, words: int) -> list[Block]:
    """Core advice, then "Wat je kan doen" (3-6 actions, spread over passages), then tools and contacts; what
    the best passages say besides follows the core advice, as far as the budget goes."""
    actions = [g for g in groups if _ACTION.search(g.text)]
    # The asker wants what to do about their subject: the action that holds most of the subject leads.
    lead_pool = _may_lead([g for g in actions if g.on_subject] or list(groups))
    lead = max(lead_pool, key=lambda g: (round(g.focus, 2), g.score))
    chosen = [lead]
    # Tools and contacts first get their own share of the budget, so the actions cannot crowd them out.
    tools = _take(
        [g for g in groups if names_a_contact(g.text) and g is not lead], 3, TOOL_WORDS + lead.words, chosen
    )
    chosen += tools
    todo = _spread([g for g in actions if g not in chosen], 6, words, chosen)
    if len(todo) + len(tools) < 2:  # too few actions for a list: they join the running text
        todo = []
    chosen += todo
    rest = _take([g for g in groups if g not in chosen], limit - len(chosen), words, chosen)
    blocks = [Block(None, (lead,))]
    if rest:
        blocks.append(Block(None, tuple(_in_text_order(rest))))
    if todo:
        blocks.append(Block("**Wat je kan doen:**", tuple(todo), bullets=True))
    if tools:
        blocks.append(
            Block("**Hulpmiddelen en aanspreekpunten die de documenten noemen:**", tuple(tools), True)
        )
    return blocks


def _spread(groups: Sequence[Group], limit: int, words: int, chosen: Sequence[Group]) -> list[Group]:
    """Like `_take`, but one group per passage first, so the actions come from several passages."""
    firsts: dict[int, Group] = {}
    for group in sorted(groups, key=lambda g: -g.score):
        firsts.setdefault(group.passage, group)
    first = _take(list(firsts.values()), len(chosen) + limit, words, chosen)
    rest = _take([g for g in groups if g not in first], len(chosen) + limit, words, [*chosen, *first])
    return [*first, *rest][:limit]


def _method_only(group: Group) -> bool:
    """The group says how the documents asked, not what they found."""
    return _says_how_asked(group.text)


def _lessons(
    groups: Sequence[Group], limit: int, words: int, advised: Sequence[bool] = (), advice_first: bool = False
) -> list[Block]:
    """Findings only (no method text, no questions), grouped as what helped and what was hard; what a
    passage of a recommendations chapter says (`advised`, per passage) is advice, under its own heading, first
    when the question asks for advice (`advice_first`)."""
    findings = [g for g in groups if not _method_only(g)]
    chosen = _take(findings or list(groups), limit, words)
    advice = [g for g in chosen if g.passage < len(advised) and advised[g.passage]]
    chosen = [g for g in chosen if g not in advice]
    hard = [g for g in chosen if _HARD.search(g.text)]
    helped = [g for g in chosen if g not in hard and _HELPED.search(g.text)]
    other = [g for g in chosen if g not in hard and g not in helped]
    blocks = []
    if other:
        blocks.append(Block(None, tuple(_in_text_order(other)), bullets=len(other) > 1))
    if advice:
        advising = Block("**Wat de onderzoekers aanbevelen:**", tuple(_in_text_order(advice)), bullets=True)
        blocks.insert(0 if advice_first else len(blocks), advising)
    if helped:
        blocks.append(Block("**Wat hielp:**", tuple(_in_text_order(helped)), bullets=True))
    if hard:
        blocks.append(Block("**Wat moeilijk was:**", tuple(_in_text_order(hard)), bullets=True))
    return blocks


# A number right after one of these names a part, not a quantity: "fase 3", "bouwsteen 6", "tabel 12".
_LABELLED_NUMBER = re.compile(
    r"\b(?:fase|fasen|bouwsteen|deel|hoofdstuk|tabel|figuur|bijlage|onderzoeksvraag|deelvraag|stap|"
    r"thema|niveau|punt|versie|nr|nummer)\s+\d[\d.]*",
    re.IGNORECASE,
)


def figures(text: str, expects: str | None) -> list[str]:
    """The figures of `text` of the asked kind: years and months for a date, other numbers otherwise
    (numbers that label a part, "fase 3", are none)."""
    if expects in ("date", "day"):
        return _DATE.findall(text)
    if expects in AGELESS_KINDS:  # "mama's tot 21 jaar" is no "hoeveel moeders" or "hoe lang"
        text = without_ages(text)
    undated = _DATE.sub(" ", _NUMERIC_DATE.sub(" ", _LABELLED_NUMBER.sub(" ", text)))
    found = [f for f in _FIGURE.findall(undated) if not _YEAR.fullmatch(f.strip())]
    if expects == "amount":  # money asked: "60 trajecten" is no answer to "hoeveel geld"
        return [f for f in found if holds_value("amount", f)]
    return found


def counts(text: str, noun: str) -> bool:
    """True when one of the COUNTED_WITHIN words after a number of `text` holds the counted noun's stem
    ("15 300 professionals", "50 van de 60 zorgraden"): the count asked, not any other number."""
    stem = noun[:COUNTED_STEM]
    after = (text[m.end() :].lower().split()[:COUNTED_WITHIN] for m in _FIGURE.finditer(text))
    return any(stem in word or _compound_tail(word, noun) for words in after for word in words)


def _compound_tail(word: str, noun: str) -> bool:
    """The word is the last part of the counted compound: "30 000 bereikte professionals" counts the
    "eerstelijnsprofessionals" asked for."""
    head = word.strip(".,;:()")[:COUNTED_STEM]
    return len(head) == COUNTED_STEM and noun.find(head) > 0


def _fact(
    groups: Sequence[Group],
    passages: Sequence[Passage],
    expects: str | None,
    limit: int,
    words: int,
    asked: str = "",
    given: Group | None = None,
) -> list[Block]:
    """The sentence with the asked figure first, the figure shown; two documents' differing figures both.
    A count's figure stands before what is counted ("hoeveel professionals": "30.000 professionals").
    Without a group on the subject that holds the figure, `given` (the sentence the answer decision found
    holding it) leads."""
    with_figure = [g for g in groups if figures(g.text, expects)] if expects in FIGURE_KINDS else []
    thing = counted_noun(asked) if expects == "count" else None
    noun = thing.lower() if thing else None
    if noun is not None:
        with_figure = [g for g in with_figure if counts(g.text, noun)]
    if not with_figure and given is not None and figures(given.text, expects):
        with_figure = [given]
        groups = [given, *(g for g in groups if not _same(g, given))]
    if not with_figure:
        return _led_by(groups, lambda g: True, limit, words)
    best = max(g.relevance for g in with_figure)
    near = [g for g in with_figure if g.relevance >= 0.6 * best]
    # A figure next to the sentence on the subject is not the asked one: "In 2027 ... e-learningtraject"
    # stands before "... een structurele traumareferent, met een beoogde realisatie in 2028" and led the
    # answer to "tegen wanneer zou die traumareferent er zijn?" with **2027** (fresh49, now natural52).
    own = [g for g in near if not g.borrowed]
    lead = max(own or near, key=lambda g: g.relevance + g.score)
    lead_figures = set(figures(lead.text, expects))
    # The figure as a heading only when the sentence gives one ("december 2022 – juni 2023" is a range:
    # which end was asked is for the reader to see in the sentence).
    shown = f"**{next(iter(lead_figures)).strip()}**" if len(lead_figures) == 1 else None
    blocks = [Block(shown, (lead,))]
    doc = passages[lead.passage].doc_id
    others = [
        g
        for g in with_figure
        if passages[g.passage].doc_id != doc
        and g.relevance >= 0.8 * lead.relevance
        and not set(figures(g.text, expects)) & lead_figures
    ]
    second = max(others, key=lambda g: g.relevance + g.score) if others else None
    chosen = [lead, second] if second else [lead]
    rest = _take([g for g in groups if g not in chosen], limit - len(chosen), words, chosen)
    if rest:  # what the documents say around the figure, before a second document's other figure
        blocks.append(Block(None, tuple(_going_on_first(rest, lead))))
    if second:
        blocks.append(Block("**Een ander document geeft een ander cijfer:**", (second,)))
        blocks.append(
            Block(
                None,
                line="De documenten verschillen hierin; kijk in de bronnen bij welke groep "
                "of periode elk cijfer hoort.",
            )
        )
    return blocks


def _comparison(
    groups: Sequence[Group], passages: Sequence[Passage], words: int, compare: Sequence[str] = ()
) -> list[Block]:
    """One short part per document (the two the question names, else the two best), each cited, and a line
    on what they share."""
    by_doc: dict[str, list[Group]] = {}
    for group in sorted(groups, key=lambda g: -g.score):
        by_doc.setdefault(passages[group.passage].doc_id, []).append(group)
    kinds = {doc: passages[found[0].passage].chunk.doc_type for doc, found in by_doc.items()}
    named = [doc for kind in compare for doc in by_doc if kinds[doc] == kind]
    docs = list(dict.fromkeys(named))[:2] if len(set(named)) >= 2 else list(by_doc)[:2]
    if len(docs) < 2:
        return _led_by(groups, lambda g: True, BUDGETS["comparison"][0], words)
    blocks = []
    parts: list[list[Group]] = []
    for doc in docs:
        part = _take(by_doc[doc], 2, words // 2)
        parts.append(part)
        title = passages[part[0].passage].chunk.title
        blocks.append(Block(f"**{title}:**", tuple(_in_text_order(part))))
    shared = _shared_words(parts[0], parts[1])
    if shared:
        listed = ", ".join(f"'{w}'" for w in shared)
        line = f"Beide documenten spreken over {listed}; verder legt elk zijn eigen accenten (zie hierboven)."
    else:
        line = "De twee documenten belichten elk een ander aspect; ze delen hier geen kernwoorden."
    blocks.append(Block("**Overeenkomst en verschil:**", line=line))
    return blocks


def _shared_words(a: Sequence[Group], b: Sequence[Group], limit: int = 4) -> list[str]:
    words_a = {w.lower() for g in a for w in _WORD.findall(g.text)}
    seen: list[str] = []
    for group in b:
        for word in _WORD.findall(group.text):
            lowered = word.lower()
            if lowered in words_a and lowered not in seen and len(lowered) >= 7:
                seen.append(lowered)
    return seen[:limit]


LISTS_SHOWN = 2  # a passage's lists shown when no count is asked and more than one fits


def _list_blocks(asked: str, passages: Sequence[Passage], names_key: Callable[[str], bool]) -> list[Block]:
    """The whole list, item by item, from the best passage that lists as many items as asked (or >= 3); of
    a passage's lists, the one whose lead-in shares most words with the need ("Opbouw samenwerkingsoverleg
    bij einde." for "... het samenwerkingsoverleg bij het einde van een traject?", not the list "bij start"
    above it: fresh13, now natural22). With no count asked, a passage with a list whose lead-in names the
    subject's key word (`names_key`) comes before the better-ranked ones ("Opbouw samenwerkingsoverleg bij
    start, startgesprek." for "welke punten stonden er op de agenda van zo'n startgesprek?": fresh25, now
    natural28)."""
    wanted = counted_items(asked)
    asked_words = set(_WORD.findall(asked.lower()))

    def shared(found: tuple[str, list[str]]) -> int:
        return len(asked_words & set(_WORD.findall(found[0].lower())))

    # Each list with its last LEAD_LINES lines before it; the lead-in shown is the last of them.
    lists = [numbered_lists(p.text, LEAD_LINES) for p in passages]
    order = sorted(
        range(len(passages)),
        key=lambda i: (wanted is None and not any(len(it) >= 3 and names_key(ld) for ld, it in lists[i]), i),
    )
    for rank in order:
        fitting = sorted(
            (
                ((wide.rsplit("\n", 1)[-1], items), wanted is None and names_key(wide))
                for wide, items in lists[rank]
                if (wanted and len(items) == wanted) or (not wanted and len(items) >= 3)
            ),
            key=lambda pair: (not pair[1], -shared(pair[0])),
        )
        if not fitting:
            continue
        # Several lists with no count asked ("Doel van het Gesprek: ..." and "Opbouw samenwerkingsoverleg
        # bij einde." for "welke vragen gebruikte Co-ncept als leidraad?"; which one a "slotoverleg" is, no
        # word of the need tells): the first LISTS_SHOWN, each under its lead-in, the one sharing most with
        # the need first; only the one whose lead-in names the key word, when one alone does.
        named = [found for found, names in fitting if names]
        shown = [found for found, _ in fitting][:LISTS_SHOWN]
        one_named = len(named) == 1
        if one_named:
            chosen = named
        else:
            chosen = shown if not wanted and len(shown) > 1 and all(lead for lead, _ in shown) else shown[:1]
        blocks = []
        for lead, items in chosen:
            if len(chosen) > 1 or (one_named and lead):
                blocks.append(Block(None, (Group(rank, -1, (lead,), frozenset(), 1.0, None),)))
            groups = tuple(Group(rank, i, (item,), frozenset(), 1.0, None) for i, item in enumerate(items))
            blocks.append(Block(None, groups, bullets=True, numbered=True))
        return blocks
    return []


# A sentence's end for display; an ellipsis closes a slide's bullet ("BiB-tool…)"), not a sentence.
_FULL_STOP = re.compile(r"(?<![.…])[.!?:]['\"”’)\]]*\s*$")


def render(blocks: Sequence[Block], passages: Sequence[Passage], lead_in: str) -> tuple[str, list[Citation]]:
    """Markdown text (lead-in, then each block: heading line, bullets "- " or a paragraph, every sentence
    ending in [n]) and the citations, numbered in the order their passages first appear."""
    numbers: dict[int, int] = {}
    quotes: dict[int, list[str]] = {}
    parts = [lead_in]
    for block in blocks:
        lines = [block.heading] if block.heading else []
        if block.line:
            lines.append(block.line)
        cited = []
        shown: str | None = None  # the label above the group before: a fiche field's lines share one
        for group in block.groups:
            n = numbers.setdefault(group.passage, len(numbers) + 1)
            quotes.setdefault(group.passage, []).extend(group.sentences)
            if group.listed:  # the lead-in, then its items as bullets, each quoted
                lead, *items = group.sentences
                quoted = f"{lead} [{n}]" + "".join(f"\n  - {item} [{n}]" for item in items)
            else:
                quoted = " ".join(f"{s} [{n}]" for s in group.sentences)
            # The label on its own line: the quote stays a verbatim line of its own.
            if group.label is None:
                cited.append(quoted)
            elif group.label != shown:
                cited.append(f"**{group.label}:**\n  {quoted}")
            else:  # under the label shown just above
                cited.append(f"  {quoted}")
            shown = group.label
        if block.bullets:
            lines.extend(f"{i}. {c}" if block.numbered else f"- {c}" for i, c in enumerate(cited, 1))
        elif cited:
            paragraph: list[str] = []
            for group, text in zip(block.groups, cited, strict=True):
                # A fiche's group stands under its name, and each of its fields ("Doelgroep: ...") on a line
                # of its own, apart from the running text; so does a line without a sentence end (a slide's
                # bullet: run together they read as one garbled sentence).
                if group.label or group.listed:
                    alone: str | None = text
                elif is_field_line(group.sentences[0]) or not _FULL_STOP.search(group.sentences[-1]):
                    alone = f"- {text}"
                else:
                    alone = None
                if alone is None:
                    paragraph.append(text)
                    continue
                lines += [" ".join(paragraph), alone] if paragraph else [alone]
                paragraph = []
            if paragraph:
                lines.append(" ".join(paragraph))
        if lines:
            parts.append("\n".join(lines))
    citations = [
        Citation.of(passages[rank].chunk, n, tuple(dict.fromkeys(quotes[rank])))
        for rank, n in numbers.items()
    ]
    return "\n\n".join(parts), citations


@dataclass(frozen=True, slots=True)
class ChunkTables:
    """What the composer looks up across the whole index, built once per index load by its owner."""

    following: Mapping[str, Chunk]
    """chunk_id -> the next chunk of its document and chapter (the first two heading levels)."""
    headings: Mapping[str, str]
    """chunk_id -> the heading it starts right under, for the first chunk of each section."""
    lists: Sequence[tuple[Chunk, int]]
    """Chunks holding a numbered list of at least three items, with the item count."""
    naming: Sequence[Chunk]
    """Chunks that name tools, practices or contacts."""
    appendices: Mapping[tuple[str, int], Sequence[Chunk]] = field(default_factory=dict)
    """(doc_id, number) -> the chunks of that document's "Bijlage <number>" section, in order."""

    @classmethod
    def build(cls, chunks: Iterable[Chunk]) -> ChunkTables:
        by_place = {(c.doc_id, c.position): c for c in chunks}
        following = {
            c.chunk_id: nxt
            for (doc, position), c in by_place.items()
            if (nxt := by_place.get((doc, position + 1))) is not None
            and nxt.section.split(" > ")[:2] == c.section.split(" > ")[:2]
        }
        headings = {
            c.chunk_id: c.section.rsplit(" > ", 1)[-1].strip()
            for (doc, position), c in by_place.items()
            if c.section.strip()
            and ((before := by_place.get((doc, position - 1))) is None or before.section != c.section)
        }
        lists = [(c, n) for c in by_place.values() if (n := len(list_items(c.text))) >= 3]
        naming = [c for c in by_place.values() if names_tool(c.text)]
        appendices: dict[tuple[str, int], list[Chunk]] = {}
        for (doc, _), c in sorted(by_place.items()):
            if found := _APPENDIX_HEADING.search(c.section):
                appendices.setdefault((doc, int(found.group(1))), []).append(c)
        return cls(following, headings, lists, naming, appendices)


# A section that is an appendix ("7 Bijlagen > 7.4 Bijlage 4: Opbouw samenwerkingsoverleg"), and a sentence
# that points to one ("De vragen die gebruikt werden als leidraad zijn toegevoegd in de bijlagen (zie Bijlage
# 4).", "zie Bijlagen 7 en 8").
_APPENDIX_HEADING = re.compile(r"\bBijlage\s+(\d{1,2})\s*:")
_APPENDIX_POINTER = re.compile(r"\bzie\s+bijlagen?\s+(\d{1,2})(?:\s+en\s+(\d{1,2}))?\b", re.IGNORECASE)
# Where a passage points to an appendix, the answer may quote it: the first chunks of the appendix the best
# passages point to (issue 11: "De vragen ... zijn toegevoegd in de bijlagen (zie Bijlage 4)" was the answer
# to "welke vragen gebruikte Co-ncept als leidraad?"; fresh13, now natural22).
APPENDIX_CHUNKS = 2
APPENDIX_FROM = 3  # the best passages whose pointers are followed


def pointed_appendices(tables: ChunkTables, passage: Passage) -> list[Chunk]:
    """The first APPENDIX_CHUNKS chunks of each appendix of its document that the passage points to."""
    numbers = [int(n) for found in _APPENDIX_POINTER.finditer(passage.text) for n in found.groups() if n]
    return [
        chunk
        for number in dict.fromkeys(numbers)
        for chunk in tables.appendices.get((passage.chunk.doc_id, number), ())[:APPENDIX_CHUNKS]
        if chunk.chunk_id != passage.chunk_id
    ]


def gather_sources(
    intent: Intent,
    need: str,
    passages: Sequence[Passage],
    subject: Sequence[str],
    tables: ChunkTables,
    chunk_terms: Mapping[str, set[str]],
    weights: TermWeights,
    tokenize: Tokenizer,
    compared: Sequence[Passage] = (),
) -> tuple[list[Passage], list[Role]]:
    """The passages an answer is composed from, with each one's role: the retrieved ones; for practical and
    lessons questions the next two chunks of the chapter of the two passages most about the subject (among
    the best three: advice and findings run on; a next chunk retrieved already keeps its place); for
    practical ones the chunks that name tools for the subject; for a list the chunks holding a list of the
    asked length (it may stand on a low-ranked slide); for a comparison the best passages of each document
    it names (`compared`), kept whatever their rank; for any question, right after one of the best
    APPENDIX_FROM passages, the first chunks of an appendix it points to ("zie Bijlage 4"), as where it goes
    on."""
    sources = joined(passages, compared)
    roles: dict[str, Role] = {p.chunk_id: "compared" for p in compared}

    def terms_of(chunk: Chunk) -> set[str]:
        return chunk_terms.get(chunk.chunk_id) or set(tokenize(chunk.text))

    if intent in ("practical", "lessons") and passages:
        anchors = sorted(
            range(min(3, len(passages))),
            key=lambda i: (-weighted_coverage(subject, terms_of(passages[i].chunk), weights), i),
        )[:ANCHORS]
        for anchor in anchors:
            chunk = passages[anchor].chunk
            roles[chunk.chunk_id] = "continues"
            following = following_chunk(tables, chunk)
            place = _place_after(sources, chunk.chunk_id)
            for _ in range(CONTINUES):
                if following is None:
                    break
                place = _insert_unless_there(sources, place, following)
                roles[following.chunk_id] = "continues"
                following = following_chunk(tables, following)
    for passage in passages[:APPENDIX_FROM]:
        place = _place_after(sources, passage.chunk_id)
        for chunk in pointed_appendices(tables, passage):
            place = _insert_unless_there(sources, place, chunk)
            roles.setdefault(chunk.chunk_id, "continues")
    if intent == "practical" and subject:
        key = max(subject, key=weights)
        known = {p.chunk_id for p in sources}
        for chunk in [c for c in naming_chunks(tables, key, chunk_terms) if c.chunk_id not in known][:2]:
            sources.append(Passage(chunk, 0.0, {}))
            roles[chunk.chunk_id] = "names"
    if intent == "list":
        count = counted_items(need)
        known = {p.chunk_id for p in sources}
        if count:
            listing = listing_chunks(tables, count, tokenize(need), tokenize)
            sources += [Passage(c, 0.0, {}) for c in listing[:3] if c.chunk_id not in known]
        elif subject:
            headed = headed_lists(tables, names_key_word(subject, weights, tokenize))
            sources += [Passage(c, 0.0, {}) for c in headed[:HEADED_LISTS] if c.chunk_id not in known]
    return sources, [roles.get(p.chunk_id, "retrieved") for p in sources]


def _place_after(sources: Sequence[Passage], chunk_id: str) -> int:
    """The place right after the source with `chunk_id`."""
    return next(i for i, p in enumerate(sources) if p.chunk_id == chunk_id) + 1


def _insert_unless_there(sources: list[Passage], place: int, chunk: Chunk) -> int:
    """Insert `chunk` at `place` unless it is a source already (a retrieved chunk keeps its place); the place
    after what was inserted."""
    if any(p.chunk_id == chunk.chunk_id for p in sources):
        return place
    sources.insert(place, Passage(chunk, 0.0, {}))
    return place + 1


def joined(passages: Sequence[Passage], more: Sequence[Passage]) -> list[Passage]:
    """`passages`, then those of `more` not among them."""
    seen = {p.chunk_id for p in passages}
    return [*passages, *(p for p in more if p.chunk_id not in seen)]


def following_chunk(tables: ChunkTables, chunk: Chunk) -> Chunk | None:
    """The chunk after `chunk` in its document and chapter: where the best passage goes on."""
    return tables.following.get(chunk.chunk_id)


def sentence_cosines(
    index: Index, vector: np.ndarray | None, sources: Sequence[Passage]
) -> dict[int, list[tuple[str, float]]] | None:
    """Sentence cosines to the query vector for the sources (by rank), when the index has sentence vectors
    (the retriever then fused its sentence list: passages carry scores["sentences"]); None otherwise."""
    if vector is None or not hasattr(index, "sentence_similarities"):
        return None
    if not any("sentences" in p.scores for p in sources):
        return None
    found = index.sentence_similarities(vector, [p.chunk_id for p in sources])
    return {rank: list(found.get(p.chunk_id, [])) for rank, p in enumerate(sources)}


def used_count(roles: Sequence[Role]) -> int:
    """How many of the sources the answer is built from: PASSAGES_USED, and past them the chunks looked up
    for the tools they name (role "names", added last): where the best passages go on for several chunks
    the tools would otherwise never be read (a kinderdagverblijf's niet-pluis question lost its tools
    block when its anchors' continuations filled the nine places)."""
    named = [rank for rank, role in enumerate(roles) if role == "names"]
    return max(PASSAGES_USED, named[-1] + 1 if named else 0)


def naming_chunks(tables: ChunkTables, key: str, chunk_terms: Mapping[str, set[str]]) -> list[Chunk]:
    """Chunks anywhere in the index that name tools or contacts and hold the subject's key term, in corpus
    order: the documents' tools for a subject often stand in a list far from the advice."""
    return [c for c in tables.naming if key in chunk_terms.get(c.chunk_id, ())]


HEADED_LISTS = 2  # chunks added whose list's lead-in names the subject's key word
LEAD_LINES = 2  # the lines before a list that may name what it lists


def names_key_word(
    subject: Sequence[str], weights: TermWeights, tokenize: Tokenizer
) -> Callable[[str], bool]:
    """Whether a line names the subject's key word (its highest-weighted term); never for no subject."""
    key = max(subject, key=weights) if subject else None
    return lambda line: key is not None and key in tokenize(line)


def headed_lists(tables: ChunkTables, names_key: Callable[[str], bool]) -> list[Chunk]:
    """Chunks anywhere in the index holding a numbered list of at least three items whose lead-in names the
    key word of the subject (`names_key`), in document order: "Opbouw samenwerkingsoverleg bij start,
    startgesprek." in an appendix the retriever ranks low for "welke punten stonden er op de agenda van zo'n
    startgesprek?"."""
    return [
        chunk
        for chunk, _ in tables.lists
        if any(len(items) >= 3 and names_key(lead) for lead, items in numbered_lists(chunk.text, LEAD_LINES))
    ]


def listing_chunks(tables: ChunkTables, count: int, terms: Sequence[str], tokenize: Tokenizer) -> list[Chunk]:
    """Chunks anywhere in the index holding a numbered list of `count` items, sharing a term of `terms` in
    their section or text, most shared first: the list may sit on a slide the retriever ranks low."""
    wanted = set(terms)
    scored = []
    for chunk, n in tables.lists:
        if n == count:
            shared = len(wanted & set(tokenize(f"{chunk.section} {chunk.text}")))
            if shared:
                scored.append((shared, chunk))
    return [c for _, c in sorted(scored, key=lambda sc: -sc[0])]
