//! Reports count only what the account may read: the 专题分析报告 of a tag names the organisations
//! among its cases' parties, and a sealed case's parties must not reach anyone who gets 404 on
//! the case itself — page, CSV and HTML alike. Every role × court is checked against the rule
//! stated here, independently of `docket_domain::access`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{COURTS, Client, PASSWORD, assign_line, system, username};
use docket_domain::Role;
use docket_store::Store;

/// A 民初 case of 内0203 tagged `minor`, with an organisation among its parties.
fn minor_case(seq: u32, sealed: bool, organisation: &str) -> (String, String) {
    let case_no = format!("（2025）内0203民初{seq}号");
    let line = format!(
        r#"{{"kind":"case","court":"内0203","case_no":"{case_no}","type":"民初","procedure":"ordinary","cause":"教育机构责任纠纷","received_on":null,"filed_on":"2025-03-03","online":false,"claim_amount":null,"tags":["minor"],"origin":null,"sealed":{sealed},"parties":[{{"role":"plaintiff","kind":"person","name":"王小明","id_number":null}},{{"role":"defendant","kind":"organization","name":"{organisation}","id_number":null}}]}}"#
    );
    (case_no, line)
}

async fn the_topic_report_names_a_sealed_cases_organisation_only_to_who_may_read_it<S: Store>(store: S) {
    let (open_no, open_line) = minor_case(1, false, "某公开培训有限公司");
    let (sealed_no, sealed_line) = minor_case(2, true, "某不公开培训有限公司");
    let lines = vec![open_line, assign_line(&open_no, "J1"), sealed_line, assign_line(&sealed_no, "J1")];
    let web = system(store, &lines).await;
    let mut cells = 0;
    let mut unexpected = Vec::new();
    for account_court in COURTS {
        let mut people: Vec<(Role, String, bool)> =
            Role::ALL.iter().map(|r| (*r, username(account_court, r.as_str()), false)).collect();
        people.push((Role::Judge, format!("{}-own", username(account_court, "judge")), true));
        for (role, user, handles_j1) in people {
            let mut client = Client::new(&web);
            client.sign_in(&user, PASSWORD).await;
            // The rule: a sealed case is read in its own court by its judge and the leadership.
            let own = account_court == "内0203";
            let staff = role != Role::Admin && !role.is_portal();
            let views = staff && (own || "内0203".starts_with(account_court));
            let reads_sealed = staff && own && (handles_j1 || matches!(role, Role::President | Role::DivisionHead));
            for format in ["", "&format=csv", "&format=html"] {
                let r =
                    client.get(&format!("/reports?kind=topic&tag=minor&court=%E5%86%850203&period=2025{format}")).await;
                cells += 1;
                if !views {
                    if r.status != StatusCode::NOT_FOUND && r.status != StatusCode::SEE_OTHER {
                        unexpected.push(format!("{user} {format}: {} for a court it may not view", r.status));
                    }
                    continue;
                }
                let shows_open = r.body.contains("某公开培训有限公司");
                let shows_sealed = r.body.contains("某不公开培训有限公司");
                if r.status != StatusCode::OK || !shows_open || shows_sealed != reads_sealed {
                    unexpected.push(format!(
                        "{user} {format}: status {} open {shows_open} sealed {shows_sealed} (expected sealed {reads_sealed})",
                        r.status
                    ));
                }
            }
        }
    }
    assert!(cells >= 4 * 11 * 3, "{cells} cells");
    assert!(unexpected.is_empty(), "{} of {cells} cells unexpected:\n{}", unexpected.len(), unexpected.join("\n"));
}

docket_store::on_both_backends!(the_topic_report_names_a_sealed_cases_organisation_only_to_who_may_read_it);
