//! The filed case (立案信息): its number, type, procedure, cause, dates, parties and tags.

use chrono::{Datelike, NaiveDate};

use crate::amount::Amount;
use crate::case_number::CaseNumber;
use crate::case_type::CaseType;
use crate::court::CourtCode;
use crate::identity::{CreditCode, IdentityError, ResidentId};
use crate::procedure::Procedure;

/// 诉讼地位 of a party (`INTERCHANGE.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartyRole {
    /// 原告
    Plaintiff,
    /// 被告 / 被告人
    Defendant,
    /// 第三人
    ThirdParty,
    /// 上诉人
    Appellant,
    /// 被上诉人
    Appellee,
    /// 申请人 / 申请执行人
    Applicant,
    /// 被申请人 / 被执行人
    Respondent,
    /// 被害人
    Victim,
    /// 自诉人
    PrivateProsecutor,
}

impl PartyRole {
    pub const ALL: [PartyRole; 9] = [
        Self::Plaintiff,
        Self::Defendant,
        Self::ThirdParty,
        Self::Appellant,
        Self::Appellee,
        Self::Applicant,
        Self::Respondent,
        Self::Victim,
        Self::PrivateProsecutor,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Plaintiff => "plaintiff",
            Self::Defendant => "defendant",
            Self::ThirdParty => "third_party",
            Self::Appellant => "appellant",
            Self::Appellee => "appellee",
            Self::Applicant => "applicant",
            Self::Respondent => "respondent",
            Self::Victim => "victim",
            Self::PrivateProsecutor => "private_prosecutor",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Plaintiff => "原告",
            Self::Defendant => "被告",
            Self::ThirdParty => "第三人",
            Self::Appellant => "上诉人",
            Self::Appellee => "被上诉人",
            Self::Applicant => "申请人",
            Self::Respondent => "被申请人",
            Self::Victim => "被害人",
            Self::PrivateProsecutor => "自诉人",
        }
    }
}

/// Natural person or organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartyKind {
    /// 自然人
    Person,
    /// 法人或非法人组织
    Organization,
}

impl PartyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Organization => "organization",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "person" => Some(Self::Person),
            "organization" => Some(Self::Organization),
            _ => None,
        }
    }
}

/// The kind of identity document a party's `id_number` is. The default for a person is the
/// 居民身份证 and for an organisation the 统一社会信用代码; both are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdType {
    /// 居民身份证 (GB 11643)
    ResidentId,
    /// 统一社会信用代码 (GB 32100)
    CreditCode,
    /// 护照
    Passport,
    /// 港澳居民来往内地通行证
    HkMacaoPermit,
    /// 台湾居民来往大陆通行证
    TaiwanPermit,
    /// 外国人永久居留身份证
    ForeignPermanentResident,
    /// 其他证件
    Other,
}

impl IdType {
    pub const ALL: [IdType; 7] = [
        Self::ResidentId,
        Self::CreditCode,
        Self::Passport,
        Self::HkMacaoPermit,
        Self::TaiwanPermit,
        Self::ForeignPermanentResident,
        Self::Other,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ResidentId => "resident_id",
            Self::CreditCode => "credit_code",
            Self::Passport => "passport",
            Self::HkMacaoPermit => "hk_macao_permit",
            Self::TaiwanPermit => "taiwan_permit",
            Self::ForeignPermanentResident => "foreign_permanent_resident",
            Self::Other => "other",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
    pub fn default_for(kind: PartyKind) -> Self {
        match kind {
            PartyKind::Person => Self::ResidentId,
            PartyKind::Organization => Self::CreditCode,
        }
    }
}

/// A checked identity document number.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PartyId {
    id_type: IdType,
    number: String,
}

impl PartyId {
    /// The birth date a 公民身份号码 holds (none for other kinds of number).
    pub fn birth_date(&self) -> Option<NaiveDate> {
        match self.id_type {
            IdType::ResidentId => ResidentId::parse(&self.number).ok().and_then(|r| r.birth_date()),
            _ => None,
        }
    }

    pub fn parse(id_type: IdType, number: &str) -> Result<Self, IdentityError> {
        let number = match id_type {
            IdType::ResidentId => ResidentId::parse(number)?.as_str().to_owned(),
            IdType::CreditCode => CreditCode::parse(number)?.as_str().to_owned(),
            _ => number.trim().to_owned(),
        };
        Ok(Self { id_type, number })
    }
    pub fn id_type(&self) -> IdType {
        self.id_type
    }
    pub fn number(&self) -> &str {
        &self.number
    }
    /// The number as shown to roles that do not need it in full.
    pub fn masked(&self) -> String {
        let n: Vec<char> = self.number.chars().collect();
        if n.len() <= 6 {
            return "*".repeat(n.len());
        }
        let keep_head = if self.id_type == IdType::ResidentId { 6 } else { 4 };
        let keep_tail = 4.min(n.len() - keep_head);
        let head: String = n[..keep_head].iter().collect();
        let tail: String = n[n.len() - keep_tail..].iter().collect();
        format!("{head}{}{tail}", "*".repeat(n.len() - keep_head - keep_tail))
    }
}

