"""Bankverbindung (bank details): IBAN, BIC, Bankleitzahl (bank code) and Kontonummer (account number).

A letter's footer states the authority's account, often twice: the old national pair
(``Konto-Nr.: 331800 2967``, ``BLZ: 870 540 00``) and the SEPA pair (``IBAN: DE 30 8705 4000 3318 0029
67``, ``BIC: WELADED1STB``). Each value is read as the letter states it; none is derived from another
(no bank code taken from an IBAN, no BIC looked up).

- IBAN (International Bank Account Number, ISO 13616): country code, two check digits, the national
  account (BBAN). Returned in electronic form (no spaces, upper case) and only when valid: known
  country, that country's length, ISO 7064 mod 97-10 check digits. Validated with schwifty (national
  BBAN checks are not applied). A string that looks like an IBAN but fails is reported by
  :func:`find_invalid_ibans`, so the caller can warn about it.
- BIC (Business Identifier Code, ISO 9362): 4 letters bank, 2 letters country, 2 letters/digits
  location, optionally 3 letters/digits branch; 8 or 11 characters.
- Bankleitzahl: 8 digits; the first names the clearing area (1–8), so it is never 0 or 9.
- Kontonummer: 1 to 10 digits, leading zeros kept as written.

>>> parse_iban('DE 30 8705 4000 3318 0029 67')
'DE30870540003318002967'
>>> parse_iban('DE31 8705 4000 3318 0029 67')
Traceback (most recent call last):
...
amtsbrief.errors.FieldError: IBAN check digits do not match (mod 97): 'DE31 8705 4000 3318 0029 67'
>>> parse_iban('DE30 8705 4000 3318 0029')
Traceback (most recent call last):
...
amtsbrief.errors.FieldError: IBAN has 20 characters, DE IBANs have 22: 'DE30 8705 4000 3318 0029'
>>> [(f.value, f.start, f.end) for f in find_ibans('IBAN: DE 30 8705 4000 3318 0029 67')]
[('DE30870540003318002967', 6, 34)]
>>> [f.value for f in find_invalid_ibans('IBAN: DE31 8705 4000 3318 0029 67')]
['DE31870540003318002967']
>>> parse_bic('weladed1stb'), parse_bank_code('870 540 00'), parse_account_number('331800 2967')
('WELADED1STB', '87054000', '3318002967')
>>> parse_bic('WELA DE')
Traceback (most recent call last):
...
amtsbrief.errors.FieldError: a BIC has 8 or 11 characters, not 6: 'WELA DE'
"""

from __future__ import annotations

import re
from functools import lru_cache

from amtsbrief.errors import FieldError
from amtsbrief.fields import Found, validity_of

__all__ = [
    "parse_iban",
    "is_valid_iban",
    "find_ibans",
    "find_invalid_ibans",
    "parse_bic",
    "is_valid_bic",
    "parse_bank_code",
    "is_valid_bank_code",
    "parse_account_number",
    "is_valid_account_number",
]

_IBAN_SHAPE = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$")
# In running text: a country code, two digits, then groups (of four when spaced) up to 34 characters.
# Upper case only, so ordinary words never start one; followed by no letter or digit.
_IBAN_CANDIDATE = re.compile(
    r"(?<![A-Za-z0-9])[A-Z]{2} ?\d{2}(?: ?[A-Z0-9]{4}){2,7}+(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])"
)
_SEPARATORS = re.compile(r"[\s\-.]+")
_LABEL = re.compile(r"^(?:IBAN|BIC|SWIFT|BLZ|Konto(?:-?Nr\.?|nummer)?|Kto\.?(?:-?Nr\.?)?)\s*:?\s*", re.I)
_BIC = re.compile(r"^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$")
_TRAIL = ".,;:)"


@lru_cache(maxsize=1)
def _iban_countries() -> frozenset[str]:
    from schwifty import registry  # lazy: schwifty loads its registry on first use

    return frozenset(registry.get_countries())


