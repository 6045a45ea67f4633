"""The archive: an embedded SQLite database of parsed letters, searchable in full text.

Each letter is kept whole (its contract JSON, so nothing is ever lost to the flat tables) next to
the columns researchers filter on — kind, sender, recipient, dates, references, subject — and its
questions paired with their answers (``qa_pairs``). An FTS5 index covers subject, questions and
answers. The source's SHA-256 is unique: a letter imported twice is stored once.

The schema is versioned with ``PRAGMA user_version`` and upgraded in place when a store is opened:
:data:`MIGRATIONS` holds one function per version step, each run in its own transaction.

>>> from amtsbrief.schema import Letter, Subject
>>> with Store(":memory:") as store:
...     store.add(Letter(kind="answer", subject=Subject(title="Integration von Ausländern")), sha256="ab" * 32)
...     [hit.subject for hit in store.search("auslandern")]
True
['Integration von Ausländern']
"""

from __future__ import annotations

import datetime
import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from amtsbrief.errors import InputError
from amtsbrief.export.flatten import qa_pairs
from amtsbrief.schema import Letter

# How many writes share one transaction: WAL commits are cheap but not free, and a killed batch
# only redoes this many letters (the source hash keeps them from being stored twice).
COMMIT_EVERY = 64


def _create_v1(db: sqlite3.Connection) -> None:
    """Version 1: letters with flat columns, question–answer pairs, full-text index."""
    statements = [
        """
        CREATE TABLE letters (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            path TEXT,
            kind TEXT NOT NULL,
            sender_authority TEXT,
            sender_department TEXT,
            recipient_name TEXT,
            recipient_organization TEXT,
            date TEXT,
            inquiry_date TEXT,
            inquiry_reference TEXT,
            inquiry_asked_by TEXT,
            your_reference TEXT,
            our_reference TEXT,
            subject_title TEXT,
            subject_regarding TEXT,
            json TEXT NOT NULL
        )
        """,
        "CREATE INDEX letters_by_date ON letters(date)",
        "CREATE INDEX letters_by_sender ON letters(sender_authority)",
        "CREATE INDEX letters_by_kind ON letters(kind)",
        """
        CREATE TABLE qa_pairs (
            letter_id INTEGER NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            question_number TEXT,
            question TEXT,
            answer_number TEXT,
            answer TEXT,
            PRIMARY KEY (letter_id, position)
        )
        """,
        # remove_diacritics: a search for "auslandern" finds "Ausländern", as users type without umlauts.
        "CREATE VIRTUAL TABLE letters_fts USING fts5("
        "subject, questions, answers, tokenize = 'unicode61 remove_diacritics 2')",
    ]
    # Not executescript(): it commits first, and each migration step must be one transaction.
    for statement in statements:
        db.execute(statement)


def _signature_and_failures_v2(db: sqlite3.Connection) -> None:
    """Version 2: who signed (a frequent filter) and failed files, so a store alone can resume a batch."""
    db.execute("ALTER TABLE letters ADD COLUMN signature_name TEXT")
    db.execute("ALTER TABLE letters ADD COLUMN imported_at TEXT")
    # Backfill from the JSON every letter already keeps: the reason the whole JSON is stored.
    db.execute("UPDATE letters SET signature_name = json_extract(json, '$.signature.name')")
    db.execute(
        """
        CREATE TABLE failures (
            sha256 TEXT NOT NULL,
            path TEXT NOT NULL,
            code TEXT NOT NULL,
            error TEXT,
            message TEXT,
            recorded_at TEXT,
            PRIMARY KEY (sha256, path)
        )
        """
    )


