//! The reports drafted from the indicator engine: the 年度工作报告数据稿 in the seeds' prose
//! (every number computed, each with its 同比), and the 一周一通报 (the week and the year to date,
//! against last week and last year, with the lower courts side by side and the judges with overdue
//! or long-pending cases), and the 月度质效分析 (what rose, what fell, what left its reasonable range,
//! which departments drive it). Each ends with its indicator table, the figures the prose quotes.

use docket_domain::{CourtCode, Tag};
use docket_metrics::{Dimension, Engine, GroupResult, IndicatorId, MetricsError, Query, Value, ids};

use crate::document::{Block, Document, Table};
use crate::numbers;
use crate::period::ReportPeriod;

/// What a report is about.
#[derive(Debug, Clone)]
pub struct Scope {
    pub court: CourtCode,
    pub court_name: String,
    /// Include the lower courts (辖区).
    pub rollup: bool,
    pub period: ReportPeriod,
}

/// Names of courts and judges, for tables by court or judge.
pub trait Names {
    fn court(&self, code: &str) -> String;
    fn judge(&self, court: &str, code: &str) -> String;
    fn department(&self, court: &str, code: &str) -> String;
}

/// What a 专题分析报告 is about: the cases with a tag, or the cases of one or more 案由.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Topic {
    Tag(Tag),
    Causes(Vec<String>),
}

impl Topic {
    /// The topic as the report names it: the tag's label, or the causes joined by 、.
    pub fn label(&self) -> String {
        match self {
            Topic::Tag(tag) => tag.label().to_string(),
            Topic::Causes(causes) => causes.join("、"),
        }
    }
}

fn compute(
    engine: &Engine,
    scope: &Scope,
    period: docket_metrics::Period,
    by: Vec<Dimension>,
    topic: Option<&Topic>,
) -> Result<Vec<GroupResult>, MetricsError> {
    let (tag, causes) = match topic {
        None => (None, vec![]),
        Some(Topic::Tag(tag)) => (Some(tag.clone()), vec![]),
        Some(Topic::Causes(causes)) => (None, causes.clone()),
    };
    engine.compute(&Query {
        court: scope.court.clone(),
        rollup: scope.rollup,
        period,
        by,
        tag,
        causes,
        indicators: vec![],
    })
}

fn find(values: &[Value], id: impl std::borrow::Borrow<IndicatorId>) -> Option<&Value> {
    let id = id.borrow().as_str();
    values.iter().find(|v| v.indicator.id == id)
}

/// `结案率 97.58%，同比上升 1.23 个百分点`; `None` when the indicator has no value.
fn clause(values: &[Value], id: IndicatorId) -> Option<String> {
    let v = find(values, id)?;
    v.value?;
    let mut s = format!("{} {}", v.indicator.name, numbers::value(v));
    if let Some(c) = numbers::change(v, v.yoy) {
        s.push_str(&format!("，同比{c}"));
    }
    Some(s)
}

/// `，同比上升 1.23 个百分点` (with `lead` = `，同比`): the indicator's change against the
/// comparison `pick` chooses, or nothing when there is none.
fn compared(values: &[Value], id: IndicatorId, lead: &str, pick: fn(&Value) -> Option<f64>) -> String {
    find(values, id).and_then(|x| numbers::change(x, pick(x))).map_or_else(String::new, |c| format!("{lead}{c}"))
}

/// A grouping key of the form `court/code` (judges and departments repeat codes across courts);
/// a bare code belongs to `court`.
fn court_and_code(key: &str, court: &CourtCode) -> (String, String) {
    match key.split_once('/') {
        Some((c, k)) => (c.to_string(), k.to_string()),
        None => (court.to_string(), key.to_string()),
    }
}

/// The clauses of the indicators that have values, joined as one sentence.
fn sentence(values: &[Value], list: &[IndicatorId]) -> Option<String> {
    let parts: Vec<String> = list.iter().filter_map(|id| clause(values, *id)).collect();
    (!parts.is_empty()).then(|| format!("{}。", parts.join("；")))
}

