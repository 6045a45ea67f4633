"""JSON Lines: one ``Letter`` per line, exactly ``Letter.model_dump_json()`` — the contract.

Writing is durable and append-only (:class:`JsonlAppender`): each record is one ``write`` of a
complete line, flushed at once and ``fsync``-ed in small groups, so a process killed at any moment
leaves at most one torn line at the very end. Reading (:func:`read_jsonl_lines`) detects that torn
tail and leaves it out; :func:`repair_tail` cuts it off before appending resumes.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "letters.jsonl"
>>> _ = path.write_text('{"kind": "answer"}\\n{"kind": "let')
>>> [line for line in read_jsonl_lines(path)]
['{"kind": "answer"}']
>>> repair_tail(path)
True
>>> path.read_text()
'{"kind": "answer"}\\n'
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import IO, Iterable, Iterator

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the models load with the first letter read, not with the command line
    from amtsbrief.schema import Letter


def _is_complete(line: str) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return False
    return True


def read_jsonl_lines(path: str | Path) -> Iterator[str]:
    """Yield each complete JSON line of ``path`` (without its newline), leaving out a torn last line.

    A line counts as torn when it is the last one and either lacks its newline or is not valid JSON:
    that is what a writer killed mid-record leaves behind.
    """
    with open(path, "r", encoding="utf-8") as stream:
        previous: str | None = None
        for raw in stream:
            if previous is not None:
                yield previous.rstrip("\n")
            previous = raw
        if previous is None:
            return
        if previous.endswith("\n") and _is_complete(previous):
            yield previous.rstrip("\n")


def repair_tail(path: str | Path) -> bool:
    """Cut a torn last line off ``path`` so that appending can go on; return whether anything was cut."""
    path = Path(path)
    if not path.exists():
        return False
    size = path.stat().st_size
    if size == 0:
        return False
    with open(path, "rb+") as stream:
        # Why read backwards in blocks: the file can be gigabytes, the torn line is at most one record.
        end = size
        block = 1 << 16
        last_newline = -1
        position = size
        while position > 0 and last_newline < 0:
            start = max(0, position - block)
            stream.seek(start)
            chunk = stream.read(position - start)
            # Ignore a newline that is the file's very last byte: it ends the last line.
            search_end = len(chunk) - 1 if position == size else len(chunk)
            found = chunk.rfind(b"\n", 0, search_end)
            if found >= 0:
                last_newline = start + found
            position = start
        line_start = last_newline + 1
        stream.seek(line_start)
        tail = stream.read(end - line_start)
        if tail.endswith(b"\n") and _is_complete(tail.decode("utf-8", errors="replace")):
            return False
        stream.truncate(line_start)
        stream.flush()
        os.fsync(stream.fileno())
    return True


class JsonlAppender:
    """Append whole lines to a JSONL file durably.

    Every line is written and flushed at once (a ``kill -9`` loses nothing already handed over);
    ``fsync`` runs every ``sync_every`` lines or ``sync_seconds``, and on :meth:`close`, which bounds
    what a power cut can take to one small group — and a resumed batch redoes exactly that group.
    """

    def __init__(self, path: str | Path, *, sync_every: int = 32, sync_seconds: float = 1.0):
        self.path = Path(path)
        self._stream: IO[str] = open(self.path, "a", encoding="utf-8")
        self._sync_every = sync_every
        self._sync_seconds = sync_seconds
        self._unsynced = 0
        self._last_sync = time.monotonic()

    def append(self, line: str) -> None:
        """Append one JSON text (without newline) as one line."""
        if "\n" in line:
            raise ValueError(f"{self.path}: a JSONL record must be one line")
        self._stream.write(line + "\n")
        self._stream.flush()
        self._unsynced += 1
        if self._unsynced >= self._sync_every or time.monotonic() - self._last_sync >= self._sync_seconds:
            self.sync()

    def append_json(self, record: dict) -> None:
        """Append a dict as one compact JSON line, umlauts as written."""
        self.append(json.dumps(record, ensure_ascii=False, separators=(",", ":")))

    def sync(self) -> None:
        """Force what was written onto the disk."""
        if self._unsynced:
            os.fsync(self._stream.fileno())
        self._unsynced = 0
        self._last_sync = time.monotonic()

    def close(self) -> None:
        if not self._stream.closed:
            self.sync()
            self._stream.close()

    def __enter__(self) -> "JsonlAppender":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def read_letters(path: str | Path) -> Iterator[Letter]:
    """Yield every ``Letter`` of a JSONL file, one at a time (a torn last line is left out)."""
    for line in read_jsonl_lines(path):
        if line.strip():
            yield _letter_model().model_validate_json(line)


def write_jsonl(letters: Iterable[Letter], path: str | Path | IO[str]) -> int:
    """Write ``letters`` as JSON Lines to a path or an open text stream; return how many."""
    if hasattr(path, "write"):
        return _write_lines(letters, path)  # type: ignore[arg-type]
    with open(path, "w", encoding="utf-8") as stream:
        return _write_lines(letters, stream)


def _write_lines(letters: Iterable[Letter], stream: IO[str]) -> int:
    count = 0
    for letter in letters:
        stream.write(letter.model_dump_json() + "\n")
        count += 1
    return count


def _letter_model():
    from amtsbrief.schema import Letter

    return Letter
