"""Property-based tests (hypothesis) of cleaning and chunking: no word lost or doubled, order kept, stable
ids, the same result twice, the word limit, and arbitrary Unicode never crashing."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.cleaning import clean_pages, clean_text
from ingest.documents import Chunk, DocumentInfo, LoadedDocument, Page, chunk_id_for
from ingest.pipeline import chunk_document, document_blocks

PROPERTY_SETTINGS = settings(max_examples=200, deadline=None)

_WORD_LIST = (
    "kind ouders school trauma herstel veiligheid hulpverlener jeugdhulp netwerk signaal welzijn gezin "
    "preventie coördinatie ideeën één zorgraad bouwsteen traumasensitief niet-pluisgevoel o.a. bv. 2023 "
    "3.2.1 € ’s e-learning 50%"
)
WORDS = tuple(_WORD_LIST.split())
# Unicode a PDF extraction or a pasted text can bring: controls (NUL, ESC, C1), format characters (zero
# width, bidi overrides), right-to-left scripts, emoji with modifiers, stray combining marks, ligatures.
ODD_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(
            "\x00\x01\x07\x1b\x7f\x85\x9f\u200b\u200d\u202e\u2066\ufeff\u00ad\u0301\u0308\u20dd\u05d0"
            "\u0627\u0644\ufb01\U0001f600\U0001f3fd\U0001f9e9\u2028\u2029\t\r\n\x0c •▪§"
        ),
    ),
    max_size=400,
)


def _document(pages: list[str], doc_type: str = "nota", numbered: bool = False) -> LoadedDocument:
    info = DocumentInfo(doc_id="eigenschap", title="Eigenschappen", doc_type=doc_type, path=Path("x.txt"))
    built = tuple(
        Page(text=text, number=k + 1 if numbered else None, label=str(k + 1) if numbered else None)
        for k, text in enumerate(pages)
    )
    return LoadedDocument(info=info, pages=built, content_hash="x")


@st.composite
def sentences(draw: st.DrawFn, max_words: int = 30) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=max_words))
    words[0] = words[0].capitalize()
    return " ".join(words) + draw(st.sampled_from([".", "!", "?", "…", ":"]))


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["paragraph", "paragraph", "heading", "bullet", "long sentence"]))
    if kind == "heading":
        title = draw(sentences(max_words=5)).rstrip(".!?…:")
        return f"{draw(st.integers(1, 9))}.{draw(st.integers(1, 9))} {title}"
    if kind == "bullet":
        return f"{draw(st.sampled_from('•▪§-'))} {draw(sentences(max_words=12))}"
    if kind == "long sentence":  # one sentence far over any limit: only it may be cut
        return draw(sentences(max_words=300))
    return " ".join(draw(st.lists(sentences(), min_size=1, max_size=8)))


@st.composite
def documents(draw: st.DrawFn) -> LoadedDocument:
    pages = draw(
        st.lists(st.lists(paragraphs(), min_size=1, max_size=8).map("\n\n".join), min_size=1, max_size=3)
    )
    return _document(pages, draw(st.sampled_from(["nota", "presentatie"])), numbered=draw(st.booleans()))


def _body_words(doc: LoadedDocument) -> list[str]:
    """The words of the cleaned document outside headings (headings travel in Chunk.section)."""
    return [w for block in document_blocks(doc) if not block.is_heading for w in block.text.split()]


def _chunk_words(chunks: list[Chunk]) -> list[str]:
    return [w for chunk in chunks for w in chunk.text.split()]


@pytest.mark.slow  # ~15 s for 200 generated documents on a shared 2-core machine
@PROPERTY_SETTINGS
@given(doc=documents(), max_words=st.integers(20, 120))
def test_chunking_keeps_every_word_once_in_order_with_stable_ids_and_limits(
    doc: LoadedDocument, max_words: int
) -> None:
    """One generated document, every property (generating documents costs more than chunking them)."""
    chunks = chunk_document(doc, max_words)

    # No word of the cleaned text lost or doubled across chunks, and the order kept.
    assert _chunk_words(chunks) == _body_words(doc)

    # Stable ids: the content hash of the text; the same chunks again, also from an equal copy.
    copy = LoadedDocument(doc.info, tuple(Page(p.text, p.number, p.label) for p in doc.pages), "y")
    assert chunk_document(copy, max_words) == chunks == chunk_document(doc, max_words)
    assert [c.position for c in chunks] == list(range(len(chunks)))
    for chunk in chunks:
        assert chunk.chunk_id == chunk_id_for(doc.info.doc_id, chunk.text)
        assert chunk.text == chunk.text.strip() != ""
        assert chunk.page in {p.number for p in doc.pages}

    # The word limit always holds; only a sentence longer than the limit is cut (into word windows),
    # every other chunk ends where a paragraph, list item or sentence ends.
    blocks = {b.text for b in document_blocks(doc) if not b.is_heading}
    cut_long_sentence = any(len(block.split()) > max_words for block in blocks)
    for chunk in chunks:
        assert len(chunk.text.split()) <= max_words
        last_line = chunk.text.split("\n")[-1]
        whole_block = any(block.endswith(last_line) for block in blocks)
        assert whole_block or last_line.endswith((".", "!", "?", "…", ":")) or cut_long_sentence


@PROPERTY_SETTINGS
@given(pages=st.lists(ODD_TEXT, min_size=1, max_size=3), max_words=st.integers(20, 80))
def test_arbitrary_unicode_never_crashes(pages: list[str], max_words: int) -> None:
    doc = _document(pages)
    cleaned = clean_pages(doc.pages)
    assert len(cleaned) >= 1
    chunks = chunk_document(doc, max_words)
    assert _chunk_words(chunks) == _body_words(doc)
    for chunk in chunks:
        assert len(chunk.text.split()) <= max_words and chunk.text.strip()


@PROPERTY_SETTINGS
@given(text=ODD_TEXT)
def test_cleaning_arbitrary_text_gives_text_without_soft_hyphens_or_zero_widths(text: str) -> None:
    cleaned = clean_text(text)
    assert isinstance(cleaned, str)
    assert not set(cleaned) & set("\u00ad\u200b\u200c\u200d\ufeff\r")
    assert cleaned == cleaned.strip()
