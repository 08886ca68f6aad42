"""HELD_OUT_8: blind labelled cases for the self-criticism problem checker.

Written on 2026-12-03 by a test-data helper session (an AI assistant), without
reading the draft checker, its thesaurus or any of the earlier labelled cases.

Five branches, each with an earlier meeting and this year's meeting:

- ak: a county human resources and social security bureau (县人社局) branch
- al: an urban primary school (城关第二小学) teachers' branch
- am: a county people's hospital surgical department (县人民医院外科) branch
- an: a market supervision station (城关市场监管所) branch
- ao: a county power supply company business hall (供电营业厅) branch

Row: (id, author, date, text, rules, recycled_ref, copied_ref, note).
"""

import datetime

MEETINGS: dict[datetime.date, str] = {
    datetime.date(2024, 4, 26): "ak-2024",
    datetime.date(2025, 4, 25): "ak-2025",
    datetime.date(2024, 5, 31): "al-2024",
    datetime.date(2025, 5, 30): "al-2025",
    datetime.date(2024, 7, 19): "am-2024",
    datetime.date(2025, 7, 18): "am-2025",
    datetime.date(2024, 9, 6): "an-2024",
    datetime.date(2025, 9, 5): "an-2025",
    datetime.date(2024, 10, 25): "ao-2024",
    datetime.date(2025, 10, 24): "ao-2025",
}

