//! Who may see and do what (权限): the one place the rules live. Pure: the web layer asks these
//! functions with the signed-in account and the case, and answers "not found" whenever reading is
//! refused, so a refusal never tells that a case exists.
//!
//! The rules:
//! - An account works in one court. Its own court's cases are readable by every role but the
//!   administrator (who manages accounts, not cases).
//! - A higher court sees its lower courts' cases read-only (上下级法院监督指导), whatever its role
//!   but the administrator.
//! - A sealed case (涉未成年人 and others marked 不公开) is readable only by its own judge and by its
//!   court's leadership (院长、庭长); never from another court.
//! - Writes happen only in the account's own court, by role: 立案员 files and assigns; the 承办法官
//!   runs their own cases; 书记员 schedules hearings and records service; 庭长 assigns and may act
//!   on any case of the court; 院长 also approves extensions reserved to the 院长; 执行员 acts on
//!   enforcement cases; 审管办 archives and reopens. Extensions reserved to the 上级法院
//!   (DEADLINES.md, the limits table) are approved by the president of a court above the case's.

use crate::case_type::Category;
use crate::court::CourtCode;
use crate::event::{Approver, EventKind};
use crate::role::Role;

/// A signed-in account as the rules see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub court: CourtCode,
    pub role: Role,
    /// The judge record the account is linked to, if any: decides "my cases" and sealed access.
    pub judge: Option<String>,
}

/// Where a court stands from the account's court.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reach {
    Own,
    /// Below the account's court.
    Lower,
    /// Above it.
    Higher,
    /// Neither above nor below.
    Peer,
}

impl Reach {
    pub const ALL: [Reach; 4] = [Reach::Own, Reach::Lower, Reach::Higher, Reach::Peer];

    pub fn of(account_court: &CourtCode, target: &CourtCode) -> Reach {
        if account_court == target {
            Reach::Own
        } else if target.is_within(account_court) {
            Reach::Lower
        } else if account_court.is_within(target) {
            Reach::Higher
        } else {
            Reach::Peer
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Own => "本院",
            Self::Lower => "下级法院",
            Self::Higher => "上级法院",
            Self::Peer => "其他法院",
        }
    }
}

/// The facts about a case that the rules look at.
#[derive(Debug, Clone, Copy)]
pub struct CaseScope<'a> {
    pub court: &'a CourtCode,
    pub sealed: bool,
    /// The 承办法官's code.
    pub judge: Option<&'a str>,
    pub category: Category,
}

/// What an account asks to do with a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Read,
    /// 分案.
    Assign,
    /// 排期、开庭、延期开庭.
    Hearing,
    /// 中止、恢复 (扣除审限).
    Suspend,
    /// 程序转换.
    ChangeProcedure,
    RequestExtension,
    ApproveExtension(Approver),
    /// 结案.
    Close,
    /// 送达记录.
    Service,
    /// 执行到位款.
    Recovery,
    /// 执行措施 and 妨害执行 on an enforcement case.
    Measure,
    /// 执前督促 and 自动履行 on a judgment case.
    Performance,
    /// 委派/委托调解 to a mediation organisation.
    Mediation,
    /// 诉讼费 paid in or refunded (交费, 退费).
    Fee,
    /// 司法救助: granting 缓减免 (a decision of the 庭长 or 院长).
    FeeRelief,
    /// 四类案件: marking and clearing the mark.
    Flag,
    /// 阅核: sending a marked case's draft to a 院庭长.
    RequestReading,
    /// 阅核: answering it (院庭长).
    Reading,
    /// 审判委员会 / 专业法官会议 discussion, and distinctions (典型案例, 优秀文书).
    Deliberate,
    /// 撤销结案后恢复.
    Reopen,
    Archive,
    /// 证据登记: storing an evidence file with its provenance.
    Evidence,
    /// 裁判文书: recording the effective document's text.
    Document,
    /// 文书上网: approving the anonymised text and publishing it, or withholding it with a reason.
    Publish,
}

