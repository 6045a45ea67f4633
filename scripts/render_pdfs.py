#!/usr/bin/env python3
"""Render the corpus letters (``corpus/*/*.txt``) as DIN 5008 PDFs, to test the layout layer on known gold.

usage: render_pdfs.py [--corpus corpus] [--out build/rendered] [--producer natural|scrambled|both] [NAME ...]

Each letter becomes ``OUT/<producer>/<split>/<name>.pdf`` with its ``<name>.gold.json`` copied beside it,
so ``shared/tools/score.py OUT/<producer>/<split>`` scores the rendered set against the same gold as
the text.

The layout follows DIN 5008: the letterhead and the recipient window on the left, the contact and
reference block in a right-hand column at the same height (lifted up beside the window when the
text file puts it below), the subject and body across the full width, the footer in small columns at
the foot of page 1, and on later pages a running header and page numbers. The text files already
say what sits where through their spacing (a right column is indented, a line with a wide gap holds
two columns), so the renderer reads that spacing; it never guesses fields.

Two producers write the same pages in different internal orders, because extractors that follow the
content stream (pypdfium2, PyMuPDF) read them differently:

- ``natural``: top to bottom, left column before right, footer on page 1 only, page numbers at the top.
- ``scrambled``: right column first, then the footer, then everything else from the bottom of the
  page up; the footer repeats on every page and page numbers sit at the bottom ("- 2 -").
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4
PAGE_W, PAGE_H = 595.28, 841.89
LEFT = 25 * MM  # DIN 5008 left margin
RIGHT_COLUMN = 125 * MM  # the information block starts 125 mm from the left edge
TEXT_WIDTH = 165 * MM
BODY_SIZE, LEADING = 10.5, 13.5
FOOTER_SIZE, FOOTER_LEADING = 7.0, 8.8
RIGHT_CUTOFF = 30  # a text segment starting at this column or later belongs to the right column
SALUTATION = re.compile(r"^\s*(Sehr geehrte|Liebe |Guten Tag|Hallo )")
CLOSING = re.compile(r"^\s*(Mit freundlichen Grüßen|Freundliche Grüße|Mit freundlichem Gruß|Hochachtungsvoll|Viele Grüße)")


@dataclass
class Op:
    """One string drawn at (x, top) in points from the page's top-left, with its font and role."""

    page: int
    x: float
    top: float
    text: str
    size: float
    role: str  # left | right | body | footer | furniture


