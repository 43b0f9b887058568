//! Docket's court domain: courts and their codes, 类型代字, 案号, parties and identity numbers,
//! amounts, events and the case lifecycle, and the hash chain over the event log.
//!
//! This crate does no I/O: no files, no clock, no database, no async. Everything here is a value
//! or a pure function of values, so the rules are tested without any infrastructure.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod access;
pub mod amount;
pub mod calendar;
pub mod case;
pub mod case_number;
pub mod case_type;
pub mod chain;
pub mod court;
pub mod deadline;
pub mod enforcement;
pub mod event;
pub mod fee;
pub mod identity;
pub mod integrity;
pub mod lifecycle;
pub mod management;
pub mod mediation;
pub mod online_filing;
pub mod party_view;
pub mod portal;
pub mod procedure;
pub mod publication;
pub mod role;
pub mod supervision;
pub mod tracking;
pub mod triage;

pub use access::{Action, CaseScope, Principal, Reach};
pub use amount::Amount;
pub use case::{Agent, AgentKind, CaseRecord, IdType, OrgType, Party, PartyId, PartyKind, PartyRole, Tag};
pub use case_number::CaseNumber;
pub use case_type::{CaseType, Category, Stage};
pub use court::{Court, CourtCode, CourtLevel, Department, Judge, JudgeTitle};
pub use enforcement::{Condition, Measure, Notice, TerminationCheck};
pub use event::{Approver, CloseMethod, Event, EventKind, Period, ServiceChannel, SuspensionReason};
pub use fee::{Assessment, FeeAccount, FeeSchedule, Relief};
pub use lifecycle::{CaseState, LifecycleError, Status};
pub use mediation::MediationMode;
pub use procedure::Procedure;
pub use role::Role;
