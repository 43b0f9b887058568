//! Docket's use cases, over any [`Store`]: import and export of the interchange format, the
//! hash-chain and projection check (`verify`), rebuilding projections from the log, and the case
//! view. Knows no concrete database and no HTTP.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

mod account_admin;
mod accounts;
pub mod applications;
mod appraisal;
pub mod backup;
mod cases;
mod deadlines;
mod error;
mod evidence_check;
mod export;
mod fees;
mod import;
mod integrity;
mod ledger;
mod metrics;
pub mod metrics_output;
mod passwords;
pub mod portal;
mod publication;
mod record_lists;
mod rendering;
mod replay;
mod reports;
mod settings_log;
pub mod totp;
mod verify;
mod view;

pub use account_admin::{AUDIT_ACTIONS, AccountStatus, EditAccount, audit_action_label};
pub use accounts::{
    Account, LOCKOUT_FAILURES, LOCKOUT_SECONDS, NewAccount, OpenedSession, SESSION_IDLE_SECONDS, SESSION_SECONDS,
    SignInError, hash_password, unix_now,
};
pub use appraisal::{Appraisal, appraise, unknown_indicators};
pub use cases::{Filing, FilingParty};
pub use deadlines::{DueCase, derived, state_as_of};
pub use error::{AppError, FieldError};
pub use evidence_check::{MAX_EXPANDED_BYTES, MEDIA_TYPES, content_matches};
pub use export::ExportReport;
pub use fees::fee_account;
pub use import::ImportReport;
pub use integrity::{IntegrityQuery, findings_json};
pub use ledger::{EvidenceUpload, LedgerReport, MAX_EVIDENCE_BYTES, new_log_name, signer_from_file};
pub use metrics::{QueryText, engine_from_states, facts_of, parse_query};
pub use passwords::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, password_problem};
pub use portal::{NewPortalAccount, PortalAccount, PortalCaseRow, PortalCaseView, Served, ServiceOutcome};
pub use publication::{CaseDocument, SharedIndex, access_of, facts_of_document, search_as, search_docs, similar_query};
pub use rendering::{ReportFormat, render_report, report_fonts};
pub use replay::replay_log;
pub use reports::{NameBook, ReportKind, parse_causes};
pub use verify::{ChainProblem, VerifyReport};
pub use view::{CaseView, KnownNames, TimelineEntry};

use docket_store::Store;

/// Progress of a long operation, in stages (the store's trait, so one reporter follows a use
/// case into its commit).
pub use docket_store::Progress as Reporter;

/// Reports nothing.
pub struct Quiet;
impl docket_store::Progress for Quiet {
    fn advance(&self, _: u64) {}
}

/// The application: use cases over a store.
#[derive(Clone)]
pub struct Docket<S: Store> {
    store: S,
    holiday_rule: bool,
    /// Which limit 司法确认 cases run under (the statute by default).
    confirmation_rule: docket_domain::deadline::ConfirmationRule,
    /// The replayed chains behind 数据核查 and 扣延审跟踪, shared by clones.
    histories: integrity::SharedHistories,
    /// The last TOTP step each portal account signed in with, so a code is good once.
    totp_steps: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, u64>>>,
    /// One 网上立案 acceptance at a time in this process, so an application is filed once.
    accepting: std::sync::Arc<tokio::sync::Mutex<()>>,
}

impl<S: Store> Docket<S> {
    pub fn new(store: S) -> Self {
        Self {
            store,
            holiday_rule: true,
            confirmation_rule: Default::default(),
            histories: Default::default(),
            totp_steps: Default::default(),
            accepting: Default::default(),
        }
    }

    /// Whether the holiday rule (民诉法 §85) applies to 审限: a per-deployment setting, on by default.
    pub fn with_holiday_rule(mut self, on: bool) -> Self {
        self.holiday_rule = on;
        self
    }

    pub fn holiday_rule(&self) -> bool {
        self.holiday_rule
    }

    /// Which limit 司法确认 cases run under: the statute's 30 + 30 days (民诉法 §187, the default)
    /// or the 2011 司法确认规定's 15 + 10 — a per-deployment setting like the holiday rule.
    pub fn with_confirmation_rule(mut self, rule: docket_domain::deadline::ConfirmationRule) -> Self {
        self.confirmation_rule = rule;
        self
    }

    pub fn confirmation_rule(&self) -> docket_domain::deadline::ConfirmationRule {
        self.confirmation_rule
    }

    pub fn store(&self) -> &S {
        &self.store
    }
}
