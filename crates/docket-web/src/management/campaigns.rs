//! 专项清理: a court's campaigns (and its part of a higher court's), each listed case with its
//! 包案领导, target date and state — the overdue first, then the open by target date, then the
//! cleared — with 清积率 for the campaign and for each court under it; the 审管办 opens a campaign
//! with its list (一案一册).

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use chrono::NaiveDate;
use docket_domain::management::{Campaign, CampaignCase, CampaignScope, CampaignState, Management};
use docket_domain::{Amount, CaseNumber, CourtCode};
use docket_store::{EnforcementList, Store, StoredCase};

use super::{CourtQuery, Tabs, future_date, text};
use crate::Web;
use crate::auth::{PageUser, User};
use crate::error::{PageError, WebError};
use crate::form::{CheckedForm, FormFields, field};
use crate::pages::{Nav, href};
use crate::query::PageQuery;

/// A listed case as the page shows it.
pub struct ListedLine {
    pub case_no: String,
    /// A link when the account may open the case.
    pub href: Option<String>,
    pub court: String,
    pub judge: String,
    pub leader: String,
    pub target: String,
    pub state: &'static str,
    pub class: &'static str,
    pub closed_on: String,
    /// 终本清仓: the cases resumed from it (案号, link when readable), and the last property check.
    pub resumed: Vec<(String, Option<String>)>,
    pub last_query: String,
}

pub struct CampaignView {
    pub id: String,
    pub name: String,
    pub court_name: String,
    pub period: String,
    pub termination_counts: bool,
    /// 终本清仓 rather than a clean-up of pending cases.
    pub terminated: bool,
    /// 终本清仓: 执行到位 in the resumed cases (元), and how many listed cases were checked again
    /// (网络查控) since they were listed.
    pub recovered: String,
    pub requeried: usize,
    /// Only the shown court's part of a higher court's campaign.
    pub part: bool,
    pub listed: usize,
    pub cleared: usize,
    pub overdue: usize,
    pub rate: String,
    /// Each court with listed cases: name, listed, cleared, 清积率.
    pub courts: Vec<(String, usize, usize, String)>,
    pub cases: Vec<ListedLine>,
}

#[derive(Template)]
#[template(path = "manage_campaigns.html")]
struct CampaignsPage {
    nav: Nav,
    tabs: Tabs,
    campaigns: Vec<CampaignView>,
    problems: Vec<String>,
    values: BTreeMap<String, String>,
    today: String,
}

fn rate(cleared: usize, listed: usize) -> String {
    if listed == 0 { "—".into() } else { format!("{:.2}%", cleared as f64 * 100.0 / listed as f64) }
}

