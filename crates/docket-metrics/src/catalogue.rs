//! The indicator catalogue of `INDICATORS.md`: ids, names, scopes and formulas over the engine's
//! accumulated fields, and the settings a court may change.

/// Accumulated fields. `N_*` count cases filed in the period, `C_*` cases closed in it, `U_*`
/// cases pending at its last day, `O` cases pending at its first; `EV_*` dated events in it.
pub(crate) mod f {
    pub const N: usize = 0;
    pub const N_ONLINE: usize = 1;
    pub const N_RECEIVED: usize = 2;
    pub const N_RECEIVED_IN_TIME: usize = 3;
    pub const C: usize = 4;
    pub const C_DAYS: usize = 5;
    pub const C_NET_DAYS: usize = 6;
    pub const C_WITH_LIMIT: usize = 7;
    pub const C_WITHIN_LIMIT: usize = 8;
    pub const C_EXTENDED: usize = 9;
    pub const C_LEADER: usize = 10;
    pub const C_MEDIATION: usize = 11;
    pub const C_MEDIATION_WITHDRAWAL: usize = 12;
    pub const C_APPEALED: usize = 13;
    pub const C_REVERSED_REMANDED: usize = 14;
    pub const C_SECOND_REVISED: usize = 15;
    pub const C_ACCEPTED: usize = 16;
    pub const C_JUDGMENT_MEDIATION: usize = 17;
    pub const C_ENFORCEMENT_APPLIED: usize = 18;
    pub const C_APPLIED_FEN: usize = 19;
    pub const C_RECOVERED_FEN: usize = 20;
    pub const C_COMPLETED: usize = 21;
    pub const C_TERMINATED: usize = 22;
    pub const C_ACTUAL: usize = 23;
    pub const C_90: usize = 24;
    pub const C_180: usize = 25;
    pub const C_365: usize = 26;
    pub const C_HEARD: usize = 27;
    pub const C_HEARD_AS_SCHEDULED: usize = 28;
    pub const C_PREMEDIATION_AGREED: usize = 29;
    /// 终本 closings meeting the five conditions of 法〔2016〕373号第一条.
    pub const C_TERMINATED_COMPLIANT: usize = 30;
    pub const MATTERS: usize = 31;
    pub const MATTER_CASES: usize = 32;
    pub const EV_ESERVICE: usize = 33;
    pub const EV_ESERVICE_DELIVERED: usize = 34;
    pub const EV_RECOVERED_FEN: usize = 35;
    pub const EV_HEARINGS_ONLINE: usize = 36;
    pub const EV_HEARINGS_STREAMED: usize = 37;
    /// 执前督促 / 自动履行催告 sent.
    pub const EV_URGED: usize = 38;
    /// 自动履行 paid, in fen.
    pub const EV_PERFORMED_FEN: usize = 39;
    /// Persons detained (拘留人次).
    pub const EV_DETAINED: usize = 40;
    pub const EV_REFERRALS: usize = 41;
    pub const EV_BLACKLISTS: usize = 42;
    /// 民诉前调 cases filed (诉前分流).
    pub const N_PREMEDIATION: usize = 43;
    /// 司法确认 decided, and of them confirmed.
    pub const EV_CONFIRMATIONS: usize = 44;
    pub const EV_CONFIRMED: usize = 45;
    /// 诉讼费 payments, and of them online.
    pub const EV_FEE_PAID: usize = 46;
    pub const EV_FEE_PAID_ONLINE: usize = 47;
    /// 退费, and of them within 15 days of the document taking effect.
    pub const EV_REFUNDS: usize = 48;
    pub const EV_REFUNDS_TIMELY: usize = 49;
    /// 审判委员会 discussions.
    pub const EV_COMMITTEE: usize = 50;
    /// Closings of cases marked as 四类案件 at closing, and of them with an approved 阅核 by then.
    pub const EV_FLAGGED_CLOSED: usize = 51;
    pub const EV_FLAGGED_READ: usize = 52;
    /// Documents issued and not withheld (应上网), by their date of effect, and of them published.
    pub const EV_DOCS_DUE: usize = 53;
    pub const EV_DOCS_ONLINE: usize = 54;
    /// Documents published, by the day, and of them within 7 working days of effect (§7).
    pub const EV_PUBLISHED: usize = 55;
    pub const EV_PUBLISHED_TIMELY: usize = 56;
    /// Fields added per period directly; the range fields follow.
    pub const POINT: usize = 57;
    pub const U: usize = 57;
    pub const U_OVERDUE: usize = 58;
    pub const U_LONG_12M: usize = 59;
    pub const U_LONG_18M: usize = 60;
    pub const U_LONG_36M: usize = 61;
    /// Pending-age buckets 0–3, 3–6, 6–12, 12–18, 18–36, >36 months (suspended cases excluded).
    pub const U_AGE: usize = 62;
    /// 旧存: pending at the first day of the period.
    pub const O: usize = 68;
    pub const ALL: usize = 69;
    /// Range fields: contributions over a run of periods (difference arrays).
    pub const RANGE: usize = ALL - POINT;
    /// 受理 = O + N, computed when read.
    pub const A: usize = 1000;
}

