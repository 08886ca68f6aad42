"""Reads for drafts: the checker's findings from the database, the reviewer's diff, lists."""

from __future__ import annotations

import dataclasses
import datetime
import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import BooleanField, F, OuterRef, Q, QuerySet, Subquery, Value
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localdate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meetings import checker
from meetings.choices import CAUSE_FIELDS, DraftStatus, MeetingStatus
from meetings.models import Draft, DraftProblem, DraftVersion, Meeting
from members.choices import Position
from members.querysets import scope_of

# Drafts the upper organization reviews: the committee's joint draft, and the secretary's
# own (a secretary cannot approve themself) — the author still an active member holding
# 书记 in the meeting's branch; the secretary reviews the rest. The rule is written once, as
# lookups: ``REVIEWED_BY_SUPERVISOR`` (a Q, for the rollups and a migration's historical
# models), ``reviewed_by_supervisor_per_row`` (the same Qs, for the supervisor's list) and
# ``reviewed_by_supervisor`` (one loaded draft) all read it, so they cannot disagree
# (tests/meetings/test_draft_review_rule.py).
PREPARING = (MeetingStatus.PLANNING.value, MeetingStatus.PREPARING.value)
_COMMITTEE = {"is_committee": True}
_SECRETARY_OWN = {
    "is_committee": False,
    "author__position": Position.SECRETARY.value,
    "author__is_active": True,
    "author__branch_id": F("meeting__branch_id"),
}
COMMITTEE_DRAFT = Q(**_COMMITTEE)
SECRETARY_OWN_DRAFT = Q(**_SECRETARY_OWN)
REVIEWED_BY_SUPERVISOR = COMMITTEE_DRAFT | SECRETARY_OWN_DRAFT
# …while they wait for it: submitted, of a meeting not yet held.
AWAITING_SUPERVISOR = Q(status=DraftStatus.SUBMITTED.value, meeting__status__in=PREPARING)


def draft_itself(rule: Q) -> Subquery:
    """``rule`` asked of each draft on its own: true where the draft matches — a one-row
    subquery on the draft's pk, the same lookups. Joined into a list's query, the secretary's-
    own part (the author's branch against the meeting's) makes the planner expect almost no
    draft to match, so it reads and sorts every submitted draft; asked this way it walks
    ``draft_submitted`` in order and stops after a page (supervision.selectors)."""
    return Subquery(
        Draft.objects.filter(rule, pk=OuterRef("pk")).order_by().values(hit=Value(True))[:1],
        output_field=BooleanField(),
    )


def reviewed_by_supervisor_per_row() -> Q:
    """``REVIEWED_BY_SUPERVISOR`` for a list walked in order: the committee's draft as a
    column of the row, the secretary's own through ``draft_itself``."""
    return COMMITTEE_DRAFT | Q(draft_itself(SECRETARY_OWN_DRAFT))


def _value(obj, path: str):
    for part in path.split("__"):
        if obj is None:
            return None
        obj = getattr(obj, part)
    return obj


def _holds(draft: Draft, lookups: dict) -> bool:
    """The exact-match lookups (``F`` for another field of the draft) on a loaded draft."""
    return all(
        _value(draft, path) == (_value(draft, want.name) if isinstance(want, F) else want)
        for path, want in lookups.items()
    )


def reviewed_by_supervisor(draft: Draft) -> bool:
    """Whether the upper organization reviews this draft (``REVIEWED_BY_SUPERVISOR``);
    otherwise the branch's secretary does. Reads the draft's author and meeting."""
    return _holds(draft, _COMMITTEE) or _holds(draft, _SECRETARY_OWN)


def can_review(*, user, draft: Draft) -> bool:
    """The supervisor above the branch for a draft reviewed above; else the branch's
    secretary, never for their own draft."""
    scope = scope_of(user)
    branch = draft.meeting.branch
    if reviewed_by_supervisor(draft):
        return any(branch.path.startswith(p) for p in scope.supervised_paths)
    return scope.secretary_branch_id == branch.pk and scope.member_id != draft.author_id


#: The drafts ``copied`` compares with: submitted or approved.
HANDED_IN = (DraftStatus.SUBMITTED.value, DraftStatus.APPROVED.value)

GENERIC_CACHE_KEY = "drafts:generic-phrases:v1"
GENERIC_CACHE_SECONDS = 3600
GENERIC_SAMPLE = 20000


