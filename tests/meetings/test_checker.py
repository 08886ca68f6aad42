"""Tests of the pure draft checker (meetings.checker): no Django, no database."""

from __future__ import annotations

import ast
import datetime
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from meetings import checker
from meetings.checker import (
    BOILERPLATE,
    COPIED,
    NO_DEADLINE,
    RECYCLED,
    RULES,
    VAGUE,
    Corpus,
    Item,
    check_item,
    check_items,
    find_generic_phrases,
    has_concrete_example,
    has_time_limit,
    learn_generic_phrases,
    parse_jsonl,
)
from tests.meetings.checker_cases import (
    CASES,
    HELD_OUT,
    HELD_OUT_2,
    HELD_OUT_3,
    HELD_OUT_4,
    HELD_OUT_5,
    HELD_OUT_ALL,
    TUNED,
    evaluate,
)

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime.date(2025, 12, 19)
LAST_YEAR = datetime.date(2024, 12, 26)


@pytest.fixture
def _fast_passwords():
    """Stands in for tests/conftest.py's autouse fixture of the same name, which needs
    pytest-django's ``settings``: these tests need no Django, so they also run with
    ``-p no:django``."""


def problem(id, text, author="张三", date=NOW, **kw) -> Item:
    return Item(id=id, kind="problem", text=text, author=author, meeting_date=date, **kw)


def measure(id, text, author="张三", **kw) -> Item:
    return Item(id=id, kind="measure", text=text, author=author, meeting_date=NOW, **kw)


def spans(item: Item, findings, rule: str) -> list[str]:
    return [item.text[f.start : f.end] for f in findings if f.rule == rule]


def is_chinese(message: str) -> bool:
    return sum("\u4e00" <= c <= "\u9fff" for c in message) >= 10


# --- vague ------------------------------------------------------------------------------------


def test_vague_marks_every_soft_word_and_suggests_a_checkable_commitment():
    item = measure("m", "尽量抽时间加强理论学习,进一步提高政治站位。")
    findings = check_item(item)
    assert spans(item, findings, VAGUE) == ["尽量", "抽时间", "加强理论学习", "进一步"]
    for f in findings:
        assert is_chinese(f.message)
        assert f.ref is None
    first = next(f for f in findings if f.rule == VAGUE)
    assert "确保" in first.message or "一定" in first.message


def test_vague_spans_point_into_the_original_text_with_spaces_and_full_width():
    item = measure("m", "  力 争 在２０２６年６月底前完成。")
    (finding,) = [f for f in check_item(item) if f.rule == VAGUE]
    assert item.text[finding.start : finding.end] == "力 争"
    assert "确保" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "按照支部确定的努力方向,于2026年3月31日前制定个人学习计划。",
        "学习《关于进一步加强和改进新时代党员教育管理工作的意见》,12月31日前交心得。",
        "争取上级专项资金,于2026年9月30日前完成雨污分流改造。",
        "对照“能‘一定’就不说‘尽量’”的要求,2026年1月10日前重新修订整改清单。",
        "加强学习型党支部建设,2026年上半年组织4次专题党课。",
        "通过努力,本季度内将窗口平均等候时间压缩到15分钟以内。",
        "确保2026年底前完成5个老旧小区加装电梯意见征集。",
        "对有待整改的3个问题,2026年1月底前全部整改完毕。",
    ],
)
def test_vague_leaves_legitimate_uses_alone(text):
    assert check_item(measure("m", text)) == []


def test_vague_applies_to_measures_only():
    item = problem("p", "服务群众的本领有待提高,今年有2件群众诉求超期办结。")
    assert [f for f in check_item(item) if f.rule == VAGUE] == []


# --- no_deadline --------------------------------------------------------------------------------


def test_no_deadline_spans_the_whole_text_and_says_what_to_write():
    item = measure("m", " 对分管科室的请销假制度执行情况开展一次专项检查。 ")
    (finding,) = check_item(item)
    assert finding.rule == NO_DEADLINE
    assert item.text[finding.start : finding.end] == item.text.strip()
    assert "时限" in finding.message and "12月底前" in finding.message
    assert is_chinese(finding.message)


def test_structured_deadline_satisfies_the_rule():
    item = measure(
        "m", "对分管科室的请销假制度执行情况开展一次专项检查。", deadline=datetime.date(2026, 5, 31)
    )
    assert check_item(item) == []


@pytest.mark.parametrize(
    "phrase",
    [
        "2026年12月底前",
        "12月31日前",
        "三个月内",
        "本季度内",
        "年底前",
        "两周内",
        "30个工作日内",
        "下次组织生活会前",
        "2026.3.31前",
        "立行立改,",
        "长期坚持,",
        "明年一季度",
        "春节前",
    ],
)
def test_time_limit_phrases_count_as_a_deadline(phrase):
    assert has_time_limit(phrase + "完成整改")
    assert check_item(measure("m", phrase + "完成支部党员信息核对。")) == []


