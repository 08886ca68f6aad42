"""The rectification ledger's items (整改事项): creating them, editing, progress, sign-off
(销号), and the ledger's publicity (公示). Beside it: who may do what
(``rectification.selectors.item_rules``), recurring problems
(``rectification.selectors.recurring``), evidence uploads (``rectification.evidence``),
interviews (``rectification.services.interviews``).

An item's stored status (逾期 is computed from the deadline, never stored)::

    未开始 ──start / first progress──▶ 整改中 ──mark done──▶ 待销号 ──sign off──▶ 已销号
       └───────────────mark done──────────────────────▲         │
                                    整改中 ◀──send back (a reason)──┘

Who may do what is ``rectification.selectors.item_rules`` (also what the pages use to
show buttons).

Every function is keyword-only and atomic, locks the item row first, refuses an illegal move
with a Chinese ``ValidationError`` (``PermissionDenied`` for the wrong person), writes an
``ItemEvent`` for every change (who, what, when) and, in the same transaction, keeps the
reminder outbox and the supervision rollups in step (``hooks.item_changed``, which runs
``item_reminders_sync``; the bulk paths sync each item's reminders and refresh the branch's
rollup once). Asking for what is already done is a no-op, so a retry (a double click) is
harmless.

Two people editing the same item: ``item_update`` takes the ``version`` the editor's form
was loaded with and updates ``WHERE version = …``; a stale version raises ``StaleItem``
carrying the current row, who changed it and when — nothing is overwritten.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.choices import AuditEventKind
from audit.services import audit_record
from meetings.choices import MeetingStatus
from meetings.models import DraftMeasure, Meeting
from members.changes import branch_changed
from members.choices import Position
from members.models import Member, Organization
from members.selectors import (
    can_manage_branch,
    supervisor_users,
    user_label,
)
from notifications.services import notification_send
from rectification.choices import Difficulty, EventKind, ItemStatus, Priority
from rectification.evidence import evidence_kind
from rectification.models import (
    ItemEvent,
    LedgerPublicity,
    Problem,
    ProgressUpdate,
    RectificationItem,
)
from rectification.selectors.item_rules import (
    can_edit_item,
    can_mark_done,
    can_report,
    can_set_publicity,
    can_sign_off,
    item_signers,
    responsible,
    secretary_users,
    user_of,
)
from rectification.selectors.ledger import meeting_day
from rectification.selectors.recurring import RecurringIndex
from rectification.services.hooks import item_changed
from rectification.services.reminders import item_reminders_sync

MEASURE_MAX = 2000  # RectificationItem.measure
PROGRESS_MAX = 2000  # ProgressUpdate.text
REASON_MAX = 500
DEFAULT_DAYS = 90  # an item from a draft measure with no deadline: the meeting day + 90 days

# Events whose change bumps the item's version (what the edit form shows).
VERSIONED_EVENTS = (EventKind.CREATED, EventKind.EDITED, EventKind.DEADLINE)


# --- guards and small helpers --------------------------------------------------------------


def _lock(item: RectificationItem) -> RectificationItem:
    """The item under a row lock, with what the rules read alongside (not locked)."""
    return (
        RectificationItem.objects.select_for_update(of=("self",))
        .select_related("branch", "meeting", "problem", "owner", "lead")
        .get(pk=item.pk)
    )


def _refuse(item: RectificationItem, action: str) -> ValidationError:
    return ValidationError(
        _("该事项当前为“%(status)s”,不能%(action)s。")
        % {"status": item.get_status_display(), "action": action}
    )


def record_event(item: RectificationItem, kind: str, by, detail: str = "") -> ItemEvent:
    return ItemEvent.objects.create(item=item, kind=kind, by=by, detail=detail)


def shorten(text: str, width: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _url(item: RectificationItem) -> str:
    return reverse("rectification:item", args=[item.pk])


def clean_text(value, *, field: str, limit: int, missing: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: missing})
    if len(value) > limit:
        raise ValidationError({field: _("不能超过 %(n)d 个字,请精简后再保存。") % {"n": limit}})
    return value


def _clean_measure(measure) -> str:
    return clean_text(
        measure,
        field="measure",
        limit=MEASURE_MAX,
        missing=_("请写明具体的整改措施。"),
    )


def _clean_deadline(deadline, *, meeting: Meeting) -> datetime.date:
    if not deadline:
        raise ValidationError({"deadline": _("请填写整改时限。")})
    if deadline < meeting_day(meeting):
        raise ValidationError({"deadline": _("整改时限不能早于组织生活会召开的日期。")})
    return deadline


def _clean_choices(priority: str, difficulty: str) -> tuple[str, str]:
    if priority not in Priority.values:
        raise ValidationError({"priority": _("请选择轻重缓急。")})
    if difficulty not in Difficulty.values:
        raise ValidationError({"difficulty": _("请选择难易程度。")})
    return priority, difficulty


def _check_member(member: Member, *, branch_id: int, field: str) -> None:
    if member.branch_id != branch_id or not member.is_active:
        raise ValidationError({field: _("必须是本支部在册的党员。")})


def _responsible_fields(
    *, is_committee: bool, branch_id: int, owner: Member | None, lead: Member | None
) -> dict:
    """A member's item has an owner (and no lead); a committee item a lead (and no owner)."""
    if is_committee:
        if lead is None:
            raise ValidationError({"lead": _("班子整改事项请指定牵头人。")})
        _check_member(lead, branch_id=branch_id, field="lead")
        if not lead.position:
            raise ValidationError({"lead": _("班子整改事项的牵头人须为支部委员。")})
        return {"owner": None, "lead": lead}
    if owner is None:
        raise ValidationError({"owner": _("请指定责任人。")})
    _check_member(owner, branch_id=branch_id, field="owner")
    return {"owner": owner, "lead": None}