@dataclass(frozen=True)
class Finding:
    """A checker finding placed on one problem or measure of the draft."""

    kind: str  # "problem" | "measure"
    order: int  # 1-based position in the draft
    rule: str
    text: str  # the item's text
    start: int
    end: int
    message: str
    ref: str | None = None  # "p<DraftProblem pk>" for recycled / copied
    # recycled / copied: the matching passages, in this item and in the other problem; the
    # other problem's text only when the viewer may read it (see _with_evidence).
    spans: tuple[tuple[int, int], ...] = ()
    other_text: str = ""
    other_spans: tuple[tuple[int, int], ...] = ()
    other_visible: bool = False

    @property
    def marked(self) -> SafeString:
        """The item's text with the finding's span — or, for recycled / copied, the passages
        that match the other problem — highlighted."""
        return _marked(self.text, self.spans or ((self.start, self.end),))

    @property
    def other_marked(self) -> SafeString:
        return _marked(self.other_text, self.other_spans)


def _marked(text: str, spans: Sequence[tuple[int, int]]) -> SafeString:
    out, pos = [], 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        out.append(f"{escape(text[pos:start])}<mark>{escape(text[start:end])}</mark>")
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))


def generic_phrases() -> tuple[str, ...]:
    """Generic phrases learned from what recurs across many members' drafts (cached)."""
    phrases = cache.get(GENERIC_CACHE_KEY)
    if phrases is None:
        rows = DraftProblem.objects.order_by("-pk").values_list(
            "pk", "text", "draft__author_id", "draft__meeting__starts_at"
        )[:GENERIC_SAMPLE]
        items = [
            checker.Item(
                id=str(pk), kind="problem", text=text, author=str(a), meeting_date=localdate(s)
            )
            for pk, text, a, s in rows
        ]
        phrases = tuple(checker.learn_generic_phrases(items)) if items else ()
        cache.set(GENERIC_CACHE_KEY, phrases, GENERIC_CACHE_SECONDS)
    return phrases


def _corpus_for(*, draft: Draft) -> checker.Corpus:
    """The same member's problems at earlier meetings, and other members' problems at this
    meeting — nothing else is compared."""
    meeting = draft.meeting
    earlier = DraftProblem.objects.filter(draft__meeting__starts_at__lt=meeting.starts_at)
    if draft.is_committee:  # the committee's problems belong to the branch, whoever wrote them
        earlier = earlier.filter(draft__is_committee=True, draft__meeting__branch=meeting.branch)
    else:
        earlier = earlier.filter(draft__author_id=draft.author_id, draft__is_committee=False)
    # Only what other members have handed in: a draft still being written (or revised after
    # being returned) is nobody else's business, so it cannot be probed through the checker.
    same = DraftProblem.objects.filter(draft__meeting=meeting, draft__status__in=HANDED_IN).exclude(
        draft=draft
    )
    items = []
    for qs in (earlier, same):
        for pk, text, example, author_id, name, is_committee, m_id, starts in qs.values_list(
            "pk",
            "text",
            "example",
            "draft__author_id",
            "draft__author__name",
            "draft__is_committee",
            "draft__meeting_id",
            "draft__meeting__starts_at",
        ):
            items.append(
                checker.Item(
                    id=f"p{pk}",
                    kind="problem",
                    text=_joined(text, example),
                    author=_author(author_id, name, is_committee),
                    meeting_date=localdate(starts),  # the day people know it by
                    meeting=str(m_id),
                )
            )
    return checker.Corpus(items, generic_phrases=generic_phrases())


@dataclass(frozen=True)
class PreviousProblems:
    """What the same author listed at their latest earlier meeting (see :func:`previous_problems`)."""

    starts_at: datetime.datetime  # that meeting's
    problems: list[tuple[str, str]]  # (text, example) in the draft's order


def previous_problems(*, draft: Draft, viewer) -> PreviousProblems | None:
    """The problems the draft's author — the branch's committee, for its joint draft — handed
    in at their latest earlier meeting, as far as ``viewer`` may read them: for the reviewer
    to hold this draft against. The checker finds a retold problem only where the words show
    it; a person who has both side by side sees the rest. One query."""
    meeting = draft.meeting
    earlier = Draft.objects.filter(meeting__starts_at__lt=meeting.starts_at, status__in=HANDED_IN)
    if draft.is_committee:
        earlier = earlier.filter(is_committee=True, meeting__branch_id=meeting.branch_id)
    else:
        earlier = earlier.filter(author_id=draft.author_id, is_committee=False)
    latest = earlier.order_by("-meeting__starts_at", "-pk").values("pk")[:1]
    rows = list(
        DraftProblem.objects.visible_to(viewer)
        .filter(draft=Subquery(latest))
        .order_by("order")
        .values_list("text", "example", "draft__meeting__starts_at")
    )
    if not rows:
        return None
    return PreviousProblems(
        starts_at=rows[0][2],
        problems=[(text, example) for text, example, _starts in rows],
    )


