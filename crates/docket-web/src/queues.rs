//! 工作队列: what waits for the signed-in account. Each queue is a page (`/queues/{id}`), an API
//! list (`/api/v1/queues/{id}`) and a count in the page header; all three come from
//! [`entries`], so they cannot disagree. A queue lists only cases the account may read, and only
//! the queues of the account's role exist for it.
//!
//! - 待分案 (`to_assign`): open cases of the court without a 承办法官, for whoever assigns (立案员,
//!   审管办, 庭长, 院长).
//! - 待审批 (`approvals`): pending 延长审限 requests the account may decide: the 院长's own court's
//!   requests to the 院长, and its lower courts' requests to the 上级法院.
//! - 近期开庭 (`hearings`): hearings set in the next [`HEARING_DAYS`] days: a judge's own, the
//!   whole court's for a 书记员.
//! - 审限预警 (`due`): open cases due within [`ALERT_HORIZON_DAYS`] days or overdue, and
//!   deducted periods open for long: a judge's own, the 庭长's division's, the court's for the
//!   院长 and the 审管办.
//! - 待阅核 (`reading`): marked 四类案件 whose draft waits for the 庭长's or 院长's reading.
//! - 诉讼费 (`fees`): for whoever takes fees (立案员, 庭长, 院长), open cases whose advance fee
//!   is owed (诉讼费用交纳办法 §22; 按撤诉处理 past it, 民诉法解释 §213) and closed cases whose
//!   fee is due back (§53) and nothing was refunded yet, by the day each is due.
//! - 待上网 (`publication`): effective documents neither published nor withheld, by the day they
//!   are due on the internet (7 working days, 法释〔2016〕19号 §7), overdue first: a judge's own,
//!   the 庭长's division's, the court's for the 院长 and the 审管办.
//! - 待邮寄送达 (`postal`): open cases whose electronic service failed in the last
//!   [`POSTAL_LOOKBACK_DAYS`] (no confirmed account, 在线诉讼规则 §29) and were not yet served
//!   another way: the court's for a 书记员, 庭长 and 院长, a judge's own.

use chrono::{Days, NaiveDate};
use docket_app::Account;
use docket_domain::deadline::WarningSettings;
use docket_domain::{Action, Role};
use docket_store::{CaseFilter, Store, StoredCase};

use crate::error::WebError;
use crate::{CacheKey, Web, scope_of};

/// How far ahead 近期开庭 looks.
pub const HEARING_DAYS: u64 = 14;

/// How far ahead 审限预警 looks: the civil extension-request window (15 days).
pub const ALERT_HORIZON_DAYS: i64 = 15;

/// A work queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Queue {
    ToAssign,
    Approvals,
    Hearings,
    Due,
    Fees,
    Reading,
    /// 待上网
    Publication,
    /// 待邮寄送达
    Postal,
}

/// How far back 待邮寄送达 looks for failed electronic service.
pub const POSTAL_LOOKBACK_DAYS: u64 = 60;

/// How far back 诉讼费 looks for closed cases whose fee may be due back and was not refunded:
/// three years (a refund refused that long is a matter for the 审管办, not the window).
pub const REFUND_LOOKBACK_DAYS: u64 = 3 * 365;

impl Queue {
    pub const ALL: [Queue; 8] = [
        Queue::ToAssign,
        Queue::Approvals,
        Queue::Hearings,
        Queue::Due,
        Queue::Fees,
        Queue::Reading,
        Queue::Publication,
        Queue::Postal,
    ];

    /// The id in addresses and the API.
    pub fn id(self) -> &'static str {
        match self {
            Queue::ToAssign => "to_assign",
            Queue::Approvals => "approvals",
            Queue::Hearings => "hearings",
            Queue::Due => "due",
            Queue::Fees => "fees",
            Queue::Reading => "reading",
            Queue::Publication => "publication",
            Queue::Postal => "postal",
        }
    }

    pub fn parse(s: &str) -> Option<Queue> {
        Self::ALL.into_iter().find(|q| q.id() == s)
    }

    /// The queue's name (Chinese; the pages translate it).
    pub fn title(self) -> &'static str {
        match self {
            Queue::ToAssign => "待分案",
            Queue::Approvals => "待审批",
            Queue::Hearings => "近期开庭",
            Queue::Due => "审限预警",
            Queue::Fees => "诉讼费",
            Queue::Reading => "待阅核",
            Queue::Publication => "待上网",
            Queue::Postal => "待邮寄送达",
        }
    }

    /// Whether the account has this queue.
    pub fn applies(self, account: &Account) -> bool {
        match self {
            Queue::ToAssign => {
                matches!(account.role, Role::FilingClerk | Role::TrialManagement | Role::DivisionHead | Role::President)
            }
            Queue::Approvals => account.role == Role::President,
            Queue::Hearings => account.judge.is_some() || account.role == Role::Clerk,
            Queue::Due | Queue::Publication => match account.role {
                Role::Judge | Role::EnforcementOfficer => account.judge.is_some(),
                Role::DivisionHead | Role::President | Role::TrialManagement => true,
                _ => false,
            },
            Queue::Fees => matches!(account.role, Role::FilingClerk | Role::DivisionHead | Role::President),
            Queue::Reading => matches!(account.role, Role::DivisionHead | Role::President),
            Queue::Postal => match account.role {
                Role::Judge => account.judge.is_some(),
                Role::Clerk | Role::DivisionHead | Role::President => true,
                _ => false,
            },
        }
    }

    /// The account's queues, in the order of the header.
    pub fn of(account: &Account) -> Vec<Queue> {
        Self::ALL.into_iter().filter(|q| q.applies(account)).collect()
    }
}

