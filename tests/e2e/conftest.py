"""The browser tests' fixtures: a live server on the test database with the demo data, a real
Celery worker on a private Redis database, and Debian's Chromium driven by Playwright.

- ``site``: pytest-django's ``live_server`` (a thread of this process, so
  ``time_machine.travel`` in the test moves its clock too) on the PostgreSQL test database
  (``transactional_db``: the worker and the server see committed rows), the demo data loaded
  with ``load_demo``, uploads in a temporary MEDIA_ROOT.
- ``celery_worker``: this process's Celery app re-pointed at a Redis database of its own and
  no longer eager, and a ``celery worker`` subprocess on the same database and broker — so
  what the pages enqueue (e-mails, reminder deliveries) runs in a real worker.
- ``people``: one browser context per person (their own cookies, like their own device),
  each logged in on first use. Every request to a host other than the live server, every
  console error, uncaught page error and HTTP error response is recorded; ``assert_clean``
  (called by ``assert_chinese`` on every page checked, and at teardown) fails the test.
- ``assert_chinese`` also runs axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on the page at
  desktop and at 390 px phone width and fails on any serious or critical violation
  (tests/e2e/axe.py).

Screenshots go to a temporary directory; with ``ORGLIFE_SCREENSHOTS=1`` they are written to
docs/screenshots/ (the README shows them): ``ORGLIFE_SCREENSHOTS=1 make test
PYTEST_ARGS=tests/e2e``.

Playwright's sync API keeps an asyncio loop running in the test's thread, where Django
refuses ORM calls (SynchronousOnlyOperation); ``off_loop`` runs them in a thread of their own.
"""

from __future__ import annotations

import os
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.db import connections

from members.demo import PASSWORD
from tests.conftest import chromium_path
from tests.e2e.axe import assert_accessible
from tests.harness import CeleryWorker, flushed, on_broker, redis_db_url

try:
    from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
except ImportError:  # the `browser` mark skips (or fails under CI=true) with the reason
    Browser = BrowserContext = Page = expect = sync_playwright = None

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
BROKER_DB = 11  # private Redis databases (the reminder fault tests use 7)
CACHE_DB = 12
VIEWPORT = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    # No network here: background networking would only flood refused connections.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
]
# Known gaps the pages still have, tolerated here so the rest stays checked; add an entry
# only with a reason. (base.html links an icon, so no /favicon.ico 404 any more.)
TOLERATED_PATHS: set[str] = set()
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]")

if expect is not None:
    expect.set_options(timeout=15_000)


