"""The command line: a thin shell over library functions that return data.

Every command lives in its own module under ``amtsbrief.commands`` and exposes
``register(subparsers)``; ``main`` only wires them up and turns ``AmtsbriefError`` into a one-line
message with a non-zero exit, so a user never sees a traceback for bad input.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from amtsbrief import __version__
from amtsbrief.errors import AmtsbriefError

# Module names under amtsbrief.commands, in the order `--help` lists them.
COMMAND_MODULES = ("parse", "evaluate", "batch", "search", "export", "show", "serve", "schema")

EXIT_BAD_INPUT = 2
# The output suffixes a command can write, checked before it starts (a wrong one is a usage error,
# found before minutes of parsing rather than by a library's traceback after them).
OUTPUT_SUFFIXES = {"show": (".png", ".html", ".htm")}


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


def os_error_line(error: OSError) -> str:
    """One line for an I/O error: the file and what went wrong, as the system says it.

    >>> os_error_line(FileNotFoundError(2, "No such file or directory", "out/x.png"))
    'out/x.png: No such file or directory'
    >>> os_error_line(OSError(28, "No space left on device"))
    'No space left on device'
    """
    what = error.strerror or str(error) or type(error).__name__
    return f"{error.filename}: {what}" if error.filename is not None else what


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    problem = _output_problem(args)
    if problem:
        print(f"amtsbrief: error: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        code = int(args.run(args) or 0)
        # Flushed here, not at exit, so that a full disk or a closed pipe is reported like any error.
        sys.stdout.flush()
        return code
    except AmtsbriefError as error:
        print(f"amtsbrief: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("amtsbrief: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except OSError as error:
        # A missing output folder, an unwritable file, a full disk: the user's to fix, not a bug.
        _silence_stdout()
        print(f"amtsbrief: error: {os_error_line(error)}", file=sys.stderr)
        return EXIT_BAD_INPUT


def error_line(error: Exception) -> str:
    """``FILE: reason`` for one of our errors or an ``OSError`` (without Python's ``[Errno 2]``)."""
    return os_error_line(error) if isinstance(error, OSError) else str(error)


def _output_problem(args: argparse.Namespace) -> str | None:
    """Why the command's output file cannot be written (unknown suffix, missing folder), or ``None``."""
    output = getattr(args, "output", None)
    if not isinstance(output, str) or output == "-":
        return None
    suffixes = OUTPUT_SUFFIXES.get(args.command)
    suffix = os.path.splitext(output)[1].lower()
    if suffixes and suffix not in suffixes:
        return f"{output}: cannot write {suffix or 'a file without suffix'}; use one of {', '.join(suffixes)}"
    folder = os.path.dirname(output) or "."
    if not os.path.isdir(folder):
        return f"{output}: the folder {folder} does not exist"
    return None


def _silence_stdout() -> None:
    # What is left in stdout's buffer cannot be written either; without this, the interpreter would
    # try again at exit and print a second error.
    try:
        sys.stdout = open(os.devnull, "w")
    except OSError:
        pass


if __name__ == "__main__":
    sys.exit(main())
