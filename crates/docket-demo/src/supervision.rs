//! 审判监督管理 on the demo's cases, from a stream of their own so the cases stay as they were:
//! about one trial case in sixty marked as one of the 四类案件 (every 群体性纠纷 and every claim of
//! 一千万元 or more among them, as the filing suggests), by its judge in the first days; its
//! draft sent for 阅核 to the 庭长 of its division (or the 副院长 when the judge is the 庭长) a
//! week or two before the closing, about one in seven returned with a note and sent again, one
//! in twenty sent on to the 审判委员会, and about one in twenty-five closed without an approved
//! reading (cases marked before the court's 阅核制 took hold: what 阅核率 measures), one in thirty
//! unmarked again by the 审管办; a 专业法官会议
//! on about one trial case in a hundred; a few judgments chosen as 优秀文书 or 典型案例 months after.

use chrono::{Days, NaiveDate};
use docket_domain::supervision::{Body, FlagCategory, Honour, HonourLevel, ReadingResult, SupervisionRules};
use docket_domain::{CloseMethod, EventKind};

use crate::{Generator, Plan};

const RETURN_NOTES: &[&str] = &[
    "事实认定部分证据分析不充分，请补充",
    "法律适用需进一步论证，请参考本院类案",
    "判项表述不明确，请修改",
    "请补充对当事人主要诉辩意见的回应",
];

impl Generator<'_> {
    pub(crate) fn supervision(
        &mut self,
        p: &Plan,
        method: CloseMethod,
        close_day: NaiveDate,
        ev: &mut Vec<(NaiveDate, u8, EventKind)>,
    ) {
        if !matches!(p.type_code, "民初" | "刑初" | "行初" | "民终" | "刑终" | "行终") {
            return;
        }
        let Some(judge) = ev.iter().find_map(|(_, _, k)| match k {
            EventKind::Assigned { judge, .. } => Some(judge.clone()),
            _ => None,
        }) else {
            return;
        };
        let r = &mut self.superv;
        let at = |d: i64| p.filed_on + Days::new(d.max(0) as u64);
        let span = (close_day - p.filed_on).num_days();
        // 专业法官会议 on hard questions of law.
        if span > 20 && r.chance(0.01) {
            ev.push((at(r.range(10, span - 5)), 11, EventKind::Deliberated { body: Body::ProfessionalJudges }));
        }
        // 优秀文书 / 典型案例, chosen months after the judgment.
        if method == CloseMethod::Judgment && r.chance(0.004) {
            let honour = if r.chance(0.6) { Honour::ModelDocument } else { Honour::TypicalCase };
            let level = *r.weighted(&[(HonourLevel::Court, 6), (HonourLevel::City, 3), (HonourLevel::Region, 1)]);
            ev.push((close_day + Days::new(r.range(30, 150) as u64), 14, EventKind::Distinguished { honour, level }));
        }
        let suggested = SupervisionRules::default().suggest_for(&p.cause, p.claim, &p.tags).map(|(c, _)| c);
        let category = match suggested {
            Some(c) => c,
            None if r.chance(1.0 / 70.0) => *r.weighted(&[
                (FlagCategory::MajorComplex, 60),
                (FlagCategory::MassPublic, 20),
                (FlagCategory::PrecedentConflict, 15),
                (FlagCategory::Misconduct, 5),
            ]),
            None => return,
        };
        if span < 12 {
            return;
        }
        let flag_on = at(r.range(1, 5));
        ev.push((flag_on, 2, EventKind::SupervisionFlagged { category, by: judge.clone() }));
        // The reviewer: the 庭长 of the judge's division, or the 副院长 for a 庭长's own case.
        let court = &self.courts[p.court];
        let dept = court.judges.iter().find(|(j, _)| *j == judge).map(|(_, d)| *d);
        let head = court.judges.iter().skip(2).find(|(_, d)| Some(*d) == dept).map(|(j, _)| j.clone());
        let reviewer = match head {
            Some(h) if h != judge => h,
            _ => "J002".to_owned(),
        };
        if r.chance(0.04) {
            return; // closed without a reading
        }
        // About one mark in thirty is lifted by the 审管办 on a second look (and needs no reading).
        if span > 30 && r.chance(1.0 / 30.0) {
            let digits: String = court.code.as_str().chars().skip(1).collect();
            let by = format!("nm{digits}-trial_management");
            ev.push((flag_on + Days::new(r.range(5, 20) as u64), 2, EventKind::SupervisionCleared { by }));
            return;
        }
        let mut on = (close_day - Days::new(r.range(7, 15).min(span - 6) as u64)).max(flag_on + Days::new(1));
        let request = |on| (on, 11, EventKind::ReadingRequested { reviewer: reviewer.clone() });
        let done = |on, result, note: Option<&str>| {
            (on, 11, EventKind::ReadingDone { reviewer: reviewer.clone(), result, note: note.map(str::to_owned) })
        };
        ev.push(request(on));
        if r.chance(1.0 / 7.0) {
            on = on + Days::new(r.range(1, 2) as u64);
            ev.push(done(on, ReadingResult::Returned, Some(*r.pick(RETURN_NOTES))));
            on = on + Days::new(r.range(1, 2) as u64);
            ev.push(request(on));
        }
        on = (on + Days::new(r.range(1, 2) as u64)).min(close_day);
        if r.chance(0.05) {
            ev.push(done(on, ReadingResult::ToCommittee, None));
            ev.push((
                on.max(close_day - Days::new(1)),
                11,
                EventKind::Deliberated { body: Body::AdjudicationCommittee },
            ));
        } else {
            ev.push(done(on, ReadingResult::Approved, None));
        }
    }
}