@pytest.mark.parametrize("text", ["每月至少读1本理论书籍。", "按期完成。", "限期整改到位。"])
def test_frequencies_and_empty_words_are_not_deadlines(text):
    assert not has_time_limit(text)


def test_missing_owner_is_flagged_only_when_given_as_empty():
    text = "2026年1月底前把社区公示栏的过期信息全部更新。"
    assert check_item(measure("m", text, owner=None)) == []
    assert check_item(measure("m", text, owner="李四")) == []
    (finding,) = check_item(measure("m", text, owner=" "))
    assert finding.rule == NO_DEADLINE
    assert "责任人" in finding.message and "时限" not in finding.message

    (both,) = check_item(measure("m", "落实整改。", owner=""))
    assert "责任人" in both.message and "时限" in both.message


# --- recycled -----------------------------------------------------------------------------------

OLD_GRID = (
    "对社区网格化管理工作督促检查不够,部分网格员入户走访流于形式,群众反映的问题不能及时上报。"
)
NEW_GRID = (
    "对社区网格化管理工作督促检查还不到位,一些网格员入户走访走过场,群众反映的问题上报不及时。"
)


def test_recycled_names_the_earlier_problem_and_its_meeting_date():
    earlier = problem("old", OLD_GRID, author="王强", date=LAST_YEAR)
    current = problem("new", NEW_GRID, author="王强")
    findings = check_item(current, Corpus([earlier]))
    (finding,) = [f for f in findings if f.rule == RECYCLED]
    assert finding.ref == "old"
    assert (finding.start, finding.end) == (0, len(NEW_GRID))
    assert "2024年12月26日" in finding.message
    assert "对社区网格化管理工作" in finding.message  # quotes the earlier problem
    assert is_chinese(finding.message)


def test_recycled_needs_the_same_author_and_an_earlier_meeting():
    corpus = Corpus(
        [
            problem("other-author", OLD_GRID, author="李娜", date=LAST_YEAR),
            problem("later", OLD_GRID, author="王强", date=datetime.date(2026, 12, 1)),
            problem("same-meeting", OLD_GRID, author="王强"),
        ]
    )
    current = problem("new", NEW_GRID, author="王强")
    assert [f for f in check_item(current, corpus) if f.rule == RECYCLED] == []


def test_recycled_ignores_a_shared_stock_phrase_with_different_examples():
    earlier = problem(
        "old",
        "学习不够深入,对党的二十届三中全会精神只读了公报,没有研读《决定》全文。",
        author="孙丽",
        date=LAST_YEAR,
    )
    current = problem(
        "new",
        "学习不够深入,以工作忙为由放松学习。比如学习强国本季度积分只有600多分,是支部最低的。",
        author="孙丽",
    )
    assert check_item(current, Corpus([earlier])) == []


def test_recycled_prefers_the_closest_earlier_problem():
    corpus = Corpus(
        [
            problem("loose", "对社区网格化管理工作督促检查不够。", author="王强", date=LAST_YEAR),
            problem("close", OLD_GRID, author="王强", date=datetime.date(2023, 12, 20)),
        ]
    )
    findings = check_item(problem("new", NEW_GRID, author="王强"), corpus)
    assert [f.ref for f in findings if f.rule == RECYCLED] == ["close"]
    assert "2023年12月20日" in next(f for f in findings if f.rule == RECYCLED).message


# --- copied -------------------------------------------------------------------------------------

PARKING_A = "为民服务意识不强,对群众反映的幸福里小区停车难问题,只是登记转办,没有跟踪办理结果。"
PARKING_B = "服务群众意识不够强,对幸福里小区居民反映的停车难问题仅作登记转办,没有跟踪办理结果。"


def test_copied_hides_the_other_author_from_the_member_but_not_from_the_reviewer():
    other = problem("zl", PARKING_B, author="赵磊")
    mine = problem("cj", PARKING_A, author="陈静")
    (finding,) = [f for f in check_item(mine, Corpus([other, mine])) if f.rule == COPIED]
    assert finding.ref == "zl"
    assert "赵磊" not in finding.message
    assert "zl" not in finding.message
    assert "另一名党员" in finding.message and is_chinese(finding.message)
    assert finding.reviewer_message is not None and "赵磊" in finding.reviewer_message
    assert "reviewer_message" not in finding.as_dict()


def test_copied_needs_another_author_at_the_same_meeting():
    corpus = Corpus(
        [
            problem("same-author", PARKING_B, author="陈静"),
            problem("last-year", PARKING_B, author="赵磊", date=LAST_YEAR),
        ]
    )
    assert check_item(problem("cj", PARKING_A, author="陈静"), corpus) == []


