"""The answer decision's evidence: corpus terms, coverage of the need, values and words the passages lack."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.answer import Passage
from assistant.evidence import (
    CorpusTerms,
    ages_left_out,
    decision_evidence,
    decision_features,
    missing_words,
    unknown_names,
    unused_context_names,
)
from assistant.question_analysis import analyse, asked_names_text
from assistant.retrieval import RetrievalResult
from basics.tokens import tokenize_nl
from ingest.documents import Chunk, chunk_id_for
from tests.support.fake_index import tiny_chunks
from tests.support.passages import make_passage

TERMS = CorpusTerms.build(tiny_chunks(), tokenize_nl)
# The amount's subject is named in the sentence before it.
ZONES = make_passage(
    "De zorgraden kregen een budget voor de trajecten. Elke zone kreeg daarvoor 10.000 euro."
)


def _features(question: str, *texts: str) -> tuple[float, float, float]:
    passages = [make_passage(t) for t in texts]
    retrieval = RetrievalResult(question, passages, best_dense=0.8, best_bm25=3.0)
    features = decision_features(analyse(question, []), question, retrieval, TERMS)
    return features.need_coverage, features.unknown, features.value_missing


def _value_sentence(question: str, text: str) -> str | None:
    retrieval = RetrievalResult(question, [make_passage(text)], best_dense=0.8, best_bm25=3.0)
    return decision_evidence(analyse(question, []), question, retrieval, TERMS)[1]


def test_terms_of_an_indexed_chunk_come_from_the_index_and_of_others_from_its_text() -> None:
    chunk = tiny_chunks()[1]
    indexed = make_passage(chunk.text)
    assert TERMS.of(indexed) == TERMS.by_chunk[chunk.chunk_id] == set(tokenize_nl(chunk.text))
    assert TERMS.of(ZONES) == set(tokenize_nl(ZONES.text))


def test_a_passage_with_the_asked_words_covers_the_need_and_others_do_not() -> None:
    question = "Wat doe ik bij een niet-pluis-gevoel over een kind?"
    on_topic = _features(question, tiny_chunks()[1].text)
    off_topic = _features(question, tiny_chunks()[3].text)
    assert on_topic[0] > off_topic[0]
    assert on_topic[1] == 0.0  # every word of the need occurs in the corpus


def test_an_asked_amount_counts_only_in_or_next_to_a_sentence_on_its_subject() -> None:
    question = "Hoeveel budget ging er naar de zorgraden?"
    assert _features(question, tiny_chunks()[3].text)[2] == 1.0
    assert _features(question, ZONES.text)[2] == 0.0
    farther = ZONES.text.replace(" Elke zone", " Het weer was mooi. Elke zone")
    assert _features(question, farther)[2] == 1.0


def test_missing_words_are_names_and_words_the_documents_never_use_that_no_shown_passage_holds() -> None:
    passages = [make_passage(tiny_chunks()[1].text)]
    assert missing_words("vertrouwensarts en parkeervergunning in Gent", passages, TERMS) == [
        "parkeervergunning",
        "Gent",
    ]
    assert missing_words("parkeervergunning", [], TERMS) == ["parkeervergunning"]
    # "gevolgen" is a word of the documents that these passages happen to lack: it tells the reader nothing.
    assert missing_words("heeft een rotjeugd echt gevolgen?", [], TERMS) == ["rotjeugd"]
    # A number written out that the passages give in digits, and a document's own name (fresh12).
    zones = [make_passage("De brede uitrol liep in de 60 eerstelijnszones.")]
    assert missing_words("En over de zestig eerstelijnszones in het KdG-eindrapport?", zones, TERMS) == []
    # What the conversation said is no topic the documents leave out (fresh48, now natural51).
    asked = "Dat project dat ge vernoemt, wat heeft het opgeleverd?"
    assert "vernoemt" not in missing_words(asked, [], TERMS)
    # fresh49, now natural52
    asked = "Die structurele traumareferent die je vermeldt, tegen wanneer zou die er zijn?"
    assert "vermeldt" not in missing_words(asked, [], TERMS)


def test_names_the_documents_never_use_are_unknown_and_names_they_use_are_not() -> None:
    practice = make_passage(
        "Het spel versterkt het positief gedrag in de klas in het Waasland.",
        section="Praktijken > Good Behavior Game",  # the practice's name stands in its heading only
    ).chunk
    terms = CorpusTerms.build([practice, *tiny_chunks()], tokenize_nl)
    assert unknown_names("Loopt er in Wallonië een gelijkaardig project?", terms) == ["Wallonië"]
    assert unknown_names("Hoe werkt de Good Behavior Game?", terms) == []  # a heading counts
    assert unknown_names("Wat zegt de Waaslandse presentatie?", terms) == []  # the adjective of a name used
    # Hyphenated names and abbreviations may be in the documents in parts or spelled out.
    assert unknown_names("Wat zegt het KdG-rapport over de OverHoop-coaches?", terms) == []


def test_a_name_of_joined_capitalised_parts_the_corpus_never_holds_whole_is_unknown() -> None:
    """fresh34, now natural37: "Ik ben stafmedewerker in de eerstelijnszone Noord-Limburg. Wat heeft het
    OverHoop-traject in onze zone gerealiseerd?" was answered with the Waasland's timeline: "Noord" and
    "Limburg" are each used, the zone never is."""
    terms = CorpusTerms.build(
        [make_passage("In West-Limburg en in het noorden van Limburg liepen trajecten.").chunk], tokenize_nl
    )
    asked = analyse(
        "Ik ben stafmedewerker in de eerstelijnszone Noord-Limburg. Wat heeft het traject in onze zone "
        "gerealiseerd?",
        [],
    )
    assert unknown_names(asked_names_text(asked), terms) == ["Noord-Limburg"]
    assert unknown_names("Wat deed het traject in West-Limburg?", terms) == []


def test_a_name_the_situation_gives_that_the_documents_never_use_counts_as_missing() -> None:
    # fresh11, now natural14: a Dutch programme set beside OverHoop, a local Huis van het Kind.
    terms = CorpusTerms.build([make_passage("Het Waasland startte een OverHoop-traject.").chunk], tokenize_nl)
    context = "Als beleidsmedewerker moet ik OverHoop naast het programma Kansrijke Start van Lokeren leggen."
    assert unused_context_names(context, terms) == ["Kansrijke", "Lokeren"]
    # A form of a name the documents use ("Waaslandse") is no unknown name.
    assert unused_context_names("In de Waaslandse presentatie staan andere data.", terms) == []
    question = f"{context} Waarin verschillen beide aanpakken?"
    passage = make_passage("Het Waasland startte een OverHoop-traject met een werkgroep.")
    retrieval = RetrievalResult(question, [passage], best_dense=0.8, best_bm25=3.0)
    features = decision_features(analyse(question, []), question, retrieval, terms)
    assert features.name_missing == 1.0
    # Where the asker works is no name the documents must hold (fresh19, now natural21: the Waasland budget
    # was refused for the asker's Huis van het Kind in Sint-Niklaas).
    workplace = "Ik werk in een dienst in Lokeren. Hoe startte het Waasland zijn OverHoop-traject?"
    features = decision_features(analyse(workplace, []), workplace, retrieval, terms)
    assert features.name_missing == 0.0


def test_a_name_that_frames_the_corpus_is_never_a_missing_name() -> None:
    framing = [
        make_passage(f"OverHoop werkte in 2024 met het middenkader van fase {n} samen.").chunk
        for n in range(1, 4)
    ]
    terms = CorpusTerms.build([*framing, *tiny_chunks()], tokenize_nl)
    assert terms.frames("OverHoop") and terms.frames("OverHoop-trajecten")  # its first part frames it
    assert not terms.frames("Wallonië") and not terms.frames("Roeselare")
    # A number is never a frame, nor a name that only a common word holds ("middenkader").
    assert not terms.frames("2024") and not terms.frames("Midden-Limburg")
    question = "Welke cijfers geeft OverHoop over Roeselare?"
    passage = make_passage("De zorgraden kregen een budget voor de trajecten.")
    retrieval = RetrievalResult(question, [passage], best_dense=0.8, best_bm25=3.0)
    # Only "Roeselare" counts: the passage lacks it. "OverHoop" stands in most passages and says nothing.
    assert decision_features(analyse(question, []), question, retrieval, terms).name_missing == 1.0
    named = make_passage("In Roeselare kregen de zorgraden een budget.")
    retrieval = RetrievalResult(question, [named], best_dense=0.8, best_bm25=3.0)
    assert decision_features(analyse(question, []), question, retrieval, terms).name_missing == 0.0


def test_a_name_joined_to_a_framing_one_as_the_corpus_joins_them_frames_with_it() -> None:
    area = [
        make_passage(f"De trajecten in Vlaanderen en Brussel bereikten in fase {n} veel professionals.").chunk
        for n in range(1, 3)
    ]
    zones = [make_passage(f"In Vlaanderen werkte zone {n} mee.").chunk for n in range(1, 41)]
    terms = CorpusTerms.build([*area, *zones, *tiny_chunks()], tokenize_nl)
    assert terms.frames("Vlaanderen") and not terms.frames("Brussel")
    assert terms.frames_in("Brussel", "Hoeveel mensen bereikten ze in heel Vlaanderen en Brussel?")
    assert not terms.frames_in("Brussel", "Hoe lang wacht je bij het Vertrouwenscentrum in Brussel?")
    passage = make_passage("Afgerond werden zo'n 30 000 professionals bereikt met de sensibilisering.")
    whole = "Hoeveel professionals werden er in heel Vlaanderen en Brussel bereikt met de sensibilisering?"
    retrieval = RetrievalResult(whole, [passage], best_dense=0.8, best_bm25=3.0)
    assert decision_features(analyse(whole, []), whole, retrieval, terms).name_missing == 0.0
    # "Brussel" alone asks a detail the passage does not give.
    alone = "Hoeveel professionals werden er in Brussel bereikt met de sensibilisering?"
    retrieval = RetrievalResult(alone, [passage], best_dense=0.8, best_bm25=3.0)
    assert decision_features(analyse(alone, []), alone, retrieval, terms).name_missing == 1.0


def test_an_asked_value_is_supported_by_the_passage_that_holds_it_and_its_heading() -> None:
    question = "Hoeveel budget kregen de zorgraden, voor welke periode en waarvoor mocht het dienen?"
    slide = make_passage("€ 35.000 per eerstelijnszone.", section="Budget van de zorgraden > Periode")
    elsewhere = make_passage("Er was 10.000 euro voor een vorming over hechting.")
    retrieval = RetrievalResult(question, [elsewhere, slide], best_dense=0.8, best_bm25=3.0)
    features = decision_features(analyse(question, []), question, retrieval, TERMS)
    alone = RetrievalResult(question, [elsewhere], best_dense=0.8, best_bm25=3.0)
    unsupported = decision_features(analyse(question, []), question, alone, TERMS)
    assert features.value_unsupported < unsupported.value_unsupported


def test_a_figure_asked_in_one_part_of_a_question_counts_next_to_that_part_s_subject() -> None:
    """fresh10 (now natural13): "Hoeveel geld is er voor ons traject voorzien, waarvoor mag dat gebruikt
    worden en tot wanneer loopt het?" was refused with the slide giving the amount ranked first."""
    figure = "De zorgraden kregen 10.000 euro."
    assert _features("Hoeveel geld ging naar de zorgraden?", figure)[2] == 0.0
    three_parts = (
        "Hoeveel geld ging naar de zorgraden, waarvoor mocht dat dienen en tot wanneer liep het traject?"
    )
    assert _features(three_parts, figure)[2] == 0.0
    # The subject of the figure's part still has to be there.
    assert _features("Hoeveel geld ging naar de huisartsen, en waarvoor mocht dat dienen?", figure)[2] == 1.0
    # The sentence that holds it is what a fact answer leads with.
    assert _value_sentence(three_parts, "Het weer was mooi. " + figure) == figure
    assert _value_sentence("Hoeveel geld ging naar de huisartsen?", "Het weer was mooi. " + figure) is None
    # A question that asks for no value misses none.
    assert _features("Wat doe ik bij een niet-pluis-gevoel?", "Het weer was mooi.")[2] == 0.0


