"""Reads on a real PostgreSQL streaming replica, and read-your-writes (config/replica.py).

The test builds its own pair from the PostgreSQL 15 binaries — ``initdb`` a throwaway
primary, ``pg_basebackup -R`` it into a hot standby on another port — so it depends on
nothing in the machine's server configuration. Both run as the ``postgres`` OS user
(postgres refuses root) in a temporary directory of their own, each in its own process
group, and are stopped at the end whatever happened. The primary gets the schema of the test
database (pytest-django's, on the machine's PostgreSQL), and gunicorn serves the app with
``DATABASE_URL`` on the primary and ``DATABASE_REPLICA_URL`` on the replica.

How it tells which database answered, as a supervisor would notice it: replay on the replica
is paused (``pg_wal_replay_pause()``) and the organizations are renamed on the primary.

- Routing: the supervisor's pages and export still show the old names (the replica); the
  branch ledger, not a replica page, shows the new one (the primary).
- Pinning: right after a POST the same browser sees the new names everywhere (the primary);
  once ``REPLICA_PIN_SECONDS`` have passed, the old ones again (the replica, still paused).
- Replay resumed, the replica catches up and the supervisor sees the new names.
"""

from __future__ import annotations

import contextlib
import io
import os
import pwd
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from tests.deploy.test_smoke import Browser, _answer
from tests.harness import ROOT, Topology, free_port

PG_BIN = Path(os.environ.get("ORGLIFE_PG_BIN", "/usr/lib/postgresql/15/bin"))
PIN_SECONDS = 4
PASSWORD = "pw-for-tests-2026"  # tests/members/factories.py UserFactory
SEED = """
from tests.members.factories import OrganizationFactory, SupervisorFactory, UserFactory
committee = OrganizationFactory.committee(name="副本党委")
branch = OrganizationFactory.branch(parent=committee, name="副本一支部")
SupervisorFactory(user=UserFactory(username="watcher"), organization=committee)
from supervision.services.rollups import rollups_fold
rollups_fold(wait=True)  # as beat does every few seconds: the new branch joins the counts
print(committee.pk, branch.pk)
"""
WRITE = """
from members.models import Organization
from tests.members.factories import OrganizationFactory
committee = Organization.objects.get(pk=%(committee)d)
committee.name = "改名党委"
committee.save(update_fields=["name"])
new = OrganizationFactory.branch(parent=committee, name="新建支部")
from supervision.services.rollups import rollups_fold
rollups_fold(wait=True)  # as beat does: the new branch joins the counts on the primary
print(new.pk)
"""


class Server:
    """One PostgreSQL server of the pair, run as the postgres OS user."""

    def __init__(self, root: Path, name: str):
        self.root = root
        self.datadir = root / name
        self.name = name
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        log = (self.root / f"{self.name}.log").open("wb")
        self.proc = subprocess.Popen(
            [
                str(PG_BIN / "postgres"),
                *("-D", str(self.datadir), "-p", str(self.port), "-k", str(self.root)),
                *("-c", "listen_addresses=127.0.0.1", "-c", "max_connections=30"),
                *("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"),
                *("-c", "shared_buffers=16MB", "-c", "max_wal_senders=4"),
                *("-c", "wal_level=replica", "-c", "hot_standby=on"),
                *("-c", "wal_receiver_status_interval=1s"),
            ],
            cwd=self.root,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            **_as_postgres(),
        )
        log.close()
        deadline = time.monotonic() + 30
        while True:
            assert self.proc.poll() is None, f"{self.name} exited:\n{self.log()}"
            with contextlib.suppress(Exception):
                self.sql("SELECT 1")
                return
            assert time.monotonic() < deadline, f"{self.name} did not start:\n{self.log()}"
            time.sleep(0.2)

    def url(self, db: str = "orglife") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{db}"

    def sql(self, query: str, *params, db: str = "postgres"):
        import psycopg2

        conn = psycopg2.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname=db, connect_timeout=2
        )
        try:
            conn.autocommit = True
            with conn.cursor() as cursor:
                cursor.execute(query, params)
                return cursor.fetchall() if cursor.description else None
        finally:
            conn.close()

    def restore(self, script: str, *, db: str) -> None:
        """A pg_dump script, through psql (it has psql's meta-commands)."""
        result = subprocess.run(
            [str(PG_BIN / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1"]
            + ["-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", db],
            input=script,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr[-3000:]

    def log(self) -> str:
        path = self.root / f"{self.name}.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def stop(self) -> None:
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGQUIT)  # immediate: a throwaway server
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=15)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)