def test_same_meeting_follows_meeting_ids_when_both_items_have_them():
    other = problem("zl", PARKING_B, author="赵磊", meeting="m-2")
    mine = problem("cj", PARKING_A, author="陈静", meeting="m-1")
    assert check_item(mine, Corpus([other])) == []


def test_copied_is_not_raised_by_a_shared_generic_phrase_alone():
    a = problem(
        "a",
        "理论学习不够深入,例如支部安排的《习近平谈治国理政》第五卷导读,我两次因值班没参加。",
        author="周涛",
    )
    b = problem(
        "b",
        "理论学习不够深入。今年支部安排的12次集中学习,我有3次因下乡督导请假,没有补写笔记。",
        author="李娜",
    )
    assert check_items([a, b]) == {"a": [], "b": []}


def test_copied_catches_a_copy_retold_in_the_same_order_with_other_words():
    """A copy reworded word by word keeps its sequence: the same month, the same task, the
    same count, the same consequence. Neither bigram Dice (0.3 here) nor the concepts find it;
    the sequence match does, for concrete problems only."""
    a = problem(
        "a",
        "今年9月防汛值守期间,我负责的堤段有两个夜晚没有按要求巡查,只在值班室看监控,"
        "第二天才发现一处管涌险情。",
        author="胡军",
    )
    b = problem(
        "b",
        "今年九月防汛值班时,我包的那段堤坝有2个晚上没按规定去巡堤,光盯着值班室监控画面,"
        "次日才发现了一个管涌点。",
        author="林晓",
    )
    results = check_items([a, b])
    assert [f.ref for f in results["a"] if f.rule == COPIED] == ["b"]
    assert [f.ref for f in results["b"] if f.rule == COPIED] == ["a"]


def test_two_members_concrete_problems_in_the_same_work_are_not_a_copy():
    a = problem(
        "a",
        "今年9月防汛值守期间,我负责的堤段有两个夜晚没有按要求巡查,只在值班室看监控。",
        author="胡军",
    )
    b = problem(
        "b",
        "防汛物资管理不细,今年汛前清点时发现仓库里有20条编织袋发霉,我上报晚了一周。",
        author="林晓",
    )
    assert check_items([a, b]) == {"a": [], "b": []}


def test_copied_catches_the_same_boilerplate_sentence_handed_in_by_two_members():
    text = "理论学习不够深入,学用结合不够紧密。"
    results = check_items([problem("a", text, author="胡军"), problem("b", text, author="林晓")])
    assert [f.ref for f in results["a"] if f.rule == COPIED] == ["b"]
    assert [f.ref for f in results["b"] if f.rule == COPIED] == ["a"]


def test_similarity_normalises_full_width_characters_and_spaces():
    a = problem("a", "落实河长制巡河工作不到位,3月至5月应巡河12次,实际只巡了7次。", author="吴敏")
    b = problem(
        "b",
        "落实河长制巡河工作不到位 ， ３月至５月应巡河１２次 ， 实际只巡了７次 。",
        author="郑凯",
    )
    corpus = Corpus([a])
    assert [(i.id, round(s, 2)) for i, s in corpus.similar(b.text)] == [("a", 1.0)]


# --- boilerplate ----------------------------------------------------------------------------------


def test_boilerplate_marks_each_generic_phrase():
    item = problem("p", "工作作风不够扎实,有时满足于完成领导交办的任务,标准不够高。")
    findings = check_item(item)
    assert spans(item, findings, BOILERPLATE) == [
        "工作作风不够扎实",
        "满足于完成领导交办的任务",
        "标准不够高",
    ]
    assert all(f.ref is None and is_chinese(f.message) for f in findings)
    assert "具体" in findings[0].message


@pytest.mark.parametrize(
    "text",
    [
        "理论学习不够系统深入。今年支部安排的12次集中学习,我有3次因下乡督导请假。",
        "创新意识不强。负责的社区养老服务站一直沿用前年的排班表,直到街道督查时才改过来。",
        "服务意识有待提高,在窗口受理低保申请时对一位老人态度生硬,被群众投诉。",
        "传帮带责任意识不强,张晓明同志入职以来还不能独立办理业务。",
        "理论学习不够深入,例如《习近平谈治国理政》第五卷导读课没有参加。",
        "担当精神不足,在城东菜市场占道经营整治中把协调会推给别人主持。",
    ],
)
def test_a_concrete_example_clears_a_generic_phrase(text):
    assert find_generic_phrases(text)
    assert has_concrete_example(text)
    assert [f for f in check_item(problem("p", text)) if f.rule == BOILERPLATE] == []


