"""Question analysis on questions as professionals type them: normalisation, context and need, intent,
setting, expected value and names."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.question_analysis import (
    VOCABULARY_FILE,
    analyse,
    asked_names_text,
    asked_year,
    asker_clauses,
    counted_noun,
    detect_intent,
    document_words,
    earlier_situations,
    expected_value,
    holds_value,
    load_vocabulary,
    names_in,
    normalise,
    pointed_names,
    refers_to_context,
    role_terms,
    role_words,
    split_context,
    value_clause,
    without_document_words,
    without_employer,
    workplace_names,
)
from basics.tokens import tokenize_nl

KINDERDAGVERBLIJF = (
    "Ik werk in een kinderdagverblijf en heb bij een kindje al een tijdje een niet-pluis-gevoel. "
    "Wat doe ik best?"
)


@pytest.mark.parametrize(
    "spelling",
    [
        "wat kan ik doen bij een niet-pluis-gevoel?",
        "Wat kan ik doen bij een niet-pluis-gevoel?",
        "Wat kan ik doen bij een niet-pluis-gevoel",
        "Wat kan ik doen bij een niet-pluis-gevoel??",
        "  Wat kan ik  doen bij een niet-pluis-gevoel ?!? ",
        "WAT KAN IK DOEN BIJ EEN NIET-PLUIS-GEVOEL?",
    ],
)
def test_trivially_different_spellings_normalise_to_one_text(spelling: str) -> None:
    assert normalise(spelling) == "Wat kan ik doen bij een niet-pluis-gevoel?"


def test_normalise_straightens_quotes_and_keeps_names() -> None:
    assert normalise("wat is ‘traumasensitief’ in OverHoop") == "Wat is 'traumasensitief' in OverHoop?"
    assert normalise("Ik ben juf. wat doe ik?") == "Ik ben juf. Wat doe ik?"


@pytest.mark.parametrize(
    ("question", "context", "need"),
    [
        (
            KINDERDAGVERBLIJF,
            "Ik werk in een kinderdagverblijf en heb bij een kindje al een tijdje een niet-pluis-gevoel.",
            "Wat doe ik best?",
        ),
        (
            "Als juf in het eerste leerjaar, hoe praat ik met ouders over een ingrijpende gebeurtenis?",
            "Als juf in het eerste leerjaar",
            "Hoe praat ik met ouders over een ingrijpende gebeurtenis?",
        ),
        (
            "Ik ben sportmonitor en vraag me af wat ik moet doen als een gast vertelt dat hij thuis "
            "klappen krijgt.",
            "Ik ben sportmonitor",
            "Wat ik moet doen als een gast vertelt dat hij thuis klappen krijgt.",
        ),
        ("Wat zijn de acht bouwstenen?", "", "Wat zijn de acht bouwstenen?"),
        (
            "Voor ons advies zoek ik cijfers: welk deel van de trajecten gaat op dezelfde manier door?",
            "Voor ons advies zoek ik cijfers",
            "Welk deel van de trajecten gaat op dezelfde manier door?",
        ),
        (
            "Huisarts in Genk: is de Born in Belgium-tool beter?",
            "Huisarts in Genk",
            "Is de Born in Belgium-tool beter?",
        ),
        (
            "Wat is het verschil: X of Y?",
            "",
            "Wat is het verschil: X of Y?",
        ),  # the part before the colon asks
        # fresh14 (now natural16): a question that only points back asks what the asker must explain.
        (
            "Ik ben stafmedewerker en moet aan ons bestuur uitleggen hoeveel geld wij krijgen. Hoe zit dat "
            "juist?",
            "Ik ben stafmedewerker en moet aan ons bestuur uitleggen.",
            "Hoeveel geld wij krijgen. Hoe zit dat juist?",
        ),
        (  # a question of its own keeps its need
            "Ik moet aan ons bestuur uitleggen hoeveel geld wij krijgen. Wat doet de zorgraad met dat geld?",
            "Ik moet aan ons bestuur uitleggen hoeveel geld wij krijgen.",
            "Wat doet de zorgraad met dat geld?",
        ),
        # fresh15, now natural17: a semicolon ends the situation as a comma does.
        (
            "Ik ben onthaalmedewerker in een Huis van het Kind en zie een peuter met moeilijk gedrag; hoe "
            "breng ik dat ter sprake bij de ouders?",
            "Ik ben onthaalmedewerker in een Huis van het Kind en zie een peuter met moeilijk gedrag",
            "Hoe breng ik dat ter sprake bij de ouders?",
        ),
        # fresh25, now natural28: any verb after "wij" opens a statement of the asker's situation.
        (
            "Wij denken eraan om in ons netwerk een potje te voorzien, zoals dat DIW-fonds van Co-ncept; "
            "hoeveel zat daarin?",
            "Wij denken eraan om in ons netwerk een potje te voorzien, zoals dat DIW-fonds van Co-ncept",
            "Hoeveel zat daarin?",
        ),
    ],
)
def test_context_and_need_are_separated(question: str, context: str, need: str) -> None:
    assert split_context(normalise(question)) == (context, need)


@pytest.mark.parametrize(
    ("need", "intent"),
    [
        ("Wat doe ik best?", "practical"),
        ("Hoe betrek ik de ouders daarbij?", "practical"),
        ("Waar kan ik terecht voor advies zonder meteen te melden?", "practical"),
        ("Welke lessen trokken de pilootprojecten over samenwerking?", "lessons"),
        ("Wat hielp om de aanpak te verankeren in de eerstelijnszones?", "lessons"),
        ("Hoeveel eerstelijnszones deden mee aan de brede uitrol?", "fact"),
        ("Wanneer startte fase 3?", "fact"),
        ("Wat waren de acht bouwstenen?", "list"),
        # The documents' own questions are a list of them (fresh13, now natural22).
        ("Welke vragen gebruikte Co-ncept als leidraad voor dat overleg?", "list"),
        ("Welke reflectievragen kreeg de werkgroep als huiswerk?", "list"),
        ("Wat is ontwikkelingstrauma?", "definition"),
        ("Wat bedoelen ze met traumasensitief werken?", "definition"),
        ("wat is zo'n programmatheorie eigenlijk?", "definition"),
        ("Wat is pilotitis precies?", "definition"),
        ("wat is zo'n programmatheorie eigenlijk, en waarvoor gebruikten ze die?", "definition"),
        ("Wat is het verschil tussen wat het eindrapport en de Co-ncept rapportage zeggen?", "comparison"),
        # What each of two sources says ("daar elk over"), Co-ncept Jeugdhulp's report among them (fresh12).
        ("Wat zeggen Co-ncept Jeugdhulp en het KdG-eindrapport daar elk over?", "comparison"),
        # "Het verschil maken" is what mattered; "verschillende" means various.
        ("Wat maakte volgens het onderzoek het verschil?", "lessons"),
        (
            "Maakt dat volgens het onderzoek echt een verschil voor hoe sterk een zorgraad zijn rol opneemt?",
            "lessons",
        ),
        # The verb last, in a subordinate clause (natural24).
        (
            "Ik vraag me af wat nu eigenlijk het verschil maakte tussen zorgraden die hun rol sterk "
            "opnamen en zorgraden die dat minder deden?",
            "lessons",
        ),
        ("Hoe gingen andere trajecten om met die verschillende taal?", "other"),
        ("Hoe omschrijft OverHoop ontwikkelingstrauma precies?", "definition"),
        # The definition first, then what sets it apart.
        (
            "Wat bedoelen ze daar precies mee, en is dat hetzelfde als één schokkende gebeurtenis?",
            "definition",
        ),
        ("Waarom raadt het rapport aan om eerst de bestaande netwerken in kaart te brengen?", "lessons"),
        ("Heeft het project al iets veranderd voor de gezinnen zelf?", "lessons"),
        ("Hoe werden de pilootprojecten geselecteerd?", "fact"),
        ("Welke acties kwamen het vaakst voor?", "fact"),
        ("Bestaat daar een project rond?", "practical"),
        ("Heeft een pilootproject een bevragingstool voor teams ontwikkeld?", "practical"),
        ("Goedemorgen.", "other"),
        # "effectief" is "actually" here, not an effect (fresh10, now natural13).
        ("Hoeveel geld zat er in dat fonds, en is het ook effectief gebruikt?", "fact"),
        ("Wat waren de effecten van de vorming?", "lessons"),
        # Advice for what the asker does is practical; the research's recommendations stay lessons (fresh24,
        # now natural27).
        ("Wat raadt OverHoop aan als ik het gevoel heb dat er thuis iets niet pluis is?", "practical"),
        ("Welke aanpak raden ze aan als we een kind met een vluchtverhaal in de klas hebben?", "practical"),
        ("Wat raden de onderzoekers aan aan de Vlaamse overheid?", "lessons"),
        # fresh25, now natural28.
        ("Wat hebben andere trajecten als helpend en als remmend ervaren in hun samenwerking?", "lessons"),
        ("Welke punten stonden er op de agenda van zo'n startgesprek?", "list"),
        # What it means for the asker's work is practical; what a word means stays a definition (fresh53,
        # now natural56).
        ("Wat betekent dat voor hoe we met de ouders praten?", "practical"),
        ("Die zesde, wat betekent die concreet voor iemand die op huisbezoek gaat?", "practical"),
        ("Wat betekent ontwikkelingstrauma?", "definition"),
        ("Wat betekent dat precies?", "definition"),
    ],
)
def test_intent_follows_the_need(need: str, intent: str) -> None:
    assert detect_intent(need) == intent


def test_the_context_does_not_decide_the_intent() -> None:
    analysis = analyse("Ik volg de lessen van de bachelor sociaal werk. Wat is ontwikkelingstrauma?")
    assert analysis.intent == "definition"


def test_a_follow_up_without_its_own_intent_takes_the_earlier_questions() -> None:
    history = [
        {"role": "user", "content": "Wat zijn de acht bouwstenen?"},
        {"role": "assistant", "content": "1. Visie\n2. Preventie"},
    ]
    assert analyse("En die tweede?", history).intent == "list"


def test_settings_map_to_the_documents_words() -> None:
    analysis = analyse(KINDERDAGVERBLIJF)
    assert analysis.settings == ("kinderopvang",)
    assert "kinderopvang" in analysis.corpus_terms
    school = analyse("Ik ben zorgcoördinator op een basisschool, hoe help ik een leerling met trauma?")
    assert "onderwijs" in school.settings
    assert analyse("Mag ik mij moeien met wat er thuis gebeurt?").corpus_terms == ("bemoeien",)


def test_every_corpus_term_of_the_vocabulary_occurs_in_the_corpus() -> None:
    corpus = " ".join(p.read_text(encoding="utf-8") for p in Path("corpus").glob("*.txt")).lower()
    vocabulary = load_vocabulary(VOCABULARY_FILE)
    terms = [t for ts in vocabulary.setting_terms.values() for t in ts]
    terms += [t for ts in vocabulary.words.values() for t in ts]
    assert terms
    missing = [t for t in terms if t.lower() not in corpus]
    assert not missing, f"vocabulary.yaml names words the documents never use: {missing}"


def test_role_words_are_the_askers_setting() -> None:
    assert role_words("Ik ben juf in de kleuterklas en werk samen met het CLB") == [
        "juf",
        "kleuterklas",
        "CLB",
    ]
    # As terms of the tokenizer in use, the setting's words and nothing else of the text.
    assert role_terms("Ik ben juf in de kleuterklas", lambda text: text.lower().split()) == {
        "juf",
        "kleuterklas",
    }


@pytest.mark.parametrize(
    ("need", "kind"),
    [
        ("Wat is het telefoonnummer van het Vertrouwenscentrum in Gent?", "phone"),
        ("Hoeveel kost een Rustbox?", "amount"),
        ("Wanneer startte de brede uitrol?", "date"),
        ("Hoeveel zorgraden vulden de bevraging in?", "count"),
        ("Op welke datum gaat het volgende netwerkforum door?", "day"),
        ("Hoeveel verdient een planmaker eigenlijk?", "amount"),
        ("Ik ben huisarts. Hoe lang is de wachttijd bij het CGG?", "duration"),
        ("Hoeveel dagen duurt de opleiding?", "duration"),
        ("Wat zijn de openingsuren van het Huis van het Kind?", "hours"),
        # fresh31, now natural34: how late a line can be called; what was spent.
        ("Is de hulplijn 1712 gratis en tot hoe laat kan ik daar 's avonds naartoe bellen?", "hours"),
        ("Hoeveel heeft Co-ncept Jeugdhulp in 2023-2024 in totaal uitgegeven?", "amount"),
        # fresh39, now natural42: what something cost, also as a second part after a count.
        ("Hoeveel heeft de animatiefilm van Shaved Monkey gekost?", "amount"),
        ("Hoeveel keer is het filmpje bekeken, en hoeveel heeft die campagne in totaal gekost?", "amount"),
        ("Hoeveel uren heeft een planmaker aan een traject besteed?", "duration"),
        ("Hoeveel projectsubsidie kreeg elk pilootproject?", "amount"),
        ("Hoe groot was het werkingsbudget van de zorgraad?", "amount"),
        ("Op welke dagen gaat het speelpunt door?", "day"),
        ("Op welke data gaan de webinars rond trauma door en hoe schrijf ik me in?", "day"),
        ("Hoe lang is de wachtlijst bij de kinderpsychiatrie?", "duration"),
        # A waiting list named is no duration asked: what do the documents say about it?
        (
            "Belanden die kinderen dan niet op eindeloze wachtlijsten? Wat zeggen de onderzoekers daarover?",
            None,
        ),
        ("Waar ligt die erkenningsplek precies, in welke stad?", "place"),
        ("Hoeveel eerstelijnszones deden mee?", "count"),
        ("Hoe heten de zes coaches die de trajecten begeleidden?", "person"),
        ("Wie wordt de nieuwe traumareferent bij WINGG?", "person"),
        ("Wie heeft het eindrapport van het flankerend onderzoek geschreven?", "person"),
        ("Wie zit er eigenlijk allemaal in de zorgraad?", None),  # sectors and organisations answer it
        ("Wie wordt de structurele traumareferent bij WINGG?", "person"),
        ("Wie zaten er precies in de onafhankelijke jury?", "person"),
        ("Welke organisaties en personen zaten er in de stuurgroep?", "person"),
        ("Hoe heten die mensen?", "person"),
        # In a clause of its own, or which one of them (fresh36, now natural39).
        ("Ik wil weten wie de zes OverHoop-coaches in fase 3 precies waren.", "person"),
        ("Welke coach begeleidde onze eerstelijnszones?", "person"),
        ("Welke zorgzame buurten liggen in onze regio, in welke gemeenten juist?", "place"),
        ("Hoe snel krijgt de school dat te horen?", "duration"),
        ("Heeft de Vlaamse regering dat intussen echt beslist?", "outcome"),
        ("Wat waren de resultaten van het e-learningtraject?", "result"),
        ("Wat kwam daar eigenlijk uit, welke hiaten zag ze?", "result"),
        ("Zijn er cijfers die tonen dat er minder uithuisplaatsingen zijn?", "result"),
        ("Welke score behaalde de zorgraad van het Waasland?", "count"),
        # Participant figures are a count of participants (fresh49, now natural52).
        ("Zijn daar deelnemerscijfers van?", "count"),
        ("Welke cijfers geeft OverHoop daarvoor?", None),
        ("Zijn die kinderen daar aantoonbaar veerkrachtiger van geworden?", "result"),
        ("Werkt de Babo-box beter dan de groeigroepjes van OLO Rotonde?", "verdict"),
        ("Kiezen we beter voor de Good Behavior Game of voor Rots & Water?", "verdict"),
        ("Is EMDR of eerder het NMT-model beter voor hem?", "verdict"),
        ("Is da genoeg, of wat werkt er volgens het onderzoek beter?", None),  # asks what works, no choice
        ("Hoe heet die methode van de werkgroep?", None),
        ("Is de aanvraag voor een pilootproject uiteindelijk goedgekeurd?", "outcome"),
        ("Is er al beslist of OverHoop een vierde fase krijgt?", "outcome"),
        ("Is die vereenvoudigde versie intussen verschenen?", "outcome"),
        ("Heeft Opgroeien nu echt de coördinerende rol opgenomen?", "outcome"),
        ("Wanneer is die uiteindelijk gestart?", "date"),
        ("En wie beslist daarover?", None),
        ("Ben ik wettelijk verplicht dit te melden?", "legal"),
        ("Mag ik zonder toestemming van de ouders info doorgeven aan de school?", "legal"),
        ("Mag een planmaker dat delen met school, of botst dat met het beroepsgeheim?", "legal"),
        ("Welke antidepressiva zijn veilig als ze borstvoeding geeft?", "medical"),
        ("Hoe stelt een arts een reactieve hechtingsstoornis vast?", "medical"),
        ("Welke vragenlijst of test gebruik je daarvoor, en wie mag die diagnose stellen?", "medical"),
        ("Wat vonden de jongeren zelf van die folder?", "opinion"),
        # The askers named before "er ... van" run longer than three words (fresh5, now natural8).
        ("Wat vonden de ouders en kinderen die eraan deelnamen er zelf van?", "opinion"),
        ("Wat vonden de zorgraden belangrijk, en waar ligt er van alles?", "place"),
        ("Hoe tevreden zijn huisartsen over de houvasttool?", "opinion"),
        ("Hoe heeft het Agentschap Opgroeien gereageerd op de aanbevelingen?", "opinion"),
        ("Werkt dat programma even goed als het Amerikaanse Nurse-Family Partnership?", "verdict"),
        ("Bereikte die animatiefilm meer mensen dan de campagne Je monster de baas?", "verdict"),
        ("Wie waren dat, en aan welk ziekenhuis zijn ze verbonden?", "person"),
        ("Wie zijn die ambassadeurs dan?", None),  # the documents describe them by what they do
        ("Is dat zorgprogramma intussen echt van start gegaan?", "outcome"),
        # Which option was chosen in the end (natural17 to natural29); not why a choice was made.
        ("Voor welke doelgroep en welke methodiek heeft het Waasland uiteindelijk gekozen?", "choice"),
        ("Welke bouwsteen hebben ze definitief gekozen?", "choice"),
        ("Waarom hebben ze uiteindelijk voor iets anders gekozen?", None),
        # How things stand today: the documents end in 2025.
        ("Hoeveel huisartsen gebruiken die beslisboom intussen effectief?", "current"),
        ("Hoe lang is de wachttijd momenteel bij de kinderpsychiatrie?", "current"),
        ("Wat heeft de traumareferent intussen concreet opgeleverd?", "current"),
        # fresh15, now natural17: what is done in the meantime, which the documents may say.
        ("Wat gebeurt er ondertussen om de kennis levend te houden?", None),
        ("Wat doen ze in tussentijd?", None),
        # fresh15 (now natural17): what a zone received, with no thing counted, is money.
        ("Hoeveel kregen we per zone?", "amount"),
        # natural7 to natural33: which zone did best, which the reports never say per zone.
        (
            "Welke eerstelijnszone haalde het hoogste aantal bereikte professionals, en hoeveel waren dat?",
            "ranking",
        ),
        (
            "Welke scores haalde de ELZ Waasland in de eindbevraging, vergeleken met de andere zones?",
            "ranking",
        ),
        ("Welk project kreeg het grootste budget?", "ranking"),
        ("Welke rol vonden de zorgraden het belangrijkst?", None),
        ("Welke zorgraad heeft als enige niet positief geantwoord op de vraag van de KBS?", "exception"),
        ("Welke zorgraad is die ene die niet positief antwoordde?", "exception"),
        ("Hoeveel deelnemers kregen een vorming?", "count"),
        ("Kunnen we dat nu al gebruiken, of zit het nog in testfase?", None),  # the documents say which
        # fresh6, now natural9: a past tense, results asked with "welke".
        ("Hoe heette de coach die de Antwerpse trajecten begeleidde?", "person"),
        ("Welke resultaten kwamen daar concreet uit voor de trajecten?", "result"),
        ("Wat kwam er naar boven rond diagnosestelling en labels?", None),  # the documents report it
        ("Wat kan ik doen bij een niet-pluis-gevoel?", None),
        # fresh7 and fresh8, now natural10 and natural11: "wanneer" of a condition asks for no date, an
        # emphasis is no place, and what a fund held is money.
        ("Wanneer spreken ze bij OverHoop eigenlijk van zo'n trauma?", None),
        ("Wanneer spreek je van ontwikkelingstrauma?", None),
        ("Is dat hetzelfde als wanneer een kind één keer iets ergs meemaakt?", None),
        ("Tegen wanneer moest het werkplan klaar zijn?", "date"),
        # fresh14, now natural16: what must hold before a step, not when it happens.
        ("Wanneer ronden ze zo'n traject dan af, zodat ik weet wanneer ze weer een stap terugzetten?", None),
        ("Wanneer starten ze een traject niet op?", None),
        ("Wanneer mag het wel?", None),
        ("Wat zegt de wetgeving rond het beroepsgeheim, en wanneer mag het wel?", "legal"),
        ("Wanneer slaat begeleiding van een gezin eigenlijk aan?", None),
        ("Wanneer loopt het project af?", "date"),
        ("Wanneer startte de derde fase?", "date"),
        ("Wat doet De Wase Kiem en waar ligt hun focus?", None),
        ("Waar ligt die erkenningsplek?", "place"),
        # Where a named thing stands; not what it stands for, nor where it is written (fresh37, natural40).
        ("Waar staat die erkenningsplek voor kinderen met herhaald trauma nu juist?", "place"),
        ("En waar staat de regenboog op die poster dan voor?", None),
        ("Waar staat die aanpak precies beschreven?", None),
        # fresh30, now natural33: the place something gets is its role; options left open are no comparison.
        ("Wat zegt de nota over impact, en welke plaats krijgt de stem van de betrokkenen daarin?", None),
        ("In welke plaats komt die erkenningsplek?", "place"),
        ("Welke gemeenten geven hen geld?", "place"),
        (
            "Is het verstandig om het woord ontwikkelingstrauma te gebruiken, of werken andere termen beter?",
            None,
        ),
        ("Is het woord trauma of eerder het woord verontrusting beter?", "verdict"),
        # fresh46, now natural49: options left open anywhere in the part after "of"; what a thing is due to.
        ("Werkt dat woord goed om hen mee te krijgen, of gebruik je beter andere termen?", None),
        ("Kiezen we beter voor een vorming of voor coaching?", "verdict"),
        ("Herkennen andere voorzieningen dat, en waar ligt het volgens hen aan?", None),
        ("Waar ligt dat aan?", None),
        ("Waar ligt het kantoor van de zorgraad, aan de markt?", "place"),
        ("Hoeveel zat er in dat fonds, en werd het ook gebruikt?", "amount"),
        ("Hoe groot was het DIW-fonds?", "amount"),
        ("Hoeveel middelen kreeg onze regio voor het traject?", "amount"),
        ("Hoeveel OverHoop-geld krijgen wij?", "amount"),
        ("Hoeveel aanvragen kwamen er binnen bij het fonds?", "count"),
        # fresh9, now natural12: the verb last in the clause, an opinion without "er", who sat on a jury.
        ("Hoe omschrijft OverHoop wanneer je van trauma in de ontwikkeling van een kind spreekt?", None),
        ("Wat vonden de ouders en kinderen zelf van de veerkrachtsessies van het CAW?", "opinion"),
        ("Hoe reageerden de jongeren zelf op de folder?", "opinion"),
        ("Welke experten zaten er in de onafhankelijke jury?", "person"),
        ("Welke sectoren zaten er in de stuurgroep?", None),  # sectors answer that, not names
        # fresh11, now natural14: a hyphenated role, how to reach someone (a phone number or an e-mail
        # address answers), but not how to reach a target group.
        ("Wie was de OverHoop-coach die ons traject begeleidde?", "person"),
        ("Wie was die coach, en hoe kan ik die persoon bereiken?", "contact"),
        ("Hoe kan ik haar het snelst bereiken?", "contact"),
        ("Hoe kunnen we het vertrouwenscentrum contacteren?", "contact"),
        ("Hoe kunnen we kwetsbare gezinnen beter bereiken?", None),
        # fresh12, now natural15: mailing or calling a person is reaching them.
        (
            "Wie is daar de projectverantwoordelijke, en hoe kan ik die persoon rechtstreeks mailen?",
            "contact",
        ),
        ("Hoe kan ik de coach het best opbellen?", "contact"),
        # fresh18, now natural20: when a line can be reached asks for hours; whether a person must be, not.
        ("Is de hulplijn 1712 ook 's avonds en in het weekend bereikbaar, en is bellen gratis?", "hours"),
        ("Moet ik als contextbegeleider 24 op 24 bereikbaar zijn, ook in het weekend?", None),
        # fresh13, now natural22: a condition set against its opposite, a person by a role after a phrase,
        # "hoe bereik ik haar", an address, and "welke data" (periods) against "op welke data" (days).
        ("Wanneer wordt een nare gebeurtenis echt trauma, en wanneer niet?", None),
        ("Wanneer startte de derde fase, en wanneer liep ze af?", "date"),
        # fresh44, now natural47: what a thing leads to under a condition asks for no date.
        ("Wat verstaan ze onder trauma, en wanneer leidt een negatieve gebeurtenis tot trauma?", None),
        ("Wanneer leidde dat project tot een nieuwe werkgroep?", "date"),
        ("Wie was bij de Koning Boudewijnstichting de projectverantwoordelijke voor OverHoop?", "person"),
        ("Wie was er betrokken bij de werkgroep?", None),
        ("Hoe heet die persoon en hoe bereik ik haar of hem?", "contact"),
        ("Hoe heet die persoon?", "person"),
        ("Op welk adres zitten ze en moet ik vooraf bellen?", "address"),
        ("Wat is hun e-mailadres?", "email"),
        ("Welke data geven de verschillende bronnen?", "date"),
        ("Op welke data komt de werkgroep samen?", "day"),
        # fresh22, now natural25: how much room is no count; how much time is a duration.
        (
            "Wat werd er gezegd over hoeveel ruimte de begeleiders nog hebben om traumasensitief te werken?",
            None,
        ),
        ("Hoeveel tijd vraagt zo'n vorming?", "duration"),
        ("Hoeveel ruimte en hoeveel jongeren per begeleider?", "count"),
        # fresh28, now natural31: how a number was raised asks how, not how many; how large it was does.
        ("Hoe heeft Co-ncept het aantal aanmeldingen proberen op te krikken, en wat leverde dat op?", None),
        ("Hoe groot was het aantal aanmeldingen?", "count"),
        ("Wat was het aantal aanmeldingen, en hoe verliep dat?", "count"),
        # fresh45, now natural48: what a project delivered and how many people it reached asks the figure.
        ("Wat hebben ze concreet opgeleverd, en hoeveel mensen volgden hun Kindreflex-vorming?", "count"),
        ("Wat heeft dat project concreet opgeleverd?", "result"),
        # fresh52, now natural55: from when an age range starts is an age, no date.
        ("Tot welke leeftijd richt OverHoop zich, vanaf wanneer begint het, en waarom die grens?", None),
        ("Vanaf wanneer kunnen de zones middelen aanvragen?", "date"),
        # fresh52, now natural55: what one pays is an amount, not a count; how many paid is a count.
        ("Hoeveel moeten wij nu per deelnemer betalen voor de basisvorming Kindreflex?", "amount"),
        ("Hoeveel dagen duurt de bootcamp, en hoeveel inschrijvingsgeld vragen ze?", "amount"),
        ("Hoeveel mensen hebben betaald?", "count"),
    ],
)
def test_the_expected_value_kind(need: str, kind: str | None) -> None:
    assert expected_value(need) == kind


@pytest.mark.parametrize(
    ("question", "context", "need", "kind"),
    [
        # A stated search after an opening phrase.
        ("Als nieuwe stafmedewerker zoek ik het telefoonnummer of mailadres van onze OverHoop-coach. "
         "Kan je me dat bezorgen?", "Als nieuwe stafmedewerker", "Het telefoonnummer", "phone"),
        # What the asker is curious about (fresh10, now natural13).
        ("Als coördinator van een naburige eerstelijnszone ben ik benieuwd: met welk budget werkte het "
         "Waasland?", "Als coördinator van een naburige eerstelijnszone", "Met welk budget", "amount"),
    ],
)  # fmt: skip
def test_what_the_asker_says_they_look_for_is_the_need(
    question: str, context: str, need: str, kind: str
) -> None:
    asked = analyse(question)
    assert asked.context == context
    assert asked.need.startswith(need) and asked.expects == kind


def test_a_need_that_says_what_it_asks_keeps_its_own_kind() -> None:
    # A need that says what it asks keeps its own kind (none here), whatever the context mentions.
    own = analyse(
        "Voor later heb ik het telefoonnummer van de coach nodig. Hoe bereid ik een gesprek met ouders voor?"
    )
    assert own.context and own.need.startswith("Hoe bereid")
    assert own.expects is None
    assert analyse("Ik werk in de kinderopvang. Kan je me dat uitleggen?").expects is None


@pytest.mark.parametrize(
    ("kind", "text", "held"),
    [
        ("amount", "Elke zone kreeg € 35.000 voor loonkosten.", True),
        ("amount", "Er is een budget voorzien voor vorming.", False),
        ("date", "De brede uitrol startte in december 2024.", True),
        ("day", "Het netwerkforum ging door op 22 november 2024.", True),
        ("day", "Het speelpunt is open op woensdagnamiddag.", True),
        ("day", "De traumareferent komt er in 2028.", False),
        ("day", "Het speelpunt is er voor ouders en peuters.", False),
        ("count", "Er namen 60 eerstelijnszones deel.", True),
        ("count", "In 2024 bereikten de webinars 2.000 professionals.", True),
        ("count", "Samen bereikten ze zo'n 30 000 professionals (56%).", True),
        ("count", "In 2025 volgden zevenendertig gezinnen het kangoeroetraject.", True),
        ("count", "Er deden tweeëntwintig zones mee.", True),
        ("count", "WINGG wil een traumareferent aanstellen, met een beoogde realisatie in 2028.", False),
        ("count", "In fase 3 kregen de zones coaching.", False),
        # A number that numbers a title or a section, or names a period, counts nothing (fresh24, now
        # natural27: the pilots' numbered overview answered how many people watched the webinars).
        ("count", "papieren leidraad en houvast 9 Veilige Havens ELZ Westhoek ELZ Duin & Polder", False),
        ("count", "3.1 Overzicht van de activiteiten uitgevoerd tijdens fase 2", False),
        ("count", "Focus op eerste 1000 dagen (MDO, zorgcoördinatie, sessies, BiB-tool...)", False),
        ("count", "Er waren 60 ELZ betrokken en 1.200 deelnemers.", True),
        ("count", "Algemene vorming Kindreflex: 120 deelnemers van 45 organisaties", True),
        # A year in a reference to the literature is no date of what the passage tells.
        ("date", "Collectieve impact vraagt een heldere governance (Kania & Kramer, 2011).", False),
        ("date", "Zie o.a. Da Silva & Lee, 2014; Olsson et al., 2023.", False),
        ("date", "De derde fase ging van start in december 2024 (Olsson et al., 2023).", True),
        ("result", "OUTPUT • Een beslisboom voor eerstelijnsprofessionals", True),
        # Digits inside a name or an ordinal are no count.
        ("count", "SOORT 1STE LIJNSPARTNERS: Huizen van het Kind, 1Gezin1Plan.", False),
        ("phone", "Bel 1712 voor advies.", True),
        ("duration", "De begeleiding loopt tot zes maanden na de geboorte.", True),
        ("duration", "Er is een lange wachtlijst bij het CGG.", False),
        ("duration", "Methode: 4-daagse basisopleiding", True),
        ("duration", "Ze volgden een tweedaagse rond trauma.", True),
        ("hours", "Het onthaal is open van 9u tot 12.30 uur.", True),
        ("hours", "Het onthaal is elke werkdag open.", False),
        ("place", "De erkenningsplek komt in Sint-Niklaas.", True),
        ("ranking", "ELZ Westhoek scoorde het hoogst op sensibilisering.", True),
        ("exception", "Alle zorgraden antwoordden positief, behalve die van ELZ Westhoek.", True),
        ("exception", "59 van de 60 zorgraden antwoordden positief op de vraag van de KBS.", False),
        ("ranking", "In het Waasland werden de meeste professionals bereikt.", True),
        ("ranking", "De grootste aandelen vinden we bij de grotere vorken.", False),
        ("ranking", "De meeste trajecten in Vlaanderen zetten in op sensibilisering.", False),
        ("place", "De erkenningsplek is er voor kinderen in Vlaanderen.", False),
        ("place", "Creëer een erkenningsplek voor kinderen met herhaald trauma.", False),
        ("person", "Auteurs: Veerle Soyez, Elise De Groot en Rebecca Thys", True),
        ("person", "De zes coaches kwamen onder meer uit Huis van het Kind en de CAW's.", False),
        ("outcome", "De vereenvoudigde gids verscheen in het voorjaar van 2025.", True),
        ("outcome", "De Vlaamse Regering keurde het voorstel in juni goed.", True),
        ("outcome", "Er komt een vereenvoudigde versie van de inspiratiegids.", False),
        ("outcome", "De Wase Kiem diende een aanvraag in voor een pilootproject.", False),
        # A decision still to come (fresh14, now natural16); one sentence on, a decision taken counts.
        ("outcome", "De helft acht de kans reëel dat het thema in het plan zal worden opgenomen.", False),
        ("outcome", "Dat zal later blijken. Het thema werd in het plan opgenomen.", True),
        ("result", "Uit de bevraging bleek dat 56% van de trajecten verder gaat.", True),
        ("result", "Het aanbod werd geïntegreerd, wat geleid heeft tot meer aanmeldingen.", True),
        ("result", "De deelnemers gaven duidelijk aan dat de vorming hielp.", True),
        ("result", "Binnen WINGG heb je ook het project 'als je van spelen leren kan'.", False),
        ("verdict", "Een fysiek contactmoment werkt beter dan een webinar voor deze groep.", True),
        ("verdict", "De Babo-box helpt kleuters om over hun gevoelens te praten.", False),
        ("legal", "Het decreet rechtspositie van de minderjarige regelt wie informatie mag delen.", True),
        ("legal", "Het beroepsgeheim en de GDPR worden als drempel ervaren.", False),
        ("medical", "Melatonine is geen medicatie die OverHoop aanraadt.", True),
        ("medical", "Basic Trust biedt intake, psycho-educatie en behandeling.", False),
        ("opinion", "De jongeren vonden de folder duidelijk.", True),
        ("opinion", "Er werd een folder op maat van jongeren gemaakt.", False),
        ("opinion", "Het kan helpen als je over je ervaringen spreekt.", False),  # experiences, no judgement
        ("address", "Adres   De Zilten 52 | 8800 Roeselare", True),
        ("address", "Het centrum ligt in Sint-Niklaas en werkt met 60 zones.", False),
        # An item's number counts nothing (fresh32, now natural35); a count after it does.
        ("count", "3. Enkel de piloten Veilige Start en Praxis P worden niet verdergezet.", False),
        ("count", "3. Acht van de tien piloten worden verdergezet.", True),
        # An age is no span of time and counts nothing (fresh35, now natural38: "Hoeveel moeders ... en hoe
        # lang duurt zo'n begeleiding?" answered with "21").
        ("duration", "Ze organiseren moederweekends voor mama's tot 21 jaar en hun kinderen.", False),
        ("count", "Ze organiseren moederweekends voor mama's tot 21 jaar en hun kinderen.", False),
        ("count", "Het aanbod is er voor kinderen van 0 tot 3 jaar.", False),
        # An age with decimals too (fresh48, now natural51: "hoeveel consultatiebureau-artsen?" got "2,5").
        ("count", "Artsen leren kindermishandeling herkennen bij kinderen tot 2,5 jaar.", False),
        ("count", "Het aanbod is er voor kinderen van 1,5 tot 3 jaar.", False),
        ("count", "Op het consult van 4 weken geeft de arts informatie over SIS.", False),
        ("count", "Na 3 maanden volgden 12 ouders de vorming.", True),
        ("count", "Na drie maanden werd het traject verlengd.", False),
        ("count", "Drie ouders volgden de vorming.", True),
        ("duration", "De nazorg loopt tot 2 jaar na de bevalling.", True),
        ("count", "Het aanbod bereikte 40 gezinnen met kinderen vanaf 12 jaar.", True),
    ],
)
def test_values_are_recognised_in_text(kind: str, text: str, held: bool) -> None:
    assert holds_value(kind, text) is held


@pytest.mark.parametrize(
    ("need", "clause"),
    [
        # The part that asks for the amount, without the words that ask ("hoeveel geld").
        ("Hoeveel geld is er voor ons traject voorzien, waarvoor mag dat gebruikt worden en tot wanneer "
         "loopt het?", "is er voor ons traject"),
        # Its part with no subject of its own is not widened to the parts after it (fresh33, now natural36).
        ("Hoeveel budget was er juist voorzien, waarvoor mocht dat gebruikt worden en hoe lang loopt dat "
         "traject?", "was er juist"),
        ("Hoeveel geld zat er in dat fonds, en is het ook effectief gebruikt?", "dat fonds"),
        ("Met welk budget werkte het Waasland, en waarvoor mocht dat geld dienen?",
         "met werkte het waasland"),
        # "en" inside a part does not split it; a count asked after a first part is found there.
        ("Hoeveel professionals in Vlaanderen en Brussel werden bereikt?",
         "professionals in vlaanderen en brussel werden bereikt?"),
        ("Wie trok het traject, en hoeveel zones deden mee?", "zones deden mee?"),
        # A part that only points back ("en hoeveel deden dat?"): its subject is the part before (fresh12).
        ("Aan welke kaders haakten de trajecten hun acties vast, en hoeveel deden dat?",
         "aan kaders haakten de trajecten hun acties vast"),
        # Cue words that name the subject stay ("de resultaten van"); no kind, the whole need.
        ("Wat waren de resultaten van de webinars, en wie gaf ze?",
         "Wat waren de resultaten van de webinars"),
        ("Wat doe ik best?", "Wat doe ik best?"),
        # An embedded question after a verb of telling or finding out: its subject follows the cue (fresh18,
        # now natural20).
        ("Moet volgende week aan onze bestuursraad uitleggen hoeveel professionals OverHoop in fase 3 "
         "bereikt heeft, en hoe hard is dat cijfer?", "professionals overhoop in fase 3 bereikt heeft"),
        ("Ik vraag me af hoeveel geld er voor ons traject voorzien was", "er voor ons traject was"),
        # Not after any verb: "in hoeveel scholen" keeps what stands before the cue.
        ("In hoeveel scholen hebben ze dat uitgeprobeerd?", "in scholen hebben ze dat uitgeprobeerd?"),
        # A preposition before the next part's question word still starts a part (fresh19, now natural21).
        ("Wie heeft het ontwikkeld, uit hoeveel stappen bestaat het en voor welke hulpverleners is het "
         "bedoeld?", "uit stappen bestaat het"),
        # The fund the cue names stays: the amount must stand next to it.
        ("Hoe groot was het DIW-fonds van Co-ncept Jeugdhulp en werd het ook echt gebruikt?",
         "van co-ncept jeugdhulp diw-fonds"),
        # "duurt" only asks: "ze" points back at the part before, which names the course.
        ("Welke basisopleiding staat in de nota, wie organiseert die en hoeveel dagen duurt ze?",
         "basisopleiding staat in de nota, organiseert die"),
        # A pronominal adverb points back too; the verbs a figure or a date is asked with only ask
        # (natural24).
        ("Co-ncept had toch een apart fonds? Hoeveel geld zat daarin en werd het gebruikt?",
         "co-ncept had toch een apart fonds"),
        ("Hoeveel middelen kreeg een eerstelijnszone in fase 3, en voor welke periode?",
         "een eerstelijnszone in fase 3"),
        ("Wanneer begon de derde fase volgens het eindrapport?", "de derde fase volgens het eindrapport?"),
        ("Hoe lang liep een traject met een planmaker, en hoe werd het afgerond?",
         "een traject met een planmaker"),
        # "en of" starts a yes-no part (fresh23, now natural26).
        ("Hoe lang liep een planmakerstraject minimaal en of die termijn in de praktijk volstond.",
         "een planmakerstraject minimaal"),
        # A judgement asked of what the part before names: that part (fresh23, now natural26).
        ("Hebben de zorgraden die gids veel gebruikt, en wat vonden ze ervan?",
         "Hebben de zorgraden die gids veel gebruikt"),
        ("Wat vonden de ouders van de sessies?", "Wat vonden de ouders van de sessies?"),
        # A colon opens the parts it lists (fresh36, now natural39).
        ("Hoe lieten ze die werkgroep draaien: met hoeveel deelnemers, en hoe werd de achterban betrokken?",
         "met deelnemers"),
        # The part an amount points back to, without the verb of how it was arranged (fresh40, now natural43).
        ("Hoe hadden ze dat DIW-fonds bij Co-ncept geregeld: hoeveel geld zat erin, en wie mocht aanvragen?",
         "hadden ze dat diw-fonds bij co-ncept"),
    ],
)  # fmt: skip
def test_the_part_of_a_question_that_asks_for_the_value(need: str, clause: str) -> None:
    assert value_clause(need, expected_value(need)) == clause


def test_a_value_part_that_points_back_at_the_situation_asks_of_the_situation() -> None:
    """fresh49, now natural52: after "Wij zijn twee eerstelijnszones ..., zoals in het Waasland." the amount
    of "Hoeveel geld kregen zij daarvoor, ...?" must stand next to the situation's names, not next to the
    words of the parts after it (refused with the Waasland budget slide first)."""
    need = (
        "Hoeveel geld kregen zij daarvoor, waarvoor mocht dat dienen en bij welke andere ELZ gingen ze "
        "inspiratie halen?"
    )
    assert value_clause(need, "amount", situated=True) == "zij daarvoor"
    # Without a situation it can only point at the parts after it: the whole need.
    assert "inspiratie" in value_clause(need, "amount")
    # "Tegen wanneer" and "voorzien" only ask for the date of what "dat" points at (natural17, and fresh49).
    planned = "Tegen wanneer is dat voorzien en wat gebeurt er in tussentijd?"
    assert value_clause(planned, "date", situated=True) == "is dat"


def test_none_of_the_counted_thing_is_a_count_of_it() -> None:
    """fresh36, now natural39: "hoeveel aanvragen kwamen er binnen?" was refused; the report says there were
    none."""
    question = "Heeft dat fonds iets opgeleverd, hoeveel aanvragen kwamen er binnen?"
    none = "Gedurende de looptijd van het DIW-Fonds werden geen aanvragen ingediend."
    assert holds_value("count", none, given=question)
    assert holds_value("count", "Er werden geen enkele aanvragen ingediend.", given=question)
    # None of something else counts nothing ("geen zicht op"), nor does "geen" without a "hoeveel".
    assert not holds_value("count", "Er is geen zicht op de impact van de aanvragen.", given=question)
    assert not holds_value("count", none, given="Wat gebeurde er met de aanvragen?")


def test_a_value_the_question_names_is_not_the_value_it_asks_for() -> None:
    question = "Hoeveel professionals hebben de twee webinars bekeken?"
    assert not holds_value("count", "Er kwamen twee webinars.", given=question)
    assert holds_value("count", "De twee webinars werden 340 keer bekeken.", given=question)
    named = "Hoeveel van die € 35.000 ging naar loon?"
    assert not holds_value("amount", "Elke zone kreeg € 35.000.", given=named)
    about = "Bij welke organisatie werkt Inge Van Loo?"
    assert not holds_value("person", "Bevraging Inge Van Loo (8 oktober)", given=about)


def test_a_figure_of_an_earlier_year_is_not_the_figure_asked_for_a_later_one() -> None:
    # fresh38, now natural41: "Hoeveel budget is er voor 2025 voorzien in het DIW-Fonds?" was answered with
    # the fund's amount "tot eind 2024".
    year = asked_year("Hoeveel budget is er voor 2025 voorzien in het DIW-Fonds?")
    assert year == 2025
    fund = "Het ideale wereldfonds bedraagt 25 000 euro tot eind 2024."
    assert not holds_value("amount", fund, year=year)
    assert holds_value("amount", fund, year=asked_year("Hoeveel zat er in 2024 in het fonds?"))
    assert holds_value("amount", fund, year=asked_year("Hoeveel zat er in het fonds?"))
    # A text that reaches the year asked, or names none, still holds its figure; so do other kinds.
    assert holds_value("count", "Het project liep van 2022 tot eind 2025 in 60 zones.", year=2025)
    assert holds_value("count", "Er werden 60 trajecten opgezet.", year=2025)
    assert holds_value("date", "De fase startte in december 2024.", year=2025)
    # A figure is no year ("25 000 euro", "€ 2025" stay figures).
    assert asked_year("Hoeveel kreeg elke zone, 35 000 euro?") is None


def test_names_are_the_proper_nouns_and_figures_of_the_need() -> None:
    assert names_in("Wat waren de resultaten van de trajecten in Wallonië in 2026?") == ["Wallonië", "2026"]
    assert names_in("Ik ben juf. Wat doe ik?") == []
    # The eindrapport's authors name the document, not a detail a passage must hold (fresh17, now natural19).
    assert names_in("Zegt het eindrapport van de KdG daar iets over?") == []
    # The year of a document named right before it (fresh13, now natural22); a year of its own still counts.
    assert names_in("Wat stond daarover in de inspiratienota van 2023?") == []
    assert names_in("Wat gebeurde er in 2023 in Gent?") == ["2023", "Gent"]


def test_a_need_pointing_back_is_about_the_names_of_its_context() -> None:
    question = (
        "Ik ben contextbegeleider en een jongere schakelt binnenkort over van een BJB-voorziening naar een "
        "VAPH-voorziening. Wat zegt het lerend netwerk over de verschillen tussen die twee sectoren?"
    )
    assert pointed_names(analyse(question, [])) == ["BJB", "VAPH"]
    # A relative "die" after a noun points at nothing in the context; a need without a pointer neither.
    assert pointed_names(analyse("Ik werk in Gent. Wat deed de reeks die in 2025 liep?", [])) == []
    assert pointed_names(analyse("Ik werk in Gent. Wat zegt het eindrapport over sensibilisering?", [])) == []
    # Names that frame the corpus are left out.
    framed = "Ik werk voor OverHoop in het Waasland. Hoeveel geld ging er naar dat traject?"
    assert pointed_names(analyse(framed, []), frames=lambda name: name == "OverHoop") == ["Waasland"]


def test_named_documents_in_the_order_the_question_names_them() -> None:
    question = "Zowel de WINGG-nota als het eindrapport hebben het over een gedeelde taal. Komen ze overeen?"
    assert analyse(question).documents == ("nota", "eindrapport")
    assert analyse("Wat staat er in de trajectrapportages over planmakers?").documents == (
        "trajectrapportage",
    )
    assert analyse("Wat kan ik doen bij een niet-pluis-gevoel?").documents == ()
    # The eindrapport by its authors, Co-ncept Jeugdhulp's report by its organisation (fresh12).
    kdg = "Wat zeggen Co-ncept Jeugdhulp en het KdG-eindrapport daar elk over?"
    assert analyse(kdg).documents == ("trajectrapportage", "eindrapport")
    assert "KdG-eindrapport" not in names_in(kdg)
    # The research by its authors (fresh44, now natural47): a name glued to "onderzoek" names the eindrapport.
    research = "Wat zeggen de WINGG-nota en het KdG-onderzoek over een gemeenschappelijke taal?"
    assert analyse(research).documents == ("nota", "eindrapport")
    assert names_in(research) == []
    assert sorted(document_words(question)) == ["eindrapport", "wingg-nota"]
    assert without_document_words(question) == (
        "Zowel de als het hebben het over een gedeelde taal. Komen ze overeen?"
    )


@pytest.mark.parametrize(
    ("context", "need", "names"),
    [
        # "Pleegzorg" is a role word (never a name the need asks for), the region is a name.
        ("Ik werk bij Pleegzorg West-Vlaanderen.", "Hoe lang loopt zo'n traject minimaal?",
         ["West-Vlaanderen"]),
        # The clause ends at "en": what the asker wants to join is what they ask about.
        ("Ik werk in het Huis van het Kind in Sint-Niklaas en we willen aansluiten bij het traject in het "
         "Waasland.", "Hoeveel budget was daarvoor voorzien?", ["Huis", "Kind", "Sint-Niklaas"]),
        # It ends where the asker names themself again: the fund they heard of is their subject.
        ("Als begeleider in een leefgroep hoorde ik over een DIW-fonds bij Co-ncept Jeugdhulp.",
         "Hoeveel geld zat daarin?", []),
        # A need about the asker's own: their place is the subject.
        ("Ik werk bij de eerstelijnszone Waasland.", "Hoeveel geld kreeg onze zone?", []),
    ],
)  # fmt: skip
def test_the_names_of_the_askers_workplace(context: str, need: str, names: list[str]) -> None:
    assert workplace_names(context, need) == names


def test_a_zone_the_asker_calls_ours_is_asked_of_by_its_place_not_the_askers_employer() -> None:
    """fresh53 (now natural56): "Ik werk bij het Huis van het Kind in het Waasland ... Hoeveel budget is er
    voor onze regio voorzien?" asks of the Waasland; "Huis" was looked for on the budget slide."""
    context = "Ik werk bij het Huis van het Kind in het Waasland en we denken mee over het traject."
    assert "Huis" not in without_employer(context) and "in het Waasland en we" in without_employer(context)
    limburg = without_employer("Ik werk bij Kind en Gezin in Limburg.")
    assert limburg.split() == ["Ik", "werk", "in", "Limburg."]
    # Without a place after it, the organisation's name may be the place: it stays.
    assert without_employer("Ik werk bij ELZ Dender.") == "Ik werk bij ELZ Dender."
    assert "West-Vlaanderen" in without_employer("Ik werk bij Pleegzorg West-Vlaanderen.")
    zone = analyse(f"{context} Hoeveel budget is er voor onze regio voorzien?")
    assert "Waasland" in asked_names_text(zone) and "Huis" not in asked_names_text(zone)
    # The asker's own organisation asked of keeps its name.
    own = analyse(f"{context} Hoeveel budget kreeg onze organisatie?")
    assert "Huis" in asked_names_text(own)


