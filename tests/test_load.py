"""Specification of stage 1, load: bytes in, the letter's text out (``amtsbrief.load``).

Text is decoded by evidence (byte-order mark, strict UTF-8, then cp1252 or latin-1 by the bytes that tell
them apart); e-mails are read with the standard library (text/plain first, else the HTML part as text;
quoted earlier messages and attachments left out); bad input raises a typed ``AmtsbriefError`` that names
the input. The e-mails here are built with the standard library's ``email`` package.
"""

from __future__ import annotations

from email.message import EmailMessage
import datetime

import pytest

import amtsbrief
from mails import build_mail

from amtsbrief.config import ParserConfig
from amtsbrief.errors import AmtsbriefError, DecodingError, EmptyInputError, InputError, TooLargeError
from amtsbrief.load import (
    EMAIL,
    PDF,
    TEXT,
    detect_media_type,
    load_bytes,
    load_path,
    load_text,
)

LETTER = "Sehr geehrte Frau Beispiel,\n\nwir bestätigen den Eingang Ihres Schreibens.\n\nMit freundlichen Grüßen\n"


# --- decoding ----------------------------------------------------------------------------------------

DECODING_CASES = [
    # plain UTF-8 with umlauts, ß and the euro sign
    pytest.param("Grüße aus Görlitz: 5 € für die Straße".encode("utf-8"), "Grüße aus Görlitz: 5 € für die Straße", id="utf-8"),
    # UTF-8 as Windows Notepad saves it: the BOM is not part of the text
    pytest.param(b"\xef\xbb\xbf" + "Grüße, Straße".encode("utf-8"), "Grüße, Straße", id="utf-8-bom"),
    # cp1252: € is 0x80, „ is 0x84 and “ is 0x93, bytes that latin-1 maps to control characters
    pytest.param("Gebühr „Sondernutzung“: 120 €".encode("cp1252"), "Gebühr „Sondernutzung“: 120 €", id="cp1252"),
    # latin-1 without any byte in 0x80–0x9F: read as latin-1 (cp1252 agrees on every such byte)
    pytest.param("Grüße aus Görlitz, © Straßenbauamt".encode("latin-1"), "Grüße aus Görlitz, © Straßenbauamt", id="latin-1"),
    # UTF-16 little-endian with its BOM (what "Unicode" in old Windows dialogs wrote)
    pytest.param("Grüße aus Görlitz €".encode("utf-16"), "Grüße aus Görlitz €", id="utf-16-le-bom"),
    # UTF-16 big-endian with its BOM
    pytest.param(b"\xfe\xff" + "Grüße aus Görlitz €".encode("utf-16-be"), "Grüße aus Görlitz €", id="utf-16-be-bom"),
]


@pytest.mark.parametrize("data, text", DECODING_CASES)
def test_load_decodes_text_by_evidence(data: bytes, text: str) -> None:
    document = load_bytes(data, name="brief.txt")
    assert document.text == text
    assert document.media_type == TEXT


def test_load_keeps_sha256_of_the_raw_bytes() -> None:
    import hashlib

    data = "Grüße".encode("cp1252") + b" und mehr Text"
    assert load_bytes(data).sha256 == hashlib.sha256(data).hexdigest()


BINARY_CASES = [
    # NUL bytes: a binary file, whatever else it holds
    pytest.param(b"Sehr geehrte\x00Frau\x00Beispiel" * 4, id="nul-bytes"),
    # mostly control bytes (a packed binary format)
    pytest.param(bytes(range(1, 32)) * 20, id="control-bytes"),
    # UTF-16 without a BOM has NUL bytes between ASCII letters: refused, not guessed
    pytest.param("Sehr geehrte Frau Beispiel".encode("utf-16-le"), id="utf-16-without-bom"),
    # a UTF-8 BOM before bytes that are not UTF-8
    pytest.param(b"\xef\xbb\xbf" + "Grüße".encode("latin-1"), id="bom-lies"),
]


@pytest.mark.parametrize("data", BINARY_CASES)
def test_load_rejects_binary_as_decoding_error(data: bytes) -> None:
    with pytest.raises(DecodingError) as caught:
        load_bytes(data, name="junk.bin")
    assert "junk.bin" in str(caught.value)
    assert caught.value.code == "decoding"


