"""The supervisor's overview: who may see it, what it counts, where each figure leads, the
bulk sign-off, the export, and a query count that does not grow with the subtree."""

from __future__ import annotations

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from meetings.models import Meeting
from members.models import Organization
from rectification.models import RectificationItem
from supervision import selectors
from supervision.periods import Period
from tests.members.factories import MemberFactory, OrganizationFactory, SupervisorFactory
from tests.supervision.conftest import TODAY, add_item, add_problem, held_meeting

pytestmark = pytest.mark.django_db


def _period() -> Period:
    return Period(TODAY().year)


# --- scope ------------------------------------------------------------------------------------


PAGES = ["home", "overdue", "recurring", "signoff", "drafts", "export", "ping"]


@pytest.mark.parametrize("who", ["secretary", "m1"])
def test_members_and_secretaries_get_404_on_every_supervision_page(client, world, who):
    client.force_login(world[who].user)
    for name in PAGES:
        if name == "ping":
            continue  # the benchmark's baseline: any logged-in user
        assert client.get(reverse(f"supervision:{name}")).status_code == 404, name
    url = reverse("supervision:org", args=[world["a"].pk])
    assert client.get(url).status_code == 404


def test_anonymous_users_are_sent_to_log_in(client, world):
    response = client.get(reverse("supervision:home"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_supervisor_sees_only_their_subtree(client, world):
    client.force_login(world["supervisor_general"])
    assert client.get(reverse("supervision:home")).context["org"] == world["general"]
    for org in ("committee", "a", "other", "c"):
        assert client.get(reverse("supervision:org", args=[world[org].pk])).status_code == 404
        assert client.get(reverse("supervision:home") + f"?org={world[org].pk}").status_code == 404
    assert client.get(reverse("supervision:org", args=[world["b"].pk])).status_code == 200

    client.force_login(world["supervisor"])
    response = client.get(reverse("supervision:overdue"))
    shown = {i.pk for i in response.context["items"]}
    assert shown == {world["items"]["overdue"].pk}  # not C's overdue item
    response = client.get(reverse("supervision:signoff"))
    assert {i.pk for i in response.context["items"]} == {world["items"]["awaiting"].pk}


# --- the figures --------------------------------------------------------------------------------


def _secretarys_own_draft(world):
    """Branch B's secretary's own draft, submitted: the supervisor reviews it."""
    from meetings.choices import DraftStatus
    from meetings.models import Draft

    return Draft.objects.create(
        meeting=world["meeting_b"],
        author=world["secretary_b"],
        status=DraftStatus.SUBMITTED,
        version=1,
        submitted_at=timezone.now(),
    )


def test_the_secretarys_own_draft_counts_only_while_she_is_secretary(world):
    """Her submitted draft waits for the supervisor; once she is no longer secretary it is
    the branch secretary's to review, and the supervisor's figure follows the member service."""
    from members.changes import branch_changed
    from members.models import BranchChange
    from members.services import member_update
    from supervision.services.rollups import rollups_fold

    _secretarys_own_draft(world)
    branch_changed(branch_id=world["b"].pk)  # as draft_submit does
    rollups_fold()

    def figure():
        rollups_fold()  # what Celery beat does within seconds
        ov = selectors.overview(user=world["supervisor"], org=world["committee"], period=_period())
        return ov.drafts_to_review

    assert figure() == 2 == selectors.drafts_to_review(path=world["committee"].path).count()
    member_update(member=world["secretary_b"], data={"name": "乙书记(已调离)"})
    assert not BranchChange.objects.exists()  # a new name changes no figure: nothing announced
    assert figure() == 2
    member_update(member=world["secretary_b"], data={"position": ""})
    assert BranchChange.objects.filter(branch=world["b"]).exists()
    assert figure() == 1 == selectors.drafts_to_review(path=world["committee"].path).count()


def test_the_recurring_list_is_the_rule_whatever_the_meetings_mark(world):
    """屡改屡在 walks only meetings marked ``has_recurring_items`` (set wherever
    ``recurring_of`` is): it lists exactly the recurring items of the period, and a stale mark
    on a meeting without any adds nothing."""
    committee = world["committee"]

    def listed():
        return list(selectors.recurring_items(path=committee.path, period=_period()))

    recurring = world["items"]["recurring"]
    assert listed() == [recurring]
    assert recurring.meeting.has_recurring_items
    Meeting.objects.exclude(pk=recurring.meeting_id).update(has_recurring_items=True)
    assert listed() == [recurring]
    unmarked = RectificationItem.objects.filter(
        branch__path__startswith=committee.path, recurring_of__isnull=False
    )
    assert list(unmarked) == [recurring]


def test_the_overview_counts_match_the_fixture(world):
    ov = selectors.overview(user=world["supervisor"], org=world["committee"], period=_period())
    m = ov.meetings
    assert (m.branches, m.held, m.planned, m.not_held) == (3, 1, 1, 1)
    assert ov.totals["problems"] == 3
    assert {v: n for v, _label, n in ov.categories if n} == {"study": 1, "style": 2}
    assert {v: n for v, _label, n in ov.sources if n} == {"supervisor": 3}
    assert ov.totals["items"] == 5 and ov.totals["items_signed_off"] == 1
    assert ov.completion == 20.0
    assert ov.totals["items_recurring"] == 1
    assert ov.current["items_overdue"] == 1
    assert ov.current["items_awaiting"] == 1
    assert ov.drafts_to_review == 1
    assert ov.lookbacks_total == 1
    assert [i.pk for i in ov.overdue_items] == [world["items"]["overdue"].pk]
    assert ov.overdue_items[0].owner.name == "张三"
    assert [(c.name, c.items, c.signed_off) for c in ov.children] == [
        ("A支部", 5, 1),
        ("党总支", 0, 0),  # a meeting planned below it: a row, but no items for the bars
    ]
    assert [c.name for c in ov.weakest_children] == ["A支部"]
    assert sum(created for _m, created, _s in ov.trend) == 5
    assert sum(signed for _m, _c, signed in ov.trend) == 1


def test_a_period_without_meetings_shows_no_problems_but_still_the_todos(world):
    ov = selectors.overview(
        user=world["supervisor"], org=world["committee"], period=Period(TODAY().year - 2)
    )
    assert ov.totals["problems"] == 0 and ov.totals["items"] == 0
    assert ov.meetings.held == 0 and ov.meetings.not_held == 3
    assert ov.current["items_overdue"] == 1 and ov.current["items_awaiting"] == 1


def test_items_that_fall_due_after_the_clock_are_counted_live(world):
    """The rollups count overdue as of their clock; the overview adds what fell due since."""
    from supervision.models import RollupClock
    from supervision.services.rollups import rollups_overdue_advance

    item = world["items"]["awaiting"]  # due in 10 days; make an open one due in 10 days
    p = world["problems"][1]
    later = add_item(p, deadline_in=3, status="in_progress")
    assert later.pk != item.pk
    future = TODAY() + __import__("datetime").timedelta(days=5)
    ov = selectors.overview(
        user=world["supervisor"], org=world["committee"], period=_period(), today=future
    )
    assert ov.current["items_overdue"] == 2  # the clock is still today: one counted live
    rollups_overdue_advance(today=future)
    assert RollupClock.objects.get().overdue_as_of == future
    ov = selectors.overview(
        user=world["supervisor"], org=world["committee"], period=_period(), today=future
    )
    assert ov.current["items_overdue"] == 2 and ov.as_of == future


# --- the pages and their links --------------------------------------------------------------------


def test_the_home_page_shows_the_figures_charts_and_drill_down_links(client, world):
    client.force_login(world["supervisor"])
    response = client.get(reverse("supervision:home"))
    assert response.status_code == 200
    html = response.content.decode()
    committee = world["committee"]
    for url in (
        reverse("supervision:org", args=[committee.pk]),
        reverse("supervision:overdue") + f"?org={committee.pk}",
        reverse("supervision:signoff") + f"?org={committee.pk}",
        reverse("supervision:drafts") + f"?org={committee.pk}",
        reverse("supervision:recurring") + f"?org={committee.pk}",
        reverse("supervision:export") + f"?org={committee.pk}",
        reverse("rectification:item", args=[world["items"]["overdue"].pk]),
        reverse("rectification:ledger", args=[world["a"].pk]),  # the bar of A支部
    ):
        assert url in html, url
    assert html.count("<svg") == 3 and "<title" in html
    # each chart has a table with the same numbers; the drill-down links are in the tables
    assert html.count("chart-table") == 3
    svgs = [part.split("</svg>", 1)[0] for part in html.split("<svg")[1:]]
    assert not any("<a " in svg for svg in svgs)  # nothing interactive inside role="img"
    ledger_a = reverse("rectification:ledger", args=[world["a"].pk])
    assert f'<a href="{ledger_a}' in html
    assert 'style="' not in html.split("<main", 1)[1]  # a strict CSP: no inline styles
    assert "<script>" not in html


def test_the_supervisors_own_home_links_to_the_overview(client, world):
    client.force_login(world["supervisor"])
    html = client.get(reverse("home")).content.decode()
    assert reverse("supervision:home") in html


def test_drill_down_organization_to_branch_to_meeting_and_ledger(client, world):
    client.force_login(world["supervisor"])
    response = client.get(reverse("supervision:org", args=[world["committee"].pk]))
    rows = {r.figures.name: r.figures for r in response.context["rows"]}
    assert set(rows) == {"A支部", "党总支", "D支部"}
    a, general, d = rows["A支部"], rows["党总支"], rows["D支部"]
    assert (a.items, a.overdue, a.awaiting, a.meetings.held) == (5, 1, 1, 1)
    assert (general.meetings.branches, general.meetings.planned) == (1, 1)
    assert (d.meetings.branches, d.meetings.not_held, d.items) == (1, 1, 0)
    html = response.content.decode()
    assert reverse("supervision:org", args=[world["general"].pk]) in html
    assert reverse("meetings:detail", args=[world["meeting_a"].pk]) in html
    assert reverse("rectification:ledger", args=[world["a"].pk]) in html
    # one level down: the general branch lists B with its meeting being prepared
    response = client.get(reverse("supervision:org", args=[world["general"].pk]))
    (b,) = (r.figures for r in response.context["rows"])
    assert b.name == "B支部" and b.latest_meeting_id == world["meeting_b"].pk
    assert [c.name for c in response.context["crumbs"]] == ["一号党委", "党总支"]


def test_the_children_page_is_paginated(client, world, settings):
    settings.ORGLIFE_PAGE_SIZE = 2
    client.force_login(world["supervisor"])
    url = reverse("supervision:org", args=[world["committee"].pk])
    first = client.get(url)
    assert len(first.context["rows"]) == 2 and first.context["page_obj"].paginator.count == 3
    second = client.get(url + "?page=2")
    assert len(second.context["rows"]) == 1


def test_the_drafts_page_lists_what_waits_for_the_supervisor(client, world):
    client.force_login(world["supervisor"])
    response = client.get(reverse("supervision:drafts"))
    (row,) = response.context["drafts"]
    (draft,) = selectors.drafts_to_review(path=world["committee"].path)
    assert draft.is_committee and draft.meeting == world["meeting_b"]
    assert row.label == "班子对照检查材料" and row.branch == world["meeting_b"].branch.name
    assert row.meeting_url == reverse("meetings:detail", args=[draft.meeting_id])
    html = response.content.decode()
    assert f'href="{reverse("meetings:draft-review", args=[draft.pk])}"' in html
    submitted = timezone.localtime(draft.submitted_at)
    assert f"{submitted:%Y-%m-%d %H:%M}" in html


def test_the_drafts_page_names_the_secretary_whose_own_draft_waits(client, world):
    _secretarys_own_draft(world)
    client.force_login(world["supervisor"])
    html = client.get(reverse("supervision:drafts")).content.decode()
    assert f"{world['secretary_b'].name}(书记)的发言提纲" in html
    assert html.count('href="/meetings/drafts/') == 2  # hers and the committee's


# --- bulk sign-off -----------------------------------------------------------------------------


def test_bulk_sign_off_signs_off_only_what_the_supervisor_may(client, world):
    items = world["items"]
    mine = items["awaiting"]
    second = add_item(world["problems"][0], deadline_in=5, status="awaiting")
    client.force_login(world["supervisor"])
    response = client.post(
        reverse("supervision:signoff") + f"?org={world['committee'].pk}",
        {
            "items": [
                mine.pk,
                second.pk,
                items["other_awaiting"].pk,  # another committee's: not in scope
                items["overdue"].pk,  # not awaiting sign-off
                "x",
            ]
        },
        follow=True,
    )
    assert response.status_code == 200
    status = dict(RectificationItem.objects.values_list("pk", "status"))
    assert status[mine.pk] == status[second.pk] == "signed_off"
    assert status[items["other_awaiting"].pk] == "awaiting"
    assert status[items["overdue"].pk] == "not_started"
    texts = [str(m) for m in response.context["messages"]]
    assert any("已销号 2 项" in t for t in texts) and any("2 项未销号" in t for t in texts)
    signed = RectificationItem.objects.get(pk=mine.pk)
    assert signed.signed_off_by == world["supervisor"] and signed.signed_off_at is not None


def test_bulk_sign_off_with_nothing_ticked_only_warns(client, world):
    client.force_login(world["supervisor"])
    response = client.post(reverse("supervision:signoff"), {}, follow=True)
    assert any("请先勾选" in str(m) for m in response.context["messages"])


def test_secretaries_cannot_use_the_bulk_sign_off(client, world):
    client.force_login(world["secretary"].user)
    response = client.post(
        reverse("supervision:signoff"), {"items": [world["items"]["awaiting"].pk]}
    )
    assert response.status_code == 404
    assert RectificationItem.objects.get(pk=world["items"]["awaiting"].pk).status == "awaiting"


# --- export --------------------------------------------------------------------------------------


def test_the_export_opens_in_openpyxl_with_the_figures(client, world):
    client.force_login(world["supervisor"])
    response = client.get(reverse("supervision:export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["概况", "下级组织", "问题类别与来源", "月度趋势", "逾期事项"]
    assert wb["概况"]["A1"].value.startswith("一号党委 督导概况(截至 ")
    figures = {row[0]: row[1] for row in wb["概况"].iter_rows(min_row=3, values_only=True)}
    assert figures["党组织"] == "一号党委"
    assert figures["整改事项"] == 5 and figures["当前逾期事项"] == 1
    overdue = list(wb["逾期事项"].iter_rows(min_row=3, values_only=True))
    assert [r[0] for r in overdue] == ["A支部"]


def test_the_exported_overdue_items_show_who_answers_for_them(client, world):
    """The export reads its overdue items as plain rows (``overdue_rows``): the same items
    in the same order as ``overdue_items``, the committee's with its lead."""
    committee_item = world["items"]["committee"]
    RectificationItem.objects.filter(pk=committee_item.pk).update(
        deadline=TODAY() - datetime.timedelta(days=9)
    )
    client.force_login(world["supervisor"])
    wb = load_workbook(io.BytesIO(client.get(reverse("supervision:export")).content))
    rows = list(wb["逾期事项"].iter_rows(min_row=3, values_only=True))
    assert [(r[0], r[2], r[4]) for r in rows] == [
        ("A支部", "支部班子(牵头:甲书记)", 9),
        ("A支部", "张三", 5),
    ]
    assert rows[0][1] == committee_item.measure
    assert rows[0][3].date() == TODAY() - datetime.timedelta(days=9)  # a date, not a text
    expected = selectors.overdue_items(path=world["items"]["overdue"].branch.path, today=TODAY())
    assert [r[2] for r in rows] == [i.owner_label for i in expected]


def test_the_overdue_lists_show_who_answers_how_late_and_the_late_look_back(client, world):
    """The home's most overdue items and the overdue list (rows made by
    ``item_list_rows``): the committee's item with its lead, the days late, the status in
    words, links to the item and its ledger; the home's look-back that is late."""
    committee_item = world["items"]["committee"]
    RectificationItem.objects.filter(pk=committee_item.pk).update(
        deadline=TODAY() - datetime.timedelta(days=9)
    )
    overdue = world["items"]["overdue"]
    client.force_login(world["supervisor"])
    for name in ("home", "overdue"):
        html = client.get(reverse(f"supervision:{name}")).content.decode()
        table = html.split('id="overdue-items"' if name == "home" else 'id="items"', 1)[1]
        table = table.split("</table>", 1)[0]
        assert table.count("<tr>") == 3, name  # the header and two items
        assert "支部班子(牵头:甲书记)" in table and "张三" in table
        assert "(逾期 9 天)" in table and "(逾期 5 天)" in table
        assert "整改中" in table and "未开始" in table
        assert reverse("rectification:item", args=[overdue.pk]) in table
        assert reverse("rectification:ledger", args=[overdue.branch_id]) in table
    html = client.get(reverse("supervision:home")).content.decode()
    late = html.split('id="late-lookbacks"', 1)[1].split("</ul>", 1)[0]
    due = TODAY() - datetime.timedelta(days=2)
    assert f"应于 {due:%Y-%m-%d}" in late and "已逾期" in late and "A支部" in late


# --- the query count does not grow with the subtree -------------------------------------------


def _subtree(n: int, name: str):
    committee = OrganizationFactory.committee(name=name)
    general = OrganizationFactory.general_branch(parent=committee, name=f"{name}总支")
    for i in range(n):
        parent = general if i % 2 else committee
        branch = OrganizationFactory.branch(parent=parent, name=f"{name}{i}支部")
        member = MemberFactory(branch=branch, user=None)
        meeting = held_meeting(branch)
        problem = add_problem(meeting, member)
        add_item(problem, deadline_in=-2 if i % 3 == 0 else 10, status="not_started")
        add_item(problem, deadline_in=5, status="awaiting")
    return SupervisorFactory(organization=committee).user


def _queries(client, user) -> int:
    client.force_login(user)
    client.get(reverse("supervision:home"))  # warm: sessions, content types
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("supervision:home"))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_home_page_costs_the_same_queries_for_5_and_50_branches(client, db):
    small, big = _subtree(5, "小"), _subtree(50, "大")
    assert Organization.objects.filter(kind="branch").count() == 55
    n_small, n_big = _queries(client, small), _queries(client, big)
    assert n_small == n_big <= 15


@pytest.mark.office
def test_the_exported_overview_prints_its_labels_whole(client, world, tmp_path):
    from tests.documents.render import to_pdf

    client.force_login(world["supervisor"])
    response = client.get(reverse("supervision:export"))
    pdf = to_pdf(response.content, ".xlsx", tmp_path)
    assert pdf.size[0] > pdf.size[1]  # landscape
    lines = pdf.text.splitlines()
    labels = [
        "已召开组织生活会的党支部",
        "已计划未召开的党支部",
        "待审核的对照检查材料",
        "到期未开展的回头看",
        "当前待销号事项",
        "逾期(截至汇总日)",
    ]
    for label in labels:  # on one line, not cut at the cell's edge
        assert any(label in line for line in lines), label