def _iban_length(country: str) -> int:
    from schwifty import registry

    return registry.get_iban_spec(country).iban_length


def _mod97(compact: str) -> int:
    """ISO 7064 mod 97-10 over the IBAN with its first four characters moved to the end."""
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(char, 36)) for char in rearranged)) % 97


def _compact(text: str) -> str:
    return _SEPARATORS.sub("", _LABEL.sub("", text.strip()).rstrip(_TRAIL)).upper()


def _check_iban(compact: str, text: str) -> str:
    """The validation steps, one message each; the compact IBAN when all pass."""
    if not compact:
        raise FieldError(text, "no IBAN given")
    if not _IBAN_SHAPE.match(compact):
        raise FieldError(text, "not an IBAN: expected a country code, two check digits and 11 to 30 letters or digits")
    country = compact[:2]
    if country not in _iban_countries():
        raise FieldError(text, f"country {country} has no IBANs")
    length = _iban_length(country)
    if len(compact) != length:
        raise FieldError(text, f"IBAN has {len(compact)} characters, {country} IBANs have {length}")
    if _mod97(compact) != 1:
        raise FieldError(text, "IBAN check digits do not match (mod 97)")
    error = schwifty_error(compact)  # schwifty has the last word (its country structure rules), national checks aside
    if error is not None:
        raise FieldError(text, f"not a valid IBAN ({error})")
    return compact


@lru_cache(maxsize=1024)  # ~20 µs a call; the schema checks again each IBAN the footer read, and a batch's letters repeat their accounts
def schwifty_error(iban: str) -> str | None:
    """What schwifty finds wrong with ``iban`` (its country's structure; the bank part is not checked), or None."""
    from schwifty import IBAN

    try:
        IBAN(iban, validate_bban=False)
    except ValueError as error:
        return str(error)
    return None


def parse_iban(text: str) -> str:
    """Read a string that is one IBAN; its electronic form, or FieldError saying why it is invalid."""
    if not isinstance(text, str):
        raise FieldError(text, "not a string")
    compact = _compact(text)
    try:
        return _check_iban(compact, text)
    except FieldError:
        repaired = _read_as_digits(compact)
        if repaired is None:
            raise
        return repaired


is_valid_iban = validity_of(parse_iban, """Whether ``text`` is one valid IBAN.""")


def _iban_candidates(text: str):
    """(compact, start, end, valid) for each IBAN-looking string in ``text``."""
    if not isinstance(text, str) or not text:
        return
    for match in _IBAN_CANDIDATE.finditer(text):
        compact = match.group().replace(" ", "")
        if compact[:2] not in _iban_countries():
            continue  # "AB12 3456 …" with no IBAN country is no IBAN, not an invalid one
        try:
            _check_iban(compact, match.group())
        except FieldError:
            trimmed = _trimmed(compact, match)
            repaired = _read_as_digits(compact) if trimmed is None else None
            if repaired is not None:
                yield repaired, match.start(), match.end(), True
            elif trimmed is None:
                yield compact, match.start(), match.end(), False
            else:
                yield trimmed[0], match.start(), trimmed[1], True
        else:
            yield compact, match.start(), match.end(), True


_SPEC_KINDS = re.compile(r"\d+!?([nac])")
_AS_DIGIT = str.maketrans({"O": "0", "D": "0", "I": "1", "L": "1", "S": "5", "B": "8"})


def _read_as_digits(compact: str) -> str | None:
    """An IBAN whose account part OCR read with letters for digits (``DE89 37O4 OO44 …``), where its
    country's account part has digits only: the IBAN with those letters read as digits, if then valid.
    The check digits prove the reading; an IBAN they do not prove stays invalid."""
    from schwifty import registry

    if compact[:2] not in _iban_countries():
        return None
    # An account part of digits only is written "8!n10!n" in the IBAN registry (a for letters, c for both).
    if set(_SPEC_KINDS.findall(registry.get_iban_spec(compact[:2]).bban_spec)) == {"n"}:
        digits = compact[:4] + compact[4:].translate(_AS_DIGIT)  # the check digits are read as they stand
        if digits != compact:
            try:
                return _check_iban(digits, compact)
            except FieldError:
                return None
    return None


