"""Search terms: how a letter's words and a user's query become the same index terms.

German inflects and compounds, and people type without umlauts. So every word, in a letter and in a
query alike, is

1. split out of the text (letters and digits; ``Schulbus-Linie`` gives ``Schulbus``, ``Linie``, and
   the joined ``Schulbuslinie``);
2. folded: Unicode NFKC, then case-folded, which also turns ``ß`` into ``ss``;
3. stemmed with the German Snowball stemmer (PyStemmer), which removes inflection
   (``Elternbeitrags`` → ``elternbeitrag``) and folds umlauts, written or transliterated
   (``Ausländern``, ``Auslaendern``, ``Auslandern`` → ``ausland``).

A compound is found by its parts through the vocabulary of stems: a query stem that begins or ends a
longer stem of the vocabulary (``schulbus`` in ``schulbuslini``, ``beitrag`` in ``elternbeitrag``) is
searched as that stem too (:func:`compound_match`); the store finds the candidates with a trigram
index over its vocabulary.

>>> terms("Die Elternbeiträge und der Elternbeitrag, Straße/Strasse")
['die', 'elternbeitrag', 'und', 'der', 'elternbeitrag', 'strass', 'strass']
>>> stem("Auslaendern") == stem("Ausländern") == stem("auslandern")
True
>>> parse_query('Schulbus "freie Plätze" OR Kita* -Hort')
[Word(text='Schulbus'), Phrase(words=('freie', 'Plätze')), Operator(name='OR'), Prefix(text='Kita'), Not(item=Word(text='Hort'))]
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Union

from amtsbrief.errors import DependencyError, InputError

# Letters and digits (and "_", rare in letters); an apostrophe or hyphen between them joins nothing.
_WORD = re.compile(r"\w+")
# Words joined by hyphens: their joined form is indexed as well ("Schulbus-Linie" → "schulbuslinie").
_HYPHENATED = re.compile(r"(?<![\w-])\w+(?:-\w+)+")

# Shorter query stems would find too much inside other words ("rat" in "Beratung"); three letters
# are enough at a compound's end, where German puts its head ("amt" in "Finanzamt").
MIN_PART_AT_START = 4
MIN_PART_AT_END = 3
# What is left of the compound around the part must itself look like a word, not an ending.
MIN_REST = 3


@lru_cache(maxsize=1)
def _stemmer():
    try:
        import Stemmer  # type: ignore[import-not-found]  # PyStemmer ships no type information
    except ImportError:
        raise DependencyError(None, "search needs PyStemmer: pip install PyStemmer") from None
    stemmer = Stemmer.Stemmer("german")
    return stemmer


def stemmer_id() -> str:
    """Which stemmer makes the terms: an index made by another must be made again, or queries miss.

    >>> stemmer_id().startswith("snowball-german ")
    True
    """
    import Stemmer  # type: ignore[import-not-found]

    _stemmer()
    return f"snowball-german {Stemmer.version()}"


def fold(word: str) -> str:
    """A word in the form the stemmer expects: NFKC, case-folded (``ß`` → ``ss``).

    >>> fold("STRAßE"), fold("ﬁnanzamt")
    ('strasse', 'finanzamt')
    """
    return unicodedata.normalize("NFKC", word).casefold()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The index term of one word (cached: letters repeat their words).

    >>> [stem(word) for word in ("Elternbeitrags", "Schulbuslinie", "Häuser", "Haeuser", "Aktaş")]
    ['elternbeitrag', 'schulbuslini', 'haus', 'haus', 'aktas']
    """
    stemmed = _stemmer().stemWord(fold(word))
    if stemmed.isascii():
        return stemmed
    # Accents the stemmer keeps (é, ş) go, as a user types without them.
    return "".join(char for char in unicodedata.normalize("NFKD", stemmed) if not unicodedata.combining(char))


def words(text: str) -> Iterator[re.Match]:
    """The words of ``text`` as matches, so a caller knows where each one stands."""
    return _WORD.finditer(text)


