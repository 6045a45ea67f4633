"""The closed sets the zone stage speaks in: what a line is (:class:`ZoneKind`), what a letter is
(:class:`DocumentType`).

Both are ``StrEnum``: a kind compares equal to its name (``item.kind == "recipient"``), so the extractors
read zones as before, and ``models/zones.json`` names them as plain strings.
"""

from __future__ import annotations

from enum import StrEnum


class ZoneKind(StrEnum):
    """What one line (or block) of a letter is. Header kinds first, then the letter's parts."""

    LETTERHEAD = "letterhead"
    RETURN_ADDRESS = "return_address"
    RECIPIENT = "recipient"
    DELIVERY = "delivery"
    FIELD = "field"
    REFERENCE_LINE = "reference_line"
    DATE_LINE = "date_line"
    COPIES = "copies"
    SUBJECT = "subject"
    REGARDING = "regarding"
    PLAIN = "plain"
    NOISE = "noise"
    FURNITURE = "furniture"
    PAGE_FOOTER = "page_footer"
    SALUTATION = "salutation"
    BODY = "body"
    CLOSING = "closing"
    SIGNATURE = "signature"
    TRAILER = "trailer"
    FOOTER = "footer"
    QUOTED = "quoted"
    BLANK = "blank"


class DocumentType(StrEnum):
    """The kind of document, decided from its cues before any zone (rules may depend on it)."""

    EMAIL = "email"
    DRUCKSACHE = "drucksache"
    ANSWER = "answer"
    INQUIRY = "inquiry"
    NOTICE = "notice"
    LETTER = "letter"
