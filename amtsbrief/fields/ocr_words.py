"""OCR confusions that span more than one character: ``ii`` or ``li`` read for ``ü``, ``rn`` for ``m``.

They cannot be repaired in the text itself (the normalised text keeps one character per character, so
that spans stay true); they are repaired in a field's value. A word is repaired only where the letter
proves the repair: the repaired word stands elsewhere in the same text and the word as read does not
(``Gebiihren`` → ``Gebühren`` when ``Gebühren`` occurs in the letter, ``Ordnungsarnt`` → ``Ordnungsamt``).
Everything else is left as written.

>>> repair("Die Gebiihren betragen 20 Euro.", "Gebühren werden erhoben. Die Gebiihren betragen 20 Euro.")
'Die Gebühren betragen 20 Euro.'
>>> repair("Das Ordnungsarnt teilt mit", "Ordnungsamt Musterstadt. Das Ordnungsarnt teilt mit")
'Das Ordnungsamt teilt mit'
>>> repair("Die Kerne sind reif.", "Die Kerne sind reif.")
'Die Kerne sind reif.'
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["repair"]

_CONFUSIONS = (("ii", "ü"), ("li", "ü"), ("rn", "m"))
_WORD = re.compile(r"[^\W\d_]{3,}")
_SUSPECT = re.compile(r"ii|li|rn")
# A word of ``_WORD`` (a whole run of three letters or more) holding a suspect pair: only these can change,
# so only these are handed to the repair (not every word of a body).
_SUSPECT_WORD = re.compile(r"(?<![^\W\d_])(?=[^\W\d_]{3})[^\W\d_]*?(?:ii|li|rn)[^\W\d_]*")


def _candidates(word: str) -> list[str]:
    found = []
    for wrong, right in _CONFUSIONS:
        start = word.find(wrong)
        while start >= 0:
            found.append(word[:start] + right + word[start + len(wrong):])
            start = word.find(wrong, start + 1)
    return found


_counted: tuple[str, Counter] = ("", Counter())  # the last evidence and its words: a letter repairs several fields


def _word_counts(evidence: str) -> Counter:
    """How often each word stands in ``evidence``, counted once per letter (not once per field)."""
    global _counted
    text, counts = _counted
    if text is not evidence and text != evidence:
        counts = Counter(_WORD.findall(evidence))
        _counted = (evidence, counts)
    return counts


def repair(value: str, evidence: str) -> str:
    """``value`` with its multi-character OCR confusions undone where ``evidence`` (the whole letter) proves them."""
    if not _SUSPECT.search(value):
        return value

    def fix(match: re.Match[str]) -> str:
        word = match.group()
        # The word as read stands only where it is being repaired (once per occurrence in value).
        for candidate in _candidates(word):
            if candidate not in evidence:
                continue  # not even a part of the letter's text: no need to count its words
            counts = _word_counts(evidence)
            if counts.get(candidate, 0) > 0 and counts[word] <= value.count(word) and counts[candidate] >= 1:
                return candidate
        return word

    return _SUSPECT_WORD.sub(fix, value)
