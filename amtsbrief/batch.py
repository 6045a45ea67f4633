"""Batches: parse many files in parallel into a durable output that a rerun resumes.

A batch runs in four steps, each a function here:

1. :func:`discover` turns files, folders (recursively, by :data:`KNOWN_SUFFIXES`) and globs into
   a sorted list of paths;
2. each path is hashed (SHA-256 of its bytes); a hash that every output already holds, or that
   this run already saw, is skipped — that is what makes a rerun resume;
3. a pool parses the rest — guarded local worker processes (:class:`LocalPool`, built on
   :mod:`amtsbrief.guard`: a memory cap and a timeout per file) or a Dask cluster (:class:`DaskPool`)
   — with a bounded number of files in flight, so memory stays flat however many letters there
   are; :func:`parse_task` runs in the worker, does all the work a letter needs before it is
   written (its JSON, the store's rows) and never raises; a scanned PDF's pages are read by OCR
   across the local workers, one task a page (:func:`ocr_page_task`, :func:`assemble_scan_task`);
4. the outcomes are written in chunks to the sinks: a batch directory (:class:`BatchDirectory`:
   ``letters.jsonl``, ``failures.jsonl``, ``manifest.json``) and/or the SQLite store. The parent
   is one process for all workers, so it does nothing per letter that a worker could do.

A file that fails to parse is a *failure record* (path, hash, error code, message), never a
stopped batch; so is a file whose worker ran past the timeout (``timeout``), out of memory
(``memory``) or died (``crashed``): each worker holds one file at a time, so the culprit is known,
and a new worker takes the dead one's place.
"""

from __future__ import annotations

import datetime
import glob
import hashlib
import importlib
import json
import os
import re
import time
import traceback
from collections import deque
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Protocol

from amtsbrief.config import DEFAULT_CONFIG, ParserConfig
from amtsbrief.errors import AmtsbriefError, DependencyError, GuardError, InputError
from amtsbrief.guard import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT, LATER, GuardedPool
from amtsbrief.export.jsonl import read_jsonl_lines, repair_tail

if TYPE_CHECKING:
    from amtsbrief.store import PreparedLetter

KNOWN_SUFFIXES = frozenset({".txt", ".eml", ".msg", ".pdf", ".png", ".tif", ".tiff", ".jpg", ".jpeg", ".xml"})
DEFAULT_PARSER = "amtsbrief.parse_file"
LETTERS_FILE = "letters.jsonl"
FAILURES_FILE = "failures.jsonl"
MANIFEST_FILE = "manifest.json"
# Files in flight per worker: enough to keep every worker busy, few enough to keep memory flat.
IN_FLIGHT_PER_WORKER = 4
# Calls handed to a local worker at once: the one it runs and the next, waiting in its pipe.
WORKER_DEPTH = 2
# Small text files go to a worker in groups of this many (:func:`parse_group`); a group that fails is
# parsed again one file at a time, so a file that hangs costs two timeouts instead of one.
GROUP_FILES = 8
SMALL_BYTES = 64 * 1024
# Outcomes written to the outputs at once: one write per output file, one transaction in the store.
# A killed batch loses at most these, and its rerun parses them again (their hashes are not written).
CHUNK = 64
CHUNK_SECONDS = 1.0


# -- 1. finding the files -------------------------------------------------------------------------


def _is_known(path: Path) -> bool:
    return path.suffix.lower() in KNOWN_SUFFIXES


def discover(inputs: Iterable[str | Path]) -> list[Path]:
    """The files a batch over ``inputs`` reads: each named file, every known file under each folder,
    every match of each glob; sorted and without repeats.

    A named file is taken whatever its extension (the user asked for it); folders and globs only
    yield files with a known extension. A name that matches nothing is an :class:`InputError`.
    """
    found: dict[str, Path] = {}  # by name: hashing and comparing Paths costs more than the walk

    def add(paths: Iterable[Path]) -> None:
        for path in paths:
            found.setdefault(str(path), path)

    for item in inputs:
        text = str(item)
        path = Path(text)
        if path.is_file():
            add([path])
        elif path.is_dir():
            add(p for p in path.rglob("*") if p.is_file() and _is_known(p))
        elif glob.has_magic(text):
            for match in glob.iglob(text, recursive=True):
                candidate = Path(match)
                if candidate.is_file() and _is_known(candidate):
                    add([candidate])
                elif candidate.is_dir():
                    add(p for p in candidate.rglob("*") if p.is_file() and _is_known(p))
        else:
            raise InputError(text, "no such file or folder")
    return sorted(found.values(), key=lambda path: path.parts)  # the order Paths sort in


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file's bytes, read in blocks (a scanned PDF can be large)."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# -- 3. parsing, in the worker --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Task:
    """One file to parse."""

    path: str
    sha256: str
    attempt: int = 1

    def __reduce__(self):  # pickled by its fields: a slotted dataclass's default goes through fields() each time
        return (Task, (self.path, self.sha256, self.attempt))


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of a task: the letter's JSON, or a failure record (a dict, as written to JSONL)."""

    task: Task
    letter_json: str | None = None
    warnings: int = 0
    failure: dict | None = None
    # The letter as the store writes it (store.prepare), made in the worker when the batch fills a store.
    prepared: PreparedLetter | None = None
    # A scanned PDF to be read page by page across the workers: the (0-based) pages without a text layer.
    scan_pages: tuple[int, ...] | None = None

    def __reduce__(self):  # every outcome crosses the pipe: the quick way (see Task)
        return (Outcome, (self.task, self.letter_json, self.warnings, self.failure, self.prepared, self.scan_pages))


