//! Reading the management records of `INTERCHANGE.md` ("Management records"): campaigns and
//! their cases, ledger items and events, judicial suggestions, petitions.

use serde_json::Value;

use docket_domain::management::{
    Campaign, CampaignCase, CampaignScope, LedgerEvent, LedgerEventKind, LedgerItem, LedgerSource, Management,
    MediationOrg, MediationOrgType, Petition, PetitionChannel, PetitionEvent, PetitionEventKind, PetitionResult,
    Petitioner, Suggestion, SuggestionEvent, SuggestionEventKind,
};
use docket_domain::{IdType, PartyId, PartyKind};

use super::Fields;

impl Fields<'_> {
    /// The management record of `kind`, or `None` when the kind is not one.
    pub(super) fn management(&mut self, kind: &str) -> Option<Option<Management>> {
        Some(match kind {
            "campaign" => self.campaign().map(Management::Campaign),
            "campaign_case" => self.campaign_case().map(Management::CampaignCase),
            "ledger_item" => self.ledger_item().map(Management::LedgerItem),
            "ledger_event" => self.ledger_event().map(Management::LedgerEvent),
            "suggestion" => self.suggestion().map(Management::Suggestion),
            "suggestion_event" => self.suggestion_event().map(Management::SuggestionEvent),
            "petition" => self.petition().map(Management::Petition),
            "petition_event" => self.petition_event().map(Management::PetitionEvent),
            "mediation_org" => self.mediation_org().map(Management::MediationOrg),
            other => return self.review_record(other).or_else(|| self.filing_record(other)),
        })
    }

    /// A required text of at most `max` characters (names, ids, numbers of records).
    pub(super) fn text(&mut self, field: &str, max: usize) -> Option<String> {
        let s = self.req_str(field)?.trim();
        if s.chars().count() > max {
            self.err(field, format!("长度超过 {max} 个字符"));
            return None;
        }
        Some(s.to_owned())
    }

    pub(super) fn opt_text(&mut self, field: &str, max: usize) -> Option<Option<String>> {
        match self.get(field) {
            None => Some(None),
            Some(_) => self.text(field, max).map(Some),
        }
    }

    fn opt_local_code(&mut self, field: &str, what: &str) -> Option<Option<String>> {
        match self.get(field) {
            None => Some(None),
            Some(_) => self.local_code(field, what).map(Some),
        }
    }

    fn opt_case_no(&mut self, field: &str) -> Option<Option<docket_domain::CaseNumber>> {
        match self.get(field) {
            None => Some(None),
            Some(_) => self.case_no(field).map(Some),
        }
    }

    fn item_no(&mut self, field: &str) -> Option<u32> {
        match self.get(field) {
            None => {
                self.err(field, "缺少必填字段");
                None
            }
            Some(v) => match v.as_u64().and_then(|n| u32::try_from(n).ok()).filter(|n| *n > 0) {
                Some(n) => Some(n),
                None => {
                    self.err(field, "应为正整数");
                    None
                }
            },
        }
    }

    fn mediation_org(&mut self) -> Option<MediationOrg> {
        let court = self.court_code("court");
        let code = self.local_code("code", "调解组织");
        let name = self.text("name", 100);
        let org_type =
            self.enum_value("type", MediationOrgType::parse, "people、labor、chamber、industry、lawyer 或 other");
        let mut mediators = Vec::new();
        match self.get("mediators") {
            None => {}
            Some(serde_json::Value::Array(items)) => {
                for (i, m) in items.iter().enumerate() {
                    match m.as_str().map(str::trim).filter(|m| !m.is_empty() && m.chars().count() <= 50) {
                        Some(m) => mediators.push(m.to_owned()),
                        None => self.err(&format!("mediators[{i}]"), "调解员姓名应为 1–50 个字符的字符串"),
                    }
                }
            }
            Some(_) => self.err("mediators", "应为数组"),
        }
        Some(MediationOrg { court: court?, code: code?, name: name?, org_type: org_type?, mediators })
    }

    fn campaign(&mut self) -> Option<Campaign> {
        let court = self.court_code("court");
        let id = self.text("id", 64);
        let name = self.text("name", 200);
        let from = self.req_date("from");
        let to = self.req_date("to");
        let termination_counts = self.opt_bool("termination_counts");
        let scope = match self.opt_str("scope") {
            None => Some(CampaignScope::Pending),
            Some(_) => self.enum_value("scope", CampaignScope::parse, "pending 或 terminated"),
        };
        Some(Campaign {
            court: court?,
            id: id?,
            name: name?,
            from: from?,
            to: to?,
            termination_counts: termination_counts?.unwrap_or(true),
            scope: scope?,
        })
    }

    fn campaign_case(&mut self) -> Option<CampaignCase> {
        let court = self.court_code("court");
        let campaign = self.text("campaign", 64);
        let case_no = self.case_no("case_no");
        let listed_on = self.req_date("listed_on");
        let leader = self.opt_local_code("leader", "法官");
        let target_on = self.opt_date("target_on");
        Some(CampaignCase {
            court: court?,
            campaign: campaign?,
            case_no: case_no?,
            listed_on: listed_on?,
            leader: leader?,
            target_on: target_on?,
        })
    }

    fn ledger_item(&mut self) -> Option<LedgerItem> {
        let court = self.court_code("court");
        let ledger = self.text("ledger", 64);
        let no = self.item_no("no");
        let opened_on = self.req_date("opened_on");
        let source =
            self.enum_value("source", LedgerSource::parse, "inspection、review、petition、suggestion、data 或 other");
        let problem = self.text("problem", 500);
        let measure = self.text("measure", 500);
        let lead = self.opt_local_code("lead", "法官");
        let department = self.opt_local_code("department", "庭室");
        let due_on = self.req_date("due_on");
        let case_no = self.opt_case_no("case_no");
        let indicator = self.opt_text("indicator", 64);
        Some(LedgerItem {
            court: court?,
            ledger: ledger?,
            no: no?,
            opened_on: opened_on?,
            source: source?,
            problem: problem?,
            measure: measure?,
            lead: lead?,
            department: department?,
            due_on: due_on?,
            case_no: case_no?,
            indicator: indicator?,
        })
    }

    fn ledger_event(&mut self) -> Option<LedgerEvent> {
        let court = self.court_code("court");
        let ledger = self.text("ledger", 64);
        let no = self.item_no("no");
        let on = self.req_date("on");
        let kind = match self.req_str("type") {
            Some("progress") => self.text("note", 500).map(|note| LedgerEventKind::Progress { note }),
            Some("due_changed") => {
                let due_on = self.req_date("due_on");
                let note = self.opt_text("note", 500);
                Some(LedgerEventKind::DueChanged { due_on: due_on?, note: note? })
            }
            Some("closed") => self.opt_text("note", 500).map(|note| LedgerEventKind::Closed { note }),
            Some("reopened") => self.opt_text("note", 500).map(|note| LedgerEventKind::Reopened { note }),
            Some(other) => {
                self.err("type", format!("取值“{other}”无效（应为 progress、due_changed、closed 或 reopened）"));
                None
            }
            None => None,
        };
        Some(LedgerEvent { court: court?, ledger: ledger?, no: no?, on: on?, kind: kind? })
    }

    fn suggestion(&mut self) -> Option<Suggestion> {
        let court = self.court_code("court");
        let no = self.text("no", 64);
        let case_no = self.opt_case_no("case_no");
        let recipient = self.text("recipient", 200);
        let issued_on = self.req_date("issued_on");
        let reply_due = self.opt_date("reply_due");
        let subject = self.text("subject", 500);
        let issued_on = issued_on?;
        Some(Suggestion {
            court: court?,
            no: no?,
            case_no: case_no?,
            recipient: recipient?,
            issued_on,
            reply_due: reply_due?.unwrap_or_else(|| Suggestion::default_reply_due(issued_on)),
            subject: subject?,
        })
    }

    fn suggestion_event(&mut self) -> Option<SuggestionEvent> {
        let court = self.court_code("court");
        let no = self.text("no", 64);
        let on = self.req_date("on");
        let kind = match self.req_str("type") {
            Some("replied") => self.req_bool("adopted").map(|adopted| SuggestionEventKind::Replied { adopted }),
            Some("followed_up") => self.opt_text("note", 500).map(|note| SuggestionEventKind::FollowedUp { note }),
            Some(other) => {
                self.err("type", format!("取值“{other}”无效（应为 replied 或 followed_up）"));
                None
            }
            None => None,
        };
        Some(SuggestionEvent { court: court?, no: no?, on: on?, kind: kind? })
    }

    fn petitioner(&mut self) -> Option<Petitioner> {
        let Some(Value::Object(obj)) = self.get("petitioner") else {
            self.err("petitioner", "应为对象（kind、name、id_number）");
            return None;
        };
        let mut p = Fields { obj, line: self.line, prefix: "petitioner.".into(), errors: Vec::new() };
        let kind = p.enum_value("kind", PartyKind::parse, "person 或 organization");
        let name = p.text("name", 200);
        let id_number = match (kind, p.opt_str("id_number")) {
            (Some(kind), Some(n)) => PartyId::parse(IdType::default_for(kind), n)
                .map(|id| Some(id.number().to_owned()))
                .map_err(|e| p.err("id_number", e.to_string()))
                .ok(),
            (_, None) => Some(None),
            (None, Some(_)) => None,
        };
        self.errors.append(&mut p.errors);
        Some(Petitioner { kind: kind?, name: name?, id_number: id_number? })
    }

    fn petition(&mut self) -> Option<Petition> {
        let court = self.court_code("court");
        let no = self.text("no", 64);
        let received_on = self.req_date("received_on");
        let channel = self.enum_value("channel", PetitionChannel::parse, "letter、visit、online、phone 或 referred");
        let case_no = self.opt_case_no("case_no");
        let first_time = self.req_bool("first_time");
        let petitioner = self.petitioner();
        let subject = self.text("subject", 500);
        Some(Petition {
            court: court?,
            no: no?,
            received_on: received_on?,
            channel: channel?,
            case_no: case_no?,
            first_time: first_time?,
            petitioner: petitioner?,
            subject: subject?,
        })
    }

    fn petition_event(&mut self) -> Option<PetitionEvent> {
        let court = self.court_code("court");
        let no = self.text("no", 64);
        let on = self.req_date("on");
        let kind = match self.req_str("type") {
            Some("assigned") => self.local_code("judge", "法官").map(|judge| PetitionEventKind::Assigned { judge }),
            Some("leader_reception") => {
                self.local_code("judge", "法官").map(|judge| PetitionEventKind::LeaderReception { judge })
            }
            Some("hearing") => Some(PetitionEventKind::Hearing),
            Some("replied") => Some(PetitionEventKind::Replied),
            Some("closed") => self
                .enum_value("result", PetitionResult::parse, "resolved、explained、not_accepted 或 referred")
                .map(|result| PetitionEventKind::Closed { result }),
            Some("repeat") => Some(PetitionEventKind::Repeat),
            Some(other) => {
                self.err(
                    "type",
                    format!("取值“{other}”无效（应为 assigned、leader_reception、hearing、replied、closed 或 repeat）"),
                );
                None
            }
            None => None,
        };
        Some(PetitionEvent { court: court?, no: no?, on: on?, kind: kind? })
    }
}
