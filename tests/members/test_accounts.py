"""Account rules (等保 2.0 身份鉴别): password strength, setting one's own password after
someone else set it, the secretary's one-time password, idle sessions, and one's own recent
logins."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from audit.choices import AuditEventKind
from audit.services import audit_record
from members import services
from members.models import Member
from members.passwords import CharacterClassValidator, one_time_password
from tests.members.factories import MemberFactory, SupervisorFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "pw-for-tests-2026"


@pytest.fixture
def people(org_tree):
    a = org_tree["a"]
    return {
        **org_tree,
        "secretary": MemberFactory(branch=a, name="甲书记", position="secretary"),
        "committee": MemberFactory(branch=a, name="甲委员", position="organization"),
        "m1": MemberFactory(branch=a, name="张三", user__username="zhangsan"),
        "secretary_c": MemberFactory(branch=org_tree["c"], name="丙书记", position="secretary"),
        "supervisor": SupervisorFactory(organization=org_tree["committee"]).user,
    }


# --- password rules --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("Ab3", "password_too_short"),
        ("onlyletters", "password_classes"),  # no digit
        ("20262026x", None),  # letters and digits, 9 characters: fine
        ("1234567890", "password_entirely_numeric"),
        ("zhangsan1", "password_too_similar"),  # the login
        ("password1", "password_too_common"),
    ],
)
def test_password_rules(people, password, code):
    user = people["m1"].user
    if code is None:
        validate_password(password, user)
        return
    with pytest.raises(ValidationError) as exc:
        validate_password(password, user)
    assert code in {e.code for e in exc.value.error_list}


def test_the_classes_are_configurable():
    strict = CharacterClassValidator(classes=["lower", "upper", "digits", "symbols"])
    with pytest.raises(ValidationError) as exc:
        strict.validate("abcdefg123")
    assert "大写字母" in exc.value.messages[0] and "符号" in exc.value.messages[0]
    strict.validate("Abcdefg-123")
    with pytest.raises(ImproperlyConfigured):
        CharacterClassValidator(classes=["emoji"])


def test_a_one_time_password_passes_the_strictest_rules(people):
    strict = CharacterClassValidator(classes=["lower", "upper", "digits", "symbols"])
    for _ in range(50):
        password = one_time_password()
        strict.validate(password)
        validate_password(password, people["m1"].user)
    assert len({one_time_password() for _ in range(50)}) == 50


def test_the_member_form_refuses_a_weak_first_password(client, people):
    client.force_login(people["secretary"].user)
    response = client.post(
        reverse("members:create", args=[people["a"].pk]),
        {
            "name": "新同志",
            "gender": "female",
            "category": "full",
            "joined_on": "2015-07-01",
            "username": "xintongzhi",
            "password": "abcdefgh",
        },
    )
    assert response.status_code == 200
    assert "数字" in response.content.decode()
    assert not Member.objects.filter(name="新同志").exists()


# --- a password someone else set is changed at the first login ---------------------------------


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_an_account_the_secretary_made_must_set_its_own_password_first(client, people):
    client.force_login(people["secretary"].user)
    client.post(
        reverse("members:create", args=[people["a"].pk]),
        {
            "name": "新同志",
            "gender": "female",
            "category": "full",
            "joined_on": "2015-07-01",
            "username": "xintongzhi",
            "password": "Qk-first-2026",
        },
    )
    client.post(reverse("logout"))
    assert Member.objects.get(name="新同志").must_change_password

    assert _login(client, "xintongzhi", "Qk-first-2026")["Location"] == "/"
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == reverse("password_change")
    assert client.get(reverse("meetings:list"))["Location"] == reverse("password_change")
    page = client.get(reverse("password_change"), follow=True)
    assert "请先设置只有您自己知道的新密码" in page.content.decode()

    response = client.post(
        reverse("password_change"),
        {
            "old_password": "Qk-first-2026",
            "new_password1": "Mine-only-2027",
            "new_password2": "Mine-only-2027",
        },
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert not Member.objects.get(name="新同志").must_change_password
    client.post(reverse("logout"))
    _login(client, "xintongzhi", "Mine-only-2027")
    assert client.get("/").status_code == 200  # the next login goes straight in


def test_imported_accounts_are_flagged_too(people):
    (member,) = services.member_import(
        branch=people["a"],
        rows=[
            {
                "name": "导入者",
                "gender": "男",
                "category": "正式党员",
                "joined_on": "2010-07-01",
                "username": "daoruzhe",
            }
        ],
        by=people["secretary"].user,
    )
    assert member.must_change_password
    assert not member.user.has_usable_password()  # they log in once the secretary resets it


def test_the_demo_logins_go_straight_in(client):
    call_command("load_demo")
    for username in ("secretary1", "member1", "member9", "secretary2", "supervisor", "admin"):
        client.post(reverse("logout"))
        assert _login(client, username, "demo-pass-2026").status_code == 302, username
        assert client.get("/").status_code == 200, username


# --- the secretary's one-time password -----------------------------------------------------------


def test_the_secretary_gives_a_one_time_password_shown_once(client, people):
    m1 = people["m1"]
    other = get_user_model().objects.get(pk=m1.user_id)
    client.force_login(people["secretary"].user)
    detail = client.get(reverse("members:detail", args=[m1.pk])).content.decode()
    assert reverse("members:password-reset", args=[m1.pk]) in detail
    page = client.post(reverse("members:password-reset", args=[m1.pk]))
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    password = page.context["password"]
    assert password in page.content.decode()
    # Stored only as a hash; the old password is dead; shown nowhere again.
    other.refresh_from_db()
    assert password not in other.password and other.check_password(password)
    assert not other.check_password(PASSWORD)
    assert password not in client.get(reverse("members:detail", args=[m1.pk])).content.decode()

    client.post(reverse("logout"))
    assert _login(client, "zhangsan", PASSWORD).status_code == 200  # refused
    _login(client, "zhangsan", password)
    assert client.get("/")["Location"] == reverse("password_change")


def test_only_the_branch_secretary_may_reset(client, people):
    url = reverse("members:password-reset", args=[people["m1"].pk])
    before = get_user_model().objects.get(pk=people["m1"].user_id).password
    for who in (
        people["committee"].user,  # on the committee, not the secretary
        people["m1"].user,  # oneself: that is 修改密码
        people["secretary_c"].user,  # another branch
        people["supervisor"],  # above: manages the roster, not passwords
    ):
        client.force_login(who)
        assert client.post(url).status_code == 404, who
    assert get_user_model().objects.get(pk=people["m1"].user_id).password == before
    client.force_login(people["secretary"].user)
    assert client.get(url).status_code == 405  # POST only
    own = reverse("members:password-reset", args=[people["secretary"].pk])
    assert client.post(own).status_code == 404


def test_a_reset_ends_the_members_open_sessions(client, people):
    from django.test import Client

    theirs = Client()
    theirs.force_login(people["m1"].user)
    assert theirs.get("/").status_code == 200
    client.force_login(people["secretary"].user)
    client.post(reverse("members:password-reset", args=[people["m1"].pk]))
    assert theirs.get("/")["Location"].startswith(reverse("login"))


# --- idle sessions ---------------------------------------------------------------------------------


@pytest.fixture
def idle_30(settings):
    settings.ORGLIFE_SESSION_IDLE_MINUTES = 30
    settings.SESSION_COOKIE_AGE = 30 * 60


def test_a_session_ends_after_30_idle_minutes_and_activity_keeps_it(client, people, idle_30):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _login(client, "zhangsan", PASSWORD)
        assert client.get("/").status_code == 200
    for minutes in (20, 40, 60, 80):  # a request every 20 minutes: still signed in
        with time_machine.travel(start + datetime.timedelta(minutes=minutes), tick=False):
            assert client.get("/").status_code == 200, minutes
    with time_machine.travel(start + datetime.timedelta(minutes=80 + 31), tick=False):
        response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_requests_within_a_minute_do_not_write_the_session(client, people, idle_30):
    from django.contrib.sessions.models import Session

    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _login(client, "zhangsan", PASSWORD)
        expiry = Session.objects.get().expire_date
    with time_machine.travel(start + datetime.timedelta(seconds=50), tick=False):
        client.get("/")
    assert Session.objects.get().expire_date == expiry
    with time_machine.travel(start + datetime.timedelta(seconds=70), tick=False):
        client.get("/")
    assert Session.objects.get().expire_date > expiry


def test_the_session_cookie_ends_with_the_browser(client, people, settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    response = _login(client, "zhangsan", PASSWORD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["expires"] and not cookie["max-age"]


# --- my account: recent logins ---------------------------------------------------------------------


def test_the_account_page_lists_my_recent_logins_with_the_address_only_if_kept(
    client, people, settings
):
    user = people["m1"].user
    for ip in ("198.51.100.20", "198.51.100.21"):
        client.post(reverse("logout"))
        client.post(
            reverse("login"), {"username": "zhangsan", "password": PASSWORD}, REMOTE_ADDR=ip
        )
    client.post(reverse("login"), {"username": "zhangsan", "password": "wrong"})
    audit_record(event=AuditEventKind.LOGIN, actor=people["secretary"].user)  # not mine
    client.force_login(user)
    page = client.get(reverse("members:account"))
    assert page.status_code == 200
    rows = page.context["logins"]
    assert [r.event for r in rows][:2] == ["login", "login_failed"]
    assert all(r.actor_id == user.pk for r in rows)
    body = page.content.decode()
    assert "登录失败" in body and "198.51.100.20" not in body and "IP 地址" not in body

    settings.ORGLIFE_AUDIT_KEEP_IP = True
    client.post(reverse("logout"))
    client.post(
        reverse("login"), {"username": "zhangsan", "password": PASSWORD}, REMOTE_ADDR="203.0.113.5"
    )
    body = client.get(reverse("members:account")).content.decode()
    assert "203.0.113.5" in body and "IP 地址" in body


def test_the_account_page_needs_a_login(client):
    response = client.get(reverse("members:account"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_user_without_a_member_has_an_account_page_too(client):
    client.force_login(UserFactory(username="root", is_superuser=True))
    assert client.get(reverse("members:account")).status_code == 200
