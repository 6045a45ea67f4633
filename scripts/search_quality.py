#!/usr/bin/env python
"""Measure the store's search on the corpus: precision and recall of each query in search_queries.json.

Every letter of ``corpus/dev`` and ``corpus/test`` that was read for the queries (``judged`` in the
queries file) is indexed into a temporary store from its gold annotation (so the figures measure the
search, not the parser; ``--parsed`` indexes what the parser reads instead). Each query of ``scripts/search_queries.json`` is run with no limit, and its hits are
compared with the letters it should find, named by file stem. The expected hits were chosen by reading
the letters, not by running the search.

    .venv/bin/python scripts/search_quality.py             # the table, as in the README
    .venv/bin/python scripts/search_quality.py --json      # figures for scripts and tests
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
QUERIES = REPO / "scripts" / "search_queries.json"


@dataclass
class Result:
    query: str
    filters: dict
    tests: str
    expected: list[str]
    found: list[str]
    precision: float
    recall: float
    before_found: list[str]  # what the index of store version 2 found: subject, questions, answers as written
    before_precision: float
    before_recall: float


def _scores(expected: set[str], found: list[str]) -> tuple[float, float]:
    right = len(expected & set(found))
    precision = right / len(found) if found else (1.0 if not expected else 0.0)
    return precision, (right / len(expected) if expected else 1.0)


class BeforeIndex:
    """The search as store version 2 had it, for comparison: FTS5 ``unicode61 remove_diacritics 2``
    over subject, questions and answers, words as written, the query as FTS5 syntax (else as phrases)."""

    def __init__(self):
        import sqlite3

        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE f USING fts5(subject, questions, answers, tokenize = 'unicode61 remove_diacritics 2')")
        self.meta: dict[int, tuple[str, str, str | None]] = {}

    def add(self, name: str, letter) -> None:
        rowid = len(self.meta) + 1
        subject = " ".join(part for part in (letter.subject.title, letter.subject.regarding) if part)
        self.db.execute("INSERT INTO f (rowid, subject, questions, answers) VALUES (?, ?, ?, ?)", (
            rowid, subject, "\n\n".join(q.text for q in letter.questions), "\n\n".join(a.text for a in letter.answers)))
        date = letter.references.date
        self.meta[rowid] = (name, letter.kind, date.isoformat() if hasattr(date, "isoformat") else date)

    def search(self, query: str, kind: str | None = None, since: str | None = None) -> list[str]:
        import sqlite3

        try:
            rows = self.db.execute("SELECT rowid FROM f WHERE f MATCH ? ORDER BY bm25(f)", (query,)).fetchall()
        except sqlite3.OperationalError:
            phrased = " ".join('"' + word.replace('"', '""') + '"' for word in query.split())
            rows = self.db.execute("SELECT rowid FROM f WHERE f MATCH ? ORDER BY bm25(f)", (phrased,)).fetchall()
        found = []
        for (rowid,) in rows:
            name, letter_kind, date = self.meta[rowid]
            if (kind and letter_kind != kind) or (since and (not date or date < since)):
                continue
            found.append(name)
        return found


def _source_of(gold: Path) -> Path | None:
    stem = gold.name[: -len(".gold.json")]
    for suffix in (".txt", ".eml", ".msg", ".pdf"):
        if (gold.parent / (stem + suffix)).exists():
            return gold.parent / (stem + suffix)
    return None


def corpus_letters(corpus: Path, parsed: bool = False):
    """(name, Letter) for every annotated letter of the corpus."""
    from amtsbrief.schema import Letter, Source

    for gold in sorted(corpus.glob("*/*.gold.json")):
        name = gold.name[: -len(".gold.json")]
        source = _source_of(gold)
        if parsed and source is not None:
            import amtsbrief

            letter = amtsbrief.parse_file(source)
        else:
            data = {key: value for key, value in json.loads(gold.read_text(encoding="utf-8")).items() if not key.startswith("_")}
            letter = Letter.model_validate(data)
            raw = (source or gold).read_bytes()
            letter.source = Source(path=str(source or gold), sha256=hashlib.sha256(raw).hexdigest())
        yield name, letter


def measure(queries_path: Path = QUERIES, corpus: Path = REPO / "corpus", parsed: bool = False) -> list[Result]:
    """Index the corpus into a temporary store and run every query; one :class:`Result` each."""
    from amtsbrief.store import Store

    spec = json.loads(queries_path.read_text(encoding="utf-8"))
    queries, judged = spec["queries"], set(spec["judged"])
    results = []
    with tempfile.TemporaryDirectory() as folder:
        with Store(Path(folder) / "corpus.sqlite") as store:
            names = {}
            before = BeforeIndex()
            for name, letter in corpus_letters(corpus, parsed):
                if name not in judged:
                    continue  # not yet read for the queries: its hits could be neither right nor wrong
                store.add(letter)
                before.add(name, letter)
                names[letter.source.sha256] = name
            store.commit()
            known = set(names.values())
            if judged - known:
                raise SystemExit(f"{queries_path}: judged letters not in the corpus: {sorted(judged - known)}")
            for entry in queries:
                unknown = set(entry["expected"]) - known
                if unknown:
                    raise SystemExit(f"{queries_path}: query {entry['query']!r} expects letters not in the corpus: {sorted(unknown)}")
                filters = entry.get("filters", {})
                hits = store.search(entry["query"], limit=None, **filters)
                found = [names[hit.sha256] for hit in hits]
                expected = set(entry["expected"])
                before_found = before.search(entry["query"], **filters)
                results.append(Result(entry["query"], filters, entry["tests"], sorted(expected), found,
                                      *_scores(expected, found), before_found, *_scores(expected, before_found)))
    return results


def means(results: list[Result], before: bool = False) -> tuple[float, float]:
    """Mean precision and mean recall over the queries (``before``: of the version 2 index)."""
    if before:
        return (sum(r.before_precision for r in results) / len(results), sum(r.before_recall for r in results) / len(results))
    return (sum(r.precision for r in results) / len(results), sum(r.recall for r in results) / len(results))


def markdown(results: list[Result]) -> str:
    """The README's table."""
    lines = [
        "| query | what it tests | expected | found | right | precision | recall | before: precision | before: recall |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        options = "".join(f" `--{key} {value}`" for key, value in r.filters.items())
        right = len(set(r.expected) & set(r.found))
        lines.append(f"| `{r.query}`{options} | {r.tests} | {len(r.expected)} | {len(r.found)} | {right} | "
                     f"{r.precision:.2f} | {r.recall:.2f} | {r.before_precision:.2f} | {r.before_recall:.2f} |")
    precision, recall = means(results)
    before_precision, before_recall = means(results, before=True)
    lines.append(f"| **mean of {len(results)} queries** | | | | | **{precision:.3f}** | **{recall:.3f}** | "
                 f"{before_precision:.3f} | {before_recall:.3f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--parsed", action="store_true", help="index the parser's letters, not the gold annotations")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--verbose", action="store_true", help="list the misses and extras of each query")
    args = parser.parse_args(argv)
    results = measure(args.queries, parsed=args.parsed)
    if args.json:
        precision, recall = means(results)
        before_precision, before_recall = means(results, before=True)
        print(json.dumps({"precision": precision, "recall": recall, "before_precision": before_precision,
                          "before_recall": before_recall, "queries": [asdict(r) for r in results]},
                         ensure_ascii=False, indent=1))
        return 0
    print(markdown(results))
    if args.verbose:
        for r in results:
            missed, extra = sorted(set(r.expected) - set(r.found)), [n for n in r.found if n not in r.expected]
            if missed or extra:
                print(f"\n{r.query}: missed {missed}\n  extra {extra}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main())
