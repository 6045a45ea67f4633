"""The words ``cues.gated`` looks for before a named pattern never change an answer."""

from __future__ import annotations

import pytest

from amtsbrief.cues import _NEEDED_WORDS, gated, pattern

from letter_lines import lines_of

_NAMES = sorted(_NEEDED_WORDS)
_METHODS = ("search", "match", "split")


def _same(name: str, method: str, line: str) -> bool:
    ours, theirs = gated(name, method)(line), getattr(pattern(name), method)(line)
    if method == "split":
        return ours == theirs
    return (ours is None) == (theirs is None) and (ours is None or ours.span() == theirs.span())


def _differing(lines) -> list[tuple[str, str, str]]:
    return [(name, method, line) for name in _NAMES for method in _METHODS for line in lines
            if not _same(name, method, line)]


def test_the_gates_are_derived_from_the_patterns_in_use():
    # A changed pattern goes without its gate (still correct, slower): derive the gate anew for it.
    assert all(gated(name) != pattern(name).search for name in _NAMES)


def test_every_corpus_line_gets_the_same_answer(corpus_dir):
    lines = lines_of(sorted((corpus_dir / "dev").iterdir()) + sorted((corpus_dir / "test").iterdir()))
    assert _differing(lines) == []
    assert all(any(pattern(name).search(line) for line in lines) for name in _NAMES)


def test_every_shared_letter_line_gets_the_same_answer(shared_dir):
    assert _differing(lines_of(sorted((shared_dir / "letters").iterdir()))) == []


@pytest.mark.parametrize("line", [
    "ANTWORT", "A N T W O R T", "Antwort der Landesregierung", "  Beantwortung", "Drucksache 18/2941", "Drs. 7/12",
    "Landtag Drucksache", "ANTWORTEN", "antwort", "Die Antwort", "NRW", "", "IBAN DE12", "Konto-Nr. 1", "KontoNr 1",
    "BIC: X", "www.stadt.de", " https://x.de ", "Telefon · Fax", "Amt    Markt 1", "Amt  Telefon: 1", "Amt – Telefon 1",
    "Amt\u00a0-\u00a0Fax 1", "Amt - www.x.de", "a | b", "a•b",
])
def test_lines_on_the_edge_get_the_same_answer(line):
    assert _differing([line]) == []
