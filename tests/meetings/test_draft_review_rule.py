"""One rule, "drafts the supervisor reviews": the Q the rollups and the supervisor's lists
filter with, and the predicate the draft pages and ``draft_approve`` ask for one draft,
agree on every kind of draft — including a secretary who has since left the branch or
been deactivated (the branch's secretary then reviews their draft)."""

from __future__ import annotations

from meetings.models import Draft
from meetings.selectors.drafts import (
    REVIEWED_BY_SUPERVISOR,
    can_review,
    reviewed_by_supervisor,
    reviewed_by_supervisor_per_row,
)
from members.choices import Position
from tests.meetings.factories import MeetingFactory
from tests.members.factories import MemberFactory, SupervisorFactory


def _draft(meeting, author, *, committee=False) -> Draft:
    return Draft.objects.create(
        meeting=meeting, author=author, is_committee=committee, status="submitted", version=1
    )


def test_the_rule_for_one_draft_and_for_a_query_agree(org_tree):
    a, b = org_tree["a"], org_tree["b"]
    meeting = MeetingFactory(branch=a)
    secretary = MemberFactory(branch=a, position=Position.SECRETARY)
    organizer = MemberFactory(branch=a, position=Position.ORGANIZATION)
    member = MemberFactory(branch=a)
    left = MemberFactory(branch=a, position=Position.SECRETARY, is_active=False)
    moved = MemberFactory(branch=b, position=Position.SECRETARY)  # since became B's secretary
    drafts = {
        "committee": _draft(meeting, secretary, committee=True),
        "secretary": _draft(meeting, secretary),
        "organizer": _draft(meeting, organizer),
        "member": _draft(meeting, member),
        "left": _draft(meeting, left),
        "moved": _draft(meeting, moved),
    }
    loaded = Draft.objects.select_related("author", "meeting").filter(
        pk__in=[d.pk for d in drafts.values()]
    )
    by_predicate = {d.pk for d in loaded if reviewed_by_supervisor(d)}
    by_query = set(Draft.objects.filter(REVIEWED_BY_SUPERVISOR).values_list("pk", flat=True))
    per_row = Draft.objects.filter(reviewed_by_supervisor_per_row())  # the supervisor's list
    by_row = set(per_row.values_list("pk", flat=True))
    assert by_predicate == by_query == by_row == {drafts["committee"].pk, drafts["secretary"].pk}

    supervisor = SupervisorFactory(organization=org_tree["committee"]).user
    above = {name for name, d in drafts.items() if can_review(user=supervisor, draft=d)}
    assert above == {"committee", "secretary"}
    in_branch = {name for name, d in drafts.items() if can_review(user=secretary.user, draft=d)}
    assert in_branch == {"organizer", "member", "left", "moved"}