@pytest.mark.parametrize(
    "text",
    [
        "在实际工作中创新意识不强,习惯于凭经验办事。",
        "对党的二十大精神学习不够深入,理解不够透彻。",
        "树牢“四个意识”不够自觉,贯彻落实上级部署有时打折扣。",
        "精神状态不够饱满,存在“守摊子”思想。",
        "批评与自我批评开展得不够经常,对身边同志的缺点不愿指出。",
    ],
)
def test_slogans_and_stock_occasions_are_not_concrete_examples(text):
    assert not has_concrete_example(text)
    assert any(f.rule == BOILERPLATE for f in check_item(problem("p", text)))


def test_learned_phrases_extend_the_seed_list():
    text = "对新就业群体的服务关注度不高,工作方法单一。"
    assert check_item(problem("p", text)) == []
    findings = check_item(problem("p", text), generic_phrases=["工作方法单一"])
    assert spans(problem("p", text), findings, BOILERPLATE) == ["工作方法单一"]
    # A corpus passes its learned phrases on by default.
    corpus = Corpus([], generic_phrases=["工作方法单一"])
    assert [f.rule for f in check_item(problem("p", text), corpus)] == [BOILERPLATE]


def test_learn_generic_phrases_finds_what_many_authors_repeat():
    rng = random.Random(7)
    places = ["幸福里社区", "阳光花园小区", "东风村", "城东菜市场", "滨河街道", "新华小学"]
    items = []
    for n, author in enumerate(["甲", "乙", "丙", "丁", "戊", "己", "庚"]):
        place = rng.choice(places)
        items.append(
            problem(f"{author}{n}", f"工作方法简单粗放,在{place}{n + 2}次走访中没有记录。", author)
        )
        items.append(problem(f"{author}{n}b", f"去年{n + 1}月的{place}值班表没有更新。", author))
    # One author repeating themselves is not "recurring across the corpus".
    items += [problem(f"x{i}", "把报表当成负担年年都拖延。", author="壬") for i in range(10)]

    phrases = learn_generic_phrases(items, min_authors=5)
    assert "工作方法简单粗放" in phrases
    assert not any("报表" in p for p in phrases)
    assert not any(ch.isdigit() for p in phrases for ch in p)
    # Its sub-phrases are not returned separately.
    assert "工作方法简单" not in phrases

    text = "工作方法简单粗放,群众意见较大。"
    findings = check_item(problem("p", text), generic_phrases=phrases)
    assert spans(problem("p", text), findings, BOILERPLATE) == ["工作方法简单粗放"]


# --- the same problem in other words (recycled by substance) ----------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "理论学习浮于表面,集中学习只读原文、不谈体会,全年笔记只记了6次。",
            "学习走过场,支部学习时照本宣科,没有结合工作谈认识。",
        ),
        (
            "国庆假期值班时离开单位3个小时,没有向带班领导报告。",
            "今年春节值守期间又出现脱岗现象,值班电话无人接听。",
        ),
        (
            "对上级来文办理拖延,有4件督办件超期才反馈。",
            "收到上级文件后常常搁置,公文处理不及时,2件交办事项逾期回复。",
        ),
    ],
)
def test_recycled_recognises_the_same_object_and_failing_in_other_words(before, after):
    earlier = problem("old", before, date=LAST_YEAR)
    current = problem("new", after)
    (finding,) = [f for f in check_item(current, Corpus([earlier])) if f.rule == RECYCLED]
    assert finding.ref == "old" and "实质相同" in finding.message


def test_numbers_years_dates_pronouns_and_connectives_make_no_difference():
    bare = checker._Features("对辖区内小餐饮店燃气安全只查台账,没有到后厨实地查看。", None)
    dressed = checker._Features(
        "2025年3月,我对辖区内23家小餐饮店燃气安全只查台账,而且也没有到后厨实地查看。", None
    )
    assert set(bare.substance) == set(dressed.substance)


def test_recycled_leaves_the_same_object_with_another_failing_alone():
    earlier = problem(
        "old",
        "价格监督检查不深入,节前对农贸市场的价格巡查只看了公示牌,没有核对实际售价。",
        date=LAST_YEAR,
    )
    current = problem(
        "new", "对价格违法案件的查处震慑不够,今年查办的5起案件处罚都按最低标准,没有公开曝光。"
    )
    assert [f for f in check_item(current, Corpus([earlier])) if f.rule == RECYCLED] == []


def test_recycled_takes_words_sharing_a_character_and_a_failing_said_otherwise():
    """Patrolling (巡逻, 巡逻车), the same place (城中村) and going there seldom (去得少 /
    很少去, one failing of the synonym table), with other words around them."""
    earlier = problem("old", "夜间巡逻时巡逻车常停在站门口,辖区的城中村去得少。", date=LAST_YEAR)
    current = problem("new", "晚上巡逻走形式,巡逻车多数时间停在站里,城中村一带很少去。")
    (finding,) = [f for f in check_item(current, Corpus([earlier])) if f.rule == RECYCLED]
    assert finding.ref == "old"
    passages = [current.text[s:e] for s, e in finding.spans]
    assert "巡逻" in passages and "很少" in passages  # 很少去 ≈ 去得少: one failing


