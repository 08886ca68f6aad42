"""Who may see whose record (党员组织生活纪实) — the one rule every records view uses.

The member sees their own; the branch secretary (书记) the records of their branch; a
supervisor those of every branch beneath the organizations they supervise. Nobody else —
not other members, not other committee members, not superusers (the record serves
评先奖优 and appointment checks; the Django admin is not a party organization).

Within a record, each part keeps its own rule: problems and items follow
``rectification.querysets`` (a member sees them once the list is published), a draft's
link follows ``meetings.querysets.draft_q``.

Transfers (组织关系转接, ``members.models.MemberTransfer``): the record follows the person.
The member's current row carries everything from their earlier branches, so the secretary
and the supervisors of the new branch see the whole record; a supervisor above any branch
the person was in sees it too (the check for an appointment or 评先奖优 may come from
either side). The secretary of an earlier branch sees the closed row of their own branch —
what happened there — but not what came after.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from members.models import Member
from members.querysets import scope_of


def record_q(user, prefix: str = "") -> Q:
    """Members (rows of ``Member``, or of a model whose member FK is ``prefix``) whose
    record the user may see."""
    scope = scope_of(user)
    q = Q(**{f"{prefix}pk__in": []})
    if scope.member_id is not None:
        q |= Q(**{f"{prefix}pk": scope.member_id})
    if scope.secretary_branch_id is not None:
        q |= Q(**{f"{prefix}branch_id": scope.secretary_branch_id})
    for path in scope.supervised_paths:
        q |= Q(**{f"{prefix}branch__path__startswith": path})
        # a row of the same person in a branch beneath: the first row, or a later one
        origin = OuterRef(f"{prefix}origin_id")
        q |= Exists(Member.objects.filter(pk=origin, branch__path__startswith=path))
        q |= Exists(Member.objects.filter(origin_id=origin, branch__path__startswith=path))
    return q


def may_see_record(user, member) -> bool:
    """The same rule for one member already loaded (with ``branch``), without a query: the
    member themselves, the branch secretary, a supervisor above the member's branch (the
    link to a record; the record view itself applies ``record_q``, earlier branches too)."""
    scope = scope_of(user)
    if scope.member_id is not None and member.pk == scope.member_id:
        return True
    if scope.secretary_branch_id is not None and member.branch_id == scope.secretary_branch_id:
        return True
    return any(member.branch.path.startswith(p) for p in scope.supervised_paths)