def _as_postgres() -> dict:
    """Popen arguments that run a child as the postgres OS user (we may be root)."""
    if os.geteuid() != 0:
        return {}
    entry = pwd.getpwnam("postgres")
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}


def _run_as_postgres(*args: str, cwd: Path) -> None:
    result = subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, timeout=60, **_as_postgres()
    )
    assert result.returncode == 0, f"{' '.join(args)}:\n{result.stdout}\n{result.stderr}"


def _caught_up(primary: Server, replica: Server) -> bool:
    (lsn,) = primary.sql("SELECT pg_current_wal_lsn()")[0]
    (behind,) = replica.sql("SELECT pg_wal_lsn_diff(%s, pg_last_wal_replay_lsn())", lsn)[0]
    return behind is not None and behind <= 0


@pytest.fixture
def pair():
    """A primary and its streaming replica, started and always stopped here."""
    root = Path(tempfile.mkdtemp(prefix="orglife-replica-"))
    if os.geteuid() == 0:
        entry = pwd.getpwnam("postgres")
        os.chown(root, entry.pw_uid, entry.pw_gid)
    primary, replica = Server(root, "primary"), Server(root, "replica")
    try:
        _run_as_postgres(
            str(PG_BIN / "initdb"),
            *("-D", str(primary.datadir), "-U", "postgres", "--auth=trust"),
            *("-E", "UTF8", "--no-locale", "--no-sync"),
            cwd=root,
        )
        primary.start()
        # The same binaries; -R writes standby.signal and primary_conninfo: a hot standby.
        _run_as_postgres(
            str(PG_BIN / "pg_basebackup"),
            *("-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres"),
            *("-D", str(replica.datadir), "-R", "-X", "stream", "-c", "fast", "--no-sync"),
            cwd=root,
        )
        replica.start()
        assert replica.sql("SELECT pg_is_in_recovery()") == [(True,)]
        primary.sql("CREATE DATABASE orglife")
        yield primary, replica
    finally:
        replica.stop()
        primary.stop()
        shutil.rmtree(root, ignore_errors=True)


