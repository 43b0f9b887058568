//! Looking after accounts on the pages — changing one's own password, an administrator disabling,
//! re-enabling, resetting and ending the sessions of an account — and the audit trail found by
//! filters, a page at a time, and exported.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{Client, PASSWORD, system, username};
use docket_store::Store;

async fn signed_in<S: Store>(web: &std::sync::Arc<docket_web::Web<S>>, user: &str, password: &str) -> Client {
    let mut c = Client::new(web);
    c.sign_in(user, password).await;
    c
}

async fn a_password_change_needs_the_current_one_passes_the_policy_and_ends_other_sessions<S: Store>(store: S) {
    let web = system(store, &[]).await;
    let me = username("内0203", "clerk");
    let here = signed_in(&web, &me, PASSWORD).await;
    let elsewhere = signed_in(&web, &me, PASSWORD).await;
    assert!(here.get("/account").await.body.contains("从未修改"));

    let change = |current: &'static str, new: &'static str, repeat: &'static str| {
        let here = &here;
        async move {
            here.post_form("/account/password", &[("current", current), ("password", new), ("repeat", repeat)]).await
        }
    };
    let r = change("wrong-password", "lantern-oxide-47", "lantern-oxide-47").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("当前密码不对"), "{}", r.body);
    let r = change(PASSWORD, "12345678", "12345678").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("连续"), "{}", r.body);
    let r = change(PASSWORD, "        ", "        ").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "eight spaces");
    let r = change(PASSWORD, "lantern-oxide-47", "lantern-oxide-48").await;
    assert!(r.body.contains("两次输入的新密码不一致"), "{}", r.body);
    // Nothing changed yet: the other session is alive.
    assert_eq!(elsewhere.get("/account").await.status, StatusCode::OK);

    let r = change(PASSWORD, "lantern-oxide-47", "lantern-oxide-47").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("已结束其他会话 1 个"), "{}", r.body);
    assert_eq!(here.get("/account").await.status, StatusCode::OK, "the changing session stays");
    assert_eq!(elsewhere.get("/account").await.location.as_deref(), Some("/login"), "the other one ended");
    let mut again = Client::new(&web);
    let old = again.post_json("/api/v1/auth/login", serde_json::json!({"username": me, "password": PASSWORD})).await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    again.sign_in(&me, "lantern-oxide-47").await;
    let audit = web.docket.store().audit_log("内0203", 20).await.unwrap();
    assert!(audit.iter().any(|a| a.action == "change_password" && a.username == me));
}

