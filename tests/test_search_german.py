"""Specification of the store's search: all of a letter's text, German words in any form, ranked, with snippets."""

from __future__ import annotations

import datetime
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amtsbrief.errors import InputError
from amtsbrief.schema import Address, Answer, Letter, Question, Recipient, References, Sender, Signature, Subject
from amtsbrief.store import SCHEMA_VERSION, Store, migrate, schema_version

LETTERS = {
    "schulbus": Letter(
        kind="answer",
        sender=Sender(authority="Landratsamt Görlitz", department="Straßenverkehrsamt", address=Address(city="Görlitz")),
        recipient=Recipient(name="Ulrike Weißgerber"),
        references=References(date="2019-03-14"),
        subject=Subject(title="Anfrage zum Nahverkehr"),
        body="Die Schulbuslinie 143 fährt ab Montag nur noch zweimal am Tag.",
        signature=Signature(name="Bernd Lange", role="Landrat"),
    ),
    "elternbeitrag": Letter(
        kind="notice",
        sender=Sender(authority="Stadt Elmshorn"),
        references=References(date="2023-07-04"),
        subject=Subject(title="Festsetzung des Elternbeitrags"),
        body="Der Elternbeitrag für die Kindertagesstätte Sandberg wird neu festgesetzt. Die Straße vor der Kita wird gesperrt.",
    ),
    "schulbus-exact": Letter(
        kind="letter",
        sender=Sender(authority="Gemeinde Markersdorf"),
        references=References(date="2021-05-01"),
        subject=Subject(title="Haltestelle"),
        questions=[Question(number="1", text="Hält der Schulbus auch in Holtendorf?")],
        answers=[Answer(question_number="1", text="Ja, der Schulbus hält dort seit Mai.")],
    ),
}


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "archive.sqlite") as opened:
        for name, letter in LETTERS.items():
            opened.add(letter, sha256=name.ljust(64, "0"), path=f"{name}.txt")
        opened.commit()
        yield opened


def _found(store, query, **filters) -> list[str]:
    return [hit.path[: -len(".txt")] for hit in store.search(query, **filters)]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("zweimal", ["schulbus"]),  # a word of the body only
        ("Straßenverkehrsamt", ["schulbus"]),  # the sender's department
        ("Weißgerber", ["schulbus"]),  # the recipient
        ("Lange", ["schulbus"]),  # who signed
        ("Landrat", ["schulbus"]),  # the signer's role
        ("Holtendorf", ["schulbus-exact"]),  # a question
        ("Elternbeitrags", ["elternbeitrag"]),  # inflection: the genitive finds the nominative
        ("Elternbeiträge", ["elternbeitrag"]),  # the plural, with its umlaut
        ("Strasse", ["elternbeitrag", "schulbus"]),  # ß typed as ss; and in Straßenverkehrsamt
        ("Weissgerber", ["schulbus"]),
        ("Goerlitz", ["schulbus"]),  # ö typed as oe
        ("Gorlitz", ["schulbus"]),  # ö typed as o
        ("faehrt", ["schulbus"]),
        ("Kindertagesstätten", ["elternbeitrag"]),
        ("Sandberg Kita", ["elternbeitrag"]),  # every word must be found
        ("Sandberg Holtendorf", []),
        ("Sandberg OR Holtendorf", ["elternbeitrag", "schulbus-exact"]),
        ("Schulbus -Holtendorf", ["schulbus"]),
        ('"nur noch zweimal"', ["schulbus"]),  # a phrase
        ('"zweimal nur"', []),  # … in its order
        ("Kinderta*", ["elternbeitrag"]),  # a prefix
        ("Beitrag", ["elternbeitrag"]),  # the head of a compound finds the compound
    ],
)
def test_search_finds_german_words_in_all_of_the_text(store, query, expected):
    assert sorted(_found(store, query)) == sorted(expected)


def test_search_finds_a_compound_by_its_part_but_ranks_the_word_itself_first(store):
    # "Schulbus" is in schulbus-exact as a word, in schulbus only inside "Schulbuslinie".
    assert _found(store, "Schulbus") == ["schulbus-exact", "schulbus"]


def test_search_ranks_a_subject_word_before_a_body_word(tmp_path):
    with Store(tmp_path / "rank.sqlite") as store:
        store.add(Letter(subject=Subject(title="Hinweis"), body="Auch der Radweg wird erneuert, neben vielem anderen."), sha256="a" * 64, path="body.txt")
        store.add(Letter(subject=Subject(title="Radweg an der B 96"), body="Wir bauen."), sha256="b" * 64, path="subject.txt")
        assert [hit.path for hit in store.search("Radweg")] == ["subject.txt", "body.txt"]


def test_search_snippet_marks_the_words_found_in_their_written_form(store):
    [hit] = store.search("Elternbeitrags Sandberg")
    assert "[Elternbeitrag]" in hit.snippet and "[Sandberg]" in hit.snippet
    [hit] = store.search("Schulbus", kind="answer")
    assert "[Schulbuslinie]" in hit.snippet


