//! Writing management records canonically: keys in the order `INTERCHANGE.md` shows them,
//! optional fields written only when present (a suggestion's `case_no` as `null`, as documented).

use serde_json::{Map, Value};

use docket_domain::management::{
    CampaignScope, ItemSource, LedgerEventKind, Management, PetitionEventKind, SuggestionEventKind,
};

fn put(m: &mut Map<String, Value>, key: &str, v: impl Into<Value>) {
    m.insert(key.into(), v.into());
}

fn put_opt(m: &mut Map<String, Value>, key: &str, v: Option<impl Into<Value>>) {
    if let Some(v) = v {
        m.insert(key.into(), v.into());
    }
}

pub(crate) fn management_value(r: &Management) -> Value {
    let mut m = Map::new();
    put(&mut m, "kind", r.kind());
    put(&mut m, "court", r.court().as_str());
    match r {
        Management::MediationOrg(o) => {
            put(&mut m, "code", o.code.as_str());
            put(&mut m, "name", o.name.as_str());
            put(&mut m, "type", o.org_type.as_str());
            // Docket's addition, written only when there are mediators on the roll.
            if !o.mediators.is_empty() {
                m.insert("mediators".into(), o.mediators.clone().into());
            }
        }
        Management::Campaign(c) => {
            put(&mut m, "id", c.id.as_str());
            put(&mut m, "name", c.name.as_str());
            put(&mut m, "from", c.from.to_string());
            put(&mut m, "to", c.to.to_string());
            put(&mut m, "termination_counts", c.termination_counts);
            // Written only for 终本清仓, so a clean-up's line is the one INTERCHANGE.md shows.
            if c.scope != CampaignScope::Pending {
                put(&mut m, "scope", c.scope.as_str());
            }
        }
        Management::CampaignCase(c) => {
            put(&mut m, "campaign", c.campaign.as_str());
            put(&mut m, "case_no", c.case_no.to_string());
            put(&mut m, "listed_on", c.listed_on.to_string());
            put_opt(&mut m, "leader", c.leader.as_deref());
            put_opt(&mut m, "target_on", c.target_on.map(|d| d.to_string()));
        }
        Management::LedgerItem(i) => {
            put(&mut m, "ledger", i.ledger.as_str());
            put(&mut m, "no", i.no);
            put(&mut m, "opened_on", i.opened_on.to_string());
            put(&mut m, "source", i.source.as_str());
            put(&mut m, "problem", i.problem.as_str());
            put(&mut m, "measure", i.measure.as_str());
            put_opt(&mut m, "lead", i.lead.as_deref());
            put_opt(&mut m, "department", i.department.as_deref());
            put(&mut m, "due_on", i.due_on.to_string());
            put_opt(&mut m, "case_no", i.case_no.as_ref().map(ToString::to_string));
            put_opt(&mut m, "indicator", i.indicator.as_deref());
        }
        Management::LedgerEvent(e) => {
            put(&mut m, "ledger", e.ledger.as_str());
            put(&mut m, "no", e.no);
            put(&mut m, "on", e.on.to_string());
            put(&mut m, "type", e.kind.type_name());
            if let LedgerEventKind::DueChanged { due_on, .. } = &e.kind {
                put(&mut m, "due_on", due_on.to_string());
            }
            put_opt(&mut m, "note", e.kind.note());
        }
        Management::Suggestion(s) => {
            put(&mut m, "no", s.no.as_str());
            put(&mut m, "case_no", s.case_no.as_ref().map(ToString::to_string));
            put(&mut m, "recipient", s.recipient.as_str());
            put(&mut m, "issued_on", s.issued_on.to_string());
            put(&mut m, "reply_due", s.reply_due.to_string());
            put(&mut m, "subject", s.subject.as_str());
        }
        Management::SuggestionEvent(e) => {
            put(&mut m, "no", e.no.as_str());
            put(&mut m, "on", e.on.to_string());
            put(&mut m, "type", e.kind.type_name());
            match &e.kind {
                SuggestionEventKind::Replied { adopted } => put(&mut m, "adopted", *adopted),
                SuggestionEventKind::FollowedUp { note } => put_opt(&mut m, "note", note.as_deref()),
            }
        }
        Management::Petition(p) => {
            put(&mut m, "no", p.no.as_str());
            put(&mut m, "received_on", p.received_on.to_string());
            put(&mut m, "channel", p.channel.as_str());
            put(&mut m, "case_no", p.case_no.as_ref().map(ToString::to_string));
            put(&mut m, "first_time", p.first_time);
            let mut who = Map::new();
            put(&mut who, "kind", p.petitioner.kind.as_str());
            put(&mut who, "name", p.petitioner.name.as_str());
            put_opt(&mut who, "id_number", p.petitioner.id_number.as_deref());
            put(&mut m, "petitioner", Value::Object(who));
            put(&mut m, "subject", p.subject.as_str());
        }
        Management::PetitionEvent(e) => {
            put(&mut m, "no", e.no.as_str());
            put(&mut m, "on", e.on.to_string());
            put(&mut m, "type", e.kind.type_name());
            match &e.kind {
                PetitionEventKind::Assigned { judge } | PetitionEventKind::LeaderReception { judge } => {
                    put(&mut m, "judge", judge.as_str())
                }
                PetitionEventKind::Closed { result } => put(&mut m, "result", result.as_str()),
                PetitionEventKind::Hearing | PetitionEventKind::Replied | PetitionEventKind::Repeat => {}
            }
        }
        Management::ReviewBatch(b) => {
            put(&mut m, "id", b.id.as_str());
            put(&mut m, "name", b.name.as_str());
            put(&mut m, "type", b.review_type.as_str());
            put(&mut m, "from", b.from.to_string());
            put(&mut m, "to", b.to.to_string());
            // Docket's additions, written only when present.
            if !b.cases.is_empty() {
                put(&mut m, "cases", b.cases.iter().map(ToString::to_string).collect::<Vec<_>>());
            }
            put_opt(&mut m, "method", b.method.as_deref());
        }
        Management::CaseReview(r) => {
            put(&mut m, "batch", r.batch.as_str());
            put(&mut m, "case_no", r.case_no.to_string());
            put(&mut m, "reviewer", r.reviewer.as_str());
            put(&mut m, "on", r.on.to_string());
            put(&mut m, "score", r.score);
            put(&mut m, "grade", r.grade.as_str());
            put(&mut m, "findings", r.findings.clone());
        }
        Management::AppraisalScheme(s) => {
            put(&mut m, "id", s.id.as_str());
            put(&mut m, "subject", s.subject.as_str());
            put(&mut m, "year", s.year);
            let items: Vec<Value> = s
                .items
                .iter()
                .map(|i| {
                    let mut o = Map::new();
                    put(&mut o, "category", i.category.as_str());
                    match &i.source {
                        ItemSource::Indicator { id, higher_is_better } => {
                            put(&mut o, "indicator", id.as_str());
                            put(&mut o, "weight", i.weight);
                            put(&mut o, "better", if *higher_is_better { "higher" } else { "lower" });
                        }
                        ItemSource::Manual(name) => {
                            put(&mut o, "manual", name.as_str());
                            put(&mut o, "weight", i.weight);
                        }
                    }
                    Value::Object(o)
                })
                .collect();
            put(&mut m, "items", items);
        }
        Management::ManualScore(s) => {
            put(&mut m, "scheme", s.scheme.as_str());
            put(&mut m, "subject", s.subject.as_str());
            put(&mut m, "period", s.period.as_str());
            put(&mut m, "item", s.item.as_str());
            if s.score_centi % 100 == 0 {
                put(&mut m, "score", s.score_centi / 100);
            } else {
                put(&mut m, "score", f64::from(s.score_centi) / 100.0);
            }
        }
        Management::FilingApplication(a) => {
            put(&mut m, "no", a.no.as_str());
            put(&mut m, "received_on", a.received_on.to_string());
            put(&mut m, "claim", a.claim.as_str());
            put(&mut m, "type", a.case_type.as_str());
            put(&mut m, "cause", a.cause.as_str());
            put_opt(&mut m, "claim_amount", a.claim_amount.map(|x| x.to_string()));
            let mut who = Map::new();
            put(&mut who, "kind", if a.applicant.lawyer { "lawyer" } else { "party" });
            put(&mut who, "name", a.applicant.name.as_str());
            put(&mut who, if a.applicant.lawyer { "licence_no" } else { "id_number" }, a.applicant.id.as_str());
            put(&mut m, "applicant", Value::Object(who));
            put(&mut m, "parties", crate::write::parties_value(&a.parties));
            put(&mut m, "requests", a.requests.as_str());
        }
        Management::FilingApplicationEvent(e) => {
            use docket_domain::online_filing::Step;
            put(&mut m, "no", e.no.as_str());
            put(&mut m, "on", e.on.to_string());
            put(&mut m, "type", e.step.type_name());
            match &e.step {
                Step::CorrectionRequested { missing, by } => {
                    put(&mut m, "missing", missing.as_str());
                    put(&mut m, "by", by.to_string());
                }
                Step::Accepted { case_no } => put(&mut m, "case_no", case_no.to_string()),
                Step::Refused { reason } => put(&mut m, "reason", reason.as_str()),
                Step::Corrected | Step::Returned | Step::Withdrawn => {}
            }
        }
    }
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use crate::{parse_line, write_record};

    /// The examples of INTERCHANGE.md ("Management records") and Docket's optional fields.
    const LINES: &[&str] = &[
        r#"{"kind":"mediation_org","court":"内0203","code":"M01","name":"昆区劳动争议调解委员会","type":"labor"}"#,
        r#"{"kind":"mediation_org","court":"内0203","code":"M02","name":"昆区商会调解委员会","type":"chamber","mediators":["王调解","李和"]}"#,
        r#"{"kind":"campaign","court":"内07","id":"2025-涉企清理","name":"涉企长期未审执结案件专项清理","from":"2025-03-01","to":"2025-09-30","termination_counts":true}"#,
        r#"{"kind":"campaign","court":"内0203","id":"2026-终本清仓","name":"终本案件清仓","from":"2026-04-01","to":"2026-09-30","termination_counts":false,"scope":"terminated"}"#,
        r#"{"kind":"campaign_case","court":"内07","campaign":"2025-涉企清理","case_no":"（2023）内0781民初88号","listed_on":"2025-03-01","leader":"J0001","target_on":"2025-06-30"}"#,
        r#"{"kind":"ledger_item","court":"内07","ledger":"2025-开门纳谏","no":1,"opened_on":"2025-03-05","source":"inspection","problem":"网上退费慢","measure":"建立退费台账","lead":"J0001","department":"lian","due_on":"2025-06-30"}"#,
        r#"{"kind":"ledger_item","court":"内07","ledger":"2025-数据会商","no":2,"opened_on":"2025-03-05","source":"data","problem":"长期未结案件偏多","measure":"逐案督办","due_on":"2025-06-30","indicator":"long_pending_12m"}"#,
        r#"{"kind":"ledger_event","court":"内07","ledger":"2025-开门纳谏","no":1,"on":"2025-06-20","type":"closed","note":"已销号"}"#,
        r#"{"kind":"ledger_event","court":"内07","ledger":"2025-开门纳谏","no":1,"on":"2025-05-20","type":"due_changed","due_on":"2025-07-31","note":"系统改造延期"}"#,
        r#"{"kind":"suggestion","court":"内07","no":"呼法建〔2025〕3号","case_no":null,"recipient":"某市市场监督管理局","issued_on":"2025-04-10","reply_due":"2025-06-10","subject":"规范企业登记"}"#,
        r#"{"kind":"suggestion_event","court":"内07","no":"呼法建〔2025〕3号","on":"2025-05-20","type":"replied","adopted":true}"#,
        r#"{"kind":"petition","court":"内0203","no":"2025-信-12","received_on":"2025-05-06","channel":"visit","case_no":"（2024）内0203民初77号","first_time":true,"petitioner":{"kind":"person","name":"李四","id_number":"150203198001011238"},"subject":"对判决不服"}"#,
        r#"{"kind":"petition_event","court":"内0203","no":"2025-信-12","on":"2025-05-20","type":"closed","result":"explained"}"#,
        r#"{"kind":"petition_event","court":"内0203","no":"2025-信-12","on":"2025-05-10","type":"leader_reception","judge":"J0001"}"#,
        r#"{"kind":"review_batch","court":"内0203","id":"2025-常规-1","name":"2025年第一季度常规评查","type":"routine","from":"2025-04-01","to":"2025-04-30"}"#,
        r#"{"kind":"review_batch","court":"内0203","id":"2025-重点-1","name":"发改案件重点评查","type":"key","from":"2025-05-01","to":"2025-05-31","cases":["（2025）内0203民初12号","（2025）内0203民初13号"],"method":"随机抽取 2 件（种子 7）"}"#,
        r#"{"kind":"case_review","court":"内0203","batch":"2025-常规-1","case_no":"（2025）内0203民初12号","reviewer":"J0003","on":"2025-04-18","score":92,"grade":"pass","findings":["送达回证不全"]}"#,
        r#"{"kind":"appraisal_scheme","court":"内0203","id":"2025-法官","subject":"judge","year":2025,"items":[{"category":"审判质效","indicator":"closure_rate","weight":40,"better":"higher"},{"category":"审判质效","indicator":"avg_duration_days","weight":20,"better":"lower"},{"category":"精品创建","manual":"精品案例","weight":15},{"category":"队伍建设","manual":"队伍建设","weight":25}]}"#,
        r#"{"kind":"manual_score","court":"内0203","scheme":"2025-法官","subject":"J0007","period":"2025","item":"精品案例","score":80}"#,
        r#"{"kind":"manual_score","court":"内0203","scheme":"2025-法官","subject":"J0007","period":"2025-03","item":"精品案例","score":82.5}"#,
        r#"{"kind":"filing_application","court":"内0203","no":"2026-网立-17","received_on":"2026-12-01","claim":"civil","type":"民初","cause":"民间借贷纠纷","claim_amount":"50000.00","applicant":{"kind":"lawyer","name":"李律师","licence_no":"11502201810012345"},"parties":[{"role":"plaintiff","kind":"person","name":"张三","id_number":"150203199001011232","agents":[{"name":"李律师","kind":"lawyer","licence_no":"11502201810012345"}]},{"role":"defendant","kind":"person","name":"李四"}],"requests":"请求判令被告偿还借款五万元。"}"#,
        r#"{"kind":"filing_application","court":"内0203","no":"2026-网立-18","received_on":"2026-12-02","claim":"civil","type":"民初","cause":"买卖合同纠纷","applicant":{"kind":"party","name":"张三","id_number":"150203199001011232"},"parties":[{"role":"plaintiff","kind":"person","name":"张三","id_number":"150203199001011232"}],"requests":"请求判令被告支付货款。"}"#,
        r#"{"kind":"filing_application_event","court":"内0203","no":"2026-网立-17","on":"2026-12-02","type":"correction_requested","missing":"原告身份证明","by":"2026-12-09"}"#,
        r#"{"kind":"filing_application_event","court":"内0203","no":"2026-网立-17","on":"2026-12-04","type":"corrected"}"#,
        r#"{"kind":"filing_application_event","court":"内0203","no":"2026-网立-17","on":"2026-12-05","type":"accepted","case_no":"（2026）内0203民初88号"}"#,
        r#"{"kind":"filing_application_event","court":"内0203","no":"2026-网立-18","on":"2026-12-05","type":"refused","reason":"不属于本院管辖"}"#,
    ];

    #[test]
    fn every_management_example_reads_and_writes_back_byte_for_byte() {
        for line in LINES {
            let record = parse_line(1, line).unwrap_or_else(|e| panic!("{line}: {e:?}"));
            assert_eq!(&write_record(&record), line);
        }
    }

    #[test]
    fn a_campaign_with_an_unknown_scope_is_refused_naming_the_field() {
        let line = r#"{"kind":"campaign","court":"内07","id":"x","name":"x","from":"2025-03-01","to":"2025-09-30","scope":"closed"}"#;
        let e = parse_line(7, line).unwrap_err();
        assert!(format!("{e:?}").contains("scope"), "{e:?}");
    }

    #[test]
    fn a_suggestion_without_a_reply_date_is_due_two_months_after_issue() {
        let line = r#"{"kind":"suggestion","court":"内07","no":"3","recipient":"某局","issued_on":"2025-04-10","subject":"x"}"#;
        assert!(write_record(&parse_line(1, line).unwrap()).contains(r#""reply_due":"2025-06-10""#));
    }

    #[test]
    fn a_bad_management_line_names_every_field_at_fault() {
        let errs = |line: &str| -> Vec<String> {
            parse_line(4, line).unwrap_err().into_iter().map(|e| e.to_string()).collect()
        };
        let e = errs(
            r#"{"kind":"ledger_item","court":"内07","ledger":"L","no":0,"opened_on":"2025-02-30","source":"boss","problem":"p","measure":"m","due_on":"2025-06-30"}"#,
        );
        assert_eq!(e.len(), 3, "{e:?}");
        assert!(e[0].starts_with("line 4: no: ") && e[1].starts_with("line 4: opened_on: "), "{e:?}");
        assert!(e[2].starts_with("line 4: source: 取值“boss”无效"), "{e:?}");
        let e = errs(
            r#"{"kind":"petition","court":"内0203","no":"1","received_on":"2025-05-06","channel":"visit","first_time":true,"petitioner":{"kind":"person","name":"李四","id_number":"150203198001011239"},"subject":"s"}"#,
        );
        assert_eq!(e, ["line 4: petitioner.id_number: 公民身份号码校验码错误：应为 8，实为 9"]);
        let e = errs(r#"{"kind":"petition_event","court":"内0203","no":"1","on":"2025-05-06","type":"closed"}"#);
        assert_eq!(e, ["line 4: result: 缺少必填字段"]);
        let e = errs(
            r#"{"kind":"appraisal_scheme","court":"内0203","id":"s","subject":"judge","year":2025,"items":[{"category":"a","indicator":"closure_rate","weight":40},{"category":"b","manual":"m","indicator":"x","weight":60}]}"#,
        );
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(e[0].starts_with("line 4: items[0].better: ") && e[1].starts_with("line 4: items[1].indicator: "));
        let e = errs(
            r#"{"kind":"case_review","court":"内0203","batch":"b","case_no":"（2025）内0203民初12号","reviewer":"J3","on":"2025-04-18","score":101,"grade":"good"}"#,
        );
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(e[0].starts_with("line 4: score: ") && e[1].starts_with("line 4: grade: "), "{e:?}");
        let e = errs(
            r#"{"kind":"manual_score","court":"内0203","scheme":"s","subject":"J7","period":"2025","item":"i","score":80.125}"#,
        );
        assert_eq!(e, ["line 4: score: 分数应为 0–100，至多两位小数"]);
    }
}
