"""20 people adding progress to the same item at the same moment: every report is kept.

gunicorn runs with deploy/gunicorn.conf.py against the PostgreSQL test database (the
deploy smoke test's ``Topology`` starts it) with 4 workers × 5 threads, so 20 requests are
really served at once, each on its own database connection. Twenty people who may report
on one item — its owner, the secretary, eight committee members and ten supervisors of the
committee above — log in through the login form, one ``requests`` session each. Twenty
threads load the item page (the form and its CSRF token), wait at a barrier and POST their
report together; four of them attach a PNG.

What a user would notice, checked afterwards: every POST was accepted (a redirect back to
the item, never the form again with an error, a 409 or a 500); the item page's timeline
shows all twenty reports with their authors; the item started exactly once (未开始 → 整改中,
one 开始整改 event); the branch's rollup rows equal the live counts; and the progress did
not move the item's edit version, so an editor whose form was open during the storm still
saves (no 409 "someone saved in between").
"""

from __future__ import annotations

import datetime
import os
import re
import secrets
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from html import unescape

import pytest
import requests
from django.conf import global_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from members.choices import Position
from members.selectors import user_label
from rectification.choices import EventKind, ItemStatus
from rectification.models import ItemEvent, ProgressUpdate, RectificationItem
from supervision.models import Rollup
from tests.harness import ROOT, Topology, database_url, free_port
from tests.members.factories import MemberFactory, SupervisorFactory
from tests.rectification.factories import ItemFactory
from tests.rectification.test_ledger import rectifying_meeting, tiny_png
from tests.supervision.rollup_check import assert_parents_match, assert_rollups_match_live

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CLIENTS = 20
WORKERS, THREADS = 4, 5  # 20 requests served at once
PASSWORD = "conc-pass-2026-整改"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def server(tmp_path):
    """gunicorn with the deploy config, DEBUG off, on the test database; tasks eager and the
    cache in memory, so only PostgreSQL is shared with the test."""
    port = free_port()
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url(),
        "REDIS_URL": "",
        "CACHE_URL": "locmemcache://conc",
        "CELERY_TASK_ALWAYS_EAGER": "true",
        "EMAIL_URL": "dummymail://",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(WORKERS),
        "GUNICORN_THREADS": str(THREADS),
        "LOG_LEVEL": "WARNING",
    }
    topo = Topology(tmp_path, {**os.environ, **env})
    topo.start("web", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"))
    try:

        def up() -> bool:
            try:
                return requests.get(f"{topo.base}/accounts/login/", timeout=5).status_code == 200
            except requests.RequestException:  # not listening yet, or a worker still booting
                return False

        topo.wait(up, timeout=60, what="gunicorn to serve the login page")
        yield topo
    finally:
        topo.stop()


@pytest.fixture
def reporters(people, org_tree, settings):
    """The item (张三's, not started) and 20 users who may report on it, with real
    passwords (the production hasher: gunicorn checks them)."""
    secretary = people["secretary"].user
    item = ItemFactory(
        meeting=rectifying_meeting(people["a"], days_ago=10), owner=people["m1"], by=secretary
    )
    seats = [
        Position.DEPUTY_SECRETARY,
        Position.PUBLICITY,
        Position.DISCIPLINE,
        Position.ORGANIZATION,
    ]
    committee = [people["committee"]] + [
        MemberFactory(branch=people["a"], name=f"支委{n:02d}", position=seats[n % len(seats)])
        for n in range(7)
    ]
    supervisors = [people["supervisor"]] + [
        SupervisorFactory(organization=org_tree["committee"]).user for _ in range(9)
    ]
    users = [people["m1"].user, secretary, *(m.user for m in committee), *supervisors]
    assert len({u.pk for u in users}) == CLIENTS
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    get_user_model().objects.filter(pk__in=[u.pk for u in users]).update(
        password=make_password(PASSWORD)  # hashed once: the same password for all twenty
    )
    return item, users


def _login(base: str, username: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{base}/accounts/login/", timeout=30)
    token = CSRF.search(page.text).group(1)
    response = session.post(
        f"{base}/accounts/login/",
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"X-Real-IP": "127.0.0.1"},
        allow_redirects=False,
        timeout=60,
    )
    assert response.status_code == 302, f"{username} could not log in ({response.status_code})"
    return session


def _form_token(session: requests.Session, url: str) -> str:
    page = session.get(url, timeout=30)
    assert page.status_code == 200
    assert 'id="progress-form"' in page.text, "the progress form is not offered"
    return CSRF.search(page.text).group(1)


def test_twenty_simultaneous_progress_reports_are_all_kept(server, reporters, tmp_path):
    item, users = reporters
    base = server.base
    item_path = reverse("rectification:item", args=[item.pk])
    progress_url = base + reverse("rectification:item-progress", args=[item.pk])
    edit_url = base + reverse("rectification:item-edit", args=[item.pk])
    today = timezone.localdate()
    assert item.status == ItemStatus.NOT_STARTED

    with ThreadPoolExecutor(CLIENTS) as pool:
        sessions = list(pool.map(lambda u: _login(base, u.username), users))
        tokens = list(pool.map(lambda s: _form_token(s, base + item_path), sessions))

    # An editor (the secretary) opens the edit form before the storm.
    editor = sessions[1]
    edit_page = editor.get(edit_url, timeout=30).text
    version = re.search(r'name="version" value="(\d+)"', edit_page).group(1)

    texts = [f"第{n:02d}份进展:已走访第{n}个联系村 {uuid.uuid4().hex[:8]}" for n in range(CLIENTS)]
    barrier = threading.Barrier(CLIENTS)
    results: list = [None] * CLIENTS

    def report(n: int) -> None:
        on = today - datetime.timedelta(days=n % 3)
        if n % 5 == 0:
            evidence = (f"证明{n}.png", tiny_png(), "image/png")
        else:
            evidence = ("", b"", "application/octet-stream")  # no file chosen, as a browser
        data = {"csrfmiddlewaretoken": tokens[n], "on": on.isoformat(), "text": texts[n]}
        barrier.wait(timeout=60)
        try:
            results[n] = sessions[n].post(
                progress_url,
                data=data,
                files={"evidence": evidence},
                headers={"Referer": base + item_path},
                allow_redirects=False,
                timeout=60,
            )
        except requests.RequestException as exc:
            results[n] = exc

    threads = [threading.Thread(target=report, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(90)

    # Every report was accepted: a redirect back to the item (a 200 would be the form again).
    outcomes = [
        (r.status_code, r.headers.get("Location")) if isinstance(r, requests.Response) else r
        for r in results
    ]
    assert outcomes == [(302, item_path)] * CLIENTS, f"{outcomes}\n{server.logs('web')}"

    # Exactly twenty rows, the twenty texts, one from each person, four with evidence.
    progress = ProgressUpdate.objects.filter(item=item)
    assert sorted(progress.values_list("text", flat=True)) == sorted(texts)
    assert sorted(progress.values_list("by_id", flat=True)) == sorted(u.pk for u in users)
    assert progress.exclude(evidence="").count() == CLIENTS // 5
    for p in progress.exclude(evidence=""):  # stored under the server's MEDIA_ROOT
        assert (tmp_path / "media" / p.evidence.name).read_bytes() == tiny_png()
    events = ItemEvent.objects.filter(item=item)
    assert events.filter(kind=EventKind.PROGRESS).count() == CLIENTS

    # The item started once, by the first report; progress leaves the edit version alone.
    fresh = RectificationItem.objects.get(pk=item.pk)
    assert fresh.status == ItemStatus.IN_PROGRESS and fresh.started_at is not None
    assert events.filter(kind=EventKind.STARTED).count() == 1
    assert fresh.version == item.version == int(version)

    # Once the journal is folded (beat's job), the rollups count the item as 整改中, and
    # every row equals the live counts.
    assert_rollups_match_live()
    fields = ("items", "items_not_started", "items_in_progress")
    row = Rollup.objects.filter(organization=item.branch).aggregate(*(Sum(f) for f in fields))
    assert [row[f"{f}__sum"] for f in fields] == [1, 0, 1]
    assert_rollups_match_live()
    assert_parents_match()

    # Each reporter sees the confirmation; the timeline shows all twenty with their authors.
    with ThreadPoolExecutor(CLIENTS) as pool:
        pages = list(pool.map(lambda s: s.get(base + item_path, timeout=30).text, sessions))
    assert all("进展已记录。" in page for page in pages)
    page = pages[7]
    timeline = unescape(page.split('id="timeline"', 1)[1].split("</section>", 1)[0])
    assert timeline.count('data-kind="progress"') == CLIENTS
    for text in texts:
        assert text in timeline
    authors = re.findall(r'<span class="timeline-by">([^<]+)</span>', timeline)
    assert set(authors) == {user_label(u) for u in users}

    # The editor's form, loaded before the storm, still saves: progress is not an edit.
    response = editor.post(
        edit_url,
        data={
            "csrfmiddlewaretoken": CSRF.search(edit_page).group(1),
            "measure": fresh.measure + ",每季度向支部汇报",
            "owner": str(fresh.owner_id),
            "deadline": fresh.deadline.isoformat(),
            "priority": fresh.priority,
            "difficulty": fresh.difficulty,
            "version": version,
        },
        allow_redirects=False,
        timeout=30,
    )
    assert (response.status_code, response.headers.get("Location")) == (302, item_path)
    assert ProgressUpdate.objects.filter(item=item).count() == CLIENTS
