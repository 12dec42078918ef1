"""The answer decision: do the retrieved passages answer the question (answer), touch it (partial), or not
(none)? A small logistic model over retrieval evidence, with its coefficients in data/decision.json.

One feature alone does not separate answerable from unanswerable naturally phrased questions (AUC 0.57-0.70
for coverage, cosines or score gaps): a long question with a role and a situation never has all its words
in one passage, and an on-topic question about a local phone number retrieves on-topic passages. So the
model combines: how much of the NEED (not the context) the top passages cover, the dense and sentence
cosines, whether dense and lexical retrieval agree, how much of the need the corpus never uses at all,
whether the need asks for a value (phone number, amount, date, count) that no top passage holds, how much
of the need the passage holding such a value shares, and which names of the need the top passages lack.

`overhoop eval calibrate` fits the model on the tuning questions only (evals/questions/*.jsonl) with
cross-validation and writes data/decision.json; the held-out questions are never used for it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from assistant.answer import Outcome
from assistant.termweights import TermWeights, term_present

MODEL_FILE = Path(__file__).resolve().parent / "data" / "decision.json"
TOP_PASSAGES = 3
AGREEMENT_DEPTH = 10
# A sentence holding the asked kind of value must share this much of the need's IDF-weighted terms to
# count as giving it (a count in a sentence about something else is not the count asked for).
MIN_VALUE_CONTEXT = 0.35
# A compound's head counts for the value check when it has this many letters and the part before it at least
# COMPOUND_PART_MIN (tuning, one slice left out: answered 0.864 -> 0.870, declined 0.863 -> 0.860; the eight
# questions it turns to answers all ask what the DIW fund, "het ideale wereldfonds", held, or phase dates).
COMPOUND_HEAD_MIN = 4
COMPOUND_PART_MIN = 3


@dataclass(frozen=True, slots=True)
class DecisionFeatures:
    """Evidence for one question, each in 0..1 (cosines as they come)."""

    need_coverage: float
    """IDF-weighted share of the need's terms in the best of the top passages (inherited follow-up terms
    count when they are anywhere in the retrieved passages)."""
    question_coverage: float
    """The same for every term of the question, context included."""
    dense: float
    """Best cosine of the query to a passage (0 without a dense retriever)."""
    sentence: float
    """Best cosine of the query to a sentence (0 without the sentence list)."""
    agreement: float
    """Share of the top passages that both the dense and the lexical list rank in their top 10."""
    unknown: float
    """IDF-weighted share of the need's terms that no passage of the corpus uses."""
    value_missing: float
    """1 when the need asks for a value (phone number, amount, date, count) and no sentence of the top
    passages holds such a value next to the need's subject; or when it asks for a number of things ("welke
    zes stappen") and no retrieved passage lists that many (`lists.gives_items`)."""
    value_unsupported: float
    """For a need that asks for a value: 1 minus the largest IDF-weighted share of the need's terms held by
    a retrieved passage (its text and heading) that holds such a value; 1 when none holds one, 0 when the
    need asks for no value. A question in three parts ("hoeveel geld, voor welke periode, en waarvoor?")
    rarely has MIN_VALUE_CONTEXT of itself in the figure's sentence, but the slide that gives the figure
    shares most of it."""
    name_missing: float
    """Share of the names and numbers the need mentions (capitalised words inside the sentence, years,
    figures: "Wallonië", "Haspengouw", "2026") that no top passage contains; names that frame the corpus
    ("OverHoop", "Co-ncept": `CorpusTerms.frames`) are left out, their absence says nothing."""

    def vector(self) -> list[float]:
        return [float(v) for v in asdict(self).values()]


FEATURE_NAMES: tuple[str, ...] = tuple(DecisionFeatures.__dataclass_fields__)


def coverage(
    own_terms: Sequence[str],
    passage_terms: Sequence[set[str]],
    weights: TermWeights,
    inherited_terms: Sequence[str] = (),
) -> float:
    """IDF-weighted share of `own_terms` in the best of the top passages; `inherited_terms` (a follow-up's
    terms from earlier turns) count when they are in any retrieved passage: the topic is established."""
    own = set(own_terms)
    inherited = set(inherited_terms) - own
    total = weights.total(own | inherited)
    if total <= 0:
        return 0.0
    anywhere: set[str] = set().union(*passage_terms) if inherited and passage_terms else set()
    found_inherited = weights.total(t for t in inherited if term_present(t, anywhere))
    return max(
        (
            (weights.total(t for t in own if term_present(t, terms)) + found_inherited) / total
            for terms in passage_terms[:TOP_PASSAGES]
        ),
        default=0.0,
    )


