//! Periods `[from, to]` (both inclusive) and their calendar grains.

use chrono::{Datelike, Months, NaiveDate};

/// A period of calendar dates, both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// A calendar grain for grouping by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grain {
    Month,
    Quarter,
    Year,
}

impl Grain {
    fn months(self) -> u32 {
        match self {
            Grain::Month => 1,
            Grain::Quarter => 3,
            Grain::Year => 12,
        }
    }

    /// The first day of the grain's period containing `d`.
    fn start_of(self, d: NaiveDate) -> NaiveDate {
        let m0 = (d.month0() / self.months()) * self.months();
        NaiveDate::from_ymd_opt(d.year(), m0 + 1, 1).unwrap_or(d)
    }

    /// The label of the period starting at `d`: `2025-01`, `2025-Q1`, `2025`.
    pub fn label(self, d: NaiveDate) -> String {
        match self {
            Grain::Month => format!("{:04}-{:02}", d.year(), d.month()),
            Grain::Quarter => format!("{:04}-Q{}", d.year(), d.month0() / 3 + 1),
            Grain::Year => format!("{:04}", d.year()),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Grain::Month => "month",
            Grain::Quarter => "quarter",
            Grain::Year => "year",
        }
    }
}

impl Period {
    /// Whether `d` lies in the period (both ends included).
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }

    pub fn new(from: NaiveDate, to: NaiveDate) -> Self {
        Self { from, to }
    }

    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    pub fn overlaps(&self, other: &Period) -> bool {
        self.from <= other.to && other.from <= self.to
    }

    /// The same dates one year earlier (29 February becomes 28 February): 同比.
    pub fn year_earlier(&self) -> Period {
        let back = |d: NaiveDate| d.checked_sub_months(Months::new(12)).unwrap_or(d);
        // A period ending on the last day of a month ends on the last day of that month a year earlier.
        let to = if self.to.succ_opt().is_some_and(|n| n.day() == 1) {
            back(self.to.with_day(1).unwrap_or(self.to))
                .checked_add_months(Months::new(1))
                .and_then(|d| d.pred_opt())
                .unwrap_or(self.to)
        } else {
            back(self.to)
        };
        Period { from: back(self.from), to }
    }

    /// Whether the period is whole calendar months: from a first day to a last day.
    pub fn is_whole_months(&self) -> bool {
        self.from.day() == 1 && self.to.succ_opt().is_some_and(|n| n.day() == 1)
    }

    /// The preceding period of equal length: 环比. For a grain, the previous calendar period; for
    /// whole months, as many months just before (上半年 against the last half of the year before);
    /// otherwise as many days just before.
    pub fn preceding(&self, grain: Option<Grain>) -> Period {
        let months_before = |months: u32| {
            let from = self.from.checked_sub_months(Months::new(months)).unwrap_or(self.from);
            Period { from, to: self.from.pred_opt().unwrap_or(self.from) }
        };
        match grain {
            Some(g) => months_before(g.months()),
            None if self.is_whole_months() => {
                let ym = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
                months_before((ym(self.to) - ym(self.from) + 1).max(1) as u32)
            }
            None => {
                let to = self.from.pred_opt().unwrap_or(self.from);
                let from = to - chrono::Duration::days(self.days() - 1);
                Period { from, to }
            }
        }
    }

    /// The grain's periods that overlap `[from, to]`, clipped to it.
    pub fn split(&self, grain: Grain) -> Vec<Period> {
        let mut out = Vec::new();
        let mut start = grain.start_of(self.from);
        while start <= self.to {
            let next = start.checked_add_months(Months::new(grain.months())).unwrap_or(self.to);
            let end = next.pred_opt().unwrap_or(next);
            out.push(Period { from: start.max(self.from), to: end.min(self.to) });
            if next <= start {
                break;
            }
            start = next;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_year_splits_into_twelve_months_and_four_quarters() {
        let y = Period::new(d("2025-01-01"), d("2025-12-31"));
        let months = y.split(Grain::Month);
        assert_eq!(months.len(), 12);
        assert_eq!(months[1], Period::new(d("2025-02-01"), d("2025-02-28")));
        assert_eq!(y.split(Grain::Quarter)[3], Period::new(d("2025-10-01"), d("2025-12-31")));
        assert_eq!(Grain::Quarter.label(d("2025-10-01")), "2025-Q4");
    }

    #[test]
    fn year_earlier_keeps_month_ends_and_preceding_months_are_calendar_months() {
        let feb = Period::new(d("2024-02-01"), d("2024-02-29"));
        assert_eq!(feb.year_earlier(), Period::new(d("2023-02-01"), d("2023-02-28")));
        let mar = Period::new(d("2025-03-01"), d("2025-03-31"));
        assert_eq!(mar.preceding(Some(Grain::Month)), Period::new(d("2025-02-01"), d("2025-02-28")));
        let span = Period::new(d("2025-01-11"), d("2025-01-20"));
        assert_eq!(span.preceding(None), Period::new(d("2025-01-01"), d("2025-01-10")));
        // Whole months against as many months before, whatever their days.
        let first_half = Period::new(d("2025-01-01"), d("2025-06-30"));
        assert_eq!(first_half.preceding(None), Period::new(d("2024-07-01"), d("2024-12-31")));
        let march = Period::new(d("2025-03-01"), d("2025-03-31"));
        assert_eq!(march.preceding(None), Period::new(d("2025-02-01"), d("2025-02-28")));
    }
}
