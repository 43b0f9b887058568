//! Reports on a fixed dataset: their text is pinned by snapshots (`tests/snapshots/`; set
//! `UPDATE_SNAPSHOTS=1` to rewrite them after a deliberate change), and every figure they print —
//! in the prose and in the tables — is parsed back and compared with the indicator engine's.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use docket_app::{Docket, ReportKind};
use docket_metrics::{Dimension, Engine, Query, Settings, Value};
use docket_reports::{Document, Names, ReportPeriod, numbers};

fn snapshot(name: &str, text: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(name);
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        std::fs::write(&path, text).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("missing snapshot {}", path.display()));
    assert!(want == text, "{name} differs from its snapshot:\n--- want\n{want}\n--- got\n{text}");
}

fn values(engine: &Engine, court: &str, rollup: bool, period: &str, tag: Option<&str>) -> Vec<Value> {
    let q = Query {
        court: docket_domain::CourtCode::parse(court).unwrap(),
        rollup,
        period: ReportPeriod::parse(period).unwrap().period,
        by: vec![],
        tag: tag.map(|t| docket_domain::Tag::parse(t).unwrap()),
        causes: vec![],
        indicators: vec![],
    };
    engine.compute(&q).unwrap().remove(0).values
}

fn by_name<'a>(values: &'a [Value], name: &str) -> &'a Value {
    values.iter().find(|v| v.indicator.name == name).unwrap_or_else(|| panic!("no indicator named {name}"))
}

fn figure(v: &[Value], id: &str) -> i64 {
    v.iter().find(|x| x.indicator.id == id).unwrap().value.unwrap().round() as i64
}

/// The number printed right after `label` (e.g. `共受理各类案件 1234 件` → 1234).
fn number_after(text: &str, label: &str) -> i64 {
    let at = text.find(label).unwrap_or_else(|| panic!("{label:?} not in the report")) + label.len();
    text[at..].trim_start().chars().take_while(char::is_ascii_digit).collect::<String>().parse().unwrap()
}