def terms(text: str) -> list[str]:
    """The index terms of ``text`` in order, followed by the joined forms of its hyphenated compounds."""
    found = [stem(word) for word in _WORD.findall(text)]
    if "-" in text:
        found += [stem(compound.replace("-", "")) for compound in _HYPHENATED.findall(text)]
    return found


def compound_match(part: str, term: str) -> bool:
    """Whether the query stem ``part`` is a part of the compound stem ``term``.

    >>> compound_match("schulbus", "schulbuslini"), compound_match("beitrag", "elternbeitrag")
    (True, True)
    >>> compound_match("amt", "finanzamt"), compound_match("rat", "beratung"), compound_match("kost", "kosten")
    (True, False, False)

    A long stem followed by one or two letters is an inflection the stemmer left (``Schulbusse`` →
    ``schulbuss``), which is found too:

    >>> compound_match("schulbus", "schulbuss"), compound_match("stadt", "stadtr")
    (True, False)
    """
    if part == term or part not in term:
        return False
    rest = len(term) - len(part)
    if len(part) >= MIN_PART_AT_START and term.startswith(part) and (rest >= MIN_REST or (len(part) >= 6 and rest <= 2)):
        return True
    return len(part) >= MIN_PART_AT_END and term.endswith(part) and rest >= MIN_REST


# -- queries -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    text: str


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]


@dataclass(frozen=True)
class Prefix:
    text: str


@dataclass(frozen=True)
class Operator:
    name: str  # "OR" or "AND"


@dataclass(frozen=True)
class Not:
    item: "Word | Phrase | Prefix"


Item = Union[Word, Phrase, Prefix, Operator, Not]
_QUERY_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def parse_query(query: str) -> list[Item]:
    """A user's query as items: words, ``"phrases"``, ``prefix*``, ``OR``/``AND``, ``-word`` or ``NOT word``.

    Anything else is a word: a query never fails on punctuation (``Kreistag/Wahlen``, ``§ 5``).
    """
    items: list[Item] = []
    negate_next = False
    for match in _QUERY_TOKEN.finditer(query):
        minus, quoted, bare = match.groups()
        if quoted is not None:
            item: Item = Phrase(tuple(word.group() for word in words(quoted)))
            negate = bool(minus)
        elif bare in ("OR", "AND"):
            items.append(Operator(bare))
            continue
        elif bare == "NOT":
            negate_next = True
            continue
        else:
            negate = bare.startswith("-") and len(bare) > 1
            bare = bare[1:] if negate else bare
            parts = [word.group() for word in words(bare)]
            if bare.endswith("*") and len(parts) == 1:
                item = Prefix(parts[0])
            elif len(parts) == 1:
                item = Word(parts[0])
            else:
                item = Phrase(tuple(parts))  # "012.16/15" or "Kreistag/Wahlen": its words in a row
        if isinstance(item, Phrase) and not item.words:
            continue
        items.append(Not(item) if negate or negate_next else item)  # type: ignore[arg-type]
        negate_next = False
    return items


def _joined(parts: list[str]) -> str:
    # FTS5 takes no implicit AND before a parenthesis: write every AND out.
    joined: list[str] = []
    for part in parts:
        if joined and part not in ("OR", "AND") and joined[-1] not in ("OR", "AND"):
            joined.append("AND")
        joined.append(part)
    return " ".join(joined)


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


@dataclass(frozen=True)
class CompiledQuery:
    """A query as FTS5 expressions over the index terms, and what a snippet should mark."""

    expression: str  # with compound parts expanded
    exact_expression: str  # without: a letter matching it ranks before one that only has compounds
    marked: frozenset[str]  # index terms to mark in a snippet
    prefixes: tuple[str, ...]  # index-term prefixes to mark


