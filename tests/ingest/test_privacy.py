"""Masking of personal contact data: Belgian phone numbers, personal e-mail addresses, form address fields;
and no false positives on the number-like text of the real corpus."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from ingest.privacy import ADDRESS_MASK, EMAIL_MASK, PHONE_MASK, is_personal_email, mask_contacts

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

# The contact block as it stands in corpus/trajectrapportage-co-ncept-jeugdhulp-2024.txt (lines 37-44).
CONTACT_BLOCK = """Contactpersoon  Louise Delputte 

Adres   De Zilten 52 | 8800 Roeselare 

Telefoonnummer 0471 70 46 29 

E-mailadres:   louise.delputte@conceptjeugdhulp.be  
 We wensen een vervolg op jullie rapportage die bezorgd werd op 31 maart 2024."""


@pytest.mark.parametrize(
    "number",
    [
        "0471 70 46 29",
        "+32 471 70 46 29",
        "0032 471 70 46 29",
        "+32471704629",
        "0471704629",
        "0471/70.46.29",
        "0471 704 629",
        "051/23 45 67",
        "051 / 23 45 67",
        "09 123 45 67",
        "02/123.45.67",
        "+32 (0)9 123 45 67",
        "0800 12 345",
    ],
)
def test_belgian_phone_numbers_are_masked(number: str) -> None:
    masked, count = mask_contacts(f"Bel {number}, of mail.")

    assert (masked, count) == (f"Bel {PHONE_MASK}, of mail.", 1)


def test_the_real_contact_block_is_masked_but_its_labels_and_the_date_stay() -> None:
    masked, count = mask_contacts(CONTACT_BLOCK)

    assert count == 3
    assert "Adres   " + ADDRESS_MASK in masked
    assert "Telefoonnummer " + PHONE_MASK in masked
    assert "E-mailadres:   " + EMAIL_MASK in masked
    assert not re.search(r"Zilten|8800|0471|delputte@", masked)
    assert "31 maart 2024" in masked


def test_the_contact_block_is_masked_after_its_lines_are_joined() -> None:
    masked, count = mask_contacts(" ".join(CONTACT_BLOCK.split()))

    assert count == 3
    assert f"Adres {ADDRESS_MASK} Telefoonnummer {PHONE_MASK} E-mailadres: {EMAIL_MASK} We wensen" in masked


@pytest.mark.parametrize(
    "address",
    ["louise.delputte@conceptjeugdhulp.be", "l.delputte@conceptjeugdhulp.be", "jan_peeters2@stad.gent",
     "jan@gmail.com", "kinderkamer@telenet.be"],
)  # fmt: skip
def test_personal_addresses_are_masked(address: str) -> None:
    assert is_personal_email(address)
    assert mask_contacts(f"Mail {address}.") == (f"Mail {EMAIL_MASK}.", 1)


@pytest.mark.parametrize(
    "address",
    ["idealewereld@opgroeien.be", "info@kbs-frb.be", "secretariaat.jeugdhulp@conceptjeugdhulp.be",
     "no-reply@opgroeien.be"],
)  # fmt: skip
def test_functional_addresses_stay(address: str) -> None:
    assert not is_personal_email(address)
    assert mask_contacts(f"De documenten worden gericht aan {address}") == (
        f"De documenten worden gericht aan {address}",
        0,
    )


# Real number-like lines of the corpus (dates, amounts, years, counts, postcodes, headings, ids in links).
REAL_SNIPPETS = [
    "de periode 01/09/2021 tot en met 31/12/2023. De projectsubsidie werd verlengd van 01/01/2024 tot",
    "vragen. Graag ontvangen we de documenten tegen 31/03/2025.",
    "• € 35.000 / eerstelijnszone = € 70.000 / Waasland",
    "Het ideale wereldfonds bedraagt 25 000 euro tot eind 2024. Deze middelen willen we inzetten",
    "2023 2024 2025",
    "13/05/2025 - Trax Roeselare",
    "Netwerk jeugdhulp Waas en Dender (10/12/2024)",
    "Bijlage 1). In voorbereiding van dit document gingen we in gesprek met VIVEL (5/9/2024)",
    "mailadressen tot het aantal antwoorden van coördinatoren en voorzitters (76/197; 34%).",
    "3.2.1.3 Uitdagingen rond sensibilisering " + "." * 75 + " 27",
    "6.3.2.1.3 Beweging in verschillende snelheden",
    "0 10 20 30 40 50",
    "en beleidsplan voor 2027-2032. De resultaten van de bevraging tonen aan dat ongeveer",
    "51-100 6% 27% 21% 19%",
    "101-500 65% 51% 31% 23%",
    "Ouders 84 278 117",
    "Gezinnen 45 109 61",
    "<https://issuu.com/stadgeel/docs/infogeel-2209-def/s/16698540>",
    "<https://www.guilford.com/books/Make-Room-for-Baby/Lieberman-Diaz-Castro-Bucio/9781462551903>",
]


@pytest.mark.parametrize("snippet", REAL_SNIPPETS)
def test_dates_amounts_counts_and_headings_are_not_masked(snippet: str) -> None:
    assert mask_contacts(snippet) == (snippet, 0)


@pytest.mark.parametrize("text", ["code 0471 70 46", "reeks 0123 45 67 89", "tabel 00 12 34 56"])
def test_digit_groups_that_are_no_belgian_number_stay(text: str) -> None:
    assert mask_contacts(text) == (text, 0)


def test_a_number_in_brackets_is_masked_and_the_brackets_stay() -> None:
    assert mask_contacts("Bel Sarah (0471 70 46 29) of [+32 9 234 56 78].") == (
        f"Bel Sarah ({PHONE_MASK}) of [{PHONE_MASK}].",
        2,
    )


def test_short_numbers_of_help_and_emergency_lines_stay() -> None:
    text = "Bel 1712 (gratis en anoniem), de Kinder- en Jongerentelefoon op 102, of bij acuut gevaar 112."
    assert mask_contacts(text) == (text, 0)


def test_an_enterprise_number_is_not_a_phone_number() -> None:
    # Same digit count as a mobile number, but it identifies an organisation.
    assert mask_contacts("Ondernemingsnummer 0412.345.678") == ("Ondernemingsnummer 0412.345.678", 0)


@pytest.mark.slow
def test_on_the_real_corpus_only_the_named_contact_is_masked() -> None:
    """Every number-like token of all five documents survives, except those of the one contact block."""
    number_like = re.compile(r"\+?\d(?:[\d ./()-]*\d)?")
    removed: Counter[str] = Counter()
    counts = {}
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        masked, counts[path.name] = mask_contacts(text)
        removed += Counter(number_like.findall(text)) - Counter(number_like.findall(masked))
        assert (
            masked.count(EMAIL_MASK) + masked.count(PHONE_MASK) + masked.count(ADDRESS_MASK)
            == counts[path.name]
        )

    assert counts == {
        "eindrapport-flankerend-onderzoek-kdg.txt": 0,
        "inspiratienota-samen-voorbij-trauma-2023.txt": 0,
        "nota-co-ncept-jeugdhulp-wingg-2025.txt": 0,
        "presentatie-eerstelijnszone-waasland-2024.txt": 0,
        "trajectrapportage-co-ncept-jeugdhulp-2024.txt": 3,
    }
    assert removed == Counter({"0471 70 46 29": 1, "52": 1, "8800": 1})


@pytest.mark.slow
def test_real_snippets_are_from_the_corpus() -> None:
    corpus = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in CORPUS.glob("*.txt"))
    missing = [s for s in [*REAL_SNIPPETS, CONTACT_BLOCK] if " ".join(s.split()) not in corpus]
    assert missing == []
