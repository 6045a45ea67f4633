"""E-mails whose text part is mislabelled: UTF-8 declared as Latin-1, HTML source sent as text/plain,
and Outlook's underscore rule above a quoted message."""

from email.message import EmailMessage

from amtsbrief.load import load_bytes


def _mail(body: bytes, subtype: str = "plain", charset: str = "iso-8859-1") -> bytes:
    head = (f"From: amt@example.de\nTo: b@example.de\nSubject: Test\nDate: Mon, 2 Mar 2026 10:00:00 +0100\n"
            f"MIME-Version: 1.0\nContent-Type: text/{subtype}; charset={charset}\nContent-Transfer-Encoding: 8bit\n\n")
    return head.encode("ascii") + body


def test_utf8_declared_as_latin1_is_read_as_utf8_where_its_bytes_prove_it():
    text = "Sehr geehrte Frau Kühn,\n\nanbei die Bestätigung.\n\nMit freundlichen Grüßen\n"
    document = load_bytes(_mail(text.encode("utf-8")), "mail.eml")
    assert "Kühn" in document.text and "Grüßen" in document.text and "Ã" not in document.text


def test_true_latin1_text_is_left_alone():
    text = "Sehr geehrte Frau Kühn,\n\nanbei die Bestätigung.\n\nMit freundlichen Grüßen\n"
    document = load_bytes(_mail(text.encode("latin-1")), "mail.eml")
    assert "Kühn" in document.text and "Grüßen" in document.text


def test_html_source_in_a_text_part_is_read_as_html():
    body = b"<p>Sehr geehrte Damen und Herren,</p>\n<p>die Unterlagen k&ouml;nnen wir nicht &uuml;bersenden.</p>\n<p>Mit freundlichen Gr&uuml;&szlig;en</p>"
    document = load_bytes(_mail(body), "mail.eml")
    assert "<p>" not in document.text and "können" in document.text and "Grüßen" in document.text


def test_an_underscore_rule_above_a_quoted_header_starts_the_quoted_message():
    body = ("Sehr geehrter Herr Lenz,\n\nwir melden uns bald.\n\nMit freundlichen Grüßen\nJ. Pohl\n"
            "________________________________\nVon: Lenz <l@example.de>\nGesendet: Montag, 2. März 2026\n"
            "Betreff: Anfrage\n\nBesuchen Sie https://example.org/info\n").encode("utf-8")
    document = load_bytes(_mail(body, charset="utf-8"), "mail.eml")
    assert document.quoted_from is not None
    assert "example.org" not in document.text[:document.quoted_from]
