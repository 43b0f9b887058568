//! Indicator benchmark: a generated province (about 2,000,000 cases over three years), every
//! indicator for every court by month with 同比 and 环比, timed; and the case facts written as CSV
//! for `bench/metrics_duckdb.py` to compute the same figures with DuckDB.
//!
//! `cargo run --release -p docket --example metrics_bench -- [CASES] [CSV_DIR]`

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
    eprintln!(
        "fact table: {} rows, {} bytes a row in the case columns and {:.1} in the amounts, built in {:.1} s",
        engine.table.len(),
        engine.table.row_bytes(),
        engine.table.amount_bytes_per_row(),
        t.elapsed().as_secs_f64()
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
    let mut times = Vec::new();
    let mut groups = 0;
    let repeat: usize = std::env::var("DOCKET_BENCH_REPEAT").ok().and_then(|r| r.parse().ok()).unwrap_or(21);
    for _ in 0..repeat {
        let t = Instant::now();
        let r = engine.compute(&q)?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        groups = r.len();
        std::hint::black_box(r);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "docket: {} court-months x {} indicators with yoy and mom: median {:.1} ms (min {:.1}, max {:.1})",
        groups,
        docket_metrics::CATALOGUE.len(),
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
    // Figures for the cross-check with DuckDB: 内0203 by month.
    let check =
        Query { court: CourtCode::parse("内0203")?, rollup: false, by: vec![Dimension::Time(Grain::Month)], ..q };
    let r = engine.compute(&check)?;
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
            } = e.kind
            {
                writeln!(service, "{},{},{}", r.court, e.on, delivered)?;
            }
        }
    }
    Ok(())
}
