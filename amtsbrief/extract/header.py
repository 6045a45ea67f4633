"""The header's extractors: sender, recipient, delivery note, contact block, references, copies, subject.

Each reads the header items the segmenter labelled (``HeaderItem.kind``) and writes contract paths.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Sequence

from amtsbrief.cues import NO_FIELD, cues, ordinary_case, pattern as cue_pattern
from amtsbrief.errors import FieldError
from amtsbrief.extract.draft import Draft, proposes
from amtsbrief.fields import addresses, dates, emails, ocr_words, persons, phones, references, web
from amtsbrief.segment import REGARDING_LIKE, HeaderItem, Segmentation, continuation
from amtsbrief.text import Line, join_lines, span_of, squash

# A street or building given without a number: one name ("Maximilianeum", "Rathaus") or a square's or
# street's name ("Bernhard-von-Lindenau-Platz", "Platz der Republik").
_BUILDING = cue_pattern("extract.header.building")
_ORGANIZATION = cue_pattern("extract.header.organization")


def _line_span(line: Line) -> tuple[int, int]:
    return line.content_start, line.content_end


def _part_span(line: Line, part: str) -> tuple[int, int] | None:
    at = line.text.find(part)
    return (line.start + at, line.start + at + len(part)) if at >= 0 else None


def _value_span(item: HeaderItem, value: str) -> tuple[int, int] | None:
    if item.value_start is None:
        return span_of(item.lines)
    first = item.lines[0]
    stripped = value.strip()
    offset = first.text.find(stripped, item.value_start - first.start) if stripped else -1
    start = first.start + offset if offset >= 0 else item.value_start
    end = item.lines[-1].content_end if len(item.lines) > 1 else start + len(stripped)
    return start, end


# --- sender -----------------------------------------------------------------------------------------


@proposes("letterhead")
def extract_sender(seg: Segmentation, draft: Draft) -> None:
    """Authority, department and postal address from the letterhead and the return-address line.

    The letterhead names the authority in full ("Bezirksamt Treptow-Köpenick von Berlin") where the
    return-address line may shorten it; the address is the return-address line's (CONTRACT.md). A
    letterhead set in capitals only is typography; the return-address line then names the authority.
    """
    letterhead = [line for item in seg.header if item.kind == "letterhead" for line in item.lines]
    returns = seg.items("return_address")
    if letterhead and returns and not _all_capitals(letterhead):
        # Both name the authority: the fuller name wins ("Bezirksamt Treptow-Köpenick von Berlin" over
        # "Bezirksamt Treptow-Köpenick"; "Thüringer Ministerium für …" over "Ministerium für …").
        from_letterhead, from_return = _Recorded(), _Recorded()
        _read_letterhead(letterhead, from_letterhead, address=False)
        _read_return_address(returns[0].lines[0], from_return)
        head, back = from_letterhead.get("sender.authority"), from_return.get("sender.authority")
        if head and back and (head.casefold() in back.casefold() and len(back) > len(head)
                              or head.isupper() and not back.isupper() and head.casefold() == back.casefold()):
            # The fuller name, or the same name in ordinary case rather than the letterhead's capitals.
            draft.set("sender.authority", back, from_return.spans.get("sender.authority"))
        elif head:
            draft.set("sender.authority", head, from_letterhead.spans.get("sender.authority"))
        # Both readings once more, now into the letter's draft: replayed, not read again (the readers
        # write their proposals whatever the draft holds), the letterhead's address after its names.
        from_return.replay(draft)
        from_letterhead.replay(draft)
        _read_letterhead_address(_letterhead_lines(letterhead), draft)
        return
    if letterhead and not returns:
        _read_letterhead(letterhead, draft, address=False)
    for item in returns:
        _read_return_address(item.lines[0], draft)
        break
    _read_letterhead(letterhead, draft)


@dataclass
class _Recorded(Draft):
    """A draft that keeps every proposal and warning made to it, to make them again in another draft.

    Only for readers whose proposals do not depend on what the draft already holds (they never ask it).
    """

    calls: list[tuple[str, tuple, dict]] = field(default_factory=list)

    def set(self, *args: Any, **kwargs: Any) -> bool:
        self.calls.append(("set", args, kwargs))
        return super().set(*args, **kwargs)

    def warn(self, *args: Any, **kwargs: Any) -> None:
        self.calls.append(("warn", args, kwargs))
        super().warn(*args, **kwargs)

    def rule_out(self, *args: Any, **kwargs: Any) -> None:
        self.calls.append(("rule_out", args, kwargs))
        super().rule_out(*args, **kwargs)

    def replay(self, draft: Draft) -> None:
        for method, args, kwargs in self.calls:
            getattr(draft, method)(*args, **kwargs)


def _all_capitals(lines: Sequence[Line]) -> bool:
    letters = [char for line in lines[:3] for char in line.text if char.isalpha()]
    return bool(letters) and sum(char.isupper() for char in letters) > 0.8 * len(letters)


_RETURN_LABEL = cue_pattern("extract.header.return_label")
_ANNOTATION = cue_pattern("extract.header.annotation")


def _read_return_address(line: Line, draft: Draft) -> None:
    label = _RETURN_LABEL.match(line.text)
    if label:
        line = Line(line.index, line.start + label.end(), line.end, line.text[label.end():])
    parts = [_ANNOTATION.sub("", part) for part in addresses.split_return_address(line.stripped)]
    street_at = next((n for n, part in enumerate(parts) if addresses.is_street_line(part)), None)
    postal_at = next((n for n, part in enumerate(parts) if addresses.is_postal_line(part)), None)
    first_address_part = min(n for n in (street_at, postal_at) if n is not None) if (street_at is not None or postal_at is not None) else len(parts)
    name_parts = [part for part in parts[:first_address_part] if not addresses.is_street_line(part)]
    if name_parts:
        # "Ministerium für Umwelt, Energie und Naturschutz": a comma inside the name is no separator;
        # a unit after the name ("Stadt Chemnitz - Grünflächenamt") is the department.
        c = cues()
        taken = [name_parts[0]]
        for part in name_parts[1:]:
            if c.is_department(part):
                draft.set("sender.department", squash(part), _part_span(line, part))
                break
            if c.authority.match(" " + part):
                break
            taken.append(part)
        start = _part_span(line, taken[0])
        end = _part_span(line, taken[-1])
        # A private sender's own name ("Markus Feichtner · Wasserburger Straße 41 · …") names no authority.
        private = len(taken) == 1 and cue_pattern("extract.header.private_person_name").fullmatch(taken[0]) \
            and not c.authority.search(" " + taken[0]) and not _ORGANIZATION.search(taken[0])
        if start and end and not private:
            draft.set("sender.authority", line.text[start[0] - line.start:end[1] - line.start], (start[0], end[1]))
    for part in parts:
        labelled = cues().field_label.match(part)
        if labelled and (path := cues().path_for_label(labelled.group("label"))) and path.endswith((".phone", ".fax")):
            read_field(draft, "footer." + path.split(".")[1], labelled.group("value"), _part_span(line, part))
        elif "@" in part and emails.is_valid(part):
            draft.set("footer.email", emails.parse(part), _part_span(line, part))
        elif cue_pattern("web_address_start").match(part) and web.is_valid(part):  # the cheap test first
            draft.set("footer.website", web.parse(part), _part_span(line, part))
    if street_at is not None:
        draft.set("sender.address.street", squash(parts[street_at]), _part_span(line, parts[street_at]))
    if postal_at is not None:
        _set_postal(draft, "sender.address", parts[postal_at], _part_span(line, parts[postal_at]))


def _set_postal(draft: Draft, prefix: str, text: str, span: tuple[int, int] | None) -> None:
    try:
        code, city = addresses.parse_postal_line(text)
    except FieldError:
        return
    if span:
        at = text.find(code)
        code_span = (span[0] + at, span[0] + at + len(code)) if at >= 0 else span
        city_at = text.rfind(city)
        city_span = (span[0] + city_at, span[0] + city_at + len(city)) if city_at >= 0 else span
    else:
        code_span = city_span = None
    draft.set(f"{prefix}.postal_code", code, code_span)
    draft.set(f"{prefix}.city", city, city_span)


_STATE_NAME = cue_pattern("extract.header.state_name")
_STATE = re.compile(r"(?:Freistaat|Land|Freie Hansestadt|Bundesland)\s+" + _STATE_NAME.pattern)
_CONTINUES_NAME = cue_pattern("extract.header.continues_name")


# A unit given by its code and name under the authority: "ZA 24 - Beschwerdemanagement", "Z 3 – Personal".
_UNIT_CODE = cue_pattern("extract.header.unit_code")


def _letterhead_lines(lines: Sequence[Line]) -> list[Line]:
    """The letterhead's lines that can name the sender: no blank, no state above a ministry, no field."""
    c = cues()
    lines = [line for line in lines if line.stripped]
    # "Freistaat Thüringen" above "Ministerium für …" is the state, not the authority.
    if len(lines) > 1 and _STATE.fullmatch(lines[0].stripped) and c.authority.search(" " + lines[1].stripped):
        lines = lines[1:]
    return [line for line in lines if not c.field_label.match(line.text) and not cue_pattern("extract.header.short_label").match(line.stripped)]


