//! Verification: walks every court's hash chain from its first entry to its recorded head and
//! names the first broken link, then replays the log and compares each case's projection with
//! what is stored. A projection edited behind Docket's back shows up here too.

use docket_domain::chain::{ChainBreak, ChainVerifier};
use docket_store::{Store, StoredCase};

use crate::{AppError, Docket, Reporter};

const PAGE: i64 = 20_000;

/// A problem found in one court's chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainProblem {
    pub court: String,
    pub problem: String,
}

impl std::fmt::Display for ChainProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "法院 {}：{}", self.court, self.problem)
    }
}

/// What verification found.
#[derive(Debug, Clone, Default)]
pub struct VerifyReport {
    pub chains: u64,
    pub entries: u64,
    pub cases: u64,
    /// The first broken link of each broken chain.
    pub broken: Vec<ChainProblem>,
    /// Cases whose stored projection differs from the replayed log (or exists on one side only).
    pub projection_mismatches: Vec<String>,
    /// Lines of the audit chain walked.
    pub audit_lines: u64,
    /// What is wrong with the audit chain (a line edited or deleted), if anything.
    pub audit_problem: Option<String>,
}

impl VerifyReport {
    pub fn is_intact(&self) -> bool {
        self.broken.is_empty() && self.projection_mismatches.is_empty() && self.audit_problem.is_none()
    }
}

