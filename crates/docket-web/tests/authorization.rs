//! The authorization matrix: every role × the account's court (own, lower, peer, higher from the
//! case's side) × sealed × endpoint, against what the rules say, through the real router and a
//! real store. A refused read must be 404 (never a hint that the case exists); a refused write on
//! a readable case 403; an allowed write 201.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{COURTS, Client, assign_line, case_line, enc, system, username};
use docket_domain::Role;
use docket_store::Store;
use serde_json::json;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Endpoint {
    ApiRead,
    PageRead,
    ListApi,
    Service,
    Hearing,
    Close,
    /// The verification bundle of a case's filing entry.
    EventBundle,
    EvidenceList,
    AddEvidence,
    /// The drill-down of the court's 新收 figure: does it name the case?
    ExplainApi,
    /// 案件查询 from the account's own court with its lower courts, by the whole 案号: is it
    /// found, and does the total count it?
    SearchApi,
    /// The work queues (`/api/v1/queues/…`): is the case in the account's 审限预警? Every case of
    /// the matrix is overdue; no queue may list a case its account may not read.
    Queues,
    /// 执行措施 (网络查控) on the case.
    Measure,
    /// 执前督促 on the case: every case of the matrix is open, so an account the rules allow gets
    /// 422 (the judgment is not yet closed), one they do not 403 (or 404).
    Performance,
    /// 交纳诉讼费 on the case.
    FeePaid,
    /// 司法救助 (缓交) on the case.
    FeeRelief,
    /// 委托调解 of the case.
    Mediation,
    /// 标记为四类案件 (cleared again at once by the same account, so later closings are not held
    /// back for a reading).
    Flag,
    /// 审判委员会 discussion recorded.
    Deliberate,
    /// 裁判文书 recorded (`document_issued`).
    Document,
    /// The publication decision (`document_published`, withheld with a reason): an account the
    /// rules allow gets 201, or 422 when no document waits for a decision.
    Publish,
    /// The document's review page (`/cases/…/documents/1`; every case has one from the start).
    DocumentPage,
    /// 类案检索 by a word only the case's document holds: is it found? Internal documents are
    /// found by the readers of their court — sealed ones by its leadership only.
    SimilarPage,
    /// 诉讼服务: the case's portal page — for the party the account stands for only (张三, a
    /// party of every case here, sealed ones too); never for staff or a lawyer of other cases.
    PortalCase,
    /// 诉讼服务: evidence submitted by the party on the case (303 back to the case).
    PortalEvidence,
}

