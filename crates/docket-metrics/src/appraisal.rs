//! 绩效考核: scoring a scheme's subjects for a period by the rule of INTERCHANGE.md
//! ("Appraisal"). An indicator item scores each subject 0–100 by where its value lies among the
//! scheme's subjects (`higher`: 100·(v − min)/(max − min); `lower`: 100·(max − v)/(max − min);
//! all equal → 100; a null value → 0); a manual item takes the mark entered for that subject,
//! period and item (0 if none). Total = Σ weight · score / 100.
//!
//! The values come in as a function, so the rule is tested apart from the engine.

use docket_domain::management::{AppraisalScheme, ItemSource};

use crate::period::Period;

/// One item's value and score for one subject.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemScore {
    /// The indicator id or the manual item's name.
    pub item: String,
    pub category: String,
    pub weight: u32,
    /// The indicator's value, or the manual mark; `None` when there is none.
    pub value: Option<f64>,
    /// 0–100.
    pub score: f64,
}

/// A subject's total and items.
#[derive(Debug, Clone, PartialEq)]
pub struct SubjectScore {
    pub subject: String,
    /// 0–100.
    pub total: f64,
    pub items: Vec<ItemScore>,
}

/// Scores `subjects` under `scheme`: `indicator(id, subject)` gives an indicator's value,
/// `manual(subject, item)` a mark entered by hand. The subjects come back in the order given.
pub fn score(
    scheme: &AppraisalScheme,
    subjects: &[String],
    indicator: &dyn Fn(&str, &str) -> Option<f64>,
    manual: &dyn Fn(&str, &str) -> Option<f64>,
) -> Vec<SubjectScore> {
    let mut out: Vec<SubjectScore> =
        subjects.iter().map(|s| SubjectScore { subject: s.clone(), total: 0.0, items: Vec::new() }).collect();
    for item in &scheme.items {
        let values: Vec<Option<f64>> = match &item.source {
            ItemSource::Indicator { id, .. } => {
                subjects.iter().map(|s| indicator(id, s).filter(|v| v.is_finite())).collect()
            }
            ItemSource::Manual(name) => subjects.iter().map(|s| manual(s, name)).collect(),
        };
        let scores: Vec<f64> = match &item.source {
            ItemSource::Indicator { higher_is_better, .. } => {
                let present = values.iter().flatten();
                let min = present.clone().copied().fold(f64::INFINITY, f64::min);
                let max = present.copied().fold(f64::NEG_INFINITY, f64::max);
                values
                    .iter()
                    .map(|v| match v {
                        None => 0.0,
                        Some(_) if max == min => 100.0,
                        Some(v) if *higher_is_better => 100.0 * (v - min) / (max - min),
                        Some(v) => 100.0 * (max - v) / (max - min),
                    })
                    .collect()
            }
            ItemSource::Manual(_) => values.iter().map(|v| v.unwrap_or(0.0)).collect(),
        };
        for ((o, value), score) in out.iter_mut().zip(values).zip(scores) {
            o.total += f64::from(item.weight) * score / 100.0;
            o.items.push(ItemScore {
                item: item.name().to_owned(),
                category: item.category.clone(),
                weight: item.weight,
                value,
                score,
            });
        }
    }
    out
}

/// The order of a ranking: by total, highest first; equal totals share a place (1, 2, 2, 4).
pub fn places(scores: &[SubjectScore]) -> Vec<usize> {
    scores.iter().map(|s| 1 + scores.iter().filter(|o| o.total > s.total + 1e-9).count()).collect()
}

/// The period of an appraisal: a year (`2025`) or a month (`2025-03`).
pub fn appraisal_period(text: &str) -> Option<Period> {
    use chrono::NaiveDate;
    let (y, m) = match text.split_once('-') {
        None => (text.parse::<i32>().ok()?, None),
        Some((y, m)) if m.len() == 2 => (y.parse::<i32>().ok()?, Some(m.parse::<u32>().ok()?)),
        _ => return None,
    };
    if !(2000..=2100).contains(&y) || text.len() != if m.is_some() { 7 } else { 4 } {
        return None;
    }
    let (from, to) = match m {
        None => (NaiveDate::from_ymd_opt(y, 1, 1)?, NaiveDate::from_ymd_opt(y, 12, 31)?),
        Some(m) => {
            let from = NaiveDate::from_ymd_opt(y, m, 1)?;
            let next =
                if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1)? } else { NaiveDate::from_ymd_opt(y, m + 1, 1)? };
            (from, next.pred_opt()?)
        }
    };
    Some(Period { from, to })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_is_a_year_or_a_month() {
        let p = appraisal_period("2025-02").unwrap();
        assert_eq!((p.from.to_string(), p.to.to_string()), ("2025-02-01".into(), "2025-02-28".into()));
        assert_eq!(appraisal_period("2025").unwrap().to.to_string(), "2025-12-31");
        for bad in ["2025-13", "2025-1", "25", "2025-02-01", "x"] {
            assert_eq!(appraisal_period(bad), None, "{bad}");
        }
    }
}
