"""The whole cycle in a real browser, as each person lives it.

One test walks a new meeting of 城关镇机关第一党支部 from plan to overdue reminders: the
secretary (secretary1, 王建国), two members (member1 杨帆, member6 赵敏), someone from the
public with the opinion link and no account, and the supervisor above (supervisor). Every
step goes through the pages; only loading the demo data, the Celery worker and, in the last
step, the clock (``time_machine``) and the reminder sweep (Celery beat's job) are done from
here. Each page checked is in Chinese, loads nothing from outside the server and logs no
console error (tests/e2e/conftest.py). A second, shorter test switches to English and back.

The meeting is NEW, not the demo's: the demo meeting already has opinions, talks and drafts
by other hands, so a readiness checklist completed on it would not show that these pages
can complete one. Three attendees (the secretary and two members) keep every list short
while each rule still applies: the secretary talks with both, the two members with each
other; each writes a draft, the secretary's own draft and the committee's go to the
supervisor; three ballots are the fewest whose tally is shown.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import re
import time
from collections import Counter
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone

from tests.e2e.conftest import (
    People,
    Site,
    assert_chinese,
    expect,
    login,
    off_loop,
    screenshot,
)

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

THEME = "以学铸魂、以学增智、以学正风、以学促干"
PLACE = "机关四楼小会议室"
READING = "《习近平著作选读》第一卷"
BRANCH = "城关镇机关第一党支部"
SECRETARY, MEMBER, OTHER = "王建国", "杨帆", "赵敏"
ATTENDEES = (SECRETARY, MEMBER, OTHER)
DONE = ".alert-success.alert-dismissible"  # the message a page shows after an action
USERS = {SECRETARY: "secretary1", MEMBER: "member1", OTHER: "member6"}
RESULTS = Path(__file__).resolve().parents[2] / "test-results"
# Page loads + form submissions for the whole cycle. Measured 78 + 34 = 112 before opinions and
# criticism became problems by themselves and 转入整改 proposed every item on one page; now
# see README ("The secretary's cycle, counted"). A change that adds steps must raise this.
SECRETARY_BUDGET = 76  # measured: 45 page loads + 31 form submissions
LOGINS = ("secretary1", "member1", "member6", "supervisor")


class Cycle:
    """What the steps share: the people, the site, and the meeting once it exists."""

    def __init__(self, people: People, site: Site):
        self.people = people
        self.site = site
        self.meeting = 0
        self.today = timezone.localdate()
        self.secretary_steps: list[tuple[str, Counter]] = []
        self.receipts: dict[str, str] = {}  # receipt codes, as their holders copied them

    def page(self, name: str):
        return self.people.page(USERS.get(name, name))

    def check(self, page) -> None:
        """Chinese, no console error (so no CSP violation), one message at most, and people
        shown by name, never by login."""
        assert_chinese(page, self.people)
        assert page.locator("main .alert-dismissible").count() <= 1, page.url
        text = page.locator("body").inner_text()
        for username in LOGINS:
            assert username not in text, f"{page.url} shows the login {username!r}"

    def shot(self, page, name: str) -> None:
        screenshot(page, self.site, name)

    def day(self, days: int) -> str:
        return (self.today + datetime.timedelta(days=days)).isoformat()


@contextlib.contextmanager
def step(c: Cycle, title: str):
    """Print how long each step took and what it took of the secretary (``-s`` shows it)."""
    started = time.monotonic()
    before = Counter(c.people.counts[USERS[SECRETARY]])
    yield
    spent = c.people.counts[USERS[SECRETARY]] - before
    c.secretary_steps.append((title, spent))
    print(f"\n[e2e] {title}: {time.monotonic() - started:.1f}s; secretary {dict(spent)}")


def _meeting_pk(url: str) -> int:
    match = re.search(r"/meetings/(\d+)/", url)
    assert match, url
    return int(match.group(1))


def open_meeting(page) -> None:
    """From the home page, through 组织生活会 in the navigation, to the meeting."""
    page.goto("/")
    page.locator("#nav-main").get_by_role("link", name="组织生活会", exact=True).click()
    page.locator("main .list-group-item", has_text=THEME).click()
    expect(page.locator("main h1")).to_have_text(THEME)


def open_area(page, name: str) -> None:
    """One of the meeting's areas (学习研讨, 征求意见 …), from its button on the meeting page."""
    open_meeting(page)
    page.locator("main").get_by_role("link", name=name, exact=True).first.click()


def back_to_meeting(page) -> None:
    """From a page of the meeting, back to it through the breadcrumb (as people do)."""
    page.locator(".breadcrumb").get_by_role("link", name=THEME).click()
    expect(page.locator("main h1")).to_have_text(THEME)


def to_area(page, name: str) -> None:
    """From a page of the meeting (or the meeting page), to another of its areas."""
    if page.locator("main h1").inner_text().strip() != THEME:
        back_to_meeting(page)
    page.locator("main").get_by_role("link", name=name, exact=True).first.click()


def follow_todo(c: Cycle, page, link: str) -> None:
    """Follow a link in the home page's to-do card for this meeting."""
    page.goto("/")
    page.locator(f"[data-todo-meeting='{c.meeting}']").get_by_role("link", name=link).click()


def selected(select):
    return select.locator("option:checked")


def _open_notification(page, *, containing: str) -> None:
    """Open the message (in the inbox) whose title or text contains ``containing``."""
    page.locator("#inbox-link").click()
    item = page.locator("main li.list-group-item", has_text=containing)
    expect(item).to_have_count(1)
    item.locator("button").click()


# --- 1. plan, send up, approve --------------------------------------------------------------