impl<S: Store> Docket<S> {
    pub async fn verify(&self, reporter: &dyn Reporter) -> Result<VerifyReport, AppError> {
        let mut report = VerifyReport::default();
        let heads = self.store.chain_heads().await?;
        reporter.stage("校验哈希链", heads.iter().map(|h| h.seq.max(0) as u64).sum());

        // One pass over the whole log in (court, seq) order; each court's entries are contiguous.
        let mut current: Option<(String, ChainVerifier, bool)> = None;
        let mut walked: Vec<(String, ChainVerifier, bool)> = Vec::new();
        let mut after = None;
        loop {
            let page = self.store.scan_log(None, after.take(), PAGE).await?;
            let Some(last) = page.last() else { break };
            after = Some((last.court.clone(), last.seq));
            for e in &page {
                if current.as_ref().is_none_or(|(c, _, _)| *c != e.court) {
                    walked.extend(current.take());
                    current = Some((e.court.clone(), ChainVerifier::default(), false));
                }
                if let Some((court, v, broken)) = current.as_mut()
                    && !*broken
                    && let Err(b) = v.check(e.seq as u64, &e.recorded_at, &e.body, &e.hash)
                {
                    report.broken.push(ChainProblem { court: court.clone(), problem: b.to_string() });
                    *broken = true;
                }
            }
            report.entries += page.len() as u64;
            reporter.advance(page.len() as u64);
        }
        walked.extend(current.take());

        for (court, v, broken) in &walked {
            report.chains += 1;
            match heads.iter().find(|h| &h.court == court) {
                None => report
                    .broken
                    .push(ChainProblem {
                        court: court.clone(), problem: "缺少链尾记录（chain_heads 被删除）".into()
                    }),
                Some(h) if !*broken => {
                    if let Err(b) = v.finish(h.seq as u64, &h.hash) {
                        report.broken.push(ChainProblem { court: court.clone(), problem: b.to_string() });
                    }
                }
                Some(_) => {}
            }
        }
        for h in &heads {
            if h.seq > 0 && !walked.iter().any(|(c, _, _)| *c == h.court) {
                let b = ChainBreak::Head { head_seq: h.seq as u64, last_seq: 0 };
                report.broken.push(ChainProblem { court: h.court.clone(), problem: b.to_string() });
            }
        }

        // The audit log is a chain of its own: an edited line breaks it at that line, a deleted
        // one at the line after, and lines deleted from the end leave the head pointing past them.
        reporter.stage("校验审计日志", 0);
        let audit = self.store.audit_chain(reporter).await?;
        report.audit_lines = audit.rows;
        report.audit_problem = match (audit.first_break, audit.head_matches) {
            (Some(id), _) => Some(format!("第 {id} 条审计记录与链不符：该条被改动，或它之前的记录被删除")),
            (None, false) => {
                Some(format!("审计日志的链尾不是最后一条记录（第 {} 条）：末尾的记录被删除", audit.last_id))
            }
            (None, true) => None,
        };

        // The holiday calendar and the indicator settings the pages use must be the log's.
        reporter.stage("核对设置", 0);
        match self.settings_mismatches().await {
            Ok(found) => report.projection_mismatches.extend(found),
            Err(AppError::Corrupt(why)) => report.projection_mismatches.push(format!("设置记录无法读取：{why}")),
            Err(e) => return Err(e),
        }

        // The management records must fold: a 销号 of an item never opened, a reply dated before
        // its suggestion, is a record that could not have been written through Docket.
        reporter.stage("核对管理记录", 0);
        match self.register().await {
            Ok(_) => {}
            Err(AppError::Corrupt(why)) => report.projection_mismatches.push(format!("管理记录：{why}")),
            Err(e) => return Err(e),
        }

        // The projections must equal a replay of the log.
        reporter.stage("核对案件投影", 0);
        let replayed = match crate::replay_log(&self.store, reporter).await {
            Ok(states) => states,
            Err(AppError::Corrupt(why)) => {
                report.projection_mismatches.push(format!("日志无法重放：{why}"));
                return Ok(report);
            }
            Err(e) => return Err(e),
        };
        let stored = match self.store.all_cases().await {
            Ok(cases) => cases,
            // A row that no longer reads as a case is a projection that disagrees with the log.
            Err(docket_store::StoreError::Corrupt(why)) => {
                report.projection_mismatches.push(why);
                return Ok(report);
            }
            Err(e) => return Err(e.into()),
        };
        let mut stored =
            stored.into_iter().map(|r| (r.case_no.to_string(), r)).collect::<std::collections::BTreeMap<_, _>>();
        for (case_no, state) in &replayed {
            report.cases += 1;
            match stored.remove(case_no) {
                None => report.projection_mismatches.push(format!("{case_no}：日志中有此案，案件表中没有")),
                Some(row) => {
                    let expected = StoredCase::from_state(state);
                    if row != expected {
                        report.projection_mismatches.push(format!(
                            "{case_no}：案件表与日志重放结果不一致（案件表 ≠ 重放：{}）",
                            row.differences(&expected).join("；")
                        ));
                    }
                }
            }
        }
        for case_no in stored.keys() {
            report.projection_mismatches.push(format!("{case_no}：案件表中有此案，日志中没有"));
        }
        // The parties table against each filing's parties (the pages show the table).
        let mut parties: std::collections::BTreeMap<String, Vec<docket_store::StoredParty>> = Default::default();
        match self.store.all_parties().await {
            Ok(rows) => {
                for p in rows {
                    parties.entry(p.case_no.to_string()).or_default().push(p);
                }
            }
            Err(docket_store::StoreError::Corrupt(why)) => report.projection_mismatches.push(why),
            Err(e) => return Err(e.into()),
        }
        for (case_no, state) in &replayed {
            let rows = parties.remove(case_no).unwrap_or_default();
            let filed = &state.record.parties;
            if rows.len() != filed.len() || rows.iter().zip(filed).enumerate().any(|(i, (r, p))| !r.matches(i, p)) {
                report.projection_mismatches.push(format!(
                    "{case_no}：当事人表与立案记录不一致（当事人表 {} 人：{}；立案记录 {} 人：{}）",
                    rows.len(),
                    rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>().join("、"),
                    filed.len(),
                    filed.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join("、")
                ));
            }
        }
        for case_no in parties.keys() {
            report.projection_mismatches.push(format!("{case_no}：当事人表中有此案的当事人，日志中没有此案"));
        }
        Ok(report)
    }
}
