//! A small court system for the web tests: 内 → 内02 → 内0203 and its peer 内0204, each with
//! judges J1–J4, cases (open, sealed, enforcement), and one account per role per court.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::NaiveDate;
use docket_app::{Docket, NewAccount, Quiet};
use docket_domain::Role;
use docket_store::Store;
use docket_web::{Options, Web};
use http_body_util::BodyExt;
use tower::ServiceExt;

pub const PASSWORD: &str = "test-password";
/// 张三's ID number: the first party of every case `case_line` writes.
pub const PARTY_ID: &str = "150203199001011232";
pub const COURTS: [&str; 4] = ["内", "内02", "内0203", "内0204"];

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 6, 30).unwrap()
}

fn lines() -> Vec<String> {
    let mut l = vec![
        r#"{"kind":"court","code":"内","name":"内蒙古自治区高级人民法院","level":"high","parent":null}"#.to_owned(),
        r#"{"kind":"court","code":"内02","name":"包头市中级人民法院","level":"intermediate","parent":"内"}"#.to_owned(),
        r#"{"kind":"court","code":"内0203","name":"包头市昆都仑区人民法院","level":"basic","parent":"内02"}"#
            .to_owned(),
        r#"{"kind":"court","code":"内0204","name":"包头市青山区人民法院","level":"basic","parent":"内02"}"#.to_owned(),
    ];
    for c in COURTS {
        for j in 1..=4 {
            l.push(format!(
                r#"{{"kind":"judge","court":"{c}","code":"J{j}","name":"法官{c}{j}","department":null,"titles":[],"quota":true}}"#
            ));
        }
    }
    l
}

/// A case line of `court`, numbered `seq`, of type `type_code`.
pub fn case_line(court: &str, type_code: &str, seq: u32, sealed: bool) -> (String, String) {
    let case_no = format!("（2025）{court}{type_code}{seq}号");
    let (procedure, cause, roles) = if type_code == "执" {
        ("none", "申请执行人民法院判决、调解书", ("applicant", "respondent"))
    } else {
        ("ordinary", "买卖合同纠纷", ("plaintiff", "defendant"))
    };
    let line = format!(
        r#"{{"kind":"case","court":"{court}","case_no":"{case_no}","type":"{type_code}","procedure":"{procedure}","cause":"{cause}","received_on":null,"filed_on":"2025-03-03","online":false,"claim_amount":null,"tags":[],"origin":null,"sealed":{sealed},"parties":[{{"role":"{}","kind":"person","name":"张三","id_number":"150203199001011232"}},{{"role":"{}","kind":"person","name":"李四","id_number":null}}]}}"#,
        roles.0, roles.1
    );
    (case_no, line)
}

/// The 立案 form's fields for a simple-procedure 民初 民间借贷纠纷 between two persons.
pub fn civil_filing<'a>(filed_on: &'a str, plaintiff: &'a str, defendant: &'a str) -> [(&'static str, &'a str); 10] {
    [
        ("type", "民初"),
        ("procedure", "simple"),
        ("cause", "民间借贷纠纷"),
        ("filed_on", filed_on),
        ("p0_role", "plaintiff"),
        ("p0_kind", "person"),
        ("p0_name", plaintiff),
        ("p1_role", "defendant"),
        ("p1_kind", "person"),
        ("p1_name", defendant),
    ]
}

