"""Nothing typed twice: what the secretary marks becomes a problem by itself, and closing into
整改中 proposes every item on one page, confirmed with one submission."""

from __future__ import annotations

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from meetings.choices import MeetingStatus
from rectification.choices import ProblemSource
from rectification.models import Problem, RectificationItem
from rectification.services import lifecycle
from rectification.services import problems as services
from rectification.services.lifecycle import criticism_save, meeting_hold, opinion_sort
from tests.meetings.factories import (
    AnonymousOpinionFactory,
    CriticismFactory,
    DraftFactory,
    OpinionFactory,
    OpinionWindowFactory,
)

pytestmark = pytest.mark.django_db


def _sec(people):
    return people["secretary"].user


def test_kept_opinions_are_on_the_list_when_the_meeting_is_held(people, meeting):
    committee_window = OpinionWindowFactory(meeting=meeting)
    member_window = OpinionWindowFactory(
        meeting=meeting, target="member", target_member=people["m1"]
    )
    OpinionFactory(
        window=committee_window, author=people["m2"], text="支委会议事前很少征求党员意见,事后才知道"
    )
    AnonymousOpinionFactory(window=member_window, text="张三对群众来件只转不办")
    OpinionFactory(
        window=committee_window, author=people["m3"], text="不予采纳的意见", disposition="dismissed"
    )

    meeting_hold(meeting=meeting, by=_sec(people), override_reason="按期召开")

    problems = {p.text: p for p in Problem.objects.filter(source=ProblemSource.OPINION)}
    assert set(problems) == {"支委会议事前很少征求党员意见,事后才知道", "张三对群众来件只转不办"}
    signed = problems["支委会议事前很少征求党员意见,事后才知道"]
    assert signed.is_committee and signed.owner is None  # the window asked about the committee
    assert signed.category == "discipline"  # proposed from its words, editable on the list
    anonymous = problems["张三对群众来件只转不办"]
    assert anonymous.owner == people["m1"] and anonymous.category == "masses"
    assert anonymous.anonymous_opinion_id is not None
    # a second pass adds nothing
    assert services.problems_follow_marks(meeting_id=meeting.pk) == 0
    assert Problem.objects.filter(source=ProblemSource.OPINION).count() == 2


def test_sorting_after_the_meeting_follows_at_once_and_back(people, held):
    window = OpinionWindowFactory(meeting=held)
    opinion = OpinionFactory(
        window=window, author=people["m2"], text="学习走过场,读书笔记照抄", disposition="unsorted"
    )
    opinion_sort(opinion=opinion, by=_sec(people), disposition="kept")
    problem = Problem.objects.get(opinion=opinion)
    assert problem.category == "study" and problem.is_committee
    opinion_sort(opinion=opinion, by=_sec(people), disposition="dismissed", note="已当面说明")
    assert not Problem.objects.filter(opinion=opinion).exists()


def test_criticism_marked_as_a_problem_becomes_the_targets_problem(people, held):
    sec = _sec(people)
    criticism = criticism_save(
        meeting=held,
        by=sec,
        critic=people["m1"],
        target=people["m2"],
        text="李四对群众来件只转不办",
        as_problem=True,
        problem_category="style",
    )
    problem = Problem.objects.get(criticism=criticism)
    assert (problem.owner, problem.category, problem.source) == (people["m2"], "style", "criticism")
    # unmarked: it leaves the list
    criticism_save(
        meeting=held,
        by=sec,
        critic=people["m1"],
        target=people["m2"],
        text="李四对群众来件只转不办",
        criticism=criticism,
        as_problem=False,
    )
    assert not Problem.objects.filter(criticism=criticism).exists()
    # criticism not marked is not a problem
    CriticismFactory(
        meeting=held, critic=people["m2"], target=people["m1"], text="张三开会经常迟到"
    )
    services.problems_follow_marks(meeting_id=held.pk)
    assert Problem.objects.count() == 0


def _ready_to_close(people, meeting):
    draft = DraftFactory(
        meeting=meeting, author=people["m1"], problems=[("study", "理论学习不够系统", "只读了一本")]
    )
    from meetings.models import DraftMeasure

    DraftMeasure.objects.create(
        draft=draft,
        problem=draft.problems.get(),
        order=1,
        text="每月精读一本规定书目并写心得",
        deadline=timezone.localdate() + datetime.timedelta(days=40),
    )
    OpinionFactory(
        window=OpinionWindowFactory(meeting=meeting),
        author=people["m2"],
        text="支委会议事不公开,事后才知道",
    )
    sec = _sec(people)
    meeting_hold(meeting=meeting, by=sec, override_reason="按期召开")
    services.problem_add_supervisor(
        meeting=meeting, by=sec, owner=people["m3"], category="duty", text="落实不到位"
    )
    services.problems_publish(meeting=meeting, by=sec)
    lifecycle.meeting_report_send(meeting=meeting, by=sec)
    return sec


