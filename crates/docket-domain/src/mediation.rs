//! 诉源治理: mediation by the court's invited organisations (特邀调解规定, 在线调解规则) and
//! 司法确认 of what they agree (民诉法 §205–206).

/// How a case reached a mediation organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MediationMode {
    /// 委派调解: before filing, on a 诉前调解 case (特邀调解规定 §8).
    Delegated,
    /// 委托调解: after filing (特邀调解规定 §8).
    Entrusted,
    /// 特邀调解 by an invited mediator in the court.
    Invited,
}

impl MediationMode {
    pub const ALL: [Self; 3] = [Self::Delegated, Self::Entrusted, Self::Invited];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Delegated => "delegated",
            Self::Entrusted => "entrusted",
            Self::Invited => "invited",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Delegated => "委派调解",
            Self::Entrusted => "委托调解",
            Self::Invited => "特邀调解",
        }
    }
}

/// Days a 委托调解 runs before its extension stops counting toward the 审限: 15 under the
/// ordinary procedure, 7 under the simple ones (特邀调解规定 §27 ¶2; 在线调解规则 §24).
pub fn entrusted_days(procedure: crate::Procedure) -> u64 {
    match procedure {
        crate::Procedure::Simple | crate::Procedure::SmallClaims => 7,
        _ => 15,
    }
}

/// Days a 委派调解 (before filing) runs from the organisation's acceptance (特邀调解规定 §27 ¶1, ¶3).
pub const DELEGATED_DAYS: u32 = 30;
