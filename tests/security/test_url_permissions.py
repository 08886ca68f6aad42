"""Every URL pattern, requested by everyone: nothing leaks.

The URL resolver is walked (namespaces included) and every pattern must be known here —
either in ``CASES`` (how to fill its kwargs from the world in ``permission_world.py``, and
who should get through) or in ``EXEMPT`` (with the reason). A new pattern that is in neither
fails ``test_every_url_pattern_is_covered``, so the coverage cannot quietly rot.

Each case is requested as anonymous; a member of the object's branch (A) and of another (C);
the secretary of A and of C; a supervisor above A and one not above it — with GET, and with
an empty POST where the view takes POST:

* everyone not let through must get a 404 or 403 (anonymous: a redirect to the login page),
  and their requests must not change a single row of any table;
* nobody outside A's side ever finds ``MARK`` (every object of A carries it) in a response —
  the body, the headers, an .ics file or the XML inside a .docx/.xlsx — and nobody outside
  an object's own audience finds that object's text (a member of A sees A's name on every
  page, but not the committee's draft, an anonymous opinion or the secretary's inbox);
* those who are let through really are (GET 200 with the object's text on the page, or a
  POST that reaches the view), which proves the kwargs reach the object, so the test can
  fail. Their requests each run in a savepoint rolled back at once.

Drafts are private even inside the branch (the author; the secretary once submitted; the
supervisor for the committee's draft), so their cases let through only those; some pages
are for the committee only, so a member of A is refused there like an outsider.

The Django admin is checked separately: for every pattern under ``/admin/``, nobody here is
staff, so everyone gets the admin's login redirect.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from tests.dbsnapshot import snapshot
from tests.security.permission_world import (
    ANONYMOUS,
    MARK,
    MEMBER_A,
    MEMBER_C,
    ROLES,
    SECRETARY_A,
    SECRETARY_C,
    SUPERVISOR_ABOVE,
    SUPERVISOR_OTHER,
    World,
    build_world,
)

pytestmark = pytest.mark.django_db

LOGGED_IN = frozenset(ROLES) - {ANONYMOUS}
A_SIDE = frozenset({MEMBER_A, SECRETARY_A, SUPERVISOR_ABOVE})  # the only ones who may see MARK
MANAGERS = frozenset({SECRETARY_A, SUPERVISOR_ABOVE})
SUPERVISORS = frozenset({SUPERVISOR_ABOVE, SUPERVISOR_OTHER})
OUTSIDERS = frozenset({ANONYMOUS, MEMBER_C, SECRETARY_C, SUPERVISOR_OTHER})
NOBODY: frozenset[str] = frozenset()


# --- the URL patterns ------------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    name: str | None  # "namespace:name"
    route: str
    kwargs: frozenset[str]
    methods: tuple[str, ...] | None  # None: a function view (the case says)


def _group_names(pattern) -> set[str]:
    converters = getattr(pattern, "converters", None)
    if converters is not None:  # RoutePattern
        return set(converters)
    return set(pattern.regex.groupindex)  # RegexPattern


def _methods(callback) -> tuple[str, ...] | None:
    view_class = getattr(callback, "view_class", None)
    if view_class is None:
        return None
    skip = {"head", "options"}  # HEAD follows GET; OPTIONS answers for every view
    return tuple(
        m for m in view_class.http_method_names if m not in skip and hasattr(view_class, m)
    )


def _walk(resolver, prefix="", namespace=None, kwargs=frozenset()):
    for entry in resolver.url_patterns:
        names = kwargs | _group_names(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry, prefix + str(entry.pattern), inner, names)
        else:
            assert isinstance(entry, URLPattern)
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            yield Pattern(
                name, prefix + str(entry.pattern), frozenset(names), _methods(entry.callback)
            )


def all_patterns() -> list[Pattern]:
    return list(_walk(get_resolver()))


def _is_admin(pattern: Pattern) -> bool:
    return pattern.route.startswith("admin/")


# --- the table -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Marker:
    """One object's own text, and who may ever read it."""

    text: Callable[[World], str]
    audience: frozenset[str]


