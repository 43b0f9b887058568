//! 执行 in depth: the measures taken on an enforcement case (执行措施), the urging and voluntary
//! performance recorded on a judgment case (执前督促, 自动履行), and the check of a 终本 closing
//! against the five conditions of 法〔2016〕373号《关于严格规范终结本次执行程序的规定（试行）》
//! 第一条, as INTERCHANGE.md derives them from the record.

use chrono::{Months, NaiveDate};

use crate::{Amount, CaseState, CloseMethod, EventKind};

/// 执行措施 (`enforcement_measure.measure`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Measure {
    /// 报告财产令 (财产调查规定第三条).
    PropertyReportOrder,
    /// 网络查控 (网络执行查控系统).
    OnlineQuery,
    /// 现场调查.
    OnsiteInvestigation,
    /// 查封.
    Seizure,
    /// 冻结.
    Freeze,
    /// 扣划.
    Deduction,
    /// 拍卖.
    Auction,
    /// 纳入失信被执行人名单.
    Blacklist,
    /// 失信名单删除.
    BlacklistRemoved,
    /// 限制消费令 (限制高消费规定第一条).
    ConsumptionRestriction,
    /// 解除限制消费.
    RestrictionLifted,
    /// 搜查.
    Search,
    /// 罚款.
    Fine,
    /// 司法拘留 (`persons`).
    Detention,
    /// 拒执罪移送.
    CriminalReferral,
}

impl Measure {
    pub const ALL: [Measure; 15] = [
        Self::PropertyReportOrder,
        Self::OnlineQuery,
        Self::OnsiteInvestigation,
        Self::Seizure,
        Self::Freeze,
        Self::Deduction,
        Self::Auction,
        Self::Blacklist,
        Self::BlacklistRemoved,
        Self::ConsumptionRestriction,
        Self::RestrictionLifted,
        Self::Search,
        Self::Fine,
        Self::Detention,
        Self::CriminalReferral,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::PropertyReportOrder => "property_report_order",
            Self::OnlineQuery => "online_query",
            Self::OnsiteInvestigation => "onsite_investigation",
            Self::Seizure => "seizure",
            Self::Freeze => "freeze",
            Self::Deduction => "deduction",
            Self::Auction => "auction",
            Self::Blacklist => "blacklist",
            Self::BlacklistRemoved => "blacklist_removed",
            Self::ConsumptionRestriction => "consumption_restriction",
            Self::RestrictionLifted => "restriction_lifted",
            Self::Search => "search",
            Self::Fine => "fine",
            Self::Detention => "detention",
            Self::CriminalReferral => "criminal_referral",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::PropertyReportOrder => "报告财产令",
            Self::OnlineQuery => "网络查控",
            Self::OnsiteInvestigation => "现场调查",
            Self::Seizure => "查封",
            Self::Freeze => "冻结",
            Self::Deduction => "扣划",
            Self::Auction => "拍卖",
            Self::Blacklist => "纳入失信名单",
            Self::BlacklistRemoved => "删除失信信息",
            Self::ConsumptionRestriction => "限制消费令",
            Self::RestrictionLifted => "解除限制消费",
            Self::Search => "搜查",
            Self::Fine => "罚款",
            Self::Detention => "司法拘留",
            Self::CriminalReferral => "拒执罪移送",
        }
    }

    /// A measure that takes property and may carry its value (`amount`).
    pub fn takes_property(self) -> bool {
        matches!(self, Self::Seizure | Self::Freeze | Self::Deduction | Self::Auction)
    }

    /// A compulsory measure answering an obstruction (第一条第五项: 罚款、拘留、追究刑事责任).
    pub fn answers_obstruction(self) -> bool {
        matches!(self, Self::Fine | Self::Detention | Self::CriminalReferral)
    }

    /// A measure that may still be taken on a case closed by 终本: the periodic online re-query
    /// (法〔2016〕373号第九条: 终本后五年内每六个月查询一次) and lifting what no longer applies.
    pub fn after_termination(self) -> bool {
        matches!(self, Self::OnlineQuery | Self::BlacklistRemoved | Self::RestrictionLifted)
    }
}

/// 自动履行催告 / 执前督促 (`performance_urged.notice`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Notice {
    /// 自动履行催告书, sent with or after the judgment.
    AutomaticPerformance,
    /// 执前督促自动履行通知书, before an application for enforcement.
    PreEnforcement,
}

impl Notice {
    pub const ALL: [Notice; 2] = [Self::AutomaticPerformance, Self::PreEnforcement];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::AutomaticPerformance => "automatic_performance",
            Self::PreEnforcement => "pre_enforcement",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::AutomaticPerformance => "自动履行催告书",
            Self::PreEnforcement => "执前督促通知书",
        }
    }
}

