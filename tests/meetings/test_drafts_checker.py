"""The checker on the drafts pages: ``copied`` compares only with drafts handed in (submitted
or approved), the live check is throttled per member, and recycled / copied findings show
the matching passages side by side — the other text only to whoever may read it."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from meetings.choices import DraftStatus
from meetings.services.drafts import draft_approve, draft_return, draft_submit
from meetings.views.drafts import CHECK_RATE_PER_MINUTE
from tests.meetings.factories import MeetingFactory
from tests.meetings.test_drafts import COPIED, form_data, html, url, write

pytestmark = pytest.mark.django_db

# Last year's problem and this year's, the same substance in other words and numbers.
EARLIER = {
    "category": "study",
    "text": "理论学习浮于表面,参加集中学习只读原文、不谈体会,2024年学习笔记只记了6次。",
    "example": "",
}
AGAIN = {
    "category": "study",
    "text": "学习走过场,支部学习时照本宣科,没有结合社区工作谈认识,笔记今年也只记了几次。",
    "example": "",
}


@pytest.fixture
def people(draft_people):
    return draft_people


def _earlier_meeting(people):
    meeting = people["meeting"]
    return MeetingFactory(
        branch=meeting.branch, starts_at=meeting.starts_at - datetime.timedelta(days=365)
    )


def _live(client, draft, problems) -> str:
    response = client.post(url("draft-check", draft), form_data(problems=problems))
    assert response.status_code == 200
    return html(response)


# --- copied: only what others handed in ------------------------------------------------------


def test_copied_ignores_a_draft_being_written_or_revised_and_sees_it_once_handed_in(client, people):
    meeting, member, other = people["meeting"], people["member"], people["member2"]
    theirs = write(other, meeting, problems=[COPIED], submit=False)
    mine = write(member, meeting, problems=[COPIED], submit=False)
    client.force_login(member.user)
    # 李四 is still writing: nothing to probe
    assert 'data-rule="copied"' not in _live(client, mine, [COPIED])

    draft_submit(draft=theirs, by=other.user)
    assert 'data-rule="copied"' in _live(client, mine, [COPIED])

    draft_return(draft=theirs, by=people["secretary"].user, comments={"general": "请补充事例"})
    assert 'data-rule="copied"' not in _live(client, mine, [COPIED])  # being revised again

    draft_submit(draft=theirs, by=other.user)
    draft_approve(draft=theirs, by=people["secretary"].user, comments={})
    theirs.refresh_from_db()
    assert theirs.status == DraftStatus.APPROVED
    assert 'data-rule="copied"' in _live(client, mine, [COPIED])


# --- the live check is throttled per member ---------------------------------------------------


def test_the_live_check_is_throttled_per_member(client, people, local_cache):
    meeting = people["meeting"]
    mine = write(people["member"], meeting, submit=False)
    theirs = write(people["member2"], meeting, submit=False)
    allowed = int(CHECK_RATE_PER_MINUTE.split("/")[0])
    with time_machine.travel(timezone.now().replace(second=1), tick=False):
        client.force_login(people["member"].user)
        for _ in range(allowed):
            assert client.post(url("draft-check", mine), form_data()).status_code == 200
        throttled = client.post(url("draft-check", mine), form_data())
        assert throttled.status_code == 429
        body = html(throttled)
        assert "检查过于频繁" in body and "data-rule" not in body
        # saving is not throttled, and another member checks as usual
        assert client.post(url("draft-edit", mine), form_data()).status_code == 302
        client.force_login(people["member2"].user)
        assert client.post(url("draft-check", theirs), form_data()).status_code == 200


# --- evidence side by side ----------------------------------------------------------------------


def test_recycled_shows_the_members_own_earlier_problem_beside_the_new_one(client, people):
    member = people["member"]
    write(member, _earlier_meeting(people), problems=[EARLIER])
    draft = write(member, people["meeting"], problems=[AGAIN], submit=False)
    client.force_login(member.user)
    for page in (html(client.get(url("draft", draft))), _live(client, draft, [AGAIN])):
        assert 'data-rule="recycled"' in page and "finding-evidence" in page
        assert "以前查摆的问题" in page
        assert "<mark>照本宣科</mark>" in page  # the passages that match, on both sides
        assert "<mark>集中学习只读</mark>" in page and "<mark>谈体会</mark>" in page


def test_copied_never_shows_the_other_members_text_to_the_author(client, people):
    meeting, member, other = people["meeting"], people["member"], people["member2"]
    reworded = dict(COPIED, text=COPIED["text"].replace("我只在群里发通知", "我仅在微信群发了通知"))
    write(other, meeting, problems=[reworded])
    draft = write(member, meeting, problems=[COPIED], submit=False)
    client.force_login(member.user)
    for page in (html(client.get(url("draft", draft))), _live(client, draft, [COPIED])):
        assert 'data-rule="copied"' in page
        assert "finding-evidence" not in page and "微信群" not in page and "李四" not in page
        assert "<mark>" in page  # their own matching passages are marked

    draft_submit(draft=draft, by=member.user)
    client.force_login(people["secretary"].user)  # the reviewer may read both: side by side
    page = html(client.get(url("draft-review", draft)))
    assert 'data-rule="copied"' in page and "finding-evidence" in page
    assert "相似的问题" in page and "微信群" in page and "李四" in page


def test_a_reviewer_who_may_not_read_the_earlier_problem_sees_no_evidence_of_it(client, people):
    member = people["member"]
    write(member, _earlier_meeting(people), problems=[EARLIER], submit=False)  # never handed in
    draft = write(member, people["meeting"], problems=[AGAIN])
    client.force_login(people["secretary"].user)
    page = html(client.get(url("draft-review", draft)))
    assert 'data-rule="recycled"' in page
    assert "finding-evidence" not in page and "只读原文" not in page
    assert "不在您的查看范围内" in page
