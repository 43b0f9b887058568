//! 审判监督管理 through the real router and a real store: a judge marks a case as one of the
//! 四类案件 and sends it for 阅核; the 庭长 finds it in 待阅核, returns it with a note, approves it
//! when sent again; the closing is refused until then and stores nothing. The 审管办 draws a
//! review batch, grades a case with findings that open a 整改台账 item and downloads the 评查通报;
//! writes an appraisal scheme (refused when the weights do not sum to 100 or an indicator is
//! unknown) and enters marks. A judge sees their own page and appraisal and no one else's.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{Client, PASSWORD, assign_line, case_line, enc, system, username};
use docket_store::Store;

async fn post(client: &Client, no: &str, fields: &[(&str, &str)]) -> common::Reply {
    client.post_form(&format!("/cases/{}/events", enc(no)), fields).await
}

fn closing(on: &'static str) -> [(&'static str, &'static str); 5] {
    [("action", "closed"), ("type", "closed"), ("method", "judgment"), ("confirm", "yes"), ("on", on)]
}

async fn a_marked_case_is_read_returned_approved_and_then_closes<S: Store>(store: S) {
    let (no, line) = case_line("内0203", "民初", 1, false);
    let web = system(store, &[line, assign_line(&no, "J1")]).await;
    let mut judge = Client::new(&web);
    judge.sign_in(&format!("{}-own", username("内0203", "judge")), PASSWORD).await;
    let mut head = Client::new(&web);
    head.sign_in(&username("内0203", "division_head"), PASSWORD).await;

    // The form's `by` is not trusted: the account is written.
    let r = post(
        &judge,
        &no,
        &[
            ("action", "supervision_flagged"),
            ("type", "supervision_flagged"),
            ("category", "mass_public"),
            ("by", "J4"),
            ("on", "2025-03-10"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = judge.get(&format!("/cases/{}", enc(&no))).await;
    assert!(page.body.contains(r#"id="supervision-flag""#) && page.body.contains("群体性或社会广泛关注"));
    assert!(page.body.contains("标记为四类案件：群体性或社会广泛关注（J1）"), "the mark names the judge who made it");
    assert!(page.body.contains("本案为四类案件，须经院庭长阅核同意后方可结案"));
    // A clerk reading the case sees the mark too.
    let mut clerk = Client::new(&web);
    clerk.sign_in(&username("内0203", "clerk"), PASSWORD).await;
    assert!(clerk.get(&format!("/cases/{}", enc(&no))).await.body.contains(r#"id="supervision-flag""#));

    let refused = post(&judge, &no, &closing("2025-05-01")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert!(refused.body.contains("阅核"), "{}", refused.body);
    assert!(judge.get(&format!("/cases/{}", enc(&no))).await.body.contains(r#"id="action-closed""#), "still open");

    let request =
        [("action", "reading_requested"), ("type", "reading_requested"), ("reviewer", "J3"), ("on", "2025-04-20")];
    assert_eq!(post(&judge, &no, &request).await.status, StatusCode::SEE_OTHER);
    let queue = head.get("/queues/reading").await;
    assert_eq!(queue.status, StatusCode::OK);
    assert!(queue.body.contains(&no), "the 庭长's 待阅核 lists it");
    // The judge may not answer their own reading.
    let answer = |result: &'static str, note: &'static str, on: &'static str| {
        [
            ("action", "reading_done"),
            ("type", "reading_done"),
            ("result", result),
            ("note", note),
            ("reviewer", "J1"),
            ("on", on),
        ]
    };
    assert_ne!(post(&judge, &no, &answer("approved", "", "2025-04-21")).await.status, StatusCode::SEE_OTHER);
    // Returned without a note is refused at its field; with one it stands.
    let r = post(&head, &no, &answer("returned", "", "2025-04-21")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("退回须写明意见"));
    let note = "请补充对违约金的说理";
    let r = head
        .post_form(
            &format!("/cases/{}/events", enc(&no)),
            &[
                ("action", "reading_done"),
                ("type", "reading_done"),
                ("result", "returned"),
                ("note", note),
                ("reviewer", "J1"),
                ("on", "2025-04-21"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = judge.get(&format!("/cases/{}", enc(&no))).await;
    assert!(page.body.contains(r#"id="reading-returned""#) && page.body.contains(note));
    assert!(page.body.contains("阅核：J3 退回"), "the answer names the 庭长 who gave it, not the form's J1");
    assert!(!head.get("/queues/reading").await.body.contains(&no), "answered: off the queue");
    assert_eq!(post(&judge, &no, &closing("2025-04-22")).await.status, StatusCode::UNPROCESSABLE_ENTITY);

    let again =
        [("action", "reading_requested"), ("type", "reading_requested"), ("reviewer", "J3"), ("on", "2025-04-25")];
    assert_eq!(post(&judge, &no, &again).await.status, StatusCode::SEE_OTHER);
    assert_eq!(post(&head, &no, &answer("approved", "", "2025-04-26")).await.status, StatusCode::SEE_OTHER);
    let r = post(&judge, &no, &closing("2025-05-01")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = judge.get(&format!("/cases/{}", enc(&no))).await;
    assert!(page.body.contains(r#"id="reading-approved""#) && !page.body.contains(r#"id="action-closed""#));
}

async fn the_office_reviews_a_batch_and_keeps_an_appraisal_a_judge_sees_only_their_own<S: Store>(store: S) {
    let (a, line_a) = case_line("内0203", "民初", 1, false);
    let (b, line_b) = case_line("内0203", "民初", 2, false);
    let closed = |no: &str| {
        format!(r#"{{"kind":"event","case_no":"{no}","on":"2025-05-04","type":"closed","method":"judgment"}}"#)
    };
    let web =
        system(store, &[line_a, assign_line(&a, "J1"), closed(&a), line_b, assign_line(&b, "J2"), closed(&b)]).await;
    let mut office = Client::new(&web);
    office.sign_in(&username("内0203", "trial_management"), PASSWORD).await;
    let court = enc("内0203");
    let cases = format!("{a}\n{b}");
    let r = office
        .post_form(
            "/manage/reviews",
            &[
                ("court", "内0203"),
                ("id", "2025-常规-1"),
                ("name", "常规评查"),
                ("type", "routine"),
                ("from", "2025-06-01"),
                ("to", "2025-06-30"),
                ("cases", &cases),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = office.get(r.location.as_deref().unwrap()).await;
    assert!(page.body.contains(&a) && page.body.contains(&b) && page.body.contains("指定 2 件"));
    let grade = |no: &str, grade: &'static str, findings: &'static str| {
        vec![
            ("court", "内0203".to_owned()),
            ("batch", "2025-常规-1".to_owned()),
            ("case_no", no.to_owned()),
            ("score", if grade == "flawed" { "68" } else { "93" }.to_owned()),
            ("grade", grade.to_owned()),
            ("findings", findings.to_owned()),
            ("rectify", "yes".to_owned()),
            ("on", "2025-06-10".to_owned()),
        ]
    };
    let as_refs = |v: &Vec<(&'static str, String)>| v.iter().map(|(k, x)| (*k, x.clone())).collect::<Vec<_>>();
    let fields = as_refs(&grade(&a, "flawed", "送达回证不全\n说理不充分"));
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = office.post_form("/manage/reviews/grade", &borrowed).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Graded once per batch.
    assert_eq!(office.post_form("/manage/reviews/grade", &borrowed).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut president = Client::new(&web);
    president.sign_in(&username("内0203", "president"), PASSWORD).await;
    let fields = as_refs(&grade(&b, "excellent", ""));
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(president.post_form("/manage/reviews/grade", &borrowed).await.status, StatusCode::SEE_OTHER);
    let page = office.get(&format!("/manage/reviews?court={court}&batch={}", enc("2025-常规-1"))).await;
    let reviewer = format!("{} 2025-06-10", username("内0203", "trial_management"));
    assert!(page.body.contains(&reviewer), "the reviewer is the office's account: {}", page.body);
    let list = office.get(&format!("/manage/reviews?court={court}")).await;
    assert!(list.body.contains("50.00%"), "one of two passes: {}", list.body);
    // The finding opened an item of the 整改台账, about the case.
    let ledger = office.get(&format!("/manage/ledger?court={court}")).await;
    assert!(ledger.body.contains("送达回证不全") && ledger.body.contains(&a), "{}", ledger.body);
    // The 评查通报, as a Word document and as HTML naming the flawed case and its findings.
    let docx =
        office.get(&format!("/manage/reviews/report?court={court}&batch={}&format=docx", enc("2025-常规-1"))).await;
    assert_eq!(docx.status, StatusCode::OK);
    let html =
        office.get(&format!("/manage/reviews/report?court={court}&batch={}&format=html", enc("2025-常规-1"))).await;
    assert!(
        html.body.contains("评查合格率50.00%") && html.body.contains("说理不充分") && html.body.contains(&a),
        "{}",
        html.body
    );
    let bytes = office.get(&format!("/manage/reviews/report?court={court}&batch=none&format=docx")).await;
    assert_eq!(bytes.status, StatusCode::NOT_FOUND);

    // 随机抽取: the same seed over the same closings draws the same case; a judge filter keeps
    // the pool to that judge's closings.
    let (ra, rb) = (&a, &b);
    let draw = |id: &'static str, judge: &'static str| {
        let office = &office;
        async move {
            let r = office
                .post_form(
                    "/manage/reviews",
                    &[
                        ("court", "内0203"),
                        ("id", id),
                        ("name", "随机抽查"),
                        ("type", "routine"),
                        ("from", "2025-06-01"),
                        ("to", "2025-06-30"),
                        ("closed_from", "2025-05-01"),
                        ("closed_to", "2025-05-31"),
                        ("count", "1"),
                        ("seed", "7"),
                        ("judge", judge),
                    ],
                )
                .await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
            let page = office.get(r.location.as_deref().unwrap()).await.body;
            let listed: Vec<&str> = [ra.as_str(), rb.as_str()].into_iter().filter(|n| page.contains(*n)).collect();
            assert_eq!(listed.len(), 1, "one case drawn: {page}");
            assert!(page.contains("种子 7") && page.contains("件可抽"), "the draw says how it was made");
            listed[0].to_owned()
        }
    };
    let first = draw("随机-1", "").await;
    assert_eq!(draw("随机-2", "").await, first, "reproducible by its seed");
    assert_eq!(&draw("随机-3", "J2").await, rb, "only J2's closing in the pool");

    // A scheme whose weights do not sum to 100, or naming an unknown indicator, is refused.
    let scheme = |items: &str| {
        vec![
            ("court", "内0203".to_owned()),
            ("id", "2025-法官".to_owned()),
            ("subject", "judge".to_owned()),
            ("year", "2025".to_owned()),
            ("items", items.to_owned()),
        ]
    };
    let post_scheme = |items: &'static str| {
        let office = &office;
        async move {
            let f = scheme(items);
            let b: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            office.post_form("/manage/appraisal", &b).await
        }
    };
    let r = post_scheme("审判质效 | indicator:closure_rate | 60 | higher\n队伍建设 | manual:队伍建设 | 30").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("各项权重之和为 90，应为 100"));
    let r = post_scheme("审判质效 | indicator:happiness | 60 | higher\n队伍建设 | manual:队伍建设 | 40").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("未知指标 happiness"));
    let r = post_scheme("审判质效 | indicator:closure_rate | 60 | higher\n队伍建设 | manual:队伍建设 | 40").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = office
        .post_form(
            "/manage/appraisal/scores",
            &[
                ("court", "内0203"),
                ("scheme", "2025-法官"),
                ("period", "2025"),
                ("item", "队伍建设"),
                ("scores", "J1 90\nJ2 70"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = office.get(&format!("/manage/appraisal?court={court}&scheme={}&period=2025", enc("2025-法官"))).await;
    // Both closed all their cases (closure 100%: all equal → 100): J1 60 + 36 = 96, J2 60 + 28 = 88.
    let row = |who: &str| {
        let at = page.body.find(&format!(r#"id="subject-{who}""#)).unwrap();
        page.body[at..at + page.body[at..].find("</tr>").unwrap()].to_owned()
    };
    assert!(row("J1").contains("96.00") && row("J2").contains("88.00"), "{}", page.body);
    assert!(page.body.contains("不排名"), "no ranking unless the court turns it on");
    // An indicator's value leads to the judge's cases behind it.
    let j1 = row("J1");
    let at = j1.find("/metrics/explain?").expect("a drill-down link");
    let link = j1[at..at + j1[at..].find('"').unwrap()].replace("&#38;", "&").replace("&amp;", "&");
    let explain = office.get(&link).await;
    assert_eq!(explain.status, StatusCode::OK, "{link}");
    assert!(explain.body.contains(&a) && !explain.body.contains(&b), "J1's closing, not J2's: {link}");

    // A judge: their own page and scores, no one else's, and not the office's screens.
    let mut judge = Client::new(&web);
    judge.sign_in(&format!("{}-own", username("内0203", "judge")), PASSWORD).await;
    assert_eq!(judge.get(&format!("/manage/appraisal?court={court}")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(judge.get(&format!("/manage/reviews?court={court}")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(judge.get("/judges/J2").await.status, StatusCode::NOT_FOUND);
    let own = judge.get("/judges/J1").await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(own.body.contains(r#"id="judge-reviews""#) && own.body.contains("瑕疵"), "their reviewed case");
    assert!(own.body.contains("本年度无考核方案"), "the 2025 scheme is not this year's (2027)");
    // The president reads any judge's page.
    assert_eq!(president.get("/judges/J2").await.status, StatusCode::OK);
}

docket_store::on_both_backends!(
    a_marked_case_is_read_returned_approved_and_then_closes,
    the_office_reviews_a_batch_and_keeps_an_appraisal_a_judge_sees_only_their_own,
);
