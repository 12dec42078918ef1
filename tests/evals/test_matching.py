"""Quote matching: robust to the corpus's layout quirks, strict about content, fair at chunk boundaries."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.matching import canonical, evidence_hit, quote_in, quote_in_document

QUOTE = "Het is een harde term en het wordt snel in de mond genomen."


def test_canonical_keeps_only_lowercase_letters_and_digits():
    assert canonical("“Eén” — 60 ELZ’s, **vet**!") == "eén60elzsvet"


def test_canonical_folds_ligatures_and_compatibility_characters():
    assert canonical("e\ufb03ciënt") == canonical("efficiënt")  # U+FB03 is the "ffi" ligature


def test_quote_found_across_hard_wraps_with_blank_lines():
    # The eindrapport wraps at ~65 characters with a blank line after every line.
    text = (
        "We moeten oplettend zijn. Het is een harde term en \n\nhet wordt snel in de \n\nmond genomen. Voor"
    )
    assert quote_in(QUOTE, text)


def test_quote_found_across_hyphenation_at_line_end():
    text = "In 2027 wordt dit aanbod verder versterkt met een e-\nlearningtraject rond trauma via Psyche."
    assert quote_in("versterkt met een e-learningtraject rond trauma", text)
    assert quote_in("versterkt met een elearningtraject rond trauma", text)


def test_curly_and_straight_quotes_and_markdown_are_equivalent():
    text = "In plaats van te denken: ‘Wat is er mis met dit kind?’ moeten we **ons afvragen**"
    assert quote_in("denken: 'Wat is er mis met dit kind?' moeten we ons afvragen", text)


def test_bullets_between_list_lines_are_ignored():
    text = "- echtscheiding en gezinsbreuk\n- emotionele en fysieke verwaarlozing\n"
    assert quote_in("echtscheiding en gezinsbreuk emotionele en fysieke verwaarlozing", text)


def test_different_words_do_not_match():
    assert not quote_in("Het is een zachte term", "Het is een harde term en het wordt snel gezegd.")


def test_accents_must_match_as_documented():
    assert not quote_in("bewustzijn creeren en erkenning geven", "Bewustzijn creëren en erkenning geven")


def test_empty_quote_never_matches():
    assert not quote_in(" -- ", "any text at all")
    assert not evidence_hit("", "any text at all")


def test_evidence_hit_when_chunk_contains_whole_quote():
    chunk = f"Een inleidende zin. {QUOTE} Nog een zin erna."
    assert evidence_hit(QUOTE, chunk)


def test_evidence_hit_when_quote_start_ends_the_chunk():
    cut = int(len(QUOTE) * 0.75)
    assert evidence_hit(QUOTE, "Inleiding van de passage. " + QUOTE[:cut])


def test_evidence_hit_when_quote_end_starts_the_chunk():
    cut = int(len(QUOTE) * 0.25)
    assert evidence_hit(QUOTE, QUOTE[cut:] + " Daarna volgt iets anders.")


def test_no_evidence_hit_when_too_little_of_the_quote_is_in_the_chunk():
    cut = int(len(QUOTE) * 0.4)
    assert not evidence_hit(QUOTE, "Inleiding van de passage. " + QUOTE[:cut])
    assert not evidence_hit(QUOTE, QUOTE[-cut:] + " Daarna volgt iets anders.")


def test_no_evidence_hit_for_a_middle_part_only():
    middle = QUOTE[10:-10]
    assert not evidence_hit(QUOTE, f"Begin. {middle} Einde.")


def test_straddle_threshold_is_adjustable():
    half = QUOTE[: len(QUOTE) // 2]
    assert not evidence_hit(QUOTE, half)
    assert evidence_hit(QUOTE, half, min_fraction=0.4)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "manifest.yaml").write_text(
        "documents:\n  - file: nota-een.txt\n    doc_id: nota\n", encoding="utf-8"
    )
    (tmp_path / "nota-een.txt").write_text(
        "Ieder kind/jongere heeft een \n\nrugzak, maar niet ieder kind/jongere wil er meteen mee aan de slag",
        encoding="utf-8",
    )
    (tmp_path / "Losse Tekst.txt").write_text("Een document zonder manifestregel.\n", encoding="utf-8")
    return tmp_path


def test_quote_in_document_uses_the_manifest_doc_id(corpus: Path):
    assert quote_in_document("heeft een rugzak, maar niet ieder kind/jongere wil", "nota", corpus)
    assert not quote_in_document("heeft een schooltas, maar niet ieder kind", "nota", corpus)


def test_document_without_manifest_entry_gets_the_ingestion_doc_id(corpus: Path):
    assert quote_in_document("Een document zonder manifestregel", "losse-tekst", corpus)


def test_quote_in_unknown_document_raises(corpus: Path):
    with pytest.raises(KeyError):
        quote_in_document("heeft een rugzak", "bestaat-niet", corpus)


def test_edited_document_is_read_again(corpus: Path):
    path = corpus / "nota-een.txt"
    assert not quote_in_document("een nieuwe zin die er eerst niet stond", "nota", corpus)
    path.write_text(path.read_text(encoding="utf-8") + "Een nieuwe zin die er eerst niet stond.\n")
    assert quote_in_document("een nieuwe zin die er eerst niet stond", "nota", corpus)