def _read_letterhead(lines: Sequence[Line], draft: Draft, *, address: bool = True) -> None:
    c = cues()
    if not lines:
        return
    lines = _letterhead_lines(lines)
    if not lines:
        return
    authority_at = next((n for n, line in enumerate(lines) if c.authority.search(" " + ordinary_case(line.stripped))
                         and not c.is_department(line.stripped)), None)
    if authority_at is None and lines and not addresses.is_street_line(lines[0].stripped) \
            and not addresses.is_postal_line(lines[0].stripped) and not c.is_department(lines[0].stripped) \
            and len(lines[0].stripped) <= 70 and not c.field_label.match(lines[0].text):
        authority_at = 0
    if authority_at is not None:
        if authority_at > 0 and cue_pattern("extract.header.fraktion_letterhead").match(lines[authority_at].stripped) and not c.authority.match(" " + lines[authority_at - 1].stripped):
            authority_at -= 1  # "BÜNDNIS 90/DIE GRÜNEN" / "Fraktion im Kreistag …" is one name
        run = [lines[authority_at]]
        for line in lines[authority_at + 1:]:
            text = line.stripped
            continues = (_CONTINUES_NAME.match(text) or text[:1].islower() or run[-1].stripped.endswith(("und", "für", "der", "des", ","))
                         or _STATE_NAME.fullmatch(text)) and not cue_pattern("extract.header.contact_or_number").search(text)
            if continues and not c.is_department(text) or len(run) == 1 and cue_pattern("extract.header.fraktion_word_start").match(text) \
                    and authority_at + 1 < len(lines) and line is lines[authority_at + 1] and not c.authority.match(" " + run[0].stripped):
                run.append(line)
            else:
                break
        draft.set("sender.authority", join_lines(line.text for line in run), span_of(run))
    for line in lines:
        text = line.stripped
        if (c.is_department(text) or _UNIT_CODE.fullmatch(text)) and not c.field_label.match(line.text):
            draft.set("sender.department", squash(text), _line_span(line))
            break
    # An e-mail address or website printed in the letterhead is the authority's general contact.
    for line in lines:
        for found in emails.find(line.text):
            draft.set("footer.email", found.value, (line.start + found.start, line.start + found.end))
        for found in web.find(line.text):
            draft.set("footer.website", found.value, (line.start + found.start, line.start + found.end))
    if address:
        _read_letterhead_address(lines, draft)


