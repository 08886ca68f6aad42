"""The supervisor's lists over a subtree — meetings, drafts to review, branches, 屡改屡在,
overdue items, 待我销号 — are keyset-paged: the same number of queries at 10 rows and at 1,000, no "page n of m"
(nothing counts the subtree), and following "next" then "previous" walks the list without
skipping or repeating a row."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.choices import DraftStatus, MeetingStatus
from meetings.models import Draft, Meeting
from members.choices import OrganizationKind
from members.models import Organization
from rectification.choices import ItemStatus
from rectification.models import Problem, RectificationItem
from rectification.services.items import meetings_mark_recurring
from tests.members.factories import MemberFactory, OrganizationFactory, SupervisorFactory

pytestmark = pytest.mark.django_db


def page_size(url_name: str) -> int:
    from django.conf import settings

    return 30 if url_name == "meetings:list" else settings.ORGLIFE_PAGE_SIZE


def _committee(name: str, *, branches: int = 1):
    """A committee with ``branches`` branches (bulk: treebeard's paths written here, as
    bench/loadgen.py does), a member in the first, and its supervisor."""
    committee = OrganizationFactory.committee(name=name)
    first = OrganizationFactory.branch(parent=committee, name=f"{name}支部0000")
    if branches > 1:
        Organization.objects.bulk_create(
            Organization(
                name=f"{name}支部{i:04d}",
                kind=OrganizationKind.BRANCH,
                path=Organization._get_path(committee.path, 2, i + 1),
                depth=2,
                numchild=0,
            )
            for i in range(1, branches)
        )
        Organization.objects.filter(pk=committee.pk).update(numchild=branches)
    member = MemberFactory(branch=first, name=f"{name}书记", position="secretary")
    supervisor = SupervisorFactory(organization=committee).user
    return {"committee": committee, "branch": first, "member": member, "supervisor": supervisor}


def _meetings(world, n: int, *, status=MeetingStatus.PREPARING, days: int = 1) -> list[Meeting]:
    now = timezone.now()
    return Meeting.objects.bulk_create(
        Meeting(
            branch=world["branch"],
            theme=f"第{i}次组织生活会",
            starts_at=now + datetime.timedelta(days=days, minutes=i),
            place="活动室",
            status=status,
            scheduled_at=now,
        )
        for i in range(n)
    )


def _drafts(world, n: int) -> None:
    now = timezone.now()
    Draft.objects.bulk_create(
        Draft(
            meeting=m,
            author=world["member"],
            is_committee=True,
            status=DraftStatus.SUBMITTED,
            version=1,
            submitted_at=now - datetime.timedelta(minutes=i % 7),  # ties: the pk decides
        )
        for i, m in enumerate(_meetings(world, n))
    )


def _ledger(world):
    """A held meeting of the world's branch with one problem, and a maker of its items."""
    held = timezone.now() - datetime.timedelta(days=1)
    meeting = Meeting.objects.create(
        branch=world["branch"],
        theme="已召开",
        starts_at=held,
        held_at=held,
        place="活动室",
        status=MeetingStatus.RECTIFYING,
        scheduled_at=held,
    )
    problem = Problem.objects.create(
        meeting=meeting,
        branch=world["branch"],
        owner=world["member"],
        category="study",
        text="理论学习不够深入",
        source="supervisor",
    )
    today = timezone.localdate()

    def item(deadline=today, **extra):
        return RectificationItem(
            problem=problem,
            meeting=meeting,
            branch=world["branch"],
            owner=world["member"],
            measure="每月精读一篇理论文章",
            deadline=deadline,
            original_deadline=deadline,
            **extra,
        )

    return meeting, item


def _recurring(world, n: int) -> None:
    meeting, item = _ledger(world)
    now = timezone.now()
    earlier = RectificationItem.objects.bulk_create(
        [item(status="signed_off", started_at=now, done_at=now, signed_off_at=now)]
    )[0]
    RectificationItem.objects.bulk_create(item(recurring_of=earlier) for _ in range(n))
    meetings_mark_recurring(meeting_ids=[meeting.pk])


def _overdue(world, n: int) -> None:
    _meeting, item = _ledger(world)
    today = timezone.localdate()
    RectificationItem.objects.bulk_create(  # ties: the pk decides
        item(deadline=today - datetime.timedelta(days=1 + i % 7)) for i in range(n)
    )


