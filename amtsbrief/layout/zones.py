"""Zones from geometry: words → lines → columns and blocks, in the order a person reads the page.

A DIN 5008 letter puts the recipient window on the left and the information block (Bearbeiter,
Telefon, Zeichen, Datum) in a right-hand column at the same height, and its footer in small columns.
Extractors that read line by line across the page merge the columns ("Frau Kreisrätin E-Mail: …");
extractors that follow the file's internal order depend on the producer. So the text is rebuilt
from the words' boxes alone:

1. Words form *lines* (same baseline, near each other); a line splits into *chunks* at a gap much wider
   than a space (a tab stop, or the whitespace between two columns).
2. Chunks that overlap vertically form *bands* (one row across the page).
3. Consecutive bands that share a vertical whitespace channel form a *section*; a section whose channel
   separates two columns of text is read column by column, left before right. DIN 5008 puts that
   channel at about 125 mm, but it is found from the page's own whitespace, since real letters deviate.
   A label/value table ("Telefon:   0351 …") also has such a channel; it is read row by row, as the
   labels only make sense beside their values.
4. Running headers and page numbers (by their words, or repeated at the top of several pages) are
   furniture and left out; small print at the foot of a page is the footer, read once at the end.

Blocks are separated by a blank line, as in a well-extracted text file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from amtsbrief.layout.model import Line, Page, Word, Zone, union

# A gap between words wider than this many font sizes ends a chunk: a space is about 0.25-0.3 em and
# justified text stretches it to well under 1 em; tab stops and columns leave 2 em or more.
CHUNK_GAP = 1.0
OCR_CHUNK_GAP = 2.5
# A whitespace channel narrower than this (in font sizes) does not separate columns.
CHANNEL = 1.2
# A vertical gap between lines wider than this many font sizes is a paragraph break (a blank line).
PARAGRAPH_GAP = 0.75
# Margins of the page (fractions of its height) where running headers and page numbers live.
TOP_MARGIN, BOTTOM_MARGIN = 0.12, 0.9

_PAGE_NUMBER = re.compile(
    r"^[-–—\s]*(?:Seite|Blatt|S\.)?\s*\d{1,3}\s*(?:(?:von|/|of)\s*\d{1,3})?[-–—\s]*$"
    r"|Fortsetzung\s+(?:siehe|auf)\s+(?:Seite|Blatt)"
    r"|(?:^|\s)(?:Seite|Blatt)\s+\d+(?:\s*(?:von|/)\s*\d+)?\W*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Chunk:
    """Words of one line that are read together: a line, or one column's part of a line."""

    words: tuple[Word, ...]
    size: float
    x0: float = field(init=False)
    x1: float = field(init=False)
    top: float = field(init=False)
    bottom: float = field(init=False)

    def __post_init__(self) -> None:
        # the bounds are read many times during sectioning; compute them once
        box = union(w.bbox for w in self.words)
        for name, value in zip(("x0", "top", "x1", "bottom"), box):
            object.__setattr__(self, name, value)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


Band = list[Chunk]
Block = list[list[Chunk]]  # lines of chunks; the chunks of one line are joined by a space


def rows_from_words(words: tuple[Word, ...]) -> list[Line]:
    """Group born-digital words into lines by their vertical centre, each line left to right."""
    ordered = sorted(words, key=lambda w: ((w.top + w.bottom) / 2, w.x0))
    lines: list[list[Word]] = []
    centre = height = 0.0
    for word in ordered:
        mid = (word.top + word.bottom) / 2
        if lines and abs(mid - centre) <= 0.35 * min(height, word.height or height):
            lines[-1].append(word)
            continue
        lines.append([word])
        centre, height = mid, max(word.height, 0.1)
    return [Line(tuple(sorted(line, key=lambda w: w.x0))) for line in lines]


def chunks_of(line: Line, gap: float = CHUNK_GAP) -> list[Chunk]:
    """Split a line at gaps wider than a space can be (tab stops, column gutters)."""
    size = line.size
    words = sorted(line.words, key=lambda w: w.x0)
    out: list[list[Word]] = [[words[0]]]
    for word in words[1:]:
        if word.x0 - out[-1][-1].x1 > gap * size:
            out.append([word])
        else:
            out[-1].append(word)
    return [Chunk(tuple(ws), size) for ws in out]


def bands_of(chunks: list[Chunk]) -> list[Band]:
    """Chunks that overlap vertically, as rows from top to bottom (each row left to right)."""
    bands: list[Band] = []
    bottom = -1e9
    for chunk in sorted(chunks, key=lambda c: (c.top, c.x0)):
        height = chunk.bottom - chunk.top
        if bands and chunk.top < bottom - 0.3 * height:
            bands[-1].append(chunk)
            bottom = max(bottom, chunk.bottom)
        else:
            bands.append([chunk])
            bottom = chunk.bottom
    return [sorted(b, key=lambda c: c.x0) for b in bands]