async fn view<S: Store>(
    web: &Web<S>,
    user: &User,
    state: &CampaignState,
    court: &CourtCode,
    today: NaiveDate,
) -> Result<CampaignView, WebError> {
    let c = &state.campaign;
    let part = &c.court != court;
    let p = user.account.principal();
    let mut lines = Vec::new();
    let mut courts: BTreeMap<CourtCode, (usize, usize)> = BTreeMap::new();
    let (mut recovered, mut requeried) = (Amount::ZERO, 0);
    for l in state.cases.iter().filter(|l| !part || l.case_no.court().is_within(court)) {
        let row = web.docket.store().case(&l.case_no).await.map_err(docket_app::AppError::from)?;
        let (counted, closings) = web.docket.listed_progress(c, row.as_ref()).await?;
        let cleared = c.clears_any(closings.iter().copied(), today);
        let closed = closings.iter().copied().filter(|(d, _)| *d <= today).min_by_key(|(d, _)| *d);
        let mut resumed = Vec::new();
        let mut last_query = String::new();
        if c.scope == CampaignScope::Terminated {
            for r in &counted {
                recovered = recovered.checked_add(r.recovered).unwrap_or(recovered);
                resumed.push((r.case_no.to_string(), web.readable(&p, r).then(|| href(&r.case_no))));
            }
            if let Some((last, _)) = row.as_ref().and_then(StoredCase::next_query) {
                requeried += usize::from(last >= l.listed_on && row.as_ref().and_then(|r| r.closed_on) != Some(last));
                last_query = last.to_string();
            }
        }
        let overdue = !cleared && l.target_on.is_some_and(|t| t < today);
        let entry = courts.entry(l.case_no.court().clone()).or_default();
        entry.0 += 1;
        entry.1 += usize::from(cleared);
        let readable = row.as_ref().is_some_and(|r| web.readable(&p, r));
        lines.push((
            (u8::from(!overdue) + 2 * u8::from(cleared), l.target_on.unwrap_or(NaiveDate::MAX)),
            ListedLine {
                case_no: l.case_no.to_string(),
                href: readable.then(|| href(&l.case_no)),
                court: web.court_name(l.case_no.court()),
                judge: match row.as_ref().and_then(|r| r.judge.clone()) {
                    Some(j) if readable => web.judge_name(l.case_no.court(), &j),
                    _ => "—".into(),
                },
                leader: l.leader.as_deref().map_or_else(
                    || "—".into(),
                    |j| {
                        let here = web.judge_name(&c.court, j);
                        if here != j { here } else { web.judge_name(l.case_no.court(), j) }
                    },
                ),
                target: l.target_on.map_or_else(|| "—".into(), |d| d.to_string()),
                state: if cleared {
                    "已清结"
                } else if overdue {
                    "逾期未清结"
                } else {
                    "未清结"
                },
                class: if cleared {
                    "ok"
                } else if overdue {
                    "warn"
                } else {
                    ""
                },
                closed_on: closed.map_or_else(String::new, |(d, _)| d.to_string()),
                resumed,
                last_query,
            },
        ));
    }
    lines.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.case_no.cmp(&b.1.case_no)));
    let listed = lines.len();
    let cleared = lines.iter().filter(|l| l.1.state == "已清结").count();
    let overdue = lines.iter().filter(|l| l.1.state == "逾期未清结").count();
    Ok(CampaignView {
        id: c.id.clone(),
        name: c.name.clone(),
        court_name: web.court_name(&c.court),
        period: format!("{} 至 {}", c.from, c.to),
        termination_counts: c.termination_counts,
        terminated: c.scope == CampaignScope::Terminated,
        recovered: recovered.to_string(),
        requeried,
        part,
        listed,
        cleared,
        overdue,
        rate: rate(cleared, listed),
        courts: courts.into_iter().map(|(k, (n, m))| (web.court_name(&k), n, m, rate(m, n))).collect(),
        cases: lines.into_iter().map(|(_, l)| l).collect(),
    })
}

async fn page<S: Store>(
    web: &Web<S>,
    user: &User,
    tabs: Tabs,
    problems: Vec<String>,
    form: &FormFields,
) -> Result<CampaignsPage, PageError> {
    let court = tabs.court.clone();
    let today = web.today();
    let register = web.register().await?;
    let mut campaigns = Vec::new();
    // The court's own campaigns, then its part of those handed down from above, newest first.
    let mut states: Vec<&CampaignState> = register
        .campaigns
        .values()
        .filter(|s| {
            s.campaign.court == court
                || (court.is_within(&s.campaign.court) && s.cases.iter().any(|l| l.case_no.court().is_within(&court)))
        })
        .collect();
    states.sort_by(|a, b| {
        (a.campaign.court != court, std::cmp::Reverse(a.campaign.from))
            .cmp(&(b.campaign.court != court, std::cmp::Reverse(b.campaign.from)))
    });
    for s in states {
        campaigns.push(view(web, user, s, &court, today).await?);
    }
    Ok(CampaignsPage {
        nav: Nav::load(web, user, "manage").await?,
        tabs,
        campaigns,
        problems,
        values: form.iter().filter(|(k, _)| k != "csrf").cloned().collect(),
        today: today.to_string(),
    })
}

pub async fn campaigns<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    PageQuery(q): PageQuery<CourtQuery>,
) -> Result<Response, PageError> {
    let tabs = web.records_court(&user, q.court.as_deref())?;
    crate::pages::render(&page(&web, &user, tabs, Vec::new(), &Vec::new()).await?)
}

