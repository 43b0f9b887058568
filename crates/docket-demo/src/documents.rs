//! 裁判文书 for the demo's closed trial cases, in the form courts write them (首部, 当事人, 诉讼
//! 请求, 事实和理由, 本院认为, 判决如下, 尾部), with facts that vary by 案由 and outcome so that
//! 类案检索 has something to find; and the parties' addresses, phones and agents that the
//! anonymiser must find in them. Drawn from a stream of their own (`docs`), so the cases and every
//! figure of the demo stay as they were.

use chrono::{Datelike, NaiveDate};
use docket_domain::publication::DocKind;
use docket_domain::{Agent, AgentKind, CaseRecord, CloseMethod, IdType, Party, PartyKind, PartyRole};

use crate::names::{GIVEN, SURNAMES};
use crate::rng::Rng;

/// A court's lawyers: name, firm, 执业证号.
pub(crate) struct Lawyer {
    name: String,
    firm: String,
    licence: String,
}

const FIRMS: &[&str] =
    &["内蒙古钢城", "内蒙古北辰", "内蒙古草原", "内蒙古鹿城", "内蒙古黄河", "内蒙古正大", "内蒙古鑫源", "内蒙古明德"];
const STREETS: &[&str] =
    &["钢铁大街", "阿尔丁大街", "民族东路", "建设路", "团结大街", "友谊大街", "幸福路", "青年路", "乌兰道", "白云路"];
const COMMUNITIES: &[&str] =
    &["富强小区", "青松小区", "北梁新区", "万达公寓", "万郡大都城", "奥宇新城", "九中小区", "和平小区"];
const GOODS: &[&str] = &["钢材", "水泥", "建材", "煤炭", "电线电缆", "农机配件", "办公家具", "羊绒制品", "乳制品"];
const INJURIES: &[&str] = &["左腿胫骨骨折", "颈椎损伤", "多处软组织挫伤", "右手腕骨折", "肋骨骨折"];
const STOLEN: &[&str] = &["电动自行车一辆", "手机一部", "现金", "金项链一条", "笔记本电脑一台", "电缆线若干"];

fn date_cn(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// 二〇二五年三月四日, as the 尾部 writes its date.
fn date_upper(d: NaiveDate) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let year: String = d.year().to_string().chars().map(|c| DIGITS[c.to_digit(10).unwrap_or(0) as usize]).collect();
    let small = |n: u32| match n {
        0..=9 => DIGITS[n as usize].to_owned(),
        10 => "十".to_owned(),
        11..=19 => format!("十{}", DIGITS[(n - 10) as usize]),
        _ if n.is_multiple_of(10) => format!("{}十", DIGITS[(n / 10) as usize]),
        _ => format!("{}十{}", DIGITS[(n / 10) as usize], DIGITS[(n % 10) as usize]),
    };
    format!("{year}年{}月{}日", small(d.month()), small(d.day()))
}

fn yuan(fen: i64) -> String {
    if fen % 100 == 0 { format!("{}", fen / 100) } else { format!("{}.{:02}", fen / 100, fen % 100) }
}

/// The county of a court's seat (包头市昆都仑区人民法院 → 内蒙古自治区包头市昆都仑区).
fn county(court_name: &str) -> String {
    let place = court_name.replace("中级人民法院", "").replace("高级人民法院", "").replace("人民法院", "");
    let place = if place.ends_with(['区', '县', '旗']) { place } else { format!("{place}昆都仑区") };
    if place.starts_with("内蒙古") { place } else { format!("内蒙古自治区{place}") }
}

pub(crate) fn lawyers(r: &mut Rng) -> Vec<Lawyer> {
    (0..40)
        .map(|_| Lawyer {
            name: format!("{}{}", r.pick(SURNAMES), r.pick(GIVEN)),
            firm: format!("{}律师事务所", r.pick(FIRMS)),
            licence: format!("1150{}1{:08}", r.range(2005, 2022), r.below(100_000_000)),
        })
        .collect()
}

/// Gives a filed party its address, for a person a phone, and often an agent.
pub(crate) fn add_contacts(r: &mut Rng, p: &mut Party, court_name: &str, lawyers: &[Lawyer], civil: bool) {
    let place = county(court_name);
    p.address = Some(match p.kind {
        PartyKind::Person => format!(
            "{place}{}{}号{}栋{}单元{}室",
            r.pick(COMMUNITIES),
            r.range(1, 60),
            r.range(1, 30),
            r.range(1, 6),
            r.range(101, 1802)
        ),
        PartyKind::Organization => format!("{place}{}{}号", r.pick(STREETS), r.range(1, 300)),
    });
    if p.kind == PartyKind::Person && r.chance(0.8) {
        p.phone = Some(format!("1{}{:08}", r.pick(&["39", "58", "80", "86", "52", "37"]), r.below(100_000_000)));
    }
    if civil && r.chance(if p.kind == PartyKind::Organization { 0.7 } else { 0.35 }) {
        let l = r.pick(lawyers);
        p.agents.push(Agent { name: l.name.clone(), kind: AgentKind::Lawyer, licence_no: Some(l.licence.clone()) });
    } else if civil && p.kind == PartyKind::Person && r.chance(0.05) {
        p.agents.push(Agent {
            name: format!("{}{}", p.name.chars().next().unwrap_or('王'), r.pick(GIVEN)),
            kind: AgentKind::Citizen,
            licence_no: None,
        });
    }
}

/// Who writes and signs the document, and the courts it names.
pub(crate) struct Signers<'a> {
    pub court_name: &'a str,
    pub upper_court: &'a str,
    pub judge: &'a str,
    pub clerk: &'a str,
}

