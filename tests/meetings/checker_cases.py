"""Labelled drafts for the self-criticism draft checker (meetings.checker).

One branch (a 街道 office's 党支部) over three organizational life meetings: EARLIER_2
(2024-01-18), EARLIER (2024-12-26) and NOW (2025-12-19). Every case is a problem or a
measure, written the way members write their 对照检查材料, labelled with the rules that should
fire on it. All cases are checked together with ``check_items`` (as the ``check_text``
command does), so an earlier problem of the same author is "earlier" and a NOW problem of
another author is "the same meeting"; labels account for every pair, not just the intended
scenario.

``PROBLEMS`` and ``MEASURES`` were written alongside the checker; ``BLIND`` was written and
labelled before the checker ever saw it (see the note there).

``refs`` gives the acceptable ``ref`` ids for recycled/copied: a finding with another ref
does not count as a true positive.

Pure data: no Django.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from types import ModuleType

from meetings.checker import RULES, Item, check_items
from tests.meetings import (
    checker_cases_blind8,
    checker_cases_blind9,
    checker_cases_blind10,
    checker_cases_blind11,
    checker_cases_blind12,
    checker_cases_blind13,
    checker_cases_blind14,
)

EARLIER_2 = datetime.date(2024, 1, 18)
EARLIER = datetime.date(2024, 12, 26)
NOW = datetime.date(2025, 12, 19)


@dataclass(frozen=True)
class Case:
    item: Item
    rules: frozenset[str]
    refs: dict[str, frozenset[str]] = field(default_factory=dict)
    note: str = ""


def _rules(rules: str) -> frozenset[str]:
    return frozenset(rules.split())


def P(  # noqa: N802 - reads like a table
    id: str,
    author: str,
    date: datetime.date,
    text: str,
    rules: str = "",
    *,
    recycled: str | tuple[str, ...] = (),
    copied: str | tuple[str, ...] = (),
    note: str = "",
    meeting: str | None = None,
) -> Case:
    refs = {}
    for rule, ids in (("recycled", recycled), ("copied", copied)):
        if ids:
            refs[rule] = frozenset((ids,) if isinstance(ids, str) else ids)
    return Case(Item(id, "problem", text, author, date, meeting=meeting), _rules(rules), refs, note)


def M(  # noqa: N802
    id: str,
    author: str,
    text: str,
    rules: str = "",
    *,
    deadline: datetime.date | None = None,
    owner: str | None = None,
    note: str = "",
) -> Case:
    item = Item(id, "measure", text, author, NOW, deadline=deadline, owner=owner)
    return Case(item, _rules(rules), {}, note)


PROBLEMS: list[Case] = [
    # --- generic problems with no concrete example --------------------------------------
    P(
        "zw-p1",
        "张伟",
        NOW,
        "理论学习不够深入系统,满足于读原文、记笔记,学用结合不够紧密。",
        "boilerplate",
        note="overlaps the three identical 理论学习 drafts below, but is not a near copy",
    ),
    P(
        "wq-p1",
        "王强",
        NOW,
        "思想认识不到位,政治敏锐性不强,对网上一些错误思潮辨别不清。",
        "boilerplate",
    ),
    P(
        "ly-p1",
        "刘洋",
        NOW,
        "工作作风不够扎实,有时满足于完成领导交办的任务,标准不够高、要求不够严。",
        "boilerplate",
    ),
    P(
        "zl-p1",
        "赵磊",
        NOW,
        "创新意识不强,习惯于按老办法、老经验办事,工作中缺乏新思路、新举措。",
        "boilerplate",
    ),
    P(
        "sl-p1",
        "孙丽",
        NOW,
        "宗旨意识有所淡化,深入基层、联系群众不够经常,对群众的急难愁盼问题了解不深。",
        "boilerplate",
    ),
    P(
        "zt-p1",
        "周涛",
        NOW,
        "批评与自我批评开展得不够经常,存在好人主义思想,怕得罪人,对身边同志的缺点不愿指出。",
        "boilerplate",
        note="身边同志 is not a named person",
    ),
    P(
        "wm-p1",
        "吴敏",
        NOW,
        "党性修养有待加强,政治鉴别力不够强,对网络上的错误言论没有坚决斗争。",
        "boilerplate",
    ),
    P(
        "zk-p1",
        "郑凯",
        NOW,
        "纪律规矩意识有所松懈,对一些小节问题不够重视,认为无伤大雅。",
        "boilerplate",
    ),
    P(
        "hhy-p1",
        "黄海燕",
        NOW,
        "斗争精神不强,面对矛盾问题有畏难情绪,遇到棘手问题习惯上交。",
        "boilerplate",
    ),
    P(
        "mc-p1",
        "马超",
        NOW,
        "政治站位不够高,对上级决策部署的理解停留在表面,抓落实的力度不够。",
        "boilerplate",
    ),
    P(
        "lx-p1",
        "林晓",
        NOW,
        "以工作忙为由放松了学习,学习碎片化,浅尝辄止,不求甚解。",
        "boilerplate",
    ),
    P(
        "hf-p1",
        "何芳",
        NOW,
        "调查研究不够深入,下基层调研次数少,掌握的情况不够全面。",
        "boilerplate",
    ),
    P(
        "gm-p1",
        "高明",
        NOW,
        "业务能力不强,对新出台的政策法规学习不够,服务群众的本领有待提高。",
        "boilerplate",
    ),
    P(
        "lb-p1",
        "罗斌",
        NOW,
        "精神状态不够饱满,工作热情有所减退,存在“守摊子”思想。",
        "boilerplate",
        note="a short quoted colloquialism is not a named example",
    ),
    P(
        "lh-p1",
        "梁红",
        NOW,
        "廉洁自律意识不够强,对家属子女要求不够严格,勤俭节约做得不够好。",
        "boilerplate",
    ),
    P(
        "lb-p2",
        "罗斌",
        NOW,
        "在实际工作中创新意识不强,习惯于凭经验办事。",
        "boilerplate",
        note="在实际工作中 is not a concrete occasion",
    ),
    P(
        "gm-p2",
        "高明",
        NOW,
        "在日常工作中对自己要求不够严格,有时上班踩点到、提前走。",
        "boilerplate",
    ),
    P(
        "mc-p2",
        "马超",
        NOW,
        "政治理论学习不够深入,对习近平新时代中国特色社会主义思想的学习还停留在读原文、记笔记的层面。",
        "boilerplate",
    ),
    P(
        "hhy-p2",
        "黄海燕",
        NOW,
        "对党的二十大精神和二十届三中全会精神学习不够深入,理解不够透彻。",
        "boilerplate",
        note="二十大 / 三中全会 are not numbers of anything",
    ),
    P(
        "zk-p2",
        "郑凯",
        NOW,
        "树牢“四个意识”不够自觉,贯彻落实上级部署有时打折扣、搞变通。",
        "boilerplate",
        note="a quoted slogan is not a concrete example",
    ),
    # --- generic phrase, but with a concrete example: not boilerplate ---------------------
    P(
        "ln-p1",
        "李娜",
        NOW,
        "理论学习不够系统深入。今年支部安排的12次集中学习,我有3次因下乡督导请假,事后只看了"
        "学习材料,没有补写笔记,对新修订的《中国共产党纪律处分条例》至今讲不全。",
    ),
    P(
        "cj-p1",
        "陈静",
        NOW,
        "联系服务群众不够主动。包联的幸福里社区有两户独居老人8月反映楼道灯不亮,我只转给了物业,"
        "直到10月才修好,期间没有上门回访。",
    ),
    P(
        "wq-p2",
        "王强",
        NOW,
        "工作作风不够扎实,存在以文件落实文件的情况。例如6月转发区里的防汛工作方案时,只改了抬头"
        "就下发,没有结合我们街道低洼片区的实际明确责任人。",
    ),
    P(
        "ly-p2",
        "刘洋",
        NOW,
        "担当精神不足。在城东菜市场占道经营整治中,因担心引发矛盾,两次把协调会推给分管副主任主持,"
        "自己没有到现场。",
    ),
    P(
        "zl-p2",
        "赵磊",
        NOW,
        "创新意识不强。负责的社区养老服务站一直沿用前年的排班表,居民提出晚上无人值守,我没有及时"
        "调整,直到街道督查时才改过来。",
    ),
    P(
        "sl-p2",
        "孙丽",
        NOW,
        "学习不够深入,以工作忙为由放松学习。比如学习强国本季度积分只有600多分,是支部最低的。",
    ),
    P(
        "zt-p2",
        "周涛",
        NOW,
        "标准不够高,满足于过得去。上半年报送的3份调研报告,有2份因数据没有核实被区委办退回修改。",
    ),
    P(
        "wm-p2",
        "吴敏",
        NOW,
        "纪律意识不强,今年4月参加区里的专题培训时,有一个下午提前离场,没有按规定请假。",
    ),
    P(
        "hhy-p3",
        "黄海燕",
        NOW,
        "服务意识有待提高,在窗口受理低保申请时,对一位反复询问的老人态度生硬,被群众在12345热线"
        "投诉了一次。",
    ),
    P(
        "mc-p3",
        "马超",
        NOW,
        "调查研究不够深入。牵头的老旧小区加装电梯调研,只召开了一次座谈会,没有入户听取低楼层住户的"
        "意见,导致方案公示后有11户提出异议。",
    ),
    P(
        "lb-p3",
        "罗斌",
        NOW,
        "组织观念不强,今年有3个月的党费没有按月交纳,都是支部催了才补交。",
    ),
    P(
        "lh-p2",
        "梁红",
        NOW,
        "帮带年轻同志不够,张晓明同志入职以来还不能独立办理业务,我没有安排专门时间指导。",
        note="a named person is a concrete example",
    ),
    P(
        "cj-p2",
        "陈静",
        NOW,
        "过“紧日子”的意识不强,社区文艺汇演租用了舞台灯光设备,花费1.2万元,没有充分利用社区"
        "现有条件。",
    ),
    P(
        "zt-p3",
        "周涛",
        NOW,
        "理论学习不够深入,例如支部安排的《习近平谈治国理政》第五卷导读,我两次因值班没参加,"
        "也没有补学。",
        note="shares 理论学习不够深入 and 支部安排 with ln-p1 but is a different example",
    ),
    # --- specific problems without a stock phrase -----------------------------------------
    P(
        "hj-p1",
        "胡军",
        NOW,
        "对分管的消防安全检查督促不力,10月检查发现的3处堵塞消防通道问题,到现在还有1处没有整改。",
    ),
    P(
        "lx-p2",
        "林晓",
        NOW,
        "对新入职的两名年轻同志帮带不到位,没有按计划每月谈心,其中一人在办理退役军人优待证时"
        "出了差错。",
    ),
    P(
        "hf-p2",
        "何芳",
        NOW,
        "主题党日活动质量不高,今年有一次主题党日以布置业务工作代替,会前没有通知全体党员。",
    ),
    P(
        "gm-p3",
        "高明",
        NOW,
        "在重点人群走访中,对辖区内56户独居老人的走访记录有9户是补填的。",
    ),
    P(
        "gm-p4",
        "高明",
        NOW,
        "对独居老人的走访不够扎实,56户独居老人中有9户的走访记录是补填的。",
        note="same author, same meeting as gm-p3: neither recycled nor copied",
    ),
    P(
        "lb-p4",
        "罗斌",
        NOW,
        "接待群众来访时有时态度生硬,解释政策缺乏耐心。",
        note="a specific behaviour, not one of the stock phrases",
    ),
    P(
        "lh-p3",
        "梁红",
        NOW,
        "对分管的垃圾分类工作缺乏长远谋划,今年只开展了一次集中宣传,居民分类投放准确率一直在60%左右。",
    ),
    P(
        "mc-p4",
        "马超",
        NOW,
        "对年轻干部的思想动态掌握不够,今年新调入的2名同志工作上遇到困难,我都是从别人那里才知道。",
    ),
    # --- recycled: the same author's problem from an earlier meeting ----------------------
    P(
        "wq-e1",
        "王强",
        EARLIER,
        "对社区网格化管理工作督促检查不够,部分网格员入户走访流于形式,群众反映的问题不能及时上报,"
        "第三季度有5件群众诉求超期办结。",
    ),
    P(
        "wq-p3",
        "王强",
        NOW,
        "对社区网格化管理工作督促检查还不到位,一些网格员入户走访走过场,群众反映的问题上报不及时。",
        "recycled boilerplate",
        recycled="wq-e1",
        note="last year's problem again, this time without the example",
    ),
    P(
        "ln-e1",
        "李娜",
        EARLIER,
        "落实“三会一课”制度不够严格,有2次支部委员会因人员不齐推迟召开。",
    ),
    P(
        "ln-p2",
        "李娜",
        NOW,
        "落实“三会一课”制度还不够严格,今年有两次支委会因人员不齐推迟召开。",
        "recycled",
        recycled="ln-e1",
    ),
    P(
        "sl-e1",
        "孙丽",
        EARLIER,
        "学习不够深入,对党的二十届三中全会精神只读了公报,没有研读《决定》全文。",
        note="hard negative for sl-p2: same author, same stock phrase, different example",
    ),
    P(
        "ly-e1",
        "刘洋",
        EARLIER,
        "思想认识不到位,对意识形态工作重视不够。",
        "boilerplate",
    ),
    P(
        "ly-p3",
        "刘洋",
        NOW,
        "对意识形态工作重视不够,思想认识不到位。",
        "boilerplate recycled",
        recycled="ly-e1",
        note="last year's boilerplate pasted again (照搬全用)",
    ),
    P(
        "zw-e2",
        "张伟",
        EARLIER_2,
        "对支部党员的日常教育管理抓得不够紧,流动党员王某某连续4个月没有参加组织生活,支部没有及时"
        "联系。",
    ),
    P(
        "zw-e1",
        "张伟",
        EARLIER,
        "对创建全国文明城市迎检工作统筹不够,9月迎检时两个小区的垃圾分类点位不达标,被市里通报。",
    ),
    P(
        "zw-p2",
        "张伟",
        NOW,
        "对流动党员的教育管理抓得不够紧,有的流动党员连续几个月没有参加组织生活,支部联系不及时。",
        "recycled",
        recycled="zw-e2",
        note="recycled from two meetings back",
    ),
    P(
        "hhy-e1",
        "黄海燕",
        EARLIER,
        "服务意识有待提高,在窗口办理医保业务时,有一次因系统故障让群众白跑一趟,没有提前告知。",
        note="hard negative for hhy-p3: same author, same topic, different example",
    ),
    P(
        "hj-e1",
        "胡军",
        EARLIER,
        "担当精神不足,遇到难事、急事有时推诿,存在求稳怕乱思想。",
        "boilerplate",
    ),
    P(
        "hj-p2",
        "胡军",
        NOW,
        "担当精神不足,遇到难事、急事有时推诿,存在求稳怕乱思想。",
        "boilerplate recycled",
        recycled="hj-e1",
    ),
    P(
        "zk-e1",
        "郑凯",
        EARLIER,
        "对分管的安全生产检查不够细致,辖区内小餐饮店燃气管道老化问题,检查时只看台账,没有到后厨"
        "实地查看。",
    ),
    P(
        "zk-p3",
        "郑凯",
        NOW,
        "安全生产检查不够细致,对辖区小餐饮店燃气安全只查台账,没有深入后厨实地查看,存在漏查。",
        "recycled",
        recycled="zk-e1",
    ),
    P(
        "mc-e1",
        "马超",
        EARLIER,
        "落实河长制巡河工作不到位,上半年应巡河24次,实际只巡了15次,巡河记录有补填现象。",
        note="another author's earlier problem: no rule relates it to wm-p3/zk-p4",
    ),
    # --- copied: another author's problem at the same meeting -----------------------------
    P(
        "cj-p3",
        "陈静",
        NOW,
        "为民服务意识不强,对群众反映的幸福里小区停车难问题,只是登记转办,没有跟踪办理结果。",
        "copied",
        copied="zl-p3",
    ),
    P(
        "zl-p3",
        "赵磊",
        NOW,
        "服务群众意识不够强,对幸福里小区居民反映的停车难问题仅作登记转办,没有跟踪办理结果。",
        "copied",
        copied="cj-p3",
    ),
    P(
        "wm-p3",
        "吴敏",
        NOW,
        "落实河长制巡河工作不到位,3月至5月应巡河12次,实际只巡了7次,巡河记录有补填现象。",
        "copied",
        copied="zk-p4",
    ),
    P(
        "zk-p4",
        "郑凯",
        NOW,
        "巡河工作落实不到位,3至5月应巡12次只巡了7次,巡河记录存在补填情况。",
        "copied",
        copied="wm-p3",
    ),
    P(
        "hj-p3",
        "胡军",
        NOW,
        "理论学习不够深入,学用结合不够紧密。",
        "boilerplate copied",
        copied=("lx-p3", "hf-p3"),
        note="three members hand in the same sentence (吃大锅饭)",
    ),
    P(
        "lx-p3",
        "林晓",
        NOW,
        "理论学习不够深入,学用结合不够紧密。",
        "boilerplate copied",
        copied=("hj-p3", "hf-p3"),
    ),
    P(
        "hf-p3",
        "何芳",
        NOW,
        "理论学习不够深入,学用结合不够紧密。",
        "boilerplate copied",
        copied=("hj-p3", "lx-p3"),
    ),
    P(
        "lx-p4",
        "林晓",
        NOW,
        "在“我为群众办实事”活动中,承诺为幸福里社区加装的12个晾衣架至今没有落实。",
        "copied",
        copied="lh-p4",
    ),
    P(
        "lh-p4",
        "梁红",
        NOW,
        "“我为群众办实事”承诺的事项没有按期兑现,如为幸福里社区加装12个晾衣架,至今未落实。",
        "copied",
        copied="lx-p4",
    ),
    # --- harder cases, written after the checker's first version ------------------------
    P(
        "cj-e1",
        "陈静",
        EARLIER,
        "对社区困难群众的帮扶停留在逢年过节送米送油,没有针对各户实际制定帮扶措施,3户低保户子女"
        "就业问题一直没有解决。",
    ),
    P(
        "cj-p4",
        "陈静",
        NOW,
        "帮扶困难群众还是逢年过节送米送油,没有针对每户情况制定帮扶办法,3户低保家庭子女就业至今"
        "没有解决。",
        "recycled",
        recycled="cj-e1",
        note="reworded with synonyms",
    ),
    P(
        "zt-p4",
        "周涛",
        NOW,
        "会议精神传达不及时,区委全会精神在支部传达晚了两周,部分党员至今不了解。",
        "copied",
        copied="ln-p3",
    ),
    P(
        "ln-p3",
        "李娜",
        NOW,
        "区委全会精神在支部晚传达了两周,传达上级会议精神不及时,有的党员至今还不了解。",
        "copied",
        copied="zt-p4",
        note="clauses reordered",
    ),
    P(
        "zl-p4",
        "赵磊",
        NOW,
        "幸福里小区加装电梯的协调工作推进慢,低楼层住户的意见没有协调好,项目停了两个月。",
        note="same project as mc-p3, a different failing: not a copy",
    ),
    P("wm-p4", "吴敏", NOW, "群众观念淡薄,有时候对群众诉求回应不及时。", "boilerplate"),
    P("hj-p4", "胡军", NOW, "大局意识不强,有时只考虑本部门利益。", "boilerplate"),
    P("gm-p5", "高明", NOW, "攻坚克难的勇气不足,碰到难题习惯绕着走。", "boilerplate"),
    P(
        "zk-p5",
        "郑凯",
        NOW,
        "政治理论学习不够深入,去年冬天组织的读书班我只去了开班式。",
    ),
    P("lh-p5", "梁红", NOW, "近年来理论学习不够深入,存在以干代学现象。", "boilerplate"),
    P(
        "hhy-p4",
        "黄海燕",
        NOW,
        "工作作风不够扎实,有一次在防汛值班时脱岗半小时,没有向带班领导报告。",
    ),
    P(
        "sl-p3",
        "孙丽",
        NOW,
        "对幸福里小区停车难问题调研不深,只听了物业的汇报,没有召集业委会和居民代表座谈。",
        note="hard negative: same topic (停车难, 幸福里小区) as cj-p3/zl-p3, different content",
    ),
]

MEASURES: list[Case] = [
    M(
        "zw-m1",
        "张伟",
        "2026年6月底前,通读《习近平谈治国理政》第五卷,每月在支部学习会上交流1次心得。",
    ),
    M("wq-m1", "王强", "尽量抽时间加强理论学习,进一步提高政治站位。", "vague no_deadline"),
    M("ly-m1", "刘洋", "力争在年底前完成包联社区3处破损路灯的维修。", "vague"),
    M(
        "cj-m1",
        "陈静",
        "争取上级专项资金,于2026年9月30日前完成幸福里社区雨污分流改造。",
        note="争取 + 资金: applying for funds, not a soft commitment",
    ),
    M("zl-m1", "赵磊", "认真学习党章党规,不断增强纪律规矩意识。", "vague no_deadline"),
    M("sl-m1", "孙丽", "每周一前将上周群众来电办理情况在社区公示栏公示,长期坚持。"),
    M("zt-m1", "周涛", "3个月内对联系的12户困难群众逐户走访一遍,建立走访台账。"),
    M("wm-m1", "吴敏", "逐步建立健全联系服务群众长效机制。", "vague no_deadline"),
    M("zk-m1", "郑凯", "本季度内完成辖区43家小餐饮店燃气安全入户检查,确保不漏一户。"),
    M(
        "hhy-m1",
        "黄海燕",
        "按照支部确定的努力方向,于2026年3月31日前制定个人年度学习计划并报支部备案。",
        note="努力方向 is the section name",
    ),
    M(
        "mc-m1",
        "马超",
        "学习《关于进一步激励广大干部新时代新担当新作为的意见》,12月31日前写出不少于2000字的"
        "心得体会。",
        note="进一步 inside a document title",
    ),
    M("hj-m1", "胡军", "努力提升业务能力,适当增加下基层调研次数。", "vague no_deadline"),
    M(
        "lx-m1",
        "林晓",
        "对分管科室的请销假制度执行情况开展一次专项检查。",
        deadline=datetime.date(2026, 5, 31),
        note="the deadline is in the structured field",
    ),
    M("hf-m1", "何芳", "对分管科室的请销假制度执行情况开展一次专项检查。", "no_deadline"),
    M(
        "gm-m1",
        "高明",
        "2026年1月底前把拖欠的3个月党费补交支部。",
        "no_deadline",
        owner="",
        note="owner expected but missing",
    ),
    M("lb-m1", "罗斌", "2026年1月底前把社区公示栏的过期信息全部更新。", owner="罗斌"),
    M("lh-m1", "梁红", "立行立改,会后一周内将补填的9户走访记录重新入户核实。"),
    M("zw-m2", "张伟", "两周内与班子成员逐一谈心谈话,此后每季度至少谈1次。"),
    M("ln-m1", "李娜", "在下次组织生活会前,把本次查摆的5个问题整改情况逐一向支部报告。"),
    M(
        "wq-m2",
        "王强",
        "加强学习型党支部建设,2026年上半年组织4次专题党课。",
        note="学习型党支部 is a name, not 加强学习",
    ),
    M("ly-m2", "刘洋", "进一步压实责任,确保问题整改到位。", "vague no_deadline"),
    M("cj-m2", "陈静", "争取早日完成整改。", "vague no_deadline"),
    M("zl-m2", "赵磊", "尽快把社区党群服务中心的值班制度修订完善。", "vague no_deadline"),
    M("sl-m2", "孙丽", "对群众反映的停车难问题,力求拿出解决方案。", "vague no_deadline"),
    M(
        "zt-m2",
        "周涛",
        "于2026年4月15日前,与小区物业、业委会召开1次协调会,明确停车位划线方案。",
    ),
    M(
        "wm-m2",
        "吴敏",
        "对照“能‘一定’就不说‘尽量’”的要求,重新修订个人整改清单,2026年1月10日前报支部审核。",
        note="尽量 is quoted",
    ),
    M("zk-m2", "郑凯", "年内完成本人分管档案的数字化整理。"),
    M("hhy-m2", "黄海燕", "适时组织一次回头看,检查整改落实情况。", "vague no_deadline"),
    M("mc-m2", "马超", "确保2026年底前完成辖区5个老旧小区加装电梯意见征集。"),
    M("hj-m2", "胡军", "严格执行请示报告制度,重大事项一律事前请示,长期坚持。"),
    M(
        "lx-m2",
        "林晓",
        "每天学习强国积分不少于30分,每月向支部书记报告一次学习情况。",
        "no_deadline",
        note="a frequency is not a deadline",
    ),
    M("hf-m2", "何芳", "有待加强与群众的沟通联系。", "vague no_deadline"),
    M(
        "gm-m2",
        "高明",
        "加强政治理论学习,提高政治判断力、政治领悟力、政治执行力。",
        "vague no_deadline",
    ),
    M("lb-m2", "罗斌", "把“我为群众办实事”清单中未完成的2件实事,在2026年春节前全部办结。"),
    M("lh-m2", "梁红", "2026年3月起每月第一周到包联小区走访不少于2次,做好走访记录。"),
    M("zw-m3", "张伟", "力争到2026年6月,支部党员学习强国平均积分提高20%。", "vague"),
    M("ln-m2", "李娜", "在30个工作日内完成低保对象复核,确保应保尽保。"),
    M(
        "wq-m3",
        "王强",
        "通过努力,本季度内将窗口平均等候时间压缩到15分钟以内。",
        note="通过努力 describes the effort, the commitment itself is concrete",
    ),
    M("ly-m3", "刘洋", "尽可能多参加社区志愿服务活动。", "vague no_deadline"),
    M(
        "cj-m3",
        "陈静",
        "自觉接受群众监督,争取群众理解和支持。",
        "no_deadline",
        note="争取群众理解: 争取 as 'win over'",
    ),
    M("zl-m3", "赵磊", "建立问题整改台账,实行销号管理,2026年2月底前全部销号。"),
    M("sl-m3", "孙丽", "今后要进一步增强宗旨意识,切实改进工作作风。", "vague no_deadline"),
    M("zt-m3", "周涛", "从现在起,每月至少读1本理论书籍,并写读书笔记。", "no_deadline"),
    M("wm-m3", "吴敏", "半年内把承担的3项课题调研全部完成并形成报告。"),
    M("zk-m3", "郑凯", "立即整改,当天把违规停放的公务车辆全部归位。"),
    M("hhy-m3", "黄海燕", "下一步将更加注重学习,努力做到学以致用。", "vague no_deadline"),
    M("mc-m3", "马超", "进一步加强和改进作风建设。", "vague no_deadline"),
    M("hj-m3", "胡军", "加强业务学习,提高服务水平。", "vague no_deadline"),
    M("lx-m3", "林晓", "落实整改。", "no_deadline", owner="", note="no deadline and no owner"),
    M(
        "hf-m3",
        "何芳",
        "12月31日前完成支部党员档案的核对,发现问题当场更正。",
        owner=None,
        note="owner None: not applicable",
    ),
    M("gm-m3", "高明", "十二月底前将分管的3项整改任务全部完成销号。"),
    M("lb-m3", "罗斌", "会后两个月内对辖区内所有沿街商铺的门前三包责任书重新签订。"),
    M("zw-m4", "张伟", "争取在2026年3月底前完成支部换届准备工作。", "vague"),
    M("ln-m4", "李娜", "尽力而为,按期完成。", "vague no_deadline"),
    M("wq-m4", "王强", "2026.3.31前完成党员积分管理办法修订。"),
    M("ly-m4", "刘洋", "截至2026年4月底,完成全部12个网格的党小组调整。"),
    M("cj-m4", "陈静", "于明年一季度完成辖区消防设施排查。"),
    M("zl-m4", "赵磊", "会后立即召开支委会研究整改方案。"),
    M("sl-m4", "孙丽", "在春节前走访慰问辖区内全部困难党员。"),
]

# Third batch: written and labelled *before* running the checker on it, as a blind check.
# The first run missed 5 and over-flagged 1 (理想信念有所动摇, 主动性、自觉性不够强, a quoted
# “重留痕、轻实效”, 持续提升, 积极参加, 下周一前); the checker's word lists were widened, the
# labels were not changed.
BLIND: list[Case] = [
    P("fg-p1", "冯刚", NOW, "理想信念有所动摇,对个别西方错误观点辨别不清。", "boilerplate"),
    P(
        "xt-p1",
        "许婷",
        NOW,
        "落实意识形态工作责任制不到位,今年3月社区宣传栏张贴的一份外来宣传品没有经过审核。",
    ),
    P("cy-p1", "曹阳", NOW, "工作主动性不强,习惯于等上级安排。", "boilerplate"),
    P(
        "dl-p1",
        "邓丽",
        NOW,
        "对分管的老年食堂运营监督不够,9月有居民反映饭菜分量不足,我没有及时核实处理。",
    ),
    P(
        "pc-p1",
        "彭程",
        NOW,
        "作为年轻党员,学习的主动性、自觉性不够强,有时存在应付思想。",
        "boilerplate",
    ),
    P(
        "yy-p1",
        "袁媛",
        NOW,
        "在组织开展“清廉社区”创建过程中,宣传发动不充分,居民知晓率只有40%左右。",
    ),
    P(
        "fg-e1",
        "冯刚",
        EARLIER,
        "对社区低保动态管理把关不严,有2户家庭收入已超标仍在享受低保。",
    ),
    P(
        "fg-p2",
        "冯刚",
        NOW,
        "对低保动态管理把关不严格,个别家庭收入超标后仍然在享受低保待遇。",
        "recycled",
        recycled="fg-e1",
    ),
    P(
        "xt-p2",
        "许婷",
        NOW,
        "工作中存在“重留痕、轻实效”的倾向,为迎检补做了大量会议记录和照片。",
        "copied boilerplate",
        copied="cy-p2",
        note="a quoted stock phrase is not a named example",
    ),
    P(
        "cy-p2",
        "曹阳",
        NOW,
        "存在重痕迹轻实效倾向,为迎接检查补做了大量会议记录、照片等台账资料。",
        "copied boilerplate",
        copied="xt-p2",
    ),
    M(
        "fg-m1",
        "冯刚",
        "进一步健全低保动态管理机制,每季度开展一次入户核查。",
        "vague no_deadline",
    ),
    M("xt-m1", "许婷", "于2026年1月31日前完成社区宣传阵地全面排查,建立审核登记制度。"),
    M("cy-m1", "曹阳", "做到“五个坚持”,持续提升服务质效。", "vague no_deadline"),
    M("dl-m1", "邓丽", "下周一前与老年食堂运营方约谈,明确饭菜分量标准并公示。"),
    M("pc-m1", "彭程", "每周至少安排2个晚上自学,力求学深悟透。", "vague no_deadline"),
    M("yy-m1", "袁媛", "2026年6月底前将居民知晓率提高到80%以上。"),
    M("fg-m2", "冯刚", "适当的时候向支部汇报整改进展。", "vague no_deadline"),
    M("xt-m2", "许婷", "会后10日内完成问题清单、责任清单、任务清单“三张清单”。"),
    M("cy-m2", "曹阳", "争取在本月内完成。", "vague"),
    M("dl-m2", "邓丽", "积极参加支部组织的各项活动。", "vague no_deadline"),
    M("pc-m2", "彭程", "整改时限:2026年3月。"),
]

# --------------------------------------------------------------------------------------------
# HELD_OUT: two further branches (a village, 青山村党支部, and a primary school, 城关第二小学
# 党支部), written and labelled in one sitting *before* the second version of the checker was
# tuned, and never changed after. Nothing is learned from them (no phrase list, no synonym, no
# threshold): bench/checker.py reports them apart. Their meetings carry ids, so "the same
# meeting" never reaches into the other branches' cases.
# --------------------------------------------------------------------------------------------

C1 = datetime.date(2024, 1, 12)
C2 = datetime.date(2025, 1, 10)
D1 = datetime.date(2023, 12, 28)
D2 = datetime.date(2024, 12, 27)
D3 = datetime.date(2025, 12, 26)
_MEETING_OF = {C1: "c-2024", C2: "c-2025", D1: "d-2023", D2: "d-2024", D3: "d-2025"}


def H(id: str, author: str, date: datetime.date, text: str, rules: str = "", **kw) -> Case:  # noqa: N802
    return P(id, author, date, text, rules, meeting=_MEETING_OF[date], **kw)


HELD_OUT: list[Case] = [
    # --- the village: paraphrased recycles (the same object and failing, other words) -----
    H(
        "wxy-c1",
        "王秀英",
        C1,
        "理论学习浮于表面,参加集中学习只读原文、不谈体会,2023年支部学习笔记只记了6次。",
    ),
    H(
        "wxy-c2",
        "王秀英",
        C2,
        "学习走过场,支部学习时照本宣科,没有结合村里工作谈认识,笔记今年也只记了寥寥几次。",
        "recycled",
        recycled="wxy-c1",
    ),
    H(
        "zds-c1",
        "赵德胜",
        C1,
        "防汛期间值班纪律松弛,7月暴雨当晚有2小时不在值班室,没有向村委报备。",
    ),
    H(
        "zds-c2",
        "赵德胜",
        C2,
        "汛期值守不严格,今年8月台风期间夜里擅自离岗回家,值班电话无人接听。",
        "recycled",
        recycled="zds-c1",
    ),
    H(
        "szg-c1",
        "孙志刚",
        C1,
        "对乡镇转来的文件办理拖拉,上级来文常常压在手里好几天,有3份材料逾期上报。",
    ),
    H(
        "szg-c2",
        "孙志刚",
        C2,
        "处理上级公文不及时,文件到村后积压,去年有两次报表超过时限才报上去,被镇里催办。",
        "recycled",
        recycled="szg-c1",
    ),
    H(
        "qyl-c1",
        "钱玉兰",
        C1,
        "联系群众不够经常,入户走访次数少,对组里留守老人的情况掌握不全。",
        "boilerplate",
    ),
    H(
        "qyl-c2",
        "钱玉兰",
        C2,
        "很少主动到群众家里走一走,对三组独居、留守老人的底数说不清楚,镇里核对时有4户对不上。",
        "recycled",
        recycled="qyl-c1",
    ),
    H(
        "zyf-c1",
        "周永福",
        C1,
        "村集体资金使用公开不及时,村务公开栏的账目一个季度才更新一次,群众有意见。",
    ),
    H(
        "zyf-c2",
        "周永福",
        C2,
        "村务财务公开滞后,公开栏里的收支明细经常几个月不更新,有村民在微信群里提意见。",
        "recycled",
        recycled="zyf-c1",
    ),
    H(
        "wcy-c1",
        "吴春燕",
        C1,
        "开展批评与自我批评辣味不足,组织生活会上给其他同志提意见时避重就轻,只讲工作上的小毛病。",
        "boilerplate",
    ),
    H(
        "wcy-c2",
        "吴春燕",
        C2,
        "在组织生活会上给同志们提意见总是轻描淡写,挑无关痛痒的说,怕伤了和气。",
        "boilerplate recycled",
        recycled="wcy-c1",
    ),
    H(
        "zht-c1",
        "郑海涛",
        C1,
        "对土地流转合同管理不规范,有5份合同没有备案,合同到期后续签不及时。",
    ),
    H(
        "zht-c2",
        "郑海涛",
        C2,
        "村里的土地承包流转合同管得松,部分合同没有到镇经管站备案,到期续签一拖再拖。",
        "recycled",
        recycled="zht-c1",
    ),
    H(
        "cgp-c1",
        "陈国平",
        C1,
        "人居环境整治抓得不紧,房前屋后乱堆乱放反复出现,2023年镇里检查两次排名靠后。",
    ),
    H(
        "cgp-c2",
        "陈国平",
        C2,
        "村容村貌整治成效不巩固,乱堆乱放整治完了又反弹,镇里暗访时又被点了名。",
        "recycled",
        recycled="cgp-c1",
    ),
    H(
        "ljg-c1",
        "李建国",
        C1,
        "抓班子带队伍不够有力,村两委分工后各管一摊,遇到难事互相推,合力不强。",
        "boilerplate",
    ),
    H(
        "ljg-c2",
        "李建国",
        C2,
        "村两委班子成员之间沟通少,各干各的,碰到矛盾相互推诿,班子凝聚力不够。",
        "boilerplate recycled",
        recycled="ljg-c1",
    ),
    # --- the village: the same member and object, a different failing (not recycled) -----
    H(
        "fjh-c1",
        "冯建华",
        C1,
        "带头移风易俗不够,去年儿子结婚时酒席办了30多桌,超出了村规民约定的标准。",
    ),
    H(
        "fjh-c2",
        "冯建华",
        C2,
        "对村里红白喜事大操大办劝导不力,今年有3户办酒超过规定桌数,我没有上门做工作。",
        note="same object (移风易俗), another failing: his own wedding then, not dissuading now",
    ),
    H(
        "clp-c1",
        "褚丽萍",
        C1,
        "发展党员工作程序把关不严,有1名入党积极分子的培养考察记录缺了两个季度。",
    ),
    H(
        "clp-c2",
        "褚丽萍",
        C2,
        "对入党积极分子的日常培养不够,和他们谈心谈话少,今年只和小刘谈过一次。",
        note="same object (入党积极分子), another failing: records then, mentoring now",
    ),
    # --- the village: generic texts, no stock phrase in mind -------------------------------
    H(
        "wdm-c2",
        "卫东明",
        C2,
        "政治上的敏锐性还需要锤炼,看待一些社会热点时容易人云亦云,缺少自己的判断。",
        "boilerplate",
    ),
    H(
        "ljg-c3",
        "李建国",
        C2,
        "当村支书时间长了,思想上有了松口气的念头,干事的冲劲不如从前,满足于不出事。",
        "boilerplate",
    ),
    H(
        "gcs-c2",
        "高春生",
        C2,
        "为民服务的主动性不够,很多时候是群众找上门才办,没有想在群众前面。",
        "boilerplate",
    ),
    H(
        "lgf-c2",
        "林桂芳",
        C2,
        "作为一名老党员,发挥先锋模范作用不明显,在各项工作中带头少、跟着走多。",
        "boilerplate",
    ),
    H(
        "zyf-c3",
        "周永福",
        C2,
        "大局观念不够牢固,考虑问题有时只从本组利益出发,讲团结、顾全局做得不够。",
        "boilerplate",
    ),
    H(
        "zht-c3",
        "郑海涛",
        C2,
        "对廉洁风险的警惕性不够高,认为都是小钱小事,管得松一点也出不了大问题。",
        "boilerplate",
    ),
    H(
        "qsh-c2",
        "邱少华",
        C2,
        "抓党建的责任意识还不强,总觉得发展经济是硬任务、党建是软任务,平时抓得少、问得少。",
        "boilerplate",
    ),
    H(
        "wdm-c3",
        "卫东明",
        C2,
        "对“两个确立”的决定性意义领悟不够深刻,践行“两个维护”的自觉性还需增强。",
        "boilerplate",
        note="quoted formulations do not make a generic problem concrete",
    ),
    # --- the village: concrete problems ----------------------------------------------------
    H(
        "lgf-c3",
        "林桂芳",
        C2,
        "树牢“四个意识”不够,今年3月镇里布置的防返贫监测排查,我们组晚了一周才报送。",
        note="a formulation quoted in a concrete problem is not a finding",
    ),
    H(
        "wdm-c4",
        "卫东明",
        C2,
        "村里“一事一议”项目公示不及时,修建东头水泥路的费用明细到现在还没有张榜。",
    ),
    H(
        "gcs-c3",
        "高春生",
        C2,
        "落实党员联系户制度不到位,我联系的6户群众今年只走访了一半。",
    ),
    H(
        "qsh-c3",
        "邱少华",
        C2,
        "工作作风不够扎实,上次防汛检查时我只在村部看了台账,没有到河堤上实地查看。",
    ),
    # --- the village: the same sentence in two members' drafts ----------------------------
    H(
        "cgp-c3",
        "陈国平",
        C2,
        "村里的垃圾清运不及时,一些垃圾桶满了两三天才拉走,夏天气味大,群众有意见。",
        "copied",
        copied="lgf-c4",
    ),
    H(
        "lgf-c4",
        "林桂芳",
        C2,
        "垃圾清运不及时,垃圾桶经常满溢两三天没人清运,天热时异味大,村民意见多。",
        "copied",
        copied="cgp-c3",
    ),
    # --- the school: paraphrased recycles --------------------------------------------------
    H(
        "syq-d1",
        "沈雅琴",
        D1,
        "理论学习不够系统,平时忙于教学,政治学习多是听一听、记一记,很少主动研读原著。",
        "boilerplate",
    ),
    H(
        "syq-d2",
        "沈雅琴",
        D2,
        "对班里学困生关注不够,本学期期中考试后有4名学生没有进行个别辅导。",
    ),
    H(
        "syq-d3",
        "沈雅琴",
        D3,
        "自学时间少,参加政治学习满足于听和记,没有主动去读原著原文。",
        "boilerplate recycled",
        recycled="syq-d1",
        note="recycled from two meetings back",
    ),
    H(
        "hlx-d2",
        "韩立新",
        D2,
        "作业布置量控制不严,所带两个班每天书面作业经常超过一小时,家长有反映。",
    ),
    H(
        "hlx-d3",
        "韩立新",
        D3,
        "落实“双减”不到位,布置的书面作业偏多,学生常常写到很晚,有两位家长打电话反映过。",
        "recycled",
        recycled="hlx-d2",
    ),
    H(
        "yhm-d1",
        "杨慧敏",
        D1,
        "安全教育流于形式,安全教育课常被挤占,上学期有3周没上。",
    ),
    H(
        "yhm-d2",
        "杨慧敏",
        D2,
        "安全教育课时落实不了,经常让位给语数外,学生的安全常识掌握得不好。",
        "recycled",
        recycled="yhm-d1",
    ),
    H(
        "zhm-d2",
        "朱红梅",
        D2,
        "对年轻教师的传帮带不够,结对的两名新教师听课指导每月不到一次。",
    ),
    H(
        "zhm-d3",
        "朱红梅",
        D3,
        "师徒结对流于形式,去年结对的青年老师我一学期只去听了三节课,评课也草草了事。",
        "recycled",
        recycled="zhm-d2",
    ),
    H(
        "xxd-d2",
        "许晓东",
        D2,
        "学校食堂食材采购验收把关不严,有一次蔬菜农残快检没做就入了库。",
    ),
    H(
        "xxd-d3",
        "许晓东",
        D3,
        "食堂进货查验不细致,今年春季学期一批冻品没有检疫证明就收下了,市场监管所检查时才发现。",
        "recycled",
        recycled="xxd-d2",
    ),
    H(
        "hjy-d1",
        "何静怡",
        D1,
        "班主任工作方法简单,批评学生有时言语过激。",
    ),
    H(
        "hjy-d3",
        "何静怡",
        D3,
        "对学生缺乏耐心,学生犯错时有时当众大声训斥,方式方法欠妥。",
        "recycled",
        recycled="hjy-d1",
    ),
    # --- the school: same object, another failing (not recycled) ---------------------------
    H(
        "yj-d2",
        "尤佳",
        D2,
        "课堂教学方式单一,信息化手段用得少,本学期公开课评分在教研组排倒数。",
    ),
    H(
        "yj-d3",
        "尤佳",
        D3,
        "信息化教学平台操作不熟练,上学期因操作失误导致一次线上测验的数据丢失。",
        note="same object (信息化), another failing",
    ),
    H(
        "qzy-d1",
        "秦志远",
        D1,
        "家校沟通不主动,对个别学生家庭变故了解滞后。",
    ),
    H(
        "qzy-d3",
        "秦志远",
        D3,
        "实验室安全管理有漏洞,9月检查发现化学药品柜没有落实双人双锁,领用登记不全。",
    ),
    # --- the school: generic texts --------------------------------------------------------
    H(
        "jwb-d3",
        "蒋文博",
        D3,
        "对自己的要求有所降低,觉得教了二十多年书,凭经验就能应付,钻研新课标的劲头弱了。",
        "boilerplate",
    ),
    H(
        "mfy-d3",
        "孟凡宇",
        D3,
        "政治理论功底比较薄,对一些重大理论问题的理解只停留在字面上,讲给学生听时底气不足。",
        "boilerplate",
    ),
    H(
        "jxm-d3",
        "贾晓敏",
        D3,
        "工作标准上有时候放松,追求过得去就行,精益求精的态度还不够。",
        "boilerplate",
    ),
    H(
        "ctt-d3",
        "曹婷婷",
        D3,
        "自我革新的意识淡了,对新技术新方法接受慢,习惯守着老一套。",
        "boilerplate",
    ),
    H(
        "qzy-d4",
        "秦志远",
        D3,
        "担当作为的精气神有所欠缺,遇到棘手的事第一反应是往外推、往上交。",
        "boilerplate",
    ),
    H(
        "wxl-d3",
        "韦晓丽",
        D3,
        "宗旨意识树得不够牢,为学生和家长服务的热情不高,有时候嫌麻烦。",
        "boilerplate",
    ),
    H(
        "hjy-d4",
        "何静怡",
        D3,
        "学习上存在实用主义倾向,考什么学什么、用什么学什么,系统性不够。",
        "boilerplate",
    ),
    H(
        "ctt-d4",
        "曹婷婷",
        D3,
        "在大是大非面前态度还不够鲜明,对身边一些不正确的言论没有及时站出来说话。",
        "boilerplate",
    ),
    # --- the school: concrete problems ----------------------------------------------------
    H(
        "mfy-d4",
        "孟凡宇",
        D3,
        "对学校图书室的借阅管理监督不到位,新采购的一批图书拆封后一直堆在仓库里没有上架。",
    ),
    H(
        "jxm-d4",
        "贾晓敏",
        D3,
        "教研活动准备不充分,本学期两次教研组活动都是临时定的主题,没有提前布置。",
    ),
    H(
        "wxl-d4",
        "韦晓丽",
        D3,
        "理论学习不够深入,支部组织的“学习二十届三中全会精神”专题研讨,我的发言提纲是临时凑的。",
    ),
    # --- the school: one paragraph handed in by two members --------------------------------
    H(
        "jwb-d4",
        "蒋文博",
        D3,
        "课后服务内容单一,托管时段大多让学生自习写作业,没有开设兴趣课程,家长满意度调查只有七成。",
        "copied",
        copied="lsy-d3",
    ),
    H(
        "lsy-d3",
        "吕思源",
        D3,
        "课后服务多数时间安排学生写作业自习,兴趣类课程没开起来,家长满意度调查结果只有70%左右。",
        "copied",
        copied="jwb-d4",
    ),
    # --- measures ---------------------------------------------------------------------------
    M(
        "wxy-cm1",
        "王秀英",
        "2025年3月底前读完《习近平关于“三农”工作论述摘编》,在支部学习会上交流1次。",
    ),
    M(
        "zds-cm1",
        "赵德胜",
        "汛期值班严格执行24小时在岗,确需离开的提前向村支书报告。",
        "no_deadline",
    ),
    M("szg-cm1", "孙志刚", "尽快建立来文登记台账,做到件件有着落。", "vague no_deadline"),
    M("zyf-cm1", "周永福", "每月10日前更新村务公开栏,同步发到村民微信群,长期坚持。"),
    M("cgp-cm1", "陈国平", "进一步完善人居环境整治长效机制。", "vague no_deadline"),
    M("zht-cm1", "郑海涛", "6月30日前完成全部土地流转合同到经管站备案。"),
    M("ljg-cm1", "李建国", "力争今年把班子团结问题解决好。", "vague"),
    M("lgf-cm1", "林桂芳", "带头参加村里义务劳动,多做表率。", "no_deadline"),
    M("syq-dm1", "沈雅琴", "本学期内每周三下午固定自学1小时,读完《习近平谈治国理政》第四卷。"),
    M("hlx-dm1", "韩立新", "严格控制书面作业总量,确保不超过规定时长。", "no_deadline"),
    M("zhm-dm1", "朱红梅", "适当增加听课次数,帮助青年教师尽快成长。", "vague no_deadline"),
    M("xxd-dm1", "许晓东", "立即修订食材验收制度,下周起每批次快检并留样。"),
    M("hjy-dm1", "何静怡", "努力做到耐心细致,不断改进教育方法。", "vague no_deadline"),
    M(
        "jwb-dm1",
        "蒋文博",
        "2026年春季开学前开设不少于4门兴趣课程,争取家长满意度达到90%。",
        "vague",
    ),
    M("wxl-dm1", "韦晓丽", "寒假期间对所带班级学生全部家访一遍,建立家访记录。"),
]

# --------------------------------------------------------------------------------------------
# HELD_OUT_2: a county hospital's branch (县人民医院内科党支部), written after the first
# evaluation on HELD_OUT and *before* the changes that followed it (see the README): a second,
# fresh held-out batch, never changed after.
# --------------------------------------------------------------------------------------------

E1 = datetime.date(2024, 6, 28)
E2 = datetime.date(2025, 6, 27)
_MEETING_OF.update({E1: "e-2024", E2: "e-2025"})

HELD_OUT_2: list[Case] = [
    # --- paraphrased recycles ---------------------------------------------------------------
    H(
        "lyh-e1",
        "陆永辉",
        E1,
        "科室政治理论学习坚持得不好,每月集中学习经常因为手术推迟,学习时多是念一念文件,大家很少发言。",
    ),
    H(
        "lyh-e2",
        "陆永辉",
        E2,
        "支部学习常常让位于临床工作,学习形式单调,照着文件读一遍就结束,没有组织讨论交流。",
        "recycled",
        recycled="lyh-e1",
    ),
    H(
        "fwj-e1",
        "范文杰",
        E1,
        "夜班期间有离开病区的情况,3月有一次夜班去门诊楼办事40分钟,病区只有护士在岗。",
    ),
    H(
        "fwj-e2",
        "范文杰",
        E2,
        "值夜班时擅自离开病区,病人病情变化时护士打电话才赶回来。",
        "recycled",
        recycled="fwj-e1",
    ),
    H(
        "tsm-e1",
        "田淑敏",
        E1,
        "对医院转来的上级文件落实不及时,卫健局关于抗菌药物专项整治的通知在科室压了十多天才传达。",
    ),
    H(
        "tsm-e2",
        "田淑敏",
        E2,
        "上级来文办理拖延,医院下发的文件到科室后常常搁置,传达落实慢半拍。",
        "recycled",
        recycled="tsm-e1",
    ),
    H(
        "hzq-e1",
        "黄振清",
        E1,
        "对患者投诉处理不及时,上半年有3起服务态度投诉超过一周才回复。",
    ),
    H(
        "hzq-e2",
        "黄振清",
        E2,
        "患者的意见和投诉回应拖沓,有的投诉拖了半个月才给答复,患者很不满意。",
        "recycled",
        recycled="hzq-e1",
    ),
    H(
        "cyf-e1",
        "崔雨菲",
        E1,
        "病历书写不规范,科室质控抽查我的病历有6份存在复制粘贴、前后矛盾。",
    ),
    H(
        "cyf-e2",
        "崔雨菲",
        E2,
        "病历质量不高,写病程记录时图省事复制粘贴,被质控科指出内容前后不一致。",
        "recycled",
        recycled="cyf-e1",
    ),
    H(
        "gxl-e1",
        "龚晓丽",
        E1,
        "与患者沟通缺乏耐心,解释病情时说话太快、用词太专业,家属听不明白。",
    ),
    H(
        "gxl-e2",
        "龚晓丽",
        E2,
        "跟病人和家属交流时不够耐心,讲病情专业术语多,对方常常听不懂也不好意思再问。",
        "recycled",
        recycled="gxl-e1",
    ),
    H(
        "ydm-e1",
        "余德明",
        E1,
        "开展批评与自我批评时怕得罪人,对同事的问题不愿意当面指出。",
        "boilerplate",
    ),
    H(
        "ydm-e2",
        "余德明",
        E2,
        "在支部会上给同事提意见时总是说好话,碰到真问题就回避,不想伤感情。",
        "boilerplate recycled",
        recycled="ydm-e1",
    ),
    H(
        "prz-e1",
        "彭润之",
        E1,
        "下乡义诊参加得少,去年医院组织的8次送医下乡我只去了2次。",
    ),
    H(
        "prz-e2",
        "彭润之",
        E2,
        "到基层义诊的次数不多,医院安排的送医下乡活动多数都找理由没去。",
        "recycled",
        recycled="prz-e1",
    ),
    # --- same member and object, another failing ----------------------------------------
    H(
        "jhy-e1",
        "蒋慧颖",
        E1,
        "对科室药品管理监督不够,有一次发现过期的急救药品仍放在抢救车里。",
    ),
    H(
        "jhy-e2",
        "蒋慧颖",
        E2,
        "合理用药把关不严,今年处方点评中我有5张处方抗菌药物使用不合理。",
        note="same object (药品), another failing: expired stock then, prescribing now",
    ),
    H(
        "wzy-e1",
        "魏志远",
        E1,
        "带教实习生不够用心,今年带的4名实习生出科考核有2名不合格。",
    ),
    H(
        "wzy-e2",
        "魏志远",
        E2,
        "对规培医生的手术操作放手太多,有一次让规培医生单独缝合时出现切口感染。",
        note="same object (带教), another failing",
    ),
    # --- generic texts ----------------------------------------------------------------------
    H(
        "lyh-e3",
        "陆永辉",
        E2,
        "作为科室负责人,抓党建的劲头不如抓业务,把党建当成可有可无的软任务。",
        "boilerplate",
    ),
    H(
        "fwj-e3",
        "范文杰",
        E2,
        "对医德医风的要求有所放松,觉得只要技术过硬就行,对自身言行约束不严。",
        "boilerplate",
    ),
    H(
        "tsm-e3",
        "田淑敏",
        E2,
        "看待问题站得不够高,想问题多从科室小团体出发,对医院整体发展考虑得少。",
        "boilerplate",
    ),
    H(
        "cyf-e3",
        "崔雨菲",
        E2,
        "年纪轻、资历浅,政治上还不够成熟,对一些社会上的负面舆论不能正确看待。",
        "boilerplate",
    ),
    H(
        "gxl-e3",
        "龚晓丽",
        E2,
        "进取心有所减弱,评上主治医师以后觉得可以歇歇脚,钻研业务的劲头不比从前。",
        "boilerplate",
    ),
    H(
        "prz-e3",
        "彭润之",
        E2,
        "对“学党史、悟思想、办实事、开新局”的理解不够深入,把学习和为患者办实事结合得不紧。",
        "boilerplate",
    ),
    H(
        "jhy-e3",
        "蒋慧颖",
        E2,
        "廉洁行医的防线筑得还不够牢,对医药代表的宴请有时碍于情面没有坚决拒绝。",
        "boilerplate",
    ),
    H(
        "wzy-e3",
        "魏志远",
        E2,
        "全心全意为患者服务的宗旨体现得不充分,工作忙起来对病人有些冷淡。",
        "boilerplate",
    ),
    # --- concrete problems ------------------------------------------------------------------
    H(
        "hzq-e3",
        "黄振清",
        E2,
        "落实“四个意识”不到位,今年医院布置的医保基金使用自查,我分管的病区晚报了10天。",
    ),
    H(
        "ydm-e3",
        "余德明",
        E2,
        "对科室医疗废物分类监督不到位,护理部检查发现感染性废物和生活垃圾混放。",
    ),
    H(
        "tsm-e4",
        "田淑敏",
        E2,
        "门诊预约诊疗推行不力,我出诊时仍有大量患者现场排队挂号,预约率在全院排名靠后。",
    ),
    H(
        "cyf-e4",
        "崔雨菲",
        E2,
        "工作作风不够扎实,比如上个月一位老年患者出院时我没有详细交代用药注意事项。",
    ),
    # --- copies at the same meeting ---------------------------------------------------------
    H(
        "lyh-e4",
        "陆永辉",
        E2,
        "落实首诊负责制不严格,遇到疑难病人习惯往别的科室推,患者来回奔波多次。",
        "copied",
        copied="gxl-e4",
    ),
    H(
        "gxl-e4",
        "龚晓丽",
        E2,
        "首诊负责制落实不严格,碰到疑难病人习惯往其他科室推,患者来回跑好几趟。",
        "copied",
        copied="lyh-e4",
    ),
    H(
        "fwj-e4",
        "范文杰",
        E2,
        "科室的“党员示范岗”作用发挥不明显,挂牌以后没有实际行动,患者感受不到区别。",
        "copied",
        copied="wzy-e4",
    ),
    H(
        "wzy-e4",
        "魏志远",
        E2,
        "“党员示范岗”挂了牌却没有真正发挥示范作用,患者看不出党员和其他人有什么两样。",
        "copied",
        copied="fwj-e4",
    ),
    # --- measures ---------------------------------------------------------------------------
    M("lyh-em1", "陆永辉", "每月第一个周四下午固定开展支部集中学习,雷打不动,长期坚持。"),
    M("fwj-em1", "范文杰", "严格执行夜班在岗制度,离开病区必须向总值班报告。", "no_deadline"),
    M("hzq-em1", "黄振清", "建立投诉办理台账,2025年8月起所有投诉3个工作日内答复。"),
    M("cyf-em1", "崔雨菲", "进一步提高病历书写质量。", "vague no_deadline"),
    M("gxl-em1", "龚晓丽", "尽可能用通俗的话向患者解释病情。", "vague no_deadline"),
    M("prz-em1", "彭润之", "年底前参加送医下乡不少于6次。"),
    M("jhy-em1", "蒋慧颖", "争取在三个月内把处方合格率提高到98%以上。", "vague"),
    M("wzy-em1", "魏志远", "认真做好规培医生带教工作。", "no_deadline"),
]

# --------------------------------------------------------------------------------------------
# TUNE: a county market-supervision bureau's branch (县市场监管局第二党支部), written in the
# same sitting as HELD_OUT, with the same mix (paraphrased recycles and their hard negatives,
# generic texts written without the phrase list in mind, concrete problems, copies, measures).
# The second version of the checker (synonym table, weights, thresholds) was tuned on these and
# on the cases above.
# --------------------------------------------------------------------------------------------

B1 = datetime.date(2023, 12, 20)
B2 = datetime.date(2024, 12, 18)
B3 = datetime.date(2025, 12, 17)
_MEETING_OF.update({B1: "b-2023", B2: "b-2024", B3: "b-2025"})


def T(id: str, author: str, date: datetime.date, text: str, rules: str = "", **kw) -> Case:  # noqa: N802
    return P(id, author, date, text, rules, meeting=_MEETING_OF[date], **kw)


TUNE: list[Case] = [
    # --- paraphrased recycles ---------------------------------------------------------------
    T(
        "dzh-b1",
        "杜志华",
        B1,
        "学习党的创新理论浮于表面,局里集中学习时只是跟着读原文,很少谈自己的体会,全年学习笔记不到5000字。",
    ),
    T(
        "dzh-b2",
        "杜志华",
        B2,
        "学习走形式,支部学习照本宣科念材料,没有联系执法工作谈认识,笔记内容也很少。",
        "recycled",
        recycled="dzh-b1",
    ),
    T(
        "fxl-b1",
        "方晓玲",
        B1,
        "节假日值班制度执行不严,国庆期间有一天值班时间离开单位2个多小时。",
    ),
    T(
        "fxl-b3",
        "方晓玲",
        B3,
        "值守纪律松懈,今年春节值守期间擅离岗位去办私事,值班电话转到了手机上。",
        "recycled",
        recycled="fxl-b1",
    ),
    T(
        "gjw-b1",
        "葛建伟",
        B1,
        "公文处理效率不高,上级来文办理拖延,有4件督办件超期才反馈。",
    ),
    T(
        "gjw-b2",
        "葛建伟",
        B2,
        "对上级文件办理不及时,收文后常常搁置,今年有2件督办事项逾期回复被办公室通报。",
        "recycled",
        recycled="gjw-b1",
    ),
    T(
        "hyq-b1",
        "侯雅琪",
        B1,
        "处理投诉举报不够及时,12315平台转来的消费投诉有7件超过法定时限才办结。",
    ),
    T(
        "hyq-b2",
        "侯雅琪",
        B2,
        "消费者投诉办理拖拉,热线转办的诉求经常超期办结,群众不满意。",
        "recycled",
        recycled="hyq-b1",
    ),
    T(
        "jzq-b2",
        "金志强",
        B2,
        "对特种设备安全监管不到位,辖区3台电梯维保记录造假没有及时发现。",
    ),
    T(
        "jzq-b3",
        "金志强",
        B3,
        "电梯等特种设备检查不细,维保单位记录弄虚作假,直到群众被困投诉才查出来。",
        "recycled",
        recycled="jzq-b2",
    ),
    T(
        "kly-b1",
        "孔令宇",
        B1,
        "开展批评不敢动真碰硬,对班子成员的问题只提希望不提意见。",
        "boilerplate",
    ),
    T(
        "kly-b3",
        "孔令宇",
        B3,
        "相互批评时顾虑多,给领导和同事提意见绕着弯子说,讲成绩多、指问题少。",
        "boilerplate recycled",
        recycled="kly-b1",
    ),
    T(
        "lmj-b1",
        "陆美君",
        B1,
        "食品抽检工作计划性不强,上半年抽检任务完成不到40%,下半年突击完成。",
    ),
    T(
        "lmj-b2",
        "陆美君",
        B2,
        "食品安全抽检进度前松后紧,年中完成率偏低,年底集中突击赶任务。",
        "recycled",
        recycled="lmj-b1",
    ),
    T(
        "mxd-b1",
        "毛晓丹",
        B1,
        "服务企业的意识不强,办理营业执照时对材料不全的企业只说不行,不讲怎么补。",
    ),
    T(
        "mxd-b3",
        "毛晓丹",
        B3,
        "在登记窗口对来办照的群众解释不耐心,材料有缺项时一退了之,没有一次性告知要补什么。",
        "recycled",
        recycled="mxd-b1",
    ),
    T(
        "nhb-b1",
        "倪海波",
        B1,
        "执法办案程序意识淡薄,有2起案件调查取证时只有一名执法人员在场。",
    ),
    T(
        "nhb-b2",
        "倪海波",
        B2,
        "执法程序不规范,现场检查时经常单人执法,取证环节不符合规定。",
        "recycled",
        recycled="nhb-b1",
    ),
    T(
        "pjh-b1",
        "潘俊辉",
        B1,
        "艰苦奋斗精神有所淡化,对工作条件讲究多,下乡检查能坐车绝不走路。",
        "boilerplate",
    ),
    T(
        "pjh-b3",
        "潘俊辉",
        B3,
        "吃苦精神不如以前,下基层嫌远嫌累,对办公条件挑挑拣拣。",
        "boilerplate recycled",
        recycled="pjh-b1",
    ),
    # --- same member, same object, another failing (not recycled) --------------------------
    T(
        "qhl-b1",
        "钱慧玲",
        B1,
        "价格监督检查不深入,节前对农贸市场的价格巡查只看了公示牌,没有核对实际售价。",
    ),
    T(
        "qhl-b2",
        "钱慧玲",
        B2,
        "对价格违法案件的查处震慑不够,今年查办的5起案件处罚都按最低标准,没有公开曝光。",
        note="same object (价格), another failing: inspection then, sanctions now",
    ),
    T(
        "rjf-b1",
        "任建峰",
        B1,
        "对广告监测发现的违法线索跟进不及时,有6条线索超过两个月没有核查。",
    ),
    T(
        "rjf-b2",
        "任建峰",
        B2,
        "广告审查业务不熟,今年审核一份医疗广告时没有发现其中的绝对化用语,被上级抽查指出。",
        note="same object (广告), another failing",
    ),
    T(
        "sqy-b2",
        "宋秋云",
        B2,
        "学习不够深入,对新修订的《反不正当竞争法》只看了条文,没有研究典型案例。",
    ),
    T(
        "sqy-b3",
        "宋秋云",
        B3,
        "学习不够深入,以工作忙为由推掉了局里两次专题辅导,事后也没有补学。",
        note="the same stock phrase, another failing",
    ),
    # --- generic texts, no stock phrase in mind ---------------------------------------------
    T(
        "tyh-b3",
        "唐一华",
        B3,
        "对党忠诚的觉悟还需要在实践中锤炼,执行上级决定时有时打折扣。",
        "boilerplate",
    ),
    T(
        "wjh-b3",
        "汪家辉",
        B3,
        "看问题的眼界不够开阔,习惯就事论事,缺少从全局谋划工作的思路。",
        "boilerplate",
    ),
    T(
        "xmh-b3",
        "谢美华",
        B3,
        "干事创业的热情有所消退,对分内的工作求稳求安,不愿意啃硬骨头。",
        "boilerplate",
    ),
    T(
        "ylf-b3",
        "叶立峰",
        B3,
        "对自己放松了要求,觉得在监管一线干了这么多年,差不多就行。",
        "boilerplate",
    ),
    T(
        "zsy-b3",
        "郑思远",
        B3,
        "学思践悟的功夫下得不够,学了用不上,用的时候又想不起来学过什么。",
        "boilerplate",
    ),
    T(
        "dzh-b3",
        "杜志华",
        B3,
        "敢于斗争、善于斗争的本事还不够硬,面对复杂局面时底气不足、办法不多。",
        "boilerplate",
    ),
    T(
        "fxl-b2",
        "方晓玲",
        B2,
        "群众观点树得不牢,有时候把群众的诉求当成麻烦,站在管理者角度看问题多。",
        "boilerplate",
    ),
    T(
        "gjw-b3",
        "葛建伟",
        B3,
        "对贯彻“两个确立”“四个意识”的理解还不够深,联系自身实际思考得少。",
        "boilerplate",
    ),
    T(
        "hyq-b3",
        "侯雅琪",
        B3,
        "政治上的清醒程度还有差距,对工作中潜在的风险点预判不足。",
        "boilerplate",
    ),
    T(
        "lmj-b3",
        "陆美君",
        B3,
        "开拓进取的锐气弱了,满足于按惯例办事,对新情况新问题研究不多。",
        "boilerplate",
    ),
    # --- concrete problems ------------------------------------------------------------------
    T(
        "tyh-b4",
        "唐一华",
        B3,
        "落实“四个意识”有差距,今年4月局党组布置的食品安全专项整治,我分管的股室拖了半个月才启动。",
        note="formulations quoted in a concrete problem",
    ),
    T(
        "wjh-b4",
        "汪家辉",
        B3,
        "对农村集体聚餐的食品安全指导不到位,城南镇一场百人宴席发生腹泻,事前我们没有备案。",
    ),
    T(
        "xmh-b4",
        "谢美华",
        B3,
        "对个体工商户年报工作宣传不够,辖区有两百多户没按时年报被列入经营异常名录。",
    ),
    T(
        "ylf-b4",
        "叶立峰",
        B3,
        "执法记录仪使用不规范,去年冬天查处一起无证经营案件时没有全程录像。",
    ),
    T(
        "zsy-b4",
        "郑思远",
        B3,
        "对新招录的执法人员带教不细,小周独立执法时连检查笔录都填错了。",
    ),
    T(
        "nhb-b3",
        "倪海波",
        B3,
        "工作作风不够扎实,比如药店检查时只看了处方药销售台账,没有查看冷链药品的温度记录。",
    ),
    # --- copies at the same meeting ---------------------------------------------------------
    T(
        "tyh-b5",
        "唐一华",
        B3,
        "对网络订餐平台入网餐饮单位审核把关不严,部分商家没有实体门店,照片与实际不符。",
        "copied",
        copied="ylf-b5",
    ),
    T(
        "ylf-b5",
        "叶立峰",
        B3,
        "网络订餐入网餐饮单位审核把关不严,有的商家没有实体店面,平台上的照片和实际不一致。",
        "copied",
        copied="tyh-b5",
    ),
    T(
        "wjh-b5",
        "汪家辉",
        B3,
        "思想上对意识形态工作重视不够,认为市场监管是业务部门,意识形态是宣传部门的事。",
        "copied boilerplate",
        copied="zsy-b5",
    ),
    T(
        "zsy-b5",
        "郑思远",
        B3,
        "对意识形态工作重视不够,思想上认为市场监管是业务部门,意识形态工作是宣传部门的事。",
        "copied boilerplate",
        copied="wjh-b5",
    ),
    # --- measures ---------------------------------------------------------------------------
    # --- more of the same mix -------------------------------------------------------------
    T(
        "ajm-b1",
        "安佳明",
        B1,
        "下基层调研少,全年只到乡镇市场监管所调研3次,对基层执法装备短缺的情况掌握不准。",
    ),
    T(
        "ajm-b3",
        "安佳明",
        B3,
        "很少到基层所走一走,对一线执法人员装备不足、人手紧张的实情心中无数。",
        "recycled",
        recycled="ajm-b1",
    ),
    T(
        "bxy-b1",
        "白小雨",
        B1,
        "党费收缴不及时,作为支部组织委员,有3名党员连续两个月没交党费,我没有及时提醒。",
    ),
    T(
        "bxy-b2",
        "白小雨",
        B2,
        "组织委员的职责履行不到位,党员交纳党费的情况跟踪不紧,有人拖欠了几个月才补交。",
        "recycled",
        recycled="bxy-b1",
    ),
    T(
        "cwj-b2",
        "常文杰",
        B2,
        "会议多、文件多的问题在股室依然存在,今年股室自己发的通知就有60多份,有些完全可以合并。",
    ),
    T(
        "cwj-b3",
        "常文杰",
        B3,
        "文山会海现象没有根本扭转,股室下发的通知仍然偏多,能合并的会议没有合并。",
        "recycled",
        recycled="cwj-b2",
    ),
    T(
        "dyl-b2",
        "丁雨露",
        B2,
        "对计量器具检定工作不熟悉,农贸市场电子秤抽查时不会判读检定标签。",
    ),
    T(
        "dyl-b3",
        "丁雨露",
        B3,
        "计量监管执法中发现问题后跟踪不够,今年查出的12台不合格电子秤有一半没有复查。",
        note="same object (计量), another failing",
    ),
    T(
        "ewm-b3",
        "鄂文明",
        B3,
        "自我批评时总是找客观原因,对主观上的不足讲得浅、讲得虚。",
        "boilerplate",
    ),
    T(
        "fjy-b3",
        "范佳怡",
        B3,
        "为群众办实事的用心程度不够,想得多做得少,办成的实事群众感受不明显。",
        "boilerplate",
    ),
    T(
        "gyl-b3",
        "顾云龙",
        B3,
        "遵守工作纪律不够严格,上班期间偶尔浏览与工作无关的网页。",
        "boilerplate",
    ),
    T(
        "ewm-b4",
        "鄂文明",
        B3,
        "对“双随机、一公开”抽查结果公示不及时,第三季度的抽查结果拖到11月才在网上公开。",
    ),
    M("ajm-bm1", "安佳明", "每季度到基层所调研不少于2次,形成调研报告。", "no_deadline"),
    M("bxy-bm1", "白小雨", "每月5日前在支部群通报党费交纳情况。"),
    M("cwj-bm1", "常文杰", "今后要切实精简会议文件。", "no_deadline"),
    M("dzh-bm1", "杜志华", "每次支部学习前准备发言提纲,结合执法案例谈体会,长期坚持。"),
    M("fxl-bm1", "方晓玲", "严格执行值班制度,值班期间不离岗。", "no_deadline"),
    M("gjw-bm1", "葛建伟", "建立收文办理台账,2026年1月起每周五下午逐件清理。"),
    M("hyq-bm1", "侯雅琪", "尽量缩短投诉办理时间。", "vague no_deadline"),
    M("jzq-bm1", "金志强", "3个月内对辖区全部在用电梯维保记录开展一次专项检查。"),
    M("lmj-bm1", "陆美君", "逐步实现抽检任务按月均衡推进。", "vague no_deadline"),
    M("mxd-bm1", "毛晓丹", "12月底前制作登记材料一次性告知单,放到窗口和网上。"),
    M("nhb-bm1", "倪海波", "力求做到每起案件双人执法、全程记录。", "vague no_deadline"),
    M("pjh-bm1", "潘俊辉", "国庆前带头下乡开展食品安全检查不少于6次。"),
    M("qhl-bm1", "钱慧玲", "积极配合做好价格监管工作。", "vague no_deadline"),
    M("tyh-bm1", "唐一华", "年底前完成分管股室干部的谈心谈话。"),
    M("wjh-bm1", "汪家辉", "在春节前完成全县农村集体聚餐备案指导员培训。"),
    M("xmh-bm1", "谢美华", "持续加强年报宣传,提高年报率。", "vague no_deadline"),
]


# --------------------------------------------------------------------------------------------
# TUNE_2: a 派出所党支部 and a 社区卫生服务中心党支部, written with HELD_OUT_3 (the classes
# the earlier held-out runs showed: paraphrases through near-synonyms outside the table — 教师
# / 老师, 验收 / 查验; a long shared term with another failing; a copy reworded around an
# object and a failing) for the third version of the checker to be tuned on.
# --------------------------------------------------------------------------------------------

Q1 = datetime.date(2024, 1, 5)
Q2 = datetime.date(2025, 1, 3)
_MEETING_OF.update({Q1: "q-2024", Q2: "q-2025"})

TUNE_2: list[Case] = [
    # --- paraphrased recycles -----------------------------------------------------------------
    T(
        "lzq-q1",
        "梁志强",
        Q1,
        "接处警时对报警群众态度不好,有一次邻里纠纷出警时当着围观群众训了报警人几句。",
    ),
    T(
        "lzq-q2",
        "梁志强",
        Q2,
        "对来所办事的老百姓不够耐烦,说话生冷,今年有位大爷办户口迁移时被我呛得直掉眼泪。",
        "recycled",
        recycled="lzq-q1",
    ),
    T(
        "dyl-q1",
        "段玉兰",
        Q1,
        "对辅警的日常教育管理松,所里新招的辅警上岗前培训只搞了半天。",
    ),
    T(
        "dyl-q2",
        "段玉兰",
        Q2,
        "带新辅警不上心,今年来的三名年轻辅警我只给他们讲过一次执法规范,出警全靠他们自己摸索。",
        "recycled",
        recycled="dyl-q1",
    ),
    T(
        "zj-q1",
        "邹军",
        Q1,
        "案件卷宗整理不规范,有两起治安案件的卷宗缺少询问笔录签字。",
    ),
    T(
        "zj-q2",
        "邹军",
        Q2,
        "办案材料归档马虎,今年法制大队抽查时我经办的一份案卷询问笔录没有当事人签名。",
        "recycled",
        recycled="zj-q1",
    ),
    T(
        "yq-q1",
        "叶青",
        Q1,
        "社区家庭医生签约服务只签不约,签了约的慢病老人半年里没有随访过一次。",
    ),
    T(
        "yq-q2",
        "叶青",
        Q2,
        "家医签约后的履约服务跟不上,我签约的高血压患者有一多半今年没有上门随访。",
        "recycled",
        recycled="yq-q1",
    ),
    T(
        "qc-q1",
        "秦川",
        Q1,
        "药品验收把关不严,有一批中药饮片没有核对批号就入了库。",
    ),
    T(
        "qc-q2",
        "秦川",
        Q2,
        "药房进货查验不细致,今年有一批注射剂到货时没有查看冷链温度记录就收下了。",
        "recycled",
        recycled="qc-q1",
    ),
    # --- the same member, the same long term, another failing (not recycled) -------------------
    T(
        "yq-q3",
        "叶青",
        Q2,
        "家庭医生签约服务宣传资料是前年印的,医保报销比例已经变了还在发给居民。",
    ),
    T(
        "zj-q3",
        "邹军",
        Q2,
        "治安案件办理中调解工作做得不细,有一起邻里纠纷调解后双方又打了起来。",
    ),
    # --- generic texts ------------------------------------------------------------------------
    T(
        "gy-q2",
        "高原",
        Q2,
        "对公安工作的政治属性认识不够深,有时把自己当成单纯的业务干部。",
        "boilerplate",
    ),
    T(
        "jm-q2",
        "贾明",
        Q2,
        "遇到急难险重的任务时冲劲不足,习惯等着领导安排。",
        "boilerplate",
    ),
    T(
        "yh-q2",
        "易红",
        Q2,
        "医者仁心体现得不够,对病人的感受关注得少,沟通不到位。",
        "boilerplate",
    ),
    T(
        "lf-q2",
        "龙飞",
        Q2,
        "自我要求标准降低了,觉得差不多就行,精益求精的劲头没有了。",
        "boilerplate",
    ),
    # --- concrete problems ----------------------------------------------------------------------
    T(
        "gy-q3",
        "高原",
        Q2,
        "今年5月辖区电信诈骗案件上升,我负责的幸福社区反诈宣传只进了2个小区。",
    ),
    T(
        "yh-q3",
        "易红",
        Q2,
        "9月流感疫苗接种时,我没有按规定让一位老人留观30分钟就让他回家了。",
    ),
    # --- copies at the same meeting -------------------------------------------------------------
    T(
        "jm-q3",
        "贾明",
        Q2,
        "“党员先锋岗”形同虚设,挂了牌子以后值班民警还是该怎样就怎样,群众看不出变化。",
        "copied",
        copied="ld-q3",
    ),
    T(
        "ld-q3",
        "龙飞",
        Q2,
        "所里的“党员先锋岗”没有真正发挥带头作用,挂牌以后没有实际行动,群众感觉不到区别。",
        "copied",
        copied="jm-q3",
    ),
    T(
        "yd-q3",
        "严冬",
        Q2,
        "夜间巡逻不到位,巡逻车经常停在所门口,辖区夜市一带去得少。",
        "copied",
        copied="bx-q3",
    ),
    T(
        "bx-q3",
        "白雪",
        Q2,
        "夜巡走过场,巡逻车大部分时间停在派出所门口,夜市那一片很少去。",
        "copied",
        copied="yd-q3",
    ),
    # --- same meeting, same object, different failings: not copied ------------------------------
    T(
        "yd-q4",
        "严冬",
        Q2,
        "户籍窗口业务不熟,今年给一位群众办身份证补领时漏收了一份材料,让他跑了两趟。",
    ),
    T(
        "bx-q4",
        "白雪",
        Q2,
        "户籍窗口中午不开门,上班族只能请假来办,群众有意见我没有向所领导提出调整。",
    ),
    M("lzq-qm1", "梁志强", "每月参加一次社区接待日,当面听取群众意见,长期坚持。"),
    M("yq-qm1", "叶青", "尽可能每季度随访一次签约患者。", "vague no_deadline"),
]


# --------------------------------------------------------------------------------------------
# TUNE_3: a county 住建局 branch, written after the HELD_OUT_3 run with the classes it showed
# (a rule not followed, work not prepared, a policy not mastered, an application left lying,
# each in other words the next year) and their hard negatives; tuned on.
# --------------------------------------------------------------------------------------------

U1 = datetime.date(2024, 1, 26)
U2 = datetime.date(2025, 1, 23)
_MEETING_OF.update({U1: "u-2024", U2: "u-2025"})

TUNE_3: list[Case] = [
    T(
        "yx3-u1",
        "尹雪",
        U1,
        "工地安全检查不按规定程序走,有一次到某在建楼盘检查时没有查看特种作业人员证书。",
    ),
    T(
        "yx3-u2",
        "尹雪",
        U2,
        "执法检查图省事,今年几次去工地都省略了查验塔吊司机上岗证这一步。",
        "recycled",
        recycled="yx3-u1",
    ),
    T(
        "qf-u1",
        "邱峰",
        U1,
        "参加项目评审准备不足,对送审的图纸事先没有细看,会上提不出实质意见。",
    ),
    T(
        "qf-u2",
        "邱峰",
        U2,
        "评审会前功课做得少,今年两次施工图审查会我都是到了会场才翻材料。",
        "recycled",
        recycled="qf-u1",
    ),
    T(
        "yh-u1",
        "阎红",
        U1,
        "对住房公积金新政策没有吃透,给来咨询的职工讲提取条件时讲错了一次。",
    ),
    T(
        "yh-u2",
        "阎红",
        U2,
        "公积金业务知识更新跟不上,今年政策调整后我对异地贷款的条件理解有偏差,答复前后不一。",
        "recycled",
        recycled="yh-u1",
    ),
    T(
        "pb-u1",
        "庞博",
        U1,
        "施工许可审批拖拉,有家企业的许可申请材料齐全,我压了两周才签批。",
    ),
    T(
        "pb-u2",
        "庞博",
        U2,
        "行政审批办得慢,今年一个保障房项目的手续在我这里放了十几天。",
        "recycled",
        recycled="pb-u1",
    ),
    # --- hard negatives: the same member and object, another failing --------------------------
    T(
        "pb-u3",
        "庞博",
        U2,
        "审批窗口的办事指南更新不及时,企业按旧指南准备的材料被退回重做。",
    ),
    T(
        "qf-u3",
        "邱峰",
        U2,
        "项目评审专家库管理松散,有两名已调离的专家还在库里,抽中后才发现联系不上。",
    ),
    T(
        "tm-u2",
        "汤敏",
        U2,
        "遇事先想着自己不出错,不敢拍板,推着办。",
        "boilerplate",
    ),
    T(
        "tr-u2",
        "陶然",
        U2,
        "去年11月物业纠纷调解中,我没有通知业委会代表到场,调解协议事后被业主质疑。",
    ),
]


# --------------------------------------------------------------------------------------------
# HELD_OUT_3: two more branches (a county tax bureau's 税务分局第一党支部, and a 供电所党支部),
# written and labelled on 2026-12-02 *before* the third version of the checker (wider synonym
# table, shared terms counted once, reworded copies by object and failing), and never changed
# after. Synonym-table words that occur only here were taken out of the table again; but this
# batch's first run (recycled R 0.333, boilerplate R 0.778) then led to general changes
# (rule-following, preparation and know-how failings, abstract words), so it is no longer
# blind — HELD_OUT_4 is.
# --------------------------------------------------------------------------------------------

G1 = datetime.date(2023, 12, 22)
G2 = datetime.date(2024, 12, 20)
G3 = datetime.date(2025, 12, 18)
K1 = datetime.date(2024, 1, 10)
K2 = datetime.date(2025, 1, 9)
_MEETING_OF.update({G1: "g-2023", G2: "g-2024", G3: "g-2025", K1: "k-2024", K2: "k-2025"})

HELD_OUT_3: list[Case] = [
    # --- the tax branch: paraphrased recycles -------------------------------------------------
    H(
        "zhp-g1",
        "郑海鹏",
        G1,
        "办税服务厅窗口服务态度生硬,有纳税人咨询发票问题时我不耐烦地让他自己去看公告。",
    ),
    H(
        "zhp-g3",
        "郑海鹏",
        G3,
        "对来办税的群众缺少耐心,解释政策时语气冲,去年有位个体户因为我说话难听打12366投诉了我。",
        "recycled",
        recycled="zhp-g1",
    ),
    H(
        "sln-g1",
        "孙丽娜",
        G1,
        "政策学习跟不上,新出台的增值税留抵退税政策没有吃透,给企业的答复前后不一致。",
    ),
    H(
        "sln-g2",
        "孙丽娜",
        G2,
        "对税收新政钻研不深,小规模纳税人减免政策理解有偏差,给两家企业解答的口径错了,"
        "后来又重新打电话更正。",
        "recycled",
        recycled="sln-g1",
    ),
    H(
        "qjg-g2",
        "钱建国",
        G2,
        "下户检查前准备不充分,对企业的账务情况不了解,到了现场才临时翻资料。",
    ),
    H(
        "qjg-g3",
        "钱建国",
        G3,
        "开展税务稽查时事先功课做得不足,进企业后才发现没带齐往年的申报数据,只好改天再去。",
        "recycled",
        recycled="qjg-g2",
    ),
    H(
        "wxm-g1",
        "吴晓梅",
        G1,
        "对新入职的年轻干部帮带不够,分给我的两名新人半年里只和他们交流过一次业务。",
    ),
    H(
        "wxm-g3",
        "吴晓梅",
        G3,
        "传帮带作用发挥不好,科里来的青年同志遇到难题找我,我常常说“你先自己琢磨”,没有手把手地带。",
        "recycled",
        recycled="wxm-g1",
    ),
    H(
        "hw-g2",
        "黄伟",
        G2,
        "支部组织生活有时放在业务会里一并开,主题党日变成了布置工作。",
    ),
    H(
        "hw-g3",
        "黄伟",
        G3,
        "用业务会代替党的组织生活,今年有三次主题党日实际上是在讲征管任务,党味不浓。",
        "recycled",
        recycled="hw-g2",
    ),
    # --- the tax branch: the same member and object, another failing (not recycled) -----------
    H(
        "sln-g3",
        "孙丽娜",
        G3,
        "对留抵退税的后续管理跟踪不够,有一户企业退税后经营异常,我三个月后才发现。",
    ),
    H(
        "zhp-g2",
        "郑海鹏",
        G2,
        "办税服务厅叫号系统出故障时我没有及时上报,群众在大厅多等了一个多小时。",
    ),
    H(
        "qjg-g1",
        "钱建国",
        G1,
        "下户检查后对企业的整改要求跟踪不到位,有两户企业的整改报告拖了半年才交。",
    ),
    # --- the tax branch: generic texts ----------------------------------------------------------
    H(
        "lt-g3",
        "林涛",
        G3,
        "对自己要求有所放松,满足于按部就班完成手头的事,主动作为的劲头不如从前。",
        "boilerplate",
    ),
    H(
        "xj-g3",
        "徐静",
        G3,
        "思想上对税收工作的政治属性认识不深,只把收税当成业务来干,站位还不够高。",
        "boilerplate",
    ),
    H(
        "cj-g3",
        "曹军",
        G3,
        "在小事小节上有时把握不严,对身边的不良风气抵制得不够坚决。",
        "boilerplate",
    ),
    H(
        "ph-g3",
        "潘红",
        G3,
        "服务意识淡薄了一些,有时候嫌麻烦,群众的事情办得不够用心。",
        "boilerplate",
    ),
    H(
        "sj-g3",
        "宋洁",
        G3,
        "学习的自觉性、主动性不强,往往是上级要求学什么才学什么,缺乏钻研精神。",
        "boilerplate",
    ),
    H(
        "lxh-g3",
        "罗新华",
        G3,
        "担当精神有所弱化,碰到矛盾想绕着走,怕担责任、怕出错。",
        "boilerplate",
    ),
    # --- the tax branch: concrete problems ------------------------------------------------------
    H(
        "lt-g4",
        "林涛",
        G3,
        "今年3月个税汇算辅导时,我给一位退休教师讲错了大病医疗扣除的标准,让他多跑了一趟。",
    ),
    H(
        "xj-g4",
        "徐静",
        G3,
        "分管的欠税清缴任务完成得不好,辖区3户企业欠税180余万元至今没有清缴到位。",
    ),
    H(
        "cj-g4",
        "曹军",
        G3,
        "对“非接触式”办税宣传不够,我负责的4个街道电子税务局使用率还不到六成。",
    ),
    H(
        "zm-g4",
        "周敏",
        G3,
        "走访重点税源企业时只谈征收任务,企业提出的出口退税进度慢的问题没有反馈给相关科室。",
    ),
    # --- the tax branch: the same problem in two members' drafts --------------------------------
    H(
        "zm-g3",
        "周敏",
        G3,
        "纳税服务热线接听不及时,高峰时段电话经常打不进来,纳税人对此反映很大。",
        "copied",
        copied="fl-g3",
    ),
    H(
        "fl-g3",
        "冯磊",
        G3,
        "纳税咨询热线在高峰时很难打通,接听不及时,纳税人意见比较大。",
        "copied",
        copied="zm-g3",
    ),
    # --- the power-supply branch: paraphrased recycles ------------------------------------------
    H(
        "mjj-k1",
        "马建军",
        K1,
        "线路巡视不认真,去年有两次巡线只在车上看了看,没有下车走到杆塔底下。",
    ),
    H(
        "mjj-k2",
        "马建军",
        K2,
        "巡线工作马虎,雨季巡视时图省事没有逐基杆塔检查,导致一处拉线松动漏查。",
        "recycled",
        recycled="mjj-k1",
    ),
    H(
        "lf-k1",
        "刘芳",
        K1,
        "抄表催费工作中对困难户关心不够,停电通知发出后没有上门了解情况。",
    ),
    H(
        "lf-k2",
        "刘芳",
        K2,
        "对欠费的困难群众缺少人情味,只管下发停电通知,不去家里看看他们到底有什么难处。",
        "recycled",
        recycled="lf-k1",
    ),
    H(
        "czg-k1",
        "陈志刚",
        K1,
        "安全规程执行不严,有时登杆作业嫌麻烦不系安全带。",
    ),
    H(
        "czg-k2",
        "陈志刚",
        K2,
        "现场作业不守安全规矩,今年夏天抢修时没有按规定挂接地线就上了杆。",
        "recycled",
        recycled="czg-k1",
    ),
    H(
        "yx-k1",
        "杨晓",
        K1,
        "业扩报装办理时限拖得长,一个小区的充电桩报装拖了40多天才送电。",
    ),
    H(
        "yx-k2",
        "杨晓",
        K2,
        "客户用电申请办得慢,有家小超市的增容申请我压了快一个月才去现场勘查。",
        "recycled",
        recycled="yx-k1",
    ),
    # --- the power-supply branch: same member and object, another failing -----------------------
    H(
        "mjj-k3",
        "马建军",
        K2,
        "线路巡视发现的缺陷没有及时录入系统,有3条缺陷记录是月底集中补录的。",
    ),
    H(
        "lf-k3",
        "刘芳",
        K2,
        "电费回收任务完成得不好,第三季度我负责的片区电费回收率只有92%。",
    ),
    # --- the power-supply branch: generic texts -------------------------------------------------
    H(
        "hd-k2",
        "韩冬",
        K2,
        "工作上满足于不出事,缺乏争先创优的进取心。",
        "boilerplate",
    ),
    H(
        "jn-k2",
        "姜宁",
        K2,
        "群众观念还需要加强,有时把自己当成管理者而不是服务者。",
        "boilerplate",
    ),
    H(
        "sl-k2",
        "石磊",
        K2,
        "对党的理论知识掌握得零零碎碎,学得不深不透,用来指导工作更是差得远。",
        "boilerplate",
    ),
    # --- the power-supply branch: concrete problems ---------------------------------------------
    H(
        "hd-k3",
        "韩冬",
        K2,
        "今年7月负荷高峰期间,我们班组处理一起10千伏线路跳闸用了3个多小时,超过了公司规定的时限。",
    ),
    H(
        "jn-k3",
        "姜宁",
        K2,
        "对台区线损管理不细,红星村2号台区线损率连续半年超过8%,一直没查出原因。",
    ),
    # --- the power-supply branch: the same problem in two members' drafts -----------------------
    H(
        "zlx-k2",
        "赵立新",
        K2,
        "供电所党员服务队成立后活动少,一年只组织过一次义务检修,群众都不知道有这支队伍。",
        "copied",
        copied="hp-k2",
    ),
    H(
        "hp-k2",
        "何平",
        K2,
        "党员服务队有名无实,成立一年了只搞过一次上门义务检修,很多群众根本不知道它。",
        "copied",
        copied="zlx-k2",
    ),
    # --- measures -------------------------------------------------------------------------------
    M("mjj-km1", "马建军", "2026年3月底前把辖区5条10千伏线路逐基杆塔巡视一遍。"),
    M("hd-km1", "韩冬", "进一步提高服务质量。", "vague no_deadline"),
    M("sj-gm1", "宋洁", "每周五下午集中学习税收新政,每次不少于2小时,长期坚持。"),
    M("xj-gm1", "徐静", "尽快清缴3户企业的欠税。", "vague no_deadline"),
    M("cj-gm1", "曹军", "力争年底前电子税务局使用率达到八成。", "vague"),
]


# --------------------------------------------------------------------------------------------
# HELD_OUT_4: a township government's 机关党支部 and a state-owned factory's 车间党支部,
# written and labelled on 2026-12-02 after the HELD_OUT_3 run and *before* the changes that
# followed it (the synonym table's rule-following, preparation and know-how failings), and
# never changed after. The last clean measurement: nothing was studied on it.
# --------------------------------------------------------------------------------------------

R1 = datetime.date(2024, 1, 19)
R2 = datetime.date(2025, 1, 17)
S1 = datetime.date(2024, 2, 2)
S2 = datetime.date(2025, 1, 24)
_MEETING_OF.update({R1: "r-2024", R2: "r-2025", S1: "s-2024", S2: "s-2025"})

HELD_OUT_4: list[Case] = [
    # --- the township: paraphrased recycles ---------------------------------------------------
    H(
        "lgd-r1",
        "吕国栋",
        R1,
        "包村工作浮在面上,一个月难得去一次联系村,村里的产业项目进展情况说不上来。",
    ),
    H(
        "lgd-r2",
        "吕国栋",
        R2,
        "驻村联户不深入,今年去包联的石桥村次数屈指可数,村干部反映的集体经济难题我心里没数。",
        "recycled",
        recycled="lgd-r1",
    ),
    H(
        "swj-r1",
        "施文静",
        R1,
        "办理群众低保申请效率低,有户残疾人家庭的申请材料在我手上放了二十多天才报上去。",
    ),
    H(
        "swj-r2",
        "施文静",
        R2,
        "民政救助审核慢,今年一位独居老人申请临时救助,我因为忙别的事拖了近一个月。",
        "recycled",
        recycled="swj-r1",
    ),
    H(
        "cyh-r1",
        "蔡永红",
        R1,
        "对秸秆禁烧巡查不严,去年秋收期间我负责的片区出现了4处焚烧点,被县里通报。",
    ),
    H(
        "cyh-r2",
        "蔡永红",
        R2,
        "秋季防火防焚烧盯得不紧,今年又有村民在田里点火烧秸秆,我到现场时已经烧了一大片。",
        "recycled",
        recycled="cyh-r1",
    ),
    H(
        "rzy-r1",
        "任志远",
        R1,
        "写材料照搬照抄,镇里的年度总结有一大段是从网上下载的别的乡镇的稿子。",
    ),
    H(
        "rzy-r2",
        "任志远",
        R2,
        "起草文稿图省事,今年上报的半年工作汇报里好几段直接套用了兄弟乡镇的材料,被县委办退回。",
        "recycled",
        recycled="rzy-r1",
    ),
    # --- the township: the same member and object, another failing ----------------------------
    H(
        "lgd-r3",
        "吕国栋",
        R2,
        "包联村的集体经济合作社账目公开不及时,上半年的收支到9月才贴出来。",
    ),
    H(
        "swj-r3",
        "施文静",
        R2,
        "低保动态管理不到位,有2户家庭收入已经超标仍在享受低保,年审时才清退。",
    ),
    # --- the township: generic texts ---------------------------------------------------------
    H(
        "pjh-r2",
        "潘建华",
        R2,
        "对基层的实际困难体谅不够,有时候只管布置任务,不问完成任务需要什么条件。",
        "boilerplate",
    ),
    H(
        "mq-r2",
        "苗青",
        R2,
        "心里装着群众不够,为民办事的热情比刚参加工作时差了不少。",
        "boilerplate",
    ),
    H(
        "qh-r2",
        "覃海",
        R2,
        "看问题不够长远,满足于眼前不出乱子,对长远的发展谋划得少。",
        "boilerplate",
    ),
    # --- the township: concrete problems -----------------------------------------------------
    H(
        "pjh-r3",
        "潘建华",
        R2,
        "今年6月防汛转移演练时,我联系的河湾组有5户老人没有通知到位。",
    ),
    H(
        "mq-r3",
        "苗青",
        R2,
        "镇便民服务中心社保窗口中午无人值守,上半年群众在12345投诉了3次。",
    ),
    # --- the township: the same problem in two drafts ----------------------------------------
    H(
        "qh-r4",
        "覃海",
        R2,
        "镇机关会议太多太长,一周有四五个半天在开会,到村里解决实际问题的时间被挤占。",
        "copied",
        copied="zl-r4",
    ),
    H(
        "zl-r4",
        "章立",
        R2,
        "机关开会多、会议时间长,每周有一半的上午都在会议室,下村办实事的时间被挤掉了。",
        "copied",
        copied="qh-r4",
    ),
    # --- the factory: paraphrased recycles ----------------------------------------------------
    H(
        "ghm-s1",
        "管红梅",
        S1,
        "对班组安全交底走过场,早班会上念一遍注意事项就让大家上岗,没有讲清当天的风险点。",
    ),
    H(
        "ghm-s2",
        "管红梅",
        S2,
        "班前安全讲话流于形式,照着本子读几条规定就开工,当班的危险作业没有逐项交代。",
        "recycled",
        recycled="ghm-s1",
    ),
    H(
        "lz-s1",
        "雷振",
        S1,
        "设备点检不到位,冲压线有一台液压机漏油三天了我才发现。",
    ),
    H(
        "lz-s2",
        "雷振",
        S2,
        "对分管设备的日常检查不上心,今年二号生产线一台机床异响很多天没人报修,最后停机抢修。",
        "recycled",
        recycled="lz-s1",
    ),
    H(
        "km-s1",
        "柯明",
        S1,
        "对职工的合理诉求回应慢,车间工人反映澡堂热水不够用,我拖到年底才协调解决。",
    ),
    H(
        "km-s2",
        "柯明",
        S2,
        "关心一线工人的急难愁盼不够及时,夜班工人提了半年的班车改线问题我一直没推动解决。",
        "recycled",
        recycled="km-s1",
    ),
    # --- the factory: the same member and object, another failing -----------------------------
    H(
        "ghm-s3",
        "管红梅",
        S2,
        "班组安全台账记录不全,今年有两次隐患排查没有登记整改结果。",
    ),
    H(
        "lz-s3",
        "雷振",
        S2,
        "设备备品备件管理混乱,库里积压了几十万元用不上的配件。",
    ),
    # --- the factory: generic texts ----------------------------------------------------------
    H(
        "dl-s2",
        "戴丽",
        S2,
        "攻坚克难的勇气有所减弱,碰到技术难关总想着绕开走。",
        "boilerplate",
    ),
    H(
        "sj-s2",
        "邵军",
        S2,
        "对自己的要求降低了,觉得干好本职就行,在党员身份上想得少。",
        "boilerplate",
    ),
    # --- the factory: concrete problems ------------------------------------------------------
    H(
        "dl-s3",
        "戴丽",
        S2,
        "今年三季度车间产品一次交验合格率只有96.2%,比目标低了近两个百分点。",
    ),
    H(
        "hl-s3",
        "贺兰",
        S2,
        "组织的“师带徒”活动只签了协议,我带的徒弟半年里没有独立完成过一次换模操作。",
    ),
    # --- the factory: the same problem in two drafts -----------------------------------------
    H(
        "wc-s4",
        "万春",
        S2,
        "车间党员在技术攻关中带头作用不突出,去年的几个技改项目都是技术员在干,党员很少参与。",
        "copied",
        copied="xy-s4",
    ),
    H(
        "xy-s4",
        "夏雨",
        S2,
        "党员在技改攻关上没有冲在前面,车间去年几个技术改造项目主要靠技术员,党员参与得很少。",
        "copied",
        copied="wc-s4",
    ),
    M("ghm-sm1", "管红梅", "每天班前会逐项讲清当班危险作业的风险点,2025年3月起执行。"),
    M("km-sm1", "柯明", "尽早解决夜班班车改线问题。", "vague no_deadline"),
    M("rzy-rm1", "任志远", "今后所有文稿一律自己起草,不再套用他人材料。", "no_deadline"),
]


# --------------------------------------------------------------------------------------------
# HELD_OUT_5: five further branches in trades not yet in the set — a county tax office's
# 第一税务分局, a rural commercial bank's 城南支行, a county Chinese-medicine hospital's 药剂科,
# a county 第一中学 and a 和平社区居委会 — written and labelled on 2026-12-02 *before* the
# domain thesaurus (meetings/thesaurus.py) was written or any checker run on them, and never
# changed after: the blind batch for that change. Paraphrased recycles in fresh words, the
# same member's different problems (some in the same work area, some with the same failing in
# another area), copies at the same meeting, and generic texts.
# --------------------------------------------------------------------------------------------

V1 = datetime.date(2024, 1, 16)
V2 = datetime.date(2025, 1, 15)
W1 = datetime.date(2024, 1, 30)
W2 = datetime.date(2025, 1, 21)
X1 = datetime.date(2024, 3, 8)
X2 = datetime.date(2025, 3, 7)
Y1 = datetime.date(2024, 7, 5)
Y2 = datetime.date(2025, 7, 4)
Z1 = datetime.date(2024, 11, 29)
Z2 = datetime.date(2025, 11, 28)
_MEETING_OF.update(
    {
        V1: "v-2024",
        V2: "v-2025",
        W1: "w-2024",
        W2: "w-2025",
        X1: "x-2024",
        X2: "x-2025",
        Y1: "y-2024",
        Y2: "y-2025",
        Z1: "z-2024",
        Z2: "z-2025",
    }
)

HELD_OUT_5: list[Case] = [
    # --- the tax office ---------------------------------------------------------------------
    H(
        "qhm-v1",
        "钱慧敏",
        V1,
        "办税服务厅咨询岗上,对纳税人问的社保费申报问题解释不清,去年有3户个体户来回跑了两趟。",
    ),
    H(
        "qhm-v2",
        "钱慧敏",
        V2,
        "给缴费人答疑说不明白,今年5月一名小餐馆老板为灵活就业人员医保缴费的事往返大厅三次才办成。",
        "recycled",
        recycled="qhm-v1",
    ),
    H(
        "qhm-v3",
        "钱慧敏",
        V2,
        "分局的发票领用台账由我登记,今年二季度有17笔没有及时录入系统。",
        note="same member, another problem",
    ),
    H(
        "shr-v1",
        "石浩然",
        V1,
        "下户核查时只看企业报上来的账本,没有去仓库盘点实物,2023年对一家建材商行的核查就漏掉了账外销售。",
    ),
    H(
        "shr-v2",
        "石浩然",
        V2,
        "税源管理到企业只听汇报、只翻报表,不到生产现场看,今年一家五金厂少报收入80多万元我半年后才发现。",
        "recycled",
        recycled="shr-v1",
    ),
    H(
        "shr-v3",
        "石浩然",
        V2,
        "参加支部集中学习时有两次因为下户核查请假,事后没有补学。",
        note="same member, another problem",
    ),
    H(
        "gxf-v1",
        "龚晓峰",
        V1,
        "新考录的4名公务员跟岗时,我没有安排专人指导,他们的征管系统操作多是自己摸索。",
    ),
    H(
        "gxf-v2",
        "龚晓峰",
        V2,
        "对刚分来的小同志关心培养不够,今年两名选调生独立上岗前,我只给了一本操作手册让他们自己看。",
        "recycled",
        recycled="gxf-v1",
    ),
    H(
        "zt-v2",
        "周婷",
        V2,
        "对税收政策学习不够及时,今年出台的小规模纳税人减免增值税政策,窗口群众问起时我还说不清楚。",
        "copied",
        copied="ljm-v2",
    ),
    H(
        "ljm-v2",
        "鲁家明",
        V2,
        "对新出台的税收政策学得不及时,今年小规模纳税人减免增值税的政策,窗口群众问起来我还讲不清楚。",
        "copied",
        copied="zt-v2",
    ),
    # --- the bank branch --------------------------------------------------------------------
    H(
        "plq-w1",
        "潘立群",
        W1,
        "信贷审查把关不严,2023年发放的一笔50万元个人经营贷款,借款人提供的流水有明显涂改我没有发现。",
    ),
    H(
        "plq-w2",
        "潘立群",
        W2,
        "审核贷款资料马虎,今年一户农户贷款申请里的收入证明是假的,我签了审查意见后才被风险部退回。",
        "recycled",
        recycled="plq-w1",
    ),
    H(
        "plq-w3",
        "潘立群",
        W2,
        "支部开展金融知识进村志愿活动,今年6次我只参加了1次。",
        note="same member, another problem",
    ),
    H(
        "plq-w4",
        "潘立群",
        W2,
        "支部党费收缴把关不严,今年有2名党员的缴费基数没有按工资调整,我没有核对出来。",
        note="same member, the same failing in another work area",
    ),
    H(
        "kyq-w1",
        "柯雅琴",
        W1,
        "在柜台接待年纪大的储户时图快,说话急躁,2023年一位老人取养老金时被我催了几句,回去后让子女打电话到支行反映。",
    ),
    H(
        "kyq-w2",
        "柯雅琴",
        W2,
        "对来网点办业务的老年客户缺少耐心,今年3月一位阿姨不会用自助机,我隔着柜台嚷了两声,她当场就不高兴了。",
        "recycled",
        recycled="kyq-w1",
    ),
    H(
        "kyq-w3",
        "柯雅琴",
        W2,
        "柜面业务差错仍有发生,今年二季度我经手的现金业务出现2次长短款。",
        note="same member, the same work area (柜面), another failing",
    ),
    H(
        "gzd-w1",
        "葛振东",
        W1,
        "对三会一课记录不重视,2023年支委会的记录有4次是会后凭记忆补写的。",
    ),
    H(
        "gzd-w2",
        "葛振东",
        W2,
        "支部组织生活的记录事后补,今年的党员大会记录有3次是开完一个星期后才整理的,内容靠回忆。",
        "recycled",
        recycled="gzd-w1",
    ),
    H(
        "cwb-w2a",
        "蔡文博",
        W2,
        "对金融工作的政治性、人民性认识不够深刻,服务实体经济的主动性和创造性还有差距,干事创业的精气神有所减退。",
        "boilerplate",
    ),
    H(
        "cwb-w2b",
        "蔡文博",
        W2,
        "合规经营理念树得不牢,风险防控的敏感性和前瞻性不足,对标先进找差距的劲头不够足。",
        "boilerplate",
    ),
    # --- the hospital pharmacy --------------------------------------------------------------
    H(
        "wcy-x1",
        "韦春燕",
        X1,
        "药品效期管理松懈,2023年药库清点时发现有12盒过期的注射液还在货架上。",
    ),
    H(
        "wcy-x2",
        "韦春燕",
        X2,
        "近效期药品预警没做起来,今年7月中药房还有3袋过了保质期的颗粒剂差点发给病人。",
        "recycled",
        recycled="wcy-x1",
    ),
    H(
        "wcy-x3",
        "韦春燕",
        X2,
        "处方审核时对超说明书用药不敢提意见,今年有5张儿科处方我明知剂量偏大也没有退回。",
        note="same member, the same work area (药品), another failing",
    ),
    H(
        "pjj-x1",
        "庞建军",
        X1,
        "夜班调剂室经常只留一个人,2023年有两次夜里我临时回家取东西,窗口有20多分钟没人。",
    ),
    H(
        "pjj-x2",
        "庞建军",
        X2,
        "值夜班时擅自走开,今年4月一个晚上我到住院部找同学聊天,急诊取药的家属在窗口等了半小时。",
        "recycled",
        recycled="pjj-x1",
    ),
    H(
        "tlj-x1",
        "汤丽君",
        X1,
        "给门诊患者交代用药方法太简单,2023年一位糖尿病患者把一天一次的降糖药吃成了一天三次。",
    ),
    H(
        "tlj-x2",
        "汤丽君",
        X2,
        "发药时用药指导讲得不细,今年有位老年病人没听明白,把外用的药水当口服液喝了一口。",
        "recycled",
        recycled="tlj-x1",
    ),
    H(
        "tlj-x3",
        "汤丽君",
        X2,
        "以病人为中心的理念树得不牢,药学服务的精细化水平不高,钻研业务的韧劲还不够。",
        "boilerplate",
    ),
    # --- the middle school ------------------------------------------------------------------
    H(
        "gsy-y1",
        "耿思远",
        Y1,
        "作业布置一刀切,2023年下学期我带的两个班每天数学作业都是同一套卷子,没考虑学生层次。",
    ),
    H(
        "gsy-y2",
        "耿思远",
        Y2,
        "布置练习不分层,今年高一(3)班基础差的学生和尖子生做一样的题,十几个孩子每晚写到十二点。",
        "recycled",
        recycled="gsy-y1",
    ),
    H(
        "gsy-y3",
        "耿思远",
        Y2,
        "对学困生的课后辅导坚持得不好,今年原定每周两次的辅导有8次因为开会取消了。",
        note="same member, the same work area (学生), another failing",
    ),
    H(
        "rqj-y1",
        "阮秋菊",
        Y1,
        "家校沟通不主动,2023年班里有个学生连续一周情绪低落,我没有及时联系家长,后来是家长找到学校才知道。",
    ),
    H(
        "rqj-y2",
        "阮秋菊",
        Y2,
        "和学生家里联系少,今年一名住校生父母离异后成绩下滑、常一个人发呆,我两个月没给他监护人打过一次电话。",
        "recycled",
        recycled="rqj-y1",
    ),
    H(
        "rqj-y3",
        "阮秋菊",
        Y2,
        "教研组听评课流于形式,今年我听了6节课,评课意见都是“很好”“有亮点”,没提出一条改进建议。",
        note="same member, another problem",
    ),
    H(
        "lgd-y2",
        "黎国栋",
        Y2,
        "课堂上满足于讲完教材,今年学校推行的“大单元教学”我只在公开课上用过一次,平时还是老一套。",
        "copied",
        copied="gxh-y2",
    ),
    H(
        "gxh-y2",
        "甘晓红",
        Y2,
        "满足于按教材讲完课,今年学校推行的“大单元教学”我仅在公开课上用过一次,平常上课还是老一套。",
        "copied",
        copied="lgd-y2",
    ),
    # --- the community ----------------------------------------------------------------------
    H(
        "dmx-z1",
        "单明轩",
        Z1,
        "网格员走访不扎实,2023年我负责的第6网格有9户独居老人,半年里只上门看过两三户。",
    ),
    H(
        "dmx-z2",
        "单明轩",
        Z2,
        "包片联户浮在表面,今年分包的15号楼有4户空巢老人,我多数时候只在微信群里问一句,很少敲门见人。",
        "recycled",
        recycled="dmx-z1",
    ),
    H(
        "dmx-z3",
        "单明轩",
        Z2,
        "网格信息采集不准,今年核对人口信息时,我网格里有11户出租户的租客信息还是两年前的。",
        note="same member, the same work area (网格), another failing",
    ),
    H(
        "nhm-z1",
        "聂红梅",
        Z1,
        "处理居民矛盾纠纷爱和稀泥,2023年两户邻居因为楼道堆物吵架,我两边都说好话,问题拖了三个月没解决。",
    ),
    H(
        "nhm-z2",
        "聂红梅",
        Z2,
        "调解邻里纠纷怕得罪人,今年5栋楼上楼下漏水的事,我只劝双方各让一步,没有拿出办法,到现在还在吵。",
        "recycled",
        recycled="nhm-z1",
    ),
    H(
        "nhm-z3",
        "聂红梅",
        Z2,
        "垃圾分类宣传只发了传单,今年小区厨余垃圾分出率只有三成,我没有组织过一次入户指导。",
        note="same member, another problem",
    ),
    H(
        "qzy-z2",
        "覃志勇",
        Z2,
        "践行以人民为中心的发展思想不够自觉,为民办实事的主动性不强,解决群众急难愁盼问题的办法不多。",
        "boilerplate",
    ),
]


# --------------------------------------------------------------------------------------------
# HELD_OUT_6: five further branches in trades not yet in the set — a port customs office's
# 查验科, a railway station's 客运车间, a water company's 管网所, a university library and a
# county 农技推广站 — written and labelled on 2026-12-02 *before* the checker change that
# followed (issue 16), without the thesaurus or the synonym table open, and never changed
# after: the blind batch for that change. Paraphrased recycles in a trade's own words, the
# same member's other problems (some in the same work area, some with the same failing in
# another area), copies at the same meeting, and generic texts.
# --------------------------------------------------------------------------------------------

AA1 = datetime.date(2024, 4, 12)
AA2 = datetime.date(2025, 4, 11)
AB1 = datetime.date(2024, 5, 17)
AB2 = datetime.date(2025, 5, 16)
AC1 = datetime.date(2024, 8, 23)
AC2 = datetime.date(2025, 8, 22)
AD1 = datetime.date(2024, 10, 18)
AD2 = datetime.date(2025, 10, 17)
AE1 = datetime.date(2024, 2, 23)
AE2 = datetime.date(2025, 2, 21)
_MEETING_OF.update(
    {
        AA1: "aa-2024",
        AA2: "aa-2025",
        AB1: "ab-2024",
        AB2: "ab-2025",
        AC1: "ac-2024",
        AC2: "ac-2025",
        AD1: "ad-2024",
        AD2: "ad-2025",
        AE1: "ae-2024",
        AE2: "ae-2025",
    }
)

HELD_OUT_6: list[Case] = [
    # --- the customs office's 查验科 ---------------------------------------------------------
    H(
        "wjj-aa1",
        "韦建军",
        AA1,
        "查验时对申报为五金配件的货柜只开箱看了门口几箱,没有掏箱到底,2023年10月一柜夹藏的"
        "200多双仿冒运动鞋是后来缉私部门查出来的。",
    ),
    H(
        "wjj-aa2",
        "韦建军",
        AA2,
        "机检图像有疑点的集装箱,我图省事只抽了几件看看,没有彻底清点,今年3月一批申报为塑料"
        "制品的货物,后续稽查发现里面混装了3吨没有申报的电子产品。",
        "recycled",
        recycled="wjj-aa1",
    ),
    H(
        "wjj-aa3",
        "韦建军",
        AA2,
        "查验记录填写不规范,今年有6份查验记录单没有写明开箱比例和查验人员,被关务督察通报。",
        note="same member, the same work area (查验), another failing",
    ),
    H(
        "lxf-aa1",
        "梁秀芬",
        AA1,
        "企业来咨询原产地证书和关税减让的问题,我答复时照着文件念,企业听不懂,2023年有家外贸"
        "公司因此没有享受协定税率,多交了4万多元关税。",
    ),
    H(
        "lxf-aa2",
        "梁秀芬",
        AA2,
        "给进出口企业讲RCEP优惠政策讲得不细,只说了个大概,今年5月一家水产公司报关时没有申请"
        "原产地证书,白白多缴了近3万元税款。",
        "recycled",
        recycled="lxf-aa1",
    ),
    H(
        "lxf-aa3",
        "梁秀芬",
        AA2,
        "支部理论学习轮到我领学,今年两次都是照着辅导材料念了一遍,没有结合口岸监管工作谈体会。",
        note="same member, the same failing (照着念) in another work area",
    ),
    H(
        "dzg-aa1",
        "邓志刚",
        AA1,
        "夜间值守监管作业场所时不在岗,2023年有两个晚上在休息室睡觉,卡口放行系统报警近40分钟"
        "无人处理。",
    ),
    H(
        "dzg-aa2",
        "邓志刚",
        AA2,
        "值夜班时擅自离开监控台,今年1月一天夜里回宿舍拿东西走了一个多小时,其间闸口有车辆"
        "异常没有人处置。",
        "recycled",
        recycled="dzg-aa1",
    ),
    H(
        "lm-aa2",
        "刘敏",
        AA2,
        "对新修订的进出口货物申报管理规定学习不及时,今年上半年有5票报关单因申报要素填写不全"
        "被退单,我在审单时没有及时提醒企业。",
        "copied",
        copied="szy-aa2",
    ),
    H(
        "szy-aa2",
        "孙志远",
        AA2,
        "对新修订的进出口货物申报管理规定学得不及时,今年上半年有5票报关单因为申报要素不全被"
        "退回,我审单时没能及时提醒企业。",
        "copied",
        copied="lm-aa2",
    ),
    H(
        "yjh-aa2",
        "严国华",
        AA2,
        "政治站位还不够高,守国门、促发展的使命意识还不够强,工作标准有时不高,满足于完成任务。",
        "boilerplate",
    ),
    # --- the railway station's 客运车间 -------------------------------------------------------
    H(
        "zhy-ab1",
        "郑海燕",
        AB1,
        "在进站口引导旅客时语气生硬,2023年春运一位带小孩的旅客问检票口在哪,我回了一句"
        "“自己看大屏”,被投诉到12306。",
    ),
    H(
        "zhy-ab2",
        "郑海燕",
        AB2,
        "对问路的旅客不耐烦,今年国庆一位老人拿着纸质车票问候车室,我随手一指就走开了,他误了车,"
        "事后打热线反映了我的态度。",
        "recycled",
        recycled="zhy-ab1",
    ),
    H(
        "zhy-ab3",
        "郑海燕",
        AB2,
        "站台接发列车立岗不规范,今年有3次列车进站时我没有站在安全线以内,被车间安全员拍下通报。",
        note="same member, the same work area (客运), another failing",
    ),
    H(
        "hlx-ab1",
        "黄立新",
        AB1,
        "车间安全隐患排查走过场,2023年检查电梯扶梯只看维保单上的签字,没到现场看,东进站口"
        "扶梯梳齿板缺齿两个月没发现。",
    ),
    H(
        "hlx-ab2",
        "黄立新",
        AB2,
        "设备巡查只翻台账不下现场,今年6月候车大厅的防火卷帘门电机坏了半个多月,消防检查时才"
        "查出来,我每周的巡查记录上写的都是“正常”。",
        "recycled",
        recycled="hlx-ab1",
    ),
    H(
        "hlx-ab3",
        "黄立新",
        AB2,
        "班组业务培训走过场,今年组织的4次应急演练有2次是照着脚本念了一遍,人没有真正动起来。",
        note="same member, the same failing (走过场) in another work area",
    ),
    H(
        "cl-ab1",
        "曹丽",
        AB1,
        "重点旅客预约服务落实不好,2023年有3位坐轮椅的旅客提前在网上预约了帮扶,到站时没有"
        "安排人员接送。",
    ),
    H(
        "cl-ab2",
        "曹丽",
        AB2,
        "对老弱病残孕旅客照顾不周,今年有两次轮椅旅客约了爱心服务,我当班时没派人去接,旅客"
        "只好自己找人把轮椅抬上车。",
        "recycled",
        recycled="cl-ab1",
    ),
    H(
        "mj-ab2",
        "马俊",
        AB2,
        "春运期间检票口组织不力,今年2月有一趟车开检晚了8分钟,旅客挤在闸机口,差点发生踩踏,"
        "我作为当班值班员负有责任。",
        "copied",
        copied="pny-ab2",
    ),
    H(
        "pny-ab2",
        "潘宁远",
        AB2,
        "春运时检票口组织不到位,今年2月一趟列车晚开检8分钟,旅客拥挤在闸机前,险些发生踩踏,"
        "我是当班值班员,有责任。",
        "copied",
        copied="mj-ab2",
    ),
    H(
        "gsl-ab2",
        "高书林",
        AB2,
        "宗旨意识还不够牢固,人民铁路为人民的理念落实得不够到位,服务质量还有提升空间。",
        "boilerplate",
    ),
    # --- the water company's 管网所 -----------------------------------------------------------
    H(
        "hzq-ac1",
        "何志强",
        AC1,
        "接到管道漏水报修后到场慢,2023年7月城北路一处爆管,我接单后一个半小时才带人赶到,"
        "附近两个小区停水大半天。",
    ),
    H(
        "hzq-ac2",
        "何志强",
        AC2,
        "抢修出动不及时,今年4月建设路一根DN300主管破裂,我们班组拖到第二天上午才开挖,沿街"
        "商户停水十几个小时,热线投诉二十多个。",
        "recycled",
        recycled="hzq-ac1",
    ),
    H(
        "hzq-ac3",
        "何志强",
        AC2,
        "抢修完成后路面恢复不到位,今年有4处开挖的路面只用碎石填平就撤场了,被城管部门发函督办。",
        note="same member, the same work area (抢修), another failing",
    ),
    H(
        "wcl-ac1",
        "吴春兰",
        AC1,
        "抄表时估抄,2023年有30多户没有入户看表,按上月用量估了读数,年底一户独居老人收到一千多"
        "元的水费单。",
    ),
    H(
        "wcl-ac2",
        "吴春兰",
        AC2,
        "抄表工作不实,今年我片区有二十来户是隔着表井盖看一眼或者照上个月的数填的,8月一户居民"
        "因此多交了600元水费,到营业厅吵了一架。",
        "recycled",
        recycled="wcl-ac1",
    ),
    H(
        "wcl-ac3",
        "吴春兰",
        AC2,
        "对用户反映的水发黄问题回访不及时,今年有3张工单超过两天时限才回电话。",
        note="same member, another problem",
    ),
    H(
        "tgd-ac1",
        "田国栋",
        AC1,
        "二次供水水箱清洗消毒监督不严,2023年下半年承包单位有两个小区的水箱没洗,我在验收单上"
        "签了字。",
    ),
    H(
        "tgd-ac2",
        "田国栋",
        AC2,
        "对外包单位洗水箱的活儿把关松,今年5月幸福家园小区的水箱只冲了冲就算洗完,我没去现场"
        "就签了验收,后来住户反映水里有杂质。",
        "recycled",
        recycled="tgd-ac1",
    ),
    H(
        "xyl-ac2",
        "徐永亮",
        AC2,
        "对标先进找差距不够主动,工作中存在求稳怕乱思想,开拓创新的劲头不足。",
        "boilerplate",
    ),
    H(
        "xyl-ac3",
        "徐永亮",
        AC2,
        "管网巡线时对施工工地的破管风险盯得不紧,今年3月开发区一处工地挖断了一根DN200管道,"
        "我前一周巡线时看到他们在打桩,没有去交底。",
    ),
    # --- the university library -------------------------------------------------------------
    H(
        "lj-ad1",
        "林静",
        AD1,
        "新生入馆教育讲得不细,2023年秋季给新生讲数据库检索只用了15分钟,很多学生到写毕业论文"
        "时还不会查知网。",
    ),
    H(
        "lj-ad2",
        "林静",
        AD2,
        "文献检索培训没做起来,今年上半年报名参加检索讲座的只有30来人,我也没有主动去院系推,"
        "不少研究生写开题报告时还不会用外文数据库。",
        "recycled",
        recycled="lj-ad1",
    ),
    H(
        "lj-ad3",
        "林静",
        AD2,
        "古籍书库的温湿度记录有漏记,今年梅雨季有12天没有记录,除湿机坏了一周才报修。",
        note="same member, another problem",
    ),
    H(
        "xwt-ad1",
        "许文涛",
        AD1,
        "图书采购前调研不够,2023年买进的800多册教辅放在书库里一年几乎没人借,老师们推荐的专业"
        "书却没有买。",
    ),
    H(
        "xwt-ad2",
        "许文涛",
        AD2,
        "采访工作不听读者意见,今年新书我主要按书商给的书目勾选,学院交来的荐购单有40多种没有"
        "落实,买来的书借阅率很低。",
        "recycled",
        recycled="xwt-ad1",
    ),
    H(
        "xwt-ad3",
        "许文涛",
        AD2,
        "电子资源续订审核不细,今年一个外文数据库的续订价格比去年涨了18%,我没有比价就报了上去。",
        note="same member, the same work area (采购), another failing",
    ),
    H(
        "zhy-ad1",
        "周海鹰",
        AD1,
        "自习室占座问题管了几次就不管了,2023年期末考试周读者投诉占座20多次,我只贴了个通知。",
    ),
    H(
        "zhy-ad2",
        "周海鹰",
        AD2,
        "对阅览室用书包占位的现象抓得不长,今年开学查了一周就松下来了,考研季又有学生在留言板上"
        "反映找不到座位。",
        "recycled",
        recycled="zhy-ad1",
    ),
    H(
        "zhy-ad3",
        "周海鹰",
        AD2,
        "支部的党员先锋岗挂牌以后就没再组织活动,今年只在3月开展过一次。",
        note="same member, the same failing (抓了一阵就松) in another work area",
    ),
    H(
        "fx-ad2",
        "方晓",
        AD2,
        "馆藏剔旧工作拖沓,今年计划下架的1.2万册过期期刊只处理了不到三千册,书库三楼过道堆满了"
        "待剔旧的书。",
        "copied",
        copied="zy-ad2",
    ),
    H(
        "zy-ad2",
        "钟云",
        AD2,
        "馆藏剔旧推进拖沓,今年计划剔除的1.2万册过刊只处理了不到3000册,三楼书库过道里堆满了"
        "待处理的书。",
        "copied",
        copied="fx-ad2",
    ),
    H(
        "zy-ad3",
        "钟云",
        AD2,
        "服务读者的意识有所淡化,工作中有时存在等靠要思想,主动作为不够。",
        "boilerplate",
    ),
    # --- the county 农技推广站 -----------------------------------------------------------------
    H(
        "lcq-ae1",
        "罗长青",
        AE1,
        "下乡指导病虫害防治次数少,2023年小麦条锈病发生期,我联系的5个村只去了1个,其余靠电话"
        "了解情况。",
    ),
    H(
        "lcq-ae2",
        "罗长青",
        AE2,
        "蹲点服务不够,今年稻飞虱发生时我主要在站里发微信提醒,真正下田只有两次,一个种粮大户的"
        "20亩稻田打药晚了,减产不少。",
        "recycled",
        recycled="lcq-ae1",
    ),
    H(
        "lcq-ae3",
        "罗长青",
        AE2,
        "病虫情测报数据报得不准,今年7月有一期虫情测报灯的数据是我按前一期估着填的。",
        note="same member, the same work area (病虫害), another failing",
    ),
    H(
        "xhm-ae1",
        "谢红梅",
        AE1,
        "搞示范田只顾挂牌子,2023年的玉米高产示范田立了牌后我只去过两次,田间管理记录都是后补的。",
    ),
    H(
        "xhm-ae2",
        "谢红梅",
        AE2,
        "新品种试验示范基地种上后就撒手不管,今年大豆示范片从出苗到收获我只去看过一回,观摩会"
        "前一晚才补的田间档案。",
        "recycled",
        recycled="xhm-ae1",
    ),
    H(
        "tjp-ae2",
        "唐建平",
        AE2,
        "服务三农的本领还不够强,对新知识新技术学习不够,指导工作有时力不从心。",
        "boilerplate",
    ),
    H(
        "tjp-ae3",
        "唐建平",
        AE2,
        "今年全县测土配方施肥的取样任务我负责4个乡镇,有一个乡镇的62个土样超过一个月才送检,"
        "化验结果出来时已经过了春耕。",
    ),
]


# --------------------------------------------------------------------------------------------
# HELD_OUT_7: five more branches in common settings — a district 财政局's 预算科, a township
# 卫生院, a middle school, a state factory's workshop and a 社区居委会 — written and labelled
# on 2026-12-03 *before* the checker change that followed, without the thesaurus or the
# synonym table open, and never changed after: the blind batch for that change. Paraphrased
# recycles (other words, other numbers and years), the same member's other problem (the same
# work area with another failing, or the same failing in another area), members whose new
# problem is unrelated to their old one, copies at the same meeting, and generic texts.
# --------------------------------------------------------------------------------------------

AF1 = datetime.date(2024, 3, 15)
AF2 = datetime.date(2025, 3, 14)
AG1 = datetime.date(2024, 6, 21)
AG2 = datetime.date(2025, 6, 20)
AH1 = datetime.date(2024, 9, 20)
AH2 = datetime.date(2025, 9, 19)
AI1 = datetime.date(2024, 11, 15)
AI2 = datetime.date(2025, 11, 14)
AJ1 = datetime.date(2024, 12, 13)
AJ2 = datetime.date(2025, 12, 12)
_MEETING_OF.update(
    {
        AF1: "af-2024",
        AF2: "af-2025",
        AG1: "ag-2024",
        AG2: "ag-2025",
        AH1: "ah-2024",
        AH2: "ah-2025",
        AI1: "ai-2024",
        AI2: "ai-2025",
        AJ1: "aj-2024",
        AJ2: "aj-2025",
    }
)

HELD_OUT_7: list[Case] = [
    # --- the 财政局's 预算科 ------------------------------------------------------------------
    H(
        "sjp-af1",
        "宋建平",
        AF1,
        "审核部门预算时只看报表总数,没有逐项核对明细,2023年有个单位把同一笔设备采购资金重复"
        "申报了两次,是审计时才发现的。",
    ),
    H(
        "sjp-af2",
        "宋建平",
        AF2,
        "预算评审把关粗,今年对几个单位报上来的项目支出表只扫了一眼合计数,其中一家的培训费和"
        "会议费重复列支了18万元,年中绩效监控时才被查出来。",
        "recycled",
        recycled="sjp-af1",
    ),
    H(
        "sjp-af3",
        "宋建平",
        AF2,
        "预算编制说明写得太简单,今年上报区人大的草案说明有几处数据口径前后不一,被人大预算"
        "工委退回修改。",
        note="same member, the same work area (预算), another failing",
    ),
    H(
        "hlj-af1",
        "郝丽娟",
        AF1,
        "对基层单位来电咨询财政政策答复不耐心,2023年一个乡镇会计问专项资金怎么报账,我说了两句"
        "就挂了电话,他后来跑了三趟才办成。",
    ),
    H(
        "hlj-af2",
        "郝丽娟",
        AF2,
        "接基层财务人员的电话时态度冲,今年4月有位街道的出纳打电话问惠民资金拨付流程,我嫌她问得"
        "太细,语气很不好,她向科长反映了。",
        "recycled",
        recycled="hlj-af1",
    ),
    H(
        "hlj-af3",
        "郝丽娟",
        AF2,
        "科室新来的大学生请教问题,我常常不耐烦,让他自己去翻文件,他来了半年多还不敢独立审核。",
        note="same member, the same failing (不耐烦) toward others (a newcomer)",
    ),
    H(
        "fwt-af2",
        "范文涛",
        AF2,
        "贯彻落实新发展理念还不够到位,运用财政政策服务大局的本领还不够强,思想解放程度不够。",
        "boilerplate",
    ),
    # --- the township 卫生院 ------------------------------------------------------------------
    H(
        "rml-ag1",
        "罗美玲",
        AG1,
        "给高血压病人随访走过场,2023年我负责的80多个慢病患者,有一半是电话里问一句“血压怎么样”"
        "就填了随访表,没有上门量血压。",
    ),
    H(
        "rml-ag2",
        "罗美玲",
        AG2,
        "慢病管理不实,今年下半年我管的糖尿病人,好多次只是微信上问问,没有去家里测血糖,随访记录"
        "却写成了面对面随访。",
        "recycled",
        recycled="rml-ag1",
    ),
    H(
        "rml-ag3",
        "罗美玲",
        AG2,
        "慢病患者的健康档案信息更新不及时,今年县里抽查我名下的30份档案,有11份用药情况还是两年前"
        "的。",
        note="same member, the same work area (慢病), another failing",
    ),
    H(
        "gzj-ag1",
        "高志军",
        AG1,
        "夜间急诊值班时在宿舍睡觉,2023年11月一天凌晨有个腹痛的孩子来看病,护士打了三次电话我才"
        "起来,家属很有意见。",
    ),
    H(
        "gzj-ag2",
        "高志军",
        AG2,
        "值夜班不在诊室守着,今年春节期间有一晚回家吃饭,一个摔伤的老人在急诊室等了四十分钟没人"
        "接诊。",
        "recycled",
        recycled="gzj-ag1",
    ),
    H(
        "gzj-ag3",
        "高志军",
        AG2,
        "处方书写不规范,今年院里处方点评我有7张处方没写诊断,被通报扣了绩效。",
        note="same member, another area and another failing",
    ),
    H(
        "sl-ag1",
        "沈丽",
        AG1,
        "对家庭医生签约服务宣传不够,2023年我负责的两个村签约率在全院最低。",
    ),
    H(
        "sl-ag2",
        "沈丽",
        AG2,
        "公共卫生项目的资料整理不及时,今年迎检前连续加班三天补做了老年人体检的汇总表。",
        note="same member, a new problem unrelated to the old one",
    ),
    # --- the middle school ----------------------------------------------------------------------
    H(
        "fxd-ah1",
        "冯晓东",
        AH1,
        "作业批改马虎,2023年我教的两个班作业经常只打个勾,不写评语,期中教学检查时被教务处点名。",
    ),
    H(
        "fxd-ah2",
        "冯晓东",
        AH2,
        "对学生作业只看对错不讲问题,今年有家长在家长群里说孩子的作文本一学期都只有一个“阅”字,"
        "年级组长找我谈了话。",
        "recycled",
        recycled="fxd-ah1",
    ),
    H(
        "fxd-ah3",
        "冯晓东",
        AH2,
        "布置作业量偏多,今年初二两个班学生反映我每天的数学作业要写一个半小时以上,超过了学校规定。",
        note="same member, the same work area (作业), another failing",
    ),
    H(
        "qcy-ah1",
        "钱春燕",
        AH1,
        "和家长沟通少,2023年全年我只开过一次家长会,有个学生沉迷手机成绩下滑,我一直没告诉家长,"
        "等期末家长才知道。",
    ),
    H(
        "qcy-ah2",
        "钱春燕",
        AH2,
        "家校联系不主动,今年班里一个孩子连续两个月上课睡觉、作业不交,我没有及时和他父母通气,"
        "家长知道时孩子已经挂了三科。",
        "recycled",
        recycled="qcy-ah1",
    ),
    H(
        "qcy-ah3",
        "钱春燕",
        AH2,
        "班级安全教育讲得少,今年只在开学时讲过一次防溺水,暑假前没有再提醒。",
        note="same member, the same failing (只…一次, too rarely) in another area",
    ),
    H(
        "zh-ah2",
        "周海",
        AH2,
        "指导青年教师不够用心,今年结对的新教师听了我4节课,我只给她提过一次意见,她的公开课评分"
        "在全组最低。",
        "copied",
        copied="slh-ah2",
    ),
    H(
        "slh-ah2",
        "孙丽华",
        AH2,
        "指导青年教师不用心,今年与我结对的新老师来听了我4节课,我只给她提了一次意见,她的公开课"
        "评分全组倒数。",
        "copied",
        copied="zh-ah2",
    ),
    # --- the factory workshop --------------------------------------------------------------------
    H(
        "hgq-ai1",
        "韩国强",
        AI1,
        "安全交底走形式,2023年班前会我经常念一遍安全规程就让大家签字,有个新工人不知道设备检修"
        "要先挂牌上锁,差点出事。",
    ),
    H(
        "hgq-ai2",
        "韩国强",
        AI2,
        "班前安全教育流于形式,今年我组织的班前会多数是照着规程读几条、让工人签个名,7月一名员工"
        "检修传送带时没有断电,手被夹伤。",
        "recycled",
        recycled="hgq-ai1",
    ),
    H(
        "hgq-ai3",
        "韩国强",
        AI2,
        "车间消防器材检查不到位,今年安全大检查发现我们班组有4具灭火器过期,我每月的点检表上都"
        "签了“合格”。",
        note="same member, the same work area (安全), another failing",
    ),
    H(
        "zwj-ai1",
        "邹文杰",
        AI1,
        "设备故障处理拖拉,2023年6月一台数控车床主轴报警,我拖了三天才找厂家来修,耽误了一批订单"
        "交货。",
    ),
    H(
        "zwj-ai2",
        "邹文杰",
        AI2,
        "维修响应慢,今年3月冲压线液压站漏油,我觉得不急,过了一个星期才安排检修,整条线停了两个班。",
        "recycled",
        recycled="zwj-ai1",
    ),
    H(
        "zwj-ai3",
        "邹文杰",
        AI2,
        "报销单据提交拖沓,今年有5张出差报销单放了两个多月才交,财务部门催了我好几次。",
        note="same member, the same failing (拖) in another area",
    ),
    H(
        "wzq-ai2",
        "魏志强",
        AI2,
        "安全发展理念树得不牢,抓生产经营的多、抓党建的少,“一岗双责”落实得还不够到位。",
        "boilerplate",
    ),
    # --- the 社区居委会 ------------------------------------------------------------------------
    H(
        "lxy-aj1",
        "吕秀英",
        AJ1,
        "对独居老人的关心不够,2023年我包的楼栋里有位80多岁的老人在家摔倒两天后才被邻居发现,我"
        "之前有三个月没去看过她。",
    ),
    H(
        "lxy-aj2",
        "吕秀英",
        AJ2,
        "联系空巢老人不经常,今年夏天高温期间我负责的5位独居老人,有两位我一个多月没上门,其中一位"
        "中暑住院,是他女儿打电话来我才知道。",
        "recycled",
        recycled="lxy-aj1",
    ),
    H(
        "lxy-aj3",
        "吕秀英",
        AJ2,
        "为老服务的台账做得不细,今年民政检查时,我这边高龄津贴的发放名单有3个人已经去世还在册。",
        note="same member, the same work area (老人), another failing",
    ),
    H(
        "djh-aj1",
        "董建华",
        AJ1,
        "居民反映的小区路灯不亮、下水道堵塞等问题,我登记后转给物业就不管了,2023年有好几件事居民"
        "来问了三四次都没结果。",
    ),
    H(
        "djh-aj2",
        "董建华",
        AJ2,
        "对居民诉求只转不办,今年6月3号楼楼道堆物的问题,我打电话告诉了物业就算完事,一个月后居民"
        "打12345投诉,社区被通报。",
        "recycled",
        recycled="djh-aj1",
    ),
    H(
        "djh-aj3",
        "董建华",
        AJ2,
        "垃圾分类宣传入户少,今年我片区的入户宣传只做了不到三分之一,评比时社区排名靠后。",
        note="same member, another area and another failing",
    ),
    H(
        "wyq-aj2",
        "吴雅琴",
        AJ2,
        "网格巡查不仔细,今年有两处小区消防通道被私家车长期占用,我巡了多次都没有发现上报,直到"
        "消防检查时才整改。",
        "copied",
        copied="xlp-aj2",
    ),
    H(
        "xlp-aj2",
        "许丽萍",
        AJ2,
        "网格巡查不细致,今年两处小区的消防通道被私家车长期占用,我巡查多次都没能发现上报,等到"
        "消防检查才整改。",
        "copied",
        copied="wyq-aj2",
    ),
    H(
        "cle-aj1",
        "曹磊",
        AJ1,
        "社区微信群管理不到位,2023年群里出现过几次虚假募捐信息,我没有及时提醒居民。",
    ),
    H(
        "cle-aj2",
        "曹磊",
        AJ2,
        "社区活动室开放时间不固定,今年居民几次来下棋都吃了闭门羹,我没有排好值守人员。",
        note="same member, a new problem unrelated to the old one",
    ),
    H(
        "tf-aj2",
        "田芳",
        AJ2,
        "群众观点还树得不牢,为民服务的意识还不够强,有时工作方法简单,与群众的感情还不够深。",
        "boilerplate",
    ),
]


# --------------------------------------------------------------------------------------------
# HELD_OUT_8 (tests/meetings/checker_cases_blind8.py): five branches in common settings
# written on 2026-12-03 by a writer who had read neither the checker, its thesaurus nor any
# earlier case, before the checker change that followed, and never read by that change's
# author: the blind batch for it. Plain rows there, cases here.
# --------------------------------------------------------------------------------------------


def _cases_of(batch: ModuleType) -> list[Case]:
    """The cases of a batch kept as plain rows in a module of its own (``MEETINGS``: date →
    meeting id; ``ROWS``: id, author, date, text, rules, recycled ref, copied ref, note)."""
    _MEETING_OF.update(batch.MEETINGS)
    return [
        H(id, author, date, text, rules, recycled=recycled or (), copied=copied or (), note=note)
        for id, author, date, text, rules, recycled, copied, note in batch.ROWS
    ]


HELD_OUT_8: list[Case] = _cases_of(checker_cases_blind8)


# --------------------------------------------------------------------------------------------
# HELD_OUT_9 (tests/meetings/checker_cases_blind9.py): five more branches in common settings
# (a county Party committee office, a township government, a village branch, a university
# department, a state factory's workshop), written on 2026-12-03 by a writer who had read
# neither the checker, its thesaurus nor any case, after HELD_OUT_8's misses had been studied
# and before they were acted on; its texts were not read by the author of that change: the
# blind batch for the copied and boilerplate changes that followed HELD_OUT_8.
# --------------------------------------------------------------------------------------------

HELD_OUT_9: list[Case] = _cases_of(checker_cases_blind9)


# --------------------------------------------------------------------------------------------
# HELD_OUT_10 (tests/meetings/checker_cases_blind10.py): five ordinary branches (a county
# bureau, a street office, a township, a middle school's teachers, a state company's offices)
# whose problems follow the standard headings of 对照检查材料 (study, discipline, style,
# responsibility, serving the public, integrity, duty, documents), written on 2026-12-03 by a
# writer who had read neither the checker, its thesaurus nor any case, after every change of
# that day; measured once, never studied.
# --------------------------------------------------------------------------------------------

HELD_OUT_10: list[Case] = _cases_of(checker_cases_blind10)


# --------------------------------------------------------------------------------------------
# HELD_OUT_11 (tests/meetings/checker_cases_blind11.py): five branches in trades not yet in
# the set (a police station, a county CDC, an emergency management bureau, a county media
# centre, a toll station), written on 2026-12-03 by a writer who had read neither the checker,
# its thesaurus nor any case, committed before the recycled-by-meaning rule was measured on it:
# the blind batch for that rule.
# --------------------------------------------------------------------------------------------

HELD_OUT_11: list[Case] = _cases_of(checker_cases_blind11)


# --------------------------------------------------------------------------------------------
# HELD_OUT_12 (tests/meetings/checker_cases_blind12.py): five more branches (a court's filing
# division, a planning office, a rural credit union, a kindergarten, an archive), written on
# 2026-12-03 by a writer who had read neither the checker, its thesaurus nor any case (asked
# for generic texts in varied ways), committed before the boilerplate change that followed
# HELD_OUT_11 and never read by its author: the blind batch for that change.
# --------------------------------------------------------------------------------------------

HELD_OUT_12: list[Case] = _cases_of(checker_cases_blind12)


# --------------------------------------------------------------------------------------------
# HELD_OUT_13 (tests/meetings/checker_cases_blind13.py): five more branches (a fire rescue
# brigade, a reservoir station, a civil affairs bureau, a statistics bureau, a supply co-op),
# written on 2026-12-03 by a writer who had read neither the checker, its thesaurus nor any
# case, after every change of that day; measured once, never studied.
# --------------------------------------------------------------------------------------------

HELD_OUT_13: list[Case] = _cases_of(checker_cases_blind13)


# --------------------------------------------------------------------------------------------
# HELD_OUT_14 (tests/meetings/checker_cases_blind14.py): five more branches (a tax sub-bureau,
# a township natural resources office, a road maintenance centre, a county cultural centre, an
# agricultural extension station), written on 2026-12-03 by a writer who had read neither the
# checker, its thesaurus nor any case, committed before the recycled pair model (trained on
# texts by other writers in other trades) was measured on it: the blind batch for that model.
# --------------------------------------------------------------------------------------------

HELD_OUT_14: list[Case] = _cases_of(checker_cases_blind14)


CASES: list[Case] = (
    PROBLEMS
    + MEASURES
    + BLIND
    + TUNE
    + TUNE_2
    + TUNE_3
    + HELD_OUT
    + HELD_OUT_2
    + HELD_OUT_3
    + HELD_OUT_4
    + HELD_OUT_5
    + HELD_OUT_6
    + HELD_OUT_7
    + HELD_OUT_8
    + HELD_OUT_9
    + HELD_OUT_10
    + HELD_OUT_11
    + HELD_OUT_12
    + HELD_OUT_13
    + HELD_OUT_14
)
#: The held-out half: written before the checker was tuned, never learned from.
HELD_OUT_ALL: list[Case] = (
    HELD_OUT
    + HELD_OUT_2
    + HELD_OUT_3
    + HELD_OUT_4
    + HELD_OUT_5
    + HELD_OUT_6
    + HELD_OUT_7
    + HELD_OUT_8
    + HELD_OUT_9
    + HELD_OUT_10
    + HELD_OUT_11
    + HELD_OUT_12
    + HELD_OUT_13
    + HELD_OUT_14
)
#: The cases the checker was tuned on (everything but the held-out half).
TUNED: list[Case] = PROBLEMS + MEASURES + BLIND + TUNE + TUNE_2 + TUNE_3


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def evaluate(
    cases: list[Case] = CASES, *, results: dict[str, list] | None = None
) -> tuple[dict[str, Score], list[str]]:
    """Per-rule precision/recall at item level over ``cases``, checked together with every
    labelled case (so a subset such as the held-out half is scored in its full context).

    A fired rule is a true positive only if it is labelled and, where the label lists
    acceptable refs, the finding's ref is one of them. Returns the scores and a list of
    human-readable mistakes. ``results`` (``check_items`` of all cases) may be passed in.
    """
    if results is None:
        results = check_items([c.item for c in CASES])
    counts = {rule: [0, 0, 0] for rule in RULES}
    mistakes: list[str] = []
    for case in cases:
        fired: dict[str, str | None] = {}
        for finding in results[case.item.id]:
            fired.setdefault(finding.rule, finding.ref)
        for rule in RULES:
            expected = rule in case.rules
            got = rule in fired
            ref_ok = not (got and rule in case.refs) or fired[rule] in case.refs[rule]
            if expected and got and ref_ok:
                counts[rule][0] += 1
                continue
            if got:
                counts[rule][1] += 1
                mistakes.append(f"false {rule} on {case.item.id} (ref={fired[rule]})")
            if expected:
                counts[rule][2] += 1
                mistakes.append(f"missed {rule} on {case.item.id}")
    return {rule: Score(*c) for rule, c in counts.items()}, mistakes
