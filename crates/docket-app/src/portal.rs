//! The portal's use cases (诉讼服务): a party's or a lawyer's account opened with its verified
//! link, their cases and what they are told of each, electronic service to the account with its
//! receipt (电子送达凭证) and the moment the document was opened, evidence the party submits, and
//! the 送达地址确认书 and second factor of the account.
//!
//! Electronic service (民诉法 §90, 民诉法解释 §135–§137, 在线诉讼规则 §29–§32): a document is
//! served to a party's account only when the holder has confirmed electronic service to it (the
//! 送达地址确认书); it is served when it reaches the account — `service_attempted` with the
//! document's SHA-256 and the moment as `receipt_at` — and the holder's first opening of it is
//! recorded as `service_viewed`. Both are entries of the court's chain and leaves of the Merkle
//! log, so the receipt is their inclusion proofs, checked offline by `docket verify --bundle`.
//! A party without such an account is not served electronically: the attempt is recorded as
//! failed, and the case waits in the 书记员's 待邮寄送达 queue until it is served another way.

use chrono::{DateTime, FixedOffset};
use docket_domain::portal::{self, Link};
use docket_domain::{CaseNumber, CaseState, Event, EventKind, Role, ServiceChannel};
use docket_store::{AccountRow, PortalAccountRow, Store, StoredCase};

use crate::accounts::{audit_by, hash_password, now_stamp, on_hashing_pool};
use crate::{Account, AppError, Docket, FieldError};

pub use crate::accounts::{PORTAL_LOCKOUT_FAILURES, PORTAL_LOCKOUT_SECONDS};
/// What marks evidence a party submitted in the portal (`method` of its provenance); staff may
/// not record evidence under it.
pub const PARTY_METHOD: &str = "当事人在线提交";
/// China Standard Time, in which receipts are written.
const CST_SECONDS: i32 = 8 * 3600;

/// A portal account with its link and settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalAccount {
    pub account: Account,
    pub link: Link,
    /// When electronic service to the account was confirmed (送达地址确认书).
    pub consent_at: Option<String>,
    pub address: Option<String>,
    /// Whether sign-in asks for a TOTP code.
    pub totp: bool,
}

/// A portal account to open, after the court has verified who holds it.
#[derive(Debug, Clone)]
pub struct NewPortalAccount {
    pub username: String,
    /// The court that verified the holder.
    pub court: String,
    /// A lawyer's account (linked by licence) rather than a party's (by ID number or credit code).
    pub lawyer: bool,
    pub name: String,
    /// The ID number or credit code of a party, the 执业证号 of a lawyer.
    pub identity: String,
    pub password: String,
}

/// The link an identity gives, checked: a party's 公民身份号码 or 统一社会信用代码 by its check
/// digit, a lawyer's 执业证号 as its 17 digits.
pub fn link_of(lawyer: bool, identity: &str) -> Result<Link, FieldError> {
    let identity = identity.trim();
    if lawyer {
        if identity.len() == 17 && identity.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(Link::Licence(identity.to_owned()));
        }
        return Err(FieldError::new("identity", "律师执业证号应为 17 位数字"));
    }
    if let Ok(id) = docket_domain::identity::ResidentId::parse(identity) {
        return Ok(Link::Identity(id.as_str().to_owned()));
    }
    match docket_domain::identity::CreditCode::parse(identity) {
        Ok(code) => Ok(Link::Identity(code.as_str().to_owned())),
        Err(_) => Err(FieldError::new("identity", "应为有效的公民身份号码或统一社会信用代码（校验位不符）")),
    }
}

/// The rows of a portal account to open, checked (the password is hashed by the caller); every
/// problem named by its field.
fn portal_rows(
    new: &NewPortalAccount,
    courts: &[docket_domain::Court],
    password_hash: String,
) -> Result<(AccountRow, PortalAccountRow), Vec<FieldError>> {
    let mut errors = Vec::new();
    if !crate::accounts::valid_username(&new.username) {
        errors.push(FieldError::new("username", "应为 3–64 个小写字母、数字或 - _ ."));
    }
    let link = link_of(new.lawyer, &new.identity).map_err(|e| errors.push(e)).ok();
    if new.name.trim().is_empty() || new.name.chars().count() > 100 {
        errors.push(FieldError::new("name", "请填写姓名或单位名称（不超过 100 字）"));
    }
    let court = docket_domain::CourtCode::parse(&new.court).ok().filter(|c| courts.iter().any(|x| &x.code == c));
    if court.is_none() {
        errors.push(FieldError::new("court", format!("{} 不在本系统中", new.court)));
    }
    let (Some(link), Some(court), true) = (link, court, errors.is_empty()) else {
        return Err(errors);
    };
    let role = if new.lawyer { Role::Lawyer } else { Role::Party };
    let row = AccountRow {
        username: new.username.clone(),
        court,
        name: new.name.trim().to_owned(),
        role,
        judge: None,
        password_hash,
        failed_logins: 0,
        locked_until: None,
        created_at: now_stamp(),
        disabled: false,
        password_changed_at: None,
    };
    let portal = PortalAccountRow {
        username: new.username.clone(),
        link: link.key(),
        consent_at: None,
        address: None,
        totp_secret: None,
    };
    Ok((row, portal))
}

