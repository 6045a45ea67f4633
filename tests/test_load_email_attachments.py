"""E-mail attachments (amtsbrief.attachments): listed on the letter, PDFs read as Anlagen, never its fields."""

from __future__ import annotations

from pathlib import Path

import pytest

from amtsbrief import parse_bytes
from amtsbrief.load import load_bytes, split_quoted_messages
from mails import build_mail

TEXT = "Sehr geehrter Herr Muster,\n\nanbei erhalten Sie den Bescheid.\n\nMit freundlichen Grüßen\n\nTom Beispiel"
PDFS = Path(__file__).parent / "pdfs"


def test_load_email_attachments_pdf_is_read_as_an_anlage() -> None:
    pdf = (PDFS / "din-letter-natural.pdf").read_bytes()
    letter = parse_bytes(build_mail(TEXT, attachments=((pdf, "application", "pdf", "bescheid.pdf"),)), name="a.eml")
    assert letter.body == "anbei erhalten Sie den Bescheid."
    [attachment] = letter.source.attachments
    assert (attachment.name, attachment.media_type, attachment.size) == ("bescheid.pdf", "application/pdf", len(pdf))
    assert attachment.pages and attachment.extractor == "pdfium"
    assert "Sehr geehrte" in (attachment.text or "")
    # as a bundle's Anlagen: a warning says what was left out of the letter
    assert [(w.code, w.message) for w in letter.warnings if w.code == "attachments"] == [
        ("attachments", f"1 attachment (Anlage) left out of the letter: bescheid.pdf ({attachment.pages} "
                        f"{'page' if attachment.pages == 1 else 'pages'})")]


def test_load_email_attachments_other_kinds_are_listed_unread() -> None:
    data = build_mail(TEXT, attachments=(("Notiz".encode(), "text", "plain", "notiz.txt"),))
    [attachment] = load_bytes(data, name="a.eml").attachments
    assert (attachment.name, attachment.media_type, attachment.text) == ("notiz.txt", "text/plain", None)


def test_load_email_attachments_broken_pdf_is_a_warning_not_an_error() -> None:
    data = build_mail(TEXT, attachments=((b"%PDF-1.4\n% kaputt\n", "application", "pdf", "kaputt.pdf"),))
    letter = parse_bytes(data, name="a.eml")
    assert [attachment.name for attachment in letter.source.attachments] == ["kaputt.pdf"]
    assert any(w.code == "attachment-unread" and "kaputt.pdf" in w.message for w in letter.warnings)


def test_load_email_without_attachments_lists_none() -> None:
    letter = parse_bytes(build_mail(TEXT), name="a.eml")
    assert letter.source.attachments == []
    assert not any(w.code == "attachments" for w in letter.warnings)


QUOTE_CASES = [
    # Outlook's reply header without a marker line above it
    pytest.param("Ja.\n\nVon: A <a@b.de>\nGesendet: Montag, 1. März 2021 10:00\nAn: C\nBetreff: X\n\nFrage?",
                 "Ja.", id="von-gesendet"),
    # the English one
    pytest.param("Yes.\n\nFrom: A\nSent: Monday\nTo: C\n\nQuestion?", "Yes.", id="from-sent"),
]


@pytest.mark.parametrize("text, kept", QUOTE_CASES)
def test_load_email_outlook_reply_header_begins_the_quoted_message(text: str, kept: str) -> None:
    assert split_quoted_messages(text)[0] == kept


def test_load_email_a_von_line_alone_is_no_quote() -> None:
    # "Von:" in a letter's own text, not followed by a sent line, stays
    text = "Zuständig:\nVon: Montag bis Freitag erreichbar\nBitte melden Sie sich."
    assert split_quoted_messages(text)[0] == text
