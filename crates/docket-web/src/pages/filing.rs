//! 立案: the filing form, its 繁简分流 suggestion and related-case hints, and the filing post.

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use docket_app::{FieldError, Filing, FilingParty};
use docket_domain::Procedure;
use docket_store::Store;

use super::frame::{CheckedForm, FormFields, Nav, field, href, percent_encode, render, render_status};
use crate::Web;
use crate::auth::{PageUser, User};
use crate::error::{PageError, WebError};
use crate::i18n::Lang;
use crate::query::PageQuery;

// ---------------------------------------------------------------- 立案

#[derive(Template)]
#[template(path = "file.html")]
struct FilePage {
    nav: Nav,
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
    types: Vec<(String, String)>,
    procedures: Vec<(String, String)>,
    roles: Vec<(String, String)>,
    /// 单位性质 choices (value, label).
    org_types: Vec<(String, String)>,
    judges: Vec<(String, String)>,
    tags: Vec<(String, String, bool)>,
    hints: FilingHints,
    party_rows: Vec<usize>,
    lang: Lang,
    /// After filing a case the filer may not open (a sealed case): its 案号, said here.
    notice: Option<String>,
}

/// A case that shares a party with the one being filed (关联案件).
pub struct RelatedLine {
    pub case_no: String,
    pub href: String,
    pub party: String,
    pub cause: String,
    pub filed_on: String,
    pub status: String,
}

/// What the filing form tells the clerk as it is filled in: the 繁简分流 suggestion and the
/// cases the same parties are in (by ID number or credit code; organisations also by name),
/// within the court and its lower courts, only those the account may read.
pub struct FilingHints {
    pub suggestion: Option<String>,
    pub related: Vec<RelatedLine>,
    /// The 诉讼费 as filled in so far.
    pub fee: Option<FeeHint>,
    /// 四类案件: the mark the court's rules suggest, for the judge or a 院庭长 to confirm.
    pub supervision: Option<String>,
}

/// The fee notice on the filing form.
pub struct FeeHint {
    pub total: String,
    pub none: Option<String>,
    pub lines: Vec<String>,
}

#[derive(Template)]
#[template(path = "filing_hints_fragment.html")]
struct HintsFragment {
    hints: FilingHints,
    lang: Lang,
}

/// Related cases shown per party, at most.
const RELATED_PER_PARTY: i64 = 5;