def _awaiting(world, n: int) -> None:
    _meeting, item = _ledger(world)
    today, now = timezone.localdate(), timezone.now()
    RectificationItem.objects.bulk_create(
        item(
            deadline=today + datetime.timedelta(days=i % 7),  # ties: the pk decides
            status=ItemStatus.AWAITING_SIGNOFF,
            started_at=now,
            done_at=now,
        )
        for i in range(n)
    )


FILL = {
    "meetings:list": lambda w, n: _meetings(w, n),
    "supervision:drafts": _drafts,
    "members:branches": None,  # made with the committee
    "supervision:recurring": _recurring,
    "supervision:overdue": _overdue,
    "supervision:signoff": _awaiting,
}


def _world(name: str, url_name: str, n: int):
    world = _committee(name, branches=n if url_name == "members:branches" else 1)
    if FILL[url_name]:
        FILL[url_name](world, n)
    return world


def _get(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(ctx.captured_queries)


def _rows(html: str, url_name: str) -> list[str]:
    """What a person sees as the rows of the list, in order."""
    body = html.split("<main", 1)[1]
    if url_name == "meetings:list":
        return re.findall(r"<strong>(第\d+次组织生活会)</strong>", body)
    if url_name == "members:branches":
        return re.findall(r">([^<>]*支部\d{4})</a>", body)
    if url_name == "supervision:drafts":
        return re.findall(r'href="/meetings/drafts/(\d+)/review/"', body)
    return re.findall(r'href="/rectification/items/(\d+)/"', body)


LISTS = [*FILL]


@pytest.mark.parametrize("url_name", LISTS)
def test_a_list_costs_the_same_queries_at_10_and_1000_rows(client, url_name):
    small, big = _world("小", url_name, 10), _world("大", url_name, 1000)
    counts = []
    for world in (small, big):
        client.force_login(world["supervisor"])
        client.get(reverse(url_name))  # warm: session, content types
        response, n = _get(client, reverse(url_name))
        counts.append(n)
        html = response.content.decode()
        main = html.split("<main", 1)[1]
        assert len(_rows(html, url_name)) == min(
            page_size(url_name), 10 if world is small else 1000
        )
        assert not re.search(r"第 \d+ / \d+ 页", main), "no page n of m: nothing counts"
    assert counts[0] == counts[1] <= 15, counts


@pytest.mark.parametrize("url_name", LISTS)
def test_next_then_previous_walks_the_list_without_gaps_or_repeats(client, url_name):
    per_page = page_size(url_name)
    world = _world("翻页", url_name, 2 * per_page + 7)
    client.force_login(world["supervisor"])
    url = reverse(url_name)
    seen: list[str] = []
    html = client.get(url).content.decode()
    first_page = _rows(html, url_name)
    pages = [first_page]
    while True:
        seen += _rows(html, url_name)
        nxt = re.search(r'rel="next" href="\?([^"]*)"', html)
        if not nxt:
            break
        html = client.get(url + "?" + nxt.group(1).replace("&amp;", "&")).content.decode()
        pages.append(_rows(html, url_name))
    assert [len(p) for p in pages] == [per_page, per_page, 7]
    assert len(seen) == len(set(seen)) == 2 * per_page + 7
    # back from the last page: the middle page again, then the first
    prev = re.search(r'rel="prev" href="\?([^"]*)"', html).group(1).replace("&amp;", "&")
    html = client.get(url + "?" + prev).content.decode()
    assert _rows(html, url_name) == pages[1]
    prev = re.search(r'rel="prev" href="\?([^"]*)"', html).group(1).replace("&amp;", "&")
    html = client.get(url + "?" + prev).content.decode()
    assert _rows(html, url_name) == first_page
    assert 'rel="prev"' not in html


def test_a_broken_position_in_the_link_shows_the_first_page(client):
    world = _world("坏链接", "meetings:list", 40)
    client.force_login(world["supervisor"])
    first = client.get(reverse("meetings:list")).content.decode()
    import base64
    import json

    def token(values) -> str:
        return base64.urlsafe_b64encode(json.dumps(values).encode()).decode()

    for bad in ("%%%not-base64", token(["不是日期", 1]), token([{"t": "2026-01-01"}, 2**70])):
        response = client.get(reverse("meetings:list"), {"after": bad})
        assert response.status_code == 200
        assert _rows(response.content.decode(), "meetings:list") == _rows(first, "meetings:list")
