"""The footer's extractor: office hours, the authority's general contact, bank accounts.

Footers are often set in small columns; a text extraction puts the columns side by side on one line.
Cells four or more spaces apart are read column by column, so each account's lines stay together.
"""

from __future__ import annotations

import re
from typing import Sequence

from amtsbrief.cues import cues, pattern as cue_pattern, words
from amtsbrief.errors import FieldError
from amtsbrief.extract.draft import Draft, proposes
from amtsbrief.extract.header import read_field
from amtsbrief.fields import banking, office_hours
from amtsbrief.fields.needles import guarded
from amtsbrief.segment import Segmentation, cells as split_cells
from amtsbrief.text import Line, squash

_HOURS_LABEL = cue_pattern("extract.footer.hours_label")
_DAY = words("weekday_abbreviations", "weekdays") + r"\b\.?"
_HOURS_LINE = re.compile(rf"^\s*{_DAY}")
_TIMES_ONLY = cue_pattern("extract.footer.times_only")
_HOURS_NOTE = cue_pattern("extract.footer.hours_note")
_BANK_FIELD = guarded(cue_pattern("extract.footer.bank_field"))
_BANK_NAME = guarded(cue_pattern("bank_name"))
_BANK_LABEL = cue_pattern("extract.footer.bank_label")


# "Servicezentrum: Mo - Mi 7:30 - 15:30 Uhr": a short label whose value is days with hours.
_OTHER_HOURS_LABEL = re.compile(rf"^[\w\-/ ]{{3,40}}:\s*(?={_DAY}(?:\s*[-–,]|\s+\d|\s+bis|\s+und))")
_DAYS_ONLY = re.compile(rf"^(?:{_DAY}(?:\s*(?:[-–,]|bis|und|mit)\s*{_DAY})*|Mo\.?\s*[-–]\s*Fr\.?)\s*:?$")


def _row_cells(line: Line) -> list[Line]:
    """A line's cells, with a table's day cell joined to the hours beside it (``Montag    08 00 – 12 00``)."""
    cells = split_cells(line)
    merged: list[Line] = []
    for cell in cells:
        if merged and _DAYS_ONLY.match(merged[-1].text) and cue_pattern("extract.footer.starts_with_a_digit").match(cell.text):
            previous = merged[-1]
            merged[-1] = Line(previous.index, previous.start, cell.end, previous.text + " " + cell.text)
            continue
        merged.append(cell)
    return merged


def _column_order(lines: Sequence[Line]) -> list[Line]:
    """Lines, with side-by-side cells read column by column (left column first).

    Parts of one line set apart by ``·``/``|`` are a list, read left to right; parts four or more
    spaces apart are columns, read top to bottom. Blank lines stay, so blocks stay apart.
    """
    rows = [(line, _row_cells(line)) for line in lines]
    if not any(len(cells) > 1 for _, cells in rows):
        return [cell for line in lines for cell in (split_cells(line, separators=True) if line.stripped else [line])]
    # Columns by where their cells start on the line: a cell belongs to the last column starting at
    # or before it (an indented continuation stays in its column).
    # The line with the most cells (usually the labels' row) sets where the columns start.
    widest, widest_cells = max(rows, key=lambda row: len(row[1]))
    column_starts = [cell.start - widest.start for cell in widest_cells]
    columns: dict[int, list[Line]] = {}
    for line, cells in rows:
        for cell in cells:
            offset = cell.start - line.start
            number = max((n for n, start in enumerate(column_starts) if start <= offset + 2), default=0)
            columns.setdefault(number, []).extend(split_cells(cell, separators=True))
    return [cell for number in sorted(columns) for cell in columns[number]]


def _blocks(lines: Sequence[Line]) -> list[list[Line]]:
    """Blank-line separated blocks, each with its blank line after it: each block sets its own columns
    (an hours table above a one-line bank account)."""
    blocks: list[list[Line]] = [[]]
    for line in lines:
        blocks[-1].append(line)
        if not line.stripped:
            blocks.append([])
    return [block for block in blocks if block]


@proposes("footer")
def extract_footer(seg: Segmentation, draft: Draft) -> None:
    """Everything the footer states, and office hours or bank accounts wherever outside the body."""
    source = seg.trailer if seg.is_email else seg.footer
    lines = [line for block in _blocks(source) for line in _column_order(block)]
    if not _read_office_hours_table(source, draft):
        _read_office_hours(lines, draft)
    # A bank table ("Sparkasse X    IBAN …    BIC …") is read by rows; side-by-side blocks by columns.
    rows = any(_BANK_NAME.search(split_cells(line)[0].text) and len(split_cells(line)) > 1
               and cue_pattern("extract.footer.account_words").search(line.text) for line in source)
    _read_bank_accounts([cell for line in source for cell in split_cells(line, separators=True)] if rows else lines, draft)
    if not draft.has("footer.bank_accounts"):
        # A multi-page notice's first-page footer that the page order set amid the body text.
        for block in _blocks(seg.body):
            if _BANK_LABEL.match(block[0].stripped) and any(banking.find_ibans(line.text) for line in block):
                _read_bank_accounts(block, draft)
                break
    if not seg.is_email:  # an e-mail's signature block is read as contact (extract.closing)
        _read_general_contact(lines, draft)



