//! Cases of the fact table listed by what a screen asks (the cases a review batch is drawn from).

use chrono::NaiveDate;
use docket_domain::{CaseNumber, CloseMethod, CourtCode};

use super::Engine;
use crate::facts::{NONE, OPEN, date, day, method_of};

/// A case closed in a period, with what a draw filters on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedCase {
    pub case_no: CaseNumber,
    pub closed_on: NaiveDate,
    pub method: Option<CloseMethod>,
    /// The 承办法官's code.
    pub judge: Option<String>,
}

impl Engine {
    /// The cases of `court` (not those below it) closed from `from` to `to`, in table order
    /// (stable for a given log, so a seeded draw is reproducible).
    pub fn closed_cases(&self, court: &CourtCode, from: NaiveDate, to: NaiveDate) -> Vec<ClosedCase> {
        let t = &self.table;
        let Some(c) = t.courts.iter().position(|x| x == court) else { return Vec::new() };
        let (lo, hi) = (day(from), day(to));
        (0..t.closed.len())
            .filter(|&row| {
                usize::from(t.court[row]) == c && t.closed[row] != OPEN && (lo..=hi).contains(&t.closed[row])
            })
            .map(|row| ClosedCase {
                case_no: t.case_no(row).clone(),
                closed_on: date(t.closed[row]),
                method: method_of(t.method[row]),
                judge: (t.judge[row] != NONE).then(|| t.judges[usize::from(t.judge[row])].code.clone()),
            })
            .collect()
    }
}
