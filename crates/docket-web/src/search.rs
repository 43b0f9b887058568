//! Finding cases (案件查询) for the API and the 案件 page: the query parameters, each refused by
//! name when it is wrong, and the reach of the account — the courts it may read (its own, and
//! with `rollup` the courts below it) and the sealed cases among them it may read (its own as 承办
//! 法官, its court's as 院长 or 庭长) — which the store puts in the query itself, so a total never
//! counts a case the account could not open.

use chrono::NaiveDate;
use docket_app::Account;
use docket_domain::{CourtCode, Role};
use docket_store::{CaseSearch, SealedReach, SearchSort, StatusFilter, Store};

use crate::Web;
use crate::error::WebError;

/// The most results a page may hold.
pub const MAX_PER_PAGE: i64 = 200;

/// A search's parameters, as the API and the page take them.
#[derive(serde::Deserialize, Default, Debug, Clone)]
pub struct SearchParams {
    pub q: Option<String>,
    pub court: Option<String>,
    #[serde(default)]
    pub rollup: bool,
    pub status: Option<String>,
    pub judge: Option<String>,
    pub department: Option<String>,
    #[serde(rename = "type")]
    pub type_code: Option<String>,
    pub cause: Option<String>,
    pub tag: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub sort: Option<String>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
    /// The earlier API's names: `open=true` is `status=open`; `limit`/`offset` page by rows.
    pub open: Option<bool>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// A checked search: the store's query and the page it asks for.
pub struct Checked {
    pub search: CaseSearch,
    pub court: CourtCode,
    pub page: i64,
    pub per_page: i64,
}

fn text(name: &str, v: &Option<String>, max: usize) -> Result<Option<String>, WebError> {
    match v.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) if s.chars().count() > max => {
            Err(WebError::BadRequest(format!("参数 {name} 过长（至多 {max} 个字符）")))
        }
        Some(s) => Ok(Some(s.to_owned())),
    }
}

fn date(name: &str, v: &Option<String>) -> Result<Option<NaiveDate>, WebError> {
    match text(name, v, 20)? {
        None => Ok(None),
        Some(s) => NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| WebError::BadRequest(format!("参数 {name} 无效：应为日期，如 2025-01-31"))),
    }
}

impl SearchParams {
    /// The store's query for these parameters and this account, or the refusal naming the
    /// parameter at fault (a court the account may not view is not found).
    pub fn check<S: Store>(&self, web: &Web<S>, account: &Account) -> Result<Checked, WebError> {
        let court = web.court_param(account, self.court.as_deref())?;
        let mut courts = vec![court.to_string()];
        if self.rollup {
            courts.extend(web.courts_below(&court).into_iter().map(|c| c.to_string()));
        }
        let principal = account.principal();
        // Sealed cases are read in the account's own court only, by their judge or its leadership.
        let sealed = if principal.role.reads_sealed_as_leadership() {
            SealedReach::Court(account.court.to_string())
        } else {
            match &account.judge {
                Some(j) if account.role != Role::Admin => {
                    SealedReach::Judge { court: account.court.to_string(), judge: j.clone() }
                }
                _ => SealedReach::None,
            }
        };
        let status = match (self.status.as_deref().map(str::trim), self.open) {
            (None | Some(""), Some(true)) => Some(StatusFilter::Open),
            (None | Some(""), _) => None,
            (Some("open"), _) => Some(StatusFilter::Open),
            (Some("closed"), _) => Some(StatusFilter::Closed),
            (Some(other), _) => {
                return Err(WebError::BadRequest(format!("参数 status 无效：应为 open 或 closed，而不是“{other}”")));
            }
        };
        let type_code = text("type", &self.type_code, 10)?;
        if let Some(t) = &type_code
            && docket_domain::CaseType::lookup(t).is_none()
        {
            return Err(WebError::BadRequest(format!("参数 type 无效：没有类型代字“{t}”")));
        }
        let tag = text("tag", &self.tag, 40)?;
        if let Some(t) = &tag
            && !t.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        {
            return Err(WebError::BadRequest(format!("参数 tag 无效：“{t}”不是标签")));
        }
        let sort = match self.sort.as_deref().map(str::trim) {
            None | Some("") | Some("filed_desc") => SearchSort::FiledDesc,
            Some("filed_asc") => SearchSort::FiledAsc,
            Some("case_no") => SearchSort::CaseNo,
            Some("deadline") => SearchSort::Deadline,
            Some(other) => {
                return Err(WebError::BadRequest(format!(
                    "参数 sort 无效：应为 filed_desc、filed_asc、case_no 或 deadline，而不是“{other}”"
                )));
            }
        };
        let (from, to) = (date("from", &self.from)?, date("to", &self.to)?);
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            return Err(WebError::BadRequest("参数 from 无效：起始日期晚于截止日期".into()));
        }
        let per_page = self.per_page.or(self.limit).unwrap_or(50);
        let max = if self.limit.is_some() && self.per_page.is_none() { 500 } else { MAX_PER_PAGE };
        if !(1..=max).contains(&per_page) {
            let name = if self.per_page.is_some() { "per_page" } else { "limit" };
            return Err(WebError::BadRequest(format!("参数 {name} 无效：应在 1 到 {max} 之间，而不是 {per_page}")));
        }
        let page = self.page.unwrap_or(1);
        if !(1..=100_000).contains(&page) {
            return Err(WebError::BadRequest(format!("参数 page 无效：应在 1 到 100000 之间，而不是 {page}")));
        }
        let offset = match self.offset {
            Some(o) if o < 0 => return Err(WebError::BadRequest(format!("参数 offset 无效：不能为负数（{o}）"))),
            Some(o) => o,
            None => (page - 1) * per_page,
        };
        let search = CaseSearch {
            courts,
            sealed: Some(sealed),
            text: text("q", &self.q, 100)?,
            status,
            judge: text("judge", &self.judge, 40)?,
            department: text("department", &self.department, 40)?,
            type_code,
            cause: text("cause", &self.cause, 100)?,
            tag,
            filed_from: from,
            filed_to: to,
            sort,
            limit: per_page,
            offset,
            known_total: None,
        };
        Ok(Checked { search, court, page, per_page })
    }
}
