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
}

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
}