def test_one_long_shared_term_with_another_failing_is_not_recycled():
    earlier = problem(
        "old", "城市生活垃圾分类督导员上岗率低,3个小区的督导员经常不在岗。", date=LAST_YEAR
    )
    current = problem("new", "城市生活垃圾分类督导员培训用的教材是三年前编的,内容已经过时。")
    assert [f for f in check_item(current, Corpus([earlier])) if f.rule == RECYCLED] == []


def test_a_member_who_serves_people_says_the_same_impatience_in_other_words():
    earlier = problem(
        "old", "窗口工作人员对来办证的群众态度生硬,有人问两遍就不耐烦。", date=LAST_YEAR
    )
    current = problem("new", "对办事群众缺乏耐心,说话冲,今年被群众在热线投诉过一次。")
    (finding,) = [f for f in check_item(current, Corpus([earlier])) if f.rule == RECYCLED]
    assert finding.ref == "old"


# --- the domain thesaurus: the same work area and failing ---------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "evidence"),
    [
        (
            "处理居民之间的矛盾时爱和稀泥,两户因为占用公共过道吵了半年,我一直没有表态。",
            "调解纠纷当老好人,今年2号楼两家为了狗叫的事闹到派出所,我只劝他们各退一步。",
            {"纠纷", "当老好人"},
        ),
        (
            "仓库原料的保质期管理松,2023年清库时有6桶过期的胶水还没用掉。",
            "近效期物料管理松懈,今年二月车间领走了3箱已经过期的密封胶。",
            {"过期", "管理松"},
        ),
    ],
)
def test_recycled_recognises_the_same_work_area_and_failing_of_the_thesaurus(
    before, after, evidence
):
    """Reworded so that no bigram or synonym of the old table links them: the work area
    (纠纷 / 矛盾, 过期 / 保质期) and the failing (和稀泥 / 当老好人, 管理松 / 松懈) do."""
    earlier = problem("old", before, date=LAST_YEAR)
    current = problem("new", after)
    (finding,) = [f for f in check_item(current, Corpus([earlier])) if f.rule == RECYCLED]
    assert finding.ref == "old"
    passages = "|".join(current.text[s:e] for s, e in finding.spans)
    assert all(word in passages for word in evidence), passages


def test_a_word_that_means_two_failings_counts_as_both():
    """联系少 is 偏少 and 沟通不够: said one year, 沟通不够 the next is the same failing."""
    earlier = problem(
        "old",
        "和网格里的独居老人联系少,2023年有两户老人生病住院,我过了一周才知道。",
        date=LAST_YEAR,
    )
    current = problem(
        "new", "对包联的空巢老人沟通不够,今年一位老人摔伤后在家躺了三天,是邻居打电话告诉我的。"
    )
    (finding,) = [f for f in check_item(current, Corpus([earlier])) if f.rule == RECYCLED]
    assert finding.ref == "old"
    assert any("沟通不够" in current.text[s:e] for s, e in finding.spans)


def test_the_people_a_problem_is_about_named_in_other_words_are_the_same_work_area():
    """困难职工 / 慰问名单 / 帮扶名册 are the group in difficulty; 很少到现场 / 不到现场 one failing."""
    earlier = problem(
        "old",
        "对困难职工的家庭情况很少到现场了解,2023年慰问名单里有一户早已不困难。",
        date=LAST_YEAR,
    )
    current = problem(
        "new", "走访困难职工从不到现场,今年的帮扶名册是照着去年的抄的,有两户情况变了我不知道。"
    )
    (finding,) = [f for f in check_item(current, Corpus([earlier])) if f.rule == RECYCLED]
    assert finding.ref == "old"


def test_the_same_work_area_with_another_failing_is_not_recycled():
    earlier = problem("old", "夜班期间擅离职守,2023年有一次凌晨离开值班室40分钟。", date=LAST_YEAR)
    current = problem("new", "值班记录事后补填,今年有5次交接班记录是第二天凭印象写的。")
    assert [f for f in check_item(current, Corpus([earlier])) if f.rule == RECYCLED] == []


def test_the_same_failing_in_another_work_area_is_not_recycled():
    earlier = problem(
        "old", "审核报销单据把关不严,2023年有一张重复报销的发票我没有发现。", date=LAST_YEAR
    )
    current = problem("new", "发展党员材料审核不严,今年一名积极分子的政审表缺了两页我没核对出来。")
    assert [f for f in check_item(current, Corpus([earlier])) if f.rule == RECYCLED] == []


