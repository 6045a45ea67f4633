"""Specification of ``amtsbrief.parse_text``: small letters in, the contract's fields out.

The letters are fictional and written for these tests; each shows one of the forms that issue 2 names
(DIN 5008 Bezugszeichenzeile, labelled contact block, date line, ``nachrichtlich:``, ``Betreff:`` with
``hier:``, the question-and-answer forms, an inquiry, a Bescheid, footer hours and bank accounts).
Where the parser gets a case wrong today the test is an ``xfail(strict=True)`` whose reason says what.
"""

from __future__ import annotations

import datetime
import functools
from pathlib import Path

import pytest

from amtsbrief import parse_bytes, parse_text
from amtsbrief.errors import AmtsbriefError, EmptyInputError, NotALetterError
from amtsbrief.schema import Letter
from mails import build_mail

# --- the letters ---------------------------------------------------------------------------------------

# A DIN 5008 letter: return-address line, recipient with academic title, the Bezugszeichenzeile (a line of
# labels over a line of values in the same columns), Betreff with a hier: line, "Im Auftrag" on its own line.
DIN_LETTER = """\
Gemeinde Lindenfeld · Rathausplatz 3 · 01990 Lindenfeld

Ordnungsamt

Herrn
Dr. Jonas Beispielmann
Wiesenweg 12
01990 Lindenfeld

Ihr Zeichen, Ihre Nachricht vom    Unser Zeichen    Telefon          Datum
JB-17, 12.06.2014                 32.1-447/14      035205 123-45    03.07.2014

Betreff: Hecke am Wiesenweg
hier: Ihr Schreiben vom 12.06.2014

Sehr geehrter Herr Dr. Beispielmann,

wir danken Ihnen für Ihren Hinweis zur Hecke am Wiesenweg. Der Bauhof wird den Rück-
schnitt in der kommenden Woche vornehmen.

Mit freundlichen Grüßen
Im Auftrag

Petra Musterfrau
Sachbearbeiterin
"""

# A labelled contact block on the left, a date line "Ort, den 3. Juli 2014", "In Vertretung".
CONTACT_LETTER = """\
Landratsamt Beispielkreis
Bauaufsichtsamt

Frau
Erika Mustermann
Lindenallee 5
04123 Beispielstadt

Bearbeiterin: Frau Kranich
Dienstgebäude: Schlossstraße 8, 04123 Beispielstadt
Zimmer: 2.14
Telefon: 0341 555-2301
Telefax: 0341 555-2399
E-Mail: Anna.Kranich@Beispielkreis.de
Aktenzeichen: 63-1234/2019

Beispielstadt, den 3. Juli 2014

Sehr geehrte Frau Mustermann,

Ihre Bauvoranfrage haben wir erhalten und geprüft. Wir bitten um Übersendung weiterer Unterlagen bis Ende des Monats.

Mit freundlichen Grüßen
In Vertretung

Dr. Klaus Eichhorn
Amtsleiter
"""

# A circular: nachrichtlich list, "Berlin, den …" date line, Betreff:, "gez." before the name.
CIRCULAR = """\
Stadtverwaltung Musterhausen
Hauptamt

nachrichtlich:
- Ortsvorsteher Nord
- Ortsvorsteher Süd

Berlin, den 3. Juli 2014

Betreff: Straßenfest 2014

Sehr geehrte Damen und Herren,

das Straßenfest findet wie geplant am Marktplatz statt. Bitte stimmen Sie die Stände mit dem Ordnungsamt ab.

Mit freundlichen Grüßen

gez. Hannelore Beispiel
Bürgermeisterin
"""

# Numbered questions restated, answered with "Zu 1.:".
NUMBERED_ANSWER = """\
Stadt Beispielburg · Marktstraße 1 · 09111 Beispielburg

Herrn Stadtrat
Max Muster

Beispielburg, 14.03.2019

Ihre Anfrage vom 01.03.2019 zu Spielplätzen

Sehr geehrter Herr Stadtrat Muster,

Ihre Fragen beantworte ich wie folgt:

1. Wie viele Spielplätze unterhält die Stadt?
2. Wann wurden sie zuletzt geprüft?

Zu 1.:
Die Stadt unterhält derzeit 42 öffentliche Spielplätze.

Zu 2.:
Alle Spielplätze wurden im Januar 2019 durch den Bauhof geprüft.

Mit freundlichen Grüßen

Karl Beispiel
Oberbürgermeister
"""

# "Frage 1: … Antwort: …" pairs.
FRAGE_ANTWORT = """\
Kreisverwaltung Musterland
Pressestelle

Frau
Lena Fragesteller

Musterland, 05.05.2020

Ihre Anfrage nach dem Informationsfreiheitsgesetz

Sehr geehrte Frau Fragesteller,

zu Ihrer Anfrage nehmen wir wie folgt Stellung.

Frage 1: Wie hoch waren die Kosten der Kampagne?

Antwort: Die Kosten beliefen sich auf 12.000 Euro.

Frage 2: Wer hat die Kampagne gestaltet?

Antwort: Die Kampagne wurde von der Pressestelle selbst gestaltet.

Mit freundlichen Grüßen

Tom Beispiel
"""

_DRUCKSACHE_HEAD = """\
LANDTAG VON MUSTERLAND                                  Drucksache 9/4711
9. Wahlperiode                                          20.04.2021

Antwort
der Landesregierung
auf eine Kleine Anfrage zur schriftlichen Beantwortung
- Drucksache 9/4650 -

Anfrage der Abgeordneten Jana Beispiel (Die Partei)

betr.: Radwege an Landesstraßen

Vorbemerkung der Fragestellerin:
Der Ausbau von Radwegen an Landesstraßen kommt nach Ansicht vieler Bürgerinnen und Bürger nur langsam voran.

Vorbemerkung der Landesregierung:
Die Landesregierung misst dem Radverkehr eine hohe Bedeutung bei und fördert ihn seit Jahren.

"""

# A Landtag answer: unnumbered question blocks, each group followed by its "Zu …:" answer; the answers
# fix the numbers (ANNOTATION-NOTES, saarland): the blocks are questions 1, 3 and then 2.
LANDTAG_INTERLEAVED = _DRUCKSACHE_HEAD + """\
Wie viele Kilometer Radweg wurden im Jahr 2020 an Landesstraßen gebaut?

Wie viele Kilometer sind für das Jahr 2021 geplant?

Zu den Fragen 1 und 3:
Im Jahr 2020 wurden 14 Kilometer gebaut; für 2021 sind 20 Kilometer geplant.

Welche Mittel standen dafür im Haushalt bereit?

Zu Frage 2:
Im Haushalt standen dafür 8 Millionen Euro bereit.
"""

