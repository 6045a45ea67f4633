"""Guarded worker processes: parse where a crash, a hang or a memory blow-up cannot reach the caller.

Native libraries (PDFium, Tesseract, Pillow's decoders) can abort the process or take all memory on a
hostile file; the limits of :class:`~amtsbrief.config.ParserConfig` stop what can be foreseen, the
guard the rest. A :class:`Worker` is a forked process with a memory cap (``setrlimit`` on its data
segment, inherited by the Tesseract it starts) that runs one call at a time; the parent waits for the
answer no longer than the timeout. What becomes of a call, as a :class:`~amtsbrief.errors.GuardError`:

- ``timeout``: no answer within the timeout; the worker is killed;
- ``memory``: the call ran out of memory under the cap (Python's ``MemoryError``, or the worker
  died of a signal near the cap);
- ``crashed``: the worker died otherwise (a native library aborted or segfaulted).

A worker that is killed or dies is replaced by a new one on the next call; a pool may hand a worker
its next call while it runs one (``depth``), and a call waiting behind a stopped worker's goes to the
next worker, so that no call is lost and none is blamed for another's crash. ``batch`` runs a
:class:`GuardedPool` of them, ``parse`` one; Python callers use :func:`parse_file_guarded`.
Needs ``fork`` (Linux, macOS).
"""

from __future__ import annotations

import importlib
import os
import pickle
import resource
import select
import signal
import socket
import time
from collections import deque
from multiprocessing.connection import Connection
from typing import Any, Callable, Iterator

from amtsbrief.errors import AmtsbriefError, GuardError

# Under 30 s with the worker's start, the most a hostile file may cost; a long scan's OCR stops earlier, at
# the time budget (commands/limits.config_from), and keeps the pages read by then.
DEFAULT_TIMEOUT = 25.0
DEFAULT_MAX_MEMORY = 1024 * 1024 * 1024  # bytes of data segment per worker
# A worker that dies of a signal after using this share of its cap most likely ran out of memory.
NEAR_CAP = 0.85
# A new worker first loads the parser and its models (spaCy, a few seconds on a busy machine); that
# start-up is not the file's time. The file's timeout starts when the worker says it is ready; the
# start-up itself may take this long.
STARTUP_GRACE = 120.0
WARM_UP_TEXT = ("Stadt Musterstadt · Markt 1 · 01234 Musterstadt\n\nSehr geehrte Frau Beispiel,\n\n"
                "vielen Dank für Ihre Anfrage vom 3. März 2024.\n\nMit freundlichen Grüßen\n\nMax Mustermann\n")
# The parent's ends of the live workers' pipes. A new worker closes its inherited copies at once:
# otherwise closing a pipe in the parent would not end the worker at its other end.
_PARENT_ENDS: set[int] = set()


def _limit_memory(max_memory: int | None) -> None:
    if not max_memory:
        return
    # RLIMIT_DATA counts the heap and private writable mappings, not shared libraries or reserved
    # address space, so a cap near the real need does not break imports the way RLIMIT_AS would.
    for limit in (resource.RLIMIT_DATA,):
        try:
            resource.setrlimit(limit, (max_memory, max_memory))
        except (ValueError, OSError):
            pass


def _die_with_parent() -> None:
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: a worker ends when its pipe closes, after its current file


def _resolve(dotted: str) -> Callable:
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def _error_info(error: AmtsbriefError) -> tuple:
    return (type(error).__module__, type(error).__qualname__, error.code, error.source, error.message,
            getattr(error, "limit", None))


def rebuild_error(info: tuple) -> AmtsbriefError:
    """An ``AmtsbriefError`` raised in a worker, rebuilt in the parent with its class, code and message."""
    module, qualname, code, source, message, limit = info
    try:
        cls = getattr(importlib.import_module(module), qualname)
        if not (isinstance(cls, type) and issubclass(cls, AmtsbriefError)):
            raise TypeError(qualname)
    except (ImportError, AttributeError, TypeError):
        cls = AmtsbriefError
    error = cls.__new__(cls)
    AmtsbriefError.__init__(error, source, message)
    error.code = code
    if limit is not None:
        error.limit = limit
    return error


