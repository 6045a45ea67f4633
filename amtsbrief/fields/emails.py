"""E-Mail-Adresse (e-mail address), returned in lower case.

Letters print addresses after ``E-Mail:``, inside sentences, and mail programs add a link suffix
(``peter.punkt@msw.nrw.de <mailto:peter.punkt@msw.nrw.de>``). Forms read:

- ``klaus.helmert@kreis-erz.de``, ``Poststelle@BSI.Bund.de`` (lower-cased);
- ``mailto:info@kreis-erz.de``, ``<info@kreis-erz.de>``, a trailing ``<mailto:…>`` suffix;
- trailing punctuation of the sentence is dropped.

The domain needs a dot and a top-level domain of two or more letters; umlaut domains are accepted.

>>> parse('Klaus.Helmert@kreis-erz.de')
'klaus.helmert@kreis-erz.de'
>>> parse('peter.punkt@msw.nrw.de <mailto:peter.punkt@msw.nrw.de>')
'peter.punkt@msw.nrw.de'
>>> parse('info@kreis-erz')
Traceback (most recent call last):
...
amtsbrief.errors.FieldError: not an e-mail address (local@domain.tld): 'info@kreis-erz'
>>> [(f.value, f.start, f.end) for f in find('E-Mail: info@kreis-erz.de.')]
[('info@kreis-erz.de', 8, 25)]
"""

from __future__ import annotations

import re

from amtsbrief.errors import FieldError
from amtsbrief.fields import Found, validity_of

__all__ = ["parse", "is_valid", "find"]

_LOCAL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-]+)*"
_DOMAIN = r"(?:[^\W_](?:[\w\-]*[^\W_])?\.)+[^\W\d_]{2,}"
_ADDRESS = re.compile(_LOCAL + "@" + _DOMAIN)
# In running text the local part must not continue a word to the left, and the TLD ends at a word end.
_IN_TEXT = re.compile(r"(?<![\w.+\-])" + _LOCAL + "@" + _DOMAIN + r"(?![\w\-]|\.[^\W_])")
_MAILTO_SUFFIX = re.compile(r"\s*<\s*mailto:[^>]*>\s*$", re.IGNORECASE)
_MAILTO = re.compile(r"^mailto:\s*", re.IGNORECASE)
_TRAIL = ".,;:!?)]\"'"


def parse(text: str) -> str:
    """Read a string that is one e-mail address; lower case, without ``mailto:`` and punctuation."""
    if not isinstance(text, str):
        raise FieldError(text, "not a string")
    cleaned = _MAILTO_SUFFIX.sub("", text.strip())
    cleaned = cleaned.strip().strip("<>").strip()
    cleaned = _MAILTO.sub("", cleaned).strip("<>").rstrip(_TRAIL).strip()
    if not cleaned:
        raise FieldError(text, "no e-mail address given")
    if not _ADDRESS.fullmatch(cleaned):
        raise FieldError(text, "not an e-mail address (local@domain.tld)")
    return cleaned.lower()


is_valid = validity_of(parse, """Whether ``text`` is one e-mail address.""")


def find(text: str) -> list[Found[str]]:
    """Every e-mail address in ``text``, lower case, with offsets.

    The repeat inside a ``<mailto:…>`` link right after the address is not returned twice.
    """
    if not isinstance(text, str) or not text:
        return []
    found: list[Found[str]] = []
    for match in _IN_TEXT.finditer(text):
        value = match.group().lower()
        if found and found[-1].value == value and text[found[-1].end : match.start()].strip(" <").lower() == "mailto:":
            continue
        found.append(Found(value, match.start(), match.end()))
    return found
