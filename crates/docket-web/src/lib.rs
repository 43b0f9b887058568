//! Docket's web application (审管网页端): server-rendered Chinese pages and the JSON API under
//! `/api/v1`, over any [`Store`].
//!
//! - Every request names its account through the session cookie (HttpOnly, SameSite=Strict);
//!   every form post also carries the session's CSRF token.
//! - Every case is reached through [`Web::case_for`], which applies the access rules of
//!   `docket_domain::access` and answers "not found" when reading is refused.
//! - Writes, sign-ins and reads of sealed cases go to the audit log.
//! - No third-party script or style: the stylesheet is ours, charts are SVG drawn on the server,
//!   and the pages work without JavaScript.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

mod admin;
mod analysis;
mod api;
mod auth;
mod cookies;
mod enforcement;
mod error;
mod form;
pub mod i18n;
mod judge;
mod ledger;
mod management;
pub mod notices;
mod openapi;
mod ops;
mod pages;
mod portal;
mod query;
pub mod queues;
mod reports;
mod routes;
pub mod search;
mod similar;

pub use routes::router;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

use axum::http::{HeaderValue, header};

use chrono::NaiveDate;
use docket_app::{Account, AppError, CaseView, Docket};
use docket_domain::{Action, CaseNumber, CaseScope, Court, CourtCode, Judge};
use docket_metrics::{Engine, Settings};
use docket_store::{Store, StoredCase};

pub use auth::{COOKIE, session_cookie};
pub use error::{WebError, chain as error_chain};

/// How the server runs.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// "Today" for deadlines and indicators; the real date when `None` (tests fix it).
    pub today: Option<NaiveDate>,
    /// Mark the session cookie `Secure` (behind HTTPS).
    pub secure_cookies: bool,
    /// Reverse proxies whose `X-Forwarded-For` is believed: a request from one of them is
    /// counted against the address its last hop names (the sign-in limit per address), not the
    /// proxy's. Empty: the peer address is the client.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// The indicator settings; `None` for those saved on the 管理 page (or the defaults).
    pub settings: Option<Settings>,
    /// Sign-in attempts allowed from one address in five minutes; [`auth::ATTEMPTS_PER_WINDOW`]
    /// when `None`.
    pub sign_in_attempts: Option<usize>,
    /// The most views the cache keeps; [`CACHE_ENTRIES`] when `None`.
    pub cache_entries: Option<usize>,
    /// The Merkle log's signing key, for checkpoints that proofs and bundles end in; without it,
    /// proofs use the checkpoints already issued.
    pub signer: Option<Arc<docket_tlog::SignerKey>>,
    /// The full-text index of the documents (类案检索), kept current by this server; one in
    /// memory, built from the log at start, when `None`.
    pub search: Option<docket_app::SharedIndex>,
}

/// The application as the web serves it.
pub struct Web<S: Store> {
    pub docket: Docket<S>,
    engine: RwLock<Engine>,
    /// The courts' mediation organisations (code, "name（code）") by court, kept with the engine's
    /// records (`refresh_records`), for the case page's referral form.
    orgs: RwLock<HashMap<CourtCode, Vec<(String, String)>>>,
    /// The register as the log holds it, replaced with the engine's records (`refresh_records`)
    /// after this server or another writer adds a record: the 审管台账 pages read it without
    /// folding tens of thousands of lines (a province's monthly appraisal marks) per request.
    register: RwLock<Arc<docket_domain::management::Register>>,
    /// One refresh of the register at a time: a slow one started before a record was written
    /// must not replace the register a later one read with it (`refresh_records`).
    refreshing_records: tokio::sync::Mutex<()>,
    courts: Vec<Court>,
    judges: Vec<Judge>,
    departments: Vec<docket_domain::Department>,
    options: Options,
    /// Sign-in attempts by client address (Unix seconds).
    attempts: Mutex<HashMap<String, Vec<i64>>>,
    /// Per court, a number bumped by every write the web makes to it or to a court below it.
    generations: Mutex<HashMap<CourtCode, u64>>,
    /// Computed views of a court's cases, each with the court generation and the day it was
    /// computed for; stale once either moves on.
    cache: Mutex<HashMap<CacheKey, Cached>>,
    /// One computation of a cached view at a time: requests that miss while it runs wait for it
    /// instead of repeating it (fifty users opening 首页 at 8:30 would otherwise each start the
    /// same engine passes and all wait on one another).
    computing: Mutex<HashMap<CacheKey, Arc<tokio::sync::Mutex<()>>>>,
    /// Per court, the last log entry the engine and caches have seen (see [`Web::follow_log`]).
    followed: tokio::sync::Mutex<HashMap<String, i64>>,
    /// The cache's clock (see [`Web::tick`]).
    clock: std::sync::atomic::AtomicU64,
    /// Requests by route, for `/metrics`.
    stats: ops::RequestStats,
    /// 类案检索's index.
    search: docket_app::SharedIndex,
}