def test_a_work_area_mentioned_in_passing_is_not_the_same_work_area():
    earlier = problem("old", "国庆值班时脱岗,有一次离开值班室去吃饭没有报告。", date=LAST_YEAR)
    current = problem("new", "支部集中学习缺席,今年有3次因为值班和下乡检查没参加,事后也没有补学。")
    assert [f for f in check_item(current, Corpus([earlier])) if f.rule == RECYCLED] == []


def test_recycled_and_copied_findings_carry_the_matching_passages_of_both_texts():
    earlier = problem(
        "old", "值班制度执行不严,国庆期间有一天值班时离开单位2个多小时。", date=LAST_YEAR
    )
    current = problem("new", "值守纪律松懈,春节值守期间擅离岗位去办私事。")
    (finding,) = [f for f in check_item(current, Corpus([earlier])) if f.rule == RECYCLED]
    assert finding.other_text == earlier.text
    mine = [current.text[s:e] for s, e in finding.spans]
    theirs = [earlier.text[s:e] for s, e in finding.other_spans]
    assert "擅离岗位" in mine and "值守" in mine
    assert "离开单位" in theirs and any("值班" in t for t in theirs)
    assert finding.as_dict() == {  # the JSON-lines shape is unchanged
        "rule": RECYCLED,
        "start": finding.start,
        "end": finding.end,
        "ref": "old",
        "message": finding.message,
    }


def test_copied_catches_a_reworded_copy_but_not_two_members_sharing_a_stock_phrase():
    a = problem(
        "a", "网络订餐入网餐饮单位审核把关不严,部分商家没有实体门店,照片与实际不符。", author="甲"
    )
    b = problem(
        "b",
        "对网络订餐平台入网商家审核把关不严,有的商家没有实体店面,平台照片和实际不一致。",
        author="乙",
    )
    (finding,) = [f for f in check_item(b, Corpus([a, b])) if f.rule == COPIED]
    assert finding.ref == "a" and finding.spans and finding.other_spans
    generic_a = problem("ga", "理论学习不够深入,学用结合不够紧密。", author="甲")
    generic_b = problem("gb", "近年来理论学习不够深入,存在以干代学现象。", author="乙")
    assert [f for f in check_item(generic_b, Corpus([generic_a])) if f.rule == COPIED] == []


# --- boilerplate by what it lacks ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "看问题的眼界不够开阔,习惯就事论事,缺少从全局谋划工作的思路。",
        "干事创业的热情有所消退,对分内的工作求稳求安,不愿意啃硬骨头。",
        "自我批评时总是找客观原因,对主观上的不足讲得浅、讲得虚。",
    ],
)
def test_boilerplate_is_found_without_any_stock_phrase(text):
    assert find_generic_phrases(text) == []  # none of the listed phrases …
    findings = check_item(problem("p", text))
    assert [f.rule for f in findings] == [BOILERPLATE]  # … and still nothing concrete
    assert findings[0].start == 0 and "抽象" in findings[0].message


@pytest.mark.parametrize(
    "text",
    [
        "对新出台的医保支付政策钻研不深,给病人解释报销比例时心里没底,换位思考的意识有待加强。",
        "履行监管职责的本领还有短板,面对直播带货等新业态心中无数,遇到难缠的商户有时不敢较真。",
        "教书育人中重教学进度、轻思想引导,对学生心理上的变化关心得少,家访的主动性也有所欠缺。",
    ],
)
def test_boilerplate_is_a_string_of_self_assessments_in_a_trades_words(text):
    """Every clause grades oneself (钻研不深, 心里没底, 有待加强) and none tells of something
    that happened: generic, though its words (报销比例, 直播带货, 家访) are too many and too
    specific for the abstract-residue test."""
    findings = check_item(problem("p", text))
    assert [f.rule for f in findings] == [BOILERPLATE]
    assert findings[0].start == 0 and "抽象" in findings[0].message


GRADES_AMONG_SCENES = [
    # grades in figures of speech (少了, 淡了, 没…起来; 看得轻, 时紧时松, 隔着一层), with the
    # scene around them told in general (整天围着会议和材料转, 遇到难缠的事总想往后推)
    "整天围着会议和材料转,下村入户的次数少了,跟群众拉家常的耐心淡了,遇到难缠的事总想往后推,"
    "为民办事的那股劲头没提起来。",
    "守着柜台按部就班,对客户的急难事看得轻,风险排查那根弦时紧时松,讲起制度头头是道,"
    "落到自己身上就隔着一层。",
]


@pytest.mark.parametrize("text", GRADES_AMONG_SCENES)
def test_boilerplate_is_mostly_grades_with_the_scene_in_general_terms(text, monkeypatch):
    """Three or more clauses, at least half of them, grade oneself and nothing is concrete:
    the clauses that set the scene tell no event, so the text is generic."""
    findings = check_item(problem("p", text))
    assert [f.rule for f in findings] == [BOILERPLATE]
    assert findings[0].start == 0 and "抽象" in findings[0].message
    monkeypatch.setattr("meetings.checker.MIN_ASSESSING_CLAUSES", 99)  # only this path finds it
    assert BOILERPLATE not in {f.rule for f in check_item(problem("p", text))}