def _branch_secretary(branch_id: int) -> Member | None:
    return Member.objects.filter(
        branch_id=branch_id, position=Position.SECRETARY, is_active=True
    ).first()


def _notify_responsible(item: RectificationItem, *, key: str, title: str, body: str = "") -> None:
    user = user_of(responsible(item))
    if user is not None:
        notification_send(recipients=[user], key=key, title=title, body=body, url=_url(item))


# --- the recurring check (屡改屡在): the match is rectification.selectors.recurring --------


def meetings_mark_recurring(*, meeting_ids=None) -> int:
    """Mark the meetings that have a recurring item (``Meeting.has_recurring_items``, which
    the supervisor's 屡改屡在 list walks): those of ``meeting_ids``, or every one. Whatever
    sets ``recurring_of`` calls this; a mark is never cleared (a stale one costs a probe)."""
    items = RectificationItem.objects.filter(recurring_of__isnull=False)
    if meeting_ids is not None:
        items = items.filter(meeting_id__in=meeting_ids)
    return Meeting.objects.filter(
        pk__in=items.values("meeting_id"), has_recurring_items=False
    ).update(has_recurring_items=True)


def _flag_recurring(item: RectificationItem, problem: Problem, index: RecurringIndex) -> None:
    old = index.match(problem)
    if old is None:
        return
    RectificationItem.objects.filter(pk=item.pk).update(recurring_of=old)
    item.recurring_of = old
    meetings_mark_recurring(meeting_ids=[item.meeting_id])
    when = meeting_day(old.meeting).isoformat()
    record_event(
        item,
        EventKind.RECURRING,
        None,
        _("与%(date)s组织生活会已销号的问题相似:%(text)s")
        % {"date": when, "text": shorten(old.problem.text)},
    )
    who = _("支部班子") if problem.is_committee else str(problem.owner)
    notification_send(
        recipients=[*secretary_users(branch=item.branch), *supervisor_users(branch=item.branch)],
        key=f"problem:{problem.pk}:recurring",
        title=_("屡改屡在:%(who)s的问题再次出现") % {"who": who},
        body=_("“%(new)s”与%(date)s已销号的问题“%(old)s”相似,请核实上次整改是否到位。")
        % {"new": shorten(problem.text), "date": when, "old": shorten(old.problem.text)},
        url=_url(item),
    )


