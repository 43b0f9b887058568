//! The period a report covers, as the CLI takes it: a year (`2025`), a quarter (`2025-Q3`), a
//! month (`2025-10`), an ISO week (`2025-W40`) or a range (`2025-01-01..2025-03-31`), with its
//! Chinese name.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use docket_metrics::Period;

use crate::numbers;

/// What kind of period was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKind {
    Year,
    Quarter,
    Month,
    Week,
    Range,
}

/// A report period and its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportPeriod {
    pub period: Period,
    pub kind: PeriodKind,
    /// `2025年`, `2025年第三季度`, `2025年10月`, `2025年第40周（9月29日至10月5日）`,
    /// `2025年1月1日至2025年3月31日`.
    pub name: String,
}

/// A period that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("期间“{0}”无效：应为 2025、2025-Q3、2025-10、2025-W40 或 2025-01-01..2025-03-31")]
pub struct PeriodError(pub String);

const QUARTERS: [&str; 4] = ["一", "二", "三", "四"];

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn last_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    ymd(ny, nm, 1)?.pred_opt()
}

impl ReportPeriod {
    pub fn parse(s: &str) -> Result<Self, PeriodError> {
        Self::read(s.trim()).ok_or_else(|| PeriodError(s.to_string()))
    }

    fn read(s: &str) -> Option<Self> {
        if let Some((a, b)) = s.split_once("..") {
            let (from, to): (NaiveDate, NaiveDate) = (a.parse().ok()?, b.parse().ok()?);
            if to < from {
                return None;
            }
            let name = format!("{}至{}", numbers::day(from), numbers::day(to));
            return Some(Self { period: Period::new(from, to), kind: PeriodKind::Range, name });
        }
        let (year, rest) = match s.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (s, None),
        };
        if year.len() != 4 {
            return None;
        }
        let y: i32 = year.parse().ok()?;
        match rest {
            None => Some(Self {
                period: Period::new(ymd(y, 1, 1)?, ymd(y, 12, 31)?),
                kind: PeriodKind::Year,
                name: format!("{y}年"),
            }),
            Some(r) if r.starts_with('Q') => {
                let q: u32 = r[1..].parse().ok().filter(|q| (1..=4).contains(q))?;
                let from = ymd(y, 3 * q - 2, 1)?;
                Some(Self {
                    period: Period::new(from, last_of_month(y, 3 * q)?),
                    kind: PeriodKind::Quarter,
                    name: format!("{y}年第{}季度", QUARTERS[q as usize - 1]),
                })
            }
            Some(r) if r.starts_with('W') => {
                let w: u32 = r[1..].parse().ok()?;
                let from = NaiveDate::from_isoywd_opt(y, w, Weekday::Mon)?;
                let to = from.checked_add_days(Days::new(6))?;
                let name =
                    format!("{y}年第{w}周（{}月{}日至{}月{}日）", from.month(), from.day(), to.month(), to.day());
                Some(Self { period: Period::new(from, to), kind: PeriodKind::Week, name })
            }
            Some(r) => {
                let m: u32 = r.parse().ok().filter(|m| (1..=12).contains(m))?;
                if r.len() != 2 {
                    return None;
                }
                let from = ymd(y, m, 1)?;
                Some(Self {
                    period: Period::new(from, last_of_month(y, m)?),
                    kind: PeriodKind::Month,
                    name: numbers::month(from),
                })
            }
        }
    }

    /// From 1 January of the period's last year to its last day (年初至今).
    pub fn year_to_date(&self) -> Period {
        let to = self.period.to;
        Period::new(ymd(to.year(), 1, 1).unwrap_or(to), to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn every_period_form_reads_with_its_dates_and_name() {
        let cases = [
            ("2025", "2025-01-01", "2025-12-31", "2025年"),
            ("2025-Q3", "2025-07-01", "2025-09-30", "2025年第三季度"),
            ("2025-10", "2025-10-01", "2025-10-31", "2025年10月"),
            ("2024-02", "2024-02-01", "2024-02-29", "2024年2月"),
            ("2025-W40", "2025-09-29", "2025-10-05", "2025年第40周（9月29日至10月5日）"),
            ("2026-W01", "2025-12-29", "2026-01-04", "2026年第1周（12月29日至1月4日）"),
            ("2025-01-01..2025-03-31", "2025-01-01", "2025-03-31", "2025年1月1日至2025年3月31日"),
        ];
        for (s, from, to, name) in cases {
            let p = ReportPeriod::parse(s).unwrap();
            assert_eq!((p.period.from, p.period.to, p.name.as_str()), (d(from), d(to), name), "{s}");
        }
    }

    #[test]
    fn malformed_periods_are_refused() {
        for s in ["25", "2025-13", "2025-Q5", "2025-W54", "2025-3", "2025-03-31..2025-01-01", "x"] {
            assert!(ReportPeriod::parse(s).is_err(), "{s}");
        }
    }
}