@pytest.mark.parametrize(
    "text",
    [
        # the same grades around an event with a date and a number: concrete
        "整天围着会议和材料转,今年5月有3户低保户的申请压了两周,跟群众拉家常的耐心淡了,"
        "为民办事的那股劲头没提起来。",
        # two grades among four clauses that tell what is done: not mostly grades
        "夜间巡查只走大路,背街小巷的商铺没进去过,消防通道堆放杂物也没有劝离,查得粗、管得松。",
    ],
)
def test_grades_around_a_told_event_or_in_the_minority_are_not_boilerplate(text):
    assert BOILERPLATE not in {f.rule for f in check_item(problem("p", text))}


@pytest.mark.parametrize(
    "text",
    [
        "对新出台的医保支付政策钻研不深,给病人解释报销比例时讲错了,家属跑到医保窗口才弄明白。",
        "履行监管职责的本领还有短板,直播间卖的保健品没有查过资质,被市局暗访发现后通报。",
    ],
)
def test_one_clause_that_tells_what_happened_makes_it_concrete(text):
    assert BOILERPLATE not in {f.rule for f in check_item(problem("p", text))}


@pytest.mark.parametrize(
    "text",
    [
        "深刻领悟“两个确立”的决定性意义,增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
        "落实“四个意识”有差距,今年4月局党组布置的食品安全专项整治,我分管的股室拖了半个月才启动。",
        "对新招录的执法人员带教不细,独立执法时连检查笔录都填错了。",
        "服务企业的意识不强,办理营业执照时对材料不全的企业只说不行。",
    ],
)
def test_formulations_alone_and_named_things_are_not_boilerplate(text):
    assert BOILERPLATE not in {f.rule for f in check_item(problem("p", text))}


# --- the labelled data set ------------------------------------------------------------------------


def test_precision_and_recall_per_rule_on_the_cases_it_was_tuned_on():
    """The cases the checker was written and tuned on (not the held-out half, whose figures
    bench/checker.py prints and the README quotes)."""
    scores, mistakes = evaluate(TUNED)
    print()
    for rule in RULES:
        s = scores[rule]
        print(
            f"{rule:12} precision {s.precision:.3f}  recall {s.recall:.3f}  "
            f"(tp {s.tp}, fp {s.fp}, fn {s.fn})"
        )
    for m in mistakes:
        print("  ", m)
    assert len(CASES) >= 60
    for rule in RULES:
        assert scores[rule].tp >= 5, rule  # every rule is exercised
        assert scores[rule].precision >= 0.9, (rule, mistakes)
        assert scores[rule].recall >= 0.9, (rule, mistakes)


def test_the_held_out_half_is_half_of_the_new_texts_and_kept_apart():
    new = [c for c in CASES if c.item.meeting]  # the new branches' meetings carry ids
    assert len(new) >= 150
    assert 2 * len(HELD_OUT_ALL) >= len(new) - 10
    assert not {c.item.id for c in HELD_OUT_ALL} & {c.item.id for c in TUNED}
    paraphrased = [c for c in HELD_OUT_ALL if "recycled" in c.rules or "boilerplate" in c.rules]
    assert 3 * len(paraphrased) >= len(HELD_OUT_ALL)


def test_precision_on_the_held_out_half():
    """Precision per rule and recall for the rules that reach 0.9 there. Recycled recall on
    the held-out half does NOT reach the issue's 0.9 (see the README): its floors are the
    measured figures — on the whole half, which HELD_OUT_6 … HELD_OUT_14 made harder (8 … 14
    were written by someone who had read neither the checker nor the cases), and on the
    batches before HELD_OUT_6 — so that a change that loses more fails here."""
    scores, mistakes = evaluate(HELD_OUT_ALL)
    for rule in RULES:
        assert scores[rule].tp >= 5, rule
        assert scores[rule].precision >= 0.9, (rule, mistakes)
    for rule in (VAGUE, NO_DEADLINE, COPIED, BOILERPLATE):
        assert scores[rule].recall >= 0.9, (rule, mistakes)
    assert scores[RECYCLED].recall >= 0.29, mistakes  # measured 0.298 with HELD_OUT_14
    # … and on the batches before HELD_OUT_6 (0.72 before issue 16), measured 0.750:
    before, mistakes = evaluate(HELD_OUT + HELD_OUT_2 + HELD_OUT_3 + HELD_OUT_4 + HELD_OUT_5)
    assert before[RECYCLED].recall >= 0.75, mistakes


