//! Conformance stories of accounts and the audit chain.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

/// Disabling an account ends its sessions and keeps it out of every session lookup; a password
/// change ends every session but the one making it; ending sessions ends them all; each writes
/// its audit line.
pub async fn disabling_an_account_or_changing_its_password_ends_its_sessions<S: Store>(store: S) {
    two_courts(&store).await;
    store.add_accounts(vec![account_named("u", "内0203"), account_named("v", "内0203")], vec![]).await.unwrap();
    for t in 1..=3 {
        store.create_session(session_of("u", t)).await.unwrap();
    }
    store.create_session(session_of("v", 9)).await.unwrap();
    assert_eq!(store.session_count("u", 100).await.unwrap(), 3);

    let ended =
        store.set_password("u", "$argon2id$2", Some(&[2; 32]), audit_line("u", "change_password")).await.unwrap();
    assert_eq!(ended, 2);
    assert!(store.session_account(&[2; 32], 100, 0).await.unwrap().is_some(), "the changing session stays");
    assert!(store.session_account(&[1; 32], 100, 0).await.unwrap().is_none());

    let ended = store.set_disabled("u", true, audit_line("admin", "disable_user")).await.unwrap();
    assert_eq!(ended, 1);
    assert!(store.account("u").await.unwrap().unwrap().disabled);
    // A session created after the disable (a race with sign-in) is still not honoured.
    store.create_session(session_of("u", 5)).await.unwrap();
    assert!(store.session_account(&[5; 32], 100, 0).await.unwrap().is_none(), "a disabled account has no live session");
    store.set_disabled("u", false, audit_line("admin", "enable_user")).await.unwrap();
    assert!(store.session_account(&[5; 32], 100, 0).await.unwrap().is_some());

    assert_eq!(store.end_sessions("v", audit_line("admin", "end_sessions")).await.unwrap(), 1);
    assert_eq!(store.session_count("v", 100).await.unwrap(), 0);

    // A change of role and judge is stored with its audit line and ends the account's sessions.
    store.create_session(session_of("v", 7)).await.unwrap();
    let ended = store
        .set_account_profile(
            "v",
            "王五",
            docket_domain::Role::DivisionHead,
            Some("J2"),
            audit_line("admin", "edit_user"),
        )
        .await
        .unwrap();
    assert_eq!(ended, 1);
    let v = store.account("v").await.unwrap().unwrap();
    assert_eq!((v.name.as_str(), v.role, v.judge.as_deref()), ("王五", docket_domain::Role::DivisionHead, Some("J2")));
    assert!(store.session_account(&[7; 32], 100, 0).await.unwrap().is_none(), "the old role's session ended");
    assert!(matches!(
        store
            .set_account_profile("nobody", "x", docket_domain::Role::Judge, None, audit_line("admin", "edit_user"))
            .await,
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(
        store.set_disabled("nobody", true, audit_line("admin", "disable_user")).await,
        Err(StoreError::NotFound(_))
    ));
    let actions: Vec<String> = store.audit_log("内0203", 10).await.unwrap().into_iter().map(|r| r.action).collect();
    assert_eq!(actions, ["edit_user", "end_sessions", "enable_user", "disable_user", "change_password"]);
}

/// The audit log found by who, what, which target and when, a page at a time.
pub async fn audit_lines_are_found_by_who_what_and_when_a_page_at_a_time<S: Store>(store: S) {
    let line = |user: &str, action: &str, target: &str, at: &str| crate::AuditRow {
        id: 0,
        court: "内0203".into(),
        at: at.into(),
        username: user.into(),
        action: action.into(),
        target: target.into(),
        detail: String::new(),
    };
    let mut rows = Vec::new();
    for i in 0..30 {
        rows.push(line("clerk1", "read_sealed", &format!("case{}", i % 3), &format!("2026-01-{:02}T09:00:00Z", i + 1)));
    }
    rows.push(line("admin", "grant_sealed_access", "boss", "2026-01-15T10:00:00Z"));
    rows.push(crate::AuditRow {
        court: "内02".into(),
        ..line("admin", "grant_sealed_access", "x", "2026-01-15T10:00:00Z")
    });
    store.append_audit(rows).await.unwrap();
    let q = |f: &dyn Fn(&mut crate::AuditQuery)| {
        let mut q = crate::AuditQuery { court: "内0203".into(), limit: 100, ..Default::default() };
        f(&mut q);
        q
    };
    let found = store.audit_search(&q(&|q| q.action = Some("grant_sealed_access".into()))).await.unwrap();
    assert_eq!(found.iter().map(|r| r.target.as_str()).collect::<Vec<_>>(), ["boss"], "one court's only");
    assert_eq!(store.audit_search(&q(&|q| q.username = Some("clerk1".into()))).await.unwrap().len(), 30);
    assert_eq!(store.audit_search(&q(&|q| q.target = Some("case1".into()))).await.unwrap().len(), 10);
    let january_10_to_20 = store
        .audit_search(&q(&|q| {
            q.from = Some("2026-01-10".into());
            q.until = Some("2026-01-20".into());
        }))
        .await
        .unwrap();
    assert_eq!(january_10_to_20.len(), 11, "10th–19th and the grant on the 15th");
    // Pages of 12 cover all 31 lines once, newest first.
    let mut seen = Vec::new();
    let mut before = None;
    loop {
        let page = store
            .audit_search(&q(&|q| {
                q.limit = 12;
                q.before_id = before;
            }))
            .await
            .unwrap();
        let Some(last) = page.last() else { break };
        before = Some(last.id);
        seen.extend(page.into_iter().map(|r| r.id));
    }
    assert_eq!(seen.len(), 31);
    assert!(seen.windows(2).all(|w| w[0] > w[1]));
}

/// The audit log is a hash chain: intact as written, and walking it finds a line edited, a line
/// deleted from the middle and lines deleted from the end.
pub async fn the_audit_chain_finds_an_edited_or_deleted_line<S: Store + crate::test_support::RawSql>(store: S) {
    let fresh = store.audit_chain(&NoProgress).await.unwrap();
    assert_eq!((fresh.rows, fresh.first_break, fresh.head_matches), (0, None, true));
    let rows: Vec<crate::AuditRow> = (0..6).map(|i| audit_line("clerk", &format!("act{i}"))).collect();
    store.append_audit(rows).await.unwrap();
    let intact = store.audit_chain(&NoProgress).await.unwrap();
    assert_eq!((intact.rows, intact.first_break, intact.head_matches), (6, None, true));

    store.exec("UPDATE audit_log SET username = 'someone' WHERE id = 3").await;
    assert_eq!(store.audit_chain(&NoProgress).await.unwrap().first_break, Some(3), "an edited line");
    store.exec("UPDATE audit_log SET username = 'clerk' WHERE id = 3").await;
    assert_eq!(store.audit_chain(&NoProgress).await.unwrap().first_break, None, "restored");

    store.exec("DELETE FROM audit_log WHERE id = 4").await;
    assert_eq!(store.audit_chain(&NoProgress).await.unwrap().first_break, Some(5), "the line after a deleted one");
}

/// Lines deleted from the end leave the chain's head pointing past them.
pub async fn the_audit_chain_finds_lines_deleted_from_its_end<S: Store + crate::test_support::RawSql>(store: S) {
    store.append_audit((0..4).map(|i| audit_line("clerk", &format!("act{i}"))).collect()).await.unwrap();
    store.exec("DELETE FROM audit_log WHERE id >= 3").await;
    let r = store.audit_chain(&NoProgress).await.unwrap();
    assert_eq!((r.rows, r.first_break, r.head_matches), (2, None, false));
}
