//! 网上立案 (登记立案规定 §7–§9, 在线诉讼规则 §12): a party or a lawyer applies in the portal;
//! the 立案员 asks for 补正 with everything missing at once, refuses with a reason, or files the
//! case — `online`, received on the day the complete materials arrived (§7 第二款), its
//! application's `accepted` step written in the filing's own transaction. Each application and
//! step is a record of the court's chain (`filing_application`, `filing_application_event`).

use chrono::NaiveDate;
use docket_domain::management::{
    Applicant, ApplicationRecord, FilingApplication, FilingApplicationEvent, Management, Register,
};
use docket_domain::online_filing::{Claim, Stage, Step};
use docket_domain::portal::Link;
use docket_domain::{Agent, AgentKind, CaseNumber, CourtCode, Party, PartyKind, PartyRole};
use docket_store::Store;

use crate::{Account, AppError, Docket, FieldError, PortalAccount};

/// What the applicant fills in.
#[derive(Debug, Clone, Default)]
pub struct NewApplication {
    pub court: String,
    /// `civil`, `administrative` …
    pub claim: String,
    pub cause: String,
    /// 标的额 in 元; may be empty.
    pub claim_amount: String,
    /// The plaintiff: the party themself, or (for a lawyer) their client.
    pub plaintiff_name: String,
    pub plaintiff_kind: String,
    pub plaintiff_id: String,
    pub defendant_name: String,
    pub defendant_kind: String,
    pub defendant_id: String,
    pub requests: String,
}

/// The 类型代字 an application's claim files under.
fn case_type_of(claim: Claim) -> &'static str {
    match claim {
        Claim::Civil | Claim::ThirdPartyRevocation | Claim::EnforcementObjection => "民初",
        Claim::Administrative => "行初",
        Claim::PrivateProsecution => "刑初",
    }
}

fn party(
    role: PartyRole,
    kind: &str,
    name: &str,
    id: &str,
    field: &str,
    errors: &mut Vec<FieldError>,
) -> Option<Party> {
    let kind = match PartyKind::parse(kind.trim()) {
        Some(k) => k,
        None => {
            errors.push(FieldError::new(format!("{field}_kind"), "请选择自然人或单位"));
            return None;
        }
    };
    if name.trim().is_empty() || name.chars().count() > 200 {
        errors.push(FieldError::new(format!("{field}_name"), "请填写姓名或名称（不超过 200 字）"));
        return None;
    }
    let id = match id.trim() {
        "" => None,
        n => match docket_domain::PartyId::parse(docket_domain::IdType::default_for(kind), n) {
            Ok(id) => Some(id),
            Err(e) => {
                errors.push(FieldError::new(format!("{field}_id"), e.to_string()));
                return None;
            }
        },
    };
    Some(Party { id, ..Party::new(role, kind, name.trim()) })
}