def plan_the_meeting(c: Cycle) -> None:
    sec = c.page(SECRETARY)
    response = sec.goto("/")
    # A strict policy is in force, so "no console error" also means "no CSP violation".
    assert "script-src 'self'" in response.headers["content-security-policy"]
    c.check(sec)
    sec.locator("#nav-main").get_by_role("link", name="组织生活会", exact=True).click()
    sec.get_by_role("link", name=f"为{BRANCH}制定方案").click()
    expect(sec.locator("h1")).to_contain_text("制定组织生活会方案")
    c.check(sec)
    sec.locator("#id_theme").fill(THEME)
    starts = timezone.localtime() + datetime.timedelta(days=3)
    sec.locator("#id_starts_at").fill(starts.strftime("%Y-%m-%dT09:30"))
    sec.locator("#id_place").fill(PLACE)
    sec.locator("#id_upper_org_attends").check()
    sec.locator("#id_readings").fill(READING)
    boxes = sec.locator("input[name=attendees]")
    for i in range(boxes.count()):
        box = boxes.nth(i)
        name = sec.locator(f"label[for='{box.get_attribute('id')}']").inner_text().strip()
        box.set_checked(name in ATTENDEES)
    sec.get_by_role("button", name="保存方案").click()
    expect(sec.locator(DONE)).to_contain_text("方案已保存")
    c.meeting = _meeting_pk(sec.url)
    expect(sec.locator("#meeting-status")).to_have_text("筹备")
    # the notice waits for the approval: no button before
    expect(sec.get_by_role("button", name="发出会议通知")).to_have_count(0)
    sec.get_by_role("button", name="报送上级审批").click()
    expect(sec.locator(DONE)).to_contain_text("方案已报送上级党组织审批")
    expect(sec.get_by_role("button", name="发出会议通知")).to_have_count(0)
    expect(sec.locator("#schedule-waits")).to_contain_text("待上级党组织审批")
    c.check(sec)

    sup = c.page("supervisor")
    sup.goto("/")
    _open_notification(sup, containing=THEME)
    expect(sup).to_have_url(re.compile(rf"/meetings/{c.meeting}/$"))
    c.check(sup)
    decision = sup.locator("#plan-decision")
    decision.get_by_label("审批意见").fill("同意。请把查摆问题与岗位职责结合起来。")
    decision.get_by_role("button", name="批准方案").click()
    expect(sup.locator(DONE)).to_contain_text("已批准该方案")
    c.check(sup)

    sec.reload()
    expect(sec.locator("#readiness [data-key=plan]")).to_have_attribute("data-done", "1")
    sec.get_by_role("button", name="发出会议通知").click()  # confirmed: says what follows
    expect(sec.locator("#meeting-status")).to_have_text("会前准备")
    assert "会议通知" in c.people.dialogs[-1]
    expect(sec.locator("#plan-reviews")).to_contain_text("组织部审核员 批准")
    c.check(sec)

    # Study (学习研讨) is on the readiness list: one session covering the reading.
    sec.locator("main").get_by_role("link", name="学习研讨", exact=True).click()
    sec.locator("#id_held_on").fill(c.day(0))
    sec.locator("#id_topic").fill("集中学习规定书目,逐人交流体会")
    sec.get_by_label(READING).check()
    for name in ATTENDEES:
        sec.get_by_label(name, exact=True).check()
    sec.locator("#id_notes").fill("围绕以学促干逐人发言。")
    sec.get_by_role("button", name="保存").click()
    expect(sec.locator(DONE)).to_contain_text("学习记录已保存")
    c.check(sec)


# --- 2. opinions: members, anonymous, the public; sorted after the window closes -------------


MEMBER_OPINION = "支委会开会前征求意见不够,有些决定党员事后才知道。"
ANONYMOUS_OPINION = "支部书记布置任务多,听取党员想法少,希望多一些商量。"
PUBLIC_OPINION = "社区窗口周末无人值守,群众办事要跑两趟,希望安排轮值。"