def test_the_clauses_in_which_the_asker_says_who_they_are() -> None:
    context = (
        "Als beleidsmedewerker die een nota voor ons lokaal bestuur schrijft: bij dat punt over financiering "
        "spreken ze van pilotitis"
    )
    assert asker_clauses(context) == ["Als beleidsmedewerker die een nota voor ons lokaal bestuur schrijft"]
    assert asker_clauses("Bij dat punt over financiering spreken ze van pilotitis") == []


@pytest.mark.parametrize(
    ("question", "refers"),
    [
        # natural23: the situation is what "daarover" points at.
        (
            "Bij ons in de leefgroep staan we 's avonds met twee voor tien gasten. Wat hebben hulpverleners "
            "daarover gezegd?",
            True,
        ),
        ("Ik werk in een CLB. Wat zegt de inspiratienota hierover?", True),
        ("Ik werk in een CLB. Hoe zorg ik ervoor dat leerkrachten signalen opvangen?", False),
        ("Wat zegt de inspiratienota daarover?", False),  # no situation to point at
    ],
)
def test_a_need_refers_to_its_context_with_a_pronominal_adverb(question: str, refers: bool) -> None:
    assert refers_to_context(analyse(question)) is refers


@pytest.mark.parametrize(
    ("need", "kind"),
    [
        # How a figure or a state stands today: no document about a past period says it.
        ("Hoeveel huisartsen gebruiken die beslisboom intussen?", "current"),
        ("Hoe lang is de wachttijd momenteel bij het CGG?", "current"),
        # Where, who or with what, which the documents do say (natural24).
        ("Waar kunnen we de materialen van dat project vandaag nog vinden?", None),
        ("Op wie richt dat centrum zich en met welke middelen werken ze vandaag?", None),
        ("En zolang die referent er nog niet is, wie houdt het thema ondertussen warm?", None),
        # The cue in another part than the where: still current.
        ("Waar staat die beslisboom, en hoeveel huisartsen gebruiken hem intussen?", "current"),
        # What is done in the meantime, in a clause of its own (fresh36, now natural39).
        ("Ik vraag me af wat er intussen gebeurt: wie zorgt tot de referent er is voor kennisdeling?", None),
        ("Wat gebeurt er intussen met de kennisdeling?", None),
    ],
)
def test_today_is_asked_only_of_a_figure_or_a_state(need: str, kind: str | None) -> None:
    assert expected_value(need) == kind