/// One line of the list: `案号[ 包案领导][ 目标日期]`, separated by spaces, commas or tabs.
fn listed_line(line: &str) -> Result<(CaseNumber, Option<String>, Option<NaiveDate>), String> {
    let mut parts = line.split(|c: char| c == ',' || c == '，' || c.is_whitespace()).filter(|p| !p.is_empty());
    let no = parts.next().ok_or("空行")?;
    let case_no = CaseNumber::parse(no).map_err(|e| e.to_string())?;
    let (mut leader, mut target) = (None, None);
    for p in parts {
        match NaiveDate::parse_from_str(p, "%Y-%m-%d") {
            Ok(d) => target = Some(d),
            Err(_) if leader.is_none() => leader = Some(p.to_owned()),
            Err(_) => return Err(format!("无法识别“{p}”（应为包案领导的法官代码或目标日期 YYYY-MM-DD）")),
        }
    }
    Ok((case_no, leader, target))
}

pub async fn open_campaign<S: Store>(
    State(web): State<Arc<Web<S>>>,
    CheckedForm { user, fields: form }: CheckedForm,
) -> Result<Response, PageError> {
    let tabs = web.keeping_court(&user, &form)?;
    let court = tabs.court.clone();
    let mut problems = Vec::new();
    let id = text(&form, "id", &mut problems);
    let name = text(&form, "name", &mut problems);
    let from = future_date(&form, "from", false, &mut problems);
    let to = future_date(&form, "to", false, &mut problems);
    let scope = CampaignScope::parse(field(&form, "scope")).unwrap_or_default();
    let mut records = Vec::new();
    if let (Some(from), Some(to)) = (from, to) {
        records.push(Management::Campaign(Campaign {
            court: court.clone(),
            id: id.clone(),
            name,
            from,
            to,
            termination_counts: field(&form, "termination_counts") == "on",
            scope,
        }));
        let p = user.account.principal();
        let listed_on = from.max(web.today()).min(to);
        let list = field(&form, "cases");
        for (i, line) in list.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            match listed_line(line.trim()) {
                Ok((case_no, leader, target_on)) => {
                    // A case the account may not open is one that does not exist.
                    let row = web.docket.store().case(&case_no).await.map_err(docket_app::AppError::from)?;
                    let Some(row) = row.filter(|r| web.readable(&p, r)) else {
                        problems.push(format!("清单第 {} 行：案件 {case_no} 不存在", i + 1));
                        continue;
                    };
                    if let Err(why) = scope.may_list(row.closed_on.map(|d| (d, row.close_method))) {
                        problems.push(format!("清单第 {} 行：案件 {case_no} {why}", i + 1));
                        continue;
                    }
                    records.push(Management::CampaignCase(CampaignCase {
                        court: court.clone(),
                        campaign: id.clone(),
                        case_no,
                        listed_on,
                        leader,
                        target_on,
                    }));
                }
                Err(why) => problems.push(format!("清单第 {} 行：{why}", i + 1)),
            }
        }
        // 终本清仓 with no list: the whole 终本 library of the court and those below it — the
        // cases closed by 终本 within five years and not yet resumed.
        if scope == CampaignScope::Terminated && list.trim().is_empty() {
            let courts: Vec<String> =
                web.courts.iter().filter(|c| c.code.is_within(&court)).map(|c| c.code.to_string()).collect();
            let store = web.docket.store();
            let library = store
                .enforcement_cases(&courts, EnforcementList::Terminated)
                .await
                .map_err(docket_app::AppError::from)?;
            for r in library {
                let recent = r.closed_on.is_some_and(|d| docket_domain::enforcement::in_library(d, listed_on));
                if !recent || !web.readable(&p, &r) {
                    continue;
                }
                if !store.derived_cases(&r.case_no).await.map_err(docket_app::AppError::from)?.is_empty() {
                    continue;
                }
                records.push(Management::CampaignCase(CampaignCase {
                    court: court.clone(),
                    campaign: id.clone(),
                    case_no: r.case_no,
                    listed_on,
                    leader: None,
                    target_on: None,
                }));
            }
        }
        if records.len() == 1 && problems.is_empty() {
            problems.push("cases：清单中没有案件".into());
        }
    }
    web.keep_or_show(&user, tabs, problems, records, "campaigns", async |tabs, problems| {
        page(&web, &user, tabs, problems, &form).await
    })
    .await
}