/// What the cache holds.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum CacheKey {
    /// 首页 of a court, alone or with its lower courts, in a language.
    Home(CourtCode, bool, i18n::Lang),
    /// The 审限 list of a court (or one judge) within so many days.
    Due(CourtCode, Option<String>, i64),
    /// A judge's open cases without a running 审限 (suspended, or no limit).
    Undated(CourtCode, String),
    /// The counts of an account's work queues (the court, the username).
    Queues(CourtCode, String),
    /// The total of a case list without a text (the court searched, the search's filters and
    /// read reach).
    ListTotal(CourtCode, String),
}

impl CacheKey {
    /// The court whose writes make the view stale.
    fn court(&self) -> &CourtCode {
        match self {
            CacheKey::Home(c, _, _)
            | CacheKey::Due(c, _, _)
            | CacheKey::Undated(c, _)
            | CacheKey::Queues(c, _)
            | CacheKey::ListTotal(c, _) => c,
        }
    }
}

struct Cached {
    generation: u64,
    day: NaiveDate,
    value: Arc<dyn std::any::Any + Send + Sync>,
    /// When it was last read (the cache's own clock), for evicting the least recently used.
    used: u64,
}

/// The most views the cache keeps: every court's 首页 in both languages, alone and rolled up, and
/// the 审限 lists of a province's judges fit; past it the least recently used view goes.
pub const CACHE_ENTRIES: usize = 4096;

/// A case as the account may see it.
pub struct VisibleCase {
    pub row: StoredCase,
}

impl VisibleCase {
    pub fn scope(&self) -> CaseScope<'_> {
        scope_of(&self.row)
    }
}

/// The mediation organisations of a register as the referral form offers them, by court.
pub(crate) fn org_choices(register: &docket_domain::management::Register) -> HashMap<CourtCode, Vec<(String, String)>> {
    let mut out: HashMap<CourtCode, Vec<(String, String)>> = HashMap::new();
    for o in register.orgs.values() {
        out.entry(o.court.clone()).or_default().push((o.code.clone(), format!("{}（{}）", o.name, o.code)));
    }
    out
}

/// What the access rules need to know of a case.
pub fn scope_of(row: &StoredCase) -> CaseScope<'_> {
    CaseScope { court: &row.court, sealed: row.sealed, judge: row.judge.as_deref(), category: row.case_type().category }
}

impl<S: Store> Web<S> {
    /// Loads the indicator engine and the reference data.
    pub async fn new(docket: Docket<S>, options: Options) -> Result<Arc<Self>, AppError> {
        let settings = match &options.settings {
            Some(s) => s.clone(),
            None => docket.indicator_settings().await?,
        };
        // The log's heads before the engine loads: `follow_log` picks up from here, so a write
        // landing during the load is seen (again) rather than missed.
        let heads = docket.store().chain_heads().await?;
        let followed = heads.into_iter().map(|h| (h.court, h.seq)).collect();
        let register = docket.register().await?;
        let engine = docket.metrics_engine_with(settings, &register).await?;
        let orgs = org_choices(&register);
        let courts = docket.store().courts().await?;
        let judges = docket.store().judges().await?;
        let departments = docket.store().departments().await?;
        let search = match &options.search {
            Some(index) => index.clone(),
            None => {
                let index = docket_search::SearchIndex::in_memory().map_err(|e| AppError::Invalid(e.to_string()))?;
                docket.reindex(&index, &docket_app::Quiet).await?;
                Arc::new(index)
            }
        };
        Ok(Arc::new(Self {
            docket,
            engine: RwLock::new(engine),
            orgs: RwLock::new(orgs),
            register: RwLock::new(Arc::new(register)),
            refreshing_records: tokio::sync::Mutex::new(()),
            courts,
            judges,
            departments,
            options,
            attempts: Mutex::new(HashMap::new()),
            generations: Mutex::new(HashMap::new()),
            cache: Mutex::new(HashMap::new()),
            computing: Mutex::new(HashMap::new()),
            followed: tokio::sync::Mutex::new(followed),
            clock: std::sync::atomic::AtomicU64::new(0),
            stats: ops::RequestStats::default(),
            search,
        }))
    }

