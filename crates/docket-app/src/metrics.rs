//! The indicator engine's facts, from the store's case projections: the 审限 with the holiday rule
//! in force, and the dated facts the indicators count by their own date (electronic service
//! attempts, recoveries), kept in the projection. One conversion, [`facts_of`], serves every
//! source. The store has already checked every column: a damaged row fails the load with the
//! case named (`StoreError::Corrupt`), it is never left out of the figures.

use docket_domain::calendar::HolidayCalendar;
use docket_domain::deadline::ConfirmationRule;
use docket_domain::{CaseState, Judge};
use docket_metrics::{CaseFacts, Engine, FactTable, JudgeFacts, Settings};
use docket_store::{FirstSettingOutcome, Store, StoredCase, StoredFacts};

use crate::{AppError, Docket};

/// The engine's facts of a stored case.
pub fn facts_of(
    row: StoredFacts,
    calendar: &HolidayCalendar,
    holiday_rule: bool,
    confirmation: ConfirmationRule,
) -> CaseFacts {
    let code = row.case_no.case_type().code;
    let deadline_on = row
        .deadline_unadjusted
        .map(|d| calendar.period_end(confirmation.stored_deadline(d, code, &row.cause, row.extensions), holiday_rule));
    CaseFacts {
        court: row.court,
        case_no: row.case_no,
        cause: row.cause,
        judge: row.judge,
        department: row.department,
        tags: row.tags,
        received_on: row.received_on,
        filed_on: row.filed_on,
        closed_on: row.closed_on,
        close_method: row.close_method,
        online: row.online,
        claim_fen: row.claim.map_or(0, |a| a.fen()),
        deducted_days: row.deducted_days,
        extensions: row.extensions,
        deadline_on,
        hearings_held: row.hearings_held,
        first_setting_held: row.first_setting == FirstSettingOutcome::HeldAsScheduled,
        suspended_since: row.suspended_since,
        origin: row.origin,
        eservice: row.eservice.into_iter().map(|a| (a.on, a.delivered)).collect(),
        recoveries: row.recoveries.into_iter().map(|r| (r.on, r.amount.fen())).collect(),
        hearings: row.hearings.into_iter().map(|h| (h.on, h.online, h.streamed)).collect(),
        // The projection keeps the check of the current 终本 closing only.
        termination_compliant: row
            .enforcement
            .iter()
            .any(|f| matches!(&f.fact, docket_store::EnforcementFact::Termination(missing) if missing.is_empty())),
        mediation_org: row.enforcement.iter().rev().find_map(|f| match &f.fact {
            docket_store::EnforcementFact::Mediated(_, org) => Some(org.clone()),
            _ => None,
        }),
        enforcement: documents(&row.enforcement, calendar)
            .into_iter()
            .chain(row.enforcement.iter().filter_map(|f| {
                use docket_metrics::Enforcement as M;
                use docket_store::EnforcementFact as E;
                let e = match &f.fact {
                    E::Urged => M::Urged,
                    E::Performed(a) => M::Performed(a.fen()),
                    E::Detention(n) => M::Detained(*n),
                    E::Referral => M::Referral,
                    E::Blacklist => M::Blacklisted,
                    E::Confirmation(yes) => M::Confirmation(*yes),
                    E::FeePaid(online, _) => M::FeePaid(*online),
                    E::Refund(timely, _) => M::Refund(*timely),
                    E::Flagged(_) => M::Flagged,
                    E::ClosedFlagged(read) => M::ClosedFlagged(*read),
                    E::Deliberated(docket_domain::supervision::Body::AdjudicationCommittee) => M::Committee,
                    E::Deliberated(_)
                    | E::Honoured(_)
                    | E::FlagCleared
                    | E::ReadingRequested(_)
                    | E::ReadingDone(_) => {
                        return None;
                    }
                    E::Query
                    | E::OverSeizure
                    | E::Termination(_)
                    | E::Mediated(..)
                    | E::Relief(..)
                    | E::Converted
                    | E::Document(..)
                    | E::Publication(_) => {
                        return None;
                    }
                };
                Some((f.on, e))
            }))
            .collect(),
    }
}

