//! 审管台账 through the real router and a real store: who may read and keep the 审管办's records
//! (every role × the account's court × the records' court), a campaign handed down and cleared
//! as a lower court's judge closes a listed case, a 销号, and refused forms that store nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{COURTS, Client, PASSWORD, assign_line, case_line, enc, system, username};
use docket_domain::Role;
use docket_store::Store;
use serde_json::json;

const PAGES: [&str; 6] = ["campaigns", "ledger", "suggestions", "petitions", "tracking", "mediation"];

/// The rules, stated from the issue: the 审管办 and the court's leadership read their court's
/// records, a higher court (and its viewer) reads them too; only the court's own 审管办 and 院长
/// keep them.
fn reads(role: Role, account_court: &str, court: &str) -> bool {
    let own_or_lower = court.starts_with(account_court);
    own_or_lower
        && matches!(role, Role::TrialManagement | Role::President | Role::DivisionHead | Role::HigherCourtViewer)
}

fn keeps(role: Role, account_court: &str, court: &str) -> bool {
    account_court == court && matches!(role, Role::TrialManagement | Role::President)
}

async fn who_reads_and_keeps_the_records<S: Store>(store: S) {
    let web = system(store, &[]).await;
    let (mut checked, mut unexpected) = (0, Vec::new());
    for account_court in COURTS {
        for role in Role::ALL {
            let user = username(account_court, role.as_str());
            let mut client = Client::new(&web);
            client.sign_in(&user, PASSWORD).await;
            for court in COURTS {
                for page in PAGES {
                    let r = client.get(&format!("/manage/{page}?court={}", enc(court))).await;
                    assert!(
                        matches!(r.status, StatusCode::OK | StatusCode::NOT_FOUND),
                        "{user} {page} {court}: {}",
                        r.status
                    );
                    checked += 1;
                    if (r.status == StatusCode::OK) != reads(role, account_court, court) {
                        unexpected.push(format!("{user} reads {page} of {court}: {}", r.status));
                    }
                }
                // 数据核查 is the 审管办's alone.
                let r = client.get(&format!("/manage/integrity?court={}", enc(court))).await;
                checked += 1;
                let want = role == Role::TrialManagement && reads(role, account_court, court);
                if (r.status == StatusCode::OK) != want {
                    unexpected.push(format!("{user} reads 数据核查 of {court}: {}", r.status));
                }
                let r = client
                    .post_form(
                        "/manage/ledger",
                        &[
                            ("court", court),
                            ("ledger", &format!("L-{user}")),
                            ("source", "data"),
                            ("problem", "结案率偏低"),
                            ("measure", "逐案督办"),
                            ("due_on", "2027-09-30"),
                        ],
                    )
                    .await;
                assert!(
                    matches!(r.status, StatusCode::SEE_OTHER | StatusCode::NOT_FOUND),
                    "{user} keeps {court}: {} {}",
                    r.status,
                    r.body
                );
                checked += 1;
                if (r.status == StatusCode::SEE_OTHER) != keeps(role, account_court, court) {
                    unexpected.push(format!("{user} keeps a ledger item of {court}: {}", r.status));
                }
            }
        }
    }
    eprintln!("records matrix: {checked} cells, {} unexpected", unexpected.len());
    assert!(checked >= 800, "{checked}");
    assert!(unexpected.is_empty(), "{}", unexpected.join("\n"));
    // Each allowed write is one item, in its own court's ledger, with its audit line.
    let register = web.docket.register().await.unwrap();
    let expected: usize = COURTS.iter().map(|c| Role::ALL.iter().filter(|r| keeps(**r, c, c)).count()).sum();
    assert_eq!(register.ledger.len(), expected);
}

/// The figure between `<b class="{class}">` and `</b>` in the campaign's section.
fn figure(body: &str, id: &str, class: &str) -> String {
    let section =
        &body[body.find(&format!("id=\"campaign-{id}\"")).unwrap_or_else(|| panic!("campaign {id} in {body}"))..];
    let at = section.find(&format!("class=\"{class}\">")).unwrap() + class.len() + 9;
    section[at..at + section[at..].find('<').unwrap()].to_owned()
}

