"""Receipt codes: whoever gave an opinion follows it with the code alone, without logging in —
noted, kept, on the problem list, the item's status, and the measure once signed off."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import AnonymousOpinion, Opinion
from meetings.receipts import receipt_digest, receipt_new, receipt_normalize
from meetings.services.opinions import window_open
from rectification.models import Problem, RectificationItem
from rectification.services.lifecycle import opinion_sort
from tests.meetings.factories import MeetingFactory, OpinionWindowFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("local_cache")]  # throttle counters
URL = "/rectification/receipt/"


def _look(client, code, ip="10.1.2.3"):
    return client.post(URL, {"code": code}, REMOTE_ADDR=ip)


def test_codes_are_random_and_only_their_keyed_hash_is_kept():
    codes = {receipt_new() for _ in range(200)}
    assert len(codes) == 200
    code = codes.pop()
    assert len(code) == 19 and code.count("-") == 3
    assert receipt_normalize(code.lower().replace("-", " ")) == code.replace("-", "")
    digest = receipt_digest(code)
    assert len(digest) == 64 and code.replace("-", "") not in digest
    assert receipt_digest(code.lower()) == digest
    assert receipt_digest("O0O0-1111-IIII-LLLL") is None  # not a code at all
    assert reverse("rectification:receipt") == URL


def test_the_public_link_and_a_member_both_get_a_code_that_finds_their_opinion(
    client, people, meeting
):
    now = timezone.now()
    window = window_open(
        meeting=MeetingFactory(branch=people["a"]),
        by=people["secretary"].user,
        target="committee",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(days=2),
        public_enabled=True,
    )
    public = client.post(
        reverse("meetings:public-opinion", args=[window.public_token]),
        {"text": "窗口周末无人值守,群众要跑两趟"},
    )
    assert public.status_code == 200
    code = public.context["receipt"]
    assert code and code in public.content.decode() and "只显示这一次" in public.content.decode()
    assert AnonymousOpinion.objects.get().receipt == receipt_digest(code)

    client.force_login(people["m1"].user)
    signed = client.post(
        reverse("meetings:opinions", args=[window.meeting_id]),
        {"window": window.pk, "text": "支委会议事前很少征求党员意见"},
    )
    signed_code = signed.context["receipt"]
    assert Opinion.objects.get().receipt == receipt_digest(signed_code)
    # A resubmission (the same text again) is not stored twice and shows no second code.
    again = client.post(
        reverse("meetings:opinions", args=[window.meeting_id]),
        {"window": window.pk, "text": "支委会议事前很少征求党员意见"},
    )
    assert again.status_code == 200 and not again.context["receipt"]
    assert Opinion.objects.get().receipt == receipt_digest(signed_code)

    client.logout()
    body = _look(client, code).content.decode()
    assert "窗口周末无人值守" in body and "已收到,支部正在梳理" in body
    assert "支委会议事前很少征求党员意见" in _look(client, signed_code).content.decode()


def test_the_holder_follows_the_opinion_to_the_signed_off_measure(client, people, held):
    code = receipt_new()
    window = OpinionWindowFactory(meeting=held)
    opinion = AnonymousOpinion.objects.create(
        window=window,
        source="public",
        text="社区窗口周末无人值守",
        received_on=timezone.localdate(),
        receipt=receipt_digest(code),
    )
    stage = lambda: _look(client, code).context["answer"].stage  # noqa: E731
    assert stage() == "unsorted"
    opinion_sort(opinion=opinion, by=people["secretary"].user, disposition="kept", note="列入")
    assert stage() == "listed"  # the meeting is held: it is on the problem list at once
    problem = Problem.objects.get(anonymous_opinion=opinion)
    held.status = "rectifying"
    held.save(update_fields=["status"])
    item = RectificationItem.objects.create(
        problem=problem,
        meeting=held,
        branch=held.branch,
        measure="周末安排轮值,公示值班电话",
        is_committee=True,
        lead=people["secretary"],
        deadline=timezone.localdate() + datetime.timedelta(days=30),
        original_deadline=timezone.localdate() + datetime.timedelta(days=30),
        priority="urgent",
        difficulty="easy",
    )
    page = _look(client, code)
    assert page.context["answer"].stage == "rectifying"
    body = page.content.decode()
    assert "未开始" in body and "周末安排轮值" not in body  # the measure once signed off
    RectificationItem.objects.filter(pk=item.pk).update(
        status="signed_off",
        started_at=timezone.now(),
        done_at=timezone.now(),
        signed_off_at=timezone.now(),
    )
    body = _look(client, code).content.decode()
    assert "已销号" in body and "周末安排轮值,公示值班电话" in body
    # nothing about who handles it, or who gave it
    assert people["secretary"].name not in body


def test_a_wrong_code_finds_nothing_and_lookups_are_throttled(client, people, held):
    code = receipt_new()
    AnonymousOpinion.objects.create(
        window=OpinionWindowFactory(meeting=held),
        source="member",
        text="意见内容五个字以上",
        received_on=timezone.localdate(),
        receipt=receipt_digest(code),
    )
    for wrong in ("ABCD-EFGH-JKMN-PQRS", "not a code", "A" * 40):
        response = _look(client, wrong)
        assert response.status_code == 200 and response.context["answer"] is None
        assert "没有找到" in response.content.decode()
    for _ in range(7):
        _look(client, "ABCD-EFGH-JKMN-PQRS")
    throttled = _look(client, code)
    assert throttled.status_code == 429 and "查询过于频繁" in throttled.content.decode()
    assert "意见内容五个字以上" not in throttled.content.decode()
    assert _look(client, code, ip="10.9.9.9").status_code == 200  # another address
