"""Parquet: every field of a ``Letter`` in a typed column, and back again.

The Arrow schema is derived from the Pydantic models, so it follows them as they grow:

- a nested model that is always there (``sender``, ``sender.address``, ``references`` …) becomes
  dotted columns, as in the CSV export (``sender.address.city``);
- a model that may be missing (``recipient.address``) is one nullable ``struct`` column, so "no
  address" and "an address with nothing known" stay apart;
- a list of models (``questions``, ``answers``, ``footer.office_hours``, ``footer.bank_accounts``,
  ``warnings``) is a ``list<struct>``, a list of text (``copies_to``) a ``list<string>``;
- dates (``references.date``, ``inquiry.date``) are ``date32``, whole numbers ``int64``, every
  other value ``string`` (the contract's closed sets, such as ``kind``, included);
- ``spans`` (a map from path to ``[start, end]`` or ``[start, end, page, box]``) is a
  ``list<struct<path, start, end, page, box>>``; ``source.text`` is kept, so a file read back gives
  the same letters (:func:`read_parquet`).

Rows are gathered :data:`ROWS_PER_GROUP` at a time and written as one row group each, so memory
holds one group, not the batch. Only pyarrow is needed (the ``parquet`` extra), no pandas, no Dask.
"""

from __future__ import annotations

import datetime
import types
import typing
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

from pydantic import BaseModel

from amtsbrief.errors import DependencyError, InputError
from amtsbrief.schema import Letter

ROWS_PER_GROUP = 1000
SPANS = "spans"


def _pyarrow():
    try:
        import pyarrow  # type: ignore[import-untyped]
        import pyarrow.parquet  # type: ignore[import-untyped]
    except ImportError:
        raise DependencyError(None, "Parquet export needs pyarrow: pip install 'amtsbrief[parquet]'") from None
    return pyarrow


