//! The register (管理台账): the management records folded in order, each refused with its field
//! when it does not fit what came before.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{
    Campaign, CampaignCase, LedgerEvent, LedgerEventKind, LedgerItem, Management, MediationOrg, PETITION_LIMIT_DAYS,
    Petition, PetitionEvent, PetitionEventKind, PetitionResult, Suggestion, SuggestionEvent, SuggestionEventKind,
};
use crate::CourtCode;

/// Why a record does not fit: the field at fault and what is wrong, in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct RecordError {
    pub field: &'static str,
    pub message: String,
}

fn refuse<T>(field: &'static str, message: impl Into<String>) -> Result<T, RecordError> {
    Err(RecordError { field, message: message.into() })
}

/// A campaign and the cases it lists, in the order listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignState {
    pub campaign: Campaign,
    pub cases: Vec<CampaignCase>,
}

/// A ledger item and its events in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerState {
    pub item: LedgerItem,
    pub events: Vec<LedgerEvent>,
}

impl LedgerState {
    /// The deadline in force on `at`: the last `due_changed` dated on or before it, else the
    /// item's own.
    pub fn due_on_at(&self, at: NaiveDate) -> NaiveDate {
        self.events
            .iter()
            .filter(|e| e.on <= at)
            .filter_map(|e| match e.kind {
                LedgerEventKind::DueChanged { due_on, .. } => Some(due_on),
                _ => None,
            })
            .next_back()
            .unwrap_or(self.item.due_on)
    }

    /// The deadline in force now (after every event).
    pub fn due_on(&self) -> NaiveDate {
        self.due_on_at(NaiveDate::MAX)
    }

    /// The date of the 销号 in force on `at`: the last closing on or before it, unless a
    /// reopening follows it on or before `at`.
    pub fn closed_at(&self, at: NaiveDate) -> Option<NaiveDate> {
        let mut closed = None;
        for e in self.events.iter().filter(|e| e.on <= at) {
            match e.kind {
                LedgerEventKind::Closed { .. } => closed = Some(e.on),
                LedgerEventKind::Reopened { .. } => closed = None,
                _ => {}
            }
        }
        closed
    }

    /// The 销号 in force now.
    pub fn closed_on(&self) -> Option<NaiveDate> {
        self.closed_at(NaiveDate::MAX)
    }

    /// Whether the item was closed by `deadline` as things stood on `at`: a 销号 on or before both
    /// with no reopening after it on or before `at` (整改完成率).
    pub fn closed_by(&self, deadline: NaiveDate, at: NaiveDate) -> bool {
        self.events.iter().enumerate().any(|(k, e)| {
            matches!(e.kind, LedgerEventKind::Closed { .. })
                && e.on <= deadline.min(at)
                && !self.events[k + 1..]
                    .iter()
                    .any(|x| matches!(x.kind, LedgerEventKind::Reopened { .. }) && x.on <= at)
        })
    }

    /// Open and past its deadline on `today`.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.closed_at(today).is_none() && self.due_on_at(today) < today
    }
}

/// A judicial suggestion and its events in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuggestionState {
    pub suggestion: Suggestion,
    pub events: Vec<SuggestionEvent>,
}

impl SuggestionState {
    /// The reply's date and whether the suggestion was adopted.
    pub fn reply(&self) -> Option<(NaiveDate, bool)> {
        self.events.iter().find_map(|e| match e.kind {
            SuggestionEventKind::Replied { adopted } => Some((e.on, adopted)),
            SuggestionEventKind::FollowedUp { .. } => None,
        })
    }

    /// No reply and past the reply date on `today`.
    pub fn reply_overdue(&self, today: NaiveDate) -> bool {
        self.reply().is_none_or(|(on, _)| on > today) && self.suggestion.reply_due < today
    }
}

/// A petition and its events in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PetitionState {
    pub petition: Petition,
    pub events: Vec<PetitionEvent>,
}

impl PetitionState {
    /// The first closing: its date and result.
    pub fn first_closed(&self) -> Option<(NaiveDate, PetitionResult)> {
        self.events.iter().find_map(|e| match e.kind {
            PetitionEventKind::Closed { result } => Some((e.on, result)),
            _ => None,
        })
    }

