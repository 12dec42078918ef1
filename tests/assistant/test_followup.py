from __future__ import annotations

import pytest

from assistant.followup import (
    expand_ordinals,
    is_follow_up,
    ordinal_numbers,
    resolve_query,
    without_pointers,
)

HISTORY = [
    {"role": "user", "content": "Wat kan ik doen bij een niet-pluis-gevoel?"},
    {"role": "assistant", "content": "Dit zeggen de OverHoop-documenten hierover: ... [1]"},
]


@pytest.mark.parametrize(
    "question",
    [
        "en wat zeggen ze daarover voor scholen?",
        "En voor de kinderopvang?",
        "en die zesde bouwsteen?",
        "Hoe pas ik dat toe in de klas?",
        "Wat zegt het eindrapport hierover?",
        "Voor scholen?",
        "Wie zijn ze?",
        "Waarom eigenlijk?",
    ],
)
def test_follow_ups_are_detected(question: str) -> None:
    assert is_follow_up(question)


@pytest.mark.parametrize(
    "question",
    [
        "Wat is ontwikkelingstrauma?",
        "Wat zijn de acht bouwstenen van OverHoop?",
        "Wat doe je als je merkt dat een kind stress heeft?",
        "Welke rol spelen de zorgraden in de derde fase?",
        "Wat is de zesde bouwsteen?",
    ],
)
def test_self_contained_questions_are_not_rewritten(question: str) -> None:
    assert not is_follow_up(question)
    assert resolve_query(question, HISTORY) == question


def test_follow_up_query_adds_the_content_of_the_previous_question() -> None:
    query = resolve_query("en wat zeggen ze daarover voor scholen?", HISTORY)
    question = "en wat zeggen ze daarover voor scholen?"
    assert query.startswith(question)
    added = query.removeprefix(question).split()
    assert "niet-pluis-gevoel" in added
    assert not {"Wat", "kan", "ik", "een"} & set(added)


def test_chained_follow_ups_reach_back_to_the_last_self_contained_question() -> None:
    history = [
        {"role": "user", "content": "Wat zijn de acht bouwstenen?"},
        {"role": "assistant", "content": "..."},
        {"role": "user", "content": "en die zesde?"},
        {"role": "assistant", "content": "..."},
    ]
    query = resolve_query("Hoe pas ik dat toe in de klas?", history)
    assert "bouwstenen" in query and "zesde" in query


def test_without_history_or_user_turns_nothing_changes() -> None:
    assert resolve_query("en die zesde bouwsteen?", None) == "en die zesde bouwsteen?"
    assert resolve_query("en die zesde bouwsteen?", [{"role": "assistant", "content": "x"}]) == (
        "en die zesde bouwsteen?"
    )


def test_words_already_in_the_question_are_not_repeated() -> None:
    history = [{"role": "user", "content": "Wat doen scholen bij een niet-pluis-gevoel?"}]
    query = resolve_query("en scholen daarbij?", history)
    assert query.lower().split().count("scholen") == 1


def test_spelled_out_ordinals_get_their_digit() -> None:
    assert expand_ordinals("Wat is de zesde bouwsteen?") == "Wat is de zesde bouwsteen? 6"
    assert expand_ordinals("de eerste en de derde fase, en weer de eerste") == (
        "de eerste en de derde fase, en weer de eerste 1 3"
    )
    assert expand_ordinals("Wat zijn de acht bouwstenen?") == "Wat zijn de acht bouwstenen?"


def test_the_positions_a_question_names_by_ordinal() -> None:
    assert ordinal_numbers("Wat houdt die zevende bouwsteen in?") == [7]
    assert ordinal_numbers("En het 2de en de zesde, en weer de zesde?") == [2, 6]
    # "de eerste lijn" is a level of care, not a position.
    assert ordinal_numbers("Wat doet de eerste lijn met de derde fase?") == [3]


def test_pointer_words_are_not_topic_words() -> None:
    assert without_pointers("En hoeveel kreeg elke zone daarvoor?") == "En hoeveel kreeg elke zone"
    assert without_pointers("Wat is ontwikkelingstrauma?") == "Wat is ontwikkelingstrauma"


