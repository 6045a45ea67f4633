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

import functools
import re
from dataclasses import dataclass, field, replace
from operator import attrgetter, itemgetter
from typing import Callable, Sequence

from amtsbrief.cues import characters_taken, cues, lead_characters, ordinary_case, pattern as cue_pattern, pattern_digest
from amtsbrief.fields import addresses, phones, signatures
from amtsbrief.fields.needles import guarded
from amtsbrief.fields.signatures import ON_BEHALF, is_on_behalf_line
from amtsbrief.nlp import line_label, may_label, may_label_at
from amtsbrief.text import Line, Typography, TypographyOf, new_letter, once_per_letter, paragraphs, split_lines
from amtsbrief.zoning.doctype import document_type
from amtsbrief.zoning.kinds import DocumentType, ZoneKind
from amtsbrief.zoning.table import Features, Rule, RuleTableError, first, rule_table

# --- page furniture ---------------------------------------------------------------------------------

_PAGE_NUMBER = cue_pattern("segment.page_number")
_FURNITURE = cue_pattern("segment.furniture")
_PRINTERS_IMPRINT = cue_pattern("segment.printers_imprint")
_PAGE_FURNITURE_GAP = 4  # lines around a page number that a running header may stand in


def content_blocks(lines: Sequence[Line], furniture: set[int] | dict[int, str]) -> list[list[Line]]:
    """The paragraphs of ``lines`` without the ``furniture`` lines (read by several stages alike)."""
    return paragraphs([line for line in lines if line.index not in furniture])


def find_furniture(lines: Sequence[Line]) -> set[int]:
    """Indices of page numbers, running headers and continuation notes."""
    return set(furniture_rules(lines))


# Every line of a letter is asked whether it is page furniture (three patterns through the rule
# table, ~7 µs). Each branch of the three patterns pins the first or the last character of the
# (stripped) line it takes, and most pin a word or a run of spaces too. The patterns start with ``^\s*``
# and end in ``\s*$`` (``\s`` is ``str.isspace``, as for ``str.strip``; ``\d`` is ``str.isdecimal``), so on
# a stripped line those characters are its first and last:
# - a last digit: ``segment.page_number`` (``Seite 2``, ``2 / 3``, ``Blatt 2``: first S/s/ſ, a digit, B/b) or
#   ``segment.furniture`` (a running header, ``Name    Seite 2 von 3``: four spaces or the word ``Seite``;
#   ``*** Fortsetzung auf Seite 2``: first ``*`` or F/f; ``.../2``: first ``.``);
# - a last dash, rule (``_``, ``=``) or asterisk: a page number ``- 2 -``, a rule, ``*** Ende ***``;
# - a first ``(``/A/a: ``(Ausgegeben am …``, which it must start with; a first B/b: ``b. w.``, ``bitte
#   wenden``, ``Blatt 2``; a first dash: ``- Fortsetzung``;
# - ``segment.printers_imprint`` (no case folding): a start ``Gesamtherstellung``, ``Vertrieb`` or ``ISSN``.
# Case folded, only S/s/ſ, F/f, A/a, B/b fold to those letters. A line none of these fit skips the stage.
# The hint holds for the pattern texts it was derived from (checked by digest, as are the stage's rules;
# otherwise every line goes through); ``tests/test_segment_furniture_hint.py`` tries every line we have.
_FURNITURE_HINT_FOR = ("a78feb7a04273c51", "cdd03924c99870d0", "d6285d5065971507")  # sha1[:16] of the three
_FURNITURE_ENDS = frozenset("_-=–—*")
_NUMBERED_STARTS = frozenset("SsſFf*.")  # of a line ending in a digit (and any digit)
_FURNITURE_STARTS = frozenset("bB-–—")
_AUSGEGEBEN = re.compile(r"\(?Ausgegeben", re.I)  # the branch's own start
_SEITE = re.compile(r"Seite", re.I)
_IMPRINT_STARTS = ("Gesamtherstellung", "Vertrieb", "ISSN")


@functools.cache
def _furniture_hint_holds() -> bool:
    """Whether the hint is proven: the three patterns are those it was derived from, and each furniture
    rule asks one of their features to be true."""
    return tuple(map(pattern_digest, (_PAGE_NUMBER, _FURNITURE, _PRINTERS_IMPRINT))) == _FURNITURE_HINT_FOR \
        and all(len(rule.when) == 1 and next(iter(rule.when.items())) in _HINTED_CONDITIONS
                for rule in rule_table().stage("furniture"))


_HINTED_CONDITIONS = (("page_number", True), ("page_furniture", True), ("printers_imprint", True))


def _may_be_furniture(text: str) -> bool:
    """``False`` where no furniture rule can take the (stripped, non-empty) line ``text``."""
    first, last = text[0], text[-1]
    if last.isdecimal() and (first in _NUMBERED_STARTS or first.isdecimal() or "    " in text or _SEITE.search(text)):
        return True
    return last in _FURNITURE_ENDS or first in _FURNITURE_STARTS \
        or first in "aA(" and _AUSGEGEBEN.match(text) is not None \
        or first in "GVI" and text.startswith(_IMPRINT_STARTS) or not _furniture_hint_holds()


FURNITURE_FEATURES = {
    "page_number": lambda f: bool(_PAGE_NUMBER.match(f.subject)),
    "page_furniture": lambda f: bool(_FURNITURE.match(f.subject)),
    "printers_imprint": lambda f: bool(_PRINTERS_IMPRINT.match(f.subject)),
}


def furniture_rules(lines: Sequence[Line]) -> dict[int, str]:
    """Page numbers, running headers and continuation notes: line index → the id of the rule that found it.

    A running header is a line (of some length) that stands more than once near page numbers or page
    breaks; it is furniture everywhere it stands.
    """
    furniture: dict[int, str] = {}
    page_marks: list[int] = []
    for line in lines:
        text = line.stripped
        if not text:
            continue
        if not _may_be_furniture(text):
            continue
        rule = first("furniture", Features(FURNITURE_FEATURES, text))
        if rule is not None:
            furniture[line.index] = rule.id
            if rule.id == _PAGE_NUMBER_RULE:
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
                for index in indices:
                    furniture.setdefault(index, "furniture.running-header")
    return furniture


_PAGE_NUMBER_RULE = "furniture.page-number"
_SECOND_LETTER_RULE = "furniture.second-letter"
_SECOND_LETTER_MIN_PROSE = 3  # prose paragraphs the first letter must have before a second one may start
_SECOND_LETTER_HEAD_BLOCKS = 6  # short blocks above the second return line that may be its letterhead
_SECOND_LETTER_HEAD_WIDTH = 40  # a letterhead line is short


