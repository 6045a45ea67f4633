"""Specification of amtsbrief.fields.persons: salutation, title and name of an addressee."""

import json
from pathlib import Path

import pytest

from amtsbrief.errors import FieldError
from amtsbrief.fields import persons
from amtsbrief.fields.persons import Person


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Frau Kreisrätin Ulrike Kahl", ("Frau", "Kreisrätin", "Ulrike Kahl")),  # erzgebirgskreis addressee
        ("Frau Kreisrätin\nUlrike Kahl", ("Frau", "Kreisrätin", "Ulrike Kahl")),  # the same block over two lines
        ("Herrn Dr. Max Meier", ("Herr", "Dr.", "Max Meier")),  # accusative Herrn, academic title
        ("Herrn Minister", ("Herr", "Minister", None)),  # title without name
        ("Frau Stadträtin Dr. Eva Sommer", ("Frau", "Stadträtin Dr.", "Eva Sommer")),  # role and academic title
        ("Herrn Abgeordneten Michael Neyses", ("Herr", "Abgeordneten", "Michael Neyses")),  # inflected role as written
        ("Herrn Prof. Dr.-Ing. Max Meier", ("Herr", "Prof. Dr.-Ing.", "Max Meier")),  # two academic titles
        ("Herrn Max Meier MdL", ("Herr", "MdL", "Max Meier")),  # post-nominal title
        ("An Frau Bürgermeisterin Anna Roth", ("Frau", "Bürgermeisterin", "Anna Roth")),  # leading "An"
        ("Herrn Staatsminister Dr. Thomas de Maizière", ("Herr", "Staatsminister Dr.", "Thomas de Maizière")),  # particle in the name
        ("Ulrike Kahl", (None, None, "Ulrike Kahl")),  # name only
        ("Herrn Dr.", ("Herr", "Dr.", None)),  # title ending in a dot
        ("Frau", ("Frau", None, None)),  # salutation only
    ],
)
def test_persons_parse_reads_addressee(text, expected):
    person = persons.parse(text)
    assert (person.salutation, person.title, person.name) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",  # empty
        "Paulus-Jenisius-Str. 24",  # a street line
        "info@kreis-erz.de",  # an e-mail address
    ],
)
def test_persons_parse_rejects(text):
    with pytest.raises(FieldError):
        persons.parse(text)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Sehr geehrte Frau Kreisrätin Kahl,", ("Frau", "Kreisrätin", "Kahl")),  # erzgebirgskreis salutation
        ("Sehr geehrter Herr Dr. Müller,", ("Herr", "Dr.", "Müller")),  # academic title
        ("Sehr geehrte Damen und Herren,", (None, None, None)),  # nobody in particular
        ("Liebe Frau Schmidt,", ("Frau", None, "Schmidt")),  # informal
        ("Guten Tag Herr Meyer,", ("Herr", None, "Meyer")),  # e-mail style
        ("Sehr geehrter Herr,", ("Herr", None, None)),  # no name
        ("Sehr geehrter Herr K,", ("Herr", None, "K")),  # pseudonymised surname (nrw-msw)
        ("Sehr geehrte Frau Dr. Müller, sehr geehrter Herr Meier,", ("Frau", "Dr.", "Müller")),  # first of two addressees
        ("Guten Tag,", (None, None, None)),  # greeting only
        ("Sehr geehrter Herr Minister!", ("Herr", "Minister", None)),  # exclamation mark
    ],
)
def test_persons_from_salutation(line, expected):
    person = persons.from_salutation(line)
    assert (person.salutation, person.title, person.name) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Ihre Anfrage vom 2. Mai",  # not a salutation
        "Mit freundlichen Grüßen",  # a closing
        "",  # empty
    ],
)
def test_persons_from_salutation_rejects(line):
    with pytest.raises(FieldError, match="not a salutation line"):
        persons.from_salutation(line)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Herrn", "Herr"),  # accusative
        ("Herr", "Herr"),  # nominative
        ("Frau", "Frau"),  # unchanged
        ("Hr.", "Herr"),  # abbreviated
    ],
)
def test_persons_normalise_salutation(text, expected):
    assert persons.normalise_salutation(text) == expected


def test_persons_normalise_salutation_rejects_other_words():
    with pytest.raises(FieldError):
        persons.normalise_salutation("Damen")


def test_persons_person_is_frozen():
    with pytest.raises(AttributeError):
        Person("Frau").name = "x"


def test_persons_titles_file_says_why():
    titles = json.loads((Path(__file__).parent.parent / "models" / "titles.json").read_text(encoding="utf-8"))
    assert titles["_why"] and titles["academic"] and titles["roles"]
