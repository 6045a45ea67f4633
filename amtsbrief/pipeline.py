"""The pipeline: load → normalise → segment → extract → assemble, data flowing one way.

Each stage is a function with one job; the extractors run in a fixed order, from the most to the least
reliable source of a value (the first value written to a path wins, see :class:`Draft`).
"""

from __future__ import annotations

import re
from typing import Callable

from amtsbrief.config import DEFAULT_CONFIG, ParserConfig
from amtsbrief.errors import DecodingError, FieldError, NotALetterError, TooLargeError
from amtsbrief.extract import body, closing, footer, header, inquiry
from amtsbrief.extract.draft import Draft
from amtsbrief.fields import ocr_words
from amtsbrief.load import EMAIL, LoadedDocument
from amtsbrief.normalise import normalise_quoting, normalise_with_origin
from amtsbrief.schema import Letter, Source
from amtsbrief.segment import Segmentation, segment
from amtsbrief.assemble import assemble

Extractor = Callable[[Segmentation, Draft], None]

# In order: a Drucksache names its answering body before any letterhead line could.
HEADER_EXTRACTORS: tuple[Extractor, ...] = (
    inquiry.extract_drucksache,
    header.extract_sender,
    header.extract_recipient,
    header.extract_delivery,
    header.extract_fields,
    header.extract_copies,
    inquiry.extract_drucksache_subject,
    header.extract_subject,
)
CLOSING_EXTRACTORS: tuple[Extractor, ...] = (
    closing.extract_closing,
    closing.extract_signature,
)

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def segment_document(document: LoadedDocument, config: ParserConfig = DEFAULT_CONFIG) -> tuple[str, list[int] | None, Segmentation]:
    """Normalise and segment one loaded document: its text, the map back to the layout's text, its zones."""
    if len(document.text) > config.max_bytes:
        raise TooLargeError(document.name, f"{len(document.text)} characters is more than the limit of {config.max_bytes}")
    if len(_CONTROL.findall(document.text[:20000])) > 20:
        raise DecodingError(document.name, "the text holds binary control characters")
    quoted_from = None
    if document.layout is not None:
        text, origin = normalise_with_origin(document.text)
    else:
        (text, quoted_from), origin = normalise_quoting(document.text, document.quoted_from), None
    if len(text.strip()) < config.min_letter_chars:
        raise NotALetterError(document.name, f"only {len(text.strip())} characters of text; a letter needs more")

    reason = _not_a_document(text)
    if reason:
        raise NotALetterError(document.name, reason)
    typography = _typography_of(document.layout, origin) if document.layout is not None and origin else None
    seg = segment(text, is_email=document.media_type == EMAIL, quoted_from=quoted_from, typography=typography)
    return text, origin, seg


def parse_document(document: LoadedDocument, config: ParserConfig = DEFAULT_CONFIG) -> Letter:
    """Run the stages after loading on one document."""
    text, origin, seg = segment_document(document, config)
    if _looks_like_a_letter(seg):
        draft = extract(seg, is_reply=document.is_reply)
    else:
        # Prose that has no part of a letter (an agenda, a recipe): no field is invented from it.
        draft = Draft()
        draft.warn("no-letter-parts", "no salutation, closing, letterhead, address, date or reference found: "
                   "this text does not look like a letter")
    if not draft.has("references.date") and document.header_date:
        draft.set("references.date", document.header_date, None)
    for code, message in document.warnings:
        draft.warn(code, message)

    source = Source(path=document.path, sha256=document.sha256, media_type=document.media_type,
                    pages=document.pages, extractor=document.extractor, text=text,
                    attachments=list(document.attachments))
    laid_out = document.layout if origin else None
    return assemble(draft, source, locate=_locator(laid_out, origin) if laid_out is not None else None)


def _raw_range(origin: list[int], start: int, end: int) -> tuple[int, int]:
    """The range of the layout's own text that ``[start, end)`` of the normalised text came from."""
    last = len(origin) - 1
    return origin[min(start, last)], origin[min(max(end - 1, start), last)] + 1


def _typography_of(layout, origin: list[int]):
    """Type size and weight of a range of the normalised text, through the map back to the layout's text."""
    return lambda start, end: layout.typography(*_raw_range(origin, start, end))


def _locator(layout, origin: list[int]):
    """Page and box of a range of the normalised text, through the map back to the layout's own text."""
    return lambda start, end: layout.locate(*_raw_range(origin, start, end))