def give_opinions(c: Cycle) -> None:
    sec = c.page(SECRETARY)
    to_area(sec, "征求意见")
    form = sec.locator("form.js-window-form")
    form.get_by_label("征求对象").select_option("committee")
    form.get_by_label("允许群众通过链接提意见").check()
    form.get_by_role("button", name="开启").click()
    expect(sec.locator(DONE)).to_contain_text("已开启对“支部委员会”的征求意见")
    c.check(sec)
    sec.locator("#windows a", has_text="支部委员会").click()
    public_link = sec.locator("#public-link").input_value()
    c.check(sec)

    # member1, signed, from the to-do list on their home page
    me = c.page(MEMBER)
    me.goto("/")
    todo = me.locator(f"[data-todo-meeting='{c.meeting}']")
    expect(todo).to_contain_text(THEME)
    c.check(me)
    c.shot(me, "member-home")
    todo.get_by_role("link", name="对“支部委员会”提出意见").click()
    c.check(me)
    me.get_by_label("意见内容").fill(MEMBER_OPINION)
    me.get_by_role("button", name="提交意见").click()
    expect(me.locator(DONE)).to_contain_text("意见已提交")
    expect(me.locator("#receipt-code")).to_have_value(
        re.compile(r"^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$")
    )  # shown once, with a copy button
    expect(me.locator("#receipt .js-copy")).to_be_visible()
    expect(me.locator("main")).to_contain_text(MEMBER_OPINION)  # 我提的署名意见
    c.check(me)

    # member6, anonymous: the same form and the same answer
    other = c.page(OTHER)
    follow_todo(c, other, "对“支部委员会”提出意见")
    other.get_by_label("意见内容").fill(ANONYMOUS_OPINION)
    other.get_by_label("无记名").check()
    other.get_by_role("button", name="提交意见").click()
    expect(other.locator(DONE)).to_contain_text("意见已提交")
    expect(other.locator("main")).not_to_contain_text(ANONYMOUS_OPINION)  # not "mine"
    c.receipts["anonymous"] = other.locator("#receipt-code").input_value()
    c.check(other)

    # someone from the public, logged out, through the link
    public = c.people.page()
    public.goto(public_link)
    expect(public.locator("#nav-main")).to_contain_text("登录")
    c.check(public)
    public.get_by_label("意见内容").fill(PUBLIC_OPINION)
    public.get_by_role("button", name="提交意见").click()
    expect(public.locator(DONE)).to_contain_text("意见已收到")
    c.receipts["public"] = public.locator("#receipt-code").input_value()
    c.check(public)

    # the secretary closes the window early, then sorts every opinion
    sec.reload()
    expect(sec.locator(".alert-info")).to_contain_text("征求截止前不显示意见内容")
    sec.get_by_role("button", name="提前截止").click()
    expect(sec.locator(DONE)).to_contain_text("已截止征求意见")
    expect(sec.locator("#summary")).to_contain_text("署名 1 条,无记名 2 条;待梳理 3 条")
    signed = sec.locator(".opinion", has_text=MEMBER_OPINION)
    anonymous = sec.locator(".opinion", has_text=ANONYMOUS_OPINION)
    public_row = sec.locator(".opinion", has_text=PUBLIC_OPINION)
    expect(signed.locator(".opinion-author")).to_have_text(MEMBER)
    expect(anonymous).not_to_contain_text(OTHER)  # nobody can tell who wrote it
    expect(anonymous.locator(".opinion-author")).to_have_count(0)
    c.check(sec)
    for row, choice, note in (
        (signed, "采纳为问题", "列入班子问题"),
        (anonymous, "采纳为问题", "列入班子问题,书记带头整改"),
        (public_row, "不予采纳", "属社区工作,已转社区居委会"),
    ):
        row.get_by_placeholder("梳理说明(可不填)").fill(note)
        row.get_by_role("button", name=choice).click()  # htmx swaps the row in place
        expect(row.locator(".badge", has_text=choice.replace("为问题", ""))).to_be_visible()
    sec.reload()
    expect(sec.locator("#summary")).to_contain_text("待梳理 0 条")
    c.check(sec)
    back_to_meeting(sec)
    expect(sec.locator("#readiness [data-key=opinions]")).to_have_attribute("data-done", "1")
    c.check(sec)

    # whoever gave one follows it with the code alone: not logged in, no account
    public.goto("/rectification/receipt/")  # the page the receipt linked to, bookmarked
    public.get_by_label("回执码").fill(c.receipts["public"].lower())
    public.get_by_role("button", name="查询").click()
    expect(public.locator("#receipt-stage")).to_contain_text("已梳理,未采纳为问题")
    expect(public.locator("#receipt-answer")).to_contain_text("属社区工作,已转社区居委会")
    c.check(public)


# --- 3. heart-to-heart talks until the coverage matrix is complete ---------------------------


def record_talks(c: Cycle) -> None:
    sec = c.page(SECRETARY)
    to_area(sec, "谈心谈话")
    sec.get_by_role("button", name="生成谈心谈话计划").click()
    expect(sec.locator(DONE)).to_contain_text("新增 3 次必谈")
    expect(sec.locator("#talk-summary")).to_contain_text("必谈 3 次,已谈 0 次")
    c.check(sec)
    secretary_row = sec.locator("#talk-matrix tbody tr", has_text=SECRETARY)
    secretary_row.locator(f"td[title='{MEMBER}'] a").click()  # the ○ of the pair
    for partner, topic in (
        (MEMBER, "交流学习体会,提醒他查摆问题要举实例"),
        (OTHER, "听取她对支委会工作的意见"),
    ):
        record = sec.locator("#record")
        # 谈话人 stays from one record to the next; only the partner changes
        expect(selected(record.get_by_label("谈话人"))).to_contain_text(SECRETARY)
        record.get_by_label("谈话对象").select_option(label=partner)
        record.get_by_label("谈了什么").fill(topic)
        record.get_by_label("谈话结果").fill("对方表示将结合岗位实际查摆问题。")
        record.get_by_role("button", name="保存").click()
        expect(sec.locator(DONE)).to_contain_text(f"与 {partner} 的谈心谈话")
    expect(sec.locator("#talk-summary")).to_contain_text("必谈 3 次,已谈 2 次")
    expect(sec.locator("#talk-pending")).to_contain_text(OTHER)

    # the two members record their own talk, from member1's to-do list
    me = c.page(MEMBER)
    follow_todo(c, me, f"与{OTHER}谈心谈话")
    expect(me.locator("h1")).to_have_text("我的谈心谈话")
    c.check(me)
    me.locator("#own-pending li", has_text=OTHER).get_by_role("link", name="登记").click()
    record = me.locator("#record")
    record.get_by_label("谈了什么").fill("互相指出不足:我办事拖沓,她遇难题有畏难情绪")
    record.get_by_role("button", name="保存").click()
    expect(me.locator(DONE)).to_contain_text(f"已登记 {MEMBER} 与 {OTHER} 的谈心谈话")
    expect(me.locator("#own-held")).to_contain_text(OTHER)

    sec.reload()
    expect(sec.locator("#talk-summary")).to_contain_text("必谈已全部完成")
    expect(sec.locator("main")).to_contain_text("每个人的必谈都已完成。")
    expect(sec.locator("#talk-matrix td.text-success")).to_have_count(6)  # 3 pairs, both ways
    c.check(sec)
    sec.locator("h2", has_text="还有谁没谈").evaluate(
        "el => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 16)"
    )
    c.shot(sec, "talk-matrix")


# --- 4. drafts: written with the checker, returned, revised, approved ------------------------


VAGUE_MEASURE = "进一步增强服务意识,争取尽快改正"
FIRM_MEASURE = "群众来件当日登记、三个工作日内答复,每月底向支部报告办理情况"


