//! What a query asks (court, periods, dimensions, indicators) and what it answers: values with
//! 同比 and 环比 per group, and the cases behind a value.

use docket_domain::{CourtCode, Tag};

use crate::catalogue::Indicator;

use crate::period::{Grain, Period};

/// A grouping dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    Court,
    Department,
    Judge,
    Type,
    Category,
    Cause,
    Tag,
    /// 调解组织 (the organisation a case was last referred to).
    Org,
    Time(Grain),
}

impl Dimension {
    pub fn parse(s: &str) -> Option<Dimension> {
        Some(match s {
            "court" => Dimension::Court,
            "department" => Dimension::Department,
            "judge" => Dimension::Judge,
            "type" => Dimension::Type,
            "category" => Dimension::Category,
            "cause" => Dimension::Cause,
            "tag" => Dimension::Tag,
            "org" => Dimension::Org,
            "month" => Dimension::Time(Grain::Month),
            "quarter" => Dimension::Time(Grain::Quarter),
            "year" => Dimension::Time(Grain::Year),
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Dimension::Court => "court",
            Dimension::Department => "department",
            Dimension::Judge => "judge",
            Dimension::Type => "type",
            Dimension::Category => "category",
            Dimension::Cause => "cause",
            Dimension::Org => "org",
            Dimension::Tag => "tag",
            Dimension::Time(g) => g.name(),
        }
    }
}

/// What to compute.
#[derive(Debug, Clone)]
pub struct Query {
    pub court: CourtCode,
    /// Include the court's lower courts.
    pub rollup: bool,
    pub period: Period,
    /// At most one time grain and one other dimension.
    pub by: Vec<Dimension>,
    /// Only cases with this tag.
    pub tag: Option<Tag>,
    /// Only cases of these 案由 (by name, e.g. 劳动争议, 追索劳动报酬纠纷); empty for all.
    pub causes: Vec<String>,
    /// Indicator ids; empty means the whole catalogue.
    pub indicators: Vec<String>,
}

/// A problem with a query.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MetricsError {
    #[error("未知指标：{0}")]
    UnknownIndicator(String),
    #[error("分组方式无效：{0}")]
    BadGrouping(String),
    #[error("统计期间无效：{0}")]
    BadPeriod(String),
    /// More figures than one answer may hold (groups × periods × indicators).
    #[error(
        "查询过大：{groups} 个分组 × {periods} 个期间 × {indicators} 项指标 = {figures} 个数值，超过上限 {limit}；请缩短期间、减少分组或指标"
    )]
    TooLarge { groups: usize, periods: usize, indicators: usize, figures: usize, limit: usize },
}

/// The longest period a query may cover, in years (a 同比 base is one year more). Twenty years
/// hold any work report's trend; a date in year 5000 holds nothing and costs memory per day.
pub const MAX_SPAN_YEARS: i32 = 20;

/// The earliest and latest dates a period may touch.
pub const EARLIEST_YEAR: i32 = 1949;
pub const LATEST_YEAR: i32 = 2199;

/// The most figures (groups × periods × indicators) one query may answer: every court of a
/// province by month for three years, all 59 indicators, is about 102,000 (the benchmark's
/// query); every judge of a province by month is not one screen's or one download's worth.
pub const MAX_FIGURES: usize = 150_000;

/// A group's key: dimension name and value, e.g. `("month", "2025-01")`, `("court", "内0203")`.
pub type GroupKey = Vec<(&'static str, String)>;

/// One indicator's value in one group.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub indicator: &'static Indicator,
    /// `None` when the denominator is 0 (or the indicator does not apply to the period).
    pub value: Option<f64>,
    pub numerator: Option<i64>,
    pub denominator: Option<i64>,
    /// 同比: percent change for counts, amounts and days; percentage points for rates (as fractions).
    pub yoy: Option<f64>,
    /// 环比, the same way against the preceding period.
    pub mom: Option<f64>,
    /// The reasonable range (合理区间) from the settings, and whether the value lies in it.
    pub range: Option<crate::Range>,
    pub within_range: Option<bool>,
}

/// The values of one group.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupResult {
    pub key: GroupKey,
    pub period: Period,
    pub values: Vec<Value>,
}

/// The cases behind a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    pub numerator: Vec<usize>,
    pub denominator: Vec<usize>,
    /// For a record indicator: the records (or listed cases) counted, by their numbers.
    pub records: Option<crate::records::RecordCount>,
}

/// Refuses a period that ends before it starts, runs past [`MAX_SPAN_YEARS`], or touches a year
/// outside [`EARLIEST_YEAR`]..=[`LATEST_YEAR`].
pub fn check_period(p: Period) -> Result<(), MetricsError> {
    use chrono::Datelike;
    if p.to < p.from {
        return Err(MetricsError::BadPeriod(format!("{} 晚于 {}", p.from, p.to)));
    }
    if p.from.year() < EARLIEST_YEAR || p.to.year() > LATEST_YEAR {
        return Err(MetricsError::BadPeriod(format!(
            "{}—{} 超出可统计的年份（{EARLIEST_YEAR}—{LATEST_YEAR} 年）",
            p.from, p.to
        )));
    }
    let longest = p.from.checked_add_months(chrono::Months::new(12 * MAX_SPAN_YEARS as u32));
    if longest.is_none_or(|end| p.to >= end) {
        return Err(MetricsError::BadPeriod(format!("{}—{} 超过 {MAX_SPAN_YEARS} 年", p.from, p.to)));
    }
    Ok(())
}
