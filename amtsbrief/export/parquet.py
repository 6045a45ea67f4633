"""Parquet: the flat rows of :mod:`amtsbrief.export.flatten`, typed, in row groups.

Rows are gathered :data:`ROWS_PER_GROUP` at a time and written as one row group each, so memory
holds one group, not the batch. Every column is a string except ``source.pages`` (int64).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from amtsbrief.errors import DependencyError
from amtsbrief.export.flatten import INTEGER_COLUMNS, columns, flat_row
from amtsbrief.schema import Letter

ROWS_PER_GROUP = 1000


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise DependencyError(None, "Parquet export needs pyarrow: pip install 'amtsbrief[batch]'") from None
    return pyarrow


def arrow_schema():
    """The Arrow schema of the flat columns."""
    pa = _pyarrow()
    return pa.schema([(name, pa.int64() if name in INTEGER_COLUMNS else pa.string()) for name in columns()])


def write_parquet(letters: Iterable[Letter], target: str | Path) -> int:
    """Write ``letters`` as a Parquet file; return the rows written."""
    pa = _pyarrow()
    schema = arrow_schema()
    count = 0
    with pa.parquet.ParquetWriter(str(target), schema, compression="zstd") as writer:
        rows: list[dict] = []
        for letter in letters:
            rows.append(flat_row(letter))
            if len(rows) >= ROWS_PER_GROUP:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                count += len(rows)
                rows = []
        # Written even when empty, so a batch without letters still gives a file with the columns.
        writer.write_table(pa.Table.from_pylist(rows, schema=schema))
        count += len(rows)
    return count