fn party_line(p: &Party, lawyers: &[Lawyer]) -> String {
    let mut s = format!("{}：{}", p.role.label(), p.name);
    match p.kind {
        PartyKind::Person => {
            if let Some(id) = p.id.as_ref().filter(|i| i.id_type() == IdType::ResidentId) {
                let male = id.number().chars().nth(16).and_then(|c| c.to_digit(10)).is_some_and(|d| d % 2 == 1);
                s.push_str(if male { "，男" } else { "，女" });
                if let Some(b) = id.birth_date() {
                    s.push_str(&format!("，{}出生", date_cn(b)));
                }
            }
            s.push_str("，汉族");
            if let Some(a) = &p.address {
                s.push_str(&format!("，住{a}"));
            }
            if let Some(id) = &p.id {
                s.push_str(&format!("，公民身份号码{}", id.number()));
            }
            if let Some(ph) = &p.phone {
                s.push_str(&format!("，联系电话{ph}"));
            }
        }
        PartyKind::Organization => {
            if let Some(a) = &p.address {
                s.push_str(&format!("，住所地{a}"));
            }
            if let Some(id) = &p.id {
                s.push_str(&format!("，统一社会信用代码{}", id.number()));
            }
        }
    }
    s.push('。');
    for a in &p.agents {
        match a.kind {
            AgentKind::Lawyer => {
                let firm = lawyers
                    .iter()
                    .find(|l| l.name == a.name)
                    .map_or("内蒙古某律师事务所", |l| l.firm.as_str());
                s.push_str(&format!("\n委托诉讼代理人：{}，{firm}律师。", a.name));
            }
            AgentKind::Citizen => s.push_str(&format!("\n委托诉讼代理人：{}，系{}亲属。", a.name, p.name)),
        }
    }
    s
}

/// The facts, the claim and the court's reasoning of a civil case by its 案由.
struct Civil {
    claims: String,
    facts: String,
    defence: String,
    found: String,
    reasoning: String,
    articles: &'static str,
}

