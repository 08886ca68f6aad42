"""The deployment files say what deploy/README.md promises."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def test_the_env_example_lists_every_variable_that_settings_read():
    source = (ROOT / "config" / "settings.py").read_text(encoding="utf-8")
    read = set(re.findall(r"\benv(?:\.\w+)?\(\s*\"([A-Z][A-Z0-9_]*)\"", source))
    assert {"DATABASE_URL", "SECRET_KEY", "REDIS_URL"} <= read  # the pattern still matches
    example = (DEPLOY / "orglife.env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", example, re.MULTILINE))
    missing = sorted(read - listed)
    assert not missing, f"add these to deploy/orglife.env.example: {missing}"


def test_the_env_example_is_production():
    example = (DEPLOY / "orglife.env.example").read_text(encoding="utf-8")
    values = dict(re.findall(r"^([A-Z][A-Z0-9_]*)=(.*)$", example, re.MULTILINE))
    assert values["DEBUG"] == "false"
    assert values["STATICFILES_BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    for flag in (
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        "BEHIND_TLS_PROXY",
    ):
        assert values[flag] == "true", flag
    assert int(values["SECURE_HSTS_SECONDS"]) >= 31536000
    assert values["RATELIMIT_IP_META_KEY"] == "HTTP_X_REAL_IP"
    assert values["CELERY_TASK_ALWAYS_EAGER"] == "false"


def test_nginx_never_serves_uploaded_files_by_url():
    conf = (DEPLOY / "nginx" / "orglife.conf").read_text(encoding="utf-8")
    code = "\n".join(line.split("#", 1)[0] for line in conf.splitlines())
    media_root = "/var/lib/orglife/media/"
    locations = re.findall(r"location\s+([^\s{]+)\s*\{([^}]*)\}", code)
    serving_media = [path for path, body in locations if media_root in body]
    assert serving_media == ["/_protected/media/"]
    protected = dict(locations)["/_protected/media/"]
    assert re.search(r"^\s*internal;", protected, re.MULTILINE)
    assert not any(path.startswith("/media") for path, _ in locations)


def test_nginx_body_limit_fits_the_evidence_limit_and_nothing_much_more():
    conf = (DEPLOY / "nginx" / "orglife.conf").read_text(encoding="utf-8")
    limit = re.search(r"client_max_body_size\s+(\d+)m;", conf)
    assert limit
    # Evidence files may be up to 5 MB; the rest of the form and the multipart envelope
    # need a little more, and anything far beyond is an upload nobody should be sending.
    evidence_limit_mb = 5
    assert evidence_limit_mb < int(limit.group(1)) <= evidence_limit_mb + 2


def test_nginx_passes_the_client_address_and_scheme_the_app_trusts():
    conf = (DEPLOY / "nginx" / "orglife.conf").read_text(encoding="utf-8")
    assert re.search(r"proxy_set_header\s+X-Real-IP\s+\$remote_addr;", conf)
    assert re.search(r"proxy_set_header\s+X-Forwarded-Proto\s+\$scheme;", conf)


def test_exactly_one_beat_unit_and_it_runs_beat():
    units = {p.name: p.read_text(encoding="utf-8") for p in (DEPLOY / "systemd").glob("*")}
    assert set(units) == {"orglife-web.service", "orglife-worker.service", "orglife-beat.service"}
    runs_beat = [name for name, text in units.items() if re.search(r"celery .*\bbeat\b", text)]
    assert runs_beat == ["orglife-beat.service"]
    assert "deploy/gunicorn.conf.py" in units["orglife-web.service"]
    assert re.search(r"celery -A config worker", units["orglife-worker.service"])
    for text in units.values():
        assert "EnvironmentFile=/etc/orglife/orglife.env" in text


def test_evidence_goes_through_the_internal_nginx_location_the_env_example_names():
    example = (DEPLOY / "orglife.env.example").read_text(encoding="utf-8")
    values = dict(re.findall(r"^([A-Z][A-Z0-9_]*)=(.*)$", example, re.MULTILINE))
    prefix = values["ORGLIFE_EVIDENCE_ACCEL_PREFIX"]
    nginx = (DEPLOY / "nginx" / "orglife.conf").read_text(encoding="utf-8")
    block = re.search(r"location " + re.escape(prefix) + r" \{(.*?)\}", nginx, re.DOTALL)
    assert block, f"no nginx location {prefix}"
    assert "internal;" in block.group(1)
    assert f"alias {values['MEDIA_ROOT'].rstrip('/')}/;" in block.group(1)