    /// The amounts the province sets within the ranges of 诉讼费用交纳办法 §13: the `fee.*` lines
    /// of the settings in force.
    pub fn fee_schedule(&self) -> docket_domain::FeeSchedule {
        self.engine().map_or_else(|_| docket_domain::FeeSchedule::default(), |e| e.settings.fees)
    }

    /// A court's mediation organisations as (code, label).
    pub fn orgs_of(&self, court: &CourtCode) -> Vec<(String, String)> {
        self.orgs.read().map(|o| o.get(court).cloned().unwrap_or_default()).unwrap_or_default()
    }

    pub fn today(&self) -> NaiveDate {
        self.options.today.unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// Every court of the deployment, in the order the log lists them.
    pub fn all_courts(&self) -> &[Court] {
        &self.courts
    }

    pub fn court(&self, code: &CourtCode) -> Option<&Court> {
        self.courts.iter().find(|c| &c.code == code)
    }

    fn court_named(&self, code: &str) -> Option<&str> {
        self.courts.iter().find(|c| c.code.as_str() == code).map(|c| c.name.as_str())
    }

    fn judge_named(&self, court: &str, code: &str) -> Option<&str> {
        self.judges.iter().find(|j| j.court.as_str() == court && j.code == code).map(|j| j.name.as_str())
    }

    fn department_named(&self, court: &str, code: &str) -> Option<&str> {
        self.departments.iter().find(|d| d.court.as_str() == court && d.code == code).map(|d| d.name.as_str())
    }

    /// A court's name, or its code if this server does not know it.
    pub fn court_name(&self, code: impl AsRef<str>) -> String {
        let code = code.as_ref();
        self.court_named(code).unwrap_or(code).to_owned()
    }

    /// A judge's name, or their code if this server does not know them.
    /// A court's judges as a select's choices: (code, `name（code）`).
    pub fn judge_choices(&self, court: &CourtCode) -> Vec<(String, String)> {
        self.judges_of(court).into_iter().map(|j| (j.code.clone(), format!("{}（{}）", j.name, j.code))).collect()
    }

    pub fn judge_name(&self, court: impl AsRef<str>, code: &str) -> String {
        self.judge_named(court.as_ref(), code).unwrap_or(code).to_owned()
    }

    /// The court's, judge's and department's names of a case as this server knows them (the
    /// view reads any it does not know from the store).
    pub fn known_names(&self, row: &StoredCase) -> docket_app::KnownNames {
        let court = row.court.as_str();
        docket_app::KnownNames {
            court: self.court_named(court).map(str::to_owned),
            judge: row.judge.as_deref().and_then(|code| self.judge_named(court, code)).map(str::to_owned),
            department: row
                .department
                .as_deref()
                .and_then(|code| self.department_named(court, code))
                .map(str::to_owned),
        }
    }

    pub fn judges_of(&self, court: &CourtCode) -> Vec<&Judge> {
        self.judges.iter().filter(|j| &j.court == court).collect()
    }

    /// The case, if the account may read it; anything else is "not found". Reading a sealed case is
    /// audited.
    pub async fn case_for(&self, account: &Account, case_no: &str) -> Result<VisibleCase, WebError> {
        let n = CaseNumber::parse(case_no.trim()).map_err(|_| WebError::NotFound)?;
        let row = self.docket.store().case(&n).await.map_err(AppError::from)?.ok_or(WebError::NotFound)?;
        let visible = VisibleCase { row };
        if !account.principal().can_read(&visible.scope()) {
            // Answered as "not found"; the audit trail keeps that someone tried.
            self.docket.audit(account, "refused_read", &visible.row.case_no.to_string(), "").await?;
            return Err(WebError::NotFound);
        }
        if visible.row.sealed {
            self.docket.audit(account, "read_sealed", &visible.row.case_no.to_string(), "").await?;
        }
        Ok(visible)
    }

    /// Whether the account may read a listed case (listings leave the others out).
    pub fn readable(&self, principal: &docket_domain::Principal, row: &StoredCase) -> bool {
        principal.can_read(&scope_of(row))
    }

    /// The court a request names, or the account's own; "not found" unless the account may view
    /// it.
    /// The courts below `court` (its lower courts, all levels down).
    pub fn courts_below(&self, court: &CourtCode) -> Vec<CourtCode> {
        self.courts.iter().filter(|c| &c.code != court && c.code.is_within(court)).map(|c| c.code.clone()).collect()
    }

    pub fn court_param(&self, account: &Account, court: Option<&str>) -> Result<CourtCode, WebError> {
        let court = match court {
            Some(c) => CourtCode::parse(c).map_err(|_| WebError::NotFound)?,
            None => account.court.clone(),
        };
        if account.principal().may_view_court(&court) { Ok(court) } else { Err(WebError::NotFound) }
    }

    /// The case's full view, if the account may read it.
    pub async fn view_for(&self, account: &Account, case_no: &str) -> Result<(VisibleCase, CaseView), WebError> {
        let visible = self.case_for(account, case_no).await?;
        let view = self
            .docket
            .case_view_named(
                visible.row.case_no.clone(),
                visible.row.clone(),
                self.today(),
                self.known_names(&visible.row),
            )
            .await?;
        Ok((visible, view))
    }

    /// Refuses `action` on a readable case unless the rules allow it.
    pub async fn require(&self, account: &Account, action: Action, case: &VisibleCase) -> Result<(), WebError> {
        if account.principal().may(action, &case.scope()) {
            Ok(())
        } else {
            self.docket.audit(account, "refused_action", &case.row.case_no.to_string(), action.id()).await?;
            Err(WebError::Forbidden(format!("{}（{}）不能对此案件执行该操作", account.name, account.role.label())))
        }
    }

    /// Brings the indicator engine up to date with a case just written, and marks the court and
    /// every court above it changed.
    pub async fn refresh_case(&self, case_no: &CaseNumber) -> Result<(), WebError> {
        if let Some(facts) = self.docket.case_facts(case_no).await? {
            let mut engine = self.engine.write().map_err(|_| WebError::internal("指标引擎锁已损坏"))?;
            engine.upsert(facts);
        }
        self.index_case(case_no).await?;
        let mut generations = self.generations.lock().map_err(|_| WebError::internal("缓存锁已损坏"))?;
        let mut court = Some(case_no.court().clone());
        while let Some(c) = court {
            court = c.parent();
            *generations.entry(c).or_default() += 1;
        }
        Ok(())
    }

    /// Computes every court's 首页 ahead of its first visitor (`serve` runs it in the background
    /// at start). Returns the number of courts.
    pub async fn warm(&self) -> Result<usize, WebError> {
        pages::warm_home(self).await
    }

    /// Rebuilds the indicator engine under new settings and invalidates every cached view.
    pub async fn replace_settings(&self, settings: Settings) -> Result<(), WebError> {
        let engine = self.docket.metrics_engine(settings).await?;
        *self.engine.write().map_err(|_| WebError::internal("指标引擎锁已损坏"))? = engine;
        self.invalidate_all()
    }

    /// Brings the engine and the cached views up to the log: the cases of every entry appended
    /// since the last call — by this server or by any other writer of the same database (an
    /// import, another server behind the same PostgreSQL) — are refreshed. Returns how many
    /// cases were. `serve` calls it every few seconds.
    pub async fn follow_log(&self) -> Result<usize, WebError> {
        const PAGE: i64 = 2000;
        let mut followed = self.followed.lock().await;
        let heads = self.docket.store().chain_heads().await.map_err(AppError::from)?;
        let mut refreshed = std::collections::BTreeSet::new();
        let mut records = false;
        for head in heads {
            let mut seen = followed.get(&head.court).copied().unwrap_or(-1);
            while seen < head.seq {
                let entries = self
                    .docket
                    .store()
                    .scan_log(None, Some((head.court.clone(), seen)), PAGE)
                    .await
                    .map_err(AppError::from)?;
                let mine: Vec<_> = entries.iter().take_while(|e| e.court == head.court).collect();
                let Some(last) = mine.last() else { break };
                seen = last.seq;
                records |= mine.iter().any(|e| e.kind == docket_store::EntryKind::Management.as_str());
                refreshed.extend(mine.iter().filter_map(|e| e.case_no.clone()));
            }
            followed.insert(head.court.clone(), seen);
        }
        for case_no in &refreshed {
            if let Ok(n) = CaseNumber::parse(case_no) {
                self.refresh_case(&n).await?;
            }
        }
        if records {
            self.refresh_records().await?;
        }
        Ok(refreshed.len())
    }

    /// Drops every cached view (deadlines or settings changed for all courts).
    pub fn invalidate_all(&self) -> Result<(), WebError> {
        let mut generations = self.generations.lock().map_err(|_| WebError::internal("缓存锁已损坏"))?;
        for court in &self.courts {
            *generations.entry(court.code.clone()).or_default() += 1;
        }
        Ok(())
    }

    /// The courts the account may view, as (code, name) for a form's court choice.
    pub fn viewable_courts(&self, account: &Account) -> Vec<(String, String)> {
        let principal = account.principal();
        self.courts
            .iter()
            .filter(|c| principal.may_view_court(&c.code))
            .map(|c| (c.code.to_string(), c.name.clone()))
            .collect()
    }

    /// Every 案由 a case has, sorted, for a form's suggestions.
    pub fn cause_names(&self) -> Result<Vec<String>, WebError> {
        let mut causes = self.engine()?.table().cause_names().to_vec();
        causes.sort();
        Ok(causes)
    }

    /// May the account change the deployment-wide settings (indicator settings, holidays)? The
    /// 管理员 and 审管办 of a top court only.
    pub fn may_configure(&self, account: &Account) -> bool {
        account.principal().may_configure() && self.is_top_court(&account.court)
    }

    /// Whether `court` is a top court of this deployment (no court above it here): deployment-wide
    /// settings — the indicator settings, the holiday calendar — are set there.
    pub fn is_top_court(&self, court: &CourtCode) -> bool {
        !self.courts.iter().any(|c| &c.code != court && court.is_within(&c.code))
    }

    fn generation(&self, court: &CourtCode) -> Result<u64, WebError> {
        let generations = self.generations.lock().map_err(|_| WebError::internal("缓存锁已损坏"))?;
        Ok(generations.get(court).copied().unwrap_or(0))
    }

    /// A cached view of `court`'s cases, computed when absent, stale (a write reached the court)
    /// or from another day. The lock is not held while computing: two requests may compute the
    /// same view at once, but one slow view never holds up another.
    async fn cached<T, F, Fut>(&self, key: CacheKey, court: &CourtCode, compute: F) -> Result<Arc<T>, WebError>
    where
        T: std::any::Any + Send + Sync,
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<T, WebError>>,
    {
        let today = self.today();
        let generation = self.generation(court)?;
        let hit = || -> Result<Option<Arc<T>>, WebError> {
            let mut cache = self.cache.lock().map_err(|_| WebError::internal("缓存锁已损坏"))?;
            let tick = self.tick();
            Ok(cache.get_mut(&key).filter(|c| c.generation == generation && c.day == today).and_then(|c| {
                c.used = tick;
                c.value.clone().downcast::<T>().ok()
            }))
        };
        if let Some(v) = hit()? {
            return Ok(v);
        }
        let gate = {
            let mut computing = self.computing.lock().map_err(|_| WebError::internal("缓存锁已损坏"))?;
            computing.entry(key.clone()).or_default().clone()
        };
        let turn = gate.lock().await;
        // Whoever held the turn may have computed it meanwhile.
        let value = match hit()? {
            Some(v) => v,
            None => {
                let value = Arc::new(compute().await?);
                let mut cache = self.cache.lock().map_err(|_| WebError::internal("缓存锁已损坏"))?;
                let capacity = self.options.cache_entries.unwrap_or(CACHE_ENTRIES).max(1);
                if cache.len() >= capacity && !cache.contains_key(&key) {
                    // Stale views first, then the least recently used.
                    let generations = self.generations.lock().map_err(|_| WebError::internal("缓存锁已损坏"))?;
                    cache.retain(|k, c| {
                        c.day == today && c.generation == generations.get(k.court()).copied().unwrap_or(0)
                    });
                    drop(generations);
                    if cache.len() >= capacity
                        && let Some(oldest) = cache.iter().min_by_key(|(_, c)| c.used).map(|(k, _)| k.clone())
                    {
                        cache.remove(&oldest);
                    }
                }
                cache.insert(key.clone(), Cached { generation, day: today, value: value.clone(), used: self.tick() });
                value
            }
        };
        drop(turn);
        // The gate goes when no one else waits at it, so the gates are as many as the views.
        if let Ok(mut computing) = self.computing.lock()
            && computing.get(&key).is_some_and(|g| Arc::strong_count(g) <= 2)
        {
            computing.remove(&key);
        }
        Ok(value)
    }

    /// 案件查询 for a checked search. A list without a text keeps its total until a write reaches
    /// the court searched (or the day changes): counting a court's readable cases is most of
    /// such a list's cost, and the 案件 page opens on one. With a text the store counts the few
    /// matches as it reads them.
    pub async fn search_cases(
        &self,
        checked: &crate::search::Checked,
    ) -> Result<(u64, Vec<docket_store::StoredCase>), WebError> {
        let store = self.docket.store();
        let mut search = checked.search.clone();
        if search.text.is_none() {
            // The filters alone: every page and order of one list shares its total.
            let filters = docket_store::CaseSearch {
                limit: 0,
                offset: 0,
                sort: docket_store::SearchSort::default(),
                known_total: None,
                ..search.clone()
            };
            let key = CacheKey::ListTotal(checked.court.clone(), format!("{filters:?}"));
            let total = self
                .cached(key, &checked.court, || async move {
                    Ok(store.count_cases(&filters).await.map_err(AppError::from)?)
                })
                .await?;
            search.known_total = Some(*total);
        }
        Ok(store.search_cases(&search).await.map_err(AppError::from)?)
    }

    /// The cache's clock: one tick per read or write.
    fn tick(&self) -> u64 {
        self.clock.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    }

    /// How many views the cache holds (for tests and operators).
    pub fn cached_views(&self) -> usize {
        self.cache.lock().map(|c| c.len()).unwrap_or(0)
    }

    /// The open cases of a court (of one judge, if given) whose 审限 ends within `within` days or
    /// has passed, as of today (`Docket::due`), cached.
    pub async fn due(
        &self,
        court: &CourtCode,
        judge: Option<&str>,
        within: i64,
    ) -> Result<Arc<Vec<docket_app::DueCase>>, WebError> {
        let key = CacheKey::Due(court.clone(), judge.map(str::to_owned), within);
        let filter = docket_store::CaseFilter {
            court: Some(court.to_string()),
            judge: judge.map(str::to_owned),
            department: None,
        };
        self.cached(key, court, || async { Ok(self.docket.due(&filter, self.today(), within).await?) }).await
    }

    /// A judge's open cases without a running 审限, cached.
    pub async fn undated(&self, court: &CourtCode, judge: &str) -> Result<Arc<Vec<StoredCase>>, WebError> {
        let key = CacheKey::Undated(court.clone(), judge.to_owned());
        let filter = docket_store::CaseFilter {
            court: Some(court.to_string()),
            judge: Some(judge.to_owned()),
            department: None,
        };
        self.cached(key, court, || async {
            let rows = self.docket.store().list_cases(&filter, true, 5000, 0).await.map_err(AppError::from)?;
            Ok(rows.into_iter().filter(|r| r.deadline_unadjusted.is_none()).collect())
        })
        .await
    }

    /// 首页's data for a court, cached.
    pub(crate) async fn cached_home<F, Fut>(
        &self,
        court: &CourtCode,
        rollup: bool,
        lang: i18n::Lang,
        compute: F,
    ) -> Result<Arc<pages::HomeData>, WebError>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<pages::HomeData, WebError>>,
    {
        self.cached(CacheKey::Home(court.clone(), rollup, lang), court, compute).await
    }

    /// Runs `work` on the indicator engine off the async workers: a query over a province's
    /// cases takes tens of milliseconds to seconds of CPU, and the requests queued behind it on the
    /// same worker (sign-ins, case pages) must not wait for it. On a multi-threaded runtime the
    /// worker hands its other tasks on before `work` runs (`block_in_place`); a current-thread
    /// runtime (some tests) has no other worker, so `work` runs in place.
    pub fn with_engine<T>(&self, work: impl FnOnce(&Engine) -> T) -> Result<T, WebError> {
        let run = || -> Result<T, WebError> { Ok(work(&*self.engine()?)) };
        match tokio::runtime::Handle::try_current().map(|h| h.runtime_flavor()) {
            Ok(tokio::runtime::RuntimeFlavor::MultiThread) => tokio::task::block_in_place(run),
            _ => run(),
        }
    }

    pub fn engine(&self) -> Result<std::sync::RwLockReadGuard<'_, Engine>, WebError> {
        self.engine.read().map_err(|_| WebError::internal("指标引擎锁已损坏"))
    }
}

