"""Specification of amtsbrief.store: letters stored once, found by words and filters, schema upgraded in place."""

from __future__ import annotations

import sqlite3

import pytest

from amtsbrief.errors import InputError
from amtsbrief.schema import Answer, Letter, Question, References, Sender, Signature, Subject
from amtsbrief.store import MIGRATIONS, SCHEMA_VERSION, Store, migrate, schema_version


def _letter(n: int, *, kind="answer", authority="Landratsamt Erzgebirgskreis", date="2015-09-07", title="Integration von Ausländern"):
    return Letter(
        kind=kind,
        sender=Sender(authority=authority, department="Referat Kreistag/Wahlen"),
        references=References(date=date, our_reference=f"012.16/15-{n:05d}.he"),
        subject=Subject(title=title, regarding="Ihre Frage vom 02.09.2015"),
        questions=[Question(number="1", text="Wie viele Koordinierungskräfte gibt es?"), Question(number="2", text="Was kostet das?")],
        answers=[Answer(question_number="1, 2", text="Drei Personen; die Kosten trägt der Freistaat.")],
        signature=Signature(name="F. Vogel"),
    )


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "archive.sqlite") as opened:
        opened.add(_letter(1), sha256="1" * 64, path="a.txt")
        opened.add(_letter(2, kind="notice", authority="Stadtverwaltung Musterstadt", date="2019-03-01", title="Bescheid über Kosten der Unterkunft"), sha256="2" * 64, path="b.txt")
        opened.add(_letter(3, kind="letter", authority="Bezirksamt Mitte", date="2023-11-30", title="Sanierung der Grundschule"), sha256="3" * 64, path="c.txt")
        opened.commit()
        yield opened


def test_store_keeps_a_letter_once_by_source_hash(store):
    assert store.add(_letter(9), sha256="1" * 64, path="copy-of-a.txt") is False
    assert store.count() == 3


def test_store_gives_back_the_letters_equal(store):
    assert [letter.references.our_reference for letter in store.letters()] == [
        "012.16/15-00001.he", "012.16/15-00002.he", "012.16/15-00003.he"
    ]
    assert next(store.letters()) == _letter(1)


def test_store_pairs_questions_and_answers(store):
    rows = store._db.execute("SELECT question_number, answer_number FROM qa_pairs WHERE letter_id = 1 ORDER BY position").fetchall()
    assert rows == [("1", "1, 2"), ("2", "1, 2")]  # one answer to "1, 2" pairs with both questions


@pytest.mark.parametrize(
    "query, filters, expected",
    [
        ("Kosten", {}, ["1" * 64, "2" * 64, "3" * 64]),  # every answer mentions Kosten
        ("Auslandern", {}, ["1" * 64]),  # umlauts folded: typed without them
        ("Grundschule", {}, ["3" * 64]),  # subject words
        ("Koordinierungskräfte", {}, ["1" * 64, "2" * 64, "3" * 64]),  # question words
        ("Kosten", {"sender": "musterstadt"}, ["2" * 64]),  # part of the authority, any case
        ("Kosten", {"since": "2019-01-01"}, ["2" * 64, "3" * 64]),  # date range, inclusive
        ("Kosten", {"until": "2019-03-01"}, ["1" * 64, "2" * 64]),
        ("Kosten", {"kind": "notice"}, ["2" * 64]),
        (None, {"kind": "letter"}, ["3" * 64]),  # filters alone
        ("Kreistag/Wahlen", {}, ["1" * 64, "2" * 64, "3" * 64]),  # FTS syntax by accident: its words in a row, from the department
    ],
)
def test_store_search_finds_by_words_and_filters(store, query, filters, expected):
    assert sorted(hit.sha256 for hit in store.search(query, **filters)) == expected


def test_store_search_marks_the_match(store):
    [hit] = store.search("Grundschule")
    assert "[Grundschule]" in hit.snippet and hit.letter().subject.title == "Sanierung der Grundschule"


def test_store_is_in_wal_mode(store):
    assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_upgrades_version_1_in_place(tmp_path):
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, target=1)
    letter = _letter(7)
    db.execute(
        "INSERT INTO letters (sha256, path, kind, json) VALUES (?, ?, ?, ?)", ("7" * 64, "old.txt", "answer", letter.model_dump_json())
    )
    db.close()

    with Store(path) as store:
        assert schema_version(store._db) == SCHEMA_VERSION == len(MIGRATIONS) == 3
        # The step to version 2 backfilled the signer from the JSON and added the failures table.
        assert store._db.execute("SELECT signature_name FROM letters").fetchone() == ("F. Vogel",)
        assert store.add_failure({"sha256": "8" * 64, "path": "x.pdf", "code": "input", "error": "InputError", "message": "broken"})
        assert store.failure_keys() == {("8" * 64, "x.pdf")}
        # The step to version 3 indexed the letter that version 1 held without any index row.
        assert [hit.sha256 for hit in store.search("Koordinierungskraft")] == ["7" * 64]


def test_store_refuses_a_newer_schema(tmp_path):
    path = tmp_path / "future.sqlite"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(InputError, match="newer than this amtsbrief"):
        Store(path)


def test_store_refuses_a_file_that_is_no_database(tmp_path):
    path = tmp_path / "letters.sqlite"
    path.write_text("not a database, just text " * 100)
    with pytest.raises(InputError, match="not an amtsbrief store"):
        Store(path)


def test_store_rows_prepared_in_a_batch_worker_equal_those_add_writes(tmp_path):
    # A batch's workers prepare the rows (store.prepare) and the parent inserts many at once: the
    # store must come out as Store.add, letter by letter, makes it.
    import json

    from amtsbrief.batch import run_batch

    from batch_corpus import write_corpus

    corpus = write_corpus(tmp_path / "in", 24, broken_share=0.1)
    run_batch([corpus.folder], out=tmp_path / "out", db=tmp_path / "batch.sqlite", jobs=2)
    with Store(tmp_path / "one-by-one.sqlite") as one_by_one:
        for line in (tmp_path / "out/letters.jsonl").read_text(encoding="utf-8").splitlines():
            letter = Letter.model_validate_json(line)
            assert one_by_one.add(letter, sha256=json.loads(line)["source"]["sha256"], path=letter.source.path)

    def contents(store: Store) -> tuple:
        letters = store._db.execute("SELECT * FROM letters ORDER BY sha256").fetchall()
        pairs = store._db.execute("SELECT l.sha256, q.position, q.question_number, q.question, q.answer_number, q.answer "
                                  "FROM qa_pairs q JOIN letters l ON l.id = q.letter_id ORDER BY 1, 2").fetchall()
        terms = {term for (term,) in store._db.execute("SELECT term FROM search_terms")}
        hits = {query: sorted(hit.sha256 for hit in store.search(query, limit=None))
                for query in ("Kosten", "Radweg", "Bescheid", "Schule", "Musterstadt")}
        without_id_and_time = [row[1:18] for row in letters]  # the id and imported_at (last) may differ
        return without_id_and_time, pairs, terms, hits, len(list(store.failures()))

    with Store(tmp_path / "batch.sqlite") as from_batch, Store(tmp_path / "one-by-one.sqlite") as one_by_one:
        batch_contents, added_contents = contents(from_batch), contents(one_by_one)
    assert batch_contents[:4] == added_contents[:4]
    assert len(batch_contents[0]) == 22 and batch_contents[4] == 2  # 22 letters and the 2 broken files
    assert all(batch_contents[3].values())  # the queries find letters: the comparison is not empty-handed
