"""The page-furniture hint (a cheap scan for substrings every furniture line holds) never changes an answer.

``segment._is_page_furniture`` runs ``segment.furniture`` only on lines that hold one of the hint's
substrings; these tests ask both forms about every line of every letter we have, and about lines made
to sit on the edge of each branch of the pattern.
"""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, strategies as st

from amtsbrief import segment
from amtsbrief.load import load_path
from amtsbrief.errors import AmtsbriefError
from amtsbrief.normalise import normalise
from amtsbrief.zoning.table import Features, first

_SUFFIXES = (".txt", ".eml", ".msg", ".xml")


def _lines_of(paths) -> set[str]:
    lines: set[str] = set()
    for path in paths:
        if path.suffix not in _SUFFIXES or path.name.endswith(".gold.json"):
            continue
        try:
            text = normalise(load_path(path).text)
        except AmtsbriefError:
            continue
        lines.update(line.strip() for line in text.splitlines())
    return lines


def _agrees(line: str) -> bool:
    """The hinted and the plain answer agree, for the page-mark pattern and for the whole furniture stage."""
    if segment._is_page_furniture(line) != (segment._FURNITURE.match(line) is not None):
        return False
    rule = first("furniture", Features(segment.FURNITURE_FEATURES, line))
    return rule is None or segment._furniture_line_hint().search(line) is not None


def test_the_hint_is_derived_from_the_pattern_in_the_vocabulary():
    # A changed pattern runs without the hint (still correct, slower): derive the hint anew for it.
    digest = hashlib.sha1(segment._FURNITURE.pattern.encode()).hexdigest()[:16]
    assert digest == segment._FURNITURE_HINT_FOR
    assert segment._furniture_line_hint().pattern != ""  # and the furniture stage's rules are the hinted ones


def test_every_corpus_line_gets_the_same_answer_with_the_hint(corpus_dir):
    lines = _lines_of(sorted((corpus_dir / "dev").iterdir()) + sorted((corpus_dir / "test").iterdir()))
    assert len(lines) > 1000
    assert [line for line in lines if not _agrees(line)] == []
    assert any(segment._is_page_furniture(line) for line in lines)  # the corpus does hold furniture


def test_every_shared_letter_line_gets_the_same_answer_with_the_hint(shared_dir):
    lines = _lines_of(sorted((shared_dir / "letters").iterdir()))
    assert len(lines) > 100
    assert [line for line in lines if not _agrees(line)] == []


@pytest.mark.parametrize("line", [
    "__________", "----------", "==========", "(Ausgegeben am 3. Mai 2021)", "AUSGEGEBEN: heute",
    "Landratsamt Musterkreis     Seite 2 von 3", "Stadt Musterstadt     - 2 -", "Stadt Musterstadt     – 2 –",
    "Bescheid vom 3. Mai 2021 · Seite 2 / 4", "Bescheid vom 3. Mai 2021 SEITE 2 VON 4",
    "*** Fortsetzung auf Seite 2 ***", "- Fortsetzung -", "— Fortsetzung —", "b. w.", "B.W.", "bitte wenden!",
    "Bitte Wenden", ".../2", "*** Ende ***", "Seite 2", "Mit freundlichen Grüßen", "Sehr geehrte Damen und Herren,",
    "Musterstraße 1, 12345 Musterstadt", "", "    ", "Seiten 2", "ſeite 2", "Hauptstraße 12  Seite 2 von 3",
    "3 / 4", "- 2 -", "Blatt 3", "Gesamtherstellung: Druckerei", "Vertrieb: Bundesanzeiger Verlag", "ISSN 0722-8333",
])
def test_lines_on_the_edge_of_each_branch_get_the_same_answer(line):
    assert _agrees(line)


# Text made of the pattern's own pieces, so that random lines reach deep into each branch.
_PIECES = st.sampled_from(["Seite", "SEITE", "ſeite", " ", "    ", "2", "12", "/", "von", "-", "–", "—", "_", "=", "*",
                           ".", "b.", "w.", "bitte", "wenden", "!", "(", "Ausgegeben", "am", ":", "Fortsetzung",
                           "auf", "siehe", "Blatt", "·", "|", "•", "Stadt", "x", "\t", "ISSN", "0722-8333",
                           "Gesamtherstellung", "Vertrieb", "Verlag", "٣"])


@given(st.lists(_PIECES, max_size=14).map("".join))
def test_lines_built_from_the_patterns_pieces_get_the_same_answer(line):
    assert _agrees(line.strip())
