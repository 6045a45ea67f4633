"""The service's process pool survives a worker that dies, and says so as a failure of that input."""

from __future__ import annotations

import asyncio
import os

import pytest

pytest.importorskip("fastapi", reason="the service needs the serve extra")
from amtsbrief.serve.app import STATUS_BY_CODE, UNPROCESSABLE, Pool  # noqa: E402
from amtsbrief.serve.work import Failure  # noqa: E402


def test_a_dead_worker_is_a_failure_and_the_pool_is_rebuilt():
    pool = Pool(1)
    try:
        died = asyncio.run(pool.run(os._exit, 3))
        assert isinstance(died, Failure) and died.code == "crashed"
        assert STATUS_BY_CODE.get(died.code, UNPROCESSABLE) == 422
        assert asyncio.run(pool.run(abs, -2)) == 2
    finally:
        pool.shutdown()


def test_a_full_pool_refuses_with_busy_instead_of_queueing_without_end():
    import time

    pool = Pool(1, max_waiting=1)

    async def two_at_once():
        return await asyncio.gather(pool.run(time.sleep, 1), pool.run(abs, -1))

    try:
        slept, refused = asyncio.run(two_at_once())
        assert slept is None
        assert isinstance(refused, Failure) and refused.code == "busy" and STATUS_BY_CODE["busy"] == 503
    finally:
        pool.shutdown()
