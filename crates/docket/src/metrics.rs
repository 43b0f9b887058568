//! `docket metrics`: the indicator engine from the command line, as table, JSON or CSV.

use std::fmt::Write as _;

use anyhow::{Result, bail};
use docket_app::Docket;
use docket_app::metrics_output::{change, display, to_csv, to_json};
use docket_domain::CourtCode;
use docket_metrics::{GroupResult, Kind, Query, Settings};
use docket_store::Store;
use serde_json::json;

use crate::cli::{MetricsArgs, MetricsCommand, MetricsQuery};

fn query(q: &MetricsQuery, by: &[String], indicators: &[String]) -> Result<Query> {
    let Some(court) = &q.court else { bail!("请用 --court 指定法院代字") };
    let court = CourtCode::parse(court).map_err(|e| anyhow::anyhow!("--court：{e}"))?;
    if q.from.is_none() || q.to.is_none() {
        bail!("请用 --from 和 --to 指定统计期间");
    }
    let (by, indicators) = (by.join(","), indicators.join(","));
    let text = docket_app::QueryText {
        rollup: q.rollup,
        from: q.from,
        to: q.to,
        by: &by,
        tag: q.tag.as_deref(),
        cause: q.cause.as_deref(),
        indicators: &indicators,
    };
    docket_app::parse_query(court, &text).map_err(|e| match e {
        docket_app::AppError::Fields(f) => {
            let lines: Vec<String> = f.iter().map(|p| format!("--{}：{}", p.field, p.message)).collect();
            anyhow::anyhow!(lines.join("；"))
        }
        other => other.into(),
    })
}

pub async fn run<S: Store>(docket: &Docket<S>, args: MetricsArgs) -> Result<()> {
    let settings = match &args.settings {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("无法读取 {}：{e}", path.display()))?;
            Settings::parse(&text).map_err(|e| anyhow::anyhow!("{}：{e}", path.display()))?
        }
        None => docket.indicator_settings().await?,
    };
    if let Some(MetricsCommand::Settings) = args.command {
        print!("{}", settings.to_text());
        return Ok(());
    }
    let engine = docket.metrics_engine(settings).await?;
    match args.command {
        Some(MetricsCommand::Settings) => {}
        Some(MetricsCommand::Explain { id, query: q, format }) => {
            let q = query(&q, &[], &[])?;
            let e = engine.explain(&q, &id)?;
            let names = |rows: &[usize]| -> Vec<String> {
                rows.iter().map(|r| engine.table().case_no(*r).to_string()).collect()
            };
            let (num, den) = (names(&e.numerator), names(&e.denominator));
            if format == "json" {
                let out = json!({
                    "indicator": id, "court": q.court.as_str(), "from": q.period.from.to_string(),
                    "to": q.period.to.to_string(), "numerator": num, "denominator": den,
                });
                println!("{}", serde_json::to_string_pretty(&out)?);
            } else {
                println!("{id}：分子 {} 件", num.len());
                for n in &num {
                    println!("  {n}");
                }
                if !den.is_empty() {
                    println!("分母 {} 件", den.len());
                    for n in &den {
                        println!("  {n}");
                    }
                }
            }
        }
        None => {
            let q = query(&args.query, &args.by, &args.indicators)?;
            let results = engine.compute(&q)?;
            let out = match args.format.as_str() {
                "json" => serde_json::to_string_pretty(&to_json(&q, &results))?,
                "csv" => to_csv(&results),
                _ => to_table(&q, &results),
            };
            print!("{out}");
            if !out.ends_with('\n') {
                println!();
            }
        }
    }
    Ok(())
}

fn to_table(q: &Query, results: &[GroupResult]) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}{}  {} 至 {}{}",
        q.court,
        if q.rollup { "（含下级法院）" } else { "" },
        q.period.from,
        q.period.to,
        q.tag.as_ref().map(|t| format!("  标签：{}", t.label())).unwrap_or_default()
            + &if q.causes.is_empty() { String::new() } else { format!("  案由：{}", q.causes.join("、")) }
    );
    for r in results {
        if !r.key.is_empty() {
            let key: Vec<String> = r.key.iter().map(|(_, v)| v.clone()).collect();
            let _ = writeln!(s, "\n【{}】", key.join(" · "));
        }
        for v in &r.values {
            let frac = match (v.indicator.kind, v.numerator, v.denominator) {
                (Kind::Rate, Some(n), Some(d)) if v.indicator.id == "recovery_rate" => {
                    format!("{:.2}/{:.2} 万元", n as f64 / 1e6, d as f64 / 1e6)
                }
                (Kind::Rate, Some(n), Some(d)) => format!("{n}/{d}"),
                _ => String::new(),
            };
            let _ = writeln!(
                s,
                "  {:<16}\t{:>14}\t{:>14}\t同比 {:>16}\t环比 {:>16}",
                v.indicator.name,
                format!("{}{}", display(v), if v.within_range == Some(false) { " ⚠区间外" } else { "" }),
                frac,
                change(v, v.yoy),
                change(v, v.mom)
            );
        }
    }
    s
}
