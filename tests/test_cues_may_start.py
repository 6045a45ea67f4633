"""``cues.lead_characters`` rules a line out only where the pattern cannot match it: every line of every letter
we have, padded and not, and lines built from the patterns' own pieces, get ``True`` wherever the pattern
matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, strategies as st

from amtsbrief.cues import cues, lead_characters, pattern

from letter_lines import lines_of

_NAMES = ("subject_label", "regarding_label", "copies_label", "delivery", "label_start", "field_label", "label_only",
          "field_pair", "field_label_spaced", "footer_label")


def _patterns() -> list[re.Pattern]:
    return [getattr(cues(), name) for name in _NAMES] + [pattern("segment.regarding_like")]


def _ruled_out(compiled: re.Pattern, text: str) -> bool:
    leads = lead_characters(compiled)
    return leads is not None and text.lstrip()[:1] not in leads


def _missed(texts) -> list[tuple[str, str]]:
    """(pattern, text) where the pattern matches but ``lead_characters`` said it cannot."""
    return [(compiled.pattern[:40], text) for compiled in _patterns() for text in texts
            if _ruled_out(compiled, text) and (compiled.match(text) or compiled.fullmatch(text))]


def test_the_label_patterns_are_read_not_let_through():
    # Each is understood (a line with another first letter is ruled out), so the shortcut does work.
    assert all(lead_characters(compiled) is not None and "Ż" not in lead_characters(compiled) for compiled in _patterns())


def test_every_corpus_line_is_let_through_where_a_pattern_matches_it(corpus_dir):
    lines = lines_of(sorted((corpus_dir / "dev").iterdir()) + sorted((corpus_dir / "test").iterdir()))
    assert len(lines) > 1000
    assert _missed(lines | {"   " + line for line in lines}) == []


def test_every_shared_letter_line_is_let_through_where_a_pattern_matches_it(shared_dir):
    lines = lines_of(sorted((shared_dir / "letters").iterdir()))
    assert _missed(lines | {"\t" + line for line in lines}) == []


@pytest.mark.parametrize("text", ["", " ", "ſubject: x", "SUBJECT: x", "betreff: x", "  BETREFF: x", "HIER: x", "hier: x",
                                  "Kopie an x", "CC: x", "Per Fax", "PER FAX", "Einschreiben", "\u2003Betreff: x",
                                  "Zur Kenntnis an: x", "Telefon: 1", "TELEFON: 1", "K\u212aundennummer 1",
                                  "Ihre Anfrage vom 3. Mai", "  ıhr Schreiben vom", "Schriftliche Frage Nr. 3", "Kleine Anfrage"])
def test_texts_on_the_edge(text):
    assert _missed([text]) == []


_PIECES = st.sampled_from(["Betreff", "Betr.", "betrifft", "Subject", "ſ", "Re", "hier", "Hier", "HIER", "Bezug",
                           "Verteiler", "cc", "Abdruck", "per", "Per", "Fax", "Einschreiben", "Telefon", "Tel.", "Fax",
                           "Ihr Zeichen", "Datum", ":", " ", "  ", "\t", "\u00a0", "\u2003", "x", "1", ",", "K", "\u212a",
                           "Ihre", "Anfrage", "Schreiben", "Frage", "Nr.", "Unser", "Kleine"])


@given(st.lists(_PIECES, max_size=6).map("".join))
def test_texts_built_from_the_patterns_pieces(text):
    assert _missed([text]) == []