def off_loop(fn: Callable[..., Any], *args, **kwargs) -> Any:
    """Call ``fn`` in a thread of its own (its own database connection, closed after)."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = fn(*args, **kwargs)
        except BaseException as exc:  # re-raised in the caller
            outcome["error"] = exc
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, name=f"off-loop-{getattr(fn, '__name__', 'call')}")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


# --- the server and its data -----------------------------------------------------------------


class Site:
    def __init__(self, url: str, shots: Path):
        self.url = url.rstrip("/")
        self.netloc = urlsplit(self.url).netloc
        self.shots = shots


def _load_demo() -> None:
    from django.core.management import call_command

    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def site(live_server, settings, tmp_path) -> Site:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    off_loop(_load_demo)
    shots = SCREENSHOTS if os.environ.get("ORGLIFE_SCREENSHOTS") == "1" else tmp_path / "shots"
    shots.mkdir(parents=True, exist_ok=True)
    return Site(live_server.url, shots)


# --- a real worker ---------------------------------------------------------------------------


@pytest.fixture
def celery_worker(site, settings, tmp_path):
    """Tasks leave this process for a real worker through a Redis database of their own; the
    cache (throttling counters) moves to another one, so nothing is shared with other runs."""
    from config.celery import app

    broker, cache = redis_db_url(BROKER_DB), redis_db_url(CACHE_DB)
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": cache}
    }
    with flushed(broker, cache), on_broker(app, broker):
        # its log in a file (a pipe nobody reads can fill up and stall it) and a readiness check
        worker = CeleryWorker(broker, cache=cache, workdir=tmp_path, CELERY_RESULT_BACKEND="")
        try:
            worker.wait_ready(app)
            yield worker
        finally:
            worker.stop()
    worker.assert_no_task_failed()


# --- the browser -----------------------------------------------------------------------------


@pytest.fixture
def browser(site):
    """Chromium for one test (stopped before the database is flushed: see ``off_loop``)."""
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()


class People:
    """The people using the site, each in their own browser context (their own cookies)."""

    def __init__(self, browser: Browser, site: Site):
        self.browser = browser
        self.site = site
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self._pages: dict[str, Page] = {}
        # per person: what their browser asked of the server (see ``_count``)
        self.counts: dict[str, Counter] = defaultdict(Counter)

    # one page per person, logged in on first use
    def page(self, username: str | None = None, *, phone: bool = False) -> Page:
        key = f"{username or '(public)'}{' (phone)' if phone else ''}"
        if key not in self._pages:
            context = self._new_context(PHONE if phone else VIEWPORT, is_mobile=phone)
            context.on("request", lambda request: self._count(username or "(public)", request))
            page = context.new_page()
            self._pages[key] = page
            if username:
                login(page, username)
        return self._pages[key]

    def _new_context(self, viewport: dict, *, is_mobile: bool) -> BrowserContext:
        context = self.browser.new_context(
            base_url=self.site.url,
            viewport=viewport,
            is_mobile=is_mobile,
            has_touch=is_mobile,
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
        )
        context.set_default_timeout(15_000)
        context.on("request", self._on_request)
        context.on("response", self._on_response)
        context.on("page", self._watch)
        return context

    def _watch(self, page: Page) -> None:
        page.on("console", lambda msg: self._on_console(page, msg))
        page.on("pageerror", lambda exc: self.problems.append(f"{page.url}: page error: {exc}"))
        page.on("dialog", self._on_dialog)

    def _on_request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if parts.netloc != self.site.netloc:
            self.problems.append(f"request outside the server: {request.url}")

    def _count(self, who: str, request) -> None:
        """A page load (a document fetched), a form submission (a document posted), or
        an in-page exchange (htmx: a fragment fetched or a form posted without leaving the
        page). The page a submission redirects to is part of the submission; static
        files and the pages' own scripts are not counted."""
        if request.redirected_from is not None:
            return
        kind = request.resource_type
        if kind == "document":
            self.counts[who]["form submissions" if request.method == "POST" else "page loads"] += 1
        elif kind in ("xhr", "fetch"):
            key = "in-page submissions" if request.method == "POST" else "in-page updates"
            self.counts[who][key] += 1

    def _on_response(self, response) -> None:
        if response.status >= 400 and urlsplit(response.url).path not in TOLERATED_PATHS:
            self.problems.append(
                f"HTTP {response.status}: {response.request.method} {response.url}"
            )

    def _on_console(self, page: Page, msg) -> None:
        source = urlsplit(msg.location.get("url") or "").path
        if msg.type == "error" and source not in TOLERATED_PATHS:
            self.problems.append(f"{page.url}: console error: {msg.text}")

    def _on_dialog(self, dialog) -> None:
        """A confirm() (data-confirm, hx-confirm): the person reads it and clicks OK."""
        self.dialogs.append(dialog.message)
        dialog.accept()

    def assert_clean(self) -> None:
        problems, self.problems = self.problems, []
        assert not problems, "the browser saw:\n" + "\n".join(problems)

    def close(self) -> None:
        for page in self._pages.values():
            page.context.close()


@pytest.fixture
def people(browser, site):
    crowd = People(browser, site)
    yield crowd
    crowd.close()
    crowd.assert_clean()


# --- helpers the tests call ------------------------------------------------------------------


def login(page: Page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the login form, as the person would."""
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main form button").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def cjk_share(text: str) -> tuple[int, float]:
    """How many CJK characters, and their share among CJK characters and Latin letters."""
    cjk, latin = len(CJK.findall(text)), len(LATIN.findall(text))
    return cjk, cjk / max(cjk + latin, 1)


def assert_chinese(page: Page, people: People | None = None, *, share: float = 0.8) -> None:
    """The page is served in Chinese: ``<html lang="zh-hans">`` and its visible text mostly
    Chinese characters (Latin letters are few: a brand name, a file type). And usable by
    everyone: no serious or critical axe-core violation at desktop or phone width."""
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    text = page.locator("body").inner_text()
    count, ratio = cjk_share(text)
    assert count >= 20 and ratio >= share, (
        f"{page.url}: not Chinese enough ({count} CJK characters, {ratio:.0%}):\n{text[:500]}"
    )
    assert_accessible(page)
    if people is not None:
        people.assert_clean()


def screenshot(page: Page, site: Site, name: str) -> Path:
    """Save what the person sees (the viewport) as ``<name>.png``; written under a temporary
    name first, so an interrupted run never leaves half a picture."""
    final = site.shots / f"{name}.png"
    partial = site.shots / f"{name}.tmp.png"
    page.screenshot(path=str(partial), animations="disabled", caret="hide")
    os.replace(partial, final)
    return final
