"""Outlook ``.msg`` files: an e-mail saved by Outlook, read through extract-msg and then as any e-mail.

A ``.msg`` is an OLE compound file (the format of old Office documents) holding the message's
properties: subject, sender, the sent time, the transport headers, a plain-text body, often an HTML and
an RTF body, and the attachments. The letter is read from it as from an ``.eml``: the plain body, else
the HTML body as text; the quoted earlier message kept apart (``quoted_from``); a reply told by its
``In-Reply-To``/``References`` headers or its subject's prefix; the sent date as ``header_date``, the
fallback for ``references.date``; the attachments listed, PDFs among them read as Anlagen
(:mod:`amtsbrief.attachments`).

Outlook writes the plain body from its HTML with habits of its own, undone here (see
:func:`outlook_plain_text`): every paragraph followed by a blank line, a paragraph holding only a space
(``&nbsp;``) where the writer left an empty line, and each link's target after its text
(``name@example.org <mailto:name@example.org>``, ``<blocked::…>`` where a filter disarmed it).

extract-msg is licensed GPL-3.0 and is an optional extra: ``pip install 'amtsbrief[msg]'``.
"""

from __future__ import annotations

import datetime
import email.utils
import re
from typing import Any

from amtsbrief.attachments import Attached, read_attachments
from amtsbrief.config import DEFAULT_CONFIG, ParserConfig
from amtsbrief.errors import DecodingError, DependencyError, EmptyInputError, InputError
from amtsbrief.load import EMAIL, LoadedDocument, decode_text, html_to_text, is_reply_subject, letter_and_quote

# Every OLE compound file (and so every .msg) begins with these eight bytes.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
INSTALL = "reading Outlook .msg files needs extract-msg: pip install 'amtsbrief[msg]'"


def load_msg(data: bytes, name: str, path: str | None, sha256: str,
             config: ParserConfig = DEFAULT_CONFIG) -> LoadedDocument:
    """Read an Outlook ``.msg`` into a document, as :func:`amtsbrief.load.load_bytes` reads an ``.eml``."""
    if not data.startswith(OLE_MAGIC):
        raise DecodingError(name, "not an Outlook .msg file (it is no OLE compound file)")
    message = _open(data, name)
    try:
        body = _body(message, name)
        text, quoted_from = letter_and_quote(body, name, "the message's text is empty")
        headers = _headers(message)
        subject = str(_property(message, "subject") or headers.get("subject") or "")
        is_reply = bool(headers.get("in-reply-to") or headers.get("references") or _property(message, "inReplyTo")) \
            or is_reply_subject(subject)
        header_date = _sent_date(message, headers)
        attachments, warnings = read_attachments(_attached(message, name), letter_name=name, config=config)
    finally:
        message.close()
    return LoadedDocument(text=text, name=name, path=path, sha256=sha256, media_type=EMAIL, extractor="msg",
                          header_date=header_date, is_reply=is_reply, quoted_from=quoted_from,
                          warnings=tuple(warnings), attachments=tuple(attachments))


def _open(data: bytes, name: str) -> Any:
    try:
        import extract_msg
    except ImportError:
        raise DependencyError(name, INSTALL) from None
    try:
        message = extract_msg.openMsg(data, delayAttachments=False)
    except Exception as error:  # extract-msg and olefile raise many kinds on a broken file
        raise DecodingError(name, f"the Outlook .msg cannot be read ({type(error).__name__}: {error})") from None
    if not hasattr(message, "body"):
        kind = getattr(message, "classType", None) or type(message).__name__
        message.close()
        raise InputError(name, f"the Outlook item is a {kind}, not an e-mail")
    return message


def _property(message: Any, attribute: str) -> Any:
    # extract-msg computes properties lazily and may raise on a damaged stream: a missing value then.
    try:
        return getattr(message, attribute)
    except Exception:  # noqa: BLE001 - why: one unreadable property must not cost the whole letter
        return None


def _body(message: Any, name: str) -> str:
    """The plain body, else the HTML body as text; Outlook's plain-text habits undone."""
    body = _property(message, "body")
    if isinstance(body, bytes):
        body = decode_text(body, name)
    if body and body.strip():
        return outlook_plain_text(body)
    html = _property(message, "htmlBody")
    if isinstance(html, bytes):
        html = decode_text(html, name)
    if html and html.strip():
        return html_to_text(html)
    raise EmptyInputError(name, "the message has no text or HTML body")


