"""The cheap tests the segmenter asks before a line pattern (a label at the start, a last digit, an "@",
four digits in a row …) never change an answer: every line of every letter we have, and lines made to sit
on the edge, get from the gated question what the pattern alone gives."""

from __future__ import annotations

import pytest

from amtsbrief import segment
from amtsbrief.cues import cues
from amtsbrief.fields import addresses
from amtsbrief.text import Line, new_letter

from letter_lines import lines_of


def _span(match):
    return match and (match.span(), match.groupdict())


def _return_line_by_patterns(stripped: str) -> bool:
    text = segment._RETURN_LABEL.sub("", stripped)
    if len(text) > 160 or not segment._RETURN_SEPARATORS.search(text) or text[:1].islower():
        return False
    parts = addresses.split_return_address(text)
    return len(parts) >= 2 and any(addresses.is_postal_line(part) for part in parts)


def _disagreements(lines: set[str]) -> list[tuple[str, str]]:
    c = cues()
    new_letter()
    found = []
    for text in lines:
        for padded in (text, "  " + text):
            if _span(segment._field_label(padded)) != _span(c.field_label.match(padded)):
                found.append(("field_label", padded))
            if _span(segment._label_only(padded)) != _span(c.label_only.match(padded)):
                found.append(("label_only", padded))
            if bool(c.label_start.match(padded)) < bool(c.field_pair.match(padded) or c.field_label_spaced.match(padded)):
                found.append(("label_start", padded))
            gap = segment._cells(Line(0, 0, len(padded), padded))
            if len(gap) > 1 and "   " not in padded or segment._GAP.search(padded) and "   " not in padded:
                found.append(("gap", padded))
        text = text.strip()  # the segmenter asks these of stripped lines
        if text and segment._is_date_line(text) != bool(segment._DATE_LINE.match(text)):
            found.append(("date_line", text))
        if text and segment._is_return_text(text) != _return_line_by_patterns(text):
            found.append(("return_address", text))
        if segment._BARE_EMAIL.fullmatch(text) and "@" not in text:
            found.append(("bare_email", text))
        if segment._BARE_WEBSITE.fullmatch(text) and not text.startswith(segment._WEBSITE_STARTS):
            found.append(("bare_website", text))
    return found


def test_every_corpus_line_gets_the_same_answers_through_the_gates(corpus_dir):
    lines = lines_of(sorted((corpus_dir / "dev").iterdir()) + sorted((corpus_dir / "test").iterdir()))
    assert len(lines) > 1000
    assert _disagreements(lines) == []


def test_every_shared_letter_line_gets_the_same_answers_through_the_gates(shared_dir):
    lines = lines_of(sorted((shared_dir / "letters").iterdir()))
    assert _disagreements(lines) == []


@pytest.mark.parametrize("line", [
    "Telefon: 030 1234", "Tel.", "Ihr Zeichen, Datum: AZ 12  3.4.2021", "Berlin, den 3. Mai 2021", "3.5.21",
    "Stadt Musterstadt · Markt 1 · 12345 Musterstadt", "Stadt X - Markt 1 - 1234 Y", "Amt, Postfach 12, 12345 Ort",
    "poststelle@stadt.de", "www.stadt.de", "https://stadt.de", "Aktenzeichen", "Datum 3.5.2021 ", "٣.٥.٢٠٢١",
])
def test_lines_on_the_edge_get_the_same_answers(line):
    assert _disagreements({line}) == []
