//! 数据核查 for a court (and its lower courts): each court's chain is replayed into its cases'
//! states with the date each entry was recorded, and the detectors of
//! `docket_domain::integrity` run over them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use docket_domain::integrity::{CaseHistory, Context, Detector, Finding, Thresholds, detect};
use docket_domain::{CaseState, CourtCode};
use docket_reports::Names;
use docket_store::Store;

use crate::{AppError, Docket};

const PAGE: i64 = 20_000;

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
        let calendar = self.calendar().await?;
        let ctx = Context {
            thresholds: &q.thresholds,
            calendar: &calendar,
            holiday_rule: self.holiday_rule(),
            today: q.today,
        };
        let detectors = if q.detectors.is_empty() { Detector::ALL.to_vec() } else { q.detectors.clone() };
        self.with_histories(&q.court, q.rollup, |histories| detect(histories, &ctx, &detectors, q.from, q.to)).await
    }
}

/// The replayed cases of each court's chain, kept between checks and followed: a check replays
/// only the entries written since the last one (the chain is append-only), and a chain that moved
/// underneath (a restore: its head is shorter, or the entry last seen has another hash) is
/// replayed again from its start.
#[derive(Default)]
pub(crate) struct HistoryCache {
    courts: BTreeMap<String, CourtHistory>,
}

#[derive(Default)]
struct CourtHistory {
    /// The last entry replayed, with its hash; -1 before the first.
    seen: i64,
    seen_hash: Vec<u8>,
    states: BTreeMap<String, CaseState>,
    recorded: BTreeMap<String, Vec<NaiveDate>>,
}

impl CourtHistory {
    fn empty() -> Self {
        Self { seen: -1, ..Self::default() }
    }
}

/// The cache shared by every clone of a `Docket`.
pub(crate) type SharedHistories = std::sync::Arc<tokio::sync::Mutex<HistoryCache>>;