impl<S: Store> Docket<S> {
    /// The portal account applies to file; returns the application's court and number.
    pub async fn apply_to_file(
        &self,
        who: &PortalAccount,
        new: NewApplication,
        today: NaiveDate,
    ) -> Result<(CourtCode, String), AppError> {
        let mut errors = Vec::new();
        let courts = self.store.courts().await?;
        let court = CourtCode::parse(new.court.trim()).ok().filter(|c| courts.iter().any(|x| &x.code == c));
        if court.is_none() {
            errors.push(FieldError::new("court", "请选择受理法院"));
        }
        let claim = Claim::parse(new.claim.trim());
        if claim.is_none() {
            errors.push(FieldError::new("claim", "请选择申请类型"));
        }
        if new.cause.trim().is_empty() || new.cause.chars().count() > 100 {
            errors.push(FieldError::new("cause", "请填写案由（不超过 100 字）"));
        }
        let claim_amount = match new.claim_amount.trim() {
            "" => None,
            a => match docket_domain::Amount::from_yuan_str(a) {
                Ok(x) => Some(x),
                Err(e) => {
                    errors.push(FieldError::new("claim_amount", e.to_string()));
                    None
                }
            },
        };
        if new.requests.trim().is_empty() || new.requests.chars().count() > 20_000 {
            errors.push(FieldError::new("requests", "请填写诉讼请求和事实与理由（不超过 20000 字）"));
        }
        let (role_a, role_b) = match claim {
            Some(Claim::PrivateProsecution) => (PartyRole::PrivateProsecutor, PartyRole::Defendant),
            _ => (PartyRole::Plaintiff, PartyRole::Defendant),
        };
        let (lawyer, id) = match &who.link {
            Link::Licence(l) => (true, l.clone()),
            Link::Identity(n) => (false, n.clone()),
        };
        // A party applies as the plaintiff with their own verified number; a lawyer for a client,
        // with themself as the client's agent.
        let mut plaintiff = if lawyer {
            party(role_a, &new.plaintiff_kind, &new.plaintiff_name, &new.plaintiff_id, "plaintiff", &mut errors)
        } else {
            let kind = if id.len() == 18 && docket_domain::identity::ResidentId::parse(&id).is_ok() {
                "person"
            } else {
                "organization"
            };
            party(role_a, kind, &who.account.name, &id, "plaintiff", &mut errors)
        };
        if let (true, Some(p)) = (lawyer, plaintiff.as_mut()) {
            p.agents.push(Agent {
                name: who.account.name.clone(),
                kind: AgentKind::Lawyer,
                licence_no: Some(id.clone()),
            });
        }
        let defendant =
            party(role_b, &new.defendant_kind, &new.defendant_name, &new.defendant_id, "defendant", &mut errors);
        let (Some(court), Some(claim), Some(plaintiff), Some(defendant), true) =
            (court, claim, plaintiff, defendant, errors.is_empty())
        else {
            return Err(AppError::Fields(errors));
        };
        let register = self.register().await?;
        let year = chrono::Datelike::year(&today);
        let prefix = format!("{year}-网立-");
        let n = register
            .applications
            .keys()
            .filter(|(c, _)| c == &court)
            .filter_map(|(_, no)| no.strip_prefix(&prefix).and_then(|n| n.parse::<u32>().ok()))
            .max()
            .unwrap_or(0)
            + 1;
        let no = format!("{prefix}{n}");
        let application = FilingApplication {
            court: court.clone(),
            no: no.clone(),
            received_on: today,
            claim,
            case_type: case_type_of(claim).to_owned(),
            cause: new.cause.trim().to_owned(),
            claim_amount,
            applicant: Applicant { lawyer, name: who.account.name.clone(), id },
            parties: vec![plaintiff, defendant],
            requests: new.requests.trim().to_owned(),
        };
        self.record_management(vec![Management::FilingApplication(application)], &who.account).await?;
        Ok((court, no))
    }

    /// A step of an application: the 立案员's 补正 or refusal (`by` staff), the applicant's
    /// correction or withdrawal (`by` the portal account). Filing is [`Docket::accept_application`].
    pub async fn application_step(
        &self,
        court: &CourtCode,
        no: &str,
        step: Step,
        by: &Account,
        today: NaiveDate,
    ) -> Result<(), AppError> {
        let staff_step = matches!(step, Step::CorrectionRequested { .. } | Step::Refused { .. } | Step::Returned);
        let party_step = matches!(step, Step::Corrected | Step::Withdrawn);
        if (by.role.is_portal() && !party_step) || (!by.role.is_portal() && !staff_step) {
            return Err(AppError::Fields(vec![FieldError::new("type", "无权进行此步骤")]));
        }
        let event = FilingApplicationEvent { court: court.clone(), no: no.to_owned(), on: today, step };
        match self.record_management(vec![Management::FilingApplicationEvent(event)], by).await {
            Ok(_) => Ok(()),
            Err(AppError::Import(errors)) => {
                Err(AppError::Fields(errors.into_iter().map(|e| FieldError::new(e.field, e.message)).collect()))
            }
            Err(e) => Err(e),
        }
    }