# --- creating items ------------------------------------------------------------------------


def _create(
    *,
    problem: Problem,
    by,
    measure: str,
    deadline: datetime.date,
    owner: Member | None,
    lead: Member | None,
    priority: str,
    difficulty: str,
    index: RecurringIndex,
) -> RectificationItem:
    item = RectificationItem.objects.create(
        problem=problem,
        meeting_id=problem.meeting_id,
        branch_id=problem.branch_id,
        measure=measure,
        owner=owner,
        lead=lead,
        is_committee=problem.is_committee,
        deadline=deadline,
        original_deadline=deadline,
        priority=priority,
        difficulty=difficulty,
    )
    record_event(item, EventKind.CREATED, by, _("整改时限:%(d)s") % {"d": deadline.isoformat()})
    _flag_recurring(item, problem, index)
    item_reminders_sync(item=item)  # the branch's rollup is refreshed by the caller, once
    return item


@transaction.atomic
def item_create(
    *,
    problem: Problem,
    by,
    measure: str,
    deadline: datetime.date,
    owner: Member | None = None,
    lead: Member | None = None,
    priority: str,
    difficulty: str,
) -> RectificationItem:
    """A rectification item for a problem of a meeting in 整改中. A member's problem gives
    that member's item unless another ``owner`` is given; a committee problem gives a
    committee item led by ``lead`` (default: the branch secretary)."""
    problem = (
        Problem.objects.select_for_update(of=("self",))
        .select_related("meeting", "branch", "owner")
        .get(pk=problem.pk)
    )
    if not can_manage_branch(user=by, branch=problem.branch):
        raise PermissionDenied
    meeting = problem.meeting
    if meeting.status != MeetingStatus.RECTIFYING:
        raise ValidationError(
            _("会议当前状态为“%(status)s”,转入整改后才能建立整改事项。")
            % {"status": meeting.get_status_display()}
        )
    if problem.merged_into_id is not None:
        raise ValidationError(_("该问题已合并到其他问题,请在合并后的问题下建立整改事项。"))
    if problem.is_committee:
        lead = lead or _branch_secretary(problem.branch_id)
    else:
        owner = owner or problem.owner
    fields = _responsible_fields(
        is_committee=problem.is_committee, branch_id=problem.branch_id, owner=owner, lead=lead
    )
    priority, difficulty = _clean_choices(priority, difficulty)
    item = _create(
        problem=problem,
        by=by,
        measure=_clean_measure(measure),
        deadline=_clean_deadline(deadline, meeting=meeting),
        priority=priority,
        difficulty=difficulty,
        index=RecurringIndex(),
        **fields,
    )
    branch_changed(branch_id=item.branch_id)
    return item


