//! 诉讼服务 through the real router and a real store: a party sees their own cases only and
//! never a staff page; electronic service falls back to 待邮寄送达 without a confirmed account
//! and reaches the account with one; opening the document records its view, and the receipt's
//! bundles verify offline; evidence the party submits comes with its bundle and shows apart on
//! the judge's page; the second factor and the stricter lockout.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{Client, PARTY_ID, PASSWORD, assign_line, case_line, enc, system, username};
use docket_store::Store;
use serde_json::json;

const RULING: &str = "本院裁定如下：准许原告张三撤回起诉。";

fn other_case() -> (String, String) {
    let no = "（2025）内0203民初9号".to_owned();
    let line = format!(
        r#"{{"kind":"case","court":"内0203","case_no":"{no}","type":"民初","procedure":"ordinary","cause":"买卖合同纠纷","received_on":null,"filed_on":"2025-03-03","online":false,"claim_amount":null,"tags":[],"origin":null,"sealed":false,"parties":[{{"role":"plaintiff","kind":"person","name":"王五","id_number":"150203198001011238"}},{{"role":"defendant","kind":"person","name":"赵六"}}]}}"#
    );
    (no, line)
}

fn served_sha(body: &str) -> String {
    let at = body.find("/served/").expect("a served document link") + "/served/".len();
    body[at..at + 64].to_owned()
}

fn verify(bundle: &str) -> String {
    let b: docket_tlog::Bundle = serde_json::from_str(bundle).expect("a bundle");
    b.verify(None).expect("the bundle verifies offline");
    b.leaf
}

async fn postal(c: &Client) -> serde_json::Value {
    c.get("/api/v1/queues/postal").await.json()["cases"].clone()
}