def test_a_value_asked_of_what_the_context_names_stands_next_to_the_context_s_subject() -> None:
    """fresh14 (now natural16): "... de documenten geven andere data voor de derde fase. Wanneer is die nu
    eigenlijk gestart?" was refused with the start date ranked first: "die" is the context's phase."""
    dated = "De budgetronde voor de zorgraden liep in december 2024."
    pointing = "Ik maak een tijdlijn van de budgetronde voor de zorgraden. Wanneer is die eigenlijk gestart?"
    assert _features(pointing, dated)[2] == 0.0
    assert _features(pointing, "Het weer was mooi in december 2024.")[2] == 1.0
    # Without a pointer the need names its own subject, and the context's words do not stand in for it.
    own = "Ik maak een tijdlijn van de budgetronde voor de zorgraden. Wanneer is de vorming gestart?"
    assert _features(own, dated)[2] == 1.0


def test_a_follow_up_that_names_its_subject_needs_none_of_the_earlier_turns_words() -> None:
    """natural7 to natural33: "En dat project in de Westhoek, hoeveel mensen hebben daar die
    Kindreflex-vorming gevolgd?" was refused eight times with "algemene vorming Kindreflex: 120 deelnemers"
    first, the earlier turns' words ("eindrapport", "onderzoek", "fase") outweighing the subject next to the
    figure."""
    question = "En dat project in Roeselare, hoeveel mensen hebben daar de Kindreflex-vorming gevolgd?"
    earlier = " eindrapport flankerend onderzoek pilootprojecten fase trekkers zorgraden budget"
    figure = make_passage("Algemene vorming Kindreflex: 120 deelnemers van 45 organisaties.")
    retrieval = RetrievalResult(question + earlier, [figure], best_dense=0.8, best_bm25=3.0)
    found = decision_evidence(analyse(question, []), question + earlier, retrieval, TERMS, True)[1]
    assert found is not None and "120 deelnemers" in found
    # Without a name of its own the follow-up's subject comes from the earlier turns, and a figure that
    # stands next to none of it is not the one asked.
    bare = "En hoeveel mensen hebben daar die vorming gevolgd?"
    unrelated = make_passage("Het weer trok 120 mensen naar het strand.")
    retrieval = RetrievalResult(bare + earlier, [unrelated], best_dense=0.8, best_bm25=3.0)
    assert decision_evidence(analyse(bare, []), bare + earlier, retrieval, TERMS, True)[1] is None
    # Not following anything up, a question's own words are all there is: the same figure is found.
    alone = RetrievalResult(question, [figure], best_dense=0.8, best_bm25=3.0)
    assert decision_evidence(analyse(question, []), question, alone, TERMS)[1] is not None


