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
    // 司法确认 of a mediation agreement reached before filing: the special procedure's limit
    // (民诉法 §205–206 with §187); the 2011 规定's 15 + 10 days are [`ConfirmationRule::Rules2011`].
    LimitRule {
        type_code: "诉前调确",
        procedures: &[P::Special, P::None],
        limit: D(30),
        longer: None,
        extensions: &[ext(Some(D(30)), President)],
        source: "民诉法 §187",
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

/// Which limit a 司法确认 case runs under (DEADLINES.md, "Mediation and 司法确认"): the statute's
/// special-procedure 30 days + 30 (民诉法 §187, the default), or the 2011 司法确认规定's 15 days +
/// 10 (its §5), which the later statute overrides but some courts still apply.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ConfirmationRule {
    #[default]
    Statute,
    Rules2011,
}

impl ConfirmationRule {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "statute" => Some(Self::Statute),
            "2011" => Some(Self::Rules2011),
            _ => None,
        }
    }

    /// Days the rule takes off a 司法确认 case's statutory deadline, with `extensions` extensions
    /// approved: 15 for the limit and 20 for each extension.
    pub fn days_off(self, confirmation: bool, extensions: u32) -> u64 {
        match self {
            Self::Rules2011 if confirmation => 15 + 20 * u64::from(extensions),
            _ => 0,
        }
    }

    /// A stored (statutory, before the holiday rule) deadline under this rule, for a case of
    /// `type_code` and `cause` with `extensions` extensions approved.
    pub fn stored_deadline(self, unadjusted: NaiveDate, type_code: &str, cause: &str, extensions: u32) -> NaiveDate {
        unadjusted - Days::new(self.days_off(is_confirmation(type_code, cause), extensions))
    }
}

/// Whether a case is a 司法确认 of a mediation agreement: a 诉前调确 case, or a 民特 case whose
/// 案由 says so.
pub fn is_confirmation(type_code: &str, cause: &str) -> bool {
    type_code == "诉前调确" || (type_code == "民特" && (cause.contains("确认调解协议") || cause.contains("司法确认")))
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
    /// Extensions approved (and not dropped by a conversion).
    pub extensions: u32,
    /// A 司法确认 case (see [`ConfirmationRule`]).
    pub confirmation: bool,
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
        let mut extensions = 0u32;
        let mut delegated = false;

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
                // 委派调解: the 30 days run from the organisation's acceptance (特邀调解规定 §27 ¶3),
                // once, with what was deducted before.
                EventKind::MediationDelegated { mode: crate::mediation::MediationMode::Delegated, .. }
                    if case_type.code == "民诉前调" && !delegated && rule.is_some() =>
                {
                    delegated = true;
                    let d = add_period(
                        add_period(e.on, Period::Days(crate::mediation::DELEGATED_DAYS)),
                        Period::Days(deducted),
                    );
                    unadjusted = Some(d);
                    steps.push(format!("{} 委派调解，自接收之日起 30 日（特邀调解规定第二十七条） → {d}", e.on));
                }
                EventKind::Extended { length, approver } => {
                    if let Some(d) = unadjusted {
                        let new = add_period(d, *length);
                        unadjusted = Some(new);
                        extended = true;
                        extensions += 1;
                        steps.push(format!("{}批准延长 {} → {new}", approver.label(), length.label()));
                    }
                }
                EventKind::ProcedureChanged { procedure: new } => {
                    procedure = *new;
                    rule = limit_for(case_type.code, procedure);
                    extended = false;
                    extensions = 0;
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
            extensions,
            confirmation: is_confirmation(case_type.code, &record.cause),
            steps,
        }
    }

    /// The base under a [`ConfirmationRule`]: a 司法确认 case under the 2011 rules ends 15 days
    /// sooner, and each extension adds 10 days instead of 30.
    pub fn under(mut self, rule: ConfirmationRule) -> Self {
        let off = rule.days_off(self.confirmation, self.extensions);
        if off != 0
            && let Some(d) = self.unadjusted
        {
            let moved = d - Days::new(off);
            self.steps.push(format!("按 2011 年司法确认规定第五条（15 日，延长 10 日） → {moved}"));
            self.unadjusted = Some(moved);
        }
        self
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
        EventKind::Extended { .. } | EventKind::ExtensionRefused { .. } => Some(None),
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
mod tests;
