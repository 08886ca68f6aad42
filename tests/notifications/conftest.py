"""The reminder fault tests' fixtures: a Redis database of their own as the broker, and a
``redis-server`` of a test's own (tests/harness.py starts it)."""

from __future__ import annotations

import shutil

import pytest

from tests.harness import RedisServer, flushed, on_broker, redis_db_url

FAULT_REDIS_DB = 7  # private Redis databases: smoke 9, anonymity 10, browser 11 and 12


@pytest.fixture
def broker():
    """Point this process's Celery app at a Redis database of its own, not eager."""
    from config.celery import app

    url = redis_db_url(FAULT_REDIS_DB)
    with flushed(url), on_broker(app, url):
        yield url


@pytest.fixture
def private_redis(tmp_path):
    """A Redis server of this test's own, so stopping it disturbs nobody else."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server binary not found")
    with RedisServer(tmp_path) as server:
        yield server
