"""Aktenzeichen, Geschäftszeichen, Kassenzeichen, Steuernummer (file and reference numbers), Drucksache.

Authorities file every letter under a reference the reply should quote. Its inner form is the
authority's own (``012.16/15-02000.he``, ``V I 5 – 121 333-7/1``, ``351/5913/8437``,
``II 3 - 0122/15``) and is kept as written; :func:`parse` only removes what the label left behind
(``Az.:``, ``Unser Zeichen:``, a colon, surrounding punctuation) and collapses runs of spaces.

A *Drucksache* (printed paper of a parliament) is numbered ``Wahlperiode/Nummer``: ``15/1284``,
``Drs. 7/2345``, ``Drucksache 18/123``. :func:`find_drucksache` returns the number without the word.

>>> parse('Az.: 012.16/15-02000.he')
'012.16/15-02000.he'
>>> parse('  V I 5  –  121 333-7/1 ')
'V I 5 – 121 333-7/1'
>>> parse(' - ')
Traceback (most recent call last):
...
amtsbrief.errors.FieldError: a reference needs letters or digits, not only punctuation: ' - '
>>> [(f.value, f.start, f.end) for f in find_drucksache('Antwort zu Drucksache 15/1217 (Drs. 15/1284)')]
[('15/1217', 22, 29), ('15/1284', 36, 43)]
"""

from __future__ import annotations

import re

from amtsbrief.errors import FieldError
from amtsbrief.fields import Found, validity_of

__all__ = ["parse", "is_valid", "find_drucksache"]

# Labels (and their leftovers) that may stick to the front of a value handed over by the caller.
_LABEL = re.compile(
    r"^(?:(?:Unser(?:e)?|Ihr(?:e)?|Mein(?:e)?)\s+Zeichen|Aktenzeichen|Az\.?|AZ|Gz\.?|GZ|Geschäftszeichen"
    r"|Kassenzeichen|Steuernummer|St\.?-?Nr\.?|Steuer-Nr\.?|Zeichen|Tgb\.?-?Nr\.?|Bearbeitungsnummer)"
    r"(?:\s*\([^)]*\))?\s*(?:[:.]\s*|\s+|$)",
    re.IGNORECASE,
)
_LEAD = " \t\n:;,-–—•·|\"'„“”»«"
_TRAIL = " \t\n:;,.-–—•·|\"'„“”»«"
_DRUCKSACHE_WORD = re.compile(
    r"(?:Drucksache|Drucks\.|Drs\.?|BT-Drs\.?|LT-Drs\.?)\s*(?:Nr\.\s*)?(?P<number>\d{1,2}/\d{1,6})(?![\d/])"
)
# A bare "15/1284": at least three digits after the slash, and not part of a longer number chain
# (a Steuernummer "351/5913/8437", an Aktenzeichen "0122/15").
_DRUCKSACHE_BARE = re.compile(r"(?<![\w/.\-])(?P<number>\d{1,2}/\d{3,6})(?![\w/]|[.\-]\d)")

# "12/2015" without the word is a month and year more likely than a Drucksache.
_MONTH_YEAR = re.compile(r"(?:0?[1-9]|1[0-2])/(?:19|20)\d\d")


def parse(text: str) -> str:
    """Clean a reference value: label leftovers and surrounding punctuation off, single spaces inside."""
    if not isinstance(text, str):
        raise FieldError(text, "not a string")
    if not text.strip():
        raise FieldError(text, "no reference given")
    if not any(char.isalnum() for char in text):
        raise FieldError(text, "a reference needs letters or digits, not only punctuation")
    cleaned = " ".join(text.split()).strip(_LEAD)
    cleaned = _LABEL.sub("", cleaned, count=1).strip(_LEAD)
    cleaned = cleaned.rstrip(_TRAIL)  # a full stop here ends the sentence, not the reference
    if not cleaned:
        raise FieldError(text, "only a label, no reference")
    return cleaned


is_valid = validity_of(parse, """Whether ``text`` holds a reference value.""")


def find_drucksache(text: str) -> list[Found[str]]:
    """Every Drucksache number in ``text`` (``15/1284``), without the word, offsets on the number."""
    if not isinstance(text, str) or not text:
        return []
    found = [Found(m.group("number"), m.start("number"), m.end("number")) for m in _DRUCKSACHE_WORD.finditer(text)]
    taken = {(f.start, f.end) for f in found}
    for match in _DRUCKSACHE_BARE.finditer(text):
        span = (match.start("number"), match.end("number"))
        if _MONTH_YEAR.fullmatch(match.group("number")):
            continue
        if span not in taken:
            found.append(Found(match.group("number"), *span))
    found.sort(key=lambda f: f.start)
    return found
