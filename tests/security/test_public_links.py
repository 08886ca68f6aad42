"""The public links (the ledger's 公示 link, an opinion window's link for 群众).

What the outside probe found: turning the ledger's publicity off and on brought the same
link back to life; the public pages could be kept by a shared cache (no ``no-store``); and
the public opinion link could be read without limit while the ledger's is throttled.
"""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from meetings.choices import OpinionTarget
from meetings.services.opinions import window_open
from rectification.services import items as item_services
from tests.meetings.factories import MeetingFactory
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary(org_tree):
    return MemberFactory(branch=org_tree["a"], name="甲书记", position="secretary")


@pytest.fixture
def window(secretary):
    now = timezone.now()
    return window_open(
        meeting=MeetingFactory(branch=secretary.branch),
        by=secretary.user,
        target=OpinionTarget.COMMITTEE,
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(days=2),
        public_enabled=True,
    )


def _ledger_url(publicity) -> str:
    return reverse("rectification:public-ledger", args=[publicity.token])


def test_publicity_turned_off_and_on_again_is_a_new_link(client, secretary, local_cache):
    branch = secretary.branch
    first = item_services.publicity_set(branch=branch, by=secretary.user, enabled=True)
    old_url = _ledger_url(first)
    assert client.get(old_url).status_code == 200
    item_services.publicity_set(branch=branch, by=secretary.user, enabled=False)
    assert client.get(old_url).status_code == 404
    again = item_services.publicity_set(branch=branch, by=secretary.user, enabled=True)
    assert again.token != first.token and len(again.token) >= 32
    assert client.get(old_url).status_code == 404  # the link handed out before stays dead
    assert client.get(_ledger_url(again)).status_code == 200
    # Turning on what is on (a retry, a double click) keeps the link.
    retry = item_services.publicity_set(branch=branch, by=secretary.user, enabled=True)
    assert retry.token == again.token


def test_public_pages_are_never_stored_by_a_cache(client, secretary, window, local_cache):
    publicity = item_services.publicity_set(
        branch=secretary.branch, by=secretary.user, enabled=True
    )
    opinion_url = reverse("meetings:public-opinion", kwargs={"token": window.public_token})
    responses = {
        "ledger": client.get(_ledger_url(publicity)),
        "opinion page": client.get(opinion_url),
        "opinion given": client.post(opinion_url, {"text": "希望多听群众意见。"}),
        "opinion refused": client.post(opinion_url, {"text": ""}),
    }
    for what, response in responses.items():
        assert response.status_code in (200, 302), what
        assert "no-store" in response.get("Cache-Control", ""), what
    window.public_enabled = False
    window.save(update_fields=["public_enabled"])
    closed = client.get(opinion_url)
    assert closed.status_code == 403 and "no-store" in closed["Cache-Control"]


def test_the_public_opinion_link_is_throttled_on_get_as_the_ledger_is(client, window, local_cache):
    url = reverse("meetings:public-opinion", kwargs={"token": window.public_token})
    with time_machine.travel(timezone.now().replace(second=1), tick=False):
        for _ in range(60):
            assert client.get(url).status_code == 200
        throttled = client.get(url)
        assert throttled.status_code == 429
        assert "访问过于频繁" in throttled.content.decode()
        assert "no-store" in throttled["Cache-Control"]
        assert client.get(url, REMOTE_ADDR="10.4.5.6").status_code == 200  # someone else
