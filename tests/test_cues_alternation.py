"""Specification of the faster alternations in amtsbrief.cues: the same matches as the plain ones.

Issue 9 asks for speed with identical output; these tests hold the rewritten patterns to the plain
alternation they replace, on every line of the corpus and on the cases that could tell them apart.
"""

from __future__ import annotations

import re
import sys

import pytest

from amtsbrief.cues import (_alternation, _by_first_letter, _case_class, _colon_led, _EndsWithColon,
                            _top_level_bar, cues, load_model)

DATA = load_model("cues.json")
LABELS = sorted({word for path, words in DATA["field_labels"].items() if not path.startswith("_") for word in words},
                key=lambda word: -len(word))


def _lines(corpus_dir) -> list[str]:
    lines = []
    for path in sorted(corpus_dir.glob("*/*.txt")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            lines += [line, line.lower(), line.upper(), line.replace("i", "ı").replace("s", "ſ")]
    return lines


def _same(a, b) -> bool:
    return (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))


@pytest.mark.parametrize("tail", [r"\s*:?\s*$", r"\s*(?P<value>.*)$", r"\b"])
def test_cues_by_first_letter_matches_as_the_plain_alternation(corpus_dir, tail):
    plain = re.compile(rf"^\s*(?P<label>{_alternation(LABELS)}){tail}", re.I)
    fast = re.compile(rf"^\s*(?P<label>{_by_first_letter(LABELS)}){tail}", re.I)
    assert fast.pattern != plain.pattern  # the labels all start with a plain letter: grouped
    for line in _lines(corpus_dir) + ["Ihre Zeichen:", "İHR ZEICHEN", "ſachbearbeiter: X", "  Tel. 123", "Az.: 1"]:
        assert _same(plain.match(line), fast.match(line)), line
        assert _same(plain.search(line), fast.search(line)), line


def test_cues_by_first_letter_keeps_a_word_that_does_not_start_with_a_plain_letter_plain():
    for words in (["Tel", "a?b"], ["Tel", "(?:x)y"], ["Tel", "a|b"], ["Tel", "\\d+"]):
        assert _by_first_letter(words) == _alternation(words)
    assert re.fullmatch(_by_first_letter(["Tel", "Telefon", "Fax"]), "telefon", re.I)


def test_cues_a_letters_class_holds_every_character_it_matches_in_any_plane():
    astral = "".join(map(chr, range(0x10000, sys.maxunicode + 1)))
    for letter in sorted({word[0] for word in LABELS if word[:1].isalpha()}):
        assert re.compile(re.escape(letter), re.I).findall(astral) == []
        assert sorted(_case_class(letter)) == sorted(c for c in map(chr, range(0x10000)) if re.fullmatch(re.escape(letter), c, re.I))
    assert _case_class("i") == "".join(sorted("Iiİı"))


def test_cues_top_level_bar_is_a_bar_outside_groups_and_classes():
    assert _top_level_bar("a|b")
    assert not any(_top_level_bar(regex) for regex in ("(a|b)", "[|]", r"a\|b", "[]|]", "[^]|]x", "a(?:b|c)"))


def test_cues_colon_led_patterns_search_only_text_ending_in_a_colon():
    lead = cues().answer_lead
    assert isinstance(lead, _EndsWithColon)
    plain = re.compile(_alternation(DATA["answer_leads"]["patterns"]), re.I)
    for text in ("Ihre Fragen beantworte ich wie folgt:", "Ihre Fragen beantworte ich wie folgt:\n",
                 "Ihre Fragen beantworte ich wie folgt:\n\n", "Ihre Fragen beantworte ich wie folgt.", ""):
        assert _same(plain.search(text), lead.search(text)), text
    assert not isinstance(_colon_led(["a:$", "b$"], re.I), _EndsWithColon)  # one that may end otherwise
    assert not isinstance(_colon_led(["a:$"], re.I | re.M), _EndsWithColon)  # $ at every line end
