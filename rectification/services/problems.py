"""The problem list (问题清单): drawn up, edited, merged and published (公示).

A problem comes from one of four sources: a draft's 查摆问题 (created when the meeting is
held), criticism received at the meeting (相互批评), an opinion the secretary kept
(征求意见), or the supervisor's comments (上级点评). The committee (and the supervisors
above) edit and merge the list while the meeting is 已召开, publish it within the branch
(公示); the report upward and closing into 整改中 — after which the list belongs to the
ledger and no longer changes here — are steps of the meeting's life cycle
(``rectification.services.lifecycle``), which also calls ``problems_from_drafts`` when the
meeting is held and ``problems_follow_marks`` when a mark changes.

Each function locks the meeting row first (so editing, publishing and closing are
serialised), refuses an illegal move with a Chinese message, and is a no-op when asked to
do what is already done (so a retry — a double click — is harmless).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.choices import CAUSE_FIELDS, MeetingStatus, OpinionDisposition, ProblemCategory
from meetings.models import AnonymousOpinion, Criticism, Draft, DraftProblem, Meeting, Opinion
from members.changes import branch_changed
from members.models import Member
from members.selectors import can_manage_branch
from notifications.services import notification_send
from rectification.choices import ProblemSource
from rectification.models import Problem

TEXT_MAX = 1000  # Problem.text / example / root_cause


# --- guards ------------------------------------------------------------------------------


def lock_meeting(meeting_id: int) -> Meeting:
    """The meeting under a row lock (its branch read alongside, not locked)."""
    return (
        Meeting.objects.select_for_update(of=("self",)).select_related("branch").get(pk=meeting_id)
    )


def refuse(meeting: Meeting, action: str) -> ValidationError:
    return ValidationError(
        _("会议当前状态为“%(status)s”,不能%(action)s。")
        % {"status": meeting.get_status_display(), "action": action}
    )


def check_manager(*, meeting: Meeting, by) -> None:
    if not can_manage_branch(user=by, branch=meeting.branch):
        raise ValidationError(_("只有支部委员会或上级党组织可以整理问题清单。"))


def check_open(meeting: Meeting, action: str) -> None:
    """The list is worked on while the meeting is 已召开; once 整改中 it is the ledger's."""
    if meeting.status != MeetingStatus.HELD:
        raise refuse(meeting, action)


def _clean_text(value: str | None, *, field: str, required: bool) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("请填写问题的具体内容。")})
    if len(value) > TEXT_MAX:
        raise ValidationError({field: _("不能超过 %(n)d 个字,请精简后再保存。") % {"n": TEXT_MAX}})
    return value


def _clean_category(category: str) -> str:
    if category not in ProblemCategory.values:
        raise ValidationError({"category": _("请选择问题类别。")})
    return category


def _owner_fields(*, meeting: Meeting, owner: Member | None) -> dict:
    """``owner=None`` is the branch committee (支部班子)."""
    if owner is None:
        return {"owner": None, "is_committee": True}
    if owner.branch_id != meeting.branch_id:
        raise ValidationError({"owner": _("责任人必须是本支部的党员。")})
    return {"owner": owner, "is_committee": False}


def _create_once(*, meeting: Meeting, same: dict, **fields) -> Problem:
    """Create the problem unless one with the same text and the same ``same`` fields (its
    source) exists — a resubmitted form; a source may still give several problems."""
    existing = (
        Problem.objects.filter(meeting=meeting, text=fields["text"], **same).order_by("pk").first()
    )
    if existing is not None:
        return existing
    return Problem.objects.create(meeting=meeting, branch_id=meeting.branch_id, **same, **fields)


# --- problems from the four sources --------------------------------------------------------


def _root_cause(draft: Draft) -> str:
    """The draft's 剖析根源 parts, labelled and joined (cut to fit the problem's field)."""
    joined = "\n".join(
        f"{label}:{value.strip()}"
        for field, label in CAUSE_FIELDS
        if (value := getattr(draft, field)) and value.strip()
    )
    return joined if len(joined) <= TEXT_MAX else joined[: TEXT_MAX - 1] + "…"


