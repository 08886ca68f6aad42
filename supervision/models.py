"""Rollups (整改汇总): the ledger's figures kept per organization, so that a supervisor's
overview reads a handful of rows whether the subtree holds ten branches or a hundred
thousand.

A branch's rows are recomputed from live counts inside every transaction that changes its
problems, items, meetings, drafts or look-backs — announced by ``members.changes.branch_changed``
and folded by ``supervision.services.rollups.rollups_fold`` — and the difference is added
to every organization above it. So the row of an organization holds the sum over its whole
subtree, and reading the figures of any organization is reading its own rows (and its
children's, for the bars).

The tables keep the names they had when these models lived in ``rectification``
(``rectification_rollup`` …): the move to supervision, whose read model they are, changed
no data.

- ``Rollup``: one row per organization and quarter of the meeting that found the problems
  (so an overview can be for a year or a quarter), with problems by category and source,
  items by status, and the meeting figures: branches that held / only planned a meeting
  that quarter (and, on the row of the year's first quarter, that year — a branch meeting
  in two quarters is one branch of the year), drafts waiting for the supervisor and
  look-backs due and not done (both by the quarter of their meeting).
- ``RollupMonth``: one row per organization and calendar month: items created and items
  signed off that month (the trend chart).
- ``RollupClock``: one row. ``Rollup.items_overdue`` counts open items whose deadline is
  before ``overdue_as_of``; a reader adds the few items that fell due since (a live count
  over a range of days, by the partial index on open items' deadline), and the daily
  ``rollups_overdue_advance`` moves the clock to today. ``Rollup.lookbacks_due`` counts
  look-backs due on or before ``overdue_as_of`` in the same way.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from meetings.choices import ProblemCategory
from members.models import Organization
from rectification.choices import ItemStatus, ProblemSource

# The tables were created by rectification's migrations; moving the models here kept them.
_TABLE_PREFIX = "rectification_"

CATEGORY_FIELDS = {c.value: f"problems_{c.value}" for c in ProblemCategory}
SOURCE_FIELDS = {s.value: f"source_{s.value}" for s in ProblemSource}
ITEM_STATUS_FIELDS = {s.value: f"items_{s.value}" for s in ItemStatus}
MEETING_FIELDS = (
    "branches_held",
    "branches_planned",
    "year_held",
    "year_planned",
    "drafts_awaiting",
    "lookbacks_due",
)
# Every summed column of Rollup, in a fixed order (the services and readers use it).
COUNT_FIELDS = (
    "problems",
    *CATEGORY_FIELDS.values(),
    *SOURCE_FIELDS.values(),
    "items",
    *ITEM_STATUS_FIELDS.values(),
    "items_recurring",
    "items_overdue",
    *MEETING_FIELDS,
)
MONTH_FIELDS = ("items_created", "items_signed_off")


def _count(label):
    # Signed: rows are changed by adding differences (see rollup_refresh), and a check
    # constraint would reject the difference before the upsert adds it.
    return models.IntegerField(label, default=0)


class Rollup(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="rollups", verbose_name=_("党组织")
    )
    # Copied from the organization when the row is made: children are read by ``parent``
    # and ancestors are found by ``path``. Moving an organization needs rollups_rebuild().
    parent = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    path = models.CharField(max_length=255, db_index=True)
    quarter = models.DateField(_("会议所在季度"))

    problems = _count(_("问题数"))
    problems_politics = _count(_("政治信仰"))
    problems_study = _count(_("理论学习"))
    problems_discipline = _count(_("纪律规矩"))
    problems_duty = _count(_("担当作为"))
    problems_style = _count(_("工作作风"))
    problems_integrity = _count(_("廉洁自律"))
    problems_masses = _count(_("联系群众"))
    problems_role = _count(_("先锋模范作用"))
    problems_other = _count(_("其他"))
    source_draft = _count(_("对照检查查摆"))
    source_criticism = _count(_("相互批评"))
    source_opinion = _count(_("征求意见"))
    source_supervisor = _count(_("上级点评"))
    items = _count(_("整改事项"))
    items_not_started = _count(_("未开始"))
    items_in_progress = _count(_("整改中"))
    items_awaiting = _count(_("待销号"))
    items_signed_off = _count(_("已销号"))
    items_recurring = _count(_("屡改屡在"))
    items_overdue = _count(_("逾期(截至汇总日)"))
    # Branches (below the organization) whose meeting falls in this quarter: held, or only
    # planned (not held, not cancelled). year_*: the same for the whole year, kept on the
    # row of the year's first quarter only.
    branches_held = _count(_("本季度已召开的党支部"))
    branches_planned = _count(_("本季度已计划未召开的党支部"))
    year_held = _count(_("本年度已召开的党支部"))
    year_planned = _count(_("本年度已计划未召开的党支部"))
    drafts_awaiting = _count(_("待上级审核的对照检查材料"))
    lookbacks_due = _count(_("到期未开展的回头看(截至汇总日)"))

    class Meta:
        db_table = f"{_TABLE_PREFIX}rollup"
        verbose_name = _("整改汇总")
        verbose_name_plural = _("整改汇总")
        constraints = [
            models.UniqueConstraint(fields=["organization", "quarter"], name="rollup_org_quarter")
        ]
        indexes = [models.Index(fields=["parent", "quarter"], name="rollup_children")]

    def __str__(self) -> str:
        return f"{self.organization_id} · {self.quarter:%Y-%m}"


class RollupMonth(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("党组织")
    )
    path = models.CharField(max_length=255, db_index=True)
    month = models.DateField(_("月份"))
    items_created = _count(_("新建整改事项"))
    items_signed_off = _count(_("销号整改事项"))

    class Meta:
        db_table = f"{_TABLE_PREFIX}rollupmonth"
        verbose_name = _("整改月度汇总")
        verbose_name_plural = _("整改月度汇总")
        constraints = [
            models.UniqueConstraint(fields=["organization", "month"], name="rollup_month_org")
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} · {self.month:%Y-%m}"


class RollupClock(models.Model):
    """A single row: the date up to which ``Rollup.items_overdue`` counts."""

    overdue_as_of = models.DateField(_("逾期统计截至"))

    class Meta:
        db_table = f"{_TABLE_PREFIX}rollupclock"
        verbose_name = _("汇总日期")
        verbose_name_plural = _("汇总日期")

    def __str__(self) -> str:
        return f"{self.overdue_as_of}"


class RollupBranches(models.Model):
    """One row per organization with a branch below it: how many branches its subtree
    holds (a branch counts itself). The supervisor's home and drill-down read the figure
    here instead of counting the organization tree, so the count costs one row at 100
    branches or 300,000. Kept by ``rollups_fold`` (``organization_create`` announces a new
    branch in the journal) and recomputed by ``rollups_rebuild``."""

    organization = models.OneToOneField(
        Organization,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
        verbose_name=_("党组织"),
    )
    path = models.CharField(max_length=255)
    branches = _count(_("党支部数"))

    class Meta:
        verbose_name = _("党支部数汇总")
        verbose_name_plural = _("党支部数汇总")

    def __str__(self) -> str:
        return f"{self.organization_id} · {self.branches}"