BRANCH = Marker(lambda w: w.a.name, A_SIDE)
PEER = Marker(lambda w: w.peer_a.name, A_SIDE)
MEMBER = Marker(lambda w: w.member_a.name, A_SIDE)
PREPARING = Marker(lambda w: w.preparing.theme, A_SIDE)
HELD = Marker(lambda w: w.held.theme, A_SIDE)
RECTIFYING = Marker(lambda w: w.rectifying.theme, A_SIDE)
STUDY = Marker(lambda w: w.study.topic, A_SIDE)
OPINION = Marker(lambda w: w.opinion.text, A_SIDE)  # its author, then the committee
ANONYMOUS_OPINION = Marker(lambda w: w.anonymous_opinion.text, MANAGERS)
TALK = Marker(lambda w: w.talk.topic, A_SIDE)
CRITICISM = Marker(lambda w: w.criticism.text, A_SIDE)
RETURNED_DRAFT = Marker(lambda w: w.returned_draft.gains, frozenset({MEMBER_A, SECRETARY_A}))
COMMITTEE_DRAFT = Marker(lambda w: w.committee_draft.gains, MANAGERS)
PRIVATE_DRAFT = Marker(lambda w: w.private_draft.gains, NOBODY)
HELD_PROBLEM = Marker(lambda w: w.held_problem.text, MANAGERS)  # the list is not published
PROBLEM = Marker(lambda w: w.problem.text, A_SIDE)
ITEM = Marker(lambda w: w.item.measure, A_SIDE)
OVERDUE_ITEM = Marker(lambda w: w.overdue_item.measure, A_SIDE)
AWAITING_ITEM = Marker(lambda w: w.awaiting_item.measure, A_SIDE)
RECURRING_ITEM = Marker(lambda w: w.recurring_item.measure, A_SIDE)
NOTIFICATION = Marker(lambda w: w.notification.title, frozenset({SECRETARY_A}))


@dataclass(frozen=True)
class Case:
    """How to request one URL and who should get through.

    ``ok``: GET answers 200 (``redirects``: a 302 that is not to the login page); a POST-only
    view answers 200 or such a 302. ``may``: not asserted (reachable or not by design).
    Everyone else is refused: 404 or 403, anonymous also the login page. ``post_denied``:
    let through for GET but refused on POST (a member posting to the committee's form).

    ``marker``: the object's own text. Nobody outside its audience finds it in a response;
    those of ``shows`` (default: ``ok`` in its audience) find it on their 200 GET. Nobody
    outside A's side ever finds ``MARK`` — anything of branch A — at all."""

    kwargs: Callable[[World], dict] = lambda w: {}
    marker: Marker | None = None
    ok: frozenset[str] = NOBODY
    may: frozenset[str] = NOBODY
    shows: frozenset[str] | None = None
    redirects: frozenset[str] = NOBODY
    post_denied: frozenset[str] = NOBODY
    query: Callable[[World], str] | None = None
    methods: tuple[str, ...] | None = None  # for function views
    label: str = ""

    @property
    def showers(self) -> frozenset[str]:
        if self.marker is None:
            return NOBODY
        if self.shows is not None:
            return self.shows
        return (self.ok & self.marker.audience) - self.redirects


def pk(obj: str, key: str = "pk") -> Callable[[World], dict]:
    return lambda w: {key: w.objects[obj].pk}


def meeting(obj: str) -> Callable[[World], dict]:
    return pk(obj, "meeting_pk")


BRANCH_A = pk("a", "branch_pk")


def org_query(w: World) -> str:
    return f"org={w.committee.pk}"


def _supervision(marker: Marker | None = BRANCH, *, shows=None) -> tuple[Case, Case]:
    """A supervisor's page: each supervisor gets their own; ``?org=`` the committee above A
    only the supervisor above."""
    return (
        Case(marker=marker, ok=SUPERVISORS, shows=shows),
        Case(marker=marker, ok={SUPERVISOR_ABOVE}, shows=shows, query=org_query, label="org"),
    )


