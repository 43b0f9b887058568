//! The holiday calendar (节假日安排): statutory rest days and 调休 working days, from the State
//! Council's yearly notices. Used by the 审限 holiday rule (民诉法 §85): a limit whose last day
//! is a rest day ends on the next working day.
//!
//! The calendar is data, not code: Docket ships `data/holidays.txt` (2016–2026) and an
//! administrator can replace a year's arrangement without a new release.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// The calendar shipped with this release.
pub const SHIPPED: &str = include_str!("../data/holidays.txt");

/// What kind of day an entry declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayKind {
    /// 休: a statutory rest day (even on a weekday).
    Rest,
    /// 班: a working day (even on a weekend), 调休.
    Work,
}

impl DayKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Rest => "休",
            Self::Work => "班",
        }
    }
}

/// One declared day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaredDay {
    pub date: NaiveDate,
    pub kind: DayKind,
    pub note: String,
}

/// Why a calendar file is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("第 {line} 行：{message}")]
pub struct CalendarError {
    pub line: usize,
    pub message: String,
}

/// The calendar: weekends rest, weekdays work, except where a notice says otherwise.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HolidayCalendar {
    days: BTreeMap<NaiveDate, DeclaredDay>,
}

impl HolidayCalendar {
    /// The calendar shipped with this release.
    pub fn shipped() -> Self {
        // Parsed once. The shipped file is checked by tests; an error here would be a build defect.
        static PARSED: std::sync::OnceLock<HolidayCalendar> = std::sync::OnceLock::new();
        PARSED.get_or_init(|| Self::parse(SHIPPED).unwrap_or_default()).clone()
    }