def find_second_letter(lines: Sequence[Line], furniture: set[int] | dict[int, str], *,
                       blocks: list[list[Line]] | None = None) -> int | None:
    """Index of the line where a second letter starts in the same file, or None.

    A scanned notice often carries a further sheet (a form letter assigning the tax number, a
    certification, an enclosure) with its own letterhead, return line, address block and salutation. Its
    salutation would end the first letter's header and take its whole body. The first letter is what the
    file is, so a later head -- a return-address line with an address block under it, after the first
    letter already ran through several prose paragraphs -- starts a part set aside as furniture. The cut
    goes up to the letterhead above that return line (the nearest short block naming an authority).

    ``blocks``: the paragraphs of the lines not in ``furniture``, where the caller has them.
    """
    if blocks is None:
        blocks = content_blocks(lines, furniture)
    prose = 0
    c = cues()
    for number, block in enumerate(blocks):
        if _is_prose(block):
            prose += 1
            continue
        if prose < _SECOND_LETTER_MIN_PROSE:
            continue
        returns = [line for line in block if _is_return_text(line.stripped)]
        if not returns:
            continue
        after = [line for later in blocks[number:number + 3] for line in later if line.index > returns[0].index]
        if not any(addresses.is_postal_line(line.stripped) for line in after):
            continue
        start = returns[0].index if returns[0] is not block[0] else block[0].index
        for earlier in reversed(blocks[max(0, number - _SECOND_LETTER_HEAD_BLOCKS):number]):
            if _is_prose(earlier) or any(len(line.stripped) > _SECOND_LETTER_HEAD_WIDTH for line in earlier):
                break
            if c.authority.match(" " + earlier[0].stripped):
                start = earlier[0].index
                break
        return start
    return None


def find_page_footers(lines: Sequence[Line], furniture: set[int], *,
                      blocks: list[list[Line]] | None = None) -> set[int]:
    """Indices of footer blocks printed at the foot of a page, just before a page number or break.

    ``blocks``: the paragraphs of the lines not in ``furniture``, where the caller has them.

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
    found.update(_unmarked_page_footer(lines, furniture | found, None if found else blocks))
    return found


_UNMARKED_FOOTER_BLOCKS = 3  # footer-like blocks in a run, at the least
_UNMARKED_FOOTER_LINES = 5  # footer lines in the run, at the least


def _unmarked_page_footer(lines: Sequence[Line], furniture: set[int], blocks: list[list[Line]] | None = None) -> set[int]:
    """A page footer between two runs of prose, with no page number beside it.

    A scan often loses the page number (or OCR reads it as noise), so page 1's footer -- Dienstgebäude,
    Telefon, Telefax, E-Mail, Sprechzeiten, IBAN/BIC, each a block of its own -- stands between the text
    of page 1 and page 2 with nothing to mark the break. A run of short blocks, several of them footer
    blocks, with prose before and after it, is that footer.
    """
    if blocks is None:
        blocks = content_blocks(lines, furniture)
    prose = [_is_prose(block) for block in blocks]
    found: set[int] = set()
    number = 0
    while number < len(blocks):
        if prose[number] or not any(prose[:number]):
            number += 1
            continue
        end = number
        while end < len(blocks) and not prose[end] and len(blocks[end]) <= 4:
            end += 1
        run = blocks[number:end]
        hits = [sum(1 for line in block if _is_footer_line(line.text)) for block in run]
        with_hits = [position for position, count in enumerate(hits) if count]
        if end < len(blocks) and prose[end] and len(with_hits) >= _UNMARKED_FOOTER_BLOCKS \
                and sum(hits) >= _UNMARKED_FOOTER_LINES:
            for block in run[with_hits[0]:with_hits[-1] + 1]:
                found.update(line.index for line in block)
        number = max(end, number + 1)
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
    rule: str = ""  # the id of the rule in models/zones.json that labelled it


@dataclass(frozen=True)
class LineZone:
    """One line's zone (``kind``) and the id of the rule in ``models/zones.json`` that gave it.

    ``text`` is the part of the line the zone covers (a cell, where a line is set in columns).
    """

    index: int
    kind: ZoneKind
    rule: str
    text: str
    start: int = 0  # offsets of the covered text in Segmentation.text
    end: int = 0


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
    document_type: DocumentType = DocumentType.LETTER
    document_rule: str = "document.letter"
    furniture_rules: dict[int, str] = field(default_factory=dict)  # furniture line → the rule that found it
    page_footers: frozenset[int] = frozenset()
    tail_rule: str = "tail.footer-paragraphs"
    footer_from_rule: tuple[Line, ...] = field(default_factory=tuple)  # the footer the tail rule gave

    def zones(self) -> tuple[LineZone, ...]:
        """Every line's zone and the rule that gave it, in order (computed when asked: --explain, show)."""
        return _line_zones(self)

    def items(self, kind: str) -> list[HeaderItem]:
        return [item for item in self.header if item.kind == kind]


def segment(text: str, *, is_email: bool = False, quoted_from: int | None = None,
            typography: TypographyOf | None = None) -> Segmentation:
    """Cut normalised ``text`` into zones (see the module docstring).

    Lines from ``quoted_from`` on (an e-mail's quoted earlier message) are kept apart in ``quoted``.
    ``typography`` tells how a range of ``text`` is set (type size, bold) where the input is laid out.
    """
    new_letter()
    lines = split_lines(text)
    quoted: list[Line] = []
    if quoted_from is not None:
        quoted = [line for line in lines if line.start >= quoted_from]
        lines = [line for line in lines if line.start < quoted_from]
    furniture_by_rule = furniture_rules(lines)
    blocks = content_blocks(lines, furniture_by_rule)
    second_at = None if is_email else find_second_letter(lines, furniture_by_rule, blocks=blocks)
    if second_at is not None:
        # The first letter alone decides the document type; the second is set aside whole.
        for line in lines[second_at:]:
            if line.stripped:
                furniture_by_rule.setdefault(line.index, _SECOND_LETTER_RULE)
    first_lines = lines if second_at is None else lines[:second_at]
    first_text = text if second_at is None else text[:lines[second_at].start]
    kind, kind_rule = document_type(first_text, first_lines, is_email=is_email)
    furniture = set(furniture_by_rule)
    # The second letter, set aside, makes more furniture: then the paragraphs are read anew.
    page_footers = find_page_footers(lines, furniture, blocks=blocks if second_at is None else None)
    content = [line for line in lines if line.index not in furniture and line.index not in page_footers]

    salutation_at, closing_at = _find_anchors(content)
    salutation_lines = 1
    if salutation_at is not None and salutation_at + 1 < len(content):
        # "Sehr geehrter Herr Grahl," / "liebe Kameradinnen und Kameraden," is one salutation.
        following = content[salutation_at + 1].stripped
        if following.endswith(",") and len(following) <= 80 and cue_pattern("segment.second_salutation").match(following):
            salutation_lines = 2

    if salutation_at is not None:
        header_lines = content[:salutation_at]
        body_start = salutation_at + salutation_lines
    else:
        header_end = _header_end_without_salutation(content, closing_at, is_email=kind == DocumentType.EMAIL)
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
    tail_rule = first("tail", Features({}, rest, document_type=kind))
    footer_at = len(rest) if tail_rule.take == "all" else _footer_start(rest, 0)
    trailer = rest[:footer_at]
    footer = list(rest[footer_at:])
    if page_footers:
        # A footer printed on an earlier page (before its page break) is the same footer.
        footer = [line for line in lines if line.index in page_footers] + [Line(-1, 0, 0, "")] + footer
    header = tuple(label_header(header_lines, typography, document_type=kind))
    salutation = tuple(content[salutation_at:salutation_at + salutation_lines]) if salutation_at is not None else ()
    body = _strip_blank_edges(body)
    closing = content[closing_at] if closing_at is not None else None
    return Segmentation(
        text=text,
        lines=tuple(lines),
        furniture=frozenset(furniture),
        header=header,
        salutation=salutation,
        body=tuple(body),
        closing=closing,
        signature=tuple(signature),
        trailer=tuple(trailer),
        footer=tuple(footer),
        is_email=is_email,
        header_lines=tuple(header_lines),
        quoted=tuple(quoted),
        document_type=kind,
        document_rule=kind_rule,
        furniture_rules=furniture_by_rule,
        page_footers=frozenset(page_footers),
        tail_rule=tail_rule.id,
        footer_from_rule=tuple(rest[footer_at:]),
    )


