"""Parse throughput of this checkout against the parser of an earlier commit, on the same letters.

    .venv/bin/python benchmarks/against_commit.py [COMMIT] [--rounds 5]

Issue 7 asks that the pipeline be no slower than when the issue was filed; COMMIT defaults to the
founding session's last commit (74002a1). The earlier parser is exported with ``git archive`` into a
temporary folder and imported from there by a child process; this checkout's by another. Both parse
the ``corpus/dev`` ``.txt`` letters that existed at COMMIT (so that neither meets letters the other
never saw), decoded once, round by round in turn, each child pinned to one core; the best round of
each by CPU time is reported, with the ratio. Not a test: the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOUNDING = "74002a1"

# One round in a child: parse every letter once, print the CPU seconds it took.
_CHILD = r"""
import json, os, sys, time
sys.path.insert(0, sys.argv[1])
try:
    os.sched_setaffinity(0, {0})
except (AttributeError, OSError):
    pass
from amtsbrief import parse_text
texts = json.load(open(sys.argv[2], encoding="utf-8"))
for text in texts[:5]:
    parse_text(text)  # the lazy parts (spaCy's pipeline, dateparser) are built before timing
rounds = int(sys.argv[3])
for _ in range(rounds):
    start = time.process_time()
    for text in texts:
        parse_text(text)
    print(time.process_time() - start, flush=True)
"""


def export(commit: str, into: Path) -> Path:
    """The package and models of ``commit``, as files under ``into``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", commit, "amtsbrief", "models"],
                             check=True, capture_output=True).stdout
    with tempfile.TemporaryFile() as handle:
        handle.write(archive)
        handle.seek(0)
        with tarfile.open(fileobj=handle) as tar:
            tar.extractall(into, filter="data")
    return into


def letters_at(commit: str) -> list[str]:
    """The text of each ``corpus/dev/*.txt`` letter as it stood at ``commit``."""
    names = subprocess.run(["git", "-C", str(ROOT), "ls-tree", "--name-only", f"{commit}:corpus/dev"],
                           check=True, capture_output=True, text=True).stdout.split()
    return [subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:corpus/dev/{name}"], check=True,
                           capture_output=True).stdout.decode("utf-8", "replace")
            for name in names if name.endswith(".txt")]


def rounds_of(code_dir: Path, texts_file: Path, rounds: int) -> list[float]:
    run = subprocess.run([sys.executable, "-c", _CHILD, str(code_dir), str(texts_file), str(rounds)],
                         check=True, capture_output=True, text=True)
    return [float(line) for line in run.stdout.split()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("commit", nargs="?", default=FOUNDING)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    texts = letters_at(args.commit)
    with tempfile.TemporaryDirectory() as work:
        texts_file = Path(work) / "letters.json"
        texts_file.write_text(json.dumps(texts), encoding="utf-8")
        earlier = export(args.commit, Path(work) / "earlier")
        best = {"earlier": float("inf"), "now": float("inf")}
        for _ in range(args.rounds):  # in turn, so that both meet the same load
            best["earlier"] = min(best["earlier"], *rounds_of(earlier, texts_file, 1))
            best["now"] = min(best["now"], *rounds_of(ROOT, texts_file, 1))
    count = len(texts)
    print(f"{count} corpus/dev .txt letters of {args.commit}, best of {args.rounds} rounds, CPU time on one core")
    for name in ("earlier", "now"):
        print(f"  {name:8s} {count / best[name]:7.1f} letters/s  ({best[name] / count * 1000:.2f} ms a letter)")
    print(f"  now / earlier: {best['earlier'] / best['now']:.2f} × the throughput")


if __name__ == "__main__":
    main()
