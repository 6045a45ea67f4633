"""Parse throughput on one core, per input format, and the command line's start-up time.

    .venv/bin/python benchmarks/parse.py [--seconds 2] [--startup-runs 10] [--no-shared]

- ``parse_text``: the corpus's text letters (``corpus/dev`` and ``corpus/test``, decoded once up front),
  against a naive regex extractor (``naive_extract`` below: a dozen patterns over the whole text, the
  least any parser pays), round by round in turn, best round by CPU time on one core (see
  ``_timing``); letters per second and the ratio to the reference. The first call, which builds the
  lazy parts (spaCy's rule pipeline, dateparser), is timed apart.
- ``parse_file``: per format (``.txt``, ``.eml`` from the corpus; PAGE XML and PDF from ``../shared``
  when it is there), files read from disk each time; letters per second and milliseconds per letter.
- ``amtsbrief --help``: median wall-clock time of ``--startup-runs`` fresh processes.

Not a test: the figures depend on the machine. Issue 9's targets: 1,000 text letters per second per
core through the whole pipeline, start-up under 0.3 s.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import interleaved, pin_to_one_core  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "letters"

# The reference: what a quick script would do to pull a letter's fields out, one pattern each.
_NAIVE = {
    "date": re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b"),
    "phone": re.compile(r"(?:Telefon|Tel\.?|Fon)\s*:?\s*([+\d][\d /()-]{5,})"),
    "email": re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    "iban": re.compile(r"\bDE\d{2}(?:\s?\d{4}){4}\s?\d{2}\b"),
    "reference": re.compile(r"(?:Aktenzeichen|Az\.|Geschäftszeichen|Unser Zeichen)\s*:?\s*(\S+)"),
    "subject": re.compile(r"^(?:Betreff|Betr\.)?\s*:?\s*((?:Anfrage|Ihre|Antwort|Bescheid)[^\n]*)$", re.M),
    "postcode": re.compile(r"\b(\d{5})\s+([A-ZÄÖÜ][\w-]+)"),
    "salutation": re.compile(r"^(Sehr geehrte[^\n]*|Guten Tag[^\n]*|Hallo[^\n]*)$", re.M),
    "closing": re.compile(r"^(Mit freundlichen Grüßen|Freundliche Grüße|Hochachtungsvoll)[^\n]*$", re.M),
    "question": re.compile(r"^\s*(\d{1,2})\.\s+([^\n]+\?)\s*$", re.M),
}


def naive_extract(text: str) -> dict:
    """Every pattern's first (or, for questions, every) match; salutation to closing as the body."""
    found = {name: pattern.search(text) for name, pattern in _NAIVE.items() if name != "question"}
    result = {name: match.group(0) for name, match in found.items() if match}
    result["questions"] = [match.group(2) for match in _NAIVE["question"].finditer(text)]
    if found["salutation"] and found["closing"]:
        result["body"] = text[found["salutation"].end():found["closing"].start()].strip()
    return result


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


def bench_parse_text(rounds: int) -> list[tuple[str, str]]:
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

    best = interleaved(work, naive_extract, texts, rounds)
    chars = sum(map(len, texts)) / len(texts)
    return [
        ("parse_text, first call (lazy loads)", f"{first * 1000:8.1f} ms"),
        (f"parse_text, {len(texts)} corpus .txt letters (mean {chars:,.0f} chars), best of {rounds}",
         f"{1 / best['subject_cpu']:8.1f} letters/s  ({best['subject_cpu'] * 1000:.2f} ms CPU each, "
         f"wall {best['subject_wall'] * 1000:.2f} ms)"),
        ("reference: naive regex extractor, same letters",
         f"{1 / best['reference_cpu']:8.1f} letters/s  ({best['reference_cpu'] * 1000:.3f} ms CPU each)"),
        ("parse_text / naive regex extractor (CPU)", f"{best['ratio']:8.1f} x"),
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
    """``amtsbrief --help`` against a bare ``python -c pass`` in turn: wall-clock median and CPU time."""
    from _timing import cpu_seconds

    script = Path(sys.executable).with_name("amtsbrief")
    command = [str(script), "--help"] if script.exists() else [sys.executable, "-m", "amtsbrief.cli", "--help"]
    timings: dict[str, list[tuple[float, float]]] = {"help": [], "python": []}
    for _ in range(runs):
        for label, argv in (("python", [sys.executable, "-c", "pass"]), ("help", command)):
            cpu, started = cpu_seconds(), time.perf_counter()
            subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
            timings[label].append((time.perf_counter() - started, cpu_seconds() - cpu))
    wall = {label: statistics.median(t[0] for t in values) for label, values in timings.items()}
    cpu = {label: statistics.median(t[1] for t in values) for label, values in timings.items()}
    return [(f"`amtsbrief --help` start-up, median of {runs}",
             f"{wall['help'] * 1000:8.1f} ms wall  ({cpu['help'] * 1000:.0f} ms CPU)"),
            ("reference: `python -c pass`", f"{wall['python'] * 1000:8.1f} ms wall  ({cpu['python'] * 1000:.0f} ms CPU)"),
            ("`amtsbrief --help` / `python -c pass` (wall)", f"{wall['help'] / wall['python']:8.1f} x")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="least work per parse_file measurement")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of parse_text against its reference")
    parser.add_argument("--startup-runs", type=int, default=10)
    parser.add_argument("--no-shared", action="store_true", help="leave out the formats only ../shared has")
    args = parser.parse_args()

    rows = [("CPU", pin_to_one_core()), ("Python", sys.version.split()[0])]
    rows += bench_startup(args.startup_runs)  # before this process warms the disk cache for the package
    rows += bench_parse_text(args.rounds)
    rows += bench_parse_file(args.seconds, shared=not args.no_shared)
    width = max(len(name) for name, _ in rows)
    print(f"{'measurement':{width}s}  result")
    print(f"{'-' * width}  {'-' * 40}")
    for name, value in rows:
        print(f"{name:{width}s}  {value.strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