def extract(seg: Segmentation, *, is_reply: bool = False) -> Draft:
    """Every extractor over its zones, in order; returns the filled draft.

    A value that an extractor cannot read (a ``FieldError`` it did not expect) costs that extractor's
    remaining fields and becomes a warning; the letter is still parsed.
    """
    draft = Draft()

    def run(extractor: Callable[..., object], *args, **kwargs):
        try:
            return extractor(seg, draft, *args, **kwargs)
        except FieldError as error:
            draft.warn("extractor-failed", f"{extractor.__name__}: {error}")
            return None

    for extractor in HEADER_EXTRACTORS:
        run(extractor)
    run(body.extract_salutation)
    paragraphs = body.extract_body(seg, draft)
    for extractor in CLOSING_EXTRACTORS:
        run(extractor)
    if seg.is_email:
        run(closing.extract_email_signature_block)
    run(footer.extract_footer)
    run(header.extract_reference_in_body)
    subject = " ".join(filter(None, (draft.get("subject.title"), draft.get("subject.regarding"))))
    try:
        body.extract_questions_and_answers(paragraphs, draft, is_inquiry_hint="Anfrage" in subject)
        body.extract_quoted_questions(seg, draft)
    except FieldError as error:
        draft.warn("extractor-failed", f"questions and answers: {error}")
    run(inquiry.extract_inquiry)
    run(inquiry.classify_kind, is_reply=is_reply)
    _repair_ocr_words(draft, seg.text)
    return draft


# Values that are no words of running text: addresses, numbers and codes keep what was read.
_NOT_PROSE = ("contact.email", "footer.email", "contact.phone", "contact.fax", "footer.phone", "footer.fax",
              "footer.website", "references.", "footer.bank_accounts", "footer.office_hours", "kind", "inquiry.date",
              "inquiry.reference", "sender.address.postal_code", "recipient.address.postal_code")


def _repair_ocr_words(draft: Draft, text: str) -> None:
    """Every text value with its multi-character OCR confusions undone where the letter or the word list
    proves them (``Gerneinde`` → ``Gemeinde``; ``fields.ocr_words``)."""
    for path, value in list(draft.values.items()):
        if isinstance(value, str) and not path.startswith(_NOT_PROSE):
            repaired = ocr_words.repair(value, text)
            if repaired != value:
                draft.revise(path, repaired)


_OTHER_GENRE = re.compile(r"^\s*(?:Pressemitteilung|Pressemeldung|Presseinformation|Medieninformation|Niederschrift|Protokoll|"
                          r"Tagesordnung|Einladung zur Sitzung|Beschlussvorlage|Satzung|Verordnung)\b", re.I)


def _looks_like_a_letter(seg: Segmentation) -> bool:
    if seg.salutation or seg.closing is not None or seg.is_email:
        return True  # an e-mail is correspondence, whatever its text looks like
    kinds = {item.kind for item in seg.header}
    if "recipient" not in kinds and "return_address" not in kinds and \
            any(_OTHER_GENRE.match(line.text) for line in seg.lines[:15]):
        return False  # a press release, minutes, an agenda: no addressee, another genre's heading
    return bool(kinds & {"return_address", "date_line", "field", "reference_line", "recipient", "delivery", "copies"}) \
        or "subject" in kinds and any(item.kind == "subject" and item.value is not None for item in seg.header)


_WORD = re.compile(r"[^\W\d_]{2,}")


def _not_a_document(text: str) -> str | None:
    """Why ``text`` cannot be a letter at all (data, markup, code, too few words), or ``None``."""
    stripped = text.strip()
    if stripped[:1] in "{[" and stripped[-1:] in "}]":
        return "the text is structured data (JSON), not a letter"
    if stripped.startswith("<") and stripped.endswith(">"):
        return "the text is markup (XML/HTML), not a letter"
    # Runs of blanks count as one space: a letter behind 40,000 spaces is still a letter.
    tokens = stripped.split()
    sample = " ".join(tokens)[:20000]
    # Both counts only grow word by word, so "both tests passed at some word" is "both passed at the last":
    # the words are counted in one pass in C (a letter's first half, its head of addresses and numbers,
    # seldom passes them alone, so the whole sample at once).
    enough = 0.4 * len(sample)
    if len(sample) < 20000 and _surely_enough_words(tokens, sample, enough):
        return None
    found = _WORD.findall(sample)
    words, letters = len(found), sum(map(len, found))
    if words >= 5 and letters >= enough:
        return None
    if words < 5:
        return f"only {words} words of text; a letter needs more"
    return "the text is mostly digits and symbols, not a letter"


def _surely_enough_words(tokens: list[str], sample: str, enough: float) -> bool:
    """Whether both counts of :func:`_not_a_document` pass, told from lower bounds of them (half the
    regex scan's time; most letters pass so): a token of letters only (``str.isalpha``) is one run of
    ``_WORD``'s letters, which counts its length where it is two or more (at least its length - 1), and
    the words of the sample's first 200 characters are some of its words. ``tokens``: the whole sample's."""
    words = list(filter(str.isalpha, tokens))
    return sum(map(len, words)) - len(words) >= enough and len(_WORD.findall(sample, 0, 200)) >= 5
