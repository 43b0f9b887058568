//! The web's main stories through the real router and a real store: signing in and its lockout,
//! unauthenticated calls, a filing refused field by field with nothing stored, and a case filed,
//! found in 我的案件, closed, and counted on 首页.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{Client, PASSWORD, enc, system, username};
use docket_store::Store;
use serde_json::json;

async fn sign_in_lockout_and_unauthenticated_calls<S: Store>(store: S) {
    let web = system(store, &[]).await;
    let anon = Client::new(&web);
    let r = anon.get("/api/v1/cases").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.json()["error"]["code"], "unauthenticated");
    let r = anon.get("/").await;
    assert_eq!((r.status, r.location.as_deref()), (StatusCode::SEE_OTHER, Some("/login")));
    // A forged cookie opens nothing.
    let mut forged = Client::new(&web);
    forged.cookie = Some(format!("docket_session={}", "ab".repeat(32)));
    assert_eq!(forged.get("/api/v1/me").await.status, StatusCode::UNAUTHORIZED);

    let user = username("内0203", "clerk");
    let login = |password: &str| json!({ "username": user, "password": password });
    // An unknown user and a wrong password read the same.
    let r = anon.post_json("/api/v1/auth/login", json!({ "username": "nobody", "password": "x" })).await;
    assert_eq!((r.status, r.json()["error"]["code"].clone()), (StatusCode::UNAUTHORIZED, json!("bad_credentials")));
    for _ in 0..4 {
        let r = anon.post_json("/api/v1/auth/login", login("wrong-password")).await;
        assert_eq!(r.json()["error"]["code"], "bad_credentials");
    }
    let r = anon.post_json("/api/v1/auth/login", login("wrong-password")).await;
    let unknown = anon.post_json("/api/v1/auth/login", json!({ "username": "nobody", "password": "x" })).await;
    assert_eq!((r.status, &r.body), (unknown.status, &unknown.body), "a locked account answers as an unknown one");
    // Locked: even the right password is refused, and says no more than a wrong one.
    let r = anon.post_json("/api/v1/auth/login", login(PASSWORD)).await;
    assert_eq!((r.status, &r.body), (unknown.status, &unknown.body));
    // Another account is not affected; its session cookie is HttpOnly and SameSite=Strict.
    let r = anon
        .post_json("/api/v1/auth/login", json!({ "username": username("内0203", "judge"), "password": PASSWORD }))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let cookie = r.set_cookie.unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    // The audit log has the failures, the lock and the sign-in.
    let audit = web.docket.store().audit_log("内0203", 50).await.unwrap();
    let actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(actions.iter().filter(|a| **a == "login_failed").count(), 5, "{actions:?}");
    assert!(actions.contains(&"login_locked") && actions.contains(&"login"), "{actions:?}");
}

