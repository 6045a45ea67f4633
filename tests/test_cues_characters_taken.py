"""``cues.characters_taken`` reads from a pattern's parse tree every character a match can take, or says
it cannot tell; the segmenter asks it whether a reference label can take a digit."""

from __future__ import annotations

import re

import pytest

from amtsbrief import segment
from amtsbrief.cues import characters_taken


def _may_take_digit(regex: str, flags: int = 0) -> bool:
    taken = characters_taken(re.compile(regex, flags))
    return taken is None or any(char.isdecimal() for char in taken)


@pytest.mark.parametrize("regex, flags, takes_digit", [
    (r"(?<![\w])(?:Ihr Zeichen|Az\.?)(?![\w])", re.I, False),  # \w only in the guards, which take nothing
    (r"Ihr\s+Schreiben vom|Unser Zeichen", re.I, False),        # \s: blanks only
    (r"[A-Za-zÄÖÜäöüß./-]+", 0, False),                         # narrow ranges without a digit
    (r"Ihre? (?-i:[Iiİı])nfo", re.I, False),                     # case partners, in and out of IGNORECASE
    (r"Zeichen \d", 0, True),                                    # \d
    (r"Zeichen\w+", 0, True),                                    # \w takes digits
    (r"Az.", 0, True),                                           # . takes anything
    (r"Az[^:]", 0, True),                                        # a negated class
    (r"Nr[0-9]", 0, True),                                       # a range of digits
    (r"Blatt 2", 0, True),                                       # a digit itself
    (r"(a)\1", 0, True),                                         # a backreference: not followed
    (r"Az(?=\d)", 0, False),                                     # a lookahead takes nothing
])
def test_characters_taken_tell_whether_a_pattern_can_take_a_digit(regex, flags, takes_digit):
    assert _may_take_digit(regex, flags) is takes_digit


def test_characters_taken_are_exact_for_literals_with_case():
    assert characters_taken(re.compile(r"ab?", re.I)) == frozenset("aAbB")
    assert characters_taken(re.compile(r"(?=x)a|\.")) == frozenset("a.")


def test_no_reference_label_takes_a_digit():
    # What lets a line with a digit skip the reference-label search (segment._is_reference_label_line).
    assert segment._reference_labels_hold_no_digit()