/// The rules, stated independently of `docket_domain::access`, from the issue: a user sees their
/// own court; a higher court sees its lower courts read-only; sealed cases only by their judges
/// and court leadership; writes by role in the own court.
fn expected(
    role: Role,
    account_court: &str,
    handles: bool,
    case_court: &str,
    sealed: bool,
    enforcement: bool,
    e: Endpoint,
) -> bool {
    let own = account_court == case_court;
    let lower = case_court.starts_with(account_court) && !own;
    let leadership = matches!(role, Role::President | Role::DivisionHead);
    let staff = role != Role::Admin && !role.is_portal();
    let read = staff && if own { !sealed || handles || leadership } else { lower && !sealed };
    let write = |ok: bool| read && own && ok;
    match e {
        Endpoint::ApiRead
        | Endpoint::PageRead
        | Endpoint::ListApi
        | Endpoint::EventBundle
        | Endpoint::EvidenceList
        | Endpoint::ExplainApi
        | Endpoint::DocumentPage
        | Endpoint::SearchApi => read,
        Endpoint::SimilarPage => staff && if own { !sealed || leadership } else { lower && !sealed },
        // The portal: the party's own cases, wherever they are and sealed or not; nothing else.
        Endpoint::PortalCase | Endpoint::PortalEvidence => role == Role::Party,
        // 裁判文书: the judge of the case, the 书记员, the 庭长 and the 院长; the 执行局 on its cases.
        Endpoint::Document => write(match role {
            Role::Judge => handles,
            Role::Clerk | Role::DivisionHead | Role::President => true,
            Role::EnforcementOfficer => enforcement,
            _ => false,
        }),
        // 文书上网: the judge of the case, the 庭长, the 院长 and the 审管办; the 执行局 on its cases.
        Endpoint::Publish => write(match role {
            Role::Judge => handles,
            Role::DivisionHead | Role::President | Role::TrialManagement => true,
            Role::EnforcementOfficer => enforcement,
            _ => false,
        }),
        // 审限预警: a judge's own cases, the whole court's for its leadership and the 审管办.
        Endpoint::Queues => {
            read && own
                && match role {
                    Role::Judge => handles,
                    Role::DivisionHead | Role::President | Role::TrialManagement => true,
                    _ => false,
                }
        }
        // 证据登记: whoever receives or handles the case's materials.
        Endpoint::AddEvidence => write(match role {
            Role::Judge => handles,
            Role::FilingClerk | Role::Clerk | Role::DivisionHead | Role::President => true,
            Role::EnforcementOfficer => enforcement,
            _ => false,
        }),
        Endpoint::Service => write(match role {
            Role::Judge => handles,
            Role::Clerk | Role::DivisionHead | Role::President => true,
            Role::EnforcementOfficer => enforcement,
            _ => false,
        }),
        Endpoint::Hearing => write(match role {
            Role::Judge => handles,
            Role::Clerk | Role::DivisionHead | Role::President => true,
            Role::EnforcementOfficer => enforcement,
            _ => false,
        }),
        Endpoint::Close => write(match role {
            Role::Judge => handles,
            Role::DivisionHead | Role::President => true,
            Role::EnforcementOfficer => enforcement,
            _ => false,
        }),
        // Measures on enforcement cases only; the urging of a judgment on the others, also by the
        // 执行局 (执前督促).
        // Fees and mediation on the trial side only: the 立案庭 takes fees and refers cases to
        // mediation; relief is the 庭长's or 院长's decision; the judge refers their own cases.
        Endpoint::FeePaid => {
            write(!enforcement && matches!(role, Role::FilingClerk | Role::DivisionHead | Role::President))
        }
        Endpoint::FeeRelief => write(!enforcement && matches!(role, Role::DivisionHead | Role::President)),
        Endpoint::Mediation => write(
            !enforcement
                && match role {
                    Role::Judge => handles,
                    Role::FilingClerk | Role::DivisionHead | Role::President => true,
                    _ => false,
                },
        ),
        // 四类案件: the judge of the case, the 庭长, the 院长 and the 审管办.
        Endpoint::Flag => write(match role {
            Role::Judge => handles,
            Role::DivisionHead | Role::President | Role::TrialManagement => true,
            _ => false,
        }),
        // The committee's record: the 庭长, the 院长 and the 审管办.
        Endpoint::Deliberate => write(matches!(role, Role::DivisionHead | Role::President | Role::TrialManagement)),
        Endpoint::Measure | Endpoint::Performance => write(
            (enforcement == (e == Endpoint::Measure))
                && match role {
                    Role::Judge => handles,
                    Role::DivisionHead | Role::President | Role::EnforcementOfficer => true,
                    _ => false,
                },
        ),
    }
}