def _draft(*, writing: bool = False, committee_redirects=NOBODY) -> tuple[Case, ...]:
    """A draft page for 张三's returned draft, the committee's submitted one and 李四's never
    submitted one (nobody here may open that). ``writing``: the author's pages only."""
    returned = {MEMBER_A} if writing else {MEMBER_A, SECRETARY_A}
    committee = {SECRETARY_A} if writing else MANAGERS
    return (
        Case(pk("returned_draft"), RETURNED_DRAFT, ok=returned),
        Case(
            pk("committee_draft"),
            COMMITTEE_DRAFT,
            ok=committee,
            redirects=committee_redirects,
            label="committee",
        ),
        Case(pk("private_draft"), PRIVATE_DRAFT, label="unsubmitted"),
    )


CASES: dict[str, Case | tuple[Case, ...]] = {
    "home": Case(marker=BRANCH, ok=LOGGED_IN, shows={MEMBER_A, SECRETARY_A}),
    # members
    "members:mine": Case(ok=LOGGED_IN, redirects=LOGGED_IN, methods=("get",)),
    "members:branches": Case(marker=BRANCH, ok=LOGGED_IN),
    "members:roster": Case(BRANCH_A, PEER, ok=A_SIDE),
    "members:create": Case(BRANCH_A, BRANCH, ok=MANAGERS),
    "members:roster-import": Case(BRANCH_A, BRANCH, ok=MANAGERS),
    "members:roster-export": Case(BRANCH_A, PEER, ok=MANAGERS),
    "members:roster-template": Case(ok=LOGGED_IN, methods=("get",)),
    "members:detail": Case(pk("peer_a"), PEER, ok=A_SIDE),
    "members:edit": Case(pk("peer_a"), PEER, ok=MANAGERS),
    "members:deactivate": Case(pk("peer_a"), PEER, ok=MANAGERS),
    "members:reactivate": Case(pk("peer_a"), PEER, ok=MANAGERS),
    # a one-time password: the branch secretary only (not the supervisor above, not oneself)
    "members:password-reset": Case(pk("peer_a"), PEER, ok={SECRETARY_A}),
    # one's own account page: one's own logins only
    "members:account": Case(ok=LOGGED_IN),
    # meetings: the plan, study
    "meetings:list": Case(marker=PREPARING, ok=LOGGED_IN),
    "meetings:create": (
        Case(marker=BRANCH, ok={SECRETARY_A, SECRETARY_C, *SUPERVISORS}),
        Case(marker=BRANCH, ok=MANAGERS, query=lambda w: f"branch={w.a.pk}", label="branch-a"),
    ),
    "meetings:detail": Case(pk("preparing"), PREPARING, ok=A_SIDE),
    "meetings:edit": Case(pk("preparing"), PREPARING, ok=MANAGERS),
    "meetings:schedule": Case(pk("preparing"), PREPARING, ok=MANAGERS),
    "meetings:plan-submit": Case(pk("preparing"), PREPARING, ok=MANAGERS),
    "meetings:plan-decide": Case(pk("preparing"), PREPARING, ok={SUPERVISOR_ABOVE}),
    "meetings:hold": Case(pk("preparing"), PREPARING, ok=MANAGERS),
    "meetings:cancel": Case(pk("preparing"), PREPARING, ok=MANAGERS),
    "meetings:ics": Case(pk("preparing"), PREPARING, ok=A_SIDE),
    "meetings:notice": Case(pk("preparing"), PREPARING, ok=A_SIDE),
    "meetings:study": Case(meeting("preparing"), STUDY, ok=A_SIDE, post_denied={MEMBER_A}),
    "meetings:study-delete": Case(pk("study"), STUDY, ok=MANAGERS),
    # opinions
    "meetings:opinions": Case(
        meeting("preparing"), PREPARING, ok=A_SIDE, post_denied={SUPERVISOR_ABOVE}
    ),
    "meetings:opinion-window-open": Case(meeting("preparing"), PREPARING, ok=MANAGERS),
    "meetings:opinion-window": Case(pk("window"), OPINION, ok=A_SIDE),
    "meetings:opinion-window-close": Case(pk("window"), OPINION, ok=MANAGERS),
    "meetings:opinion-window-cancel": Case(pk("window"), OPINION, ok=MANAGERS),
    "meetings:opinion-sort": Case(pk("opinion"), OPINION, ok=MANAGERS),
    "meetings:anonymous-opinion-sort": Case(
        pk("anonymous_opinion"), ANONYMOUS_OPINION, ok=MANAGERS
    ),
    # talks
    "meetings:talks": Case(meeting("preparing"), TALK, ok=A_SIDE, shows={MEMBER_A}),
    "meetings:talk-record": Case(meeting("preparing"), TALK, ok=A_SIDE),
    "meetings:talk-plan": Case(meeting("preparing"), TALK, ok=MANAGERS),
    # the evaluation (self-assessment and ballot: members of the branch only)
    "meetings:evaluation": Case(meeting("preparing"), PREPARING, ok=A_SIDE),
    "meetings:evaluation-open": Case(meeting("preparing"), PREPARING, ok=MANAGERS),
    "meetings:evaluation-self": Case(meeting("preparing"), PREPARING, ok={MEMBER_A, SECRETARY_A}),
    "meetings:evaluation-start": Case(meeting("preparing"), PREPARING, ok=MANAGERS),
    "meetings:ballot-cast": Case(meeting("preparing"), PREPARING, ok={MEMBER_A, SECRETARY_A}),
    # closing: the secretary or whom the committee names (any member): the service decides
    "meetings:evaluation-close": Case(meeting("preparing"), PREPARING, ok=A_SIDE),
    "meetings:evaluation-reopen": Case(meeting("preparing"), PREPARING, ok=A_SIDE),
    "meetings:evaluation-closer": Case(meeting("preparing"), PREPARING, ok=MANAGERS),
    "meetings:evaluation-propose": Case(meeting("preparing"), PREPARING, ok=MANAGERS),
    "meetings:evaluation-finalize": Case(meeting("preparing"), PREPARING, ok=MANAGERS),
    # the meeting day (members read it; only the committee and supervisors post)
    "meetings:day": Case(meeting("preparing"), PREPARING, ok=A_SIDE),
    "meetings:attendance": Case(meeting("preparing"), PREPARING, ok=A_SIDE, post_denied={MEMBER_A}),
    "meetings:criticism": Case(
        lambda w: {"meeting_pk": w.preparing.pk, "member_pk": w.member_a.pk},
        CRITICISM,
        ok=A_SIDE,
        post_denied={MEMBER_A},
    ),
    "meetings:criticism-delete": Case(
        lambda w: {
            "meeting_pk": w.preparing.pk,
            "member_pk": w.member_a.pk,
            "pk": w.criticism.pk,
        },
        CRITICISM,
        ok=MANAGERS,
    ),
    "meetings:minutes": Case(meeting("preparing"), CRITICISM, ok=A_SIDE, post_denied={MEMBER_A}),
    # drafts: private even inside the branch
    "meetings:drafts": Case(meeting("preparing"), PREPARING, ok=A_SIDE),
    "meetings:draft-start": Case(meeting("preparing"), PREPARING, ok=A_SIDE),
    "meetings:draft": (  # a reader who is not the author is sent to the review page
        Case(
            pk("returned_draft"),
            RETURNED_DRAFT,
            ok={MEMBER_A, SECRETARY_A},
            redirects={SECRETARY_A},
        ),
        Case(
            pk("committee_draft"),
            COMMITTEE_DRAFT,
            ok=MANAGERS,
            redirects={SUPERVISOR_ABOVE},
            label="committee",
        ),
        Case(pk("private_draft"), PRIVATE_DRAFT, label="unsubmitted"),
    ),
    # the committee's draft is submitted: its editor sends the author back to the draft
    "meetings:draft-edit": _draft(writing=True, committee_redirects={SECRETARY_A}),
    "meetings:draft-check": _draft(writing=True),
    "meetings:draft-submit": _draft(writing=True),
    "meetings:draft-review": _draft(),
    "meetings:draft-docx": _draft(),
    "meetings:draft-print": _draft(),
    # the inbox: one's own notifications only
    "notifications:inbox": Case(marker=NOTIFICATION, ok=LOGGED_IN),
    "notifications:open": Case(
        pk("notification"), NOTIFICATION, ok={SECRETARY_A}, redirects={SECRETARY_A}
    ),
    "notifications:read-all": Case(marker=NOTIFICATION, ok=LOGGED_IN),
    # the problem list and the report upward
    "rectification:problems": Case(meeting("held"), HELD, ok=A_SIDE),
    "rectification:problem-from-criticism": Case(meeting("held"), HELD_PROBLEM, ok=MANAGERS),
    "rectification:problem-from-opinion": Case(meeting("held"), HELD_PROBLEM, ok=MANAGERS),
    "rectification:problem-from-supervisor": Case(meeting("held"), HELD_PROBLEM, ok=MANAGERS),
    "rectification:merge": Case(meeting("held"), HELD_PROBLEM, ok=MANAGERS),
    "rectification:publish": Case(meeting("held"), HELD_PROBLEM, ok=MANAGERS),
    "rectification:report": Case(meeting("held"), HELD_PROBLEM, ok=MANAGERS),
    "rectification:report-docx": Case(meeting("held"), HELD_PROBLEM, ok=MANAGERS),
    "rectification:report-send": Case(meeting("held"), HELD_PROBLEM, ok=MANAGERS),
    "rectification:close": Case(meeting("held"), HELD_PROBLEM, ok=MANAGERS),
    "rectification:complete": Case(meeting("rectifying"), RECTIFYING, ok=MANAGERS),
    "rectification:problem-edit": Case(pk("held_problem"), HELD_PROBLEM, ok=MANAGERS),
    # the ledger
    "rectification:ledger": Case(BRANCH_A, ITEM, ok=A_SIDE),
    "rectification:ledger-export": Case(BRANCH_A, ITEM, ok=A_SIDE),
    "rectification:ledger-print": Case(BRANCH_A, ITEM, ok=A_SIDE),
    "rectification:ledger-publicity": Case(BRANCH_A, ITEM, ok=A_SIDE, post_denied={MEMBER_A}),
    "rectification:interview": Case(BRANCH_A, MEMBER, ok=MANAGERS),  # the overdue owner
    "rectification:item-create": Case(pk("problem", "problem_pk"), PROBLEM, ok=MANAGERS),
    "rectification:item": Case(pk("item"), ITEM, ok=A_SIDE),
    "rectification:item-edit": Case(pk("item"), ITEM, ok=MANAGERS),
    "rectification:item-progress": Case(pk("item"), ITEM, ok=A_SIDE),
    "rectification:item-done": Case(pk("item"), ITEM, ok={MEMBER_A}),
    "rectification:item-signoff": Case(pk("item"), ITEM, ok=MANAGERS),
    "rectification:item-sendback": Case(pk("item"), ITEM, ok=MANAGERS, may={MEMBER_A}),
    "rectification:evidence": Case(pk("progress"), ok=A_SIDE),
    # look-backs
    "rectification:lookbacks": Case(
        meeting("rectifying"), RECTIFYING, ok=A_SIDE, post_denied={MEMBER_A}
    ),
    "rectification:lookback": Case(pk("lookback"), RECTIFYING, ok=A_SIDE, post_denied={MEMBER_A}),
    "rectification:supervision": Case(ok=LOGGED_IN),
    # the supervisor's overview
    "supervision:home": _supervision(),
    "supervision:org": Case(pk("committee", "org_pk"), BRANCH, ok={SUPERVISOR_ABOVE}),
    "supervision:overdue": _supervision(OVERDUE_ITEM),
    "supervision:recurring": _supervision(RECURRING_ITEM),
    "supervision:signoff": _supervision(AWAITING_ITEM),
    "supervision:drafts": _supervision(BRANCH),
    "supervision:export": _supervision(),
    # the audit log: each supervisor their own subtree (A's member logged in: the row names
    # them, so only the supervisor above may read it)
    "supervision:audit-log": Case(marker=MEMBER, ok=SUPERVISORS),
    "supervision:audit-export": Case(marker=MEMBER, ok=SUPERVISORS),
    # the member's record (党员组织生活纪实): the member, the secretary, supervisors above
    "records:mine": Case(
        ok={MEMBER_A, MEMBER_C, SECRETARY_A, SECRETARY_C},
        redirects={MEMBER_A, MEMBER_C, SECRETARY_A, SECRETARY_C},
    ),
    "records:member": Case(pk("member_a"), MEMBER, ok=A_SIDE),
    "records:member-docx": Case(pk("member_a"), MEMBER, ok=A_SIDE),
    "records:query": (
        Case(marker=MEMBER, ok=SUPERVISORS, query=lambda w: "condition=overdue"),
        Case(
            marker=MEMBER,
            ok={SUPERVISOR_ABOVE},
            query=lambda w: f"org={w.committee.pk}&condition=overdue",
            label="org",
        ),
    ),
    "records:query-export": (
        Case(marker=MEMBER, ok=SUPERVISORS, query=lambda w: "condition=overdue"),
        Case(
            marker=MEMBER,
            ok={SUPERVISOR_ABOVE},
            query=lambda w: f"org={w.committee.pk}&condition=overdue",
            label="org",
        ),
    ),
    "supervision:ping": Case(ok=LOGGED_IN, methods=("get",)),
    "supervision:empty": Case(ok=LOGGED_IN, methods=("get",)),
}

