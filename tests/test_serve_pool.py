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
