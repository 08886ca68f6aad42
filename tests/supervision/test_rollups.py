"""The rollups stay equal to the live counts whatever the services do, in any order."""

from __future__ import annotations

import datetime
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings.choices import MeetingStatus, ProblemCategory
from meetings.models import Draft, Meeting
from meetings.services import drafts as draft_services
from meetings.services import meeting as meeting_services
from members import services as member_services
from members.changes import branch_changed
from members.models import BranchChange, Member, Organization
from rectification.choices import Difficulty, ItemStatus, Priority
from rectification.models import LookBack, Problem, RectificationItem
from rectification.services import items as item_services
from rectification.services import lifecycle, lookbacks, problems
from supervision.models import Rollup, RollupBranches, RollupClock
from supervision.services.rollups import (
    rollups_fold,
    rollups_overdue_advance,
    rollups_rebuild,
)
from tests.members.factories import (
    MemberFactory,
    OrganizationFactory,
    SupervisorFactory,
    UserFactory,
)
from tests.supervision.conftest import held_meeting
from tests.supervision.rollup_check import (
    assert_branch_counts_match_live,
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
        members = [MemberFactory(branch=branch, position="secretary")]  # writes drafts
        members += [MemberFactory(branch=branch, user=None, position="organization")]
        members += [MemberFactory(branch=branch, user=None) for _ in range(2)]
        out.append(
            {
                "branch": branch,
                "members": members,
                # problems are listed at a held meeting; items at one closed into 整改中
                "held": held_meeting(branch, hours_ago=24 * 100, status=MeetingStatus.HELD),
                "rectifying": held_meeting(branch, hours_ago=24 * 60),
                "supervisor": SupervisorFactory(organization=one if parent != two else two).user,
            }
        )
        branch_changed(branch_id=branch.pk)  # as the meeting services do
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
        active = list(
            Member.objects.filter(branch_id=problem.branch_id, is_active=True).exclude(position="")
        )
        item_services.item_create(
            problem=problem,
            by=self.admin,
            lead=self.rng.choice(active) if problem.is_committee else None,
            measure=f"于期限内完成整改并报告,第 {self.n} 项",
            deadline=day + datetime.timedelta(days=self.rng.randint(1, 120)),
            priority=self.rng.choice(Priority.values),
            difficulty=self.rng.choice(Difficulty.values),
        )

    def _item(self, *statuses):
        return self._pick(RectificationItem.objects.filter(status__in=statuses))

    def start(self):
        if item := self._item(ItemStatus.NOT_STARTED):
            item_services.item_start(item=item, by=self.admin)

    def mark_done(self):
        if item := self._item(ItemStatus.NOT_STARTED, ItemStatus.IN_PROGRESS):
            person = item.owner or item.lead  # who reports it done, when they log in
            by = person.user if person and person.user_id else self.admin
            item_services.item_mark_done(item=item, by=by)

    def sign_off(self):
        if item := self._item(ItemStatus.AWAITING_SIGNOFF):
            item_services.item_sign_off(item=item, by=self.admin)

    def send_back(self):
        if item := self._item(ItemStatus.AWAITING_SIGNOFF):
            item_services.item_send_back(
                item=item, by=self.admin, reason="佐证不足,请补充整改情况。"
            )

    def move_deadline(self):
        item = self._item(ItemStatus.NOT_STARTED, ItemStatus.IN_PROGRESS)
        if item is None:
            return
        day = timezone.localtime(item.meeting.starts_at).date()
        item_services.item_update(
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
            branch_changed(branch_id=item.branch_id)

    def move_clock(self):
        """The daily job, run on a later (or the real) day."""
        shift = self.rng.choice([0, 1, 5, 30])
        rollups_overdue_advance(today=timezone.localdate() + datetime.timedelta(days=shift))

    # --- what the rollups count of meetings, drafts, members and look-backs ---

    def _branch(self):
        return self.rng.choice(self.branches)

    def plan_meeting(self):
        """A meeting planned some days ahead (so in this quarter, the next, or next year)."""
        b = self._branch()
        meeting_services.meeting_create(
            branch=b["branch"],
            by=self.admin,
            theme=f"专题组织生活会 {self.n}",
            starts_at=timezone.now() + datetime.timedelta(days=self.rng.randint(1, 400)),
            place="党员活动室",
            agenda=["开展批评和自我批评"],
        )

    def _open_meeting(self):
        return self._pick(Meeting.objects.filter(status__in=["planning", "preparing"]))

    def move_meeting(self):
        if (m := self._open_meeting()) is None:
            return
        meeting_services.meeting_update(
            meeting=m,
            by=self.admin,
            theme=m.theme,
            starts_at=m.starts_at + datetime.timedelta(days=self.rng.choice([-80, -30, 30, 120])),
            place=m.place,
            kind=m.kind,
            upper_org_attends=m.upper_org_attends,
            talk_peer_count=m.talk_peer_count,
            agenda=["开展批评和自我批评"],
            readings=[],
        )

    def cancel_meeting(self):
        if (m := self._open_meeting()) is not None:
            meeting_services.meeting_cancel(meeting=m, by=self.admin, reason="与上级会议冲突")

    def hold_meeting(self):
        if (m := self._open_meeting()) is None:
            return
        if m.status == MeetingStatus.PLANNING:
            m.starts_at = max(m.starts_at, timezone.now() + datetime.timedelta(hours=1))
            m.save(update_fields=["starts_at"])
            meeting_services.plan_submit(meeting=m, by=self.admin)
            meeting_services.plan_approve(meeting=m, by=self.admin)
            meeting_services.meeting_schedule(meeting=m, by=self.admin)
        m.starts_at = timezone.now()  # held on its day, never before
        m.save(update_fields=["starts_at"])
        lifecycle.meeting_hold(meeting=m, by=self.admin, override_reason="上级要求如期召开")

    def submit_committee_draft(self):
        if (m := self._open_meeting()) is None:
            return
        secretary = Member.objects.get(branch_id=m.branch_id, position="secretary")
        draft = draft_services.draft_start(meeting=m, member=secretary, committee=True)
        if not draft.editable:
            return
        draft_services.draft_save(
            draft=draft,
            by=secretary.user,
            texts={"gains": "学习有收获"},
            problems=[{"category": "study", "text": "理论学习不够深入"}],
            measures=[{"problem": 1, "text": "每月精读一篇理论文章", "deadline": None}],
        )
        draft_services.draft_submit(draft=draft, by=secretary.user)

    def review_draft(self):
        draft = self._pick(Draft.objects.filter(status="submitted", is_committee=True))
        if draft is None:
            return
        b = next(b for b in self.branches if b["branch"].pk == draft.meeting.branch_id)
        if self.rng.random() < 0.5:
            draft_services.draft_approve(draft=draft, by=b["supervisor"])
        else:
            draft_services.draft_return(
                draft=draft, by=b["supervisor"], comments={"problems": "问题查摆不够具体"}
            )

    def toggle_secretary(self):
        secretary = self._branch()["members"][0]
        secretary.refresh_from_db()
        if secretary.is_active:
            member_services.member_deactivate(member=secretary)
        else:
            member_services.member_reactivate(member=secretary)

    def add_lookback(self):
        b = self._branch()
        day = timezone.localdate() + datetime.timedelta(days=self.rng.randint(-20, 40))
        if not LookBack.objects.filter(meeting=b["rectifying"], due_on=day).exists():
            lookbacks.lookback_add(meeting=b["rectifying"], by=self.admin, due_on=day)

    def move_lookback(self):
        lb = self._pick(LookBack.objects.filter(done_at__isnull=True))
        day = timezone.localdate() + datetime.timedelta(days=self.rng.randint(-20, 40))
        if lb and not LookBack.objects.filter(meeting=lb.meeting, due_on=day).exists():
            lookbacks.lookback_move(lookback=lb, by=self.admin, due_on=day)

    def finish_lookback(self, remove_share: float = 0.3):
        lb = self._pick(LookBack.objects.filter(done_at__isnull=True))
        if lb is None:
            return
        if self.rng.random() < remove_share:
            lookbacks.lookback_remove(lookback=lb, by=self.admin)
            return
        entries = {
            item.pk: {"progress": "按计划推进", "next_step": "继续落实"}
            for item in lookbacks.open_items(lb.meeting)
        }
        lookbacks.lookback_record(lookback=lb, by=self.admin, entries=entries)

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
                self.plan_meeting,
                self.move_meeting,
                self.cancel_meeting,
                self.hold_meeting,
                self.submit_committee_draft,
                self.review_draft,
                self.toggle_secretary,
                self.add_lookback,
                self.move_lookback,
                self.finish_lookback,
            ],
            weights=[6, 4, 3, 6, 5, 5, 5, 4, 2, 3, 2, 1, 4, 2, 1, 2, 3, 2, 1, 3, 2, 2],
        )[0]
        op()


