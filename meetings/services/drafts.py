"""Self-criticism drafts: write → submit → (return → revise → submit)* → approve.

Who reviews: the branch secretary reviews members' drafts; the supervisor reviews the
committee's joint draft and the secretary's own draft (a secretary cannot approve
themself). Every submission freezes a version for the reviewer's diff.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.choices import CAUSE_FIELDS, DraftPart, DraftStatus
from meetings.models import Draft, DraftComment, DraftMeasure, DraftProblem, DraftVersion, Meeting
from meetings.selectors.drafts import can_review, reviewed_by_supervisor
from meetings.services.meeting import figures_changed
from members.choices import Position
from members.models import Member
from members.selectors import supervisor_users
from notifications.services import notification_send

TEXT_FIELDS = ("gains", *(name for name, _label in CAUSE_FIELDS), "direction")


def _supervisor_figures(draft: Draft) -> None:
    """A draft the supervisor reviews is counted in the rollups while it waits."""
    if reviewed_by_supervisor(draft):
        figures_changed(draft.meeting)


def _reviewers(draft: Draft):
    from django.contrib.auth import get_user_model

    if reviewed_by_supervisor(draft):
        return supervisor_users(branch=draft.meeting.branch)
    return get_user_model().objects.filter(
        is_active=True,
        member__branch=draft.meeting.branch,
        member__position=Position.SECRETARY,
        member__is_active=True,
    )


@transaction.atomic
def draft_start(*, meeting: Meeting, member: Member, committee: bool = False) -> Draft:
    """Open the member's draft for this meeting (or the committee's joint draft, written
    by the secretary). Returns the existing one if already started."""
    if committee:
        if member.position != Position.SECRETARY or member.branch_id != meeting.branch_id:
            raise ValidationError(_("班子对照检查材料由支部书记撰写。"))
        existing = Draft.objects.filter(meeting=meeting, is_committee=True).first()
    else:
        if not meeting.attendees.filter(member=member).exists():
            raise ValidationError(_("您不在本次会议的应到人员名单中。"))
        existing = Draft.objects.filter(meeting=meeting, author=member, is_committee=False).first()
    if existing:
        return existing
    if not meeting.is_open_for_preparation:
        raise ValidationError(_("会议已召开或已取消,不能再新建材料。"))
    return Draft.objects.create(meeting=meeting, author=member, is_committee=committee)


def _lock(draft: Draft) -> Draft:
    return (
        Draft.objects.select_for_update()
        .select_related("meeting__branch", "author")
        .get(pk=draft.pk)
    )


@transaction.atomic
def draft_save(
    *,
    draft: Draft,
    by,
    texts: Mapping[str, str],
    problems: Sequence[Mapping],
    measures: Sequence[Mapping],
    written_statement: bool = False,
) -> Draft:
    """Replace the draft's content. ``problems``: dicts with category, text, example.
    ``measures``: dicts with problem (1-based position in ``problems`` or None), text,
    deadline. Only the author, and only while 撰写中 or 退回修改."""
    draft = _lock(draft)
    if draft.author.user_id != by.pk:
        raise PermissionDenied
    if not draft.editable:
        raise ValidationError(_("材料当前为“%(s)s”,不能修改。") % {"s": draft.get_status_display()})
    errors = []
    for i, m in enumerate(measures, 1):
        ref = m.get("problem")
        if ref is not None and not 1 <= ref <= len(problems):
            errors.append(_("第 %(i)d 条措施对应的问题序号不存在。") % {"i": i})
    if errors:
        raise ValidationError(errors)
    for field in TEXT_FIELDS:
        setattr(draft, field, (texts.get(field) or "").strip())
    draft.written_statement = written_statement
    draft.save()
    draft.measures.all().delete()
    draft.problems.all().delete()
    created = DraftProblem.objects.bulk_create(
        DraftProblem(
            draft=draft,
            order=i,
            category=p["category"],
            text=p["text"].strip(),
            example=(p.get("example") or "").strip(),
        )
        for i, p in enumerate(problems, 1)
    )
    # bulk_create sets pks on PostgreSQL and SQLite 3.35+; re-read to be sure everywhere.
    by_order = {p.order: p for p in DraftProblem.objects.filter(draft=draft)} if created else {}
    DraftMeasure.objects.bulk_create(
        DraftMeasure(
            draft=draft,
            order=i,
            problem=by_order.get(m.get("problem")) if m.get("problem") else None,
            text=m["text"].strip(),
            deadline=m.get("deadline"),
        )
        for i, m in enumerate(measures, 1)
    )
    return draft


def draft_snapshot(draft: Draft) -> dict:
    problems = list(draft.problems.all())
    return {
        "texts": {field: getattr(draft, field) for field in TEXT_FIELDS},
        "written_statement": draft.written_statement,
        "problems": [
            {
                "order": p.order,
                "category": p.category,
                "category_label": str(p.get_category_display()),
                "text": p.text,
                "example": p.example,
            }
            for p in problems
        ],
        "measures": [
            {
                "order": m.order,
                "problem": m.problem.order if m.problem_id else None,
                "text": m.text,
                "deadline": m.deadline.isoformat() if m.deadline else None,
            }
            for m in draft.measures.select_related("problem")
        ],
    }


@transaction.atomic
def draft_submit(*, draft: Draft, by) -> Draft:
    draft = _lock(draft)
    if draft.author.user_id != by.pk:
        raise PermissionDenied
    if draft.status == DraftStatus.SUBMITTED:
        return draft
    if not draft.editable:
        raise ValidationError(_("材料当前为“%(s)s”,不能提交。") % {"s": draft.get_status_display()})
    if not draft.problems.exists():
        raise ValidationError(_("请至少查摆一个问题后再提交。"))
    if not draft.measures.exists():
        raise ValidationError(_("请至少写一条整改措施后再提交。"))
    draft.version += 1
    draft.status = DraftStatus.SUBMITTED
    draft.submitted_at = timezone.now()
    draft.save(update_fields=["version", "status", "submitted_at", "updated_at"])
    DraftVersion.objects.create(draft=draft, number=draft.version, snapshot=draft_snapshot(draft))
    _supervisor_figures(draft)
    title = (
        _("待审核:班子对照检查材料(第 %(v)d 稿)") % {"v": draft.version}
        if draft.is_committee
        else _("待审核:%(who)s的对照检查材料(第 %(v)d 稿)")
        % {"who": draft.author.name, "v": draft.version}
    )
    notification_send(
        recipients=_reviewers(draft),
        key=f"draft:{draft.pk}:submitted:{draft.version}",
        title=title,
        url=reverse("meetings:draft-review", args=[draft.pk]),
    )
    return draft


def _decide(*, draft: Draft, by, approve: bool, comments: Mapping[str, str]) -> Draft:
    draft = _lock(draft)
    if not can_review(user=by, draft=draft):
        raise PermissionDenied
    target = DraftStatus.APPROVED if approve else DraftStatus.RETURNED
    if draft.status == target:
        return draft
    if draft.status != DraftStatus.SUBMITTED:
        raise ValidationError(
            _("材料当前为“%(s)s”,只有已提交的材料才能审核。") % {"s": draft.get_status_display()}
        )
    notes = {part: text.strip() for part, text in comments.items() if text and text.strip()}
    if not approve and not notes:
        raise ValidationError(_("退回修改时请至少写一条意见。"))
    unknown = set(notes) - set(DraftPart.values)
    if unknown:
        raise ValidationError(_("未知的材料部分。"))
    DraftComment.objects.bulk_create(
        DraftComment(draft=draft, version=draft.version, part=part, text=text, by=by)
        for part, text in notes.items()
    )
    draft.status = target
    if approve:
        draft.approved_at, draft.approved_by = timezone.now(), by
    draft.save(update_fields=["status", "approved_at", "approved_by", "updated_at"])
    _supervisor_figures(draft)
    title = _("对照检查材料已通过审核") if approve else _("对照检查材料被退回修改")
    if draft.author.user_id:
        from django.contrib.auth import get_user_model

        notification_send(
            recipients=get_user_model().objects.filter(pk=draft.author.user_id),
            key=f"draft:{draft.pk}:{target}:{draft.version}",
            title=title,
            body="\n".join(notes.values()),
            url=reverse("meetings:draft", args=[draft.pk]),
        )
    return draft


@transaction.atomic
def draft_return(*, draft: Draft, by, comments: Mapping[str, str]) -> Draft:
    return _decide(draft=draft, by=by, approve=False, comments=comments)


@transaction.atomic
def draft_approve(*, draft: Draft, by, comments: Mapping[str, str] | None = None) -> Draft:
    return _decide(draft=draft, by=by, approve=True, comments=comments or {})


def parse_deadline(value) -> datetime.date | None:
    if not value:
        return None
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))
