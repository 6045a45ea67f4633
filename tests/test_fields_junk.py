"""Every field reader takes junk calmly: a value or FieldError comes back, never another exception.

Modelled on python-stdnum's robustness test: ``None``, ``''``, ``'€'``, bytes and arbitrary text go to
every ``parse``/``find``/``is_valid`` of ``amtsbrief.fields``.
"""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amtsbrief.errors import FieldError
from amtsbrief.fields import (
    Found,
    addresses,
    banking,
    dates,
    emails,
    office_hours,
    persons,
    phones,
    references,
    signatures,
    web,
)

# Readers of one string that return a value or raise FieldError.
PARSERS = [
    dates.parse,
    dates.parse_time,
    phones.parse,
    banking.parse_iban,
    banking.parse_bic,
    banking.parse_bank_code,
    banking.parse_account_number,
    emails.parse,
    web.parse,
    office_hours.parse,
    addresses.parse_postal_line,
    addresses.parse,
    persons.parse,
    persons.from_salutation,
    persons.normalise_salutation,
    references.parse,
]
# Questions that answer True/False and never raise.
PREDICATES = [
    dates.is_valid,
    phones.is_valid,
    banking.is_valid_iban,
    banking.is_valid_bic,
    banking.is_valid_bank_code,
    banking.is_valid_account_number,
    emails.is_valid,
    web.is_valid,
    office_hours.is_valid,
    addresses.is_postal_line,
    addresses.is_street_line,
    persons.is_valid,
    references.is_valid,
]
# Searches that return a list of Found and never raise.
FINDERS = [
    dates.find,
    phones.find,
    banking.find_ibans,
    banking.find_invalid_ibans,
    emails.find,
    web.find,
    references.find_drucksache,
]
# Readers of a list of lines.
LINE_PARSERS = [addresses.parse_lines, signatures.parse]

JUNK = [None, "", "€", b"07.09.2015", b"\xff\xfe", " ", "\n\n", "0", "-", "()", "+", "@", "Mo", "DE", 3, 7.5, ["x"]]

# Text made of the pieces these readers look for, so that the sweep reaches deep into them.
PIECES = st.sampled_from(
    ["0", "1", "2", "9", "00", "15", "2015", ".", ",", ":", "/", "-", "–", " ", "  ", "\n", "(", ")", "+", "@",
     "Mo", "Fr", "bis", "Uhr", "und", "Sept.", "Januar", "März", "DE", "IBAN", "www.", ".de", "Herr", "Frau",
     "Dr.", "i. A.", "gez.", "Postfach", "Str.", "Drs.", "€", "ß", "ü", "\u200b", "\x00"]
)
DOMAIN_TEXT = st.lists(PIECES, max_size=25).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=60), DOMAIN_TEXT)

SWEEP = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _name(function):
    return f"{function.__module__.rsplit('.', 1)[-1]}.{function.__name__}"


def _check_parser(function, value):
    try:
        result = function(value)
    except FieldError:
        return
    assert result is not None


@pytest.mark.parametrize("function", PARSERS, ids=_name)
@pytest.mark.parametrize("value", JUNK, ids=repr)
def test_junk_parsers_raise_only_field_error(function, value):
    _check_parser(function, value)


@pytest.mark.parametrize("function", PREDICATES, ids=_name)
@pytest.mark.parametrize("value", JUNK, ids=repr)
def test_junk_predicates_answer_bool(function, value):
    assert function(value) in (True, False)


@pytest.mark.parametrize("function", FINDERS, ids=_name)
@pytest.mark.parametrize("value", JUNK, ids=repr)
def test_junk_finders_return_lists(function, value):
    found = function(value)
    assert isinstance(found, list)


@pytest.mark.parametrize("function", LINE_PARSERS, ids=_name)
@pytest.mark.parametrize("value", JUNK + [[None], ["", "€"], [b"x"], ("i. A.", "Müller")], ids=repr)
def test_junk_line_parsers_raise_only_field_error(function, value):
    _check_parser(function, value)


@pytest.mark.parametrize("function", PARSERS, ids=_name)
@SWEEP
@given(text=ANY_TEXT)
def test_junk_parsers_sweep(function, text):
    _check_parser(function, text)


@pytest.mark.parametrize("function", PREDICATES, ids=_name)
@SWEEP
@given(text=ANY_TEXT)
def test_junk_predicates_sweep(function, text):
    assert function(text) in (True, False)


@pytest.mark.parametrize("function", FINDERS, ids=_name)
@SWEEP
@given(text=ANY_TEXT)
def test_junk_finders_sweep(function, text):
    found = function(text)
    assert isinstance(found, list)
    for item in found:
        assert isinstance(item, Found)
        assert 0 <= item.start < item.end <= len(text)


@SWEEP
@given(text=ANY_TEXT)
def test_junk_dates_found_values_are_dates(text):
    assert all(isinstance(item.value, datetime.date) for item in dates.find(text))


@SWEEP
@given(text=ANY_TEXT)
def test_junk_phones_found_values_fit_the_schema(text):
    from amtsbrief.schema import Contact

    for item in phones.find(text):
        Contact(phone=item.value)


@SWEEP
@given(text=ANY_TEXT)
def test_junk_emails_found_values_fit_the_schema(text):
    from amtsbrief.schema import Contact

    for item in emails.find(text):
        Contact(email=item.value)


@SWEEP
@given(text=ANY_TEXT)
def test_junk_office_hours_entries_fit_the_schema(text):
    from amtsbrief.schema import OfficeHours

    try:
        reading = office_hours.parse(text)
    except FieldError:
        return
    for day, opens, closes in reading.entries:
        OfficeHours(day=day, opens=opens, closes=closes)


@pytest.mark.parametrize("function", LINE_PARSERS, ids=_name)
@SWEEP
@given(lines=st.lists(ANY_TEXT, max_size=6))
def test_junk_line_parsers_sweep(function, lines):
    _check_parser(function, lines)