def _read_letterhead_address(lines: Sequence[Line], draft: Draft) -> None:
    """The postal address of the letterhead's lines (as :func:`_letterhead_lines` gives them)."""
    if lines and not read_address_lines(lines, draft, "sender.address"):
        # A letterhead that gives only its town ("W-8000 München 2").
        postal = next((line for line in lines if addresses.is_postal_line(line.stripped)), None)
        if postal is not None:
            _set_postal(draft, "sender.address", postal.stripped, _line_span(postal))


def read_address_lines(lines: Sequence[Line], draft: Draft, prefix: str) -> bool:
    """A street line followed by a postal line, anywhere in ``lines``; returns whether one was found."""
    for number, line in enumerate(lines):
        if addresses.is_postal_line(line.stripped) and number > 0 and addresses.is_street_line(lines[number - 1].stripped):
            street = lines[number - 1]
            draft.set(f"{prefix}.street", squash(street.stripped), _line_span(street))
            _set_postal(draft, prefix, line.stripped, _line_span(line))
            return True
    return False


# --- recipient ----------------------------------------------------------------------------------------


@proposes("recipient_block")
def extract_recipient(seg: Segmentation, draft: Draft) -> None:
    """The addressee block: salutation, title, name, organization and address."""
    items = seg.items("recipient")
    if not items:
        return
    lines = [line for line in items[0].lines if line.stripped]
    c = cues()
    lines = [line for line in lines if not c.delivery.fullmatch(line.stripped)]
    postal_at = next((n for n, line in enumerate(lines) if addresses.is_postal_line(line.stripped)), None)
    if postal_at is None and len(lines) >= 3 and cue_pattern("extract.header.postcode_alone").fullmatch(lines[-1].stripped) \
            and cue_pattern("extract.header.town_name").fullmatch(lines[-2].stripped):
        # The town above its postcode ("Meißen" / "8250"), as East German letters set the address.
        code, town = lines[-1], lines[-2]
        draft.set("recipient.address.postal_code", code.stripped, _line_span(code))
        draft.set("recipient.address.city", town.stripped, _line_span(town))
        if addresses.is_street_line(lines[-3].stripped):
            draft.set("recipient.address.street", squash(lines[-3].stripped), _line_span(lines[-3]))
            lines = lines[:-3]
        else:
            lines = lines[:-2]
    if postal_at is None and not draft.has("recipient.address.postal_code"):
        lines = _read_foreign_address(lines, draft)
    person_lines = lines
    if postal_at is not None:
        street_at = postal_at - 1 if postal_at > 0 and addresses.is_street_line(lines[postal_at - 1].stripped) else None
        if street_at is None and postal_at >= 2 and _BUILDING.fullmatch(lines[postal_at - 1].stripped) \
                and not _ORGANIZATION.search(lines[postal_at - 1].stripped):
            street_at = postal_at - 1  # a building's name as the street ("Maximilianeum", "Rathaus")
        if street_at is not None:
            draft.set("recipient.address.street", squash(lines[street_at].stripped), _line_span(lines[street_at]))
        _set_postal(draft, "recipient.address", lines[postal_at].stripped, _line_span(lines[postal_at]))
        person_lines = [line for line in lines[:street_at if street_at is not None else postal_at]]
    person_lines = [_without_for_attention(line) for line in person_lines
                    if not cue_pattern("extract.header.care_of").match(line.stripped)]
    if person_lines and cue_pattern("to_the").fullmatch(person_lines[0].stripped):
        person_lines = person_lines[1:]
    _read_person_lines(person_lines, draft)


