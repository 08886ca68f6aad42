"""The report upward (上报): the print page and the .docx show attendance, the problems,
the evaluation once finalized and the readiness override reason; sending it reaches the
supervisors above the branch, and nobody else."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from docx.oxml.ns import qn

from meetings.models import Attendee, Evaluation, EvaluationResult, Minutes
from meetings.services.meeting import meeting_hold
from notifications.models import Notification
from rectification.choices import ProblemSource
from rectification.models import Problem
from rectification.services import problems as services
from tests.meetings.factories import MeetingFactory
from tests.members.factories import MemberFactory, OrganizationFactory
from tests.rectification.conftest import make_draft

pytestmark = pytest.mark.django_db

REASON = "上级统一安排,部分谈心谈话会后补齐"
PROBLEM = "理论学习不够系统,今年只读完一本规定书目"


@pytest.fixture
def reported(people, meeting):
    """Branch A's meeting, held with an override reason: 5 expected, 4 present, 王五
    away on business; one member's draft problem; a finalized evaluation."""
    meeting.upper_attendee = "县委组织部王科长"
    meeting.save(update_fields=["upper_attendee"])
    Attendee.objects.filter(meeting=meeting).update(present=True)
    Attendee.objects.filter(meeting=meeting, member=people["m3"]).update(
        present=False, absence_reason="外出学习"
    )
    make_draft(meeting, people["m1"], [("study", PROBLEM, "")], cause_thinking="重业务轻学习")
    meeting_hold(meeting=meeting, by=people["secretary"].user, override_reason=REASON)
    evaluation = Evaluation.objects.create(meeting=meeting, status="finalized")
    EvaluationResult.objects.create(evaluation=evaluation, member=people["m1"], grade="excellent")
    EvaluationResult.objects.create(evaluation=evaluation, member=people["m2"], grade="qualified")
    Minutes.objects.create(meeting=meeting, upper_comments="查摆问题具体,整改要有时限")
    meeting.refresh_from_db()
    return meeting


def _docx_text(content: bytes) -> tuple[str, docx.document.Document]:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts), document


@pytest.mark.parametrize("who", ["secretary", "supervisor"])
def test_the_report_page_shows_what_the_supervisor_needs(client, people, reported, who):
    user = people[who] if who == "supervisor" else people[who].user
    client.force_login(user)
    response = client.get(reverse("rectification:report", args=[reported.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "应到 5 人,实到 4 人,缺席 1 人" in body
    assert "王五(外出学习)" in body and "县委组织部王科长" in body
    assert PROBLEM in body and "重业务轻学习" in body
    assert REASON in body
    assert 'id="evaluation"' in body and "优秀" in body
    assert "整改要有时限" in body


def test_evaluation_results_stay_out_until_finalized(client, people, reported):
    Evaluation.objects.filter(meeting=reported).update(status="closed")
    client.force_login(people["secretary"].user)
    body = client.get(reverse("rectification:report", args=[reported.pk])).content.decode()
    assert 'id="evaluation"' not in body and "评议结果尚未确定" in body
    text, _doc = _docx_text(
        client.get(reverse("rectification:report-docx", args=[reported.pk])).content
    )
    assert "优秀" not in text and "评议结果尚未确定" in text


def test_the_docx_holds_attendance_problems_and_the_reason(client, people, reported):
    client.force_login(people["supervisor"])
    response = client.get(reverse("rectification:report-docx", args=[reported.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    text, document = _docx_text(response.content)
    assert "应到 5 人,实到 4 人,缺席 1 人" in text
    assert "王五(外出学习)" in text
    assert PROBLEM in text and REASON in text
    assert "A支部" in text and "优秀 1 人" in text
    fonts = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋"  # GB/T 9704: the body in 仿宋


def test_sending_the_report_reaches_the_supervisors_above_only(client, people, reported):
    client.force_login(people["secretary"].user)
    response = client.post(reverse("rectification:report-send", args=[reported.pk]))
    assert response.status_code == 302
    client.post(reverse("rectification:report-send", args=[reported.pk]))  # a retry
    reported.refresh_from_db()
    assert reported.report_sent_at is not None
    sent = Notification.objects.filter(key=f"meeting:{reported.pk}:report-sent")
    assert [n.recipient for n in sent] == [people["supervisor"]]
    assert sent.get().url == reverse("rectification:report", args=[reported.pk])
    assert "A支部" in sent.get().title


def test_the_report_is_not_sent_before_the_meeting_is_held(people, meeting):
    with pytest.raises(ValidationError) as exc:
        services.meeting_report_send(meeting=meeting, by=people["secretary"].user)
    assert "会前准备" in exc.value.messages[0]
    meeting.refresh_from_db()
    assert meeting.report_sent_at is None
    assert not Notification.objects.filter(key__endswith="report-sent").exists()


def test_a_report_with_nobody_to_receive_it_is_refused(db):
    lone = OrganizationFactory.branch(parent=OrganizationFactory.committee(name="无督导党委"))
    secretary = MemberFactory(branch=lone, position="secretary")
    meeting = MeetingFactory(branch=lone, status="held", held_at=timezone.now())
    with pytest.raises(ValidationError) as exc:
        services.meeting_report_send(meeting=meeting, by=secretary.user)
    assert "无法送达" in exc.value.messages[0]


def _fill(meeting, n: int) -> None:
    members = list(meeting.branch.members.all())
    Problem.objects.bulk_create(
        Problem(
            meeting=meeting,
            branch=meeting.branch,
            owner=members[i % len(members)],
            category=("study", "style", "duty")[i % 3],
            text=f"第{i}个问题",
            source=ProblemSource.SUPERVISOR,
        )
        for i in range(n)
    )


def test_the_report_costs_the_same_queries_for_5_and_40_problems(client, people, reported):
    other = MeetingFactory(branch=people["a"], status="held", held_at=timezone.now())
    Evaluation.objects.create(meeting=other, status="finalized")
    Minutes.objects.create(meeting=other, upper_comments="好")
    _fill(reported, 4)  # 5 with the draft's
    _fill(other, 40)
    EvaluationResult.objects.bulk_create(
        EvaluationResult(evaluation=other.evaluation, member=m, grade="qualified")
        for m in other.branch.members.all()
    )
    client.force_login(people["secretary"].user)
    for name in ("report", "report-docx"):
        counts = []
        for m in (reported, other):
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(reverse(f"rectification:{name}", args=[m.pk])).status_code == 200
            counts.append(len(ctx.captured_queries))
        assert counts[0] == counts[1], (name, counts)
