//! Docket's storage. The [`Store`] trait is everything the application asks of a database: append
//! to the hash-chained event log together with the projections it implies, in one transaction;
//! allocate 案号 without gaps; read the log back for replay, export and verification; and read
//! the projections. [`SqliteStore`] (the embedded default) and [`PgStore`] implement it with the
//! same SQL where the dialects agree; [`conformance`] is the suite both must pass.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

use std::future::Future;

use chrono::NaiveDate;
use docket_domain::{CaseNumber, CaseState, Court, CourtCode, Department, Judge};

mod accounts;
pub mod backup;
/// The conformance suite every backend must pass (compiled for tests: `test-support`).
#[cfg(feature = "test-support")]
pub mod conformance;
mod error;
mod ledger;
pub mod notifications;
pub mod portal;
mod postgres;
pub mod projection;
pub mod queues;
pub mod search;
mod settings;
mod sql;
mod sqlite;
#[cfg(feature = "test-support")]
pub mod test_support;

pub use accounts::{AccountRow, AccountStore, AuditChainReport, AuditQuery, AuditRow, SessionRow};
pub use backup::BackupStore;
pub use error::StoreError;
pub use ledger::{
    CheckpointRow, EvidenceColumns, EvidenceRow, LEAF_ENTRY, LEAF_EVIDENCE, LeafItem, LedgerStore, NewEvidence,
    evidence_leaf_of,
};
pub use notifications::{NewNotification, Notification, NotificationStore};
pub use portal::{LinkedCase, PortalAccountRow, PortalStore};
pub use postgres::PgStore;
pub use projection::PendingExtension;
pub use projection::{
    DatedFact, EnforcementFact, FirstSettingOutcome, Recovery, ServiceAttempt, StoredCase, StoredFacts, StoredParty,
    supervision_of,
};
pub use queues::{ENFORCEMENT_LIMIT, EnforcementList, QUEUE_LIMIT, QueueStore};
pub use search::{CaseSearch, SealedReach, SearchSort, SearchStore, StatusFilter};
pub use settings::{SettingKey, SettingWrite, SettingsStore};
pub use sqlite::SqliteStore;

/// A migration about to run on an existing database, announced before it runs (升级说明).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationNotice {
    pub version: i64,
    /// The migration's name, from its file name.
    pub description: String,
    /// The first comment line of its SQL: what it does, in a sentence.
    pub summary: String,
}

/// The migrations of `migrator` not yet applied to a database that has some applied: empty for
/// an up-to-date database and for a new one (nothing to upgrade).
pub(crate) fn pending_migrations(migrator: &sqlx::migrate::Migrator, applied: &[i64]) -> Vec<MigrationNotice> {
    if applied.is_empty() {
        return Vec::new();
    }
    migrator
        .iter()
        .filter(|m| !applied.contains(&m.version))
        .map(|m| MigrationNotice {
            version: m.version,
            description: m.description.to_string(),
            summary: m
                .sql
                .as_str()
                .lines()
                .find_map(|l| l.trim().strip_prefix("--"))
                .map(|l| l.trim().to_owned())
                .unwrap_or_default(),
        })
        .collect()
}

/// Where an opening store announces the migrations it is about to run.
pub type Announce<'a> = &'a (dyn Fn(&[MigrationNotice]) + Sync);

/// What kind of fact a log entry records: the interchange `kind` of its body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    Court,
    Department,
    Judge,
    Case,
    Event,
    /// A deployment setting (the holiday calendar of a year, the indicator settings).
    Setting,
    /// A record of the 审管办: a campaign, a ledger item, a suggestion, a petition, or an event of
    /// one (`INTERCHANGE.md`, "Management records").
    Management,
}

impl EntryKind {
    pub const ALL: [EntryKind; 7] =
        [Self::Court, Self::Department, Self::Judge, Self::Case, Self::Event, Self::Setting, Self::Management];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Court => "court",
            Self::Department => "department",
            Self::Judge => "judge",
            Self::Case => "case",
            Self::Event => "event",
            Self::Setting => "setting",
            Self::Management => "management",
        }
    }
}