@pytest.mark.parametrize("query", ["Kreistag/Wahlen", "§ 5", '"unclosed', "a OR", "OR", "(", ")", "NOT NOT x", "*", "-", "x*y", "AND AND"])
def test_search_query_punctuation_is_never_an_error(store, query):
    try:
        store.search(query)
    except InputError as error:
        assert "nothing to search for" in str(error)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_search_any_query_gives_hits_or_a_clear_error(tmp_path_factory, query):
    path = tmp_path_factory.getbasetemp() / "property.sqlite"
    with Store(path) as store:
        if not store.count():
            store.add(LETTERS["schulbus"], sha256="c" * 64)
        try:
            store.search(query)
        except InputError as error:
            assert str(error).startswith("<query>")


def test_search_of_only_excluded_words_says_what_is_missing(store):
    with pytest.raises(InputError, match="nothing to search for"):
        store.search("-Schulbus")


@pytest.mark.parametrize("value", ["2020-13-45", "2020-02-30", "14.03.2019", "2019", "yesterday"])
def test_search_refuses_a_date_that_is_no_date(store, value):
    with pytest.raises(InputError, match="not a date YYYY-MM-DD"):
        store.search("Schulbus", since=value)


def test_search_takes_dates_as_date_objects(store):
    assert _found(store, "Schulbus", until=datetime.date(2020, 1, 1)) == ["schulbus"]


@pytest.mark.parametrize("filters, message", [({"kind": "memo"}, "unknown kind"), ({"limit": -1}, "not a number")])
def test_search_refuses_bad_filters(store, filters, message):
    with pytest.raises(InputError, match=message):
        store.search("Schulbus", **filters)


def test_store_upgrades_version_2_in_place_and_indexes_the_old_letters(tmp_path):
    path = tmp_path / "v2.sqlite"
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, target=2)
    letter = LETTERS["schulbus"]
    db.execute("INSERT INTO letters (sha256, path, kind, json) VALUES (?, ?, ?, ?)", ("d" * 64, "old.txt", "answer", letter.model_dump_json()))
    db.execute("INSERT INTO letters_fts (rowid, subject, questions, answers) VALUES (1, 'Anfrage zum Nahverkehr', '', '')")
    db.close()

    with Store(path) as store:
        assert schema_version(store._db) == SCHEMA_VERSION == 3
        assert [hit.path for hit in store.search("Schulbus")] == ["old.txt"]  # body text, indexed by the migration
        tables = {name for (name,) in store._db.execute("SELECT name FROM sqlite_master")}
        assert "letters_fts" not in tables and "letters_words" in tables


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run ``amtsbrief ARGS…`` in this process; give (exit code, stdout, stderr)."""
    from amtsbrief.cli import main

    monkeypatch.setenv("COLUMNS", "200")  # the table is as wide as the terminal

    def run(*args: str) -> tuple[int, str, str]:
        try:
            code = main(list(args))
        except SystemExit as exit:  # argparse's own errors
            code = exit.code
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def test_search_cli_never_creates_a_store(tmp_path, cli):
    missing = tmp_path / "typo.sqlite"
    code, _, stderr = cli("search", "Schulbus", "--db", str(missing))
    assert code == 2
    assert stderr.strip().count("\n") == 0 and "no such store" in stderr
    assert not missing.exists()


@pytest.mark.parametrize(
    "options, message",
    [
        (["--since", "2020-13-45"], "argument --since: not a date YYYY-MM-DD: '2020-13-45' (month must be in 1..12)"),
        (["--until", "31.12.2020"], "argument --until: not a date YYYY-MM-DD: '31.12.2020'"),
        (["--limit", "-3"], "argument --limit: not a number of letters"),
        (["--limit", "zehn"], "argument --limit: not a number of letters"),
        (["--since", "2021-01-01", "--until", "2020-01-01"], "2021-01-01 is after --until 2020-01-01"),
    ],
)
def test_search_cli_checks_dates_and_numbers(store, cli, options, message):
    code, _, stderr = cli("search", "Schulbus", "--db", store.path, *options)
    assert code == 2
    assert message in stderr


def test_search_cli_prints_ranked_hits_with_snippets(store, cli):
    store.commit()
    code, stdout, _ = cli("search", "Elternbeitrags", "--db", store.path)
    assert code == 0
    assert "[Elternbeitrag]" in stdout and "Stadt Elmshorn" in stdout


def test_store_indexes_anew_when_another_stemmer_made_its_index(store):
    # Terms from another stemmer would never meet the query's: the store notices and indexes again.
    store._db.execute("UPDATE search_meta SET value = 'snowball-german 0.0' WHERE key = 'stemmer'")
    store._db.execute("INSERT INTO letters_words (letters_words) VALUES ('delete-all')")
    store.commit()
    assert store.search("Schulbus") == []
    with Store(store.path) as reopened:
        assert sorted(hit.path for hit in reopened.search("Schulbus")) == ["schulbus-exact.txt", "schulbus.txt"]
        assert reopened._db.execute("SELECT value FROM search_meta").fetchone()[0].startswith("snowball-german ")
