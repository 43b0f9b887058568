//! 类案检索: the search page over the documents the user may read (published ones, and the
//! internal ones of the courts they read), "相似案件" from a case page, and the 类案检索报告 for the
//! file, tiered as the SPC's 2020 guidance orders the sources.

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use docket_domain::{CaseNumber, CloseMethod, CourtCode, CourtLevel};
use docket_search::{Hit, Query};
use docket_store::{EnforcementFact, Store};

use crate::Web;
use crate::auth::{PageUser, User};
use crate::error::{PageError, WebError};
use crate::i18n::Lang;
use crate::pages::{Nav, href, percent_encode};
use crate::query::PageQuery;

impl<S: Store> Web<S> {
    /// The index.
    pub fn search_index(&self) -> &docket_search::SearchIndex {
        &self.search
    }

    /// Puts a case's documents in the index as they now stand, when it has any.
    pub(crate) async fn index_case(&self, case_no: &CaseNumber) -> Result<(), WebError> {
        let has_documents = self
            .docket
            .store()
            .case(case_no)
            .await
            .map_err(docket_app::AppError::from)?
            .is_some_and(|c| c.enforcement.iter().any(|f| matches!(f.fact, EnforcementFact::Document(..))));
        if has_documents {
            self.docket.reindex_case(&self.search, case_no).await?;
        }
        Ok(())
    }
}

#[derive(serde::Deserialize, Default, Clone)]
pub struct SimilarQuery {
    q: Option<String>,
    cause: Option<String>,
    court: Option<String>,
    article: Option<String>,
    from: Option<String>,
    to: Option<String>,
    /// Similar to this case: its latest document's facts are the query.
    case: Option<String>,
    /// One tier of the guidance's order only (1–5).
    tier: Option<String>,
    format: Option<String>,
}

/// The high court of `own`'s province (itself when it is one).
fn high_court_of(own: &CourtCode) -> Option<CourtCode> {
    let mut at = Some(own.clone());
    while let Some(c) = at {
        if c.level() == CourtLevel::High {
            return Some(c);
        }
        at = c.parent();
    }
    None
}

/// Where a hit stands in the guidance's order (第四条; 1–5, [`TIERS`]) for a reader in `own`: 1
/// 指导性案例 (here the 入库案例), 2 the SPC, 3 the province's high court, 4 the court above and
/// the court itself, 5 other courts (another province's high court among them).
fn tier_of(hit: &Hit, own: &CourtCode) -> usize {
    let court = CourtCode::parse(&hit.court).ok();
    if hit.guiding {
        1
    } else if hit.level == "supreme" {
        2
    } else if court.is_some() && court == high_court_of(own) {
        3
    } else if court.as_ref().is_some_and(|c| c == own || Some(c.clone()) == own.parent()) {
        4
    } else {
        5
    }
}

/// Narrows `query` to one tier of [`TIERS`] as [`tier_of`] places hits.
fn only_tier(query: &mut Query, tier: usize, own: &CourtCode) {
    let high: Vec<String> = high_court_of(own).map(|c| c.to_string()).into_iter().collect();
    let near: Vec<String> = std::iter::once(own.clone()).chain(own.parent()).map(|c| c.to_string()).collect();
    query.guiding = Some(tier == 1);
    match tier {
        2 => query.level = Some("supreme".into()),
        // No high court above (a reader of the SPC): nothing is in this tier.
        3 => query.courts = if high.is_empty() { vec![String::new()] } else { high },
        4 => {
            query.courts = near.into_iter().filter(|c| !high.contains(c)).collect();
            if query.courts.is_empty() {
                query.courts = vec![String::new()];
            }
            query.not_levels = vec!["supreme".into()];
        }
        5 => {
            query.not_levels = vec!["supreme".into()];
            query.not_courts = high.into_iter().chain(near).collect();
        }
        _ => {}
    }
}

const TIERS: [&str; 5] = [
    "一、指导性案例及入库案例",
    "二、最高人民法院案例",
    "三、本省高级人民法院案例",
    "四、上一级法院及本院案例",
    "五、其他法院案例",
];

