"""谈心谈话: the rule of required pairs, generating the plan, recording, coverage."""

from __future__ import annotations

import datetime
import math
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from meetings.choices import MeetingStatus, TalkRule
from meetings.models import Attendee, Talk
from meetings.selectors.talks import (
    coverage_matrix,
    pending_talks_for_member,
    talks_of_member,
    talks_readiness,
)
from meetings.services.talks import talk_plan_generate, talk_record
from meetings.talk_rules import Person, peer_pairs, required_pairs
from tests.meetings.factories import MeetingFactory
from tests.members.factories import MemberFactory

TODAY = timezone.localdate


def _degrees(pairs) -> Counter:
    counts: Counter = Counter()
    for a, b in pairs:
        counts[a] += 1
        counts[b] += 1
    return counts


# --- the rule, without a database ------------------------------------------------------


@pytest.mark.parametrize("n", range(0, 41))
@pytest.mark.parametrize("peer_count", range(0, 8))
def test_peer_pairs_give_everyone_n_partners_in_the_fewest_talks(n, peer_count):
    ids = [10 * i + 3 for i in range(n)]  # not 0..n-1: ids are arbitrary
    pairs = peer_pairs(ids, peer_count)
    need = max(0, min(peer_count, n - 1))
    degrees = _degrees(pairs)
    assert all(a < b and a in ids and b in ids for a, b in pairs)
    assert all(degrees[i] >= need for i in ids)
    assert len(pairs) == math.ceil(n * need / 2)  # the fewest possible
    assert peer_pairs(list(reversed(ids)), peer_count) == pairs  # stable, whatever the order


def test_required_pairs_follow_the_rule():
    secretary, c1, c2, c3 = 1, 2, 3, 4
    ordinary = list(range(10, 17))
    people = [
        Person(secretary, "secretary"),
        Person(c1, "organization"),
        Person(c2, "publicity"),
        Person(c3, "deputy_secretary"),
        *(Person(i, "") for i in ordinary),
    ]
    wanted = required_pairs(people, 3)
    everyone_else = [c1, c2, c3, *ordinary]
    for other in everyone_else:
        assert wanted[(secretary, other)] == TalkRule.SECRETARY
    assert {p for p, r in wanted.items() if r == TalkRule.COMMITTEE} == {(2, 3), (2, 4), (3, 4)}
    peers = [p for p, r in wanted.items() if r == TalkRule.MEMBERS]
    assert all(a in ordinary and b in ordinary for a, b in peers)
    assert all(_degrees(peers)[i] >= 3 for i in ordinary)
    # no committee ↔ ordinary pair other than the secretary's
    assert not [(a, b) for a, b in wanted if {a, b} & {c1, c2, c3} and {a, b} & set(ordinary)]


def test_tiny_branch_and_no_secretary():
    # a secretary and one member: one talk; nobody for the member to talk with as a peer
    assert required_pairs([Person(1, "secretary"), Person(2, "")], 3) == {
        (1, 2): TalkRule.SECRETARY
    }
    # no secretary: the committee still talks among themselves, members among themselves
    wanted = required_pairs([Person(1, "organization"), Person(2, "publicity"), Person(3, "")], 1)
    assert wanted == {(1, 2): TalkRule.COMMITTEE}


# --- with the database -----------------------------------------------------------------


@pytest.fixture
def branch(org_tree):
    """Branch A: a secretary, two committee members, seven members, and a meeting."""
    a = org_tree["a"]
    secretary = MemberFactory(branch=a, name="书记", position="secretary")
    committee = [
        MemberFactory(branch=a, name="组织委员", position="organization"),
        MemberFactory(branch=a, name="宣传委员", position="publicity"),
    ]
    members = [MemberFactory(branch=a, name=f"党员{i}") for i in range(7)]
    meeting = MeetingFactory(branch=a)
    return {
        "org": a,
        "secretary": secretary,
        "committee": committee,
        "members": members,
        "meeting": meeting,
    }


