//! 繁简分流: rules that suggest, at filing, the procedure and the team a civil first-instance case
//! goes to (快慢分道: 速裁团队 for the simple, 精审 for the rest). The first rule a case meets wins;
//! a court keeps its own rules as a setting. Amounts are [`Amount`], never floating point.

use crate::amount::Amount;
use crate::procedure::Procedure;

/// One rule: a case meets it when every condition set holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriageRule {
    pub procedure: Procedure,
    /// 团队, e.g. `速裁团队`.
    pub team: String,
    /// 标的额 at most this (a case without an amount meets it).
    pub max_claim: Option<Amount>,
    /// At most this many parties.
    pub max_parties: Option<usize>,
    /// 案由 containing one of these (any when empty).
    pub causes: Vec<String>,
    /// Not tagged with any of these (e.g. `mass_dispute`).
    pub not_tagged: Vec<String>,
    /// Why, in Chinese, for the clerk.
    pub why: String,
}

/// What a case is triaged on.
#[derive(Debug, Clone, Copy)]
pub struct TriageCase<'a> {
    pub type_code: &'a str,
    pub cause: &'a str,
    pub claim: Option<Amount>,
    pub parties: usize,
    pub tags: &'a [&'a str],
}

/// The suggestion for a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub procedure: Procedure,
    pub team: String,
    pub why: String,
}

/// A court's rules, tried in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriageRules {
    pub rules: Vec<TriageRule>,
}

impl Default for TriageRules {
    /// 小额诉讼 for two-party cases up to 5 万元 (民诉法 §165: under half the province's average
    /// annual wage; 内蒙古 2024 about 5 万元), 简易 for up to 100 万元 and three parties, 普通 for the
    /// rest — none of them for a 群体性纠纷.
    fn default() -> Self {
        let yuan = Amount::yuan;
        let rule = |procedure, team: &str, max_claim, max_parties, why: &str| TriageRule {
            procedure,
            team: team.into(),
            max_claim,
            max_parties,
            causes: vec![],
            not_tagged: vec!["mass_dispute".into()],
            why: why.into(),
        };
        Self {
            rules: vec![
                rule(
                    Procedure::SmallClaims,
                    "速裁团队",
                    Some(yuan(50_000)),
                    Some(2),
                    "标的额不超过 5 万元、当事人两方",
                ),
                rule(
                    Procedure::Simple,
                    "速裁团队",
                    Some(yuan(1_000_000)),
                    Some(3),
                    "标的额不超过 100 万元、当事人不超过三方",
                ),
                TriageRule {
                    procedure: Procedure::Ordinary,
                    team: "精审团队".into(),
                    max_claim: None,
                    max_parties: None,
                    causes: vec![],
                    not_tagged: vec![],
                    why: "标的额较大、当事人较多或群体性纠纷".into(),
                },
            ],
        }
    }
}

impl TriageRule {
    /// One rule as a settings line's value: `procedure=simple; team=速裁团队; max_claim=1000000;
    /// max_parties=3; causes=买卖,借款; not_tagged=mass_dispute; why=…` (only `procedure` and
    /// `team` are required).
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut r = TriageRule {
            procedure: Procedure::Ordinary,
            team: String::new(),
            max_claim: None,
            max_parties: None,
            causes: vec![],
            not_tagged: vec![],
            why: String::new(),
        };
        let mut procedure = None;
        let list = |v: &str| v.split(',').map(str::trim).filter(|x| !x.is_empty()).map(str::to_owned).collect();
        for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let (k, v) = part.split_once('=').ok_or_else(|| format!("“{part}”应为 名称=值"))?;
            let (k, v) = (k.trim(), v.trim());
            match k {
                "procedure" => {
                    procedure = Some(Procedure::parse(v).ok_or_else(|| format!("未知的程序“{v}”"))?);
                }
                "team" => r.team = v.to_owned(),
                "max_claim" => r.max_claim = Some(Amount::from_yuan_str(v).map_err(|e| e.to_string())?),
                "max_parties" => r.max_parties = Some(v.parse().map_err(|_| format!("当事人数“{v}”无效"))?),
                "causes" => r.causes = list(v),
                "not_tagged" => r.not_tagged = list(v),
                "why" => r.why = v.to_owned(),
                other => return Err(format!("未知的繁简分流条件“{other}”")),
            }
        }
        r.procedure = procedure.ok_or("繁简分流规则须写明 procedure")?;
        if r.team.is_empty() {
            return Err("繁简分流规则须写明 team".into());
        }
        Ok(r)
    }

    /// The rule as [`TriageRule::parse`] reads it.
    pub fn to_line(&self) -> String {
        let mut parts = vec![format!("procedure={}", self.procedure.as_str()), format!("team={}", self.team)];
        if let Some(m) = self.max_claim {
            parts.push(format!("max_claim={m}"));
        }
        if let Some(n) = self.max_parties {
            parts.push(format!("max_parties={n}"));
        }
        if !self.causes.is_empty() {
            parts.push(format!("causes={}", self.causes.join(",")));
        }
        if !self.not_tagged.is_empty() {
            parts.push(format!("not_tagged={}", self.not_tagged.join(",")));
        }
        if !self.why.is_empty() {
            parts.push(format!("why={}", self.why));
        }
        parts.join("; ")
    }
}

