"""The archive: an embedded SQLite database of parsed letters, searchable in full text.

Each letter is kept whole (its contract JSON, so nothing is ever lost to the flat tables) next to
the columns researchers filter on — kind, sender, recipient, dates, references, subject — and its
questions paired with their answers (``qa_pairs``). The source's SHA-256 is unique: a letter
imported twice is stored once.

All of a letter's text is searchable (:data:`INDEX_COLUMNS`): an FTS5 word index holds the German
stems of its words (:mod:`amtsbrief.searchterms`: case, ß/ss and umlauts folded, inflection
removed), and a trigram index over the vocabulary of stems finds the compounds a word is part of
(``Schulbus`` → ``Schulbuslinie``). Hits are ranked by BM25, a letter with the words themselves
before one that has them only inside compounds, and each comes with a snippet.

The schema is versioned with ``PRAGMA user_version`` and upgraded in place when a store is opened:
:data:`MIGRATIONS` holds one function per version step, each run in its own transaction.

>>> from amtsbrief.schema import Letter, Subject
>>> with Store(":memory:") as store:
...     store.add(Letter(kind="answer", subject=Subject(title="Integration von Ausländern")), sha256="ab" * 32)
...     [hit.snippet for hit in store.search("auslaendern")]
True
['Integration von [Ausländern]']
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from amtsbrief import searchterms
from amtsbrief.errors import InputError

if TYPE_CHECKING:  # the models load with the first letter, so that `amtsbrief search --help` starts fast
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


def _texts(data: dict) -> dict[str, str]:
    """A letter's text (its contract JSON) per index column."""

    def joined(*values) -> str:
        return "\n\n".join(str(value) for value in values if value)

    def address(value: dict | None) -> list:
        return [value.get("street"), value.get("postal_code"), value.get("city")] if value else []

    sender, recipient, contact = data.get("sender") or {}, data.get("recipient") or {}, data.get("contact") or {}
    references, inquiry, footer = data.get("references") or {}, data.get("inquiry") or {}, data.get("footer") or {}
    subject, signature = data.get("subject") or {}, data.get("signature") or {}
    return {
        "subject": joined(subject.get("title"), subject.get("regarding")),
        "body": joined(data.get("salutation"), data.get("body"), data.get("closing")),
        "questions": joined(*(question.get("text") for question in data.get("questions") or [])),
        "answers": joined(*(answer.get("text") for answer in data.get("answers") or [])),
        "sender": joined(sender.get("authority"), sender.get("department"), *address(sender.get("address"))),
        "recipient": joined(recipient.get("salutation"), recipient.get("title"), recipient.get("name"),
                            recipient.get("organization"), *address(recipient.get("address"))),
        "signature": joined(signature.get("name"), signature.get("role")),
        "other": joined(
            data.get("delivery"), *(data.get("copies_to") or []), contact.get("handler"), contact.get("building"),
            contact.get("room"), contact.get("email"), references.get("your_reference"), references.get("your_message"),
            references.get("our_reference"), inquiry.get("reference"), inquiry.get("asked_by"), inquiry.get("group"),
            footer.get("office_hours_note"), footer.get("email"), footer.get("website"),
            *(account.get("bank") for account in footer.get("bank_accounts") or []),
        ),
    }


# The word index's columns, and their BM25 weights: a word in the subject says most about a letter.
INDEX_COLUMNS = {"subject": 4.0, "body": 1.0, "questions": 2.0, "answers": 2.0, "sender": 2.0, "recipient": 2.0,
                 "signature": 2.0, "other": 1.0}
# Where a snippet is taken from, first choice first: the running text says most about a match.
SNIPPET_COLUMNS = ("body", "answers", "questions", "subject", "sender", "recipient", "signature", "other")
# A word found inside many compounds ("amt") is searched with at most this many of them, the shortest.
MAX_COMPOUNDS = 64


