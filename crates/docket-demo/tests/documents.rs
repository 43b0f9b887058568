//! The anonymiser over every document the demo generates: nothing the record holds about a
//! natural person survives publication — ID number, phone, address beyond the county — and every
//! party of a §8 role (法释〔2016〕19号: family and inheritance disputes, victims, minors) appears
//! only as a 某-form, while organisation names and agents' names remain.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};
use docket_demo::{Config, generate};
use docket_domain::publication::{Profile, anonymise, pseudonym};
use docket_domain::{CaseState, Category, PartyKind, PartyRole};
use docket_interchange::Record;

/// The §8 roles restated from PUBLICATION.md, apart from the anonymiser's own rule.
fn hidden_by_section_8(state: &CaseState, role: PartyRole, kind: PartyKind, birth: Option<NaiveDate>) -> bool {
    let r = &state.record;
    kind == PartyKind::Person
        && (["婚姻", "离婚", "抚养", "扶养", "赡养", "继承", "收养", "监护"].iter().any(|w| r.cause.contains(w))
            || (r.case_type().category == Category::Criminal && role == PartyRole::Victim)
            || birth.is_some_and(|b| b.checked_add_months(Months::new(216)).is_some_and(|a| a > r.filed_on)))
}

#[test]
fn no_identifying_detail_the_record_holds_survives_in_any_generated_document() {
    let cfg =
        Config { seed: 5, cases: 6000, until: NaiveDate::from_ymd_opt(2026, 10, 31).unwrap(), ..Config::default() };
    let mut states: BTreeMap<String, CaseState> = BTreeMap::new();
    for r in generate(&cfg) {
        match r {
            Record::Case(c) => {
                states.insert(c.case_no.to_string(), CaseState::filed(c));
            }
            Record::Event(e) => {
                let s = states.get_mut(&e.case_no.to_string()).expect("events follow their case");
                s.apply(e.event).expect("the demo's histories are valid");
            }
            _ => {}
        }
    }
    let (mut documents, mut checked, mut hidden_parties, mut ids, mut phones, mut addresses) = (0, 0, 0, 0, 0, 0);
    for state in states.values() {
        for doc in state.documents() {
            documents += 1;
            let out = anonymise(&doc.text, &state.record, Profile::Rules2016, &[]);
            let t = &out.text;
            for p in &state.record.parties {
                if p.kind == PartyKind::Person {
                    if let Some(id) = &p.id
                        && doc.text.contains(id.number())
                    {
                        ids += 1;
                        assert!(!t.contains(id.number()), "{}: ID of {} survives", state.record.case_no, p.name);
                    }
                    if let Some(ph) = &p.phone
                        && doc.text.contains(ph.as_str())
                    {
                        phones += 1;
                        assert!(!t.contains(ph.as_str()), "{}: phone survives", state.record.case_no);
                    }
                    if let Some(a) = &p.address
                        && doc.text.contains(a.as_str())
                    {
                        addresses += 1;
                        assert!(!t.contains(a.as_str()), "{}: address survives", state.record.case_no);
                    }
                }
                let birth = p.id.as_ref().and_then(|i| i.birth_date());
                if hidden_by_section_8(state, p.role, p.kind, birth) && doc.text.contains(&p.name) {
                    hidden_parties += 1;
                    // The name is gone, except inside a name §11 keeps (an agent's or a firm's).
                    let mut rest = t.clone();
                    for q in &state.record.parties {
                        if q.kind == PartyKind::Organization || q.name != p.name {
                            rest = rest.replace(&q.name, "");
                        }
                        for a in &q.agents {
                            rest = rest.replace(&a.name, "");
                        }
                    }
                    assert!(!rest.contains(&p.name), "{}: {} survives in\n{t}", state.record.case_no, p.name);
                    assert!(t.contains(&pseudonym(&p.name)), "{}: no 某-form for {}", state.record.case_no, p.name);
                } else if doc.text.contains(&p.name) && p.kind == PartyKind::Organization {
                    assert!(t.contains(&p.name), "{}: organisation {} removed", state.record.case_no, p.name);
                }
                for a in p.agents.iter().filter(|a| doc.text.contains(&a.name)) {
                    assert!(t.contains(&a.name), "{}: agent {} removed", state.record.case_no, a.name);
                }
                checked += 1;
            }
            // Bank cards the facts cite (帮助信息网络犯罪活动) are not in the record: the pattern takes them.
            for w in t.as_bytes().windows(6) {
                assert!(w != b"622202", "{}: a bank card survives", state.record.case_no);
            }
        }
    }
    eprintln!(
        "{documents} documents, {checked} party checks: {ids} ID numbers, {phones} phones, {addresses} addresses, {hidden_parties} §8 parties"
    );
    assert!(documents > 2000, "{documents}");
    assert!(ids > 1000 && phones > 1000 && addresses > 1000 && hidden_parties > 100);
}