/// A stored identity number as shown to roles that do not need it in full: masked as its type
/// where it still parses as one, as an other document where it does not, and wholly masked when
/// even that fails — never shown in full by mistake.
pub fn masked_number(id_type: Option<IdType>, number: &str) -> String {
    let t = id_type.unwrap_or(IdType::Other);
    PartyId::parse(t, number)
        .or_else(|_| PartyId::parse(IdType::Other, number))
        .map_or_else(|_| "*".repeat(number.chars().count()), |id| id.masked())
}

/// 当事人.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    pub role: PartyRole,
    pub kind: PartyKind,
    pub name: String,
    pub id: Option<PartyId>,
    /// What an organisation is (`org_type`): a government body (涉府), a state-owned or a
    /// private enterprise; optional.
    pub org_type: Option<OrgType>,
    /// 住所 as filed; optional. Judgments keep only its county or district (法释〔2016〕19号 §11).
    pub address: Option<String>,
    /// 联系电话 as filed; optional. Never published (§10).
    pub phone: Option<String>,
    /// 诉讼代理人: lawyers and citizens acting for the party.
    pub agents: Vec<Agent>,
}

/// 诉讼代理人 of a party (`agents`): a lawyer (律师, with a 执业证号) or a citizen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agent {
    pub name: String,
    pub kind: AgentKind,
    /// 执业证号 of a lawyer; optional for a citizen.
    pub licence_no: Option<String>,
}

/// What kind of agent (`agents[].kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgentKind {
    /// 律师 (or 基层法律服务工作者).
    Lawyer,
    /// 公民代理.
    Citizen,
}

impl AgentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Lawyer => "lawyer",
            Self::Citizen => "citizen",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "lawyer" => Some(Self::Lawyer),
            "citizen" => Some(Self::Citizen),
            _ => None,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Lawyer => "律师",
            Self::Citizen => "公民代理人",
        }
    }
}

impl Party {
    /// A party with no optional details: no identity number, organisation type, address, phone
    /// or agents.
    pub fn new(role: PartyRole, kind: PartyKind, name: impl Into<String>) -> Self {
        Self { role, kind, name: name.into(), id: None, org_type: None, address: None, phone: None, agents: Vec::new() }
    }
}

/// What kind of organisation a party is (`org_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrgType {
    /// 党政机关 / 行政机关: a case where it owes money is 涉府.
    Government,
    /// 国有企业.
    Soe,
    /// 民营企业.
    Private,
}

impl OrgType {
    pub const ALL: [OrgType; 3] = [Self::Government, Self::Soe, Self::Private];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Government => "government",
            Self::Soe => "soe",
            Self::Private => "private",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Government => "党政机关",
            Self::Soe => "国有企业",
            Self::Private => "民营企业",
        }
    }
}

/// A case tag (标签) marking a green channel or a topic: `enterprise` (涉企) …; a court may
/// define more, so any lower-case identifier is accepted.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tag(String);

/// The tags `INTERCHANGE.md` names, with their Chinese labels.
pub const KNOWN_TAGS: &[(&str, &str)] = &[
    ("enterprise", "涉企"),
    ("major_project", "涉重大项目"),
    ("finance", "涉金融"),
    ("labor", "劳动争议"),
    ("migrant_wages", "农民工讨薪"),
    ("minor", "涉未成年人"),
    ("livelihood", "涉民生"),
    ("ip", "知识产权"),
    ("mass_dispute", "群体性纠纷"),
];

