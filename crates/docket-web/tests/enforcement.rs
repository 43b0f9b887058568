//! 执行 on the case page, through the real router and a real store: an 执行员 records 网络查控,
//! 限制消费 and 报告财产令 from the page's forms and closes by 终本 after three months, and the
//! page says 合格; a case closed by 终本 too early says 不合格 and why; a seizure above what is
//! owed is warned about; 执前督促 and 自动履行 on a closed judgment reach the indicators.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{Client, PASSWORD, assign_line, case_line, enc, system, username};
use docket_store::Store;

async fn act(client: &Client, case_no: &str, fields: &[(&str, &str)]) {
    let r = client.post_form(&format!("/cases/{}/events", enc(case_no)), fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{fields:?}: {}", r.body);
}

async fn a_termination_after_the_three_measures_and_three_months_reads_lawful_and_an_early_one_does_not<S: Store>(
    store: S,
) {
    // Two enforcement cases filed 2025-03-03, 100,000.00 applied for each (case_line's claim is
    // null: set one).
    let (good, good_line) = case_line("内0203", "执", 1, false);
    let (early, early_line) = case_line("内0203", "执", 2, false);
    let claim = |l: String| l.replace(r#""claim_amount":null"#, r#""claim_amount":"100000.00""#);
    let web =
        system(store, &[claim(good_line), assign_line(&good, "J1"), claim(early_line), assign_line(&early, "J1")])
            .await;
    let mut officer = Client::new(&web);
    officer.sign_in(&username("内0203", "enforcement_officer"), PASSWORD).await;
    let page = officer.get(&format!("/cases/{}", enc(&good))).await;
    assert!(page.body.contains(r#"id="action-enforcement_measure""#), "the officer has the form");
    assert!(!page.body.contains(r#"id="action-performed""#), "no 自动履行 on an enforcement case");
    for (on, measure) in [
        ("2025-03-05", "property_report_order"),
        ("2025-03-06", "online_query"),
        ("2025-03-20", "consumption_restriction"),
    ] {
        act(
            &officer,
            &good,
            &[("action", "enforcement_measure"), ("type", "enforcement_measure"), ("measure", measure), ("on", on)],
        )
        .await;
    }
    // A freeze above what is owed: warned, not refused.
    act(
        &officer,
        &good,
        &[
            ("action", "enforcement_measure"),
            ("type", "enforcement_measure"),
            ("measure", "freeze"),
            ("amount", "150000.00"),
            ("on", "2025-03-21"),
        ],
    )
    .await;
    let close = |on: &'static str| {
        [("action", "closed"), ("type", "closed"), ("method", "enforcement_terminated"), ("confirm", "yes"), ("on", on)]
    };
    act(&officer, &good, &close("2025-06-10")).await;
    let page = officer.get(&format!("/cases/{}", enc(&good))).await;
    assert!(page.body.contains("执行措施：网络查控"), "the timeline shows the measures");
    let check = &page.body[page.body.find(r#"id="termination-check""#).expect("a 终本 check")..];
    assert!(check[..check.find("</p>").unwrap()].contains("终本合格"), "{check}");
    assert!(
        page.body.contains(r#"id="over-seizure""#) && page.body.contains("超标的查封"),
        "the freeze is warned about"
    );
    assert!(page.body.contains("下次查询应不晚于 2025-12-10"), "the library's next query, six months on");
    // On the closed 终本 case only the query and the lifting are offered.
    let form = &page.body[page.body.find(r#"id="action-enforcement_measure""#).unwrap()..];
    let form = &form[..form.find("</form>").unwrap()];
    assert!(form.contains(r#"value="online_query""#) && !form.contains(r#"value="seizure""#), "{form}");

    // Closed two days short of three months, with no 限制消费.
    act(
        &officer,
        &early,
        &[
            ("action", "enforcement_measure"),
            ("type", "enforcement_measure"),
            ("measure", "online_query"),
            ("on", "2025-03-05"),
        ],
    )
    .await;
    act(
        &officer,
        &early,
        &[
            ("action", "enforcement_measure"),
            ("type", "enforcement_measure"),
            ("measure", "property_report_order"),
            ("on", "2025-03-05"),
        ],
    )
    .await;
    act(&officer, &early, &close("2025-06-01")).await;
    let page = officer.get(&format!("/cases/{}", enc(&early))).await;
    let check = &page.body[page.body.find(r#"id="termination-check""#).expect("a 终本 check")..];
    let check = &check[..check.find("</p>").unwrap()];
    assert!(
        check.contains("终本不合格") && check.contains("未发出限制消费令") && check.contains("未满三个月"),
        "{check}"
    );
    assert!(!check.contains("报告财产"), "what was done is not named: {check}");

    // 终本合格率 over the year: one of two.
    let r = officer
        .get("/api/v1/metrics?court=%E5%86%850203&from=2025-01-01&to=2025-12-31&indicators=termination_compliance_rate")
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = &r.json()["indicators"][0];
    assert_eq!((v["numerator"].as_i64(), v["denominator"].as_i64()), (Some(1), Some(2)), "{}", r.body);

    // The drill-down of 终本合格率 names what the early one misses.
    let drill = officer
        .get("/metrics/explain?court=%E5%86%850203&from=2025-01-01&to=2025-12-31&id=termination_compliance_rate")
        .await;
    assert_eq!(drill.status, StatusCode::OK, "{}", drill.body);
    let row = &drill.body[drill.body.find(&early).expect("the early one in the denominator")..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains("不合格：") && row.contains("未满三个月"), "{row}");
    assert!(drill.body.contains("<td class=\"num\">合格</td>"), "the lawful one reads 合格");

    // The 执行 page: both in the library (the earliest query due first), the early one among
    // this year's 不合格, the freeze among the 超标的.
    let page = officer.get("/enforcement").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let section = |id: &str| {
        let at = page.body.find(&format!(r#"<section id="{id}">"#)).unwrap_or_else(|| panic!("{id}"));
        page.body[at..at + page.body[at..].find("</section>").unwrap()].to_owned()
    };
    let library = section("library");
    let (g, e) = (library.find(&good).expect("the lawful one"), library.find(&early).expect("the early one"));
    assert!(e < g, "the early one's query is due first: {library}");
    assert!(library.contains("2025-12-10") && library.contains("不合格"), "{library}");
    let unlawful = section("unlawful");
    assert!(unlawful.contains(&early) && !unlawful.contains(&good), "{unlawful}");
    assert!(section("over-seizure").contains(&good));
    assert!(section("government").contains("暂无"));

    // Who may open it: the 执行局, judges, leadership and the 审管办 of the court, and the court
    // above; not the 立案员, the 书记员, the administrator or a peer court.
    for (court, role, ok) in [
        ("内0203", "judge", true),
        ("内0203", "president", true),
        ("内0203", "trial_management", true),
        ("内02", "higher_court_viewer", true),
        ("内02", "enforcement_officer", true),
        ("内0203", "filing_clerk", false),
        ("内0203", "clerk", false),
        ("内0203", "admin", false),
        ("内0204", "enforcement_officer", false),
    ] {
        let mut c = Client::new(&web);
        c.sign_in(&username(court, role), PASSWORD).await;
        let r = c.get(&format!("/enforcement?court={}", enc("内0203"))).await;
        assert_eq!(r.status == StatusCode::OK, ok, "{court} {role}: {}", r.status);
        if ok {
            assert!(r.body.contains(&good), "{court} {role} sees the library");
        }
    }
}

async fn urging_and_voluntary_performance_are_recorded_on_a_closed_judgment_and_counted<S: Store>(store: S) {
    let (no, line) = case_line("内0203", "民初", 1, false);
    let web = system(store, &[line, assign_line(&no, "J1")]).await;
    let mut judge = Client::new(&web);
    judge.sign_in(&format!("{}-own", username("内0203", "judge")), PASSWORD).await;
    let page = judge.get(&format!("/cases/{}", enc(&no))).await;
    assert!(!page.body.contains(r#"id="action-performance_urged""#), "not before the judgment");
    assert!(!page.body.contains(r#"id="action-enforcement_measure""#), "no measures on a civil case");
    act(
        &judge,
        &no,
        &[("action", "closed"), ("type", "closed"), ("method", "judgment"), ("confirm", "yes"), ("on", "2025-04-01")],
    )
    .await;
    let mut officer = Client::new(&web);
    officer.sign_in(&username("内0203", "enforcement_officer"), PASSWORD).await;
    act(
        &officer,
        &no,
        &[
            ("action", "performance_urged"),
            ("type", "performance_urged"),
            ("notice", "pre_enforcement"),
            ("on", "2025-04-05"),
        ],
    )
    .await;
    act(&judge, &no, &[("action", "performed"), ("type", "performed"), ("amount", "30000.00"), ("on", "2025-04-20")])
        .await;
    let page = judge.get(&format!("/cases/{}", enc(&no))).await;
    assert!(
        page.body.contains("发出执前督促通知书") && page.body.contains("当事人自动履行 30000.00 元"),
        "the timeline"
    );
    // A zero payment is refused at its field, nothing stored.
    let r = judge
        .post_form(
            &format!("/cases/{}/events", enc(&no)),
            &[("action", "performed"), ("type", "performed"), ("amount", "0"), ("on", "2025-04-21")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let r = judge
        .get("/api/v1/metrics?court=%E5%86%850203&from=2025-04-01&to=2025-04-30&indicators=pre_enforcement_notices,pre_enforcement_amount,performed_cases")
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = r.json();
    let value = |id: &str| v["indicators"].as_array().unwrap().iter().find(|x| x["id"] == id).unwrap()["value"].clone();
    assert_eq!(value("pre_enforcement_notices"), 1.0, "{v}");
    assert_eq!(value("performed_cases"), 1.0, "{v}");
    assert_eq!(value("pre_enforcement_amount"), 30_000.0, "in yuan: {v}");
}

docket_store::on_both_backends!(
    a_termination_after_the_three_measures_and_three_months_reads_lawful_and_an_early_one_does_not,
    urging_and_voluntary_performance_are_recorded_on_a_closed_judgment_and_counted,
);
