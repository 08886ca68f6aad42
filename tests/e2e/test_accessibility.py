"""Accessibility (WCAG 2.2 AA) as axe-core sees it, and the keyboard alone.

``test_every_page_kind`` logs in as the secretary (secretary1), a member (member1) and the
supervisor on the demo data and follows every link on every page, one page per kind (the URL
pattern's name and its query's keys) and person, at 1280 px and at 390 px; then the pages that
only actions reach: a form sent with errors (the meeting plan, an opinion, the ballot, the
login), the draft checker's findings after typing, the ballot, the public opinion page, the
503 page (the database "down") and the 404 page. It prints how many violations of each
impact it found (``-s``), writes them to ``test-results/axe-summary.json`` and fails on any
serious or critical one. (The other browser tests scan every page they check as well:
``assert_chinese`` in conftest.py.)

``test_member_path_by_keyboard`` walks one member's path — an opinion, the draft, the ballot —
with Tab, Shift+Tab, Enter, Space and typing only: no click, no mouse.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import Resolver404, resolve

from tests.e2e.axe import BLOCKING, Violation, scan
from tests.e2e.conftest import People, Site, expect, off_loop

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

RESULTS = Path(__file__).resolve().parents[2] / "test-results"
ROLES = ("secretary1", "member1", "supervisor")
# Not pages: signing out, switching language (POST only), the Django admin, files.
SKIP = re.compile(r"^/(accounts/logout|i18n/|admin/|static/|media/)")
PER_ROLE = 80  # page kinds per person, a bound on the run's time


def _kind(url: str) -> str | None:
    parts = urlsplit(url)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    keys = sorted(
        {k for k, _v in parse_qsl(parts.query, keep_blank_values=True)}
        - {"page", "after", "before"}
    )
    return match.view_name + (f"?{'&'.join(keys)}" if keys else "")


class Survey:
    """What the scan found, by page kind and person."""

    def __init__(self) -> None:
        self.pages: list[tuple[str, str, str]] = []  # (who, kind, url)
        self.violations: list[tuple[str, str, Violation]] = []

    def scan(self, page, who: str, kind: str) -> None:
        started = time.monotonic()
        self.pages.append((who, kind, page.url))
        found = scan(page)
        self.violations.extend((who, kind, v) for v in found)
        rules = Counter(f"{v.rule}/{v.impact}" for v in found)
        print(f"[axe] {who} {kind}: {dict(rules)} ({time.monotonic() - started:.1f}s)", flush=True)

    def blocking(self) -> list[tuple[str, str, Violation]]:
        return [row for row in self.violations if row[2].impact in BLOCKING]

    def summary(self) -> dict:
        by_rule: dict[str, Counter] = defaultdict(Counter)
        for _who, _kind, v in self.violations:
            by_rule[v.rule][v.impact] += 1
        return {
            "pages scanned (each at 1280 px and 390 px)": len(self.pages),
            "page scans": 2 * len(self.pages),
            "violations by impact": dict(Counter(v.impact for _w, _k, v in self.violations)),
            "by rule": {rule: dict(c) for rule, c in sorted(by_rule.items())},
            "pages": [f"{who} {kind} {url}" for who, kind, url in self.pages],
            "serious or critical": [
                f"[{who}] {kind}: {v.line()}" for who, kind, v in self.blocking()
            ],
        }


def _html(page, url: str) -> bool:
    """Whether ``url`` is a page (not a file download), asked with the person's cookies."""
    response = page.request.get(url, max_redirects=0)
    return response.ok and response.headers.get("content-type", "").startswith("text/html")