@transaction.atomic
def items_from_measures(*, meeting: Meeting, by) -> int:
    """When the meeting closes into 整改中: one item per 整改措施 of the drafts, for each
    problem that came from a draft and has no item yet. The measures of problems merged into
    another go to the one kept. Deadline: the measure's, else the meeting day + 90 days;
    owner: the problem's; committee problems are led by the branch secretary (skipped when
    the branch has none — the committee adds those by hand). Returns how many were created;
    a second call creates none."""
    meeting = (
        Meeting.objects.select_for_update(of=("self",)).select_related("branch").get(pk=meeting.pk)
    )
    if not can_manage_branch(user=by, branch=meeting.branch):
        raise PermissionDenied
    if meeting.status != MeetingStatus.RECTIFYING:
        raise ValidationError(
            _("会议当前状态为“%(status)s”,转入整改后才能生成整改台账。")
            % {"status": meeting.get_status_display()}
        )
    problems = {
        p.pk: p for p in Problem.objects.filter(meeting=meeting).select_related("meeting", "owner")
    }
    have_items = set(
        RectificationItem.objects.filter(meeting=meeting).values_list("problem_id", flat=True)
    )
    target_of: dict[int, int] = {}  # draft problem id → the kept problem's id
    for p in problems.values():
        if p.draft_problem_id is None:
            continue
        target = p.merged_into_id or p.pk
        if target in problems and target not in have_items:
            target_of[p.draft_problem_id] = target
    if not target_of:
        return 0
    measures = (
        DraftMeasure.objects.filter(problem_id__in=list(target_of))
        .select_related("problem")
        .order_by("problem__draft_id", "problem__order", "order")
    )
    by_target: dict[int, list[DraftMeasure]] = {}
    for m in measures:
        by_target.setdefault(target_of[m.problem_id], []).append(m)
    secretary = _branch_secretary(meeting.branch_id)
    first_day = meeting_day(meeting)
    default_deadline = first_day + datetime.timedelta(days=DEFAULT_DAYS)
    index = RecurringIndex()
    created = 0
    for target in sorted(by_target):
        problem = problems[target]
        if problem.is_committee and secretary is None:
            continue
        for m in by_target[target]:
            deadline = m.deadline if m.deadline and m.deadline >= first_day else default_deadline
            _create(
                problem=problem,
                by=by,
                measure=m.text.strip()[:MEASURE_MAX],
                deadline=deadline,
                owner=None if problem.is_committee else problem.owner,
                lead=secretary if problem.is_committee else None,
                priority=Priority.IMPORTANT,
                difficulty=Difficulty.MEDIUM,
                index=index,
            )
            created += 1
    if created:
        branch_changed(branch_id=meeting.branch_id)
    return created


@dataclass
class ItemProposal:
    """One item the secretary confirmed on the closing page (see ``items_confirm``)."""

    problem_id: int
    measure: str
    deadline: datetime.date | None
    person: Member | None  # the owner of a member's item, the lead of a committee item
    priority: str
    difficulty: str


def items_confirm(*, meeting: Meeting, by, proposals: Sequence[ItemProposal]) -> int:
    """Create the items the secretary confirmed on the closing page, for a meeting that has
    just moved into 整改中 (same transaction: one bad row and nothing is kept). Each row is
    checked as ``item_create`` checks it; an error names its row."""
    problems = {
        p.pk: p
        for p in Problem.objects.filter(meeting=meeting, merged_into__isnull=True).select_related(
            "meeting", "branch", "owner"
        )
    }
    index = RecurringIndex()
    created = 0
    for number, proposal in enumerate(proposals, 1):
        problem = problems.get(proposal.problem_id)
        try:
            if problem is None:
                raise ValidationError(_("问题不存在或已合并。"))
            if problem.is_committee:
                fields = _responsible_fields(
                    is_committee=True,
                    branch_id=problem.branch_id,
                    owner=None,
                    lead=proposal.person or _branch_secretary(problem.branch_id),
                )
            else:
                fields = _responsible_fields(
                    is_committee=False,
                    branch_id=problem.branch_id,
                    owner=proposal.person or problem.owner,
                    lead=None,
                )
            priority, difficulty = _clean_choices(proposal.priority, proposal.difficulty)
            _create(
                problem=problem,
                by=by,
                measure=_clean_measure(proposal.measure),
                deadline=_clean_deadline(proposal.deadline, meeting=meeting),
                priority=priority,
                difficulty=difficulty,
                index=index,
                **fields,
            )
        except ValidationError as exc:
            raise ValidationError(
                _("第 %(n)d 项:%(error)s") % {"n": number, "error": " ".join(exc.messages)}
            ) from exc
        created += 1
    if created:
        branch_changed(branch_id=meeting.branch_id)
    return created


# --- editing, with optimistic concurrency ----------------------------------------------------


class StaleItem(ValidationError):
    """The item changed since the editor's form was loaded. ``item`` is the current row;
    ``changed_by`` and ``changed_at`` say who changed it and when."""

    def __init__(self, *, item: RectificationItem, changed_by: str, changed_at):
        self.item = item
        self.changed_by = changed_by
        self.changed_at = changed_at
        local = timezone.localtime(changed_at) if changed_at else None
        if local is None:
            when = ""
        elif local.date() == timezone.localdate():
            when = local.strftime("%H:%M")
        else:
            when = local.strftime("%Y-%m-%d %H:%M")
        super().__init__(
            _(
                "该事项已被 %(who)s 于 %(time)s 修改,您的修改未保存。请核对对方的修改后再决定是否重新保存。"
            )
            % {"who": changed_by, "time": when},
            code="stale",
        )


