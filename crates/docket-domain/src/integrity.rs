//! 数据核查: detectors over the log for the signs of figures made to look better than the work —
//! filings held back past the year's end, deductions started just before a limit runs out,
//! withdrawals refiled, pre-filing mediations parked, closings piled at month ends, events dated
//! long before they were recorded. The SPC banned 年底不收案 and 结案指标美容 (2020–2023); these
//! are *signs*, not verdicts: a withdrawal and refiling can be lawful (民诉法解释 §214: 原告撤诉后
//! 以同一诉讼请求再次起诉的，人民法院应予受理). Each finding names its cases and the rule it
//! matched; the thresholds are settings ([`Thresholds`]).

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Days, NaiveDate};

use crate::calendar::HolidayCalendar;
use crate::deadline::DeadlineBase;
use crate::{CaseNumber, CaseState, CloseMethod, CourtCode, EventKind, PartyId};

/// A detector (its stable id is the CLI's and the JSON's name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Detector {
    LateFiling,
    YearEndDip,
    SuspensionBeforeExpiry,
    WithdrawRefile,
    PremediationParking,
    ClosingBunching,
    Backdating,
}

impl Detector {
    pub const ALL: [Detector; 7] = [
        Self::LateFiling,
        Self::YearEndDip,
        Self::SuspensionBeforeExpiry,
        Self::WithdrawRefile,
        Self::PremediationParking,
        Self::ClosingBunching,
        Self::Backdating,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Self::LateFiling => "late_filing",
            Self::YearEndDip => "year_end_dip",
            Self::SuspensionBeforeExpiry => "suspension_before_expiry",
            Self::WithdrawRefile => "withdraw_refile",
            Self::PremediationParking => "premediation_parking",
            Self::ClosingBunching => "closing_bunching",
            Self::Backdating => "backdating",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.id() == s)
    }

    /// What it looks for, in Chinese.
    pub fn label(self) -> &'static str {
        match self {
            Self::LateFiling => "超期立案（收到起诉材料七日后立案）",
            Self::YearEndDip => "年底收案骤减",
            Self::SuspensionBeforeExpiry => "审限届满前突击扣除或延长",
            Self::WithdrawRefile => "撤诉后重新起诉",
            Self::PremediationParking => "诉前调解超期或年后转立案",
            Self::ClosingBunching => "月末突击结案",
            Self::Backdating => "事件补录日期远早于录入时间",
        }
    }
}

/// The thresholds, each a setting (`integrity.<name> = <value>` in the indicator settings).
#[derive(Debug, Clone, PartialEq)]
pub struct Thresholds {
    /// Days from receipt to filing (登记立案规定第八条: 七日内决定是否立案).
    pub filing_days: i64,
    /// A deduction or extension started within so many days before the limit.
    pub suspension_window_days: i64,
    /// A refiling within so many days of the withdrawal.
    pub refile_days: i64,
    /// A pre-filing mediation's days without consent to extend (在线调解规则 / 特邀调解规定: 30 日).
    pub premediation_days: i64,
    /// A conversion to 立案 within so many days after 1 January.
    pub january_days: i64,
    /// A year's December/January filing ratio below this share of the median of the court's
    /// other years.
    pub dip_ratio: f64,
    /// The last days of a month whose closings are compared.
    pub month_end_days: u32,
    /// A month flagged when its month-end share is at least this…
    pub bunching_share: f64,
    /// …and this many times the court's median month-end share.
    pub bunching_factor: f64,
    /// Closings a month must have to be judged.
    pub bunching_min_closings: usize,
    /// An event recorded after its case was in the system and dated more than so many days
    /// before it was recorded.
    pub backdating_days: i64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            filing_days: 7,
            suspension_window_days: 5,
            refile_days: 60,
            premediation_days: 30,
            january_days: 15,
            dip_ratio: 0.6,
            month_end_days: 3,
            bunching_share: 0.3,
            bunching_factor: 2.0,
            bunching_min_closings: 20,
            backdating_days: 30,
        }
    }
}

