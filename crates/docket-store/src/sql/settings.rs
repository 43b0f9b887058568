//! The SQL of the holiday years and the saved settings, shared by both backends.

/// Implements [`crate::SettingsStore`] for a backend (`$store` over `sqlx::$db`).
macro_rules! impl_settings_store {
    ($store:ident, $db:ident) => {
        impl $crate::SettingsStore for $store {
            async fn holiday_years(&self) -> Result<Vec<(i64, String)>, $crate::StoreError> {
                Ok(sqlx::query_as("SELECT year, body FROM holiday_years ORDER BY year").fetch_all(self.reader()).await?)
            }

            async fn set_holiday_years(
                &self,
                years: Vec<(i64, String)>,
                audit: Option<$crate::AuditRow>,
            ) -> Result<(), $crate::StoreError> {
                let mut tx = self.writer().begin().await?;
                if let Some(r) = &audit {
                    self.insert_audit(&mut tx, r).await?;
                }
                let stamp = $crate::sql::now_stamp();
                for (year, body) in &years {
                    sqlx::query(
                        "INSERT INTO holiday_years (year, body, imported_at) VALUES ($1, $2, $3) \
                         ON CONFLICT (year) DO UPDATE SET body = excluded.body, imported_at = excluded.imported_at",
                    )
                    .bind(*year)
                    .bind(body.as_str())
                    .bind(stamp.as_str())
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn setting(&self, name: &str) -> Result<Option<String>, $crate::StoreError> {
                let row: Option<(String,)> =
                    sqlx::query_as("SELECT body FROM settings WHERE name = $1").bind(name).fetch_optional(self.reader()).await?;
                Ok(row.map(|r| r.0))
            }

            async fn set_setting(
                &self,
                name: &str,
                body: &str,
                by: &str,
                audit: Option<$crate::AuditRow>,
            ) -> Result<(), $crate::StoreError> {
                let mut tx = self.writer().begin().await?;
                if let Some(r) = &audit {
                    self.insert_audit(&mut tx, r).await?;
                }
                sqlx::query(
                    "INSERT INTO settings (name, body, updated_at, updated_by) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (name) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at, \
                     updated_by = excluded.updated_by",
                )
                .bind(name)
                .bind(body)
                .bind($crate::sql::now_stamp().as_str())
                .bind(by)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(())
            }
        }
    };
}
pub(crate) use impl_settings_store;