def _author(author_id: int, name: str, is_committee: bool) -> str:
    return _("支部班子") if is_committee else name


def _joined(text: str, example: str) -> str:
    return f"{text}\n{example}" if example else text


def check_draft_content(
    *,
    draft: Draft,
    problems: Sequence[dict],
    measures: Sequence[dict],
    for_reviewer: bool = False,
    viewer=None,
) -> list[Finding]:
    """Findings for the draft's content — saved or as being typed (no page reload).

    ``viewer`` decides which earlier / other problem is shown beside a recycled or copied
    finding (see :func:`_with_evidence`); without one, none is."""
    corpus = _corpus_for(draft=draft)
    meeting: Meeting = draft.meeting
    me = _author(draft.author_id, draft.author.name, draft.is_committee)
    found: list[Finding] = []
    for kind, rows in (("problem", problems), ("measure", measures)):
        for order, row in enumerate(rows, 1):
            text = row.get("text") or ""
            if not text.strip():
                continue
            full = _joined(text, row.get("example") or "") if kind == "problem" else text
            item = checker.Item(
                id=f"new-{kind}-{order}",
                kind=kind,
                text=full,
                author=me,
                meeting_date=localdate(meeting.starts_at),
                deadline=row.get("deadline"),
                meeting=str(meeting.pk),
            )
            for f in checker.check_item(item, corpus):
                message = f.reviewer_message if for_reviewer and f.reviewer_message else f.message
                found.append(
                    Finding(
                        kind,
                        order,
                        f.rule,
                        full,
                        f.start,
                        f.end,
                        message,
                        f.ref,
                        spans=f.spans,
                        other_text=f.other_text or "",
                        other_spans=f.other_spans,
                    )
                )
    return _with_evidence(found, viewer=viewer, for_reviewer=for_reviewer)


def _with_evidence(found: list[Finding], *, viewer, for_reviewer: bool) -> list[Finding]:
    """Keep the other problem's text beside a finding only where the viewer may read it: for
    the author, their own earlier problem (recycled) — never another member's (copied); for a
    reviewer, whatever ``DraftProblem.objects.visible_to`` lets them read. One query."""

    def may_show(f: Finding) -> bool:
        return bool(f.ref) and (for_reviewer or f.rule == checker.RECYCLED)

    refs = {int(f.ref[1:]) for f in found if may_show(f) and f.ref.startswith("p")}
    visible: set[str] = set()
    if refs and viewer is not None:
        visible = {
            f"p{pk}"
            for pk in DraftProblem.objects.visible_to(viewer)
            .filter(pk__in=refs)
            .values_list("pk", flat=True)
        }
    return [
        dataclasses.replace(f, other_visible=True)
        if may_show(f) and f.ref in visible
        else dataclasses.replace(f, other_text="", other_spans=())
        for f in found
    ]


def draft_findings(*, draft: Draft, for_reviewer: bool = False, viewer=None) -> list[Finding]:
    problems = [{"text": p.text, "example": p.example} for p in draft.problems.all()]
    measures = [{"text": m.text, "deadline": m.deadline} for m in draft.measures.all()]
    return check_draft_content(
        draft=draft,
        problems=problems,
        measures=measures,
        for_reviewer=for_reviewer,
        viewer=viewer,
    )


# What a reviewer is told when the similar problem is in a draft they may not read (not yet
# submitted, or not theirs to review): nothing quoted, nobody named.
_HIDDEN = {
    "copied": gettext_lazy(
        "这条问题与本次会议另一名党员的问题高度相似(对方的材料尚未提交,或不在您的查看范围内),"
        "请审核时核实是否存在轮流分配、吃“大锅饭”的情况。"
    ),
    "recycled": gettext_lazy(
        "这条问题与该党员在以往组织生活会上查摆的问题高度相似(那份材料不在您的查看范围内),"
        "请核实上次整改是否到位。"
    ),
}