/// The account as a supervision event or a review names it: its judge code, or its username
/// (the 审管办's staff).
pub(crate) fn who_of(account: &docket_app::Account) -> String {
    account.judge.clone().unwrap_or_else(|| account.username.clone())
}

/// Escapes text for HTML.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Defence in depth around every request:
/// - a state-changing request (sign-in and sign-out included) from another site is refused:
///   `Sec-Fetch-Site: cross-site`, or an `Origin` that is not this host (beyond SameSite cookies);
/// - the framework's own refusals on the API (a body that is not JSON, too large, of the wrong
///   type) are answered in the API's JSON error shape, in Chinese.
async fn guard(request: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    use axum::http::{Method, StatusCode};
    let api = request.uri().path().starts_with("/api/");
    let changes = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if changes {
        let h = request.headers();
        let cross_site = h.get("sec-fetch-site").is_some_and(|v| v.as_bytes() == b"cross-site");
        let foreign_origin = match (h.get(header::ORIGIN).and_then(|v| v.to_str().ok()), h.get(header::HOST)) {
            (Some("null"), _) => true,
            (Some(origin), Some(host)) => origin.split_once("://").map(|(_, rest)| rest) != host.to_str().ok(),
            _ => false,
        };
        if cross_site || foreign_origin {
            let refused = WebError::Forbidden("来自其他网站的请求，已拒绝".into());
            return if api {
                axum::response::IntoResponse::into_response(error::ApiError(refused))
            } else {
                axum::response::IntoResponse::into_response(error::PageError(refused))
            };
        }
    }
    let response = next.run(request).await;
    let status = response.status();
    let json =
        response.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if api && !json && (status.is_client_error() && status != StatusCode::NOT_FOUND) {
        let refused = match status {
            StatusCode::PAYLOAD_TOO_LARGE => WebError::BadRequest("请求体过大".into()),
            StatusCode::UNSUPPORTED_MEDIA_TYPE => {
                WebError::BadRequest("请求体类型不受支持：应为 application/json".into())
            }
            StatusCode::METHOD_NOT_ALLOWED => WebError::BadRequest("此路径不支持该请求方法".into()),
            _ => WebError::BadRequest("请求无法解析：请求体应为符合接口文档的 JSON".into()),
        };
        let mut answer = axum::response::IntoResponse::into_response(error::ApiError(refused));
        *answer.status_mut() = status;
        return answer;
    }
    response
}

