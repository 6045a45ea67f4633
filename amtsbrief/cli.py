"""The command line: a thin shell over library functions that return data.

Every command lives in its own module under ``amtsbrief.commands`` and exposes
``register(subparsers)``; ``main`` only wires them up and turns ``AmtsbriefError`` into a one-line
message with a non-zero exit, so a user never sees a traceback for bad input.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from amtsbrief import __version__
from amtsbrief.errors import AmtsbriefError

# Module names under amtsbrief.commands, in the order `--help` lists them.
COMMAND_MODULES = ("parse", "evaluate", "batch", "search", "export", "show", "serve", "schema")

EXIT_BAD_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="amtsbrief",
        description="Read German administrative letters (Amtsbriefe) into structured JSON.",
    )
    parser.add_argument("--version", action="version", version=f"amtsbrief {__version__}")
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
    except OSError as error:  # a missing file, a directory; after BrokenPipeError, which is an OSError too
        print(f"amtsbrief: error: {error_line(error)}", file=sys.stderr)
        return EXIT_BAD_INPUT


def error_line(error: Exception) -> str:
    """``FILE: reason`` for one of our errors or an ``OSError`` (without Python's ``[Errno 2]``)."""
    if isinstance(error, OSError) and error.strerror:
        return f"{error.filename}: {error.strerror}" if error.filename is not None else error.strerror
    return str(error)


if __name__ == "__main__":
    sys.exit(main())