# The same Drucksache with all three questions stated first, then answered one by one.
LANDTAG_QUESTIONS_FIRST = _DRUCKSACHE_HEAD + """\
Wie viele Kilometer Radweg wurden im Jahr 2020 an Landesstraßen gebaut?

Welche Mittel standen dafür im Haushalt bereit?

Wie viele Kilometer sind für das Jahr 2021 geplant?

Zu Frage 1:
Im Jahr 2020 wurden 14 Kilometer gebaut.

Zu Frage 2:
Im Haushalt standen dafür 8 Millionen Euro bereit.

Zu Frage 3:
Für 2021 sind 20 Kilometer geplant.
"""

# An inquiry: a Fraktion asks the Landrat; questions, no answers.
INQUIRY = """\
Kreistag Musterkreis
Fraktion BÜNDNIS 90/DIE GRÜNEN

An den Landrat des Musterkreises
Herrn Dr. Peter Beispiel
Amtsstraße 1
09999 Musterstadt

Musterstadt, 11.04.2016

Anfrage zum Breitbandausbau im Landkreis

Sehr geehrter Herr Landrat,

wir bitten um die Beantwortung der folgenden Fragen:

1. Wie viele Haushalte im Landkreis haben bisher keinen Zugang zu schnellem Internet?
2. Bis wann soll der Ausbau abgeschlossen sein?

Mit freundlichen Grüßen

Anna Grünlich
Fraktionsvorsitzende
"""

# A Bescheid with Rechtsbehelfsbelehrung; footer with office hours ("Montag bis Freitag" and an extra
# afternoon) and a bank account whose IBAN has wrong check digits.
NOTICE = """\
Stadt Beispielburg · Ordnungsamt · Marktstraße 1 · 09111 Beispielburg

Herrn
Max Muster
Gartenweg 4
09111 Beispielburg

Aktenzeichen: 5.0123.456789.1
Kassenzeichen: 3210.4478.2291
Datum: 02.02.2022

Bescheid über die Erteilung einer Sondernutzungserlaubnis

Sehr geehrter Herr Muster,

auf Ihren Antrag vom 10.01.2022 erteilen wir Ihnen die Erlaubnis, vor Ihrem Geschäft zwei Tische aufzustellen.

Die Gebühr beträgt 120,00 Euro.

Rechtsbehelfsbelehrung
Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden. Der Widerspruch ist bei der Stadt Beispielburg einzulegen.

Mit freundlichen Grüßen
Im Auftrag

Sabine Beispiel

Öffnungszeiten:
Montag bis Freitag 08:00 – 12:00 Uhr
Dienstag zusätzlich 14:00 – 18:00 Uhr

Bankverbindung:
Sparkasse Beispielburg
IBAN: DE12 3456 7890 1234 5678 90
BIC: WELADED1XYZ
"""

# A typewriter-era letter: old postcodes, Betr.:/Bezug:, Hochachtungsvoll, a typed "(Dr. Lindl)", and a
# footer with the authority's general numbers, e-mail and website.
TYPEWRITER = """\
Landeshauptstadt München
Baureferat
W-8000 München 2

Herrn
Alois Huber
Blumenstraße 7
W-8000 München 2

München, den 12.04.1978

Betr.: Straßenbeleuchtung in der Blumenstraße
Bezug: Ihr Schreiben vom 02.03.1978

Sehr geehrter Herr Huber,

die defekte Leuchte vor Ihrem Anwesen wurde inzwischen ersetzt.

Hochachtungsvoll

(Dr. Lindl)
Baudirektor

Telefon: 089 2331
Telefax: 089 2332
E-Mail: Baureferat@Muenchen.example
Internet: www.muenchen.example
"""

LETTERS = {
    "din": DIN_LETTER,
    "contact": CONTACT_LETTER,
    "circular": CIRCULAR,
    "numbered": NUMBERED_ANSWER,
    "frage_antwort": FRAGE_ANTWORT,
    "landtag": LANDTAG_INTERLEAVED,
    "landtag_questions_first": LANDTAG_QUESTIONS_FIRST,
    "inquiry": INQUIRY,
    "notice": NOTICE,
    "typewriter": TYPEWRITER,
}


@functools.lru_cache(maxsize=None)
def parsed(name: str) -> Letter:
    """Each letter is parsed once per session (tests only read the result)."""
    return parse_text(LETTERS[name])


def leaf(letter: Letter, path: str):
    """The value at a dotted contract path of the letter's JSON dump."""
    node = letter.model_dump(mode="json")
    for part in path.split("."):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


# --- header fields -------------------------------------------------------------------------------------

