//! Indicator settings: the type codes of each scope, an indicator's scope, the filing limit,
//! reasonable ranges (合理区间) and whether courts may be ranked. Kept in a plain text file of
//! `key = value` lines (Chinese comments allowed) that `Settings::to_text` writes with the
//! catalogue's defaults and `Settings::parse` reads back, naming the line of any mistake.

use std::fmt::Write as _;

use docket_domain::case_type::TYPES;
use docket_domain::{CaseType, Category};

use crate::catalogue::{CATALOGUE, OUTSIDE_TRIAL_ENFORCEMENT, lookup};

/// A reasonable range: either bound may be open.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    pub low: Option<f64>,
    pub high: Option<f64>,
}

impl Range {
    pub fn contains(&self, v: f64) -> bool {
        self.low.is_none_or(|l| v >= l) && self.high.is_none_or(|h| v <= h)
    }
}

/// What a court may change.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Scope name → type codes.
    pub scopes: Vec<(String, Vec<&'static str>)>,
    /// Indicator id → scope name, where it differs from the catalogue's.
    pub indicator_scopes: Vec<(String, String)>,
    /// 法定期限内立案: days from receipt to filing (default 7, 民诉法第一百二十六条).
    pub filing_limit_days: i64,
    /// Indicator id → reasonable range, sorted by id.
    pub ranges: Vec<(String, Range)>,
    /// Ordering courts by rank (off by default: 合理区间, not 排名).
    pub ranking: bool,
    /// The thresholds of the integrity detectors (数据核查), `integrity.<name> = <value>`.
    pub integrity: docket_domain::integrity::Thresholds,
    /// The province's amounts within the ranges of 诉讼费用交纳办法 §13, `fee.<name> = <yuan>`.
    pub fees: docket_domain::FeeSchedule,
    /// 繁简分流, `triage.<n> = procedure=…; team=…; …`, tried in the order of `n`; any such line
    /// replaces the default rules.
    pub triage: docket_domain::triage::TriageRules,
    /// 四类案件: whether a marked case needs an approved 阅核 to close, and what suggests a mark
    /// at filing, `supervision.<name> = <value>`.
    pub supervision: docket_domain::supervision::SupervisionRules,
    /// 裁判文书上网的隐名规则, `publication.profile = 2016 | strict` (法释〔2016〕19号 by default).
    pub publication_profile: docket_domain::publication::Profile,
}

/// Docket's default ranges: the figures the seed work reports give for a basic court's year.
const DEFAULT_RANGES: &[(&str, Option<f64>, Option<f64>)] = &[
    ("closure_rate", Some(0.93), None),
    ("mediation_withdrawal_rate", Some(0.30), Some(0.60)),
    ("avg_duration_days", None, Some(90.0)),
    ("recovery_rate", Some(0.30), None),
    ("eservice_success_rate", Some(0.75), None),
    ("premediation_success_rate", Some(0.30), None),
    ("long_pending_12m_ratio", None, Some(0.05)),
    ("within_limit_rate", Some(0.90), None),
];

impl Default for Settings {
    fn default() -> Self {
        let codes = |keep: &dyn Fn(&CaseType) -> bool| -> Vec<&'static str> {
            TYPES.iter().filter(|t| keep(t)).map(|t| t.code).collect()
        };
        let scopes = vec![
            ("trial_enforcement".to_owned(), codes(&|t| !OUTSIDE_TRIAL_ENFORCEMENT.contains(&t.code))),
            ("first_instance".to_owned(), vec!["民初", "刑初", "行初"]),
            ("civil_first".to_owned(), vec!["民初"]),
            ("second_instance".to_owned(), vec!["民终", "刑终", "行终"]),
            ("enforcement_first".to_owned(), vec!["执"]),
            ("enforcement".to_owned(), codes(&|t| t.category == Category::Enforcement)),
            ("premediation".to_owned(), vec!["民诉前调"]),
            // 诉前分流: 诉前调解 against the 民初 cases filed beside it.
            ("diversion".to_owned(), vec!["民诉前调", "民初"]),
            ("all".to_owned(), codes(&|_| true)),
        ];
        let mut ranges: Vec<(String, Range)> =
            DEFAULT_RANGES.iter().map(|(id, low, high)| ((*id).to_owned(), Range { low: *low, high: *high })).collect();
        ranges.sort_by(|a, b| a.0.cmp(&b.0));
        Self {
            scopes,
            indicator_scopes: Vec::new(),
            filing_limit_days: 7,
            ranges,
            ranking: false,
            integrity: docket_domain::integrity::Thresholds::default(),
            fees: docket_domain::FeeSchedule::default(),
            triage: docket_domain::triage::TriageRules::default(),
            supervision: docket_domain::supervision::SupervisionRules::default(),
            publication_profile: docket_domain::publication::Profile::default(),
        }
    }
}

