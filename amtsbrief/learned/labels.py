"""A zone for every line of an annotated letter, derived from its gold JSON.

The gold files state values, not lines; a line's zone follows from which value it holds and where it
stands. The rules, in order:

1. **Regions.** The *body region* runs from the first to the last line whose text (of at least 15
   letters and digits) stands in the gold ``body``, ``questions`` or ``answers``, compared with every
   character but letters and digits dropped (so hyphenation and line breaks do not matter), or whose
   words (six or more) stand there for three quarters (OCR damage). Such a line counts only below the
   gold salutation line and above the closing line where the letter has them, and only if it holds
   no sender or recipient value (a body may name the authority). The region then takes in the short
   first and last lines of its paragraphs. Above it is the *head*, below it the *tail*.
2. Anywhere: a line equal to the gold ``salutation`` is ``salutation``; one equal to (or starting with)
   the gold ``closing`` is ``closing``; a page number is ``furniture``.
3. **Body region:** a line found in the body text is ``body``; one holding a footer, sender or contact
   value (a page's footer printed mid-letter) is ``footer``; the rest ``furniture`` (running headers,
   ``Ausgegeben:`` lines the gold left out).
4. **Head:** the first value kind a line holds, in this order: ``return_address`` (sender postcode and
   street or authority on one line), ``subject``, ``reference`` (our/your reference, the letter's date,
   the inquiry's number and asker), ``contact``, ``recipient`` (with the delivery note and a lone
   ``Frau``/``Herrn``), ``sender``, ``footer``; else ``other``. A line may also be a piece of a sender or recipient value
   that runs over several lines (``Bundesamt für`` / ``Naturschutz``). A line that *is* a recipient value
   (``Wisbyer Straße 14``) is ``recipient`` even when the subject names it too.
5. **Tail:** ``signature`` (signer's name, role, ``i. A.``), then ``contact``, ``sender``, ``footer``;
   else ``other``.
6. A head or tail line that holds no value and stands more than once in the letter is ``furniture``.
7. **Blocks:** a line still ``other`` takes the zone of its block (lines between blank lines) when that
   block has sender, recipient, contact, footer or signature lines (the most frequent of them).

Blank lines get no label (``None``) and are neither learned nor scored.
"""

from __future__ import annotations

import datetime
import re
from typing import Any, Sequence

from amtsbrief.cues import pattern as cue_pattern
from amtsbrief.fields import dates
from amtsbrief.text import Line

ZONES: tuple[str, ...] = ("sender", "return_address", "recipient", "contact", "reference", "subject",
                          "salutation", "body", "closing", "signature", "footer", "furniture", "other")

# Coarse zones, for a second, more forgiving figure: where in the letter a line stands.
COARSE: dict[str, str] = {
    "sender": "head", "return_address": "head", "recipient": "head", "contact": "head", "reference": "head",
    "subject": "head", "salutation": "salutation", "body": "body", "closing": "closing", "signature": "signature",
    "footer": "footer", "furniture": "furniture", "other": "other",
}

_BODY_MIN = 15  # letters and digits a line needs before it can place the body region
_PAGE_NUMBER = cue_pattern("segment.page_number")
_ON_BEHALF = re.compile(r"^\s*(?:i\.\s?A\.|i\.\s?V\.|im Auftrag|in Vertretung|gez\.)", re.I)
_ADDRESS_WORDS = re.compile(r"^\s*(?:Frau|Herrn?|An(?:\s+(?:die|den|das))?|Firma|Eheleute|Familie)\s*$", re.I)
# A month written out, as the date reader names it first (januar … dezember; compared squashed, so in lower case).
_MONTHS = tuple(next(name for name, number in dates.MONTHS.items() if number == month) for month in range(1, 13))


def squash(text: str | None) -> str:
    """Letters and digits only, lower case: how line text is compared with gold values.

    >>> squash("Inbe-")  + squash("triebsetzung,") == squash("Inbetriebsetzung")
    True
    """
    return "".join(character for character in (text or "").lower() if character.isalnum())


def _digits(text: str) -> str:
    return "".join(character for character in text if character.isdigit())


def _phone_digits(value: str | None) -> str | None:
    """``+4930902956473`` → ``30902956473`` (the number as printed, after its leading 0)."""
    if not value:
        return None
    digits = _digits(value)
    if value.startswith("+49"):
        digits = digits[2:]
    return digits if len(digits) >= 6 else None


def _date_forms(iso: Any) -> list[str]:
    """How an ISO date may be printed, squashed: ``30.06.2022``, ``30.6.22``, ``30. Juni 2022`` …"""
    if not isinstance(iso, str):
        return []
    try:
        day = datetime.date.fromisoformat(iso)
    except ValueError:
        return [squash(iso)] if len(squash(iso)) >= 4 else []
    forms = {f"{day.day:02d}{day.month:02d}{day.year}", f"{day.day}{day.month}{day.year}",
             f"{day.day:02d}{day.month:02d}{day.year % 100:02d}", f"{day.day}{day.month}{day.year % 100:02d}",
             squash(f"{day.day}{_MONTHS[day.month - 1]}{day.year}"), squash(f"{day.day:02d}{_MONTHS[day.month - 1]}{day.year}"),
             squash(iso)}
    return sorted(forms)