pub fn assign_line(case_no: &str, judge: &str) -> String {
    format!(r#"{{"kind":"event","case_no":"{case_no}","on":"2025-03-04","type":"assigned","judge":"{judge}"}}"#)
}

/// Loads the courts and judges, the given extra lines, and one account per role per court
/// (`{court}-{role}`, judges linked to J2; `{court}-judge-own` linked to J1; the portal's
/// `{court}-party`, 张三, and `{court}-lawyer`, on no case).
pub async fn system<S: Store>(store: S, extra: &[String]) -> Arc<Web<S>> {
    system_with(store, extra, 10_000).await
}

/// `system` allowing so many failed sign-ins from one address.
pub async fn system_with<S: Store>(store: S, extra: &[String], sign_in_attempts: usize) -> Arc<Web<S>> {
    system_with_options(store, extra, |o| o.sign_in_attempts = Some(sign_in_attempts)).await
}

/// `system` with the server's options changed by `adjust`.
pub async fn system_with_options<S: Store>(
    store: S,
    extra: &[String],
    adjust: impl FnOnce(&mut Options),
) -> Arc<Web<S>> {
    let docket = Docket::new(store);
    let mut all = lines();
    all.extend(extra.iter().cloned());
    docket.import(std::io::Cursor::new(all.join("\n")), &Quiet).await.unwrap();
    let mut accounts = Vec::new();
    let mut portal = Vec::new();
    for (i, c) in COURTS.iter().enumerate() {
        // The portal's two accounts of each court: a party linked to 张三's ID number (a party of
        // every case of `case_line`), a lawyer whose licence no case records.
        portal.push(docket_app::NewPortalAccount {
            username: format!("c{i}-party"),
            court: (*c).to_owned(),
            lawyer: false,
            name: "张三".into(),
            identity: PARTY_ID.into(),
            password: String::new(),
        });
        portal.push(docket_app::NewPortalAccount {
            username: format!("c{i}-lawyer"),
            court: (*c).to_owned(),
            lawyer: true,
            name: "无案律师".into(),
            identity: "11502201899999999".into(),
            password: String::new(),
        });
        for role in Role::STAFF {
            let judge = match role {
                Role::Judge => Some("J2".to_owned()),
                Role::DivisionHead => Some("J3".to_owned()),
                Role::President => Some("J4".to_owned()),
                _ => None,
            };
            accounts.push(NewAccount {
                username: format!("c{i}-{}", role.as_str().replace('_', "-")),
                court: (*c).to_owned(),
                role: role.as_str().to_owned(),
                judge,
                name: None,
                password: String::new(),
            });
        }
        accounts.push(NewAccount {
            username: format!("c{i}-judge-own"),
            court: (*c).to_owned(),
            role: "judge".into(),
            judge: Some("J1".into()),
            name: None,
            password: String::new(),
        });
    }
    docket.add_accounts_with_password(accounts, PASSWORD).await.unwrap();
    docket.add_portal_accounts_with_password(portal, PASSWORD, false).await.unwrap();
    let signer = docket_tlog::SignerKey::from_seed("docket.test/log", [3; 32]).unwrap();
    let mut options = Options {
        today: Some(today()),
        sign_in_attempts: Some(10_000),
        signer: Some(Arc::new(signer)),
        ..Options::default()
    };
    adjust(&mut options);
    Web::new(docket, options).await.unwrap()
}

pub fn username(court: &str, role: &str) -> String {
    let i = COURTS.iter().position(|c| *c == court).unwrap();
    format!("c{i}-{}", role.replace('_', "-"))
}

/// A client holding one session cookie.
pub struct Client {
    pub app: Router,
    pub cookie: Option<String>,
    pub csrf: String,
}

pub struct Reply {
    pub status: StatusCode,
    pub location: Option<String>,
    pub set_cookie: Option<String>,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

impl Client {
    pub fn new<S: Store>(web: &Arc<Web<S>>) -> Self {
        Self { app: docket_web::router(web.clone()), cookie: None, csrf: String::new() }
    }

    pub async fn send(&self, method: &str, uri: &str, content_type: Option<&str>, body: String) -> Reply {
        self.request(method, uri, content_type, &[], body).await
    }

    /// A body-less request with more headers (a `Referer`, …).
    pub async fn send_with(&self, method: &str, uri: &str, headers: &[(&str, &str)]) -> Reply {
        self.request(method, uri, None, headers, String::new()).await
    }

    async fn request(
        &self,
        method: &str,
        uri: &str,
        content_type: Option<&str>,
        headers: &[(&str, &str)],
        body: String,
    ) -> Reply {
        let mut req = Request::builder().method(method).uri(uri);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        if let Some(c) = &self.cookie {
            req = req.header(header::COOKIE, c);
        }
        if let Some(t) = content_type {
            req = req.header(header::CONTENT_TYPE, t);
        }
        let res = self.app.clone().oneshot(req.body(Body::from(body)).unwrap()).await.unwrap();
        let status = res.status();
        let location = res.headers().get(header::LOCATION).map(|v| v.to_str().unwrap().to_owned());
        let set_cookie = res.headers().get(header::SET_COOKIE).map(|v| v.to_str().unwrap().to_owned());
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        Reply { status, location, set_cookie, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    pub async fn get(&self, uri: &str) -> Reply {
        self.send("GET", uri, None, String::new()).await
    }

    pub async fn post_json(&self, uri: &str, body: serde_json::Value) -> Reply {
        self.send("POST", uri, Some("application/json"), body.to_string()).await
    }

    /// Posts a raw body (an evidence file) with its content type.
    pub async fn post_raw(&self, uri: &str, content_type: &str, body: &str) -> Reply {
        self.send("POST", uri, Some(content_type), body.to_owned()).await
    }

    /// Posts a multipart form with the session's CSRF token, the given text fields and one file
    /// (`file`).
    pub async fn post_multipart(&self, uri: &str, fields: &[(&str, &str)], file: (&str, &str)) -> Reply {
        let boundary = "docket-test-boundary";
        let mut body = String::new();
        let csrf = self.csrf.clone();
        for (k, v) in [("csrf", csrf.as_str())].iter().chain(fields) {
            body.push_str(&format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"));
        }
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{}\"\r\nContent-Type: application/octet-stream\r\n\r\n{}\r\n--{boundary}--\r\n",
            file.0, file.1
        ));
        self.send("POST", uri, Some(&format!("multipart/form-data; boundary={boundary}")), body).await
    }

    pub async fn post_form(&self, uri: &str, fields: &[(&str, &str)]) -> Reply {
        let mut all: Vec<(String, String)> = fields.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        if !fields.iter().any(|(k, _)| *k == "csrf") {
            all.push(("csrf".into(), self.csrf.clone()));
        }
        let body = all.iter().map(|(k, v)| format!("{}={}", enc(k), enc(v))).collect::<Vec<_>>().join("&");
        self.send("POST", uri, Some("application/x-www-form-urlencoded"), body).await
    }

    /// Signs in through the API; panics unless it succeeds.
    pub async fn sign_in(&mut self, username: &str, password: &str) {
        let r = self
            .post_json("/api/v1/auth/login", serde_json::json!({ "username": username, "password": password }))
            .await;
        assert_eq!(r.status, StatusCode::OK, "sign-in of {username}: {}", r.body);
        let cookie = r.set_cookie.clone().expect("a session cookie");
        self.cookie = Some(cookie.split(';').next().unwrap().to_owned());
        self.csrf = r.json()["csrf"].as_str().unwrap().to_owned();
    }
}
