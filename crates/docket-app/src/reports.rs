//! Reports as use cases: the court's name, the engine and the names of courts and judges handed
//! to `docket_reports`'s drafts.

use std::collections::HashMap;

use docket_domain::CourtCode;
use docket_metrics::{Engine, Settings};
use docket_reports::{Document, Names, ReportPeriod, Scope, WindowCase};
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

    /// The cases of `court` (and, with `rollup`, its lower courts) whose civil extension window
    /// is open on the last day of `period`, for the 一周一通报.
    pub async fn extension_windows(
        &self,
        names: &NameBook,
        court: &str,
        period: &str,
        rollup: bool,
        may_read: impl Fn(&docket_store::StoredCase) -> bool,
    ) -> Result<Vec<WindowCase>, AppError> {
        let (code, period) = court_and_period(court, period)?;
        let as_of = period.period.to;
        let mut courts: Vec<String> = names
            .courts
            .keys()
            .filter(|c| *c == code.as_str() || (rollup && CourtCode::parse(c).is_ok_and(|c| c.is_within(&code))))
            .cloned()
            .collect();
        courts.sort();
        let mut out = Vec::new();
        for c in courts {
            let filter = docket_store::CaseFilter { court: Some(c.clone()), ..Default::default() };
            for due in self.due(&filter, as_of, 15).await?.into_iter().filter(|d| may_read(&d.row)) {
                for w in &due.warnings {
                    if let docket_domain::deadline::Warning::ExtensionWindowOpen { request_by, .. } = w
                        && let Some(deadline) = due.deadline.deadline_on
                    {
                        out.push(WindowCase {
                            case_no: due.row.case_no.to_string(),
                            judge: due.row.judge.as_deref().map_or_else(|| "未分案".into(), |j| names.judge(&c, j)),
                            deadline,
                            request_by: *request_by,
                        });
                    }
                }
            }
        }
        out.sort_by(|a, b| a.request_by.cmp(&b.request_by).then_with(|| a.case_no.cmp(&b.case_no)));
        Ok(out)
    }

    /// Drafts a report over an engine already loaded (the web keeps one); `windows` feeds the
    /// 一周一通报 (see [`Docket::extension_windows`]).
    pub fn report_with(
        engine: &Engine,
        names: &NameBook,
        kind: ReportKind,
        court: &str,
        period: &str,
        rollup: bool,
        windows: &[WindowCase],
    ) -> Result<Document, AppError> {
        let scope = scope(names, court, period, rollup)?;
        let doc = match kind {
            ReportKind::Annual => docket_reports::annual(engine, &scope),
            ReportKind::Weekly => docket_reports::weekly(engine, &scope, names, windows),
            ReportKind::Monthly => docket_reports::monthly(engine, &scope, names),
        };
        doc.map_err(|e| AppError::Invalid(e.to_string()))
    }

    /// What a topic report is about, from the CLI's or the form's `--tag` / `--cause` (causes
    /// separated by `,` or `、`); exactly one of the two. A cause no case in the engine has is
    /// refused by name (a misspelt 案由 would otherwise draft an empty report).
    pub fn topic_of(
        engine: &Engine,
        tag: Option<&str>,
        cause: Option<&str>,
    ) -> Result<docket_reports::Topic, AppError> {
        let tag = tag.map(str::trim).filter(|t| !t.is_empty());
        let cause = cause.map(str::trim).filter(|c| !c.is_empty());
        match (tag, cause) {
            (Some(tag), None) => Ok(docket_reports::Topic::Tag(parse_tag(tag)?)),
            (None, Some(cause)) => {
                let causes = parse_causes(cause);
                let unknown: Vec<&str> =
                    causes.iter().filter(|c| !engine.table().has_cause(c)).map(String::as_str).collect();
                if !unknown.is_empty() {
                    return Err(AppError::Invalid(format!(
                        "案由“{}”在数据中没有案件，请核对名称（如 劳动争议、买卖合同纠纷）",
                        unknown.join("、")
                    )));
                }
                Ok(docket_reports::Topic::Causes(causes))
            }
            (Some(_), Some(_)) => Err(AppError::Invalid("专题报告请只指定标签或案由之一".into())),
            (None, None) => {
                Err(AppError::Invalid("专题报告请指定标签（如 labor、enterprise）或案由（如 劳动争议）".into()))
            }
        }
    }

    /// The cases a topic report covers: those accepted in the period with the tag or cause.
    pub fn topic_cases(
        engine: &Engine,
        court: &str,
        period: &str,
        rollup: bool,
        topic: &docket_reports::Topic,
    ) -> Result<Vec<docket_domain::CaseNumber>, AppError> {
        let (code, period) = court_and_period(court, period)?;
        let (tag, causes) = match topic {
            docket_reports::Topic::Tag(t) => (Some(t.clone()), vec![]),
            docket_reports::Topic::Causes(c) => (None, c.clone()),
        };
        let q = docket_metrics::Query {
            court: code,
            rollup,
            period: period.period,
            by: vec![],
            tag,
            causes,
            indicators: vec![],
        };
        let e =
            engine.explain(&q, docket_metrics::ids::ACCEPTED.as_str()).map_err(|e| AppError::Invalid(e.to_string()))?;
        Ok(e.numerator.iter().map(|r| engine.table().case_no(*r).clone()).collect())
    }

    /// The organisations among the parties of those of these cases the reader may read, by the
    /// number of cases they are in, most first (persons are never named in reports). A case the
    /// reader may not read — a sealed one, for most — names none of its parties. `None` is the
    /// operator at the command line, who reads every case (no projection is read to ask).
    pub async fn organisations_in(
        &self,
        cases: &[docket_domain::CaseNumber],
        may_read: Option<&(dyn Fn(&docket_store::StoredCase) -> bool + Sync)>,
    ) -> Result<Vec<(String, usize)>, AppError> {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for n in cases {
            if let Some(may_read) = may_read {
                match self.store().case(n).await? {
                    Some(case) if may_read(&case) => {}
                    _ => continue,
                }
            }
            let mut names: Vec<String> = self
                .store()
                .case_parties(n)
                .await?
                .into_iter()
                .filter(|p| p.kind == docket_domain::PartyKind::Organization)
                .map(|p| p.name)
                .collect();
            names.sort_unstable();
            names.dedup();
            for name in names {
                *counts.entry(name).or_default() += 1;
            }
        }
        let mut out: Vec<(String, usize)> = counts.into_iter().collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(out)
    }

    /// Drafts the 专题分析报告 of a tag or of causes.
    pub fn topic_with(
        engine: &Engine,
        names: &NameBook,
        court: &str,
        period: &str,
        rollup: bool,
        topic: &docket_reports::Topic,
        parties: &[(String, usize)],
    ) -> Result<Document, AppError> {
        let scope = scope(names, court, period, rollup)?;
        docket_reports::topic(engine, &scope, topic, parties).map_err(|e| AppError::Invalid(e.to_string()))
    }

    /// Loads the engine and drafts the 专题分析报告 of a tag (`tag`) or of causes (`cause`).
    pub async fn topic_report(
        &self,
        court: &str,
        period: &str,
        rollup: bool,
        tag: Option<&str>,
        cause: Option<&str>,
        settings: Settings,
    ) -> Result<Document, AppError> {
        let engine = self.metrics_engine(settings).await?;
        let names = self.name_book().await?;
        let topic = Self::topic_of(&engine, tag, cause)?;
        let cases = Self::topic_cases(&engine, court, period, rollup, &topic)?;
        // The command line is the operator's, who holds the database: every case is theirs to read.
        let parties = self.organisations_in(&cases, None).await?;
        Self::topic_with(&engine, &names, court, period, rollup, &topic, &parties)
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
        let thresholds = settings.integrity.clone();
        let engine = self.metrics_engine(settings).await?;
        let names = self.name_book().await?;
        let windows = if kind == ReportKind::Weekly {
            self.extension_windows(&names, court, period, rollup, |_| true).await?
        } else {
            vec![]
        };
        let mut doc = Self::report_with(&engine, &names, kind, court, period, rollup, &windows)?;
        if kind == ReportKind::Weekly {
            let lists = self.record_lists(&names, court, period, rollup, |_| true).await?;
            doc = docket_reports::with_record_lists(doc, &lists);
        }
        if kind == ReportKind::Annual {
            doc = docket_reports::with_government_cases(doc, &self.government_cases(court, period, rollup).await?);
        }
        // The command line is the operator's: the 审管办's copy, with 数据核查.
        let section = self.integrity_section(&names, court, period, rollup, thresholds, |_| true).await?;
        Ok(docket_reports::with_integrity(doc, &section))
    }
}

