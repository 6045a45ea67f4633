"""Anrede, Titel und Name (salutation, title and name) of a person a letter addresses.

An addressee block or salutation line names a person as *Anrede* (``Frau``/``Herr``, in the accusative
``Herrn``), then titles, then the name. The reading keeps the title as written, academic and role titles
together in order (``Stadträtin Dr.``), and normalises the salutation to ``Frau``/``Herr``
(CONTRACT.md, ``recipient.*``). Titles come from ``models/titles.json``.

- :func:`parse` reads an addressee or name line: ``Frau Kreisrätin Ulrike Kahl``,
  ``Herrn Dr. Max Meier``, ``Herrn Minister`` (title, no name), ``Herrn Abgeordneten Michael Neyses``;
- :func:`from_salutation` reads a salutation line: ``Sehr geehrte Frau Kreisrätin Kahl,``,
  ``Liebe Frau Schmidt,``, ``Guten Tag Herr Meyer,``; ``Sehr geehrte Damen und Herren,`` names nobody.

>>> parse('Frau Stadträtin Dr. Eva Sommer')
Person(salutation='Frau', title='Stadträtin Dr.', name='Eva Sommer')
>>> parse('Herrn Minister')
Person(salutation='Herr', title='Minister', name=None)
>>> from_salutation('Sehr geehrte Frau Kreisrätin Kahl,')
Person(salutation='Frau', title='Kreisrätin', name='Kahl')
>>> from_salutation('Sehr geehrte Damen und Herren,')
Person(salutation=None, title=None, name=None)
>>> from_salutation('Ihre Anfrage vom 2. Mai')
Traceback (most recent call last):
...
amtsbrief.errors.FieldError: not a salutation line (Sehr geehrte …, Liebe …, Guten Tag …): 'Ihre Anfrage vom 2. Mai'
>>> normalise_salutation('Herrn')
'Herr'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from amtsbrief.errors import FieldError
from amtsbrief.fields import _vocabulary, validity_of

__all__ = ["Person", "parse", "is_valid", "from_salutation", "normalise_salutation"]

_SALUTATIONS = {"frau": "Frau", "fr.": "Frau", "herr": "Herr", "herrn": "Herr", "hr.": "Herr", "hrn.": "Herr"}
_GREETING = re.compile(
    r"^(?:Sehr\s+geehrte(?:[rs]|/r|\(r\)|\*r|:r|_r)?(?:\s+(?:Herr|Frau)/(?:Herr|Frau)\b)?|Sehr(?=\s*<<)|Sehr\s+verehrte[rs]?|Hochverehrte[rs]?|Verehrte[rs]?|Geehrte[rs]?"
    r"|Liebe[rs]?|Guten\s+(?:Tag|Morgen|Abend)|Hallo|Grüß\s+Gott|Moin|Werte[rs]?)(?=[\s,!]|$)[,!]?\s*",
    re.IGNORECASE,
)
# Where a second addressee begins: "Sehr geehrte Frau A, sehr geehrter Herr B".
_NEXT_ADDRESSEE = re.compile(r"\s*(?:[,;!]|\s(?:und|sowie)\s+(?:sehr\s+)?(?:geehrte|liebe)).*$", re.IGNORECASE | re.DOTALL)
_EVERYONE = re.compile(r"^(?:Damen\s+und\s+Herren|Herren\s+und\s+Damen|Kolleginnen\s+und\s+Kollegen|alle)\b", re.IGNORECASE)
_NOT_A_NAME = re.compile(r"[\d@/:;]")
# A redaction placeholder stands where a name was cut ("<< Antragsteller:in >>", "[geschwärzt]"): it is no
# name, and nothing is read from it.
PLACEHOLDER = re.compile(r"<<[^<>]{0,60}>>|\[\s*(?:geschwärzt|anonymisiert|entfernt|redacted|Name)\s*\]", re.I)
_TRAIL = " ,;:!"  # not ".": it ends "Dr." and initials


@dataclass(frozen=True, slots=True)
class Person:
    """A person as addressed: ``salutation`` ``"Frau"``/``"Herr"``, ``title`` and ``name`` as written."""

    salutation: str | None = None
    title: str | None = None
    name: str | None = None


@cache
def _titles() -> dict[tuple[str, ...], int]:
    """Every title as a token sequence, for longest-first matching."""
    vocabulary = _vocabulary.load("titles.json")
    phrases = {tuple(title.split()) for group in vocabulary.values() for title in group}
    return {phrase: len(phrase) for phrase in phrases}


@cache
def _longest_title() -> int:
    return max(_titles().values())


def _title_at(tokens: list[str], position: int) -> int:
    """How many tokens from ``position`` form a title (0 if none)."""
    titles = _titles()
    for size in range(min(_longest_title(), len(tokens) - position), 0, -1):
        if tuple(tokens[position : position + size]) in titles:
            return size
    return 0


def normalise_salutation(text: str) -> str:
    """``Frau`` or ``Herr`` for a written salutation (``Herrn``, ``Hr.``, ``Fr.``)."""
    if not isinstance(text, str):
        raise FieldError(text, "not a string")
    try:
        return _SALUTATIONS[text.strip().lower()]
    except KeyError:
        raise FieldError(text, "not a salutation (Frau, Herr, Herrn)") from None


def _read(text: str, original: object) -> Person:
    tokens = PLACEHOLDER.sub(" ", text).split()
    if tokens and tokens[0] == "An":
        tokens = tokens[1:]
    salutation = None
    if tokens and tokens[0].lower() in _SALUTATIONS:
        salutation = _SALUTATIONS[tokens[0].lower()]
        tokens = tokens[1:]
    titles: list[str] = []
    while tokens:
        size = _title_at(tokens, 0)
        if not size:
            break
        titles.extend(tokens[:size])
        tokens = tokens[size:]
    # Post-nominal titles ("Max Meier MdL") belong to the title too.
    while tokens and len(tokens) > 1 and _title_at(tokens, len(tokens) - 1) == 1 and tokens[-1].startswith("Md"):
        titles.append(tokens.pop())
    name = " ".join(tokens).strip(_TRAIL) or None
    if name and _NOT_A_NAME.search(name):
        raise FieldError(original, "not a person's name (digits or punctuation in it)")
    return Person(salutation, " ".join(titles) or None, name)


def parse(text: str) -> Person:
    """Read an addressee or name line (``Herrn Dr. Max Meier``) into a :class:`Person`."""
    if not isinstance(text, str):
        raise FieldError(text, "not a string")
    cleaned = " ".join(text.split()).strip(_TRAIL)
    if not cleaned:
        raise FieldError(text, "no name given")
    return _read(cleaned, text)


is_valid = validity_of(parse, """Whether ``text`` reads as an addressee or name line.""")


def from_salutation(line: str) -> Person:
    """Read the person a salutation line greets; all ``None`` for ``Sehr geehrte Damen und Herren``."""
    if not isinstance(line, str):
        raise FieldError(line, "not a string")
    cleaned = " ".join(line.split())
    greeting = _GREETING.match(cleaned)
    if not greeting:
        raise FieldError(line, "not a salutation line (Sehr geehrte …, Liebe …, Guten Tag …)")
    rest = _NEXT_ADDRESSEE.sub("", PLACEHOLDER.sub(" ", cleaned[greeting.end() :])).strip(_TRAIL)
    if not rest or _EVERYONE.match(rest):
        return Person()
    return _read(rest, line)