FIELD_CASES = [
    # DIN letter: the return-address line names the authority and its address
    ("din", "sender.authority", "Gemeinde Lindenfeld"),
    ("din", "sender.address.street", "Rathausplatz 3"),
    ("din", "sender.address.postal_code", "01990"),
    ("din", "sender.address.city", "Lindenfeld"),
    # the unit line under the letterhead is the department
    ("din", "sender.department", "Ordnungsamt"),
    # "Herrn" is normalised to "Herr", "Dr." is the title
    ("din", "recipient.salutation", "Herr"),
    ("din", "recipient.title", "Dr."),
    ("din", "recipient.name", "Jonas Beispielmann"),
    ("din", "recipient.address", {"street": "Wiesenweg 12", "postal_code": "01990", "city": "Lindenfeld"}),
    # Bezugszeichenzeile: "Ihr Zeichen, Ihre Nachricht vom" is one column holding two values
    ("din", "references.your_reference", "JB-17"),
    ("din", "references.your_message", "2014-06-12"),
    ("din", "references.our_reference", "32.1-447/14"),
    ("din", "contact.phone", "+493520512345"),
    ("din", "references.date", "2014-07-03"),
    # Betreff: without its label; the hier: line without its label
    ("din", "subject.title", "Hecke am Wiesenweg"),
    ("din", "subject.regarding", "Ihr Schreiben vom 12.06.2014"),
    ("din", "salutation", "Sehr geehrter Herr Dr. Beispielmann,"),
    # the line-end hyphen before lower case is undone in the body
    ("din", "body", "wir danken Ihnen für Ihren Hinweis zur Hecke am Wiesenweg. Der Bauhof wird den Rückschnitt "
                    "in der kommenden Woche vornehmen."),
    # labelled contact block: each label to its field
    ("contact", "contact.handler", "Frau Kranich"),
    ("contact", "contact.building", "Schlossstraße 8, 04123 Beispielstadt"),
    ("contact", "contact.room", "2.14"),
    ("contact", "contact.phone", "+493415552301"),
    ("contact", "contact.fax", "+493415552399"),
    # e-mail addresses are lower case
    ("contact", "contact.email", "anna.kranich@beispielkreis.de"),
    # Aktenzeichen is our reference
    ("contact", "references.our_reference", "63-1234/2019"),
    # date line "Beispielstadt, den 3. Juli 2014"
    ("contact", "references.date", "2014-07-03"),
    ("contact", "sender.authority", "Landratsamt Beispielkreis"),
    ("contact", "sender.department", "Bauaufsichtsamt"),
    ("contact", "recipient.address", {"street": "Lindenallee 5", "postal_code": "04123", "city": "Beispielstadt"}),
    # nachrichtlich: one entry each, without the list dashes
    ("circular", "copies_to", ["Ortsvorsteher Nord", "Ortsvorsteher Süd"]),
    # date line "Berlin, den 3. Juli 2014"
    ("circular", "references.date", "2014-07-03"),
    ("circular", "subject.title", "Straßenfest 2014"),
    ("circular", "subject.regarding", None),
    # a circular has no addressee block
    ("circular", "recipient", {"salutation": None, "title": None, "name": None, "organization": None, "address": None}),
    # typewriter era: old postcodes and district numbers as written
    ("typewriter", "recipient.address", {"street": "Blumenstraße 7", "postal_code": "W-8000", "city": "München 2"}),
    ("typewriter", "references.date", "1978-04-12"),
    # Betr.: and Bezug: are subject and regarding
    ("typewriter", "subject.title", "Straßenbeleuchtung in der Blumenstraße"),
    ("typewriter", "subject.regarding", "Ihr Schreiben vom 02.03.1978"),
    ("typewriter", "closing", "Hochachtungsvoll"),
    # the letterhead's postal line is the sender's address even without a street line
    ("typewriter", "sender.address", {"street": None, "postal_code": "W-8000", "city": "München 2"}),
    # the footer's general numbers, e-mail and website
    ("typewriter", "footer.phone", "+49892331"),
    ("typewriter", "footer.fax", "+49892332"),
    ("typewriter", "footer.email", "baureferat@muenchen.example"),
    ("typewriter", "footer.website", "www.muenchen.example"),
    # "Ihr Schreiben vom …" names the inquiry date; the recipient asked
    ("typewriter", "inquiry.date", "1978-03-02"),
    ("typewriter", "inquiry.asked_by", "Alois Huber"),
]


@pytest.mark.parametrize("name, path, expected", FIELD_CASES)
def test_parse_text_reads_field(name: str, path: str, expected) -> None:
    assert leaf(parsed(name), path) == expected


# --- signatures ----------------------------------------------------------------------------------------

_SIGNED_HEAD = """\
Stadt Beispielburg · Marktstraße 1 · 09111 Beispielburg

Herrn
Max Muster

Beispielburg, 14.03.2019

Sehr geehrter Herr Muster,

Ihr Antrag ist vollständig eingegangen. Wir melden uns in den nächsten Tagen wieder bei Ihnen.

Mit freundlichen Grüßen
"""

SIGNATURE_CASES = [
    # "Im Auftrag" on its own line, name after a blank line
    ("Im Auftrag\n\nTom Beispiel", {"name": "Tom Beispiel", "role": None, "on_behalf": "i. A."}),
    # "Im Auftrag" directly above the name
    ("Im Auftrag\nTom Beispiel", {"name": "Tom Beispiel", "role": None, "on_behalf": "i. A."}),
    # "In Vertretung" is "i. V."
    ("In Vertretung\n\nTom Beispiel\nBürgermeister", {"name": "Tom Beispiel", "role": "Bürgermeister", "on_behalf": "i. V."}),
    # "i.A." before the name on one line
    ("i.A. Tom Beispiel", {"name": "Tom Beispiel", "role": None, "on_behalf": "i. A."}),
    # "i. V." before the name on one line
    ("i. V. Tom Beispiel", {"name": "Tom Beispiel", "role": None, "on_behalf": "i. V."}),
    # "gez." is left out of the name
    ("\ngez. Dr. Tom Beispiel\nBürgermeister", {"name": "Dr. Tom Beispiel", "role": "Bürgermeister", "on_behalf": None}),
    # "Im Auftrag" and then a "gez." name with role
    ("Im Auftrag\n\ngez. Tom Beispiel\nSachgebietsleiter", {"name": "Tom Beispiel", "role": "Sachgebietsleiter", "on_behalf": "i. A."}),
    # a typed name in parentheses loses them
    ("\n(Tom Beispiel)", {"name": "Tom Beispiel", "role": None, "on_behalf": None}),
    # room for the handwritten signature: blank lines before the typed name
    ("\n\n\nTom Beispiel\nBürgermeister", {"name": "Tom Beispiel", "role": "Bürgermeister", "on_behalf": None}),
    # "i. A." alone on the line under the closing
    pytest.param("i. A.\nTom Beispiel", {"name": "Tom Beispiel", "role": None, "on_behalf": "i. A."},
                 id="lone-i-a"),
    # "i. A." alone, name after the signing space
    pytest.param("i. A.\n\n\nTom Beispiel", {"name": "Tom Beispiel", "role": None, "on_behalf": "i. A."},
                 id="lone-i-a-with-space"),
    # "i.V." alone
    pytest.param("i.V.\n\nTom Beispiel", {"name": "Tom Beispiel", "role": None, "on_behalf": "i. V."},
                 id="lone-i-v"),
]


@pytest.mark.parametrize("signed, expected", SIGNATURE_CASES)
def test_parse_text_reads_signature(signed: str, expected: dict) -> None:
    letter = parse_text(_SIGNED_HEAD + signed + "\n")
    assert letter.closing == "Mit freundlichen Grüßen"
    assert letter.signature.model_dump() == expected


def test_parse_text_reads_signature_of_din_letter() -> None:
    assert parsed("din").signature.model_dump() == {"name": "Petra Musterfrau", "role": "Sachbearbeiterin", "on_behalf": "i. A."}


# --- questions and answers ------------------------------------------------------------------------------


def _pairs(letter: Letter) -> tuple[list, list]:
    return ([(q.number, q.text) for q in letter.questions], [(a.question_number, a.text) for a in letter.answers])


def test_parse_text_pairs_numbered_questions_with_zu_answers() -> None:
    questions, answers = _pairs(parsed("numbered"))
    assert questions == [("1", "Wie viele Spielplätze unterhält die Stadt?"), ("2", "Wann wurden sie zuletzt geprüft?")]
    assert answers == [("1", "Die Stadt unterhält derzeit 42 öffentliche Spielplätze."),
                       ("2", "Alle Spielplätze wurden im Januar 2019 durch den Bauhof geprüft.")]