async fn a_refused_filing_names_each_field_and_stores_nothing<S: Store>(store: S) {
    let web = system(store, &[]).await;
    let mut clerk = Client::new(&web);
    clerk.sign_in(&username("内0203", "filing_clerk"), PASSWORD).await;
    let before = web.docket.store().summary().await.unwrap();
    let r = clerk
        .post_form(
            "/file",
            &[
                ("type", "民初"),
                ("procedure", "simple"),
                ("cause", ""),
                ("filed_on", "2027-06-01"),
                ("claim_amount", "12,5"),
                ("p0_role", "plaintiff"),
                ("p0_kind", "person"),
                ("p0_name", "张三"),
                ("p0_id", "150203199001011231"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    for id in ["error-cause", "error-claim_amount", "error-p0_id"] {
        let marker = format!("id=\"{id}\">");
        let at = r.body.find(&marker).unwrap_or_else(|| panic!("{id} missing"));
        let message = r.body[at + marker.len()..].split('<').next().unwrap();
        assert!(!message.is_empty(), "{id} has no message");
    }
    assert!(r.body.contains("案由不能为空"), "{}", r.body);
    assert!(r.body.contains("value=\"张三\""), "the form keeps what was typed");
    assert_eq!(web.docket.store().summary().await.unwrap(), before);
    // A filing date before 1949 is marked at the date (it used to be refused with no field marked).
    let r = clerk.post_form("/file", &common::civil_filing("1900-01-01", "张三", "李四")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let at = r.body.find("id=\"error-filed_on\">").expect("the date is marked");
    assert!(r.body[at..].contains("早于 1949 年"), "{}", r.body);
    assert_eq!(web.docket.store().summary().await.unwrap(), before);
    // A missing CSRF token is refused before anything is looked at.
    let r = clerk.post_form("/file", &[("csrf", "forged"), ("type", "民初")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // The refused filings used no number: the next one is 1.
    let r = clerk.post_form("/file", &common::civil_filing("2027-06-01", "张三", "李四")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(r.location.unwrap().starts_with(&format!("/cases/{}", enc("（2027）内0203民初1号"))));
    // A judge may not file.
    let mut judge = Client::new(&web);
    judge.sign_in(&username("内0203", "judge"), PASSWORD).await;
    let r = judge
        .post_json("/api/v1/cases", json!({"type": "民初", "procedure": "simple", "cause": "x", "parties": []}))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

fn closed_figure(home: &str) -> i64 {
    let at = home.find("data-indicator=\"closed\"").expect("the 结案数 card");
    let rest = &home[at..];
    let v = rest.find("class=\"value\">").unwrap() + "class=\"value\">".len();
    rest[v..].split('<').next().unwrap().trim().parse().unwrap()
}

async fn a_filed_case_reaches_my_cases_and_closing_it_moves_the_home_figure<S: Store>(store: S) {
    let web = system(store, &[]).await;
    // Every court's 首页 computed ahead, as `serve` does at start: the writes below must still
    // move its figures.
    assert!(web.warm().await.unwrap() >= 2);
    let mut clerk = Client::new(&web);
    clerk.sign_in(&username("内0203", "filing_clerk"), PASSWORD).await;
    let r = clerk
        .post_json(
            "/api/v1/cases",
            json!({
                "type": "民初", "procedure": "simple", "cause": "买卖合同纠纷", "filed_on": "2027-06-01",
                "claim_amount": "30000", "tags": ["enterprise"], "judge": "J2",
                "parties": [
                    {"role": "plaintiff", "kind": "organization", "name": "某建材有限公司", "id_number": "91150203MA0N00001K"},
                    {"role": "defendant", "kind": "person", "name": "张三", "id_number": "150203199001011232"}
                ]
            }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let case_no = r.json()["case_no"].as_str().unwrap().to_owned();
    assert_eq!(case_no, "（2027）内0203民初1号");
    // The 繁简分流 suggestion and the procedure chosen are kept with the filing's audit line.
    let audit = web
        .docket
        .store()
        .audit_search(&docket_store::AuditQuery {
            court: "内0203".into(),
            action: Some("file_case".into()),
            target: Some(case_no.clone()),
            limit: 1,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(audit[0].detail.contains("繁简分流建议：小额诉讼程序（速裁团队）；立案程序：简易程序"), "{:?}", audit[0]);

    let mut judge = Client::new(&web);
    judge.sign_in(&username("内0203", "judge"), PASSWORD).await;
    // A bad query parameter is refused in Chinese by name, as JSON on the API and as a page.
    let r = judge.get("/api/v1/cases?limit=many").await;
    assert_eq!((r.status, r.json()["error"]["code"].clone()), (StatusCode::BAD_REQUEST, json!("bad_request")));
    assert!(r.json()["error"]["message"].as_str().unwrap().starts_with("参数 limit 无效"), "{}", r.body);
    let r = judge.get("/?rollup=perhaps").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("参数 rollup 无效"), "{}", r.body);
    let my = judge.get("/my").await;
    assert_eq!(my.status, StatusCode::OK);
    assert!(my.body.contains(&case_no), "我的案件 lists the new case");
    let before = closed_figure(&judge.get("/").await.body);

    // The judge sees ID numbers of their own case in full; the clerk of another judge masked.
    let view = judge.get(&format!("/api/v1/cases/{}", enc(&case_no))).await.json();
    assert_eq!(view["parties"][1]["id_number"], "150203199001011232");
    assert_eq!((view["judge"].as_str(), view["judge_name"].as_str()), (Some("J2"), Some("法官内02032")));
    assert_eq!(view["court_name"], "包头市昆都仑区人民法院");
    assert!(view["actions"].as_array().unwrap().contains(&json!("close")));
    let mut clerk2 = Client::new(&web);
    clerk2.sign_in(&username("内0203", "clerk"), PASSWORD).await;
    let masked = clerk2.get(&format!("/api/v1/cases/{}", enc(&case_no))).await.json();
    assert_eq!(
        masked["parties"][1]["id_number"], "150203********1232",
        "the domain's masking: region code and last four"
    );

    let page = judge.get(&format!("/cases/{}", enc(&case_no))).await;
    assert!(page.body.contains("id=\"action-closed\""));
    let r = judge
        .post_form(
            &format!("/cases/{}/events", enc(&case_no)),
            &[
                ("action", "closed"),
                ("type", "closed"),
                ("method", "mediation"),
                ("on", "2027-06-20"),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let home = judge.get("/").await.body;
    let after = closed_figure(&home);
    assert_eq!(after, before + 1, "首页 结案数 counts the case just closed");
    // The figure opens the cases behind it, the one just closed among them.
    let card = home.find("data-indicator=\"closed\"").unwrap();
    let href_at = home[..card].rfind("href=\"").unwrap() + "href=\"".len();
    let href = home[href_at..].split('"').next().unwrap().replace("&#38;", "&").replace("&amp;", "&");
    assert!(href.starts_with("/metrics/explain?"), "{href}");
    let explained = judge.get(&href).await;
    assert!(
        explained.body.contains(&format!("（{after} 件）")) && explained.body.contains(&case_no),
        "{}",
        explained.body
    );
    assert!(!judge.get("/my").await.body.contains(&case_no), "a closed case leaves 我的案件");
    let audit = web.docket.store().audit_log("内0203", 50).await.unwrap();
    assert!(audit.iter().any(|a| a.action == "file_case" && a.target == case_no));
    assert!(audit.iter().any(|a| a.action == "append_event" && a.target == case_no && a.detail.contains("调解")));
}

/// A multipart body as a browser sends the evidence form.
fn multipart(boundary: &str, fields: &[(&str, &str)], file: (&str, &str)) -> String {
    let mut body = String::new();
    for (k, v) in fields {
        body.push_str(&format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"));
    }
    body.push_str(&format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{}\"\r\nContent-Type: application/octet-stream\r\n\r\n{}\r\n--{boundary}--\r\n",
        file.0, file.1
    ));
    body
}

async fn evidence_uploaded_on_the_case_page_is_listed_and_its_bundle_verifies<S: Store>(store: S) {
    let (case_no, line) = common::case_line("内0203", "民初", 1, false);
    let web = system(store, &[line, common::assign_line(&case_no, "J1")]).await;
    let mut judge = Client::new(&web);
    judge.sign_in(&format!("{}-own", username("内0203", "judge")), PASSWORD).await;
    let path = format!("/cases/{}/evidence", enc(&case_no));
    let boundary = "docketboundary";
    let ctype = format!("multipart/form-data; boundary={boundary}");
    let fields = |csrf: &str, media_type: &str| {
        vec![
            ("csrf", csrf.to_owned()),
            ("media_type", media_type.to_owned()),
            ("source", "原告提交".into()),
            ("method", "线上提交".into()),
        ]
    };
    let as_refs = |f: &Vec<(&'static str, String)>| f.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>();
    let send = |f: Vec<(&'static str, String)>| {
        let f = as_refs(&f);
        let refs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
        multipart(boundary, &refs, ("借条.txt", "今借到人民币壹万元整"))
    };

    // The content is text, declared as PDF: refused at the field, in Chinese, nothing stored.
    let r = judge.send("POST", &path, Some(&ctype), send(fields(&judge.csrf.clone(), "application/pdf"))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("文件内容不是所声明的PDF 文档"), "{}", r.body);
    // Without the CSRF token: refused.
    let r = judge.send("POST", &path, Some(&ctype), send(fields("forged", "text/plain"))).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(web.docket.store().case_evidence("内0203", &case_no).await.unwrap().len(), 0);

    let r = judge.send("POST", &path, Some(&ctype), send(fields(&judge.csrf.clone(), "text/plain"))).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = judge.get(r.location.as_deref().unwrap()).await;
    assert!(page.body.contains("借条.txt") && page.body.contains("已登记并写入默克尔日志"), "{}", page.body);

    let api = format!("/api/v1/cases/{}", enc(&case_no));
    let file = judge.get(&format!("{api}/evidence/1")).await;
    assert_eq!(file.body, "今借到人民币壹万元整");
    let bundle: docket_tlog::Bundle =
        serde_json::from_str(&judge.get(&format!("{api}/evidence/1/bundle")).await.body).unwrap();
    let key = judge.get("/api/v1/log/verifier-key").await.body;
    let verified = bundle.verify(Some(&docket_tlog::VerifierKey::parse(&key).unwrap())).unwrap();
    assert!(matches!(verified.leaf, docket_tlog::Leaf::Evidence { number: 1, .. }));
    let audit = web.docket.store().audit_log("内0203", 50).await.unwrap();
    assert!(audit.iter().any(|a| a.action == "add_evidence" && a.target == case_no && a.detail.contains("借条.txt")));

    // The filing's inclusion proof ends in the latest checkpoint; the log's history is consistent.
    let proof = judge.get(&format!("{api}/events/0/proof")).await.json();
    let size = proof["tree_size"].as_u64().unwrap();
    let c = judge.get(&format!("/api/v1/log/consistency?old=1&new={size}")).await;
    let c: docket_tlog::ConsistencyProof = serde_json::from_str(&c.body).unwrap();
    c.verify().unwrap();
    let note = judge.get("/api/v1/log/checkpoint").await.body;
    assert!(note.starts_with("docket.test/log\n"), "{note}");
}

async fn reports_are_drafted_for_viewable_courts_and_downloaded<S: Store>(store: S) {
    let (case_no, line) = common::case_line("内0203", "民初", 1, false);
    let web = system(store, &[line, common::assign_line(&case_no, "J1")]).await;
    let mut president = Client::new(&web);
    president.sign_in(&username("内02", "president"), PASSWORD).await;
    let page = president.get(&format!("/reports?kind=weekly&court={}&period=2025-W14&rollup=true", enc("内02"))).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains("审判执行工作通报") && page.body.contains("表3：辖区各法院主要指标（对照合理区间）"),
        "{}",
        page.body
    );
    let xlsx = president
        .get(&format!("/reports?kind=annual&court={}&period=2025&rollup=true&format=xlsx", enc("内0203")))
        .await;
    assert_eq!(xlsx.status, StatusCode::OK);
    let topic = president.get(&format!("/reports?kind=topic&court={}&period=2025&tag=labor", enc("内0203"))).await;
    assert!(topic.body.contains("劳动争议案件专题分析报告"), "{}", topic.body);
    // By 案由: the one case's cause; a cause no case has is refused by name.
    let by_cause = president
        .get(&format!("/reports?kind=topic&court={}&period=2025&cause={}", enc("内0203"), enc("买卖合同纠纷")))
        .await;
    assert!(
        by_cause.body.contains("买卖合同纠纷案件专题分析报告") && by_cause.body.contains("受理买卖合同纠纷案件 1 件"),
        "{}",
        by_cause.body
    );
    let misspelt = president
        .get(&format!("/reports?kind=topic&court={}&period=2025&cause={}", enc("内0203"), enc("买卖合同")))
        .await;
    assert!(misspelt.body.contains("案由“买卖合同”在数据中没有案件"), "{}", misspelt.body);
    // PDF is typeset where the fonts are; without them the answer says what to install.
    let pdf = president.get(&format!("/reports?kind=annual&court={}&period=2025&format=pdf", enc("内0203"))).await;
    if docket_app::report_fonts().is_ok() {
        assert_eq!(pdf.status, StatusCode::OK);
        assert!(pdf.body.starts_with("%PDF-"));
    } else {
        assert_eq!(pdf.status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(pdf.body.contains("fonts-noto-cjk"), "{}", pdf.body);
    }
    let bad = president.get(&format!("/reports?kind=annual&court={}&period=2025-13", enc("内02"))).await;
    assert!(bad.body.contains("期间“2025-13”无效"), "{}", bad.body);
    // A court the account may not view reads as absent.
    let mut peer = Client::new(&web);
    peer.sign_in(&username("内0203", "president"), PASSWORD).await;
    assert_eq!(peer.get(&format!("/reports?court={}", enc("内02"))).await.status, StatusCode::NOT_FOUND);
}

async fn quality_analysis_drills_down_from_a_value_to_its_cases<S: Store>(store: S) {
    let (open, line) = common::case_line("内0203", "民初", 1, false);
    let (sealed, sealed_line) = common::case_line("内0203", "民初", 2, true);
    let web =
        system(store, &[line, common::assign_line(&open, "J1"), sealed_line, common::assign_line(&sealed, "J1")]).await;
    let mut clerk = Client::new(&web);
    clerk.sign_in(&username("内0203", "clerk"), PASSWORD).await;
    let period = "from=2025-01-01&to=2025-12-31";
    let page = clerk.get(&format!("/metrics?court={}&{period}", enc("内0203"))).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("/metrics/explain?") && page.body.contains("id=filed"), "{}", page.body);
    // The 新收 figure's cases: the open one by its number, the sealed one counted but not named.
    let explain = clerk.get(&format!("/metrics/explain?court={}&{period}&id=filed", enc("内0203"))).await;
    assert_eq!(explain.status, StatusCode::OK, "{}", explain.body);
    assert!(explain.body.contains("计入的案件（2 件）"), "{}", explain.body);
    assert!(explain.body.contains(&open) && !explain.body.contains(&sealed), "{}", explain.body);
    assert!(explain.body.contains("其中 1 件为不公开案件"), "{}", explain.body);
    // Each case with its own part of the figure: filed 2025-03-03 and open, 303 days at the end.
    assert!(explain.body.contains("未结 303 天"), "{}", explain.body);
    // A group's drill-down names the judge, not the code.
    let judge_group = clerk
        .get(&format!("/metrics/explain?court={}&{period}&by=judge&group={}&id=filed", enc("内0203"), enc("内0203/J1")))
        .await;
    assert!(judge_group.body.contains("分组 法官内02031（J1）"), "{}", judge_group.body);
    assert!(!judge_group.body.contains("分组 内0203/J1"), "{}", judge_group.body);
    // Grouped by judge: the groups side by side, and a group's drill-down keeps to the group.
    let by_judge = clerk.get(&format!("/metrics?court={}&{period}&by=judge&chart=filed", enc("内0203"))).await;
    assert!(by_judge.body.contains("id=\"side-by-side\""), "{}", by_judge.body);
    assert!(by_judge.body.contains(&format!("group={}", enc("内0203/J1"))), "{}", by_judge.body);
    let group = clerk
        .get(&format!(
            "/api/v1/metrics/explain?court={}&{period}&by=judge&group={}&id=closure_rate",
            enc("内0203"),
            enc("内0203/J1")
        ))
        .await;
    assert_eq!(group.json()["denominator"]["count"], 2, "{}", group.body);
    assert_eq!(group.json()["denominator"]["cases"], serde_json::json!([open.clone()]), "{}", group.body);
    assert_eq!(group.json()["denominator"]["withheld"], 1, "{}", group.body);
    let none = clerk
        .get(&format!(
            "/api/v1/metrics/explain?court={}&{period}&by=judge&group={}&id=filed",
            enc("内0203"),
            enc("内0203/J9")
        ))
        .await;
    assert_eq!(none.json()["numerator"]["count"], 0, "{}", none.body);
    // The table downloads as XLSX; an unknown indicator is named; a peer court reads as absent.
    let xlsx = clerk.get(&format!("/metrics?court={}&{period}&format=xlsx", enc("内0203"))).await;
    assert!(xlsx.status == StatusCode::OK && xlsx.body.starts_with("PK"), "{}", xlsx.status);
    let bad = clerk.get(&format!("/api/v1/metrics/explain?court={}&{period}&id=nonsense", enc("内0203"))).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("nonsense"), "{}", bad.body);
    let mut peer = Client::new(&web);
    peer.sign_in(&username("内0204", "president"), PASSWORD).await;
    let r = peer.get(&format!("/api/v1/metrics/explain?court={}&{period}&id=filed", enc("内0203"))).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

async fn settings_and_holidays_are_set_by_the_top_courts_administration<S: Store>(store: S) {
    let (open, line) = common::case_line("内0203", "民初", 1, false);
    let web = system(store, &[line, common::assign_line(&open, "J1")]).await;
    // Only the 管理员 and 审管办 of the top court here may; others read the pages as absent.
    for (court, role) in
        [("内0203", "trial_management"), ("内0203", "admin"), ("内", "judge"), ("内02", "trial_management")]
    {
        let mut c = Client::new(&web);
        c.sign_in(&username(court, role), PASSWORD).await;
        assert_eq!(c.get("/admin/settings").await.status, StatusCode::NOT_FOUND, "{court} {role}");
        assert_eq!(c.get("/admin/holidays").await.status, StatusCode::NOT_FOUND, "{court} {role}");
    }
    let mut tm = Client::new(&web);
    tm.sign_in(&username("内", "trial_management"), PASSWORD).await;
    let page = tm.get("/admin/settings").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("indicator.closure_rate.range = 0.93.."), "{}", page.body);
    let mut president = Client::new(&web);
    president.sign_in(&username("内0203", "president"), PASSWORD).await;
    let uri = format!("/metrics?court={}&from=2025-01-01&to=2025-12-31", enc("内0203"));
    // One open case: 结案率 0%, outside the default 0.93.. range.
    assert!(president.get(&uri).await.body.contains("<tr class=\"warn\"><td></td><td>结案率</td>"));
    // A bad line is refused by number and nothing changes.
    let bad = tm
        .post_form(
            "/admin/settings",
            &[("text", "indicator.closure_rate.range = 0..1\nindicator.closure_rate.range = abc\n")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("第 2 行"), "{}", bad.body);
    assert!(tm.get("/admin/settings").await.body.contains("indicator.closure_rate.range = 0.93.."));
    assert!(president.get(&uri).await.body.contains("<tr class=\"warn\"><td></td><td>结案率</td>"));
    // A good text takes effect at once, for every court, and survives a restart (it is stored).
    let saved = tm.post_form("/admin/settings", &[("text", "indicator.closure_rate.range = 0..1\n")]).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert!(saved.body.contains("indicator.closure_rate.range = 0..1"), "{}", saved.body);
    assert!(president.get(&uri).await.body.contains("<tr class=\"ok\"><td></td><td>结案率</td>"));
    assert_eq!(web.docket.indicator_settings().await.unwrap().range_of("closure_rate").unwrap().low, Some(0.0));
    // Without the form's CSRF token nothing is saved.
    let forged =
        tm.post_form("/admin/settings", &[("text", "indicator.closure_rate.range = 0.5..\n"), ("csrf", "x")]).await;
    assert_ne!(forged.status, StatusCode::OK);
    assert_eq!(web.docket.indicator_settings().await.unwrap().range_of("closure_rate").unwrap().low, Some(0.0));

    // Holidays: a bad date is refused by line; a good year is imported whole and shown.
    let bad = tm.post_form("/admin/holidays", &[("text", "2031-10-01 休 国庆节\n2031-13-01 休 无此日\n")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("第 2 行") && bad.body.contains("2031-13-01"), "{}", bad.body);
    assert!(!web.docket.calendar().await.unwrap().years().contains(&2031));
    let done = tm
        .post_form("/admin/holidays", &[("text", "2031-10-01..2031-10-03 休 国庆节\n2031-09-28 班 国庆节调休\n")])
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(done.body.contains("已导入 2031 年"), "{}", done.body);
    let shown = tm.get("/admin/holidays?year=2031").await.body;
    assert!(shown.contains("2031-09-28") && shown.contains("国庆节调休"), "{shown}");
    let calendar = web.docket.calendar().await.unwrap();
    assert!(calendar.is_rest_day(chrono::NaiveDate::from_ymd_opt(2031, 10, 2).unwrap()));
    assert!(
        !calendar.is_rest_day(chrono::NaiveDate::from_ymd_opt(2031, 9, 28).unwrap()),
        "a 调休 Sunday is a working day"
    );
}

async fn filing_hints_name_the_related_cases_the_clerk_may_read<S: Store>(store: S) {
    let (open, line) = common::case_line("内0203", "民初", 1, false);
    let (sealed, sealed_line) = common::case_line("内0203", "民初", 2, true);
    let (peer, peer_line) = common::case_line("内0204", "民初", 1, false);
    let web = system(store, &[line, sealed_line, peer_line]).await;
    let mut clerk = Client::new(&web);
    clerk.sign_in(&username("内0203", "filing_clerk"), PASSWORD).await;
    let form_named = |name: &str, id: &str| {
        format!(
            "/file/hints?type={}&claim_amount=30000&p0_kind=person&p0_name={}&p0_id={id}&p1_kind=person&p1_name={}",
            enc("民初"),
            enc(name),
            enc("李四")
        )
    };
    let form = |id: &str| form_named("张三", id);
    // The same ID number (its check letter in either case): the court's open case, not the sealed
    // one the clerk may not read, not the peer court's.
    let hints = clerk.get(&form("150203199001011232")).await;
    assert_eq!(hints.status, StatusCode::OK);
    assert!(hints.body.contains("关联案件提示") && hints.body.contains(&open), "{}", hints.body);
    assert!(!hints.body.contains(&sealed) && !hints.body.contains(&peer), "{}", hints.body);
    assert!(hints.body.contains("繁简分流建议：小额诉讼程序（速裁团队"), "{}", hints.body);
    // The fee as the form stands: 30,000 元 is 50 + 20,000 × 2.5% = 550, halved (小额诉讼 is a
    // simple procedure) to 275 when the form says so.
    assert!(hints.body.contains(r#"<span id="fee-estimate-total">550.00</span>"#), "{}", hints.body);
    let small = clerk.get(&format!("{}&procedure=small_claims", form("150203199001011232"))).await;
    assert!(small.body.contains(r#"<span id="fee-estimate-total">275.00</span>"#), "{}", small.body);
    assert!(small.body.contains("诉讼费用交纳办法第十六条"), "{}", small.body);
    // Typed under another name, the ID finds the case, and the hint names the party as that case
    // recorded them.
    let renamed = clerk.get(&form_named("张叁", "150203199001011232")).await;
    let hint = renamed.body.split(&open).nth(1).unwrap_or_default();
    assert!(hint.contains("张三") && !renamed.body.contains("张叁"), "{}", renamed.body);
    // A namesake without the ID number is not the same person.
    let namesake = clerk.get(&form("")).await;
    assert!(!namesake.body.contains("关联案件提示"), "{}", namesake.body);
    // The form page carries the hints too (for browsers without the script).
    let page = clerk.get("/file").await;
    assert!(page.body.contains("id=\"hints\"") && page.body.contains("/static/filing.js"));
    // Who may not file gets nothing.
    let mut judge = Client::new(&web);
    judge.sign_in(&username("内0203", "judge"), PASSWORD).await;
    assert_eq!(judge.get(&form("150203199001011232")).await.status, StatusCode::NOT_FOUND);
}

async fn writes_by_another_process_reach_the_engine_when_the_log_is_followed<S: Store>(store: S) {
    let (open, line) = common::case_line("内0203", "民初", 1, false);
    let web = system(store, &[line, common::assign_line(&open, "J1")]).await;
    let mut president = Client::new(&web);
    president.sign_in(&username("内0203", "president"), PASSWORD).await;
    let accepted = |body: &str| -> i64 {
        let json: serde_json::Value = serde_json::from_str(body).unwrap();
        json["indicators"][0]["value"].as_f64().unwrap() as i64
    };
    let uri = format!("/api/v1/metrics?court={}&from=2025-01-01&to=2025-12-31&indicators=accepted", enc("内0203"));
    assert_eq!(accepted(&president.get(&uri).await.body), 1);
    // Another writer of the same database (here the app, bypassing the server) files two cases.
    let (_, a) = common::case_line("内0203", "民初", 7, false);
    let (_, b) = common::case_line("内0203", "民初", 8, false);
    web.docket.import(std::io::Cursor::new(format!("{a}\n{b}")), &docket_app::Quiet).await.unwrap();
    assert_eq!(accepted(&president.get(&uri).await.body), 1, "not yet followed");
    assert_eq!(web.follow_log().await.unwrap(), 2);
    assert_eq!(accepted(&president.get(&uri).await.body), 3);
    // Nothing new: nothing refreshed.
    assert_eq!(web.follow_log().await.unwrap(), 0);
}

async fn failed_sign_ins_from_one_address_are_limited_and_successful_ones_are_not<S: Store>(store: S) {
    let web = common::system_with(store, &[], 3).await;
    let anon = Client::new(&web);
    // A morning's sign-ins through one proxy address: more than the allowance, all admitted.
    for role in ["judge", "clerk", "filing_clerk", "division_head", "president", "trial_management"] {
        let r = anon
            .post_json("/api/v1/auth/login", json!({ "username": username("内0203", role), "password": PASSWORD }))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{role}: {}", r.body);
    }
    // Guessing is what is limited: after three failures, the address is refused for a while,
    // even with a right password, on the API and on the sign-in page.
    for _ in 0..3 {
        let r = anon.post_json("/api/v1/auth/login", json!({ "username": "nobody", "password": "guess" })).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let r = anon
        .post_json("/api/v1/auth/login", json!({ "username": username("内0203", "judge"), "password": PASSWORD }))
        .await;
    assert_eq!((r.status, r.json()["error"]["code"].clone()), (StatusCode::TOO_MANY_REQUESTS, json!("rate_limited")));
    let r = anon.post_form("/login", &[("username", &username("内0203", "judge")), ("password", PASSWORD)]).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
}

/// The Chinese characters of a page outside what the record holds (case numbers, names, causes):
/// the words of the frame and the labels, which the English locale translates.
fn han(s: &str) -> usize {
    s.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count()
}

async fn pages_switch_to_english_and_back_and_keep_the_record_in_chinese<S: Store>(store: S) {
    let web = system(store, &[]).await;
    let mut clerk = Client::new(&web);
    clerk.sign_in(&username("内0203", "filing_clerk"), PASSWORD).await;
    let r = clerk
        .post_json(
            "/api/v1/cases",
            json!({
                "type": "民初", "procedure": "simple", "cause": "买卖合同纠纷", "filed_on": "2027-06-01",
                "judge": "J2",
                "parties": [
                    {"role": "plaintiff", "kind": "person", "name": "王五"},
                    {"role": "defendant", "kind": "person", "name": "赵六"}
                ]
            }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let case_no = r.json()["case_no"].as_str().unwrap().to_owned();
    let mut judge = Client::new(&web);
    judge.sign_in(&username("内0203", "judge"), PASSWORD).await;
    let chinese = judge.get("/my").await.body;
    assert!(chinese.contains("<html lang=\"zh-CN\">") && chinese.contains(">我的案件<"), "Chinese by default");

    // The switch keeps the choice in a cookie and returns to the page it was clicked on.
    let r = judge.send_with("GET", "/lang/en", &[("referer", "http://court.example/my?tag=")]).await;
    assert_eq!((r.status, r.location.as_deref()), (StatusCode::SEE_OTHER, Some("/my?tag=")));
    let set = r.set_cookie.unwrap();
    assert!(set.starts_with("docket_lang=en;") && set.contains("SameSite=Strict"), "{set}");
    let session = judge.cookie.clone().unwrap();
    judge.cookie = Some(format!("{session}; docket_lang=en"));

    let my = judge.get("/my").await.body;
    assert!(my.contains("<html lang=\"en\">"), "{my}");
    for word in [">My cases<", ">Home<", ">Sign out<", "Case number", "Countdown", "days left", "judge）"] {
        assert!(my.contains(word), "英文「我的案件」缺少 {word}");
    }
    assert!(my.contains(&case_no) && my.contains("买卖合同纠纷"), "the record stays as recorded");
    let home = judge.get("/").await.body;
    for word in ["Cases closed", "Closure rate", "year on year", "Age of pending cases", "past the time limit"] {
        assert!(home.contains(word), "英文首页缺少 {word}");
    }
    let page = judge.get(&format!("/cases/{}", enc(&case_no))).await.body;
    for word in ["Particulars", "Parties", "plaintiff", "Actions", "Close", "Timeline", "simple procedure"] {
        assert!(page.contains(word), "英文案件详情缺少 {word}");
    }
    // Outside the record (case numbers, names, causes, the court and the judge, the deadline
    // explanation), the English frame has far fewer Chinese characters than the Chinese one.
    let zh_page = {
        let mut c = Client::new(&web);
        c.cookie = Some(session.clone());
        c.get(&format!("/cases/{}", enc(&case_no))).await.body
    };
    assert!(han(&page) * 2 < han(&zh_page), "English {} vs Chinese {} Han characters", han(&page), han(&zh_page));

    // Back to Chinese.
    let r = judge.get("/lang/zh").await;
    assert!(r.set_cookie.unwrap().starts_with("docket_lang=zh;"));
    judge.cookie = Some(format!("{session}; docket_lang=zh"));
    assert!(judge.get("/my").await.body.contains(">我的案件<"));
    // The sign-in page follows the cookie too.
    let mut anon = Client::new(&web);
    anon.cookie = Some("docket_lang=en".into());
    let login = anon.get("/login").await.body;
    assert!(login.contains(">Sign in<") && login.contains("Username"), "{login}");
}

docket_store::on_both_backends!(
    sign_in_lockout_and_unauthenticated_calls,
    a_refused_filing_names_each_field_and_stores_nothing,
    a_filed_case_reaches_my_cases_and_closing_it_moves_the_home_figure,
    evidence_uploaded_on_the_case_page_is_listed_and_its_bundle_verifies,
    reports_are_drafted_for_viewable_courts_and_downloaded,
    quality_analysis_drills_down_from_a_value_to_its_cases,
    settings_and_holidays_are_set_by_the_top_courts_administration,
    filing_hints_name_the_related_cases_the_clerk_may_read,
    writes_by_another_process_reach_the_engine_when_the_log_is_followed,
    pages_switch_to_english_and_back_and_keep_the_record_in_chinese,
    failed_sign_ins_from_one_address_are_limited_and_successful_ones_are_not
);