def failure_record(task: Task, code: str, error: str, message: str, **extra) -> dict:
    """The line ``failures.jsonl`` holds for a file that could not be parsed."""
    return {"path": task.path, "sha256": task.sha256, "code": code, "error": error, "message": message, **extra}


_parsers: dict[str, Callable] = {}


def _resolve(dotted: str) -> Callable:
    # Resolved by name inside the worker: a name pickles to any process or cluster node, a function
    # object might not, and each worker imports the (heavy) parser once.
    if dotted not in _parsers:
        module, _, name = dotted.rpartition(".")
        _parsers[dotted] = getattr(importlib.import_module(module), name)
    return _parsers[dotted]


def parse_task(task: Task, parser: str = DEFAULT_PARSER, config: ParserConfig | None = None,
               store: bool = False, split_scans: bool = False) -> Outcome:
    """Parse one file (runs in a worker); every error becomes a failure record, nothing raises
    except ``MemoryError``, which the guard records as ``memory`` and answers with a fresh worker.

    The worker does all the work a letter needs before it is written: its JSON, and with ``store``
    its rows for the store (:func:`amtsbrief.store.prepare`: columns, pairs, stems), so that the
    parent, one process for all workers, only appends and inserts. With ``split_scans`` a PDF with
    two or more scanned pages is not read here: the outcome names its pages (``scan_pages``), for
    the pool to hand them to all its workers (:func:`ocr_page_task`, :func:`assemble_scan_task`).
    """
    try:
        if split_scans and parser == DEFAULT_PARSER:
            pages = scanned_pages(task.path, config or DEFAULT_CONFIG)
            if pages:
                return Outcome(task, scan_pages=pages)
        letter = _resolve(parser)(task.path) if config is None else _resolve(parser)(task.path, config)
        return _letter_outcome(task, letter, store)
    except MemoryError:
        raise
    except Exception as error:  # noqa: BLE001 - why: a parser bug must cost one letter, never the batch
        return _failed(task, error)


def parse_group(tasks: tuple[Task, ...], parser: str = DEFAULT_PARSER, config: ParserConfig | None = None,
                store: bool = False, split_scans: bool = False) -> list[Outcome]:
    """:func:`parse_task` over a few small files, in one call (runs in a worker)."""
    return [parse_task(task, parser, config, store, split_scans) for task in tasks]


def _letter_outcome(task: Task, letter, store: bool) -> Outcome:
    letter.source.path = task.path
    letter.source.sha256 = task.sha256
    letter_json = letter.model_dump_json()
    prepared = None
    if store:
        from amtsbrief.store import prepare

        prepared = prepare(letter, sha256=task.sha256, path=task.path, letter_json=letter_json)
    return Outcome(task, letter_json=letter_json, warnings=len(letter.warnings), prepared=prepared)


def _same_failure(task: Task, failure: dict) -> Outcome:
    """The failure of a file with the same bytes as one that already failed, without parsing it again."""
    return Outcome(task, failure={**failure, "path": task.path, "same_as": failure["path"]})


def _crash_outcome(task: Task, error: BaseException) -> Outcome:
    return Outcome(
        task,
        failure=failure_record(task, "crashed", type(error).__name__, f"the worker died parsing this file: {error}"),
    )


# -- scans, page by page, in the workers ----------------------------------------------------------
#
# OCR takes seconds a page, so a long scan read whole in one worker keeps the others idle (or the
# batch waits for it at the end). Within a batch, a PDF's scanned pages are tasks of their own: a
# worker finds them (parse_task → scanned_pages), the pool hands each page to the next free worker
# (ocr_page_task, under the guard's timeout and memory cap like a file), and one worker builds the
# letter from the pages read (assemble_scan_task). The pages are read exactly as the layout layer
# reads them in one process (amtsbrief.layout._read_pdf), so the letter is the same.

# Fewer scanned pages than this are read where the file is parsed: one page gains nothing from a split.
SPLIT_PAGES = 2