async fn matrix<S: Store>(store: S) {
    // Cases: in 内0203 an open civil case, a sealed one and an enforcement case; in 内02 an open
    // and a sealed one. All assigned to J1 of their court.
    let specs = [
        ("内0203", "民初", 1, false),
        ("内0203", "民初", 2, true),
        ("内0203", "执", 1, false),
        ("内02", "民初", 1, false),
        ("内02", "民初", 2, true),
    ];
    let mut lines = Vec::new();
    let mut cases = Vec::new();
    for (i, (court, t, seq, sealed)) in specs.into_iter().enumerate() {
        let (no, line) = case_line(court, t, seq, sealed);
        lines.push(line);
        lines.push(assign_line(&no, "J1"));
        // A document from the start, with a word only it holds (found by 类案检索).
        lines.push(format!(
            r#"{{"kind":"event","case_no":"{no}","on":"2025-03-05","type":"document_issued","doc":"ruling","text":"本院裁定：matrixword{i}。"}}"#
        ));
        cases.push((court, no, sealed, t == "执"));
    }
    let words: Vec<String> = (0..cases.len()).map(|i| format!("matrixword{i}")).collect();
    // The mediation organisation the matrix refers cases to, in each court with cases.
    for court in ["内0203", "内02"] {
        lines.push(format!(
            r#"{{"kind":"mediation_org","court":"{court}","code":"M01","name":"调解委员会","type":"people"}}"#
        ));
    }
    let web = system(store, &lines).await;
    // Events of a case must be dated in order: every accepted write moves the date on by a day.
    let mut day = chrono::NaiveDate::from_ymd_opt(2025, 4, 1).unwrap();
    let mut checked = 0usize;
    let mut unexpected = Vec::new();
    // Restores a case after an allowed close: the president of its court reopens it.
    let mut reopener: Option<(&str, Client)> = None;
    for account_court in COURTS {
        let mut people: Vec<(Role, String, bool)> =
            Role::ALL.iter().map(|r| (*r, username(account_court, r.as_str()), false)).collect();
        people.push((Role::Judge, format!("{}-own", username(account_court, "judge")), true));
        for (role, user, linked_j1) in people {
            let mut client = Client::new(&web);
            client.sign_in(&user, common::PASSWORD).await;
            for (case_court, case_no, sealed, enforcement) in &cases {
                let handles = linked_j1 && account_court == *case_court;
                let path = enc(case_no);
                for e in [
                    Endpoint::ApiRead,
                    Endpoint::PageRead,
                    Endpoint::ListApi,
                    Endpoint::Service,
                    Endpoint::Hearing,
                    Endpoint::Close,
                    Endpoint::EventBundle,
                    Endpoint::EvidenceList,
                    Endpoint::AddEvidence,
                    Endpoint::ExplainApi,
                    Endpoint::SearchApi,
                    Endpoint::Queues,
                    Endpoint::Measure,
                    Endpoint::Performance,
                    Endpoint::FeePaid,
                    Endpoint::FeeRelief,
                    Endpoint::Mediation,
                    Endpoint::Flag,
                    Endpoint::Deliberate,
                    Endpoint::Document,
                    Endpoint::Publish,
                    Endpoint::DocumentPage,
                    Endpoint::SimilarPage,
                    Endpoint::PortalCase,
                    Endpoint::PortalEvidence,
                ] {
                    let want = expected(role, account_court, handles, case_court, *sealed, *enforcement, e);
                    let r = match e {
                        Endpoint::ApiRead => client.get(&format!("/api/v1/cases/{path}")).await,
                        Endpoint::PageRead => client.get(&format!("/cases/{path}")).await,
                        Endpoint::ListApi => client.get(&format!("/api/v1/cases?court={}&limit=500", enc(case_court))).await,
                        Endpoint::Service => {
                            client.post_json(&format!("/api/v1/cases/{path}/events"), json!({"on": day.to_string(), "type": "service_attempted", "channel": "electronic", "delivered": true})).await
                        }
                        Endpoint::Hearing => {
                            client.post_json(&format!("/api/v1/cases/{path}/events"), json!({"on": day.to_string(), "type": "hearing_scheduled", "hearing_on": (day + chrono::Days::new(30)).to_string()})).await
                        }
                        Endpoint::EventBundle => client.get(&format!("/api/v1/cases/{path}/events/0/bundle")).await,
                        Endpoint::SearchApi => {
                            client.get(&format!("/api/v1/cases?q={path}&court={}&rollup=true", enc(account_court))).await
                        }
                        Endpoint::EvidenceList => client.get(&format!("/api/v1/cases/{path}/evidence")).await,
                        Endpoint::Queues => {
                            let readable = expected(role, account_court, handles, case_court, *sealed, *enforcement, Endpoint::ApiRead);
                            for q in ["to_assign", "approvals", "hearings", "fees", "postal"] {
                                let r = client.get(&format!("/api/v1/queues/{q}")).await;
                                assert!(
                                    matches!(r.status, StatusCode::OK | StatusCode::FORBIDDEN)
                                        || (role.is_portal() && r.status == StatusCode::NOT_FOUND),
                                    "{user} {q}: {}",
                                    r.status
                                );
                                let listed = r.status == StatusCode::OK
                                    && r.json()["cases"].as_array().unwrap().iter().any(|c| c["case_no"] == case_no.as_str());
                                checked += 1;
                                if listed && !readable {
                                    unexpected.push(format!("{user} ({role:?}) {case_no} queue {q}: lists a case the account may not read"));
                                }
                            }
                            client.get("/api/v1/queues/due").await
                        }
                        Endpoint::ExplainApi => {
                            client
                                .get(&format!(
                                    "/api/v1/metrics/explain?court={}&from=2025-01-01&to=2025-12-31&id=filed",
                                    enc(case_court)
                                ))
                                .await
                        }
                        Endpoint::AddEvidence => {
                            let q = format!("name={}&type=text%2Fplain&source={}&method={}", enc("笔录.txt"), enc("原告提交"), enc("线上提交"));
                            client.post_raw(&format!("/api/v1/cases/{path}/evidence?{q}"), "application/octet-stream", "询问笔录").await
                        }
                        Endpoint::Measure => {
                            client.post_json(&format!("/api/v1/cases/{path}/events"), json!({"on": day.to_string(), "type": "enforcement_measure", "measure": "online_query"})).await
                        }
                        Endpoint::Performance => {
                            client.post_json(&format!("/api/v1/cases/{path}/events"), json!({"on": day.to_string(), "type": "performance_urged", "notice": "pre_enforcement"})).await
                        }
                        Endpoint::FeePaid => {
                            client.post_json(&format!("/api/v1/cases/{path}/events"), json!({"on": day.to_string(), "type": "fee_paid", "amount": "100.00", "online": true})).await
                        }
                        Endpoint::FeeRelief => {
                            client.post_json(&format!("/api/v1/cases/{path}/events"), json!({"on": day.to_string(), "type": "fee_relief", "relief": "defer"})).await
                        }
                        Endpoint::Mediation => {
                            client.post_json(&format!("/api/v1/cases/{path}/events"), json!({"on": day.to_string(), "type": "mediation_delegated", "org": "M01", "mode": "entrusted"})).await
                        }
                        Endpoint::Flag => {
                            client.post_json(&format!("/api/v1/cases/{path}/events"), json!({"on": day.to_string(), "type": "supervision_flagged", "category": "major_complex", "by": "J9"})).await
                        }
                        Endpoint::Deliberate => {
                            client.post_json(&format!("/api/v1/cases/{path}/events"), json!({"on": day.to_string(), "type": "deliberated", "body": "adjudication_committee"})).await
                        }
                        Endpoint::Document => {
                            client.post_json(&format!("/api/v1/cases/{path}/events"), json!({"on": day.to_string(), "type": "document_issued", "doc": "ruling", "text": "本院裁定如下：准许。"})).await
                        }
                        Endpoint::Publish => {
                            client.post_json(&format!("/api/v1/cases/{path}/events"), json!({"on": day.to_string(), "type": "document_published", "withheld": "矩阵测试，不上网"})).await
                        }
                        Endpoint::DocumentPage => client.get(&format!("/cases/{path}/documents/1")).await,
                        Endpoint::PortalCase => client.get(&format!("/portal/cases/{path}")).await,
                        Endpoint::PortalEvidence => {
                            client
                                .post_multipart(
                                    &format!("/portal/cases/{path}/evidence"),
                                    &[("media_type", "text/plain")],
                                    ("借条.txt", "今借到张三人民币壹万元整。"),
                                )
                                .await
                        }
                        Endpoint::SimilarPage => {
                            let i = cases.iter().position(|c| &c.1 == case_no).unwrap();
                            client.get(&format!("/similar?q={}", words[i])).await
                        }
                        Endpoint::Close => {
                            let method = if *enforcement { "enforcement_completed" } else { "judgment" };
                            client.post_json(&format!("/api/v1/cases/{path}/events"), json!({"on": day.to_string(), "type": "closed", "method": method})).await
                        }
                    };
                    let got = match e {
                        Endpoint::PortalCase => {
                            assert!(
                                matches!(r.status, StatusCode::OK | StatusCode::NOT_FOUND),
                                "{user} {case_no} {e:?}: {}",
                                r.status
                            );
                            // Never another party's ID number, never a sealed case's other party.
                            if r.status == StatusCode::OK {
                                assert!(
                                    !r.body.contains("李四") || !*sealed,
                                    "{user} {case_no}: a sealed case's other party"
                                );
                            }
                            r.status == StatusCode::OK
                        }
                        Endpoint::PortalEvidence => {
                            assert!(
                                matches!(r.status, StatusCode::SEE_OTHER | StatusCode::NOT_FOUND),
                                "{user} {case_no} {e:?}: {} {}",
                                r.status,
                                r.body
                            );
                            r.status == StatusCode::SEE_OTHER
                        }
                        Endpoint::SimilarPage => {
                            assert!(
                                matches!(r.status, StatusCode::OK | StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
                                "{user} {e:?}: {}",
                                r.status
                            );
                            r.status == StatusCode::OK && r.body.contains(case_no.as_str())
                        }
                        Endpoint::ApiRead
                        | Endpoint::PageRead
                        | Endpoint::EventBundle
                        | Endpoint::EvidenceList
                        | Endpoint::DocumentPage => {
                            assert!(
                                matches!(r.status, StatusCode::OK | StatusCode::NOT_FOUND),
                                "{user} {case_no} {e:?}: {}",
                                r.status
                            );
                            r.status == StatusCode::OK
                        }
                        Endpoint::ExplainApi => {
                            assert!(
                                matches!(r.status, StatusCode::OK | StatusCode::NOT_FOUND),
                                "{user} {e:?}: {}",
                                r.status
                            );
                            r.status == StatusCode::OK
                                && r.json()["numerator"]["cases"]
                                    .as_array()
                                    .unwrap()
                                    .iter()
                                    .any(|c| c == case_no.as_str())
                        }
                        Endpoint::Queues => {
                            assert!(
                                matches!(r.status, StatusCode::OK | StatusCode::FORBIDDEN)
                                    || (role.is_portal() && r.status == StatusCode::NOT_FOUND),
                                "{user} due: {}",
                                r.status
                            );
                            r.status == StatusCode::OK
                                && r.json()["cases"]
                                    .as_array()
                                    .unwrap()
                                    .iter()
                                    .any(|c| c["case_no"] == case_no.as_str())
                        }
                        Endpoint::SearchApi => {
                            assert!(
                                matches!(r.status, StatusCode::OK | StatusCode::NOT_FOUND),
                                "{user} {e:?}: {}",
                                r.status
                            );
                            let listed = r.status == StatusCode::OK
                                && r.json()["cases"]
                                    .as_array()
                                    .unwrap()
                                    .iter()
                                    .any(|c| c["case_no"] == case_no.as_str());
                            if r.status == StatusCode::OK {
                                assert_eq!(
                                    r.json()["total"],
                                    u64::from(listed),
                                    "{user} {case_no}: the total counts only what is listed"
                                );
                            }
                            listed
                        }
                        Endpoint::Performance | Endpoint::Publish => {
                            let readable = expected(
                                role,
                                account_court,
                                handles,
                                case_court,
                                *sealed,
                                *enforcement,
                                Endpoint::ApiRead,
                            );
                            let refused = if readable { StatusCode::FORBIDDEN } else { StatusCode::NOT_FOUND };
                            let allowed = if e == Endpoint::Publish {
                                matches!(r.status, StatusCode::CREATED | StatusCode::UNPROCESSABLE_ENTITY)
                            } else {
                                r.status == StatusCode::UNPROCESSABLE_ENTITY
                            };
                            assert!(allowed || r.status == refused, "{user} {case_no} {e:?}: {} {}", r.status, r.body);
                            allowed
                        }
                        Endpoint::ListApi => {
                            r.status == StatusCode::OK
                                && r.json()["cases"]
                                    .as_array()
                                    .unwrap()
                                    .iter()
                                    .any(|c| c["case_no"] == case_no.as_str())
                        }
                        _ => {
                            let readable = expected(
                                role,
                                account_court,
                                handles,
                                case_court,
                                *sealed,
                                *enforcement,
                                Endpoint::ApiRead,
                            );
                            let refused = if readable { StatusCode::FORBIDDEN } else { StatusCode::NOT_FOUND };
                            assert!(
                                r.status == StatusCode::CREATED || r.status == refused,
                                "{user} {case_no} {e:?}: {} {}",
                                r.status,
                                r.body
                            );
                            r.status == StatusCode::CREATED
                        }
                    };
                    checked += 1;
                    if r.status == StatusCode::CREATED {
                        day = day.succ_opt().unwrap();
                    }
                    if got != want {
                        unexpected.push(format!("{user} ({role:?}) {case_no} {e:?}: got {got}, rules say {want}"));
                    }
                    if e == Endpoint::Flag && got {
                        let r = client
                            .post_json(
                                &format!("/api/v1/cases/{path}/events"),
                                json!({"on": day.to_string(), "type": "supervision_cleared", "by": "J9"}),
                            )
                            .await;
                        assert_eq!(r.status, StatusCode::CREATED, "clear {case_no}: {}", r.body);
                        day = day.succ_opt().unwrap();
                    }
                    if e == Endpoint::Close && got {
                        if reopener.as_ref().is_none_or(|(c, _)| c != case_court) {
                            let mut c = Client::new(&web);
                            c.sign_in(&username(case_court, "president"), common::PASSWORD).await;
                            reopener = Some((case_court, c));
                        }
                        let Some((_, client)) = &reopener else { unreachable!() };
                        let r = client
                            .post_json(
                                &format!("/api/v1/cases/{path}/events"),
                                json!({"on": day.to_string(), "type": "reopened"}),
                            )
                            .await;
                        assert_eq!(r.status, StatusCode::CREATED, "reopen {case_no}: {}", r.body);
                    }
                }
            }
        }
    }
    eprintln!("authorization matrix: {checked} cells checked, {} unexpected", unexpected.len());
    assert!(checked >= 1000, "{checked}");
    assert!(unexpected.is_empty(), "{} unexpected of {checked}:\n{}", unexpected.len(), unexpected.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_role_court_and_seal_gets_exactly_what_the_rules_allow_on_sqlite() {
    matrix(docket_store::test_support::sqlite().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_role_court_and_seal_gets_exactly_what_the_rules_allow_on_postgres() {
    match docket_store::test_support::postgres().await {
        Some(store) => matrix(store).await,
        None => eprintln!("skipped: DOCKET_TEST_PG_URL is not set"),
    }
}

/// The court-level screens around accounts and the audit trail, for every role of every court:
/// the audit log (page and export) by the court's 审计员 and administrator; account management
/// of 内0203's clerk by 内0203's administrator only; 我的账户 by everyone; and 审判监督管理's
/// screens (案件评查, 绩效考核, 审委会, a judge's page, 待阅核) by exactly their roles.
async fn account_and_audit_screens<S: Store>(store: S) {
    let web = system(store, &[]).await;
    let target = username("内0203", "clerk");
    let mut unexpected = Vec::new();
    let mut checked = 0;
    for account_court in COURTS {
        for role in Role::ALL {
            let user = username(account_court, role.as_str());
            let mut client = Client::new(&web);
            client.sign_in(&user, common::PASSWORD).await;
            let audits = matches!(role, Role::Auditor | Role::Admin);
            let manages = role == Role::Admin && account_court == "内0203";
            // 审判监督管理's screens: the records' readers, a judge's page for that judge (J2 for
            // the judge accounts here), the 院长 and the 审管办; writes for the records' keepers
            // (refused as not found for anyone else; an empty form is 422 for a keeper).
            let records =
                matches!(role, Role::TrialManagement | Role::President | Role::DivisionHead | Role::HigherCourtViewer);
            let keeps = matches!(role, Role::TrialManagement | Role::President);
            let reads_j2 = matches!(role, Role::President | Role::TrialManagement | Role::Judge);
            let court = enc(account_court);
            let supervision: [(&str, bool, StatusCode, StatusCode); 7] = [
                (
                    "/manage/reviews",
                    records,
                    StatusCode::OK,
                    client.get(&format!("/manage/reviews?court={court}")).await.status,
                ),
                (
                    "/manage/appraisal",
                    records,
                    StatusCode::OK,
                    client.get(&format!("/manage/appraisal?court={court}")).await.status,
                ),
                (
                    "/manage/committee",
                    records,
                    StatusCode::OK,
                    client.get(&format!("/manage/committee?court={court}")).await.status,
                ),
                ("/judges/J2", reads_j2, StatusCode::OK, client.get(&format!("/judges/J2?court={court}")).await.status),
                (
                    "POST /manage/reviews",
                    keeps,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    client.post_form("/manage/reviews", &[("court", account_court)]).await.status,
                ),
                (
                    "POST /manage/appraisal",
                    keeps,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    client.post_form("/manage/appraisal", &[("court", account_court)]).await.status,
                ),
                (
                    "POST /manage/reviews/grade",
                    keeps,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    client.post_form("/manage/reviews/grade", &[("court", account_court)]).await.status,
                ),
            ];
            for (what, allowed, ok, status) in supervision {
                checked += 1;
                let want = if allowed { ok } else { StatusCode::NOT_FOUND };
                if status != want {
                    unexpected.push(format!("{user} ({role:?}) {what}: got {status}, rules say {want}"));
                }
            }
            let reading = client.get("/api/v1/queues/reading").await.status;
            checked += 1;
            let want = if matches!(role, Role::DivisionHead | Role::President) {
                StatusCode::OK
            } else if role.is_portal() {
                StatusCode::NOT_FOUND
            } else {
                StatusCode::FORBIDDEN
            };
            if reading != want {
                unexpected.push(format!("{user} ({role:?}) 待阅核: got {reading}, rules say {want}"));
            }
            let cells: [(&str, bool, StatusCode); 8] = [
                ("/audit", audits, client.get("/audit").await.status),
                ("/audit/export.csv", audits, client.get("/audit/export.csv").await.status),
                ("/admin/users", role == Role::Admin, client.get("/admin/users").await.status),
                (
                    "end-sessions",
                    manages,
                    client.post_form(&format!("/admin/users/{target}/end-sessions"), &[]).await.status,
                ),
                ("/account", !role.is_portal(), client.get("/account").await.status),
                // 诉讼服务: the portal for parties and lawyers; 网上立案 for those who file; opening
                // portal accounts for the 立案员 and the administrator.
                ("/portal", role.is_portal(), client.get("/portal").await.status),
                (
                    "/applications",
                    matches!(role, Role::FilingClerk | Role::DivisionHead | Role::President),
                    client.get("/applications").await.status,
                ),
                (
                    "/portal-accounts",
                    matches!(role, Role::FilingClerk | Role::Admin),
                    client.get("/portal-accounts").await.status,
                ),
            ];
            for (what, allowed, status) in cells {
                checked += 1;
                let want = if allowed { StatusCode::OK } else { StatusCode::NOT_FOUND };
                if status != want {
                    unexpected.push(format!("{user} ({role:?}) {what}: got {status}, rules say {want}"));
                }
            }
        }
    }
    assert_eq!(checked, COURTS.len() * Role::ALL.len() * 16);
    eprintln!("screens: {checked} cells checked, {} unexpected", unexpected.len());
    assert!(unexpected.is_empty(), "{}", unexpected.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn account_and_audit_screens_open_to_exactly_their_roles_on_sqlite() {
    account_and_audit_screens(docket_store::test_support::sqlite().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn account_and_audit_screens_open_to_exactly_their_roles_on_postgres() {
    match docket_store::test_support::postgres().await {
        Some(store) => account_and_audit_screens(store).await,
        None => eprintln!("skipped: DOCKET_TEST_PG_URL is not set"),
    }
}
