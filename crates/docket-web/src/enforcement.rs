//! 执行: the 执行局's page for a court (and its lower courts) — the 终本案件库 with each case's
//! last network query and the next one due (法〔2016〕373号第九条: every six months for five
//! years), the open cases reaching their three months (第一条第四项) with the measures the five
//! conditions ask for, the library's 终本 closings that miss a condition, the seizures above what
//! was owed (超标的查封), and the cases where a government body owes (涉府). A case the account may
//! not read is counted, never named.

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use chrono::{Days, Months};
use docket_domain::{Condition, CourtCode, Measure};
use docket_store::{EnforcementFact, EnforcementList, Store, StoredCase};

use crate::Web;
use crate::auth::PageUser;
use crate::error::{PageError, WebError};
use crate::pages::{Nav, href};
use crate::query::PageQuery;

#[derive(serde::Deserialize, Default)]
pub struct EnforcementQuery {
    court: Option<String>,
    rollup: Option<String>,
}

/// One case in a list: its 案号 with its link, and the list's columns.
pub struct Line {
    pub case_no: String,
    pub href: String,
    pub cells: Vec<String>,
    /// Shown first and marked (a query overdue, a condition missing).
    pub flagged: bool,
}

/// A list of the page: its id, title, header, the cases the account may read, and how many it
/// may not.
pub struct Section {
    pub id: &'static str,
    pub title: &'static str,
    pub note: &'static str,
    pub header: Vec<&'static str>,
    pub lines: Vec<Line>,
    pub unnamed: usize,
}

#[derive(Template)]
#[template(path = "enforcement.html")]
struct EnforcementPage {
    nav: Nav,
    court: String,
    court_name: String,
    rollup: bool,
    courts: Vec<(String, String)>,
    sections: Vec<Section>,
}

