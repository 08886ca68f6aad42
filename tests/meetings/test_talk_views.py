"""谈心谈话 pages: who sees what (outside one's scope is a 404), recording through the
page, and the coverage matrix costing the same queries for 10 and for 50 members."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.choices import MeetingStatus
from meetings.models import Talk
from meetings.services.talks import talk_plan_generate, talk_record
from members.models import Member
from tests.meetings.factories import MeetingFactory
from tests.members.factories import MemberFactory, SupervisorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(branch_people):
    return branch_people()


def _urls(meeting) -> dict[str, str]:
    return {
        "talks": reverse("meetings:talks", kwargs={"meeting_pk": meeting.pk}),
        "record": reverse("meetings:talk-record", kwargs={"meeting_pk": meeting.pk}),
        "plan": reverse("meetings:talk-plan", kwargs={"meeting_pk": meeting.pk}),
    }


@pytest.mark.parametrize("who", ["secretary_b", "member_b"])
def test_another_branch_gets_404(client, people, who):
    urls = _urls(people["meeting"])
    client.force_login(people[who].user)
    assert client.get(urls["talks"]).status_code == 404
    data = {"member_b": people["member_a"].pk, "held_on": "2026-01-01", "topic": "x"}
    assert client.post(urls["record"], data).status_code == 404
    assert client.post(urls["plan"]).status_code == 404
    assert not Talk.objects.exists()


def test_supervisor_not_above_the_branch_gets_404(client, org_tree, people):
    urls = _urls(people["meeting"])
    client.force_login(SupervisorFactory(organization=org_tree["other"]).user)
    assert client.get(urls["talks"]).status_code == 404
    assert client.post(urls["plan"]).status_code == 404
    # a supervisor of the 党总支 sees branch B only, not branch A
    client.force_login(SupervisorFactory(organization=org_tree["general"]).user)
    assert client.get(urls["talks"]).status_code == 404


def test_supervisor_above_sees_the_matrix(client, org_tree, people):
    meeting = people["meeting"]
    talk_plan_generate(meeting=meeting, by=people["secretary_a"].user)
    client.force_login(SupervisorFactory(organization=org_tree["committee"]).user)
    response = client.get(_urls(meeting)["talks"])
    assert response.status_code == 200
    assert 'id="talk-matrix"' in response.content.decode()
    assert response.context["coverage"].required == Talk.objects.count()


def test_a_member_sees_only_their_own_part_and_may_not_plan(client, people):
    meeting, member = people["meeting"], people["member_a"]
    talk_plan_generate(meeting=meeting, by=people["secretary_a"].user)
    urls = _urls(meeting)
    client.force_login(member.user)
    response = client.get(urls["talks"])
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="talk-matrix"' not in html and 'id="own-pending"' in html
    partners = {item.partner for item in response.context["own"].pending}
    assert people["secretary_a"] in partners
    assert all(
        member.pk in (i.talk.member_a_id, i.talk.member_b_id)
        for i in response.context["own"].pending
    )
    assert client.post(urls["plan"]).status_code == 404


def test_secretary_generates_the_plan(client, people):
    meeting = people["meeting"]
    client.force_login(people["secretary_a"].user)
    response = client.post(_urls(meeting)["plan"], follow=True)
    assert response.redirect_chain[-1][0] == _urls(meeting)["talks"]
    added = Talk.objects.filter(meeting=meeting).count()
    assert added > 0
    assert f"新增 {added} 次必谈" in response.content.decode()


def test_member_records_own_talk_through_the_page(client, people):
    meeting, member, secretary = people["meeting"], people["member_a"], people["secretary_a"]
    talk_plan_generate(meeting=meeting, by=secretary.user)
    client.force_login(member.user)
    today = timezone.localdate()
    response = client.post(
        _urls(meeting)["record"],
        # member_a is not the member's to choose: it is always themselves
        {
            "member_a": people["member_a2"].pk,
            "member_b": secretary.pk,
            "held_on": today.isoformat(),
            "topic": "谈学习体会",
            "outcome": "互相提醒",
        },
    )
    assert response.status_code == 302
    talk = Talk.objects.get(
        meeting=meeting,
        member_a_id=min(member.pk, secretary.pk),
        member_b_id=max(member.pk, secretary.pk),
    )
    assert (talk.held_on, talk.topic, talk.outcome) == (today, "谈学习体会", "互相提醒")
    assert not Talk.objects.filter(held_on__isnull=False).exclude(pk=talk.pk).exists()


def test_record_errors_are_shown_with_what_was_typed(client, people):
    meeting = people["meeting"]
    client.force_login(people["member_a"].user)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        _urls(meeting)["record"],
        {"member_b": people["secretary_a"].pk, "held_on": tomorrow.isoformat(), "topic": "谈心"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "谈话日期不能晚于今天。" in html
    assert "谈心" in html
    # a partner outside the meeting is not a choice
    response = client.post(
        _urls(meeting)["record"],
        {"member_b": people["member_b"].pk, "held_on": "2026-01-01", "topic": "谈心"},
    )
    assert response.status_code == 200
    assert not Talk.objects.exists()


def test_committee_records_any_talk_of_the_branch(client, people):
    meeting = people["meeting"]
    client.force_login(people["committee_a"].user)
    response = client.post(
        _urls(meeting)["record"],
        {
            "member_a": people["member_a2"].pk,
            "member_b": people["member_a3"].pk,
            "held_on": timezone.localdate().isoformat(),
            "topic": "谈工作",
        },
    )
    assert response.status_code == 302
    assert Talk.objects.get().recorded_by == people["committee_a"].user


def test_the_next_record_keeps_who_talks_and_the_day(client, people):
    meeting = people["meeting"]
    client.force_login(people["secretary_a"].user)
    day = timezone.localdate() - datetime.timedelta(days=2)
    response = client.post(
        _urls(meeting)["record"],
        {
            "member_a": people["secretary_a"].pk,
            "member_b": people["member_a"].pk,
            "held_on": day.isoformat(),
            "topic": "谈学习",
        },
        follow=True,
    )
    form = response.context["form"]
    assert form.initial["member_a"] == str(people["secretary_a"].pk)
    assert form.initial["held_on"] == day.isoformat()
    body = response.content.decode()
    assert f'<option value="{people["secretary_a"].pk}" selected>' in body
    assert f'value="{day.isoformat()}"' in body
    assert "member_b" not in form.initial  # the partner changes from one talk to the next


# --- queries ------------------------------------------------------------------------------


def _branch_with_talks(branch, size: int):
    """A branch of ``size`` members (a secretary, two committee members, the rest ordinary)
    with a meeting, its plan generated (N = 3) and a third of the required talks held."""
    secretary = MemberFactory(branch=branch, position="secretary")
    MemberFactory(branch=branch, position="organization")
    MemberFactory(branch=branch, position="publicity")
    member = MemberFactory(branch=branch)
    Member.objects.bulk_create(
        Member(
            branch=branch, name=f"党员{i:03d}", gender="male", joined_on=datetime.date(2010, 7, 1)
        )
        for i in range(size - 4)
    )
    meeting = MeetingFactory(branch=branch, talk_peer_count=3)
    talk_plan_generate(meeting=meeting, by=secretary.user)
    for talk in Talk.objects.filter(meeting=meeting).select_related("member_a", "member_b")[::3]:
        talk_record(
            meeting=meeting,
            by=secretary.user,
            member_a=talk.member_a,
            member_b=talk.member_b,
            held_on=timezone.localdate(),
            topic="谈心",
        )
    return meeting, secretary, member


def test_talk_pages_cost_the_same_queries_for_10_and_50_members(client, org_tree, page_queries):
    small, small_secretary, small_member = _branch_with_talks(org_tree["a"], 10)
    big, big_secretary, big_member = _branch_with_talks(org_tree["b"], 50)
    assert Talk.objects.filter(meeting=big).count() > 100

    counts = {}
    supervisor = SupervisorFactory(organization=org_tree["committee"]).user
    for label, user_small, user_big in (
        ("supervisor", supervisor, supervisor),
        ("secretary", small_secretary.user, big_secretary.user),
        ("member", small_member.user, big_member.user),
    ):
        client.force_login(user_small)
        few = page_queries(client, _urls(small)["talks"])
        client.force_login(user_big)
        many = page_queries(client, _urls(big)["talks"])
        counts[label] = (few, many)
    assert all(few == many for few, many in counts.values()), counts
    assert counts["secretary"][1] <= 12, counts


def test_a_member_not_expected_and_a_closed_meeting_cannot_record(client, people, org_tree):
    meeting = people["meeting"]
    urls = _urls(meeting)
    data = {
        "member_b": people["secretary_a"].pk,
        "held_on": timezone.localdate().isoformat(),
        "topic": "谈心",
    }
    latecomer = MemberFactory(branch=org_tree["a"], name="新党员")  # joined after the plan
    client.force_login(latecomer.user)
    response = client.get(urls["talks"])
    assert response.status_code == 200 and "form" not in response.context
    response = client.post(urls["record"], data, follow=True)
    assert "不在本次组织生活会的应到人员中" in response.content.decode()

    type(meeting).objects.filter(pk=meeting.pk).update(
        status=MeetingStatus.HELD, held_at=timezone.now()
    )
    client.force_login(people["member_a"].user)
    response = client.post(urls["record"], data, follow=True)
    assert "不能再登记谈话" in response.content.decode()
    client.force_login(people["secretary_a"].user)
    response = client.post(urls["plan"], follow=True)
    assert "不能再调整谈心谈话" in response.content.decode()
    assert not Talk.objects.exists()