BOUWSTENEN_ANSWER = (
    "De OverHoop-documenten sommen het zo op:\n\n1. Ga voor een gedeelde visie [1]\n"
    "2. Investeer in preventie [1]\n"
    "3. Nesten rondom nesten [1]\n4. Op maat van elk kind [1]\n5. Veerkracht [1]\n"
    "6. Van vroegsignalering tot herstel [1]\n\nBronnen:\n[1] Inspiratienota"
)


def test_an_ordinal_names_the_item_of_the_assistants_list() -> None:
    from assistant.followup import referent_in_answer

    assert (
        referent_in_answer("En wat houdt die zesde juist in?", BOUWSTENEN_ANSWER)
        == "Van vroegsignalering tot herstel"
    )
    assert referent_in_answer("en het 2de?", BOUWSTENEN_ANSWER) == "Investeer in preventie"
    assert referent_in_answer("en dat laatste?", BOUWSTENEN_ANSWER) == "Van vroegsignalering tot herstel"
    assert referent_in_answer("en de tiende?", BOUWSTENEN_ANSWER) is None


def test_the_one_before_last_of_a_list_in_running_text() -> None:
    from assistant.followup import mentions_ordinal, referent_in_answer, resolve_query

    # fresh45, now natural48: "dat voorlaatste project uit je lijst" got the phase in general.
    projects = (
        "In fase 2 liepen tien pilootprojecten: Veilige Start (çavaria), Een sterk Leuvens nest "
        "(CAW Leuven), "
        "Veilige Havens (ELZ Westhoek en ELZ Duin & Polder) en Back to basics (VK Brussel)."
    )
    asked = "En dat voorlaatste project uit je lijst: wat heeft dat concreet opgeleverd?"
    assert referent_in_answer(asked, projects) == "Veilige Havens (ELZ Westhoek en ELZ Duin & Polder)"
    assert mentions_ordinal(asked)
    history = [
        {"role": "user", "content": "Welke pilootprojecten liepen er?"},
        {"role": "assistant", "content": projects},
    ]
    assert "Westhoek" in resolve_query(asked, history)
    assert referent_in_answer("en het voorlaatste?", "Daar was er maar één: Veilige Start (çavaria).") is None


def test_the_ordinal_a_pointer_says_wins_over_one_in_the_askers_situation() -> None:
    from assistant.followup import referent_in_answer

    question = "Ik sta in het derde leerjaar met een paar onrustige kinderen. Wat staat er in die zesde?"
    assert referent_in_answer(question, BOUWSTENEN_ANSWER) == "Van vroegsignalering tot herstel"


def test_an_ordinal_the_answer_used_alone_names_its_sentence() -> None:
    """fresh50, now natural53: "Is dat eerste project ... verdergezet in de derde fase?" after an answer that
    said "Het eerste is '...' van PraxisP" took the answer's first sentence ("Twee ervan richtten zich op
    ...") and got the next project's fiche ("Solentra neemt deel aan de derde fase")."""
    from assistant.followup import referent_in_answer, resolve_query

    answer = (
        "In fase 2 liepen tien pilootprojecten. Twee ervan richtten zich op kinderen met een vluchtervaring. "
        "Het eerste is 'Cultuursensitieve trauma-zorg voor jonge nieuwkomers' van PraxisP (KU Leuven). Het "
        "tweede is de online beslishulp van Solentra en Thomas More."
    )
    history = [
        {
            "role": "user",
            "content": "Welke pilootprojecten richtten zich op kinderen met een vluchtervaring?",
        },
        {"role": "assistant", "content": answer},
    ]
    question = "Is dat eerste project na de pilootfase nog verdergezet in de derde fase van OverHoop?"
    assert referent_in_answer(question, answer).startswith("Het eerste is 'Cultuursensitieve")
    query = resolve_query(question, history)
    assert "PraxisP" in query and "Solentra" not in query
    assert referent_in_answer("En dat tweede?", answer).startswith("Het tweede is de online beslishulp")


