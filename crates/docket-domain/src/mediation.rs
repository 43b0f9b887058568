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
