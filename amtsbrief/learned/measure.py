"""Line accuracy and macro F1 of predicted zones against gold zones.

Blank lines (``None`` in the gold) are not counted. Macro F1 averages the F1 of every zone that occurs
in the gold or the predictions, so a rare zone (a return address, a closing) weighs as much as the body.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence


@dataclass(frozen=True)
class Figures:
    lines: int
    accuracy: float
    macro_f1: float
    per_zone: dict[str, float]

    def row(self) -> str:
        return f"{self.lines:5d} lines  accuracy {self.accuracy:.3f}  macro F1 {self.macro_f1:.3f}"


def pairs(gold: Iterable[Sequence[str | None]], predicted: Iterable[Sequence[str | None]],
          mapping: Mapping[str, str] | None = None, skip: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """The (gold, predicted) zone of every non-blank line, optionally mapped (to coarse zones).

    ``skip``: gold zones left out (``other``: lines that hold no gold value at all).
    """
    found = []
    for gold_letter, predicted_letter in zip(gold, predicted):
        if len(gold_letter) != len(predicted_letter):
            raise ValueError("gold and predicted labels differ in length")
        for expected, got in zip(gold_letter, predicted_letter):
            if expected is None or expected in skip:
                continue
            got = got or "other"
            if mapping:
                expected, got = mapping.get(expected, expected), mapping.get(got, got)
            found.append((expected, got))
    return found


def figures(found: Sequence[tuple[str, str]]) -> Figures:
    """Accuracy and macro F1 of (gold, predicted) pairs.

    >>> figures([("body", "body"), ("body", "footer"), ("footer", "footer")]).accuracy
    0.6666666666666666
    """
    if not found:
        return Figures(0, 0.0, 0.0, {})
    right = sum(1 for expected, got in found if expected == got)
    zones = sorted({zone for pair in found for zone in pair})
    per_zone = {}
    for zone in zones:
        true_positive = sum(1 for expected, got in found if expected == zone and got == zone)
        predicted = sum(1 for _, got in found if got == zone)
        actual = sum(1 for expected, _ in found if expected == zone)
        precision = true_positive / predicted if predicted else 0.0
        recall = true_positive / actual if actual else 0.0
        per_zone[zone] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Figures(len(found), right / len(found), sum(per_zone.values()) / len(per_zone), per_zone)
