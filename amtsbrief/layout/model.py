"""The page model every layout backend produces: pages → lines → words, each with its box.

Coordinates are PDF points (1/72 inch) with the origin at the page's top-left corner, ``top`` growing
downwards, as pdfplumber counts them; image and XML backends scale pixels to points by their
resolution so that one set of thresholds serves every input. Everything is a frozen dataclass: zone
detection derives new views, it never mutates a page.

>>> w = Word("Telefon", 350.0, 100.0, 380.0, 109.0, font="Helvetica", size=9.0)
>>> line = Line((w, Word("0351", 384.0, 100.0, 402.0, 109.0)))
>>> line.text, line.bbox
('Telefon 0351', (350.0, 100.0, 402.0, 109.0))
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from amtsbrief.text import Typography

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in points


def union(boxes) -> Box:
    """The smallest box holding every box in ``boxes`` (an iterable of at least one box)."""
    x0s, tops, x1s, bottoms = zip(*boxes)
    return (min(x0s), min(tops), max(x1s), max(bottoms))


@dataclass(frozen=True)
class Word:
    """One word as printed: its text, its box, and what the source says about how it was set.

    ``font`` and ``size`` come from born-digital PDFs (``None`` where the source has none);
    ``confidence`` (0–1) only from OCR.
    """

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    font: str | None = None
    size: float | None = None
    confidence: float | None = None

    @property
    def bbox(self) -> Box:
        return (self.x0, self.top, self.x1, self.bottom)

    @property
    def height(self) -> float:
        return self.bottom - self.top


_new = object.__new__


def new_word(text: str, x0: float, top: float, x1: float, bottom: float, font: str | None = None,
             size: float | None = None, confidence: float | None = None) -> Word:
    """``Word(...)``, the same object, made without the frozen dataclass's ``__init__`` (which sets each
    field through ``object.__setattr__``): a PDF page makes hundreds, and this is two and a half times
    faster. tests/test_layout_model.py holds it to ``Word``'s fields."""
    made = _new(Word)
    made.__dict__.update(text=text, x0=x0, top=top, x1=x1, bottom=bottom, font=font, size=size, confidence=confidence)
    return made


