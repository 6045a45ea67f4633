"""The anchor shortcut (a line whose first word no salutation or close starts with is no anchor) never
changes an answer: every line of every letter we have gets the same answer with and without it."""

from __future__ import annotations

import pytest

from amtsbrief import segment
from amtsbrief.nlp import may_label, may_label_at
from amtsbrief.zoning.kinds import ZoneKind
from amtsbrief.zoning.table import Features, first

from letter_lines import lines_of

_ZONES = (ZoneKind.SALUTATION, ZoneKind.CLOSING)


def _disagreements(lines: set[str]) -> list[tuple[str, str]]:
    texts = sorted(lines)
    found = [(zone.value, line) for line in texts for zone in _ZONES
             if segment._is_anchor(line, zone) != (bool(line) and first("anchor", Features(segment.ANCHOR_FEATURES, line),
                                                                        zone=zone) is not None)]
    # _find_anchors asks the rules about the lines nlp.may_label_at lets through, in one loop.
    for label in ("SALUTATION", "CLOSING"):
        if list(may_label_at(texts, label)) != [n for n, text in enumerate(texts) if may_label(text, label)]:
            found.append((label, "may_label_at"))
    return found


def test_the_shortcut_is_taken_for_both_anchors():
    assert all(segment._anchor_needs_label(zone) for zone in _ZONES)


def test_every_corpus_line_gets_the_same_anchor_answer(corpus_dir):
    lines = lines_of(sorted((corpus_dir / "dev").iterdir()) + sorted((corpus_dir / "test").iterdir()))
    assert any(segment._is_anchor(line, ZoneKind.CLOSING) for line in lines)
    assert _disagreements(lines) == []


def test_every_shared_letter_line_gets_the_same_anchor_answer(shared_dir):
    assert _disagreements(lines_of(sorted((shared_dir / "letters").iterdir()))) == []


@pytest.mark.parametrize("line", ["Sehr geehrte Damen und Herren,", "Mit freundlichen Grüßen", "  Hochachtungsvoll",
                                  "Guten Tag Frau Muster,", "Dear Sir or Madam,", "Freundliche Grüße", "Mit Schreiben vom",
                                  "Sehr" + " lang" * 40, "", "123 Sehr geehrte", "„Sehr geehrte Frau,“",
                                  "SEHR GEEHRTE DAMEN", "MIT FREUNDLICHEN GRÜSSEN", "İch", "ſehr geehrte"])
def test_lines_at_the_edge_get_the_same_anchor_answer(line):
    assert _disagreements({line}) == []
