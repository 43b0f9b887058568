//! 案件评查: a court's review batches — drawn at random from the cases closed in a period
//! (reproducibly by a seed; filtered by type, judge or closing method) or picked by hand — each
//! with its cases, their grades and findings, the 合格率 and 优秀率, and the 评查通报 to download
//! (DOCX/PDF). The 审管办 and 院长 draw batches and grade cases; a finding can open an item of
//! the rectification ledger (整改台账) at once.

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, Days};
use docket_domain::management::{
    BatchState, CaseReview, Grade, LedgerItem, LedgerSource, Management, ReviewBatch, ReviewType, draw,
};
use docket_domain::{CaseNumber, CloseMethod};
use docket_store::Store;

use super::{Tabs, form_date, future_date, text};
use crate::Web;
use crate::auth::{PageUser, User};
use crate::error::{PageError, WebError};
use crate::form::{CheckedForm, FormFields, field};
use crate::pages::{Nav, href, percent_encode};
use crate::query::PageQuery;

/// `?court=&batch=&format=`.
#[derive(serde::Deserialize, Default)]
pub struct ReviewQuery {
    court: Option<String>,
    batch: Option<String>,
    format: Option<String>,
}

pub struct BatchLine {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub period: String,
    pub drawn: usize,
    pub reviewed: usize,
    pub pass_rate: String,
    pub excellent_rate: String,
    pub href: String,
}

pub struct ReviewLine {
    pub case_no: String,
    pub href: String,
    pub judge: String,
    /// Grade, score, findings, reviewer and date; `None` while not yet reviewed.
    pub review: Option<(&'static str, &'static str, u8, String, String)>,
}

pub struct BatchView {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub period: String,
    pub method: String,
    pub lines: Vec<ReviewLine>,
    pub docx_href: String,
    pub pdf_href: String,
}

#[derive(Template)]
#[template(path = "manage_reviews.html")]
struct ReviewsPage {
    nav: Nav,
    tabs: Tabs,
    batches: Vec<BatchLine>,
    batch: Option<BatchView>,
    types: Vec<(&'static str, &'static str)>,
    grades: Vec<(&'static str, &'static str)>,
    judges: Vec<(String, String)>,
    methods: Vec<(&'static str, &'static str)>,
    problems: Vec<String>,
    values: BTreeMap<String, String>,
    today: String,
}

fn rate(n: usize, d: usize) -> String {
    if d == 0 { "—".into() } else { format!("{:.2}%", n as f64 * 100.0 / d as f64) }
}

