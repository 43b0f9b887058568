//! The tamper-evident record over HTTP: the latest signed checkpoint and the verifier key,
//! inclusion and consistency proofs, verification bundles, and the evidence vault (upload with
//! provenance, list, download). Proofs and files of a case are served only to accounts that may
//! read the case (404 otherwise); storing evidence needs the 证据登记 action on it.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use docket_app::{AppError, EvidenceUpload};
use docket_domain::Action;
use docket_store::{EvidenceRow, Store};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::auth::{ApiUser, PageUser};
use crate::error::{ApiError, PageError, WebError};
use crate::query::ApiQuery;
use crate::{VisibleCase, Web};

/// `Content-Disposition` for a download: an ASCII fallback and the UTF-8 name (RFC 6266/8187).
pub(crate) fn attachment(name: &str) -> HeaderValue {
    let ascii: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_".contains(c) { c } else { '_' }).collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b".-_".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }
        })
        .collect();
    HeaderValue::from_str(&format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

pub(crate) fn json_download(value: &impl serde::Serialize, name: &str) -> Result<Response, WebError> {
    let body = serde_json::to_vec_pretty(value).map_err(|e| WebError::internal_from("写出 JSON", e))?;
    let mut r = body.into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    r.headers_mut().insert(header::CONTENT_DISPOSITION, attachment(name));
    Ok(r)
}

pub fn evidence_json(r: &EvidenceRow) -> Value {
    json!({
        "number": r.number,
        "name": r.name,
        "media_type": r.media_type,
        "size": r.size,
        "sha256": docket_domain::chain::hex(&r.sha256),
        "source": r.source,
        "method": r.method,
        "stored_by": r.stored_by,
        "recorded_at": r.recorded_at,
    })
}

impl<S: Store> Web<S> {
    fn signer(&self) -> Option<&docket_tlog::SignerKey> {
        self.options.signer.as_deref()
    }

    /// The latest checkpoint, issuing one when the log has grown and the server holds the key.
    async fn current_checkpoint(&self) -> Result<docket_store::CheckpointRow, WebError> {
        if let Some(s) = self.signer() {
            return Ok(self.docket.issue_checkpoint(s).await?);
        }
        self.docket.store().latest_checkpoint().await.map_err(AppError::from)?.ok_or(WebError::NotFound)
    }

    pub(crate) fn require_signer(&self) -> Result<&docket_tlog::SignerKey, WebError> {
        self.signer().ok_or_else(|| WebError::internal("服务器未配置签名密钥"))
    }
}

/// `GET /api/v1/log/checkpoint`: the latest signed checkpoint note, as text.
pub async fn checkpoint<S: Store>(State(web): State<Arc<Web<S>>>, ApiUser(_): ApiUser) -> Result<Response, ApiError> {
    let row = web.current_checkpoint().await?;
    Ok(([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], row.note).into_response())
}

/// `GET /api/v1/log/verifier-key`: the key that checks the checkpoints' signatures.
pub async fn verifier_key<S: Store>(State(web): State<Arc<Web<S>>>, ApiUser(_): ApiUser) -> Result<Response, ApiError> {
    let key = web.require_signer()?.verifier().to_string();
    Ok(([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], format!("{key}\n")).into_response())
}

#[derive(Deserialize)]
pub struct Sizes {
    old: u64,
    new: u64,
}

/// `GET /api/v1/log/consistency?old=&new=`.
pub async fn consistency<S: Store>(
    State(web): State<Arc<Web<S>>>,
    ApiUser(_): ApiUser,
    ApiQuery(q): ApiQuery<Sizes>,
) -> Result<Json<Value>, ApiError> {
    let p = web.docket.consistency_proof(q.old, q.new).await.map_err(|e| match e {
        AppError::Invalid(why) => WebError::BadRequest(why),
        other => other.into(),
    })?;
    Ok(Json(serde_json::to_value(p).map_err(|e| WebError::internal_from("写出 JSON", e))?))
}

/// `GET /api/v1/cases/{case_no}/events/{seq}/proof`: the inclusion proof of a case's entry
/// (0 = the filing) with the checkpoint it ends in.
pub async fn event_proof<S: Store>(
    State(web): State<Arc<Web<S>>>,
    ApiUser(user): ApiUser,
    Path((case_no, seq)): Path<(String, u32)>,
) -> Result<Json<Value>, ApiError> {
    let case = web.case_for(&user.account, &case_no).await?;
    let (proof, checkpoint) = web.docket.entry_proof(&case.row.case_no, seq, web.signer()).await?;
    let mut v = serde_json::to_value(proof).map_err(|e| WebError::internal_from("写出 JSON", e))?;
    v["checkpoint"] = json!(checkpoint.note);
    Ok(Json(v))
}

/// `GET /api/v1/cases/{case_no}/events/{seq}/bundle`: a verification bundle (download).
pub async fn event_bundle<S: Store>(
    State(web): State<Arc<Web<S>>>,
    ApiUser(user): ApiUser,
    Path((case_no, seq)): Path<(String, u32)>,
) -> Result<Response, ApiError> {
    let case = web.case_for(&user.account, &case_no).await?;
    let bundle = web.docket.entry_bundle(&case.row.case_no, seq, web.require_signer()?).await?;
    Ok(json_download(&bundle, &format!("{}-{seq}.bundle.json", case.row.case_no))?)
}

/// `GET /api/v1/cases/{case_no}/evidence`.
pub async fn list_evidence<S: Store>(
    State(web): State<Arc<Web<S>>>,
    ApiUser(user): ApiUser,
    Path(case_no): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let case = web.case_for(&user.account, &case_no).await?;
    let rows = web
        .docket
        .store()
        .case_evidence(case.row.court.as_str(), &case.row.case_no.to_string())
        .await
        .map_err(AppError::from)?;
    Ok(Json(
        json!({ "case_no": case.row.case_no.to_string(), "evidence": rows.iter().map(evidence_json).collect::<Vec<_>>() }),
    ))
}

#[derive(Deserialize)]
pub struct UploadQuery {
    name: Option<String>,
    #[serde(rename = "type")]
    media_type: Option<String>,
    source: Option<String>,
    method: Option<String>,
}

async fn store_evidence<S: Store>(
    web: &Web<S>,
    user: &crate::auth::User,
    case: &VisibleCase,
    upload: EvidenceUpload,
) -> Result<EvidenceRow, WebError> {
    web.require(&user.account, Action::Evidence, case).await?;
    Ok(web.docket.add_evidence(case.row.court.as_str(), upload, &user.account.username, Some(&user.account)).await?)
}

/// `POST /api/v1/cases/{case_no}/evidence?name=&type=&source=&method=` with the file as the body.
pub async fn add_evidence<S: Store>(
    State(web): State<Arc<Web<S>>>,
    ApiUser(user): ApiUser,
    Path(case_no): Path<String>,
    ApiQuery(q): ApiQuery<UploadQuery>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let case = web.case_for(&user.account, &case_no).await?;
    let upload = EvidenceUpload {
        case_no: case.row.case_no.to_string(),
        name: q.name.unwrap_or_default(),
        media_type: q.media_type.unwrap_or_default(),
        source: q.source.unwrap_or_default(),
        method: q.method.unwrap_or_default(),
        content: body.to_vec(),
    };
    let row = store_evidence(&web, &user, &case, upload).await?;
    Ok((StatusCode::CREATED, Json(evidence_json(&row))).into_response())
}

/// `GET /api/v1/cases/{case_no}/evidence/{number}`: the file, as stored (its hash checked first),
/// always as a download.
pub async fn download_evidence<S: Store>(
    State(web): State<Arc<Web<S>>>,
    ApiUser(user): ApiUser,
    Path((case_no, number)): Path<(String, i64)>,
) -> Result<Response, ApiError> {
    let case = web.case_for(&user.account, &case_no).await?;
    let (row, content) =
        web.docket.evidence_file(case.row.court.as_str(), &case.row.case_no.to_string(), number).await?;
    let mut r = content.into_response();
    // Never rendered by the browser: whatever the file is, it is saved, not opened here.
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/octet-stream"));
    r.headers_mut().insert(header::CONTENT_DISPOSITION, attachment(&row.name));
    Ok(r)
}

/// `GET /api/v1/cases/{case_no}/evidence/{number}/bundle`.
pub async fn evidence_bundle<S: Store>(
    State(web): State<Arc<Web<S>>>,
    ApiUser(user): ApiUser,
    Path((case_no, number)): Path<(String, i64)>,
) -> Result<Response, ApiError> {
    let case = web.case_for(&user.account, &case_no).await?;
    let bundle = web
        .docket
        .evidence_bundle(case.row.court.as_str(), &case.row.case_no.to_string(), number, web.require_signer()?)
        .await?;
    Ok(json_download(&bundle, &format!("{}-证据{number}.bundle.json", case.row.case_no))?)
}

/// `POST /cases/{case_no}/evidence`: the case page's upload form (multipart, with the CSRF token).
pub async fn upload_page<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    Path(case_no): Path<String>,
    mut form: Multipart,
) -> Result<Response, PageError> {
    let mut upload = EvidenceUpload {
        case_no: String::new(),
        name: String::new(),
        media_type: String::new(),
        source: String::new(),
        method: String::new(),
        content: vec![],
    };
    let mut csrf = String::new();
    while let Some(field) =
        form.next_field().await.map_err(|e| WebError::BadRequest(format!("上传内容无法读取：{e}")))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            upload.name = field.file_name().unwrap_or_default().to_owned();
            upload.content =
                field.bytes().await.map_err(|e| WebError::BadRequest(format!("文件无法读取：{e}")))?.to_vec();
            continue;
        }
        let text = field.text().await.map_err(|e| WebError::BadRequest(format!("表单无法读取：{e}")))?;
        match name.as_str() {
            "csrf" => csrf = text,
            "media_type" => upload.media_type = text,
            "source" => upload.source = text,
            "method" => upload.method = text,
            _ => {}
        }
    }
    user.check_csrf(Some(&csrf))?;
    let case = web.case_for(&user.account, &case_no).await?;
    upload.case_no = case.row.case_no.to_string();
    match store_evidence(&web, &user, &case, upload).await {
        Ok(row) => {
            let done = format!("证据 {}「{}」已登记并写入默克尔日志", row.number, row.name);
            let to = format!("{}?done={}", crate::pages::href(&case.row.case_no), crate::pages::percent_encode(&done));
            Ok(Redirect::to(&to).into_response())
        }
        Err(WebError::Invalid(errors)) => {
            let view = web.docket.case_view_of(case.row.case_no.clone(), case.row.clone(), web.today()).await?;
            crate::pages::case_page_with_evidence(
                &web,
                &user,
                &case,
                &view,
                crate::pages::Refused::Evidence(errors),
                None,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