async fn filing_hints<S: Store>(web: &Web<S>, user: &User, form: &FormFields) -> Result<FilingHints, WebError> {
    let principal = user.account.principal();
    let mut related: Vec<RelatedLine> = Vec::new();
    for i in 0..PARTY_ROWS {
        let name = field(form, &format!("p{i}_name")).trim();
        let raw_id = field(form, &format!("p{i}_id")).trim();
        let organisation = field(form, &format!("p{i}_kind")) == "organization";
        if name.is_empty() && raw_id.is_empty() {
            continue;
        }
        // A resident ID is matched in its checked form (x → X); an unparseable one is not used.
        let id = if raw_id.is_empty() {
            None
        } else {
            let t = if organisation { docket_domain::IdType::CreditCode } else { docket_domain::IdType::ResidentId };
            docket_domain::PartyId::parse(t, raw_id).ok().map(|p| p.number().to_owned())
        };
        let org_name = (organisation && !name.is_empty()).then_some(name);
        if id.is_none() && org_name.is_none() {
            continue;
        }
        let rows = web
            .docket
            .store()
            .cases_with_party(user.account.court.as_str(), id.as_deref(), org_name, RELATED_PER_PARTY)
            .await
            .map_err(docket_app::AppError::from)?;
        for r in rows.iter().filter(|r| web.readable(&principal, r)) {
            if related.iter().any(|x| x.case_no == r.case_no.to_string()) {
                continue;
            }
            // The party as the matched case recorded it (the ID may be typed under another name).
            let parties = web.docket.store().case_parties(&r.case_no).await.map_err(docket_app::AppError::from)?;
            let matched = parties.into_iter().find(|p| match (&id, org_name) {
                (Some(id), _) if p.id_number.as_deref() == Some(id.as_str()) => true,
                (_, Some(org)) => p.name == org,
                _ => false,
            });
            related.push(RelatedLine {
                case_no: r.case_no.to_string(),
                href: href(&r.case_no),
                party: matched.map_or_else(|| name.to_owned(), |p| p.name),
                cause: r.cause.clone(),
                filed_on: r.filed_on.to_string(),
                status: user.lang.t(r.status.label()).to_owned(),
            });
        }
    }
    let lang = user.lang;
    let rules = web.engine().map(|e| e.settings.triage.clone()).unwrap_or_default();
    let suggestion = suggest_procedure(&rules, form).map(|s| {
        let (team, why) = (lang.t_owned(&s.team), lang.t_owned(&s.why));
        format!("{}{}（{team}，{why}）", lang.t("繁简分流建议："), lang.t(s.procedure.label()))
    });
    let fee = fee_estimate(&web.fee_schedule(), form).map(|a| FeeHint {
        total: a.total.to_string(),
        none: a.none.map(|n| lang.t(n).to_owned()),
        lines: a
            .lines
            .iter()
            .map(|l| {
                format!("{} {}{} 元（{}）", lang.t(l.item), if l.deduction { "-" } else { "" }, l.amount, l.article)
            })
            .collect(),
    });
    let supervision = {
        let rules = web.engine().map(|e| e.settings.supervision.clone()).unwrap_or_default();
        let claim = docket_domain::Amount::from_yuan_str(field(form, "claim_amount")).ok();
        let tags: Vec<docket_domain::Tag> =
            form.iter().filter(|(k, _)| k == "tags").filter_map(|(_, v)| docket_domain::Tag::parse(v)).collect();
        rules.suggest_for(field(form, "cause").trim(), claim, &tags).map(|(category, why)| {
            format!(
                "{}{}（{}）{}",
                lang.t("建议标记为四类案件："),
                lang.t(category.label()),
                lang.t_owned(&why),
                lang.t("，立案后由承办法官或院庭长确认")
            )
        })
    };
    Ok(FilingHints { suggestion, related, fee, supervision })
}

/// `GET /file/hints?<the form's fields>`: the hints as an HTML fragment, for the form's own small
/// script to show while the clerk types (the same fragment the page renders on submit).
pub async fn file_hints<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    PageQuery(form): PageQuery<FormFields>,
) -> Result<Response, PageError> {
    if !user.account.principal().may_file(&user.account.court) {
        return Err(WebError::NotFound.into());
    }
    render(&HintsFragment { hints: filing_hints(&web, &user, &form).await?, lang: user.lang })
}

impl FilePage {
    fn value(&self, k: &str) -> &str {
        self.values.get(k).map_or("", String::as_str)
    }
    fn error(&self, k: &str) -> &str {
        self.errors.get(k).map_or("", String::as_str)
    }
    fn selected(&self, k: &str, v: &str) -> bool {
        self.values.get(k).is_some_and(|x| x == v)
    }
}

const PARTY_ROWS: usize = 4;

