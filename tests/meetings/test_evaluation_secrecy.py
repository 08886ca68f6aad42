"""无记名投票 means a ballot cannot be tied to its voter, even with the database and the logs.

A known member casts a ballot through the real page. Every table is read before and after:
only the ballot, ballot-mark and receipt tables change; the receipt says THAT the member
voted and points at no ballot; no ballot row and no mark row carries anything of the
voter's (user id, username, name, member id as anything but a rated member — and every
ballot rates the same members, the voter's own row included, so that says nothing). The
tables have no time columns, and their keys are random. The box is mixed at every cast, so
even the order rows sit in on disk (SQLite's rowid, PostgreSQL's ctid, xmin) is not the
order of voting. The logs do not name the voter, and every voter gets the same reply.
"""

from __future__ import annotations

import datetime
import logging
import threading
import uuid

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from meetings.choices import Grade
from meetings.models import Ballot, BallotMark, Evaluation, VoteReceipt
from meetings.services import evaluation as services
from meetings.services.evaluation import ballot_cast, evaluation_open, voting_start
from members.models import Member
from tests.dbsnapshot import snapshot
from tests.meetings.factories import MeetingFactory
from tests.members.factories import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db

# Distinctive values, so that finding one anywhere means it leaked (not a coincidence).
USER_ID = 8_412_337
MEMBER_ID = 8_412_991
USERNAME = "probe-vote-5521"
NAME = "司马投票测"
TOKENS = (USERNAME, NAME, str(USER_ID), str(MEMBER_ID))

E, Q, B, U = Grade.EXCELLENT, Grade.QUALIFIED, Grade.BASIC, Grade.UNQUALIFIED
SECRET_TABLES = {m._meta.db_table for m in (Ballot, BallotMark, VoteReceipt)}


@pytest.fixture
def box(org_tree):
    """Branch A in 投票中: a secretary, the probe voter and three members."""
    a = org_tree["a"]
    secretary = MemberFactory(branch=a, name="甲书记", position="secretary")
    user = UserFactory(id=USER_ID, username=USERNAME)
    voter = MemberFactory(id=MEMBER_ID, user=user, branch=a, name=NAME)
    others = [MemberFactory(branch=a, name=f"甲党员{i}") for i in range(1, 4)]
    meeting = MeetingFactory(branch=a)
    evaluation = evaluation_open(meeting=meeting, by=secretary.user)
    voting_start(evaluation=evaluation, by=secretary.user)
    return {
        "secretary": secretary,
        "voter": voter,
        "others": others,
        "people": [secretary, voter, *others],
        "meeting": meeting,
        "evaluation": evaluation,
        "page": reverse("meetings:evaluation", kwargs={"meeting_pk": meeting.pk}),
        "cast": reverse("meetings:ballot-cast", kwargs={"meeting_pk": meeting.pk}),
    }


_snapshot = snapshot


def _rows(snapshot, model) -> list[dict]:
    return [dict(row) for row in snapshot[model._meta.db_table].elements()]


def _leaks(value) -> list[str]:
    """Which of the voter's identifiers the value contains (as a value or as text)."""
    found = []
    if isinstance(value, int) and value in (USER_ID, MEMBER_ID):
        found.append(repr(value))
    text = value.decode(errors="ignore") if isinstance(value, bytes) else str(value)
    found.extend(token for token in TOKENS if token in text)
    return found


def _key(value) -> str:
    return uuid.UUID(str(value)).hex