_ACCOUNT = "Django's own account page: about the requesting user only, no object of a branch"
EXEMPT: dict[str, str] = {
    "login": _ACCOUNT,
    "logout": _ACCOUNT,
    "password_change": _ACCOUNT,
    "password_change_done": _ACCOUNT,
    "password_reset": _ACCOUNT,
    "password_reset_done": _ACCOUNT,
    "password_reset_confirm": _ACCOUNT + " (a signed, expiring token)",
    "password_reset_complete": _ACCOUNT,
    "set_language": "sets the language cookie; no object",
    "meetings:public-opinion": (
        "public by design: the window's unguessable token is the permission, throttled "
        "(tests/meetings/test_opinions.py, test_opinion_anonymity.py)"
    ),
    "rectification:receipt": (
        "public by design: the receipt code (shown once to whoever gave the opinion) is the "
        "permission; throttled, never logged (tests/rectification/test_receipts.py)"
    ),
    "rectification:public-ledger": (
        "public by design once the secretary turns it on: the unguessable token is the "
        "permission (tests/rectification/test_ledger_views.py)"
    ),
    "notifications:health": (
        "monitoring: one status word without login, the queue's figures to staff only "
        "(tests/notifications/test_reminders.py)"
    ),
}
ADMIN_EXEMPT: dict[str, str] = {
    "admin:login": "the admin's login page itself",
    "admin:logout": "logging out",
    "admin:javascript-catalog": "django-treebeard's translation catalog: static strings only",
}


