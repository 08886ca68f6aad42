"""无记名 means unlinkable, even for someone with database and log access.

A known member posts an anonymous opinion through the real page. Every table in the
database is read before and after: the only change is one new row in the anonymous
opinion table, and nothing in it — nor in any log line, nor in the cache — names the
member. The model itself has no way to hold a giver: no link to users or members, no
time of day.
"""

from __future__ import annotations

import datetime
import logging
import pickle
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import connection, models
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from meetings.choices import OpinionSource, OpinionTarget
from meetings.models import AnonymousOpinion, Opinion, OpinionWindow
from meetings.receipts import receipt_digest
from meetings.services.opinions import window_open
from members.models import Member
from tests.dbsnapshot import snapshot
from tests.meetings.factories import MeetingFactory
from tests.members.factories import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db

# Distinctive values, so that finding one anywhere means it leaked (not a coincidence).
USER_ID = 7_340_231
MEMBER_ID = 7_340_977
USERNAME = "probe-qzx-7731"
NAME = "欧阳匿名测"


@pytest.fixture
def giver(org_tree):
    user = UserFactory(id=USER_ID, username=USERNAME)
    return MemberFactory(id=MEMBER_ID, user=user, branch=org_tree["a"], name=NAME)


@pytest.fixture
def secretary(org_tree):
    return MemberFactory(branch=org_tree["a"], name="甲书记", position="secretary")


@pytest.fixture
def window(org_tree, giver, secretary):
    now = timezone.now()
    return window_open(
        meeting=MeetingFactory(branch=org_tree["a"]),
        by=secretary.user,
        target=OpinionTarget.COMMITTEE,
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(days=2),
        public_enabled=True,
    )


_snapshot = snapshot


def _receipt_on(response) -> str:
    """The receipt code the page shows (once)."""
    found = re.search(r'id="receipt-code" readonly value="([A-Z0-9-]+)"', response.content.decode())
    assert found, "no receipt code on the page"
    return found.group(1)


def _assert_nowhere(tables: dict, *texts: str) -> None:
    """No table holds the receipt code itself (only its keyed hash is stored)."""
    for table, rows in tables.items():
        for row in rows:
            for _column, value in row:
                for needle in texts:
                    assert needle not in str(value), f"{table} holds the receipt code"


def _leaks(value) -> list[str]:
    """Which of the giver's identifiers the value contains (as a value or as text)."""
    found = []
    if isinstance(value, int) and value in (USER_ID, MEMBER_ID):
        found.append(repr(value))
    text = value.decode(errors="ignore") if isinstance(value, bytes) else str(value)
    for token in (USERNAME, NAME, str(USER_ID), str(MEMBER_ID)):
        if token in text:
            found.append(token)
    return found


def test_an_anonymous_opinion_leaves_no_trace_of_its_giver(
    client, window, giver, local_cache, caplog
):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django")
    client.force_login(giver.user)
    url = reverse("meetings:opinions", kwargs={"meeting_pk": window.meeting_id})
    text = "支部会议有时流于形式,希望多谈具体问题。"

    before = _snapshot()
    caplog.clear()
    logging.getLogger("django").debug("capture-is-live")
    response = client.post(url, {"window": window.pk, "text": text, "anonymous": "on"})
    after = _snapshot()

    assert response.status_code == 200
    code = _receipt_on(response)
    # Only the anonymous opinion table changed, by exactly one new row.
    anonymous_table = AnonymousOpinion._meta.db_table
    changed = {t for t in before.keys() | after.keys() if before.get(t) != after.get(t)}
    assert changed == {anonymous_table}
    added = after[anonymous_table] - before[anonymous_table]
    removed = before[anonymous_table] - after[anonymous_table]
    assert not removed and sum(added.values()) == 1
    (row,) = added
    row = dict(row)
    assert row["text"] == text
    assert row["source"] == OpinionSource.MEMBER
    for column, value in row.items():
        assert not _leaks(value), f"{column}={value!r} names the giver"
    # The receipt: only its keyed hash is kept, in the row itself; the code is nowhere.
    assert row["receipt"] == receipt_digest(code) and code not in str(row)
    _assert_nowhere(after, code.replace("-", ""), code)
    # Nothing of the kind anywhere else: no signed opinion.
    assert not Opinion.objects.exists()

    # The logs: capture works, and nothing names the giver.
    assert "capture-is-live" in caplog.text
    for token in (USERNAME, NAME, str(USER_ID), str(MEMBER_ID)):
        assert token not in caplog.text

    # The cache: no key or value names the giver.
    for key, value in local_cache._cache.items():
        assert not _leaks(key), key
        assert not _leaks(pickle.loads(value)), key

    # The code is in this answer only: not in a cookie, a session or a message.
    assert NAME not in str(response.cookies) and code not in str(response.cookies)
    assert not list(response.context["messages"])
    assert code not in caplog.text

    # Looking the receipt up (logged in or not) writes nothing and logs nothing of anyone.
    caplog.clear()
    before_lookup = _snapshot()
    lookup = client.post(reverse("rectification:receipt"), {"code": code.lower()})
    assert lookup.status_code == 200 and text in lookup.content.decode()
    assert _snapshot() == before_lookup
    for token in (USERNAME, NAME, str(USER_ID), str(MEMBER_ID), code):
        assert token not in caplog.text
    for key, value in local_cache._cache.items():
        assert not _leaks(key), key
        assert not _leaks(pickle.loads(value)), key
        assert code not in str(key) and code not in str(pickle.loads(value)), key