async fn file_page<S: Store>(
    web: &Web<S>,
    user: &User,
    form: &FormFields,
    errors: Vec<FieldError>,
) -> Result<FilePage, WebError> {
    let values: BTreeMap<String, String> = form.iter().filter(|(k, _)| k != "tags").cloned().collect();
    let chosen_tags: Vec<&str> = form.iter().filter(|(k, _)| k == "tags").map(|(_, v)| v.as_str()).collect();
    let mut errs = BTreeMap::new();
    for e in errors {
        // parties[1].name → p1_name, the form's field.
        let key = match e.field.strip_prefix("parties[") {
            Some(rest) => match rest.split_once("].") {
                Some((i, f)) => format!("p{i}_{}", if f == "id_number" { "id" } else { f }),
                None => "parties".into(),
            },
            None => e.field.clone(),
        };
        errs.entry(key).and_modify(|m: &mut String| m.push_str(&format!("；{}", e.message))).or_insert(e.message);
    }
    let hints = filing_hints(web, user, form).await?;
    Ok(FilePage {
        nav: Nav::load(web, user, "file").await?,
        values,
        errors: errs,
        types: docket_domain::case_type::TYPES
            .iter()
            .map(|t| (t.code.to_owned(), format!("{}（{}）", user.lang.t(t.name), t.code)))
            .collect(),
        procedures: Procedure::ALL.iter().map(|p| (p.as_str().to_owned(), user.lang.t(p.label()).to_owned())).collect(),
        roles: docket_domain::PartyRole::ALL
            .iter()
            .map(|r| (r.as_str().to_owned(), user.lang.t(r.label()).to_owned()))
            .collect(),
        org_types: docket_domain::OrgType::ALL
            .iter()
            .map(|t| (t.as_str().to_owned(), user.lang.t(t.label()).to_owned()))
            .collect(),
        judges: web.judge_choices(&user.account.court),
        tags: docket_domain::case::KNOWN_TAGS
            .iter()
            .map(|(id, l)| ((*id).to_owned(), user.lang.t(l).to_owned(), chosen_tags.contains(id)))
            .collect(),
        hints,
        party_rows: (0..PARTY_ROWS).collect(),
        lang: user.lang,
        notice: None,
    })
}

/// 繁简分流: the court's rules (`docket_domain::triage`) on the form as filled in so far.
pub fn suggest_procedure(
    rules: &docket_domain::triage::TriageRules,
    form: &FormFields,
) -> Option<docket_domain::triage::Suggestion> {
    let claim = docket_domain::Amount::from_yuan_str(field(form, "claim_amount")).ok();
    let parties = (0..PARTY_ROWS).filter(|i| !field(form, &format!("p{i}_name")).trim().is_empty()).count();
    let tags: Vec<&str> = form.iter().filter(|(k, _)| k == "tags").map(|(_, v)| v.as_str()).collect();
    let c = docket_domain::triage::TriageCase {
        type_code: field(form, "type"),
        cause: field(form, "cause").trim(),
        claim,
        parties,
        tags: &tags,
    };
    rules.suggest(&c)
}

/// The 诉讼费 of the case as filled in so far (诉讼费用交纳办法), for the notice at filing.
fn fee_estimate(schedule: &docket_domain::FeeSchedule, form: &FormFields) -> Option<docket_domain::Assessment> {
    let case_type = docket_domain::CaseType::lookup(field(form, "type"))?;
    let procedure = Procedure::parse(field(form, "procedure"))
        .filter(|p| case_type.allows(*p))
        .or_else(|| case_type.procedures.first().copied())?;
    let claim = match field(form, "claim_amount").trim() {
        "" => None,
        s => Some(docket_domain::Amount::from_yuan_str(s).ok()?),
    };
    let labor = form.iter().any(|(k, v)| k == "tags" && v == "labor");
    let c = docket_domain::fee::FeeCase {
        case_type,
        procedure,
        cause: field(form, "cause").trim(),
        claim,
        closing: None,
        labor,
    };
    Some(schedule.assess(&c))
}

#[derive(serde::Deserialize, Default)]
pub struct FiledQuery {
    filed: Option<String>,
}

