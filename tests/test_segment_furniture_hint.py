"""The page-furniture hint (a cheap scan for characters every furniture line holds) never changes an answer.

``segment.furniture_rules`` asks the furniture rules only about lines the hint lets through; these tests
ask the rules about every line the hint turns away, of every letter we have, and of lines made to sit
on the edge of each branch of the three patterns.
"""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, strategies as st

from amtsbrief import segment
from amtsbrief.zoning.table import Features, first

from letter_lines import lines_of


def _agrees(line: str) -> bool:
    """A line the hint lets pass by is one no furniture rule takes."""
    line = line.strip()
    if not line or segment._may_be_furniture(line):
        return True
    return first("furniture", Features(segment.FURNITURE_FEATURES, line)) is None


def test_the_hint_is_derived_from_the_patterns_and_rules_in_use():
    # A changed pattern or rule goes without the hint (still correct, slower): derive the hint anew for it.
    digests = tuple(hashlib.sha1(pattern.pattern.encode()).hexdigest()[:16]
                    for pattern in (segment._PAGE_NUMBER, segment._FURNITURE, segment._PRINTERS_IMPRINT))
    assert digests == segment._FURNITURE_HINT_FOR
    assert segment._furniture_hint_holds()


def test_every_corpus_line_gets_the_same_answer_with_the_hint(corpus_dir):
    lines = lines_of(sorted((corpus_dir / "dev").iterdir()) + sorted((corpus_dir / "test").iterdir()))
    assert len(lines) > 1000
    assert [line for line in lines if not _agrees(line)] == []
    assert any(not segment._may_be_furniture(line) for line in lines if line)  # the hint does spare lines
    assert any(first("furniture", Features(segment.FURNITURE_FEATURES, line)) for line in lines if line)


def test_every_shared_letter_line_gets_the_same_answer_with_the_hint(shared_dir):
    lines = lines_of(sorted((shared_dir / "letters").iterdir()))
    assert len(lines) > 100
    assert [line for line in lines if not _agrees(line)] == []


@pytest.mark.parametrize("line", [
    "__________", "----------", "==========", "(Ausgegeben am 3. Mai 2021)", "AUSGEGEBEN: heute",
    "Landratsamt Musterkreis     Seite 2 von 3", "Stadt Musterstadt     - 2 -", "Stadt Musterstadt     – 2 –",
    "Bescheid vom 3. Mai 2021 · Seite 2 / 4", "Bescheid vom 3. Mai 2021 SEITE 2 VON 4",
    "*** Fortsetzung auf Seite 2 ***", "- Fortsetzung -", "— Fortsetzung —", "b. w.", "B.W.", "bitte wenden!",
    "Bitte Wenden", "(Ausgegeben am Montag)", "ausgegeben am Montag", "bitte wenden", ".../2", "*** Ende ***", "Seite 2", "Mit freundlichen Grüßen", "Sehr geehrte Damen und Herren,",
    "Musterstraße 1, 12345 Musterstadt", "", "    ", "Seiten 2", "ſeite 2", "Hauptstraße 12  Seite 2 von 3",
    "3 / 4", "- 2 -", "Blatt 3", "Gesamtherstellung: Druckerei", "Vertrieb: Bundesanzeiger Verlag", "ISSN 0722-8333",
    "Fortsetzung auf Seite 2", "fortsetzung siehe blatt 3 *", "Auſgegeben am 3. Mai", "Bescheid vom 3. Mai SEİTE 2 / 4",
    "Bescheid vom 3. Mai Seıte 2 von 4", "Stadt Musterstadt    Seite 2", "Bericht 2021", "12345 Musterstadt 2",
])
def test_lines_on_the_edge_of_each_branch_get_the_same_answer(line):
    assert _agrees(line)


# Text made of the pattern's own pieces, so that random lines reach deep into each branch.
_PIECES = st.sampled_from(["Seite", "SEITE", "ſeite", " ", "    ", "2", "12", "/", "von", "-", "–", "—", "_", "=", "*",
                           ".", "b.", "w.", "bitte", "wenden", "!", "(", "Ausgegeben", "am", ":", "Fortsetzung",
                           "auf", "siehe", "Blatt", "·", "|", "•", "Stadt", "x", "\t", "ISSN", "0722-8333",
                           "Gesamtherstellung", "Vertrieb", "Verlag", "٣", "İ", "ı", "ſ", "F", "s", "3."])


@given(st.lists(_PIECES, max_size=14).map("".join))
def test_lines_built_from_the_patterns_pieces_get_the_same_answer(line):
    assert _agrees(line.strip())