ROWS: list[tuple] = [
    # ---- ak ----
    (
        "ycz-ak1",
        "岳承志",
        datetime.date(2024, 4, 26),
        (
            "2023年处理农民工欠薪投诉时,我经办的案件中有4起超过规定"
            "时限才立案调查,对群众反映的问题催一下才动一下,主动跟进不够"
            "。"
        ),
        "",
        None,
        None,
        "",
    ),
    (
        "ycz-ak2",
        "岳承志",
        datetime.date(2025, 4, 25),
        (
            "今年1月春节前集中受理讨薪举报,我手上有2件拖了半个多月才去"
            "工地核查,都是工人打电话追问后才往前推。"
        ),
        "recycled",
        "ycz-ak1",
        None,
        "",
    ),
    (
        "ycz-ak3",
        "岳承志",
        datetime.date(2025, 4, 25),
        (
            "今年3月对城东几个在建工地开展工资支付专项检查,我只核对了用"
            "工台账和工资表,没有找工人当面了解情况,检查笔录也填得不完整"
            "。"
        ),
        "",
        None,
        None,
        (
            "same member, the same work area (wage-arrears enforcement), "
            "another failing (superficial inspection, not delay)"
        ),
    ),
    (
        "qhj-ak1",
        "祁慧君",
        datetime.date(2024, 4, 26),
        (
            "去年在社保窗口办理退休待遇核定,解释政策时语气生硬,2023"
            "年10月一位老人因材料不全被我直接打发回去,家属打了1234"
            "5投诉。"
        ),
        "",
        None,
        None,
        "",
    ),
    (
        "qhj-ak2",
        "祁慧君",
        datetime.date(2025, 4, 25),
        (
            "今年2月一位大爷来办养老金资格认证,流程我说了两遍他还没弄明"
            "白,我就有些不耐烦,说话冲了,事后家属在服务评价里给了差评。"
        ),
        "recycled",
        "qhj-ak1",
        None,
        "",
    ),
    (
        "qhj-ak3",
        "祁慧君",
        datetime.date(2025, 4, 25),
        (
            "今年3月和各乡镇劳动保障所核对参保数据,有两个所反复报错,我"
            "在工作群里直接指责对方,话说得很重,影响了上下级之间的配合。"
        ),
        "",
        None,
        None,
        ("same member, the same failing (harsh manner) toward township staff, not window clients"),
    ),
    (
        "bwy-ak1",
        "卜文远",
        datetime.date(2024, 4, 26),
        (
            "2023年审核职业技能培训补贴时,对3家培训机构报来的花名册"
            "只做书面审查,没有到培训现场抽查学员到课情况,后来审计发现有"
            "虚报人数的问题。"
        ),
        "",
        None,
        None,
        "",
    ),
    (
        "bwy-ak2",
        "卜文远",
        datetime.date(2025, 4, 25),
        (
            "今年初复核去年下半年拨付的培训补助资金,我还是习惯坐在办公室"
            "看签到表和照片,承办的两所职业学校一次课也没去现场看过。"
        ),
        "recycled",
        "bwy-ak1",
        None,
        "",
    ),
    (
        "bwy-ak3",
        "卜文远",
        datetime.date(2025, 4, 25),
        (
            "今年3月汇总春风行动招聘会岗位信息,用人单位报多少我就统计多"
            "少,没有逐一电话回访核实,上报的1200多个岗位里有一部分其"
            "实早已招满。"
        ),
        "",
        None,
        None,
        (
            "same member, "
            "the same failing (paper-only checking) in another area (job-fair statistics)"
        ),
    ),
    (
        "qhl-ak1",
        "仇海岚",
        datetime.date(2024, 4, 26),
        (
            "去年承办全县人社系统业务骨干培训,2023年9月那期课程安排"
            "临时改了3次,参训的乡镇所长意见较大,组织工作考虑不周。"
        ),
        "",
        None,
        None,
        "",
    ),
    (
        "qhl-ak2",
        "仇海岚",
        datetime.date(2025, 4, 25),
        (
            "今年1月整理年度业务档案,社保股2024年的12卷档案没有按"
            "期移交局档案室,到现在还有3卷缺少卷内目录。"
        ),
        "",
        None,
        None,
        (
            "same member, "
            "a new problem (archive hand-over) unrelated to the old one (organising training)"
        ),
    ),
    (
        "yzr-ak2",
        "晏卓然",
        datetime.date(2025, 4, 25),
        (
            "对人社政策的钻研还停留在一知半解的层面,给群众答疑解惑时底气"
            "不足,主动上门服务的意识有待加强,干工作的标准也还不够高。"
        ),
        "boilerplate",
        None,
        None,
        "",
    ),
    # ---- al ----
    (
        "jyn-al1",
        "简怡宁",
        datetime.date(2024, 5, 31),
        (
            "2023年秋季学期我布置的作业偏多,五年级(2)班的数学家庭"
            "作业常常要写一个半小时,家长在班级群里反映了好几次,我没有认"
            "真调整。"
        ),
        "",
        None,
        None,
        "",
    ),
    (
        "jyn-al2",
        "简怡宁",
        datetime.date(2025, 5, 30),
        (
            "今年3月以来,我教的六年级数学每天课后练习题量没控制住,有学"
            "生晚上九点多还在写,“双减”减负要求落实得不好。"
        ),
        "recycled",
        "jyn-al1",
        None,
        "",
    ),
    (
        "jyn-al3",
        "简怡宁",
        datetime.date(2025, 5, 30),
        (
            "今年4月学校检查作业本,发现我批改学生作业只打勾叉、不写评语"
            ",错题也没有督促订正,班上有7个学生的订正本一直空着。"
        ),
        "",
        None,
        None,
        (
            "same member, the same work area (homework), "
            "another failing (marking without feedback or corrections)"
        ),
    ),
    (
        "wcy-al1",
        "巫晨阳",
        datetime.date(2024, 5, 31),
        (
            "去年学校组织青年教师听评课活动,我全年只听了6节课,评课时也"
            "只说优点、不提问题,听评课走了过场。"
        ),
        "",
        None,
        None,
        "",
    ),
    (
        "wcy-al2",
        "巫晨阳",
        datetime.date(2025, 5, 30),
        (
            "今年上半年教研组互相听课,我有几次签个到就回办公室批作业了,"
            "交上去的评课意见多是“环节完整、气氛活跃”之类的客套话。"
        ),
        "recycled",
        "wcy-al1",
        None,
        "",
    ),
    (
        "wcy-al3",
        "巫晨阳",
        datetime.date(2025, 5, 30),
        (
            "今年4月学校组织春季家访,我负责的12户学生家庭有一半是打电"
            "话代替上门,家访记录也是照着模板填的。"
        ),
        "",
        None,
        None,
        ("same member, the same failing (going through the motions) in another area (home visits)"),
    ),
    (
        "ymd-al1",
        "郁明达",
        datetime.date(2024, 5, 31),
        (
            "2023年我负责学校消防安全巡查,9月发现实验楼二楼的灭火器"
            "已过期,拖了一个多月才联系更换,隐患整改不及时。"
        ),
        "",
        None,
        None,
        "",
    ),
    (
        "ymd-al2",
        "郁明达",
        datetime.date(2025, 5, 30),
        (
            "今年春季开学后巡查发现教学楼东侧楼梯有两盏应急照明灯不亮,我"
            "报修后没再盯着,直到5月疏散演练时还是坏的。"
        ),
        "recycled",
        "ymd-al1",
        None,
        "",
    ),
    (
        "ymd-al3",
        "郁明达",
        datetime.date(2025, 5, 30),
        (
            "今年4月的消防安全检查,我只查了教学楼,食堂和锅炉房都没去,"
            "巡查记录上却写成了全校区域全覆盖。"
        ),
        "",
        None,
        None,
        (
            "same member, the same work area (safety inspection), "
            "another failing (areas skipped, record overstated)"
        ),
    ),
    (
        "lxn-al1",
        "芦雪宁",
        datetime.date(2024, 5, 31),
        ("2023年学校读书节我负责各班图书角建设,到期末四年级三个班里还有两个班的图书角没有建起来。"),
        "",
        None,
        None,
        "",
    ),
    (
        "lxn-al2",
        "芦雪宁",
        datetime.date(2025, 5, 30),
        (
            "今年5月上报学生体质健康测试数据,我把二年级两个班的一分钟跳"
            "绳成绩录反了,被区教育局退回重新上报。"
        ),
        "",
        None,
        None,
        "same member, a new problem (data entry) unrelated to the old one (reading corners)",
    ),
    (
        "alj-al2",
        "敖丽君",
        datetime.date(2025, 5, 30),
        (
            "今年4月学校开展课后服务,我负责的托管班多数时间只安排学生自"
            "习写作业,没有按方案开展兴趣活动,有3次服务记录是事后补填的"
            "。"
        ),
        "copied",
        None,
        "fsq-al2",
        "",
    ),
    (
        "fsq-al2",
        "凤思琪",
        datetime.date(2025, 5, 30),
        (
            "今年4月课后服务托管时段,我带的班大多只让学生自己写作业,没"
            "有按照方案组织兴趣活动,还有3次服务记录是后来补写的。"
        ),
        "copied",
        None,
        "alj-al2",
        "",
    ),
    (
        "njj-al2",
        "钮家骏",
        datetime.date(2025, 5, 30),
        (
            "立德树人的使命感还不够强,教书育人中重教书、轻育人,对学生思"
            "想上的变化关心得少,推动课堂教学改革的劲头也有所欠缺。"
        ),
        "boilerplate",
        None,
        None,
        "",
    ),
    # ---- am ----
    (
        "lqh-am1",
        "蓝启航",
        datetime.date(2024, 7, 19),
        ("2023年科室病历质控检查中,我负责的出院病历有5份手术记录超过24小时才完成,被医务科通报。"),
        "",
        None,
        None,
        "",
    ),
    (
        "lqh-am2",
        "蓝启航",
        datetime.date(2025, 7, 18),
        (
            "今年5月医务科抽查运行病历,我主刀的几台腹腔镜胆囊切除,术后"
            "记录都是第二天下午才补写上,超出了规定时限。"
        ),
        "recycled",
        "lqh-am1",
        None,
        "",
    ),
    (
        "lqh-am3",
        "蓝启航",
        datetime.date(2025, 7, 18),
        (
            "今年6月病历质控时,我写的2份病程记录大段复制粘贴前一天的内"
            "容,连患者体温变化都没有更新,记录失真。"
        ),
        "",
        None,
        None,
        (
            "same member, the same work area (medical records), "
            "another failing (copy-paste content, not lateness)"
        ),
    ),
    (
        "zrn-am1",
        "甄若楠",
        datetime.date(2024, 7, 19),
        (
            "去年术前谈话讲得过于简单,2023年11月一位胆囊结石患者的"
            "家属说没听懂手术风险,术后出现并发症时情绪激动,引发投诉。"
        ),
        "",
        None,
        None,
        "",
    ),
    (
        "zrn-am2",
        "甄若楠",
        datetime.date(2025, 7, 18),
        (
            "今年4月给一位做疝修补的老人术前告知,我十分钟就让家属签了字"
            ",风险没讲透,术后出现血肿时家属认为我们事先没说过。"
        ),
        "recycled",
        "zrn-am1",
        None,
        "",
    ),
    (
        "zrn-am3",
        "甄若楠",
        datetime.date(2025, 7, 18),
        (
            "今年6月带教两名规培医生,交代换药操作要点时三言两语就带过了"
            ",其中一人给患者换药时污染了敷料。"
        ),
        "",
        None,
        None,
        (
            "same member, "
            "the same failing (explaining too briefly) in another area (training residents)"
        ),
    ),
    (
        "lzh-am1",
        "栾志恒",
        datetime.date(2024, 7, 19),
        ("2023年第三季度处方点评,我有8份清洁切口手术的预防性抗菌药物使用超过48小时,用药疗程偏长。"),
        "",
        None,
        None,
        "",
    ),
    (
        "lzh-am2",
        "栾志恒",
        datetime.date(2025, 7, 18),
        (
            "今年一季度药剂科点评,我管的甲状腺、疝修补这类一类切口病人,"
            "术后抗生素还是习惯性多用两三天,在全院被点了名。"
        ),
        "recycled",
        "lzh-am1",
        None,
        "",
    ),
    (
        "lzh-am3",
        "栾志恒",
        datetime.date(2025, 7, 18),
        (
            "今年5月门诊复查时,我给几位术后恢复平稳的病人都开了增强CT"
            ",检查项目超出了病情需要,病人多花了钱。"
        ),
        "",
        None,
        None,
        (
            "same member, a similar failing (overuse) in another area (imaging orders, "
            "not antibiotics)"
        ),
    ),
    (
        "cml-am1",
        "柴曼琳",
        datetime.date(2024, 7, 19),
        ("2023年科室组织党员志愿者下乡义诊,我报名了4次,实际只去了1次,其余都以手术排满为由推掉了。"),
        "",
        None,
        None,
        "",
    ),
    (
        "cml-am2",
        "柴曼琳",
        datetime.date(2025, 7, 18),
        ("今年3月科室耗材盘点,我负责的二级库房有12个吻合器的批号和登记对不上,没有及时查明原因。"),
        "",
        None,
        None,
        (
            "same member, "
            "a new problem (consumables ledger) unrelated to the old one (volunteer clinics)"
        ),
    ),
    (
        "pjf-am2",
        "蒲俊峰",
        datetime.date(2025, 7, 18),
        (
            "今年5月值夜班交接时,我有2次没有到床旁逐一查看术后引流情况"
            ",只看了交班本就签字,一位患者引流量增多没有被及时发现。"
        ),
        "copied",
        None,
        "kwx-am2",
        "",
    ),
    (
        "kwx-am2",
        "邝文轩",
        datetime.date(2025, 7, 18),
        (
            "今年5月夜班交班时,我有两次没去床边挨个看术后病人的引流,光"
            "看交班记录就签了字,有个病人引流液变多没能第一时间发现。"
        ),
        "copied",
        None,
        "pjf-am2",
        "",
    ),
    (
        "csy-am2",
        "岑思远",
        datetime.date(2025, 7, 18),
        (
            "把病人的冷暖放在心上做得还不够,有时对患者的痛苦体会不深,业"
            "务上满足于老经验,钻研新技术、新理念的主动性不足。"
        ),
        "boilerplate",
        None,
        None,
        "",
    ),
    # ---- an ----
    (
        "tzh-an1",
        "滕子涵",
        datetime.date(2024, 9, 6),
        (
            "2023年对辖区学校周边小餐饮开展日常检查,我有6家只看了证"
            "照,没有进后厨查看、也没有翻进货台账,检查流于形式。"
        ),
        "",
        None,
        None,
        "",
    ),
    (
        "tzh-an2",
        "滕子涵",
        datetime.date(2025, 9, 5),
        (
            "今年6月中考前巡查考点附近的小吃店,我进门看了营业执照和健康"
            "证就出来了,操作间和留样柜基本没看。"
        ),
        "recycled",
        "tzh-an1",
        None,
        "",
    ),
    (
        "tzh-an3",
        "滕子涵",
        datetime.date(2025, 9, 5),
        (
            "今年7月检查发现东街一家烧烤店使用过期调料,我下达责令整改通"
            "知书后一直没有回访复查,拖到8月底才去。"
        ),
        "",
        None,
        None,
        (
            "same member, the same work area (food-service inspection), "
            "another failing (no follow-up)"
        ),
    ),
    (
        "lwq-an1",
        "骆婉清",
        datetime.date(2024, 9, 6),
        (
            "去年处理消费投诉时有4件超过法定时限才反馈,2023年12月"
            "一位消费者投诉美容店预付卡退费,我拖了20多天才联系商家。"
        ),
        "",
        None,
        None,
        "",
    ),
    (
        "lwq-an2",
        "骆婉清",
        datetime.date(2025, 9, 5),
        (
            "今年5月一位市民反映健身房闭店后退费难,我登记以后压了两周多"
            "才回电话,当事人只好又打12315催办。"
        ),
        "recycled",
        "lwq-an1",
        None,
        "",
    ),
    (
        "lwq-an3",
        "骆婉清",
        datetime.date(2025, 9, 5),
        (
            "今年8月上级要求报送电梯等特种设备隐患排查台账,我拖到截止日"
            "期后3天才报,影响了全所的汇总上报。"
        ),
        "",
        None,
        None,
        "same member, the same failing (delay) in another area (special-equipment ledger)",
    ),
    (
        "clq-an1",
        "晁立群",
        datetime.date(2024, 9, 6),
        (
            "2023年办理的一起销售不合格电动车头盔案件,案卷中的询问笔"
            "录缺少当事人签字,在全县案卷评查中被评为不合格卷。"
        ),
        "",
        None,
        None,
        "",
    ),
    (
        "clq-an2",
        "晁立群",
        datetime.date(2025, 9, 5),
        (
            "今年上半年局里评查行政处罚卷宗,我承办的两件案子又被挑出毛病"
            ":现场检查笔录漏填检查时间,证据清单和所附材料对不上。"
        ),
        "recycled",
        "clq-an1",
        None,
        "",
    ),
    (
        "clq-an3",
        "晁立群",
        datetime.date(2025, 9, 5),
        (
            "今年3月办理一起无证经营案,我按顶格作出罚款,没有考虑当事人"
            "初次违法、及时改正的情节,被复议机关变更。"
        ),
        "",
        None,
        None,
        (
            "same member, the same work area (enforcement cases), "
            "another failing (disproportionate penalty, not paperwork)"
        ),
    ),
    (
        "sbw-an1",
        "隋博文",
        datetime.date(2024, 9, 6),
        (
            "2023年我负责所里“双随机”抽查任务的录入,第三季度有11"
            "户抽查对象在系统里填错了类别,导致任务重新派发。"
        ),
        "",
        None,
        None,
        "",
    ),
    (
        "sbw-an2",
        "隋博文",
        datetime.date(2025, 9, 5),
        (
            "今年7月对农贸市场开展电子秤计量检查,查出3台作弊秤后只做了"
            "没收处理,没有追查是谁给商户改装的。"
        ),
        "",
        None,
        None,
        "same member, a new problem (rigged scales) unrelated to the old one (data entry)",
    ),
    (
        "xjy-an2",
        "冼嘉怡",
        datetime.date(2025, 9, 5),
        (
            "依法行政的本领还有短板,面对新业态、新情况时心里没底,履职中"
            "担当精神不够,遇到难缠的事有时不敢较真碰硬。"
        ),
        "boilerplate",
        None,
        None,
        "",
    ),
    # ---- ao ----
    (
        "jhy-ao1",
        "鞠海洋",
        datetime.date(2024, 10, 25),
        (
            "2023年办理小微企业低压接电业务,有5户超过承诺时限才装表"
            "送电,其中城南一家面馆等了12天才通上电。"
        ),
        "",
        None,
        None,
        "",
    ),
    (
        "jhy-ao2",
        "鞠海洋",
        datetime.date(2025, 10, 24),
        (
            "今年8月城北新开的两家商铺申请用电,我把资料转给施工班后没有"
            "盯进度,装表接电比承诺的时间晚了一个星期。"
        ),
        "recycled",
        "jhy-ao1",
        None,
        "",
    ),
    (
        "jhy-ao3",
        "鞠海洋",
        datetime.date(2025, 10, 24),
        ("今年6月受理一家小加工厂的增容申请时,我没有一次性告知需要的材料,客户前后来回跑了3趟。"),
        "",
        None,
        None,
        (
            "same member, the same work area (connection applications), "
            "another failing (not telling all required documents at once)"
        ),
    ),
    (
        "lxt-ao1",
        "蔺晓彤",
        datetime.date(2024, 10, 25),
        (
            "去年窗口值班时对老年客户问询不够耐心,2023年7月一位老人"
            "问电费为什么高,我只回了句“自己看账单”,被投诉到95598"
            "。"
        ),
        "",
        None,
        None,
        "",
    ),
    (
        "lxt-ao2",
        "蔺晓彤",
        datetime.date(2025, 10, 24),
        (
            "今年9月一位大爷拿着缴费单来问阶梯电价怎么算,我讲了一遍他没"
            "听懂,就让他去旁边自助机上自己查,大爷很不高兴地走了。"
        ),
        "recycled",
        "lxt-ao1",
        None,
        "",
    ),
    (
        "lxt-ao3",
        "蔺晓彤",
        datetime.date(2025, 10, 24),
        (
            "今年7月带两名新入职营业员,她们在系统里操作出错时,我当着客"
            "户的面直接批评,语气很重,让新同事很难堪。"
        ),
        "",
        None,
        None,
        "same member, the same failing (impatience) toward new colleagues, not customers",
    ),
    (
        "ljj-ao1",
        "厉俊杰",
        datetime.date(2024, 10, 25),
        (
            "2023年电费催收中,我对城区3个小区的欠费户只发短信提醒,"
            "没有上门核实情况,年底形成了4万多元陈欠电费。"
        ),
        "",
        None,
        None,
        "",
    ),
    (
        "ljj-ao2",
        "厉俊杰",
        datetime.date(2025, 10, 24),
        (
            "今年二季度我负责片区的欠费户,还是靠系统群发催费短信了事,几"
            "家长期欠费的门店一次也没去过,欠费一直拖到6月底。"
        ),
        "recycled",
        "ljj-ao1",
        None,
        "",
    ),
    (
        "ljj-ao3",
        "厉俊杰",
        datetime.date(2025, 10, 24),
        (
            "今年5月开展安全用电宣传进社区,我只是把宣传单交给物业代为发"
            "放,没有到小区现场讲解,宣传效果打了折扣。"
        ),
        "",
        None,
        None,
        "same member, the same failing (not going on site) in another area (safety publicity)",
    ),
    (
        "wsh-ao1",
        "伍思涵",
        datetime.date(2024, 10, 25),
        (
            "2023年营业厅开展“党员服务岗”活动,我挂牌后有3个月没有"
            "完成每月一次上门服务孤寡老人的任务。"
        ),
        "",
        None,
        None,
        "",
    ),
    (
        "wsh-ao2",
        "伍思涵",
        datetime.date(2025, 10, 24),
        (
            "今年9月推广“网上国网”APP,我负责的注册绑定任务只完成了"
            "计划的六成,对客户的操作指导也不够细。"
        ),
        "",
        None,
        None,
        "same member, a new problem (app promotion) unrelated to the old one (home service)",
    ),
    (
        "cmj-ao2",
        "车梦洁",
        datetime.date(2025, 10, 24),
        (
            "今年8月迎峰度夏期间,营业厅接到停电咨询电话,我有几次没有查"
            "清停电原因和恢复时间,就答复客户“正在抢修”,引起客户不满。"
        ),
        "copied",
        None,
        "sxy-ao2",
        "",
    ),
    (
        "sxy-ao2",
        "师晓宇",
        datetime.date(2025, 10, 24),
        (
            "今年8月迎峰度夏时,客户打电话到营业厅问停电的事,我几次没弄"
            "清停电原因和复电时间,就回一句“正在抢修”,客户很不满意。"
        ),
        "copied",
        None,
        "cmj-ao2",
        "",
    ),
    (
        "lyh-ao2",
        "路远航",
        datetime.date(2025, 10, 24),
        (
            "以客户为中心的服务理念树立得还不牢,碰到复杂业务有畏难情绪,"
            "学习新业务、新系统的主动性不强,改进服务方式的办法不多。"
        ),
        "boilerplate",
        None,
        None,
        "",
    ),
]
