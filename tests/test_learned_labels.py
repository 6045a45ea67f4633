"""Gold zones per line follow from the gold JSON's values and where the body stands."""

from __future__ import annotations

from amtsbrief.learned.labels import gold_labels, squash
from amtsbrief.learned.measure import figures, pairs
from amtsbrief.text import split_lines

LETTER = """Stadt Beispielstadt
Ordnungsamt

Stadt Beispielstadt - Marktplatz 1 - 12345 Beispielstadt

Herrn
Max Mustermann
Lindenweg 7
54321 Anderort

                                        Aktenzeichen: 32-417/24
                                        Telefon: 0123 456-789
                                        Datum: 05.03.2024

Ihr Antrag auf Sondernutzung

Sehr geehrter Herr Mustermann,

wir haben Ihren Antrag geprüft und können ihn leider nicht genehmigen, weil die Fläche
für Rettungswege frei bleiben muss.

Mit freundlichen Grüßen
Im Auftrag

Erika Beispiel

- 2 -
Sprechzeiten: Mo 8-12 Uhr
IBAN: DE02 1203 0000 0000 2020 51"""

GOLD = {
    "sender": {"authority": "Stadt Beispielstadt", "department": "Ordnungsamt",
               "address": {"street": "Marktplatz 1", "postal_code": "12345", "city": "Beispielstadt"}},
    "recipient": {"salutation": "Herr", "title": None, "name": "Max Mustermann", "organization": None,
                  "address": {"street": "Lindenweg 7", "postal_code": "54321", "city": "Anderort"}},
    "contact": {"handler": None, "building": None, "room": None, "phone": "+49123456789", "fax": None, "email": None},
    "references": {"your_reference": None, "your_message": None, "our_reference": "32-417/24", "date": "2024-03-05"},
    "subject": {"title": "Ihr Antrag auf Sondernutzung", "regarding": None},
    "salutation": "Sehr geehrter Herr Mustermann,",
    "body": "wir haben Ihren Antrag geprüft und können ihn leider nicht genehmigen, weil die Fläche für Rettungswege frei bleiben muss.",
    "closing": "Mit freundlichen Grüßen",
    "signature": {"name": "Erika Beispiel", "role": None, "on_behalf": "i. A."},
    "footer": {"office_hours": [{"day": "monday", "opens": "08:00", "closes": "12:00"}], "office_hours_note": None,
               "phone": None, "fax": None, "email": None, "website": None,
               "bank_accounts": [{"bank": None, "iban": "DE02120300000000202051", "bic": None}]},
}


def test_every_line_gets_the_zone_of_the_value_it_holds():
    lines = split_lines(LETTER)
    zones = {line.stripped: zone for line, zone in zip(lines, gold_labels(lines, GOLD)) if line.stripped}
    assert zones == {
        "Stadt Beispielstadt": "sender", "Ordnungsamt": "sender",
        "Stadt Beispielstadt - Marktplatz 1 - 12345 Beispielstadt": "return_address",
        "Herrn": "recipient", "Max Mustermann": "recipient", "Lindenweg 7": "recipient", "54321 Anderort": "recipient",
        "Aktenzeichen: 32-417/24": "reference", "Telefon: 0123 456-789": "contact", "Datum: 05.03.2024": "reference",
        "Ihr Antrag auf Sondernutzung": "subject",
        "Sehr geehrter Herr Mustermann,": "salutation",
        "wir haben Ihren Antrag geprüft und können ihn leider nicht genehmigen, weil die Fläche": "body",
        "für Rettungswege frei bleiben muss.": "body",
        "Mit freundlichen Grüßen": "closing", "Im Auftrag": "signature", "Erika Beispiel": "signature",
        "- 2 -": "furniture", "Sprechzeiten: Mo 8-12 Uhr": "footer", "IBAN: DE02 1203 0000 0000 2020 51": "footer",
    }


def test_blank_lines_get_no_zone():
    lines = split_lines(LETTER)
    assert all((zone is None) == (not line.stripped) for line, zone in zip(lines, gold_labels(lines, GOLD)))


def test_a_line_without_any_gold_value_in_a_footer_block_is_footer():
    lines = split_lines("Sehr geehrter Herr Mustermann,\n\nwir haben Ihren Antrag geprüft und genehmigt.\n\n"
                        "Mit freundlichen Grüßen\n\nSprechzeiten: Mo 8-12 Uhr\nBus 156 bis Marktplatz")
    gold = {**GOLD, "body": "wir haben Ihren Antrag geprüft und genehmigt."}
    assert gold_labels(lines, gold)[-1] == "footer"


def test_comparison_ignores_hyphenation_and_punctuation():
    assert squash("Inbe-") + squash("triebsetzung.") == squash("Inbetriebsetzung")


def test_figures_count_only_labelled_lines_and_average_f1_over_zones():
    found = pairs([["body", None, "footer"]], [["body", "footer", "body"]])
    assert found == [("body", "body"), ("footer", "body")]
    result = figures(found)
    assert result.accuracy == 0.5
    assert result.per_zone == {"body": 2 / 3, "footer": 0.0}
    assert result.macro_f1 == 1 / 3
