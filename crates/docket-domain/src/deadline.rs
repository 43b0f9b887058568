//! 审限: the statutory time limit of a case, computed from its filing and its events by the rules
//! of `DEADLINES.md`, with the steps that produced it in Chinese.
//!
//! 1. The limit counts from the day after 立案 (审限规定 2000 §8; 民诉解释 §125).
//! 2. Months end on the corresponding day, clamped to the month's end (民法典 §202).
//! 3. Days count from the filing date.
//! 4. A deducted period (扣除审限) moves the deadline by `resumed_on − suspended_on` days when it
//!    ends; while it is open the case has no deadline.
//! 5. An approved extension is added to the deadline as it stands when approved.
//! 6. Civil and administrative conversions run the new limit from the original filing date, keep
//!    the ended deductions and drop earlier extensions (民诉解释 §258); criminal conversions run it
//!    from the day after the decision (审限规定 2000 §8).
//! 7. A last day on a rest day moves to the next working day (民诉法 §85) — applied last, by
//!    [`DeadlineBase::adjust`], to the final date only.
//! 8. Types without a statutory limit have no deadline.

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::calendar::HolidayCalendar;
use crate::case::CaseRecord;
use crate::case_type::Category;
use crate::event::{Approver, Event, EventKind, Period};
use crate::procedure::Procedure;

/// An extension a limit allows: its length (`None` where the law leaves it open) and who approves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExtensionRule {
    pub length: Option<Period>,
    pub approver: Approver,
}

/// A longer limit where the possible sentence exceeds a threshold: `months` then `days`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LongerLimit {
    /// Applies when `possible_sentence_months` is over this.
    pub sentence_over_months: u32,
    pub months: u32,
    pub days: u32,
    pub label: &'static str,
}

/// One row of the default-limits table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LimitRule {
    pub type_code: &'static str,
    /// The procedures the row applies to.
    pub procedures: &'static [Procedure],
    pub limit: Period,
    /// The longer limit for graver charges (刑初 简易 and 速裁).
    pub longer: Option<LongerLimit>,
    pub extensions: &'static [ExtensionRule],
    /// The article the limit comes from.
    pub source: &'static str,
}

impl LimitRule {
    /// The last day of this limit counted from `from` for `record`, and how it was counted.
    pub fn end(&self, from: NaiveDate, record: &CaseRecord) -> (NaiveDate, String) {
        match self.longer {
            Some(l) if record.possible_sentence_months.is_some_and(|m| m > l.sentence_over_months) => {
                (add_period(add_period(from, Period::Months(l.months)), Period::Days(l.days)), l.label.to_owned())
            }
            _ => (add_period(from, self.limit), self.limit.label()),
        }
    }
}

const fn ext(length: Option<Period>, approver: Approver) -> ExtensionRule {
    ExtensionRule { length, approver }
}

use Approver::{HigherCourt, President};
use Period::{Days as D, Months as M};
use Procedure as P;

