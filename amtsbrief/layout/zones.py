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
   furniture and left out, and so are machine codes (franking and barcode lines, a print system's
   ``>>> … <<<`` markers); small print at the foot of a page is the footer, read once at the end.

Blocks are separated by a blank line, as in a well-extracted text file. Forms add three things a
text reader expects in another shape: a small label set above its value ("Ort, Datum" over
"33332 Gütersloh, 19.04.2018") is written ``Label: value``; a title printed beside the address
window (a Bescheid's) is written after the address, where a DIN 5008 letter has its subject; and on
a scan, whose type sizes OCR does not tell, the box of notes after the last paragraph of the last page
(office hours, transport) is the footer, each cell written as one ``Label: value`` line.
Letter-spaced words (``K ö r p e r s c h a f t``) are closed up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from operator import attrgetter

from amtsbrief.cues import pattern as cue_pattern
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

# Page numbers and continuation notes in a margin band; a continuation page's running header that names
# the letter by its reference (models/vocabulary.json, beside the page patterns of plain text).
_PAGE_NUMBER = cue_pattern("layout.page_mark")
_RUNNING_REFERENCE = cue_pattern("layout.running_reference")
# Machine codes: a franking mark's hex groups ("2FC9 7191 F7 E000"), a barcode's human-readable
# line ("*8062*0002513*13*5999*"), a print system's markers (">>> WinGF <<<"). Never letter text.
_CODE_GROUP = re.compile(r"^[0-9A-F]{1,5}$")
_BARCODE = re.compile(r"^\*[\d.*]{3,}\*?$|^\*$")
_MARKER = re.compile(r"^>{2,}.*<{2,}")
_IBAN_LIKE = re.compile(r"^[A-Z]{2}\d{2}[0-9A-Z]{8,30}$")
_POSTAL = re.compile(r"(?:^|\s)\d{5}\s+[A-ZÄÖÜ][\w.-]")
_DATE = re.compile(r"\b\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d{2})\b")
_HOURS = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:Uhr\s*)?(?:[-–]|bis)\s*\d{1,2}[:.]\d{2}\b")
# A form label set without a colon: a word or three, no digits ("Zimmer", "Ihr Schreiben vom", "Montag").
_BARE_LABEL = re.compile(r"^[A-ZÄÖÜ][^\W\d]*(?:[./-][^\W\d]*)*(?: [^\W\d]+(?:[./-][^\W\d]*)*){0,2}$")
# A value that is a time of day ("08 00 – 12 00", "8.00 Uhr"): a schedule's, not a field's.
_TIME_START = re.compile(r"^\d{1,2}(?:[:.]\d{2}|\s\d{2}\b)")
_DIGIT, _SENTENCE_END = re.compile(r"\d"), re.compile(r"[.;!?,]$")
# Form-field labels above their values are in smaller type: this much of the value's size at most.
LABEL_SIZE = 0.8

# sort keys read in C, rather than a lambda called per item
_X0, _TOP_X0 = attrgetter("x0"), attrgetter("top", "x0")
_new = object.__new__


@dataclass(frozen=True)
class Chunk:
    """Words of one line that are read together: a line, or one column's part of a line."""

    words: tuple[Word, ...]
    size: float
    x0: float = field(init=False)
    x1: float = field(init=False)
    top: float = field(init=False)
    bottom: float = field(init=False)
    text: str = field(init=False, repr=False, compare=False)  # the words joined by a space

    def __post_init__(self) -> None:
        self.__dict__.update(_measured(self.words))


def _measured(words: tuple[Word, ...]) -> dict:
    """A chunk's bounds, read many times during sectioning, and its text, read for nearly every chunk
    (machine codes, furniture, labels): computed once. The bounds in one pass over the words (min and
    max would walk them four times); ``<`` and ``>`` pick as min and max do."""
    first = words[0]
    x0, top, x1, bottom = first.x0, first.top, first.x1, first.bottom
    for word in words[1:]:
        if word.x0 < x0:
            x0 = word.x0
        if word.top < top:
            top = word.top
        if word.x1 > x1:
            x1 = word.x1
        if word.bottom > bottom:
            bottom = word.bottom
    return {"x0": x0, "top": top, "x1": x1, "bottom": bottom, "text": " ".join([w.text for w in words])}


def new_chunk(words: tuple[Word, ...], size: float) -> Chunk:
    """``Chunk(words, size)``, the same object, made without the frozen dataclass's ``__init__`` (as
    ``model.new_word``): a page makes a hundred. tests/test_layout_zones.py holds it to ``Chunk``."""
    made = _new(Chunk)
    made.__dict__.update(words=words, size=size)
    made.__dict__.update(_measured(words))
    return made


