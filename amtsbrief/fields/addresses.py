"""Anschrift (postal address): street line, postal line, and the return-address line.

German addresses end in a *Straßenzeile* (street line: street name and house number, or a Postfach)
and an *Ortszeile* (postal line: postcode and city). Postcodes and cities are kept as written
(CONTRACT.md): five digits since 1993 (``09456 Annaberg-Buchholz``), four before with a district number
(``8000 München 2``), with the 1990–93 West/East prefixes (``W-8000``, ``O-9300``) or a country prefix
(``D-53175``).

A *Rücksendeangabe* (return-address line) over the window joins authority, street and postal line with
a separator (``•``, ``·``, `` - ``, `` – ``, `` | ``, ``, ``); :func:`split_return_address` takes it
apart without cutting hyphenated names (``Paulus-Jenisius-Str.``, ``Annaberg-Buchholz``) or house
number ranges (``Bogenstr. 1 - 8``).

>>> parse_postal_line('09456 Annaberg-Buchholz')
('09456', 'Annaberg-Buchholz')
>>> parse_postal_line('W-8000 München 2')
('W-8000', 'München 2')
>>> parse_postal_line('Ihre Frage vom 02.09.2015')
Traceback (most recent call last):
...
amtsbrief.errors.FieldError: not a postal line (postcode and city): 'Ihre Frage vom 02.09.2015'
>>> is_street_line('Paulus-Jenisius-Str. 24'), is_street_line('Postfach 20 03 63')
(True, True)
>>> is_street_line('Das sind 3')
False
>>> split_return_address('Landratsamt Erzgebirgskreis • Paulus-Jenisius-Str. 24 • 09456 Annaberg-Buchholz')
['Landratsamt Erzgebirgskreis', 'Paulus-Jenisius-Str. 24', '09456 Annaberg-Buchholz']
>>> parse('Postfach 1565 - 33245 Gütersloh')
Address(street='Postfach 1565', postal_code='33245', city='Gütersloh')
"""

from __future__ import annotations

import re

from amtsbrief.errors import FieldError
from amtsbrief.text import once_per_letter
from amtsbrief.schema import Address

__all__ = [
    "parse_postal_line",
    "is_postal_line",
    "is_street_line",
    "parse",
    "parse_lines",
    "split_return_address",
]

# City: starts with a capital, words of letters (with hyphens, dots, parentheses: "Halle (Saale)",
# "Frankfurt a. M.", "Frankfurt am Main"), at most five words, maybe a district number ("München 2").
_CITY = (
    r"[A-ZÄÖÜ][^\W\d_]*\.?(?:[\-/][A-ZÄÖÜa-zäöüß][^\W\d_]*\.?|(?<=\.)[A-ZÄÖÜ]\.?)*"
    r"(?:\s(?:[A-ZÄÖÜ(][^\W\d_]*[.)]?(?:[\-/][^\W\d_]+\.?)*|a\.|am|an|auf|der|den|in|im|bei|ob|vor|unter|zu|zum|d\.|i\.|b\.|M\.)){0,4}"
    r"(?:\s\d{1,2})?"
)
_POSTAL = re.compile(r"(?P<code>(?:[A-Z]{1,2}-)?\d{5}|(?:[A-Z]{1,2}-)?\d{4})\s+(?P<city>" + _CITY + r")")
_POSTFACH = re.compile(r"(?i:Postfach|Postschließfach|PF\.?|P\.?\s?O\.? Box)\s+\d[\d ]{0,12}\d|(?i:Postfach|PF\.?|P\.?\s?O\.? Box)\s+\d")
_HOUSE_NUMBER = r"\d{1,4}\s?[a-zA-Z]?(?:\s?[-–/]\s?\d{1,4}\s?[a-zA-Z]?)?"
# Street name words: capitalised words (with hyphens and the "Str." abbreviation), ordinals
# ("Straße des 17. Juni"), and the small words street names use.
_STREET_WORD = (
    r"(?:[A-ZÄÖÜ][^\W\d_]*(?:[.\-][^\W\d_]*)*\.?(?:-[A-ZÄÖÜ][^\W\d_]*\.?)*|\d{1,2}\."
    r"|am|an|auf|bei|dem|den|der|des|die|im|in|unter|vor|vom|von|zum|zur|zu|über|hinter|und|St\.)"
)
# An abbreviated street name may keep a comma before its number as printed (Raiffeisenstr., 1).
_STREET = re.compile(r"(?P<name>" + _STREET_WORD + r"(?:\s" + _STREET_WORD + r"){0,5})(?:(?<=\.),)?\s+(?P<number>" + _HOUSE_NUMBER + r")")
# Words that begin sentences, never street names: "Das sind 3", "Mit 5".
_NOT_STREET_START = re.compile(r"^(?:Das|Die|Der|Es|Er|Sie|Wir|Ich|Mit|Seit|Nach|Bis|Von|Vom|Im|In|Zu|Zum|Zur|Für|Über|Ab|Um|Seite|Anlage|Anlagen|Nr\.|Tel\.?|Fax|Telefon|Zimmer|Raum)\b")
_STREET_STARTERS_OK = re.compile(r"^(?:Am|An|Auf|Im|In|Unter|Vor|Zum|Zur|Hinter|Über)\s+(?:den|der|dem|die|des\s)?\s*[A-ZÄÖÜ]")

