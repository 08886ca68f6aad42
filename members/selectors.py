"""Reads for the roster and the organization tree."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from members.models import Member, Organization
from members.querysets import scope_of


def roster_members(*, user, branch: Organization) -> QuerySet[Member]:
    """The members of a branch as the user may see them, with their login in the same query."""
    return (
        Member.objects.visible_to(user)
        .filter(branch=branch)
        .select_related("user")
        .order_by("-is_active", "name", "pk")
    )


BRANCH_LIST_KEYS = ("path",)


def branches_for(*, user) -> QuerySet[Organization]:
    """Branches in the user's scope in tree order (``BRANCH_LIST_KEYS``: a range of the
    ``org_kind_path`` index, keyset-paged), each with its active member count — a count
    over the ``member_roster`` index for the rows of the page only."""
    active = (
        Member.objects.filter(branch=OuterRef("pk"), is_active=True)
        .order_by()
        .values("branch")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Organization.objects.visible_to(user)
        .branches()
        .annotate(active_members=Coalesce(Subquery(active, output_field=IntegerField()), 0))
        .order_by(*BRANCH_LIST_KEYS)
    )


def can_manage_branch(*, user, branch: Organization) -> bool:
    """Whether the user may change the branch's roster (no query once the scope is known)."""
    scope = scope_of(user)
    return (
        scope.everything
        or scope.managed_branch_id == branch.pk
        or any(branch.path.startswith(p) for p in scope.supervised_paths)
    )


def home_branch(*, user) -> Organization | None:
    scope = scope_of(user)
    if scope.branch_id is None:
        return None
    return Organization.objects.filter(pk=scope.branch_id).first()


def supervised_organizations(*, user) -> QuerySet[Organization]:
    return Organization.objects.filter(supervisors__user=user).order_by("path")


def ancestor_paths(org: Organization) -> list[str]:
    """Paths of the organization and every organization above it (materialized path)."""
    step = Organization.steplen
    return [org.path[:i] for i in range(step, len(org.path) + 1, step)]


def supervisor_users(*, branch: Organization):
    """Users who supervise the branch (assigned to it or any organization above it)."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(is_active=True, supervisions__organization__path__in=ancestor_paths(branch))
        .distinct()
    )


def committee_users(*, branch: Organization):
    """Login accounts of the branch committee (支委)."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(is_active=True, member__branch=branch, member__is_active=True)
        .exclude(member__position="")
    )


def can_supervise_branch(*, user, branch: Organization) -> bool:
    """Whether the user is a supervisor above the branch (no query once the scope is known)."""
    scope = scope_of(user)
    return scope.everything or any(branch.path.startswith(p) for p in scope.supervised_paths)


def person_name(user) -> str:
    """How a person is shown on every page: the member's name (姓名), else the account's full
    name, else the role the account holds — never the login name."""

    if user is None or not getattr(user, "is_authenticated", False):
        return _("系统")
    member = getattr(user, "member", None)
    if member is not None:
        return member.name
    full = f"{user.last_name}{user.first_name}".strip()
    if full:
        return full
    if user.is_superuser:
        return _("系统管理员")
    return _("上级党组织审核人")


user_label = person_name  # the ledger's and the timeline's name for the same rule
