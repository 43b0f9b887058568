//! 一周一通报: the week's and the year's figures, the lower courts side by side (ranked only when
//! the settings allow), the judges with overdue or long-pending cases, and the extension windows.

use docket_metrics::{Dimension, Engine, GroupResult, IndicatorId, MetricsError, Value, ids};

use super::*;

const WEEKLY: &[IndicatorId] = &[
    ids::FILED,
    ids::CLOSED,
    ids::PENDING,
    ids::CLOSURE_RATE,
    ids::WITHIN_LIMIT_RATE,
    ids::AVG_DURATION_DAYS,
    ids::MEDIATION_WITHDRAWAL_RATE,
    ids::OVERDUE_PENDING,
    ids::LONG_PENDING_12M,
    ids::RECOVERED_AMOUNT,
];

fn key_table(caption: &str, values: &[Value], vs: &str, pick: fn(&Value) -> Option<f64>) -> Table {
    Table {
        caption: caption.into(),
        header: vec!["指标".into(), "数值".into(), vs.into(), "同比".into()],
        rows: WEEKLY
            .iter()
            .filter_map(|id| find(values, id))
            .map(|v| {
                vec![
                    v.indicator.name.to_string(),
                    numbers::value(v),
                    numbers::change(v, pick(v)).unwrap_or_else(|| "—".into()),
                    numbers::change(v, v.yoy).unwrap_or_else(|| "—".into()),
                ]
            })
            .collect(),
    }
}

/// A case whose civil extension-request window is open on the report's last day (its 审限 ends
/// within 15 days and no extension has been requested: 民诉法解释 §243 asks for the request
/// before the limit expires, the court's rule 15 days before).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowCase {
    pub case_no: String,
    pub judge: String,
    pub deadline: chrono::NaiveDate,
    pub request_by: chrono::NaiveDate,
}

/// The green channels whose progress the bulletin follows.
const GREEN: &[&str] = &["enterprise", "major_project", "migrant_wages", "minor", "finance"];