def fonts() -> tuple[str, str]:
    """A Unicode TrueType font when the system has DejaVu, else the PDF base fonts (cp1252 only)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for directory in ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/TTF"):
        regular = Path(directory, "DejaVuSans.ttf")
        serif = Path(directory, "DejaVuSerif.ttf")
        if regular.exists() and serif.exists():
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
            pdfmetrics.registerFont(TTFont("DejaVuSerif", str(serif)))
            return "DejaVuSans", "DejaVuSerif"
    return "Helvetica", "Times-Roman"


PAGE_NUMBER_LINE = re.compile(r"^\s*(?:[-–]\s*\d{1,3}\s*[-–]|(?:Seite|Blatt)\s+\d{1,3}(?:\s+von\s+\d{1,3})?)\s*$")
RULE = re.compile(r"^\s*[_=–-]{10,}\s*$")


def segments(line: str) -> list[tuple[int, str]]:
    """The parts of a text line separated by runs of three or more spaces, with their start columns."""
    return [(m.start(), m.group()) for m in re.finditer(r"\S+(?: {1,2}\S+)*", line)]


def split_letter(lines: list[str]) -> tuple[list[str], list[str], list[str]]:
    """(header, body, footer) lines: header up to the salutation (or the first wide block), footer after the signature."""
    start = next((i for i, line in enumerate(lines) if SALUTATION.match(line)), None)
    if start is None:
        # no salutation (a Drucksache): the header is what is laid out in columns at the top
        start = 0
        for i, line in enumerate(lines[:30]):
            parts = segments(line)
            if len(parts) == 1 and parts[0][0] < RIGHT_CUTOFF and len(parts[0][1]) >= 60:
                break  # running text: the body has begun (an amount set in below is body, not header)
            if len(parts) > 1 or (parts and parts[0][0] >= RIGHT_CUTOFF):
                start = i + 1
    closing = next((i for i, line in enumerate(lines) if i > start and CLOSING.match(line)), None)
    end = len(lines)
    if closing is not None:
        i = closing
        while i < len(lines) and lines[i].strip():  # closing block ("i. A." may follow)
            i += 1
        while i < len(lines) and not lines[i].strip():
            i += 1
        while i < len(lines) and lines[i].strip():  # the signature block
            i += 1
        end = i
        # the name may stand a block further down ("Der Oberbürgermeister / i. A.", then the name):
        # short lines of words only, no footer's numbers, addresses or labels
        for _ in range(2):
            j = end
            while j < len(lines) and not lines[j].strip():
                j += 1
            k = j
            while k < len(lines) and lines[k].strip():
                k += 1
            block = lines[j:k]
            if not block or len(block) > 3 or any(len(line.strip()) > 40 or len(segments(line)) > 1
                                                  or re.search(r"[\d@:]", line) for line in block):
                break
            end = k
    else:
        # no closing (a Bescheid): the footer is the small print after the last paragraph, a last block
        # set apart by two blank lines that holds contact or bank details
        j = len(lines)
        while j and not lines[j - 1].strip():
            j -= 1
        k = j - 1
        while k > start and (lines[k].strip() or lines[k - 1].strip()):
            k -= 1
        block = lines[k:j]
        if k > start and len(block) <= 14 and any(re.search(r"IBAN|Telefon|@|Bankverbindung", line) for line in block):
            end = k
    return lines[:start], lines[start:end], lines[end:]


def paginate(text: str) -> tuple[list[str], list[str], list[str]]:
    """(letter lines, footer lines, running header) of a text whose pages are separated by form feeds.

    A text extracted page by page from a real letter holds each page's furniture where the page
    ended: its page number, the page-1 footer (a rule or a row of columns after the last paragraph),
    and the next page's running header. On a rendered page they go where the letter had them (the
    footer at the foot of page 1, the running header at the top of later pages), not into the body.
    """
    pages = [[line.rstrip() for line in page.replace("\t", "    ").replace("\r", "").split("\n")]
             for page in text.split("\f")]
    if len(pages) == 1:
        return pages[0], [], []
    top = " ".join(line.strip() for line in pages[0][:15])
    out: list[str] = []
    feet: list[str] = []
    running: list[str] = []
    for n, lines in enumerate(pages):
        lines = [line for line in lines if not PAGE_NUMBER_LINE.match(line)]
        if n > 0:
            i = next((k for k, line in enumerate(lines) if line.strip()), None)
            if i is not None:
                first = segments(lines[i])[0][1]
                if re.search(r"(?:Seite|Blatt)\s+\d", lines[i]) or first.split(" · ")[0] in top:
                    if not running:
                        running = [text for _, text in segments(lines[i])]
                    del lines[i]
        if n < len(pages) - 1:
            end = len(lines)
            while end and not lines[end - 1].strip():
                end -= 1
            j = end - 1  # the trailing block begins after the last run of two blank lines
            while j > 0 and (lines[j].strip() or lines[j - 1].strip()):
                j -= 1
            block = [line for line in lines[j:end]]
            while block and not block[0].strip():
                block.pop(0)
            if block and len(block) <= 15 and (RULE.match(block[0]) or len(segments(block[0])) >= 3):
                feet.extend(block + [""])
                lines = lines[:j]
        out.extend(lines)
    return out, feet, running


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Break a line at spaces so that it fits ``width``; a word longer than the width stands alone."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out, current = [], ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and stringWidth(candidate, font, size) > width:
            out.append(current)
            current = word
        else:
            current = candidate
    out.append(current)
    return out


def layout_header(header: list[str], font: str) -> tuple[list[Op], float]:
    """Place the header's segments: left ones from the left margin, right ones in the information block."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    rows: list[list[tuple[int, str]]] = [segments(line) for line in header]
    right_starts = [col for row in rows for col, _ in row if col >= RIGHT_CUTOFF]
    c_right = min(right_starts) if right_starts else RIGHT_CUTOFF
    # A run of lines that hold only right-column text, following lines that hold only left text, is lifted
    # up beside them: DIN 5008 sets the information block at the height of the address window.
    kinds = ["blank" if not row else "right" if all(c >= RIGHT_CUTOFF for c, _ in row) else "left" for row in rows]
    placement = list(range(len(rows)))
    first_right = next((i for i, k in enumerate(kinds) if k == "right"), None)
    if first_right is not None and "right" not in kinds[:first_right]:
        run_end = first_right
        while run_end < len(kinds) and kinds[run_end] == "right":
            run_end += 1
        first_text = next(i for i, k in enumerate(kinds) if k != "blank")
        lift = max(first_right - first_text - 1, 0)  # start one row below the first letterhead line
        if lift:
            for i in range(first_right, run_end):
                placement[i] = i - lift
            for i in range(run_end, len(rows)):  # what followed the run moves up too, keeping its gap
                placement[i] = i - min(lift, run_end - first_right)
            # keep everything after the run below the left column
            left_bottom = max((placement[i] for i in range(first_right) if kinds[i] == "left"), default=0)
            shift = max(0, left_bottom + 2 - placement[run_end]) if run_end < len(rows) else 0
            for i in range(run_end, len(rows)):
                placement[i] += shift
    ops: list[Op] = []
    top = 17 * MM
    bottom = top
    last_right = max((placement[i] for i, k in enumerate(kinds) if k == "right" or
                      any(c >= RIGHT_CUTOFF for c, _ in rows[i])), default=-1)
    for row, place in zip(rows, placement):
        y = top + place * LEADING
        for col, text in row:
            if col >= RIGHT_CUTOFF:
                x, size, role = RIGHT_COLUMN + (col - c_right) * 5.0, 8.5, "right"
                room = PAGE_W - 12 * MM - x
                while stringWidth(text, font, size) > room and size > 5:
                    size -= 0.5
            else:
                x, size, role = LEFT + col * 5.5, BODY_SIZE, "left"
                # beside the information block a left line must stay clear of it; below, it has the width
                room = (RIGHT_COLUMN - 8 * MM if place <= last_right else LEFT + TEXT_WIDTH) - x
                while stringWidth(text, font, size) > room and size > 5:
                    size -= 0.5
            ops.append(Op(1, x, y, text, size, role))
            bottom = max(bottom, y + LEADING)
    return ops, bottom + LEADING


