"""Specification of how the segmenter reads what OCR makes of a scanned tax-office notice.

The notices are fictional and written for these tests, in the shape of a Bescheid nach § 60a AO or a
Freistellungsbescheid: a later sheet that is another letter, page 1's footer without a page number
between the pages, an address block OCR split at a wider line gap, a lone postal line of the letterhead.
"""

from __future__ import annotations

from amtsbrief import parse_text

PROSE = (
    "Die Satzung der Körperschaft Muster e.V. erfüllt die satzungsmäßigen Voraussetzungen nach den §§ 51, 59, 60 und 61 AO.\n\n"
    "Diese Feststellung bindet das Finanzamt hinsichtlich der Besteuerung der Körperschaft und der Steuerpflichtigen.\n\n"
)

NOTICE = (
    "Finanzamt Musterstadt\n\n"
    "Muster e.V.\nz. Hd. Herrn Max Muster\n\n"
    "Markt 7\n01234 Musterstadt\n\n"
    "Musterstadt 23. August 2017\n\n"
    "Bescheid nach § 60 a Abs. 1 AO über die gesonderte Feststellung\n\n"
    "Feststellung\n\n" + PROSE +
    "Dienstgebäude\nRathausplatz 1\n01234 Musterstadt\n\n"
    "Telefon\n(0341) 407-0\nTelefax\n(0341) 407-449\n\n"
    "E-Mail: poststelle@fa-muster.example.de\n\n"
    "IBAN DE72 2600 0000 0026 0015 00\nBIC MARKDEF1260\n\n"
    "Bei Beschäftigung von Arbeitnehmern sind Lohnsteuer und Solidaritätszuschlag einzubehalten und abzuführen.\n\n"
    "Rechtsbehelfsbelehrung\n\n"
    "Gegen diesen Feststellungsbescheid ist der Einspruch gegeben. Die Frist für die Einlegung des Einspruchs beträgt einen Monat.\n\n"
)

SECOND_LETTER = (
    "Finanzamt\nMusterstadt\n\nRathausplatz 1\n\n"
    "Finanzamt, 01230 Musterstadt\n\n"
    "Muster e.V.\nMarkt 7\n01234 Musterstadt\n\n"
    "Sehr geehrte Steuerzahlerin,\nsehr geehrter Steuerzahler,\n\n"
    "das Finanzamt hat Ihnen die Steuernummer 20/206/30219 zugeteilt.\n\n"
    "Mit freundlichen Grüßen\n\nIhr Finanzamt\n"
)


def test_segment_scans_a_later_sheet_with_its_own_head_is_another_letter_and_takes_nothing():
    letter = parse_text(NOTICE + SECOND_LETTER)
    assert letter.kind == "notice"
    assert letter.salutation is None and letter.closing is None
    assert letter.subject.title.startswith("Bescheid nach § 60 a")
    assert "Steuerzahler" not in letter.body and "Einspruch gegeben" in letter.body


def test_segment_scans_an_address_block_split_at_a_gap_is_one_recipient():
    letter = parse_text(NOTICE)
    assert letter.recipient.organization == "Muster e.V."
    assert letter.recipient.address.street == "Markt 7"
    assert letter.references.date.isoformat() == "2017-08-23"


def test_segment_scans_page_footer_without_page_number_is_footer_not_body():
    letter = parse_text(NOTICE)
    assert "Dienstgebäude" not in letter.body and "poststelle" not in letter.body
    assert letter.footer.phone == "+493414070"
    assert letter.footer.fax == "+49341407449"


def test_segment_scans_a_lone_postal_line_is_no_addressee():
    text = ("Finanzamt\n\nSteuernummer 12/345/67890\n\n01234 Musterstadt\n\n"
            "Herrn\n\nMarkt 7\n01235 Musterstadt\n\n"
            "Freistellungsbescheid für 2019 bis 2021 zur Körperschaftsteuer\n\nFeststellung\n\n" + PROSE +
            "Rechtsbehelfsbelehrung\n\nGegen diesen Bescheid ist der Einspruch gegeben.\n")
    letter = parse_text(text)
    assert letter.recipient.salutation == "Herr"
    assert letter.recipient.address.postal_code == "01235"
