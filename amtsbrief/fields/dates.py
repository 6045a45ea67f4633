"""Datum (date) and Uhrzeit (time of day) as German letters write them.

A letter dates itself (``Datum: 07.09.2015``), the inquiry it answers (``Ihre Frage vom 02.09.2015``)
and much in between. Dates are returned as :class:`datetime.date`; the contract prints them ISO.

Forms read, cheapest first:

- numeric, day first: ``07.09.2015``, ``7.9.2015``, ``7.9.15`` (a space after a dot is tolerated);
- ISO: ``2015-09-07``;
- textual, by our own month table: ``07. September 2015``, ``7. Sept. 2015``, ``3. Juli 2014``,
  ``1. Jänner 1985``, ``5. Maerz 2016`` (textual forms need a four-digit year, so that
  ``am 3. Juli 14 Uhr`` is not read as 2014);
- ``parse`` only, as a last resort for a textual form the table misses: dateparser (German,
  day-month-year order, strict), behind the one adapter :func:`_dateparser_read`.

A month and year without a day (``Jan. 2015``) is no date. Two-digit years from 00 up to five years
ahead of today are 20xx, the rest 19xx (``7.9.15`` is 2015, ``1.1.85`` is 1985).

>>> parse('07.09.2015')
datetime.date(2015, 9, 7)
>>> parse('vom 7. Sept. 2015.')
datetime.date(2015, 9, 7)
>>> parse('2015-09-07')
datetime.date(2015, 9, 7)
>>> parse('31.02.2015')
Traceback (most recent call last):
...
amtsbrief.errors.FieldError: February 2015 has no day 31: '31.02.2015'
>>> parse('Jan. 2015')
Traceback (most recent call last):
...
amtsbrief.errors.FieldError: a month and year without a day is not a date: 'Jan. 2015'
>>> is_valid('7.13.2015')
False
>>> [(f.value.isoformat(), f.start, f.end) for f in find('Ihre Frage vom 02.09.2015, Antwort am 3. Juli 2014')]
[('2015-09-02', 15, 25), ('2014-07-03', 38, 50)]

Times of day (office hours, appointments) are ``HH:MM``:

>>> parse_time('8 Uhr'), parse_time('08.30'), parse_time('08 00'), parse_time('14')
('08:00', '08:30', '08:00', '14:00')
>>> parse_time('25:00')
Traceback (most recent call last):
...
amtsbrief.errors.FieldError: hour 25 is not an hour of the day: '25:00'
"""

from __future__ import annotations

import calendar
import datetime
import re
from functools import lru_cache

from amtsbrief.errors import FieldError
from amtsbrief.fields import Found, validity_of

__all__ = ["parse", "is_valid", "find", "parse_time", "MONTHS", "WRITTEN"]

# Our own table comes first: it is exact, fast and knows the Austrian "Jänner" and the
# abbreviations Behörden use ("Sept.", "Mrz."). Keys are lower case, without the dot.
MONTHS: dict[str, int] = {
    "januar": 1, "jänner": 1, "jaenner": 1, "jan": 1,
    "februar": 2, "feber": 2, "feb": 2, "febr": 2,
    "märz": 3, "maerz": 3, "mrz": 3, "mär": 3,
    "april": 4, "apr": 4,
    "mai": 5,
    "juni": 6, "jun": 6,
    "juli": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "okt": 10,
    "november": 11, "nov": 11,
    "dezember": 12, "dez": 12,
    # English letters from German authorities ("Dresden, 9 May 2017").
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "october": 10, "oct": 10,
    "december": 12, "dec": 12,
}  # fmt: skip
_MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August",
                   "September", "October", "November", "December")  # for messages only

# Longest names first, so that "September" wins over "Sep".
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))

_NUMERIC = re.compile(
    r"(?<![\d.,/-])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})(?![\d]|\.\d)"
)
_ISO = re.compile(r"(?<![\d./-])(\d{4})-(\d{2})-(\d{2})(?![\d]|-\d)")
_TEXTUAL = re.compile(
    r"(?<![\d.,/-])(\d{1,2})(?:\.\s*|\s+)(?i:(" + _MONTH + r"))\b\.?\s*(\d{4})(?![\d])"
)
# A date as written in running text, for the patterns of others that must find one (a date line, "Ihre
# Anfrage vom …"): numeric, with a month name, or ISO. No groups; the readers above take it apart.
WRITTEN = (r"\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d{2})(?![\d]|\.\d)"
           r"|\d{1,2}(?:\.\s*|\s+)(?i:" + _MONTH + r")\b\.?\s*\d{4}(?!\d)"
           r"|\d{4}-\d{2}-\d{2}(?![\d]|-\d)")
# "Jan. 2015", "September 2015": told apart only to say why it is no date.
_MONTH_YEAR = re.compile(r"(?i:(?:" + _MONTH + r"))\b\.?\s*\d{2,4}")

# What parse() tolerates around the one date: "den 7.9.2015", "vom 02.09.2015:", "am 3. Juli 2014."
_LEAD = re.compile(r"^(?:(?:den|vom|am|dem)\s+)+", re.IGNORECASE)
_TRAIL = ".,;:!?)]"