def test_an_ordinal_names_the_item_of_a_list_written_on_one_line() -> None:
    from assistant.followup import referent_in_answer

    inline = (
        "De inspiratienota noemt acht bouwstenen: 1. Bewustzijn creëren en erkenning geven; 2. Op maat "
        "van elk kind en zijn/haar context; 3. Nesten rondom nesten: creëer netwerken rondom kinderen; "
        "4. Inzetten op vaardigheden voor veerkracht; 5. Creëer de nodige allianties; 6. Van "
        "vroegsignalering tot herstel; 7. Samen lerend doen wat werkt; 8. Versterk medewerkers."
    )
    assert referent_in_answer("en die zesde, wat verstaan ze daar onder?", inline) == (
        "Van vroegsignalering tot herstel"
    )
    assert referent_in_answer("die derde met die nesten?", inline).startswith("Nesten rondom nesten")
    listed = (
        "Volgens het verslag van 13/05/2025 zaten de sectoren elk apart samen: de jeugdzorg, het VAPH, de "
        "eerstelijnszones (ELZ) en de GGZ. Per sector werd nagedacht over verschillen en gelijkenissen."
    )
    assert referent_in_answer("ok, en wat vroeg die laatste groep dan concreet?", listed) == "de GGZ"
    dimensions = (
        "Het eindrapport beschrijft drie dimensies: inhoudelijk-conceptueel (gedeeld begrip versus een vaag "
        "containerbegrip), structureel (vrijblijvende samenwerking versus duidelijke rollen) en relationeel."
    )
    assert referent_in_answer("en die tweede, de structurele kant?", dimensions).startswith("structureel (")
    # The assistant's own lead-in is no list, and one sentence with commas is none either.
    own = "Dit zeggen de documenten hierover: ouders, leerkrachten en coaches werken samen. Dat werkt."
    assert referent_in_answer("en die tweede?", own) == "Dat werkt."


def test_the_follow_up_query_carries_the_named_item() -> None:
    history = [
        {"role": "user", "content": "Wat zijn de acht bouwstenen?"},
        {"role": "assistant", "content": BOUWSTENEN_ANSWER},
    ]
    query = resolve_query("En wat houdt die zesde juist in?", history)
    assert "vroegsignalering" in query and "herstel" in query and "preventie" not in query


def test_the_answer_body_drops_lead_in_labels_markers_and_sources_even_collapsed() -> None:
    from assistant.followup import answer_body

    answer = (
        "Dit zeggen de documenten over wat je kan doen: Vertrouw op je buikgevoel. [1] "
        "**Wat je kan doen:** - Ga in gesprek. [2] Bronnen: [1] Inspiratienota"
    )
    body = answer_body(answer)
    assert "Vertrouw op je buikgevoel." in body and "Ga in gesprek." in body
    assert "Dit zeggen" not in body and "Wat je kan doen" not in body and "[1]" not in body
    assert "Inspiratienota" not in body


def test_a_pointer_follow_up_takes_only_a_few_words_of_the_answer() -> None:
    from assistant.followup import POINTER_ANSWER_WORDS

    history = [
        {"role": "user", "content": "wat kan ik doen bij een niet-pluis-gevoel?"},
        {
            "role": "assistant",
            "content": "Inleiding:\n\nVertrouw op je buikgevoel en ga in gesprek met collega's, ouders "
            "en het CLB over wat je ziet. [1]",
        },
    ]
    query = resolve_query("en hoe betrek ik de ouders daarbij?", history)
    added = query.removeprefix("en hoe betrek ik de ouders daarbij?").split()
    assert "niet-pluis-gevoel" in added
    assert len(added) <= POINTER_ANSWER_WORDS + 1


def test_an_item_named_by_position_is_recognised() -> None:
    from assistant.followup import mentions_ordinal

    assert mentions_ordinal("en die zesde?") and mentions_ordinal("het 2de punt")
    assert mentions_ordinal("dat laatste") and not mentions_ordinal("Wat zijn de acht bouwstenen?")


