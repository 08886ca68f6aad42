"""The member's record (党员组织生活纪实): who may see it, what it shows, what it never shows,
its query count, and its .docx export (recorded and shown to the member)."""

from __future__ import annotations

import html
import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from docx import Document

from meetings.choices import EvaluationStatus, MeetingStatus
from meetings.models import (
    Attendee,
    Ballot,
    BallotMark,
    Draft,
    Evaluation,
    EvaluationResult,
    SelfAssessment,
    VoteReceipt,
)
from records.models import RecordExport
from records.selectors import member_record
from rectification.choices import ProblemSource
from rectification.models import Problem
from tests.meetings.factories import AnonymousOpinionFactory, MeetingFactory, OpinionWindowFactory
from tests.records.conftest import give_history
from tests.supervision.conftest import add_item, add_problem, held_meeting

pytestmark = pytest.mark.django_db


def url(member) -> str:
    return reverse("records:member", args=[member.pk])


def _client(client, user):
    client.force_login(user)
    return client


def _text(response) -> str:
    data = response.content
    if data.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            data = b"".join(archive.read(n) for n in archive.namelist())
    return html.unescape(data.decode("utf-8", errors="replace"))


# --- who may see whose record ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("viewer", "status"),
    [
        ("m1", 200),  # their own
        ("m2", 404),  # another member of the branch
        ("committee_member", 404),  # a committee member who is not the secretary
        ("secretary", 200),  # the branch's secretary
        ("secretary_c", 404),  # the secretary of another branch
        ("supervisor", 200),  # a supervisor above the branch
        ("supervisor_general", 404),  # a supervisor of a sibling subtree, not above A
        ("supervisor_other", 404),  # a supervisor of another committee
    ],
)
def test_who_may_see_a_record(client, people, viewer, status):
    who = people[viewer]
    user = who if not hasattr(who, "user") else who.user
    response = _client(client, user).get(url(people["m1"]))
    assert response.status_code == status
    if status == 200:
        assert "张三的组织生活纪实" in response.content.decode()
    # the export follows the same rule
    response = client.post(reverse("records:member-docx", args=[people["m1"].pk]))
    assert response.status_code == status
    assert RecordExport.objects.filter(member=people["m1"]).count() == (status == 200)