def crawl(people: People, survey: Survey, who: str, seen: set[str]) -> None:
    """Follow every link from the home page, once per page kind."""
    page = people.page(None if who == "(public)" else who)
    site = people.site
    queue = ["/"]
    visited: set[str] = set()
    while queue and len([k for k in seen if k.startswith(f"{who} ")]) < PER_ROLE:
        url = queue.pop(0)
        parts = urlsplit(url)
        if parts.netloc not in ("", site.netloc) or SKIP.match(parts.path):
            continue
        kind = _kind(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if kind is None or path in visited or f"{who} {kind}" in seen:
            continue
        visited.add(path)
        if not _html(page, path):
            continue
        seen.add(f"{who} {kind}")
        page.goto(path)
        survey.scan(page, who, kind)
        hrefs = page.eval_on_selector_all(
            "a[href]", "els => els.map(e => new URL(e.getAttribute('href'), location.href).href)"
        )
        queue.extend(h.split("#")[0] for h in hrefs if h.startswith(site.url))


def _demo_evaluation_voting() -> None:
    """The demo meeting's democratic evaluation, open for ballots (as the committee would)."""
    from meetings.models import Meeting
    from meetings.services.evaluation import evaluation_open, voting_start
    from members.models import Member

    secretary = Member.objects.select_related("user").get(user__username="secretary1")
    meeting = Meeting.objects.filter(branch=secretary.branch).order_by("pk").first()
    evaluation = evaluation_open(meeting=meeting, by=secretary.user)
    voting_start(evaluation=evaluation, by=secretary.user)


def _public_opinion_path() -> str:
    from django.utils import timezone

    from meetings.models import OpinionWindow

    window = OpinionWindow.objects.filter(public_enabled=True, ends_at__gt=timezone.now()).first()
    return f"/meetings/o/{window.public_token}/"


def after_actions(people: People, survey: Survey, monkeypatch) -> None:
    """Pages that only an action reaches."""
    sec = people.page("secretary1")
    sec.goto("/meetings/")
    sec.get_by_role("link", name=re.compile("制定方案")).first.click()
    sec.get_by_role("button", name="保存方案").click()
    expect(sec.locator(".is-invalid").first).to_be_visible()
    survey.scan(sec, "secretary1", "action: the meeting plan sent with errors")

    me = people.page("member1")
    me.goto("/")
    me.locator("main a", has_text="提出意见").first.click()
    me.get_by_role("button", name="提交意见").click()
    expect(me.locator(".is-invalid, .invalid-feedback").first).to_be_visible()
    survey.scan(me, "member1", "action: an opinion sent empty")

    me.goto("/")
    me.locator("main a", has_text="对照检查材料").first.click()
    me.locator("#draft-actions").get_by_role("link", name="修改", exact=True).click()
    measure = me.locator("[name='measures-0-text']")
    measure.fill("")
    measure.press_sequentially("进一步增强服务意识,争取尽快改正", delay=20)
    # the findings of the whole text (争取 is near its end), settled: no check on its way
    expect(me.locator("#findings [data-rule=vague] mark", has_text="争取").first).to_be_visible()
    expect(me.locator("#findings")).not_to_have_attribute("aria-busy", "true")
    survey.scan(me, "member1", "action: the draft checker's findings after typing")

    off_loop(_demo_evaluation_voting)
    me.goto("/")
    me.locator("main a", has_text="参加民主评议投票").first.click()
    expect(me.locator("#ballot")).to_be_visible()
    survey.scan(me, "member1", "action: the ballot")
    me.locator("#ballot button").last.click()  # nothing chosen: the form comes back
    expect(me.locator("#ballot .alert-danger")).to_be_visible()
    survey.scan(me, "member1", "action: the ballot sent incomplete")

    public = people.page()
    public.goto(off_loop(_public_opinion_path))
    survey.scan(public, "(public)", "action: the public opinion page")
    public.get_by_role("button", name="提交意见").click()
    expect(public.locator(".is-invalid, .invalid-feedback").first).to_be_visible()
    survey.scan(public, "(public)", "action: the public opinion sent empty")
    public.goto("/accounts/login/")
    survey.scan(public, "(public)", "login")
    public.locator("#id_username").fill("member1")
    public.locator("#id_password").fill("not-the-password")
    public.locator("main form button").click()
    expect(public.locator(".alert-danger, .invalid-feedback").first).to_be_visible()
    survey.scan(public, "(public)", "action: the login with a wrong password")

    me.goto("/meetings/999999/")
    survey.scan(me, "member1", "the 404 page")

    from django.db import OperationalError

    from members.views import HomeView

    def down(*args, **kwargs):
        raise OperationalError("the database is down (a test)")

    monkeypatch.setattr(HomeView, "get", down)
    me.goto("/")
    expect(me.locator("h1")).to_have_text("服务暂时不可用")
    survey.scan(me, "member1", "the 503 page")
    monkeypatch.undo()
    # the 404 and the 503 were wanted here
    people.problems = [p for p in people.problems if not re.search(r"\b(404|503)\b", p)]


def test_every_page_kind(people: People, site: Site, monkeypatch) -> None:
    survey = Survey()
    seen: set[str] = set()
    # ORGLIFE_AXE_ROLES="" skips the crawl (the pages after actions only), for a quick look.
    roles = os.environ.get("ORGLIFE_AXE_ROLES", ",".join(ROLES)).split(",")
    try:
        for who in filter(None, roles):
            crawl(people, survey, who, seen)
        after_actions(people, survey, monkeypatch)
    finally:
        summary = survey.summary()
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "axe-summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1))
    people.assert_clean()
    print(
        "\n[axe] "
        + json.dumps({k: summary[k] for k in list(summary)[:4]}, ensure_ascii=False, indent=1)
    )
    blocking = summary["serious or critical"]
    assert not blocking, f"{len(blocking)} serious/critical:\n" + "\n".join(blocking[:60])


# --- the keyboard alone ----------------------------------------------------------------------

FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {visible: true, html: "body"};
  // A date field: Chromium highlights the focused part (year, month, day) itself.
  if (el.matches("input[type=date], input[type=time], input[type=datetime-local]")) {
    return {visible: true, html: el.outerHTML.slice(0, 160)};
  }
  const shown = el.matches(".btn-check") ? el.nextElementSibling : el;
  const cs = getComputedStyle(shown);
  const visible = (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0)
    || cs.boxShadow !== "none";
  return {visible, html: el.outerHTML.slice(0, 160)};
}"""


def tab_to(page, target, *, limit: int = 250) -> None:
    """Press Tab until the focus is on ``target`` (a CSS selector or a locator); at every
    stop the focus must be visible."""
    wanted = page.locator(target) if isinstance(target, str) else target
    for _ in range(limit):
        page.keyboard.press("Tab")
        where = page.evaluate(FOCUS)
        assert where["visible"], f"{page.url}: the focus is invisible on {where['html']}"
        if wanted.evaluate_all("els => els.includes(document.activeElement)"):
            return
    raise AssertionError(f"{page.url}: {limit} presses of Tab never reached {wanted}")


def press_enter_to_load(page) -> None:
    """Enter on a focused link or submit button, and wait for the page it opens."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def assert_no_focus_trap(page, *, limit: int = 400) -> None:
    """Tab from the top goes through the whole page and out of it (back to the start)."""
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    first = None
    for _ in range(limit):
        page.keyboard.press("Tab")
        here = page.evaluate("() => document.activeElement && document.activeElement.outerHTML")
        if first is None:
            first = here
        elif here == first or page.evaluate("() => document.activeElement === document.body"):
            return
    raise AssertionError(f"{page.url}: the focus is trapped ({limit} presses of Tab)")