fn parse_link(text: &str) -> Result<Link, AppError> {
    match text.split_once(':') {
        Some(("id", n)) => Ok(Link::Identity(n.to_owned())),
        Some(("licence", l)) => Ok(Link::Licence(l.to_owned())),
        _ => Err(AppError::Corrupt(format!("诉讼服务账户的关联“{text}”无法读取"))),
    }
}

/// A case in the account's list.
#[derive(Debug, Clone)]
pub struct PortalCaseRow {
    pub case: StoredCase,
    /// The names of the parties the account stands for.
    pub as_party: Vec<String>,
}

/// A document served to one of the account's parties, with its receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Served {
    /// The document's number on the case (1, 2, …), when it is one of the case's documents.
    pub number: Option<usize>,
    pub title: String,
    pub sha256: String,
    pub party: Option<String>,
    /// When it reached the account (the day of service).
    pub receipt_at: Option<DateTime<FixedOffset>>,
    /// The case entry of the service (its receipt's leaf).
    pub service_seq: u32,
    /// When it was first opened, and the entry recording it.
    pub viewed: Option<(DateTime<FixedOffset>, u32)>,
}

/// What the portal shows of a case.
#[derive(Debug, Clone)]
pub struct PortalCaseView {
    pub state: CaseState,
    pub court_name: String,
    pub mine: Vec<usize>,
    pub parties: Vec<portal::Shown>,
    pub current: String,
    pub timeline: Vec<docket_domain::party_view::Line>,
    pub served: Vec<Served>,
    pub fee: Option<docket_domain::FeeAccount>,
    /// The evidence this account submitted.
    pub evidence: Vec<docket_store::EvidenceRow>,
}

pub use docket_domain::portal::document_sha256;

/// The documents served to the parties `mine` (or to the case without naming a party), each with
/// its first view.
pub fn served_to(state: &CaseState, mine: &[usize]) -> Vec<Served> {
    let names: Vec<&str> = mine.iter().filter_map(|i| state.record.parties.get(*i)).map(|p| p.name.as_str()).collect();
    let docs = state.documents();
    let mut out: Vec<Served> = Vec::new();
    for (i, e) in state.events.iter().enumerate() {
        let seq = u32::try_from(i + 1).unwrap_or(u32::MAX);
        match &e.kind {
            EventKind::ServiceAttempted { delivered: true, document: Some(sha), receipt_at, party, .. }
                if party.as_deref().is_none_or(|p| names.contains(&p)) =>
            {
                let number = docs.iter().position(|d| document_sha256(&d.text) == *sha);
                out.push(Served {
                    number: number.map(|n| n + 1),
                    title: number.map_or_else(|| "法律文书".to_owned(), |n| docs[n].doc.label().to_owned()),
                    sha256: sha.clone(),
                    party: party.clone(),
                    receipt_at: *receipt_at,
                    service_seq: seq,
                    viewed: None,
                });
            }
            EventKind::ServiceViewed { document, viewed_at, party } => {
                if let Some(s) =
                    out.iter_mut().find(|s| s.sha256 == *document && s.party == *party && s.viewed.is_none())
                {
                    s.viewed = Some((*viewed_at, seq));
                }
            }
            _ => {}
        }
    }
    out
}

/// A moment in China Standard Time, as receipts are written.
pub fn cst(at: DateTime<chrono::Utc>) -> DateTime<FixedOffset> {
    match FixedOffset::east_opt(CST_SECONDS) {
        Some(zone) => at.with_timezone(&zone),
        None => at.fixed_offset(),
    }
}

/// How an electronic service went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServiceOutcome {
    /// It reached these accounts.
    Delivered(Vec<String>),
    /// Not served electronically, and why; the case waits in 待邮寄送达.
    FellBack(String),
}

