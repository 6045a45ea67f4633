"""Specification of amtsbrief.fields.office_hours: Sprechzeiten to (day, opens, closes) entries."""

import pytest

from amtsbrief.errors import FieldError
from amtsbrief.fields import office_hours

WEEK = ("monday", "tuesday", "wednesday", "thursday", "friday")


def every(days, opens, closes):
    return [(day, opens, closes) for day in days]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Montag 08 00 – 12 00", [("monday", "08:00", "12:00")]),  # erzgebirgskreis style: space for the colon
        ("Mo–Fr 8:00–12:00 Uhr", every(WEEK, "08:00", "12:00")),  # day range with en dash
        # a closed day within a range takes its hours away again
        ("Mo-Fr 8-12 Uhr, Mi geschlossen", [(day, "08:00", "12:00") for day in WEEK if day != "wednesday"]),
        ("Mo. - Fr. 08:30 - 12:00 Uhr", every(WEEK, "08:30", "12:00")),  # abbreviations with dots, spaced dashes
        ("Montag bis Freitag 9 bis 12 Uhr", every(WEEK, "09:00", "12:00")),  # words for ranges, hours only
        ("Mo mit Fr 8-12 Uhr", every(WEEK, "08:00", "12:00")),  # Bavarian "mit"
        ("montags bis freitags von 8.30 bis 12 Uhr", every(WEEK, "08:30", "12:00")),  # adverbs and "von"
        ("Mo, Mi, Fr 8-12 Uhr", every(("monday", "wednesday", "friday"), "08:00", "12:00")),  # day list
        ("Di und Do zusätzlich 14–18 Uhr", every(("tuesday", "thursday"), "14:00", "18:00")),  # "und", "zusätzlich"
        ("Do. 13:30 - 18:00 Uhr", [("thursday", "13:30", "18:00")]),  # one day
        ("Sa 9–12 Uhr", [("saturday", "09:00", "12:00")]),  # Saturday
        (
            "Mo–Do 8–12 und 13–15.30 Uhr",
            sorted(every(WEEK[:4], "08:00", "12:00") + every(WEEK[:4], "13:00", "15:30"), key=lambda e: WEEK.index(e[0])),
        ),  # two intervals per day
        ("Mo–Fr 8–12 Uhr\nSa geschlossen", every(WEEK, "08:00", "12:00")),  # a closed day gives no entry
        (
            "Mo–Fr 8–12 Uhr\nDi und Do zusätzlich 14–18 Uhr",
            [("monday", "08:00", "12:00"), ("tuesday", "08:00", "12:00"), ("tuesday", "14:00", "18:00"),
             ("wednesday", "08:00", "12:00"), ("thursday", "08:00", "12:00"), ("thursday", "14:00", "18:00"),
             ("friday", "08:00", "12:00")],
        ),  # week order, then opening time
        ("Mo–Fr 8–12 Uhr\nMo 8–12 Uhr", every(WEEK, "08:00", "12:00")),  # duplicates removed
        ("Fr 8–12 Uhr\nMo 8–12 Uhr", [("monday", "08:00", "12:00"), ("friday", "08:00", "12:00")]),  # sorted into week order
        ("Sprechzeiten:\nMo 8–12 Uhr", [("monday", "08:00", "12:00")]),  # label line ignored
        ("Öffnungszeiten: Mo 8–12 Uhr", [("monday", "08:00", "12:00")]),  # label on the same line
    ],
)
def test_office_hours_parse_reads_entries(text, expected):
    assert list(office_hours.parse(text).entries) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Montag 08 00 – 12 00\nund nach Vereinbarung", "und nach Vereinbarung"),  # erzgebirgskreis footer
        ("Mo-Fr 8-12 Uhr sowie nach telefonischer Vereinbarung.", "sowie nach telefonischer Vereinbarung."),  # full stop kept
        ("Mo - Fr: 08:00 - 12:00 Uhr | Do: 14:00 - 17:00 Uhr", None),  # a list separator is no note
        ("Mo–Fr 8–12 Uhr, Termine nach Vereinbarung, Sa geschlossen", "Termine nach Vereinbarung"),  # separating comma dropped
        ("Mo–Fr 8–12 Uhr\nund   nach\nVereinbarung", "und nach Vereinbarung"),  # whitespace normalised
        ("Mo–Do 8–12 und 13–15.30 Uhr", None),  # "und" between intervals is no note
        ("Di und Do zusätzlich 14–18 Uhr", None),  # fillers are no note
    ],
)
def test_office_hours_parse_reads_note(text, expected):
    assert office_hours.parse(text).note == expected


@pytest.mark.parametrize(
    "text",
    [
        "Termine nach Vereinbarung",  # no hours at all
        "Sa geschlossen",  # only a closed day
        "8–12 Uhr",  # times without days
        "Mo–Fr 12–8 Uhr",  # closes before it opens
        "",  # empty
    ],
)
def test_office_hours_parse_rejects_without_entries(text):
    with pytest.raises(FieldError, match="no office hours"):
        office_hours.parse(text)


def test_office_hours_is_valid_needs_an_entry():
    assert office_hours.is_valid("Mo 8–12 Uhr")
    assert not office_hours.is_valid("nach Vereinbarung")


def test_office_hours_reading_is_frozen():
    reading = office_hours.parse("Mo 8–12 Uhr")
    with pytest.raises(AttributeError):
        reading.note = "x"


def test_a_table_with_days_as_columns_gives_each_day_the_hours_under_it():
    reading = office_hours.parse_table([
        "Sprechzeiten    Montag          Dienstag        Donnerstag",
        "                08:00 - 12:00   08:00 - 12:00   09:00 - 12:00",
        "                                13:00 - 18:00   nach Vereinbarung",
    ])
    assert reading.entries == (("monday", "08:00", "12:00"), ("tuesday", "08:00", "12:00"),
                               ("tuesday", "13:00", "18:00"), ("thursday", "09:00", "12:00"))
    assert reading.note == "nach Vereinbarung"


def test_a_table_with_days_as_rows_and_two_intervals_a_day():
    reading = office_hours.parse_table([
        "Öffnungszeiten:",
        "Montag       08:00 – 12:00",
        "Dienstag     08:00 – 12:00     13:30 – 17:30",
        "Mittwoch     geschlossen",
    ])
    assert reading.entries == (("monday", "08:00", "12:00"), ("tuesday", "08:00", "12:00"), ("tuesday", "13:30", "17:30"))


def test_lines_that_are_no_table_are_left_to_the_line_reader():
    assert office_hours.parse_table(["Sprechzeiten: Mo–Fr 8–12 Uhr", "und nach Vereinbarung"]) is None
