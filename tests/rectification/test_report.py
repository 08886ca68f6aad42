"""The report upward (上报): the print page and the .docx show attendance, the problems,
the evaluation once finalized and the readiness override reason; sending it reaches the
supervisors above the branch, and nobody else."""

from __future__ import annotations

import io
import re

import docx
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from docx.oxml.ns import qn

from meetings.models import Attendee, Evaluation, EvaluationResult, Minutes
from notifications.models import Notification
from rectification.choices import ProblemSource
from rectification.models import Problem
from rectification.services import lifecycle
from rectification.services.lifecycle import meeting_hold
from tests.meetings.factories import DraftFactory, MeetingFactory
from tests.members.factories import MemberFactory, OrganizationFactory

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
    DraftFactory(
        meeting=meeting,
        author=people["m1"],
        problems=[("study", PROBLEM, "")],
        cause_thinking="重业务轻学习",
    )
    meeting_hold(meeting=meeting, by=people["secretary"].user, override_reason=REASON)
    evaluation = Evaluation.objects.create(meeting=meeting, status="finalized")
    EvaluationResult.objects.create(
        evaluation=evaluation,
        branch_id=evaluation.meeting.branch_id,
        member=people["m1"],
        grade="excellent",
    )
    EvaluationResult.objects.create(
        evaluation=evaluation,
        branch_id=evaluation.meeting.branch_id,
        member=people["m2"],
        grade="qualified",
    )
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
        lifecycle.meeting_report_send(meeting=meeting, by=people["secretary"].user)
    assert "会前准备" in exc.value.messages[0]
    meeting.refresh_from_db()
    assert meeting.report_sent_at is None
    assert not Notification.objects.filter(key__endswith="report-sent").exists()


def test_a_report_with_nobody_to_receive_it_is_refused(db):
    lone = OrganizationFactory.branch(parent=OrganizationFactory.committee(name="无督导党委"))
    secretary = MemberFactory(branch=lone, position="secretary")
    meeting = MeetingFactory(branch=lone, status="held", held_at=timezone.now())
    with pytest.raises(ValidationError) as exc:
        lifecycle.meeting_report_send(meeting=meeting, by=secretary.user)
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
        EvaluationResult(
            evaluation=other.evaluation, branch=other.branch, member=m, grade="qualified"
        )
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


# --- 公文 layout (GB/T 9704-2012), read back and rendered --------------------------------------


def test_the_docx_is_laid_out_as_a_gongwen(client, people, reported):
    from docx.shared import Pt

    client.force_login(people["secretary"].user)
    content = client.get(reverse("rectification:report-docx", args=[reported.pk])).content
    document = docx.Document(io.BytesIO(content))
    section = document.sections[0]
    mm = [
        round(x.mm, 1)
        for x in (
            section.page_width,
            section.page_height,
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    ]
    assert mm == [210, 297, 37, 35, 28, 26]  # A4; margins top, bottom, left, right
    normal, title = document.styles["Normal"], document.styles["Title"]
    assert normal.font.size == Pt(16) and title.font.size == Pt(22)  # 3号 body, 2号 title
    east_asian = title.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))
    assert east_asian == "方正小标宋简体"
    # the fallback chain is named in the font table: 仿宋 → FangSong → … → Noto Serif CJK SC
    fonts = _font_table(content)
    assert fonts["仿宋"] == "FangSong" and fonts["仿宋_GB2312"] == "Noto Serif CJK SC"
    assert fonts["方正小标宋简体"] == "华文中宋"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "一、基本情况" in text and "二、查摆问题" in text and "三、民主评议党员" in text
    assert "(一)" in text  # the second level
    footer = section.footer.paragraphs[0]
    assert footer.alignment == 2 and "PAGE" in footer._p.xml  # right: the outer corner, odd pages
    assert section.even_page_footer.paragraphs[0].alignment == 0  # left on even pages
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"  # 22 lines in 225 mm


def _font_table(content: bytes) -> dict[str, str | None]:
    import zipfile

    from lxml import etree

    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(content)).read("word/fontTable.xml"))
    out = {}
    for font in root.findall(qn("w:font")):
        alt = font.find(qn("w:altName"))
        out[font.get(qn("w:name"))] = alt.get(qn("w:val")) if alt is not None else None
    return out


@pytest.mark.office
def test_the_report_prints_on_a4_inside_the_margins_with_page_numbers(
    client, people, reported, tmp_path
):
    from tests.documents.render import MM, squash, to_pdf

    client.force_login(people["secretary"].user)
    content = client.get(reverse("rectification:report-docx", args=[reported.pk])).content
    pdf = to_pdf(content, ".docx", tmp_path)
    assert (round(pdf.size[0]), round(pdf.size[1])) == (595, 842)  # A4 portrait
    assert re.search(r"—\s*1\s*—", pdf.pages[0])  # "— 1 —"
    below = (297 - 35) * MM  # the bottom edge of the type area
    words = [w for w in pdf.words(1) if w[1] < below]
    assert min(w[0] for w in words) >= 28 * MM - 1  # left margin 28 mm
    assert max(w[2] for w in words) <= (210 - 26) * MM + 1  # right margin 26 mm
    assert min(w[1] for w in words) >= 37 * MM - 3  # top margin 37 mm (less the ascent)
    number = [w for w in pdf.words(1) if w[1] > below]
    assert "1" in "".join(w[4] for w in number)
    assert min(w[0] for w in number) > 150 * MM  # the page number: bottom, outer (right) corner
    assert min(w[1] for w in number) >= below + 7 * MM - 3  # 7 mm below the type area
    assert "A支部" in squash(pdf.text) and "应到5人" in squash(pdf.text)


def test_the_print_page_shows_what_the_docx_shows(client, people, reported):
    import html as htmlmod

    client.force_login(people["secretary"].user)
    page = client.get(reverse("rectification:report", args=[reported.pk])).content.decode()
    article = page[page.index('<article class="mx-auto page-w-48" id="report">') :]
    shown = re.sub(r"\s+", "", htmlmod.unescape(re.sub(r"<[^>]+>", "", article)))
    text, _doc = _docx_text(
        client.get(reverse("rectification:report-docx", args=[reported.pk])).content
    )
    lines = [re.sub(r"\s+", "", line) for line in text.splitlines() if line.strip()]
    assert len(lines) > 10
    missing = [line for line in lines if line not in shown]
    assert missing == []
