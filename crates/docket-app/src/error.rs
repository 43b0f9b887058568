//! The application error type.

use docket_interchange::LineError;
use docket_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The input was refused; nothing was stored. Every problem, by line.
    #[error("导入失败，共 {} 处错误，未写入任何数据", .0.len())]
    Import(Vec<LineError>),
    #[error("未找到：{0}")]
    NotFound(String),
    #[error("输入无效：{0}")]
    Invalid(String),
    /// Stored data that cannot be read back (a body that no longer parses, …).
    #[error("存储的数据已损坏：{0}")]
    Corrupt(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("写出失败：{0}")]
    Io(#[from] std::io::Error),
}