def test_an_item_pointed_at_by_position_is_recognised_wherever_it_stands() -> None:
    from assistant.followup import points_at_item

    assert points_at_item("Bij ons willen we vooral met die zesde aan de slag. Wat valt daar allemaal onder?")
    assert points_at_item("En dat laatste?") and points_at_item("Wat houdt deze 2de in?")
    # An ordinal no pointer stands before is the asker's own ("het derde leerjaar"), not an item.
    assert not points_at_item("Ik sta in het derde leerjaar. Welke acht bouwstenen zijn er?")


def test_an_ordinal_names_one_of_the_names_an_answer_quotes() -> None:
    from assistant.followup import referent_in_answer

    answer = (
        "Volgens de projectfiches waren dat onder meer 'Een sterk Leuvens nest' (trekker CAW Leuven) en "
        "'Cultuursensitieve trauma-zorg voor jonge nieuwkomers' van Praxis P (KU Leuven)."
    )
    assert referent_in_answer("En bij dat eerste project: welk woord gebruikten ze?", answer) == (
        "Een sterk Leuvens nest"
    )
    # fresh14 (now natural16): the list is the sentence that quotes the bouwstenen; a long one counts, a
    # name the next sentence quotes does not ("die laatste" is the eighth bouwsteen, not the 100 practices).
    bouwstenen = (
        "OverHoop werkt met acht bouwstenen, onder meer '1. Bewustzijn creëren en erkenning geven', '4. "
        "Inzetten op vaardigheden voor veerkracht: veilige relaties en regulatie van stress' en '8. Versterk "
        "medewerkers en organisaties'. De inspiratiegids bundelt daarbij een '100-tal inspirerende "
        "praktijkvoorbeelden'."
    )
    asked = "Als teamleider vraag ik me af wat die laatste concreet van ons als organisatie vraagt."
    assert referent_in_answer(asked, bouwstenen) == "8. Versterk medewerkers en organisaties"
    assert referent_in_answer("en die tweede?", bouwstenen).startswith("4. Inzetten op vaardigheden")
    plurals = "De thema's en de baby's van de ouders kregen aandacht. Dat werkte."
    assert referent_in_answer("en het tweede?", plurals) == "Dat werkte."  # apostrophes are no quotes


def test_filler_words_are_no_content_words() -> None:
    from assistant.followup import salient_words

    assert salient_words("heeft een rotjeugd echt gevolgen voor je gezondheid?") == [
        "rotjeugd",
        "gevolgen",
        "gezondheid",
    ]
    # What the conversation said is no topic either.
    assert salient_words("Die Kookos die je noemt, voor welke ouders is dat?") == ["Kookos", "ouders"]


def test_an_ordinal_names_the_thing_named_after_an_announcing_sentence() -> None:
    from assistant.followup import referent_in_answer

    # An answer in running text that first announces how many things follow, then names them one by one.
    answer = (
        "Ja, twee van de tien pilootprojecten richtten zich daarop. Solentra en Thomas More (ELZ Hasselt) "
        "ontwikkelden een online beslishulp voor eerstelijnsactoren. Daarnaast werkte Praxis P (KU Leuven) "
        "in de ELZ Leuven aan cultuursensitieve traumazorg voor jonge nieuwkomers en hun gezinnen."
    )
    assert referent_in_answer("Dat tweede project in Leuven, loopt dat nog door?", answer).startswith(
        "Daarnaast werkte Praxis P"
    )
    tools = (
        "Ja, de inspiratienota vermeldt onder bouwsteen 2 een paar tools. De Babo-box is een methodiek om "
        "met kinderen in gesprek te gaan over het gezin. Schildje is een lespakket voor kleuters."
    )
    assert referent_in_answer("Die eerste die je noemt, vanaf welke leeftijd?", tools).startswith(
        "De Babo-box"
    )
    # A first sentence that is itself the first thing named stays the first.
    plain = (
        "De Babo-box is een methodiek om met kinderen in gesprek te gaan over het gezin. Schildje is een "
        "lespakket voor kleuters. Nupraatikerover.be is een chatbox."
    )
    assert referent_in_answer("en die eerste?", plain).startswith("De Babo-box")


