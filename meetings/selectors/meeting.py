from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery

from meetings.models import Attendee, Meeting, StudySession

MEETING_LIST_KEYS = ("-starts_at", "-pk")


def meeting_list(*, user) -> QuerySet[Meeting]:
    """The meetings the user may see, newest first (``MEETING_LIST_KEYS``, keyset-paged:
    ``meeting_starts`` walks them in that order). Each row's 应到 is a count of its own
    attendees, taken for the rows of the page only — no GROUP BY over the subtree."""
    expected = (
        Attendee.objects.filter(meeting=OuterRef("pk"))
        .order_by()
        .values("meeting")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Meeting.objects.visible_to(user)
        .select_related("branch")
        .annotate(expected=Subquery(expected, output_field=IntegerField()))
        .order_by(*MEETING_LIST_KEYS)
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