async fn security_headers(mut response: axum::response::Response) -> axum::response::Response {
    // Pages and API answers carry personal data: no copy in any cache (the stylesheet and the
    // one script may be cached).
    let asset = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/css") || v.as_bytes().starts_with(b"text/javascript"));
    if !asset {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// How long a client may take to send a request's headers before the connection is closed: a
/// client that opens connections and trickles its headers (slowloris) holds nothing for longer.
pub const HEADER_READ_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(15);

/// Serves until the process ends.
pub async fn serve<S: Store>(web: Arc<Web<S>>, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    serve_with_header_timeout(web, listener, HEADER_READ_TIMEOUT).await
}

/// Serves HTTP/1.1 connections, each with the client's address (`ConnectInfo`) on its requests
/// and the header-read timeout on every request of the connection.
pub async fn serve_with_header_timeout<S: Store>(
    web: Arc<Web<S>>,
    listener: tokio::net::TcpListener,
    header_timeout: std::time::Duration,
) -> std::io::Result<()> {
    use tower::ServiceExt as _;
    let app = router(web);
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(e) => {
                // Out of file descriptors and the like: wait and go on rather than stop serving.
                tracing::warn!(error = %e, "accept failed");
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                continue;
            }
        };
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut req: axum::http::Request<hyper::body::Incoming>| {
            req.extensions_mut().insert(axum::extract::ConnectInfo(peer));
            app.clone().oneshot(req.map(axum::body::Body::new))
        });
        tokio::spawn(async move {
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(hyper_util::rt::TokioTimer::new()).header_read_timeout(header_timeout);
            if let Err(e) = http.serve_connection(hyper_util::rt::TokioIo::new(stream), service).await {
                tracing::debug!(error = %e, %peer, "connection ended with an error");
            }
        });
    }
}
