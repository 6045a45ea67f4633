"""Specification of ``amtsbrief.text``: lines with offsets, and how a text field is built from them.

The joining rules are CONTRACT.md's (single spaces, paragraphs joined by one blank line, hyphenation at
line ends undone) as ``../shared/letters/ANNOTATION-NOTES.md`` spells them out: a line-end hyphen before
a lower-case continuation goes, a suspended hyphen before ``und``/``oder`` stays, so does a hyphen before
a capital, and a line that starts with ``)``, ``.``, ``,``, ``?``, ``“`` or ``-`` is glued to the one before.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amtsbrief.text import block_text, join_lines, join_paragraph_texts, join_paragraphs, paragraphs, span_of, split_lines

JOIN_CASES = [
    # hyphenation at a line end before a lower-case continuation is undone
    pytest.param(["Inbe-", "triebsetzungskonzept"], "Inbetriebsetzungskonzept", id="dehyphenate"),
    # ... also inside running text
    pytest.param(["den Rück-", "schnitt vornehmen"], "den Rückschnitt vornehmen", id="dehyphenate-in-sentence"),
    # a suspended hyphen before "oder" stays, with its space
    pytest.param(["Kredit-", "oder Darlehensvertrag"], "Kredit- oder Darlehensvertrag", id="suspended-oder"),
    # a suspended hyphen before "und" stays
    pytest.param(["Gewinn-", "und Verlustrechnung"], "Gewinn- und Verlustrechnung", id="suspended-und"),
    # ... also mid-sentence, as in the founding letter
    pytest.param(["den Integrations-", "und Ausländerbeauftragten"], "den Integrations- und Ausländerbeauftragten",
                 id="suspended-und-mid-sentence"),
    # a hyphen before a capital letter is part of the compound and stays
    pytest.param(["der 5-Prozent-", "Sperrklausel"], "der 5-Prozent-Sperrklausel", id="hyphen-before-capital"),
    # ... as in E-Mail broken after its hyphen
    pytest.param(["per E-", "Mail"], "per E-Mail", id="e-mail"),
    # a line that starts with ")" is glued without a space
    pytest.param(["(Fahrplanverdichtung", ")."], "(Fahrplanverdichtung).", id="leading-paren"),
    # a line that starts with "." is glued
    pytest.param(["zu einer Überfüllung der Züge führen", ". Das ist"], "zu einer Überfüllung der Züge führen. Das ist",
                 id="leading-full-stop"),
    # a line that starts with "," is glued
    pytest.param(["die Verkehrssicherheit", ", wenn ab Landesgrenze"], "die Verkehrssicherheit, wenn ab Landesgrenze",
                 id="leading-comma"),
    # a line that holds only "?" is glued
    pytest.param(["(Wirtschaftlichkeit)", "?"], "(Wirtschaftlichkeit)?", id="leading-question-mark"),
    # a closing quotation mark at the start of a line is glued
    pytest.param(["eine „Koordinierungskraft Integration", "“ (II,2)"], "eine „Koordinierungskraft Integration“ (II,2)",
                 id="leading-closing-quote"),
    # a line that starts with "-" and a word is glued (PDF artefact)
    pytest.param(["die Regionalbahn", "-Strecke"], "die Regionalbahn-Strecke", id="leading-hyphen"),
    # words the extractor glued together stay glued
    pytest.param(["Mannheim-SaarbrückenTrier", "-Koblenz"], "Mannheim-SaarbrückenTrier-Koblenz", id="glued-stays"),
    # a dash standing alone at the line end is punctuation, not hyphenation
    pytest.param(["Berlin –", "Bonn"], "Berlin – Bonn", id="dash-at-line-end"),
    # a hyphen after a blank is a dash too
    pytest.param(["Strecke Trier -", "bis Homburg"], "Strecke Trier - bis Homburg", id="spaced-hyphen"),
    # runs of whitespace fold to one space, ends are trimmed
    pytest.param(["  viele    Wörter\t", "  hier  "], "viele Wörter hier", id="whitespace"),
    # empty and blank lines add nothing
    pytest.param(["erste Zeile", "", "   ", "zweite Zeile"], "erste Zeile zweite Zeile", id="blank-lines"),
    # quotation marks are kept as written
    pytest.param(["‚stabil laufen‘", "(Vlexx)"], "‚stabil laufen‘ (Vlexx)", id="quotes-kept"),
    # nothing in, nothing out
    pytest.param([], "", id="empty"),
]


@pytest.mark.parametrize("lines, expected", JOIN_CASES)
def test_text_join_lines(lines: list[str], expected: str) -> None:
    assert join_lines(lines) == expected


def test_text_join_paragraphs_with_one_blank_line() -> None:
    assert join_paragraphs([["Erster", "Absatz."], [], ["Zweiter Ab-", "satz."]]) == "Erster Absatz.\n\nZweiter Absatz."


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.text(alphabet="abA -.()\n\t", max_size=12), max_size=4), max_size=4))
def test_text_joined_paragraphs_are_joined_again_unchanged(blocks: list[list[str]]) -> None:
    # The extractors join a paragraph's lines once and may pass that text on as a paragraph of one line.
    texts = [join_lines(block) for block in blocks]
    assert [join_lines([text]) for text in texts] == texts
    assert join_paragraph_texts(texts) == join_paragraphs(blocks) == join_paragraphs([[text] for text in texts])


def test_text_split_lines_keeps_offsets() -> None:
    text = "Kopf\n\n  eingerückt\nEnde"
    lines = split_lines(text)
    assert [line.text for line in lines] == ["Kopf", "", "  eingerückt", "Ende"]
    assert all(text[line.start:line.end] == line.text for line in lines)
    assert lines[2].content_start == text.index("eingerückt")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ä-\n")), max_size=60))
def test_text_split_lines_covers_the_text(text: str) -> None:
    lines = split_lines(text)
    assert "\n".join(line.text for line in lines) == text
    assert all(text[line.start:line.end] == line.text for line in lines)
    assert [line.index for line in lines] == list(range(len(lines)))


def test_text_paragraphs_split_at_blank_lines() -> None:
    lines = split_lines("\nA1\nA2\n  \nB1\n\n\nC1\n")
    assert [[line.text for line in block] for block in paragraphs(lines)] == [["A1", "A2"], ["B1"], ["C1"]]


def test_text_block_text_is_the_contracts_text() -> None:
    lines = split_lines("Die Förde-\nrung läuft.\n\nGewinn-\nund Verlust.")
    assert block_text(lines) == "Die Förderung läuft.\n\nGewinn- und Verlust."


def test_text_span_of_runs_from_first_to_last_character() -> None:
    text = "\n  Erste Zeile  \nLetzte\n\n"
    lines = split_lines(text)
    start, end = span_of(lines)
    assert text[start:end] == "Erste Zeile  \nLetzte"


def test_text_span_of_blank_lines_is_none() -> None:
    assert span_of(split_lines("\n  \n")) is None


def test_text_once_per_letter_answers_a_question_once_until_the_next_letter():
    from amtsbrief.text import new_letter, once_per_letter

    asked = []

    @once_per_letter
    def is_long(text: str) -> bool:
        asked.append(text)
        return len(text) > 3

    assert [is_long("Telefon"), is_long("Telefon"), is_long("Tel")] == [True, True, False]
    assert asked == ["Telefon", "Tel"]
    new_letter()
    assert is_long("Telefon") and asked == ["Telefon", "Tel", "Telefon"]
