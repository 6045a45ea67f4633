"""Unterschrift (signature block): who signed, in which role, and on whose behalf.

The lines after the complimentary close (blank lines removed) name the signer as typed, maybe with a
role under the name, maybe after an *Auftrag* or *Vertretung* note. The reading (CONTRACT.md,
``signature.*``):

- ``on_behalf``: ``i. A.``, ``i.A.``, ``I. A.``, ``Im Auftrag``, ``im Auftrag`` → ``"i. A."``
  (signed on instruction); ``i. V.``, ``i.V.``, ``In Vertretung`` → ``"i. V."`` (signed as deputy);
- ``name`` as typed (``F. Vogel``, ``Dr. Maria Schneider``), without ``gez.`` (signed, for a typed
  copy) and without the parentheses of a typed ``(Dr. Lindl)``; ``i. A. Müller`` on one line gives
  the name ``Müller``;
- ``role``: the first role line right after the name (``Landrat``, ``Bürgermeisterin``,
  ``Leiterin des Bürgeramtes``);
- a line naming the authority (``Landeshauptstadt Düsseldorf``, ``Der Oberbürgermeister``) is neither
  name nor role: ``im Auftrag`` / ``Der Oberbürgermeister`` names nobody.

Role and authority words are in ``models/roles.json``.

>>> parse(['i. A.', 'F. Vogel'])
SignatureReading(name='F. Vogel', role=None, on_behalf='i. A.')
>>> parse(['gez. (Dr. Lindl)', 'Landrat'])
SignatureReading(name='Dr. Lindl', role='Landrat', on_behalf=None)
>>> parse(['im Auftrag', 'Der Oberbürgermeister'])
SignatureReading(name=None, role=None, on_behalf='i. A.')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from amtsbrief.errors import FieldError
from amtsbrief.fields import _vocabulary

__all__ = ["SignatureReading", "parse", "ON_BEHALF", "is_on_behalf_line", "is_role_line"]

_ON_BEHALF = ON_BEHALF = re.compile(
    r"^(?:(?P<a>[iI]\.\s?A\.?|[iI]m\s+Auftrag(?:e)?)|(?P<v>[iI]\.\s?V\.?|[iI]n\s+Vertretung))(?=[\s,]|$)[,]?\s*"
)
_SIGNED = re.compile(r"^(?:gez\.|gezeichnet)\s*", re.IGNORECASE)


def is_on_behalf_line(line: str) -> bool:
    """Whether a line is only an ``i. A.``/``i. V.``/``gez.`` note (the name then follows below it)."""
    text = line.strip()
    match = ON_BEHALF.match(text) or _SIGNED.match(text)
    return bool(match) and not text[match.end():].strip()
_PARENTHESES = re.compile(r"^\((.*)\)$")
_NAME_TOKEN = re.compile(
    r"^(?:[A-ZÄÖÜ][^\W\d_]*(?:[-'’][A-ZÄÖÜa-zäöüß][^\W\d_]*)*\.?|[A-ZÄÖÜ]\.(?:-[A-ZÄÖÜ]\.)?"
    r"|von|van|de|der|den|zu|vom|zum|di|da|du|le|la|ten|ter)$"
)
_ACADEMIC = re.compile(r"^(?:Dr\.|Prof\.|Dr\.-Ing\.|Dipl\.-\w+\.?|med\.|rer\.|nat\.|jur\.|phil\.|h\.\s?c\.)$")


@dataclass(frozen=True, slots=True)
class SignatureReading:
    """The signature block read: ``name`` as typed, ``role``, ``on_behalf`` ``"i. A."``/``"i. V."``/``None``."""

    name: str | None = None
    role: str | None = None
    on_behalf: str | None = None


@cache
def _words() -> dict:
    vocabulary = _vocabulary.load("roles.json")
    return {
        "roles": frozenset(vocabulary["roles"]),
        "suffixes": tuple(vocabulary["role_suffixes"]),
        "prefixes": frozenset(vocabulary["role_prefixes"]),
        "authority": frozenset(vocabulary["authority_words"]),
        "endings": tuple(vocabulary["authority_endings"]),
        "closings": frozenset(closing.lower() for closing in vocabulary["closings"]),
    }


def _is_role(line: str) -> bool:
    words = _words()
    tokens = line.split()
    while tokens and tokens[0] in words["prefixes"]:
        tokens = tokens[1:]
    if not tokens:
        return False
    first = tokens[0].rstrip(",")
    return first in words["roles"] or (first[:1].isupper() and first.lower().endswith(words["suffixes"]))


def is_role_line(line: str) -> bool:
    """Whether a line names a function (``Ministerin``, ``Leiterin des Bürgeramtes``)."""
    return isinstance(line, str) and _is_role(line.strip())


def _is_authority(line: str) -> bool:
    words = _words()
    tokens = line.split()
    if tokens[0] in words["authority"]:
        return True
    return any(token.lower().rstrip(".,").endswith(words["endings"]) for token in tokens)


def _is_name(line: str) -> bool:
    tokens = line.split()
    if not 1 <= len(tokens) <= 5 or len(line) > 60:
        return False
    if not all(_NAME_TOKEN.match(token) for token in tokens):
        return False
    return not all(_ACADEMIC.match(token) for token in tokens)


_SIGNERS_JOIN = re.compile(r",\s*|\s+und\s+")


def _is_signers_list(line: str) -> bool:
    """Several signers on one line ("A. Muster, Dr. B. Beispiel und Fraktion"), as a parliament's motion or
    inquiry is signed: two or more names (the last may be the Fraktion) joined by commas and "und"."""
    parts = _SIGNERS_JOIN.split(line)
    return len(parts) >= 2 and " und " in line and all(_is_name(part) for part in parts) \
        and sum(len(part.split()) >= 2 for part in parts) >= 2


def _clean(line: str) -> str:
    line = " ".join(line.split())
    line = _SIGNED.sub("", line)
    parenthesised = _PARENTHESES.match(line)
    if parenthesised:
        line = _SIGNED.sub("", parenthesised.group(1).strip())
    return line.strip(" ,;")


def parse(lines: list[str]) -> SignatureReading:
    """Read a signature block (the lines after the closing, blank lines removed)."""
    if isinstance(lines, str) or not isinstance(lines, (list, tuple)):
        raise FieldError(lines, "not a list of lines")
    if not all(isinstance(line, str) for line in lines):
        raise FieldError(lines, "not a list of lines")
    on_behalf = None
    name = None
    role = None
    after_name: list[str] = []
    for raw in lines:
        line = " ".join(raw.split())
        if not line or line.lower().rstrip(",") in _words()["closings"]:
            continue
        marker = _ON_BEHALF.match(line)
        if marker:
            on_behalf = on_behalf or ("i. A." if marker.group("a") else "i. V.")
            line = line[marker.end() :]
        line = _clean(line)
        if not line:
            continue
        if name is not None:
            after_name.append(line)
            continue
        if _is_signers_list(line):
            name = line
            continue
        if "," in line:  # "Dr. Max Meier, Landrat"
            head, _, tail = line.partition(",")
            if _is_name(head.strip()) and _is_role(tail.strip()):
                name, role = head.strip(), tail.strip()
                continue
        if _is_role(line) or _is_authority(line):
            continue
        if _is_name(line):
            name = line
    if name is not None and role is None:
        # Only directly under the name: further down come the authority's name and address.
        for line in after_name[:2]:
            if _is_role(line):
                role = line
                break
            if not (_PARENTHESES.match(line) or _is_name(line)):
                break
    return SignatureReading(name, role, on_behalf)


def is_valid(lines: list[str]) -> bool:
    """Whether ``lines`` name a signer."""
    try:
        return parse(lines).name is not None
    except FieldError:
        return False
