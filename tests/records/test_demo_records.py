"""The demo shows a clean record, an overdue item, a recurring problem and a grade below 合格."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from members.models import Member

pytestmark = pytest.mark.django_db


def test_the_demo_records(client):
    call_command("load_demo", stdout=None)
    client.force_login(get_user_model().objects.get(username="supervisor"))

    def page(name: str) -> str:
        member = Member.objects.get(name=name)
        response = client.get(reverse("records:member", args=[member.pk]))
        assert response.status_code == 200
        return response.content.decode()

    assert 'id="record-clean"' in page("冯燕")
    song = page("宋德华")
    assert "table-danger" in song and "逾期 1 项" in song
    assert "按时提交" in song
    xie = page("谢军")
    assert 'id="record-recurring"' in xie and "屡改屡在 1 项" in xie
    han = page("韩冬梅")
    assert "评议:基本合格" in han and "整改被上级退回" in han
    query = client.get(reverse("records:query") + "?condition=grade").content.decode()
    assert "韩冬梅" in query and "基本合格 1 次" in query
