//! 诉讼费: the fees of 诉讼费用交纳办法 (国务院令第481号, 2006; `reference/laws`) as data, every
//! line with its article, in integer fen rounded half up once per line — never floating point.
//!
//! What is computed here is what a case owes the court: 案件受理费 (§13, §17) or 申请费 (§14),
//! halved at most once (§15, §16; 民诉法解释 §206). Who finally bears it (§29, 负担) is the
//! judgment's to say and is not modelled. [`FeeAccount`] folds a case's fee events over it.

mod account;

pub use crate::event::Relief;
pub use account::{FeeAccount, FeeEvent, PAY_DAYS, REFUND_DAYS, effective_on, refund_by};

use crate::amount::Amount;
use crate::case_type::{CaseType, Category};
use crate::event::CloseMethod;
use crate::procedure::Procedure;

/// The amounts 诉讼费用交纳办法 §13 lets a province set within a range ("省、自治区、直辖市人民政府
/// 可以结合本地实际情况在本条第（二）项、第（三）项、第（六）项规定的幅度内制定具体交纳标准") and the
/// per-case 执行申请费 without an amount (§14(一)1). Each defaults to the top of its range until a
/// court enters its province's standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeeSchedule {
    /// 离婚案件 (§13(二)1): 50–300 元.
    pub divorce: Amount,
    /// 人格权案件 (§13(二)2): 100–500 元.
    pub personality: Amount,
    /// 其他非财产案件 (§13(二)3): 50–100 元.
    pub other_non_property: Amount,
    /// 知识产权民事案件 without an amount (§13(三)): 500–1,000 元.
    pub ip_without_amount: Amount,
    /// 执行申请 without an amount (§14(一)1): 50–500 元.
    pub enforcement_without_amount: Amount,
}

const fn yuan(y: u32) -> Amount {
    Amount::yuan(y)
}

impl Default for FeeSchedule {
    fn default() -> Self {
        Self {
            divorce: yuan(300),
            personality: yuan(500),
            other_non_property: yuan(100),
            ip_without_amount: yuan(1000),
            enforcement_without_amount: yuan(500),
        }
    }
}

impl FeeSchedule {
    /// Each setting with its statutory range and name.
    pub fn ranges(&self) -> [(&'static str, Amount, Amount, Amount); 5] {
        [
            ("离婚案件", self.divorce, yuan(50), yuan(300)),
            ("人格权案件", self.personality, yuan(100), yuan(500)),
            ("其他非财产案件", self.other_non_property, yuan(50), yuan(100)),
            ("无争议金额的知识产权民事案件", self.ip_without_amount, yuan(500), yuan(1000)),
            ("无执行金额的执行申请", self.enforcement_without_amount, yuan(50), yuan(500)),
        ]
    }

    /// The settings as `(key, yuan)`, for the settings file's `fee.<key> = <yuan>` lines.
    pub fn entries(&self) -> [(&'static str, Amount); 5] {
        [
            ("divorce", self.divorce),
            ("personality", self.personality),
            ("other_non_property", self.other_non_property),
            ("ip_without_amount", self.ip_without_amount),
            ("enforcement_without_amount", self.enforcement_without_amount),
        ]
    }

    /// Sets one amount by its key, refusing an unknown key, a malformed amount or one outside its
    /// statutory range.
    pub fn set(&mut self, key: &str, yuan: &str) -> Result<(), String> {
        let v = Amount::from_yuan_str(yuan).map_err(|e| e.to_string())?;
        let mut next = *self;
        let slot = match key {
            "divorce" => &mut next.divorce,
            "personality" => &mut next.personality,
            "other_non_property" => &mut next.other_non_property,
            "ip_without_amount" => &mut next.ip_without_amount,
            "enforcement_without_amount" => &mut next.enforcement_without_amount,
            _ => return Err(format!("未知的诉讼费设置“fee.{key}”")),
        };
        *slot = v;
        next.check()?;
        *self = next;
        Ok(())
    }

    /// Refuses a setting outside the range the 办法 allows, naming it.
    pub fn check(&self) -> Result<(), String> {
        for (name, v, lo, hi) in self.ranges() {
            if v < lo || v > hi {
                return Err(format!("{name}的受理费 {v} 元超出诉讼费用交纳办法规定的幅度（{lo} 至 {hi} 元）"));
            }
        }
        Ok(())
    }
}

/// What a case's fee is computed from: the case as filed, and what has happened to it since.
#[derive(Debug, Clone, Copy)]
pub struct FeeCase<'a> {
    pub case_type: &'static CaseType,
    /// The procedure now (after any 程序转换).
    pub procedure: Procedure,
    pub cause: &'a str,
    /// 诉讼请求金额 (the appealed amount on an appeal, §17; the amount to enforce or preserve).
    pub claim: Option<Amount>,
    /// How the case closed, if it has.
    pub closing: Option<CloseMethod>,
    /// Tagged 劳动争议.
    pub labor: bool,
}

/// One line of a fee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeLine {
    /// 案件受理费, 执行申请费, 减半交纳 …
    pub item: &'static str,
    pub amount: Amount,
    /// Taken off the lines above it (a halving).
    pub deduction: bool,
    /// The article that sets it, e.g. `诉讼费用交纳办法第十三条第（一）项`.
    pub article: &'static str,
    /// How it was worked out, in Chinese.
    pub basis: String,
}

