//! Who may be given an account that reads sealed cases: 院长 and 庭长 only as the judge they are,
//! one account per judge, and the 审计员 sees such a grant apart from ordinary account changes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use docket_app::{AppError, Docket, NewAccount};
use docket_store::Store;

fn new(username: &str, role: &str, judge: Option<&str>) -> NewAccount {
    NewAccount {
        username: username.into(),
        court: "内0203".into(),
        role: role.into(),
        judge: judge.map(str::to_owned),
        name: None,
        password: "a long enough password".into(),
    }
}

async fn accounts_that_read_sealed_cases_belong_to_one_judge_each<S: Store>(d: Docket<S>) {
    import(&d, &demo_jsonl(5, 40, 1)).await.unwrap();
    let admin = d.add_account(new("admin1", "admin", None), None).await.unwrap();
    // Leadership without a judge record: refused, naming the field.
    for role in ["division_head", "president"] {
        let Err(AppError::Invalid(m)) = d.add_account(new(&format!("lead-{role}"), role, None), Some(&admin)).await
        else {
            panic!("a {role} without a judge record was created");
        };
        assert!(m.starts_with("法官：") && m.contains("法官记录"), "{m}");
    }
    // The judge J0001 of 内0203 gets one account; a second bound to the same judge is refused.
    let judges = d.store().judges().await.unwrap();
    let j = judges.iter().find(|j| j.court.as_str() == "内0203").unwrap().code.clone();
    d.add_account(new("head1", "division_head", Some(&j)), Some(&admin)).await.unwrap();
    let Err(AppError::Invalid(m)) = d.add_account(new("head2", "judge", Some(&j)), Some(&admin)).await else {
        panic!("a second account for one judge was created");
    };
    assert!(m.contains("head1") && m.contains("只能有一个账户"), "{m}");
    assert!(d.store().account("head2").await.unwrap().is_none(), "nothing stored");
    // The grant is its own line in the audit log.
    let audit = d.store().audit_log("内0203", 50).await.unwrap();
    let grant = audit.iter().find(|a| a.target == "head1").unwrap();
    assert_eq!((grant.action.as_str(), grant.username.as_str()), ("grant_sealed_access", "admin1"));
}

docket_store::on_both_backends!(docket_app::Docket::new; accounts_that_read_sealed_cases_belong_to_one_judge_each);