def _fill_draft(page, *, category: str, problem: str, example: str, measure: str, deadline: str):
    """Write a draft on its edit page (one problem, one measure) and submit it."""
    page.get_by_label("学习收获").fill("通过学习,认识到调查研究是做好工作的基本功。")
    page.locator("[name='problems-0-category']").select_option(category)
    page.locator("[name='problems-0-text']").fill(problem)
    page.locator("[name='problems-0-example']").fill(example)
    page.get_by_label("思想意识").fill("宗旨意识淡化,满足于按部就班。")
    page.locator("[name='measures-0-text']").fill(measure)
    page.locator("[name='measures-0-problem']").select_option("1")
    page.locator("[name='measures-0-deadline']").fill(deadline)
    page.get_by_label("努力方向").fill("把整改措施一项项落到实处。")
    page.get_by_role("button", name="保存并提交").click()
    expect(page.locator(DONE)).to_contain_text("已提交第 1 稿")


def write_drafts(c: Cycle) -> None:
    me = c.page(MEMBER)
    follow_todo(c, me, "撰写对照检查材料")
    me.get_by_role("button", name="开始撰写").click()
    expect(me.locator("#findings-none")).to_be_visible()
    c.check(me)
    me.get_by_label("学习收获").fill("通过学习,认识到为群众办实事要从每一件来信来访做起。")
    me.locator("[name='problems-0-category']").select_option("style")
    me.locator("[name='problems-0-text']").fill("服务群众意识不强,办事拖沓")
    me.locator("[name='problems-0-example']").fill("10月一件低保复核材料,拖了两周才答复。")
    me.get_by_label("思想意识").fill("宗旨意识淡化,把群众的事当成分外事。")
    # The measure is typed the way many first drafts are; the checker answers as they type.
    measure = me.locator("[name='measures-0-text']")
    measure.press_sequentially(VAGUE_MEASURE, delay=30)
    findings = me.locator("#findings")
    expect(findings).to_contain_text("弹性表述")
    expect(findings.locator("[data-rule=vague]")).not_to_have_count(0)  # 进一步, 争取, 尽快
    expect(findings.locator("[data-rule=vague]").first).to_contain_text("进一步")
    expect(findings.locator("[data-rule=no_deadline]")).to_have_count(1)
    c.check(me)
    c.shot(me, "draft-checker")
    measure.fill("")
    measure.press_sequentially(FIRM_MEASURE, delay=10)
    me.locator("[name='measures-0-problem']").select_option("1")
    me.locator("[name='measures-0-deadline']").fill(c.day(30))
    expect(findings.locator("[data-rule=vague]")).to_have_count(0)
    expect(findings.locator("[data-rule=no_deadline]")).to_have_count(0)
    me.get_by_label("努力方向").fill("把群众的每一件小事当成自己的大事。")
    me.get_by_role("button", name="保存并提交").click()
    expect(me.locator(DONE)).to_contain_text("已提交第 1 稿,等待支部书记审核")
    expect(me.locator("#draft-status")).to_contain_text("已提交")
    c.check(me)

    # the secretary returns it with a comment on the problem
    sec = c.page(SECRETARY)
    sec.goto("/")
    _open_notification(sec, containing=f"待审核:{MEMBER}的对照检查材料(第 1 稿)")
    expect(sec.locator("#review-note")).to_contain_text("您是支部书记")
    c.check(sec)
    comment = "事例请写清楚是谁的材料、为什么拖、给群众带来了什么影响。"
    sec.locator("#review-form [data-part=problems] textarea").fill(comment)
    sec.get_by_role("button", name="退回修改").click()
    expect(sec.locator(DONE)).to_contain_text("已退回修改")

    # member1 revises after the comment and submits again
    follow_todo(c, me, "修改被退回的对照检查材料")
    expect(me.locator("#status-note")).to_contain_text("材料被退回修改")
    expect(me.locator("#reviews")).to_contain_text(comment)
    me.locator("#draft-actions").get_by_role("link", name="修改", exact=True).click()
    expect(me.locator("[data-comment-part=problems]")).to_contain_text(comment)
    c.check(me)
    me.locator("[name='problems-0-example']").fill(
        "10月居民张某的低保复核材料,我以等待入户核查为由拖了两周才答复,"
        "张某为此跑了三趟,耽误了当月救助金发放。"
    )
    me.get_by_role("button", name="保存并提交").click()
    expect(me.locator(DONE)).to_contain_text("已提交第 2 稿")

    # the secretary sees what changed and approves
    to_area(sec, "对照检查材料")
    sec.locator("#draft-table tr", has_text=MEMBER).get_by_role(
        "link", name="审核", exact=True
    ).click()
    expect(sec.locator("h2", has_text="第 2 稿与第 1 稿的对比")).to_be_visible()
    expect(sec.locator("#review-form [data-part=problems]")).to_have_attribute("data-changed", "1")
    expect(sec.locator("#review-form [data-part=measures]")).to_have_attribute("data-changed", "0")
    sec.get_by_role("button", name="通过", exact=True).click()
    expect(sec.locator(DONE)).to_contain_text("已通过该材料")
    expect(sec.locator("#draft-table tr", has_text=MEMBER)).to_contain_text("已通过")

    # the rest of the meeting's drafts, so that readiness is complete
    other = c.page(OTHER)
    follow_todo(c, other, "撰写对照检查材料")
    other.get_by_role("button", name="开始撰写").click()
    _fill_draft(
        other,
        category="duty",
        problem="遇到难题有畏难情绪,推诿给其他科室",
        example="9月加装电梯协调会上,我以不是本科室职责为由推给了城建办。",
        measure="牵头把加装电梯协调事项办结,每月向支部报告一次进展",
        deadline=c.day(60),
    )
    sec.reload()
    sec.locator("#draft-table tr", has_text=OTHER).get_by_role(
        "link", name="审核", exact=True
    ).click()
    sec.get_by_role("button", name="通过", exact=True).click()
    expect(sec.locator(DONE)).to_contain_text("已通过该材料")

    to_area(sec, "对照检查材料")
    sec.locator("#own-draft").get_by_role("button", name="开始撰写").click()
    _fill_draft(
        sec,
        category="masses",
        problem="调查研究不深入,到联系社区次数偏少",
        example="今年上半年只到联系的东关社区去过一次。",
        measure="每季度到东关社区蹲点调研不少于两次,形成一份调研报告",
        deadline=c.day(60),
    )
    to_area(sec, "对照检查材料")
    sec.locator("#committee-draft").get_by_role("button", name="撰写班子对照检查材料").click()
    _fill_draft(
        sec,
        category="politics",
        problem="支委会议事前征求党员意见不够",
        example="今年三次支委会研究评先评优,均未事先听取党员意见。",
        measure="支委会研究涉及党员切身利益的事项,会前一律书面征求全体党员意见",
        deadline=c.day(60),
    )
    c.check(sec)

    # the supervisor reviews the secretary's own draft and the committee's
    sup = c.page("supervisor")
    open_area(sup, "对照检查材料")
    supervised = sup.locator("#supervised-drafts li")
    expect(supervised).to_have_count(2)
    c.check(sup)
    for _ in range(2):
        supervised.get_by_role("link", name="审核", exact=True).first.click()
        expect(sup.locator("#review-note")).to_contain_text("您是上级党组织审核人")
        sup.get_by_role("button", name="通过", exact=True).click()
        expect(sup.locator(DONE)).to_contain_text("已通过该材料")
    expect(supervised.filter(has_text="已通过")).to_have_count(2)

    back_to_meeting(sec)
    expect(sec.locator("#readiness [data-done='1']")).to_have_count(5)
    # ready, but it is not the day yet: no button to mark it held before its planned day
    expect(sec.locator(f"form[action='/meetings/{c.meeting}/hold/']")).to_have_count(0)
    expect(sec.locator("#hold-waits")).to_contain_text("当天起可标记为已召开")
    c.check(sec)


