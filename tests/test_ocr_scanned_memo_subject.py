"""A scanned ministry memo (Vermerk): its ``Betr.:`` wraps at a hyphen across the wider line gap OCR
leaves, and its ``hier:`` may be read with a semicolon. The memo is fictional."""

from __future__ import annotations

from amtsbrief import parse_text
from amtsbrief.layout import ocr

MEMO = """Referat Z 3
Z 3 - 12 345/6

Berlin, den 3. Mai 2021

Herrn Minister

Betr.: Entwurf eines Gesetzes zur Änderung der 3-Prozent-

Sperrklausel in § 2 Abs. 7 MusterWG (Anlage);
hier: Stellungnahme des Referats

1. Votum
Das Referat empfiehlt, dem Entwurf zuzustimmen.
"""


def test_ocr_scanned_memo_subject_goes_on_past_the_blank_line_after_a_broken_word():
    subject = parse_text(MEMO).subject
    assert subject.title == "Entwurf eines Gesetzes zur Änderung der 3-Prozent-Sperrklausel in § 2 Abs. 7 MusterWG (Anlage)"
    assert subject.regarding == "Stellungnahme des Referats"


def test_ocr_scanned_memo_subject_ends_at_a_blank_line_after_a_whole_word():
    subject = parse_text(MEMO.replace("der 3-Prozent-\n", "des Wahlrechts\n")).subject
    assert subject.title == "Entwurf eines Gesetzes zur Änderung des Wahlrechts"


def test_ocr_subject_label_read_with_a_semicolon_is_a_label():
    assert ocr._LABEL_SEMICOLON.match("hier;") and ocr._LABEL_SEMICOLON.match("Betr.;")
    assert not ocr._LABEL_SEMICOLON.match("Kinder;")