def _line_zones(seg: Segmentation) -> tuple[LineZone, ...]:
    """Every line's zone and the rule that gave it (a line set in columns may have several)."""
    lines, quoted, closing = seg.lines, seg.quoted, seg.closing
    email_tail = rule_table().get(seg.tail_rule).take == "all"
    found: dict[int, list[LineZone]] = {}

    def put(line: Line, kind: str, rule: str) -> None:
        if line.index >= 0:
            found.setdefault(line.index, []).append(
                LineZone(line.index, ZoneKind(kind), rule, line.text.strip(), line.content_start, line.content_end))

    for index, rule in seg.furniture_rules.items():
        put(lines[index], ZoneKind.FURNITURE, rule)
    for index in sorted(seg.page_footers):
        put(lines[index], ZoneKind.PAGE_FOOTER, "furniture.page-footer")
    for item in seg.header:
        for line in item.lines:
            if line.stripped:
                put(line, item.kind, item.rule)
    for number, line in enumerate(seg.salutation):
        put(line, ZoneKind.SALUTATION, "anchor.salutation" if number == 0 else "anchor.salutation-second-line")
    for line in seg.body:
        if line.stripped:
            put(line, ZoneKind.BODY, "position.body")
    if closing is not None:
        put(closing, ZoneKind.CLOSING, "anchor.closing")
    for line in seg.signature:
        put(line, ZoneKind.SIGNATURE, "position.signature" if closing is not None else "position.trailing-signature")
    for line in seg.trailer:
        if line.stripped:
            put(line, ZoneKind.TRAILER, seg.tail_rule if email_tail else "position.trailer")
    for line in seg.footer_from_rule:
        if line.stripped:
            put(line, ZoneKind.FOOTER, seg.tail_rule)
    for line in quoted:
        if line.stripped:
            put(line, ZoneKind.QUOTED, "position.quoted")
    zones: list[LineZone] = []
    for line in list(lines) + list(quoted):
        zones.extend(found.get(line.index) or [LineZone(line.index, ZoneKind.BLANK if not line.stripped else ZoneKind.PLAIN,
                                                         "position.blank" if not line.stripped else _UNLABELLED, line.stripped)])
    return tuple(zones)


def _strip_blank_edges(lines: Sequence[Line]) -> list[Line]:
    start, end = 0, len(lines)
    while start < end and lines[start].is_blank:
        start += 1
    while end > start and lines[end - 1].is_blank:
        end -= 1
    return list(lines[start:end])


ANCHOR_FEATURES = {
    "salutation_pattern": lambda f: line_label(f.subject, "SALUTATION"),
    "closing_pattern": lambda f: line_label(f.subject, "CLOSING"),
    "length": lambda f: len(f.subject),
    # A complimentary close is words only and does not run on ("Mit freundlichen Grüßen und …").
    "closing_words_only": lambda f: bool(_CLOSING_WORDS.fullmatch(f.subject)) and not f.subject.endswith(("und", "an")),
}
_CLOSING_WORDS = cue_pattern("segment.closing_words")


def _is_anchor(text: str, zone: ZoneKind) -> bool:
    """Whether an anchor rule gives this line the ``zone`` (``salutation``, ``closing``)."""
    if not text:
        return False
    label = _ANCHOR_NEEDS.get(zone)
    if label is not None and _anchor_needs_label(zone) and not may_label(text, label):
        return False  # every rule for the zone asks for the label's pattern, which this line cannot have
    return first("anchor", Features(ANCHOR_FEATURES, text), zone=zone) is not None


# The pattern feature of each anchor zone (``ANCHOR_FEATURES``: ``line_label`` of the label).
_ANCHOR_NEEDS = {ZoneKind.SALUTATION: "SALUTATION", ZoneKind.CLOSING: "CLOSING"}


@functools.cache
def _anchor_needs_label(zone: ZoneKind) -> bool:
    """Whether every anchor rule that gives ``zone`` asks its label's pattern to hold (then a line the
    pattern cannot match, by :func:`nlp.may_label`, gets no such rule)."""
    feature = f"{_ANCHOR_NEEDS[zone].lower()}_pattern"
    return all(rule.when.get(feature) is True for rule in rule_table().stage("anchor") if rule.zone == zone)


def _find_anchors(content: Sequence[Line]) -> tuple[int | None, int | None]:
    """Positions of the salutation (the first) and the closing (the first after the salutation)."""
    texts = [line.stripped for line in content]
    salutation_at = _first_anchor(texts, 0, ZoneKind.SALUTATION)
    start = salutation_at + 1 if salutation_at is not None else 0
    return salutation_at, _first_anchor(texts, start, ZoneKind.CLOSING)


def _first_anchor(texts: Sequence[str], start: int, zone: ZoneKind) -> int | None:
    """The first position from ``start`` on where :func:`_is_anchor` holds: the rules are asked only
    about the lines :func:`nlp.may_label` lets through, as ``_is_anchor`` does, in one loop."""
    label = _ANCHOR_NEEDS[zone]
    if not _anchor_needs_label(zone):
        return next((position for position in range(start, len(texts)) if _is_anchor(texts[position], zone)), None)
    return next((position for position in may_label_at(texts, label, start)
                 if first("anchor", Features(ANCHOR_FEATURES, texts[position]), zone=zone) is not None), None)


def _is_prose(block: Sequence[Line]) -> bool:
    """Running text: long enough, and written in sentences (German prose has many lower-case words)."""
    # Asked of the same blocks from several stages: remembered by the lines' texts (a tuple of strings
    # hashes in C; a tuple of lines calls each line's __hash__).
    return _is_prose_block(tuple(map(_STRIPPED, block)))


_FIRST_CHARACTER = itemgetter(0)
_STRIPPED = attrgetter("stripped")


@once_per_letter
def _is_prose_block(block: tuple[str, ...]) -> bool:
    """``_is_prose`` of the block whose (stripped) lines are ``block``."""
    if sum(map(len, block)) < 60:
        return False  # the words' letters are fewer still (a short block: most of a letter's blocks)
    words = " ".join(block).split()
    if len(words) < 10 or sum(map(len, words)) < 60:
        return False
    # A heading ("Antwort der Landesregierung / auf eine Kleine Anfrage …", a notice's title over five
    # lines, "… Sozialgesetzbuch (SGB II)") has no full stop.
    ends_sentence = words[-1][-1:] in ".?!:;\"“”»" or len(block) >= 3 and max(map(len, block)) >= 60
    if not ends_sentence:
        return False
    lower = sum(map(str.islower, map(_FIRST_CHARACTER, words)))  # words from split() are never empty
    return lower >= 0.35 * len(words)