def case_list() -> list[tuple[str, Case]]:
    out = []
    for name, cases in CASES.items():
        for case in cases if isinstance(cases, tuple) else (cases,):
            out.append((name, case))
    return out


def case_params() -> list:
    return [
        pytest.param(name, case, id=f"{name}[{case.label}]" if case.label else name)
        for name, case in case_list()
    ]


# --- the world, once per module ---------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once, inside a transaction rolled back at the end of the module; each test runs
    in a savepoint of its own (pytest-django), so what an insider's POST changes is undone."""
    media = tmp_path_factory.mktemp("media")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(media), PASSWORD_HASHERS=fast),
        transaction.atomic(),
    ):
        yield build_world()
        transaction.set_rollback(True)


# --- requests and what they must answer ------------------------------------------------------


def _body(response) -> str:
    """What the user receives, as text: headers and body; the XML of a .docx/.xlsx; an .ics
    with its folded lines joined."""
    # A streamed file is closed by the client once read: closing it again here would close
    # the database connection (request_finished) inside the module's transaction.
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if data.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            data = b"".join(archive.read(n) for n in archive.namelist())
    data = data.replace(b"\r\n ", b"").replace(b"\r\n\t", b"")
    headers = "\n".join(f"{k}: {v}" for k, v in response.items())
    return headers + "\n" + html.unescape(data.decode("utf-8", errors="replace"))


