"""Parse throughput on one core, per input format, and the command line's start-up time.

    .venv/bin/python benchmarks/parse.py [--seconds 2] [--startup-runs 10] [--no-shared]

- ``parse_text``: the corpus's text letters (``corpus/dev`` and ``corpus/test``, decoded once up front),
  parsed round after round until at least ``--seconds`` of work; letters per second on one core (the
  process is pinned to one CPU where the OS allows it). The first call, which builds the lazy parts
  (spaCy's rule pipeline, dateparser), is timed apart.
- ``parse_file``: per format (``.txt``, ``.eml`` from the corpus; PAGE XML and PDF from ``../shared``
  when it is there), files read from disk each time; letters per second and milliseconds per letter.
- ``amtsbrief --help``: median wall-clock time of ``--startup-runs`` fresh processes.

Not a test: the figures depend on the machine. Issue 2's targets: 300 one-page letters per second
through the whole pipeline, start-up under 0.3 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "letters"


def pin_to_one_core() -> str:
    """Run on one CPU, so the figure means "per core"; returns what was done."""
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity)"


def corpus_files(suffix: str) -> list[Path]:
    return sorted(path for split in ("dev", "test") for path in (ROOT / "corpus" / split).glob(f"*{suffix}"))


def timed_rounds(work, items: list, seconds: float) -> tuple[int, float]:
    """Run ``work`` over ``items`` round after round until ``seconds`` have passed; (done, elapsed)."""
    done = 0
    started = time.perf_counter()
    while True:
        for item in items:
            work(item)
        done += len(items)
        elapsed = time.perf_counter() - started
        if elapsed >= seconds:
            return done, elapsed


def bench_parse_text(seconds: float) -> list[tuple[str, str]]:
    from amtsbrief import parse_text
    from amtsbrief.errors import AmtsbriefError
    from amtsbrief.load import load_path

    texts = []
    for path in corpus_files(".txt"):
        try:
            texts.append(load_path(path).text)
        except AmtsbriefError:
            continue
    started = time.perf_counter()
    parse_text(texts[0])
    first = time.perf_counter() - started

    def work(text: str) -> None:
        try:
            parse_text(text)
        except AmtsbriefError:
            pass  # a negative case (the non-letter) costs its time too

    done, elapsed = timed_rounds(work, texts, seconds)
    chars = sum(map(len, texts)) / len(texts)
    return [
        ("parse_text, first call (lazy loads)", f"{first * 1000:8.1f} ms"),
        (f"parse_text, {len(texts)} corpus .txt letters (mean {chars:,.0f} chars)",
         f"{done / elapsed:8.1f} letters/s  ({elapsed / done * 1000:.2f} ms each, {done} parsed in {elapsed:.1f} s)"),
    ]


def bench_parse_file(seconds: float, shared: bool) -> list[tuple[str, str]]:
    from amtsbrief import parse_file
    from amtsbrief.errors import AmtsbriefError

    groups = [(".txt (corpus)", corpus_files(".txt")), (".eml (corpus)", corpus_files(".eml"))]
    if shared and SHARED.is_dir():
        groups += [
            (".txt/.eml (../shared)", sorted(p for p in SHARED.glob("*") if p.suffix in (".txt", ".eml"))),
            (".page.xml (../shared)", sorted(SHARED.glob("*.page.xml"))),
            (".pdf (../shared, scans with OCR)", sorted(SHARED.glob("*.pdf"))),
        ]
    rows = []
    for label, files in groups:
        if not files:
            rows.append((f"parse_file {label}", "no files"))
            continue

        def work(path: Path) -> None:
            try:
                parse_file(path)
            except AmtsbriefError:
                pass

        work(files[0])  # warm up this format's reader
        # Slow formats (OCR) get one round; fast ones repeat to the time budget.
        done, elapsed = timed_rounds(work, files, seconds)
        rows.append((f"parse_file {label}, {len(files)} files",
                     f"{done / elapsed:8.1f} letters/s  ({elapsed / done * 1000:.1f} ms each)"))
    return rows


def bench_startup(runs: int) -> list[tuple[str, str]]:
    script = Path(sys.executable).with_name("amtsbrief")
    command = [str(script), "--help"] if script.exists() else [sys.executable, "-m", "amtsbrief.cli", "--help"]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return [(f"`amtsbrief --help` start-up, median of {runs}",
             f"{statistics.median(times) * 1000:8.1f} ms  (min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f})")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="least work per measurement")
    parser.add_argument("--startup-runs", type=int, default=10)
    parser.add_argument("--no-shared", action="store_true", help="leave out the formats only ../shared has")
    args = parser.parse_args()

    rows = [("CPU", pin_to_one_core()), ("Python", sys.version.split()[0])]
    rows += bench_startup(args.startup_runs)  # before this process warms the disk cache for the package
    rows += bench_parse_text(args.seconds)
    rows += bench_parse_file(args.seconds, shared=not args.no_shared)
    width = max(len(name) for name, _ in rows)
    print(f"{'measurement':{width}s}  result")
    print(f"{'-' * width}  {'-' * 40}")
    for name, value in rows:
        print(f"{name:{width}s}  {value.strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
