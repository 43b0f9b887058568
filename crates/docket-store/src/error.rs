//! The storage error type.

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The thing asked for does not exist.
    #[error("未找到：{0}")]
    NotFound(String),
    /// A concurrent or duplicate write: a case number or a case position already taken.
    #[error("写入冲突：{0}")]
    Conflict(String),
    /// The database could not be reached or opened.
    #[error("数据库不可用：{0}")]
    Unavailable(String),
    /// Stored data that cannot be read back as what it should be.
    #[error("数据损坏：{0}")]
    Corrupt(String),
    #[error("数据库错误")]
    Other(#[source] sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict(db.message().to_owned()),
            sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::Configuration(_) => StoreError::Unavailable(e.to_string()),
            _ => StoreError::Other(e),
        }
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        StoreError::Unavailable(format!("数据库迁移失败：{e}"))
    }
}
