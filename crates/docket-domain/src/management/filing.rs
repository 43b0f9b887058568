//! 网上立案 applications as records of their court's chain (`filing_application`,
//! `filing_application_event`, kinds Docket adds to the management records): what a party or a
//! lawyer asked to file, and each step the 立案员 and the applicant took, folded by
//! [`crate::online_filing::ApplicationState`] (登记立案规定 §7–§9).

use chrono::NaiveDate;

use crate::online_filing::{ApplicationState, Claim, Step};
use crate::portal::Link;
use crate::{Amount, CourtCode, Party};

/// Who applied: a party by their ID number or credit code, or a lawyer by their licence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applicant {
    pub lawyer: bool,
    pub name: String,
    /// The ID number or credit code of a party, the 执业证号 of a lawyer.
    pub id: String,
}

impl Applicant {
    /// The portal link that reaches the application.
    pub fn link(&self) -> Link {
        if self.lawyer { Link::Licence(self.id.clone()) } else { Link::Identity(self.id.clone()) }
    }
}

/// 网上立案申请: an application to file, received on `received_on`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilingApplication {
    pub court: CourtCode,
    /// Its number in the court (e.g. `2026-网立-17`), unique per court.
    pub no: String,
    pub received_on: NaiveDate,
    pub claim: Claim,
    /// The 类型代字 the case would take (民初, 行初, 刑初 …).
    pub case_type: String,
    pub cause: String,
    pub claim_amount: Option<Amount>,
    pub applicant: Applicant,
    pub parties: Vec<Party>,
    /// 诉讼请求 and 事实与理由, as the applicant wrote them.
    pub requests: String,
}

/// A step of an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilingApplicationEvent {
    pub court: CourtCode,
    pub no: String,
    pub on: NaiveDate,
    pub step: Step,
}

/// An application with its steps, folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationRecord {
    pub application: FilingApplication,
    pub state: ApplicationState,
    pub steps: Vec<(NaiveDate, Step)>,
}

impl ApplicationRecord {
    /// The day the complete materials arrived: the last correction's, else the application's —
    /// the case's `received_on` when it is filed (§7 第二款), from which 立案 within limit counts.
    pub fn complete_on(&self) -> NaiveDate {
        self.steps
            .iter()
            .rev()
            .find_map(|(on, s)| matches!(s, Step::Corrected).then_some(*on))
            .unwrap_or(self.application.received_on)
    }
}