impl TriageRules {
    /// The first rule `c` meets, for a 民初 case.
    pub fn suggest(&self, c: &TriageCase<'_>) -> Option<Suggestion> {
        if c.type_code != "民初" {
            return None;
        }
        self.rules
            .iter()
            .find(|r| {
                // 小额诉讼 is for 金钱给付 cases (民诉法 §165): a case without an amount is not one.
                (r.procedure != Procedure::SmallClaims || c.claim.is_some())
                    && r.max_claim.is_none_or(|m| c.claim.is_none_or(|a| a <= m))
                    && r.max_parties.is_none_or(|m| c.parties <= m)
                    && (r.causes.is_empty() || r.causes.iter().any(|x| c.cause.contains(x.as_str())))
                    && !r.not_tagged.iter().any(|t| c.tags.contains(&t.as_str()))
            })
            .map(|r| Suggestion { procedure: r.procedure, team: r.team.clone(), why: r.why.clone() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suggest(claim: Option<&str>, parties: usize, tags: &[&str]) -> Procedure {
        let c = TriageCase {
            type_code: "民初",
            cause: "买卖合同纠纷",
            claim: claim.map(|s| Amount::from_yuan_str(s).unwrap()),
            parties,
            tags,
        };
        TriageRules::default().suggest(&c).unwrap().procedure
    }

    #[test]
    fn the_default_rules_send_small_simple_and_large_cases_their_ways() {
        assert_eq!(suggest(Some("50000.00"), 2, &[]), Procedure::SmallClaims);
        assert_eq!(suggest(Some("50000.01"), 2, &[]), Procedure::Simple, "one fen over goes to 简易");
        assert_eq!(suggest(Some("30000"), 3, &[]), Procedure::Simple);
        assert_eq!(suggest(Some("1000000.01"), 2, &[]), Procedure::Ordinary);
        assert_eq!(suggest(None, 2, &[]), Procedure::Simple, "no amount, no 小额诉讼");
        assert_eq!(suggest(Some("30000"), 2, &["mass_dispute"]), Procedure::Ordinary, "群体性纠纷 to 精审");
    }

    #[test]
    fn a_rule_reads_back_from_its_line_and_a_bad_one_is_named() {
        for r in TriageRules::default().rules {
            assert_eq!(TriageRule::parse(&r.to_line()).unwrap(), r);
        }
        let r = TriageRule::parse("procedure=simple; team=家事团队; causes=离婚,抚养; max_parties=2").unwrap();
        assert_eq!((r.procedure, r.causes.len(), r.max_parties), (Procedure::Simple, 2, Some(2)));
        assert!(TriageRule::parse("team=x").unwrap_err().contains("procedure"));
        assert!(TriageRule::parse("procedure=simple; team=x; max_claim=五万").is_err());
        assert!(TriageRule::parse("procedure=simple; team=x; colour=red").unwrap_err().contains("colour"));
    }

    #[test]
    fn only_a_civil_first_instance_case_is_triaged() {
        let c = TriageCase { type_code: "民终", cause: "", claim: None, parties: 2, tags: &[] };
        assert!(TriageRules::default().suggest(&c).is_none());
    }
}