# One step per version: MIGRATIONS[n - 1] upgrades a store from version n - 1 to n.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_create_v1, _signature_and_failures_v2)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(db: sqlite3.Connection) -> int:
    """The version a database's schema is at (0 for a new, empty one)."""
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite3.Connection, target: int = SCHEMA_VERSION, *, name: str = "store") -> int:
    """Upgrade ``db`` in place to ``target``, one transaction per step; return the version reached."""
    current = schema_version(db)
    if current > SCHEMA_VERSION:
        raise InputError(name, f"schema version {current} is newer than this amtsbrief ({SCHEMA_VERSION}); upgrade amtsbrief")
    for version in range(current + 1, target + 1):
        db.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version - 1](db)
            db.execute(f"PRAGMA user_version = {version}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    return schema_version(db)


def _iso(value) -> str | None:
    # dates are datetime.date in Python, ISO text in the database (sqlite3's own adapter is deprecated)
    return value.isoformat() if value is not None else None


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One letter found by :meth:`Store.search`; ``snippet`` marks the matching words with [ ]."""

    sha256: str
    path: str | None
    date: str | None
    kind: str
    sender: str | None
    subject: str | None
    snippet: str | None
    letter_json: str

    def letter(self) -> Letter:
        """The whole letter."""
        return Letter.model_validate_json(self.letter_json)


class Store:
    """A SQLite archive of letters (WAL mode, so a reader can search while a batch writes).

    Writes are grouped in transactions of :data:`COMMIT_EVERY`; call :meth:`commit` or close the
    store (it is a context manager) to make the last group durable.
    """

    def __init__(self, path: str | Path, *, commit_every: int = COMMIT_EVERY):
        self.path = str(path)
        try:
            # isolation_level=None: we open and close transactions ourselves, DDL included.
            self._db = sqlite3.connect(self.path, isolation_level=None)
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute("PRAGMA foreign_keys = ON")
            migrate(self._db, name=self.path)
        except sqlite3.DatabaseError as error:
            raise InputError(self.path, f"not an amtsbrief store: {error}") from None
        self._commit_every = commit_every
        self._pending = 0

    # -- writing ---------------------------------------------------------------------------------

    def _begin(self) -> None:
        if not self._db.in_transaction:
            self._db.execute("BEGIN IMMEDIATE")

    def _written(self) -> None:
        self._pending += 1
        if self._pending >= self._commit_every:
            self.commit()

    def add(self, letter: Letter, *, sha256: str | None = None, path: str | None = None) -> bool:
        """Store ``letter``; return False when a letter with the same source hash is already stored.

        ``sha256`` and ``path`` default to ``letter.source``; a letter with neither hash is keyed by
        the hash of its JSON, so it can still be stored once.
        """
        sha256 = sha256 or letter.source.sha256
        path = path or letter.source.path
        letter_json = letter.model_dump_json()
        if not sha256:
            sha256 = hashlib.sha256(letter_json.encode("utf-8")).hexdigest()
        self._begin()
        cursor = self._db.execute(
            """
            INSERT OR IGNORE INTO letters (
                sha256, path, kind, sender_authority, sender_department, recipient_name,
                recipient_organization, date, inquiry_date, inquiry_reference, inquiry_asked_by,
                your_reference, our_reference, subject_title, subject_regarding, signature_name,
                imported_at, json
            ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            (
                sha256, path, letter.kind, letter.sender.authority, letter.sender.department,
                letter.recipient.name, letter.recipient.organization, _iso(letter.references.date),
                _iso(letter.inquiry.date), letter.inquiry.reference, letter.inquiry.asked_by,
                letter.references.your_reference, letter.references.our_reference,
                letter.subject.title, letter.subject.regarding, letter.signature.name, _now(), letter_json,
            ),
        )
        if cursor.rowcount == 0:
            return False
        letter_id = cursor.lastrowid
        pairs = qa_pairs(letter)
        self._db.executemany(
            "INSERT INTO qa_pairs VALUES (?, ?, ?, ?, ?, ?)",
            [(letter_id, p.position, p.question_number, p.question, p.answer_number, p.answer) for p in pairs],
        )
        subject = " ".join(part for part in (letter.subject.title, letter.subject.regarding) if part)
        self._db.execute(
            "INSERT INTO letters_fts (rowid, subject, questions, answers) VALUES (?, ?, ?, ?)",
            (
                letter_id,
                subject,
                "\n\n".join(question.text for question in letter.questions),
                "\n\n".join(answer.text for answer in letter.answers),
            ),
        )
        self._written()
        return True

    def add_failure(self, failure: dict) -> bool:
        """Record a file that could not be parsed (keys: sha256, path, code, error, message)."""
        self._begin()
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO failures VALUES (?, ?, ?, ?, ?, ?)",
            (failure["sha256"], failure.get("path"), failure["code"], failure.get("error"), failure.get("message"), _now()),
        )
        self._written()
        return cursor.rowcount > 0

    def commit(self) -> None:
        """Make every write so far durable."""
        if self._db.in_transaction:
            self._db.execute("COMMIT")
        self._pending = 0

    def close(self) -> None:
        """Commit and close."""
        try:
            self.commit()
        finally:
            self._db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------------------

    def letter_hashes(self) -> set[str]:
        """Source hashes of the stored letters: what a resumed batch skips."""
        return {sha256 for (sha256,) in self._db.execute("SELECT sha256 FROM letters")}

    def failure_keys(self) -> set[tuple[str, str]]:
        """(hash, path) of every recorded failure: a failed file is skipped by a resumed batch too."""
        return set(self._db.execute("SELECT sha256, path FROM failures"))

    def count(self) -> int:
        """How many letters are stored."""
        return self._db.execute("SELECT count(*) FROM letters").fetchone()[0]

    def letters(self) -> Iterator[Letter]:
        """Every stored letter, in the order they were imported, read one at a time."""
        cursor = self._db.execute("SELECT json FROM letters ORDER BY id")
        while rows := cursor.fetchmany(256):
            for (letter_json,) in rows:
                yield Letter.model_validate_json(letter_json)

    def failures(self) -> Iterator[dict]:
        """Every recorded failure, as the batch's ``failures.jsonl`` writes them."""
        cursor = self._db.execute("SELECT sha256, path, code, error, message FROM failures ORDER BY rowid")
        for sha256, path, code, error, message in cursor:
            yield {"path": path, "sha256": sha256, "code": code, "error": error, "message": message}

    def search(
        self,
        query: str | None = None,
        *,
        sender: str | None = None,
        since: str | None = None,
        until: str | None = None,
        kind: str | None = None,
        limit: int | None = 50,
        _phrased: bool = False,
    ) -> list[SearchHit]:
        """Letters matching a full-text ``query`` (FTS5 syntax; plain words work) and the filters.

        ``sender`` matches part of the authority or department, ``since``/``until`` bound the
        letter's date (ISO, inclusive), ``kind`` is one of the contract's kinds. With a query the
        best matches come first, without one the newest letters.
        """
        clauses: list[str] = []
        params: list[object] = []
        if query:
            source = "letters AS l JOIN letters_fts ON letters_fts.rowid = l.id"
            clauses.append("letters_fts MATCH ?")
            params.append(query)
            snippet = "snippet(letters_fts, -1, '[', ']', '…', 12)"
            order = "bm25(letters_fts)"
        else:
            source, snippet, order = "letters AS l", "NULL", "l.date DESC, l.id"
        if sender:
            clauses.append("(l.sender_authority LIKE ? OR l.sender_department LIKE ?)")
            params += [f"%{sender}%", f"%{sender}%"]
        if since:
            clauses.append("l.date >= ?")
            params.append(since)
        if until:
            clauses.append("l.date <= ?")
            params.append(until)
        if kind:
            clauses.append("l.kind = ?")
            params.append(kind)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = (
            f"SELECT l.sha256, l.path, l.date, l.kind, l.sender_authority, l.subject_title, {snippet}, l.json "
            f"FROM {source} {where} ORDER BY {order}"
        )
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        try:
            rows = self._db.execute(sql, params).fetchall()
        except sqlite3.OperationalError as error:
            if not query or _phrased:
                raise InputError("<query>", f"cannot search for {query!r}: {error}") from None
            # Why retry quoted: a user's "Kreistag/Wahlen" or "§ 5" is FTS5 syntax by accident.
            return self.search(
                _as_phrases(query), sender=sender, since=since, until=until, kind=kind, limit=limit, _phrased=True
            )
        return [SearchHit(*row) for row in rows]


def _as_phrases(query: str) -> str:
    """Each word of ``query`` as a quoted FTS5 phrase, so punctuation loses its syntax meaning."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in query.split())