fn count(values: &[Value], id: IndicatorId) -> i64 {
    find(values, id).and_then(|v| v.value).map_or(0, |x| x.round() as i64)
}

fn shown(values: &[Value], id: IndicatorId) -> String {
    find(values, id).map_or_else(|| "—".into(), numbers::value)
}

/// 附表: every indicator with a value, its 同比 and its reasonable range.
fn indicator_table(caption: &str, values: &[Value]) -> Table {
    Table {
        caption: caption.into(),
        header: vec!["指标".into(), "数值".into(), "同比".into(), "合理区间".into()],
        rows: values
            .iter()
            .filter(|v| v.value.is_some())
            .map(|v| {
                vec![
                    v.indicator.name.to_string(),
                    numbers::value(v),
                    numbers::change(v, v.yoy).unwrap_or_else(|| "—".into()),
                    match v.within_range {
                        Some(true) => "区间内".into(),
                        Some(false) => "偏离".into(),
                        None => "—".into(),
                    },
                ]
            })
            .collect(),
    }
}

/// 分月收结案情况 as a chart: new, closed and pending cases by month over `period`.
fn monthly_chart(
    engine: &Engine,
    scope: &Scope,
    period: docket_metrics::Period,
    topic: Option<&Topic>,
    caption: String,
) -> Result<Block, MetricsError> {
    let groups = compute(engine, scope, period, vec![Dimension::Time(docket_metrics::Grain::Month)], topic)?;
    let labels: Vec<String> = groups.iter().map(|g| format!("{}月", chrono::Datelike::month(&g.period.from))).collect();
    let series = |id: IndicatorId| groups.iter().map(|g| count(&g.values, id) as f64).collect::<Vec<_>>();
    let svg = crate::charts::grouped_bars(
        &caption,
        &labels,
        &[("新收", series(ids::FILED)), ("审执结", series(ids::CLOSED)), ("未结", series(ids::PENDING))],
    );
    Ok(Block::Chart { caption, svg })
}

/// The tags whose cases the annual draft reports as green channels (绿色通道), with labor last
/// in its own section.
const CHANNELS: &[&str] = &["enterprise", "major_project", "finance", "migrant_wages", "minor", "livelihood", "ip"];