    /// Whether the petition stands closed (closed, and no repeat petition since).
    pub fn is_closed(&self) -> bool {
        let mut closed = false;
        for e in &self.events {
            match e.kind {
                PetitionEventKind::Closed { .. } => closed = true,
                PetitionEventKind::Repeat => closed = false,
                _ => {}
            }
        }
        closed
    }

    /// The last day to close it: 60 days from receipt (信访工作条例 §32).
    pub fn limit_on(&self) -> NaiveDate {
        self.petition.received_on + chrono::Days::new(PETITION_LIMIT_DAYS as u64)
    }

    /// Whether its first closing came within the limit.
    pub fn closed_in_time(&self) -> Option<bool> {
        self.first_closed().map(|(on, _)| on <= self.limit_on())
    }

    /// How many times the petitioner came again.
    pub fn repeats(&self) -> usize {
        self.events.iter().filter(|e| e.kind == PetitionEventKind::Repeat).count()
    }
}

/// Every management record folded, by court and key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Register {
    pub campaigns: BTreeMap<(CourtCode, String), CampaignState>,
    /// 调解组织 by (court, code).
    pub orgs: BTreeMap<(CourtCode, String), MediationOrg>,
    pub ledger: BTreeMap<(CourtCode, String, u32), LedgerState>,
    pub suggestions: BTreeMap<(CourtCode, String), SuggestionState>,
    pub petitions: BTreeMap<(CourtCode, String), PetitionState>,
    /// 案件评查 and 绩效考核.
    pub reviews: super::ReviewRegister,
    /// 网上立案 applications by (court, number).
    pub applications: BTreeMap<(CourtCode, String), super::ApplicationRecord>,
}

impl Register {
    /// Applies one record, or refuses it and leaves the register as it was.
    pub fn apply(&mut self, record: &Management) -> Result<(), RecordError> {
        match record {
            Management::Campaign(c) => self.campaign(c),
            Management::CampaignCase(c) => self.campaign_case(c),
            Management::LedgerItem(i) => self.ledger_item(i),
            Management::LedgerEvent(e) => self.ledger_event(e),
            Management::Suggestion(s) => self.suggestion(s),
            Management::SuggestionEvent(e) => self.suggestion_event(e),
            Management::Petition(p) => self.petition(p),
            Management::PetitionEvent(e) => self.petition_event(e),
            Management::MediationOrg(o) => self.mediation_org(o),
            Management::ReviewBatch(b) => self.reviews.batch(b),
            Management::CaseReview(r) => self.reviews.review(r),
            Management::AppraisalScheme(s) => self.reviews.scheme(s),
            Management::ManualScore(m) => self.reviews.manual_score(m),
            Management::FilingApplication(a) => self.application(a),
            Management::FilingApplicationEvent(e) => self.application_event(e),
        }
    }

    fn application(&mut self, a: &super::FilingApplication) -> Result<(), RecordError> {
        let key = (a.court.clone(), a.no.clone());
        if self.applications.contains_key(&key) {
            return refuse("no", format!("网上立案申请 {} 已存在于 {}", a.no, a.court));
        }
        if a.parties.is_empty() {
            return refuse("parties", "至少应有一名当事人");
        }
        let state = crate::online_filing::ApplicationState::received(a.claim, a.received_on);
        self.applications.insert(key, super::ApplicationRecord { application: a.clone(), state, steps: Vec::new() });
        Ok(())
    }