fn civil(r: &mut Rng, cause: &str, plaintiff: &str, defendant: &str, amount: i64, filed: NaiveDate) -> Civil {
    let when = date_cn(filed - chrono::Days::new(r.range(90, 900) as u64));
    let sum = yuan(amount);
    let paid = yuan(amount / 100 * r.range(10, 60));
    let rest = yuan(amount - amount / 100 * r.range(10, 60));
    let c = |claims: String, facts: String, defence: String, found: String, reasoning: String, articles| Civil {
        claims,
        facts,
        defence,
        found,
        reasoning,
        articles,
    };
    if cause.contains("民间借贷") {
        let rate = r.range(6, 15) as f64 / 10.0;
        c(
            format!("1.判令被告{defendant}偿还借款本金{sum}元及利息；2.本案诉讼费用由被告负担"),
            format!(
                "{when}，被告{defendant}因资金周转向原告{plaintiff}借款{sum}元，约定月利率{rate}%，并出具借条一张。借款到期后，经原告多次催要，被告至今未予偿还。"
            ),
            "借款属实，但因经营困难暂时无力偿还，请求分期给付。".into(),
            format!(
                "{when}，被告{defendant}向原告{plaintiff}借款{sum}元，原告通过银行转账交付借款，被告出具借条。借款到期后被告未偿还。"
            ),
            format!(
                "原告{plaintiff}与被告{defendant}之间的民间借贷关系合法有效，应受法律保护。原告已履行出借义务，被告未按约定期限返还借款，应承担偿还借款本金及逾期利息的民事责任。"
            ),
            "《中华人民共和国民法典》第六百六十七条、第六百七十五条、第六百七十六条",
        )
    } else if cause.contains("信用卡") {
        c(
            format!("1.判令被告{defendant}偿还信用卡透支本金{sum}元及利息、滞纳金；2.本案诉讼费用由被告负担"),
            format!("被告{defendant}于{when}向原告{plaintiff}申领信用卡一张并激活使用。被告透支消费后未按约定偿还最低还款额，经原告多次电话及短信催收，至今尚欠透支本金{sum}元。"),
            "确有透支，但利息、滞纳金计算过高，请求予以调整。".into(),
            format!("被告持有原告发行的信用卡，透支后未按期还款，截至起诉之日尚欠透支本金{sum}元。"),
            "原、被告之间的信用卡合同关系合法有效。被告透支后未按约定还款，构成违约，应当偿还透支本金并按约定支付利息；原告主张的滞纳金过高部分，本院依法予以调整。".into(),
            "《中华人民共和国民法典》第五百零九条、第五百七十七条、第五百八十五条",
        )
    } else if cause.contains("金融借款") {
        c(
            format!("1.判令被告{defendant}偿还借款本金{sum}元及逾期利息、罚息；2.本案诉讼费用由被告负担"),
            format!("{when}，原告{plaintiff}与被告{defendant}签订借款合同，约定由原告向被告发放贷款{sum}元，按月等额还款。被告自第{}期起未按约还款，已构成违约。", r.range(3, 20)),
            "未到庭，亦未提交书面答辩意见。".into(),
            format!("原、被告签订的借款合同系双方真实意思表示，原告依约发放贷款{sum}元，被告未按期偿还，尚欠本金{rest}元。"),
            "原、被告之间的金融借款合同合法有效。被告未按约定履行还款义务，构成违约，应当承担偿还借款本金及利息、罚息的责任。被告经本院合法传唤无正当理由拒不到庭，视为放弃抗辩权利。".into(),
            "《中华人民共和国民法典》第五百零九条、第五百七十七条、第六百七十四条、第六百七十六条",
        )
    } else if cause.contains("房屋买卖") {
        c(
            format!("1.判令被告{defendant}协助原告办理房屋过户登记手续；2.判令被告支付违约金{paid}元"),
            format!(
                "{when}，原告{plaintiff}与被告{defendant}签订《房屋买卖合同》，约定被告将其所有的住宅一套出售给原告，总价款{sum}元。原告依约支付首付款后，被告以房价上涨为由拒绝协助办理不动产转移登记。"
            ),
            "房价已大幅上涨，合同显失公平，请求解除合同。".into(),
            format!("双方签订的《房屋买卖合同》约定总价款{sum}元，原告已支付首付款，案涉房屋尚未办理转移登记。"),
            format!(
                "原告{plaintiff}与被告{defendant}签订的房屋买卖合同系双方真实意思表示，合法有效。房价上涨属于正常的市场风险，不构成显失公平，被告应当履行协助办理不动产转移登记的义务，并承担违约责任。"
            ),
            "《中华人民共和国民法典》第二百零九条、第五百七十七条、第五百九十八条",
        )
    } else if cause.contains("买卖") {
        let goods = r.pick(GOODS);
        c(
            format!("1.判令被告{defendant}支付货款{rest}元及逾期付款损失；2.本案诉讼费用由被告负担"),
            format!(
                "{when}，原告{plaintiff}与被告{defendant}签订《{goods}买卖合同》，约定原告向被告供应{goods}，货款共计{sum}元。原告依约交付货物后，被告仅支付{paid}元，余款经催要未付。"
            ),
            format!("原告交付的{goods}存在质量问题，被告有权拒付部分货款。"),
            format!(
                "原告依约向被告交付了{goods}，被告出具了收货确认单，对货物质量未在约定的检验期内提出异议。被告尚欠货款{rest}元。"
            ),
            format!(
                "原告{plaintiff}与被告{defendant}之间的买卖合同关系合法有效。原告已履行交货义务，被告未在约定检验期内就{goods}质量提出异议，视为质量符合约定，其拒付货款的抗辩理由不能成立，应当支付剩余货款并赔偿逾期付款损失。"
            ),
            "《中华人民共和国民法典》第五百七十七条、第五百七十九条、第六百二十一条、第六百二十六条",
        )
    } else if cause.contains("交通事故") {
        let injury = r.pick(INJURIES);
        let plate = format!("蒙{}{:05}", r.pick(&["A", "B", "C", "K"]), r.below(100_000));
        let days = r.range(7, 60);
        c(
            format!("1.判令被告{defendant}赔偿医疗费、误工费、护理费等各项损失共计{sum}元；2.本案诉讼费用由被告负担"),
            format!(
                "{when}，被告{defendant}驾驶{plate}号小型轿车行驶至交叉路口时，与原告{plaintiff}驾驶的电动自行车相撞，致原告{injury}。经公安交通管理部门认定，被告负事故全部责任。原告住院治疗{days}日。"
            ),
            "对事故经过及责任认定无异议，但原告主张的误工费、护理费过高。".into(),
            format!(
                "{when}，被告驾驶{plate}号小型轿车与原告发生交通事故，原告受伤，住院{days}日，被告负事故全部责任。"
            ),
            format!(
                "机动车发生交通事故造成人身伤亡的，由保险人在机动车强制保险责任限额范围内予以赔偿，不足部分由有过错的一方承担赔偿责任。被告{defendant}负事故全部责任，应赔偿原告因{injury}产生的合理损失。原告主张的误工费、护理费，本院依据其提交的证据酌情予以确定。"
            ),
            "《中华人民共和国民法典》第一千一百六十五条、第一千一百七十九条、第一千二百零八条",
        )
    } else if cause.contains("提供劳务者受害") {
        let injury = r.pick(INJURIES);
        c(
            format!("1.判令被告{defendant}赔偿医疗费、误工费等各项损失{sum}元；2.本案诉讼费用由被告负担"),
            format!(
                "{when}，原告{plaintiff}受被告{defendant}雇请从事房屋装修，在搭设脚手架时从高处坠落，致{injury}。被告未提供安全防护措施，事后仅支付部分医疗费。"
            ),
            "原告自身未尽安全注意义务，应自行承担部分责任。".into(),
            "原告在为被告提供劳务过程中坠落受伤，被告未提供安全防护设施，原告自身亦存在一定过失。".into(),
            format!(
                "个人之间形成劳务关系，提供劳务一方因劳务受到损害的，根据双方各自的过错承担相应的责任。被告{defendant}作为接受劳务一方未尽安全保障义务，应承担主要责任；原告未注意自身安全，亦应承担次要责任。"
            ),
            "《中华人民共和国民法典》第一千一百七十九条、第一千一百九十二条",
        )
    } else if cause.contains("劳动报酬") || cause.contains("劳务") || cause.contains("劳动") {
        let months = r.range(2, 12);
        c(
            format!("1.判令被告{defendant}支付拖欠的劳动报酬{sum}元；2.本案诉讼费用由被告负担"),
            format!(
                "原告{plaintiff}自{when}起在被告{defendant}处从事施工工作，双方口头约定每月工资若干元。被告拖欠原告{months}个月工资共计{sum}元，经原告多次催要未果。"
            ),
            "双方系劳务关系，欠付金额应以结算单为准。".into(),
            format!("原告在被告处工作，被告出具的结算单载明尚欠原告劳动报酬{sum}元。"),
            format!("劳动者的合法权益受法律保护。被告{defendant}拖欠原告劳动报酬，有结算单为证，应当及时足额支付。"),
            "《中华人民共和国劳动合同法》第三十条，《中华人民共和国民法典》第五百七十七条",
        )
    } else if cause.contains("离婚") {
        c(
            "1.判令原、被告离婚；2.婚生子由原告抚养；3.依法分割夫妻共同财产".into(),
            format!("原、被告于{when}登记结婚，婚后育有一子。婚后双方因性格不合，常因家庭琐事发生争吵，且已分居{}年，夫妻感情确已破裂。", r.range(1, 3)),
            "不同意离婚，双方感情尚未破裂，还有和好可能。".into(),
            format!("原、被告于{when}登记结婚，婚后育有一子，现双方分居。"),
            "婚姻关系的存续应以夫妻感情为基础。原、被告虽因家庭琐事产生矛盾，但婚后共同生活多年，并育有子女，只要双方珍惜感情、相互沟通，仍有和好可能。".into(),
            "《中华人民共和国民法典》第一千零七十九条",
        )
    } else if cause.contains("抚养") {
        let monthly = r.range(8, 30) * 100;
        c(
            format!("1.判令被告{defendant}每月支付抚养费{monthly}元至子女年满十八周岁；2.判令被告支付拖欠的抚养费"),
            format!("原告{plaintiff}与被告{defendant}原系夫妻，于{when}经法院调解离婚，约定婚生子由原告抚养，被告每月支付抚养费。离婚后被告未按约定支付抚养费，现子女就读学校，开支增加。"),
            "本人收入较低，无力增加抚养费。".into(),
            "原、被告离婚后，婚生子随原告生活，被告自离婚后未按约定支付抚养费。".into(),
            "父母对子女有抚养、教育和保护的义务。离婚后，父母对于子女仍有抚养、教育、保护的权利和义务。子女的实际需要增加，不直接抚养的一方应当负担部分或者全部抚养费，负担费用的多少和期限的长短，根据子女的实际需要、父母双方的负担能力和当地的实际生活水平确定。".into(),
            "《中华人民共和国民法典》第一千零六十七条、第一千零八十四条、第一千零八十五条",
        )
    } else if cause.contains("继承") {
        c(
            format!("1.依法分割被继承人遗产；2.判令被告{defendant}返还原告应得份额{sum}元"),
            format!(
                "被继承人系原告{plaintiff}与被告{defendant}之父，于{when}去世，生前未立遗嘱，遗有房屋一套及存款若干。被告占有全部遗产，拒不分割。"
            ),
            "被告长期照顾被继承人生活，应当多分遗产。".into(),
            "被继承人去世时未留有遗嘱，其遗产由第一顺序继承人继承。".into(),
            format!(
                "继承从被继承人死亡时开始。被继承人生前未立遗嘱，其遗产应按照法定继承办理。被告{defendant}对被继承人尽了主要扶养义务，分配遗产时可以多分。"
            ),
            "《中华人民共和国民法典》第一千一百二十三条、第一千一百二十七条、第一千一百三十条",
        )
    } else if cause.contains("物业") {
        c(
            format!("1.判令被告{defendant}支付物业服务费{sum}元；2.本案诉讼费用由被告负担"),
            format!("原告{plaintiff}为被告{defendant}所在小区提供物业服务，被告自{when}起拖欠物业服务费至今。"),
            "原告物业服务不到位，小区电梯经常故障，故拒交物业费。".into(),
            format!("原告依约为小区提供物业服务，被告欠缴物业服务费{sum}元。"),
            "业主应当按照约定向物业服务人支付物业费。物业服务人已经按照约定和有关规定提供服务的，业主不得以未接受或者无需接受相关物业服务为由拒绝支付物业费。被告所称服务瑕疵，不足以构成拒交物业费的理由。".into(),
            "《中华人民共和国民法典》第九百三十九条、第九百四十四条",
        )
    } else if cause.contains("租赁") {
        c(
            format!("1.判令被告{defendant}支付欠付租金{sum}元；2.解除双方租赁合同"),
            format!("{when}，原告{plaintiff}将其所有的商铺出租给被告{defendant}，约定年租金若干元。被告自第二年起未支付租金。"),
            "因疫情影响经营，请求减免部分租金。".into(),
            format!("双方签订的租赁合同合法有效，被告欠付租金{sum}元。"),
            "承租人应当按照约定的期限支付租金。承租人无正当理由未支付或者迟延支付租金的，出租人可以请求承租人在合理期限内支付；承租人逾期不支付的，出租人可以解除合同。".into(),
            "《中华人民共和国民法典》第七百零三条、第七百二十一条、第七百二十二条",
        )
    } else if cause.contains("建设工程") {
        c(
            format!("1.判令被告{defendant}支付工程款{sum}元及利息；2.本案诉讼费用由被告负担"),
            format!("{when}，原告{plaintiff}承包被告{defendant}发包的厂房建设工程，工程已于竣工验收合格并交付使用，被告尚欠工程款{rest}元。"),
            "工程存在质量问题且逾期竣工，应扣减工程款。".into(),
            format!("案涉工程已竣工验收合格，双方结算工程款{sum}元，被告已付{paid}元。"),
            "建设工程经验收合格的，发包人应当按照约定支付价款。被告主张的质量问题及逾期竣工未提交充分证据证明，本院不予采信。".into(),
            "《中华人民共和国民法典》第七百八十八条、第七百九十九条、第八百零七条",
        )
    } else if cause.contains("服务合同") {
        let service = r.pick(&["房屋装修", "职业技能培训", "广告设计", "婚庆"]);
        c(
            format!("1.判令被告{defendant}支付服务费{sum}元；2.本案诉讼费用由被告负担"),
            format!(
                "{when}，原告{plaintiff}与被告{defendant}签订{service}服务合同，约定由原告提供{service}服务，服务费{sum}元。原告完成服务并经被告验收后，被告拒付服务费。"
            ),
            format!("原告提供的{service}服务未达到约定标准。"),
            format!("原告已按约提供{service}服务，被告签署了验收单，未提出书面异议。"),
            format!(
                "原告已按约定提供{service}服务，被告验收时未提出异议，现以服务未达标准为由拒付服务费，缺乏证据支持，应当按约支付。"
            ),
            "《中华人民共和国民法典》第五百零九条、第五百七十七条、第五百七十九条",
        )
    } else {
        c(
            format!("1.判令被告{defendant}支付款项{sum}元；2.本案诉讼费用由被告负担"),
            format!(
                "{when}，原告{plaintiff}与被告{defendant}签订合同，原告依约履行了合同义务，被告未按约定支付价款{sum}元。"
            ),
            "对欠款数额有异议。".into(),
            format!("双方合同合法有效，被告欠付原告款项{rest}元。"),
            "当事人应当按照约定全面履行自己的义务。被告未按约定支付价款，构成违约，应当承担继续履行的违约责任。".into(),
            "《中华人民共和国民法典》第五百零九条、第五百七十七条",
        )
    }
}

