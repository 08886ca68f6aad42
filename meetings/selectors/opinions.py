"""Reads for 征求意见. Every list here is in a fixed number of queries, and no list of
opinions is ever in insertion order: anonymous rows sort by their random key, and the
merged signed + anonymous list by an HMAC of each row's key (see ``opinion_sort_key``)."""

from __future__ import annotations

import datetime
import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.choices import MeetingStatus, OpinionDisposition, OpinionSource
from meetings.models import AnonymousOpinion, Meeting, Opinion, OpinionWindow
from members.models import Member

SIGNED = "signed"
ANONYMOUS = "anonymous"
UNSORTED = OpinionDisposition.UNSORTED
PREPARATION_STATUSES = (MeetingStatus.PLANNING, MeetingStatus.PREPARING)  # is_open_for_preparation


def window_state(window: OpinionWindow, now: datetime.datetime | None = None) -> str:
    """The window's state now: "pending" (未开始), "open" (征求中) or "closed" (已截止)."""
    now = now or timezone.now()
    if window.ends_at <= now:
        return "closed"
    if window.starts_at > now:
        return "pending"
    return "open"


def _open_q(now: datetime.datetime) -> Q:
    return Q(starts_at__lte=now, ends_at__gt=now)


# --- what other code calls --------------------------------------------------------------


def open_windows_for_member(*, member: Member) -> list[OpinionWindow]:
    """Open windows of meetings in the member's branch that the member may give an opinion
    to (not those about the member), soonest deadline first."""
    if member is None or not member.is_active:
        return []
    return list(
        OpinionWindow.objects.filter(
            _open_q(timezone.now()),
            meeting__branch_id=member.branch_id,
            meeting__status__in=PREPARATION_STATUSES,
        )
        .exclude(target_member_id=member.pk)
        .select_related("meeting", "target_member")
        .order_by("ends_at", "pk")
    )


def opinions_readiness(*, meeting: Meeting) -> tuple[bool, str]:
    """Done when the meeting has a window, every window has closed and nothing is 待梳理.

    While a window is open no count of opinions is given (a live count would let one
    watch an anonymous opinion arrive)."""
    now = timezone.now()
    windows = OpinionWindow.objects.filter(meeting=meeting).aggregate(
        total=Count("pk"), running=Count("pk", filter=Q(ends_at__gt=now))
    )
    n = windows["total"]
    if not n:
        return False, _("尚未开启征求意见")
    if windows["running"]:
        return False, _("%(n)d 个征求窗口,%(r)d 个尚未截止") % {"n": n, "r": windows["running"]}
    counts = [
        model.objects.filter(window__meeting=meeting).aggregate(
            total=Count("pk"), unsorted=Count("pk", filter=Q(disposition=UNSORTED))
        )
        for model in (Opinion, AnonymousOpinion)
    ]
    total = sum(c["total"] for c in counts)
    unsorted = sum(c["unsorted"] for c in counts)
    if unsorted:
        return False, _("%(n)d 个征求窗口,尚有 %(u)d 条意见待梳理") % {"n": n, "u": unsorted}
    if not total:
        return True, _("%(n)d 个征求窗口均已截止,未收到意见") % {"n": n}
    return True, _("%(n)d 个征求窗口,%(t)d 条意见均已梳理") % {"n": n, "t": total}


# --- the committee's view ---------------------------------------------------------------


@dataclass
class WindowRow:
    """A window with what the committee may know of it now.

    Before the window closes only ``received_before_today`` is known: opinions received
    before today, so a count can never be watched as it ticks up."""

    window: OpinionWindow
    state: str
    received_before_today: int = 0
    signed: int = 0
    anonymous: int = 0
    unsorted: int = 0

    @property
    def total(self) -> int:
        return self.signed + self.anonymous


def meeting_windows(*, meeting: Meeting) -> list[WindowRow]:
    """The meeting's windows with their counts, in three queries however many there are."""
    windows = list(
        OpinionWindow.objects.filter(meeting=meeting)
        .select_related("target_member")
        .order_by("starts_at", "pk")
    )
    if not windows:
        return []
    return _window_rows(
        windows,
        Opinion.objects.filter(window__meeting=meeting),
        AnonymousOpinion.objects.filter(window__meeting=meeting),
    )


def window_summary(*, window: OpinionWindow) -> WindowRow:
    """One window's row, for its own page (two queries)."""
    (row,) = _window_rows(
        [window],
        Opinion.objects.filter(window=window),
        AnonymousOpinion.objects.filter(window=window),
    )
    return row