def _is_sentence(block: Sequence[Line]) -> bool:
    """A short run of text that ends as a sentence ends: five words or more, many in lower case."""
    words = " ".join(line.stripped for line in block).split()
    return len(words) >= 5 and words[-1][-1:] in ".?!" and sum(1 for word in words if word[:1].islower()) >= 0.35 * len(words)


_BODY_OPENERS = cue_pattern("segment.body_openers")
_NUMBERED_QUESTION = cue_pattern("segment.numbered_question")


def _header_end_without_salutation(content: Sequence[Line], closing_at: int | None, *, is_email: bool = False) -> int:
    """Without a salutation: the header ends after the subject paragraph, else before the first prose.

    An e-mail has no letterhead or address block, so there a short sentence already begins the text.
    """
    c = cues()
    limit = closing_at if closing_at is not None else len(content)
    blocks = paragraphs(content[:limit])
    for number, block in enumerate(blocks):
        if any(c.subject_label.match(line.text) for line in block):
            end_block = number
            # A subject wrapped across a blank line continues in lower case (``… nach`` / ``dem …``),
            # or after a word broken at its hyphen (``der 5-Prozent-`` / ``Sperrklausel …``).
            while end_block + 1 < len(blocks) and (blocks[end_block + 1][0].stripped[:1].islower()
                                                   or _BROKEN_WORD.search(blocks[end_block][-1].stripped)) \
                    and len(blocks[end_block + 1]) <= 2:
                end_block += 1
            while end_block + 1 < len(blocks) and c.regarding_label.match(blocks[end_block + 1][0].text):
                end_block += 1
            return _position_after(content, blocks[end_block][-1])
    for block in blocks:
        # An opening may wrap ("Die Kleine Anfrage … hat folgenden" / "Wortlaut:"): its first two lines.
        if _BODY_OPENERS.match(" ".join(line.stripped for line in block[:2])) \
                or _NUMBERED_QUESTION.match(" ".join(line.stripped for line in block)) or (_is_prose(block) or is_email and _is_sentence(block)) \
                and not any(_field_label(l.text) for l in block):
            return _position_of(content, block[0])
    return 0


def _position_of(content: Sequence[Line], line: Line) -> int:
    for position, candidate in enumerate(content):
        if candidate.index == line.index:
            return position
    return 0


def _position_after(content: Sequence[Line], line: Line) -> int:
    return _position_of(content, line) + 1


_BANK_LABEL = guarded(cue_pattern("segment.footer_bank_label"))
_WEBSITE_LINE = cue_pattern("website_line")


@once_per_letter
def _is_footer_line(text: str) -> bool:
    c = cues()
    if c.footer_label.match(text):
        return True
    parts = _CELL_SEPARATOR.split(text)
    if len(parts) > 1 and any(c.footer_label.match(part) or cue_pattern("segment.footer_cell_web_or_mail").match(part) for part in parts):
        return True
    if _BANK_LABEL.search(text):
        return True
    if cue_pattern("segment.footer_office_hours_row").match(text):
        return True
    if _WEBSITE_LINE.match(text):
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
    return all(cue_pattern("bank_name").search(line.text) for line in block)


_HEAD_TITLE = cue_pattern("segment.head_title")
_ATTACHMENTS = cue_pattern("segment.attachments")
_SEPARATOR = cue_pattern("signature_separator")


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
                                                              or cue_pattern("role_continuation").match(signature[end].stripped)):
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
    if any(is_on_behalf_line(line.text) or ON_BEHALF.match(line.stripped) or cue_pattern("segment.signed_gez").match(line.text) for line in last) \
            or len(last) >= 2 and signatures.is_role_line(last[-1].stripped):
        return _position_of(body, last[0])
    # "Im Auftrag" / (blank) / "Pawlowski": the note stands a paragraph above the name.
    before = blocks[-2]
    if len(before) == 1 and is_on_behalf_line(before[0].text):
        return _position_of(body, before[0])
    # "Berlin, den 12. Juli 2022" / (blank) / "A. Muster, B. Beispiel und Fraktion": a motion or inquiry
    # of a parliament signs under its place and date, with no closing.
    if len(before) == 1 and len(last) <= 2 and _DATE_LINE.match(before[0].stripped) and "," in before[0].stripped:
        return _position_of(body, last[0])
    # … or on the line right below it ("Wiesbaden, 8. April 2025" / "Dr. Henrik Albers").
    if len(last) == 2 and _DATE_LINE.match(last[0].stripped) and "," in last[0].stripped and len(last[1].stripped.split()) <= 6:
        return _position_of(body, last[1])
    return None


# --- the header -------------------------------------------------------------------------------------

_COUNTRY = cue_pattern("segment.country")
_RETURN_SEPARATORS = cue_pattern("segment.return_separators")
_PERSON_START = cue_pattern("segment.person_start")
_DATE_LINE = cue_pattern("segment.date_line")
_REGARDING_LIKE = cue_pattern("segment.regarding_like")
_GAP = cue_pattern("segment.gap")


_CELL = cue_pattern("segment.cell")
_CELL_SEPARATOR = guarded(cue_pattern("segment.cell_separator"))


def _cells(line: Line, *, separators: bool | re.Pattern = False) -> list[Line]:
    """A line whose parts stand in columns (four or more spaces apart) as one virtual line per cell.

    With ``separators``, parts set apart by ``·``, ``•`` or ``|`` (a footer's one-line lists) are cells too;
    a pattern given as ``separators`` sets the parts apart instead.
    """
    pattern = separators if isinstance(separators, re.Pattern) else _CELL_SEPARATOR if separators else _GAP
    # ``segment.gap`` is three spaces or more between two words: a line without three spaces in a row has none.
    if pattern is _GAP and "   " not in line.text or not pattern.search(line.text):
        if not line.text[:1].isspace():
            return [line]
        return [Line(line.index, line.content_start, line.content_end, line.stripped)]
    cells: list[Line] = []
    position = 0
    for separator in list(pattern.finditer(line.text)) + [None] if separators else []:
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


@once_per_letter
def _is_reference_label_line(text: str) -> bool:
    # Labels of a Bezugszeichenzeile stand apart by wide gaps or commas.
    if "  " not in text.strip() and "," not in text:
        return False
    any_digit = cue_pattern("segment.any_digit")
    if any_digit.pattern == r"\d" and _reference_labels_hold_no_digit() and any_digit.search(text):
        return False  # no label takes a digit away: it would stay in the rest (a values line, mostly)
    c = cues()
    hits = c.reference_label.findall(text)
    if len(hits) < 2:
        return False
    # Labels only: nothing but the labels and separators (no "Label: value").
    rest = c.reference_label.sub("", text)
    return not any_digit.search(rest) and len(rest.strip(" ,:/-")) <= 12


@functools.cache
def _reference_labels_hold_no_digit() -> bool:
    """Whether no reference label can take a digit (``\\d`` is ``str.isdecimal``)."""
    taken = characters_taken(cues().reference_label)
    return taken is not None and not any(char.isdecimal() for char in taken)