# --- 5. the meeting: attendance, criticism, secret ballot, minutes; the list and the report -


CRITICISM = "对群众来件有时只转不办,上次低保复核的事要引以为戒。"
UPPER_COMMENT = "班子查摆问题还不够深入,要在听取党员意见上建章立制。"


def hold_the_meeting(c: Cycle) -> None:
    sec = c.page(SECRETARY)
    sec.reload()  # the planned day has come (the test's clock moved to it)
    hold = sec.locator(f"form[action='/meetings/{c.meeting}/hold/']")
    expect(hold.locator("textarea")).to_have_count(0)  # ready: no reason asked for
    hold.get_by_role("button", name="标记为已召开").click()
    expect(sec.locator(DONE)).to_contain_text("已标记为已召开")
    expect(sec.locator("#meeting-status")).to_have_text("已召开")
    c.check(sec)

    sec.get_by_role("link", name="会中记录").click()
    c.check(sec)
    sec.get_by_role("link", name="登记考勤").click()
    expect(sec.locator("#attendance-table input[type=checkbox]:checked")).to_have_count(3)
    sec.get_by_label("上级党组织列席人员").fill("组织部审核员(镇党委组织委员)")
    c.check(sec)
    sec.get_by_role("button", name="保存考勤").click()
    expect(sec.locator("#day-attendance")).to_contain_text("应到 3 人,实到 3 人,缺席 0 人")
    c.shot(sec, "meeting-day")

    # criticism of member1, typed during the meeting (quick entry, saved by htmx)
    sec.locator("#speaking-order li", has_text=MEMBER).get_by_role("link", name="相互批评").click()
    c.check(sec)
    sec.locator("#critic-filter").fill(OTHER)  # picks 赵敏 in the 批评人 list
    sec.get_by_label("批评意见").fill(CRITICISM)
    sec.get_by_label("回应").fill("诚恳接受,马上改。")
    sec.get_by_label("列入问题清单").check()  # it becomes 杨帆's problem by itself
    sec.get_by_label("问题类别").select_option("masses")
    sec.locator("#criticism-form").get_by_role("button", name="保存").click()
    expect(sec.locator("#criticism-saved")).to_contain_text(f"已保存 {OTHER} 的批评意见")
    expect(sec.locator("#criticism-list li")).to_have_count(1)
    expect(sec.locator("#criticism-list")).to_contain_text(CRITICISM)
    # correcting it swaps the entry in place (htmx): no inline style, no console error
    sec.locator("#criticism-list").get_by_role("link", name="修改").click()
    expect(sec.locator("#criticism-form h2, #criticism-entry h2").last).to_contain_text("修改")
    expect(sec.get_by_label("列入问题清单")).to_be_checked()
    sec.get_by_label("回应").fill("诚恳接受,本周内改正。")
    sec.locator("#criticism-form").get_by_role("button", name="保存").click()
    expect(sec.locator("#criticism-list")).to_contain_text("本周内改正")
    c.check(sec)

    # 民主评议: self-assessment, then a secret ballot by all three
    to_area(sec, "民主评议")
    sec.get_by_role("button", name="开展民主评议").click()
    expect(sec.locator("#evaluation-status")).to_have_text("个人自评")
    c.check(sec)
    me = c.page(MEMBER)
    open_area(me, "民主评议")
    own = me.locator("#my-self-assessment")
    own.get_by_label("合格", exact=True).check()
    own.get_by_label("自评").fill("能完成本职工作,但服务群众还有差距。")
    own.get_by_role("button", name="保存自评").click()
    expect(me.locator(DONE)).to_contain_text("个人自评已保存")
    c.check(me)
    sec.reload()
    expect(sec.locator("#self-count")).to_have_text("1 / 3")
    sec.get_by_role("button", name="开始投票").click()
    expect(sec.locator("#evaluation-status")).to_have_text("投票中")
    grades = {SECRETARY: "优秀", MEMBER: "合格", OTHER: "合格"}
    for voter in ATTENDEES:
        page = c.page(voter)
        follow_todo(c, page, "参加民主评议投票")
        ballot = page.locator("#ballot")
        for name, grade in grades.items():
            ballot.locator("fieldset", has_text=name).get_by_text(grade, exact=True).click()
        c.check(page)
        ballot.get_by_role("button", name="投出选票").click()
        expect(page.locator(DONE)).to_contain_text("您的选票已投出")
        expect(page.locator("#has-voted")).to_be_visible()
    sec.reload()
    expect(sec.locator("#ballot-count")).to_have_text("3 / 3")
    sec.get_by_role("button", name="结束投票").click()
    expect(sec.locator("#evaluation-tally")).to_contain_text("共收回选票 3 张")
    proposal = sec.locator("#proposal")
    for name, grade in grades.items():
        proposal.get_by_label(f"{name} 的评定等次").select_option(label=grade)
    c.check(sec)
    proposal.get_by_role("button", name="保存评定意见").click()
    expect(sec.locator(DONE)).to_contain_text("评定意见已保存")
    sec.locator("#finalize").get_by_role("button", name="确定评议结果").click()
    expect(sec.locator("#evaluation-status")).to_have_text("结果已确定")
    me.reload()
    expect(me.locator("#my-result")).to_contain_text("合格")

    # minutes: short and structured
    to_area(sec, "会中记录")
    sec.get_by_role("link", name="填写会议记录").click()
    form = sec.locator("#minutes-form")
    expect(selected(form.get_by_label("主持人"))).to_contain_text(SECRETARY)
    form.get_by_label("记录人").select_option(label=f"3. {OTHER}")
    form.get_by_label("会议要点").fill(
        "书记代表支委会作对照检查,三名党员逐一自我批评,开展相互批评;民主评议党员。"
    )
    form.get_by_label("上级党组织点评意见").fill(UPPER_COMMENT)
    form.get_by_label("会议决定").fill("形成问题清单,三日内在支部公示,转入整改。")
    c.check(sec)
    form.get_by_role("button", name="保存会议记录").click()
    expect(sec.locator(DONE)).to_contain_text("会议记录已保存")
    expect(sec.locator("#day-minutes")).to_contain_text("已填写")

    # the problem list: the drafts' problems came in when the meeting was held, and so did
    # the opinions kept and the criticism marked as a problem; the supervisor's comment is
    # the only one typed here
    back_to_meeting(sec)
    sec.get_by_role("link", name="梳理问题清单").click()
    expect(sec.locator("h1")).to_have_text("问题清单")
    problem_list = sec.locator("#problem-list")
    for text in ("服务群众意识不强,办事拖沓", CRITICISM, MEMBER_OPINION, ANONYMOUS_OPINION):
        expect(problem_list).to_contain_text(text)
    expect(problem_list).not_to_contain_text(PUBLIC_OPINION)  # 不予采纳
    expect(sec.locator("#add-opinion")).to_have_count(0)  # nothing left to add by hand
    # the next step only: 公示 now, 上报 and 转入整改 later
    expect(sec.get_by_role("button", name="上报上级党组织")).to_have_count(0)
    expect(sec.get_by_role("link", name="转入整改")).to_have_count(0)
    c.check(sec)
    add = sec.locator("#add-supervisor")
    expect(add).to_contain_text(UPPER_COMMENT)
    expect(selected(add.get_by_label("类别"))).to_have_text("---------")  # never a guess
    add.get_by_label("责任人").select_option(label="支部班子")
    add.get_by_label("类别").select_option("discipline")
    add.get_by_label("问题").fill("听取党员意见缺少制度安排")
    add.get_by_role("button", name="列入问题清单").click()
    expect(sec.locator(DONE)).to_contain_text("已列入问题清单")
    c.check(sec)

    sec.get_by_role("button", name="在支部内公示").click()  # one-way: it asks first
    assert "公示不能撤回" in c.people.dialogs[-1]
    expect(sec.locator(DONE)).to_contain_text("问题清单已在支部内公示")
    expect(sec.get_by_role("button", name="在支部内公示")).to_have_count(0)
    me.goto("/")
    _open_notification(me, containing=f"问题清单公示:{THEME}")
    expect(me.locator("#problem-list")).to_contain_text(CRITICISM)
    c.check(me)

    sec.get_by_role("button", name="上报上级党组织").click()
    assert "上报不能撤回" in c.people.dialogs[-1]
    expect(sec.locator(DONE)).to_contain_text("会议情况报告已上报上级党组织")
    c.check(sec)
    sup = c.page("supervisor")
    sup.goto("/")
    _open_notification(sup, containing=BRANCH + "组织生活会情况报告")
    expect(sup.locator("main")).to_contain_text(THEME)
    c.check(sup)