impl Action {
    /// The stable id of an action (the API's `actions` list and the forms' ids).
    pub fn id(self) -> &'static str {
        match self {
            Action::Read => "read",
            Action::Assign => "assign",
            Action::Hearing => "hearing",
            Action::Suspend => "suspend",
            Action::ChangeProcedure => "change_procedure",
            Action::RequestExtension => "request_extension",
            Action::ApproveExtension(Approver::President) => "approve_extension_president",
            Action::ApproveExtension(Approver::HigherCourt) => "approve_extension_higher_court",
            Action::Close => "close",
            Action::Service => "service",
            Action::Recovery => "recovery",
            Action::Measure => "measure",
            Action::Performance => "performance",
            Action::Mediation => "mediation",
            Action::Fee => "fee",
            Action::FeeRelief => "fee_relief",
            Action::Flag => "flag",
            Action::RequestReading => "request_reading",
            Action::Reading => "reading",
            Action::Deliberate => "deliberate",
            Action::Reopen => "reopen",
            Action::Archive => "archive",
            Action::Evidence => "evidence",
            Action::Document => "document",
            Action::Publish => "publish",
        }
    }
}

impl Action {
    /// The action an event is. Refusing an extension is deciding it, by whoever the pending
    /// request was addressed to (`pending`, the approver of the case's pending request).
    pub fn of_event(kind: &EventKind, pending: Option<Approver>) -> Action {
        match kind {
            EventKind::Assigned { .. } => Action::Assign,
            EventKind::HearingScheduled { .. } | EventKind::HearingHeld { .. } | EventKind::HearingPostponed { .. } => {
                Action::Hearing
            }
            EventKind::ExtensionRefused { .. } => Action::ApproveExtension(pending.unwrap_or(Approver::President)),
            EventKind::Suspended { .. } | EventKind::Resumed => Action::Suspend,
            EventKind::ProcedureChanged { .. } => Action::ChangeProcedure,
            EventKind::ExtensionRequested { .. } => Action::RequestExtension,
            EventKind::Extended { approver, .. } => Action::ApproveExtension(*approver),
            EventKind::Closed { .. } => Action::Close,
            // A view is recorded by the portal when the party opens the document; staff never
            // post one (`docket_app::Docket::append_event` refuses it).
            EventKind::ServiceAttempted { .. } | EventKind::ServiceViewed { .. } => Action::Service,
            EventKind::Recovered { .. } => Action::Recovery,
            EventKind::EnforcementMeasure { .. } | EventKind::Obstruction { .. } => Action::Measure,
            EventKind::PerformanceUrged { .. } | EventKind::Performed { .. } => Action::Performance,
            EventKind::MediationDelegated { .. } => Action::Mediation,
            // Deciding a 司法确认 is the judge's decision that ends the case.
            EventKind::ConfirmationDecided { .. } => Action::Close,
            EventKind::FeePaid { .. } | EventKind::FeeRefunded { .. } => Action::Fee,
            EventKind::FeeRelief { .. } => Action::FeeRelief,
            EventKind::SupervisionFlagged { .. } | EventKind::SupervisionCleared { .. } => Action::Flag,
            EventKind::ReadingRequested { .. } => Action::RequestReading,
            EventKind::ReadingDone { .. } => Action::Reading,
            EventKind::Deliberated { .. } | EventKind::Distinguished { .. } => Action::Deliberate,
            EventKind::Reopened => Action::Reopen,
            EventKind::Archived => Action::Archive,
            EventKind::DocumentIssued { .. } => Action::Document,
            EventKind::DocumentPublished { .. } => Action::Publish,
        }
    }

    /// Every action, for tests and matrices.
    pub const ALL: [Action; 25] = [
        Action::Read,
        Action::Assign,
        Action::Hearing,
        Action::Suspend,
        Action::ChangeProcedure,
        Action::RequestExtension,
        Action::ApproveExtension(Approver::President),
        Action::ApproveExtension(Approver::HigherCourt),
        Action::Close,
        Action::Service,
        Action::Recovery,
        Action::Measure,
        Action::Performance,
        Action::Mediation,
        Action::Fee,
        Action::FeeRelief,
        Action::Flag,
        Action::RequestReading,
        Action::Reading,
        Action::Deliberate,
        Action::Reopen,
        Action::Archive,
        Action::Evidence,
        Action::Document,
        Action::Publish,
    ];
}

