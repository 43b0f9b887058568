//! Import is all or nothing: every malformed file of INTERCHANGE.md's error list is refused with
//! its line numbers, and the database is exactly as it was.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use docket_app::{AppError, Docket};
use docket_store::Store;

const BASE: &str = r#"{"kind":"court","code":"内0203","name":"包头市昆都仑区人民法院","level":"basic","parent":"内02"}
{"kind":"department","court":"内0203","code":"ms1","name":"民事审判第一庭"}
{"kind":"judge","court":"内0203","code":"J0007","name":"王立新","department":"ms1","titles":["division_head"],"quota":true}
{"kind":"case","court":"内0203","case_no":"（2025）内0203民初1234号","type":"民初","procedure":"simple","cause":"买卖合同纠纷","received_on":"2025-03-01","filed_on":"2025-03-03","online":true,"claim_amount":"125000.00","tags":["enterprise"],"origin":null,"sealed":false,"parties":[{"role":"plaintiff","kind":"organization","name":"某建材有限公司","id_number":"91150203MA0N00001K"},{"role":"defendant","kind":"person","name":"张三","id_number":"150203199001011232"}]}
{"kind":"event","case_no":"（2025）内0203民初1234号","on":"2025-03-04","type":"assigned","judge":"J0007"}
"#;

/// A case line for a new case numbered `seq`, with `patch` applied to its text.
fn case_line(seq: u32, patch: &[(&str, &str)]) -> String {
    let mut line = BASE.lines().nth(3).unwrap().replace("民初1234号", &format!("民初{seq}号"));
    for (from, to) in patch {
        assert!(line.contains(from), "{from}");
        line = line.replace(from, to);
    }
    line
}

/// Each malformed file, and the `line N: field` its first error must start with.
fn malformed_files() -> Vec<(&'static str, String, &'static str)> {
    let good = case_line(2, &[]);
    vec![
        ("unknown kind", format!("{good}\n{{\"kind\":\"verdict\",\"case_no\":\"x\"}}\n"), "line 2: kind: "),
        ("not JSON", format!("{good}\n{{\"kind\":\"case\",\n"), "line 2: json: "),
        ("malformed date", case_line(3, &[("\"filed_on\":\"2025-03-03\"", "\"filed_on\":\"2025-3-3\"")]), "line 1: filed_on: "),
        ("impossible date", case_line(3, &[("2025-03-01", "2025-02-29")]), "line 1: received_on: "),
        ("amount with three decimals", case_line(3, &[("125000.00", "125000.005")]), "line 1: claim_amount: "),
        (
            "event for an unknown case",
            format!("{good}\n{{\"kind\":\"event\",\"case_no\":\"（2025）内0203民初999号\",\"on\":\"2025-03-05\",\"type\":\"hearing_held\"}}\n"),
            "line 2: case_no: ",
        ),
        (
            "closing before filing",
            format!("{good}\n{{\"kind\":\"event\",\"case_no\":\"（2025）内0203民初2号\",\"on\":\"2025-03-01\",\"type\":\"closed\",\"method\":\"judgment\"}}\n"),
            "line 2: on: ",
        ),
        ("case number of another year", case_line(3, &[("（2025）", "（2024）")]), "line 1: filed_on: "),
        ("case number of another court", case_line(3, &[("（2025）内0203", "（2025）内0204")]), "line 1: court: "),
        ("case number of another type", case_line(3, &[("民初3号", "民终3号")]), "line 1: type: "),
        ("duplicate case number in the file", format!("{good}\n{good}\n"), "line 2: case_no: "),
        ("duplicate of a stored case number", case_line(1234, &[]), "line 1: case_no: "),
        ("invalid ID check digit", case_line(3, &[("150203199001011232", "150203199001011231")]), "line 1: parties[1].id_number: "),
        ("invalid credit code", case_line(3, &[("91150203MA0N00001K", "91150203MA0N00001J")]), "line 1: parties[0].id_number: "),
        (
            "closing a closed case",
            "{\"kind\":\"event\",\"case_no\":\"（2025）内0203民初1234号\",\"on\":\"2025-04-01\",\"type\":\"closed\",\"method\":\"judgment\"}\n\
             {\"kind\":\"event\",\"case_no\":\"（2025）内0203民初1234号\",\"on\":\"2025-04-02\",\"type\":\"closed\",\"method\":\"mediation\"}\n".to_owned(),
            "line 2: type: ",
        ),
        (
            "resuming a case that is not suspended",
            "{\"kind\":\"event\",\"case_no\":\"（2025）内0203民初1234号\",\"on\":\"2025-04-01\",\"type\":\"resumed\"}\n".to_owned(),
            "line 1: type: ",
        ),
        (
            "an event older than the stored timeline",
            "{\"kind\":\"event\",\"case_no\":\"（2025）内0203民初1234号\",\"on\":\"2025-03-03\",\"type\":\"hearing_held\"}\n".to_owned(),
            "line 1: on: ",
        ),
        (
            "approving an extension never requested",
            "{\"kind\":\"event\",\"case_no\":\"（2025）内0203民初1234号\",\"on\":\"2025-05-01\",\"type\":\"extended\",\"months\":1,\"approver\":\"president\"}\n".to_owned(),
            "line 1: type: ",
        ),
        (
            "assignment to an unknown judge",
            "{\"kind\":\"event\",\"case_no\":\"（2025）内0203民初1234号\",\"on\":\"2025-04-01\",\"type\":\"assigned\",\"judge\":\"J9999\"}\n".to_owned(),
            "line 1: judge: ",
        ),
        (
            "a measure on a civil case",
            "{\"kind\":\"event\",\"case_no\":\"（2025）内0203民初1234号\",\"on\":\"2025-04-01\",\"type\":\"enforcement_measure\",\"measure\":\"online_query\"}\n".to_owned(),
            "line 1: type: ",
        ),
        (
            "an unknown measure",
            "{\"kind\":\"event\",\"case_no\":\"（2025）内0203民初1234号\",\"on\":\"2025-04-01\",\"type\":\"enforcement_measure\",\"measure\":\"arrest\"}\n".to_owned(),
            "line 1: measure: ",
        ),
        (
            "voluntary performance on an enforcement case",
            format!(
                "{}\n{{\"kind\":\"event\",\"case_no\":\"（2025）内0203执3号\",\"on\":\"2025-04-01\",\"type\":\"performed\",\"amount\":\"100.00\"}}\n",
                case_line(
                    3,
                    &[
                        ("民初3号", "执3号"),
                        ("\"type\":\"民初\"", "\"type\":\"执\""),
                        ("\"procedure\":\"simple\"", "\"procedure\":\"none\""),
                        ("\"plaintiff\"", "\"applicant\""),
                        ("\"defendant\"", "\"respondent\""),
                    ]
                )
            ),
            "line 2: type: ",
        ),
        (
            "a detention of no one",
            "{\"kind\":\"event\",\"case_no\":\"（2025）内0203民初1234号\",\"on\":\"2025-04-01\",\"type\":\"enforcement_measure\",\"measure\":\"detention\",\"persons\":0}\n".to_owned(),
            "line 1: persons: ",
        ),
        ("case in an unknown court", case_line(3, &[("\"court\":\"内0203\"", "\"court\":\"内0205\""), ("（2025）内0203", "（2025）内0205")]), "line 1: court: "),
        (
            "a good line followed by a bad one stores neither",
            format!("{good}\n{}\n", case_line(3, &[("\"online\":true", "\"online\":\"yes\"")])),
            "line 2: online: ",
        ),
    ]
}