# --- 6. the ledger: items, progress with evidence, sign-off and send-back --------------------


SENT_BACK_MEASURE = (
    "来件办理实行台账管理,每周五自查一次"  # ≤ 30 characters: reminders quote it whole
)


def open_ledger(page, *, phone: bool = False) -> None:
    """The branch ledger, from 整改台账 in the navigation (behind the menu button on a phone)."""
    page.goto("/")
    if phone:
        page.locator(".navbar-toggler").click()
    page.locator("#nav-main").get_by_role("link", name="整改台账").click()
    expect(page.locator("main h1")).to_have_text("整改台账")


def awaiting_signoff(page) -> None:
    """The supervisor's list of items awaiting sign-off, from the 督导总览."""
    page.goto("/")
    page.locator("#nav-main").get_by_role("link", name="督导总览").click()
    page.locator("#current-figures").get_by_text("待我销号").click()


OPINION_MEASURES = {
    MEMBER_OPINION: "支委会研究涉及党员切身利益的事项,会前一周书面告知全体党员",
    ANONYMOUS_OPINION: "书记每月召开一次党员座谈会,听取意见后再布置任务",
    "听取党员意见缺少制度安排": "制定支委会听取党员意见制度,年底前经支部党员大会通过",
}


def run_the_ledger(c: Cycle) -> None:
    sec = c.page(SECRETARY)
    # 转入整改 is next (公示 and 上报 are done): one page proposes an item for every problem
    sec.get_by_role("link", name="转入整改").click()
    expect(sec.locator("h1")).to_have_text("转入整改:确认整改事项")
    proposals = sec.locator("fieldset.proposal")
    expect(proposals).to_have_count(8)
    c.check(sec)
    # the drafts' own measures are there already, with their deadlines and owners
    member_row = proposals.filter(has_text="服务群众意识不强,办事拖沓")
    expect(member_row.get_by_label("整改措施")).to_have_value(FIRM_MEASURE)
    expect(member_row.get_by_label("整改时限")).to_have_value(c.day(30))
    expect(selected(member_row.get_by_label("责任人"))).to_have_text(MEMBER)
    # the criticism's owner is the one criticised; the deadline defaults from the plan
    criticism_row = proposals.filter(has_text=CRITICISM)
    expect(selected(criticism_row.get_by_label("责任人"))).to_have_text(MEMBER)
    criticism_row.get_by_label("整改措施").fill(SENT_BACK_MEASURE)
    criticism_row.get_by_label("整改时限").fill(c.day(10))
    for problem, measure in OPINION_MEASURES.items():
        row = proposals.filter(has_text=problem)
        expect(selected(row.get_by_label("牵头人"))).to_contain_text(SECRETARY)
        row.get_by_label("整改措施").fill(measure)
    for i in range(8):  # left for the secretary: the selects start empty
        row = proposals.nth(i)
        expect(selected(row.get_by_label("轻重缓急"))).to_have_text("---------")
        urgent = row.filter(has_text=CRITICISM).count() > 0
        row.get_by_label("轻重缓急").select_option(label="急" if urgent else "重")
        row.get_by_label("难易程度").select_option(label="易" if urgent else "较难")
    sec.get_by_role("button", name="确认并转入整改").click()  # one submission
    assert "问题清单不能再修改" in c.people.dialogs[-1]
    expect(sec.locator(DONE)).to_contain_text("会议已转入整改中,已建立 8 项整改事项")
    expect(sec.locator("main h1")).to_have_text("整改台账")
    table = sec.locator("#ledger-table")
    expect(table.locator("tbody tr")).to_have_count(8)
    for measure in (FIRM_MEASURE, SENT_BACK_MEASURE, *OPINION_MEASURES.values()):
        expect(table).to_contain_text(measure)
    c.check(sec)

    # whoever gave the anonymous opinion sees, with the code alone, that it is being put right
    public = c.people.page()
    public.goto("/rectification/receipt/")
    public.get_by_label("回执码").fill(c.receipts["anonymous"])
    public.get_by_role("button", name="查询").click()
    expect(public.locator("#receipt-stage")).to_contain_text("正在整改")
    expect(public.locator("#receipt-items")).to_contain_text("未开始")
    expect(public.locator("main")).not_to_contain_text(OTHER)
    c.check(public)

    # member1 reports progress on both items (one with evidence) and asks for sign-off
    me = c.page(MEMBER)
    me.goto("/")
    mine = me.locator("#my-items")
    expect(mine.locator("li")).to_have_count(2)
    c.check(me)
    for measure, progress, evidence in (
        (FIRM_MEASURE, "已建立来件登记簿,本月 12 件均在三个工作日内答复。", True),
        (SENT_BACK_MEASURE, "已建立来件台账。", False),
    ):
        me.goto("/")
        mine.get_by_role("link", name=measure).click()
        expect(me.locator("#item-measure")).to_have_text(measure)
        form = me.locator("#progress-form")
        form.get_by_label("进展情况").fill(progress)
        if evidence:
            form.get_by_label("佐证材料(选填)").set_input_files(
                files=[{"name": "登记簿.png", "mimeType": "image/png", "buffer": me.screenshot()}]
            )
        form.get_by_role("button", name="提交进展").click()
        expect(me.locator(DONE)).to_contain_text("进展已记录")
        expect(me.locator("#timeline")).to_contain_text(progress[:10])
        if evidence:
            expect(me.locator("#timeline").get_by_role("link", name="下载佐证材料")).to_be_visible()
        me.get_by_role("button", name="已完成,申请销号").click()
        expect(me.locator(DONE)).to_contain_text("已申请销号,等待审核")
        c.check(me)

    # the supervisor signs one off and sends the other back
    # Celery beat folds the journal of branch changes into the supervisors' rollups every
    # few seconds; no beat runs here, so the test does its job (as it does the reminder sweep).
    from supervision.services.rollups import rollups_fold

    off_loop(rollups_fold)
    sup = c.page("supervisor")
    sup.goto("/")
    c.check(sup)
    c.shot(sup, "supervisor-home")
    sup.get_by_role("link", name="进入督导总览").click()
    c.check(sup)
    c.shot(sup, "supervisor-overview")
    awaiting_signoff(sup)
    awaiting = sup.locator("#awaiting-items")
    for measure in (FIRM_MEASURE, SENT_BACK_MEASURE):
        expect(awaiting.get_by_role("link", name=measure)).to_be_visible()
    c.check(sup)
    awaiting.get_by_role("link", name=FIRM_MEASURE).click()
    expect(sup.locator("#timeline").get_by_role("link", name="下载佐证材料")).to_be_visible()
    sup.get_by_role("button", name="验收销号").click()
    expect(sup.locator(DONE)).to_contain_text("已销号")
    c.check(sup)
    awaiting_signoff(sup)
    expect(awaiting.get_by_role("link", name=FIRM_MEASURE)).to_have_count(0)
    awaiting.get_by_role("link", name=SENT_BACK_MEASURE).click()
    sendback = sup.locator("#sendback-form")
    sendback.get_by_label("退回理由").fill("只建了台账,还没有按周自查的记录,请补充后再申请。")
    sendback.get_by_role("button", name="退回重新整改").click()
    expect(sup.locator(DONE)).to_contain_text("已退回责任人继续整改")
    c.check(sup)

    me.locator("#inbox-link").click()
    inbox = me.locator("main")
    expect(inbox).to_contain_text("整改事项已销号")
    expect(inbox).to_contain_text("整改事项被退回,请继续整改")
    c.check(me)

    open_ledger(sec)
    expect(sec.locator("#status-chips")).to_contain_text("已销号 1")
    c.check(sec)
    c.shot(sec, "ledger")

    phone = c.people.page(USERS[MEMBER], phone=True)
    open_ledger(phone, phone=True)
    # one markup: at phone width the table's rows are cards, its column headers hidden
    expect(phone.locator("#ledger-table tbody tr").first).to_be_visible()
    assert phone.locator("#ledger-table thead").bounding_box()["width"] <= 1  # visually hidden
    c.check(phone)
    c.shot(phone, "phone-ledger")
    phone.goto("/")
    expect(phone.locator("#my-items")).to_be_visible()
    c.check(phone)
    c.shot(phone, "phone-member-home")