/// A case's fee: its lines and their total.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Assessment {
    pub lines: Vec<FeeLine>,
    pub total: Amount,
    /// Paid in advance (预交, §20); an 执行 or 破产 申请费 is paid after (执行后交纳, 清算后交纳).
    pub prepaid: bool,
    /// Why there is no fee, when there is none.
    pub none: Option<&'static str>,
}

/// Cumulative brackets: the first `flat_upto` (fen) costs `flat` (fen); each further
/// `(upper bound in fen, rate in basis points)` band is charged at its rate. The sum is kept in
/// fen × basis points and rounded half up at the fen once.
fn brackets(amount: Amount, flat_upto: i64, flat: i64, bands: &[(i64, i64)]) -> Amount {
    let v = i128::from(amount.fen());
    let mut acc: i128 = i128::from(flat) * 10_000;
    let mut lower = i128::from(flat_upto);
    for &(upper, bp) in bands {
        if v <= lower {
            break;
        }
        let top = v.min(i128::from(upper));
        acc += (top - lower) * i128::from(bp);
        lower = i128::from(upper);
    }
    fen(round_div(acc, 10_000))
}

fn round_div(n: i128, d: i128) -> i128 {
    (n + d / 2) / d
}

fn fen(v: i128) -> Amount {
    Amount::from_fen(i64::try_from(v).unwrap_or(i64::MAX)).unwrap_or(Amount::ZERO)
}

const W: i64 = 1_000_000; // 1万元 in fen
const MAX: i64 = i64::MAX;

/// §13(一): 财产案件, 不超过1万元的每件50元, then 2.5%, 2%, 1.5%, 1%, 0.9%, 0.8%, 0.7%, 0.6%, 0.5%.
pub fn property_fee(claim: Amount) -> Amount {
    brackets(
        claim,
        W,
        5_000,
        &[
            (10 * W, 250),
            (20 * W, 200),
            (50 * W, 150),
            (100 * W, 100),
            (200 * W, 90),
            (500 * W, 80),
            (1000 * W, 70),
            (2000 * W, 60),
            (MAX, 50),
        ],
    )
}

/// §14(一)2: 执行申请费, 不超过1万元的每件50元, then 1.5%, 1%, 0.5%, 0.1%.
pub fn enforcement_fee(amount: Amount) -> Amount {
    brackets(amount, W, 5_000, &[(50 * W, 150), (500 * W, 100), (1000 * W, 50), (MAX, 10)])
}

/// §14(二): 保全申请费, 不超过1000元的每件30元, then 1% to 10万元 and 0.5% above, at most 5,000 元.
pub fn preservation_fee(amount: Amount) -> Amount {
    brackets(amount, 100_000, 3_000, &[(10 * W, 100), (MAX, 50)]).min(yuan(5_000))
}

fn half(a: Amount) -> Amount {
    fen(round_div(i128::from(a.fen()), 2))
}

fn is_ip(cause: &str) -> bool {
    ["知识产权", "著作权", "商标", "专利", "植物新品种", "集成电路布图", "商业秘密", "不正当竞争"]
        .iter()
        .any(|k| cause.contains(k))
}

fn is_personality(cause: &str) -> bool {
    ["姓名权", "名称权", "肖像权", "名誉权", "荣誉权", "隐私权", "人格权", "个人信息保护"]
        .iter()
        .any(|k| cause.contains(k))
}

/// Whether a 案由 is a 劳动争议 (§13(四)).
pub fn is_labor(cause: &str) -> bool {
    cause.contains("劳动")
        || ["追索劳动报酬", "经济补偿金", "工伤保险待遇", "社会保险纠纷"].iter().any(|k| cause.contains(k))
}

