"""Bundles: a PDF that holds the letter and then its attachments (Anlagen, a copy of the inquiry).

The letter ends where a later page starts with an attachment heading ("Anlage 1", "Anhang",
"Kopie", "Abschrift") or with a second letterhead: the first lines of page 1 again, on one page only
(a running header repeats on every continuation page; a second letterhead does not).
"""

from __future__ import annotations

import re

from amtsbrief.layout.model import Page
from amtsbrief.layout.zones import _PAGE_NUMBER, Chunk, bands_of, page_chunks

_HEADING = re.compile(
    r"^(?:Anlagen?|Anhang|Beilage)(?:\s*(?:Nr\.\s*)?\d+[a-z]?)?\s*[:.)]?(?:\s+(?:zu[rm]?|zum)\s.*)?$"
    r"|^(?:Kopie|Abschrift)\b.{0,40}$",
    re.IGNORECASE,
)


def _first_lines(page: Page, chunks: list[Chunk], count: int = 3) -> list[str]:
    # only the top of the page can hold a heading or a letterhead
    lines = []
    for band in bands_of([c for c in chunks if c.top < 0.4 * page.height]):
        text = " ".join([c.text for c in band]).strip()  # a band is left to right already
        if not text or _PAGE_NUMBER.search(text):
            continue
        lines.append(re.sub(r"\s+", " ", text).casefold())
        if len(lines) == count:
            break
    return lines


def attachments_start(pages: list[Page], chunks: list[list[Chunk]] | None = None) -> int | None:
    """Index of the first page that belongs to an attachment, or ``None`` when the letter fills them all.

    ``chunks`` is every page's chunks (``zones.page_chunks``) when the caller has them already.
    """
    if len(pages) < 2:
        return None
    if chunks is None:
        chunks = [page_chunks(page) for page in pages]
    heads = [_first_lines(page, page_chunks_) for page, page_chunks_ in zip(pages, chunks)]
    letterhead = heads[0]
    for index in range(1, len(pages)):
        head = heads[index]
        if head and _HEADING.match(head[0]):
            return index
        same = sum(a == b for a, b in zip(head, letterhead))
        if len(letterhead) >= 2 and same >= 2:
            repeated = sum(1 for other in heads[1:] if other[:2] == head[:2])
            if repeated == 1:
                return index
    return None