def test_the_asker_s_own_zone_named_in_the_context_is_asked_about() -> None:
    """ "Welke acties heeft onze eerstelijnszone opgezet?" asks about the zone the context names."""
    own = analyse(
        "Ik werk voor de zorgraad van ELZ Meetjesland. Welke acties heeft onze eerstelijnszone opgezet?"
    )
    assert own.context and "Meetjesland" in asked_names_text(own)
    assert unknown_names(asked_names_text(own), TERMS) == ["Meetjesland"]
    # A context without a pointer to it from the need says where the asker works, not what they ask.
    where = analyse("Ik werk als juf in Meetjesland. Wat kan ik doen bij een niet-pluis-gevoel?")
    assert where.context and asked_names_text(where) == where.need
    assert unknown_names(asked_names_text(where), TERMS) == []


def test_a_value_asked_of_the_asker_s_own_organisation_stands_next_to_its_name() -> None:
    """fresh23 (now natural26): "Ik werk bij de Eerstelijnszone Waasland ...: hoeveel budget hebben we voor
    het OverHoop-traject en tot wanneer loopt dat?" was refused with "€ 35.000 / eerstelijnszone = € 70.000 /
    Waasland" ranked first: the workplace's name is no subject, unless the value's part says "we"."""
    slide = "Loonkosten en werkingskosten. € 35.000 / eerstelijnszone = € 70.000 / Waasland."
    ours = "Ik werk bij de Eerstelijnszone Waasland. Hoeveel budget hebben we voor het traject?"
    assert _features(ours, slide)[2] == 0.0
    # Without "we" the workplace says where the asker works, not what the figure must stand next to.
    theirs = "Ik werk bij de Eerstelijnszone Waasland. Hoeveel budget kregen de huisartsen?"
    assert _features(theirs, slide)[2] == 1.0


@pytest.mark.parametrize(
    ("ours", "mine"),
    [
        (
            "Ik ben zorgcoördinator in een basisschool in het Waasland en hoorde dat onze eerstelijnszone "
            "meedoet. Hoeveel budget is er voorzien en tegen wanneer moest het werkplan klaar zijn?",
            "onze eerstelijnszone",
        ),
        # The asker's own budget (natural16, refused: the amount was looked for next to no word at all).
        (
            "Ik ben stafmedewerker bij een eerstelijnszone in het Waasland en moet ons budget uitleggen aan "
            "de zorgraad. Hoeveel geld was er voorzien en waarvoor mocht dat gebruikt worden?",
            "ons budget",
        ),
    ],
)
def test_the_zone_the_situation_calls_ours_is_what_the_amount_stands_next_to(ours: str, mine: str) -> None:
    """fresh40 (now natural43): "Ik ben zorgcoördinator in een basisschool in het Waasland en hoorde dat onze
    eerstelijnszone meedoet aan OverHoop; ... hoeveel budget is er voorzien ...?" was labelled partial with
    "€ 35.000 / eerstelijnszone = € 70.000 / Waasland" first: the Waasland was taken for the asker's
    workplace only."""
    slide = "Loonkosten en werkingskosten. € 35.000 / eerstelijnszone = € 70.000 / Waasland."
    assert _features(ours, slide)[2] == 0.0
    # Another zone's situation: the Waasland's amount is not theirs.
    assert _features(ours.replace("Waasland", "Meetjesland"), slide)[2] == 1.0
    # Without "onze eerstelijnszone" or "ons budget" the Waasland is where the asker works, not what is asked.
    where = ours.replace(mine, mine.replace("onze", "de").replace("ons", "het"))
    assert _features(where, slide)[2] == 1.0


def test_an_amount_asked_per_unit_is_given_only_where_it_is_said_per_unit() -> None:
    """fresh40 (now natural43): "wat is het maximumbedrag per jongere en binnen hoeveel weken krijg je een
    beslissing?" was answered with the whole fund: "Het ideale wereldfonds bedraagt 25 000 euro"."""
    fund = "Het ideale wereldfonds bedraagt 25 000 euro tot eind 2024."
    assert _features("Hoeveel geld zat er in het ideale wereldfonds?", fund)[2] == 0.0
    per_youth = "Wat is het maximumbedrag per jongere uit het ideale wereldfonds?"
    assert _features(per_youth, fund)[2] == 1.0
    assert _features(per_youth, "Het ideale wereldfonds geeft maximaal 500 euro per jongere.")[2] == 0.0
    # A slide's "/ eerstelijnszone" says it per zone.
    slide = "Het budget van het traject: € 35.000 / eerstelijnszone."
    assert _features("Hoeveel budget kreeg het traject per eerstelijnszone?", slide)[2] == 0.0


