//! 数据核查 for a court (and its lower courts): each court's chain is replayed into its cases'
//! states with the date each entry was recorded, and the detectors of
//! `docket_domain::integrity` run over them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use docket_domain::integrity::{CaseHistory, Context, Detector, Finding, Thresholds, detect};
use docket_domain::{CaseState, CourtCode};
use docket_store::Store;

use crate::{AppError, Docket};

const PAGE: i64 = 20_000;

/// Cases by 案号 with their states, and the dates each of their entries was recorded.
type Histories = (BTreeMap<String, CaseState>, BTreeMap<String, Vec<NaiveDate>>);

/// What a check asks.
#[derive(Debug, Clone)]
pub struct IntegrityQuery {
    pub court: CourtCode,
    pub rollup: bool,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Empty for all.
    pub detectors: Vec<Detector>,
    pub thresholds: Thresholds,
    /// The day the data is read as of.
    pub today: NaiveDate,
}

impl<S: Store> Docket<S> {
    /// The findings of the detectors over the court's cases (and its lower courts' with
    /// `rollup`), placed in the period.
    pub async fn integrity(&self, q: &IntegrityQuery) -> Result<Vec<Finding>, AppError> {
        let (states, recorded) = self.court_histories(&q.court, q.rollup).await?;
        let empty = Vec::new();
        let histories: Vec<CaseHistory<'_>> = states
            .iter()
            .map(|(no, s)| CaseHistory { state: s, recorded: recorded.get(no).unwrap_or(&empty) })
            .collect();
        let calendar = self.calendar().await?;
        let ctx = Context {
            thresholds: &q.thresholds,
            calendar: &calendar,
            holiday_rule: self.holiday_rule(),
            today: q.today,
        };
        let detectors = if q.detectors.is_empty() { Detector::ALL.to_vec() } else { q.detectors.clone() };
        Ok(detect(&histories, &ctx, &detectors, q.from, q.to))
    }
}

impl<S: Store> Docket<S> {
    /// Every case of the court (and of its lower courts with `rollup`) replayed from its court's
    /// chain, with the date each entry was recorded.
    pub(crate) async fn court_histories(&self, court: &CourtCode, rollup: bool) -> Result<Histories, AppError> {
        let courts: Vec<CourtCode> = self
            .store
            .courts()
            .await?
            .into_iter()
            .map(|c| c.code)
            .filter(|c| c == court || (rollup && c.is_within(court)))
            .collect();
        let mut states: BTreeMap<String, CaseState> = BTreeMap::new();
        let mut recorded: BTreeMap<String, Vec<NaiveDate>> = BTreeMap::new();
        for court in &courts {
            let mut after = Some((court.to_string(), -1));
            'chain: loop {
                let page = self.store.scan_log(None, after.take(), PAGE).await?;
                let Some(last) = page.last() else { break };
                after = Some((last.court.clone(), last.seq));
                for e in &page {
                    if e.court != court.as_str() {
                        break 'chain;
                    }
                    if let Some(case_no) = &e.case_no {
                        crate::replay::apply_entry(&mut states, e)?;
                        let day = NaiveDate::parse_from_str(e.recorded_at.get(..10).unwrap_or(""), "%Y-%m-%d")
                            .map_err(|_| {
                                AppError::Corrupt(format!("法院 {} 第 {} 条记录的录入时间无效", e.court, e.seq))
                            })?;
                        recorded.entry(case_no.clone()).or_default().push(day);
                    }
                }
            }
        }
        Ok((states, recorded))
    }

    /// 扣延审跟踪: the daily stock and new entries of deducted and extended cases over `[from,
    /// to]` (at most 400 days), and every case with such a period, for the court (and its lower
    /// courts with `rollup`).
    pub async fn tracking(
        &self,
        court: &CourtCode,
        rollup: bool,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<(Vec<docket_domain::tracking::Day>, Vec<docket_domain::tracking::Periods>), AppError> {
        if to < from || (to - from).num_days() > 400 {
            return Err(AppError::Invalid("跟踪期间无效：止日应不早于起日，且不超过 400 天".into()));
        }
        let (states, _) = self.court_histories(court, rollup).await?;
        let periods: Vec<_> = states.values().filter_map(docket_domain::tracking::Periods::of).collect();
        Ok((docket_domain::tracking::series(&periods, from, to), periods))
    }
}

/// The findings as the CLI's and the API's JSON: `{"findings":[{"detector","court","case_no",
/// "related","on","detail"}]}`.
pub fn findings_json(findings: &[Finding]) -> serde_json::Value {
    serde_json::json!({
        "findings": findings.iter().map(|f| serde_json::json!({
            "detector": f.detector.id(),
            "court": f.court.as_str(),
            "case_no": f.case_no.as_ref().map(ToString::to_string),
            "related": f.related.iter().map(ToString::to_string).collect::<Vec<_>>(),
            "on": f.on.to_string(),
            "detail": f.detail,
        })).collect::<Vec<_>>()
    })
}