EMPTY_CASES = [
    # no bytes at all
    pytest.param(b"", id="empty"),
    # only whitespace and line ends
    pytest.param(b"  \r\n\t \n\n", id="whitespace"),
]


@pytest.mark.parametrize("data", EMPTY_CASES)
def test_load_rejects_empty_input(data: bytes) -> None:
    with pytest.raises(EmptyInputError) as caught:
        load_bytes(data, name="leer.txt")
    assert "leer.txt" in str(caught.value)


def test_load_text_rejects_empty_string() -> None:
    with pytest.raises(EmptyInputError):
        load_text("   \n ")


def test_load_text_rejects_non_text() -> None:
    with pytest.raises(InputError) as caught:
        load_text(b"bytes are not text")  # type: ignore[arg-type]
    assert "str" in str(caught.value)


def test_load_rejects_bytes_over_the_configured_limit() -> None:
    config = ParserConfig(max_bytes=64)
    with pytest.raises(TooLargeError) as caught:
        load_bytes(b"a" * 65, name="gross.txt", config=config)
    assert "gross.txt" in str(caught.value)
    assert caught.value.code == "too-large"


def test_load_accepts_bytes_at_the_configured_limit() -> None:
    config = ParserConfig(max_bytes=64)
    assert load_bytes(b"a" * 64, config=config).text == "a" * 64


def test_load_path_rejects_a_file_over_the_limit_naming_it(tmp_path) -> None:
    path = tmp_path / "gross.txt"
    path.write_bytes(b"Text " * 100)
    with pytest.raises(TooLargeError) as caught:
        load_path(path, ParserConfig(max_bytes=100))
    assert str(path) in str(caught.value)


def test_load_path_reads_a_file_and_records_its_path(tmp_path) -> None:
    path = tmp_path / "brief.txt"
    path.write_bytes(LETTER.encode("cp1252"))
    document = load_path(path)
    assert document.text == LETTER
    assert document.path == str(path)


BAD_PATH_CASES = [
    # a file that is not there: Python's own exception, as open() raises it
    pytest.param("fehlt.txt", FileNotFoundError, "no such file", id="missing"),
    # a directory where a file is expected
    pytest.param(".", IsADirectoryError, "directory", id="directory"),
]


@pytest.mark.parametrize("relative, kind, words", BAD_PATH_CASES)
def test_load_path_rejects_missing_file_and_directory_naming_the_path(tmp_path, relative: str, kind: type,
                                                                      words: str) -> None:
    path = tmp_path / relative
    with pytest.raises(kind) as caught:
        load_path(path)
    assert caught.value.filename == str(path)
    assert words in caught.value.strerror


def test_load_errors_are_amtsbrief_errors_and_value_errors() -> None:
    for kind in (InputError, EmptyInputError, DecodingError, TooLargeError):
        assert issubclass(kind, AmtsbriefError)
        assert issubclass(kind, ValueError)


# --- e-mail -------------------------------------------------------------------------------------------


def test_load_email_prefers_the_text_part() -> None:
    data = build_mail("Sehr geehrter Herr Muster,\n\nanbei die Antwort im Textteil.",
                 "<p>Sehr geehrter Herr Muster,</p><p>anbei die Antwort im HTML-Teil.</p>")
    document = load_bytes(data, name="antwort.eml")
    assert document.media_type == EMAIL
    assert "Textteil" in document.text
    assert "HTML-Teil" not in document.text


def test_load_email_turns_an_html_only_part_into_text() -> None:
    html = ("<html><head><style>p {color: red}</style><title>Titel</title></head><body>"
            "<p>Sehr geehrter Herr&nbsp;Muster,</p><p>die Antwort steht<br>hier &amp; jetzt.</p>"
            "<script>alert(1)</script></body></html>")
    document = load_bytes(build_mail(html=html), name="antwort.eml")
    assert "Sehr geehrter Herr" in document.text
    assert "hier & jetzt." in document.text
    assert "<" not in document.text
    assert "color" not in document.text and "alert" not in document.text and "Titel" not in document.text
    # paragraphs stay apart, so the segmenter still finds the salutation on its own line
    assert "Muster,\n\ndie Antwort" in document.text


