"""对照检查材料 through the browser: the round trip (write → live findings → submit → review
with the diff → return with comments → revise → approve), the committee draft reviewed
above, illegal moves, versions, the .docx export, the checker's findings on each side, the
written statement, and the drafts list's query count."""

from __future__ import annotations

import datetime
import io

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.choices import DraftStatus
from meetings.models import Draft, DraftComment, DraftMeasure, DraftProblem, DraftVersion
from meetings.selectors.drafts import draft_diff
from meetings.services.drafts import draft_approve, draft_save, draft_start, draft_submit
from tests.meetings.factories import MeetingFactory
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db

PROBLEM = {
    "category": "study",
    "text": "理论学习不够深入",
    "example": "2025年10月支部集中学习《习近平谈治国理政》第四卷时,我两次请假,事后也没有补学。",
}
MEASURE = {"problem": 1, "text": "进一步加强理论学习", "deadline": datetime.date(2026, 6, 30)}
TEXTS = {
    "gains": "学习后我认识到差距。",
    "cause_thinking": "理想信念有所松懈。",
    "direction": "努力做一名合格党员。",
}


@pytest.fixture
def people(draft_people):
    return draft_people


def form_data(
    *,
    problems=(PROBLEM,),
    measures=(MEASURE,),
    texts=None,
    written_statement=False,
    action=None,
    extra=2,
) -> dict[str, str]:
    """The edit page's POST data: the rows given, then ``extra`` blank rows on each list."""
    data: dict[str, str] = {}
    for name, value in (texts if texts is not None else TEXTS).items():
        data[name] = value
    if written_statement:
        data["written_statement"] = "on"
    for prefix, rows, fields in (
        ("problems", problems, ("category", "text", "example")),
        ("measures", measures, ("problem", "text", "deadline")),
    ):
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows) + extra)
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
        for i, row in enumerate(rows):
            for f in fields:
                value = row.get(f)
                data[f"{prefix}-{i}-{f}"] = "" if value is None else str(value)
    if action:
        data["action"] = action
    return data


def write(member, meeting, *, committee=False, submit=True, problems=(PROBLEM,), **kw) -> Draft:
    """A draft written (and by default submitted) through the services."""
    draft = draft_start(meeting=meeting, member=member, committee=committee)
    draft_save(
        draft=draft,
        by=member.user,
        texts=kw.get("texts", TEXTS),
        problems=list(problems),
        measures=list(kw.get("measures", [MEASURE])),
        written_statement=kw.get("written_statement", False),
    )
    if submit:
        draft = draft_submit(draft=draft, by=member.user)
    draft.refresh_from_db()
    return draft


def url(name: str, draft_or_meeting) -> str:
    return reverse(f"meetings:{name}", args=[draft_or_meeting.pk])


def html(response) -> str:
    return response.content.decode()


# --- the round trip ------------------------------------------------------------------------


