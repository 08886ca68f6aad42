from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from members.models import Member


class RecordExport(models.Model):
    """That someone exported a member's record (党员组织生活纪实表), and when. Shown to the
    member on their record page. Never edited, never deleted with the record."""

    member = models.ForeignKey(
        Member, verbose_name=_("党员"), on_delete=models.PROTECT, related_name="record_exports"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导出人账号"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    by_label = models.CharField(_("导出人"), max_length=150)
    at = models.DateTimeField(_("导出时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("纪实导出记录")
        verbose_name_plural = _("纪实导出记录")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["member", "-at"], name="record_export_member")]

    def __str__(self) -> str:
        return f"{self.member} ← {self.by_label} {self.at:%Y-%m-%d %H:%M}"