@pytest.mark.parametrize("debug", [False, True])
def test_a_ballot_cast_through_the_page_leaves_no_trace_of_its_voter(
    client, box, caplog, settings, debug
):
    settings.DEBUG = debug
    people, voter = box["people"], box["voter"]
    # Two ballots already in the box, so the voter's is one among several.
    for other in box["others"][:2]:
        ballot_cast(evaluation=box["evaluation"], voter=other, marks={m.pk: Q for m in people})
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django")
    client.force_login(voter.user)
    # The voter's ballot: recognisable by its content (不合格 for one member), not by its voter.
    marks = {f"m{m.pk}": Q for m in people} | {f"m{box['others'][0].pk}": U}

    before = _snapshot()
    caplog.clear()
    logging.getLogger("django").debug("capture-is-live")
    response = client.post(box["cast"], marks)
    after = _snapshot()

    # The reply: back to the meeting's page (no ballot id anywhere in it).
    assert response.status_code == 302 and response["Location"] == box["page"]
    # Only the three tables changed.
    changed = {t for t in before.keys() | after.keys() if before.get(t) != after.get(t)}
    assert changed == SECRET_TABLES

    # The receipt: one new row, the voter, and nothing pointing at a ballot.
    added = after[VoteReceipt._meta.db_table] - before[VoteReceipt._meta.db_table]
    assert not before[VoteReceipt._meta.db_table] - after[VoteReceipt._meta.db_table]
    ((receipt, n),) = added.items()
    receipt = dict(receipt)
    assert n == 1 and receipt["voter_id"] == MEMBER_ID
    ballots_after = _rows(after, Ballot)
    ballot_keys = {_key(b["id"]) for b in ballots_after}
    assert not any(str(v).replace("-", "") in ballot_keys for v in receipt.values())

    # The ballots: one more, the whole box under new random keys, nothing of the voter's.
    ballots_before = _rows(before, Ballot)
    assert len(ballots_after) == len(ballots_before) + 1 == 3
    assert not ballot_keys & {_key(b["id"]) for b in ballots_before}
    assert set(ballots_after[0]) == {"id", "evaluation_id"}
    for row in ballots_after:
        for column, value in row.items():
            assert not _leaks(value), f"ballot {column}={value!r} names the voter"

    # The marks: every ballot rates the same members (the voter among them, as one of
    # those rated); apart from that column nothing on a mark names the voter.
    marks_after = _rows(after, BallotMark)
    rated = {m.pk for m in people}
    by_ballot: dict[str, set[int]] = {}
    for row in marks_after:
        by_ballot.setdefault(_key(row["ballot_id"]), set()).add(row["member_id"])
        for column, value in row.items():
            if column != "member_id":
                assert not _leaks(value), f"mark {column}={value!r} names the voter"
    assert set(by_ballot) == ballot_keys
    assert all(members == rated for members in by_ballot.values())
    unqualified = [r for r in marks_after if r["grade"] == U]
    assert len(unqualified) == 1 and unqualified[0]["member_id"] == box["others"][0].pk

    # The logs: capture works, and nothing names the voter.
    assert "capture-is-live" in caplog.text
    for token in TOKENS:
        assert token not in caplog.text
    assert NAME not in str(response.cookies)


def test_the_tables_cannot_hold_a_voter_a_time_or_a_link():
    user_model = get_user_model()
    allowed = {
        Ballot: {"id", "evaluation"},
        BallotMark: {"id", "ballot", "member", "grade"},
        VoteReceipt: {"id", "evaluation", "voter"},
    }
    for model, fields in allowed.items():
        assert {f.name for f in model._meta.concrete_fields} == fields, model
        for field in model._meta.concrete_fields:
            assert not isinstance(
                field, models.DateField | models.DateTimeField | models.TimeField
            ), field
            if field.is_relation:
                assert field.related_model is not user_model, field
        key = model._meta.pk
        assert isinstance(key, models.UUIDField) and key.default is uuid.uuid4
        assert model._meta.ordering == ["id"]  # random, never insertion order
    # A receipt points at no ballot; a ballot at no person.
    assert Ballot._meta.get_field("evaluation").related_model is Evaluation
    assert VoteReceipt._meta.get_field("voter").related_model is Member

    # The tables as migrated, not only the models.
    expected_refs = {
        Ballot: {Evaluation._meta.db_table},
        BallotMark: {Ballot._meta.db_table, Member._meta.db_table},
        VoteReceipt: {Evaluation._meta.db_table, Member._meta.db_table},
    }
    with connection.cursor() as cursor:
        for model, refs in expected_refs.items():
            table = model._meta.db_table
            description = connection.introspection.get_table_description(cursor, table)
            constraints = connection.introspection.get_constraints(cursor, table)
            types = {
                d.name: connection.introspection.get_field_type(d.type_code, d) for d in description
            }
            assert not {"DateTimeField", "DateField", "TimeField"} & set(types.values()), types
            referenced = {c["foreign_key"][0] for c in constraints.values() if c["foreign_key"]}
            assert referenced == refs, table
    # The ballot table has no column that could order ballots but the random key.
    assert {d.name for d in description_of(Ballot)} == {"id", "evaluation_id"}


def description_of(model):
    with connection.cursor() as cursor:
        return connection.introspection.get_table_description(cursor, model._meta.db_table)