def unknown_share(terms: Sequence[str], weights: TermWeights) -> float:
    """IDF-weighted share of `terms` that the corpus never uses (weights.idf has no entry for them)."""
    distinct = set(terms)
    total = weights.total(distinct)
    if total <= 0:
        return 0.0
    return weights.total(t for t in distinct if t not in weights.idf) / total


def value_sentence(
    kind: str,
    sentences: Sequence[tuple[str, set[str]]],
    need_terms: Sequence[str],
    weights: TermWeights,
    holds: Callable[[str, str], bool],
) -> str | None:
    """The first of `sentences` that holds a value of `kind` next to MIN_VALUE_CONTEXT of the need."""
    for text, terms in sentences:
        if holds(kind, text) and weighted_share(need_terms, terms, weights) >= MIN_VALUE_CONTEXT:
            return text
    return None


def value_unsupported(
    kind: str | None,
    passages: Sequence[tuple[Sequence[str], set[str]]],
    need_terms: Sequence[str],
    weights: TermWeights,
    holds: Callable[[str, str], bool],
) -> float:
    """1 minus the largest weighted share of `need_terms` in a passage (its sentences, and the terms of its
    text and heading) with a sentence holding a value of `kind`; 0.0 when no value is asked."""
    if not kind:
        return 0.0
    shares = [
        weighted_share(need_terms, terms, weights)
        for sentences, terms in passages
        if any(holds(kind, sentence) for sentence in sentences)
    ]
    return 1.0 - max(shares, default=0.0)


def weighted_share(terms: Sequence[str], text_terms: set[str], weights: TermWeights) -> float:
    distinct = set(terms)
    total = weights.total(distinct)
    if total <= 0:
        return 0.0
    found = (t for t in distinct if term_present(t, text_terms) or compound_head(t, text_terms))
    return weights.total(found) / total


def compound_head(term: str, text_terms: Collection[str]) -> bool:
    """A word of the text ends in the term, after a part of its own: "wereldfonds" holds the "fonds" asked
    ("Hoeveel zat er in dat fonds?" next to "Het ideale wereldfonds bedraagt 25 000 euro")."""
    return len(term) >= COMPOUND_HEAD_MIN and any(
        len(t) >= len(term) + COMPOUND_PART_MIN and t.endswith(term) for t in text_terms
    )


def names_missing(
    names: Sequence[str], passage_texts: Sequence[str], documents: Sequence[Sequence[str]] = ()
) -> float:
    """Share of `names` (as written in the question) found in none of the top passages (case-insensitive).
    A name glued to the word for its documents counts as the name ("Co-ncept-stukken" is found where
    "Co-ncept" is: a passage does not call itself a document of its author). So do the names the passage's
    document goes by (`documents`, parallel to `passage_texts`: its title's names and its region), whole or
    as an adjective's stem. "Er werd in West-Vlaanderen toch gesproken over een grote traumadag ...?" is
    answered by the WINGG nota's "Aanvankelijk werd gedacht aan het organiseren van een 'traumadag'", a
    West-Flemish network's page that does not repeat where it is; "het Waaslandse traject" is the Waasland
    presentation's, whose amount slide says "€ 70.000 / Waasland" (fresh42, now natural45: both refused with
    that passage first). Not a name inside them ("Vlaamse leerkrachten" is not found in "West-Vlaanderen"),
    and not an adjective's stem in a passage's text (see `_found`)."""
    if not names:
        return 0.0
    haystack = " ".join(passage_texts[:TOP_PASSAGES]).lower()
    own = {form.lower() for known in documents[:TOP_PASSAGES] for name in known for form in name_forms(name)}
    return sum(1 for name in names if not (_found(name, haystack) or _goes_by(name, own))) / len(names)


