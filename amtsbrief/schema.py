"""The output's shape: Pydantic models whose JSON dump *is* the contract (docs/FIELDS.md lists every field).

Every normal form is a type here, so a value in the wrong form cannot enter a ``Letter``:
``IsoDate`` (a ``datetime.date`` in Python, ``YYYY-MM-DD`` in JSON), ``ClockTime`` (``HH:MM``), ``PhoneNumber`` (E.164), ``Iban`` (validated,
electronic form), ``EmailAddress`` (lower case). Each serialises to a plain string.

>>> Letter().model_dump(mode="json")["references"]
{'your_reference': None, 'your_message': None, 'our_reference': None, 'date': None}
>>> References(date="2015-09-07").date
datetime.date(2015, 9, 7)
>>> References(date="2015-09-07").model_dump(mode="json")["date"]
'2015-09-07'
>>> Footer(phone="+493733830").phone
'+493733830'
>>> Footer(phone="03733 830")
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for Footer
...
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any, Literal, Union

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

Kind = Literal["answer", "inquiry", "notice", "letter"]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _matching(pattern: str, what: str) -> AfterValidator:
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            raise ValueError(f"not {what}: {value!r}")
        return value

    return AfterValidator(check)


# The JSON Schema's ``pattern`` of each normal form → its name in the field table (docs/FIELDS.md).
NORMAL_FORMS: dict[str, str] = {}


def _pattern(pattern: str, what: str) -> WithJsonSchema:
    """The normal form as the JSON Schema's ``pattern``, so that consumers of the schema see it too."""
    NORMAL_FORMS[f"^{pattern}$"] = what
    return WithJsonSchema({"type": "string", "pattern": f"^{pattern}$"})


def _valid_iban(value: str) -> str:
    from amtsbrief.fields.banking import schwifty_error  # lazy: schwifty loads its bank registry on import

    error = schwifty_error(value)
    if error is not None:
        raise ValueError(f"not a valid IBAN: {value!r} ({error})")
    if value != value.upper() or " " in value:
        raise ValueError(f"IBAN not in electronic form: {value!r}")
    return value


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: Any) -> Any:
    # Only a date or its ISO text: Pydantic alone would also take a Unix timestamp (20150907 → 1970-08-22)
    # or a datetime, and neither is a date a letter states.
    if isinstance(value, datetime.datetime):
        raise ValueError(f"a date without a time is expected, not {value!r}")
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return value
    raise ValueError(f"not an ISO date YYYY-MM-DD: {value!r}")


IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date)]
ClockTime = Annotated[str, _matching(r"(?:[01]\d|2[0-4]):[0-5]\d", "a time HH:MM"), _pattern(r"(?:[01]\d|2[0-4]):[0-5]\d", "a time HH:MM")]
# E.164 allows 15 digits; printed service numbers run longer (a 16-digit 0800 fax in a Finanzamt
# letterhead), and the contract keeps what is printed.
PhoneNumber = Annotated[str, _matching(r"\+[1-9]\d{3,17}", "an E.164 phone number"), _pattern(r"\+[1-9]\d{3,17}", "an E.164 phone number")]
EmailAddress = Annotated[str, _matching(r"[^\sA-Z@]+@[^\sA-Z@]+\.[^\sA-Z@]+", "a lower-case e-mail address"), _pattern(r"[^\sA-Z@]+@[^\sA-Z@]+\.[^\sA-Z@]+", "a lower-case e-mail address")]
Iban = Annotated[str, AfterValidator(_valid_iban)]
Bic = Annotated[str, _matching(r"[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?", "a BIC"), _pattern(r"[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?", "a BIC")]
Digits = Annotated[str, _matching(r"\d+", "digits without spaces"), _pattern(r"\d+", "digits without spaces")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


def _text(description: str) -> Any:
    """An optional text field with its meaning (the field table in docs/FIELDS.md is made from these)."""
    return Field(default=None, description=description)


class Address(_Model):
    """A postal address. Postcodes and cities as written (``W-8000``, ``München 2``)."""

    street: str | None = _text("Street and house number, or a Postfach (`Postfach 1565`).")
    postal_code: str | None = _text("Postcode as written (`09456`, `W-8000`).")
    city: str | None = _text("City as written (`Annaberg-Buchholz`, `München 2`).")


class Sender(_Model):
    """The body that wrote the letter."""

    authority: str | None = _text("The issuing body: a Landratsamt, a ministry, a court, a Finanzamt.")
    department: str | None = _text("The one unit line under the authority's name (office, Referat, Amt, "
                                   "Abteilung); a head's title such as `Der Landrat` is none.")
    address: Address = Field(default_factory=Address, description=(
        "The return-address line's address (a Postfach too), else the letterhead's postal address; "
        "never a visiting address from the footer."))


class Recipient(_Model):
    """The addressee block; a Drucksache and an e-mail have none."""

    salutation: Literal["Frau", "Herr"] | None = _text("`Frau`, `Herr` or null.")
    title: str | None = _text("Role or academic title as written (`Kreisrätin`, `Dr.`).")
    name: str | None = _text("The person's name.")
    organization: str | None = _text("The body addressed: a Fraktion, an office, a company.")
    address: Address | None = _text("The addressee's postal address, or null.")


class Contact(_Model):
    """Who handles the matter (Bearbeiter/in) and how to reach them."""

    handler: str | None = _text("The person handling the matter, only from a labelled field (Bearbeiter/in, "
                                "Sachbearbeitung, Auskunft erteilt, Ansprechpartner/in).")
    building: str | None = _text("Dienstgebäude or the handler's address, on one line.")
    room: str | None = _text("Zimmer.")
    phone: PhoneNumber | None = _text("The handler's direct telephone number, E.164 (`+4937338311012`).")
    fax: PhoneNumber | None = _text("The handler's direct fax number, E.164.")
    email: EmailAddress | None = _text("The handler's e-mail address, lower case.")


class References(_Model):
    """The reference fields of the information block or Bezugszeichenzeile, and the letter's date."""

    your_reference: str | None = _text("Ihr Zeichen / Ihre Zeichen: the addressee's own reference.")
    your_message: str | None = _text("Ihre Nachricht vom: an ISO date when the letter gives a date, else the "
                                     "text as written.")
    our_reference: str | None = _text("Unser Zeichen, Aktenzeichen (Az.), Geschäftszeichen, Steuernummer; for a "
                                      "Drucksache its own number.")
    date: IsoDate | None = _text("The letter's own date (an e-mail's sent date when its text states none); "
                                 "a `datetime.date` in Python, `YYYY-MM-DD` in JSON.")


class Subject(_Model):
    """The Betreff and its narrowing line."""

    title: str | None = _text("The subject without a `Betreff:` label; for an e-mail as written after "
                              "`Betreff:`, reply prefixes (`AW:`) included.")
    regarding: str | None = _text("The `hier:` or `Bezug:` line, without the label.")


class Inquiry(_Model):
    """The inquiry (Anfrage, Kleine Anfrage, Schriftliche Frage) that the letter answers or is."""

    date: IsoDate | None = _text("Date of the inquiry this letter answers; for an inquiry, its own date. "
                                 "A `datetime.date` in Python, `YYYY-MM-DD` in JSON.")
    reference: str | None = _text("The inquiry's own number as written: Drucksache, Anfrage Nr., Vorlage.")
    asked_by: str | None = _text("Who asked, as named: a person or a body (a Fraktion); for a letter that "
                                 "answers the recipient's question, the recipient.")
    group: str | None = _text("The asker's party or Fraktion, as written.")


class Question(_Model):
    """One question asked (numbered, labelled, or quoted in the letter's body)."""

    number: str | None = _text("The number without punctuation (`1`, `2a`, `a`); null when unnumbered.")
    text: str = Field(description="The question without its number or label.")


class Answer(_Model):
    """One answer as written, paired with its question by number where numbered."""

    question_number: str | None = _text("The number of the question answered; several as `2, 3`, in the "
                                        "order written.")
    text: str = Field(description="The answer without its label (`Zu 1.:`, `Antwort:`).")


class Signature(_Model):
    """Who signed, and in what capacity."""

    name: str | None = _text("The name as typed, without `gez.` and without the parentheses of `(Dr. Lindl)`.")
    role: str | None = _text("The signer's office: Landrat, Bürgermeisterin, Staatsminister.")
    on_behalf: Literal["i. A.", "i. V."] | None = _text("`i. A.` (im Auftrag) or `i. V.` (in Vertretung), "
                                                        "normalised; null when signed in one's own name.")


class OfficeHours(_Model):
    """One interval of one day's office hours (Sprechzeiten)."""

    day: Weekday = Field(description="An English weekday in lower case (`monday`).")
    opens: ClockTime = Field(description="Opening time, `HH:MM`.")
    closes: ClockTime = Field(description="Closing time, `HH:MM`.")


class BankAccount(_Model):
    """One bank account of the footer (Bankverbindung)."""

    bank: str | None = _text("The bank's name.")
    iban: Iban | None = _text("A valid IBAN in electronic form (no spaces, upper case); an invalid one is a "
                              "warning instead.")
    bic: Bic | None = _text("The BIC as printed.")
    bank_code: Digits | None = _text("Bankleitzahl (BLZ), digits only.")
    account_number: Digits | None = _text("Kontonummer, digits only.")


class Footer(_Model):
    """The authority's general contact details at the foot of the page."""

    office_hours: list[OfficeHours] = Field(default_factory=list, description=(
        "Office hours, one entry per day and interval, in week order; ranges (`Mo–Fr`) expanded."))
    office_hours_note: str | None = _text("Free text beside the hours (`und nach Vereinbarung`).")
    phone: PhoneNumber | None = _text("The general telephone number (an exchange, Zentrale), E.164.")
    fax: PhoneNumber | None = _text("The general fax number, E.164.")
    email: EmailAddress | None = _text("The general e-mail address, lower case.")
    website: str | None = _text("The authority's website as printed.")
    bank_accounts: list[BankAccount] = Field(default_factory=list, description="Bank accounts (Bankverbindung).")


class Attachment(_Model):
    """A file attached to an e-mail or an Outlook message: an Anlage, read but no part of the letter's fields."""

    name: str = Field(description="The attachment's file name as the message gives it.")
    media_type: str = Field(description="Its kind (`application/pdf`, `image/jpeg` …), from its bytes where "
                                        "they tell, else as declared.")
    size: int | None = _text("Its size in bytes; null for an embedded Outlook item.")
    pages: int | None = _text("Pages of a PDF attachment that was read.")
    extractor: str | None = _text("What read a PDF attachment's text (`pdfium`, `tesseract` …); null when unread.")
    text: str | None = _text("A PDF attachment's text in reading order; null for other kinds and unread files.")


class Source(_Model):
    """Where the letter came from, and the normalised text that every span points into."""

    path: str | None = _text("The file read, or null for text and bytes given in Python.")
    sha256: str | None = _text("SHA-256 of the input's bytes (of the UTF-8 text for a string).")
    media_type: str = Field(default="text/plain", description=(
        "The input's kind: `text/plain`, `message/rfc822` (an e-mail, an Outlook `.msg` too), "
        "`application/pdf`, an image type, PAGE or ALTO XML."))
    pages: int | None = _text("Pages of a PDF, scan or XML document; null for text and e-mail.")
    extractor: str = Field(default="text", description=(
        "What read the text: `text`, `email`, `msg`, `pdfium`, `pdfplumber`, `tesseract`, `page-xml`, `alto`."))
    text: str = Field(default="", description="The normalised text that every span points into.")
    attachments: list[Attachment] = Field(default_factory=list, description=(
        "An e-mail's or Outlook message's attachments (Anlagen), PDFs with their text; they fill no field."))


class Warning(_Model):  # noqa: A001 - the contract's name for it
    """Something odd or doubtful in the letter; never an exception."""

    code: str = Field(description="A stable code (`invalid-value`, `attachments`, `ocr-low-confidence` …).")
    message: str = Field(description="What was found, with the value.")
    path: str | None = _text("The field it concerns, when it concerns one.")


Box = tuple[float, float, float, float]
# A span is ``[start, end]`` into ``source.text``; laid-out input (PDF, scans, XML) appends the page
# (1-based) and the box ``[x0, top, x1, bottom]`` in points, so ``span[0]``/``span[1]`` always work.
Span = Union[tuple[int, int], tuple[int, int, int, Box]]


class Letter(_Model):
    """One parsed letter. ``Letter.model_dump(mode="json")`` is its JSON (docs/FIELDS.md)."""

    kind: Kind = Field(default="letter", description=(
        "`answer` (a reply to an inquiry or question), `inquiry` (the question itself), `notice` (a Bescheid: "
        "a decision with instructions on legal remedy), `letter` (any other)."))
    sender: Sender = Field(default_factory=Sender, description="The body that wrote the letter.")
    recipient: Recipient = Field(default_factory=Recipient, description="The addressee block.")
    delivery: str | None = _text("A dispatch note (`ausschließlich per E-Mail`, `Einschreiben`).")
    contact: Contact = Field(default_factory=Contact, description="Who handles the matter.")
    references: References = Field(default_factory=References, description="References and the letter's date.")
    copies_to: list[str] = Field(default_factory=list, description=(
        "Who receives a copy (nachrichtlich, Verteiler, Abdruck an), one entry each."))
    subject: Subject = Field(default_factory=Subject, description="The Betreff.")
    inquiry: Inquiry = Field(default_factory=Inquiry, description="The inquiry answered, or the inquiry itself.")
    salutation: str | None = _text("The whole salutation line (`Sehr geehrte Frau Kreisrätin Kahl,`).")
    body: str | None = _text("Everything between salutation and closing, paragraphs joined by one blank line; "
                             "without a salutation, from the first paragraph of content.")
    questions: list[Question] = Field(default_factory=list, description=(
        "The questions this letter asks or answers, where it states them."))
    answers: list[Answer] = Field(default_factory=list, description="The answers, one entry per answer as written.")
    closing: str | None = _text("The complimentary close (`Mit freundlichen Grüßen`).")
    signature: Signature = Field(default_factory=Signature, description="Who signed.")
    footer: Footer = Field(default_factory=Footer, description="The authority's general contact details.")
    spans: dict[str, Span] = Field(default_factory=dict, description=(
        "Provenance: every non-null leaf's path (`references.date`, `questions.0.text`) mapped to "
        "`[start, end]` in `source.text`; laid-out input adds the page and the box `[x0, top, x1, bottom]`."))
    source: Source = Field(default_factory=Source, description="Where the letter came from, and its text.")
    warnings: list[Warning] = Field(default_factory=list, description="What was odd or doubtful.")

    def to_json(self, indent: int | None = 2) -> str:
        """The letter's JSON, UTF-8 text with umlauts as written."""
        return self.model_dump_json(indent=indent)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a letter's JSON, generated from the models above.

    >>> json_schema()["properties"]["references"]["$ref"]
    '#/$defs/References'
    >>> json_schema()["$defs"]["References"]["properties"]["date"]["anyOf"][0]
    {'format': 'date', 'type': 'string'}
    """
    schema = Letter.model_json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