@pytest.mark.parametrize("seed", [1, 2])
def test_rollups_equal_the_live_counts_after_random_operations(seed):
    world = World(seed)
    touched = set()  # the figures that were ever non-zero at a check
    for i in range(1, 121):
        world.step()
        if i % 20 == 0:
            assert_rollups_match_live()
            touched |= {f for row in stored_rollups().values() for f, n in row.items() if n}
    for _ in range(3):  # whatever the draw, some merges and a look-back carried out
        world.merge_problems()
    world.add_lookback()
    world.finish_lookback(remove_share=0)
    assert RectificationItem.objects.exists() and Problem.objects.filter(merged_into__isnull=False)
    assert_rollups_match_live()
    assert_parents_match()
    # the draw reached every kind of figure (else the comparison above proves little)
    assert touched >= {"branches_held", "branches_planned", "year_held", "year_planned"}
    assert touched >= {"drafts_awaiting", "lookbacks_due", "items_overdue", "items_awaiting"}
    assert Draft.objects.filter(status__in=["submitted", "approved", "returned"]).exists()
    assert LookBack.objects.filter(done_at__isnull=False).exists()


def test_a_rebuild_gives_the_rows_the_refreshes_kept():
    world = World(3)
    for _ in range(80):
        world.step()
    rollups_fold()
    clock = RollupClock.objects.get().overdue_as_of
    kept, kept_months = stored_rollups(), stored_months()
    branch_counts = dict(RollupBranches.objects.values_list("organization_id", "branches"))
    assert branch_counts  # the folds counted the branches created through the service
    rollups_rebuild(today=clock)
    assert stored_rollups() == kept
    assert stored_months() == kept_months
    assert dict(RollupBranches.objects.values_list("organization_id", "branches")) == branch_counts
    assert_branch_counts_match_live()
    assert_parents_match()