    fn application_event(&mut self, e: &super::FilingApplicationEvent) -> Result<(), RecordError> {
        use crate::online_filing::{ApplicationError as E, Step};
        let Some(record) = self.applications.get_mut(&(e.court.clone(), e.no.clone())) else {
            return refuse("no", format!("网上立案申请 {} 不存在于 {}", e.no, e.court));
        };
        if let Step::Accepted { case_no } = &e.step
            && case_no.court() != &e.court
        {
            return refuse("case_no", format!("案件 {case_no} 不是 {} 的案件", e.court));
        }
        if let Err(why) = record.state.apply(e.on, e.step.clone()) {
            let field = match why {
                E::BeforeLastStep { .. } => "on",
                E::NothingMissing => "missing",
                E::CorrectionDueTooEarly { .. } => "by",
                E::RefusedWithoutReason => "reason",
                E::AlreadyDecided(..) | E::NoCorrectionAsked | E::CorrectionStillOpen(_) => "type",
            };
            return refuse(field, why.to_string());
        }
        record.steps.push((e.on, e.step.clone()));
        Ok(())
    }

    fn campaign(&mut self, c: &Campaign) -> Result<(), RecordError> {
        let key = (c.court.clone(), c.id.clone());
        if self.campaigns.contains_key(&key) {
            return refuse("id", format!("专项清理 {} 已存在于 {}", c.id, c.court));
        }
        if c.to < c.from {
            return refuse("to", format!("结束日期 {} 早于开始日期 {}", c.to, c.from));
        }
        self.campaigns.insert(key, CampaignState { campaign: c.clone(), cases: Vec::new() });
        Ok(())
    }

    fn campaign_case(&mut self, c: &CampaignCase) -> Result<(), RecordError> {
        let Some(state) = self.campaigns.get_mut(&(c.court.clone(), c.campaign.clone())) else {
            return refuse("campaign", format!("专项清理 {} 不存在于 {}", c.campaign, c.court));
        };
        if !c.case_no.court().is_within(&c.court) {
            return refuse(
                "case_no",
                format!("案件 {} 不属于 {} 或其辖区法院，不能列入其专项清理", c.case_no, c.court),
            );
        }
        if state.cases.iter().any(|x| x.case_no == c.case_no) {
            return refuse("case_no", format!("案件 {} 已列入专项清理 {}", c.case_no, c.campaign));
        }
        let (from, to) = (state.campaign.from, state.campaign.to);
        if c.listed_on < from || c.listed_on > to {
            return refuse("listed_on", format!("列入日期 {} 不在专项清理期间 {from} 至 {to} 内", c.listed_on));
        }
        if c.target_on.is_some_and(|t| t < c.listed_on) {
            return refuse("target_on", "目标清结日期早于列入日期");
        }
        state.cases.push(c.clone());
        Ok(())
    }

    fn ledger_item(&mut self, i: &LedgerItem) -> Result<(), RecordError> {
        let key = (i.court.clone(), i.ledger.clone(), i.no);
        if self.ledger.contains_key(&key) {
            return refuse("no", format!("台账 {} 第 {} 项已存在", i.ledger, i.no));
        }
        if i.due_on < i.opened_on {
            return refuse("due_on", format!("完成时限 {} 早于立项日期 {}", i.due_on, i.opened_on));
        }
        self.ledger.insert(key, LedgerState { item: i.clone(), events: Vec::new() });
        Ok(())
    }

    fn ledger_event(&mut self, e: &LedgerEvent) -> Result<(), RecordError> {
        let Some(state) = self.ledger.get_mut(&(e.court.clone(), e.ledger.clone(), e.no)) else {
            return refuse("no", format!("台账 {} 第 {} 项不存在于 {}", e.ledger, e.no, e.court));
        };
        let last = state.events.last().map_or(state.item.opened_on, |x| x.on);
        if e.on < last {
            return refuse("on", format!("日期 {} 早于该项最近的记录日期 {last}", e.on));
        }
        let closed = state.closed_on().is_some();
        match &e.kind {
            LedgerEventKind::Closed { .. } if closed => return refuse("type", "该项已销号，不能再次销号"),
            LedgerEventKind::Reopened { .. } if !closed => return refuse("type", "该项未销号，无需重新打开"),
            LedgerEventKind::DueChanged { due_on, .. } if *due_on < state.item.opened_on => {
                return refuse("due_on", format!("完成时限 {due_on} 早于立项日期 {}", state.item.opened_on));
            }
            LedgerEventKind::DueChanged { .. } if closed => return refuse("type", "该项已销号，不能调整完成时限"),
            LedgerEventKind::Progress { note } if note.trim().is_empty() => return refuse("note", "进展不能为空"),
            _ => {}
        }
        state.events.push(e.clone());
        Ok(())
    }

