//! The management records of an import (campaigns, ledgers, suggestions, petitions): each line's
//! references checked (its court, the judges, departments and cases it names), then every line
//! folded into the register as stored, in an order that does not depend on how the file is
//! sorted — the records that open something first, in file order, then the rest by date and line.

use std::collections::HashMap;

use docket_domain::management::{Management, PetitionEventKind, Register};
use docket_domain::{CaseNumber, CourtCode};
use docket_interchange::LineError;
use docket_store::{EntryKind, NewEntry, Store};

use super::Known;
use crate::{AppError, Docket};

/// The entry a management record is written as: its court's chain, its date and kind in the
/// columns kept for queries.
pub(crate) fn management_entry(m: &Management, body: String) -> NewEntry {
    NewEntry {
        court: m.court().clone(),
        kind: EntryKind::Management,
        case: None,
        on: Some(m.on()),
        event_type: Some(m.kind()),
        body,
    }
}

impl<S: Store> Docket<S> {
    /// Checks the management lines against what the file and the database hold; returns them in
    /// the order they are to be written.
    pub(super) async fn check_management(
        &self,
        mut records: Vec<(usize, Management, String)>,
        known: &Known,
        case_lines: &HashMap<CaseNumber, usize>,
        errors: &mut Vec<LineError>,
    ) -> Result<Vec<(Management, String)>, AppError> {
        if records.is_empty() {
            return Ok(Vec::new());
        }
        // The cases they name, in the file or stored.
        let named: Vec<CaseNumber> = records
            .iter()
            .flat_map(|(_, m, _)| {
                let listed = match m {
                    Management::ReviewBatch(b) => b.cases.as_slice(),
                    _ => &[],
                };
                m.case_no().into_iter().chain(listed)
            })
            .filter(|c| !case_lines.contains_key(*c))
            .cloned()
            .collect();
        let stored: std::collections::HashSet<CaseNumber> =
            self.store.existing_cases(&named).await?.into_iter().collect();
        let judge = |court: &CourtCode, code: &str| known.judges.contains_key(&(court.clone(), code.to_owned()));
        let mut fine = Vec::with_capacity(records.len());
        for (line, m, body) in records.drain(..) {
            let before = errors.len();
            let mut err = |field: &str, message: String| errors.push(LineError::new(line, field, message));
            let court = m.court().clone();
            if !known.court_exists(&court) {
                err("court", format!("法院 {court} 不存在"));
            }
            if let Some(c) = m.case_no()
                && !case_lines.contains_key(c)
                && !stored.contains(c)
            {
                err("case_no", format!("案件 {c} 不存在（文件和数据库中均无）"));
            }
            match &m {
                // A 包案领导 leads from the campaign's court or the case's own.
                Management::CampaignCase(c) => {
                    if let Some(l) = &c.leader
                        && !judge(&court, l)
                        && !judge(c.case_no.court(), l)
                    {
                        err("leader", format!("法官 {l} 不存在于 {court} 或 {}", c.case_no.court()));
                    }
                }
                Management::LedgerItem(i) => {
                    if let Some(l) = &i.lead
                        && !judge(&court, l)
                    {
                        err("lead", format!("法官 {l} 不存在于 {court}"));
                    }
                    if let Some(d) = &i.department
                        && !known.departments.contains_key(&(court.clone(), d.clone()))
                    {
                        err("department", format!("庭室 {d} 不存在于 {court}"));
                    }
                    if let Some(id) = &i.indicator
                        && docket_metrics::lookup(id).is_none()
                    {
                        err("indicator", format!("未知指标：{id}"));
                    }
                }
                Management::ReviewBatch(b) => {
                    for c in b.cases.iter().filter(|c| !case_lines.contains_key(*c) && !stored.contains(*c)) {
                        err("cases", format!("案件 {c} 不存在（文件和数据库中均无）"));
                    }
                }
                Management::AppraisalScheme(a) => {
                    for id in crate::appraisal::unknown_indicators(a) {
                        err("items", format!("未知指标：{id}"));
                    }
                }
                Management::ManualScore(x)
                    if !judge(&court, &x.subject)
                        && !known.departments.contains_key(&(court.clone(), x.subject.clone())) =>
                {
                    err("subject", format!("考核对象 {} 不是 {court} 的法官或庭室", x.subject));
                }
                Management::PetitionEvent(e) => {
                    if let PetitionEventKind::Assigned { judge: j } | PetitionEventKind::LeaderReception { judge: j } =
                        &e.kind
                        && !judge(&court, j)
                    {
                        err("judge", format!("法官 {j} 不存在于 {court}"));
                    }
                }
                _ => {}
            }
            if errors.len() == before {
                fine.push((line, m, body));
            }
        }
        // Openers first in file order, then the rest by date and line.
        fine.sort_by_key(|(line, m, _)| (!m.opens(), if m.opens() { None } else { Some(m.on()) }, *line));
        let mut register = self.register().await?;
        let mut out = Vec::with_capacity(fine.len());
        for (line, m, body) in fine {
            // A refused line leaves the register as it was, so one mistake does not cascade.
            match register.apply(&m) {
                Ok(()) => out.push((m, body)),
                Err(e) => errors.push(LineError::new(line, e.field, e.message)),
            }
        }
        Ok(out)
    }

    /// Records management lines made on a page (a campaign and its cases, a ledger item, a 销号 …)
    /// as `by`, with the same checks as an import and an audit line in the same transaction;
    /// refused as a whole with each line's problem (lines numbered from 1 in the given order).
    pub async fn record_management(
        &self,
        records: Vec<Management>,
        by: &crate::Account,
    ) -> Result<crate::ImportReport, AppError> {
        let target = records.first().map(|m| format!("{} {}", m.court(), m.kind())).unwrap_or_default();
        let audit = crate::accounts::audit_by(by, "record_management", &target, &format!("{} 条", records.len()));
        self.import_records_audited(
            records.into_iter().map(docket_interchange::Record::Management).collect(),
            vec![audit],
        )
        .await
    }

    /// The register: every management record of the log folded in chain order.
    pub async fn register(&self) -> Result<Register, AppError> {
        let mut register = Register::default();
        let mut after = None;
        loop {
            let page = self.store.scan_log(Some(EntryKind::Management), after.take(), 5_000).await?;
            let Some(last) = page.last() else { break };
            after = Some((last.court.clone(), last.seq));
            for e in &page {
                if let docket_interchange::Record::Management(m) = crate::replay::parse_entry(e)? {
                    register.apply(&m).map_err(|why| {
                        AppError::Corrupt(format!("法院 {} 第 {} 条记录不能重放：{}：{why}", e.court, e.seq, why.field))
                    })?;
                }
            }
        }
        Ok(register)
    }
}
