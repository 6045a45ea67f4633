"""Specification of amtsbrief.export: JSONL round trips, CSV and Parquet shapes, the DataFrame."""

from __future__ import annotations

import csv
import io
import json

import pytest

from amtsbrief.batch import run_batch
from amtsbrief.export import export, read_letters, to_dataframe
from amtsbrief.export.flatten import QA_COLUMNS, columns, qa_pairs
from amtsbrief.export.jsonl import read_letters as read_jsonl
from amtsbrief.schema import Answer, Letter, Question
from amtsbrief.store import Store

from batch_corpus import write_corpus


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """A batch folder and a store of the same 30 generated letters (one file broken)."""
    folder = tmp_path_factory.mktemp("export")
    corpus = write_corpus(folder / "in", 31, broken_share=0.03)
    run_batch([corpus.folder], out=folder / "out", db=folder / "archive.sqlite", jobs=2)
    return folder


def _originals(batch) -> list[Letter]:
    return [Letter.model_validate_json(line) for line in (batch / "out/letters.jsonl").read_text(encoding="utf-8").splitlines()]


def test_export_jsonl_round_trip_gives_equal_letters(batch, tmp_path):
    originals = _originals(batch)
    assert len(originals) == 30
    assert export(read_letters(batch / "out"), "jsonl", tmp_path / "letters.jsonl") == 30
    assert list(read_jsonl(tmp_path / "letters.jsonl")) == originals


def test_export_from_the_store_gives_the_same_letters(batch):
    by_hash = lambda letters: sorted(letters, key=lambda letter: letter.source.sha256)  # noqa: E731
    assert by_hash(read_letters(batch / "archive.sqlite")) == by_hash(_originals(batch))


def test_export_csv_has_one_row_per_letter_and_the_schema_columns(batch, tmp_path):
    assert export(read_letters(batch / "out"), "csv", tmp_path / "letters.csv") == 30
    with open(tmp_path / "letters.csv", encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        rows = list(reader)
    assert tuple(reader.fieldnames) == columns()
    assert len(rows) == 30
    assert {"kind", "sender.authority", "references.date", "subject.title", "source.sha256"} <= set(reader.fieldnames)
    assert "spans" not in reader.fieldnames and "source.text" not in reader.fieldnames
    originals = {letter.source.sha256: letter for letter in _originals(batch)}
    for row in rows:
        letter = originals[row["source.sha256"]]
        assert row["sender.authority"] == (letter.sender.authority or "")
        assert json.loads(row["questions"]) == [q.model_dump() for q in letter.questions]


def test_export_qa_csv_has_one_row_per_pair(batch):
    stream = io.StringIO()
    count = export(read_letters(batch / "out"), "qa-csv", stream)
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert len(rows) == count == sum(len(qa_pairs(letter)) for letter in _originals(batch))
    assert tuple(rows[0]) == QA_COLUMNS


def test_export_parquet_reads_back_with_pyarrow(batch, tmp_path):
    parquet = pytest.importorskip("pyarrow.parquet")
    from amtsbrief.export.parquet import arrow_schema

    assert export(read_letters(batch / "out"), "parquet", tmp_path / "letters.parquet") == 30
    table = parquet.read_table(tmp_path / "letters.parquet")
    assert table.num_rows == 30
    assert table.schema.equals(arrow_schema())
    assert sorted(table.column("source.sha256").to_pylist()) == sorted(l.source.sha256 for l in _originals(batch))


def test_export_parquet_of_no_letters_still_has_the_columns(tmp_path):
    parquet = pytest.importorskip("pyarrow.parquet")
    from amtsbrief.export.parquet import arrow_schema

    assert export(iter([]), "parquet", tmp_path / "empty.parquet") == 0
    assert parquet.read_table(tmp_path / "empty.parquet").schema.equals(arrow_schema())


def test_export_to_dataframe_has_flat_columns(batch):
    frame = to_dataframe(read_letters(batch / "out"))
    assert frame.shape == (30, len(columns()))
    assert list(frame.columns) == list(columns())
    assert str(frame["source.pages"].dtype) == "Int64"


@pytest.mark.parametrize(
    "questions, answers, expected",
    [
        # numbered: paired by number, whatever the order of the answers
        ([("1", "A?"), ("2", "B?")], [("2", "b."), ("1", "a.")], [("1", "A?", "a."), ("2", "B?", "b.")]),
        # one answer to two questions pairs with both
        ([("1", "A?"), ("2", "B?")], [("1, 2", "ab.")], [("1", "A?", "ab."), ("2", "B?", "ab.")]),
        # unnumbered: in order
        ([(None, "A?")], [(None, "a.")], [(None, "A?", "a.")]),
        # an unanswered question and an answer to no stated question each keep a row
        ([("1", "A?")], [("3", "c.")], [("1", "A?", None), (None, None, "c.")]),
    ],
)
def test_export_qa_pairs_follow_the_contract(questions, answers, expected):
    letter = Letter(
        questions=[Question(number=n, text=t) for n, t in questions],
        answers=[Answer(question_number=n, text=t) for n, t in answers],
    )
    assert [(p.question_number, p.question, p.answer) for p in qa_pairs(letter)] == expected


def test_export_reads_a_batch_folder_a_jsonl_file_and_a_store(batch):
    assert len(list(read_letters(batch / "out"))) == len(list(read_letters(batch / "out/letters.jsonl"))) == 30
    with Store(batch / "archive.sqlite") as store:
        assert store.count() == 30
