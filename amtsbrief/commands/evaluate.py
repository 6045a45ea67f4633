"""``amtsbrief evaluate DIR [--json] [--verbose]``: score the parser against gold letters."""

from __future__ import annotations

import argparse
import json

from amtsbrief.errors import InputError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("evaluate", help="score the parser against NAME.gold.json files",
                                   description="Score the parser on every NAME.gold.json beside its source in DIR.")
    parser.add_argument("directory", metavar="DIR")
    parser.add_argument("--json", action="store_true", help="print a machine-readable report")
    parser.add_argument("--markdown", action="store_true", help="print the report as Markdown tables")
    parser.add_argument("--verbose", action="store_true", help="list every miss and extra")
    parser.add_argument("--glob", default="*.gold.json", help="which gold files in DIR")
    parser.add_argument("--sources", default=None, metavar="SUFFIXES",
                        help="only letters whose source ends so, comma-separated (e.g. .txt,.eml)")
    parser.add_argument("--min", type=float, default=None, help="exit 1 when the mean is below this")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from amtsbrief.evaluate import evaluate_dir

    if not Path(args.directory).is_dir():
        raise InputError(args.directory, "not a directory")
    sources = tuple(suffix.strip() for suffix in args.sources.split(",")) if args.sources else None
    report = evaluate_dir(args.directory, pattern=args.glob, sources=sources)
    if not report.letters:
        raise InputError(args.directory, "no NAME.gold.json files here")
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    elif args.markdown:
        print(format_markdown(report, args.directory))
    else:
        print(format_report(report, verbose=args.verbose))
    if args.min is not None and report.mean < args.min:
        return 1
    return 0


def format_report(report, verbose: bool = False) -> str:
    lines = []
    for letter in report.letters:
        note = "" if letter.had_output else f" (no output: {letter.error})"
        lines.append(f"letter {letter.name}: {letter.f1:.3f} (right {letter.right}, missed {letter.missed}, extra {letter.extra}){note}")
        if verbose:
            lines.extend(f"  {detail}" for detail in letter.details)
    lines.append("per field: right / missed or wrong / extra / accuracy")
    for name, (right, missed, extra) in sorted(report.fields.items()):
        total = right + missed
        accuracy = f"{right / total:.2f}" if total else "  - "
        lines.append(f"  {name:44s} {right:4d} {missed:4d} {extra:4d}  {accuracy}")
    lines.append(f"score {report.mean:.3f} over {len(report.letters)} letters")
    return "\n".join(lines)


def format_markdown(report, title: str) -> str:
    """Per-field precision, recall and F1, then per-letter F1, as Markdown tables."""
    lines = [f"### {title}: mean letter F1 {report.mean:.3f} over {len(report.letters)} letters", "",
             "| field | right | missed | extra | precision | recall | F1 |", "|---|---:|---:|---:|---:|---:|---:|"]
    for name, (right, missed, extra) in sorted(report.fields.items()):
        if not (right or missed or extra):
            continue
        precision = right / (right + extra) if right + extra else 1.0
        recall = right / (right + missed) if right + missed else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        lines.append(f"| `{name}` | {right} | {missed} | {extra} | {precision:.2f} | {recall:.2f} | {f1:.2f} |")
    lines += ["", "| letter | F1 |", "|---|---:|"]
    lines += [f"| {letter.name} | {letter.f1:.3f} |" for letter in report.letters]
    return "\n".join(lines)
