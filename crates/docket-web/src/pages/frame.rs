//! What every page shares: the frame (the signed-in navigation), rendering, form fields, links
//! to cases and the colours of values against their ranges.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use docket_store::Store;

use crate::Web;
use crate::auth::User;
use crate::error::PageError;
use crate::i18n::Lang;

pub use crate::form::{CheckedForm, FormFields, field};

pub fn render(t: &impl Template) -> Result<Response, PageError> {
    Ok(Html(t.render()?).into_response())
}

pub fn render_status(status: StatusCode, t: &impl Template) -> Result<Response, PageError> {
    Ok((status, Html(t.render()?)).into_response())
}

/// What every signed-in page's frame shows.
pub struct Nav {
    pub name: String,
    pub role: &'static str,
    pub court_name: String,
    pub csrf: String,
    pub active: &'static str,
    pub can_file: bool,
    pub is_admin: bool,
    /// May change the deployment-wide settings (indicator settings, holiday calendar).
    pub can_configure: bool,
    pub can_audit: bool,
    /// Reads the 审管办's records (审管台账) of its court.
    pub reads_records: bool,
    /// Reads the 执行 page of its court.
    pub reads_enforcement: bool,
    /// The account's role id (`trial_management` …), for what a role alone is shown.
    pub role_id: &'static str,
    pub has_judge: bool,
    pub lang: Lang,
    /// The account's work queues with how many cases wait in each (id, name, count).
    pub queues: Vec<(&'static str, &'static str, usize)>,
    /// Unread notifications, for an account linked to a judge.
    pub notifications: Option<i64>,
}

impl Nav {
    /// The page's words in the user's language.
    pub fn t(&self, zh: &'static str) -> &'static str {
        self.lang.t(zh)
    }

    /// `t` for words that are data (an indicator id, a manual item's name): its English when the
    /// dictionary has one, the word itself otherwise.
    pub fn t_owned(&self, zh: &str) -> String {
        self.lang.t_owned(zh)
    }

    /// The language switch: where it leads and what it says.
    pub fn other_lang(&self) -> (&'static str, &'static str) {
        self.lang.other()
    }

    pub fn new<S: Store>(web: &Web<S>, user: &User, active: &'static str) -> Self {
        let p = user.account.principal();
        Self {
            name: user.account.name.clone(),
            role: user.lang.t(user.account.role.label()),
            court_name: web.court_name(user.account.court.as_str()),
            csrf: user.csrf.clone(),
            active,
            can_file: p.may_file(&user.account.court),
            is_admin: p.may_manage_users(&user.account.court),
            can_configure: web.may_configure(&user.account),
            can_audit: p.may_read_audit(&user.account.court),
            reads_records: p.may_read_records(&user.account.court),
            reads_enforcement: p.may_read_enforcement(&user.account.court),
            role_id: user.account.role.as_str(),
            has_judge: user.account.judge.is_some(),
            lang: user.lang,
            queues: Vec::new(),
            notifications: None,
        }
    }

    /// The frame with the work queues' counts in the header.
    pub async fn load<S: Store>(
        web: &Web<S>,
        user: &User,
        active: &'static str,
    ) -> Result<Self, crate::error::WebError> {
        let counts = crate::queues::counts(web, &user.account).await?;
        let notifications = crate::notices::unread(web, &user.account).await?;
        Ok(Self {
            notifications,
            queues: counts.into_iter().map(|(q, n)| (q.id(), user.lang.t(q.title()), n)).collect(),
            ..Self::new(web, user, active)
        })
    }
}

pub fn href(case_no: impl std::fmt::Display) -> String {
    format!("/cases/{}", percent_encode(&case_no.to_string()))
}

/// Percent-encodes a path segment (UTF-8 bytes outside the unreserved set).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub fn tag_labels(tags: &[docket_domain::Tag], lang: Lang) -> String {
    tags.iter().map(|t| lang.t_owned(t.label())).collect::<Vec<_>>().join("、")
}

/// The colour class of a value against its reasonable range.
pub fn range_class(v: &docket_metrics::Value) -> &'static str {
    match v.within_range {
        Some(true) => "ok",
        Some(false) => "warn",
        None => "",
    }
}

/// A case as a row of the case lists (我的案件, 案件查询, the alert lists).
pub struct CaseLine {
    pub case_no: String,
    pub href: String,
    pub cause: String,
    pub filed_on: String,
    pub judge: String,
    pub status: String,
    pub deadline: String,
    pub countdown: String,
    pub class: &'static str,
    pub tags: String,
    pub warnings: String,
}

/// A stored case as a list row, with the 审限 column and countdown the list computed.
pub fn row_line<S: Store>(
    web: &Web<S>,
    r: &docket_store::StoredCase,
    deadline: String,
    countdown: String,
    class: &'static str,
    lang: Lang,
) -> CaseLine {
    CaseLine {
        case_no: r.case_no.to_string(),
        href: href(&r.case_no),
        cause: r.cause.clone(),
        filed_on: r.filed_on.to_string(),
        judge: r.judge.as_deref().map(|j| web.judge_name(&r.court, j)).unwrap_or_default(),
        status: lang.t(r.status.label()).to_owned(),
        deadline,
        countdown,
        class,
        tags: tag_labels(&r.tags, lang),
        warnings: String::new(),
    }
}
