//! 司法公开 and 类案检索 over any store: a case's documents with their anonymised text, the queue of
//! documents due for publication, and the full-text index kept from the log (`docket-search`).

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use docket_domain::publication::{self, Anonymised, Exemption, IssuedDocument, Profile};
use docket_domain::{CaseNumber, CaseState, Court, CourtLevel, Principal};
use docket_search::{Access, Hit, Query, SearchDoc, SearchIndex};
use docket_store::Store;

use crate::{AppError, Docket, Reporter};

/// A document of a case with what publishing it means.
#[derive(Debug, Clone)]
pub struct CaseDocument {
    /// 1-based place among the case's documents.
    pub number: usize,
    pub document: IssuedDocument,
    /// The last day to publish (§7), counted from its effect.
    pub due: NaiveDate,
    /// Why the rules exempt it (§4), if they do.
    pub exemption: Option<Exemption>,
    pub anonymised: Anonymised,
    pub profile: Profile,
}

fn level_str(level: CourtLevel) -> &'static str {
    match level {
        CourtLevel::Supreme => "supreme",
        CourtLevel::High => "high",
        CourtLevel::Intermediate => "intermediate",
        CourtLevel::Basic => "basic",
    }
}

/// The search documents of one case: a published document by its anonymised text (anyone may
/// read it), any other by its full text (readers of its court only).
pub fn search_docs(state: &CaseState, level: CourtLevel, profile: Profile, keep: &[&str]) -> Vec<SearchDoc> {
    let r = &state.record;
    let guiding = state.events.iter().any(|e| {
        matches!(
            e.kind,
            docket_domain::EventKind::Distinguished {
                honour: docket_domain::supervision::Honour::TypicalCase
                    | docket_domain::supervision::Honour::DatabaseCase,
                ..
            }
        )
    });
    state
        .documents()
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            let published = d.is_online();
            let text = if published { publication::anonymise(&d.text, r, profile, keep).text } else { d.text.clone() };
            SearchDoc {
                id: format!("{}#{}", r.case_no, i + 1),
                case_no: r.case_no.to_string(),
                court: r.court.as_str().to_owned(),
                level: level_str(level).to_owned(),
                cause: r.cause.clone(),
                outcome: state.close_method.map(|m| m.as_str().to_owned()).unwrap_or_default(),
                doc: d.doc.as_str().to_owned(),
                date: i64::from(d.on.format("%Y%m%d").to_string().parse::<i32>().unwrap_or_default()),
                articles: publication::articles_cited(&d.text),
                published,
                sealed: r.sealed,
                guiding,
                text,
            }
        })
        .collect()
}

/// What a principal may find: every published document, the internal ones of the courts they
/// read, the sealed ones of the courts whose sealed cases they read.
pub fn access_of(p: &Principal, courts: &[Court]) -> Access {
    let mut access = Access::default();
    for c in courts {
        let scope = |sealed: bool| docket_domain::CaseScope {
            court: &c.code,
            category: docket_domain::Category::Civil,
            sealed,
            judge: None,
        };
        if p.can_read(&scope(false)) {
            access.courts.push(c.code.as_str().to_owned());
        }
        if p.can_read(&scope(true)) {
            access.sealed_courts.push(c.code.as_str().to_owned());
        }
    }
    access
}

impl<S: Store> Docket<S> {
    async fn keep_names(&self, court: &docket_domain::CourtCode) -> Result<Vec<String>, AppError> {
        Ok(self.store.judges().await?.into_iter().filter(|j| &j.court == court).map(|j| j.name).collect())
    }

