"""The ledger in the browser: the branch ledger and its filters, an item page with the right
buttons for the right people, the concurrent-edit refusal, uploads, the .xlsx export and
print page, publicity (公示) in the branch and by a public link, "my items" on the home page,
scoping (404 outside), and the ledger's query count at 10 and 1,000 items."""

from __future__ import annotations

import datetime
import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rectification.choices import ItemStatus
from rectification.models import Interview, ProgressUpdate, RectificationItem
from rectification.services import interviews as interview_services
from rectification.services import items as item_services
from tests.rectification.factories import ItemFactory, ProblemFactory
from tests.rectification.test_ledger import (
    rectifying_meeting,
    tiny_png,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def rect(people):
    return rectifying_meeting(people["a"], days_ago=60)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def ledger(people, rect, media):
    """张三's item (with progress and evidence), 李四's overdue item, a committee item and an
    interview with 李四 — everything the private parts of the ledger hold."""
    secretary = people["secretary"].user
    m1, m2 = people["m1"], people["m2"]
    m1.phone = "13900001111"
    m1.save()
    mine = ItemFactory(
        meeting=rect, owner=m1, by=secretary, measure="每月到联系村走访一次", text="调研不深入"
    )
    item_services.progress_add(
        item=mine,
        by=m1.user,
        on=TODAY(),
        text="私密进展:已走访王家村",
        evidence=SimpleUploadedFile("p.png", tiny_png()),
    )
    late = ItemFactory(
        meeting=rect,
        owner=m2,
        by=secretary,
        measure="完成党费收缴台账整理",
        text="党费收缴不及时",
        deadline=TODAY() - datetime.timedelta(days=10),
    )
    committee = ItemFactory(
        meeting=rect, owner=None, by=secretary, measure="每月召开一次支委会", text="三会一课不严"
    )
    interview_services.interview_record(
        branch=people["a"],
        by=secretary,
        member=m2,
        items=[late],
        held_on=TODAY(),
        interviewer="甲书记",
        said="私密谈话:家中有困难",
    )
    return {"mine": mine, "late": late, "committee": committee}


def _login(client, user):
    client.force_login(user)
    return client


def _url(name, *args):
    return reverse(f"rectification:{name}", args=args)


# --- the branch ledger ---------------------------------------------------------------------------


def test_the_committee_sees_the_ledger_with_overdue_in_red_and_add_buttons(client, people, ledger):
    _login(client, people["secretary"].user)
    response = client.get(_url("ledger", people["a"].pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "整改台账" in html and "每月到联系村走访一次" in html
    late = re.search(rf'<tr id="item-{ledger["late"].pk}"[^>]*>', html).group(0)
    assert 'class="table-danger"' in late and 'data-overdue="1"' in late
    mine = re.search(rf'<tr id="item-{ledger["mine"].pk}"[^>]*>', html).group(0)
    assert "table-danger" not in mine
    assert _url("item-create", ledger["mine"].problem_id) in html
    assert "逾期 10 天" in html


def test_members_read_the_ledger_without_the_committees_buttons(client, people, ledger, rect):
    unpublished = rectifying_meeting(people["a"], days_ago=5, published=False)
    hidden = ItemFactory(
        meeting=unpublished, owner=people["m1"], by=people["secretary"].user, measure="尚未公示的"
    )
    _login(client, people["m3"].user)
    html = client.get(_url("ledger", people["a"].pk)).content.decode()
    assert "每月到联系村走访一次" in html
    assert "尚未公示的" not in html and f'data-item="{hidden.pk}"' not in html
    assert _url("item-create", ledger["mine"].problem_id) not in html
    assert "添加整改事项" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"mine", "late", "committee"}),
        ("?status=overdue", {"late"}),
        ("?status=in_progress", {"mine"}),
        ("?status=not_started", {"late", "committee"}),
        ("?owner=committee", {"committee"}),
        ("?category=style&status=overdue", {"late"}),
        ("?status=bogus", {"mine", "late", "committee"}),  # an unknown value is ignored
    ],
)
def test_the_ledger_filters(client, people, ledger, query, expected):
    _login(client, people["secretary"].user)
    html = client.get(_url("ledger", people["a"].pk) + query).content.decode()
    shown = {name for name, item in ledger.items() if f'<tr id="item-{item.pk}"' in html}
    assert shown == expected


