"""ALTO XML (library OCR output): text lines in document order, with word boxes and confidences.

``String`` elements carry the words (``CONTENT``, ``HPOS``/``VPOS``/``WIDTH``/``HEIGHT``, word
confidence ``WC``); a ``HYP`` element keeps its hyphen on the line, since dehyphenation is the
parser's job. Text blocks in the top and bottom margins (``TopMargin``, ``BottomMargin``) are running
heads and page numbers and are left out. Units follow ``MeasurementUnit``: pixels (taken at 300 dpi
unless the file says otherwise), ``mm10`` or ``inch1200``.
"""

from __future__ import annotations

from amtsbrief.errors import InputError
from amtsbrief.layout.model import Line, Page, Word, Zone
from amtsbrief.layout.xmlsafe import coordinate, local, parse

UNITS = {"pixel": 72 / 300, "mm10": 72 / 254, "inch1200": 72 / 1200}
FURNITURE = {"TopMargin", "BottomMargin"}


def _unit(root) -> float:
    for element in root.iter():
        if local(element.tag) == "MeasurementUnit" and element.text:
            return UNITS.get(element.text.strip(), UNITS["pixel"])
    return UNITS["pixel"]


def _number(value: str | None) -> float:
    # not a number, NaN or infinite: 0; negative: 0 (see xmlsafe.coordinate)
    return coordinate(value) or 0.0


def _confidence(value: str | None) -> float | None:
    number = coordinate(value)
    return None if number is None else min(number, 1.0)


def read_alto(data: bytes, name: str) -> list[Page]:
    """The pages of an ALTO file, lines grouped in their text blocks."""
    root = parse(data, name, "ALTO")
    if local(root.tag) != "alto":
        raise InputError(name, f"not an ALTO file (root element {local(root.tag)!r}, expected 'alto')")
    scale = _unit(root)
    pages = []
    for number, page in enumerate((e for e in root.iter() if local(e.tag) == "Page"), 1):
        zones, words_all = [], []
        for space in page:
            kind = "furniture" if local(space.tag) in FURNITURE else "body"
            for block in (e for e in space.iter() if local(e.tag) == "TextBlock"):
                lines = []
                for line in (e for e in block.iter() if local(e.tag) == "TextLine"):
                    words: list[Word] = []
                    for item in line:
                        tag = local(item.tag)
                        if tag == "String" and item.get("CONTENT", "").strip():
                            x, y = _number(item.get("HPOS")) * scale, _number(item.get("VPOS")) * scale
                            w, h = _number(item.get("WIDTH")) * scale, _number(item.get("HEIGHT")) * scale
                            words.append(Word(" ".join(item.get("CONTENT").split()), x, y, x + w, y + h,
                                              confidence=_confidence(item.get("WC"))))
                        elif tag == "HYP" and words:
                            last = words[-1]
                            words[-1] = Word(last.text + (item.get("CONTENT") or "-"), last.x0, last.top,
                                             last.x1, last.bottom, confidence=last.confidence)
                    if words:
                        lines.append(Line(tuple(words)))
                        words_all.extend(words)
                if lines:
                    zones.append(Zone(number, tuple(lines), kind))
        width = _number(page.get("WIDTH")) * scale or max((w.x1 for w in words_all), default=0.0)
        height = _number(page.get("HEIGHT")) * scale or max((w.bottom for w in words_all), default=0.0)
        pages.append(Page(number, width, height, words=tuple(words_all),
                          lines=tuple(l for z in zones for l in z.lines), blocks=tuple(zones)))
    if not pages:
        raise InputError(name, "the ALTO file has no Page element")
    return pages