def test_an_amount_asked_with_only_we_stands_next_to_what_the_situation_names() -> None:
    """fresh28 (now natural31): "Als netwerkcoördinator van ELZ Waasland ...: hoeveel middelen kregen we
    precies, waarvoor mogen die dienen en tegen wanneer moest ons werkplan klaar zijn?" was refused with the
    budget slide first: the amount's part names nothing but "we", so the whole need, with the other parts'
    words, was what the amount had to stand next to."""
    slide = "Loonkosten en werkingskosten. € 35.000 / eerstelijnszone = € 70.000 / Waasland."
    asked = (
        "Als coördinator van ELZ Waasland moet ik de financiën toelichten: hoeveel middelen kregen we "
        "precies, waarvoor mogen die dienen en tegen wanneer moest ons werkplan klaar zijn?"
    )
    assert _features(asked, slide)[2] == 0.0
    assert "€ 70.000 / Waasland" in (_value_sentence(asked, slide) or "")
    # Another zone's situation: the Waasland's amount is not theirs.
    other = asked.replace("Waasland", "Meetjesland")
    assert _features(other, slide)[2] == 1.0
    # Without "we", or asking where, the part's cue alone is not the zone's value (natural4: "Welke van die
    # zorgzame buurten liggen in onze regio, in welke gemeenten juist?" was answered with another thing's
    # region once the zone's name alone had to stand next to it).
    # Without "we", the asker's own workplace is not what the part asks about.
    theirs = asked.replace("kregen we", "kregen ze").replace("ons werkplan", "het werkplan")
    assert _features(theirs, slide)[2] == 1.0
    region = "Qua regio is deze beslisboom vooral gericht naar Eerstelijnszone Westhoek."
    where = (
        "Ik coach een eerstelijnszone in de Westhoek. Welke van die 132 zorgzame buurten uit de "
        "inspiratienota liggen in onze regio, in welke gemeenten juist?"
    )
    assert _features(where, region)[2] == 1.0


def test_an_amount_asked_without_a_subject_stands_next_to_what_the_situation_names() -> None:
    """fresh33 (now natural36): "Ik werk als maatschappelijk werker bij het OCMW in Sint-Niklaas en hoorde
    dat de eerstelijnszone Waasland middelen kreeg voor een OverHoop-traject. Hoeveel budget was er juist
    voorzien, waarvoor mocht dat gebruikt worden en hoe lang loopt dat traject?" was refused with the budget
    slide first: the asking part ("was er juist") was taken to point back and widened to the whole need."""
    slide = "Loonkosten en werkingskosten. € 35.000 / eerstelijnszone = € 70.000 / Waasland."
    asked = (
        "Ik werk bij het OCMW in Sint-Niklaas en hoorde dat de eerstelijnszone Waasland middelen kreeg. "
        "Hoeveel budget was er juist voorzien, waarvoor mocht dat gebruikt worden en hoe lang loopt het?"
    )
    assert _features(asked, slide)[2] == 0.0
    # The asker's own workplace alone is not what it was set aside for.
    own = "Ik werk in de eerstelijnszone Waasland. Hoeveel budget was er juist voorzien voor de vorming?"
    assert _features(own, slide)[2] == 1.0


def test_an_amount_asked_of_them_stands_next_to_what_the_situation_before_names() -> None:
    """fresh49, now natural52: "Wij zijn ook twee eerstelijnszones die samen één OverHoop-traject trekken,
    zoals in het Waasland. Hoeveel geld kregen zij daarvoor, waarvoor mocht dat dienen en bij welke andere ELZ
    gingen ze inspiratie halen?" was refused with the budget slide first: the amount had to stand next to
    the words of all three parts."""
    slide = "Loonkosten en werkingskosten. € 35.000 / eerstelijnszone = € 70.000 / Waasland."
    asked = (
        "Wij zijn ook twee eerstelijnszones die samen één traject trekken, zoals in het Waasland. Hoeveel "
        "geld kregen zij daarvoor, waarvoor mocht dat dienen en bij welke andere ELZ gingen ze inspiratie "
        "halen?"
    )
    assert _features(asked, slide)[2] == 0.0
    assert _features(asked.replace("Waasland", "Meetjesland"), slide)[2] == 1.0  # not their amount


def test_a_date_asked_with_a_pointer_stands_next_to_what_the_situation_says() -> None:
    """natural17 and fresh49 (now natural52): "... hoorde ik dat WINGG een vaste traumareferent wil
    aanstellen. Tegen wanneer is dat voorzien en wat gebeurt er in tussentijd?" was refused with the plan's
    sentence first: the year had to stand next to the other part's words ("gebeurt", "tussentijd")."""
    plan = (
        "Om het thema duurzaam te verankeren, blijft WINGG inzetten op de aanstelling van een structurele "
        "traumareferent, met een beoogde realisatie in 2028."
    )
    asked = (
        "Ik hoorde dat WINGG een structurele traumareferent wil aanstellen. Tegen wanneer is dat voorzien en "
        "hoe versterken de werkgroep, de partners en de zorgraad in tussentijd de veerkracht van "
        "leerkrachten, collega's en ouders in de kinderopvang?"
    )
    assert _features(asked, plan)[2] == 0.0
    # A date of something else the situation says is not that date.
    other = asked.replace("een structurele traumareferent wil aanstellen", "een vorming over pesten plant")
    assert _features(other, plan)[2] == 1.0


def test_the_asker_s_role_words_need_not_stand_next_to_an_asked_value() -> None:
    """fresh34, now natural37: "Ik ben maatschappelijk werker bij het OCMW in Sint-Niklaas ... Hoeveel
    middelen krijgt het Waasland voor dat traject, voor welke periode, en waaraan mag dat geld besteed?" was
    refused with the budget slide first: the role words the query keeps ("maatschappelijk", "OCMW") had
    to stand next to the amount."""
    slide = "Loonkosten en werkingskosten. € 35.000 / eerstelijnszone = € 70.000 / Waasland."
    asked = (
        "Ik ben maatschappelijk werker bij het OCMW in Sint-Niklaas en we werden uitgenodigd voor een "
        "overleg. Hoeveel middelen krijgt het Waasland voor dat traject, voor welke periode, en waaraan mag "
        "dat geld besteed worden?"
    )
    assert _features(asked, slide)[2] == 0.0
    # Another zone's amount is still not the Waasland's.
    assert _features(asked.replace("Waasland", "Meetjesland"), slide)[2] == 1.0