_MARK_FORMS = (MARK, quote(MARK), MARK.encode("unicode_escape").decode())


def _leaks(text: str) -> bool:
    return any(form in text for form in _MARK_FORMS)


def _login_redirect(response) -> bool:
    if response.status_code not in (301, 302):
        return False
    return urlsplit(response["Location"]).path == reverse("login")


def _refused(role: str, response) -> bool:
    if response.status_code in (403, 404):
        return True
    return role == ANONYMOUS and _login_redirect(response)


def _through_redirect(response) -> bool:
    return response.status_code in (302, 303) and not _login_redirect(response)


def _request(world: World, role: str, method: str, url: str):
    client = world.clients[role]
    if method == "get":
        return client.get(url)
    if method == "post":
        return client.post(url, {})
    return client.generic(method.upper(), url)  # PUT etc.: what a form view takes as a POST


def _url(world: World, name: str, case: Case) -> str:
    url = reverse(name, kwargs=case.kwargs(world))
    if case.query is not None:
        url += "?" + case.query(world)
    return url


PATTERNS = {p.name: p for p in all_patterns() if p.name and not _is_admin(p)}


@pytest.mark.parametrize(("name", "case"), case_params())
def test_nothing_leaks(world, name, case):
    methods = case.methods or PATTERNS[name].methods
    if case.marker is not None:
        assert case.marker.audience <= A_SIDE, f"{name}: only A's side may see A's objects"
    url = _url(world, name, case)
    secret = case.marker.text(world) if case.marker is not None else None
    assert secret is None or MARK in secret, f"{name}: the marker is not one of A's texts"
    failures: list[str] = []

    def check(role: str, method: str, response, *, refuse: bool, through: bool) -> None:
        where = f"{method.upper()} {url} as {role} → {response.status_code}"
        text = _body(response)
        if role in OUTSIDERS and _leaks(text):
            failures.append(f"{where}: the response shows something of branch A ({MARK!r})")
        elif secret and role not in case.marker.audience and secret in text:
            failures.append(f"{where}: the response shows {secret!r}")
        if refuse and not _refused(role, response):
            failures.append(f"{where}: expected 404/403 (anonymous: the login page)")
        if not through:
            return
        if role in case.redirects:
            if not _through_redirect(response):
                failures.append(f"{where}: expected a redirect (not to the login page)")
        elif method == "get":
            if response.status_code != 200:
                failures.append(f"{where}: expected 200")
            elif role in case.showers and secret not in text:
                failures.append(f"{where}: the page does not show {secret!r}")
        elif not (response.status_code == 200 or _through_redirect(response)):
            failures.append(f"{where}: expected to reach the view (200 or a redirect)")

    # Those refused: every method, and not a row changes.
    refused = [r for r in ROLES if r not in case.ok | case.may]
    before = snapshot()
    for role in refused:
        for method in methods:
            check(role, method, _request(world, role, method, url), refuse=True, through=False)
    for role in sorted(case.post_denied):
        if "post" in methods:
            check(role, "post", _request(world, role, "post", url), refuse=True, through=False)
    after = snapshot()
    changed = sorted(t for t in before.keys() | after.keys() if before.get(t) != after.get(t))
    if changed:
        failures.append(f"{url}: refused requests changed the tables {changed}")

    # Those let through: GET if the view has one, else the empty POST.
    method = "get" if "get" in methods else "post"
    for role in ROLES:
        if role in case.ok or role in case.may:
            with transaction.atomic():  # what one of them changes, the next does not see
                response = _request(world, role, method, url)
                transaction.set_rollback(True)
            check(role, method, response, refuse=False, through=role in case.ok)

    assert not failures, "\n".join(failures)


