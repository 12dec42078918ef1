"""Each cleaning rule on a real snippet of the corpus (copied verbatim, layout included)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from ingest.cleaning import (
    HARD_BREAK,
    clean_text,
    collapse_whitespace,
    html_tables_to_text,
    join_hyphenated_words,
    normalise_bullets,
    normalize_unicode,
    rejoin_interrupted_paragraphs,
    remove_dot_leader_toc,
    remove_garbled_toc,
    remove_heading_overviews,
    remove_page_counters,
    remove_repeated_page_lines,
    remove_running_slide_headers,
    remove_stray_template_headers,
    repair_midline_hyphenation,
    split_page_markers,
    strip_footnote_markers,
    strip_markup,
    unwrap_lines,
)
from ingest.documents import Page

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

# eindrapport, first pages: title page, page counter, start of the TOC.
EINDRAPPORT_START = (
    "EINDRAPPORT FLANKEREND ONDERZOEK \n  \n \nAuteurs: Veerle Soyez, Elise De Groot en Rebecca Thys \n"
    "Promotor: Bea Van Robaeys \n  \n 2 \n \n \n     \n  2/187 \n \nINHOUD \n"
    "EINDRAPPORT FLANKEREND ONDERZOEK " + "." * 62 + " 1 \n"
    "DEEL I " + "." * 109 + " 9 \n"
    "1 KADERING: Overhoop ................................................................................ "
    "10 \n"
    "3.1.1 Beschrijving van de pilootprojecten: welke activiteiten worden \n"
    "vooropgesteld " + "." * 97 + " 22 \n"
    "5.2 Gelijkenissen en verschillen qua sterkte positie zorgraden in OverHoop-traject\n 54 \n"
    "  \n 3 \n \n \n     \n  3/187 \n \n"
    "3.2.3 Lessen m.b.t. het bevorderen van verticale samenwerking tussen eerste lijn \n"
    "en nulde en tweede lijn "
    ".................................................................................... 34 \n"
    "  \n 4 \n \n \n     \n  4/187 \n \nDEEL I \n\nKADER EN SITUERING FLANKEREND ONDERZOEK \n"
)

# eindrapport body: double-spaced lines, a fused footnote marker, footnotes printed mid-sentence at a
# page end.
EINDRAPPORT_BODY = (
    "1.1 Opzet en betrokkenen van OverHoop \n\n"
    "OverHoop is een project van de Koning Boudewijnstichting gefinancierd door de Vlaamse \n\n"
    "Overheid (Agentschap Opgroeien), dat tot doel had om samen met professionele en \n\n"
    "informele, nulde- en eerstelijnsactoren in Vlaanderen en Brussel te bouwen aan meer \n\n"
    "preventie en een versterkte aanpak van ontwikkelingstrauma en de ingrijpende \n\n"
    "gebeurtenissen die daaraan voorafgaan 0F0F\n\n1. \n\n"
    "Bij het project waren verschillende groepen actoren vanuit verschillende rollen betrokken. \n\n"
    "Naast sturing vanuit een projectgroep, was er ook een belangrijke adviesfunctie \n\n"
    "weggelegd voor het consortium.  \n\n"
    "1.2 Fases van OverHoop \n\n"
    "Het OverHoop-project liep van december 2022 tot eind december 2025 (zie Figuur 2). In deze fase \n\n"
    "werden in de context van 10 pilootprojecten \n\n"
    "onderdelen uitgewerkt van breed inzetbare instrumenten, zoals vorming, training, \n\n"
    "methodieken of samenwerkingsmodellen, met de bedoeling om nulde- en \n\n \n\n"
    "1 Zie OverHoop | Opgroeien \n\n"
    "2 Koning Boudewijnstichting (2023) Oproep voor organisaties die willen bijdragen aan de ontwikkeling "
    "van een  \n\nondersteunend aanbod voor de eerste lijn  \n\n"
    "https://www.opgroeien.be/kennis/toolbox/document-overhoop\n"
    " eerstelijnsactoren te ondersteunen op het vlak van  preventie of herstel bij ingrijpende \n\n"
    "negatieve gebeurtenissen en ontwikkelingstrauma. De derde en laatste fase ten slotte, \n\n"
    "ging van start in december 2024. \n"
)

# inspiratienota: the garbled TOC, a bullet with bold practice name, a footnote reference, the HTML table.
INSPIRATIENOTA_START = (
    "\nSAMEN VOORBIJ TRAUMA\n\nVan preventie tot herstel\n\nInspiratienota juni 2023\n\nHOUD IN\n\n-\n"
    "- 01** Project OverHoop\n - 02** Wat verstaan we onder ingrijpende gebeurtenissen en "
    "ontwikkelingstrauma?\n"
    " - 03** Samen voorbij trauma\n - 04** Acht bouwstenen voor een versterkte aanpak van "
    "ontwikkelingstrauma\n"
    " - 05** Tot slot ...\n - 06** Meer lezen?\n - 07** Inspirerende praktijken\n\n\n\n\n\n"
    "01 Project OverHoop\n\nDeze nota is bedoeld om iedereen te inspireren die wil meebouwen aan een "
    "samenleving.\n"
)
HTML_ROW = (
    '<p>Een sterke start garanderen voor alle kinderen</p>\t<ul style="list-style-type: none"> – Uitbouw van '
    "een brede pedagogische, buurtgerichte en inclusieve basiszorg – Pre- en perinatale "
    "ondersteuningspraktijken"
)

# nota-wingg: the stray template header from another document, and a hyphenated line break.
NOTA_STRAY_HEADER = (
    "bij VAPH) \n\nVAPH \n\n\n\nINSPIRATIENOTA  \n\nwww.conceptjeugdhulp.be 7\n \n\n"
    "Binnen VAPH wordt opgemerkt dat teams snel veranderen. \n"
)
NOTA_HYPHEN = (
    "deze webpagina worden de poster, verdiepende teksten, de webinars en aanvullende bronnen \n"
    "zoals boeken en tools gebundeld. In 2027 wordt dit aanbod verder versterkt met een e-\n"
    "learningtraject rond trauma via Psyche. \n"
)

# presentation: three slides opening with the same header, one of which has no title of its own.
SLIDES = (
    "Eerstelijnszone Waasland\n• Traject\n\n• Oktober 2024 – december 2025\n\n\n\n"
    "Eerstelijnszone Waasland\n• Verkennende fase (centrale vraag: waarop gaan we inzetten in het "
    "Waasland?)\n\n\n\n"
    "Eerstelijnszone Waasland\nDe Wase Kiem (verkennend gesprek 9/12)\n\n"
    "Zwangerschapscentrum dat kwetsbare zwangere vrouwen zowel in groep als \n"
    "individueel begeleidt tijdens en na de zwangerschap\n"
)


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


def test_normalize_unicode_applies_nfkc_and_keeps_paragraph_end_spaces() -> None:
    out = normalize_unicode("We passen een X²-test 11F11F\r\n\u00a0\u00a0\nCo\u00adördinatie werd ﬁnaal  \n")
    assert "X2-test" in out
    assert "Coördinatie werd finaal  " in out  # soft hyphen gone, ligature split, trailing spaces kept
    assert "\r" not in out and "\n\n" in out  # a line of non-breaking spaces is now blank


def test_split_page_markers_keeps_only_certain_page_numbers() -> None:
    pages = split_page_markers([Page(text=normalize_unicode(EINDRAPPORT_START))])
    assert [p.number for p in pages] == [1, 2, 3, None]
    assert pages[0].text.strip().startswith("EINDRAPPORT FLANKEREND ONDERZOEK")
    assert "2/187" not in "".join(p.text for p in pages)
    assert not re.search(r"^\s*2\s*$", pages[0].text, re.MULTILINE)  # the printed page number went too
    assert pages[3].text.strip().startswith("DEEL I")


def test_remove_page_counters() -> None:
    out = remove_page_counters("Karel De Grote Hogeschool \n  \n 2 \n \n \n     \n  2/187 \n \nINHOUD \n")
    assert "2/187" not in out and not re.search(r"^\s*2\s*$", out, re.MULTILINE)
    assert "Karel De Grote Hogeschool" in out and "INHOUD" in out


def test_remove_dot_leader_toc_drops_entries_and_their_wrapped_halves() -> None:
    out = remove_dot_leader_toc(normalize_unicode(EINDRAPPORT_START))
    assert "....." not in out
    assert (
        "vooropgesteld" not in out and "verticale samenwerking" not in out and "OverHoop-traject" not in out
    )
    assert "INHOUD" not in out
    assert "Auteurs: Veerle Soyez" in out and "KADER EN SITUERING FLANKEREND ONDERZOEK" in out


def test_remove_garbled_toc() -> None:
    out = remove_garbled_toc(INSPIRATIENOTA_START)
    assert "HOUD IN" not in out and "**" not in out
    assert out.count("Project OverHoop") == 1
    assert "Deze nota is bedoeld" in out and "Inspiratienota juni 2023" in out


def test_remove_heading_overviews_keeps_the_appendix_itself() -> None:
    overview = "\n\n\n\nINSPIRERENDE PRAKTIJKEN\n\n" + "".join(
        f"BOUWSTEEN {n}\n\n{title}\n\n"
        for n, title in enumerate(
            [
                "Bewustzijn creëren en\nerkenning geven",
                "Op maat van elk kind en\nzijn/haar context",
                "Van vroegsignalering\ntot herstel",
                "Samen lerend doen\nwat werkt",
            ],
            start=1,
        )
    )
    appendix = (
        "\n\n\n\nBOUWSTEEN 1\n\nBewustzijn creëren en erkenning geven\n\nForumtheater\n\n"
        "Een forumtheater is een methodiek.\n"
    )
    out = remove_heading_overviews(overview + appendix)
    assert out.count("BOUWSTEEN 1") == 1 and "BOUWSTEEN 4" not in out
    assert "INSPIRERENDE PRAKTIJKEN" in out and "Een forumtheater is een methodiek." in out


def test_remove_stray_template_headers() -> None:
    out = remove_stray_template_headers(NOTA_STRAY_HEADER)
    assert "INSPIRATIENOTA" not in out and "conceptjeugdhulp.be" not in out
    assert "VAPH" in out and "Binnen VAPH wordt opgemerkt" in out


def test_remove_running_slide_headers_only_where_the_slide_has_its_own_title() -> None:
    out = remove_running_slide_headers(SLIDES)
    assert out.count("Eerstelijnszone Waasland") == 2  # slides whose only title it is keep it
    assert out.split("\n\n\n\n")[2].startswith("De Wase Kiem")


def test_remove_repeated_page_lines() -> None:
    bodies = [
        "1 Inleiding\nHet afgelopen jaar stond in het teken van verandering.",
        "2.1.1 Opdracht\nDe opdracht van de planmakers was nog steeds dezelfde als vorig jaar.",
        "2.1.2 Cijfers\nLopende trajecten 7 11",
        "2.1.3 Vaststellingen\nAnalyse: Planmakers hadden behoefte aan een duidelijk kader.",
    ]
    pages = [
        Page(text=f"Inhoudelijke rapportage Co-ncept Jeugdhulp\n{body}\n{n}", number=n)
        for n, body in enumerate(bodies, start=1)
    ]
    out = remove_repeated_page_lines(pages)
    assert [p.text.strip() for p in out] == bodies


def test_html_tables_to_text_joins_cells_without_tags() -> None:
    out = html_tables_to_text(HTML_ROW)
    assert "<" not in out and ">" not in out
    assert out.startswith("Een sterke start garanderen voor alle kinderen | – Uitbouw van een brede")
    assert out.endswith("Pre- en perinatale ondersteuningspraktijken")


def test_strip_markup() -> None:
    line = "- **Forumtheater**: theatervoorstellingen. – Anna Defossez, coördinator *Echo-Lotgenotenwerking* <https://www.stukonline.com/stukbasis/>"
    out = strip_markup(line)
    assert (
        out
        == "- Forumtheater: theatervoorstellingen. – Anna Defossez, coördinator Echo-Lotgenotenwerking https://www.stukonline.com/stukbasis/"
    )


def test_strip_footnote_markers() -> None:
    assert (
        strip_footnote_markers("die daaraan voorafgaan 0F0F\n\n1. \n\nBij het project")
        == "die daaraan voorafgaan. \n\nBij het project"
    )
    assert (
        strip_footnote_markers("het OverHoop-project 2F2F\n\n3; de projecten liepen")
        == "het OverHoop-project; de projecten liepen"
    )
    assert (  # eindrapport: the residue apart from its number, the footnote's number on the next line
        strip_footnote_markers("de uitgelezen organisaties. 9 F9F\n\n10  \n\nAnderen vinden")
        == "de uitgelezen organisaties.  \n\nAnderen vinden"
    )
    assert (
        strip_footnote_markers("negatieve ervaringen meegemaakt.[1,2]\n")
        == "negatieve ervaringen meegemaakt.\n"
    )
    assert (
        strip_footnote_markers("2,2 keer meer.^[7] Een ander onderzoek")
        == "2,2 keer meer. Een ander onderzoek"
    )
    # The reference list itself stays, and so do names with digits.
    assert strip_footnote_markers("[1] Augeo foundation, 2023") == "[1] Augeo foundation, 2023"
    kept = "SPARK36: gestructureerde gespreksleidraad. Connect 0-4 en 1712 helpen."
    assert strip_footnote_markers(kept) == kept
    # A digit glued to a word known without it (the example) is a footnote marker.
    assert (
        strip_footnote_markers("Uit dit onderzoek12 blijkt dat onderzoek werkt.")
        == "Uit dit onderzoek blijkt dat onderzoek werkt."
    )


def test_normalise_bullets_gives_every_glyph_one_form() -> None:
    text = (
        "• Traject\no Beleidsmakers \n▪ Link maken met crosslink \n§ WINGG heeft hierin opdracht\n"
        "➔ 60 IMPACTVOLLE TRAJECTEN\n- Werkplan\n– Bruce Perry, psychiater"
    )
    out = normalise_bullets(text).split("\n")
    assert out[:6] == [
        "- Traject",
        "- Beleidsmakers ",
        "- Link maken met crosslink ",
        "- WINGG heeft hierin opdracht",
        "- 60 IMPACTVOLLE TRAJECTEN",
        "- Werkplan",
    ]
    assert out[6] == "– Bruce Perry, psychiater"  # a quote attribution, not a list item


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ("met een e-\nlearningtraject rond trauma", "met een e-learningtraject rond trauma"),
        ("ELZ’s Houtland &Polder, Midden West-\nVlaanderen, RITS", "Midden West-Vlaanderen, RITS"),
        ("duurzame impact van het OverHoop- \n\nproject ", "van het OverHoop-project "),
        ("Creëer als dienst-\nen hulpverlener", "Creëer als dienst- en hulpverlener"),
        ("nulde- en eerstelijnsactoren", "nulde- en eerstelijnsactoren"),
        ("ouders on-\n\ndersteunen in opvoeding. Ouders ondersteunen", "ouders ondersteunen in opvoeding."),
    ],
)
def test_join_hyphenated_words(snippet: str, expected: str) -> None:
    assert expected in join_hyphenated_words(snippet)


def test_repair_midline_hyphenation_needs_evidence() -> None:
    text = (
        "herstellen van ontwikkelings-trauma. Over ontwikkelingstrauma en ouder-kind-interacties, "
        "veront-rustende"
    )
    out = repair_midline_hyphenation(text)
    assert "herstellen van ontwikkelingstrauma." in out
    assert "ouder-kind-interacties" in out and "veront-rustende" in out


def test_unwrap_lines_rebuilds_paragraphs_of_a_double_spaced_extraction() -> None:
    text = strip_footnote_markers(normalize_unicode(EINDRAPPORT_BODY))
    blocks = unwrap_lines(text).split("\n\n")
    assert blocks[0] == "1.1 Opzet en betrokkenen van OverHoop"
    assert blocks[1].startswith("OverHoop is een project") and blocks[1].endswith("die daaraan voorafgaan.")
    assert blocks[2].startswith("Bij het project") and blocks[2].endswith("voor het consortium.")
    assert blocks[3] == "1.2 Fases van OverHoop"


def test_unwrap_lines_keeps_slide_titles_and_bullets_apart() -> None:
    out = unwrap_lines(normalise_bullets(SLIDES))
    assert HARD_BREAK in out
    assert (
        "De Wase Kiem (verkennend gesprek 9/12)\n\nZwangerschapscentrum dat kwetsbare zwangere vrouwen "
        "zowel in "
        "groep als individueel begeleidt tijdens en na de zwangerschap" in out
    )
    assert "- Traject\n\n- Oktober 2024" in out


def test_rejoin_interrupted_paragraphs_moves_footnotes_after_the_sentence() -> None:
    text = unwrap_lines(strip_footnote_markers(normalize_unicode(EINDRAPPORT_BODY)))
    out = rejoin_interrupted_paragraphs(text).split("\n\n")
    joined = next(b for b in out if b.startswith("Het OverHoop-project liep"))
    assert "met de bedoeling om nulde- en eerstelijnsactoren te ondersteunen op het vlak van" in joined
    assert out.index(joined) < out.index("1 Zie OverHoop | Opgroeien")


def test_collapse_whitespace() -> None:
    assert collapse_whitespace("\n\nEen  zin.\n\n\n\n\nTweede   zin.\n\n") == "Een zin.\n\n\nTweede zin."


def test_clean_text_drops_only_navigation() -> None:
    raw = EINDRAPPORT_BODY + INSPIRATIENOTA_START + NOTA_STRAY_HEADER + NOTA_HYPHEN
    cleaned = set(words(clean_text(raw)))
    toc = INSPIRATIENOTA_START[INSPIRATIENOTA_START.index("HOUD IN") : INSPIRATIENOTA_START.index("\n\n\n")]
    navigation = set(words(toc)) | {"inspiratienota", "www", "conceptjeugdhulp", "be", "7", "0f0f", "1"}
    joined_halves = {"e", "learningtraject"}  # now "e-learningtraject", one word
    missing = {w for w in words(raw) if w not in cleaned} - navigation - joined_halves
    assert missing == set()
    assert "e-learningtraject" in clean_text(raw)


@pytest.mark.slow
@pytest.mark.parametrize(
    "entry", yaml.safe_load((CORPUS / "manifest.yaml").read_text())["documents"], ids=lambda e: e["doc_id"]
)
def test_cleaning_a_corpus_document_keeps_its_words(entry: dict[str, str]) -> None:
    raw = (CORPUS / entry["file"]).read_text()
    cleaned = clean_text(raw)
    vocabulary = set(words(cleaned))
    raw_words = [w for w in words(raw) if not w.isdigit() and len(w) > 2]
    lost = {w for w in raw_words if w not in vocabulary}
    # Only navigation may go: TOC, page furniture, markup, and the halves of words joined at a hyphen.
    assert len(lost) <= 0.01 * len(set(raw_words)), sorted(lost)[:50]