impl Thresholds {
    /// Each threshold as (name, value text), in a fixed order.
    pub fn entries(&self) -> Vec<(&'static str, String)> {
        vec![
            ("filing_days", self.filing_days.to_string()),
            ("suspension_window_days", self.suspension_window_days.to_string()),
            ("refile_days", self.refile_days.to_string()),
            ("premediation_days", self.premediation_days.to_string()),
            ("january_days", self.january_days.to_string()),
            ("dip_ratio", self.dip_ratio.to_string()),
            ("month_end_days", self.month_end_days.to_string()),
            ("bunching_share", self.bunching_share.to_string()),
            ("bunching_factor", self.bunching_factor.to_string()),
            ("bunching_min_closings", self.bunching_min_closings.to_string()),
            ("backdating_days", self.backdating_days.to_string()),
        ]
    }

    /// Sets one threshold by name, or says what is wrong.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        let days = |v: &str| -> Result<i64, String> {
            v.parse::<i64>()
                .ok()
                .filter(|d| (0..=3650).contains(d))
                .ok_or_else(|| format!("“{v}”不是 0–3650 之间的天数"))
        };
        let share = |v: &str| -> Result<f64, String> {
            v.parse::<f64>().ok().filter(|x| x.is_finite() && *x >= 0.0).ok_or_else(|| format!("“{v}”不是非负数"))
        };
        match name {
            "filing_days" => self.filing_days = days(value)?,
            "suspension_window_days" => self.suspension_window_days = days(value)?,
            "refile_days" => self.refile_days = days(value)?,
            "premediation_days" => self.premediation_days = days(value)?,
            "january_days" => self.january_days = days(value)?,
            "dip_ratio" => self.dip_ratio = share(value)?,
            "month_end_days" => self.month_end_days = days(value)?.clamp(1, 10) as u32,
            "bunching_share" => self.bunching_share = share(value)?,
            "bunching_factor" => self.bunching_factor = share(value)?,
            "bunching_min_closings" => self.bunching_min_closings = days(value)? as usize,
            "backdating_days" => self.backdating_days = days(value)?,
            other => return Err(format!("未知的核查阈值“{other}”")),
        }
        Ok(())
    }
}

/// One case as the detectors read it: its state and when each of its entries was recorded (the
/// filing first, then each event in order), as dates.
pub struct CaseHistory<'a> {
    pub state: &'a CaseState,
    pub recorded: &'a [NaiveDate],
}

/// A finding: the detector, the court, the case (none for a court-wide sign), the cases it
/// relates to, the date it is placed at, and what was seen.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub detector: Detector,
    pub court: CourtCode,
    pub case_no: Option<CaseNumber>,
    pub related: Vec<CaseNumber>,
    pub on: NaiveDate,
    pub detail: String,
}

/// What the detectors look at besides the cases.
pub struct Context<'a> {
    pub thresholds: &'a Thresholds,
    pub calendar: &'a HolidayCalendar,
    pub holiday_rule: bool,
    /// The day the data is read as of (an open pre-filing mediation's age is counted to it).
    pub today: NaiveDate,
}

fn is_withdrawal(m: Option<CloseMethod>) -> bool {
    matches!(m, Some(CloseMethod::Withdrawal | CloseMethod::DeemedWithdrawal))
}