def scanned_pages(path: str, config: ParserConfig = DEFAULT_CONFIG) -> tuple[int, ...] | None:
    """The pages (0-based) of the PDF at ``path`` that have no text layer, when there are at least
    :data:`SPLIT_PAGES` of them; ``None`` for any other file, or one the parser should judge (too
    large, broken, a bomb: the ordinary parse says what is wrong with it)."""
    from amtsbrief.errors import AmtsbriefError

    if not path.lower().endswith(".pdf") or config.backend == "pdfplumber":
        return None
    try:
        if os.path.getsize(path) > config.max_bytes:
            return None
        with open(path, "rb") as stream:
            data = stream.read()
        from amtsbrief.layout import pdfium
        from amtsbrief.load import PDF, detect_media_type

        if detect_media_type(data, path) != PDF:
            return None
        pdfium.check_streams(data, path, config)
        document = pdfium.open_document(data, path)
    except (AmtsbriefError, OSError):
        return None
    try:
        if len(document) > config.max_pages:
            return None
        import pypdfium2.raw as raw

        # A cheap test (no characters at all) rather than the reader's own (too few words): a page it
        # misses is read where the letter is built, as it would have been without the split.
        scanned = []
        for index in range(len(document)):
            page = raw.FPDF_LoadPage(document.raw, index)
            if not page:
                return None
            try:
                textpage = raw.FPDFText_LoadPage(page)
                try:
                    if not textpage or raw.FPDFText_CountChars(textpage) <= 0:
                        scanned.append(index)
                finally:
                    if textpage:
                        raw.FPDFText_ClosePage(textpage)
            finally:
                raw.FPDF_ClosePage(page)
    finally:
        document.close()
    return tuple(scanned) if len(scanned) >= SPLIT_PAGES else None


def _failed(task, error: Exception) -> Outcome:
    """The outcome of a file whose parse raised ``error``: our own errors with their code, the file's
    own trouble (vanished, a directory, no permission) as ``input``, anything else as ``internal``
    with the end of its traceback."""
    if isinstance(error, AmtsbriefError):
        return Outcome(task, failure=failure_record(task, error.code, type(error).__name__, error.message))
    if isinstance(error, OSError):
        return Outcome(task, failure=failure_record(task, "input", type(error).__name__, str(error)))
    trace = traceback.format_exception(type(error), error, error.__traceback__, limit=-3)
    return Outcome(task, failure=failure_record(task, "internal", type(error).__name__, str(error) or repr(error),
                                                traceback="".join(trace)))


def ocr_page_task(path: str, index: int, config: ParserConfig | None = None):
    """One scanned page of the PDF at ``path`` read by OCR (runs in a worker), as ``parse_file`` reads it:
    the layout ``Page`` and the seconds it took. An ``AmtsbriefError`` (a limit, a broken page) is the file's failure."""
    from amtsbrief.layout import ocr_scanned_page, pdfium

    started = time.monotonic()
    config = config or DEFAULT_CONFIG
    with open(path, "rb") as stream:
        data = stream.read()
    document = pdfium.open_document(data, path)
    try:
        return ocr_scanned_page(document, path, index, config.ocr_language, config), time.monotonic() - started
    finally:
        document.close()


def read_scan(path: str, config: ParserConfig, read: dict, unread: tuple[int, ...] = (), budget: float | None = None):
    """The ``Letter`` of the PDF at ``path`` from its pages ``read`` by OCR elsewhere (by index),
    as ``amtsbrief.parse_file`` reads it: the text layer's pages read here, the scanned ones taken
    from ``read`` (or read here, should one be missing), ``unread`` left out with the warning
    ``pages-unread`` (the time budget, ``budget`` seconds, ran out before they were handed out)."""
    import hashlib as _hashlib

    from amtsbrief.errors import TooLargeError
    from amtsbrief.layout import _named, lay_out, ocr_scanned_page, pdfium
    from amtsbrief.load import PDF, LoadedDocument
    from amtsbrief.pipeline import parse_document

    name = str(path)
    if os.path.getsize(path) > config.max_bytes:
        raise TooLargeError(name, f"{os.path.getsize(path)} bytes is more than the limit of {config.max_bytes}")
    with open(path, "rb") as stream:
        data = stream.read()
    pdfium.check_streams(data, name, config)
    document = pdfium.open_document(data, name)
    try:
        pages = _named(name, pdfium.read_pages, document, None)
        scanned = [i for i, page in enumerate(pages) if page is None]
        warnings = []
        for i in scanned:
            if i not in unread:
                pages[i] = read[i] if i in read else _named(name, ocr_scanned_page, document, name, i, config.ocr_language, config)
        missing = [i for i in scanned if i in unread]
        if missing:
            pages = [page for number, page in enumerate(pages) if number not in missing]
            warnings.append(("pages-unread", f"pages {', '.join(str(n + 1) for n in missing)} were not read "
                                             f"by OCR: the time budget of {budget:g} s was spent"))
        extractor = "tesseract" if len(scanned) == len(document) else "pdfium+tesseract"
        if len(scanned) < len(document):
            warnings.append(("ocr", f"pages {', '.join(str(i + 1) for i in scanned)} have no text layer and were read by OCR"))
    finally:
        document.close()
    laid = lay_out(pages, extractor=extractor, warnings=warnings, name=name)
    loaded = LoadedDocument(text=laid.text, name=name, path=name, sha256=_hashlib.sha256(data).hexdigest(), media_type=PDF,
                            extractor=laid.extractor, pages=laid.pages, layout=laid, warnings=tuple(laid.warnings))
    return parse_document(loaded, config)