def test_member_path_by_keyboard(people: People, site: Site) -> None:
    off_loop(_demo_evaluation_voting)
    me = people.page("member1")
    me.goto("/")

    # the skip link is the first stop, and takes the focus past the navigation
    me.keyboard.press("Tab")
    expect(me.locator(".skip-link")).to_be_focused()
    expect(me.locator(".skip-link")).to_be_visible()
    me.keyboard.press("Enter")
    expect(me.locator("main")).to_be_focused()
    assert_no_focus_trap(me)

    # the account menu (a dropdown) opens with Enter and gives the focus back on Escape
    me.goto("/")
    tab_to(me, ".navbar .dropdown-toggle")
    me.keyboard.press("Enter")
    expect(me.locator(".dropdown-menu")).to_be_visible()
    me.keyboard.press("Escape")
    expect(me.locator(".dropdown-menu")).to_be_hidden()
    expect(me.locator(".navbar .dropdown-toggle")).to_be_focused()

    # 1. an opinion: sent empty first — the focus lands on the field that needs text
    tab_to(me, "main a[href$='/opinions/']")
    press_enter_to_load(me)
    expect(me.locator("main h1")).to_contain_text("征求意见")
    tab_to(me, me.locator("main form").get_by_role("button", name="提交意见"))
    press_enter_to_load(me)
    field = me.locator("textarea[aria-invalid='true']").first
    expect(field).to_be_focused()
    assert me.evaluate(
        "el => (el.getAttribute('aria-describedby') || '').split(' ')"
        ".some(id => document.getElementById(id)?.textContent.trim())",
        field.element_handle(),
    ), "the error message is not tied to the field"
    me.keyboard.type("希望支委会多到一线听取群众意见。")
    tab_to(me, me.locator("main form").get_by_role("button", name="提交意见"))
    press_enter_to_load(me)
    expect(me.locator(".alert-success.alert-dismissible")).to_contain_text("意见已提交")

    # 2. the draft: the checker's findings arrive while typing, and are announced
    me.goto("/")
    tab_to(me, me.locator("main a", has_text="对照检查材料"))
    press_enter_to_load(me)
    tab_to(me, me.locator("#draft-actions").get_by_role("link", name="修改", exact=True))
    press_enter_to_load(me)
    tab_to(me, "[name='measures-0-text']")
    me.keyboard.press("Control+A")
    me.keyboard.type("进一步增强服务意识,争取尽快改正", delay=20)
    expect(me.locator("#findings [data-rule=vague]").first).to_be_visible()
    expect(me.locator("#live-status")).to_contain_text("系统发现")
    tab_to(me, ".draft-side")  # the side panel scrolls: it takes the focus, arrows scroll it
    tab_to(me, "#draft-form button[value=save]")
    press_enter_to_load(me)
    expect(me.locator(".alert-success.alert-dismissible")).to_be_visible()

    # 3. the ballot: a grade for everyone with Tab and Space, cast with Enter (confirmed)
    me.goto("/")
    tab_to(me, me.locator("main a", has_text="参加民主评议投票"))
    press_enter_to_load(me)
    groups = me.locator("#ballot [role=radiogroup]")
    expect(groups.first).to_be_visible()
    for i in range(groups.count()):
        tab_to(me, f"#ballot fieldset:nth-of-type({i + 1}) input[type=radio]")
        me.keyboard.press("ArrowRight")  # from 优秀 to 合格
        me.keyboard.press("Space")
    expect(me.locator("#ballot input[type=radio]:checked")).to_have_count(groups.count())
    tab_to(me, "#ballot button")
    press_enter_to_load(me)  # after the confirmation (accepted: conftest.People)
    expect(me.locator(".alert-success.alert-dismissible")).to_contain_text("您的选票已投出")
    assert people.dialogs, "casting the ballot asks for a confirmation first"
