from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from meetings.choices import TalkRule
from meetings.models.meeting import Meeting
from meetings.querysets import MeetingRelatedQuerySet
from members.models import Member


class Talk(models.Model):
    """谈心谈话 between two members: a required pair from the plan, or one they chose.

    The pair is stored once, ordered (``member_a_id < member_b_id``). ``held_on`` is empty
    until the talk is recorded.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="talks")
    member_a = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    member_b = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    rule = models.CharField(_("依据"), max_length=20, choices=TalkRule.choices)
    required = models.BooleanField(_("必谈"), default=True)
    held_on = models.DateField(_("谈话日期"), null=True, blank=True)
    topic = models.CharField(_("谈话内容"), max_length=300, blank=True)
    outcome = models.CharField(_("谈话结果"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)

    objects = MeetingRelatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("谈心谈话")
        verbose_name_plural = _("谈心谈话")
        ordering = ["meeting", "member_a", "member_b"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member_a", "member_b"], name="talk_pair"),
            models.CheckConstraint(
                condition=Q(member_a__lt=F("member_b")), name="talk_pair_ordered"
            ),
            models.CheckConstraint(
                condition=Q(held_on__isnull=True) | ~Q(topic=""), name="talk_held_has_topic"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_a} ↔ {self.member_b}"

    @property
    def is_held(self) -> bool:
        return self.held_on is not None

    def other(self, member_id: int) -> Member:
        return self.member_b if self.member_a_id == member_id else self.member_a