_RIGHT_COLUMN_MIN = 24  # a DIN 5008 information block starts at 125 mm; in text, far right of the address
_COLUMN_GAP = cue_pattern("segment.column_gap")


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
        # ``segment.column_gap`` is three spaces or more after a word: a line without three in a row has none.
        gap = _COLUMN_GAP.search(line.text) if "   " in line.text else None
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


def label_header(header_lines: Sequence[Line], typography: TypographyOf | None = None, *,
                 document_type: DocumentType = DocumentType.LETTER) -> list[HeaderItem]:
    """The header's lines labelled: left column (letterhead, address) then right column (information block)."""
    left, right = split_columns(header_lines)
    context = {"typography": typography, "document_type": document_type}
    items = _classify_blocks(_label_column(left), column="left", **context)
    if right:
        items += _classify_blocks(_label_column(right, spaced_labels=True), column="right", **context)
    return items


# --- line features and what a line rule takes ---------------------------------------------------------
#
# The rules (``models/zones.json``, stage ``line``) say in which order which features decide; these
# functions only compute the features. ``f.subject`` is the line (or the cell) itself.


# The header's questions about one line's text, each answered once per letter: a line is asked whether
# it is labelled by its own rule, by the line above it (``_continuation``, ``_stacked_labels``) and below
# it (``_value_below``, ``_in_letterhead``). Each first asks the cheapest test that can rule a match out.


@once_per_letter
def _starts_with_label(text: str) -> bool:
    """Whether a field label starts ``text``: else no label pattern matches it (``Cues.label_start``)."""
    leads, label_start = _label_start()
    return (leads is None or text.lstrip()[:1] in leads) and label_start.match(text) is not None


@functools.cache
def _label_start() -> tuple[frozenset[str] | None, re.Pattern]:
    # Kept here: ``lead_characters`` of a pattern costs a hash of its compiled code (a long one) on each call.
    label_start = cues().label_start
    return lead_characters(label_start), label_start


@once_per_letter
def _field_label(text: str) -> re.Match | None:
    """``cues().field_label.match(text)``."""
    return cues().field_label.match(text) if _starts_with_label(text) else None


@once_per_letter
def _label_only(text: str) -> re.Match | None:
    """``cues().label_only.match(text)``."""
    return cues().label_only.match(text) if _starts_with_label(text) else None


def _is_date_line(text: str) -> bool:
    """``segment.date_line`` matches the stripped ``text``. Each of its dates ends in a digit and only
    blanks may follow, so a stripped line that does not end in one is none (``\\d`` is ``str.isdecimal``)."""
    return text[-1:].isdecimal() and _DATE_LINE.match(text) is not None


def _fields_set_apart(text: str, c) -> bool | re.Pattern:
    """Several labelled fields on one line, set apart by ``|`` or ``·`` (``Ihr Zeichen: – | Datum: 22.01.2018``)
    or by a comma before a contact label (``Sachbearbeiter: Herr Frölich, Telefon (06409) 69-214``):
    each is a cell of its own, as if set in columns. The separator, or False."""
    if "|" in text or "·" in text or "•" in text:
        return sum(1 for part in _CELL_SEPARATOR.split(text) if _field_label(part)) >= 2
    labelled = _field_label(text) if ", " in text else None
    if labelled:
        # Only a comma within the value: "Ort, Datum:" is one label, not two fields.
        comma, value_at = _comma_before_label(c), labelled.start("value")
        if comma.search(text, value_at) and not comma.search(text[:value_at]):
            return comma
    return False


@functools.cache
def _comma_before_label(c) -> re.Pattern:
    return re.compile(r",\s+(?=" + c.reference_label.pattern + ")", c.reference_label.flags)


def _cell_count(f: Features) -> int:
    return len(f["cells"])


def _field_label_path(f: Features):
    match = f["field_label"]
    return match and f["c"].path_for_label(match.group("label"))


def _value_below(f: Features) -> Line | None:
    """``Aktenzeichen`` / ``(bitte bei Antwort angeben)`` / ``43-5500/117/9``: the value on a line below."""
    c, lines, position = f["c"], f["lines"], f["position"]
    alone = _label_only(f.subject.text)
    if not alone or f.subject.stripped.endswith(":"):
        return None
    path = c.path_for_label(alone.group("label"))
    for below in lines[position + 1:position + 3]:
        text = below.stripped
        if not text or _field_label(below.text) or _label_only(below.text):
            return None
        if text.startswith("("):
            continue
        return below if path else None
    return None


def _field_pair_items(f: Features) -> list[HeaderItem] | None:
    """``Organisationseinheit, Telefon: VST 34   05241 3071-2653``: two fields, the second value last."""
    c, line = f["c"], f.subject
    # Two labels and the comma and colon between them: a line without both signs is no pair. (A line that
    # starts with no label never gets here: ``_evident_line_features`` settles it.)
    pair = c.field_pair.match(line.text) if "," in line.text and ":" in line.text else None
    if not pair:
        return None
    first, second = c.path_for_label(pair.group("first")), c.path_for_label(pair.group("second"))
    value, value_start = pair.group("value"), line.start + pair.start("value")
    found = phones.find(value) if second and second.endswith((".phone", ".fax")) else []
    if first and second and found and value[found[-1].end:].strip() == "":
        split = found[-1].start
        return [HeaderItem("field", (line,), path=first, value=value[:split].strip(), value_start=value_start),
                HeaderItem("field", (line,), path=second, value=value[split:].strip(), value_start=value_start + split)]
    return None


def _in_letterhead(f: Features) -> bool:
    """In the top block (no blank line, no label above): a bare address there is the authority's."""
    lines, position, c = f["lines"], f["position"], f["c"]
    return position > 0 and all(not earlier.is_blank for earlier in lines[:position]) \
        and not any(_field_label(earlier.text) for earlier in lines[:position])


def _spaced_label_path(f: Features):
    """The path of a spaced-out label (``T e l e f o n``); lines without a label are settled before."""
    c = f["c"]
    match = c.field_label_spaced.match(f.subject.text)
    return match and c.path_for_label(match.group("label"))


def _continues_plain_run(f: Features) -> bool:
    """``Wolfsrisse in …`` / ``Ihr Schreiben vom 3. Mai 2022``: the subject's own second line."""
    return f["plain_run"] and bool(_REGARDING_LIKE.match(f.subject.text)) \
        and not _LABEL_WITH_COLON.match(f.subject.stripped)


_LABEL_WITH_COLON = cue_pattern("segment.label_with_colon")