def test_parse_text_keeps_labels_and_lead_in_in_body() -> None:
    body = parsed("numbered").body
    assert body.startswith("Ihre Fragen beantworte ich wie folgt:\n\n")
    assert "Zu 1.:" in body and "Zu 2.:" in body


def test_parse_text_pairs_frage_and_antwort() -> None:
    questions, answers = _pairs(parsed("frage_antwort"))
    assert questions == [("1", "Wie hoch waren die Kosten der Kampagne?"), ("2", "Wer hat die Kampagne gestaltet?")]
    assert answers == [("1", "Die Kosten beliefen sich auf 12.000 Euro."),
                       ("2", "Die Kampagne wurde von der Pressestelle selbst gestaltet.")]


def test_parse_text_numbers_landtag_questions_by_their_answers() -> None:
    questions, answers = _pairs(parsed("landtag"))
    assert questions == [
        ("1", "Wie viele Kilometer Radweg wurden im Jahr 2020 an Landesstraßen gebaut?"),
        ("3", "Wie viele Kilometer sind für das Jahr 2021 geplant?"),
        ("2", "Welche Mittel standen dafür im Haushalt bereit?"),
    ]
    assert answers == [("1, 3", "Im Jahr 2020 wurden 14 Kilometer gebaut; für 2021 sind 20 Kilometer geplant."),
                       ("2", "Im Haushalt standen dafür 8 Millionen Euro bereit.")]


def test_parse_text_numbers_questions_stated_before_all_answers() -> None:
    questions, answers = _pairs(parsed("landtag_questions_first"))
    assert questions == [
        ("1", "Wie viele Kilometer Radweg wurden im Jahr 2020 an Landesstraßen gebaut?"),
        ("2", "Welche Mittel standen dafür im Haushalt bereit?"),
        ("3", "Wie viele Kilometer sind für das Jahr 2021 geplant?"),
    ]
    assert [number for number, _ in answers] == ["1", "2", "3"]


DRUCKSACHE_CASES = [
    # the answering body, not the Landtag that publishes the Drucksache
    ("sender.authority", "Landesregierung"),
    # a Drucksache's own number is its reference; the inquiry's number goes to inquiry.reference
    ("references.our_reference", "9/4711"),
    ("inquiry.reference", "9/4650"),
    ("inquiry.asked_by", "Jana Beispiel"),
    ("inquiry.group", "Die Partei"),
    ("references.date", "2021-04-20"),
    # "betr.:" is the subject
    ("subject.title", "Radwege an Landesstraßen"),
    # a Drucksache has no addressee block, salutation, closing or signature
    ("recipient.name", None),
    ("salutation", None),
    ("closing", None),
    ("signature.name", None),
    ("kind", "answer"),
]


@pytest.mark.parametrize("path, expected", DRUCKSACHE_CASES)
def test_parse_text_reads_drucksache_field(path: str, expected) -> None:
    assert leaf(parsed("landtag"), path) == expected


def test_parse_text_drucksache_body_runs_from_first_vorbemerkung() -> None:
    body = parsed("landtag").body
    assert body.startswith("Vorbemerkung der Fragestellerin:")
    assert body.endswith("Im Haushalt standen dafür 8 Millionen Euro bereit.")
    assert "Vorbemerkung der Landesregierung:" in body


# --- kinds ---------------------------------------------------------------------------------------------

KIND_CASES = [
    # the Landrat is asked questions and nothing is answered
    ("inquiry", "inquiry"),
    # a Bescheid with Rechtsbehelfsbelehrung
    ("notice", "notice"),
    # answers to numbered questions
    ("numbered", "answer"),
    # Frage/Antwort pairs
    ("frage_antwort", "answer"),
    # a circular that answers nothing and decides nothing
    ("circular", "letter"),
]


@pytest.mark.parametrize("name, kind", KIND_CASES)
def test_parse_text_classifies_kind(name: str, kind: str) -> None:
    assert parsed(name).kind == kind


def test_parse_text_inquiry_has_questions_and_no_answers() -> None:
    letter = parsed("inquiry")
    assert [(q.number, q.text) for q in letter.questions] == [
        ("1", "Wie viele Haushalte im Landkreis haben bisher keinen Zugang zu schnellem Internet?"),
        ("2", "Bis wann soll der Ausbau abgeschlossen sein?"),
    ]
    assert letter.answers == []


def test_parse_text_inquiry_date_is_its_own_date() -> None:
    letter = parsed("inquiry")
    assert letter.references.date == datetime.date(2016, 4, 11)
    assert letter.inquiry.date == datetime.date(2016, 4, 11)


# --- footer and warnings -------------------------------------------------------------------------------


def test_parse_text_expands_office_hours_in_week_order() -> None:
    hours = [(h.day, h.opens, h.closes) for h in parsed("notice").footer.office_hours]
    assert hours == [
        ("monday", "08:00", "12:00"),
        ("tuesday", "08:00", "12:00"),
        ("tuesday", "14:00", "18:00"),
        ("wednesday", "08:00", "12:00"),
        ("thursday", "08:00", "12:00"),
        ("friday", "08:00", "12:00"),
    ]


def test_parse_text_invalid_iban_is_a_warning_not_a_value() -> None:
    letter = parsed("notice")
    assert all(account.iban is None for account in letter.footer.bank_accounts)
    assert not any("DE12" in str(value) for value in letter.model_dump(mode="json", exclude={"source", "warnings"}).values())
    iban_warnings = [warning for warning in letter.warnings if "IBAN" in warning.message]
    assert iban_warnings, letter.warnings
    assert "DE12" in iban_warnings[0].message


def test_parse_text_keeps_the_rest_of_an_account_with_an_invalid_iban() -> None:
    accounts = [account.model_dump() for account in parsed("notice").footer.bank_accounts]
    assert accounts == [{"bank": "Sparkasse Beispielburg", "iban": None, "bic": "WELADED1XYZ",
                         "bank_code": None, "account_number": None}]


def test_parse_text_valid_iban_in_electronic_form() -> None:
    # DE89 3704 0044 0532 0130 00 is the IBAN of the standard's own example
    letter = parse_text(NOTICE.replace("DE12 3456 7890 1234 5678 90", "DE89 3704 0044 0532 0130 00"))
    assert [account.iban for account in letter.footer.bank_accounts] == ["DE89370400440532013000"]
    assert not [warning for warning in letter.warnings if "IBAN" in warning.message]


def test_parse_text_notice_keeps_rechtsbehelfsbelehrung_in_body() -> None:
    body = parsed("notice").body
    assert "Rechtsbehelfsbelehrung" in body
    assert body.endswith("Der Widerspruch ist bei der Stadt Beispielburg einzulegen.")
    assert "Öffnungszeiten" not in body and "IBAN" not in body