_FOR_ATTENTION = cue_pattern("extract.header.for_attention")


def _without_for_attention(line: Line) -> Line:
    """``z. Hd. Frau Kreher`` as ``Frau Kreher``, offsets kept."""
    match = _FOR_ATTENTION.match(line.text)
    if not match:
        return line
    return Line(line.index, line.start + match.end(), line.end, line.text[match.end():])


_UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}"
_NL_POSTCODE = r"\d{4}\s?[A-Z]{2}"
_FOREIGN_POSTAL = re.compile(rf"^(?:(?P<city>[A-Z][\w.\- ]+?)\s+(?P<code>{_UK_POSTCODE})|(?P<code2>{_NL_POSTCODE}|{_UK_POSTCODE})(?:\s+(?P<city2>[A-Z][\w.\- ]+))?)$")


def _read_foreign_address(lines: list[Line], draft: Draft) -> list[Line]:
    """A British or Dutch address (``Coventry CV1 5RR``; ``Inverness`` / ``IV3 5NX``; ``3526 LA Utrecht``).

    Returns the lines above the address (the person and organisation).
    """
    lines = [line for line in lines if not _COUNTRY_LINE.fullmatch(line.stripped)]
    for at in range(len(lines) - 1, 0, -1):
        match = _FOREIGN_POSTAL.match(lines[at].stripped)
        if not match:
            continue
        code = match.group("code") or match.group("code2")
        city = match.group("city") or match.group("city2")
        street_at = at - 1
        if not city and at >= 2:
            city_line = lines[at - 1]
            city, street_at = city_line.stripped, at - 2
        draft.set("recipient.address.postal_code", code, _find_in_lines([lines[at]], code))
        if city:
            draft.set("recipient.address.city", city, _find_in_lines(lines[street_at + 1:at + 1], city))
        if street_at >= 1:
            draft.set("recipient.address.street", squash(lines[street_at].stripped), _line_span(lines[street_at]))
            return lines[:street_at]
        return lines[:street_at + 1]
    return lines


