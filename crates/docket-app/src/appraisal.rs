//! 绩效考核 for a court: a scheme of the register scored for a period over the engine's figures
//! (per judge or department) and the marks entered by hand, by the rule of
//! `docket_metrics::appraisal`.

use docket_domain::management::{AppraisalScheme, AppraisalSubject, ItemSource, Register};
use docket_domain::{CourtCode, Department, Judge};
use docket_metrics::appraisal::{SubjectScore, appraisal_period, score};
use docket_metrics::{Dimension, Engine, Query};

use crate::AppError;

/// A scheme's scores for one period.
#[derive(Debug, Clone, PartialEq)]
pub struct Appraisal {
    pub scheme: AppraisalScheme,
    pub period: String,
    /// By subject code, in the order of the court's judges or departments.
    pub subjects: Vec<SubjectScore>,
    /// The subject's name, by position.
    pub names: Vec<String>,
}

impl Appraisal {
    /// The JSON of `docket appraisal --format json`: totals and item scores to two decimals.
    pub fn to_json(&self) -> serde_json::Value {
        let r2 = |x: f64| (x * 100.0).round() / 100.0;
        serde_json::json!({
            "scheme": self.scheme.id,
            "period": self.period,
            "subjects": self.subjects.iter().zip(&self.names).map(|(s, name)| serde_json::json!({
                "subject": s.subject,
                "name": name,
                "total": r2(s.total),
                "items": s.items.iter().map(|i| serde_json::json!({
                    "item": i.item,
                    "category": i.category,
                    "weight": i.weight,
                    "value": i.value,
                    "score": r2(i.score),
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })
    }
}

/// Scores scheme `scheme_id` of `court` for `period` (`2025` or `2025-03`). The subjects are the
/// court's 员额法官 (a judge scheme) or its departments; an indicator's value is the engine's
/// for the subject's cases of the court, not rolled up.
pub fn appraise(
    engine: &Engine,
    register: &Register,
    judges: &[Judge],
    departments: &[Department],
    court: &CourtCode,
    scheme_id: &str,
    period: &str,
) -> Result<Appraisal, AppError> {
    let state = register
        .reviews
        .schemes
        .get(&(court.clone(), scheme_id.to_owned()))
        .ok_or_else(|| AppError::NotFound(format!("考核方案 {scheme_id}（{court}）")))?;
    let scheme = &state.scheme;
    if !docket_domain::management::period_of_year(period, scheme.year) {
        return Err(AppError::Invalid(format!(
            "考核期间“{period}”应为方案年度 {} 或其中一个月（如 {}-03）",
            scheme.year, scheme.year
        )));
    }
    let p = appraisal_period(period).ok_or_else(|| AppError::Invalid(format!("考核期间“{period}”无效")))?;
    let (subjects, names): (Vec<String>, Vec<String>) = match scheme.subject {
        AppraisalSubject::Judge => {
            judges.iter().filter(|j| &j.court == court && j.quota).map(|j| (j.code.clone(), j.name.clone())).unzip()
        }
        AppraisalSubject::Department => {
            departments.iter().filter(|d| &d.court == court).map(|d| (d.code.clone(), d.name.clone())).unzip()
        }
    };
    let ids: Vec<String> = scheme
        .items
        .iter()
        .filter_map(|i| match &i.source {
            ItemSource::Indicator { id, .. } => Some(id.clone()),
            ItemSource::Manual(_) => None,
        })
        .collect();
    let dimension = match scheme.subject {
        AppraisalSubject::Judge => Dimension::Judge,
        AppraisalSubject::Department => Dimension::Department,
    };
    let mut values = std::collections::HashMap::new();
    if !ids.is_empty() {
        let q = Query {
            court: court.clone(),
            rollup: false,
            period: p,
            by: vec![dimension],
            tag: None,
            causes: Vec::new(),
            indicators: ids,
        };
        let groups = engine.compute(&q).map_err(|e| AppError::Invalid(e.to_string()))?;
        for g in groups {
            // Judges and departments are keyed `court/code`.
            let Some((_, key)) = g.key.first() else { continue };
            let code = key.rsplit_once('/').map_or(key.as_str(), |(_, c)| c);
            for v in g.values {
                values.insert((v.indicator.id.to_owned(), code.to_owned()), v.value);
            }
        }
    }
    let subjects =
        score(scheme, &subjects, &|id, s| values.get(&(id.to_owned(), s.to_owned())).copied().flatten(), &|s, item| {
            state.manual.get(&(s.to_owned(), period.to_owned(), item.to_owned())).map(|c| f64::from(*c) / 100.0)
        });
    Ok(Appraisal { scheme: scheme.clone(), period: period.to_owned(), subjects, names })
}

/// The indicator ids a scheme names that the catalogue does not know.
pub fn unknown_indicators(scheme: &AppraisalScheme) -> Vec<String> {
    scheme
        .items
        .iter()
        .filter_map(|i| match &i.source {
            ItemSource::Indicator { id, .. } if docket_metrics::lookup(id).is_none() => Some(id.clone()),
            _ => None,
        })
        .collect()
}