def test_filter_by_owner_and_meeting(client, people, ledger, rect):
    other = rectifying_meeting(people["a"], days_ago=3)
    newer = ItemFactory(
        meeting=other, owner=people["m1"], by=people["secretary"].user, measure="新会议的措施"
    )
    _login(client, people["secretary"].user)
    base = _url("ledger", people["a"].pk)
    html = client.get(f"{base}?owner={people['m1'].pk}").content.decode()
    assert f'<tr id="item-{newer.pk}"' in html and f'<tr id="item-{ledger["mine"].pk}"' in html
    assert f'<tr id="item-{ledger["late"].pk}"' not in html
    html = client.get(f"{base}?meeting={other.pk}").content.decode()
    assert f'<tr id="item-{newer.pk}"' in html and f'<tr id="item-{ledger["mine"].pk}"' not in html


# --- an item's page ---------------------------------------------------------------------------------


def test_the_owner_sees_the_progress_form_and_mark_done_not_sign_off(client, people, ledger):
    _login(client, people["m1"].user)
    html = client.get(_url("item", ledger["mine"].pk)).content.decode()
    assert 'id="progress-form"' in html and 'enctype="multipart/form-data"' in html
    assert _url("item-done", ledger["mine"].pk) in html
    assert _url("item-signoff", ledger["mine"].pk) not in html
    assert 'id="edit-item"' not in html
    assert "私密进展:已走访王家村" in html  # the branch reads progress


def test_the_secretary_sees_the_edit_form_with_the_version_and_signs_off(client, people, ledger):
    item = ledger["mine"]
    item_services.item_mark_done(item=item, by=people["m1"].user)
    _login(client, people["secretary"].user)
    html = client.get(_url("item", item.pk)).content.decode()
    assert 'name="version" value="1"' in html
    assert _url("item-signoff", item.pk) in html and 'id="sendback-form"' in html
    response = client.post(_url("item-signoff", item.pk))
    assert response.status_code == 302
    assert RectificationItem.objects.get(pk=item.pk).status == ItemStatus.SIGNED_OFF


def test_send_back_through_the_page_needs_a_reason(client, people, ledger):
    item = ledger["mine"]
    item_services.item_mark_done(item=item, by=people["m1"].user)
    _login(client, people["secretary"].user)
    response = client.post(_url("item-sendback", item.pk), {"reason": ""}, follow=True)
    assert "退回时请写明理由" in response.content.decode()
    assert RectificationItem.objects.get(pk=item.pk).status == ItemStatus.AWAITING_SIGNOFF
    client.post(_url("item-sendback", item.pk), {"reason": "请补充走访记录"})
    assert RectificationItem.objects.get(pk=item.pk).status == ItemStatus.IN_PROGRESS


def test_the_timeline_and_the_changed_deadline_show_on_the_item_page(client, people, ledger):
    _login(client, people["secretary"].user)
    item = ledger["late"]
    new = TODAY() + datetime.timedelta(days=7)
    interview_services.interview_record(
        branch=people["a"],
        by=people["secretary"].user,
        member=people["m2"],
        items=[item],
        held_on=TODAY(),
        interviewer="甲书记",
        said="再次督促",
        new_deadline=new,
    )
    html = client.get(_url("item", item.pk)).content.decode()
    assert f"原定时限 {item.original_deadline:%Y-%m-%d}" in html
    kinds = re.findall(r'data-kind="(\w+)"', html)
    assert kinds == ["created", "interview", "interview", "deadline"]
    assert "私密谈话:家中有困难" in html  # the committee sees what was said


def test_another_member_does_not_read_the_interview(client, people, ledger):
    _login(client, people["m3"].user)
    html = client.get(_url("item", ledger["late"].pk)).content.decode()
    assert "私密谈话" not in html
    _login(client, people["m2"].user)  # the one interviewed does
    assert "私密谈话" in client.get(_url("item", ledger["late"].pk)).content.decode()


