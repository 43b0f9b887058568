//! 审判监督管理 on the case: the 四类案件 mark (法发〔2021〕30号《关于进一步完善“四类案件”监督管理
//! 工作机制的指导意见》), 阅核 of a marked case's draft by a 院庭长, discussion by the 审判委员会 or a
//! 专业法官会议, and distinctions (典型案例, 优秀文书, 入库案例).
//!
//! The values of the events live here; how they fold over a case's events is
//! `CaseState::supervision` (the lifecycle), and the rules a court may set are
//! [`SupervisionRules`] (`supervision.*` lines of the settings).

use crate::{Amount, CaseRecord, Tag};

/// 四类案件 (指导意见 第二条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FlagCategory {
    /// 重大、疑难、复杂、敏感的.
    MajorComplex,
    /// 涉及群体性纠纷或者引发社会广泛关注，可能影响社会稳定的.
    MassPublic,
    /// 与本院或者上级人民法院的类案裁判可能发生冲突的.
    PrecedentConflict,
    /// 有关单位或者个人反映法官有违法审判行为的.
    Misconduct,
}

impl FlagCategory {
    pub const ALL: [FlagCategory; 4] = [
        FlagCategory::MajorComplex,
        FlagCategory::MassPublic,
        FlagCategory::PrecedentConflict,
        FlagCategory::Misconduct,
    ];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::MajorComplex => "major_complex",
            Self::MassPublic => "mass_public",
            Self::PrecedentConflict => "precedent_conflict",
            Self::Misconduct => "misconduct",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::MajorComplex => "重大疑难复杂敏感",
            Self::MassPublic => "群体性或社会广泛关注",
            Self::PrecedentConflict => "可能与类案裁判冲突",
            Self::Misconduct => "反映法官违法审判",
        }
    }
}

/// The outcome of a 阅核.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReadingResult {
    /// 同意 (阅核通过).
    Approved,
    /// 退回 with a note to the judge.
    Returned,
    /// 提交审判委员会讨论.
    ToCommittee,
}

impl ReadingResult {
    pub const ALL: [ReadingResult; 3] = [ReadingResult::Approved, ReadingResult::Returned, ReadingResult::ToCommittee];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Approved => "approved",
            Self::Returned => "returned",
            Self::ToCommittee => "to_committee",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Approved => "阅核同意",
            Self::Returned => "退回",
            Self::ToCommittee => "提交审判委员会",
        }
    }
}

/// Who discussed the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Body {
    /// 审判委员会.
    AdjudicationCommittee,
    /// 专业法官会议.
    ProfessionalJudges,
}

impl Body {
    pub const ALL: [Body; 2] = [Body::AdjudicationCommittee, Body::ProfessionalJudges];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::AdjudicationCommittee => "adjudication_committee",
            Self::ProfessionalJudges => "professional_judges",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::AdjudicationCommittee => "审判委员会",
            Self::ProfessionalJudges => "专业法官会议",
        }
    }
}

/// A distinction of the case or its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Honour {
    /// 典型案例.
    TypicalCase,
    /// 优秀裁判文书.
    ModelDocument,
    /// 人民法院案例库 入库案例.
    DatabaseCase,
}

impl Honour {
    pub const ALL: [Honour; 3] = [Honour::TypicalCase, Honour::ModelDocument, Honour::DatabaseCase];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::TypicalCase => "typical_case",
            Self::ModelDocument => "model_document",
            Self::DatabaseCase => "database_case",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::TypicalCase => "典型案例",
            Self::ModelDocument => "优秀文书",
            Self::DatabaseCase => "入库案例",
        }
    }
}

/// The level that chose it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HonourLevel {
    Court,
    City,
    Region,
    National,
}

impl HonourLevel {
    pub const ALL: [HonourLevel; 4] =
        [HonourLevel::Court, HonourLevel::City, HonourLevel::Region, HonourLevel::National];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Court => "court",
            Self::City => "city",
            Self::Region => "region",
            Self::National => "national",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Court => "本院",
            Self::City => "市级",
            Self::Region => "省级",
            Self::National => "全国",
        }
    }
}

/// Where a case's 四类案件 supervision stands, folded from its events
/// (`CaseState::supervision`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Supervision {
    /// The mark in force: its category and date.
    pub flagged: Option<(FlagCategory, chrono::NaiveDate)>,
    /// A reading sent and not yet answered: to whom, since when.
    pub pending: Option<(String, chrono::NaiveDate)>,
    /// The last answer to a reading since the mark: its result, date and note.
    pub last: Option<(ReadingResult, chrono::NaiveDate, Option<String>)>,
    /// An approved reading since the mark, or the 审判委员会's discussion after a reading sent it
    /// there: the closing may go ahead.
    pub cleared_to_close: bool,
}

/// One supervision event as [`Supervision::fold`] reads it: from a case's events
/// (`CaseState::supervision`) or from a projection's stored facts (lists and queues).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Flagged(FlagCategory),
    Cleared,
    Requested(String),
    Done(ReadingResult, Option<String>),
    Deliberated(Body),
}

impl Supervision {
    /// Folds the steps in date order: a mark starts afresh; a new submission needs its own
    /// answer; the 审判委员会's discussion decides a case a reading sent to it.
    pub fn fold(steps: impl IntoIterator<Item = (chrono::NaiveDate, Step)>) -> Supervision {
        let mut s = Supervision::default();
        let mut to_committee = false;
        for (on, step) in steps {
            match step {
                Step::Flagged(category) => {
                    s = Supervision { flagged: Some((category, on)), ..Supervision::default() };
                    to_committee = false;
                }
                Step::Cleared => {
                    s = Supervision::default();
                    to_committee = false;
                }
                Step::Requested(reviewer) => {
                    s.pending = Some((reviewer, on));
                    s.cleared_to_close = false;
                    to_committee = false;
                }
                Step::Done(result, note) => {
                    s.pending = None;
                    s.cleared_to_close = result == ReadingResult::Approved;
                    to_committee = result == ReadingResult::ToCommittee;
                    s.last = Some((result, on, note));
                }
                Step::Deliberated(Body::AdjudicationCommittee) if to_committee => s.cleared_to_close = true,
                Step::Deliberated(_) => {}
            }
        }
        s
    }

