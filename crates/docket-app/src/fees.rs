//! 诉讼费 from a stored case: the same account `FeeAccount::of` keeps from the events, read from
//! the facts the projection keeps (payments, refunds, relief, conversions), for lists that cannot
//! replay every case.

use docket_domain::fee::{FeeAccount, FeeCase, FeeEvent, FeeSchedule};
use docket_store::{EnforcementFact, StoredCase};

/// The fee account of a stored case.
pub fn fee_account(row: &StoredCase, schedule: &FeeSchedule) -> FeeAccount {
    let c = FeeCase {
        case_type: row.case_type(),
        procedure: row.procedure,
        cause: &row.cause,
        claim: row.claim,
        closing: row.close_method,
        labor: row.tags.iter().any(|t| t.as_str() == "labor"),
    };
    let events = row.enforcement.iter().filter_map(|f| match &f.fact {
        EnforcementFact::FeePaid(_, a) => Some(FeeEvent::Paid(*a)),
        EnforcementFact::Refund(_, a) => Some(FeeEvent::Refunded(*a)),
        EnforcementFact::Relief(r, a) => Some(FeeEvent::Relief(*r, *a)),
        EnforcementFact::Converted => Some(FeeEvent::Converted(f.on)),
        _ => None,
    });
    FeeAccount::from_events(schedule, &c, row.filed_on, row.closed_on.zip(row.close_method), events)
}

#[cfg(test)]
mod tests {
    use super::*;
    use docket_domain::{Amount, CaseState, CloseMethod, Event, EventKind, Procedure};

    #[test]
    fn the_stored_facts_give_the_account_the_events_give() {
        let mut s = docket_store::conformance::sample_case("内0203", 1);
        s.record.procedure = Procedure::Simple;
        s.record.claim_amount = Amount::from_yuan_str("100000").ok();
        let mut s = CaseState::filed(s.record);
        let on = |d: &str| d.parse().unwrap();
        for (d, kind) in [
            ("2025-03-05", EventKind::FeePaid { amount: Amount::yuan(1150), online: true, reference: None }),
            ("2025-04-01", EventKind::ProcedureChanged { procedure: Procedure::Ordinary }),
            ("2025-04-03", EventKind::FeePaid { amount: Amount::yuan(1150), online: false, reference: None }),
            ("2025-05-06", EventKind::Closed { method: CloseMethod::Mediation, outcome: None }),
            ("2025-05-12", EventKind::FeeRefunded { amount: Amount::yuan(500), online: false }),
        ] {
            s.apply(Event { on: on(d), kind }).unwrap();
        }
        let schedule = FeeSchedule::default();
        let row = StoredCase::from_state(&s);
        let stored = fee_account(&row, &schedule);
        assert_eq!(stored, FeeAccount::of(&schedule, &s));
        assert_eq!((stored.refund_due.to_string(), stored.refund_by), ("650.00".to_owned(), Some(on("2025-05-21"))));
    }
}
