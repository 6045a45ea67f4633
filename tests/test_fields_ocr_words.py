"""Multi-character OCR confusions are repaired in values only where the letter itself or the German word
list proves the repair."""

from pathlib import Path

import pytest

from amtsbrief.fields import ocr_words


@pytest.fixture
def no_word_list(monkeypatch):
    monkeypatch.setattr(ocr_words, "WORD_LIST", Path("/nonexistent/ngerman"))
    ocr_words._lexicon.cache_clear()
    yield
    ocr_words._lexicon.cache_clear()


@pytest.fixture
def word_list():
    if not ocr_words.WORD_LIST.is_file():
        pytest.skip(f"{ocr_words.WORD_LIST} is missing: Debian's wngerman (scripts/setup.sh installs it as root)")


def test_ii_for_u_umlaut_is_repaired_where_the_true_word_stands_in_the_letter():
    letter = "Gebühren nach der Satzung.\n\nDie Gebiihren für die Akteneinsicht betragen 30 Euro."
    assert ocr_words.repair("Die Gebiihren für die Akteneinsicht betragen 30 Euro.", letter) == \
        "Die Gebühren für die Akteneinsicht betragen 30 Euro."


def test_rn_for_m_is_repaired_with_evidence():
    assert ocr_words.repair("Ordnungsarnt", "Ordnungsamt Beispielstadt\n\nOrdnungsarnt") == "Ordnungsamt"


def test_without_evidence_and_without_the_word_list_nothing_changes(no_word_list):
    assert ocr_words.repair("Die Gebiihren betragen 30 Euro.", "Die Gebiihren betragen 30 Euro.") == "Die Gebiihren betragen 30 Euro."


def test_a_real_word_that_stands_elsewhere_too_is_left_alone():
    letter = "Kerne und Keme.\n\nDie Kerne sind reif. Kerne"
    assert ocr_words.repair("Die Kerne sind reif.", letter) == "Die Kerne sind reif."


@pytest.mark.parametrize("read, meant", [
    ("Die Gerneinde teilt fiir Sie mit", "Die Gemeinde teilt für Sie mit"),
    ("Herm", "Herrn"),
    ("Biirgerrneisterin", "Bürgermeisterin"),   # two confusions in one word
])
def test_the_word_list_proves_a_repair_where_the_word_as_read_is_no_word(word_list, read, meant):
    assert ocr_words.repair(read, "") == meant


@pytest.mark.parametrize("written", ["Die Kerne sind modern.", "Klinikum Bern", "Frau Liidtke"])
def test_words_of_the_list_and_names_it_does_not_know_stay_as_written(word_list, written):
    assert ocr_words.repair(written, "") == written


def test_a_misreading_repeated_in_the_letter_is_repaired_where_the_true_spelling_stands_too(word_list):
    letter = "Amt Büchen, Markt 1, 21514 Biichen\n\nAmt Biichen teilt mit."
    assert ocr_words.repair("Amt Biichen", letter) == "Amt Büchen"


def test_the_true_spelling_is_never_turned_into_its_misreading(word_list):
    letter = "Herrn Gerd Möllmann\n\nSehr geehrter Herr Möllrnann,"
    assert ocr_words.repair("Gerd Möllmann", letter) == "Gerd Möllmann"
    assert ocr_words.repair("Sehr geehrter Herr Möllrnann,", letter) == "Sehr geehrter Herr Möllmann,"


@pytest.mark.parametrize("read, meant", [
    ("Ihr Schreiben vorn 07.09.1998", "Ihr Schreiben vom 07.09.1998"),
    ("das arn 31.12.1998 abläuft", "das am 31.12.1998 abläuft"),
    ("vorn im Haus", "vorn im Haus"),  # a word of its own where no date follows
])
def test_vorn_and_arn_before_a_date_are_vom_and_am(read, meant):
    assert ocr_words.repair(read, "") == meant


def test_a_capital_rn_read_for_m_is_repaired_where_the_letter_holds_the_name():
    assert ocr_words.repair("Hannelore Rnöller", "Sehr geehrte Frau Möller,") == "Hannelore Möller"