async fn an_administrator_disables_re_enables_resets_and_ends_sessions_in_their_court_only<S: Store>(store: S) {
    let web = system(store, &[]).await;
    let admin_name = username("内0203", "admin");
    let admin = signed_in(&web, &admin_name, PASSWORD).await;
    let clerk_name = username("内0203", "clerk");
    let clerk = signed_in(&web, &clerk_name, PASSWORD).await;
    let page = admin.get("/admin/users").await;
    assert!(page.body.contains(&format!("data-user=\"{clerk_name}\"")), "{}", page.body);

    let r = admin.post_form(&format!("/admin/users/{clerk_name}/disable"), &[]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("结束会话 1 个"), "{}", r.body);
    assert_eq!(clerk.get("/").await.location.as_deref(), Some("/login"), "the session ended at once");
    let mut retry = Client::new(&web);
    let refused =
        retry.post_json("/api/v1/auth/login", serde_json::json!({"username": clerk_name, "password": PASSWORD})).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(refused.json()["error"]["code"], "bad_credentials", "a disabled account reads as unknown");

    admin.post_form(&format!("/admin/users/{clerk_name}/enable"), &[]).await;
    retry.sign_in(&clerk_name, PASSWORD).await;
    let r = admin.post_form(&format!("/admin/users/{clerk_name}/end-sessions"), &[]).await;
    assert!(r.body.contains("会话 1 个"), "{}", r.body);
    assert_eq!(retry.get("/").await.location.as_deref(), Some("/login"));

    let r = admin.post_form(&format!("/admin/users/{clerk_name}/password"), &[("password", "password1")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "the policy holds for resets too");
    let r = admin.post_form(&format!("/admin/users/{clerk_name}/password"), &[("password", "granite-heron-83")]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    retry.sign_in(&clerk_name, "granite-heron-83").await;

    // Not their own account, not another court's, not without the role, not without the token.
    let r = admin.post_form(&format!("/admin/users/{admin_name}/disable"), &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let other = username("内0204", "clerk");
    assert_eq!(admin.post_form(&format!("/admin/users/{other}/disable"), &[]).await.status, StatusCode::NOT_FOUND);
    assert_eq!(admin.post_form("/admin/users/nobody/disable", &[]).await.status, StatusCode::NOT_FOUND);
    let president = signed_in(&web, &username("内0203", "president"), PASSWORD).await;
    assert_eq!(
        president.post_form(&format!("/admin/users/{clerk_name}/disable"), &[]).await.status,
        StatusCode::NOT_FOUND
    );
    let r = admin.post_form(&format!("/admin/users/{clerk_name}/disable"), &[("csrf", "forged")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(!web.docket.store().account(&clerk_name).await.unwrap().unwrap().disabled);
    let actions: Vec<String> =
        web.docket.store().audit_log("内0203", 50).await.unwrap().into_iter().map(|a| a.action).collect();
    for a in ["disable_user", "enable_user", "end_sessions", "reset_password"] {
        assert!(actions.iter().any(|x| x == a), "{a} audited: {actions:?}");
    }
}

async fn the_audit_trail_is_filtered_paged_and_exported_and_grants_stand_out<S: Store>(store: S) {
    let web = system(store, &[]).await;
    let auditor = signed_in(&web, &username("内0203", "auditor"), PASSWORD).await;
    // A burst of sealed-case reads, then an account grant hidden behind them.
    let read = |i: usize| docket_store::AuditRow {
        id: 0,
        court: "内0203".into(),
        at: format!("2026-12-01T0{}:00:00Z", i % 10),
        username: "reader".into(),
        action: "read_sealed".into(),
        target: format!("（2025）内0203民初{}号", i % 7),
        detail: String::new(),
    };
    web.docket.store().append_audit((0..450).map(read).collect()).await.unwrap();
    web.docket
        .store()
        .append_audit(vec![docket_store::AuditRow {
            action: "grant_sealed_access".into(),
            username: "admin-x".into(),
            target: "new-president".into(),
            detail: "president".into(),
            ..read(0)
        }])
        .await
        .unwrap();
    web.docket.store().append_audit((0..300).map(read).collect()).await.unwrap();

    let page = auditor.get("/audit").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("id=\"grants\"") && page.body.contains("new-president"), "the grant stands out");
    let next = page.body.split("id=\"audit-next\"").next().unwrap().rsplit("href=\"/audit?").next().unwrap();
    let next = next.split('"').next().unwrap().replace("&amp;", "&").replace("&#38;", "&");
    assert!(next.starts_with("before="), "{next}");
    // Paging: 100 a page, none twice, newest first.
    let mut seen = std::collections::BTreeSet::new();
    let mut uri = "/audit?action=read_sealed".to_owned();
    for _ in 0..10 {
        let p = auditor.get(&uri).await;
        let ids: Vec<i64> = p
            .body
            .split("<tr><td class=\"num\">")
            .skip(1)
            .map(|s| s.split('<').next().unwrap().parse().unwrap())
            .collect();
        for id in &ids {
            assert!(seen.insert(*id), "line {id} on two pages ({uri})");
        }
        match p.body.split("id=\"audit-next\"").next().and_then(|s| s.rsplit("href=\"").next()) {
            Some(href) if p.body.contains("audit-next") => {
                uri = href.split('"').next().unwrap().replace("&amp;", "&").replace("&#38;", "&")
            }
            _ => break,
        }
    }
    assert_eq!(seen.len(), 750, "every read, once");

    let filtered = auditor.get("/audit?action=grant_sealed_access&from=2026-12-01&to=2026-12-01").await;
    assert_eq!(filtered.body.matches("<tr><td class=\"num\">").count(), 1, "{}", filtered.body);
    let csv =
        auditor.get("/audit/export.csv?target=%EF%BC%882025%EF%BC%89%E5%86%850203%E6%B0%91%E5%88%9D3%E5%8F%B7").await;
    assert_eq!(csv.status, StatusCode::OK);
    let lines: Vec<&str> = csv.body.lines().collect();
    assert!(lines[0].contains("编号,时间（北京时间）"), "{}", lines[0]);
    assert_eq!(lines.len() - 1, (0..450).filter(|i| i % 7 == 3).count() + (0..300).filter(|i| i % 7 == 3).count());
    assert!(lines[1].contains("查阅不公开案件,read_sealed"), "{}", lines[1]);
    let exported = web.docket.store().audit_log("内0203", 1).await.unwrap();
    assert_eq!(exported[0].action, "export_audit", "the export is audited");

    for bad in [
        "/audit?from=2026-13-01",
        "/audit?action=drop_table",
        "/audit?from=2026-12-02&to=2026-12-01",
        "/audit?before=x",
    ] {
        let r = auditor.get(bad).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(r.body.contains("参数"), "{bad}: {}", r.body);
    }
    // Only the court's auditor and administrator read it.
    let judge = signed_in(&web, &username("内0203", "judge"), PASSWORD).await;
    assert_eq!(judge.get("/audit").await.status, StatusCode::NOT_FOUND);
    assert_eq!(judge.get("/audit/export.csv").await.status, StatusCode::NOT_FOUND);
    let other = signed_in(&web, &username("内0204", "auditor"), PASSWORD).await;
    assert!(!other.get("/audit").await.body.contains("new-president"), "another court's trail");
}

async fn an_administrator_changes_a_role_under_the_rules_and_a_grant_reaches_the_auditor<S: Store>(store: S) {
    let judge_five =
        r#"{"kind":"judge","court":"内0203","code":"J5","name":"法官五","department":null,"titles":[],"quota":true}"#;
    let web = system(store, &[judge_five.to_owned()]).await;
    let admin_name = username("内0203", "admin");
    let admin = signed_in(&web, &admin_name, PASSWORD).await;
    let clerk_name = username("内0203", "clerk");
    let clerk = signed_in(&web, &clerk_name, PASSWORD).await;
    let division = clerk.get("/queues/division").await.status;
    assert_ne!(division, StatusCode::OK, "a 书记员 has no view by judge");
    let edit = |who: String, fields: Vec<(&'static str, &'static str)>| {
        let admin = &admin;
        async move { admin.post_form(&format!("/admin/users/{who}/edit"), &fields).await }
    };

    // A 庭长 must be bound to their own judge record, and one not already someone's.
    let r = edit(clerk_name.clone(), vec![("name", ""), ("role", "division_head"), ("judge", "")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("须关联本人的法官记录"), "{}", r.body);
    let r = edit(clerk_name.clone(), vec![("name", ""), ("role", "division_head"), ("judge", "J2")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("已有账户"), "{}", r.body);
    let r = edit(clerk_name.clone(), vec![("name", ""), ("role", "chief"), ("judge", "J5")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "an unknown role");
    assert_eq!(clerk.get("/").await.status, StatusCode::OK, "nothing refused ended a session");

    let r = edit(clerk_name.clone(), vec![("name", "王庭长"), ("role", "division_head"), ("judge", "J5")]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("结束会话 1 个"), "{}", r.body);
    assert_eq!(clerk.get("/").await.location.as_deref(), Some("/login"), "the old role's session ended");
    let row = web.docket.store().account(&clerk_name).await.unwrap().unwrap();
    assert_eq!(
        (row.role, row.judge.as_deref(), row.name.as_str()),
        (docket_domain::Role::DivisionHead, Some("J5"), "王庭长")
    );
    let again = signed_in(&web, &clerk_name, PASSWORD).await;
    assert_eq!(again.get("/queues/division").await.status, StatusCode::OK, "the new role applies at sign-in");
    let audit = web.docket.store().audit_log("内0203", 5).await.unwrap();
    let grant = audit
        .iter()
        .find(|a| a.target == clerk_name && a.action == "grant_sealed_access")
        .expect("the change is audited as a grant");
    assert_eq!(grant.username, admin_name);
    assert!(
        grant.detail.contains("角色 clerk → division_head") && grant.detail.contains("法官 无 → J5"),
        "{}",
        grant.detail
    );
    let auditor = signed_in(&web, &username("内0203", "auditor"), PASSWORD).await;
    let home = auditor.get("/").await.body;
    assert!(home.contains("id=\"grant-alert\""), "the auditor's 首页 shows the grant");

    // A change of name only is an ordinary edit; no change at all is refused.
    let judge_name = username("内0203", "judge");
    let r = edit(judge_name.clone(), vec![("name", "李法官"), ("role", "judge"), ("judge", "J2")]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(web.docket.store().audit_log("内0203", 1).await.unwrap()[0].action, "edit_user");
    let r = edit(judge_name, vec![("name", "李法官"), ("role", "judge"), ("judge", "J2")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Not their own role, not another court's account, not by another role.
    let r = edit(admin_name.clone(), vec![("name", ""), ("role", "president"), ("judge", "J5")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("不能更改自己正在使用的账户的角色"), "{}", r.body);
    let other = username("内0204", "clerk");
    let r = edit(other, vec![("name", ""), ("role", "judge"), ("judge", "J1")]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let president = signed_in(&web, &username("内0203", "president"), PASSWORD).await;
    let r = president
        .post_form(&format!("/admin/users/{clerk_name}/edit"), &[("name", ""), ("role", "clerk"), ("judge", "")])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(web.docket.store().account(&clerk_name).await.unwrap().unwrap().role, docket_domain::Role::DivisionHead);
}

docket_store::on_both_backends!(
    an_administrator_changes_a_role_under_the_rules_and_a_grant_reaches_the_auditor,
    a_password_change_needs_the_current_one_passes_the_policy_and_ends_other_sessions,
    an_administrator_disables_re_enables_resets_and_ends_sessions_in_their_court_only,
    the_audit_trail_is_filtered_paged_and_exported_and_grants_stand_out,
);

/// A leadership account (it reads the court's sealed cases) is shown to the 审计员 at once: on
/// 首页 as an alert, and at the top of the audit page.
async fn a_new_leadership_account_is_shown_to_the_auditor_at_once<S: Store>(store: S) {
    let judge = r#"{"kind":"judge","court":"内0203","code":"J5","name":"新庭长","department":null,"titles":["division_head"],"quota":true}"#;
    let web = system(store, &[judge.to_owned()]).await;
    let auditor = signed_in(&web, &username("内0203", "auditor"), PASSWORD).await;
    assert!(!auditor.get("/").await.body.contains("grant-alert"), "nothing to show yet");
    let admin = signed_in(&web, &username("内0203", "admin"), PASSWORD).await;
    let r = admin
        .post_form(
            "/admin/users",
            &[
                ("username", "new-head"),
                ("name", "新庭长"),
                ("role", "division_head"),
                ("judge", "J5"),
                ("password", "granite-heron-83"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let home = auditor.get("/").await.body;
    let alert = home.split("id=\"grant-alert\"").nth(1).expect("the alert on the auditor's 首页");
    assert!(alert.contains("<span class=\"count\">1</span>"), "{alert}");
    assert!(auditor.get("/audit").await.body.contains("new-head"));
    // Another court's auditor is not told.
    let other = signed_in(&web, &username("内0204", "auditor"), PASSWORD).await;
    assert!(!other.get("/").await.body.contains("grant-alert"));
}

mod leadership {
    use super::*;
    docket_store::on_both_backends!(a_new_leadership_account_is_shown_to_the_auditor_at_once);
}
