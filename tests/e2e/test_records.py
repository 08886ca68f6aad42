"""The member's record in the browser, on the demo data: the supervisor asks for the members
graded below 合格, opens 韩冬梅's record, exports it (.docx) and sees the export listed; a
member opens their own record from the home page on a phone."""

from __future__ import annotations

import re

import pytest
from docx import Document

from tests.e2e.conftest import People, assert_chinese, expect, off_loop, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.postgres]


def test_the_supervisor_finds_a_member_and_exports_the_record(people: People, site) -> None:
    sup = people.page("supervisor")
    sup.goto("/")
    sup.locator("#records-query-link").click()
    expect(sup).to_have_url(re.compile(r"/records/query/$"))
    assert_chinese(sup, people)
    sup.locator("#id_condition").select_option("grade")
    sup.locator("#query-form button").click()
    rows = sup.locator("#query-results tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("韩冬梅")
    expect(rows.first).to_contain_text("民主评议:基本合格 1 次")
    screenshot(sup, site, "records-query")

    rows.first.locator("a").click()
    expect(sup.locator("h1")).to_have_text("韩冬梅的组织生活纪实")
    expect(sup.locator("#record-years")).to_contain_text("评议:基本合格")
    assert_chinese(sup, people)
    with sup.expect_download() as download:
        sup.locator("#record-docx").click()
    doc = Document(str(download.value.path()))
    assert doc.paragraphs[0].text == "党员组织生活纪实表"
    sup.reload()
    expect(sup.locator("#record-exports")).to_contain_text("导出")
    screenshot(sup, site, "records-member")


def test_a_member_opens_their_own_record_on_a_phone(people: People, site) -> None:
    me = people.page("member1", phone=True)
    me.goto("/")
    me.locator("#my-record-link").click()
    expect(me.locator("h1")).to_have_text("杨帆的组织生活纪实")
    assert_chinese(me, people)
    width = me.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the record is wider than the phone: {width}px"
    screenshot(me, site, "phone-records")


def _transfer_song() -> None:
    """组织关系转接 on the demo: 宋德华 (an overdue item) moves from the third branch to the
    first, as the admin's "组织关系转接" or the service would record it."""
    from members.models import Member, Organization
    from members.services import member_transfer

    song = Member.objects.get(name="宋德华", is_active=True)
    member_transfer(
        member=song, to_branch=Organization.objects.get(name="城关镇机关第一党支部"), by=None
    )


def test_a_transferred_members_record_keeps_the_earlier_branch(people: People, site) -> None:
    off_loop(_transfer_song)
    sup = people.page("supervisor")
    sup.goto("/records/query/?condition=overdue")
    row = sup.locator("#query-results tbody tr", has_text="宋德华")
    expect(row).to_contain_text("已转至 城关镇机关第一党支部")
    row.locator("a").click()
    expect(sup.locator("h1")).to_have_text("宋德华的组织生活纪实")
    expect(sup.locator("#record-transfers")).to_contain_text(
        "由 城关镇机关第三党支部 转入 城关镇机关第一党支部"
    )
    expect(sup.locator(".record-meeting").first).to_contain_text("城关镇机关第三党支部")
    expect(sup.locator(".record-items tr.table-danger").first).to_be_visible()
    assert_chinese(sup, people)
    screenshot(sup, site, "records-transferred")