/// One case in a queue, with what the queue is about.
#[derive(Debug, Clone)]
pub struct Entry {
    pub row: StoredCase,
    /// The date the queue is about: filed (待分案), requested (待审批), the hearing (近期开庭), the
    /// 审限 (审限预警).
    pub on: Option<NaiveDate>,
    /// Days left until `on` (negative: past), where the queue counts down.
    pub days_left: Option<i64>,
    /// The 审限 warnings (审限预警), in Chinese.
    pub warnings: Vec<String>,
    /// 待上网: the document's number on the case (its review page).
    pub document: Option<usize>,
}

impl Entry {
    fn of(row: StoredCase, on: Option<NaiveDate>) -> Self {
        Self { row, on, days_left: None, warnings: vec![], document: None }
    }
}

/// The account's cases in `queue`, in the queue's order. Refuses a queue the account does not
/// have.
pub async fn entries<S: Store>(web: &Web<S>, account: &Account, queue: Queue) -> Result<Vec<Entry>, WebError> {
    if !queue.applies(account) {
        return Err(WebError::Forbidden(format!(
            "{}（{}）没有“{}”队列",
            account.name,
            account.role.label(),
            queue.title()
        )));
    }
    let p = account.principal();
    let store = web.docket.store();
    let own = vec![account.court.to_string()];
    let today = web.today();
    let out = match queue {
        Queue::ToAssign => store
            .unassigned_cases(&own)
            .await
            .map_err(docket_app::AppError::from)?
            .into_iter()
            .filter(|r| p.may(Action::Assign, &scope_of(r)))
            .map(|r| {
                let on = Some(r.filed_on);
                Entry { days_left: Some((r.filed_on - today).num_days()), ..Entry::of(r, on) }
            })
            .collect(),
        Queue::Approvals => {
            let mut courts = own;
            courts.extend(web.courts_below(&account.court).iter().map(ToString::to_string));
            store
                .pending_extensions(&courts)
                .await
                .map_err(docket_app::AppError::from)?
                .into_iter()
                .filter(|r| {
                    r.extension_request.is_some_and(|x| p.may(Action::ApproveExtension(x.approver), &scope_of(r)))
                })
                .map(|r| {
                    let on = r.extension_request.map(|x| x.requested_on);
                    Entry::of(r, on)
                })
                .collect()
        }
        Queue::Hearings => {
            let to = today + Days::new(HEARING_DAYS);
            store
                .hearings_between(&own, today, to)
                .await
                .map_err(docket_app::AppError::from)?
                .into_iter()
                .filter(|r| match (&account.judge, account.role) {
                    (_, Role::Clerk) => true,
                    (Some(j), _) => r.judge.as_deref() == Some(j.as_str()),
                    (None, _) => false,
                })
                .filter(|r| web.readable(&p, r))
                .map(|r| {
                    let on = r.next_hearing;
                    Entry { days_left: on.map(|d| (d - today).num_days()), ..Entry::of(r, on) }
                })
                .collect()
        }
        Queue::Due => due_entries(web, account, today).await?,
        Queue::Fees => fee_entries(web, account, today).await?,
        Queue::Reading => reading_entries(web, account, today).await?,
        Queue::Publication => publication_entries(web, account, today).await?,
        Queue::Postal => postal_entries(web, account, today).await?,
    };
    Ok(out)
}

