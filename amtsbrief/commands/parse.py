"""``amtsbrief parse FILE... [--format json|jsonl|summary]``: print each letter's structure."""

from __future__ import annotations

import argparse
import json
import sys

from amtsbrief.commands.limits import LetterReader, add_limit_options, config_from
from amtsbrief.errors import AmtsbriefError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("parse", help="parse letters and print their structure",
                                   description="Parse letters (text, e-mail, PDF, scans, PAGE/ALTO XML); '-' reads standard input.")
    parser.add_argument("files", nargs="+", metavar="FILE", help="letter files, or - for standard input")
    parser.add_argument("--format", choices=("json", "jsonl", "summary"), default="json",
                        help="json: one object (a list for several files); jsonl: one line per letter; summary: a few lines each")
    parser.add_argument("--backend", choices=("auto", "pdfium", "pdfplumber"), default="auto", help="PDF reader")
    add_limit_options(parser)
    parser.add_argument("--explain", action="store_true",
                        help="print, line by line, each line's zone and the id of the rule (models/zones.json) that gave it")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from amtsbrief.cli import error_line

    if args.explain:
        return _explain_all(args.files, config_from(args, backend=args.backend))
    reader = LetterReader(args, backend=args.backend)
    results = []
    failed = 0
    for name in args.files:
        try:
            if name == "-":
                letter = reader.read("<stdin>", sys.stdin.buffer.read())
            else:
                letter = reader.read(name)
        except (AmtsbriefError, OSError) as error:  # OSError: a missing file, a directory
            print(f"amtsbrief: error: {error_line(error)}", file=sys.stderr)
            failed += 1
            continue
        results.append(letter)
        if args.format == "jsonl":
            print(letter.model_dump_json())
        elif args.format == "summary":
            print(summary(letter, name))
    reader.close()
    if args.format == "json" and results:
        dumped = [letter.model_dump(mode="json") for letter in results]
        print(json.dumps(dumped[0] if len(args.files) == 1 else dumped, ensure_ascii=False, indent=2))
    return 2 if failed else 0


def summary(letter, name: str) -> str:
    """A few human-readable lines about one letter."""
    rows = [
        (name, ""),
        ("kind", letter.kind),
        ("from", " / ".join(filter(None, (letter.sender.authority, letter.sender.department)))),
        ("to", " ".join(filter(None, (letter.recipient.salutation, letter.recipient.title, letter.recipient.name, letter.recipient.organization)))),
        ("date", letter.references.date),
        ("subject", letter.subject.title),
        ("questions", str(len(letter.questions))),
        ("answers", str(len(letter.answers))),
        ("signed", " ".join(filter(None, (letter.signature.on_behalf, letter.signature.name)))),
        ("warnings", "; ".join(warning.message for warning in letter.warnings)),
    ]
    return "\n".join(f"{key:10s} {value}" if value else key for key, value in rows if value or key == name)


def _explain_all(names: list[str], config) -> int:
    from amtsbrief.cli import error_line
    from amtsbrief.load import load_bytes, load_path
    from amtsbrief.pipeline import segment_document

    failed = 0
    for name in names:
        try:
            document = load_bytes(sys.stdin.buffer.read(), name="<stdin>", config=config) if name == "-" \
                else load_path(name, config)
            _, _, seg = segment_document(document, config)
        except (AmtsbriefError, OSError) as error:  # OSError: a missing file, a directory
            print(f"amtsbrief: error: {error_line(error)}", file=sys.stderr)
            failed += 1
            continue
        print(explain(seg, name))
    return 2 if failed else 0


def explain(seg, name: str) -> str:
    """Each line with its number, zone and rule id: why a line went where.

    A line set in columns has one row per cell (``+`` marks the further cells of the same line).
    """
    rows = [f"# {name}: document type {seg.document_type.value} (rule {seg.document_rule})",
            f"{'line':>5}  {'zone':<15} {'rule':<34} text"]
    previous = None
    for zone in seg.zones():
        if zone.kind == "blank":
            previous = zone.index
            continue
        number = "+" if zone.index == previous else str(zone.index + 1)
        rows.append(f"{number:>5}  {zone.kind.value:<15} {zone.rule:<34} {zone.text[:90]}")
        previous = zone.index
    return "\n".join(rows)
