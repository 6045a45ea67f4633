"""The shipped line classifier loads from plain JSON, labels a letter, and can be retrained."""

from __future__ import annotations

import json
import sys

import pytest

from amtsbrief.learned.classify import classify, classify_text
from amtsbrief.learned.model import FORMAT, LineModel, ModelFileError, read_model, shipped_model
from amtsbrief.normalise import normalise
from amtsbrief.segment import segment

from tests.test_learned_labels import GOLD, LETTER


def test_the_shipped_model_is_small_json_trained_on_dev(repo_dir):
    path = repo_dir / "models" / "line_classifier.json"
    assert path.stat().st_size < 2 * 1024 * 1024
    model = shipped_model()
    assert model.training["trained_on"] == "corpus/dev"
    assert set(model.labels) >= {"sender", "recipient", "salutation", "body", "closing", "signature", "footer"}


def test_the_shipped_model_labels_an_ordinary_letter():
    zones = {line.strip(): zone for line, zone in classify_text(LETTER) if zone}
    assert zones["Sehr geehrter Herr Mustermann,"] == "salutation"
    assert zones["für Rettungswege frei bleiben muss."] == "body"
    assert zones["Mit freundlichen Grüßen"] == "closing"
    assert zones["Erika Beispiel"] == "signature"
    assert zones["Max Mustermann"] == "recipient"
    assert zones["Telefon: 0123 456-789"] == "contact"
    assert zones["IBAN: DE02 1203 0000 0000 2020 51"] == "footer"


def test_classify_gives_one_zone_per_line_and_none_for_blank_lines():
    seg = segment(normalise(LETTER))
    zones = classify(seg)
    assert len(zones) == len(seg.lines)
    assert all((zone is None) == line.is_blank for line, zone in zip(seg.lines, zones))


def _tiny(weights: dict, transitions=((0.0, 0.0), (0.0, 0.0))) -> LineModel:
    return LineModel.from_dict({"format": FORMAT, "labels": ["body", "footer"], "transitions": transitions,
                                "features": weights})


def test_decoding_adds_feature_weights_and_transitions():
    model = _tiny({"prose": [[0, 2.0]], "iban": [[1, 3.0]], "short": [[1, 0.5]]},
                  transitions=((1.0, -1.0), (-5.0, 1.0)))
    assert model.predict([["prose"], ["iban"]]) == ["body", "footer"]
    # "short" alone would be footer; the body→footer transition costs more than it gains.
    assert model.predict([["prose"], ["short"], ["prose"]]) == ["body", "body", "body"]
    assert model.predict([]) == []


def test_a_model_survives_its_json_form():
    model = _tiny({"prose": [[0, 2.0]]})
    assert LineModel.from_dict(json.loads(json.dumps(model.to_dict()))) == model


@pytest.mark.parametrize("content, problem", [
    ("not json", "cannot be read as JSON"),
    ('{"format": "pickle"}', "not a line classifier"),
    ('{"format": "%s", "labels": ["a"], "transitions": [[0]], "features": {"x": [[3, 1.0]]}}' % FORMAT, "label indices"),
    ('{"format": "%s", "labels": ["a"]}' % FORMAT, "malformed model"),
])
def test_a_bad_model_file_is_a_clear_error(tmp_path, content, problem):
    path = tmp_path / "model.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ModelFileError, match=problem) as caught:
        read_model(path)
    assert str(path) in str(caught.value)


def test_a_missing_model_file_is_a_clear_error(tmp_path):
    with pytest.raises(ModelFileError, match="no such model file"):
        read_model(tmp_path / "absent.json")


def test_a_model_trained_on_a_tiny_set_labels_its_own_letter(repo_dir, tmp_path):
    pytest.importorskip("pycrfsuite")
    sys.path.insert(0, str(repo_dir / "scripts"))
    try:
        from train_line_classifier import sequences, train, unwrapped
    finally:
        sys.path.remove(str(repo_dir / "scripts"))
    from amtsbrief.learned.corpus import LabelledLetter
    from amtsbrief.learned.labels import gold_labels
    from amtsbrief.learned.rules import rule_labels

    seg = segment(normalise(LETTER))
    letter = LabelledLetter("tiny", False, seg.lines, tuple(gold_labels(seg.lines, GOLD)), tuple(rule_labels(seg)))
    model = train(sequences([letter, unwrapped(letter)], rule_features=False), {"max_iterations": 60})
    predicted = model.label_lines(seg.lines)
    right = sum(1 for expected, got in zip(letter.gold, predicted) if expected and expected == got)
    assert right >= 0.9 * sum(1 for expected in letter.gold if expected)
