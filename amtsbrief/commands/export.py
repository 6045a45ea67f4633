"""``amtsbrief export SRC --to FORMAT -o FILE``: hand letters on in the formats the field reads."""

from __future__ import annotations

import argparse
import sys

from amtsbrief.errors import InputError
from amtsbrief.export import FORMATS, TEXT_FORMATS, export, read_letters


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export letters from a batch folder, a JSONL file or a store",
        description=(
            "jsonl: the contract; csv: one flat row per letter; qa-csv: one row per question and answer; "
            "parquet: the flat rows, typed; tei: TEI XML with CMIF correspDesc; oparl: OParl 1.1 Paper objects."
        ),
    )
    parser.add_argument("source", metavar="SRC", help="batch folder, letters JSONL file or SQLite store")
    parser.add_argument("--to", required=True, choices=FORMATS, dest="fmt", metavar="FORMAT", help=" | ".join(FORMATS))
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write ('-' for stdout, not for parquet)")
    parser.add_argument("--title", help="TEI: title of the collection")
    parser.add_argument("--publisher", help="TEI: who publishes the metadata (CMIF publisher)")
    parser.add_argument("--url", help="TEI: the URL this CMIF file is published under")
    parser.add_argument("--base-url", help="URL under which letters (TEI @ref) and OParl objects are named")
    parser.set_defaults(run=run)


def _options(args: argparse.Namespace) -> dict:
    if args.fmt == "tei":
        from amtsbrief.export.tei import CmifMetadata

        given = {"title": args.title, "publisher": args.publisher, "url": args.url, "base_url": args.base_url}
        return {"metadata": CmifMetadata(**{key: value for key, value in given.items() if value})}
    if args.fmt == "oparl" and args.base_url:
        return {"base_url": args.base_url}
    return {}


def run(args: argparse.Namespace) -> int:
    letters = read_letters(args.source)
    if args.output == "-":
        if args.fmt not in TEXT_FORMATS:
            raise InputError(None, f"{args.fmt} cannot go to stdout; give a file with -o")
        count = export(letters, args.fmt, sys.stdout, **_options(args))
    else:
        count = export(letters, args.fmt, args.output, **_options(args))
    print(f"amtsbrief export: {count} {'rows' if args.fmt == 'qa-csv' else 'letters'} to {args.output}", file=sys.stderr)
    return 0
