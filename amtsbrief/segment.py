"""Stage 3, segment: the letter's lines cut into zones, each with one meaning.

Anchors first (GROBID's cascade, by lines): page furniture is set aside, then the salutation and the
complimentary close are found; what stands before the salutation is the header, between them the body,
after the close the signature and then the footer (or, in an e-mail, the sender's signature block).
Without a salutation (a Drucksache, a Bescheid) the subject line or the first paragraph of prose ends
the header. The header's lines are then labelled one by one (return address, recipient, delivery note,
labelled contact and reference fields, Bezugszeichenzeile, date line, distribution, subject).

Each zone keeps its :class:`~amtsbrief.text.Line` objects, so every value read from it has offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from amtsbrief.cues import cues
from amtsbrief.fields import addresses, phones, signatures
from amtsbrief.fields.signatures import ON_BEHALF, is_on_behalf_line
from amtsbrief.nlp import line_label
from amtsbrief.text import Line, paragraphs, split_lines

# --- page furniture ---------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*\d{1,3}\s*[-–—]|Seite\s+\d{1,3}(?:\s*(?:von|/)\s*\d{1,3})?|\d{1,3}\s*/\s*\d{1,3}|Blatt\s+\d{1,3})\s*$", re.I)
_FURNITURE = re.compile(
    r"^\s*(?:[_\-=]{10,}|\(?Ausgegeben\b\s*(?:am|:).*|.{4,}\S {4,}(?:Seite\s+\d{1,3}(?:\s*(?:von|/)\s*\d{1,3})?|[-–]\s*\d{1,3}\s*[-–])|.{4,}\s(?:[·|•\-–]\s*)?Seite\s+\d{1,3}\s*(?:von|/)\s*\d{1,3}|\**\s*Fortsetzung (?:siehe|auf) (?:Seite|Blatt) \d+\s*\**|[-–—]\s*Fortsetzung\s*[-–—]?|b\.\s*w\.|bitte wenden!?|\.{3}\s*/\s*\d+|\*{3,}.*\*{3,})\s*$",
    re.I)
_PAGE_FURNITURE_GAP = 4  # lines around a page number that a running header may stand in


def find_furniture(lines: Sequence[Line]) -> set[int]:
    """Indices of page numbers, running headers and continuation notes.

    A running header is a line (of some length) that stands more than once near page numbers or page
    breaks; it is furniture everywhere it stands.
    """
    furniture: set[int] = set()
    page_marks: list[int] = []
    for line in lines:
        text = line.stripped
        if not text:
            continue
        if _PAGE_NUMBER.match(text) or _FURNITURE.match(text):
            furniture.add(line.index)
            if _PAGE_NUMBER.match(text):
                page_marks.append(line.index)
    if page_marks:
        counts: dict[str, list[int]] = {}
        for line in lines:
            key = " ".join(line.text.split())
            if len(key) >= 12:
                counts.setdefault(key, []).append(line.index)
        for key, indices in counts.items():
            if len(indices) < 2:
                continue
            near = [i for i in indices if any(abs(i - mark) <= _PAGE_FURNITURE_GAP for mark in page_marks)]
            if len(near) >= max(1, len(indices) - 1):
                furniture.update(indices)
    return furniture


def find_page_footers(lines: Sequence[Line], furniture: set[int]) -> set[int]:
    """Indices of footer blocks printed at the foot of a page, just before a page number or break.

    A text extraction of a multi-page letter puts page 1's footer (address, phone, bank) in the middle of
    the body; it belongs to the footer, not the body.
    """
    found: set[int] = set()
    marks = sorted(index for index in furniture if _PAGE_NUMBER.match(lines[index].text) or lines[index].stripped == "")
    for mark in marks:
        if mark == len(lines) - 1 or not _PAGE_NUMBER.match(lines[mark].text):
            continue
        # Walk back over blank lines and furniture to the block above the page mark.
        position = mark - 1
        while position >= 0 and (lines[position].is_blank or position in furniture):
            position -= 1
        block: list[int] = []
        while position >= 0 and not lines[position].is_blank and position not in furniture:
            block.append(position)
            position -= 1
        if len(block) >= 2 and sum(1 for index in block if _is_footer_line(lines[index].text)) * 2 >= len(block):
            found.update(block)
        # … or just after it, before the next page's running header ("Seite 1 von 2" / footer / header).
        position = mark + 1
        while position < len(lines) and (lines[position].is_blank or position in furniture):
            position += 1
        block = []
        while position < len(lines) and not lines[position].is_blank and position not in furniture:
            block.append(position)
            position += 1
        next_is_furniture = position < len(lines) and (position in furniture or
                                                        any(index in furniture for index in range(position, min(position + 3, len(lines)))))
        if len(block) >= 2 and next_is_furniture \
                and sum(1 for index in block if _is_footer_line(lines[index].text)) * 2 >= len(block):
            found.update(block)
    return found


# --- zones ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeaderItem:
    """One labelled piece of the header: ``kind`` says what it is, ``lines`` where it stands.

    Kinds: ``return_address``, ``letterhead``, ``recipient``, ``delivery``, ``field`` (with ``path`` and the
    value's ``value_start``), ``reference_line`` (label line and value line), ``date_line``, ``copies``,
    ``subject``, ``regarding``, ``plain``.
    """

    kind: str
    lines: tuple[Line, ...]
    path: str | None = None
    value: str | None = None
    value_start: int | None = None


@dataclass(frozen=True)
class Segmentation:
    """The zones of one letter. ``body`` is the raw run of lines between salutation and closing."""

    text: str
    lines: tuple[Line, ...]
    furniture: frozenset[int]
    header: tuple[HeaderItem, ...]
    salutation: tuple[Line, ...]
    body: tuple[Line, ...]
    closing: Line | None
    signature: tuple[Line, ...]
    trailer: tuple[Line, ...]
    footer: tuple[Line, ...]
    is_email: bool = False
    header_lines: tuple[Line, ...] = field(default_factory=tuple)
    quoted: tuple[Line, ...] = field(default_factory=tuple)

    def items(self, kind: str) -> list[HeaderItem]:
        return [item for item in self.header if item.kind == kind]


def segment(text: str, *, is_email: bool = False, quoted_from: int | None = None) -> Segmentation:
    """Cut normalised ``text`` into zones (see the module docstring).

    Lines from ``quoted_from`` on (an e-mail's quoted earlier message) are kept apart in ``quoted``.
    """
    lines = split_lines(text)
    quoted: list[Line] = []
    if quoted_from is not None:
        quoted = [line for line in lines if line.start >= quoted_from]
        lines = [line for line in lines if line.start < quoted_from]
    furniture = find_furniture(lines)
    page_footers = find_page_footers(lines, furniture)
    content = [line for line in lines if line.index not in furniture and line.index not in page_footers]

    salutation_at = _find_salutation(content)
    salutation_lines = 1
    if salutation_at is not None and salutation_at + 1 < len(content):
        # "Sehr geehrter Herr Grahl," / "liebe Kameradinnen und Kameraden," is one salutation.
        following = content[salutation_at + 1].stripped
        if following.endswith(",") and len(following) <= 80 and re.match(r"^(?:liebe[rs]?|sehr geehrte[rs]?|werte[rs]?)\s", following):
            salutation_lines = 2
    closing_at = _find_closing(content, start=(salutation_at + 1) if salutation_at is not None else 0)

    if salutation_at is not None:
        header_lines = content[:salutation_at]
        body_start = salutation_at + salutation_lines
    else:
        header_end = _header_end_without_salutation(content, closing_at)
        header_lines = content[:header_end]
        body_start = header_end

    if closing_at is not None:
        body = content[body_start:closing_at]
        after_closing = content[closing_at + 1:]
        signature, rest = _split_signature(after_closing)
    else:
        rest_start = _footer_start(content, body_start)
        body = content[body_start:rest_start]
        signature_start = _trailing_signature_start(body)
        signature = body[signature_start:] if signature_start is not None else []
        body = body[:signature_start] if signature_start is not None else body
        rest = content[rest_start:]
    # An e-mail's signature block is its letterhead and footer in one: kept whole as the trailer.
    footer_at = len(rest) if is_email else _footer_start(rest, 0)
    trailer = rest[:footer_at]
    footer = list(rest[footer_at:])
    if page_footers:
        # A footer printed on an earlier page (before its page break) is the same footer.
        footer = [line for line in lines if line.index in page_footers] + [Line(-1, 0, 0, "")] + footer
    header = tuple(_label_header(header_lines))
    return Segmentation(
        text=text,
        lines=tuple(lines),
        furniture=frozenset(furniture),
        header=header,
        salutation=tuple(content[salutation_at:salutation_at + salutation_lines]) if salutation_at is not None else (),
        body=tuple(_strip_blank_edges(body)),
        closing=content[closing_at] if closing_at is not None else None,
        signature=tuple(signature),
        trailer=tuple(trailer),
        footer=tuple(footer),
        is_email=is_email,
        header_lines=tuple(header_lines),
        quoted=tuple(quoted),
    )


def _strip_blank_edges(lines: Sequence[Line]) -> list[Line]:
    start, end = 0, len(lines)
    while start < end and lines[start].is_blank:
        start += 1
    while end > start and lines[end - 1].is_blank:
        end -= 1
    return list(lines[start:end])


def _find_salutation(content: Sequence[Line]) -> int | None:
    for position, line in enumerate(content):
        text = line.stripped
        if text and line_label(text, "SALUTATION") and not line_label(text, "CLOSING"):
            return position
    return None


def _find_closing(content: Sequence[Line], start: int) -> int | None:
    for position in range(start, len(content)):
        text = content[position].stripped
        if text and line_label(text, "CLOSING", max_chars=60):
            if re.fullmatch(r"[\w\s,.!äöüÄÖÜß\-]+", text) and not text.endswith(("und", "an")):
                return position
    return None


def _is_prose(block: Sequence[Line]) -> bool:
    """Running text: long enough, and written in sentences (German prose has many lower-case words)."""
    words = " ".join(line.stripped for line in block).split()
    if len(words) < 10 or sum(map(len, words)) < 60:
        return False
    lower = sum(1 for word in words if word[:1].islower())
    # A heading ("Antwort der Landesregierung / auf eine Kleine Anfrage …", a notice's title over five
    # lines, "… Sozialgesetzbuch (SGB II)") has no full stop.
    ends_sentence = words[-1][-1:] in ".?!:;\"“”»" or len(block) >= 3 and max(len(line.stripped) for line in block) >= 60
    return lower >= 0.35 * len(words) and ends_sentence


_BODY_OPENERS = re.compile(
    r"^\s*(?:\S\s+)?(?:Vorbemerkung|Feststellung|Festsetzung|Tenor|Entscheidung|Begründung|Sachverhalt|Die Landesregierung|Namens der"
    r"|Ich (?:beantworte|teile|frage)|Wir (?:beantworten|teilen|fragen)|Die (?:Kleine|Große|Schriftliche) Anfrage\b.{0,80}(?:Wortlaut|lautet)"
    r"|(?:Der|Die) Abgeordnete\w* .{0,80}(?:fragt|hat)\b|Wortlaut der"
    r"|(?:Auf|Zu) Ihre[nm]? (?:Antrag|Schreiben|Anfrage|Widerspruch)\b.{0,80}(?:ergeht|erlasse|erteile|wird|ergehen)|Bescheid\s*:?\s*$"
    r"|Hiermit (?:wird|werden|erteile|erlasse|setze|bewillige|stelle)\b)\b")


def _header_end_without_salutation(content: Sequence[Line], closing_at: int | None) -> int:
    """Without a salutation: the header ends after the subject paragraph, else before the first prose."""
    c = cues()
    limit = closing_at if closing_at is not None else len(content)
    blocks = paragraphs(content[:limit])
    for number, block in enumerate(blocks):
        if any(c.subject_label.match(line.text) for line in block):
            end_block = number
            # A subject wrapped across a blank line continues in lower case (``… nach`` / ``dem …``).
            while end_block + 1 < len(blocks) and blocks[end_block + 1][0].stripped[:1].islower() \
                    and len(blocks[end_block + 1]) <= 2:
                end_block += 1
            while end_block + 1 < len(blocks) and c.regarding_label.match(blocks[end_block + 1][0].text):
                end_block += 1
            return _position_after(content, blocks[end_block][-1])
    for block in blocks:
        if _BODY_OPENERS.match(block[0].text) or _is_prose(block) and not any(c.field_label.match(l.text) for l in block):
            return _position_of(content, block[0])
    return 0


def _position_of(content: Sequence[Line], line: Line) -> int:
    for position, candidate in enumerate(content):
        if candidate.index == line.index:
            return position
    return 0


def _position_after(content: Sequence[Line], line: Line) -> int:
    return _position_of(content, line) + 1


def _is_footer_line(text: str) -> bool:
    c = cues()
    if c.footer_label.match(text):
        return True
    parts = _CELL_SEPARATOR.split(text)
    if len(parts) > 1 and any(c.footer_label.match(part) or re.match(r"\s*(?:www\.|https?://|[\w.\-]+@)", part) for part in parts):
        return True
    if re.search(r"\b(?:IBAN|BIC|BLZ|Konto-?Nr)\b", text):
        return True
    if re.match(r"^\s*(?:Mo|Di|Mi|Do|Fr|Sa|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag)\b\.?.{0,40}\d{1,2}[.:]?\d{0,2}\s*(?:[-–]|bis)", text):
        return True
    if re.match(r"^\s*(?:www\.|https?://)\S+\s*$", text):
        return True
    return False


def _footer_start(lines: Sequence[Line], start: int) -> int:
    """Where the footer begins in ``lines[start:]``: the first of the trailing footer-like paragraphs."""
    blocks = paragraphs(lines[start:])
    footer_from = None
    c = cues()
    for number, block in enumerate(reversed(blocks)):
        if footer_from is None and c.copies_label.match(block[0].text) and not _is_footer_line(block[-1].text):
            continue  # a distribution list below the footer (read with the copies) does not end it
        hits = sum(1 for line in block if _is_footer_line(line.text))
        if hits and (hits * 3 >= len(block) or _is_footer_line(block[0].text)):
            footer_from = block[0]
            continue
        if footer_from is None and number == 0 and hits:
            # The last block ends in footer lines set without a blank line after the text above them.
            tail = len(block)
            while tail > 0 and _is_footer_line(block[tail - 1].text):
                tail -= 1
            if tail < len(block):
                footer_from = block[tail]
            break
        if footer_from is not None and len(block) <= 3 and not _is_prose(block) and _bank_name_block(block):
            footer_from = block[0]
            continue
        break
    if footer_from is None:
        return len(lines)
    return _position_of(lines, footer_from)


def _bank_name_block(block: Sequence[Line]) -> bool:
    return all(re.search(r"(?:bank|kasse|Postbank|Landesbank|Bundesbank|Volksbank|Sparkasse)", line.text, re.I) for line in block)


_HEAD_TITLE = re.compile(r"^\s*[-–]?\s*(?:Der|Die)\s+[A-ZÄÖÜ][\w\-]+(?:\s+[\w\-]+){0,4}\s*[-–]?\s*$")
_ATTACHMENTS = re.compile(r"^\s*(?:Anlage(?:n|\(n\))?|Anlg\.|Anl\.)\s*[:.]?", re.I)
_SEPARATOR = re.compile(r"^\s*(?:--\s*|[-_=*]{4,})\s*$")


def _split_signature(after_closing: Sequence[Line]) -> tuple[list[Line], list[Line]]:
    """The signature is the first paragraph after the closing (two when the first is only ``i. A.``)."""
    blocks = paragraphs(after_closing)
    if not blocks:
        return [], []
    taken = [blocks[0]]
    # "i. A." (perhaps under "Der Oberbürgermeister") stands apart from the name below it.
    if is_on_behalf_line(blocks[0][-1].text) and all(is_on_behalf_line(line.text) or _HEAD_TITLE.match(line.text)
                                                         for line in blocks[0]) and len(blocks) > 1 \
            and not _is_footer_line(blocks[1][0].text) and not _SEPARATOR.match(blocks[1][0].text):
        taken.append(blocks[1])
    signature: list[Line] = []
    for block in taken:
        for line in block:
            if _SEPARATOR.match(line.text) or _ATTACHMENTS.match(line.text) or _is_footer_line(line.text):
                break
            signature.append(line)
        else:
            continue
        break
    # The signer's lines end after the name and its role; an authority's block set right below the name
    # (an e-mail signature: "Kommunalservice Jena" / unit / address) is the trailer.
    name_at = next((n for n, line in enumerate(signature) if not is_on_behalf_line(line.text)
                    and not _HEAD_TITLE.match(line.text)), None)
    if name_at is not None:
        end = name_at + 1
        while end < len(signature) and end - name_at <= 2 and (signatures.is_role_line(signature[end].stripped)
                                                              or re.match(r"^(?:und|sowie|&)\s", signature[end].stripped)):
            end += 1
        if end < len(signature) and any(addresses.is_postal_line(line.stripped) or cues().authority.match(" " + line.stripped)
                                        for line in signature[end:]):
            signature = signature[:end]
    last = signature[-1] if signature else taken[-1][-1]
    rest_start = _position_after(after_closing, last)
    return signature, list(after_closing[rest_start:])


def _trailing_signature_start(body: Sequence[Line]) -> int | None:
    """Without a closing, a trailing ``i. A.`` block, or a short name with a role under it, ends the body."""
    blocks = paragraphs(body)
    if len(blocks) < 2:
        return None
    last = blocks[-1]
    if len(last) > 4 or any(len(line.stripped) > 70 or line.stripped.endswith((".", "?", ":", ";")) for line in last):
        return None
    if any(is_on_behalf_line(line.text) or ON_BEHALF.match(line.stripped) or re.match(r"^\s*gez\.\s", line.text) for line in last) \
            or len(last) >= 2 and signatures.is_role_line(last[-1].stripped):
        return _position_of(body, last[0])
    # "Im Auftrag" / (blank) / "Pawlowski": the note stands a paragraph above the name.
    before = blocks[-2]
    if len(before) == 1 and is_on_behalf_line(before[0].text):
        return _position_of(body, before[0])
    return None


# --- the header -------------------------------------------------------------------------------------

_COUNTRY = re.compile(r"(?i:Deutschland|Germany|Österreich|Austria|Schweiz|Switzerland|United Kingdom|UK|Great Britain|England|"
                      r"France|Frankreich|Polen|Poland|Tschechien|Czech Republic|Niederlande|Netherlands|Dänemark|Denmark)")
_RETURN_SEPARATORS = re.compile(r"\s[•·|∙◦▪]\s|\s[-–]\s|,\s")
_PERSON_START = re.compile(r"^\s*(?:Frau|Herrn?|Fräulein|Eheleute|Familie|Firma|An\s+(?:die|den|das|Frau|Herrn)?|An$|Damen und Herren|(?:Mr|Ms|Mrs|Miss)\.?(?=\s))\b")
_DATE_LINE = re.compile(r"^\s*(?:[A-ZÄÖÜ][\w.\- ()/]{1,40}?,\s*(?:den\s+|am\s+)?)?(?:den\s+)?(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{1,2}\.?\s*[A-ZÄÖÜ][a-zä]+\.?\s+\d{4}|\d{4}-\d{2}-\d{2})\s*$")
_REGARDING_LIKE = re.compile(r"^\s*(?:Ihr(?:e|en)?\s+(?:Frage|Fragen|Anfrage|Schreiben|Nachricht|E-?Mail|Mail|Antrag|Anruf|Beschwerde|Eingabe|Widerspruch|Kleine Anfrage)|Unser(?:e)? Schreiben|Anfrage (?:der|des|vom|Nr)|Kleine Anfrage)\b|^\s*(?:Schriftliche |Mündliche |Kleine )?(?:Frage|Anfrage)\s+Nr\.", re.I)
_GAP = re.compile(r"\S( {3,})\S")


_CELL = re.compile(r"\S+(?: {1,2}\S+)*")
_CELL_SEPARATOR = re.compile(
    r"\s+[·•|]\s+| {4,}| {2,}(?=[A-ZÄÖÜ][\w.\-]{1,20}:\s)"
    r"|\s[–—-]\s(?=(?:Telefon|Telefax|Tel\.|Fax|E-?Mail|Internet|www\.|https?:|[\w.\-]+@|IBAN|BIC|BLZ|Konto)\b)")


def _cells(line: Line, *, separators: bool = False) -> list[Line]:
    """A line whose parts stand in columns (four or more spaces apart) as one virtual line per cell.

    With ``separators``, parts set apart by ``·``, ``•`` or ``|`` (a footer's one-line lists) are cells too.
    """
    pattern = _CELL_SEPARATOR if separators else _GAP
    if not pattern.search(line.text):
        if not line.text[:1].isspace():
            return [line]
        return [Line(line.index, line.content_start, line.content_end, line.stripped)]
    cells: list[Line] = []
    position = 0
    for separator in list(_CELL_SEPARATOR.finditer(line.text)) + [None] if separators else []:
        end = separator.start() if separator else len(line.text)
        piece = line.text[position:end]
        if piece.strip():
            offset = position + len(piece) - len(piece.lstrip())
            text = piece.strip()
            cells.append(Line(line.index, line.start + offset, line.start + offset + len(text), text))
        position = separator.end() if separator else position
    if not separators:
        for match in _CELL.finditer(line.text):
            cells.append(Line(line.index, line.start + match.start(), line.start + match.end(), match.group()))
    return cells


def _is_reference_label_line(text: str) -> bool:
    # Labels of a Bezugszeichenzeile stand apart by wide gaps or commas.
    if "  " not in text.strip() and "," not in text:
        return False
    c = cues()
    hits = c.reference_label.findall(text)
    if len(hits) < 2:
        return False
    # Labels only: nothing but the labels and separators (no "Label: value").
    rest = c.reference_label.sub("", text)
    return not re.search(r"\d", rest) and len(rest.strip(" ,:/-")) <= 12


_RIGHT_COLUMN_MIN = 24  # a DIN 5008 information block starts at 125 mm; in text, far right of the address
_COLUMN_GAP = re.compile(r"\S( {3,})(?=\S)")


def split_columns(lines: Sequence[Line]) -> tuple[list[Line], list[Line]]:
    """The header's left column (letterhead, address) and right column (contact block), as lines.

    A text extraction sets the DIN 5008 information block beside the address: lines indented far right,
    or lines with a wide gap before a right-hand part. The right parts become lines of their own (with
    their offsets); where a line has only a right part, the left column has a blank line, so its
    blocks stay apart.
    """
    # A Bezugszeichenzeile (labels line and values line) runs the full width: it is no column.
    full_width: set[int] = set()
    for position, line in enumerate(lines):
        if _is_reference_label_line(line.text):
            full_width.add(line.index)
            following = next((later for later in lines[position + 1:position + 3] if later.stripped), None)
            if following is not None:
                full_width.add(following.index)
    starts = []
    for line in lines:
        if not line.stripped or line.index in full_width:
            continue
        indent = len(line.text) - len(line.text.lstrip())
        gap = _COLUMN_GAP.search(line.text)
        if indent >= _RIGHT_COLUMN_MIN:
            starts.append(indent)
        elif gap and gap.end() >= _RIGHT_COLUMN_MIN:
            starts.append(gap.end())
    if len(starts) < 2:
        return list(lines), []
    boundary = min(starts)
    left: list[Line] = []
    right: list[Line] = []
    for line in lines:
        text = line.text
        indent = len(text) - len(text.lstrip())
        if not line.stripped:
            left.append(line)
            right.append(line)
            continue
        if indent >= boundary - 2 and line.index not in full_width:
            right.append(Line(line.index, line.start + indent, line.end, text[indent:]))
            left.append(Line(line.index, line.start, line.start, ""))
            continue
        split_at = None
        for gap in _COLUMN_GAP.finditer(text):
            if gap.end() >= boundary - 2:
                split_at = gap.end()
                break
        if split_at is None or line.index in full_width:
            left.append(line)
            right.append(Line(line.index, line.start, line.start, ""))
            continue
        left_text = text[:split_at].rstrip()
        left.append(Line(line.index, line.start, line.start + len(left_text), left_text))
        right.append(Line(line.index, line.start + split_at, line.end, text[split_at:]))
    return left, right


def _label_header(header_lines: Sequence[Line]) -> list[HeaderItem]:
    left, right = split_columns(header_lines)
    items = _classify_plain(_label_column(left))
    if right:
        items += [item if item.kind != "plain" else _right_plain(item) for item in _label_column(right, spaced_labels=True)]
    return items


def _right_plain(item: HeaderItem) -> HeaderItem:
    """A plain block in the right column: a unit line is the letterhead's, the rest stays plain."""
    c = cues()
    first = item.lines[0].stripped
    if c.is_department(first) and len(item.lines) <= 2 or c.authority.match(" " + first) and len(item.lines) <= 3 \
            and not any(addresses.is_postal_line(line.stripped) for line in item.lines):
        return HeaderItem("letterhead", item.lines)
    return item


def _label_column(header_lines: Sequence[Line], *, spaced_labels: bool = False) -> list[HeaderItem]:
    """Label each line of one column; ``spaced_labels``: the information block's ``Name Tobias Haag`` form."""
    c = cues()
    items: list[HeaderItem] = []
    lines = [line for line in header_lines]
    position = 0
    plain_run: list[Line] = []

    def flush_plain() -> None:
        # An address block ends with its postal line: what follows without a blank line (a subject,
        # in a letter set without blank lines) is a block of its own.
        start = 0
        for position, line in enumerate(plain_run):
            if addresses.is_postal_line(line.stripped) and position + 1 < len(plain_run) \
                    and not _COUNTRY.fullmatch(plain_run[position + 1].stripped):
                items.append(HeaderItem("plain", tuple(plain_run[start:position + 1])))
                start = position + 1
        if plain_run[start:]:
            items.append(HeaderItem("plain", tuple(plain_run[start:])))
        plain_run.clear()

    while position < len(lines):
        line = lines[position]
        text = line.stripped
        if not text:
            flush_plain()
            position += 1
            continue
        if _is_reference_label_line(line.text):
            values = next((candidate for candidate in lines[position + 1:position + 3] if not candidate.is_blank), None)
            flush_plain()
            items.append(HeaderItem("reference_line", (line,) + ((values,) if values else ())))
            position = (lines.index(values) + 1) if values else position + 1
            continue
        cells = _merge_label_cells(_cells(line), c)
        whole_line_label = c.subject_label.match(line.text) or c.regarding_label.match(line.text)
        if len(cells) > 1 and not _is_return_address(line) and not whole_line_label:
            flush_plain()
            for cell in cells:
                items.extend(_label_single(cell, lines, position, c) or [HeaderItem("plain", (cell,))])
            position += 1
            continue
        if plain_run and _REGARDING_LIKE.match(line.text) and not re.match(r"^[^:]{0,40}:", text):
            # "Wolfsrisse in …" / "Ihr Schreiben vom 3. Mai 2022": the subject's own second line.
            plain_run.append(line)
            position += 1
            continue
        stacked = _stacked_labels(lines, position, c)
        if stacked:
            flush_plain()
            items.extend(stacked)
            last = max(item.lines[-1].index for item in stacked)
            while position < len(lines) and lines[position].index <= last:
                position += 1
            continue
        labelled = _label_single(line, lines, position, c)
        if labelled is None and spaced_labels and (match := c.field_label_spaced.match(line.text)):
            path = c.path_for_label(match.group("label"))
            if path:
                labelled = [HeaderItem("field", (line,), path=path, value=match.group("value"),
                                       value_start=line.start + match.start("value"))]
        if labelled is None:
            plain_run.append(line)
            position += 1
            continue
        flush_plain()
        items.extend(labelled)
        consumed = max(item.lines[-1].index for item in labelled)
        position += 1
        while position < len(lines) and lines[position].index <= consumed:
            position += 1
    flush_plain()
    return items


def _stacked_labels(lines: Sequence[Line], position: int, c) -> list[HeaderItem] | None:
    """Labels set one under another, their values in a block below in the same order.

    ``Aktenzeichen`` / ``Datum`` / (blank) / ``67/2-Ue-0412`` / ``07.06.2021``.
    """
    labels: list[Line] = []
    at = position
    while at < len(lines) and lines[at].stripped and c.label_only.match(lines[at].text) and not lines[at].stripped.endswith(":"):
        labels.append(lines[at])
        at += 1
    if len(labels) < 2:
        return None
    while at < len(lines) and not lines[at].stripped:
        at += 1
    values = lines[at:at + len(labels)]
    if len(values) < len(labels) or any(not line.stripped or c.label_only.match(line.text) or c.field_label.match(line.text)
                                        for line in values):
        return None
    items = []
    for label, value in zip(labels, values):
        path = c.path_for_label(c.label_only.match(label.text).group("label"))
        if path:
            items.append(HeaderItem("field", (label, value), path=path, value=value.stripped, value_start=value.content_start))
    return items or None


def _merge_label_cells(cells: list[Line], c) -> list[Line]:
    """``Bearbeiter:      Frau Liebscher``: a label cell with no value and the value cell after it are one."""
    merged: list[Line] = []
    for cell in cells:
        if merged:
            previous = merged[-1]
            match = c.label_only.match(previous.text)
            if match and not c.field_label.match(cell.text) and not c.label_only.match(cell.text):
                gap = cell.start - previous.end
                merged[-1] = Line(previous.index, previous.start, cell.end, previous.text + " " * gap + cell.text)
                continue
        merged.append(cell)
    return merged


def _label_single(line: Line, lines: Sequence[Line], position: int, c) -> list[HeaderItem] | None:
    text = line.stripped
    if c.delivery.fullmatch(text):
        return [HeaderItem("delivery", (line,))]
    match = c.subject_label.match(line.text)
    if match:
        run = _continuation(lines, position, stop_on_label=True)
        after = position + 1 + len(run)
        if after < len(lines) and _REGARDING_LIKE.match(lines[after].text):
            run.append(lines[after])  # "Betreff: AW: …" / "Ihre E-Mail vom …": the line under it is its regarding
        return [HeaderItem("subject", (line, *run), value=match.group("value"),
                           value_start=line.start + match.start("value"))]
    match = c.regarding_label.match(line.text)
    if match:
        run = _continuation(lines, position, stop_on_label=True)
        return [HeaderItem("regarding", (line, *run), value=match.group("value"),
                           value_start=line.start + match.start("value"))]
    match = c.copies_label.match(line.text)
    if match:
        run = _continuation(lines, position, stop_on_label=True)
        return [HeaderItem("copies", (line, *run), value=match.group("value"),
                           value_start=line.start + match.start("value"))]
    pair = c.field_pair.match(line.text)
    if pair:
        # "Organisationseinheit, Telefon: VST 34   05241 3071-2653": the second value stands last.
        first, second = c.path_for_label(pair.group("first")), c.path_for_label(pair.group("second"))
        value, value_start = pair.group("value"), line.start + pair.start("value")
        found = phones.find(value) if second and second.endswith((".phone", ".fax")) else []
        if first and second and found and value[found[-1].end:].strip() == "":
            split = found[-1].start
            return [HeaderItem("field", (line,), path=first, value=value[:split].strip(), value_start=value_start),
                    HeaderItem("field", (line,), path=second, value=value[split:].strip(), value_start=value_start + split)]
    alone = c.label_only.match(line.text)
    if alone and not line.stripped.endswith(":"):
        # "Aktenzeichen" / "(bitte bei Antwort angeben)" / "43-5500/117/9": the value on a line below.
        path = c.path_for_label(alone.group("label"))
        for below in lines[position + 1:position + 3]:
            text = below.stripped
            if not text or c.field_label.match(below.text) or c.label_only.match(below.text):
                break
            if text.startswith("("):
                continue
            if path:
                return [HeaderItem("field", (line, below), path=path, value=text, value_start=below.content_start)]
            break
    match = c.field_label.match(line.text)
    if match:
        path = c.path_for_label(match.group("label"))
        if path:
            run: list[Line] = []
            value = match.group("value").strip()
            if path == "contact.building" or (path in ("contact.handler",) and not value):
                run = _continuation(lines, position, stop_on_label=True, max_lines=2)
                run = [candidate for candidate in run if addresses.is_postal_line(candidate.stripped)
                       or addresses.is_street_line(candidate.stripped) or path == "contact.handler"][:2]
            elif not value:
                # "Ihre Zeichen:" with the value on the next line is rare; an empty label means null.
                pass
            return [HeaderItem("field", (line, *run), path=path, value=match.group("value"),
                               value_start=line.start + match.start("value"))]
    if _DATE_LINE.match(text) and len(text) < 60:
        return [HeaderItem("date_line", (line,))]
    # A bare e-mail address or website: in the letterhead at the top it is the authority's (read with
    # the letterhead); in the information block, the handler's.
    in_letterhead = position > 0 and all(not earlier.is_blank for earlier in lines[:position]) \
        and not any(c.field_label.match(earlier.text) for earlier in lines[:position])
    if re.fullmatch(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", text) and not in_letterhead:
        return [HeaderItem("field", (line,), path="contact.email", value=text, value_start=line.content_start)]
    if re.fullmatch(r"(?:https?://|www\.)\S+", text) and not in_letterhead:
        return [HeaderItem("field", (line,), path="footer.website", value=text, value_start=line.content_start)]
    if _is_return_address(line):
        return [HeaderItem("return_address", (line,))]
    return None


def _continuation(lines: Sequence[Line], position: int, *, stop_on_label: bool,
                  max_lines: int = 6) -> list[Line]:
    """Lines that continue the labelled line at ``position`` (until a blank line or another label)."""
    c = cues()
    run: list[Line] = []
    for candidate in lines[position + 1:position + 1 + max_lines]:
        text = candidate.stripped
        if not text:
            break
        if stop_on_label and (c.field_label.match(candidate.text) or c.regarding_label.match(candidate.text)
                              or c.subject_label.match(candidate.text) or c.copies_label.match(candidate.text)
                              or _DATE_LINE.match(text)):
            break
        run.append(candidate)
    return run


def _is_return_address(line: Line) -> bool:
    text = re.sub(r"^(?:Postanschrift|POSTANSCHRIFT|Absender|Abs\.)\s*:?\s+", "", line.stripped)
    if len(text) > 160 or not _RETURN_SEPARATORS.search(text) or text[:1].islower():
        return False
    parts = addresses.split_return_address(text)
    return len(parts) >= 2 and any(addresses.is_postal_line(part) for part in parts)


def _classify_plain(items: list[HeaderItem]) -> list[HeaderItem]:
    """Give each run of plain header lines its role by position and content.

    Above the return-address line stands the letterhead; the first block below it is the recipient.
    Without a return-address line the top block is the letterhead and the first block with a person
    or a postal line the recipient. The last block before the salutation is the subject.
    """
    c = cues()
    result: list[HeaderItem] = []
    return_at = next((number for number, item in enumerate(items) if item.kind == "return_address"), None)
    first_plain = _first_plain(items)
    seen_recipient = False
    last_plain = max((number for number, item in enumerate(items) if item.kind == "plain"), default=None)
    for number, item in enumerate(items):
        if item.kind != "plain":
            result.append(item)
            continue
        lines = item.lines
        texts = [line.stripped for line in lines]
        first = texts[0]
        has_postal = any(addresses.is_postal_line(text) for text in texts)
        is_subject = number == last_plain and _subject_candidate(items, number) and not _PERSON_START.match(first)
        if is_subject and number == first_plain and return_at is None:
            # One block alone above the salutation: a letterhead names its authority first, a
            # subject may have its "Ihre Anfrage vom …" line.
            is_subject = not c.authority.match(" " + first) or any(_REGARDING_LIKE.match(text) for text in texts[1:])
        if re.fullmatch(r"[\d\s./-]{1,12}", first) and len(lines) == 1:
            result.append(HeaderItem("noise", lines))
        elif all(re.fullmatch(r"\S+@\S+\.\w+|(?:https?://|www\.)\S+", text) for text in texts):
            result.append(HeaderItem("letterhead", lines))  # the letterhead's e-mail or website line
        elif return_at is not None and number < return_at or return_at is None and number == first_plain \
                and not _PERSON_START.match(first) and not is_subject \
                and not (has_postal and any(item.kind == "field" for item in items[:number])):
            result.append(HeaderItem("letterhead", lines))
        elif _PERSON_START.match(first) and not seen_recipient and not is_subject:
            seen_recipient = True
            result.append(HeaderItem("recipient", lines))
        elif is_subject and not has_postal:
            result.append(HeaderItem("subject", lines))
        elif c.is_department(first) and len(lines) <= 2 and not has_postal:
            result.append(HeaderItem("letterhead", lines))
        elif not seen_recipient and len(lines) <= 8 and not _is_prose(lines) \
                and (has_postal or return_at is not None and number > return_at):
            seen_recipient = True
            result.append(HeaderItem("recipient", lines))
        elif result and result[-1].kind == "recipient" and len(lines) == 1 and has_postal \
                and not any(addresses.is_postal_line(line.stripped) for line in result[-1].lines):
            # A typewritten address block with a blank line before its postal line.
            result[-1] = HeaderItem("recipient", result[-1].lines + lines)
        else:
            result.append(item)
    return result


def _first_plain(items: Sequence[HeaderItem]) -> int | None:
    """The top block, where the letterhead stands (unless a distribution note or subject comes first)."""
    for number, item in enumerate(items):
        if item.kind == "plain":
            return number
        if item.kind in ("copies", "subject", "regarding"):
            return None
    return None


def _subject_candidate(items: Sequence[HeaderItem], number: int) -> bool:
    """The plain block just before the salutation is the subject when only labelled parts follow it."""
    following = [item.kind for item in items[number + 1:]]
    return all(kind in ("regarding", "date_line", "field", "noise") for kind in following) and \
        len(items[number].lines) <= 6


# The names the extractors use, public so that no extractor imports a private one (issue 7, part 4).
cells = _cells
continuation = _continuation
REGARDING_LIKE = _REGARDING_LIKE