def test_ids_of_a_posted_from_outside_change_nothing(world):
    """The views that take object ids in the body: the bulk sign-off of a supervisor not
    above A, and the secretary of C recording an interview in C about A's member and item."""
    posts = [
        (SUPERVISOR_OTHER, reverse("supervision:signoff"), {"items": [world.awaiting_item.pk]}),
        (
            SECRETARY_C,
            reverse("rectification:interview", args=[world.c.pk]),
            {
                "member": world.member_a.pk,
                "items": [world.overdue_item.pk],
                "held_on": "2026-01-05",
                "interviewer": "丙书记",
                "said": "谈话内容",
                "new_deadline": "2026-12-31",
            },
        ),
    ]
    before = snapshot()
    for role, url, data in posts:
        response = world.clients[role].post(url, data)
        assert response.status_code in (200, 302), (role, url, response.status_code)
        assert not _leaks(_body(response)), (role, url)
    assert snapshot() == before


# --- coverage of the table -------------------------------------------------------------------


def test_every_url_pattern_is_covered():
    """A URL added without a case (or an exemption with its reason) fails here."""
    patterns = [p for p in all_patterns() if not _is_admin(p)]
    unnamed = [p.route for p in patterns if not p.name]
    assert not unnamed, f"give these URL patterns a name and a case: {unnamed}"
    names = [p.name for p in patterns]
    assert len(names) == len(set(names)), "two URL patterns share a name"
    names = set(names)
    known = set(CASES) | set(EXEMPT)
    assert not names - known, f"no case and no exemption for: {sorted(names - known)}"
    assert not known - names, f"cases for URLs that no longer exist: {sorted(known - names)}"
    assert not set(CASES) & set(EXEMPT)
    for name, case in case_list():
        methods = case.methods or PATTERNS[name].methods
        assert methods, f"{name}: a function view — give its Case the methods it answers"
    admin_names = {p.name for p in all_patterns() if _is_admin(p) and p.name}
    assert set(ADMIN_EXEMPT) <= admin_names


