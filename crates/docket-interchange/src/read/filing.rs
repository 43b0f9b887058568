//! Reading 网上立案 applications (`filing_application`, `filing_application_event`), kinds
//! Docket adds to the management records.

use serde_json::Value;

use docket_domain::management::{Applicant, FilingApplication, FilingApplicationEvent, Management};
use docket_domain::online_filing::{Claim, Step};

use super::Fields;

impl Fields<'_> {
    /// The application record of `kind`, or `None` when the kind is not one.
    pub(super) fn filing_record(&mut self, kind: &str) -> Option<Option<Management>> {
        Some(match kind {
            "filing_application" => self.filing_application().map(Management::FilingApplication),
            "filing_application_event" => self.filing_application_event().map(Management::FilingApplicationEvent),
            _ => return None,
        })
    }

    fn applicant(&mut self) -> Option<Applicant> {
        let Some(Value::Object(obj)) = self.get("applicant") else {
            self.err("applicant", "应为对象（kind、name，以及 id_number 或 licence_no）");
            return None;
        };
        let mut a = Fields { obj, line: self.line, prefix: "applicant.".into(), errors: Vec::new() };
        let lawyer = match a.req_str("kind") {
            Some("party") => Some(false),
            Some("lawyer") => Some(true),
            Some(other) => {
                a.err("kind", format!("取值“{other}”无效（应为 party 或 lawyer）"));
                None
            }
            None => None,
        };
        let name = a.text("name", 200);
        let id = match lawyer {
            Some(true) => a.text("licence_no", 32),
            Some(false) => a.req_str("id_number").and_then(|n| {
                docket_domain::identity::ResidentId::parse(n)
                    .map(|r| r.as_str().to_owned())
                    .or_else(|_| docket_domain::identity::CreditCode::parse(n).map(|c| c.as_str().to_owned()))
                    .map_err(|_| a.err("id_number", "应为有效的公民身份号码或统一社会信用代码（校验位不符）"))
                    .ok()
            }),
            None => None,
        };
        self.errors.append(&mut a.errors);
        Some(Applicant { lawyer: lawyer?, name: name?, id: id? })
    }

    fn filing_application(&mut self) -> Option<FilingApplication> {
        let court = self.court_code("court");
        let no = self.text("no", 64);
        let received_on = self.req_date("received_on");
        let claim = self.enum_value(
            "claim",
            Claim::parse,
            "civil、administrative、private_prosecution、third_party_revocation 或 enforcement_objection",
        );
        let case_type = self.req_str("type").and_then(|t| {
            docket_domain::CaseType::lookup(t).map(|c| c.code.to_owned()).or_else(|| {
                self.err("type", format!("未知的类型代字“{t}”"));
                None
            })
        });
        let cause = self.text("cause", 100);
        let claim_amount = match self.opt_str("claim_amount") {
            Some(s) => self.amount("claim_amount", s).map(Some),
            None => Some(None),
        };
        let applicant = self.applicant();
        let parties = self.parties();
        let requests = self.text("requests", 20_000);
        Some(FilingApplication {
            court: court?,
            no: no?,
            received_on: received_on?,
            claim: claim?,
            case_type: case_type?,
            cause: cause?,
            claim_amount: claim_amount?,
            applicant: applicant?,
            parties: parties?,
            requests: requests?,
        })
    }

    fn filing_application_event(&mut self) -> Option<FilingApplicationEvent> {
        let court = self.court_code("court");
        let no = self.text("no", 64);
        let on = self.req_date("on");
        let step = match self.req_str("type") {
            Some("correction_requested") => {
                let missing = self.text("missing", 2000);
                let by = self.req_date("by");
                Some(Step::CorrectionRequested { missing: missing?, by: by? })
            }
            Some("corrected") => Some(Step::Corrected),
            Some("accepted") => self.case_no("case_no").map(|case_no| Step::Accepted { case_no }),
            Some("refused") => self.text("reason", 2000).map(|reason| Step::Refused { reason }),
            Some("returned") => Some(Step::Returned),
            Some("withdrawn") => Some(Step::Withdrawn),
            Some(other) => {
                self.err(
                    "type",
                    format!(
                        "取值“{other}”无效（应为 correction_requested、corrected、accepted、refused、returned 或 withdrawn）"
                    ),
                );
                None
            }
            None => None,
        };
        Some(FilingApplicationEvent { court: court?, no: no?, on: on?, step: step? })
    }
}