def test_a_public_opinion_changes_only_the_anonymous_table(client, window, local_cache):
    url = reverse("meetings:public-opinion", kwargs={"token": window.public_token})
    before = _snapshot()
    response = client.post(url, {"text": "希望党员干部多到群众中来。"}, REMOTE_ADDR="10.9.8.7")
    after = _snapshot()
    assert response.status_code == 200
    _assert_nowhere(after, _receipt_on(response))
    changed = {t for t in before.keys() | after.keys() if before.get(t) != after.get(t)}
    assert changed == {AnonymousOpinion._meta.db_table}
    (row,) = after[AnonymousOpinion._meta.db_table] - before[AnonymousOpinion._meta.db_table]
    assert not any("10.9.8.7" in str(value) for _column, value in row)


def test_signed_and_anonymous_requests_look_alike(client, window, giver, local_cache):
    client.force_login(giver.user)
    url = reverse("meetings:opinions", kwargs={"meeting_pk": window.meeting_id})
    seen = []
    for data in (
        {"window": window.pk, "text": "学习要更扎实,多联系实际。"},
        {"window": window.pk, "text": "会议太多太长,效率不高。", "anonymous": "on"},
    ):
        response = client.post(url, data)
        code = _receipt_on(response)
        body = response.content.decode()
        given = body[body.index('id="opinion-given"') : body.index("</div>", body.index(code))]
        seen.append((response.status_code, given.replace(code, "CODE"), sorted(response.cookies)))
    signed, anonymous = seen
    assert signed == anonymous
    assert signed[0] == 200 and "意见已提交,谢谢您的意见。" in signed[1]
    assert Opinion.objects.count() == AnonymousOpinion.objects.count() == 1


def test_the_model_cannot_hold_a_giver():
    user_model = get_user_model()
    for field in AnonymousOpinion._meta.get_fields():
        if field.is_relation:
            assert field.related_model not in (user_model, Member), field.name
            if field.concrete:
                assert field.related_model is OpinionWindow, field.name
        assert not isinstance(field, models.DateTimeField), field.name
    concrete = {f.name for f in AnonymousOpinion._meta.concrete_fields}
    assert concrete == {
        "id",
        "window",
        "source",
        "text",
        "received_on",
        "disposition",
        "note",
        "receipt",  # a keyed hash of the code only the giver holds
    }
    key = AnonymousOpinion._meta.pk
    assert isinstance(key, models.UUIDField) and callable(key.default)
    assert AnonymousOpinion._meta.ordering == ["id"]  # random, never insertion order

    # The table as migrated, not only the model: no timestamp column, no key to a person.
    table = AnonymousOpinion._meta.db_table
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(cursor, table)
        constraints = connection.introspection.get_constraints(cursor, table)
    types = {d.name: connection.introspection.get_field_type(d.type_code, d) for d in description}
    assert "DateTimeField" not in types.values(), types
    referenced = {c["foreign_key"][0] for c in constraints.values() if c["foreign_key"]}
    assert referenced == {OpinionWindow._meta.db_table}


def test_nobody_finds_an_anonymous_opinion_by_its_giver(client, window, giver, secretary):
    client.force_login(giver.user)
    url = reverse("meetings:opinions", kwargs={"meeting_pk": window.meeting_id})
    client.post(url, {"window": window.pk, "text": "会议太多太长,效率不高。", "anonymous": "on"})
    with time_machine.travel(window.ends_at + datetime.timedelta(minutes=1), tick=False):
        # The giver cannot see it, not even as "mine".
        assert not AnonymousOpinion.objects.visible_to(giver.user).exists()
        assert "会议太多太长" not in client.get(url).content.decode()
        # The secretary sees it, with no name on it.
        client.force_login(secretary.user)
        page = client.get(reverse("meetings:opinion-window", kwargs={"pk": window.pk}))
    body = page.content.decode()
    assert "会议太多太长" in body
    assert NAME not in body and USERNAME not in body


# --- the order rows sit in on disk -----------------------------------------------------------


def _on_disk(window, column: str = "text") -> list:
    """The window's anonymous opinions in the order the rows sit in the table: PostgreSQL's
    ctid, SQLite's rowid — what someone reading the database files would see."""
    table = connection.ops.quote_name(AnonymousOpinion._meta.db_table)
    locator = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM {table} WHERE window_id = %s ORDER BY {locator}", [window.pk]
        )
        return [row[0] for row in cursor.fetchall()]


