"""会中: criticism of each other (相互批评) and the minutes (会议记录). Attendance is on
``Attendee``; self-criticism follows the approved drafts."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from meetings.choices import ProblemCategory
from meetings.models.meeting import Meeting
from meetings.querysets import MeetingRelatedQuerySet
from members.models import Member


class Criticism(models.Model):
    """One criticism at the meeting: who criticised whom, what was said, and the reply."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="criticisms")
    critic = models.ForeignKey(
        Member, verbose_name=_("批评人"), on_delete=models.PROTECT, related_name="+"
    )
    target = models.ForeignKey(
        Member, verbose_name=_("被批评人"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("批评意见"), max_length=2000)
    reply = models.TextField(_("回应"), blank=True, max_length=2000)
    # Marked during the meeting: the problem list takes it by itself (owner: the target).
    as_problem = models.BooleanField(_("列入问题清单"), default=False)
    problem_category = models.CharField(
        _("问题类别"), max_length=20, choices=ProblemCategory.choices, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingRelatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("相互批评")
        verbose_name_plural = _("相互批评")
        ordering = ["meeting", "target", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(critic=F("target")), name="criticism_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.critic} → {self.target}"


class Minutes(models.Model):
    """会议记录 — short and structured, not a transcript."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    host = models.ForeignKey(
        Member,
        verbose_name=_("主持人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorder = models.ForeignKey(
        Member,
        verbose_name=_("记录人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    rectification_report = models.TextField(_("上次整改情况通报要点"), blank=True, max_length=3000)
    key_points = models.TextField(_("会议要点"), blank=True, max_length=5000)
    upper_comments = models.TextField(_("上级党组织点评意见"), blank=True, max_length=5000)
    resolutions = models.TextField(_("会议决定"), blank=True, max_length=3000)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingRelatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("会议记录")
        verbose_name_plural = _("会议记录")

    def __str__(self) -> str:
        return str(self.meeting)
