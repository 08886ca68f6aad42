"""组织关系转接: a member moves to another branch and their record follows them — the
meetings, drafts, problems, items, grades and talks of the earlier branch stay in it — and who
may see it after the move. Also: committee items the member leads (牵头) are in the record."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from members.models import Member, MemberTransfer
from members.services import member_transfer
from records.selectors import member_record, subtree_matches
from tests.members.factories import MemberFactory
from tests.records.conftest import give_history
from tests.supervision.conftest import add_item, add_problem, held_meeting

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 6, 1)


def _url(member) -> str:
    return reverse("records:member", args=[member.pk])


def _move(people, who="m1", to="c", by=None):
    """Give ``who`` two meetings of history in A, then transfer them to ``to``."""
    member = people[who]
    give_history(member, 2, peer=people["m2"], secretary=people["secretary"])
    transfer = member_transfer(
        member=member, to_branch=people[to], transferred_on=ON, by=by or people["secretary"].user
    )
    return member, transfer


# --- the service -------------------------------------------------------------------------------


def test_a_transfer_closes_the_old_row_and_opens_one_in_the_new_branch(people):
    m1 = people["m1"]
    account = m1.user
    m1.position = "publicity"
    m1.save()
    transfer = member_transfer(
        member=m1, to_branch=people["c"], transferred_on=ON, by=people["secretary"].user
    )
    old = Member.objects.get(pk=m1.pk)
    new = transfer.member
    assert not old.is_active and old.user_id is None and old.branch == people["a"]
    assert new.is_active and new.user == account and new.branch == people["c"]
    assert new.name == "张三" and new.position == "" and new.origin_id == old.pk
    assert (transfer.from_branch, transfer.to_branch, transfer.transferred_on) == (
        people["a"],
        people["c"],
        ON,
    )
    # a retry changes nothing
    again = member_transfer(member=old, to_branch=people["c"], by=people["secretary"].user)
    assert again.pk == transfer.pk and MemberTransfer.objects.count() == 1
    # the old row cannot move elsewhere any more; a second move starts from the new row
    with pytest.raises(ValidationError):
        member_transfer(member=old, to_branch=people["b"], by=people["secretary"].user)
    second = member_transfer(member=new, to_branch=people["b"], by=people["supervisor_other"])
    assert second.member.origin_id == old.pk  # every later row points at the first


def test_who_may_transfer_and_what_is_refused(people):
    m1, m2 = people["m1"], people["m2"]
    for outsider in (people["m2"].user, people["secretary_c"].user, people["supervisor_general"]):
        with pytest.raises(PermissionDenied):
            member_transfer(member=m1, to_branch=people["c"], by=outsider)
    with pytest.raises(ValidationError):
        member_transfer(member=m1, to_branch=people["a"], by=people["secretary"].user)
    with pytest.raises(ValidationError):
        member_transfer(member=m1, to_branch=people["general"], by=people["supervisor"])
    m2.is_active = False
    m2.save()
    with pytest.raises(ValidationError):
        member_transfer(member=m2, to_branch=people["c"], by=people["supervisor"])
    assert not MemberTransfer.objects.exists()
    member_transfer(member=m1, to_branch=people["c"], by=people["supervisor"])  # above A


def test_admin_records_a_transfer_through_the_service(client, people, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="pw-for-tests-2026")
    client.force_login(admin)
    add = reverse("admin:members_membertransfer_add")
    data = {
        "earlier": people["m1"].pk,
        "to_branch": people["a"].pk,
        "transferred_on": "2026-06-01",
        "note": "",
    }
    page = client.post(add, data).content.decode()
    assert "转入党支部与所在党支部相同。" in page
    response = client.post(add, {**data, "to_branch": people["c"].pk})
    assert response.status_code == 302
    transfer = MemberTransfer.objects.get()
    assert transfer.member.branch == people["c"] and transfer.by == admin


# --- the record follows the person -------------------------------------------------------------


def test_the_new_rows_record_holds_the_earlier_branchs_meetings(client, people):
    _old, transfer = _move(people)
    new = transfer.member
    record = member_record(member=new, viewer=new.user)
    assert len(record.meetings) == 2 and all(m.elsewhere for m in record.meetings)
    assert sum(len(m.problems) for m in record.meetings) == 2
    assert len(record.items) == 2 and all(r.overdue_days == 3 for r in record.items)
    assert all(m.grade is not None and m.draft is not None for m in record.meetings)
    assert sum(len(m.talks) for m in record.meetings) == 2
    client.force_login(new.user)
    page = client.get(_url(new)).content.decode()
    assert "2026-06-01 由 A支部 转入 C支部" in page
    assert "措施0" in page and "问题1" in page and "A支部" in page
    assert "逾期 2 项" in page  # the year's line counts the earlier branch's items
    # the old branch's pages are not linked: the member may no longer open them
    assert reverse("meetings:detail", args=[record.meetings[0].meeting.pk]) not in page


@pytest.mark.parametrize(
    ("viewer", "new_row", "old_row"),
    [
        ("self", 200, 404),  # the person: their current record (it holds the old part)
        ("secretary_c", 200, 404),  # the new branch's secretary: the whole record
        ("supervisor_other", 200, 404),  # above the new branch
        ("supervisor", 200, 200),  # above the old branch: the person's record, both rows
        ("secretary", 404, 200),  # the old branch's secretary: their branch's row only
        ("m2", 404, 404),  # a former fellow member
        ("supervisor_general", 404, 404),  # above neither
    ],
)
def test_who_sees_the_record_after_a_transfer(client, people, viewer, new_row, old_row):
    old, transfer = _move(people)
    new = transfer.member
    user = new.user if viewer == "self" else getattr(people[viewer], "user", people[viewer])
    client.force_login(user)
    assert client.get(_url(new)).status_code == new_row
    assert client.get(_url(old)).status_code == old_row
    assert client.post(reverse("records:member-docx", args=[new.pk])).status_code == new_row


def test_the_old_branchs_secretary_sees_only_what_happened_there(people):
    old, transfer = _move(people)
    meeting_c = held_meeting(people["c"])
    add_item(add_problem(meeting_c, transfer.member, text="转入后的问题"), deadline_in=5)
    record = member_record(member=old, viewer=people["secretary"].user)
    assert len(record.meetings) == 2 and not record.transfers
    assert all("转入后" not in p.text for m in record.meetings for p in m.problems)
    whole = member_record(member=transfer.member, viewer=people["secretary_c"].user)
    assert len(whole.meetings) == 3 and len(whole.items) == 3


def test_a_supervisor_above_only_the_old_branch_sees_the_new_branchs_published_items(people):
    _old, transfer = _move(people)
    meeting_c = held_meeting(people["c"])
    add_item(add_problem(meeting_c, transfer.member, text="转入后的问题"), deadline_in=5)
    unpublished = held_meeting(people["c"])
    unpublished.problems_published_at = None
    unpublished.save()
    add_item(add_problem(unpublished, transfer.member, text="尚未公示"), deadline_in=5)
    seen = member_record(member=transfer.member, viewer=people["supervisor"])
    texts = {p.text for m in seen.meetings for p in m.problems}
    assert "转入后的问题" in texts and "尚未公示" not in texts
    managed = member_record(member=transfer.member, viewer=people["secretary_c"].user)
    assert "尚未公示" in {p.text for m in managed.meetings for p in m.problems}


def test_the_docx_names_the_transfer_and_the_earlier_branch(client, people):
    _old, transfer = _move(people)
    client.force_login(people["secretary_c"].user)
    response = client.post(reverse("records:member-docx", args=[transfer.member.pk]))
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "2026-06-01 由 A支部 转入 C支部" in text
    meetings = doc.tables[1]
    assert all("(A支部)" in row.cells[0].text for row in meetings.rows[1:])
    assert len(meetings.rows) == 3


def test_record_query_count_is_the_same_at_10_and_100_earlier_meetings(client, people):
    def count(n: int) -> int:
        member = MemberFactory(branch=people["a"], name=f"转接{n}")
        give_history(member, n, peer=people["m2"], secretary=people["secretary"])
        moved = member_transfer(member=member, to_branch=people["c"], by=people["supervisor"])
        client.force_login(moved.member.user)
        client.get(_url(moved.member))
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(_url(moved.member)).status_code == 200
        return len(ctx)

    assert count(10) == count(100)


# --- the subtree query after a transfer --------------------------------------------------------


def test_the_subtree_query_counts_rows_where_they_happened_and_links_the_current_record(
    client, people
):
    _old, transfer = _move(people)  # two overdue items in A
    rows = subtree_matches(org=people["committee"], condition="overdue").rows
    assert [(r.member.name, r.branch_name) for r in rows] == [("张三", "A支部")]
    assert rows[0].reason.endswith(";2026-06-01 已转至 C支部")
    assert rows[0].record_member_id == transfer.member.pk
    client.force_login(people["supervisor"])
    page = client.get(reverse("records:query") + "?condition=overdue").content.decode()
    assert re.search(rf'href="{_url(transfer.member)}">张三<', page)
    # the new branch's supervisors: nothing happened beneath them
    assert subtree_matches(org=people["other"], condition="overdue").rows == []


# --- committee items the member leads ----------------------------------------------------------


def test_committee_items_the_member_leads_are_in_the_record_labelled(client, people):
    m1 = people["m1"]
    meeting = held_meeting(people["a"])
    add_item(
        add_problem(meeting, None, text="班子问题"), lead=m1, measure="班子措施", deadline_in=-2
    )
    add_item(add_problem(meeting, None, text="另一班子问题"), lead=people["m2"], measure="别人牵头")
    record = member_record(member=m1, viewer=m1.user)
    assert [(r.item.measure, r.as_lead) for r in record.items] == [("班子措施", True)]
    assert record.is_clean  # an item they lead is not one they own
    assert "逾期 0 项" in record.years[0].line
    client.force_login(m1.user)
    page = client.get(_url(m1)).content.decode()
    assert "班子措施" in page and "班子整改事项·本人牵头" in page and "别人牵头" not in page
    response = client.post(reverse("records:member-docx", args=[m1.pk]))
    doc = Document(io.BytesIO(response.content))
    cells = [row.cells[0].text for row in doc.tables[-1].rows[1:]]
    assert cells == ["班子措施(班子整改事项,本人牵头)"]
