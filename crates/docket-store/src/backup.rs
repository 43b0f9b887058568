//! Backup and restore (备份与恢复) at the storage level: every table a deployment keeps, read in
//! one consistent snapshot while the server runs, and written back into an empty database of
//! either backend. The rows travel as typed [`Value`]s, so a backup taken from SQLite restores
//! into PostgreSQL and back. The file format (JSON lines with a checksum) lives above the store.
//!
//! Sessions are not backed up: a restored deployment signs everyone in again. The signing key of
//! the Merkle log is not in the database, so it is not in a backup either (see README).

use std::future::Future;

use chrono::NaiveDate;

use crate::StoreError;

/// A column's type, the same on both backends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    Text,
    /// A 64-bit integer (`BIGINT`, and SQLite's `INTEGER`).
    Int,
    Bool,
    Date,
    Blob,
}

/// A backed-up table: its name and columns, in the order a row lists them.
#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    /// (column, type, may be NULL)
    pub columns: &'static [(&'static str, ColumnType, bool)],
    /// The key a snapshot reads the table in, for a deterministic file.
    pub order_by: &'static str,
}

use ColumnType::{Blob, Bool, Date, Int, Text};

/// Every table a backup carries, in an order that satisfies the foreign keys (courts before
/// accounts). A test compares this list with the migrated schema of both backends, so a new
/// table or column cannot be left out of backups unnoticed.
pub const TABLES: &[Table] = &[
    Table {
        name: "courts",
        columns: &[("code", Text, false), ("name", Text, false), ("level", Text, false), ("parent", Text, true)],
        order_by: "code",
    },
    Table {
        name: "departments",
        columns: &[("court", Text, false), ("code", Text, false), ("name", Text, false)],
        order_by: "court, code",
    },
    Table {
        name: "judges",
        columns: &[
            ("court", Text, false),
            ("code", Text, false),
            ("name", Text, false),
            ("department", Text, true),
            ("titles", Text, false),
            ("quota", Bool, false),
        ],
        order_by: "court, code",
    },
    Table {
        name: "log",
        columns: &[
            ("court", Text, false),
            ("seq", Int, false),
            ("kind", Text, false),
            ("case_no", Text, true),
            ("case_seq", Int, true),
            ("on_date", Date, true),
            ("event_type", Text, true),
            ("recorded_at", Text, false),
            ("body", Text, false),
            ("hash", Blob, false),
        ],
        order_by: "court, seq",
    },
    Table {
        name: "chain_heads",
        columns: &[("court", Text, false), ("seq", Int, false), ("hash", Blob, false)],
        order_by: "court",
    },
    Table {
        name: "cases",
        columns: &[
            ("court", Text, false),
            ("case_no", Text, false),
            ("year", Int, false),
            ("type_code", Text, false),
            ("seq", Int, false),
            ("category", Text, false),
            ("filed_procedure", Text, false),
            ("procedure", Text, false),
            ("cause", Text, false),
            ("received_on", Date, true),
            ("filed_on", Date, false),
            ("online", Bool, false),
            ("claim_amount_fen", Int, true),
            ("tags", Text, false),
            ("origin", Text, true),
            ("sealed", Bool, false),
            ("status", Text, false),
            ("judge", Text, true),
            ("department", Text, true),
            ("closed_on", Date, true),
            ("close_method", Text, true),
            ("close_outcome", Text, true),
            ("archived_on", Date, true),
            ("suspended_since", Date, true),
            ("suspension_reason", Text, true),
            ("deducted_days", Int, false),
            ("extensions", Int, false),
            ("extension_pending", Bool, false),
            ("recovered_fen", Int, false),
            ("hearings_held", Int, false),
            ("first_setting", Text, false),
            ("last_on", Date, false),
            ("events", Int, false),
            ("deadline_unadjusted", Date, true),
            ("eservice_log", Text, false),
            ("recovery_log", Text, false),
            ("next_hearing", Date, true),
            ("next_room", Text, true),
            ("extension_requested_on", Date, true),
            ("extension_length", Text, true),
            ("extension_approver", Text, true),
            ("hearing_log", Text, false),
            ("enforcement_log", Text, false),
        ],
        order_by: "court, case_no",
    },
    Table {
        name: "parties",
        columns: &[
            ("court", Text, false),
            ("case_no", Text, false),
            ("idx", Int, false),
            ("role", Text, false),
            ("kind", Text, false),
            ("name", Text, false),
            ("id_type", Text, true),
            ("id_number", Text, true),
            ("org_type", Text, true),
        ],
        order_by: "court, case_no, idx",
    },
    Table {
        name: "case_counters",
        columns: &[("court", Text, false), ("type_code", Text, false), ("year", Int, false), ("last_seq", Int, false)],
        order_by: "court, type_code, year",
    },
    Table {
        name: "holiday_years",
        columns: &[("year", Int, false), ("body", Text, false), ("imported_at", Text, false)],
        order_by: "year",
    },
    Table {
        name: "settings",
        columns: &[
            ("name", Text, false),
            ("body", Text, false),
            ("updated_at", Text, false),
            ("updated_by", Text, false),
        ],
        order_by: "name",
    },
    Table {
        name: "accounts",
        columns: &[
            ("username", Text, false),
            ("court", Text, false),
            ("name", Text, false),
            ("role", Text, false),
            ("judge", Text, true),
            ("password_hash", Text, false),
            ("failed_logins", Int, false),
            ("locked_until", Int, true),
            ("created_at", Text, false),
            ("disabled", Bool, false),
            ("password_changed_at", Text, true),
        ],
        order_by: "username",
    },
    Table {
        name: "portal_accounts",
        columns: &[
            ("username", Text, false),
            ("link", Text, false),
            ("consent_at", Text, true),
            ("address", Text, true),
            ("totp_secret", Text, true),
        ],
        order_by: "username",
    },
    Table {
        name: "audit_log",
        columns: &[
            ("id", Int, false),
            ("court", Text, false),
            ("at", Text, false),
            ("username", Text, false),
            ("action", Text, false),
            ("target", Text, false),
            ("detail", Text, false),
            ("hash", Blob, true),
        ],
        order_by: "id",
    },
    Table {
        name: "notifications",
        columns: &[
            ("id", Int, false),
            ("court", Text, false),
            ("judge", Text, false),
            ("case_no", Text, false),
            ("kind", Text, false),
            ("text", Text, false),
            ("created_at", Text, false),
            ("read_at", Text, true),
        ],
        order_by: "id",
    },
    Table {
        name: "audit_head",
        columns: &[("id", Int, false), ("last_id", Int, false), ("hash", Blob, false)],
        order_by: "id",
    },
    Table {
        name: "tree_leaves",
        columns: &[
            ("idx", Int, false),
            ("kind", Text, false),
            ("court", Text, false),
            ("seq", Int, false),
            ("hash", Blob, false),
        ],
        order_by: "idx",
    },
    Table {
        name: "tree_nodes",
        columns: &[("level", Int, false), ("idx", Int, false), ("hash", Blob, false)],
        order_by: "level, idx",
    },
    Table {
        name: "tree_head",
        columns: &[("id", Int, false), ("size", Int, false), ("backfill", Bool, false)],
        order_by: "id",
    },
    Table {
        name: "checkpoints",
        columns: &[("size", Int, false), ("root", Blob, false), ("note", Text, false), ("issued_at", Text, false)],
        order_by: "size",
    },
    Table {
        name: "evidence",
        columns: &[
            ("court", Text, false),
            ("seq", Int, false),
            ("case_no", Text, false),
            ("number", Int, false),
            ("recorded_at", Text, false),
            ("sha256", Blob, false),
            ("size", Int, false),
            ("name", Text, false),
            ("media_type", Text, false),
            ("source", Text, false),
            ("method", Text, false),
            ("stored_by", Text, false),
        ],
        order_by: "court, seq",
    },
    Table { name: "evidence_blobs", columns: &[("sha256", Blob, false), ("content", Blob, false)], order_by: "sha256" },
];

