//! Indicator benchmark: a generated province (about 2,000,000 cases over three years), every
//! indicator for every court by month with 同比 and 环比, timed; and the case facts written as CSV
//! for `bench/metrics_duckdb.py` to compute the same figures with DuckDB.
//!
//! `cargo run --release -p docket --example metrics_bench -- [CASES] [CSV_DIR]`
#![allow(clippy::print_stdout)] // A benchmark reports on stdout.

use std::io::Write;
use std::time::Instant;

use docket_domain::calendar::HolidayCalendar;
use docket_domain::{CaseState, CourtCode, Event};
use docket_interchange::Record;
use docket_metrics::{Dimension, Grain, Period, Query, Settings};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let cases: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(2_000_000);
    let csv_dir = args.get(2).cloned();
    let t = Instant::now();
    let records = docket_demo::generate(&docket_demo::Config { cases, basic_courts: 38, ..Default::default() });
    let mut states: Vec<CaseState> = Vec::new();
    let mut index = std::collections::HashMap::new();
    let mut judges = Vec::new();
    for r in records {
        match r {
            Record::Case(c) => {
                index.insert(c.case_no.clone(), states.len());
                states.push(CaseState::filed(c));
            }
            Record::Event(e) => {
                if let Some(i) = index.get(&e.case_no) {
                    states[*i].apply(Event { on: e.event.on, kind: e.event.kind }).map_err(|e| e.to_string())?;
                }
            }
            Record::Judge(j) => judges.push(j),
            _ => {}
        }
    }
    drop(index);
    eprintln!("generated {} cases in {:.1} s", states.len(), t.elapsed().as_secs_f64());
    let calendar = HolidayCalendar::shipped();
    let t = Instant::now();
    let engine = docket_app::engine_from_states(&states, &judges, &calendar, true, Settings::default());
    let built = t.elapsed().as_secs_f64();
    // The month cube again on its own, to time it.
    let t = Instant::now();
    let engine = engine.without_cube().with_cube();
    let cube_ms = t.elapsed().as_secs_f64() * 1000.0;
    let rows = engine.table().len();
    println!(
        "fact table: {rows} rows, {} bytes a row in the case columns and {:.1} in the amounts; month cube {:.1} bytes a case ({:.1} MB), built in {cube_ms:.0} ms; engine built in {built:.1} s",
        engine.table().row_bytes(),
        engine.table().amount_bytes_per_row(),
        engine.cube_bytes() as f64 / rows.max(1) as f64,
        engine.cube_bytes() as f64 / 1e6,
    );
    let from = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).ok_or("date")?;
    let to = chrono::NaiveDate::from_ymd_opt(2026, 10, 31).ok_or("date")?;
    let q = Query {
        court: CourtCode::parse("内")?,
        rollup: true,
        period: Period::new(from, to),
        by: vec![Dimension::Court, Dimension::Time(Grain::Month)],
        tag: None,
        causes: vec![],
        // DOCKET_BENCH_INDICATORS=id,id times a part of the catalogue (all by default).
        indicators: std::env::var("DOCKET_BENCH_INDICATORS")
            .map(|v| v.split(',').map(str::to_owned).collect())
            .unwrap_or_default(),
    };
    // DOCKET_BENCH_SETS="id,id;id;…" also times each listed part of the catalogue (empty: all),
    // to see what an indicator costs.
    if let Ok(sets) = std::env::var("DOCKET_BENCH_SETS") {
        for set in sets.split(';') {
            let q = Query {
                indicators: set.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect(),
                ..q.clone()
            };
            let mut times = Vec::new();
            for _ in 0..7 {
                let t = Instant::now();
                std::hint::black_box(engine.compute(&q)?);
                times.push(t.elapsed().as_secs_f64() * 1000.0);
            }
            times.sort_by(f64::total_cmp);
            println!("indicators [{set}]: median {:.1} ms (min {:.1})", times[3], times[0]);
        }
    }
    let repeat: usize = std::env::var("DOCKET_BENCH_REPEAT").ok().and_then(|r| r.parse().ok()).unwrap_or(21);
    let time = |engine: &docket_metrics::Engine, label: &str| -> Result<(), Box<dyn std::error::Error>> {
        let mut times = Vec::new();
        let mut groups = 0;
        for _ in 0..repeat {
            let t = Instant::now();
            let r = engine.compute(&q)?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            groups = r.len();
            std::hint::black_box(r);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{label}: {} court-months x {} indicators with yoy and mom: median {:.1} ms (min {:.1}, max {:.1})",
            groups,
            docket_metrics::CATALOGUE.len(),
            times[times.len() / 2],
            times[0],
            times[times.len() - 1]
        );
        Ok(())
    };
    // From the month cube (what a query by court and whole months reads), then by passing over
    // every row (what a query by tag, 案由, judge or department, or over days, does).
    assert!(engine.reads_cube(&q), "the benchmark's query is one the month cube answers");
    time(&engine, "docket")?;
    let from_cube = engine.compute(&q)?;
    // Figures for the cross-check with DuckDB, from the month cube: 内0203 by month.
    let check = Query {
        court: CourtCode::parse("内0203")?,
        rollup: false,
        by: vec![Dimension::Time(Grain::Month)],
        ..q.clone()
    };
    let r = engine.compute(&check)?;
    let engine = engine.without_cube();
    time(&engine, "docket, passing over the rows")?;
    // The two ways give the same figures, 同比 and 环比 included.
    let from_rows = engine.compute(&q)?;
    let same = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(1.0),
        (x, y) => x.is_none() && y.is_none(),
    };
    let (mut figures, mut differ) = (0, 0);
    for (a, b) in from_cube.iter().zip(&from_rows) {
        for (u, v) in a.values.iter().zip(&b.values) {
            figures += 3;
            differ +=
                [(u.value, v.value), (u.yoy, v.yoy), (u.mom, v.mom)].iter().filter(|(x, y)| !same(*x, *y)).count();
        }
    }
    differ += from_cube.len().abs_diff(from_rows.len());
    println!("month cube against the pass over the rows: {figures} figures, {differ} differ");
    let mut out = std::io::BufWriter::new(std::fs::File::create(format!(
        "{}/docket_figures.csv",
        csv_dir.as_deref().unwrap_or("/tmp")
    ))?);
    writeln!(out, "month,indicator,value")?;
    for g in &r {
        for v in &g.values {
            if let Some(x) = v.value {
                writeln!(out, "{},{},{x}", g.key[0].1, v.indicator.id)?;
            }
        }
    }
    if let Some(dir) = csv_dir {
        write_facts(&dir, &states)?;
    }
    Ok(())
}

