"""The command line: a thin shell over library functions that return data.

Every command lives in its own module under ``amtsbrief.commands`` and exposes
``register(subparsers)``; ``main`` only wires them up and turns ``AmtsbriefError`` into a one-line
message with a non-zero exit, so a user never sees a traceback for bad input.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from amtsbrief.errors import AmtsbriefError

# Module names under amtsbrief.commands, in the order `--help` lists them.
COMMAND_MODULES = ("parse", "evaluate", "batch", "search", "export", "show", "serve")

EXIT_BAD_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="amtsbrief",
        description="Read German administrative letters (Amtsbriefe) into structured JSON.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(f"amtsbrief.commands.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except AmtsbriefError as error:
        print(f"amtsbrief: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("amtsbrief: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