def _goes_by(name: str, document_names: set[str]) -> bool:
    """The name is one a document goes by, as itself or as its adjective ("West-Vlaamse" of "West-Vlaams",
    "Waaslandse" of "Waasland")."""
    stem = (name[:-2],) if _is_adjective(name) else ()
    return any(form.lower() in document_names for form in (*name_forms(name), *stem))


def _is_adjective(name: str) -> bool:
    """The name is an adjective of a place or a name ("West-Vlaamse", "Waaslandse")."""
    return name.endswith("se") and len(name) > 5


def _found(name: str, haystack: str) -> bool:
    """The name stands in the lowered `haystack`; a form of it other than itself only at the start of a word
    ("Gents" of "Gentse" is not the one in "Agentschap"). The adjective's region as a form too ("West-Vlaamse"
    found where a passage says "West-Vlaanderen", "Limburgse" where it says "Limburg") was measured and not
    kept (fresh13, now natural22; tuning 1548, the decision refitted leaving one slice out: 0.891 / 0.890
    without, 0.888 / 0.888 with it: three unanswerable questions that name "Vlaamse kinderen" or "Leuvense
    scholen" were answered)."""
    whole, *others = name_forms(name)
    at_word = (re.search(rf"(?<!\w){re.escape(f.lower())}", haystack) for f in others)
    return whole.lower() in haystack or any(at_word)


# A province's name ("West-Vlaanderen"), found as its adjective ("West-Vlaams").
_PROVINCE_TAIL = "-Vlaanderen"

# The words for a name's documents ("de Co-ncept-stukken", "de WINGG-nota").
_DOCUMENT_TAILS = frozenset(
    {"stukken", "documenten", "document", "rapportage", "rapport", "nota", "verslag", "verslagen", "tekst"}
)


def name_forms(name: str) -> tuple[str, ...]:
    """The name, and where the word for its documents is glued to it ("Co-ncept-stukken", "WINGG-nota"), the
    name without that word; "Kindreflex-gesprek" and "Midden-Limburg" are names of their own, found as such
    or with the lower-case word first ("gesprek Kindreflex", "vorming rond Kindreflex"). An adjective
    ending in "-se" is found as its stem ("de West-Vlaamse werkgroep" where the nota says "West-Vlaams"), a
    province as its adjective ("in West-Vlaanderen" where it says "West-Vlaams integrerend netwerk")."""
    head, _, tail = name.rpartition("-")
    if head and tail.lower() in _DOCUMENT_TAILS:
        return (name, head)
    if head and tail.islower() and len(tail) >= COMPOUND_PART_MIN:
        # "de Kindreflex-vorming" where the fiche says "vorming Kindreflex" (fresh22, now natural25); the
        # plural too ("hun Kindreflex-vormingen" where it says "algemene vorming Kindreflex"; fresh34, now
        # natural37, refused with that fiche first).
        words = [tail, *_singular(tail)]
        return (name, *(f"{word} {head}" for word in words), *(f"{word} rond {head}" for word in words))
    if _is_adjective(name):  # "West-Vlaamse" -> "West-Vlaams"
        return (name, name[:-1])
    if name.endswith(_PROVINCE_TAIL) and len(name) > len(_PROVINCE_TAIL):
        # "de werkgroep trauma in West-Vlaanderen" where the WINGG nota says "West-Vlaams integrerend netwerk"
        # (fresh38, now natural41: refused with that nota's passages first and second).
        return (name, name[: -len(_PROVINCE_TAIL)] + "-Vlaams")
    return (name,)


def _singular(noun: str) -> tuple[str, ...]:
    """The singular of a Dutch plural in -en or -s ("vormingen" -> "vorming", "sessies" -> "sessie"), or
    nothing when the noun does not end like a plural or would be left too short."""
    if noun.endswith("en") and len(noun) - 2 >= COMPOUND_PART_MIN + 1:
        return (noun[:-2],)
    if noun.endswith("s") and not noun.endswith("ss") and len(noun) - 1 >= COMPOUND_PART_MIN + 1:
        return (noun[:-1],)
    return ()


def agreement(scores: Sequence[dict[str, float]], depth: int = AGREEMENT_DEPTH) -> float:
    """Share of the top passages ranked within `depth` by both the dense and the lexical retriever."""
    top = list(scores[:TOP_PASSAGES])
    if not top:
        return 0.0
    both = sum(
        1 for s in top if s.get("dense_rank", math.inf) <= depth and s.get("bm25_rank", math.inf) <= depth
    )
    return both / len(top)