async fn page<S: Store>(
    web: &Web<S>,
    user: &User,
    tabs: Tabs,
    shown: Option<&str>,
    problems: Vec<String>,
    form: &FormFields,
) -> Result<ReviewsPage, PageError> {
    let court = tabs.court.clone();
    let register = web.register().await?;
    let of_court: Vec<&BatchState> = register.reviews.batches.values().filter(|b| b.batch.court == court).collect();
    let link =
        |id: &str| format!("/manage/reviews?court={}&batch={}", percent_encode(court.as_str()), percent_encode(id));
    let mut batches: Vec<BatchLine> = of_court
        .iter()
        .map(|b| {
            let passed = b.reviews.iter().filter(|r| r.grade.passes()).count();
            let excellent = b.reviews.iter().filter(|r| r.grade == Grade::Excellent).count();
            BatchLine {
                id: b.batch.id.clone(),
                name: b.batch.name.clone(),
                kind: b.batch.review_type.label(),
                period: format!("{} — {}", b.batch.from, b.batch.to),
                drawn: b.batch.cases.len().max(b.reviews.len()),
                reviewed: b.reviews.len(),
                pass_rate: rate(passed, b.reviews.len()),
                excellent_rate: rate(excellent, b.reviews.len()),
                href: link(&b.batch.id),
            }
        })
        .collect();
    batches.sort_by(|a, b| b.period.cmp(&a.period).then_with(|| a.id.cmp(&b.id)));
    let judge_name =
        |no: &CaseNumber, judge: Option<&str>| judge.map_or_else(|| "—".to_owned(), |j| web.judge_name(no.court(), j));
    let mut batch = None;
    if let Some(b) = shown.and_then(|id| of_court.iter().find(|b| b.batch.id == id)) {
        let listed: Vec<CaseNumber> = if b.batch.cases.is_empty() {
            b.reviews.iter().map(|r| r.case_no.clone()).collect()
        } else {
            b.batch.cases.clone()
        };
        let mut lines = Vec::new();
        for no in &listed {
            let row = web.docket.store().case(no).await?;
            let judge = row.as_ref().and_then(|r| r.judge.clone());
            let review = b.reviews.iter().find(|r| &r.case_no == no).map(|r| {
                (
                    r.grade.as_str(),
                    r.grade.label(),
                    r.score,
                    r.findings.join("；"),
                    format!("{} {}", judge_name(no, Some(&r.reviewer)), r.on),
                )
            });
            lines.push(ReviewLine {
                case_no: no.to_string(),
                href: href(no),
                judge: judge_name(no, judge.as_deref()),
                review,
            });
        }
        let report = |format: &str| {
            format!(
                "/manage/reviews/report?court={}&batch={}&format={format}",
                percent_encode(court.as_str()),
                percent_encode(&b.batch.id)
            )
        };
        batch = Some(BatchView {
            id: b.batch.id.clone(),
            name: b.batch.name.clone(),
            kind: b.batch.review_type.label(),
            period: format!("{} — {}", b.batch.from, b.batch.to),
            method: b.batch.method.clone().unwrap_or_default(),
            lines,
            docx_href: report("docx"),
            pdf_href: report("pdf"),
        });
    } else if shown.is_some_and(|id| !id.is_empty()) {
        return Err(WebError::NotFound.into());
    }
    Ok(ReviewsPage {
        nav: Nav::load(web, user, "manage").await?,
        judges: web.judge_choices(&court),
        tabs,
        batches,
        batch,
        types: ReviewType::ALL.iter().map(|t| (t.as_str(), t.label())).collect(),
        grades: Grade::ALL.iter().map(|g| (g.as_str(), g.label())).collect(),
        methods: CloseMethod::ALL
            .iter()
            .filter(|m| !m.is_enforcement() && !m.is_premediation())
            .map(|m| (m.as_str(), m.label()))
            .collect(),
        problems,
        values: form.iter().filter(|(k, _)| k != "csrf").cloned().collect(),
        today: web.today().to_string(),
    })
}

pub async fn reviews<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    PageQuery(q): PageQuery<ReviewQuery>,
) -> Result<Response, PageError> {
    let tabs = web.records_court(&user, q.court.as_deref())?;
    crate::pages::render(&page(&web, &user, tabs, q.batch.as_deref(), Vec::new(), &Vec::new()).await?)
}