def test_an_ordinal_names_a_partner_named_after_a_repeated_met() -> None:
    from assistant.followup import referent_in_answer

    # fresh18 and fresh19 (now natural20 and natural21): "die eerste gesprekspartner" is De Wase Kiem.
    answer = (
        "Volgens de presentatie voerde het Waasland gesprekken met De Wase Kiem (verkennend gesprek op 9 "
        "december) en met het Netwerk Jeugdhulp Waas en Dender (10 december 2024), gevolgd door een overleg "
        "binnen de eerstelijnszone. Daarnaast was er een bevraging."
    )
    assert referent_in_answer("Wat doet die eerste gesprekspartner?", answer) == (
        "De Wase Kiem (verkennend gesprek op 9 december)"
    )
    assert (
        referent_in_answer("En die tweede?", answer)
        == "het Netwerk Jeugdhulp Waas en Dender (10 december 2024)"
    )
    # natural23: "eerst met X ... en daarna met Y", after a "met" in brackets.
    later = (
        "Het bestaande aanbod werd in kaart gebracht (met een bevraging op 8 oktober) en er waren "
        "verkennende gesprekken, eerst met De Wase Kiem op 9 december en daarna met het Netwerk Jeugdhulp "
        "Waas en Dender op 10 december 2024."
    )
    assert referent_in_answer("Die eerste organisatie waarmee ze een gesprek hadden?", later) == (
        "De Wase Kiem op 9 december"
    )
    assert referent_in_answer("En die tweede?", later).startswith("het Netwerk Jeugdhulp Waas en Dender")
    # fresh22, now natural25: a comma before "met als centrale vraag" is no partner's.
    phase = (
        "In de verkennende fase, met als centrale vraag waarop het Waasland zou inzetten, voerde de "
        "eerstelijnszone verkennende gesprekken met De Wase Kiem (9/12) en met het Netwerk Jeugdhulp Waas en "
        "Dender (10/12/2024). Daarnaast werd het bestaande aanbod in kaart gebracht."
    )
    assert referent_in_answer("Die eerste organisatie die ge daar noemt, wat doen ze?", phase) == (
        "De Wase Kiem (9/12)"
    )
    # fresh27, now natural30: the second partner after "en het", without "met" again; "Waas en Dender" is
    # one name.
    bare = (
        "In de verkennende fase werd het bestaande aanbod in kaart gebracht en waren er verkennende "
        "gesprekken met De Wase Kiem (9 december) en het Netwerk Jeugdhulp Waas en Dender (10 december "
        "2024). Op 17 december 2024 volgde een overleg in de eerstelijnszone."
    )
    assert referent_in_answer("Wat doet die eerste organisatie precies?", bare) == "De Wase Kiem (9 december)"
    second = "het Netwerk Jeugdhulp Waas en Dender (10 december 2024)"
    assert referent_in_answer("En die tweede?", bare) == second
    # The article may be the name's own ("en De Wase Kiem").
    turned = "Ze spraken met het Netwerk Jeugdhulp (10/12) en De Wase Kiem (9/12). Daarna volgde een overleg."
    assert referent_in_answer("En die tweede organisatie?", turned) == "De Wase Kiem (9/12)"
    # Nor before a word that is no name ("en het bestaande aanbod").
    plain = "Ze overlegden met Kind en Gezin en het bestaande aanbod werd verkend. Daarna volgde een vorming."
    assert referent_in_answer("En die tweede?", plain) == "Daarna volgde een vorming."
    # "met" said again before things that are no names lists no partners: the sentences stay the items.
    tool = "Het eerste is een vorming. Het tweede is een online tool, met een papieren leidraad en met tips."
    assert referent_in_answer("En dat tweede?", tool) == tool.split(". ")[1]


