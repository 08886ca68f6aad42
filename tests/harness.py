"""One process harness for the tests and benchmarks that run real services.

A free port, waiting for something to happen, a ``redis-server`` of one's own, a Celery
worker (or beat) process, and stopping a process group — written once, used by
tests/e2e/conftest.py, tests/notifications (the reminder fault tests), tests/deploy/test_smoke.py
(and the tests that borrow its topology) and bench/faults.py.

No Django import at module level: bench/faults.py imports this before Django is set up
(``python bench/faults.py`` puts the repository root on ``sys.path`` first).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable

# A solo worker without the cluster chatter: what the fault and browser tests start.
WORKER_ARGS = (
    "worker",
    "--pool=solo",
    "--without-mingle",
    "--without-gossip",
    "--without-heartbeat",
    *("-l", "WARNING"),
)


# --- ports and waiting -----------------------------------------------------------------------


def free_port() -> int:
    """A TCP port nobody listens on right now (never a fixed one: this machine is shared)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(
    predicate: Callable[[], Any],
    *,
    timeout: float,
    what: str,
    interval: float = 0.05,
    check: Callable[[], None] | None = None,
    details: Callable[[], str] | None = None,
) -> Any:
    """Call ``predicate`` until it returns something true, and return that; ``check`` runs
    before every try (it raises when a process died). On timeout an AssertionError names
    ``what`` (and adds ``details()``, e.g. the logs)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check is not None:
            check()
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    extra = f"\n{details()}" if details is not None else ""
    raise AssertionError(f"timed out after {timeout}s waiting for {what}{extra}")


# --- process groups --------------------------------------------------------------------------


def spawn(
    args: list[str] | tuple[str, ...],
    *,
    env: dict[str, str] | None = None,
    log: Path | None = None,
    cwd: Path = ROOT,
) -> subprocess.Popen:
    """Start ``args`` in a process group of its own (so its children — prefork, gunicorn
    workers — can be stopped with it), stdin closed, stdout and stderr appended to ``log``
    (a file: a pipe nobody reads can fill up and stall the process) or dropped."""
    out = log.open("ab") if log is not None else subprocess.DEVNULL
    try:
        return subprocess.Popen(
            list(args),
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    finally:
        if log is not None:
            out.close()


def kill_group(proc: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, sig)


def stop_group(proc: subprocess.Popen, *, grace: float = 15) -> None:
    """Stop a process started in its own session and everything it started: SIGTERM
    (graceful), then SIGKILL after ``grace`` seconds for what is left of the group — the
    leader may be gone while its children linger."""
    stop_groups([proc], grace=grace)


def stop_groups(procs: list[subprocess.Popen], *, grace: float = 15) -> None:
    """``stop_group`` for several at once: TERM them all, one shared grace period, KILL."""
    for proc in procs:
        if proc.poll() is None:
            kill_group(proc, signal.SIGTERM)
    deadline = time.monotonic() + grace
    for proc in procs:
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
    for proc in procs:
        kill_group(proc)
        proc.wait(timeout=10)


def tail(path: Path, chars: int = 3000) -> str:
    return path.read_text(errors="replace")[-chars:] if path.exists() else ""


class Process:
    """A named subprocess in its own process group, its log in ``workdir/<name>.log``
    (appended to, so a restart keeps the first run's lines; no workdir: no log)."""

    def __init__(
        self,
        name: str,
        args: list[str] | tuple[str, ...],
        *,
        env: dict[str, str] | None,
        workdir: Path | None,
    ):
        self.name = name
        self.log = workdir / f"{name}.log" if workdir is not None else None
        self.proc = spawn(args, env=env, log=self.log)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def tail(self, chars: int = 3000) -> str:
        return tail(self.log, chars) if self.log is not None else ""

    def kill9(self) -> None:
        kill_group(self.proc)
        self.proc.wait(timeout=10)

    def stop(self, grace: float = 15) -> None:
        stop_group(self.proc, grace=grace)


def celery(name: str, *args: str, env: dict[str, str] | None, workdir: Path) -> Process:
    """``python -m celery -A config <args>`` (a worker or beat) as a ``Process``."""
    return Process(name, [PYTHON, "-m", "celery", "-A", "config", *args], env=env, workdir=workdir)


# --- Redis -----------------------------------------------------------------------------------


def redis_ping(client) -> bool:
    try:
        return bool(client.ping())
    except Exception:  # refused, reset, loading: not answering
        return False


def redis_db_url(db: int, base: str | None = None) -> str:
    """``REDIS_URL``'s server with another database number (a private one per test)."""
    base = base or os.environ["REDIS_URL"]
    return f"{base.rsplit('/', 1)[0]}/{db}"


@contextlib.contextmanager
def flushed(*urls: str) -> Iterator[None]:
    """Redis databases emptied before and after (for tests that own a database number)."""
    import redis

    for url in urls:
        redis.Redis.from_url(url).flushdb()
    try:
        yield
    finally:
        for url in urls:
            redis.Redis.from_url(url).flushdb()


class RedisServer:
    """``redis-server`` of one's own on a free port, nothing kept on disk: a restart comes
    back empty, and stopping it disturbs nobody else. ``stop()`` kills it (no shutdown, no
    save: as if the server died); ``start()`` brings it back on the same port."""

    def __init__(self, workdir: Path, *, port: int | None = None):
        binary = shutil.which("redis-server")
        if binary is None:
            raise FileNotFoundError("redis-server not found")
        self.binary = binary
        self.workdir = workdir
        self.port = port or free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self, **kwargs):
        import redis

        return redis.Redis(port=self.port, **kwargs)

    def start(self, timeout: float = 20) -> None:
        self.proc = spawn(
            [
                self.binary,
                *("--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--daemonize", "no"),
                *("--dir", str(self.workdir)),
            ],
            log=self.workdir / "redis.log",
        )
        client = self.client(socket_connect_timeout=1)
        wait_for(
            lambda: self.proc.poll() is None and redis_ping(client),
            timeout=timeout,
            what=f"redis-server on :{self.port} (port taken?)",
            interval=0.1,
            details=lambda: tail(self.workdir / "redis.log"),
        )

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self, *, kill: bool = True) -> None:
        """Kill it (``kill=False``: SIGTERM, Redis's own orderly shutdown)."""
        if self.running():
            self.proc.kill() if kill else self.proc.terminate()
            self.proc.wait(timeout=10)

    def __enter__(self) -> RedisServer:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