def _trimmed(compact: str, match: re.Match[str]) -> tuple[str, int] | None:
    """A valid IBAN at the start of an over-long candidate ("… 0029 67 1234"), with its end offset.

    Only where the country's length ends on a group boundary, so that nothing is cut mid-group.
    """
    length = _iban_length(compact[:2])
    if len(compact) <= length:
        return None
    seen = 0
    for position, char in enumerate(match.group()):
        if char != " ":
            seen += 1
        if seen == length:
            rest = match.group()[position + 1 :]
            if not rest.startswith(" "):
                return None
            try:
                return _check_iban(compact[:length], compact), match.start() + position + 1
            except FieldError:
                return None
    return None


def find_ibans(text: str) -> list[Found[str]]:
    """Every valid IBAN inside ``text`` (compact or spaced in groups), electronic form, with offsets."""
    return [Found(compact, start, end) for compact, start, end, valid in _iban_candidates(text) if valid]


def find_invalid_ibans(text: str) -> list[Found[str]]:
    """Strings in ``text`` that look like IBANs but fail validation, compacted, with offsets.

    The caller turns them into warnings; they are never values.
    """
    return [Found(compact, start, end) for compact, start, end, valid in _iban_candidates(text) if not valid]


def parse_bic(text: str) -> str:
    """Read a string that is one BIC (SWIFT code): upper case, 8 or 11 characters."""
    if not isinstance(text, str):
        raise FieldError(text, "not a string")
    compact = _compact(text)
    if not compact:
        raise FieldError(text, "no BIC given")
    if len(compact) not in (8, 11):
        raise FieldError(text, f"a BIC has 8 or 11 characters, not {len(compact)}")
    if not compact[:4].isalpha() or not compact[:4].isascii():
        raise FieldError(text, "a BIC begins with four letters for the bank")
    if not compact[4:6].isalpha() or not compact[4:6].isascii():
        raise FieldError(text, "a BIC has a two-letter country code in characters 5 and 6")
    if not _BIC.match(compact):
        raise FieldError(text, "a BIC's location and branch are letters or digits")
    return compact


is_valid_bic = validity_of(parse_bic, """Whether ``text`` is one structurally valid BIC.""")


def _digits_only(text: object, what: str) -> str:
    if not isinstance(text, str):
        raise FieldError(text, "not a string")
    # Old forms set digits apart with spaces or a hyphen ("3 60-607"), and stand in parentheses.
    compact = re.sub(r"[\s\-]+", "", _LABEL.sub("", text.strip().strip("()")).rstrip(_TRAIL).strip("()"))
    if not compact:
        raise FieldError(text, f"no {what} given")
    if not (compact.isdigit() and compact.isascii()):
        raise FieldError(text, f"a {what} has only digits")
    return compact


def parse_bank_code(text: str) -> str:
    """Read a Bankleitzahl: 8 digits once spaces are removed (``870 540 00`` → ``87054000``)."""
    compact = _digits_only(text, "bank code")
    if len(compact) != 8:
        raise FieldError(text, f"a bank code has 8 digits, not {len(compact)}")
    if compact[0] in "09":
        raise FieldError(text, "a bank code begins with a clearing area 1 to 8")
    return compact


is_valid_bank_code = validity_of(parse_bank_code, """Whether ``text`` is one Bankleitzahl.""")


def parse_account_number(text: str) -> str:
    """Read a Kontonummer: 1 to 10 digits once spaces are removed (``331800 2967`` → ``3318002967``)."""
    compact = _digits_only(text, "account number")
    if len(compact) > 10:
        raise FieldError(text, f"an account number has at most 10 digits, not {len(compact)}")
    return compact


is_valid_account_number = validity_of(parse_account_number, """Whether ``text`` is one Kontonummer.""")
