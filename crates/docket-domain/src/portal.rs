//! The portal's rule (诉讼服务): which cases a party's or a lawyer's account reaches, and what it
//! is shown of the parties there.
//!
//! A party (当事人) is linked to a case by a verified ID number or credit code equal to one of its
//! parties'; a lawyer (律师) by the licence number (执业证号) the case records on a party's agent.
//! The account stands for those parties and no other. It never sees another party's ID number,
//! address or telephone; on a sealed case (不公开审理) it does not see the other parties' names
//! either. Staff pages are closed to it whatever the case (`access::Principal::can_read`).

use chrono::NaiveDate;

use crate::case::{AgentKind, Party, PartyRole};
use crate::event::{EventKind, ServiceChannel};
use crate::lifecycle::CaseState;

/// The SHA-256 of a document's text (UTF-8), in lowercase hex: what electronic service records
/// as `document` and what the party's receipt names.
pub fn document_sha256(text: &str) -> String {
    use sha2::{Digest, Sha256};
    crate::chain::hex(&Sha256::digest(text.as_bytes()))
}

/// How a portal account is linked to cases, as verified when the account was opened.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Link {
    /// A party's 身份证号 or 统一社会信用代码, upper-case.
    Identity(String),
    /// A lawyer's 执业证号.
    Licence(String),
}

impl Link {
    /// The key the store indexes cases by: `id:` and the number, or `licence:` and the licence.
    pub fn key(&self) -> String {
        match self {
            Link::Identity(n) => format!("id:{}", n.trim().to_ascii_uppercase()),
            Link::Licence(l) => format!("licence:{}", l.trim()),
        }
    }

    /// The keys a case's parties are found by: each party's identity number, each lawyer agent's
    /// licence, with the index of the party.
    pub fn keys_of(parties: &[Party]) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        for (i, p) in parties.iter().enumerate() {
            if let Some(id) = &p.id {
                out.push((Link::Identity(id.number().to_owned()).key(), i));
            }
            for a in p.agents.iter().filter(|a| a.kind == AgentKind::Lawyer) {
                if let Some(l) = a.licence_no.as_deref().filter(|l| !l.trim().is_empty()) {
                    out.push((Link::Licence(l.to_owned()).key(), i));
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

/// Whether the link reaches any of these parties (a quick test, without allocating: lists of
/// many records ask it of each).
pub fn reaches(link: &Link, parties: &[Party]) -> bool {
    parties.iter().any(|p| match link {
        Link::Identity(n) => p.id.as_ref().is_some_and(|id| id.number().eq_ignore_ascii_case(n.trim())),
        Link::Licence(l) => p
            .agents
            .iter()
            .any(|a| a.kind == AgentKind::Lawyer && a.licence_no.as_deref().is_some_and(|x| x.trim() == l.trim())),
    })
}

/// The parties of a case the account stands for (their indexes), empty when the case is not
/// its.
pub fn standing(link: &Link, parties: &[Party]) -> Vec<usize> {
    let key = link.key();
    let mut found: Vec<usize> = Link::keys_of(parties).into_iter().filter(|(k, _)| *k == key).map(|(_, i)| i).collect();
    found.dedup();
    found
}

/// A party as the portal shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub role: PartyRole,
    /// The name, or 「不公开」 for another party of a sealed case.
    pub name: String,
    /// Whether the account stands for this party.
    pub mine: bool,
    /// The party's lawyers' names (their own parties' only on a sealed case).
    pub agents: Vec<String>,
}

/// The parties of a case as the account is shown them: no ID number, address or telephone of
/// anyone (the account knows its own); on a sealed case, nothing of the others but their role.
pub fn shown(parties: &[Party], mine: &[usize], sealed: bool) -> Vec<Shown> {
    parties
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let own = mine.contains(&i);
            let open = own || !sealed;
            Shown {
                role: p.role,
                name: if open { p.name.clone() } else { "不公开".to_owned() },
                mine: own,
                agents: if open { p.agents.iter().map(|a| a.name.clone()).collect() } else { Vec::new() },
            }
        })
        .collect()
}

/// An electronic service that failed and was not followed by service that reached the party
/// another way (邮寄, 直接送达, 公告): the case waits in the 书记员's 待邮寄送达 queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwaitingPost {
    pub failed_on: NaiveDate,
    /// The party it was for (none: the case's service, without a party named).
    pub party: Option<String>,
}