_COUNTRY_LINE = cue_pattern("extract.header.country_line")


def _titled_person(first: str, second: str) -> bool:
    """``Herrn`` / ``Stadtrat Ole Brückner``: a title word and a name, not a body named "Stadtrat …"."""
    try:
        reading = persons.parse(first.removeprefix("An ").strip() + " " + second)
    except FieldError:
        return False
    return bool(reading.title and reading.name and second.startswith(reading.title.split()[0])
                and len(reading.name.split()) >= 2 and not _ORGANIZATION.search(reading.name))


def _read_person_lines(lines: Sequence[Line], draft: Draft) -> None:
    if not lines:
        return
    first = ocr_words.repair(lines[0].stripped, "")  # an OCR'd "Herm" is "Herrn" (the word list says so)
    english = cue_pattern("extract.header.english_form_of_address").match(first)
    if english:
        # An English addressee: no Frau/Herr to normalise, the name as written.
        start = lines[0].start + lines[0].text.find(english.group("name"))
        draft.set("recipient.name", english.group("name"), (start, start + len(english.group("name"))))
        rest = lines[1:]
        if rest:
            draft.set("recipient.organization", join_lines(line.text for line in rest[:1]), span_of(rest[:1]))
        return
    person_start = cue_pattern("extract.header.form_of_address_start").match(first)
    if person_start:
        # "Frau" / "Frau Kreisrätin" alone on a line: the name follows on the next line.
        person_text = first
        used = [lines[0]]
        reading = persons.parse(first.removeprefix("An ").strip())
        if reading.name is None and len(lines) > 1 and (not _ORGANIZATION.search(lines[1].stripped)
                                                         or _titled_person(first, lines[1].stripped)):
            person_text = first + " " + lines[1].stripped
            used.append(lines[1])
            reading = persons.parse(person_text.removeprefix("An ").strip())
        draft.set("recipient.salutation", reading.salutation, _part_span(lines[0], first.split()[0 if not first.startswith("An ") else 1]))
        if reading.title:
            span = _find_in_lines(used, reading.title)
            draft.set("recipient.title", reading.title, span)
        if reading.name:
            draft.set("recipient.name", reading.name, _find_in_lines(used, reading.name))
        rest = [line for line in lines if line not in used]
        if rest:
            org = [line for line in rest if _ORGANIZATION.search(line.stripped)] or rest[:1]
            draft.set("recipient.organization", join_lines(line.text for line in org[:2]), span_of(org[:2]))
        return
    # An organisation first, perhaps a person below it ("Fraktion X" / "Herrn Y").
    person_at = next((n for n, line in enumerate(lines) if cue_pattern("extract.header.person_line_start").match(line.stripped)), None)
    org_lines = lines[:person_at] if person_at is not None else lines
    org_lines = [line for line in org_lines if not cue_pattern("to_the").fullmatch(line.stripped)]
    if org_lines:
        text = join_lines(line.text for line in org_lines[:2])
        text = cue_pattern("extract.header.an_article").sub("", text)
        draft.set("recipient.organization", text, span_of(org_lines[:2]))
    if person_at is not None:
        _read_person_lines(lines[person_at:], draft)