def _headers(message: Any) -> dict[str, str]:
    headers = _property(message, "headerDict") or {}
    return {str(key).lower(): str(value) for key, value in headers.items()}


def _sent_date(message: Any, headers: dict[str, str]) -> str | None:
    """The sent date as an ISO date: the ``Date:`` header, in the sender's own time zone as an .eml's is,
    else the message's sent-time property (kept in UTC, so a late evening's date may be the next day's)."""
    try:
        parsed = email.utils.parsedate_to_datetime(headers["date"]) if headers.get("date") else None
    except (TypeError, ValueError):
        parsed = None
    if parsed is None:
        sent = _property(message, "date")
        parsed = sent if isinstance(sent, datetime.datetime) else None
    return parsed.date().isoformat() if parsed else None


def _attached(message: Any, name: str) -> list[Attached]:
    found = []
    for attachment in _property(message, "attachments") or []:
        filename = _property(attachment, "longFilename") or _property(attachment, "shortFilename") \
            or _property(attachment, "displayName") or "(unnamed)"
        data = _property(attachment, "data")
        if isinstance(data, bytes):
            media_type = _property(attachment, "mimetype") or ""
            found.append(Attached(str(filename), str(media_type), data))
        else:  # an embedded Outlook item: listed, not read
            found.append(Attached(str(filename), "application/vnd.ms-outlook", None))
    return found


# --- Outlook's plain text --------------------------------------------------------------------------------

# A paragraph of only a space or a no-break space: Outlook's empty line between paragraphs.
_SPACER = re.compile(r"^[ \u00a0\t]+$")
# A link's target written after its text: "a@b.de <mailto:a@b.de>", "a@b.de <blocked::mailto:a@b.de>",
# "https://x.de/y <https://x.de/y>". Only a target that repeats the text is dropped; another is kept.
_LINK_TARGET = re.compile(r"(?P<text>[^\s<>]+)\s?<(?:blocked::)?(?:mailto:)?(?P<target>[^\s<>]+)>")


def outlook_plain_text(body: str) -> str:
    """Outlook's plain-text body as written: line breaks where the writer made them, links once.

    >>> outlook_plain_text("Sehr geehrter Herr A,\\r\\n\\r\\n \\r\\n\\r\\nja.\\r\\n\\r\\nMit freundlichen Grüßen\\r\\n\\r\\nB")
    'Sehr geehrter Herr A,\\n\\nja.\\nMit freundlichen Grüßen\\nB'
    >>> outlook_plain_text("Mail: b@amt.de <blocked::mailto:b@amt.de> \\nweb: amt.de <https://www.amt.de/>")
    'Mail: b@amt.de \\nweb: amt.de <https://www.amt.de/>'
    """
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    text = _LINK_TARGET.sub(_drop_repeated_target, text)
    if _paragraph_spaced(text):
        lines = text.split("\n")
        joined: list[str] = []
        index = 0
        while index < len(lines):
            line = lines[index]
            joined.append("" if _SPACER.match(line) else line)
            # one blank line after a paragraph is Outlook's; a run of them is the writer's
            if line.strip() and index + 2 < len(lines) and not lines[index + 1] and lines[index + 2]:
                index += 2
                continue
            index += 1
        text = "\n".join(joined)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def _drop_repeated_target(match: re.Match[str]) -> str:
    text, target = match.group("text"), match.group("target")
    same = target.rstrip("/").lower().removeprefix("https://").removeprefix("http://") == \
        text.rstrip("/").lower().removeprefix("https://").removeprefix("http://")
    return text if same else match.group(0)


def _paragraph_spaced(text: str) -> bool:
    """Whether every paragraph is followed by a blank line and spacer paragraphs mark the writer's empty lines.

    Lines that follow each other directly (a quoted header block Outlook wrote with ``<br>``) may occur,
    but most lines must stand alone for the text to be Outlook's paragraph-spaced rendering.
    """
    lines = text.split("\n")
    if not any(_SPACER.match(line) for line in lines):
        return False
    filled = [index for index, line in enumerate(lines) if line.strip()]
    if len(filled) < 3:
        return False
    alone = sum(1 for index in filled if index + 1 >= len(lines) or not lines[index + 1].strip())
    return alone >= 0.8 * len(filled)
