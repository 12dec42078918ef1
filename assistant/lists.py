"""Lists in passages and the number of items a question asks for: a numbered list ("1. ... 2. ..."), or a
line that announces a number of items and the bullets that follow it ("Het project heeft drie hoofddoelen:"
then three "- ..." lines)."""

from __future__ import annotations

import re

from basics.typography import BULLET_GLYPHS

NUMBER_WORDS = {
    "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10,
    "elf": 11, "twaalf": 12,
}  # fmt: skip
# Tens and round numbers as written out ("de zestig trajecten"), for a figure the documents write in digits.
_ROUND_NUMBERS = {
    "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80,
    "negentig": 90, "honderd": 100, "duizend": 1000,
}  # fmt: skip
_NUMBER = rf"(?:{'|'.join(NUMBER_WORDS)}|[1-9]\d?)"
# "welke zes stappen", "de acht bouwstenen", "die drie hoofddoelen": a number right before the things counted.
_COUNTED = re.compile(rf"\b(?:welke|de|die|deze|alle|ze|zijn)\s+({_NUMBER})\s+[^\W\d_]{{3,}}", re.IGNORECASE)
_LIST_ITEM = re.compile(r"(?:^|(?<=\s))(\d{1,2})[.)]\s+(?=[A-ZÀ-Ý])")
_BULLET = rf"^\s*(?:[{re.escape(BULLET_GLYPHS)}*-]|\d{{1,2}}[.)])\s+"
_BULLET_MARK = re.compile(_BULLET)
_BULLET_LINE = re.compile(_BULLET + r"\S")


def counted_items(need: str) -> int | None:
    """The number of things the need names right before them ("Welke zes stappen doorloop je?" -> 6, "welke
    acht bouwstenen" -> 8), or None: a number that counts nothing asked ("van 0 tot 3 jaar") is none."""
    match = _COUNTED.search(need)
    if match is None:
        return None
    word = match.group(1).lower()
    count = NUMBER_WORDS.get(word) or int(word)
    return count if 1 < count < 30 else None


def list_items(text: str) -> list[str]:
    """The items of the numbered list in `text` (1., 2., ... in order), each verbatim on one line."""
    found = numbered_lists(text)
    return found[0][1] if found else []


def numbered_lists(text: str, lead_lines: int = 1) -> list[tuple[str, list[str]]]:
    """Every numbered list in `text` (1., 2., ... in order; a new "1." starts the next one), with the line
    right before it (its lead-in, "Opbouw samenwerkingsoverleg bij einde."; "" when none), or the
    `lead_lines` lines before it (a title, then a line on its purpose: "Opbouw samenwerkingsoverleg bij
    start, startgesprek.", "Doel van het Gesprek: ...")."""
    lines = [line.strip() for line in text.splitlines()]
    flat = ""
    for line in lines:
        if not line:
            flat += "\n"
        elif flat and not flat.endswith("\n") and line[:1].islower():
            flat += " " + line  # a wrapped item continues in lower case
        else:
            flat += ("\n" if flat else "") + line
    starts = list(_LIST_ITEM.finditer(flat))
    found: list[tuple[str, list[str]]] = []
    items: list[str] = []
    lead = ""
    for i, match in enumerate(starts):
        number = int(match.group(1))
        end = starts[i + 1].start() if i + 1 < len(starts) else len(flat)
        item = flat[match.end() : end].split("\n")[0].strip()
        if number != len(items) + 1 or not item:  # the list ends; a "1." starts the next one
            if items:
                found.append((lead, items))
            items = []
            if number != 1 or not item:
                continue
        if number == 1:
            before = [line.strip() for line in flat[: match.start()].rstrip("\n").split("\n")[-lead_lines:]]
            lead = "" if _LIST_ITEM.match(before[-1]) else "\n".join(line for line in before if line)
        items.append(item)
    if items:
        found.append((lead, items))
    return found


def gives_items(text: str, count: int) -> bool:
    """`text` lists at least `count` items: a numbered list that long, or a line ending in ":" followed by
    that many bullet lines, or by bullets up to the end of `text` (the chunk boundary cut the list; the next
    passage goes on with it). "Instrument bestaande uit 6 stappen" names the steps' number, not the steps."""
    if len(list_items(text)) >= count:
        return True
    lines = [line for line in text.splitlines() if line.strip()]
    for i, _lead, bullets in _lead_ins(lines):
        if len(bullets) >= count or (bullets and i + 1 + len(bullets) == len(lines)):
            return True
    return False


def bulleted_lists(text: str) -> list[tuple[str, list[str]]]:
    """(lead-in line, items) for every line of `text` ending in ":" that at least two bullet lines follow;
    each item without its bullet ("- Met welke bril ...?" -> "Met welke bril ...?")."""
    lines = [line for line in text.splitlines() if line.strip()]
    return [
        (lead.strip(), [_item(b) for b in bullets])
        for _, lead, bullets in _lead_ins(lines)
        if len(bullets) >= 2
    ]


def described_list(text: str) -> tuple[str, list[str]] | None:
    """(first line, items) when `text` is one line that is no bullet followed only by bullet lines, at least
    two: a slide or fiche that says what something is and then lists its points ("Zwangerschapscentrum dat
    kwetsbare zwangere vrouwen ... begeleidt" then "- Beperkte middelen (...)"); None otherwise."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 3 or _BULLET_LINE.match(lines[0]) or lines[0].rstrip().endswith(":"):
        return None
    if not all(_BULLET_LINE.match(line) for line in lines[1:]):
        return None
    return lines[0].strip(), [_item(line) for line in lines[1:]]


def _item(bullet_line: str) -> str:
    return _BULLET_MARK.sub("", bullet_line).strip()


def _lead_ins(lines: list[str]) -> list[tuple[int, str, list[str]]]:
    """(index, line, the bullet lines right after it) for each line ending in ":"."""
    found = []
    for i, line in enumerate(lines):
        if line.rstrip().endswith(":"):
            bullets = []
            for after in lines[i + 1 :]:
                if not _BULLET_LINE.match(after):
                    break
                bullets.append(after)
            found.append((i, line, bullets))
    return found


def spelled_number(word: str) -> int | None:
    """The value of a number written out ("zestig" -> 60, "acht" -> 8), else None."""
    lowered = word.lower()
    return NUMBER_WORDS.get(lowered) or _ROUND_NUMBERS.get(lowered)


_SPELLED = {value: word for word, value in (NUMBER_WORDS | _ROUND_NUMBERS).items()}


def spelled_number_words() -> tuple[str, ...]:
    """Every number this module reads written out ("twee" ... "twaalf", "twintig" ... "duizend")."""
    return tuple(_SPELLED.values())


def spelled_figures(text: str) -> list[str]:
    """The numbers `text` writes in digits, written out where they have a word ("de 60 eerstelijnszones" ->
    ["zestig"]): what a question that writes them out ("in die zestig zones") shares with the sentence."""
    numbers = re.findall(r"(?<![\d.,])\d{1,4}(?!\d|[.,]\d|\s\d{3}\b)", text)  # not "30" of "30 000"
    return [_SPELLED[int(n)] for n in numbers if int(n) in _SPELLED]


def gives_figure(word: str, text: str) -> bool:
    """`word` is a number written out and `text` has it in digits ("zestig" and "de 60 eerstelijnszones")."""
    value = spelled_number(word)
    return value is not None and re.search(rf"(?<![\d.,]){value}(?![\d])", text) is not None
