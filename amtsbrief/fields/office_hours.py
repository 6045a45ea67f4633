"""Sprechzeiten / Öffnungszeiten (office hours), one entry per day and interval.

An authority's footer states when it receives visitors. Each line names days and one or more
intervals; the reading expands day ranges and returns ``(day, opens, closes)`` entries, the day an
English weekday in lower case, the times ``HH:MM``, in week order, then by opening time, without
duplicates (CONTRACT.md, annotation rule ``footer.office_hours``). Forms read:

- one day per line: ``Montag 08 00 – 12 00``, ``Do. 13:30 - 18:00 Uhr``;
- day ranges: ``Mo–Fr 8:00–12:00 Uhr``, ``Mo. - Fr. 08:30 - 12:00 Uhr``,
  ``Montag bis Freitag 9 bis 12 Uhr``, ``Mo mit Fr`` (Bavarian "mit" for "bis");
- day lists: ``Mo, Mi, Fr 8-12 Uhr``, ``Di und Do zusätzlich 14–18 Uhr``;
- two intervals: ``Mo–Do 8–12 und 13–15.30 Uhr``;
- closed days: ``Sa geschlossen`` gives no entry.

Free text beside the hours (``und nach Vereinbarung``) is the ``note``, whitespace-normalised, with its
punctuation as written. A label such as ``Sprechzeiten:`` at the start is ignored.

>>> reading = parse('Sprechzeiten:\\nMo–Do 8–12 und 13–15.30 Uhr\\nFr 8–12 Uhr\\nund nach Vereinbarung')
>>> reading.entries[:3]
(('monday', '08:00', '12:00'), ('monday', '13:00', '15:30'), ('tuesday', '08:00', '12:00'))
>>> len(reading.entries), reading.note
(9, 'und nach Vereinbarung')
>>> parse('Montag bis Freitag 9 bis 12 Uhr, Sa geschlossen').entries[-1]
('friday', '09:00', '12:00')
>>> parse('Termine nach Vereinbarung')
Traceback (most recent call last):
...
amtsbrief.errors.FieldError: no office hours (days with times) found: 'Termine nach Vereinbarung'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from amtsbrief.cues import load_model, vocabulary
from amtsbrief.errors import FieldError
from amtsbrief.fields import dates, validity_of

__all__ = ["OfficeHoursReading", "parse", "parse_table", "is_valid", "is_hours_label", "DAYS"]

DAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _day_names() -> dict[str, int]:
    """Each weekday word of ``models/vocabulary.json``, in lower case, with its day (0 Monday … 6 Sunday)."""
    weekdays = load_model("vocabulary.json")["lists"]["weekdays"]
    names = {word.lower(): day for word, day in zip(weekdays["words"], weekdays["day_of_week"], strict=True)}
    names.update((word.lower(), day) for day, word in enumerate(vocabulary("weekday_abbreviations")))
    return names


_DAY_NAMES = _day_names()
_FULL = "|".join(vocabulary("weekdays"))
_SHORT = "|".join(vocabulary("weekday_abbreviations"))
# Full names in any case, with the adverb "montags"; abbreviations capitalised or in capitals only, so
# that the word "so" is not a Sunday.
_DAY = rf"(?:(?i:{_FULL})s?|(?:{_SHORT}|{_SHORT.upper()})\b\.?)"
_DAY_ONE = re.compile(rf"(?i:({_FULL})s?|({_SHORT})\b\.?)")
_DAY_JOIN = r"\s*(?:[-–—]|bis|mit|,|/|&|und|u\.)\s*"
_TIME = r"\d{1,2}(?:[:.]\d{2})?(?:\s*(?:Uhr|h)\b)?"
_TIME_SPACED = r"\d{2} \d{2}"  # "08 00": only where both ends are written so, see _TOKEN
_DASH = r"\s*(?:[-–—]|bis)\s*"

_TOKEN = re.compile(
    r"(?P<interval>(?P<a1>" + _TIME_SPACED + r")" + _DASH + r"(?P<b1>" + _TIME_SPACED + r")(?!\d)(?:\s*Uhr\b)?"
    r"|(?<![\d.:])(?P<a2>" + _TIME + r")" + _DASH + r"(?P<b2>" + _TIME + r")(?![\d:])(?:\.(?=\s|$))?)"
    r"|(?P<days>(?<!\w)" + _DAY + r"(?:" + _DAY_JOIN + _DAY + r")*(?!\w))"
    r"|(?P<closed>(?i:geschlossen|keine\s+Sprechzeit(?:en)?)\b[.,;]?)"
    r"|(?P<filler>(?i:Uhr|zusätzlich|jeweils|von|vormittags|nachmittags|ganztägig|ab)\b[.,;:]?)"
    r"|(?P<connector>(?i:und|sowie|oder|u\.)(?=\s|$))"
    r"|(?P<punct>[,;:–—\-/]+)"
    r"|(?P<word>\S+)"
)
_KINDS = ("interval", "days", "closed", "filler", "connector", "punct", "word")
_LABEL = re.compile(
    r"^\s*(?:(?:Allgemeine|Unsere)\s+)?(?:Sprech|Öffnungs|Oeffnungs|Service|Besuchs|Geschäfts|Dienst|Kassen)"
    r"(?:zeiten|zeit|stunden)\b[^:\n\d]*:?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class OfficeHoursReading:
    """Office hours read from a footer: ``(day, opens, closes)`` entries and the note beside them."""

    entries: tuple[tuple[str, str, str], ...]
    note: str | None = None


def is_hours_label(text: str) -> bool:
    """Whether ``text`` opens with an office-hours label (``Öffnungszeiten der Stadtkasse``, ``Sprechzeiten:``)."""
    return bool(_LABEL.match(text))


def _days(group: str) -> list[int]:
    """Expand a day group ("Mo–Fr", "Mo, Mi, Fr", "Montag bis Freitag") into weekday indexes."""
    days: list[int] = []
    position = 0
    pending_range = False
    for match in _DAY_ONE.finditer(group):
        joiner = group[position : match.start()].strip().lower()
        position = match.end()
        index = _DAY_NAMES[(match.group(1) or match.group(2)).lower()]
        if days and joiner in ("-", "–", "—", "bis", "mit"):
            pending_range = True
        if pending_range:
            start = days[-1]
            days.extend(range(start + 1, index + 1) if index > start else [index])
            pending_range = False
        else:
            days.append(index)
    return days


def _interval(match: re.Match[str]) -> tuple[str, str] | None:
    first = match.group("a1") or match.group("a2")
    last = match.group("b1") or match.group("b2")
    try:
        opens, closes = dates.parse_time(first), dates.parse_time(last)
    except FieldError:
        return None
    return (opens, closes) if opens < closes else None


def _note(text: str) -> str:
    # A comma or semicolon at the end separates the note from what follows; a full stop is the note's own.
    return " ".join(text.split()).rstrip(",;:")


def parse(text: str) -> OfficeHoursReading:
    """Read office hours from one or more lines; FieldError when no day with a time is found."""
    if not isinstance(text, str):
        raise FieldError(text, "not a string")
    body = _LABEL.sub("", text, count=1)
    tokens = list(_TOKEN.finditer(body))
    entries: set[tuple[int, str, str]] = set()
    notes: list[str] = []
    current: list[int] = []
    note_start: int | None = None
    note_end = 0
    for position, token in enumerate(tokens):
        kind = next(k for k in _KINDS if token.group(k) is not None)
        following = tokens[position + 1] if position + 1 < len(tokens) else None
        if kind == "word" or (
            kind == "connector" and following is not None and following.group("word") is not None
        ) or (kind == "punct" and note_start is not None and following is not None and following.group("word")):
            if note_start is None:
                note_start = token.start()
            note_end = token.end()
            continue
        if note_start is not None:
            notes.append(_note(body[note_start:note_end]))
            note_start = None
        if kind == "days":
            current = _days(token.group())
        elif kind == "closed":
            # "Mo–Fr 8–12 Uhr, Mi geschlossen": the closed day has no hours after all.
            entries = {entry for entry in entries if entry[0] not in current}
            current = []
        elif kind == "interval":
            interval = _interval(token)
            if interval:
                entries.update((day, *interval) for day in current)
    if note_start is not None:
        notes.append(_note(body[note_start:note_end]))
    if not entries:
        raise FieldError(text, "no office hours (days with times) found")
    ordered = tuple((DAYS[day], opens, closes) for day, opens, closes in sorted(entries))
    # A lone "|" or "·", or a leftover connective ("auch"), is no note.
    notes = [note for note in notes if any(char.isalpha() for char in note)
             and (len(note.split()) > 1 or len(note) > 8)]
    return OfficeHoursReading(ordered, " ".join(notes) or None)


_CELL = re.compile(r"\S+(?: \S+)*")  # a table cell: words one space apart, cells two or more
_DAY_CELL = re.compile(r"^" + _DAY + r"(?:" + _DAY_JOIN + _DAY + r")*:?$")
_HOURS_CELL = re.compile(r"\d")
_DAY_ROW = re.compile(r"\s*" + _DAY + r"(?:\s|:|$)")


def _cells(line: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _CELL.finditer(line)]


def parse_table(lines: list[str]) -> OfficeHoursReading | None:
    """Office hours set as a table, or ``None`` when ``lines`` are no table.

    - Days as columns: a row of day names (``Montag    Dienstag    Donnerstag``, a label may stand first),
      the intervals and notes below them, one or more rows; each cell belongs to the day whose column it
      lies under.
    - Days as rows with several interval cells each (``Dienstag    08:00 – 12:00    13:00 – 18:00``).

    >>> parse_table(["Öffnungszeiten   Montag         Dienstag", "                 08:00-12:00    08:00-12:00",
    ...              "                                14:00-18:00"]).entries[-1]
    ('tuesday', '14:00', '18:00')
    """
    for at, line in enumerate(lines):
        cells = _cells(line)
        days = [(start, end, text) for start, end, text in cells if _DAY_CELL.match(text)]
        if len(days) >= 2 and all(_DAY_CELL.match(text) for _, _, text in cells[cells.index(days[0]):]):
            columns: list[list[str]] = [[text.rstrip(":")] for _, _, text in days]
            centres = [(start + end) / 2 for start, end, _ in days]
            for row in lines[at + 1:]:
                if not row.strip():
                    break
                for start, end, text in _cells(row):
                    if end < days[0][0] - 2:
                        continue  # a label in front of the day columns
                    nearest = min(range(len(days)), key=lambda n: abs(centres[n] - (start + end) / 2))
                    columns[nearest].append(text)
            try:
                return parse("\n".join(" ".join(column) for column in columns))
            except FieldError:
                return None
    rows = [line for line in lines if line.strip()]
    day_rows = [line for line in rows if _DAY_ROW.match(line)]
    several = [line for line in day_rows if sum(1 for *_, text in _cells(line) if _HOURS_CELL.search(text)) >= 2]
    if several and len(day_rows) >= 2:
        try:
            return parse("\n".join(rows))
        except FieldError:
            return None
    return None


is_valid = validity_of(parse, """Whether ``text`` states at least one day with opening hours.""")