def _find_in_lines(lines: Sequence[Line], value: str) -> tuple[int, int] | None:
    for line in lines:
        at = line.text.find(value)
        if at >= 0:
            return line.start + at, line.start + at + len(value)
    head = value.split()[0] if value.split() else value
    for line in lines:
        at = line.text.find(head)
        if at >= 0:
            return line.start + at, lines[-1].content_end
    return span_of(lines)


# --- delivery, fields, references, copies, subject --------------------------------------------------------


_DECORATION = cue_pattern("extract.header.decoration")


@proposes("delivery")
def extract_delivery(seg: Segmentation, draft: Draft) -> None:
    """The dispatch note; decorative dashes around it (``- per E-Mail -``) are no part of it."""
    c = cues()
    for item in seg.header:
        line = item.lines[0]
        if item.kind == "delivery" or item.kind == "plain" and len(item.lines) == 1 \
                and c.delivery.fullmatch(_DECORATION.sub("", line.stripped)):
            text = _DECORATION.sub("", line.stripped) or line.stripped
            at = line.text.find(text)
            draft.set("delivery", squash(text), (line.start + at, line.start + at + len(text)) if at >= 0 else _line_span(line))
            return


def _bezug_lines(seg: Segmentation) -> list[HeaderItem]:
    """``Ihr Antrag vom 18.12.2022`` standing alone under the subject, without a colon: the letter's Bezug
    (its ``hier:`` line, CONTRACT.md ``subject.regarding``), not an ``Ihre Nachricht vom`` field."""
    found = []
    header = list(seg.header)
    for number, item in enumerate(header[1:], start=1):
        before = header[number - 1]
        if item.kind == "field" and before.kind == "subject" and len(item.lines) == 1 \
                and REGARDING_LIKE.match(item.lines[0].text) and ":" not in item.lines[0].text:
            found.append(item)
    return found


@proposes("fields")
def extract_fields(seg: Segmentation, draft: Draft) -> None:
    """Labelled header lines (``Telefon: …``, ``Unsere Zeichen: …``) and the Bezugszeichenzeile."""
    bezug = _bezug_lines(seg)
    for item in seg.header:
        if item.kind == "field" and not any(item is other for other in bezug):
            value = squash(item.value or "")
            value_on_label_line = item.value_start is None or item.value_start < item.lines[0].end
            if item.path in ("contact.building", "contact.handler") and len(item.lines) > 1 and value_on_label_line:
                value = ", ".join(part for part in [value] + [squash(line.stripped) for line in item.lines[1:]] if part)
            read_field(draft, item.path, value, _value_span(item, item.value or ""))
        elif item.kind == "reference_line" and len(item.lines) == 2:
            _read_reference_line(item.lines[0], item.lines[1], draft)
        elif item.kind == "date_line":
            line = item.lines[0]
            found = dates.find(line.text)
            if found:
                draft.set("references.date", found[-1].value.isoformat(), (line.start + found[-1].start, line.start + found[-1].end))


def read_field(draft: Draft, path: str | None, value: str, span: tuple[int, int] | None) -> None:
    """Read one labelled value into its normal form for ``path``; unreadable values become warnings."""
    if not path or not value or path == NO_FIELD or not any(char.isalnum() for char in value):
        return  # "Ihre Nachricht vom: –": a dash says there is none
    try:
        if path.endswith((".phone", ".fax")):
            draft.set(path, phones.parse(value), span)
        elif path.endswith(".email"):
            found = emails.find(value)
            if found:
                draft.set(path, found[0].value, span)
        elif path.endswith(".website"):
            draft.set(path, web.parse(value), span)
        elif path == "references.date":
            found = dates.find(value)
            if found:
                draft.set(path, found[0].value.isoformat(), span)
            else:
                draft.warn("date-unreadable", f"the letter's date {value!r} could not be read", path)
        elif path == "references.your_message":
            found = dates.find(value)
            if found:
                draft.set(path, found[0].value.isoformat(), span)
            else:
                draft.set(path, value, span)
        elif path.startswith("references."):
            draft.set(path, references.parse(value), span)
        elif path == "sender.address":
            # "Postanschrift: Postfach 10 02 53, 01782 Pirna" in the information block.
            address = addresses.parse(value)
            for leaf in ("street", "postal_code", "city"):
                draft.set(f"sender.address.{leaf}", getattr(address, leaf), span)
        else:
            draft.set(path, value, span)
    except FieldError as error:
        draft.warn("field-unreadable", str(error), path)


