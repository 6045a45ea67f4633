"""Specification: a batch killed with SIGKILL in the middle and started again holds each letter once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from batch_corpus import write_corpus


def _count_lines(path: Path) -> int:
    try:
        with open(path, "rb") as stream:
            return sum(1 for _ in stream)
    except FileNotFoundError:
        return 0


def _batch_command(folder: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "amtsbrief.cli", "batch", str(folder), "-o", str(out), "--jobs", "2", "--no-progress"]


@pytest.mark.slow
def test_batch_killed_and_resumed_holds_each_letter_once(tmp_path):
    corpus = write_corpus(tmp_path / "in", 2000, broken_share=0.02)
    out = tmp_path / "out"
    # A session of its own, so the kill takes the worker processes with it, as a real kill -9 of a
    # terminal's job would not: the point is that nothing is left to finish the work.
    process = subprocess.Popen(_batch_command(corpus.folder, out), start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    while _count_lines(out / "letters.jsonl") < 100:
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline, "the batch wrote too few letters to kill it in the middle"
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    written = _count_lines(out / "letters.jsonl") + _count_lines(out / "failures.jsonl")
    assert written < 2000, "the batch finished before it was killed"

    resumed = subprocess.run(_batch_command(corpus.folder, out) + ["--json"], capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 1, resumed.stderr  # some files failed (the broken ones)
    summary = json.loads(resumed.stdout)

    letters = [json.loads(line) for line in (out / "letters.jsonl").read_text(encoding="utf-8").splitlines()]
    failures = [json.loads(line) for line in (out / "failures.jsonl").read_text(encoding="utf-8").splitlines()]
    letter_paths = [letter["source"]["path"] for letter in letters]
    failure_paths = [failure["path"] for failure in failures]
    assert sorted(letter_paths) == sorted(str(p) for p in corpus.good)  # each good letter, once
    assert sorted(failure_paths) == sorted(str(p) for p in corpus.broken)  # each broken file, once
    assert summary["skipped"] >= 100 and summary["skipped"] + summary["parsed"] + summary["failed"] == 2000