def assemble_scan_task(task: Task, read: dict, unread: tuple[int, ...], config: ParserConfig | None = None,
                       store: bool = False) -> Outcome:
    """The outcome of a scan whose pages were read by :func:`ocr_page_task` (runs in a worker); as
    :func:`parse_task`, every error becomes a failure record."""
    config = config or DEFAULT_CONFIG
    try:
        return _letter_outcome(task, read_scan(task.path, config, read, unread, config.time_budget), store)
    except MemoryError:
        raise
    except Exception as error:  # noqa: BLE001 - why: a parser bug must cost one letter, never the batch
        return _failed(task, error)


# -- the pools ------------------------------------------------------------------------------------


class Pool(Protocol):
    """Runs :func:`parse_task` over tasks, yielding outcomes as they complete (any order)."""

    def run(self, tasks: Iterator[Task]) -> Iterator[Outcome]: ...


class LocalPool:
    """Guarded worker processes on this machine (:class:`amtsbrief.guard.GuardedPool`).

    Each worker holds one file at a time under a memory cap (``max_memory`` bytes) and a
    ``timeout``; a file that runs past it, exhausts the memory or kills its worker is recorded as
    ``timeout``, ``memory`` or ``crashed`` and a fresh worker takes over. The files wait in the
    caller's iterator, not in a queue, so memory stays flat; workers send back the letter's JSON
    text, which the parent only appends to the output.
    """

    def __init__(self, jobs: int, parser: str = DEFAULT_PARSER, in_flight: int | None = None, *,
                 config: ParserConfig | None = None, timeout: float | None = DEFAULT_TIMEOUT,
                 max_memory: int | None = DEFAULT_MAX_MEMORY, store: bool = False):
        self.jobs = max(1, jobs)
        self.parser = parser
        self.config = config
        self.timeout = timeout
        self.max_memory = max_memory
        self.store = store
        self.replaced = 0

    def run(self, tasks: Iterator[Task]) -> Iterator[Outcome]:
        # Two calls per worker: the next waits in its pipe, so it never idles while the parent writes.
        pool = GuardedPool("amtsbrief.batch.parse_task", jobs=self.jobs, timeout=self.timeout,
                           max_memory=self.max_memory, preload=self.parser, warm=True, depth=WORKER_DEPTH)
        config = self.config or DEFAULT_CONFIG
        split = self.jobs > 1  # one worker reads a scan's pages in turn either way
        scans: dict[str, _Scan] = {}  # scans whose pages are being read, by path
        pages: deque[tuple[_Scan, int]] = deque()  # scanned pages to hand out, before any new file
        built: deque[_Scan] = deque()  # scans whose pages are all read, to be made letters
        alone: deque[Task] = deque()  # files of a group that failed, to be parsed one by one
        held: deque[Task] = deque()  # a file taken while gathering a group, that is no part of it
        parsing = 0  # calls with files handed out and not answered: each may bring a scan to split

        def next_task() -> Task | None:
            return held.popleft() if held else next(tasks, None)

        def group(first: Task) -> list[Task]:
            # Small text files travel in groups: a worker parses one in a few milliseconds, and the
            # round trip per call (pickling, the pipe, the parent's loop) is then most of the parent's work.
            found = [first]
            if not _small(first):
                return found
            while len(found) < GROUP_FILES:
                task = next_task()
                if task is None:
                    break
                if not _small(task):
                    held.append(task)
                    break
                found.append(task)
            return found

        def calls() -> Iterator:
            # What the workers do next: build a letter whose pages are read, read a page, parse a file.
            nonlocal parsing
            while True:
                if built:
                    scan = built.popleft()
                    yield (("letter", scan.task, None), (scan.task, scan.read, tuple(sorted(scan.unread)), self.config,
                                                        self.store), "amtsbrief.batch.assemble_scan_task")
                elif pages:
                    scan, index = pages.popleft()
                    if scan.failed or index in scan.unread:
                        continue
                    if scan.read and scan.budget is not None and scan.spent >= scan.budget:
                        # Out of time: the pages not handed out yet are left unread, as a scan read in
                        # one process keeps the pages read within its budget. Its time is the time its
                        # pages took, not the time they waited behind other scans' pages.
                        scan.unread.update(i for i in scan.pages if i not in scan.read and i not in scan.sent)
                        self._maybe_built(scan, built)
                        continue
                    scan.sent.add(index)
                    scan.running += 1
                    yield (("page", scan.task, index), (scan.task.path, index, self.config), "amtsbrief.batch.ocr_page_task")
                elif alone:
                    task = alone.popleft()
                    parsing += 1
                    yield ("file", task, None), (task, self.parser, self.config, self.store, split)
                else:
                    task = next_task()
                    if task is None:
                        if not scans and not parsing:
                            return
                        yield LATER  # an answer still due may bring pages to read, or files to parse alone
                        continue
                    parsing += 1
                    files = group(task)
                    if len(files) == 1:
                        yield ("file", task, None), (task, self.parser, self.config, self.store, split)
                    else:
                        yield (("group", tuple(files), None), (tuple(files), self.parser, self.config, self.store, split),
                               "amtsbrief.batch.parse_group")

        def settled(kind: str, task: Task, result: Outcome, error) -> Iterator[Outcome]:
            if kind == "file" and error is None and result.scan_pages:
                scan = scans[task.path] = _Scan(task, result.scan_pages, config)
                pages.extend((scan, i) for i in scan.pages)
            else:
                yield result if error is None else self._failure(task, error)

        try:
            for (kind, task, index), result, error in pool.map(calls(), source=_key_source):
                parsing -= kind in ("file", "group")
                if kind == "group":
                    if error is None:
                        for outcome in result:
                            yield from settled("file", outcome.task, outcome, None)
                    else:
                        # One of them hung, crashed or ran out of memory: each is parsed again alone,
                        # so that the culprit gets the record and the others their letters.
                        alone.extend(task)
                elif kind == "file":
                    yield from settled(kind, task, result, error)
                elif kind == "page":
                    scan = scans.get(task.path)
                    if scan is None or scan.failed:
                        continue  # its file has failed already: one record is enough
                    scan.running -= 1
                    if error is None:
                        scan.read[index], seconds = result
                        scan.spent += seconds
                        self._maybe_built(scan, built)
                    else:
                        scan.failed = True
                        del scans[task.path]
                        yield self._page_failure(task, index, error)
                else:  # the letter of a scan
                    del scans[task.path]
                    yield result if error is None else self._failure(task, error)
        finally:
            self.replaced += pool.replaced
            pool.close()

    @staticmethod
    def _maybe_built(scan: _Scan, built: deque) -> None:
        if not scan.built and not scan.running and all(i in scan.read or i in scan.unread for i in scan.pages):
            scan.built = True
            built.append(scan)

    @staticmethod
    def _failure(task: Task, error) -> Outcome:
        if isinstance(error, OSError):  # the file vanished or cannot be read
            return Outcome(task, failure=failure_record(task, "input", type(error).__name__, str(error)))
        return Outcome(task, failure=failure_record(task, error.code, type(error).__name__, error.message))

    @staticmethod
    def _page_failure(task: Task, index: int, error) -> Outcome:
        outcome = LocalPool._failure(task, error)
        if isinstance(error, GuardError):  # the guard's words do not say which page: add it
            outcome.failure["message"] = f"page {index + 1}: {outcome.failure['message']}"
        outcome.failure["page"] = index + 1
        return outcome


