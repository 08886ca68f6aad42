"""Login throttling (django-axes): one username from one address is locked after
AXES_FAILURE_LIMIT failures, for AXES_COOLOFF_TIME, not forever; a success resets the count;
other addresses are not locked; behind the proxy the address is the X-Real-IP header."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.members.factories import UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "pw-for-tests-2026"
LOCKED_TEXT = "登录已暂时锁定"


@pytest.fixture
def user():
    return UserFactory(username="zhangsan")


def _login(client, password, *, ip="198.51.100.7", **headers):
    client.logout()
    return client.post(
        reverse("login"),
        {"username": "zhangsan", "password": password},
        REMOTE_ADDR=ip,
        **headers,
    )


def _fail_until_locked(client, settings, **kwargs):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _login(client, "wrong-password", **kwargs)
        assert response.status_code == 200  # the form again, with its error
    response = _login(client, "wrong-password", **kwargs)
    assert response.status_code == 429
    return response


def test_the_right_password_is_refused_once_locked(client, settings, user):
    assert settings.AXES_FAILURE_LIMIT >= 3
    response = _fail_until_locked(client, settings)
    content = response.content.decode()
    assert LOCKED_TEXT in content
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert f"{minutes} 分钟" in content  # the cool-off, in the user's words

    response = _login(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_same_username_from_another_address_is_not_locked(client, settings, user):
    _fail_until_locked(client, settings, ip="198.51.100.7")
    response = _login(client, PASSWORD, ip="203.0.113.20")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_another_username_from_the_locked_address_is_not_locked(client, settings, user):
    _fail_until_locked(client, settings)
    other = UserFactory(username="lisi")
    client.logout()
    response = client.post(
        reverse("login"), {"username": "lisi", "password": PASSWORD}, REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(other.pk)


def test_the_lock_lifts_after_the_cool_off(client, settings, user):
    cool_off = settings.AXES_COOLOFF_TIME
    assert cool_off == datetime.timedelta(minutes=15)  # a cool-off, not a permanent lock
    minute = datetime.timedelta(minutes=1)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _fail_until_locked(client, settings)
    with time_machine.travel(start + cool_off - minute, tick=False):
        assert _login(client, PASSWORD).status_code == 429
    with time_machine.travel(start + cool_off + minute, tick=False):
        response = _login(client, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_successful_login_resets_the_count(client, settings, user):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "wrong-password").status_code == 200
    assert _login(client, PASSWORD).status_code == 302
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "wrong-password").status_code == 200
    assert _login(client, PASSWORD).status_code == 302


def test_behind_the_proxy_each_client_address_counts_not_the_proxys(client, settings, user):
    """nginx connects from 127.0.0.1 and sets X-Real-IP; the lock follows X-Real-IP."""
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_REAL_IP", "REMOTE_ADDR")
    _fail_until_locked(client, settings, ip="127.0.0.1", HTTP_X_REAL_IP="198.51.100.7")
    assert _login(client, PASSWORD, ip="127.0.0.1", HTTP_X_REAL_IP="198.51.100.7").status_code == (
        429
    )
    response = _login(client, PASSWORD, ip="127.0.0.1", HTTP_X_REAL_IP="203.0.113.20")
    assert response.status_code == 302


def test_axes_reads_the_same_client_address_header_as_the_throttling():
    """config/settings.py derives the lockout's address header from RATELIMIT_IP_META_KEY."""
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(repr(tuple(s.AXES_IPWARE_META_PRECEDENCE_ORDER)))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    for key, expected in (
        ("HTTP_X_REAL_IP", ("HTTP_X_REAL_IP", "REMOTE_ADDR")),
        ("", ("REMOTE_ADDR",)),
    ):
        env["RATELIMIT_IP_META_KEY"] = key
        if not key:
            del env["RATELIMIT_IP_META_KEY"]
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert out.returncode == 0, out.stderr
        assert repr(expected) in out.stdout
