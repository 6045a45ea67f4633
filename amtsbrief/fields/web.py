"""Internetadresse (web address) as the letter writes it.

Footers print the authority's site (``Internet: www.erzgebirgskreis.de``), letters cite pages
(``https://www.berlin.de/ba-pankow``). The value is kept as written, minus trailing punctuation of the
sentence and surrounding angle brackets; nothing is added (no ``https://`` before a ``www.``).

- :func:`parse` reads a string that is one address: with a scheme (``http://``, ``https://``), with
  ``www.``, or a bare domain such as ``bsi.bund.de`` (the caller has a label saying it is one);
- :func:`find` looks in running text only for addresses with a scheme or ``www.``, and never inside an
  e-mail address.

>>> parse('www.erzgebirgskreis.de.')
'www.erzgebirgskreis.de'
>>> parse('<https://www.berlin.de/ba-pankow>')
'https://www.berlin.de/ba-pankow'
>>> parse('info@kreis-erz.de')
Traceback (most recent call last):
...
amtsbrief.errors.FieldError: an e-mail address, not a web address: 'info@kreis-erz.de'
>>> [(f.value, f.start, f.end) for f in find('finden Sie unter www.erzgebirgskreis.de.')]
[('www.erzgebirgskreis.de', 17, 39)]
"""

from __future__ import annotations

import re

from amtsbrief.errors import FieldError
from amtsbrief.fields import Found, validity_of

__all__ = ["parse", "is_valid", "find"]

_HOST = r"(?:[^\W_](?:[\w\-]*[^\W_])?\.)+[^\W\d_]{2,}"
_PORT_PATH = r"(?::\d{1,5})?(?:[/?#][^\s<>\"]*)?"
_ADDRESS = re.compile(r"(?:(?:https?|ftp)://(?:www\.)?|www\.)?" + _HOST + _PORT_PATH, re.IGNORECASE)
_IN_TEXT = re.compile(
    r"(?<![\w@.\-/])(?:(?:https?|ftp)://[^\s<>\"]+|www\.(?:[^\W_](?:[\w\-]*[^\W_])?\.)+[^\W\d_]{2,}" + _PORT_PATH + r")",
    re.IGNORECASE,
)
_TRAIL = ".,;:!?)]}\"'“”„«»"


def _trim(text: str) -> str:
    """Drop trailing sentence punctuation, but keep a ")" that closes one opened inside the address."""
    while text and text[-1] in _TRAIL:
        if text[-1] == ")" and text.count("(") >= text.count(")"):
            break
        text = text[:-1]
    return text


def parse(text: str) -> str:
    """Read a string that is one web address; as written, minus trailing punctuation."""
    if not isinstance(text, str):
        raise FieldError(text, "not a string")
    cleaned = _trim(text.strip().strip("<>").strip())
    if not cleaned:
        raise FieldError(text, "no web address given")
    if "@" in cleaned and "://" not in cleaned:
        raise FieldError(text, "an e-mail address, not a web address")
    if not _ADDRESS.fullmatch(cleaned):
        raise FieldError(text, "not a web address (www.domain.tld or http(s)://…)")
    return cleaned


is_valid = validity_of(parse, """Whether ``text`` is one web address.""")


def find(text: str) -> list[Found[str]]:
    """Every web address with a scheme or ``www.`` in ``text``, with offsets; none inside e-mail addresses."""
    if not isinstance(text, str) or not text:
        return []
    found: list[Found[str]] = []
    for match in _IN_TEXT.finditer(text):
        value = _trim(match.group())
        if "@" in value and "://" not in value:
            continue
        if not _ADDRESS.fullmatch(value):
            continue
        found.append(Found(value, match.start(), match.start() + len(value)))
    return found
