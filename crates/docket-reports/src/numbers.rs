//! Chinese number formatting, as the reports write figures (the 质效分析 tables keep
//! `docket_app::metrics_output`'s signed style, `+1.23 个百分点`): percentages
//! and changes with two decimals, 上升/下降 x 个百分点 for rates and x% for counts and amounts,
//! money in 万元 or 亿元 with two decimals, dates as 2025年10月.

use chrono::{Datelike, NaiveDate};
use docket_metrics::{Kind, Value};

/// A fraction as a percentage: `0.9758` → `97.58%`.
pub fn percent(fraction: f64) -> String {
    format!("{:.2}%", fraction * 100.0)
}

fn direction(rounded: f64) -> &'static str {
    if rounded > 0.0 { "上升" } else { "下降" }
}

/// A change of a rate, in percentage points: `0.0123` → `上升 1.23 个百分点`; `持平` when it rounds
/// to zero.
pub fn points_change(delta_fraction: f64) -> String {
    let pp = (delta_fraction * 10_000.0).round() / 100.0;
    if pp == 0.0 { "持平".into() } else { format!("{} {:.2} 个百分点", direction(pp), pp.abs()) }
}

/// A relative change of a count, an amount or a number of days: `-0.3553` → `下降 35.53%`.
pub fn percent_change(delta_fraction: f64) -> String {
    let p = (delta_fraction * 10_000.0).round() / 100.0;
    if p == 0.0 { "持平".into() } else { format!("{} {:.2}%", direction(p), p.abs()) }
}

/// Money from fen: below 1 亿 in 万元 (`1234.57 万元`), from 1 亿 in 亿元 (`1.23 亿元`). Numbers stand
/// apart from their units, as in `受理各类案件 11709 件`.
pub fn money(fen: i64) -> String {
    let wan = (fen as f64 / 1_000_000.0 * 100.0).round() / 100.0;
    // Decided after rounding, so 9999.999 万 reads 1.00亿元, never 10000.00万元.
    if wan.abs() >= 10_000.0 {
        format!("{:.2} 亿元", fen as f64 / 10_000_000_000.0)
    } else {
        format!("{wan:.2} 万元")
    }
}

/// `2025年10月`.
pub fn month(d: NaiveDate) -> String {
    format!("{}年{}月", d.year(), d.month())
}

/// `2025年10月3日`.
pub fn day(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// An indicator's value as reports and pages show it (`—` when it has none).
pub fn value(v: &Value) -> String {
    v.value.map_or_else(|| "—".into(), |x| figure(v.indicator, x))
}

/// A number `x` of `indicator` in its kind's unit (a rate as a percentage, an amount in 万元 …).
pub fn figure(indicator: &docket_metrics::Indicator, x: f64) -> String {
    match (indicator.kind, indicator.id) {
        (Kind::Count, _) => format!("{x:.0}"),
        (Kind::Rate, _) => percent(x),
        (Kind::Amount, _) => money(x.round() as i64),
        (Kind::Days, _) => format!("{x:.1} 天"),
        (Kind::Ratio, "case_matter_ratio") => format!("1:{x:.2}"),
        (Kind::Ratio, _) => format!("{x:.2}"),
    }
}

/// An indicator's change (同比 or 环比) in its kind's unit; `None` when there is nothing to compare.
pub fn change(v: &Value, delta: Option<f64>) -> Option<String> {
    let d = delta?;
    Some(match v.indicator.kind {
        Kind::Rate => points_change(d),
        _ => percent_change(d),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The seeds' own arithmetic: 受理 67、审结 58 → 86.57%; 304 → 196 is 下降 35.53%.
    #[test]
    fn the_seeds_figures_come_out_as_written() {
        assert_eq!(percent(58.0 / 67.0), "86.57%");
        assert_eq!(percent_change(196.0 / 304.0 - 1.0), "下降 35.53%");
        assert_eq!(percent(28.0 / 39.0), "71.79%");
    }

    #[test]
    fn rate_changes_are_in_points_and_count_changes_in_percent() {
        assert_eq!(points_change(0.0123), "上升 1.23 个百分点");
        assert_eq!(points_change(-0.00004), "持平");
        assert_eq!(percent_change(0.5604), "上升 56.04%");
        assert_eq!(percent_change(0.0), "持平");
    }

    #[test]
    fn money_is_in_wan_below_one_yi_and_in_yi_above() {
        assert_eq!(money(123_456_789), "123.46 万元");
        assert_eq!(money(9_999_999_999), "1.00 亿元");
        assert_eq!(money(10_000_000_000), "1.00 亿元");
        assert_eq!(money(123_456_789_012), "12.35 亿元");
    }

    #[test]
    fn dates_are_written_the_chinese_way() {
        let d = NaiveDate::from_ymd_opt(2025, 10, 3).unwrap();
        assert_eq!((month(d), day(d)), ("2025年10月".to_string(), "2025年10月3日".to_string()));
    }
}
