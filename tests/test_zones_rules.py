"""Specification of the zone rule table (models/zones.json): every rule is well formed, and each of its
examples is labelled by that very rule when the segmenter runs on it."""

from __future__ import annotations

import json

import pytest

from amtsbrief.cues import models_dir
from amtsbrief.normalise import normalise
from amtsbrief.segment import label_header, segment
from amtsbrief.text import Typography, split_lines
from amtsbrief.zoning import DocumentType, ZoneKind, rule_table
from amtsbrief.zoning.doctype import document_type
from amtsbrief.zoning.table import STAGES, RuleTableError, holds, Features

RULES = rule_table().rules


def _examples():
    for rule in RULES:
        for number, example in enumerate(rule.examples):
            yield pytest.param(rule, example, id=f"{rule.id}#{number + 1}")


def _labelled(rule, example) -> list[tuple[str, str]]:
    """(zone, rule id) the segmenter gives the example's line, in the way the rule's stage runs."""
    if isinstance(example, str):
        example = {"text": example, "line": example}
    text = normalise(example["text"])
    target = example.get("line", example["text"]).strip()
    if rule.stage == "document":
        kind, rule_id = document_type(text, split_lines(text), is_email=example.get("email", False))
        return [(kind.value, rule_id)]
    if rule.stage in ("line", "block"):
        return [(item.kind, item.rule) for item in label_header(split_lines(text), _typography(text, example),
                                                                 document_type=DocumentType.EMAIL if example.get("email") else DocumentType.LETTER)
                for line in item.lines if line.stripped == target]
    quoted_from = text.index(example["quoted_from"]) if "quoted_from" in example else None
    seg = segment(text, is_email=example.get("email", False), quoted_from=quoted_from)
    return [(zone.kind.value, zone.rule) for zone in seg.zones() if zone.text == target]


def _typography(text: str, example: dict):
    """An example's ``bold`` lines as a laid-out input would report them (everything else regular, body size)."""
    if "bold" not in example:
        return None
    ranges = [(text.index(line), text.index(line) + len(line)) for line in example["bold"]]
    return lambda start, end: Typography(1.0, any(low <= start and end <= high for low, high in ranges))


@pytest.mark.parametrize("rule,example", list(_examples()))
def test_zones_rule_labels_its_own_examples(rule, example):
    labelled = _labelled(rule, example)
    if rule.id == "line.unlabelled":
        # The default line rule leaves no trace: the block rule that then places the line stands first.
        assert any(rule_ids.startswith("block.") for _, rule_ids in labelled), labelled
        return
    # A zone's provenance is a chain ("line.columns/line.field-label"): the rule stands in it. A rule that
    # only shapes a run or splits a line (take plain/cells) leaves the zone itself to the next rule.
    assert any(rule.id in rule_ids.split("/") and (zone == rule.zone or rule.take in ("plain", "cells"))
               for zone, rule_ids in labelled), labelled


def test_zones_every_rule_has_an_id_a_zone_a_reason_and_an_example():
    data = json.loads((models_dir() / "zones.json").read_text(encoding="utf-8"))
    ids = [entry["id"] for entry in data["rules"]]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        assert rule.stage in STAGES
        assert rule.zone in {kind.value for kind in ZoneKind} | {kind.value for kind in DocumentType}
        assert rule.reason and "\n" not in rule.reason
        assert rule.examples


def test_zones_each_stage_ends_in_a_rule_that_always_holds():
    # The table is total where the code asks it for an answer: a line or block no rule labels is still placed.
    for stage in ("document", "line", "block", "tail"):
        assert rule_table().stage(stage)[-1].when == {}


def test_zones_a_condition_on_an_unknown_feature_is_an_error():
    rule = rule_table().get("line.delivery-note")
    with pytest.raises(RuleTableError):
        holds(type(rule)(id="x", stage="line", zone="plain", when={"no_such_feature": True}, reason="r",
                         examples=("e",)), Features({}))


def test_zones_an_unknown_rule_id_is_an_error():
    with pytest.raises(RuleTableError):
        rule_table().get("line.no-such-rule")