def test_anonymous_is_sent_to_the_login_page(client, people):
    response = client.get(url(people["m1"]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_superuser_is_not_a_reader(client, people, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="pw-for-tests-2026")
    assert _client(client, admin).get(url(people["m1"])).status_code == 404


def test_my_record_redirects_to_the_members_own(client, people):
    response = _client(client, people["m1"].user).get(reverse("records:mine"))
    assert response.status_code == 302
    assert response["Location"] == url(people["m1"])
    assert _client(client, people["supervisor"]).get(reverse("records:mine")).status_code == 404


def test_member_page_and_home_link_to_the_record(client, people):
    c = _client(client, people["m1"].user)
    assert url(people["m1"]) in c.get("/").content.decode()
    assert (
        url(people["m1"])
        in c.get(reverse("members:detail", args=[people["m1"].pk])).content.decode()
    )
    # a peer's page does not offer a record the member may not open
    peer = c.get(reverse("members:detail", args=[people["m2"].pk])).content.decode()
    assert url(people["m2"]) not in peer


# --- what it shows -----------------------------------------------------------------------------


def test_the_record_shows_attendance_drafts_items_grade_talks_and_the_year(client, people):
    m1 = people["m1"]
    give_history(m1, 1, peer=people["m2"], secretary=people["secretary"])
    absent = held_meeting(people["a"], hours_ago=24 * 30)
    Attendee.objects.filter(meeting=absent, member=m1).update(present=False, absence_reason="")
    page = _client(client, m1.user).get(url(m1)).content.decode()
    assert "出席" in page
    assert "缺席(未说明原因)" in page
    assert "退回 1 次" in page
    assert "措施0" in page and "3 天" in page  # the overdue item and its days
    assert "1 次(最近" in page  # 约谈
    assert "合格" in page
    assert "谈心0" in page and "李四" in page
    year = timezone.localdate().year
    assert f"{year}:出席 1 次、缺席 1 次;问题 1 项,已销号 0 项,逾期 1 项;评议:合格" in page


def test_recurring_and_grade_below_qualified_are_flagged(client, people):
    m1 = people["m1"]
    earlier = held_meeting(people["a"], hours_ago=24 * 400, status=MeetingStatus.COMPLETED)
    old = add_item(add_problem(earlier, m1), status="signed_off", measure="旧措施")
    meeting = held_meeting(people["a"])
    add_item(add_problem(meeting, m1), recurring_of=old, measure="又犯的措施")
    evaluation = Evaluation.objects.create(meeting=meeting, status=EvaluationStatus.FINALIZED)
    EvaluationResult.objects.create(
        evaluation=evaluation, branch_id=evaluation.meeting.branch_id, member=m1, grade="basic"
    )
    record = member_record(member=m1, viewer=people["secretary"].user)
    assert [r.item.measure for r in record.recurring] == ["又犯的措施"]
    assert not record.is_clean
    page = _client(client, people["secretary"].user).get(url(m1)).content.decode()
    assert "屡改屡在" in page and "旧措施" in page
    assert "基本合格" in page
    assert "record-clean" not in page


def test_a_clean_record_says_so(client, people):
    meeting = held_meeting(people["a"])
    Attendee.objects.filter(meeting=meeting, member=people["m2"]).update(present=True)
    page = _client(client, people["m2"].user).get(url(people["m2"])).content.decode()
    assert 'id="record-clean"' in page


def test_an_unfinalized_grade_is_not_shown(people):
    meeting = held_meeting(people["a"])
    evaluation = Evaluation.objects.create(meeting=meeting, status=EvaluationStatus.CLOSED)
    EvaluationResult.objects.create(
        evaluation=evaluation,
        branch_id=evaluation.meeting.branch_id,
        member=people["m1"],
        grade="unqualified",
    )
    record = member_record(member=people["m1"], viewer=people["secretary"].user)
    assert all(m.grade is None for m in record.meetings)


def test_an_unpublished_problem_is_hidden_from_the_member_not_from_the_secretary(people):
    meeting = held_meeting(people["a"])
    meeting.problems_published_at = None
    meeting.save(update_fields=["problems_published_at"])
    add_problem(meeting, people["m1"], text="尚未公示的问题")
    own = member_record(member=people["m1"], viewer=people["m1"].user)
    assert not [p for m in own.meetings for p in m.problems]
    secretary = member_record(member=people["m1"], viewer=people["secretary"].user)
    assert [p.text for m in secretary.meetings for p in m.problems] == ["尚未公示的问题"]


def test_draft_text_stays_private_and_links_only_for_its_readers(client, people):
    m1 = people["m1"]
    meeting = MeetingFactory(branch=people["a"])
    draft = Draft.objects.create(
        meeting=meeting, author=m1, status="submitted", version=1, gains="草稿里的私密收获"
    )
    link = reverse("meetings:draft", args=[draft.pk])
    for user, linked in (
        (m1.user, True),  # the author
        (people["secretary"].user, True),  # the secretary, once submitted
        (people["supervisor"], False),  # the supervisor reviews only the committee's drafts
    ):
        page = _client(client, user).get(url(m1)).content.decode()
        assert "已提交" in page
        assert "草稿里的私密收获" not in page
        assert (link in page) is linked, user


# --- nothing from ballots or anonymous opinions ----------------------------------------------


def test_nothing_from_ballots_or_anonymous_opinions_in_the_record_or_its_exports(client, people):
    m1 = people["m1"]
    meeting = held_meeting(people["a"])
    evaluation = Evaluation.objects.create(meeting=meeting, status=EvaluationStatus.FINALIZED)
    SelfAssessment.objects.create(
        evaluation=evaluation, member=m1, grade="excellent", text="自评秘密文字"
    )
    ballot = Ballot.objects.create(evaluation=evaluation)
    BallotMark.objects.create(ballot=ballot, member=m1, grade="unqualified")
    VoteReceipt.objects.create(evaluation=evaluation, voter=people["m2"])
    EvaluationResult.objects.create(
        evaluation=evaluation, branch_id=evaluation.meeting.branch_id, member=m1, grade="qualified"
    )
    window = OpinionWindowFactory(meeting=meeting, target="member", target_member=m1)
    anonymous = AnonymousOpinionFactory(window=window, text="无记名意见的原话")
    Problem.objects.create(  # as problem_from_opinion makes it: the opinion's text by default
        meeting=meeting,
        branch=people["a"],
        owner=m1,
        category="style",
        text=anonymous.text,
        source=ProblemSource.OPINION,
        anonymous_opinion=anonymous,
    )
    secrets = [
        "自评秘密文字",
        "无记名意见的原话",
        str(ballot.pk),
        "不合格",  # the ballot's mark
        "优秀",  # the self-assessment's grade
        "投票",
        "选票",
    ]
    for user in (m1.user, people["secretary"].user, people["supervisor"]):
        c = _client(client, user)
        page = c.get(url(m1)).content.decode()
        docx = _text(c.post(reverse("records:member-docx", args=[m1.pk])))
        for text in (page, docx):
            assert "合格" in text  # the committee's final grade is there
            assert "征求意见" in text  # the problem is there, by its source
            for secret in secrets:
                assert secret not in text, (user, secret)
    add_item(Problem.objects.get(owner=m1), deadline_in=-2, measure="逾期的措施")
    xlsx = _text(
        _client(client, people["supervisor"]).get(
            reverse("records:query-export") + "?condition=overdue"
        )
    )
    assert "张三" in xlsx
    for secret in secrets:
        assert secret not in xlsx


# --- query count -------------------------------------------------------------------------------


def test_record_page_query_count_does_not_grow_with_meetings_and_items(client, people):
    m1 = people["m1"]
    c = _client(client, people["secretary"].user)
    give_history(m1, 10, peer=people["m2"], secretary=people["secretary"])
    c.get(url(m1))
    with CaptureQueriesContext(connection) as ten:
        response = c.get(url(m1))
    assert response.content.decode().count("record-meeting") == 10
    give_history(m1, 90, peer=people["m2"], secretary=people["secretary"], start=10)
    with CaptureQueriesContext(connection) as hundred:
        response = c.get(url(m1))
    assert response.content.decode().count("record-meeting") == 100
    assert len(ten) == len(hundred), [q["sql"][:120] for q in hundred.captured_queries]
    assert len(ten) <= 15


# --- the .docx export --------------------------------------------------------------------------


def test_docx_export_opens_has_the_rows_and_is_recorded_for_the_member(client, people):
    m1 = people["m1"]
    give_history(m1, 3, peer=people["m2"], secretary=people["secretary"])
    c = _client(client, people["secretary"].user)
    response = c.post(reverse("records:member-docx", args=[m1.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    doc = Document(io.BytesIO(response.content))
    assert doc.paragraphs[0].text == "党员组织生活纪实表"
    info, meetings, items = doc.tables
    assert info.rows[0].cells[1].text == "张三"
    assert len(meetings.rows) == 1 + 3
    assert len(items.rows) == 1 + 3
    assert {row.cells[0].text for row in items.rows[1:]} == {"措施0", "措施1", "措施2"}
    assert all(row.cells[3].text == "3" for row in items.rows[1:])  # overdue days
    assert "导出人:甲书记" in "\n".join(p.text for p in doc.paragraphs)

    export = RecordExport.objects.get(member=m1)
    assert export.by == people["secretary"].user and export.by_label == "甲书记"
    own = _client(client, m1.user).get(url(m1)).content.decode()
    assert "甲书记 导出" in own
    assert timezone.localtime(export.at).strftime("%Y-%m-%d %H:%M") in own


def test_docx_export_is_a_post(client, people):
    c = _client(client, people["m1"].user)
    assert c.get(reverse("records:member-docx", args=[people["m1"].pk])).status_code == 405
    assert not RecordExport.objects.exists()
