//! Reading interchange lines into domain records, collecting every problem on the line.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use docket_domain::court::is_valid_local_code;
use docket_domain::{
    Amount, Approver, CaseNumber, CaseRecord, CloseMethod, Court, CourtCode, CourtLevel, Department, Event, EventKind,
    Judge, JudgeTitle, Measure, Notice, Period, Procedure, ServiceChannel, SuspensionReason, Tag,
};

use docket_domain::lifecycle::MAX_DOCUMENT_CHARS;
use docket_domain::publication::DocKind;

use crate::{CaseEvent, LineError, Record};

mod fees;
mod filing;
mod management;
mod parties;
mod review;
mod service;
mod supervision;

/// Parses one line (1-based `line` number) into a record.
pub fn parse_line(line: usize, text: &str) -> Result<Record, Vec<LineError>> {
    let crate::strict::StrictValue(value) =
        serde_json::from_str(text).map_err(|e| vec![LineError::new(line, "json", format!("不是合法的 JSON：{e}"))])?;
    parse_record_value(line, &value)
}

/// Parses an already-decoded JSON object into a record.
pub fn parse_record_value(line: usize, value: &Value) -> Result<Record, Vec<LineError>> {
    let Some(obj) = value.as_object() else {
        return Err(vec![LineError::new(line, "json", "每行应为一个 JSON 对象")]);
    };
    let mut f = Fields { obj, line, prefix: String::new(), errors: Vec::new() };
    let record = match f.req_str("kind") {
        Some("court") => f.court().map(Record::Court),
        Some("department") => f.department().map(Record::Department),
        Some("judge") => f.judge().map(Record::Judge),
        Some("case") => f.case().map(Record::Case),
        Some("event") => f.event().map(Record::Event),
        Some("setting") => f.setting().map(Record::Setting),
        Some(other) => match f.management(other) {
            Some(record) => record.map(Record::Management),
            None => {
                f.err(
                    "kind",
                    format!(
                        "未知的记录类型“{other}”（应为 court、department、judge、case、event、setting，或管理记录 campaign、campaign_case、ledger_item、ledger_event、suggestion、suggestion_event、petition、petition_event、mediation_org、review_batch、case_review、appraisal_scheme、manual_score）"
                    ),
                );
                None
            }
        },
        None => None,
    };
    match record {
        Some(r) if f.errors.is_empty() => Ok(r),
        _ => {
            if f.errors.is_empty() {
                f.err("kind", "记录无效");
            }
            Err(f.errors)
        }
    }
}

/// A view of one JSON object that records every problem it meets.
struct Fields<'a> {
    obj: &'a Map<String, Value>,
    line: usize,
    /// Prefix for nested field names (`parties[0].`).
    prefix: String,
    errors: Vec<LineError>,
}

impl<'a> Fields<'a> {
    fn err(&mut self, field: &str, message: impl Into<String>) {
        let name = format!("{}{field}", self.prefix);
        self.errors.push(LineError::new(self.line, name, message));
    }

