//! 裁判文书 on the case: the documents with where their publication stands, the form that records
//! a document's text, and the review page the 承办法官 approves before publishing — the original
//! and the anonymised text side by side, every change with its article, and the words left as
//! words for a person to check.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use docket_app::CaseDocument;
use docket_domain::Action;
use docket_domain::publication::DocKind;
use docket_store::Store;

use super::frame::{Nav, href, render};
use crate::Web;
use crate::auth::PageUser;
use crate::error::{PageError, WebError};
use crate::i18n::Lang;

/// A document as the case page lists it.
pub struct DocLine {
    pub number: usize,
    pub kind: &'static str,
    pub on: String,
    pub chars: usize,
    /// (class, text) of where its publication stands.
    pub status: (&'static str, String),
    pub review_href: String,
}

/// The case page's document lines, in the user's language.
pub(super) fn doc_lines(docs: &[CaseDocument], case_href: &str, today: chrono::NaiveDate, lang: Lang) -> Vec<DocLine> {
    docs.iter()
        .map(|d| DocLine {
            number: d.number,
            kind: lang.t(d.document.doc.label()),
            on: d.document.on.to_string(),
            chars: d.document.text.chars().count(),
            status: status(d, today, lang),
            review_href: format!("{case_href}/documents/{}", d.number),
        })
        .collect()
}

fn status(d: &CaseDocument, today: chrono::NaiveDate, lang: Lang) -> (&'static str, String) {
    match &d.document.published {
        Some((on, None)) => ("ok", format!("{}（{on}）", lang.t("已上网公布"))),
        Some((on, Some(reason))) => ("muted", format!("{}（{on}）：{reason}", lang.t("不上网"))),
        None => match d.exemption {
            Some(e) => ("notice", format!("{}{}", lang.t("依法可不上网："), lang.t(e.label()))),
            None if today > d.due => ("warn", format!("{}{}", lang.t("逾期未上网，应于此日前公布："), d.due)),
            None => ("notice", format!("{}{}", lang.t("待上网，应于此日前公布："), d.due)),
        },
    }
}

/// The document kinds for the form.
pub(super) fn doc_kinds(lang: Lang) -> Vec<(&'static str, &'static str)> {
    DocKind::ALL.iter().map(|d| (d.as_str(), lang.t(d.label()))).collect()
}

#[derive(Template)]
#[template(path = "document.html")]
struct DocumentPage {
    nav: Nav,
    case_no: String,
    case_href: String,
    post_href: String,
    kind: &'static str,
    on: String,
    status: (&'static str, String),
    profile: &'static str,
    /// The original with each changed span in `<del>`, and the anonymised text with each
    /// replacement in `<ins>` (escaped HTML).
    original: String,
    anonymised: String,
    changes: Vec<(String, String, &'static str)>,
    doubts: Vec<String>,
    /// The decision forms, for the document waiting for one and an account that may publish.
    decide: bool,
    withhold_reason: String,
    today: String,
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The two sides of the diff.
fn sides(d: &CaseDocument) -> (String, String) {
    let text = &d.document.text;
    let (mut left, mut right) = (String::new(), String::new());
    let mut at = 0;
    for c in &d.anonymised.changes {
        let same = esc(&text[at..c.start]);
        left.push_str(&same);
        right.push_str(&same);
        left.push_str(&format!("<del title=\"{}\">{}</del>", esc(c.why.label()), esc(&c.original)));
        right.push_str(&format!("<ins title=\"{}\">{}</ins>", esc(c.why.label()), esc(&c.replacement)));
        at = c.end;
    }
    let rest = esc(&text[at..]);
    left.push_str(&rest);
    right.push_str(&rest);
    (left, right)
}

pub async fn document<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    Path((case_no, number)): Path<(String, usize)>,
) -> Result<Response, PageError> {
    let case = web.case_for(&user.account, &case_no).await?;
    let docs = web.docket.case_documents(&case.row.case_no).await?;
    let d = docs.iter().find(|d| d.number == number).ok_or(WebError::NotFound)?;
    let lang = user.lang;
    let waiting = docs.iter().rev().find(|d| d.document.published.is_none()).map(|d| d.number);
    let (original, anonymised) = sides(d);
    let case_href = href(&case.row.case_no);
    let page = DocumentPage {
        nav: Nav::load(&web, &user, "cases").await?,
        case_no: case.row.case_no.to_string(),
        post_href: format!("{case_href}/events"),
        case_href,
        kind: lang.t(d.document.doc.label()),
        on: d.document.on.to_string(),
        status: status(d, web.today(), lang),
        profile: lang.t(d.profile.label()),
        original,
        anonymised,
        changes: d
            .anonymised
            .changes
            .iter()
            .map(|c| (c.original.clone(), c.replacement.clone(), lang.t(c.why.label())))
            .collect(),
        doubts: d.anonymised.doubts.iter().map(|x| x.name.clone()).collect(),
        decide: waiting == Some(d.number) && user.account.principal().may(Action::Publish, &case.scope()),
        withhold_reason: d.exemption.map(|e| e.label().to_owned()).unwrap_or_default(),
        today: web.today().to_string(),
    };
    render(&page)
}