def _window_rows(
    windows: list[OpinionWindow], signed_qs: QuerySet, anonymous_qs: QuerySet
) -> list[WindowRow]:
    now = timezone.now()
    signed = _counts(signed_qs, before_today=Q(received_on__lt=timezone.localdate()))
    anonymous = _counts(anonymous_qs, before_today=Q(received_on__lt=timezone.localdate()))
    rows = []
    for window in windows:
        s = signed.get(window.pk, {})
        a = anonymous.get(window.pk, {})
        row = WindowRow(window=window, state=window_state(window, now))
        if row.state == "closed":
            row.signed = s.get("total", 0)
            row.anonymous = a.get("total", 0)
            row.unsorted = s.get("unsorted", 0) + a.get("unsorted", 0)
        else:
            row.received_before_today = s.get("before_today", 0) + a.get("before_today", 0)
        rows.append(row)
    return rows


def _counts(qs: QuerySet, *, before_today: Q) -> dict[int, dict[str, int]]:
    rows = (
        qs.order_by()
        .values("window_id")
        .annotate(
            total=Count("pk"),
            unsorted=Count("pk", filter=Q(disposition=UNSORTED)),
            before_today=Count("pk", filter=before_today),
        )
    )
    return {r["window_id"]: r for r in rows}


@dataclass
class OpinionRow:
    """One opinion in the committee's merged list. ``author`` is None for anonymous ones."""

    kind: str
    opinion: Opinion | AnonymousOpinion
    author: Member | None
    source_label: str
    received_on: datetime.date
    sort_key: str

    @property
    def key(self) -> str:
        """A stable HTML id for the row."""
        return f"{self.kind}-{self.opinion.pk}"

    @property
    def is_anonymous(self) -> bool:
        return self.kind == ANONYMOUS


def opinion_sort_key(kind: str, pk) -> str:
    """The merged list's order: an HMAC of the row's key under the project's secret, so
    it is stable between page loads but says nothing about when a row was written."""
    message = f"{kind}:{pk}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def window_opinions(
    *, user, window: OpinionWindow, disposition: str | None = None
) -> list[OpinionRow]:
    """Every opinion of a closed window as the user may see them (the committee and
    supervisors above), signed and anonymous merged — in two queries."""
    signed_qs = (
        Opinion.objects.visible_to(user)
        .filter(window=window)
        .select_related("author")
        .only("pk", "text", "disposition", "note", "received_on", "window_id", "author__name")
    )
    anonymous_qs = AnonymousOpinion.objects.visible_to(user).filter(window=window).order_by("id")
    if disposition:
        signed_qs = signed_qs.filter(disposition=disposition)
        anonymous_qs = anonymous_qs.filter(disposition=disposition)
    rows = [opinion_row(o) for o in signed_qs] + [opinion_row(o) for o in anonymous_qs]
    rows.sort(key=lambda r: r.sort_key)
    return rows


def opinion_row(opinion: Opinion | AnonymousOpinion) -> OpinionRow:
    if isinstance(opinion, AnonymousOpinion):
        label = _("无记名 · 群众") if opinion.source == OpinionSource.PUBLIC else _("无记名 · 党员")
        return OpinionRow(
            kind=ANONYMOUS,
            opinion=opinion,
            author=None,
            source_label=label,
            received_on=opinion.received_on,
            sort_key=opinion_sort_key(ANONYMOUS, opinion.pk),
        )
    return OpinionRow(
        kind=SIGNED,
        opinion=opinion,
        author=opinion.author,
        source_label=_("署名"),
        received_on=opinion.received_on,
        sort_key=opinion_sort_key(SIGNED, opinion.pk),
    )


# --- the member's view ------------------------------------------------------------------


def member_of_branch(*, user, meeting: Meeting) -> Member | None:
    """The user's active membership in the meeting's branch, if any."""
    if not user.is_authenticated:
        return None
    return Member.objects.filter(user=user, is_active=True, branch_id=meeting.branch_id).first()


def my_signed_opinions(*, member: Member, meeting: Meeting) -> list[Opinion]:
    """The member's own signed opinions for a meeting. (Their anonymous ones cannot be
    found by anyone, them included.)"""
    return list(
        Opinion.objects.filter(author=member, window__meeting=meeting)
        .select_related("window", "window__target_member")
        .order_by("window__starts_at", "window_id", "pk")
    )


# --- the public link --------------------------------------------------------------------


def public_window(*, token: str) -> OpinionWindow | None:
    return (
        OpinionWindow.objects.select_related("meeting", "meeting__branch", "target_member")
        .filter(public_token=token)
        .first()
    )
