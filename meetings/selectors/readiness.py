"""The readiness checklist (会前准备就绪): live, computed from the rows, never stored."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from meetings.choices import PlanStatus
from meetings.models import Meeting, Reading


@dataclass(frozen=True)
class ReadinessItem:
    key: str
    label: str | Promise
    done: bool
    detail: str
    url_name: str


def readings_readiness(*, meeting: Meeting) -> tuple[bool, str]:
    readings = list(Reading.objects.filter(meeting=meeting).values_list("pk", "study_sessions__pk"))
    total = {pk for pk, _s in readings}
    covered = {pk for pk, session in readings if session is not None}
    sessions = meeting.study_sessions.count()
    if not total:
        return sessions > 0, str(_("未设规定书目,已组织学习 %(n)d 次") % {"n": sessions})
    return covered == total, str(
        _("规定书目 %(t)d 本,已学 %(c)d 本;学习 %(n)d 次")
        % {"t": len(total), "c": len(covered), "n": sessions}
    )


def meeting_readiness(*, meeting: Meeting) -> list[ReadinessItem]:
    from meetings.selectors.drafts import drafts_readiness
    from meetings.selectors.opinions import opinions_readiness
    from meetings.selectors.talks import talks_readiness

    plan_done = meeting.plan_status == PlanStatus.APPROVED
    read_done, read_detail = readings_readiness(meeting=meeting)
    op_done, op_detail = opinions_readiness(meeting=meeting)
    talk_done, talk_detail = talks_readiness(meeting=meeting)
    draft_done, draft_detail = drafts_readiness(meeting=meeting)
    items = [
        ReadinessItem(
            "plan", _("方案已获批准"), plan_done, str(meeting.get_plan_status_display()), "detail"
        ),
        ReadinessItem("study", _("规定书目已学习"), read_done, read_detail, "study"),
        ReadinessItem("opinions", _("意见已征求并梳理"), op_done, op_detail, "opinions"),
        ReadinessItem("talks", _("谈心谈话全覆盖"), talk_done, talk_detail, "talks"),
        ReadinessItem("drafts", _("对照检查材料已审核通过"), draft_done, draft_detail, "drafts"),
    ]
    return items