def test_parse_text_prose_without_letter_parts_gives_an_empty_letter_with_a_warning() -> None:
    letter = parse_text("Für den Teig werden Mehl, Zucker und Butter verknetet und eine Stunde kühl gestellt. "
                        "Danach wird er ausgerollt und in die Form gelegt.")
    assert letter.salutation is None and letter.body is None and letter.sender.authority is None
    assert letter.warnings


# --- spans ---------------------------------------------------------------------------------------------


from amtsbrief.assemble import leaves as _leaves  # noqa: E402 - the assembler's own walk over leaves


@pytest.mark.parametrize("name", sorted(LETTERS))
def test_parse_text_gives_every_non_null_leaf_a_span_inside_the_text(name: str) -> None:
    letter = parsed(name)
    dumped = letter.model_dump(mode="json", exclude={"spans", "source", "warnings"})
    length = len(letter.source.text)
    for path, _ in _leaves(dumped):
        if path == "kind":
            continue  # the kind is read from the whole letter, not from one place
        assert path in letter.spans, f"{path} has no span"
        start, end = letter.spans[path][:2]
        assert 0 <= start < end <= length, (path, start, end)


SPAN_TEXT_CASES = [
    # the authority's name as it stands in the return-address line
    ("din", "sender.authority", "Gemeinde Lindenfeld"),
    # the date as written in the Bezugszeichenzeile
    ("din", "references.date", "03.07.2014"),
    # the phone number as written, before E.164
    ("din", "contact.phone", "035205 123-45"),
    ("din", "references.our_reference", "32.1-447/14"),
    # a textual date as written in the date line
    ("contact", "references.date", "3. Juli 2014"),
    ("contact", "contact.phone", "0341 555-2301"),
    ("contact", "contact.handler", "Frau Kranich"),
    ("contact", "sender.authority", "Landratsamt Beispielkreis"),
    ("circular", "references.date", "3. Juli 2014"),
    ("typewriter", "footer.phone", "089 2331"),
    ("typewriter", "recipient.address.postal_code", "W-8000"),
    ("notice", "references.our_reference", "5.0123.456789.1"),
    ("landtag", "inquiry.reference", "9/4650"),
    ("numbered", "answers.1.text", "Alle Spielplätze wurden im Januar 2019 durch den Bauhof geprüft."),
]


@pytest.mark.parametrize("name, path, written", SPAN_TEXT_CASES)
def test_parse_text_span_covers_the_value_as_written(name: str, path: str, written: str) -> None:
    letter = parsed(name)
    start, end = letter.spans[path][:2]
    assert written in letter.source.text[start:end]


def test_parse_text_source_text_is_the_normalised_input() -> None:
    letter = parse_text(DIN_LETTER.replace("\n", "\r\n"))
    assert letter.source.text == DIN_LETTER
    assert letter.source.media_type == "text/plain"
    assert letter.source.path is None


# --- the contract's shape ------------------------------------------------------------------------------

CONTRACT_PATHS = [
    "kind", "sender.authority", "sender.department", "sender.address.street", "sender.address.postal_code",
    "sender.address.city", "recipient.salutation", "recipient.title", "recipient.name", "recipient.organization",
    "recipient.address", "delivery", "contact.handler", "contact.building", "contact.room", "contact.phone",
    "contact.fax", "contact.email", "references.your_reference", "references.your_message",
    "references.our_reference", "references.date", "copies_to", "subject.title", "subject.regarding",
    "inquiry.date", "inquiry.reference", "inquiry.asked_by", "inquiry.group", "salutation", "body", "questions",
    "answers", "closing", "signature.name", "signature.role", "signature.on_behalf", "footer.office_hours",
    "footer.office_hours_note", "footer.phone", "footer.fax", "footer.email", "footer.website",
    "footer.bank_accounts", "spans", "source.path", "source.sha256", "source.media_type", "source.pages",
    "source.extractor", "source.text", "warnings",
]
ENTRY_KEYS = [
    # path of a list, keys of each of its entries
    ("questions", {"number", "text"}),
    ("answers", {"question_number", "text"}),
    ("footer.office_hours", {"day", "opens", "closes"}),
    ("footer.bank_accounts", {"bank", "iban", "bic", "bank_code", "account_number"}),
    ("warnings", {"code", "message", "path"}),
]


def _has_path(dumped: dict, path: str) -> bool:
    node = dumped
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


@pytest.mark.parametrize("name", ["din", "notice", "numbered"])
def test_parse_text_dump_has_every_contract_path(name: str) -> None:
    dumped = parsed(name).model_dump(mode="json")
    missing = [path for path in CONTRACT_PATHS if not _has_path(dumped, path)]
    assert missing == []


@pytest.mark.parametrize("path, keys", ENTRY_KEYS)
def test_parse_text_dump_list_entries_have_the_contract_keys(path: str, keys: set) -> None:
    entries = [entry for name in ("numbered", "notice") for entry in leaf(parsed(name), path)]
    assert entries, f"no {path} entries to check"
    assert all(set(entry) == keys for entry in entries)


def test_parse_text_dump_of_an_empty_letter_uses_nulls_and_empty_lists() -> None:
    dumped = Letter().model_dump(mode="json")
    assert dumped["sender"]["address"] == {"street": None, "postal_code": None, "city": None}
    assert dumped["recipient"]["address"] is None
    assert dumped["copies_to"] == [] and dumped["questions"] == [] and dumped["footer"]["office_hours"] == []


# --- e-mail and bad input through the API ---------------------------------------------------------------


def _mail(text: str, date: datetime.datetime | None) -> bytes:
    return build_mail(text, date=date)


_MAIL_TEXT = ("Sehr geehrter Herr Muster,\n\ndas Bürgerbüro ist montags von 8 bis 12 Uhr geöffnet.\n\n"
              "Mit freundlichen Grüßen\nim Auftrag\nErika Beispiel\n")


def test_parse_bytes_email_date_falls_back_on_the_date_header() -> None:
    letter = parse_bytes(_mail(_MAIL_TEXT, datetime.datetime(2023, 3, 7, 9, 30, tzinfo=datetime.timezone.utc)))
    assert letter.references.date == datetime.date(2023, 3, 7)
    assert letter.source.media_type == "message/rfc822"
    assert letter.signature.on_behalf == "i. A."


def test_parse_bytes_email_date_in_the_text_wins_over_the_header() -> None:
    text = "Beispielburg, 01.03.2023\n\n" + _MAIL_TEXT
    letter = parse_bytes(_mail(text, datetime.datetime(2023, 3, 7, 9, 30, tzinfo=datetime.timezone.utc)))
    assert letter.references.date == datetime.date(2023, 3, 1)