@transaction.atomic
def problems_from_drafts(*, meeting: Meeting) -> int:
    """One problem per 查摆问题 of every draft of the meeting submitted at least once; the
    committee's joint draft gives committee problems. Called when the meeting is held.
    Returns how many were created: a second call creates none (and the unique constraint
    on ``draft_problem`` holds under a race)."""
    if meeting.status != MeetingStatus.HELD:
        raise refuse(meeting, _("生成问题清单"))
    taken = Problem.objects.filter(meeting=meeting, draft_problem__isnull=False).values(
        "draft_problem_id"
    )
    rows = (
        DraftProblem.objects.filter(draft__meeting=meeting, draft__version__gte=1)
        .exclude(pk__in=taken)
        .select_related("draft")
        .order_by("-draft__is_committee", "draft_id", "order")
    )
    causes: dict[int, str] = {}
    new = []
    for row in rows:
        draft = row.draft
        if draft.pk not in causes:
            causes[draft.pk] = _root_cause(draft)
        new.append(
            Problem(
                meeting=meeting,
                branch_id=meeting.branch_id,
                owner_id=None if draft.is_committee else draft.author_id,
                is_committee=draft.is_committee,
                category=row.category,
                text=row.text,
                example=row.example,
                root_cause=causes[draft.pk],
                source=ProblemSource.DRAFT,
                draft_problem=row,
            )
        )
    Problem.objects.bulk_create(new, ignore_conflicts=True)
    _follow_marks(meeting)  # the kept opinions and the criticism marked as problems
    branch_changed(branch_id=meeting.branch_id)
    return len(new)


# Words that point to a category (the first that matches wins); a proposal only — the
# secretary corrects it on the list. Anything else proposes 其他.
CATEGORY_WORDS = (
    (ProblemCategory.INTEGRITY, ("廉洁", "吃拿卡要", "公款", "收受", "违规吃喝")),
    (ProblemCategory.DISCIPLINE, ("纪律", "规矩", "制度", "程序", "议事", "事后才知道")),
    (ProblemCategory.MASSES, ("群众", "居民", "服务对象", "办事", "窗口")),
    (ProblemCategory.STUDY, ("学习", "理论", "读书")),
    (ProblemCategory.STYLE, ("作风", "形式主义", "官僚", "拖沓", "推诿", "布置任务", "商量")),
    (ProblemCategory.DUTY, ("担当", "畏难", "不作为", "落实")),
    (ProblemCategory.POLITICS, ("政治", "信仰", "宗旨")),
    (ProblemCategory.ROLE, ("先锋", "模范", "带头")),
)


def category_proposed(text: str) -> str:
    """The category proposed for a problem taken from an opinion or a criticism."""
    for category, words in CATEGORY_WORDS:
        if any(word in text for word in words):
            return category
    return ProblemCategory.OTHER


def _cut(text: str) -> str:
    text = text.strip()
    return text if len(text) <= TEXT_MAX else text[: TEXT_MAX - 1] + "…"


def _owner_of_opinion(opinion: Opinion | AnonymousOpinion) -> dict:
    window = opinion.window
    if (
        window.target_member_id is not None
        and window.target_member.branch_id == window.meeting.branch_id
    ):
        return {"owner_id": window.target_member_id, "is_committee": False}
    return {"owner": None, "is_committee": True}


def _marked_problems(meeting: Meeting) -> list[Problem]:
    """What the marks ask for and is not on the list yet (unsaved ``Problem`` rows)."""
    listed = Problem.objects.filter(meeting=meeting)
    new: list[Problem] = []
    for model, link in ((Opinion, "opinion"), (AnonymousOpinion, "anonymous_opinion")):
        kept = (
            model.objects.filter(window__meeting=meeting, disposition=OpinionDisposition.KEPT)
            .exclude(pk__in=listed.filter(**{f"{link}__isnull": False}).values(f"{link}_id"))
            .select_related("window", "window__meeting", "window__target_member")
            .order_by("pk")
        )
        for opinion in kept:
            new.append(
                Problem(
                    meeting=meeting,
                    branch_id=meeting.branch_id,
                    **_owner_of_opinion(opinion),
                    category=category_proposed(opinion.text),
                    text=_cut(opinion.text),
                    source=ProblemSource.OPINION,
                    **{link: opinion},
                )
            )
    marked = (
        Criticism.objects.filter(meeting=meeting, as_problem=True)
        .exclude(pk__in=listed.filter(criticism__isnull=False).values("criticism_id"))
        .order_by("pk")
    )
    for criticism in marked:
        new.append(
            Problem(
                meeting=meeting,
                branch_id=meeting.branch_id,
                owner_id=criticism.target_id,
                is_committee=False,
                category=criticism.problem_category or category_proposed(criticism.text),
                text=_cut(criticism.text),
                source=ProblemSource.CRITICISM,
                criticism=criticism,
            )
        )
    return new