async fn malformed_files_are_refused_by_line_and_store_nothing<S: Store>(d: Docket<S>) {
    import(&d, BASE).await.unwrap();
    let before = export(&d).await;
    let summary = d.store().summary().await.unwrap();
    let heads = d.store().chain_heads().await.unwrap();
    for (what, file, expected) in malformed_files() {
        match import(&d, &file).await {
            Err(AppError::Import(errors)) => {
                let first = errors[0].to_string();
                assert!(first.starts_with(expected), "{what}: got {first:?}, expected {expected:?}");
                assert!(!errors[0].message.is_empty());
            }
            other => panic!("{what}: expected refusal, got {other:?}"),
        }
        assert_eq!(export(&d).await, before, "{what}: the database changed");
        assert_eq!(d.store().summary().await.unwrap(), summary, "{what}");
        assert_eq!(d.store().chain_heads().await.unwrap(), heads, "{what}");
    }
    assert!(d.verify(&docket_app::Quiet).await.unwrap().is_intact());
}

async fn every_problem_in_a_file_is_reported_in_line_order<S: Store>(d: Docket<S>) {
    import(&d, BASE).await.unwrap();
    let file = [
        case_line(5, &[("125000.00", "1.001")]),
        case_line(6, &[]),
        case_line(7, &[("150203199001011232", "150203199001011233")]),
        "{\"kind\":\"nonsense\"}".to_owned(),
    ]
    .join("\n");
    let Err(AppError::Import(errors)) = import(&d, &file).await else { panic!("expected refusal") };
    let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [1, 3, 4]);
}

async fn events_can_be_appended_to_stored_cases_by_a_later_import<S: Store>(d: Docket<S>) {
    import(&d, BASE).await.unwrap();
    let more = "{\"kind\":\"event\",\"case_no\":\"（2025）内0203民初1234号\",\"on\":\"2025-04-01\",\"type\":\"closed\",\"method\":\"mediation\"}\n";
    let report = import(&d, more).await.unwrap();
    assert_eq!((report.cases, report.events), (0, 1));
    let view = d.case_view("(2025)内0203民初1234号", "2025-12-31".parse().unwrap()).await.unwrap();
    assert_eq!(view.row.status, docket_domain::Status::Closed);
    assert_eq!(view.row.close_method.map(|m| m.as_str()), Some("mediation"));
    assert_eq!(view.timeline.len(), 3);
    assert!(d.verify(&docket_app::Quiet).await.unwrap().is_intact());
    // Re-declaring stored reference data identically is accepted and adds nothing …
    let again = BASE.lines().take(3).collect::<Vec<_>>().join("\n");
    assert_eq!(import(&d, &again).await.unwrap().entries, 0);
    // … but a different value for a stored code is refused.
    let changed = BASE.lines().nth(2).unwrap().replace("王立新", "王立");
    let Err(AppError::Import(errs)) = import(&d, &changed).await else { panic!("expected refusal") };
    assert!(
        errs[0].to_string().starts_with("line 1: code: 法官 J0007 已存在于 内0203，且与本行信息不一致"),
        "{errs:?}"
    );
}

docket_store::on_both_backends!(
    docket_app::Docket::new;
    malformed_files_are_refused_by_line_and_store_nothing,
    every_problem_in_a_file_is_reported_in_line_order,
    events_can_be_appended_to_stored_cases_by_a_later_import,
);
