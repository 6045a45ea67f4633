"""Train the line classifier on corpus/dev and measure it against the rule segmenter.

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python scripts/train_line_classifier.py [--out models/line_classifier.json] [--shared ../shared/letters]

Trains a linear-chain CRF (python-crfsuite, L-BFGS with L1 and L2 penalties) on every annotated text
and e-mail letter of ``corpus/dev`` (and each again with its body paragraphs unwrapped to one line;
with ``--augment-anchors`` also without its salutation and closing lines), by
default with the rule segmenter's zone of each line among the features (``--standalone``: without), writes its weights as JSON (:mod:`amtsbrief.learned.model`), then
prints line accuracy and macro F1 of the rules and of the model on ``corpus/test`` and on the real text
and e-mail letters in ``--shared`` (when present). The figures are stored in the model file too.
Nothing from corpus/test or the shared letters is used in training.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from amtsbrief.learned.corpus import LabelledLetter, labelled_letters  # noqa: E402
from amtsbrief.learned.features import line_features  # noqa: E402
from amtsbrief.learned.labels import COARSE, ZONES  # noqa: E402
from amtsbrief.learned.measure import figures, pairs  # noqa: E402
from amtsbrief.learned.model import FORMAT, LineModel  # noqa: E402
from amtsbrief.learned.rules import rule_labels  # noqa: E402
from amtsbrief.segment import segment  # noqa: E402

PARAMETERS = {"c1": 0.5, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}


def unwrapped(letter: LabelledLetter) -> LabelledLetter:
    """The same letter with each run of body lines set as one line, as unwrapped text and e-mails have it.

    The dev letters are mostly wrapped at 80 columns; real letters often are not. Training on both forms
    keeps the model from learning the line width.
    """
    texts: list[str] = []
    gold: list[str | None] = []
    for line, expected in zip(letter.lines, letter.gold):
        if expected == "body" and gold and gold[-1] == "body" and texts[-1].strip():
            texts[-1] = texts[-1].rstrip() + " " + line.stripped
            continue
        texts.append(line.text)
        gold.append(expected)
    return _relabelled(letter.name + " (unwrapped)", letter.is_email, "\n".join(texts), gold)


def without_anchors(letter: LabelledLetter) -> LabelledLetter:
    """The same letter without its salutation and closing lines.

    A Bescheid or a Drucksache has neither, and a salutation the cue patterns miss (``Sehr << Name >>``)
    leaves a letter looking so too. Without such copies the model learns that prose above any
    salutation is no body.
    """
    kept = [(line, expected, ruled) for line, expected, ruled in zip(letter.lines, letter.gold, letter.rules)
            if expected not in ("salutation", "closing")]
    return _relabelled(letter.name + " (no salutation, no closing)", letter.is_email,
                       "\n".join(line.text for line, _, _ in kept), [expected for _, expected, _ in kept])


def _relabelled(name: str, is_email: bool, text: str, gold: list[str | None]) -> LabelledLetter:
    """A changed copy of a letter, with the rules' zones of the changed text (the rules run again)."""
    seg = segment(text, is_email=is_email)
    assert len(seg.lines) == len(gold), name
    return LabelledLetter(name=name, is_email=is_email, lines=seg.lines, gold=tuple(gold), rules=tuple(rule_labels(seg)))


def augmented(letters: list[LabelledLetter], *, anchors: bool = False) -> list[LabelledLetter]:
    """Each letter, and unwrapped; with ``anchors`` also (where it has a salutation) without salutation and closing."""
    return letters + [unwrapped(letter) for letter in letters] + \
        ([without_anchors(letter) for letter in letters if "salutation" in letter.gold] if anchors else [])


def sequences(letters: list[LabelledLetter], *, rule_features: bool) -> list[tuple[list[list[str]], list[str]]]:
    """(features, gold zones) of the non-blank lines of each letter."""
    data = []
    for letter in letters:
        features = line_features(letter.lines, is_email=letter.is_email,
                                 rule_zones=letter.rules if rule_features else None)
        gold = [label for label in letter.gold if label is not None]
        assert len(features) == len(gold), letter.name
        data.append((features, gold))
    return data