impl Principal {
    fn is_leadership(&self) -> bool {
        self.role.reads_sealed_as_leadership()
    }

    fn handles(&self, case: &CaseScope<'_>) -> bool {
        self.judge.is_some() && self.judge.as_deref() == case.judge
    }

    /// May the account see the case at all, on the staff's pages? A refusal is answered as "not
    /// found". A portal account never does: it reads its own cases through the portal
    /// ([`crate::portal`]).
    pub fn can_read(&self, case: &CaseScope<'_>) -> bool {
        if self.role == Role::Admin || self.role.is_portal() {
            return false;
        }
        match Reach::of(&self.court, case.court) {
            Reach::Own => !case.sealed || self.handles(case) || self.is_leadership(),
            Reach::Lower => !case.sealed,
            Reach::Higher | Reach::Peer => false,
        }
    }

    /// Does the account see the parties' ID numbers in full? Those who file and run the case in
    /// its own court do (立案员, 院长, 庭长, its 承办法官); everyone else who may read it sees them
    /// masked (个人信息保护法 §6: no more than the purpose needs).
    pub fn sees_full_ids(&self, case: &CaseScope<'_>) -> bool {
        self.can_read(case)
            && Reach::of(&self.court, case.court) == Reach::Own
            && (matches!(self.role, Role::FilingClerk | Role::President | Role::DivisionHead) || self.handles(case))
    }

    /// May the account do `action` to the case?
    pub fn may(&self, action: Action, case: &CaseScope<'_>) -> bool {
        if !self.can_read(case) {
            return false;
        }
        if action == Action::Read {
            return true;
        }
        let reach = Reach::of(&self.court, case.court);
        if action == Action::ApproveExtension(Approver::HigherCourt) {
            return self.role == Role::President && reach == Reach::Lower;
        }
        if reach != Reach::Own {
            return false;
        }
        let enforcement = case.category == Category::Enforcement;
        // 改派 (changing the judge of an assigned case) is the 庭长's or the 院长's decision; the
        // 立案员 and the 审管办 assign only cases that have no judge yet.
        if action == Action::Assign
            && case.judge.is_some()
            && !matches!(self.role, Role::DivisionHead | Role::President)
        {
            return false;
        }
        // Measures belong to enforcement cases, the urging and performance of a judgment to the
        // others.
        if (action == Action::Measure && !enforcement) || (action == Action::Performance && enforcement) {
            return false;
        }
        // Fees and mediation belong to the trial side: an enforcement case's 申请费 is paid after
        // enforcement, from what is recovered.
        if enforcement && matches!(action, Action::Mediation | Action::Fee | Action::FeeRelief) {
            return false;
        }
        match self.role {
            // The 立案庭 takes fees in and pays them back, and hands cases to mediation.
            Role::FilingClerk => matches!(action, Action::Assign | Action::Evidence | Action::Fee | Action::Mediation),
            Role::Judge => {
                self.handles(case)
                    && matches!(
                        action,
                        Action::Hearing
                            | Action::Suspend
                            | Action::ChangeProcedure
                            | Action::RequestExtension
                            | Action::Close
                            | Action::Service
                            | Action::Recovery
                            | Action::Measure
                            | Action::Performance
                            | Action::Mediation
                            | Action::Evidence
                            | Action::Flag
                            | Action::RequestReading
                            | Action::Document
                            | Action::Publish
                    )
            }
            // The 书记员 enters the signed document's text; publishing is the judge's approval.
            Role::Clerk => matches!(action, Action::Hearing | Action::Service | Action::Evidence | Action::Document),
            Role::DivisionHead => !matches!(action, Action::ApproveExtension(_) | Action::Reopen | Action::Archive),
            Role::President => !matches!(action, Action::ApproveExtension(Approver::HigherCourt)),
            // The 执行局 works its enforcement cases, and urges the performance of the court's
            // judgments before enforcement (执前督促).
            Role::EnforcementOfficer => {
                action == Action::Performance
                    || (enforcement
                        && matches!(
                            action,
                            Action::Hearing
                                | Action::Suspend
                                | Action::Close
                                | Action::Service
                                | Action::Recovery
                                | Action::Measure
                                | Action::Evidence
                                | Action::Document
                                | Action::Publish
                        ))
            }
            // The 审管办 keeps the 四类案件 marks, the committee's record and the distinctions, and
            // runs 司法公开 (it publishes or withholds what is due).
            Role::TrialManagement => matches!(
                action,
                Action::Reopen | Action::Archive | Action::Assign | Action::Flag | Action::Deliberate | Action::Publish
            ),
            Role::HigherCourtViewer | Role::Auditor | Role::Admin | Role::Party | Role::Lawyer => false,
        }
    }