    /// A case's documents with their anonymised text under the court's rules.
    pub async fn case_documents(&self, case_no: &CaseNumber) -> Result<Vec<CaseDocument>, AppError> {
        let (state, _) = crate::replay::replay_case(&self.store, case_no)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("案件 {case_no}")))?;
        self.documents_of(&state).await
    }

    /// [`Docket::case_documents`] of a state at hand.
    pub async fn documents_of(&self, state: &CaseState) -> Result<Vec<CaseDocument>, AppError> {
        let profile = self.indicator_settings().await?.publication_profile;
        let calendar = self.calendar().await?;
        let keep = self.keep_names(&state.record.court).await?;
        let keep: Vec<&str> = keep.iter().map(String::as_str).collect();
        Ok(state
            .documents()
            .into_iter()
            .enumerate()
            .map(|(i, d)| CaseDocument {
                number: i + 1,
                due: publication::publication_due(d.on, &calendar),
                exemption: publication::exemption(&state.record, d.doc),
                anonymised: publication::anonymise(&d.text, &state.record, profile, &keep),
                profile,
                document: d,
            })
            .collect())
    }

    /// The anonymised text of the case's latest document (`docket document anonymize`).
    pub async fn anonymised_latest(&self, case_no: &str) -> Result<CaseDocument, AppError> {
        let n = CaseNumber::parse(case_no).map_err(|e| AppError::Invalid(e.to_string()))?;
        self.case_documents(&n).await?.pop().ok_or_else(|| AppError::NotFound(format!("案件 {n} 的裁判文书")))
    }

    /// Every document of the log, as the index holds them.
    pub async fn all_search_docs(&self, reporter: &dyn Reporter) -> Result<Vec<SearchDoc>, AppError> {
        let profile = self.indicator_settings().await?.publication_profile;
        let levels: HashMap<String, CourtLevel> =
            self.store.courts().await?.into_iter().map(|c| (c.code.as_str().to_owned(), c.level)).collect();
        let mut keep: HashMap<String, Vec<String>> = HashMap::new();
        for j in self.store.judges().await? {
            keep.entry(j.court.as_str().to_owned()).or_default().push(j.name);
        }
        let states = crate::replay::replay_log(&self.store, reporter).await?;
        reporter.stage("建立全文索引", states.len() as u64);
        let mut out = Vec::new();
        for s in states.values() {
            let court = s.record.court.as_str();
            let names: Vec<&str> = keep.get(court).map(|v| v.iter().map(String::as_str).collect()).unwrap_or_default();
            let level = levels.get(court).copied().unwrap_or(CourtLevel::Basic);
            out.extend(search_docs(s, level, profile, &names));
            reporter.advance(1);
        }
        Ok(out)
    }

    /// Rebuilds the index from the log; returns the number of documents.
    pub async fn reindex(&self, index: &SearchIndex, reporter: &dyn Reporter) -> Result<u64, AppError> {
        let docs = self.all_search_docs(reporter).await?;
        index.replace_all(docs).map_err(|e| AppError::Invalid(e.to_string()))
    }

    /// Puts one case's documents in the index as they now stand (after an event of the case).
    pub async fn reindex_case(&self, index: &SearchIndex, case_no: &CaseNumber) -> Result<(), AppError> {
        let Some((state, _)) = crate::replay::replay_case(&self.store, case_no).await? else {
            return Ok(());
        };
        if state.documents().is_empty() {
            return Ok(());
        }
        let profile = self.indicator_settings().await?.publication_profile;
        let level = self
            .store
            .courts()
            .await?
            .into_iter()
            .find(|c| c.code == state.record.court)
            .map_or(CourtLevel::Basic, |c| c.level);
        let keep = self.keep_names(&state.record.court).await?;
        let keep: Vec<&str> = keep.iter().map(String::as_str).collect();
        index.upsert(&search_docs(&state, level, profile, &keep)).map_err(|e| AppError::Invalid(e.to_string()))
    }
}

/// The facts part of a judgment (from 诉讼请求, 经审理查明 or 上诉请求 to 本院认为), at most
/// `max` characters: the query of 相似案件.
pub fn facts_of_document(text: &str, max: usize) -> String {
    let start = ["诉讼请求", "经审理查明", "上诉请求", "诉称"].iter().filter_map(|m| text.find(m)).min().unwrap_or(0);
    let end = text[start..].find("本院认为").map_or(text.len(), |e| start + e);
    text[start..end].chars().take(max).collect()
}

/// The query of 相似案件 for a case: the facts of its latest document without what names this
/// case alone — its parties' and agents' names, numbers and amounts — which would otherwise
/// find the same parties' other cases rather than similar ones; the 案由 when it has no document.
pub fn similar_query(state: &CaseState) -> String {
    let Some(doc) = state.documents().pop() else {
        return state.record.cause.clone();
    };
    let mut facts = facts_of_document(&doc.text, 400);
    let mut names: Vec<&str> = Vec::new();
    for p in &state.record.parties {
        names.push(&p.name);
        names.extend(p.agents.iter().map(|a| a.name.as_str()));
    }
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    for n in names.iter().filter(|n| n.chars().count() >= 2) {
        facts = facts.replace(*n, " ");
    }
    facts.chars().map(|c| if c.is_ascii_digit() || c == '.' { ' ' } else { c }).collect()
}

/// The index as a server shares it.
pub type SharedIndex = Arc<SearchIndex>;

/// Searches as `principal`: only what they may read.
pub fn search_as(
    index: &SearchIndex,
    principal: &Principal,
    courts: &[Court],
    mut query: Query,
) -> Result<(Vec<Hit>, usize), AppError> {
    query.access = access_of(principal, courts);
    index.search(&query).map_err(|e| AppError::Invalid(e.to_string()))
}