def _columns(label_line: Line) -> list[tuple[int, list[str]]]:
    """The label columns of a Bezugszeichenzeile: (start column, [paths]), neighbours joined by commas."""
    c = cues()
    columns: list[tuple[int, list[str], int]] = []
    for match in c.reference_label.finditer(label_line.text):
        path = c.path_for_label(match.group())
        if not path:
            continue
        between = label_line.text[columns[-1][2]:match.start()] if columns else ""
        if columns and cue_pattern("extract.header.column_separator").fullmatch(between):
            columns[-1][1].append(path)
            columns[-1] = (columns[-1][0], columns[-1][1], match.end())
        else:
            columns.append((match.start(), [path], match.end()))
    return [(start, paths) for start, paths, _ in columns]


def _read_reference_line(label_line: Line, value_line: Line, draft: Draft) -> None:
    columns = _columns(label_line)
    if not columns:
        return
    cells = [(match.start(), match.group()) for match in cue_pattern("extract.header.cell_text").finditer(value_line.text)]
    assigned: dict[int, list[tuple[int, str]]] = {}
    for cell_start, cell in cells:
        column = max((n for n, (start, _) in enumerate(columns) if start <= cell_start + 3), default=0)
        assigned.setdefault(column, []).append((cell_start, cell))
    has_date_column = any("references.date" in paths for _, paths in columns)
    for column, pieces in list(assigned.items()):
        # "… Durchwahl   Hannover" over "… 0511 120-2143   24.05.2022": the place labels the date's column.
        if not has_date_column and len(pieces) > 1 and dates.is_valid(pieces[-1][1]):
            cell_start, cell = pieces.pop()
            read_field(draft, "references.date", cell, (value_line.start + cell_start, value_line.start + cell_start + len(cell)))
    for column, pieces in assigned.items():
        paths = columns[column][1]
        if not pieces:
            continue
        text = " ".join(piece for _, piece in pieces)
        span = (value_line.start + pieces[0][0], value_line.start + pieces[-1][0] + len(pieces[-1][1]))
        if len(paths) == 1:
            read_field(draft, paths[0], squash(text), span)
            continue
        # "Telefon, Name" over "0371 488-6721, Herr Lange": one value per label, in order.
        pieces_by_comma = [piece.strip() for piece in text.split(",")]
        if len(pieces_by_comma) == len(paths) and "references.your_message" not in paths:
            position = 0
            for path, piece in zip(paths, pieces_by_comma):
                at = text.find(piece, position)
                read_field(draft, path, piece, (span[0] + at, span[0] + at + len(piece)))
                position = at + len(piece)
            continue
        # "Ihr Zeichen, Ihre Nachricht vom" over "ab-12, 03.09.2015": a reference and a date.
        found = dates.find(text)
        reference_text = text
        if found and "references.your_message" in paths:
            date = found[0]
            draft.set("references.your_message", date.value.isoformat(), (span[0] + date.start, span[0] + date.end))
            reference_text = (text[:date.start] + text[date.end:]).strip(" ,;/")
            reference_text = cue_pattern("extract.header.trailing_vom").sub("", reference_text).strip(" ,;/")
        other = next((path for path in paths if path != "references.your_message"), None)
        if other and reference_text:
            at = text.find(reference_text)
            read_field(draft, other, squash(reference_text), (span[0] + max(at, 0), span[0] + max(at, 0) + len(reference_text)))


_REFERENCE_IN_TEXT = cue_pattern("extract.header.reference_in_text")


@proposes("body_reference")
def extract_reference_in_body(seg: Segmentation, draft: Draft) -> None:
    """"… wird unter dem Aktenzeichen 66.3-0815/23 geführt": the file number stated in a sentence."""
    if draft.has("references.our_reference"):
        return
    for line in seg.body:
        match = _REFERENCE_IN_TEXT.search(line.text)
        if match:
            draft.set("references.our_reference", match.group("ref"), (line.start + match.start("ref"), line.start + match.end("ref")))
            return