def _unmarked(meeting: Meeting):
    """Problems taken from a mark since withdrawn, that nobody has worked on (nothing
    merged into them, not merged away): they leave the list with the mark."""
    from django.db.models import Q

    return (
        Problem.objects.filter(meeting=meeting, merged_into__isnull=True)
        .filter(
            Q(opinion__isnull=False) & ~Q(opinion__disposition=OpinionDisposition.KEPT)
            | Q(anonymous_opinion__isnull=False)
            & ~Q(anonymous_opinion__disposition=OpinionDisposition.KEPT)
            | Q(
                criticism__isnull=False, criticism__as_problem=False, source=ProblemSource.CRITICISM
            )
        )
        .exclude(merged__isnull=False)
    )


@transaction.atomic
def problems_follow_marks(*, meeting_id: int) -> int:
    """While the meeting is 已召开: every kept opinion and every criticism marked as a
    problem is on the list once (owner and category proposed, editable), and a withdrawn
    mark takes its untouched problem away. Otherwise nothing. Returns how many were added."""
    meeting = lock_meeting(meeting_id)
    if meeting.status != MeetingStatus.HELD:
        return 0
    return _follow_marks(meeting)


def _follow_marks(meeting: Meeting) -> int:
    removed, _counts = _unmarked(meeting).delete()
    new = _marked_problems(meeting)
    Problem.objects.bulk_create(new)
    if new or removed:
        branch_changed(branch_id=meeting.branch_id)
    return len(new)


@transaction.atomic
def problem_from_criticism(
    *,
    criticism: Criticism,
    by,
    category: str,
    text: str | None = None,
    root_cause: str = "",
) -> Problem:
    """A problem from criticism received at the meeting; its owner is the one criticised.
    ``text`` defaults to what the critic said."""
    meeting = lock_meeting(criticism.meeting_id)
    check_manager(meeting=meeting, by=by)
    check_open(meeting, _("添加问题"))
    problem = _create_once(
        meeting=meeting,
        same={"criticism": criticism},
        owner=criticism.target,
        is_committee=False,
        category=_clean_category(category),
        text=_clean_text(criticism.text if text is None else text, field="text", required=True),
        root_cause=_clean_text(root_cause, field="root_cause", required=False),
        source=ProblemSource.CRITICISM,
    )
    Criticism.objects.filter(pk=criticism.pk, as_problem=False).update(as_problem=True)
    branch_changed(branch_id=meeting.branch_id)
    return problem


@transaction.atomic
def problem_from_opinion(
    *,
    opinion: Opinion | AnonymousOpinion,
    by,
    owner: Member | None,
    category: str,
    text: str | None = None,
    root_cause: str = "",
) -> Problem:
    """A problem from an opinion the secretary kept (采纳为问题), signed or anonymous.
    ``owner=None`` makes it the committee's. ``text`` defaults to the opinion's text."""
    meeting_id = opinion.window.meeting_id
    meeting = lock_meeting(meeting_id)
    check_manager(meeting=meeting, by=by)
    check_open(meeting, _("添加问题"))
    opinion = type(opinion).objects.select_for_update().get(pk=opinion.pk)
    if opinion.disposition != OpinionDisposition.KEPT:
        raise ValidationError(
            _("只有梳理为“采纳为问题”的意见才能列入问题清单,请先在征求意见中梳理。")
        )
    anonymous = isinstance(opinion, AnonymousOpinion)
    problem = _create_once(
        meeting=meeting,
        same={"anonymous_opinion": opinion} if anonymous else {"opinion": opinion},
        **_owner_fields(meeting=meeting, owner=owner),
        category=_clean_category(category),
        text=_clean_text(opinion.text if text is None else text, field="text", required=True),
        root_cause=_clean_text(root_cause, field="root_cause", required=False),
        source=ProblemSource.OPINION,
    )
    branch_changed(branch_id=meeting.branch_id)
    return problem


@transaction.atomic
def problem_add_supervisor(
    *,
    meeting: Meeting,
    by,
    owner: Member | None,
    category: str,
    text: str,
    root_cause: str = "",
) -> Problem:
    """A problem raised in the supervisor's comments (上级点评), entered by the secretary
    or by the supervisor. ``owner=None`` makes it the committee's."""
    meeting = lock_meeting(meeting.pk)
    check_manager(meeting=meeting, by=by)
    check_open(meeting, _("添加问题"))
    fields = _owner_fields(meeting=meeting, owner=owner)
    problem = _create_once(
        meeting=meeting,
        same={"source": ProblemSource.SUPERVISOR, **fields},
        category=_clean_category(category),
        text=_clean_text(text, field="text", required=True),
        root_cause=_clean_text(root_cause, field="root_cause", required=False),
    )
    branch_changed(branch_id=meeting.branch_id)
    return problem


# --- editing and merging -----------------------------------------------------------------


