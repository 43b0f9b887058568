//! 诉源治理 and 诉讼费 of the demo's cases, from a stream of their own so the cases stay as they
//! were: each 诉前调解 referred (委派) to one of its court's four mediation organisations the day
//! it is received or soon after — the more successful organisations taking more of the cases that
//! settle, as a court's referrals learn — about one 民初 in twelve entrusted (委托) after filing;
//! 司法确认 decided on the 民特 confirmations (about 93% confirmed); the fee of each case that
//! pays one in advance paid within its seven days (online about two times in three), a top-up
//! after a conversion to the ordinary procedure, and what a mediation, withdrawal or dismissal
//! halves or frees refunded after the document takes effect — most within the 15 days of
//! 诉讼费用交纳办法 §53, about one in seven late.

use chrono::{Days, NaiveDate};
use docket_domain::fee::{FeeCase, FeeSchedule, effective_on};
use docket_domain::{Amount, CaseType, CloseMethod, EventKind, MediationMode, Procedure, Relief};

use crate::{Generator, Plan};

/// The codes of the mediation organisations every basic court keeps (see `management`).
pub(crate) const ORGS: [&str; 4] = ["M01", "M02", "M03", "M04"];

/// Each organisation's mediators on the court's roll (特邀调解员).
pub(crate) const MEDIATORS: [[&str; 2]; 4] =
    [["王建国", "刘玉梅"], ["李秀兰", "陈志强"], ["张海峰", "杨淑珍"], ["赵德明", "黄丽华"]];

impl Generator<'_> {
    pub(crate) fn mediation_and_fees(
        &mut self,
        p: &Plan,
        method: CloseMethod,
        close_day: NaiveDate,
        ev: &mut Vec<(NaiveDate, u8, EventKind)>,
    ) {
        let r = &mut self.fees;
        let at = |d: u64| p.filed_on + Days::new(d);
        match p.type_code {
            "民诉前调" => {
                let weights: [u32; 4] =
                    if method == CloseMethod::PremediationAgreement { [35, 30, 20, 15] } else { [15, 20, 30, 35] };
                let k = *r.weighted(&[(0usize, weights[0]), (1, weights[1]), (2, weights[2]), (3, weights[3])]);
                let on = at(r.range(0, 3) as u64).min(close_day);
                let mediator = Some(MEDIATORS[k][r.below(2) as usize].to_owned());
                ev.push((
                    on,
                    1,
                    EventKind::MediationDelegated { org: ORGS[k].into(), mediator, mode: MediationMode::Delegated },
                ));
            }
            "民初" if r.chance(1.0 / 12.0) => {
                let on = at(r.range(5, 20) as u64);
                if on < close_day {
                    let org = *r.pick(&ORGS);
                    ev.push((
                        on,
                        1,
                        EventKind::MediationDelegated {
                            org: org.into(),
                            mediator: None,
                            mode: MediationMode::Entrusted,
                        },
                    ));
                }
            }
            "民特" | "诉前调确" if method == CloseMethod::Ruling => {
                ev.push((close_day, 11, EventKind::ConfirmationDecided { confirmed: r.chance(0.93) }));
            }
            _ => {}
        }
        // The fee: assessed as filed, paid within seven days (or deferred), topped up after a
        // conversion, refunded after the closing's document takes effect.
        let Some(case_type) = CaseType::lookup(p.type_code) else { return };
        let schedule = FeeSchedule::default();
        let fee = |procedure: Procedure, closing: Option<CloseMethod>| {
            schedule.assess(&FeeCase { case_type, procedure, cause: &p.cause, claim: p.claim, closing, labor: false })
        };
        let filed = fee(p.procedure, None);
        if !filed.prepaid || filed.total.fen() == 0 {
            return;
        }
        let online = |r: &mut crate::Rng| r.chance(0.65);
        let plaintiff_person = p.parties.first().is_some_and(|x| x.kind == docket_domain::PartyKind::Person);
        let mut held = 0i64;
        if plaintiff_person && r.chance(0.03) {
            ev.push((at(0), 1, EventKind::FeeRelief { relief: Relief::Defer, amount: None }));
        } else {
            let on = at(r.range(0, 6) as u64).min(close_day);
            ev.push((on, 1, EventKind::FeePaid { amount: filed.total, online: online(r), reference: None }));
            held = filed.total.fen();
        }
        let converted = ev.iter().find_map(|(d, _, k)| match k {
            EventKind::ProcedureChanged { procedure } => Some((*d, *procedure)),
            _ => None,
        });
        let mut procedure = p.procedure;
        if let Some((on, to)) = converted {
            procedure = to;
            let full = fee(to, None).total.fen();
            if held > 0 && full > held {
                let top = Amount::from_fen(full - held).unwrap_or(Amount::ZERO);
                ev.push((
                    (on + Days::new(r.range(1, 6) as u64)).min(close_day),
                    12,
                    EventKind::FeePaid { amount: top, online: online(r), reference: None },
                ));
                held = full;
            }
        }
        let due = fee(procedure, Some(method)).total.fen();
        if held > due {
            let effective = effective_on(case_type.stage, method, close_day);
            let late = r.chance(1.0 / 7.0);
            let days = if late { r.range(16, 45) } else { r.range(2, 14) };
            let back = Amount::from_fen(held - due).unwrap_or(Amount::ZERO);
            ev.push((
                effective + Days::new(days as u64),
                14,
                EventKind::FeeRefunded { amount: back, online: online(r) },
            ));
        }
    }
}