def _free(intervals: list[tuple[float, float]], lo: float, hi: float) -> list[tuple[float, float]]:
    """The parts of [lo, hi] that no interval covers."""
    out, cursor = [], lo
    for a, b in sorted(intervals):
        if a > cursor:
            out.append((cursor, a))
        cursor = max(cursor, b)
    if cursor < hi:
        out.append((cursor, hi))
    return out


def _intersect(xs: list[tuple[float, float]], ys: list[tuple[float, float]], minimum: float):
    out = []
    for a0, a1 in xs:
        for b0, b1 in ys:
            lo, hi = max(a0, b0), min(a1, b1)
            if hi - lo >= minimum:
                out.append((lo, hi))
    return out


def _channels(bands: list[Band], lo: float, hi: float, minimum: float) -> list[tuple[float, float]]:
    """Vertical whitespace channels through all ``bands`` with text on both sides."""
    free = [(lo, hi)]
    for band in bands:
        free = _intersect(free, _free([(c.x0, c.x1) for c in band], lo, hi), minimum)
        if not free:
            return []
    chunks = [c for band in bands for c in band]
    return [(a, b) for a, b in free if any(c.x1 <= a for c in chunks) and any(c.x0 >= b for c in chunks)]


def _two_sided(band: Band, channel: tuple[float, float]) -> bool:
    return any(c.x1 <= channel[0] for c in band) and any(c.x0 >= channel[1] for c in band)