@transaction.atomic
def problem_update(
    *,
    problem: Problem,
    by,
    category: str,
    text: str,
    root_cause: str,
    owner: Member | None,
    example: str | None = None,
) -> Problem:
    """Edit a problem while the meeting is 已召开. ``example=None`` keeps the example.
    Problems merged into this one follow a change of owner."""
    meeting = lock_meeting(problem.meeting_id)
    check_manager(meeting=meeting, by=by)
    check_open(meeting, _("修改问题清单"))
    problem = Problem.objects.select_for_update().get(pk=problem.pk)
    if problem.merged_into_id is not None:
        raise ValidationError(_("该问题已合并到其他问题,请修改合并后的问题。"))
    fields = _owner_fields(meeting=meeting, owner=owner)
    problem.category = _clean_category(category)
    problem.text = _clean_text(text, field="text", required=True)
    problem.root_cause = _clean_text(root_cause, field="root_cause", required=False)
    if example is not None:
        problem.example = _clean_text(example, field="example", required=False)
    if problem.owner_id != (owner.pk if owner is not None else None):
        problem.owner, problem.is_committee = fields["owner"], fields["is_committee"]
        Problem.objects.filter(merged_into=problem).update(**fields)
    problem.save()
    branch_changed(branch_id=meeting.branch_id)
    return problem


def _same_owner(a: Problem, b: Problem) -> bool:
    return (a.is_committee, a.owner_id) == (b.is_committee, b.owner_id)


@transaction.atomic
def problem_merge(*, keep: Problem, merge: Sequence[Problem], by) -> Problem:
    """Merge similar problems of the same owner at the same meeting into ``keep``: the
    merged ones leave the list (``merged_into`` points at ``keep``), and so do any merged
    into them before."""
    meeting = lock_meeting(keep.meeting_id)
    check_manager(meeting=meeting, by=by)
    check_open(meeting, _("合并问题"))
    merge_ids = {p.pk for p in merge}
    if not merge_ids:
        raise ValidationError(_("请选择要合并的问题。"))
    if keep.pk in merge_ids:
        raise ValidationError(_("不能把问题合并到它自己。"))
    rows = {
        p.pk: p
        for p in Problem.objects.select_for_update()
        .filter(pk__in=[keep.pk, *merge_ids])
        .order_by("pk")  # not the default ordering's outer join on the owner
    }
    keep = rows[keep.pk]
    if keep.merged_into_id is not None:
        raise ValidationError(_("保留的问题已被合并到其他问题。"))
    todo = []
    for pk in sorted(merge_ids):
        other = rows.get(pk)
        if other is None or other.meeting_id != keep.meeting_id:
            raise ValidationError(_("只能合并同一次会议的问题。"))
        if not _same_owner(keep, other):
            raise ValidationError(_("只能合并同一责任人的问题。"))
        if other.merged_into_id == keep.pk:
            continue  # already done: a retry
        if other.merged_into_id is not None:
            raise ValidationError(_("问题“%(text)s”已合并到其他问题。") % {"text": other})
        todo.append(pk)
    if todo:
        Problem.objects.filter(merged_into_id__in=todo).update(merged_into=keep)
        Problem.objects.filter(pk__in=todo).update(merged_into=keep)
        branch_changed(branch_id=meeting.branch_id)
    return keep


# --- publishing ---------------------------------------------------------------------------


@transaction.atomic
def problems_publish(*, meeting: Meeting, by) -> Meeting:
    """Publish the list within the branch (公示): its members can now read it, and each is
    told with a link. Later edits (until 整改中) show on the same page."""
    meeting = lock_meeting(meeting.pk)
    check_manager(meeting=meeting, by=by)
    if meeting.problems_published_at is not None:
        return meeting
    check_open(meeting, _("公示问题清单"))
    if not Problem.objects.filter(meeting=meeting).active().exists():
        raise ValidationError(_("问题清单还是空的,请先整理问题再公示。"))
    meeting.problems_published_at = timezone.now()
    meeting.save(update_fields=["problems_published_at", "updated_at"])
    from django.contrib.auth import get_user_model

    notification_send(
        recipients=get_user_model().objects.filter(
            is_active=True, member__branch=meeting.branch, member__is_active=True
        ),
        key=f"meeting:{meeting.pk}:problems-published",
        title=_("问题清单公示:%(theme)s") % {"theme": meeting.theme},
        body=_("%(branch)s组织生活会的问题清单已在支部内公示,请查看本人及班子的问题。")
        % {"branch": meeting.branch.name},
        url=reverse("rectification:problems", args=[meeting.pk]),
    )
    return meeting
