from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from meetings.models import Attendee, Meeting, StudySession


def meeting_list(*, user) -> QuerySet[Meeting]:
    return (
        Meeting.objects.visible_to(user)
        .select_related("branch")
        .annotate(expected=Count("attendees", distinct=True))
        .order_by("-starts_at", "-pk")
    )


def meeting_page(*, meeting: Meeting) -> dict:
    """What the meeting page and the printed notice show, in a fixed number of queries."""
    return {
        "agenda": list(meeting.agenda_items.all()),
        "readings": list(meeting.readings.all()),
        "attendees": list(
            Attendee.objects.filter(meeting=meeting)
            .select_related("member")
            .order_by("member__name")
        ),
        "plan_reviews": list(meeting.plan_reviews.select_related("by", "by__member")),
    }


def plan_needs_approval(meeting: Meeting) -> bool:
    """A plan goes to the upper organization for approval when it has someone to approve it
    (a supervisor account above the branch); a branch whose upper organization has none
    yet sends its notice without approval."""
    from members.selectors import supervisor_users

    return supervisor_users(branch=meeting.branch).exists()


def study_sessions(*, meeting: Meeting) -> list[StudySession]:
    return list(
        meeting.study_sessions.prefetch_related(
            "readings", Prefetch("attendees", to_attr="people")
        ).order_by("-held_on", "-pk")
    )


def upcoming_for_member(*, member) -> list[Meeting]:
    """Meetings in preparation (or being held) that the member is expected at."""
    return list(
        Meeting.objects.filter(
            status__in=["preparing", "held"],
            attendees__member=member,
            branch_id=member.branch_id,
        )
        .prefetch_related("readings")
        .order_by("starts_at")
    )
