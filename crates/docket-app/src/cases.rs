//! Case work one case at a time, as the web pages and the API do it: 立案 with 案号 allocation, and
//! appending one event. Both check everything before writing and write nothing on any problem;
//! every problem names its field (the interchange field names) with a Chinese message.

use chrono::{Datelike, NaiveDate};
use docket_domain::{
    Amount, CaseNumber, CaseRecord, CaseState, CaseType, CourtCode, Event, EventKind, IdType, OrgType, Party, PartyId,
    PartyKind, PartyRole, Procedure, Tag,
};
use docket_interchange::{CaseEvent, Record, write_record};
use docket_store::{Batch, CaseWrite, EntryKind, NewEntry, Store, StoreError};

use crate::accounts::audit_by;
use crate::{Account, AppError, Docket, FieldError};

/// A party as a filing form gives it: raw strings, checked by [`Docket::file_case`].
#[derive(Debug, Clone, Default)]
pub struct FilingParty {
    /// `plaintiff`, `defendant` … (interchange `role`).
    pub role: String,
    /// `person` or `organization`.
    pub kind: String,
    pub name: String,
    /// 公民身份号码 for a person, 统一社会信用代码 for an organisation; may be empty.
    pub id_number: String,
    /// An organisation's `org_type` (`government`, `soe`, `private`); may be empty.
    pub org_type: String,
    /// 诉讼代理人, as an application to file gave them.
    pub agents: Vec<docket_domain::Agent>,
}

/// A filing (立案) as a form gives it.
#[derive(Debug, Clone, Default)]
pub struct Filing {
    pub court: String,
    pub type_code: String,
    pub procedure: String,
    pub cause: String,
    /// 收到起诉材料日期, `YYYY-MM-DD`, may be empty.
    pub received_on: String,
    pub filed_on: Option<NaiveDate>,
    pub online: bool,
    /// 标的额 in 元, may be empty.
    pub claim_amount: String,
    pub tags: Vec<String>,
    /// The 案号 this case derives from, may be empty.
    pub origin: String,
    /// Sealed (不公开); minors' cases are sealed whatever this says.
    pub sealed: bool,
    pub parties: Vec<FilingParty>,
    /// The 承办法官 to assign at filing, may be empty.
    pub judge: String,
    /// The 网上立案 application (its number in the court) this filing accepts: its `accepted`
    /// step, with the new 案号, is written in the filing's own transaction.
    pub application: Option<String>,
}

