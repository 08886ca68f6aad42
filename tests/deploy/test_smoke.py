"""The production topology on loopback: one reminder from the schedule to the inbox.

gunicorn (with deploy/gunicorn.conf.py), a Celery worker and a Celery beat run as separate
processes with production settings from the environment — DEBUG off, manifest static files
after ``collectstatic``, Secure cookies, HSTS, SSL redirect — against the test database and
a Redis database of their own. The test plays nginx: it sends ``X-Forwarded-Proto: https``
and ``X-Real-IP`` as deploy/nginx/orglife.conf does, so even ``SECURE_SSL_REDIRECT`` stays on.

A user logs in through the real login form, a reminder due yesterday is put on the schedule,
and the test waits until beat's sweep has claimed it, the worker has delivered it, and
gunicorn shows the digest in the user's inbox.
"""

from __future__ import annotations

import datetime
import email
import email.policy
import http.cookiejar
import os
import re
import secrets
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.conf import global_settings
from django.utils import timezone

from tests.harness import ROOT, Topology, database_url, flushed, free_port, redis_db_url

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

SMOKE_REDIS_DB = 9
PASSWORD = "smoke-pass-2026-长城"


class Browser:
    """urllib with a cookie jar, sending what nginx adds in front of gunicorn."""

    def __init__(self, base: str):
        self.base = base
        # Production cookies are Secure; the jar must treat our TLS-terminated loopback as
        # the HTTPS it stands for, or it would never send the session back.
        policy = http.cookiejar.DefaultCookiePolicy(secure_protocols=("https", "wss", "http"))
        self.jar = http.cookiejar.CookieJar(policy)
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def request(self, path: str, data: dict | None = None, *, proxied: bool = True, **headers):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body, headers=headers)
        if proxied:
            req.add_header("X-Forwarded-Proto", "https")
            req.add_header("X-Real-IP", "127.0.0.1")
        try:
            with self.opener.open(req, timeout=20) as resp:
                return resp.status, dict(resp.headers), resp.read().decode()
        except urllib.error.HTTPError as err:
            return err.code, dict(err.headers), err.read().decode(errors="replace")

    def cookie(self, name: str) -> http.cookiejar.Cookie | None:
        return next((c for c in self.jar if c.name == name), None)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the test looks at each redirect itself


@pytest.fixture
def topology(tmp_path):
    redis_url = redis_db_url(SMOKE_REDIS_DB)
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{port}",
        "ORGLIFE_BASE_URL": f"https://127.0.0.1:{port}",
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": redis_url,
        "CELERY_RESULT_BACKEND": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        # django-environ drops the first slash of the path: four slashes for an absolute one.
        "EMAIL_URL": f"filemail:///{tmp_path / 'mail'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATICFILES_BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "BEHIND_TLS_PROXY": "true",
        "SECURE_SSL_REDIRECT": "true",
        "SESSION_COOKIE_SECURE": "true",
        "CSRF_COOKIE_SECURE": "true",
        "SECURE_HSTS_SECONDS": "31536000",
        "RATELIMIT_IP_META_KEY": "HTTP_X_REAL_IP",
        "REMINDER_SWEEP_SECONDS": "2",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "LOG_LEVEL": "INFO",
    }
    with flushed(redis_url):
        topo = Topology(tmp_path, env)
        try:
            topo.run("collectstatic", "--noinput", "-v0")
            topo.start("web", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"))
            topo.start(
                "worker",
                *("celery", "-A", "config", "worker", "--concurrency=1", "--loglevel=INFO"),
                *("--without-gossip", "--without-mingle", "--hostname=smoke@%h"),
            )
            topo.start(
                "beat",
                *("celery", "-A", "config", "beat", "--loglevel=INFO"),
                f"--schedule={tmp_path / 'celerybeat-schedule'}",
            )
            yield topo
        finally:
            topo.stop()


def test_one_reminder_from_the_schedule_to_the_inbox(topology, settings):
    from django.contrib.auth import get_user_model

    from notifications.models import Reminder, ReminderStatus
    from notifications.reminders import reminder_schedule

    # The production hasher, not the tests' fast one: gunicorn checks this password.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    user = get_user_model().objects.create_user(
        username="smoke", password=PASSWORD, email="smoke@example.org"
    )
    browser = Browser(topology.base)

    # gunicorn is up and serves the login form.
    status, headers, html = topology.wait(
        lambda: _answer(browser, "/accounts/login/"),
        timeout=60,
        what="gunicorn to serve the login page",
    )
    assert status == 200
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")

    # Manifest static files: the page links hashed names, and they are served.
    css = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', html)
    assert css, "the login page does not link the hashed app.css from the manifest"
    status, headers, _ = browser.request(css.group(1))
    assert status == 200
    assert "max-age=315360000" in headers.get("Cache-Control", "")

    # Plain HTTP, without the proxy's header, is sent to HTTPS.
    status, headers, _ = browser.request("/accounts/login/", proxied=False)
    assert status == 301
    assert headers["Location"].startswith("https://")

    # Log in through the real form, CSRF token and all.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    login_url = f"{topology.base}/accounts/login/".replace("http://", "https://")
    status, headers, _ = browser.request(
        "/accounts/login/",
        {"username": "smoke", "password": PASSWORD, "csrfmiddlewaretoken": token},
        Referer=login_url,
    )
    assert status == 302, "the login form did not accept the user"
    session = browser.cookie("sessionid")
    assert session is not None and session.secure
    status, _, inbox = browser.request("/inbox/")
    assert status == 200
    title = f"烟雾测试提醒 {uuid.uuid4().hex[:8]}"
    assert title not in inbox

    # One reminder, due yesterday: beat's next sweep claims it, the worker delivers it.
    reminder = reminder_schedule(
        subject=f"smoke:{user.pk}",
        kind="smoke",
        recipient=user,
        due_on=timezone.localdate() - datetime.timedelta(days=1),
        title=title,
        body="从提醒计划到消息箱",
        url="/inbox/",
    )

    def delivered():
        status, _, page = browser.request("/inbox/")
        return status == 200 and title in page

    topology.wait(delivered, timeout=90, what="the digest in the inbox page")

    reminder.refresh_from_db()
    assert reminder.status == ReminderStatus.SENT
    assert reminder.notification.title == title
    assert Reminder.objects.filter(recipient=user, status=ReminderStatus.SENT).count() == 1
    # …and the worker sent its e-mail copy through EMAIL_URL.
    mail_dir = topology.workdir / "mail"
    topology.wait(
        lambda: title in _mailed_subjects(mail_dir),
        timeout=30,
        what="the e-mail copy",
    )


def _mailed_subjects(mail_dir: Path) -> list[str]:
    """Subjects of what Django's file e-mail backend wrote (messages end with a rule)."""
    if not mail_dir.is_dir():
        return []
    subjects = []
    for path in mail_dir.iterdir():
        for chunk in path.read_text(errors="replace").split("-" * 79):
            if chunk.strip():
                message = email.message_from_string(chunk.strip(), policy=email.policy.default)
                subjects.append(str(message["Subject"]))
    return subjects


def _answer(browser: Browser, path: str):
    try:
        return browser.request(path)
    except (ConnectionError, urllib.error.URLError, TimeoutError):
        return None