/// An entry to append. The store numbers it in its court's chain and hashes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    /// The chain the entry joins.
    pub court: CourtCode,
    pub kind: EntryKind,
    /// For case and event entries: the case, and the entry's position in it (0 = the filing).
    pub case: Option<(CaseNumber, u32)>,
    /// For events: the event date and type, kept in columns for queries.
    pub on: Option<NaiveDate>,
    pub event_type: Option<&'static str>,
    /// The canonical interchange line.
    pub body: String,
}

/// A stored log entry.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct LogEntry {
    pub court: String,
    pub seq: i64,
    pub kind: String,
    pub case_no: Option<String>,
    pub case_seq: Option<i64>,
    pub on_date: Option<NaiveDate>,
    pub event_type: Option<String>,
    pub recorded_at: String,
    pub body: String,
    pub hash: Vec<u8>,
}

/// The head of one court's chain.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ChainHead {
    pub court: String,
    pub seq: i64,
    pub hash: Vec<u8>,
}

/// Everything one transaction writes: log entries and the projections they imply.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    pub entries: Vec<NewEntry>,
    pub courts: Vec<Court>,
    pub departments: Vec<Department>,
    pub judges: Vec<Judge>,
    /// Cases to insert or update, with their state after the batch's events.
    pub cases: Vec<CaseWrite>,
    /// Settings the batch's `setting` entries record, written to their tables.
    pub settings: Vec<SettingWrite>,
    /// Audit lines recording who made this change, written in the same transaction: a change
    /// is never stored without its audit line, nor the line without the change.
    pub audit: Vec<AuditRow>,
}

/// A case projection to write.
#[derive(Debug, Clone)]
pub struct CaseWrite {
    pub state: CaseState,
    /// True when the batch files the case (its parties and 案号 counter are written too).
    pub new: bool,
}

/// What a commit wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CommitReceipt {
    pub entries: u64,
    pub cases: u64,
}

/// Counts for summaries.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    pub courts: i64,
    pub departments: i64,
    pub judges: i64,
    pub cases: i64,
    pub open_cases: i64,
    pub log_entries: i64,
    /// Cases per type code, most first.
    pub cases_by_type: Vec<(String, i64)>,
}

/// A reference row whose name a view shows.
#[derive(Debug, Clone, Copy)]
pub enum Named<'a> {
    Court(&'a str),
    /// Court and judge code.
    Judge(&'a str, &'a str),
    /// Court and department code.
    Department(&'a str, &'a str),
}

/// Which cases a listing covers; `None` is no restriction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFilter {
    pub court: Option<String>,
    pub judge: Option<String>,
    pub department: Option<String>,
}

/// Reports progress of long operations (an import, a bulk commit, a verification) in stages.
pub trait Progress: Send + Sync {
    /// A new stage begins, with the number of units it will advance by (0 when unknown).
    fn stage(&self, _name: &str, _total: u64) {}
    fn advance(&self, n: u64);
}

/// No progress reporting.
pub struct NoProgress;
impl Progress for NoProgress {
    fn advance(&self, _: u64) {}
}

