//! The settings that move deadlines and figures — a year of the holiday calendar, the indicator
//! settings — as entries of the log (设置记录): saved as a `setting` line in the deployment's top
//! court's chain (a leaf of the Merkle log like every entry) with its table row in the same
//! transaction, exported and imported like any line, and checked by `verify` against the tables
//! the deadlines and the indicator engine read.

use std::collections::BTreeMap;

use docket_domain::CourtCode;
use docket_domain::calendar::HolidayCalendar;
use docket_interchange::{Record, SettingName, SettingRecord, write_record};
use docket_store::{Batch, EntryKind, NewEntry, SettingKey, SettingWrite, Store};

use crate::{Account, AppError, Docket};

/// The name the indicator settings are saved under.
pub(crate) const INDICATOR_SETTINGS: &str = "indicators";

/// Why a setting's lines cannot be in force, if they cannot.
pub(crate) fn check_setting(s: &SettingRecord) -> Result<(), String> {
    match s.name {
        SettingName::Indicators => {
            docket_metrics::Settings::parse(&s.text()).map(|_| ()).map_err(|e| format!("指标设置{e}"))
        }
        // The interchange reader checked the calendar and its year.
        SettingName::Holidays(_) => Ok(()),
    }
}

/// The table row a setting line writes.
pub(crate) fn setting_write(s: &SettingRecord) -> SettingWrite {
    let key = match s.name {
        SettingName::Indicators => SettingKey::Named(INDICATOR_SETTINGS.to_owned()),
        SettingName::Holidays(y) => SettingKey::HolidayYear(i64::from(y)),
    };
    SettingWrite { key, body: s.text(), by: s.by.clone() }
}

impl<S: Store> Docket<S> {
    /// The chain settings are recorded in: the deployment's top court (the highest level, then
    /// the first code).
    async fn settings_chain(&self) -> Result<CourtCode, AppError> {
        let courts = self.store.courts().await?;
        courts
            .iter()
            .filter(|c| c.parent.as_ref().is_none_or(|p| !courts.iter().any(|o| &o.code == p)))
            .min_by(|a, b| (a.level, &a.code).cmp(&(b.level, &b.code)))
            .map(|c| c.code.clone())
            .ok_or_else(|| AppError::Invalid("尚未导入任何法院，无法记录设置：请先导入法院".into()))
    }

    /// Commits setting lines with their rows and the audit line, in one transaction.
    async fn record_settings(
        &self,
        settings: Vec<(SettingName, String)>,
        by: &str,
        audit: Option<docket_store::AuditRow>,
    ) -> Result<(), AppError> {
        let court = self.settings_chain().await?;
        let mut batch = Batch::default();
        for (name, text) in settings {
            let record = SettingRecord {
                court: court.clone(),
                name,
                lines: text.lines().map(str::to_owned).collect(),
                by: by.to_owned(),
            };
            batch.settings.push(setting_write(&record));
            batch.entries.push(NewEntry {
                court: court.clone(),
                kind: EntryKind::Setting,
                case: None,
                on: None,
                event_type: None,
                body: write_record(&Record::Setting(record)),
            });
        }
        batch.audit = audit.into_iter().collect();
        self.store.commit(batch, &docket_store::NoProgress).await?;
        Ok(())
    }

    /// Checks and saves indicator settings (the text of `docket metrics settings`) as a log entry
    /// with the audit line of the change, in one transaction; a problem is refused with its line
    /// and nothing is saved. Returns the settings now in force.
    pub async fn save_indicator_settings(
        &self,
        text: &str,
        by: &Account,
    ) -> Result<docket_metrics::Settings, AppError> {
        let settings = docket_metrics::Settings::parse(text).map_err(|e| AppError::Invalid(e.to_string()))?;
        let audit = crate::accounts::audit_by(by, "save_indicator_settings", INDICATOR_SETTINGS, "");
        self.record_settings(vec![(SettingName::Indicators, settings.to_text())], &by.username, Some(audit)).await?;
        Ok(settings)
    }