def test_a_split_is_found_only_where_the_sentence_itself_names_what_it_splits_over() -> None:
    """natural2 to natural30: "Hoeveel van die € 70.000 ging precies naar loonkosten en hoeveel naar
    werkingskosten?" (unanswerable) was answered four times with the budget slide: its figure stands above
    "Loonkosten en werkingskosten", and the question's own "70.000" was counted as the figure's subject."""
    slide = "€ 35.000 / eerstelijnszone = € 70.000 / Waasland. Loonkosten en werkingskosten."
    split = "Hoeveel van die € 70.000 ging precies naar loonkosten en hoeveel naar werkingskosten?"
    assert _features(split, slide)[2] == 1.0
    spent = "Er ging 50.000 euro naar loonkosten en 20.000 euro naar werkingskosten."
    assert _features(split, spent)[2] == 0.0
    # Two figures each with their own verb are no split; the neighbour still names the subject.
    whole = "Hoeveel geld kreeg het Waasland, en hoeveel kregen de zorgraden?"
    assert _features(whole, slide)[2] == 0.0


def test_a_name_the_passage_s_heading_gives_is_no_missing_name() -> None:
    """fresh28 (now natural31): "... werd De Wase Kiem genoemd; wat doet die organisatie precies?" was refused
    with the slide headed "De Wase Kiem (verkennend gesprek 9/12)" first: its text never says the name."""
    question = "In de presentatie werd De Wase Kiem genoemd; wat doet die organisatie precies?"
    text = "Zwangerschapscentrum dat kwetsbare zwangere vrouwen begeleidt tijdens en na de zwangerschap."

    def missing(section: str) -> float:
        retrieval = RetrievalResult(
            question, [make_passage(text, section=section)], best_dense=0.8, best_bm25=3.0
        )
        return decision_features(analyse(question, []), question, retrieval, TERMS).name_missing

    assert missing("De Wase Kiem (verkennend gesprek 9/12)") == 0.0
    assert missing("Eerstelijnszone Waasland") == 1.0


def test_a_count_of_people_is_found_where_the_sentence_counts_any_kind_of_people() -> None:
    """fresh25 (now natural28): "... hoe hebben zij die werkgroep georganiseerd, met hoeveel mensen ...?" was
    refused with "Tijdens de bijeenkomsten namen gemiddeld twintig deelnemers deel" in the first passage."""
    said = "Tijdens de bijeenkomsten van de werkgroep namen gemiddeld twintig deelnemers deel."
    assert _features("Met hoeveel mensen zat die werkgroep samen?", said)[2] == 0.0
    assert _features("Hoeveel professionals zaten in die werkgroep?", said)[2] == 0.0
    # A count of something else is no count of people.
    things = "Voor de werkgroep werden vijf bijeenkomsten georganiseerd."
    assert _features("Met hoeveel mensen zat die werkgroep samen?", things)[2] == 1.0


def test_a_judgement_asked_of_what_the_part_before_names_is_found_next_to_it() -> None:
    """fresh23 (now natural26): "... die gids ... eigenlijk veel gebruikt, en wat vonden ze ervan?" was
    refused with the passage on the guide's use first: only the cue "vonden" had to stand next to it."""
    question = "Hebben de zorgraden die gids veel gebruikt, en wat vonden ze ervan?"
    said = "De zorgraden geven aan de gids niet zo veelvuldig te hebben gebruikt."
    assert _features(question, said)[2] == 0.0
    assert _features(question, "De ouders geven aan dat de sessies deugd deden.")[2] == 1.0


def _titled_passage(text: str, doc_id: str, title: str, doc_type: str, section: str) -> Passage:
    """A passage of a document whose title names its author or zone, which its pages do not repeat."""
    chunk = Chunk(
        chunk_id=chunk_id_for(doc_id, text),
        doc_id=doc_id,
        title=title,
        doc_type=doc_type,
        section=section,
        text=text,
        position=0,
        page=None,
    )
    return Passage(chunk=chunk, score=0.9)


def _report_passage(text: str) -> Passage:
    title = "Inhoudelijke rapportage Co-ncept Jeugdhulp 2024"
    return _titled_passage(text, "rapportage-co-ncept", title, "trajectrapportage", "Het ideale wereldfonds")


def _slide_passage(text: str) -> Passage:
    title = "OverHoop – Eerstelijnszone Waasland (presentatie)"
    return _titled_passage(text, "presentatie-waasland", title, "presentatie", "Eerstelijnszone Waasland")


def _terms_among(line: str, count: int = 40) -> CorpusTerms:
    """Corpus terms of the tiny corpus and `count` report chunks saying `line` (with its number): a name the
    tiny corpus uses often is then one name among many, not one that frames it."""
    others = [
        Chunk(
            chunk_id=f"other-{i}",
            doc_id="eindrapport",
            title="Eindrapport",
            doc_type="rapport",
            section="3 Middelen",
            text=line.format(i),
            position=i,
            page=None,
        )
        for i in range(count)
    ]
    return CorpusTerms.build([*tiny_chunks(), *others], tokenize_nl)


def test_a_report_s_own_name_in_its_title_counts_for_the_names_and_values_asked_of_it() -> None:
    """fresh15 (now natural17): "Hoeveel geld zat er in hun fonds ..." of Co-ncept was refused twice with
    the fund's amount ranked first: the report never names Co-ncept next to it."""
    fund = _report_passage("Het ideale wereldfonds bedraagt 25 000 euro tot eind 2024.")
    # A corpus where funds are common and Co-ncept is named in one passage of forty: its name weighs most.
    terms = _terms_among("Het fonds {} en de werking van de zones.")

    def evidence(question: str) -> tuple[float, float]:
        retrieval = RetrievalResult(question, [fund], best_dense=0.8, best_bm25=3.0)
        features = decision_features(analyse(question, []), question, retrieval, terms)
        return features.value_missing, features.name_missing

    assert evidence("Hoeveel geld zat er in het fonds van Co-ncept?") == (0.0, 0.0)
    # The title's names complete a sentence on the subject; they make no figure of the report an answer.
    assert evidence("Hoeveel verdient een planmaker bij Co-ncept?") == (1.0, 0.0)
    # A name the report's title does not give is still missing.
    assert evidence("Hoeveel geld zat er in het fonds van Kind en Gezin?")[1] > 0.0