/// How an indicator's value is presented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A number of cases; 同比 in percent.
    Count,
    /// A fraction with numerator and denominator; 同比 in percentage points.
    Rate,
    /// An amount in fen; 同比 in percent.
    Amount,
    /// Days (a mean or median); 同比 in percent.
    Days,
    /// A ratio shown as `1:x.xx` (案-件比) or a per-judge figure; 同比 in percent.
    Ratio,
}

/// How the value is computed from accumulated fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Formula {
    Total(usize),
    /// numerator / denominator
    Fraction(usize, usize),
    /// sum / count
    Mean(usize, usize),
    /// The median of `closed_on − filed_on` over C.
    MedianDuration,
    /// `1 − stdev/mean` of monthly closings over the months of the period (≥ 3 months).
    ClosureBalance,
    /// C / quota judges who closed a case in the period.
    PerQuotaJudge,
    /// The distinct cases with a dated event of a kind in the period (电子送达件数, 主动履行件数):
    /// distinct cases do not add up over months, so they are counted by a scan of the events,
    /// not a field.
    DistinctCases(Dated),
    /// Counted over the 审管办's records (campaigns, ledgers, suggestions, petitions), not the
    /// case fields.
    Record(RecordMeasure),
}

/// The dated events a distinct-case count reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dated {
    /// Electronic service attempts.
    Eservice,
    /// Voluntary performance (自动履行).
    Performed,
    /// 四类案件 marks.
    Flagged,
}

/// What a record indicator counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordMeasure {
    /// 清积率: listed cases cleared / listed.
    CampaignClearance,
    /// 整改完成率: items due in P closed by their deadline / items due in P.
    Rectification,
    /// 司法建议反馈率: suggestions issued in P answered by its end / issued in P.
    SuggestionReply,
    /// 涉诉信访件数: petitions received in P.
    PetitionsReceived,
    /// 信访按期办结率: petitions first closed in P within 60 days / first closed in P.
    PetitionTimely,
    /// 评查合格率: reviews dated in P graded excellent or pass / reviews dated in P.
    ReviewPass,
    /// 评查优秀率: graded excellent / reviews dated in P.
    ReviewExcellent,
}

/// One indicator of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Indicator {
    pub id: &'static str,
    pub name: &'static str,
    pub kind: Kind,
    /// The default scope (a key of [`SCOPES`]).
    pub scope: &'static str,
    pub formula: Formula,
}

impl Indicator {
    /// Whether the numerator and denominator of a fraction are sums of money in fen (执行到位率),
    /// to be shown as amounts rather than raw counts.
    pub fn fraction_in_fen(&self) -> bool {
        matches!(self.formula, Formula::Fraction(n, d)
            if [f::C_APPLIED_FEN, f::C_RECOVERED_FEN, f::EV_RECOVERED_FEN].contains(&n)
                && [f::C_APPLIED_FEN, f::C_RECOVERED_FEN, f::EV_RECOVERED_FEN].contains(&d))
    }
}

const fn ind(id: IndicatorId, name: &'static str, kind: Kind, scope: &'static str, formula: Formula) -> Indicator {
    Indicator { id: id.as_str(), name, kind, scope, formula }
}

/// An indicator's id as a constant of [`ids`]: code that names an indicator by constant fails to
/// compile on a typo, where a string would find nothing and print 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IndicatorId(&'static str);

impl IndicatorId {
    pub const fn as_str(self) -> &'static str {
        self.0
    }
}