def test_round_trip_through_the_pages(client, people):
    meeting, member, secretary = people["meeting"], people["member"], people["secretary"]

    # The member starts a draft from the meeting's drafts page and lands on the edit page.
    client.force_login(member.user)
    assert "开始撰写" in html(client.get(url("drafts", meeting)))
    response = client.post(url("draft-start", meeting))
    draft = Draft.objects.get(meeting=meeting, author=member)
    assert response.status_code == 302 and response.url == url("draft-edit", draft)
    page = html(client.get(response.url))
    # The edit form posts to the check endpoint while typing, into #findings, without reload.
    assert f'hx-post="{url("draft-check", draft)}"' in page
    assert 'hx-trigger="input changed delay:600ms"' in page
    assert 'hx-target="#findings"' in page and 'id="findings"' in page
    assert "js/drafts.js" in page and "<script>" not in page

    # As typed: a vague measure is flagged, with the span marked and advice — nothing saved.
    fragment = html(client.post(url("draft-check", draft), form_data()))
    assert 'data-rule="vague"' in fragment
    assert "<mark>进一步</mark>加强理论学习" in fragment
    assert "弹性表述" in fragment and "建议" in fragment
    assert not DraftProblem.objects.exists() and not DraftMeasure.objects.exists()
    assert "<html" not in fragment  # a fragment, not a page

    # Save and submit in one go.
    response = client.post(url("draft-edit", draft), form_data(action="submit"), follow=True)
    assert response.redirect_chain[-1][0] == url("draft", draft)
    assert "已提交第 1 稿,等待支部书记审核。" in html(response)
    draft.refresh_from_db()
    assert (draft.status, draft.version) == (DraftStatus.SUBMITTED, 1)
    assert list(draft.problems.values_list("text", flat=True)) == [PROBLEM["text"]]
    assert draft.measures.get().problem == draft.problems.get()

    # The secretary reviews v1: everything is new (inserted), nothing deleted.
    client.force_login(secretary.user)
    listing = html(client.get(url("drafts", meeting)))
    assert url("draft-review", draft) in listing
    review = client.get(url("draft-review", draft))
    page = html(review)
    assert "第 1 稿:全部为新内容" in page
    assert f"<ins>{TEXTS['gains']}</ins>" in page
    assert all(p.changed and "<del>" not in p.html for p in review.context["parts"] if p.html)
    assert 'id="review-form"' in page
    assert 'data-rule="vague"' in page  # the checker's findings when the reviewer opens it

    # …and returns it with a comment on 查摆问题.
    response = client.post(
        url("draft-review", draft),
        {"decision": "return", "problems": "第1个问题的事例要写清楚造成了什么影响。"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == DraftStatus.RETURNED
    comment = DraftComment.objects.get()
    assert (comment.part, comment.version) == ("problems", 1)

    # The member sees the comment, under its part, on the draft page and while editing.
    client.force_login(member.user)
    page = html(client.get(url("draft", draft)))
    assert "退回修改" in page
    reviews = page.split('id="reviews"')[1]
    assert "查摆问题" in reviews and "第1个问题的事例要写清楚造成了什么影响。" in reviews
    edit = html(client.get(url("draft-edit", draft)))
    assert 'data-comment-part="problems"' in edit and "造成了什么影响" in edit

    # The member revises (one word added, one removed, a measure made concrete) and resubmits.
    revised = dict(TEXTS, gains="学习后我深刻认识到差距。", direction="做一名合格党员。")
    measure = dict(MEASURE, text="进一步加强理论学习,6月底前读完第四卷")
    response = client.post(
        url("draft-edit", draft),
        form_data(texts=revised, measures=[measure], action="submit"),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.version) == (DraftStatus.SUBMITTED, 2)

    # The secretary sees exactly what changed since v1.
    client.force_login(secretary.user)
    response = client.get(url("draft-review", draft))
    page = html(response)
    assert "第 2 稿与第 1 稿的对比" in page
    diffs = {p.part: p for p in response.context["parts"]}
    assert diffs["gains"].html == "学习后我<ins>深刻</ins>认识到差距。"
    assert diffs["direction"].html == "<del>努力</del>做一名合格党员。"
    assert "<ins>,6月底前读完第四卷</ins>" in diffs["measures"].html
    assert {p for p, d in diffs.items() if d.changed} == {"gains", "direction", "measures"}
    assert "学习后我<ins>深刻</ins>认识到差距。" in page

    # …and approves.
    response = client.post(url("draft-review", draft), {"decision": "approve"}, follow=True)
    assert "已通过该材料。" in html(response)
    draft.refresh_from_db()
    assert draft.status == DraftStatus.APPROVED and draft.approved_by == secretary.user
    client.force_login(member.user)
    assert "审核通过" in html(client.get(url("draft", draft)))


def test_the_edit_page_adds_problems_and_measures_without_js(client, people):
    member = people["member"]
    draft = write(member, people["meeting"], submit=False)
    client.force_login(member.user)
    response = client.get(url("draft-edit", draft))
    forms = response.context["forms"]
    # the saved row plus two blank rows on each list
    assert forms.problems.total_form_count() == 3 and forms.measures.total_form_count() == 3
    # Fill a blank problem row; leave the other blank (ignored); tie a new measure to it.
    second = {"category": "style", "text": "调研不够", "example": "今年只下过1次社区"}
    new_measure = {"problem": 2, "text": "每月下社区调研1次", "deadline": "2026-12-31"}
    data = form_data(problems=[PROBLEM, second], measures=[MEASURE, new_measure])
    response = client.post(url("draft-edit", draft), data)
    assert response.status_code == 302
    assert list(draft.problems.values_list("text", flat=True)) == [PROBLEM["text"], "调研不够"]
    measure = draft.measures.get(order=2)
    assert measure.problem.text == "调研不够"
    assert measure.deadline == datetime.date(2026, 12, 31)


def test_a_half_filled_row_is_an_error_and_nothing_is_saved(client, people):
    member = people["member"]
    draft = write(member, people["meeting"], submit=False)
    client.force_login(member.user)
    data = form_data(problems=[PROBLEM, {"category": "", "text": "", "example": "只写了事例"}])
    response = client.post(url("draft-edit", draft), data)
    assert response.status_code == 200
    page = html(response)
    assert "请写明问题,或清空这一行。" in page and "尚未保存" in page
    assert draft.problems.count() == 1
    # the findings still show, for what was typed
    assert 'data-rule="vague"' in page


# --- the committee draft, reviewed above ----------------------------------------------------


def test_committee_draft_is_reviewed_by_the_supervisor_above(client, people):
    meeting, secretary = people["meeting"], people["secretary"]
    client.force_login(secretary.user)
    response = client.post(url("draft-start", meeting), {"committee": "1"})
    draft = Draft.objects.get(meeting=meeting, is_committee=True)
    assert response.url == url("draft-edit", draft)
    response = client.post(url("draft-edit", draft), form_data(action="submit"), follow=True)
    assert "等待上级党组织审核" in html(response)

    # The secretary wrote it: no decision form, and approving it is refused.
    page = html(client.get(url("draft-review", draft)))
    assert 'id="review-form"' not in page
    assert client.post(url("draft-review", draft), {"decision": "approve"}).status_code == 403
    draft.refresh_from_db()
    assert draft.status == DraftStatus.SUBMITTED

    # Another committee's supervisor, and a supervisor of a sibling subtree: 404.
    for who in ("supervisor_other", "supervisor_general"):
        client.force_login(people[who].user)
        assert client.get(url("draft-review", draft)).status_code == 404
        assert client.post(url("draft-review", draft), {"decision": "approve"}).status_code == 404

    # The supervisor above sees it on the meeting's drafts page, reviews and approves it.
    client.force_login(people["supervisor"].user)
    listing = html(client.get(url("drafts", meeting)))
    assert 'id="supervised-drafts"' in listing and url("draft-review", draft) in listing
    page = html(client.get(url("draft-review", draft)))
    assert 'id="review-form"' in page and "上级党组织审核人" in page
    response = client.post(
        url("draft-review", draft), {"decision": "approve", "general": "同意。"}, follow=True
    )
    assert "已通过该材料。" in html(response)
    draft.refresh_from_db()
    assert draft.status == DraftStatus.APPROVED
    assert draft.approved_by == people["supervisor"].user
    assert DraftComment.objects.get(draft=draft).part == "general"


def test_the_secretarys_own_draft_is_reviewed_above_not_by_the_secretary(client, people):
    draft = write(people["secretary"], people["meeting"])
    client.force_login(people["secretary"].user)
    assert 'id="review-form"' not in html(client.get(url("draft-review", draft)))
    client.force_login(people["supervisor"].user)
    assert 'id="review-form"' in html(client.get(url("draft-review", draft)))


# --- illegal moves --------------------------------------------------------------------------


def test_submitting_an_approved_draft_is_refused(client, people):
    member = people["member"]
    draft = write(member, people["meeting"])
    draft_approve(draft=draft, by=people["secretary"].user)
    client.force_login(member.user)
    response = client.post(url("draft-submit", draft), follow=True)
    assert "材料当前为“已通过”,不能提交。" in html(response)
    draft.refresh_from_db()
    assert (draft.status, draft.version) == (DraftStatus.APPROVED, 1)


def test_editing_a_submitted_draft_is_refused(client, people):
    member = people["member"]
    draft = write(member, people["meeting"])
    client.force_login(member.user)
    response = client.get(url("draft-edit", draft), follow=True)
    assert response.redirect_chain[-1][0] == url("draft", draft)
    assert "材料当前为“已提交”,不能修改。" in html(response)
    changed = form_data(texts=dict(TEXTS, gains="偷偷改一下"))
    response = client.post(url("draft-edit", draft), changed)
    assert response.status_code == 200
    assert "材料当前为“已提交”,不能修改。" in html(response)
    draft.refresh_from_db()
    assert draft.gains == TEXTS["gains"]


def test_returning_without_a_comment_is_refused(client, people):
    draft = write(people["member"], people["meeting"])
    client.force_login(people["secretary"].user)
    response = client.post(url("draft-review", draft), {"decision": "return", "gains": "  "})
    assert response.status_code == 200
    assert "退回修改时请至少写一条意见。" in html(response)
    draft.refresh_from_db()
    assert draft.status == DraftStatus.SUBMITTED and not DraftComment.objects.exists()


def test_submitting_without_problems_is_refused_but_the_text_is_saved(client, people):
    member = people["member"]
    draft = draft_start(meeting=people["meeting"], member=member)
    client.force_login(member.user)
    data = form_data(problems=[], measures=[], action="submit")
    response = client.post(url("draft-edit", draft), data, follow=True)
    assert "已保存,但未能提交:请至少查摆一个问题后再提交。" in html(response)
    draft.refresh_from_db()
    assert draft.status == DraftStatus.WRITING and draft.gains == TEXTS["gains"]


# --- versions ---------------------------------------------------------------------------------


def test_each_submission_is_a_version_and_the_diff_is_between_the_last_two(people):
    member, secretary = people["member"], people["secretary"]
    draft = write(member, people["meeting"])
    from meetings.services.drafts import draft_return

    draft_return(draft=draft, by=secretary.user, comments={"gains": "再具体些"})
    draft_save(
        draft=draft,
        by=member.user,
        texts=dict(TEXTS, gains="学习后我认识到了三点差距。"),
        problems=[PROBLEM],
        measures=[MEASURE],
    )
    draft_submit(draft=draft, by=member.user)
    versions = list(DraftVersion.objects.filter(draft=draft).order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].snapshot["texts"]["gains"] == TEXTS["gains"]
    assert versions[1].snapshot["texts"]["gains"] == "学习后我认识到了三点差距。"
    previous, parts = draft_diff(draft=draft)
    assert previous == 1
    gains = next(p for p in parts if p.part == "gains")
    assert gains.html == "学习后我认识到<ins>了三点</ins>差距。"


# --- export ---------------------------------------------------------------------------------


def test_docx_export_opens_and_holds_the_draft(client, people):
    member = people["member"]
    draft = write(member, people["meeting"])
    client.force_login(member.user)
    response = client.get(url("draft-docx", draft))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert "attachment" in response["Content-Disposition"]
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "个人对照检查材料" in text
    assert "张三" in text and "A支部" in text
    for heading in ("一、学习收获", "二、查摆问题", "三、剖析根源", "四、整改措施", "五、努力方向"):
        assert heading in text
    assert PROBLEM["text"] in text and PROBLEM["example"] in text
    assert "理论学习" in text  # the category
    assert "完成时限:2026年6月30日" in text
    assert "书面发言" not in text
    from docx.oxml.ns import qn

    rfonts = document.styles["Normal"].element.rPr.rFonts
    assert rfonts.get(qn("w:eastAsia")) == "仿宋"  # GB/T 9704: the body in 仿宋


def test_print_page(client, people):
    member = people["member"]
    draft = write(member, people["meeting"])
    client.force_login(member.user)
    page = html(client.get(url("draft-print", draft)))
    assert "个人对照检查材料" in page and "张三" in page and "A支部" in page
    assert PROBLEM["example"] in page and "五、努力方向" in page


# --- the checker's findings, on each side ------------------------------------------------------

COPIED = {
    "category": "masses",
    "text": "在幸福里社区疫苗接种动员中,我只在群里发通知,没有逐户上门宣传,接种率排名靠后。",
    "example": "",
}


def test_copied_problem_names_the_other_member_only_to_the_reviewer(client, people):
    meeting, member, other = people["meeting"], people["member"], people["member2"]
    write(other, meeting, problems=[COPIED])  # 李四 submitted first
    draft = write(member, meeting, problems=[COPIED], submit=False)

    client.force_login(member.user)
    # while typing …
    fragment = html(client.post(url("draft-check", draft), form_data(problems=[COPIED])))
    assert 'data-rule="copied"' in fragment and "李四" not in fragment
    # … and on the author's page
    page = html(client.get(url("draft", draft)))
    assert 'data-rule="copied"' in page
    assert "另一名党员" in page and "李四" not in page
    draft_submit(draft=draft, by=member.user)
    page = html(client.get(url("draft-review", draft)))  # the author's read-only view
    assert 'data-rule="copied"' in page and "李四" not in page

    client.force_login(people["secretary"].user)
    page = html(client.get(url("draft-review", draft)))
    assert 'data-rule="copied"' in page and "与李四的问题" in page


def test_a_draft_not_yet_handed_in_is_compared_with_nobody(client, people):
    meeting, member, other = people["meeting"], people["member"], people["member2"]
    write(other, meeting, problems=[COPIED], submit=False)  # 李四 has not submitted
    draft = write(member, meeting, problems=[COPIED])
    client.force_login(people["secretary"].user)
    page = html(client.get(url("draft-review", draft)))
    assert 'data-rule="copied"' not in page and "李四" not in page


def test_boilerplate_and_no_deadline_findings_show_on_the_author_page(client, people):
    member = people["member"]
    bare = {"category": "study", "text": "理论学习不够深入", "example": ""}
    draft = write(
        member,
        people["meeting"],
        problems=[bare],
        measures=[{"problem": 1, "text": "认真学习党章", "deadline": None}],
        submit=False,
    )
    client.force_login(member.user)
    page = html(client.get(url("draft", draft)))
    assert 'data-rule="boilerplate"' in page and "<mark>理论学习不够深入</mark>" in page
    assert 'data-rule="no_deadline"' in page and "没有明确完成时限" in page


# --- written statement --------------------------------------------------------------------------


def test_written_statement_shows_to_author_reviewer_and_in_the_docx(client, people):
    member = people["member"]
    draft = draft_start(meeting=people["meeting"], member=member)
    client.force_login(member.user)
    data = form_data(written_statement=True, action="submit")
    assert client.post(url("draft-edit", draft), data).status_code == 302
    draft.refresh_from_db()
    assert draft.written_statement
    assert 'id="written-statement"' in html(client.get(url("draft", draft)))
    document = docx.Document(io.BytesIO(client.get(url("draft-docx", draft)).content))
    assert "(书面发言)" in "\n".join(p.text for p in document.paragraphs)
    client.force_login(people["secretary"].user)
    assert 'id="written-statement"' in html(client.get(url("draft-review", draft)))


# --- the meeting's drafts list ------------------------------------------------------------------


def test_secretary_list_shows_every_attendee_status_only(client, people):
    meeting, secretary = people["meeting"], people["secretary"]
    submitted = write(people["member"], meeting)
    writing = write(people["member2"], meeting, submit=False)
    client.force_login(secretary.user)
    response = client.get(url("drafts", meeting))
    rows = {row.member.name: row for row in response.context["rows"]}
    assert set(rows) == {"甲书记", "甲委员", "张三", "李四"}
    assert rows["张三"].status_label == "已提交" and rows["张三"].draft == submitted
    assert rows["李四"].status_label == "撰写中" and rows["李四"].draft is None
    assert rows["甲委员"].status_label == "未开始"
    page = html(response)
    assert url("draft-review", submitted) in page
    assert url("draft-review", writing) not in page and url("draft", writing) not in page
    assert PROBLEM["text"] not in page  # names and statuses only


def _drafts_list_queries(client, org, size: int) -> int:
    secretary = MemberFactory(branch=org, position="secretary")
    members = [MemberFactory(branch=org) for _ in range(size - 1)]
    meeting = MeetingFactory(branch=org)
    for m in members[:3]:
        write(m, meeting)
    write(members[3], meeting, submit=False)
    write(secretary, meeting, committee=True, submit=False)
    client.force_login(secretary.user)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url("drafts", meeting))
    assert response.status_code == 200
    assert len(response.context["rows"]) == size
    return len(ctx.captured_queries)


def test_drafts_list_costs_the_same_queries_for_5_and_30_members(client, org_tree):
    small = _drafts_list_queries(client, org_tree["a"], 5)
    large = _drafts_list_queries(client, org_tree["b"], 30)
    assert small == large


def test_recycled_problem_quotes_the_earlier_one_only_if_the_reviewer_may_read_it(client, people):
    member, secretary = people["member"], people["secretary"]
    earlier_meeting = MeetingFactory(
        branch=people["meeting"].branch,
        starts_at=people["meeting"].starts_at - datetime.timedelta(days=365),
    )
    earlier = dict(COPIED, text="去年" + COPIED["text"])
    old = write(member, earlier_meeting, problems=[earlier], submit=False)
    draft = write(member, people["meeting"], problems=[COPIED])

    client.force_login(member.user)  # the member is reminded of their own earlier problem
    page = html(client.get(url("draft", draft)))
    assert 'data-rule="recycled"' in page and "去年在幸福里" in page

    client.force_login(secretary.user)  # the earlier draft was never submitted: no quote
    page = html(client.get(url("draft-review", draft)))
    assert 'data-rule="recycled"' in page and "去年在幸福里" not in page

    draft_submit(draft=old, by=member.user)  # once the secretary may read it, it is quoted
    page = html(client.get(url("draft-review", draft)))
    assert 'data-rule="recycled"' in page and "去年在幸福里" in page


def test_supervisor_reviewing_the_committee_draft_is_not_shown_a_members_problem(client, people):
    meeting = people["meeting"]
    write(people["member2"], meeting, problems=[COPIED])  # submitted: the secretary's to read
    committee = write(people["secretary"], meeting, committee=True, problems=[COPIED])
    client.force_login(people["supervisor"].user)
    page = html(client.get(url("draft-review", committee)))
    assert 'data-rule="copied"' in page
    assert "李四" not in page and "不在您的查看范围内" in page


@pytest.mark.office
def test_the_draft_docx_prints_as_a_gongwen(client, people, tmp_path):
    from tests.documents.render import squash, to_pdf

    member = people["member"]
    draft = write(member, people["meeting"])
    client.force_login(member.user)
    content = client.get(url("draft-docx", draft)).content
    document = docx.Document(io.BytesIO(content))
    assert [
        round(x.mm) for x in (document.sections[0].page_width, document.sections[0].top_margin)
    ] == [210, 37]
    pdf = to_pdf(content, ".docx", tmp_path)
    assert (round(pdf.size[0]), round(pdf.size[1])) == (595, 842)
    text = squash(pdf.text)
    for part in ("个人对照检查材料", "一、学习收获", "二、查摆问题", "五、努力方向", "张三"):
        assert part in text
    assert squash(PROBLEM["example"]) in text


# --- the reviewer holds the draft against the author's last one ------------------------------------


def _earlier(meeting, days: int):
    return MeetingFactory(
        branch=meeting.branch, starts_at=meeting.starts_at - datetime.timedelta(days=days)
    )


def _problem(text: str) -> dict:
    return {"category": "work", "text": text, "example": ""}


def test_the_reviewer_sees_what_the_author_listed_at_their_last_meeting(client, people):
    member, secretary, meeting = people["member"], people["secretary"], people["meeting"]
    write(member, _earlier(meeting, 730), problems=[_problem("前年的问题:值班时擅自离岗两小时")])
    last = _earlier(meeting, 365)
    write(
        member, last, problems=[_problem("去年的问题:来文办理拖了三周"), _problem("去年的第二条")]
    )
    write(people["member2"], last, problems=[_problem("别人去年的问题")])
    draft = write(member, meeting)

    client.force_login(secretary.user)
    page = html(client.get(url("draft-review", draft)))
    assert 'id="last-time"' in page and "该党员上次查摆的问题" in page
    assert page.index("去年的问题:来文办理拖了三周") < page.index("去年的第二条")
    assert last.starts_at.strftime("%Y年") in page
    assert "前年的问题" not in page and "别人去年的问题" not in page  # the latest, and only theirs

    client.force_login(member.user)  # the author's read-only view of the page: no such panel
    assert 'id="last-time"' not in html(client.get(url("draft-review", draft)))


def test_a_draft_never_handed_in_last_time_is_not_shown(client, people):
    member, meeting = people["member"], people["meeting"]
    write(member, _earlier(meeting, 365), problems=[_problem("没交的稿子")], submit=False)
    draft = write(member, meeting)
    client.force_login(people["secretary"].user)
    page = html(client.get(url("draft-review", draft)))
    assert 'id="last-time"' not in page and "没交的稿子" not in page


def test_the_supervisor_sees_the_committees_last_problems_on_its_draft(client, people):
    secretary, meeting = people["secretary"], people["meeting"]
    write(secretary, _earlier(meeting, 365), committee=True, problems=[_problem("班子去年的问题")])
    committee = write(secretary, meeting, committee=True)
    client.force_login(people["supervisor"].user)
    page = html(client.get(url("draft-review", committee)))
    assert "班子上次查摆的问题" in page and "班子去年的问题" in page


def _review_queries(client, people, member, earlier: int, days: int) -> int:
    meeting = people["meeting"]
    texts = [_problem(f"去年的第{n}条:会议记录漏记了{n}处") for n in range(earlier)]
    write(member, _earlier(meeting, days), problems=texts)
    # this year's problem shares nothing with them or with the other member's: no recycled or
    # copied finding adds its query
    now = _problem(("春节值班时擅自离岗两小时", "接访群众时态度生硬被投诉")[earlier > 1])
    draft = write(member, meeting, problems=[now])
    client.force_login(people["secretary"].user)
    with CaptureQueriesContext(connection) as ctx:
        page = html(client.get(url("draft-review", draft)))
    assert page.count("会议记录漏记了") == earlier
    return len(ctx.captured_queries)


def test_the_last_time_panel_costs_the_same_queries_for_1_and_10_problems(client, people):
    one = _review_queries(client, people, people["member"], 1, 365)
    ten = _review_queries(client, people, people["member2"], 10, 300)
    assert one == ten


def test_an_earlier_problem_is_dated_by_the_local_day_of_its_meeting(client, people):
    """20:00 UTC on 3 December is 04:00 on 4 December in Beijing: the day people know it by."""
    member, meeting = people["member"], people["meeting"]
    earlier = MeetingFactory(
        branch=meeting.branch,
        starts_at=datetime.datetime(2025, 12, 3, 20, 0, tzinfo=datetime.UTC),
    )
    write(member, earlier, problems=[dict(COPIED, text="去年" + COPIED["text"])])
    draft = write(member, meeting, problems=[COPIED])
    client.force_login(member.user)
    page = html(client.get(url("draft", draft)))
    assert 'data-rule="recycled"' in page and "2025年12月4日" in page
    assert "2025年12月3日" not in page
    client.force_login(people["secretary"].user)
    assert "2025年12月4日的组织生活会" in html(client.get(url("draft-review", draft)))