@pytest.mark.parametrize(
    ("need", "split"),
    [
        ("Hoeveel van die € 70.000 ging precies naar loonkosten en hoeveel naar werkingskosten?", True),
        ("hoeveel heeft het project uitgegeven aan loonkosten en hoeveel aan werking?", True),
        ("Hoeveel trajecten liepen er in West-Vlaanderen, en hoeveel in Limburg?", True),
        ("Hoeveel zorgraden vonden het passend, en hoeveel vonden het haalbaar?", False),
        ("Hoeveel geld ging naar loonkosten?", False),
        # A part of a figure the question gives (natural7 to natural33).
        ("Bij hoeveel van de 18 trajecten kon de jongere terug naar huis?", True),
        ("Hoeveel van de 70.000 euro gaat er naar vormingen voor vroedvrouwen?", True),
        ("Hoeveel van de trajecten kozen voor sensibilisering?", False),
    ],
)
def test_a_second_hoeveel_with_only_a_preposition_asks_a_split(need: str, split: bool) -> None:
    from assistant.question_analysis import asks_split

    assert asks_split(need) is split


def test_a_choice_is_held_where_a_sentence_reports_it_not_the_step_of_choosing() -> None:
    from assistant.question_analysis import holds_value

    assert holds_value("choice", "Er werd uiteindelijk gekozen voor de Kindreflex.")
    assert holds_value("choice", "De werkgroep koos voor webinars.")
    assert not holds_value("choice", "Scope verkleinen (thema, bouwsteen, doelgroep). Methodiek kiezen.")
    assert not holds_value("choice", "Later zal er gekozen worden voor een methodiek.")
    # The question's own "gekozen" does not rule the passage's out, as a figure the question gives would.
    asked = "Welke methodiek hebben ze uiteindelijk gekozen?"
    assert holds_value("choice", "Er werd uiteindelijk gekozen voor de Kindreflex.", given=asked)


