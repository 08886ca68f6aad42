"""回头看 ("术后复诊"): at set times after the meeting the secretary reviews every open item."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting
from members.querysets import branch_manage_q, branch_q
from rectification.models.ledger import RectificationItem


class LookBackQuerySet(models.QuerySet):
    def visible_to(self, user) -> "LookBackQuerySet":
        return self.filter(branch_q(user, "meeting__branch"))

    def manageable_by(self, user) -> "LookBackQuerySet":
        return self.filter(branch_manage_q(user, "meeting__branch"))

    def late(self, today) -> "LookBackQuerySet":
        return self.filter(done_at__isnull=True, due_on__lt=today)


class LookBack(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="lookbacks")
    due_on = models.DateField(_("应开展日期"))
    done_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    summary = models.TextField(_("总体情况"), blank=True, max_length=3000)

    objects = LookBackQuerySet.as_manager()

    class Meta:
        verbose_name = _("回头看")
        verbose_name_plural = _("回头看")
        ordering = ["meeting", "due_on"]
        indexes = [
            models.Index(fields=["due_on"], name="lookback_open", condition=Q(done_at__isnull=True))
        ]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "due_on"], name="lookback_once_a_day"),
            models.CheckConstraint(
                condition=Q(done_at__isnull=True) | Q(done_by__isnull=False),
                name="lookback_done_by_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.due_on}"


class LookBackEntry(models.Model):
    """One open item reviewed at a look-back: progress, difficulties, next step."""

    lookback = models.ForeignKey(LookBack, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey(RectificationItem, on_delete=models.CASCADE, related_name="+")
    progress = models.CharField(_("进展"), max_length=500)
    difficulties = models.CharField(_("困难"), max_length=500, blank=True)
    next_step = models.CharField(_("下一步"), max_length=500)

    class Meta:
        verbose_name = _("回头看记录")
        verbose_name_plural = _("回头看记录")
        constraints = [
            models.UniqueConstraint(fields=["lookback", "item"], name="lookback_entry_once")
        ]

    def __str__(self) -> str:
        return self.progress[:40]
