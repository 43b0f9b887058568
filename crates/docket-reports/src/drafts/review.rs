//! 案件评查通报: one review batch as the 审管办 circulates it — how the cases were drawn, the
//! grades and 合格率, every flawed or failed case with its judge and findings, the findings
//! counted, and the excellent cases named.

use docket_domain::management::{BatchState, Grade};

use crate::document::{Block, Document, Table};

/// The 评查通报 of `batch`; `judge_of(case_no)` names the case's 承办法官 (`—` when unknown).
pub fn review_bulletin(court_name: &str, batch: &BatchState, judge_of: &dyn Fn(&str) -> String) -> Document {
    let b = &batch.batch;
    let reviews = &batch.reviews;
    let count = |g: Grade| reviews.iter().filter(|r| r.grade == g).count();
    let total = reviews.len();
    let passed = reviews.iter().filter(|r| r.grade.passes()).count();
    let rate =
        |n: usize| if total == 0 { "—".to_owned() } else { format!("{:.2}%", n as f64 * 100.0 / total as f64) };
    let mean = if total == 0 {
        "—".to_owned()
    } else {
        format!("{:.1}", reviews.iter().map(|r| f64::from(r.score)).sum::<f64>() / total as f64)
    };
    let drawn = if b.cases.is_empty() { total } else { b.cases.len() };
    let mut blocks = vec![
        Block::Heading(1, "评查概况".into()),
        Block::Paragraph(format!(
            "{}至{}，本院开展{}（{}），{}共{}件，已评查{}件。其中评为优秀{}件、合格{}件、瑕疵{}件、不合格{}件，\
             评查合格率{}，优秀率{}，平均得分{}。",
            b.from,
            b.to,
            b.name,
            b.review_type.label(),
            b.method.as_deref().map(|m| format!("{m}，")).unwrap_or_default() + "列入评查案件",
            drawn,
            total,
            count(Grade::Excellent),
            count(Grade::Pass),
            count(Grade::Flawed),
            count(Grade::Fail),
            rate(passed),
            rate(count(Grade::Excellent)),
            mean,
        )),
    ];
    let flawed: Vec<_> = reviews.iter().filter(|r| !r.grade.passes()).collect();
    blocks.push(Block::Heading(1, "存在问题的案件".into()));
    if flawed.is_empty() {
        blocks.push(Block::Paragraph("本批次未发现瑕疵或不合格案件。".into()));
    } else {
        blocks.push(Block::Table(Table {
            caption: "表1：瑕疵及不合格案件".into(),
            header: ["案号", "承办法官", "得分", "等次", "发现的问题"].map(String::from).to_vec(),
            rows: flawed
                .iter()
                .map(|r| {
                    vec![
                        r.case_no.to_string(),
                        judge_of(&r.case_no.to_string()),
                        r.score.to_string(),
                        r.grade.label().to_owned(),
                        r.findings.join("；"),
                    ]
                })
                .collect(),
        }));
    }
    // Findings counted across the batch, the most frequent first.
    let mut counted: Vec<(String, usize)> = Vec::new();
    for f in reviews.iter().flat_map(|r| r.findings.iter()) {
        match counted.iter_mut().find(|(x, _)| x == f) {
            Some(c) => c.1 += 1,
            None => counted.push((f.clone(), 1)),
        }
    }
    counted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    if !counted.is_empty() {
        blocks.push(Block::Heading(1, "问题分布".into()));
        blocks.push(Block::Table(Table {
            caption: "表2：发现的问题".into(),
            header: ["问题", "件数"].map(String::from).to_vec(),
            rows: counted.iter().map(|(f, n)| vec![f.clone(), n.to_string()]).collect(),
        }));
    }
    let excellent: Vec<String> =
        reviews.iter().filter(|r| r.grade == Grade::Excellent).map(|r| r.case_no.to_string()).collect();
    blocks.push(Block::Heading(1, "工作要求".into()));
    if !excellent.is_empty() {
        blocks.push(Block::Paragraph(format!("评为优秀的案件：{}。", excellent.join("、"))));
    }
    blocks.push(Block::Paragraph(
        "各承办法官对瑕疵及不合格案件逐件整改，整改情况纳入整改台账，由审判管理办公室跟踪销号；评查结果纳入绩效考核。"
            .into(),
    ));
    Document { title: format!("{court_name}案件评查通报"), subtitle: format!("{}（{}）", b.name, b.id), blocks }
        .numbered()
}