def test_parse_bytes_email_has_no_recipient_from_the_headers() -> None:
    letter = parse_bytes(_mail(_MAIL_TEXT, None))
    assert letter.recipient.model_dump() == {"salutation": None, "title": None, "name": None, "organization": None,
                                             "address": None}


BAD_TEXT_CASES = [
    # nothing at all
    pytest.param("", EmptyInputError, id="empty"),
    # blanks only
    pytest.param(" \n\t\n", EmptyInputError, id="blank"),
    # too short to be a letter
    pytest.param("Hallo", NotALetterError, id="too-short"),
    # structured data
    pytest.param('{"kind": "answer", "body": "Sehr geehrte Damen und Herren, das ist JSON."}', NotALetterError, id="json"),
    # markup
    pytest.param("<html><body><p>Sehr geehrte Damen und Herren, das ist HTML.</p></body></html>", NotALetterError, id="html"),
    # digits and symbols
    pytest.param("12 34 56 78 90 / 12 34 56 78 90 ; 12 34 56 78 90 - 12 34 56 78 90 ab", NotALetterError, id="digits"),
]


@pytest.mark.parametrize("text, error", BAD_TEXT_CASES)
def test_parse_text_rejects_what_is_no_letter(text: str, error: type[AmtsbriefError]) -> None:
    with pytest.raises(error) as caught:
        parse_text(text, name="eingabe.txt")
    assert "eingabe.txt" in str(caught.value)


def test_email_signature_with_bar_separated_parts_and_one_letter_labels():
    import amtsbrief
    letter = amtsbrief.parse_bytes(build_mail(
        "Sehr geehrte Frau Brandt,\n\nanbei die erbetenen Unterlagen.\n\nMit freundlichen Grüßen\n\nJonas Keil\n\n--\n"
        "Landesamt für Vermessung Musterland\nReferat 23 - Geodaten\nHaus B | Lindenallee 4 | 12345 Musterstadt\n"
        "T +49 30 1234-567 | F +49 30 1234-568\njonas.keil@lfv.example.de | www.lfv.example.de\n"), name="mail.eml")
    assert letter.sender.department == "Referat 23 - Geodaten"
    assert (letter.sender.address.street, letter.sender.address.postal_code) == ("Lindenallee 4", "12345")
    assert (letter.contact.phone, letter.contact.fax) == ("+49301234567", "+49301234568")
    assert letter.footer.website == "www.lfv.example.de"


def test_a_notice_whose_header_is_cut_warns_about_what_it_lacks():
    import amtsbrief
    letter = amtsbrief.parse_text(
        "Bescheid über die Erhebung einer Verwaltungsgebühr\n\nSehr geehrter Herr Lenz,\n\nfür die Genehmigung wird eine Gebühr "
        "von 45 Euro festgesetzt.\n\nRechtsbehelfsbelehrung\n\nGegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe "
        "Widerspruch erhoben werden.\n\nMit freundlichen Grüßen\n\nIm Auftrag\nKarla Nowak")
    assert letter.kind == "notice"
    missing = {warning.path for warning in letter.warnings if warning.code == "header-incomplete"}
    assert missing == {"sender.authority", "references.date", "references.our_reference"}


_ANSWER_TO_A_MEMBER = (
    "Stadt Musterhausen · Markt 1 · 01234 Musterhausen\n\n{organization}\nHerrn Stadtrat Paul Weber\n"
    "Rathausplatz 2\n01234 Musterhausen\n\n12. Mai 2024\n\nIhre Anfrage vom 2. Mai 2024 zu Parkplätzen\n\n"
    "Sehr geehrter Herr Weber,\n\nzu Ihrer Anfrage teile ich mit, dass die Parkplätze bleiben.\n\n"
    "Mit freundlichen Grüßen\n\nAnna Beck\nBürgermeisterin\n")


@pytest.mark.parametrize("organization, group", [
    ("Fraktion DIE LINKE im Stadtrat Musterhausen", "Fraktion DIE LINKE im Stadtrat Musterhausen"),
    ("SPD-Stadtratsfraktion", "SPD-Stadtratsfraktion"),
    ("Stadtrat Musterhausen", None),  # the council is no group
])
def test_an_answer_addressed_to_a_member_at_their_fraktion_names_that_fraktion_as_the_group(organization, group):
    letter = parse_text(_ANSWER_TO_A_MEMBER.format(organization=organization))
    assert letter.recipient.organization == organization
    assert (letter.inquiry.asked_by, letter.inquiry.group) == ("Paul Weber", group)


def test_a_motion_signed_under_its_place_and_date_has_the_signers_as_signature():
    letter = parse_text(
        "Deutscher Bundestag\n20. Wahlperiode\n\nDrucksache 20/1234\n22.07.2022\n\nKleine Anfrage\n"
        "der Abgeordneten Karl Muster und der Fraktion DIE BEISPIEL.\n\nParkplätze an Bahnhöfen\n\n"
        "An den Bahnhöfen fehlen Parkplätze.\n\nWir fragen die Bundesregierung:\n\n1. Wie viele Parkplätze gibt es?\n\n"
        "Berlin, den 12. Juli 2022\n\nErika Muster, Dr. Karl Beispiel und Fraktion\n")
    assert letter.signature.name == "Erika Muster, Dr. Karl Beispiel und Fraktion"
    assert "Erika Muster" not in letter.body


def test_a_reply_deciding_whether_documents_are_handed_over_is_an_answer():
    letter = parse_text("Sehr geehrte Damen und Herren,\n\ndie gewünschten Unterlagen sind nicht Bestandteil unserer Akten "
                        "und können nicht zur Verfügung gestellt werden.\n\nMit freundlichen Grüßen\n\nLandesamt für Beispiele\n")
    assert letter.kind == "answer"


def test_an_email_notification_without_salutation_has_its_heading_as_subject_and_its_text_as_body():
    letter = parse_bytes(build_mail(
        "Benachrichtigung über eine hinterlegte Nachricht\n\nDas Landesamt möchte Ihnen eine Nachricht zukommen lassen.\n\n"
        "Sie können die Nachricht über unser Portal abrufen. Dort hinterlegen Sie ein Passwort und erhalten die Nachricht.\n"),
        name="hinweis.eml")
    assert letter.subject.title == "Benachrichtigung über eine hinterlegte Nachricht"
    assert letter.body.startswith("Das Landesamt möchte Ihnen")
    assert not any(warning.code == "no-letter-parts" for warning in letter.warnings)