LINE_FEATURES = {
    "reference_labels": lambda f: _is_reference_label_line(f.subject.text),
    "cells": lambda f: _merge_label_cells(_cells(f.subject, separators=_fields_set_apart(f.subject.text, f["c"])), f["c"]),
    "cell_count": _cell_count,
    "return_address": lambda f: _is_return_text(f.subject.stripped),
    "subject_label": lambda f: f["c"].subject_label.match(f.subject.text),
    "regarding_label": lambda f: f["c"].regarding_label.match(f.subject.text),
    "copies_label": lambda f: f["c"].copies_label.match(f.subject.text),
    "continues_plain_run": _continues_plain_run,
    "stacked_labels": lambda f: _stacked_labels(f["lines"], f["position"], f["c"]),
    "delivery_note": lambda f: bool(f["c"].delivery.fullmatch(f.subject.stripped)),
    "field_pair": _field_pair_items,
    "value_below": _value_below,
    "field_label": lambda f: _field_label(f.subject.text),
    "field_label_path": _field_label_path,
    "date_line": lambda f: _is_date_line(f.subject.stripped),
    "length": lambda f: len(f.subject.stripped),
    # Lines without an "@" or one of the website starts are settled in ``_evident_line_features``.
    "bare_email": lambda f: bool(_BARE_EMAIL.fullmatch(f.subject.stripped)),
    "bare_website": lambda f: bool(_BARE_WEBSITE.fullmatch(f.subject.stripped)),
    "in_letterhead": _in_letterhead,
    "spaced_label_path": _spaced_label_path,
}
_BARE_EMAIL = cue_pattern("segment.bare_email")
_BARE_WEBSITE = cue_pattern("segment.bare_website")
_WEBSITE_STARTS = ("http://", "https://", "www.")  # the starts ``segment.bare_website`` allows


def _line_features(line: Line, lines: Sequence[Line], position: int, c, column: str, plain_run: bool) -> Features:
    return Features(LINE_FEATURES, line, _evident_line_features(line, lines[position] is line, plain_run),
                    lines=lines, position=position, c=c, column=column, plain_run=plain_run)


@functools.cache
def _regarding_like_leads() -> frozenset[str] | None:
    """The first non-blank characters ``segment.regarding_like`` can match after (None: any)."""
    return lead_characters(_REGARDING_LIKE)


@functools.cache
def _label_leads() -> tuple[tuple[str, frozenset[str], object], ...]:
    """(feature, the first non-blank characters its pattern can match after, the provider's value for a
    line with another): a subject, regarding or copies label or a delivery note (:func:`cues.lead_characters`)."""
    c = cues()
    found = []
    for feature, pattern, value in (("subject_label", c.subject_label, None), ("regarding_label", c.regarding_label, None),
                                    ("copies_label", c.copies_label, None), ("delivery_note", c.delivery, False)):
        leads = lead_characters(pattern)
        if leads is not None:
            found.append((feature, leads, value))
    return tuple(found)


_NO_LABEL = {"field_label": None, "field_label_path": None, "value_below": None, "field_pair": None,
             "spaced_label_path": None}


def _evident_line_features(line: Line, whole_line: bool, plain_run: bool) -> dict:
    """The line features a glance at the text settles, with the values their providers would give.

    Most header lines start with no label, end in no digit, hold no "@" …: the same gates the providers
    ask first (``_field_label``, ``_is_date_line`` …), asked once here, so that the rules find these
    features known instead of calling a provider for each (a dozen calls a line).
    """
    text, stripped = line.text, line.stripped
    lead = stripped[:1]  # the first non-blank character, where the label patterns start
    known: dict = {}
    if not _starts_with_label(text):
        known.update(_NO_LABEL)
        if whole_line:  # ``_stacked_labels`` reads the column's line, which a cell is not
            known["stacked_labels"] = None
    if not stripped[-1:].isdecimal():
        known["date_line"] = False
    if "@" not in stripped:
        known["bare_email"] = False
    if not stripped.startswith(_WEBSITE_STARTS):
        known["bare_website"] = False
    regarding_leads = _regarding_like_leads()
    if not plain_run or regarding_leads is not None and lead not in regarding_leads:
        known["continues_plain_run"] = False  # (``plain_run and …``: False either way)
    if _POSTCODE_DIGITS.search(stripped) is None:
        known["return_address"] = False  # no postcode (``_is_return_text``; the label it cuts holds no digit)
    for feature, leads, value in _label_leads():
        if lead not in leads:
            known[feature] = value
    if "  " not in stripped and "," not in text:
        known["reference_labels"] = False
    if "   " not in text and "|" not in text and "·" not in text and "•" not in text \
            and (", " not in text or "field_label" in known):
        known["cell_count"] = 1  # one cell: no gap, no separator, no comma after a label (``_fields_set_apart``)
    return known


def _take_line(rule: Rule, f: Features) -> list[HeaderItem]:
    """What a line rule makes of its line (``take`` in the table): the zone's lines, its value."""
    c, line, lines, position = f["c"], f.subject, f["lines"], f["position"]
    take = rule.take or "line"
    if take == "line":
        return [HeaderItem(rule.zone, (line,), rule=rule.id)]
    if take == "value":  # the whole line is the value of ``rule.path`` ("poststelle@stadt.de")
        return [HeaderItem(rule.zone, (line,), path=rule.path, value=line.stripped, value_start=line.content_start,
                           rule=rule.id)]
    if take in ("labelled_run", "subject_run"):
        match = f[rule.value_from]
        run = _continuation(lines, position, stop_on_label=True)
        if take == "subject_run":
            after = position + 1 + len(run)
            if after < len(lines) and _REGARDING_LIKE.match(lines[after].text):
                run.append(lines[after])  # "Betreff: AW: …" / "Ihre E-Mail vom …": the line under it is its regarding
        return [HeaderItem(rule.zone, (line, *run), value=match.group("value"),
                           value_start=line.start + match.start("value"), rule=rule.id)]
    if take == "field_pair":
        return [replace(item, rule=rule.id) for item in f["field_pair"]]
    if take == "value_below":
        below = f["value_below"]
        path = c.path_for_label(_label_only(line.text).group("label"))
        return [HeaderItem(rule.zone, (line, below), path=path, value=below.stripped, value_start=below.content_start,
                           rule=rule.id)]
    if take == "field":
        match, path = f["field_label"], f["field_label_path"]
        run: list[Line] = []
        value = match.group("value").strip()
        if path == "contact.building" or (path in ("contact.handler",) and not value):
            run = _continuation(lines, position, stop_on_label=True, max_lines=2)
            run = [candidate for candidate in run if addresses.is_postal_line(candidate.stripped)
                   or addresses.is_street_line(candidate.stripped) or path == "contact.handler"][:2]
        if path in ("contact.phone", "contact.fax") and value.endswith("-") and position + 1 < len(lines) \
                and _EXTENSION_BELOW.fullmatch(lines[position + 1].stripped):
            # A form prints the exchange after the label and the extension in the field below it
            # ("Durchwahl (0551) 407 -" / "210").
            below = lines[position + 1]
            return [HeaderItem(rule.zone, (line, below), path=path, value=value + below.stripped,
                               value_start=line.start + match.start("value"), rule=rule.id)]
        # An empty label ("Ihre Zeichen:" with nothing after it) means null: its value is not looked for below.
        return [HeaderItem(rule.zone, (line, *run), path=path, value=match.group("value"),
                           value_start=line.start + match.start("value"), rule=rule.id)]
    if take == "spaced_field":
        match = c.field_label_spaced.match(line.text)
        return [HeaderItem(rule.zone, (line,), path=f["spaced_label_path"], value=match.group("value"),
                           value_start=line.start + match.start("value"), rule=rule.id)]
    if take == "reference_line":
        values = next((candidate for candidate in lines[position + 1:position + 3] if not candidate.is_blank), None)
        if values is not None and _label_only(values.text):
            # A form's next label (OCR reads the labels of its boxes one under another) is no value.
            values = None
        return [HeaderItem(rule.zone, (line,) + ((values,) if values else ()), rule=rule.id)]
    if take == "stacked":
        return [replace(item, rule=rule.id) for item in f["stacked_labels"]]
    raise RuleTableError(f"models/zones.json: rule {rule.id!r} takes {take!r}, which no code knows")


