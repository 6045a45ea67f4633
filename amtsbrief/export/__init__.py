"""Exports: letters from a batch folder, a JSONL file or the store, in the formats the field reads.

=========  ===============================================================  ==========================
format     what                                                             module
=========  ===============================================================  ==========================
jsonl      the contract, one ``Letter`` per line                            :mod:`.jsonl`
csv        one flat row per letter, dotted column names                     :mod:`.csv`
qa-csv     one row per question–answer pair                                 :mod:`.csv`
parquet    typed columns: dates, nested lists of structs (pyarrow)          :mod:`.parquet`
tei        CMIF: TEI header with a ``correspDesc`` per letter, empty body   :mod:`.tei`
tei-text   TEI with the same header and each letter's text                  :mod:`.tei`
oparl      OParl 1.1 ``Paper`` objects, each with its ``File``              :mod:`.oparl`
=========  ===============================================================  ==========================

Every export reads its letters one at a time (:func:`read_letters`), so none holds a batch in memory
(``to_dataframe`` excepted: a DataFrame is in memory by nature).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import IO, Any, Callable, Iterator

from amtsbrief.errors import InputError
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the models load with the first letter read, not with the command line
    from amtsbrief.schema import Letter

FORMATS = ("jsonl", "csv", "qa-csv", "parquet", "tei", "tei-text", "oparl")
# Formats that can go to a text stream (stdout); Parquet needs a file.
TEXT_FORMATS = frozenset(FORMATS) - {"parquet"}

# Each format's writer, imported when used: pyarrow and friends load only for their format.
_WRITERS = {
    "jsonl": ("jsonl", "write_jsonl"),
    "csv": ("csv", "write_csv"),
    "qa-csv": ("csv", "write_qa_csv"),
    "parquet": ("parquet", "write_parquet"),
    "tei": ("tei", "write_tei"),
    "tei-text": ("tei", "write_tei_texts"),
    "oparl": ("oparl", "write_oparl"),
}

_SQLITE_MAGIC = b"SQLite format 3\x00"
_PARQUET_MAGIC = b"PAR1"


def read_letters(source: str | Path) -> Iterator[Letter]:
    """The letters of a batch folder (its ``letters.jsonl``), a JSONL file, a store (SQLite file) or a Parquet file."""
    from amtsbrief.batch import LETTERS_FILE
    from amtsbrief.export import jsonl

    path = Path(source)
    if path.is_dir():
        if not (path / LETTERS_FILE).exists():
            raise InputError(str(path), f"not a batch folder: it has no {LETTERS_FILE}")
        return jsonl.read_letters(path / LETTERS_FILE)
    if not path.is_file():
        raise InputError(str(path), "no such file or folder")
    with open(path, "rb") as stream:
        magic = stream.read(len(_SQLITE_MAGIC))
    if magic == _SQLITE_MAGIC:
        return _store_letters(path)
    if magic.startswith(_PARQUET_MAGIC):
        from amtsbrief.export.parquet import read_parquet

        return read_parquet(path)
    return jsonl.read_letters(path)


def _store_letters(path: Path) -> Iterator[Letter]:
    from amtsbrief.store import Store

    with Store(path) as store:
        yield from store.letters()


def export(letters: Iterator[Letter], fmt: str, target: str | Path | IO[str], **options: Any) -> int:
    """Write ``letters`` to ``target`` in format ``fmt`` (one of :data:`FORMATS`); return the records written.

    ``options`` go to the format's writer: ``metadata`` (a :class:`~.tei.CmifMetadata`) for TEI,
    ``base_url`` for OParl (without it no URL but the paper's own URN is written).
    """
    if fmt not in _WRITERS:
        raise InputError(None, f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    module, name = _WRITERS[fmt]
    write: Callable[..., int] = getattr(importlib.import_module(f"amtsbrief.export.{module}"), name)
    return write(letters, target, **options)


def __getattr__(name: str) -> Any:
    # Lazy: pandas takes a second to import, and only to_dataframe needs it.
    if name == "to_dataframe":
        from amtsbrief.export.dataframe import to_dataframe

        return to_dataframe
    raise AttributeError(f"module 'amtsbrief.export' has no attribute {name!r}")


__all__ = ["FORMATS", "export", "read_letters", "to_dataframe"]