def compile_query(query: str, compounds) -> CompiledQuery:
    """Translate ``query`` into FTS5; ``compounds(stem)`` gives the vocabulary's compounds containing ``stem``.

    Words next to each other must all be found (AND); ``OR`` offers alternatives; negated items
    exclude. FTS5's precedence holds: NOT binds tighter than AND, AND tighter than OR.
    """
    items = parse_query(query)
    positive: list[str] = []
    exact: list[str] = []
    negative: list[str] = []
    marked: set[str] = set()
    prefixes: list[str] = []
    for item in items:
        if isinstance(item, Operator):
            if positive and not positive[-1] in ("OR", "AND"):
                positive.append(item.name)
                exact.append(item.name)
            continue
        target = item.item if isinstance(item, Not) else item
        if isinstance(target, Word):
            term = stem(target.text)
            # A short part is searched inside compounds only as a noun (capitalised): "Amt", not "der".
            as_part = len(term) >= MIN_PART_AT_START or target.text[:1].isupper()
            alternatives = [term] + sorted(compounds(term)) if as_part and not isinstance(item, Not) else [term]
            expression = " OR ".join(_quoted(alternative) for alternative in alternatives)
            expression = f"({expression})" if len(alternatives) > 1 else expression
            exact_expression = _quoted(term)
            found = set(alternatives)
        elif isinstance(target, Prefix):
            prefix = stem(target.text)
            # The stem of a prefix can be shorter than the prefix; the folded prefix is what the user meant.
            folded = fold(target.text)
            expression = exact_expression = f"({_quoted(prefix)} * OR {_quoted(folded)} *)" if folded != prefix else f"{_quoted(prefix)} *"
            prefixes += [prefix, folded]
            found = set()
        else:
            stems = [stem(word) for word in target.words]
            expression = exact_expression = _quoted(" ".join(stems))
            found = set(stems)
        if isinstance(item, Not):
            negative.append(expression)
            continue
        marked |= found
        positive.append(expression)
        exact.append(exact_expression)
    while positive and positive[-1] in ("OR", "AND"):
        positive.pop()
        exact.pop()
    if not positive:
        raise InputError("<query>", f"nothing to search for in {query!r}: give at least one word that is not negated")
    expression, exact_expression = _joined(positive), _joined(exact)
    if negative:
        excluded = " OR ".join(negative)
        expression = f"({expression}) NOT ({excluded})"
        exact_expression = f"({exact_expression}) NOT ({excluded})"
    return CompiledQuery(expression, exact_expression, frozenset(marked), tuple(prefixes))


# -- snippets ----------------------------------------------------------------------------------------


def snippet(texts: list[str], query: CompiledQuery, width: int = 12) -> str | None:
    """The passage of ``texts`` (in order of preference) with the most query words, matches in ``[ ]``.

    ``width`` words around the densest matches; "…" where the text goes on.
    """
    best: tuple[tuple[int, int, int], str] | None = None
    for preference, text in enumerate(texts):
        if not text:
            continue
        # Each different word is judged once; most texts of a hit hold few of the query's words.
        marked_words = {word for word in set(_WORD.findall(text)) if _is_marked(word, query)}
        if not marked_words:
            continue
        spans = [(match.start(), match.end(), match.group() in marked_words) for match in words(text)]
        hits = [index for index, (_, _, hit) in enumerate(spans) if hit]
        if not hits:
            continue
        # The window of `width` words starting at each hit; the one holding most different terms wins.
        for first in hits:
            start = max(0, min(first - 2, len(spans) - width))
            window = spans[start : start + width]
            found = {stem(text[s:e]) for s, e, hit in window if hit}
            score = (len(found), sum(hit for _, _, hit in window), -preference)
            if best is None or score > best[0]:
                best = (score, _marked_window(text, spans, start, width))
    return best[1] if best else None


def _is_marked(word: str, query: CompiledQuery) -> bool:
    term = stem(word)
    if term in query.marked:
        return True
    return any(term.startswith(prefix) or fold(word).startswith(prefix) for prefix in query.prefixes)


def _marked_window(text: str, spans: list[tuple[int, int, bool]], start: int, width: int) -> str:
    window = spans[start : start + width]
    pieces = []
    position = window[0][0]
    for word_start, word_end, hit in window:
        pieces.append(text[position:word_start])
        pieces.append(f"[{text[word_start:word_end]}]" if hit else text[word_start:word_end])
        position = word_end
    passage = " ".join("".join(pieces).split())
    return ("…" if start > 0 else "") + passage + ("…" if start + width < len(spans) else "")
