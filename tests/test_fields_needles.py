"""A guarded pattern (``fields.needles``) finds exactly what the plain pattern finds, only faster: its
needles are words every match must contain, read from the pattern itself."""

from __future__ import annotations

import re
from functools import cache

import pytest
from hypothesis import given, strategies as st

from amtsbrief import segment
from amtsbrief.cues import pattern
from amtsbrief.errors import AmtsbriefError
from amtsbrief.extract import footer, inquiry
from amtsbrief.fields.needles import Guarded, guarded, needles_of
from amtsbrief.load import load_path
from amtsbrief.zoning import doctype

from letter_lines import lines_of

GUARDED = {f"{module.__name__}.{name}": value for module in (footer, inquiry, segment, doctype)
           for name, value in vars(module).items() if isinstance(value, Guarded)}


def test_the_segmenter_and_the_extractors_guard_their_patterns():
    assert len(GUARDED) >= 15


@pytest.mark.parametrize("regex, flags, needles", [
    # literal runs, as written where the pattern does not fold case
    (r"\bDrucksache\s+(?P<own>\d+/\d+)", 0, [{"Drucksache"}, {"/"}]),
    # in lower case where it does; one word of each alternation ("anfrage" holds "frage": "frage" is enough)
    (r"(?:Ihre|Deine)\s+(?:Anfrage|Frage)\b", re.I, [{"frage"}, {"ihre", "deine"}]),
    # the parser takes "Dr" out of both branches; it stands with each again
    (r"\b(?:Drucksache|Drs\.)\s*\d+", 0, [{"Drucksache", "Drs."}]),
    # a sign alone is rare enough, a lower-case letter is not
    (r"[\w.]+@[\w.]+", 0, [{"@"}]),
    (r"\d+a\d+", 0, []),
    # a repeated literal's fewest copies; a class of a few signs
    (r"\s+[·•|]\s+| {4,}", 0, [{"    ", "·", "•", "|"}]),
    (r"x{2}y", 0, [{"xxy"}]),
    # capitals count where case counts: every clause takes one letter of the spaced word or the word
    (r"A\s?N\s?T|Antwort", 0, [{"A"}, {"N", "ntwort"}, {"T", "ntwort"}]),
    (r"A\s?N\s?T", re.I, []),
    # a part that folds case gives no word to compare as written
    (r"(?i:Anfrage) Nr\.", 0, [{" Nr."}]),
    # a lookahead's or lookbehind's words stand in the text too; a negative one's need not
    (r"\d+(?= Euro)", 0, [{" Euro"}]),
    (r"(?<!Dr\. )Müller", 0, [{"Müller"}]),
    # in lower case, a word with a character str.lower may not show as IGNORECASE matches it is left out
    (r"Straße|Straıe", re.I, []),
    # an optional part requires nothing
    (r"Konto-?Nr", 0, [{"Konto"}, {"Nr"}]),
])
def test_needles_are_the_words_every_match_holds(regex, flags, needles):
    assert sorted(map(sorted, needles_of(re.compile(regex, flags)))) == sorted(map(sorted, needles))


def test_a_pattern_without_certain_words_is_left_as_it_is():
    plain = re.compile(r"\d{5}\s+\w+|[A-Z]\w+")
    assert guarded(plain) is plain


@pytest.mark.parametrize("name", ["answer_heading", "drucksache_number", "segment.footer_bank_label", "segment.cell_separator"])
def test_the_segmenters_line_patterns_have_needles(name):
    # Most lines hold none of them: the segmenter asks these of every line.
    assert needles_of(pattern(name))


def test_case_partners_beyond_lower_case_are_searched():
    """``IGNORECASE`` matches the long s to ``s`` and the dotted capital I to ``i``; ``str.lower`` does not."""
    folding = guarded(re.compile(r"Bescheid|Kasse", re.I))
    assert folding.search("der BESCHEID").group() == "BESCHEID"
    assert folding.search("Beſcheid").group() == "Beſcheid"
    assert folding.search("KASSE") is not None
    assert folding.search("kein Treffer") is None


def test_a_pattern_that_keeps_case_compares_the_text_as_written():
    keeping = guarded(re.compile(r"\bIBAN\b"))
    assert keeping.search("IBAN DE12") is not None
    assert keeping.search("iban de12") is None
    assert keeping.split("a  b") == ["a  b"]


def _answers(compiled, text: str):
    found = compiled.search(text)
    return found and found.span(), compiled.split(text), compiled.sub("", text), compiled.findall(text)


def _differing(name: str, texts) -> list[str]:
    ours = GUARDED[name]
    plain = re.compile(ours.pattern, ours.flags)
    return [text for text in texts if _answers(ours, text) != _answers(plain, text)]


@cache
def _texts_and_lines(folder) -> tuple[str, ...]:
    """The text letters in ``folder`` (scans and PDFs left out: no OCR here), whole and line by line."""
    texts = []
    for path in sorted(folder.glob("*.txt")):
        try:
            texts.append(load_path(path).text)
        except AmtsbriefError:
            continue  # the corpus's negative cases (binary, empty)
    return tuple(texts) + tuple(sorted(lines_of(sorted(folder.iterdir()))))


@pytest.mark.parametrize("name", sorted(GUARDED))
def test_guarded_patterns_find_what_the_plain_ones_find_in_every_corpus_text_and_line(name, corpus_dir):
    assert _differing(name, _texts_and_lines(corpus_dir / "dev") + _texts_and_lines(corpus_dir / "test")) == []


@pytest.mark.parametrize("name", sorted(GUARDED))
def test_guarded_patterns_find_what_the_plain_ones_find_in_every_shared_letter_and_line(name, shared_dir):
    assert _differing(name, _texts_and_lines(shared_dir / "letters")) == []


_EDGE_LINES = [
    "ANTWORT", "A N T W O R T", "Antwort der Landesregierung", "  Beantwortung", "ANTWORTEN", "antwort", "NRW", "",
    "Drucksache 18/2941", "Drs. 7/12", "Landtag Drucksache", "IBAN DE12", "Konto-Nr. 1", "KontoNr 1", "BIC: X",
    "www.stadt.de", " https://x.de ", "Telefon · Fax", "Amt    Markt 1", "Amt  Telefon: 1", "Amt – Telefon 1",
    "Amt\u00a0-\u00a0Fax 1", "Amt - www.x.de", "a | b", "a•b", "Bescheid", "Beſcheid", "BESCHEİD",
]


@pytest.mark.parametrize("name", sorted(GUARDED))
def test_lines_on_the_edge_get_the_same_answer(name):
    assert _differing(name, _EDGE_LINES) == []


@given(st.text(alphabet="abcdefghiklmnorstuBKIſİıSsÄäẞß ANTWOR@#:/.-–·|\u00a0\n", max_size=60))
def test_guarded_patterns_agree_on_any_text(text):
    for name in GUARDED:
        assert _differing(name, [text]) == []
