"""The rollups stay equal to the live counts whatever the services do, in any order."""

from __future__ import annotations

import datetime
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings.choices import MeetingStatus, ProblemCategory
from members.models import Organization
from rectification.choices import Difficulty, ItemStatus, Priority
from rectification.models import Problem, RectificationItem, Rollup, RollupClock
from rectification.services import ledger, problems
from rectification.services.hooks import branch_changed
from rectification.services.rollups import (
    rollup_refresh,
    rollups_overdue_advance,
    rollups_rebuild,
)
from tests.members.factories import MemberFactory, OrganizationFactory, UserFactory
from tests.supervision.conftest import held_meeting
from tests.supervision.rollup_check import (
    assert_parents_match,
    assert_rollups_match_live,
    stored_months,
    stored_rollups,
)

pytestmark = pytest.mark.django_db

CATEGORIES = ProblemCategory.values


def _branches():
    one = OrganizationFactory.committee(name="一号党委")
    general = OrganizationFactory.general_branch(parent=one, name="党总支")
    two = OrganizationFactory.committee(name="二号党委")
    out = []
    for parent, name in ((one, "A"), (general, "B1"), (general, "B2"), (two, "X")):
        branch = OrganizationFactory.branch(parent=parent, name=f"{name}支部")
        members = [MemberFactory(branch=branch, user=None, position="secretary")]
        members += [MemberFactory(branch=branch, user=None) for _ in range(3)]
        out.append(
            {
                "branch": branch,
                "members": members,
                # problems are listed at a held meeting; items at one closed into 整改中
                "held": held_meeting(branch, hours_ago=24 * 100, status=MeetingStatus.HELD),
                "rectifying": held_meeting(branch, hours_ago=24 * 60),
            }
        )
    return out


