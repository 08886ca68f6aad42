"""The supervisor's subtree query: who matches each condition and why, keyset pages, the
query count, who may ask, and the .xlsx export."""

from __future__ import annotations

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from meetings.choices import EvaluationStatus
from meetings.models import Attendee, Evaluation, EvaluationResult
from members.choices import Position
from records.selectors import Cursor, subtree_matches, subtree_range
from rectification.models import RectificationItem
from tests.members.factories import MemberFactory, OrganizationFactory
from tests.supervision.conftest import add_item, add_problem, held_meeting

pytestmark = pytest.mark.django_db
QUERY = reverse("records:query")
EXPORT = reverse("records:query-export")


def _rows(client, query: str) -> list[tuple[str, str]]:
    import re

    page = client.get(QUERY + "?" + query).content.decode()
    return re.findall(
        r'<tr><td>[^<]*</td><td><a href="[^"]*">([^<]*)</a></td><td>([^<]*)</td>', page
    )


def test_each_condition_finds_its_members_with_the_reason(client, people):
    a, b = people["a"], people["b"]
    m1, m2, mb = people["m1"], people["m2"], people["member_b"]
    meeting_b = held_meeting(b)
    meeting = held_meeting(a)
    add_item(add_problem(meeting, m1), deadline_in=-4)  # overdue
    old = add_item(add_problem(meeting, m2), deadline_in=30)
    RectificationItem.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=40)
    )
    signed = add_item(add_problem(meeting_b, mb), status="signed_off")
    add_item(add_problem(meeting_b, mb), recurring_of=signed, deadline_in=10)
    evaluation = Evaluation.objects.create(meeting=meeting, status=EvaluationStatus.FINALIZED)
    EvaluationResult.objects.create(
        evaluation=evaluation,
        branch_id=evaluation.meeting.branch_id,
        member=m2,
        grade="unqualified",
    )
    EvaluationResult.objects.create(
        evaluation=evaluation, branch_id=evaluation.meeting.branch_id, member=m1, grade="qualified"
    )
    Attendee.objects.filter(meeting=meeting, member=m1).update(present=False, absence_reason="")
    Attendee.objects.filter(meeting=meeting, member=m2).update(
        present=False, absence_reason="因公出差"
    )
    c = client
    c.force_login(people["supervisor"])
    assert _rows(c, "condition=overdue") == [("张三", "逾期整改事项 1 项,最长逾期 4 天")]
    rows = _rows(c, "condition=open_older&days=30")
    assert [name for name, _r in rows] == ["李四"]
    assert rows[0][1].startswith("超过 30 天未销号的整改事项 1 项")
    assert _rows(c, "condition=open_older&days=60") == []
    assert _rows(c, "condition=recurring") == [("乙党员", "屡改屡在 1 项,其中未销号 1 项")]
    rows = _rows(c, "condition=grade")
    assert [name for name, _r in rows] == ["李四"] and "不合格 1 次" in rows[0][1]
    rows = _rows(c, "condition=absent")
    assert [name for name, _r in rows] == ["张三"] and "无故缺席 1 次" in rows[0][1]
    # the supervisor of the general branch sees only branch B beneath it
    c.force_login(people["supervisor_general"])
    assert _rows(c, "condition=overdue") == []
    assert [n for n, _r in _rows(c, "condition=recurring")] == ["乙党员"]


def test_bad_input_gets_a_chinese_message(client, people):
    client.force_login(people["supervisor"])
    page = client.get(QUERY + "?condition=open_older&days=abc").content.decode()
    assert "天数请填写整数。" in page
    page = client.get(QUERY + "?condition=nonsense").content.decode()
    assert "选择一个有效的选项" in page or "Select a valid choice" in page
    # a broken cursor starts from the first page instead of failing
    assert client.get(QUERY + "?condition=overdue&after=%27%3B--").status_code == 200


@pytest.mark.parametrize(
    ("viewer", "status"),
    [
        ("m1", 404),
        ("secretary", 404),
        ("supervisor", 200),
        ("supervisor_other", 200),  # their own subtree …
    ],
)
def test_only_supervisors_may_query(client, people, viewer, status):
    who = people[viewer]
    client.force_login(getattr(who, "user", who))
    assert client.get(QUERY + "?condition=overdue").status_code == status
    assert client.get(EXPORT + "?condition=overdue").status_code == status