/// Criminal facts and the article of the 刑法 by charge.
fn criminal(
    r: &mut Rng,
    cause: &str,
    defendant: &str,
    victim: Option<&str>,
    filed: NaiveDate,
) -> (String, String, &'static str) {
    let when = date_cn(filed - chrono::Days::new(r.range(30, 200) as u64));
    let victim = victim.unwrap_or("被害人");
    if cause.contains("危险驾驶") {
        let mg = r.range(81, 220);
        let plate = format!("蒙{}{:05}", r.pick(&["A", "B", "K"]), r.below(100_000));
        (
            format!(
                "{when}21时许，被告人{defendant}饮酒后驾驶{plate}号小型轿车行驶至钢铁大街时被执勤民警查获。经鉴定，被告人{defendant}血液中乙醇含量为{mg}mg/100ml。"
            ),
            "在道路上醉酒驾驶机动车".into(),
            "第一百三十三条之一",
        )
    } else if cause.contains("盗窃") {
        let item = r.pick(STOLEN);
        (
            format!(
                "{when}，被告人{defendant}在某小区内趁无人注意，盗窃{victim}{item}，价值人民币{}元。案发后，赃物已追回并发还{victim}。",
                r.range(1200, 30000)
            ),
            "以非法占有为目的，秘密窃取他人财物，数额较大".into(),
            "第二百六十四条",
        )
    } else if cause.contains("诈骗") {
        (
            format!(
                "{when}，被告人{defendant}以帮助办理贷款为由，骗取{victim}手续费共计人民币{}元，所得款项用于个人挥霍。",
                r.range(5000, 90000)
            ),
            "以非法占有为目的，虚构事实、隐瞒真相，骗取他人财物，数额较大".into(),
            "第二百六十六条",
        )
    } else if cause.contains("故意伤害") {
        (
            format!(
                "{when}，被告人{defendant}因琐事与{victim}发生争执，持木棍击打{victim}头部，致{victim}{}。经鉴定，{victim}的损伤程度为轻伤二级。",
                r.pick(INJURIES)
            ),
            "故意伤害他人身体，致一人轻伤".into(),
            "第二百三十四条",
        )
    } else if cause.contains("帮助信息网络") {
        let card = luhn_card(r);
        (
            format!(
                "{when}，被告人{defendant}明知他人利用信息网络实施犯罪，仍将其名下银行卡（卡号{card}）出售给他人使用，该卡被用于接收电信诈骗资金共计人民币{}元。",
                r.range(30000, 900000)
            ),
            "明知他人利用信息网络实施犯罪，为其犯罪提供支付结算帮助，情节严重".into(),
            "第二百八十七条之二",
        )
    } else if cause.contains("交通肇事") {
        (
            format!(
                "{when}，被告人{defendant}驾驶重型货车未按规定让行，与{victim}驾驶的摩托车相撞，致{victim}重伤。经认定，被告人负事故主要责任。"
            ),
            "违反交通运输管理法规，因而发生重大事故，致一人重伤".into(),
            "第一百三十三条",
        )
    } else if cause.contains("赌场") {
        (
            format!(
                "{when}起，被告人{defendant}在其经营的棋牌室内组织他人以“推牌九”方式赌博，从中抽头渔利人民币{}元。",
                r.range(5000, 60000)
            ),
            "以营利为目的，开设赌场".into(),
            "第三百零三条",
        )
    } else if cause.contains("非法吸收") {
        (
            format!(
                "{when}至案发，被告人{defendant}以高额利息为诱饵，向社会不特定公众吸收资金共计人民币{}元，至案发尚有部分未归还。",
                r.range(500_000, 9_000_000)
            ),
            "违反国家金融管理法规，非法吸收公众存款，数额巨大".into(),
            "第一百七十六条",
        )
    } else {
        (
            format!("{when}，被告人{defendant}酒后在烧烤店内无故殴打{victim}，致其轻微伤，并砸毁店内物品。"),
            "随意殴打他人，情节恶劣".into(),
            "第二百九十三条",
        )
    }
}

