//! The pages (Chinese, with English), one module per screen: 登录, 首页, 我的案件 and 案件,
//! 案件详情 with its action forms, 立案, 用户管理 and 审计日志 (质效分析, 报告 and 管理 are the
//! crate's `analysis`, `reports` and `admin`). Every form post is read through
//! [`CheckedForm`](crate::form::CheckedForm), which refuses a missing or wrong CSRF token before the
//! handler runs; a refused form is shown again with each problem at its field and nothing stored.

mod account;
mod actions;
pub(crate) mod audit;
mod calendar;
mod case;
mod documents;
mod fee;
mod filing;
mod frame;
mod home;
mod lists;
mod notifications;
mod queues;
mod search;
mod sign_in;
mod supervision;
mod users;

pub use account::{account, change_password};
pub(crate) use actions::stamp_who;
pub use audit::{audit, beijing_time, export as audit_export};
pub use calendar::calendar;
pub use case::{Refused, case, case_event, case_page_with_evidence};
pub use documents::document;
pub use filing::{file, file_form, file_hints};
pub use frame::{Nav, href, percent_encode, range_class, render, render_status};
pub use home::{HomeData, home, warm_home};
pub use lists::{cases, my_cases};
pub use notifications::{notifications, read_notifications};
pub use queues::{division_page, queue_page, queues_index};
pub use sign_in::{login, login_form, logout, switch_lang};
pub use users::{add_user, manage_user, users};