impl<S: Store> Docket<S> {
    /// Opens a portal account after the holder was verified, audited as `by`'s act. Refusals
    /// name the field.
    pub async fn add_portal_account(&self, new: NewPortalAccount, by: Option<&Account>) -> Result<Account, AppError> {
        let courts = self.store.courts().await?;
        let mut errors = Vec::new();
        if let Some(problem) = crate::passwords::password_problem(&new.password, &new.username) {
            errors.push(FieldError::new("password", problem));
        }
        let checked = portal_rows(&new, &courts, String::new());
        let (row, portal) = match (checked, errors.is_empty()) {
            (Ok(rows), true) => rows,
            (Ok(_), false) => return Err(AppError::Fields(errors)),
            (Err(mut more), _) => {
                errors.append(&mut more);
                return Err(AppError::Fields(errors));
            }
        };
        let hash = {
            let password = new.password.clone();
            on_hashing_pool(move || hash_password(&password)).await??
        };
        let row = AccountRow { password_hash: hash, ..row };
        let account = Account::from_row(&row)?;
        let audit = by
            .map(|a| audit_by(a, "add_portal_account", &account.username, account.role.as_str()))
            .into_iter()
            .collect();
        self.store.add_portal_accounts(vec![(row, portal)], audit).await.map_err(|e| match e {
            docket_store::StoreError::Conflict(_) => {
                AppError::Fields(vec![FieldError::new("username", format!("用户名 {} 已存在", new.username))])
            }
            e => e.into(),
        })?;
        Ok(account)
    }

    /// Opens many portal accounts sharing one password, hashed once (the demo's, whose password
    /// is published anyway, and the tests'), with electronic service confirmed when `consent`.
    /// All or nothing.
    pub async fn add_portal_accounts_with_password(
        &self,
        accounts: Vec<NewPortalAccount>,
        password: &str,
        consent: bool,
    ) -> Result<u64, AppError> {
        let hash = hash_password(password)?;
        let courts = self.store.courts().await?;
        let rows = accounts
            .iter()
            .map(|new| {
                let (row, portal) = portal_rows(new, &courts, hash.clone()).map_err(AppError::Fields)?;
                Ok((row, PortalAccountRow { consent_at: consent.then(now_stamp), ..portal }))
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        let n = rows.len() as u64;
        self.store.add_portal_accounts(rows, vec![]).await?;
        Ok(n)
    }

    /// The portal account of a signed-in account (none for staff).
    pub async fn portal_account(&self, account: &Account) -> Result<Option<PortalAccount>, AppError> {
        if !account.role.is_portal() {
            return Ok(None);
        }
        let Some(row) = self.store.portal_account(&account.username).await? else {
            return Err(AppError::Corrupt(format!("诉讼服务账户 {} 缺少关联记录", account.username)));
        };
        Ok(Some(PortalAccount {
            account: account.clone(),
            link: parse_link(&row.link)?,
            consent_at: row.consent_at,
            address: row.address,
            totp: row.totp_secret.is_some(),
        }))
    }

    /// The account's cases, newest filing first, each with the parties it stands for there.
    pub async fn portal_cases(&self, who: &PortalAccount) -> Result<Vec<PortalCaseRow>, AppError> {
        let mut links = self.store.linked_cases(&who.link.key()).await?;
        links.dedup_by(|a, b| a.case_no == b.case_no && a.party_idx == b.party_idx);
        let mut out: Vec<PortalCaseRow> = Vec::new();
        let mut i = 0;
        while i < links.len() {
            let case_no = links[i].case_no.clone();
            let idx: Vec<usize> = links[i..]
                .iter()
                .take_while(|l| l.case_no == case_no)
                .filter_map(|l| usize::try_from(l.party_idx).ok())
                .collect();
            i += links[i..].iter().take_while(|l| l.case_no == case_no).count();
            let Ok(n) = CaseNumber::parse(&case_no) else { continue };
            let Some(case) = self.store.case(&n).await? else { continue };
            let parties = self.store.case_parties(&n).await?;
            let as_party = idx.iter().filter_map(|x| parties.get(*x)).map(|p| p.name.clone()).collect();
            out.push(PortalCaseRow { case, as_party });
        }
        out.sort_by(|a, b| b.case.filed_on.cmp(&a.case.filed_on).then(a.case.case_no.cmp(&b.case.case_no)));
        Ok(out)
    }

    /// A case as the account sees it; "not found" unless the account stands for one of its
    /// parties.
    pub async fn portal_case(&self, who: &PortalAccount, case_no: &str) -> Result<PortalCaseView, AppError> {
        let n = CaseNumber::parse(case_no).map_err(|_| AppError::NotFound(case_no.to_owned()))?;
        let (state, _) = crate::replay::replay_case(&self.store, &n)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("案件 {n}")))?;
        let mine = portal::standing(&who.link, &state.record.parties);
        if mine.is_empty() {
            return Err(AppError::NotFound(format!("案件 {n}")));
        }
        let court_name = self
            .store
            .name_of(docket_store::Named::Court(n.court().as_str()))
            .await?
            .unwrap_or_else(|| n.court().to_string());
        let fee = if state.record.case_type().category == docket_domain::Category::Enforcement {
            None
        } else {
            Some(docket_domain::FeeAccount::of(&self.indicator_settings().await?.fees, &state))
        };
        let evidence = self
            .store
            .case_evidence(n.court().as_str(), &n.to_string())
            .await?
            .into_iter()
            .filter(|e| e.stored_by == who.account.username)
            .collect();
        Ok(PortalCaseView {
            court_name,
            parties: portal::shown(&state.record.parties, &mine, state.record.sealed),
            current: docket_domain::party_view::current(&state),
            timeline: docket_domain::party_view::timeline(&state),
            served: served_to(&state, &mine),
            fee,
            evidence,
            mine,
            state,
        })
    }