def test_every_key_is_a_random_uuid4(box):
    for voter in box["people"][:3]:
        ballot_cast(
            evaluation=box["evaluation"], voter=voter, marks={m.pk: Q for m in box["people"]}
        )
    for model in (Ballot, BallotMark, VoteReceipt):
        keys = list(model.objects.values_list("pk", flat=True))
        assert keys and all(k.version == 4 for k in keys), model


def _physical_order(evaluation) -> list[str]:
    """The ballots' keys in the order the rows sit in the table."""
    table = connection.ops.quote_name(Ballot._meta.db_table)
    locator = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {table} WHERE evaluation_id = %s ORDER BY {locator}",
            [evaluation.pk],
        )
        return [_key(row[0]) for row in cursor.fetchall()]


@pytest.fixture
def eight(org_tree):
    """Eight voters; voter i's ballot is recognisable: 优秀 for themself, 合格 for the rest."""
    a = org_tree["a"]
    secretary = MemberFactory(branch=a, name="甲书记", position="secretary")
    people = [secretary, *(MemberFactory(branch=a, name=f"甲党员{i}") for i in range(1, 8))]
    evaluation = evaluation_open(meeting=MeetingFactory(branch=a), by=secretary.user)
    voting_start(evaluation=evaluation, by=secretary.user)
    return evaluation, people


def _cast_in_order(evaluation, people) -> list[set[str]]:
    keys_after_each = []
    for voter in people:
        marks = {m.pk: (E if m == voter else Q) for m in people}
        ballot_cast(evaluation=evaluation, voter=voter, marks=marks)
        keys_after_each.append({_key(k) for k in Ballot.objects.values_list("pk", flat=True)})
    return keys_after_each


def test_the_box_is_mixed_so_storage_order_is_not_voting_order(eight):
    """Without mixing, the rows would sit in voting order (the receipts do) and a glance at
    SQLite's rowid or PostgreSQL's ctid would pair each ballot with its receipt.

    The order is random: this fails by chance once in 8! = 40,320 runs."""
    evaluation, people = eight
    keys_after_each = _cast_in_order(evaluation, people)
    # Every cast re-writes the whole box under fresh keys.
    for earlier, later in zip(keys_after_each, keys_after_each[1:], strict=False):
        assert not earlier & later
    # Which voter's ballot sits where on disk.
    starred = {
        _key(ballot_id): member_id
        for ballot_id, member_id in BallotMark.objects.filter(grade=E).values_list(
            "ballot_id", "member_id"
        )
    }
    on_disk = [starred[k] for k in _physical_order(evaluation)]
    assert sorted(on_disk) == sorted(m.pk for m in people)
    assert on_disk != [m.pk for m in people]


@pytest.mark.postgres
def test_on_postgresql_every_ballot_carries_the_same_transaction_id(eight):
    """xmin — the id of the transaction that wrote a row — would otherwise pair each ballot
    with its receipt: they are written in the same transaction."""
    evaluation, people = eight
    _cast_in_order(evaluation, people)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT xmin::text FROM {Ballot._meta.db_table} WHERE evaluation_id = %s",
            [evaluation.pk],
        )
        assert len(cursor.fetchall()) == 1
        cursor.execute(
            f"SELECT DISTINCT xmin::text FROM {BallotMark._meta.db_table}"
            f" WHERE ballot_id IN (SELECT id FROM {Ballot._meta.db_table}"
            f" WHERE evaluation_id = %s)",
            [evaluation.pk],
        )
        assert len(cursor.fetchall()) == 1


def test_every_voter_gets_the_same_reply(client, box):
    people = box["people"]
    seen = []
    for voter, grade in ((box["voter"], E), (box["others"][0], U)):
        client.force_login(voter.user)
        response = client.post(box["cast"], {f"m{m.pk}": grade for m in people}, follow=True)
        seen.append((response.redirect_chain, [str(m) for m in response.context["messages"]]))
    assert seen[0] == seen[1]
    assert seen[0][0] == [(box["page"], 302)]
    assert Ballot.objects.count() == VoteReceipt.objects.count() == 2


# --- a double submit racing itself (PostgreSQL) -------------------------------------------------


