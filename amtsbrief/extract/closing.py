"""The closing's extractors: complimentary close, signature, and an e-mail's signature block.

After the signature, a paper letter has its footer; an e-mail has the sender's signature block
(authority, unit, address, direct numbers), which stands in for the letterhead: the direct numbers go to
``contact``, an exchange and the website to ``footer`` (CONTRACT.md annotation rules).
"""

from __future__ import annotations

import re
from typing import Sequence

from amtsbrief.cues import cues, pattern as cue_pattern
from amtsbrief.extract.draft import Draft, proposes
from amtsbrief.extract.header import read_address_lines, read_field
from amtsbrief.fields import addresses, ocr_words, signatures
from amtsbrief.fields.signatures import ON_BEHALF
from amtsbrief.segment import Segmentation, cells as split_cells
from amtsbrief.text import Line, join_lines, span_of, squash

_SEPARATOR = cue_pattern("signature_separator")
_CONTINUES_NAME = cue_pattern("extract.closing.continues_name")


@proposes("closing")
def extract_closing(seg: Segmentation, draft: Draft) -> None:
    if seg.closing is not None:
        line = seg.closing
        draft.set("closing", squash(line.stripped), (line.content_start, line.content_end))


# A court, prosecution office or other body named by its kind, as it heads a sign-off block
# ("Oberlandesgericht Frankfurt am Main", "Staatsanwaltschaft Kiel", "Polizeidirektion Görlitz").
_INSTITUTION = re.compile(r"[A-ZÄÖÜ][\w\-]*(?:gericht|anwaltschaft|präsidium|direktion|behörde|anstalt)(?:\s+(?:[A-ZÄÖÜ][\w\-.]*|am|an|der|des|im|in|für|\(\w+\)))*")
_UNIT = re.compile(r"^[\w\-]*(?:[Rr]eferat|[Aa]bteilung|[Dd]ezernat|[Ss]achgebiet|[Ff]achbereich|[Ff]achdienst|[Ss]tabsstelle)\b")
# A name set letter-spaced ("N ö h r e"), as some offices type the signer under "Im Auftrag".
_SPACED_NAME = re.compile(r"[A-ZÄÖÜ](?: [a-zäöüß]){2,}(?:[ -]+[A-ZÄÖÜ](?: [a-zäöüß]){2,})*")


@proposes("signature")
def extract_signature(seg: Segmentation, draft: Draft) -> None:
    """Signer's name, role and ``i. A.``/``i. V.``; authority lines in the block name the sender."""
    # Several signatories side by side: the first (left) one signs for the contract.
    lines = [split_cells(line)[0] for line in seg.signature if cue_pattern("extract.closing.has_a_letter").search(line.text)]
    if not lines:
        return
    c = cues()
    authority_lines = [line for line in lines if (c.authority.match(" " + line.stripped) or _INSTITUTION.fullmatch(line.stripped))
                       and not cue_pattern("head_article").match(line.stripped)
                       and not c.is_department(line.stripped)]
    if authority_lines:
        draft.set("sender.authority", squash(authority_lines[0].stripped), span_of(authority_lines[:1]))
    # An OCR'd role ("Biirgerrneisterin") is read as the word it is where the letter or the word list proves it.
    reading = signatures.parse([ocr_words.repair(line.stripped, seg.text) for line in lines if line not in authority_lines])
    if reading.on_behalf:
        marker = next((line for line in lines if ON_BEHALF.match(line.stripped)), None)
        draft.set("signature.on_behalf", reading.on_behalf, span_of([marker]) if marker else None)
    role = reading.role
    if role:
        # A role set over two lines ("Minister für …" / "und Chef der Staatskanzlei") is one role.
        at = next((n for n, line in enumerate(lines) if line.stripped == role), None)
        if at is not None and at + 1 < len(lines) and cue_pattern("role_continuation").match(lines[at + 1].stripped):
            role = f"{role} {lines[at + 1].stripped}"
    for path, value in (("signature.name", reading.name), ("signature.role", role)):
        if value:
            draft.set(path, value, _span_of_value(lines, value.split(" und ")[0] if path == "signature.role" else value))


def _span_of_value(lines: Sequence[Line], value: str) -> tuple[int, int] | None:
    for line in lines:
        at = line.text.find(value)
        if at >= 0:
            return line.start + at, line.start + at + len(value)
    return span_of(lines)