def test_the_thing_a_how_many_question_counts_is_the_word_after_hoeveel() -> None:
    assert counted_noun("Hoeveel pleegouders hebben al een vorming gevolgd?") == "pleegouders"
    assert counted_noun("Hoeveel minder kinderen ontwikkelden een trauma?") == "kinderen"
    assert counted_noun("Hoeveel nieuwe scholen deden mee?") == "scholen"
    # A verb, a unit or a pointer after "hoeveel" names nothing counted.
    assert counted_noun("Hoeveel hebben er deelgenomen?") is None
    assert counted_noun("Hoeveel procent vond het belangrijk?") is None
    assert counted_noun("Hoeveel daarvan waren huisartsen?") is None


def test_earlier_situations_keep_who_asked_not_the_subject_the_answer_went_on_with() -> None:
    """fresh52 (now natural55): "En hoe lang loopt zo'n traject met een planmaker dan minimaal?" after "Ik ben
    consulent bij de sociale dienst jeugdrechtbank in Brugge. Wat doen de planmakers ...?" was refused: the
    three months had to stand next to the asker's workplace."""
    asked = "Ik ben consulent bij de sociale dienst jeugdrechtbank in Brugge. Wat doen de planmakers?"
    answer = "De planmakers van Co-ncept Jeugdhulp stappen in bij trajecten die dreigen vast te lopen."
    history = [{"role": "user", "content": asked}, {"role": "assistant", "content": answer}]
    said = earlier_situations(history, tokenize_nl).lower().split()
    assert {"consulent", "jeugdrechtbank", "brugge"} <= set(said) and "planmakers" not in said
    # The situation that names the subject the answer goes on with gives nothing of it (natural14).
    asked = "Ik hoor als projectcoach vaak over de 'planmakers' van Co-ncept Jeugdhulp. Wat deden die?"
    answer = "De planmakers van Co-ncept Jeugdhulp werkten met een procesflow."
    history = [{"role": "user", "content": asked}, {"role": "assistant", "content": answer}]
    said = earlier_situations(history, tokenize_nl).lower().split()
    assert "projectcoach" in said and not {"planmakers", "co-ncept", "jeugdhulp"} & set(said)