fn line(item: &'static str, amount: Amount, article: &'static str, basis: String) -> FeeLine {
    FeeLine { item, amount, deduction: false, article, basis }
}

impl FeeSchedule {
    /// The fee of `c`, line by line.
    pub fn assess(&self, c: &FeeCase<'_>) -> Assessment {
        let none = |why: &'static str| Assessment { none: Some(why), ..Assessment::default() };
        let code = c.case_type.code;
        let claim = c.claim.filter(|a| *a > Amount::ZERO);
        // 申请费 (§14): not halved.
        let applied = |l: FeeLine, prepaid: bool| Assessment { total: l.amount, lines: vec![l], prepaid, none: None };
        match code {
            "执" => {
                let l = match claim {
                    Some(a) => line(
                        "执行申请费",
                        enforcement_fee(a),
                        "诉讼费用交纳办法第十四条第（一）项第2目",
                        format!("执行金额 {a} 元，分段累计"),
                    ),
                    None => line(
                        "执行申请费",
                        self.enforcement_without_amount,
                        "诉讼费用交纳办法第十四条第（一）项第1目",
                        "没有执行金额，按本省标准每件交纳".into(),
                    ),
                };
                // 执行申请费执行后交纳 (§20).
                return applied(l, false);
            }
            "执恢" => return none("恢复执行不再交纳申请费（诉讼费用交纳办法第二十六条）"),
            "财保" | "执保" | "行保" => {
                let a = claim.unwrap_or(Amount::ZERO);
                return applied(
                    line(
                        "保全申请费",
                        preservation_fee(a),
                        "诉讼费用交纳办法第十四条第（二）项",
                        format!("保全财产数额 {a} 元，分段累计，最多不超过 5000 元"),
                    ),
                    true,
                );
            }
            "民督" => {
                let a = claim.unwrap_or(Amount::ZERO);
                let full = property_fee(a);
                let third = fen(round_div(i128::from(full.fen()), 3));
                return applied(
                    line(
                        "支付令申请费",
                        third,
                        "诉讼费用交纳办法第十四条第（三）项",
                        format!("比照财产案件受理费 {full} 元的三分之一"),
                    ),
                    true,
                );
            }
            "民催" => {
                return applied(
                    line("公示催告申请费", yuan(100), "诉讼费用交纳办法第十四条第（四）项", "每件交纳".into()),
                    true,
                );
            }
            "破" => {
                let a = claim.unwrap_or(Amount::ZERO);
                let full = property_fee(a);
                let fee = half(full).min(yuan(300_000));
                return applied(
                    line(
                        "破产申请费",
                        fee,
                        "诉讼费用交纳办法第十四条第（六）项",
                        format!("按破产财产总额 {a} 元的财产案件受理费 {full} 元减半，最高不超过 30 万元"),
                    ),
                    false,
                );
            }
            "民特" | "诉前调确" => {
                return none(
                    "特别程序及司法确认案件不交纳案件受理费（诉讼费用交纳办法第八条第（一）项；司法确认规定第十一条）",
                );
            }
            "民诉前调" | "诉前调书" => return none("诉前调解不收取费用（未进入诉讼，不交纳案件受理费）"),
            "民申" | "民再" | "民监" | "民抗" | "行申" | "行再" | "行监" | "行抗" => {
                return none("审判监督程序审理的案件不交纳案件受理费（诉讼费用交纳办法第九条）");
            }
            _ => {}
        }
        let first = match (c.case_type.category, code) {
            (Category::Civil, "民初" | "民终") => {
                if c.procedure == Procedure::AppealRuling {
                    return none("对裁定不服提起上诉的案件不交纳案件受理费（诉讼费用交纳办法第八条第（三）项）");
                }
                self.civil(c, claim)
            }
            (Category::Administrative, "行初" | "行终") => {
                let special = ["商标", "专利", "海事"].iter().any(|k| c.cause.contains(k));
                if special {
                    line(
                        "案件受理费",
                        yuan(100),
                        "诉讼费用交纳办法第十三条第（五）项第1目",
                        "商标、专利、海事行政案件每件交纳".into(),
                    )
                } else {
                    line(
                        "案件受理费",
                        yuan(50),
                        "诉讼费用交纳办法第十三条第（五）项第2目",
                        "其他行政案件每件交纳".into(),
                    )
                }
            }
            (Category::Criminal, _) => {
                return none("刑事案件不交纳诉讼费（附带民事诉讼不收取诉讼费，刑诉法解释第一百九十九条）");
            }
            _ => return none("该类型案件不交纳案件受理费"),
        };
        let mut a = Assessment { total: first.amount, lines: vec![first], prepaid: true, none: None };
        // 驳回起诉 (§8(二)): no 受理费 at all.
        if c.closing == Some(CloseMethod::Dismissal) {
            a.lines.push(FeeLine {
                item: "驳回起诉不交纳",
                amount: a.total,
                deduction: true,
                article: "诉讼费用交纳办法第八条第（二）项",
                basis: "裁定驳回起诉的案件不交纳案件受理费".into(),
            });
            a.total = Amount::ZERO;
            return a;
        }
        // Halved at most once (民诉法解释 §206): for 调解 or 撤诉 (§15), or for 简易程序 (§16).
        let by_closing = matches!(c.closing, Some(CloseMethod::Mediation | CloseMethod::Withdrawal));
        let by_procedure = matches!(c.procedure, Procedure::Simple | Procedure::SmallClaims);
        if by_closing || by_procedure {
            let (article, why) = if by_closing {
                ("诉讼费用交纳办法第十五条；民诉法解释第二百零六条", "以调解方式结案或申请撤诉，减半交纳；只减半一次")
            } else {
                ("诉讼费用交纳办法第十六条；民诉法解释第二百零六条", "适用简易程序审理，减半交纳；只减半一次")
            };
            let kept = half(a.total);
            let off = fen(i128::from(a.total.fen()) - i128::from(kept.fen()));
            a.lines.push(FeeLine { item: "减半交纳", amount: off, deduction: true, article, basis: why.into() });
            a.total = kept;
        }
        a
    }

