"""Chunking: metadata, size limits, no lost words, stable ids, pages; on snippets and on the whole corpus."""

from __future__ import annotations

import re
import statistics
import unicodedata
from pathlib import Path

import pytest
import yaml

from basics.sentences import split_at_sentence_ends as split_sentences
from ingest.chunking import MIN_WORDS, chunk_blocks
from ingest.documents import Chunk, DocumentInfo, LoadedDocument, Page, chunk_id_for
from ingest.headings import SectionedBlock
from ingest.pipeline import chunk_document, document_blocks

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
ENTRIES = yaml.safe_load((CORPUS / "manifest.yaml").read_text())["documents"]

# The nota-wingg in its own layout: numbered headings, bullets, a double-spaced first part.
NOTA = (
    " Samen bouwen aan een traumasensitieve jeugdhulp: \n\nVerbindende samenwerking tussen Co-ncept "
    "Jeugdhulp en "
    "WINGG. \n\n1 Inleiding \nTijdens de projectperiode werd al snel duidelijk dat traumasensitief handelen "
    "een "
    "essentiële pijler vormt binnen \n\nde jeugdhulp. Binnen Co-ncept Jeugdhulp werd dit thema onderzocht op "
    "verschillende niveaus. We startten op \n\nmicroniveau met de analyse van concrete trajecten waarin het "
    "omgaan "
    "met trauma een belangrijke rol speelt. \n\n2 Doelstellingen, acties en resultaten \n\n2.1 DOEL: "
    "Implementatieplan trauma in de jeugdhulp \nDoel: De kennis, vaardigheden en attitudes rond "
    "traumasensitief "
    "handelen binnen de jeugdhulp en aanverwante \n\nsectoren te versterken en versnippering tegen te gaan. "
    "\n"
    " 2.2 Acties \n\n2.2.1 Stap 1: Werkgroep trauma samenstellen \n\n• Doel: Creëren van een intersectorale "
    "werkgroep die aan de slag gaat met een intersectorale \n\ntaal en visie rond trauma.  \n\n• Wie: "
    "Co-ncept "
    "Jeugdhulp en WINGG \n\n• Werkwijze:  \n\no Werkgroep oprichten en duidelijke rollen en "
    "verantwoordelijkheden "
    "toewijzen. \n\no Terugkoppeling naar de stuurgroep DIW en WINGG \n"
)


def document(text: str, doc_type: str = "nota", pages: tuple[Page, ...] | None = None) -> LoadedDocument:
    info = DocumentInfo(
        doc_id="nota-wingg",
        title="Samen bouwen aan een traumasensitieve jeugdhulp",
        doc_type=doc_type,
        path=Path("nota.txt"),
    )
    return LoadedDocument(info=info, pages=pages or (Page(text=text),), content_hash="x")


def words(text: str) -> list[str]:
    return text.split()


def body_words(doc: LoadedDocument) -> list[str]:
    return [w for b in document_blocks(doc) if not b.is_heading for w in words(b.text)]


def assert_complete(chunks: list[Chunk], doc: LoadedDocument) -> None:
    assert [c.position for c in chunks] == list(range(len(chunks)))
    for chunk in chunks:
        assert chunk.chunk_id == chunk_id_for(doc.info.doc_id, chunk.text)
        assert (chunk.doc_id, chunk.title, chunk.doc_type) == (
            doc.info.doc_id,
            doc.info.title,
            doc.info.doc_type,
        )
        assert chunk.text.strip() and chunk.text == chunk.text.strip()
        assert (
            chunk.section not in chunk.text.split("\n")[0] or not chunk.section
        )  # the path is not in the text


def test_chunking_packs_the_blocks_it_is_given_without_cleaning_them() -> None:
    info = document("").info
    blocks = [
        SectionedBlock("1 Inleiding", "1 Inleiding", True, page=1),
        SectionedBlock("Eerste  alinea met   dubbele spaties.", "1 Inleiding", False, page=1),
        SectionedBlock("Tweede alinea ……… met puntjes.", "1 Inleiding", False, page=1),
    ]
    (chunk,) = chunk_blocks(info, blocks, max_words=50)
    assert chunk.text == "Eerste  alinea met   dubbele spaties.\nTweede alinea ……… met puntjes."
    assert (chunk.section, chunk.page, chunk.position) == ("1 Inleiding", 1, 0)


def test_chunks_carry_complete_metadata_and_their_section() -> None:
    doc = document(NOTA)
    chunks = chunk_document(doc)
    assert_complete(chunks, doc)
    by_start = {c.text.split()[0]: c for c in chunks}
    assert by_start["Tijdens"].section == "1 Inleiding"
    werkgroep = next(c for c in chunks if "Werkgroep oprichten" in c.text)
    assert (
        werkgroep.section
        == "2 Doelstellingen, acties en resultaten > 2.2 Acties > 2.2.1 Stap 1: Werkgroep trauma samenstellen"
    )
    assert werkgroep.text.startswith("- Doel: Creëren van een intersectorale werkgroep")
    assert all(c.page is None and c.page_label is None for c in chunks)


def test_no_word_is_lost_or_repeated_and_order_is_kept() -> None:
    doc = document(NOTA)
    assert [w for c in chunk_document(doc) for w in words(c.text)] == body_words(doc)