def _stems(data: dict) -> tuple[tuple[str, ...], set[str]]:
    """A letter's (its contract JSON's) row of the word index, stems per :data:`INDEX_COLUMNS`, and its vocabulary."""
    stemmed = {column: searchterms.terms(text) for column, text in _texts(data).items()}
    return (tuple(" ".join(stemmed[column]) for column in INDEX_COLUMNS),
            {term for column_terms in stemmed.values() for term in column_terms})


_INSERT_WORDS = (f"INSERT INTO letters_words (rowid, {', '.join(INDEX_COLUMNS)}) "
                 f"VALUES (?{', ?' * len(INDEX_COLUMNS)})")


def _add_terms(db: sqlite3.Connection, vocabulary: set[str], known: set[str] | None = None) -> None:
    """Put the stems of ``vocabulary`` that ``known`` (the vocabulary as far as the caller has seen
    it, which grows here) lacks into the vocabulary and its trigram index. ``known`` saves asking
    the database about every word of every letter: most words are known after a few hundred letters."""
    new = sorted(vocabulary - known) if known is not None else sorted(vocabulary)
    if not new:
        return
    (last,) = db.execute("SELECT coalesce(max(id), 0) FROM search_terms").fetchone()
    db.executemany("INSERT OR IGNORE INTO search_terms (term) VALUES (?)", [(term,) for term in new])
    db.execute("INSERT INTO search_terms_trigram (rowid, term) SELECT id, term FROM search_terms WHERE id > ?", (last,))
    if known is not None:
        known.update(new)


def _index(db: sqlite3.Connection, letter_id: int, data: dict, known: set[str] | None = None) -> None:
    """Put a letter (its contract JSON) into the word index, and its new stems into the vocabulary."""
    words, vocabulary = _stems(data)
    db.execute(_INSERT_WORDS, (letter_id, *words))
    _add_terms(db, vocabulary, known)


