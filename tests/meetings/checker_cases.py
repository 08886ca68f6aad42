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

from meetings.checker import RULES, Item, check_items

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
) -> Case:
    refs = {}
    for rule, ids in (("recycled", recycled), ("copied", copied)):
        if ids:
            refs[rule] = frozenset((ids,) if isinstance(ids, str) else ids)
    return Case(Item(id, "problem", text, author, date), _rules(rules), refs, note)


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

CASES: list[Case] = PROBLEMS + MEASURES + BLIND


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


def evaluate(cases: list[Case] = CASES) -> tuple[dict[str, Score], list[str]]:
    """Per-rule precision/recall at item level, checking all cases together.

    A fired rule is a true positive only if it is labelled and, where the label lists
    acceptable refs, the finding's ref is one of them. Returns the scores and a list of
    human-readable mistakes.
    """
    results = check_items([c.item for c in cases])
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