def test_an_ordinal_names_the_things_a_count_before_a_colon_announces() -> None:
    from assistant.followup import referent_in_answer

    # natural24: the count and the colon in the opening clause, two things after it.
    themes = (
        "In 2024 stonden twee thema's centraal in de lerende netwerken van Co-ncept Jeugdhulp: "
        "contextbegeleiding en traumasensitief handelen. Uit de overleggen kwamen nog andere thema's naar "
        "boven, zoals daginvulling, beeldvorming en zorg op maat."
    )
    assert referent_in_answer("Wat kwam er over dat eerste thema naar boven?", themes) == "contextbegeleiding"
    assert referent_in_answer("En over het tweede?", themes) == "traumasensitief handelen"
    # In a later sentence, with brackets holding an "en".
    pilots = (
        "Volgens de analyse werden 8 van de 10 pilootprojecten ingepast. Enkel twee piloten werden niet "
        "verdergezet: Veilige Start van çavaria (ELZ Gent en omgeving) en het project van Praxis P (ELZ "
        "Leuven). De materialen kunnen wel nog worden ingezet."
    )
    assert referent_in_answer("Wat heeft dat eerste project opgeleverd?", pilots) == (
        "Veilige Start van çavaria (ELZ Gent en omgeving)"
    )
    # As many things as announced, or none: two named after "drie" are no such list.
    uneven = "Het project liep een jaar. Er waren drie partners: het CAW en VECK. Daarna volgde de evaluatie."
    assert referent_in_answer("En die eerste partner?", uneven) == "Het project liep een jaar."


def test_an_ordinal_the_answer_says_with_its_noun_names_that_sentence() -> None:
    from assistant.followup import referent_in_answer

    # natural24: running text that names "een tweede stelling" in its last sentence.
    answer = (
        "Over die eerste stelling waren de meningen erg verdeeld. Trauma is individueel bepaald. Deelnemers "
        "waarschuwden voor labels. Daarna volgde een tweede stelling, namelijk dat iedere plaatsing een "
        "trauma is."
    )
    assert referent_in_answer("Wat was het antwoord op die tweede stelling?", answer) == (
        "Daarna volgde een tweede stelling, namelijk dat iedere plaatsing een trauma is."
    )
    assert referent_in_answer("En die eerste stelling?", answer) == (
        "Over die eerste stelling waren de meningen erg verdeeld."
    )
    # Without the noun in the answer, the ordinal counts the answer's items as before.
    assert referent_in_answer("En dat tweede punt?", answer) == "Trauma is individueel bepaald."


def test_an_ordinal_names_a_thing_of_a_list_parted_by_semicolons() -> None:
    from assistant.followup import referent_in_answer

    # fresh29, now natural32: each thing has a description with commas; "KANS! –" ends no sentence.
    practices = (
        "Bij bouwsteen 4 noemt de inspiratienota er drie: 'Kinderen uit de knel', een groepsprogramma voor "
        "ouders en kinderen, vanuit een samenwerking met het CAW; 'KANS! – Kinderen Adviseren Na Scheiding', "
        "een vzw die kinderen van gescheiden ouders ondersteunt; en 'Hoogspanning in huis', dat spanningen "
        "tussen (ex-)partners buiten de leefwereld van kinderen wil houden. Daarnaast is er meer."
    )
    assert referent_in_answer("Voor wie is die derde bedoeld?", practices) == (
        "'Hoogspanning in huis', dat spanningen tussen (ex-)partners buiten de leefwereld van kinderen wil "
        "houden"
    )
    assert referent_in_answer("En die tweede?", practices).startswith("'KANS! – Kinderen Adviseren")
    # Without semicolons the commas part the things, as before.
    short = "Er zijn drie tools: de kaart, de gids en de film. Daarna volgt meer."
    assert referent_in_answer("En die tweede tool?", short) == "de gids"


def test_an_ordinal_names_a_partner_after_a_noun_and_met_again() -> None:
    from assistant.followup import referent_in_answer

    # fresh29, now natural32: "een verkennend gesprek met X (9/12) en een overleg met Y".
    answer = (
        "Volgens de presentatie startte het Waasland met een verkennende fase. Er was een bevraging van het "
        "bestaande aanbod (8 oktober), daarna een verkennend gesprek met De Wase Kiem (9/12) en een overleg "
        "met het Netwerk Jeugdhulp Waas en Dender (10/12/2024). Dat netwerk bracht expertise in."
    )
    assert (
        referent_in_answer("En die eerste organisatie waarmee ze spraken?", answer) == "De Wase Kiem (9/12)"
    )
    assert referent_in_answer("En die tweede?", answer) == "het Netwerk Jeugdhulp Waas en Dender (10/12/2024)"
    # fresh39, now natural42: after a comma, ", een overleg met Y".
    commas = (
        "Het Waasland startte met een verkennende fase. Er werd een overzicht gemaakt van het bestaande "
        "aanbod (onder meer via een bevraging op 8 oktober), er was een verkennend gesprek met De Wase Kiem "
        "op 9 december, een overleg met het Netwerk Jeugdhulp Waas en Dender op 10 december 2024, en een "
        "bespreking binnen de eerstelijnszone op 17 december 2024."
    )
    question = "Ik ken die eerste organisatie waarmee ze een gesprek hadden niet goed: wat doen die?"
    assert referent_in_answer(question, commas) == "De Wase Kiem op 9 december"
    assert (
        referent_in_answer("En die tweede?", commas)
        == "het Netwerk Jeugdhulp Waas en Dender op 10 december 2024"
    )