/// The storage backend: the event log and its projections; with the Merkle log
/// ([`LedgerStore`]), the accounts ([`AccountStore`]) and the deployment's settings
/// ([`SettingsStore`]) as sub-traits every backend implements.
///
/// Every write happens in one transaction: all of a [`Batch`] is stored, or none of it. Every
/// entry committed also becomes a leaf of the Merkle log ([`LedgerStore`]) in that transaction.
pub trait Store:
    LedgerStore
    + AccountStore
    + SettingsStore
    + BackupStore
    + SearchStore
    + QueueStore
    + NotificationStore
    + PortalStore
    + Clone
    + Send
    + Sync
    + 'static
{
    /// `sqlite` or `postgres`.
    fn backend(&self) -> &'static str;

    /// Appends the batch's entries to their courts' chains and writes its projections.
    /// A case position or case number already taken is a [`StoreError::Conflict`].
    fn commit(
        &self,
        batch: Batch,
        progress: &dyn Progress,
    ) -> impl Future<Output = Result<CommitReceipt, StoreError>> + Send;

    /// Allocates the next 案号 sequence for court × type × year and commits the batch `build`
    /// makes with it, in one transaction: numbers are unique and gap-free.
    fn file_case<F>(
        &self,
        court: &CourtCode,
        type_code: &str,
        year: i32,
        build: F,
    ) -> impl Future<Output = Result<(u32, CommitReceipt), StoreError>> + Send
    where
        F: FnOnce(u32) -> Result<Batch, StoreError> + Send;

    /// Replaces every case projection (rebuild): deletes them and writes `cases`, in one
    /// transaction, which also clears [`Store::projection_rebuilds`].
    fn replace_case_projections(&self, cases: Vec<CaseState>) -> impl Future<Output = Result<u64, StoreError>> + Send;

    /// What migrations added to the case projection that only a replay of the log can fill in
    /// (each a Chinese phrase): empty once `replace_case_projections` has run.
    fn projection_rebuilds(&self) -> impl Future<Output = Result<Vec<String>, StoreError>> + Send;

    fn courts(&self) -> impl Future<Output = Result<Vec<Court>, StoreError>> + Send;
    fn departments(&self) -> impl Future<Output = Result<Vec<Department>, StoreError>> + Send;
    fn judges(&self) -> impl Future<Output = Result<Vec<Judge>, StoreError>> + Send;

    /// Which of these case numbers are stored.
    fn existing_cases(
        &self,
        case_nos: &[CaseNumber],
    ) -> impl Future<Output = Result<Vec<CaseNumber>, StoreError>> + Send;

    /// A case's log entries in order (filing first).
    fn case_entries(&self, case_no: &CaseNumber) -> impl Future<Output = Result<Vec<LogEntry>, StoreError>> + Send;

    /// A case's projection, if stored.
    fn case(&self, case_no: &CaseNumber) -> impl Future<Output = Result<Option<StoredCase>, StoreError>> + Send;
    fn case_parties(&self, case_no: &CaseNumber) -> impl Future<Output = Result<Vec<StoredParty>, StoreError>> + Send;
    /// Cases under `court_prefix` (a court and its lower courts) with a party whose ID number or
    /// credit code is `id_number`, or an organisation named `organisation`; newest first.
    fn cases_with_party(
        &self,
        court_prefix: &str,
        id_number: Option<&str>,
        organisation: Option<&str>,
        limit: i64,
    ) -> impl Future<Output = Result<Vec<StoredCase>, StoreError>> + Send;
    /// Cases whose `origin` is this case.
    fn derived_cases(&self, case_no: &CaseNumber) -> impl Future<Output = Result<Vec<String>, StoreError>> + Send;

    /// Every case projection, ordered by court and case number.
    fn all_cases(&self) -> impl Future<Output = Result<Vec<StoredCase>, StoreError>> + Send;

    /// Every party row, by court, case and position.
    fn all_parties(&self) -> impl Future<Output = Result<Vec<StoredParty>, StoreError>> + Send;

    /// The indicator engine's columns of every case projection, in no order.
    fn all_case_facts(&self) -> impl Future<Output = Result<Vec<StoredFacts>, StoreError>> + Send;

    /// Log entries in chain order after `(court, seq)` (exclusive; `None` from the start),
    /// optionally of one kind, at most `limit`.
    fn scan_log(
        &self,
        kind: Option<EntryKind>,
        after: Option<(String, i64)>,
        limit: i64,
    ) -> impl Future<Output = Result<Vec<LogEntry>, StoreError>> + Send;

    fn chain_heads(&self) -> impl Future<Output = Result<Vec<ChainHead>, StoreError>> + Send;

    /// Cases filed on or before `as_of` and not closed by then, filtered.
    fn cases_open_at(
        &self,
        as_of: NaiveDate,
        filter: &CaseFilter,
    ) -> impl Future<Output = Result<Vec<StoredCase>, StoreError>> + Send;

    fn summary(&self) -> impl Future<Output = Result<Summary, StoreError>> + Send;

    /// The name of a court, a judge or a department (one row, for views).
    fn name_of(&self, what: Named<'_>) -> impl Future<Output = Result<Option<String>, StoreError>> + Send;

    /// A page of cases matching `filter`, newest filing first; `open_only` keeps cases not closed.
    fn list_cases(
        &self,
        filter: &CaseFilter,
        open_only: bool,
        limit: i64,
        offset: i64,
    ) -> impl Future<Output = Result<Vec<StoredCase>, StoreError>> + Send;
}