    fn suggestion(&mut self, s: &Suggestion) -> Result<(), RecordError> {
        let key = (s.court.clone(), s.no.clone());
        if self.suggestions.contains_key(&key) {
            return refuse("no", format!("司法建议 {} 已存在", s.no));
        }
        if s.reply_due < s.issued_on {
            return refuse("reply_due", format!("回复期限 {} 早于发出日期 {}", s.reply_due, s.issued_on));
        }
        self.suggestions.insert(key, SuggestionState { suggestion: s.clone(), events: Vec::new() });
        Ok(())
    }

    fn suggestion_event(&mut self, e: &SuggestionEvent) -> Result<(), RecordError> {
        let Some(state) = self.suggestions.get_mut(&(e.court.clone(), e.no.clone())) else {
            return refuse("no", format!("司法建议 {} 不存在于 {}", e.no, e.court));
        };
        if e.on < state.suggestion.issued_on {
            return refuse("on", format!("日期 {} 早于发出日期 {}", e.on, state.suggestion.issued_on));
        }
        if matches!(e.kind, SuggestionEventKind::Replied { .. }) && state.reply().is_some() {
            return refuse("type", "该司法建议已有回复");
        }
        state.events.push(e.clone());
        Ok(())
    }

    fn petition(&mut self, p: &Petition) -> Result<(), RecordError> {
        let key = (p.court.clone(), p.no.clone());
        if self.petitions.contains_key(&key) {
            return refuse("no", format!("信访件 {} 已存在", p.no));
        }
        if let Some(c) = &p.case_no
            && !c.court().is_within(&p.court)
            && !p.court.is_within(c.court())
        {
            return refuse("case_no", format!("案件 {} 与 {} 无审级关系", c, p.court));
        }
        self.petitions.insert(key, PetitionState { petition: p.clone(), events: Vec::new() });
        Ok(())
    }

    fn mediation_org(&mut self, o: &MediationOrg) -> Result<(), RecordError> {
        if o.name.trim().is_empty() {
            return refuse("name", "调解组织名称不能为空");
        }
        for (i, m) in o.mediators.iter().enumerate() {
            if m.trim().is_empty() || m.chars().count() > 50 {
                return refuse("mediators", format!("第 {} 名调解员的姓名应为 1–50 个字符", i + 1));
            }
            if o.mediators[..i].contains(m) {
                return refuse("mediators", format!("调解员 {m} 重复"));
            }
        }
        let key = (o.court.clone(), o.code.clone());
        if self.orgs.contains_key(&key) {
            return refuse("code", format!("调解组织代码 {} 在 {} 已存在", o.code, o.court));
        }
        self.orgs.insert(key, o.clone());
        Ok(())
    }

