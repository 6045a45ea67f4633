"""Write zones as text, recording for every word where it went (the map behind ``locate``).

Body zones come first, page by page; footers follow once at the end (a footer repeated on every page
is written once), since the parser expects the footer after the signature, as in a text file.
Furniture is left out. Blocks are separated by one blank line; a paragraph that runs over a page
break is joined with a plain line break, so it stays one paragraph.
"""

from __future__ import annotations

import re

from amtsbrief.layout.model import LaidOutDocument, Zone, _Piece, is_bold_font

_ENDS_PARAGRAPH = re.compile(r"[.!?:;]\s*$")


def _continues(previous: Zone, following: Zone) -> bool:
    """Whether ``following`` (first on a new page) continues the paragraph that ends ``previous``."""
    last = previous.lines[-1].text
    first = following.lines[0].text
    return not _ENDS_PARAGRAPH.search(last) and bool(first) and (first[0].islower() or last.endswith("-"))


def write(zones: list[Zone], *, pages: int, extractor: str, warnings=(), page_sizes=()) -> LaidOutDocument:
    """The document's text and its word map, from zones in reading order."""
    body = [z for z in zones if z.kind == "body"]
    footers: list[Zone] = []
    seen: set[str] = set()
    for zone in zones:
        if zone.kind == "footer":
            key = " ".join(line.text for line in zone.lines)
            if key not in seen:
                seen.add(key)
                footers.append(zone)
    parts: list[str] = []
    pieces: list[_Piece] = []
    add_piece, new_piece = pieces.append, tuple.__new__
    length = 0
    line_id = 0
    previous: Zone | None = None
    for zone in body + footers:
        if previous is not None:
            joint = "\n" if (zone.kind == previous.kind == "body" and zone.page != previous.page
                             and _continues(previous, zone)) else "\n\n"
            parts.append(joint)
            length += len(joint)
        page = zone.page
        for n, line in enumerate(zone.lines):
            if n:
                parts.append("\n")
                length += 1
            line_id += 1
            words = line.words
            text = " ".join([word.text for word in words])
            parts.append(text)
            end = length + len(text)
            for word in words:
                after = length + len(word.text)
                # tuple.__new__ rather than _Piece(...): the named tuple's __new__ is a Python call per word
                add_piece(new_piece(_Piece, (length, after, page, (word.x0, word.top, word.x1, word.bottom), line_id,
                                             word.confidence, word.size, is_bold_font(word.font))))
                length = after + 1
            length = end
        previous = zone
    return LaidOutDocument(text="".join(parts), pages=pages, extractor=extractor, warnings=tuple(warnings),
                           pieces=tuple(pieces), zones=tuple(zones), page_sizes=tuple(page_sizes))
