"""Every form fuzzed with hypothesis: bad, huge or strange input gives a clear error, never a
500, and never a half-saved record.

Each form of the app (tests/security/fuzz_table.py; the coverage test below keeps that table
complete) is posted by the right person with payloads that keep each field valid, replace it
with something nasty (NUL and control characters, right-to-left text, emoji, 100,000
characters, impossible dates, numbers out of range, SQL and HTML, wrong choices), leave it
out or send it twice; uploads get random bytes, wrong magic bytes, empty files and huge
names. For every example:

- the answer is never a 5xx;
- a refusal (a form shown again with errors, a redirect with an error message, a 4xx)
  writes nothing at all, and a form shown again shows every one of its errors;
- an acceptance writes complete rows: no NUL, nothing over a column's declared length, only
  known choices, no dangling reference, and the form's own completeness check (a meeting
  has its agenda and attendees, a ballot all its marks, an import all its rows…);
- an answer that neither refuses nor changes anything must at least say so.

The public links' tokens get the same treatment in the URL itself.

Every example runs in a savepoint that is rolled back, so each starts from the same world.
Deterministic (``derandomize``): CI sees the same examples every run. Run it on PostgreSQL
too — NUL characters and column lengths are errors there and silently accepted by SQLite.
"""

from __future__ import annotations

import html
import itertools
import os
import random
import traceback
from urllib.parse import quote, urlencode

import pytest
from django import forms as django_forms
from django.apps import apps
from django.contrib import messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models, transaction
from django.test import Client
from django.test.utils import ContextList
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from members.importing import RowError
from tests.dbsnapshot import snapshot
from tests.security.fuzz_strategies import NASTY_TEXT, STRANGE_ALPHABET
from tests.security.fuzz_table import EXEMPT, FORMS, Change, fields_strategy
from tests.security.fuzz_world import build_world

pytestmark = pytest.mark.django_db

