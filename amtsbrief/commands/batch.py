"""``amtsbrief batch PATH... -o OUT``: parse many files into a resumable batch folder and/or a store."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import TextIO

from amtsbrief.batch import BatchSummary, default_jobs, run_batch
from amtsbrief.commands.limits import add_limit_options, config_from, guard_from

EXIT_ALL_PARSED, EXIT_SOME_FAILED, EXIT_USAGE_OR_IO = 0, 1, 2


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "batch",
        help="parse many files in parallel into a batch folder or a store",
        description=(
            "Parse files, folders (recursively: .txt .eml .pdf .png .tif .tiff .jpg .jpeg .xml) and globs. "
            "OUT receives letters.jsonl, failures.jsonl and manifest.json as it goes; run the same command "
            "again to resume (files already done, by content hash, are skipped). Exit status: 0 when every "
            "file parsed, 1 when some failed (failures.jsonl lists them with their codes), 2 for a usage "
            "or I/O error."
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="file, folder or glob")
    parser.add_argument("-o", "--out", metavar="OUT", help="batch folder to write (created if missing)")
    parser.add_argument("--db", metavar="ARCHIVE", help="SQLite store to write as well (or instead of OUT)")
    parser.add_argument("-j", "--jobs", type=_positive_int, default=None, help=f"worker processes (default: the cores, {default_jobs()})")
    parser.add_argument("--retry-failed", action="store_true", help="parse again the files that failed in earlier runs")
    parser.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="run on a Dask cluster instead of local processes")
    progress = parser.add_mutually_exclusive_group()
    progress.add_argument("--progress", dest="progress", action="store_true", default=None, help="always show the progress bar")
    progress.add_argument("--no-progress", dest="progress", action="store_false", help="never show it (default: only on a terminal)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON on stdout")
    add_limit_options(parser, guard_switch=False)
    parser.set_defaults(run=run)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def run(args: argparse.Namespace) -> int:
    show = sys.stderr.isatty() if args.progress is None else args.progress
    bar = ProgressBar(sys.stderr) if show else None
    try:
        timeout, max_memory = guard_from(args)
        summary = run_batch(args.paths, out=args.out, db=args.db, jobs=args.jobs, scheduler=args.scheduler,
                            on_progress=bar, config=config_from(args), timeout=timeout, max_memory=max_memory,
                            retry_failed=args.retry_failed)
    finally:
        if bar:
            bar.close()
    if args.json:
        print(json.dumps(summary.as_dict(), ensure_ascii=False))
    print(summary_line(summary), file=sys.stderr)
    return EXIT_SOME_FAILED if summary.failed else EXIT_ALL_PARSED


def summary_line(summary: BatchSummary) -> str:
    """The closing summary: what was parsed, with warnings, failed, skipped."""
    parts = [
        f"{summary.parsed} parsed ({summary.with_warnings} with warnings)",
        f"{summary.failed} failed",
    ]
    if summary.failure_codes:
        parts[-1] += " (" + ", ".join(f"{code}: {n}" for code, n in sorted(summary.failure_codes.items())) + ")"
    if summary.skipped:
        parts.append(f"{summary.skipped} already done")
    if summary.duplicates:
        parts.append(f"{summary.duplicates} duplicates")
    return f"amtsbrief batch: {summary.found} files: " + ", ".join(parts) + f" in {_clock(summary.seconds)}"


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


class ProgressBar:
    """A one-line progress bar on a terminal: count, percentage, rate and time left, redrawn with \\r."""

    def __init__(self, stream: TextIO, width: int = 28, interval: float = 0.2):
        self.stream = stream
        self.width = width
        self.interval = interval
        self._last = 0.0
        self._drawn = False

    def __call__(self, summary: BatchSummary) -> None:
        now = time.monotonic()
        if now - self._last < self.interval and summary.done < summary.found:
            return  # redrawing on every file would cost more than the parsing of small ones
        self._last = now
        total = max(summary.found, 1)
        filled = int(self.width * summary.done / total)
        rate = summary.rate
        remaining = summary.found - summary.done
        eta = _clock(remaining / rate) if rate > 0 else "?"
        line = (
            f"\r[{'#' * filled}{'.' * (self.width - filled)}] {summary.done}/{summary.found} "
            f"{100 * summary.done / total:3.0f}%  {rate:6.1f} files/s  ETA {eta}  failed {summary.failed}"
        )
        self.stream.write(line)
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
