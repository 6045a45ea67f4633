"""The trained line classifier: a linear-chain CRF's weights as JSON, decoded by Viterbi in pure Python.

Training (``scripts/train_line_classifier.py``, with python-crfsuite from the ``train`` extra) writes
``models/line_classifier.json``:

``{"format": "amtsbrief-line-crf/1", "labels": [...], "transitions": [[w, ...], ...],
"features": {"feature": [[label, w], ...], ...}, "training": {...}}``

A line's score for a label is the sum of its features' weights for that label; the best label sequence
adds the transition weights between neighbouring labels. Loading reads JSON only: no pickle, no native
code, nothing a crafted model file could execute.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Sequence

from amtsbrief.cues import models_dir
from amtsbrief.errors import AmtsbriefError
from amtsbrief.learned.features import line_features
from amtsbrief.text import Line

FORMAT = "amtsbrief-line-crf/1"
MODEL_FILE = "line_classifier.json"


class ModelFileError(AmtsbriefError):
    """The line classifier's model file is missing or not a model this version can read."""

    code = "model-file"


@dataclass(frozen=True)
class LineModel:
    """Label sequences of line features with the weights of a trained CRF."""

    labels: tuple[str, ...]
    transitions: tuple[tuple[float, ...], ...]
    weights: dict[str, tuple[tuple[int, float], ...]]
    training: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Any, name: str = "<model>") -> "LineModel":
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ModelFileError(name, f"not a line classifier of format {FORMAT}")
        try:
            labels = tuple(str(label) for label in data["labels"])
            transitions = tuple(tuple(float(weight) for weight in row) for row in data["transitions"])
            weights = {str(feature): tuple((int(label), float(weight)) for label, weight in pairs)
                       for feature, pairs in data["features"].items()}
        except (KeyError, TypeError, ValueError) as error:
            raise ModelFileError(name, f"malformed model: {error}") from None
        size = len(labels)
        if len(transitions) != size or any(len(row) != size for row in transitions) or \
                any(not 0 <= label < size for pairs in weights.values() for label, _ in pairs):
            raise ModelFileError(name, "malformed model: label indices do not match the label list")
        return cls(labels=labels, transitions=transitions, weights=weights, training=dict(data.get("training") or {}))

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "labels": list(self.labels),
                "transitions": [[round(weight, 4) for weight in row] for row in self.transitions],
                "features": {feature: [[label, round(weight, 4)] for label, weight in pairs]
                             for feature, pairs in sorted(self.weights.items())},
                "training": self.training}

    def scores(self, features: Sequence[str]) -> list[float]:
        """Each label's score for one line (its features' weights added up)."""
        totals = [0.0] * len(self.labels)
        for feature in features:
            for label, weight in self.weights.get(feature, ()):
                totals[label] += weight
        return totals

    def predict(self, sequence: Sequence[Sequence[str]]) -> list[str]:
        """The best label for each line of a sequence of feature lists (Viterbi)."""
        if not sequence:
            return []
        size = len(self.labels)
        best = self.scores(sequence[0])
        back: list[list[int]] = []
        for features in sequence[1:]:
            emission = self.scores(features)
            pointers, current = [], []
            for label in range(size):
                origin = max(range(size), key=lambda previous: best[previous] + self.transitions[previous][label])
                pointers.append(origin)
                current.append(best[origin] + self.transitions[origin][label] + emission[label])
            back.append(pointers)
            best = current
        label = max(range(size), key=best.__getitem__)
        path = [label]
        for pointers in reversed(back):
            label = pointers[label]
            path.append(label)
        return [self.labels[label] for label in reversed(path)]

    @property
    def uses_rules(self) -> bool:
        """Whether the model was trained with the rule segmenter's zones among its features."""
        return bool(self.training.get("rule_features"))

    def label_lines(self, lines: Sequence[Line], *, is_email: bool = False,
                    rule_zones: Sequence[str | None] | None = None) -> list[str | None]:
        """A zone for each of ``lines`` (``None`` for blank lines).

        A model trained on the rules' zones needs them (``rule_zones``, one per line) here too.
        """
        if self.uses_rules and rule_zones is None:
            raise ValueError("this model reads the rule segmenter's zones: pass rule_zones")
        predicted = iter(self.predict(line_features(lines, is_email=is_email,
                                                    rule_zones=rule_zones if self.uses_rules else None)))
        return [next(predicted) if line.stripped else None for line in lines]


def read_model(path: str | Path) -> LineModel:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelFileError(str(path), "no such model file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelFileError(str(path), f"cannot be read as JSON ({error})") from None
    return LineModel.from_dict(data, name=str(path))


@cache
def shipped_model() -> LineModel:
    """The model trained on ``corpus/dev`` that ships in ``models/`` (read once per process)."""
    return read_model(models_dir() / MODEL_FILE)