def _schema_of_the_test_database() -> str:
    from django.db import connection

    s = connection.settings_dict
    result = subprocess.run(
        [
            str(PG_BIN / "pg_dump"),
            *("--schema-only", "--no-owner", "--no-privileges"),
            *("-h", s["HOST"] or "127.0.0.1", "-p", str(s["PORT"] or 5432), "-U", s["USER"]),
            s["NAME"],
        ],
        env={**os.environ, "PGPASSWORD": s.get("PASSWORD") or ""},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def _manage_shell(env: dict[str, str], code: str) -> list[str]:
    """Python run by ``manage.py shell`` with ``env``; the words of its last output line."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.strip().splitlines()[-1].split()


@pytest.fixture
def app(pair, tmp_path):
    """gunicorn on the pair, and the environment of a writer on the primary alone. The
    primary holds the schema and a supervisor of one committee with one branch (the replica
    receives all of it by streaming)."""
    primary, replica = pair
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": primary.url(),
        "DATABASE_REPLICA_URL": replica.url(),
        "REPLICA_PIN_SECONDS": str(PIN_SECONDS),
        "CELERY_TASK_ALWAYS_EAGER": "true",
        "EMAIL_URL": "consolemail://",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)  # the cache in memory; this test is about the database
    env.pop("CELERY_BROKER_URL", None)
    writer = {k: v for k, v in env.items() if k != "DATABASE_REPLICA_URL"}
    topo = Topology(tmp_path, env)
    try:
        # The schema: the test database's, which pytest-django has migrated (a copy takes
        # half a second; running the migrations again would take twenty on a busy machine).
        primary.restore(_schema_of_the_test_database(), db="orglife")
        committee_pk, branch_pk = map(int, _manage_shell(writer, SEED))
        topo.start("web", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"))
        yield topo, writer, committee_pk, branch_pk
    finally:
        topo.stop()


def _get(browser: Browser, path: str) -> str:
    status, _headers, html = browser.request(path, proxied=False)
    assert status == 200, f"GET {path}: {status}\n{html[:2000]}"
    return html


def _export_figures(browser: Browser, path: str) -> dict[str, object]:
    """The first sheet of the supervisor's .xlsx export, label → value."""
    from openpyxl import load_workbook

    with browser.opener.open(urllib.request.Request(browser.base + path), timeout=20) as resp:
        assert resp.status == 200
        book = load_workbook(io.BytesIO(resp.read()), read_only=True)
    rows = book.worksheets[0].iter_rows(values_only=True)
    return {row[0]: row[1] for row in rows if row and len(row) > 1 and row[0] is not None}


def _post(browser: Browser, path: str, data: dict) -> int:
    page = _get(browser, path)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    status, _headers, _body = browser.request(
        path, {**data, "csrfmiddlewaretoken": token}, proxied=False
    )
    return status


def _forget_pin(browser: Browser) -> None:
    with contextlib.suppress(KeyError):
        browser.jar.clear("127.0.0.1", "/", "orglife_primary")


@pytest.mark.replica
@pytest.mark.postgres
@pytest.mark.django_db  # pytest-django creates (and migrates) the test database only for these
def test_supervisor_reads_the_replica_and_a_writer_reads_the_primary(pair, app):
    primary, replica = pair
    topo, writer, committee, branch = app
    browser = Browser(topo.base)
    home = f"/supervision/?org={committee}"
    branches = "/members/branches/"
    drill = f"/supervision/org/{committee}/"
    export = f"/supervision/export.xlsx?org={committee}"

    topo.wait(
        lambda: _answer(browser, "/accounts/login/"),
        timeout=60,
        what="gunicorn to serve the login page",
    )
    # The login is a write like any other: it pins this browser to the primary.
    assert _post(browser, "/accounts/login/", {"username": "watcher", "password": PASSWORD}) == 302
    assert browser.cookie("orglife_primary") is not None, "a POST did not pin the browser"
    _forget_pin(browser)  # as if the window had passed (its expiry is checked below)

    topo.wait(lambda: _caught_up(primary, replica), timeout=30, what="the replica")
    assert "副本党委" in _get(browser, home)
    assert "副本一支部" in _get(browser, drill)
    assert _export_figures(browser, export)["党支部数"] == 1

    # Replay stops on the replica; on the primary, someone renames the committee and adds a
    # branch below it.
    replica.sql("SELECT pg_wal_replay_pause()")
    topo.wait(
        lambda: replica.sql("SELECT pg_get_wal_replay_pause_state()") == [("paused",)],
        timeout=20,
        what="replay to pause",
    )
    (new_branch,) = map(int, _manage_shell(writer, WRITE % {"committee": committee}))

    # Routing: the supervisor's pages and export read the replica — the old name, no new
    # branch (the export's branch count is a raw query: it goes through the router too) …
    page = _get(browser, home)
    assert "副本党委" in page and "改名党委" not in page
    assert "新建支部" not in _get(browser, branches)
    assert "新建支部" not in _get(browser, drill)
    figures = _export_figures(browser, export)
    assert (figures["党组织"], figures["党支部数"]) == ("副本党委", 1)
    # … and a page not marked replica-readable, the new branch's ledger, reads the primary.
    assert "新建支部" in _get(browser, f"/rectification/branches/{new_branch}/ledger/")

    # Pinning: a POST (signing off nothing) — for PIN_SECONDS this browser reads the primary.
    assert _post(browser, f"/supervision/signoff/?org={committee}", {}) == 302
    posted = time.monotonic()
    page = _get(browser, home)
    drilled = _get(browser, drill)
    figures = _export_figures(browser, export)
    inside = time.monotonic() - posted
    assert inside < PIN_SECONDS, f"the machine is too slow to check the pin ({inside:.1f} s)"
    assert "改名党委" in page, "a browser that has just written read the replica"
    assert "新建支部" in drilled
    assert (figures["党组织"], figures["党支部数"]) == ("改名党委", 2)

    # After the window, the replica again (its replay still paused): the old name — even
    # for a browser that keeps sending the cookie (its signature has expired).
    time.sleep(max(0.0, PIN_SECONDS + 0.5 - (time.monotonic() - posted)))
    pin = browser.cookie("orglife_primary")
    assert pin is not None
    pin.expires = int(time.time()) + 3600
    page = _get(browser, home)
    assert "副本党委" in page and "改名党委" not in page

    # Replay resumes: the replica catches up, and the supervisor sees the new state.
    replica.sql("SELECT pg_wal_replay_resume()")
    topo.wait(
        lambda: "改名党委" in _get(browser, home),
        timeout=30,
        what="the replica to catch up",
    )
    assert "新建支部" in _get(browser, branches)
    assert _export_figures(browser, export)["党支部数"] == 2


SETTINGS_PROBE = """
from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed

from config.replica import ReplicaMiddleware

try:
    ReplicaMiddleware(lambda request: None)
    middleware = "middleware"
except MiddlewareNotUsed:
    middleware = "no-middleware"
mirror = settings.DATABASES.get("replica", {}).get("TEST", {}).get("MIRROR")
print(sorted(settings.DATABASES), settings.DATABASE_ROUTERS, mirror, middleware)
"""


def _settings_with(**env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_REPLICA_URL"}
    environment.update(DEBUG="true", **env)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", SETTINGS_PROBE],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.strip().splitlines()[-1]


def test_without_a_replica_url_there_is_one_database_and_no_router():
    assert _settings_with() == "['default'] [] None no-middleware"
    # With one, the replica alias exists, and the tests never create a database for it.
    assert _settings_with(DATABASE_REPLICA_URL="postgres://u@db-replica:5432/orglife") == (
        "['default', 'replica'] ['config.replica.ReplicaRouter'] default middleware"
    )


def test_the_replica_views_name_real_pages_and_no_anonymous_one():
    from django.conf import settings
    from django.urls import get_resolver

    names, namespaces = set(), set()

    def walk(resolver, prefix=""):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                ns = pattern.namespace
                namespaces.add(f"{prefix}{ns}" if ns else prefix.rstrip(":"))
                walk(pattern, f"{prefix}{ns}:" if ns else prefix)
            elif pattern.name:
                names.add(prefix + pattern.name)

    walk(get_resolver())
    for entry in settings.ORGLIFE_REPLICA_VIEWS:
        if entry.endswith(":*"):
            assert entry[:-2] in namespaces, entry
        else:
            assert entry in names, f"ORGLIFE_REPLICA_VIEWS names no view: {entry}"
    assert not settings.ORGLIFE_REPLICA_VIEWS & settings.ORGLIFE_ANONYMOUS_VIEWS


@pytest.mark.django_db(transaction=True)
def test_the_router_reads_the_primary_inside_a_transaction_and_writes_only_there():
    """The replica is only ever read outside a transaction: a service's ``atomic`` block
    reads what it is about to change from the primary, and a row loaded from the primary
    brings its related rows from there."""
    from django.db import transaction

    from config import replica
    from members.models import Organization

    router = replica.ReplicaRouter()
    assert router.db_for_read(Organization) is None  # not on a replica page: Django's default
    token = replica._on_replica.set(True)
    try:
        assert router.db_for_read(Organization) == "replica"
        with transaction.atomic():
            assert router.db_for_read(Organization) == "default"
        loaded = Organization(name="x")
        loaded._state.db = "default"
        assert router.db_for_read(Organization, instance=loaded) == "default"
        assert router.db_for_write(Organization) == "default"
        assert not router.allow_migrate("replica", "members")
    finally:
        replica._on_replica.reset(token)