def layout_footer(footer: list[str], font: str) -> list[tuple[float, float, str, float]]:
    """Footer blocks in up to four small columns; lines too wide for a column run across the width.

    Returns (x, offset from the footer's top, text, size) tuples, so the footer can be placed on any page.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    footer = [line for line in footer if not RULE.match(line)]  # a rule is drawn, not written
    if any(len(segments(line)) > 1 for line in footer):
        return positional_footer(footer, font)
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in footer:
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    merged: list[list[str]] = []
    for block in blocks:  # a lone label ("Sprechzeiten:") heads the block after it
        if merged and len(merged[-1]) == 1 and merged[-1][0].endswith(":"):
            merged[-1].extend(block)
        else:
            merged.append(block)
    column_width = TEXT_WIDTH / 4
    columns = [b for b in merged if len(b) > 1 and all(stringWidth(t, font, FOOTER_SIZE) < column_width - 6 for t in b)]
    columns = columns[:4]
    placed: list[tuple[float, float, str]] = []
    y = 0.0
    # blocks before the first column block, between, and after: columns in one row, the rest full width
    i = 0
    while i < len(merged):
        if merged[i] in columns:
            group = []
            while i < len(merged) and merged[i] in columns:
                group.append(merged[i])
                i += 1
            for n, block in enumerate(group):
                for k, text in enumerate(block):
                    placed.append((LEFT + n * column_width, y + k * FOOTER_LEADING, text, FOOTER_SIZE))
            y += max(len(b) for b in group) * FOOTER_LEADING + FOOTER_LEADING * 0.5
        else:
            for text in merged[i]:
                for part in wrap(text, font, FOOTER_SIZE, TEXT_WIDTH):
                    placed.append((LEFT, y, part, FOOTER_SIZE))
                    y += FOOTER_LEADING
            y += FOOTER_LEADING * 0.5
            i += 1
    return placed


def positional_footer(footer: list[str], font: str) -> list[tuple[float, float, str, float]]:
    """A footer the text already lays out in columns: every part at its column, the columns aligned.

    One type size for the whole footer, the largest (up to ``FOOTER_SIZE``) at which every part ends
    before the next part of its line begins, as in the letter the text was taken from.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    while footer and not footer[0].strip():
        footer = footer[1:]
    rows = [segments(line) for line in footer]
    width = max((col + len(text) for row in rows for col, text in row), default=1)
    scale = min(4.6, TEXT_WIDTH / width)
    limit = PAGE_W - 10 * MM - LEFT

    def fits(size: float) -> bool:
        for row in rows:
            for k, (col, text) in enumerate(row):
                end = (row[k + 1][0] * scale - 1.2 * size) if k + 1 < len(row) else limit
                if col * scale + stringWidth(text, font, size) > end:
                    return False
        return True

    size = FOOTER_SIZE
    while size > 5.0 and not fits(size):
        size -= 0.25
    leading = size * FOOTER_LEADING / FOOTER_SIZE
    placed: list[tuple[float, float, str, float]] = []
    y = 0.0
    for row in rows:
        if not row:
            y += leading * 0.5
            continue
        for col, text in row:
            placed.append((LEFT + col * scale, y, text, size))
        y += leading
    return placed