def _without_none(annotation) -> tuple[Any, bool]:
    """``(inner, optional)`` of ``X | None``; other annotations unchanged."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


def _is_date(annotation) -> bool:
    # A date is ``datetime.date`` or the schema's ``IsoDate`` (an annotated ``str`` in older versions).
    from amtsbrief import schema

    if annotation is datetime.date:
        return True
    if typing.get_origin(annotation) is typing.Annotated:
        return annotation == getattr(schema, "IsoDate", None) or _is_date(typing.get_args(annotation)[0])
    return False


def _is_model(annotation) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _arrow_type(annotation):
    """The Arrow type of a value annotated ``annotation`` (``None`` allowed everywhere)."""
    pa = _pyarrow()
    annotation, _ = _without_none(annotation)
    if _is_date(annotation):
        return pa.date32()
    if _is_model(annotation):
        return pa.struct([(name, _arrow_type(field.annotation)) for name, field in annotation.model_fields.items()])
    origin = typing.get_origin(annotation)
    if origin is list:
        return pa.list_(_arrow_type(typing.get_args(annotation)[0]))
    if annotation is bool:
        return pa.bool_()
    if annotation is int:
        return pa.int64()
    if annotation is float:
        return pa.float64()
    return pa.string()  # str, Literal and the constrained strings (phone numbers, IBANs …)


def _span_type():
    pa = _pyarrow()
    return pa.list_(pa.struct([("path", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
                               ("page", pa.int32()), ("box", pa.list_(pa.float64()))]))


def _fields_of(model: type[BaseModel], prefix: str = "") -> list[tuple[str, Any]]:
    fields: list[tuple[str, Any]] = []
    for name, field in model.model_fields.items():
        dotted = prefix + name
        inner, optional = _without_none(field.annotation)
        if dotted == SPANS:
            fields.append((dotted, _span_type()))
        elif _is_model(inner) and not optional:
            fields.extend(_fields_of(inner, dotted + "."))
        else:
            fields.append((dotted, _arrow_type(field.annotation)))
    return fields


@lru_cache(maxsize=1)
def arrow_schema():
    """The Arrow schema of a letter: dotted columns in schema order, typed as the module says."""
    pa = _pyarrow()
    return pa.schema(_fields_of(Letter))


# -- writing -----------------------------------------------------------------------------------------


def _to_arrow(value: Any, arrow_type) -> Any:
    """A JSON value as pyarrow wants it for ``arrow_type``: ISO dates as ``date``, structs and lists within."""
    pa = _pyarrow()
    if value is None:
        return None
    if pa.types.is_date32(arrow_type):
        return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)
    if pa.types.is_struct(arrow_type):
        return {field.name: _to_arrow(value.get(field.name), field.type) for field in arrow_type}
    if pa.types.is_list(arrow_type):
        return [_to_arrow(item, arrow_type.value_type) for item in value]
    return value


def _span_rows(spans: dict) -> list[dict]:
    rows = []
    for path, span in spans.items():
        page, box = (span[2], list(span[3])) if len(span) > 2 else (None, None)
        rows.append({"path": path, "start": span[0], "end": span[1], "page": page, "box": box})
    return rows


def row(letter: Letter) -> dict[str, Any]:
    """One letter as a row of :func:`arrow_schema`."""
    data = letter.model_dump(mode="json")
    result: dict[str, Any] = {}
    for field in arrow_schema():
        value: Any = data
        for part in field.name.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        result[field.name] = _span_rows(value or {}) if field.name == SPANS else _to_arrow(value, field.type)
    return result


def write_parquet(letters: Iterable[Letter], target: str | Path) -> int:
    """Write ``letters`` as a Parquet file; return the rows written."""
    pa = _pyarrow()
    schema = arrow_schema()
    count = 0
    with pa.parquet.ParquetWriter(str(target), schema, compression="zstd") as writer:
        rows: list[dict] = []
        for letter in letters:
            rows.append(row(letter))
            if len(rows) >= ROWS_PER_GROUP:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                count += len(rows)
                rows = []
        # Written even when empty, so a batch without letters still gives a file with the columns.
        writer.write_table(pa.Table.from_pylist(rows, schema=schema))
        count += len(rows)
    return count


# -- reading -----------------------------------------------------------------------------------------


def _from_arrow(value: Any) -> Any:
    # Dates back to ISO text: the model takes that whether it holds dates or strings.
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _from_arrow(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_from_arrow(item) for item in value]
    return value


def letter_of(record: dict[str, Any]) -> Letter:
    """The letter a row of :func:`arrow_schema` holds."""
    data: dict[str, Any] = {}
    for name, value in record.items():
        if name == SPANS:
            value = {
                span["path"]: [span["start"], span["end"]] + ([span["page"], span["box"]] if span["page"] is not None else [])
                for span in value or []
            }
        *parents, leaf = name.split(".")
        target = data
        for part in parents:
            target = target.setdefault(part, {})
        target[leaf] = _from_arrow(value)
    # A list column read as null (a file written by hand) means an empty list to the model.
    return Letter.model_validate(_drop_null_lists(data))


def _drop_null_lists(data: dict) -> dict:
    return {key: _drop_null_lists(value) if isinstance(value, dict) else value for key, value in data.items()
            if value is not None or key not in _LIST_FIELDS}


_LIST_FIELDS = frozenset({"copies_to", "questions", "answers", "office_hours", "bank_accounts", "warnings", SPANS})


def read_parquet(path: str | Path) -> Iterator[Letter]:
    """Every letter of a Parquet file written by :func:`write_parquet`, one row group at a time."""
    pa = _pyarrow()
    try:
        parquet_file = pa.parquet.ParquetFile(str(path))
    except (OSError, pa.ArrowInvalid) as error:
        raise InputError(str(path), f"not a Parquet file: {error}") from None
    missing = set(arrow_schema().names) - set(parquet_file.schema_arrow.names)
    if missing:
        raise InputError(str(path), f"not a letters Parquet file: no column {sorted(missing)[0]!r}")
    for batch in parquet_file.iter_batches(columns=arrow_schema().names):
        for record in batch.to_pylist():
            yield letter_of(record)
