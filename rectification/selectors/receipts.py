"""What a receipt code (回执码, meetings/receipts.py) shows its holder: what became of the
opinion — sorted or not, kept as a problem, the rectification items for it, their status
and, once signed off (销号), the measure taken. Nothing about who gave it or who handles it."""

from __future__ import annotations

from dataclasses import dataclass, field

from meetings.models import AnonymousOpinion, Opinion
from meetings.receipts import receipt_digest
from rectification.choices import ItemStatus
from rectification.models import Problem, RectificationItem


@dataclass
class ReceiptItem:
    status: str
    deadline: object
    measure: str  # only once signed off
    signed_off: bool


@dataclass
class ReceiptAnswer:
    opinion: Opinion | AnonymousOpinion
    problems: list[Problem] = field(default_factory=list)
    items: list[ReceiptItem] = field(default_factory=list)

    @property
    def stage(self) -> str:
        """noted (待梳理) · dismissed · kept · listed (a problem) · rectifying · done."""
        if self.items:
            return "done" if all(i.signed_off for i in self.items) else "rectifying"
        if self.problems:
            return "listed"
        return self.opinion.disposition


def receipt_lookup(*, code: str) -> ReceiptAnswer | None:
    """The opinion whose receipt is ``code`` and what became of it, or None. A few queries
    whatever the code; an unknown code and a malformed one look alike."""
    digest = receipt_digest(code)
    if digest is None:
        return None
    opinion = (
        Opinion.objects.filter(receipt=digest).select_related("window__meeting__branch").first()
        or AnonymousOpinion.objects.filter(receipt=digest)
        .select_related("window__meeting__branch")
        .first()
    )
    if opinion is None:
        return None
    link = "anonymous_opinion" if isinstance(opinion, AnonymousOpinion) else "opinion"
    problems = list(
        Problem.objects.filter(**{link: opinion}).select_related("merged_into").order_by("pk")
    )
    kept = [p.merged_into or p for p in problems]
    items = [
        ReceiptItem(
            status=item.get_status_display(),
            deadline=item.deadline,
            measure=item.measure if item.status == ItemStatus.SIGNED_OFF else "",
            signed_off=item.status == ItemStatus.SIGNED_OFF,
        )
        for item in RectificationItem.objects.filter(problem__in=kept).order_by("deadline", "pk")
    ]
    return ReceiptAnswer(opinion=opinion, problems=kept, items=items)