/// 裁判文书上网: each document not withheld, at its date of effect, published by now or not; each
/// publication, at its day, within 7 working days of the effect or not (法释〔2016〕19号 §7, over
/// the court's holiday calendar). A publication answers the latest document not yet answered.
fn documents(
    facts: &[docket_store::DatedFact],
    calendar: &HolidayCalendar,
) -> Vec<(chrono::NaiveDate, docket_metrics::Enforcement)> {
    use docket_metrics::Enforcement as M;
    use docket_store::EnforcementFact as E;
    let mut docs: Vec<(chrono::NaiveDate, Option<(chrono::NaiveDate, bool)>)> = Vec::new();
    for f in facts {
        match f.fact {
            E::Document(..) => docs.push((f.on, None)),
            E::Publication(online) => {
                if let Some(d) = docs.iter_mut().rev().find(|d| d.1.is_none()) {
                    d.1 = Some((f.on, online));
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (issued, answer) in docs {
        match answer {
            Some((_, false)) => {}
            None => out.push((issued, M::DocumentDue(false))),
            Some((on, true)) => {
                out.push((issued, M::DocumentDue(true)));
                let due = docket_domain::publication::publication_due(issued, calendar);
                out.push((on, M::Published(on <= due)));
            }
        }
    }
    out
}

fn judge_facts(judges: &[Judge]) -> Vec<JudgeFacts> {
    judges
        .iter()
        .map(|j| JudgeFacts {
            court: j.court.clone(),
            code: j.code.clone(),
            quota: j.quota,
            leader: !j.titles.is_empty(),
        })
        .collect()
}

/// An engine over case states held in memory (the benchmark, tests): the same conversion as
/// from the store, through the projection row.
pub fn engine_from_states(
    states: &[CaseState],
    judges: &[Judge],
    calendar: &HolidayCalendar,
    holiday_rule: bool,
    settings: Settings,
) -> Engine {
    let facts = states
        .iter()
        .map(|s| {
            facts_of(StoredFacts::from(StoredCase::from_state(s)), calendar, holiday_rule, ConfirmationRule::Statute)
        })
        .collect();
    Engine::new(FactTable::build(facts, judge_facts(judges), &settings), settings)
}

impl<S: Store> Docket<S> {
    /// Loads the indicator engine from the store: every case projection and dated event.
    pub async fn metrics_engine(&self, settings: Settings) -> Result<Engine, AppError> {
        let register = self.register().await?;
        self.metrics_engine_with(settings, &register).await
    }

    /// [`Docket::metrics_engine`] over a register already folded.
    pub async fn metrics_engine_with(
        &self,
        settings: Settings,
        register: &docket_domain::management::Register,
    ) -> Result<Engine, AppError> {
        let calendar = self.calendar().await?;
        let judges = self.store.judges().await?;
        let rows = self.store.all_case_facts().await?;
        let facts: Vec<CaseFacts> =
            rows.into_iter().map(|r| facts_of(r, &calendar, self.holiday_rule, self.confirmation_rule)).collect();
        let mut engine = Engine::new(FactTable::build(facts, judge_facts(&judges), &settings), settings);
        engine.set_records(docket_metrics::RecordFacts::from_register(register));
        Ok(engine)
    }

    /// The facts of one case as stored now, to keep an engine current after a write.
    pub async fn case_facts(&self, case_no: &docket_domain::CaseNumber) -> Result<Option<CaseFacts>, AppError> {
        let calendar = self.calendar().await?;
        Ok(self
            .store
            .case(case_no)
            .await?
            .map(|row| facts_of(StoredFacts::from(row), &calendar, self.holiday_rule, self.confirmation_rule)))
    }
}

/// A metrics query as people write it: the CLI's flags and the web's parameters, with lists
/// separated by commas. The court is already checked by the caller (the CLI parses it, the web
/// also checks the account may view it).
#[derive(Debug, Clone, Default)]
pub struct QueryText<'a> {
    pub rollup: bool,
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
    /// Dimensions and grains, `month,court`.
    pub by: &'a str,
    pub tag: Option<&'a str>,
    /// 案由, separated by `,`, `，` or `、`.
    pub cause: Option<&'a str>,
    /// Indicator ids; empty for all.
    pub indicators: &'a str,
}

/// The one parser of metrics queries (the CLI and the web both use it): every problem named by
/// its parameter (`from`, `by`, `tag`).
pub fn parse_query(court: docket_domain::CourtCode, t: &QueryText<'_>) -> Result<docket_metrics::Query, AppError> {
    use crate::FieldError;
    let mut problems = Vec::new();
    let (from, to) = match (t.from, t.to) {
        (Some(from), Some(to)) if from > to => {
            problems.push(FieldError::new("from", format!("起始日期 {from} 晚于截止日期 {to}")));
            (from, to)
        }
        (Some(from), Some(to)) => (from, to),
        _ => return Err(AppError::Fields(vec![FieldError::new("from", "请指定统计期间的起止日期")])),
    };
    let mut by = Vec::new();
    for d in t.by.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        match docket_metrics::Dimension::parse(d) {
            Some(dim) => by.push(dim),
            None => problems.push(FieldError::new("by", format!("无法按“{d}”分组"))),
        }
    }
    let tag = match t.tag.map(str::trim).filter(|t| !t.is_empty()) {
        Some(s) => match docket_domain::Tag::parse(s) {
            Some(tag) => Some(tag),
            None => {
                problems.push(FieldError::new("tag", format!("“{s}”不是标签")));
                None
            }
        },
        None => None,
    };
    if !problems.is_empty() {
        return Err(AppError::Fields(problems));
    }
    Ok(docket_metrics::Query {
        court,
        rollup: t.rollup,
        period: docket_metrics::Period::new(from, to),
        by,
        tag,
        causes: crate::parse_causes(t.cause.unwrap_or("")),
        indicators: t.indicators.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn court() -> docket_domain::CourtCode {
        docket_domain::CourtCode::parse("内0203").unwrap()
    }

    #[test]
    fn a_query_is_read_from_its_text_fields() {
        let t = QueryText {
            from: "2025-01-01".parse().ok(),
            to: "2025-12-31".parse().ok(),
            by: "month, court",
            tag: Some("labor"),
            cause: Some("劳动争议，追索劳动报酬纠纷"),
            indicators: "closed,closure_rate",
            ..QueryText::default()
        };
        let q = parse_query(court(), &t).unwrap();
        assert_eq!(q.by.len(), 2);
        assert_eq!(q.tag.as_ref().map(|t| t.as_str()), Some("labor"));
        assert_eq!(q.causes, ["劳动争议", "追索劳动报酬纠纷"]);
        assert_eq!(q.indicators, ["closed", "closure_rate"]);
    }

    #[test]
    fn every_problem_is_named_by_its_parameter() {
        let t = QueryText {
            from: "2025-12-31".parse().ok(),
            to: "2025-01-01".parse().ok(),
            by: "month,weather",
            tag: Some("Labor!"),
            ..QueryText::default()
        };
        let Err(AppError::Fields(f)) = parse_query(court(), &t) else { panic!("accepted") };
        let fields: Vec<&str> = f.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["from", "by", "tag"]);
        assert!(f[1].message.contains("weather"));
        let missing = QueryText { from: None, ..QueryText::default() };
        assert!(matches!(parse_query(court(), &missing), Err(AppError::Fields(_))));
    }
}