@proposes("copies")
def extract_copies(seg: Segmentation, draft: Draft) -> None:
    """``nachrichtlich:`` / ``Verteiler:`` / ``Abdruck an:``, one entry per addressee."""
    entries: list[str] = []
    first_span = last_end = None
    for item in seg.items("copies") + _copies_below_signature(seg):
        pieces = [(item.value or "", item.value_start or item.lines[0].start)]
        pieces += [(line.text, line.start) for line in item.lines[1:]]
        # Listed one per line, an entry may hold a comma ("Landesbehörde …, Geschäftsbereich Verden").
        one_per_line = len(item.lines) > 2 and not (item.value or "").strip()
        for text, start in pieces:
            for match in re.finditer(r".+" if one_per_line else r"[^,;]+", text):
                entry = cue_pattern("extract.header.list_marker").sub("", match.group()).strip().rstrip(".")
                if entry:
                    entries.append(squash(entry))
                    first_span = first_span or start + match.start()
                    last_end = start + match.end()
    if entries:
        draft.set("copies_to", entries, (first_span, last_end) if first_span is not None else None)


def _copies_below_signature(seg: Segmentation) -> list[HeaderItem]:
    """A distribution list may also stand below the signature, before the footer."""
    c = cues()
    lines = list(seg.trailer) + list(seg.footer)
    items = []
    for position, line in enumerate(lines):
        match = c.copies_label.match(line.text)
        if match:
            run = continuation(lines, position, stop_on_label=True)
            items.append(HeaderItem("copies", (line, *run), value=match.group("value"),
                                    value_start=line.start + match.start("value")))
    return items


_OPEN_ENDING = cue_pattern("extract.header.open_ending")


def _complete_title(text: str) -> bool:
    """A subject line that ends as a title ends (not on an article, preposition, comma or hyphen) and is short."""
    return len(text) < 60 and not _OPEN_ENDING.search(text)


@proposes("subject")
def extract_subject(seg: Segmentation, draft: Draft) -> None:
    """Betreff and its ``hier:`` / ``Bezug:`` line."""
    header = list(seg.header)
    for number, item in enumerate(header):
        if item.kind == "subject" and not draft.has("subject.title"):
            title_lines: list[tuple[str, Line]] = []
            regarding: list[Line] = []
            unlabelled_pair = item.value is None and len(item.lines) == 2 and _complete_title(item.lines[0].stripped) \
                and item.lines[1].stripped[:1].isupper()
            for position, line in enumerate(item.lines):
                text = item.value if position == 0 and item.value is not None else line.text
                if regarding or (position > 0 and (REGARDING_LIKE.match(line.text) or unlabelled_pair)):
                    regarding.append(line)
                else:
                    title_lines.append((text, line))
            # A title wrapped across a blank line continues in lower case.
            follow = header[number + 1] if number + 1 < len(header) else None
            if follow is not None and follow.kind in ("plain", "letterhead", "noise", "subject", "recipient") and follow.lines[0].stripped[:1].islower():
                title_lines += [(line.text, line) for line in follow.lines]
            title = join_lines(text for text, _ in title_lines).rstrip(";").strip()
            if title:
                start = item.value_start if item.value_start is not None and item.value else title_lines[0][1].content_start
                if item.value is not None and not item.value.strip() and len(title_lines) > 1:
                    start = title_lines[1][1].content_start
                draft.set("subject.title", ocr_words.repair(title, seg.text), (start, title_lines[-1][1].content_end))
            if regarding:
                draft.set("subject.regarding", join_lines(line.text for line in regarding), span_of(regarding))
        elif any(item is other for other in _bezug_lines(seg)) and not draft.has("subject.regarding"):
            draft.set("subject.regarding", squash(item.lines[0].stripped), _line_span(item.lines[0]))
        elif item.kind == "regarding" and not draft.has("subject.regarding"):
            value = join_lines([item.value or ""] + [line.text for line in item.lines[1:]])
            draft.set("subject.regarding", value, _value_span(item, item.value or ""))
