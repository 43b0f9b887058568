//! 报告: the 一周一通报, the 月度质效分析, the 年度工作报告数据稿 and the 专题分析报告 of a court the account may view, drafted from the
//! server's indicator engine, shown on the page and downloaded as DOCX, XLSX, CSV or HTML.

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::Datelike as _;
use docket_app::{Docket, NameBook, ReportKind};
use docket_store::Store;
use serde::Deserialize;

use crate::Web;
use crate::auth::PageUser;
use crate::error::{PageError, WebError};
use crate::pages::{Nav, percent_encode};
use crate::query::PageQuery;

#[derive(Deserialize, Default)]
pub struct ReportQuery {
    kind: Option<String>,
    court: Option<String>,
    period: Option<String>,
    #[serde(default)]
    rollup: bool,
    /// For the 专题分析报告: a tag, or 案由 (which wins when given).
    tag: Option<String>,
    cause: Option<String>,
    format: Option<String>,
}

#[derive(Template)]
#[template(path = "reports.html")]
struct ReportsPage {
    nav: Nav,
    kind: String,
    courts: Vec<(String, String)>,
    court: String,
    period: String,
    rollup: bool,
    tags: Vec<(&'static str, &'static str)>,
    tag: String,
    cause: String,
    /// The 案由 the engine knows, for the form's suggestions.
    causes: Vec<String>,
    error: Option<String>,
    body: String,
    download: String,
}

pub async fn reports<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    PageQuery(q): PageQuery<ReportQuery>,
) -> Result<Response, PageError> {
    let a = &user.account;
    let court = web.court_param(a, q.court.as_deref())?;
    let courts = web.viewable_courts(a);
    let today = web.today();
    let kind_id = q.kind.clone().unwrap_or_else(|| "weekly".into());
    let tag = q.tag.clone().filter(|t| !t.is_empty()).unwrap_or_else(|| "enterprise".into());
    let cause = q.cause.clone().map(|c| c.trim().to_string()).unwrap_or_default();
    let kind = if kind_id == "topic" {
        None
    } else {
        Some(ReportKind::parse(&kind_id).ok_or_else(|| WebError::BadRequest(format!("未知的报告类型：{kind_id}")))?)
    };
    let period = q.period.clone().filter(|p| !p.trim().is_empty()).unwrap_or_else(|| match kind {
        Some(ReportKind::Weekly) => today.format("%G-W%V").to_string(),
        Some(ReportKind::Monthly) => today.format("%Y-%m").to_string(),
        Some(ReportKind::Annual) | None => today.year().to_string(),
    });
    let names = NameBook::from_parts(&web.courts, &web.judges, &web.departments);
    let drafted = match kind {
        Some(kind) => {
            let windows = if kind == ReportKind::Weekly {
                match web
                    .docket
                    .extension_windows(&names, court.as_str(), &period, q.rollup, |c| web.readable(&a.principal(), c))
                    .await
                {
                    Ok(w) => w,
                    Err(docket_app::AppError::Invalid(_)) => vec![],
                    Err(e) => return Err(WebError::from(e).into()),
                }
            } else {
                vec![]
            };
            let doc = web.with_engine(|engine| {
                Docket::<S>::report_with(engine, &names, kind, court.as_str(), &period, q.rollup, &windows)
            })?;
            let doc = match (kind, doc) {
                (ReportKind::Weekly, Ok(d)) => {
                    let lists = web
                        .docket
                        .record_lists(&names, court.as_str(), &period, q.rollup, |c| web.readable(&a.principal(), c))
                        .await?;
                    Ok(docket_reports::with_record_lists(d, &lists))
                }
                (ReportKind::Annual, Ok(d)) => {
                    let g = web.docket.government_cases(court.as_str(), &period, q.rollup).await?;
                    Ok(docket_reports::with_government_cases(d, &g))
                }
                (_, doc) => doc,
            };
            // 数据核查 is the 审管办's alone: only its copy carries the section.
            match doc {
                Ok(d) if a.role == docket_domain::Role::TrialManagement => {
                    let thresholds = web.engine()?.settings.integrity.clone();
                    let section = web
                        .docket
                        .integrity_section(&names, court.as_str(), &period, q.rollup, thresholds, |c| {
                            web.readable(&a.principal(), c)
                        })
                        .await?;
                    Ok(docket_reports::with_integrity(d, &section))
                }
                doc => doc,
            }
        }
        // The engine names the cases; their parties come from the store (the engine's lock is
        // not held across that), then the engine drafts.
        None => {
            let cases = web.with_engine(|engine| {
                let topic = if cause.is_empty() {
                    Docket::<S>::topic_of(engine, Some(&tag), None)
                } else {
                    Docket::<S>::topic_of(engine, None, Some(&cause))
                };
                topic.and_then(|topic| {
                    Ok((Docket::<S>::topic_cases(engine, court.as_str(), &period, q.rollup, &topic)?, topic))
                })
            })?;
            match cases {
                Ok((cases, topic)) => {
                    let principal = user.account.principal();
                    let parties = web.docket.organisations_in(&cases, Some(&|c| web.readable(&principal, c))).await?;
                    web.with_engine(|engine| {
                        Docket::<S>::topic_with(engine, &names, court.as_str(), &period, q.rollup, &topic, &parties)
                    })?
                }
                Err(e) => Err(e),
            }
        }
    };
    let (doc, error) = match drafted {
        Ok(d) => (Some(d), None),
        Err(docket_app::AppError::Invalid(why)) => (None, Some(why)),
        Err(e) => return Err(WebError::from(e).into()),
    };
    if let (Some(doc), Some(format)) = (&doc, q.format.as_deref()) {
        let format = docket_app::ReportFormat::parse(format)
            .filter(|f| *f != docket_app::ReportFormat::Text)
            .ok_or_else(|| WebError::BadRequest(format!("未知的格式：{format}")))?;
        // Typesetting is CPU work: off the async workers.
        let owned = doc.clone();
        let bytes = tokio::task::spawn_blocking(move || docket_app::render_report(&owned, format))
            .await
            .map_err(|e| WebError::internal_from("生成报告", e))??;
        let (mime, ext) = (format.mime(), format.extension());
        let mut r = bytes.into_response();
        r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
        let name = format!("{}-{}-{period}.{ext}", court.as_str(), kind_id);
        r.headers_mut().insert(header::CONTENT_DISPOSITION, crate::ledger::attachment(&name));
        return Ok(r);
    }
    let download = format!(
        "/reports?kind={kind_id}&court={}&period={}&rollup={}&tag={}&cause={}",
        percent_encode(court.as_str()),
        percent_encode(&period),
        q.rollup,
        percent_encode(&tag),
        percent_encode(&cause)
    );
    let causes = web.cause_names()?;
    let page = ReportsPage {
        nav: Nav::load(&web, &user, "reports").await?,
        kind: kind_id,
        courts,
        court: court.to_string(),
        period,
        rollup: q.rollup,
        tags: docket_domain::case::KNOWN_TAGS.to_vec(),
        tag,
        cause,
        causes,
        error,
        body: doc.map(|d| d.body_html()).unwrap_or_default(),
        download,
    };
    Ok(axum::response::Html(page.render().map_err(WebError::from)?).into_response())
}
