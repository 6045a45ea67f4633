"""``to_dataframe``: letters as a pandas DataFrame with the flat columns of the CSV export."""

from __future__ import annotations

from typing import Iterable

from amtsbrief.errors import DependencyError
from amtsbrief.export.flatten import INTEGER_COLUMNS, columns, flat_row
from amtsbrief.schema import Letter


def to_dataframe(letters: Iterable[Letter]):
    """One row per letter, one column per dotted field (``sender.authority``, ``references.date`` …).

    Lists are JSON text in their cell, ``source.pages`` is a nullable integer (``Int64``).
    """
    try:
        import pandas  # type: ignore[import-untyped]
    except ImportError:
        raise DependencyError(None, "to_dataframe needs pandas: pip install 'amtsbrief[dataframe]'") from None
    frame = pandas.DataFrame.from_records([flat_row(letter) for letter in letters], columns=list(columns()))
    for name in INTEGER_COLUMNS:
        frame[name] = frame[name].astype("Int64")
    return frame
