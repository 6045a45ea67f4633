"""Batches: parse many files in parallel into a durable output that a rerun resumes.

A batch runs in four steps, each a function here:

1. :func:`discover` turns files, folders (recursively, by :data:`KNOWN_SUFFIXES`) and globs into
   a sorted list of paths;
2. each path is hashed (SHA-256 of its bytes); a hash that every output already holds, or that
   this run already saw, is skipped — that is what makes a rerun resume;
3. a pool parses the rest — guarded local worker processes (:class:`LocalPool`, built on
   :mod:`amtsbrief.guard`: a memory cap and a timeout per file) or a Dask cluster (:class:`DaskPool`)
   — with a bounded number of files in flight, so memory stays flat however many letters there
   are; :func:`parse_task` runs in the worker and never raises;
4. each outcome is written as it arrives to the sinks: a batch directory (:class:`BatchDirectory`:
   ``letters.jsonl``, ``failures.jsonl``, ``manifest.json``) and/or the SQLite store.

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
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Protocol

from amtsbrief.config import DEFAULT_CONFIG, ParserConfig
from amtsbrief.errors import AmtsbriefError, DependencyError, InputError
from amtsbrief.guard import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT, GuardedPool
from amtsbrief.export.jsonl import JsonlAppender, read_jsonl_lines, repair_tail

KNOWN_SUFFIXES = frozenset({".txt", ".eml", ".msg", ".pdf", ".png", ".tif", ".tiff", ".jpg", ".jpeg", ".xml"})
DEFAULT_PARSER = "amtsbrief.parse_file"
LETTERS_FILE = "letters.jsonl"
FAILURES_FILE = "failures.jsonl"
MANIFEST_FILE = "manifest.json"
# Files in flight per worker: enough to keep every worker busy, few enough to keep memory flat.
IN_FLIGHT_PER_WORKER = 4


# -- 1. finding the files -------------------------------------------------------------------------


def _is_known(path: Path) -> bool:
    return path.suffix.lower() in KNOWN_SUFFIXES


def discover(inputs: Iterable[str | Path]) -> list[Path]:
    """The files a batch over ``inputs`` reads: each named file, every known file under each folder,
    every match of each glob; sorted and without repeats.

    A named file is taken whatever its extension (the user asked for it); folders and globs only
    yield files with a known extension. A name that matches nothing is an :class:`InputError`.
    """
    found: set[Path] = set()
    for item in inputs:
        text = str(item)
        path = Path(text)
        if path.is_file():
            found.add(path)
        elif path.is_dir():
            found.update(p for p in path.rglob("*") if p.is_file() and _is_known(p))
        elif glob.has_magic(text):
            for match in glob.iglob(text, recursive=True):
                candidate = Path(match)
                if candidate.is_file() and _is_known(candidate):
                    found.add(candidate)
                elif candidate.is_dir():
                    found.update(p for p in candidate.rglob("*") if p.is_file() and _is_known(p))
        else:
            raise InputError(text, "no such file or folder")
    return sorted(found)


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


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of a task: the letter's JSON, or a failure record (a dict, as written to JSONL)."""

    task: Task
    letter_json: str | None = None
    warnings: int = 0
    failure: dict | None = None


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


def parse_task(task: Task, parser: str = DEFAULT_PARSER, config: ParserConfig | None = None) -> Outcome:
    """Parse one file (runs in a worker); every error becomes a failure record, nothing raises
    except ``MemoryError``, which the guard records as ``memory`` and answers with a fresh worker."""
    try:
        letter = _resolve(parser)(task.path) if config is None else _resolve(parser)(task.path, config)
        letter.source.path = task.path
        letter.source.sha256 = task.sha256
        return Outcome(task, letter_json=letter.model_dump_json(), warnings=len(letter.warnings))
    except AmtsbriefError as error:
        return Outcome(task, failure=failure_record(task, error.code, type(error).__name__, error.message))
    except MemoryError:
        raise
    except OSError as error:  # vanished, a directory, no permission: the file's problem, not a bug
        return Outcome(task, failure=failure_record(task, "input", type(error).__name__, str(error)))
    except Exception as error:  # noqa: BLE001 - why: a parser bug must cost one letter, never the batch
        trace = traceback.format_exception(type(error), error, error.__traceback__, limit=-3)
        return Outcome(
            task,
            failure=failure_record(task, "internal", type(error).__name__, str(error) or repr(error), traceback="".join(trace)),
        )


