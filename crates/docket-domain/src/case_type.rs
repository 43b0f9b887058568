//! 类型代字: the case-type codes of the 2015 案号 standard (法〔2015〕137号 and its annex
//! 《人民法院案件类型及其代字标准》), plus the pre-litigation mediation codes in use since.

use crate::procedure::Procedure::{self, *};

/// 案件类别: the broad category a type code belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// 刑事
    Criminal,
    /// 民事
    Civil,
    /// 行政
    Administrative,
    /// 国家赔偿
    StateCompensation,
    /// 执行
    Enforcement,
    /// 非诉保全审查
    Preservation,
    /// 破产、强制清算
    Bankruptcy,
    /// 诉前调解
    Mediation,
    /// 司法制裁、司法救助等
    Other,
}

impl Category {
    pub fn label(self) -> &'static str {
        match self {
            Self::Criminal => "刑事",
            Self::Civil => "民事",
            Self::Administrative => "行政",
            Self::StateCompensation => "国家赔偿",
            Self::Enforcement => "执行",
            Self::Preservation => "非诉保全审查",
            Self::Bankruptcy => "破产",
            Self::Mediation => "诉前调解",
            Self::Other => "其他",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Criminal => "criminal",
            Self::Civil => "civil",
            Self::Administrative => "administrative",
            Self::StateCompensation => "state_compensation",
            Self::Enforcement => "enforcement",
            Self::Preservation => "preservation",
            Self::Bankruptcy => "bankruptcy",
            Self::Mediation => "mediation",
            Self::Other => "other",
        }
    }
}

/// 审级: the stage of proceedings a type code stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    /// 一审
    FirstInstance,
    /// 二审
    SecondInstance,
    /// 申请再审审查、审判监督、抗诉
    RetrialReview,
    /// 再审
    Retrial,
    /// 执行实施
    Enforcement,
    /// 执行审查（异议、复议、监督）
    EnforcementReview,
    /// 特别程序、督促、公示催告、复核等非讼程序
    NonContentious,
    /// 诉前调解及其确认
    Mediation,
    /// 管辖、请示、其他
    Other,
}

/// One row of the type-code table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseType {
    /// 类型代字, e.g. `民初`.
    pub code: &'static str,
    /// 案件类型, e.g. `民事一审`.
    pub name: &'static str,
    pub category: Category,
    pub stage: Stage,
    /// The procedures a case of this type may be heard under; the first is the default.
    pub procedures: &'static [Procedure],
}

impl CaseType {
    /// Look a type code up in the table.
    pub fn lookup(code: &str) -> Option<&'static CaseType> {
        TYPES.iter().find(|t| t.code == code)
    }

    pub fn allows(&self, procedure: Procedure) -> bool {
        self.procedures.contains(&procedure)
    }

    /// True for the appeal and retrial types whose outcome is 维持/改判/发回.
    pub fn reviews_a_judgment(&self) -> bool {
        matches!(self.stage, Stage::SecondInstance | Stage::Retrial)
    }
}

use Category as C;
use Stage as S;