pub async fn enforcement<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    PageQuery(q): PageQuery<EnforcementQuery>,
) -> Result<Response, PageError> {
    let p = user.account.principal();
    let court = match q.court.as_deref().filter(|c| !c.is_empty()) {
        Some(c) => CourtCode::parse(c).map_err(|_| WebError::NotFound)?,
        None => user.account.court.clone(),
    };
    if !p.may_read_enforcement(&court) || !web.courts.iter().any(|c| c.code == court) {
        return Err(WebError::NotFound.into());
    }
    let rollup = q.rollup.as_deref() == Some("true");
    let courts: Vec<String> = web
        .courts
        .iter()
        .filter(|c| c.code == court || (rollup && c.code.is_within(&court)))
        .map(|c| c.code.to_string())
        .collect();
    let lang = user.lang;
    let today = web.today();
    let store = web.docket.store();
    let courts = &courts;
    let read = |list| async move { store.enforcement_cases(courts, list).await.map_err(docket_app::AppError::from) };
    let mut sections = Vec::new();
    let section = |id, title, note, header: Vec<&'static str>| Section {
        id,
        title: lang.t(title),
        note: lang.t(note),
        header: header.into_iter().map(|h| lang.t(h)).collect(),
        lines: Vec::new(),
        unnamed: 0,
    };
    let push = |s: &mut Section, r: &StoredCase, cells: Vec<String>, flagged: bool| {
        if web.readable(&p, r) {
            s.lines.push(Line { case_no: r.case_no.to_string(), href: href(&r.case_no), cells, flagged });
        } else {
            s.unnamed += 1;
        }
    };
    let judge = |r: &StoredCase| r.judge.as_deref().map_or_else(|| "—".to_owned(), |j| web.judge_name(&r.court, j));

    // 终本案件库: the queries due first.
    let mut library = section(
        "library",
        "终本案件库",
        "终本后五年内每六个月应通过网络执行查控系统查询一次（法〔2016〕373号第九条）；发现财产的可申请恢复执行（执恢）",
        vec!["案号", "承办人", "终本日期", "最近查询", "下次查询", "终本合格"],
    );
    let mut rows = read(EnforcementList::Terminated).await?;
    rows.retain(|r| r.closed_on.is_some_and(|d| docket_domain::enforcement::in_library(d, today)));
    rows.sort_by_key(|r| r.next_query().map(|(_, due)| due));
    for r in &rows {
        let Some((last, due)) = r.next_query() else { continue };
        let lawful = r.termination_missing().is_none_or(<[Condition]>::is_empty);
        let cells = vec![
            judge(r),
            r.closed_on.map(|d| d.to_string()).unwrap_or_default(),
            last.to_string(),
            format!("{due}{}", if due < today { lang.t("（已逾期）") } else { "" }),
            lang.t(if lawful { "合格" } else { "不合格" }).to_owned(),
        ];
        push(&mut library, r, cells, due < today);
    }
    sections.push(library);

    // Open cases reaching three months within 15 days (or past it and still open): what the five
    // conditions ask for, done or not.
    let mut reaching = section(
        "reaching",
        "临近立案满三个月的案件",
        "立案满三个月方可终本（第一条第四项）；终本前须已发出报告财产令、限制消费令并经网络查控",
        vec!["案号", "承办人", "立案日期", "满三个月", "报告财产令", "限制消费令", "网络查控"],
    );
    let from = today.checked_sub_months(Months::new(3)).unwrap_or(today) - Days::new(30);
    let to = today.checked_sub_months(Months::new(3)).unwrap_or(today) + Days::new(15);
    for r in read(EnforcementList::FiledBetween(from, to)).await? {
        let three = r.filed_on.checked_add_months(Months::new(3)).unwrap_or(r.filed_on);
        let case = web.docket.case_view(&r.case_no.to_string(), today).await?;
        let took = |m: Measure| {
            let done = case.state.events.iter().any(
                |e| matches!(&e.kind, docket_domain::EventKind::EnforcementMeasure { measure, .. } if *measure == m),
            );
            lang.t(if done { "已采取" } else { "未采取" }).to_owned()
        };
        let cells = vec![
            judge(&r),
            r.filed_on.to_string(),
            three.to_string(),
            took(Measure::PropertyReportOrder),
            took(Measure::ConsumptionRestriction),
            took(Measure::OnlineQuery),
        ];
        let missing = cells[3..].iter().any(|c| c == lang.t("未采取"));
        push(&mut reaching, &r, cells, missing);
    }
    sections.push(reaching);

    // 不合格终本 among the library's cases, the latest first.
    let mut unlawful = section(
        "unlawful",
        "不合格终本",
        "终本结案未满足法〔2016〕373号第一条的条件：允许结案，但须说明并复查",
        vec!["案号", "承办人", "终本日期", "未满足的条件"],
    );
    for r in rows.iter().rev() {
        let Some(missing) = r.termination_missing().filter(|m| !m.is_empty()) else { continue };
        let what = missing.iter().map(|c| lang.t(c.missing())).collect::<Vec<_>>().join(lang.t("；"));
        push(&mut unlawful, r, vec![judge(r), r.closed_on.map(|d| d.to_string()).unwrap_or_default(), what], true);
    }
    sections.push(unlawful);

    let mut over = section(
        "over-seizure",
        "超标的查封",
        "查封、冻结的财产价值超过尚欠金额：应活封活扣，严禁超标的查封",
        vec!["案号", "承办人", "查封日期", "申请执行标的"],
    );
    for r in read(EnforcementList::OverSeizure).await? {
        let on = r.enforcement.iter().filter(|f| f.fact == EnforcementFact::OverSeizure).map(|f| f.on).max();
        let cells = vec![
            judge(&r),
            on.map(|d| d.to_string()).unwrap_or_default(),
            r.claim.map(|a| format!("{a} 元")).unwrap_or_default(),
        ];
        push(&mut over, &r, cells, r.is_open());
    }
    sections.push(over);

    let mut government = section(
        "government",
        "涉府案件",
        "党政机关为被执行人的案件（加强涉府案件执行工作）",
        vec!["案号", "被执行人", "立案日期", "状态", "执行到位"],
    );
    for r in read(EnforcementList::Government).await? {
        let parties = store.case_parties(&r.case_no).await.map_err(docket_app::AppError::from)?;
        let owing = parties
            .iter()
            .filter(|x| x.org_type == Some(docket_domain::OrgType::Government))
            .map(|x| x.name.clone())
            .collect::<Vec<_>>()
            .join("、");
        let state = match r.closed_on {
            Some(d) => format!("{} {d}", r.close_method.map_or("", |m| lang.t(m.label()))),
            None => lang.t("在办").to_owned(),
        };
        let cells = vec![owing, r.filed_on.to_string(), state, format!("{} 元", r.recovered)];
        push(&mut government, &r, cells, r.is_open());
    }
    sections.push(government);

    crate::pages::render(&EnforcementPage {
        nav: Nav::load(&web, &user, "enforcement").await?,
        court_name: web.court_name(&court),
        court: court.to_string(),
        rollup,
        courts: web
            .viewable_courts(&user.account)
            .into_iter()
            .filter(|(c, _)| CourtCode::parse(c).is_ok_and(|c| p.may_read_enforcement(&c)))
            .collect(),
        sections,
    })
}
