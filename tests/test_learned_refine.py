"""Learned zones change the kind of an unlabelled header block, and nothing the rules read by label."""

from __future__ import annotations

import pytest

from amtsbrief.learned.refine import refine
from amtsbrief.learned.rules import rule_labels
from amtsbrief.normalise import normalise
from amtsbrief.segment import segment

LETTER = """Stadt Beispielstadt
Ordnungsamt

Herrn
Max Mustermann
Lindenweg 7
54321 Anderort

Betreff: Ihr Antrag vom 3. Mai

Sehr geehrter Herr Mustermann,

wir haben Ihren Antrag geprüft und genehmigt.

Mit freundlichen Grüßen

Erika Beispiel"""


def _kinds(seg):
    return [(item.kind, item.lines[0].stripped) for item in seg.header]


def test_the_rules_own_zones_change_nothing():
    seg = segment(normalise(LETTER))
    assert refine(seg, rule_labels(seg)).header == seg.header


def test_a_block_whose_lines_all_get_another_zone_takes_that_kind():
    seg = segment(normalise(LETTER))
    zones = ["other" if zone == "recipient" else zone for zone in rule_labels(seg)]
    assert ("plain", "Herrn") in _kinds(refine(seg, zones))
    assert ("recipient", "Herrn") in _kinds(seg)


def test_a_block_split_between_zones_keeps_its_kind():
    seg = segment(normalise(LETTER))
    zones = rule_labels(seg)
    first = next(number for number, line in enumerate(seg.lines) if line.stripped == "Herrn")
    zones[first] = "sender"
    assert _kinds(refine(seg, zones)) == _kinds(seg)


def test_a_labelled_subject_stays_whatever_the_model_says():
    seg = segment(normalise(LETTER))
    zones = ["other" if zone == "subject" else zone for zone in rule_labels(seg)]
    assert ("subject", "Betreff: Ihr Antrag vom 3. Mai") in _kinds(refine(seg, zones))


def test_zones_must_match_the_lines():
    seg = segment(normalise(LETTER))
    with pytest.raises(ValueError):
        refine(seg, ["body"])
