"""The audit log (等保 2.0 安全审计): every event it promises is recorded — through the real
pages and services — with who, where and what; it cannot be changed or deleted by the app;
the retention job is the only deleter; the superuser and the supervisor (their subtree only)
search, page and export it."""

from __future__ import annotations

import datetime
import io

import pytest
import time_machine
from django.contrib import admin
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.checks import run_checks
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from openpyxl import load_workbook

from audit.choices import AuditEventKind as K
from audit.models import AuditEvent
from audit.querysets import AppendOnly
from audit.services import audit_purge, audit_record
from audit.tasks import audit_purge_task
from meetings.services import meeting as meeting_services
from members import services as member_services
from rectification.services import items as item_services
from tests.meetings.factories import MeetingFactory
from tests.members.factories import MemberFactory, SupervisorFactory, UserFactory
from tests.rectification.factories import ItemFactory
from tests.rectification.test_ledger import rectifying_meeting

pytestmark = pytest.mark.django_db

PASSWORD = "pw-for-tests-2026"


@pytest.fixture
def people(org_tree):
    a = org_tree["a"]
    return {
        **org_tree,
        "secretary": MemberFactory(branch=a, name="甲书记", position="secretary"),
        "m1": MemberFactory(branch=a, name="张三", user__username="zhangsan"),
        "m2": MemberFactory(branch=a, name="李四"),
        "member_c": MemberFactory(branch=org_tree["c"], name="丙党员"),
        "supervisor": SupervisorFactory(organization=org_tree["committee"]).user,
        "supervisor_other": SupervisorFactory(organization=org_tree["other"]).user,
    }


def _rows(event=None, **filters):
    qs = AuditEvent.objects.order_by("pk")
    if event is not None:
        qs = qs.filter(event=event)
    return list(qs.filter(**filters))


def _one(event, **filters) -> AuditEvent:
    rows = _rows(event, **filters)
    assert len(rows) == 1, f"expected one {event} row, got {[(r.event, r.detail) for r in rows]}"
    return rows[0]


# --- append-only -------------------------------------------------------------------------------


def test_rows_cannot_be_changed_or_deleted_through_the_orm(people):
    row = audit_record(event=K.LOGIN, actor=people["m1"].user, organization=people["a"])
    row.detail = "篡改"
    with pytest.raises(AppendOnly):
        row.save()
    with pytest.raises(AppendOnly):
        row.delete()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.filter(pk=row.pk).update(detail="篡改")
    with pytest.raises(AppendOnly):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.bulk_update([row], ["detail"])
    assert AuditEvent.objects.get(pk=row.pk).detail == ""


