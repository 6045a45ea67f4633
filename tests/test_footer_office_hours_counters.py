"""Office hours in a footer box that lists another counter's hours beside the office's own.

A tax office's "weitere Informationen" box gives its ``Öffnungszeiten`` and, under a label of its own,
the hours of a service counter. The counter's hours are not the office's: they are read only where no
``Öffnungszeiten`` line is printed (a box that gives a counter's hours alone, as the Göttingen notice's
``Sprechzeiten Servicecenter`` does, still gives them). The letters are fictional.
"""

from __future__ import annotations

from amtsbrief import parse_text

HEAD = """Finanzamt Musterstadt
Markt 1
01234 Musterstadt

Herrn
Max Muster
Weg 2
01234 Musterstadt

Musterstadt, 13.07.2020

Freistellungsbescheid für 2018 zur Körperschaftsteuer

Sehr geehrter Herr Muster,

die Körperschaft ist von der Körperschaftsteuer befreit.

Mit freundlichen Grüßen

Ihr Finanzamt

weitere Informationen
"""


def hours(footer: str) -> list[tuple[str, str, str]]:
    letter = parse_text(HEAD + footer)
    return [(h.day, h.opens, h.closes) for h in letter.footer.office_hours]


def test_footer_office_hours_leave_out_another_counters_hours_beside_the_offices_own() -> None:
    got = hours("Öffnungszeiten: Mo.-Fr. 08:30 - 12:00 Uhr und nach Vereinbarung\n"
                "Service- / Informationsstelle: Mo.-Fr. 07:30 - 12:30 Uhr, Do. 13:30 - 18:00 Uhr\n")
    assert got == [(day, "08:30", "12:00") for day in ("monday", "tuesday", "wednesday", "thursday", "friday")]


def test_footer_office_hours_read_a_service_centres_hours_where_they_are_the_only_ones() -> None:
    got = hours("Sprechzeiten Servicecenter: Mo. - Fr. 8.00 - 12.00 Uhr; Do. 14.00 - 17.00 Uhr\n")
    assert got == [("monday", "08:00", "12:00"), ("tuesday", "08:00", "12:00"), ("wednesday", "08:00", "12:00"),
                   ("thursday", "08:00", "12:00"), ("thursday", "14:00", "17:00"), ("friday", "08:00", "12:00")]
