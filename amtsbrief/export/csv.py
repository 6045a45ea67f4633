"""CSV: one flat row per letter (dotted column names), and a question–answer table.

Both are written as they are read, one letter at a time, so a batch of any size fits.
Lists (``copies_to``, ``questions`` …) sit in one cell as JSON; see :mod:`amtsbrief.export.flatten`.
"""

from __future__ import annotations

import csv as _csv
from contextlib import nullcontext
from pathlib import Path
from typing import IO, Iterable

from amtsbrief.export.flatten import QA_COLUMNS, columns, flat_row, qa_rows
from amtsbrief.schema import Letter


def _opened(target: str | Path | IO[str]):
    if hasattr(target, "write"):
        return nullcontext(target)
    # newline="": the csv module writes its own line ends, and keeps newlines inside a quoted body.
    return open(target, "w", encoding="utf-8", newline="")


def write_csv(letters: Iterable[Letter], target: str | Path | IO[str]) -> int:
    """One row per letter with the columns of :func:`amtsbrief.export.flatten.columns`; return the rows written."""
    with _opened(target) as stream:
        writer = _csv.DictWriter(stream, fieldnames=columns())
        writer.writeheader()
        count = 0
        for letter in letters:
            writer.writerow(flat_row(letter))
            count += 1
    return count


def write_qa_csv(letters: Iterable[Letter], target: str | Path | IO[str]) -> int:
    """One row per question–answer pair (:data:`QA_COLUMNS`), keyed by the letter's source hash; return the rows."""
    with _opened(target) as stream:
        writer = _csv.DictWriter(stream, fieldnames=QA_COLUMNS)
        writer.writeheader()
        count = 0
        for letter in letters:
            for row in qa_rows(letter):
                writer.writerow(row)
                count += 1
    return count