def layout(text: str, font: str, producer: str) -> list[Op]:
    """All strings of the letter on their pages."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, feet, running = paginate(text)
    header, body, footer = split_letter(lines)
    if feet:  # page 1's footer, as the text had it at the foot of its first page
        footer = feet + footer
    ops, y = layout_header(header, font)
    footer_items = layout_footer(footer, font)
    footer_height = (max(t for _, t, _, _ in footer_items) + FOOTER_LEADING) if footer_items else 0.0
    footer_top = PAGE_H - 12 * MM - footer_height

    def body_bottom(page: int) -> float:
        if footer_items and (page == 1 or producer == "scrambled"):
            return footer_top - 2 * LEADING
        return PAGE_H - 22 * MM

    # The text files are wrapped at up to about 100 characters; set the body small enough that such a
    # line stays one line (re-wrapping would leave one-word lines the text never had).
    size = BODY_SIZE
    wrapped = [line.strip() for line in body if len(segments(line)) == 1 and len(line.strip()) <= 100]
    widest = max(wrapped, key=lambda t: stringWidth(t, font, 10), default="")
    while size > 8.5 and stringWidth(widest, font, size) > TEXT_WIDTH:
        size -= 0.25
    page = 1
    blank_run = 0
    while body and not body[0].strip():
        body = body[1:]
    for line in body:
        if not line.strip():
            blank_run += 1
            if blank_run <= 2:  # more blank lines than two would only waste the page
                y += LEADING
            continue
        blank_run = 0
        parts = segments(line)
        pieces: list[tuple[float, str]] = []
        if len(parts) > 1:  # a table row: keep its columns
            pieces = [(LEFT + col * 5.5, t) for col, t in parts]
            rows = [pieces]
        else:
            indent = parts[0][0] if parts else 0
            x = LEFT + min(indent, 40) * 5.5
            rows = [[(x, t)] for t in wrap(line.strip(), font, size, LEFT + TEXT_WIDTH - x)]
        for row in rows:
            if y + LEADING > body_bottom(page):
                page += 1
                y = 27 * MM
            for x, t in row:
                ops.append(Op(page, x, y, t, size, "body"))
            y += LEADING
    pages = page
    for p in range(1, pages + 1):
        if footer_items and (p == 1 or producer == "scrambled"):
            for x, offset, t, footer_size in footer_items:
                ops.append(Op(p, x, footer_top + offset, t, footer_size, "footer"))
        if pages > 1 and p > 1 and running:  # the letter's own running header
            label = re.sub(r"(Seite|Blatt)\s+\d+\s+von\s+\d+", f"\\1 {p} von {pages}", "   ".join(running))
            parts = label.split("   ")
            ops.append(Op(p, LEFT, 12 * MM, parts[0], 9, "furniture"))
            for part in parts[1:]:
                ops.append(Op(p, LEFT + TEXT_WIDTH - stringWidth(part, font, 9), 12 * MM, part, 9, "furniture"))
            if producer == "scrambled":
                label = f"- {p} -"
                ops.append(Op(p, (PAGE_W - stringWidth(label, font, 9)) / 2, PAGE_H - 8 * MM, label, 9, "furniture"))
        elif pages > 1:
            if producer == "natural" and p > 1:
                label = f"Seite {p} von {pages}"
                ops.append(Op(p, LEFT + TEXT_WIDTH - stringWidth(label, font, 9), 12 * MM, label, 9, "furniture"))
            elif producer == "scrambled":
                label = f"- {p} -"
                ops.append(Op(p, (PAGE_W - stringWidth(label, font, 9)) / 2, PAGE_H - 8 * MM, label, 9, "furniture"))
    return ops


def draw(ops: list[Op], path: Path, font: str, producer: str, title: str) -> None:
    """Write the strings to a PDF in the producer's internal order."""
    from reportlab.pdfgen import canvas

    order = {"natural": ["left", "right", "body", "footer", "furniture"],
             "scrambled": ["right", "footer", "furniture", "body", "left"]}[producer]
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1)
    c.setTitle(title)
    c.setProducer(f"amtsbrief render_pdfs ({producer})")
    pages = max(op.page for op in ops)
    for p in range(1, pages + 1):
        mine = [op for op in ops if op.page == p]
        mine.sort(key=lambda op: (order.index(op.role), op.top if producer == "natural" else -op.top, op.x))
        for op in mine:
            c.setFont(font, op.size)
            c.drawString(op.x, PAGE_H - op.top - op.size * 0.8, op.text)
        c.showPage()
    c.save()


