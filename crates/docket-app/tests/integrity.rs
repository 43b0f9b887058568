//! The log's integrity: every tampering with stored rows is detected by `verify`; the projection
//! is a pure function of the log (rebuild gives it back); export ∘ import is the identity.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use docket_app::{Docket, Quiet};
use docket_store::Store;
use docket_store::test_support::RawSql;
use proptest::prelude::*;

/// Each tampering, as SQL over the demo data of court 内0203, and what `verify` must say.
const TAMPERINGS: &[(&str, &[&str], &str)] = &[
    (
        "edit an event body",
        &["UPDATE log SET body = REPLACE(body, '\"on\":\"', '\"on\":\"1') WHERE court = '内0203' AND seq = 40"],
        "第 40 条",
    ),
    (
        "backdate when an entry was recorded",
        &["UPDATE log SET recorded_at = '2020-01-01T00:00:00.000000Z' WHERE court = '内0203' AND seq = 41"],
        "第 41 条",
    ),
    (
        "replace an entry's hash with another's",
        &[
            "UPDATE log SET hash = (SELECT hash FROM log WHERE court = '内0203' AND seq = 5) WHERE court = '内0203' AND seq = 42",
        ],
        "第 42 条",
    ),
    ("delete an entry in the middle", &["DELETE FROM log WHERE court = '内0203' AND seq = 43"], "第 44 条"),
    (
        "delete the last entry",
        &["DELETE FROM log WHERE court = '内0203' AND seq = (SELECT seq FROM chain_heads WHERE court = '内0203')"],
        "链尾",
    ),
    (
        "swap two entries",
        &[
            "UPDATE log SET seq = -1 WHERE court = '内0203' AND seq = 44",
            "UPDATE log SET seq = 44 WHERE court = '内0203' AND seq = 45",
            "UPDATE log SET seq = 45 WHERE court = '内0203' AND seq = -1",
        ],
        "第 44 条",
    ),
    (
        "insert a copied entry at the end",
        &["INSERT INTO log (court, seq, kind, case_no, case_seq, on_date, event_type, recorded_at, body, hash) \
           SELECT court, (SELECT seq + 1 FROM chain_heads WHERE court = '内0203'), kind, NULL, NULL, on_date, event_type, recorded_at, body, hash \
           FROM log WHERE court = '内0203' AND seq = 46"],
        "与其哈希不符",
    ),
    (
        "insert an entry in the middle, renumbering the rest",
        &[
            "UPDATE log SET seq = seq + 1000000 WHERE court = '内0203' AND seq >= 47",
            "UPDATE log SET seq = seq - 999999 WHERE court = '内0203' AND seq >= 1000000",
            "INSERT INTO log (court, seq, kind, case_no, case_seq, on_date, event_type, recorded_at, body, hash) \
             SELECT court, 47, kind, NULL, NULL, on_date, event_type, recorded_at, body, hash FROM log WHERE court = '内0203' AND seq = 10",
        ],
        "第 47 条",
    ),
    ("delete a chain head", &["DELETE FROM chain_heads WHERE court = '内0203'"], "缺少链尾"),
    (
        "change an event's date column (the timeline would show it)",
        &[
            "UPDATE log SET on_date = '2001-01-01' WHERE court = '内0203' AND kind = 'event' AND seq = (SELECT MIN(seq) FROM log WHERE court = '内0203' AND kind = 'event')",
        ],
        "on_date 列",
    ),
    (
        "change an event's type column",
        &[
            "UPDATE log SET event_type = 'archived' WHERE court = '内0203' AND kind = 'event' AND seq = (SELECT MIN(seq) FROM log WHERE court = '内0203' AND kind = 'event')",
        ],
        "event_type 列",
    ),
    (
        "move an event to another case",
        &[
            "UPDATE log SET case_no = (SELECT MAX(case_no) FROM log WHERE court = '内0203' AND kind = 'case'), case_seq = 999 WHERE court = '内0203' AND kind = 'event' AND seq = (SELECT MIN(seq) FROM log WHERE court = '内0203' AND kind = 'event')",
        ],
        "case_no 列",
    ),
    (
        "rename a party (the case page would show the forged name)",
        &[
            "UPDATE parties SET name = '伪造的名字' WHERE court = '内0203' AND idx = 0 AND case_no = (SELECT MIN(case_no) FROM parties WHERE court = '内0203')",
        ],
        "当事人表与立案记录不一致",
    ),
    (
        "edit a case projection",
        &[
            "UPDATE cases SET closed_on = NULL, status = 'open' WHERE court = '内0203' AND status = 'closed' AND case_no = (SELECT MIN(case_no) FROM cases WHERE court = '内0203' AND status = 'closed')",
        ],
        "不一致",
    ),
    (
        "edit the year of holidays the deadlines read",
        &["UPDATE holiday_years SET body = '2026-01-01 休 元旦' WHERE year = 2026"],
        "2026 年的节假日安排：表中的内容与日志不一致",
    ),
    (
        "insert a forged year of holidays (it would move deadlines by days)",
        &[
            "INSERT INTO holiday_years (year, body, imported_at) VALUES (2025, '2025-10-01..2025-10-20 休 伪造', '2026-01-01')",
        ],
        "2025 年的节假日安排：表中有，日志中没有",
    ),
    (
        "insert indicator settings behind the log",
        &["INSERT INTO settings (name, body, updated_at, updated_by) VALUES ('indicators', 'ranking = off', 'x', 'x')"],
        "设置 indicators：表中有，日志中没有",
    ),
    (
        "delete a year of holidays the log holds",
        &["DELETE FROM holiday_years WHERE year = 2026"],
        "2026 年的节假日安排：日志中有，表中没有",
    ),
];