def _talks(meeting):
    return {(t.member_a_id, t.member_b_id): t for t in Talk.objects.filter(meeting=meeting)}


def _hold_all(meeting, by):
    for talk in Talk.objects.filter(meeting=meeting, required=True, held_on__isnull=True):
        talk_record(
            meeting=meeting,
            by=by,
            member_a=talk.member_a,
            member_b=talk.member_b,
            held_on=TODAY(),
            topic="交流学习体会",
        )


@pytest.mark.django_db
@pytest.mark.parametrize("peer_count", [1, 3])
def test_plan_follows_the_rule_and_is_idempotent(branch, peer_count):
    meeting, secretary = branch["meeting"], branch["secretary"]
    meeting.talk_peer_count = peer_count
    meeting.save()
    added = talk_plan_generate(meeting=meeting, by=secretary.user)
    talks = _talks(meeting)
    assert added == len(talks)
    assert all(t.required and not t.is_held for t in talks.values())

    others = [*branch["committee"], *branch["members"]]
    for other in others:  # the secretary talks with everyone
        pair = tuple(sorted((secretary.pk, other.pk)))
        assert talks[pair].rule == TalkRule.SECRETARY
    c1, c2 = branch["committee"]
    assert talks[tuple(sorted((c1.pk, c2.pk)))].rule == TalkRule.COMMITTEE
    peers = [p for p, t in talks.items() if t.rule == TalkRule.MEMBERS]
    degrees = _degrees(peers)
    assert all(degrees[m.pk] >= peer_count for m in branch["members"])
    assert len(talks) == 9 + 1 + math.ceil(7 * peer_count / 2)

    assert talk_plan_generate(meeting=meeting, by=secretary.user) == 0
    assert set(_talks(meeting)) == set(talks)


@pytest.mark.django_db
def test_regeneration_keeps_held_talks_and_drops_pending_ones_no_longer_required(branch):
    meeting, secretary = branch["meeting"], branch["secretary"]
    meeting.talk_peer_count = 3
    meeting.save()
    talk_plan_generate(meeting=meeting, by=secretary.user)
    peer = Talk.objects.filter(meeting=meeting, rule=TalkRule.MEMBERS).first()
    talk_record(
        meeting=meeting,
        by=secretary.user,
        member_a=peer.member_a,
        member_b=peer.member_b,
        held_on=TODAY(),
        topic="互相指出不足",
        outcome="约定互相监督",
    )
    leaving = branch["members"][-1]
    Attendee.objects.filter(meeting=meeting, member=leaving).delete()
    meeting.talk_peer_count = 1
    meeting.save()

    talk_plan_generate(meeting=meeting, by=secretary.user)

    kept = Talk.objects.get(pk=peer.pk)
    assert (kept.held_on, kept.topic, kept.outcome) == (TODAY(), "互相指出不足", "约定互相监督")
    pending = Talk.objects.filter(meeting=meeting, held_on__isnull=True)
    assert not pending.filter(member_a=leaving).exists()
    assert not pending.filter(member_b=leaving).exists()
    staying = [m.pk for m in branch["members"][:-1]]
    wanted = required_pairs(
        [Person(secretary.pk, "secretary")]
        + [Person(c.pk, c.position) for c in branch["committee"]]
        + [Person(pk, "") for pk in staying],
        1,
    )
    assert {(t.member_a_id, t.member_b_id) for t in pending} == set(wanted) - {
        (peer.member_a_id, peer.member_b_id)
    }
    assert talk_plan_generate(meeting=meeting, by=secretary.user) == 0


@pytest.mark.django_db
def test_a_talk_held_before_the_plan_counts_once_the_plan_requires_it(branch):
    meeting, secretary, member = branch["meeting"], branch["secretary"], branch["members"][0]
    early = talk_record(
        meeting=meeting,
        by=member.user,
        member_a=member,
        member_b=secretary,
        held_on=TODAY(),
        topic="谈思想",
    )
    assert (early.rule, early.required) == (TalkRule.OPTIONAL, False)
    added = talk_plan_generate(meeting=meeting, by=secretary.user)
    early.refresh_from_db()
    assert (early.rule, early.required, early.topic) == (TalkRule.SECRETARY, True, "谈思想")
    assert added == Talk.objects.filter(meeting=meeting).count() - 1