QUOTE_CASES = [
    # Outlook: a marker line, a header block, the old text unquoted below it
    pytest.param("-----Ursprüngliche Nachricht-----\nVon: Max Muster\nGesendet: Montag, 6. März 2023 10:00\n"
                 "An: info@beispielburg.example\nBetreff: Anfrage\n\nWann ist das Bürgerbüro geöffnet?",
                 id="ursprüngliche-nachricht"),
    # the old text as ">" lines only
    pytest.param("> Wann ist das Bürgerbüro geöffnet?\n> Mit freundlichen Grüßen\n> Max Muster", id="angle-quotes"),
    # Thunderbird/Gmail: an attribution line, then ">" lines
    pytest.param("Am 06.03.2023 um 10:00 schrieb Max Muster <max.muster@example.org>:\n"
                 "> Wann ist das Bürgerbüro geöffnet?", id="am-schrieb"),
]


@pytest.mark.parametrize("quote", QUOTE_CASES)
def test_load_email_leaves_out_quoted_earlier_messages(quote: str) -> None:
    text = "Sehr geehrter Herr Muster,\n\ndas Bürgerbüro ist montags geöffnet.\n\nMit freundlichen Grüßen\nStadt Beispielburg\n\n" + quote
    document = load_bytes(build_mail(text), name="antwort.eml")
    letter = document.text[:document.quoted_from]
    assert "montags geöffnet" in letter
    assert "Wann ist" not in letter
    assert "Ursprüngliche" not in letter
    assert ">" not in letter


@pytest.mark.parametrize("quote", QUOTE_CASES)
def test_load_email_keeps_the_quoted_message_apart_after_the_letter(quote: str) -> None:
    text = "Sehr geehrter Herr Muster,\n\ndas Bürgerbüro ist montags geöffnet.\n\nMit freundlichen Grüßen\n\n" + quote
    document = load_bytes(build_mail(text), name="antwort.eml")
    assert "Wann ist" in document.text[document.quoted_from:]


def test_parse_email_takes_no_field_from_the_quoted_message() -> None:
    quote = "Am 06.03.2023 um 10:00 schrieb Max Muster:\n> Sehr geehrte Damen und Herren,\n> wann ist offen?\n> Max Muster"
    text = "Sehr geehrter Herr Muster,\n\ndas Bürgerbüro ist montags geöffnet.\n\nMit freundlichen Grüßen\nErika Beispiel\n\n" + quote
    letter = amtsbrief.parse_bytes(build_mail(text), name="antwort.eml")
    assert letter.salutation == "Sehr geehrter Herr Muster,"
    assert letter.signature.name == "Erika Beispiel"
    assert "offen" not in (letter.body or "")
    assert letter.questions == []


def test_load_email_keeps_a_signature_after_the_quote() -> None:
    text = ("Sehr geehrter Herr Muster,\n\ndas Bürgerbüro ist montags geöffnet.\n\nMit freundlichen Grüßen\nim Auftrag\n"
            "Erika Beispiel\n\nAm 06.03.2023 um 10:00 schrieb Max Muster <max.muster@example.org>:\n"
            "> Wann ist das Bürgerbüro geöffnet?\n\n-- \nStadt Beispielburg\nBürgeramt\nMarktstraße 1\n09111 Beispielburg\n")
    document = load_bytes(build_mail(text), name="antwort.eml")
    assert "Wann ist" not in document.text[:document.quoted_from]
    assert "Bürgeramt\nMarktstraße 1\n09111 Beispielburg" in document.text[:document.quoted_from]


def test_load_email_ignores_attachments() -> None:
    text = "Sehr geehrter Herr Muster,\n\nanbei erhalten Sie den Bescheid.\n\nMit freundlichen Grüßen"
    attachments = (
        (b"%PDF-1.4\n% a Bescheid\n", "application", "pdf", "bescheid.pdf"),
        ("ANHANGTEXT aus einer Textdatei".encode("utf-8"), "text", "plain", "anlage.txt"),
    )
    document = load_bytes(build_mail(text, attachments=attachments), name="antwort.eml")
    assert "anbei erhalten Sie den Bescheid." in document.text
    assert "ANHANGTEXT" not in document.text
    assert "PDF" not in document.text


