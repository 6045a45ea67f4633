"""Specification: the assembler drops what fails validation, never raises, and keeps spans with their values."""

from __future__ import annotations

from amtsbrief.assemble import assemble
from amtsbrief.extract.draft import Draft
from amtsbrief.schema import Source


def _draft_with_a_question_missing_its_text() -> Draft:
    draft = Draft()
    draft.set("questions.0.number", "1", (0, 2))
    draft.set("questions.0.text", "Wie viele?", (3, 13))
    draft.set("questions.1.number", "2", (20, 22))  # its text is missing: the entry cannot stand
    draft.set("questions.2.number", "3", (40, 42))
    draft.set("questions.2.text", "Wann?", (43, 48))
    return draft


def test_an_entry_missing_a_required_part_is_dropped_with_a_warning():
    letter = assemble(_draft_with_a_question_missing_its_text(), Source())
    assert [(question.number, question.text) for question in letter.questions] == [("1", "Wie viele?"), ("3", "Wann?")]
    assert any(warning.code == "invalid-value" and warning.path.startswith("questions.1") for warning in letter.warnings)


def test_the_entries_after_a_dropped_one_keep_their_own_spans():
    letter = assemble(_draft_with_a_question_missing_its_text(), Source())
    assert letter.spans["questions.1.text"] == (43, 48)
    assert letter.spans["questions.1.number"] == (40, 42)
    assert "questions.2.text" not in letter.spans