def test_a_document_s_region_counts_for_the_values_asked_of_that_region() -> None:
    """fresh53 (now natural56), as natural39 and natural47: "... zoals Co-ncept en WINGG dat in
    West-Vlaanderen gedaan hebben. Hoe hebben zij dat praktisch aangepakt: met hoeveel mensen ...?" was
    refused with "Tijdens de bijeenkomsten namen gemiddeld twintig deelnemers deel" first: the WINGG nota is
    about West-Vlaanderen (its manifest region) and does not repeat it next to the figure. The region counts
    as the document's name, as it does for `names_missing`."""
    text = (
        "Tijdens de bijeenkomsten namen gemiddeld twintig deelnemers deel, afkomstig uit de nulde tot derde "
        "lijn."
    )
    title = "Samen bouwen aan een traumasensitieve jeugdhulp: Co-ncept Jeugdhulp en WINGG"
    nota = _titled_passage(text, "nota-wingg", title, "nota", "Intersectorale werkgroep")
    terms = _terms_among("De werkgroep {} van de zones.")
    question = (
        "Ik ben netwerkcoördinator. We willen een werkgroep opstarten zoals Co-ncept dat in West-Vlaanderen "
        "deed. Met hoeveel mensen hebben zij dat aangepakt?"
    )

    def value_missing(passage: Passage) -> float:
        retrieval = RetrievalResult(question, [passage], best_dense=0.8, best_bm25=3.0)
        return decision_features(analyse(question, []), question, retrieval, terms).value_missing

    assert value_missing(nota) == 1.0
    regional = Passage(chunk=replace(nota.chunk, region="West-Vlaanderen"), score=0.9)
    assert value_missing(regional) == 0.0


def test_the_zone_asked_of_is_the_askers_place_not_their_employer() -> None:
    """fresh53 (now natural56): refused with the Waasland budget slide first, "Huis" (of "Ik werk bij het
    Huis van het Kind in het Waasland") counted as a name of "onze regio" that no passage gives."""
    slide = _slide_passage("€ 35.000 / eerstelijnszone = € 70.000 / Waasland\nLoonkosten en werkingskosten")
    # "Huis" used once among many chunks: a name, not one that frames the corpus.
    house = Chunk(
        chunk_id="house", doc_id="eindrapport", title="Eindrapport", doc_type="rapport", section="3 Middelen",
        text="Het Huis van het Kind werkt mee.", position=99, page=None,
    )
    others = [
        replace(house, chunk_id=f"zone-{i}", text=f"De zone {i} werkt mee.", position=i) for i in range(40)
    ]
    terms = CorpusTerms.build([*tiny_chunks(), *others, house], tokenize_nl)
    question = (
        "Ik werk bij het Huis van het Kind in het Waasland en we denken mee over het traject. Hoeveel budget "
        "is er voor onze regio voorzien?"
    )
    retrieval = RetrievalResult(question, [slide], best_dense=0.8, best_bm25=3.0)
    assert decision_features(analyse(question, []), question, retrieval, terms).name_missing == 0.0
    elsewhere = question.replace("in het Waasland", "in Turnhout")
    retrieval = RetrievalResult(elsewhere, [slide], best_dense=0.8, best_bm25=3.0)
    assert decision_features(analyse(elsewhere, []), elsewhere, retrieval, terms).name_missing > 0.0


def test_the_ages_a_question_asks_of_are_no_names_the_documents_must_give() -> None:
    """fresh53 (now natural56): "Vallen jongeren van 15 tot 18 jaar ... nog onder de doelgroep van OverHoop?"
    was refused: "15" and "18" counted as names no passage gives, next to the passage that says the
    programme covers "-9 maanden (prenataal) tot 14 jaar"."""
    question = "Vallen jongeren van 15 tot 18 jaar nog onder de doelgroep van OverHoop?"
    assert ages_left_out(["15", "18", "OverHoop"], question) == ["OverHoop"]
    # A year is still a name; so is a number that is no age.
    asked = "Hoeveel kinderen tot 14 jaar bereikte het project in 2024 in 12 scholen?"
    assert ages_left_out(["14", "2024", "12"], asked) == ["2024", "12"]
    passage = make_passage(
        "Om die reden hebben we ervoor geopteerd met OverHoop te focussen op de doelgroep van -9 maanden "
        "(prenataal) tot 14 jaar en hun ouders of zorgfiguren."
    )
    retrieval = RetrievalResult(question, [passage], best_dense=0.8, best_bm25=3.0)
    terms = CorpusTerms.build(tiny_chunks(), tokenize_nl)
    assert decision_features(analyse(question, []), question, retrieval, terms).name_missing == 0.0


def test_what_the_documents_name_once_in_passing_they_do_not_describe() -> None:
    # natural2 to natural34: "Wat houdt '9min op een dag' in?", "Hoe werkt die methode Samsa?" were answered
    # with the one line that names it; every such question was unanswerable.
    report = make_passage(
        "MICRO\n• Kleine tools voor ouders aanreiken\n• 9min op een dag\n• Uitleg over"
    ).chunk
    nota = make_passage("De mosterd kan gehaald worden uit de visie. Daarnaast wordt ‘Samsa’ benoemt.").chunk
    fiche = make_passage("Kookos\nDe begeleiders bieden kortdurende ondersteuning aan ouders.").chunk
    zones = [make_passage(f"In Vlaanderen werkte zone {n} mee.").chunk for n in range(1, 41)]
    terms = CorpusTerms.build([report, nota, fiche, *zones, *tiny_chunks()], tokenize_nl)
    assert terms.in_passing("9min op een dag") and terms.in_passing("Samsa")
    assert not terms.in_passing("Kookos")  # a name on a line of its own over its description
    assert not terms.in_passing("ouders")  # named more than once
    passage = make_passage("MICRO\n• Kleine tools voor ouders aanreiken\n• 9min op een dag\n• Uitleg over")
    question = (
        "In het verslag staat '9min op een dag' als klein hulpmiddel voor ouders. Wat houdt dat precies in?"
    )
    retrieval = RetrievalResult(question, [passage], best_dense=0.8, best_bm25=3.0)
    found = decision_evidence(analyse(question, []), question, retrieval, terms)
    assert found.features.value_missing == 1.0 and found.missing == "description"
    # Asked what it holds for whom, not what it is: the passage may answer.
    other = "In het verslag staat '9min op een dag' als klein hulpmiddel. Voor wie is dat bedoeld?"
    retrieval = RetrievalResult(other, [passage], best_dense=0.8, best_bm25=3.0)
    found = decision_evidence(analyse(other, []), other, retrieval, terms)
    assert found.features.value_missing == 0.0 and found.missing is None
    # Counting what no passage lists is missing the items, not a description.
    counted = "Welke zes stappen zet je met '9min op een dag'?"
    retrieval = RetrievalResult(counted, [passage], best_dense=0.8, best_bm25=3.0)
    assert decision_evidence(analyse(counted, []), counted, retrieval, terms).missing == "items"