/// The default limits (`DEADLINES.md`, "Default limits").
pub static LIMITS: &[LimitRule] = &[
    LimitRule {
        type_code: "民初",
        procedures: &[P::Ordinary],
        limit: M(6),
        longer: None,
        extensions: &[ext(Some(M(6)), President), ext(Some(M(3)), HigherCourt)],
        source: "民诉法 §152",
    },
    LimitRule {
        type_code: "民初",
        procedures: &[P::Simple],
        limit: M(3),
        longer: None,
        extensions: &[ext(Some(M(1)), President)],
        source: "民诉法 §164",
    },
    LimitRule {
        type_code: "民初",
        procedures: &[P::SmallClaims],
        limit: M(2),
        longer: None,
        extensions: &[ext(Some(M(1)), President)],
        source: "民诉法 §168",
    },
    LimitRule {
        type_code: "民终",
        procedures: &[P::AppealJudgment],
        limit: M(3),
        longer: None,
        extensions: &[ext(Some(M(3)), President)],
        source: "民诉法 §183",
    },
    LimitRule {
        type_code: "民终",
        procedures: &[P::AppealRuling],
        limit: D(30),
        longer: None,
        extensions: &[],
        source: "民诉法 §183",
    },
    LimitRule {
        type_code: "民特",
        procedures: &[P::Special],
        limit: D(30),
        longer: None,
        extensions: &[ext(Some(D(30)), President)],
        source: "民诉法 §187",
    },
    LimitRule {
        type_code: "民申",
        procedures: &[P::Retrial, P::None],
        limit: M(3),
        longer: None,
        extensions: &[ext(None, President)],
        source: "民诉法 §215",
    },
    LimitRule {
        type_code: "民诉前调",
        procedures: &[P::None],
        limit: D(30),
        longer: None,
        extensions: &[ext(None, President)],
        source: "诉前调解期限（经当事人同意可延长）",
    },
    LimitRule {
        type_code: "行初",
        procedures: &[P::Ordinary],
        limit: M(6),
        longer: None,
        extensions: &[ext(None, HigherCourt)],
        source: "行政诉讼法 §81",
    },
    LimitRule {
        type_code: "行初",
        procedures: &[P::Simple],
        limit: D(45),
        longer: None,
        extensions: &[],
        source: "行政诉讼法 §83",
    },
    LimitRule {
        type_code: "行终",
        procedures: &[P::AppealJudgment, P::AppealRuling],
        limit: M(3),
        longer: None,
        extensions: &[ext(None, HigherCourt)],
        source: "行政诉讼法 §88",
    },
    // 二个月以内宣判，至迟不得超过三个月；§158 情形等经上一级法院批准可再延长三个月。
    LimitRule {
        type_code: "刑初",
        procedures: &[P::Ordinary],
        limit: M(2),
        longer: None,
        extensions: &[ext(Some(M(1)), President), ext(Some(M(3)), HigherCourt)],
        source: "刑事诉讼法 §208",
    },
    // 二十日以内审结；对可能判处的有期徒刑超过三年的，可以延长至一个半月。
    LimitRule {
        type_code: "刑初",
        procedures: &[P::Simple],
        limit: D(20),
        longer: Some(LongerLimit {
            sentence_over_months: 36,
            months: 1,
            days: 15,
            label: "一个半月（可能判处有期徒刑超过三年）",
        }),
        extensions: &[],
        source: "刑事诉讼法 §220",
    },
    // 十日以内审结；对可能判处的有期徒刑超过一年的，可以延长至十五日。
    LimitRule {
        type_code: "刑初",
        procedures: &[P::FastTrack],
        limit: D(10),
        longer: Some(LongerLimit {
            sentence_over_months: 12,
            months: 0,
            days: 15,
            label: "15 天（可能判处有期徒刑超过一年）",
        }),
        extensions: &[],
        source: "刑事诉讼法 §225",
    },
    LimitRule {
        type_code: "刑终",
        procedures: &[P::AppealJudgment, P::AppealRuling],
        limit: M(2),
        longer: None,
        extensions: &[ext(Some(M(2)), HigherCourt)],
        source: "刑事诉讼法 §243",
    },
    LimitRule {
        type_code: "执",
        procedures: &[P::None],
        limit: M(6),
        longer: None,
        extensions: &[ext(Some(M(3)), President)],
        source: "审限规定（2000）§5",
    },
    LimitRule {
        type_code: "执",
        procedures: &[P::NonLitigation],
        limit: M(3),
        longer: None,
        extensions: &[ext(Some(M(3)), President)],
        source: "审限规定（2000）§5",
    },
];

/// The limit for a type code heard under a procedure, if the law sets one.
pub fn limit_for(type_code: &str, procedure: Procedure) -> Option<&'static LimitRule> {
    LIMITS.iter().find(|r| r.type_code == type_code && r.procedures.contains(&procedure))
}

/// Adds a period to a date: months by the corresponding day (clamped), days by count.
pub fn add_period(date: NaiveDate, period: Period) -> NaiveDate {
    match period {
        Period::Months(m) => date.checked_add_months(Months::new(m)).unwrap_or(date),
        Period::Days(d) => date.checked_add_days(Days::new(u64::from(d))).unwrap_or(date),
    }
}

fn md(d: NaiveDate) -> String {
    format!("{:02}-{:02}", d.month(), d.day())
}

/// The deadline before the holiday rule: rules 1–6 and 8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineBase {
    /// The limit that applies now, if any.
    pub rule: Option<&'static LimitRule>,
    /// The unadjusted last day; `None` when there is no limit or a deducted period is open.
    pub unadjusted: Option<NaiveDate>,
    /// The open deducted period's start, if any.
    pub suspended_since: Option<NaiveDate>,
    /// Days of deducted periods that have ended.
    pub deducted_days: u32,
    /// At least one extension approved (and not dropped by a conversion).
    pub extended: bool,
    /// The steps, in Chinese.
    pub steps: Vec<String>,
}