@pytest.fixture
def eight_givers(org_tree):
    return [MemberFactory(branch=org_tree["a"], name=f"甲党员{i}") for i in range(8)]


def _give_in_order(window, givers) -> list[str]:
    from meetings.services.opinions import opinion_give, opinion_give_public

    texts = []
    for i, member in enumerate(givers):
        text = f"第{i}条无记名意见:会议要更务实。"
        if i % 3 == 2:  # the public link writes the same table
            opinion_give_public(window=window, text=text)
        else:
            opinion_give(window=window, member=member, text=text, anonymous=True)
        texts.append(text)
    return texts


def test_storage_order_is_not_the_order_opinions_were_given(window, eight_givers):
    """Without mixing, the n-th row on disk is the n-th opinion given, and whoever saw who
    posted when (a colleague, an access log) could pair rows with people. Checked on the
    database the tests run on: PostgreSQL (ctid) in CI, SQLite (rowid) without DATABASE_URL.

    The order is random: this fails by chance once in 8! = 40,320 runs."""
    texts = _give_in_order(window, eight_givers)
    keys_before = set(AnonymousOpinion.objects.values_list("pk", flat=True))
    on_disk = _on_disk(window)
    assert sorted(on_disk) == sorted(texts)
    assert on_disk != texts
    # Mixing keeps the random keys (problems and links refer to them) and every column.
    assert set(AnonymousOpinion.objects.values_list("pk", flat=True)) == keys_before
    assert AnonymousOpinion.objects.filter(source=OpinionSource.PUBLIC).count() == 2


def test_a_kept_opinion_stays_linked_to_its_problem_while_others_come_in(
    window, eight_givers, secretary
):
    """The rows are written again on every opinion: a problem made from one (PROTECT) keeps
    pointing at it."""
    from rectification.models import Problem

    texts = _give_in_order(window, eight_givers[:3])
    first = AnonymousOpinion.objects.get(text=texts[0])
    problem = Problem.objects.create(
        meeting=window.meeting,
        branch=window.meeting.branch,
        is_committee=True,
        category="study",
        source="opinion",
        anonymous_opinion=first,
        text="会议不够务实",
    )
    _give_in_order(window, eight_givers[3:5])
    # The foreign keys are checked at commit; check them now.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    else:
        connection.check_constraints()
    problem.refresh_from_db()
    assert problem.anonymous_opinion.text == texts[0]


@pytest.mark.postgres
def test_on_postgresql_the_window_carries_one_transaction_id(window, eight_givers):
    """xmin — the transaction that wrote a row — would otherwise order the rows too."""
    _give_in_order(window, eight_givers)
    assert len(set(_on_disk(window, "xmin::text"))) == 1


# --- the audit log and the session (issue 18: 等保 安全审计 stops at the anonymous paths) -------


def test_the_audit_log_and_the_session_record_nothing_of_an_anonymous_opinion(
    client, window, giver, local_cache, settings
):
    """The giver signs in through the login page (the audit log names them: it is live),
    with the deployment keeping addresses and a short idle period; minutes later, when any
    other page would move the session's expiry forward, they give an anonymous opinion and
    then the public one is given: no audit row, no session write, nothing but the opinion."""
    settings.ORGLIFE_AUDIT_KEEP_IP = True
    settings.SESSION_COOKIE_AGE = 30 * 60
    giver.user.set_password("Anon-pass-2026")
    giver.user.save()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        response = client.post(
            reverse("login"),
            {"username": USERNAME, "password": "Anon-pass-2026"},
            REMOTE_ADDR="198.51.100.44",
        )
        assert response.status_code == 302
    login = AuditEvent.objects.get(event="login")
    assert login.actor_name == NAME and login.ip == "198.51.100.44"  # the log is live

    url = reverse("meetings:opinions", kwargs={"meeting_pk": window.meeting_id})
    public = reverse("meetings:public-opinion", kwargs={"token": window.public_token})
    with time_machine.travel(start + datetime.timedelta(minutes=5), tick=False):
        before = _snapshot()
        client.post(
            url,
            {"window": window.pk, "text": "会风要改进。", "anonymous": "on"},
            REMOTE_ADDR="198.51.100.44",
        )
        client.get(url, REMOTE_ADDR="198.51.100.44")  # the page the browser is sent back to
        client.post(public, {"text": "希望多听群众意见。"}, REMOTE_ADDR="198.51.100.44")
        after = _snapshot()
    changed = {t for t in before.keys() | after.keys() if before.get(t) != after.get(t)}
    assert changed == {AnonymousOpinion._meta.db_table}
    assert AuditEvent._meta.db_table in before and Session._meta.db_table in before
    assert list(AuditEvent.objects.values_list("event", flat=True)) == ["login"]
    # The next ordinary page does move the session forward (the control: it would have).
    with time_machine.travel(start + datetime.timedelta(minutes=5), tick=False):
        client.get(reverse("home"))
    assert _snapshot()[Session._meta.db_table] != after[Session._meta.db_table]
