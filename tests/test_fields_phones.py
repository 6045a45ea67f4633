"""Specification of amtsbrief.fields.phones: printed phone and fax numbers to E.164."""

import pytest

from amtsbrief.errors import FieldError
from amtsbrief.fields import phones


@pytest.mark.parametrize(
    "text, expected",
    [
        ("03733 831-1012", "+4937338311012"),  # DIN 5008: area code, subscriber-extension
        ("03733/831-1012", "+4937338311012"),  # slash after the area code
        ("03733 830", "+493733830"),  # an exchange without extension
        ("(0 37 33) 8 31-10 12", "+4937338311012"),  # old style, digits in pairs, area code in parentheses
        ("(089) 2 33-1", "+49892331"),  # short Munich number
        ("0 89 / 2 33 - 2 45 67", "+498923324567"),  # spaced slash and dash
        ("+49 (0)211 5867-123", "+492115867123"),  # international with the trunk prefix in parentheses
        ("0049 211 5867-123", "+492115867123"),  # 00 for +
        ("05241 3071-2653", "+49524130712653"),  # Finanzamt Gütersloh style
        ("0800 10092675351", "+4980010092675351"),  # 16-digit printed service number, kept as printed
        ("+43 1 4000 1234", "+43140001234"),  # Austrian number keeps its country
        ("+49 30 9026-0", "+493090260"),  # Berlin with a dash before the extension
        ("0228 99 9582-0", "+492289995820"),  # Bonn federal network
        ("03733 831-1012.", "+4937338311012"),  # sentence end
    ],
)
def test_phones_parse_reads_forms(text, expected):
    assert phones.parse(text) == expected


@pytest.mark.parametrize(
    "text, reason",
    [
        ("1234 / 1234-1234", "trunk prefix"),  # pseudonymisation placeholder (nrw-msw), no leading 0
        ("831-1012", "trunk prefix"),  # subscriber number without area code
        ("07.09.2015", "a date"),  # a date
        ("2015-09-07", "a date"),  # an ISO date
        ("09456", "too few digits"),  # a postcode
        ("08 00 – 12 00", "a time range"),  # office hours (erzgebirgskreis footer), not 0800 1200
        ("0800 1234567890123456789", "too many digits"),  # more than any number holds
        ("03733 831-1012 Fax", "only digits"),  # words around it
        ("", "no phone number"),  # empty
        ("+", "not a phone number"),  # only a plus
    ],
)
def test_phones_parse_rejects_with_reason(text, reason):
    with pytest.raises(FieldError, match=reason):
        phones.parse(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("03733 831-1028", True),  # a fax number
        ("1234 / 1234-1234", False),  # a placeholder
        ("09456", False),  # a postcode
    ],
)
def test_phones_is_valid_answers_without_raising(text, expected):
    assert phones.is_valid(text) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Telefon: 03733 831-1012", [("+4937338311012", 9, 23)]),  # labelled
        ("Telefon: 03733 830, Fax: 03733 22164", [("+493733830", 9, 18), ("+49373322164", 25, 36)]),  # two numbers
        ("Tel. (0 37 33) 8 31-10 12, Fax 0 89 / 2 33 - 2 45 67.", [("+4937338311012", 5, 25), ("+498923324567", 31, 52)]),  # old styles
        ("Telefon: +49 (0)211 5867-123", [("+492115867123", 9, 28)]),  # international
        ("Datum: 07.09.2015", []),  # a date is no number
        ("09456 Annaberg-Buchholz", []),  # a postcode is no number
        ("Montag 08 00 – 12 00", []),  # office hours are no number
        ("IBAN: DE 30 8705 4000 3318 0029 67", []),  # spaced IBAN groups are no numbers
        ("IBAN DE89370400440532013000", []),  # compact IBAN
        ("BLZ: 870 540 00", []),  # bank code
        ("Konto-Nr.: 0331800 2967", []),  # an account number with a leading zero
        ("Postfach 20 03 63, 53133 Bonn", []),  # Postfach and postcode
        ("Telefon: 1234 / 1234-1234", []),  # placeholder
        ("Az. 012.16/15-02000.he", []),  # a reference
    ],
)
def test_phones_find_returns_offsets(text, expected):
    assert [(f.value, f.start, f.end) for f in phones.find(text)] == expected


def test_phones_find_offsets_cover_the_printed_number():
    text = "Telefax: 03733 831-1028 (Durchwahl)"
    (found,) = phones.find(text)
    assert text[found.start : found.end] == "03733 831-1028"
