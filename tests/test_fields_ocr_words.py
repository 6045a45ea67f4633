"""Multi-character OCR confusions are repaired in values only where the letter itself proves the repair."""

from amtsbrief.fields import ocr_words


def test_ii_for_u_umlaut_is_repaired_where_the_true_word_stands_in_the_letter():
    letter = "Gebühren nach der Satzung.\n\nDie Gebiihren für die Akteneinsicht betragen 30 Euro."
    assert ocr_words.repair("Die Gebiihren für die Akteneinsicht betragen 30 Euro.", letter) == \
        "Die Gebühren für die Akteneinsicht betragen 30 Euro."


def test_rn_for_m_is_repaired_with_evidence():
    assert ocr_words.repair("Ordnungsarnt", "Ordnungsamt Beispielstadt\n\nOrdnungsarnt") == "Ordnungsamt"


def test_without_evidence_nothing_changes():
    assert ocr_words.repair("Die Gebiihren betragen 30 Euro.", "Die Gebiihren betragen 30 Euro.") == "Die Gebiihren betragen 30 Euro."


def test_a_real_word_that_stands_elsewhere_too_is_left_alone():
    letter = "Kerne und Keme.\n\nDie Kerne sind reif. Kerne"
    assert ocr_words.repair("Die Kerne sind reif.", letter) == "Die Kerne sind reif."