def _get(gold: dict, path: str) -> Any:
    value: Any = gold
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


class _Values:
    """The gold values of one letter, squashed, by the zone they mark."""

    def __init__(self, gold: dict) -> None:
        def texts(*paths: str, minimum: int = 3) -> list[str]:
            found = []
            for path in paths:
                value = _get(gold, path)
                for item in value if isinstance(value, list) else [value]:
                    if isinstance(item, str) and len(squash(item)) >= minimum:
                        found.append(squash(item))
            return found

        sender_address = _get(gold, "sender.address") or {}
        self.sender_postal = squash(sender_address.get("postal_code"))
        self.sender_marks = texts("sender.address.street", "sender.authority")
        self.sender = texts("sender.authority", "sender.department", "sender.address.street") + \
            ([squash(f"{sender_address.get('postal_code') or ''}{sender_address.get('city') or ''}")]
             if sender_address.get("postal_code") else [])
        recipient_address = _get(gold, "recipient.address") or {}
        self.recipient = texts("recipient.name", "recipient.organization", "delivery") + \
            texts("recipient.address.street") + \
            ([squash(f"{recipient_address.get('postal_code') or ''}{recipient_address.get('city') or ''}")]
             if recipient_address.get("postal_code") else [])
        self.recipient_word = bool(_get(gold, "recipient.salutation"))
        self.subject = squash(" ".join(filter(None, (_get(gold, "subject.title"), _get(gold, "subject.regarding")))))
        self.references = texts("references.our_reference", "references.your_reference", "inquiry.reference",
                                "inquiry.asked_by", minimum=2)
        self.reference_dates = _date_forms(_get(gold, "references.date")) + _date_forms(_get(gold, "references.your_message"))
        self.contact = texts("contact.handler", "contact.building", "contact.email") + texts("contact.room", minimum=1)
        self.contact_phones = [digits for digits in (_phone_digits(_get(gold, "contact.phone")),
                                                     _phone_digits(_get(gold, "contact.fax"))) if digits]
        banks = _get(gold, "footer.bank_accounts") or []
        self.footer = texts("footer.website", "footer.email", "footer.office_hours_note") + \
            [squash(account.get(key)) for account in banks for key in ("bank", "iban", "bic")
             if isinstance(account, dict) and len(squash(account.get(key))) >= 4]
        self.footer_phones = [digits for digits in (_phone_digits(_get(gold, "footer.phone")),
                                                    _phone_digits(_get(gold, "footer.fax"))) if digits]
        self.office_hours = bool(_get(gold, "footer.office_hours"))
        signature = _get(gold, "signature") or {}
        self.signature = texts("signature.name", "signature.role", minimum=3)
        self.on_behalf = bool(signature.get("on_behalf"))
        self.salutation = squash(_get(gold, "salutation"))
        self.closing = squash(_get(gold, "closing"))
        parts = [_get(gold, "body") or ""]
        for key in ("questions", "answers"):
            for item in _get(gold, key) or []:
                if isinstance(item, dict):
                    parts.extend(str(value) for value in item.values() if isinstance(value, str))
        self.body = "|".join(squash(part) for part in parts)
        self.body_words = frozenset(squash(word) for part in parts for word in part.split())


def _mostly_in(text: str, words: frozenset[str]) -> bool:
    """Three quarters of a line's six or more words stand in the body (OCR-damaged body lines)."""
    mine = [squash(word) for word in text.split() if squash(word)]
    return len(mine) >= 6 and sum(1 for word in mine if word in words) >= 0.75 * len(mine)


def _holds(squashed: str, values: Sequence[str]) -> bool:
    return any(value and value in squashed for value in values)


def _holds_phone(text: str, phones: Sequence[str]) -> bool:
    digits = _digits(text)
    return any(phone in digits for phone in phones)


_DAY = cue_pattern("day_and_hours")


def _footer(text: str, squashed: str, values: _Values) -> bool:
    return _holds(squashed, values.footer) or _holds_phone(text, values.footer_phones) \
        or values.office_hours and bool(_DAY.search(text))


def _contact(text: str, squashed: str, values: _Values) -> bool:
    return _holds(squashed, values.contact) or _holds_phone(text, values.contact_phones)


def _part_of(squashed: str, values: Sequence[str]) -> bool:
    """The line is a piece of a longer value (``Bundesamt für`` / ``Naturschutz``)."""
    return len(squashed) >= 5 and any(squashed in value for value in values)


def _sender(squashed: str, values: _Values) -> bool:
    return _holds(squashed, values.sender) or _part_of(squashed, values.sender)


