"""The language switch in the navigation bar: a member turns the site to English, walks the
pages of the demo meeting, and turns it back to Chinese. Chinese stays in what people wrote
(names, the theme, opinions); the interface itself — the navigation, headings of the
product's own, buttons and form labels — is English."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import CJK, People, assert_chinese, expect

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

MEMBER = "杨帆"  # member1 in the demo data


def assert_english(page, people: People) -> None:
    expect(page.locator("html")).to_have_attribute("lang", "en")
    nav = page.locator("#nav-main")
    chrome = [
        *nav.locator("a.nav-link, #inbox-link, .dropdown-item").all_inner_texts(),
        # a message's title is stored as it was sent (in Chinese): content, not interface
        *page.locator(
            "main .btn:not(form[action$='/open/'] .btn), main label, main th"
        ).all_inner_texts(),
    ]
    untranslated = [text.strip() for text in chrome if CJK.search(text.replace(MEMBER, ""))]
    assert not untranslated, f"{page.url}: not in English: {untranslated}"
    people.assert_clean()


def test_the_language_switch(people: People, site) -> None:
    me = people.page("member1")
    me.goto("/")
    assert_chinese(me, people)

    me.locator("#lang-select").select_option("en")  # the form submits itself (static/js/app.js)
    expect(me.locator("html")).to_have_attribute("lang", "en")
    expect(me.locator("h1")).to_have_text(f"Hello, {MEMBER}")
    expect(me.locator("#inbox-link")).to_contain_text("Messages")
    assert_english(me, people)

    # the choice stays on every page (a cookie), through the demo meeting's pages
    me.locator("#nav-main a.nav-link").nth(1).click()
    expect(me).to_have_url(re.compile(r"/meetings/$"))
    assert_english(me, people)
    me.locator("main .list-group-item").first.click()
    expect(me).to_have_url(re.compile(r"/meetings/\d+/$"))
    assert_english(me, people)
    for area in (r"/opinions/$", r"/talks/$", r"/drafts/$"):
        me.locator(f"main a[href$='{area[1:-1]}']").first.click()
        expect(me).to_have_url(re.compile(area))
        assert_english(me, people)
        me.go_back()
    me.locator("#inbox-link").click()
    expect(me.locator("main h1")).to_have_text("Messages")
    assert_english(me, people)

    me.locator("#lang-select").select_option("zh-hans")
    expect(me.locator("html")).to_have_attribute("lang", "zh-hans")
    me.goto("/")
    assert_chinese(me, people)