@dataclass(frozen=True, slots=True)
class DecisionModel:
    """Standardised logistic regression plus two thresholds on its probability."""

    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    answer_threshold: float
    """At or above: the documents answer."""
    partial_threshold: float
    """At or above (and below answer_threshold): a labelled partial answer; below: not in the documents."""
    trained_on: str = ""
    embedder_id: str = ""
    """The embedder whose cosines the model was fitted on; its cosine weights mean nothing for another."""
    retrieval: str = ""
    """The retrieval it was fitted on ("hybrid+sentences"): without the sentence list, its feature is 0."""

    def probability(self, features: DecisionFeatures) -> float:
        return self.probability_of(features.vector())

    def probability_of(self, vector: Sequence[float]) -> float:
        """The probability for raw feature values, as many as the model has weights (an ablation fitted
        without some features has fewer)."""
        z = self.bias
        for w, x, m, s in zip(self.weights, vector, self.mean, self.scale, strict=True):
            z += w * (x - m) / (s or 1.0)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def outcome(self, features: DecisionFeatures, lacking: bool = False) -> Outcome:
        """Answer, partial or none by the probability; a missing value, or `lacking` (the question names
        something the documents never use: `evidence.unknown_names`), makes it a partial at most."""
        p = self.probability(features)
        capped = bool(features.value_missing) or lacking
        if p >= self.answer_threshold and not capped:
            return "answer"
        if p >= self.partial_threshold or (capped and p >= self.answer_threshold):
            return "partial"
        return "none"

    def to_json(self) -> str:
        data = asdict(self)
        data["features"] = list(FEATURE_NAMES)
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> DecisionModel:
        data = json.loads(text)
        names = data.pop("features", list(FEATURE_NAMES))
        if list(names) != list(FEATURE_NAMES):
            raise ValueError(f"decision model has features {names}, expected {list(FEATURE_NAMES)}")
        return cls(
            weights=tuple(data["weights"]),
            bias=float(data["bias"]),
            mean=tuple(data["mean"]),
            scale=tuple(data["scale"]),
            answer_threshold=float(data["answer_threshold"]),
            partial_threshold=float(data["partial_threshold"]),
            trained_on=str(data.get("trained_on", "")),
            embedder_id=str(data.get("embedder_id", "")),
            retrieval=str(data.get("retrieval", "")),
        )


def load_model(path: Path = MODEL_FILE) -> DecisionModel:
    return DecisionModel.from_json(path.read_text(encoding="utf-8"))


# The coverage rule that preceded the model (calibrated on the short eval questions, 2026-11-24): the
# decision when no fitted model matches the index's embedder (hashing or another model in tests and
# deployments), or when OVERHOOP_REFUSAL_THRESHOLD sets a threshold explicitly.
DEFAULT_COVERAGE_THRESHOLD = 0.4701
_STEEP = 50.0


def coverage_rule(threshold: float = DEFAULT_COVERAGE_THRESHOLD) -> DecisionModel:
    """Answer exactly when the question's coverage reaches `threshold`; never a partial."""
    n = len(FEATURE_NAMES)
    weights = [0.0] * n
    weights[FEATURE_NAMES.index("question_coverage")] = _STEEP
    return DecisionModel(
        weights=tuple(weights),
        bias=-_STEEP * threshold,
        mean=(0.0,) * n,
        scale=(1.0,) * n,
        answer_threshold=0.5,
        partial_threshold=0.5,
        trained_on=f"coverage rule, threshold {threshold}",
    )


def choose_model(
    embedder_id: str, retrieval: str, refusal_threshold: float | None, path: Path = MODEL_FILE
) -> DecisionModel:
    """The fitted model when it was fitted on this embedder and retrieval and no threshold is forced;
    else the coverage rule."""
    if refusal_threshold is not None:
        return coverage_rule(refusal_threshold)
    try:
        model = load_model(path)
    except (OSError, ValueError, KeyError):
        return coverage_rule()
    fits = model.embedder_id == embedder_id and model.retrieval == retrieval
    return model if fits else coverage_rule()
