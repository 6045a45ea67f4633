"""Specification of amtsbrief.fields.addresses: street lines, postal lines, return-address lines."""

import pytest

from amtsbrief.errors import FieldError
from amtsbrief.fields import addresses
from amtsbrief.schema import Address


@pytest.mark.parametrize(
    "text, expected",
    [
        ("09456 Annaberg-Buchholz", ("09456", "Annaberg-Buchholz")),  # five digits, hyphenated city
        ("W-8000 München 2", ("W-8000", "München 2")),  # 1990–93 West prefix and district number
        ("O-9300 Chemnitz", ("O-9300", "Chemnitz")),  # 1990–93 East prefix
        ("D-53175 Bonn", ("D-53175", "Bonn")),  # country prefix kept as written
        ("8000 München 2", ("8000", "München 2")),  # four digits before 1993
        ("60311 Frankfurt am Main", ("60311", "Frankfurt am Main")),  # small word in the city
        ("06108 Halle (Saale)", ("06108", "Halle (Saale)")),  # river in parentheses
        ("53133 Bonn.", ("53133", "Bonn")),  # sentence end
        ("  33245   Gütersloh ", ("33245", "Gütersloh")),  # extra spaces
    ],
)
def test_addresses_parse_postal_line_reads_forms(text, expected):
    assert addresses.parse_postal_line(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ihre Frage vom 02.09.2015",  # a sentence with a date
        "2015 wurde das Gesetz geändert",  # a year starting a sentence
        "123 Berlin",  # three digits
        "Annaberg-Buchholz",  # city without postcode
        "09456",  # postcode without city
        "",  # empty
    ],
)
def test_addresses_parse_postal_line_rejects(text):
    with pytest.raises(FieldError, match="not a postal line"):
        addresses.parse_postal_line(text)
    assert not addresses.is_postal_line(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Paulus-Jenisius-Str. 24", True),  # hyphenated name, abbreviated Straße
        ("Völklinger Straße 49", True),  # two words
        ("Am Markt 1", True),  # preposition first
        ("Postfach 1565", True),  # Postfach
        ("Postfach 20 03 63", True),  # Postfach in pairs of digits
        ("Bogenstr. 1 - 8", True),  # house number range
        ("Godesberger Allee 185-189", True),  # range without spaces
        ("Platz der Republik 1", True),  # article inside the name
        ("Hauptstraße 12a", True),  # number with letter
        ("Karl-Marx-Allee 31", True),  # person's name as street
        ("Straße des 17. Juni 112", True),  # ordinal inside the name
        ("Unter den Linden 1", True),  # preposition and article
        ("Das sind 3", False),  # a sentence
        ("Mit freundlichen Grüßen", False),  # closing, no number
        ("Landratsamt Erzgebirgskreis", False),  # authority, no number
        ("Zimmer 12", False),  # a room, not a street
        ("Seite 2", False),  # page number
        ("09456 Annaberg-Buchholz", False),  # postal line
        ("Wir bitten um Antwort bis 12", False),  # sentence ending in a number
    ],
)
def test_addresses_is_street_line(text, expected):
    assert addresses.is_street_line(text) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Landratsamt Erzgebirgskreis • Paulus-Jenisius-Str. 24 • 09456 Annaberg-Buchholz",
            ["Landratsamt Erzgebirgskreis", "Paulus-Jenisius-Str. 24", "09456 Annaberg-Buchholz"],
        ),  # bullets; hyphens inside names stay
        ("Stadt X · Bogenstr. 1 - 8 · 12345 Y", ["Stadt X", "Bogenstr. 1 - 8", "12345 Y"]),  # middle dot; number range stays
        ("Finanzamt Gütersloh - Postfach 1565 - 33245 Gütersloh", ["Finanzamt Gütersloh", "Postfach 1565", "33245 Gütersloh"]),  # spaced hyphens
        ("BSI | Godesberger Allee 185-189 | 53175 Bonn", ["BSI", "Godesberger Allee 185-189", "53175 Bonn"]),  # bars
        ("Amt – Am Markt 1 – 01234 Z", ["Amt", "Am Markt 1", "01234 Z"]),  # en dashes
        ("Bezirksamt Pankow, Postfach 73 01 13, 13062 Berlin", ["Bezirksamt Pankow", "Postfach 73 01 13", "13062 Berlin"]),  # commas
        ("", []),  # empty
    ],
)
def test_addresses_split_return_address(text, expected):
    assert addresses.split_return_address(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Paulus-Jenisius-Str. 24, 09456 Annaberg-Buchholz", ("Paulus-Jenisius-Str. 24", "09456", "Annaberg-Buchholz")),  # comma
        ("Postfach 1565 - 33245 Gütersloh", ("Postfach 1565", "33245", "Gütersloh")),  # Postfach and dash
        ("Godesberger Allee 185-189, 53175 Bonn", ("Godesberger Allee 185-189", "53175", "Bonn")),  # number range
        (
            "Landratsamt Erzgebirgskreis • Paulus-Jenisius-Str. 24 • 09456 Annaberg-Buchholz",
            ("Paulus-Jenisius-Str. 24", "09456", "Annaberg-Buchholz"),
        ),  # whole return-address line
        ("09456 Annaberg-Buchholz", (None, "09456", "Annaberg-Buchholz")),  # no street
    ],
)
def test_addresses_parse_reads_one_line(text, expected):
    address = addresses.parse(text)
    assert isinstance(address, Address)
    assert (address.street, address.postal_code, address.city) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Paulus-Jenisius-Str. 24",  # no postal line
        "Mit freundlichen Grüßen",  # not an address
        "",  # empty
    ],
)
def test_addresses_parse_rejects(text):
    with pytest.raises(FieldError):
        addresses.parse(text)


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["Hauptstraße 12a", "09456 Annaberg-Buchholz"], ("Hauptstraße 12a", "09456", "Annaberg-Buchholz")),  # two lines
        (["Frau Ulrike Kahl", "c/o Fraktion", "Am Markt 1", "01234 Z"], ("Am Markt 1", "01234", "Z")),  # name and c/o first
        (["Postfach 20 03 63", "53133 Bonn", ""], ("Postfach 20 03 63", "53133", "Bonn")),  # trailing blank line
    ],
)
def test_addresses_parse_lines_reads_block(lines, expected):
    address = addresses.parse_lines(lines)
    assert (address.street, address.postal_code, address.city) == expected


def test_addresses_parse_lines_rejects_block_without_postal_line():
    with pytest.raises(FieldError):
        addresses.parse_lines(["Frau Ulrike Kahl", "Am Markt 1"])


def test_fields_addresses_an_abbreviated_street_keeps_its_printed_comma_before_the_number():
    from amtsbrief.fields.addresses import is_street_line
    assert is_street_line("Raiffeisenstr., 1")
    assert not is_street_line("Hauptstraße, 12")  # a comma after a full word is a list, not a street


def test_a_return_line_keeps_the_full_stop_of_a_town_abbreviation():
    assert addresses.parse("Geschwister-Scholl-Straße 7, 02943 Weißwasser/O.L.").city == "Weißwasser/O.L."
    assert addresses.parse("Markt 1, 53133 Bonn.").city == "Bonn"


def test_a_return_line_whose_middle_dots_ocr_read_as_full_stops():
    address = addresses.parse("Gemeinde Muster . Postfach 11 40 . 35442 Muster")
    assert (address.street, address.postal_code, address.city) == ("Postfach 11 40", "35442", "Muster")
