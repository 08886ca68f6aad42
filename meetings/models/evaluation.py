"""民主评议党员 by secret ballot.

A ``Ballot`` is unlinkable from its voter: a random UUID key, no voter, no timestamp,
and its marks also keyed by random UUIDs. ``VoteReceipt`` records only THAT a member has
voted (so nobody votes twice) — no time, no order (random UUID key), no ballot reference.
Nothing else — no history, no log line — ties them. Never add audit history to these.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meetings.choices import EvaluationStatus, Grade
from meetings.models.meeting import Meeting
from meetings.querysets import MeetingRelatedQuerySet
from members.models import Member, Organization


class Evaluation(models.Model):
    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="evaluation")
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=EvaluationStatus.choices,
        default=EvaluationStatus.SELF_ASSESSMENT,
    )
    finalized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Who closes the ballot: the branch secretary unless the committee names someone else.
    closer = models.ForeignKey(
        Member,
        verbose_name=_("负责结束投票的人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = MeetingRelatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("民主评议")
        verbose_name_plural = _("民主评议")

    def __str__(self) -> str:
        return f"{self.meeting} · {self.get_status_display()}"


class SelfAssessment(models.Model):
    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="self_assessments"
    )
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(_("自评等次"), max_length=20, choices=Grade.choices)
    text = models.TextField(_("自评"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("个人自评")
        verbose_name_plural = _("个人自评")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "member"], name="one_self_assessment")
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.get_grade_display()}"


class Ballot(models.Model):
    """A secret ballot. No voter, no timestamp: random key only."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="ballots")

    class Meta:
        verbose_name = _("选票")
        verbose_name_plural = _("选票")
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.id)


class BallotMark(models.Model):
    """One rating on a ballot: the rated member and the grade."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="marks")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(max_length=20, choices=Grade.choices)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "member"], name="one_mark_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.grade}"


class VoteReceipt(models.Model):
    """That a member has voted — nothing more."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="receipts")
    voter = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "voter"], name="one_vote_per_member")
        ]

    def __str__(self) -> str:
        return str(self.voter)


class EvaluationResult(models.Model):
    """The committee's proposed grade for a member (not decided by vote count alone)."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="results")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="evaluation_results")
    # The meeting's branch, copied by ``results_propose`` so the records' subtree query
    # ("graded 基本合格 or 不合格", records.selectors) is a range over branches into the
    # partial index below, without walking meetings and evaluations.
    branch = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", editable=False
    )
    grade = models.CharField(_("评定等次"), max_length=20, choices=Grade.choices)
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("评议结果")
        verbose_name_plural = _("评议结果")
        indexes = [
            # the records' "graded 基本合格 or 不合格" (records.selectors): only those rows
            models.Index(
                fields=["branch", "member"],
                name="result_below_qualified",
                condition=Q(grade__in=["basic", "unqualified"]),
            )
        ]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "member"], name="one_result_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.get_grade_display()}"