def test_labelled_set_covers_hard_negatives():
    notes = " ".join(c.note for c in CASES)
    assert "努力方向" in notes and "hard negative" in notes
    assert any(c.item.kind == "measure" and not c.rules for c in CASES)
    assert any(
        c.item.kind == "problem" and not c.rules and find_generic_phrases(c.item.text)
        for c in CASES
    )


# --- speed ---------------------------------------------------------------------------------------


def test_the_index_finds_exactly_what_a_pairwise_scan_finds():
    rng = random.Random(3)
    heads = ["理论学习不够深入", "服务意识不强", "担当精神不足", "落实河长制巡河工作不到位"]
    places = ["幸福里社区", "阳光花园小区", "东风村", "城东菜市场"]
    acts = ["入户走访", "矛盾调解", "消防检查", "防汛值班", "巡河"]
    items = [
        problem(
            f"e{i}",
            f"{rng.choice(heads)},{rng.randint(1, 3)}月在{rng.choice(places)}{rng.choice(acts)}"
            f"中有{rng.randint(2, 4)}次没有{rng.choice(acts)}记录。",
            author=f"党员{i % 50}",
        )
        for i in range(200)
    ]
    corpus = Corpus(items)
    alone = [Corpus([item]) for item in items]  # a one-item corpus compares one pair
    matches = 0
    for query in items[:60]:
        found = {i.id for i, _ in corpus.similar(query.text, exclude_id=query.id)}
        pairwise = set()
        for single in alone:
            hits = single.similar(query.text)
            if hits:
                pairwise.add(hits[0][0].id)
        assert found == pairwise - {query.id}
        matches += len(found)
    assert matches, "the generated texts are similar enough to have matches"


def test_checking_a_draft_against_ten_thousand_problems_is_fast():
    rng = random.Random(42)
    heads = ["理论学习不够深入", "工作作风不够扎实", "服务意识不强", "创新意识不强", "担当精神不足"]
    places = [f"{a}{b}社区" for a in "东西南北中新老" for b in "风华阳光和平幸福"]
    acts = ["入户走访", "矛盾调解", "垃圾分类宣传", "消防检查", "防汛值班", "党费收缴", "志愿服务"]
    corpus = Corpus(
        problem(
            f"e{i}",
            f"{rng.choice(heads)},{rng.randint(1, 12)}月在{rng.choice(places)}{rng.choice(acts)}中"
            f"有{rng.randint(2, 30)}次没有{rng.choice(acts)}记录。",
            author=f"党员{i % 400}",
            date=LAST_YEAR,
        )
        for i in range(10_000)
    )
    draft = [
        problem(
            f"d{i}",
            f"{rng.choice(heads)},{i + 1}月在{rng.choice(places)}{rng.choice(acts)}中有3次没有记录。",
            author="党员7",
        )
        for i in range(10)
    ]
    start = time.perf_counter()
    for item in draft:
        check_item(item, corpus)
    assert time.perf_counter() - start < 1.0


# --- JSON lines ------------------------------------------------------------------------------------


def test_parse_jsonl_reports_every_bad_line_with_its_number():
    lines = [
        '{"id": "a", "kind": "problem", "text": "t", "author": "张三", "meeting_date": "2025-12-19"}',
        "",
        "not json",
        '{"id": "b", "kind": "problem", "text": "t", "author": "张三"}',
        '{"id": "c", "kind": "measure", "text": "t", "author": "张三", "meeting_date": "2025-02-30"}',
        '{"id": "d", "kind": "opinion", "text": "t", "author": "张三", "meeting_date": "2025-12-19"}',
        '{"id": "a", "kind": "problem", "text": "t", "author": "李四", "meeting_date": "2025-12-19"}',
        '{"id": "e", "kind": "measure", "text": "t", "author": "张三", "meeting_date": "2025-12-19",'
        ' "deadline": "2026/01/01"}',
    ]
    items, errors = parse_jsonl(lines)
    assert [i.id for i in items] == ["a"]
    assert [e.split(":", 1)[0] for e in errors] == [f"第{n}行" for n in (3, 4, 5, 6, 7, 8)]
    assert "meeting_date" in errors[1] and "缺少" in errors[1]
    assert "日期" in errors[2] and "重复" in errors[4]


# --- purity --------------------------------------------------------------------------------------


def test_checker_imports_nothing_but_the_standard_library():
    """The checker and its data module (the domain thesaurus) import only the standard
    library — and the checker that data module."""
    for module in (checker.__file__, ROOT / "meetings" / "thesaurus.py"):
        source = Path(module).read_text(encoding="utf-8")
        imported = set()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                name = node.module
                imported.add(name if name == "meetings.thesaurus" else name.split(".")[0])
        allowed = set(sys.stdlib_module_names) | {"__future__", "meetings.thesaurus"}
        assert imported <= allowed, (module, imported)

    code = (
        "import sys, meetings.checker; "
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
