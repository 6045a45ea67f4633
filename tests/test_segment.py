"""Specification of the segmenter: furniture, columns, zones (amtsbrief/segment.py)."""

from __future__ import annotations

import pytest

import amtsbrief
from amtsbrief.normalise import normalise
from amtsbrief.segment import find_furniture, find_page_footers, segment, split_columns
from amtsbrief.text import split_lines

TWO_COLUMN_HEADER = """\
Stadt Beispielburg · Markt 1 · 01234 Beispielburg
Herrn Stadtrat                                          Ansprechpartner: Herr Muster
Max Beispiel                                            Telefon: 0341 123-7712
Rathausplatz 4                                          Unser Zeichen: 66.3-F/0441
01234 Beispielburg                                      Datum: 25.03.2019
"""

MULTI_PAGE = """\
Stadt Beispielburg · Markt 1 · 01234 Beispielburg

Sehr geehrte Frau Muster,

der erste Absatz steht auf Seite eins und endet mit einem Punkt.

                                   Seite 1 von 2
Hausanschrift          Telefon                  Bankverbindung
Markt 1                Zentrale 0341 123-0      Sparkasse Beispielburg
01234 Beispielburg     www.beispielburg.de      IBAN DE30 8705 4000 3318 0029 67

Stadt Beispielburg · Brief vom 25.03.2019 · Seite 2 von 2

der zweite Absatz steht auf Seite zwei.

Mit freundlichen Grüßen

Erika Muster
"""


def _lines(text: str):
    return split_lines(normalise(text))


def test_segment_split_columns_reads_the_information_block_apart():
    left, right = split_columns(_lines(TWO_COLUMN_HEADER))
    assert [line.text for line in right if line.stripped] == [
        "Ansprechpartner: Herr Muster", "Telefon: 0341 123-7712", "Unser Zeichen: 66.3-F/0441", "Datum: 25.03.2019"]
    assert "Max Beispiel" in [line.stripped for line in left]


def test_segment_split_columns_keeps_offsets_into_the_text():
    text = normalise(TWO_COLUMN_HEADER)
    _, right = split_columns(split_lines(text))
    for line in right:
        assert text[line.start:line.end] == line.text


def test_segment_find_furniture_finds_page_numbers_and_running_headers():
    lines = _lines(MULTI_PAGE)
    furniture = {lines[index].stripped for index in find_furniture(lines)}
    assert "Seite 1 von 2" in furniture
    assert "Stadt Beispielburg · Brief vom 25.03.2019 · Seite 2 von 2" in furniture


def test_segment_page_footer_before_a_page_break_goes_to_the_footer():
    lines = _lines(MULTI_PAGE)
    footer = {lines[index].stripped[:13] for index in find_page_footers(lines, find_furniture(lines))}
    assert "Hausanschrift" in footer
    letter = amtsbrief.parse_text(MULTI_PAGE)
    assert "Sparkasse" not in letter.body
    assert letter.footer.bank_accounts[0].iban == "DE30870540003318002967"
    assert letter.footer.phone == "+493411230"


def test_segment_labels_the_header_blocks():
    seg = segment(normalise(TWO_COLUMN_HEADER + "\nSehr geehrter Herr Stadtrat,\n\nText.\n"))
    kinds = [item.kind for item in seg.header]
    assert kinds[0] == "return_address"
    assert "recipient" in kinds
    assert {item.path for item in seg.header if item.kind == "field"} == {
        "contact.handler", "contact.phone", "references.our_reference", "references.date"}


@pytest.mark.parametrize(
    "salutation, expected",
    [
        ("Sehr geehrte Frau Muster,", "Sehr geehrte Frau Muster,"),  # the usual form
        ("Sehr geehrter Herr Grahl,\nliebe Kameradinnen und Kameraden,",  # a second line joins the first
         "Sehr geehrter Herr Grahl, liebe Kameradinnen und Kameraden,"),
        ("Werter Bürger Beispiel!", "Werter Bürger Beispiel!"),  # East German form
    ],
)
def test_segment_finds_the_salutation(salutation, expected):
    letter = amtsbrief.parse_text(f"Stadt Beispielburg · Markt 1 · 01234 Beispielburg\n\n{salutation}\n\nText.\n\nMit freundlichen Grüßen\n\nA. Muster")
    assert letter.salutation == expected


def test_segment_typewritten_address_with_a_blank_line_before_its_postal_line():
    letter = amtsbrief.parse_text("Stadt Beispielburg\n\nHerrn\nAlois Muster\nHauptstraße 7\n\n8000 München 40\n\n"
                                  "Betr.: Straßenlaterne\n\nSehr geehrter Herr Muster,\n\nText.\n\nHochachtungsvoll\n\nHuber")
    assert letter.recipient.address is not None
    assert (letter.recipient.address.street, letter.recipient.address.postal_code, letter.recipient.address.city) == (
        "Hauptstraße 7", "8000", "München 40")


def test_segment_east_german_address_sets_the_town_above_its_postcode():
    letter = amtsbrief.parse_text("Rat der Stadt Meißen\nAbteilung Wohnungspolitik\n\nHerrn\nKarl Beispiel\nDresdner Straße 5\n"
                                  "Meißen\n8250\n\nWerter Bürger Beispiel!\n\nText.\n\nMit sozialistischem Gruß\n\nSchulze")
    assert letter.recipient.address.model_dump() == {"street": "Dresdner Straße 5", "postal_code": "8250", "city": "Meißen"}
    assert letter.closing == "Mit sozialistischem Gruß"


def test_segment_postanschrift_in_the_information_block_is_the_senders_address():
    letter = amtsbrief.parse_text(
        "Stadt Beispielburg\nBürgeramt\n\nFrau\nErika Muster\nHauptstraße 5\n01234 Beispielburg\n"
        "                                   Postanschrift: Postfach 12 34, 01230 Beispielburg\n"
        "                                   Datum: 03.05.2022\n\nIhr Antrag\n\nSehr geehrte Frau Muster,\n\nText.\n\n"
        "Mit freundlichen Grüßen\n\nMeier")
    assert letter.sender.address.model_dump() == {"street": "Postfach 12 34", "postal_code": "01230", "city": "Beispielburg"}
    assert letter.recipient.address.street == "Hauptstraße 5"