# --- Celery against the test database --------------------------------------------------------


def database_url(settings_dict: dict | None = None) -> str:
    """The URL of the database Django is connected to (the test database, in a test), for a
    subprocess's ``DATABASE_URL``."""
    if settings_dict is None:
        from django.db import connection

        settings_dict = connection.settings_dict
    s = settings_dict
    auth = urllib.parse.quote(s["USER"], safe="")
    if s.get("PASSWORD"):
        auth += ":" + urllib.parse.quote(s["PASSWORD"], safe="")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def use_broker(app, **conf) -> None:
    """Re-point this process's Celery app; drop its cached connection and producer pools."""
    app.conf.update(conf)
    app._pool = None
    app.amqp._producer_pool = None


@contextlib.contextmanager
def on_broker(app, url: str) -> Iterator[None]:
    """This process's Celery app publishes to ``url`` for real (not eager), then goes back."""
    old = {k: app.conf[k] for k in ("broker_url", "task_always_eager", "result_backend")}
    use_broker(app, broker_url=url, task_always_eager=False, result_backend=None)
    try:
        yield
    finally:
        use_broker(app, **old)


class CeleryWorker(Process):
    """A real ``celery worker`` (solo pool) on the test database and the given broker; the
    cache (``REDIS_URL``) is the broker's database unless given."""

    def __init__(
        self,
        broker: str,
        *,
        workdir: Path | None = None,
        cache: str | None = None,
        name: str = "worker",
        **env: str,
    ):
        environment = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "REDIS_URL": cache or broker,
            "CELERY_BROKER_URL": broker,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "EMAIL_URL": "dummymail://",
            **env,
        }
        super().__init__(
            name,
            [PYTHON, "-m", "celery", "-A", "config", *WORKER_ARGS],
            env=environment,
            workdir=workdir,
        )

    def wait_ready(self, app, timeout: float = 60) -> None:
        def answered() -> bool:
            if not self.alive():
                raise AssertionError(f"the worker exited:\n{self.tail()}")
            return bool(app.control.ping(timeout=0.5))

        wait_for(answered, timeout=timeout, what="the worker to answer", details=self.tail)

    def assert_no_task_failed(self) -> None:
        log = self.tail(chars=10**7)
        assert "Traceback" not in log and "ERROR/" not in log, f"the worker logged:\n{log}"


# --- a production topology (gunicorn, worker, beat) --------------------------------------------


class Topology:
    """Subprocesses of ``python -m …`` in their own process groups, with logs in files, on
    one environment; ``stop()`` ends them all (see ``stop_groups``)."""

    def __init__(self, workdir: Path, env: dict[str, str]):
        self.workdir = workdir
        self.env = env
        self.procs: dict[str, Process] = {}
        self.base = f"http://{env['GUNICORN_BIND']}"

    def run(self, *args: str, timeout: float = 120) -> None:
        """A one-off management command (collectstatic) with the topology's environment."""
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stderr[-3000:]}"

    def start(self, name: str, *args: str) -> None:
        self.procs[name] = Process(name, [PYTHON, "-m", *args], env=self.env, workdir=self.workdir)

    def assert_running(self) -> None:
        for name, proc in self.procs.items():
            code = proc.proc.poll()
            assert code is None, f"{name} exited with {code}:\n{self.logs(name)}"

    def logs(self, name: str) -> str:
        return tail(self.workdir / f"{name}.log", 4000)

    def wait(self, predicate: Callable[[], Any], *, timeout: float, what: str) -> Any:
        """``wait_for`` that fails at once when a process exits, and shows every log."""
        return wait_for(
            predicate,
            timeout=timeout,
            what=what,
            interval=0.5,
            check=self.assert_running,
            details=lambda: "\n".join(f"--- {n} ---\n{self.logs(n)}" for n in self.procs),
        )

    def stop(self) -> None:
        stop_groups([p.proc for p in self.procs.values()], grace=20)