fn luhn_card(r: &mut Rng) -> String {
    let body: Vec<u32> =
        "622202".chars().filter_map(|c| c.to_digit(10)).chain((0..12).map(|_| r.below(10) as u32)).collect();
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                *d
            }
        })
        .sum();
    let check = (10 - sum % 10) % 10;
    body.iter().chain(std::iter::once(&check)).map(|d| char::from_digit(*d, 10).unwrap_or('0')).collect()
}

/// 简易程序 / 普通程序 / 小额诉讼程序, as the 首部 names the procedure.
fn procedure_words(record: &CaseRecord) -> &'static str {
    use docket_domain::procedure::Procedure;
    match record.procedure {
        Procedure::Ordinary => "普通程序",
        Procedure::SmallClaims => "小额诉讼程序",
        _ => "简易程序",
    }
}

fn names_of<'a>(record: &'a CaseRecord, roles: &[PartyRole]) -> String {
    let v: Vec<&'a str> = record.parties.iter().filter(|p| roles.contains(&p.role)).map(|p| p.name.as_str()).collect();
    v.join("、")
}

/// The text of the document a closing issues, or `None` when the case type has none here.
pub(crate) fn document(
    r: &mut Rng,
    record: &CaseRecord,
    method: CloseMethod,
    on: NaiveDate,
    who: &Signers<'_>,
    lawyers: &[Lawyer],
) -> Option<(DocKind, String)> {
    let doc = DocKind::of_closing(method)?;
    let code = record.case_type().code;
    let kind_word = match code {
        "民初" | "民终" => "民事",
        "刑初" | "刑终" => "刑事",
        "行初" | "行终" => "行政",
        _ => return None,
    };
    let mut t = String::with_capacity(2400);
    t.push_str(&format!("{}\n{kind_word}{}\n{}\n", who.court_name, doc.label(), record.case_no));
    let procuratorate = who.court_name.replace("法院", "检察院");
    if kind_word == "刑事" && code == "刑初" {
        t.push_str(&format!("公诉机关{procuratorate}。\n"));
    }
    for p in &record.parties {
        t.push_str(&party_line(p, lawyers));
        t.push('\n');
    }
    let plaintiffs = names_of(record, &[PartyRole::Plaintiff, PartyRole::Appellant, PartyRole::Applicant]);
    let defendants = names_of(record, &[PartyRole::Defendant, PartyRole::Appellee, PartyRole::Respondent]);
    let first = |v: &str| v.split('、').next().unwrap_or("").to_owned();
    let (p1, d1) = (first(&plaintiffs), first(&defendants));
    let filed = date_cn(record.filed_on);
    let amount = record.claim_amount.map_or(r.range(5_000, 300_000) * 100, |a| a.fen());
    let cause = record.cause.as_str();
    match (kind_word, method) {
        (_, CloseMethod::Withdrawal | CloseMethod::DeemedWithdrawal) => {
            t.push_str(&format!("原告{p1}与被告{d1}{cause}一案，本院于{filed}立案。"));
            if method == CloseMethod::Withdrawal {
                t.push_str(&format!("原告{p1}于{}向本院提出撤诉申请。\n本院认为，原告{p1}的撤诉申请系其真实意思表示，不违反法律规定，应予准许。依照《中华人民共和国民事诉讼法》第一百四十八条第一款规定，裁定如下：\n准许原告{p1}撤回起诉。\n", date_cn(on)));
            } else {
                t.push_str(&format!("原告{p1}经本院传票传唤，无正当理由拒不到庭参加诉讼。\n本院认为，原告{p1}经传票传唤无正当理由拒不到庭，依照《中华人民共和国民事诉讼法》第一百四十六条规定，裁定如下：\n本案按原告{p1}撤诉处理。\n"));
            }
            t.push_str(&format!("案件受理费{}元，减半收取，由原告{p1}负担。\n", yuan(amount / 100 + 50)));
        }
        ("民事", CloseMethod::Mediation) => {
            let c = civil(r, cause, &p1, &d1, amount, record.filed_on);
            t.push_str(&format!("原告{p1}与被告{d1}{cause}一案，本院于{filed}立案后，依法适用简易程序进行了审理。\n原告{p1}向本院提出诉讼请求：{}。事实和理由：{}\n本案审理过程中，经本院主持调解，双方当事人自愿达成如下协议：\n一、被告{d1}于{}前给付原告{p1}{}元；\n二、案件受理费减半收取，由被告{d1}负担。\n上述协议，不违反法律规定，本院予以确认。\n本调解书经双方当事人签收后，即具有法律效力。\n", c.claims, c.facts, date_cn(on + chrono::Days::new(60)), yuan(amount * 8 / 10)));
        }
        ("民事", _) if code == "民初" => {
            let c = civil(r, cause, &p1, &d1, amount, record.filed_on);
            let upheld = r.unit();
            t.push_str(&format!("原告{p1}与被告{d1}{cause}一案，本院于{filed}立案后，依法适用{}，公开开庭进行了审理。本案现已审理终结。\n原告{p1}向本院提出诉讼请求：{}。事实和理由：{}\n被告{d1}辩称，{}\n本院经审理认定事实如下：{}\n本院认为，{}", procedure_words(record), c.claims, c.facts, c.defence, c.found, c.reasoning));
            if method == CloseMethod::Dismissal {
                t.push_str(&format!("经审查，原告{p1}的起诉不符合法定起诉条件。依照《中华人民共和国民事诉讼法》第一百二十二条、第一百五十七条第一款第三项规定，裁定如下：\n驳回原告{p1}的起诉。\n"));
            } else if cause.contains("离婚") {
                t.push_str(&format!(
                    "依照{}，《中华人民共和国民事诉讼法》第六十七条规定，判决如下：\n不准原告{p1}与被告{d1}离婚。\n",
                    c.articles
                ));
            } else if upheld < 0.15 {
                t.push_str(&format!("原告提交的证据不足以证明其主张，应承担举证不能的不利后果。依照《中华人民共和国民事诉讼法》第六十七条规定，判决如下：\n驳回原告{p1}的诉讼请求。\n"));
            } else {
                let part = if upheld < 0.45 { amount * 7 / 10 } else { amount };
                t.push_str(&format!("依照{}，《中华人民共和国民事诉讼法》第六十七条规定，判决如下：\n一、被告{d1}于本判决生效之日起十日内给付原告{p1}{}元；\n", c.articles, yuan(part)));
                if part < amount {
                    t.push_str(&format!("二、驳回原告{p1}的其他诉讼请求。\n"));
                }
                t.push_str("如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十四条规定，加倍支付迟延履行期间的债务利息。\n");
            }
            t.push_str(&format!("案件受理费{}元，由被告{d1}负担。\n如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，并按对方当事人的人数提出副本，上诉于{}。\n", yuan(amount / 100 + 50), who.upper_court));
        }
        ("刑事", _) if code == "刑初" => {
            let victim = record.parties.iter().find(|p| p.role == PartyRole::Victim).map(|p| p.name.as_str());
            let (facts, conduct, article) = criminal(r, cause, &d1, victim, record.filed_on);
            let crime = cause.trim_end_matches('罪');
            let months = r.range(1, 36);
            let sentence = if cause.contains("危险驾驶") {
                format!("拘役{}个月，并处罚金人民币{}元", r.range(1, 5), r.range(2, 20) * 1000)
            } else {
                format!(
                    "有期徒刑{}",
                    if months >= 12 {
                        format!("{}年{}个月", months / 12, months % 12)
                    } else {
                        format!("{months}个月")
                    }
                )
            };
            let confessed = r.chance(0.8);
            t.push_str(&format!("{procuratorate}以{}起诉书指控被告人{d1}犯{crime}罪，于{filed}向本院提起公诉。本院依法适用{}程序，公开开庭审理了本案。\n经审理查明：{facts}\n上述事实，被告人{d1}在开庭审理过程中亦无异议，且有证人证言、鉴定意见、被告人供述等证据证实，足以认定。\n本院认为，被告人{d1}{conduct}，其行为已构成{crime}罪。公诉机关指控的罪名成立。", procuratorate.replace("人民检察院", "检"), if confessed { "速裁" } else { "简易" }));
            if confessed {
                t.push_str(&format!("被告人{d1}到案后如实供述自己的罪行，自愿认罪认罚，可以从轻处罚。"));
            }
            t.push_str(&format!("依照《中华人民共和国刑法》{article}、第六十七条第三款、第五十二条，《中华人民共和国刑事诉讼法》第十五条之规定，判决如下：\n被告人{d1}犯{crime}罪，判处{sentence}。\n如不服本判决，可在接到判决书的第二日起十日内，通过本院或者直接向{}提出上诉。\n", who.upper_court));
        }
        ("民事" | "刑事" | "行政", _) if code.ends_with('终') => {
            let origin = record.origin.as_ref().map_or_else(|| "原审".to_owned(), |o| o.to_string());
            t.push_str(&format!("上诉人{p1}因与被上诉人{d1}{cause}一案，不服{origin}{kind_word}判决，向本院提起上诉。本院于{filed}立案后，依法组成合议庭审理了本案。\n上诉人{p1}上诉请求：撤销原判，依法改判。\n本院认为，"));
            match method {
                CloseMethod::Affirmed => t.push_str(&format!("一审判决认定事实清楚，适用法律正确，上诉人{p1}的上诉请求不能成立，应予驳回。依照《中华人民共和国民事诉讼法》第一百七十七条第一款第一项规定，判决如下：\n驳回上诉，维持原判。\n本判决为终审判决。\n")),
                CloseMethod::Revised => t.push_str(&format!("一审判决认定部分事实不清，适用法律有误，应予纠正。依照《中华人民共和国民事诉讼法》第一百七十七条第一款第二项规定，判决如下：\n一、撤销{origin}{kind_word}判决；\n二、改判被上诉人{d1}承担相应责任。\n本判决为终审判决。\n")),
                CloseMethod::Remanded => t.push_str(&format!("一审判决认定基本事实不清。依照《中华人民共和国民事诉讼法》第一百七十七条第一款第三项规定，裁定如下：\n一、撤销{origin}{kind_word}判决；\n二、本案发回{}重审。\n", record.origin.as_ref().map_or("原审法院", |_| "原审法院"))),
                _ => t.push_str("当事人的上诉请求，依法处理如下。\n本裁定为终审裁定。\n"),
            }
        }
        ("行政", _) => {
            t.push_str(&format!("原告{p1}不服被告{d1}作出的行政行为，于{filed}向本院提起行政诉讼。本院依法组成合议庭，公开开庭审理了本案。\n原告{p1}诉称，被告作出的行政行为认定事实不清，程序违法，请求予以撤销。\n被告{d1}辩称，其作出的行政行为事实清楚，程序合法，请求驳回原告的诉讼请求。\n本院认为，"));
            if r.chance(0.7) {
                t.push_str(&format!("被告作出的行政行为证据确凿，适用法律、法规正确，符合法定程序。依照《中华人民共和国行政诉讼法》第六十九条规定，判决如下：\n驳回原告{p1}的诉讼请求。\n"));
            } else {
                t.push_str(&format!("被告作出的行政行为主要证据不足，依照《中华人民共和国行政诉讼法》第七十条第一项规定，判决如下：\n撤销被告{d1}作出的行政行为。\n"));
            }
        }
        _ => return None,
    }
    let collegial = code.ends_with('终') || record.procedure == docket_domain::procedure::Procedure::Ordinary;
    t.push_str(&format!(
        "{}　{}\n{}\n书记员　{}\n",
        if collegial { "审判长" } else { "审判员" },
        who.judge,
        date_upper(on),
        who.clerk
    ));
    Some((doc, t))
}

