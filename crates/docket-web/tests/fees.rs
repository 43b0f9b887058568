//! 诉讼费 on the case page, through the real router and a real store: the 立案员 records the
//! advance payment, the judge closes by mediation, the fee halves once and the refund is due
//! within 15 days; the refund is recorded, a refund beyond what is held and a 免交 for an
//! organisation are refused at their fields, nothing stored.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{Client, PASSWORD, assign_line, enc, system, username};
use docket_store::Store;

fn civil_case(seq: u32, claim: &str, plaintiff_kind: &str) -> (String, String) {
    let no = format!("（2025）内0203民初{seq}号");
    let line = format!(
        r#"{{"kind":"case","court":"内0203","case_no":"{no}","type":"民初","procedure":"simple","cause":"买卖合同纠纷","received_on":null,"filed_on":"2025-03-03","online":false,"claim_amount":"{claim}","tags":[],"origin":null,"sealed":false,"parties":[{{"role":"plaintiff","kind":"{plaintiff_kind}","name":"某甲","id_number":null}},{{"role":"defendant","kind":"person","name":"李四","id_number":null}}]}}"#
    );
    (no, line)
}

/// The text of the element with `id` on the page.
fn text_of(body: &str, id: &str) -> String {
    let at = body.find(&format!(r#"id="{id}""#)).unwrap_or_else(|| panic!("no #{id} in {body}"));
    let rest = &body[at..];
    rest[rest.find('>').unwrap() + 1..rest.find("</").unwrap()].to_owned()
}

async fn post(client: &Client, no: &str, fields: &[(&str, &str)]) -> common::Reply {
    client.post_form(&format!("/cases/{}/events", enc(no)), fields).await
}

async fn a_mediated_case_halves_once_and_its_refund_is_due_within_fifteen_days<S: Store>(store: S) {
    // 100,000 元 under the simple procedure: 2,300 halved to 1,150 at filing (§16).
    let (no, line) = civil_case(1, "100000.00", "person");
    let (org, org_line) = civil_case(2, "100000.00", "organization");
    let web = system(store, &[line, assign_line(&no, "J1"), org_line, assign_line(&org, "J1")]).await;
    let mut clerk = Client::new(&web);
    clerk.sign_in(&username("内0203", "filing_clerk"), PASSWORD).await;
    let page = clerk.get(&format!("/cases/{}", enc(&no))).await;
    assert_eq!(text_of(&page.body, "fee-total"), "1150.00");
    assert!(page.body.contains("诉讼费用交纳办法第十六条"), "the halving cites §16");
    assert!(text_of(&page.body, "fee-owed").contains("2025-03-10"), "seven days from filing (§22)");
    let r = post(
        &clerk,
        &no,
        &[
            ("action", "fee_paid"),
            ("type", "fee_paid"),
            ("amount", "1150.00"),
            ("online", "true"),
            ("on", "2025-03-05"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // Converted to the ordinary procedure: the full fee, the top-up due seven days after.
    let mut judge = Client::new(&web);
    judge.sign_in(&format!("{}-own", username("内0203", "judge")), PASSWORD).await;
    let r = post(
        &judge,
        &no,
        &[
            ("action", "procedure_changed"),
            ("type", "procedure_changed"),
            ("procedure", "ordinary"),
            ("on", "2025-04-01"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = judge.get(&format!("/cases/{}", enc(&no))).await;
    assert_eq!(text_of(&page.body, "fee-total"), "2300.00");
    assert!(
        text_of(&page.body, "fee-owed").contains("1150.00") && text_of(&page.body, "fee-owed").contains("2025-04-08")
    );
    let r =
        post(&clerk, &no, &[("action", "fee_paid"), ("type", "fee_paid"), ("amount", "1150.00"), ("on", "2025-04-03")])
            .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // Closed by mediation: halved once (§15), not again; 1,150 due back within 15 days.
    let r = post(
        &judge,
        &no,
        &[("action", "closed"), ("type", "closed"), ("method", "mediation"), ("confirm", "yes"), ("on", "2025-05-06")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = clerk.get(&format!("/cases/{}", enc(&no))).await;
    assert_eq!(text_of(&page.body, "fee-total"), "1150.00");
    assert!(page.body.contains("诉讼费用交纳办法第十五条"), "the halving now cites §15");
    let due = text_of(&page.body, "fee-refund-due");
    assert!(due.contains("1150.00") && due.contains("2025-05-21"), "{due}");

    // The 立案员's 诉讼费 queue lists the refund due, by its date.
    let queue = clerk.get("/api/v1/queues/fees").await;
    assert_eq!(queue.status, StatusCode::OK, "{}", queue.body);
    let listed = queue.json()["cases"].as_array().unwrap().clone();
    let line = listed.iter().find(|c| c["case_no"] == no.as_str()).unwrap_or_else(|| panic!("{listed:?}"));
    assert_eq!(line["on"], "2025-05-21", "{line}");
    // The company's unpaid advance fee is owed since 2025-03-10 (seven days from filing).
    let owed = listed.iter().find(|c| c["case_no"] == org.as_str()).unwrap_or_else(|| panic!("{listed:?}"));
    assert_eq!(owed["on"], "2025-03-10", "{owed}");
    assert_eq!(judge.get("/api/v1/queues/fees").await.status, StatusCode::FORBIDDEN, "a judge has no fee queue");

    // A refund beyond what is held is refused at its field; the right one is recorded.
    let r = post(
        &clerk,
        &no,
        &[("action", "fee_refunded"), ("type", "fee_refunded"), ("amount", "3000.00"), ("on", "2025-05-10")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("超过已交未退的 2300.00 元"), "{}", r.body);
    let r = post(
        &clerk,
        &no,
        &[("action", "fee_refunded"), ("type", "fee_refunded"), ("amount", "1150.00"), ("on", "2025-05-12")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = clerk.get(&format!("/cases/{}", enc(&no))).await;
    assert!(!page.body.contains(r#"id="fee-refund-due""#), "nothing is due back");
    assert!(page.body.contains("退还诉讼费 1150.00 元"), "the timeline shows the refund");

    // The figures: one of the two payments online, the refund within its 15 days.
    let m = clerk
        .get(&format!(
            "/api/v1/metrics?court={}&from=2025-01-01&to=2025-12-31&indicators=online_fee_payment_rate,fee_refund_timely_rate",
            enc("内0203")
        ))
        .await;
    assert_eq!(m.status, StatusCode::OK, "{}", m.body);
    let v = m.json();
    let pair = |id: &str| {
        let x = v["indicators"].as_array().unwrap().iter().find(|x| x["id"] == id).unwrap().clone();
        (x["numerator"].as_i64(), x["denominator"].as_i64())
    };
    assert_eq!(pair("online_fee_payment_rate"), (Some(1), Some(2)), "{v}");
    assert_eq!(pair("fee_refund_timely_rate"), (Some(1), Some(1)), "{v}");

    // 免交 is for natural persons only (§44): refused for a company's case, and the clerk may not
    // grant relief at all.
    let mut head = Client::new(&web);
    head.sign_in(&username("内0203", "division_head"), PASSWORD).await;
    let waive = [("action", "fee_relief"), ("type", "fee_relief"), ("relief", "waive"), ("on", "2025-03-05")];
    let r = post(&head, &org, &waive).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("免交诉讼费用只适用于自然人"), "{}", r.body);
    assert_eq!(post(&clerk, &org, &waive).await.status, StatusCode::FORBIDDEN, "the clerk does not grant relief");
    let defer = [("action", "fee_relief"), ("type", "fee_relief"), ("relief", "defer"), ("on", "2025-03-05")];
    assert_eq!(post(&head, &org, &defer).await.status, StatusCode::SEE_OTHER);
    let page = head.get(&format!("/cases/{}", enc(&org))).await;
    assert!(text_of(&page.body, "fee-relief").contains("缓交"));
    assert!(!page.body.contains(r#"id="fee-deemed-withdrawal""#), "a deferred fee is not overdue");
}

docket_store::on_both_backends!(
    a_mediated_case_halves_once_and_its_refund_is_due_within_fifteen_days,
    an_organisations_mediations_are_counted_on_its_line,
);

async fn an_organisations_mediations_are_counted_on_its_line<S: Store>(store: S) {
    let pre = "（2027）内0203民诉前调1号";
    let line = format!(
        r#"{{"kind":"case","court":"内0203","case_no":"{pre}","type":"民诉前调","procedure":"none","cause":"劳动争议","received_on":null,"filed_on":"2027-06-01","online":false,"claim_amount":null,"tags":[],"origin":null,"sealed":false,"parties":[{{"role":"applicant","kind":"person","name":"张三","id_number":null}}]}}"#
    );
    let assigned = format!(r#"{{"kind":"event","case_no":"{pre}","on":"2027-06-01","type":"assigned","judge":"J1"}}"#);
    let web = system(store, &[line, assigned]).await;
    let mut tm = Client::new(&web);
    tm.sign_in(&username("内0203", "trial_management"), PASSWORD).await;
    let add = |code: &'static str| {
        [
            ("court", "内0203"),
            ("code", code),
            ("name", "昆区劳动争议调解委员会"),
            ("type", "labor"),
            ("mediators", "王建国\n刘玉梅"),
        ]
    };
    assert_eq!(tm.post_form("/manage/mediation", &add("M01")).await.status, StatusCode::SEE_OTHER);
    // The same code again is refused by the register, nothing stored.
    let r = tm.post_form("/manage/mediation", &add("M01")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("已存在"), "{}", r.body);
    // The 立案员 refers the 诉前调解 (委派); it ends with an agreement. An organisation not on the
    // roll, or a mediator not on the organisation's, is refused at its field.
    let mut clerk = Client::new(&web);
    clerk.sign_in(&username("内0203", "filing_clerk"), PASSWORD).await;
    let refer = |org: &'static str, mediator: &'static str| {
        [
            ("action", "mediation_delegated"),
            ("type", "mediation_delegated"),
            ("org", org),
            ("mediator", mediator),
            ("mode", "delegated"),
            ("on", "2027-06-02"),
        ]
    };
    let r = post(&clerk, pre, &refer("M09", "")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("调解组织 M09 不存在于 内0203"), "{}", r.body);
    let r = post(&clerk, pre, &refer("M01", "张某")).await;
    assert!(r.body.contains("调解员 张某 不在 M01 的名册中"), "{}", r.body);
    assert_eq!(post(&clerk, pre, &refer("M01", "刘玉梅")).await.status, StatusCode::SEE_OTHER);
    let mut judge = Client::new(&web);
    judge.sign_in(&format!("{}-own", username("内0203", "judge")), PASSWORD).await;
    let r = post(
        &judge,
        pre,
        &[
            ("action", "closed"),
            ("type", "closed"),
            ("method", "premediation_agreement"),
            ("confirm", "yes"),
            ("on", "2027-06-20"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = tm.get("/manage/mediation").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let row = &page.body[page.body.find(r#"id="org-M01""#).expect("the organisation's line")..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains(r#"class="num concluded">1<"#) && row.contains(r#"class="num rate">100.00%<"#), "{row}");
    assert!(row.contains("王建国、刘玉梅"), "the roll of mediators: {row}");
    // A judge reads no 审管台账.
    assert_eq!(judge.get("/manage/mediation").await.status, StatusCode::NOT_FOUND);
    // The 立案庭's 首页 carries the 诉源治理 figures: one 诉前调解 concluded, with an agreement.
    let home = clerk.get("/").await;
    let cards = &home.body[home.body.find(r#"id="filing-cards""#).expect("the 立案庭's figures")..];
    let cards = &cards[..cards.find("</section>").unwrap()];
    let success = &cards[cards.find(r#"data-indicator="premediation_success_rate""#).unwrap()..];
    assert!(success[..success.find("</a>").unwrap()].contains("100.00%"), "{cards}");
    assert!(cards.contains(r#"data-indicator="mediation_diversion_rate""#), "{cards}");
    assert!(!judge.get("/").await.body.contains(r#"id="filing-cards""#), "a judge's 首页 does not");
}