@pytest.mark.django_db
def test_only_the_committee_generates_and_only_while_preparing(branch):
    meeting = branch["meeting"]
    with pytest.raises(ValidationError, match="只有支部委员会"):
        talk_plan_generate(meeting=meeting, by=branch["members"][0].user)
    type(meeting).objects.filter(pk=meeting.pk).update(
        status=MeetingStatus.HELD, held_at=timezone.now()
    )
    with pytest.raises(ValidationError, match="已召开"):
        talk_plan_generate(meeting=meeting, by=branch["secretary"].user)
    assert not Talk.objects.exists()


@pytest.mark.django_db
def test_member_records_own_talk_on_the_planned_row(branch):
    meeting, secretary, member = branch["meeting"], branch["secretary"], branch["members"][0]
    talk_plan_generate(meeting=meeting, by=secretary.user)
    planned = Talk.objects.get(
        meeting=meeting,
        member_a_id=min(member.pk, secretary.pk),
        member_b_id=max(member.pk, secretary.pk),
    )
    # the member names themselves second: the pair is normalised
    talk = talk_record(
        meeting=meeting,
        by=member.user,
        member_a=secretary,
        member_b=member,
        held_on=TODAY() - datetime.timedelta(days=1),
        topic="  谈学习体会  ",
        outcome="书记提醒按时交党费",
    )
    assert talk.pk == planned.pk
    talk.refresh_from_db()
    assert talk.required and talk.rule == TalkRule.SECRETARY
    assert talk.topic == "谈学习体会"
    assert talk.recorded_by == member.user
    stamp = talk.recorded_at
    # a retry changes nothing
    again = talk_record(
        meeting=meeting,
        by=member.user,
        member_a=member,
        member_b=secretary,
        held_on=TODAY() - datetime.timedelta(days=1),
        topic="谈学习体会",
        outcome="书记提醒按时交党费",
    )
    again.refresh_from_db()
    assert again.pk == talk.pk and again.recorded_at == stamp
    assert (
        Talk.objects.filter(meeting=meeting).count()
        == Talk.objects.filter(meeting=meeting, required=True).count()
    )


@pytest.mark.django_db
def test_a_talk_beyond_the_plan_is_optional(branch):
    meeting, m1, m2 = branch["meeting"], *branch["members"][:2]
    talk = talk_record(
        meeting=meeting, by=m1.user, member_a=m1, member_b=m2, held_on=TODAY(), topic="聊工作"
    )
    assert (talk.rule, talk.required, talk.is_held) == (TalkRule.OPTIONAL, False, True)
    assert talk.member_a_id < talk.member_b_id


@pytest.mark.django_db
def test_member_cannot_record_someone_elses_talk_but_the_committee_can(branch):
    meeting, (m1, m2, m3) = branch["meeting"], branch["members"][:3]
    with pytest.raises(ValidationError, match="只能登记本人参加"):
        talk_record(
            meeting=meeting, by=m1.user, member_a=m2, member_b=m3, held_on=TODAY(), topic="x"
        )
    committee = branch["committee"][0]
    talk = talk_record(
        meeting=meeting, by=committee.user, member_a=m2, member_b=m3, held_on=TODAY(), topic="x"
    )
    assert talk.recorded_by == committee.user


