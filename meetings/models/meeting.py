from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meetings.choices import MeetingKind, MeetingStatus, PlanAction, PlanStatus
from meetings.querysets import MeetingQuerySet, MeetingRelatedQuerySet
from members.models import Member, Organization

HELD_STATUSES = (MeetingStatus.HELD, MeetingStatus.RECTIFYING, MeetingStatus.COMPLETED)


class Meeting(models.Model):
    """组织生活会: the plan (方案), its status, and everything hung on it."""

    branch = models.ForeignKey(
        Organization,
        verbose_name=_("党支部"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    kind = models.CharField(
        _("类型"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.THEMED
    )
    theme = models.CharField(_("主题"), max_length=200)
    starts_at = models.DateTimeField(_("召开时间"))
    place = models.CharField(_("地点"), max_length=200)
    upper_org_attends = models.BooleanField(_("上级党组织派人列席指导"), default=False)
    upper_attendee = models.CharField(_("上级列席人员"), max_length=100, blank=True)
    talk_peer_count = models.PositiveSmallIntegerField(
        _("每名党员至少与几名党员谈心"),
        default=1,
        help_text=_("谈心谈话计划据此生成。"),
    )
    rectify_months = models.PositiveSmallIntegerField(
        _("整改时限默认(会后几个月)"),
        default=3,
        help_text=_("转入整改时,未写时限的整改事项默认在会议日期后这么多个月内完成。"),
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNING
    )
    plan_status = models.CharField(
        _("方案审批"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    scheduled_at = models.DateTimeField(_("发出通知时间"), null=True, blank=True)
    # When "已召开" was recorded; the meeting's own time is always ``starts_at``.
    held_at = models.DateTimeField(_("登记召开的时间"), null=True, blank=True)
    readiness_override_reason = models.TextField(_("未就绪仍召开的理由"), blank=True)
    problems_published_at = models.DateTimeField(_("问题清单公示时间"), null=True, blank=True)
    report_sent_at = models.DateTimeField(_("报告上报时间"), null=True, blank=True)
    cancelled_reason = models.CharField(_("取消原因"), max_length=300, blank=True)
    # Set (never cleared) when an item of this meeting's ledger is flagged 屡改屡在
    # (rectification.services.items): the supervisor's 屡改屡在 list walks only these
    # meetings, newest first, by the partial index ``meeting_recurring``.
    has_recurring_items = models.BooleanField(
        _("有屡改屡在事项"), default=False, db_default=False, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("组织生活会")
        verbose_name_plural = _("组织生活会")
        ordering = ["-starts_at", "-pk"]
        indexes = [
            models.Index(fields=["branch", "status", "starts_at"], name="meeting_branch"),
            # the meeting list, newest first, a keyset page at a time (meetings.selectors)
            models.Index(fields=["starts_at", "id"], name="meeting_starts"),
            # the supervisor's 屡改屡在 (supervision.selectors.recurring_items)
            models.Index(
                fields=["starts_at", "id"],
                name="meeting_recurring",
                condition=Q(has_recurring_items=True),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in HELD_STATUSES], held_at__isnull=False)
                | (~Q(status__in=[s.value for s in HELD_STATUSES]) & Q(held_at__isnull=True)),
                name="meeting_held_at_matches_status",
            ),
            models.CheckConstraint(
                condition=Q(status=MeetingStatus.PLANNING)
                | Q(scheduled_at__isnull=False)
                | Q(status=MeetingStatus.CANCELLED),
                name="meeting_scheduled_before_preparing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.branch} · {self.theme}"

    @property
    def is_open_for_preparation(self) -> bool:
        return self.status in (MeetingStatus.PLANNING, MeetingStatus.PREPARING)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(_("顺序"))
    title = models.CharField(_("议程"), max_length=200)

    objects = MeetingRelatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("议程")
        verbose_name_plural = _("议程")
        ordering = ["meeting", "order"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="agenda_order_unique")
        ]

    def __str__(self) -> str:
        return self.title


class Reading(models.Model):
    """规定书目 — a required reading."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="readings")
    order = models.PositiveSmallIntegerField(_("顺序"))
    title = models.CharField(_("书目"), max_length=200)

    objects = MeetingRelatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("规定书目")
        verbose_name_plural = _("规定书目")
        ordering = ["meeting", "order"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="reading_order_unique")
        ]

    def __str__(self) -> str:
        return self.title


class Attendee(models.Model):
    """An expected attendee (应到); the day's attendance is recorded on the same row."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="attendances")
    present = models.BooleanField(_("实到"), null=True, blank=True)
    absence_reason = models.CharField(_("缺席原因"), max_length=200, blank=True)

    objects = MeetingRelatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("参会人员")
        verbose_name_plural = _("参会人员")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendee_unique")
        ]
        indexes = [
            # the records' "absent without a reason" (records.selectors): a meeting's few
            # such rows, not everyone expected at it
            models.Index(
                fields=["meeting", "member"],
                name="attendee_absent_no_reason",
                condition=Q(present=False, absence_reason=""),
            )
        ]

    def __str__(self) -> str:
        return str(self.member)


class PlanReview(models.Model):
    """One step of the plan's approval: submitted, approved or returned with a comment."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="plan_reviews")
    action = models.CharField(_("操作"), max_length=20, choices=PlanAction.choices)
    comment = models.TextField(_("意见"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("操作人"),
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    objects = MeetingRelatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("方案审批记录")
        verbose_name_plural = _("方案审批记录")
        ordering = ["meeting", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d}"
