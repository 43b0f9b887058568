//! Every route of the application, and the two files it serves itself.

use std::sync::Arc;

use axum::Router;
use axum::http::header;
use axum::routing::{get, post};
use docket_store::Store;

use crate::error::{self, WebError};
use crate::{Web, admin, analysis, api, ledger, management, openapi, ops, pages, portal, reports};

const STYLESHEET: &str = include_str!("../static/app.css");
/// The scripts, ours and small; every page works without them: the filing form's live hints, and
/// the document form's reading of a .docx or .txt file into its text box.
const FILING_SCRIPT: &str = include_str!("../static/filing.js");
const DOCUMENT_SCRIPT: &str = include_str!("../static/document.js");

/// Every route.
pub fn router<S: Store>(web: Arc<Web<S>>) -> Router {
    Router::new()
        .route("/", get(pages::home::<S>))
        .route("/login", get(pages::login_form).post(pages::login::<S>))
        .route("/logout", post(pages::logout::<S>))
        .route("/lang/{code}", get(pages::switch_lang))
        .route("/my", get(pages::my_cases::<S>))
        .route("/cases", get(pages::cases::<S>))
        .route("/cases/{case_no}", get(pages::case::<S>))
        .route("/cases/{case_no}/events", post(pages::case_event::<S>))
        .route("/cases/{case_no}/documents/{number}", get(pages::document::<S>))
        .route("/file", get(pages::file_form::<S>).post(pages::file::<S>))
        .route("/file/hints", get(pages::file_hints::<S>))
        .route("/metrics", get(analysis::page::<S>))
        .route("/metrics/explain", get(analysis::explain_page::<S>))
        .route("/reports", get(reports::reports::<S>))
        .route("/admin/users", get(pages::users::<S>).post(pages::add_user::<S>))
        .route("/admin/settings", get(admin::settings::<S>).post(admin::save_settings::<S>))
        .route("/admin/holidays", get(admin::holidays::<S>).post(admin::import_holidays::<S>))
        .route("/queues", get(pages::queues_index))
        .route("/queues/division", get(pages::division_page::<S>))
        .route("/queues/{queue}", get(pages::queue_page::<S>))
        .route("/calendar", get(pages::calendar::<S>))
        .route("/manage/campaigns", get(management::campaigns::<S>).post(management::open_campaign::<S>))
        .route("/manage/ledger", get(management::ledger::<S>).post(management::add_item::<S>))
        .route("/manage/ledger/event", post(management::item_event::<S>))
        .route("/manage/suggestions", get(management::suggestions::<S>).post(management::issue_suggestion::<S>))
        .route("/manage/suggestions/event", post(management::suggestion_event::<S>))
        .route("/manage/petitions", get(management::petitions::<S>).post(management::register_petition::<S>))
        .route("/manage/petitions/event", post(management::petition_event::<S>))
        .route("/manage/mediation", get(management::mediation::<S>).post(management::add_org::<S>))
        .route("/manage/reviews", get(management::reviews::<S>).post(management::draw_batch::<S>))
        .route("/manage/reviews/grade", post(management::grade_case::<S>))
        .route("/manage/reviews/report", get(management::review_report::<S>))
        .route("/manage/appraisal", get(management::appraisal::<S>).post(management::save_scheme::<S>))
        .route("/manage/appraisal/scores", post(management::enter_scores::<S>))
        .route("/manage/committee", get(management::committee::<S>))
        .route("/judges/{code}", get(crate::judge::judge_page::<S>))
        .route("/similar", get(crate::similar::similar::<S>))
        .route("/similar/report", get(crate::similar::report::<S>))
        .route("/manage/integrity", get(management::integrity::<S>))
        .route("/manage/tracking", get(management::tracking::<S>))
        .route("/enforcement", get(crate::enforcement::enforcement::<S>))
        .route("/manage/tracking.csv", get(management::tracking_csv::<S>))
        .route("/api/v1/tracking", get(management::tracking_api::<S>))
        .route("/api/v1/queues/{queue}", get(api::queue::<S>))
        .route("/notifications", get(pages::notifications::<S>))
        .route("/notifications/read", post(pages::read_notifications::<S>))
        .route("/api/v1/notifications", get(api::notifications::<S>))
        .route("/api/v1/notifications/read", post(api::read_notifications::<S>))
        .route("/audit", get(pages::audit::<S>))
        .route("/audit/export.csv", get(pages::audit_export::<S>))
        .route("/account", get(pages::account::<S>))
        .route("/account/password", post(pages::change_password::<S>))
        .route("/admin/users/{username}/{action}", post(pages::manage_user::<S>))
        .route("/static/app.css", get(|| async { ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLESHEET) }))
        .route(
            "/static/filing.js",
            get(|| async { ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], FILING_SCRIPT) }),
        )
        .route(
            "/static/document.js",
            get(|| async { ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], DOCUMENT_SCRIPT) }),
        )
        .route("/api/v1/auth/login", post(api::login::<S>))
        .route("/api/v1/auth/logout", post(api::logout::<S>))
        .route("/api/v1/me", get(api::me::<S>))
        .route("/api/v1/cases", get(api::list_cases::<S>).post(api::file_case::<S>))
        .route("/api/v1/cases/{case_no}", get(api::case::<S>))
        .route("/api/v1/cases/{case_no}/events", post(api::append_event::<S>))
        .route("/api/v1/metrics", get(api::metrics::<S>))
        .route("/api/v1/metrics/explain", get(analysis::explain_api::<S>))
        .route("/api/v1/log/checkpoint", get(ledger::checkpoint::<S>))
        .route("/api/v1/log/verifier-key", get(ledger::verifier_key::<S>))
        .route("/api/v1/log/consistency", get(ledger::consistency::<S>))
        .route("/api/v1/cases/{case_no}/events/{seq}/proof", get(ledger::event_proof::<S>))
        .route("/api/v1/cases/{case_no}/events/{seq}/bundle", get(ledger::event_bundle::<S>))
        .route(
            "/api/v1/cases/{case_no}/evidence",
            get(ledger::list_evidence::<S>).post(ledger::add_evidence::<S>).layer(upload_limit()),
        )
        .route("/api/v1/cases/{case_no}/evidence/{number}", get(ledger::download_evidence::<S>))
        .route("/api/v1/cases/{case_no}/evidence/{number}/bundle", get(ledger::evidence_bundle::<S>))
        .route("/cases/{case_no}/evidence", post(ledger::upload_page::<S>).layer(upload_limit()))
        .route("/portal", get(portal::home::<S>))
        .route("/portal/account", get(portal::account::<S>).post(portal::save_account::<S>))
        .route("/portal/cases/{case_no}", get(portal::case::<S>))
        .route("/portal/cases/{case_no}/served/{sha256}", get(portal::served::<S>))
        .route("/portal/cases/{case_no}/entries/{seq}/bundle", get(portal::entry_bundle::<S>))
        .route("/portal/cases/{case_no}/evidence", post(portal::upload::<S>).layer(upload_limit()))
        .route("/portal/cases/{case_no}/evidence/{number}/bundle", get(portal::evidence_bundle::<S>))
        .route("/portal/apply", get(portal::apply_form::<S>).post(portal::apply::<S>))
        .route(
            "/portal/applications/{court}/{no}",
            get(portal::portal_application::<S>).post(portal::portal_application_step::<S>),
        )
        .route("/applications", get(portal::applications::<S>))
        .route("/applications/{court}/{no}", get(portal::application::<S>).post(portal::application_step::<S>))
        .route("/portal-accounts", get(portal::portal_accounts_page::<S>).post(portal::add_portal_account::<S>))
        .route("/cases/{case_no}/serve", post(portal::serve::<S>))
        .route("/healthz", get(ops::healthz::<S>))
        .route("/ops/metrics", get(ops::metrics::<S>))
        .route("/api/openapi.json", get(openapi::document))
        .route("/api/docs", get(openapi::viewer))
        .route_layer(axum::middleware::from_fn_with_state(web.clone(), ops::track::<S>))
        .fallback(|| async { error::PageError(WebError::NotFound) })
        .layer(axum::middleware::map_response(super::security_headers))
        .layer(axum::middleware::from_fn(super::guard))
        .layer(
            tower_http::trace::TraceLayer::new_for_http()
                .make_span_with(|req: &axum::http::Request<_>| {
                    tracing::info_span!("request", method = %req.method(), path = %req.uri().path())
                })
                .on_failure(()),
        )
        .with_state(web)
}

/// Uploads may carry an evidence file up to the vault's limit (and a multipart envelope).
fn upload_limit() -> axum::extract::DefaultBodyLimit {
    axum::extract::DefaultBodyLimit::max(docket_app::MAX_EVIDENCE_BYTES + 64 * 1024)
}
