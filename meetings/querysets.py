from __future__ import annotations

from django.db import models

from members.querysets import branch_manage_q, branch_q, branch_supervise_q


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user) -> MeetingQuerySet:
        """Members see their branch's meetings; committees and supervisors theirs."""
        return self.filter(branch_q(user, "branch"))

    def manageable_by(self, user) -> MeetingQuerySet:
        """The branch committee (and supervisors above) run the meeting."""
        return self.filter(branch_manage_q(user, "branch"))

    def supervised_by(self, user) -> MeetingQuerySet:
        return self.filter(branch_supervise_q(user, "branch"))


class MeetingRelatedQuerySet(models.QuerySet):
    """For rows hung on a meeting: scope follows the meeting's branch."""

    def visible_to(self, user) -> MeetingRelatedQuerySet:
        return self.filter(branch_q(user, "meeting__branch"))

    def manageable_by(self, user) -> MeetingRelatedQuerySet:
        return self.filter(branch_manage_q(user, "meeting__branch"))


class OpinionQuerySet(models.QuerySet):
    """Signed opinions: the author sees their own; the branch committee and supervisors see
    them only once the window has closed."""

    def manageable_by(self, user) -> OpinionQuerySet:
        return self.filter(branch_manage_q(user, "window__meeting__branch"))

    def visible_to(self, user) -> OpinionQuerySet:
        from django.db.models import Q
        from django.utils import timezone

        from members.querysets import scope_of

        scope = scope_of(user)
        closed = Q(window__ends_at__lte=timezone.now()) & branch_manage_q(
            user, "window__meeting__branch"
        )
        own = Q(author_id=scope.member_id) if scope.member_id else Q(pk__in=[])
        return self.filter(closed | own)


class AnonymousOpinionQuerySet(models.QuerySet):
    """Anonymous opinions: only the committee and supervisors, only after the window closed.
    Nobody — the giver included — can find one by who gave it."""

    def visible_to(self, user) -> AnonymousOpinionQuerySet:
        from django.utils import timezone

        return self.filter(
            branch_manage_q(user, "window__meeting__branch"), window__ends_at__lte=timezone.now()
        )

    manageable_by = visible_to


def draft_q(user, prefix: str = "") -> models.Q:
    """Who may read a draft — nobody else, ever (superusers included):
    its author; the branch secretary (书记) once it has been submitted at least once;
    a supervisor above the branch for the committee's joint draft and the secretary's own
    draft (the drafts it reviews), once submitted."""
    from django.db.models import Q

    from members.querysets import scope_of

    scope = scope_of(user)
    nothing = Q(pk__in=[])
    submitted = Q(**{f"{prefix}version__gte": 1})
    own = Q(**{f"{prefix}author_id": scope.member_id}) if scope.member_id else nothing
    secretary = (
        Q(**{f"{prefix}meeting__branch": scope.secretary_branch_id}) & submitted
        if scope.secretary_branch_id
        else nothing
    )
    supervised = nothing
    for path in scope.supervised_paths:
        supervised |= Q(**{f"{prefix}meeting__branch__path__startswith": path})
    reviewed_above = Q(**{f"{prefix}is_committee": True}) | Q(
        **{f"{prefix}author__position": "secretary"}
    )
    supervised &= reviewed_above & submitted
    return own | secretary | supervised


class DraftQuerySet(models.QuerySet):
    def visible_to(self, user) -> DraftQuerySet:
        return self.filter(draft_q(user))


class DraftRelatedQuerySet(models.QuerySet):
    def visible_to(self, user) -> DraftRelatedQuerySet:
        return self.filter(draft_q(user, "draft__"))
