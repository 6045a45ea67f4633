"""The limit and guard options that ``parse`` and ``batch`` share (see ``ParserConfig`` and ``amtsbrief.guard``)."""

from __future__ import annotations

import argparse

from amtsbrief.config import ParserConfig
from amtsbrief.guard import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT

_DEFAULTS = ParserConfig()


def _number(kind, minimum: float, allow_none: bool = False):
    def parse(text: str):
        if allow_none and text.lower() in ("none", "0", "off"):
            return None
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a {'whole ' if kind is int else ''}number: {text!r}") from None
        if not value >= minimum or value != value:
            raise argparse.ArgumentTypeError(f"must be at least {minimum:g}, not {text}")
        return value
    return parse


def _megabytes(text: str) -> int | None:
    value = _number(int, 1, allow_none=True)(text)
    return None if value is None else value * 1024 * 1024


def add_limit_options(parser: argparse.ArgumentParser, *, guard_switch: bool = True) -> None:
    """The limit options, with the defaults of ``ParserConfig`` and the guard."""
    group = parser.add_argument_group("limits (a file beyond one fails with a code naming it)")
    group.add_argument("--timeout", type=_number(float, 0.1, allow_none=True), default=DEFAULT_TIMEOUT, metavar="SECONDS",
                       help=f"stop a file's worker process after this long (code 'timeout'; default {DEFAULT_TIMEOUT:g}; 0: never)")
    group.add_argument("--max-memory", type=_megabytes, default=DEFAULT_MAX_MEMORY, metavar="MB",
                       help=f"memory cap of a worker process (code 'memory'; default {DEFAULT_MAX_MEMORY // 2**20}; 0: none)")
    group.add_argument("--max-bytes", type=_number(int, 1), default=_DEFAULTS.max_bytes, metavar="N",
                       help=f"largest input file in bytes (code 'too-large'; default {_DEFAULTS.max_bytes})")
    group.add_argument("--max-pages", type=_number(int, 1), default=_DEFAULTS.max_pages, metavar="N",
                       help=f"most pages of a PDF or frames of a TIFF (code 'limit-pages'; default {_DEFAULTS.max_pages})")
    group.add_argument("--max-pixels", type=_number(int, 1), default=_DEFAULTS.max_pixels, metavar="N",
                       help="most pixels of a page to render or OCR; larger PDF pages are rendered at a lower "
                            f"resolution (code 'limit-pixels'; default {_DEFAULTS.max_pixels})")
    group.add_argument("--max-decompressed", type=_number(int, 1), default=_DEFAULTS.max_decompressed, metavar="N",
                       help=f"bytes a PDF's streams may inflate to (code 'limit-decompressed'; default {_DEFAULTS.max_decompressed})")
    group.add_argument("--time-budget", type=_number(float, 0.1, allow_none=True), default=_DEFAULTS.time_budget,
                       metavar="SECONDS", help="seconds for reading one document's pages, checked between pages "
                                               f"(code 'limit-time'; default {_DEFAULTS.time_budget:g})")
    if guard_switch:
        group.add_argument("--no-guard", dest="guard", action="store_false",
                           help="parse in this process, without a worker process (no timeout, no memory cap)")


def config_from(args: argparse.Namespace, **extra) -> ParserConfig:
    """The ``ParserConfig`` the options describe. The time budget is kept within the timeout, so
    that a slow document ends in the budget's clear message before the worker is killed."""
    budget = args.time_budget
    if getattr(args, "guard", True) and args.timeout is not None:
        # The rest of the timeout is for the page whose OCR began just before the budget ran out (a
        # photographed page takes 4–6 s) and for the fields; the pages read by then are kept.
        budget = min(budget or args.timeout, args.timeout * 0.6)
    return ParserConfig(max_bytes=args.max_bytes, max_pages=args.max_pages, max_pixels=args.max_pixels,
                        max_decompressed=args.max_decompressed, time_budget=budget, **extra)


def guard_from(args: argparse.Namespace) -> tuple[float | None, int | None]:
    """The guard's timeout and memory cap the options describe."""
    return args.timeout, args.max_memory


class LetterReader:
    """Parses files for a command, in one guarded worker process (reused from file to file) unless
    ``--no-guard``: a file that hangs, exhausts memory or crashes a native library costs that file
    (an ``AmtsbriefError`` with code ``timeout``, ``memory`` or ``crashed``), never the command."""

    def __init__(self, args: argparse.Namespace, **config):
        from amtsbrief.guard import GuardedPool

        self.config = config_from(args, **config)
        self.pool = None
        if getattr(args, "guard", True):
            timeout, max_memory = guard_from(args)
            # Not warmed: most hostile files are refused by the loader's limits before the parser's
            # models are needed, and a single file would pay the same start-up in the worker anyway.
            self.pool = GuardedPool("amtsbrief.guard._parse_call", timeout=timeout, max_memory=max_memory)

    def read(self, name: str, data: bytes | None = None):
        """The ``Letter`` of the file ``name`` (or of ``data``, read from standard input)."""
        from amtsbrief.api import parse_bytes, parse_file
        from amtsbrief.schema import Letter

        if self.pool is None:
            return parse_file(name, self.config) if data is None else parse_bytes(data, self.config, name=name)
        return Letter.model_validate_json(self.pool.call((name, data, self.config), key=name))

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
