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
    /// A sign-in refused.
    #[error(transparent)]
    SignIn(#[from] crate::accounts::SignInError),
    /// A form or request refused: every problem, by field (interchange field names).
    #[error("输入有误：{}", .0.iter().map(|f| format!("{}：{}", f.field, f.message)).collect::<Vec<_>>().join("；"))]
    Fields(Vec<FieldError>),
    /// The action is not the account's to take.
    #[error("无权执行此操作：{0}")]
    Forbidden(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("写出失败：{0}")]
    Io(#[from] std::io::Error),
    /// Something this machine lacks for the request (fonts to print with, …); the message says
    /// what and how to get it.
    #[error("{0}")]
    Unavailable(String),
}

/// One problem with one field of a form or request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }
}