def test_load_email_takes_the_text_part_beside_attachments_in_a_multipart_alternative() -> None:
    data = build_mail("Der Text im Klartext.", "<p>Der Text als HTML.</p>",
                 attachments=((b"%PDF-1.4\n", "application", "pdf", "anlage.pdf"),))
    assert load_bytes(data, name="antwort.eml").text == "Der Text im Klartext."


def test_load_email_offers_the_date_header_as_iso_date() -> None:
    date = datetime.datetime(2023, 3, 7, 9, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))
    document = load_bytes(build_mail("Kurzer Text der Antwort.", date=date), name="antwort.eml")
    assert document.header_date == "2023-03-07"


def test_load_email_without_date_header_has_no_header_date() -> None:
    assert load_bytes(build_mail("Kurzer Text der Antwort."), name="antwort.eml").header_date is None


def test_load_email_decodes_a_latin1_text_part() -> None:
    message = EmailMessage()
    message["From"] = "amt@example.org"
    message["Subject"] = "Antwort"
    message.set_content("Grüße aus Görlitz".encode("latin-1"), maintype="text", subtype="plain",
                        cte="quoted-printable", params={"charset": "iso-8859-1"})
    assert load_bytes(message.as_bytes(), name="antwort.eml").text == "Grüße aus Görlitz"


def test_load_email_with_only_a_quote_is_empty_input() -> None:
    with pytest.raises(EmptyInputError):
        load_bytes(build_mail("> nur ein Zitat\n> sonst nichts"), name="zitat.eml")


# --- media type ---------------------------------------------------------------------------------------

MEDIA_TYPE_CASES = [
    # PDF magic bytes win over a misleading suffix
    pytest.param(b"%PDF-1.7\n...", "brief.txt", PDF, id="pdf-by-content"),
    # PNG magic bytes
    pytest.param(b"\x89PNG\r\n\x1a\n....", "scan", "image/png", id="png-by-content"),
    # TIFF (little-endian) magic bytes
    pytest.param(b"II*\x00....", "scan", "image/tiff", id="tiff-by-content"),
    # JPEG magic bytes
    pytest.param(b"\xff\xd8\xff\xe0....", "scan", "image/jpeg", id="jpeg-by-content"),
    # PAGE XML by its root element
    pytest.param(b'<?xml version="1.0"?>\n<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15">',
                 "seite", "application/vnd.prima.page+xml", id="page-xml-by-content"),
    # ALTO XML by its root element
    pytest.param(b'<?xml version="1.0"?>\n<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#">', "seite",
                 "application/alto+xml", id="alto-xml-by-content"),
    # an e-mail without suffix, recognised by its header lines
    pytest.param(b"From: a@example.org\nTo: b@example.org\nSubject: Test\n\nText", "nachricht", EMAIL, id="email-by-content"),
    # an .eml file whose first line is no header we know: the suffix decides
    pytest.param(b"Delivered-To: b@example.org\n\nText", "nachricht.eml", EMAIL, id="email-by-suffix"),
    # a .pdf name on bytes without magic: the suffix decides
    pytest.param(b"not really a pdf", "kaputt.pdf", PDF, id="pdf-by-suffix"),
    # a .txt letter that starts like a letter
    pytest.param(LETTER.encode("utf-8"), "brief.txt", TEXT, id="text-by-suffix"),
    # no suffix, no magic: plain text
    pytest.param(LETTER.encode("utf-8"), "<stdin>", TEXT, id="text-by-default"),
    # a text letter that mentions "From:" in its body is still text
    pytest.param(b"Stadt Beispielburg\n\nFrom: this line is not a header block\n", "brief", TEXT, id="text-with-from-later"),
]


@pytest.mark.parametrize("data, name, media_type", MEDIA_TYPE_CASES)
def test_load_detects_media_type_by_content_then_suffix(data: bytes, name: str, media_type: str) -> None:
    assert detect_media_type(data, name) == media_type


def test_load_reads_an_email_without_suffix_as_email() -> None:
    document = load_bytes(build_mail("Der Text der Antwort."), name="<stdin>")
    assert document.media_type == EMAIL
    assert document.extractor == "email"
    assert document.text == "Der Text der Antwort."
