"""Mask personal contact data in document text before it is indexed: phone numbers, personal e-mail
addresses and the address field of a form.

The rules, so that a privacy officer can check them:
- Phone numbers: every Belgian number, national ("0471 70 46 29", "051/23 45 67", "09 123 45 67",
  "0471704629") or international ("+32 471 70 46 29", "+32 (0)9 123 45 67", "0032 ..."), as the
  `phonenumbers` library finds them. A number is only masked when it is written with its 0 or +32 and its
  digits make a Belgian number (9 digits, or 10 for a mobile 04..), so dates (31/03/2025), amounts
  (€ 35.000), years, postcodes, page counters, numbered headings and short numbers (1712, 112) stay.
- E-mail addresses: masked when personal, kept when functional.
  Personal = on a private mail provider (gmail.com, telenet.be, ...) whatever its name, or a local part
  shaped like a person's name: two or more letter groups joined by ".", "_" or "-" ("louise.delputte",
  "l.delputte", "jan_peeters").
  Functional = a single-word local part on an organisation's domain ("info@...", "idealewereld@opgroeien.be"),
  or any local part containing a known role word ("secretariaat.jeugdhulp@..."). Known gap: a bare first
  name on an organisation's domain ("jan@org.be") is kept.
- Addresses: the value of a form field labelled "Adres", "Postadres", "Woonadres" or "Domicilie", up to
  and including its postcode and municipality ("Adres   De Zilten 52 | 8800 Roeselare"). Addresses in running
  text are kept: without the label they cannot be told apart from an organisation's address.
- Names of people are kept: they appear in a professional role, and no reliable Dutch name detector runs here.
"""

from __future__ import annotations

import re

import phonenumbers

PHONE_MASK = "[telefoon verwijderd]"
EMAIL_MASK = "[e-mail verwijderd]"
ADDRESS_MASK = "[adres verwijderd]"

# Mailboxes of a role or service, not of a person (compared with each part of the local part).
FUNCTIONAL_MAILBOX_WORDS = frozenset(
    {
        "admin", "administratie", "algemeen", "boekhouding", "communicatie", "contact", "facturatie",
        "helpdesk", "hello", "hallo", "info", "inschrijvingen", "jobs", "klachten", "mail", "nieuwsbrief",
        "noreply", "no-reply", "office", "ombudsdienst", "onthaal", "pers", "post", "press", "redactie",
        "secretariaat", "support", "team", "vacatures", "vorming", "vragen", "welkom",
    }
)  # fmt: skip

# Private mailboxes: an address here belongs to a person whatever its local part looks like.
PRIVATE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "hotmail.com", "hotmail.be", "outlook.com", "outlook.be", "live.com",
        "live.be", "msn.com", "yahoo.com", "yahoo.fr", "icloud.com", "me.com", "telenet.be", "skynet.be",
        "proximus.be", "scarlet.be", "protonmail.com", "proton.me", "gmx.com", "gmx.net",
    }
)  # fmt: skip

_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")

# An enterprise number (ondernemingsnummer "0412.345.678") has a mobile's digit count but is not personal.
_COMPANY_NUMBER = re.compile(r"0\d{3}\.\d{3}\.\d{3}")
# How a phone number starts: "+32", "0032", or the 0 joined to the zone ("09 ...", "0471 ..."). Digits
# without it are a count, a year range or a table row ("Ouders 84 278 117", a chart axis "0 10 20 30 40").
_WRITTEN_PREFIX = re.compile(r"\+|0\d")
_BRACKETS_AS_SPACES = str.maketrans("()[]", "    ")

_ADDRESS = re.compile(
    r"""
    (?P<label>\b(?:Adres|Postadres|Woonadres|Domicilie)\b[ \t]*:?[ \t]*)  # the form field's label (kept)
    (?P<value>[^\n]{0,80}?                                     # street and number, on the same line
      \b[1-9]\d{3}[ \t]+[A-ZÀ-Ý][\w'-]*  # postcode and municipality (Flemish ones are one word: Sint-Niklaas)
    )
    """,
    re.VERBOSE,
)


def mask_contacts(text: str) -> tuple[str, int]:
    """Replace personal contact data by a marker ("[telefoon verwijderd]", ...); return the text and the
    number of items masked. The rules are in this module's docstring."""
    # E-mail first: the digits of an address must not be read as a phone number.
    text, emails = _mask_emails(text)
    text, addresses = _ADDRESS.subn(lambda match: match.group("label") + ADDRESS_MASK, text)
    text, phones = _mask_phones(text)
    return text, emails + addresses + phones


def is_personal_email(address: str) -> bool:
    """True for an address that belongs to a person (see the module docstring for the rule)."""
    local, _, domain = address.lower().rpartition("@")
    if domain in PRIVATE_MAIL_DOMAINS:
        return True
    if local in FUNCTIONAL_MAILBOX_WORDS:
        return False
    parts = re.split(r"[._+-]", local)
    if any(part in FUNCTIONAL_MAILBOX_WORDS for part in parts):
        return False
    name_parts = [part for part in parts if re.fullmatch(r"[^\W\d_]+\d*", part)]
    return len(name_parts) >= 2


def _mask_emails(text: str) -> tuple[str, int]:
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        if not is_personal_email(match.group()):
            return match.group()
        count += 1
        return EMAIL_MASK

    return _EMAIL.sub(replace, text), count


def _mask_phones(text: str) -> tuple[str, int]:
    # The matcher finds the candidates and leaves dates and times alone; _is_belgian_number decides.
    # POSSIBLE, not VALID: a number in a range not handed out today ("09 123 45 67") is still masked.
    # Brackets become spaces (same offsets): the matcher drops a number that brackets enclose whole,
    # "(0471 70 46 29)", and reads "+32 (0)9" as well without them.
    unbracketed = text.translate(_BRACKETS_AS_SPACES)
    pieces: list[str] = []
    end = count = 0
    for match in phonenumbers.PhoneNumberMatcher(unbracketed, "BE", leniency=phonenumbers.Leniency.POSSIBLE):
        if _is_belgian_number(match):
            pieces += [text[end : match.start], PHONE_MASK]
            end, count = match.end, count + 1
    return "".join(pieces) + text[end:], count


def _is_belgian_number(match: phonenumbers.PhoneNumberMatch) -> bool:
    """A Belgian number written with its 0 or +32 / 0032: 8 digits after it for a landline or service
    number, 9 for a mobile 4.. (a short advice line such as 1712 has neither and is kept)."""
    number = match.number
    if number.country_code != 32 or not _WRITTEN_PREFIX.match(match.raw_string):
        return False
    if _COMPANY_NUMBER.fullmatch(match.raw_string):
        return False
    digits = str(number.national_number)
    return len(digits) == 8 or (len(digits) == 9 and digits.startswith("4"))
