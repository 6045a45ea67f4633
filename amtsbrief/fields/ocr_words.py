"""OCR confusions that span more than one character: ``ii`` or ``li`` read for ``ü``, ``rn`` for ``m``
and ``m`` for ``rn``.

They cannot be repaired in the text itself (the normalised text keeps one character per character, so
that spans stay true); they are repaired in a field's value. A word is repaired only where something
proves the repair:

- the letter: the repaired word stands elsewhere in the same text and the word as read does not
  (``Gebiihren`` → ``Gebühren`` when ``Gebühren`` occurs in the letter, ``Ordnungsarnt`` → ``Ordnungsamt``);
- or the German word list (Debian's ``wngerman``, ``/usr/share/dict/ngerman``, installed by
  ``scripts/setup.sh``): the repaired word is a German word and the word as read is not (``fiir`` →
  ``für``, ``Gerneinde`` → ``Gemeinde``, ``Herm`` → ``Herrn``). Without the list only the letter counts.

Everything else is left as written: a name the list does not know (``Liidtke``) stays as read.

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
from functools import cache, lru_cache
from pathlib import Path

from amtsbrief.text import once_per_letter

__all__ = ["repair"]

_CONFUSIONS = (("ii", "ü"), ("li", "ü"), ("rn", "m"), ("Rn", "M"), ("m", "rn"), ("B", "ß"))
_SHORTER = _CONFUSIONS[:4]
# Short words whose misreading is itself a word: a pattern proves them, not the word list. "vorn"/"arn"
# before a date are "vom"/"am" ("Ihr Schreiben vorn 7. September", "das arn 31.12. abläuft").
_BEFORE_A_DATE = re.compile(r"\b(?P<word>[Vv]orn|[Aa]rn)(?=\s+\d{1,2}\.)")
_WORD = re.compile(r"[^\W\d_]{3,}")
# A word of ``_WORD`` (a whole run of three letters or more) holding a suspect: only these can change,
# so only these are handed to the repair (not every word of a body).
_SUSPECT_WORD = re.compile(r"(?<![^\W\d_])(?=[^\W\d_]{3})[^\W\d_]*?(?:ii|li|rn|Rn|m)[^\W\d_]*")
WORD_LIST = Path("/usr/share/dict/ngerman")
# Inflections the word list leaves out ("Gebühren" beside "Gebühr"): a word counts when it or its stem is listed.
_ENDINGS = ("", "n", "en", "e", "s", "es", "er", "ern", "em")


@cache
def _lexicon() -> frozenset[str]:
    """The German word list in lower case, read once; empty where it is not installed."""
    try:
        return frozenset(WORD_LIST.read_text(encoding="utf-8").lower().split())
    except OSError:
        return frozenset()


@lru_cache(maxsize=1 << 16)  # a letter's words recur, and so do the letters' words across a batch
def _is_word(word: str) -> bool:
    lexicon, lower = _lexicon(), word.lower()
    if lower in lexicon:
        return True
    return any(lower[:len(lower) - len(ending)] in lexicon for ending in _ENDINGS[1:]
               if lower.endswith(ending) and len(lower) - len(ending) >= 2)


def _candidates(word: str, confusions: tuple[tuple[str, str], ...] = _CONFUSIONS) -> list[str]:
    found = []
    for wrong, right in confusions:
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


@lru_cache(maxsize=1 << 14)
def _listed_reading(word: str) -> str | None:
    """The one reading of ``word`` (no word itself) that the word list knows, one or two repairs away
    (a word may hold two confusions: "Biirgerrneisterin"); None where there is none, or more than one."""
    near = set(_candidates(word))
    near |= {twice for once in near for twice in _candidates(once)}
    listed = [candidate for candidate in near if _is_word(candidate)]
    return listed[0] if len(listed) == 1 else None  # two would be a guess


def repair(value: str, evidence: str) -> str:
    """``value`` with its multi-character OCR confusions undone where ``evidence`` (the whole letter) proves them."""
    # "vorn"/"arn" before a date: only where one of them can stand (the scan of a whole body is not cheap).
    if "rn " in value and ("orn" in value or "arn" in value or "Arn" in value):
        value = _BEFORE_A_DATE.sub(lambda match: match.group("word")[:-2] + "m", value)
    if not _has_suspect(value):
        return value
    return _repaired(value, evidence, _lexicon())


@once_per_letter
def _repaired(value: str, evidence: str, lexicon: frozenset[str]) -> str:
    """:func:`repair` once per letter and value: a value is repaired where it is read and again with
    every other value after extraction (the body, the subject), mostly unchanged in between."""

    def fix(word: str) -> str:
        if lexicon and _is_word(word):
            return word  # a German word as read is what the letter says
        # The word as read stands only where it is being repaired (once per occurrence in value).
        for candidate in _candidates_in(word, evidence):
            counts = _word_counts(evidence)
            # Without the word list, the read word must not stand elsewhere (it might be a word); with it, it is no word.
            if counts.get(candidate, 0) > 0 and (lexicon or counts[word] <= value.count(word)):
                return candidate
        return (_listed_reading(word) or word) if lexicon else word

    # Each suspect word is judged once (a body repeats its words; the answer depends on the word alone),
    # found by a plain scan for letter runs (the runs ``_SUSPECT_WORD`` matches: whole runs of three
    # letters or more that hold a suspect); the value is rewritten only where a word changes.
    changed = {}
    for word in _suspect_words(value):
        repaired = fix(word)
        if repaired != word:
            changed[word] = repaired
    if not changed:
        return value
    return _SUSPECT_WORD.sub(lambda match: changed.get(match.group(), match.group()), value)


def _has_suspect(value: str) -> bool:
    """Whether ``value`` holds a suspect of ``_SUSPECT_WORD`` ("ii", "li", "rn", "Rn", "m"), as substring tests
    (in C, without the regex engine's set-up)."""
    return "m" in value or "rn" in value or "li" in value or "ii" in value or "Rn" in value


def _suspect_words(value: str) -> set[str]:
    """The distinct letter runs (three letters or more) of ``value`` that hold a suspect, or start with "Rn".

    A run never spans a blank, so only the blank-separated tokens that hold a suspect are scanned for
    runs: a body's other words are passed over by a substring test instead of the regex engine.
    """
    words = set()
    for token in filter(_has_suspect, set(value.split())):
        for word in _WORD.findall(token):
            if "m" in word or "rn" in word or "li" in word or "ii" in word or word.startswith("Rn"):
                words.add(word)
    return words


# Asked for each suspect word of each text value; a letter's words repeat, so each is answered once per letter.
@once_per_letter
def _candidates_in(word: str, evidence: str) -> tuple[str, ...]:
    """The repaired forms of ``word`` that stand somewhere in ``evidence`` (only they can be counted in it)."""
    # Only readings with fewer letters: "m" → "rn" would turn the letter's own true spelling into its misreading.
    return tuple(candidate for candidate in _candidates(word, _SHORTER) if candidate in evidence)

