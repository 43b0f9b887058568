//! The 审判质效 indicator engine (`../shared/INDICATORS.md`).
//!
//! [`FactTable`] holds one compact row per case (50 bytes) plus its dated events (service
//! attempts, recoveries), built from [`CaseFacts`]; the [`Engine`] over it keeps a month cube of
//! every field by court, and [`Engine::upsert`] keeps both current.
//! [`Engine::compute`] evaluates any set of indicators for a court (alone or rolled up), grouped by
//! one dimension and/or by month, quarter or year, with 同比 and 环比: from the cube for whole
//! months by court, otherwise in one pass over the rows per layer of disjoint periods.
//! [`Engine::explain`] lists the cases behind a value.
//!
//! The crate is pure: it knows no SQL and no files. Settings (scopes, thresholds) are values.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod appraisal;
mod catalogue;
mod engine;
mod facts;
mod period;
mod records;
mod settings;

pub use catalogue::{CATALOGUE, Dated, Formula, Indicator, IndicatorId, Kind, RecordMeasure, SCOPES, ids, lookup};
pub use engine::{
    ClosedCase, Dimension, EARLIEST_YEAR, Engine, Explanation, GroupKey, GroupResult, LATEST_YEAR, MAX_FIGURES,
    MAX_SPAN_YEARS, MetricsError, Query, Value, check_period,
};
pub use facts::{CaseFacts, Enforcement, FactTable, JudgeFacts};
pub use period::{Grain, Period};
pub use records::{RecordCount, RecordFacts};
pub use settings::{Range, Settings, SettingsError};
