"""End to end: does the line classifier improve ``amtsbrief evaluate``?

    .venv/bin/python scripts/evaluate_line_classifier.py corpus/test ../shared/letters [--sources .txt,.eml,.msg]

Scores each folder twice with the project's evaluator: once as the pipeline parses today, once with
the shipped model's zones applied to the rule segmentation (:func:`amtsbrief.learned.refine.refine`).
The pipeline has no switch for this yet, so the script swaps its ``segment`` stage for the run (in this
process only).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import amtsbrief.pipeline  # noqa: E402
from amtsbrief.evaluate import evaluate_dir  # noqa: E402
from amtsbrief.learned.classify import classify  # noqa: E402
from amtsbrief.learned.refine import refine  # noqa: E402
from amtsbrief.segment import segment  # noqa: E402


def learned_segment(*args, **kwargs):
    seg = segment(*args, **kwargs)
    return refine(seg, classify(seg))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--sources", default=".txt,.eml,.msg")
    args = parser.parse_args(argv)
    sources = tuple(args.sources.split(","))
    for folder in args.folders:
        rules = evaluate_dir(folder, sources=sources)
        with mock.patch.object(amtsbrief.pipeline, "segment", learned_segment):
            learned = evaluate_dir(folder, sources=sources)
        print(f"{folder}: rules {rules.mean:.4f}  learned {learned.mean:.4f}  ({len(rules.letters)} letters)")
        for before, after in zip(rules.letters, learned.letters):
            if abs(before.f1 - after.f1) > 1e-9:
                print(f"  {before.name}: {before.f1:.3f} -> {after.f1:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
