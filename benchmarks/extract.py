"""Time the stages after the segmenter on the corpus's text letters: extract, assemble, normalise.

    .venv/bin/python benchmarks/extract.py [--rounds 5] [--profile OUT.prof]

Each letter is loaded and segmented once up front; then each round runs ``pipeline.extract`` and
``assemble`` over every letter (``new_letter()`` first, so no per-letter memo carries over from the
round before), and ``normalise`` on its raw text. Best round by CPU time, in ms a letter.
Not a test: the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import cpu_seconds, pin_to_one_core  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def prepared():
    from amtsbrief.errors import AmtsbriefError
    from amtsbrief.load import load_path
    from amtsbrief.pipeline import _looks_like_a_letter, segment_document

    letters = []
    for path in sorted(p for split in ("dev", "test") for p in (ROOT / "corpus" / split).glob("*.txt")):
        try:
            document = load_path(path)
            text, origin, seg = segment_document(document)
        except AmtsbriefError:
            continue
        if _looks_like_a_letter(seg):
            letters.append((document, text, seg))
    return letters


def after_segmenter(letters) -> None:
    from amtsbrief.pipeline import extract
    from amtsbrief.schema import Source
    from amtsbrief.assemble import assemble
    from amtsbrief.text import new_letter

    for document, text, seg in letters:
        new_letter()
        draft = extract(seg, is_reply=document.is_reply)
        source = Source(path=document.path, sha256=document.sha256, media_type=document.media_type,
                        pages=document.pages, extractor=document.extractor, text=text, attachments=[])
        assemble(draft, source)


def normalising(letters) -> None:
    from amtsbrief.normalise import normalise

    for document, _, _ in letters:
        normalise(document.text)


def best_of(work, letters, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = cpu_seconds()
        work(letters)
        best = min(best, cpu_seconds() - started)
    return best / len(letters) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", help="write a cProfile of extract + assemble here instead of timing")
    args = parser.parse_args()
    print(pin_to_one_core())
    letters = prepared()
    after_segmenter(letters)  # warm the lazy parts
    if args.profile:
        import cProfile

        cProfile.runctx("for _ in range(3): after_segmenter(letters)", globals(), {"letters": letters,
                        "after_segmenter": after_segmenter}, args.profile)
        return 0
    print(f"{len(letters)} letters")
    print(f"extract + assemble: {best_of(after_segmenter, letters, args.rounds):.3f} ms a letter")
    print(f"normalise:          {best_of(normalising, letters, args.rounds):.3f} ms a letter")
    return 0


if __name__ == "__main__":
    sys.exit(main())