def _post_data(page_context, **rows):
    formset = page_context["formset"]
    data = {
        "items-TOTAL_FORMS": str(len(formset.forms)),
        "items-INITIAL_FORMS": str(len(formset.forms)),
    }
    for i, form in enumerate(formset.forms):
        for name in ("problem", "measure", "person", "deadline"):
            value = form[name].value()
            data[f"items-{i}-{name}"] = (
                value.isoformat() if hasattr(value, "isoformat") else (value or "")
            )
        data[f"items-{i}-priority"] = "important"
        data[f"items-{i}-difficulty"] = "medium"
    for key, value in rows.items():
        data[key.replace("__", "-")] = value
    return data


def test_closing_proposes_every_item_and_confirms_them_in_one_submission(client, people, meeting):
    sec = _ready_to_close(people, meeting)
    client.force_login(sec)
    url = reverse("rectification:close", args=[meeting.pk])
    page = client.get(url)
    assert page.status_code == 200
    forms = page.context["formset"].forms
    by_text = {f.proposed_problem.text: f for f in forms}
    assert set(by_text) == {"理论学习不够系统", "支委会议事不公开,事后才知道", "落实不到位"}
    draft_row = by_text["理论学习不够系统"]
    assert draft_row["measure"].value() == "每月精读一本规定书目并写心得"  # the draft's own
    assert draft_row["person"].value() == str(people["m1"].pk)
    assert draft_row["deadline"].value() == timezone.localdate() + datetime.timedelta(days=40)
    default = timezone.localdate(meeting.starts_at) + relativedelta(months=3)
    opinion_row = by_text["支委会议事不公开,事后才知道"]
    assert opinion_row["measure"].value() == "" and opinion_row["deadline"].value() == default
    assert opinion_row["person"].value() == str(people["secretary"].pk)  # the committee's lead
    body = page.content.decode()
    priority = body[body.index('name="items-0-priority"') :]
    assert priority.index('<option value="">---------') < priority.index('<option value="urgent')
    assert 'value="urgent" selected' not in priority[: priority.index("</select>")]

    # One row wrong: nothing is saved, the page says which.
    index = forms.index(opinion_row)
    data = _post_data(page.context, **{f"items__{index}__measure": "支委会议题会前一周公开"})
    bad = dict(data, **{f"items-{index}-deadline": "2001-01-01"})
    response = client.post(url, bad)
    assert response.status_code == 200
    assert "整改时限不能早于组织生活会召开的日期" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD and not RectificationItem.objects.exists()

    # The supervisor's row left without a measure makes no item (added later on the ledger).
    supervisor_index = forms.index(by_text["落实不到位"])
    data[f"items-{supervisor_index}-measure"] = ""
    response = client.post(url, data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.RECTIFYING
    items = {i.measure: i for i in RectificationItem.objects.all()}
    assert set(items) == {"每月精读一本规定书目并写心得", "支委会议题会前一周公开"}
    committee_item = items["支委会议题会前一周公开"]
    assert committee_item.is_committee and committee_item.lead == people["secretary"]
    assert committee_item.deadline == default
    assert items["每月精读一本规定书目并写心得"].owner == people["m1"]


def test_closing_steps_show_only_when_next(client, people, held):
    sec = _sec(people)
    client.force_login(sec)
    url = reverse("rectification:problems", args=[held.pk])
    services.problem_add_supervisor(
        meeting=held, by=sec, owner=people["m1"], category="duty", text="落实不到位"
    )
    body = client.get(url).content.decode()
    assert "在支部内公示" in body and "上报上级党组织" not in body and "转入整改</a>" not in body
    assert "公示不能撤回" in body  # the confirmation says what follows
    services.problems_publish(meeting=held, by=sec)
    body = client.get(url).content.decode()
    assert "在支部内公示</button>" not in body and "上报上级党组织</button>" in body
    lifecycle.meeting_report_send(meeting=held, by=sec)
    body = client.get(url).content.decode()
    assert "上报上级党组织</button>" not in body and "转入整改</a>" in body


def test_the_supervisor_is_not_linked_to_members_drafts(client, people, meeting):
    DraftFactory(
        meeting=meeting, author=people["m1"], problems=[("study", "理论学习不够系统", "只读了一本")]
    )
    secretary_draft = DraftFactory(
        meeting=meeting, author=people["secretary"], problems=[("duty", "统筹不够", "例")]
    )
    meeting_hold(meeting=meeting, by=_sec(people), override_reason="按期召开")
    client.force_login(people["supervisor"])
    body = client.get(reverse("rectification:problems", args=[meeting.pk])).content.decode()
    links = [
        reverse("meetings:draft", args=[d.pk]) for d in meeting.drafts.exclude(author=people["m1"])
    ]
    member_draft = meeting.drafts.get(author=people["m1"])
    assert reverse("meetings:draft", args=[member_draft.pk]) not in body
    assert reverse("meetings:draft", args=[secretary_draft.pk]) in links
    assert reverse("meetings:draft", args=[secretary_draft.pk]) in body
    for link in links:
        assert client.get(link, follow=True).status_code == 200