impl Tag {
    /// A tag is 1–32 characters of `a-z`, `0-9` and `_`, starting with a letter.
    pub fn parse(s: &str) -> Option<Self> {
        let ok = !s.is_empty()
            && s.len() <= 32
            && s.as_bytes()[0].is_ascii_lowercase()
            && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        ok.then(|| Self(s.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn label(&self) -> &str {
        KNOWN_TAGS.iter().find(|(t, _)| *t == self.0).map_or(&self.0, |(_, l)| l)
    }
    /// Cases of minors are sealed unless said otherwise.
    pub fn seals_by_default(&self) -> bool {
        self.0 == "minor"
    }
}

/// What was recorded at 立案: everything a case line of `INTERCHANGE.md` carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRecord {
    pub court: CourtCode,
    pub case_no: CaseNumber,
    /// The procedure at filing; later changes are events.
    pub procedure: Procedure,
    /// 案由 (or 罪名 in criminal cases).
    pub cause: String,
    /// 收到起诉材料日期; the filing limit (7 days, 民诉法 §126) counts from it.
    pub received_on: Option<NaiveDate>,
    /// 立案日期.
    pub filed_on: NaiveDate,
    /// 网上立案.
    pub online: bool,
    /// 标的额.
    pub claim_amount: Option<Amount>,
    pub tags: Vec<Tag>,
    /// The case this one derives from (first instance of an appeal, judgment of an enforcement …).
    pub origin: Option<CaseNumber>,
    /// Visible only to its judges and court leadership.
    pub sealed: bool,
    /// 可能判处的有期徒刑上限（月）, for criminal first instance: a sentence over one year lengthens
    /// the 速裁 limit (刑诉法 §225) and over three years the 简易 limit (刑诉法 §220).
    pub possible_sentence_months: Option<u32>,
    pub parties: Vec<Party>,
}

/// Why a case record is inconsistent; each names the interchange field at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseRecordError {
    #[error("{0}")]
    Number(#[from] crate::case_number::CaseNumberError),
    #[error("类型代字 {type_code} 不允许{procedure}（允许：{allowed}）")]
    ProcedureNotAllowed { type_code: &'static str, procedure: &'static str, allowed: String },
    #[error("收案日期 {received} 晚于立案日期 {filed}")]
    ReceivedAfterFiled { received: NaiveDate, filed: NaiveDate },
    #[error("案由不能为空")]
    EmptyCause,
    #[error("案件不能派生自其本身")]
    OwnOrigin,
    #[error("可能判处的刑期只适用于刑事案件")]
    SentenceOutsideCriminal,
    /// 民诉法 §122(二), 行诉法 §49(二): a first-instance suit names a defendant.
    #[error("{type_code}案件应有被告（民诉法第一百二十二条、行政诉讼法第四十九条：起诉须有明确的被告）")]
    NoDefendant { type_code: &'static str },
    #[error("第 {index} 名当事人的公民身份号码中的出生日期 {birth} 晚于立案日期 {filed}")]
    BornAfterFiling { index: usize, birth: NaiveDate, filed: NaiveDate },
}

impl CaseRecordError {
    /// The interchange field the error is about.
    pub fn field(&self) -> &'static str {
        match self {
            Self::Number(crate::case_number::CaseNumberError::TypeMismatch { .. }) => "type",
            Self::Number(crate::case_number::CaseNumberError::CourtMismatch { .. }) => "court",
            Self::Number(crate::case_number::CaseNumberError::YearMismatch { .. }) => "filed_on",
            Self::Number(_) => "case_no",
            Self::ProcedureNotAllowed { .. } => "procedure",
            Self::ReceivedAfterFiled { .. } => "received_on",
            Self::EmptyCause => "cause",
            Self::OwnOrigin => "origin",
            Self::SentenceOutsideCriminal => "possible_sentence_months",
            Self::NoDefendant { .. } | Self::BornAfterFiling { .. } => "parties",
        }
    }
}

impl CaseRecord {
    pub fn case_type(&self) -> &'static CaseType {
        self.case_no.case_type()
    }

    /// Checks the rules that tie the record's fields together.
    pub fn check(&self) -> Result<(), CaseRecordError> {
        let t = self.case_type();
        self.case_no.check_matches(&self.court, t.code, self.filed_on.year())?;
        if !t.allows(self.procedure) {
            return Err(CaseRecordError::ProcedureNotAllowed {
                type_code: t.code,
                procedure: self.procedure.label(),
                allowed: t.procedures.iter().map(|p| p.label()).collect::<Vec<_>>().join("、"),
            });
        }
        if let Some(received) = self.received_on
            && received > self.filed_on
        {
            return Err(CaseRecordError::ReceivedAfterFiled { received, filed: self.filed_on });
        }
        if self.cause.trim().is_empty() {
            return Err(CaseRecordError::EmptyCause);
        }
        if self.origin.as_ref() == Some(&self.case_no) {
            return Err(CaseRecordError::OwnOrigin);
        }
        if self.possible_sentence_months.is_some() && t.category != crate::case_type::Category::Criminal {
            return Err(CaseRecordError::SentenceOutsideCriminal);
        }
        if matches!(t.code, "民初" | "行初") && !self.parties.iter().any(|p| p.role == PartyRole::Defendant) {
            return Err(CaseRecordError::NoDefendant { type_code: t.code });
        }
        for (i, p) in self.parties.iter().enumerate() {
            if let Some(birth) = p.id.as_ref().and_then(PartyId::birth_date)
                && birth > self.filed_on
            {
                return Err(CaseRecordError::BornAfterFiling { index: i + 1, birth, filed: self.filed_on });
            }
        }
        Ok(())
    }

    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t.as_str() == tag)
    }
}
