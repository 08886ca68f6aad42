"""The real services: CI runs on PostgreSQL, and a real Celery worker consumes from Redis."""

import os
from pathlib import Path

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


SENTINEL_WORKER = """
from celery.contrib.testing.worker import start_worker

from config.celery import app, ping

app.conf.task_always_eager = False
with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
    print(ping.delay().get(timeout=20))
"""


@pytest.mark.redis
def test_a_real_worker_runs_a_task_through_redis_sentinel(tmp_path):
    """The province's broker URL (deploy/README.md): the Sentinels are asked for the master,
    the task goes through it — with the broker and result URLs and REDIS_SENTINEL_MASTER
    exactly as an installation sets them."""
    import shutil
    import socket
    import subprocess
    import sys
    import time
    import urllib.parse

    import redis

    server = shutil.which("redis-server")
    assert server, "redis-server is not on PATH"
    redis_url = urllib.parse.urlsplit(os.environ["REDIS_URL"])
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    conf = tmp_path / "sentinel.conf"
    conf.write_text(
        f"port {port}\nbind 127.0.0.1\ndir {tmp_path}\n"
        f"sentinel monitor orglife {redis_url.hostname} {redis_url.port or 6379} 1\n"
    )
    sentinel = subprocess.Popen(
        [server, str(conf), "--sentinel"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                redis.Redis(port=port).sentinel_get_master_addr_by_name("orglife")
                break
            except redis.exceptions.RedisError:
                assert time.monotonic() < deadline, "the Sentinel did not start"
                time.sleep(0.1)
        url = f"sentinel://127.0.0.1:{port};sentinel://127.0.0.1:{port}/8"
        env = {
            **os.environ,
            "DEBUG": "true",
            "CELERY_BROKER_URL": url,
            "CELERY_RESULT_BACKEND": url,
            "REDIS_SENTINEL_MASTER": "orglife",
        }
        result = subprocess.run(
            [sys.executable, "-c", SENTINEL_WORKER],
            cwd=Path(__file__).resolve().parents[1],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        assert result.stdout.split()[-1] == "pong"
    finally:
        sentinel.terminate()
        sentinel.wait(timeout=10)