    /// 民初 and 民终 (§13(一)–(四), §17).
    fn civil(&self, c: &FeeCase<'_>, claim: Option<Amount>) -> FeeLine {
        let appeal = c.case_type.code == "民终";
        let (property_article, property_basis) = if appeal {
            ("诉讼费用交纳办法第十七条、第十三条第（一）项", "按不服一审判决部分的上诉请求数额")
        } else {
            ("诉讼费用交纳办法第十三条第（一）项", "按诉讼请求金额")
        };
        if c.labor || is_labor(c.cause) {
            return line("案件受理费", yuan(10), "诉讼费用交纳办法第十三条第（四）项", "劳动争议案件每件交纳".into());
        }
        if c.cause.contains("离婚") {
            let mut fee = self.divorce;
            let mut basis = "离婚案件每件按本省标准交纳".to_owned();
            if let Some(a) = claim.filter(|a| a.fen() > 20 * W) {
                let extra = brackets(a, 20 * W, 0, &[(MAX, 50)]);
                fee = fee.checked_add(extra).unwrap_or(fee);
                basis = format!("{basis}；财产总额 {a} 元超过 20 万元的部分按 0.5% 交纳 {extra} 元");
            }
            return line("案件受理费", fee, "诉讼费用交纳办法第十三条第（二）项第1目", basis);
        }
        if is_personality(c.cause) {
            let mut fee = self.personality;
            let mut basis = "人格权案件每件按本省标准交纳".to_owned();
            if let Some(a) = claim.filter(|a| a.fen() > 5 * W) {
                let extra = brackets(a, 5 * W, 0, &[(10 * W, 100), (MAX, 50)]);
                fee = fee.checked_add(extra).unwrap_or(fee);
                basis = format!("{basis}；赔偿金额 {a} 元超过 5 万元的部分分段交纳 {extra} 元");
            }
            return line("案件受理费", fee, "诉讼费用交纳办法第十三条第（二）项第2目", basis);
        }
        match claim {
            Some(a) => {
                line("案件受理费", property_fee(a), property_article, format!("{property_basis} {a} 元，分段累计"))
            }
            None if is_ip(c.cause) => line(
                "案件受理费",
                self.ip_without_amount,
                "诉讼费用交纳办法第十三条第（三）项",
                "知识产权民事案件没有争议金额，按本省标准每件交纳".into(),
            ),
            None => line(
                "案件受理费",
                self.other_non_property,
                "诉讼费用交纳办法第十三条第（二）项第3目",
                "其他非财产案件每件按本省标准交纳".into(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn a(s: &str) -> Amount {
        Amount::from_yuan_str(s).unwrap()
    }

    fn case(code: &str, procedure: Procedure, cause: &'static str, claim: Option<&str>) -> FeeCase<'static> {
        FeeCase {
            case_type: CaseType::lookup(code).unwrap(),
            procedure,
            cause,
            claim: claim.map(a),
            closing: None,
            labor: false,
        }
    }

    /// The values worked out by hand from the brackets of §13(一) and §14.
    #[rstest]
    #[case("10000", "50.00")]
    #[case("100000", "2300.00")]
    #[case("1000000", "13800.00")]
    #[case("20000000", "141800.00")]
    #[case("10000.01", "50.00")] // 0.01 元 × 2.5% = 0.025 分, rounds to 0
    #[case("10000.20", "50.01")] // 0.20 元 × 2.5% = 0.5 分, rounds half up
    #[case("30000000", "191800.00")] // 2000万 plus 1000万 at 0.5%
    fn the_property_brackets_accumulate(#[case] claim: &str, #[case] fee: &str) {
        assert_eq!(property_fee(a(claim)).to_string(), fee);
    }

    #[rstest]
    #[case("500000", "7400.00")]
    #[case("10000", "50.00")]
    #[case("5000000", "52400.00")] // 7400 + 450万 × 1%
    fn the_enforcement_brackets_accumulate(#[case] amount: &str, #[case] fee: &str) {
        assert_eq!(enforcement_fee(a(amount)).to_string(), fee);
    }

    #[rstest]
    #[case("1000", "30.00")]
    #[case("100000", "1020.00")]
    #[case("895000", "4995.00")]
    #[case("895999", "5000.00")] // 4999.995 rounds half up
    #[case("896000", "5000.00")]
    #[case("50000000", "5000.00")]
    fn preservation_is_capped_at_five_thousand(#[case] amount: &str, #[case] fee: &str) {
        assert_eq!(preservation_fee(a(amount)).to_string(), fee);
    }

    #[test]
    fn a_simple_case_closed_by_mediation_is_halved_once_not_twice() {
        let s = FeeSchedule::default();
        let mut c = case("民初", Procedure::Simple, "买卖合同纠纷", Some("1000000"));
        assert_eq!(s.assess(&c).total.to_string(), "6900.00");
        c.closing = Some(CloseMethod::Mediation);
        let fee = s.assess(&c);
        assert_eq!(fee.total.to_string(), "6900.00", "halved once, not to 3450");
        assert_eq!(fee.lines.iter().filter(|l| l.deduction).count(), 1);
        assert!(fee.lines[1].article.contains("第二百零六条"));
        // Converted to the ordinary procedure and then withdrawn: still half, by §15 now.
        c.procedure = Procedure::Ordinary;
        c.closing = Some(CloseMethod::Withdrawal);
        let fee = s.assess(&c);
        assert_eq!(fee.total.to_string(), "6900.00");
        assert!(fee.lines[1].article.starts_with("诉讼费用交纳办法第十五条"));
        c.closing = Some(CloseMethod::Judgment);
        assert_eq!(s.assess(&c).total.to_string(), "13800.00");
    }

    #[test]
    fn odd_fen_halve_half_up() {
        let s = FeeSchedule::default();
        // 10000.20 → 50.01; half of 5001 fen is 2500.5 → 2501.
        let c = case("民初", Procedure::Simple, "买卖合同纠纷", Some("10000.20"));
        assert_eq!(s.assess(&c).total.to_string(), "25.01");
    }

    #[test]
    fn a_labour_dispute_pays_ten_yuan_whatever_it_claims() {
        let s = FeeSchedule::default();
        let c = case("民初", Procedure::Ordinary, "追索劳动报酬纠纷", Some("500000"));
        let fee = s.assess(&c);
        assert_eq!(fee.total.to_string(), "10.00");
        assert_eq!(fee.lines[0].article, "诉讼费用交纳办法第十三条第（四）项");
        let mut tagged = case("民初", Procedure::Ordinary, "其他", None);
        tagged.labor = true;
        assert_eq!(s.assess(&tagged).total.to_string(), "10.00");
    }

    #[test]
    fn non_property_cases_take_the_provinces_amount_and_the_excess_brackets() {
        let s = FeeSchedule::default();
        assert_eq!(s.assess(&case("民初", Procedure::Ordinary, "离婚纠纷", None)).total.to_string(), "300.00");
        // 离婚 with 30万 property: 300 + 10万 × 0.5% = 800.
        assert_eq!(
            s.assess(&case("民初", Procedure::Ordinary, "离婚纠纷", Some("300000"))).total.to_string(),
            "800.00"
        );
        // 名誉权 with 20万 damages: 500 + 5万 × 1% + 10万 × 0.5% = 1500.
        assert_eq!(
            s.assess(&case("民初", Procedure::Ordinary, "名誉权纠纷", Some("200000"))).total.to_string(),
            "1500.00"
        );
        assert_eq!(s.assess(&case("民初", Procedure::Ordinary, "著作权权属纠纷", None)).total.to_string(), "1000.00");
        assert_eq!(s.assess(&case("民初", Procedure::Ordinary, "相邻关系纠纷", None)).total.to_string(), "100.00");
        assert_eq!(s.assess(&case("行初", Procedure::Ordinary, "商标行政管理", None)).total.to_string(), "100.00");
        assert_eq!(s.assess(&case("行初", Procedure::Ordinary, "行政处罚", None)).total.to_string(), "50.00");
    }

    #[test]
    fn applications_follow_section_fourteen_and_are_never_halved() {
        let s = FeeSchedule::default();
        let exec = s.assess(&case("执", Procedure::None, "申请执行", Some("500000")));
        assert_eq!((exec.total.to_string(), exec.prepaid), ("7400.00".to_owned(), false));
        assert_eq!(s.assess(&case("执", Procedure::None, "申请执行", None)).total.to_string(), "500.00");
        assert_eq!(
            s.assess(&case("财保", Procedure::None, "诉前财产保全", Some("896000"))).total.to_string(),
            "5000.00"
        );
        // 支付令: a third of 13800 = 4600.
        assert_eq!(
            s.assess(&case("民督", Procedure::None, "申请支付令", Some("1000000"))).total.to_string(),
            "4600.00"
        );
        // 破产: half of the property fee, at most 30万 (2亿 property: (141800 + 900000) / 2 = 520900 → 300000).
        assert_eq!(s.assess(&case("破", Procedure::None, "破产清算", Some("1000000"))).total.to_string(), "6900.00");
        assert_eq!(
            s.assess(&case("破", Procedure::None, "破产清算", Some("200000000"))).total.to_string(),
            "300000.00"
        );
        assert!(s.assess(&case("执恢", Procedure::None, "恢复执行", Some("100"))).none.unwrap().contains("第二十六条"));
        assert!(s.assess(&case("民特", Procedure::Special, "确认调解协议", None)).none.is_some());
    }

    #[test]
    fn an_appeal_pays_on_the_appealed_amount_and_a_dismissal_pays_nothing() {
        let s = FeeSchedule::default();
        let fee = s.assess(&case("民终", Procedure::AppealJudgment, "买卖合同纠纷", Some("100000")));
        assert_eq!(fee.total.to_string(), "2300.00");
        assert!(fee.lines[0].article.contains("第十七条"));
        assert!(s.assess(&case("民终", Procedure::AppealRuling, "买卖合同纠纷", Some("100000"))).none.is_some());
        let mut c = case("民初", Procedure::Ordinary, "买卖合同纠纷", Some("100000"));
        c.closing = Some(CloseMethod::Dismissal);
        assert_eq!(s.assess(&c).total, Amount::ZERO);
    }

    #[test]
    fn every_line_cites_an_article_of_the_rules() {
        let s = FeeSchedule::default();
        for (code, procedure, cause, claim) in [
            ("民初", Procedure::Simple, "买卖合同纠纷", Some("250000")),
            ("民初", Procedure::Ordinary, "离婚纠纷", Some("250000")),
            ("执", Procedure::None, "申请执行", Some("250000")),
            ("财保", Procedure::None, "诉前财产保全", Some("250000")),
        ] {
            for l in s.assess(&case(code, procedure, cause, claim)).lines {
                assert!(l.article.contains("第") && l.article.contains("条"), "{l:?}");
            }
        }
    }

    #[test]
    fn a_province_setting_outside_the_statutory_range_is_refused() {
        let mut s = FeeSchedule::default();
        assert!(s.check().is_ok());
        assert!(s.set("divorce", "400").unwrap_err().contains("离婚案件"));
        assert_eq!(s.divorce, yuan(300), "a refused setting leaves the amount as it was");
        s.set("divorce", "200").unwrap();
        assert_eq!(s.assess(&case("民初", Procedure::Ordinary, "离婚纠纷", None)).total.to_string(), "200.00");
        assert!(s.set("alimony", "100").is_err());
    }
}