def _stale(item_pk: int) -> StaleItem:
    current = RectificationItem.objects.select_related("owner", "lead", "branch").get(pk=item_pk)
    last = (
        ItemEvent.objects.filter(item_id=item_pk, kind__in=[*VERSIONED_EVENTS, EventKind.INTERVIEW])
        .select_related("by__member")
        .order_by("-at", "-pk")
        .first()
    )
    return StaleItem(
        item=current,
        changed_by=user_label(last.by) if last else _("他人"),
        changed_at=last.at if last else current.updated_at,
    )


def _deadline_event(item, *, by, old: datetime.date, new: datetime.date, why: str = "") -> None:
    detail = f"{old.isoformat()} → {new.isoformat()}"
    if why:
        detail = f"{detail}({why})"
    record_event(item, EventKind.DEADLINE, by, detail)


def move_deadline(item: RectificationItem, *, by, deadline: datetime.date, why: str = "") -> None:
    """Move the deadline (the original stays in ``original_deadline``) and bump the version,
    so an edit form loaded before is refused rather than putting the old deadline back."""
    old = item.deadline
    RectificationItem.objects.filter(pk=item.pk).update(
        deadline=deadline, version=F("version") + 1, updated_at=timezone.now()
    )
    item.deadline = deadline
    item.version += 1
    _deadline_event(item, by=by, old=old, new=deadline, why=why)


