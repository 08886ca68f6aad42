"""Without SECRET_KEY and with DEBUG off, orglife refuses to start, saying why: it would
otherwise sign sessions, password resets and import previews with a key anyone can read in
the source. DEBUG=true (``make run``) still starts on the local key; a set key starts."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _start(**env: str) -> subprocess.CompletedProcess:
    """Load the settings and the WSGI application as gunicorn would, in a fresh process."""
    base = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    return subprocess.run(
        [sys.executable, "-c", "import config.wsgi; print('started')"],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_no_key_and_debug_off_refuses_to_start_with_a_clear_message():
    for env in ({"DEBUG": "false"}, {}, {"DEBUG": "false", "SECRET_KEY": "  "}):
        result = _start(**env)
        assert result.returncode != 0, env
        assert "started" not in result.stdout
        assert "ImproperlyConfigured" in result.stderr
        assert "SECRET_KEY is not set and DEBUG is off" in result.stderr


def test_debug_on_or_a_key_starts():
    assert _start(DEBUG="true").stdout.strip() == "started"
    result = _start(DEBUG="false", SECRET_KEY=secrets.token_urlsafe(64))
    assert result.stdout.strip() == "started", result.stderr
