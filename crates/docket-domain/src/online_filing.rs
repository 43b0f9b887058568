//! 网上立案: an application to file a case, made by a party or a lawyer before there is a case,
//! and the 立案员's answer to it — 《最高人民法院关于人民法院登记立案若干问题的规定》
//! (法释〔2015〕8号, `reference/laws/`).
//!
//! - §7: materials that do not meet the requirements are to be corrected (补正), all that is
//!   missing said at once, by a set day; the time to decide then runs from the day the corrected
//!   materials arrive; not corrected in time, the application is returned.
//! - §8: what cannot be decided on the spot is decided within 7 days of receipt (民事, 行政), 15
//!   days from the day after receipt (刑事自诉), 30 days (第三人撤销之诉), 15 days (执行异议之诉);
//!   "人民法院在法定期间内不能判定起诉、自诉是否符合法律规定的，应当先行立案" — past the limit the
//!   default is to file.
//! - §9: a refusal is in writing with its reason.
//!
//! The application's steps fold into an [`ApplicationState`] that refuses a step that does not fit
//! (a decision on an application already decided, a correction nobody asked for).

use chrono::{Days, NaiveDate};

use crate::CaseNumber;

/// What the application asks for, which sets the time to decide (§8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Claim {
    /// 民事起诉
    Civil,
    /// 行政起诉
    Administrative,
    /// 刑事自诉
    PrivateProsecution,
    /// 第三人撤销之诉
    ThirdPartyRevocation,
    /// 执行异议之诉
    EnforcementObjection,
}

impl Claim {
    pub const ALL: [Claim; 5] = [
        Self::Civil,
        Self::Administrative,
        Self::PrivateProsecution,
        Self::ThirdPartyRevocation,
        Self::EnforcementObjection,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Civil => "civil",
            Self::Administrative => "administrative",
            Self::PrivateProsecution => "private_prosecution",
            Self::ThirdPartyRevocation => "third_party_revocation",
            Self::EnforcementObjection => "enforcement_objection",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Civil => "民事起诉",
            Self::Administrative => "行政起诉",
            Self::PrivateProsecution => "刑事自诉",
            Self::ThirdPartyRevocation => "第三人撤销之诉",
            Self::EnforcementObjection => "执行异议之诉",
        }
    }

    /// The last day to decide for materials complete on `received` (§8; a 刑事自诉's 15 days
    /// run from the next day, the others' from the day itself, which gives the same last day
    /// as counting whole days after it).
    pub fn decide_by(self, received: NaiveDate) -> NaiveDate {
        let days = match self {
            Self::Civil | Self::Administrative => 7,
            Self::PrivateProsecution | Self::EnforcementObjection => 15,
            Self::ThirdPartyRevocation => 30,
        };
        received.checked_add_days(Days::new(days)).unwrap_or(received)
    }

    /// The article that sets the limit.
    pub fn article(self) -> &'static str {
        match self {
            Self::Civil | Self::Administrative => "登记立案规定第八条第（一）项",
            Self::PrivateProsecution => "登记立案规定第八条第（二）项",
            Self::ThirdPartyRevocation => "登记立案规定第八条第（三）项",
            Self::EnforcementObjection => "登记立案规定第八条第（四）项",
        }
    }
}

/// One step of an application after it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// 补正: what is missing, all of it (§7 一次性告知), and the day to correct by.
    CorrectionRequested { missing: String, by: NaiveDate },
    /// The corrected materials arrived.
    Corrected,
    /// 立案: the case it became.
    Accepted { case_no: CaseNumber },
    /// 不予受理 / 不予立案, with its reason (§9).
    Refused { reason: String },
    /// Returned when a correction was not made in time (§7 第三款).
    Returned,
    /// The applicant withdrew it before a decision.
    Withdrawn,
}

impl Step {
    /// The step's `type` in `filing_application_event`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Step::CorrectionRequested { .. } => "correction_requested",
            Step::Corrected => "corrected",
            Step::Accepted { .. } => "accepted",
            Step::Refused { .. } => "refused",
            Step::Returned => "returned",
            Step::Withdrawn => "withdrawn",
        }
    }

    /// The step in a sentence for the applicant and the 立案员.
    pub fn describe(&self) -> String {
        match self {
            Step::CorrectionRequested { missing, by } => format!("法院要求补正：{missing}（请于 {by} 前补正）"),
            Step::Corrected => "申请人已补正材料".to_owned(),
            Step::Accepted { case_no } => format!("已立案，案号为{case_no}"),
            Step::Refused { reason } => format!("不予立案：{reason}"),
            Step::Returned => "逾期未补正，申请已退回".to_owned(),
            Step::Withdrawn => "申请人撤回申请".to_owned(),
        }
    }
}