# --- the concurrent-edit refusal, in the browser -----------------------------------------------------


def _form_data(item, **changes):
    data = {
        "measure": item.measure,
        "owner": str(item.owner_id),
        "deadline": item.deadline.isoformat(),
        "priority": item.priority,
        "difficulty": item.difficulty,
        "version": str(item.version),
    }
    data.update(changes)
    return data


def test_the_second_save_is_refused_and_shows_the_other_persons_values(client, people, ledger):
    from django.test import Client

    item = ledger["mine"]
    first, second = _login(Client(), people["secretary"].user), _login(client, people["supervisor"])
    for c in (first, second):  # both open the edit form at the same version
        assert 'name="version" value="1"' in c.get(_url("item-edit", item.pk)).content.decode()
    response = first.post(_url("item-edit", item.pk), _form_data(item, measure="书记改的措施"))
    assert response.status_code == 302
    response = second.post(
        _url("item-edit", item.pk), _form_data(item, measure="督导改的措施", priority="urgent")
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "该事项已被 甲书记 于" in html and "您的修改未保存" in html
    stale = re.search(r'id="stale-measure">(.*?)</dd>', html, re.S).group(1)
    assert "书记改的措施" in stale
    assert "督导改的措施" in html  # what the second editor typed is kept in the form
    assert 'name="version" value="2"' in html  # … now against the current version
    item = RectificationItem.objects.get(pk=item.pk)
    assert (item.measure, item.priority, item.version) == ("书记改的措施", "important", 2)


def test_a_member_cannot_edit_or_sign_off(client, people, ledger):
    item = ledger["mine"]
    item_services.item_mark_done(item=item, by=people["m1"].user)
    for member in (people["m1"], people["m3"]):
        _login(client, member.user)
        assert client.get(_url("item-edit", item.pk)).status_code == 404
        assert client.post(_url("item-edit", item.pk), _form_data(item)).status_code == 404
        assert client.post(_url("item-signoff", item.pk)).status_code == 403
        assert client.post(_url("item-sendback", item.pk), {"reason": "x"}).status_code == 403
    item = RectificationItem.objects.get(pk=item.pk)
    assert (item.status, item.version) == (ItemStatus.AWAITING_SIGNOFF, 1)


def test_the_secretary_may_not_sign_off_a_committee_item_through_the_page(client, people, ledger):
    item = ledger["committee"]
    item_services.item_mark_done(item=item, by=people["secretary"].user)
    _login(client, people["secretary"].user)
    assert _url("item-signoff", item.pk) not in client.get(_url("item", item.pk)).content.decode()
    assert client.post(_url("item-signoff", item.pk)).status_code == 403
    _login(client, people["supervisor"])
    assert client.post(_url("item-signoff", item.pk)).status_code == 302
    assert RectificationItem.objects.get(pk=item.pk).status == ItemStatus.SIGNED_OFF


def test_adding_an_item_to_a_problem(client, people, rect):
    problem = ProblemFactory(meeting=rect, owner=people["m1"], text="联系群众不够")
    _login(client, people["secretary"].user)
    html = client.get(_url("item-create", problem.pk)).content.decode()
    assert 'name="owner"' in html and "整改时限" in html
    deadline = TODAY() + datetime.timedelta(days=20)
    response = client.post(
        _url("item-create", problem.pk),
        {
            "measure": "每周接待群众半天",
            "owner": str(people["m1"].pk),
            "deadline": deadline.isoformat(),
            "priority": "urgent",
            "difficulty": "easy",
        },
    )
    item = RectificationItem.objects.get(problem=problem)
    assert response.status_code == 302 and response.url == _url("item", item.pk)
    assert (item.measure, item.deadline, item.priority) == ("每周接待群众半天", deadline, "urgent")


# --- uploads and evidence ----------------------------------------------------------------------------


def test_an_upload_that_is_not_what_it_says_is_refused_on_the_page(client, people, ledger):
    _login(client, people["m1"].user)
    fake = SimpleUploadedFile("报告.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    response = client.post(
        _url("item-progress", ledger["mine"].pk),
        {"on": TODAY().isoformat(), "text": "上传报告", "evidence": fake},
    )
    assert response.status_code == 200
    assert "只能上传 PDF" in response.content.decode()
    assert ledger["mine"].progress.count() == 1  # only the fixture's


def test_progress_without_a_file_through_the_page(client, people, ledger):
    _login(client, people["m2"].user)
    response = client.post(
        _url("item-progress", ledger["late"].pk), {"on": TODAY().isoformat(), "text": "已整理一半"}
    )
    assert response.status_code == 302
    assert RectificationItem.objects.get(pk=ledger["late"].pk).status == ItemStatus.IN_PROGRESS


def test_evidence_is_a_download_for_those_who_see_the_item(client, people, ledger):
    progress = ProgressUpdate.objects.get(item=ledger["mine"])
    url = _url("evidence", progress.pk)
    _login(client, people["m3"].user)  # a member of the branch sees the ledger
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == tiny_png()
    for outsider in (people["member_b"].user, people["supervisor_other"]):
        _login(client, outsider)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_evidence_behind_nginx_is_an_accel_redirect_after_the_permission_check(
    client, people, ledger, settings
):
    """deploy/README.md: with ORGLIFE_EVIDENCE_ACCEL_PREFIX set, the app checks permission
    and nginx sends the file from its internal location."""
    settings.ORGLIFE_EVIDENCE_ACCEL_PREFIX = "/_protected/media/"
    progress = ProgressUpdate.objects.get(item=ledger["mine"])
    url = _url("evidence", progress.pk)
    _login(client, people["m3"].user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_protected/media/{progress.evidence.name}"
    assert progress.evidence.name.startswith("evidence/")
    assert response.content == b""  # nginx sends the file, not gunicorn
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    for outsider in (people["member_b"].user, people["supervisor_other"]):
        _login(client, outsider)
        refused = client.get(url)
        assert refused.status_code == 404 and "X-Accel-Redirect" not in refused
    client.logout()
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "X-Accel-Redirect" not in anonymous


# --- export and print ----------------------------------------------------------------------------------


HEADER = ["序号", "问题", "整改措施", "责任人", "整改时限", "完成情况", "销号情况"]


def test_the_export_opens_in_openpyxl_with_one_row_per_item_in_order(client, people, ledger, rect):
    injected = ItemFactory(
        meeting=rect,
        owner=people["m3"],
        by=people["secretary"].user,
        measure='=HYPERLINK("http://x")',
    )
    _login(client, people["secretary"].user)
    page = client.get(_url("ledger", people["a"].pk)).content.decode()
    order = [int(pk) for pk in re.findall(r'<tr id="item-(\d+)"', page)]
    response = client.get(_url("ledger-export", people["a"].pk))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename*=UTF-8''")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0].startswith("A支部 整改台账(截至 ")  # the title row
    assert list(rows[1]) == HEADER
    assert len(rows) == 2 + 4
    measures = {i.pk: i.measure for i in RectificationItem.objects.all()}
    assert [r[2] for r in rows[2:]] == [measures[pk] for pk in order]
    assert [r[0] for r in rows[2:]] == [1, 2, 3, 4]
    by_measure = {r[2]: r for r in rows[2:]}
    assert by_measure["每月召开一次支委会"][3] == "支部班子(牵头:甲书记)"
    assert "私密进展:已走访王家村" in by_measure["每月到联系村走访一次"][5]
    assert by_measure["完成党费收缴台账整理"][5].startswith("逾期")
    assert by_measure["完成党费收缴台账整理"][6] == "未销号"
    cell = next(c for c in sheet["C"] if c.value == injected.measure)
    assert cell.data_type == "s" and cell.quotePrefix  # stays text, never a formula
    assert isinstance(by_measure[injected.measure][4], datetime.datetime)  # a date, not text


def test_the_export_follows_the_filters(client, people, ledger):
    _login(client, people["secretary"].user)
    response = client.get(_url("ledger-export", people["a"].pk) + "?status=overdue")
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    assert "按筛选条件" in rows[0][0]
    assert [r[2] for r in rows[2:]] == ["完成党费收缴台账整理"]


def test_the_print_page(client, people, ledger):
    _login(client, people["m3"].user)
    response = client.get(_url("ledger-print", people["a"].pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert all(f'<th scope="col">{h}</th>' in html for h in HEADER)
    assert "每月召开一次支委会" in html


# --- publicity (公示) ---------------------------------------------------------------------------------


def _turn_on(client, people):
    _login(client, people["secretary"].user)
    response = client.post(_url("ledger-publicity", people["a"].pk), {"enabled": "on"})
    assert response.status_code == 302
    return people["a"].publicity.token


def test_only_the_secretary_turns_the_public_link_on(client, people, ledger):
    for who in (people["committee"].user, people["m1"].user, people["supervisor"]):
        _login(client, who)
        assert (
            client.post(_url("ledger-publicity", people["a"].pk), {"enabled": "on"}).status_code
            == 403
        )
    _login(client, people["secretary_b"].user)
    assert (
        client.post(_url("ledger-publicity", people["a"].pk), {"enabled": "on"}).status_code == 404
    )
    token = _turn_on(client, people)
    html = client.get(_url("ledger-publicity", people["a"].pk)).content.decode()
    assert _url("public-ledger", token) in html


def test_the_public_page_is_404_when_off(client, people, ledger):
    assert client.get(_url("public-ledger", "no-such-token")).status_code == 404
    token = _turn_on(client, people)
    client.logout()
    assert client.get(_url("public-ledger", token)).status_code == 200
    _login(client, people["secretary"].user)
    client.post(_url("ledger-publicity", people["a"].pk), {})
    client.logout()
    assert client.get(_url("public-ledger", token)).status_code == 404


def test_the_public_page_shows_the_measures_and_nothing_private(client, people, ledger):
    token = _turn_on(client, people)
    client.logout()
    response = client.get(_url("public-ledger", token))
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "no-referrer"
    for shown in ("每月到联系村走访一次", "完成党费收缴台账整理", "张三", "逾期", "调研不深入"):
        assert shown in html
    for private in (
        "私密进展",  # progress text
        "/evidence/",  # evidence links
        "私密谈话",  # interview text
        "13900001111",  # phone numbers
        "/members/",  # member pages (ids in links)
        "/items/",  # item pages
        "约谈",
    ):
        assert private not in html, private
    assert not re.search(r'href="[^"]*/\d+/', html)  # no link carries an id


# --- "my items" on the home page ----------------------------------------------------------------------


def test_my_items_on_the_members_home_page(client, people, ledger):
    _login(client, people["m2"].user)
    html = client.get(reverse("home")).content.decode()
    assert "我的整改事项" in html and "完成党费收缴台账整理" in html
    assert "每月到联系村走访一次" not in html  # 张三's, not mine
    assert "已逾期 10 天" in html
    _login(client, people["secretary"].user)  # the lead of the committee item
    html = client.get(reverse("home")).content.decode()
    assert "每月召开一次支委会" in html


def test_the_secretary_is_told_what_awaits_her_sign_off(client, people, ledger):
    item_services.item_mark_done(item=ledger["mine"], by=people["m1"].user)
    _login(client, people["secretary"].user)
    html = client.get(reverse("home")).content.decode()
    assert "有 1 项整改事项等待您销号" in html


# --- scoping -------------------------------------------------------------------------------------------


def _every_url(people, ledger) -> list[tuple[str, str]]:
    item = ledger["mine"]
    progress = ProgressUpdate.objects.get(item=item)
    branch = people["a"].pk
    return [
        ("get", _url("ledger", branch)),
        ("get", _url("ledger-export", branch)),
        ("get", _url("ledger-print", branch)),
        ("get", _url("ledger-publicity", branch)),
        ("post", _url("ledger-publicity", branch)),
        ("get", _url("interview", branch)),
        ("post", _url("interview", branch)),
        ("get", _url("item-create", item.problem_id)),
        ("post", _url("item-create", item.problem_id)),
        ("get", _url("item", item.pk)),
        ("get", _url("item-edit", item.pk)),
        ("post", _url("item-edit", item.pk)),
        ("post", _url("item-progress", item.pk)),
        ("post", _url("item-done", item.pk)),
        ("post", _url("item-signoff", item.pk)),
        ("post", _url("item-sendback", item.pk)),
        ("get", _url("evidence", progress.pk)),
    ]


@pytest.mark.parametrize("who", ["secretary_b", "member_b", "supervisor_other"])
def test_outsiders_get_404_on_every_url(client, people, ledger, who):
    user = people[who] if who.startswith("supervisor") else people[who].user
    _login(client, user)
    for method, url in _every_url(people, ledger):
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, url, response.status_code)
    assert RectificationItem.objects.get(pk=ledger["mine"].pk).version == 1
    assert Interview.objects.count() == 1


def test_the_interview_page_for_the_secretary(client, people, ledger):
    late = ledger["late"]
    _login(client, people["committee"].user)  # a committee member who is not the secretary
    assert client.get(_url("interview", people["a"].pk)).status_code == 403
    _login(client, people["secretary"].user)
    html = client.get(
        _url("interview", people["a"].pk) + f"?member={people['m2'].pk}&item={late.pk}"
    ).content.decode()
    assert "完成党费收缴台账整理" in html and 'id="interview-form"' in html
    new = TODAY() + datetime.timedelta(days=10)
    response = client.post(
        _url("interview", people["a"].pk),
        {
            "member": str(people["m2"].pk),
            "items": [str(late.pk)],
            "held_on": TODAY().isoformat(),
            "interviewer": "甲书记",
            "said": "督促尽快完成",
            "new_deadline": new.isoformat(),
        },
    )
    assert response.status_code == 302
    late = RectificationItem.objects.get(pk=late.pk)
    assert (late.deadline, late.original_deadline < new) == (new, True)


# --- query counts ---------------------------------------------------------------------------------------


def _fill(people, meeting, n: int) -> None:
    """``n`` items of every kind (open, overdue, awaiting, signed off, committee), in bulk."""
    members = [people["m1"], people["m2"], people["m3"], people["secretary"]]
    problem = ProblemFactory(meeting=meeting, owner=people["m1"], text="批量问题")
    committee_problem = ProblemFactory(meeting=meeting, owner=None, text="批量班子问题")
    now, today = timezone.now(), TODAY()
    rows = []
    for i in range(n):
        kind = i % 5
        deadline = today + datetime.timedelta(days=(i % 40) - 10)
        committee = kind == 4
        status = [
            ItemStatus.NOT_STARTED,
            ItemStatus.IN_PROGRESS,
            ItemStatus.AWAITING_SIGNOFF,
            ItemStatus.SIGNED_OFF,
            ItemStatus.NOT_STARTED,
        ][kind]
        rows.append(
            RectificationItem(
                problem=committee_problem if committee else problem,
                meeting=meeting,
                branch=meeting.branch,
                measure=f"批量措施{i:04d}",
                owner=None if committee else members[i % 4],
                is_committee=committee,
                lead=people["secretary"] if committee else None,
                deadline=deadline,
                original_deadline=deadline - datetime.timedelta(days=i % 2),
                status=status,
                started_at=now if kind in (1, 2, 3) else None,
                done_at=now if kind in (2, 3) else None,
                signed_off_at=now if kind == 3 else None,
                signed_off_by=people["supervisor"] if kind == 3 else None,
                recurring_of=None,
            )
        )
    RectificationItem.objects.bulk_create(rows)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["secretary", "m1", "supervisor"])
@pytest.mark.parametrize("query", ["", "?status=overdue&owner=committee&category=style"])
def test_the_ledger_costs_the_same_queries_at_10_and_1000_items(client, people, who, query):
    meeting = rectifying_meeting(people["a"], days_ago=30)
    _fill(people, meeting, 10)
    user = people[who] if who == "supervisor" else people[who].user
    _login(client, user)
    url = _url("ledger", people["a"].pk) + query
    few = _count(client, url)
    _fill(people, meeting, 990)
    assert RectificationItem.objects.filter(branch=people["a"]).count() == 1000
    many = _count(client, url)
    assert few == many, (few, many)
    assert many <= 16
