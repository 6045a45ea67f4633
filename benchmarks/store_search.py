#!/usr/bin/env python
"""Benchmark the store: how fast letters are added (and indexed), how long a search takes.

The corpus's gold letters are added ``--copies`` times under new source hashes (a store of about
123 × copies letters), then each query of ``scripts/search_queries.json`` is run ``--repeat`` times.
Run by hand, on a quiet machine if the figure matters:

    .venv/bin/python benchmarks/store_search.py --copies 20
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=10, help="how often the corpus is added (default 10)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each query (default 5)")
    args = parser.parse_args()

    sys.path.insert(0, str(REPO / "scripts"))
    from search_quality import corpus_letters

    from amtsbrief.store import Store

    letters = [letter for _, letter in corpus_letters(REPO / "corpus")]
    queries = [entry for entry in json.loads((REPO / "scripts/search_queries.json").read_text(encoding="utf-8"))["queries"]]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite"
        with Store(path) as store:
            started = time.perf_counter()
            for copy in range(args.copies):
                for number, letter in enumerate(letters):
                    store.add(letter, sha256=hashlib.sha256(f"{copy}/{number}".encode()).hexdigest())
            store.commit()
            added = time.perf_counter() - started
            count = store.count()
            timings = []
            for entry in queries:
                for _ in range(args.repeat):
                    started = time.perf_counter()
                    store.search(entry["query"], limit=20, **entry.get("filters", {}))
                    timings.append(time.perf_counter() - started)
        size = path.stat().st_size + sum(p.stat().st_size for p in Path(folder).glob("bench.sqlite-*"))
    print(f"added and indexed {count} letters in {added:.1f} s: {count / added:.0f} letters/s")
    print(f"store on disk: {size / 2**20:.1f} MiB ({size / count / 1024:.1f} KiB per letter)")
    print(f"search (top 20, {len(queries)} queries × {args.repeat}): median {statistics.median(timings) * 1000:.1f} ms, "
          f"slowest {max(timings) * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