/// The deadline: the base with the holiday rule applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub base: DeadlineBase,
    /// The last day of the limit; `None` without a limit or while suspended.
    pub deadline_on: Option<NaiveDate>,
    pub steps: Vec<String>,
}

impl Deadline {
    /// `立案 2025-03-03；普通程序 6 个月 → 2025-09-03；鉴定 45 天 → 2025-10-18；10-18 为休息日 → 2025-10-20`
    pub fn explain(&self) -> String {
        self.steps.join("；")
    }
}

impl DeadlineBase {
    /// Computes the deadline of a case from its record and its events dated on or before
    /// `as_of` (all events when `None`). Events must be in the order they were applied.
    pub fn compute(record: &CaseRecord, events: &[Event], as_of: Option<NaiveDate>) -> Self {
        let filed = record.filed_on;
        let case_type = record.case_type();
        let mut steps = vec![format!("立案 {filed}")];
        let mut procedure = record.procedure;
        let mut rule = limit_for(case_type.code, procedure);
        let mut unadjusted = None;
        match rule {
            Some(r) => {
                let (d, how) = r.end(filed, record);
                unadjusted = Some(d);
                steps.push(format!("{} {how} → {d}", procedure.label()));
            }
            None => steps.push(format!("{}{}无法定审限", case_type.name, procedure.label())),
        }
        let mut open: Option<(NaiveDate, &'static str)> = None;
        let mut deducted: u32 = 0;
        let mut extended = false;

        for e in events.iter().take_while(|e| as_of.is_none_or(|d| e.on <= d)) {
            match &e.kind {
                EventKind::Suspended { reason } if open.is_none() => {
                    open = Some((e.on, reason.label()));
                }
                EventKind::Resumed | EventKind::Closed { .. } => {
                    if let Some((since, label)) = open.take() {
                        let days = u32::try_from((e.on - since).num_days().max(0)).unwrap_or(0);
                        deducted = deducted.saturating_add(days);
                        unadjusted = unadjusted.map(|d| add_period(d, Period::Days(days)));
                        match unadjusted {
                            Some(d) => steps.push(format!("{label} {days} 天 → {d}")),
                            None => steps.push(format!("{label} {days} 天")),
                        }
                    }
                    if matches!(e.kind, EventKind::Closed { .. }) {
                        break;
                    }
                }
                EventKind::Extended { length, approver } => {
                    if let Some(d) = unadjusted {
                        let new = add_period(d, *length);
                        unadjusted = Some(new);
                        extended = true;
                        steps.push(format!("{}批准延长 {} → {new}", approver.label(), length.label()));
                    }
                }
                EventKind::ProcedureChanged { procedure: new } => {
                    procedure = *new;
                    rule = limit_for(case_type.code, procedure);
                    extended = false;
                    match rule {
                        None => {
                            unadjusted = None;
                            steps.push(format!("{} 转为{}，无法定审限", e.on, procedure.label()));
                        }
                        Some(r) if case_type.category == Category::Criminal => {
                            // 审限规定 2000 §8: the new limit runs from the day after the decision.
                            let d = add_period(e.on, r.limit);
                            unadjusted = Some(d);
                            steps.push(format!(
                                "{} 转为{}，自转换次日起 {} → {d}",
                                e.on,
                                procedure.label(),
                                r.limit.label()
                            ));
                        }
                        Some(r) => {
                            // 民诉解释 §258: from the original filing date; ended deductions count.
                            let d = add_period(add_period(filed, r.limit), Period::Days(deducted));
                            unadjusted = Some(d);
                            let kept =
                                if deducted > 0 { format!("，含已扣除 {deducted} 天") } else { String::new() };
                            steps.push(format!(
                                "{} 转为{}，自立案日起 {}{kept} → {d}",
                                e.on,
                                procedure.label(),
                                r.limit.label()
                            ));
                        }
                    }
                }
                _ => {}
            }
        }
        let suspended_since = open.map(|(since, label)| {
            steps.push(format!("{since} 起{label}，审限暂停计算"));
            since
        });
        Self {
            rule,
            unadjusted: if suspended_since.is_some() { None } else { unadjusted },
            suspended_since,
            deducted_days: deducted,
            extended,
            steps,
        }
    }

    /// Applies the holiday rule (rule 7, 民诉法 §85) when `holiday_rule` is on.
    pub fn adjust(self, calendar: &HolidayCalendar, holiday_rule: bool) -> Deadline {
        let mut steps = self.steps.clone();
        let deadline_on = self.unadjusted.map(|d| {
            if holiday_rule && calendar.is_rest_day(d) {
                let next = calendar.next_working_day(d);
                steps.push(format!("{} 为休息日（{}） → {next}", md(d), calendar.describe(d)));
                next
            } else {
                d
            }
        });
        Deadline { base: self, deadline_on, steps }
    }
}

/// Warning thresholds (settings with these defaults).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WarningSettings {
    /// Days before expiry from which a case is "due soon"; 15 is the window in which a civil
    /// extension must be requested (延长审限规定 2019 §1).
    pub due_soon_days: i64,
    /// Days a deducted period may stay open before it is flagged.
    pub long_suspension_days: i64,
}