def reviewer_findings(*, draft: Draft, viewer) -> list[Finding]:
    """Reviewer-facing findings: a ``copied`` finding names whose problem it resembles and a
    ``recycled`` one quotes the earlier problem — but only where the viewer may read that
    other draft (``DraftProblem.objects.visible_to``); otherwise a neutral message."""
    found = draft_findings(draft=draft, for_reviewer=True, viewer=viewer)
    return [
        f
        if f.ref is None or f.other_visible
        else dataclasses.replace(f, message=str(_HIDDEN.get(f.rule, _HIDDEN["copied"])))
        for f in found
    ]


# --- the reviewer's diff ---------------------------------------------------------------


def _part_texts(snapshot: dict) -> dict[str, str]:
    texts = snapshot.get("texts", {})
    problems = "\n".join(
        f"{p['order']}.【{p.get('category_label', '')}】{p['text']}"
        + (f"\n   {_('事例')}:{p['example']}" if p.get("example") else "")
        for p in snapshot.get("problems", [])
    )
    measures = "\n".join(
        f"{m['order']}. "
        + (f"({_('针对问题')} {m['problem']})" if m.get("problem") else "")
        + m["text"]
        + (f"({_('时限')} {m['deadline']})" if m.get("deadline") else "")
        for m in snapshot.get("measures", [])
    )
    causes = "\n".join(
        f"{label}:{texts.get(field, '')}" for field, label in CAUSE_FIELDS if texts.get(field)
    )
    return {
        "gains": texts.get("gains", ""),
        "problems": problems,
        "causes": causes,
        "measures": measures,
        "direction": texts.get("direction", ""),
    }


def _diff_html(old: str, new: str) -> SafeString:
    """Character-level diff (works for Chinese without segmentation)."""
    out = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape(new[b1:b2]))
        if op in ("delete", "replace"):
            out.append(f"<del>{escape(old[a1:a2])}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{escape(new[b1:b2])}</ins>")
    return mark_safe("".join(out))


@dataclass(frozen=True)
class PartDiff:
    part: str
    label: str
    html: SafeString
    changed: bool


def draft_diff(*, draft: Draft) -> tuple[int | None, list[PartDiff]]:
    """What changed between the last two submitted versions, part by part.
    Returns (previous version number or None, diffs). With one version, everything is new."""
    from meetings.choices import DraftPart

    versions = list(DraftVersion.objects.filter(draft=draft).order_by("-number")[:2])
    if not versions:
        return None, []
    new = _part_texts(versions[0].snapshot)
    old = _part_texts(versions[1].snapshot) if len(versions) > 1 else dict.fromkeys(new, "")
    labels = dict(DraftPart.choices)
    return (
        versions[1].number if len(versions) > 1 else None,
        [
            PartDiff(
                part, str(labels[part]), _diff_html(old[part], new[part]), old[part] != new[part]
            )
            for part in new
        ],
    )


# --- lists and readiness -----------------------------------------------------------------


def drafts_of_meeting(*, user, meeting: Meeting) -> QuerySet[Draft]:
    return (
        Draft.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("author")
        .order_by("-is_committee", "author__name")
    )


def drafts_readiness(*, meeting: Meeting) -> tuple[bool, str]:
    """Every expected attendee's draft approved, and the committee's joint draft approved."""
    attendees = set(
        meeting.attendees.filter(member__is_active=True).values_list("member_id", flat=True)
    )
    rows = list(meeting.drafts.values_list("author_id", "is_committee", "status"))
    approved = {a for a, committee, s in rows if not committee and s == DraftStatus.APPROVED}
    committee_ok = any(c and s == DraftStatus.APPROVED for _a, c, s in rows)
    done = attendees <= approved and committee_ok
    return done, _("个人材料已通过 %(a)d/%(t)d;班子材料%(c)s") % {
        "a": len(attendees & approved),
        "t": len(attendees),
        "c": _("已通过") if committee_ok else _("未通过"),
    }


def drafts_to_review(*, user, meeting: Meeting | None = None) -> list[Draft]:
    qs = Draft.objects.visible_to(user).filter(status=DraftStatus.SUBMITTED)
    if meeting is not None:
        qs = qs.filter(meeting=meeting)
    drafts = list(qs.select_related("author", "meeting__branch"))
    return [d for d in drafts if can_review(user=user, draft=d)]