/// Tables deliberately left out of backups: signed-in sessions, the migrations' own record, the
/// note of projections a migration left to rebuild (a backup is taken after that rebuild), and
/// the search terms and the portal's links, which are rebuilt from the log after a restore (they
/// say nothing the cases and parties do not).
pub const NOT_BACKED_UP: &[&str] =
    &["sessions", "_sqlx_migrations", "projection_rebuilds", "search_terms", "portal_links"];

/// The table called `name`.
pub fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

/// One stored value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Null,
    Text(String),
    Int(i64),
    Bool(bool),
    Date(NaiveDate),
    Blob(Vec<u8>),
}

/// Where a snapshot's rows go, table by table in [`TABLES`] order.
pub trait RowSink: Send {
    /// The schema version (the latest migration applied) of the database being read, first.
    fn begin(&mut self, schema_version: i64) -> Result<(), StoreError>;
    fn row(&mut self, table: &'static Table, row: Vec<Value>) -> Result<(), StoreError>;
}

/// Where a restore's rows come from; `None` at the end.
pub trait RowSource: Send {
    fn next_row(&mut self) -> Result<Option<(&'static Table, Vec<Value>)>, StoreError>;
}

/// What a restore wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RestoreReceipt {
    /// Rows per table, in [`TABLES`] order.
    pub rows: Vec<(&'static str, u64)>,
}

/// Backup and restore of a whole deployment.
pub trait BackupStore: Send + Sync {
    /// The latest migration applied to this database.
    fn schema_version(&self) -> impl Future<Output = Result<i64, StoreError>> + Send;
    /// Reads every table of [`TABLES`] in one read-only snapshot (a repeatable-read transaction
    /// on PostgreSQL, one read transaction on SQLite's write-ahead log), so a backup taken while
    /// the server writes is a state the database was in at one moment.
    fn snapshot(&self, sink: &mut dyn RowSink) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Writes the rows into this database, which must hold no record, account or audit line, in
    /// one transaction: all of the backup is restored or nothing is.
    fn restore(&self, source: &mut dyn RowSource) -> impl Future<Output = Result<RestoreReceipt, StoreError>> + Send;
}

/// Rows per multi-row INSERT (well under both backends' limits on bound parameters).
pub(crate) const INSERT_BATCH: usize = 200;

/// `INSERT INTO t (c1, …) VALUES ($1, …), (…)` for `rows` rows.
pub(crate) fn insert_sql(table: &Table, rows: usize) -> String {
    let names: Vec<&str> = table.columns.iter().map(|c| c.0).collect();
    let width = names.len();
    let mut sql = format!("INSERT INTO {} ({}) VALUES ", table.name, names.join(", "));
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..width {
            if c > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&format!("${}", r * width + c + 1));
        }
        sql.push(')');
    }
    sql
}

