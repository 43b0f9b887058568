//! The SQL of the holiday years and the saved settings, shared by both backends.

/// Implements [`crate::SettingsStore`] for a backend (`$store` over `sqlx::$db`).
macro_rules! impl_settings_store {
    ($store:ident, $db:ident) => {
        impl $store {
            /// Writes settings as of `at` (the stamp of the entries that record them).
            pub(crate) async fn write_settings(
                tx: &mut sqlx::Transaction<'static, $db>,
                settings: &[$crate::SettingWrite],
                at: &str,
            ) -> Result<(), $crate::StoreError> {
                for s in settings {
                    match &s.key {
                        $crate::SettingKey::HolidayYear(year) => {
                            sqlx::query(
                                "INSERT INTO holiday_years (year, body, imported_at) VALUES ($1, $2, $3) \
                                 ON CONFLICT (year) DO UPDATE SET body = excluded.body, imported_at = excluded.imported_at",
                            )
                            .bind(*year)
                            .bind(s.body.as_str())
                            .bind(at)
                            .execute(&mut **tx)
                            .await?;
                        }
                        $crate::SettingKey::Named(name) => {
                            sqlx::query(
                                "INSERT INTO settings (name, body, updated_at, updated_by) VALUES ($1, $2, $3, $4) \
                                 ON CONFLICT (name) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at, \
                                 updated_by = excluded.updated_by",
                            )
                            .bind(name.as_str())
                            .bind(s.body.as_str())
                            .bind(at)
                            .bind(s.by.as_str())
                            .execute(&mut **tx)
                            .await?;
                        }
                    }
                }
                Ok(())
            }
        }

        impl $crate::SettingsStore for $store {
            async fn holiday_years(&self) -> Result<Vec<(i64, String)>, $crate::StoreError> {
                Ok(sqlx::query_as("SELECT year, body FROM holiday_years ORDER BY year").fetch_all(self.reader()).await?)
            }

            async fn setting(&self, name: &str) -> Result<Option<String>, $crate::StoreError> {
                let row: Option<(String,)> =
                    sqlx::query_as("SELECT body FROM settings WHERE name = $1").bind(name).fetch_optional(self.reader()).await?;
                Ok(row.map(|r| r.0))
            }

            async fn named_settings(&self) -> Result<Vec<(String, String, String)>, $crate::StoreError> {
                Ok(sqlx::query_as("SELECT name, body, updated_by FROM settings ORDER BY name").fetch_all(self.reader()).await?)
            }

            async fn replace_settings(&self, settings: Vec<$crate::SettingWrite>) -> Result<(), $crate::StoreError> {
                let mut tx = self.writer().begin().await?;
                sqlx::query("DELETE FROM holiday_years").execute(&mut *tx).await?;
                sqlx::query("DELETE FROM settings").execute(&mut *tx).await?;
                Self::write_settings(&mut tx, &settings, &$crate::sql::now_stamp()).await?;
                tx.commit().await?;
                Ok(())
            }
        }
    };
}
pub(crate) use impl_settings_store;