def test_an_ordinal_names_an_example_after_zoals() -> None:
    from assistant.followup import referent_in_answer

    # fresh29, now natural32: a one-sentence answer whose things are the examples after "zoals".
    tools = (
        "In ACE's in Zicht werd ingezet op tools die helpen om kwetsbaarheden in kaart te brengen, zoals de "
        "Born in Belgium-tool en de Spark 36-tool, die binnen het CLB gebruikt wordt."
    )
    assert referent_in_answer("Die tweede tool die je noemt: wat houdt die in?", tools) == (
        "de Spark 36-tool, die binnen het CLB gebruikt wordt"
    )
    assert referent_in_answer("En die eerste?", tools) == "de Born in Belgium-tool"
    # "zoals" before words that name nothing lists no examples: the sentences stay the items.
    plain = "Zoals eerder gezegd werkt dit goed en dat ook. Een tweede zin volgt."
    assert referent_in_answer("En die tweede?", plain) == "Een tweede zin volgt."


def test_a_follow_up_names_an_item_by_a_name_it_holds() -> None:
    from assistant.followup import item_named

    # fresh40, now natural43: "dat project van CAW Leuven" is the list's item with that lead in brackets.
    projects = (
        "In fase 2 liepen tien pilootprojecten: Veilige Start (çavaria), Een sterk Leuvens nest (CAW "
        "Leuven), Cultuursensitieve trauma-zorg voor jonge nieuwkomers (PraxisP, KU Leuven) en Veilige "
        "Havens (ELZ Westhoek)."
    )
    question = "Ik werk in een ELZ en dat project van CAW Leuven trekt me aan: wat hebben ze daar opgeleverd?"
    assert item_named(question, projects) == "Een sterk Leuvens nest (CAW Leuven)"
    history = [
        {"role": "user", "content": "Welke pilootprojecten liepen er in fase 2?"},
        {"role": "assistant", "content": projects},
    ]
    assert "nest" in resolve_query(question, history)
    # A name two items hold alike, or none holds, names no item.
    assert item_named("En dat project in Leuven, wat leverde dat op?", projects) is None
    assert item_named("En dat project in Gent, wat leverde dat op?", projects) is None
    # Without brackets, a name the item holds after its first word (fresh45, now natural48).
    practices = (
        "De inspiratienota noemt onder meer: Kinderen uit de knel, een groepsprogramma voor ouders in een "
        "vechtscheiding; Hoogspanning in huis van het Huis van het Kind Leuven; en de bezoekruimtes van "
        "het CAW."
    )
    asked = "Dat initiatief uit Leuven dat je noemt, voor wie is dat bedoeld?"
    assert item_named(asked, practices) == "Hoogspanning in huis van het Huis van het Kind Leuven"
    # A follow-up that names the thing itself finds it by its own words (natural3).
    methods = "Bouwsteen 4 noemt:\n- Raket (sociale vaardigheden)\n- Nesten op school (sociaal-emotionele)"
    assert item_named("Dat Nesten op school, voor wie is dat bedoeld?", methods) is None
    # An answer of one sentence has no item to choose.
    one = "Back to basics van VK Brussel ontwikkelde met Paika een vormingspakket en een bevragingstool."
    assert item_named("Kan je die bevraging van VK Brussel uitleggen?", one) is None
