//! The OpenAPI 3.1 document of `/api/v1`, written by hand from the handlers, and a viewer page of
//! our own that lists it (no third-party viewer is bundled; the document itself is the contract).

use axum::Json;
use axum::http::header;
use axum::response::IntoResponse;
use serde_json::{Value as Json_, json};

use crate::html_escape;

fn error_ref() -> Json_ {
    json!({ "description": "错误", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } })
}

fn case_no_param() -> Json_ {
    json!({ "name": "case_no", "in": "path", "required": true, "description": "案号，如 （2025）内0203民初1号（百分号编码）", "schema": { "type": "string" } })
}

/// The document.
pub fn spec() -> Json_ {
    let mut doc = core_spec();
    if let (Some(paths), Json_::Object(more)) = (doc["paths"].as_object_mut(), ledger_paths()) {
        paths.extend(more);
    }
    document_common_answers(&mut doc);
    doc
}

/// What every operation may answer besides its own responses, in the one error shape: a request
/// the server cannot read (400), no session (401, but for signing in), a body too large or of
/// another type (413, 415: operations with a body), and a database that cannot be reached
/// (503). The session cookie is the security scheme of every operation but the sign-in.
fn document_common_answers(doc: &mut Json_) {
    doc["components"]["securitySchemes"] = json!({
        "session": { "type": "apiKey", "in": "cookie", "name": "docket_session",
            "description": "POST /api/v1/auth/login 设置的会话 Cookie（HttpOnly，SameSite=Strict）" } });
    doc["security"] = json!([{ "session": [] }]);
    let Some(paths) = doc["paths"].as_object_mut() else { return };
    for (path, ops) in paths.iter_mut() {
        for (_, op) in ops.as_object_mut().into_iter().flatten() {
            let has_body = op.get("requestBody").is_some();
            let Some(responses) = op["responses"].as_object_mut() else { continue };
            let mut common = vec![("400", "请求无法读取（参数或路径无效）"), ("503", "数据库暂不可用")];
            if path != "/api/v1/auth/login" {
                common.push(("401", "未登录或会话已结束"));
            }
            if has_body {
                common.push(("413", "请求体过大"));
                common.push(("415", "请求体类型不对"));
                common.push(("422", "输入有误（逐字段说明）"));
            }
            for (code, description) in common {
                responses.entry(code).or_insert_with(|| {
                    json!({ "description": description, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } })
                });
            }
            if path == "/api/v1/auth/login" {
                op["security"] = json!([]);
            }
        }
    }
}

fn number_param() -> Json_ {
    json!({ "name": "number", "in": "path", "required": true, "description": "案件内证据序号（1 起）", "schema": { "type": "integer" } })
}

fn seq_param() -> Json_ {
    json!({ "name": "seq", "in": "path", "required": true, "description": "案件内记录序号：0 为立案，1 起为其后各事件", "schema": { "type": "integer" } })
}