async fn a_campaign_is_cleared_as_a_lower_courts_judge_closes_a_listed_case<S: Store>(store: S) {
    let (a, a_line) = case_line("内0203", "民初", 1, false);
    let (b, b_line) = case_line("内0204", "民初", 1, false);
    let web = system(store, &[a_line, assign_line(&a, "J1"), b_line, assign_line(&b, "J1")]).await;
    let mut tm = Client::new(&web);
    tm.sign_in(&username("内02", "trial_management"), PASSWORD).await;
    let list = format!("{a} J1 2027-08-31\n{b}，J1");
    let open = [
        ("court", "内02"),
        ("id", "2027-长期未结"),
        ("name", "长期未结案件专项清理"),
        ("from", "2027-06-01"),
        ("to", "2027-12-31"),
        ("termination_counts", "on"),
        ("cases", list.as_str()),
    ];
    let r = tm.post_form("/manage/campaigns", &open).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = tm.get(&format!("/manage/campaigns?court={}", enc("内02"))).await;
    assert_eq!(figure(&page.body, "2027-长期未结", "listed"), "2");
    assert_eq!(figure(&page.body, "2027-长期未结", "clearance-rate"), "0.00%");
    // The same campaign again is refused, by the register, and nothing is stored.
    let size = web.docket.store().tree_size().await.unwrap();
    let r = tm.post_form("/manage/campaigns", &open).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("已存在"), "{}", r.body);
    assert_eq!(web.docket.store().tree_size().await.unwrap(), size);

    // 内0203's judge closes the listed case.
    let mut judge = Client::new(&web);
    judge.sign_in(&format!("{}-own", username("内0203", "judge")), PASSWORD).await;
    let r = judge
        .post_json(
            &format!("/api/v1/cases/{}/events", enc(&a)),
            json!({"on": "2027-06-30", "type": "closed", "method": "judgment"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let page = tm.get(&format!("/manage/campaigns?court={}", enc("内02"))).await;
    assert_eq!(figure(&page.body, "2027-长期未结", "cleared"), "1");
    assert_eq!(figure(&page.body, "2027-长期未结", "clearance-rate"), "50.00%");
    let m = tm
        .get(&format!(
            "/api/v1/metrics?court={}&rollup=true&from=2027-01-01&to=2027-12-31&indicators=campaign_clearance_rate",
            enc("内02")
        ))
        .await;
    let v = &m.json()["indicators"][0];
    assert_eq!((v["numerator"].as_i64(), v["denominator"].as_i64()), (Some(1), Some(2)), "{}", m.body);

    // Each lower court sees its own part of the campaign.
    for (court, listed, cleared) in [("内0203", "1", "1"), ("内0204", "1", "0")] {
        let mut c = Client::new(&web);
        c.sign_in(&username(court, "trial_management"), PASSWORD).await;
        let page = c.get("/manage/campaigns").await;
        assert_eq!(figure(&page.body, "2027-长期未结", "listed"), listed, "{court}");
        assert_eq!(figure(&page.body, "2027-长期未结", "cleared"), cleared, "{court}");
        // …and cannot list a case of its peer in a campaign of its own.
        let r = c
            .post_form(
                "/manage/campaigns",
                &[
                    ("court", court),
                    ("id", "x"),
                    ("name", "n"),
                    ("from", "2027-06-01"),
                    ("to", "2027-12-31"),
                    ("cases", &b),
                ],
            )
            .await;
        if court == "内0203" {
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        }
    }
}

async fn a_ledger_item_is_closed_once_and_its_board_says_so<S: Store>(store: S) {
    let web = system(store, &[]).await;
    let mut tm = Client::new(&web);
    tm.sign_in(&username("内0203", "trial_management"), PASSWORD).await;
    let court = ("court", "内0203");
    let r = tm
        .post_form(
            "/manage/ledger",
            &[
                court,
                ("ledger", "2027-审务督察"),
                ("source", "inspection"),
                ("problem", "归档不及时"),
                ("measure", "周通报"),
                ("lead", "J4"),
                ("due_on", "2027-06-01"),
                ("opened_on", "2027-03-01"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let board = tm.get("/manage/ledger").await;
    assert!(board.body.contains(r#"<b class="overdue">1</b>"#), "past its deadline on 2027-06-30: {}", board.body);
    let close =
        [court, ("ledger", "2027-审务督察"), ("no", "1"), ("type", "closed"), ("on", "2027-06-30"), ("note", "已整改")];
    assert_eq!(tm.post_form("/manage/ledger/event", &close).await.status, StatusCode::SEE_OTHER);
    let board = tm.get("/manage/ledger").await;
    assert!(
        board.body.contains(r#"<b class="closed">1</b>"#) && board.body.contains(r#"<b class="overdue">0</b>"#),
        "{}",
        board.body
    );
    // A second 销号 is refused with its reason; a date ahead of today too.
    let again = tm.post_form("/manage/ledger/event", &close).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("该项已销号"), "{}", again.body);
    let ahead = [court, ("ledger", "2027-审务督察"), ("no", "1"), ("type", "reopened"), ("on", "2027-07-01")];
    let r = tm.post_form("/manage/ledger/event", &ahead).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("晚于今天"), "{}", r.body);
    let register = web.docket.register().await.unwrap();
    let item = register.ledger.values().next().unwrap();
    assert_eq!(item.events.len(), 1, "only the first 销号 is stored");
    // The change is audited.
    let audit = web.docket.store().audit_log("内0203", 100).await.unwrap();
    assert!(audit.iter().filter(|r| r.action == "record_management").count() >= 2);
    // The 整改完成率 counts it: due in June, closed on its deadline's month… after the deadline.
    let m = tm
        .get(&format!(
            "/api/v1/metrics?court={}&from=2027-01-01&to=2027-12-31&indicators=rectification_completion_rate",
            enc("内0203")
        ))
        .await;
    let v = &m.json()["indicators"][0];
    assert_eq!((v["numerator"].as_i64(), v["denominator"].as_i64()), (Some(0), Some(1)), "{}", m.body);
}

async fn the_integrity_page_names_a_late_filing_with_its_rule<S: Store>(store: S) {
    // Received 2025-02-20, filed 2025-03-03: eleven days.
    let (no, line) = case_line("内0203", "民初", 1, false);
    let line = line.replace(r#""received_on":null"#, r#""received_on":"2025-02-20""#);
    let web = system(store, &[line]).await;
    let mut tm = Client::new(&web);
    tm.sign_in(&username("内0203", "trial_management"), PASSWORD).await;
    let page = tm.get("/manage/integrity?from=2025-01-01&to=2025-12-31").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("不是结论"), "the page says findings are signs");
    let section = &page.body[page.body.find("id=\"detector-late_filing\"").expect("a late filing")..];
    assert!(
        section.contains(&no) && section.contains("相隔 11 天") && section.contains("登记立案规定第八条"),
        "{section}"
    );
    assert!(page.body.contains(r#"<b id="integrity-total">1</b>"#), "{}", page.body);
    // Outside the period: nothing.
    let page = tm.get("/manage/integrity?from=2026-01-01&to=2026-12-31").await;
    assert!(page.body.contains(r#"<b id="integrity-total">0</b>"#));
}

async fn only_the_trial_management_offices_bulletin_carries_the_integrity_findings<S: Store>(store: S) {
    // Two late filings in the week of 2025-03-03: one open, one sealed.
    let (open_no, open) = case_line("内0203", "民初", 1, false);
    let (sealed_no, sealed) = case_line("内0203", "民初", 2, true);
    let late = |l: String| l.replace(r#""received_on":null"#, r#""received_on":"2025-02-20""#);
    let web = system(store, &[late(open), late(sealed)]).await;
    let url = "/reports?kind=weekly&court=%E5%86%850203&period=2025-W10&format=html";
    let mut tm = Client::new(&web);
    tm.sign_in(&username("内0203", "trial_management"), PASSWORD).await;
    let page = tm.get(url).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let section = &page.body[page.body.find("数据核查（供审管办内部掌握）").expect("the 审管办's copy has it")..];
    assert!(section.contains("本期（2025-03-03至2025-03-09）数据核查发现疑点 2 条"), "{section}");
    assert!(section.contains(&open_no) && section.contains("相隔 11 天"), "the open case is named: {section}");
    assert!(!section.contains(&sealed_no), "the sealed case is not named");
    assert!(section.contains("1 条涉及不公开案件，未列出"), "{section}");
    // The 院长's and the judge's copies do not carry it.
    for role in ["president", "judge"] {
        let mut other = Client::new(&web);
        other.sign_in(&username("内0203", role), PASSWORD).await;
        let page = other.get(url).await;
        assert_eq!(page.status, StatusCode::OK, "{role}: {}", page.body);
        assert!(page.body.contains("一周一通报") || page.body.contains("通报"), "{role}: a bulletin");
        assert!(!page.body.contains("数据核查"), "{role}'s copy has no 数据核查");
    }
}

docket_store::on_both_backends!(
    only_the_trial_management_offices_bulletin_carries_the_integrity_findings,
    who_reads_and_keeps_the_records,
    a_campaign_is_cleared_as_a_lower_courts_judge_closes_a_listed_case,
    a_terminated_case_clearance_lists_the_library_and_clears_a_case_when_its_resumed_case_closes,
    a_ledger_item_is_closed_once_and_its_board_says_so,
    the_integrity_page_names_a_late_filing_with_its_rule,
    the_deducted_and_extended_cases_are_tracked_day_by_day,
    a_sealed_case_is_named_in_a_record_only_by_whom_may_read_it,
    records_written_by_another_writer_reach_the_figures_when_the_log_is_followed,
);

async fn a_terminated_case_clearance_lists_the_library_and_clears_a_case_when_its_resumed_case_closes<S: Store>(
    store: S,
) {
    // Three 执 cases closed by 终本 in 2025 (the third already resumed), one still open.
    let mut lines = Vec::new();
    let mut nos = Vec::new();
    for seq in 1..=4 {
        let (no, line) = case_line("内0203", "执", seq, false);
        lines.push(line);
        lines.push(assign_line(&no, "J1"));
        if seq <= 3 {
            lines.push(format!(
                r#"{{"kind":"event","case_no":"{no}","on":"2025-07-01","type":"closed","method":"enforcement_terminated"}}"#
            ));
        }
        nos.push(no);
    }
    lines.push(
        r#"{"kind":"case","court":"内0203","case_no":"（2026）内0203执恢1号","type":"执恢","procedure":"none","cause":"恢复执行","received_on":null,"filed_on":"2026-02-02","online":false,"claim_amount":null,"tags":[],"origin":"（2025）内0203执3号","sealed":false,"parties":[{"role":"applicant","kind":"person","name":"张三","id_number":null}]}"#
            .to_owned(),
    );
    let web = system(store, &lines).await;
    let mut tm = Client::new(&web);
    tm.sign_in(&username("内0203", "trial_management"), PASSWORD).await;
    let form = |scope: &'static str, id: &'static str, cases: &str| {
        vec![
            ("court", "内0203".to_owned()),
            ("id", id.to_owned()),
            ("name", "终本案件清仓".to_owned()),
            ("scope", scope.to_owned()),
            ("from", "2027-06-01".to_owned()),
            ("to", "2027-12-31".to_owned()),
            ("cases", cases.to_owned()),
        ]
    };
    let post = async |f: Vec<(&str, String)>| {
        let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
        tm.post_form("/manage/campaigns", &f).await
    };
    // An open case is not in the library; a 终本 case is not pending.
    let r = post(form("terminated", "a", &nos[3])).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("不能列入终本清仓"), "{}", r.body);
    let r = post(form("pending", "b", &nos[0])).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("已结案"), "{}", r.body);
    // An empty list takes the library: the two 终本 cases not yet resumed.
    let r = post(form("terminated", "2027-终本清仓", "")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let register = web.docket.register().await.unwrap();
    let state = register.campaigns.values().find(|s| s.campaign.id == "2027-终本清仓").unwrap();
    let listed: Vec<String> = state.cases.iter().map(|c| c.case_no.to_string()).collect();
    assert_eq!(listed, vec![nos[0].clone(), nos[1].clone()]);
    let page = tm.get("/manage/campaigns").await;
    assert_eq!(figure(&page.body, "2027-终本清仓", "listed"), "2");
    assert_eq!(figure(&page.body, "2027-终本清仓", "cleared"), "0");

    // Property is found: the first is resumed (执恢) and paid in full; the listed case's own
    // closing never counted, its resumed case's does.
    let mut clerk = Client::new(&web);
    clerk.sign_in(&username("内0203", "filing_clerk"), PASSWORD).await;
    let r = clerk
        .post_json(
            "/api/v1/cases",
            json!({"type": "执恢", "procedure": "none", "cause": "恢复执行", "filed_on": "2027-06-10",
                   "origin": nos[0], "claim_amount": "80000", "judge": "J1",
                   "parties": [{"role": "applicant", "kind": "person", "name": "张三", "id_number": null}]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let resumed = r.json()["case_no"].as_str().unwrap().to_owned();
    let mut officer = Client::new(&web);
    officer.sign_in(&username("内0203", "enforcement_officer"), PASSWORD).await;
    for body in [
        json!({"on": "2027-06-20", "type": "recovered", "amount": "80000.00"}),
        json!({"on": "2027-06-25", "type": "closed", "method": "enforcement_completed"}),
    ] {
        let r = officer.post_json(&format!("/api/v1/cases/{}/events", enc(&resumed)), body).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    }
    let page = tm.get("/manage/campaigns").await;
    assert_eq!(figure(&page.body, "2027-终本清仓", "cleared"), "1");
    assert_eq!(figure(&page.body, "2027-终本清仓", "clearance-rate"), "50.00%");
    assert_eq!(figure(&page.body, "2027-终本清仓", "recovered"), "80000.00");
    assert!(page.body.contains(&resumed), "the resumed case is named on its line");
    let m = tm
        .get(&format!(
            "/api/v1/metrics?court={}&from=2027-01-01&to=2027-12-31&indicators=campaign_clearance_rate",
            enc("内0203")
        ))
        .await;
    let v = &m.json()["indicators"][0];
    assert_eq!((v["numerator"].as_i64(), v["denominator"].as_i64()), (Some(1), Some(2)), "{}", m.body);
}

async fn records_written_by_another_writer_reach_the_figures_when_the_log_is_followed<S: Store>(store: S) {
    let web = system(store, &[]).await;
    let mut tm = Client::new(&web);
    tm.sign_in(&username("内0203", "trial_management"), PASSWORD).await;
    let rate = async |tm: &Client| {
        let m = tm
            .get(&format!(
                "/api/v1/metrics?court={}&from=2027-01-01&to=2027-12-31&indicators=rectification_completion_rate",
                enc("内0203")
            ))
            .await;
        m.json()["indicators"][0]["denominator"].as_i64()
    };
    assert_eq!(rate(&tm).await, Some(0));
    // An import by the command line, not through this server.
    let lines = [
        r#"{"kind":"ledger_item","court":"内0203","ledger":"L","no":1,"opened_on":"2027-01-05","source":"data","problem":"p","measure":"m","due_on":"2027-03-31"}"#,
        r#"{"kind":"ledger_event","court":"内0203","ledger":"L","no":1,"on":"2027-03-20","type":"closed"}"#,
    ];
    web.docket.import(std::io::Cursor::new(lines.join("\n")), &docket_app::Quiet).await.unwrap();
    web.follow_log().await.unwrap();
    assert_eq!(rate(&tm).await, Some(1));
    let m = tm
        .get(&format!(
            "/api/v1/metrics?court={}&from=2027-01-01&to=2027-12-31&indicators=rectification_completion_rate",
            enc("内0203")
        ))
        .await;
    assert_eq!(m.json()["indicators"][0]["numerator"].as_i64(), Some(1), "{}", m.body);
}

async fn a_sealed_case_is_named_in_a_record_only_by_whom_may_read_it<S: Store>(store: S) {
    let (sealed, line) = case_line("内0203", "民初", 1, true);
    let web = system(store, &[line, assign_line(&sealed, "J1")]).await;
    let form = |no: &'static str| {
        vec![
            ("court", "内0203"),
            ("no", no),
            ("recipient", "某局"),
            ("subject", "规范送达"),
            ("case_no", sealed.as_str()),
        ]
    };
    // The 审管办 does not read sealed cases: to its form the case does not exist.
    let mut tm = Client::new(&web);
    tm.sign_in(&username("内0203", "trial_management"), PASSWORD).await;
    let r = tm.post_form("/manage/suggestions", &form("建〔2027〕1号")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("不存在"), "{}", r.body);
    // The 院长 does.
    let mut president = Client::new(&web);
    president.sign_in(&username("内0203", "president"), PASSWORD).await;
    assert_eq!(president.post_form("/manage/suggestions", &form("建〔2027〕2号")).await.status, StatusCode::SEE_OTHER);
    assert_eq!(web.docket.register().await.unwrap().suggestions.len(), 1);
}

async fn the_deducted_and_extended_cases_are_tracked_day_by_day<S: Store>(store: S) {
    let (no, line) = case_line("内0203", "民初", 1, false);
    let event = |on: &str, rest: &str| format!(r#"{{"kind":"event","case_no":"{no}","on":"{on}","type":{rest}}}"#);
    let web = system(
        store,
        &[
            line.clone(),
            assign_line(&no, "J1"),
            event("2025-04-01", r#""suspended","reason":"appraisal""#),
            event("2025-04-11", r#""resumed""#),
        ],
    )
    .await;
    let mut tm = Client::new(&web);
    tm.sign_in(&username("内0203", "trial_management"), PASSWORD).await;
    let r = tm.get("/api/v1/tracking?from=2025-03-31&to=2025-04-12").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let days = r.json()["days"].as_array().unwrap().clone();
    let on = |d: &str| days.iter().find(|x| x["date"] == d).unwrap().clone();
    assert_eq!((on("2025-03-31")["deducted"].as_i64(), on("2025-04-01")["deducted"].as_i64()), (Some(0), Some(1)));
    assert_eq!((on("2025-04-01")["new_deducted"].as_i64(), on("2025-04-11")["deducted"].as_i64()), (Some(1), Some(0)));
    let csv = tm.get("/manage/tracking.csv?from=2025-03-31&to=2025-04-12").await;
    assert!(csv.body.starts_with("\u{feff}日期,扣审存量") && csv.body.contains("2025-04-05,1,0,1,0,0"), "{}", csv.body);
    let page = tm.get("/manage/tracking?from=2025-03-01&to=2025-04-05").await;
    assert!(
        page.body.contains(&no) && page.body.contains("扣除审限（鉴定）"),
        "standing on the last day: {}",
        page.body
    );
    // A period over 400 days is refused; a judge does not see the page.
    assert_eq!(tm.get("/api/v1/tracking?from=2020-01-01&to=2025-04-12").await.status, StatusCode::BAD_REQUEST);
    let mut judge = Client::new(&web);
    judge.sign_in(&username("内0203", "judge"), PASSWORD).await;
    assert_eq!(judge.get("/api/v1/tracking").await.status, StatusCode::NOT_FOUND);
}