def test_a_bilingual_letter_has_its_closing_signature_and_labelled_phone():
    letter = parse_text(
        "Landesamt für Beispiele · Ufer 2 · 12345 Musterstadt\n\nHerrn\nArjun Rao\nWeg 5\n12345 Musterstadt\n\n"
        "Ihr Aufenthaltstitel / Your residence permit\n\nSehr geehrter Herr Rao,\n\nIhr Titel läuft ab.\n\nYour permit expires.\n\n"
        "Mit freundlichen Grüßen / Kind regards\nIm Auftrag\n\nOkonkwo-Lehmann\n\n"
        "Servicetelefon / Service phone: 030 90269-0 · www.beispiel.example.de\n")
    assert letter.closing == "Mit freundlichen Grüßen / Kind regards"
    assert (letter.signature.name, letter.signature.on_behalf) == ("Okonkwo-Lehmann", "i. A.")
    assert letter.footer.phone == "+4930902690"


@pytest.mark.parametrize("regarding, reference", [
    ("Ihre Anfrage vom 28.05.2024 (AF 0087/24)", "AF 0087/24"),
    ("Ihre Anfrage vom 3. Mai 2024 (Drucksache 7/123)", "7/123"),
    ("Ihre Anfrage vom 3. Mai 2024 (eingegangen am 5. Mai)", None),
])
def test_the_inquiry_number_in_brackets_after_its_date(regarding, reference):
    letter = parse_text(_ANSWER_TO_A_MEMBER.format(organization="Stadtrat Musterhausen").replace(
        "Ihre Anfrage vom 2. Mai 2024 zu Parkplätzen", "Parkplätze\nBezug: " + regarding))
    assert letter.inquiry.reference == reference


def test_a_drucksache_answer_quoting_the_inquiry_dated_in_a_wrapped_opening():
    letter = parse_text(
        "LANDTAG MUSTERLAND                     Drucksache 18/8547\n18. Wahlperiode                     29.01.2024\n\n"
        "A n t w o r t\n\ndes Ministeriums für Beispiele\n\nauf die Kleine Anfrage der Abgeordneten Eva Muster (PARTEI)\n\n"
        "– Drucksache 18/8312 –\n\nBusverkehr im Kreis\n\n"
        "Die Kleine Anfrage – Drucksache 18/8312 – vom 8. Januar 2024 hat folgenden\nWortlaut:\n\n"
        "Wie viele Busse fahren im Kreis? Ich frage die Landesregierung:\n\n1. Wie viele Busse fahren?\n\n"
        "Das Ministerium beantwortet die Kleine Anfrage wie folgt:\n\nZu Frage 1:\n\nEs fahren zwölf Busse.\n")
    assert letter.inquiry.date == datetime.date(2024, 1, 8)
    assert letter.subject.title == "Busverkehr im Kreis"


@pytest.mark.parametrize("label", ["Kundennummer", "Kassenzeichen", "BG-Nummer"])
def test_the_addressees_own_number_is_no_reference_of_the_letter(label):
    letter = parse_text(
        "Stadt Musterstadt · Markt 1 · 01234 Musterstadt\n\nFrau\nDoreen Haschke\nAm Turm 4\n01234 Musterstadt\n\n"
        f"{label}: 714D128843\nDatum: 20.02.2024\n\nHundesteuer\n\nSehr geehrte Frau Haschke,\n\nwir bitten um Zahlung.\n\n"
        "Mit freundlichen Grüßen\n\nAnna Beck\n")
    assert letter.references.our_reference is None
    assert letter.references.date == datetime.date(2024, 2, 20)


def test_a_hessian_drucksache_title_over_und_antwort_its_ministry_with_commas_and_signer_under_the_date():
    letter = parse_text(
        "HESSISCHER LANDTAG                        21. Wahlperiode\n\n                          Drucksache 21/1834\n\n"
        "                          15. 04. 2025\n\nKleine Anfrage\n\nAbg. Eva Muster (SPD) vom 18.02.2025\n\n"
        "Ausbau von Bahnhöfen\n\nund\n\nAntwort\n\ndes Hessischen Ministeriums für Wirtschaft, Energie, Verkehr, Wohnen und\n"
        "ländlichen Raum\n\nVorbemerkung Ministerium:\nDie Landesregierung fördert den Ausbau.\n\n"
        "Frage 1. Welche Bahnhöfe sind stufenfrei?\n\nStufenfrei sind die Stationen Alsfeld und Lauterbach.\n\n"
        "Frage 2. Wie hoch ist der Anteil des Landes?\n\nDas Land trägt in der Regel die Hälfte der Kosten.\n\n\n"
        "Wiesbaden, 8. April 2025\n                                   Dr. Henrik Muster\n")
    assert letter.subject.title == "Ausbau von Bahnhöfen"
    assert letter.sender.authority == "Hessisches Ministerium für Wirtschaft, Energie, Verkehr, Wohnen und ländlichen Raum"
    assert letter.signature.name == "Dr. Henrik Muster"
    assert [(a.question_number, a.text) for a in letter.answers][-1] == ("2", "Das Land trägt in der Regel die Hälfte der Kosten.")


def test_a_letterhead_in_capitals_names_the_authority_and_its_unit_in_a_right_column():
    letter = parse_text(
        "                                                     LANDRATSAMT MUSTERKREIS\n"
        "                                                     Gesundheitsamt\n\n"
        "Landratsamt Musterkreis • Bahnhofstraße 100 • 78532 Musterstadt\n\nFrau\nUte Kammer\nWeg 19\n78549 Musterdorf\n\n"
        "Musterstadt, 6. Mai 2025\n\nKinderärzte\n\nSehr geehrte Frau Kammer,\n\nes gibt neun Praxen.\n\nMit freundlichen Grüßen\n\nEva Beck\n")
    assert (letter.sender.authority, letter.sender.department) == ("Landratsamt Musterkreis", "Gesundheitsamt")


def test_a_capitals_letterhead_over_its_county_takes_the_authority_from_the_return_line():
    letter = parse_text(
        "GEMEINDE MUSTERZARTEN\nLandkreis Breisgau-Beispielwald\n\nGemeinde Musterzarten · Talstraße 12 · 79199 Musterzarten\n\n"
        "Herrn\nWalter Muster\nWeg 6\n79199 Musterzarten\n\nGrabnutzungsrecht\n\nSehr geehrter Herr Muster,\n\n"
        "das Nutzungsrecht läuft ab.\n\nMit freundlichen Grüßen\n\nEva Beck\n")
    assert letter.sender.authority == "Gemeinde Musterzarten"