def _key_source(key: tuple) -> str | None:
    """The file a call of :meth:`LocalPool.run` is about, for the guard's error messages."""
    return key[1].path if isinstance(key[1], Task) else None


def _small(task: Task) -> bool:
    """A file parsed in milliseconds: text or e-mail, a few kilobytes."""
    if not task.path.lower().endswith((".txt", ".eml")):
        return False
    try:
        return os.path.getsize(task.path) <= SMALL_BYTES
    except OSError:
        return False  # the parse says what is wrong with it


class _Scan:
    """A scanned PDF being read page by page: which pages, which are handed out, read, or left unread."""

    def __init__(self, task: Task, pages: tuple[int, ...], config: ParserConfig):
        self.task = task
        self.pages = pages
        self.sent: set[int] = set()
        self.read: dict[int, object] = {}
        self.unread: set[int] = set()
        self.running = 0
        self.failed = False
        self.built = False  # handed on to be made a letter
        self.budget = config.time_budget  # seconds of reading for its pages (ParserConfig.time_budget)
        self.spent = 0.0


class DaskPool:
    """Workers of a Dask cluster (``dask.distributed``), reached at ``address`` (``tcp://HOST:PORT``).

    Files go out in a sliding window of at most ``in_flight`` and come back through
    ``as_completed``; each result is released once written, so neither side holds more than the
    window. The workers must see the files under the same paths (a shared file system).
    """

    def __init__(self, address: str, parser: str = DEFAULT_PARSER, in_flight: int | None = None):
        self.address = address
        self.parser = parser
        self.in_flight = in_flight

    def run(self, tasks: Iterator[Task]) -> Iterator[Outcome]:
        try:
            from distributed import Client, as_completed
        except ImportError:
            raise DependencyError(None, "a Dask scheduler needs dask[distributed]: pip install 'amtsbrief[batch]'") from None
        with Client(self.address, set_as_default=False) as client:
            window = self.in_flight or max(1, sum(client.nthreads().values())) * IN_FLIGHT_PER_WORKER
            running: dict[str, Task] = {}
            pending = as_completed(loop=client.loop)

            def submit(task: Task) -> None:
                future = client.submit(parse_task, task, self.parser, pure=False)
                running[future.key] = task
                pending.add(future)

            for task in _take(tasks, window):
                submit(task)
            for future in pending:
                task = running.pop(future.key)
                try:
                    yield future.result()
                except Exception as error:  # noqa: BLE001 - KilledWorker and the like: record, go on
                    yield _crash_outcome(task, error)
                future.release()
                following = next(tasks, None)
                if following is not None:
                    submit(following)


def _take(iterator: Iterator, count: int) -> Iterator:
    for _ in range(count):
        item = next(iterator, None)
        if item is None:
            return
        yield item


# -- 4. the outputs -------------------------------------------------------------------------------


