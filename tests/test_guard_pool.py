"""Specification of amtsbrief.guard.GuardedPool: every item gets exactly one answer, whatever becomes
of the worker that held it — also the calls waiting in a worker's pipe behind one that hangs or dies."""

from __future__ import annotations

import os
import time

import pytest

from amtsbrief.guard import LATER, GuardedPool


def act(what: str):
    """The workers' function (found by its dotted name, ``test_guard_pool.act``)."""
    if what.startswith("hang"):
        time.sleep(3600)
    if what.startswith("die"):
        os._exit(70)
    if what.startswith("hog"):
        hoard = []
        while True:
            hoard.append(bytearray(50 * 1024 * 1024))
    return what.upper()


def _answers(pool: GuardedPool, items) -> dict:
    return {key: (result, error.code if error is not None else None)
            for key, result, error in pool.map(items, source=str)}


@pytest.mark.parametrize("culprit, code", [("die", "crashed"), ("hang", "timeout"), ("hog", "memory")])
def test_guard_pool_a_call_waiting_behind_a_stopped_one_is_answered_by_the_next_worker(culprit, code):
    # One worker, two calls at a time: "after" waits in the pipe while the culprit runs.
    pool = GuardedPool("test_guard_pool.act", jobs=1, depth=2, timeout=2, max_memory=300 * 1024 * 1024)
    items = [(name, (name,)) for name in ("first", culprit, "after", "last")]
    answers = _answers(pool, iter(items))
    assert answers == {"first": ("FIRST", None), culprit: (None, code), "after": ("AFTER", None), "last": ("LAST", None)}
    assert pool.replaced == 1


def test_guard_pool_every_item_is_answered_once_across_workers():
    pool = GuardedPool("test_guard_pool.act", jobs=2, depth=2, timeout=2)
    names = [f"item-{n}" for n in range(12)] + ["die-a", "die-b", "hang-c"]
    answers = list(pool.map(iter([(name, (name,)) for name in names]), source=str))
    assert sorted(key for key, _, _ in answers) == sorted(names)
    assert {key: error.code for key, _, error in answers if error is not None} == {
        "die-a": "crashed", "die-b": "crashed", "hang-c": "timeout"}


def test_guard_pool_items_may_wait_for_answers():
    # The batch hands out a scan's pages once the worker that opened it has answered: its items wait.
    pool = GuardedPool("test_guard_pool.act", jobs=2, timeout=5)
    answered: list[str] = []

    def items():
        yield "a", ("a",)
        while not answered:
            yield LATER
        yield "b", ("b",), "test_guard_pool.act"  # an item may name its function

    for key, result, error in pool.map(items(), source=str):
        answered.append(result)
    assert answered == ["A", "B"]


def test_guard_pool_waiting_for_nothing_is_an_error():
    pool = GuardedPool("test_guard_pool.act", jobs=1, timeout=5)
    with pytest.raises(RuntimeError, match="no call is running"):
        list(pool.map(iter([LATER]), source=str))
