//! Deployment-wide settings kept in the database: the holiday calendar's imported years and named
//! settings such as the indicator settings. They are projections of `setting` entries of the log
//! (written by [`crate::Store::commit`] with the entries, in [`crate::Batch::settings`]), so
//! `verify` can compare them with the log and a forged row is found.

use std::future::Future;

use crate::StoreError;

/// What a setting entry sets.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum SettingKey {
    /// One year of the holiday calendar (`holiday_years`).
    HolidayYear(i64),
    /// A named setting (`settings`), e.g. `indicators`.
    Named(String),
}

/// A setting to write with the entry that records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingWrite {
    pub key: SettingKey,
    pub body: String,
    /// Who saved it.
    pub by: String,
}

/// The holiday calendar and the saved settings.
pub trait SettingsStore: Send + Sync {
    /// Holiday arrangements imported by an administrator: (year, calendar text).
    fn holiday_years(&self) -> impl Future<Output = Result<Vec<(i64, String)>, StoreError>> + Send;

    /// A deployment-wide setting's text (e.g. `indicators`), if one was saved.
    fn setting(&self, name: &str) -> impl Future<Output = Result<Option<String>, StoreError>> + Send;

    /// Every named setting: (name, text, who saved it), by name.
    fn named_settings(&self) -> impl Future<Output = Result<Vec<(String, String, String)>, StoreError>> + Send;

    /// Replaces every setting (rebuild from the log): deletes them and writes `settings`, in one
    /// transaction.
    fn replace_settings(&self, settings: Vec<SettingWrite>) -> impl Future<Output = Result<(), StoreError>> + Send;
}