# CI runs the same 30 examples per form every time. To search further, e.g. before a
# release: ORGLIFE_FUZZ_EXAMPLES=300 ORGLIFE_FUZZ_SEARCH=1 (new random examples each run).
EXAMPLES = int(os.environ.get("ORGLIFE_FUZZ_EXAMPLES", "30"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not os.environ.get("ORGLIFE_FUZZ_SEARCH"),
    database=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Written by every request whatever it does (the session of a logged-in client).
IGNORED_TABLES = {"django_session"}


# --- which URLs take a POST --------------------------------------------------------------------


def _patterns(resolver=None, namespace=""):
    """(name, view) of every URL; a nameless one is named by its route."""
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            inner = p.namespace or ""
            ns = f"{namespace}:{inner}" if namespace and inner else (namespace or inner)
            yield from _patterns(p, ns)
        elif isinstance(p, URLPattern):
            name = p.name or str(p.pattern)
            yield (f"{namespace}:{name}" if namespace else name), p.callback


def _takes_post(callback) -> bool:
    """A class-based view takes a POST when it has ``post`` and allows it; a function view
    may take one whatever it is, so it has to be named in the table or exempted."""
    view_class = getattr(callback, "view_class", None)
    if view_class is None:
        return True
    allowed = callback.view_initkwargs.get("http_method_names", view_class.http_method_names)
    return "post" in allowed and hasattr(view_class, "post")


def _exempt(name: str) -> bool:
    return name in EXEMPT or f"{name.split(':', 1)[0]}:*" in EXEMPT


def test_every_url_that_takes_a_post_is_fuzzed_or_exempted_with_a_reason():
    names = {name for name, callback in _patterns() if _takes_post(callback)}
    missing = sorted(n for n in names if n not in FORMS and not _exempt(n))
    assert not missing, f"URLs that take a POST but are neither fuzzed nor exempted: {missing}"
    every = {name for name, _cb in _patterns()}
    stale = sorted(n for n in [*FORMS, *EXEMPT] if not n.endswith(":*") and n not in every)
    assert not stale, f"the fuzz table names URLs that no longer exist: {stale}"
    assert all(reason.strip() for reason in EXEMPT.values())


# --- what a row may hold ---------------------------------------------------------------------

_FIELDS_BY_TABLE: dict[str, dict[str, models.Field]] = {}


def _columns(table: str) -> dict[str, models.Field]:
    if not _FIELDS_BY_TABLE:
        for model in apps.get_models(include_auto_created=True):
            _FIELDS_BY_TABLE[model._meta.db_table] = {f.column: f for f in model._meta.local_fields}
    return _FIELDS_BY_TABLE.get(table, {})


def _check_rows(change: Change) -> None:
    """Every row written is one the model itself would accept."""
    for table, rows in change.added.items():
        columns = _columns(table)
        for row in rows:
            for column, value in row.items():
                if not isinstance(value, str):
                    continue
                where = f"{table}.{column}"
                assert "\x00" not in value, f"{where} saved a NUL character"
                f = columns.get(column)
                if f is None:
                    continue
                if f.max_length and len(value) > f.max_length:
                    raise AssertionError(
                        f"{where} saved {len(value)} characters (at most {f.max_length})"
                    )
                if f.choices and value not in {str(k) for k, _v in f.flatchoices}:
                    assert value == "" and f.blank, f"{where} saved an unknown choice {value!r}"
                if isinstance(f, models.CharField | models.TextField) and not f.blank:
                    assert value.strip(), f"{where} is required but saved blank"


# --- the errors a page shows ------------------------------------------------------------------


def _form_errors(obj, seen: set[int]) -> list[tuple[str, str]]:
    """(field, message) of every error on a bound form, formset or import preview."""
    if id(obj) in seen:
        return []
    seen.add(id(obj))
    if isinstance(obj, django_forms.BaseForm):
        if not obj.is_bound or obj._errors is None:
            return []
        return [(name, str(e)) for name, errs in obj.errors.items() for e in errs]
    if isinstance(obj, django_forms.BaseFormSet):
        if not obj.is_bound:
            return []
        out = [("__all__", str(e)) for e in obj.non_form_errors()]
        for form in obj.forms:
            out += _form_errors(form, seen)
        return out
    if isinstance(obj, RowError):  # a roster file's bad row
        return [("__all__", str(m)) for m in obj.messages]
    if isinstance(obj, list | tuple):
        return [e for item in obj[:50] for e in _form_errors(item, seen)]
    if all(hasattr(obj, a) for a in ("text", "problems", "measures")):  # DraftEditForms
        parts = (obj.text, obj.problems, obj.measures)
        return [e for part in parts for e in _form_errors(part, seen)]
    return []


def _shown_errors(response) -> tuple[list[tuple[str, str]], str]:
    """The errors of the bound forms on the page, and a fragment's ``error`` text."""
    if response.context is None:
        return [], ""
    contexts = response.context if isinstance(response.context, ContextList) else [response.context]
    seen: set[int] = set()
    errors: list[tuple[str, str]] = []
    fragment = ""
    for context in contexts:
        for key, value in context.flatten().items():
            if key == "error" and isinstance(value, str) and value:
                fragment = value
            errors += _form_errors(value, seen)
    return errors, fragment


def _visible(content: str, message: str) -> bool:
    return html.escape(message) in content or message in content


# --- one example --------------------------------------------------------------------------------

_IP_BASE = random.Random(os.getpid()).randrange(1, 250)
_IPS = itertools.count()


def _client_ip() -> str:
    """A fresh address per example: the public link's throttle counts per address."""
    n = next(_IPS)
    return f"10.{_IP_BASE}.{n // 250 % 250}.{n % 250 + 1}"


def _has_file(body: dict) -> bool:
    values = [v for value in body.values() for v in (value if isinstance(value, list) else [value])]
    return any(isinstance(v, SimpleUploadedFile) for v in values)


def _describe(name: str, body: dict) -> str:
    def short(v) -> str:
        if isinstance(v, SimpleUploadedFile):
            return f"<file {v.name[:60]!r}, {v.size} bytes>"
        if isinstance(v, list):
            return "[" + ", ".join(short(x) for x in v) + "]"
        if len(v) > 80:
            return f"{v[:80]!r}…({len(v)} chars)"
        return repr(v)

    return f"POST {name} {{" + ", ".join(f"{k[:40]!r}: {short(v)}" for k, v in body.items()) + "}"


def _post(form, world, name: str, body: dict, *, htmx: bool, urlencoded: bool):
    url = reverse(name, kwargs=form.kwargs(world))
    client = Client(raise_request_exception=False, REMOTE_ADDR=_client_ip())
    user = world.user(form.user)
    if user is not None:
        client.force_login(user)
    if form.prepare is not None:
        form.prepare(client, world)
    headers = {"HX-Request": "true"} if htmx else {}
    before = snapshot()
    if urlencoded:
        response = client.post(
            url,
            urlencode(body, doseq=True),
            content_type="application/x-www-form-urlencoded",
            headers=headers,
        )
    else:
        response = client.post(url, body, headers=headers)
    return before, response


def _check(form, world, name: str, body: dict, before, response) -> str:
    what = _describe(name, body)
    status = response.status_code
    if status >= 500:
        exc = getattr(response, "exc_info", None)
        trace = "".join(traceback.format_exception(*exc)) if exc else ""
        raise AssertionError(f"{what} → {status}\n{trace}")
    ignore = IGNORED_TABLES | set(form.may_write_on_error)
    change = Change.between(before, snapshot(), ignore)
    stored = list(getattr(response.wsgi_request, "_messages", []))
    bad = [str(m) for m in stored if m.level >= messages.WARNING]
    good = [str(m) for m in stored if m.level < messages.WARNING]
    errors, fragment = _shown_errors(response)
    if form.saved_first and any(form.saved_first in b for b in bad):
        good, bad = [*good, *bad], []
    refused = status >= 400 or errors or fragment or (bad and not good)
    if refused:
        assert not change, f"{what} → {status}, refused, yet wrote {change.summary()}"
        assert all(b.strip() for b in bad), f"{what} → {status}: an empty error message"
        if status < 300:
            content = response.content.decode("utf-8", "replace")
            shown_as = form.shown_as
            hidden = [
                e
                for f, e in [*errors, ("", fragment), *(("", b) for b in bad)]
                if e and not _visible(content, e) and not _visible(content, shown_as.get(f, e))
            ]
            assert not hidden, f"{what} → {status}: errors not shown on the page: {hidden}"
        return "refused"
    if not change and not good and not (form.quiet or form.readonly):
        raise AssertionError(
            f"{what} → {status}: nothing saved and nothing said — the input was silently dropped"
        )
    _check_rows(change)
    connection.check_constraints()
    if form.complete is not None:
        form.complete(world, change, body)
    return "accepted" if change else "answered"


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_world()


@pytest.mark.parametrize("name", sorted(FORMS))
@FUZZ
@given(data=st.data())
def test_fuzzed_posts_never_fail_and_never_half_save(name, data, world):
    form = FORMS[name]
    body = data.draw(fields_strategy(form, world), label="body")
    htmx = form.htmx and data.draw(st.booleans(), label="htmx")
    urlencoded = not _has_file(body) and data.draw(st.booleans(), label="urlencoded")
    with transaction.atomic():
        before, response = _post(form, world, name, body, htmx=htmx, urlencoded=urlencoded)
        outcome = _check(form, world, name, body, before, response)
        event(f"{outcome} ({response.status_code})")  # --hypothesis-show-statistics
        transaction.set_rollback(True)


# --- the public links' tokens ------------------------------------------------------------------

TOKENS = (
    st.sampled_from(NASTY_TEXT).filter(lambda t: t.strip() and "/" not in t)
    | st.text(STRANGE_ALPHABET, min_size=1, max_size=80).filter(lambda t: "/" not in t)
    | st.just("字" * 5000)
)


@pytest.mark.parametrize("name", ["meetings:public-opinion", "rectification:public-ledger"])
@FUZZ
@given(token=TOKENS, method=st.sampled_from(["get", "post"]))
@example(token="\x00", method="get")
@example(token="整改\x00措施", method="post")
@example(token="字" * 5000, method="post")
def test_public_links_with_a_strange_token_are_not_found(name, token, method, world):
    """The links anyone may open: a token that is not one (NUL, control characters, 5,000
    characters) is a 404, never a 500 — nor a database error on PostgreSQL."""
    with transaction.atomic():
        client = Client(raise_request_exception=False, REMOTE_ADDR=_client_ip())
        url = reverse(name, kwargs={"token": "TOKEN"}).replace("TOKEN", quote(token, safe=""))
        response = getattr(client, method)(url, {"text": "窗口办事排队时间太长"})
        assert response.status_code == 404, f"{method.upper()} {url[:200]} → {response.status_code}"
        transaction.set_rollback(True)