/// The table. Scope lists (`INDICATORS.md`) and 审限 limits (`DEADLINES.md`) key on these codes.
pub static TYPES: &[CaseType] = &[
    // 刑事
    CaseType {
        code: "刑初",
        name: "刑事一审",
        category: C::Criminal,
        stage: S::FirstInstance,
        procedures: &[Ordinary, Simple, FastTrack],
    },
    CaseType {
        code: "刑终",
        name: "刑事二审",
        category: C::Criminal,
        stage: S::SecondInstance,
        procedures: &[AppealJudgment, AppealRuling],
    },
    CaseType {
        code: "刑核", name: "刑事复核", category: C::Criminal, stage: S::NonContentious, procedures: &[None]
    },
    CaseType {
        code: "刑申",
        name: "刑事申诉审查",
        category: C::Criminal,
        stage: S::RetrialReview,
        procedures: &[None, Retrial],
    },
    CaseType {
        code: "刑监",
        name: "刑事审判监督",
        category: C::Criminal,
        stage: S::RetrialReview,
        procedures: &[None, Retrial],
    },
    CaseType {
        code: "刑抗",
        name: "刑事抗诉再审审查",
        category: C::Criminal,
        stage: S::RetrialReview,
        procedures: &[None, Retrial],
    },
    CaseType {
        code: "刑再",
        name: "刑事再审",
        category: C::Criminal,
        stage: S::Retrial,
        procedures: &[Retrial, Ordinary, AppealJudgment],
    },
    CaseType {
        code: "刑更",
        name: "刑罚与执行变更",
        category: C::Criminal,
        stage: S::NonContentious,
        procedures: &[None],
    },
    CaseType {
        code: "刑医",
        name: "强制医疗",
        category: C::Criminal,
        stage: S::NonContentious,
        procedures: &[Special, None],
    },
    CaseType {
        code: "刑没",
        name: "违法所得没收",
        category: C::Criminal,
        stage: S::NonContentious,
        procedures: &[Special, None],
    },
    CaseType { code: "刑辖", name: "刑事管辖", category: C::Criminal, stage: S::Other, procedures: &[None] },
    CaseType { code: "刑他", name: "刑事其他", category: C::Criminal, stage: S::Other, procedures: &[None] },
    // 民事
    CaseType {
        code: "民初",
        name: "民事一审",
        category: C::Civil,
        stage: S::FirstInstance,
        procedures: &[Ordinary, Simple, SmallClaims],
    },
    CaseType {
        code: "民终",
        name: "民事二审",
        category: C::Civil,
        stage: S::SecondInstance,
        procedures: &[AppealJudgment, AppealRuling],
    },
    CaseType {
        code: "民申",
        name: "民事申请再审审查",
        category: C::Civil,
        stage: S::RetrialReview,
        procedures: &[Retrial, None],
    },
    CaseType {
        code: "民监",
        name: "民事审判监督",
        category: C::Civil,
        stage: S::RetrialReview,
        procedures: &[Retrial, None],
    },
    CaseType {
        code: "民抗",
        name: "民事抗诉再审审查",
        category: C::Civil,
        stage: S::RetrialReview,
        procedures: &[Retrial, None],
    },
    CaseType {
        code: "民再",
        name: "民事再审",
        category: C::Civil,
        stage: S::Retrial,
        procedures: &[Retrial, Ordinary, AppealJudgment],
    },
    CaseType {
        code: "民撤",
        name: "第三人撤销之诉",
        category: C::Civil,
        stage: S::FirstInstance,
        procedures: &[Ordinary],
    },
    CaseType {
        code: "民特",
        name: "民事特别程序",
        category: C::Civil,
        stage: S::NonContentious,
        procedures: &[Special],
    },
    CaseType {
        code: "民催",
        name: "公示催告",
        category: C::Civil,
        stage: S::NonContentious,
        procedures: &[Special, None],
    },
    CaseType {
        code: "民督",
        name: "督促程序",
        category: C::Civil,
        stage: S::NonContentious,
        procedures: &[Special, None],
    },
    CaseType { code: "民辖", name: "民事管辖", category: C::Civil, stage: S::Other, procedures: &[None] },
    CaseType {
        code: "民辖终",
        name: "民事管辖上诉",
        category: C::Civil,
        stage: S::SecondInstance,
        procedures: &[AppealRuling],
    },
    CaseType { code: "民他", name: "民事其他", category: C::Civil, stage: S::Other, procedures: &[None] },
    // 诉前调解
    CaseType {
        code: "民诉前调", name: "诉前调解", category: C::Mediation, stage: S::Mediation, procedures: &[None]
    },
    CaseType {
        code: "诉前调确",
        name: "诉前调解司法确认",
        category: C::Mediation,
        stage: S::Mediation,
        procedures: &[Special, None],
    },
    CaseType {
        code: "诉前调书",
        name: "诉前调解出具调解书",
        category: C::Mediation,
        stage: S::Mediation,
        procedures: &[None],
    },
    // 行政
    CaseType {
        code: "行初",
        name: "行政一审",
        category: C::Administrative,
        stage: S::FirstInstance,
        procedures: &[Ordinary, Simple],
    },
    CaseType {
        code: "行终",
        name: "行政二审",
        category: C::Administrative,
        stage: S::SecondInstance,
        procedures: &[AppealJudgment, AppealRuling],
    },
    CaseType {
        code: "行申",
        name: "行政申请再审审查",
        category: C::Administrative,
        stage: S::RetrialReview,
        procedures: &[Retrial, None],
    },
    CaseType {
        code: "行监",
        name: "行政审判监督",
        category: C::Administrative,
        stage: S::RetrialReview,
        procedures: &[Retrial, None],
    },
    CaseType {
        code: "行抗",
        name: "行政抗诉再审审查",
        category: C::Administrative,
        stage: S::RetrialReview,
        procedures: &[Retrial, None],
    },
    CaseType {
        code: "行再",
        name: "行政再审",
        category: C::Administrative,
        stage: S::Retrial,
        procedures: &[Retrial, Ordinary, AppealJudgment],
    },
    CaseType {
        code: "行审",
        name: "非诉行政行为申请执行审查",
        category: C::Administrative,
        stage: S::NonContentious,
        procedures: &[NonLitigation],
    },
    CaseType {
        code: "行审复",
        name: "非诉行政行为申请执行审查复议",
        category: C::Administrative,
        stage: S::NonContentious,
        procedures: &[NonLitigation],
    },
    CaseType {
        code: "行辖", name: "行政管辖", category: C::Administrative, stage: S::Other, procedures: &[None]
    },
    CaseType {
        code: "行他", name: "行政其他", category: C::Administrative, stage: S::Other, procedures: &[None]
    },
    // 国家赔偿
    CaseType {
        code: "法赔",
        name: "法院作为赔偿义务机关自赔",
        category: C::StateCompensation,
        stage: S::FirstInstance,
        procedures: &[None],
    },
    CaseType {
        code: "委赔",
        name: "赔偿委员会审理赔偿",
        category: C::StateCompensation,
        stage: S::SecondInstance,
        procedures: &[None],
    },
    CaseType {
        code: "委赔监",
        name: "赔偿委员会审理赔偿监督",
        category: C::StateCompensation,
        stage: S::RetrialReview,
        procedures: &[None],
    },
    // 非诉保全审查
    CaseType {
        code: "财保",
        name: "财产保全审查",
        category: C::Preservation,
        stage: S::NonContentious,
        procedures: &[None],
    },
    CaseType {
        code: "行保",
        name: "行为保全审查",
        category: C::Preservation,
        stage: S::NonContentious,
        procedures: &[None],
    },
    CaseType {
        code: "证保",
        name: "证据保全审查",
        category: C::Preservation,
        stage: S::NonContentious,
        procedures: &[None],
    },
    // 执行
    CaseType {
        code: "执",
        name: "首次执行",
        category: C::Enforcement,
        stage: S::Enforcement,
        procedures: &[None, NonLitigation],
    },
    CaseType {
        code: "执恢",
        name: "恢复执行",
        category: C::Enforcement,
        stage: S::Enforcement,
        procedures: &[None, NonLitigation],
    },
    CaseType {
        code: "执保",
        name: "财产保全执行",
        category: C::Enforcement,
        stage: S::Enforcement,
        procedures: &[None],
    },
    CaseType {
        code: "执异",
        name: "执行异议",
        category: C::Enforcement,
        stage: S::EnforcementReview,
        procedures: &[None],
    },
    CaseType {
        code: "执复",
        name: "执行复议",
        category: C::Enforcement,
        stage: S::EnforcementReview,
        procedures: &[None],
    },
    CaseType {
        code: "执监",
        name: "执行监督",
        category: C::Enforcement,
        stage: S::EnforcementReview,
        procedures: &[None],
    },
    CaseType { code: "执协", name: "执行协调", category: C::Enforcement, stage: S::Other, procedures: &[None] },
    CaseType { code: "执他", name: "执行其他", category: C::Enforcement, stage: S::Other, procedures: &[None] },
    // 破产、强制清算
    CaseType {
        code: "破申",
        name: "破产申请审查",
        category: C::Bankruptcy,
        stage: S::NonContentious,
        procedures: &[None],
    },
    CaseType { code: "破", name: "破产", category: C::Bankruptcy, stage: S::NonContentious, procedures: &[None] },
    CaseType {
        code: "破终",
        name: "破产上诉",
        category: C::Bankruptcy,
        stage: S::SecondInstance,
        procedures: &[AppealRuling],
    },
    CaseType {
        code: "破监", name: "破产监督", category: C::Bankruptcy, stage: S::RetrialReview, procedures: &[None]
    },
    CaseType {
        code: "强清申",
        name: "强制清算申请审查",
        category: C::Bankruptcy,
        stage: S::NonContentious,
        procedures: &[None],
    },
    CaseType {
        code: "强清", name: "强制清算", category: C::Bankruptcy, stage: S::NonContentious, procedures: &[None]
    },
    // 其他
    CaseType { code: "司惩", name: "司法制裁审查", category: C::Other, stage: S::Other, procedures: &[None] },
    CaseType {
        code: "司惩复", name: "司法制裁复议", category: C::Other, stage: S::Other, procedures: &[None]
    },
    CaseType { code: "司救", name: "司法救助", category: C::Other, stage: S::Other, procedures: &[None] },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_code_named_in_the_glossary_and_interchange_is_in_the_table() {
        for code in [
            "民初",
            "民终",
            "民申",
            "民再",
            "民特",
            "刑初",
            "刑终",
            "行初",
            "行终",
            "执",
            "执恢",
            "执异",
            "执保",
            "破",
            "民诉前调",
            "诉前调确",
            "诉前调书",
            "财保",
            "行保",
            "证保",
        ] {
            assert!(CaseType::lookup(code).is_some(), "{code} missing");
        }
    }

    #[test]
    fn type_codes_are_unique_and_each_allows_at_least_one_procedure() {
        let mut seen = std::collections::HashSet::new();
        for t in TYPES {
            assert!(seen.insert(t.code), "{} twice", t.code);
            assert!(!t.procedures.is_empty(), "{}", t.code);
            assert!(!t.code.chars().any(|c| c.is_ascii_digit()), "{}", t.code);
        }
    }
}
