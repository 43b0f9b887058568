//! The 审管办's records (campaigns, ledgers, suggestions, petitions) are entries of their court's
//! chain and leaves of the Merkle log: imported all or nothing with every bad line named,
//! folded into the register, and any edit or deletion of one found by `verify`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use docket_app::{AppError, Docket, Quiet};
use docket_store::test_support::RawSql;
use docket_store::{EntryKind, Store};

/// The management entries of one court, in chain order: (seq, kind).
async fn management_entries<S: Store>(d: &Docket<S>, court: &str) -> Vec<(i64, String)> {
    let page = d.store().scan_log(Some(EntryKind::Management), None, 100_000).await.unwrap();
    page.into_iter().filter(|e| e.court == court).map(|e| (e.seq, e.event_type.unwrap_or_default())).collect()
}

async fn ledger_entries_are_chained_and_an_edit_or_deletion_is_found<S: Store + RawSql>(d: Docket<S>) {
    let data = demo_jsonl(7, 300, 1);
    let report = import(&d, &data).await.unwrap();
    assert!(report.records > 0, "the demo carries management records");
    let register = d.register().await.unwrap();
    assert!(!register.ledger.is_empty() && !register.suggestions.is_empty() && !register.petitions.is_empty());
    assert!(d.verify(&Quiet).await.unwrap().is_intact());
    let before = export(&d).await;

    let entries = management_entries(&d, "内0203").await;
    let item = entries.iter().find(|(_, k)| k == "ledger_item").unwrap().0;
    // A 销号 moved a month earlier, as someone would to make an item look closed in time.
    d.store()
        .exec(&format!(
            "UPDATE log SET body = REPLACE(body, '\"due_on\":\"', '\"due_on\":\"1') WHERE court = '内0203' AND seq = {item}"
        ))
        .await;
    let report = d.verify(&Quiet).await.unwrap();
    let said: Vec<String> = report.broken.iter().map(ToString::to_string).collect();
    assert!(said.iter().any(|s| s.contains(&format!("第 {item} 条记录的内容"))), "{said:?}");

    // Deleting a ledger event in the middle of the chain (the reopening of an item, say).
    let d = Docket::new(fresh(&d).await);
    import(&d, &data).await.unwrap();
    let entries = management_entries(&d, "内0203").await;
    let event = entries.iter().find(|(_, k)| k == "ledger_event").unwrap().0;
    d.store().exec(&format!("DELETE FROM log WHERE court = '内0203' AND seq = {event}")).await;
    let report = d.verify(&Quiet).await.unwrap();
    let said: Vec<String> = report.broken.iter().map(ToString::to_string).collect();
    assert!(said.iter().any(|s| s.contains(&format!("应为第 {event} 条"))), "{said:?}");
    // And the untouched import exports exactly the records it was given.
    assert_eq!(sorted_lines(&before), sorted_lines(&data));
}

/// A fresh store of the same backend.
async fn fresh<S: Store>(d: &Docket<S>) -> S {
    let any: Box<dyn std::any::Any> = match d.store().backend() {
        "sqlite" => Box::new(docket_store::test_support::sqlite().await),
        _ => Box::new(docket_store::test_support::postgres().await.unwrap()),
    };
    *any.downcast::<S>().unwrap()
}

