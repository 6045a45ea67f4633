"""The words the document-type stage looks for before a head-line pattern never change an answer."""

from __future__ import annotations

import pytest

from amtsbrief.cues import pattern
from amtsbrief.zoning import doctype

from letter_lines import lines_of

_NAMES = sorted(doctype._NEEDED_WORDS)


def _disagreements(lines) -> list[tuple[str, str]]:
    return [(name, line) for name in _NAMES for line in lines
            if bool(doctype.gated(name)(line)) != bool(pattern(name).search(line))]


def test_the_gates_are_derived_from_the_patterns_in_use():
    # A changed pattern goes without its gate (still correct, slower): derive the gate anew for it.
    assert all(doctype.gated(name) != pattern(name).search for name in _NAMES)


def test_every_corpus_line_gets_the_same_answer(corpus_dir):
    lines = lines_of(sorted((corpus_dir / "dev").iterdir()) + sorted((corpus_dir / "test").iterdir()))
    assert _disagreements(lines) == []
    assert all(any(pattern(name).search(line) for line in lines) for name in _NAMES)


def test_every_shared_letter_line_gets_the_same_answer(shared_dir):
    assert _disagreements(lines_of(sorted((shared_dir / "letters").iterdir()))) == []


@pytest.mark.parametrize("line", ["ANTWORT", "A N T W O R T", "Antwort der Landesregierung", "  Beantwortung",
                                  "Drucksache 18/2941", "Drs. 7/12", "Landtag Drucksache", "ANTWORTEN", "antwort",
                                  "Die Antwort", "NRW", ""])
def test_lines_on_the_edge_get_the_same_answer(line):
    assert _disagreements([line]) == []