class Sink(Protocol):
    """Somewhere outcomes are written. It knows what it holds: letters by source hash (the same
    bytes are the same letter), failures by hash *and* path (ten empty files are ten failures)."""

    def known_letters(self) -> set[str]: ...

    def known_failures(self) -> set[tuple[str, str]]: ...

    def write(self, outcome: Outcome) -> None: ...

    def forget_failures(self, paths: set[str]) -> None: ...

    def close(self) -> None: ...


_SHA256_FIELD = re.compile(r'"sha256":"([0-9a-f]{64})"')


def _hashes_in(path: Path) -> set[str]:
    # Why a regex and not json.loads: resuming a batch of 100,000 letters should take seconds, and
    # inside JSON text a quote is escaped, so '"sha256":"' can only be the key itself.
    hashes: set[str] = set()
    if path.exists():
        for line in read_jsonl_lines(path):
            match = _SHA256_FIELD.search(line)
            if match:
                hashes.add(match.group(1))
    return hashes


def _failure_keys_in(path: Path) -> set[tuple[str, str]]:
    # Failures are few: reading them whole is cheap.
    keys: set[tuple[str, str]] = set()
    if path.exists():
        for line in read_jsonl_lines(path):
            record = json.loads(line)
            keys.add((record["sha256"], record["path"]))
    return keys


class _Lines:
    """A JSONL file appended to a chunk of lines at a time: one ``write`` and flush per chunk (a killed
    run leaves at most one torn line at the end, which :func:`repair_tail` cuts off), ``fsync`` at
    most every ``sync_seconds`` and on :meth:`close`."""

    def __init__(self, path: Path, sync_seconds: float = 1.0):
        self._stream = open(path, "a", encoding="utf-8")
        self._sync_seconds = sync_seconds
        self._last_sync = time.monotonic()
        self._unsynced = False

    def write(self, lines: list[str]) -> None:
        if not lines:
            return
        self._stream.write("".join(line + "\n" for line in lines))
        self._stream.flush()
        self._unsynced = True
        if time.monotonic() - self._last_sync >= self._sync_seconds:
            self.sync()

    def sync(self) -> None:
        if self._unsynced:
            os.fsync(self._stream.fileno())
        self._unsynced = False
        self._last_sync = time.monotonic()

    def close(self) -> None:
        if not self._stream.closed:
            self.sync()
            self._stream.close()


def _failure_line(failure: dict) -> str:
    return json.dumps(failure, ensure_ascii=False, separators=(",", ":"))