def _search_everything_v3(db: sqlite3.Connection) -> None:
    """Version 3: every text of a letter indexed by German stems, and a trigram index over the stems.

    The old index (subject, questions and answers, words as written) is replaced; the stored letters
    are indexed anew from the JSON each one keeps.
    """
    db.execute("DROP TABLE letters_fts")
    # Contentless: the letters' texts are in their JSON; the index holds only stems.
    db.execute(
        f"CREATE VIRTUAL TABLE letters_words USING fts5({', '.join(INDEX_COLUMNS)}, content = '', "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    db.execute("CREATE TABLE search_terms (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE)")
    db.execute(
        "CREATE VIRTUAL TABLE search_terms_trigram USING fts5("
        "term, content = 'search_terms', content_rowid = 'id', tokenize = 'trigram')"
    )
    # Which stemmer made the index: a store opened where another one stems is indexed anew.
    db.execute("CREATE TABLE search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    _reindex(db)


def _reindex(db: sqlite3.Connection) -> None:
    """Index every stored letter anew, from its JSON, with the stemmer at hand."""
    db.execute("INSERT INTO letters_words (letters_words) VALUES ('delete-all')")
    db.execute("INSERT INTO search_terms_trigram (search_terms_trigram) VALUES ('delete-all')")
    db.execute("DELETE FROM search_terms")
    known: set[str] = set()
    last = 0
    # In pages, so a large store is not held in memory at once.
    while rows := db.execute("SELECT id, json FROM letters WHERE id > ? ORDER BY id LIMIT 256", (last,)).fetchall():
        for letter_id, letter_json in rows:
            _index(db, letter_id, json.loads(letter_json), known)
        last = rows[-1][0]
    db.execute("INSERT OR REPLACE INTO search_meta VALUES ('stemmer', ?)", (searchterms.stemmer_id(),))


def _reindex_if_stemmed_otherwise(db: sqlite3.Connection) -> None:
    (made_by,) = db.execute("SELECT coalesce(max(value), '') FROM search_meta WHERE key = 'stemmer'").fetchone()
    if made_by != searchterms.stemmer_id():
        db.execute("BEGIN IMMEDIATE")
        try:
            _reindex(db)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise


# One step per version: MIGRATIONS[n - 1] upgrades a store from version n - 1 to n.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _create_v1,
    _signature_and_failures_v2,
    _search_everything_v3,
)
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


def _iso(value: object) -> str | None:
    # A date is an ISO string or a datetime.date, depending on the schema's version; the columns hold ISO text.
    return value.isoformat() if isinstance(value, datetime.date) else value  # type: ignore[return-value]


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
        from amtsbrief.schema import Letter

        return Letter.model_validate_json(self.letter_json)


# The flat columns of ``letters`` that come from the letter itself (after sha256 and path).
LETTER_COLUMNS = ("kind", "sender_authority", "sender_department", "recipient_name", "recipient_organization", "date",
                  "inquiry_date", "inquiry_reference", "inquiry_asked_by", "your_reference", "our_reference",
                  "subject_title", "subject_regarding", "signature_name")
_INSERT_LETTER = (f"INSERT INTO letters (id, sha256, path, {', '.join(LETTER_COLUMNS)}, imported_at, json) "
                  f"VALUES (?, ?, ?{', ?' * len(LETTER_COLUMNS)}, ?, ?)")


@dataclass(frozen=True, slots=True)
class PreparedLetter:
    """A letter as the store writes it: its flat columns, question–answer pairs, stems per index column,
    vocabulary and JSON. Made by :func:`prepare` where the letter was parsed (a batch's worker), so that
    the one process writing the store only inserts rows: stemming every word of every letter was the
    store's cost, and in a batch's parent it held back all the workers. Plain data: it pickles small."""

    sha256: str
    path: str | None
    columns: tuple
    qa: tuple[tuple, ...]
    words: tuple[str, ...]
    terms: frozenset[str]
    json: str

    def __reduce__(self):  # pickled by its fields: a slotted dataclass's default goes through fields() each time
        return (PreparedLetter, (self.sha256, self.path, self.columns, self.qa, self.words, self.terms, self.json))


def prepare(letter: Letter, *, sha256: str | None = None, path: str | None = None,
            letter_json: str | None = None) -> PreparedLetter:
    """What :meth:`Store.add_prepared` writes for ``letter`` (``letter_json``: its JSON, when at hand).

    ``sha256`` and ``path`` default to ``letter.source``; a letter with neither hash is keyed by the
    hash of its JSON, so it can still be stored once.
    """
    from amtsbrief.export.flatten import qa_pairs

    letter_json = letter_json if letter_json is not None else letter.model_dump_json()
    sha256 = sha256 or letter.source.sha256 or hashlib.sha256(letter_json.encode("utf-8")).hexdigest()
    columns = (
        letter.kind, letter.sender.authority, letter.sender.department, letter.recipient.name,
        letter.recipient.organization, _iso(letter.references.date), _iso(letter.inquiry.date),
        letter.inquiry.reference, letter.inquiry.asked_by, letter.references.your_reference,
        letter.references.our_reference, letter.subject.title, letter.subject.regarding, letter.signature.name,
    )
    qa = tuple((p.position, p.question_number, p.question, p.answer_number, p.answer) for p in qa_pairs(letter))
    words, vocabulary = _stems(json.loads(letter_json))
    return PreparedLetter(sha256, path or letter.source.path, columns, qa, words, frozenset(vocabulary), letter_json)


class Store:
    """A SQLite archive of letters (WAL mode, so a reader can search while a batch writes).

    Writes are grouped in transactions of :data:`COMMIT_EVERY`; call :meth:`commit` or close the
    store (it is a context manager) to make the last group durable.
    """

    def __init__(self, path: str | Path, *, commit_every: int = COMMIT_EVERY, create: bool = True):
        self.path = str(path)
        if not create and self.path != ":memory:" and not Path(self.path).is_file():
            # Searching a mistyped path must not leave an empty store behind.
            raise InputError(self.path, "no such store")
        try:
            # isolation_level=None: we open and close transactions ourselves, DDL included.
            self._db = sqlite3.connect(self.path, isolation_level=None)
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute("PRAGMA foreign_keys = ON")
            migrate(self._db, name=self.path)
            _reindex_if_stemmed_otherwise(self._db)
        except sqlite3.DatabaseError as error:
            raise InputError(self.path, f"not an amtsbrief store: {error}") from None
        self._commit_every = commit_every
        self._pending = 0
        self._known_terms: set[str] | None = None  # the vocabulary, read when the first letter is added

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
        return self.add_prepared([prepare(letter, sha256=sha256, path=path)]) == 1

    def add_prepared(self, letters: Iterable[PreparedLetter]) -> int:
        """Store letters made by :func:`prepare`, a few statements for all of them; return how many were
        new (a letter whose source hash is stored already, or repeats one before it, is left out)."""
        letters = list(letters)
        if not letters:
            return 0
        self._begin()
        seen: set[str] = set()
        hashes = [letter.sha256 for letter in letters]
        for start in range(0, len(hashes), 500):  # SQLite takes at most 999 parameters in older builds
            part = hashes[start:start + 500]
            seen.update(sha256 for (sha256,) in self._db.execute(
                f"SELECT sha256 FROM letters WHERE sha256 IN ({', '.join('?' * len(part))})", part))
        new = []
        for letter in letters:
            if letter.sha256 not in seen:
                seen.add(letter.sha256)
                new.append(letter)
        if not new:
            return 0
        # The ids SQLite would give (the largest plus one), given here so that the pairs and the index
        # rows can be inserted for all letters at once; the write transaction keeps them ours.
        (first,) = self._db.execute("SELECT coalesce(max(id), 0) + 1 FROM letters").fetchone()
        numbered = list(enumerate(new, first))
        now = _now()
        self._db.executemany(_INSERT_LETTER, [(i, letter.sha256, letter.path, *letter.columns, now, letter.json)
                                              for i, letter in numbered])
        self._db.executemany("INSERT INTO qa_pairs VALUES (?, ?, ?, ?, ?, ?)",
                             [(i, *pair) for i, letter in numbered for pair in letter.qa])
        self._db.executemany(_INSERT_WORDS, [(i, *letter.words) for i, letter in numbered])
        if self._known_terms is None:
            self._known_terms = {term for (term,) in self._db.execute("SELECT term FROM search_terms")}
        _add_terms(self._db, set().union(*(letter.terms for letter in new)), self._known_terms)
        self._pending += len(new) - 1
        self._written()
        return len(new)

    def add_failure(self, failure: dict) -> bool:
        """Record a file that could not be parsed (keys: sha256, path, code, error, message)."""
        return self.add_failures([failure]) == 1

    def add_failures(self, failures: Iterable[dict]) -> int:
        """Record files that could not be parsed, in one statement; return how many were new."""
        rows = [(f["sha256"], f.get("path"), f["code"], f.get("error"), f.get("message"), _now()) for f in failures]
        if not rows:
            return 0
        self._begin()
        before = self._db.total_changes
        self._db.executemany("INSERT OR IGNORE INTO failures VALUES (?, ?, ?, ?, ?, ?)", rows)
        added = self._db.total_changes - before
        self._pending += len(rows) - 1
        self._written()
        return added

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
                yield _letter_model().model_validate_json(letter_json)

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
        since: str | datetime.date | None = None,
        until: str | datetime.date | None = None,
        kind: str | None = None,
        limit: int | None = 50,
    ) -> list[SearchHit]:
        """Letters matching ``query`` and the filters, best first (without a query: newest first).

        A query is words (all must be found, as words or as parts of compounds), ``"phrases"``,
        ``prefix*``, ``OR`` between alternatives, and ``-word`` or ``NOT word`` to exclude
        (:func:`amtsbrief.searchterms.parse_query`). ``sender`` matches part of the authority or
        department, ``since``/``until`` bound the letter's date (ISO or ``date``, inclusive),
        ``kind`` is one of the contract's kinds.
        """
        clauses: list[str] = []
        params: list[object] = []
        compiled = searchterms.compile_query(query, self._compounds) if query and query.strip() else None
        if compiled:
            weights = ", ".join(str(weight) for weight in INDEX_COLUMNS.values())
            source = "letters AS l JOIN letters_words AS w ON w.rowid = l.id"
            clauses.append("letters_words MATCH ?")
            params.append(compiled.expression)
            # A letter with the words themselves comes before one that has them only in compounds.
            rank = f"l.id IN (SELECT rowid FROM letters_words WHERE letters_words MATCH ?) DESC, bm25(letters_words, {weights})"
            order_params: list[object] = [compiled.exact_expression]
        else:
            source, rank, order_params = "letters AS l", "l.date DESC, l.id", []
        if sender:
            clauses.append("(l.sender_authority LIKE ? OR l.sender_department LIKE ?)")
            params += [f"%{sender}%", f"%{sender}%"]
        if since:
            clauses.append("l.date >= ?")
            params.append(_checked_date(since, "since"))
        if until:
            clauses.append("l.date <= ?")
            params.append(_checked_date(until, "until"))
        if kind:
            if kind not in KINDS:
                raise InputError("<kind>", f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}")
            clauses.append("l.kind = ?")
            params.append(kind)
        if limit is not None and (not isinstance(limit, int) or limit < 0):
            raise InputError("<limit>", f"not a number of letters: {limit!r}")
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = (
            f"SELECT l.sha256, l.path, l.date, l.kind, l.sender_authority, l.subject_title, l.json "
            f"FROM {source} {where} ORDER BY {rank}"
        )
        params += order_params
        if limit:
            sql += " LIMIT ?"
            params.append(limit)
        try:
            rows = self._db.execute(sql, params).fetchall()
        except sqlite3.OperationalError as error:
            raise InputError("<query>", f"cannot search for {query!r}: {error}") from None
        return [self._hit(row, compiled) for row in rows]

    def _compounds(self, stem: str) -> list[str]:
        """Stems of the vocabulary that have ``stem`` as a part (see :func:`searchterms.compound_match`)."""
        if len(stem) < searchterms.MIN_PART_AT_END:
            return []
        rows = self._db.execute(
            "SELECT term FROM search_terms_trigram WHERE search_terms_trigram MATCH ?", ('"' + stem.replace('"', '""') + '"',)
        )
        found = sorted((term for (term,) in rows if searchterms.compound_match(stem, term)), key=lambda term: (len(term), term))
        return found[:MAX_COMPOUNDS]

    @staticmethod
    def _hit(row: tuple, compiled: searchterms.CompiledQuery | None) -> SearchHit:
        sha256, path, date, kind, sender, subject, letter_json = row
        snippet = None
        if compiled:
            texts = _texts(json.loads(letter_json))
            snippet = searchterms.snippet([texts[column] for column in SNIPPET_COLUMNS], compiled)
        return SearchHit(sha256, path, date, kind, sender, subject, snippet, letter_json)


KINDS = ("answer", "inquiry", "notice", "letter")


def _checked_date(value: str | datetime.date, name: str) -> str:
    """An ISO date for a filter, or an error that says what is wrong with it.

    >>> _checked_date("2020-02-29", "since")
    '2020-02-29'
    >>> _checked_date("2020-13-45", "since")
    Traceback (most recent call last):
    ...
    amtsbrief.errors.InputError: --since: not a date YYYY-MM-DD: '2020-13-45' (month must be in 1..12)
    """
    if isinstance(value, datetime.date):
        return value.isoformat()
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise InputError(f"--{name}", f"not a date YYYY-MM-DD: {value!r}")
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError as error:
        raise InputError(f"--{name}", f"not a date YYYY-MM-DD: {value!r} ({error})") from None


def _letter_model():
    from amtsbrief.schema import Letter

    return Letter