    /// Serves document `number` of a case to party `party` electronically, as `by` (a 书记员 or
    /// whoever may record service): delivered to the party's accounts that confirmed electronic
    /// service, else recorded as failed — to be served by post (待邮寄送达).
    pub async fn serve_electronically(
        &self,
        case_no: &CaseNumber,
        number: usize,
        party: usize,
        by: &Account,
        now: DateTime<chrono::Utc>,
        today: chrono::NaiveDate,
    ) -> Result<ServiceOutcome, AppError> {
        let (state, _) = crate::replay::replay_case(&self.store, case_no)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("案件 {case_no}")))?;
        let docs = state.documents();
        let doc = number.checked_sub(1).and_then(|i| docs.get(i)).ok_or_else(|| {
            AppError::Fields(vec![FieldError::new("document", format!("本案没有第 {number} 份文书"))])
        })?;
        let p = state
            .record
            .parties
            .get(party)
            .ok_or_else(|| AppError::Fields(vec![FieldError::new("party", "本案没有这名当事人")]))?;
        let keys: Vec<String> =
            Link::keys_of(&state.record.parties).into_iter().filter(|(_, i)| *i == party).map(|(k, _)| k).collect();
        let accounts = self.store.portal_accounts_linked(&keys).await?;
        let consenting: Vec<String> =
            accounts.iter().filter(|a| a.consent_at.is_some()).map(|a| a.username.clone()).collect();
        let sha = document_sha256(&doc.text);
        let at = cst(now);
        let today = today.max(state.last_on);
        let (delivered, outcome) = if consenting.is_empty() {
            let why = if accounts.is_empty() {
                format!("{} 未开通诉讼服务账户", p.name)
            } else {
                format!("{} 未确认电子送达地址", p.name)
            };
            (false, ServiceOutcome::FellBack(why))
        } else {
            (true, ServiceOutcome::Delivered(consenting))
        };
        let event = Event {
            on: today,
            kind: EventKind::ServiceAttempted {
                channel: ServiceChannel::Electronic,
                delivered,
                document: Some(sha),
                receipt_at: delivered.then_some(at),
                party: Some(p.name.clone()),
            },
        };
        let detail = match &outcome {
            ServiceOutcome::Delivered(to) => format!("电子送达第 {number} 份文书至 {}", to.join("、")),
            ServiceOutcome::FellBack(why) => format!("电子送达第 {number} 份文书未成功：{why}"),
        };
        self.append_event(case_no, event, today, Some((by, &detail))).await?;
        Ok(outcome)
    }

    /// The account opens a document served to it: the first opening is recorded
    /// (`service_viewed`); the document's text is returned, and whether this opening was the
    /// first (a new entry was written).
    pub async fn open_served(
        &self,
        who: &PortalAccount,
        case_no: &str,
        sha256: &str,
        now: DateTime<chrono::Utc>,
        today: chrono::NaiveDate,
    ) -> Result<(Served, String, bool), AppError> {
        let view = self.portal_case(who, case_no).await?;
        let served = view
            .served
            .iter()
            .find(|s| s.sha256 == sha256)
            .cloned()
            .ok_or_else(|| AppError::NotFound(format!("文书 {sha256}")))?;
        let text = view
            .state
            .documents()
            .into_iter()
            .find(|d| document_sha256(&d.text) == sha256)
            .map(|d| d.text)
            .ok_or_else(|| AppError::NotFound(format!("文书 {sha256}")))?;
        if served.viewed.is_some() {
            return Ok((served, text, false));
        }
        let at = cst(now);
        let today = today.max(view.state.last_on);
        let event = Event {
            on: today,
            kind: EventKind::ServiceViewed { document: sha256.to_owned(), viewed_at: at, party: served.party.clone() },
        };
        let n = view.state.record.case_no.clone();
        self.append_event(&n, event, today, Some((&who.account, "查阅电子送达文书"))).await?;
        let seq = u32::try_from(view.state.events.len() + 1).unwrap_or(u32::MAX);
        Ok((Served { viewed: Some((at, seq)), ..served }, text, true))
    }

    /// Stores evidence the party submits on their case, marked as theirs ([`PARTY_METHOD`]),
    /// and returns it with its verification bundle: the inclusion proof against a signed
    /// checkpoint is the party's receipt.
    pub async fn submit_party_evidence(
        &self,
        who: &PortalAccount,
        case_no: &str,
        name: String,
        media_type: String,
        content: Vec<u8>,
        signer: &docket_tlog::SignerKey,
    ) -> Result<(docket_store::EvidenceRow, docket_tlog::Bundle), AppError> {
        let view = self.portal_case(who, case_no).await?;
        let n = view.state.record.case_no.clone();
        let as_party: Vec<&str> =
            view.mine.iter().filter_map(|i| view.state.record.parties.get(*i)).map(|p| p.name.as_str()).collect();
        let source = match who.account.role {
            Role::Lawyer => format!("{}（代理人 {}）提交", as_party.join("、"), who.account.name),
            _ => format!("{}提交", as_party.join("、")),
        };
        let upload = crate::EvidenceUpload {
            case_no: n.to_string(),
            name,
            media_type,
            source,
            method: PARTY_METHOD.to_owned(),
            content,
        };
        let row = self.add_evidence(n.court().as_str(), upload, &who.account.username, Some(&who.account)).await?;
        let bundle = self.evidence_bundle(&row.court, &row.case_no, row.number, signer).await?;
        Ok((row, bundle))
    }

    /// Of these cases, those with electronic service that failed and was not followed by
    /// service another way (待邮寄送达), each with what waits.
    pub async fn awaiting_post(
        &self,
        rows: Vec<StoredCase>,
    ) -> Result<Vec<(StoredCase, Vec<portal::AwaitingPost>)>, AppError> {
        let mut out = Vec::new();
        for row in rows {
            let Some((state, _)) = crate::replay::replay_case(&self.store, &row.case_no).await? else { continue };
            let waiting = portal::awaiting_post(&state);
            if !waiting.is_empty() {
                out.push((row, waiting));
            }
        }
        Ok(out)
    }

    /// Records the 送达地址确认书: electronic service to the account, and the postal address to
    /// fall back to; or withdraws it.
    pub async fn set_eservice_consent(
        &self,
        who: &PortalAccount,
        consent: bool,
        address: Option<String>,
    ) -> Result<(), AppError> {
        let address = address.map(|a| a.trim().to_owned()).filter(|a| !a.is_empty());
        if address.as_ref().is_some_and(|a| a.chars().count() > 200) {
            return Err(AppError::Fields(vec![FieldError::new("address", "地址不超过 200 字")]));
        }
        let (action, at) = if consent { ("eservice_consent", Some(now_stamp())) } else { ("eservice_withdrawn", None) };
        let audit = audit_by(&who.account, action, &who.account.username, address.as_deref().unwrap_or(""));
        self.store.set_portal_consent(&who.account.username, at, address, audit).await?;
        Ok(())
    }

    /// Turns the second factor on with `secret` once `code` proves the holder's app has it, or
    /// off (`secret` none).
    pub async fn set_totp(
        &self,
        who: &PortalAccount,
        secret: Option<&[u8]>,
        code: &str,
        now: i64,
    ) -> Result<(), AppError> {
        let stored = match secret {
            Some(s) => {
                if crate::totp::verify(s, code, u64::try_from(now).unwrap_or(0)).is_none() {
                    return Err(AppError::Fields(vec![FieldError::new(
                        "code",
                        "动态口令不正确，请核对手机时间后重试",
                    )]));
                }
                Some(crate::totp::base32(s))
            }
            None => None,
        };
        let action = if stored.is_some() { "totp_on" } else { "totp_off" };
        let audit = audit_by(&who.account, action, &who.account.username, "");
        self.store.set_totp_secret(&who.account.username, stored, audit).await?;
        Ok(())
    }
}
