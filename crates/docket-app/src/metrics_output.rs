//! Indicator values as people and programs read them: the JSON shape of `docket metrics` and
//! `/api/v1/metrics`, CSV, and the Chinese display of a value and its change. One place, so the
//! CLI, the web pages and the reports print the same figure the same way.

use std::fmt::Write as _;

use docket_metrics::{GroupResult, Kind, Query, Value};
use serde_json::{Map, Value as Json, json};

/// JSON value of an indicator: rates as fractions, amounts in yuan, counts with `value` only.
pub fn value_json(v: &Value) -> Json {
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

/// The indicators as CSV, one line per group and indicator; every cell through the reports' CSV
/// writer (quoted where needed, formulas neutralised), so a 案由 or a group name with a comma
/// cannot shift the columns.
pub fn to_csv(results: &[GroupResult]) -> String {
    use docket_reports::document::csv_field;
    let mut s = String::from("group,indicator,name,value,numerator,denominator,yoy,mom\n");
    let opt = |x: Option<f64>| x.map(|v| format!("{v}")).unwrap_or_default();
    let opti = |x: Option<i64>| x.map(|v| v.to_string()).unwrap_or_default();
    for r in results {
        let key: Vec<String> = r.key.iter().map(|(k, v)| format!("{k}={v}")).collect();
        for v in &r.values {
            let cells = [
                key.join(";"),
                v.indicator.id.to_owned(),
                v.indicator.name.to_owned(),
                opt(v.value),
                opti(v.numerator),
                opti(v.denominator),
                opt(v.yoy),
                opt(v.mom),
            ];
            let _ = writeln!(s, "{}", cells.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(","));
        }
    }
    s
}

/// A value as a court reads it: 97.58%, 1234, 123.45 万元 (from 1 亿, 1.23 亿元), 67.8 天, 1:1.23 —
/// the reports' formatter (`docket_reports::numbers::value`), so a page and a report never show
/// the same figure two ways.
pub fn display(v: &Value) -> String {
    docket_reports::numbers::value(v)
}

/// A change: percentage points for rates, percent otherwise.
pub fn change(v: &Value, c: Option<f64>) -> String {
    let Some(c) = c else { return "—".into() };
    match v.indicator.kind {
        Kind::Rate => format!("{:+.2} 个百分点", c * 100.0),
        _ => format!("{:+.2}%", c * 100.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(fen: f64) -> Value {
        Value {
            indicator: docket_metrics::lookup(docket_metrics::ids::RECOVERED_AMOUNT.as_str()).unwrap(),
            value: Some(fen),
            numerator: None,
            denominator: None,
            yoy: None,
            mom: None,
            range: None,
            within_range: None,
        }
    }

    #[test]
    fn a_group_name_with_a_comma_or_a_formula_stays_in_its_column() {
        let mut v = amount(100.0);
        v.value = Some(-3.0);
        let results = vec![GroupResult {
            key: vec![("cause", "合同纠纷,买卖".into()), ("judge", "=cmd()".into())],
            period: docket_metrics::Period::new("2025-01-01".parse().unwrap(), "2025-12-31".parse().unwrap()),
            values: vec![v],
        }];
        let csv = to_csv(&results);
        let line = csv.lines().nth(1).unwrap();
        assert_eq!(line, "\"cause=合同纠纷,买卖;judge==cmd()\",recovered_amount,执行到位金额,-3,,,,");
    }

    #[test]
    fn pages_show_an_amount_as_the_reports_do_in_wan_or_yi() {
        // 1.5 亿元 = 15,000 万元: the pages once said 15000.00 万元 where the reports said 1.50 亿元.
        assert_eq!(display(&amount(1_500_000_000.0 * 10.0)), "1.50 亿元");
        assert_eq!(display(&amount(123_456_789.0)), "123.46 万元");
        assert_eq!(display(&amount(1_500_000_000.0 * 10.0)), docket_reports::numbers::value(&amount(1.5e10)));
    }
}