/// The tamper-evident log and the evidence vault.
fn ledger_paths() -> Json_ {
    let inclusion = json!({ "type": "object", "required": ["leaf_index", "tree_size", "leaf_hash", "proof", "root"], "properties": {
        "leaf_index": { "type": "integer" }, "tree_size": { "type": "integer" }, "leaf_hash": { "type": "string", "contentEncoding": "base64" },
        "proof": { "type": "array", "items": { "type": "string", "contentEncoding": "base64" } }, "root": { "type": "string", "contentEncoding": "base64" },
        "checkpoint": { "type": "string", "description": "证明所依据的签名检查点（C2SP tlog-checkpoint）" } } });
    json!({
        "/api/v1/log/checkpoint": { "get": { "summary": "最新的签名检查点（C2SP signed note，纯文本）", "operationId": "checkpoint",
            "responses": { "200": { "description": "检查点", "content": { "text/plain": {} } }, "401": error_ref() } } },
        "/api/v1/log/verifier-key": { "get": { "summary": "检查点公钥（名称+编号+base64(0x01‖Ed25519 公钥)）", "operationId": "verifierKey",
            "responses": { "200": { "description": "公钥", "content": { "text/plain": {} } }, "401": error_ref() } } },
        "/api/v1/log/consistency": { "get": { "summary": "两个树大小之间的一致性证明（RFC 9162）", "operationId": "consistency",
            "parameters": [ { "name": "old", "in": "query", "required": true, "schema": { "type": "integer" } },
                            { "name": "new", "in": "query", "required": true, "schema": { "type": "integer" } } ],
            "responses": { "200": { "description": "{size1,size2,root1,root2,proof}，哈希为 base64" }, "400": error_ref(), "401": error_ref() } } },
        "/api/v1/cases/{case_no}/events/{seq}/proof": { "get": { "summary": "案件记录的包含证明", "operationId": "eventProof",
            "parameters": [case_no_param(), seq_param()],
            "responses": { "200": { "description": "包含证明", "content": { "application/json": { "schema": inclusion } } }, "401": error_ref(), "404": error_ref() } } },
        "/api/v1/cases/{case_no}/events/{seq}/bundle": { "get": { "summary": "案件记录的核验包（docket verify --bundle 离线核验）", "operationId": "eventBundle",
            "parameters": [case_no_param(), seq_param()],
            "responses": { "200": { "description": "核验包（下载）" }, "401": error_ref(), "404": error_ref() } } },
        "/api/v1/cases/{case_no}/evidence": {
            "get": { "summary": "案件的证据列表", "operationId": "listEvidence", "parameters": [case_no_param()],
                "responses": { "200": { "description": "证据及其来源、SHA-256" }, "401": error_ref(), "404": error_ref() } },
            "post": { "summary": "登记证据：请求体为文件本身（不超过 20 MB）", "operationId": "addEvidence",
                "parameters": [case_no_param(),
                    { "name": "name", "in": "query", "required": true, "schema": { "type": "string" } },
                    { "name": "type", "in": "query", "required": true, "description": "声明的文件类型，与内容核对", "schema": { "type": "string" } },
                    { "name": "source", "in": "query", "required": true, "schema": { "type": "string" } },
                    { "name": "method", "in": "query", "required": true, "schema": { "type": "string" } } ],
                "requestBody": { "required": true, "content": { "application/octet-stream": {} } },
                "responses": { "201": { "description": "已登记并写入默克尔日志" }, "401": error_ref(), "403": error_ref(), "404": error_ref(), "413": error_ref(), "422": error_ref() } } },
        "/api/v1/cases/{case_no}/evidence/{number}": { "get": { "summary": "下载证据文件（先核对哈希）", "operationId": "downloadEvidence",
            "parameters": [case_no_param(), number_param()],
            "responses": { "200": { "description": "文件", "content": { "application/octet-stream": {} } }, "401": error_ref(), "404": error_ref() } } },
        "/api/v1/cases/{case_no}/evidence/{number}/bundle": { "get": { "summary": "证据的核验包（含文件）", "operationId": "evidenceBundle",
            "parameters": [case_no_param(), number_param()],
            "responses": { "200": { "description": "核验包（下载）" }, "401": error_ref(), "404": error_ref() } } },
        "/api/v1/queues/{queue}": { "get": { "summary": "工作队列：待分案、待审批、近期开庭（14 天）、审限预警、诉讼费、待阅核；只含本账户可阅的案件", "operationId": "workQueue",
            "parameters": [{ "name": "queue", "in": "path", "required": true,
                "schema": { "type": "string", "enum": ["to_assign", "approvals", "hearings", "due", "fees", "reading", "publication", "postal"] } }],
            "responses": { "200": { "description": "{queue, total, cases: [{case_no, court, type, cause, filed_on, status, judge, department, sealed, on, days_left, warnings, hearing_on, room, extension}]}",
                "content": { "application/json": { "schema": { "type": "object", "required": ["queue", "total", "cases"], "properties": {
                    "queue": { "type": "string" }, "total": { "type": "integer" },
                    "cases": { "type": "array", "items": { "type": "object", "required": ["case_no", "on"] } } } } } } },
                "401": error_ref(), "403": error_ref(), "404": error_ref() } } },
        "/api/v1/tracking": { "get": { "summary": "扣延审跟踪：某法院（可含下级法院）在扣除审限中和延长审限的案件，逐日存量与增量（最长 400 天；审管办、院庭长及上级法院可查）", "operationId": "tracking",
            "parameters": [
                { "name": "court", "in": "query", "required": false, "schema": { "type": "string" } },
                { "name": "from", "in": "query", "required": false, "schema": { "type": "string", "format": "date" } },
                { "name": "to", "in": "query", "required": false, "schema": { "type": "string", "format": "date" } },
                { "name": "rollup", "in": "query", "required": false, "schema": { "type": "string", "enum": ["true", "false"] } }],
            "responses": { "200": { "description": "{court, rollup, from, to, days: [{date, deducted, extended, new_deducted, new_extended}]}",
                "content": { "application/json": { "schema": { "type": "object", "required": ["court", "from", "to", "days"], "properties": {
                    "court": { "type": "string" }, "rollup": { "type": "boolean" }, "from": { "type": "string" }, "to": { "type": "string" },
                    "days": { "type": "array", "items": { "type": "object", "required": ["date", "deducted", "extended", "new_deducted", "new_extended"] } } } } } } },
                "400": error_ref(), "401": error_ref(), "404": error_ref() } } },
        "/api/v1/notifications": { "get": { "summary": "通知：分案、延长审限的审批结果、恢复审理（最新在前），以及今日提醒（明天开庭、7 日内届满的审限）", "operationId": "notifications",
            "responses": { "200": { "description": "{unread, notifications: [{id, case_no, kind, text, at, read}], reminders: [{case_no, text}]}",
                "content": { "application/json": { "schema": { "type": "object", "required": ["unread", "notifications", "reminders"], "properties": {
                    "unread": { "type": "integer" }, "notifications": { "type": "array" }, "reminders": { "type": "array" } } } } } },
                "401": error_ref() } } },
        "/api/v1/notifications/read": { "post": { "summary": "标为已读：up_to 之前（含）的通知，或全部", "operationId": "readNotifications",
            "requestBody": { "required": false, "content": { "application/json": { "schema": { "type": "object",
                "properties": { "up_to": { "type": "integer" } } } } } },
            "responses": { "200": { "description": "{marked}" }, "400": error_ref(), "401": error_ref(), "403": error_ref(), "415": error_ref(), "422": error_ref() } } }
    })
}