Band = list[Chunk]
Block = list[list[Chunk]]  # lines of chunks; the chunks of one line are joined by a space


def rows_from_words(words: tuple[Word, ...]) -> list[Line]:
    """Group born-digital words into lines by their vertical centre, each line left to right."""
    # sorted by (centre, x0), ties in the words' order (the index), without a key function per word
    ordered = sorted([((w.top + w.bottom) / 2, w.x0, i, w) for i, w in enumerate(words)])
    lines: list[list[Word]] = []
    centre = height = 0.0
    for mid, _, _, word in ordered:
        word_height = word.bottom - word.top
        reach = word_height or height
        if lines and abs(mid - centre) <= 0.35 * (reach if reach < height else height):  # min(height, reach)
            lines[-1].append(word)
            continue
        lines.append([word])
        centre, height = mid, max(word_height, 0.1)
    return [Line(tuple(line) if len(line) == 1 else tuple(sorted(line, key=_X0))) for line in lines]


def chunks_of(line: Line, gap: float = CHUNK_GAP, *, ordered: bool = False) -> list[Chunk]:
    """Split a line at gaps wider than a space can be (tab stops, column gutters).

    ``ordered``: the line's words are left to right already (``rows_from_words`` made it).
    """
    size = line.size
    widest = gap * size
    words = line.words if ordered else sorted(line.words, key=_X0)
    out: list[list[Word]] = [[words[0]]]
    previous = words[0]
    for word in words[1:]:
        if word.x0 - previous.x1 > widest:
            out.append([word])
        else:
            out[-1].append(word)
        previous = word
    return [new_chunk(tuple(ws), size) for ws in out]


def bands_of(chunks: list[Chunk]) -> list[Band]:
    """Chunks that overlap vertically, as rows from top to bottom (each row left to right)."""
    bands: list[Band] = []
    bottom = -1e9
    for chunk in sorted(chunks, key=_TOP_X0):
        height = chunk.bottom - chunk.top
        if bands and chunk.top < bottom - 0.3 * height:
            bands[-1].append(chunk)
            bottom = max(bottom, chunk.bottom)
        else:
            bands.append([chunk])
            bottom = chunk.bottom
    return [band if len(band) == 1 else sorted(band, key=_X0) for band in bands]


def _free(intervals: list[tuple[float, float]], lo: float, hi: float) -> list[tuple[float, float]]:
    """The parts of [lo, hi] that no interval covers."""
    out, cursor = [], lo
    for a, b in sorted(intervals):
        if a > cursor:
            out.append((cursor, a))
        if b > cursor:  # max(cursor, b), without the call
            cursor = b
    if cursor < hi:
        out.append((cursor, hi))
    return out


def _band_free(band: Band, lo: float, hi: float) -> list[tuple[float, float]]:
    """The parts of [lo, hi] that no chunk of ``band`` covers."""
    return _free([(c.x0, c.x1) for c in band], lo, hi)


def _intersect(xs: list[tuple[float, float]], ys: list[tuple[float, float]], minimum: float):
    out = []
    for a0, a1 in xs:
        for b0, b1 in ys:
            lo, hi = b0 if b0 > a0 else a0, b1 if b1 < a1 else a1  # max(a0, b0), min(a1, b1)
            if hi - lo >= minimum:
                out.append((lo, hi))
    return out


def _channels(bands: list[Band], lo: float, hi: float, minimum: float) -> list[tuple[float, float]]:
    """Vertical whitespace channels through all ``bands`` with text on both sides."""
    free = [(lo, hi)]
    for band in bands:
        free = _intersect(free, _band_free(band, lo, hi), minimum)
        if not free:
            return []
    chunks = [c for band in bands for c in band]
    return [(a, b) for a, b in free if any(c.x1 <= a for c in chunks) and any(c.x0 >= b for c in chunks)]


def _two_sided(band: Band, channel: tuple[float, float]) -> bool:
    return any(c.x1 <= channel[0] for c in band) and any(c.x0 >= channel[1] for c in band)


