"""Shared fixtures, and the rule for tests that need the real services:

``@pytest.mark.postgres`` / ``@pytest.mark.redis`` skip with a reason when the
service is absent — except under ``CI=true``, where its absence fails the test.
``@pytest.mark.browser`` (tests/e2e) follows the same rule for Debian's Chromium, and
``@pytest.mark.office`` for LibreOffice headless and poppler (the exports rendered to PDF),
and ``@pytest.mark.replica`` (tests/deploy/test_replica.py) for the PostgreSQL server binaries
it starts a primary and a streaming replica with.
"""

from __future__ import annotations

import os
import shutil

import pytest
from django.conf import settings as django_settings

IN_CI = os.environ.get("CI", "").lower() == "true"


def _postgres_missing() -> str | None:
    engine = django_settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine:
        return "needs PostgreSQL: set DATABASE_URL=postgres://…"
    return None


def _redis_missing() -> str | None:
    url = os.environ.get("REDIS_URL", "")
    if not url:
        return "needs Redis: set REDIS_URL=redis://…"
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except Exception as exc:  # any connection failure means "absent"
        return f"Redis at {url} is not answering: {exc}"
    return None


CHROMIUM = "/usr/bin/chromium"


def chromium_path() -> str | None:
    """Debian's Chromium (a test tool's own browser download does not work here)."""
    if os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    return shutil.which("chromium")


def _browser_missing() -> str | None:
    if chromium_path() is None:
        return (
            f"needs Chromium: {CHROMIUM} not found and no `chromium` on PATH "
            "(apt-get install chromium fonts-noto-cjk)"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "needs Playwright for Python: pip install playwright (no `playwright install`)"
    return None


def _office_missing() -> str | None:
    missing = [tool for tool in ("soffice", "pdftotext", "pdfinfo") if not shutil.which(tool)]
    if missing:
        return (
            f"needs {', '.join(missing)} (apt-get install libreoffice-writer-nogui "
            "libreoffice-calc-nogui poppler-utils)"
        )
    return None


PG_BIN = os.environ.get("ORGLIFE_PG_BIN", "/usr/lib/postgresql/15/bin")


def _replica_missing() -> str | None:
    missing = [
        t
        for t in ("initdb", "pg_basebackup", "postgres")
        if not os.access(os.path.join(PG_BIN, t), os.X_OK)
    ]
    if missing:
        return f"needs the PostgreSQL 15 server binaries in {PG_BIN} ({', '.join(missing)}; apt-get install postgresql-15)"
    if os.geteuid() == 0:
        import pwd

        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root, and there is no `postgres` user to run the servers as"
    return None


def pytest_configure(config):
    """Tasks run in-process in tests; the tests about the real worker start one themselves."""
    from config.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True


def pytest_runtest_setup(item):
    for marker, probe in (
        ("postgres", _postgres_missing),
        ("redis", _redis_missing),
        ("browser", _browser_missing),
        ("office", _office_missing),
        ("replica", _replica_missing),
    ):
        if item.get_closest_marker(marker):
            reason = probe()
            if reason:
                if IN_CI:
                    pytest.fail(f"CI=true but {reason}", pytrace=False)
                pytest.skip(reason)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _one_database(settings):
    """With DATABASE_REPLICA_URL set, the replica alias mirrors the test database (its TEST
    MIRROR), but a test's own transaction is invisible to a second connection: no page reads
    it here. tests/deploy/test_replica.py tests the replica, with a real one."""
    if "replica" in django_settings.DATABASES:
        settings.ORGLIFE_REPLICA_VIEWS = frozenset()


@pytest.fixture(autouse=True)
def _sessions_outlive_time_travel(settings):
    """Sessions last two weeks here (Django's default), not the production idle period
    (ORGLIFE_SESSION_IDLE_MINUTES): many tests travel days ahead with a client logged in, and
    a slow run may sit idle for minutes. tests/members/test_accounts.py sets the idle period
    back and tests it."""
    settings.SESSION_COOKIE_AGE = 14 * 24 * 3600


@pytest.fixture
def org_tree(db):
    """党委 → (branch A, 党总支 → branch B) and a second 党委 → branch C."""
    from tests.members.factories import OrganizationFactory

    committee = OrganizationFactory.committee(name="一号党委")
    branch_a = OrganizationFactory.branch(parent=committee, name="A支部")
    general = OrganizationFactory.general_branch(parent=committee, name="党总支")
    branch_b = OrganizationFactory.branch(parent=general, name="B支部")
    other = OrganizationFactory.committee(name="二号党委")
    branch_c = OrganizationFactory.branch(parent=other, name="C支部")
    return {
        "committee": committee,
        "general": general,
        "a": branch_a,
        "b": branch_b,
        "other": other,
        "c": branch_c,
    }


@pytest.fixture
def local_cache(settings):
    """The default cache in this process's memory, empty before and after the test — for
    throttling counters and what a test reads back, whatever the environment uses (the shared
    Redis keeps counters for a while, and user ids repeat between runs)."""
    from django.core.cache import caches

    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "orglife-tests",
        },
    }
    caches["default"].clear()
    yield caches["default"]
    caches["default"].clear()