def _race(evaluation_pk: int, voter_pk: int, grades: list[str]) -> list[str]:
    """The same voter submits twice at once, from two connections; what each was told."""
    outcomes: list[str] = []
    start = threading.Barrier(len(grades))

    def submit(grade: str) -> None:
        from django.db import connection as thread_connection

        try:
            evaluation = Evaluation.objects.get(pk=evaluation_pk)
            voter = Member.objects.get(pk=voter_pk)
            rated = list(services.rated_member_ids(evaluation.meeting))
            start.wait(timeout=10)
            ballot_cast(evaluation=evaluation, voter=voter, marks=dict.fromkeys(rated, grade))
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append(" ".join(exc.messages))
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=submit, args=(g,)) for g in grades]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return outcomes


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_concurrent_double_submit_counts_once(box):
    outcomes = _race(box["evaluation"].pk, box["voter"].pk, [E, U])
    assert sorted(outcomes) == ["ok", "您已经投过票了,每人只能投一次。"]
    assert Ballot.objects.count() == VoteReceipt.objects.count() == 1
    assert BallotMark.objects.count() == len(box["people"])
    assert len(set(BallotMark.objects.values_list("grade", flat=True))) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_without_the_lock_the_unique_receipt_still_counts_once(box, monkeypatch):
    """The row lock and the receipt check switched off: both submissions pass the check, and
    the database's unique constraint alone refuses the second — with the same message, and
    nothing of it saved."""
    both_checked = threading.Barrier(2)
    real_has_voted = services._has_voted

    def has_voted_then_wait(**kwargs):
        answer = real_has_voted(**kwargs)
        both_checked.wait(timeout=10)
        return answer

    monkeypatch.setattr(
        services,
        "_lock",
        lambda evaluation: Evaluation.objects.select_related("meeting__branch").get(
            pk=evaluation.pk
        ),
    )
    monkeypatch.setattr(services, "_has_voted", has_voted_then_wait)
    outcomes = _race(box["evaluation"].pk, box["voter"].pk, [E, U])
    assert sorted(outcomes) == ["ok", "您已经投过票了,每人只能投一次。"]
    assert Ballot.objects.count() == VoteReceipt.objects.count() == 1
    assert BallotMark.objects.count() == len(box["people"])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_voters_lose_no_ballot(box):
    """Different voters at once: the lock queues them, and mixing the box loses nothing."""
    outcomes: list[str] = []
    start = threading.Barrier(len(box["people"]))
    pks = [m.pk for m in box["people"]]

    def submit(voter_pk: int) -> None:
        from django.db import connection as thread_connection

        try:
            evaluation = Evaluation.objects.get(pk=box["evaluation"].pk)
            voter = Member.objects.get(pk=voter_pk)
            start.wait(timeout=10)
            ballot_cast(evaluation=evaluation, voter=voter, marks=dict.fromkeys(pks, Q))
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append(" ".join(exc.messages))
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=submit, args=(pk,)) for pk in pks]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert outcomes == ["ok"] * len(pks)
    assert Ballot.objects.count() == VoteReceipt.objects.count() == len(pks)
    assert BallotMark.objects.count() == len(pks) ** 2


def test_the_audit_log_and_the_session_record_nothing_of_a_ballot(client, box, settings):
    """Signed in through the login page (recorded: the audit log is live), the voter casts a
    ballot minutes later, when another page would move the session's expiry forward: only
    the ballot tables change — no audit row, no session write."""
    settings.ORGLIFE_AUDIT_KEEP_IP = True
    settings.SESSION_COOKIE_AGE = 30 * 60
    voter = box["voter"]
    voter.user.set_password("Vote-pass-2026")
    voter.user.save()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        response = client.post(
            reverse("login"),
            {"username": USERNAME, "password": "Vote-pass-2026"},
            REMOTE_ADDR="198.51.100.45",
        )
        assert response.status_code == 302
    assert AuditEvent.objects.get(event="login").actor_name == NAME
    marks = {f"m{m.pk}": Q for m in box["people"]}
    with time_machine.travel(start + datetime.timedelta(minutes=5), tick=False):
        before = _snapshot()
        response = client.post(box["cast"], marks, REMOTE_ADDR="198.51.100.45")
        after = _snapshot()
    assert response.status_code == 302
    changed = {t for t in before.keys() | after.keys() if before.get(t) != after.get(t)}
    assert changed == SECRET_TABLES
    assert AuditEvent._meta.db_table in before and Session._meta.db_table in before
    for row in AuditEvent.objects.all():
        assert row.event == "login", row.event
