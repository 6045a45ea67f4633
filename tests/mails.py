"""Builds the e-mails the tests parse (a helper module, like ``batch_corpus``; no fixture state)."""

from __future__ import annotations

import datetime
from email.message import EmailMessage
from email.utils import format_datetime


def build_mail(text: str | None = None, html: str | None = None, *, date: datetime.datetime | None = None,
               attachments: tuple[tuple[bytes, str, str, str], ...] = ()) -> bytes:
    """An e-mail with a text part, an HTML part, both (multipart/alternative) and attachments."""
    message = EmailMessage()
    message["From"] = "Stadt Beispielburg <info@beispielburg.example>"
    message["To"] = "max.muster@example.org"
    message["Subject"] = "AW: Ihre Anfrage"
    if date is not None:
        message["Date"] = format_datetime(date)
    if text is not None:
        message.set_content(text)
        if html is not None:
            message.add_alternative(html, subtype="html")
    elif html is not None:
        message.set_content(html, subtype="html")
    for data, maintype, subtype, filename in attachments:
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes()