pub struct HitLine {
    pub case_no: String,
    pub href: String,
    pub court: String,
    pub cause: String,
    pub outcome: String,
    pub doc: String,
    pub date: String,
    pub published: bool,
    /// The passage as HTML, the matched words in `<mark>`.
    pub passage: String,
    pub articles: String,
}

#[derive(Template)]
#[template(path = "similar.html")]
struct SimilarPage {
    nav: Nav,
    q: String,
    cause: String,
    court: String,
    article: String,
    from: String,
    to: String,
    tier: String,
    tier_choices: Vec<(String, &'static str)>,
    case: String,
    searched: bool,
    total: usize,
    /// (tier label, hits).
    tiers: Vec<(&'static str, Vec<HitLine>)>,
    report_href: String,
}

fn date_of(s: &Option<String>) -> Option<i64> {
    s.as_deref()
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map(|d| i64::from(d.format("%Y%m%d").to_string().parse::<i32>().unwrap_or_default()))
}

fn outcome_label(id: &str) -> &'static str {
    CloseMethod::parse(id).map_or("—", CloseMethod::label)
}

/// The search the request describes, with the case it is for when "相似案件".
async fn build_query<S: Store>(web: &Web<S>, user: &User, q: &SimilarQuery) -> Result<(Query, String), WebError> {
    let mut query = Query {
        text: q.q.clone().unwrap_or_default(),
        cause: q.cause.clone().filter(|c| !c.trim().is_empty()),
        court: q.court.clone().filter(|c| !c.trim().is_empty()),
        article: q.article.clone().filter(|c| !c.trim().is_empty()),
        from: date_of(&q.from),
        to: date_of(&q.to),
        limit: 30,
        ..Query::default()
    };
    let mut for_case = String::new();
    if let Some(no) = q.case.as_deref().filter(|c| !c.is_empty()) {
        let case = web.case_for(&user.account, no).await?;
        if query.text.trim().is_empty() {
            let (_, view) = web.view_for(&user.account, no).await?;
            query.text = docket_app::similar_query(&view.state);
        }
        query.similar = true;
        query.exclude_case = Some(case.row.case_no.to_string());
        if q.cause.is_none() {
            query.cause = Some(case.row.cause.clone());
        }
        for_case = case.row.case_no.to_string();
    }
    if let Some(t) = q.tier.as_deref().filter(|t| !t.is_empty()) {
        let tier: usize = t
            .parse()
            .ok()
            .filter(|t| (1..=TIERS.len()).contains(t))
            .ok_or_else(|| WebError::BadRequest(format!("参数 tier 无效：检索层级应为 1 至 5，而不是 {t}")))?;
        only_tier(&mut query, tier, &user.account.principal().court);
    }
    Ok((query, for_case))
}

/// Runs the search off the server's async threads (a query over a large index reads for some
/// milliseconds).
async fn run<S: Store>(web: &Arc<Web<S>>, user: &User, query: Query) -> Result<(Vec<Hit>, usize), WebError> {
    let web = Arc::clone(web);
    let principal = user.account.principal();
    let found = tokio::task::spawn_blocking(move || docket_app::search_as(&web.search, &principal, &web.courts, query))
        .await
        .map_err(|e| {
            WebError::Internal(crate::error::Internal {
                context: "类案检索中断".into(), source: Some(Box::new(e))
            })
        })?;
    Ok(found?)
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn passage_html(h: &Hit) -> String {
    let mut out = String::new();
    let mut at = 0;
    for (a, b) in &h.highlights {
        if *a < at || *b > h.snippet.len() || !h.snippet.is_char_boundary(*a) || !h.snippet.is_char_boundary(*b) {
            continue;
        }
        out.push_str(&escape_html(&h.snippet[at..*a]));
        out.push_str("<mark>");
        out.push_str(&escape_html(&h.snippet[*a..*b]));
        out.push_str("</mark>");
        at = *b;
    }
    out.push_str(&escape_html(&h.snippet[at..]));
    out
}

fn tiered<S: Store>(web: &Web<S>, own: &CourtCode, hits: &[Hit], lang: Lang) -> Vec<(&'static str, Vec<HitLine>)> {
    let mut tiers: Vec<(&'static str, Vec<HitLine>)> = TIERS.iter().map(|t| (lang.t(t), Vec::new())).collect();
    for h in hits {
        let court = web.court_named(&h.court).unwrap_or(&h.court).to_owned();
        let line = HitLine {
            href: CaseNumber::parse(&h.case_no).map(|n| href(&n)).unwrap_or_default(),
            case_no: h.case_no.clone(),
            court,
            cause: h.cause.clone(),
            outcome: lang.t(outcome_label(&h.outcome)).to_owned(),
            doc: docket_domain::publication::DocKind::parse(&h.doc).map_or("", |d| lang.t(d.label())).to_owned(),
            date: format!("{}-{:02}-{:02}", h.date / 10000, h.date / 100 % 100, h.date % 100),
            published: h.published,
            passage: passage_html(h),
            articles: h.articles.join("、"),
        };
        tiers[tier_of(h, own) - 1].1.push(line);
    }
    tiers
}

pub async fn similar<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    PageQuery(q): PageQuery<SimilarQuery>,
) -> Result<Response, PageError> {
    let (query, for_case) = build_query(&web, &user, &q).await?;
    let searched = !query.text.trim().is_empty() || query.cause.is_some() || query.article.is_some();
    let (hits, total) = if searched { run(&web, &user, query).await? } else { (Vec::new(), 0) };
    let own = user.account.principal().court.clone();
    let params: Vec<String> = [
        ("q", q.q.as_deref()),
        ("cause", q.cause.as_deref()),
        ("court", q.court.as_deref()),
        ("article", q.article.as_deref()),
        ("from", q.from.as_deref()),
        ("to", q.to.as_deref()),
        ("case", q.case.as_deref()),
        ("tier", q.tier.as_deref()),
    ]
    .iter()
    .filter_map(|(k, v)| v.filter(|v| !v.is_empty()).map(|v| format!("{k}={}", percent_encode(v))))
    .collect();
    let page = SimilarPage {
        nav: Nav::load(&web, &user, "similar").await?,
        q: q.q.clone().unwrap_or_default(),
        cause: q.cause.clone().unwrap_or_default(),
        court: q.court.clone().unwrap_or_default(),
        article: q.article.clone().unwrap_or_default(),
        from: q.from.clone().unwrap_or_default(),
        to: q.to.clone().unwrap_or_default(),
        tier: q.tier.clone().unwrap_or_default(),
        tier_choices: TIERS.iter().enumerate().map(|(i, t)| ((i + 1).to_string(), user.lang.t(t))).collect(),
        case: for_case,
        searched,
        total,
        tiers: tiered(&web, &own, &hits, user.lang),
        report_href: format!("/similar/report?{}", params.join("&")),
    };
    crate::pages::render(&page)
}

/// The 类案检索报告 of a search, as DOCX (default) or PDF.
pub async fn report<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    PageQuery(q): PageQuery<SimilarQuery>,
) -> Result<Response, PageError> {
    let format = docket_app::ReportFormat::parse(q.format.as_deref().unwrap_or("docx"))
        .filter(|f| matches!(f, docket_app::ReportFormat::Docx | docket_app::ReportFormat::Pdf))
        .ok_or_else(|| WebError::BadRequest("格式应为 docx 或 pdf".into()))?;
    let (query, for_case) = build_query(&web, &user, &q).await?;
    let shown_query = if for_case.is_empty() { query.text.clone() } else { format!("{}的案情", for_case) };
    let mut filters: Vec<String> = [("案由", &query.cause), ("法院", &query.court), ("法条", &query.article)]
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}：{v}")))
        .collect();
    if let Some(t) = q.tier.as_deref().and_then(|t| t.parse::<usize>().ok()).and_then(|t| TIERS.get(t.wrapping_sub(1)))
    {
        filters.push(format!("检索层级：{t}"));
    }
    let (hits, _) = run(&web, &user, query).await?;
    let own = user.account.principal().court.clone();
    let tiers: Vec<docket_reports::Tier> = tiered(&web, &own, &hits, Lang::Zh)
        .into_iter()
        .enumerate()
        .map(|(i, (label, lines))| docket_reports::Tier {
            label: label.to_owned(),
            binding: i == 0,
            cases: lines
                .into_iter()
                .map(|l| docket_reports::SimilarCase {
                    passage: hits
                        .iter()
                        .find(|h| h.case_no == l.case_no)
                        .map(|h| h.snippet.replace('\n', " "))
                        .unwrap_or_default(),
                    case_no: l.case_no,
                    court: l.court,
                    cause: l.cause,
                    outcome: l.outcome,
                    date: l.date,
                    articles: l.articles,
                })
                .collect(),
        })
        .collect();
    let search = docket_reports::SimilarSearch {
        court_name: web.court(&own).map(|c| c.name.clone()).unwrap_or_default(),
        case_no: for_case,
        query: shown_query,
        filters: filters.join("；"),
        searched_on: web.today().to_string(),
        by: user.account.name.clone(),
    };
    let doc = docket_reports::similar_case_report(&search, &tiers);
    let bytes = tokio::task::spawn_blocking(move || docket_app::render_report(&doc, format))
        .await
        .map_err(|e| WebError::internal_from("生成类案检索报告", e))??;
    let mut r = bytes.into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(format.mime()));
    let name = format!("类案检索报告-{}.{}", web.today(), format.extension());
    r.headers_mut().insert(header::CONTENT_DISPOSITION, crate::ledger::attachment(&name));
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(court: &str, level: &str, guiding: bool) -> Hit {
        Hit {
            id: String::new(),
            case_no: String::new(),
            court: court.into(),
            level: level.into(),
            cause: String::new(),
            outcome: String::new(),
            doc: String::new(),
            date: 0,
            published: true,
            guiding,
            articles: vec![],
            score: 0.0,
            snippet: String::new(),
            highlights: vec![],
        }
    }

    #[test]
    fn hits_fall_in_the_guidances_tiers_from_the_readers_court() {
        let own = CourtCode::parse("内0203").unwrap();
        assert_eq!(tier_of(&hit("内0204", "basic", true), &own), 1);
        assert_eq!(tier_of(&hit("最高法", "supreme", false), &own), 2);
        assert_eq!(tier_of(&hit("内", "high", false), &own), 3);
        assert_eq!(tier_of(&hit("内02", "intermediate", false), &own), 4);
        assert_eq!(tier_of(&hit("内0203", "basic", false), &own), 4);
        assert_eq!(tier_of(&hit("内0204", "basic", false), &own), 5);
        assert_eq!(tier_of(&hit("京", "high", false), &own), 5, "another province's high court");
    }

    #[test]
    fn each_tiers_filter_finds_exactly_the_hits_placed_in_that_tier() {
        let index = docket_search::SearchIndex::in_memory().unwrap();
        let courts = [
            ("最高法", "supreme"),
            ("内", "high"),
            ("京", "high"),
            ("内02", "intermediate"),
            ("内03", "intermediate"),
            ("内0203", "basic"),
            ("内0204", "basic"),
        ];
        let mut docs = Vec::new();
        for (i, (court, level)) in courts.iter().enumerate() {
            for guiding in [false, true] {
                docs.push(docket_search::SearchDoc {
                    id: format!("{i}{guiding}"),
                    case_no: format!("{i}{guiding}"),
                    court: (*court).into(),
                    level: (*level).into(),
                    cause: "买卖合同纠纷".into(),
                    outcome: "judgment".into(),
                    doc: "judgment".into(),
                    date: 20250301,
                    articles: vec![],
                    published: true,
                    sealed: false,
                    guiding,
                    text: "被告拖欠货款。".into(),
                });
            }
        }
        index.upsert(&docs).unwrap();
        for own in ["内0203", "内02", "内"] {
            let own = CourtCode::parse(own).unwrap();
            let mut seen = 0;
            for tier in 1..=TIERS.len() {
                let mut q = Query { text: "货款".into(), limit: 100, ..Query::default() };
                only_tier(&mut q, tier, &own);
                let (hits, _) = index.search(&q).unwrap();
                assert!(hits.iter().all(|h| tier_of(h, &own) == tier), "{own} tier {tier}: {hits:?}");
                seen += hits.len();
            }
            assert_eq!(seen, docs.len(), "{own}: every document is in one tier");
        }
    }
}