/// Opens a batch: the cases drawn at random (or listed by hand) are written into its line.
pub async fn draw_batch<S: Store>(
    State(web): State<Arc<Web<S>>>,
    CheckedForm { user, fields: form }: CheckedForm,
) -> Result<Response, PageError> {
    let tabs = web.keeping_court(&user, &form)?;
    let today = web.today();
    let mut problems = Vec::new();
    let id = text(&form, "id", &mut problems);
    let name = text(&form, "name", &mut problems);
    let review_type = ReviewType::parse(field(&form, "type")).unwrap_or(ReviewType::Routine);
    let from = form_date(&form, "from", today, &mut problems);
    let to = future_date(&form, "to", false, &mut problems).unwrap_or(from);
    let picked: Vec<&str> =
        field(&form, "cases").split(['\n', ',', '，', '、']).map(str::trim).filter(|s| !s.is_empty()).collect();
    let (cases, method) = if picked.is_empty() {
        // 随机抽取 from the cases of the court closed in the chosen period.
        let closed_from = future_date(&form, "closed_from", false, &mut problems).unwrap_or(today);
        let closed_to = future_date(&form, "closed_to", false, &mut problems).unwrap_or(today);
        let count: usize = field(&form, "count").trim().parse().unwrap_or(0);
        if !(1..=500).contains(&count) {
            problems.push("count：抽取件数应为 1–500".into());
        }
        let seed: u64 = match field(&form, "seed").trim() {
            "" => u64::from(today.num_days_from_ce().unsigned_abs()),
            s => s.parse().unwrap_or_else(|_| {
                problems.push(format!("seed：随机种子“{s}”应为非负整数"));
                0
            }),
        };
        let type_code = field(&form, "case_type").trim().to_owned();
        let judge = field(&form, "judge").trim().to_owned();
        let close_method = CloseMethod::parse(field(&form, "method"));
        let pool: Vec<CaseNumber> = web
            .with_engine(|e| e.closed_cases(&tabs.court, closed_from, closed_to))?
            .into_iter()
            .filter(|c| type_code.is_empty() || c.case_no.case_type().code == type_code)
            .filter(|c| judge.is_empty() || c.judge.as_deref() == Some(judge.as_str()))
            .filter(|c| close_method.is_none_or(|m| c.method == Some(m)))
            .map(|c| c.case_no)
            .collect();
        if pool.is_empty() && problems.is_empty() {
            problems.push(format!("count：{closed_from} 至 {closed_to} 没有符合条件的已结案件"));
        }
        let chosen: Vec<CaseNumber> = draw(pool.len(), count, seed).into_iter().map(|i| pool[i].clone()).collect();
        let mut filters = vec![format!("{closed_from} 至 {closed_to} 结案")];
        if !type_code.is_empty() {
            filters.push(type_code.clone());
        }
        if !judge.is_empty() {
            filters.push(web.judge_name(&tabs.court, &judge));
        }
        if let Some(m) = close_method {
            filters.push(m.label().to_owned());
        }
        let method =
            format!("随机抽取 {} 件（种子 {seed}；{}；共 {} 件可抽）", chosen.len(), filters.join("，"), pool.len());
        (chosen, method)
    } else {
        let mut cases = Vec::new();
        for p in picked {
            match CaseNumber::parse(p) {
                Ok(n) => cases.push(n),
                Err(e) => problems.push(format!("cases：{p}：{e}")),
            }
        }
        let method = format!("指定 {} 件", cases.len());
        (cases, method)
    };
    // A sealed case the account may not read is not put in its hands.
    for c in &cases {
        web.check_readable(&user, "cases", Some(c), &mut problems).await?;
    }
    let batch = ReviewBatch {
        court: tabs.court.clone(),
        id: id.clone(),
        name,
        review_type,
        from,
        to,
        cases,
        method: Some(method),
    };
    // After a draw, the batch itself.
    let screen = format!("reviews?batch={}", percent_encode(&id));
    web.keep_or_show(&user, tabs, problems, vec![Management::ReviewBatch(batch)], &screen, async |tabs, problems| {
        page(&web, &user, tabs, None, problems, &form).await
    })
    .await
}