impl Default for WarningSettings {
    fn default() -> Self {
        Self { due_soon_days: 15, long_suspension_days: 180 }
    }
}

/// Days before expiry by which a civil extension must be requested (2019 规定 §1).
pub const EXTENSION_REQUEST_DAYS: i64 = 15;

/// A 审限 warning for an open case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// 已超审限.
    Overdue { days: i64 },
    /// 即将到期.
    DueSoon { days_left: i64 },
    /// A civil extension, if needed, must be requested by `request_by` (within a week).
    ExtensionWindowOpen { request_by: NaiveDate, days_left: i64 },
    /// The date by which a civil extension had to be requested has passed with no request.
    ExtensionWindowMissed { request_by: NaiveDate },
    /// An extension was requested later than 15 days before expiry.
    ExtensionRequestedLate { requested_on: NaiveDate, due_by: NaiveDate },
    /// A deducted period has been open for long.
    LongSuspension { since: NaiveDate, days: i64 },
}

impl Warning {
    pub fn describe(&self) -> String {
        match self {
            Self::Overdue { days } => format!("已超审限 {days} 天"),
            Self::DueSoon { days_left: 0 } => "今日审限届满".to_owned(),
            Self::DueSoon { days_left } => format!("{days_left} 天后审限届满"),
            Self::ExtensionWindowOpen { request_by, days_left } => {
                format!("如需延长审限，应于 {request_by} 前提出申请（还有 {days_left} 天）")
            }
            Self::ExtensionWindowMissed { request_by } => {
                format!("延长审限申请期已于 {request_by} 届满，尚未申请")
            }
            Self::ExtensionRequestedLate { requested_on, due_by } => {
                format!("延长审限申请于 {requested_on} 提出，晚于应提出日 {due_by}")
            }
            Self::LongSuspension { since, days } => format!("自 {since} 起扣除审限已 {days} 天"),
        }
    }
}

