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
    pub const MATTERS: usize = 30;
    pub const MATTER_CASES: usize = 31;
    pub const EV_ESERVICE: usize = 32;
    pub const EV_ESERVICE_DELIVERED: usize = 33;
    pub const EV_RECOVERED_FEN: usize = 34;
    /// Fields added per period directly; the range fields follow.
    pub const POINT: usize = 35;
    pub const U: usize = 35;
    pub const U_OVERDUE: usize = 36;
    pub const U_LONG_12M: usize = 37;
    pub const U_LONG_18M: usize = 38;
    pub const U_LONG_36M: usize = 39;
    /// Pending-age buckets 0–3, 3–6, 6–12, 12–18, 18–36, >36 months (suspended cases excluded).
    pub const U_AGE: usize = 40;
    /// 旧存: pending at the first day of the period.
    pub const O: usize = 46;
    pub const ALL: usize = 47;
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

const fn ind(id: &'static str, name: &'static str, kind: Kind, scope: &'static str, formula: Formula) -> Indicator {
    Indicator { id, name, kind, scope, formula }
}

use Formula::*;
use Kind::*;

/// Every indicator whose data Docket records (campaign and ledger indicators come with the
/// ledgers; 终本合格率 needs the five conditions of 法〔2016〕373号, not yet recorded).
pub static CATALOGUE: &[Indicator] = &[
    ind("filed", "新收案件数", Count, "trial_enforcement", Total(f::N)),
    ind("carried_over", "旧存案件数", Count, "trial_enforcement", Total(f::O)),
    ind("accepted", "受理案件数", Count, "trial_enforcement", Total(f::A)),
    ind("closed", "结案数", Count, "trial_enforcement", Total(f::C)),
    ind("pending", "未结案件数", Count, "trial_enforcement", Total(f::U)),
    ind("closure_rate", "结案率", Rate, "trial_enforcement", Fraction(f::C, f::A)),
    ind("clearance_ratio", "结收比", Rate, "trial_enforcement", Fraction(f::C, f::N)),
    ind("closed_per_judge", "人均结案数", Ratio, "trial_enforcement", PerQuotaJudge),
    ind("leader_case_share", "院庭长办案占比", Rate, "trial_enforcement", Fraction(f::C_LEADER, f::C)),
    ind("closure_balance", "结案均衡度", Ratio, "trial_enforcement", ClosureBalance),
    ind("avg_duration_days", "平均审理天数", Days, "trial_enforcement", Mean(f::C_DAYS, f::C)),
    ind("avg_net_duration_days", "平均审理天数(扣除审限后)", Days, "trial_enforcement", Mean(f::C_NET_DAYS, f::C)),
    ind("median_duration_days", "审理天数中位数", Days, "trial_enforcement", MedianDuration),
    ind(
        "within_limit_rate",
        "法定审限内结案率",
        Rate,
        "trial_enforcement",
        Fraction(f::C_WITHIN_LIMIT, f::C_WITH_LIMIT),
    ),
    ind("extension_rate", "延长审限率", Rate, "trial_enforcement", Fraction(f::C_EXTENDED, f::C)),
    ind("overdue_pending", "超审限未结案件数", Count, "trial_enforcement", Total(f::U_OVERDUE)),
    ind("long_pending_12m", "超12个月未结案件数", Count, "trial_enforcement", Total(f::U_LONG_12M)),
    ind("long_pending_18m", "超18个月未结案件数", Count, "trial_enforcement", Total(f::U_LONG_18M)),
    ind("long_pending_36m", "超36个月未结案件数", Count, "trial_enforcement", Total(f::U_LONG_36M)),
    ind("long_pending_12m_ratio", "超12个月未结案件比", Rate, "trial_enforcement", Fraction(f::U_LONG_12M, f::U)),
    ind("time_to_disposition_90", "90日内审结率", Rate, "trial_enforcement", Fraction(f::C_90, f::C)),
    ind("time_to_disposition_180", "180日内审结率", Rate, "trial_enforcement", Fraction(f::C_180, f::C)),
    ind("time_to_disposition_365", "365日内审结率", Rate, "trial_enforcement", Fraction(f::C_365, f::C)),
    ind("pending_age_0_3m", "未结账龄3个月以内", Count, "trial_enforcement", Total(f::U_AGE)),
    ind("pending_age_3_6m", "未结账龄3至6个月", Count, "trial_enforcement", Total(f::U_AGE + 1)),
    ind("pending_age_6_12m", "未结账龄6至12个月", Count, "trial_enforcement", Total(f::U_AGE + 2)),
    ind("pending_age_12_18m", "未结账龄12至18个月", Count, "trial_enforcement", Total(f::U_AGE + 3)),
    ind("pending_age_18_36m", "未结账龄18至36个月", Count, "trial_enforcement", Total(f::U_AGE + 4)),
    ind("pending_age_over_36m", "未结账龄36个月以上", Count, "trial_enforcement", Total(f::U_AGE + 5)),
    ind(
        "filing_within_limit_rate",
        "法定期限内立案率",
        Rate,
        "trial_enforcement",
        Fraction(f::N_RECEIVED_IN_TIME, f::N_RECEIVED),
    ),
    ind(
        "first_setting_certainty",
        "首次排期开庭率",
        Rate,
        "trial_enforcement",
        Fraction(f::C_HEARD_AS_SCHEDULED, f::C_HEARD),
    ),
    ind("mediation_rate", "调解率", Rate, "civil_first", Fraction(f::C_MEDIATION, f::C)),
    ind("mediation_withdrawal_rate", "调撤率", Rate, "civil_first", Fraction(f::C_MEDIATION_WITHDRAWAL, f::C)),
    ind("appeal_rate", "上诉率", Rate, "first_instance", Fraction(f::C_APPEALED, f::C)),
    ind("reversal_remand_rate", "一审被改判发回重审率", Rate, "first_instance", Fraction(f::C_REVERSED_REMANDED, f::C)),
    ind(
        "second_instance_reversal_rate",
        "二审改判发回重审率",
        Rate,
        "second_instance",
        Fraction(f::C_SECOND_REVISED, f::C),
    ),
    ind("acceptance_rate", "服判息诉率", Rate, "first_instance", Fraction(f::C_ACCEPTED, f::C)),
    ind("case_matter_ratio", "案-件比", Ratio, "trial_enforcement", Fraction(f::MATTER_CASES, f::MATTERS)),
    ind(
        "enforcement_application_rate",
        "民事裁判申请执行率",
        Rate,
        "civil_first",
        Fraction(f::C_ENFORCEMENT_APPLIED, f::C_JUDGMENT_MEDIATION),
    ),
    ind("recovery_rate", "执行到位率", Rate, "enforcement_first", Fraction(f::C_RECOVERED_FEN, f::C_APPLIED_FEN)),
    ind("recovered_amount", "执行到位金额", Amount, "enforcement", Total(f::EV_RECOVERED_FEN)),
    ind("completion_rate", "执行完毕率", Rate, "enforcement_first", Fraction(f::C_COMPLETED, f::C)),
    ind("termination_rate", "首执案件终本率", Rate, "enforcement_first", Fraction(f::C_TERMINATED, f::C)),
    ind("actual_enforcement_rate", "实际执结率", Rate, "enforcement_first", Fraction(f::C_ACTUAL, f::C)),
    ind("online_filing_rate", "网上立案率", Rate, "trial_enforcement", Fraction(f::N_ONLINE, f::N)),
    ind("eservice_success_rate", "电子送达成功率", Rate, "all", Fraction(f::EV_ESERVICE_DELIVERED, f::EV_ESERVICE)),
    ind("premediation_success_rate", "诉前调解成功率", Rate, "premediation", Fraction(f::C_PREMEDIATION_AGREED, f::C)),
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
    ("all", "全部案件"),
];

/// Type codes outside the default scope 审执.
pub(crate) const OUTSIDE_TRIAL_ENFORCEMENT: &[&str] =
    &["民诉前调", "诉前调确", "诉前调书", "执保", "执恢", "财保", "行保", "证保"];

pub fn lookup(id: &str) -> Option<&'static Indicator> {
    CATALOGUE.iter().find(|i| i.id == id)
}