impl std::fmt::Display for IndicatorId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

/// Every indicator id of the catalogue (the catalogue is built from these, so each has one).
pub mod ids {
    use super::IndicatorId;

    pub const FILED: IndicatorId = IndicatorId("filed");
    pub const CARRIED_OVER: IndicatorId = IndicatorId("carried_over");
    pub const ACCEPTED: IndicatorId = IndicatorId("accepted");
    pub const CLOSED: IndicatorId = IndicatorId("closed");
    pub const PENDING: IndicatorId = IndicatorId("pending");
    pub const CLOSURE_RATE: IndicatorId = IndicatorId("closure_rate");
    pub const CLEARANCE_RATIO: IndicatorId = IndicatorId("clearance_ratio");
    pub const CLOSED_PER_JUDGE: IndicatorId = IndicatorId("closed_per_judge");
    pub const LEADER_CASE_SHARE: IndicatorId = IndicatorId("leader_case_share");
    pub const CLOSURE_BALANCE: IndicatorId = IndicatorId("closure_balance");
    pub const AVG_DURATION_DAYS: IndicatorId = IndicatorId("avg_duration_days");
    pub const AVG_NET_DURATION_DAYS: IndicatorId = IndicatorId("avg_net_duration_days");
    pub const MEDIAN_DURATION_DAYS: IndicatorId = IndicatorId("median_duration_days");
    pub const WITHIN_LIMIT_RATE: IndicatorId = IndicatorId("within_limit_rate");
    pub const EXTENSION_RATE: IndicatorId = IndicatorId("extension_rate");
    pub const OVERDUE_PENDING: IndicatorId = IndicatorId("overdue_pending");
    pub const LONG_PENDING_12M: IndicatorId = IndicatorId("long_pending_12m");
    pub const LONG_PENDING_18M: IndicatorId = IndicatorId("long_pending_18m");
    pub const LONG_PENDING_36M: IndicatorId = IndicatorId("long_pending_36m");
    pub const LONG_PENDING_12M_RATIO: IndicatorId = IndicatorId("long_pending_12m_ratio");
    pub const TIME_TO_DISPOSITION_90: IndicatorId = IndicatorId("time_to_disposition_90");
    pub const TIME_TO_DISPOSITION_180: IndicatorId = IndicatorId("time_to_disposition_180");
    pub const TIME_TO_DISPOSITION_365: IndicatorId = IndicatorId("time_to_disposition_365");
    pub const PENDING_AGE_0_3M: IndicatorId = IndicatorId("pending_age_0_3m");
    pub const PENDING_AGE_3_6M: IndicatorId = IndicatorId("pending_age_3_6m");
    pub const PENDING_AGE_6_12M: IndicatorId = IndicatorId("pending_age_6_12m");
    pub const PENDING_AGE_12_18M: IndicatorId = IndicatorId("pending_age_12_18m");
    pub const PENDING_AGE_18_36M: IndicatorId = IndicatorId("pending_age_18_36m");
    pub const PENDING_AGE_OVER_36M: IndicatorId = IndicatorId("pending_age_over_36m");
    pub const FILING_WITHIN_LIMIT_RATE: IndicatorId = IndicatorId("filing_within_limit_rate");
    pub const FIRST_SETTING_CERTAINTY: IndicatorId = IndicatorId("first_setting_certainty");
    pub const MEDIATION_RATE: IndicatorId = IndicatorId("mediation_rate");
    pub const MEDIATION_WITHDRAWAL_RATE: IndicatorId = IndicatorId("mediation_withdrawal_rate");
    pub const APPEAL_RATE: IndicatorId = IndicatorId("appeal_rate");
    pub const REVERSAL_REMAND_RATE: IndicatorId = IndicatorId("reversal_remand_rate");
    pub const SECOND_INSTANCE_REVERSAL_RATE: IndicatorId = IndicatorId("second_instance_reversal_rate");
    pub const ACCEPTANCE_RATE: IndicatorId = IndicatorId("acceptance_rate");
    pub const CASE_MATTER_RATIO: IndicatorId = IndicatorId("case_matter_ratio");
    pub const ENFORCEMENT_APPLICATION_RATE: IndicatorId = IndicatorId("enforcement_application_rate");
    pub const RECOVERY_RATE: IndicatorId = IndicatorId("recovery_rate");
    pub const RECOVERED_AMOUNT: IndicatorId = IndicatorId("recovered_amount");
    pub const COMPLETION_RATE: IndicatorId = IndicatorId("completion_rate");
    pub const TERMINATION_RATE: IndicatorId = IndicatorId("termination_rate");
    pub const TERMINATION_COMPLIANCE_RATE: IndicatorId = IndicatorId("termination_compliance_rate");
    pub const PRE_ENFORCEMENT_NOTICES: IndicatorId = IndicatorId("pre_enforcement_notices");
    pub const PRE_ENFORCEMENT_AMOUNT: IndicatorId = IndicatorId("pre_enforcement_amount");
    pub const PERFORMED_CASES: IndicatorId = IndicatorId("performed_cases");
    pub const DETENTIONS: IndicatorId = IndicatorId("detentions");
    pub const CRIMINAL_REFERRALS: IndicatorId = IndicatorId("criminal_referrals");
    pub const BLACKLISTED: IndicatorId = IndicatorId("blacklisted");
    pub const CONFIRMATIONS: IndicatorId = IndicatorId("confirmations");
    pub const CONFIRMATION_RATE: IndicatorId = IndicatorId("confirmation_rate");
    pub const MEDIATION_DIVERSION_RATE: IndicatorId = IndicatorId("mediation_diversion_rate");
    pub const ONLINE_FEE_PAYMENT_RATE: IndicatorId = IndicatorId("online_fee_payment_rate");
    pub const FEE_REFUND_TIMELY_RATE: IndicatorId = IndicatorId("fee_refund_timely_rate");
    pub const FOUR_CATEGORY_CASES: IndicatorId = IndicatorId("four_category_cases");
    pub const READING_RATE: IndicatorId = IndicatorId("reading_rate");
    pub const PUBLICATION_RATE: IndicatorId = IndicatorId("publication_rate");
    pub const PUBLICATION_TIMELY_RATE: IndicatorId = IndicatorId("publication_timely_rate");
    pub const COMMITTEE_DELIBERATIONS: IndicatorId = IndicatorId("committee_deliberations");
    pub const REVIEW_PASS_RATE: IndicatorId = IndicatorId("review_pass_rate");
    pub const REVIEW_EXCELLENT_RATE: IndicatorId = IndicatorId("review_excellent_rate");
    pub const ACTUAL_ENFORCEMENT_RATE: IndicatorId = IndicatorId("actual_enforcement_rate");
    pub const ONLINE_FILING_RATE: IndicatorId = IndicatorId("online_filing_rate");
    pub const ESERVICE_SUCCESS_RATE: IndicatorId = IndicatorId("eservice_success_rate");
    pub const PREMEDIATION_SUCCESS_RATE: IndicatorId = IndicatorId("premediation_success_rate");
    pub const ONLINE_HEARINGS: IndicatorId = IndicatorId("online_hearings");
    pub const STREAMED_HEARINGS: IndicatorId = IndicatorId("streamed_hearings");
    pub const ONLINE_FILINGS: IndicatorId = IndicatorId("online_filings");
    pub const ESERVICE_ATTEMPTS: IndicatorId = IndicatorId("eservice_attempts");
    pub const ESERVICE_CASES: IndicatorId = IndicatorId("eservice_cases");
    pub const PREMEDIATION_SUCCESSES: IndicatorId = IndicatorId("premediation_successes");
    pub const CLAIM_TOTAL: IndicatorId = IndicatorId("claim_total");
    pub const CAMPAIGN_CLEARANCE_RATE: IndicatorId = IndicatorId("campaign_clearance_rate");
    pub const RECTIFICATION_COMPLETION_RATE: IndicatorId = IndicatorId("rectification_completion_rate");
    pub const SUGGESTION_REPLY_RATE: IndicatorId = IndicatorId("suggestion_reply_rate");
    pub const PETITIONS_RECEIVED: IndicatorId = IndicatorId("petitions_received");
    pub const PETITION_TIMELY_RATE: IndicatorId = IndicatorId("petition_timely_rate");

