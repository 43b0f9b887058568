//! A case's fee account: the assessment of its current state, what was paid, relieved and
//! refunded, what is owed and by when, and what is due back and by when.

use chrono::{Days, NaiveDate};

use super::{Assessment, FeeCase, FeeSchedule};
use crate::amount::Amount;
use crate::case_type::Stage;
use crate::event::{CloseMethod, EventKind, Relief};
use crate::lifecycle::CaseState;

/// A fee event, as [`FeeAccount`] reads it: from a case's events, or from the facts a stored
/// projection keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeeEvent {
    Paid(Amount),
    Relief(Relief, Option<Amount>),
    Refunded(Amount),
    /// 程序转换 on this day: a top-up is due seven days after (民诉法解释 §199).
    Converted(NaiveDate),
}

impl FeeEvent {
    /// The fee event an event is, if any.
    pub fn of(e: &crate::Event) -> Option<Self> {
        Some(match &e.kind {
            EventKind::FeePaid { amount, .. } => Self::Paid(*amount),
            EventKind::FeeRefunded { amount, .. } => Self::Refunded(*amount),
            EventKind::FeeRelief { relief, amount } => Self::Relief(*relief, *amount),
            EventKind::ProcedureChanged { .. } => Self::Converted(e.on),
            _ => return None,
        })
    }
}

/// Days to pay after the notice (诉讼费用交纳办法 §22; 民诉法解释 §199 for the top-up after a
/// conversion to the ordinary procedure).
pub const PAY_DAYS: u64 = 7;
/// Days to refund after the document takes effect (诉讼费用交纳办法 §53).
pub const REFUND_DAYS: u64 = 15;

/// A case's fee as of its current state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeAccount {
    pub assessment: Assessment,
    /// Paid in (预交, 补交).
    pub paid: Amount,
    pub refunded: Amount,
    /// The latest 司法救助 granted, with the amount reduced.
    pub relief: Option<(Relief, Option<Amount>)>,
    /// What the case must pay: the assessment less relief.
    pub due: Amount,
    /// What is owed now, and the day it is owed by (None when deferred or paid after the event).
    pub owed: Amount,
    pub pay_by: Option<NaiveDate>,
    /// Why the deadline runs from where it does.
    pub pay_basis: &'static str,
    /// Paid beyond what is due, once the case has closed, and the day it must be back by.
    pub refund_due: Amount,
    pub refund_by: Option<NaiveDate>,
}

fn sub(a: Amount, b: Amount) -> Amount {
    Amount::from_fen(a.fen().saturating_sub(b.fen())).unwrap_or(Amount::ZERO)
}

fn add(a: Amount, b: Amount) -> Amount {
    a.checked_add(b).unwrap_or(a)
}

/// The day a closing's document takes effect (生效), for the 15 days of §53: a mediation, a
/// withdrawal and any second-instance or final decision at once; a first-instance judgment after
/// its 15-day appeal period, a ruling after its 10 days (民诉法 §171), counted from the closing.
pub fn effective_on(stage: Stage, method: CloseMethod, closed_on: NaiveDate) -> NaiveDate {
    let appealable = stage == Stage::FirstInstance;
    let days = match method {
        CloseMethod::Judgment if appealable => 15,
        CloseMethod::Ruling | CloseMethod::Dismissal if appealable => 10,
        _ => 0,
    };
    closed_on + Days::new(days)
}

/// The last day to refund a fee on a case closed this way (诉讼费用交纳办法 §53: 15 days from
/// the document taking effect).
pub fn refund_by(stage: Stage, method: CloseMethod, closed_on: NaiveDate) -> NaiveDate {
    effective_on(stage, method, closed_on) + Days::new(REFUND_DAYS)
}

impl FeeAccount {
    /// The account of `state` under `schedule`.
    pub fn of(schedule: &FeeSchedule, state: &CaseState) -> Self {
        let r = &state.record;
        let c = FeeCase {
            case_type: r.case_type(),
            procedure: state.procedure,
            cause: &r.cause,
            claim: r.claim_amount,
            closing: state.close_method,
            labor: r.tags.iter().any(|t| t.as_str() == "labor"),
        };
        let closed = state.closed_on.zip(state.close_method);
        Self::from_events(schedule, &c, r.filed_on, closed, state.events.iter().filter_map(FeeEvent::of))
    }

    /// The account of a case described by `c`, filed on `filed_on` and closed as `closed`, with
    /// its fee events in order.
    pub fn from_events(
        schedule: &FeeSchedule,
        c: &FeeCase<'_>,
        filed_on: NaiveDate,
        closed: Option<(NaiveDate, CloseMethod)>,
        events: impl IntoIterator<Item = FeeEvent>,
    ) -> Self {
        let assessment = schedule.assess(c);
        let (mut paid, mut refunded, mut relief) = (Amount::ZERO, Amount::ZERO, None);
        let mut notice = (filed_on, "自立案（交费通知）次日起七日内交纳（诉讼费用交纳办法第二十二条）");
        for e in events {
            match e {
                FeeEvent::Paid(amount) => paid = add(paid, amount),
                FeeEvent::Refunded(amount) => refunded = add(refunded, amount),
                FeeEvent::Relief(k, amount) => relief = Some((k, amount)),
                // 简易转普通: the top-up within seven days of the notice (民诉法解释 §199).
                FeeEvent::Converted(on) => notice = (on, "转为普通程序后七日内补交（民诉法解释第一百九十九条）"),
            }
        }
        let due = match relief {
            Some((Relief::Waive, _)) => Amount::ZERO,
            Some((Relief::Reduce, Some(off))) => sub(assessment.total, off),
            _ => assessment.total,
        };
        let held = sub(paid, refunded);
        let deferred = matches!(relief, Some((Relief::Defer, _)));
        let (owed, pay_by) = if closed.is_none() && assessment.prepaid && !deferred && held < due {
            (sub(due, held), Some(notice.0 + Days::new(PAY_DAYS)))
        } else {
            (if closed.is_some() || deferred { sub(due, held) } else { Amount::ZERO }, None)
        };
        let (refund_due, refund_by) = match closed {
            Some((on, method)) if held > due => (sub(held, due), Some(refund_by(c.case_type.stage, method, on))),
            _ => (Amount::ZERO, None),
        };
        Self { assessment, paid, refunded, relief, due, owed, pay_by, pay_basis: notice.1, refund_due, refund_by }
    }
}