/// 诉讼费: advance fees owed on open cases and fees due back on cases closed in the last
/// [`REFUND_LOOKBACK_DAYS`], by the day each is due.
async fn fee_entries<S: Store>(web: &Web<S>, account: &Account, today: NaiveDate) -> Result<Vec<Entry>, WebError> {
    let p = account.principal();
    let schedule = web.fee_schedule();
    let store = web.docket.store();
    let filter = CaseFilter { court: Some(account.court.to_string()), ..Default::default() };
    let mut out = Vec::new();
    let mut push = |r: StoredCase, on: NaiveDate, warning: String| {
        if web.readable(&p, &r) && p.may(Action::Fee, &scope_of(&r)) {
            out.push(Entry {
                days_left: Some((on - today).num_days()),
                warnings: vec![warning],
                ..Entry::of(r, Some(on))
            });
        }
    };
    for r in store.cases_open_at(today, &filter).await.map_err(docket_app::AppError::from)? {
        let a = docket_app::fee_account(&r, &schedule);
        if let Some(by) = a.pay_by.filter(|_| a.owed.fen() > 0) {
            push(r, by, format!("应交诉讼费 {} 元", a.owed));
        }
    }
    let since = today - Days::new(REFUND_LOOKBACK_DAYS);
    let closed =
        store.fees_held_closed_since(&[account.court.to_string()], since).await.map_err(docket_app::AppError::from)?;
    for r in closed {
        let a = docket_app::fee_account(&r, &schedule);
        if let Some(by) = a.refund_by.filter(|_| a.refund_due.fen() > 0) {
            push(r, by, format!("应退诉讼费 {} 元", a.refund_due));
        }
    }
    out.sort_by_key(|e| (e.on, e.row.case_no.to_string()));
    Ok(out)
}

/// 待邮寄送达: failed electronic service not yet followed by service another way, the oldest
/// failure first.
async fn postal_entries<S: Store>(web: &Web<S>, account: &Account, today: NaiveDate) -> Result<Vec<Entry>, WebError> {
    let p = account.principal();
    let since = today - Days::new(POSTAL_LOOKBACK_DAYS);
    let candidates: Vec<StoredCase> = web
        .docket
        .store()
        .failed_eservice_cases(&[account.court.to_string()])
        .await
        .map_err(docket_app::AppError::from)?
        .into_iter()
        .filter(|r| r.eservice.last().is_some_and(|a| a.on >= since))
        .filter(|r| account.role != Role::Judge || r.judge.as_ref() == account.judge.as_ref())
        .filter(|r| web.readable(&p, r) && p.may(Action::Service, &scope_of(r)))
        .collect();
    let mut out = Vec::new();
    for (r, waiting) in web.docket.awaiting_post(candidates).await? {
        let first = waiting.iter().map(|w| w.failed_on).min();
        let warnings = waiting
            .iter()
            .map(|w| match &w.party {
                Some(p) => format!("{} 电子送达未成功（{p}）", w.failed_on),
                None => format!("{} 电子送达未成功", w.failed_on),
            })
            .collect();
        out.push(Entry { days_left: first.map(|d| (d - today).num_days()), warnings, ..Entry::of(r, first) });
    }
    out.sort_by_key(|e| (e.on, e.row.case_no.to_string()));
    Ok(out)
}

/// 待阅核: marked cases whose draft waits for the account's reading (the 院长 sees every one of
/// the court's), the longest waiting first.
async fn reading_entries<S: Store>(web: &Web<S>, account: &Account, today: NaiveDate) -> Result<Vec<Entry>, WebError> {
    let p = account.principal();
    let me = crate::who_of(account);
    let filter = CaseFilter { court: Some(account.court.to_string()), ..Default::default() };
    let open = web.docket.store().cases_open_at(today, &filter).await.map_err(docket_app::AppError::from)?;
    let mut out = Vec::new();
    for r in open {
        let Some((reviewer, since)) = docket_store::supervision_of(&r.enforcement).pending else { continue };
        if (reviewer == me || account.role == Role::President)
            && web.readable(&p, &r)
            && p.may(Action::Reading, &scope_of(&r))
        {
            let warning = format!("提交阅核：{}", web.judge_name(&r.court, &reviewer));
            out.push(Entry {
                days_left: Some((since - today).num_days()),
                warnings: vec![warning],
                ..Entry::of(r, Some(since))
            });
        }
    }
    out.sort_by_key(|e| (e.on, e.row.case_no.to_string()));
    Ok(out)
}

/// Whose cases a judge's, a 庭长's or the court's queue holds: the judge, the department, or
/// neither (the whole court).
fn own_scope<S: Store>(web: &Web<S>, account: &Account) -> (Option<String>, Option<String>) {
    match account.role {
        Role::Judge | Role::EnforcementOfficer => (account.judge.clone(), None),
        Role::DivisionHead => {
            let department = account
                .judge
                .as_deref()
                .and_then(|j| web.judges_of(&account.court).into_iter().find(|x| x.code == j))
                .and_then(|j| j.department.clone());
            (None, department)
        }
        _ => (None, None),
    }
}