def _same_failure(task: Task, failure: dict) -> Outcome:
    """The failure of a file with the same bytes as one that already failed, without parsing it again."""
    return Outcome(task, failure={**failure, "path": task.path, "same_as": failure["path"]})


def _crash_outcome(task: Task, error: BaseException) -> Outcome:
    return Outcome(
        task,
        failure=failure_record(task, "crashed", type(error).__name__, f"the worker died parsing this file: {error}"),
    )


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
                 max_memory: int | None = DEFAULT_MAX_MEMORY):
        self.jobs = max(1, jobs)
        self.parser = parser
        self.config = config
        self.timeout = timeout
        self.max_memory = max_memory
        self.replaced = 0

    def run(self, tasks: Iterator[Task]) -> Iterator[Outcome]:
        pool = GuardedPool("amtsbrief.batch.parse_task", jobs=self.jobs, timeout=self.timeout,
                           max_memory=self.max_memory, preload=self.parser, warm=True)
        try:
            items = ((task, (task, self.parser, self.config)) for task in tasks)
            for task, outcome, error in pool.map(items, source=lambda task: task.path):
                if error is None:
                    yield outcome
                elif isinstance(error, OSError):  # the file vanished or cannot be read
                    yield Outcome(task, failure=failure_record(task, "input", type(error).__name__, str(error)))
                else:
                    yield Outcome(task, failure=failure_record(task, error.code, type(error).__name__, error.message))
        finally:
            self.replaced += pool.replaced
            pool.close()


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


class BatchDirectory:
    """A batch's output folder: ``letters.jsonl``, ``failures.jsonl`` and ``manifest.json``.

    Opening it cuts off a torn last line (left by a killed run) and reads which hashes are done.
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
        self._letters = JsonlAppender(self.letters_path)
        self._failures = JsonlAppender(self.failures_path)

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
                self._letters.append(outcome.letter_json)
                self._letters_done.add(sha256)
        elif (sha256, outcome.task.path) not in self._failures_done:
            self._failures.append_json(outcome.failure)
            self._failures_done.add((sha256, outcome.task.path))

    def forget_failures(self, paths: set[str]) -> None:
        """Drop the failure records of ``paths`` (to parse them again), rewriting ``failures.jsonl``
        aside and renaming it over the old one; a kill in between leaves either file whole."""
        if not self.failures_path.exists():
            return
        kept = [line for line in read_jsonl_lines(self.failures_path) if json.loads(line)["path"] not in paths]
        self._failures.close()
        aside = self.failures_path.with_suffix(".jsonl.tmp")
        with open(aside, "w", encoding="utf-8") as stream:
            stream.writelines(line + "\n" for line in kept)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(aside, self.failures_path)
        self._failures_done = {key for key in self._failures_done if key[1] not in paths}
        self._failures = JsonlAppender(self.failures_path)

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
        self._letters.close()
        self._failures.close()


class StoreSink:
    """Writes outcomes to an :class:`amtsbrief.store.Store`."""

    def __init__(self, path: str | Path):
        from amtsbrief.store import Store

        self.store = Store(path)
        self._letters = self.store.letter_hashes()
        self._failures = self.store.failure_keys()

    def known_letters(self) -> set[str]:
        return self._letters

    def known_failures(self) -> set[tuple[str, str]]:
        return self._failures

    def forget_failures(self, paths: set[str]) -> None:
        """Drop the failure records of ``paths``, to parse them again."""
        stale = [key for key in self._failures if key[1] in paths]
        for _, path in stale:
            self.store._db.execute("DELETE FROM failures WHERE path = ?", (path,))
        self._failures.difference_update(stale)

    def write(self, outcome: Outcome) -> None:
        from amtsbrief.schema import Letter

        sha256, path = outcome.task.sha256, outcome.task.path
        if outcome.letter_json is not None:
            if sha256 not in self._letters:
                self.store.add(Letter.model_validate_json(outcome.letter_json), sha256=sha256, path=path)
                self._letters.add(sha256)
        elif (sha256, path) not in self._failures:
            self.store.add_failure(outcome.failure)
            self._failures.add((sha256, path))

    def close(self) -> None:
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
    paths = discover(inputs)
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
        jobs or default_jobs(), parser, in_flight, config=config, timeout=timeout, max_memory=max_memory)

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
                yield task

    known_letters_now: set[str] = set()

    def settle(outcome: Outcome) -> None:
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
