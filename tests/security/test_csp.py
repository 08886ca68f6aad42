"""Content-Security-Policy: no inline script or style, anywhere.

The header is checked on real pages; every template file is scanned, so that an inline
``<script>``, an ``on…=`` handler, a ``style="…"`` attribute or a ``javascript:`` URL fails
here before a browser silently refuses it in production."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.members.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def _assert_strict(response) -> None:
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert set(policy["img-src"]) == {"'self'", "data:"}
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    for directive in ("default-src", "script-src", "style-src"):
        assert "'unsafe-inline'" not in policy[directive]
        assert "'unsafe-eval'" not in policy[directive]


@pytest.mark.django_db
def test_the_login_page_carries_a_strict_policy(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    _assert_strict(response)


@pytest.mark.django_db
def test_a_signed_in_page_carries_a_strict_policy(client):
    client.force_login(UserFactory())
    response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 200
    _assert_strict(response)


@pytest.mark.django_db
def test_htmx_does_not_inject_its_own_style(client):
    """htmx 2 adds an inline <style> unless told not to; the CSS lives in app.css instead."""
    html = client.get(reverse("login")).content.decode()
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false}\'>' in html
    css = (ROOT / "static" / "css" / "app.css").read_text()
    assert ".htmx-indicator" in css and ".htmx-request" in css


# --- every template file ----------------------------------------------------------------

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"javascript:", re.IGNORECASE)
HTMX_EVAL = re.compile(r"\shx-on[:-]|\bjs:", re.IGNORECASE)  # htmx evaluates these as code

RULES = {
    "<script> without src=": INLINE_SCRIPT,
    "on…= event handler attribute": EVENT_HANDLER,
    'style="…" attribute': STYLE_ATTRIBUTE,
    "<style> element": STYLE_ELEMENT,
    "javascript: URL": JAVASCRIPT_URL,
    "hx-on / js: (needs unsafe-eval)": HTMX_EVAL,
}


def _template_files() -> list[Path]:
    return sorted(p for p in TEMPLATES.rglob("*") if p.is_file())


def test_there_are_templates_to_scan():
    files = _template_files()
    assert len(files) > 20
    assert TEMPLATES / "base.html" in files


@pytest.mark.parametrize("template", _template_files(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_no_inline_script_or_style_in_template(template):
    text = template.read_text(encoding="utf-8")
    found = []
    for what, pattern in RULES.items():
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{template.relative_to(ROOT)}:{line}: {what}: {match.group(0).strip()}")
    assert not found, "the Content-Security-Policy forbids:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "snippet",
    [
        "<script>alert(1)</script>",
        '<script type="module">x()</script>',
        '<button onclick="go()">',
        '<body onload="init()">',
        '<div style="color: red">',
        "<style>p { color: red }</style>",
        '<a href="javascript:void(0)">',
        '<button hx-on:click="x()">',
    ],
)
def test_the_scan_catches_what_it_is_for(snippet):
    assert any(pattern.search(snippet) for pattern in RULES.values())


@pytest.mark.parametrize(
    "snippet",
    [
        '<script src="/static/js/app.js"></script>',
        "<script defer src=\"{% static 'js/day.js' %}\"></script>",
        '<button class="btn" data-confirm="确定?">',
        "<p>只要有问题就要整改,one=1</p>",
    ],
)
def test_the_scan_lets_the_allowed_through(snippet):
    assert not any(pattern.search(snippet) for pattern in RULES.values())