async fn bad_management_lines_are_refused_by_line_and_field_and_store_nothing<S: Store>(d: Docket<S>) {
    import(&d, &demo_jsonl(3, 200, 1)).await.unwrap();
    let size = d.store().tree_size().await.unwrap();
    let register = d.register().await.unwrap();
    let (stored_item, _) = register.ledger.iter().next().unwrap();
    let (court, ledger, no) = stored_item.clone();
    let closed_case = d
        .store()
        .all_cases()
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.court.as_str() == "内0203" && c.closed_on.is_some())
        .unwrap()
        .case_no;
    let lines = [
        // 1: fine on its own.
        r#"{"kind":"ledger_item","court":"内0203","ledger":"2026-新台账","no":1,"opened_on":"2026-03-01","source":"data","problem":"结案率偏低","measure":"逐案督办","lead":"J001","due_on":"2026-05-31"}"#.into(),
        // 2: a lead who is no judge of the court.
        r#"{"kind":"ledger_item","court":"内0203","ledger":"2026-新台账","no":2,"opened_on":"2026-03-01","source":"data","problem":"p","measure":"m","lead":"J999","due_on":"2026-05-31"}"#.into(),
        // 3: an event of an item no one opened.
        r#"{"kind":"ledger_event","court":"内0203","ledger":"2026-新台账","no":7,"on":"2026-04-01","type":"closed"}"#.into(),
        // 4: a petition about a case that does not exist.
        r#"{"kind":"petition","court":"内0203","no":"2026-信-900","received_on":"2026-05-06","channel":"visit","case_no":"（2024）内0203民初99999号","first_time":true,"petitioner":{"kind":"person","name":"李四"},"subject":"s"}"#.into(),
        // 5: a campaign case of a court below no campaign of 内0203 (内02 is above it).
        r#"{"kind":"campaign","court":"内0203","id":"c","name":"n","from":"2026-01-01","to":"2026-06-30","termination_counts":false}"#.into(),
        r#"{"kind":"campaign_case","court":"内0203","campaign":"c","case_no":"（2025）内02民终1号","listed_on":"2026-01-01"}"#.into(),
        // 7: the stored item closed before it was opened.
        format!(
            r#"{{"kind":"ledger_event","court":"{court}","ledger":"{ledger}","no":{no},"on":"2000-01-01","type":"progress","note":"x"}}"#
        ),
        // 8: a suggestion replied to before it was issued.
        r#"{"kind":"suggestion","court":"内0203","no":"新建〔2026〕1号","case_no":null,"recipient":"某局","issued_on":"2026-04-10","subject":"s"}"#.into(),
        r#"{"kind":"suggestion_event","court":"内0203","no":"新建〔2026〕1号","on":"2026-04-01","type":"replied","adopted":true}"#.into(),
        // 10: a petition about a real case: fine.
        format!(
            r#"{{"kind":"petition","court":"内0203","no":"2026-信-901","received_on":"2026-05-06","channel":"letter","case_no":"{closed_case}","first_time":false,"petitioner":{{"kind":"person","name":"王五"}},"subject":"s"}}"#
        ),
    ];
    let file = lines.join("\n");
    let Err(AppError::Import(errs)) = import(&d, &file).await else { panic!("refused") };
    let got: Vec<(usize, String)> = errs.iter().map(|e| (e.line, e.field.clone())).collect();
    assert_eq!(
        got,
        [
            (2, "lead".to_owned()),
            (3, "no".to_owned()),
            (4, "case_no".to_owned()),
            (6, "case_no".to_owned()),
            (7, "on".to_owned()),
            (9, "on".to_owned())
        ],
        "{errs:?}"
    );
    assert!(errs.iter().all(|e| !e.message.is_empty()));
    assert_eq!(d.store().tree_size().await.unwrap(), size, "nothing written");
    assert_eq!(d.register().await.unwrap(), register, "nothing folded");
    // The good lines alone import, and export writes them back.
    let good = [lines[0].as_str(), lines[9].as_str()].join("\n");
    assert_eq!(import(&d, &good).await.unwrap().records, 2);
    let out = export(&d).await;
    assert!(out.contains(&lines[0]) && out.contains(&lines[9]));
    assert!(d.verify(&Quiet).await.unwrap().is_intact());
}

docket_store::on_both_backends!(
    docket_app::Docket::new;
    ledger_entries_are_chained_and_an_edit_or_deletion_is_found,
    bad_management_lines_are_refused_by_line_and_field_and_store_nothing,
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_weekly_bulletin_lists_the_uncleared_campaign_cases_and_the_items_due() {
    use docket_app::ReportKind;
    let d = Docket::new(docket_store::test_support::sqlite().await);
    import(&d, &demo_jsonl(5, 3000, 2)).await.unwrap();
    let register = d.register().await.unwrap();
    let cases = d.store().all_cases().await.unwrap();
    // A week inside the intermediate court's campaign, and one where an item is due.
    let campaign = register
        .campaigns
        .values()
        .filter(|c| c.campaign.scope == docket_domain::management::CampaignScope::Pending)
        .max_by_key(|c| c.cases.len())
        .expect("a campaign");
    let scope = campaign.campaign.court.to_string();
    let week_end = campaign.campaign.from + chrono::Days::new(60);
    let period = week_end.format("%G-W%V").to_string();
    let p = docket_reports::ReportPeriod::parse(&period).unwrap().period;
    let doc = d.report(ReportKind::Weekly, &scope, &period, true, docket_metrics::Settings::default()).await.unwrap();
    // Independently: the listed cases not closed by the week's end.
    let open: Vec<String> = campaign
        .cases
        .iter()
        .filter(|l| {
            let c = cases.iter().find(|c| c.case_no == l.case_no).unwrap();
            c.closed_on.is_none_or(|x| x > p.to)
        })
        .map(|l| l.case_no.to_string())
        .collect();
    assert!(!open.is_empty(), "some listed case is still open 60 days in");
    let table = doc.tables().find(|t| t.caption.ends_with("专项清理未清结案件")).expect("the list");
    let listed: Vec<&str> = table.rows.iter().map(|r| r[1].as_str()).collect();
    for no in &open {
        assert!(listed.contains(&no.as_str()), "{no} not in {listed:?}");
    }
    // Items: open on the week's end and due by a week after it, each shown once.
    let due: usize = register
        .ledger
        .values()
        .filter(|s| s.item.court.is_within(&campaign.campaign.court))
        .filter(|s| {
            s.item.opened_on <= p.to && s.closed_at(p.to).is_none() && s.due_on_at(p.to) <= p.to + chrono::Days::new(7)
        })
        .count();
    let items = doc.tables().find(|t| t.caption.ends_with("整改事项到期及逾期")).map_or(0, |t| t.rows.len());
    assert_eq!(items, due);
    // Tables are numbered in order after the lists were added.
    let numbers: Vec<String> = doc.tables().map(|t| t.caption.split('：').next().unwrap().to_owned()).collect();
    let want: Vec<String> = (1..=numbers.len()).map(|i| format!("表{i}")).collect();
    assert_eq!(numbers, want);
}