/// The failed electronic services of a case still waiting for another way of service: a later
/// delivered service to the same party (or, for one naming no party, any later delivered
/// service) answers one.
pub fn awaiting_post(state: &CaseState) -> Vec<AwaitingPost> {
    let mut waiting: Vec<AwaitingPost> = Vec::new();
    for e in &state.events {
        if let EventKind::ServiceAttempted { channel, delivered, party, .. } = &e.kind {
            if *delivered {
                waiting.retain(|w| w.party.is_some() && party.is_some() && w.party != *party);
            } else if *channel == ServiceChannel::Electronic && !waiting.iter().any(|w| w.party == *party) {
                waiting.push(AwaitingPost { failed_on: e.on, party: party.clone() });
            }
        }
    }
    waiting
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{Agent, PartyId, PartyKind};

    fn party(role: PartyRole, name: &str, id: Option<&str>, licence: Option<&str>) -> Party {
        Party {
            role,
            kind: PartyKind::Person,
            name: name.into(),
            id: id.map(|n| PartyId::parse(crate::case::IdType::ResidentId, n).unwrap()),
            org_type: None,
            address: Some("内蒙古自治区包头市昆都仑区某街1号".into()),
            phone: Some("13800000000".into()),
            agents: licence
                .map(|l| vec![Agent { name: "李律师".into(), kind: AgentKind::Lawyer, licence_no: Some(l.into()) }])
                .unwrap_or_default(),
        }
    }

    #[test]
    fn a_party_stands_for_the_parties_with_their_number_and_a_lawyer_for_those_they_act_for() {
        let parties = [
            party(PartyRole::Plaintiff, "张三", Some("150203199001011232"), Some("11502201810012345")),
            party(PartyRole::Defendant, "李四", Some("150203198001011238"), None),
        ];
        assert_eq!(standing(&Link::Identity("150203199001011232".into()), &parties), vec![0]);
        assert_eq!(standing(&Link::Identity("150203198001011238".into()), &parties), vec![1]);
        assert_eq!(standing(&Link::Licence("11502201810012345".into()), &parties), vec![0]);
        assert!(standing(&Link::Identity("11502201810012345".into()), &parties).is_empty(), "a licence is no ID");
        assert!(standing(&Link::Licence("150203199001011232".into()), &parties).is_empty(), "an ID is no licence");
        assert!(standing(&Link::Identity("150203199001011240".into()), &parties).is_empty());
        // The quick test agrees.
        for link in [
            Link::Identity("150203199001011232".into()),
            Link::Identity("150203198001011238".into()),
            Link::Licence("11502201810012345".into()),
            Link::Identity("11502201810012345".into()),
            Link::Licence("150203199001011232".into()),
        ] {
            assert_eq!(reaches(&link, &parties), !standing(&link, &parties).is_empty(), "{link:?}");
        }
    }

    #[test]
    fn a_citizen_agent_links_no_lawyer_account() {
        let mut p = party(PartyRole::Plaintiff, "张三", None, None);
        p.agents.push(Agent { name: "王五".into(), kind: AgentKind::Citizen, licence_no: Some("X1".into()) });
        assert!(standing(&Link::Licence("X1".into()), &[p]).is_empty());
    }

    #[test]
    fn a_failed_electronic_service_waits_until_the_party_is_served_another_way() {
        use crate::event::Event;
        let parties = vec![
            party(PartyRole::Plaintiff, "张三", Some("150203199001011232"), None),
            party(PartyRole::Defendant, "李四", None, None),
        ];
        let record = crate::case::CaseRecord {
            court: crate::CourtCode::parse("内0203").unwrap(),
            case_no: crate::CaseNumber::parse("（2025）内0203民初1号").unwrap(),
            procedure: crate::Procedure::Simple,
            cause: "民间借贷纠纷".into(),
            received_on: None,
            filed_on: "2025-03-01".parse().unwrap(),
            online: true,
            claim_amount: None,
            tags: vec![],
            origin: None,
            sealed: false,
            possible_sentence_months: None,
            parties,
        };
        let mut state = CaseState::filed(record);
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let service = |on: &str, channel, delivered, party: Option<&str>| Event {
            on: d(on),
            kind: EventKind::ServiceAttempted {
                channel,
                delivered,
                document: None,
                receipt_at: None,
                party: party.map(str::to_owned),
            },
        };
        state.apply(service("2025-03-10", ServiceChannel::Electronic, false, Some("李四"))).unwrap();
        state.apply(service("2025-03-10", ServiceChannel::Electronic, false, Some("张三"))).unwrap();
        assert_eq!(awaiting_post(&state).len(), 2);
        // A post that failed answers nothing; one that reached 李四 answers 李四's only.
        state.apply(service("2025-03-12", ServiceChannel::Post, false, Some("李四"))).unwrap();
        assert_eq!(awaiting_post(&state).len(), 2);
        state.apply(service("2025-03-14", ServiceChannel::Post, true, Some("李四"))).unwrap();
        assert_eq!(
            awaiting_post(&state),
            vec![AwaitingPost { failed_on: d("2025-03-10"), party: Some("张三".into()) }]
        );
        // A delivered service naming no party answers every waiting one.
        state.apply(service("2025-03-15", ServiceChannel::Direct, true, None)).unwrap();
        assert!(awaiting_post(&state).is_empty());
    }

    #[test]
    fn on_a_sealed_case_the_other_parties_are_not_named() {
        let parties = [
            party(PartyRole::Plaintiff, "张三", Some("150203199001011232"), None),
            party(PartyRole::Defendant, "李四", None, Some("L2")),
        ];
        let open = shown(&parties, &[0], false);
        assert_eq!(open[1].name, "李四");
        assert_eq!(open[1].agents, vec!["李律师".to_owned()]);
        let sealed = shown(&parties, &[0], true);
        assert_eq!(sealed[0].name, "张三");
        assert!(sealed[0].mine && !sealed[1].mine);
        assert_eq!(sealed[1].name, "不公开");
        assert!(sealed[1].agents.is_empty());
    }
}
