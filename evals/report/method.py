"""The rules behind every figure of the eval report, stated in the report's Methode section."""

METHOD = [
    "**Gouden bewijs.** Een passage bevat citaat *i* als ze uit hetzelfde document komt (doc_id) en het "
    "citaat erin staat na normalisatie (NFKC, kleine letters, enkel letters en cijfers), of minstens 60% "
    "ervan als begin of einde (een citaat over een chunkgrens). Hit@k: een passage met bewijs in de top k; "
    "recall@k: aandeel van de citaten in de top k; MRR: 1/rang van de eerste passage met bewijs; nDCG@10: "
    "binair, elk citaat telt één keer. Enkel beantwoordbare vragen; ook een geweigerde vraag wordt op haar "
    "rangschikking gescoord.",
    "**Weigering.** Juist op een beantwoordbare vraag = geantwoord; op een onbeantwoordbare = geweigerd.",
    "**Citatie-validiteit.** Elk paar (zin, [n]) in het antwoord: geldig als bron n getoond wordt en de "
    "passage de zin letterlijk bevat (zelfde normalisatie als hierboven; het extractieve antwoord citeert "
    "letterlijk). Een generatief antwoord wordt getoetst met de steunregel van de assistent "
    "(assistant.citations: ≥ 60% van de inhoudsstammen en alle getallen van de zin in de passage, zelfde "
    "polariteit). Het naïeve recept toont geen citaties: n.v.t.",
    "**Dekking antwoordpunten.** Een antwoordpunt telt als gedekt als ≥ 60% van zijn gestemde inhoudswoorden "
    "(Nederlandse Snowball-stammen, zonder stopwoorden) én al zijn getallen in het antwoord staan. "
    "Transparant en reproduceerbaar, maar blind voor parafrase met andere woorden en voor ontkenning, en "
    "een lang antwoord dekt makkelijker: daarom staat 'dekking context' (dezelfde regel op de top-5 "
    "passages) ernaast. Een geweigerde beantwoordbare vraag dekt niets. Voor 'naive' is het 'antwoord' "
    "de vijf gestapelde stukken van 1000 tekens: zijn dekking is een bovengrens van wat een generator "
    "zou kunnen gebruiken, geen antwoordscore.",
    "**Antwoordbeslissing.** Elk systeem kiest per vraag een uitkomst: *answer*, *partial* (een gelabeld "
    "gedeeltelijk antwoord) of *none* (niet in de documenten); een systeem zonder uitkomst telt als *none* "
    "als het weigert en anders als *answer*. Beantwoordbare vragen: aandeel met uitkomst *answer* (een "
    "*partial* telt niet) en aandeel *partial*. Onbeantwoordbare vragen: aandeel met *none* of *partial* "
    "(een gelabeld gedeeltelijk antwoord beweert geen antwoord). De weigercijfers van vroeger (geweigerd "
    "precies als de vraag onbeantwoordbaar is) staan ernaast.",
    "**Intentie.** Aandeel van de vragen met een gouden `intent` waarvoor het systeem die intentie las; de "
    "verwarringstabel zet de gouden intentie (rij) tegen de gelezen (kolom).",
    "**Dekking beantwoorde vragen.** Dezelfde dekkingsregel, enkel over beantwoordbare vragen met uitkomst "
    "*answer* of *partial*: wat een antwoord bevat als het er een geeft, los van hoe vaak het weigert.",
    "**Off-topic.** Beoordeeld op beantwoordbare vragen met uitkomst *answer* of *partial* (niet voor "
    "gestapelde context). Een geciteerde zin (een zin van het antwoord met een marker [n]; in een "
    "extractief antwoord de `quotes` van de citaties) is off-topic als ze (a) geen enkele stam (of getal) "
    "deelt met de *nood* van de vraag en (b) geen van haar bronnen gouden bewijs bevat (zelfde regel als "
    "bij het zoeken, elk document). De nood is de vraag zonder haar gouden `situation`-zin, zonder "
    "stopwoorden en een korte lijst kaderwoorden (best, graag, hoeveel, ...); bij een vervolgvraag ook de "
    "laatste gebruikers- en de laatste assistentbeurt, waar de verwijzing ('die zesde', 'daarvoor') naar "
    "wijst. Blijft er geen stam over, dan telt de hele vraag. Gerapporteerd: het aandeel beantwoorde "
    "vragen met minstens één off-topic zin, en het aandeel off-topic zinnen van alle geciteerde zinnen. "
    "Grenzen: lexicaal, dus een zin over het onderwerp in andere woorden telt als off-topic tenzij haar "
    "passage gouden bewijs bevat, en een zin die toevallig één woord deelt ('spanningen') telt als "
    "on-topic; het gouden bewijs markeert maar enkele passages per vraag; de nood van een vervolgvraag "
    "neemt de hele vorige beurt mee, wat mild is als de vervolgvraag een andere kant op gaat; zinnen "
    "zonder marker (aanloop, labels) worden niet beoordeeld.",
    "**Afstemset en achtergehouden set.** De afstemset (evals/questions/*.jsonl) dient om drempels en "
    "regels te kiezen; de achtergehouden set (evals/questions/heldout/) is geschreven vóór het afstemmen "
    "en dient enkel om te meten. Voor haar toont het rapport daarom geen drempelkalibratie en geen "
    "slechtste items; de drempels van --quick gelden voor de afstemset. De zoekvector-aanpassing, de "
    "rangschikker en de antwoordbeslissing zijn op de afstemset gefit: haar zoekcijfers zijn daarom te "
    "gunstig (de aanpassing, 384 × 384 getallen, kent haar vragen: ook 'dense' scoort er bijna perfect). "
    "Wat daar standhoudt, tonen de kruisvalidatiecijfers van `overhoop eval calibrate`; de "
    "achtergehouden set is de maat.",
    "**Latentie.** Wandtijd van één antwoord (`ask()`), warm, op deze machine; voor 'naive' enkel het "
    "zoeken.",
    "**Ablaties.** 'dense' en 'bm25' zijn dezelfde assistent met één zoeker. De weigerdrempel is "
    "gekalibreerd op het signaal van de hybride assistent; bij 'bm25' bestaat het signaal enkel uit "
    "lexicale dekking (geen cosinus), dus zijn weigercijfers zeggen weinig.",
]