class BatchDirectory:
    """A batch's output folder: ``letters.jsonl``, ``failures.jsonl`` and ``manifest.json``.

    Opening it cuts off a torn last line (left by a killed run) and reads which hashes are done.
    Outcomes are written in chunks (:data:`CHUNK` of them, or what came in :data:`CHUNK_SECONDS`):
    the parent, one process for all workers, makes one write per chunk instead of one per letter.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if self.path.exists() and not self.path.is_dir():
            raise InputError(str(self.path), "the batch output must be a folder")
        self.path.mkdir(parents=True, exist_ok=True)
        self.letters_path = self.path / LETTERS_FILE
        self.failures_path = self.path / FAILURES_FILE
        self.manifest_path = self.path / MANIFEST_FILE
        self.repaired = [p.name for p in (self.letters_path, self.failures_path) if repair_tail(p)]
        self._letters_done = _hashes_in(self.letters_path)
        self._failures_done = _failure_keys_in(self.failures_path)
        self._letters = _Lines(self.letters_path)
        self._failures = _Lines(self.failures_path)
        self._letter_lines: list[str] = []
        self._failure_lines: list[str] = []
        self._flushed = time.monotonic()

    def known_letters(self) -> set[str]:
        return self._letters_done

    def known_failures(self) -> set[tuple[str, str]]:
        return self._failures_done

    def counts(self) -> dict[str, int]:
        """How many letters and failures the folder holds."""
        return {"letters": len(self._letters_done), "failures": len(self._failures_done)}

    def write(self, outcome: Outcome) -> None:
        sha256 = outcome.task.sha256
        if outcome.letter_json is not None:
            if sha256 not in self._letters_done:
                self._letter_lines.append(outcome.letter_json)
                self._letters_done.add(sha256)
        elif (sha256, outcome.task.path) not in self._failures_done:
            self._failure_lines.append(_failure_line(outcome.failure))
            self._failures_done.add((sha256, outcome.task.path))
        if len(self._letter_lines) + len(self._failure_lines) >= CHUNK or \
                time.monotonic() - self._flushed >= CHUNK_SECONDS:
            self.flush()

    def flush(self) -> None:
        """Write the outcomes in hand."""
        self._letters.write(self._letter_lines)
        self._failures.write(self._failure_lines)
        self._letter_lines, self._failure_lines = [], []
        self._flushed = time.monotonic()

    def forget_failures(self, paths: set[str]) -> None:
        """Drop the failure records of ``paths`` (to parse them again), rewriting ``failures.jsonl``
        aside and renaming it over the old one; a kill in between leaves either file whole."""
        if not self.failures_path.exists():
            return
        self.flush()
        kept = [line for line in read_jsonl_lines(self.failures_path) if json.loads(line)["path"] not in paths]
        self._failures.close()
        aside = self.failures_path.with_suffix(".jsonl.tmp")
        with open(aside, "w", encoding="utf-8") as stream:
            stream.writelines(line + "\n" for line in kept)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(aside, self.failures_path)
        self._failures_done = {key for key in self._failures_done if key[1] not in paths}
        self._failures = _Lines(self.failures_path)

    def write_manifest(self, manifest: dict) -> None:
        """Replace ``manifest.json`` atomically (write aside, fsync, rename)."""
        aside = self.manifest_path.with_suffix(".json.tmp")
        with open(aside, "w", encoding="utf-8") as stream:
            json.dump(manifest, stream, ensure_ascii=False, indent=2)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(aside, self.manifest_path)

    def read_manifest(self) -> dict:
        """The manifest so far, or an empty one."""
        if not self.manifest_path.exists():
            return {}
        try:
            return json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except ValueError:
            return {}  # a manifest is a summary: the JSONL files are the truth, so start it afresh

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self._letters.close()
            self._failures.close()


class StoreSink:
    """Writes outcomes to an :class:`amtsbrief.store.Store`, a chunk at a time in one transaction,
    from the rows the workers prepared (:func:`amtsbrief.store.prepare`)."""

    def __init__(self, path: str | Path):
        from amtsbrief.store import Store

        self.store = Store(path)
        self._letters = self.store.letter_hashes()
        self._failures = self.store.failure_keys()
        self._letter_rows: list[PreparedLetter] = []
        self._failure_rows: list[dict] = []
        self._flushed = time.monotonic()

    def known_letters(self) -> set[str]:
        return self._letters

    def known_failures(self) -> set[tuple[str, str]]:
        return self._failures

    def forget_failures(self, paths: set[str]) -> None:
        """Drop the failure records of ``paths``, to parse them again."""
        self.flush()
        stale = [key for key in self._failures if key[1] in paths]
        for _, path in stale:
            self.store._db.execute("DELETE FROM failures WHERE path = ?", (path,))
        self._failures.difference_update(stale)

    def write(self, outcome: Outcome) -> None:
        sha256, path = outcome.task.sha256, outcome.task.path
        if outcome.letter_json is not None:
            if sha256 not in self._letters:
                prepared = outcome.prepared
                if prepared is None:  # from a pool that did not prepare it (a Dask worker)
                    from amtsbrief.schema import Letter
                    from amtsbrief.store import prepare

                    prepared = prepare(Letter.model_validate_json(outcome.letter_json), sha256=sha256, path=path,
                                       letter_json=outcome.letter_json)
                self._letter_rows.append(prepared)
                self._letters.add(sha256)
        elif (sha256, path) not in self._failures:
            self._failure_rows.append(outcome.failure)
            self._failures.add((sha256, path))
        if len(self._letter_rows) + len(self._failure_rows) >= CHUNK or \
                time.monotonic() - self._flushed >= CHUNK_SECONDS:
            self.flush()

    def flush(self) -> None:
        """Write the outcomes in hand, in one transaction."""
        if self._letter_rows or self._failure_rows:
            self.store.add_prepared(self._letter_rows)
            self.store.add_failures(self._failure_rows)
            self.store.commit()
        self._letter_rows, self._failure_rows = [], []
        self._flushed = time.monotonic()

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self.store.close()


# -- the run --------------------------------------------------------------------------------------


@dataclass
class BatchSummary:
    """What a run did. ``skipped``: already done by an earlier run; ``duplicates``: same bytes as
    another file of this run. ``found = skipped + duplicates + parsed + failed`` when it completes."""

    found: int = 0
    skipped: int = 0
    duplicates: int = 0
    parsed: int = 0
    with_warnings: int = 0
    failed: int = 0
    seconds: float = 0.0
    failure_codes: dict[str, int] = field(default_factory=dict)

    @property
    def done(self) -> int:
        return self.skipped + self.duplicates + self.parsed + self.failed

    @property
    def rate(self) -> float:
        """Files parsed (or failed) per second in this run."""
        return (self.parsed + self.failed) / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict:
        return {**asdict(self), "seconds": round(self.seconds, 3), "rate": round(self.rate, 2)}


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_batch(
    inputs: Iterable[str | Path],
    *,
    out: str | Path | None = None,
    db: str | Path | None = None,
    jobs: int | None = None,
    scheduler: str | None = None,
    parser: str = DEFAULT_PARSER,
    in_flight: int | None = None,
    on_progress: Callable[[BatchSummary], None] | None = None,
    config: ParserConfig | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_memory: int | None = DEFAULT_MAX_MEMORY,
    retry_failed: bool = False,
) -> BatchSummary:
    """Parse every file of ``inputs`` into the batch folder ``out`` and/or the store ``db``.

    Files whose hash is already in every output are skipped, so running the same batch again
    resumes it; with ``retry_failed`` the files that failed before are parsed again (their old
    failure records are dropped first). ``jobs`` guarded worker processes (default: the cores)
    parse locally, each file within ``timeout`` seconds and ``max_memory`` bytes; with
    ``scheduler`` (``tcp://HOST:PORT``) a Dask cluster does. ``parser`` names the function that
    reads one path into a ``Letter`` (given ``config`` as its second argument when that is set).
    ``on_progress`` is called with the running summary after every file.
    """
    if out is None and db is None:
        raise InputError(None, "a batch needs an output: a folder (-o) or a store (--db)")
    inputs = [str(item) for item in inputs]
    try:
        # Resolved here too, so that a parser that cannot load stops the batch at once instead of
        # becoming one failure record per file.
        _resolve(parser)
    except (ImportError, AttributeError, ValueError) as error:
        raise DependencyError(None, f"cannot load the parser {parser!r}: {error}") from None
    paths = [str(path) for path in discover(inputs)]  # names: a Path object costs four times the memory
    summary = BatchSummary(found=len(paths))
    directory = BatchDirectory(out) if out is not None else None
    sinks: list[Sink] = [sink for sink in (directory,) if sink is not None]
    if db is not None:
        sinks.append(StoreSink(db))
    if retry_failed:
        again = {str(path) for path in paths}
        for sink in sinks:
            sink.forget_failures(again)
    pool: Pool = DaskPool(scheduler, parser, in_flight) if scheduler else LocalPool(
        jobs or default_jobs(), parser, in_flight, config=config, timeout=timeout, max_memory=max_memory,
        store=db is not None)

    run_record = {
        "started": _now(),
        "finished": None,
        "completed": False,
        "inputs": inputs,
        "jobs": None if scheduler else (jobs or default_jobs()),
        "scheduler": scheduler,
        "parser": parser,
        "timeout": timeout,
        "max_memory": max_memory,
        "retry_failed": retry_failed,
        "repaired": directory.repaired if directory else [],
    }
    manifest = directory.read_manifest() if directory else {}
    if directory:
        manifest.setdefault("format", "amtsbrief-batch/1")
        manifest.setdefault("created", run_record["started"])
        manifest.setdefault("runs", []).append(run_record)
        directory.write_manifest(manifest)

    # Done means done in every output: a letter only in the folder is parsed again for the store.
    known_letters = set.intersection(*(sink.known_letters() for sink in sinks))
    known_failures = set.intersection(*(sink.known_failures() for sink in sinks))
    # Files with the same bytes as one already submitted in this run wait for its outcome: a
    # letter is stored once, but every path of a failed content is listed (ten empty files).
    waiting: dict[str, list[Task]] = {}
    failed_contents: dict[str, dict] = {}
    started = time.monotonic()

    def report() -> None:
        summary.seconds = time.monotonic() - started
        if on_progress:
            on_progress(summary)

    def tasks() -> Iterator[Task]:
        for path in paths:
            try:
                sha256 = file_sha256(path)
            except OSError as error:
                # Unreadable (vanished, no permission): a failure like any other, keyed by its path.
                task = Task(str(path), hashlib.sha256(f"unreadable:{path}".encode()).hexdigest())
                record(Outcome(task, failure=failure_record(task, "input", type(error).__name__, str(error))))
                continue
            task = Task(str(path), sha256)
            if sha256 in known_letters or (sha256, task.path) in known_failures:
                summary.skipped += 1
                report()
            elif sha256 in failed_contents:
                record(_same_failure(task, failed_contents[sha256]))
            elif sha256 in waiting or sha256 in known_letters_now:
                if sha256 in waiting:
                    waiting[sha256].append(task)
                else:
                    summary.duplicates += 1
                    report()
            else:
                waiting[sha256] = []
                handed_out[task.path] = task
                yield task

    known_letters_now: set[str] = set()

    handed_out: dict[str, Task] = {}  # to the pool, without an outcome yet

    def settle(outcome: Outcome) -> None:
        handed_out.pop(outcome.task.path, None)
        record(outcome)
        twins = waiting.pop(outcome.task.sha256, [])
        if outcome.failure is not None:
            failed_contents[outcome.task.sha256] = outcome.failure
            for twin in twins:
                record(_same_failure(twin, outcome.failure))
        else:
            known_letters_now.add(outcome.task.sha256)
            summary.duplicates += len(twins)
            report()

    def record(outcome: Outcome) -> None:
        for sink in sinks:
            sink.write(outcome)
        if outcome.failure is not None:
            summary.failed += 1
            code = outcome.failure["code"]
            summary.failure_codes[code] = summary.failure_codes.get(code, 0) + 1
        else:
            summary.parsed += 1
            summary.with_warnings += outcome.warnings > 0
        report()

    try:
        for outcome in pool.run(tasks()):
            settle(outcome)
        # The batch's promise is that it loses nothing: a file the pool gave no outcome for (a bug)
        # is recorded as such, never silently left out.
        for task in list(handed_out.values()):
            settle(Outcome(task, failure=failure_record(task, "internal", "BatchError", "the batch got no outcome "
                                                        "for this file (a bug in amtsbrief); parse it again with --retry-failed")))
        run_record["completed"] = True
    finally:
        for sink in sinks:
            sink.close()
        summary.seconds = time.monotonic() - started
        if directory:
            run_record["finished"] = _now()
            run_record["summary"] = summary.as_dict()
            manifest["updated"] = run_record["finished"]
            manifest["totals"] = directory.counts()
            directory.write_manifest(manifest)
    return summary