def test_chunks_respect_the_word_limit_and_sentence_boundaries() -> None:
    sentence = "De zorgraden kregen in deze fase de taak om als facilitator en verbinder op te treden."
    doc = document("1 Inleiding\n\n" + " ".join([sentence] * 40) + "\n")
    chunks = chunk_document(doc, max_words=60)
    assert len(chunks) > 1
    for chunk in chunks:
        assert len(words(chunk.text)) <= 60
        assert chunk.text.startswith("De zorgraden") and chunk.text.endswith("op te treden.")
    sizes = [len(words(c.text)) for c in chunks]
    assert max(sizes) - min(sizes) <= len(words(sentence))  # packed evenly, no tiny tail


def test_a_single_overlong_sentence_is_the_only_exception() -> None:
    doc = document("1 Inleiding\n\n" + " ".join(["traumasensitief"] * 130) + ".\n")
    chunks = chunk_document(doc, max_words=50)
    sizes = [len(words(c.text)) for c in chunks]
    assert len(sizes) == 3 and max(sizes) <= 50 and max(sizes) - min(sizes) <= 2  # split evenly


def test_chunks_never_cross_a_section_boundary() -> None:
    doc = document(NOTA)
    sections = {b.text: b.section for b in document_blocks(doc) if not b.is_heading}
    chunks = chunk_document(doc)
    assert len({chunk.section for chunk in chunks}) > 1  # the loop checks chunks of several sections
    for chunk in chunks:
        assert {sections[line] for line in chunk.text.split("\n")} == {chunk.section}


def test_chunking_twice_gives_the_same_ids() -> None:
    doc = document(NOTA)
    assert [c.chunk_id for c in chunk_document(doc)] == [c.chunk_id for c in chunk_document(document(NOTA))]


def test_page_numbers_come_from_page_counters_where_certain() -> None:
    counter = "  \n {n} \n \n \n     \n  {n}/187 \n \n"
    text = (
        "EINDRAPPORT FLANKEREND ONDERZOEK \n  \n \nAuteurs: Veerle Soyez, Elise De Groot en Rebecca Thys \n"
        "Promotor: Bea Van Robaeys \nOnderzoekscentrum Sociale Inclusie \nKarel De Grote Hogeschool \n"
        + counter.format(n=2)
        + "OverHoop is een project van de Koning Boudewijnstichting gefinancierd door de Vlaamse \n\n"
        "Overheid (Agentschap Opgroeien). \n"
        + counter.format(n=3)
        + "De zorgraden kregen in deze fase de taak om als facilitator en verbinder op te treden. \n"
        + counter.format(n=7)
        + "Doorheen de fase 2 en 3 werden een aantal bijkomende instrumenten opgezet. \n"
    )
    chunks = chunk_document(document(text, doc_type="eindrapport"))

    def page_of(phrase: str) -> tuple[int | None, str | None]:
        chunk = next(c for c in chunks if phrase in c.text)
        return chunk.page, chunk.page_label

    assert page_of("Auteurs: Veerle Soyez") == (1, "1")
    assert page_of("OverHoop is een project") == (2, "2")
    assert page_of("De zorgraden kregen") == (None, None)  # counter 3 is followed by 7: pages 3-6 are unclear
    assert page_of("Doorheen de fase 2 en 3") == (None, None)
    assert not any("2/187" in c.text or "Auteurs" in c.text and "OverHoop" in c.text for c in chunks)


def test_loader_pages_keep_their_numbers_and_labels() -> None:
    pages = (
        Page(
            text="1 Inleiding\n\nHet afgelopen jaar stond in het teken van verandering.", number=1, label="i"
        ),
        Page(
            text="2 Procesbeschrijving\n\nDe opdracht van de planmakers bleef dezelfde.", number=2, label="1"
        ),
    )
    chunks = chunk_document(document("", pages=pages))
    assert [(c.page, c.page_label, c.section) for c in chunks] == [
        (1, "i", "1 Inleiding"),
        (2, "1", "2 Procesbeschrijving"),
    ]


# --- the real corpus ---------------------------------------------------------------------------------------


def load(entry: dict[str, str]) -> LoadedDocument:
    path = CORPUS / entry["file"]
    info = DocumentInfo(doc_id=entry["doc_id"], title=entry["title"], doc_type=entry["doc_type"], path=path)
    return LoadedDocument(info=info, pages=(Page(text=path.read_text()),), content_hash="x")


def squash(text: str) -> str:
    """Compare modulo whitespace, punctuation, markup, hyphenation and footnote markers."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\d+F\d+F\s*\d+|\^?\[\d+(?:,\d+)*\]", "", text)
    return re.sub(r"[\W_]+", "", text).lower()


@pytest.mark.slow
@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e["doc_id"])
def test_corpus_chunks_are_complete_bounded_and_findable(entry: dict[str, str]) -> None:
    doc = load(entry)
    chunks = chunk_document(doc)
    assert_complete(chunks, doc)
    assert [w for c in chunks for w in words(c.text)] == body_words(doc)
    for chunk in chunks:
        assert len(words(chunk.text)) <= 220 or len(split_sentences(chunk.text)) == 1
    assert statistics.median(len(words(c.text)) for c in chunks) >= 40
    assert sum(len(words(c.text)) < MIN_WORDS for c in chunks) <= max(2, len(chunks) // 20)
    source = squash(doc.pages[0].text)
    # Every sentence is in the source; only a sentence rejoined across footnotes at a page end may not be.
    sentences = [s for c in chunks for line in c.text.split("\n") for s in split_sentences(line)]
    lost = [s for s in sentences if squash(s) not in source]
    assert len(lost) <= 10, lost[:5]
    assert [c.chunk_id for c in chunk_document(load(entry))] == [c.chunk_id for c in chunks]
