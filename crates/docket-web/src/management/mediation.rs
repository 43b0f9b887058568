//! 调解组织 (诉源治理): the court's invited mediation organisations (特邀调解组织名册, 特邀调解规定
//! §8) and, for the year so far, what each did — cases referred (委派 before filing, 委托 after),
//! concluded, and the success rate of its 诉前调解 — from the indicator engine grouped by
//! organisation; the court-wide 诉前分流率 and 司法确认 beside them. The 审管办 and 院长 add an
//! organisation.

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use chrono::Datelike;
use docket_app::metrics_output::display;
use docket_domain::management::{Management, MediationOrg, MediationOrgType};
use docket_metrics::{Dimension, Period, Query};
use docket_store::Store;

use super::{CourtQuery, Tabs, text};
use crate::Web;
use crate::auth::{PageUser, User};
use crate::error::{PageError, WebError};
use crate::form::{CheckedForm, FormFields, field};
use crate::pages::Nav;
use crate::query::PageQuery;

pub struct OrgLine {
    pub code: String,
    pub name: String,
    pub kind: &'static str,
    /// 特邀调解员, by name.
    pub mediators: String,
    /// 诉前调解 concluded in the year, of them with an agreement, and the rate.
    pub concluded: String,
    pub agreed: String,
    pub rate: String,
}

#[derive(Template)]
#[template(path = "manage_mediation.html")]
struct MediationPage {
    nav: Nav,
    tabs: Tabs,
    year: i32,
    orgs: Vec<OrgLine>,
    /// (label, value) for the court: 诉前分流率, 诉前调解成功率, 司法确认数, 司法确认率.
    figures: Vec<(&'static str, String, &'static str)>,
    kinds: Vec<(&'static str, &'static str)>,
    problems: Vec<String>,
    values: BTreeMap<String, String>,
}

async fn page<S: Store>(
    web: &Web<S>,
    user: &User,
    tabs: Tabs,
    problems: Vec<String>,
    form: &FormFields,
) -> Result<MediationPage, PageError> {
    let court = tabs.court.clone();
    let today = web.today();
    let year = today.year();
    let register = web.register().await?;
    let period = Period::new(chrono::NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today), today);
    let query = |by: Vec<Dimension>, ids: &[&str]| Query {
        court: court.clone(),
        rollup: false,
        period,
        by,
        tag: None,
        causes: vec![],
        indicators: ids.iter().map(|s| (*s).to_owned()).collect(),
    };
    let by_org = web
        .with_engine(|e| e.compute(&query(vec![Dimension::Org], &["premediation_success_rate"])))?
        .map_err(|e| WebError::BadRequest(e.to_string()))?;
    let court_wide = web
        .with_engine(|e| {
            e.compute(&query(
                vec![],
                &["mediation_diversion_rate", "premediation_success_rate", "confirmations", "confirmation_rate"],
            ))
        })?
        .map_err(|e| WebError::BadRequest(e.to_string()))?;
    let mut orgs = Vec::new();
    for o in register.orgs.values().filter(|o| o.court == court) {
        let key = format!("{court}/{}", o.code);
        let v = by_org.iter().find(|g| g.key.iter().any(|(d, k)| *d == "org" && *k == key)).map(|g| &g.values[0]);
        orgs.push(OrgLine {
            code: o.code.clone(),
            name: o.name.clone(),
            kind: o.org_type.label(),
            mediators: if o.mediators.is_empty() { "—".into() } else { o.mediators.join("、") },
            concluded: v.and_then(|v| v.denominator).unwrap_or(0).to_string(),
            agreed: v.and_then(|v| v.numerator).unwrap_or(0).to_string(),
            rate: v.map_or_else(|| "—".into(), display),
        });
    }
    let figures = court_wide
        .first()
        .map(|g| g.values.iter().map(|v| (v.indicator.name, display(v), v.indicator.id)).collect::<Vec<_>>())
        .unwrap_or_default();
    Ok(MediationPage {
        nav: Nav::load(web, user, "manage").await?,
        tabs,
        year,
        orgs,
        figures,
        kinds: MediationOrgType::ALL.iter().map(|t| (t.as_str(), t.label())).collect(),
        problems,
        values: form.iter().filter(|(k, _)| k != "csrf").cloned().collect(),
    })
}

pub async fn mediation<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    PageQuery(q): PageQuery<CourtQuery>,
) -> Result<Response, PageError> {
    let tabs = web.records_court(&user, q.court.as_deref())?;
    crate::pages::render(&page(&web, &user, tabs, Vec::new(), &Vec::new()).await?)
}

pub async fn add_org<S: Store>(
    State(web): State<Arc<Web<S>>>,
    CheckedForm { user, fields: form }: CheckedForm,
) -> Result<Response, PageError> {
    let tabs = web.keeping_court(&user, &form)?;
    let mut problems = Vec::new();
    let code = text(&form, "code", &mut problems);
    if !code.is_empty() && !docket_domain::court::is_valid_local_code(&code) {
        problems.push(format!("code：调解组织代码“{code}”无效：应为 1–32 位字母、数字、- 或 _"));
    }
    let org_type = MediationOrgType::parse(field(&form, "type")).unwrap_or(MediationOrgType::Other);
    let mediators =
        field(&form, "mediators").lines().map(str::trim).filter(|m| !m.is_empty()).map(str::to_owned).collect();
    let o =
        MediationOrg { court: tabs.court.clone(), code, name: text(&form, "name", &mut problems), org_type, mediators };
    web.keep_or_show(&user, tabs, problems, vec![Management::MediationOrg(o)], "mediation", async |tabs, problems| {
        page(&web, &user, tabs, problems, &form).await
    })
    .await
}
