"""A guarded pattern (``fields.needles``) finds exactly what the plain pattern finds, only faster."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, strategies as st

from amtsbrief.errors import AmtsbriefError
from amtsbrief.extract import footer, inquiry
from amtsbrief.load import load_path
from amtsbrief.fields.needles import Guarded, guarded, needles_of

GUARDED = {f"{module.__name__}.{name}": value for module in (footer, inquiry)
           for name, value in vars(module).items() if isinstance(value, Guarded)}


def test_the_extractors_guard_their_patterns():
    assert len(GUARDED) >= 10


def test_needles_are_the_words_every_match_holds():
    assert needles_of(re.compile(r"\bDrucksache\s+(?P<own>\d+/\d+)")) == (frozenset({"drucksache"}), frozenset({"/"}))
    assert needles_of(re.compile(r"(?:Ihre|Deine)\s+(?:Anfrage|Frage)\b", re.I)) == (
        frozenset({"ihre", "deine"}), frozenset({"anfrage", "frage"}))
    assert needles_of(re.compile(r"[\w.]+@[\w.]+")) == (frozenset({"@"}),)


def test_a_pattern_without_certain_words_is_left_as_it_is():
    plain = re.compile(r"\d{5}\s+\w+|[A-Z]\w+")
    assert guarded(plain) is plain


def test_case_partners_beyond_lower_case_are_searched():
    """``IGNORECASE`` matches the long s to ``s`` and the dotted capital I to ``i``; ``str.lower`` does not."""
    pattern = guarded(re.compile(r"Bescheid|Kasse", re.I))
    assert pattern.search("der BESCHEID").group() == "BESCHEID"
    assert pattern.search("Beſcheid").group() == "Beſcheid"
    assert pattern.search("KASSE") is not None
    assert pattern.search("kein Treffer") is None


@pytest.mark.parametrize("name", sorted(GUARDED))
def test_guarded_patterns_find_what_the_plain_ones_find_in_the_corpus(name, corpus_texts):
    pattern = GUARDED[name]
    plain = re.compile(pattern.pattern, pattern.flags)
    for text in corpus_texts:
        for piece in [text] + text.split("\n"):
            found, expected = pattern.search(piece), plain.search(piece)
            assert (found and found.span()) == (expected and expected.span()), (name, piece)
            assert pattern.sub("", piece) == plain.sub("", piece)


@given(st.text(alphabet="abcdefghiklmnorstuBKIſİıSsÄäẞß @#:/.-\n", max_size=60))
def test_guarded_patterns_agree_on_any_text(text):
    for pattern in GUARDED.values():
        plain = re.compile(pattern.pattern, pattern.flags)
        found, expected = pattern.search(text), plain.search(text)
        assert (found and found.span()) == (expected and expected.span())


@pytest.fixture(scope="module")
def corpus_texts(corpus_dir):
    texts = []
    for path in sorted(corpus_dir.glob("*/*.txt")):
        try:
            texts.append(load_path(path).text)
        except AmtsbriefError:
            continue  # the corpus's negative cases (binary, empty)
    return texts