def test_every_case_fills_its_pattern_exactly(world):
    """The kwargs of each case are the pattern's converters, no more, no fewer."""
    for name, case in case_list():
        assert set(case.kwargs(world)) == PATTERNS[name].kwargs, name


# --- the admin -------------------------------------------------------------------------------

_SAMPLES = {"object_id": "1", "content_type_id": "1", "id": "1", "parent_id": "1"}


def _admin_path(pattern: Pattern) -> str:
    """A concrete path for an admin pattern, filled with sample values."""
    route = pattern.route
    if "(?P<" in route or route.startswith("^") or route.endswith("$"):  # a regex
        path = re.sub(r"\^|\$", "", route)
        path = re.sub(r"\(\?P<app_label>[^)]*\)", "members", path)
        path = re.sub(r"\(\?P<url>\.\*\)", "no-such-page/", path)
        return "/" + path
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: _SAMPLES.get(m.group(1), "x"), route)


ADMIN = [p for p in all_patterns() if _is_admin(p) and p.name not in ADMIN_EXEMPT]


@pytest.mark.parametrize("pattern", ADMIN, ids=lambda p: p.name or p.route)
def test_the_admin_sends_everyone_here_to_its_login(world, pattern):
    """Nobody in the world is staff: every admin URL answers with the admin's login page."""
    path = _admin_path(pattern)
    match = resolve(path)
    assert match.route == pattern.route.replace("^", ""), (
        f"{path} resolved to {match.route}, not {pattern.route}"
    )
    login = reverse("admin:login")
    for role in ROLES:
        response = world.clients[role].get(path)
        assert response.status_code == 302, (role, path, response.status_code)
        assert urlsplit(response["Location"]).path == login, (role, path, response["Location"])
        assert not _leaks(_body(response))
