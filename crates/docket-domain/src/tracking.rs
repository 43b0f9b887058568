//! 扣延审跟踪: the cases in a deducted period (扣除审限) and those whose 审限 was extended (延长审
//! 限), day by day — the stock (存量) of each on a day and the cases entering each on it (增量) —
//! and the list of those standing on a day, from the cases' events.

use chrono::{Days, NaiveDate};

use crate::{CaseNumber, CaseState, EventKind, SuspensionReason};

/// One case's periods: deducted `[start, end)` with its reason, and extended from the approval to
/// the closing (or open).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Periods {
    pub case_no: CaseNumber,
    pub judge: Option<String>,
    pub deducted: Vec<(NaiveDate, Option<NaiveDate>, SuspensionReason)>,
    /// The first approval of an extension, and the closing after it.
    pub extended: Option<(NaiveDate, Option<NaiveDate>)>,
}

impl Periods {
    pub fn of(s: &CaseState) -> Option<Periods> {
        let mut deducted = Vec::new();
        let mut open: Option<(NaiveDate, SuspensionReason)> = None;
        let mut extended: Option<NaiveDate> = None;
        let mut closed: Option<NaiveDate> = None;
        for e in &s.events {
            match &e.kind {
                EventKind::Suspended { reason } => open = Some((e.on, *reason)),
                EventKind::Resumed => {
                    if let Some((start, reason)) = open.take() {
                        deducted.push((start, Some(e.on), reason));
                    }
                }
                EventKind::Extended { .. } if extended.is_none() => extended = Some(e.on),
                EventKind::Closed { .. } => {
                    closed = Some(e.on);
                    if let Some((start, reason)) = open.take() {
                        deducted.push((start, Some(e.on), reason));
                    }
                }
                EventKind::Reopened => closed = None,
                _ => {}
            }
        }
        if let Some((start, reason)) = open {
            deducted.push((start, None, reason));
        }
        if deducted.is_empty() && extended.is_none() {
            return None;
        }
        Some(Periods {
            case_no: s.record.case_no.clone(),
            judge: s.judge.clone(),
            deducted,
            extended: extended.map(|e| (e, closed.filter(|c| *c >= e))),
        })
    }

    /// The deducted period standing on `d`, if any.
    pub fn deducted_on(&self, d: NaiveDate) -> Option<&(NaiveDate, Option<NaiveDate>, SuspensionReason)> {
        self.deducted.iter().find(|(s, e, _)| *s <= d && e.is_none_or(|e| d < e))
    }

    /// Whether the extension is in force on `d`.
    pub fn extended_on(&self, d: NaiveDate) -> bool {
        self.extended.is_some_and(|(s, e)| s <= d && e.is_none_or(|e| d < e))
    }
}

/// One day of the series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub date: NaiveDate,
    /// 扣审存量 and 延审存量: cases standing in each on the day.
    pub deducted: usize,
    pub extended: usize,
    /// 增量: cases entering each on the day.
    pub new_deducted: usize,
    pub new_extended: usize,
}

/// The daily series over `[from, to]` (at most 400 days are asked for by the callers).
pub fn series(periods: &[Periods], from: NaiveDate, to: NaiveDate) -> Vec<Day> {
    let mut out = Vec::new();
    let mut d = from;
    while d <= to {
        out.push(Day {
            date: d,
            deducted: periods.iter().filter(|p| p.deducted_on(d).is_some()).count(),
            extended: periods.iter().filter(|p| p.extended_on(d)).count(),
            new_deducted: periods.iter().filter(|p| p.deducted.iter().any(|x| x.0 == d)).count(),
            new_extended: periods.iter().filter(|p| p.extended.is_some_and(|x| x.0 == d)).count(),
        });
        d = d + Days::new(1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CaseRecord, CloseMethod, Event, Period, Procedure};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_deduction_counts_until_it_ends_and_an_extension_until_the_case_closes() {
        let case_no = CaseNumber::parse("（2025）内0203民初1号").unwrap();
        let mut s = CaseState::filed(CaseRecord {
            court: case_no.court().clone(),
            case_no,
            procedure: Procedure::Ordinary,
            cause: "买卖合同纠纷".into(),
            received_on: None,
            filed_on: d("2025-03-03"),
            online: false,
            claim_amount: None,
            tags: vec![],
            origin: None,
            sealed: false,
            possible_sentence_months: None,
            parties: vec![],
        });
        for (on, kind) in [
            ("2025-04-01", EventKind::Suspended { reason: SuspensionReason::Appraisal }),
            ("2025-04-11", EventKind::Resumed),
            (
                "2025-08-15",
                EventKind::ExtensionRequested { length: Period::Months(6), approver: crate::Approver::President },
            ),
            ("2025-08-20", EventKind::Extended { length: Period::Months(6), approver: crate::Approver::President }),
            ("2025-10-01", EventKind::Closed { method: CloseMethod::Judgment, outcome: None }),
        ] {
            s.apply(Event { on: d(on), kind }).unwrap();
        }
        let p = Periods::of(&s).unwrap();
        let days = series(&[p], d("2025-03-31"), d("2025-10-01"));
        let at = |x: &str| days.iter().find(|y| y.date == d(x)).copied().unwrap();
        assert_eq!((at("2025-03-31").deducted, at("2025-04-01").deducted, at("2025-04-10").deducted), (0, 1, 1));
        assert_eq!((at("2025-04-11").deducted, at("2025-04-01").new_deducted), (0, 1));
        assert_eq!((at("2025-08-19").extended, at("2025-08-20").extended, at("2025-08-20").new_extended), (0, 1, 1));
        assert_eq!((at("2025-09-30").extended, at("2025-10-01").extended), (1, 0));
    }
}
