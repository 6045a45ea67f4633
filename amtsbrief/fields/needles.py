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

try:  # Python 3.11+
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

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
    """One word from each branch, the longest it requires: a match holds one of them. None where a
    branch requires none."""
    chosen: set[str] = set()
    for branch in branches:
        words = [word for group in _sequence(branch) for word in group if len(group) == 1]
        if not words:
            groups = _sequence(branch)
            if not groups:
                return None
            best = max(groups, key=lambda group: min(map(len, group)))
            chosen |= best
            continue
        chosen.add(max(words, key=len))
    return frozenset(chosen)


def needles_of(pattern: re.Pattern) -> Needles:
    """What every match of ``pattern`` contains, in lower case (empty where nothing is certain)."""
    return tuple(_sequence(_sre_parse.parse(pattern.pattern, pattern.flags)))


@cache
def _bmp() -> str:
    """Every character of the Basic Multilingual Plane but the surrogates."""
    return "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000)))


def _unlowered(characters: frozenset[str]) -> str:
    """The characters that ``IGNORECASE`` matches to one of ``characters`` but ``str.lower`` does not
    turn into it (``ſ`` for ``s``, ``İ`` for ``i``): a text holding one is searched whatever its words."""
    extra = set()
    for character in characters:
        for other in re.compile(re.escape(character), re.I).findall(_bmp()):
            if other.lower() != character:
                extra.add(other)
    return "".join(sorted(extra))


class Guarded:
    """``pattern`` with its ``search``, ``finditer``, ``findall`` and ``sub`` run only where the text holds
    its needles; everything else is the pattern's own."""

    def __init__(self, pattern: re.Pattern, needles: Needles):
        self._pattern = pattern
        self.needles = needles
        self._groups = tuple(tuple(sorted(group, key=len)) for group in needles)
        self.pattern, self.flags, self.groupindex = pattern.pattern, pattern.flags, pattern.groupindex
        self.match, self.fullmatch = pattern.match, pattern.fullmatch  # unguarded: an anchored try is cheap
        self._unlowered: re.Pattern | None = None

    def _may_match(self, text: str) -> bool:
        lower = text.lower()
        for group in self._groups:  # plain loops: this runs a few dozen times a letter
            for word in group:
                if word in lower:
                    break
            else:
                return self._holds_unlowered(text)
        return True

    def _holds_unlowered(self, text: str) -> bool:
        if self._unlowered is None:
            characters = frozenset(character for group in self.needles for word in group for character in word)
            unlowered = _unlowered(characters)
            self._unlowered = re.compile(f"[{re.escape(unlowered)}]" if unlowered else r"(?!)")
        return self._unlowered.search(text) is not None

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
    match need not contain any word, or where a needle holds a character outside Latin script (whose
    case partners the guard does not know)."""
    needles = needles_of(pattern)
    if not needles or any(ord(character) >= 0x250 for group in needles for word in group for character in word):
        return pattern
    return Guarded(pattern, needles)
