//! Export: the log's bodies, which are canonical interchange lines, grouped by kind (courts,
//! departments, judges, cases, events) and in chain order within each — so that any reader can
//! load the file front to back, and export ∘ import is the identity.

use std::io::Write;

use docket_store::{EntryKind, Store};

use crate::{AppError, Docket, Reporter};

const PAGE: i64 = 20_000;

/// What an export wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExportReport {
    pub lines: u64,
}

impl<S: Store> Docket<S> {
    /// Writes the whole database as JSONL.
    pub async fn export(&self, out: &mut impl Write, reporter: &dyn Reporter) -> Result<ExportReport, AppError> {
        let mut report = ExportReport::default();
        for kind in EntryKind::ALL {
            reporter.stage(kind.as_str(), 0);
            let mut after = None;
            loop {
                let page = self.store.scan_log(Some(kind), after.take(), PAGE).await?;
                let Some(last) = page.last() else { break };
                after = Some((last.court.clone(), last.seq));
                for e in &page {
                    out.write_all(e.body.as_bytes())?;
                    out.write_all(b"\n")?;
                }
                report.lines += page.len() as u64;
                reporter.advance(page.len() as u64);
            }
        }
        out.flush()?;
        Ok(report)
    }
}
