//! Docket's reports, pure: what a court's managers read each week, month and year, drafted from
//! the indicator engine so that every figure is the engine's.
//!
//! - [`numbers`]: the reports' Chinese number formatting;
//! - [`charts`]: server-side SVG charts (the web's 首页 draws the same);
//! - [`period`]: report periods (year, quarter, month, ISO week, range) and their names;
//! - [`document`]: the document model and its text, HTML and CSV renderings;
//! - [`drafts`]: the 年度工作报告数据稿 and the 一周一通报;
//! - [`office`]: DOCX and XLSX.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod charts;
pub mod document;
pub mod drafts;
pub mod numbers;
pub mod office;
pub mod period;

pub use document::{Block, Document, HeadingNumbers, Table};
pub use drafts::{
    DueItem, GovernmentCases, INTEGRITY_LINES, IntegrityLine, IntegritySection, Names, RecordLists, Scope, SimilarCase,
    SimilarSearch, Tier, Topic, UnclearedCase, WindowCase, annual, monthly, review_bulletin, similar_case_report,
    topic, weekly, with_government_cases, with_integrity, with_record_lists,
};
pub use office::{ChartImage, OfficeError};
pub use period::{PeriodError, ReportPeriod};