impl crate::Generator<'_> {
    /// 电子送达 of an issued document to the first two parties (from a stream of its own,
    /// `eserv`): it reaches the party's account in about eight cases of ten, the same or the next
    /// working hours, with the document's SHA-256 and the moment (`receipt_at`); about three of
    /// four then open it within two days (`service_viewed`); a failed one is followed by post
    /// three days later (在线诉讼规则 §29–§32).
    fn serve_document(
        &mut self,
        record: &CaseRecord,
        text: &str,
        issued: NaiveDate,
    ) -> Vec<(NaiveDate, u8, docket_domain::EventKind)> {
        use docket_domain::{EventKind, ServiceChannel};
        let sha = docket_domain::portal::document_sha256(text);
        let zone = chrono::FixedOffset::east_opt(8 * 3600)
            .unwrap_or_else(|| chrono::FixedOffset::east_opt(0).unwrap_or_else(|| unreachable!()));
        let until = self.cfg.until;
        let r = &mut self.eserv;
        let mut out = Vec::new();
        for p in record.parties.iter().take(2) {
            let day = issued + chrono::Days::new(r.range(0, 2) as u64);
            if day > until {
                continue;
            }
            let moment = |r: &mut Rng, on: NaiveDate| {
                let t = chrono::NaiveTime::from_hms_opt(
                    r.range(8, 18) as u32,
                    r.range(0, 60) as u32,
                    r.range(0, 60) as u32,
                )
                .unwrap_or_default();
                on.and_time(t).and_local_timezone(zone).single()
            };
            let delivered = r.chance(0.8);
            let receipt_at = if delivered { moment(r, day) } else { None };
            out.push((
                day,
                13,
                EventKind::ServiceAttempted {
                    channel: ServiceChannel::Electronic,
                    delivered: receipt_at.is_some(),
                    document: Some(sha.clone()),
                    receipt_at,
                    party: Some(p.name.clone()),
                },
            ));
            if receipt_at.is_some() {
                if r.chance(0.75) {
                    let on = day + chrono::Days::new(r.range(0, 3) as u64);
                    if let (true, Some(at)) = (on <= until, moment(r, on)) {
                        let at = if Some(at) < receipt_at { receipt_at.unwrap_or(at) } else { at };
                        out.push((
                            on,
                            13,
                            EventKind::ServiceViewed {
                                document: sha.clone(),
                                viewed_at: at,
                                party: Some(p.name.clone()),
                            },
                        ));
                    }
                }
            } else {
                let on = day + chrono::Days::new(3);
                if on <= until {
                    out.push((
                        on,
                        13,
                        EventKind::ServiceAttempted {
                            channel: ServiceChannel::Post,
                            delivered: r.chance(0.9),
                            document: Some(sha.clone()),
                            receipt_at: None,
                            party: Some(p.name.clone()),
                        },
                    ));
                }
            }
        }
        out
    }

    /// The plan's events with its document and the document's publication: issued on the day of
    /// the closing; published within the seven working days in about nine cases of ten, later in
    /// one of fourteen, not yet in the rest; withheld, with the reason, where §4 exempts it.
    pub(crate) fn with_documents(
        &mut self,
        p: &crate::Plan,
        record: &CaseRecord,
    ) -> Vec<(NaiveDate, u8, docket_domain::EventKind)> {
        use docket_domain::EventKind;
        let mut ev = p.events.clone();
        let Some((closed_on, method)) = p.closed else { return ev };
        let court = &self.courts[p.court];
        let judge = ev
            .iter()
            .rev()
            .find_map(|(_, _, k)| match k {
                EventKind::Assigned { judge, .. } => court.judges.iter().position(|(c, _)| c == judge),
                _ => None,
            })
            .and_then(|i| court.judge_names.get(i))
            .cloned()
            .unwrap_or_default();
        let signers =
            Signers { court_name: &court.name, upper_court: &court.upper, judge: &judge, clerk: &court.clerk };
        let Some((doc, text)) = document(&mut self.docs, record, method, closed_on, &signers, &self.lawyers) else {
            return ev;
        };
        let served = self.serve_document(record, &text, closed_on);
        ev.push((closed_on, 12, EventKind::DocumentIssued { doc, text }));
        ev.extend(served);
        let r = &mut self.docs;
        let published = match docket_domain::publication::exemption(record, doc) {
            Some(e) => Some((r.range(1, 6), Some(e.label().to_owned()))),
            None if r.chance(0.9) => Some((r.range(1, 9), None)),
            None if r.chance(0.7) => Some((r.range(12, 40), None)),
            None => None,
        };
        if let Some((days, withheld)) = published {
            let on = closed_on + chrono::Days::new(days as u64);
            if on <= self.cfg.until {
                ev.push((on, 14, EventKind::DocumentPublished { withheld }));
            }
        }
        ev.sort_by_key(|(d, prio, _)| (*d, *prio));
        ev
    }
}
