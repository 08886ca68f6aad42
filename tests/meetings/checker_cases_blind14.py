"""HELD_OUT_14: blind labelled problems for the self-criticism checker.

Written on 2026-12-03 by a helper session asked to produce held-out test data. It was
written without reading the checker, its thesaurus or any of the earlier labelled
cases (checker_cases*.py), so that it measures the checker rather than echoing it.

Five Party branches, each with a 2022 and a 2023 组织生活会:

- na: 县税务局第一税务分局党支部 (征管: 户籍管理、非正常户、欠税; 纳税服务: 政策辅导;
  风险应对: 疑点核实、约谈、案卷; 办税服务厅: 窗口、排队、一次性告知)
- nb: 乡镇自然资源所党支部 (土地执法巡查与卫片图斑; 农村村民建房用地审批;
  不动产登记与房地一体确权; 耕地保护、"非粮化"整治、补充耕地验收)
- nc: 县公路养护中心党支部 (县乡道路面养护与坑槽修补; 中小桥梁经常性检查与病害整治;
  超限超载治理; 冬季除雪保畅与汛期水毁抢险)
- nd: 县文化馆党支部 (送文艺下乡等群众文化活动; 非遗名录项目与传承人管理、抢救性记录;
  公益文艺培训班; 场馆免费开放与公众号阵地管理)
- ne: 县农业农村局农技推广站党支部 (田间技术指导与包村服务; 病虫害系统观测与测报预警;
  良种示范展示与推广; 高素质农民培训)

The March meetings of na look back on the previous year ("去年"); the other branches
meet later in the year and also refer to months of the same year ("今年").

Row: (id, author, date, text, rules, recycled_ref, copied_ref, note).
"""

import datetime

MEETINGS: dict[datetime.date, str] = {
    datetime.date(2022, 3, 16): "na-2022",
    datetime.date(2023, 3, 15): "na-2023",
    datetime.date(2022, 5, 11): "nb-2022",
    datetime.date(2023, 5, 10): "nb-2023",
    datetime.date(2022, 6, 15): "nc-2022",
    datetime.date(2023, 6, 14): "nc-2023",
    datetime.date(2022, 8, 17): "nd-2022",
    datetime.date(2023, 8, 16): "nd-2023",
    datetime.date(2022, 10, 12): "ne-2022",
    datetime.date(2023, 10, 11): "ne-2023",
}

_NA1 = datetime.date(2022, 3, 16)
_NA2 = datetime.date(2023, 3, 15)
_NB1 = datetime.date(2022, 5, 11)
_NB2 = datetime.date(2023, 5, 10)
_NC1 = datetime.date(2022, 6, 15)
_NC2 = datetime.date(2023, 6, 14)
_ND1 = datetime.date(2022, 8, 17)
_ND2 = datetime.date(2023, 8, 16)
_NE1 = datetime.date(2022, 10, 12)
_NE2 = datetime.date(2023, 10, 11)