/// 待上网: every effective document of the account's cases not yet published or withheld, by
/// the day it is due on the internet.
async fn publication_entries<S: Store>(
    web: &Web<S>,
    account: &Account,
    today: NaiveDate,
) -> Result<Vec<Entry>, WebError> {
    let p = account.principal();
    let (judge, department) = own_scope(web, account);
    let calendar = web.docket.calendar().await?;
    let courts = vec![account.court.to_string()];
    let rows = web.docket.store().unpublished_document_cases(&courts).await.map_err(docket_app::AppError::from)?;
    let mut out = Vec::new();
    for r in rows {
        if !(web.readable(&p, &r)
            && p.may(Action::Publish, &scope_of(&r))
            && judge.as_ref().is_none_or(|j| r.judge.as_ref() == Some(j))
            && department.as_ref().is_none_or(|d| r.department.as_ref() == Some(d)))
        {
            continue;
        }
        let documents = r.enforcement.iter().filter_map(|f| match f.fact {
            docket_store::EnforcementFact::Document(doc, answered) => Some((f.on, doc, answered)),
            _ => None,
        });
        for (n, (on, doc, answered)) in documents.enumerate() {
            if answered {
                continue;
            }
            let due = docket_domain::publication::publication_due(on, &calendar);
            out.push(Entry {
                days_left: Some((due - today).num_days()),
                warnings: vec![format!("{} {on} 生效", doc.label())],
                document: Some(n + 1),
                ..Entry::of(r.clone(), Some(due))
            });
        }
    }
    out.sort_by_key(|e| (e.on, e.row.case_no.to_string(), e.document));
    Ok(out)
}

/// 审限预警: due soon or overdue, then deducted periods open for long.
async fn due_entries<S: Store>(web: &Web<S>, account: &Account, today: NaiveDate) -> Result<Vec<Entry>, WebError> {
    let p = account.principal();
    let (judge, department) = own_scope(web, account);
    let mine = |r: &StoredCase| {
        web.readable(&p, r)
            && judge.as_ref().is_none_or(|j| r.judge.as_ref() == Some(j))
            && department.as_ref().is_none_or(|d| r.department.as_ref() == Some(d))
    };
    let due = web.due(&account.court, judge.as_deref(), ALERT_HORIZON_DAYS).await?;
    let mut out: Vec<Entry> = due
        .iter()
        .filter(|d| mine(&d.row))
        .map(|d| Entry {
            row: d.row.clone(),
            on: d.deadline.deadline_on,
            days_left: Some(d.days_left),
            warnings: d.warnings.iter().map(|w| w.describe()).collect(),
            document: None,
        })
        .collect();
    let long = WarningSettings::default().long_suspension_days;
    let filter =
        CaseFilter { court: Some(account.court.to_string()), judge: judge.clone(), department: department.clone() };
    let open = web.docket.store().cases_open_at(today, &filter).await.map_err(docket_app::AppError::from)?;
    for r in open {
        let Some((since, reason)) = r.suspended else { continue };
        let days = (today - since).num_days();
        if days > long && mine(&r) {
            let warning = format!("扣除审限（{}）已 {days} 天", reason.label());
            out.push(Entry { warnings: vec![warning], ..Entry::of(r, Some(since)) });
        }
    }
    Ok(out)
}

/// How many cases wait in each of the account's queues, for the header; cached until the court
/// (or a court below it) is written to.
pub async fn counts<S: Store>(web: &Web<S>, account: &Account) -> Result<Vec<(Queue, usize)>, WebError> {
    let key = CacheKey::Queues(account.court.clone(), account.username.clone());
    let counts = web
        .cached(key, &account.court, || async {
            let mut out = Vec::new();
            for q in Queue::of(account) {
                out.push((q, entries(web, account, q).await?.len()));
            }
            Ok(out)
        })
        .await?;
    Ok(counts.as_ref().clone())
}

/// Other hearings set on `on` before the same judge or in the same courtroom as a hearing being
/// scheduled for `case` (排期冲突), each as a sentence. A date holds several hearings of one
/// judge, so this warns rather than refuses: the clerk decides.
pub async fn hearing_clashes<S: Store>(
    web: &Web<S>,
    case: &StoredCase,
    on: NaiveDate,
    room: Option<&str>,
) -> Result<Vec<String>, WebError> {
    let court = vec![case.court.to_string()];
    let same_day = web.docket.store().hearings_between(&court, on, on).await.map_err(docket_app::AppError::from)?;
    let mut out = Vec::new();
    for other in same_day.iter().filter(|o| o.case_no != case.case_no) {
        if let (Some(r), Some(o)) = (room, other.next_room.as_deref())
            && r == o
        {
            out.push(format!("{on} {r} 已排 {} 开庭", other.case_no));
        }
        if let (Some(j), Some(o)) = (case.judge.as_deref(), other.judge.as_deref())
            && j == o
        {
            out.push(format!("承办法官 {} 在 {on} 另有 {} 开庭", web.judge_name(&case.court, j), other.case_no));
        }
    }
    Ok(out)
}