/// One of the five conditions of a lawful 终本 (法〔2016〕373号第一条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Condition {
    /// (一) 已责令被执行人报告财产: a `property_report_order` before the closing.
    PropertyReportOrder,
    /// (二) 已发出限制消费令: a `consumption_restriction` before the closing.
    ConsumptionRestriction,
    /// (三) 已穷尽财产调查措施: an `online_query` before the closing.
    OnlineQuery,
    /// (四) 自立案之日起已超过三个月.
    ThreeMonths,
    /// (五) 妨害执行的，已依法采取罚款、拘留等强制措施或追究刑事责任: after every `obstruction`, a
    /// `fine`, `detention` or `criminal_referral`.
    ObstructionAnswered,
}

impl Condition {
    pub const ALL: [Condition; 5] = [
        Self::PropertyReportOrder,
        Self::ConsumptionRestriction,
        Self::OnlineQuery,
        Self::ThreeMonths,
        Self::ObstructionAnswered,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::PropertyReportOrder => "property_report_order",
            Self::ConsumptionRestriction => "consumption_restriction",
            Self::OnlineQuery => "online_query",
            Self::ThreeMonths => "three_months",
            Self::ObstructionAnswered => "obstruction_answered",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }

    /// What is missing when the condition is not met, naming the article.
    pub fn missing(self) -> &'static str {
        match self {
            Self::PropertyReportOrder => "未责令被执行人报告财产（法〔2016〕373号第一条第一项）",
            Self::ConsumptionRestriction => "未发出限制消费令（第一条第二项）",
            Self::OnlineQuery => "未经网络执行查控（第一条第三项）",
            Self::ThreeMonths => "自立案之日起未满三个月（第一条第四项）",
            Self::ObstructionAnswered => "妨害执行未依法采取罚款、拘留等强制措施（第一条第五项）",
        }
    }
}

/// The check of a case's 终本 closing: the conditions its record does not show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TerminationCheck {
    pub closed_on: NaiveDate,
    pub missing: Vec<Condition>,
}

impl TerminationCheck {
    /// 终本合格: every condition met.
    pub fn compliant(&self) -> bool {
        self.missing.is_empty()
    }

    /// The check of the case's current closing when it is a 终本, from the events before it.
    pub fn of(state: &CaseState) -> Option<Self> {
        if state.close_method != Some(CloseMethod::EnforcementTerminated) {
            return None;
        }
        let closed_on = state.closed_on?;
        // The events before the last closing (a reopened case is judged on its last closing,
        // with everything recorded before it).
        let at = state.events.iter().rposition(|e| matches!(e.kind, EventKind::Closed { .. }))?;
        let before = &state.events[..at];
        let took = |m: Measure| {
            before.iter().any(|e| matches!(&e.kind, EventKind::EnforcementMeasure { measure, .. } if *measure == m))
        };
        let mut missing = Vec::new();
        if !took(Measure::PropertyReportOrder) {
            missing.push(Condition::PropertyReportOrder);
        }
        if !took(Measure::ConsumptionRestriction) {
            missing.push(Condition::ConsumptionRestriction);
        }
        if !took(Measure::OnlineQuery) {
            missing.push(Condition::OnlineQuery);
        }
        let three_months = state.record.filed_on.checked_add_months(Months::new(3)).unwrap_or(state.record.filed_on);
        if closed_on <= three_months {
            missing.push(Condition::ThreeMonths);
        }
        // Every obstruction answered by a compulsory measure recorded after it.
        let unanswered = before.iter().enumerate().any(|(i, e)| {
            matches!(e.kind, EventKind::Obstruction { .. })
                && !before[i + 1..].iter().any(
                    |x| matches!(&x.kind, EventKind::EnforcementMeasure { measure, .. } if measure.answers_obstruction()),
                )
        });
        if unanswered {
            missing.push(Condition::ObstructionAnswered);
        }
        Some(Self { closed_on, missing })
    }
}

/// 超标的查封: a measure taking property whose stated value exceeds what is still owed (the
/// amount applied for less what was recovered before it). A warning, not a refusal: the value
/// of a seized thing is an estimate, and an indivisible thing may be seized whole.
/// Whether a case closed by 终本 on `closed_on` is still in the 终本案件库 on `on`: for five years
/// after the closing the court queries its property every six months (法〔2016〕373号第九条).
pub fn in_library(closed_on: chrono::NaiveDate, on: chrono::NaiveDate) -> bool {
    closed_on <= on && (on - closed_on).num_days() <= LIBRARY_DAYS
}

/// The 终本案件库's five years, in days.
pub const LIBRARY_DAYS: i64 = 5 * 365;

pub fn over_seizure(state: &CaseState, value: Amount) -> Option<Amount> {
    let applied = state.record.claim_amount?;
    let owed = Amount::from_fen(applied.fen().saturating_sub(state.recovered.fen())).unwrap_or(Amount::ZERO);
    (value.fen() > owed.fen()).then_some(owed)
}