impl Stage {
    /// Where the application stands, in a few words.
    pub fn label(&self) -> &'static str {
        match self {
            Stage::Waiting { .. } => "待审查",
            Stage::Correcting { .. } => "待补正",
            Stage::Accepted { .. } => "已立案",
            Stage::Refused { .. } => "不予立案",
            Stage::Returned { .. } => "已退回",
            Stage::Withdrawn { .. } => "已撤回",
        }
    }
}

/// Where an application stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    /// Waiting for the 立案员's decision, which is due by the day given.
    Waiting {
        decide_by: NaiveDate,
    },
    /// Waiting for the applicant's correction, due by the day given.
    Correcting {
        missing: String,
        by: NaiveDate,
    },
    Accepted {
        case_no: CaseNumber,
        on: NaiveDate,
    },
    Refused {
        reason: String,
        on: NaiveDate,
    },
    Returned {
        on: NaiveDate,
    },
    Withdrawn {
        on: NaiveDate,
    },
}

/// Why a step was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApplicationError {
    #[error("申请已处理（{0}），不能再{1}")]
    AlreadyDecided(&'static str, &'static str),
    #[error("日期 {on} 早于上一步骤的日期 {last}")]
    BeforeLastStep { on: NaiveDate, last: NaiveDate },
    #[error("补正须写明所缺材料（一次性告知，登记立案规定第七条）")]
    NothingMissing,
    #[error("补正期限 {by} 应晚于告知之日 {on}")]
    CorrectionDueTooEarly { on: NaiveDate, by: NaiveDate },
    #[error("没有待补正的事项")]
    NoCorrectionAsked,
    #[error("正在等待补正，补正期限 {0} 未届满前不能退回")]
    CorrectionStillOpen(NaiveDate),
    #[error("不予受理或不予立案须载明理由（登记立案规定第九条）")]
    RefusedWithoutReason,
}

/// An application's history folded: what it asks for, when it arrived, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationState {
    pub claim: Claim,
    pub received: NaiveDate,
    pub stage: Stage,
    /// How many times a correction was asked for.
    pub corrections: u32,
    last: NaiveDate,
}

impl ApplicationState {
    /// An application received on `received`, to be decided in §8's time.
    pub fn received(claim: Claim, received: NaiveDate) -> Self {
        Self {
            claim,
            received,
            stage: Stage::Waiting { decide_by: claim.decide_by(received) },
            corrections: 0,
            last: received,
        }
    }

    /// Applies one step dated `on`, or refuses it, leaving the state as it was.
    pub fn apply(&mut self, on: NaiveDate, step: Step) -> Result<(), ApplicationError> {
        if on < self.last {
            return Err(ApplicationError::BeforeLastStep { on, last: self.last });
        }
        let verb = match &step {
            Step::CorrectionRequested { .. } => "要求补正",
            Step::Corrected => "补正",
            Step::Accepted { .. } => "立案",
            Step::Refused { .. } => "不予立案",
            Step::Returned => "退回",
            Step::Withdrawn => "撤回",
        };
        let decided = match &self.stage {
            Stage::Accepted { .. } => Some("已立案"),
            Stage::Refused { .. } => Some("已不予立案"),
            Stage::Returned { .. } => Some("已退回"),
            Stage::Withdrawn { .. } => Some("已撤回"),
            Stage::Waiting { .. } | Stage::Correcting { .. } => None,
        };
        if let Some(d) = decided {
            return Err(ApplicationError::AlreadyDecided(d, verb));
        }
        let next = match step {
            Step::CorrectionRequested { missing, by } => {
                if missing.trim().is_empty() {
                    return Err(ApplicationError::NothingMissing);
                }
                if by <= on {
                    return Err(ApplicationError::CorrectionDueTooEarly { on, by });
                }
                self.corrections += 1;
                Stage::Correcting { missing, by }
            }
            Step::Corrected => match self.stage {
                // §7 第二款: the time to decide runs again from the corrected materials.
                Stage::Correcting { .. } => Stage::Waiting { decide_by: self.claim.decide_by(on) },
                _ => return Err(ApplicationError::NoCorrectionAsked),
            },
            Step::Accepted { case_no } => Stage::Accepted { case_no, on },
            Step::Refused { reason } => {
                if reason.trim().is_empty() {
                    return Err(ApplicationError::RefusedWithoutReason);
                }
                Stage::Refused { reason, on }
            }
            Step::Returned => match self.stage {
                Stage::Correcting { by, .. } if on <= by => return Err(ApplicationError::CorrectionStillOpen(by)),
                Stage::Correcting { .. } => Stage::Returned { on },
                _ => return Err(ApplicationError::NoCorrectionAsked),
            },
            Step::Withdrawn => Stage::Withdrawn { on },
        };
        self.stage = next;
        self.last = on;
        Ok(())
    }