/// 年度工作报告数据稿.
pub fn annual(engine: &Engine, scope: &Scope) -> Result<Document, MetricsError> {
    let all = compute(engine, scope, scope.period.period, vec![], None)?;
    let v: &[Value] = all.first().map_or(&[], |g| &g.values);
    let mut blocks = Vec::new();
    let p = &scope.period.name;

    blocks.push(Block::Heading(1, "审判执行工作总体情况".into()));
    let mut overall = format!(
        "{p}，{}共受理各类案件 {} 件（其中新收 {} 件，旧存 {} 件），审执结 {} 件，结案率 {}",
        scope.court_name,
        count(v, ids::ACCEPTED),
        count(v, ids::FILED),
        count(v, ids::CARRIED_OVER),
        count(v, ids::CLOSED),
        shown(v, ids::CLOSURE_RATE),
    );
    overall.push_str(&compared(v, ids::CLOSURE_RATE, "，同比", |x| x.yoy));
    overall.push_str(&format!("；期末未结 {} 件。", count(v, ids::PENDING)));
    blocks.push(Block::Paragraph(overall));
    let changes: Vec<String> = [ids::ACCEPTED, ids::CLOSED]
        .iter()
        .filter_map(|id| {
            find(v, id).and_then(|x| numbers::change(x, x.yoy).map(|c| format!("{}同比{c}", x.indicator.name)))
        })
        .collect();
    if !changes.is_empty() {
        blocks.push(Block::Paragraph(format!("{}。", changes.join("，"))));
    }

    blocks.push(monthly_chart(
        engine,
        scope,
        scope.period.period,
        None,
        format!("图1：{}分月收结案情况", scope.period.name),
    )?);

    blocks.push(Block::Heading(1, "审判质效".into()));
    for (heading, ids) in [
        (
            "审判效率",
            &[
                ids::WITHIN_LIMIT_RATE,
                ids::AVG_DURATION_DAYS,
                ids::MEDIAN_DURATION_DAYS,
                ids::EXTENSION_RATE,
                ids::CLOSED_PER_JUDGE,
            ][..],
        ),
        (
            "审判质量",
            &[ids::ACCEPTANCE_RATE, ids::APPEAL_RATE, ids::REVERSAL_REMAND_RATE, ids::SECOND_INSTANCE_REVERSAL_RATE][..],
        ),
        ("审判效果", &[ids::MEDIATION_WITHDRAWAL_RATE, ids::MEDIATION_RATE, ids::CASE_MATTER_RATIO][..]),
    ] {
        if let Some(s) = sentence(v, ids) {
            blocks.push(Block::Heading(2, heading.into()));
            blocks.push(Block::Paragraph(s));
        }
    }

    blocks.push(Block::Heading(1, "执行工作".into()));
    blocks.push(Block::Paragraph(
        sentence(
            v,
            &[
                ids::RECOVERED_AMOUNT,
                ids::COMPLETION_RATE,
                ids::ACTUAL_ENFORCEMENT_RATE,
                ids::RECOVERY_RATE,
                ids::TERMINATION_RATE,
            ],
        )
        .unwrap_or_else(|| "本期无执行案件数据。".into()),
    ));
    // 终本 against its five conditions, the urging of judgments and the compulsory measures.
    if let Some(s) = sentence(
        v,
        &[
            ids::TERMINATION_COMPLIANCE_RATE,
            ids::PRE_ENFORCEMENT_NOTICES,
            ids::PRE_ENFORCEMENT_AMOUNT,
            ids::PERFORMED_CASES,
            ids::DETENTIONS,
            ids::CRIMINAL_REFERRALS,
            ids::BLACKLISTED,
        ],
    ) {
        blocks.push(Block::Paragraph(s));
    }

    if let Some(s) = sentence(v, &[ids::PREMEDIATION_SUCCESS_RATE]) {
        blocks.push(Block::Heading(1, "诉前调解".into()));
        blocks.push(Block::Paragraph(s));
    }

    let mut channel_lines = Vec::new();
    for tag in CHANNELS.iter().filter_map(|t| Tag::parse(t)) {
        let r = compute(engine, scope, scope.period.period, vec![], Some(&Topic::Tag(tag.clone())))?;
        let tv: &[Value] = r.first().map_or(&[], |g| &g.values);
        if count(tv, ids::ACCEPTED) == 0 {
            continue;
        }
        channel_lines.push(format!(
            "{}案件受理 {} 件，审执结 {} 件，结案率 {}，平均审理天数 {}。",
            tag.label(),
            count(tv, ids::ACCEPTED),
            count(tv, ids::CLOSED),
            shown(tv, ids::CLOSURE_RATE),
            shown(tv, ids::AVG_DURATION_DAYS),
        ));
    }
    if !channel_lines.is_empty() {
        blocks.push(Block::Heading(1, "服务保障大局（绿色通道）".into()));
        blocks.extend(channel_lines.into_iter().map(Block::Paragraph));
    }

    if let Some(labor) = Tag::parse("labor") {
        let r = compute(engine, scope, scope.period.period, vec![], Some(&Topic::Tag(labor)))?;
        let lv: &[Value] = r.first().map_or(&[], |g| &g.values);
        if count(lv, ids::ACCEPTED) > 0 {
            blocks.push(Block::Heading(1, "劳动争议案件".into()));
            let mut s = format!("受理劳动争议案件 {} 件", count(lv, ids::ACCEPTED));
            s.push_str(&compared(lv, ids::ACCEPTED, "，同比", |x| x.yoy));
            s.push_str(&format!(
                "；审结 {} 件，调撤率 {}，平均审理天数 {}。",
                count(lv, ids::CLOSED),
                shown(lv, ids::MEDIATION_WITHDRAWAL_RATE),
                shown(lv, ids::AVG_DURATION_DAYS)
            ));
            blocks.push(Block::Paragraph(s));
        }
    }

    if let Some(s) = sentence(
        v,
        &[ids::ONLINE_FILING_RATE, ids::ESERVICE_SUCCESS_RATE, ids::ONLINE_HEARINGS, ids::STREAMED_HEARINGS],
    ) {
        blocks.push(Block::Heading(1, "网上立案、电子送达、网上开庭和庭审直播".into()));
        blocks.push(Block::Paragraph(s));
    }

    if let Some(s) = records_sentence(v) {
        blocks.push(Block::Heading(1, "专项清理、整改、司法建议和涉诉信访".into()));
        blocks.push(Block::Paragraph(s));
    }

    blocks.push(Block::Heading(1, "长期未结案件清理".into()));
    let mut s = format!(
        "期末超 12 个月未结案件 {} 件（其中超 18 个月 {} 件，超 36 个月 {} 件），超审限未结案件 {} 件",
        count(v, ids::LONG_PENDING_12M),
        count(v, ids::LONG_PENDING_18M),
        count(v, ids::LONG_PENDING_36M),
        count(v, ids::OVERDUE_PENDING),
    );
    s.push_str(&compared(v, ids::LONG_PENDING_12M, "；超 12 个月未结案件同比", |x| x.yoy));
    s.push('。');
    blocks.push(Block::Paragraph(s));

    blocks.push(Block::Table(indicator_table("附表：主要审判质效指标", v)));
    Ok(Document {
        title: format!("{}{}工作报告（数据稿）", scope.court_name, scope.period.name),
        subtitle: format!(
            "统计期间：{}至{}",
            numbers::day(scope.period.period.from),
            numbers::day(scope.period.period.to)
        ),
        blocks,
    }
    .numbered())
}