/// The facts DuckDB needs, one row per case, and the electronic service attempts.
fn write_facts(dir: &str, states: &[CaseState]) -> std::io::Result<()> {
    let mut cases = std::io::BufWriter::new(std::fs::File::create(format!("{dir}/cases.csv"))?);
    let mut service = std::io::BufWriter::new(std::fs::File::create(format!("{dir}/eservice.csv"))?);
    writeln!(
        cases,
        "court,case_no,type_code,filed_on,closed_on,close_method,online,claim_fen,recovered_fen,deducted_days,received_on"
    )?;
    writeln!(service, "court,on_date,delivered")?;
    let d = |x: Option<chrono::NaiveDate>| x.map(|v| v.to_string()).unwrap_or_default();
    for s in states {
        let r = &s.record;
        writeln!(
            cases,
            "{},{},{},{},{},{},{},{},{},{},{}",
            r.court,
            r.case_no,
            r.case_type().code,
            r.filed_on,
            d(s.closed_on),
            s.close_method.map(|m| m.as_str()).unwrap_or(""),
            r.online,
            r.claim_amount.map_or(0, |a| a.fen()),
            s.recovered.fen(),
            s.deducted_days,
            d(r.received_on)
        )?;
        for e in &s.events {
            if let docket_domain::EventKind::ServiceAttempted {
                channel: docket_domain::ServiceChannel::Electronic,
                delivered,
                ..
            } = e.kind
            {
                writeln!(service, "{},{},{}", r.court, e.on, delivered)?;
            }
        }
    }
    Ok(())
}