def _is_table(bands: list[Band], channel: tuple[float, float]) -> bool:
    """A label/value table rather than two columns: labels end in ':' and sit beside their values.

    The test that tells them apart is the label side: a table's labels are narrow and mostly end with
    a colon ("Telefon:", "Zimmer:"), a letter's left column holds names and addresses.
    """
    left = [c for band in bands for c in band if c.x1 <= channel[0]]
    if not left:
        return False
    rows = [band for band in bands if _two_sided(band, channel)]
    labelled = sum(c.text.rstrip().endswith(":") for c in left)
    width = max(c.x1 for c in left) - min(c.x0 for c in left)
    size = sorted(c.size for c in left)[len(left) // 2]
    return len(rows) >= 0.6 * len(left) and labelled >= 0.5 * len(left) and width < 14 * size


def _sections(bands: list[Band], lo: float, hi: float) -> list[tuple[list[Band], tuple[float, float] | None]]:
    """Runs of bands, each with the column channel they share (``None`` for running text)."""
    sections: list[tuple[list[Band], tuple[float, float] | None]] = []
    current: list[Band] = []
    for band in bands:
        if current:
            size = sorted(c.size for c in band)[len(band) // 2]
            candidate = _channels(current + [band], lo, hi, CHANNEL * size)
            gap = min(c.top for c in band) - max(c.bottom for c in current[-1])
            # a one-sided line far below the columns starts something new (the subject below the header)
            if candidate and (gap < 1.2 * size or any(_two_sided(band, ch) for ch in candidate)):
                current.append(band)
                continue
            sections.append((current, None))
        current = [band]
    if current:
        sections.append((current, None))
    out = []
    for run, _ in sections:
        channel = None
        if len(run) > 1:
            size = sorted(c.size for b in run for c in b)[sum(len(b) for b in run) // 2]
            found = [ch for ch in _channels(run, lo, hi, CHANNEL * size) if not _is_table(run, ch)]
            if found:
                channel = max(found, key=lambda ch: ch[1] - ch[0])
        out.append((run, channel))
    return out


def _lines_to_blocks(bands: list[Band]) -> list[Block]:
    """Running text: one line per band, a new block where the vertical gap is a paragraph break."""
    blocks: list[Block] = []
    previous = None
    for band in bands:
        size = sorted(c.size for c in band)[len(band) // 2]
        top = min(c.top for c in band)
        if previous is None or top - previous > PARAGRAPH_GAP * size:
            blocks.append([])
        blocks[-1].append(band)
        previous = max(c.bottom for c in band)
    return blocks


def read_chunks(chunks: list[Chunk], depth: int = 0) -> list[Block]:
    """Blocks of lines in reading order: sections top to bottom, columns left to right, recursively."""
    if not chunks:
        return []
    lo, hi = min(c.x0 for c in chunks), max(c.x1 for c in chunks)
    blocks: list[Block] = []
    pending: list[Band] = []
    for run, channel in _sections(bands_of(chunks), lo, hi):
        if channel is None or depth > 4:
            pending.extend(run)
            continue
        blocks.extend(_lines_to_blocks(pending))
        pending = []
        middle = (channel[0] + channel[1]) / 2
        members = [c for band in run for c in band]
        blocks.extend(read_chunks([c for c in members if c.x1 <= middle], depth + 1))
        blocks.extend(read_chunks([c for c in members if c.x1 > middle], depth + 1))
    blocks.extend(_lines_to_blocks(pending))
    return blocks


def _normal(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text)).strip().casefold()


def page_chunks(page: Page) -> list[Chunk]:
    """Every chunk of the page, from the source's lines where it has them, else from its words."""
    lines = page.lines or tuple(rows_from_words(page.words))
    # OCR measures a word by its ink (a capital's height, not the font size), and typewritten or
    # justified scans space words widely, so a scan's line splits only at a much wider gap.
    scanned = any(word.confidence is not None for word in page.words[:50])
    gap = OCR_CHUNK_GAP if scanned else CHUNK_GAP
    return [chunk for line in lines if line.words for chunk in chunks_of(line, gap)]


def furniture(pages: list[Page], bands_by_page: list[list[Band]]) -> set[tuple[int, int]]:
    """(page index, band index) of running headers and page numbers.

    A band in the top or bottom margin is furniture when its words say so ("Seite 2 von 3", "- 2 -",
    "Fortsetzung siehe Seite 2"), or, on a page after the first, when the same line (digits aside)
    stands in the top margin of another page too: page 1's letterhead is kept, its repetition is not.
    """
    found: set[tuple[int, int]] = set()
    tops: dict[str, set[int]] = {}
    for p, (page, bands) in enumerate(zip(pages, bands_by_page)):
        for b, band in enumerate(bands):
            text = " ".join(c.text for c in band)
            top, bottom = min(c.top for c in band), max(c.bottom for c in band)
            margin = top < TOP_MARGIN * page.height or bottom > BOTTOM_MARGIN * page.height
            if margin and _PAGE_NUMBER.search(text):
                found.add((p, b))
            if top < TOP_MARGIN * page.height:
                tops.setdefault(_normal(text), set()).add(p)
    for p, (page, bands) in enumerate(zip(pages, bands_by_page)):
        if p == 0:
            continue
        for b, band in enumerate(bands):
            if min(c.top for c in band) < TOP_MARGIN * page.height:
                if len(tops.get(_normal(" ".join(c.text for c in band)), ())) > 1:
                    found.add((p, b))
    return found


def footer_start(page: Page, bands: list[Band], skip: set[int]) -> int:
    """Index of the first band of the page's footer: small print below a gap at the page's foot.

    Returns ``len(bands)`` when the page has no footer.
    """
    kept = [i for i in range(len(bands)) if i not in skip]
    if len(kept) < 3:
        return len(bands)
    sizes = sorted(c.size for i in kept for c in bands[i])
    body = sizes[len(sizes) // 2]
    start = len(bands)
    for i in reversed(kept):
        band_size = max(c.size for c in bands[i])
        if band_size < 0.88 * body and min(c.top for c in bands[i]) > 0.55 * page.height:
            start = i
        else:
            break
    if start < len(bands):
        above = [i for i in kept if i < start]
        if above:
            gap = min(c.top for c in bands[start]) - max(c.bottom for c in bands[above[-1]])
            if gap < 0.8 * body:
                return len(bands)
    return start


def page_zones(pages: list[Page]) -> list[Zone]:
    """The zones of every page in reading order: body, footer and furniture, each a block of lines."""
    chunks_by_page = [page_chunks(page) for page in pages]
    bands_by_page = [bands_of(chunks) for chunks in chunks_by_page]
    skip = furniture(pages, bands_by_page)
    zones: list[Zone] = []
    for p, (page, bands) in enumerate(zip(pages, bands_by_page)):
        if page.blocks:  # the source states its regions and their order (PAGE, ALTO): trust it
            for zone in page.blocks:
                only = zone.lines[0] if len(zone.lines) == 1 else None
                if (zone.kind == "body" and only is not None and _PAGE_NUMBER.search(only.text)
                        and (only.top < TOP_MARGIN * page.height or only.bottom > BOTTOM_MARGIN * page.height)):
                    zone = Zone(zone.page, zone.lines, "furniture")  # a page number typed as a paragraph
                zones.append(zone)
            continue
        mine = {b for (q, b) in skip if q == p}
        start = footer_start(page, bands, mine)
        body = [c for i, band in enumerate(bands[:start]) if i not in mine for c in band]
        foot = [c for i, band in enumerate(bands[start:], start) if i not in mine for c in band]
        for block in read_chunks(body):
            zones.append(Zone(page.number, tuple(_line(parts) for parts in block), "body"))
        for block in read_chunks(foot):
            zones.append(Zone(page.number, tuple(_line(parts) for parts in block), "footer"))
        for i in sorted(mine):
            zones.append(Zone(page.number, (_line(bands[i]),), "furniture"))
    return zones


def _line(parts: list[Chunk]) -> Line:
    return Line(tuple(w for chunk in sorted(parts, key=lambda c: c.x0) for w in chunk.words))


def zone_box(zone: Zone):
    return union(line.bbox for line in zone.lines)
