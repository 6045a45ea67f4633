"""Attachments of an e-mail or an Outlook ``.msg``: listed, and PDFs read as Anlagen.

A bundle PDF holds the letter and then its Anlagen (``layout/bundle.py``); an e-mail holds the letter
in its body and its Anlagen as attachments. Both are treated alike: the Anlagen are read but fill no
field of the letter, and a warning with the code ``attachments`` says what was left out. Each
attachment is listed in ``Letter.source.attachments``; a PDF's text is read through the layout layer (OCR for
a scan), so that it can be searched and shown.

Limits keep a hostile message from costing much: at most :data:`MAX_READ` PDFs are read, each no larger
than the configured ``max_bytes``; a PDF that cannot be read is a warning, never an error.
"""

from __future__ import annotations

from dataclasses import dataclass

from amtsbrief.config import DEFAULT_CONFIG, ParserConfig
from amtsbrief.errors import AmtsbriefError
from amtsbrief.schema import Attachment

PDF = "application/pdf"
# A reply rarely carries more than a few documents; past this many, the rest are listed unread.
MAX_READ = 10


@dataclass(frozen=True)
class Attached:
    """An attachment as the message holds it: file name, declared media type, bytes (``None``: not a file)."""

    name: str
    media_type: str
    data: bytes | None


def read_attachments(items: list[Attached], *, letter_name: str,
                     config: ParserConfig = DEFAULT_CONFIG) -> tuple[list[Attachment], list[tuple[str, str]]]:
    """The attachments as listed in the letter, and the warnings about them.

    >>> listed, warnings = read_attachments([Attached("foto.jpg", "image/jpeg", b"\\xff\\xd8\\xff")], letter_name="a.eml")
    >>> [(item.name, item.media_type, item.size, item.text) for item in listed]
    [('foto.jpg', 'image/jpeg', 3, None)]
    >>> warnings
    [('attachments', '1 attachment (Anlage) left out of the letter: foto.jpg')]
    """
    listed: list[Attachment] = []
    warnings: list[tuple[str, str]] = []
    read = 0
    for item in items:
        media_type = _media_type(item)
        attachment = Attachment(name=item.name, media_type=media_type,
                                size=len(item.data) if item.data is not None else None)
        if media_type == PDF and item.data is not None:
            if read >= MAX_READ:
                warnings.append(("attachment-unread", f"{item.name}: not read, more than {MAX_READ} PDF attachments"))
            elif len(item.data) > config.max_bytes:
                warnings.append(("attachment-unread", f"{item.name}: not read, {len(item.data)} bytes is more than "
                                                      f"the limit of {config.max_bytes}"))
            else:
                read += 1
                attachment, problem = _read_pdf(attachment, item.data, letter_name, config)
                if problem:
                    warnings.append(("attachment-unread", problem))
        listed.append(attachment)
    if listed:
        names = ", ".join(_describe(item) for item in listed)
        count = f"{len(listed)} attachment (Anlage)" if len(listed) == 1 else f"{len(listed)} attachments (Anlagen)"
        warnings.insert(0, ("attachments", f"{count} left out of the letter: {names}"))
    return listed, warnings


def _media_type(item: Attached) -> str:
    # The declared type is often application/octet-stream; the bytes and the name know better.
    if item.data is not None and item.data[:1024].lstrip().startswith(b"%PDF"):
        return PDF
    if item.name.lower().endswith(".pdf") and item.media_type in ("", "application/octet-stream"):
        return PDF
    return item.media_type or "application/octet-stream"


def _read_pdf(attachment: Attachment, data: bytes, letter_name: str,
              config: ParserConfig) -> tuple[Attachment, str | None]:
    from amtsbrief.layout import read_layout

    where = f"{letter_name}, attachment {attachment.name}"
    try:
        document = read_layout(data, media_type=PDF, name=where, backend=config.backend,
                               ocr_language=config.ocr_language)
    except AmtsbriefError as error:
        return attachment, f"{attachment.name}: cannot be read ({error.message})"
    return attachment.model_copy(update={"pages": document.pages, "extractor": document.extractor,
                                         "text": document.text}), None


def _describe(item: Attachment) -> str:
    if item.pages is not None:
        return f"{item.name} ({item.pages} {'page' if item.pages == 1 else 'pages'})"
    return item.name


def email_attachments(message: object) -> list[Attached]:
    """The attachments of a parsed ``email.message.EmailMessage`` (parts that are no body)."""
    found = []
    for part in getattr(message, "iter_attachments", lambda: [])():
        try:
            payload = part.get_payload(decode=True)
        except Exception:  # noqa: BLE001 - why: a broken part is listed without its bytes, never fatal
            payload = None
        name = part.get_filename() or f"(unnamed {part.get_content_type()})"
        found.append(Attached(str(name), part.get_content_type(), payload if isinstance(payload, bytes) else None))
    return found
