//! The roles of court staff (岗位角色), and the two roles of the people the court serves: a party
//! (当事人) and a lawyer (律师), who reach only the portal (诉讼服务). Each staff account holds one
//! role in one court; what a role may see and do is decided where requests are served. The ids are
//! stable: scripts and the API use them.

use std::fmt;

/// A role: a staff role, or a portal role ([`Role::is_portal`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// 立案员
    FilingClerk,
    /// 法官
    Judge,
    /// 书记员
    Clerk,
    /// 庭长
    DivisionHead,
    /// 院长
    President,
    /// 审管办
    TrialManagement,
    /// 执行员
    EnforcementOfficer,
    /// 上级法院查看
    HigherCourtViewer,
    /// 审计员
    Auditor,
    /// 管理员
    Admin,
    /// 当事人: a party signed in to the portal, linked to cases by their verified ID number or
    /// credit code.
    Party,
    /// 律师: a lawyer signed in to the portal, linked to cases by the licence number (执业证号) a
    /// case records on the party's agent.
    Lawyer,
}

impl Role {
    pub const ALL: [Role; 12] = [
        Role::FilingClerk,
        Role::Judge,
        Role::Clerk,
        Role::DivisionHead,
        Role::President,
        Role::TrialManagement,
        Role::EnforcementOfficer,
        Role::HigherCourtViewer,
        Role::Auditor,
        Role::Admin,
        Role::Party,
        Role::Lawyer,
    ];

    /// The staff roles, without the portal's.
    pub const STAFF: [Role; 10] = [
        Role::FilingClerk,
        Role::Judge,
        Role::Clerk,
        Role::DivisionHead,
        Role::President,
        Role::TrialManagement,
        Role::EnforcementOfficer,
        Role::HigherCourtViewer,
        Role::Auditor,
        Role::Admin,
    ];

    /// 当事人 and 律师: accounts of the people the court serves. They reach the portal only, never a
    /// staff page, and see only the cases they are linked to.
    pub fn is_portal(self) -> bool {
        matches!(self, Role::Party | Role::Lawyer)
    }

    /// 院长 and 庭长: court leadership, who read their court's sealed cases (`access.rs`); an
    /// account of these roles must be bound to its holder's own judge record.
    pub fn reads_sealed_as_leadership(self) -> bool {
        matches!(self, Role::President | Role::DivisionHead)
    }

    /// The stable id.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::FilingClerk => "filing_clerk",
            Role::Judge => "judge",
            Role::Clerk => "clerk",
            Role::DivisionHead => "division_head",
            Role::President => "president",
            Role::TrialManagement => "trial_management",
            Role::EnforcementOfficer => "enforcement_officer",
            Role::HigherCourtViewer => "higher_court_viewer",
            Role::Auditor => "auditor",
            Role::Admin => "admin",
            Role::Party => "party",
            Role::Lawyer => "lawyer",
        }
    }

    /// The Chinese name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Role::FilingClerk => "立案员",
            Role::Judge => "法官",
            Role::Clerk => "书记员",
            Role::DivisionHead => "庭长",
            Role::President => "院长",
            Role::TrialManagement => "审管办",
            Role::EnforcementOfficer => "执行员",
            Role::HigherCourtViewer => "上级法院查看",
            Role::Auditor => "审计员",
            Role::Admin => "管理员",
            Role::Party => "当事人",
            Role::Lawyer => "律师",
        }
    }

    pub fn parse(id: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == id)
    }

    /// Roles whose account is a judge's: they decide "my cases" through the linked judge record.
    pub fn is_judicial(self) -> bool {
        matches!(self, Role::Judge | Role::DivisionHead | Role::President)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_id_parses_back_and_labels_are_distinct() {
        let mut labels = std::collections::BTreeSet::new();
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
            assert!(labels.insert(r.label()));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