# Only a short string with a number and a word is worth dateparser's time.
_WORTH_DATEPARSER = re.compile(r"^(?=.*\d)(?=.*[^\W\d_]{3}).{6,40}$", re.DOTALL)

_TIME = re.compile(
    r"^(\d{1,2})(?:\s*[:.]\s*(\d{2})|\s(\d{2}))?\s*(?:Uhr|h)?\.?$", re.IGNORECASE
)


def _year(digits: str) -> int:
    """A year as written; two digits resolve by the window 00..(this year + 5) → 20xx."""
    year = int(digits)
    if len(digits) == 2:
        pivot = datetime.date.today().year % 100 + 5
        year += 2000 if year <= pivot else 1900
    return year


def _date(text: str, day: int, month: int, year: int) -> datetime.date:
    """The date, or FieldError saying which part does not exist."""
    if not 1 <= month <= 12:
        raise FieldError(text, f"month {month} is not a month")
    if not 1000 <= year <= 2999:
        raise FieldError(text, f"year {year} is out of range")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise FieldError(text, f"{_MONTH_NAMES[month]} {year} has no day {day}")
    return datetime.date(year, month, day)


def _from_match(match: re.Match[str], text: str) -> datetime.date:
    pattern = match.re
    if pattern is _ISO:
        year, month, day = (int(g) for g in match.groups())
        return _date(text, day, month, year)
    if pattern is _TEXTUAL:
        day, name, year = match.groups()
        return _date(text, int(day), MONTHS[name.lower()], int(year))
    day, month, year = match.groups()
    return _date(text, int(day), int(month), _year(year))


@lru_cache(maxsize=1)
def _dateparser_settings() -> dict:
    # Owned here and passed per call: dateparser's module-level defaults are never touched.
    return {
        "DATE_ORDER": "DMY",
        "STRICT_PARSING": True,
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RETURN_AS_TIMEZONE_AWARE": False,
    }


@lru_cache(maxsize=1024)
def _dateparser_read(text: str) -> datetime.date | None:
    """The one door to dateparser: German, day first, strict; ``None`` when it reads nothing.

    Imported lazily (it takes a while to load) and only reached for textual forms our month table
    misses. Never ``search_dates``: finding dates in running text is :func:`find`'s job.
    """
    import dateparser  # lazy: slow import, rarely needed

    try:
        result = dateparser.parse(text, languages=["de"], settings=_dateparser_settings())
    except Exception:  # noqa: BLE001 - a third-party parser's failure is "no date" to us
        return None
    return result.date() if result is not None else None


def _clean(text: str) -> str:
    text = " ".join(text.split())
    text = _LEAD.sub("", text)
    return text.rstrip(_TRAIL + " ").lstrip("([ ")


def parse(text: str) -> datetime.date:
    """Read a string that is one date; FieldError says why it is not.

    Tolerates a leading ``den``/``vom``/``am`` and trailing punctuation.
    """
    if not isinstance(text, str):
        raise FieldError(text, "not a string")
    cleaned = _clean(text)
    if not cleaned:
        raise FieldError(text, "no date given")
    for pattern in (_NUMERIC, _ISO, _TEXTUAL):
        match = pattern.fullmatch(cleaned)
        if match:
            return _from_match(match, text)
    if _MONTH_YEAR.fullmatch(cleaned):
        raise FieldError(text, "a month and year without a day is not a date")
    if _WORTH_DATEPARSER.match(cleaned):
        result = _dateparser_read(cleaned)
        if result is not None:
            return _date(text, result.day, result.month, result.year)
    raise FieldError(text, "not a date in a form we read (DD.MM.YYYY, YYYY-MM-DD, D. Monat YYYY)")


is_valid = validity_of(parse, """Whether ``text`` is one readable, existing date.""")


def find(text: str) -> list[Found[datetime.date]]:
    """Every existing date inside ``text``, in order, with offsets; dates that do not exist are skipped."""
    if not isinstance(text, str) or not text:
        return []
    found: list[Found[datetime.date]] = []
    for pattern in (_NUMERIC, _ISO, _TEXTUAL):
        for match in pattern.finditer(text):
            try:
                value = _from_match(match, match.group())
            except FieldError:
                continue
            found.append(Found(value, match.start(), match.end()))
    found.sort(key=lambda f: (f.start, -f.end))
    # The patterns cannot overlap by design; this keeps it so if one is ever loosened.
    kept: list[Found[datetime.date]] = []
    for item in found:
        if not kept or item.start >= kept[-1].end:
            kept.append(item)
    return kept


def parse_time(text: str) -> str:
    """Read a time of day (``8:00``, ``08.30``, ``8 Uhr``, ``08 00``, ``14``) as ``HH:MM``."""
    if not isinstance(text, str):
        raise FieldError(text, "not a string")
    cleaned = " ".join(text.split())
    match = _TIME.match(cleaned)
    if not match:
        raise FieldError(text, "not a time of day (HH:MM, H.MM, H Uhr)")
    hour = int(match.group(1))
    minute = int(match.group(2) or match.group(3) or 0)
    if hour > 24 or (hour == 24 and minute):
        raise FieldError(text, f"hour {hour} is not an hour of the day")
    if minute > 59:
        raise FieldError(text, f"minute {minute} is not a minute of the hour")
    return f"{hour:02d}:{minute:02d}"