/// Grades one case of a batch; a finding may open a rectification item (来源：评查).
pub async fn grade_case<S: Store>(
    State(web): State<Arc<Web<S>>>,
    CheckedForm { user, fields: form }: CheckedForm,
) -> Result<Response, PageError> {
    let tabs = web.keeping_court(&user, &form)?;
    let today = web.today();
    let mut problems = Vec::new();
    let batch = text(&form, "batch", &mut problems);
    let case_no = super::case_no(&form, "case_no", &mut problems);
    if case_no.is_none() && problems.is_empty() {
        problems.push("case_no：缺少必填字段".into());
    }
    web.check_readable(&user, "case_no", case_no.as_ref(), &mut problems).await?;
    let score = match field(&form, "score").trim().parse::<u8>() {
        Ok(s) if s <= 100 => s,
        _ => {
            problems.push("score：评查分数应为 0–100 的整数".into());
            0
        }
    };
    let grade = Grade::parse(field(&form, "grade")).unwrap_or_else(|| {
        problems.push("grade：请选择等次".into());
        Grade::Pass
    });
    let findings: Vec<String> =
        field(&form, "findings").lines().map(str::trim).filter(|f| !f.is_empty()).map(str::to_owned).collect();
    let on = form_date(&form, "on", today, &mut problems);
    // The reviewer is the account: a judge by their code, the 审管办's staff by their account.
    let reviewer = crate::who_of(&user.account);
    let mut records = Vec::new();
    if let Some(no) = case_no.clone() {
        records.push(Management::CaseReview(CaseReview {
            court: tabs.court.clone(),
            batch: batch.clone(),
            case_no: no.clone(),
            reviewer,
            on,
            score,
            grade,
            findings: findings.clone(),
        }));
        if field(&form, "rectify") == "yes" && !findings.is_empty() {
            let register = web.register().await?;
            let ledger = format!("{}-评查整改", today.year());
            let no_next = register
                .ledger
                .keys()
                .filter(|(c, l, _)| c == &tabs.court && *l == ledger)
                .map(|(_, _, n)| *n)
                .max()
                .unwrap_or(0)
                + 1;
            let department = web.docket.store().case(&no).await?.and_then(|r| r.department);
            records.push(Management::LedgerItem(LedgerItem {
                court: tabs.court.clone(),
                ledger,
                no: no_next,
                opened_on: on,
                source: LedgerSource::Review,
                problem: format!("{}（{batch}）：{}", no, findings.join("；")),
                measure: "承办法官按评查意见逐项整改，审管办跟踪销号".into(),
                lead: None,
                department,
                due_on: on + Days::new(30),
                case_no: Some(no),
                indicator: None,
            }));
        }
    }
    let screen = format!("reviews?batch={}", percent_encode(&batch));
    web.keep_or_show(&user, tabs, problems, records, &screen, async |tabs, problems| {
        page(&web, &user, tabs, Some(field(&form, "batch")), problems, &form).await
    })
    .await
}

/// The 评查通报 of a batch, as DOCX or PDF.
pub async fn report<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    PageQuery(q): PageQuery<ReviewQuery>,
) -> Result<Response, PageError> {
    let tabs = web.records_court(&user, q.court.as_deref())?;
    let register = web.register().await?;
    let id = q.batch.unwrap_or_default();
    let b = register.reviews.batches.get(&(tabs.court.clone(), id.clone())).ok_or(WebError::NotFound)?;
    let format = docket_app::ReportFormat::parse(q.format.as_deref().unwrap_or("docx"))
        .filter(|f| {
            matches!(f, docket_app::ReportFormat::Docx | docket_app::ReportFormat::Pdf | docket_app::ReportFormat::Html)
        })
        .ok_or_else(|| WebError::BadRequest("格式应为 docx、pdf 或 html".into()))?;
    let mut judges = BTreeMap::new();
    for r in &b.reviews {
        let judge = web
            .docket
            .store()
            .case(&r.case_no)
            .await?
            .and_then(|row| row.judge)
            .map(|j| web.judge_name(r.case_no.court(), &j));
        judges.insert(r.case_no.to_string(), judge.unwrap_or_else(|| "—".into()));
    }
    let doc = docket_reports::review_bulletin(&tabs.court_name, b, &|no| {
        judges.get(no).cloned().unwrap_or_else(|| "—".into())
    });
    let bytes = tokio::task::spawn_blocking(move || docket_app::render_report(&doc, format))
        .await
        .map_err(|e| WebError::internal_from("生成评查通报", e))??;
    let mut r = bytes.into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(format.mime()));
    let name = format!("{}-评查通报-{id}.{}", tabs.court.as_str(), format.extension());
    r.headers_mut().insert(header::CONTENT_DISPOSITION, crate::ledger::attachment(&name));
    Ok(r)
}