/// The 审管办's records in a sentence, each part only when there is something to count:
/// 清积率, 整改完成率, 司法建议反馈率, 涉诉信访 with 同比 and 按期办结率.
fn records_sentence(v: &[Value]) -> Option<String> {
    let fraction =
        |id: IndicatorId| find(v, id).and_then(|x| Some((x.numerator?, x.denominator?, x))).filter(|f| f.1 > 0);
    let mut parts = Vec::new();
    if let Some((n, d, x)) = fraction(ids::CAMPAIGN_CLEARANCE_RATE) {
        parts.push(format!("专项清理列入案件 {d} 件，已清结 {n} 件，清积率 {}", numbers::value(x)));
    }
    if let Some((n, d, x)) = fraction(ids::RECTIFICATION_COMPLETION_RATE) {
        parts.push(format!("到期整改事项 {d} 项，按期销号 {n} 项，整改完成率 {}", numbers::value(x)));
    }
    if let Some((n, d, x)) = fraction(ids::SUGGESTION_REPLY_RATE) {
        parts.push(format!("发出司法建议 {d} 份，收到回复 {n} 份，反馈率 {}", numbers::value(x)));
    }
    let received = count(v, ids::PETITIONS_RECEIVED);
    if received > 0 {
        let mut p = format!("受理涉诉信访 {received} 件");
        p.push_str(&compared(v, ids::PETITIONS_RECEIVED, "，同比", |x| x.yoy));
        if let Some((_, d, x)) = fraction(ids::PETITION_TIMELY_RATE) {
            p.push_str(&format!("，办结 {d} 件，按期办结率 {}", numbers::value(x)));
        }
        parts.push(p);
    }
    (!parts.is_empty()).then(|| format!("{}。", parts.join("；")))
}

mod records;
mod review;
mod similar;
mod weekly;
pub use records::{
    DueItem, GovernmentCases, INTEGRITY_LINES, IntegrityLine, IntegritySection, RecordLists, UnclearedCase,
    with_government_cases, with_integrity, with_record_lists,
};
pub use review::review_bulletin;
pub use similar::{SimilarCase, SimilarSearch, Tier, similar_case_report};
pub use weekly::{WindowCase, weekly};

/// A range's bounds in the indicator's unit: `[85.00%, 100.00%]`, `≥ 90.00%`.
fn range_text(v: &Value) -> String {
    let Some(r) = &v.range else { return "—".into() };
    let show = |x: f64| {
        let mut probe = v.clone();
        probe.value = Some(x);
        numbers::value(&probe)
    };
    match (r.low, r.high) {
        (Some(l), Some(h)) => format!("{}至{}", show(l), show(h)),
        (Some(l), None) => format!("不低于 {}", show(l)),
        (None, Some(h)) => format!("不高于 {}", show(h)),
        (None, None) => "—".into(),
    }
}

