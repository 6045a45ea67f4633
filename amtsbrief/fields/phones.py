"""Telefon- und Telefaxnummer (telephone and fax number), returned in E.164 form.

Letters print numbers in many German styles (DIN 5008 and older); all become E.164 without spaces,
read as German numbers unless a country code is given:

- ``03733 831-1012``, ``03733/831-1012``, ``05241 3071-2653`` (area code, subscriber, extension);
- ``(0 37 33) 8 31-10 12``, ``(089) 2 33-1``, ``0 89 / 2 33 - 2 45 67`` (older spaced styles);
- ``+49 (0)211 5867-123``, ``0049 211 5867-123`` (international, with or without the ``(0)``);
- ``+43 1 4000 …`` keeps its country;
- ``0800 10092675351``: a printed service number longer than E.164 allows is converted as printed,
  not rejected (the contract keeps what is printed).

A German national number must begin with the trunk prefix ``0``: a placeholder such as
``1234 / 1234-1234`` is no readable number. Dates, postcodes, bank codes and IBANs are not numbers.
The ``phonenumbers`` library splits the country code and formats; it is imported lazily.

>>> parse('03733 831-1012')
'+4937338311012'
>>> parse('+49 (0)211 5867-123')
'+492115867123'
>>> parse('0800 10092675351')
'+4980010092675351'
>>> parse('1234 / 1234-1234')
Traceback (most recent call last):
...
amtsbrief.errors.FieldError: a German number must begin with the trunk prefix 0 or a country code: '1234 / 1234-1234'
>>> parse('07.09.2015')
Traceback (most recent call last):
...
amtsbrief.errors.FieldError: a date, not a phone number: '07.09.2015'
>>> is_valid('09456')
False
>>> [(f.value, f.start, f.end) for f in find('Telefon: 03733 830, Fax: 03733 22164')]
[('+493733830', 9, 18), ('+49373322164', 25, 36)]
"""

from __future__ import annotations

import re
from functools import lru_cache

from amtsbrief.errors import FieldError
from amtsbrief.fields import Found, validity_of

__all__ = ["parse", "is_valid", "find"]

# Everything a printed number may contain besides digits: grouping spaces, slash, dashes, parentheses.
_ALLOWED = re.compile(r"^\+?[\d\s/()\-–.]*$")
# "08 00 – 12 00" in a footer's office hours: two times, however much it looks like "0800 1200".
_TIME_RANGE = re.compile(r"^\d{1,2}[\s:.]\d{2}\s*[-–]\s*\d{1,2}[\s:.]\d{2}$")
_DATE = re.compile(r"^\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d{2})$|^\d{4}-\d{2}-\d{2}$")
# "+49 (0)211": the "(0)" is the trunk prefix, dropped when dialling from abroad.
_TRUNK_IN_PARENS = re.compile(r"^(\+\d{1,3})\s*\(\s*0\s*\)")
_LABEL_END = re.compile(r"[:\s]+$")

# A candidate inside running text: starts with "+", "(" or a digit, at the start of a token and not
# in the middle of a longer digit group sequence ("DE 30 8705 4000 …": "\d " before it); runs over
# digits joined by single spaces, slashes, dashes and parentheses; ends on a digit. Dots are not
# joiners, so dates ("07.09.2015") never form a candidate. Possessive, so it never backtracks.
_CANDIDATE = re.compile(
    r"(?<![\w+/.,\-–])(?<!\d )"
    r"(?:\+|\(\s?)?\d(?:\d|\(\s?(?=\d)|\)\s?(?=\d)|\s?[/\-–]\s?(?=\d|\(\s?\d)|\s(?=\d|\(\s?\d))*+"
    r"(?<=\d)(?![\d]|[.,]\d|[\-–/]\d)"
)
# Digits after these labels are bank or tax data, whatever they look like.
_NOT_PHONE_LABEL = re.compile(
    r"(?:Konto(?:nummer)?|Kto|BLZ|Bankleitzahl|IBAN|BIC|Steuer-?nummer|St\.?-?Nr|Kassenzeichen"
    r"|Az|Aktenzeichen|Postfach|PLZ)\.?(?:-?Nr)?\.?:?\s*$",
    re.IGNORECASE,
)
_MIN_NATIONAL = 6  # shortest German area code + subscriber seen: "(089) 2 33-1"; postcodes have 5
_MAX_DIGITS = 17  # the schema's E.164 pattern allows up to 18 digits after "+"


