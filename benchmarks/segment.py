"""The segmenter alone on one core: ``segment`` over the corpus's text letters, normalised up front.

    .venv/bin/python benchmarks/segment.py [--rounds 5] [--profile N] [--snapshot OUT [--compare BASE]]

- Timing: ``segment`` (stage 3 of the pipeline) on every ``corpus/dev`` and ``corpus/test`` ``.txt``
  letter, the text already normalised as ``pipeline.segment_document`` does it; best round by CPU time,
  beside the naive regex extractor of ``benchmarks/parse.py`` measured in the same run (the ratio is
  what to compare between runs on a noisy machine).
- ``--profile N``: cProfile over the letters, the N most expensive functions by own time.
- ``--snapshot OUT``: every text letter's whole ``Segmentation`` (its repr and ``zones()``, the rule ids
  ``--explain`` shows) written to OUT, one line a letter; ``--compare BASE`` lists the letters whose
  segmentation differs from BASE's. Stricter than ``scripts/output_snapshot.py``: a rule id that only
  ``--explain`` shows counts too.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import interleaved, pin_to_one_core, print_profile  # noqa: E402
from parse import corpus_files, naive_extract, SHARED  # noqa: E402


def letters(with_shared: bool = False) -> list[tuple[str, str, bool, int | None]]:
    """(name, normalised text, is_email, quoted_from) of each text letter the pipeline would segment."""
    from amtsbrief.errors import AmtsbriefError
    from amtsbrief.load import EMAIL, load_path
    from amtsbrief.normalise import normalise_quoting

    paths = corpus_files(".txt")
    if with_shared:
        paths += corpus_files(".eml")
        if SHARED.is_dir():
            paths += sorted(p for p in SHARED.iterdir() if p.suffix in (".txt", ".eml", ".msg"))
    found = []
    for path in paths:
        try:
            document = load_path(path)
        except AmtsbriefError:
            continue
        text, quoted_from = normalise_quoting(document.text, document.quoted_from)
        found.append((path.name, text, document.media_type == EMAIL, quoted_from))
    return found


def run(letter) -> object:
    from amtsbrief.segment import segment

    _, text, is_email, quoted_from = letter
    return segment(text, is_email=is_email, quoted_from=quoted_from)


def snapshot(out: Path, base: Path | None) -> int:
    lines = []
    for letter in letters(with_shared=True):
        seg = run(letter)
        lines.append(f"{letter[0]}\t{seg!r}\t{seg.zones()!r}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} segmentations written to {out}")
    if base is None:
        return 0
    old = dict(line.split("\t", 1) for line in base.read_text(encoding="utf-8").splitlines())
    new = dict(line.split("\t", 1) for line in lines)
    differing = sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))
    for name in differing:
        print("differs:", name)
    print(f"{len(differing)} differing letters")
    return 1 if differing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", type=int, default=0)
    parser.add_argument("--snapshot", type=Path)
    parser.add_argument("--compare", type=Path)
    args = parser.parse_args()
    if args.snapshot:
        return snapshot(args.snapshot, args.compare)
    print(pin_to_one_core())
    found = letters()
    for letter in found:
        run(letter)  # lazy loads (spaCy, the rule table) out of the timing
    if args.profile:
        print_profile(run, found, args.profile)
        return 0
    best = interleaved(run, lambda letter: naive_extract(letter[1]), found, args.rounds)
    print(f"segment, {len(found)} corpus .txt letters: {best['subject_cpu'] * 1000:.3f} ms CPU a letter "
          f"({1 / best['subject_cpu']:.0f}/s)")
    print(f"naive regex extractor: {best['reference_cpu'] * 1000:.3f} ms CPU a letter")
    print(f"segment / naive: {best['ratio']:.2f} x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
