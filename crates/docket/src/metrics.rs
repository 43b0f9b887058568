//! `docket metrics`: the indicator engine from the command line, as table, JSON or CSV.

use std::fmt::Write as _;

use anyhow::{Result, bail};
use docket_app::Docket;
use docket_domain::{CourtCode, Tag};
use docket_metrics::{Dimension, GroupResult, Kind, Period, Query, Settings, Value};
use docket_store::Store;
use serde_json::{Map, Value as Json, json};

use crate::cli::{MetricsArgs, MetricsCommand, MetricsQuery};

fn query(q: &MetricsQuery, by: &[String], indicators: &[String]) -> Result<Query> {
    let Some(court) = &q.court else { bail!("请用 --court 指定法院代字") };
    let court = CourtCode::parse(court).map_err(|e| anyhow::anyhow!("--court：{e}"))?;
    let (Some(from), Some(to)) = (q.from, q.to) else { bail!("请用 --from 和 --to 指定统计期间") };
    if to < from {
        bail!("--to {to} 早于 --from {from}");
    }
    let by = by
        .iter()
        .map(|d| Dimension::parse(d).ok_or_else(|| anyhow::anyhow!("--by：未知的分组 {d}")))
        .collect::<Result<Vec<_>>>()?;
    let tag = match &q.tag {
        Some(t) => Some(Tag::parse(t).ok_or_else(|| anyhow::anyhow!("--tag：标签格式无效 {t}"))?),
        None => None,
    };
    Ok(Query { court, rollup: q.rollup, period: Period::new(from, to), by, tag, indicators: indicators.to_vec() })
}

pub async fn run<S: Store>(docket: &Docket<S>, args: MetricsArgs) -> Result<()> {
    let settings = match &args.settings {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("无法读取 {}：{e}", path.display()))?;
            Settings::parse(&text).map_err(|e| anyhow::anyhow!("{}：{e}", path.display()))?
        }
        None => Settings::default(),
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
            let names =
                |rows: &[usize]| -> Vec<String> { rows.iter().map(|r| engine.table.case_no(*r).to_string()).collect() };
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

/// JSON value of an indicator: rates as fractions, amounts in yuan, counts with `value` only.
fn value_json(v: &Value) -> Json {
    let mut m = Map::new();
    m.insert("id".into(), json!(v.indicator.id));
    m.insert("name".into(), json!(v.indicator.name));
    let value = match v.indicator.kind {
        // Fen to yuan.
        Kind::Amount => v.value.map(|fen| fen.round() / 100.0),
        _ => v.value,
    };
    m.insert("value".into(), json!(value));
    if !matches!(v.indicator.kind, Kind::Count | Kind::Amount) {
        if let Some(n) = v.numerator {
            m.insert("numerator".into(), json!(n));
        }
        if let Some(d) = v.denominator {
            m.insert("denominator".into(), json!(d));
        }
    }
    m.insert("yoy".into(), json!(v.yoy));
    m.insert("mom".into(), json!(v.mom));
    if let Some(r) = v.range {
        m.insert("range".into(), json!([r.low, r.high]));
        m.insert("within_range".into(), json!(v.within_range));
    }
    Json::Object(m)
}

pub fn to_json(q: &Query, results: &[GroupResult]) -> Json {
    let mut out = json!({
        "court": q.court.as_str(),
        "rollup": q.rollup,
        "from": q.period.from.to_string(),
        "to": q.period.to.to_string(),
    });
    if let Some(t) = &q.tag {
        out["tag"] = json!(t.as_str());
    }
    if q.by.is_empty() {
        let values: Vec<Json> = results.first().map(|r| r.values.iter().map(value_json).collect()).unwrap_or_default();
        out["indicators"] = Json::Array(values);
    } else {
        let groups: Vec<Json> = results
            .iter()
            .map(|r| {
                let key: Map<String, Json> = r.key.iter().map(|(k, v)| ((*k).to_owned(), json!(v))).collect();
                json!({ "key": key, "indicators": r.values.iter().map(value_json).collect::<Vec<_>>() })
            })
            .collect();
        out["groups"] = Json::Array(groups);
    }
    out
}

fn to_csv(results: &[GroupResult]) -> String {
    let mut s = String::from("group,indicator,name,value,numerator,denominator,yoy,mom\n");
    let opt = |x: Option<f64>| x.map(|v| format!("{v}")).unwrap_or_default();
    let opti = |x: Option<i64>| x.map(|v| v.to_string()).unwrap_or_default();
    for r in results {
        let key: Vec<String> = r.key.iter().map(|(k, v)| format!("{k}={v}")).collect();
        for v in &r.values {
            let _ = writeln!(
                s,
                "{},{},{},{},{},{},{},{}",
                key.join(";"),
                v.indicator.id,
                v.indicator.name,
                opt(v.value),
                opti(v.numerator),
                opti(v.denominator),
                opt(v.yoy),
                opt(v.mom)
            );
        }
    }
    s
}

/// A value as a court reads it: 97.58%, 1,234 件, 123.45 万元, 67.8 天, 1:1.23.
pub fn display(v: &Value) -> String {
    let Some(x) = v.value else { return "—".into() };
    match (v.indicator.kind, v.indicator.id) {
        (Kind::Count, _) => format!("{x:.0}"),
        (Kind::Rate, _) => format!("{:.2}%", x * 100.0),
        (Kind::Amount, _) => format!("{:.2} 万元", x / 100.0 / 10_000.0),
        (Kind::Days, _) => format!("{x:.1} 天"),
        (Kind::Ratio, "case_matter_ratio") => format!("1:{x:.2}"),
        (Kind::Ratio, _) => format!("{x:.2}"),
    }
}

/// A change: percentage points for rates, percent otherwise.
pub fn change(v: &Value, c: Option<f64>) -> String {
    let Some(c) = c else { return "—".into() };
    match v.indicator.kind {
        Kind::Rate => format!("{:+.2} 个百分点", c * 100.0),
        _ => format!("{:+.2}%", c * 100.0),
    }
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
