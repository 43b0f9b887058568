//! What a backup carries, and a snapshot kept in memory to restore from.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

/// Writes a little of everything a backup must carry: courts, a case with its events and
/// parties, evidence, accounts, audit lines, a holiday year, a setting and a checkpoint.
pub async fn a_little_of_everything<S: Store>(store: &S) {
    use crate::{CheckpointRow, NewEvidence};
    two_courts(store).await;
    let mut s = sample_case("内0203", 1);
    s.apply(Event { on: date("2025-03-04"), kind: EventKind::HearingHeld { online: false, streamed: false } }).unwrap();
    store.commit(filing_batch(&s), &NoProgress).await.unwrap();
    store.file_case(&court("内0203"), "民初", 2025, |seq| Ok(filing_batch(&sample_case("内0203", seq)))).await.unwrap();
    store
        .add_evidence(NewEvidence {
            court: "内0203".into(),
            case_no: s.record.case_no.to_string(),
            content: vec![0, 159, 146, 150, 255],
            name: "合同.pdf".into(),
            media_type: "application/pdf".into(),
            source: "原告提交".into(),
            method: "线上提交".into(),
            stored_by: "clerk".into(),
            audit: Some(audit_line("clerk", "add_evidence")),
        })
        .await
        .unwrap();
    store.add_accounts(vec![account_named("u", "内0203")], vec![audit_line("admin", "add_user")]).await.unwrap();
    store.set_disabled("u", true, audit_line("admin", "disable_user")).await.unwrap();
    store.create_session(session_of("u", 7)).await.unwrap();
    let batch =
        settings_batch(vec![holiday_year(2027, "2027-01-01 休 元旦"), named("indicators", "a = 1", "admin")], None);
    store.commit(batch, &NoProgress).await.unwrap();
    let size = store.tree_size().await.unwrap() as i64;
    store
        .add_checkpoint(CheckpointRow {
            size,
            root: vec![7; 32],
            note: "note\n".into(),
            issued_at: "2026-01-01T00:00:00Z".into(),
        })
        .await
        .unwrap();
}

/// Rows of a snapshot, kept in memory.
#[derive(Default)]
pub struct Snapshot {
    pub schema: i64,
    pub rows: Vec<(&'static crate::backup::Table, Vec<crate::backup::Value>)>,
}

impl crate::backup::RowSink for Snapshot {
    fn begin(&mut self, schema_version: i64) -> Result<(), StoreError> {
        self.schema = schema_version;
        Ok(())
    }
    fn row(&mut self, table: &'static crate::backup::Table, row: Vec<crate::backup::Value>) -> Result<(), StoreError> {
        self.rows.push((table, row));
        Ok(())
    }
}

impl Snapshot {
    pub async fn of<S: Store>(store: &S) -> Snapshot {
        let mut snap = Snapshot::default();
        store.snapshot(&mut snap).await.unwrap();
        snap
    }

    /// The rows as (table, row) pairs, for comparing two snapshots.
    pub fn table_rows(&self) -> Vec<(&'static str, Vec<crate::backup::Value>)> {
        self.rows.iter().map(|(t, r)| (t.name, r.clone())).collect()
    }

    /// A source replaying these rows.
    pub fn source(&self) -> impl crate::backup::RowSource + '_ {
        struct Replay<'a>(std::slice::Iter<'a, (&'static crate::backup::Table, Vec<crate::backup::Value>)>);
        impl crate::backup::RowSource for Replay<'_> {
            fn next_row(
                &mut self,
            ) -> Result<Option<(&'static crate::backup::Table, Vec<crate::backup::Value>)>, StoreError> {
                Ok(self.0.next().map(|(t, r)| (*t, r.clone())))
            }
        }
        Replay(self.rows.iter())
    }
}