/// A mistake in a settings file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("第 {line} 行：{message}")]
pub struct SettingsError {
    pub line: usize,
    pub message: String,
}

impl Settings {
    /// The scope an indicator uses under these settings.
    pub fn scope_of(&self, indicator: &crate::Indicator) -> &str {
        self.indicator_scopes.iter().find(|(id, _)| id == indicator.id).map_or(indicator.scope, |(_, s)| s.as_str())
    }

    /// Index of a scope by name.
    pub(crate) fn scope_index(&self, name: &str) -> Option<usize> {
        self.scopes.iter().position(|(n, _)| n == name)
    }

    pub fn range_of(&self, id: &str) -> Option<Range> {
        self.ranges.iter().find(|(i, _)| i == id).map(|(_, r)| *r)
    }

    /// The settings file: every scope, every indicator's scope and range, the thresholds.
    pub fn to_text(&self) -> String {
        let mut s = String::from(
            "# Docket 审判质效指标设置。每行 键 = 值；# 后为注释。\n\
             # scope.名称 = 类型代字,…        统计口径包含的案件类型\n\
             # indicator.指标.scope = 口径     指标使用的口径\n\
             # indicator.指标.range = 下限..上限  合理区间（可省略一端，如 0.93..）\n\n",
        );
        for (name, codes) in &self.scopes {
            let _ = writeln!(s, "scope.{name} = {}", codes.join(","));
        }
        s.push('\n');
        for ind in CATALOGUE {
            let _ = writeln!(s, "indicator.{}.scope = {}    # {}", ind.id, self.scope_of(ind), ind.name);
            if let Some(r) = self.range_of(ind.id) {
                let b = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
                let _ = writeln!(s, "indicator.{}.range = {}..{}", ind.id, b(r.low), b(r.high));
            }
        }
        let _ = writeln!(s, "\nfiling_limit_days = {}", self.filing_limit_days);
        let _ = writeln!(s, "ranking = {}", if self.ranking { "on" } else { "off" });
        let _ = writeln!(s, "\n# 数据核查的阈值（integrity.名称 = 值）");
        for (name, value) in self.integrity.entries() {
            let _ = writeln!(s, "integrity.{name} = {value}");
        }
        let _ = writeln!(s, "\n# 诉讼费：本省在诉讼费用交纳办法第十三条幅度内确定的标准（fee.名称 = 元）");
        for (name, value) in self.fees.entries() {
            let _ = writeln!(s, "fee.{name} = {value}");
        }
        let _ = writeln!(s, "\n# 繁简分流（依次适用第一条符合的规则；写任一 triage 行即替换全部默认规则）");
        for (i, r) in self.triage.rules.iter().enumerate() {
            let _ = writeln!(s, "triage.{} = {}", i + 1, r.to_line());
        }
        let _ = writeln!(s, "\n# 四类案件：结案前须经阅核（on/off）；立案时提示标记的标的额（元）与案由（逗号分隔）");
        for (name, value) in self.supervision.entries() {
            let _ = writeln!(s, "supervision.{name} = {value}");
        }
        let _ = writeln!(
            s,
            "\n# 裁判文书上网的隐名处理规则：2016（法释〔2016〕19号）或 strict（自然人一律隐名、删除信用代码）"
        );
        let _ = writeln!(s, "publication.profile = {}", self.publication_profile.as_str());
        s
    }