def _label_column(header_lines: Sequence[Line], *, spaced_labels: bool = False) -> list[HeaderItem]:
    """Label each line of one column by the first line rule that holds (``models/zones.json``).

    ``spaced_labels``: the right column, where an information block sets ``Name Tobias Haag``.
    """
    c = cues()
    column = "right" if spaced_labels else "left"
    items: list[HeaderItem] = []
    lines = list(header_lines)
    position = 0
    plain_run: list[Line] = []
    plain_rules: list[str] = []  # the line rule that put each line of the run there

    def plain_item(start: int, end: int) -> HeaderItem:
        rules = list(dict.fromkeys(rule for rule in plain_rules[start:end] if rule != _UNLABELLED))
        return HeaderItem("plain", tuple(plain_run[start:end]), rule="/".join(rules) or _UNLABELLED)

    def flush_plain() -> None:
        # An address block ends with its postal line: what follows without a blank line (a subject,
        # in a letter set without blank lines) is a block of its own.
        if not plain_run:
            return  # (asked at every blank line)
        start = 0
        for position, line in enumerate(plain_run):
            if position + 1 < len(plain_run) and addresses.is_postal_line(line.stripped) \
                    and not _COUNTRY.fullmatch(plain_run[position + 1].stripped):
                items.append(plain_item(start, position + 1))
                start = position + 1
        if plain_run[start:]:
            items.append(plain_item(start, len(plain_run)))
        plain_run.clear()
        plain_rules.clear()

    while position < len(lines):
        line = lines[position]
        if not line.stripped:
            flush_plain()
            position += 1
            continue
        features = _line_features(line, lines, position, c, column, bool(plain_run))
        rule = first("line", features)
        if rule is None or rule.take == "plain":
            plain_run.append(line)
            plain_rules.append(rule.id if rule is not None else _UNLABELLED)
            position += 1
            continue
        if rule.take == "cells":
            flush_plain()
            for cell in features["cells"]:
                cell_features = _line_features(cell, lines, position, c, column, False)
                cell_rule = first("line", cell_features, cell=True)
                # Provenance of a cell: the rule that split the line, then the one that labelled the cell.
                items.extend(replace(item, rule=f"{rule.id}/{item.rule}") for item in
                             (_take_line(cell_rule, cell_features) if cell_rule is not None
                              else [HeaderItem("plain", (cell,), rule=_UNLABELLED)]))
            position += 1
            continue
        labelled = _take_line(rule, features)
        flush_plain()
        items.extend(labelled)
        consumed = max(item.lines[-1].index for item in labelled)
        position += 1
        while position < len(lines) and lines[position].index <= consumed:
            position += 1
    flush_plain()
    return items


_UNLABELLED = "line.unlabelled"


def _stacked_labels(lines: Sequence[Line], position: int, c) -> list[HeaderItem] | None:
    """Labels set one under another, their values in a block below in the same order.

    ``Aktenzeichen`` / ``Datum`` / (blank) / ``67/2-Ue-0412`` / ``07.06.2021``.
    """
    labels: list[Line] = []
    at = position
    while at < len(lines) and lines[at].stripped and _label_only(lines[at].text) and not lines[at].stripped.endswith(":"):
        labels.append(lines[at])
        at += 1
    if len(labels) < 2:
        return None
    while at < len(lines) and not lines[at].stripped:
        at += 1
    values = lines[at:at + len(labels)]
    if len(values) < len(labels) or any(not line.stripped or _label_only(line.text) or _field_label(line.text)
                                        for line in values):
        return None
    items = []
    for label, value in zip(labels, values):
        path = c.path_for_label(_label_only(label.text).group("label"))
        if path:
            items.append(HeaderItem("field", (label, value), path=path, value=value.stripped, value_start=value.content_start))
    return items or None


def _merge_label_cells(cells: list[Line], c) -> list[Line]:
    """``Bearbeiter:      Frau Liebscher``: a label cell with no value and the value cell after it are one."""
    merged: list[Line] = []
    for cell in cells:
        if merged:
            previous = merged[-1]
            match = _label_only(previous.text)
            if match and not _field_label(cell.text) and not _label_only(cell.text):
                gap = cell.start - previous.end
                merged[-1] = Line(previous.index, previous.start, cell.end, previous.text + " " * gap + cell.text)
                continue
        merged.append(cell)
    return merged


def _continuation(lines: Sequence[Line], position: int, *, stop_on_label: bool,
                  max_lines: int = 6) -> list[Line]:
    """Lines that continue the labelled line at ``position`` (until a blank line or another label)."""
    c = cues()
    run: list[Line] = []
    bridged = False
    for candidate in lines[position + 1:position + 1 + max_lines]:
        text = candidate.stripped
        if not text:
            # A line that ends inside a hyphenated word ("der 5-Prozent-") goes on past one blank line:
            # a scan's wider line gap, not the end of the subject.
            if not bridged and _BROKEN_WORD.search((run[-1] if run else lines[position]).stripped):
                bridged = True
                continue
            break
        if stop_on_label and (_field_label(candidate.text) or c.regarding_label.match(candidate.text)
                              or c.subject_label.match(candidate.text) or c.copies_label.match(candidate.text)
                              or _is_date_line(text)):
            break
        run.append(candidate)
    return run


# Each separator ``segment.return_separators`` allows holds one of these characters, and a postal line's
# postcode has four digits in a row at the least: a line without both is no return line (two scans for
# characters instead of four alternatives tried at every position, and the parts of the line read).
_RETURN_SEPARATOR_SIGNS = re.compile(r"[•·|∙◦▪\-–,.]")
_POSTCODE_DIGITS = re.compile(r"\d{4}")


@once_per_letter
def _is_return_text(stripped: str) -> bool:
    text = _RETURN_LABEL.sub("", stripped)
    if len(text) > 160 or not _RETURN_SEPARATOR_SIGNS.search(text) or not _POSTCODE_DIGITS.search(text) \
            or not _RETURN_SEPARATORS.search(text) or text[:1].islower():
        return False
    parts = addresses.split_return_address(text)
    return len(parts) >= 2 and any(addresses.is_postal_line(part) for part in parts)


_RETURN_LABEL = cue_pattern("segment.return_label")
_BROKEN_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]-$")


# --- block features: what a run of unlabelled lines is (stage ``block``) ---------------------------------


_BOLD_SUBJECT_RULE = "block.bold-subject"


def _is_subject_block(f: Features) -> bool:
    """The last plain block before the salutation, with only labelled parts after it, is the subject."""
    items, number = f["items"], f["number"]
    first_text = f.subject.lines[0].stripped
    # A letter has one subject: a block above that was already taken for it (set in bold) keeps it.
    is_subject = number == f["last_plain"] and _subject_candidate(items, number) and not _PERSON_START.match(first_text) \
        and not any(item.kind == ZoneKind.SUBJECT and item.rule.endswith(_BOLD_SUBJECT_RULE) for item in f["result"])
    if is_subject and number == f["first_plain"] and f["return_at"] is None:
        # One block alone above the salutation: a letterhead names its authority first, a
        # subject may have its "Ihre Anfrage vom …" line.
        texts = [line.stripped for line in f.subject.lines]
        is_subject = not f["c"].authority.match(" " + first_text) or any(_REGARDING_LIKE.match(text) for text in texts[1:])
    return is_subject


