"""`manage.py check --deploy` with the production environment of deploy/orglife.env.example
reports nothing; with the example's placeholder SECRET_KEY left in, it refuses."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV_EXAMPLE = ROOT / "deploy" / "orglife.env.example"


def production_env(**overrides: str) -> dict[str, str]:
    """The example file's values (systemd EnvironmentFile syntax: KEY=value, optional quotes)."""
    values = {}
    for raw in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, _, value = line.partition("=")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values[key] = value
    return {**os.environ, **values, **overrides}


def _check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy():
    result = _check_deploy(production_env(SECRET_KEY=secrets.token_urlsafe(64)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_the_placeholder_secret_key_does_not_pass():
    result = _check_deploy(production_env())
    assert result.returncode != 0
    assert "security.W009" in result.stderr
