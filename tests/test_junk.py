"""The junk sweep over the whole pipeline: arbitrary text and bytes in, a ``Letter`` or an ``AmtsbriefError`` out.

Nothing else may come out: no ``IndexError`` from a segmenter that ran off the end of a short letter,
no ``ValidationError`` from a value in the wrong form, no ``UnicodeDecodeError`` from a strange encoding.
Besides plain random text, the sweep builds text from pieces of real letters (labels, dates, phone
numbers, salutations, closings, question labels), so the random input reaches the extractors.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amtsbrief import parse_bytes, parse_text
from amtsbrief.errors import AmtsbriefError
from amtsbrief.load import load_bytes
from amtsbrief.schema import Letter

SWEEP = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of letters, each a line or the start of one.
PIECES = [
    "Stadt Beispielburg · Marktstraße 1 · 09111 Beispielburg", "Landratsamt Beispielkreis", "Referat 12",
    "Herrn", "Frau Dr.", "Max Muster", "Gartenweg 4", "09111 Beispielburg", "W-8000 München 2", "Postfach 12 34",
    "ausschließlich per E-Mail", "Bearbeiter/in:", "Telefon:", "Telefax: 0341 555-2399", "E-Mail: a@b.de",
    "Zimmer-Nr.:", "Ihre Zeichen:", "Unsere Zeichen: 12/34", "Aktenzeichen:", "Datum:", "07.09.2015", "31.02.2015",
    "3. Juli 2014", "Berlin, den", "Ihr Zeichen, Ihre Nachricht vom    Unser Zeichen    Telefon    Datum",
    "JB-17, 12.06.2014    32.1-447/14    035205 123-45    03.07.2014", "nachrichtlich:", "- Ortsvorsteher",
    "Betreff:", "Betr.:", "hier:", "Bezug:", "Sehr geehrte Frau Muster,", "Sehr geehrte Damen und Herren,",
    "Zu 1.:", "Zu den Fragen 1 und 3:", "Zu Frage 2:", "Frage 1:", "Antwort:", "1.", "2a)", "Vorbemerkung:",
    "Wie viele?", "Drucksache 7/123", "Anfrage des Abgeordneten", "Rechtsbehelfsbelehrung", "- 2 -", "Seite 2 von 3",
    "Mit freundlichen Grüßen", "Hochachtungsvoll", "i. A.", "Im Auftrag", "gez.", "(Dr. Lindl)", "Landrat",
    "Sprechzeiten:", "Montag 08 00 – 12 00", "Mo–Fr 8:00–12:00 Uhr", "Di und Do zusätzlich 14–18 Uhr",
    "Bankverbindung:", "IBAN: DE 30 8705 4000 3318 0029 67", "IBAN: DE00 0000", "BIC: WELADED1STB", "BLZ: 870 540 00",
    "Konto-Nr.: 331800 2967", "www.beispielburg.de", "-- ", "> zitiert", "-----Ursprüngliche Nachricht-----",
    "", " ", "\t", "Inbe-", "triebsetzung", "“", ")", "€", "\u00ad", "\ufb01", "\x0c",
]
LETTERISH = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=30)), max_size=40).map("\n".join)
ANY_TEXT = st.one_of(st.text(), LETTERISH)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])


def _check(produce) -> None:
    try:
        letter = produce()
    except AmtsbriefError:
        return
    assert isinstance(letter, Letter)
    # what came out is valid and serialisable, with spans inside the text
    dumped = letter.model_dump(mode="json")
    Letter.model_validate(dumped)
    for path, span in letter.spans.items():
        assert 0 <= span[0] <= span[1] <= len(letter.source.text), (path, span)


@SWEEP
@given(ANY_TEXT)
def test_junk_parse_text_gives_a_letter_or_an_amtsbrief_error(text: str) -> None:
    _check(lambda: parse_text(text))


@SWEEP
@given(st.binary(max_size=2000))
def test_junk_parse_bytes_gives_a_letter_or_an_amtsbrief_error(data: bytes) -> None:
    _check(lambda: parse_bytes(data))


@SWEEP
@given(LETTERISH, ENCODINGS)
def test_junk_parse_bytes_of_encoded_letter_text_gives_a_letter_or_an_amtsbrief_error(text: str, encoding: str) -> None:
    data = text.encode(encoding, errors="replace")
    _check(lambda: parse_bytes(data, name="brief.txt"))


@SWEEP
@given(LETTERISH)
def test_junk_parse_bytes_of_an_email_gives_a_letter_or_an_amtsbrief_error(text: str) -> None:
    data = ("From: a@example.org\nTo: b@example.org\nSubject: AW: Anfrage\nDate: Tue, 7 Mar 2023 09:30:00 +0100\n"
            "Content-Type: text/plain; charset=utf-8\n\n" + text).encode("utf-8", errors="replace")
    _check(lambda: parse_bytes(data, name="mail.eml"))


@SWEEP
@given(st.one_of(st.binary(max_size=2000), ANY_TEXT.map(lambda text: text.encode("utf-8", errors="replace"))),
       st.sampled_from(["brief.txt", "mail.eml", "<stdin>", "seite.xml"]))
def test_junk_load_bytes_gives_a_document_or_an_amtsbrief_error(data: bytes, name: str) -> None:
    try:
        document = load_bytes(data, name=name)
    except AmtsbriefError:
        return
    assert isinstance(document.text, str)
