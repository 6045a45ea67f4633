"""Lines with their offsets, and the one way text fields are built from them.

A field's text is the lines it covers, joined as the contract asks: single spaces inside a paragraph,
paragraphs joined by one blank line, hyphenation at line ends undone (``Inbe-``/``triebsetzung`` →
``Inbetriebsetzung``), a suspended hyphen kept (``Kredit- oder``), a hyphen before a capital kept
(``5-Prozent-``/``Sperrklausel``), and a line that begins with ``)``, ``.``, ``,``, ``?`` or ``“`` (a
PDF-extraction artefact) joined to the line before with no space.
"""

from __future__ import annotations

import functools
import inspect
import re
from itertools import accumulate
from operator import add
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, NamedTuple, Sequence, TypeVar


class Typography(NamedTuple):
    """How a stretch of text is set, where the input is laid out: its type size relative to the body
    text's (1.0 = body size) and whether it is bold."""

    relative_size: float
    bold: bool


# Where the input is laid out: how the range [start, end) of the normalised text is set (None: no word there).
TypographyOf = Callable[[int, int], "Typography | None"]


@dataclass(frozen=True, slots=True, init=False)
class Line:
    """One line of ``source.text``: ``text == source_text[start:end]``, without the line break."""

    index: int
    start: int
    end: int
    text: str
    # The text without its outer blanks, made once: the segmenter and extractors ask for it several
    # times per line (about 375 times per letter).
    stripped: str = field(init=False, repr=False, compare=False)

    def __init__(self, index: int, start: int, end: int, text: str) -> None:
        # A letter makes a few hundred lines: set through the slots themselves, as the generated
        # ``__init__`` of a frozen class does through ``object.__setattr__`` (twice as slow).
        _SET_INDEX(self, index)
        _SET_START(self, start)
        _SET_END(self, end)
        _SET_TEXT(self, text)
        _SET_STRIPPED(self, text.strip())

    @property
    def is_blank(self) -> bool:
        return not self.stripped

    @property
    def content_start(self) -> int:
        """Offset of the first non-blank character."""
        return self.start + (len(self.text) - len(self.text.lstrip()))

    @property
    def content_end(self) -> int:
        return self.start + len(self.text.rstrip())


_SET_INDEX, _SET_START, _SET_END, _SET_TEXT, _SET_STRIPPED = (
    Line.__dict__[name].__set__ for name in ("index", "start", "end", "text", "stripped"))


def split_lines(text: str) -> list[Line]:
    """All lines of ``text`` with their offsets.

    >>> [(line.start, line.text) for line in split_lines("ab\\n\\ncd")]
    [(0, 'ab'), (3, ''), (4, 'cd')]
    """
    # Built in C's loops (map, accumulate), not a Python loop: a letter has a hundred lines and more.
    pieces = text.split("\n")
    lengths = list(map(len, pieces))
    starts = list(accumulate(map(_PLUS_ONE, lengths), initial=0))  # each line starts after the last and its break
    return list(map(Line, range(len(pieces)), starts, map(add, starts, lengths), pieces))


_PLUS_ONE = (1).__add__


def paragraphs(lines: Sequence[Line]) -> list[list[Line]]:
    """Runs of non-blank lines, split at blank lines."""
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if not line.stripped:  # ``is_blank``, without a property call per line
            if current:
                blocks.append(current)
                current = []
        else:
            current.append(line)
    if current:
        blocks.append(current)
    return blocks


_LEADING_GLUE = re.compile(r"^(?:[).,;:?!“”»]|-(?=\S))")
_SUSPENDED = re.compile(r"^(?:und|oder|bzw\.?|sowie|als auch|u\.)\b")
_SPACE = re.compile(r"\s+")