    /// May the account file (立案) new cases in `court`?
    pub fn may_file(&self, court: &CourtCode) -> bool {
        // (A portal role is none of these; it applies to file, 网上立案.)
        &self.court == court && matches!(self.role, Role::FilingClerk | Role::DivisionHead | Role::President)
    }

    /// May the account see indicators and case lists of `court`?
    pub fn may_view_court(&self, court: &CourtCode) -> bool {
        self.role != Role::Admin
            && !self.role.is_portal()
            && matches!(Reach::of(&self.court, court), Reach::Own | Reach::Lower)
    }

    /// May the account manage accounts of `court` (its own court only)?
    pub fn may_manage_users(&self, court: &CourtCode) -> bool {
        self.role == Role::Admin && &self.court == court
    }

    /// May the account open portal accounts (诉讼服务账户) for parties and lawyers whose identity
    /// `court` verified? Its own 立案员 (the 诉讼服务中心 at the counter) and administrator.
    pub fn may_open_portal_accounts(&self, court: &CourtCode) -> bool {
        &self.court == court && matches!(self.role, Role::FilingClerk | Role::Admin)
    }

    /// May the account read the audit log of `court`?
    pub fn may_read_audit(&self, court: &CourtCode) -> bool {
        matches!(self.role, Role::Auditor | Role::Admin) && &self.court == court
    }

    /// May the account read the 执行 page of `court` (终本案件库, cases reaching three months,
    /// 不合格终本, 超标的查封, 涉府)? The 执行局 and the judges who work its cases, the leadership and
    /// the 审管办; a higher court and its viewer read it too. Each case listed is still one the
    /// account may read, or it is counted without being named.
    pub fn may_read_enforcement(&self, court: &CourtCode) -> bool {
        matches!(Reach::of(&self.court, court), Reach::Own | Reach::Lower)
            && matches!(
                self.role,
                Role::EnforcementOfficer
                    | Role::Judge
                    | Role::TrialManagement
                    | Role::President
                    | Role::DivisionHead
                    | Role::HigherCourtViewer
            )
    }

    /// May the account read the 审管办's records (campaigns, rectification ledgers, judicial
    /// suggestions, petitions) of `court`? The 审管办 and the court's leadership; those of a higher
    /// court and its viewer read them too (上下级法院监督指导).
    pub fn may_read_records(&self, court: &CourtCode) -> bool {
        matches!(Reach::of(&self.court, court), Reach::Own | Reach::Lower)
            && matches!(
                self.role,
                Role::TrialManagement | Role::President | Role::DivisionHead | Role::HigherCourtViewer
            )
    }

    /// May the account keep those records in `court` (open a campaign, an item, record a 销号, a
    /// suggestion's reply, a petition)? Its own court's 审管办 and 院长.
    pub fn may_keep_records(&self, court: &CourtCode) -> bool {
        &self.court == court && matches!(self.role, Role::TrialManagement | Role::President)
    }

    /// May the account change indicator settings and the holiday calendar?
    /// 法官画像 (a judge's page with their appraisal): the judge themself, the 庭长 of the judge's
    /// division (`my_department` is the account's own judge record's), the 院长 and the 审管办 of
    /// the judge's court. Another judge never sees it.
    pub fn may_read_judge_page(
        &self,
        court: &CourtCode,
        code: &str,
        department: Option<&str>,
        my_department: Option<&str>,
    ) -> bool {
        if &self.court != court {
            return false;
        }
        match self.role {
            Role::President | Role::TrialManagement => true,
            Role::DivisionHead => {
                self.judge.as_deref() == Some(code) || (department.is_some() && department == my_department)
            }
            Role::Judge | Role::EnforcementOfficer => self.judge.as_deref() == Some(code),
            _ => false,
        }
    }

