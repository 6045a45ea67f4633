"""A pattern searched only in text that can hold a match: the words every match must contain, tested first.

Many patterns are searched over a whole body, a masthead or every line, and most texts hold no match.
Python's regex engine tries such a pattern at every position (under ``IGNORECASE`` it cannot even skip
ahead to a literal word). But most patterns spell out words or signs that every match contains
(``Bescheid``, ``IBAN``, ``@``, four spaces in a row); :func:`guarded` reads them from the pattern's own
parse tree and runs the pattern only where the text holds them. So the guard follows the rule files: an
edited pattern gets its own needles, and a pattern without such words is left as it is.

The guard never turns a match away. A needle is a run of characters that every match must contain (a
literal run, a repeated literal's fewest copies, one of a few signs of a class, or what a lookahead or
lookbehind demands: it stands in the text too). A pattern that never folds case is compared with the text
as it is; one that does, with the text in lower case, and a text holding a character that ``IGNORECASE``
matches beyond what ``str.lower`` shows (the long ``ſ``, the dotted ``İ``) is always searched.
``tests/test_fields_needles.py`` checks the guarded patterns against the plain ones.

>>> notice = guarded(re.compile(r"\\bRechtsbehelfsbelehrung\\b|Gegen diesen Bescheid kann", re.I))
>>> [sorted(group) for group in notice.needles]
[['gegen diesen bescheid kann', 'rechtsbehelfsbelehrung']]
>>> notice.search("Ein Brief ohne Belehrung.") is None
True
>>> notice.search("RECHTSBEHELFSBELEHRUNG: …").group()
'RECHTSBEHELFSBELEHRUNG'
>>> [sorted(group) for group in guarded(re.compile(r"\\s+[·|]\\s+| {4,}")).needles]
[['    ', '|', '·']]
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, Callable

from amtsbrief.cues import bmp_characters, group_folds_case, regex_parser

_sre_parse = regex_parser()

_LITERAL = _sre_parse.LITERAL
_IN = _sre_parse.IN
_AT = _sre_parse.AT
_ASSERT = _sre_parse.ASSERT
_BRANCH = _sre_parse.BRANCH
_SUBPATTERN = _sre_parse.SUBPATTERN
_REPEATS = (_sre_parse.MAX_REPEAT, _sre_parse.MIN_REPEAT)
_SHORTEST = 2  # a one-letter needle would pass nearly every text (but a capital, where case counts)
_FEW_SIGNS = 4  # a class of at most this many signs ("[·•|]") is a needle: a match holds one of them
_MOST_CLAUSES = 6  # of one alternation (see _any_of)

Needles = tuple[frozenset[str], ...]  # every group must be met, each by one of its words
# The characters a needle compared in lower case may hold: German text's letters, digits and signs.
_NEEDLE_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzäöüß0123456789 !\"#$%&'()*+,-./:;<=>?@[]^_`{|}~§")


def _is_sign(char: str) -> bool:
    return not char.isalnum() and not char.isspace()


def _telling(word: str, exact: bool) -> bool:
    """Whether ``word`` is rare enough to test: two characters or more, a sign (``@``, ``#``, ``|``), or a
    capital compared as written."""
    return len(word) >= _SHORTEST or _is_sign(word) or exact and word.isupper()


def _sequence(items: Any, exact: bool, folds: bool) -> list[frozenset[str]]:
    """The needle groups a sequence of parsed items requires: its literal runs, and what its groups,
    alternations and positive lookarounds require. ``exact``: the text is compared as written, so a
    literal counts only where case is not folded (``folds``); otherwise words are in lower case."""
    groups: list[frozenset[str]] = []
    run: list[str] = []

    def end_run(words: list[str] | None = None) -> None:
        words = words or ["".join(run)]
        if all(word and _telling(word, exact) for word in words):
            groups.append(frozenset(word if exact else word.lower() for word in words))
        run.clear()

    literal_counts = not (exact and folds)
    for op, av in items:
        if op is _LITERAL and literal_counts:
            run.append(chr(av))
            continue
        if op is _AT:
            continue  # \b, ^, $ take no character: the literals on both sides stand side by side
        if op in _REPEATS and av[0] >= 1 and literal_counts and len(av[2]) == 1 and av[2][0][0] is _LITERAL:
            run.append(chr(av[2][0][1]) * av[0])  # " "{4,}: its fewest copies
            if av[1] != av[0]:
                end_run()  # more copies may follow: what comes next is not next to these
            continue
        if op is _BRANCH and run and literal_counts:
            # The parser takes a shared start out of the branches ("Drucksache|Drs\\." is "Dr" then
            # "ucksache|s\\."): the run before them and each branch's own leading literals stand together.
            end_run(["".join(run) + _leading_literals(branch) for branch in av[1]])
        end_run()
        if op is _BRANCH:
            groups.extend(_any_of(av[1], exact, folds))
        elif op is _SUBPATTERN:
            _, add, remove, inner = av
            groups.extend(_sequence(inner, exact, group_folds_case(folds, add, remove)))
        elif op in _REPEATS and av[0] >= 1:
            groups.extend(_sequence(av[2], exact, folds))
        elif op is _ASSERT:
            groups.extend(_sequence(av[1], exact, folds))  # what a lookaround demands stands in the text
        elif op is _IN and literal_counts and len(av) <= _FEW_SIGNS \
                and all(kind is _LITERAL and _is_sign(chr(code)) for kind, code in av):
            groups.append(frozenset(chr(code) for _, code in av))
        # Anything else (a wider class, a dot, a negative look-around, an optional part) requires no word.
    end_run()
    return groups


def _leading_literals(items: Any) -> str:
    """The literal characters ``items`` starts with."""
    lead = []
    for op, av in items:
        if op is not _LITERAL:
            break
        lead.append(chr(av))
    return "".join(lead)


def _strength(group: frozenset[str]) -> int:
    return min(map(len, group))


def _any_of(branches: Any, exact: bool, folds: bool) -> list[frozenset[str]]:
    """What an alternation requires: a match holds, for any choice of one group of each branch, a word of
    their union. Each branch's groups, strongest first (a factored prefix such as ``Rechts`` of
    ``Rechts(?:behelfs|mittel)belehrung`` is a weak test), are taken in turn, so that every group of every
    branch takes part in some clause (``A\\s?N\\s?T…|Antwort`` asks for ``A`` or ``Antwort``, for ``N`` or
    ``Antwort`` …). None where a branch requires none."""
    options = []
    for branch in branches:
        groups = sorted(dict.fromkeys(_sequence(branch, exact, folds)), key=_strength, reverse=True)
        if not groups:
            return []
        options.append(groups)
    return [frozenset().union(*(groups[turn % len(groups)] for groups in options))
            for turn in range(min(max(map(len, options)), _MOST_CLAUSES))]


def _simplest(groups: list[frozenset[str]]) -> Needles:
    """The same demand in fewest tests, strongest first: a word that holds another of its group is left
    out (the shorter one is met wherever it is), and so is a group met wherever another one is (each word
    of the other holds one of its words)."""
    lean = {frozenset(word for word in group if not any(other in word for other in group if other != word))
            for group in groups}
    kept = [group for group in lean
            if not any(other != group and all(any(word in long for word in group) for long in other) for other in lean)]
    return tuple(sorted(kept, key=lambda group: (-_strength(group), sorted(group))))


def needles_of(pattern: re.Pattern) -> Needles:
    """What every match of ``pattern`` contains: as written where the pattern does not fold case (its
    ``(?i:…)`` parts left out), else in lower case; empty where nothing is certain."""
    exact = not pattern.flags & re.I
    groups = _sequence(_sre_parse.parse(pattern.pattern, pattern.flags), exact, not exact)
    # In lower case only German text's letters, digits and signs: others may lower differently in a text.
    return _simplest([group for group in groups if exact or _NEEDLE_CHARACTERS.issuperset("".join(group))])


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


def _holding(groups: tuple[tuple[str, ...], ...]) -> Callable[[str], bool]:
    """A test of whether a text holds a word of each group (a closure: it runs for many lines)."""
    def holds(text: str) -> bool:
        for group in groups:  # plain loops, no generator
            for word in group:
                if word in text:
                    break
            else:
                return False
        return True
    return holds


class Guarded:
    """``pattern`` with its ``search``, ``finditer``, ``findall``, ``split`` and ``sub`` run only where the
    text holds its needles; everything else is the pattern's own."""

    def __init__(self, pattern: re.Pattern, needles: Needles):
        self._pattern = pattern
        self.needles = needles
        self.pattern, self.flags, self.groupindex = pattern.pattern, pattern.flags, pattern.groupindex
        self.match, self.fullmatch = pattern.match, pattern.fullmatch  # unguarded: an anchored try is cheap
        self._holds = _holding(tuple(tuple(sorted(group, key=len)) for group in needles))
        self._may_match = self._holds if not pattern.flags & re.I else self._lower_case_holds

    def _lower_case_holds(self, text: str) -> bool:
        last = _last[0]
        if last[0] is not text:
            last = _last[0] = [text, text.lower(), None]
        if self._holds(last[1]):
            return True
        if last[2] is None:
            last[2] = _unlowered().search(text) is not None
        return last[2]

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

    def split(self, text: str, *args: Any, **kwargs: Any) -> list:
        if args or kwargs or self._may_match(text):
            return self._pattern.split(text, *args, **kwargs)
        return [text]

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
    match need not contain any word."""
    needles = needles_of(pattern)
    return Guarded(pattern, needles) if needles else pattern