fn table_rows<'a>(doc: &'a Document, caption_prefix: &str) -> &'a [Vec<String>] {
    &doc.tables().find(|t| t.caption.starts_with(caption_prefix)).unwrap().rows
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_annual_draft_reads_as_its_snapshot_and_every_figure_is_the_engines() {
    let d = Docket::new(docket_store::test_support::sqlite().await);
    import(&d, &demo_jsonl(5, 600, 2)).await.unwrap();
    let engine = d.metrics_engine(Settings::default()).await.unwrap();
    let names = d.name_book().await.unwrap();
    let doc = Docket::<docket_store::SqliteStore>::report_with(
        &engine,
        &names,
        ReportKind::Annual,
        "内0203",
        "2025",
        false,
        &[],
    )
    .unwrap();
    let text = doc.to_text();
    snapshot("annual_内0203_2025.txt", &text);

    let v = values(&engine, "内0203", false, "2025", None);
    assert_eq!(number_after(&text, "共受理各类案件"), figure(&v, "accepted"));
    assert_eq!(number_after(&text, "审执结"), figure(&v, "closed"));
    assert_eq!(number_after(&text, "期末未结"), figure(&v, "pending"));
    assert_eq!(number_after(&text, "期末超 12 个月未结案件"), figure(&v, "long_pending_12m"));
    let closure = by_name(&v, "结案率");
    assert!(text.contains(&format!(
        "结案率 {}，同比{}",
        numbers::value(closure),
        numbers::change(closure, closure.yoy).unwrap()
    )));
    let labor = values(&engine, "内0203", false, "2025", Some("labor"));
    if figure(&labor, "accepted") > 0 {
        assert_eq!(number_after(&text, "受理劳动争议案件"), figure(&labor, "accepted"));
    }
    // The appendix: every row is the engine's value and 同比.
    let rows = table_rows(&doc, "附表");
    assert!(rows.len() > 20, "{}", rows.len());
    for r in rows {
        let e = by_name(&v, &r[0]);
        assert_eq!(r[1], numbers::value(e), "{}", r[0]);
        assert_eq!(r[2], numbers::change(e, e.yoy).unwrap_or_else(|| "—".into()), "{}", r[0]);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_monthly_analysis_reads_as_its_snapshot_and_its_commentary_follows_the_engine() {
    let d = Docket::new(docket_store::test_support::sqlite().await);
    import(&d, &demo_jsonl(5, 600, 2)).await.unwrap();
    let engine = d.metrics_engine(Settings::default()).await.unwrap();
    let names = d.name_book().await.unwrap();
    let doc = Docket::<docket_store::SqliteStore>::report_with(
        &engine,
        &names,
        ReportKind::Monthly,
        "内0203",
        "2025-10",
        false,
        &[],
    )
    .unwrap();
    let text = doc.to_text();
    snapshot("monthly_内0203_2025-10.txt", &text);

    let v = values(&engine, "内0203", false, "2025-10", None);
    assert_eq!(number_after(&text, "新收案件"), figure(&v, "filed"));
    // The appendix carries value, 同比 and 环比 of every indicator with a value.
    for r in table_rows(&doc, "附表") {
        let e = by_name(&v, &r[0]);
        assert_eq!(r[1], numbers::value(e), "{}", r[0]);
        assert_eq!(r[2], numbers::change(e, e.yoy).unwrap_or_else(|| "—".into()), "{}", r[0]);
        assert_eq!(r[3], numbers::change(e, e.mom).unwrap_or_else(|| "—".into()), "{}", r[0]);
    }
    // Every indicator named as out of its range is out of it, and every one out of it is named.
    let outside: Vec<&Value> = v.iter().filter(|x| x.within_range == Some(false)).collect();
    for x in &outside {
        assert!(
            text.contains(&format!("{} {}（合理区间", x.indicator.name, numbers::value(x))),
            "{}",
            x.indicator.name
        );
    }
    if outside.is_empty() {
        assert!(text.contains("均在区间内"));
    }
    // The departments' table: each row is the engine's by-department figure.
    let per_dept = engine
        .compute(&Query {
            court: docket_domain::CourtCode::parse("内0203").unwrap(),
            rollup: false,
            period: ReportPeriod::parse("2025-10").unwrap().period,
            by: vec![Dimension::Department],
            tag: None,
            causes: vec![],
            indicators: vec![],
        })
        .unwrap();
    let rows = table_rows(&doc, "表1");
    let total: i64 = rows.iter().map(|r| r[1].parse::<i64>().unwrap()).sum();
    assert_eq!(total, per_dept.iter().map(|g| figure(&g.values, "accepted")).sum::<i64>());
    assert_eq!(total, figure(&v, "accepted"), "the departments add up to the court");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_topic_report_reads_as_its_snapshot_and_counts_organisations_by_case() {
    use docket_store::Store as _;
    let d = Docket::new(docket_store::test_support::sqlite().await);
    import(&d, &demo_jsonl(5, 600, 2)).await.unwrap();
    let engine = d.metrics_engine(Settings::default()).await.unwrap();
    let names = d.name_book().await.unwrap();
    type D = Docket<docket_store::SqliteStore>;
    let topic = D::topic_of(&engine, Some("enterprise"), None).unwrap();
    let cases = D::topic_cases(&engine, "内0203", "2025", false, &topic).unwrap();
    let parties = d.organisations_in(&cases, None).await.unwrap();
    let doc = D::topic_with(&engine, &names, "内0203", "2025", false, &topic, &parties).unwrap();
    let text = doc.to_text();
    snapshot("topic_内0203_2025_enterprise.txt", &text);

    let v = values(&engine, "内0203", false, "2025", Some("enterprise"));
    assert_eq!(number_after(&text, "受理涉企案件"), figure(&v, "accepted"));
    assert_eq!(cases.len() as i64, figure(&v, "accepted"), "the cases behind the report are the engine's");
    // Each organisation's count, recounted case by case.
    for (name, n) in parties.iter().take(10) {
        let mut in_cases = 0;
        for c in &cases {
            if d.store()
                .case_parties(c)
                .await
                .unwrap()
                .iter()
                .any(|p| p.kind == docket_domain::PartyKind::Organization && &p.name == name)
            {
                in_cases += 1;
            }
        }
        assert_eq!(in_cases, *n, "{name}");
    }
    // The monthly table adds up to the period's new cases, and the chart draws the same figures.
    let filed: i64 = table_rows(&doc, "表1").iter().map(|r| r[1].parse::<i64>().unwrap()).sum();
    assert_eq!(filed, figure(&v, "filed"));
    let html = doc.to_html();
    assert!(html.contains("<figure><svg"), "the chart is inline SVG");
    for r in table_rows(&doc, "表1") {
        let month = r[0].split('年').nth(1).unwrap();
        assert!(html.contains(&format!("<title>{month} 新收：{}</title>", r[1])), "{month} 新收");
        assert!(html.contains(&format!("<title>{month} 审执结：{}</title>", r[2])), "{month} 审执结");
        assert!(html.contains(&format!("<title>{month} 未结：{}</title>", r[3])), "{month} 未结");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_topic_report_of_causes_counts_the_cases_the_engine_groups_under_those_causes() {
    let d = Docket::new(docket_store::test_support::sqlite().await);
    import(&d, &demo_jsonl(5, 600, 2)).await.unwrap();
    let doc = d
        .topic_report("内02", "2025", true, None, Some("劳动争议，追索劳动报酬纠纷"), Settings::default())
        .await
        .unwrap();
    assert!(doc.title.contains("劳动争议、追索劳动报酬纠纷案件专题分析报告"), "{}", doc.title);
    let text = doc.to_text();
    // The same figure by the other road: the engine grouped by cause, the two groups added.
    let engine = d.metrics_engine(Settings::default()).await.unwrap();
    let period = ReportPeriod::parse("2025").unwrap();
    let groups = engine
        .compute(&Query {
            court: docket_domain::CourtCode::parse("内02").unwrap(),
            rollup: true,
            period: period.period,
            by: vec![Dimension::Cause],
            tag: None,
            causes: vec![],
            indicators: vec!["accepted".into(), "closed".into()],
        })
        .unwrap();
    let sum = |id: &str| -> i64 {
        groups
            .iter()
            .filter(|g| g.key.iter().any(|(_, v)| v == "劳动争议" || v == "追索劳动报酬纠纷"))
            .map(|g| figure(&g.values, id))
            .sum()
    };
    assert!(sum("accepted") > 0);
    assert_eq!(number_after(&text, "受理劳动争议、追索劳动报酬纠纷案件"), sum("accepted"));
    assert_eq!(number_after(&text, "审执结"), sum("closed"));

    // A misspelt cause is refused by name, and so is asking for a tag and a cause at once.
    let err =
        d.topic_report("内02", "2025", true, None, Some("劳动争议,劳动争吵"), Settings::default()).await.unwrap_err();
    assert!(err.to_string().contains("劳动争吵") && !err.to_string().contains("“劳动争议"), "{err}");
    let err =
        d.topic_report("内02", "2025", true, Some("labor"), Some("劳动争议"), Settings::default()).await.unwrap_err();
    assert!(err.to_string().contains("之一"), "{err}");
}

/// The XLSX of a report reads back (with calamine) as its tables: integers and percentages as
/// numbers equal to the printed figures, the rest as the same text; the DOCX is a zip with the
/// report's text in its body.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn office_files_read_back_with_the_same_figures() {
    use calamine::{Data, Reader, Xlsx};
    let d = Docket::new(docket_store::test_support::sqlite().await);
    import(&d, &demo_jsonl(5, 600, 2)).await.unwrap();
    let doc = d.report(ReportKind::Weekly, "内02", "2025-W40", true, Settings::default()).await.unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(doc.to_xlsx().unwrap())).unwrap();
    let mut cells = 0;
    for table in doc.tables() {
        let name = table.caption.split('：').next().unwrap();
        let range = book.worksheet_range(name).unwrap();
        let rows: Vec<&[Data]> = range.rows().collect();
        assert_eq!(rows.len(), table.rows.len() + 1, "{name}");
        for (want, got) in table.rows.iter().zip(&rows[1..]) {
            for (w, g) in want.iter().zip(got.iter()) {
                match g {
                    Data::Float(f) if w.ends_with('%') => assert_eq!(format!("{:.2}%", f * 100.0), *w, "{name}"),
                    Data::Float(f) => assert_eq!(format!("{f:.0}"), *w, "{name}"),
                    Data::Int(i) => assert_eq!(i.to_string(), *w, "{name}"),
                    Data::String(s) => assert_eq!(s, w, "{name}"),
                    other => panic!("{name}: unexpected cell {other:?} for {w}"),
                }
                cells += 1;
            }
        }
    }
    assert!(cells > 50, "{cells}");
    let docx = doc.to_docx().unwrap();
    assert!(docx.starts_with(b"PK\x03\x04"));
    let text = String::from_utf8_lossy(&docx);
    assert!(text.contains("word/document.xml"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_weekly_bulletin_reads_as_its_snapshot_and_its_tables_are_the_engines() {
    let d = Docket::new(docket_store::test_support::sqlite().await);
    import(&d, &demo_jsonl(5, 600, 2)).await.unwrap();
    let engine = d.metrics_engine(Settings::default()).await.unwrap();
    let names = d.name_book().await.unwrap();
    let windows = d.extension_windows(&names, "内02", "2025-W40", true, |_| true).await.unwrap();
    let doc = Docket::<docket_store::SqliteStore>::report_with(
        &engine,
        &names,
        ReportKind::Weekly,
        "内02",
        "2025-W40",
        true,
        &windows,
    )
    .unwrap();
    let text = doc.to_text();
    snapshot("weekly_内02_2025-W40.txt", &text);

    let week = values(&engine, "内02", true, "2025-W40", None);
    let ytd = values(&engine, "内02", true, "2025-01-01..2025-10-05", None);
    assert_eq!(number_after(&text, "本周新收案件"), figure(&week, "filed"));
    assert_eq!(number_after(&text, "年初以来受理"), figure(&ytd, "accepted"));
    for (caption, v) in [("表1", &week), ("表2", &ytd)] {
        for r in table_rows(&doc, caption) {
            let e = by_name(v, &r[0]);
            assert_eq!(r[1], numbers::value(e), "{caption} {}", r[0]);
            assert_eq!(r[3], numbers::change(e, e.yoy).unwrap_or_else(|| "—".into()), "{caption} {}", r[0]);
        }
    }
    // The extension windows: each listed case is open on 2025-10-05, its 审限 ends within 15 days
    // of it and it has no pending request; the table lists exactly them.
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 10, 5).unwrap();
    for w in &windows {
        assert!(w.request_by >= as_of && w.deadline >= w.request_by && (w.deadline - as_of).num_days() <= 15, "{w:?}");
    }
    if windows.is_empty() {
        assert!(text.contains("无进入延长审限申请期的案件"));
    } else {
        let listed: Vec<&str> = table_rows(&doc, "表5").iter().map(|r| r[0].as_str()).collect();
        assert_eq!(listed, windows.iter().map(|w| w.case_no.as_str()).collect::<Vec<_>>());
    }
    // A week with open windows: the bulletin lists exactly those cases, each checked against the
    // case's own 审限 as of the week's end.
    let mut found = false;
    for w in 1..=52 {
        let period = format!("2025-W{w:02}");
        let windows = d.extension_windows(&names, "内02", &period, true, |_| true).await.unwrap();
        if windows.is_empty() {
            continue;
        }
        let end = ReportPeriod::parse(&period).unwrap().period.to;
        for x in &windows {
            let view = d.case_view(&x.case_no, end).await.unwrap();
            assert_eq!(view.deadline.deadline_on, Some(x.deadline), "{}", x.case_no);
            assert!((x.deadline - end).num_days() <= 15 && x.request_by >= end, "{x:?}");
        }
        let doc = Docket::<docket_store::SqliteStore>::report_with(
            &engine,
            &names,
            ReportKind::Weekly,
            "内02",
            &period,
            true,
            &windows,
        )
        .unwrap();
        let listed: Vec<&str> = table_rows(&doc, "表5").iter().map(|r| r[0].as_str()).collect();
        assert_eq!(listed, windows.iter().map(|w| w.case_no.as_str()).collect::<Vec<_>>());
        found = true;
        break;
    }
    assert!(found, "some week of 2025 has a case in its extension window");
    // The lower courts side by side: one row per court in the rollup, each its own figures.
    let per_court = engine
        .compute(&Query {
            court: docket_domain::CourtCode::parse("内02").unwrap(),
            rollup: true,
            period: ReportPeriod::parse("2025-01-01..2025-10-05").unwrap().period,
            by: vec![Dimension::Court],
            tag: None,
            causes: vec![],
            indicators: vec![],
        })
        .unwrap();
    let rows = table_rows(&doc, "表3");
    assert_eq!(rows.len(), per_court.len());
    for g in &per_court {
        let code = &g.key.iter().find(|(k, _)| *k == "court").unwrap().1;
        let row = rows.iter().find(|r| r[0] == names.court(code)).unwrap();
        assert_eq!(row[1], figure(&g.values, "accepted").to_string());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_weekly_bulletin_ranks_the_lower_courts_only_when_ranking_is_turned_on() {
    let d = Docket::new(docket_store::test_support::sqlite().await);
    import(&d, &demo_jsonl(5, 600, 2)).await.unwrap();
    let names = d.name_book().await.unwrap();
    let table3 = |doc: &Document| {
        let t = doc.tables().find(|t| t.caption.starts_with("表3")).unwrap();
        (t.caption.clone(), t.rows.iter().map(|r| (r[0].clone(), r[3].clone(), r[4].clone())).collect::<Vec<_>>())
    };
    let draft = |settings: Settings| {
        let d = &d;
        let names = &names;
        async move {
            let engine = d.metrics_engine(settings).await.unwrap();
            Docket::<docket_store::SqliteStore>::report_with(
                &engine,
                names,
                ReportKind::Weekly,
                "内02",
                "2025-W40",
                true,
                &[],
            )
            .unwrap()
        }
    };
    // Off (the default): the courts in the order of their codes, each rate against its range.
    let (caption, rows) = table3(&draft(Settings::default()).await);
    assert!(!caption.contains("排序"), "{caption}");
    let mut codes: Vec<String> =
        docket_store::Store::courts(d.store()).await.unwrap().iter().map(|c| c.code.to_string()).collect();
    codes.sort();
    let in_code_order: Vec<String> =
        codes.iter().map(|c| names.court(c)).filter(|n| rows.iter().any(|r| &r.0 == n)).collect();
    assert_eq!(rows.iter().map(|r| r.0.clone()).collect::<Vec<_>>(), in_code_order);
    assert!(rows.iter().all(|r| r.2 == "区间内" || r.2.starts_with("偏离") || r.2 == "—"), "{rows:?}");
    let rate = |s: &str| s.trim_end_matches('%').parse::<f64>().unwrap_or(-1.0);
    let sorted = |rows: &[(String, String, String)]| rows.windows(2).all(|w| rate(&w[0].1) >= rate(&w[1].1));
    assert!(!sorted(&rows), "the demo's courts are not already in rate order, so the test can tell");
    // On: ranked by 结案率, highest first.
    let on = Settings { ranking: true, ..Settings::default() };
    let (caption, rows) = table3(&draft(on).await);
    assert!(caption.contains("排序"), "{caption}");
    assert!(sorted(&rows), "{rows:?}");
}

/// Whether the PDF readers and fonts are here; CI sets `DOCKET_REQUIRE_FONTS` so they must be.
fn typesetting_available() -> bool {
    let ok = docket_app::report_fonts().is_ok() && std::process::Command::new("pdftotext").arg("-v").output().is_ok();
    if !ok {
        assert!(
            std::env::var_os("DOCKET_REQUIRE_FONTS").is_none(),
            "CJK fonts and poppler-utils are required (DOCKET_REQUIRE_FONTS)"
        );
        eprintln!("skipped: no CJK fonts or no pdftotext");
    }
    ok
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pdf_docket_writes_reads_back_with_every_paragraph_and_figure_of_the_report() {
    use docket_app::{ReportFormat, render_report};
    if !typesetting_available() {
        return;
    }
    let d = Docket::new(docket_store::test_support::sqlite().await);
    import(&d, &demo_jsonl(5, 600, 2)).await.unwrap();
    let doc = d.report(ReportKind::Annual, "内0203", "2025", false, Settings::default()).await.unwrap();
    let pdf = render_report(&doc, ReportFormat::Pdf).unwrap();
    let file = std::env::temp_dir().join(format!("docket-report-{}.pdf", std::process::id()));
    std::fs::write(&file, &pdf).unwrap();
    let out = std::process::Command::new("pdftotext").arg(&file).arg("-").output().unwrap();
    std::fs::remove_file(&file).ok();
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    // Page numbers (`— 1 —`) sit between the pages' text; they are left out of the reading.
    let text: String = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| {
            let inner = l.trim().trim_start_matches('—').trim_end_matches('—').trim();
            !(l.trim().starts_with('—') && !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit()))
        })
        .map(squeeze)
        .collect();
    assert!(text.starts_with(&squeeze(&doc.title)), "{text}");
    let mut checked = 0;
    for block in &doc.blocks {
        match block {
            docket_reports::Block::Paragraph(p) => {
                assert!(text.contains(&squeeze(p)), "the PDF lacks the paragraph {p}");
                checked += 1;
            }
            docket_reports::Block::Table(t) => {
                for cell in t.rows.iter().flatten() {
                    assert!(text.contains(&squeeze(cell)), "the PDF lacks the cell {cell}");
                    checked += 1;
                }
            }
            _ => {}
        }
    }
    assert!(checked > 50, "{checked}");
    // The same document as DOCX carries its chart as a PNG.
    let docx = render_report(&doc, ReportFormat::Docx).unwrap();
    let charts = doc.blocks.iter().filter(|b| matches!(b, docket_reports::Block::Chart { .. })).count();
    assert!(charts > 0);
    let members = String::from_utf8_lossy(&docx);
    assert!(members.contains("word/media/") && members.contains(".png"), "no image in the DOCX");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_review_bulletin_reads_back_from_its_pdf_with_every_flawed_case_and_finding() {
    use docket_app::{ReportFormat, render_report};
    if !typesetting_available() {
        return;
    }
    let d = Docket::new(docket_store::test_support::sqlite().await);
    import(&d, &demo_jsonl(5, 2000, 1)).await.unwrap();
    let register = d.register().await.unwrap();
    let batch = register
        .reviews
        .batches
        .values()
        .find(|b| b.reviews.iter().any(|r| !r.grade.passes()))
        .expect("the demo's batches have flawed cases");
    let doc = docket_reports::review_bulletin("包头市昆都仑区人民法院", batch, &|_| "某法官".to_owned());
    let pdf = render_report(&doc, ReportFormat::Pdf).unwrap();
    let file = std::env::temp_dir().join(format!("docket-bulletin-{}.pdf", std::process::id()));
    std::fs::write(&file, &pdf).unwrap();
    let out = std::process::Command::new("pdftotext").arg(&file).arg("-").output().unwrap();
    std::fs::remove_file(&file).ok();
    let text: String = String::from_utf8(out.stdout).unwrap().chars().filter(|c| !c.is_whitespace()).collect();
    let passed = batch.reviews.iter().filter(|r| r.grade.passes()).count();
    let rate = format!("评查合格率{:.2}%", passed as f64 * 100.0 / batch.reviews.len() as f64);
    assert!(text.contains(&rate), "{rate} not in {text}");
    for r in batch.reviews.iter().filter(|r| !r.grade.passes()) {
        let no: String = r.case_no.to_string().chars().filter(|c| !c.is_whitespace()).collect();
        assert!(text.contains(&no), "the PDF lacks the flawed case {no}");
        for f in &r.findings {
            assert!(text.contains(f.as_str()), "the PDF lacks the finding {f}");
        }
    }
}