    pub fn may_configure(&self) -> bool {
        matches!(self.role, Role::Admin | Role::TrialManagement)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_management_records_are_kept_by_the_courts_own_managers_and_read_from_above() {
        let basic = CourtCode::parse("内0203").unwrap();
        let higher = CourtCode::parse("内02").unwrap();
        let peer = CourtCode::parse("内0207").unwrap();
        let who = |c: &CourtCode, role: Role| Principal { court: c.clone(), role, judge: None };
        for role in Role::ALL {
            let own = who(&basic, role);
            let managers = matches!(role, Role::TrialManagement | Role::President);
            assert_eq!(own.may_keep_records(&basic), managers, "{role:?}");
            assert!(!own.may_keep_records(&higher) && !own.may_keep_records(&peer));
            assert_eq!(
                own.may_read_records(&basic),
                managers || matches!(role, Role::DivisionHead | Role::HigherCourtViewer),
                "{role:?}"
            );
            assert!(!own.may_read_records(&peer) && !own.may_read_records(&higher), "{role:?}");
            // From above: read, never keep.
            let above = who(&higher, role);
            assert_eq!(above.may_read_records(&basic), own.may_read_records(&basic), "{role:?}");
            assert!(!above.may_keep_records(&basic));
        }
    }

    #[test]
    fn a_judges_page_is_for_the_judge_their_division_head_the_president_and_the_office() {
        let court = code("内0203");
        let j = |role, judge: Option<&str>| who("内0203", role, judge);
        assert!(j(Role::Judge, Some("J007")).may_read_judge_page(&court, "J007", Some("ms1"), Some("ms1")));
        assert!(!j(Role::Judge, Some("J008")).may_read_judge_page(&court, "J007", Some("ms1"), Some("ms1")));
        assert!(j(Role::DivisionHead, Some("J003")).may_read_judge_page(&court, "J007", Some("ms1"), Some("ms1")));
        assert!(!j(Role::DivisionHead, Some("J004")).may_read_judge_page(&court, "J007", Some("ms1"), Some("xs")));
        assert!(j(Role::President, None).may_read_judge_page(&court, "J007", None, None));
        assert!(j(Role::TrialManagement, None).may_read_judge_page(&court, "J007", None, None));
        assert!(!j(Role::Clerk, None).may_read_judge_page(&court, "J007", None, None));
        assert!(!who("内02", Role::President, None).may_read_judge_page(&court, "J007", None, None));
    }

    #[test]
    fn full_id_numbers_are_for_those_who_file_and_run_the_case_in_its_court() {
        let court = CourtCode::parse("内0203").unwrap();
        let higher = CourtCode::parse("内02").unwrap();
        let case = CaseScope { court: &court, sealed: false, judge: Some("J001"), category: Category::Civil };
        let who = |c: &CourtCode, role: Role, judge: Option<&str>| Principal {
            court: c.clone(),
            role,
            judge: judge.map(str::to_owned),
        };
        assert!(who(&court, Role::FilingClerk, None).sees_full_ids(&case));
        assert!(who(&court, Role::DivisionHead, None).sees_full_ids(&case));
        assert!(who(&court, Role::Judge, Some("J001")).sees_full_ids(&case));
        assert!(!who(&court, Role::Judge, Some("J002")).sees_full_ids(&case));
        assert!(!who(&court, Role::Clerk, None).sees_full_ids(&case));
        assert!(!who(&court, Role::TrialManagement, None).sees_full_ids(&case));
        assert!(!who(&higher, Role::President, None).sees_full_ids(&case), "a higher court reads, masked");
    }

    fn code(s: &str) -> CourtCode {
        CourtCode::parse(s).unwrap()
    }

    fn who(court: &str, role: Role, judge: Option<&str>) -> Principal {
        Principal { court: code(court), role, judge: judge.map(str::to_owned) }
    }

    #[test]
    fn reach_follows_the_court_codes() {
        assert_eq!(Reach::of(&code("内02"), &code("内0203")), Reach::Lower);
        assert_eq!(Reach::of(&code("内"), &code("内0203")), Reach::Lower);
        assert_eq!(Reach::of(&code("内0203"), &code("内02")), Reach::Higher);
        assert_eq!(Reach::of(&code("内0203"), &code("内0204")), Reach::Peer);
        assert_eq!(Reach::of(&code("内02"), &code("内01")), Reach::Peer);
        assert_eq!(Reach::of(&code("内0203"), &code("内0203")), Reach::Own);
    }

    #[test]
    fn a_sealed_case_is_read_only_by_its_judge_and_the_leadership_of_its_court() {
        let court = code("内0203");
        let case = CaseScope { court: &court, sealed: true, judge: Some("j001"), category: Category::Civil };
        assert!(who("内0203", Role::Judge, Some("j001")).can_read(&case));
        assert!(!who("内0203", Role::Judge, Some("j002")).can_read(&case));
        assert!(who("内0203", Role::President, Some("j009")).can_read(&case));
        assert!(who("内0203", Role::DivisionHead, None).can_read(&case));
        assert!(!who("内0203", Role::Clerk, None).can_read(&case));
        assert!(!who("内02", Role::President, None).can_read(&case));
        assert!(!who("内02", Role::HigherCourtViewer, None).can_read(&case));
    }

    #[test]
    fn a_higher_court_reads_but_never_writes_a_lower_courts_case() {
        let court = code("内0203");
        let case = CaseScope { court: &court, sealed: false, judge: Some("j001"), category: Category::Civil };
        let viewer = who("内02", Role::HigherCourtViewer, None);
        assert!(viewer.can_read(&case));
        let president = who("内02", Role::President, None);
        for action in Action::ALL {
            let allowed = president.may(action, &case);
            let expected = matches!(action, Action::Read | Action::ApproveExtension(Approver::HigherCourt));
            assert_eq!(allowed, expected, "{action:?}");
        }
        assert!(!who("内0204", Role::President, None).can_read(&case));
        assert!(!who("内0203", Role::Admin, None).can_read(&case));
    }

    #[test]
    fn only_a_division_head_or_president_reassigns_an_assigned_case() {
        let court = code("内0203");
        let assigned = CaseScope { court: &court, sealed: false, judge: Some("j001"), category: Category::Civil };
        let waiting = CaseScope { judge: None, ..assigned };
        for role in [Role::FilingClerk, Role::TrialManagement] {
            assert!(who("内0203", role, None).may(Action::Assign, &waiting), "{role:?}");
            assert!(!who("内0203", role, None).may(Action::Assign, &assigned), "{role:?}");
        }
        for role in [Role::DivisionHead, Role::President] {
            assert!(who("内0203", role, None).may(Action::Assign, &assigned), "{role:?}");
        }
        assert!(!who("内0203", Role::Judge, Some("j001")).may(Action::Assign, &waiting));
    }

    #[test]
    fn refusing_an_extension_is_deciding_it_by_the_approver_it_was_sent_to() {
        let refusal = EventKind::ExtensionRefused { reason: "理由不充分".into() };
        assert_eq!(
            Action::of_event(&refusal, Some(Approver::HigherCourt)),
            Action::ApproveExtension(Approver::HigherCourt)
        );
        assert_eq!(
            Action::of_event(&refusal, Some(Approver::President)),
            Action::ApproveExtension(Approver::President)
        );
    }

    #[test]
    fn a_judge_acts_on_their_own_cases_and_cannot_approve_an_extension() {
        let court = code("内0203");
        let case = CaseScope { court: &court, sealed: false, judge: Some("j001"), category: Category::Civil };
        let own = who("内0203", Role::Judge, Some("j001"));
        assert!(own.may(Action::Close, &case));
        assert!(own.may(Action::RequestExtension, &case));
        assert!(!own.may(Action::ApproveExtension(Approver::President), &case));
        let other = who("内0203", Role::Judge, Some("j002"));
        assert!(other.can_read(&case));
        assert!(!other.may(Action::Close, &case));
        assert!(who("内0203", Role::President, None).may(Action::ApproveExtension(Approver::President), &case));
        assert!(!who("内0203", Role::EnforcementOfficer, None).may(Action::Close, &case));
    }
}