    /// Reads a settings file over the defaults: what the file names replaces the default.
    pub fn parse(text: &str) -> Result<Settings, SettingsError> {
        let mut s = Settings::default();
        let mut triage: Vec<(u32, docket_domain::triage::TriageRule)> = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let err = |message: String| SettingsError { line: i + 1, message };
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let Some((key, value)) = line.split_once('=') else { return Err(err("应为“键 = 值”".into())) };
            let (key, value) = (key.trim(), value.trim());
            if let Some(name) = key.strip_prefix("scope.") {
                let mut codes = Vec::new();
                for c in value.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                    let t = CaseType::lookup(c).ok_or_else(|| err(format!("未知的类型代字“{c}”")))?;
                    codes.push(t.code);
                }
                match s.scopes.iter_mut().find(|(n, _)| n == name) {
                    Some(slot) => slot.1 = codes,
                    None => s.scopes.push((name.to_owned(), codes)),
                }
            } else if let Some(rest) = key.strip_prefix("indicator.") {
                let (id, what) = rest.rsplit_once('.').ok_or_else(|| err(format!("无法识别的键“{key}”")))?;
                if lookup(id).is_none() {
                    return Err(err(format!("未知指标“{id}”")));
                }
                match what {
                    "scope" => {
                        s.indicator_scopes.retain(|(i, _)| i != id);
                        if lookup(id).is_some_and(|ind| ind.scope != value) {
                            s.indicator_scopes.push((id.to_owned(), value.to_owned()));
                        }
                    }
                    "range" => {
                        let (lo, hi) = value.split_once("..").ok_or_else(|| err("合理区间应写作 下限..上限".into()))?;
                        let bound = |b: &str| -> Result<Option<f64>, SettingsError> {
                            let b = b.trim();
                            if b.is_empty() {
                                return Ok(None);
                            }
                            match b.parse::<f64>() {
                                // NaN and infinities parse as f64 but bound nothing: a NaN range
                                // would contain no value at all.
                                Ok(v) if v.is_finite() => Ok(Some(v)),
                                _ => Err(err(format!("“{b}”不是有限的数字"))),
                            }
                        };
                        let r = Range { low: bound(lo)?, high: bound(hi)? };
                        if let (Some(l), Some(h)) = (r.low, r.high)
                            && l > h
                        {
                            return Err(err(format!("合理区间的下限 {l} 大于上限 {h}")));
                        }
                        s.ranges.retain(|(i, _)| i != id);
                        s.ranges.push((id.to_owned(), r));
                        s.ranges.sort_by(|a, b| a.0.cmp(&b.0));
                    }
                    other => return Err(err(format!("未知的指标设置“{other}”"))),
                }
            } else if let Some(name) = key.strip_prefix("integrity.") {
                s.integrity.set(name, value).map_err(err)?;
            } else if let Some(name) = key.strip_prefix("supervision.") {
                s.supervision.set(name, value).map_err(err)?;
            } else if key == "publication.profile" {
                s.publication_profile = docket_domain::publication::Profile::parse(value)
                    .ok_or_else(|| err(format!("隐名规则“{value}”应为 2016 或 strict")))?;
            } else if let Some(name) = key.strip_prefix("fee.") {
                s.fees.set(name, value).map_err(err)?;
            } else if let Some(n) = key.strip_prefix("triage.") {
                let n: u32 = n.parse().map_err(|_| err(format!("繁简分流规则的序号“{n}”应为正整数")))?;
                if triage.iter().any(|(m, _)| *m == n) {
                    return Err(err(format!("繁简分流规则 triage.{n} 重复")));
                }
                triage.push((n, docket_domain::triage::TriageRule::parse(value).map_err(err)?));
            } else if key == "filing_limit_days" {
                s.filing_limit_days = value.parse().map_err(|_| err(format!("“{value}”不是天数")))?;
            } else if key == "ranking" {
                s.ranking = match value {
                    "on" => true,
                    "off" => false,
                    _ => return Err(err("ranking 应为 on 或 off".into())),
                };
            } else {
                return Err(err(format!("未知的键“{key}”")));
            }
        }
        if !triage.is_empty() {
            triage.sort_by_key(|(n, _)| *n);
            s.triage.rules = triage.into_iter().map(|(_, r)| r).collect();
        }
        // Every indicator's scope must exist.
        for (id, scope) in &s.indicator_scopes {
            if s.scope_index(scope).is_none() {
                return Err(SettingsError { line: 0, message: format!("指标 {id} 的口径 {scope} 未定义") });
            }
        }
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_file_reads_back_as_the_defaults() {
        let d = Settings::default();
        assert_eq!(Settings::parse(&d.to_text()).unwrap(), d);
    }

    #[test]
    fn a_file_changes_scopes_ranges_and_thresholds_and_names_the_line_of_a_mistake() {
        let s = Settings::parse(
            "scope.civil_first = 民初,民特\nindicator.closure_rate.range = 0.95..\nfiling_limit_days = 5\n",
        )
        .unwrap();
        assert_eq!(s.scopes.iter().find(|(n, _)| n == "civil_first").unwrap().1, vec!["民初", "民特"]);
        assert_eq!(s.range_of("closure_rate"), Some(Range { low: Some(0.95), high: None }));
        assert_eq!(s.filing_limit_days, 5);
        let e = Settings::parse("# 注释\nscope.all = 民初\nindicator.nonsense.range = 1..2\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.to_string().contains("未知指标"), "{e}");
        assert!(Settings::parse("scope.all = 民初,火星\n").unwrap_err().to_string().contains("第 1 行"));
    }

    #[test]
    fn the_provinces_fee_amounts_are_settings_within_the_statutory_ranges() {
        let s = Settings::parse("fee.divorce = 200\nfee.other_non_property = 50\n").unwrap();
        assert_eq!(
            (s.fees.divorce.to_string(), s.fees.other_non_property.to_string()),
            ("200.00".into(), "50.00".into())
        );
        assert_eq!(Settings::parse(&s.to_text()).unwrap().fees, s.fees, "written back and read again");
        let e = Settings::parse("ranking = off\nfee.divorce = 400\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.to_string().contains("离婚案件") && e.to_string().contains("50.00 至 300.00"), "{e}");
    }

    #[test]
    fn the_triage_rules_are_settings_that_replace_the_defaults_in_their_order() {
        let s = Settings::parse(
            "triage.2 = procedure=ordinary; team=精审团队\ntriage.1 = procedure=simple; team=家事团队; causes=离婚\n",
        )
        .unwrap();
        assert_eq!(s.triage.rules.len(), 2);
        assert_eq!(s.triage.rules[0].team, "家事团队");
        assert_eq!(Settings::parse(&s.to_text()).unwrap().triage, s.triage, "written back and read again");
        let e = Settings::parse("triage.1 = team=x\n").unwrap_err();
        assert!(e.line == 1 && e.to_string().contains("procedure"), "{e}");
    }

    #[test]
    fn ids_are_unique_and_every_default_scope_exists() {
        let s = Settings::default();
        let mut ids = std::collections::BTreeSet::new();
        for i in CATALOGUE {
            assert!(ids.insert(i.id), "{}", i.id);
            assert!(s.scope_index(i.scope).is_some(), "{}", i.scope);
        }
        assert_eq!(s.scopes.len(), crate::catalogue::SCOPES.len());
    }

    #[test]
    fn the_default_scope_leaves_out_premediation_and_preservation() {
        let s = Settings::default();
        let te = &s.scopes[0].1;
        assert!(te.contains(&"民初") && te.contains(&"执") && te.contains(&"民终"));
        assert!(!te.contains(&"民诉前调") && !te.contains(&"执恢") && !te.contains(&"财保"));
    }
}