    /// The day a decision is due, while one is awaited.
    pub fn decide_by(&self) -> Option<NaiveDate> {
        match self.stage {
            Stage::Waiting { decide_by } => Some(decide_by),
            _ => None,
        }
    }

    /// Past the limit with no decision: §8 says file it (先行立案).
    pub fn must_file_first(&self, today: NaiveDate) -> bool {
        self.decide_by().is_some_and(|d| today > d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn each_claim_has_the_time_to_decide_of_section_8() {
        let received = d("2026-03-02");
        assert_eq!(Claim::Civil.decide_by(received), d("2026-03-09"));
        assert_eq!(Claim::Administrative.decide_by(received), d("2026-03-09"));
        // 收到自诉状次日起十五日内: 03-03 is the first of the fifteen, 03-17 the last.
        assert_eq!(Claim::PrivateProsecution.decide_by(received), d("2026-03-17"));
        assert_eq!(Claim::ThirdPartyRevocation.decide_by(received), d("2026-04-01"));
        assert_eq!(Claim::EnforcementObjection.decide_by(received), d("2026-03-17"));
        for c in Claim::ALL {
            assert_eq!(Claim::parse(c.as_str()), Some(c));
        }
    }

    #[test]
    fn a_correction_restarts_the_time_to_decide_from_the_corrected_materials() {
        let mut a = ApplicationState::received(Claim::Civil, d("2026-03-02"));
        a.apply(
            d("2026-03-04"),
            Step::CorrectionRequested { missing: "起诉状副本；身份证明".into(), by: d("2026-03-19") },
        )
        .unwrap();
        assert_eq!(a.decide_by(), None, "no decision is due while the applicant corrects");
        assert!(!a.must_file_first(d("2026-03-18")));
        a.apply(d("2026-03-16"), Step::Corrected).unwrap();
        assert_eq!(a.decide_by(), Some(d("2026-03-23")));
        assert!(!a.must_file_first(d("2026-03-23")));
        assert!(a.must_file_first(d("2026-03-24")), "past the limit the default is 先行立案");
        let no = CaseNumber::parse("（2026）内0203民初12号").unwrap();
        a.apply(d("2026-03-20"), Step::Accepted { case_no: no.clone() }).unwrap();
        assert_eq!(a.stage, Stage::Accepted { case_no: no, on: d("2026-03-20") });
        assert_eq!(a.corrections, 1);
        assert!(!a.must_file_first(d("2026-04-30")));
    }

    #[test]
    fn steps_that_do_not_fit_are_refused_and_change_nothing() {
        let mut a = ApplicationState::received(Claim::Civil, d("2026-03-02"));
        let before = a.clone();
        assert_eq!(a.apply(d("2026-03-03"), Step::Corrected), Err(ApplicationError::NoCorrectionAsked));
        assert_eq!(
            a.apply(d("2026-03-03"), Step::CorrectionRequested { missing: " ".into(), by: d("2026-03-10") }),
            Err(ApplicationError::NothingMissing)
        );
        assert!(matches!(
            a.apply(d("2026-03-03"), Step::CorrectionRequested { missing: "证据".into(), by: d("2026-03-03") }),
            Err(ApplicationError::CorrectionDueTooEarly { .. })
        ));
        assert_eq!(
            a.apply(d("2026-03-03"), Step::Refused { reason: String::new() }),
            Err(ApplicationError::RefusedWithoutReason)
        );
        assert!(matches!(a.apply(d("2026-03-01"), Step::Withdrawn), Err(ApplicationError::BeforeLastStep { .. })));
        assert_eq!(a, before);
        a.apply(d("2026-03-05"), Step::Refused { reason: "不属于本院管辖".into() }).unwrap();
        assert_eq!(
            a.apply(d("2026-03-06"), Step::Accepted { case_no: CaseNumber::parse("（2026）内0203民初1号").unwrap() }),
            Err(ApplicationError::AlreadyDecided("已不予立案", "立案"))
        );
    }

    #[test]
    fn an_application_is_returned_only_after_its_correction_day_has_passed() {
        let mut a = ApplicationState::received(Claim::Civil, d("2026-03-02"));
        a.apply(d("2026-03-03"), Step::CorrectionRequested { missing: "授权委托书".into(), by: d("2026-03-13") })
            .unwrap();
        assert_eq!(
            a.apply(d("2026-03-13"), Step::Returned),
            Err(ApplicationError::CorrectionStillOpen(d("2026-03-13")))
        );
        a.apply(d("2026-03-14"), Step::Returned).unwrap();
        assert_eq!(a.stage, Stage::Returned { on: d("2026-03-14") });
        assert_eq!(a.decide_by(), None);
    }
}
