"""Specification of amtsbrief.fields.references: reference values as written, Drucksache numbers."""

import pytest

from amtsbrief.errors import FieldError
from amtsbrief.fields import references


@pytest.mark.parametrize(
    "text, expected",
    [
        ("012.16/15-02000.he", "012.16/15-02000.he"),  # erzgebirgskreis Unsere Zeichen, inner dots kept
        ("V I 5 – 121 333-7/1", "V I 5 – 121 333-7/1"),  # ministry reference with spaces and en dash
        ("  V I 5  –  121 333-7/1 ", "V I 5 – 121 333-7/1"),  # runs of spaces collapsed
        ("351/5913/8437", "351/5913/8437"),  # Steuernummer
        ("II 3 - 0122/15", "II 3 - 0122/15"),  # Roman numeral department
        ("II 3 - 0122/15.", "II 3 - 0122/15"),  # sentence end
        (": 012.16/15-02000.he", "012.16/15-02000.he"),  # colon left over from the label
        ("Unsere Zeichen: 012.16/15-02000.he", "012.16/15-02000.he"),  # whole label
        ("Az.: II 3 - 0122/15", "II 3 - 0122/15"),  # abbreviated label
        ("Steuernummer: 351/5913/8437", "351/5913/8437"),  # Finanzamt label
        ("Aktenzeichen (bitte stets angeben): 12-3", "12-3"),  # label with a parenthesis
        ("„B 21-123“", "B 21-123"),  # quotation marks around it
        ("Azubi-123", "Azubi-123"),  # a value that starts like a label is left alone
    ],
)
def test_references_parse_cleans_value(text, expected):
    assert references.parse(text) == expected


@pytest.mark.parametrize(
    "text, reason",
    [
        ("", "no reference"),  # empty
        ("   ", "no reference"),  # blank
        (" - ", "only punctuation"),  # a dash for "none"
        ("./.", "only punctuation"),  # the office "nil"
        ("Az.:", "only a label"),  # label without a value
    ],
)
def test_references_parse_rejects_with_reason(text, reason):
    with pytest.raises(FieldError, match=reason):
        references.parse(text)


def test_references_is_valid_answers_without_raising():
    assert references.is_valid("012.16/15-02000.he")
    assert not references.is_valid("-")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Drucksache 15/1284", [("15/1284", 11, 18)]),  # with the word
        ("Drucksache 15/1284 (15/1217)", [("15/1284", 11, 18), ("15/1217", 20, 27)]),  # saarland header: answer and inquiry
        ("vgl. Drs. 7/2345", [("7/2345", 10, 16)]),  # abbreviated word
        ("Drucksache 18/123", [("18/123", 11, 17)]),  # short number
        ("BT-Drs. 18/1234", [("18/1234", 8, 15)]),  # Bundestag
        ("Drs. 7/12", [("7/12", 5, 9)]),  # the word allows a short number
        ("siehe 7/12", []),  # bare: needs three digits after the slash
        ("Steuernummer 351/5913/8437", []),  # a chain of numbers is no Drucksache
        ("Az. II 3 - 0122/15", []),  # a reference is no Drucksache
        ("Stand 12/2015", []),  # month and year
        ("B90/Grüne", []),  # party name
    ],
)
def test_references_find_drucksache(text, expected):
    assert [(f.value, f.start, f.end) for f in references.find_drucksache(text)] == expected
