//! Reports as use cases: the court's name, the engine and the names of courts and judges handed
//! to `docket_reports`'s drafts.

use std::collections::HashMap;

use docket_domain::CourtCode;
use docket_metrics::{Engine, Settings};
use docket_reports::{Document, Names, ReportPeriod, Scope};
use docket_store::Store;

use crate::{AppError, Docket};

/// Which report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    /// 一周一通报.
    Weekly,
    /// 年度工作报告数据稿.
    Annual,
    /// 月度质效分析 (any period: a month, a quarter …).
    Monthly,
}

impl ReportKind {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "weekly" => Some(Self::Weekly),
            "annual" => Some(Self::Annual),
            "monthly" => Some(Self::Monthly),
            _ => None,
        }
    }
}

/// Court and judge names from the store.
pub struct NameBook {
    courts: HashMap<String, String>,
    judges: HashMap<(String, String), String>,
    departments: HashMap<(String, String), String>,
}

impl Names for NameBook {
    fn court(&self, code: &str) -> String {
        self.courts.get(code).cloned().unwrap_or_else(|| code.to_string())
    }
    fn judge(&self, court: &str, code: &str) -> String {
        self.judges
            .get(&(court.to_string(), code.to_string()))
            .map_or_else(|| format!("{code}（{court}）"), |n| format!("{n}（{}）", self.court(court)))
    }
    fn department(&self, court: &str, code: &str) -> String {
        self.departments.get(&(court.to_string(), code.to_string())).cloned().unwrap_or_else(|| code.to_string())
    }
}

impl NameBook {
    /// From reference data already loaded (the web keeps the courts and judges).
    pub fn from_parts(
        courts: &[docket_domain::Court],
        judges: &[docket_domain::Judge],
        departments: &[docket_domain::Department],
    ) -> Self {
        NameBook {
            courts: courts.iter().map(|c| (c.code.to_string(), c.name.clone())).collect(),
            judges: judges.iter().map(|j| ((j.court.to_string(), j.code.clone()), j.name.clone())).collect(),
            departments: departments.iter().map(|d| ((d.court.to_string(), d.code.clone()), d.name.clone())).collect(),
        }
    }
}

impl<S: Store> Docket<S> {
    pub async fn name_book(&self) -> Result<NameBook, AppError> {
        let (courts, judges, departments) =
            (self.store().courts().await?, self.store().judges().await?, self.store().departments().await?);
        Ok(NameBook::from_parts(&courts, &judges, &departments))
    }

    /// Drafts a report over an engine already loaded (the web keeps one).
    pub fn report_with(
        engine: &Engine,
        names: &NameBook,
        kind: ReportKind,
        court: &str,
        period: &str,
        rollup: bool,
    ) -> Result<Document, AppError> {
        let code = CourtCode::parse(court).map_err(|e| AppError::Invalid(format!("法院代字 {court}：{e}")))?;
        if !names.courts.contains_key(code.as_str()) {
            return Err(AppError::NotFound(format!("法院 {court}")));
        }
        let period = ReportPeriod::parse(period).map_err(|e| AppError::Invalid(e.to_string()))?;
        let scope = Scope { court_name: names.court(code.as_str()), court: code, rollup, period };
        let doc = match kind {
            ReportKind::Annual => docket_reports::annual(engine, &scope),
            ReportKind::Weekly => docket_reports::weekly(engine, &scope, names),
            ReportKind::Monthly => docket_reports::monthly(engine, &scope, names),
        };
        doc.map_err(|e| AppError::Invalid(e.to_string()))
    }

    /// Loads the engine and drafts a report.
    pub async fn report(
        &self,
        kind: ReportKind,
        court: &str,
        period: &str,
        rollup: bool,
        settings: Settings,
    ) -> Result<Document, AppError> {
        let engine = self.metrics_engine(settings).await?;
        let names = self.name_book().await?;
        Self::report_with(&engine, &names, kind, court, period, rollup)
    }
}