def test_an_organization_outside_the_subtree_is_a_404(client, people):
    client.force_login(people["supervisor_other"])  # … but not A's committee
    assert client.get(QUERY + f"?org={people['committee'].pk}&condition=overdue").status_code == 404
    assert (
        client.get(EXPORT + f"?org={people['committee'].pk}&condition=overdue").status_code == 404
    )
    client.force_login(people["supervisor_general"])  # a subtree below: not the committee
    assert client.get(QUERY + f"?org={people['committee'].pk}&condition=overdue").status_code == 404


def _many_branches(parent, n: int, per_branch: int = 3) -> None:
    for i in range(n):
        branch = OrganizationFactory.branch(parent=parent, name=f"支部{i:03d}")
        MemberFactory(branch=branch, position=Position.SECRETARY, name=f"书记{i:03d}")
        meeting = held_meeting(branch)
        for k in range(per_branch):
            member = MemberFactory(branch=branch, name=f"党员{i:03d}-{k}", user=None)
            add_item(add_problem(meeting, member), deadline_in=-1 - k)


def test_keyset_pages_cover_every_match_once_in_order(people):
    general = people["general"]
    _many_branches(general, 4)
    seen, after, pages = [], None, 0
    while True:
        page = subtree_matches(org=general, condition="overdue", after=after, limit=5)
        pages += 1
        seen += [(r.branch_name, r.member.name) for r in page.rows]
        if page.next_cursor is None:
            break
        after = page.next_cursor
        assert Cursor.decode(after.encode()) == after
    assert pages == 3
    assert len(seen) == len(set(seen)) == 12
    assert seen == sorted(seen)  # branch paths follow creation order; names too


def test_query_count_does_not_grow_with_the_subtree(client, people):
    client.force_login(people["supervisor"])
    _many_branches(people["general"], 2)
    url = QUERY + "?condition=overdue"
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert len(_rows(client, "condition=overdue")) == 6
    _many_branches(people["general"], 25)
    with CaptureQueriesContext(connection) as big:
        assert len(_rows(client, "condition=overdue")) == 50  # one page
    assert len(small) == len(big) <= 10
    # no COUNT over the subtree (the one COUNT is the inbox badge of the site's frame)
    counts = [q["sql"] for q in big.captured_queries if "COUNT(" in q["sql"]]
    assert all("GROUP BY" in sql or "notifications_notification" in sql for sql in counts)
    for condition in ("open_older", "recurring", "grade", "absent"):
        with CaptureQueriesContext(connection) as other:
            client.get(QUERY + f"?condition={condition}")
        assert len(other) <= len(big), condition  # no members to load: one fewer


def test_the_subtree_is_a_path_range(people):
    lo, hi = subtree_range(people["committee"].path)
    from members.models import Organization

    inside = set(Organization.objects.filter(path__range=(lo, hi)).values_list("pk", flat=True))
    assert inside == {people[k].pk for k in ("committee", "a", "general", "b")}


def test_xlsx_export_opens_with_the_rows_and_defuses_formulas(client, people):
    meeting = held_meeting(people["a"])
    evil = MemberFactory(branch=people["a"], name='=HYPERLINK("http://x")', user=None)
    add_item(add_problem(meeting, evil), deadline_in=-2)
    add_item(add_problem(meeting, people["m1"]), deadline_in=-9)
    client.force_login(people["supervisor"])
    response = client.get(EXPORT + "?condition=overdue")
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = [tuple(c.value for c in row) for row in ws.iter_rows()]
    assert "有逾期整改事项" in rows[0][0] and "一号党委" in rows[0][0]  # the title row
    assert rows[1] == ("序号", "党支部", "姓名", "原因")
    assert ws.print_title_rows == "$2:$2" and ws.freeze_panes == "A3"
    body = rows[2:]
    assert len(body) == 2
    names = {r[2] for r in body}
    assert names == {"张三", '=HYPERLINK("http://x")'}  # the value itself, stored as text
    assert all(cell.data_type != "f" for row in ws.iter_rows() for cell in row)
    assert ("A支部", "张三", "逾期整改事项 1 项,最长逾期 9 天") in {r[1:] for r in body}
