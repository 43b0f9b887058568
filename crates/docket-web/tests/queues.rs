//! 工作队列 and 开庭日历: a 庭长 assigns from 待分案 (and the department comes with the judge), a
//! 立案员 cannot reassign, a 院长 refuses an extension with a reason from 待审批, a hearing clash is
//! warned about and marked on the calendar, 结案 asks for confirmation and offers only the
//! methods of the case's type.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{Client, PASSWORD, assign_line, case_line, enc, system, today, username};
use docket_store::Store;
use serde_json::json;

fn event(case_no: &str, on: &str, rest: &str) -> String {
    format!(r#"{{"kind":"event","case_no":"{case_no}","on":"{on}","type":{rest}}}"#)
}

async fn a_division_head_assigns_from_the_queue_and_a_filing_clerk_cannot_reassign<S: Store>(store: S) {
    let mut lines = vec![
        r#"{"kind":"department","court":"内0203","code":"ms1","name":"民事审判第一庭"}"#.to_owned(),
        r#"{"kind":"judge","court":"内0203","code":"J5","name":"王立新","department":"ms1","titles":[],"quota":true}"#
            .to_owned(),
    ];
    let (waiting, line) = case_line("内0203", "民初", 1, false);
    lines.push(line);
    let (assigned, line) = case_line("内0203", "民初", 2, false);
    lines.push(line);
    lines.push(assign_line(&assigned, "J2"));
    let (sealed, line) = case_line("内0203", "民初", 3, true);
    lines.push(line);
    let web = system(store, &lines).await;
    let mut head = Client::new(&web);
    head.sign_in(&username("内0203", "division_head"), PASSWORD).await;
    let mut clerk = Client::new(&web);
    clerk.sign_in(&username("内0203", "filing_clerk"), PASSWORD).await;

    // 待分案: the 庭长 sees both unassigned cases, the sealed one too; the 立案员 only the other.
    let j = head.get("/api/v1/queues/to_assign").await.json();
    let listed: Vec<&str> = j["cases"].as_array().unwrap().iter().map(|c| c["case_no"].as_str().unwrap()).collect();
    assert_eq!(listed, [waiting.as_str(), sealed.as_str()], "oldest filing first, then by number");
    assert_eq!(j["total"], 2);
    assert_eq!(clerk.get("/api/v1/queues/to_assign").await.json()["total"], 1, "the sealed case is not the clerk's");
    // The header counts it on every page.
    let home = head.get("/").await.body;
    assert!(home.contains("id=\"queue-to_assign\"") && home.contains("待分案<b>2</b>"), "{home}");
    // A judge has no such queue.
    let mut judge = Client::new(&web);
    judge.sign_in(&username("内0203", "judge"), PASSWORD).await;
    assert_eq!(judge.get("/api/v1/queues/to_assign").await.status, StatusCode::FORBIDDEN);
    assert_eq!(judge.get("/queues/to_assign").await.status, StatusCode::FORBIDDEN);
    assert_eq!(judge.get("/api/v1/queues/everything").await.status, StatusCode::NOT_FOUND);

    // The 庭长 assigns from the queue's row and comes back to it.
    let page = head.get("/queues/to_assign").await.body;
    assert!(page.contains("assign-form") && page.contains("<option value=\"\">请选择</option>"), "{page}");
    let on = today().to_string();
    let r = head
        .post_form(
            &format!("/cases/{}/events", enc(&waiting)),
            &[
                ("action", "assigned"),
                ("type", "assigned"),
                ("on", &on),
                ("judge", "J5"),
                ("return", "/queues/to_assign"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let to = r.location.clone().unwrap();
    assert!(to.starts_with("/queues/to_assign?done="), "{to}");
    let back = head.get(&to).await.body;
    assert!(back.contains("id=\"queue-notice\"") && back.contains(&waiting), "{back}");
    assert_eq!(head.get("/api/v1/queues/to_assign").await.json()["total"], 1);
    // The department came with the judge: the case does not count as 未分配.
    let case = head.get(&format!("/api/v1/cases/{}", enc(&waiting))).await.json();
    assert_eq!((case["judge"].as_str(), case["department"].as_str()), (Some("J5"), Some("ms1")), "{case}");

    // A 立案员 assigns what has no judge, never reassigns.
    let r = clerk
        .post_json(
            &format!("/api/v1/cases/{}/events", enc(&assigned)),
            json!({"on": on, "type": "assigned", "judge": "J1"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let case_page = clerk.get(&format!("/cases/{}", enc(&assigned))).await.body;
    assert!(!case_page.contains("id=\"action-assigned\""), "no reassignment form for the clerk");
    // Refused attempts are in the audit trail: the reassignment, and a read of the sealed case.
    assert_eq!(clerk.get(&format!("/cases/{}", enc(&sealed))).await.status, StatusCode::NOT_FOUND);
    let trail = |action: &str| {
        let query = docket_store::AuditQuery {
            court: "内0203".into(),
            action: Some(action.into()),
            limit: 10,
            ..Default::default()
        };
        let web = web.clone();
        async move { web.docket.store().audit_search(&query).await.unwrap() }
    };
    let refused = trail("refused_action").await;
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert_eq!(
        (refused[0].username.as_str(), refused[0].target.as_str(), refused[0].detail.as_str()),
        (username("内0203", "filing_clerk").as_str(), assigned.as_str(), "assign")
    );
    let reads = trail("refused_read").await;
    assert!(reads.iter().any(|r| r.target == sealed && r.username == username("内0203", "filing_clerk")), "{reads:?}");
    // The 庭长 may; the page and the record say it is a reassignment.
    let form = head.get(&format!("/cases/{}", enc(&assigned))).await.body;
    assert!(form.contains("改派承办法官") && form.contains("当前承办法官：法官内02032"), "{form}");
    let r = head
        .post_form(
            &format!("/cases/{}/events", enc(&assigned)),
            &[("action", "assigned"), ("type", "assigned"), ("on", &on), ("judge", "J1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let shown = head.get(r.location.as_deref().unwrap()).await.body;
    assert!(shown.contains("改派：承办法官由 法官内02032 改为 法官内02031"), "{shown}");
    // The judge it now belongs to is told, with the word for what happened.
    let mut own = Client::new(&web);
    own.sign_in(&format!("{}-own", username("内0203", "judge")), PASSWORD).await;
    let n = own.get("/api/v1/notifications").await.json();
    assert_eq!((n["unread"].as_i64(), n["notifications"][0]["kind"].as_str()), (Some(1), Some("assigned")), "{n}");
    assert!(n["notifications"][0]["text"].as_str().unwrap().contains("改派给你承办"), "{n}");
    // API read up to an id.
    let id = n["notifications"][0]["id"].as_i64().unwrap();
    let r = own.post_json("/api/v1/notifications/read", json!({ "up_to": id })).await;
    assert_eq!(r.json()["marked"], 1, "{}", r.body);
}

async fn a_president_refuses_an_extension_with_a_reason_from_the_approvals_queue<S: Store>(store: S) {
    let (own, line) = case_line("内0203", "民初", 1, false);
    let mut lines = vec![line, assign_line(&own, "J2")];
    lines.push(event(&own, "2027-06-20", r#""extension_requested","months":6,"approver":"president""#));
    let (upward, line) = case_line("内0203", "民初", 2, false);
    lines.push(line);
    lines.push(assign_line(&upward, "J2"));
    lines.push(event(&upward, "2027-06-21", r#""extension_requested","months":3,"approver":"higher_court""#));
    let web = system(store, &lines).await;
    let mut president = Client::new(&web);
    president.sign_in(&username("内0203", "president"), PASSWORD).await;
    let mut above = Client::new(&web);
    above.sign_in(&username("内02", "president"), PASSWORD).await;
    let mut judge = Client::new(&web);
    judge.sign_in(&username("内0203", "judge"), PASSWORD).await;

    // Each request waits for the approver it was sent to.
    let mine = president.get("/api/v1/queues/approvals").await.json();
    assert_eq!(mine["total"], 1, "{mine}");
    assert_eq!(mine["cases"][0]["case_no"], own.as_str());
    assert_eq!(mine["cases"][0]["extension"]["approver"], "president");
    assert_eq!(mine["cases"][0]["on"], "2027-06-20");
    let theirs = above.get("/api/v1/queues/approvals").await.json();
    assert_eq!((theirs["total"].as_u64(), theirs["cases"][0]["case_no"].as_str()), (Some(1), Some(upward.as_str())));
    assert_eq!(judge.get("/api/v1/queues/approvals").await.status, StatusCode::FORBIDDEN, "a judge approves nothing");

    // The judge cannot decide their own request.
    let on = today().to_string();
    let r = judge
        .post_json(
            &format!("/api/v1/cases/{}/events", enc(&own)),
            json!({"on": on, "type": "extension_refused", "reason": "自行撤回"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    // A refusal without a reason is refused, naming the field; nothing changes.
    let page = president.get("/queues/approvals").await.body;
    assert!(page.contains("refuse-form") && page.contains("approve-form"), "{page}");
    let blank = president
        .post_form(
            &format!("/cases/{}/events", enc(&own)),
            &[
                ("action", "extension_refused"),
                ("type", "extension_refused"),
                ("on", &on),
                ("reason", " "),
                ("return", "/queues/approvals"),
            ],
        )
        .await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(blank.body.contains("理由"), "{}", blank.body);
    assert_eq!(president.get("/api/v1/queues/approvals").await.json()["total"], 1);
    // With a reason: recorded, gone from the queue, back on the queue's page.
    let reason = "延长理由不充分，请补充案件疑难复杂的具体情形";
    let r = president
        .post_form(
            &format!("/cases/{}/events", enc(&own)),
            &[
                ("action", "extension_refused"),
                ("type", "extension_refused"),
                ("on", &on),
                ("reason", reason),
                ("return", "/queues/approvals"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(r.location.as_deref().unwrap().starts_with("/queues/approvals?done="));
    assert_eq!(president.get("/api/v1/queues/approvals").await.json()["total"], 0);
    let case = judge.get(&format!("/api/v1/cases/{}", enc(&own))).await;
    assert!(case.body.contains(&format!("不批准延长审限：{reason}")), "{}", case.body);
    // The judge is told: one unread notification naming the case, the reason and who decided.
    assert!(judge.get("/").await.body.contains("id=\"notifications\""), "the header's count");
    let n = judge.get("/api/v1/notifications").await.json();
    assert_eq!(n["unread"], 1, "{n}");
    let text = n["notifications"][0]["text"].as_str().unwrap();
    assert!(text.contains(&own) && text.contains(reason) && text.contains("院长"), "{text}");
    assert_eq!(n["notifications"][0]["kind"], "extension_decided");
    let page = judge.get("/notifications").await.body;
    assert!(page.contains("class=\"unread\"") && page.contains(reason), "{page}");
    let r = judge.post_form("/notifications/read", &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(judge.get("/api/v1/notifications").await.json()["unread"], 0);
    // The president, who decided it, was told nothing; another judge neither.
    assert_eq!(president.get("/api/v1/notifications").await.json()["notifications"].as_array().unwrap().len(), 0);
    let mut other = Client::new(&web);
    other.sign_in(&format!("{}-own", username("内0203", "judge")), PASSWORD).await;
    assert_eq!(other.get("/api/v1/notifications").await.json()["unread"], 0);
    // The judge may ask again.
    let r = judge
        .post_json(
            &format!("/api/v1/cases/{}/events", enc(&own)),
            json!({"on": on, "type": "extension_requested", "months": 3, "approver": "president"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(president.get("/api/v1/queues/approvals").await.json()["total"], 1);
    // The export carries the refusal as its own line.
    let mut out = Vec::new();
    web.docket.export(&mut out, &docket_app::Quiet, None).await.unwrap();
    let exported = String::from_utf8(out).unwrap();
    assert!(exported.contains(&format!(r#""type":"extension_refused","reason":"{reason}""#)), "{exported}");
}

async fn a_hearing_clash_is_warned_about_and_marked_on_the_calendar<S: Store>(store: S) {
    let mut lines = Vec::new();
    let mut cases = Vec::new();
    for seq in 1..=3 {
        let (no, line) = case_line("内0203", "民初", seq, false);
        lines.push(line);
        lines.push(assign_line(&no, if seq == 3 { "J3" } else { "J2" }));
        cases.push(no);
    }
    let web = system(store, &lines).await;
    let mut clerk = Client::new(&web);
    clerk.sign_in(&username("内0203", "clerk"), PASSWORD).await;
    let on = today().to_string();
    let schedule = |case_no: &str, room: &str| {
        let path = format!("/cases/{}/events", enc(case_no));
        let room = room.to_owned();
        let on = on.clone();
        let clerk = &clerk;
        async move {
            clerk
                .post_form(
                    &path,
                    &[
                        ("action", "hearing_scheduled"),
                        ("type", "hearing_scheduled"),
                        ("on", &on),
                        ("hearing_on", "2027-07-05"),
                        ("room", &room),
                    ],
                )
                .await
        }
    };
    let first = schedule(&cases[0], "第一法庭").await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    assert!(!clerk.get(first.location.as_deref().unwrap()).await.body.contains("排期冲突提醒"));
    // The same judge, another courtroom: the judge clash.
    let second = schedule(&cases[1], "第二法庭").await;
    let shown = clerk.get(second.location.as_deref().unwrap()).await.body;
    assert!(shown.contains("排期冲突提醒") && shown.contains("承办法官 法官内02032 在 2027-07-05 另有"), "{shown}");
    // Another judge, the first courtroom: the room clash, through the API.
    let r = clerk
        .post_json(
            &format!("/api/v1/cases/{}/events", enc(&cases[2])),
            json!({"on": on, "type": "hearing_scheduled", "hearing_on": "2027-07-05", "room": "第一法庭"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let warnings = r.json()["warnings"].clone();
    assert_eq!(warnings.as_array().unwrap().len(), 1, "{warnings}");
    assert!(warnings[0].as_str().unwrap().contains(&format!("第一法庭 已排 {}", cases[0])), "{warnings}");

    // 近期开庭: the judge's own two, with their rooms.
    let mut judge = Client::new(&web);
    judge.sign_in(&username("内0203", "judge"), PASSWORD).await;
    let j = judge.get("/api/v1/queues/hearings").await.json();
    assert_eq!(j["total"], 2, "{j}");
    assert_eq!(
        (j["cases"][0]["hearing_on"].as_str(), j["cases"][0]["room"].as_str()),
        (Some("2027-07-05"), Some("第一法庭"))
    );
    assert_eq!(clerk.get("/api/v1/queues/hearings").await.json()["total"], 3, "the clerk sees the court's");

    // The calendar: all three that week, every one of them in a clash.
    let week = clerk.get("/calendar?date=2027-07-05").await;
    assert_eq!(week.status, StatusCode::OK);
    assert_eq!(week.body.matches("class=\"hearing clash\"").count(), 3, "{}", week.body);
    assert!(week.body.contains("冲突 3"));
    // One courtroom in the month: two hearings, still marked.
    let month = clerk.get(&format!("/calendar?view=month&date=2027-07-01&room={}", enc("第一法庭"))).await.body;
    assert_eq!(month.matches("class=\"hearing clash\"").count(), 2, "{month}");
    assert!(month.contains("2027 年 7 月开庭日历"));
    assert_eq!(clerk.get("/calendar?view=year").await.status, StatusCode::BAD_REQUEST);
    // The next week is empty.
    assert_eq!(clerk.get("/calendar?date=2027-07-12").await.body.matches("class=\"hearing").count(), 0);
    // A hearing tomorrow is a reminder of the judge's, not a stored notification.
    let r = clerk
        .post_json(
            &format!("/api/v1/cases/{}/events", enc(&cases[0])),
            json!({"on": on, "type": "hearing_scheduled", "hearing_on": "2027-07-01", "room": "第五法庭"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let n = judge.get("/api/v1/notifications").await.json();
    let reminders = n["reminders"].as_array().unwrap();
    assert!(reminders.iter().any(|x| x["case_no"] == cases[0].as_str() && x["text"] == "明天开庭，第五法庭"), "{n}");
    assert!(judge.get("/notifications").await.body.contains("明天开庭，第五法庭"));
}

async fn closing_asks_for_confirmation_and_offers_the_methods_of_the_case_type<S: Store>(store: S) {
    let (no, line) = case_line("内0203", "民初", 1, false);
    let web = system(store, &[line, assign_line(&no, "J2")]).await;
    let mut judge = Client::new(&web);
    judge.sign_in(&username("内0203", "judge"), PASSWORD).await;
    let page = judge.get(&format!("/cases/{}", enc(&no))).await.body;
    let form = page.split("id=\"action-closed\"").nth(1).unwrap().split("</form>").next().unwrap();
    assert!(form.contains("value=\"judgment\"") && form.contains("value=\"withdrawal\""), "{form}");
    for foreign in ["affirmed", "remanded", "enforcement_completed", "premediation_agreement"] {
        assert!(!form.contains(&format!("value=\"{foreign}\"")), "{foreign} offered on a 民初");
    }
    assert!(form.contains("type=\"checkbox\" name=\"confirm\""), "{form}");
    let on = today().to_string();
    let fields = [("action", "closed"), ("type", "closed"), ("on", on.as_str()), ("method", "judgment")];
    let r = judge.post_form(&format!("/cases/{}/events", enc(&no)), &fields).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("确认结案"), "{}", r.body);
    assert_eq!(judge.get(&format!("/api/v1/cases/{}", enc(&no))).await.json()["status"], "open");
    let mut confirmed = fields.to_vec();
    confirmed.push(("confirm", "yes"));
    let r = judge.post_form(&format!("/cases/{}/events", enc(&no)), &confirmed).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(judge.get(&format!("/api/v1/cases/{}", enc(&no))).await.json()["status"], "closed");
}

/// The number after `marker` in `page`, between `>` and `<`.
fn number_after(page: &str, marker: &str, class: &str) -> i64 {
    let at = page.find(marker).unwrap_or_else(|| panic!("{marker} not on the page"));
    let rest = &page[at..];
    let v = rest.find(class).unwrap();
    let text = &rest[v + class.len()..];
    let text = &text[text.find('>').unwrap() + 1..];
    text[..text.find('<').unwrap()].trim().parse().unwrap()
}

async fn the_higher_court_sees_its_lower_courts_work_and_the_alert_agrees_with_the_card<S: Store>(store: S) {
    let mut lines = Vec::new();
    for seq in 1..=3 {
        let (no, line) = case_line("内0203", "民初", seq, seq == 3);
        lines.push(line);
        lines.push(assign_line(&no, "J1"));
    }
    let web = system(store, &lines).await;
    let mut viewer = Client::new(&web);
    viewer.sign_in(&username("内02", "higher_court_viewer"), PASSWORD).await;
    let home = viewer.get("/").await.body;
    assert!(home.contains("（含下级法院）"), "首页 opens on the courts below: {home}");
    let card = number_after(&home, "data-indicator=\"overdue_pending\"", "class=\"value\"");
    let chip = number_after(&home, "alert=overdue", "class=\"count\"");
    assert_eq!((card, chip), (3, 3), "the chip counts what the card counts");
    // The court alone, on request: nothing of its own.
    let alone = viewer.get("/?rollup=false").await.body;
    assert_eq!(number_after(&alone, "alert=overdue", "class=\"count\""), 0);
    // 案件 opens on the courts below; the alert list names the two it may read and counts the sealed one.
    let r = viewer.get("/cases").await;
    assert_eq!((r.status, r.location.as_deref()), (StatusCode::SEE_OTHER, Some("/cases?rollup=true")));
    let list = viewer.get("/cases?rollup=true").await.body;
    assert!(list.contains("data-total=\"2\""), "{list}");
    let overdue = viewer.get("/cases?alert=overdue&rollup=true").await.body;
    assert!(overdue.contains("（2025）内0203民初1号") && overdue.contains("（2025）内0203民初2号"), "{overdue}");
    assert!(!overdue.contains("（2025）内0203民初3号") && overdue.contains("另有不公开审理案件 1 件"), "{overdue}");
    // Read-only: no queue that acts, no action on a case.
    assert_eq!(viewer.get("/api/v1/queues/to_assign").await.status, StatusCode::FORBIDDEN);
    let case = viewer.get(&format!("/api/v1/cases/{}", enc("（2025）内0203民初1号"))).await.json();
    assert_eq!(case["actions"].as_array().unwrap().len(), 0, "{case}");
}

mod higher {
    use super::*;
    docket_store::on_both_backends!(the_higher_court_sees_its_lower_courts_work_and_the_alert_agrees_with_the_card);
}

async fn money_fractions_show_amounts_not_raw_fen<S: Store>(store: S) {
    let case_no = "（2025）内0203执1号";
    let line = format!(
        r#"{{"kind":"case","court":"内0203","case_no":"{case_no}","type":"执","procedure":"none","cause":"申请执行人民法院判决、调解书","received_on":null,"filed_on":"2025-03-03","online":false,"claim_amount":"157200.00","tags":[],"origin":null,"sealed":false,"parties":[{{"role":"applicant","kind":"person","name":"张三","id_number":null}},{{"role":"respondent","kind":"person","name":"李四","id_number":null}}]}}"#
    );
    let lines = vec![
        line,
        assign_line(case_no, "J1"),
        event(case_no, "2025-04-01", r#""recovered","amount":"119093.77""#),
        event(case_no, "2025-05-01", r#""closed","method":"enforcement_completed""#),
    ];
    let web = system(store, &lines).await;
    let mut president = Client::new(&web);
    president.sign_in(&username("内0203", "president"), PASSWORD).await;
    let page = president.get("/metrics?from=2025-01-01&to=2025-12-31&indicators=recovery_rate").await.body;
    assert!(page.contains("11.91 万元/15.72 万元"), "{page}");
    assert!(!page.contains("11909377/15720000"), "raw fen on the page");
}

async fn the_case_page_says_where_the_case_stands_against_its_time_limit<S: Store>(store: S) {
    let mut lines = Vec::new();
    let mut cases = Vec::new();
    for seq in 1..=4 {
        let (no, line) = case_line("内0203", "民初", seq, false);
        lines.push(line.replace("2025-03-03", "2025-03-10"));
        lines.push(assign_line(&no, "J2").replace("2025-03-04", "2025-03-11"));
        cases.push(no);
    }
    lines.push(event(&cases[0], "2025-08-01", r#""closed","method":"judgment""#));
    lines.push(event(&cases[1], "2025-10-01", r#""closed","method":"judgment""#));
    lines.push(event(&cases[2], "2025-04-02", r#""suspended","reason":"appraisal""#));
    lines.push(event(&cases[3], "2025-08-20", r#""extension_requested","months":6,"approver":"president""#));
    let web = system(store, &lines).await;
    let mut judge = Client::new(&web);
    judge.sign_in(&username("内0203", "judge"), PASSWORD).await;
    let page = |i: usize| {
        let path = format!("/cases/{}", enc(&cases[i]));
        let judge = &judge;
        async move { judge.get(&path).await.body }
    };
    assert!(page(0).await.contains("审限内结案（审限届满日 2025-09-10）"));
    assert!(page(1).await.contains("超审限结案：结案日 2025-10-01 晚于审限届满日 2025-09-10 21 天"));
    let suspended = page(2).await;
    assert!(suspended.contains("审限自 2025-04-02 起中止（扣除审限），中止时尚余 161 天"), "{suspended}");
    let pending = page(3).await;
    assert!(pending.contains("2025-08-20 申请延长审限 6 个月，待院长审批"), "{pending}");
}

mod standing {
    use super::*;
    docket_store::on_both_backends!(the_case_page_says_where_the_case_stands_against_its_time_limit);
}

async fn the_division_head_sees_open_cases_by_judge<S: Store>(store: S) {
    let mut lines = Vec::new();
    for (seq, judge) in [(1, "J1"), (2, "J1"), (3, "J2")] {
        let (no, line) = case_line("内0203", "民初", seq, false);
        lines.push(line);
        lines.push(assign_line(&no, judge));
        if seq == 3 {
            lines.push(event(&no, "2027-06-20", r#""extension_requested","months":6,"approver":"president""#));
        }
    }
    let web = system(store, &lines).await;
    let mut head = Client::new(&web);
    head.sign_in(&username("内0203", "division_head"), PASSWORD).await;
    let page = head.get("/queues/division").await;
    assert_eq!(page.status, StatusCode::OK);
    let row = |code: &str| {
        let at = page.body.find(&format!("data-judge=\"{code}\"")).unwrap();
        let rest = &page.body[at..];
        let end = rest.find("</tr>").unwrap();
        rest[..end]
            .split("<td")
            .skip(1)
            .map(|c| c[c.find('>').unwrap() + 1..c.find("</td>").unwrap()].to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(row("J1"), ["2", "2", "0", "0", "0", "0"], "two open, both overdue");
    assert_eq!(row("J2"), ["1", "1", "0", "0", "1", "0"], "one open, overdue, its extension waiting");
    assert!(page.body.contains("/queues/division") || page.body.contains("division-total"));
    assert!(head.get("/queues/due").await.body.contains("id=\"tab-division\""));
    let mut judge = Client::new(&web);
    judge.sign_in(&username("内0203", "judge"), PASSWORD).await;
    assert_eq!(judge.get("/queues/division").await.status, StatusCode::FORBIDDEN);
}

mod division {
    use super::*;
    docket_store::on_both_backends!(the_division_head_sees_open_cases_by_judge);
}

mod money {
    use super::*;
    docket_store::on_both_backends!(money_fractions_show_amounts_not_raw_fen);
}

mod assign {
    use super::*;
    docket_store::on_both_backends!(a_division_head_assigns_from_the_queue_and_a_filing_clerk_cannot_reassign);
}

mod approvals {
    use super::*;
    docket_store::on_both_backends!(a_president_refuses_an_extension_with_a_reason_from_the_approvals_queue);
}

mod hearings {
    use super::*;
    docket_store::on_both_backends!(a_hearing_clash_is_warned_about_and_marked_on_the_calendar);
}

mod closing {
    use super::*;
    docket_store::on_both_backends!(closing_asks_for_confirmation_and_offers_the_methods_of_the_case_type);
}

/// 待上网: the judge's own effective documents waiting for publication, overdue first, each
/// opening its review page; publishing takes it off; a judge with no such document sees none,
/// the 审管办 sees the court's, a 立案员 has no such queue.
async fn documents_wait_in_the_publication_queue_until_published_or_withheld<S: Store>(store: S) {
    let mut lines = Vec::new();
    let mut cases = Vec::new();
    for seq in 1..=3 {
        let (no, line) = case_line("内0203", "民初", seq, false);
        lines.push(line);
        lines.push(assign_line(&no, "J2"));
        cases.push(no);
    }
    // Issued on 2027-06-01: due 7 working days on (2027-06-10), so overdue on 2027-06-30.
    lines.push(event(&cases[0], "2027-06-01", r#""document_issued","doc":"judgment","text":"本院判决如下：驳回。""#));
    // Issued yesterday: due after today.
    lines.push(event(&cases[1], "2027-06-29", r#""document_issued","doc":"ruling","text":"本院裁定如下：准许。""#));
    // Issued and already published: not waiting.
    lines.push(event(&cases[2], "2027-06-01", r#""document_issued","doc":"judgment","text":"本院判决如下：支持。""#));
    lines.push(event(&cases[2], "2027-06-02", r#""document_published""#));
    let web = system(store, &lines).await;
    let mut judge = Client::new(&web);
    judge.sign_in(&username("内0203", "judge"), PASSWORD).await;

    let j = judge.get("/api/v1/queues/publication").await.json();
    let listed: Vec<(&str, i64)> = j["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["case_no"].as_str().unwrap(), c["days_left"].as_i64().unwrap()))
        .collect();
    assert_eq!(listed.len(), 2, "the published document does not wait: {j}");
    assert_eq!(listed[0].0, cases[0], "the overdue one first: {j}");
    assert_eq!(j["cases"][0]["on"], "2027-06-10", "7 working days after 2027-06-01: {j}");
    assert_eq!(listed[0].1, -20, "{j}");
    assert_eq!(listed[1].0, cases[1]);
    assert!(listed[1].1 > 0, "{j}");
    assert_eq!(j["cases"][0]["document"], 1);
    let page = judge.get("/queues/publication").await.body;
    assert!(page.contains(&format!("/cases/{}/documents/1", enc(&cases[0]))), "rows open the review page: {page}");
    assert!(page.contains("超期 20 天") && page.contains("判决书 2027-06-01 生效"), "{page}");

    // Published from the review page's form: off the queue.
    let r = judge
        .post_json(
            &format!("/api/v1/cases/{}/events", enc(&cases[0])),
            json!({"on": "2027-06-30", "type": "document_published"}),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    let j = judge.get("/api/v1/queues/publication").await.json();
    assert_eq!(j["total"], 1, "{j}");
    assert_eq!(j["cases"][0]["case_no"], cases[1].as_str());

    // Another judge's documents are not this judge's; the 审管办 sees the court's; a 立案员 has none.
    let mut other = Client::new(&web);
    other.sign_in(&username("内0203", "judge-own"), PASSWORD).await;
    assert_eq!(other.get("/api/v1/queues/publication").await.json()["total"], 0);
    let mut tm = Client::new(&web);
    tm.sign_in(&username("内0203", "trial_management"), PASSWORD).await;
    assert_eq!(tm.get("/api/v1/queues/publication").await.json()["total"], 1);
    let mut filing = Client::new(&web);
    filing.sign_in(&username("内0203", "filing_clerk"), PASSWORD).await;
    assert_eq!(filing.get("/api/v1/queues/publication").await.status, StatusCode::FORBIDDEN);
}

mod publication {
    use super::*;
    docket_store::on_both_backends!(documents_wait_in_the_publication_queue_until_published_or_withheld);
}