@dataclass(frozen=True)
class Line:
    """Words on one baseline, left to right, read as one line of text."""

    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    @property
    def bbox(self) -> Box:
        return union(word.bbox for word in self.words)

    @property
    def x0(self) -> float:
        return min(word.x0 for word in self.words)

    @property
    def x1(self) -> float:
        return max(word.x1 for word in self.words)

    @property
    def top(self) -> float:
        return min(word.top for word in self.words)

    @property
    def bottom(self) -> float:
        return max(word.bottom for word in self.words)

    @property
    def size(self) -> float:
        """The line's type size: the words' font size where known, else their box height."""
        sizes = sorted([word.size or word.bottom - word.top for word in self.words])
        return sizes[len(sizes) // 2]


@dataclass(frozen=True)
class Page:
    """One page: its size in points and its words.

    ``lines`` is set when the source already groups words into lines (PAGE/ALTO XML, Tesseract);
    ``blocks`` when it also groups lines into zones in reading order (PAGE/ALTO), which zone
    detection then takes as they are. Born-digital PDFs leave both empty and zones are built from
    geometry.
    """

    number: int  # 1-based
    width: float
    height: float
    words: tuple[Word, ...] = ()
    lines: tuple[Line, ...] = ()
    blocks: tuple["Zone", ...] = ()


@dataclass(frozen=True)
class Zone:
    """A block of lines read together, with what it is on the page.

    ``kind`` is ``body`` for the letter's flow, ``footer`` for the small-print columns at a page's
    foot (kept, read once, at the end), ``furniture`` for running headers and page numbers (left out).
    """

    page: int
    lines: tuple[Line, ...]
    kind: str = "body"

    @property
    def bbox(self) -> Box:
        return union(line.bbox for line in self.lines)


_BOLD_FACE = re.compile(r"bold|black|heavy|semibold|demi|,B\b|-B$", re.IGNORECASE)


@lru_cache(maxsize=256)  # asked for every word written; a document has a handful of fonts
def is_bold_font(font: str | None) -> bool:
    """Whether a font's name says it is a bold face (``ABCDEF+Arial-BoldMT``, ``Helvetica-Bold``)."""
    return bool(font) and bool(_BOLD_FACE.search(font))


class _Piece(NamedTuple):
    """One written word: its character range in the text, its page, box, line and OCR confidence.

    A named tuple rather than a frozen dataclass: one is made per word written, and a tuple is
    built three times faster.
    """

    start: int
    end: int
    page: int
    box: Box
    line: int
    confidence: float | None
    size: float | None = None   # type size in points (born-digital PDFs; else the box height)
    bold: bool = False          # set in a bold face (its font's name says so)


@dataclass(frozen=True)
class LaidOutDocument:
    """A document read by its layout: the text as a person reads it, and a map back to the pages.

    ``text`` is fed to the same parser as ``.txt`` input. ``locate`` and ``confidence`` answer for any
    character range of ``text`` through the per-word map built while the text was written (the idea
    of pdfplumber's ``TextMap``).
    """

    text: str
    pages: int
    extractor: str
    warnings: tuple[tuple[str, str], ...] = ()
    pieces: tuple[_Piece, ...] = field(default=(), repr=False)
    zones: tuple[Zone, ...] = field(default=(), repr=False)
    page_sizes: tuple[tuple[float, float], ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        # the pieces' start offsets, sorted, for bisection (frozen: set once, here)
        object.__setattr__(self, "_starts", [piece.start for piece in self.pieces])

    def _overlapping(self, start: int, end: int) -> list[_Piece]:
        end = max(end, start + 1)
        starts = self._starts
        # the pieces from the last one starting at or before ``start`` up to the first starting at ``end``
        index = max(bisect.bisect_right(starts, start) - 1, 0)
        stop = bisect.bisect_left(starts, end, index)
        return [piece for piece in self.pieces[index:stop] if piece.end > start]

    def locate(self, start: int, end: int) -> tuple[int, Box] | None:
        """(1-based page, box in points) of the first line that the range ``[start, end)`` touches.

        ``None`` when the range holds no printed word (blank lines, or the range is out of the text).
        """
        pieces = self._overlapping(start, end)
        if not pieces:
            return None
        first = pieces[0]
        boxes = [p.box for p in pieces if p.line == first.line and p.page == first.page]
        return first.page, union(boxes)

    def typography(self, start: int, end: int) -> Typography | None:
        """How the range ``[start, end)`` is set: its type size against the document's body size, and
        whether every word of it is bold. ``None`` when the range holds no printed word."""
        pieces = self._overlapping(start, end)
        sizes = sorted(piece.size for piece in pieces if piece.size)
        if not pieces or not sizes:
            return None
        body = self.body_size
        return Typography(relative_size=round(sizes[len(sizes) // 2] / body, 2) if body else 1.0,
                          bold=all(piece.bold for piece in pieces))

    @property
    def body_size(self) -> float | None:
        """The type size most words are set in (the body text's), for comparing a line's size with."""
        cached = self.__dict__.get("_body_size", 0.0)
        if cached == 0.0:
            counts: dict[float, int] = {}
            for piece in self.pieces:
                if piece.size:
                    counts[piece.size] = counts.get(piece.size, 0) + piece.end - piece.start
            cached = max(counts, key=lambda size: counts[size]) if counts else None
            object.__setattr__(self, "_body_size", cached)
        return cached

    def confidence(self, start: int, end: int) -> float | None:
        """Mean OCR word confidence (0–1) over the range; ``None`` for born-digital text."""
        values = [p.confidence for p in self._overlapping(start, end) if p.confidence is not None]
        return sum(values) / len(values) if values else None