@proposes("email_signature")
def extract_email_signature_block(seg: Segmentation, draft: Draft) -> None:
    """The sender's block after an e-mail's signature: authority, unit, address, direct numbers."""
    # "Schloss Biebrich | Rheingaustraße 140 | 65203 Wiesbaden": parts set apart by "|", "·" or "•" are
    # the block's lines too.
    lines = [cell for line in seg.trailer if line.stripped and not _SEPARATOR.match(line.text)
             for cell in split_cells(line, separators=True)]
    if not lines:
        return
    c = cues()
    signer = draft.get("signature.name")
    start = 0
    if signer and lines and lines[0].stripped == signer:
        start = 1  # the name repeated under "-- "
    block = lines[start:]
    if block and _SPACED_NAME.fullmatch(block[0].stripped):
        # The signer's name, set letter-spaced below the sign-off: closed up, it is the name.
        name = re.sub(r"(?<=\S) (?=\S)", "", block[0].stripped)
        if draft.set("signature.name", name, span_of([block[0]]), source="signature"):
            block = block[1:]
    authority_at = next((n for n, line in enumerate(block) if c.authority.search(" " + line.stripped)
                         and not c.field_label.match(line.text)), None)
    above = next((found for found in draft.candidates("sender.authority") if found.source == "signature"), None)
    if authority_at is None and above is not None and above.span is not None and block \
            and 0 <= block[0].start - above.span[1] <= 2 and _is_unit_line(block[0], c) \
            and not signatures.is_role_line(block[0].stripped):
        # The authority closed the sign-off ("Mit freundlichen Grüßen" / "Bundesanstalt für …"): the line
        # right under it is its unit ("Informationszentrum").
        draft.set("sender.department", squash(block[0].stripped), span_of([block[0]]))
    elif authority_at is None and above is not None and block and _UNIT.match(block[0].stripped) and _is_unit_line(block[0], c):
        # The sign-off named the authority and its head ("Der Präsident" / "Im Auftrag" / the signer); the
        # unit follows the signer's name ("Präsidialreferat - Referat I/7 (Dokumentationsstelle)").
        draft.set("sender.department", squash(block[0].stripped), span_of([block[0]]))
    elif authority_at is None and block and _looks_like_a_name_of_a_body(block[0].stripped) \
            and len(block) > 1 and not addresses.is_postal_line(block[1].stripped):
        authority_at = 0  # "Kommunalservice Jena" above its unit and address
    if authority_at is not None:
        run = [block[authority_at]]
        for line in block[authority_at + 1:]:
            if _CONTINUES_NAME.match(line.stripped):
                run.append(line)
            else:
                break
        draft.set("sender.authority", join_lines(line.text for line in run), span_of(run))
        # The unit line under the authority's name in a signature block is the department.
        for line in block[authority_at + len(run):authority_at + len(run) + 1]:
            if _is_unit_line(line, c):
                draft.set("sender.department", squash(line.stripped), span_of([line]))
    if not _has_address(draft):
        street_lines = [line for line in block if not cue_pattern("post_box_line").match(line.stripped)]
        # The street address; a Postfach only where the block gives no street.
        if not read_address_lines(street_lines, draft, "sender.address") and not _read_one_line_address(street_lines, draft):
            read_address_lines(block, draft, "sender.address")
    _read_labelled(block, draft, personal=True)


def _is_unit_line(line: Line, c) -> bool:
    """A signature block's line that can name a unit: no label, address, mail, web address or head's title."""
    text = line.stripped
    return not c.field_label.match(line.text) and not addresses.is_street_line(text) \
        and not addresses.is_postal_line(text) and "@" not in text and not cue_pattern("web_address_start").match(text) \
        and not cue_pattern("head_article").match(text) and len(text) <= 80


def _read_one_line_address(lines: Sequence[Line], draft: Draft) -> bool:
    """``Sibille-Hartmann-Straße 2-8, 50969 Köln`` on one line."""
    for line in lines:
        parts = [part.strip() for part in line.stripped.split(",")]
        if len(parts) == 2 and addresses.is_street_line(parts[0]) and addresses.is_postal_line(parts[1]):
            start = line.content_start
            draft.set("sender.address.street", parts[0], (start, start + len(parts[0])))
            code, city = addresses.parse_postal_line(parts[1])
            at = line.text.rfind(parts[1])
            draft.set("sender.address.postal_code", code, (line.start + at, line.start + at + len(code)))
            draft.set("sender.address.city", city, (line.content_end - len(city), line.content_end))
            return True
    return False


def _looks_like_a_name_of_a_body(text: str) -> bool:
    return bool(cue_pattern("extract.closing.name_of_a_body").fullmatch(text)) and not addresses.is_street_line(text) \
        and not addresses.is_postal_line(text) and not cues().field_label.match(text) and "@" not in text \
        and not signatures.is_role_line(text)


def _has_address(draft: Draft) -> bool:
    return any(draft.has(f"sender.address.{leaf}") for leaf in ("street", "postal_code", "city"))


# A signature's one-letter labels: "T +49 611 6906-213", "F 0611 6906-140".
_LETTER_PATHS = {"T": "contact.phone", "F": "contact.fax"}
_LETTER_LABEL = cue_pattern("extract.closing.letter_label")


def _read_labelled(lines: Sequence[Line], draft: Draft, *, personal: bool) -> None:
    """Labelled lines of a trailing block: an e-mail signature's direct numbers go to ``contact``."""
    c = cues()
    pending_label: str | None = None
    for line in lines:
        match = c.field_label.match(line.text) or _LETTER_LABEL.match(line.text)
        if match:
            path = c.path_for_label(match.group("label")) or _LETTER_PATHS.get(match.group("label"))
            value = match.group("value").strip()
            if path and personal and path.startswith("contact.") and path not in ("contact.phone", "contact.fax", "contact.email"):
                continue
            if path and not personal and path.startswith("contact."):
                path = "footer." + path.split(".", 1)[1]
            if path in ("contact.handler", "contact.building", "contact.room") or path is None:
                continue
            if not value:
                pending_label = path
                continue
            read_field(draft, path, value, (line.start + match.start("value"), line.content_end))
            pending_label = None
        elif pending_label and line.stripped:
            read_field(draft, pending_label, line.stripped, (line.content_start, line.content_end))
            if not pending_label.endswith("website"):
                pending_label = None
        elif cue_pattern("web_address_start").match(line.text):
            read_field(draft, "footer.website", line.stripped, (line.content_start, line.content_end))
        elif personal and cue_pattern("email_address_line").fullmatch(line.text):
            read_field(draft, "contact.email", line.stripped, (line.content_start, line.content_end))