def _is_table(bands: list[Band], channel: tuple[float, float]) -> bool:
    """A label/value table rather than two columns: labels end in ':' and sit beside their values.

    The test that tells them apart is the label side: a table's labels are narrow and mostly end with
    a colon ("Telefon:", "Zimmer:"), a letter's left column holds names and addresses. Many forms set
    their labels without a colon ("Zimmer   C 3.07", "Montag   08 00 – 12 00"): then nearly every
    label is a word or two without digits, and most values hold digits (numbers, dates, times, an
    e-mail address), where an address window beside an information block has its street and town.
    """
    left = [c for band in bands for c in band if c.x1 <= channel[0]]
    if not left:
        return False
    rows = [band for band in bands if _two_sided(band, channel)]
    width = max([c.x1 for c in left]) - min([c.x0 for c in left])
    size = sorted([c.size for c in left])[len(left) // 2]
    if len(rows) < 0.6 * len(left) or width >= 14 * size:
        return False
    colon = sum([c.text.rstrip().endswith(":") for c in left])
    if colon >= 0.5 * len(left):
        return True
    # labels over values (a Bezugszeichenzeile: "Ihr Zeichen   Ihre Nachricht vom" over "Br/Ha   21.01.1992")
    # share channels too; there a row of labels has no value beside it, so a table needs rows of values
    bare = sum([bool(_BARE_LABEL.match(c.text)) for c in left])
    valued = sum([any(re.search(r"[\d@]", c.text) for c in band if c.x0 >= channel[1]) for band in rows])
    # (a schedule's last rows, "Freitag   08 00 – 12 00", may stand apart: times only are values too)
    times = all(_TIME_START.match(c.text) for band in bands for c in band if c.x0 >= channel[1])
    return (len(rows) >= 3 or times) and colon + bare >= 0.8 * len(left) and valued >= 0.6 * len(rows)



def _is_grid(bands: list[Band], channels: list[tuple[float, float]]) -> bool:
    """A table of records: every row has exactly one cell in every column, and the first row holds
    data (digits), not the headings of a footer's column blocks ("Hausanschrift   Telefon"). Each row
    is one record (a bank, its IBAN, its BIC) and is read across."""
    if len(bands) < 2 or not channels:
        return False
    for band in bands:
        if len(band) != len(channels) + 1 or not all(_two_sided(band, ch) for ch in channels):
            return False
    # cells that are fields of their own ("Telefax: …   Telex: …") are columns of fields, not records
    if any(":" in c.text for band in bands for c in band):
        return False
    return any(re.search(r"\d", c.text) for c in bands[0])


def _label_rows(bands: list[Band], channel: tuple[float, float]) -> list[Band]:
    """A colon-less label/value table's rows as ``Label: value`` chunks, as a text reader expects a field.

    Only a row whose left part is a bare label (``_BARE_LABEL``) and whose value is not a time (a
    schedule's "Montag   08 00 – 12 00" is no field) is joined; other rows stay as they are.
    """
    out: list[Band] = []
    for band in bands:
        left = [c for c in band if c.x1 <= channel[0]]
        right = [c for c in band if c.x0 >= channel[1]]
        if (len(left) == 1 and right and len(left) + len(right) == len(band)
                and not left[0].text.endswith(":") and _BARE_LABEL.match(left[0].text)
                and not _TIME_START.match(right[0].text)):
            out.append(_with_label(left, right))
        else:
            out.append(band)
    return out


def _sections(bands: list[Band], lo: float, hi: float,
              footer: bool = False) -> list[tuple[list[Band], tuple[float, float] | None]]:
    """Runs of bands, each with the column channel they share (``None`` for running text)."""
    sections: list[tuple[list[Band], tuple[float, float] | None]] = []
    current: list[Band] = []
    # The whitespace shared by the current run's bands, and the extremes of its text, kept as the run
    # grows (what ``_channels`` would find for the run plus a band, without going over the run again).
    free: list[tuple[float, float]] | None = None  # None: the run's one band's, not computed yet
    left = right = 0.0  # the leftmost right edge and the rightmost left edge of the run's chunks
    bottom = 0.0  # of the run's last band
    for band in bands:
        band_top, band_bottom, band_left, band_right, size = _measure(band)
        if current:
            l, r = min(left, band_left), max(right, band_right)
            if l > r and size >= 0:
                # A channel lies between the leftmost right edge and the rightmost left edge; where
                # they cross (lines of running text) there is none, and no whitespace need be computed.
                candidate = []
            else:
                if free is None:
                    free = _band_free(current[0], lo, hi)
                shared = _intersect(free, _band_free(band, lo, hi), 0.0)
                candidate = [(a, b) for a, b in shared if b - a >= CHANNEL * size and l <= a and r >= b]
            gap = band_top - bottom
            # a one-sided line far below the columns starts something new (the subject below the header)
            if candidate and (gap < 1.2 * size or any(_two_sided(band, ch) for ch in candidate)):
                current.append(band)
                free, left, right, bottom = shared, l, r, band_bottom
                continue
            sections.append((current, None))
        current = [band]
        free, left, right, bottom = None, band_left, band_right, band_bottom
    if current:
        sections.append((current, None))
    out = []
    for run, _ in sections:
        channel = None
        if len(run) > 1:
            size = sorted([c.size for b in run for c in b])[sum([len(b) for b in run]) // 2]
            channels = _channels(run, lo, hi, CHANNEL * size)
            found = [ch for ch in channels if not _is_table(run, ch)]
            if footer and found and _is_grid(run, channels):
                found = []  # a table of records (bank, IBAN, BIC on every row): read row by row
            if found:
                channel = max(found, key=lambda ch: ch[1] - ch[0])
            elif channels:
                run = _label_rows(run, max(channels, key=lambda ch: ch[1] - ch[0]))
        out.append((run, channel))
    return out


def _lines_to_blocks(bands: list[Band]) -> list[Block]:
    """Running text: one line per band, a new block where the vertical gap is a paragraph break.

    On a scan, type size is only known from the ink (a capital's height, not the font size), so a
    widely spaced block (an address window at 1.5 lines) looks like paragraphs; there a break must
    also be clearly wider than the block's usual line gap.
    """
    blocks: list[Block] = []
    previous = None
    measures = [_measure(band) for band in bands]
    gaps = sorted([b[0] - a[1] for a, b in zip(measures, measures[1:])])
    scanned = any(w.confidence is not None for band in bands[:1] for c in band for w in c.words[:1])
    # only a short, evenly spaced run (an address block); evenly spaced one-line paragraphs run longer
    even = 2 <= len(gaps) <= 5 and gaps[-1] <= 1.3 * max(gaps[0], 0.1)
    usual = gaps[len(gaps) // 2] if scanned and even else 0.0
    for band, (top, bottom, _, _, size) in zip(bands, measures):
        if previous is None or top - previous > max(PARAGRAPH_GAP * size, 1.5 * usual):
            blocks.append([])
        blocks[-1].extend(_apart(band) if scanned else [band])
        previous = bottom
    return blocks


def _measure(band: Band) -> tuple[float, float, float, float, float]:
    """A band's top, bottom, leftmost right edge, rightmost left edge and median type size (the upper
    one of an even count). Asked for every band of every run, and most bands are one chunk."""
    if len(band) == 1:
        chunk = band[0]
        return chunk.top, chunk.bottom, chunk.x1, chunk.x0, chunk.size
    return (min([c.top for c in band]), max([c.bottom for c in band]), min([c.x1 for c in band]),
            max([c.x0 for c in band]), sorted([c.size for c in band])[len(band) // 2])


# On a scan, two runs of type of clearly different size, far apart on one baseline, are two lines that
# happen to share it (the small return line above the address window and the letterhead's name
# beside it), not the cells of one row.
APART_GAP, APART_SIZE = 8.0, 1.3


def _apart(band: Band) -> list[Band]:
    """``band`` as one row, or as one row per run of type where ``APART_GAP``/``APART_SIZE`` part them."""
    def ink(chunk: Chunk) -> float:  # the chunk's own type size (a chunk carries its line's)
        heights = sorted([w.bottom - w.top for w in chunk.words])
        return max(heights[len(heights) // 2], 0.1)

    rows: list[Band] = [[band[0]]]
    for chunk in band[1:]:
        before = rows[-1][-1]
        small, large = sorted((ink(before), ink(chunk)))
        if chunk.x0 - before.x1 > APART_GAP * small and large >= APART_SIZE * small:
            rows.append([chunk])
        else:
            rows[-1].append(chunk)
    return rows


def read_chunks(chunks: list[Chunk], depth: int = 0, footer: bool = False) -> list[Block]:
    """Blocks of lines in reading order: sections top to bottom, columns left to right, recursively.

    In a ``footer``, a table of records (``_is_grid``) is read row by row rather than as columns.
    """
    if not chunks:
        return []
    lo, hi = min([c.x0 for c in chunks]), max([c.x1 for c in chunks])
    blocks: list[Block] = []
    pending: list[Band] = []
    for run, channel in _sections(bands_of(chunks), lo, hi, footer):
        if channel is None or depth > 4:
            pending.extend(run)
            continue
        blocks.extend(_lines_to_blocks(pending))
        pending = []
        middle = (channel[0] + channel[1]) / 2
        members = [c for band in run for c in band]
        blocks.extend(read_chunks([c for c in members if c.x1 <= middle], depth + 1, footer))
        blocks.extend(read_chunks([c for c in members if c.x1 > middle], depth + 1, footer))
    blocks.extend(_lines_to_blocks(pending))
    return blocks


_DIGITS, _BLANKS = re.compile(r"\d+"), re.compile(r"\s+")


def _normal(text: str) -> str:
    return _DIGITS.sub("#", _BLANKS.sub(" ", text)).strip().casefold()


def margin_marks(chunks: list[Chunk]) -> set[int]:
    """ids of a scan's marks in the left margin: a character or two standing alone left of where the
    lines of text begin (a punched hole, a fold mark, a tick, read as "3" or "E")."""
    lines = sorted([c.x0 for c in chunks if len(c.words) >= 3])
    if len(lines) < 5:
        return set()
    edge = lines[len(lines) // 10]
    return {id(c) for c in chunks if len(c.text) <= 2 and c.x1 < edge - c.size}


def chunk_pages(pages: list[Page]) -> list[tuple[list[Chunk], list[Chunk]]]:
    """Every page's chunks and, apart, its machine codes (see ``page_chunks``)."""
    out = []
    for page in pages:
        codes: list[Chunk] = []
        out.append((page_chunks(page, codes=codes), codes))
    return out


def close_up(line: Line) -> Line:
    """The line with letter-spaced words (``K ö r p e r``: four or more one-letter words) closed up.

    Within such a run, a gap well wider than the run's usual letter gap is a word space.
    """
    words = line.words
    if len(words) < 4 or sum([len(w.text) == 1 for w in words]) < 4:
        return line
    out: list[Word] = []
    i = 0
    while i < len(words):
        j = i
        while j < len(words) and len(words[j].text) == 1 and words[j].text.isalnum():
            j += 1
        run = words[i:j]
        gaps = sorted(b.x0 - a.x1 for a, b in zip(run, run[1:]))
        size = line.size
        if len(run) < 4 or gaps[len(gaps) // 2] > size:
            out.extend(words[i:max(j, i + 1)])
            i = max(j, i + 1)
            continue
        wide = max(1.8 * gaps[len(gaps) // 2], 0.15 * size)
        group = [run[0]]
        for word in run[1:]:
            if word.x0 - group[-1].x1 > wide:
                out.append(_joined(group))
                group = []
            group.append(word)
        out.append(_joined(group))
        i = j
    return Line(tuple(out))


def _joined(words: list[Word]) -> Word:
    if len(words) == 1:
        return words[0]
    x0, top, x1, bottom = union(w.bbox for w in words)
    confidences = [w.confidence for w in words if w.confidence is not None]
    return Word("".join(w.text for w in words), x0, top, x1, bottom, font=words[0].font, size=words[0].size,
                confidence=min(confidences) if confidences else None)


def is_code(chunk: Chunk) -> bool:
    """A franking mark, a barcode's digits or a print system's marker: machine text, not the letter's."""
    first = chunk.words[0].text
    if not (first.startswith(">>") or _BARCODE.match(first) or _CODE_GROUP.match(first)):
        return False  # the common case, decided by the first word
    texts = [w.text for w in chunk.words]
    if _MARKER.match(" ".join(texts)) or all(_BARCODE.match(t) for t in texts):
        return True
    return (len(texts) >= 3 and all(_CODE_GROUP.match(t) for t in texts)
            and any(re.search(r"[A-F]", t) and re.search(r"\d", t) for t in texts)
            and not _IBAN_LIKE.match("".join(texts)))


def is_scanned(page: Page) -> bool:
    """Whether the page's words come from OCR (they carry confidences)."""
    return any(word.confidence is not None for word in page.words[:50])


def page_chunks(page: Page, *, codes: list[Chunk] | None = None) -> list[Chunk]:
    """Every chunk of the page, from the source's lines where it has them, else from its words.

    Machine codes (``is_code``) are left out, and appended to ``codes`` when it is given.
    """
    lines = page.lines or tuple(rows_from_words(page.words))
    # OCR measures a word by its ink (a capital's height, not the font size), and typewritten or
    # justified scans space words widely, so a scan's line splits only at a much wider gap.
    gap = OCR_CHUNK_GAP if is_scanned(page) else CHUNK_GAP
    # lines made from the words are left to right, and closing up letter-spaced words keeps that order
    ordered = not page.lines
    out = []
    for line in lines:
        if not line.words:
            continue
        for chunk in chunks_of(close_up(line), gap, ordered=ordered):
            if is_code(chunk):
                if codes is not None:
                    codes.append(chunk)
            else:
                out.append(chunk)
    return out


def furniture(pages: list[Page], bands_by_page: list[list[Band]]) -> set[tuple[int, int]]:
    """(page index, band index) of running headers and page numbers.

    A band in the top or bottom margin is furniture when its words say so ("Seite 2 von 3", "- 2 -",
    "Fortsetzung siehe Seite 2"), or, on a page after the first, when the same line (digits aside)
    stands in the top margin of another page too: page 1's letterhead is kept, its repetition is not.
    """
    found: set[tuple[int, int]] = set()
    tops: dict[str, set[int]] = {}
    in_top: dict[tuple[int, int], str] = {}  # (page, band) in the top margin → its text, normalised
    for p, (page, bands) in enumerate(zip(pages, bands_by_page)):
        for b, band in enumerate(bands):
            top, bottom = min([c.top for c in band]), max([c.bottom for c in band])
            if not (top < TOP_MARGIN * page.height or bottom > BOTTOM_MARGIN * page.height):
                continue  # only the margins hold furniture
            text = " ".join([c.text for c in band])
            if _PAGE_NUMBER.search(text):
                found.add((p, b))
            elif p > 0 and top < TOP_MARGIN * page.height and _RUNNING_REFERENCE.match(text):
                found.add((p, b))
            if top < TOP_MARGIN * page.height:
                in_top[p, b] = normal = _normal(text)
                tops.setdefault(normal, set()).add(p)
    for (p, b), normal in in_top.items():
        if p > 0 and len(tops[normal]) > 1:
            found.add((p, b))
    return found


def footer_start(page: Page, bands: list[Band], skip: set[int]) -> int:
    """Index of the first band of the page's footer: small print below a gap at the page's foot.

    Returns ``len(bands)`` when the page has no footer.
    """
    kept = [i for i in range(len(bands)) if i not in skip]
    if len(kept) < 3:
        return len(bands)
    sizes = sorted([c.size for i in kept for c in bands[i]])
    body = sizes[len(sizes) // 2]
    start = len(bands)
    for i in reversed(kept):
        band_size = max([c.size for c in bands[i]])
        if band_size < 0.88 * body and min([c.top for c in bands[i]]) > 0.55 * page.height:
            start = i
        else:
            break
    if start < len(bands):
        above = [i for i in kept if i < start]
        if above:
            gap = min([c.top for c in bands[start]]) - max([c.bottom for c in bands[above[-1]]])
            if gap < 0.8 * body:
                return len(bands)
    return start


def page_zones(pages: list[Page], chunked: list[tuple[list[Chunk], list[Chunk]]] | None = None) -> list[Zone]:
    """The zones of every page in reading order: body, footer and furniture, each a block of lines.

    ``chunked`` is every page's (chunks, machine codes) from ``chunk_pages`` when the caller has them.
    """
    chunked = chunked if chunked is not None else chunk_pages(pages)
    chunks_by_page: list[list[Chunk]] = []
    codes_by_page: list[list[Chunk]] = []
    for page, (chunks, codes) in zip(pages, chunked):
        marks = margin_marks(chunks) if is_scanned(page) else set()
        chunks_by_page.append([c for c in chunks if id(c) not in marks])
        codes_by_page.append(list(codes) + [c for c in chunks if id(c) in marks])
    bands_by_page = [bands_of(chunks) for chunks in chunks_by_page]
    skip = furniture(pages, bands_by_page)
    zones: list[Zone] = []
    for p, (page, bands) in enumerate(zip(pages, bands_by_page)):
        zones.extend(Zone(page.number, (_line([chunk]),), "furniture") for chunk in codes_by_page[p])
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
        boxed = False
        if start == len(bands) and p == len(pages) - 1 and is_scanned(page):
            start = box_start(bands, mine)
            boxed = start < len(bands)
        body = [c for i, band in enumerate(bands[:start]) if i not in mine for c in band]
        foot = [c for i, band in enumerate(bands[start:], start) if i not in mine for c in band]
        blocks = read_chunks(join_labels(body))
        if p == 0:
            blocks = title_after_address(blocks, page)
        for block in blocks:
            zones.append(Zone(page.number, tuple(_line(parts) for parts in block), "body"))
        if boxed:
            zones.append(Zone(page.number, tuple(_line(parts) for parts in cells(read_chunks(foot))), "footer"))
        else:
            for block in read_chunks(join_labels(foot), footer=True):
                zones.append(Zone(page.number, tuple(_line(parts) for parts in block), "footer"))
        for i in sorted(mine):
            zones.append(Zone(page.number, (_line(bands[i]),), "furniture"))
    return zones


def _line(parts: list[Chunk]) -> Line:
    if len(parts) == 1:
        return Line(parts[0].words)
    return Line(tuple(w for chunk in sorted(parts, key=_X0) for w in chunk.words))


def zone_box(zone: Zone):
    return union(line.bbox for line in zone.lines)


def _words(parts: list[Chunk]) -> list[Word]:
    """The words of a line's chunks, left to right (a new list: callers may change it)."""
    if len(parts) == 1:
        return list(parts[0].words)  # most lines are one chunk: nothing to sort
    return [w for chunk in sorted(parts, key=_X0) for w in chunk.words]


def _text(parts: list[Chunk]) -> str:
    if len(parts) == 1:
        return parts[0].text
    # a chunk's text is its words' joined by a space, so this is the words' text joined by a space
    return " ".join([chunk.text for chunk in sorted(parts, key=_X0)])


def type_size(parts: list[Chunk]) -> float:
    """The type size of a line: its words' font size where known; on a scan, the height of its words
    that have neither descenders nor punctuation below the line (OCR boxes are ink, not type)."""
    words = _words(parts)
    sizes = [w.size for w in words if w.size]
    if not sizes:
        sizes = [w.height for w in words
                 if (w.text[:1].isupper() or w.text[:1].isdigit()) and not re.search(r"[gjpqy,;()\[\]{}|/]", w.text)]
        # without such words, the ink runs from ascender to descender: about a fifth more than a capital
        sizes = sizes or [0.8 * w.height for w in words]
    sizes.sort()
    return sizes[len(sizes) // 2]


def _label_like(text: str) -> bool:
    """A field label or a box heading: a few words, no digits, no sentence end."""
    # the cheap tests first: most chunks are running text, longer than a label
    return (len(text) <= 40 and text[:1].isupper() and 0 < len(text.split()) <= 4
            and not _DIGIT.search(text) and not _SENTENCE_END.search(text))


def _with_label(label: list[Chunk], *values: list[Chunk]) -> list[Chunk]:
    """One line ``Label: value …`` from a label line and its value line(s), in their order."""
    words = _words(label)
    last = words[-1]
    if not last.text.endswith(":"):
        words[-1] = Word(last.text + ":", last.x0, last.top, last.x1, last.bottom, font=last.font,
                         size=last.size, confidence=last.confidence)
    value_words = [w for value in values for w in _words(value)]
    return [Chunk(tuple(words + value_words), max([c.size for value in values for c in value]))]


def join_labels(chunks: list[Chunk]) -> list[Chunk]:
    """Form fields: a label in small type set just above its value becomes one ``Label: value`` chunk.

    The value is the chunk of the next row that starts where the label starts, with what follows it
    on that row under the label's reach ("Organisationseinheit, Telefon" over "VST 34   05241 …").
    Done before columns are found, so that a field's label and value stay together.
    """
    bands = bands_of(chunks)
    merged: dict[int, Chunk] = {}  # id of the value chunk → the joined chunk
    dropped: set[int] = set()
    for above, below in zip(bands, bands[1:]):
        for label in above:
            if not _label_like(label.text):
                continue
            value = next((c for c in below if id(c) not in dropped and abs(c.x0 - label.x0) < 1.5 * c.size), None)
            if value is None:
                continue
            size = type_size([value])
            # a label stands alone in its column; a short word with text close beside it is running text
            beside = [c.x0 for c in above if c.x0 > label.x1]
            if beside and min(beside) - label.x1 < 6 * size:
                continue
            if not (type_size([label]) <= LABEL_SIZE * size and -0.2 * size < value.top - label.bottom < size):
                continue
            others = [c for c in above if c is not label]
            reach = min([c.x0 for c in others if c.x0 > label.x1] + [label.x1 + 6 * size])
            parts = [c for c in below if c.x0 >= value.x0 and c.x0 < reach]
            merged[id(value)] = _with_label([label], parts)[0]
            dropped.add(id(label))
            dropped.update(id(c) for c in parts if c is not value)
    if not merged:
        return chunks
    return [merged.get(id(c), c) for c in chunks if id(c) not in dropped]


def _block_box(block: Block):
    return union([(c.x0, c.top, c.x1, c.bottom) for line in block for c in line])


def title_after_address(blocks: list[Block], page: Page) -> list[Block]:
    """A title set in the right column beside the address window (a Bescheid's) is the letter's subject.

    It is moved, as one block, after the address block and what continues it below (a further
    postal line, such as the principal of an authorised recipient), where a DIN 5008 letter has its
    subject. Right-column information (labels, dates, numbers, a postal line) stays where it is.
    """
    boxes = [_block_box(block) for block in blocks]
    texts = [[_text(line) for line in block] for block in blocks]
    postal = [any(_POSTAL.search(t) for t in lines) for lines in texts]
    window = next((a for a in range(len(blocks)) if postal[a] and len(blocks[a]) >= 2
                   and boxes[a][2] < 0.55 * page.width and boxes[a][1] < 0.5 * page.height), None)
    if window is None:
        return blocks
    w_top, w_bottom = boxes[window][1], boxes[window][3]
    # the window's upper edge: its return-address line where it has one (a letterhead stands above it)
    ret = window - 1
    if ret >= 0 and len(blocks[ret]) == 1 and postal[ret] and boxes[ret][2] < 0.55 * page.width:
        w_top = boxes[ret][1]
    else:
        w_top -= 0.1 * page.height
    titles = []
    for t, (x0, top, x1, bottom) in enumerate(boxes):
        joined = " ".join(texts[t])
        if (x0 < 0.4 * page.width or len(blocks[t]) > 5 or postal[t] or ":" in joined or "@" in joined
                or _DATE.search(joined) or sum([ch.isdigit() for ch in joined]) > 0.5 * len(joined)):
            continue
        if top > w_top and top < w_bottom:
            titles.append(t)
    # a name over an information block (Bearbeiter, Telefon … below it in the column) heads that
    # block; a title has nothing under it before the body
    if any(boxes[k][0] >= 0.4 * page.width and k not in titles and boxes[k][1] > max([boxes[t][3] for t in titles])
           and boxes[k][1] < w_bottom + 0.1 * page.height for k in range(len(blocks)) for _ in titles[:1]):
        return blocks
    if not titles:
        return blocks
    end = window
    for k in range(window + 1, min(window + 5, len(blocks))):
        if k in titles:
            continue
        if len(blocks[k]) > 4 or boxes[k][0] >= 0.4 * page.width:
            break
        if postal[k]:
            end = k
    title = [line for t in titles for line in blocks[t]]
    out: list[Block] = []
    for k, block in enumerate(blocks):
        if k not in titles:
            out.append(block)
        if k == end:
            out.append(title)
    return out


def box_start(bands: list[Band], skip: set[int]) -> int:
    """On a scan's last page, the box of notes after the last paragraph: multi-column material below
    the last full-width line (office hours beside a service desk's). ``len(bands)`` when there is none."""
    kept = [i for i in range(len(bands)) if i not in skip]
    if len(kept) < 4:
        return len(bands)
    lo = min([c.x0 for i in kept for c in bands[i]])
    hi = max([c.x1 for i in kept for c in bands[i]])
    # a line of running text is one chunk across most of the page; columns are several narrower ones
    wide = [i for i in kept if max([c.x1 - c.x0 for c in bands[i]]) > 0.6 * (hi - lo)]
    if not wide:
        return len(bands)
    start = None
    previous = wide[-1]
    for i in kept:
        if i <= wide[-1]:
            continue
        size = type_size(bands[i])
        if min([c.top for c in bands[i]]) - max([c.bottom for c in bands[previous]]) > PARAGRAPH_GAP * size:
            start = i
            break
        previous = i
    if start is None:
        return len(bands)
    tail = [bands[i] for i in kept if i >= start]
    if len(tail) < 3 or len(tail) > 16:
        return len(bands)
    size = sorted([c.size for band in tail for c in band])[sum(map(len, tail)) // 2]
    channels = _channels([band for band in tail if len(band) > 1] or tail[:1], lo, hi, CHANNEL * size)
    columns = any(_two_sided(band, ch) for band in tail for ch in channels)
    hours = any(_HOURS.search(c.text) for band in tail for c in band)
    return start if columns or hours else len(bands)


def cells(blocks: list[Block]) -> list[list[Chunk]]:
    """A box's blocks as lines: a block headed by a label (``Öffnungszeiten``) is one line
    ``Label: value …``; other lines stay as they are. Read as one block, as a footer is."""
    out: list[list[Chunk]] = []
    for block in blocks:
        # a heading over values (times, numbers); a signature under its closing has none
        if len(block) >= 2 and _label_like(_text(block[0])) and any(re.search(r"\d", _text(line)) for line in block[1:]):
            out.append(_with_label(block[0], *block[1:]))
        else:
            out.extend(block)
    return out