/// How far a change counts as notable in the commentary: one percentage point for rates, ten
/// percent otherwise.
fn notable(v: &Value, d: f64) -> bool {
    match v.indicator.kind {
        docket_metrics::Kind::Rate => d.abs() >= 0.01,
        _ => d.abs() >= 0.10,
    }
}

/// 月度质效分析: the month's indicators against last month (环比) and last year (同比), what rose
/// and what fell notably, which indicators left their reasonable range, and the departments.
pub fn monthly(engine: &Engine, scope: &Scope, names: &dyn Names) -> Result<Document, MetricsError> {
    let month = compute(engine, scope, scope.period.period, vec![], None)?;
    let v: &[Value] = month.first().map_or(&[], |g| &g.values);
    let mut blocks = vec![Block::Heading(1, "本期主要指标".into())];
    let mut s = format!(
        "{}，新收案件 {} 件，审执结 {} 件，结案率 {}",
        scope.period.name,
        count(v, ids::FILED),
        count(v, ids::CLOSED),
        shown(v, ids::CLOSURE_RATE)
    );
    s.push_str(&compared(v, ids::CLOSURE_RATE, "，环比", |x| x.mom));
    s.push_str(&compared(v, ids::CLOSURE_RATE, "，同比", |x| x.yoy));
    s.push_str(&format!(
        "；期末未结 {} 件，其中超审限 {} 件。",
        count(v, ids::PENDING),
        count(v, ids::OVERDUE_PENDING)
    ));
    blocks.push(Block::Paragraph(s));
    // The twelve months up to the period's end.
    let to = scope.period.period.to;
    let first = chrono::NaiveDate::from_ymd_opt(chrono::Datelike::year(&to), chrono::Datelike::month(&to), 1)
        .and_then(|d| d.checked_sub_months(chrono::Months::new(11)))
        .unwrap_or(scope.period.period.from);
    blocks.push(monthly_chart(
        engine,
        scope,
        docket_metrics::Period::new(first, to),
        None,
        "图1：近十二个月收结案情况".into(),
    )?);

    // What moved: notable changes against the preceding period, largest first.
    let mut moved: Vec<(&Value, f64)> =
        v.iter().filter_map(|x| x.value.and(x.mom).filter(|d| notable(x, *d)).map(|d| (x, d))).collect();
    moved.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
    let list = |up: bool| -> Vec<String> {
        moved
            .iter()
            .filter(|(_, d)| (*d > 0.0) == up)
            .take(5)
            .filter_map(|(x, d)| {
                numbers::change(x, Some(*d)).map(|c| format!("{}（{}，{c}）", x.indicator.name, numbers::value(x)))
            })
            .collect()
    };
    let (rose, fell) = (list(true), list(false));
    blocks.push(Block::Heading(1, "指标变化（环比）".into()));
    blocks.push(Block::Paragraph(if rose.is_empty() {
        "没有明显上升的指标。".into()
    } else {
        format!("上升较多的有：{}。", rose.join("、"))
    }));
    blocks.push(Block::Paragraph(if fell.is_empty() {
        "没有明显下降的指标。".into()
    } else {
        format!("下降较多的有：{}。", fell.join("、"))
    }));

    let outside: Vec<String> = v
        .iter()
        .filter(|x| x.within_range == Some(false))
        .map(|x| format!("{} {}（合理区间 {}）", x.indicator.name, numbers::value(x), range_text(x)))
        .collect();
    blocks.push(Block::Heading(1, "偏离合理区间的指标".into()));
    blocks.push(Block::Paragraph(if outside.is_empty() {
        "各项设有合理区间的指标均在区间内。".into()
    } else {
        format!("共 {} 项：{}。", outside.len(), outside.join("；"))
    }));

    let by_department = compute(engine, scope, scope.period.period, vec![Dimension::Department], None)?;
    let dept_name = |g: &GroupResult| {
        let key = g.key.iter().find(|(d, _)| *d == "department").map_or("", |(_, k)| k.as_str());
        let (court, code) = court_and_code(key, &scope.court);
        names.department(&court, &code)
    };
    let mut depts: Vec<&GroupResult> = by_department.iter().filter(|g| count(&g.values, ids::ACCEPTED) > 0).collect();
    if !depts.is_empty() {
        blocks.push(Block::Heading(1, "各部门情况".into()));
        let rate = |g: &GroupResult| find(&g.values, ids::CLOSURE_RATE).and_then(|x| x.value);
        let lowest = depts
            .iter()
            .filter(|g| rate(g).is_some())
            .min_by(|a, b| rate(a).unwrap_or(0.0).total_cmp(&rate(b).unwrap_or(0.0)));
        let most_overdue = depts
            .iter()
            .max_by_key(|g| count(&g.values, ids::OVERDUE_PENDING))
            .filter(|g| count(&g.values, ids::OVERDUE_PENDING) > 0);
        let mut parts = Vec::new();
        if let Some(g) = lowest {
            parts.push(format!("结案率最低的是{}（{}）", dept_name(g), shown(&g.values, ids::CLOSURE_RATE)));
        }
        if let Some(g) = most_overdue {
            parts.push(format!(
                "超审限未结案件最多的是{}（{} 件）",
                dept_name(g),
                count(&g.values, ids::OVERDUE_PENDING)
            ));
        }
        if !parts.is_empty() {
            blocks.push(Block::Paragraph(format!("{}。", parts.join("，"))));
        }
        depts.sort_by_key(|g| std::cmp::Reverse(count(&g.values, ids::ACCEPTED)));
        blocks.push(Block::Table(Table {
            caption: "表1：各部门主要指标".into(),
            header: ["部门", "受理", "审执结", "结案率", "法定审限内结案率", "平均审理天数", "超审限未结"]
                .map(String::from)
                .to_vec(),
            rows: depts
                .iter()
                .map(|g| {
                    vec![
                        dept_name(g),
                        count(&g.values, ids::ACCEPTED).to_string(),
                        count(&g.values, ids::CLOSED).to_string(),
                        shown(&g.values, ids::CLOSURE_RATE),
                        shown(&g.values, ids::WITHIN_LIMIT_RATE),
                        shown(&g.values, ids::AVG_DURATION_DAYS),
                        count(&g.values, ids::OVERDUE_PENDING).to_string(),
                    ]
                })
                .collect(),
        }));
    }
    let mut table = indicator_table("附表：本期审判质效指标", v);
    table.header.insert(3, "环比".into());
    for (row, x) in table.rows.iter_mut().zip(v.iter().filter(|x| x.value.is_some())) {
        row.insert(3, numbers::change(x, x.mom).unwrap_or_else(|| "—".into()));
    }
    blocks.push(Block::Table(table));
    Ok(Document {
        title: format!("{}{}审判质效分析", scope.court_name, scope.period.name),
        subtitle: format!(
            "统计期间：{}至{}",
            numbers::day(scope.period.period.from),
            numbers::day(scope.period.period.to)
        ),
        blocks,
    }
    .numbered())
}