ROWS: list[tuple] = [
    # ---- na: 县税务局第一税务分局党支部 ----
    (
        "swt-na1", "尚文涛", _NA1,
        ("风险应对工作浮在表面。去年下半年承接的42户风险应对任务，我把主要精力放在"
         "催补税款上，对企业反映的发票取得不规范问题只要求补税了事，没有深挖背后的"
         "虚开链条，有3户在12月又被上级推送同类疑点，说明应对不彻底。"),
        "", None, None, "",
    ),
    (
        "swt-na2", "尚文涛", _NA2,
        ("去年清理的一批进项异常疑点，我还是习惯让企业自查补缴、做进项转出就结案，"
         "钱是收上来了，上下游往下追得不够，5月份有两户疑点“回潮”，又被省局二次"
         "推送。归根结底是求快图省事，停留在“收了钱就算完”的层面。"),
        "recycled", "swt-na1", None,
        "same failing: risk cases closed once tax is paid, chain not traced, doubts recur",
    ),
    (
        "swt-na2b", "尚文涛", _NA2,
        ("风险应对文书制作不规范。去年9月市局开展案卷评查，我经办的案卷中有4份约谈"
         "记录缺少纳税人签字确认，2份《税务事项通知书》送达回证日期填写错误，被通报"
         "限期整改。"),
        "", None, None,
        "same risk-response work, but paperwork/case-file errors, not shallow handling",
    ),
    (
        "gql-na1", "郭巧玲", _NA1,
        ("在办税服务厅带班期间，对窗口排队问题研究不够。去年12月申报期最后三天，"
         "大厅最长排队超过一个半小时，有纳税人打12366投诉，我只是临时加开两个窗口"
         "应付，没有从预约办税、分流引导上想办法，服务群众的意识不强。"),
        "", None, None, "",
    ),
    (
        "gql-na2", "郭巧玲", _NA2,
        ("说到底我还是“头痛医头”。今年1月征期高峰，大厅里人挤得转不开身，叫号机一度"
         "排到160多号，我的办法还是老一套——喊人顶窗口、推迟下班，至于把人往电子"
         "税务局上引、错峰预约这些治本的事，一直停在嘴上，群众“等得心焦”的问题没有"
         "真正解决。"),
        "recycled", "gql-na1", None,
        "same failing: peak-time hall queues met only with stopgaps; colloquial retelling",
    ),
    (
        "gql-na2b", "郭巧玲", _NA2,
        ("一次性告知落实不到位。去年6月一位个体户来大厅办理跨区域涉税事项报告，窗口"
         "人员没有把所需资料讲全，他前后跑了三趟，我作为大厅负责人事后才知道，对窗口"
         "人员的业务指导和督促检查抓得不紧。"),
        "", None, None,
        "same tax hall, but incomplete one-time notification causing repeat trips, not queues",
    ),
    (
        "fcx-na1", "付晨曦", _NA1,
        ("对辖区非正常户清理不及时。截至去年年底，我分管片区还有67户长期零申报、走逃"
         "失联的企业没有按规定认定处理，其中部分已被市场监管部门吊销执照，征管底数"
         "不清，户籍台账长期没有更新。"),
        "", None, None, "",
    ),
    (
        "fcx-na2", "付晨曦", _NA2,
        ("我负责的户籍管理存在“僵尸户”积压的问题。去年上半年核查时发现，片区里仍有"
         "50多户多年没有经营、联系不上的纳税人挂在系统里，既没有转为非正常户，也没有"
         "督促注销，系统里的户籍信息和实际情况对不上号。"),
        "recycled", "fcx-na1", None,
        "same failing: dormant/absconded taxpayers not cleared, registry out of date",
    ),
    (
        "fcx-na2b", "付晨曦", _NA2,
        ("欠税追缴力度不够。对片区内一户房地产企业的欠税，我去年只是按月发催缴通知，"
         "没有及时采取冻结存款、阻止出境等强制措施，到年底仍有近300万元没有入库。"),
        "", None, None,
        "same collection-management work, but weak arrears enforcement, not registry cleanup",
    ),
    (
        "cjy-na2", "蔡俊彦", _NA2,
        ("理论学习不够深入系统，存在学用脱节现象；宗旨意识有所淡化，服务纳税人的"
         "主动性不强；工作标准不高，满足于完成上级交办的任务，开拓创新精神不足。"),
        "boilerplate", None, None, "official stock phrases, no instance",
    ),
    (
        "rzb-na2", "阮志斌", _NA2,
        ("对新出台的组合式税费支持政策学得不深。去年留抵退税政策出台后，我对辖区"
         "小微企业的宣传辅导只是在微信群里转发文件，没有逐户上门讲解，有几户符合条件"
         "的企业直到年底才申请退税。"),
        "copied", None, "gxl-na2", "",
    ),
    (
        "gxl-na2", "顾晓蕾", _NA2,
        ("对新出台的组合式税费支持政策学习不深。去年留抵退税政策出台后，我对所辖小微"
         "企业的政策辅导仅限于在微信群转发文件，没有逐户上门讲解，有几户符合条件的"
         "企业到年底才来申请退税。"),
        "copied", None, "rzb-na2", "lightly reworded copy of rzb-na2",
    ),
    (
        "nds-na1", "聂东升", _NA1,
        ("执行厉行节约规定不够严格。去年下户开展纳税评估时，有两次接受了企业安排的"
         "工作餐，虽然标准不高，但反映出自己纪律意识有所松懈，没有守住底线。"),
        "", None, None, "",
    ),
    # ---- nb: 乡镇自然资源所党支部 ----
    (
        "nxj-nb1", "宁秀娟", _NB1,
        ("动态巡查不到位。去年9月，东岗村有村民在承包地里违规搭建养殖棚约600平方米，"
         "我负责的片区巡查按规定每周一次，但实际多次以开会、迎检为由压缩，直到卫片"
         "执法下发图斑才发现，错过了“早发现、早制止”的时机。"),
        "", None, None, "",
    ),
    (
        "nxj-nb2", "宁秀娟", _NB2,
        ("巡查上还是“等米下锅”。年初省里下发的一批卫片图斑里，有一处在柳河湾的硬化"
         "晒场，面积不大，但地坪已经打好快一个月了，我们自己跑片区愣是没看到。说白了"
         "就是下村次数不够、路线固定，图省事只走大路，田间地头的小动作看不见，总靠"
         "卫星替我们发现问题。"),
        "recycled", "nxj-nb1", None,
        "same failing: patrols too sparse, violations found only via satellite spots",
    ),
    (
        "nxj-nb2b", "宁秀娟", _NB2,
        ("违法用地案件后续处置拖沓。去年立案的一起村民占用耕地建房案件，行政处罚"
         "决定下达后，我没有及时跟踪督促拆除复耕，今年3月复查时房子还在，案件迟迟"
         "不能结案。"),
        "", None, None,
        "same enforcement work, but follow-up after penalty, not detection on patrol",
    ),
    (
        "yzy-nb1", "殷志勇", _NB1,
        ("为群众办理不动产登记把关不细。去年受理一宗农房宅基地确权登记时，没有认真"
         "核对四至界址，证书上的面积与实际相差十几平方米，当事人与邻居起了纠纷后又来"
         "所里申请更正，给群众添了麻烦。"),
        "", None, None, "",
    ),
    (
        "yzy-nb2", "殷志勇", _NB2,
        ("业务审核精细化程度不够。今年2月房地一体确权成果入库时，我对权籍调查数据只"
         "作了抽查，有一户宅基地的权利人姓名和身份证号录反了，证书打出来后才被群众"
         "发现退回重办，暴露出审核环节不严不实。"),
        "recycled", "yzy-nb1", None,
        "same failing: careless checking of registration data, wrong certificate, redo",
    ),
    (
        "yzy-nb2b", "殷志勇", _NB2,
        ("服务时效有差距。不动产转移登记对外承诺5个工作日办结，但今年以来有7件因为"
         "我下村抽不开身，积压在手里超过了承诺时限，群众打电话来催才办。"),
        "", None, None,
        "same registration work, but missed deadlines, not accuracy of checking",
    ),
    (
        "qcl-nb1", "覃春林", _NB1,
        ("对耕地“非粮化”问题监管失之于宽。去年春耕前，我明知南坪村有两户种粮大户把"
         "40多亩基本农田改种苗木，只作了口头劝说，没有建立台账上报，也没有跟踪整改，"
         "到秋季面积扩大到70多亩。"),
        "", None, None, "",
    ),
    (
        "qcl-nb2", "覃春林", _NB2,
        ("在“非粮化”整治上我有“老好人”思想。今年3月排查时，看到北洼组有农户在永久"
         "基本农田里挖塘养鱼，想着都是乡里乡亲的，只是打了个招呼让他们“注意点”，既没"
         "下整改通知，也没报镇里，怕得罪人、不敢较真。"),
        "recycled", "qcl-nb1", None,
        "same failing: lenient on farmland misuse, verbal word only, no record or report",
    ),
    (
        "qcl-nb2b", "覃春林", _NB2,
        ("补充耕地项目验收把关不严。去年底参与验收一个土地整理项目，我没有到每个地块"
         "实地踏勘，只看了施工方提供的照片和资料，后来县里复核发现有十多亩新增耕地"
         "灌溉条件达不到要求。"),
        "", None, None,
        "same farmland protection, but desk-only project acceptance, not leniency to farmers",
    ),
    (
        "hdb-nb2", "侯德宝", _NB2,
        ("对自然资源领域的法律法规学得不深不透，满足于一知半解，执法中依法行政的意识"
         "还不够强；守护耕地红线的责任感、紧迫感有所减弱，工作上求稳怕乱，主动作为"
         "不够。"),
        "boilerplate", None, None, "trade vocabulary but no instance",
    ),
    (
        "lxy-nb2", "吕小芸", _NB2,
        ("农村村民建房用地审批中，对申请材料的审查流于形式。今年一季度办理的农房审批，"
         "有几宗没有到现场核实是否占用耕地，就在审批表上签了“属实”，存在风险隐患。"),
        "copied", None, "tyg-nb2", "",
    ),
    (
        "tyg-nb2", "谭永刚", _NB2,
        ("在审批农村村民建房用地时，审查申请资料走了过场。今年第一季度经手的农房"
         "审批，有几宗没去实地核实有没有占耕地，就在审批表上签上“情况属实”，留下了"
         "隐患。"),
        "copied", None, "lxy-nb2", "reworded copy of lxy-nb2 in the same order",
    ),
    (
        "shm-nb1", "施红梅", _NB1,
        ("参加理论学习不够自觉。去年支部组织的12次集中学习，我有3次因为下村请假，"
         "事后也没有及时补学，学习笔记记得简单，“学习强国”积分长期排在支部后几位。"),
        "", None, None, "",
    ),
    # ---- nc: 县公路养护中心党支部 ----
    (
        "nzj-nc1", "牛振江", _NC1,
        ("日常养护抓得不细。去年汛期过后，X203线K12至K18段出现多处坑槽，我安排的"
         "修补一拖再拖，到10月份才集中处理，期间有群众打12328热线反映路面颠簸，影响"
         "了道路通行和单位形象。"),
        "", None, None, "",
    ),
    (
        "nzj-nc2", "牛振江", _NC2,
        ("路面病害处置上我总是“慢半拍”。开春化冻以后，县道上翻浆、坑槽冒出来不少，"
         "我想着攒够一批再拉冷补料一起干，结果有一段拖了快一个月才补，期间还有骑摩托"
         "的在那里摔了跤，跑车的师傅说我们是“坑等人补”。"),
        "recycled", "nzj-nc1", None,
        "same failing: potholes left unrepaired for weeks; colloquial, figurative",
    ),
    (
        "nzj-nc2b", "牛振江", _NC2,
        ("养护工程质量把关不严。今年4月对S310线实施沥青罩面，我没有盯住摊铺温度和"
         "碾压遍数，有一段完工不到两个月就出现泛油和车辙，只能返工，浪费了养护资金。"),
        "", None, None,
        "same road-surface work, but poor quality control, not slow repair",
    ),
    (
        "cgq-nc1", "车国强", _NC1,
        ("桥梁经常性检查流于形式。去年我负责的28座中小桥，有一部分检查记录是照着上一"
         "期表格填的，没有下到桥底查看支座和伸缩缝，11月份上级抽查时发现清水河桥支座"
         "脱空，记录上却写着“完好”。"),
        "", None, None, "",
    ),
    (
        "cgq-nc2", "车国强", _NC2,
        ("巡检中有“看桥面不看桥底”的习惯。今年一季度例行检查，因为河道涨水、架梯子"
         "麻烦，好几座桥我都是站在桥头望一望就签了字，表上的数据不少是“抄”的。3月份"
         "市里交叉检查指出柳湾大桥伸缩缝堵塞严重，我们的记录里却一字未提。"),
        "recycled", "cgq-nc1", None,
        "same failing: bridge checks done from the deck, records copied, defects missed",
    ),
    (
        "cgq-nc2b", "车国强", _NC2,
        ("桥梁病害整治跟进不及时。去年定期检查评定为三类的两座桥，维修加固方案报上去"
         "以后，我没有主动跟踪资金和设计进度，到现在只是立了限载标志，迟迟没有开工。"),
        "", None, None,
        "same bridge work, but known defects not followed up, not superficial inspection",
    ),
    (
        "dys-nc1", "邓玉山", _NC1,
        ("应急抢险准备不足。去年7月一场暴雨造成X108线两处塌方，我负责的应急物资库"
         "编织袋、砂石储备不够，抢险队伍集结用了近三个小时，道路中断大半天，暴露出"
         "汛前准备不充分、预案没有真正演练过。"),
        "", None, None, "",
    ),
    (
        "dys-nc2", "邓玉山", _NC2,
        ("冬季除雪保畅工作不扎实。今年1月寒潮带来大范围降雪，站里的融雪剂只备了不到"
         "一半，两台除雪车有一台液压出了故障，入冬前没有检修，人员又是临时召集、到岗"
         "晚，造成县道积雪压实、多处车辆打滑。应急预案写在纸上、挂在墙上，平时没有练。"),
        "recycled", "dys-nc1", None,
        "same failing: emergency stock, equipment and drills not ready; snow instead of flood",
    ),
    (
        "dys-nc2b", "邓玉山", _NC2,
        ("抢险现场安全管理有疏忽。去年8月处置K27处水毁路段时，现场没有按规定设置足够"
         "的警示标志和专人指挥交通，一名临时雇用的工人没系安全绳就下到边坡作业，虽然"
         "没出事，但教训深刻。"),
        "", None, None,
        "same emergency work, but on-site safety lapses, not lack of preparation",
    ),
    (
        "dxm-nc1", "戴新民", _NC1,
        ("干工作凭老经验、吃老本，满足于“差不多就行”，有时候是“和尚撞钟”，推一推动"
         "一动，缺少“钉钉子”的劲头；对自己要求也放松了，总觉得养护干了这么些年，没有"
         "功劳也有苦劳。"),
        "boilerplate", None, None, "colloquial figures of speech, no instance",
    ),
    (
        "hcy-nc2", "胡春英", _NC2,
        ("在超限超载治理中，配合交警、路政联合执法不够主动。今年3月以来，对货车绕行"
         "县道逃避检测的问题掌握不清，治超站周边乡道被重车压坏后才被动处置。"),
        "copied", None, "mxr-nc2", "",
    ),
    (
        "mxr-nc2", "孟祥瑞", _NC2,
        ("参与超限超载治理时，和交警、路政的联合执法配合不够主动。今年3月以来，货车"
         "绕开县道逃避检测的情况底数不清，治超站周边乡道被重车压坏了才被动处置。"),
        "copied", None, "hcy-nc2", "lightly reworded copy of hcy-nc2",
    ),
    (
        "lhj-nc2", "卢海军", _NC2,
        ("对青年职工传帮带做得不够。去年新分来的3名大学生，我作为养护班长只是安排他们"
         "跟班干活，没有结合桥梁检测、路况评定等岗位制定带教计划，半年下来他们对路况"
         "检测车还不能独立操作。"),
        "", None, None, "",
    ),
    # ---- nd: 县文化馆党支部 ----
    (
        "qyw-nd1", "齐雅文", _ND1,
        ("组织群众文化活动存在“重数量、轻实效”倾向。今年上半年“文化进万家”送文艺"
         "下乡安排了18场演出，节目大多是馆里的老节目轮番上，事先没有到村里了解群众"
         "想看什么，有几场台下观众不到三十人，效果打了折扣。"),
        "", None, None, "",
    ),
    (
        "qyw-nd2", "齐雅文", _ND2,
        ("下乡演出的节目单和老百姓的“胃口”对不上。端午前后去了几个乡镇，演的还是"
         "那几段歌舞、小品，村里老人说“年年都是这几样”，看了一半就回家做饭了。我策划"
         "时只想着把场次凑够、照片拍好交差，没有坐下来听听群众想看什么。"),
        "recycled", "qyw-nd1", None,
        "same failing: shows staged for counts, stale programme, no survey of audiences",
    ),
    (
        "qyw-nd2b", "齐雅文", _ND2,
        ("群众文化活动安全管理意识不强。今年7月在县城广场举办“夏夜广场舞大赛”，现场"
         "观众超过两千人，我作为活动负责人事先没有制定人流疏导方案，散场时出入口一度"
         "拥堵，幸好没有发生踩踏。"),
        "", None, None,
        "same mass-culture events, but crowd safety, not programme/audience fit",
    ),
    (
        "jrx-nd1", "江若曦", _ND1,
        ("非遗项目资料整理滞后。我负责的县级非遗名录中有“高台花鼓”等6个项目，去年"
         "普查时采集的音视频素材到现在还堆在硬盘里，没有分类建档、转录文字。今年春天"
         "一位70多岁的老传承人病故，他的唱腔资料没能整理完整，造成无法弥补的损失。"),
        "", None, None, "",
    ),
    (
        "jrx-nd2", "江若曦", _ND2,
        ("抢救性记录工作抓得不紧。对传承人口述史和技艺的数字化整理，我一直拖着没有"
         "系统推进，手头积压了大量未编目的录音录像。今年5月剪纸项目的代表性传承人突发"
         "脑梗住院，我才意识到她的很多技法还没有完整记录下来。"),
        "recycled", "jrx-nd1", None,
        "same failing: heritage recordings left unprocessed until a bearer falls ill",
    ),
    (
        "jrx-nd2b", "江若曦", _ND2,
        ("对非遗传承人的日常管理和考核流于形式。今年上半年县级代表性传承人年度考核，"
         "我只收了他们自己填的表格，没有实地了解带徒传艺情况，有2位传承人一年没有开展"
         "传承活动也评了“合格”，补助照发。"),
        "", None, None,
        "same heritage work, but lax assessment of bearers, not delayed documentation",
    ),
    (
        "jxl-nd1", "蒋秀兰", _ND1,
        ("公益培训班管理不到位。去年秋季开设了书法、舞蹈、葫芦丝等8个免费培训班，"
         "报名时人满为患，开课后我没有跟踪考勤和教学质量，到结业时有的班学员只剩三分"
         "之一，部分外聘老师经常临时调课，群众意见较大。"),
        "", None, None, "",
    ),
    (
        "jxl-nd2", "蒋秀兰", _ND2,
        ("培训“开头热闹、结尾冷清”。春季班在公众号上一推，名额半天就抢光了，可上了"
         "七八次课以后，教室里就稀稀拉拉坐不满。我只顾着招生开班，课上得怎么样、老师"
         "有没有按时来、学员为啥不来了，都没去过问，结课一统计流失过半。"),
        "recycled", "jxl-nd1", None,
        "same failing: classes not followed up after enrolment, dropout, teacher no-shows",
    ),
    (
        "jxl-nd2b", "蒋秀兰", _ND2,
        ("培训内容与基层需求结合不紧。今年面向乡镇文化站和村文艺骨干的业务培训，我照搬"
         "馆里的常规课程，讲的多是专业理论，他们急需的活动策划、音响操作等实用技能"
         "安排很少，参训人员反映“听了用不上”。"),
        "", None, None,
        "same training work, but course content mismatched, not class management",
    ),
    (
        "tyx-nd2", "陶宇轩", _ND2,
        ("作为文化工作者，以人民为中心的创作导向树得还不够牢，下基层、接地气少了，关起"
         "门来搞创作多了；对自身的艺术追求和业务水平要求有所放松，安于现状，缺少精益"
         "求精的劲头。"),
        "boilerplate", None, None, "trade register, no instance",
    ),
    (
        "hsf-nd2", "杭素芬", _ND2,
        ("场馆免费开放服务不够到位。今年暑期馆里的排练厅、展厅按规定每周开放不少于"
         "42小时，但我值班时有几次因为人手紧提前闭馆，门口公示的开放时间与实际不符，"
         "有群众在12345热线反映。"),
        "copied", None, "xxm-nd2", "",
    ),
    (
        "xxm-nd2", "邢晓梅", _ND2,
        ("场馆免费开放服务不到位。今年暑期馆里的排练厅、展厅按规定每周开放不少于"
         "42小时，但我值班时有几次因为人手紧张提前闭馆，门口公示的开放时间与实际不符，"
         "有群众在12345热线反映。"),
        "copied", None, "hsf-nd2", "near-identical copy of hsf-nd2",
    ),
    (
        "zsj-nd1", "左思佳", _ND1,
        ("落实意识形态工作责任制不够严格。今年3月馆里的微信公众号转发了一篇来源不明的"
         "“文化名人轶事”，内容存在史实错误，我作为审核人没有逐字把关就点了发布，虽然"
         "当天删除，但暴露出阵地管理意识淡薄。"),
        "", None, None, "",
    ),
    # ---- ne: 县农业农村局农技推广站党支部 ----
    (
        "hyj-ne1", "贺永军", _NE1,
        ("病虫害测报不够及时准确。今年7月稻飞虱迁入高峰期，我负责的两个系统观测点灯下"
         "虫量连续三天猛增，我没有当天汇总上报，预警信息晚发了近一周，部分乡镇错过了"
         "最佳防治期，石门镇有上千亩水稻出现“冒穿”。"),
        "", None, None, "",
    ),
    (
        "hyj-ne2", "贺永军", _NE2,
        ("虫情“报得慢”的老毛病还没改掉。8月玉米螟三代卵盛期，田间查卵的数据我压在"
         "手上好几天，想等数据“更稳一些”再发，结果站里的防治意见发出去时，有的村玉米"
         "已经蛀了茎、折了秆。测报测报，报晚了就等于白测。"),
        "recycled", "hyj-ne1", None,
        "same failing: pest data held back, warning late, control window missed",
    ),
    (
        "hyj-ne2b", "贺永军", _NE2,
        ("测报设施维护不到位。站里布设的3台自动虫情测报灯，今年6月有一台太阳能板损坏、"
         "数据中断了二十多天，我发现后只打了报修，没有及时安排人工补查，造成该点位"
         "数据缺失，全年系列资料不完整。"),
        "", None, None,
        "same forecasting work, but equipment upkeep/data gap, not late warnings",
    ),
    (
        "gcs-ne1", "葛春生", _NE1,
        ("良种推广中示范引领作用发挥不好。今年在柳林村建的200亩小麦新品种示范田，前期"
         "选点、播种都抓了，但开春以后我去得少，田间管理交给农户自己弄，测产时比周边只"
         "高出不到5%，观摩会上群众看不出优势。"),
        "", None, None, "",
    ),
    (
        "gcs-ne2", "葛春生", _NE2,
        ("对示范基地重建轻管。今年落实的3块玉米良种展示田，牌子立起来、种子发下去以后，"
         "后续技术跟踪基本没跟上，施肥、化控都由农户凭经验来，8月份有一块倒伏严重，"
         "展示效果大打折扣，来参观的种植户反倒对新品种起了疑虑。"),
        "recycled", "gcs-ne1", None,
        "same failing: demo fields set up then left unmanaged, so they fail to convince",
    ),
    (
        "gcs-ne2b", "葛春生", _NE2,
        ("推介良种时风险提示不够。今年春播前向农户推荐一个新引进的大豆品种，我只讲了"
         "高产的优点，没有讲清它对播期和密度要求高、抗倒性一般的特点，有的农户照常规"
         "密度种植，产量不理想，对站里有意见。"),
        "", None, None,
        "same seed promotion, but one-sided advice to farmers, not demo-field follow-up",
    ),
    (
        "kds-ne1", "孔德顺", _NE1,
        ("高素质农民培训“满堂灌”。今年5月我承担的两期果树管理培训班，主要在乡里会议室"
         "照着PPT讲理论，没有安排到果园现场示范修剪和嫁接，学员反映“听着懂、回去不会"
         "干”，培训效果不理想。"),
        "", None, None, "",
    ),
    (
        "kds-ne2", "孔德顺", _NE2,
        ("农民培训方式单一，重课堂讲授、轻田间实操。今年3月举办的蔬菜大棚种植培训，"
         "三天课程基本都在教室里讲，只在最后半天去一个大棚转了转，学员动手机会很少，"
         "不少人说“记了一本子笔记，回去还是不会弄”。"),
        "recycled", "kds-ne1", None,
        "same failing: classroom-only farmer training without hands-on practice (easy)",
    ),
    (
        "kds-ne2b", "孔德顺", _NE2,
        ("培训对象把关不严。今年组织的高素质农民培育班，我为了凑够60人的任务数，让村里"
         "临时找人报名，有一部分学员是已经不种地的老人，真正的种植大户和返乡青年反而"
         "没报上，培训资源没有用在刀刃上。"),
        "", None, None,
        "same farmer training, but wrong trainees recruited, not teaching method",
    ),
    (
        "ylx-ne1", "余丽霞", _NE1,
        ("对包联村的农技服务不够主动。今年包联的4个村中，桥头村食用菌合作社多次打电话"
         "请教菌棒污染问题，我都是在电话里简单说说，直到8月份污染率超过两成才上门查看。"),
        "", None, None, "",
    ),
    (
        "ylx-ne2", "余丽霞", _NE2,
        ("下乡少了、坐办公室多了，以前是“泥腿子”，现在越来越像“机关干部”；跟农民拉"
         "家常的时间少了，指导工作习惯讲原则、说大概，手把手教的少，自己的专业本事也"
         "有点“吃老本”，新技术学得不够快。"),
        "boilerplate", None, None, "colloquial self-grading, no instance",
    ),
    (
        "wcg-ne2", "吴长根", _NE2,
        ("技术指导服务针对性不强。今年夏季持续高温干旱期间，站里下发的抗旱减灾技术意见"
         "是套用省里的通用模板，对丘陵山区旱地作物的具体措施讲得少，基层农技员反映"
         "“不好落地”。"),
        "copied", None, "zgz-ne2", "",
    ),
    (
        "zgz-ne2", "张桂芝", _NE2,
        ("抗旱技术指导缺乏针对性。今年夏天高温干旱持续时间长，站里印发的抗旱减灾技术"
         "意见基本照搬省里模板，山区丘陵旱地作物该怎么管讲得不多，乡镇农技员说“拿到手"
         "落不了地”。"),
        "copied", None, "wcg-ne2", "reworded copy of wcg-ne2 in the same order",
    ),
    (
        "lhw-ne1", "郎宏伟", _NE1,
        ("执行农业项目资金管理规定不严。去年承担的绿色防控示范项目，有一批物资发放时"
         "签收表由村干部代签，我没有逐户核实，今年6月县审计局审计时被指出手续不完备。"),
        "", None, None, "",
    ),
]