/// `SELECT c1, … FROM t ORDER BY …`.
pub(crate) fn select_sql(table: &Table) -> String {
    let names: Vec<&str> = table.columns.iter().map(|c| c.0).collect();
    format!("SELECT {} FROM {} ORDER BY {}", names.join(", "), table.name, table.order_by)
}

/// Checks a row against its table's columns before it is written: the count, the types and
/// the NULLs; the error names the table and column.
pub fn check_row(table: &Table, row: &[Value]) -> Result<(), String> {
    if row.len() != table.columns.len() {
        return Err(format!("表 {} 应有 {} 列，此行有 {} 列", table.name, table.columns.len(), row.len()));
    }
    for ((name, ty, nullable), v) in table.columns.iter().zip(row) {
        let fits = match (ty, v) {
            (_, Value::Null) => *nullable,
            (Text, Value::Text(_)) | (Int, Value::Int(_)) | (Bool, Value::Bool(_)) => true,
            (Date, Value::Date(_)) | (Blob, Value::Blob(_)) => true,
            _ => false,
        };
        if !fits {
            return Err(format!("表 {} 的列 {} 的值类型不对或不应为空", table.name, name));
        }
    }
    Ok(())
}

/// Implements [`BackupStore`] for a backend.
macro_rules! impl_backup_store {
    ($store:ident, $db:ident) => {
        impl $store {
            fn decode_row(
                row: &<$db as sqlx::Database>::Row,
                table: &'static $crate::backup::Table,
            ) -> Result<Vec<$crate::backup::Value>, $crate::StoreError> {
                use sqlx::Row;
                use $crate::backup::{ColumnType, Value};
                let mut out = Vec::with_capacity(table.columns.len());
                for (i, (_, ty, _)) in table.columns.iter().enumerate() {
                    let v = match ty {
                        ColumnType::Text => row.try_get::<Option<String>, _>(i)?.map(Value::Text),
                        ColumnType::Int => row.try_get::<Option<i64>, _>(i)?.map(Value::Int),
                        ColumnType::Bool => row.try_get::<Option<bool>, _>(i)?.map(Value::Bool),
                        ColumnType::Date => row.try_get::<Option<chrono::NaiveDate>, _>(i)?.map(Value::Date),
                        ColumnType::Blob => row.try_get::<Option<Vec<u8>>, _>(i)?.map(Value::Blob),
                    };
                    out.push(v.unwrap_or(Value::Null));
                }
                Ok(out)
            }

            async fn insert_rows(
                tx: &mut sqlx::Transaction<'static, $db>,
                table: &'static $crate::backup::Table,
                rows: &[Vec<$crate::backup::Value>],
            ) -> Result<(), $crate::StoreError> {
                use $crate::backup::{ColumnType, Value};
                if rows.is_empty() {
                    return Ok(());
                }
                let sql = $crate::backup::insert_sql(table, rows.len());
                // Built from the constant table list only: no value reaches the text.
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                for row in rows {
                    for ((_, ty, _), v) in table.columns.iter().zip(row) {
                        q = match (v, ty) {
                            (Value::Null, ColumnType::Text) => q.bind(None::<String>),
                            (Value::Null, ColumnType::Int) => q.bind(None::<i64>),
                            (Value::Null, ColumnType::Bool) => q.bind(None::<bool>),
                            (Value::Null, ColumnType::Date) => q.bind(None::<chrono::NaiveDate>),
                            (Value::Null, ColumnType::Blob) => q.bind(None::<Vec<u8>>),
                            (Value::Text(s), _) => q.bind(s.clone()),
                            (Value::Int(n), _) => q.bind(*n),
                            (Value::Bool(b), _) => q.bind(*b),
                            (Value::Date(d), _) => q.bind(*d),
                            (Value::Blob(b), _) => q.bind(b.clone()),
                        };
                    }
                }
                q.execute(&mut **tx).await?;
                Ok(())
            }
        }

        impl $crate::backup::BackupStore for $store {
            async fn schema_version(&self) -> Result<i64, $crate::StoreError> {
                Ok(sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success")
                    .fetch_one(self.reader())
                    .await?)
            }

            async fn snapshot(&self, sink: &mut dyn $crate::backup::RowSink) -> Result<(), $crate::StoreError> {
                use futures::TryStreamExt;
                let mut tx = self.reader().begin().await?;
                sqlx::query(Self::SNAPSHOT_BEGIN).execute(&mut *tx).await?;
                let version: i64 =
                    sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success")
                        .fetch_one(&mut *tx)
                        .await?;
                sink.begin(version)?;
                for table in $crate::backup::TABLES {
                    let sql = $crate::backup::select_sql(table);
                    let mut rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch(&mut *tx);
                    while let Some(row) = rows.try_next().await? {
                        sink.row(table, Self::decode_row(&row, table)?)?;
                    }
                }
                tx.commit().await?;
                Ok(())
            }

            async fn restore(
                &self,
                source: &mut dyn $crate::backup::RowSource,
            ) -> Result<$crate::backup::RestoreReceipt, $crate::StoreError> {
                let mut tx = self.writer().begin().await?;
                for (what, sql) in [
                    ("事件日志", "SELECT COUNT(*) FROM log"),
                    ("用户", "SELECT COUNT(*) FROM accounts"),
                    ("审计日志", "SELECT COUNT(*) FROM audit_log"),
                    ("法院", "SELECT COUNT(*) FROM courts"),
                ] {
                    let n: i64 = sqlx::query_scalar(sql).fetch_one(&mut *tx).await?;
                    if n > 0 {
                        return Err($crate::StoreError::Conflict(format!(
                            "目标数据库不是空的（已有{what} {n} 条）：只能恢复到新建的空数据库"
                        )));
                    }
                }
                // The single-row heads a fresh database starts with are replaced by the backup's.
                for sql in [
                    "DELETE FROM tree_head",
                    "DELETE FROM audit_head",
                    "DELETE FROM tree_nodes",
                    "DELETE FROM tree_leaves",
                ] {
                    sqlx::query(sql).execute(&mut *tx).await?;
                }
                let mut counts: Vec<(&'static str, u64)> = $crate::backup::TABLES.iter().map(|t| (t.name, 0)).collect();
                let mut pending: Option<&'static $crate::backup::Table> = None;
                let mut rows: Vec<Vec<$crate::backup::Value>> = Vec::new();
                while let Some((table, row)) = source.next_row()? {
                    if pending.is_some_and(|p| !std::ptr::eq(p, table)) || rows.len() >= $crate::backup::INSERT_BATCH {
                        if let Some(p) = pending {
                            Self::insert_rows(&mut tx, p, &rows).await?;
                        }
                        rows.clear();
                    }
                    $crate::backup::check_row(table, &row).map_err($crate::StoreError::Corrupt)?;
                    if let Some(c) = counts.iter_mut().find(|c| c.0 == table.name) {
                        c.1 += 1;
                    }
                    pending = Some(table);
                    rows.push(row);
                }
                if let Some(p) = pending {
                    Self::insert_rows(&mut tx, p, &rows).await?;
                }
                for sql in Self::AFTER_RESTORE {
                    sqlx::query(*sql).execute(&mut *tx).await?;
                }
                // The search terms are not in the backup: the command line rebuilds them from the
                // log when it next opens the database, as after the migration that added them.
                sqlx::query(
                    "INSERT INTO projection_rebuilds (migration, reason) \
                     SELECT 9, '恢复备份后重建案件查询的检索词' WHERE EXISTS (SELECT 1 FROM cases)",
                )
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok($crate::backup::RestoreReceipt { rows: counts })
            }
        }
    };
}
pub(crate) use impl_backup_store;
