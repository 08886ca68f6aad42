"""Roster import: preview, row-by-row errors in Chinese, all or nothing; export imports again."""

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members import services
from members.importing import parse_roster
from members.models import Member
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db

HEADER = "姓名,性别,党员类别,入党日期,支委职务,联系电话,电子邮箱,登录名\n"


@pytest.fixture
def secretary(org_tree, client):
    secretary = MemberFactory(branch=org_tree["a"], name="书记", position="secretary")
    client.force_login(secretary.user)
    return secretary


def _upload(client, branch, content: bytes, name="roster.csv"):
    return client.post(
        reverse("members:roster-import", kwargs={"branch_pk": branch.pk}),
        {"file": SimpleUploadedFile(name, content)},
    )


def test_bad_rows_save_nothing_and_each_is_named(client, org_tree, secretary):
    csv = (
        HEADER
        + "张三,男,正式党员,2010-07-01,,13800000000,,zhangsan\n"  # row 2: fine
        + ",女,正式党员,2011-07-01,,,,\n"  # row 3: no name
        + "李四,男,正式党员,2099-01-01,,,,\n"  # row 4: joined in the future
        + "王五,未知,正式党员,2012-07-01,,,,\n"  # row 5: bad gender
        + "赵六,女,正式党员,2013-07-01,,,not-an-email,\n"  # row 6: bad e-mail
        + "钱七,男,正式党员,2014-07-01,书记,,,\n"  # row 7: branch already has a secretary
    )
    before = Member.objects.count()
    response = _upload(client, org_tree["a"], csv.encode())
    body = response.content.decode()
    assert response.status_code == 200
    for row in (3, 4, 5, 6, 7):
        assert f"第 {row} 行" in body
    assert "第 2 行" not in body
    assert "入党日期不能晚于今天" in body
    assert "未导入任何数据" in body
    assert Member.objects.count() == before
    assert 'name="token"' not in body  # no confirm button while rows are bad


def test_good_file_previews_then_imports_all(client, org_tree, secretary):
    csv = HEADER + "张三,男,正式党员,2010-07-01,,,,zhangsan\n李芳,女,预备党员,2025/06/30,,,,\n"
    response = _upload(client, org_tree["a"], csv.encode())
    assert response.status_code == 200
    assert Member.objects.filter(name__in=["张三", "李芳"]).count() == 0  # preview saves nothing
    token = response.context["token"]
    assert token
    body = response.content.decode()
    assert "预备党员" in body and "<td>女</td>" in body  # labels, not codes
    confirm = client.post(
        reverse("members:roster-import", kwargs={"branch_pk": org_tree["a"].pk}), {"token": token}
    )
    assert confirm.status_code == 302
    li = Member.objects.get(name="李芳")
    assert li.category == "probationary" and li.branch == org_tree["a"]
    assert Member.objects.get(name="张三").user.username == "zhangsan"


def test_service_rolls_back_when_a_late_row_fails(org_tree):
    rows = [
        {"name": "甲", "gender": "男", "joined_on": "2010-01-01"},
        {"name": "乙", "gender": "女", "joined_on": "2010-01-01", "username": "dup"},
        {"name": "丙", "gender": "女", "joined_on": "2010-01-01", "username": "DUP"},
    ]
    with pytest.raises(services.ImportRejected) as exc:
        services.member_import(branch=org_tree["a"], rows=rows)
    assert [e.row for e in exc.value.errors] == [4]
    assert "第 3 行" in exc.value.errors[0].messages[0]
    assert not Member.objects.filter(name__in=["甲", "乙", "丙"]).exists()


def test_gbk_csv_from_chinese_excel(org_tree):
    rows = parse_roster(
        content=(HEADER + "张三,男,,2010-07-01,,,,\n").encode("gbk"), filename="a.csv"
    )
    assert rows[0]["name"] == "张三"


def test_missing_columns_and_unreadable_file(client, org_tree, secretary):
    response = _upload(client, org_tree["a"], "名字,性别\n张三,男\n".encode())
    assert "缺少必需的列" in response.content.decode()
    response = _upload(client, org_tree["a"], b"\x00\x01garbage", name="roster.xlsx")
    assert "无法读取该文件" in response.content.decode()


def test_export_then_import_into_another_branch(client, org_tree, secretary):
    MemberFactory(branch=org_tree["a"], name="导出人", phone="13811112222", user=None)
    response = client.get(reverse("members:roster-export", kwargs={"branch_pk": org_tree["a"].pk}))
    assert response.status_code == 200
    rows = parse_roster(content=response.content, filename="x.xlsx")
    assert rows.first_row == 3  # below the title row and the header
    rows = [r for r in rows if r["name"] == "导出人"]
    created = services.member_import(branch=org_tree["b"], rows=rows)
    assert created[0].phone == "13811112222" and created[0].branch == org_tree["b"]


def _preview_token(client, branch) -> str:
    csv = HEADER + "重放甲,男,正式党员,2010-07-01,,,,\n重放乙,女,正式党员,2011-07-01,,,,\n"
    token = _upload(client, branch, csv.encode()).context["token"]
    assert token
    return token


def test_a_confirmation_posted_twice_imports_once(client, org_tree, secretary):
    """The probe posted the same signed token twice and got every member twice."""
    branch = org_tree["a"]
    token = _preview_token(client, branch)
    url = reverse("members:roster-import", kwargs={"branch_pk": branch.pk})
    first = client.post(url, {"token": token}, follow=True)
    second = client.post(url, {"token": token}, follow=True)
    assert Member.objects.filter(name__startswith="重放").count() == 2
    assert "已导入 2 名党员" in first.content.decode()
    assert second.redirect_chain[-1][0] == reverse("members:roster", args=[branch.pk])
    assert "这份名册已经导入过" in second.content.decode()
    # A new upload of the same file is a new confirmation (the secretary means it).
    client.post(url, {"token": _preview_token(client, branch)})
    assert Member.objects.filter(name__startswith="重放").count() == 4


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_double_click_imports_once(org_tree):
    """Two confirmations of one preview at the same moment: one imports, one is told."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    rows = [{"name": "双击甲", "gender": "男", "joined_on": "2010-01-01"}]
    barrier = threading.Barrier(2)

    def confirm(_n):
        try:
            barrier.wait(timeout=10)
            services.member_import(branch=org_tree["a"], rows=rows, confirmation="same-preview")
            return "imported"
        except services.ImportAlreadyConfirmed:
            return "already"
        finally:
            connection.close()

    with ThreadPoolExecutor(2) as pool:
        results = sorted(pool.map(confirm, range(2)))
    assert results == ["already", "imported"]
    assert Member.objects.filter(name="双击甲").count() == 1


def test_a_name_that_is_a_formula_is_exported_as_text(client, org_tree, secretary):
    """Issue 18, finding 1: tablib wrote it as a live <f> formula."""
    name = '=HYPERLINK("http://evil.example","名")'
    MemberFactory(branch=org_tree["a"], name=name, user=None)
    response = client.get(reverse("members:roster-export", kwargs={"branch_pk": org_tree["a"].pk}))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == name)
    assert cell.data_type == "s" and cell.quotePrefix  # text, and text when edited
    sheet_xml = zipfile.ZipFile(io.BytesIO(response.content)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml
    rows = parse_roster(content=response.content, filename="x.xlsx")
    assert name in [r["name"] for r in rows]  # and it imports back unchanged
