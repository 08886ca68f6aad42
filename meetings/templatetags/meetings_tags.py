from django import template

register = template.Library()


@register.inclusion_tag("meetings/includes/member_todos.html")
def member_todos(member):
    """The member's home page card: what I must do for this meeting."""
    from meetings.models import Draft
    from meetings.selectors.evaluation import ballot_pending_for_member
    from meetings.selectors.meeting import upcoming_for_member
    from meetings.selectors.opinions import open_windows_for_member
    from meetings.selectors.talks import pending_talks_for_member

    meetings = upcoming_for_member(member=member)
    drafts = {
        d.meeting_id: d
        for d in Draft.objects.filter(
            author=member, is_committee=False, meeting__in=[m.pk for m in meetings]
        )
    }
    ballots = {e.meeting_id for e in ballot_pending_for_member(member=member)}
    windows = open_windows_for_member(member=member)
    talks = pending_talks_for_member(member=member)
    rows = []
    for meeting in meetings:
        rows.append(
            {
                "meeting": meeting,
                "readings": list(meeting.readings.all()),
                "windows": [w for w in windows if w.meeting_id == meeting.pk],
                "talks": [(t, t.other(member.pk)) for t in talks if t.meeting_id == meeting.pk],
                "draft": drafts.get(meeting.pk),
                "ballot": meeting.pk in ballots,
            }
        )
    return {"rows": rows, "member": member}