    /// All of them, in catalogue order.
    pub const ALL: &[IndicatorId] = &[
        FILED,
        CARRIED_OVER,
        ACCEPTED,
        CLOSED,
        PENDING,
        CLOSURE_RATE,
        CLEARANCE_RATIO,
        CLOSED_PER_JUDGE,
        LEADER_CASE_SHARE,
        CLOSURE_BALANCE,
        AVG_DURATION_DAYS,
        AVG_NET_DURATION_DAYS,
        MEDIAN_DURATION_DAYS,
        WITHIN_LIMIT_RATE,
        EXTENSION_RATE,
        OVERDUE_PENDING,
        LONG_PENDING_12M,
        LONG_PENDING_18M,
        LONG_PENDING_36M,
        LONG_PENDING_12M_RATIO,
        TIME_TO_DISPOSITION_90,
        TIME_TO_DISPOSITION_180,
        TIME_TO_DISPOSITION_365,
        PENDING_AGE_0_3M,
        PENDING_AGE_3_6M,
        PENDING_AGE_6_12M,
        PENDING_AGE_12_18M,
        PENDING_AGE_18_36M,
        PENDING_AGE_OVER_36M,
        FILING_WITHIN_LIMIT_RATE,
        FIRST_SETTING_CERTAINTY,
        MEDIATION_RATE,
        MEDIATION_WITHDRAWAL_RATE,
        APPEAL_RATE,
        REVERSAL_REMAND_RATE,
        SECOND_INSTANCE_REVERSAL_RATE,
        ACCEPTANCE_RATE,
        CASE_MATTER_RATIO,
        ENFORCEMENT_APPLICATION_RATE,
        RECOVERY_RATE,
        RECOVERED_AMOUNT,
        COMPLETION_RATE,
        TERMINATION_RATE,
        TERMINATION_COMPLIANCE_RATE,
        PRE_ENFORCEMENT_NOTICES,
        PRE_ENFORCEMENT_AMOUNT,
        PERFORMED_CASES,
        DETENTIONS,
        CRIMINAL_REFERRALS,
        BLACKLISTED,
        CONFIRMATIONS,
        CONFIRMATION_RATE,
        MEDIATION_DIVERSION_RATE,
        ONLINE_FEE_PAYMENT_RATE,
        FEE_REFUND_TIMELY_RATE,
        ACTUAL_ENFORCEMENT_RATE,
        ONLINE_FILING_RATE,
        ESERVICE_SUCCESS_RATE,
        PREMEDIATION_SUCCESS_RATE,
        ONLINE_HEARINGS,
        STREAMED_HEARINGS,
        ONLINE_FILINGS,
        ESERVICE_ATTEMPTS,
        ESERVICE_CASES,
        PREMEDIATION_SUCCESSES,
        CLAIM_TOTAL,
        CAMPAIGN_CLEARANCE_RATE,
        RECTIFICATION_COMPLETION_RATE,
        SUGGESTION_REPLY_RATE,
        PETITIONS_RECEIVED,
        PETITION_TIMELY_RATE,
        FOUR_CATEGORY_CASES,
        READING_RATE,
        PUBLICATION_RATE,
        PUBLICATION_TIMELY_RATE,
        COMMITTEE_DELIBERATIONS,
        REVIEW_PASS_RATE,
        REVIEW_EXCELLENT_RATE,
    ];
}

