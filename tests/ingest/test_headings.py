"""Heading detection: rules on snippets, and known headings (and non-headings) of every corpus document."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

from ingest.documents import DocumentInfo, LoadedDocument, Page
from ingest.headings import (
    REPORT,
    REPORT_WITH_TOC,
    SEPARATOR,
    SLIDE_DECK,
    Block,
    SectionedBlock,
    assign_sections,
    choose_shape,
    extract_toc,
    title_like,
)
from ingest.pipeline import document_blocks

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def sections_of(texts: list[str], **kwargs: object) -> list[SectionedBlock]:
    return assign_sections([Block(t, segment_start=k == 0) for k, t in enumerate(texts)], **kwargs)  # type: ignore[arg-type]


def headings(blocks: list[SectionedBlock]) -> list[str]:
    return [b.text for b in blocks if b.is_heading]


def test_numbered_headings_nest_and_carry_the_path() -> None:
    blocks = sections_of(
        [
            "2 Procesbeschrijving en procesanalyse",
            "2.1 Bouwsteen planmakers",
            "2.1.1 Opdracht",
            "De opdracht van de planmakers was nog steeds dezelfde als vorig jaar (zie Bijlage 2).",
            "2.1.2 Cijfers",
            "Nieuwe aanmeldingen 15 12 1",
        ]
    )
    body = [b for b in blocks if not b.is_heading]
    assert body[0].section == SEPARATOR.join(
        ["2 Procesbeschrijving en procesanalyse", "2.1 Bouwsteen planmakers", "2.1.1 Opdracht"]
    )
    assert body[1].section.endswith("2.1 Bouwsteen planmakers > 2.1.2 Cijfers")


def test_numbers_that_do_not_continue_the_numbering_are_not_headings() -> None:
    blocks = sections_of(
        [
            "1 Inleiding",
            "Het afgelopen jaar stond in het teken van verandering en herstructurering binnen het project.",
            "2024 Was een jaar van verandering",  # a year, not chapter 2024
            "9 De Groot, E., Soyez, V., Thys, R. (2024), Verslag focusgroepen consortium,",  # a footnote
            # a list item:
            "1. Wie is wie. Kennismaking betrokken partners, wie is verantwoordelijk voor wat.",
            "2. Uitleg planmakers.",
            "2 Procesbeschrijving en procesanalyse",
        ]
    )
    assert headings(blocks) == ["1 Inleiding", "2 Procesbeschrijving en procesanalyse"]


def test_table_rows_and_captions_are_not_headings() -> None:
    for text in (
        "Westhoek 7",
        "Tabel 2: Leeftijd jongeren op moment van aanmelding",
        "Rits 0",
        "– Bruce Perry, psychiater",
        "Dit was voor iedereen duidelijk",
    ):
        assert not title_like(text), text
    assert title_like("Redenen van aanmelding")


def test_slides_take_their_title_from_the_first_line() -> None:
    blocks = assign_sections(
        [
            Block("Bouwsteen 6", segment_start=True),
            Block("Van vroegsignalering tot herstel"),
            Block("- Niet-loslatende zorg"),
            Block("1. Bewustzijn creëren en erkenning geven", segment_start=True),
            Block("2. Op maat van elk kind en zijn/haar context"),
        ],
        slides=True,
    )
    assert blocks[2].section == "Bouwsteen 6: Van vroegsignalering tot herstel"
    assert not blocks[3].is_heading  # a numbered list on a slide


def test_markdown_headings_from_word_files() -> None:
    blocks = sections_of(["# Inhoudelijke rapportage", "## Bouwsteen planmakers", "De opdracht bleef."])
    assert blocks[2].section == "Inhoudelijke rapportage > Bouwsteen planmakers"


def test_extract_toc_joins_wrapped_entries() -> None:
    raw = (
        "3.1.1 Beschrijving van de pilootprojecten: welke activiteiten worden \n"
        "vooropgesteld " + "." * 97 + " 22 \n"
        "DEEL III: " + "." * 104 + " 42 \n"
    )
    assert extract_toc(raw) == [
        extract_toc(
            "3.1.1 Beschrijving van de pilootprojecten: welke activiteiten worden vooropgesteld ...... 22"
        )[0],
        extract_toc("DEEL III ...... 42")[0],
    ]
    assert (
        extract_toc(raw)[0].title
        == "Beschrijving van de pilootprojecten: welke activiteiten worden vooropgesteld"
    )
    assert extract_toc(raw)[0].page == 22


# --- one shape per document, on snippets of the corpus ------------------------------------------------

# The eindrapport's table of contents, as its text layer prints it (the part title "DEEL II" and its
# caption have no divider page in the body: the TOC alone names them).
EINDRAPPORT_TOC = """
2.2.1.2. Aanpak en werkwijze .......................................................... 16
2.2.2 Fase 3 .............................................................................. 19
2.2.2.1 Kadering ...........................................................................
2.2.2.2. Aanpak en werkwijze .......................................................... 19
DEEL II: ............................................................................... 21
RESULTATEN 2 – FASE 2 .................................................................. 21
3 FASE 2: ONTWIKKELEN VAN PILOOTPROJECTEN ........................................... 22
3.1 Overzicht van de activiteiten uitgevoerd tijdens fase 2  (pilootprojecten) ..... 22
3.1.1 Beschrijving van de pilootprojecten: welke activiteiten worden
vooropgesteld ......................................................................... 22
3.1.2 Bijsturing van de vooropgestelde activiteiten ......................................... 24
"""


def test_each_corpus_document_is_read_in_one_shape() -> None:
    entries = yaml.safe_load((CORPUS / "manifest.yaml").read_text())["documents"]
    shapes = {
        e["doc_id"]: choose_shape(
            extract_toc((CORPUS / e["file"]).read_text()), slides=e["doc_type"] == "presentatie"
        )
        for e in entries
    }
    assert shapes == {
        "presentatie-waasland": SLIDE_DECK,
        "inspiratienota": REPORT,  # its TOC lists only the chapters 01..07
        "eindrapport": REPORT_WITH_TOC,
        "rapportage-co-ncept": REPORT,
        "nota-wingg": REPORT,
    }


def test_a_slide_deck_titles_each_slide_by_its_first_line_and_never_nests() -> None:
    blocks = assign_sections(
        [
            Block("Situering", segment_start=True),
            Block("- De afgelopen jaren is er steeds meer aandacht voor mentaal welzijn"),
            Block("Brede uitrol in 60 eerstelijnszones", segment_start=True),
            Block("Inventariseren van bestaande inzichten en goede praktijken."),
            Block("Terreinverkenning"),
            Block("Timing december 2022 – juni 2023"),
        ],
        slides=True,
    )
    assert headings(blocks) == ["Situering", "Brede uitrol in 60 eerstelijnszones"]
    assert blocks[-1].section == "Brede uitrol in 60 eerstelijnszones"


def test_a_report_with_a_toc_takes_only_the_headings_it_lists() -> None:
    toc = extract_toc(EINDRAPPORT_TOC)
    assert choose_shape(toc) is REPORT_WITH_TOC
    blocks = assign_sections(
        [
            Block("3 FASE 2: ONTWIKKELEN VAN PILOOTPROJECTEN", segment_start=True),
            Block("Op basis van de thematische analyse van de beschikbare materialen uit fase 2 formuleren"),
            Block("3.1 Overzicht van de activiteiten uitgevoerd tijdens fase 2"),
            Block("(pilootprojecten)"),
            Block("3.1.1 Beschrijving van de pilootprojecten: welke activiteiten worden vooropgesteld"),
            Block("Tabel 4 geeft een overzicht van de 10 projecten, de trekkende organisaties en de"),
            Block("4 Veerkrachtondersteuning voor kinderen en jongeren in bijzondere omstandigheden"),
            Block("Familieplatform"),
            Block("Lange tekst die na deze korte titel volgt en die als gewone alinea gelezen moet worden."),
        ],
        toc,
    )
    part = "DEEL II: RESULTATEN 2 – FASE 2"
    assert blocks[1].section == f"{part} > 3 FASE 2: ONTWIKKELEN VAN PILOOTPROJECTEN"
    assert headings(blocks) == [
        "3 FASE 2: ONTWIKKELEN VAN PILOOTPROJECTEN",
        "3.1 Overzicht van de activiteiten uitgevoerd tijdens fase 2",
        "(pilootprojecten)",  # the wrapped rest of the 3.1 title
        "3.1.1 Beschrijving van de pilootprojecten: welke activiteiten worden vooropgesteld",
    ]
    assert blocks[-1].section.endswith(
        "> 3.1 Overzicht van de activiteiten uitgevoerd tijdens fase 2 (pilootprojecten)"
        " > 3.1.1 Beschrijving van de pilootprojecten: welke activiteiten worden vooropgesteld"
    )


def test_a_fiche_field_line_names_the_fiche() -> None:
    blocks = sections_of(
        [
            "PROJECTNAAM Veilige Start",
            "TREKKER Çavaria",
            "1STE LIJNSZONE Gent",
            "VERVOLG Çavaria blijft inzetten op sensibilisering en bekendmaking van de problematiek.",
        ]
    )
    assert headings(blocks) == ["PROJECTNAAM Veilige Start"]
    assert {b.section for b in blocks[1:]} == {"Veilige Start"}


def test_fiches_one_after_another_are_siblings_under_the_same_parent() -> None:
    blocks = sections_of(
        [
            "DEEL IV",
            "PROJECTNAAM Veilige Start",
            "TREKKER Çavaria",
            "PROJECTNAAM Een sterk Leuvens nest",
            "TREKKER CAW Leuven",
            "PROJECTNAAM ACE's in Zicht",
            "TREKKER ELZOH vzw",
        ]
    )
    trekkers = [b.section for b in blocks if b.text.startswith("TREKKER")]
    assert trekkers == [
        "DEEL IV > Veilige Start",
        "DEEL IV > Een sterk Leuvens nest",
        "DEEL IV > ACE's in Zicht",
    ]


def test_a_report_restarts_its_numbering_at_each_printed_chapter() -> None:
    blocks = sections_of(
        [
            "01 Project OverHoop",
            "Deze nota is bedoeld om iedereen te inspireren die wil meebouwen aan een samenleving waarin.",
            "Aanpak",
            "Het project is opgebouwd uit drie fasen:",
            "1. Voorbereiding",
            "December 2022 → september 2023",
            "02 Wat verstaan we onder ingrijpende gebeurtenissen en ontwikkelingstrauma?",
            "1. Bewustzijn creëren en erkenning geven",
            "Een integrale benadering van ontwikkelingstrauma vraagt om bewustzijn bij iedereen.",
        ]
    )
    assert blocks[5].section == "01 Project OverHoop > 1. Voorbereiding"
    assert blocks[-1].section == (
        "02 Wat verstaan we onder ingrijpende gebeurtenissen en ontwikkelingstrauma?"
        " > 1. Bewustzijn creëren en erkenning geven"
    )


def test_a_report_gives_each_practice_fiche_its_page_title_under_the_group_title() -> None:
    group = "Werken aan een groeiend bewustzijn"
    blocks = assign_sections(
        [
            Block("BOUWSTEEN 1", segment_start=True),
            Block("Bewustzijn creëren en erkenning geven"),
            Block(group),
            Block("Forumtheater"),
            Block("Een forumtheater is een methodiek om een gesprek aan te gaan over gevoelige thema's."),
            Block("Poppentheater Waar je ook bent – Peter Adriaenssens", segment_start=True),
            Block("Een poppentheatervoorstelling met nagesprek rond trauma"),
            Block("Peter Adriaenssens brengt zijn ervaringen als jeugdpsychiater in een poppentheater."),
            Block(group, segment_start=True),
            Block("Take Care-Cachet"),
            Block("Cachet is een netwerk voor jongeren met jeugdhulpervaring."),
        ]
    )
    bouwsteen = "BOUWSTEEN 1: Bewustzijn creëren en erkenning geven"
    assert blocks[4].section == SEPARATOR.join([bouwsteen, group, "Forumtheater"])
    assert not blocks[6].is_heading  # a fiche's subtitle
    assert blocks[7].section == SEPARATOR.join([bouwsteen, group, blocks[5].text])
    assert blocks[-1].section == SEPARATOR.join([bouwsteen, group, "Take Care-Cachet"])


def test_a_report_heads_a_section_with_a_short_title_before_body_text() -> None:
    blocks = sections_of(
        [
            "3 Bijlage: Verslag werkgroep 1.",
            "Resultaat van het denkproces per sector",
            "Jeugdzorg",
            "Er wordt een andere visie opgemerkt tussen de verschillende sectoren.",
            "VAPH",
            "Binnen VAPH wordt opgemerkt dat er nood is aan een gedeelde taal.",
        ]
    )
    assert headings(blocks) == [
        "3 Bijlage: Verslag werkgroep 1.",
        "Resultaat van het denkproces per sector",
        "Jeugdzorg",
        "VAPH",
    ]
    assert blocks[-1].section == "3 Bijlage: Verslag werkgroep 1. > VAPH"


# --- every corpus document -------------------------------------------------------------------------------


@cache
def corpus_blocks(doc_id: str) -> tuple[SectionedBlock, ...]:
    entry = next(
        e
        for e in yaml.safe_load((CORPUS / "manifest.yaml").read_text())["documents"]
        if e["doc_id"] == doc_id
    )
    path = CORPUS / entry["file"]
    info = DocumentInfo(doc_id=doc_id, title=entry["title"], doc_type=entry["doc_type"], path=path)
    return tuple(
        document_blocks(LoadedDocument(info=info, pages=(Page(text=path.read_text()),), content_hash="x"))
    )


def paths(doc_id: str) -> set[str]:
    return {b.section for b in corpus_blocks(doc_id)}


def heading_texts(doc_id: str) -> list[str]:
    return [b.text for b in corpus_blocks(doc_id) if b.is_heading]


def section_of(doc_id: str, text_start: str) -> str:
    return next(
        b.section for b in corpus_blocks(doc_id) if not b.is_heading and b.text.startswith(text_start)
    )


@pytest.mark.slow
def test_presentation_slide_titles() -> None:
    found = paths("presentatie-waasland")
    assert "Bouwsteen 6: Van vroegsignalering tot herstel" in found
    assert "De Wase Kiem (verkennend gesprek 9/12)" in found
    assert section_of("presentatie-waasland", "- Oktober 2024") == "Eerstelijnszone Waasland"
    assert "1. Bewustzijn creëren en erkenning geven" not in heading_texts("presentatie-waasland")


@pytest.mark.slow
def test_inspiratienota_chapters_bouwstenen_and_practice_fiches() -> None:
    chapter = "04 Acht bouwstenen voor een versterkte aanpak van ontwikkelingstrauma"
    assert section_of("inspiratienota", "Een integrale benadering van ontwikkelingstrauma") == (
        f"{chapter} > 6. Van vroegsignalering tot herstel"
    )
    assert section_of("inspiratienota", "Een forumtheater is een methodiek") == SEPARATOR.join(
        [
            "07 Inspirerende praktijken",
            "BOUWSTEEN 1: Bewustzijn creëren en erkenning geven",
            "Werken aan een groeiend bewustzijn",
            "Forumtheater",
        ]
    )
    assert section_of("inspiratienota", "Jongeren zeggen neen tegen geweld").endswith("> STUK")
    texts = heading_texts("inspiratienota")
    assert texts.count("01 Project OverHoop") == 1  # the garbled TOC is gone, not a second heading
    assert not any(t.startswith("- Forumtheater") for t in texts)  # a practice in a list is not a section
    assert "Een poppentheatervoorstelling met nagesprek rond trauma" not in texts  # a fiche's subtitle


@pytest.mark.slow
def test_eindrapport_follows_its_table_of_contents() -> None:
    assert section_of("eindrapport", "Er bestaat een vrij grote consensus") == SEPARATOR.join(
        [
            "DEEL II: RESULTATEN 2 – FASE 2",
            "3 FASE 2: ONTWIKKELEN VAN PILOOTPROJECTEN",
            "3.2 Factoren die bijdragen aan duurzame impact van het OverHoop-project",
            "3.2.1 Lessen m.b.t. het versterken van bewustzijn over trauma in de kindertijd en de rol "
            "hierbij van "
            "eerstelijnsactoren",
            "3.2.1.1 Erkennen van belang van sensibilisering",
        ]
    )
    texts = heading_texts("eindrapport")
    assert sum(t.startswith("3.2.1.3 ") for t in texts) == 1  # in the TOC and the body, detected once
    assert not any(t.startswith(("4 Veerkrachtondersteuning", "9 De Groot", "11 Dillman")) for t in texts)
    assert section_of("eindrapport", "TREKKER Çavaria").endswith(
        "12.3 Bijlage 3: Fiches per pilootproject > Veilige Start"
    )
    # The tenth fiche stands under the annex alone, not under the nine before it.
    assert section_of("eindrapport", "TREKKER VK Brussel").endswith(
        "12.3 Bijlage 3: Fiches per pilootproject > Back to basics. Samen traumasensitief zijn door "
        "sectoroverschrijdende verbinding tussen eerste lijn en gespecialiseerde zorg."
    )


@pytest.mark.slow
def test_trajectrapportage_template_and_numbered_sections() -> None:
    assert section_of("rapportage-co-ncept", "- Welke keuzes werden er gemaakt in 2024?") == (
        "Procesbeschrijving en procesanalyse"
    )
    assert section_of("rapportage-co-ncept", "Analyse: Planmakers hadden behoefte").endswith(
        "2.1 Bouwsteen planmakers > 2.1.3 Vaststellingen en bijsturingen van de bouwsteen planmakers"
    )
    texts = heading_texts("rapportage-co-ncept")
    assert "7.4 Bijlage 4: Opbouw samenwerkingsoverleg" in texts
    assert not any(t.startswith(("1. Wie is wie", "Tabel 1", "2023 2024")) for t in texts)


@pytest.mark.slow
def test_nota_wingg_sections_without_the_stray_header() -> None:
    assert section_of("nota-wingg", "Er werd een intersectorale werkgroep samengesteld") == SEPARATOR.join(
        [
            "2 Doelstellingen, acties en resultaten",
            "2.2 Acties",
            "2.2.2 Stap 1: Resultaat",
        ]
    )
    assert section_of("nota-wingg", "Binnen VAPH wordt opgemerkt").endswith("> VAPH")
    assert not any("INSPIRATIENOTA" in b.text for b in corpus_blocks("nota-wingg"))