def render(txt: Path, out: Path, producer: str) -> Path:
    """Render one letter; returns the PDF's path."""
    sans, serif = fonts()
    font = sans if producer == "natural" else serif
    from amtsbrief.load import decode_text  # some corpus letters are cp1252 or latin-1 on purpose

    ops = layout(decode_text(txt.read_bytes(), str(txt)), font, producer)
    out.mkdir(parents=True, exist_ok=True)
    pdf = out / (txt.stem + ".pdf")
    draw(ops, pdf, font, producer, txt.stem)
    gold = txt.with_suffix(".gold.json")
    if gold.exists():
        shutil.copyfile(gold, out / gold.name)
    return pdf


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="letter names (file stems) to render; default all")
    parser.add_argument("--corpus", default="corpus", type=Path)
    parser.add_argument("--out", default="build/rendered", type=Path)
    parser.add_argument("--producer", choices=("natural", "scrambled", "both"), default="both")
    args = parser.parse_args(argv)
    producers = ("natural", "scrambled") if args.producer == "both" else (args.producer,)
    txts = sorted(args.corpus.glob("*/*.txt"))
    if args.names:
        txts = [t for t in txts if t.stem in args.names]
    for txt in txts:
        for producer in producers:
            pdf = render(txt, args.out / producer / txt.parent.name, producer)
            print(pdf)
    if not txts:
        print(f"render_pdfs: no letters in {args.corpus}/*/*.txt", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