    fn petition_event(&mut self, e: &PetitionEvent) -> Result<(), RecordError> {
        let Some(state) = self.petitions.get_mut(&(e.court.clone(), e.no.clone())) else {
            return refuse("no", format!("信访件 {} 不存在于 {}", e.no, e.court));
        };
        let last = state.events.last().map_or(state.petition.received_on, |x| x.on);
        if e.on < last {
            return refuse("on", format!("日期 {} 早于该信访件最近的记录日期 {last}", e.on));
        }
        match e.kind {
            PetitionEventKind::Closed { .. } if state.is_closed() => {
                return refuse("type", "该信访件已办结；再次来信来访请先登记重复信访（repeat）");
            }
            PetitionEventKind::Repeat if !state.is_closed() => {
                return refuse("type", "该信访件尚未办结，不是重复信访");
            }
            _ => {}
        }
        state.events.push(e.clone());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::management::{CampaignScope, LedgerSource, PetitionChannel, Petitioner};
    use crate::{CaseNumber, CloseMethod};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn court(s: &str) -> CourtCode {
        CourtCode::parse(s).unwrap()
    }

    fn item() -> LedgerItem {
        LedgerItem {
            court: court("内07"),
            ledger: "2025-开门纳谏".into(),
            no: 1,
            opened_on: d("2025-03-05"),
            source: LedgerSource::Inspection,
            problem: "网上退费慢".into(),
            measure: "建立退费台账".into(),
            lead: Some("J0001".into()),
            department: None,
            due_on: d("2025-06-30"),
            case_no: None,
            indicator: None,
        }
    }

    fn ledger_event(on: &str, kind: LedgerEventKind) -> Management {
        Management::LedgerEvent(LedgerEvent {
            court: court("内07"),
            ledger: "2025-开门纳谏".into(),
            no: 1,
            on: d(on),
            kind,
        })
    }

    #[test]
    fn a_ledger_item_is_closed_reopened_and_its_deadline_moves_only_from_the_change() {
        let mut r = Register::default();
        r.apply(&Management::LedgerItem(item())).unwrap();
        r.apply(&ledger_event("2025-06-01", LedgerEventKind::DueChanged { due_on: d("2025-08-31"), note: None }))
            .unwrap();
        r.apply(&ledger_event("2025-06-20", LedgerEventKind::Closed { note: Some("已销号".into()) })).unwrap();
        let err = r.apply(&ledger_event("2025-06-21", LedgerEventKind::Closed { note: None })).unwrap_err();
        assert_eq!(err.field, "type");
        r.apply(&ledger_event("2025-07-01", LedgerEventKind::Reopened { note: None })).unwrap();
        let s = r.ledger.values().next().unwrap();
        assert_eq!(s.due_on_at(d("2025-05-31")), d("2025-06-30"));
        assert_eq!(s.due_on_at(d("2025-06-01")), d("2025-08-31"));
        assert_eq!(s.closed_at(d("2025-06-30")), Some(d("2025-06-20")));
        assert_eq!(s.closed_at(d("2025-07-01")), None);
        assert!(!s.overdue(d("2025-08-31")) && s.overdue(d("2025-09-01")));
    }

    #[test]
    fn an_event_of_an_unknown_item_or_dated_before_the_last_one_is_refused_and_changes_nothing() {
        let mut r = Register::default();
        assert_eq!(
            r.apply(&ledger_event("2025-06-01", LedgerEventKind::Closed { note: None })).unwrap_err().field,
            "no"
        );
        r.apply(&Management::LedgerItem(item())).unwrap();
        r.apply(&ledger_event("2025-06-01", LedgerEventKind::Progress { note: "已起草制度".into() })).unwrap();
        let before = r.clone();
        assert_eq!(
            r.apply(&ledger_event("2025-05-01", LedgerEventKind::Closed { note: None })).unwrap_err().field,
            "on"
        );
        assert_eq!(r, before);
    }

    #[test]
    fn a_clean_up_lists_pending_cases_and_a_terminated_clearance_only_its_library() {
        let on = d("2025-06-30");
        assert!(CampaignScope::Pending.may_list(None).is_ok());
        assert!(CampaignScope::Pending.may_list(Some((on, Some(CloseMethod::Judgment)))).is_err());
        assert!(CampaignScope::Terminated.may_list(Some((on, Some(CloseMethod::EnforcementTerminated)))).is_ok());
        assert!(CampaignScope::Terminated.may_list(Some((on, Some(CloseMethod::EnforcementCompleted)))).is_err());
        assert!(CampaignScope::Terminated.may_list(None).is_err());
    }

    #[test]
    fn a_campaign_lists_only_cases_of_its_court_or_below_within_its_dates_and_once() {
        let mut r = Register::default();
        let campaign = Campaign {
            court: court("内07"),
            id: "2025-涉企清理".into(),
            name: "涉企长期未审执结案件专项清理".into(),
            from: d("2025-03-01"),
            to: d("2025-09-30"),
            termination_counts: true,
            scope: CampaignScope::Pending,
        };
        r.apply(&Management::Campaign(campaign.clone())).unwrap();
        assert_eq!(r.apply(&Management::Campaign(campaign)).unwrap_err().field, "id");
        let listed = |no: &str, on: &str| {
            Management::CampaignCase(CampaignCase {
                court: court("内07"),
                campaign: "2025-涉企清理".into(),
                case_no: CaseNumber::parse(no).unwrap(),
                listed_on: d(on),
                leader: None,
                target_on: None,
            })
        };
        r.apply(&listed("（2023）内0781民初88号", "2025-03-01")).unwrap();
        assert_eq!(r.apply(&listed("（2023）内0781民初88号", "2025-03-02")).unwrap_err().field, "case_no");
        assert_eq!(r.apply(&listed("（2023）内0203民初8号", "2025-03-02")).unwrap_err().field, "case_no");
        assert_eq!(r.apply(&listed("（2023）内0781民初9号", "2025-10-01")).unwrap_err().field, "listed_on");
    }

    #[test]
    fn a_suggestion_is_replied_to_once_and_is_overdue_after_its_reply_date() {
        let issued = d("2025-04-10");
        assert_eq!(Suggestion::default_reply_due(issued), d("2025-06-10"));
        assert_eq!(Suggestion::default_reply_due(d("2025-12-31")), d("2026-02-28"));
        let mut r = Register::default();
        r.apply(&Management::Suggestion(Suggestion {
            court: court("内07"),
            no: "呼法建〔2025〕3号".into(),
            case_no: None,
            recipient: "某市市场监督管理局".into(),
            issued_on: issued,
            reply_due: Suggestion::default_reply_due(issued),
            subject: "规范企业登记".into(),
        }))
        .unwrap();
        let s = r.suggestions.values().next().unwrap();
        assert!(!s.reply_overdue(d("2025-06-10")) && s.reply_overdue(d("2025-06-11")));
        let reply = |on: &str| {
            Management::SuggestionEvent(SuggestionEvent {
                court: court("内07"),
                no: "呼法建〔2025〕3号".into(),
                on: d(on),
                kind: SuggestionEventKind::Replied { adopted: true },
            })
        };
        assert_eq!(r.apply(&reply("2025-04-01")).unwrap_err().field, "on");
        r.apply(&reply("2025-05-20")).unwrap();
        assert_eq!(r.apply(&reply("2025-05-21")).unwrap_err().field, "type");
        assert_eq!(r.suggestions.values().next().unwrap().reply(), Some((d("2025-05-20"), true)));
    }

    #[test]
    fn a_petition_closes_once_until_the_petitioner_comes_again_and_its_limit_is_sixty_days() {
        let mut r = Register::default();
        r.apply(&Management::Petition(Petition {
            court: court("内0203"),
            no: "2025-信-12".into(),
            received_on: d("2025-05-06"),
            channel: PetitionChannel::Visit,
            case_no: Some(CaseNumber::parse("（2024）内0203民初77号").unwrap()),
            first_time: true,
            petitioner: Petitioner { kind: crate::PartyKind::Person, name: "李四".into(), id_number: None },
            subject: "对判决不服".into(),
        }))
        .unwrap();
        let ev = |on: &str, kind| {
            Management::PetitionEvent(PetitionEvent {
                court: court("内0203"),
                no: "2025-信-12".into(),
                on: d(on),
                kind,
            })
        };
        assert_eq!(r.apply(&ev("2025-05-07", PetitionEventKind::Repeat)).unwrap_err().field, "type");
        r.apply(&ev("2025-07-05", PetitionEventKind::Closed { result: PetitionResult::Explained })).unwrap();
        assert_eq!(
            r.apply(&ev("2025-07-06", PetitionEventKind::Closed { result: PetitionResult::Resolved }))
                .unwrap_err()
                .field,
            "type"
        );
        r.apply(&ev("2025-08-01", PetitionEventKind::Repeat)).unwrap();
        r.apply(&ev("2025-08-10", PetitionEventKind::Closed { result: PetitionResult::Resolved })).unwrap();
        let p = r.petitions.values().next().unwrap();
        assert_eq!(p.limit_on(), d("2025-07-05"));
        assert_eq!(p.closed_in_time(), Some(true), "the first closing, on the 60th day");
        assert_eq!(p.repeats(), 1);
    }
}