def test_the_rows_above_a_branch_hold_the_sum_of_its_subtree():
    world = World(4)
    for _ in range(60):
        world.step()
    rollups_fold()
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


def _writes_to(tables: tuple[str, ...], ctx) -> list[str]:
    return [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and any(t in q["sql"] for t in tables)
    ]


ROLLUP_TABLES = (Rollup._meta.db_table, "rectification_rollupmonth")


def test_a_fold_of_a_change_that_changes_nothing_writes_nothing():
    world = World(5)
    world.add_ledger_problem()
    branch = world.branches[0]["branch"]
    rollups_fold()
    branch_changed(branch_id=branch.pk)
    with CaptureQueriesContext(connection) as ctx:
        assert rollups_fold() == 1
    assert _writes_to(ROLLUP_TABLES, ctx) == []
    assert not BranchChange.objects.exists()


def test_a_writer_only_appends_to_the_journal_and_the_fold_brings_the_figures():
    """A change through a service touches no rollup row (so writers in different branches
    never wait on a shared row): it appends one journal row; the fold adds it up the tree."""
    world = World(7)
    world.add_ledger_problem()
    rollups_fold()
    assert not BranchChange.objects.exists()
    b = world.branches[0]

    def problems_per_org():
        out = {}
        for org_id, n in Rollup.objects.values_list("organization_id", "problems"):
            out[org_id] = out.get(org_id, 0) + n
        return out

    before = problems_per_org()
    with CaptureQueriesContext(connection) as ctx:
        problems.problem_add_supervisor(
            meeting=b["held"],
            by=b["supervisor"],
            owner=None,
            category=ProblemCategory.STUDY,
            text="学习制度执行不严格,集中学习缺课较多",
        )
    assert _writes_to(ROLLUP_TABLES, ctx) == []
    assert list(BranchChange.objects.values_list("branch_id", flat=True)) == [b["branch"].pk]
    assert problems_per_org() == before
    rollups_fold()
    after = problems_per_org()
    chain = Organization.objects.filter(
        path__in=[b["branch"].path[:i] for i in range(5, len(b["branch"].path) + 1, 5)]
    )
    for org in chain:
        assert after[org.pk] == before.get(org.pk, 0) + 1, org.name
    assert_rollups_match_live()


def test_the_overdue_clock_moves_and_goes_back():
    world = World(6)
    for _ in range(40):
        world.add_ledger_problem()
    rollups_fold()
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
