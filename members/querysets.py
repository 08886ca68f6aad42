"""Who may see what — the one path every view's queryset goes through.

A user's *scope* is read once per request (two small queries, cached on the user
object): the branch they belong to as a member, the branch they manage as a
committee member, and the organizations they supervise. Supervision covers the
whole subtree, found by the materialized path (``path LIKE 'prefix%'``), which an
index answers for 10,000 branches as fast as for ten.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from treebeard.mp_tree import MP_NodeManager, MP_NodeQuerySet

from members.choices import COMMITTEE_POSITIONS, Position

_SCOPE_ATTR = "_orglife_scope"


@dataclass(frozen=True)
class Scope:
    everything: bool = False
    member_id: int | None = None
    branch_id: int | None = None
    managed_branch_id: int | None = None
    secretary_branch_id: int | None = None
    supervised_paths: tuple[str, ...] = ()

    @property
    def is_supervisor(self) -> bool:
        return bool(self.supervised_paths)

    @property
    def is_manager(self) -> bool:
        return self.managed_branch_id is not None


NOBODY = Scope()


def scope_of(user) -> Scope:
    """The user's scope, computed once and cached on the user object."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NOBODY
    cached = getattr(user, _SCOPE_ATTR, None)
    if cached is not None:
        return cached
    if user.is_superuser:
        scope = Scope(everything=True)
    else:
        from members.models import Member, Supervisor

        member = (
            Member.objects.filter(user=user, is_active=True)
            .values("pk", "branch_id", "position")
            .first()
        )
        paths = tuple(
            Supervisor.objects.filter(user=user)
            .order_by("organization__path")
            .values_list("organization__path", flat=True)
        )
        scope = Scope(
            member_id=member["pk"] if member else None,
            branch_id=member["branch_id"] if member else None,
            managed_branch_id=(
                member["branch_id"]
                if member and member["position"] in COMMITTEE_POSITIONS
                else None
            ),
            secretary_branch_id=(
                member["branch_id"] if member and member["position"] == Position.SECRETARY else None
            ),
            supervised_paths=paths,
        )
    setattr(user, _SCOPE_ATTR, scope)
    return scope


def forget_scope(user) -> None:
    """Drop the cached scope (after a change to the user's roles)."""
    if hasattr(user, _SCOPE_ATTR):
        delattr(user, _SCOPE_ATTR)


def _none(field: str) -> Q:
    return Q(**{f"{field}__in": []})


def branch_q(user, field: str = "branch") -> Q:
    """Rows whose branch (the Organization FK at ``field``) the user may see."""
    scope = scope_of(user)
    if scope.everything:
        return Q()
    q = _none(field)
    if scope.branch_id is not None:
        q |= Q(**{field: scope.branch_id})
    for path in scope.supervised_paths:
        q |= Q(**{f"{field}__path__startswith": path})
    return q


def branch_manage_q(user, field: str = "branch") -> Q:
    """Rows of branches the user manages: its committee, its supervisors, superusers."""
    scope = scope_of(user)
    if scope.everything:
        return Q()
    q = _none(field)
    if scope.managed_branch_id is not None:
        q |= Q(**{field: scope.managed_branch_id})
    for path in scope.supervised_paths:
        q |= Q(**{f"{field}__path__startswith": path})
    return q


def branch_supervise_q(user, field: str = "branch") -> Q:
    """Rows of branches below an organization the user supervises."""
    scope = scope_of(user)
    if scope.everything:
        return Q()
    q = _none(field)
    for path in scope.supervised_paths:
        q |= Q(**{f"{field}__path__startswith": path})
    return q


class OrganizationQuerySet(MP_NodeQuerySet):
    def branches(self) -> OrganizationQuerySet:
        from members.choices import OrganizationKind

        return self.filter(kind=OrganizationKind.BRANCH)

    def visible_to(self, user) -> OrganizationQuerySet:
        scope = scope_of(user)
        if scope.everything:
            return self.all()
        q = Q(pk__in=[])
        if scope.branch_id is not None:
            q |= Q(pk=scope.branch_id)
        for path in scope.supervised_paths:
            q |= Q(path__startswith=path)
        return self.filter(q)

    def manageable_by(self, user) -> OrganizationQuerySet:
        scope = scope_of(user)
        if scope.everything:
            return self.all()
        q = Q(pk__in=[])
        if scope.managed_branch_id is not None:
            q |= Q(pk=scope.managed_branch_id)
        for path in scope.supervised_paths:
            q |= Q(path__startswith=path)
        return self.filter(q)


class OrganizationManager(MP_NodeManager.from_queryset(OrganizationQuerySet)):
    def get_queryset(self) -> OrganizationQuerySet:
        return OrganizationQuerySet(self.model, using=self._db).order_by("path")


class MemberQuerySet(models.QuerySet):
    def active(self) -> MemberQuerySet:
        return self.filter(is_active=True)

    def visible_to(self, user) -> MemberQuerySet:
        return self.filter(branch_q(user, "branch"))

    def manageable_by(self, user) -> MemberQuerySet:
        return self.filter(branch_manage_q(user, "branch"))