def test_the_admin_shows_the_log_read_only(client, people):
    admin_user = UserFactory(username="root", is_superuser=True, is_staff=True)
    row = audit_record(event=K.LOGIN, actor=people["m1"].user, organization=people["a"])
    model_admin = admin.site._registry[AuditEvent]
    request = RequestFactory().get("/")
    request.user = admin_user
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, row)
    assert not model_admin.has_delete_permission(request, row)
    client.force_login(admin_user)
    page = client.get(reverse("admin:audit_auditevent_changelist"))
    assert page.status_code == 200 and "张三" in page.content.decode()
    assert "delete_selected" not in page.content.decode()
    delete = reverse("admin:audit_auditevent_delete", args=[row.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=row.pk).exists()


# --- retention -----------------------------------------------------------------------------------


def test_the_purge_keeps_180_days_and_is_on_the_beat(people, settings):
    now = timezone.now()
    with time_machine.travel(now - datetime.timedelta(days=181), tick=False):
        old = audit_record(event=K.LOGIN, actor=people["m1"].user)
    with time_machine.travel(now - datetime.timedelta(days=179), tick=False):
        kept = audit_record(event=K.LOGIN, actor=people["m1"].user)
    assert audit_purge_task() == 1
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not AuditEvent.objects.filter(pk=old.pk).exists()

    # A shorter period is refused by `manage.py check` and never applied.
    settings.ORGLIFE_AUDIT_RETENTION_DAYS = 30
    assert "audit.E001" in {e.id for e in run_checks()}
    assert audit_purge() == 0 and AuditEvent.objects.filter(pk=kept.pk).exists()

    schedule = {e["task"]: e for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "audit.tasks.audit_purge_task" in schedule


def test_the_purge_deletes_in_batches(people, monkeypatch):
    from audit import services

    monkeypatch.setattr(services, "PURGE_BATCH", 3)
    with time_machine.travel(timezone.now() - datetime.timedelta(days=200), tick=False):
        for _ in range(7):
            audit_record(event=K.LOGOUT, actor=people["m1"].user)
    audit_record(event=K.LOGOUT, actor=people["m1"].user)
    assert audit_purge() == 7
    assert AuditEvent.objects.count() == 1


# --- logins ----------------------------------------------------------------------------------


def _login(client, username, password=PASSWORD, ip="198.51.100.7"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_a_login_and_a_logout_are_recorded_by_name_and_branch(client, people):
    assert _login(client, "zhangsan").status_code == 302
    row = _one(K.LOGIN)
    assert (row.actor_id, row.actor_name) == (people["m1"].user_id, "张三")
    assert (row.organization_id, row.organization_path) == (people["a"].pk, people["a"].path)
    assert row.ip is None  # the deployment keeps no address unless it says so
    client.post(reverse("logout"))
    assert _one(K.LOGOUT).actor_name == "张三"


def test_the_address_is_kept_only_when_configured(client, people, settings):
    settings.ORGLIFE_AUDIT_KEEP_IP = True
    _login(client, "zhangsan", ip="203.0.113.9")
    assert _one(K.LOGIN).ip == "203.0.113.9"


def test_failed_logins_and_the_lockout_are_recorded(client, people, settings):
    _login(client, "zhangsan", password="wrong-1")
    failed = _one(K.LOGIN_FAILED)
    assert failed.actor_id == people["m1"].user_id and failed.actor_name == "张三"
    _login(client, "nobody-here", password="wrong-1")
    unknown = _one(K.LOGIN_FAILED, actor_id=None)
    assert unknown.detail == "登录名:nobody-here"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "zhangsan", password="wrong-2")
    locked = _rows(K.LOGIN_LOCKED)
    assert locked and all(r.actor_id == people["m1"].user_id for r in locked)
    # A supervisor sees it in the branch's subtree; the password typed is nowhere.
    assert not AuditEvent.objects.filter(detail__contains="wrong").exists()


# --- passwords -----------------------------------------------------------------------------------


def test_changing_ones_password_is_recorded(client, people):
    client.force_login(people["m1"].user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Nw-pass-2027",
            "new_password2": "Nw-pass-2027",
        },
    )
    assert response.status_code == 302
    row = _one(K.PASSWORD_CHANGED)
    assert row.actor_name == "张三" and row.organization_id == people["a"].pk


def test_resetting_by_the_emailed_link_is_recorded(client, people):
    user = people["m1"].user
    user.email = "zhangsan@example.org"
    user.save()
    client.post(reverse("password_reset"), {"email": "zhangsan@example.org"})
    assert len(mail.outbox) == 1
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    start = client.get(reverse("password_reset_confirm", args=[uid, token]))
    assert start.status_code == 302
    done = client.post(
        start["Location"], {"new_password1": "Nw-pass-2027", "new_password2": "Nw-pass-2027"}
    )
    assert done.status_code == 302
    assert _one(K.PASSWORD_RESET).actor_id == user.pk


def test_the_secretarys_one_time_password_is_recorded(client, people):
    client.force_login(people["secretary"].user)
    page = client.post(reverse("members:password-reset", args=[people["m1"].pk]))
    assert page.status_code == 200
    row = _one(K.PASSWORD_TEMPORARY)
    assert row.actor_name == "甲书记" and row.target_label == "张三"
    assert row.target_id == people["m1"].pk
    password = page.context["password"]
    assert password not in str(AuditEvent.objects.values_list())  # never the password itself


# --- roles, roster ---------------------------------------------------------------------------------


def test_a_position_change_is_recorded_with_before_and_after(client, people):
    m2 = people["m2"]
    client.force_login(people["secretary"].user)
    data = {
        "name": m2.name,
        "gender": m2.gender,
        "category": m2.category,
        "joined_on": m2.joined_on.isoformat(),
        "position": "publicity",
        "phone": "",
        "email": "",
    }
    assert client.post(reverse("members:edit", args=[m2.pk]), data).status_code == 302
    row = _one(K.POSITION_CHANGED)
    assert row.detail == "无 → 宣传委员" and row.target_label == "李四"
    assert row.actor_name == "甲书记"
    # Saving again without a change of position records nothing more.
    client.post(reverse("members:edit", args=[m2.pk]), data)
    assert len(_rows(K.POSITION_CHANGED)) == 1


def test_assigning_a_supervisor_is_recorded(people):
    user = UserFactory(username="zuzhibu", first_name="组织部审核员")
    member_services.supervisor_assign(user=user, organization=people["committee"], by=None)
    member_services.supervisor_assign(user=user, organization=people["committee"], by=None)
    row = _one(K.SUPERVISOR_ASSIGNED)
    assert row.target_label == "组织部审核员" and row.organization_id == people["committee"].pk


def test_an_account_made_by_the_secretary_is_recorded(client, people):
    client.force_login(people["secretary"].user)
    response = client.post(
        reverse("members:create", args=[people["a"].pk]),
        {
            "name": "新同志",
            "gender": "female",
            "category": "full",
            "joined_on": "2015-07-01",
            "position": "",
            "username": "xintongzhi",
            "password": "Qk-first-2026",
        },
    )
    assert response.status_code == 302
    row = _one(K.ACCOUNT_CREATED)
    assert row.target_label == "新同志" and row.actor_name == "甲书记"


def test_a_roster_import_is_recorded_once_with_its_count(people):
    rows = [
        {"name": f"导入{i}", "gender": "男", "category": "正式党员", "joined_on": "2010-07-01"}
        for i in range(3)
    ]
    rows[0]["username"] = "daoru0"
    created = member_services.member_import(
        branch=people["a"], rows=rows, by=people["secretary"].user
    )
    assert len(created) == 3
    row = _one(K.ROSTER_IMPORTED)
    assert row.actor_name == "甲书记" and row.organization_id == people["a"].pk
    assert "3" in row.detail and "1" in row.detail
    assert not _rows(K.ACCOUNT_CREATED)  # the import is one event, not one per row


def test_deactivation_and_reactivation_are_recorded(client, people):
    client.force_login(people["secretary"].user)
    client.post(reverse("members:deactivate", args=[people["m2"].pk]))
    client.post(reverse("members:deactivate", args=[people["m2"].pk]))  # already: nothing
    client.post(reverse("members:reactivate", args=[people["m2"].pk]))
    assert _one(K.MEMBER_DEACTIVATED).target_label == "李四"
    assert _one(K.MEMBER_REACTIVATED).actor_name == "甲书记"


# --- plans, sign-offs, publicity -----------------------------------------------------------------


def test_plan_approvals_and_returns_are_recorded(people):
    sup, sec = people["supervisor"], people["secretary"].user
    meeting = MeetingFactory(branch=people["a"], theme="学思想、强党性")
    meeting_services.plan_submit(meeting=meeting, by=sec)
    meeting_services.plan_return(meeting=meeting, by=sup, comment="请增加上级点评环节")
    meeting_services.plan_submit(meeting=meeting, by=sec)
    meeting_services.plan_approve(meeting=meeting, by=sup)
    returned, approved = _one(K.PLAN_RETURNED), _one(K.PLAN_APPROVED)
    assert returned.detail == "请增加上级点评环节" and returned.target_label == "学思想、强党性"
    assert approved.organization_id == people["a"].pk and approved.actor_id == sup.pk


def test_sign_offs_and_send_backs_are_recorded(people):
    sec = people["secretary"].user
    rect = rectifying_meeting(people["a"])
    item = ItemFactory(meeting=rect, owner=people["m1"], by=sec, measure="每月走访联系村一次")
    item_services.item_mark_done(item=item, by=people["m1"].user)
    item_services.item_send_back(item=item, by=sec, reason="缺少走访记录")
    item_services.item_mark_done(item=item, by=people["m1"].user)
    item_services.item_sign_off(item=item, by=people["supervisor"])
    back = _one(K.ITEM_SENT_BACK)
    assert back.detail == "缺少走访记录" and back.target_label == "张三:每月走访联系村一次"
    signed = _one(K.ITEM_SIGNED_OFF)
    assert signed.target_id == item.pk and signed.organization_id == people["a"].pk


def test_publicity_switched_on_and_off_is_recorded_once_per_switch(people):
    sec = people["secretary"].user
    item_services.publicity_set(branch=people["a"], by=sec, enabled=True)
    item_services.publicity_set(branch=people["a"], by=sec, enabled=True)
    item_services.publicity_set(branch=people["a"], by=sec, enabled=False)
    assert [r.event for r in _rows()] == [K.PUBLICITY_ON, K.PUBLICITY_OFF]


# --- exports ---------------------------------------------------------------------------------------


def test_every_export_records_who_exported_what(client, people):
    sec = people["secretary"].user
    rect = rectifying_meeting(people["a"])
    ItemFactory(meeting=rect, owner=people["m1"], by=sec)
    client.force_login(sec)
    urls = {
        "党员名册": reverse("members:roster-export", args=[people["a"].pk]),
        "整改台账": reverse("rectification:ledger-export", args=[people["a"].pk]),
        "情况报告": reverse("rectification:report-docx", args=[rect.pk]),
    }
    for what, url in urls.items():
        assert client.get(url).status_code == 200, url
        row = _rows(K.EXPORT)[-1]
        assert row.detail.startswith(what) and row.actor_name == "甲书记", what
        assert row.organization_id == people["a"].pk

    from meetings.services import drafts as draft_services

    draft = draft_services.draft_start(
        meeting=MeetingFactory(branch=people["a"]), member=people["m1"]
    )
    client.force_login(people["m1"].user)
    assert client.get(reverse("meetings:draft-docx", args=[draft.pk])).status_code == 200
    row = _rows(K.EXPORT)[-1]
    assert row.detail.startswith("对照检查材料") and row.target_label == "张三"

    client.force_login(people["supervisor"])
    assert client.get(reverse("supervision:export")).status_code == 200
    row = _rows(K.EXPORT)[-1]
    assert row.detail.startswith("督导总览") and row.organization_id == people["committee"].pk
    assert client.get(reverse("supervision:audit-export")).status_code == 200
    assert _rows(K.EXPORT)[-1].detail.startswith("审计日志")
    assert len(_rows(K.EXPORT)) == 6


# --- reading the log -----------------------------------------------------------------------------


def _seed(people):
    audit_record(event=K.LOGIN, actor=people["m1"].user, organization=people["a"])
    audit_record(event=K.LOGIN, actor=people["member_c"].user, organization=people["c"])
    audit_record(event=K.EXPORT, actor=people["secretary"].user, organization=people["a"])
    audit_record(event=K.LOGIN, actor=None, actor_name="", detail="登录名:x")  # no organization


def _shown(client) -> str:
    return client.get(reverse("supervision:audit-log")).content.decode()


def test_the_supervisor_sees_their_subtree_the_superuser_everything(client, people):
    _seed(people)
    client.force_login(people["supervisor"])
    page = _shown(client)
    assert "张三" in page and "甲书记" in page and "丙党员" not in page
    client.force_login(people["supervisor_other"])
    page = _shown(client)
    assert "丙党员" in page and "张三" not in page
    client.force_login(UserFactory(username="root", is_superuser=True))
    page = _shown(client)
    assert "张三" in page and "丙党员" in page and "登录名:x" in page
    for who in (people["m1"].user, people["secretary"].user):
        client.force_login(who)
        assert client.get(reverse("supervision:audit-log")).status_code == 404
        assert client.get(reverse("supervision:audit-export")).status_code == 404


def test_search_by_event_actor_and_date(client, people):
    _seed(people)
    with time_machine.travel(timezone.now() - datetime.timedelta(days=10), tick=False):
        audit_record(event=K.LOGOUT, actor=people["m2"].user, organization=people["a"])
    client.force_login(people["supervisor"])
    url = reverse("supervision:audit-log")

    def names(**query):
        response = client.get(url, query)
        assert response.status_code == 200
        return [r.actor_name for r in response.context["rows"]]

    assert names(event="export") == ["甲书记"]
    assert names(actor="张") == ["张三"]
    today = timezone.localdate()
    assert names(
        since=(today - datetime.timedelta(days=11)).isoformat(),
        until=(today - datetime.timedelta(days=9)).isoformat(),
    ) == ["李四"]
    recent = set(names(since=today.isoformat()))
    assert {"张三", "甲书记"} <= recent and "李四" not in recent and "丙党员" not in recent
    # Nonsense is an error on the form, not a 500.
    response = client.get(url, {"since": "0001-01-01", "until": "x", "event": "nope"})
    assert response.status_code == 200 and response.context["form"].errors


def test_the_list_pages_by_keyset_and_costs_the_same_queries_for_10_and_1000_rows(
    client, people, settings, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.ORGLIFE_PAGE_SIZE = 5
    client.force_login(people["supervisor"])
    url = reverse("supervision:audit-log")

    def count() -> int:
        client.get(url)  # warm
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    AuditEvent.objects.bulk_create(
        AuditEvent(event=K.LOGIN, actor_name=f"甲{i:04d}", organization_path=people["a"].path)
        for i in range(10)
    )
    few = count()
    AuditEvent.objects.bulk_create(
        AuditEvent(event=K.LOGIN, actor_name=f"乙{i:04d}", organization_path=people["a"].path)
        for i in range(990)
    )
    assert count() == few

    # Walk every page: each row once, newest first, and the walk ends.
    seen, before = [], None
    for _ in range(1000):
        response = client.get(url, {"before": before} if before else {})
        seen += [r.pk for r in response.context["rows"]]
        before = response.context["next_before"]
        if before is None:
            break
    everything = list(
        AuditEvent.objects.within([people["committee"].path])
        .order_by("-pk")
        .values_list("pk", flat=True)
    )
    assert seen == everything


def test_the_export_writes_text_that_cannot_become_a_formula(client, people):
    audit_record(
        event=K.EXPORT,
        actor=people["m1"].user,
        actor_name='=HYPERLINK("http://evil.example","点我")',
        organization=people["a"],
        detail="@SUM(1+1)",
    )
    audit_record(event=K.LOGIN, actor=people["m2"].user, organization=people["a"], detail="－1+2")
    client.force_login(people["supervisor"])
    response = client.get(reverse("supervision:audit-export"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    cells = [c for row in book.active.iter_rows() for c in row]
    assert all(c.data_type == "s" for c in cells if c.value is not None)
    values = [c.value for c in cells]
    assert '\'=HYPERLINK("http://evil.example","点我")' in values
    assert "'@SUM(1+1)" in values and "'－1+2" in values
    assert not any(isinstance(v, str) and v[:1] in "=+-@" for v in values)


def test_role_changes_in_the_django_admin_are_recorded(client, people):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(root)
    m2 = people["m2"]
    change = reverse("admin:members_member_change", args=[m2.pk])
    form = client.get(change).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(position="discipline", joined_on=m2.joined_on.isoformat(), is_active="on")
    data = {k: (v.pk if hasattr(v, "pk") else v) for k, v in data.items()}
    data.pop("must_change_password", None)
    response = client.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    row = _one(K.POSITION_CHANGED)
    assert row.detail == "无 → 纪检委员" and row.actor_name == "root"

    user = UserFactory(username="jiwei", first_name="纪委审核员")
    add = reverse("admin:members_supervisor_add")
    response = client.post(add, {"user": user.pk, "organization": people["general"].pk})
    assert response.status_code == 302
    assigned = _one(K.SUPERVISOR_ASSIGNED)
    assert (
        assigned.target_label == "纪委审核员" and assigned.organization_id == people["general"].pk
    )
    from members.models import Supervisor

    supervision = Supervisor.objects.get(user=user)
    delete = reverse("admin:members_supervisor_delete", args=[supervision.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert _one(K.SUPERVISOR_REMOVED).target_label == "纪委审核员"


def test_the_audit_app_imports_no_other_project_app():
    """At the bottom of the order: everything may record into it, it reads nothing above."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "audit"
    others = {"members", "meetings", "rectification", "supervision", "notifications", "config"}
    found = []
    for source in root.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            found += [f"{source.name}: {n}" for n in names if n.split(".")[0] in others]
    assert not found, found