# Separators of a return-address line. A spaced dash separates unless it joins a house number range
# ("Bogenstr. 1 - 8 •"), i.e. unless a short number followed by another separator or the end comes next.
_SEPARATOR = re.compile(
    r"\s*[•·|]\s*"
    r"|\s\.\s"  # a middle dot as OCR reads it
    r"|,\s+"
    r"|\s[-–—]\s(?!\d{1,4}\s?[a-zA-Z]?\s*(?:[•·|,]|\s[-–—]\s|$))"
)
_TRAIL = " .,;:"


_SENTENCE_END = re.compile(r"[a-zäöüß]{2}\.$")


def _postal_match(text: str) -> re.Match | None:
    cleaned = " ".join(text.split()).strip(" ,;:")
    # A full stop after a word ends a sentence ("53133 Bonn."); after an initial it abbreviates ("O.L.").
    if _SENTENCE_END.search(cleaned):
        cleaned = cleaned.rstrip(".")
    return _POSTAL.fullmatch(cleaned)


def parse_postal_line(text: str) -> tuple[str, str]:
    """Read a postal line into ``(postal_code, city)``, both as written."""
    if not isinstance(text, str):
        raise FieldError(text, "not a string")
    match = _postal_match(text)
    if not match:
        raise FieldError(text, "not a postal line (postcode and city)")
    return match.group("code"), match.group("city")


def is_postal_line(text: str) -> bool:
    """Whether ``text`` is a postal line (postcode and city)."""
    return isinstance(text, str) and _is_postal_text(text)


@once_per_letter
def _is_postal_text(text: str) -> bool:
    # Asked of most header and footer lines, some several times: no FieldError raised and caught for
    # each that is not one, and each line's answer found once per letter.
    return _postal_match(text) is not None


def is_street_line(text: str) -> bool:
    """Whether ``text`` is a street line: a street name and house number, or a Postfach."""
    if not isinstance(text, str):
        return False
    cleaned = " ".join(text.split()).strip(_TRAIL)
    if len(cleaned) > 60:
        return False
    if _POSTFACH.fullmatch(cleaned):
        return True
    if not _STREET.fullmatch(cleaned):
        return False
    return not _NOT_STREET_START.match(cleaned) or bool(_STREET_STARTERS_OK.match(cleaned))


def split_return_address(text: str) -> list[str]:
    """Split a return-address line into its parts, keeping hyphenated names and number ranges whole."""
    if not isinstance(text, str):
        return []
    cleaned = " ".join(text.split())
    return [_trimmed_part(part) for part in _SEPARATOR.split(cleaned) if part.strip(_TRAIL + "-–—")]


def _trimmed_part(part: str) -> str:
    """A part without the punctuation around it; a closing full stop stays after an abbreviation (``O.L.``)."""
    trimmed = part.strip(_TRAIL)
    if part.rstrip().endswith(".") and re.search(r"\b\w\.\w$", trimmed):
        return trimmed + "."
    return trimmed


def _address(parts: list[str], text: object) -> Address:
    """The last postal part and the street part before it."""
    for index in range(len(parts) - 1, -1, -1):
        if is_postal_line(parts[index]):
            code, city = parse_postal_line(parts[index])
            street = next((p for p in reversed(parts[:index]) if is_street_line(p)), None)
            return Address(street=" ".join(street.split()).strip(_TRAIL) if street else None, postal_code=code, city=city)
    raise FieldError(text, "no postal line (postcode and city) in the address")


def parse(text: str) -> Address:
    """Read a one-line address (``Paulus-Jenisius-Str. 24, 09456 Annaberg-Buchholz``)."""
    if not isinstance(text, str):
        raise FieldError(text, "not a string")
    if not text.strip():
        raise FieldError(text, "no address given")
    return _address(split_return_address(text), text)


def parse_lines(lines: list[str]) -> Address:
    """Read an address block: street line, then postal line; name or c/o lines before are ignored."""
    if not isinstance(lines, (list, tuple)) or not all(isinstance(line, str) for line in lines):
        raise FieldError(lines, "not a list of lines")
    parts: list[str] = []
    for line in lines:
        parts.extend(split_return_address(line) if line.strip() else [])
    return _address(parts, lines)
