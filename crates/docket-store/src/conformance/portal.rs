//! Conformance stories of the portal's tables: accounts with their link, consent and second
//! factor, and the cases a link reaches, kept with the parties through a rebuild.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::LinkedCase;
use crate::portal::PortalAccountRow;

fn person(name: &str, id: &str, licence: Option<&str>) -> Party {
    Party {
        role: PartyRole::Plaintiff,
        kind: PartyKind::Person,
        name: name.into(),
        id: Some(docket_domain::PartyId::parse(docket_domain::IdType::ResidentId, id).unwrap()),
        org_type: None,
        address: None,
        phone: None,
        agents: licence
            .map(|l| {
                vec![docket_domain::Agent {
                    name: "王律师".into(),
                    kind: docket_domain::AgentKind::Lawyer,
                    licence_no: Some(l.into()),
                }]
            })
            .unwrap_or_default(),
    }
}

/// A party's ID number reaches every case naming them, in any court; a lawyer's licence the
/// cases where a party they act for has them as agent, with that party's index; a rebuild keeps
/// exactly the links of the states given.
pub async fn a_link_reaches_the_cases_of_its_party_or_lawyer<S: Store>(store: S) {
    let zhang = person("张三", "150203199001011232", None);
    let mut li = person("李四", "150203198001011238", Some("11502201810012345"));
    li.role = PartyRole::Defendant;
    let with = |court: &str, seq: u32, parties: Vec<Party>| {
        let mut s = sample_case(court, seq);
        s.record.parties = parties;
        s
    };
    let a = with("内0203", 41, vec![zhang.clone(), li.clone()]);
    let b = with("内0204", 42, vec![zhang.clone()]);
    for s in [&a, &b] {
        store.commit(filing_batch(s), &NoProgress).await.unwrap();
    }
    let cases = |rows: Vec<LinkedCase>| rows.into_iter().map(|r| (r.case_no, r.party_idx)).collect::<Vec<_>>();
    assert_eq!(
        cases(store.linked_cases("id:150203199001011232").await.unwrap()),
        [("（2025）内0203民初41号".to_owned(), 0), ("（2025）内0204民初42号".to_owned(), 0)]
    );
    assert_eq!(
        cases(store.linked_cases("licence:11502201810012345").await.unwrap()),
        [("（2025）内0203民初41号".to_owned(), 1)]
    );
    assert!(store.linked_cases("id:11502201810012345").await.unwrap().is_empty());
    // A rebuild writes the links of exactly the states given.
    store.replace_case_projections(vec![b.clone()]).await.unwrap();
    assert_eq!(cases(store.linked_cases("id:150203199001011232").await.unwrap()).len(), 1);
    assert!(store.linked_cases("licence:11502201810012345").await.unwrap().is_empty());
}

/// A portal account is stored with its accounts row in one transaction; its consent, its
/// address and its second factor are changed with an audit line each; the accounts of a case's
/// links are found, a disabled one not.
pub async fn portal_accounts_read_back_with_their_link_consent_and_second_factor<S: Store>(store: S) {
    two_courts(&store).await;
    let row = |username: &str, link: &str| {
        let mut account = account_named(username, "内0203");
        account.role = docket_domain::Role::Party;
        let portal = PortalAccountRow {
            username: username.into(),
            link: link.into(),
            consent_at: None,
            address: None,
            totp_secret: None,
        };
        (account, portal)
    };
    store
        .add_portal_accounts(
            vec![row("p1", "id:150203199001011232"), row("p2", "licence:11502201810012345")],
            vec![audit_line("admin", "add_user")],
        )
        .await
        .unwrap();
    assert_eq!(store.account("p1").await.unwrap().unwrap().role, docket_domain::Role::Party);
    let p1 = store.portal_account("p1").await.unwrap().unwrap();
    assert_eq!(p1.link, "id:150203199001011232");
    assert!(p1.consent_at.is_none() && p1.totp_secret.is_none());
    assert!(store.portal_account("nobody").await.unwrap().is_none());

    store
        .set_portal_consent(
            "p1",
            Some("2025-05-01T02:00:00Z".into()),
            Some("包头市昆都仑区某街1号".into()),
            audit_line("p1", "eservice_consent"),
        )
        .await
        .unwrap();
    store.set_totp_secret("p1", Some("JBSWY3DPEHPK3PXP".into()), audit_line("p1", "totp_on")).await.unwrap();
    let p1 = store.portal_account("p1").await.unwrap().unwrap();
    assert_eq!(p1.consent_at.as_deref(), Some("2025-05-01T02:00:00Z"));
    assert_eq!(p1.address.as_deref(), Some("包头市昆都仑区某街1号"));
    assert_eq!(p1.totp_secret.as_deref(), Some("JBSWY3DPEHPK3PXP"));
    assert!(store.set_totp_secret("nobody", None, audit_line("x", "totp_off")).await.is_err());

    let linked = |rows: Vec<PortalAccountRow>| rows.into_iter().map(|r| r.username).collect::<Vec<_>>();
    let links = ["id:150203199001011232".to_owned(), "licence:11502201810012345".to_owned()];
    assert_eq!(linked(store.portal_accounts_linked(&links).await.unwrap()), ["p1", "p2"]);
    store.set_disabled("p2", true, audit_line("admin", "disable_user")).await.unwrap();
    assert_eq!(linked(store.portal_accounts_linked(&links).await.unwrap()), ["p1"]);
    assert!(store.portal_accounts_linked(&[]).await.unwrap().is_empty());
    let actions: Vec<String> = store.audit_log("内0203", 50).await.unwrap().into_iter().map(|a| a.action).collect();
    for a in ["add_user", "eservice_consent", "totp_on"] {
        assert!(actions.iter().any(|x| x == a), "{a} audited: {actions:?}");
    }
}

/// 待邮寄送达's candidates: open cases whose latest electronic service failed — not one that
/// reached the party, not a closed case.
pub async fn the_cases_whose_last_electronic_service_failed_are_read<S: Store>(store: S) {
    let service = |on: &str, delivered: bool| Event {
        on: date(on),
        kind: EventKind::ServiceAttempted {
            channel: docket_domain::ServiceChannel::Electronic,
            delivered,
            document: None,
            receipt_at: None,
            party: None,
        },
    };
    let mut failed = sample_case("内0203", 51);
    failed.apply(service("2025-03-10", true)).unwrap();
    failed.apply(service("2025-03-11", false)).unwrap();
    let mut reached = sample_case("内0203", 52);
    reached.apply(service("2025-03-10", false)).unwrap();
    reached.apply(service("2025-03-11", true)).unwrap();
    let mut closed = sample_case("内0203", 53);
    closed.apply(service("2025-03-10", false)).unwrap();
    closed
        .apply(Event {
            on: date("2025-03-20"),
            kind: EventKind::Closed { method: docket_domain::CloseMethod::Withdrawal, outcome: None },
        })
        .unwrap();
    let other_court = {
        let mut s = sample_case("内0204", 54);
        s.apply(service("2025-03-10", false)).unwrap();
        s
    };
    for s in [&failed, &reached, &closed, &other_court] {
        store.commit(filing_batch(s), &NoProgress).await.unwrap();
    }
    let found: Vec<String> = store
        .failed_eservice_cases(&["内0203".to_owned()])
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.case_no.to_string())
        .collect();
    assert_eq!(found, ["（2025）内0203民初51号"]);
    assert!(store.failed_eservice_cases(&[]).await.unwrap().is_empty());
}
