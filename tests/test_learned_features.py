"""Line features are deterministic and say what the field readers and cue lists recognise."""

from __future__ import annotations

from amtsbrief.learned.features import line_features
from amtsbrief.text import split_lines

from tests.test_learned_labels import LETTER


def _by_text(text: str, **kwargs) -> dict[str, list[str]]:
    lines = split_lines(text)
    return dict(zip([line.stripped for line in lines if line.stripped], line_features(lines, **kwargs)))


def test_the_same_letter_gives_the_same_features():
    lines = split_lines(LETTER)
    assert line_features(lines) == line_features(lines)


def test_blank_lines_have_no_features():
    lines = split_lines(LETTER)
    assert len(line_features(lines)) == sum(1 for line in lines if line.stripped)


def test_field_readers_and_cues_show_in_the_features():
    features = _by_text(LETTER)
    assert "field:phone" in features["Telefon: 0123 456-789"]
    assert "cue:field=contact" in features["Telefon: 0123 456-789"]
    assert "field:date_line" in features["Datum: 05.03.2024"]
    assert "field:postal_line" in features["54321 Anderort"]
    assert "field:street_line" in features["Lindenweg 7"]
    assert "cue:salutation" in features["Sehr geehrter Herr Mustermann,"]
    assert "cue:closing" in features["Mit freundlichen Grüßen"]
    assert "field:on_behalf" in features["Im Auftrag"]
    assert "field:page_number" in features["- 2 -"]
    assert "field:bank" in features["IBAN: DE02 1203 0000 0000 2020 51"]
    assert "field:office_hours" in features["Sprechzeiten: Mo 8-12 Uhr"]


def test_position_setting_and_context_are_features():
    features = _by_text(LETTER)
    assert "top<1" in features["Stadt Beispielstadt"]
    assert "indent:>=40" in features["Telefon: 0123 456-789"]
    assert "after_salutation" in features["für Rettungswege frei bleiben muss."]
    assert "after_closing" in features["Erika Beispiel"]
    # The line above a signer's name is an "i. A." note: its neighbour sees it.
    assert "p:field:on_behalf" in features["Erika Beispiel"]
    assert "p:none" in features["Stadt Beispielstadt"]


def test_the_rule_zones_are_features_only_when_given():
    lines = split_lines("Sehr geehrte Frau Muster,\n\nvielen Dank.")
    plain = line_features(lines)
    stacked = line_features(lines, rule_zones=["salutation", None, "body"])
    assert not any(feature.startswith("rule:") for features in plain for feature in features)
    assert "rule:salutation" in stacked[0] and "n:rule:body" in stacked[0]