class World:
    """Random operations, each through the service that does it in the product."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.admin = UserFactory(is_superuser=True, is_staff=True)
        self.branches = _branches()
        self.n = 0

    def _text(self) -> str:
        self.n += 1
        return f"问题 {self.n}:理论学习不够深入,联系实际不够"

    def _pick(self, qs):
        rows = list(qs)
        return self.rng.choice(rows) if rows else None

    def add_listed_problem(self):
        b = self.rng.choice(self.branches)
        problems.problem_add_supervisor(
            meeting=b["held"],
            by=self.admin,
            owner=self.rng.choice([None, *b["members"]]),
            category=self.rng.choice(CATEGORIES),
            text=self._text(),
        )

    def edit_problem(self):
        p = self._pick(Problem.objects.filter(meeting__status="held", merged_into__isnull=True))
        if p is None:
            return
        members = next(b["members"] for b in self.branches if b["branch"].pk == p.branch_id)
        problems.problem_update(
            problem=p,
            by=self.admin,
            category=self.rng.choice(CATEGORIES),
            text=p.text,
            root_cause="",
            owner=self.rng.choice([None, *members]),
        )

    def merge_problems(self):
        """Two problems of one owner at one meeting, merged (the kept one stays listed)."""
        from django.db.models import Count

        pairs = list(
            Problem.objects.filter(meeting__status="held", merged_into__isnull=True)
            .values("meeting_id", "owner_id", "is_committee")
            .annotate(n=Count("pk"))
            .filter(n__gte=2)
            .order_by("meeting_id", "owner_id")
        )
        if not pairs:
            return
        pick = self.rng.choice(pairs)
        keep, other = list(
            Problem.objects.filter(
                meeting_id=pick["meeting_id"],
                owner_id=pick["owner_id"],
                is_committee=pick["is_committee"],
                merged_into__isnull=True,
            ).order_by("?")[:2]
        )
        problems.problem_merge(keep=keep, merge=[other], by=self.admin)

    def add_ledger_problem(self):
        """A problem of the meeting in 整改中 (listed before it closed) with an item."""
        b = self.rng.choice(self.branches)
        owner = self.rng.choice([None, *b["members"]])
        problem = Problem.objects.create(
            meeting=b["rectifying"],
            branch=b["branch"],
            owner=owner,
            is_committee=owner is None,
            category=self.rng.choice(CATEGORIES),
            text=self._text(),
            source="supervisor",
        )
        branch_changed(branch_id=b["branch"].pk)
        self.add_item(problem)

    def add_item(self, problem=None):
        problem = problem or self._pick(
            Problem.objects.filter(meeting__status="rectifying", merged_into__isnull=True)
        )
        if problem is None:
            return
        day = timezone.localtime(problem.meeting.starts_at).date()
        ledger.item_create(
            problem=problem,
            by=self.admin,
            measure=f"于期限内完成整改并报告,第 {self.n} 项",
            deadline=day + datetime.timedelta(days=self.rng.randint(1, 120)),
            priority=self.rng.choice(Priority.values),
            difficulty=self.rng.choice(Difficulty.values),
        )

    def _item(self, *statuses):
        return self._pick(RectificationItem.objects.filter(status__in=statuses))

    def start(self):
        if item := self._item(ItemStatus.NOT_STARTED):
            ledger.item_start(item=item, by=self.admin)

    def mark_done(self):
        if item := self._item(ItemStatus.NOT_STARTED, ItemStatus.IN_PROGRESS):
            ledger.item_mark_done(item=item, by=self.admin)

    def sign_off(self):
        if item := self._item(ItemStatus.AWAITING_SIGNOFF):
            ledger.item_sign_off(item=item, by=self.admin)

    def send_back(self):
        if item := self._item(ItemStatus.AWAITING_SIGNOFF):
            ledger.item_send_back(item=item, by=self.admin, reason="佐证不足,请补充整改情况。")

    def move_deadline(self):
        item = self._item(ItemStatus.NOT_STARTED, ItemStatus.IN_PROGRESS)
        if item is None:
            return
        day = timezone.localtime(item.meeting.starts_at).date()
        ledger.item_update(
            item=item,
            by=self.admin,
            version=item.version,
            measure=item.measure,
            deadline=day + datetime.timedelta(days=self.rng.randint(1, 120)),
            owner=item.owner,
            lead=item.lead,
            priority=item.priority,
            difficulty=item.difficulty,
        )

    def flag_recurring(self):
        """屡改屡在 as the ledger records it: the item points at a signed-off one."""
        item = self._item(ItemStatus.NOT_STARTED, ItemStatus.IN_PROGRESS)
        old = self._item(ItemStatus.SIGNED_OFF)
        if item and old:
            RectificationItem.objects.filter(pk=item.pk).update(recurring_of=old)
            rollup_refresh(branch_id=item.branch_id)

    def move_clock(self):
        """The daily job, run on a later (or the real) day."""
        shift = self.rng.choice([0, 1, 5, 30])
        rollups_overdue_advance(today=timezone.localdate() + datetime.timedelta(days=shift))

    def step(self):
        op = self.rng.choices(
            [
                self.add_listed_problem,
                self.edit_problem,
                self.merge_problems,
                self.add_ledger_problem,
                self.add_item,
                self.start,
                self.mark_done,
                self.sign_off,
                self.send_back,
                self.move_deadline,
                self.flag_recurring,
                self.move_clock,
            ],
            weights=[6, 4, 3, 6, 5, 5, 5, 4, 2, 3, 2, 1],
        )[0]
        op()


@pytest.mark.parametrize("seed", [1, 2])
def test_rollups_equal_the_live_counts_after_random_operations(seed):
    world = World(seed)
    for i in range(1, 121):
        world.step()
        if i % 40 == 0:
            assert_rollups_match_live()
    for _ in range(3):  # whatever the draw, some merges
        world.merge_problems()
    assert RectificationItem.objects.exists() and Problem.objects.filter(merged_into__isnull=False)
    assert_rollups_match_live()
    assert_parents_match()


def test_a_rebuild_gives_the_rows_the_refreshes_kept():
    world = World(3)
    for _ in range(80):
        world.step()
    clock = RollupClock.objects.get().overdue_as_of
    kept, kept_months = stored_rollups(), stored_months()
    rollups_rebuild(today=clock)
    assert stored_rollups() == kept
    assert stored_months() == kept_months
    assert_parents_match()


def test_the_rows_above_a_branch_hold_the_sum_of_its_subtree():
    world = World(4)
    for _ in range(60):
        world.step()
    one = Organization.objects.get(name="一号党委")
    general = Organization.objects.get(name="党总支")
    totals = {
        org.pk: sum(r.items for r in Rollup.objects.filter(organization=org))
        for org in (one, general)
    }
    assert (
        totals[one.pk]
        == RectificationItem.objects.filter(branch__path__startswith=one.path).count()
    )
    assert (
        totals[general.pk]
        == RectificationItem.objects.filter(branch__path__startswith=general.path).count()
    )


def test_a_refresh_that_changes_nothing_writes_nothing():
    world = World(5)
    world.add_ledger_problem()
    branch = world.branches[0]["branch"]
    rollup_refresh(branch_id=branch.pk)
    with CaptureQueriesContext(connection) as ctx:
        rollup_refresh(branch_id=branch.pk)
    writes = [
        q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith("INSERT")
    ]
    assert writes == []


def test_the_overdue_clock_moves_and_goes_back():
    world = World(6)
    for _ in range(40):
        world.add_ledger_problem()
    today = timezone.localdate()
    later = today + datetime.timedelta(days=45)
    moved = rollups_overdue_advance(today=later)
    assert (
        moved
        == RectificationItem.objects.filter(
            status__in=["not_started", "in_progress"], deadline__gte=today, deadline__lt=later
        ).count()
    )
    assert moved > 0
    assert_rollups_match_live()
    assert rollups_overdue_advance(today=later) == 0  # idempotent
    rollups_overdue_advance(today=today)
    assert RollupClock.objects.get().overdue_as_of == today
    assert_rollups_match_live()
