"""The suite's hostile-structure properties (``tests/test_hostile_fuzz.py``) with many more examples,
run by hand:

    .venv/bin/python benchmarks/fuzz.py [--examples 500] [--seed N]

Prints, per strategy, the examples tried, how many ended in a Letter and how many in which
``AmtsbriefError`` code, the slowest example, and any other exception (a finding: the run fails).
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import test_hostile_fuzz as fuzz  # noqa: E402

STRATEGIES = {
    "PDF objects and streams": (fuzz.pdfs(), "fuzz.pdf"),
    "MIME trees": (fuzz.mime_trees(), "fuzz.eml"),
    "PAGE XML": (fuzz.page_xmls(), "fuzz.xml"),
    "ALTO XML": (fuzz.alto_xmls(), "fuzz-alto.xml"),
    "ReDoS-shaped text": (fuzz.redos_texts().map(lambda text: text.encode("utf-8")), "fuzz.txt"),
    "random bytes, every suffix": (st.binary(max_size=4000), None),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=500)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    findings = 0
    print("| strategy | examples | letters | clean errors (codes) | slowest |")
    print("|---|---:|---:|---|---:|")
    for label, (strategy, name) in STRATEGIES.items():
        codes: collections.Counter[str] = collections.Counter()
        slowest = 0.0
        suffixes = ["x.txt", "x.eml", "x.pdf", "x.png", "x.tif", "x.jpg", "x.xml"]

        @settings(max_examples=args.examples, deadline=None, database=None, derandomize=args.seed is None,
                  suppress_health_check=list(HealthCheck))
        @given(strategy, st.sampled_from(suffixes))
        def run(data, suffix):
            nonlocal slowest
            started = time.monotonic()
            result = fuzz.outcome(data, name or suffix)
            slowest = max(slowest, time.monotonic() - started)
            codes["letter" if not isinstance(result, Exception) else result.code] += 1

        try:
            if args.seed is not None:
                from hypothesis import seed

                run = seed(args.seed)(run)
            run()
        except Exception as error:  # noqa: BLE001 - a finding: report it and go on with the next strategy
            findings += 1
            print(f"FINDING in {label}: {type(error).__name__}: {error}", file=sys.stderr)
        letters = codes.pop("letter", 0)
        errors = ", ".join(f"{code} {n}" for code, n in codes.most_common())
        print(f"| {label} | {letters + sum(codes.values())} | {letters} | {errors} | {slowest:.2f} s |", flush=True)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