use Formula::*;
use Kind::*;

/// Every indicator whose data Docket records.
pub static CATALOGUE: &[Indicator] = &[
    ind(ids::FILED, "新收案件数", Count, "trial_enforcement", Total(f::N)),
    ind(ids::CARRIED_OVER, "旧存案件数", Count, "trial_enforcement", Total(f::O)),
    ind(ids::ACCEPTED, "受理案件数", Count, "trial_enforcement", Total(f::A)),
    ind(ids::CLOSED, "结案数", Count, "trial_enforcement", Total(f::C)),
    ind(ids::PENDING, "未结案件数", Count, "trial_enforcement", Total(f::U)),
    ind(ids::CLOSURE_RATE, "结案率", Rate, "trial_enforcement", Fraction(f::C, f::A)),
    ind(ids::CLEARANCE_RATIO, "结收比", Rate, "trial_enforcement", Fraction(f::C, f::N)),
    ind(ids::CLOSED_PER_JUDGE, "人均结案数", Ratio, "trial_enforcement", PerQuotaJudge),
    ind(ids::LEADER_CASE_SHARE, "院庭长办案占比", Rate, "trial_enforcement", Fraction(f::C_LEADER, f::C)),
    ind(ids::CLOSURE_BALANCE, "结案均衡度", Ratio, "trial_enforcement", ClosureBalance),
    ind(ids::AVG_DURATION_DAYS, "平均审理天数", Days, "trial_enforcement", Mean(f::C_DAYS, f::C)),
    ind(ids::AVG_NET_DURATION_DAYS, "平均审理天数(扣除审限后)", Days, "trial_enforcement", Mean(f::C_NET_DAYS, f::C)),
    ind(ids::MEDIAN_DURATION_DAYS, "审理天数中位数", Days, "trial_enforcement", MedianDuration),
    ind(
        ids::WITHIN_LIMIT_RATE,
        "法定审限内结案率",
        Rate,
        "trial_enforcement",
        Fraction(f::C_WITHIN_LIMIT, f::C_WITH_LIMIT),
    ),
    ind(ids::EXTENSION_RATE, "延长审限率", Rate, "trial_enforcement", Fraction(f::C_EXTENDED, f::C)),
    ind(ids::OVERDUE_PENDING, "超审限未结案件数", Count, "trial_enforcement", Total(f::U_OVERDUE)),
    ind(ids::LONG_PENDING_12M, "超12个月未结案件数", Count, "trial_enforcement", Total(f::U_LONG_12M)),
    ind(ids::LONG_PENDING_18M, "超18个月未结案件数", Count, "trial_enforcement", Total(f::U_LONG_18M)),
    ind(ids::LONG_PENDING_36M, "超36个月未结案件数", Count, "trial_enforcement", Total(f::U_LONG_36M)),
    ind(ids::LONG_PENDING_12M_RATIO, "超12个月未结案件比", Rate, "trial_enforcement", Fraction(f::U_LONG_12M, f::U)),
    ind(ids::TIME_TO_DISPOSITION_90, "90日内审结率", Rate, "trial_enforcement", Fraction(f::C_90, f::C)),
    ind(ids::TIME_TO_DISPOSITION_180, "180日内审结率", Rate, "trial_enforcement", Fraction(f::C_180, f::C)),
    ind(ids::TIME_TO_DISPOSITION_365, "365日内审结率", Rate, "trial_enforcement", Fraction(f::C_365, f::C)),
    ind(ids::PENDING_AGE_0_3M, "未结账龄3个月以内", Count, "trial_enforcement", Total(f::U_AGE)),
    ind(ids::PENDING_AGE_3_6M, "未结账龄3至6个月", Count, "trial_enforcement", Total(f::U_AGE + 1)),
    ind(ids::PENDING_AGE_6_12M, "未结账龄6至12个月", Count, "trial_enforcement", Total(f::U_AGE + 2)),
    ind(ids::PENDING_AGE_12_18M, "未结账龄12至18个月", Count, "trial_enforcement", Total(f::U_AGE + 3)),
    ind(ids::PENDING_AGE_18_36M, "未结账龄18至36个月", Count, "trial_enforcement", Total(f::U_AGE + 4)),
    ind(ids::PENDING_AGE_OVER_36M, "未结账龄36个月以上", Count, "trial_enforcement", Total(f::U_AGE + 5)),
    ind(
        ids::FILING_WITHIN_LIMIT_RATE,
        "法定期限内立案率",
        Rate,
        "trial_enforcement",
        Fraction(f::N_RECEIVED_IN_TIME, f::N_RECEIVED),
    ),
    ind(
        ids::FIRST_SETTING_CERTAINTY,
        "首次排期开庭率",
        Rate,
        "trial_enforcement",
        Fraction(f::C_HEARD_AS_SCHEDULED, f::C_HEARD),
    ),
    ind(ids::MEDIATION_RATE, "调解率", Rate, "civil_first", Fraction(f::C_MEDIATION, f::C)),
    ind(ids::MEDIATION_WITHDRAWAL_RATE, "调撤率", Rate, "civil_first", Fraction(f::C_MEDIATION_WITHDRAWAL, f::C)),
    ind(ids::APPEAL_RATE, "上诉率", Rate, "first_instance", Fraction(f::C_APPEALED, f::C)),
    ind(
        ids::REVERSAL_REMAND_RATE,
        "一审被改判发回重审率",
        Rate,
        "first_instance",
        Fraction(f::C_REVERSED_REMANDED, f::C),
    ),
    ind(
        ids::SECOND_INSTANCE_REVERSAL_RATE,
        "二审改判发回重审率",
        Rate,
        "second_instance",
        Fraction(f::C_SECOND_REVISED, f::C),
    ),
    ind(ids::ACCEPTANCE_RATE, "服判息诉率", Rate, "first_instance", Fraction(f::C_ACCEPTED, f::C)),
    ind(ids::CASE_MATTER_RATIO, "案-件比", Ratio, "trial_enforcement", Fraction(f::MATTER_CASES, f::MATTERS)),
    ind(
        ids::ENFORCEMENT_APPLICATION_RATE,
        "民事裁判申请执行率",
        Rate,
        "civil_first",
        Fraction(f::C_ENFORCEMENT_APPLIED, f::C_JUDGMENT_MEDIATION),
    ),
    ind(ids::RECOVERY_RATE, "执行到位率", Rate, "enforcement_first", Fraction(f::C_RECOVERED_FEN, f::C_APPLIED_FEN)),
    ind(ids::RECOVERED_AMOUNT, "执行到位金额", Amount, "enforcement", Total(f::EV_RECOVERED_FEN)),
    ind(ids::COMPLETION_RATE, "执行完毕率", Rate, "enforcement_first", Fraction(f::C_COMPLETED, f::C)),
    ind(ids::TERMINATION_RATE, "首执案件终本率", Rate, "enforcement_first", Fraction(f::C_TERMINATED, f::C)),
    ind(
        ids::TERMINATION_COMPLIANCE_RATE,
        "终本合格率",
        Rate,
        "enforcement",
        Fraction(f::C_TERMINATED_COMPLIANT, f::C_TERMINATED),
    ),
    ind(ids::PRE_ENFORCEMENT_NOTICES, "执前督促/自动履行催告数", Count, "all", Total(f::EV_URGED)),
    ind(ids::PRE_ENFORCEMENT_AMOUNT, "督促到位金额", Amount, "all", Total(f::EV_PERFORMED_FEN)),
    ind(ids::PERFORMED_CASES, "主动履行件数", Count, "all", DistinctCases(Dated::Performed)),
    ind(ids::DETENTIONS, "拘留人次", Count, "all", Total(f::EV_DETAINED)),
    ind(ids::CRIMINAL_REFERRALS, "拒执罪移送数", Count, "all", Total(f::EV_REFERRALS)),
    ind(ids::BLACKLISTED, "纳入失信人次", Count, "all", Total(f::EV_BLACKLISTS)),
    ind(ids::CONFIRMATIONS, "司法确认数", Count, "all", Total(f::EV_CONFIRMATIONS)),
    ind(ids::CONFIRMATION_RATE, "司法确认率", Rate, "all", Fraction(f::EV_CONFIRMED, f::EV_CONFIRMATIONS)),
    ind(ids::MEDIATION_DIVERSION_RATE, "诉前分流率", Rate, "diversion", Fraction(f::N_PREMEDIATION, f::N)),
    ind(ids::ONLINE_FEE_PAYMENT_RATE, "网上交费率", Rate, "all", Fraction(f::EV_FEE_PAID_ONLINE, f::EV_FEE_PAID)),
    ind(ids::FEE_REFUND_TIMELY_RATE, "退费及时率", Rate, "all", Fraction(f::EV_REFUNDS_TIMELY, f::EV_REFUNDS)),
    ind(ids::ACTUAL_ENFORCEMENT_RATE, "实际执结率", Rate, "enforcement_first", Fraction(f::C_ACTUAL, f::C)),
    ind(ids::ONLINE_FILING_RATE, "网上立案率", Rate, "trial_enforcement", Fraction(f::N_ONLINE, f::N)),
    ind(ids::ESERVICE_SUCCESS_RATE, "电子送达成功率", Rate, "all", Fraction(f::EV_ESERVICE_DELIVERED, f::EV_ESERVICE)),
    ind(
        ids::PREMEDIATION_SUCCESS_RATE,
        "诉前调解成功率",
        Rate,
        "premediation",
        Fraction(f::C_PREMEDIATION_AGREED, f::C),
    ),
    ind(ids::ONLINE_HEARINGS, "网上开庭数", Count, "all", Total(f::EV_HEARINGS_ONLINE)),
    ind(ids::STREAMED_HEARINGS, "庭审直播数", Count, "all", Total(f::EV_HEARINGS_STREAMED)),
    // The counts the seeds quote that otherwise exist only inside a rate, each in its rate's scope.
    ind(ids::ONLINE_FILINGS, "网上立案数", Count, "trial_enforcement", Total(f::N_ONLINE)),
    ind(ids::ESERVICE_ATTEMPTS, "电子送达次数", Count, "all", Total(f::EV_ESERVICE)),
    ind(ids::ESERVICE_CASES, "电子送达件数", Count, "all", DistinctCases(Dated::Eservice)),
    ind(ids::PREMEDIATION_SUCCESSES, "诉前调解成功数", Count, "premediation", Total(f::C_PREMEDIATION_AGREED)),
    ind(ids::CLAIM_TOTAL, "涉案标的额", Amount, "trial_enforcement", Total(f::C_APPLIED_FEN)),
    // The 审管办's records: by the record's court (a listed case by its own), rolled up like cases.
    ind(ids::CAMPAIGN_CLEARANCE_RATE, "清积率", Rate, "all", Record(RecordMeasure::CampaignClearance)),
    ind(ids::RECTIFICATION_COMPLETION_RATE, "整改完成率", Rate, "all", Record(RecordMeasure::Rectification)),
    ind(ids::SUGGESTION_REPLY_RATE, "司法建议反馈率", Rate, "all", Record(RecordMeasure::SuggestionReply)),
    ind(ids::PETITIONS_RECEIVED, "涉诉信访件数", Count, "all", Record(RecordMeasure::PetitionsReceived)),
    ind(ids::PETITION_TIMELY_RATE, "信访按期办结率", Rate, "all", Record(RecordMeasure::PetitionTimely)),
    // 审判监督管理 (法发〔2021〕30号): marks, 阅核, the committee; 案件评查 by its records.
    ind(ids::FOUR_CATEGORY_CASES, "四类案件数", Count, "all", DistinctCases(Dated::Flagged)),
    ind(ids::READING_RATE, "阅核率", Rate, "all", Fraction(f::EV_FLAGGED_READ, f::EV_FLAGGED_CLOSED)),
    ind(ids::PUBLICATION_RATE, "裁判文书上网率", Rate, "all", Fraction(f::EV_DOCS_ONLINE, f::EV_DOCS_DUE)),
    ind(
        ids::PUBLICATION_TIMELY_RATE,
        "裁判文书及时上网率",
        Rate,
        "all",
        Fraction(f::EV_PUBLISHED_TIMELY, f::EV_PUBLISHED),
    ),
    ind(ids::COMMITTEE_DELIBERATIONS, "审委会讨论件数", Count, "all", Total(f::EV_COMMITTEE)),
    ind(ids::REVIEW_PASS_RATE, "评查合格率", Rate, "all", Record(RecordMeasure::ReviewPass)),
    ind(ids::REVIEW_EXCELLENT_RATE, "评查优秀率", Rate, "all", Record(RecordMeasure::ReviewExcellent)),
];

