"""Specification of amtsbrief.layout.model's fast word maker: the very ``Word`` its constructor makes."""

from __future__ import annotations

import dataclasses

from amtsbrief.layout.model import Word, new_word


def test_layout_model_new_word_is_the_word_the_constructor_makes():
    made = new_word("Telefon", 350.0, 100.0, 380.5, 109.0, "Helvetica-Bold", 9.0)
    built = Word("Telefon", 350.0, 100.0, 380.5, 109.0, font="Helvetica-Bold", size=9.0)
    assert made == built and hash(made) == hash(built) and repr(made) == repr(built)
    assert vars(made) == vars(built) and list(vars(made)) == [f.name for f in dataclasses.fields(Word)]
    assert new_word("a", 0, 0, 1, 1, confidence=0.5) == Word("a", 0, 0, 1, 1, confidence=0.5)


def test_layout_model_new_word_stays_frozen():
    word = new_word("a", 0, 0, 1, 1)
    try:
        word.text = "b"
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("a Word must stay frozen")
