"""征求意见. Signed opinions name their author; anonymous ones cannot be traced back.

``AnonymousOpinion`` has, by design, no author, no IP, no user agent and no timestamp:
a random UUID key and the date it was received. Nothing records which member gave an
anonymous opinion (its receipt code is held only by the giver; the row keeps a keyed hash), and lists order it by its random key, never by
insertion. Do not add audit history to it.
"""

import secrets
import uuid

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.choices import OpinionDisposition, OpinionSource, OpinionTarget
from meetings.models.meeting import Meeting
from meetings.querysets import AnonymousOpinionQuerySet, MeetingRelatedQuerySet, OpinionQuerySet
from members.models import Member


def new_public_token() -> str:
    return secrets.token_urlsafe(24)


class OpinionWindow(models.Model):
    """A period (start, end) in which opinions on one target are collected."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="opinion_windows")
    target = models.CharField(_("征求对象"), max_length=20, choices=OpinionTarget.choices)
    target_member = models.ForeignKey(
        Member,
        verbose_name=_("针对党员"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("截止时间"))
    public_enabled = models.BooleanField(_("允许群众通过链接提意见"), default=False)
    public_token = models.CharField(max_length=64, unique=True, default=new_public_token)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MeetingRelatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("意见征求")
        verbose_name_plural = _("意见征求")
        ordering = ["meeting", "starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="opinion_window_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(target=OpinionTarget.MEMBER, target_member__isnull=False)
                | (~Q(target=OpinionTarget.MEMBER) & Q(target_member__isnull=True)),
                name="opinion_window_member_target",
            ),
        ]

    def __str__(self) -> str:
        if self.target_member_id:
            return f"{self.get_target_display()}:{self.target_member}"
        return str(self.get_target_display())


class Opinion(models.Model):
    """A signed opinion (署名意见) from a member."""

    window = models.ForeignKey(OpinionWindow, on_delete=models.CASCADE, related_name="opinions")
    author = models.ForeignKey(
        Member, verbose_name=_("提出人"), on_delete=models.PROTECT, related_name="opinions_given"
    )
    text = models.TextField(_("意见内容"), max_length=2000)
    disposition = models.CharField(
        _("梳理结果"),
        max_length=20,
        choices=OpinionDisposition.choices,
        default=OpinionDisposition.UNSORTED,
    )
    note = models.CharField(_("梳理说明"), max_length=300, blank=True)
    # A date, not a time: a timestamp could be matched against access logs to tell which
    # of a member's POSTs was NOT a signed opinion — i.e. that they gave one anonymously.
    received_on = models.DateField(_("收到日期"), default=timezone.localdate)
    # The keyed hash of the receipt code shown once to the giver (meetings/receipts.py).
    receipt = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)

    objects = OpinionQuerySet.as_manager()

    class Meta:
        verbose_name = _("署名意见")
        verbose_name_plural = _("署名意见")

    def __str__(self) -> str:
        return self.text[:30]


class AnonymousOpinion(models.Model):
    """An anonymous opinion (无记名意见), from a member or the public. Unlinkable by design."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    window = models.ForeignKey(
        OpinionWindow, on_delete=models.CASCADE, related_name="anonymous_opinions"
    )
    source = models.CharField(_("来源"), max_length=20, choices=OpinionSource.choices)
    text = models.TextField(_("意见内容"), max_length=2000)
    received_on = models.DateField(_("收到日期"))
    disposition = models.CharField(
        _("梳理结果"),
        max_length=20,
        choices=OpinionDisposition.choices,
        default=OpinionDisposition.UNSORTED,
    )
    note = models.CharField(_("梳理说明"), max_length=300, blank=True)
    # The keyed hash of the receipt code shown once to the giver (meetings/receipts.py): it
    # finds the opinion from the code, never the giver from anything.
    receipt = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)

    objects = AnonymousOpinionQuerySet.as_manager()

    class Meta:
        verbose_name = _("无记名意见")
        verbose_name_plural = _("无记名意见")
        ordering = ["id"]  # random: never insertion order

    def __str__(self) -> str:
        return self.text[:30]