@lru_cache(maxsize=1)
def _phonenumbers():
    import phonenumbers  # lazy: loads metadata on first use

    return phonenumbers


def _digits(text: str) -> str:
    """``+`` and digits only, with ``00`` read as ``+`` and ``+49 (0)`` as ``+49``."""
    text = _TRUNK_IN_PARENS.sub(r"\1", text.strip())
    digits = re.sub(r"\D", "", text)
    if text.startswith("+"):
        return "+" + digits
    if digits.startswith("00"):
        return "+" + digits[2:]
    return digits


def parse(text: str, region: str = "DE") -> str:
    """Read a string that is one phone or fax number and return it in E.164 form."""
    if not isinstance(text, str):
        raise FieldError(text, "not a string")
    cleaned = text.strip().rstrip(".,;:")
    if not cleaned:
        raise FieldError(text, "no phone number given")
    if _DATE.match(cleaned):
        raise FieldError(text, "a date, not a phone number")
    if _TIME_RANGE.match(cleaned):
        raise FieldError(text, "a time range, not a phone number")
    if not _ALLOWED.match(cleaned):
        raise FieldError(text, "a phone number holds only digits, spaces, '+', '/', '-' and parentheses")
    digits = _digits(cleaned)
    if not digits.startswith("+") and not digits.startswith("0"):
        raise FieldError(text, "a German number must begin with the trunk prefix 0 or a country code")
    if len(digits.lstrip("+")) > _MAX_DIGITS:
        raise FieldError(text, "too many digits for a phone number")
    e164, problem = _e164(digits, region)
    if problem:
        raise FieldError(text, problem)
    return e164


@lru_cache(maxsize=4096)  # ~0.1 ms a call; a batch's letters repeat their authorities' numbers
def _e164(digits: str, region: str) -> tuple[str, str | None]:
    """``digits`` in E.164 form, or what is wrong with them (a pure function of its arguments)."""
    phonenumbers = _phonenumbers()
    try:
        number = phonenumbers.parse(digits, region)
    except phonenumbers.NumberParseException as error:
        return "", f"not a phone number ({error._msg})"
    national = str(number.national_number)
    if number.italian_leading_zero:
        national = "0" * (number.number_of_leading_zeros or 1) + national
    if len(national) < _MIN_NATIONAL:
        return "", "too few digits for a phone number"
    return f"+{number.country_code}{national}", None


is_valid = validity_of(parse, """Whether ``text`` is one readable phone number.""")


def find(text: str, region: str = "DE") -> list[Found[str]]:
    """Every phone number inside ``text`` with offsets; dates, postcodes and bank data are skipped."""
    if not isinstance(text, str) or not text:
        return []
    found: list[Found[str]] = []
    for match in _CANDIDATE.finditer(text):
        if _NOT_PHONE_LABEL.search(text, max(0, match.start() - 30), match.start()):
            continue
        try:
            value = parse(match.group(), region)
        except FieldError:
            # A number run on from other digits ("VST 34 05241 3071-2653"): try from each later group
            # that can open a number (trunk prefix, country code, area code in parentheses).
            for group in re.finditer(r"(?<=\s)[0+(]", match.group()):
                try:
                    value = parse(match.group()[group.start():], region)
                except FieldError:
                    continue
                found.append(Found(value, match.start() + group.start(), match.end()))
                break
            continue
        found.append(Found(value, match.start(), match.end()))
    return found
