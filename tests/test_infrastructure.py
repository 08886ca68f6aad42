"""The real services: CI runs on PostgreSQL, and a real Celery worker consumes from Redis."""

import os

import pytest
from django.db import connection


@pytest.mark.postgres
@pytest.mark.django_db
def test_database_is_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('server_version_num')::int")
        assert cursor.fetchone()[0] >= 130000


@pytest.mark.redis
def test_a_real_worker_runs_a_task_through_redis():
    from celery.contrib.testing.worker import start_worker

    from config.celery import app, ping

    url = os.environ["REDIS_URL"]
    old = {k: app.conf[k] for k in ("broker_url", "result_backend")}
    app.conf.update(
        broker_url=url, result_backend=url, task_always_eager=False, task_eager_propagates=False
    )
    app._pool = None
    app.amqp._producer_pool = None
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
            assert ping.delay().get(timeout=20) == "pong"
    finally:
        app.conf.update(task_always_eager=True, task_eager_propagates=True, **old)
        app._pool = None
        app.amqp._producer_pool = None
