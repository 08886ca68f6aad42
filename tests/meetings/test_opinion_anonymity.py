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

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection, models
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from meetings.choices import OpinionSource, OpinionTarget
from meetings.models import AnonymousOpinion, Opinion, OpinionWindow
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


@pytest.fixture
def private_cache(settings):
    """A fresh in-memory cache we can read back, whatever the environment uses."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "opinion-anonymity-tests",
        }
    }
    caches["default"].clear()
    yield caches["default"]
    caches["default"].clear()


_snapshot = snapshot


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
    client, window, giver, private_cache, caplog
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

    assert response.status_code == 302
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
    # Nothing of the kind anywhere else: no signed opinion, no receipt.
    assert not Opinion.objects.exists()

    # The logs: capture works, and nothing names the giver.
    assert "capture-is-live" in caplog.text
    for token in (USERNAME, NAME, str(USER_ID), str(MEMBER_ID)):
        assert token not in caplog.text

    # The cache: no key or value names the giver.
    for key, value in private_cache._cache.items():
        assert not _leaks(key), key
        assert not _leaks(pickle.loads(value)), key

    # The response says nothing that tells it apart from a signed one.
    assert response["Location"] == url
    assert NAME not in str(response.cookies)


def test_a_public_opinion_changes_only_the_anonymous_table(client, window, private_cache):
    url = reverse("meetings:public-opinion", kwargs={"token": window.public_token})
    before = _snapshot()
    response = client.post(url, {"text": "希望党员干部多到群众中来。"}, REMOTE_ADDR="10.9.8.7")
    after = _snapshot()
    assert response.status_code == 302
    changed = {t for t in before.keys() | after.keys() if before.get(t) != after.get(t)}
    assert changed == {AnonymousOpinion._meta.db_table}
    (row,) = after[AnonymousOpinion._meta.db_table] - before[AnonymousOpinion._meta.db_table]
    assert not any("10.9.8.7" in str(value) for _column, value in row)


def test_signed_and_anonymous_requests_look_alike(client, window, giver, private_cache):
    client.force_login(giver.user)
    url = reverse("meetings:opinions", kwargs={"meeting_pk": window.meeting_id})
    seen = []
    for data in (
        {"window": window.pk, "text": "学习要更扎实,多联系实际。"},
        {"window": window.pk, "text": "会议太多太长,效率不高。", "anonymous": "on"},
    ):
        response = client.post(url, data, follow=True)
        seen.append((response.redirect_chain, [str(m) for m in response.context["messages"]]))
    signed, anonymous = seen
    assert signed == anonymous == ([(url, 302)], ["意见已提交,谢谢您的意见。"])
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
    assert concrete == {"id", "window", "source", "text", "received_on", "disposition", "note"}
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


# --- the audit log and the session (issue 18: 等保 安全审计 stops at the anonymous paths) -------


def test_the_audit_log_and_the_session_record_nothing_of_an_anonymous_opinion(
    client, window, giver, private_cache, settings
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