def _read_office_hours_table(lines: Sequence[Line], draft: Draft) -> bool:
    """Office hours set as a table (days as columns, or as rows with several intervals), read by rows
    as printed: reading such a table column by column would part days from their hours."""
    for at, line in enumerate(lines):
        if not (_HOURS_LABEL.match(line.stripped) or _HOURS_LINE.match(line.stripped)):
            continue
        block = [line]
        for following in lines[at + 1:]:
            if not following.stripped:
                break
            block.append(following)
        reading = office_hours.parse_table([item.text for item in block])
        if reading is None:
            continue
        span = (block[0].content_start, block[-1].content_end)
        draft.set("footer.office_hours", [{"day": day, "opens": opens, "closes": closes}
                                          for day, opens, closes in reading.entries], span)
        if reading.note:
            first = reading.note.split()[0]
            holder = next((item for item in block if first in item.text), None)
            start = holder.start + holder.text.find(first) if holder is not None else None
            draft.set("footer.office_hours_note", reading.note,
                      (start, start + len(reading.note)) if start is not None and len(reading.note.split()) <= 3 else None)
        return True
    return False


def _read_office_hours(lines: Sequence[Line], draft: Draft) -> None:
    run: list[Line] = []
    collecting = False
    # Which lines another counter's label brought in ("Service- / Informationsstelle: Mo.-Fr. …"):
    # beside the office's own Öffnungszeiten they are that counter's hours, not the office's.
    counter: set[int] = set()
    in_counter = labelled = False
    for line in lines:
        text = line.stripped
        # "Servicezentrum: Mo - Mi 7:30 - 15:30 Uhr": any short label whose value is days with hours.
        other_label = _OTHER_HOURS_LABEL.match(text)
        if other_label and not _HOURS_LABEL.match(text):
            collecting = in_counter = True
            counter.add(len(run))
            run.append(Line(line.index, line.start + other_label.end(), line.end, line.text[other_label.end():]))
            continue
        if _HOURS_LABEL.match(text):
            collecting = labelled = True
            in_counter = False
            rest = _HOURS_LABEL.sub("", text).strip()
            if rest:
                run.append(line)
            continue
        if not text:
            if run:
                collecting = False if len(run) > 0 else collecting
            continue
        if _HOURS_LINE.match(text) or (collecting and _HOURS_NOTE.match(text)) or (run and _HOURS_NOTE.match(text)) \
                or (run and _TIMES_ONLY.match(text)):
            if not collecting and not run:
                collecting = True
            if in_counter:
                counter.add(len(run))
            run.append(line)
        elif collecting and run:
            collecting = False
    if labelled and counter and len(counter) < len(run):
        run = [line for number, line in enumerate(run) if number not in counter]
    if not run:
        return
    text = "\n".join(_HOURS_LABEL.sub("", line.stripped) for line in run)
    try:
        reading = office_hours.parse(text)
    except FieldError as error:
        draft.warn("office-hours-unreadable", str(error), "footer.office_hours")
        return
    span = (run[0].content_start, run[-1].content_end)
    if reading.entries:
        draft.set("footer.office_hours", [{"day": day, "opens": opens, "closes": closes}
                                          for day, opens, closes in reading.entries], span)
    if reading.note:
        note_line = next((line for line in run if reading.note.split()[0] in line.text), run[-1])
        at = note_line.text.find(reading.note.split()[0])
        start = note_line.start + at if at >= 0 else note_line.content_start
        draft.set("footer.office_hours_note", reading.note, (start, start + len(reading.note)))


def _join_wrapped(lines: Sequence[Line]) -> list[Line]:
    """A name wrapped in its column ("Sparkasse Freiburg-" / "Nördlicher Breisgau") as one line."""
    joined: list[Line] = []
    for line in lines:
        previous = joined[-1] if joined else None
        if previous is not None and cue_pattern("extract.footer.hyphen_at_line_end").search(previous.text) and line.stripped \
                and not _BANK_FIELD.search(line.text) and line.stripped[:1].isalpha():
            joined[-1] = Line(previous.index, previous.start, line.end, previous.text + line.stripped)
            continue
        joined.append(line)
    return joined