def test_a_thing_described_under_its_other_name_is_no_thing_named_in_passing() -> None:
    # fresh33, now natural36: "Iedereen heeft het over de BiB-tool of Born in Belgium, maar wat is dat
    # eigenlijk?" was refused because a slide names the "BiB-tool" once, while the inspiratienota describes
    # Born in Belgium.
    slide = make_passage("Focus op eerste 1000 dagen (MDO, zorgcoördinatie, sessies, BiB-tool).").chunk
    described = [
        make_passage(f"Born in Belgium is een digitale tool voor professionals, deel {n}.").chunk
        for n in range(3)
    ]
    zones = [make_passage(f"In Vlaanderen werkte zone {n} mee.").chunk for n in range(1, 41)]
    terms = CorpusTerms.build([slide, *described, *zones, *tiny_chunks()], tokenize_nl)
    assert terms.in_passing("BiB-tool")
    passage = make_passage("Born in Belgium is een digitale tool voor professionals, deel 1.")
    for question, missing in [
        ("Iedereen heeft het over de BiB-tool of Born in Belgium, maar wat is dat eigenlijk?", None),
        ("Iedereen heeft het over de BiB-tool, maar wat is die tool eigenlijk?", "description"),
    ]:
        retrieval = RetrievalResult(question, [passage], best_dense=0.8, best_bm25=3.0)
        assert decision_evidence(analyse(question, []), question, retrieval, terms).missing == missing


def test_a_count_counts_only_where_the_sentence_names_what_is_counted() -> None:
    # fresh32, now natural35: "Hoeveel pleegouders hebben ...?" was answered with a table line "Ieper 2", and
    # "Hoeveel minder kinderen ...?" with "60 trajecten" next to "kindertijd".
    question = "Hoeveel pleegouders volgden een vorming rond traumasensitief opvoeden?"
    assert _features(question, "Een vorming rond traumasensitief opvoeden volgden 40 ouders.")[2] == 1.0
    assert _features(question, "Een vorming rond traumasensitief opvoeden volgden 40 pleegouders.")[2] == 0.0
    children = "Hoeveel kinderen kregen een vorming rond trauma in de kindertijd?"
    assert _features(children, "Een vorming rond trauma in de kindertijd gaf men in 60 trajecten.")[2] == 1.0
    # A word for any people counts people of any kind; a compound counts by its head.
    staff = "Hoeveel eerstelijnsprofessionals volgden de vorming rond trauma?"
    assert _features(staff, "De vorming rond trauma volgden 120 hulpverleners.")[2] == 0.0


def test_a_hyphenated_name_the_corpus_never_holds_whole_is_never_used() -> None:
    # fresh32, now natural35: "de ELZ Noord-Limburg" was taken for named because "Limburg" and "Noord" are.
    terms = CorpusTerms.build(
        [make_passage("In West-Limburg en in het noorden van Limburg liepen trajecten.").chunk], tokenize_nl
    )
    assert unused_context_names("Ik werk in de ELZ Noord-Limburg.", terms) == ["Noord-Limburg"]
    assert unused_context_names("Ik werk in de ELZ West-Limburg.", terms) == []


def test_a_share_asked_with_the_verb_of_an_opinion_stands_next_to_the_opinion_s_subject() -> None:
    # fresh32, now natural35: "Hoeveel procent vond het belangrijk ...?" was refused for "vond", which the
    # report's "Slechts 37% zegt het eens te zijn met de stelling dat het belangrijk is" does not say.
    question = "Hoeveel procent van de zorgraden vond het belangrijk?"
    said = "Slechts 37% van de zorgraden zegt het eens te zijn met de stelling dat het belangrijk is."
    assert _features(question, said)[2] == 0.0


def test_a_sentence_naming_the_subject_itself_holds_the_value_before_one_whose_neighbour_names_it() -> None:
    question = "Hoeveel zorgraden vonden het haalbaar?"
    text = (
        "Van hen antwoordt 30% dat de kans klein is. Het aandeel zorgraden dat het haalbaar vindt, "
        "ligt lager. Slechts 12% van de zorgraden vindt het haalbaar."
    )
    assert _value_sentence(question, text) == "Slechts 12% van de zorgraden vindt het haalbaar."


def test_a_follow_up_s_earlier_words_count_where_the_value_s_passage_holds_them() -> None:
    """natural11: a follow-up on Co-ncept's fund for young people who get stuck, "... zat daarin?", was
    refused: the earlier turns' words (planmaker, CAW, Westhoek, vastlopen) had to stand in the sentence with
    the amount, which names only the fund. The passage holding them is on the conversation's subject."""
    question = "En hoeveel zat daarin?"
    history = [{"role": "user", "content": "Wat is het fonds van de planmakers van Co-ncept in de Westhoek?"}]
    query = f"{question} fonds planmakers Co-ncept Westhoek jongeren vastlopen"
    on_it = make_passage(
        "De planmakers van Co-ncept begeleiden in de Westhoek jongeren die vastlopen. Zij werken samen met "
        "partners uit verschillende sectoren. Het team overlegt elke week. Er is ook een extra budget. Het "
        "ideale wereldfonds bedraagt 25 000 euro tot eind 2024."
    )
    elsewhere = make_passage("Het ideale wereldfonds bedraagt 25 000 euro tot eind 2024.")

    def missing(passage: Passage) -> float:
        retrieval = RetrievalResult(query, [passage], best_dense=0.8, best_bm25=3.0)
        analysis = analyse(question, history)
        return decision_evidence(analysis, query, retrieval, TERMS, follows_up=True).features.value_missing

    assert missing(on_it) == 0.0
    assert missing(elsewhere) == 1.0  # the conversation's subject is nowhere near the figure


def test_the_verb_that_says_counted_things_came_is_no_word_the_count_must_stand_next_to() -> None:
    """fresh36, now natural39: "hoeveel aanvragen kwamen er binnen?" was refused; the report says none were
    "ingediend", with no "kwamen"."""
    passage = make_passage(
        "Het ideale wereldfonds stond open voor planmakers. Gedurende de looptijd van het DIW-fonds werden "
        "geen aanvragen ingediend."
    )

    def missing(question: str) -> float:
        retrieval = RetrievalResult(question, [passage], best_dense=0.8, best_bm25=3.0)
        return decision_evidence(analyse(question), question, retrieval, TERMS).features.value_missing

    assert missing("Hoeveel aanvragen kwamen er binnen bij de stuurgroep?") == 0.0
    assert missing("Hoeveel aanvragen werden goedgekeurd door de stuurgroep?") == 1.0