@transaction.atomic
def item_update(
    *,
    item: RectificationItem,
    by,
    version: int,
    measure: str,
    deadline: datetime.date,
    owner: Member | None,
    lead: Member | None,
    priority: str,
    difficulty: str,
) -> RectificationItem:
    """Edit an item (the committee and the supervisors above). ``version`` is the one the
    form was loaded with: if someone saved in between, ``StaleItem`` is raised and nothing
    is written. A changed deadline keeps ``original_deadline``."""
    item = _lock(item)
    if not can_edit_item(user=by, item=item):
        raise PermissionDenied
    if item.version != version:
        raise _stale(item.pk)
    if item.status == ItemStatus.SIGNED_OFF:
        raise ValidationError(_("已销号的事项不能再修改。"))
    fields = _responsible_fields(
        is_committee=item.is_committee, branch_id=item.branch_id, owner=owner, lead=lead
    )
    measure = _clean_measure(measure)
    deadline = _clean_deadline(deadline, meeting=item.meeting)
    priority, difficulty = _clean_choices(priority, difficulty)
    changes = []
    if measure != item.measure:
        changes.append(
            _("整改措施:“%(a)s”→“%(b)s”") % {"a": shorten(item.measure), "b": shorten(measure)}
        )
    new_person = fields["lead"] if item.is_committee else fields["owner"]
    old_person = responsible(item)
    person_changed = new_person.pk != (old_person.pk if old_person else None)
    if person_changed:
        label = _("牵头人") if item.is_committee else _("责任人")
        changes.append(f"{label}:{old_person} → {new_person}")
    if priority != item.priority:
        changes.append(
            _("轻重缓急:%(a)s → %(b)s")
            % {"a": item.get_priority_display(), "b": Priority(priority).label}
        )
    if difficulty != item.difficulty:
        changes.append(
            _("难易程度:%(a)s → %(b)s")
            % {"a": item.get_difficulty_display(), "b": Difficulty(difficulty).label}
        )
    old_deadline = item.deadline
    if not changes and deadline == old_deadline:
        return item  # nothing to save: the version stays
    rows = RectificationItem.objects.filter(pk=item.pk, version=version).update(
        measure=measure,
        deadline=deadline,
        owner=fields["owner"],
        lead=fields["lead"],
        priority=priority,
        difficulty=difficulty,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    if rows == 0:  # cannot happen under the row lock; a guard for databases without one
        raise _stale(item.pk)
    item.version += 1
    item.measure, item.deadline = measure, deadline
    item.owner, item.lead = fields["owner"], fields["lead"]
    item.priority, item.difficulty = priority, difficulty
    if changes:
        record_event(item, EventKind.EDITED, by, ";".join(changes))
    if deadline != old_deadline:
        _deadline_event(item, by=by, old=old_deadline, new=deadline)
    if person_changed:
        _notify_responsible(
            item,
            key=f"item:{item.pk}:assigned:{item.version}",
            title=_("您被指定为整改事项的%(role)s:%(m)s")
            % {
                "role": _("牵头人") if item.is_committee else _("责任人"),
                "m": shorten(measure, 30),
            },
        )
    item_changed(item=item)
    return item


# --- the owner's side: start, progress, done -----------------------------------------------


def _start(item: RectificationItem, by) -> None:
    item.status = ItemStatus.IN_PROGRESS
    item.started_at = timezone.now()
    item.save(update_fields=["status", "started_at", "updated_at"])
    record_event(item, EventKind.STARTED, by)


@transaction.atomic
def item_start(*, item: RectificationItem, by) -> RectificationItem:
    """未开始 → 整改中. Anything later is left as it is."""
    item = _lock(item)
    if not can_report(user=by, item=item):
        raise PermissionDenied
    if item.status == ItemStatus.NOT_STARTED:
        _start(item, by)
        item_changed(item=item)
    return item


@transaction.atomic
def progress_add(
    *,
    item: RectificationItem,
    by,
    on: datetime.date,
    text: str,
    evidence=None,
) -> ProgressUpdate:
    """Report progress: a date, a line of text and — only if the owner wants — one piece of
    evidence. The first report starts the item."""
    item = _lock(item)
    if not can_report(user=by, item=item):
        raise PermissionDenied
    if item.status == ItemStatus.SIGNED_OFF:
        raise _refuse(item, _("报告进展"))
    text = clean_text(text, field="text", limit=PROGRESS_MAX, missing=_("请简要写明进展情况。"))
    if not on:
        raise ValidationError({"on": _("请填写日期。")})
    if on > timezone.localdate():
        raise ValidationError({"on": _("进展日期不能晚于今天。")})
    kind = evidence_kind(evidence) if evidence else None
    if item.status == ItemStatus.NOT_STARTED:
        _start(item, by)
    progress = ProgressUpdate(item=item, on=on, text=text, by=by)
    if evidence:
        evidence.name = f"evidence.{kind}"  # stored under the type found, not the name given
        progress.evidence = evidence
    progress.save()
    detail = shorten(text)
    if evidence:
        detail = _("%(text)s(附佐证材料)") % {"text": detail}
    record_event(item, EventKind.PROGRESS, by, detail)
    item_changed(item=item)
    return progress


@transaction.atomic
def item_mark_done(*, item: RectificationItem, by) -> RectificationItem:
    """The owner (or lead) reports the item done and asks for sign-off: → 待销号."""
    item = _lock(item)
    if not can_mark_done(user=by, item=item):
        raise PermissionDenied
    if item.status == ItemStatus.AWAITING_SIGNOFF:
        return item
    if item.status == ItemStatus.SIGNED_OFF:
        raise _refuse(item, _("申请销号"))
    now = timezone.now()
    if item.status == ItemStatus.NOT_STARTED:
        _start(item, by)
    item.status = ItemStatus.AWAITING_SIGNOFF
    item.done_at = now
    item.save(update_fields=["status", "done_at", "updated_at"])
    event = record_event(item, EventKind.DONE, by)
    who = item.owner_label
    notification_send(
        recipients=item_signers(item),
        key=f"item:{item.pk}:done:{event.pk}",
        title=_("待销号:%(who)s — %(m)s") % {"who": who, "m": shorten(item.measure, 30)},
        body=_("%(who)s已完成整改并申请销号,请审核。") % {"who": who},
        url=_url(item),
    )
    item_changed(item=item)
    return item


# --- sign-off ------------------------------------------------------------------------------


@transaction.atomic
def item_sign_off(*, item: RectificationItem, by) -> RectificationItem:
    """待销号 → 已销号 (销号). Members' items: the branch secretary or a supervisor above;
    committee items: a supervisor above only."""
    item = _lock(item)
    if not can_sign_off(user=by, item=item):
        raise PermissionDenied
    if item.status == ItemStatus.SIGNED_OFF:
        return item
    if item.status != ItemStatus.AWAITING_SIGNOFF:
        raise ValidationError(
            _("该事项当前为“%(status)s”,只有责任人申请销号(待销号)的事项才能销号。")
            % {"status": item.get_status_display()}
        )
    item.status = ItemStatus.SIGNED_OFF
    item.signed_off_at = timezone.now()
    item.signed_off_by = by
    item.save(update_fields=["status", "signed_off_at", "signed_off_by", "updated_at"])
    event = record_event(item, EventKind.SIGNED_OFF, by)
    _audit(item, AuditEventKind.ITEM_SIGNED_OFF, by)
    _notify_responsible(
        item,
        key=f"item:{item.pk}:signed-off:{event.pk}",
        title=_("整改事项已销号:%(m)s") % {"m": shorten(item.measure, 30)},
    )
    item_changed(item=item)
    return item


@transaction.atomic
def item_send_back(*, item: RectificationItem, by, reason: str) -> RectificationItem:
    """待销号 → 整改中 with the reason (the same people who may sign off)."""
    item = _lock(item)
    if not can_sign_off(user=by, item=item):
        raise PermissionDenied
    reason = clean_text(reason, field="reason", limit=REASON_MAX, missing=_("退回时请写明理由。"))
    if item.status != ItemStatus.AWAITING_SIGNOFF:
        raise ValidationError(
            _("该事项当前为“%(status)s”,只有待销号的事项才能退回。")
            % {"status": item.get_status_display()}
        )
    item.status = ItemStatus.IN_PROGRESS
    item.done_at = None
    item.save(update_fields=["status", "done_at", "updated_at"])
    event = record_event(item, EventKind.SENT_BACK, by, reason)
    _audit(item, AuditEventKind.ITEM_SENT_BACK, by, reason)
    _notify_responsible(
        item,
        key=f"item:{item.pk}:sent-back:{event.pk}",
        title=_("整改事项被退回,请继续整改:%(m)s") % {"m": shorten(item.measure, 30)},
        body=reason,
    )
    item_changed(item=item)
    return item


def _audit(item: RectificationItem, event: str, by, detail: str = "") -> None:
    audit_record(
        event=event,
        actor=by,
        organization=item.branch,
        target=item,
        target_label=f"{item.owner_label}:{shorten(item.measure, 60)}",
        detail=detail,
    )


# --- publicity (公示) --------------------------------------------------------------------------


@transaction.atomic
def publicity_set(*, branch: Organization, by, enabled: bool) -> LedgerPublicity:
    """Turn the public link to the branch ledger on or off (the branch secretary). Turning
    it on issues a new token, so a link handed out before it was turned off stays dead;
    turning on what is on (a retry) keeps the link."""
    if not can_set_publicity(user=by, branch=branch):
        raise PermissionDenied
    publicity = LedgerPublicity.objects.select_for_update().filter(branch=branch).first()
    if publicity is None or publicity.enabled != enabled:
        audit_record(
            event=AuditEventKind.PUBLICITY_ON if enabled else AuditEventKind.PUBLICITY_OFF,
            actor=by,
            organization=branch,
        )
    if publicity is None:
        return LedgerPublicity.objects.create(
            branch=branch, enabled=enabled, token=secrets.token_urlsafe(24)
        )
    if publicity.enabled != enabled:
        publicity.enabled = enabled
        if enabled:
            publicity.token = secrets.token_urlsafe(24)
        publicity.save(update_fields=["enabled", "token"])
    return publicity