    /// Files the case an application asks for (立案), as `by` (a 立案员): `online`, received on
    /// the day the complete materials arrived, with the application's `accepted` step.
    pub async fn accept_application(
        &self,
        court: &CourtCode,
        no: &str,
        procedure: &str,
        by: &Account,
        today: NaiveDate,
    ) -> Result<CaseNumber, AppError> {
        let _one_at_a_time = self.accepting.lock().await;
        let record = application(&self.register().await?, court, no)?;
        if !matches!(record.state.stage, Stage::Waiting { .. }) {
            return Err(AppError::Fields(vec![FieldError::new(
                "type",
                format!("申请{}，不能立案", record.state.stage.label()),
            )]));
        }
        if by.role.is_portal() {
            return Err(AppError::Fields(vec![FieldError::new("type", "无权立案")]));
        }
        let a = &record.application;
        let filing = crate::Filing {
            court: a.court.to_string(),
            type_code: a.case_type.clone(),
            procedure: procedure.to_owned(),
            cause: a.cause.clone(),
            received_on: record.complete_on().to_string(),
            filed_on: Some(today),
            online: true,
            claim_amount: a.claim_amount.map(|x| x.to_string()).unwrap_or_default(),
            parties: a
                .parties
                .iter()
                .map(|p| crate::FilingParty {
                    role: p.role.as_str().to_owned(),
                    kind: p.kind.as_str().to_owned(),
                    name: p.name.clone(),
                    id_number: p.id.as_ref().map(|i| i.number().to_owned()).unwrap_or_default(),
                    org_type: String::new(),
                    agents: p.agents.clone(),
                })
                .collect(),
            application: Some(no.to_owned()),
            ..Default::default()
        };
        self.file_case(filing, today, Some(by)).await
    }
}

/// The applications the portal account made or whose parties it stands for, newest first (from a
/// register the caller holds: the web keeps one current).
pub fn applications_of(register: &Register, who: &PortalAccount) -> Vec<ApplicationRecord> {
    let mut out: Vec<ApplicationRecord> = register
        .applications
        .values()
        .filter(|r| {
            let a = &r.application.applicant;
            let applied = match &who.link {
                Link::Identity(n) => !a.lawyer && a.id == *n,
                Link::Licence(l) => a.lawyer && a.id == *l,
            };
            applied || docket_domain::portal::reaches(&who.link, &r.application.parties)
        })
        .cloned()
        .collect();
    out.sort_by(|a, b| {
        b.application.received_on.cmp(&a.application.received_on).then(b.application.no.cmp(&a.application.no))
    });
    out
}

/// One application, for the portal account it concerns ("not found" otherwise).
pub fn application_for(
    register: &Register,
    who: &PortalAccount,
    court: &str,
    no: &str,
) -> Result<ApplicationRecord, AppError> {
    applications_of(register, who)
        .into_iter()
        .find(|r| r.application.court.as_str() == court && r.application.no == no)
        .ok_or_else(|| AppError::NotFound(format!("网上立案申请 {no}")))
}

/// The court's applications waiting for the 立案员 or for a correction, the earliest due first.
pub fn applications_waiting(register: &Register, court: &CourtCode) -> Vec<ApplicationRecord> {
    let mut out: Vec<ApplicationRecord> = register
        .applications
        .values()
        .filter(|r| &r.application.court == court)
        .filter(|r| matches!(r.state.stage, Stage::Waiting { .. } | Stage::Correcting { .. }))
        .cloned()
        .collect();
    out.sort_by_key(|r| match &r.state.stage {
        Stage::Waiting { decide_by } => (0, *decide_by),
        Stage::Correcting { by, .. } => (1, *by),
        _ => (2, r.application.received_on),
    });
    out
}

/// One application of a court, for its staff.
pub fn application(register: &Register, court: &CourtCode, no: &str) -> Result<ApplicationRecord, AppError> {
    register
        .applications
        .get(&(court.clone(), no.to_owned()))
        .cloned()
        .ok_or_else(|| AppError::NotFound(format!("网上立案申请 {no}")))
}