    /// Imports holiday arrangements; each year present in `text` replaces that year, one log
    /// entry a year, audited as `by` (an account of the web; the command line has none) in the
    /// same transaction. Returns the years.
    pub async fn import_holidays(&self, text: &str, by: Option<&Account>) -> Result<Vec<i32>, AppError> {
        let calendar = HolidayCalendar::parse(text).map_err(|e| AppError::Invalid(e.to_string()))?;
        let years: Vec<i32> = calendar.years().into_iter().collect();
        if years.is_empty() {
            return Err(AppError::Invalid("文件中没有任何节假日安排".into()));
        }
        let list: Vec<String> = years.iter().map(ToString::to_string).collect();
        let audit = by.map(|a| crate::accounts::audit_by(a, "import_holidays", &list.join(","), ""));
        let settings = years.iter().map(|y| (SettingName::Holidays(*y), calendar.to_text(Some(*y)))).collect();
        self.record_settings(settings, by.map_or(crate::account_admin::COMMAND_LINE, |a| a.username.as_str()), audit)
            .await?;
        Ok(years)
    }

    /// The settings the log holds in force (the last line of each name), as the rows they write.
    pub(crate) async fn logged_settings(&self) -> Result<BTreeMap<SettingKey, SettingWrite>, AppError> {
        let mut out = BTreeMap::new();
        let mut after = None;
        loop {
            let page = self.store.scan_log(Some(EntryKind::Setting), after.take(), 5_000).await?;
            let Some(last) = page.last() else { break };
            after = Some((last.court.clone(), last.seq));
            for e in &page {
                if let Record::Setting(s) = crate::replay::parse_entry(e)? {
                    let w = setting_write(&s);
                    out.insert(w.key.clone(), w);
                }
            }
        }
        Ok(out)
    }

    /// Where the settings tables differ from the log: a row edited, added or removed behind it.
    pub(crate) async fn settings_mismatches(&self) -> Result<Vec<String>, AppError> {
        let logged = self.logged_settings().await?;
        let mut stored: BTreeMap<SettingKey, (String, Option<String>)> = BTreeMap::new();
        for (year, body) in self.store.holiday_years().await? {
            stored.insert(SettingKey::HolidayYear(year), (body, None));
        }
        for (name, body, by) in self.store.named_settings().await? {
            stored.insert(SettingKey::Named(name), (body, Some(by)));
        }
        let label = |k: &SettingKey| match k {
            SettingKey::HolidayYear(y) => format!("{y} 年的节假日安排"),
            SettingKey::Named(n) => format!("设置 {n}"),
        };
        let mut out = Vec::new();
        for (key, w) in &logged {
            match stored.remove(key) {
                None => out.push(format!("{}：日志中有，表中没有", label(key))),
                Some((body, by)) => {
                    if body != w.body || by.is_some_and(|b| b != w.by) {
                        out.push(format!("{}：表中的内容与日志不一致", label(key)));
                    }
                }
            }
        }
        for key in stored.keys() {
            out.push(format!("{}：表中有，日志中没有（不经日志写入的设置）", label(key)));
        }
        Ok(out)
    }

    /// Rewrites the settings tables from the log (part of `rebuild`).
    pub(crate) async fn rebuild_settings(&self) -> Result<usize, AppError> {
        let logged: Vec<SettingWrite> = self.logged_settings().await?.into_values().collect();
        let n = logged.len();
        self.store.replace_settings(logged).await?;
        Ok(n)
    }

    /// Records in the log the settings a database from before settings were logged holds only in
    /// its tables (the previous release's holiday years and indicator settings), once; returns
    /// how many. A fresh or already-logged database records nothing.
    pub async fn adopt_unlogged_settings(&self) -> Result<usize, AppError> {
        let logged = self.logged_settings().await?;
        let mut adopt = Vec::new();
        for (year, body) in self.store.holiday_years().await? {
            if !logged.contains_key(&SettingKey::HolidayYear(year)) {
                let year =
                    i32::try_from(year).map_err(|_| AppError::Corrupt(format!("节假日安排的年份 {year} 无效")))?;
                adopt.push((SettingName::Holidays(year), body));
            }
        }
        let mut by = crate::account_admin::COMMAND_LINE.to_owned();
        for (name, body, saved_by) in self.store.named_settings().await? {
            if name == INDICATOR_SETTINGS && !logged.contains_key(&SettingKey::Named(name.clone())) {
                adopt.push((SettingName::Indicators, body));
                by = saved_by;
            }
        }
        if adopt.is_empty() || self.store.courts().await?.is_empty() {
            return Ok(0);
        }
        let n = adopt.len();
        self.record_settings(adopt, &by, None).await?;
        Ok(n)
    }
}