def join_lines(texts: Iterable[str]) -> str:
    """Join the lines of one paragraph into one line of text.

    >>> join_lines(["Inbe-", "triebsetzung und", "Kredit-", "oder Darlehen"])
    'Inbetriebsetzung und Kredit- oder Darlehen'
    >>> join_lines(["der 5-Prozent-", "Sperrklausel (Fahrplan", ")."])
    'der 5-Prozent-Sperrklausel (Fahrplan).'
    """
    result = ""
    for raw in texts:
        piece = " ".join(raw.split())  # as _SPACE.sub(" ", raw).strip(): \s is str.isspace, in C
        if not piece:
            continue
        if not result:
            result = piece
        elif _LEADING_GLUE.match(piece):
            result += piece
        elif result.endswith("-") and len(result) > 1 and result[-2].isalnum():
            if _SUSPENDED.match(piece):
                result += " " + piece
            elif piece[0].islower():
                result = result[:-1] + piece
            else:
                result += piece
        else:
            result += " " + piece
    return result


def join_paragraphs(blocks: Iterable[Iterable[str]]) -> str:
    """Paragraphs joined by one blank line, each paragraph's lines by :func:`join_lines`."""
    return join_paragraph_texts(join_lines(block) for block in blocks)


def join_paragraph_texts(texts: Iterable[str]) -> str:
    """Paragraphs whose lines are joined already, joined by one blank line (empty ones left out)."""
    return "\n\n".join(text for text in texts if text)


def block_text(lines: Sequence[Line]) -> str:
    """The contract's text of a run of lines: paragraphs at blank lines."""
    return join_paragraphs([line.text for line in block] for block in paragraphs(lines))


def span_of(lines: Sequence[Line]) -> tuple[int, int] | None:
    """``[start, end)`` from the first to the last non-blank character of ``lines``."""
    filled = [line for line in lines if not line.is_blank]
    if not filled:
        return None
    return filled[0].content_start, filled[-1].content_end


def squash(text: str) -> str:
    """Whitespace folded to single spaces, ends trimmed."""
    return " ".join(text.split())  # the same as _SPACE.sub(" ", text).strip() (\s is str.isspace), faster



# --- work done once per letter ------------------------------------------------------------------------
#
# The segmenter and the extractors ask the same questions of the same lines (is it a postal line, a
# footer line, prose?) from several places. A question marked ``once_per_letter`` is answered once per
# letter: its answers are kept until the next letter's segmentation begins (``new_letter``), so they
# never pile up, and a letter parsed again is not answered from a previous parse.

_PER_LETTER: list[dict] = []
_UNKNOWN = object()  # no answer kept yet (an answer may be None or False)
_F = TypeVar("_F", bound=Callable[..., Any])


def once_per_letter(function: _F) -> _F:
    """``function`` (pure, of hashable arguments) remembered for the letter being parsed."""
    if _takes_one_argument(function):
        # Most questions take one line's text: the memo's own lookup is the function (a kept answer costs
        # no Python call at all; a new one, one call of ``__missing__``).
        memo: dict = _Memo(function)
        _PER_LETTER.append(memo)
        return memo.__getitem__  # type: ignore[return-value]
    memo = {}
    _PER_LETTER.append(memo)
    recall = memo.get

    @functools.wraps(function)
    def remembered(*args):
        # Most questions are new (asked once or twice a letter): a miss must cost no raised KeyError.
        value = recall(args, _UNKNOWN)
        if value is _UNKNOWN:
            value = memo[args] = function(*args)
        return value

    return remembered  # type: ignore[return-value]


class _Memo(dict):
    """The answers of a one-argument function, by argument; a new argument is answered on lookup."""

    __slots__ = ("function",)

    def __init__(self, function: Callable[[Any], Any]):
        super().__init__()
        self.function = function

    def __missing__(self, argument: Any) -> Any:
        value = self[argument] = self.function(argument)
        return value


def _takes_one_argument(function: Callable[..., Any]) -> bool:
    parameters = list(inspect.signature(function).parameters.values())
    return len(parameters) == 1 and parameters[0].kind in (inspect.Parameter.POSITIONAL_ONLY,
                                                           inspect.Parameter.POSITIONAL_OR_KEYWORD)


def new_letter() -> None:
    """Forget every answer ``once_per_letter`` functions kept (a new letter's segmentation begins)."""
    for memo in _PER_LETTER:
        memo.clear()