/// Runs the detectors asked for over the cases (of one or more courts), and keeps the findings
/// placed in `[from, to]`, ordered by detector, court and date.
pub fn detect(
    cases: &[CaseHistory<'_>],
    ctx: &Context<'_>,
    detectors: &[Detector],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<Finding> {
    let t = ctx.thresholds;
    let mut out = Vec::new();
    let wants = |d: Detector| detectors.contains(&d);
    if wants(Detector::LateFiling) {
        for c in cases {
            let r = &c.state.record;
            if let Some(received) = r.received_on {
                let gap = (r.filed_on - received).num_days();
                if gap > t.filing_days {
                    let year_end = received.month() == 12 && r.filed_on.year() == received.year() + 1;
                    out.push(Finding {
                        detector: Detector::LateFiling,
                        court: r.court.clone(),
                        case_no: Some(r.case_no.clone()),
                        related: Vec::new(),
                        on: r.filed_on,
                        detail: format!(
                            "{received} 收到起诉材料，{} 立案，相隔 {gap} 天，超过 {} 天（登记立案规定第八条）{}",
                            r.filed_on,
                            t.filing_days,
                            if year_end { "；12 月收到、次年 1 月立案" } else { "" }
                        ),
                    });
                }
            }
        }
    }
    if wants(Detector::YearEndDip) {
        year_end_dip(cases, t, &mut out);
    }
    if wants(Detector::SuspensionBeforeExpiry) {
        for c in cases {
            suspension_before_expiry(c.state, ctx, &mut out);
        }
    }
    if wants(Detector::WithdrawRefile) {
        withdraw_refile(cases, t, &mut out);
    }
    if wants(Detector::PremediationParking) {
        premediation_parking(cases, ctx, &mut out);
    }
    if wants(Detector::ClosingBunching) {
        closing_bunching(cases, t, &mut out);
    }
    if wants(Detector::Backdating) {
        for c in cases {
            let Some(filed_recorded) = c.recorded.first() else { continue };
            for (e, recorded) in c.state.events.iter().zip(&c.recorded[1..]) {
                let late = (*recorded - e.on).num_days();
                if recorded > filed_recorded && late > t.backdating_days {
                    out.push(Finding {
                        detector: Detector::Backdating,
                        court: c.state.record.court.clone(),
                        case_no: Some(c.state.record.case_no.clone()),
                        related: Vec::new(),
                        on: e.on,
                        detail: format!(
                            "{}（{}）于 {recorded} 录入，早于录入 {late} 天；案件自 {filed_recorded} 起已在系统中",
                            e.kind.type_name(),
                            e.on
                        ),
                    });
                }
            }
        }
    }
    out.retain(|f| f.on >= from && f.on <= to);
    out.sort_by(|a, b| {
        (a.detector, &a.court, a.on, a.case_no.as_ref().map(ToString::to_string)).cmp(&(
            b.detector,
            &b.court,
            b.on,
            b.case_no.as_ref().map(ToString::to_string),
        ))
    });
    out
}

fn year_end_dip(cases: &[CaseHistory<'_>], t: &Thresholds, out: &mut Vec<Finding>) {
    // Filings per court in each December and the January after it.
    let mut months: BTreeMap<(CourtCode, i32), (usize, usize)> = BTreeMap::new();
    for c in cases {
        let f = c.state.record.filed_on;
        let court = c.state.record.court.clone();
        match f.month() {
            12 => months.entry((court, f.year())).or_default().0 += 1,
            1 => months.entry((court, f.year() - 1)).or_default().1 += 1,
            _ => {}
        }
    }
    let mut by_court: BTreeMap<CourtCode, Vec<(i32, f64, usize, usize)>> = BTreeMap::new();
    for ((court, year), (dec, jan)) in months {
        if dec > 0 && jan > 0 {
            by_court.entry(court).or_default().push((year, dec as f64 / jan as f64, dec, jan));
        }
    }
    for (court, years) in by_court {
        for &(year, ratio, dec, jan) in &years {
            let mut others: Vec<f64> = years.iter().filter(|y| y.0 != year).map(|y| y.1).collect();
            if others.len() < 2 {
                continue;
            }
            others.sort_by(f64::total_cmp);
            let median = others[others.len() / 2];
            if ratio < t.dip_ratio * median {
                out.push(Finding {
                    detector: Detector::YearEndDip,
                    court: court.clone(),
                    case_no: None,
                    related: Vec::new(),
                    on: NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default(),
                    detail: format!(
                        "{year} 年 12 月立案 {dec} 件、次年 1 月 {jan} 件，比值 {ratio:.2}，低于本院其他年份中位数 {median:.2} 的 {:.0}%",
                        t.dip_ratio * 100.0
                    ),
                });
            }
        }
    }
}

fn suspension_before_expiry(s: &CaseState, ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut pending_request = false;
    for (i, e) in s.events.iter().enumerate() {
        let what = match &e.kind {
            EventKind::Suspended { reason } => format!("扣除审限（{}）", reason.label()),
            EventKind::ExtensionRequested { .. } => {
                pending_request = true;
                "申请延长审限".to_owned()
            }
            // An approval without a request is the extension starting.
            EventKind::Extended { .. } if !pending_request => "延长审限".to_owned(),
            EventKind::Extended { .. } | EventKind::ExtensionRefused { .. } => {
                pending_request = false;
                continue;
            }
            _ => continue,
        };
        let Some(day_before) = e.on.checked_sub_days(Days::new(1)) else { continue };
        let base = DeadlineBase::compute(&s.record, &s.events[..i], Some(day_before));
        let Some(nominal) = base.unadjusted else { continue };
        let Some(deadline) = base.adjust(ctx.calendar, ctx.holiday_rule).deadline_on else { continue };
        // Within the window of the limit as counted (the nominal last day) or as it falls after
        // the holiday rule: either is the date a 审管 reader checks.
        let window = 0..=ctx.thresholds.suspension_window_days;
        let left = [(nominal - e.on).num_days(), (deadline - e.on).num_days()].into_iter().find(|l| window.contains(l));
        if let Some(left) = left {
            out.push(Finding {
                detector: Detector::SuspensionBeforeExpiry,
                court: s.record.court.clone(),
                case_no: Some(s.record.case_no.clone()),
                related: Vec::new(),
                on: e.on,
                detail: format!(
                    "{} {what}，距审限届满（{deadline}{}）仅 {left} 天",
                    e.on,
                    if nominal == deadline { String::new() } else { format!("，按期间计算为 {nominal}") }
                ),
            });
        }
    }
}

fn party_ids(s: &CaseState) -> Vec<&PartyId> {
    s.record.parties.iter().filter_map(|p| p.id.as_ref()).collect()
}

fn withdraw_refile(cases: &[CaseHistory<'_>], t: &Thresholds, out: &mut Vec<Finding>) {
    // Withdrawn cases by each party's ID number.
    let mut withdrawn: HashMap<&str, Vec<&CaseState>> = HashMap::new();
    for c in cases {
        if is_withdrawal(c.state.close_method) && c.state.closed_on.is_some() {
            for id in party_ids(c.state) {
                withdrawn.entry(id.number()).or_default().push(c.state);
            }
        }
    }
    for c in cases {
        let b = c.state;
        let mut related: Vec<&CaseState> = Vec::new();
        for id in party_ids(b) {
            for a in withdrawn.get(id.number()).into_iter().flatten() {
                let Some(closed) = a.closed_on else { continue };
                let gap = (b.record.filed_on - closed).num_days();
                if a.record.case_no != b.record.case_no
                    && a.record.cause == b.record.cause
                    && (0..=t.refile_days).contains(&gap)
                    && !related.iter().any(|x| x.record.case_no == a.record.case_no)
                {
                    related.push(a);
                }
            }
        }
        if let Some(first) = related.first() {
            out.push(Finding {
                detector: Detector::WithdrawRefile,
                court: b.record.court.clone(),
                case_no: Some(b.record.case_no.clone()),
                related: related.iter().map(|a| a.record.case_no.clone()).collect(),
                on: b.record.filed_on,
                detail: format!(
                    "{} 以{}结案（{}）后 {} 天，相同当事人以相同案由（{}）再次立案",
                    first.record.case_no,
                    first.close_method.map_or("撤诉", |m| m.label()),
                    first.closed_on.map(|d| d.to_string()).unwrap_or_default(),
                    first.closed_on.map_or(0, |d| (b.record.filed_on - d).num_days()),
                    b.record.cause
                ),
            });
        }
    }
}

fn premediation_parking(cases: &[CaseHistory<'_>], ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let t = ctx.thresholds;
    let by_no: HashMap<&CaseNumber, &CaseState> = cases.iter().map(|c| (&c.state.record.case_no, c.state)).collect();
    for c in cases {
        let s = c.state;
        let r = &s.record;
        if r.case_type().code == "民诉前调" {
            let end = s.closed_on.unwrap_or(ctx.today);
            let days = (end - r.filed_on).num_days();
            let consented = s
                .events
                .iter()
                .any(|e| matches!(e.kind, EventKind::Extended { .. } | EventKind::ExtensionRequested { .. }));
            if days > t.premediation_days && !consented {
                out.push(Finding {
                    detector: Detector::PremediationParking,
                    court: r.court.clone(),
                    case_no: Some(r.case_no.clone()),
                    related: Vec::new(),
                    on: r.filed_on + Days::new(t.premediation_days.max(0) as u64 + 1),
                    detail: format!(
                        "诉前调解 {days} 天{}，超过 {} 天且无当事人同意延长的记录",
                        if s.closed_on.is_some() { "" } else { "（仍未结束）" },
                        t.premediation_days
                    ),
                });
            }
        }
        // Converted to 立案 just after New Year.
        if let Some(origin) = r.origin.as_ref().and_then(|o| by_no.get(o))
            && origin.record.case_type().code == "民诉前调"
            && r.filed_on.month() == 1
            && i64::from(r.filed_on.day()) <= t.january_days
            && origin.record.filed_on.year() < r.filed_on.year()
        {
            out.push(Finding {
                detector: Detector::PremediationParking,
                court: r.court.clone(),
                case_no: Some(r.case_no.clone()),
                related: vec![origin.record.case_no.clone()],
                on: r.filed_on,
                detail: format!(
                    "诉前调解 {}（{} 收案）于次年 {} 转立案",
                    origin.record.case_no, origin.record.filed_on, r.filed_on
                ),
            });
        }
    }
}

/// A court's month: (court, year, month).
type MonthKey = (CourtCode, i32, u32);

fn closing_bunching(cases: &[CaseHistory<'_>], t: &Thresholds, out: &mut Vec<Finding>) {
    // Closings per court and month, and those in the month's last days.
    let mut months: BTreeMap<MonthKey, Vec<(&CaseNumber, bool)>> = BTreeMap::new();
    // A court's first month of data is partial (its history starts within it): not judged.
    let mut first: HashMap<&CourtCode, NaiveDate> = HashMap::new();
    for c in cases {
        let e = first.entry(&c.state.record.court).or_insert(c.state.record.filed_on);
        *e = (*e).min(c.state.record.filed_on);
    }
    for c in cases {
        let Some(closed) = c.state.closed_on else { continue };
        let last = last_day(closed);
        let end = closed.day() + t.month_end_days > last;
        months
            .entry((c.state.record.court.clone(), closed.year(), closed.month()))
            .or_default()
            .push((&c.state.record.case_no, end));
    }
    let mut shares: BTreeMap<&CourtCode, Vec<f64>> = BTreeMap::new();
    for ((court, year, month), list) in &months {
        let partial = first.get(court).is_some_and(|f| (f.year(), f.month()) == (*year, *month));
        if list.len() >= t.bunching_min_closings && !partial {
            shares.entry(court).or_default().push(list.iter().filter(|x| x.1).count() as f64 / list.len() as f64);
        }
    }
    let medians: HashMap<&CourtCode, f64> = shares
        .into_iter()
        .map(|(c, mut v)| {
            v.sort_by(f64::total_cmp);
            (c, v[v.len() / 2])
        })
        .collect();
    for ((court, year, month), list) in &months {
        let Some(median) = medians.get(court) else { continue };
        if first.get(court).is_some_and(|f| (f.year(), f.month()) == (*year, *month)) {
            continue;
        }
        if list.len() < t.bunching_min_closings {
            continue;
        }
        let at_end: Vec<&CaseNumber> = list.iter().filter(|x| x.1).map(|x| x.0).collect();
        let share = at_end.len() as f64 / list.len() as f64;
        if share >= t.bunching_share && share >= t.bunching_factor * median {
            let end = NaiveDate::from_ymd_opt(*year, *month, 1).map(last_date).unwrap_or_default();
            out.push(Finding {
                detector: Detector::ClosingBunching,
                court: court.clone(),
                case_no: None,
                related: at_end.iter().take(50).map(|c| (*c).clone()).collect(),
                on: end,
                detail: format!(
                    "{year} 年 {month} 月结案 {} 件，其中月末 {} 日内 {} 件（{:.0}%），本院各月中位数为 {:.0}%",
                    list.len(),
                    t.month_end_days,
                    at_end.len(),
                    share * 100.0,
                    median * 100.0
                ),
            });
        }
    }
}

fn last_date(first: NaiveDate) -> NaiveDate {
    first.checked_add_months(chrono::Months::new(1)).and_then(|n| n.pred_opt()).unwrap_or(first)
}

fn last_day(d: NaiveDate) -> u32 {
    d.with_day(1).map(last_date).map_or(31, |x| x.day())
}