fn core_spec() -> Json_ {
    json!({
        "openapi": "3.1.0",
        "info": { "title": "Docket（审管）API", "version": env!("CARGO_PKG_VERSION"),
                  "description": "会话 Cookie（docket_session）认证；无权查看的案件与不存在的案件一样返回 404。" },
        "paths": {
            "/api/v1/auth/login": { "post": {
                "summary": "登录", "operationId": "login",
                "requestBody": { "required": true, "content": { "application/json": { "schema": {
                    "type": "object", "required": ["username", "password"],
                    "properties": { "username": { "type": "string" }, "password": { "type": "string" } } } } } },
                "responses": { "200": { "description": "已登录，设置会话 Cookie" }, "401": error_ref(), "423": error_ref(), "429": error_ref() } } },
            "/api/v1/auth/logout": { "post": { "summary": "退出", "operationId": "logout",
                "responses": { "204": { "description": "已退出" }, "401": error_ref() } } },
            "/api/v1/me": { "get": { "summary": "当前账户", "operationId": "me",
                "responses": { "200": { "description": "账户与 CSRF 令牌" }, "401": error_ref() } } },
            "/api/v1/cases": {
                "get": { "summary": "案件查询：本账户可阅的案件，分页，total 为全部匹配数（不含无权查阅的不公开案件）", "operationId": "listCases",
                    "parameters": [
                        { "name": "q", "in": "query", "description": "当事人名称的任一部分；案号从头或自法院代字、类型代字、编号起的一部分（如“民初12”“123号”）；身份证号、统一社会信用代码（完整或开头）", "schema": { "type": "string", "maxLength": 100 } },
                        { "name": "court", "in": "query", "description": "法院代字（默认本院）", "schema": { "type": "string" } },
                        { "name": "rollup", "in": "query", "description": "含下级法院", "schema": { "type": "boolean" } },
                        { "name": "status", "in": "query", "schema": { "type": "string", "enum": ["open", "closed"] } },
                        { "name": "judge", "in": "query", "schema": { "type": "string" } },
                        { "name": "department", "in": "query", "schema": { "type": "string" } },
                        { "name": "type", "in": "query", "description": "类型代字，如 民初", "schema": { "type": "string" } },
                        { "name": "cause", "in": "query", "description": "案由的一部分", "schema": { "type": "string" } },
                        { "name": "tag", "in": "query", "schema": { "type": "string" } },
                        { "name": "from", "in": "query", "description": "立案日期起", "schema": { "type": "string", "format": "date" } },
                        { "name": "to", "in": "query", "description": "立案日期止", "schema": { "type": "string", "format": "date" } },
                        { "name": "sort", "in": "query", "schema": { "type": "string", "enum": ["filed_desc", "filed_asc", "case_no", "deadline"] } },
                        { "name": "page", "in": "query", "schema": { "type": "integer", "minimum": 1, "maximum": 100000 } },
                        { "name": "per_page", "in": "query", "schema": { "type": "integer", "minimum": 1, "maximum": 200 } },
                        { "name": "open", "in": "query", "description": "旧参数：等同 status=open", "schema": { "type": "boolean" } },
                        { "name": "limit", "in": "query", "description": "旧参数：每页行数", "schema": { "type": "integer", "minimum": 1, "maximum": 500 } },
                        { "name": "offset", "in": "query", "description": "旧参数：跳过的行数", "schema": { "type": "integer", "minimum": 0 } } ],
                    "responses": { "200": { "description": "{court, total, page, per_page, limit, offset, cases: [{case_no, court, type, cause, filed_on, status, judge, department, closed_on, sealed}]}",
                        "content": { "application/json": { "schema": { "type": "object", "required": ["total", "page", "per_page", "cases"], "properties": {
                            "total": { "type": "integer" }, "page": { "type": "integer" }, "per_page": { "type": "integer" },
                            "cases": { "type": "array", "items": { "type": "object", "required": ["case_no"] } } } } } } },
                        "401": error_ref(), "404": error_ref() } },
                "post": { "summary": "立案", "operationId": "fileCase",
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Filing" } } } },
                    "responses": { "201": { "description": "已立案，返回案号" }, "401": error_ref(), "403": error_ref(), "404": error_ref(), "422": error_ref() } } },
            "/api/v1/cases/{case_no}": { "get": { "summary": "案件详情", "operationId": "getCase",
                "parameters": [case_no_param()],
                "responses": { "200": { "description": "案件、当事人、审限、时间线" }, "401": error_ref(), "404": error_ref() } } },
            "/api/v1/cases/{case_no}/events": { "post": { "summary": "追加事件（交换格式的 event 行）", "operationId": "appendEvent",
                "parameters": [case_no_param()],
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object",
                    "required": ["on", "type"], "properties": { "on": { "type": "string", "format": "date" }, "type": { "type": "string" } } } } } },
                "responses": { "201": { "description": "已记录" }, "401": error_ref(), "403": error_ref(), "404": error_ref(), "409": error_ref(), "422": error_ref() } } },
            "/api/v1/metrics": { "get": { "summary": "审判质效指标", "operationId": "metrics",
                "parameters": [
                    { "name": "court", "in": "query", "schema": { "type": "string" } },
                    { "name": "from", "in": "query", "schema": { "type": "string", "format": "date" } },
                    { "name": "to", "in": "query", "schema": { "type": "string", "format": "date" } },
                    { "name": "rollup", "in": "query", "schema": { "type": "boolean" } },
                    { "name": "by", "in": "query", "schema": { "type": "string" } },
                    { "name": "tag", "in": "query", "schema": { "type": "string" } },
                    { "name": "cause", "in": "query", "description": "案由，多个以逗号分隔", "schema": { "type": "string" } },
                    { "name": "indicators", "in": "query", "schema": { "type": "string" } } ],
                "responses": { "200": { "description": "与 docket metrics --format json 相同" }, "401": error_ref(), "404": error_ref(), "422": error_ref() } } },
            "/api/v1/metrics/explain": { "get": { "summary": "指标下钻：分子、分母所含案件（不可阅的不公开案件只计数、不列案号）", "operationId": "explainMetric",
                "parameters": [
                    { "name": "id", "in": "query", "required": true, "description": "指标 id，如 closure_rate", "schema": { "type": "string" } },
                    { "name": "court", "in": "query", "schema": { "type": "string" } },
                    { "name": "from", "in": "query", "schema": { "type": "string", "format": "date" } },
                    { "name": "to", "in": "query", "schema": { "type": "string", "format": "date" } },
                    { "name": "rollup", "in": "query", "schema": { "type": "boolean" } },
                    { "name": "by", "in": "query", "description": "分组维度（与 group 一起限定到一个分组）", "schema": { "type": "string" } },
                    { "name": "group", "in": "query", "description": "分组的值，如 内0203/J1、离婚纠纷", "schema": { "type": "string" } },
                    { "name": "tag", "in": "query", "schema": { "type": "string" } },
                    { "name": "cause", "in": "query", "schema": { "type": "string" } },
                    { "name": "offset", "in": "query", "schema": { "type": "integer", "minimum": 0 } },
                    { "name": "limit", "in": "query", "schema": { "type": "integer", "minimum": 1, "maximum": 1000 } } ],
                "responses": { "200": { "description": "{id, name, court, from, to, group, value, numerator: {count, offset, cases, withheld}, denominator: {…}}" },
                    "401": error_ref(), "404": error_ref(), "422": error_ref() } } }
        },
        "components": { "schemas": {
            "Error": { "type": "object", "required": ["error"], "properties": { "error": { "type": "object",
                "required": ["code", "message"], "properties": {
                    "code": { "type": "string", "enum": ["unauthenticated", "not_found", "forbidden", "invalid", "bad_request",
                        "bad_credentials", "locked", "rate_limited", "conflict", "unavailable", "internal"] },
                    "message": { "type": "string" },
                    "fields": { "type": "array", "items": { "type": "object", "properties": {
                        "field": { "type": "string" }, "message": { "type": "string" } } } } } } } },
            "Filing": { "type": "object", "required": ["type", "procedure", "cause", "parties"], "properties": {
                "court": { "type": "string" }, "type": { "type": "string" }, "procedure": { "type": "string" },
                "cause": { "type": "string" }, "received_on": { "type": "string", "format": "date" },
                "filed_on": { "type": "string", "format": "date" }, "online": { "type": "boolean" },
                "claim_amount": { "type": "string" }, "tags": { "type": "array", "items": { "type": "string" } },
                "origin": { "type": "string" }, "sealed": { "type": "boolean" }, "judge": { "type": "string" },
                "parties": { "type": "array", "items": { "type": "object", "required": ["role", "kind", "name"], "properties": {
                    "role": { "type": "string" }, "kind": { "type": "string" }, "name": { "type": "string" },
                    "id_number": { "type": "string" },
                    "org_type": { "type": "string", "enum": ["government", "soe", "private"] } } } } } }
        } }
    })
}

pub async fn document() -> impl IntoResponse {
    Json(spec())
}

/// A page listing every operation of the document.
pub async fn viewer() -> impl IntoResponse {
    let spec = spec();
    let mut rows = String::new();
    if let Some(paths) = spec["paths"].as_object() {
        for (path, ops) in paths {
            for (method, op) in ops.as_object().into_iter().flatten() {
                let codes: Vec<&str> =
                    op["responses"].as_object().map(|r| r.keys().map(String::as_str).collect()).unwrap_or_default();
                rows.push_str(&format!(
                    "<tr><td><code>{}</code></td><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                    method.to_uppercase(),
                    html_escape(path),
                    html_escape(op["summary"].as_str().unwrap_or("")),
                    codes.join(" ")
                ));
            }
        }
    }
    let body = format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>API 文档 · 审管</title>\
         <link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><main><h1>Docket API</h1>\
         <p>完整定义见 <a href=\"/api/openapi.json\">/api/openapi.json</a>（OpenAPI 3.1）。</p>\
         <table><thead><tr><th>方法</th><th>路径</th><th>说明</th><th>响应</th></tr></thead><tbody>{rows}</tbody></table>\
         </main></body></html>"
    );
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body)
}