    /// Parses the text format of `data/holidays.txt`: `DATE[..DATE] 休|班 说明`, `#` comments.
    pub fn parse(text: &str) -> Result<Self, CalendarError> {
        let mut days = BTreeMap::new();
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let content = raw.split('#').next().unwrap_or("").trim();
            if content.is_empty() {
                continue;
            }
            let err = |message: String| CalendarError { line, message };
            let mut parts = content.split_whitespace();
            let range = parts.next().ok_or_else(|| err("缺少日期".into()))?;
            let kind = match parts.next() {
                Some("休") => DayKind::Rest,
                Some("班") => DayKind::Work,
                other => return Err(err(format!("应为“休”或“班”，而不是“{}”", other.unwrap_or("")))),
            };
            let note = parts.collect::<Vec<_>>().join(" ");
            let date = |s: &str| {
                NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| err(format!("日期“{s}”无效，应为 YYYY-MM-DD")))
            };
            let (from, to) = match range.split_once("..") {
                Some((a, b)) => (date(a)?, date(b)?),
                None => (date(range)?, date(range)?),
            };
            if to < from || (to - from).num_days() > 31 {
                return Err(err(format!("日期区间 {range} 无效")));
            }
            let mut d = from;
            while d <= to {
                if days.insert(d, DeclaredDay { date: d, kind, note: note.clone() }).is_some() {
                    return Err(err(format!("{d} 重复声明")));
                }
                d = d + Days::new(1);
            }
        }
        Ok(Self { days })
    }

    /// True on a rest day: a declared rest day, or a weekend day not declared a working day.
    pub fn is_rest_day(&self, d: NaiveDate) -> bool {
        match self.days.get(&d) {
            Some(day) => day.kind == DayKind::Rest,
            None => matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// `d` if it is a working day, otherwise the first working day after it.
    /// The date a period ending on `d` ends in force: the next working day when `d` is a rest
    /// day and the holiday rule (民诉法 §85) is on, else `d`.
    pub fn period_end(&self, d: NaiveDate, holiday_rule: bool) -> NaiveDate {
        if holiday_rule && self.is_rest_day(d) { self.next_working_day(d) } else { d }
    }

    pub fn next_working_day(&self, d: NaiveDate) -> NaiveDate {
        let mut day = d;
        while self.is_rest_day(day) {
            day = day + Days::new(1);
        }
        day
    }

    /// Why `d` is a rest day, for explanations: `国庆节` or `周六`.
    pub fn describe(&self, d: NaiveDate) -> String {
        match self.days.get(&d) {
            Some(day) => day.note.clone(),
            None => match d.weekday() {
                Weekday::Sat => "周六".into(),
                Weekday::Sun => "周日".into(),
                _ => "工作日".into(),
            },
        }
    }

    /// The years with declared days.
    pub fn years(&self) -> BTreeSet<i32> {
        self.days.keys().map(Datelike::year).collect()
    }

    /// The declared days of `year`.
    pub fn year(&self, year: i32) -> Vec<&DeclaredDay> {
        self.days.values().filter(|d| d.date.year() == year).collect()
    }

    /// Replaces the declared days of every year present in `other` with `other`'s.
    pub fn overlay(&mut self, other: &HolidayCalendar) {
        for year in other.years() {
            self.days.retain(|d, _| d.year() != year);
        }
        self.days.extend(other.days.iter().map(|(d, v)| (*d, v.clone())));
    }

    /// The calendar in the text format, one declared day a line.
    pub fn to_text(&self, year: Option<i32>) -> String {
        self.days
            .values()
            .filter(|d| year.is_none_or(|y| d.date.year() == y))
            .map(|d| format!("{} {} {}\n", d.date, d.kind.label(), d.note))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_shipped_calendar_parses_and_covers_2016_to_2026() {
        let cal = HolidayCalendar::parse(SHIPPED).unwrap();
        assert_eq!(cal.years(), (2016..=2026).collect());
    }

    /// Days where the independent source disagrees with the State Council's notice, with the
    /// notice's words. Every other day must agree.
    const ERRATA: &[(&str, &str)] = &[
        ("2016-10-09", "国办发明电〔2015〕18号：10月1日至7日放假调休，10月8日（星期六）、10月9日（星期日）上班"),
        ("2016-12-30", "国办发明电〔2016〕14号：元旦 2016年12月31日至2017年1月2日放假调休，12月30日（星期五）照常上班"),
    ];

    /// Every day from 2016-01-01 to 2026-12-25 agrees with an independent source, the
    /// `chinese_holiday` crate, on whether it is a rest day, but for the listed errata.
    #[test]
    fn every_shipped_day_agrees_with_an_independent_calendar() {
        let cal = HolidayCalendar::shipped();
        let errata: Vec<NaiveDate> = ERRATA.iter().map(|(day, _)| d(day)).collect();
        let mut day = d("2016-01-01");
        let mut disagreements = Vec::new();
        while day <= d("2026-12-25") {
            let theirs = chinese_holiday::chinese_holiday((day.year() as u16, day.month() as u8, day.day() as u8));
            if theirs.is_holiday() != cal.is_rest_day(day) && !errata.contains(&day) {
                disagreements.push(format!("{day}: ours rest={} theirs {theirs:?}", cal.is_rest_day(day)));
            }
            day = day + Days::new(1);
        }
        assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
    }

    #[test]
    fn a_weekend_working_day_is_not_a_rest_day() {
        let cal = HolidayCalendar::shipped();
        assert!(!cal.is_rest_day(d("2025-09-28"))); // Sunday, 国庆节调休
        assert!(cal.is_rest_day(d("2025-10-08"))); // Wednesday, 国庆节
        assert!(cal.is_rest_day(d("2025-10-18"))); // Saturday
    }

    #[test]
    fn the_next_working_day_skips_the_whole_holiday() {
        let cal = HolidayCalendar::shipped();
        assert_eq!(cal.next_working_day(d("2025-10-01")), d("2025-10-09"));
        assert_eq!(cal.next_working_day(d("2025-10-09")), d("2025-10-09"));
    }

    #[test]
    fn a_bad_calendar_line_is_refused_with_its_number() {
        let err = HolidayCalendar::parse("2025-01-01 休 元旦\n2025-13-01 休 x\n").unwrap_err();
        assert_eq!(err.line, 2);
        let err = HolidayCalendar::parse("2025-01-01 放 元旦\n").unwrap_err();
        assert_eq!(err.line, 1);
    }

    #[test]
    fn an_overlay_replaces_whole_years_only() {
        let mut cal = HolidayCalendar::shipped();
        let new = HolidayCalendar::parse("2026-01-05 休 测试\n").unwrap();
        cal.overlay(&new);
        assert!(cal.is_rest_day(d("2026-01-05")));
        assert!(!cal.is_rest_day(d("2026-10-01")) || cal.year(2026).len() == 1);
        assert!(cal.is_rest_day(d("2025-10-01")));
    }
}