# --- 7. past the deadline: the owner's reminder and the supervisor's escalation, once ------


def _inbox_text(page) -> str:
    page.locator("#inbox-link").click()
    expect(page.locator("main h1")).to_have_text("消息")
    return page.locator("main").inner_text()


def _wait_for_message(page, text: str, timeout: float = 60) -> str:
    """Refresh the inbox until ``text`` arrives (the worker delivers it)."""
    deadline = time.monotonic() + timeout
    while True:
        inbox = _inbox_text(page)
        if text in inbox:
            return inbox
        assert time.monotonic() < deadline, f"no “{text}” in the inbox:\n{inbox}"
        page.wait_for_timeout(500)


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def pass_the_deadline(c: Cycle) -> None:
    from notifications.reminders import reminders_sweep

    deadline = c.today + datetime.timedelta(days=10)
    overdue = f"已逾期:{SENT_BACK_MEASURE}"
    escalation = f"逾期 7 天未整改:{BRANCH} {MEMBER} — {SENT_BACK_MEASURE}"
    me, sup = c.page(MEMBER), c.page("supervisor")

    # (The demo's third branch has overdue items too: its reminders go out in these sweeps.)
    with time_machine.travel(_at(deadline + datetime.timedelta(days=1)), tick=True):
        assert off_loop(reminders_sweep) >= 1
        inbox = _wait_for_message(me, overdue)
        assert inbox.count(overdue) == 1
        c.check(me)
        assert off_loop(reminders_sweep) == 0
        assert _inbox_text(me).count(overdue) == 1
        assert escalation not in _inbox_text(sup)

    with time_machine.travel(_at(deadline + datetime.timedelta(days=8)), tick=True):
        assert off_loop(reminders_sweep) >= 2  # member1's weekly one, the escalation
        for page, user in ((me, USERS[MEMBER]), (sup, "supervisor")):
            login(page, user)  # more than two weeks on: the sessions have expired
        inbox = _wait_for_message(sup, escalation)
        assert inbox.count(escalation) == 1
        c.check(sup)
        c.shot(sup, "supervisor-inbox")
        inbox = _wait_for_message(me, f"仍未完成(已逾期):{SENT_BACK_MEASURE}")
        assert inbox.count(overdue) == 1
        assert off_loop(reminders_sweep) == 0
        assert _inbox_text(sup).count(escalation) == 1
        assert _inbox_text(me).count(overdue) == 1

        # the supervisor finds the item among those escalated, 8 days overdue
        sup.locator("#nav-main").get_by_role("link", name="逾期督办").click()
        sup.locator("#escalated").get_by_role("link", name=SENT_BACK_MEASURE).click()
        expect(sup.locator("#item-deadline")).to_contain_text("已逾期 8 天")
        c.check(sup)


