"""Django in a benchmark's own process: the production settings with DEBUG off, a throwaway
key (the settings refuse to start without one when DEBUG is off) and the test client's host."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_SECRET_KEY = "bench-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz"


def bench_django_setup(**env: str) -> None:
    """Set the benchmark's environment (``env`` overrides, the rest only where unset), then
    ``django.setup()`` with the project on the path."""
    os.environ.update(env)
    for name, value in {
        "DEBUG": "false",
        "SECRET_KEY": BENCH_SECRET_KEY,
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "false",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }.items():
        os.environ.setdefault(name, value)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()