def train(data: list[tuple[list[list[str]], list[str]]], parameters: dict | None = None,
          training: dict | None = None) -> LineModel:
    """A CRF trained on ``data`` by python-crfsuite, read back into a :class:`LineModel`."""
    import pycrfsuite  # the `train` extra; inference needs no native code

    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for features, labels in data:
        trainer.append(features, labels)
    trainer.set_params({**PARAMETERS, **(parameters or {})})
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "model.crfsuite")
        trainer.train(path)
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        info = tagger.info()
        tagger.close()
    labels = [label for label in ZONES if label in info.labels] + sorted(set(info.labels) - set(ZONES))
    index = {label: number for number, label in enumerate(labels)}
    transitions = [[0.0] * len(labels) for _ in labels]
    for (origin, target), weight in info.transitions.items():
        transitions[index[origin]][index[target]] = weight
    weights: dict[str, list[tuple[int, float]]] = {}
    for (feature, label), weight in info.state_features.items():
        if abs(weight) >= 1e-4:
            weights.setdefault(feature, []).append((index[label], weight))
    return LineModel.from_dict({"format": FORMAT, "labels": labels, "transitions": transitions,
                                "features": weights, "training": training or {}})


def measure(model: LineModel, letters: list[LabelledLetter]) -> dict[str, dict[str, float]]:
    gold = [letter.gold for letter in letters]
    learned = [model.label_lines(letter.lines, is_email=letter.is_email, rule_zones=letter.rules) for letter in letters]
    rules = [letter.rules for letter in letters]
    result = {}
    for name, predicted in (("rules", rules), ("learned", learned)):
        fine, coarse = figures(pairs(gold, predicted)), figures(pairs(gold, predicted, COARSE))
        valued = figures(pairs(gold, predicted, skip=frozenset({"other", "furniture"})))
        result[name] = {"lines": fine.lines, "accuracy": round(fine.accuracy, 4), "macro_f1": round(fine.macro_f1, 4),
                        "coarse_accuracy": round(coarse.accuracy, 4), "coarse_macro_f1": round(coarse.macro_f1, 4),
                        "valued_lines": valued.lines, "valued_accuracy": round(valued.accuracy, 4)}
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", default=str(ROOT / "corpus" / "dev"))
    parser.add_argument("--test", default=str(ROOT / "corpus" / "test"))
    parser.add_argument("--shared", default=str(ROOT.parent / "shared" / "letters"))
    parser.add_argument("--out", default=str(ROOT / "models" / "line_classifier.json"))
    parser.add_argument("--standalone", action="store_true",
                        help="leave the rule segmenter's zones out of the features (the model alone)")
    parser.add_argument("--augment-anchors", action="store_true",
                        help="train on copies of the dev letters without salutation and closing too")
    args = parser.parse_args(argv)
    rule_features = not args.standalone

    started = time.perf_counter()
    dev = list(labelled_letters(args.dev))
    data = sequences(augmented(dev, anchors=args.augment_anchors), rule_features=rule_features)
    model = train(data, training={"trained_on": "corpus/dev", "letters": len(dev), "rule_features": rule_features,
                                  "augment_anchors": args.augment_anchors,
                                  "lines": sum(len(labels) for _, labels in data), "parameters": PARAMETERS})
    seconds = time.perf_counter() - started
    print(f"trained on {len(dev)} dev letters, {sum(len(labels) for _, labels in data)} lines, "
          f"{sum(len(pairs) for pairs in model.weights.values())} weights, in {seconds:.1f} s")

    results = {}
    sets = [("corpus/test", Path(args.test))]
    if Path(args.shared).is_dir():
        sets.append(("shared text+e-mail", Path(args.shared)))
    for name, directory in sets:
        results[name] = measure(model, list(labelled_letters(directory)))
    print(f"{'set':22s} {'who':8s} {'lines':>6s} {'acc':>6s} {'macroF1':>8s} {'coarse acc':>11s} {'coarse F1':>10s}"
          f" {'valued':>7s} {'acc':>6s}")
    for name, result in results.items():
        for who, row in result.items():
            print(f"{name:22s} {who:8s} {row['lines']:6d} {row['accuracy']:6.3f} {row['macro_f1']:8.3f} "
                  f"{row['coarse_accuracy']:11.3f} {row['coarse_macro_f1']:10.3f} {row['valued_lines']:7d} {row['valued_accuracy']:6.3f}")
    model = LineModel(labels=model.labels, transitions=model.transitions, weights=model.weights,
                      training={**model.training, "figures": results})
    import json
    Path(args.out).write_text(json.dumps(model.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n",
                              encoding="utf-8")
    print(f"wrote {args.out} ({Path(args.out).stat().st_size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
