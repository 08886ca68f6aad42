from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from meetings.models.meeting import Meeting, Reading
from meetings.querysets import MeetingRelatedQuerySet
from members.models import Member


class StudySession(models.Model):
    """学习研讨 — recorded lightly: attendance and a line. Never a photo."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="study_sessions")
    held_on = models.DateField(_("日期"))
    topic = models.CharField(_("主题"), max_length=200)
    readings = models.ManyToManyField(
        Reading, verbose_name=_("学习书目"), blank=True, related_name="study_sessions"
    )
    attendees = models.ManyToManyField(
        Member, verbose_name=_("参加人员"), blank=True, related_name="study_sessions"
    )
    notes = models.CharField(_("一句话记录"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MeetingRelatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("学习研讨")
        verbose_name_plural = _("学习研讨")
        ordering = ["meeting", "held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.topic}"