pub async fn file_form<S: Store>(
    State(web): State<Arc<Web<S>>>,
    PageUser(user): PageUser,
    crate::query::PageQuery(q): crate::query::PageQuery<FiledQuery>,
) -> Result<Response, PageError> {
    if !user.account.principal().may_file(&user.account.court) {
        return Err(WebError::Forbidden(format!("{}不能立案", user.account.role.label())).into());
    }
    let today = web.today().to_string();
    let form = vec![
        ("filed_on".to_owned(), today),
        ("type".to_owned(), "民初".to_owned()),
        ("procedure".to_owned(), "simple".to_owned()),
        ("p0_role".to_owned(), "plaintiff".to_owned()),
        ("p1_role".to_owned(), "defendant".to_owned()),
    ];
    let mut page = file_page(&web, &user, &form, vec![]).await?;
    // The confirmation of a sealed filing, only to the account whose filing the audit log holds
    // (a 案号 typed into the address says nothing).
    if let Some(n) = q.filed.as_deref().and_then(|n| docket_domain::CaseNumber::parse(n).ok()) {
        let query = docket_store::AuditQuery {
            court: user.account.court.to_string(),
            username: Some(user.account.username.clone()),
            action: Some("file_case".into()),
            target: Some(n.to_string()),
            limit: 1,
            ..Default::default()
        };
        if !web.docket.store().audit_search(&query).await.map_err(docket_app::AppError::from)?.is_empty() {
            page.notice = Some(if user.lang.is_en() {
                format!("Filed as {n}. The case is sealed: only its judges and the court's leadership can open it.")
            } else {
                format!("已立案：{n}。该案为不公开审理的案件，只有承办法官和院庭长可以查阅。")
            });
        }
    }
    render(&page)
}

pub async fn file<S: Store>(
    State(web): State<Arc<Web<S>>>,
    CheckedForm { user, fields: form }: CheckedForm,
) -> Result<Response, PageError> {
    if !user.account.principal().may_file(&user.account.court) {
        return Err(WebError::Forbidden(format!("{}不能立案", user.account.role.label())).into());
    }
    let filed_on = match field(&form, "filed_on").trim() {
        "" => None,
        s => match s.parse::<NaiveDate>() {
            Ok(d) => Some(d),
            Err(_) => {
                let page =
                    file_page(&web, &user, &form, vec![FieldError::new("filed_on", "请填写日期，如 2025-03-01")])
                        .await?;
                return render_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
            }
        },
    };
    let filing = Filing {
        court: user.account.court.to_string(),
        type_code: field(&form, "type").to_owned(),
        procedure: field(&form, "procedure").to_owned(),
        cause: field(&form, "cause").to_owned(),
        received_on: field(&form, "received_on").to_owned(),
        filed_on,
        online: field(&form, "online") == "true",
        claim_amount: field(&form, "claim_amount").to_owned(),
        tags: form.iter().filter(|(k, _)| k == "tags").map(|(_, v)| v.clone()).collect(),
        origin: field(&form, "origin").to_owned(),
        sealed: field(&form, "sealed") == "true",
        parties: (0..PARTY_ROWS)
            .map(|i| FilingParty {
                role: field(&form, &format!("p{i}_role")).to_owned(),
                kind: field(&form, &format!("p{i}_kind")).to_owned(),
                name: field(&form, &format!("p{i}_name")).to_owned(),
                id_number: field(&form, &format!("p{i}_id")).to_owned(),
                org_type: field(&form, &format!("p{i}_org")).to_owned(),
                agents: Vec::new(),
            })
            .collect(),
        judge: field(&form, "judge").to_owned(),
        application: None,
    };
    match web.docket.file_case(filing, web.today(), Some(&user.account)).await {
        Ok(case_no) => {
            web.refresh_case(&case_no).await?;
            let row = web.docket.store().case(&case_no).await.map_err(docket_app::AppError::from)?;
            if row.is_some_and(|r| web.readable(&user.account.principal(), &r)) {
                Ok(Redirect::to(&format!("{}?done={}", href(&case_no), percent_encode("立案"))).into_response())
            } else {
                // A sealed case the filer may not open: back to 立案 with its 案号, not to 未找到.
                Ok(Redirect::to(&format!("/file?filed={}", percent_encode(&case_no.to_string()))).into_response())
            }
        }
        Err(docket_app::AppError::Fields(errors)) => {
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &file_page(&web, &user, &form, errors).await?)
        }
        Err(e) => Err(e.into()),
    }
}
