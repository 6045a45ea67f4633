"""``amtsbrief search QUERY --db ARCHIVE``: full-text search over a store, with filters."""

from __future__ import annotations

import argparse
import json
import shutil

from amtsbrief.errors import InputError
from amtsbrief.store import KINDS, SearchHit, Store, _checked_date


def _date(name: str):
    def parse(value: str) -> str:
        try:
            return _checked_date(value, name)
        except InputError as error:
            raise argparse.ArgumentTypeError(error.message) from None

    return parse


def _count(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"not a number of letters (0 or more): {value!r}")
    return int(value)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "search",
        help="search the letters of a store",
        description=(
            "Full-text search over all of a letter's text (subject, body, questions, answers, sender, recipient, "
            "signature, references): German words in any inflection, ß/ss and umlauts folded, parts of compounds "
            "find the compounds. Words must all be found; \"a phrase\", prefix*, OR, -word or NOT word."
        ),
    )
    parser.add_argument("query", nargs="?", default=None, metavar="QUERY", help="words to find (leave out to list by filters only)")
    parser.add_argument("--db", required=True, metavar="ARCHIVE", help="the SQLite store (never created by a search)")
    parser.add_argument("--sender", help="part of the sending authority or department")
    parser.add_argument("--since", metavar="YYYY-MM-DD", type=_date("since"), help="letters dated on or after")
    parser.add_argument("--until", metavar="YYYY-MM-DD", type=_date("until"), help="letters dated on or before")
    parser.add_argument("--kind", choices=KINDS)
    parser.add_argument("--limit", type=_count, default=20, help="at most this many (default 20; 0 for all)")
    parser.add_argument("--json", action="store_true", help="one JSON object per hit, the whole letter included")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.since and args.until and args.since > args.until:
        raise InputError("--since", f"{args.since} is after --until {args.until}")
    with Store(args.db, create=False) as store:
        hits = store.search(
            args.query, sender=args.sender, since=args.since, until=args.until, kind=args.kind, limit=args.limit or None
        )
    if args.json:
        for hit in hits:
            print(json.dumps(hit_record(hit), ensure_ascii=False))
    else:
        print(table(hits, width=shutil.get_terminal_size((120, 20)).columns))
    return 0 if hits else 1


def hit_record(hit: SearchHit) -> dict:
    """A hit as JSON: where it is, the snippet, and the letter (the contract's JSON)."""
    return {"sha256": hit.sha256, "path": hit.path, "snippet": hit.snippet, "letter": json.loads(hit.letter_json)}


def _cut(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def table(hits: list[SearchHit], width: int = 120) -> str:
    """Hits as a plain-text table: date, kind, sender, subject, and the snippet or path."""
    if not hits:
        return "no letters found"
    widths = {"date": 10, "kind": 7, "sender": 28}
    rest = max(20, width - sum(widths.values()) - 8)
    subject_width = rest // 2
    last_width = rest - subject_width
    rows = [("date", "kind", "sender", "subject", "match" if hits[0].snippet is not None else "path")]
    for hit in hits:
        rows.append((hit.date or "", hit.kind, hit.sender or "", hit.subject or "", hit.snippet if hit.snippet is not None else hit.path or ""))
    lines = []
    for date, kind, sender, subject, last in rows:
        lines.append(
            f"{_cut(date, 10):<10}  {_cut(kind, 7):<7}  {_cut(sender, 28):<28}  "
            f"{_cut(subject, subject_width):<{subject_width}}  {_cut(last, last_width)}".rstrip()
        )
    return "\n".join(lines)