# --- the test --------------------------------------------------------------------------------


@pytest.mark.redis
def test_the_whole_cycle(people: People, site: Site, celery_worker) -> None:
    c = Cycle(people, site)
    with step(c, "1. plan, approve"):
        plan_the_meeting(c)
    with step(c, "2. opinions"):
        give_opinions(c)
    with step(c, "3. talks"):
        record_talks(c)
    with step(c, "4. drafts"):
        write_drafts(c)
    # The meeting was planned three days ahead: it is held on that day, not before.
    planned_day = c.today + datetime.timedelta(days=3)
    with time_machine.travel(_at(planned_day, 10), tick=True):
        with step(c, "5. the meeting"):
            hold_the_meeting(c)
        with step(c, "6. the ledger"):
            run_the_ledger(c)
    with step(c, "7. past the deadline"):
        pass_the_deadline(c)
    secretary = c.people.counts[USERS[SECRETARY]]
    report = {
        "steps": [(title, dict(spent)) for title, spent in c.secretary_steps],
        "total": dict(secretary),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "e2e-secretary.json").write_text(json.dumps(report, ensure_ascii=False, indent=1))
    print(f"\n[e2e] the secretary's whole cycle: {dict(secretary)}")
    # What the whole cycle asks of the secretary (with this test's route through it, which
    # also opens pages to check them). A change that adds steps must raise this on purpose.
    assert secretary["page loads"] + secretary["form submissions"] <= SECRETARY_BUDGET, dict(
        secretary
    )
