"""屡改屡在 — a problem that comes back: when an item is created, the problem is compared
with the problems of the same owner (or, for the committee, the same branch) whose items
were signed off at earlier meetings (``meetings.checker``'s similarity). The index is
built once per owner and reused for every item created in one call; flagging the item and
telling the secretary and the supervisors is ``rectification.services.items``'s.
"""

from __future__ import annotations

from meetings import checker
from rectification.choices import ItemStatus
from rectification.models import Problem, RectificationItem
from rectification.selectors.ledger import meeting_day


def joined(problem: Problem) -> str:
    return f"{problem.text}\n{problem.example}" if problem.example else problem.text


class RecurringIndex:
    """Problems whose items were signed off at earlier meetings, per owner (or per branch for
    the committee), indexed once and reused for every item created in one call."""

    def __init__(self) -> None:
        self._corpora: dict[tuple, tuple[checker.Corpus, dict[str, RectificationItem]]] = {}
        self._found: dict[int, RectificationItem | None] = {}

    @staticmethod
    def _key(problem: Problem) -> tuple:
        if problem.is_committee:
            return ("committee", problem.branch_id, problem.meeting_id)
        return ("member", problem.owner_id, problem.meeting_id)

    def _corpus(self, problem: Problem):
        key = self._key(problem)
        if key not in self._corpora:
            meeting = problem.meeting
            earlier = (
                RectificationItem.objects.filter(
                    status=ItemStatus.SIGNED_OFF, meeting__starts_at__lt=meeting.starts_at
                )
                .exclude(meeting_id=meeting.pk)
                .select_related("problem", "meeting")
                .order_by("signed_off_at", "pk")
            )
            if problem.is_committee:
                earlier = earlier.filter(problem__is_committee=True, branch_id=problem.branch_id)
            else:
                earlier = earlier.filter(
                    problem__is_committee=False, problem__owner_id=problem.owner_id
                )
            latest: dict[str, RectificationItem] = {}
            for old in earlier:  # the latest signed-off item of each earlier problem
                latest[str(old.problem_id)] = old
            corpus = checker.Corpus(
                checker.Item(
                    id=pk,
                    kind="problem",
                    text=joined(old.problem),
                    author="same",
                    meeting_date=meeting_day(old.meeting),
                    meeting=str(old.meeting_id),
                )
                for pk, old in latest.items()
            )
            self._corpora[key] = (corpus, latest)
        return self._corpora[key]

    def match(self, problem: Problem) -> RectificationItem | None:
        if problem.pk not in self._found:
            corpus, latest = self._corpus(problem)
            found = corpus.similar(joined(problem), limit=1) if len(corpus) else []
            self._found[problem.pk] = latest[found[0][0].id] if found else None
        return self._found[problem.pk]
