"""The output's shape: Pydantic models whose JSON dump *is* the contract (shared/CONTRACT.md).

Every normal form is a type here, so a value in the wrong form cannot enter a ``Letter``:
``IsoDate`` (``YYYY-MM-DD``), ``ClockTime`` (``HH:MM``), ``PhoneNumber`` (E.164), ``Iban`` (validated,
electronic form), ``EmailAddress`` (lower case). Each serialises to a plain string.

>>> Letter().model_dump(mode="json")["references"]
{'your_reference': None, 'your_message': None, 'our_reference': None, 'date': None}
>>> Footer(phone="+493733830").phone
'+493733830'
>>> Footer(phone="03733 830")
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for Footer
...
"""

from __future__ import annotations

import re
from typing import Annotated, Literal, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

Kind = Literal["answer", "inquiry", "notice", "letter"]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _matching(pattern: str, what: str):
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            raise ValueError(f"not {what}: {value!r}")
        return value

    return AfterValidator(check)


def _valid_iban(value: str) -> str:
    from schwifty import IBAN  # lazy: schwifty loads its bank registry on import

    try:
        IBAN(value, validate_bban=False)
    except ValueError as error:
        raise ValueError(f"not a valid IBAN: {value!r} ({error})") from None
    if value != value.upper() or " " in value:
        raise ValueError(f"IBAN not in electronic form: {value!r}")
    return value


IsoDate = Annotated[str, _matching(r"\d{4}-\d{2}-\d{2}", "an ISO date YYYY-MM-DD")]
ClockTime = Annotated[str, _matching(r"(?:[01]\d|2[0-4]):[0-5]\d", "a time HH:MM")]
# E.164 allows 15 digits; printed service numbers run longer (a 16-digit 0800 fax in a Finanzamt
# letterhead), and the contract keeps what is printed.
PhoneNumber = Annotated[str, _matching(r"\+[1-9]\d{3,17}", "an E.164 phone number")]
EmailAddress = Annotated[str, _matching(r"[^\sA-Z@]+@[^\sA-Z@]+\.[^\sA-Z@]+", "a lower-case e-mail address")]
Iban = Annotated[str, AfterValidator(_valid_iban)]
Bic = Annotated[str, _matching(r"[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?", "a BIC")]
Digits = Annotated[str, _matching(r"\d+", "digits without spaces")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Address(_Model):
    """A postal address. Postcodes and cities as written (``W-8000``, ``München 2``)."""

    street: str | None = None
    postal_code: str | None = None
    city: str | None = None


class Sender(_Model):
    authority: str | None = None
    department: str | None = None
    address: Address = Field(default_factory=Address)


class Recipient(_Model):
    salutation: Literal["Frau", "Herr"] | None = None
    title: str | None = None
    name: str | None = None
    organization: str | None = None
    address: Address | None = None


class Contact(_Model):
    handler: str | None = None
    building: str | None = None
    room: str | None = None
    phone: PhoneNumber | None = None
    fax: PhoneNumber | None = None
    email: EmailAddress | None = None


class References(_Model):
    your_reference: str | None = None
    your_message: str | None = None  # an ISO date when the letter gives one, else its text
    our_reference: str | None = None
    date: IsoDate | None = None


class Subject(_Model):
    title: str | None = None
    regarding: str | None = None


class Inquiry(_Model):
    date: IsoDate | None = None
    reference: str | None = None
    asked_by: str | None = None
    group: str | None = None


class Question(_Model):
    number: str | None = None
    text: str


class Answer(_Model):
    question_number: str | None = None  # "2, 3" when one answer covers several questions
    text: str


class Signature(_Model):
    name: str | None = None
    role: str | None = None
    on_behalf: Literal["i. A.", "i. V."] | None = None


class OfficeHours(_Model):
    day: Weekday
    opens: ClockTime
    closes: ClockTime


class BankAccount(_Model):
    bank: str | None = None
    iban: Iban | None = None
    bic: Bic | None = None
    bank_code: Digits | None = None
    account_number: Digits | None = None


class Footer(_Model):
    office_hours: list[OfficeHours] = Field(default_factory=list)
    office_hours_note: str | None = None
    phone: PhoneNumber | None = None
    fax: PhoneNumber | None = None
    email: EmailAddress | None = None
    website: str | None = None
    bank_accounts: list[BankAccount] = Field(default_factory=list)


class Source(_Model):
    """Where the letter came from, and the normalised text that every span points into."""

    path: str | None = None
    sha256: str | None = None
    media_type: str = "text/plain"
    pages: int | None = None
    extractor: str = "text"
    text: str = ""


class Warning(_Model):  # noqa: A001 - the contract's name for it
    code: str
    message: str
    path: str | None = None


Box = tuple[float, float, float, float]
# A span is ``[start, end]`` into ``source.text``; laid-out input (PDF, scans, XML) appends the page
# (1-based) and the box ``[x0, top, x1, bottom]`` in points, so ``span[0]``/``span[1]`` always work.
Span = Union[tuple[int, int], tuple[int, int, int, Box]]


class Letter(_Model):
    """One parsed letter. ``Letter.model_dump(mode="json")`` is the JSON of shared/CONTRACT.md."""

    kind: Kind = "letter"
    sender: Sender = Field(default_factory=Sender)
    recipient: Recipient = Field(default_factory=Recipient)
    delivery: str | None = None
    contact: Contact = Field(default_factory=Contact)
    references: References = Field(default_factory=References)
    copies_to: list[str] = Field(default_factory=list)
    subject: Subject = Field(default_factory=Subject)
    inquiry: Inquiry = Field(default_factory=Inquiry)
    salutation: str | None = None
    body: str | None = None
    questions: list[Question] = Field(default_factory=list)
    answers: list[Answer] = Field(default_factory=list)
    closing: str | None = None
    signature: Signature = Field(default_factory=Signature)
    footer: Footer = Field(default_factory=Footer)
    spans: dict[str, Span] = Field(default_factory=dict)
    source: Source = Field(default_factory=Source)
    warnings: list[Warning] = Field(default_factory=list)

    def to_json(self, indent: int | None = 2) -> str:
        """The contract's JSON, UTF-8 text with umlauts as written."""
        return self.model_dump_json(indent=indent)