    fn get(&self, field: &str) -> Option<&'a Value> {
        self.obj.get(field).filter(|v| !v.is_null())
    }

    fn req_str(&mut self, field: &str) -> Option<&'a str> {
        match self.get(field) {
            None => {
                self.err(field, "缺少必填字段");
                None
            }
            Some(v) => self.as_str(field, v),
        }
    }

    fn opt_str(&mut self, field: &str) -> Option<&'a str> {
        let v = self.get(field)?;
        self.as_str(field, v)
    }

    fn as_str(&mut self, field: &str, v: &'a Value) -> Option<&'a str> {
        match v.as_str() {
            Some(s) if !s.trim().is_empty() => Some(s),
            Some(_) => {
                self.err(field, "不能为空");
                None
            }
            None => {
                self.err(field, "应为字符串");
                None
            }
        }
    }

    fn req_bool(&mut self, field: &str) -> Option<bool> {
        match self.get(field) {
            None => {
                self.err(field, "缺少必填字段");
                None
            }
            Some(v) => self.as_bool(field, v),
        }
    }

    fn opt_bool(&mut self, field: &str) -> Option<Option<bool>> {
        match self.get(field) {
            None => Some(None),
            Some(v) => self.as_bool(field, v).map(Some),
        }
    }

    fn as_bool(&mut self, field: &str, v: &Value) -> Option<bool> {
        let b = v.as_bool();
        if b.is_none() {
            self.err(field, "应为 true 或 false");
        }
        b
    }

    fn date(&mut self, field: &str, s: &str) -> Option<NaiveDate> {
        let ok = s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-';
        match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) if ok => Some(d),
            _ => {
                self.err(field, format!("日期“{s}”无效，应为 YYYY-MM-DD 格式的真实日期"));
                None
            }
        }
    }

    fn req_date(&mut self, field: &str) -> Option<NaiveDate> {
        let s = self.req_str(field)?;
        self.date(field, s)
    }

    fn opt_date(&mut self, field: &str) -> Option<Option<NaiveDate>> {
        match self.opt_str(field) {
            None if self.get(field).is_some() => None,
            None => Some(None),
            Some(s) => self.date(field, s).map(Some),
        }
    }

    fn court_code(&mut self, field: &str) -> Option<CourtCode> {
        let s = self.req_str(field)?;
        CourtCode::parse(s).map_err(|e| self.err(field, e.to_string())).ok()
    }

    fn local_code(&mut self, field: &str, what: &str) -> Option<String> {
        let s = self.req_str(field)?;
        if is_valid_local_code(s) {
            Some(s.to_owned())
        } else {
            self.err(field, format!("{what}代码“{s}”无效：应为 1–32 位字母、数字、- 或 _"));
            None
        }
    }

    fn case_no(&mut self, field: &str) -> Option<CaseNumber> {
        let s = self.req_str(field)?;
        CaseNumber::parse(s).map_err(|e| self.err(field, e.to_string())).ok()
    }

    fn amount(&mut self, field: &str, s: &str) -> Option<Amount> {
        Amount::from_yuan_str(s).map_err(|e| self.err(field, e.to_string())).ok()
    }

    fn enum_value<T>(&mut self, field: &str, parse: fn(&str) -> Option<T>, allowed: &str) -> Option<T> {
        let s = self.req_str(field)?;
        let v = parse(s);
        if v.is_none() {
            self.err(field, format!("取值“{s}”无效（应为 {allowed}）"));
        }
        v
    }

    fn court(&mut self) -> Option<Court> {
        let code = self.court_code("code");
        let name = self.req_str("name").map(str::to_owned);
        let level = self.enum_value("level", CourtLevel::parse, "supreme、high、intermediate 或 basic");
        let parent = match self.opt_str("parent") {
            Some(p) => Some(CourtCode::parse(p).map_err(|e| self.err("parent", e.to_string())).ok()?),
            None => None,
        };
        let (code, name, level) = (code?, name?, level?);
        Court::new(code, name, level, parent).map_err(|(field, e)| self.err(field, e.to_string())).ok()
    }

    fn setting(&mut self) -> Option<crate::SettingRecord> {
        let court = self.court_code("court");
        let name = match self.req_str("name") {
            Some(n) => match crate::SettingName::parse(n) {
                Some(name) => Some(name),
                None => {
                    self.err("name", format!("未知的设置“{n}”（应为 indicators 或 holidays.年份）"));
                    None
                }
            },
            None => None,
        };
        let by = self.req_str("by").map(str::to_owned);
        let lines = match self.get("lines") {
            Some(Value::Array(items)) if items.len() <= crate::MAX_SETTING_LINES => {
                let lines: Option<Vec<String>> = items.iter().map(|v| v.as_str().map(str::to_owned)).collect();
                if lines.is_none() {
                    self.err("lines", "每一行应为字符串");
                }
                lines
            }
            Some(Value::Array(_)) => {
                self.err("lines", format!("行数超过上限 {}", crate::MAX_SETTING_LINES));
                None
            }
            Some(_) => {
                self.err("lines", "应为字符串数组");
                None
            }
            None => {
                self.err("lines", "缺少必填字段");
                None
            }
        };
        // A year of holidays must parse and hold that year only; the indicator settings are
        // checked by the importer (they need the indicator catalogue).
        if let (Some(crate::SettingName::Holidays(year)), Some(lines)) = (name, &lines) {
            match docket_domain::calendar::HolidayCalendar::parse(&lines.join("\n")) {
                Err(e) => self.err("lines", format!("节假日安排无法读取：{e}")),
                Ok(c) if c.years().into_iter().any(|y| y != year) => {
                    self.err("lines", format!("holidays.{year} 只能含 {year} 年的日期"));
                }
                Ok(_) => {}
            }
        }
        Some(crate::SettingRecord { court: court?, name: name?, lines: lines?, by: by? })
    }

    fn department(&mut self) -> Option<Department> {
        let court = self.court_code("court");
        let code = self.local_code("code", "庭室");
        let name = self.req_str("name").map(str::to_owned);
        Some(Department { court: court?, code: code?, name: name? })
    }

    fn judge(&mut self) -> Option<Judge> {
        let court = self.court_code("court");
        let code = self.local_code("code", "法官");
        let name = self.req_str("name").map(str::to_owned);
        let department = match self.get("department") {
            Some(_) => Some(self.local_code("department", "庭室")?),
            None => None,
        };
        let mut titles = Vec::new();
        match self.get("titles") {
            None => {}
            Some(Value::Array(items)) => {
                for (i, t) in items.iter().enumerate() {
                    match t.as_str().and_then(JudgeTitle::parse) {
                        Some(t) if !titles.contains(&t) => titles.push(t),
                        Some(_) => self.err(&format!("titles[{i}]"), "职务重复"),
                        None => self.err(
                            &format!("titles[{i}]"),
                            "职务无效（应为 president、vice_president、division_head 或 deputy_division_head）",
                        ),
                    }
                }
            }
            Some(_) => self.err("titles", "应为数组"),
        }
        let quota = self.opt_bool("quota")?.unwrap_or(false);
        Some(Judge { court: court?, code: code?, name: name?, department, titles, quota })
    }

    fn case(&mut self) -> Option<CaseRecord> {
        let court = self.court_code("court");
        let case_no = self.case_no("case_no");
        let type_code = self.req_str("type");
        if let Some(t) = type_code
            && docket_domain::CaseType::lookup(t).is_none()
        {
            self.err("type", format!("类型代字“{t}”不在类型代字表中"));
        }
        let procedure = self.enum_value(
            "procedure",
            Procedure::parse,
            "ordinary、simple、small_claims、fast_track、special、appeal_judgment、appeal_ruling、retrial、non_litigation 或 none",
        );
        let cause = self.req_str("cause").map(str::to_owned);
        let received_on = self.opt_date("received_on");
        let filed_on = self.req_date("filed_on");
        let online = self.opt_bool("online").map(|o| o.unwrap_or(false));
        let claim_amount = match self.opt_str("claim_amount") {
            Some(s) => self.amount("claim_amount", s).map(Some),
            None if self.get("claim_amount").is_some() => None,
            None => Some(None),
        };
        let tags = self.tags();
        let origin = match self.get("origin") {
            Some(_) => Some(self.case_no("origin")?),
            None => None,
        };
        let sealed = self.opt_bool("sealed");
        let possible_sentence_months = match self.get("possible_sentence_months") {
            None => Some(None),
            Some(v) => match v.as_u64().and_then(|n| u32::try_from(n).ok()).filter(|n| *n <= 1200) {
                Some(n) => Some(Some(n)),
                None => {
                    self.err("possible_sentence_months", "应为 0–1200 之间的整数（月）");
                    None
                }
            },
        };
        let parties = self.parties();

        let (
            court,
            case_no,
            type_code,
            procedure,
            cause,
            received_on,
            filed_on,
            online,
            claim_amount,
            tags,
            sealed,
            parties,
        ) = (
            court?,
            case_no?,
            type_code?,
            procedure?,
            cause?,
            received_on?,
            filed_on?,
            online?,
            claim_amount?,
            tags?,
            sealed?,
            parties?,
        );
        let possible_sentence_months = possible_sentence_months?;
        // Cases of minors are sealed unless the line says otherwise.
        let sealed = sealed.unwrap_or_else(|| tags.iter().any(Tag::seals_by_default));
        let record = CaseRecord {
            court,
            case_no,
            procedure,
            cause,
            received_on,
            filed_on,
            online,
            claim_amount,
            tags,
            origin,
            sealed,
            possible_sentence_months,
            parties,
        };
        if record.case_type().code != type_code {
            self.err("type", format!("案件类型 {type_code} 与案号中的类型代字 {} 不符", record.case_type().code));
            return None;
        }
        record.check().map_err(|e| self.err(e.field(), e.to_string())).ok()?;
        Some(record)
    }

    fn period(&mut self) -> Option<Period> {
        let months = self.get("months");
        let days = self.get("days");
        let count = |f: &mut Self, field: &str, v: &Value| -> Option<u32> {
            match v.as_u64().and_then(|n| u32::try_from(n).ok()).filter(|n| *n > 0 && *n <= 1200) {
                Some(n) => Some(n),
                None => {
                    f.err(field, "应为正整数");
                    None
                }
            }
        };
        match (months, days) {
            (Some(m), None) => count(self, "months", m).map(Period::Months),
            (None, Some(d)) => count(self, "days", d).map(Period::Days),
            (Some(_), Some(_)) => {
                self.err("months", "months 与 days 只能填写其一");
                None
            }
            (None, None) => {
                self.err("months", "应填写延长的月数 months 或天数 days");
                None
            }
        }
    }

    fn approver(&mut self) -> Option<Approver> {
        self.enum_value("approver", Approver::parse, "president 或 higher_court")
    }

    fn event(&mut self) -> Option<CaseEvent> {
        let case_no = self.case_no("case_no");
        let on = self.req_date("on");
        let kind = match self.req_str("type")? {
            "assigned" => {
                let judge = self.local_code("judge", "法官");
                let department = match self.get("department") {
                    Some(_) => Some(self.local_code("department", "庭室")?),
                    None => None,
                };
                EventKind::Assigned { judge: judge?, department }
            }
            "procedure_changed" => EventKind::ProcedureChanged {
                procedure: self.enum_value("procedure", Procedure::parse, "审理程序代码")?,
            },
            "hearing_scheduled" => {
                let hearing_on = self.req_date("hearing_on");
                let room = match self.get("room") {
                    Some(Value::Null) | None => None,
                    Some(_) => match self.req_str("room")?.trim() {
                        "" => {
                            self.err("room", "法庭名称不能为空");
                            return None;
                        }
                        r => Some(r.to_owned()),
                    },
                };
                EventKind::HearingScheduled { hearing_on: hearing_on?, room }
            }
            "hearing_held" => {
                let online = self.opt_bool("online");
                let streamed = self.opt_bool("streamed");
                EventKind::HearingHeld { online: online?.unwrap_or(false), streamed: streamed?.unwrap_or(false) }
            }
            "hearing_postponed" => EventKind::HearingPostponed { reason: self.req_str("reason")?.to_owned() },
            "suspended" => EventKind::Suspended {
                reason: self.enum_value(
                    "reason",
                    SuspensionReason::parse,
                    "announcement、appraisal、audit、jurisdiction_objection、suspension、settlement、stay_of_enforcement、auction 或 other",
                )?,
            },
            "resumed" => EventKind::Resumed,
            "extension_requested" => {
                let length = self.period();
                let approver = self.approver();
                EventKind::ExtensionRequested { length: length?, approver: approver? }
            }
            "extended" => {
                let length = self.period();
                let approver = self.approver();
                EventKind::Extended { length: length?, approver: approver? }
            }
            "extension_refused" => match self.req_str("reason")?.trim() {
                "" => {
                    self.err("reason", "不批准延长审限须写明理由");
                    return None;
                }
                reason => EventKind::ExtensionRefused { reason: reason.to_owned() },
            },
            "closed" => {
                let method = self.enum_value("method", CloseMethod::parse, "结案方式代码，见 INTERCHANGE.md");
                let outcome = self.opt_str("outcome").map(str::to_owned);
                EventKind::Closed { method: method?, outcome }
            }
            "recovered" => {
                let s = self.req_str("amount")?;
                EventKind::Recovered { amount: self.amount("amount", s)? }
            }
            "enforcement_measure" => {
                let measure = self.enum_value("measure", Measure::parse, "执行措施代码，见 INTERCHANGE.md");
                let amount = match self.opt_str("amount") {
                    Some(s) => Some(self.amount("amount", s)?),
                    None => None,
                };
                let persons = match self.get("persons") {
                    None => None,
                    Some(v) => match v.as_u64().filter(|n| (1..=99).contains(n)) {
                        Some(n) => Some(n as u32),
                        None => {
                            self.err("persons", "人数应为 1 至 99 的整数");
                            return None;
                        }
                    },
                };
                EventKind::EnforcementMeasure { measure: measure?, amount, persons }
            }
            "obstruction" => EventKind::Obstruction { note: self.opt_str("note").map(str::to_owned) },
            "performance_urged" => EventKind::PerformanceUrged {
                notice: self.enum_value("notice", Notice::parse, "automatic_performance 或 pre_enforcement")?,
            },
            "performed" => {
                let s = self.req_str("amount")?;
                EventKind::Performed { amount: self.amount("amount", s)? }
            }
            "service_attempted" => {
                let channel =
                    self.enum_value("channel", ServiceChannel::parse, "electronic、post、direct 或 announcement");
                let delivered = self.req_bool("delivered");
                let document = self.opt_sha256("document");
                let receipt_at = self.opt_instant("receipt_at");
                let party = self.opt_str("party").map(str::to_owned);
                EventKind::ServiceAttempted {
                    channel: channel?,
                    delivered: delivered?,
                    document: document?,
                    receipt_at: receipt_at?,
                    party,
                }
            }
            "service_viewed" => {
                let document = self.opt_sha256("document");
                let viewed_at = self.opt_instant("viewed_at");
                let party = self.opt_str("party").map(str::to_owned);
                let (document, viewed_at) = (document?, viewed_at?);
                if document.is_none() {
                    self.err("document", "缺少查阅的文书 SHA-256");
                }
                if viewed_at.is_none() {
                    self.err("viewed_at", "缺少查阅时间");
                }
                EventKind::ServiceViewed { document: document?, viewed_at: viewed_at?, party }
            }
            "reopened" => EventKind::Reopened,
            "archived" => EventKind::Archived,
            t @ ("mediation_delegated" | "confirmation_decided" | "fee_paid" | "fee_relief" | "fee_refunded") => {
                self.mediation_or_fee_event(t)?
            }
            t @ ("supervision_flagged" | "supervision_cleared" | "reading_requested" | "reading_done"
            | "deliberated" | "distinguished") => self.supervision_event(t)?,
            "document_issued" => {
                let doc = self.enum_value("doc", DocKind::parse, "judgment、ruling、mediation、decision 或 payment_order");
                let text = self.req_str("text").map(str::to_owned);
                if let Some(t) = &text
                    && t.chars().count() > MAX_DOCUMENT_CHARS
                {
                    self.err("text", format!("文书正文超过 {MAX_DOCUMENT_CHARS} 字"));
                    return None;
                }
                EventKind::DocumentIssued { doc: doc?, text: text? }
            }
            "document_published" => EventKind::DocumentPublished { withheld: self.opt_text("withheld", 200)? },
            other => {
                self.err("type", format!("未知的事件类型“{other}”"));
                return None;
            }
        };
        Some(CaseEvent { case_no: case_no?, event: Event { on: on?, kind } })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(line: &str) -> Vec<String> {
        parse_line(7, line).unwrap_err().iter().map(ToString::to_string).collect()
    }

    const CASE: &str = r#"{"kind":"case","court":"内0203","case_no":"（2025）内0203民初1234号","type":"民初","procedure":"simple","cause":"买卖合同纠纷","received_on":"2025-03-01","filed_on":"2025-03-03","online":true,"claim_amount":"125000.00","tags":["enterprise"],"origin":null,"sealed":false,"parties":[{"role":"plaintiff","kind":"organization","name":"某建材有限公司","id_number":"91150203MA0N00001K"},{"role":"defendant","kind":"person","name":"张三","id_number":"150203199001011232"}]}"#;

    #[test]
    fn every_example_line_of_the_interchange_document_parses() {
        for line in [
            r#"{"kind":"court","code":"内02","name":"包头市中级人民法院","level":"intermediate","parent":"内"}"#,
            r#"{"kind":"court","code":"内0203","name":"包头市昆都仑区人民法院","level":"basic","parent":"内02"}"#,
            r#"{"kind":"department","court":"内0203","code":"ms1","name":"民事审判第一庭"}"#,
            r#"{"kind":"judge","court":"内0203","code":"J0007","name":"王立新","department":"ms1","titles":["division_head"],"quota":true}"#,
            CASE,
            r#"{"kind":"event","case_no":"（2025）内0203民初1234号","on":"2025-03-04","type":"assigned","judge":"J0007"}"#,
        ] {
            parse_line(1, line).unwrap();
        }
    }

    #[test]
    fn an_amount_with_three_decimals_names_its_line_and_field() {
        let line = CASE.replace("125000.00", "125000.001");
        assert_eq!(errors(&line), ["line 7: claim_amount: 金额“125000.001”小数超过两位"]);
    }

    #[test]
    fn a_malformed_date_names_its_field() {
        let line = CASE.replace("\"filed_on\":\"2025-03-03\"", "\"filed_on\":\"2025/03/03\"");
        let errs = errors(&line);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(errs[0].starts_with("line 7: filed_on: 日期“2025/03/03”无效"), "{errs:?}");
    }

    #[test]
    fn an_impossible_date_is_refused() {
        let line = CASE.replace("2025-03-01", "2025-02-30");
        assert!(errors(&line)[0].starts_with("line 7: received_on:"));
    }

    #[test]
    fn a_bad_check_digit_names_the_party() {
        let line = CASE.replace("150203199001011232", "150203199001011233");
        assert_eq!(errors(&line), ["line 7: parties[1].id_number: 公民身份号码校验码错误：应为 2，实为 3"]);
    }

    #[test]
    fn a_first_instance_civil_case_without_a_defendant_is_refused() {
        let line = CASE.replace("\"role\":\"defendant\"", "\"role\":\"third_party\"");
        let errs = errors(&line);
        assert!(errs[0].starts_with("line 7: parties: 民初案件应有被告"), "{errs:?}");
    }

    #[test]
    fn a_party_born_after_the_filing_or_with_no_province_is_refused() {
        let first17 = "15020320300101123";
        let born_2030 = format!("{first17}{}", docket_domain::identity::ResidentId::check_char(first17));
        let errs = errors(&CASE.replace("150203199001011232", &born_2030));
        assert!(
            errs[0].starts_with("line 7: parties: 第 2 名当事人的公民身份号码中的出生日期 2030-01-01 晚于立案日期"),
            "{errs:?}"
        );
        let first17 = "00000019900101123";
        let nowhere = format!("{first17}{}", docket_domain::identity::ResidentId::check_char(first17));
        let errs = errors(&CASE.replace("150203199001011232", &nowhere));
        assert!(errs[0].starts_with("line 7: parties[1].id_number: 公民身份号码的地址码 000000"), "{errs:?}");
    }

    #[test]
    fn a_case_number_from_another_year_is_refused() {
        let line = CASE
            .replace("\"filed_on\":\"2025-03-03\"", "\"filed_on\":\"2026-01-05\"")
            .replace("2025-03-01", "2026-01-04");
        let errs = errors(&line);
        assert!(errs[0].starts_with("line 7: filed_on: 案号年度 2025 与立案日期所在年度 2026 不符"), "{errs:?}");
    }

    #[test]
    fn a_case_number_of_another_court_or_type_is_refused() {
        let line = CASE.replace("\"court\":\"内0203\"", "\"court\":\"内0204\"");
        assert!(errors(&line)[0].starts_with("line 7: court: "));
        let line = CASE.replace("\"type\":\"民初\"", "\"type\":\"民终\"");
        assert!(errors(&line)[0].starts_with("line 7: type: "));
    }

    #[test]
    fn an_unknown_kind_is_refused() {
        assert_eq!(errors(r#"{"kind":"verdict"}"#).len(), 1);
        assert!(errors(r#"{"kind":"verdict"}"#)[0].starts_with("line 7: kind: 未知的记录类型“verdict”"));
    }

    #[test]
    fn every_problem_on_a_line_is_reported() {
        let line =
            CASE.replace("2025-03-01", "2025-13-01").replace("125000.00", "1.001").replace("\"simple\"", "\"quick\"");
        let fields: Vec<String> = parse_line(1, &line).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["procedure", "received_on", "claim_amount"]);
    }

    #[test]
    fn a_minor_case_is_sealed_unless_the_line_says_otherwise() {
        let line = CASE.replace("[\"enterprise\"]", "[\"minor\"]").replace(",\"sealed\":false", "");
        let Record::Case(c) = parse_line(1, &line).unwrap() else { panic!() };
        assert!(c.sealed);
    }

    #[test]
    fn half_width_brackets_in_a_case_number_are_normalised() {
        let line = CASE.replace("（2025）", "(2025)");
        let Record::Case(c) = parse_line(1, &line).unwrap() else { panic!() };
        assert_eq!(c.case_no.to_string(), "（2025）内0203民初1234号");
    }

    #[test]
    fn a_possible_sentence_is_accepted_on_criminal_cases_only() {
        let civil = CASE.replace(",\"sealed\":false", ",\"sealed\":false,\"possible_sentence_months\":48");
        assert!(errors(&civil)[0].starts_with("line 7: possible_sentence_months: "));
        let criminal = r#"{"kind":"case","court":"内0203","case_no":"（2025）内0203刑初5号","type":"刑初","procedure":"simple","cause":"盗窃罪","received_on":null,"filed_on":"2025-03-03","online":false,"claim_amount":null,"tags":[],"origin":null,"sealed":false,"possible_sentence_months":48,"parties":[{"role":"defendant","kind":"person","name":"李四"}]}"#;
        let Record::Case(c) = parse_line(1, criminal).unwrap() else { panic!() };
        assert_eq!(c.possible_sentence_months, Some(48));
        assert_eq!(crate::write_record(&Record::Case(c)), criminal);
    }

    #[test]
    fn an_extension_needs_exactly_one_of_months_and_days() {
        let base = r#"{"kind":"event","case_no":"（2025）内0203民初1号","on":"2025-05-01","type":"extended","approver":"president""#;
        assert!(parse_line(1, &format!("{base},\"months\":6}}")).is_ok());
        assert!(parse_line(1, &format!("{base},\"days\":30}}")).is_ok());
        assert!(parse_line(1, &format!("{base},\"months\":6,\"days\":3}}")).is_err());
        assert!(parse_line(1, &format!("{base}}}")).is_err());
    }

    #[test]
    fn a_service_keeps_its_documents_hash_and_receipt_time_and_refuses_malformed_ones() {
        let base = r#"{"kind":"event","case_no":"（2025）内0203民初1号","on":"2025-05-01","type":"service_attempted","channel":"electronic","delivered":true"#;
        let hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        let line = format!(r#"{base},"document":"{hash}","receipt_at":"2025-05-01T10:15:00+08:00"}}"#);
        let record = parse_line(1, &line).unwrap();
        let Record::Event(e) = &record else { panic!("an event") };
        let docket_domain::EventKind::ServiceAttempted { document, receipt_at, .. } = &e.event.kind else {
            panic!("a service")
        };
        assert_eq!(document.as_deref(), Some(hash));
        assert_eq!(receipt_at.map(|t| t.to_rfc3339()), Some("2025-05-01T10:15:00+08:00".to_owned()));
        let written = crate::write_record(&record);
        assert!(written.contains(hash) && written.contains(r#""receipt_at":"2025-05-01T10:15:00+08:00""#), "{written}");
        assert_eq!(parse_line(1, &written).unwrap(), record, "written back, it reads the same");
        // Without them the line is as before.
        assert!(!crate::write_record(&parse_line(1, &format!("{base}}}")).unwrap()).contains("receipt_at"));
        let upper = format!(r#"{base},"document":"{}"}}"#, hash.to_uppercase());
        assert!(errors(&upper).iter().any(|e| e.contains("document") && e.contains("SHA-256")), "{:?}", errors(&upper));
        let no_zone = format!(r#"{base},"receipt_at":"2025-05-01 10:15:00"}}"#);
        assert!(
            errors(&no_zone).iter().any(|e| e.contains("receipt_at") && e.contains("时区")),
            "{:?}",
            errors(&no_zone)
        );
    }
}