def warm_up() -> None:
    """Load the parser and its models by parsing a small letter (what a worker does before its first file)."""
    from amtsbrief.api import parse_text

    parse_text(WARM_UP_TEXT)


def _serve(conn: Connection) -> None:
    """The worker's loop: receive ``(function, args)``, answer ``("ok", result)`` or ``("error", info)``."""
    conn.send(("ready", None))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        function, args = request
        try:
            result = ("ok", _resolve(function)(*args))
        except AmtsbriefError as error:
            result = ("error", _error_info(error))
        except MemoryError:
            result = ("memory", "ran out of memory")
        except OSError as error:  # a missing file, a directory: the caller gets the same OSError
            result = ("oserror", (type(error).__name__, error.errno, error.strerror, error.filename))
        except RecursionError:
            result = ("crashed", "the input is nested too deeply (recursion limit)")
        except Exception as error:  # noqa: BLE001 - why: a bug costs this call, never the worker's parent
            result = ("internal", f"{type(error).__name__}: {error}")
        try:
            conn.send(result)
        except MemoryError:
            conn.send(("memory", "ran out of memory"))
        if result[0] == "memory":
            return  # a heap that hit its cap is not worth keeping: a fresh worker replaces this one


class Worker:
    """One forked worker process with a memory cap, running one call at a time."""

    def __init__(self, max_memory: int | None = DEFAULT_MAX_MEMORY, preload: str | None = None, warm: bool = False):
        self.max_memory = max_memory
        parent_socket, child_socket = socket.socketpair()
        pid = os.fork()
        if pid == 0:  # the worker
            code = 0
            try:
                parent_socket.close()
                for fd in list(_PARENT_ENDS):
                    try:
                        os.close(fd)
                    except OSError:
                        pass
                _PARENT_ENDS.clear()
                signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
                # A group of its own, so that stopping the worker also stops the Tesseract it started;
                # and it dies with its parent (Linux), so that a killed batch leaves no worker behind.
                os.setpgid(0, 0)
                _die_with_parent()
                import faulthandler

                faulthandler.disable()  # a native crash is reported by the parent, in one line
                _limit_memory(max_memory)
                try:
                    if preload:
                        _resolve(preload)
                    if warm:
                        warm_up()
                except Exception:  # noqa: BLE001 - the call will report it
                    pass
                _serve(Connection(child_socket.detach()))
            except BaseException:  # noqa: BLE001
                code = 70
            finally:
                os._exit(code)
        child_socket.close()
        self.pid = pid
        self.conn = Connection(parent_socket.detach())
        _PARENT_ENDS.add(self.conn.fileno())
        # The calls sent and not yet answered, oldest first: the worker reads its requests in order,
        # so the first is the one it is running, and the one to blame if it hangs or dies.
        self.calls: deque[tuple[Any, tuple, str]] = deque()  # (key, args, function)
        self.accepting = True  # False once a send failed: the worker is dead, its death not yet seen
        self.deadline: float | None = None
        self.timeout: float | None = None
        self.ready = False
        self.started = 0.0

    @property
    def task(self) -> Any:
        """The key of the call the worker is running (the oldest unanswered one)."""
        return self.calls[0][0] if self.calls else None

    def send(self, function: str, args: tuple, task: Any, timeout: float | None, *, request: bytes | None = None) -> None:
        """Hand the worker a call (``request``: the pickled ``(function, args)``, when the caller has it).
        A call sent while another is running waits in the pipe; its clock starts when it is next."""
        self.timeout = timeout
        self.conn.send_bytes(request if request is not None else pickle.dumps((function, args), pickle.HIGHEST_PROTOCOL))
        self.calls.append((task, args, function))
        if len(self.calls) == 1:
            self.started = time.monotonic()
            self._set_deadline()

    def answered(self) -> tuple[Any, tuple, str]:
        """The running call has been answered: the next one, if any, runs from now."""
        done = self.calls.popleft()
        if self.calls:
            self.started = time.monotonic()
            self._set_deadline()
        else:
            self.deadline = None
        return done

    def _set_deadline(self) -> None:
        if self.timeout is None:
            self.deadline = None if self.ready else self.started + STARTUP_GRACE
        else:
            self.deadline = time.monotonic() + self.timeout + (0 if self.ready else STARTUP_GRACE)

    def became_ready(self) -> None:
        """The worker has loaded the parser: the file's own time starts now."""
        self.ready = True
        self.started = time.monotonic()
        self._set_deadline()

    def reap(self, kill: bool = False) -> tuple[int, int]:
        """Stop the process (``SIGKILL`` when ``kill``) and return its wait status and peak RSS in bytes."""
        if kill:
            try:
                os.killpg(self.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                try:
                    os.kill(self.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        try:
            _, status, usage = os.wait4(self.pid, 0)
        except ChildProcessError:
            status, usage = 0, None
        self._close_pipe()
        return status, (usage.ru_maxrss * 1024 if usage else 0)

    def _close_pipe(self) -> None:
        if not self.conn.closed:
            _PARENT_ENDS.discard(self.conn.fileno())
            try:
                self.conn.close()
            except OSError:
                pass

    def close(self) -> None:
        """End an idle worker: closing its pipe ends its loop."""
        self._close_pipe()
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass


def death_error(source: str | None, status: int, peak: int, max_memory: int | None) -> GuardError:
    """What a worker's death means: ``memory`` near its cap (or killed by the OOM killer), else ``crashed``."""
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        if number == signal.SIGKILL or max_memory and peak >= NEAR_CAP * max_memory:
            return GuardError(source, f"the worker was killed ({name}) after using {peak // 2**20} MB: "
                                      "out of memory", code="memory")
        return GuardError(source, f"the worker died of {name} (a native library crashed on this file)", code="crashed")
    return GuardError(source, f"the worker exited with status {os.WEXITSTATUS(status)} while parsing this file",
                      code="crashed")


def _answer_error(source: str | None, answer: tuple) -> AmtsbriefError | OSError | None:
    kind, value = answer
    if kind == "ok":
        return None
    if kind == "error":
        return rebuild_error(value)
    if kind == "memory":
        return GuardError(source, f"{value} under the worker's memory cap", code="memory")
    if kind == "oserror":
        import builtins

        name, errno, strerror, filename = value
        cls = getattr(builtins, name, OSError)
        return cls(errno, strerror, filename) if isinstance(cls, type) and issubclass(cls, OSError) else OSError(errno, strerror, filename)
    if kind == "crashed":
        return GuardError(source, value, code="crashed")
    return GuardError(source, f"internal error: {value}", code="internal")


# A call waits in a busy worker's pipe only when it is this small: a larger one could fill the pipe, and
# the parent, blocked writing it, could not stop a worker that hangs.
QUEUE_BYTES = 32 * 1024


class _Later:
    """What an item iterator of :meth:`GuardedPool.map` yields for "nothing to hand out now, ask
    again after the next answer" (work that depends on answers still running)."""

    def __repr__(self) -> str:
        return "LATER"


LATER = _Later()


def _wait(connections: dict[Connection, Any], timeout: float | None) -> list[Connection]:
    """The connections with something to read (an answer, or the end of a dead worker's pipe).

    ``multiprocessing.connection.wait`` builds and fills a selector on every call, which in a batch
    of small letters cost the parent more than all else it does per letter; a poll object of the
    few pipes at hand costs a fraction of it."""
    poller = select.poll()
    by_fd = {}
    for conn in connections:
        by_fd[conn.fileno()] = conn
        poller.register(conn.fileno(), select.POLLIN)
    try:
        events = poller.poll(None if timeout is None else max(0, int(timeout * 1000 + 0.999)))
    except InterruptedError:
        return []
    return [by_fd[fd] for fd, _ in events]


class GuardedPool:
    """``jobs`` guarded workers calling ``function`` on each item, each call within ``timeout`` seconds.

    :meth:`map` takes ``(key, args)`` pairs lazily and yields ``(key, result, error)`` as calls
    finish, in any order; exactly one of ``result`` and ``error`` is set. At most ``depth`` calls
    are handed to a worker at once (the one it runs, the rest waiting in its pipe, so that it never
    waits for the parent between two calls), so memory stays flat however many items there are. A
    worker that is killed or dies is replaced, the call it was running gets the error, the calls
    waiting behind it go to the next workers, and the others go on: no item is lost. With ``warm``
    the parent loads the parser and its models once before the first fork, so that every worker,
    replacements included, starts with them loaded. An item may be ``(key, args, function)`` to
    call another function than the pool's, and the iterator may yield :data:`LATER` when its next
    item waits for answers.
    """

    def __init__(self, function: str, *, jobs: int = 1, timeout: float | None = DEFAULT_TIMEOUT,
                 max_memory: int | None = DEFAULT_MAX_MEMORY, preload: str | None = None, warm: bool = False,
                 depth: int = 1):
        self.function = function
        self.warm = warm
        self.jobs = max(1, jobs)
        self.depth = max(1, depth)
        self.timeout = timeout
        self.max_memory = max_memory
        self.preload = preload
        self._idle: list[Worker] = []
        self.replaced = 0

    def _worker(self) -> Worker:
        if self._idle:
            return self._idle.pop()
        if self.warm:
            self.warm = False
            if self.preload:
                _resolve(self.preload)
            warm_up()
        return Worker(self.max_memory, self.preload, warm=self.preload is not None)

    def map(self, items: Iterator[tuple], source: Callable[[Any], str | None] = str
            ) -> Iterator[tuple[Any, Any, AmtsbriefError | OSError | None]]:
        items = iter(items)
        live: list[Worker] = []
        # Items taken back from a worker that was stopped or died before it ran them: handed out first.
        again: deque[tuple] = deque()
        exhausted = False

        def take() -> tuple | _Later | None:
            nonlocal exhausted
            if again:
                return again.popleft()
            if exhausted:
                return None
            item = next(items, None)
            if item is None:
                exhausted = True
            return item

        def slot(size: int) -> Worker | None:
            for worker in live:
                if not worker.calls and worker.accepting:
                    return worker
            if len(live) < self.jobs:
                worker = self._worker()
                live.append(worker)
                return worker
            if size > QUEUE_BYTES:
                return None
            open_ = [w for w in live if w.accepting]
            fewest = min(open_, key=lambda w: len(w.calls)) if open_ else None
            return fewest if fewest is not None and len(fewest.calls) < self.depth else None

        def retire(worker: Worker) -> None:
            """``worker`` is gone: its waiting calls go back to be handed out again, in order."""
            live.remove(worker)
            if worker.calls:
                worker.calls.popleft()  # the call it was running has its answer: the error
            again.extendleft(reversed(worker.calls))
            worker.calls.clear()
            self.replaced += 1

        try:
            while True:
                while True:  # hand out items while there is a worker for them
                    item = take()
                    if item is None or item is LATER:
                        break
                    key, args, *rest = item
                    function = rest[0] if rest else self.function
                    request = pickle.dumps((function, args), pickle.HIGHEST_PROTOCOL)
                    worker = slot(len(request))
                    if worker is None:
                        again.appendleft(item)
                        break
                    try:
                        worker.send(function, args, key, self.timeout, request=request)
                    except OSError:  # the worker had died meanwhile
                        again.appendleft(item)
                        worker.accepting = False
                        if not worker.calls:  # nothing to blame it for: a fresh one takes its place
                            live.remove(worker)
                            worker.reap(kill=True)
                        # else its death is seen below, and blamed on the call it was running
                if not any(worker.calls for worker in live):
                    if item is LATER:
                        raise RuntimeError("GuardedPool.map: the items wait for answers, but no call is running")
                    return
                busy = {worker.conn: worker for worker in live if worker.calls}
                deadlines = [w.deadline for w in busy.values() if w.deadline is not None]
                wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
                ready = _wait(busy, wait_for)
                for conn in ready:
                    worker = busy[conn]
                    if not worker.ready and self._is_ready(worker):
                        continue
                    yield self._finish(worker, source, retire)
                now = time.monotonic()
                for worker in [w for w in busy.values() if w in live]:
                    if worker.calls and worker.deadline is not None and now >= worker.deadline:
                        key = worker.task
                        worker.reap(kill=True)
                        retire(worker)
                        message = (f"parsing took longer than the timeout of {self.timeout:g} s; the worker was stopped"
                                   if worker.ready else "the worker did not start (loading the parser took too long)")
                        yield key, None, GuardError(source(key), message, code="timeout")
        finally:
            for worker in live:
                if worker.calls:
                    worker.reap(kill=True)
                else:
                    self._idle.append(worker)
            self.close()

    @staticmethod
    def _is_ready(worker: Worker) -> bool:
        """Read a fresh worker's "ready" message, if that is what arrived; a death is left to ``_finish``."""
        try:
            if worker.conn.poll() and worker.conn.recv()[0] == "ready":
                worker.became_ready()
                return True
        except (EOFError, OSError):
            return False
        return False

    def _finish(self, worker: Worker, source: Callable[[Any], str | None], retire: Callable[[Worker], None]):
        key = worker.task
        try:
            answer = worker.conn.recv()
        except (EOFError, OSError):
            status, peak = worker.reap()
            retire(worker)
            return key, None, death_error(source(key), status, peak, self.max_memory)
        error = _answer_error(source(key), answer)
        if answer[0] == "memory":
            worker.reap()
            retire(worker)
        else:
            worker.answered()
        return key, (answer[1] if error is None else None), error

    def close(self) -> None:
        """End the idle workers."""
        while self._idle:
            self._idle.pop().close()

    def call(self, args: tuple, key: Any = None) -> Any:
        """One guarded call: its result, or its error raised."""
        for _, result, error in self.map(iter([(key, args)]), source=lambda k: k):
            if error is not None:
                raise error
            return result
        raise GuardError(key, "the worker gave no answer", code="crashed")


def _parse_call(name: str, data: bytes | None, config) -> str:
    if data is None:
        return _parse_json(name, config)
    return _parse_bytes_json(data, name, config)


def _parse_json(path: str, config) -> str:
    from amtsbrief.api import parse_file

    return parse_file(path, config).model_dump_json()


def _parse_bytes_json(data: bytes, name: str, config) -> str:
    from amtsbrief.api import parse_bytes

    return parse_bytes(data, config, name=name).model_dump_json()


def parse_file_guarded(path, config=None, *, timeout: float | None = DEFAULT_TIMEOUT,
                       max_memory: int | None = DEFAULT_MAX_MEMORY):
    """:func:`amtsbrief.parse_file` in a guarded worker process: the ``Letter``, or an
    ``AmtsbriefError`` — the parser's own, or a :class:`~amtsbrief.errors.GuardError` with code
    ``timeout``, ``memory`` or ``crashed`` when the worker had to be stopped or died. The caller's
    process is never at risk. Each call forks one worker (about 10 ms plus the parser's imports in
    it); for many files use ``amtsbrief batch`` or :class:`GuardedPool`.
    """
    from amtsbrief.config import DEFAULT_CONFIG
    from amtsbrief.schema import Letter

    pool = GuardedPool("amtsbrief.guard._parse_json", timeout=timeout, max_memory=max_memory)
    return Letter.model_validate_json(pool.call((str(path), config or DEFAULT_CONFIG), key=str(path)))
