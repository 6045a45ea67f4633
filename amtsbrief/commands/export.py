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
            "parquet: typed columns (dates, nested lists); tei: CMIF (TEI header with correspDesc, as correspSearch "
            "reads it); tei-text: TEI with the letters' texts; oparl: OParl 1.1 Paper objects with their File."
        ),
    )
    parser.add_argument("source", metavar="SRC", help="batch folder, letters JSONL file, SQLite store or Parquet file")
    parser.add_argument("--to", required=True, choices=FORMATS, dest="fmt", metavar="FORMAT", help=" | ".join(FORMATS))
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write ('-' for stdout, not for parquet)")
    parser.add_argument("--title", help="TEI: title of the collection")
    parser.add_argument("--publisher", help="TEI: who publishes the metadata (CMIF publisher)")
    parser.add_argument("--editor", help="TEI: who answers for the file (CMIF editor; default: the publisher)")
    parser.add_argument("--editor-email", help="TEI: the editor's e-mail address")
    parser.add_argument("--licence", "--license", dest="licence", metavar="LICENCE",
                        help="TEI: licence of the metadata, CC0-1.0 (default), CC-BY-4.0 or a licence URL")
    parser.add_argument("--licence-text", help="TEI: the sentence stating the licence (default: one for the licence)")
    parser.add_argument("--url", help="TEI: the URL this CMIF file is published under")
    parser.add_argument("--base-url", help="URL under which letters (TEI @ref) and OParl objects are named; "
                        "OParl without it carries no URLs but the papers' URNs")
    parser.set_defaults(run=run)


def _options(args: argparse.Namespace) -> dict:
    if args.fmt in ("tei", "tei-text"):
        from amtsbrief.export.tei import CmifMetadata

        given = {"title": args.title, "publisher": args.publisher, "url": args.url, "base_url": args.base_url,
                 "editor": args.editor, "editor_email": args.editor_email, "licence": args.licence,
                 "licence_text": args.licence_text}
        return {"metadata": CmifMetadata(**{key: value for key, value in given.items() if value})}
    if args.fmt == "oparl":
        if not args.base_url:
            print("amtsbrief export: no --base-url: the papers are named by URN and carry no URLs, no mainFile",
                  file=sys.stderr)
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
