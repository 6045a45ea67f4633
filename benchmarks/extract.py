"""Time the stages after the segmenter on the corpus's text letters: extract, assemble, normalise.

    .venv/bin/python benchmarks/extract.py [--rounds 5] [--profile N]

Each letter is loaded and segmented once up front; then each round runs ``pipeline.extract`` and
``assemble`` over every letter (``new_letter()`` first, so no per-letter memo carries over from the
round before), and ``normalise`` on its raw text. Best round by CPU time, in ms a letter.
``--profile N``: cProfile of extract + assemble over the letters, the N most expensive functions.
Not a test: the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import pin_to_one_core, print_profile, round_time  # noqa: E402
from parse import corpus_files  # noqa: E402


def prepared():
    from amtsbrief.errors import AmtsbriefError
    from amtsbrief.load import load_path
    from amtsbrief.pipeline import _looks_like_a_letter, segment_document

    letters = []
    for path in corpus_files(".txt"):
        try:
            document = load_path(path)
            text, origin, seg = segment_document(document)
        except AmtsbriefError:
            continue
        if _looks_like_a_letter(seg):
            letters.append((document, text, seg))
    return letters


def after_segmenter(letter) -> None:
    from amtsbrief.assemble import assemble
    from amtsbrief.pipeline import extract
    from amtsbrief.schema import Source
    from amtsbrief.text import new_letter

    document, text, seg = letter
    new_letter()
    draft = extract(seg, is_reply=document.is_reply)
    source = Source(path=document.path, sha256=document.sha256, media_type=document.media_type,
                    pages=document.pages, extractor=document.extractor, text=text, attachments=[])
    assemble(draft, source)


def normalising(letter) -> None:
    from amtsbrief.normalise import normalise

    normalise(letter[0].text)


def best_of(work, letters, rounds: int) -> float:
    """The best round's CPU milliseconds a letter."""
    return min(round_time(work, letters)[0] for _ in range(rounds)) / len(letters) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", type=int, default=0, help="print the N most expensive functions instead of timing")
    args = parser.parse_args()
    print(pin_to_one_core())
    letters = prepared()
    for letter in letters:
        after_segmenter(letter)  # warm the lazy parts
    if args.profile:
        print_profile(after_segmenter, letters, args.profile)
        return 0
    print(f"{len(letters)} letters")
    print(f"extract + assemble: {best_of(after_segmenter, letters, args.rounds):.3f} ms a letter")
    print(f"normalise:          {best_of(normalising, letters, args.rounds):.3f} ms a letter")
    return 0


if __name__ == "__main__":
    sys.exit(main())