async fn detect<S: Store + RawSql>(fresh: impl AsyncFn() -> S) {
    let data = demo_jsonl(7, 200, 1);
    for (what, sql, expected) in TAMPERINGS {
        let d = Docket::new(fresh().await);
        import(&d, &data).await.unwrap();
        assert!(d.verify(&Quiet).await.unwrap().is_intact(), "{what}: intact before");
        for statement in *sql {
            d.store().exec(statement).await;
        }
        let report = d.verify(&Quiet).await.unwrap();
        assert!(!report.is_intact(), "{what}: not detected");
        let said: Vec<String> =
            report.broken.iter().map(ToString::to_string).chain(report.projection_mismatches.iter().cloned()).collect();
        assert!(said.iter().any(|s| s.contains(expected)), "{what}: expected {expected:?} in {said:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_tampering_is_detected_on_sqlite() {
    detect(docket_store::test_support::sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_tampering_is_detected_on_postgres() {
    if docket_store::test_support::pg_url().is_none() {
        eprintln!("skipped: DOCKET_TEST_PG_URL is not set");
        return;
    }
    detect(async || docket_store::test_support::postgres().await.unwrap()).await;
}

async fn rebuild_gives_back_the_live_projection<S: Store>(d: Docket<S>) {
    import(&d, &demo_jsonl(3, 300, 2)).await.unwrap();
    let live = d.store().all_cases().await.unwrap();
    assert!(live.len() > 200);
    let n = d.rebuild(&Quiet).await.unwrap();
    assert_eq!(n as usize, live.len());
    assert_eq!(d.store().all_cases().await.unwrap(), live);
    assert!(d.verify(&Quiet).await.unwrap().is_intact());
}

async fn export_then_import_is_the_identity<S: Store>(d: Docket<S>) {
    let input = demo_jsonl(11, 300, 2);
    import(&d, &input).await.unwrap();
    let first = export(&d).await;
    // The export holds exactly the lines imported (grouped by kind rather than in file order).
    assert_eq!(sorted_lines(&first), sorted_lines(&input));
    let again = Docket::new(fresh_like(&d).await);
    import(&again, &first).await.unwrap();
    assert_eq!(export(&again).await, first);
    assert_eq!(again.store().all_cases().await.unwrap(), d.store().all_cases().await.unwrap());
}

/// A fresh store of the same backend as `d`.
async fn fresh_like<S: Store>(d: &Docket<S>) -> S {
    let any: Box<dyn std::any::Any> = match d.store().backend() {
        "sqlite" => Box::new(docket_store::test_support::sqlite().await),
        _ => Box::new(docket_store::test_support::postgres().await.unwrap()),
    };
    *any.downcast::<S>().unwrap()
}

/// The settings an administrator saves are log entries: exported, imported elsewhere to the same
/// settings, and rebuilt from the log when their table rows are lost.
async fn settings_are_log_entries_that_export_import_and_rebuild<S: Store + RawSql>(d: Docket<S>) {
    import(&d, &demo_jsonl(5, 60, 1)).await.unwrap();
    let admin = docket_app::Account {
        username: "nm-admin".into(),
        court: docket_domain::CourtCode::parse("内").unwrap(),
        name: "管理员".into(),
        role: docket_domain::Role::Admin,
        judge: None,
    };
    let before = d.store().tree_size().await.unwrap();
    let text = "indicator.closure_rate.range = 0.8..0.97\nranking = off\n";
    let saved = d.save_indicator_settings(text, &admin).await.unwrap();
    d.import_holidays("2027-01-01 休 元旦\n2027-02-06..2027-02-12 休 春节\n", Some(&admin)).await.unwrap();
    assert_eq!(d.store().tree_size().await.unwrap(), before + 2, "two leaves of the Merkle log");
    assert!(d.verify(&Quiet).await.unwrap().is_intact());
    let exported = export(&d).await;
    let settings_lines: Vec<&str> = exported.lines().filter(|l| l.starts_with("{\"kind\":\"setting\"")).collect();
    assert_eq!(settings_lines.len(), 3, "2026 from the demo, the indicators and 2027: {settings_lines:?}");
    assert!(settings_lines[1].contains("\"name\":\"indicators\"") && settings_lines[1].contains("\"by\":\"nm-admin\""));

    let again = Docket::new(fresh_like(&d).await);
    import(&again, &exported).await.unwrap();
    assert_eq!(again.indicator_settings().await.unwrap(), saved);
    assert_eq!(again.calendar().await.unwrap().to_text(Some(2027)), d.calendar().await.unwrap().to_text(Some(2027)));
    assert!(again.verify(&Quiet).await.unwrap().is_intact());

    // Rows lost behind the log come back with a rebuild.
    d.store().exec("DELETE FROM holiday_years").await;
    d.store().exec("DELETE FROM settings").await;
    assert!(!d.verify(&Quiet).await.unwrap().is_intact());
    d.rebuild(&Quiet).await.unwrap();
    assert_eq!(d.indicator_settings().await.unwrap(), saved);
    assert!(d.verify(&Quiet).await.unwrap().is_intact());
}

/// Settings a previous release kept in its tables only are recorded in the log once.
async fn settings_kept_outside_the_log_are_adopted_once<S: Store + RawSql>(d: Docket<S>) {
    import(&d, &demo_jsonl(5, 40, 1)).await.unwrap();
    d.store()
        .exec("INSERT INTO holiday_years (year, body, imported_at) VALUES (2027, '2027-01-01 休 元旦\n', '2026-11-30T00:00:00Z')")
        .await;
    assert!(!d.verify(&Quiet).await.unwrap().is_intact(), "outside the log");
    assert_eq!(d.adopt_unlogged_settings().await.unwrap(), 1);
    assert_eq!(d.adopt_unlogged_settings().await.unwrap(), 0, "once");
    assert!(d.verify(&Quiet).await.unwrap().is_intact());
    assert!(d.calendar().await.unwrap().to_text(Some(2027)).contains("2027-01-01"));
}

docket_store::on_both_backends!(
    docket_app::Docket::new;
    settings_are_log_entries_that_export_import_and_rebuild,
    settings_kept_outside_the_log_are_adopted_once,
);

mod projections {
    use super::*;
    docket_store::on_both_backends!(
        docket_app::Docket::new;
        rebuild_gives_back_the_live_projection,
        export_then_import_is_the_identity,
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    /// export ∘ import is the identity on generated court systems of any seed and size.
    #[test]
    fn export_of_an_import_gives_back_the_file(seed in any::<u64>(), cases in 10usize..250, courts in 1usize..4) {
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(async {
            let input = demo_jsonl(seed, cases, courts);
            let d = Docket::new(docket_store::test_support::sqlite().await);
            import(&d, &input).await.unwrap();
            let out = export(&d).await;
            assert_eq!(sorted_lines(&out), sorted_lines(&input));
            let e = Docket::new(docket_store::test_support::sqlite().await);
            import(&e, &out).await.unwrap();
            assert_eq!(export(&e).await, out);
        });
    }
}
