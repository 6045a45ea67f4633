"""Specification of amtsbrief.fields.dates: dates and times as German letters write them."""

import datetime

import pytest

from amtsbrief.errors import FieldError
from amtsbrief.fields import dates

D = datetime.date


@pytest.mark.parametrize(
    "text, expected",
    [
        ("07.09.2015", D(2015, 9, 7)),  # the usual letterhead date
        ("7.9.2015", D(2015, 9, 7)),  # without leading zeros
        ("7.9.15", D(2015, 9, 7)),  # two-digit year inside the 20xx window
        ("1.1.85", D(1985, 1, 1)),  # two-digit year outside it: 19xx
        ("07. 09. 2015", D(2015, 9, 7)),  # a space after each dot
        ("2015-09-07", D(2015, 9, 7)),  # ISO, e.g. from an e-mail header
        ("07. September 2015", D(2015, 9, 7)),  # month written out
        ("7. Sept. 2015", D(2015, 9, 7)),  # Behörden abbreviation "Sept."
        ("7. Sep. 2015", D(2015, 9, 7)),  # short abbreviation
        ("3. Juli 2014", D(2014, 7, 3)),  # single-digit day
        ("1. Januar 1985", D(1985, 1, 1)),  # January
        ("1. Jänner 1985", D(1985, 1, 1)),  # Austrian January
        ("5. März 2016", D(2016, 3, 5)),  # umlaut
        ("5. Maerz 2016", D(2016, 3, 5)),  # umlaut transliterated
        ("5. Mrz. 2016", D(2016, 3, 5)),  # DIN abbreviation of März
        ("24. Dez. 2019", D(2019, 12, 24)),  # December abbreviated
        ("7 September 2015", D(2015, 9, 7)),  # no dot after the day
        ("7. SEPTEMBER 2015", D(2015, 9, 7)),  # capitals in a heading
        ("den 07.09.2015", D(2015, 9, 7)),  # "den" before the date
        ("vom 02.09.2015:", D(2015, 9, 2)),  # "vom" and trailing colon
        ("am 3. Juli 2014.", D(2014, 7, 3)),  # "am" and sentence end
        ("Montag, 7. September 2015", D(2015, 9, 7)),  # weekday before: dateparser fallback
        ("29.02.2016", D(2016, 2, 29)),  # leap day in a leap year
    ],
)
def test_dates_parse_reads_forms(text, expected):
    assert dates.parse(text) == expected


@pytest.mark.parametrize(
    "text, reason",
    [
        ("31.02.2015", "has no day 31"),  # February has no 31st
        ("29.02.2015", "has no day 29"),  # not a leap year
        ("7.13.2015", "month 13"),  # no 13th month
        ("Jan. 2015", "without a day"),  # month and year only
        ("September 2015", "without a day"),  # month written out, still no day
        ("", "no date"),  # empty
        ("   ", "no date"),  # blank
        ("Hallo Welt", "not a date"),  # words
        ("03733 831-1012", "not a date"),  # a phone number
        ("07.09.2015 und 08.09.2015", "not a date"),  # two dates are not one date
    ],
)
def test_dates_parse_rejects_with_reason(text, reason):
    with pytest.raises(FieldError, match=reason):
        dates.parse(text)


def test_dates_parse_rejects_non_strings():
    with pytest.raises(FieldError):
        dates.parse(None)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("07.09.2015", True),  # a date
        ("31.02.2015", False),  # a date that does not exist
        ("Jan. 2015", False),  # no day
    ],
)
def test_dates_is_valid_answers_without_raising(text, expected):
    assert dates.is_valid(text) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Datum: 07.09.2015", [("2015-09-07", 7, 17)]),  # labelled letter date
        ("hier: Ihre Frage vom 02.09.2015", [("2015-09-02", 21, 31)]),  # date in a sentence
        ("vom 07.07.2015 zur Förderung", [("2015-07-07", 4, 14)]),  # date mid-sentence
        ("Ausgegeben: 12.03.2015 (15.01.2015)", [("2015-03-12", 12, 22), ("2015-01-15", 24, 34)]),  # two dates
        ("am 3. Juli 2014 und am 07. September 2015", [("2014-07-03", 3, 15), ("2015-09-07", 23, 41)]),  # textual
        ("Date: 2013-01-10", [("2013-01-10", 6, 16)]),  # ISO
        ("Derzeit (Januar 2015)", []),  # month and year is no date
        ("am 3. Juli 14 Uhr", []),  # textual form needs a four-digit year
        ("Version 1.2.3.4", []),  # version numbers are no dates
        ("Telefon: 03733 831-1012", []),  # phone numbers are no dates
        ("zum 31.02.2015", []),  # impossible date skipped, not raised
        ("Az. 012.16/15-02000.he", []),  # a reference is no date
    ],
)
def test_dates_find_returns_offsets(text, expected):
    found = dates.find(text)
    assert [(f.value.isoformat(), f.start, f.end) for f in found] == expected


def test_dates_find_offsets_point_at_the_date():
    text = "Ihre Nachricht vom 06.12.2012"
    (found,) = dates.find(text)
    assert text[found.start : found.end] == "06.12.2012"


def test_dates_two_digit_year_window_follows_today():
    near_future = (datetime.date.today().year + 5) % 100
    assert dates.parse(f"1.1.{near_future:02d}").year >= 2000
    assert dates.parse(f"1.1.{(near_future + 1) % 100:02d}").year < datetime.date.today().year + 6


@pytest.mark.parametrize(
    "text, expected",
    [
        ("8:00", "08:00"),  # colon
        ("08.30", "08:30"),  # dot
        ("8 Uhr", "08:00"),  # hour with "Uhr"
        ("08 00", "08:00"),  # space between hours and minutes (erzgebirgskreis footer)
        ("14", "14:00"),  # hour only
        ("15.30 Uhr", "15:30"),  # minutes and "Uhr"
        ("24:00", "24:00"),  # end of day
    ],
)
def test_dates_parse_time_reads_forms(text, expected):
    assert dates.parse_time(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "25:00",  # no 25th hour
        "8:75",  # no 75th minute
        "24:30",  # past the end of the day
        "acht Uhr",  # words
        "",  # empty
    ],
)
def test_dates_parse_time_rejects(text):
    with pytest.raises(FieldError):
        dates.parse_time(text)
