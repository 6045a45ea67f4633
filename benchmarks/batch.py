"""Batch throughput and memory: letters per second on 1 and 2 workers, memory of a 10,000-letter batch.

    .venv/bin/python benchmarks/batch.py [--letters 2000] [--big 10000]

Generates letters with the test generator (tests/batch_corpus.py) in a temporary folder, runs
``run_batch`` and reports wall-clock rate, the main process's peak Python allocations (tracemalloc)
and the peak resident size of the main process and of the workers (``resource.getrusage``).
Figures depend on the machine; the README quotes a run on the 2-core CI machine.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from batch_corpus import write_corpus  # noqa: E402

from amtsbrief.batch import run_batch  # noqa: E402


def _mib(kib: int) -> float:
    return kib / 1024  # ru_maxrss is in KiB on Linux


def measure(folder: Path, out: Path, jobs: int, *, trace: bool = False) -> dict:
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    summary = run_batch([folder], out=out, jobs=jobs)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if trace else None
    if trace:
        tracemalloc.stop()
    return {
        "jobs": jobs,
        "files": summary.found,
        "parsed": summary.parsed,
        "failed": summary.failed,
        "seconds": round(seconds, 2),
        "letters_per_second": round(summary.found / seconds, 1),
        "main_python_peak_mib": round(peak / 2**20, 1) if peak is not None else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=2000, help="letters for the scaling runs")
    parser.add_argument("--big", type=int, default=10000, help="letters for the memory run")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = write_corpus(tmp / "scaling", args.letters, broken_share=0.02)
        # A warm-up run, so that the first measured run does not pay for imports and the disk cache.
        run_batch([corpus.folder], out=tmp / "warm", jobs=1)
        for jobs in (1, 2):
            print(measure(corpus.folder, tmp / f"out-{jobs}", jobs), flush=True)

        big = write_corpus(tmp / "big", args.big, broken_share=0.02, seed=1)
        result = measure(big.folder, tmp / "out-big", 2, trace=True)
        result["main_peak_rss_mib"] = round(_mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss), 1)
        result["largest_worker_peak_rss_mib"] = round(_mib(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss), 1)
        result["output_mib"] = round((tmp / "out-big" / "letters.jsonl").stat().st_size / 2**20, 1)
        print(result, flush=True)


if __name__ == "__main__":
    main()
