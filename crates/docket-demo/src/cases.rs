//! The case plans: how many cases of which types each court files, their parties, and each case's
//! timeline of events to its closing (or not), with the irregularities the tests look for.

use chrono::{Datelike, Days, NaiveDate};
use docket_domain::{
    Amount, Approver, CloseMethod, CourtLevel, EventKind, OrgType, Party, PartyKind, PartyRole, Period, Procedure,
    ServiceChannel, SuspensionReason, Tag,
};

use crate::names::{ADMIN_CAUSES, BANKS, CIVIL_CAUSES, CRIMINAL_CAUSES};
use crate::{Generator, Plan, Plant};

impl Generator<'_> {
    pub(crate) fn cases(&mut self) -> Vec<Plan> {
        let basic: Vec<usize> =
            (0..self.courts.len()).filter(|i| self.courts[*i].code.level() == CourtLevel::Basic).collect();
        let intermediate: Vec<usize> =
            (0..self.courts.len()).filter(|i| self.courts[*i].code.level() == CourtLevel::Intermediate).collect();
        // The court that hears a court's appeals.
        let parents: Vec<Option<usize>> = (0..self.courts.len())
            .map(|i| {
                let parent = self.courts[i].code.parent();
                (0..self.courts.len()).find(|p| Some(&self.courts[*p].code) == parent.as_ref())
            })
            .collect();
        let mut plans: Vec<Plan> = Vec::new();
        // Appeals and enforcement derived from primary cases add about 18% to them.
        let primary = (self.cfg.cases as f64 / 1.18).round() as usize;
        // Larger courts first: the first basic court takes the biggest share.
        let weights: Vec<(usize, u32)> = basic.iter().enumerate().map(|(k, c)| (*c, 10 / (k as u32 + 1) + 2)).collect();
        for _ in 0..primary {
            let mut filed_on = self.filing_date();
            // About 3% of first-instance cases start in an intermediate court (large claims, serious
            // crimes, suits against governments at county level and above).
            let (court, type_code) = if !intermediate.is_empty() && self.rng.chance(0.03) {
                let court = *self.rng.pick(&intermediate);
                (court, *self.rng.weighted(&[("民初", 70), ("刑初", 20), ("行初", 10)]))
            } else {
                // Case mix of a basic court (per 100): 民初 62, 民诉前调 12, 刑初 9, 执 (arbitral
                // awards, notarised debts) 8, 民特 4, 行初 3, 财保 2.
                let court = *self.rng.weighted(&weights);
                let t = *self.rng.weighted(&[
                    ("民初", 62),
                    ("民诉前调", 12),
                    ("刑初", 9),
                    ("执", 8),
                    ("民特", 4),
                    ("行初", 3),
                    ("财保", 2),
                ]);
                (court, t)
            };
            // The year-end dip: about half of what is received from 20 December on is filed only
            // after New Year (planted, see Irregularity::YearEndFilingDelay).
            let mut delayed_from = None;
            if filed_on.month() == 12 && filed_on.day() >= 20 && type_code != "刑初" && self.rng.chance(0.5) {
                delayed_from = Some(filed_on);
                // Beyond the seven days for filing (《关于严格执行案件审理期限制度的若干规定》第六条; 民诉法第一百二十六条), and into the new year.
                let january =
                    NaiveDate::from_ymd_opt(filed_on.year() + 1, 1, 2 + self.rng.below(7) as u32).unwrap_or(filed_on);
                filed_on = january.max(filed_on + Days::new(8 + self.rng.below(5)));
            }
            let mut plan = self.plan(court, type_code, filed_on, None, &[], None);
            if let Some(received) = delayed_from {
                plan.received_on = Some(received);
                plan.planted = Some(Plant::YearEndFilingDelay);
            }
            plans.push(plan);
        }
        // Withdrawn and refiled: about 5% of withdrawn civil cases come back with the same parties.
        let n = plans.len();
        for i in 0..n {
            if let ("民初", Some((closed_on, CloseMethod::Withdrawal))) = (plans[i].type_code, plans[i].closed)
                && self.rng.chance(0.05)
            {
                let on = closed_on + Days::new(self.rng.range(10, 40) as u64);
                let (parties, cause) = (plans[i].parties.clone(), plans[i].cause.clone());
                let mut plan = self.plan(plans[i].court, "民初", on, None, &parties, Some(cause));
                plan.planted = Some(Plant::RefiledAfterWithdrawal(i));
                plans.push(plan);
            }
        }
        // Derived cases, in order of their origin's closing.
        let n = plans.len();
        for i in 0..n {
            let Some((closed_on, method)) = plans[i].closed else { continue };
            let court = plans[i].court;
            let origin_parties = plans[i].parties.clone();
            match (plans[i].type_code, method, parents[court]) {
                // About 12% of civil judgments and 6% of criminal judgments are appealed (上诉率).
                ("民初", CloseMethod::Judgment, Some(upper)) | ("刑初", CloseMethod::Judgment, Some(upper)) => {
                    let p = if plans[i].type_code == "民初" { 0.12 } else { 0.06 };
                    if self.rng.chance(p) {
                        let on = closed_on + Days::new(self.rng.range(12, 30) as u64);
                        let t = if plans[i].type_code == "民初" { "民终" } else { "刑终" };
                        let plan = self.plan(upper, t, on, Some(i), &origin_parties, None);
                        plans.push(plan);
                    }
                }
                _ => {}
            }
            // About 35% of civil judgments and mediations are brought to enforcement (申请执行率),
            // in the basic court of first instance (or the intermediate court's own).
            if plans[i].type_code == "民初"
                && matches!(method, CloseMethod::Judgment | CloseMethod::Mediation)
                && self.rng.chance(0.35)
            {
                let on = closed_on + Days::new(self.rng.range(20, 120) as u64);
                let plan = self.plan(court, "执", on, Some(i), &origin_parties, None);
                plans.push(plan);
            }
        }
        // 执恢: some 终本 cases resume when property is found; during a basic court's 终本清仓
        // more of its library resumes (drawn from the 执行 stream, so the other cases stay).
        let window = crate::clearance_window(self.cfg.until);
        let n = plans.len();
        for i in 0..n {
            if let ("执", Some((closed_on, CloseMethod::EnforcementTerminated))) = (plans[i].type_code, plans[i].closed)
            {
                let on = if self.rng.chance(0.10) {
                    closed_on + Days::new(self.rng.range(60, 300) as u64)
                } else if let Some((from, to)) = window
                    && closed_on < from
                    && docket_domain::enforcement::in_library(closed_on, from)
                    && self.courts[plans[i].court].code.level() == docket_domain::CourtLevel::Basic
                    && self.enforce.chance(0.4)
                {
                    let span = ((to - from).num_days() * 2 / 3).max(10);
                    from + Days::new(self.enforce.range(5, span) as u64)
                } else {
                    continue;
                };
                let parties = plans[i].parties.clone();
                let plan = self.plan(plans[i].court, "执恢", on, Some(i), &parties, None);
                plans.push(plan);
            }
        }
        // 诉调对接: most failed 诉前调解 are filed as a 民初, linked by `origin`; about one agreement
        // in four is brought for 司法确认 (诉前调确). Drawn from the mediation and fee stream.
        let n = plans.len();
        for i in 0..n {
            let Some((closed_on, method)) = plans[i].closed.filter(|_| plans[i].type_code == "民诉前调") else {
                continue;
            };
            let (type_code, share, days) = match method {
                CloseMethod::PremediationFailed => ("民初", 0.7, (1, 10)),
                CloseMethod::PremediationAgreement => ("诉前调确", 0.25, (1, 20)),
                _ => continue,
            };
            if !self.fees.chance(share) {
                continue;
            }
            let on = closed_on + Days::new(self.fees.range(days.0, days.1) as u64);
            let mut parties = plans[i].parties.clone();
            if type_code == "民初" {
                for p in &mut parties {
                    p.role = match p.role {
                        PartyRole::Applicant => PartyRole::Plaintiff,
                        PartyRole::Respondent => PartyRole::Defendant,
                        r => r,
                    };
                }
            }
            let cause = (type_code == "民初").then(|| plans[i].cause.clone());
            let plan = self.plan(plans[i].court, type_code, on, Some(i), &parties, cause);
            plans.push(plan);
        }
        // Plans filed after `until` stay in the vector (origins are indices into it) and are
        // skipped when numbering.
        plans
    }

    /// Plans one case: parties, tags and a complete, valid timeline up to `until`.
    pub(crate) fn plan(
        &mut self,
        court: usize,
        type_code: &'static str,
        filed_on: NaiveDate,
        origin: Option<usize>,
        origin_parties: &[Party],
        same_cause: Option<String>,
    ) -> Plan {
        let region = self.courts[court].region.clone();
        let upper_court = self.courts[court].code.level() != CourtLevel::Basic;
        let r = &mut self.rng;
        let (mut procedure, mut cause): (Procedure, String) = match type_code {
            // 民初 procedure shares: 简易 55%, 小额 15%, 普通 30%.
            "民初" => (
                *r.weighted(&[(Procedure::Simple, 55), (Procedure::SmallClaims, 15), (Procedure::Ordinary, 30)]),
                (*r.weighted(CIVIL_CAUSES)).to_owned(),
            ),
            "民诉前调" => (Procedure::None, (*r.weighted(CIVIL_CAUSES)).to_owned()),
            "刑初" => (
                *r.weighted(&[(Procedure::FastTrack, 30), (Procedure::Simple, 40), (Procedure::Ordinary, 30)]),
                (*r.weighted(CRIMINAL_CAUSES)).to_owned(),
            ),
            "行初" => (
                *r.weighted(&[(Procedure::Ordinary, 80), (Procedure::Simple, 20)]),
                (*r.weighted(ADMIN_CAUSES)).to_owned(),
            ),
            "民特" => (Procedure::Special, "申请司法确认调解协议".to_owned()),
            "诉前调确" => (Procedure::Special, "申请司法确认调解协议".to_owned()),
            "财保" => (Procedure::None, "诉前财产保全".to_owned()),
            "民终" => (Procedure::AppealJudgment, "民事上诉".to_owned()),
            "刑终" => (Procedure::AppealJudgment, "刑事上诉".to_owned()),
            "执恢" => (Procedure::None, "恢复执行".to_owned()),
            _ => (
                Procedure::None,
                if origin.is_some() {
                    "申请执行人民法院判决、调解书".to_owned()
                } else {
                    "申请执行仲裁裁决、公证债权文书".to_owned()
                },
            ),
        };
        // Intermediate courts try first-instance cases under the ordinary procedure only.
        if upper_court && matches!(type_code, "民初" | "刑初" | "行初") {
            procedure = Procedure::Ordinary;
        }
        if let Some(c) = same_cause {
            cause = c;
        }
        // Parties: derived cases carry the origin's parties in their new roles.
        let mut parties = Vec::new();
        if !origin_parties.is_empty() {
            for (k, p) in origin_parties.iter().enumerate() {
                let role = match (type_code, k) {
                    ("民终" | "刑终", 0) => PartyRole::Appellant,
                    ("民终" | "刑终", _) => PartyRole::Appellee,
                    ("民初", 0) => PartyRole::Plaintiff,
                    ("民初", _) => PartyRole::Defendant,
                    (_, 0) => PartyRole::Applicant,
                    _ => PartyRole::Respondent,
                };
                parties.push(Party { role, ..p.clone() });
            }
        } else {
            match type_code {
                "刑初" => {
                    parties.push(self.person(PartyRole::Defendant, &region));
                    if self.rng.chance(0.3) {
                        parties.push(self.person(PartyRole::Victim, &region));
                    }
                }
                "行初" => {
                    parties.push(self.person(PartyRole::Plaintiff, &region));
                    // The defendant agency: the district or county government the court sits in.
                    let name = self.courts[court].name.replace("人民法院", "人民政府");
                    let id = Some(self.credit_code(&region, "11"));
                    parties.push(Party {
                        role: PartyRole::Defendant,
                        kind: PartyKind::Organization,
                        name,
                        id,
                        org_type: Some(OrgType::Government),
                        address: None,
                        phone: None,
                        agents: Vec::new(),
                    });
                }
                "民初" | "民诉前调" | "民特" | "财保" | "执" => {
                    let (r1, r2) = if type_code == "民初" {
                        (PartyRole::Plaintiff, PartyRole::Defendant)
                    } else {
                        (PartyRole::Applicant, PartyRole::Respondent)
                    };
                    // Family disputes are between natural persons.
                    let family = ["离婚", "抚养", "继承"].iter().any(|w| cause.contains(w));
                    let first = if cause.contains("金融借款") || cause.contains("信用卡") {
                        let bank = (*self.rng.pick(BANKS)).to_owned();
                        Party {
                            role: r1,
                            kind: PartyKind::Organization,
                            name: bank,
                            id: Some(self.credit_code(&region, "91")),
                            org_type: Some(OrgType::Soe),
                            address: None,
                            phone: None,
                            agents: Vec::new(),
                        }
                    } else if !family && self.rng.chance(0.35) {
                        self.company(r1, &region)
                    } else {
                        self.person(r1, &region)
                    };
                    parties.push(first);
                    let second = if !family && self.rng.chance(0.25) {
                        self.company(r2, &region)
                    } else {
                        self.person(r2, &region)
                    };
                    parties.push(second);
                }
                _ => parties.push(self.person(PartyRole::Applicant, &region)),
            }
        }

        // 涉府: about one 执 case in twelve of those enforcing an award or a notarised debt has a
        // government body owing (a county agency or the county government), drawn from the 执行
        // stream (the swap keeps the main stream's draws).
        if type_code == "执" && origin.is_none() && self.enforce.chance(1.0 / 12.0) {
            let county = self.courts[court].name.replace("人民法院", "");
            let agency = *self.enforce.pick(&["人民政府", "住房和城乡建设局", "交通运输局", "自然资源局"]);
            std::mem::swap(&mut self.rng, &mut self.enforce);
            let id = Some(self.credit_code(&region, "11"));
            std::mem::swap(&mut self.rng, &mut self.enforce);
            if let Some(p) = parties.iter_mut().find(|p| p.role == PartyRole::Respondent) {
                *p = Party {
                    id,
                    org_type: Some(OrgType::Government),
                    ..Party::new(PartyRole::Respondent, PartyKind::Organization, format!("{county}{agency}"))
                };
            }
        }
        // Tags for the green channels and topics.
        let mut tags: Vec<&str> = Vec::new();
        if parties.iter().any(|p| {
            p.kind == PartyKind::Organization
                && !p.name.contains("银行")
                && !p.name.contains("政府")
                && p.org_type != Some(OrgType::Government)
        }) {
            tags.push("enterprise");
        }
        if cause.contains("金融借款") || cause.contains("信用卡") || cause.contains("非法吸收") {
            tags.push("finance");
        }
        if cause.contains("劳动") {
            tags.push("labor");
            if cause.contains("追索劳动报酬") && self.rng.chance(0.4) {
                tags.push("migrant_wages");
            }
        }
        if cause.contains("建设工程") && self.rng.chance(0.3) {
            tags.push("major_project");
        }
        if cause.contains("抚养") || (type_code == "刑初" && self.rng.chance(0.04)) {
            tags.push("minor");
        }
        if cause.contains("物业") || cause.contains("劳动") {
            tags.push("livelihood");
        }
        let tags: Vec<Tag> = tags.into_iter().filter_map(Tag::parse).collect();

        let received_on = filed_on.checked_sub_days(Days::new(self.rng.range(0, 6) as u64));
        // 网上立案: about 70% of civil filings, fewer elsewhere.
        let online = self.rng.chance(if type_code.starts_with('民') || type_code == "执" { 0.7 } else { 0.2 });
        let claim = match type_code {
            "民初" | "民诉前调" | "执" | "执恢" | "财保" | "民终" => {
                let yuan = self.rng.long_tail_days(45_000.0, 1.1);
                Amount::from_fen(yuan * 100 + self.rng.range(0, 99))
            }
            _ => None,
        };

        let mut plan = Plan {
            court,
            type_code,
            procedure,
            cause,
            received_on,
            filed_on,
            online,
            claim,
            tags,
            parties,
            origin,
            // The charge's ceiling for 刑初: most 速裁 and 简易 cases are minor (危险驾驶 is
            // punished by 拘役); about a quarter of 简易 cases could exceed three years.
            possible_sentence_months: (type_code == "刑初").then(|| match procedure {
                Procedure::FastTrack => *self.rng.pick(&[6, 6, 12, 12, 24]),
                Procedure::Simple => *self.rng.pick(&[6, 12, 36, 36, 60]),
                _ => *self.rng.pick(&[36, 60, 120, 180]),
            }),
            events: Vec::new(),
            closed: None,
            planted: None,
        };
        self.timeline(&mut plan);
        plan
    }

    /// The case's events. Each event has a priority so that same-day events keep their causal order.
    pub(crate) fn timeline(&mut self, p: &mut Plan) {
        let d0 = p.filed_on;
        let at = |days: i64| d0 + Days::new(days.max(0) as u64);
        let mut ev: Vec<(NaiveDate, u8, EventKind)> = Vec::new();
        let departments: &[&str] = match p.type_code {
            "刑初" | "刑终" => &["xs"],
            "行初" => &["xz"],
            "执" | "执恢" | "财保" => &["zx"],
            "民诉前调" | "诉前调确" => &["la"],
            _ => &["ms1", "ms2"],
        };
        let judge = self.judge(p.court, departments);
        ev.push((
            at(self.rng.range(0, 2)),
            0,
            EventKind::Assigned { judge, department: Some(departments[0].to_owned()) },
        ));

        let r = &mut self.rng;
        // Net duration (days counted toward the limit), by type and procedure, with a long tail.
        let mut net = match (p.type_code, p.procedure) {
            ("民初", Procedure::SmallClaims) => r.long_tail_days(28.0, 0.45),
            ("民初", Procedure::Simple) => r.long_tail_days(42.0, 0.5),
            ("民初", _) => r.long_tail_days(105.0, 0.55),
            ("民诉前调", _) => r.range(7, 30),
            ("刑初", Procedure::FastTrack) => r.range(4, 10),
            ("刑初", Procedure::Simple) => r.range(8, 20),
            ("刑初", _) => r.long_tail_days(45.0, 0.4),
            ("行初", _) => r.long_tail_days(80.0, 0.5),
            ("民特" | "诉前调确", _) | ("财保", _) => r.range(3, 25),
            ("民终" | "刑终", _) => r.long_tail_days(50.0, 0.4),
            _ => r.long_tail_days(95.0, 0.7),
        };
        // Planted: about 3% of 诉前调解 are kept 35–75 days with no consent to go beyond the 30
        // days (Irregularity::PremediationParked), from their own stream.
        if p.type_code == "民诉前调" && self.plants.chance(0.03) {
            net = self.plants.range(35, 75);
            p.planted = Some(Plant::PremediationParked);
        }
        // December push: cases that would close in early January close before the year ends.
        let mut extra = 0i64;

        // Service: electronic first (about 80% delivered), post as the fallback.
        if p.type_code != "刑初" {
            let day = at(self.rng.range(1, 4));
            let delivered = self.rng.chance(0.8);
            ev.push((
                day,
                1,
                EventKind::ServiceAttempted {
                    channel: ServiceChannel::Electronic,
                    delivered,
                    document: None,
                    receipt_at: None,
                    party: None,
                },
            ));
            if !delivered {
                ev.push((
                    day + Days::new(3),
                    1,
                    EventKind::ServiceAttempted {
                        channel: ServiceChannel::Post,
                        delivered: self.rng.chance(0.9),
                        document: None,
                        receipt_at: None,
                        party: None,
                    },
                ));
            }
        }

        let hears = matches!(p.type_code, "民初" | "刑初" | "行初" | "民终" | "刑终");
        // 简易 → 普通 conversions: about 6% of simple civil cases.
        if p.type_code == "民初" && p.procedure == Procedure::Simple && self.rng.chance(0.06) {
            let day = (net / 2).max(10);
            ev.push((at(day), 2, EventKind::ProcedureChanged { procedure: Procedure::Ordinary }));
            net += self.rng.range(40, 100);
        }
        if hears && net > 8 {
            let scheduled_on = self.rng.range(2, (net / 3).max(3));
            let hearing = self.rng.range(scheduled_on + 3, (net - 1).max(scheduled_on + 3));
            let room = Some((*self.side.pick(ROOMS)).to_owned());
            ev.push((at(scheduled_on), 3, EventKind::HearingScheduled { hearing_on: at(hearing), room }));
            let held = self.held(p.online);
            // About 15% of first settings are postponed (CourTools 5).
            if self.rng.chance(0.15) && hearing > scheduled_on + 2 {
                let postponed = hearing - 1;
                let new_hearing = hearing + self.rng.range(7, 21);
                ev.push((at(postponed), 4, EventKind::HearingPostponed { reason: "当事人申请延期".into() }));
                let room = Some((*self.side.pick(ROOMS)).to_owned());
                ev.push((at(postponed), 5, EventKind::HearingScheduled { hearing_on: at(new_hearing), room }));
                ev.push((at(new_hearing), 6, held));
                extra += new_hearing - hearing;
            } else {
                ev.push((at(hearing), 6, held));
            }
        }
        // Deducted periods: 鉴定 or 公告 in about 10% of ordinary civil and administrative cases.
        let mut deducted = 0;
        if matches!((p.type_code, p.procedure), ("民初", Procedure::Ordinary) | ("行初", _)) && self.rng.chance(0.10)
        {
            let reason = *self.rng.pick(&[SuspensionReason::Appraisal, SuspensionReason::Announcement]);
            let start = self.rng.range(net / 2, net - 1).max(1) + extra;
            let len =
                if reason == SuspensionReason::Appraisal { self.rng.range(30, 120) } else { self.rng.range(30, 65) };
            ev.push((at(start), 7, EventKind::Suspended { reason }));
            ev.push((at(start + len), 8, EventKind::Resumed));
            deducted = len;
        }
        // Planted: in about 10% of 简易 civil cases that run long, a 鉴定 suspension starts one to five
        // days before the three-month limit expires (Irregularity::SuspendedBeforeExpiry).
        let converted = ev.iter().any(|(_, _, k)| matches!(k, EventKind::ProcedureChanged { .. }));
        if p.type_code == "民初"
            && p.procedure == Procedure::Simple
            && !converted
            && net > 80
            && deducted == 0
            && self.rng.chance(0.10)
        {
            let expiry = d0.checked_add_months(chrono::Months::new(3)).unwrap_or(d0);
            let start = (expiry - d0).num_days() - self.rng.range(1, 5);
            let len = self.rng.range(30, 60);
            ev.push((at(start), 7, EventKind::Suspended { reason: SuspensionReason::Appraisal }));
            ev.push((at(start + len), 8, EventKind::Resumed));
            deducted = len;
            net = start + self.rng.range(5, 20) - extra;
            p.planted = Some(Plant::SuspendedBeforeExpiry);
        }
        // Extensions: ordinary civil cases running past about 165 days ask the president for 6 months.
        if p.type_code == "民初" && net > 175 {
            let req = 160 + deducted;
            ev.push((
                at(req),
                9,
                EventKind::ExtensionRequested { length: Period::Months(6), approver: Approver::President },
            ));
            // About one request in ten is refused with a reason and made again, better founded.
            let mut decided = req + self.side.range(1, 6);
            if self.side.chance(0.10) {
                let reason = (*self.side.pick(REFUSALS)).to_owned();
                ev.push((at(decided), 10, EventKind::ExtensionRefused { reason }));
                decided += self.side.range(1, 3);
                ev.push((
                    at(decided),
                    9,
                    EventKind::ExtensionRequested { length: Period::Months(6), approver: Approver::President },
                ));
                decided += self.side.range(1, 4);
            }
            ev.push((
                at(decided),
                10,
                EventKind::Extended { length: Period::Months(6), approver: Approver::President },
            ));
        }
        // Enforcement: recoveries and the closing method.
        let total = net + deducted + extra;
        let mut close_day = at(total);
        // The December push (年底冲刺结案): most cases pending through December whose natural
        // closing falls in January–June are closed in the second half of December instead. This,
        // with the year-end filing dip, is what puts a real basic court's 结案率 at 93–98%.
        if close_day.month() <= 6 && p.planted.is_none() {
            let year_end = NaiveDate::from_ymd_opt(close_day.year() - 1, 12, 31).unwrap_or(close_day);
            if d0 + Days::new(12) <= year_end && self.rng.chance(0.9) {
                let earliest = (d0 + Days::new(10)).max(year_end - Days::new(15));
                let span = (year_end - earliest).num_days().max(0) as u64;
                close_day = earliest + Days::new(self.rng.below(span + 1));
                // What would have happened after the closing does not.
                ev.retain(|(d, _, _)| *d <= close_day);
                let open_suspension = ev.iter().rev().find_map(|(_, _, k)| match k {
                    EventKind::Suspended { .. } => Some(true),
                    EventKind::Resumed => Some(false),
                    _ => None,
                });
                if open_suspension == Some(true) {
                    ev.retain(|(_, _, k)| !matches!(k, EventKind::Suspended { .. }));
                }
            }
        }
        let method = self.close_method(p);
        // A 终本 waits for its three months (法〔2016〕373号第一条第四项) in most courts' practice;
        // about one in twelve is closed earlier all the same (the 不合格 the 执行 page lists).
        if matches!(p.type_code, "执" | "执恢") && method == CloseMethod::EnforcementTerminated {
            let three = d0.checked_add_months(chrono::Months::new(3)).unwrap_or(d0);
            // Not past the year's end, though: a 终本 due in January is closed in December all
            // the same (the year-end push), three months or not.
            let year_end = NaiveDate::from_ymd_opt(close_day.year(), 12, 31).unwrap_or(close_day);
            if close_day <= three && three < year_end && self.enforce.chance(0.92) {
                let later = three + Days::new(self.enforce.range(3, 45) as u64);
                close_day = later.min(year_end - Days::new(self.enforce.below(8))).max(three + Days::new(1));
            }
        }
        if matches!(p.type_code, "执" | "执恢")
            && let Some(claim) = p.claim
        {
            let share = match method {
                CloseMethod::EnforcementCompleted
                | CloseMethod::EnforcementVoluntary
                | CloseMethod::EnforcementSettled => 1.0,
                CloseMethod::EnforcementTerminated => self.rng.unit() * 0.3,
                _ => self.rng.unit() * 0.5,
            };
            let recovered = (claim.fen() as f64 * share) as i64;
            let parts = if recovered > 0 { self.rng.range(1, 3) } else { 0 };
            for k in 0..parts {
                let amount =
                    if k == parts - 1 { recovered - recovered / parts * (parts - 1) } else { recovered / parts };
                let day = at((total * (k + 1) / (parts + 1)).max(1));
                if let Some(a) = Amount::from_fen(amount).filter(|a| a.fen() > 0) {
                    ev.push((day.min(close_day), 11, EventKind::Recovered { amount: a }));
                }
            }
        }
        ev.push((close_day, 12, EventKind::Closed { method, outcome: None }));
        ev.push((close_day + Days::new(self.rng.range(15, 60) as u64), 13, EventKind::Archived));
        if matches!(p.type_code, "执" | "执恢") {
            self.measures(p, method, close_day, &mut ev);
        }
        if p.type_code == "民初" && matches!(method, CloseMethod::Judgment | CloseMethod::Mediation) {
            self.performance(p, close_day, &mut ev);
        }
        self.mediation_and_fees(p, method, close_day, &mut ev);
        self.supervision(p, method, close_day, &mut ev);

        ev.retain(|(d, _, _)| *d <= self.cfg.until);
        ev.sort_by_key(|(d, prio, _)| (*d, *prio));
        p.closed = ev.iter().find_map(|(d, _, k)| match k {
            EventKind::Closed { method, .. } => Some((*d, *method)),
            _ => None,
        });
        p.events = ev;
    }

    /// 执行措施 on an enforcement case, from their own stream: 报告财产令 and 网络查控 in the first
    /// days, 限制消费 within a month, 查封/冻结 in about two cases of five (one in thirty above
    /// what is owed: 超标的), 失信 for a third, an obstruction in one case of twenty-five, most
    /// answered by 拘留 or 罚款 and one in a hundred and fifty of those by a 拒执罪 referral; after a
    /// 终本 the network query every six months (法〔2016〕373号第九条). Most 终本 closings meet the
    /// five conditions; the demo's misses come from a measure left out or a closing too early.
    fn measures(
        &mut self,
        p: &Plan,
        method: CloseMethod,
        close_day: NaiveDate,
        ev: &mut Vec<(NaiveDate, u8, EventKind)>,
    ) {
        use docket_domain::Measure;
        let d0 = p.filed_on;
        let r = &mut self.enforce;
        let at = |days: i64| (d0 + Days::new(days.max(0) as u64)).min(close_day);
        let measure = |m: Measure| EventKind::EnforcementMeasure { measure: m, amount: None, persons: None };
        let terminated = method == CloseMethod::EnforcementTerminated;
        if r.chance(0.96) {
            ev.push((at(r.range(1, 5)), 10, measure(Measure::PropertyReportOrder)));
        }
        if r.chance(0.98) {
            ev.push((at(r.range(1, 7)), 10, measure(Measure::OnlineQuery)));
        }
        if r.chance(if terminated { 0.95 } else { 0.6 }) {
            ev.push((at(r.range(5, 30)), 10, measure(Measure::ConsumptionRestriction)));
        }
        if r.chance(if terminated { 0.45 } else { 0.15 }) {
            ev.push((at(r.range(20, 60)), 10, measure(Measure::Blacklist)));
        }
        if let Some(claim) = p.claim.filter(|_| r.chance(0.4)) {
            let over = r.chance(1.0 / 30.0);
            let share = if over { 1.2 + r.unit() } else { 0.2 + r.unit() * 0.8 };
            let value = Amount::from_fen((claim.fen() as f64 * share) as i64).filter(|a| a.fen() > 0);
            let m = if r.chance(0.5) { Measure::Freeze } else { Measure::Seizure };
            ev.push((
                at(r.range(3, 20)),
                10,
                EventKind::EnforcementMeasure { measure: m, amount: value, persons: None },
            ));
        }
        if r.chance(0.04) {
            let day = r.range(10, 80);
            ev.push((at(day), 10, EventKind::Obstruction { note: Some((*r.pick(OBSTRUCTIONS)).to_owned()) }));
            let answer = r.below(10);
            if answer < 8 {
                let kind = if r.chance(1.0 / 150.0) {
                    measure(Measure::CriminalReferral)
                } else if answer < 6 {
                    EventKind::EnforcementMeasure {
                        measure: Measure::Detention,
                        amount: None,
                        persons: Some(r.range(1, 2) as u32),
                    }
                } else {
                    measure(Measure::Fine)
                };
                ev.push((at(day + r.range(1, 10)), 10, kind));
            }
        }
        if terminated {
            let mut next = close_day + Days::new(182);
            while next <= self.cfg.until
                && next <= close_day + Days::new(docket_domain::enforcement::LIBRARY_DAYS as u64)
            {
                ev.push((next, 14, measure(Measure::OnlineQuery)));
                next = next + Days::new(182 + r.below(10));
            }
        }
    }

    /// 自动履行催告 and 执前督促 on a judgment or mediation with a claim, about a quarter of them,
    /// and the voluntary payments that follow (about half of those urged, a few unurged).
    fn performance(&mut self, p: &Plan, close_day: NaiveDate, ev: &mut Vec<(NaiveDate, u8, EventKind)>) {
        use docket_domain::Notice;
        let Some(claim) = p.claim else { return };
        let r = &mut self.enforce;
        let urged = r.chance(0.25);
        if urged {
            let notice = if r.chance(0.6) { Notice::AutomaticPerformance } else { Notice::PreEnforcement };
            ev.push((close_day + Days::new(r.range(1, 10) as u64), 14, EventKind::PerformanceUrged { notice }));
        }
        if r.chance(if urged { 0.5 } else { 0.08 }) {
            let share = 0.3 + r.unit() * 0.7;
            if let Some(amount) = Amount::from_fen((claim.fen() as f64 * share) as i64).filter(|a| a.fen() > 0) {
                ev.push((close_day + Days::new(r.range(12, 60) as u64), 15, EventKind::Performed { amount }));
            }
        }
    }

    /// A hearing held: about a fifth online (most of them in cases filed online), about one in
    /// eight streamed (庭审直播).
    fn held(&mut self, filed_online: bool) -> EventKind {
        let online = self.side.chance(if filed_online { 0.35 } else { 0.08 });
        let streamed = self.side.chance(0.12);
        EventKind::HearingHeld { online, streamed }
    }

    pub(crate) fn close_method(&mut self, p: &Plan) -> CloseMethod {
        use CloseMethod::*;
        let r = &mut self.rng;
        *match p.type_code {
            // 民初: 调撤 about 45% (mediation 22, withdrawal 20, deemed withdrawal 3).
            "民初" => r.weighted(&[
                (Judgment, 44),
                (Mediation, 22),
                (Withdrawal, 20),
                (DeemedWithdrawal, 3),
                (Ruling, 6),
                (Dismissal, 3),
                (Transfer, 2),
            ]),
            // 诉前调解 about 40% successful.
            "民诉前调" => r.weighted(&[(PremediationAgreement, 40), (PremediationFailed, 60)]),
            "刑初" => r.weighted(&[(Judgment, 95), (Ruling, 3), (Withdrawal, 2)]),
            "行初" => r.weighted(&[(Judgment, 50), (Ruling, 20), (Withdrawal, 30)]),
            "民特" | "诉前调确" | "财保" => r.weighted(&[(Ruling, 95), (Withdrawal, 5)]),
            "民终" => r.weighted(&[(Affirmed, 70), (Revised, 13), (Remanded, 5), (Withdrawal, 10), (Mediation, 2)]),
            "刑终" => r.weighted(&[(Affirmed, 82), (Revised, 13), (Remanded, 5)]),
            // 执: 执行完毕 and 终本 the two big outcomes; 执行到位率 lands between 30% and 60%.
            _ => r.weighted(&[
                (EnforcementCompleted, 26),
                (EnforcementVoluntary, 7),
                (EnforcementSettled, 9),
                (EnforcementTerminated, 48),
                (EnforcementEnded, 6),
                (EnforcementRejected, 4),
            ]),
        }
    }
}

/// The courtrooms of a basic court.
const ROOMS: &[&str] =
    &["第一法庭", "第二法庭", "第三法庭", "第四法庭", "第五法庭", "第六法庭", "科技法庭", "小额速裁法庭"];

/// Obstructions as 执行员 record them.
const OBSTRUCTIONS: &[&str] = &["被执行人拒不到庭", "被执行人下落不明", "拒不报告财产", "阻碍查封现场"];

/// Why a 院长 refuses an extension, as refusals are written.
const REFUSALS: &[&str] = &[
    "延长理由不充分，请补充案件疑难复杂的具体情形",
    "未说明已开展的审理工作及剩余工作计划",
    "鉴定期间已扣除，无需延长，请核实审限",
    "申请期限过长，请按实际需要重新申请",
];
