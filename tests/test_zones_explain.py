"""Specification of provenance: every line's zone names the rule that gave it; ``parse --explain`` prints it."""

from __future__ import annotations

from amtsbrief.cli import main
from amtsbrief.normalise import normalise
from amtsbrief.segment import segment
from amtsbrief.zoning import rule_table

LETTER = """\
Stadt Beispielburg · Markt 1 · 01234 Beispielburg
Herrn
Max Beispiel
Rathausplatz 4
01234 Beispielburg

Telefon: 0341 123-7712

Betreff: Ihr Antrag vom 1. März 2019

Sehr geehrter Herr Beispiel,

Ihr Antrag wird bewilligt.

Mit freundlichen Grüßen

Erika Muster
"""


def test_zones_every_line_records_a_known_rule():
    seg = segment(normalise(LETTER))
    known = {rule.id for rule in rule_table().rules}
    zones = seg.zones()
    assert {zone.index for zone in zones} == {line.index for line in seg.lines}
    for zone in zones:
        assert all(part in known for part in zone.rule.split("/")), zone


def test_zones_the_rule_says_why_the_line_went_where():
    by_text = {zone.text: (zone.kind, zone.rule) for zone in segment(normalise(LETTER)).zones()}
    assert by_text["Stadt Beispielburg · Markt 1 · 01234 Beispielburg"] == ("return_address", "line.return-address")
    assert by_text["Max Beispiel"] == ("recipient", "block.person-address")
    assert by_text["Telefon: 0341 123-7712"] == ("field", "line.field-label")
    assert by_text["Sehr geehrter Herr Beispiel,"] == ("salutation", "anchor.salutation")
    assert by_text["Ihr Antrag wird bewilligt."] == ("body", "position.body")
    assert by_text["Mit freundlichen Grüßen"] == ("closing", "anchor.closing")


def test_zones_parse_explain_prints_each_line_with_zone_and_rule(tmp_path, capsys):
    path = tmp_path / "brief.txt"
    path.write_text(LETTER, encoding="utf-8")
    assert main(["parse", "--explain", str(path)]) == 0
    out = capsys.readouterr().out
    assert "document type letter (rule document.letter)" in out
    row = next(line for line in out.splitlines() if line.endswith("Telefon: 0341 123-7712"))
    assert row.split()[:3] == ["7", "field", "line.field-label"]


def test_zones_parse_explain_names_a_missing_file(tmp_path, capsys):
    assert main(["parse", "--explain", str(tmp_path / "missing.txt")]) == 2
    assert "missing.txt" in capsys.readouterr().err


def test_zones_show_places_each_rule_id_beside_its_line():
    from pathlib import Path

    from amtsbrief.commands.show import rule_boxes
    from amtsbrief.config import ParserConfig

    pdf = Path(__file__).parent / "pdfs" / "din-letter-natural.pdf"
    found = rule_boxes(str(pdf), ParserConfig())
    by_rule = {rule for _, _, _, rule in found}
    assert {"line.return-address", "line.field-label", "anchor.salutation", "position.body"} <= by_rule
    assert all(page >= 1 and box[0] < box[2] and box[1] < box[3] for page, box, _, _ in found)