/// 专题分析报告 on the cases of one tag (e.g. 劳动争议): volume and its trend by month, outcomes,
/// durations, and the organisations in the most cases (`parties`: name and case count, counted by
/// the caller from the cases the engine names; persons are left out of a report).
pub fn topic(
    engine: &Engine,
    scope: &Scope,
    topic: &Topic,
    parties: &[(String, usize)],
) -> Result<Document, MetricsError> {
    let label = topic.label();
    let tagged = compute(engine, scope, scope.period.period, vec![], Some(topic))?;
    let t: &[Value] = tagged.first().map_or(&[], |g| &g.values);
    let all = compute(engine, scope, scope.period.period, vec![], None)?;
    let a: &[Value] = all.first().map_or(&[], |g| &g.values);
    let mut blocks = vec![Block::Heading(1, "基本情况".into())];
    let accepted = count(t, ids::ACCEPTED);
    let share = if count(a, ids::ACCEPTED) > 0 {
        numbers::percent(accepted as f64 / count(a, ids::ACCEPTED) as f64)
    } else {
        "—".into()
    };
    let mut s = format!("{}，{}受理{label}案件 {accepted} 件", scope.period.name, scope.court_name);
    s.push_str(&compared(t, ids::ACCEPTED, "，同比", |x| x.yoy));
    s.push_str(&format!(
        "，占全部受理案件的 {share}；审执结 {} 件，结案率 {}；期末未结 {} 件。",
        count(t, ids::CLOSED),
        shown(t, ids::CLOSURE_RATE),
        count(t, ids::PENDING)
    ));
    blocks.push(Block::Paragraph(s));

    let by_month =
        compute(engine, scope, scope.period.period, vec![Dimension::Time(docket_metrics::Grain::Month)], Some(topic))?;
    blocks.push(Block::Heading(1, "收结案趋势".into()));
    let peak =
        by_month.iter().max_by_key(|g| count(&g.values, ids::FILED)).filter(|g| count(&g.values, ids::FILED) > 0);
    if let Some(g) = peak {
        blocks.push(Block::Paragraph(format!(
            "新收案件最多的月份是 {}（{} 件）。",
            numbers::month(g.period.from),
            count(&g.values, ids::FILED)
        )));
    }
    blocks.push(monthly_chart(
        engine,
        scope,
        scope.period.period,
        Some(topic),
        format!("图1：{label}案件分月收结情况"),
    )?);
    blocks.push(Block::Table(Table {
        caption: format!("表1：{label}案件分月收结情况"),
        header: ["月份", "新收", "审执结", "期末未结"].map(String::from).to_vec(),
        rows: by_month
            .iter()
            .map(|g| {
                vec![
                    numbers::month(g.period.from),
                    count(&g.values, ids::FILED).to_string(),
                    count(&g.values, ids::CLOSED).to_string(),
                    count(&g.values, ids::PENDING).to_string(),
                ]
            })
            .collect(),
    }));

    blocks.push(Block::Heading(1, "审理结果".into()));
    blocks.push(Block::Paragraph(
        sentence(
            t,
            &[
                ids::MEDIATION_RATE,
                ids::MEDIATION_WITHDRAWAL_RATE,
                ids::APPEAL_RATE,
                ids::ACCEPTANCE_RATE,
                ids::REVERSAL_REMAND_RATE,
            ],
        )
        .unwrap_or_else(|| "本期尚无审结案件。".into()),
    ));
    blocks.push(Block::Heading(1, "审理周期".into()));
    blocks.push(Block::Paragraph(
        sentence(
            t,
            &[ids::AVG_DURATION_DAYS, ids::MEDIAN_DURATION_DAYS, ids::WITHIN_LIMIT_RATE, ids::TIME_TO_DISPOSITION_90],
        )
        .unwrap_or_else(|| "本期尚无审结案件。".into()),
    ));

    blocks.push(Block::Heading(1, "涉案单位".into()));
    if parties.is_empty() {
        blocks.push(Block::Paragraph("本期案件未涉及单位当事人。".into()));
    } else {
        let top: Vec<String> = parties.iter().take(3).map(|(n, c)| format!("{n}（{c} 件）")).collect();
        blocks.push(Block::Paragraph(format!("涉案件数最多的单位是：{}。", top.join("、"))));
        blocks.push(Block::Table(Table {
            caption: "表2：涉案件数较多的单位".into(),
            header: ["单位", "案件数"].map(String::from).to_vec(),
            rows: parties.iter().take(10).map(|(n, c)| vec![n.clone(), c.to_string()]).collect(),
        }));
    }
    blocks.push(Block::Table(indicator_table(&format!("附表：{label}案件审判质效指标"), t)));
    Ok(Document {
        title: format!("{}{}{label}案件专题分析报告", scope.court_name, scope.period.name),
        subtitle: format!(
            "统计期间：{}至{}",
            numbers::day(scope.period.period.from),
            numbers::day(scope.period.period.to)
        ),
        blocks,
    }
    .numbered())
}
