//! Deployment-wide settings kept in the database: the holiday calendar's imported years and named
//! settings such as the indicator settings.

use std::future::Future;

use crate::{AuditRow, StoreError};

/// The holiday calendar and the saved settings.
pub trait SettingsStore: Send + Sync {
    /// Holiday arrangements imported by an administrator: (year, calendar text).
    fn holiday_years(&self) -> impl Future<Output = Result<Vec<(i64, String)>, StoreError>> + Send;

    /// Stores (replacing) the arrangements of these years, with the audit line of the change, in
    /// one transaction.
    fn set_holiday_years(
        &self,
        years: Vec<(i64, String)>,
        audit: Option<AuditRow>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// A deployment-wide setting's text (e.g. `indicators`), if one was saved.
    fn setting(&self, name: &str) -> impl Future<Output = Result<Option<String>, StoreError>> + Send;

    /// Saves (replacing) a setting's text, recording who saved it, with the audit line of the
    /// change in the same transaction.
    fn set_setting(
        &self,
        name: &str,
        body: &str,
        by: &str,
        audit: Option<AuditRow>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
}