/// The warnings of a case at `as_of`, most urgent first. Closed cases have none.
pub fn warnings(
    state: &crate::lifecycle::CaseState,
    calendar: &HolidayCalendar,
    holiday_rule: bool,
    as_of: NaiveDate,
    settings: WarningSettings,
) -> Vec<Warning> {
    let events: Vec<Event> = state.events.iter().filter(|e| e.on <= as_of).cloned().collect();
    if events.iter().any(|e| matches!(e.kind, EventKind::Closed { .. }))
        && !events
            .iter()
            .rev()
            .take_while(|e| !matches!(e.kind, EventKind::Closed { .. }))
            .any(|e| matches!(e.kind, EventKind::Reopened))
    {
        return Vec::new();
    }
    let dl = DeadlineBase::compute(&state.record, &events, Some(as_of)).adjust(calendar, holiday_rule);
    let civil = state.record.case_type().category == Category::Civil;
    let mut out = Vec::new();
    if let Some(since) = dl.base.suspended_since {
        let days = (as_of - since).num_days();
        if days > settings.long_suspension_days {
            out.push(Warning::LongSuspension { since, days });
        }
    }
    let pending = events.iter().rev().find_map(|e| match e.kind {
        EventKind::ExtensionRequested { .. } => Some(Some(e.on)),
        EventKind::Extended { .. } => Some(None),
        _ => None,
    });
    if let Some(deadline) = dl.deadline_on {
        let left = (deadline - as_of).num_days();
        if left < 0 {
            out.push(Warning::Overdue { days: -left });
        } else if left <= settings.due_soon_days {
            out.push(Warning::DueSoon { days_left: left });
        }
        // 2019 规定 §1: a civil request is due 15 days before expiry; warn a week ahead of that.
        let can_extend = dl.base.rule.is_some_and(|r| !r.extensions.is_empty());
        if civil && can_extend && left >= 0 && !matches!(pending, Some(Some(_))) {
            let request_by = deadline - Days::new(EXTENSION_REQUEST_DAYS as u64);
            let to_request = (request_by - as_of).num_days();
            if (0..=7).contains(&to_request) {
                out.push(Warning::ExtensionWindowOpen { request_by, days_left: to_request });
            } else if to_request < 0 {
                out.push(Warning::ExtensionWindowMissed { request_by });
            }
        }
    }
    // Each civil extension request must come 15 days before the deadline it would extend.
    if civil {
        for (i, e) in events.iter().enumerate() {
            if let EventKind::ExtensionRequested { .. } = e.kind {
                let before =
                    DeadlineBase::compute(&state.record, &events[..i], Some(e.on)).adjust(calendar, holiday_rule);
                if let Some(deadline) = before.deadline_on {
                    let due_by = deadline - Days::new(EXTENSION_REQUEST_DAYS as u64);
                    if e.on > due_by {
                        out.push(Warning::ExtensionRequestedLate { requested_on: e.on, due_by });
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case_number::CaseNumber;
    use crate::event::SuspensionReason;
    use crate::lifecycle::CaseState;
    use proptest::prelude::*;
    use rstest::rstest;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn case(type_code: &str, procedure: Procedure, filed: &str) -> CaseState {
        let filed_on = d(filed);
        let case_no = CaseNumber::parse(&format!("（{}）内0203{type_code}1号", filed_on.year())).unwrap();
        CaseState::filed(CaseRecord {
            court: case_no.court().clone(),
            case_no,
            procedure,
            cause: "案由".into(),
            received_on: None,
            filed_on,
            online: false,
            claim_amount: None,
            tags: vec![],
            origin: None,
            sealed: false,
            possible_sentence_months: None,
            parties: vec![],
        })
    }

    fn deadline(state: &CaseState) -> Deadline {
        DeadlineBase::compute(&state.record, &state.events, None).adjust(&HolidayCalendar::shipped(), true)
    }

    fn ev(s: &mut CaseState, on: &str, kind: EventKind) {
        s.apply(Event { on: d(on), kind }).unwrap();
    }

    /// Every row of the default-limits table, on a filing date whose deadline is a working day.
    #[rstest]
    #[case("民初", P::Ordinary, "2025-03-03", "2025-09-03")] // 民诉法 §152: 6 个月
    #[case("民初", P::Simple, "2025-03-03", "2025-06-03")] // 民诉法 §164: 3 个月
    #[case("民初", P::SmallClaims, "2025-01-27", "2025-03-27")] // 民诉法 §168: 2 个月
    #[case("民终", P::AppealJudgment, "2025-09-01", "2025-12-01")] // 民诉法 §183: 3 个月
    #[case("民终", P::AppealRuling, "2025-03-03", "2025-04-02")] // 民诉法 §183: 30 日
    #[case("民特", P::Special, "2025-03-03", "2025-04-02")] // 民诉法 §187: 30 日
    #[case("民申", P::Retrial, "2025-03-03", "2025-06-03")] // 民诉法 §215: 3 个月
    #[case("民诉前调", P::None, "2025-03-03", "2025-04-02")] // 诉前调解 30 日
    #[case("行初", P::Ordinary, "2025-03-03", "2025-09-03")] // 行政诉讼法 §81: 6 个月
    #[case("行初", P::Simple, "2025-03-03", "2025-04-17")] // 行政诉讼法 §83: 45 日
    #[case("行终", P::AppealJudgment, "2025-03-03", "2025-06-03")] // 行政诉讼法 §88: 3 个月
    #[case("刑初", P::Ordinary, "2025-03-03", "2025-05-06")] // 刑诉法 §208: 2 个月 (05-03 周六, 05-05 劳动节 → 05-06)
    #[case("刑初", P::Simple, "2025-03-03", "2025-03-24")] // 刑诉法 §220: 20 日 (03-23 周日 → 03-24)
    #[case("刑初", P::FastTrack, "2025-03-03", "2025-03-13")] // 刑诉法 §225: 10 日
    #[case("刑终", P::AppealJudgment, "2025-03-03", "2025-05-06")] // 刑诉法 §243: 2 个月
    #[case("执", P::None, "2025-03-03", "2025-09-03")] // 审限规定 §5: 6 个月
    #[case("执", P::NonLitigation, "2025-03-03", "2025-06-03")] // 审限规定 §5: 非诉执行 3 个月
    fn every_row_of_the_limits_table_gives_its_deadline(
        #[case] type_code: &str,
        #[case] procedure: Procedure,
        #[case] filed: &str,
        #[case] expected: &str,
    ) {
        assert_eq!(deadline(&case(type_code, procedure, filed)).deadline_on, Some(d(expected)));
    }

    #[rstest]
    #[case(P::Simple, Some(48), "2025-04-18")] // 刑诉法 §220: 超过三年的，一个半月
    #[case(P::Simple, Some(36), "2025-03-24")] // 三年以下：二十日 (03-23 周日 → 03-24)
    #[case(P::FastTrack, Some(24), "2025-03-18")] // 刑诉法 §225: 超过一年的，十五日
    #[case(P::FastTrack, Some(12), "2025-03-13")] // 一年以下：十日
    #[case(P::FastTrack, None, "2025-03-13")] // 未记录可能判处的刑期：按一般期限
    fn a_graver_possible_sentence_lengthens_the_simple_and_fast_track_limits(
        #[case] procedure: Procedure,
        #[case] sentence: Option<u32>,
        #[case] expected: &str,
    ) {
        let mut s = case("刑初", procedure, "2025-03-03");
        s.record.possible_sentence_months = sentence;
        assert_eq!(deadline(&s).deadline_on, Some(d(expected)));
    }

    #[test]
    fn every_row_of_the_limits_table_is_a_known_type_and_procedure() {
        for r in LIMITS {
            let t = crate::case_type::CaseType::lookup(r.type_code).unwrap();
            for p in r.procedures {
                assert!(t.allows(*p), "{} {:?}", r.type_code, p);
            }
        }
    }

    // DEADLINES.md worked examples.

    #[test]
    fn a_simple_civil_case_filed_on_march_3_is_due_june_3() {
        assert_eq!(deadline(&case("民初", P::Simple, "2025-03-03")).deadline_on, Some(d("2025-06-03")));
    }

    #[test]
    fn an_appraisal_of_45_days_moves_the_deadline_then_the_weekend_rule_applies() {
        // 民诉解释 §243 (鉴定期间不计入审限); 民诉法 §85 (期间届满日为休息日顺延).
        let mut s = case("民初", P::Ordinary, "2025-03-03");
        ev(&mut s, "2025-04-01", EventKind::Suspended { reason: SuspensionReason::Appraisal });
        ev(&mut s, "2025-05-16", EventKind::Resumed);
        let dl = deadline(&s);
        assert_eq!(dl.deadline_on, Some(d("2025-10-20")));
        assert_eq!(
            dl.explain(),
            "立案 2025-03-03；普通程序 6 个月 → 2025-09-03；鉴定 45 天 → 2025-10-18；10-18 为休息日（周六） → 2025-10-20"
        );
    }

    #[test]
    fn a_small_claims_case_filed_january_27_is_due_march_27() {
        assert_eq!(deadline(&case("民初", P::SmallClaims, "2025-01-27")).deadline_on, Some(d("2025-03-27")));
    }

    #[test]
    fn an_extension_is_added_to_the_unadjusted_deadline() {
        // 民诉法 §152: 经本院院长批准，可以延长六个月.
        let mut s = case("民初", P::Ordinary, "2024-08-01");
        ev(&mut s, "2025-01-05", EventKind::ExtensionRequested { length: M(6), approver: President });
        ev(&mut s, "2025-01-10", EventKind::Extended { length: M(6), approver: President });
        let dl = deadline(&s);
        assert_eq!(dl.deadline_on, Some(d("2025-08-01")));
        assert!(dl.base.extended);
    }

    #[test]
    fn an_appeal_of_a_judgment_filed_september_1_is_due_december_1() {
        assert_eq!(deadline(&case("民终", P::AppealJudgment, "2025-09-01")).deadline_on, Some(d("2025-12-01")));
    }

    #[test]
    fn a_deadline_on_national_day_moves_past_the_holiday() {
        let dl = deadline(&case("民初", P::Simple, "2025-07-01"));
        assert_eq!(dl.deadline_on, Some(d("2025-10-09")));
        assert!(dl.explain().ends_with("10-01 为休息日（国庆节、中秋节） → 2025-10-09"), "{}", dl.explain());
    }

    #[test]
    fn months_clamp_to_the_end_of_a_shorter_month() {
        // 民法典 §202.
        assert_eq!(add_period(d("2025-11-30"), M(3)), d("2026-02-28"));
        assert_eq!(add_period(d("2024-11-30"), M(3)), d("2025-02-28"));
        assert_eq!(add_period(d("2023-11-30"), M(3)), d("2024-02-29"));
    }

    #[test]
    fn a_case_with_an_open_deducted_period_has_no_deadline() {
        let mut s = case("民初", P::Ordinary, "2025-03-03");
        ev(&mut s, "2025-04-01", EventKind::Suspended { reason: SuspensionReason::Announcement });
        let dl = deadline(&s);
        assert_eq!(dl.deadline_on, None);
        assert_eq!(dl.base.suspended_since, Some(d("2025-04-01")));
        assert!(dl.explain().ends_with("2025-04-01 起公告，审限暂停计算"));
    }

    #[test]
    fn a_civil_conversion_runs_from_filing_keeps_deductions_and_drops_extensions() {
        // 民诉解释 §258.
        let mut s = case("民初", P::Simple, "2025-03-03");
        ev(&mut s, "2025-03-20", EventKind::Suspended { reason: SuspensionReason::Appraisal });
        ev(&mut s, "2025-03-30", EventKind::Resumed);
        ev(&mut s, "2025-05-20", EventKind::ExtensionRequested { length: M(1), approver: President });
        ev(&mut s, "2025-05-22", EventKind::Extended { length: M(1), approver: President });
        ev(&mut s, "2025-06-20", EventKind::ProcedureChanged { procedure: P::Ordinary });
        let dl = deadline(&s);
        // 2025-03-03 + 6 months = 09-03, + 10 deducted days = 09-13 (Saturday) → 09-15.
        assert_eq!(dl.base.unadjusted, Some(d("2025-09-13")));
        assert_eq!(dl.deadline_on, Some(d("2025-09-15")));
        assert!(!dl.base.extended);
    }

    #[test]
    fn a_criminal_conversion_runs_the_new_limit_from_the_decision() {
        // 审限规定 2000 §8.
        let mut s = case("刑初", P::Simple, "2025-03-03");
        ev(&mut s, "2025-03-12", EventKind::ProcedureChanged { procedure: P::Ordinary });
        assert_eq!(deadline(&s).base.unadjusted, Some(d("2025-05-12")));
    }

    #[test]
    fn a_type_without_a_limit_has_no_deadline_but_still_ages() {
        let s = case("破", P::None, "2025-03-03");
        let dl = deadline(&s);
        assert_eq!(dl.deadline_on, None);
        assert!(dl.explain().contains("无法定审限"));
        assert_eq!(s.duration_days(d("2025-04-03")), 31);
    }

    #[test]
    fn with_the_holiday_rule_off_the_deadline_may_fall_on_a_rest_day() {
        let s = case("民初", P::Simple, "2025-07-01");
        let dl = DeadlineBase::compute(&s.record, &s.events, None).adjust(&HolidayCalendar::shipped(), false);
        assert_eq!(dl.deadline_on, Some(d("2025-10-01")));
    }

    #[test]
    fn events_after_the_as_of_date_are_not_counted() {
        let mut s = case("民初", P::Ordinary, "2025-03-03");
        ev(&mut s, "2025-04-01", EventKind::Suspended { reason: SuspensionReason::Appraisal });
        ev(&mut s, "2025-05-16", EventKind::Resumed);
        let at = DeadlineBase::compute(&s.record, &s.events, Some(d("2025-05-01")));
        assert_eq!((at.unadjusted, at.suspended_since), (None, Some(d("2025-04-01"))));
        let before = DeadlineBase::compute(&s.record, &s.events, Some(d("2025-03-31")));
        assert_eq!(before.unadjusted, Some(d("2025-09-03")));
    }

    #[test]
    fn an_open_case_near_expiry_warns_and_opens_the_extension_window() {
        let s = case("民初", P::Simple, "2025-03-03");
        // Due 2025-06-03; the request was due 2025-05-19 (2019 规定 §1).
        let w = warnings(&s, &HolidayCalendar::shipped(), true, d("2025-05-14"), WarningSettings::default());
        assert_eq!(w, [Warning::ExtensionWindowOpen { request_by: d("2025-05-19"), days_left: 5 }]);
        let w = warnings(&s, &HolidayCalendar::shipped(), true, d("2025-05-25"), WarningSettings::default());
        assert_eq!(
            w,
            [Warning::DueSoon { days_left: 9 }, Warning::ExtensionWindowMissed { request_by: d("2025-05-19") }]
        );
        let w = warnings(&s, &HolidayCalendar::shipped(), true, d("2025-06-10"), WarningSettings::default());
        assert_eq!(w, [Warning::Overdue { days: 7 }]);
        assert!(
            warnings(&s, &HolidayCalendar::shipped(), true, d("2025-04-01"), WarningSettings::default()).is_empty()
        );
    }

    #[test]
    fn an_extension_requested_inside_the_last_15_days_is_flagged_late() {
        // 延长审限规定 2019 §1: 应当在审限届满十五日前提出.
        let mut s = case("民初", P::Simple, "2025-03-03");
        ev(&mut s, "2025-05-25", EventKind::ExtensionRequested { length: M(1), approver: President });
        let w = warnings(&s, &HolidayCalendar::shipped(), true, d("2025-05-26"), WarningSettings::default());
        assert!(
            w.contains(&Warning::ExtensionRequestedLate { requested_on: d("2025-05-25"), due_by: d("2025-05-19") }),
            "{w:?}"
        );
        assert!(
            !w.iter().any(|x| matches!(x, Warning::ExtensionWindowOpen { .. } | Warning::ExtensionWindowMissed { .. }))
        );
    }

    #[test]
    fn a_long_open_suspension_is_flagged_and_a_closed_case_has_no_warnings() {
        let mut s = case("民初", P::Ordinary, "2025-03-03");
        ev(&mut s, "2025-04-01", EventKind::Suspended { reason: SuspensionReason::Suspension });
        let w = warnings(&s, &HolidayCalendar::shipped(), true, d("2025-12-01"), WarningSettings::default());
        assert_eq!(w, [Warning::LongSuspension { since: d("2025-04-01"), days: 244 }]);
        ev(&mut s, "2025-12-02", EventKind::Closed { method: crate::event::CloseMethod::Termination, outcome: None });
        assert!(
            warnings(&s, &HolidayCalendar::shipped(), true, d("2025-12-03"), WarningSettings::default()).is_empty()
        );
    }

    proptest! {
        /// A longer deducted period never gives an earlier deadline.
        #[test]
        fn a_longer_deduction_never_gives_an_earlier_deadline(start in 1u64..150, len in 0u64..200, more in 0u64..60) {
            let cal = HolidayCalendar::shipped();
            let at = |length: u64| {
                let mut s = case("民初", P::Ordinary, "2025-01-06");
                let from = d("2025-01-06") + Days::new(start);
                ev(&mut s, &from.to_string(), EventKind::Suspended { reason: SuspensionReason::Appraisal });
                ev(&mut s, &(from + Days::new(length)).to_string(), EventKind::Resumed);
                DeadlineBase::compute(&s.record, &s.events, None).adjust(&cal, true).deadline_on.unwrap()
            };
            prop_assert!(at(len + more) >= at(len));
        }

        /// With the holiday rule on, a deadline never falls on a rest day; adjusting an adjusted
        /// date gives it back.
        #[test]
        fn a_deadline_never_falls_on_a_rest_day(offset in 0u64..3900, row in 0usize..17) {
            let cal = HolidayCalendar::shipped();
            let r = &LIMITS[row];
            let filed = d("2016-01-01") + Days::new(offset);
            let s = case(r.type_code, r.procedures[0], &filed.to_string());
            let dl = DeadlineBase::compute(&s.record, &s.events, None).adjust(&cal, true);
            let on = dl.deadline_on.unwrap();
            prop_assert!(!cal.is_rest_day(on), "{on}");
            prop_assert_eq!(cal.next_working_day(on), on);
        }
    }
}
