"""The reviewer holds a draft against what its author handed in last time, in a real browser
on the demo data: the secretary reviewing 赵敏's submitted draft sees last year's problem
beside this year's — as the checker's 老问题重提 finding and in the "last time" panel — at
desktop and phone width, with no serious or critical accessibility violation."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import People, Site, assert_chinese, expect, off_loop, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

LAST_YEAR = "碰到跨部门的事习惯往外推,怕担责任"


def _review_path() -> str:
    from meetings.models import Draft

    draft = Draft.objects.get(author__name="赵敏", status="submitted")
    return f"/meetings/drafts/{draft.pk}/review/"


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_the_reviewer_sees_last_years_problems_beside_the_draft(
    people: People, site: Site, phone: bool
) -> None:
    path = off_loop(_review_path)
    page = people.page("secretary1", phone=phone)
    page.goto(path)
    panel = page.locator("#last-time")
    expect(panel.get_by_role("heading")).to_have_text("该党员上次查摆的问题")
    expect(panel.locator("li")).to_have_count(1)
    expect(panel.locator("li").first).to_contain_text(LAST_YEAR)
    panel.scroll_into_view_if_needed()
    expect(panel).to_be_in_viewport()
    if phone:
        box = panel.bounding_box()
        assert box is not None and box["width"] <= 390, box  # no sideways scrolling
        screenshot(page, site, "review-last-time-phone")
    findings = page.locator("#findings")
    expect(findings).to_contain_text("老问题重提")
    expect(findings).to_contain_text(LAST_YEAR)
    assert_chinese(page, people)
