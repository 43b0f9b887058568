//! The dated 执行, 司法确认, 诉讼费 and supervision events of a case as the table keeps them.

/// A dated 执行 event the indicators count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enforcement {
    /// 执前督促 / 自动履行催告.
    Urged,
    /// 自动履行, in fen.
    Performed(i64),
    /// 司法拘留 of so many persons.
    Detained(u32),
    /// 拒执罪移送.
    Referral,
    /// 纳入失信.
    Blacklisted,
    /// 司法确认 decided: confirmed or not.
    Confirmation(bool),
    /// 诉讼费 paid: online or not.
    FeePaid(bool),
    /// 退费: on time or not.
    Refund(bool),
    /// 四类案件 marked.
    Flagged,
    /// At the closing, marked: with an approved 阅核 by then or not.
    ClosedFlagged(bool),
    /// 审判委员会 discussion.
    Committee,
    /// A document took effect that is to be published (not withheld): published by now or not.
    DocumentDue(bool),
    /// A document published on the internet: within 7 working days of its effect or not.
    Published(bool),
}

impl Enforcement {
    /// As the table keeps it: (kind, value).
    pub(crate) fn packed(self) -> (u8, i64) {
        match self {
            Self::Urged => (enforcement::URGED, 1),
            Self::Performed(fen) => (enforcement::PERFORMED, fen),
            Self::Detained(n) => (enforcement::DETAINED, i64::from(n)),
            Self::Referral => (enforcement::REFERRAL, 1),
            Self::Blacklisted => (enforcement::BLACKLISTED, 1),
            Self::Confirmation(yes) => (enforcement::CONFIRMATION, i64::from(yes)),
            Self::FeePaid(online) => (enforcement::FEE_PAID, i64::from(online)),
            Self::Refund(timely) => (enforcement::REFUND, i64::from(timely)),
            Self::Flagged => (enforcement::FLAGGED, 1),
            Self::ClosedFlagged(read) => (enforcement::FLAGGED_CLOSED, i64::from(read)),
            Self::Committee => (enforcement::COMMITTEE, 1),
            Self::DocumentDue(online) => (enforcement::DOCUMENT_DUE, i64::from(online)),
            Self::Published(timely) => (enforcement::PUBLISHED, i64::from(timely)),
        }
    }
}

/// The kinds of the table's 执行 events.
pub(crate) mod enforcement {
    pub const URGED: u8 = 0;
    pub const PERFORMED: u8 = 1;
    pub const DETAINED: u8 = 2;
    pub const REFERRAL: u8 = 3;
    pub const BLACKLISTED: u8 = 4;
    /// Value 1 when confirmed.
    pub const CONFIRMATION: u8 = 5;
    /// Value 1 when online.
    pub const FEE_PAID: u8 = 6;
    /// Value 1 when on time.
    pub const REFUND: u8 = 7;
    pub const FLAGGED: u8 = 8;
    /// Value 1 when read (an approved 阅核 by the closing).
    pub const FLAGGED_CLOSED: u8 = 9;
    pub const COMMITTEE: u8 = 10;
    pub const DOCUMENT_DUE: u8 = 11;
    pub const PUBLISHED: u8 = 12;
}