def _read_bank_accounts(lines: Sequence[Line], draft: Draft) -> None:
    lines = _join_wrapped(lines)
    accounts: list[dict] = []
    spans: list[tuple[int, int]] = []
    current: dict = {}
    current_span: list[int] = []

    def close() -> None:
        nonlocal current, current_span
        if current_span and any(current.get(key) for key in ("iban", "bic", "bank_code", "account_number", "_invalid")):
            accounts.append(current)
            spans.append((current_span[0], current_span[1]))
        current, current_span = {}, []

    in_bank_block = False
    for line in lines:
        text = line.stripped
        if not text:
            continue
        if _BANK_LABEL.match(text):
            in_bank_block = True
            text_after = _BANK_LABEL.sub("", text).strip()
            if not text_after:
                continue
        fields = list(_BANK_FIELD.finditer(line.text))
        fields = [m for m in fields if m.group("value").strip() or m.group("label").upper() in ("IBAN",)]
        # "Konto der Stadtkasse: Sparkasse X": a "Konto" followed by words, not a number, labels the account.
        fields = [m for m in fields if _bank_key(m.group("label")) != "account_number" or any(ch.isdigit() for ch in m.group("value")[:4])]
        head = line.text[: fields[0].start()].strip(" ,;:(·•|") if fields else text
        head = _BANK_LABEL.sub("", head).strip()
        # "Bankverbindung der Stadtkasse: Sparkasse X", "Gebühren / Fees: Sparkasse X": the bank is the
        # name after the label.
        label = cue_pattern("extract.footer.label_before_bank").match(head)
        if label and _BANK_NAME.search(head[label.end():]):
            head = head[label.end():].strip()
        if office_hours.is_hours_label(head):
            head = ""  # "Öffnungszeiten der Stadtkasse": a cash office's hours, not a bank
        if head and (_BANK_NAME.search(head) or (in_bank_block and not fields and len(head) <= 60
                                                   and not cues().field_label.match(head))):
            if current:
                close()
            current = {"bank": squash(head)}
            at = line.text.find(head)
            current_span = [line.start + at, line.start + at + len(head)]
            current["_spans"] = {"bank": tuple(current_span)}
        for match in fields:
            key = _bank_key(match.group("label"))
            value = match.group("value").strip().rstrip(",;").strip("()").strip()
            if not value:
                continue
            if key in current:
                close()
            try:
                if key == "iban":
                    value = banking.parse_iban(value)
                elif key == "bic":
                    value = banking.parse_bic(value)
                elif key == "bank_code":
                    value = banking.parse_bank_code(value)
                elif key == "account_number":
                    value = banking.parse_account_number(value)
                else:
                    value = squash(value)
            except FieldError as error:
                code = "invalid-iban" if key == "iban" else "bank-field-unreadable"
                draft.warn(code, str(error), "footer.bank_accounts")
                current.setdefault("_invalid", True)
                continue
            current[key] = value
            start, end = line.start + match.start("value"), line.start + match.end("value")
            current.setdefault("_spans", {})[key] = (start, end)
            current_span = [min(current_span[0], start) if current_span else start, max(current_span[1], end) if current_span else end]
    if current:
        close()
    keys = ("bank", "iban", "bic", "bank_code", "account_number")
    kept = [account for account in accounts if any(account.get(key) for key in keys[1:]) or account.get("_invalid")]
    if kept:
        draft.set("footer.bank_accounts", [{key: account.get(key) for key in keys} for account in kept],
                  (spans[0][0], spans[-1][1]) if spans else None)
        for index, account in enumerate(kept):
            for key, span in account.get("_spans", {}).items():
                draft.spans[f"footer.bank_accounts.{index}.{key}"] = span


def _bank_key(label: str) -> str:
    label = label.lower()
    if label.startswith("iban"):
        return "iban"
    if label.startswith(("bic", "swift")):
        return "bic"
    if label.startswith(("blz", "bankleitzahl")):
        return "bank_code"
    if label.startswith(("konto", "kto", "nr")):
        return "account_number"
    return "bank"


def _read_general_contact(lines: Sequence[Line], draft: Draft) -> None:
    c = cues()
    for at, line in enumerate(lines):
        match = c.field_label.match(line.text)
        alone = None if match else c.label_only.match(line.text)
        if alone and at + 1 < len(lines) and lines[at + 1].stripped and not c.label_only.match(lines[at + 1].text) \
                and not c.field_label.match(lines[at + 1].text):
            # A footer set label over value (a scan's column: "Telefon" / "(0551) 407-0").
            path = c.path_for_label(alone.group("label"))
            below = lines[at + 1]
            if path in ("contact.phone", "contact.fax"):
                read_field(draft, "footer." + path.split(".", 1)[1], below.stripped, (below.content_start, below.content_end))
            continue
        if not match:
            if cue_pattern("website_line").match(line.text):
                read_field(draft, "footer.website", line.stripped, (line.content_start, line.content_end))
            elif cue_pattern("email_address_line").fullmatch(line.text):
                read_field(draft, "footer.email", line.stripped, (line.content_start, line.content_end))
            continue
        path = c.path_for_label(match.group("label"))
        if path is None or path.startswith("references."):
            continue
        if path.startswith("contact."):
            leaf = path.split(".", 1)[1]
            if leaf not in ("phone", "fax", "email"):
                continue
            path = f"footer.{leaf}"
        value = match.group("value").strip()
        if value:
            read_field(draft, path, value, (line.start + match.start("value"), line.content_end))
