"""Specification of amtsbrief.fields.banking: IBAN, BIC, Bankleitzahl and Kontonummer."""

import pytest

from amtsbrief.errors import FieldError
from amtsbrief.fields import banking


@pytest.mark.parametrize(
    "text, expected",
    [
        ("DE30870540003318002967", "DE30870540003318002967"),  # electronic form already
        ("DE 30 8705 4000 3318 0029 67", "DE30870540003318002967"),  # erzgebirgskreis footer spacing
        ("DE30 8705 4000 3318 0029 67", "DE30870540003318002967"),  # DIN 5008 groups of four
        ("de30 8705 4000 3318 0029 67", "DE30870540003318002967"),  # lower case
        ("IBAN: DE89 3704 0044 0532 0130 00", "DE89370400440532013000"),  # with its label
        ("DE89-3704-0044-0532-0130-00.", "DE89370400440532013000"),  # dashes and a full stop
        ("GB29 NWBK 6016 1331 9268 19", "GB29NWBK60161331926819"),  # letters in the BBAN
        ("AT61 1904 3002 3457 3201", "AT611904300234573201"),  # a shorter country
    ],
)
def test_banking_parse_iban_reads_forms(text, expected):
    assert banking.parse_iban(text) == expected


@pytest.mark.parametrize(
    "text, reason",
    [
        ("DE31 8705 4000 3318 0029 67", "check digits"),  # one check digit off
        ("DE30 8705 4000 3318 0029 76", "check digits"),  # two digits swapped
        ("DE30 8705 4000 3318 0029", "DE IBANs have 22"),  # too short for Germany
        ("DE30 8705 4000 3318 0029 6712", "DE IBANs have 22"),  # too long for Germany
        ("XX30 8705 4000 3318 0029 67", "country XX"),  # no such IBAN country
        ("DE3O 8705 4000 3318 0029 67", "not an IBAN"),  # letter O for a zero in the check digits
        ("", "no IBAN"),  # empty
        ("Sparkasse", "not an IBAN"),  # a word
    ],
)
def test_banking_parse_iban_says_why(text, reason):
    with pytest.raises(FieldError, match=reason):
        banking.parse_iban(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("IBAN: DE 30 8705 4000 3318 0029 67", [("DE30870540003318002967", 6, 34)]),  # spaced, labelled
        ("IBAN DE89370400440532013000 BIC COBADEFFXXX", [("DE89370400440532013000", 5, 27)]),  # compact, BIC after
        ("DE89 3704 0044 0532 0130 00 WELADED1STB", [("DE89370400440532013000", 0, 27)]),  # BIC on the same line
        (
            "IBAN DE30 8705 4000 3318 0029 67, IBAN DE89 3704 0044 0532 0130 00",
            [("DE30870540003318002967", 5, 32), ("DE89370400440532013000", 39, 66)],
        ),  # two accounts
        ("IBAN: DE31 8705 4000 3318 0029 67", []),  # invalid: not a value
        ("AB12 3456 7890 1234 56", []),  # no IBAN country
        ("Die Kasse DES Landkreises", []),  # capitals in words
    ],
)
def test_banking_find_ibans_returns_only_valid(text, expected):
    assert [(f.value, f.start, f.end) for f in banking.find_ibans(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("IBAN: DE31 8705 4000 3318 0029 67", ["DE31870540003318002967"]),  # wrong check digits
        ("IBAN: DE30 8705 4000 3318 0029", ["DE308705400033180029"]),  # too short
        ("IBAN: DE 30 8705 4000 3318 0029 67", []),  # valid: not reported
        ("AB12 3456 7890 1234 56", []),  # no IBAN country: does not look like an IBAN
    ],
)
def test_banking_find_invalid_ibans_reports_failures(text, expected):
    assert [f.value for f in banking.find_invalid_ibans(text)] == expected


def test_banking_is_valid_iban_answers_without_raising():
    assert banking.is_valid_iban("DE30870540003318002967")
    assert not banking.is_valid_iban("DE31870540003318002967")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("WELADED1STB", "WELADED1STB"),  # 11 characters with branch
        ("COBADEFF", "COBADEFF"),  # 8 characters
        ("weladed1stb", "WELADED1STB"),  # lower case
        ("BIC: WELA DE D1 STB", "WELADED1STB"),  # label and spaces
    ],
)
def test_banking_parse_bic_reads_forms(text, expected):
    assert banking.parse_bic(text) == expected


@pytest.mark.parametrize(
    "text, reason",
    [
        ("WELADE", "8 or 11"),  # too short
        ("WELADED1ST", "8 or 11"),  # 10 characters
        ("WE1ADED1STB", "four letters"),  # digit in the bank code
        ("WELA12D1STB", "country code"),  # digits for the country
        ("", "no BIC"),  # empty
    ],
)
def test_banking_parse_bic_says_why(text, reason):
    with pytest.raises(FieldError, match=reason):
        banking.parse_bic(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("870 540 00", "87054000"),  # erzgebirgskreis footer spacing
        ("87054000", "87054000"),  # compact
        ("BLZ: 370 400 44", "37040044"),  # with its label
    ],
)
def test_banking_parse_bank_code_reads_forms(text, expected):
    assert banking.parse_bank_code(text) == expected


@pytest.mark.parametrize(
    "text, reason",
    [
        ("870 540", "8 digits"),  # too short
        ("870 540 001", "8 digits"),  # too long
        ("070 540 00", "clearing area"),  # no clearing area 0
        ("870 54O 00", "only digits"),  # letter O
        ("", "no bank code"),  # empty
    ],
)
def test_banking_parse_bank_code_says_why(text, reason):
    with pytest.raises(FieldError, match=reason):
        banking.parse_bank_code(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("331800 2967", "3318002967"),  # erzgebirgskreis footer spacing
        ("0532013000", "0532013000"),  # leading zero kept
        ("12345", "12345"),  # short account
        ("3 60-607", "360607"),  # old Postgiro form, digits set apart by a space and a hyphen
        ("(100 010 19)", "10001019"),  # in parentheses after the bank's name
    ],
)
def test_banking_parse_account_number_reads_forms(text, expected):
    assert banking.parse_account_number(text) == expected


@pytest.mark.parametrize(
    "text, reason",
    [
        ("12345678901", "at most 10"),  # eleven digits
        ("3318/002967", "only digits"),  # a slash is no digit separator
        ("", "no account number"),  # empty
    ],
)
def test_banking_parse_account_number_says_why(text, reason):
    with pytest.raises(FieldError, match=reason):
        banking.parse_account_number(text)


def test_an_iban_read_with_o_for_zero_is_valid_where_its_check_digits_prove_the_reading():
    assert [found.value for found in banking.find_ibans("IBAN: DE89 3704 OO44 O532 O13O OO")] == ["DE89370400440532013000"]


def test_an_iban_with_letters_for_digits_that_its_check_digits_do_not_prove_stays_invalid():
    assert banking.find_ibans("IBAN: DE89 3704 OO44 O532 O13O O1") == []
    assert banking.find_invalid_ibans("IBAN: DE89 3704 OO44 O532 O13O O1")
