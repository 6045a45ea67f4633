"""Specification of stage 2, normalise (``amtsbrief.normalise``): the text every span points into.

Only what never changes meaning: line ends, NFC, soft hyphens and zero-width characters, exotic spaces,
ligatures, tabs and trailing blanks. ``normalise_with_origin`` gives the same text and, for each of its
characters, the offset in the raw text it came from.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amtsbrief.normalise import normalise, normalise_with_origin

NORMAL_FORM_CASES = [
    # Windows line ends
    pytest.param("Zeile 1\r\nZeile 2\r\n", "Zeile 1\nZeile 2\n", id="crlf"),
    # old Mac line ends
    pytest.param("Zeile 1\rZeile 2", "Zeile 1\nZeile 2", id="cr"),
    # a form feed between pages is a line break
    pytest.param("Seite 1\x0cSeite 2", "Seite 1\nSeite 2", id="form-feed"),
    # decomposed umlauts (macOS file names, some PDFs) are composed
    pytest.param("Gru\u0308\u00dfe aus Go\u0308rlitz", "Grüße aus Görlitz", id="nfc"),
    # soft hyphens vanish (they only mark where a word may break)
    pytest.param("Inbe\u00adtriebsetzung", "Inbetriebsetzung", id="soft-hyphen"),
    # zero-width characters and a byte-order mark inside the text vanish
    pytest.param("\ufeffAmts\u200bblatt\u200c\u200d\u2060", "Amtsblatt", id="zero-width"),
    # no-break and narrow no-break spaces become plain spaces
    pytest.param("5\u00a0€ und 10\u202fkm", "5 € und 10 km", id="exotic-spaces"),
    # typographic ligatures of PDF extraction are split
    pytest.param("E\ufb03zienz, \ufb01nden, \ufb02ach, Sto\ufb00", "Effizienz, finden, flach, Stoff", id="ligatures"),
    # tabs are expanded to eight columns, so the columns of a Bezugszeichenzeile survive
    pytest.param("Datum\tZeichen\nab\tcd", "Datum   Zeichen\nab      cd", id="tabs"),
    # trailing blanks go, leading ones stay (indentation marks the right column)
    pytest.param("   rechts   \nlinks \t\n", "   rechts\nlinks\n", id="trailing-blanks"),
    # a line of blanks becomes an empty line, the blank line between paragraphs stays
    pytest.param("Absatz 1\n   \nAbsatz 2", "Absatz 1\n\nAbsatz 2", id="blank-line"),
    # quotation marks and dashes are kept as written
    pytest.param("„Zitat“ – ‚innen‘ — \"gerade\"", "„Zitat“ – ‚innen‘ — \"gerade\"", id="quotes-kept"),
]


@pytest.mark.parametrize("raw, expected", NORMAL_FORM_CASES)
def test_normalise_normal_form(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


@pytest.mark.parametrize("raw, expected", NORMAL_FORM_CASES)
def test_normalise_with_origin_gives_the_same_text(raw: str, expected: str) -> None:
    text, origin = normalise_with_origin(raw)
    assert text == expected
    assert len(origin) == len(text)


# Text as letters and their extractions hold it: German letters, digits, punctuation, every kind of
# line end, tabs, the characters normalise removes or replaces, and combining marks.
_ALPHABET = st.sampled_from(
    list("aeiouäöüßAÄOÖUÜnrstz019 .,;:-–„“()")
    + ["\n", "\r", "\r\n", "\t", "\x0c", "\u00ad", "\u200b", "\ufeff", "\u00a0", "\u202f",
       "\ufb01", "\ufb03", "\u0308", "\u0301", "e\u0301", "   "]
)
LETTER_TEXT = st.lists(_ALPHABET, max_size=80).map("".join)


def _cluster(raw: str, at: int) -> str:
    """The raw character at ``at`` with the combining marks that follow it (NFC composes them).

    A letter follows it, so a blank is not a trailing blank when normalised alone.
    """
    end = at + 1
    while end < len(raw) and unicodedata.combining(raw[end]):
        end += 1
    return raw[at:end] + "x"


@settings(max_examples=300, deadline=None)
@given(LETTER_TEXT)
def test_normalise_with_origin_maps_every_character_back(raw: str) -> None:
    text, origin = normalise_with_origin(raw)
    assert text == normalise(raw)
    assert len(origin) == len(text)
    assert origin == sorted(origin)  # the map never runs backwards
    for position, char in enumerate(text):
        assert 0 <= origin[position] < len(raw)
        # OCR repairs replace one character by another in context ("Te1efon" → "Telefon"); every other
        # character comes from its source cluster.
        assert char in normalise(_cluster(raw, origin[position])) or char in "lO01ß", (position, char, origin[position])


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_normalise_is_idempotent(raw: str) -> None:
    once = normalise(raw)
    assert normalise(once) == once


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_normalise_leaves_no_carriage_return_tab_or_soft_hyphen(raw: str) -> None:
    text = normalise(raw)
    assert not set(text) & {"\r", "\t", "\u00ad", "\ufeff", "\u00a0"}
    assert all(line == line.rstrip(" ") for line in text.split("\n"))


COMPOSING_WITHOUT_COMBINING_MARK_CASES = [
    # Hangul jamo L + V compose to one syllable, yet the vowel has combining class 0
    pytest.param("\u1100\u1161", id="hangul-jamo"),
    # Oriya vowel sign parts compose (U+0B47 U+0B3E → U+0B4B) with combining class 0
    pytest.param("\u0b47\u0b3e", id="oriya-vowel-sign"),
]


@pytest.mark.parametrize("raw", COMPOSING_WITHOUT_COMBINING_MARK_CASES)
def test_normalise_with_origin_agrees_with_normalise_on_class_zero_compositions(raw: str) -> None:
    assert normalise_with_origin(raw)[0] == normalise(raw)


# The characters that the map's fast path treats specially, among ordinary ones.
LAID_OUT_TEXT = st.text(alphabet=st.sampled_from(list("ab1 I0\r\n\t\x0b\x0c\u00a0\u202f\u00ad\u200b\ufeff\ufb01\ufb03ä")),
                        max_size=60)


@settings(max_examples=500, deadline=None)
@given(LAID_OUT_TEXT)
def test_normalise_with_origin_copies_runs_as_the_character_walk_maps_them(raw: str) -> None:
    # The fast path (runs between changes) and the character-by-character walk (kept for text that
    # NFC changes) must agree on the text and on every offset of the map.
    from amtsbrief.normalise import _with_origin_by_character

    assert normalise_with_origin(raw) == _with_origin_by_character(raw)


def test_an_email_and_its_quoted_messages_are_normalised_apart_and_the_quote_start_follows():
    from amtsbrief.normalise import normalise_quoting

    letter, quoted = "Sehr geehrte Frau Weber,  \r\nanbei die Antwort.\t\r\n", "> Am 1. Mai schrieb Herr Roth:\r\n> Frage?"
    text, quoted_from = normalise_quoting(letter + quoted, len(letter))
    assert text[:quoted_from] == "Sehr geehrte Frau Weber,\nanbei die Antwort.\n"
    assert text[quoted_from:] == "> Am 1. Mai schrieb Herr Roth:\n> Frage?"
    assert normalise_quoting(letter, None) == (text[:quoted_from], None)