def test_a_follow_up_s_earlier_words_count_where_the_value_s_heading_holds_them() -> None:
    """fresh35, now natural38: after a first turn on Co-ncept's DIW fund, "En hoeveel geld zat er eigenlijk in
    dat fonds?" was refused with the fund's appendix first: its heading ("Bijlage 9: DIW-fonds") names the
    fund, the sentence with the amount ("Het ideale wereldfonds bedraagt 25 000 euro") does not."""
    question = "En hoeveel geld zat er eigenlijk in dat fonds?"
    history = [{"role": "user", "content": "Wat was het DIW-fonds van de planmakers in de Westhoek?"}]
    query = f"{question} DIW planmakers Westhoek"
    text = "WAT: Het ideale wereldfonds bedraagt 25 000 euro tot eind 2024."

    def missing(section: str) -> float:
        passage = make_passage(text, section=section)
        retrieval = RetrievalResult(query, [passage], best_dense=0.8, best_bm25=3.0)
        analysis = analyse(question, history)
        return decision_evidence(analysis, query, retrieval, TERMS, follows_up=True).features.value_missing

    assert missing("7.9 Bijlage 9: DIW-fonds van de planmakers in de Westhoek") == 0.0
    assert missing("7.8 Bijlage 8: Verslag forum") == 1.0  # nothing says which fund this is


def test_a_passage_of_a_document_about_a_region_names_that_region() -> None:
    # fresh42, now natural45: the WINGG nota's traumadag page does not say it is West-Flemish; the manifest
    # does (`region`), and "Er werd in West-Vlaanderen ... gesproken over een traumadag" misses no name.
    question = "Er werd in West-Vlaanderen toch gesproken over een traumadag. Is die er uiteindelijk gekomen?"
    text = "Aanvankelijk werd gedacht aan het organiseren van een traumadag voor alle sectoren."

    def name_missing(region: str | None) -> float:
        chunk = Chunk(
            chunk_id_for("nota", text), "nota", "Nota van WINGG", "nota", "2.2 Acties", text, 0, region=region
        )
        retrieval = RetrievalResult(question, [Passage(chunk, 0.9)], best_dense=0.8, best_bm25=3.0)
        return decision_features(analyse(question, []), question, retrieval, TERMS).name_missing

    assert name_missing(None) == 1.0
    assert name_missing("West-Vlaanderen") == 0.0


def test_a_value_asked_of_a_document_s_author_is_not_found_in_another_document() -> None:
    """fresh43 (now natural46): Co-ncept's spending on wages and running costs, which its report does not
    give, was answered with the Waasland slide's budget above "Loonkosten en werkingskosten"."""
    report = _report_passage("De planmakers begeleidden in 2024 elf lopende trajecten met hun netwerk.")
    slide = _slide_passage("€ 35.000 / eerstelijnszone = € 70.000 / Waasland. Loonkosten en werkingskosten.")
    # A corpus where Co-ncept is one name among many, not one that frames it.
    terms = _terms_among("De zone {} en de werking van de trajecten.")

    def value(question: str, *passages: Passage) -> str | None:
        retrieval = RetrievalResult(question, list(passages), best_dense=0.8, best_bm25=3.0)
        return decision_evidence(analyse(question, []), question, retrieval, terms).value_sentence

    asked = "Hoeveel heeft Co-ncept Jeugdhulp in 2024 uitgegeven aan loonkosten en werkingskosten?"
    assert value(asked, report, slide) is None
    waasland = "Hoeveel kreeg Waasland voor loonkosten en werkingskosten?"
    assert "€ 70.000 / Waasland" in (value(waasland, report, slide) or "")
    # Named in the passage itself, another document's value counts.
    mentioned = _slide_passage("Net als Co-ncept: € 35.000 / eerstelijnszone. Loonkosten en werkingskosten.")
    assert value(asked, report, mentioned) is not None


def test_an_asker_s_word_counts_next_to_the_value_where_the_documents_use_their_own_word() -> None:
    """fresh46 (now natural49): "Hoeveel geld kreeg een ELZ ...?" was refused with the budget slide first,
    whose amount stands next to "eerstelijnszone"; the reviewed vocabulary maps "elz" to that word."""
    slide = "€ 35.000 / eerstelijnszone = € 70.000 / Waasland."
    assert _value_sentence("Hoeveel geld kreeg een ELZ?", slide) == slide
    # A word the vocabulary does not map gets no such help.
    assert _value_sentence("Hoeveel geld kreeg een gemeente?", slide) is None


def test_a_number_written_out_counts_where_the_passage_writes_it_in_digits() -> None:
    """natural22 and later: "Hoeveel professionals heeft OverHoop in die zestig zones ongeveer bereikt?" was
    refused with the report's "zo'n 30 000 bereikte professionals in de 60 verschillende ELZ" first: "zestig"
    counted as a word the corpus never uses and as one the passage lacks."""
    report = make_passage("De berekening geeft zo'n 30 000 bereikte professionals in de 60 zones.")
    terms = CorpusTerms.build([*tiny_chunks(), report.chunk], tokenize_nl)

    def features(question: str) -> tuple[float, float]:
        retrieval = RetrievalResult(question, [report], best_dense=0.8, best_bm25=3.0)
        found = decision_features(analyse(question, []), question, retrieval, terms)
        return found.need_coverage, found.unknown

    spelled = features("Hoeveel professionals werden in die zestig zones bereikt?")
    assert spelled[0] == pytest.approx(features("Hoeveel professionals werden in die 60 zones bereikt?")[0])
    assert spelled[1] == pytest.approx(features("Hoeveel professionals werden in die zones bereikt?")[1])


def test_a_follow_up_s_value_need_not_stand_next_to_where_the_asker_works() -> None:
    """fresh52 (now natural55): the planmaker trajectory's minimum of three months was refused for not
    standing next to the first turn's "consulent bij de sociale dienst jeugdrechtbank in Brugge"."""
    question = "En hoe lang loopt zo'n traject met een planmaker dan minimaal?"
    said_before = "Ik ben consulent bij de sociale dienst jeugdrechtbank in Brugge"
    query = f"{question} planmakers Co-ncept Jeugdhulp consulent sociale dienst jeugdrechtbank Brugge"
    passage = make_passage("Een traject met een planmaker had een minimale looptijd van drie maanden.")
    retrieval = RetrievalResult(query, [passage], best_dense=0.8, best_bm25=3.0)

    def unsupported(said: str) -> float:
        analysis = analyse(question, [])
        found = decision_evidence(analysis, query, retrieval, TERMS, True, said)
        return found.features.value_unsupported

    assert unsupported(said_before) < unsupported("")