async fn story<S: Store>(store: S) {
    let (open, open_line) = case_line("内0203", "民初", 1, false);
    let (sealed, sealed_line) = case_line("内0203", "民初", 2, true);
    let (other, other_line) = other_case();
    let lines = vec![
        open_line,
        assign_line(&open, "J1"),
        format!(
            r#"{{"kind":"event","case_no":"{open}","on":"2025-03-05","type":"document_issued","doc":"ruling","text":"{RULING}"}}"#
        ),
        sealed_line,
        assign_line(&sealed, "J1"),
        other_line,
    ];
    let web = system(store, &lines).await;
    let mut party = Client::new(&web);
    party.sign_in(&username("内0203", "party"), PASSWORD).await;

    // My cases: both of 张三's, sealed too; not another's; no staff page.
    let home = party.get("/portal").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains(&open) && home.body.contains(&sealed), "{}", home.body);
    assert!(!home.body.contains(&other));
    assert!(home.body.contains("consent-missing"), "electronic service is not yet confirmed");
    assert_eq!(party.get(&format!("/portal/cases/{}", enc(&other))).await.status, StatusCode::NOT_FOUND);
    for staff in ["/", "/cases", &format!("/cases/{}", enc(&open)), "/account", "/queues/due"] {
        assert_eq!(party.get(staff).await.status, StatusCode::NOT_FOUND, "{staff}");
    }
    assert_eq!(party.get(&format!("/api/v1/cases/{}", enc(&open))).await.status, StatusCode::NOT_FOUND);

    // A sealed case: the other party is not named; no page shows an ID number.
    let page = party.get(&format!("/portal/cases/{}", enc(&sealed))).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("李四") && page.body.contains("不公开"), "{}", page.body);
    let page = party.get(&format!("/portal/cases/{}", enc(&open))).await;
    assert!(page.body.contains("李四"));
    assert!(!page.body.contains(PARTY_ID) && !home.body.contains(PARTY_ID), "no ID number on the portal");

    // Serving before the party confirmed electronic service: recorded as failed, and the case
    // waits in the clerk's 待邮寄送达.
    let mut clerk = Client::new(&web);
    clerk.sign_in(&username("内0203", "clerk"), PASSWORD).await;
    let serve_path = format!("/cases/{}/serve", enc(&open));
    let serve_fields = [("document", "1"), ("party", "0")];
    let r = clerk.post_form(&serve_path, &serve_fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let listed = postal(&clerk).await;
    assert!(listed.as_array().unwrap().iter().any(|c| c["case_no"] == open.as_str()), "{listed}");
    assert!(party.get(&format!("/portal/cases/{}", enc(&open))).await.body.contains("暂无电子送达的文书"));

    // Confirmed, then served: it reaches the account and leaves the postal queue.
    let r = party
        .post_form(
            "/portal/account",
            &[("action", "consent"), ("consent", "yes"), ("address", "包头市昆都仑区某街1号")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("consent-at"));
    let r = clerk.post_form(&serve_path, &serve_fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location.as_deref().unwrap_or_default().contains(&enc("已送达")), "{:?}", r.location);
    assert!(postal(&clerk).await.as_array().unwrap().is_empty(), "served electronically: nothing waits");

    let page = party.get(&format!("/portal/cases/{}", enc(&open))).await;
    assert!(page.body.contains("未查阅"), "{}", page.body);
    let sha = served_sha(&page.body);
    assert_eq!(sha, docket_app::portal::document_sha256(RULING));
    let doc = party.get(&format!("/portal/cases/{}/served/{sha}", enc(&open))).await;
    assert_eq!(doc.status, StatusCode::OK);
    assert!(doc.body.contains(RULING));
    let viewed_at = |body: &str| {
        let at = body.find("id=\"viewed-at\">").unwrap() + "id=\"viewed-at\">".len();
        body[at..at + 19].to_owned()
    };
    let first_view = viewed_at(&doc.body);
    assert!(first_view.starts_with("20"), "the view time is on the receipt: {first_view}");
    // Opening again keeps the first view.
    let again = party.get(&format!("/portal/cases/{}/served/{sha}", enc(&open))).await;
    assert_eq!(viewed_at(&again.body), first_view);
    let mut judge = Client::new(&web);
    judge.sign_in(&format!("{}-own", username("内0203", "judge")), PASSWORD).await;
    let events = judge.get(&format!("/api/v1/cases/{}", enc(&open))).await.json();
    let views = events.to_string().matches("查阅电子送达文书").count();
    assert_eq!(views, 1, "one view recorded: {events}");

    // The receipt: the service's and the view's bundles verify offline, each leaf the line.
    let link = |body: &str, id: &str| {
        let at = body.find(&format!("id=\"{id}\"")).unwrap();
        let start = body[..at].rfind("href=\"").unwrap() + 6;
        body[start..].split('"').next().unwrap().to_owned()
    };
    let service = party.get(&link(&doc.body, "service-bundle")).await;
    assert_eq!(service.status, StatusCode::OK);
    let leaf = verify(&service.body);
    assert!(leaf.contains("\"type\":\"service_attempted\"") && leaf.contains(&sha) && leaf.contains("receipt_at"));
    let view = party.get(&link(&doc.body, "view-bundle")).await;
    let leaf = verify(&view.body);
    assert!(leaf.contains("\"type\":\"service_viewed\"") && leaf.contains(&sha), "{leaf}");
    // Only the receipt's entries: not the filing's.
    assert_eq!(
        party.get(&format!("/portal/cases/{}/entries/0/bundle", enc(&open))).await.status,
        StatusCode::NOT_FOUND
    );

    // Staff cannot write a view.
    let r = judge
        .post_json(
            &format!("/api/v1/cases/{}/events", enc(&open)),
            json!({"on": "2027-06-30", "type": "service_viewed", "document": sha, "viewed_at": "2027-06-30T09:00:00+08:00"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);

    // Evidence from the party: stored with the bundle at hand; the judge sees it apart.
    let r = party
        .post_multipart(
            &format!("/portal/cases/{}/evidence", enc(&open)),
            &[("media_type", "text/plain")],
            ("借条.txt", "今借到张三人民币壹万元整。"),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let back = r.location.unwrap();
    assert!(back.contains("bundle=1"), "{back}");
    let page = party.get(&back).await;
    let bundle = party.get(&link(&page.body, "notice-bundle")).await;
    assert_eq!(bundle.status, StatusCode::OK);
    let leaf = verify(&bundle.body);
    assert!(leaf.contains(docket_app::portal::PARTY_METHOD) && leaf.contains("c2-party"), "{leaf}");
    let judge_page = judge.get(&format!("/cases/{}", enc(&open))).await.body;
    let party_table = &judge_page[judge_page.find("id=\"party-evidence\"").unwrap()..];
    let party_table = &party_table[..party_table.find("</table>").unwrap()];
    assert!(party_table.contains("借条.txt"), "{party_table}");
    // Staff may not pass their evidence off as the party's.
    let q = format!(
        "name={}&type=text%2Fplain&source={}&method={}",
        enc("笔录.txt"),
        enc("原告"),
        enc(docket_app::portal::PARTY_METHOD)
    );
    let r =
        clerk.post_raw(&format!("/api/v1/cases/{}/evidence?{q}", enc(&open)), "application/octet-stream", "笔录").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);

    // A payment the finance office confirmed, with its reference, is on the party's page.
    let mut cashier = Client::new(&web);
    cashier.sign_in(&username("内0203", "filing_clerk"), PASSWORD).await;
    let r = cashier
        .post_json(
            &format!("/api/v1/cases/{}/events", enc(&open)),
            json!({"on": "2027-06-30", "type": "fee_paid", "amount": "100.00", "online": true, "reference": "NM2027063000017"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let page = party.get(&format!("/portal/cases/{}", enc(&open))).await.body;
    assert!(page.contains("NM2027063000017") && page.contains("100.00"), "{page}");

    // The second factor: on with a code from the secret, then sign-in needs a fresh code.
    let account = party.get("/portal/account").await.body;
    let secret = {
        let at = account.find("id=\"totp-secret\" value=\"").unwrap() + "id=\"totp-secret\" value=\"".len();
        account[at..].split('"').next().unwrap().to_owned()
    };
    let bytes = docket_app::totp::from_base32(&secret).unwrap();
    let now = u64::try_from(docket_app::unix_now()).unwrap();
    let code = format!("{:06}", docket_app::totp::code_at(&bytes, now, 6));
    let r = party.post_form("/portal/account", &[("action", "totp_on"), ("secret", &secret), ("code", &code)]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let page_sign_in = |code: &str| {
        let fields = [
            ("username".to_owned(), username("内0203", "party")),
            ("password".to_owned(), PASSWORD.to_owned()),
            ("code".to_owned(), code.to_owned()),
        ];
        let c = Client::new(&web);
        async move {
            let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            c.post_form("/login", &f).await
        }
    };
    assert_eq!(page_sign_in("").await.status, StatusCode::UNAUTHORIZED, "no code");
    let ok = page_sign_in(&code).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(ok.location.as_deref(), Some("/portal"));
    assert_eq!(page_sign_in(&code).await.status, StatusCode::UNAUTHORIZED, "a code is good once");

    // Stricter lockout: three failures lock a portal account.
    let lawyer = username("内0203", "lawyer");
    for _ in 0..3 {
        let c = Client::new(&web);
        let r = c.post_json("/api/v1/auth/login", json!({"username": lawyer, "password": "wrong-password"})).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let c = Client::new(&web);
    let r = c.post_json("/api/v1/auth/login", json!({"username": lawyer, "password": PASSWORD})).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "locked after three: {}", r.body);
    assert!(r.body.contains("锁定"), "{}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_party_is_served_opens_the_document_and_submits_evidence_on_sqlite() {
    story(docket_store::test_support::sqlite().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_party_is_served_opens_the_document_and_submits_evidence_on_postgres() {
    match docket_store::test_support::postgres().await {
        Some(store) => story(store).await,
        None => eprintln!("skipped: DOCKET_TEST_PG_URL is not set"),
    }
}

/// 网上立案: a lawyer applies for a client; the 立案员 asks for 补正; the lawyer corrects; the
/// 立案员 files it — online, received on the day of the correction, the client with the lawyer as
/// agent, so the case is in the lawyer's portal; nobody else sees the application.
async fn online_filing<S: Store>(store: S) {
    let web = system(store, &[]).await;
    let mut lawyer = Client::new(&web);
    lawyer.sign_in(&username("内0203", "lawyer"), PASSWORD).await;
    assert_eq!(lawyer.get("/portal/apply").await.status, StatusCode::OK);
    let form = [
        ("court", "内0203"),
        ("claim", "civil"),
        ("cause", "民间借贷纠纷"),
        ("claim_amount", "50000"),
        ("plaintiff_kind", "person"),
        ("plaintiff_name", "王小明"),
        ("plaintiff_id", "150203198001011238"),
        ("defendant_kind", "person"),
        ("defendant_name", "赵六"),
        ("defendant_id", ""),
        ("requests", "请求判令被告偿还借款五万元。"),
    ];
    let bad = lawyer.post_form("/portal/apply", &[("court", "内0203"), ("claim", "civil")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("cause") && bad.body.contains("requests"), "each field at fault is named");
    let r = lawyer.post_form("/portal/apply", &form).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let portal_page = r.location.unwrap();
    let no = "2027-网立-1";
    assert!(portal_page.ends_with(&enc(no)), "{portal_page}");
    let staff_page = format!("/applications/{}/{}", enc("内0203"), enc(no));

    // Nobody else's: another party, another court's 立案员, a judge.
    let mut party = Client::new(&web);
    party.sign_in(&username("内0203", "party"), PASSWORD).await;
    assert_eq!(party.get(&portal_page).await.status, StatusCode::NOT_FOUND);
    for other in [username("内0204", "filing_clerk"), username("内0203", "judge")] {
        let mut c = Client::new(&web);
        c.sign_in(&other, PASSWORD).await;
        assert_eq!(c.get(&staff_page).await.status, StatusCode::NOT_FOUND, "{other}");
    }

    let mut clerk = Client::new(&web);
    clerk.sign_in(&username("内0203", "filing_clerk"), PASSWORD).await;
    assert!(clerk.get("/applications").await.body.contains(no));
    let refused = clerk.post_form(&staff_page, &[("step", "refused"), ("reason", "")]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "a refusal needs its reason");
    let r = clerk
        .post_form(&staff_page, &[("step", "correction_requested"), ("missing", "借条原件照片"), ("by", "2027-07-07")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = lawyer.get(&portal_page).await.body;
    assert!(page.contains("借条原件照片") && page.contains("correct-form"), "{page}");
    // The 立案员 cannot file while the correction is awaited.
    let early = clerk.post_form(&staff_page, &[("step", "accepted"), ("procedure", "simple")]).await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = lawyer.post_form(&portal_page, &[("step", "corrected")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = clerk.post_form(&staff_page, &[("step", "accepted"), ("procedure", "simple")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let case_href = r.location.unwrap();
    let case_no = "（2027）内0203民初1号";
    assert!(case_href.starts_with(&format!("/cases/{}", enc(case_no))), "{case_href}");
    let case = clerk.get(&format!("/api/v1/cases/{}", enc(case_no))).await.json();
    assert_eq!(case["online"], true);
    assert_eq!(case["received_on"], "2027-06-30", "received when the corrected materials arrived");
    // Filed once: the application is decided.
    let again = clerk.post_form(&staff_page, &[("step", "accepted"), ("procedure", "simple")]).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!clerk.get("/applications").await.body.contains(no));
    // The lawyer's portal: the application filed, the case theirs.
    let page = lawyer.get(&portal_page).await.body;
    assert!(page.contains("application-case") && page.contains(case_no), "{page}");
    assert!(lawyer.get("/portal").await.body.contains(case_no));
    assert_eq!(lawyer.get(&format!("/portal/cases/{}", enc(case_no))).await.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lawyer_applies_the_clerk_asks_for_correction_and_files_it_on_sqlite() {
    online_filing(docket_store::test_support::sqlite().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lawyer_applies_the_clerk_asks_for_correction_and_files_it_on_postgres() {
    match docket_store::test_support::postgres().await {
        Some(store) => online_filing(store).await,
        None => eprintln!("skipped: DOCKET_TEST_PG_URL is not set"),
    }
}
