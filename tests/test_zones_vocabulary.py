"""Specification of models/vocabulary.json: one home per vocabulary and pattern, each with its reason,
each compiled and each used."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from amtsbrief.cues import models_dir, pattern, vocabulary, words

DATA = json.loads((models_dir() / "vocabulary.json").read_text(encoding="utf-8"))
CODE = "\n".join(path.read_text(encoding="utf-8") for path in (Path(__file__).parent.parent / "amtsbrief").rglob("*.py"))


@pytest.mark.parametrize("name", sorted(DATA["patterns"]))
def test_vocabulary_pattern_compiles_says_why_and_is_used(name):
    assert isinstance(pattern(name), re.Pattern)
    assert DATA["patterns"][name]["why"].strip()
    assert f'"{name}"' in CODE, f"{name} is used nowhere"


def test_vocabulary_each_pattern_and_each_word_has_one_home():
    regexes = Counter(json.dumps(entry["regex"]) for entry in DATA["patterns"].values())
    assert [regex for regex, count in regexes.items() if count > 1] == []
    all_words = Counter(word for entry in DATA["lists"].values() for word in entry["words"])
    assert [word for word, count in all_words.items() if count > 1] == []


def test_vocabulary_lists_fill_the_patterns_that_name_them():
    assert pattern("bank_name").search("Sparkasse Musterstadt")
    assert pattern("segment.footer_office_hours_row").match("Donnerstag 15 – 18 Uhr")
    assert "Sonnabend" in vocabulary("weekdays")
    assert re.fullmatch(words("weekday_abbreviations"), "Mo")


def test_vocabulary_the_regex_literals_left_in_segment_and_extract_are_few():
    # Issue 7, part 3: from 146 (after the accuracy work) to at most half; new patterns go to models/.
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "scripts/count_patterns.py"], capture_output=True, text=True,
                         cwd=Path(__file__).parent.parent, check=True).stdout
    assert int(out.strip().splitlines()[-1].split()[0]) <= 73