/// 一周一通报 for a court and, when `scope.rollup`, across its lower courts.
pub fn weekly(
    engine: &Engine,
    scope: &Scope,
    names: &dyn Names,
    windows: &[WindowCase],
) -> Result<Document, MetricsError> {
    let week = compute(engine, scope, scope.period.period, vec![], None)?;
    let wv: &[Value] = week.first().map_or(&[], |g| &g.values);
    let ytd = compute(engine, scope, scope.period.year_to_date(), vec![], None)?;
    let yv: &[Value] = ytd.first().map_or(&[], |g| &g.values);
    let mut blocks = vec![Block::Heading(1, "本周及年初以来主要指标".into())];
    blocks.push(Block::Paragraph(format!(
        "本周新收案件 {} 件，审执结 {} 件；年初以来受理 {} 件，审执结 {} 件，结案率 {}{}；当前未结 {} 件，其中超审限 {} 件、超 12 个月 {} 件。",
        count(wv, ids::FILED),
        count(wv, ids::CLOSED),
        count(yv, ids::ACCEPTED),
        count(yv, ids::CLOSED),
        shown(yv, ids::CLOSURE_RATE),
        compared(yv, ids::CLOSURE_RATE, "，同比", |x| x.yoy),
        count(yv, ids::PENDING),
        count(yv, ids::OVERDUE_PENDING),
        count(yv, ids::LONG_PENDING_12M),
    )));
    blocks.push(Block::Table(key_table("表1：本周指标（与上周、去年同期比）", wv, "较上周", |v| v.mom)));
    blocks.push(Block::Table(key_table("表2：年初以来指标（与去年同期比）", yv, "环比", |v| v.mom)));

    if scope.rollup {
        let by_court = compute(engine, scope, scope.period.year_to_date(), vec![Dimension::Court], None)?;
        blocks.push(Block::Heading(1, "辖区各法院情况（年初以来）".into()));
        fn code_of(g: &GroupResult) -> &str {
            g.key.iter().find(|(d, _)| *d == "court").map_or("", |(_, c)| c.as_str())
        }
        let mut courts: Vec<&GroupResult> = by_court.iter().collect();
        // Ranking courts on indicators is off unless the settings turn it on (the SPC's 2024
        // rule: indicators are read against their reasonable ranges, not ranked); without it the
        // courts stand in the fixed order of their codes.
        let ranking = engine.settings.ranking;
        if ranking {
            let rate = |g: &GroupResult| find(&g.values, ids::CLOSURE_RATE).and_then(|v| v.value).unwrap_or(-1.0);
            courts.sort_by(|a, b| rate(b).total_cmp(&rate(a)).then_with(|| code_of(a).cmp(code_of(b))));
        } else {
            courts.sort_by(|a, b| code_of(a).cmp(code_of(b)));
        }
        let against_range = |v: Option<&Value>| match v.and_then(|v| v.within_range) {
            Some(true) => "区间内".to_owned(),
            Some(false) => format!("偏离（{}）", v.map_or_else(|| "—".into(), range_text)),
            None => "—".to_owned(),
        };
        let rows: Vec<Vec<String>> = courts
            .into_iter()
            .map(|g| {
                vec![
                    names.court(code_of(g)),
                    count(&g.values, ids::ACCEPTED).to_string(),
                    count(&g.values, ids::CLOSED).to_string(),
                    shown(&g.values, ids::CLOSURE_RATE),
                    against_range(find(&g.values, ids::CLOSURE_RATE)),
                    shown(&g.values, ids::WITHIN_LIMIT_RATE),
                    against_range(find(&g.values, ids::WITHIN_LIMIT_RATE)),
                    count(&g.values, ids::OVERDUE_PENDING).to_string(),
                    count(&g.values, ids::LONG_PENDING_12M).to_string(),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table {
            caption: if ranking {
                "表3：辖区法院结案率排序"
            } else {
                "表3：辖区各法院主要指标（对照合理区间）"
            }
            .into(),
            header: [
                "法院",
                "受理",
                "审执结",
                "结案率",
                "结案率合理区间",
                "法定审限内结案率",
                "审限内结案率合理区间",
                "超审限未结",
                "超12个月未结",
            ]
            .map(String::from)
            .to_vec(),
            rows,
        }));
    }

    if let Some(s) = records_sentence(yv) {
        blocks.push(Block::Heading(1, "专项清理、整改、司法建议和涉诉信访（年初以来）".into()));
        blocks.push(Block::Paragraph(s));
    }

    let by_judge = compute(engine, scope, scope.period.year_to_date(), vec![Dimension::Judge], None)?;
    let mut judges: Vec<(String, i64, i64)> = by_judge
        .iter()
        .filter_map(|g| {
            // The judge dimension's value is `court/judge` (judge codes repeat across courts).
            let key = g.key.iter().find(|(d, _)| *d == "judge").map(|(_, j)| j.clone())?;
            let (court, judge) = court_and_code(&key, &scope.court);
            let (o, l) = (count(&g.values, ids::OVERDUE_PENDING), count(&g.values, ids::LONG_PENDING_12M));
            (o + l > 0).then(|| (names.judge(&court, &judge), o, l))
        })
        .collect();
    judges.sort_by(|a, b| (b.1, b.2).cmp(&(a.1, a.2)).then(a.0.cmp(&b.0)));
    blocks.push(Block::Heading(1, "超审限及长期未结案件（按承办法官）".into()));
    if judges.is_empty() {
        blocks.push(Block::Paragraph("本周无超审限或超 12 个月未结案件。".into()));
    } else {
        blocks.push(Block::Paragraph(format!(
            "共有 {} 名法官名下有超审限或超 12 个月未结案件，请督促清结。",
            judges.len()
        )));
        blocks.push(Block::Table(Table {
            caption: "表4：超审限及超12个月未结案件".into(),
            header: ["承办法官", "超审限未结", "超12个月未结"].map(String::from).to_vec(),
            rows: judges.into_iter().map(|(n, o, l)| vec![n, o.to_string(), l.to_string()]).collect(),
        }));
    }
    blocks.push(Block::Heading(1, "延长审限申请窗口".into()));
    if windows.is_empty() {
        blocks.push(Block::Paragraph("本周末无进入延长审限申请期的案件。".into()));
    } else {
        blocks.push(Block::Paragraph(format!(
            "截至{}，有 {} 件案件审限将在 15 日内届满且尚未申请延长，确需延长的应在最迟申请日前提出。",
            numbers::day(scope.period.period.to),
            windows.len()
        )));
        blocks.push(Block::Table(Table {
            caption: "表5：进入延长审限申请期的案件".into(),
            header: ["案号", "承办法官", "审限届满", "最迟申请日"].map(String::from).to_vec(),
            rows: windows
                .iter()
                .map(|w| vec![w.case_no.clone(), w.judge.clone(), w.deadline.to_string(), w.request_by.to_string()])
                .collect(),
        }));
    }

    let mut green = Vec::new();
    for tag in GREEN.iter().filter_map(|t| Tag::parse(t)) {
        let r = compute(engine, scope, scope.period.year_to_date(), vec![], Some(&Topic::Tag(tag.clone())))?;
        let gv: &[Value] = r.first().map_or(&[], |g| &g.values);
        if count(gv, ids::ACCEPTED) == 0 {
            continue;
        }
        green.push(vec![
            tag.label().to_string(),
            count(gv, ids::ACCEPTED).to_string(),
            count(gv, ids::CLOSED).to_string(),
            shown(gv, ids::CLOSURE_RATE),
            count(gv, ids::PENDING).to_string(),
            count(gv, ids::OVERDUE_PENDING).to_string(),
            shown(gv, ids::AVG_DURATION_DAYS),
        ]);
    }
    blocks.push(Block::Heading(1, "绿色通道案件进展（年初以来）".into()));
    if green.is_empty() {
        blocks.push(Block::Paragraph("年初以来无绿色通道案件。".into()));
    } else {
        blocks.push(Block::Table(Table {
            caption: "表6：绿色通道案件进展".into(),
            header: ["类别", "受理", "审执结", "结案率", "未结", "超审限未结", "平均审理天数"]
                .map(String::from)
                .to_vec(),
            rows: green,
        }));
    }

    Ok(Document {
        title: format!("{}审判执行工作通报", scope.court_name), subtitle: scope.period.name.clone(), blocks
    }
    .numbered())
}
