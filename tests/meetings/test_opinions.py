"""征求意见: the services' guards, readiness, who sees what (outside one's scope is a 404),
contents hidden until the window closes, an order that is not insertion order, constant
query counts, inline sorting, and the throttled public link."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.choices import MeetingStatus, OpinionDisposition, OpinionSource, OpinionTarget
from meetings.models import AnonymousOpinion, Meeting, Opinion, OpinionWindow
from meetings.selectors.opinions import (
    open_windows_for_member,
    opinion_sort_key,
    opinions_readiness,
)
from meetings.services.opinions import (
    opinion_give,
    opinion_give_public,
    window_cancel,
    window_close,
    window_open,
)
from notifications.models import Notification
from rectification.services.lifecycle import opinion_sort
from tests.meetings.factories import MeetingFactory
from tests.members.factories import MemberFactory, SupervisorFactory

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def people(org_tree):
    a, b = org_tree["a"], org_tree["b"]
    return {
        "secretary": MemberFactory(branch=a, name="甲书记", position="secretary"),
        "member": MemberFactory(branch=a, name="甲党员"),
        "member2": MemberFactory(branch=a, name="甲党员二"),
        "secretary_b": MemberFactory(branch=b, name="乙书记", position="secretary"),
        "member_b": MemberFactory(branch=b, name="乙党员"),
    }


@pytest.fixture
def meeting(org_tree, people):
    return MeetingFactory(branch=org_tree["a"])


def _open(meeting, by, **kwargs) -> OpinionWindow:
    now = timezone.now()
    params = {"target": OpinionTarget.COMMITTEE, "starts_at": now - HOUR, "ends_at": now + DAY}
    params.update(kwargs)
    return window_open(meeting=meeting, by=by, **params)


@pytest.fixture
def window(meeting, people):
    return _open(meeting, people["secretary"].user, public_enabled=True)


def _after(window, delta=datetime.timedelta(minutes=1)):
    """Travel to just after the window closed (time frozen there)."""
    return time_machine.travel(window.ends_at + delta, tick=False)


def _messages(exc: pytest.ExceptionInfo) -> str:
    return " ".join(exc.value.messages)


# --- services -------------------------------------------------------------------------


def test_window_open_guards_its_inputs(meeting, people):
    by = people["secretary"].user
    now = timezone.now()
    with pytest.raises(ValidationError) as exc:
        _open(meeting, by, starts_at=now + DAY, ends_at=now + HOUR)
    assert "截止时间必须晚于开始时间" in _messages(exc)
    with pytest.raises(ValidationError) as exc:
        _open(meeting, by, target=OpinionTarget.MEMBER)
    assert "请选择针对哪名党员" in _messages(exc)
    with pytest.raises(ValidationError) as exc:
        _open(meeting, by, target=OpinionTarget.MEMBER, target_member=people["member_b"])
    assert "本支部在册党员" in _messages(exc)
    with pytest.raises(ValidationError) as exc:
        _open(meeting, by, ends_at=meeting.starts_at + HOUR)
    assert "不能晚于会议召开时间" in _messages(exc)
    with pytest.raises(ValidationError) as exc:
        _open(meeting, people["member"].user)
    assert "支部委员会或上级党组织" in _messages(exc)
    assert not OpinionWindow.objects.exists()


def test_window_open_is_retry_safe_refuses_overlap_and_tells_members(meeting, people):
    by = people["secretary"].user
    now = timezone.now()
    first = _open(meeting, by, starts_at=now - HOUR, ends_at=now + DAY)
    again = _open(meeting, by, starts_at=now - HOUR, ends_at=now + DAY)
    assert again.pk == first.pk
    with pytest.raises(ValidationError) as exc:
        _open(meeting, by, starts_at=now, ends_at=now + 2 * DAY)
    assert "时间重叠" in _messages(exc)
    assert OpinionWindow.objects.count() == 1
    notified = set(
        Notification.objects.filter(key=f"opinion-window:{first.pk}:opened").values_list(
            "recipient__member__name", flat=True
        )
    )
    assert notified == {"甲书记", "甲党员", "甲党员二"}

    about_member = _open(
        meeting, by, target=OpinionTarget.MEMBER, target_member=people["member"], ends_at=now + DAY
    )
    notified = set(
        Notification.objects.filter(key=f"opinion-window:{about_member.pk}:opened").values_list(
            "recipient__member__name", flat=True
        )
    )
    assert "甲党员" not in notified and "甲党员二" in notified


def test_no_window_once_the_meeting_is_held(meeting, people):
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.HELD, held_at=timezone.now())
    meeting.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        _open(meeting, people["secretary"].user)
    assert "不能再征求意见" in _messages(exc)


def test_giving_is_refused_before_start_after_close_and_once_held(meeting, people):
    by = people["secretary"].user
    later = _open(
        meeting,
        by,
        target=OpinionTarget.BRANCH,
        starts_at=timezone.now() + DAY,
        ends_at=timezone.now() + 3 * DAY,
    )
    with pytest.raises(ValidationError) as exc:
        opinion_give(window=later, member=people["member"], text="支部活动太少了", anonymous=False)
    assert "尚未开始" in _messages(exc)

    window = _open(meeting, by)
    with _after(window), pytest.raises(ValidationError) as exc:
        opinion_give(window=window, member=people["member"], text="支部活动太少了", anonymous=True)
    assert "已于" in _messages(exc) and "截止" in _messages(exc)

    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.HELD, held_at=timezone.now())
    with pytest.raises(ValidationError) as exc:
        opinion_give(window=window, member=people["member"], text="支部活动太少了", anonymous=True)
    assert "不能再征求意见" in _messages(exc)
    assert not Opinion.objects.exists() and not AnonymousOpinion.objects.exists()


@pytest.mark.parametrize("anonymous", [False, True])
def test_member_cannot_give_an_opinion_on_themselves(meeting, people, anonymous):
    window = _open(
        meeting,
        people["secretary"].user,
        target=OpinionTarget.MEMBER,
        target_member=people["member"],
    )
    with pytest.raises(ValidationError) as exc:
        opinion_give(
            window=window, member=people["member"], text="我自己的问题很多", anonymous=anonymous
        )
    assert "不能对自己提意见" in _messages(exc)
    assert not Opinion.objects.exists() and not AnonymousOpinion.objects.exists()


def test_opinion_text_and_giver_are_checked(window, people):
    with pytest.raises(ValidationError) as exc:
        opinion_give(window=window, member=people["member"], text="  太少 ", anonymous=False)
    assert "至少 5 个字" in _messages(exc)
    with pytest.raises(ValidationError) as exc:
        opinion_give(window=window, member=people["member"], text="长" * 2001, anonymous=True)
    assert "不能超过 2000 个字" in _messages(exc)
    with pytest.raises(ValidationError) as exc:
        opinion_give(
            window=window, member=people["member_b"], text="别的支部的意见", anonymous=True
        )
    assert "本支部在册党员" in _messages(exc)
    assert not Opinion.objects.exists() and not AnonymousOpinion.objects.exists()


def test_a_resubmitted_opinion_is_stored_once(window, people):
    for _ in range(2):
        opinion_give(window=window, member=people["member"], text="学习要更扎实", anonymous=False)
        opinion_give(window=window, member=people["member"], text="会议太多太长", anonymous=True)
        opinion_give_public(window=window, text="希望多听群众意见")
    assert Opinion.objects.count() == 1
    assert AnonymousOpinion.objects.filter(source=OpinionSource.MEMBER).count() == 1
    assert AnonymousOpinion.objects.filter(source=OpinionSource.PUBLIC).count() == 1
    anonymous = AnonymousOpinion.objects.get(source=OpinionSource.MEMBER)
    assert anonymous.received_on == timezone.localdate()


def test_public_giving_needs_a_public_window(meeting, people):
    private = _open(meeting, people["secretary"].user, public_enabled=False)
    with pytest.raises(ValidationError) as exc:
        opinion_give_public(window=private, text="群众的意见建议")
    assert "未向群众开放" in _messages(exc)


def test_window_close_early_is_idempotent_and_cancel_only_before_start(meeting, people):
    by = people["secretary"].user
    window = _open(meeting, by)
    closed = window_close(window=window, by=by)
    assert closed.ends_at <= timezone.now()
    again = window_close(window=window, by=by)
    assert again.ends_at == closed.ends_at
    with pytest.raises(ValidationError) as exc:
        window_cancel(window=window, by=by)
    assert "已经开始" in _messages(exc)
    with pytest.raises(ValidationError) as exc:
        opinion_give(window=window, member=people["member"], text="截止后的意见", anonymous=False)
    assert "截止" in _messages(exc)

    later = _open(
        meeting,
        by,
        target=OpinionTarget.BRANCH,
        starts_at=timezone.now() + DAY,
        ends_at=timezone.now() + 2 * DAY,
    )
    with pytest.raises(ValidationError) as exc:
        window_close(window=later, by=by)
    assert "尚未开始" in _messages(exc)
    window_cancel(window=later, by=by)
    window_cancel(window=later, by=by)  # a retry changes nothing
    assert not OpinionWindow.objects.filter(pk=later.pk).exists()


def test_sorting_waits_for_the_close_and_works_for_both_kinds(window, people):
    by = people["secretary"].user
    signed = opinion_give(
        window=window, member=people["member"], text="学习要更扎实", anonymous=False
    )
    anonymous = opinion_give(
        window=window, member=people["member2"], text="会议太多太长", anonymous=True
    )
    with pytest.raises(ValidationError) as exc:
        opinion_sort(opinion=signed, by=by, disposition=OpinionDisposition.KEPT)
    assert "截止后才能梳理" in _messages(exc)
    with _after(window):
        kept = opinion_sort(opinion=signed, by=by, disposition=OpinionDisposition.KEPT)
        dismissed = opinion_sort(
            opinion=anonymous, by=by, disposition=OpinionDisposition.DISMISSED, note="已整改"
        )
        again = opinion_sort(
            opinion=anonymous, by=by, disposition=OpinionDisposition.DISMISSED, note="已整改"
        )
        with pytest.raises(ValidationError) as exc:
            opinion_sort(opinion=signed, by=by, disposition=OpinionDisposition.UNSORTED)
        assert "采纳为问题" in _messages(exc)
        with pytest.raises(ValidationError):
            opinion_sort(
                opinion=signed, by=people["member"].user, disposition=OpinionDisposition.DISMISSED
            )
    assert kept.disposition == OpinionDisposition.KEPT
    assert dismissed.disposition == again.disposition == OpinionDisposition.DISMISSED
    assert AnonymousOpinion.objects.get().note == "已整改"
    assert Opinion.objects.get().disposition == OpinionDisposition.KEPT


def test_readiness(meeting, people):
    by = people["secretary"].user
    assert opinions_readiness(meeting=meeting) == (False, "尚未开启征求意见")
    first = _open(meeting, by, public_enabled=True)
    second = _open(meeting, by, target=OpinionTarget.BRANCH)
    opinion_give(window=first, member=people["member"], text="学习要更扎实", anonymous=False)
    opinion_give(window=first, member=people["member2"], text="会议太多太长", anonymous=True)
    opinion_give_public(window=first, text="希望多听群众意见")
    done, detail = opinions_readiness(meeting=meeting)
    assert not done and detail == "2 个征求窗口,2 个尚未截止"
    assert "条" not in detail  # no live count while a window is open
    window_close(window=second, by=by)
    with _after(first):
        assert opinions_readiness(meeting=meeting) == (
            False,
            "2 个征求窗口,尚有 3 条意见待梳理",
        )
        for opinion in [*Opinion.objects.all(), *AnonymousOpinion.objects.all()]:
            opinion_sort(opinion=opinion, by=by, disposition=OpinionDisposition.KEPT)
        assert opinions_readiness(meeting=meeting) == (True, "2 个征求窗口,3 条意见均已梳理")


def test_open_windows_for_member(org_tree, meeting, people):
    by = people["secretary"].user
    now = timezone.now()
    committee = _open(meeting, by)
    about_member = _open(meeting, by, target=OpinionTarget.MEMBER, target_member=people["member"])
    later = _open(
        meeting, by, target=OpinionTarget.BRANCH, starts_at=now + DAY, ends_at=now + 2 * DAY
    )
    other_meeting = MeetingFactory(branch=org_tree["b"])
    _open(other_meeting, people["secretary_b"].user)

    assert open_windows_for_member(member=people["member"]) == [committee]
    assert set(open_windows_for_member(member=people["member2"])) == {committee, about_member}
    with _after(committee):  # the first two have closed, the later one has opened
        assert open_windows_for_member(member=people["member2"]) == [later]


# --- views: who sees what --------------------------------------------------------------


def _urls(window) -> dict[str, str]:
    return {
        "opinions": reverse("meetings:opinions", kwargs={"meeting_pk": window.meeting_id}),
        "open": reverse("meetings:opinion-window-open", kwargs={"meeting_pk": window.meeting_id}),
        "window": reverse("meetings:opinion-window", kwargs={"pk": window.pk}),
        "close": reverse("meetings:opinion-window-close", kwargs={"pk": window.pk}),
        "cancel": reverse("meetings:opinion-window-cancel", kwargs={"pk": window.pk}),
    }


def _sort_urls() -> list[str]:
    return [
        reverse("meetings:opinion-sort", kwargs={"pk": o.pk}) for o in Opinion.objects.all()
    ] + [
        reverse("meetings:anonymous-opinion-sort", kwargs={"pk": o.pk})
        for o in AnonymousOpinion.objects.all()
    ]


@pytest.fixture
def outsider(request, org_tree, people):
    who = request.param
    if who == "narrow_supervisor":
        return SupervisorFactory(organization=org_tree["general"]).user
    if who == "other_supervisor":
        return SupervisorFactory(organization=org_tree["other"]).user
    return people[who].user


@pytest.mark.parametrize(
    "outsider",
    ["secretary_b", "member_b", "narrow_supervisor", "other_supervisor"],
    indirect=True,
)
def test_outside_the_scope_everything_is_404(client, window, people, outsider):
    opinion_give(window=window, member=people["member"], text="学习要更扎实", anonymous=False)
    opinion_give(window=window, member=people["member2"], text="会议太多太长", anonymous=True)
    urls = _urls(window)
    client.force_login(outsider)
    with _after(window):
        assert client.get(urls["opinions"]).status_code == 404
        assert client.get(urls["window"]).status_code == 404
        data = {"window": window.pk, "text": "外支部的意见", "anonymous": "on"}
        assert client.post(urls["opinions"], data).status_code == 404
        assert client.post(urls["open"], {"target": "branch"}).status_code == 404
        assert client.post(urls["close"]).status_code == 404
        assert client.post(urls["cancel"]).status_code == 404
        for url in _sort_urls():
            assert client.post(url, {"disposition": "kept"}).status_code == 404
    assert AnonymousOpinion.objects.count() == 1
    assert not AnonymousOpinion.objects.exclude(disposition=OpinionDisposition.UNSORTED).exists()
    assert not Opinion.objects.exclude(disposition=OpinionDisposition.UNSORTED).exists()


def test_a_supervisor_above_the_branch_may_read_and_sort(client, org_tree, window, people):
    opinion = opinion_give(
        window=window, member=people["member"], text="学习要更扎实", anonymous=False
    )
    client.force_login(SupervisorFactory(organization=org_tree["committee"]).user)
    with _after(window):
        response = client.get(_urls(window)["window"])
        assert response.status_code == 200 and "学习要更扎实" in response.content.decode()
        url = reverse("meetings:opinion-sort", kwargs={"pk": opinion.pk})
        assert client.post(url, {"disposition": "kept"}).status_code == 302
    assert Opinion.objects.get().disposition == OpinionDisposition.KEPT


def test_a_member_cannot_manage(client, window, people):
    urls = _urls(window)
    client.force_login(people["member"].user)
    assert client.get(urls["opinions"]).status_code == 200
    page = client.get(urls["window"]).content.decode()
    assert window.public_token not in page and "提前截止" not in page
    assert client.post(urls["open"], {"target": "branch"}).status_code == 404
    assert client.post(urls["close"]).status_code == 404
    assert OpinionWindow.objects.get().ends_at == window.ends_at


# --- views: contents only after the close ------------------------------------------------


def test_the_secretary_sees_counts_not_contents_before_the_close(client, meeting, people):
    noon = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    with time_machine.travel(noon, tick=False):  # far from midnight: "yesterday" is clear
        window = _open(meeting, people["secretary"].user, ends_at=noon + 3 * DAY)
        opinion_give(window=window, member=people["member"], text="学习要更扎实", anonymous=False)
        opinion_give(window=window, member=people["member2"], text="会议太多太长", anonymous=True)
        urls = _urls(window)
        client.force_login(people["secretary"].user)
        opinions_page = client.get(urls["opinions"]).content.decode()
        window_page = client.get(urls["window"]).content.decode()
    for page in (opinions_page, window_page):
        assert "学习要更扎实" not in page and "会议太多太长" not in page
    # Today's opinions are not counted yet: a count that ticks up would show when one came.
    assert "截至昨日收到 0 条" in opinions_page
    assert "截至昨日共收到 0 条意见" in window_page
    with time_machine.travel(noon + DAY, tick=False):
        page = client.get(urls["window"]).content.decode()
    assert "截至昨日共收到 2 条意见" in page
    assert "学习要更扎实" not in page and "会议太多太长" not in page


def test_after_the_close_the_committee_sees_both_kinds_with_signed_authors(client, window, people):
    opinion_give(window=window, member=people["member"], text="学习要更扎实", anonymous=False)
    opinion_give(window=window, member=people["member2"], text="会议太多太长", anonymous=True)
    opinion_give_public(window=window, text="希望多听群众意见")
    client.force_login(people["secretary"].user)
    with _after(window):
        page = client.get(_urls(window)["window"]).content.decode()
    for text in ("学习要更扎实", "会议太多太长", "希望多听群众意见"):
        assert text in page
    assert "甲党员</span>" in page  # the signed one names its author …
    assert "甲党员二" not in page  # … the anonymous one does not
    assert "无记名 · 党员" in page and "无记名 · 群众" in page


def test_a_member_sees_only_their_own_signed_opinions(client, window, people):
    opinion_give(window=window, member=people["member"], text="我的署名意见", anonymous=False)
    opinion_give(window=window, member=people["member2"], text="别人的署名意见", anonymous=False)
    urls = _urls(window)
    client.force_login(people["member"].user)
    for when in (timezone.now(), window.ends_at + HOUR):
        with time_machine.travel(when, tick=False):
            for url in (urls["opinions"], urls["window"]):
                page = client.get(url).content.decode()
                assert "我的署名意见" in page
                assert "别人的署名意见" not in page
    assert set(
        Opinion.objects.visible_to(people["member"].user).values_list("text", flat=True)
    ) == {"我的署名意见"}


def test_the_merged_list_is_in_a_stable_order_that_is_not_insertion_order(client, window, people):
    members = [MemberFactory(branch=window.meeting.branch) for _ in range(10)]
    inserted = []
    for i, member in enumerate(members):
        signed = opinion_give(
            window=window, member=member, text=f"署名意见第{i}条", anonymous=False
        )
        anonymous = opinion_give(
            window=window, member=member, text=f"无记名意见第{i}条", anonymous=True
        )
        inserted += [("signed", signed.pk), ("anonymous", anonymous.pk)]
    client.force_login(people["secretary"].user)
    with _after(window):
        first = client.get(_urls(window)["window"]).context["rows"]
        second = client.get(_urls(window)["window"]).context["rows"]
    shown = [(row.kind, row.opinion.pk) for row in first]
    assert len(shown) == 20
    assert shown == [(row.kind, row.opinion.pk) for row in second]  # deterministic
    assert shown == sorted(shown, key=lambda kp: opinion_sort_key(*kp))  # by the keyed HMAC
    assert shown != inserted
    anonymous_shown = [pk for kind, pk in shown if kind == "anonymous"]
    assert anonymous_shown != [pk for kind, pk in inserted if kind == "anonymous"]


def test_the_window_page_costs_the_same_queries_for_few_and_many(client, window, people):
    def count_queries() -> int:
        client.force_login(people["secretary"].user)
        with _after(window), CaptureQueriesContext(connection) as ctx:
            assert client.get(_urls(window)["window"]).status_code == 200
        return len(ctx.captured_queries)

    def add(n: int, start: int) -> None:
        for i in range(start, start + n):
            opinion_give(
                window=window, member=people["member"], text=f"署名意见第{i}条", anonymous=False
            )
            opinion_give(
                window=window, member=people["member2"], text=f"无记名意见第{i}条", anonymous=True
            )

    add(5, 0)
    few = count_queries()
    add(45, 5)
    assert count_queries() == few


def test_the_opinions_page_costs_the_same_queries_for_one_window_and_many(client, meeting, people):
    def count_queries() -> int:
        client.force_login(people["secretary"].user)
        url = reverse("meetings:opinions", kwargs={"meeting_pk": meeting.pk})
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    by = people["secretary"].user
    first = _open(meeting, by)
    opinion_give(window=first, member=people["member"], text="学习要更扎实", anonymous=False)
    few = count_queries()
    _open(meeting, by, target=OpinionTarget.BRANCH)
    for target_member in (people["member"], people["member2"], people["secretary"]):
        window = _open(meeting, by, target=OpinionTarget.MEMBER, target_member=target_member)
        giver = people["member"] if target_member == people["member2"] else people["member2"]
        opinion_give(window=window, member=giver, text="多谈具体问题", anonymous=True)
    assert count_queries() == few


def test_sorting_inline_with_htmx_returns_the_row(client, window, people):
    opinion = opinion_give(
        window=window, member=people["member2"], text="会议太多太长", anonymous=True
    )
    url = reverse("meetings:anonymous-opinion-sort", kwargs={"pk": opinion.pk})
    client.force_login(people["secretary"].user)
    with _after(window):
        response = client.post(
            url, {"disposition": "kept", "note": "列入问题清单"}, headers={"HX-Request": "true"}
        )
        assert response.status_code == 200
        body = response.content.decode()
        assert "<html" not in body and f'id="anonymous-{opinion.pk}"' in body
        assert "采纳为问题" in body and "列入问题清单" in body
        plain = client.post(url, {"disposition": "dismissed"})
        assert plain.status_code == 302
    assert AnonymousOpinion.objects.get().disposition == OpinionDisposition.DISMISSED


def test_sorting_before_the_close_is_refused_with_a_message(client, window, people):
    opinion = opinion_give(
        window=window, member=people["member"], text="学习要更扎实", anonymous=False
    )
    client.force_login(people["secretary"].user)
    url = reverse("meetings:opinion-sort", kwargs={"pk": opinion.pk})
    response = client.post(url, {"disposition": "kept"}, headers={"HX-Request": "true"})
    assert "征求意见截止后才能梳理意见" in response.content.decode()
    assert Opinion.objects.get().disposition == OpinionDisposition.UNSORTED


# --- views: giving and opening -----------------------------------------------------------


def test_a_member_gives_signed_and_anonymous_through_one_url(client, window, people):
    client.force_login(people["member"].user)
    url = _urls(window)["opinions"]
    assert f'name="window" value="{window.pk}"' in client.get(url).content.decode()
    signed = client.post(url, {"window": window.pk, "text": "学习要更扎实"})
    anonymous = client.post(url, {"window": window.pk, "text": "会议太多太长", "anonymous": "on"})
    # the same answer either way: this page, with the receipt code shown once
    assert signed.status_code == anonymous.status_code == 200
    assert signed.context["receipt"] and anonymous.context["receipt"]
    assert signed.context["receipt"] != anonymous.context["receipt"]
    assert Opinion.objects.get().text == "学习要更扎实"
    assert AnonymousOpinion.objects.get().text == "会议太多太长"


def test_a_closed_window_refuses_a_new_opinion_with_a_chinese_message(client, window, people):
    client.force_login(people["member"].user)
    with _after(window):
        response = client.post(
            _urls(window)["opinions"],
            {"window": window.pk, "text": "截止后才想起来的意见", "anonymous": "on"},
        )
    assert response.status_code == 200
    body = response.content.decode()
    assert "截止,不能再提意见" in body
    assert "截止后才想起来的意见" in body  # what they typed is not lost
    assert not AnonymousOpinion.objects.exists()


def test_a_short_opinion_is_refused_on_the_form(client, window, people):
    client.force_login(people["member"].user)
    response = client.post(_urls(window)["opinions"], {"window": window.pk, "text": "好"})
    assert response.status_code == 200
    assert not Opinion.objects.exists()


def test_the_secretary_opens_and_closes_a_window_through_the_pages(client, meeting, people):
    client.force_login(people["secretary"].user)
    url = reverse("meetings:opinions", kwargs={"meeting_pk": meeting.pk})
    assert "开启征求意见" in client.get(url).content.decode()
    now = timezone.localtime()
    data = {
        "target": OpinionTarget.MEMBER,
        "target_member": people["member"].pk,
        "starts_at": (now - HOUR).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (now + DAY).strftime("%Y-%m-%dT%H:%M"),
        "public_enabled": "on",
    }
    open_url = reverse("meetings:opinion-window-open", kwargs={"meeting_pk": meeting.pk})
    response = client.post(open_url, data)
    assert response.status_code == 302
    window = OpinionWindow.objects.get()
    assert window.target_member == people["member"] and window.public_enabled
    page = client.get(_urls(window)["window"]).content.decode()
    assert window.public_token in page  # the public link to hand out

    bad = client.post(open_url, {**data, "target_member": ""})
    assert "请选择针对哪名党员" in bad.content.decode()

    assert client.post(_urls(window)["close"]).status_code == 302
    window.refresh_from_db()
    assert window.ends_at <= timezone.now()


# --- the public link -------------------------------------------------------------------


def _public_url(window) -> str:
    return reverse("meetings:public-opinion", kwargs={"token": window.public_token})


def test_the_public_link_works_logged_out(client, window, local_cache):
    url = _public_url(window)
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "A支部" in body and "无记名" in body
    assert "甲书记" not in body and "甲党员" not in body
    assert f'href="{reverse("meetings:list")}"' not in body  # no navigation beyond the login link
    response = client.post(url, {"text": "希望多听群众意见"})
    assert response.status_code == 200
    opinion = AnonymousOpinion.objects.get()
    assert opinion.source == OpinionSource.PUBLIC and opinion.window == window
    assert "意见已收到" in response.content.decode() and response.context["receipt"]
    assert "意见已收到" not in client.get(url).content.decode()  # said once


def test_the_sixth_public_post_in_a_minute_is_refused(client, window, local_cache):
    url = _public_url(window)
    with time_machine.travel(timezone.now().replace(second=5), tick=False):
        for i in range(5):
            assert client.post(url, {"text": f"群众意见第{i}条"}).status_code == 200
        throttled = client.post(url, {"text": "群众意见第6条"})
        assert throttled.status_code == 429
        assert "提交过于频繁" in throttled.content.decode()
        other_ip = client.post(url, {"text": "另一个人的意见"}, REMOTE_ADDR="10.1.2.3")
        assert other_ip.status_code == 200
        assert client.get(url).status_code == 200  # reading has its own, higher limit
    assert AnonymousOpinion.objects.count() == 6


def test_the_public_link_refuses_clearly_when_it_cannot_take_opinions(
    client, meeting, window, people, local_cache
):
    assert (
        client.get(reverse("meetings:public-opinion", kwargs={"token": "x" * 32})).status_code
        == 404
    )

    with _after(window):
        closed = client.post(_public_url(window), {"text": "截止后的群众意见"})
    assert closed.status_code == 410 and "已经截止" in closed.content.decode()

    private = _open(meeting, people["secretary"].user, target=OpinionTarget.BRANCH)
    response = client.get(_public_url(private))
    assert response.status_code == 403 and "未向群众开放" in response.content.decode()

    now = timezone.now()
    later = _open(
        meeting,
        people["secretary"].user,
        target=OpinionTarget.MEMBER,
        target_member=people["member"],
        starts_at=now + DAY,
        ends_at=now + 2 * DAY,
        public_enabled=True,
    )
    response = client.post(_public_url(later), {"text": "提前来的群众意见"})
    assert "尚未开始" in response.content.decode()
    assert not AnonymousOpinion.objects.exists()
