from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meetings.choices import ProblemCategory
from meetings.models import AnonymousOpinion, Criticism, DraftProblem, Meeting, Opinion
from members.models import Member, Organization
from rectification.choices import ProblemSource
from rectification.querysets import ProblemQuerySet


class Problem(models.Model):
    """问题清单中的一个问题: an owner (a member or the committee), a category, its source
    (linked) and its root cause."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="problems")
    branch = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="problems", editable=False
    )
    owner = models.ForeignKey(
        Member,
        verbose_name=_("责任人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="problems",
    )
    is_committee = models.BooleanField(_("支部班子的问题"), default=False)
    category = models.CharField(_("类别"), max_length=20, choices=ProblemCategory.choices)
    text = models.TextField(_("问题"), max_length=1000)
    example = models.TextField(_("具体表现"), blank=True, max_length=1000)
    root_cause = models.TextField(_("根源剖析"), blank=True, max_length=1000)
    source = models.CharField(_("来源"), max_length=20, choices=ProblemSource.choices)
    draft_problem = models.ForeignKey(
        DraftProblem, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    criticism = models.ForeignKey(
        Criticism, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opinion = models.ForeignKey(
        Opinion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    anonymous_opinion = models.ForeignKey(
        AnonymousOpinion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("已合并到"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProblemQuerySet.as_manager()

    class Meta:
        verbose_name = _("问题")
        verbose_name_plural = _("问题清单")
        ordering = ["meeting", "-is_committee", "owner__name", "pk"]
        indexes = [
            models.Index(fields=["branch", "meeting"], name="problem_branch_meeting"),
            models.Index(fields=["owner", "created_at"], name="problem_owner"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_committee=True, owner__isnull=True)
                | Q(is_committee=False, owner__isnull=False),
                name="problem_one_owner",
            ),
            models.CheckConstraint(
                condition=(~Q(source=ProblemSource.DRAFT) | Q(draft_problem__isnull=False))
                & (~Q(source=ProblemSource.CRITICISM) | Q(criticism__isnull=False))
                & (
                    ~Q(source=ProblemSource.OPINION)
                    | Q(opinion__isnull=False)
                    | Q(anonymous_opinion__isnull=False)
                ),
                name="problem_source_linked",
            ),
            models.UniqueConstraint(
                fields=["draft_problem"],
                condition=Q(draft_problem__isnull=False),
                name="problem_once_per_draft_problem",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:40]

    @property
    def owner_label(self) -> str:
        return str(_("支部班子")) if self.is_committee else str(self.owner)
