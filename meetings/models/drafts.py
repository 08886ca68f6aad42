"""对照检查材料 / 发言提纲: one per member per meeting (and one joint committee draft).

Private by design: the author; the branch secretary once submitted; the supervisor above
for the committee draft (and the secretary's own). See ``meetings.querysets.draft_q``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meetings.choices import DraftPart, DraftStatus, ProblemCategory
from meetings.models.meeting import Meeting
from meetings.querysets import DraftQuerySet, DraftRelatedQuerySet
from members.models import Member


class Draft(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="drafts")
    author = models.ForeignKey(
        Member, verbose_name=_("撰写人"), on_delete=models.PROTECT, related_name="drafts"
    )
    is_committee = models.BooleanField(_("班子对照检查材料"), default=False)
    status = models.CharField(
        _("状态"), max_length=20, choices=DraftStatus.choices, default=DraftStatus.WRITING
    )
    written_statement = models.BooleanField(
        _("书面发言"), default=False, help_text=_("不能到会时勾选,会上由他人代为宣读。")
    )
    gains = models.TextField(_("学习收获"), blank=True, max_length=5000)
    cause_thinking = models.TextField(_("思想意识"), blank=True, max_length=3000)
    cause_conduct = models.TextField(_("能力作风"), blank=True, max_length=3000)
    cause_family = models.TextField(_("家风环境"), blank=True, max_length=3000)
    cause_other = models.TextField(_("其他根源"), blank=True, max_length=3000)
    direction = models.TextField(_("努力方向"), blank=True, max_length=3000)
    version = models.PositiveIntegerField(_("已提交版本数"), default=0)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    approved_at = models.DateTimeField(_("通过时间"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = DraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("对照检查材料")
        verbose_name_plural = _("对照检查材料")
        ordering = ["meeting", "-is_committee", "author__name"]
        indexes = [
            # the supervisor's review list, oldest first, a keyset page at a time
            models.Index(
                fields=["submitted_at", "id"],
                name="draft_submitted",
                condition=Q(status=DraftStatus.SUBMITTED),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "author"],
                condition=Q(is_committee=False),
                name="one_draft_per_member_per_meeting",
            ),
            models.UniqueConstraint(
                fields=["meeting"],
                condition=Q(is_committee=True),
                name="one_committee_draft_per_meeting",
            ),
            models.CheckConstraint(
                condition=Q(status=DraftStatus.APPROVED, approved_at__isnull=False)
                | (~Q(status=DraftStatus.APPROVED) & Q(approved_at__isnull=True)),
                name="draft_approved_at_matches_status",
            ),
            models.CheckConstraint(
                condition=Q(status=DraftStatus.WRITING) | Q(version__gte=1),
                name="draft_submitted_has_version",
            ),
        ]

    def __str__(self) -> str:
        if self.is_committee:
            return str(_("班子对照检查材料"))
        return f"{self.author} · {_('对照检查材料')}"

    @property
    def editable(self) -> bool:
        return self.status in (DraftStatus.WRITING, DraftStatus.RETURNED)


class DraftProblem(models.Model):
    """查摆问题: one concrete problem, with a real example."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="problems")
    order = models.PositiveSmallIntegerField(_("序号"))
    category = models.CharField(_("类别"), max_length=20, choices=ProblemCategory.choices)
    text = models.TextField(_("问题"), max_length=1000)
    example = models.TextField(_("具体事例"), blank=True, max_length=1000)

    objects = DraftRelatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("查摆问题")
        verbose_name_plural = _("查摆问题")
        ordering = ["draft", "order"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "order"], name="draft_problem_order")
        ]

    def __str__(self) -> str:
        return self.text[:40]


class DraftMeasure(models.Model):
    """整改措施: tied to one of the draft's problems, with a deadline."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="measures")
    problem = models.ForeignKey(
        DraftProblem,
        verbose_name=_("针对问题"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures",
    )
    order = models.PositiveSmallIntegerField(_("序号"))
    text = models.TextField(_("措施"), max_length=1000)
    deadline = models.DateField(_("完成时限"), null=True, blank=True)

    objects = DraftRelatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("整改措施")
        verbose_name_plural = _("整改措施")
        ordering = ["draft", "order"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "order"], name="draft_measure_order")
        ]

    def __str__(self) -> str:
        return self.text[:40]


class DraftVersion(models.Model):
    """A submitted version: a frozen snapshot of every part, for the reviewer's diff."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版本"))
    snapshot = models.JSONField()
    submitted_at = models.DateTimeField(auto_now_add=True)

    objects = DraftRelatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("提交版本")
        verbose_name_plural = _("提交版本")
        ordering = ["draft", "number"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "number"], name="draft_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.draft} v{self.number}"


class DraftComment(models.Model):
    """A reviewer's comment on one part of one version."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="comments")
    version = models.PositiveIntegerField(_("版本"))
    part = models.CharField(_("部分"), max_length=20, choices=DraftPart.choices)
    text = models.TextField(_("意见"), max_length=2000)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    objects = DraftRelatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("审核意见")
        verbose_name_plural = _("审核意见")
        ordering = ["draft", "version", "pk"]

    def __str__(self) -> str:
        return self.text[:40]