def test_a_cash_offices_hours_are_no_bank_and_konto_before_words_labels_the_bank():
    letter = parse_text(
        "Stadt Musterau · Markt 1 · 76829 Musterau\n\nHerrn\nPaul Weber\nWeg 3\n76829 Musterau\n\nZahlungserinnerung\n\n"
        "Sehr geehrter Herr Weber,\n\nbitte zahlen Sie bis zum 1. Oktober.\n\nMit freundlichen Grüßen\n\nStadtkasse\n\n"
        "Öffnungszeiten der Stadtkasse       vormittags\nMontag                              08:30 - 12:00\n\n"
        "Konto der Stadtkasse: Sparkasse Musterau · IBAN DE52 5486 2500 0002 1044 77 · BIC SOLADES1SUW\n")
    assert [(account.bank, account.iban) for account in letter.footer.bank_accounts] == [
        ("Sparkasse Musterau", "DE52548625000002104477")]


def test_a_dash_under_a_label_says_there_is_no_value():
    letter = parse_text(
        "Stadt Musterau · Markt 1 · 76829 Musterau\n\nHerrn\nPaul Weber\nWeg 3\n76829 Musterau\n\n"
        "Ihr Zeichen: –\nIhre Nachricht vom: –\nDatum: 04.11.2025\n\nKindergeld\n\nSehr geehrter Herr Weber,\n\n"
        "wir teilen Ihnen mit.\n\nMit freundlichen Grüßen\n\nEva Beck\n")
    assert (letter.references.your_reference, letter.references.your_message) == (None, None)


def test_a_bavarian_drucksache_numbers_questions_1_1_and_names_the_party_after_the_member():
    letter = parse_text(
        "Bayerischer Landtag                18. Wahlperiode        14.07.2023     Drucksache 18/29417\n\n"
        "Schriftliche Anfrage\ndes Abgeordneten Markus Muster SPD\nvom 05.06.2023\n\nLehrkräfte in Niederbayern\n\n"
        "Antwort\ndes Staatsministeriums für Unterricht und Kultus\nvom 07.07.2023\n\n"
        "1.1 Wie viele Stellen gab es?\n\n1.2 Wie viele waren unbesetzt?\n\n"
        "Zu 1.1 und 1.2: Zum Stichtag waren an den Grund- und Mittelschulen 212 Planstellen ausgewiesen, von denen\n"
        "9,5 Stellen nicht besetzt waren; die Vakanzen betrafen überwiegend zwei Landkreise.\n")
    assert (letter.inquiry.asked_by, letter.inquiry.group) == ("Markus Muster", "SPD")
    assert letter.sender.authority == "Staatsministerium für Unterricht und Kultus"
    assert [q.number for q in letter.questions] == ["1.1", "1.2"]
    assert [a.question_number for a in letter.answers] == ["1.1, 1.2"]


def test_labelled_fields_set_apart_by_bars_on_one_line_are_read_one_by_one():
    letter = parse_text(
        "Stadt Musterau, PF 1425, 06813 Musterau\n\nFrau\nBeate Kühn\nWeg 61\n06844 Musterau\n\n"
        "Ihr Zeichen: – | Ihre Nachricht vom: 08.01.2018 | Datum: 22.01.2018\n"
        "Sachbearbeitung: Frau Pötzsch | Zimmer 114 | Tel. 0340 204-1216 | steuern@musterau.example.de\n\n"
        "Hundesteuer 2018\n\nSehr geehrte Frau Kühn,\n\nhiermit wird die Steuer festgesetzt.\n\nMit freundlichen Grüßen\n\nEva Beck\n")
    assert (letter.references.your_message, letter.references.date) == ("2018-01-08", datetime.date(2018, 1, 22))
    assert (letter.contact.handler, letter.contact.room, letter.contact.phone) == ("Frau Pötzsch", "114", "+493402041216")
    assert letter.contact.email == "steuern@musterau.example.de"


def test_a_notices_heading_alone_below_its_subject_begins_the_text():
    letter = parse_text(
        "Kreis Musterland · Hoher Weg 1 · 59494 Musterstadt\n\nStadtwerke Muster GmbH\nz. Hd. Herrn Frank Hüppe\nGrafenstraße 27\n"
        "59457 Musterstadt\n\nWasserrechtliche Erlaubnis für den Salzbach\nIhr Antrag vom 04.02.2019\n\nGebührenbescheid\n\n"
        "Für die Ihnen erteilte wasserrechtliche Erlaubnis zur Einleitung von Niederschlagswasser setze ich folgende Gebühr fest.\n\n"
        "Rechtsbehelfsbelehrung\n\nGegen diesen Bescheid kann Klage erhoben werden.\n")
    assert (letter.subject.title, letter.subject.regarding) == ("Wasserrechtliche Erlaubnis für den Salzbach", "Ihr Antrag vom 04.02.2019")
    assert letter.body.startswith("Gebührenbescheid")


@pytest.mark.skipif(not Path("/usr/share/dict/ngerman").is_file(),
                    reason="the German word list (Debian's wngerman, installed by scripts/setup.sh as root) proves the repair")
def test_an_ocr_closing_with_ii_and_b_for_u_umlaut_and_sharp_s_is_the_closing():
    letter = parse_text("Stadt Muster · Markt 1 · 01234 Muster\n\nHerrn\nMax Muster\nWeg 2\n01234 Muster\n\nBaumschnitt\n\n"
                        "Sehr geehrter Herr Muster,\n\nwir antworten Ihnen gern.\n\nMit freundlichen GriiBen\n\nEva Beck\n")
    assert (letter.closing, letter.signature.name) == ("Mit freundlichen Grüßen", "Eva Beck")


def test_a_contact_label_after_a_comma_starts_a_field_of_its_own():
    letter = parse_text(
        "Gemeinde Muster · Markt 1 · 35442 Muster\n\nFrau\nEva Muster\nWeg 7\n35444 Muster\n\n"
        "Sachbearbeiter: Herr Frölich, Telefon (06409) 69-214\n\nFriedhof\n\nSehr geehrte Frau Muster,\n\n"
        "wir antworten Ihnen gern.\n\nMit freundlichen Grüßen\n\nEva Beck\n")
    assert (letter.contact.handler, letter.contact.phone) == ("Herr Frölich", "+49640969214")


def test_a_label_of_two_words_parted_by_a_comma_is_one_label():
    from amtsbrief.normalise import normalise
    from amtsbrief.segment import segment

    text = ("Frau\nEva Muster\nWeg 7\n35444 Muster\n\nOrt, Datum: 33332 Muster, 19.04.2018\n\nFriedhof\n\n"
            "Sehr geehrte Frau Muster,\n\nwir antworten Ihnen gern.\n\nMit freundlichen Grüßen\n\nEva Beck\n")
    fields = [zone.text for zone in segment(normalise(text)).zones() if zone.kind == "field"]
    assert fields == ["Ort, Datum: 33332 Muster, 19.04.2018"]  # one field, not "Ort" and "Datum: …"
    assert parse_text(text).references.date == datetime.date(2018, 4, 19)