fn court_and_period(court: &str, period: &str) -> Result<(CourtCode, ReportPeriod), AppError> {
    let code = CourtCode::parse(court).map_err(|e| AppError::Invalid(format!("法院代字 {court}：{e}")))?;
    let period = ReportPeriod::parse(period).map_err(|e| AppError::Invalid(e.to_string()))?;
    Ok((code, period))
}

/// What a report covers: a court known to the store, named, and a period.
fn scope(names: &NameBook, court: &str, period: &str, rollup: bool) -> Result<Scope, AppError> {
    let (code, period) = court_and_period(court, period)?;
    if !names.courts.contains_key(code.as_str()) {
        return Err(AppError::NotFound(format!("法院 {court}")));
    }
    Ok(Scope { court_name: names.court(code.as_str()), court: code, rollup, period })
}

/// `劳动争议,追索劳动报酬纠纷` (separated by `,`, `，` or `、`) as the 案由 it names.
pub fn parse_causes(list: &str) -> Vec<String> {
    list.split([',', '，', '、']).map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned).collect()
}

fn parse_tag(tag: &str) -> Result<docket_domain::Tag, AppError> {
    docket_domain::Tag::parse(tag).ok_or_else(|| AppError::Invalid(format!("标签“{tag}”格式无效")))
}