impl<S: Store> Docket<S> {
    /// Brings the cached replay of each of the courts up to its chain's head.
    async fn follow_histories(&self, cache: &mut HistoryCache, courts: &[CourtCode]) -> Result<(), AppError> {
        let heads: BTreeMap<String, docket_store::ChainHead> =
            self.store.chain_heads().await?.into_iter().map(|h| (h.court.clone(), h)).collect();
        for court in courts {
            let Some(head) = heads.get(court.as_str()) else {
                cache.courts.remove(court.as_str());
                continue;
            };
            let history = cache.courts.entry(court.to_string()).or_insert_with(CourtHistory::empty);
            if head.seq < history.seen || (head.seq == history.seen && head.hash != history.seen_hash) {
                *history = CourtHistory::empty();
            }
            if history.seen == head.seq {
                continue;
            }
            // From the entry last seen, to check it is still the one replayed.
            let mut after = Some((court.to_string(), history.seen - 1));
            let mut check_first = history.seen >= 0;
            'chain: loop {
                let page = self.store.scan_log(None, after.take(), PAGE).await?;
                let Some(last) = page.last() else { break };
                after = Some((last.court.clone(), last.seq));
                for e in &page {
                    if e.court != court.as_str() || e.seq > head.seq {
                        break 'chain;
                    }
                    if check_first {
                        check_first = false;
                        if e.seq != history.seen || e.hash != history.seen_hash {
                            // Replaced underneath: start again.
                            *history = CourtHistory::empty();
                            after = Some((court.to_string(), -1));
                            continue 'chain;
                        }
                        continue;
                    }
                    if let Some(case_no) = &e.case_no {
                        crate::replay::apply_entry(&mut history.states, e)?;
                        let day = NaiveDate::parse_from_str(e.recorded_at.get(..10).unwrap_or(""), "%Y-%m-%d")
                            .map_err(|_| {
                                AppError::Corrupt(format!("法院 {} 第 {} 条记录的录入时间无效", e.court, e.seq))
                            })?;
                        history.recorded.entry(case_no.clone()).or_default().push(day);
                    }
                    history.seen = e.seq;
                    history.seen_hash.clone_from(&e.hash);
                }
            }
        }
        Ok(())
    }

    /// The courts a check covers: the court, and its lower courts with `rollup`.
    async fn covered_courts(&self, court: &CourtCode, rollup: bool) -> Result<Vec<CourtCode>, AppError> {
        Ok(self
            .store
            .courts()
            .await?
            .into_iter()
            .map(|c| c.code)
            .filter(|c| c == court || (rollup && c.is_within(court)))
            .collect())
    }

    /// Runs `f` over every case of the court (and of its lower courts with `rollup`) replayed from
    /// its court's chain, with the dates each entry was recorded; the replay is kept and followed.
    pub(crate) async fn with_histories<T>(
        &self,
        court: &CourtCode,
        rollup: bool,
        f: impl FnOnce(&[CaseHistory<'_>]) -> T,
    ) -> Result<T, AppError> {
        let courts = self.covered_courts(court, rollup).await?;
        let mut cache = self.histories.lock().await;
        self.follow_histories(&mut cache, &courts).await?;
        let empty = Vec::new();
        let histories: Vec<CaseHistory<'_>> = courts
            .iter()
            .filter_map(|c| cache.courts.get(c.as_str()))
            .flat_map(|h| {
                h.states.iter().map(|(no, s)| CaseHistory { state: s, recorded: h.recorded.get(no).unwrap_or(&empty) })
            })
            .collect();
        Ok(f(&histories))
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
        let periods: Vec<_> = self
            .with_histories(court, rollup, |histories| {
                histories.iter().filter_map(|h| docket_domain::tracking::Periods::of(h.state)).collect()
            })
            .await?;
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

impl<S: Store> Docket<S> {
    /// 数据核查 for the 审管办's copy of a report of `court` over `period`: the findings placed in
    /// the period and since 1 January of its last year, read as of the period's last day; a
    /// finding about a case `may_read` refuses (or naming one among its related cases) is
    /// counted, not listed.
    pub async fn integrity_section(
        &self,
        names: &crate::NameBook,
        court: &str,
        period: &str,
        rollup: bool,
        thresholds: Thresholds,
        may_read: impl Fn(&docket_store::StoredCase) -> bool,
    ) -> Result<docket_reports::IntegritySection, AppError> {
        use chrono::Datelike;
        let code = CourtCode::parse(court).map_err(|e| AppError::Invalid(format!("法院代字 {court}：{e}")))?;
        let period = docket_reports::ReportPeriod::parse(period).map_err(|e| AppError::Invalid(e.to_string()))?;
        let (from, to) = (period.period.from, period.period.to);
        let january = NaiveDate::from_ymd_opt(to.year(), 1, 1).unwrap_or(from).min(from);
        let q = IntegrityQuery { court: code, rollup, from: january, to, detectors: vec![], thresholds, today: to };
        let findings = self.integrity(&q).await?;
        let mut out = docket_reports::IntegritySection { from: Some(from), to: Some(to), ..Default::default() };
        for d in Detector::ALL {
            let of = findings.iter().filter(|f| f.detector == d);
            out.counts.push((d.label().to_owned(), of.clone().filter(|f| f.on >= from).count(), of.count()));
        }
        for f in findings.iter().filter(|f| f.on >= from) {
            let mut readable = true;
            for c in f.case_no.iter().chain(&f.related) {
                readable &= self.store.case(c).await?.as_ref().is_some_and(&may_read);
            }
            if !readable {
                out.unnamed += 1;
            } else if out.lines.len() >= docket_reports::INTEGRITY_LINES {
                out.more += 1;
            } else {
                out.lines.push(docket_reports::IntegrityLine {
                    detector: f.detector.label().to_owned(),
                    court: names.court(f.court.as_str()),
                    case_no: f.case_no.as_ref().map(ToString::to_string),
                    on: f.on,
                    detail: f.detail.clone(),
                });
            }
        }
        Ok(out)
    }
}