impl<S: Store> Docket<S> {
    /// Files a case: checks the filing, allocates the next 案号 of its court × type × year, and
    /// commits the case (and its assignment, if a judge is given) in one transaction.
    /// `by`, when given, is audited (`file_case`) in the filing's own transaction.
    pub async fn file_case(
        &self,
        filing: Filing,
        today: NaiveDate,
        by: Option<&Account>,
    ) -> Result<CaseNumber, AppError> {
        let mut errors = Vec::new();
        let court = match CourtCode::parse(filing.court.trim()) {
            Ok(c) => Some(c),
            Err(e) => {
                errors.push(FieldError::new("court", e.to_string()));
                None
            }
        };
        if let Some(c) = &court
            && !self.store.courts().await?.iter().any(|x| &x.code == c)
        {
            errors.push(FieldError::new("court", format!("法院 {c} 不在本系统中")));
        }
        let case_type = CaseType::lookup(filing.type_code.trim());
        if case_type.is_none() {
            errors.push(FieldError::new("type", format!("“{}”不是类型代字", filing.type_code)));
        }
        let procedure = Procedure::parse(filing.procedure.trim());
        if procedure.is_none() {
            errors.push(FieldError::new("procedure", "请选择审理程序"));
        }
        let filed_on = filing.filed_on.unwrap_or(today);
        if filed_on > today {
            errors.push(FieldError::new("filed_on", format!("立案日期 {filed_on} 晚于今天")));
        } else if filed_on.year() < 1949 {
            // 案号的年度自 1949 年起（法〔2015〕137号）: said at the date, not at a 案号 the form has no field for.
            errors.push(FieldError::new("filed_on", format!("立案日期 {filed_on} 早于 1949 年")));
        }
        let received_on = match filing.received_on.trim() {
            "" => None,
            s => match s.parse::<NaiveDate>() {
                Ok(d) => Some(d),
                Err(_) => {
                    errors.push(FieldError::new("received_on", format!("“{s}”不是日期（应为 2025-03-01 的形式）")));
                    None
                }
            },
        };
        let claim_amount = match filing.claim_amount.trim() {
            "" => None,
            s => match Amount::from_yuan_str(s) {
                Ok(a) => Some(a),
                Err(e) => {
                    errors.push(FieldError::new("claim_amount", e.to_string()));
                    None
                }
            },
        };
        let mut tags = Vec::new();
        for t in filing.tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
            match Tag::parse(t) {
                Some(tag) => tags.push(tag),
                None => errors.push(FieldError::new("tags", format!("“{t}”不是标签"))),
            }
        }
        let origin = match filing.origin.trim() {
            "" => None,
            s => match CaseNumber::parse(s) {
                Ok(n) => {
                    if self.store.case(&n).await?.is_none() {
                        errors.push(FieldError::new("origin", format!("原审案件 {n} 不在本系统中")));
                    }
                    Some(n)
                }
                Err(e) => {
                    errors.push(FieldError::new("origin", e.to_string()));
                    None
                }
            },
        };
        let mut parties = Vec::new();
        for (i, p) in filing.parties.iter().enumerate() {
            if p.name.trim().is_empty() && p.id_number.trim().is_empty() {
                continue;
            }
            let field = |f: &str| format!("parties[{i}].{f}");
            let role = PartyRole::parse(p.role.trim());
            if role.is_none() {
                errors.push(FieldError::new(field("role"), "请选择诉讼地位"));
            }
            let kind = PartyKind::parse(p.kind.trim());
            if kind.is_none() {
                errors.push(FieldError::new(field("kind"), "请选择自然人或单位"));
            }
            if p.name.trim().is_empty() {
                errors.push(FieldError::new(field("name"), "当事人姓名或名称不能为空"));
            }
            let id = match (kind, p.id_number.trim()) {
                (_, "") | (None, _) => None,
                (Some(kind), number) => match PartyId::parse(IdType::default_for(kind), number) {
                    Ok(id) => Some(id),
                    Err(e) => {
                        errors.push(FieldError::new(field("id_number"), e.to_string()));
                        None
                    }
                },
            };
            let org_type = match p.org_type.trim() {
                "" => None,
                t => match OrgType::parse(t) {
                    Some(t) if kind == Some(PartyKind::Organization) => Some(t),
                    Some(_) => {
                        errors.push(FieldError::new(field("org_type"), "只有单位当事人才选择单位性质"));
                        None
                    }
                    None => {
                        errors.push(FieldError::new(field("org_type"), format!("单位性质“{t}”无效")));
                        None
                    }
                },
            };
            if let (Some(role), Some(kind)) = (role, kind) {
                parties.push(Party { id, org_type, agents: p.agents.clone(), ..Party::new(role, kind, p.name.trim()) });
            }
        }
        if parties.is_empty() && !errors.iter().any(|e| e.field.starts_with("parties")) {
            errors.push(FieldError::new("parties", "至少填写一名当事人"));
        }
        let judge = match (filing.judge.trim(), &court) {
            ("", _) | (_, None) => None,
            (code, Some(c)) => {
                let found = self.store.judges().await?.into_iter().find(|j| &j.court == c && j.code == code);
                if found.is_none() {
                    errors.push(FieldError::new("judge", format!("{c} 没有编号为 {code} 的法官")));
                }
                found
            }
        };
        let (Some(court), Some(case_type), Some(procedure)) = (court, case_type, procedure) else {
            return Err(AppError::Fields(errors));
        };
        let sealed = filing.sealed || tags.iter().any(Tag::seals_by_default);
        let record = |seq: u32| -> Result<CaseRecord, AppError> {
            let case_no = CaseNumber::new(filed_on.year(), court.clone(), case_type, seq)
                .map_err(|e| AppError::Fields(vec![FieldError::new("case_no", e.to_string())]))?;
            Ok(CaseRecord {
                court: court.clone(),
                case_no,
                procedure,
                cause: filing.cause.trim().to_owned(),
                received_on,
                filed_on,
                online: filing.online,
                claim_amount,
                tags: tags.clone(),
                origin: origin.clone(),
                sealed,
                possible_sentence_months: None,
                parties: parties.clone(),
            })
        };
        // The record's own rules, checked on a trial number before a real one is allocated.
        // A 案号 that cannot be made (its year) joins the other errors rather than replacing them;
        // the date's own error already says it.
        match record(1) {
            Ok(r) => {
                if let Err(e) = r.check() {
                    errors.push(FieldError::new(e.field(), e.to_string()));
                }
            }
            Err(AppError::Fields(f)) => {
                if !errors.iter().any(|e| e.field == "filed_on") {
                    errors.extend(f);
                }
            }
            Err(e) => return Err(e),
        }
        if !errors.is_empty() {
            return Err(AppError::Fields(errors));
        }
        let assignment = judge
            .map(|j| Event { on: filed_on, kind: EventKind::Assigned { judge: j.code, department: j.department } });
        // 繁简分流: the rules' suggestion and the procedure the filer chose, kept with the filing.
        let tag_names: Vec<&str> = tags.iter().map(Tag::as_str).collect();
        let rules = self.indicator_settings().await?.triage;
        let triage = rules.suggest(&docket_domain::triage::TriageCase {
            type_code: case_type.code,
            cause: filing.cause.trim(),
            claim: claim_amount,
            parties: parties.len(),
            tags: &tag_names,
        });
        let detail = triage.map_or_else(String::new, |t| {
            format!("繁简分流建议：{}（{}）；立案程序：{}", t.procedure.label(), t.team, procedure.label())
        });
        let audit = by.map(|a| audit_by(a, "file_case", "", &detail));
        let application = filing.application.clone();
        let (seq, _) = self
            .store
            .file_case(&court, case_type.code, filed_on.year(), move |seq| {
                let mut batch = filing_batch(record(seq), assignment)?;
                if let (Some(mut line), Some(case)) = (audit, batch.cases.first()) {
                    line.target = case.state.record.case_no.to_string();
                    batch.audit.push(line);
                }
                if let (Some(no), Some(case)) = (&application, batch.cases.first()) {
                    let accepted = docket_domain::management::Management::FilingApplicationEvent(
                        docket_domain::management::FilingApplicationEvent {
                            court: case.state.record.court.clone(),
                            no: no.clone(),
                            on: filed_on,
                            step: docket_domain::online_filing::Step::Accepted {
                                case_no: case.state.record.case_no.clone(),
                            },
                        },
                    );
                    let body = write_record(&Record::Management(accepted.clone()));
                    batch.entries.push(crate::import::management_entry(&accepted, body));
                }
                Ok(batch)
            })
            .await?;
        CaseNumber::new(filed_on.year(), court.clone(), case_type, seq).map_err(|e| AppError::Corrupt(e.to_string()))
    }

    /// Appends one event to a stored case, with the same checks as an import: the lifecycle must
    /// allow it. An event dated after `today` is refused (a hearing may be scheduled for a later
    /// date, but the scheduling itself happens today or earlier).
    /// `by` (the account and a description of the change), when given, is audited
    /// (`append_event`) in the event's own transaction.
    pub async fn append_event(
        &self,
        case_no: &CaseNumber,
        event: Event,
        today: NaiveDate,
        by: Option<(&Account, &str)>,
    ) -> Result<(), AppError> {
        if event.on > today {
            return Err(AppError::Fields(vec![FieldError::new("on", format!("事件日期 {} 晚于今天", event.on))]));
        }
        // A view is the party's own act, recorded by the portal when they open the document.
        if matches!(event.kind, EventKind::ServiceViewed { .. }) && !by.is_some_and(|(a, _)| a.role.is_portal()) {
            return Err(AppError::Fields(vec![FieldError::new(
                "type",
                "查阅记录在当事人打开文书时自动生成，不能手工登记",
            )]));
        }
        let Some(case) = self.store.case(case_no).await? else {
            return Err(AppError::NotFound(case_no.to_string()));
        };
        // 分案 without a department puts the case in the judge's: a case without one counts as
        // 未分配 in every department's figures.
        let event = match event.kind {
            EventKind::Assigned { judge, department: None } => {
                let department = self
                    .store
                    .judges()
                    .await?
                    .into_iter()
                    .find(|j| j.court == case.court && j.code == judge)
                    .and_then(|j| j.department);
                Event { on: event.on, kind: EventKind::Assigned { judge, department } }
            }
            _ => event,
        };
        // 四类案件: a marked case closes only after an approved 阅核 (or the 审判委员会's
        // discussion a reading sent it to), unless the court's settings say otherwise.
        // Read from the projection's facts (the import replays the case once, not twice), and the
        // settings only for a marked case.
        if matches!(event.kind, EventKind::Closed { .. }) {
            let supervision = docket_store::supervision_of(&case.enforcement);
            if supervision.flagged.is_some()
                && let Some(why) = supervision.closing_refusal(&self.indicator_settings().await?.supervision)
            {
                return Err(AppError::Fields(vec![FieldError::new("method", why)]));
            }
        }
        let record = Record::Event(CaseEvent { case_no: case_no.clone(), event });
        let audit =
            by.map(|(a, detail)| audit_by(a, "append_event", &case_no.to_string(), detail)).into_iter().collect();
        match self.import_records_audited(vec![record], audit).await {
            Ok(_) => Ok(()),
            Err(AppError::Import(errors)) => {
                Err(AppError::Fields(errors.into_iter().map(|e| FieldError::new(e.field, e.message)).collect()))
            }
            Err(AppError::Store(StoreError::Conflict(_))) => {
                Err(AppError::Fields(vec![FieldError::new("case_no", "案件刚被他人更新，请刷新后重试")]))
            }
            Err(e) => Err(e),
        }
    }
}

/// The batch that files one case: its case entry, the assignment if any, and its projection.
/// A record that cannot be built (a 案号 beyond the allowed range) rolls the filing back, number
/// included.
fn filing_batch(record: Result<CaseRecord, AppError>, assignment: Option<Event>) -> Result<Batch, StoreError> {
    let record = record.map_err(|e| StoreError::Conflict(e.to_string()))?;
    let court = record.court.clone();
    let case_no = record.case_no.clone();
    let mut state = CaseState::filed(record.clone());
    let mut batch = Batch::default();
    batch.entries.push(NewEntry {
        court: court.clone(),
        kind: EntryKind::Case,
        case: Some((case_no.clone(), 0)),
        on: Some(record.filed_on),
        event_type: None,
        body: write_record(&Record::Case(record)),
    });
    if let Some(event) = assignment
        && state.apply(event.clone()).is_ok()
    {
        batch.entries.push(NewEntry {
            court,
            kind: EntryKind::Event,
            case: Some((case_no.clone(), 1)),
            on: Some(event.on),
            event_type: Some(event.kind.type_name()),
            body: write_record(&Record::Event(CaseEvent { case_no, event })),
        });
    }
    batch.cases.push(CaseWrite { state, new: true });
    Ok(batch)
}