/// The named scopes of `INDICATORS.md` and what each contains by default.
pub static SCOPES: &[(&str, &str)] = &[
    ("trial_enforcement", "审执案件（不含诉前调解、执保、执恢及各类保全）"),
    ("first_instance", "一审（民初、刑初、行初）"),
    ("civil_first", "民事一审（民初）"),
    ("second_instance", "二审（民终、刑终、行终）"),
    ("enforcement_first", "首次执行（执）"),
    ("enforcement", "全部执行类案件"),
    ("premediation", "诉前调解（民诉前调）"),
    ("diversion", "诉前分流（民诉前调、民初）"),
    ("all", "全部案件"),
];

/// Type codes outside the default scope 审执.
pub(crate) const OUTSIDE_TRIAL_ENFORCEMENT: &[&str] =
    &["民诉前调", "诉前调确", "诉前调书", "执保", "执恢", "财保", "行保", "证保"];

pub fn lookup(id: &str) -> Option<&'static Indicator> {
    CATALOGUE.iter().find(|i| i.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_id_constants_are_exactly_the_catalogue_in_its_order() {
        let consts: Vec<&str> = ids::ALL.iter().map(|i| i.as_str()).collect();
        let catalogue: Vec<&str> = CATALOGUE.iter().map(|i| i.id).collect();
        assert_eq!(consts, catalogue);
    }
}