@pytest.mark.django_db
def test_record_refusals_say_why(branch, org_tree):
    meeting, secretary, member = branch["meeting"], branch["secretary"], branch["members"][0]
    ok = {"meeting": meeting, "by": secretary.user, "held_on": TODAY(), "topic": "谈心"}

    def refused(**kwargs) -> str:
        with pytest.raises(ValidationError) as info:
            talk_record(**{**ok, "member_a": secretary, "member_b": member, **kwargs})
        return " ".join(info.value.messages)

    assert "同一个人" in refused(member_b=secretary)
    assert "不能晚于今天" in refused(held_on=TODAY() + datetime.timedelta(days=1))
    assert "谈了什么" in refused(topic="   ")
    outsider = MemberFactory(branch=org_tree["b"], name="外支部党员")
    assert "外支部党员 不在本次组织生活会的应到人员中" in refused(member_b=outsider)
    latecomer = MemberFactory(branch=branch["org"], name="新党员")  # not an attendee
    assert "新党员 不在" in refused(member_b=latecomer)
    type(meeting).objects.filter(pk=meeting.pk).update(
        status=MeetingStatus.HELD, held_at=timezone.now()
    )
    assert "不能再调整谈心谈话" in refused()
    assert not Talk.objects.exists()


@pytest.mark.django_db
def test_readiness_is_done_when_every_required_talk_is_held(branch):
    meeting, secretary = branch["meeting"], branch["secretary"]
    assert talks_readiness(meeting=meeting) == (False, "尚未生成谈心谈话计划")
    talk_plan_generate(meeting=meeting, by=secretary.user)
    total = Talk.objects.filter(meeting=meeting).count()
    assert talks_readiness(meeting=meeting) == (False, f"必谈 {total} 次,已谈 0 次")
    _hold_all(meeting, secretary.user)
    assert talks_readiness(meeting=meeting) == (True, f"必谈 {total} 次,已谈 {total} 次")
    coverage = coverage_matrix(meeting=meeting)
    assert coverage.done and not coverage.pending_rows


@pytest.mark.django_db
def test_coverage_matrix_shows_who_still_has_to_be_talked_with(branch):
    meeting, secretary, member = branch["meeting"], branch["secretary"], branch["members"][0]
    talk_plan_generate(meeting=meeting, by=secretary.user)
    talk_record(
        meeting=meeting,
        by=secretary.user,
        member_a=secretary,
        member_b=member,
        held_on=TODAY(),
        topic="谈心",
    )
    coverage = coverage_matrix(meeting=meeting)
    assert coverage.members[0] == secretary  # the secretary's row first
    assert len(coverage.rows) == 10 and all(len(r.cells) == 10 for r in coverage.rows)
    row = next(r for r in coverage.rows if r.member == secretary)
    states = {c.other.pk: c.state for c in row.cells}
    assert states[secretary.pk] == "self"
    assert states[member.pk] == "held"
    assert all(states[m.pk] == "pending" for m in branch["members"][1:])
    assert member not in row.pending and len(row.pending) == 8
    assert coverage.required_held == 1 and not coverage.done
    assert not coverage.plan_outdated

    newcomer = MemberFactory(branch=branch["org"], name="新党员")
    Attendee.objects.create(meeting=meeting, member=newcomer)
    assert coverage_matrix(meeting=meeting).plan_outdated


@pytest.mark.django_db
def test_pending_talks_for_member(branch):
    meeting, secretary, member = branch["meeting"], branch["secretary"], branch["members"][0]
    assert pending_talks_for_member(member=member) == []
    talk_plan_generate(meeting=meeting, by=secretary.user)
    pending = pending_talks_for_member(member=member)
    partners = {t.other(member.pk) for t in pending}
    assert secretary in partners and member not in partners
    assert (
        len(pending)
        == Talk.objects.filter(meeting=meeting).filter(member_a=member).count()
        + Talk.objects.filter(meeting=meeting, member_b=member).count()
    )

    talk_record(
        meeting=meeting,
        by=member.user,
        member_a=member,
        member_b=secretary,
        held_on=TODAY(),
        topic="x",
    )
    assert secretary not in {t.other(member.pk) for t in pending_talks_for_member(member=member)}
    own = talks_of_member(user=member.user, meeting=meeting, member=member)
    assert [t.partner for t in own.held] == [secretary]
    assert len(own.pending) == len(pending) - 1

    type(meeting).objects.filter(pk=meeting.pk).update(status=MeetingStatus.CANCELLED)
    assert pending_talks_for_member(member=member) == []