    /// Why closing is refused now under `rules`, in Chinese, or `None`.
    pub fn closing_refusal(&self, rules: &SupervisionRules) -> Option<String> {
        if !rules.reading_required || self.cleared_to_close {
            return None;
        }
        let (category, _) = self.flagged?;
        Some(format!(
            "本案已标记为四类案件（{}），须经院庭长阅核同意或审判委员会讨论后方可结案\
             （法发〔2021〕30号；本院设置 supervision.reading_required = on）",
            category.label()
        ))
    }
}

/// The court's rules for 四类案件: whether a marked case needs an approved reading to close
/// (on by default), and what makes the filing suggest a mark — the `mass_dispute` tag always, a
/// claim above an amount, some 案由 (`supervision.*` lines of the settings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupervisionRules {
    pub reading_required: bool,
    /// A claim at or above this suggests 重大.
    pub flag_amount: Option<Amount>,
    /// 案由 that suggest 重大疑难复杂敏感 (exact names).
    pub flag_causes: Vec<String>,
}

impl Default for SupervisionRules {
    fn default() -> Self {
        Self {
            reading_required: true,
            // 一千万元: the level at which a basic court's civil first instance is already a
            // large case in the seeds' provinces.
            flag_amount: Amount::from_fen(1_000_000_000),
            flag_causes: ["非法吸收公众存款罪", "集资诈骗罪", "环境污染责任纠纷", "破产撤销权纠纷"]
                .map(str::to_owned)
                .to_vec(),
        }
    }
}

impl SupervisionRules {
    /// The settings lines: `supervision.<name> = <value>`.
    pub fn entries(&self) -> Vec<(&'static str, String)> {
        vec![
            ("reading_required", if self.reading_required { "on" } else { "off" }.to_owned()),
            ("flag_amount", self.flag_amount.map(|a| a.to_string()).unwrap_or_default()),
            ("flag_causes", self.flag_causes.join(",")),
        ]
    }

    /// Sets one rule by name, or says what is wrong.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        match name {
            "reading_required" => {
                self.reading_required = match value {
                    "on" => true,
                    "off" => false,
                    _ => return Err("supervision.reading_required 应为 on 或 off".into()),
                }
            }
            "flag_amount" => {
                self.flag_amount = if value.is_empty() {
                    None
                } else {
                    Some(Amount::from_yuan_str(value).map_err(|e| format!("四类案件提示金额“{value}”无效：{e}"))?)
                }
            }
            "flag_causes" => {
                self.flag_causes =
                    value.split([',', '，']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
            }
            _ => return Err(format!("未知的四类案件设置“supervision.{name}”")),
        }
        Ok(())
    }

    /// The mark the filing suggests for a case, with why: a person confirms it.
    pub fn suggest(&self, case: &CaseRecord) -> Option<(FlagCategory, String)> {
        self.suggest_for(&case.cause, case.claim_amount, &case.tags)
    }

    /// [`SupervisionRules::suggest`] from the facts it reads: the 案由, the claim and the tags.
    pub fn suggest_for(&self, cause: &str, claim: Option<Amount>, tags: &[Tag]) -> Option<(FlagCategory, String)> {
        if tags.iter().any(|t| t.as_str() == "mass_dispute") {
            return Some((FlagCategory::MassPublic, "标记为群体性纠纷".to_owned()));
        }
        if let (Some(limit), Some(claim)) = (self.flag_amount, claim)
            && claim >= limit
        {
            return Some((FlagCategory::MajorComplex, format!("诉讼标的额 {claim} 元不低于 {limit} 元")));
        }
        if self.flag_causes.iter().any(|c| c == cause) {
            return Some((FlagCategory::MajorComplex, format!("案由为{cause}")));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_as_itself() {
        for c in FlagCategory::ALL {
            assert_eq!(FlagCategory::parse(c.as_str()), Some(c));
        }
        for c in ReadingResult::ALL {
            assert_eq!(ReadingResult::parse(c.as_str()), Some(c));
        }
        for c in Body::ALL {
            assert_eq!(Body::parse(c.as_str()), Some(c));
        }
        for c in Honour::ALL {
            assert_eq!(Honour::parse(c.as_str()), Some(c));
        }
        for c in HonourLevel::ALL {
            assert_eq!(HonourLevel::parse(c.as_str()), Some(c));
        }
        assert_eq!(FlagCategory::parse("major"), None);
    }

    #[test]
    fn the_rules_read_back_from_their_lines_and_name_a_bad_value() {
        let d = SupervisionRules::default();
        let mut r = SupervisionRules { reading_required: false, flag_amount: None, flag_causes: vec![] };
        for (k, v) in d.entries() {
            r.set(k, &v).unwrap();
        }
        assert_eq!(r, d);
        assert!(r.set("reading_required", "yes").unwrap_err().contains("on 或 off"));
        assert!(r.set("flag_amount", "12.345").is_err());
        assert!(r.set("colour", "red").unwrap_err().contains("supervision.colour"));
        r.set("flag_causes", "甲纠纷， 乙纠纷,").unwrap();
        assert_eq!(r.flag_causes, ["甲纠纷", "乙纠纷"]);
    }
}