def _has_postal(f: Features) -> bool:
    return any(addresses.is_postal_line(line.stripped) for line in f.subject.lines)


def _continues_recipient(f: Features) -> bool:
    """A typewritten address block with a blank line before its postal line (or, in a scan, before its
    street: the name block above was taken for the recipient by ``block.recipient-name-above-gap``)."""
    result = f["result"]
    after_name = bool(result) and (result[-1].rule.endswith(_NAME_ABOVE_GAP_RULE) or _address_only(f.subject.lines))
    return bool(result) and result[-1].kind == "recipient" and (len(f.subject.lines) == 1 or after_name) \
        and f["has_postal"] and not any(addresses.is_postal_line(line.stripped) for line in result[-1].lines)


_NAME_ABOVE_GAP_RULE = "block.recipient-name-above-gap"
_ADDRESS_ONLY_LINES = 3  # a street, perhaps a Postfach, the postal line


def _next_block_address_only(f: Features) -> bool:
    """The next header block is a bare address (street and postal line, no name): OCR split the address
    block at a wider line gap, so the name stands in a block of its own above it."""
    items, number = f["items"], f["number"]
    if number + 1 >= len(items) or items[number + 1].kind != "plain":
        return False
    return _address_only(items[number + 1].lines)


def _address_only(lines: Sequence[Line]) -> bool:
    """A bare address: a street line or two and the postal line, no name above them."""
    return len(lines) <= _ADDRESS_ONLY_LINES and not _PERSON_START.match(lines[0].stripped) \
        and not addresses.is_postal_line(lines[0].stripped) and addresses.is_postal_line(lines[-1].stripped)


def _right_unit(f: Features) -> bool:
    """In the right column, a unit line (or a short authority block) is the letterhead's."""
    c, lines = f["c"], f.subject.lines
    first_text = lines[0].stripped
    return c.is_department(first_text) and len(lines) <= 2 or c.authority.match(" " + ordinary_case(first_text)) and len(lines) <= 3 \
        and not any(addresses.is_postal_line(line.stripped) for line in lines)


def _block_type(f: Features) -> list[Typography]:
    """How each line of the block is set, where the input is laid out (empty for plain text)."""
    type_of = f["typography"]
    if type_of is None:
        return []
    found = [type_of(line.content_start, line.content_end) for line in f.subject.lines if line.stripped]
    return [item for item in found if item is not None]


BLOCK_FEATURES = {
    # Typography, where the input is laid out (a born-digital PDF): false / 1.0 for plain text.
    "type": _block_type,
    "bold": lambda f: bool(f["type"]) and all(item.bold for item in f["type"]),
    "relative_size": lambda f: max((item.relative_size for item in f["type"]), default=1.0),
    "lines": lambda f: len(f.subject.lines),
    "stray_number": lambda f: len(f.subject.lines) == 1 and bool(_STRAY_NUMBER.fullmatch(f.subject.lines[0].stripped)),
    "web_or_mail_only": lambda f: all(_WEB_OR_MAIL.fullmatch(line.stripped) for line in f.subject.lines),
    "above_return_address": lambda f: f["return_at"] is not None and f["number"] < f["return_at"],
    "below_return_address": lambda f: f["return_at"] is not None and f["number"] > f["return_at"],
    "return_address_seen": lambda f: f["return_at"] is not None,
    "first_block": lambda f: f["number"] == f["first_plain"],
    "person_start": lambda f: bool(_PERSON_START.match(f.subject.lines[0].stripped)),
    "subject_position": _is_subject_block,
    "has_postal": _has_postal,
    "postal_after_field": lambda f: f["has_postal"] and any(item.kind == "field" for item in f["items"][:f["number"]]),
    "department_first": lambda f: f["c"].is_department(f.subject.lines[0].stripped),
    "prose": lambda f: _is_prose(f.subject.lines),
    "continues_recipient": _continues_recipient,
    "right_unit": _right_unit,
    "next_block_address_only": _next_block_address_only,
    "bare_label": lambda f: len(f.subject.lines) == 1 and bool(_label_only(f.subject.lines[0].text)),
    "postal_only": lambda f: len(f.subject.lines) == 1 and bool(_POSTAL_ONLY.match(f.subject.lines[0].stripped)),
    "authority_first": lambda f: bool(f["c"].authority.match(" " + f.subject.lines[0].stripped)),
    "next_block_person_start": lambda f: f["number"] + 1 < len(f["items"]) and f["items"][f["number"] + 1].kind == "plain"
    and bool(_PERSON_START.match(f["items"][f["number"] + 1].lines[0].stripped)),
}
_STRAY_NUMBER = cue_pattern("segment.stray_number")
_EXTENSION_BELOW = cue_pattern("segment.extension_below")
_POSTAL_ONLY = cue_pattern("segment.postal_only")
_WEB_OR_MAIL = cue_pattern("segment.web_or_mail")


def _classify_blocks(items: list[HeaderItem], *, column: str, typography: TypographyOf | None = None,
                     document_type: DocumentType = DocumentType.LETTER) -> list[HeaderItem]:
    """Give each run of plain header lines its role by the first block rule that holds.

    Above the return-address line stands the letterhead; the first block below it is the recipient.
    Without a return-address line the top block is the letterhead and the first block with a person
    or a postal line the recipient. The last block before the salutation is the subject.
    """
    c = cues()
    result: list[HeaderItem] = []
    context = {
        "items": items, "c": c, "column": column, "result": result,
        "return_at": next((number for number, item in enumerate(items) if item.kind == "return_address"), None),
        "first_plain": _first_plain(items),
        "last_plain": max((number for number, item in enumerate(items) if item.kind == "plain"), default=None),
        "seen_recipient": False,
        "typography": typography,
        "document_type": document_type,
    }
    for number, item in enumerate(items):
        if item.kind != "plain":
            result.append(item)
            continue
        rule = first("block", Features(BLOCK_FEATURES, item, number=number, **context))
        # Provenance: a line rule that shaped the block (not the default) stays in front of the block rule.
        shaped_by = item.rule.removesuffix("/" + _UNLABELLED)
        chain = rule.id if shaped_by == _UNLABELLED else f"{shaped_by}/{rule.id}"
        if rule.take == "join_previous":
            result[-1] = HeaderItem(rule.zone, result[-1].lines + item.lines, rule=f"{result[-1].rule}/{chain}")
        else:
            # (``dataclasses.replace``, spelt out: it costs as much again.)
            result.append(HeaderItem(_ZONE_KINDS[rule.zone] if rule.zone != "plain" else item.kind, item.lines, item.path,
                                     item.value, item.value_start, chain))
            if rule.zone == "recipient":
                context["seen_recipient"] = True
    return result


_ZONE_KINDS = {kind.value: kind for kind in ZoneKind}  # ``ZoneKind(name)`` without the enum's lookup call


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