def gold_labels(lines: Sequence[Line], gold: dict) -> list[str | None]:
    """One zone (or ``None`` for a blank line) for each of ``lines``, by the rules of the module docstring."""
    values = _Values(gold)
    squashed = [squash(line.text) for line in lines]
    in_body = [bool(s) and s in values.body or _mostly_in(line.text, values.body_words)
               for line, s in zip(lines, squashed)]
    # Lines that place the body region: body text that is no header value (the authority's name or
    # the subject may be quoted in the body), below the salutation and above the closing.
    after = next((number for number, s in enumerate(squashed) if values.salutation and s == values.salutation), -1)
    before = next((number for number, s in enumerate(squashed) if number > after and values.closing
                   and s.startswith(values.closing) and len(s) <= len(values.closing) + 3), len(lines))
    anchors = [number for number, s in enumerate(squashed) if in_body[number] and len(s) >= _BODY_MIN
               and after < number < before and not (values.subject and s in values.subject)
               and not _holds(s, values.sender + values.recipient)]
    body_start = anchors[0] if anchors else len(lines)
    body_end = anchors[-1] if anchors else len(lines)
    # A paragraph's short first or last line ("einzulegen.") belongs to it.
    while body_end + 1 < len(lines) and body_end + 1 < before and lines[body_end + 1].stripped and in_body[body_end + 1]:
        body_end += 1
    while body_start - 1 > after and lines[body_start - 1].stripped and in_body[body_start - 1]:
        body_start -= 1
    counts: dict[str, int] = {}
    for s in squashed:
        if len(s) >= 8:
            counts[s] = counts.get(s, 0) + 1

    labels: list[str | None] = []
    for number, line in enumerate(lines):
        text, s = line.text, squashed[number]
        if not line.text.strip():
            labels.append(None)
            continue
        if values.salutation and s == values.salutation:
            label = "salutation"
        elif values.closing and s.startswith(values.closing) and len(s) <= len(values.closing) + 3 \
                and number > body_start - 1:
            label = "closing"
        elif _PAGE_NUMBER.match(text):
            label = "furniture"
        elif body_start <= number <= body_end:
            if in_body[number] or not s:
                label = "body"
            elif counts.get(s, 0) > 1:
                label = "furniture"
            elif _footer(text, s, values) or _sender(s, values) or _contact(text, s, values):
                label = "footer"
            else:
                label = "furniture"
        else:
            label = _head_label(text, s, values) if number < body_start else _tail_label(text, s, values)
            if label == "other" and counts.get(s, 0) > 1:
                label = "furniture"
        labels.append(label)
    return _fill_blocks(lines, labels)


_BLOCK_ZONES = ("sender", "recipient", "contact", "footer", "signature")


def _fill_blocks(lines: Sequence[Line], labels: list[str | None]) -> list[str | None]:
    """A line with no value of its own (``other``) takes the zone of the block it stands in.

    ``Verkehrsverbindungen: …`` between the office hours and the bank is footer; a Postfach under the
    authority's street in an e-mail signature is the sender's. The block's zone is its most frequent
    one of :data:`_BLOCK_ZONES` (the earliest on a tie).
    """
    filled = list(labels)
    block: list[int] = []
    for number in range(len(lines) + 1):
        if number < len(lines) and lines[number].stripped:
            block.append(number)
            continue
        zones = [labels[member] for member in block if labels[member] in _BLOCK_ZONES]
        if zones:
            zone = max(_BLOCK_ZONES, key=lambda candidate: (zones.count(candidate), -zones.index(candidate) if candidate in zones else 0))
            for member in block:
                if labels[member] == "other" and squash(lines[member].text):
                    filled[member] = zone
        block = []
    return filled


def _head_label(text: str, s: str, values: _Values) -> str:
    if values.sender_postal and values.sender_postal in s and _holds(s, values.sender_marks) \
            and not (s == values.sender_postal or len(s) < len(values.sender_postal) + 6):
        return "return_address"
    if s in values.recipient:
        return "recipient"  # the line is a recipient's value itself, though a subject may name it too
    tail = squash(text.split(":", 1)[1]) if ":" in text else ""
    if values.subject and (len(s) >= 4 and s in values.subject or len(tail) >= 4 and tail in values.subject):
        return "subject"
    if _holds(s, values.references) or any(form in s for form in values.reference_dates):
        return "reference"
    if _contact(text, s, values):
        return "contact"
    if _holds(s, values.recipient) or _part_of(s, values.recipient) or values.recipient_word and _ADDRESS_WORDS.match(text):
        return "recipient"
    if _sender(s, values):
        return "sender"
    if _footer(text, s, values):
        return "footer"
    return "other"


def _tail_label(text: str, s: str, values: _Values) -> str:
    if _holds(s, values.signature) or values.on_behalf and _ON_BEHALF.match(text):
        return "signature"
    if _contact(text, s, values):
        return "contact"
    if _sender(s, values):
        return "sender"
    if _footer(text, s, values):
        return "footer"
    return "other"
