"""A pattern searched only in text that can hold a match: the words every match must contain, tested first.

Many of the extractors' patterns are searched over a whole body or masthead, and most texts hold no
match. Under ``IGNORECASE`` Python's regex engine cannot skip ahead to a literal word: it tries the
pattern at every position. But most patterns spell out words that every match contains (``Bescheid``,
``belehrung``, ``@``); :func:`guarded` reads them from the pattern itself and runs the pattern only where
the text, in lower case, holds them. So the guard follows the rule files: an edited pattern gets its
own needles, and a pattern without such words is left as it is.

The guard never turns a match away: a needle is a run of literal characters that every match must
contain; the text is compared in lower case; and a text holding a character that the pattern's
``IGNORECASE`` matches beyond what ``str.lower`` shows (the long ``ſ``, the dotted ``İ``) is always
searched. ``tests/test_fields_needles.py`` checks the guarded patterns against the plain ones.

>>> notice = guarded(re.compile(r"\\bRechtsbehelfsbelehrung\\b|Gegen diesen Bescheid kann", re.I))
>>> [sorted(group) for group in notice.needles]
[['gegen diesen bescheid kann', 'rechtsbehelfsbelehrung']]
>>> notice.search("Ein Brief ohne Belehrung.") is None
True
>>> notice.search("RECHTSBEHELFSBELEHRUNG: …").group()
'RECHTSBEHELFSBELEHRUNG'
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from amtsbrief.cues import bmp_characters, regex_parser

_sre_parse = regex_parser()

_LITERAL = _sre_parse.LITERAL
_AT = _sre_parse.AT
_BRANCH = _sre_parse.BRANCH
_SUBPATTERN = _sre_parse.SUBPATTERN
_REPEATS = (_sre_parse.MAX_REPEAT, _sre_parse.MIN_REPEAT)
_SHORTEST = 2  # a one-letter needle would pass nearly every text

Needles = tuple[frozenset[str], ...]  # every group must be met, each by one of its words


def _sequence(items: Any) -> list[frozenset[str]]:
    """The needle groups a sequence of parsed items requires: its literal runs, and what its groups
    and alternations require (one word from each branch)."""
    groups: list[frozenset[str]] = []
    run: list[str] = []

    def end_run() -> None:
        # A sign such as "@" or "#" is rare enough alone; a single letter is not.
        if len(run) >= _SHORTEST or run and not run[0].isalnum() and not run[0].isspace():
            groups.append(frozenset({"".join(run).lower()}))
        run.clear()

    for op, av in items:
        if op is _LITERAL:
            run.append(chr(av))
            continue
        if op is _AT:
            continue  # \b, ^, $ take no character: the literals on both sides stand side by side
        end_run()
        if op is _BRANCH:
            group = _any_of(av[1])
            if group:
                groups.append(group)
        elif op is _SUBPATTERN:
            groups.extend(_sequence(av[-1]))
        elif op in _REPEATS and av[0] >= 1:
            groups.extend(_sequence(av[2]))
        # Anything else (a class, a dot, a look-around, an optional part) requires no word.
    end_run()
    return groups


def _any_of(branches: Any) -> frozenset[str] | None:
    """For each branch the words it surely holds, the group with the longest shortest word (a factored
    prefix such as ``Rechts`` of ``Rechts(?:behelfs|mittel)belehrung`` is a weak test): a match holds
    one of them. None where a branch requires none."""
    chosen: set[str] = set()
    for branch in branches:
        groups = _sequence(branch)
        if not groups:
            return None
        chosen |= max(groups, key=lambda group: min(map(len, group)))
    return frozenset(chosen)


def needles_of(pattern: re.Pattern) -> Needles:
    """What every match of ``pattern`` contains, in lower case (empty where nothing is certain)."""
    return tuple(_sequence(_sre_parse.parse(pattern.pattern, pattern.flags)))


# The characters needles may hold: German text's letters, digits and signs. A pattern whose needles hold
# another character is not guarded.
_NEEDLE_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzäöüß0123456789 !\"#$%&'()*+,-./:;<=>?@[]^_`{|}~§")


@cache
def _unlowered() -> re.Pattern:
    """The characters that ``IGNORECASE`` matches to a needle character but ``str.lower`` does not turn
    into it (``ſ`` for ``s``, ``İ`` for ``i``): a text holding one is searched whatever its words."""
    # Every character that matches some needle character, in one scan; those that do not lower-case
    # into the needle characters are the extra ones (a few more than needed is only slower, never wrong).
    matching = re.compile("[" + re.escape("".join(sorted(_NEEDLE_CHARACTERS))) + "]", re.I).findall(bmp_characters())
    extra = sorted({other for other in matching if other.lower() not in _NEEDLE_CHARACTERS})
    return re.compile("[" + re.escape("".join(extra)) + "]")


# The last text tested, as [text, its lower case, whether it holds an unlowered character (None: not asked
# yet)]: a body is tested by several patterns in turn. Each text gets a list of its own, swapped in whole,
# so that a thread reads only its own text's lower case even where another thread tests another text.
_last: list = [[None, "", None]]


class Guarded:
    """``pattern`` with its ``search``, ``finditer``, ``findall`` and ``sub`` run only where the text holds
    its needles; everything else is the pattern's own."""

    def __init__(self, pattern: re.Pattern, needles: Needles):
        self._pattern = pattern
        self.needles = needles
        self._groups = tuple(tuple(sorted(group, key=len)) for group in needles)
        self.pattern, self.flags, self.groupindex = pattern.pattern, pattern.flags, pattern.groupindex
        self.match, self.fullmatch = pattern.match, pattern.fullmatch  # unguarded: an anchored try is cheap

    def _may_match(self, text: str) -> bool:
        last = _last[0]
        if last[0] is not text:
            last = _last[0] = [text, text.lower(), None]
        lower = last[1]
        for group in self._groups:  # plain loops, no generator: this runs a few dozen times a letter
            for word in group:
                if word in lower:
                    break
            else:
                if last[2] is None:
                    last[2] = _unlowered().search(text) is not None
                return last[2]
        return True

    def search(self, text: str, *args: Any) -> re.Match | None:
        if args or self._may_match(text):
            return self._pattern.search(text, *args)
        return None

    def finditer(self, text: str, *args: Any):
        if args or self._may_match(text):
            return self._pattern.finditer(text, *args)
        return iter(())

    def findall(self, text: str, *args: Any) -> list:
        if args or self._may_match(text):
            return self._pattern.findall(text, *args)
        return []

    def sub(self, replacement: Any, text: str, *args: Any, **kwargs: Any) -> str:
        if args or kwargs or self._may_match(text):
            return self._pattern.sub(replacement, text, *args, **kwargs)
        return text

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pattern, name)

    def __repr__(self) -> str:
        return f"guarded({self._pattern!r})"


def guarded(pattern: re.Pattern) -> Any:
    """``pattern`` behind the test of its needles (a :class:`Guarded`), or ``pattern`` itself where every
    match need not contain any word, or where a needle holds a character outside ``_NEEDLE_CHARACTERS``."""
    needles = needles_of(pattern)
    if not needles or any(not _NEEDLE_CHARACTERS.issuperset(word) for group in needles for word in group):
        return pattern
    return Guarded(pattern, needles)
