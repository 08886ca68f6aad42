import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting
from members.models import Member, Organization
from rectification import deadlines
from rectification.choices import Difficulty, EventKind, ItemStatus, Priority
from rectification.models.problem import Problem
from rectification.querysets import RectificationItemQuerySet


def owner_label(*, is_committee: bool, owner: object, lead: object) -> str:
    """Who answers for an item, as every list and export shows it: the member, or the branch
    committee with its lead (``owner`` and ``lead``: members or their names; None shows as
    nothing)."""
    if is_committee:
        return f"{_('支部班子')}({_('牵头')}:{'' if lead is None else lead})"
    return "" if owner is None else str(owner)


class RectificationItem(models.Model):
    """整改台账的一项: a measure for a problem with an owner, a deadline and a status."""

    problem = models.ForeignKey(Problem, on_delete=models.PROTECT, related_name="items")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="rectification_items", editable=False
    )
    branch = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="rectification_items", editable=False
    )
    measure = models.TextField(_("整改措施"), max_length=2000)
    owner = models.ForeignKey(
        Member,
        verbose_name=_("责任人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rectification_items",
    )
    is_committee = models.BooleanField(_("班子整改事项"), default=False)
    lead = models.ForeignKey(
        Member,
        verbose_name=_("牵头人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_items",
    )
    deadline = models.DateField(_("整改时限"))
    original_deadline = models.DateField(_("原定时限"), editable=False)
    priority = models.CharField(
        _("轻重缓急"), max_length=20, choices=Priority.choices, default=Priority.IMPORTANT
    )
    difficulty = models.CharField(
        _("难易程度"), max_length=20, choices=Difficulty.choices, default=Difficulty.MEDIUM
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.NOT_STARTED
    )
    started_at = models.DateTimeField(_("开始整改时间"), null=True, blank=True)
    done_at = models.DateTimeField(_("申请销号时间"), null=True, blank=True)
    signed_off_at = models.DateTimeField(_("销号时间"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recurring_of = models.ForeignKey(
        "self",
        verbose_name=_("屡改屡在:与已销号事项相似"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RectificationItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("整改事项")
        verbose_name_plural = _("整改台账")
        ordering = ["deadline", "pk"]
        indexes = [
            models.Index(fields=["branch", "status", "deadline"], name="item_branch_status"),
            models.Index(fields=["owner", "status"], name="item_owner_status"),
            # the open items by deadline (overdue counts over a range of days) and, with the
            # id, in the overdue list's order (supervision.selectors.OVERDUE_LIST_KEYS): a
            # page after (deadline, id) is one range, not the rest of that day's items
            models.Index(
                fields=["deadline", "id"],
                name="item_open_deadline",
                condition=~Q(status=deadlines.SIGNED_OFF),
            ),
            # the records' "屡改屡在" (records.selectors): a branch's recurring items only
            models.Index(
                fields=["branch", "owner"],
                name="item_owner_recurring",
                condition=Q(recurring_of__isnull=False),
            ),
            # the supervisor's 屡改屡在 (supervision.selectors.recurring_items): a meeting's
            # recurring items, probed per meeting of the period in the list's order
            models.Index(
                fields=["meeting", "id"],
                name="item_meeting_recurring",
                condition=Q(recurring_of__isnull=False),
            ),
            # the supervisor's 待我销号 (supervision.selectors.awaiting_items): only the items
            # awaiting sign-off, in the list's order, so a page reads a page's worth of them
            models.Index(
                fields=["deadline", "id"],
                name="item_awaiting_deadline",
                condition=Q(status=deadlines.AWAITING_SIGNOFF),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_committee=True, owner__isnull=True, lead__isnull=False)
                | Q(is_committee=False, owner__isnull=False),
                name="item_one_owner",
            ),
            models.CheckConstraint(
                condition=Q(status=deadlines.SIGNED_OFF, signed_off_at__isnull=False)
                | (~Q(status=deadlines.SIGNED_OFF) & Q(signed_off_at__isnull=True)),
                name="item_signed_off_at_matches_status",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[deadlines.AWAITING_SIGNOFF, deadlines.SIGNED_OFF])
                | Q(done_at__isnull=False),
                name="item_done_before_signoff",
            ),
            models.CheckConstraint(
                condition=Q(status=deadlines.NOT_STARTED) | Q(started_at__isnull=False),
                name="item_started_at_when_started",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[deadlines.AWAITING_SIGNOFF, deadlines.SIGNED_OFF])
                | Q(done_at__isnull=True),
                name="item_done_at_only_when_done",
            ),
        ]

    def __str__(self) -> str:
        return self.measure[:40]

    @property
    def owner_label(self) -> str:
        return owner_label(is_committee=self.is_committee, owner=self.owner, lead=self.lead)

    def is_overdue(self, today=None) -> bool:
        from django.utils import timezone

        return deadlines.is_overdue(
            status=self.status, deadline=self.deadline, today=today or timezone.localdate()
        )


def evidence_path(instance, filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"evidence/{instance.item.branch_id}/{uuid.uuid4().hex}.{ext}"


class ProgressUpdate(models.Model):
    """整改进展: a date, a line of text, and — only if the owner wants — a piece of evidence."""

    item = models.ForeignKey(RectificationItem, on_delete=models.CASCADE, related_name="progress")
    on = models.DateField(_("日期"))
    text = models.TextField(_("进展情况"), max_length=2000)
    evidence = models.FileField(_("佐证材料(选填)"), upload_to=evidence_path, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("整改进展")
        verbose_name_plural = _("整改进展")
        ordering = ["item", "on", "pk"]

    def __str__(self) -> str:
        return self.text[:40]


class ItemEvent(models.Model):
    """The item's history: who did what, when. Shown as a timeline; never edited."""

    item = models.ForeignKey(RectificationItem, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    detail = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("整改记录")
        verbose_name_plural = _("整改记录")
        ordering = ["item", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d}"


class Interview(models.Model):
    """约谈: a talk with the owner of overdue items, and the new deadline agreed."""

    branch = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="interviews")
    member = models.ForeignKey(
        Member, verbose_name=_("约谈对象"), on_delete=models.PROTECT, related_name="interviews"
    )
    items = models.ManyToManyField(
        RectificationItem, verbose_name=_("涉及事项"), related_name="interviews"
    )
    held_on = models.DateField(_("约谈日期"))
    interviewer = models.CharField(_("约谈人"), max_length=100)
    said = models.TextField(_("谈话内容"), max_length=3000)
    new_deadline = models.DateField(_("商定的新时限"), null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("约谈")
        verbose_name_plural = _("约谈")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.member} {self.held_on}"


class LedgerPublicity(models.Model):
    """A branch's ledger publicity (公示) by a public link, when the secretary turns it on."""

    branch = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="publicity")
    enabled = models.BooleanField(_("通过公开链接公示"), default=False)
    token = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("台账公示")
        verbose_name_plural = _("台账公示")

    def __str__(self) -> str:
        return str(self.branch)
