"""Specification of the Parquet export: typed columns, and a round trip that gives the same letters."""

from __future__ import annotations

import hashlib
import json

import pytest

from amtsbrief.errors import InputError
from amtsbrief.export import export, read_letters
from amtsbrief.schema import Letter, Source

pa = pytest.importorskip("pyarrow")
parquet = pytest.importorskip("pyarrow.parquet")

from amtsbrief.export.parquet import arrow_schema, read_parquet, write_parquet  # noqa: E402


@pytest.fixture(scope="module")
def letters(corpus_dir, repo_dir) -> list[Letter]:
    """Every gold letter of the corpus, three parsed ones (spans, source text; one PDF with page boxes),
    and a letter that knows nothing."""
    import amtsbrief

    found = []
    for gold in sorted(corpus_dir.glob("*/*.gold.json")):
        data = {key: value for key, value in json.loads(gold.read_text(encoding="utf-8")).items() if not key.startswith("_")}
        letter = Letter.model_validate(data)
        letter.source = Source(path=str(gold), sha256=hashlib.sha256(gold.read_bytes()).hexdigest())
        found.append(letter)
    parsed = [
        amtsbrief.parse_file(repo_dir / "tests/pdfs/din-letter-natural.pdf"),
        amtsbrief.parse_file(sorted(corpus_dir.glob("dev/*.txt"))[0]),
        amtsbrief.parse_file(sorted(corpus_dir.glob("dev/*.eml"))[0]),
    ]
    assert any(len(span) == 4 for span in parsed[0].spans.values())  # the PDF's spans carry page and box
    return found + parsed + [Letter()]


@pytest.mark.parametrize(
    "column, arrow_type",
    [
        ("references.date", "date32[day]"),  # dates are dates
        ("inquiry.date", "date32[day]"),
        ("source.pages", "int64"),
        ("kind", "string"),
        ("questions", "list<item: struct<number: string, text: string>>"),  # nested, not JSON text
        ("answers", "list<item: struct<question_number: string, text: string>>"),
        ("footer.office_hours", "list<item: struct<day: string, opens: string, closes: string>>"),
        ("footer.bank_accounts",
         "list<item: struct<bank: string, iban: string, bic: string, bank_code: string, account_number: string>>"),
        ("copies_to", "list<item: string>"),
        ("recipient.address", "struct<street: string, postal_code: string, city: string>"),  # may be missing as a whole
        ("warnings", "list<item: struct<code: string, message: string, path: string>>"),
    ],
)
def test_export_parquet_columns_are_typed(column, arrow_type):
    assert str(arrow_schema().field(column).type) == arrow_type


def test_export_parquet_has_a_column_for_every_field():
    names = arrow_schema().names
    assert "sender.address.city" in names and "spans" in names and "source.text" in names
    assert len(names) == len(set(names))


def test_export_parquet_round_trip_gives_the_same_letters(letters, tmp_path):
    path = tmp_path / "letters.parquet"
    assert write_parquet(letters, path) == len(letters)
    again = list(read_parquet(path))
    assert again == letters  # every field, spans and source text included
    assert [letter.model_dump(mode="json") for letter in again] == [letter.model_dump(mode="json") for letter in letters]
    assert parquet.read_table(path).schema.equals(arrow_schema())


def test_export_parquet_round_trip_keeps_each_value_type(letters, tmp_path):
    path = tmp_path / "letters.parquet"
    write_parquet(letters, path)
    for original, again in zip(letters, read_parquet(path)):
        for name in ("references", "inquiry", "footer", "recipient", "source"):
            for key, value in getattr(original, name):
                assert type(getattr(getattr(again, name), key)) is type(value), (name, key)


def test_export_parquet_dates_read_as_dates(letters, tmp_path):
    import datetime

    path = tmp_path / "letters.parquet"
    write_parquet(letters, path)
    dates = parquet.read_table(path, columns=["references.date"]).column(0).to_pylist()
    assert any(dates) and all(date is None or isinstance(date, datetime.date) for date in dates)


def test_export_parquet_files_are_a_source_for_the_other_exports(letters, tmp_path):
    write_parquet(letters, tmp_path / "letters.parquet")
    assert export(read_letters(tmp_path / "letters.parquet"), "jsonl", tmp_path / "letters.jsonl") == len(letters)


def test_export_parquet_refuses_a_parquet_file_of_something_else(tmp_path):
    parquet.write_table(pa.table({"x": [1, 2]}), tmp_path / "other.parquet")
    with pytest.raises(InputError, match="not a letters Parquet file"):
        list(read_parquet(tmp_path / "other.parquet"))
