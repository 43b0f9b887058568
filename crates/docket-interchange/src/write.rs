//! Writing records in canonical interchange form: keys in the order `INTERCHANGE.md` shows them,
//! optional fields written only when present (except the case line's `origin`, `received_on` and
//! `claim_amount`, written as `null`), amounts with two decimals, full-width 案号 brackets.

use serde_json::{Map, Value, json};

use docket_domain::{CaseRecord, EventKind, IdType, Period};

use crate::Record;

mod management;

/// The record as one compact JSON line (no trailing newline).
pub fn write_record(record: &Record) -> String {
    write_record_value(record).to_string()
}

/// The record as a JSON object, e.g. to add fields (`derived`) before writing.
pub fn write_record_value(record: &Record) -> Value {
    match record {
        Record::Court(c) => json!({
            "kind": "court",
            "code": c.code.as_str(),
            "name": c.name,
            "level": c.level.as_str(),
            "parent": c.parent.as_ref().map(|p| p.as_str()),
        }),
        Record::Department(d) => json!({
            "kind": "department",
            "court": d.court.as_str(),
            "code": d.code,
            "name": d.name,
        }),
        Record::Judge(j) => {
            let mut m = Map::new();
            m.insert("kind".into(), "judge".into());
            m.insert("court".into(), j.court.as_str().into());
            m.insert("code".into(), j.code.clone().into());
            m.insert("name".into(), j.name.clone().into());
            if let Some(d) = &j.department {
                m.insert("department".into(), d.clone().into());
            }
            m.insert("titles".into(), j.titles.iter().map(|t| t.as_str()).collect::<Vec<_>>().into());
            m.insert("quota".into(), j.quota.into());
            Value::Object(m)
        }
        Record::Case(c) => case_value(c),
        Record::Setting(s) => json!({
            "kind": "setting",
            "court": s.court.as_str(),
            "name": s.name.to_string(),
            "lines": s.lines,
            "by": s.by,
        }),
        Record::Management(r) => management::management_value(r),
        Record::Event(e) => {
            let mut m = Map::new();
            m.insert("kind".into(), "event".into());
            m.insert("case_no".into(), e.case_no.to_string().into());
            m.insert("on".into(), e.event.on.to_string().into());
            m.insert("type".into(), e.event.kind.type_name().into());
            event_fields(&mut m, &e.event.kind);
            Value::Object(m)
        }
    }
}

/// A case's (or an application's) parties as the interchange writes them.
pub(crate) fn parties_value(parties: &[docket_domain::Party]) -> Vec<Value> {
    parties
        .iter()
        .map(|p| {
            let mut m = Map::new();
            m.insert("role".into(), p.role.as_str().into());
            m.insert("kind".into(), p.kind.as_str().into());
            m.insert("name".into(), p.name.clone().into());
            if let Some(id) = &p.id {
                if id.id_type() != IdType::default_for(p.kind) {
                    m.insert("id_type".into(), id.id_type().as_str().into());
                }
                m.insert("id_number".into(), id.number().into());
            }
            // Written only when known, so lines without it keep their bytes.
            if let Some(t) = p.org_type {
                m.insert("org_type".into(), t.as_str().into());
            }
            if let Some(a) = &p.address {
                m.insert("address".into(), a.clone().into());
            }
            if let Some(ph) = &p.phone {
                m.insert("phone".into(), ph.clone().into());
            }
            if !p.agents.is_empty() {
                let agents: Vec<Value> = p
                    .agents
                    .iter()
                    .map(|a| {
                        let mut o = Map::new();
                        o.insert("name".into(), a.name.clone().into());
                        o.insert("kind".into(), a.kind.as_str().into());
                        if let Some(l) = &a.licence_no {
                            o.insert("licence_no".into(), l.clone().into());
                        }
                        Value::Object(o)
                    })
                    .collect();
                m.insert("agents".into(), agents.into());
            }
            Value::Object(m)
        })
        .collect()
}

fn case_value(c: &CaseRecord) -> Value {
    let parties = parties_value(&c.parties);
    let mut v = json!({
        "kind": "case",
        "court": c.court.as_str(),
        "case_no": c.case_no.to_string(),
        "type": c.case_type().code,
        "procedure": c.procedure.as_str(),
        "cause": c.cause,
        "received_on": c.received_on.map(|d| d.to_string()),
        "filed_on": c.filed_on.to_string(),
        "online": c.online,
        "claim_amount": c.claim_amount.map(|a| a.to_string()),
        "tags": c.tags.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
        "origin": c.origin.as_ref().map(ToString::to_string),
        "sealed": c.sealed,
        "parties": parties,
    });
    // Written only when known, so lines without it come back unchanged.
    if let (Some(months), Some(obj)) = (c.possible_sentence_months, v.as_object_mut()) {
        obj.shift_insert(obj.len() - 1, "possible_sentence_months".into(), months.into());
    }
    v
}

fn period(m: &mut Map<String, Value>, p: Period) {
    match p {
        Period::Months(n) => m.insert("months".into(), n.into()),
        Period::Days(n) => m.insert("days".into(), n.into()),
    };
}

fn event_fields(m: &mut Map<String, Value>, kind: &EventKind) {
    match kind {
        EventKind::Assigned { judge, department } => {
            m.insert("judge".into(), judge.clone().into());
            if let Some(d) = department {
                m.insert("department".into(), d.clone().into());
            }
        }
        EventKind::ProcedureChanged { procedure } => {
            m.insert("procedure".into(), procedure.as_str().into());
        }
        EventKind::HearingScheduled { hearing_on, room } => {
            m.insert("hearing_on".into(), hearing_on.to_string().into());
            if let Some(r) = room {
                m.insert("room".into(), r.clone().into());
            }
        }
        // Written only when true, so a line from before these fields existed keeps its bytes.
        EventKind::HearingHeld { online, streamed } => {
            if *online {
                m.insert("online".into(), true.into());
            }
            if *streamed {
                m.insert("streamed".into(), true.into());
            }
        }
        EventKind::HearingPostponed { reason } | EventKind::ExtensionRefused { reason } => {
            m.insert("reason".into(), reason.clone().into());
        }
        EventKind::Suspended { reason } => {
            m.insert("reason".into(), reason.as_str().into());
        }
        EventKind::ExtensionRequested { length, approver } | EventKind::Extended { length, approver } => {
            period(m, *length);
            m.insert("approver".into(), approver.as_str().into());
        }
        EventKind::Closed { method, outcome } => {
            m.insert("method".into(), method.as_str().into());
            if let Some(o) = outcome {
                m.insert("outcome".into(), o.clone().into());
            }
        }
        EventKind::Recovered { amount } => {
            m.insert("amount".into(), amount.to_string().into());
        }
        EventKind::ServiceAttempted { channel, delivered, document, receipt_at, party } => {
            m.insert("channel".into(), channel.as_str().into());
            m.insert("delivered".into(), (*delivered).into());
            if let Some(h) = document {
                m.insert("document".into(), h.clone().into());
            }
            if let Some(at) = receipt_at {
                m.insert("receipt_at".into(), at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false).into());
            }
            if let Some(p) = party {
                m.insert("party".into(), p.clone().into());
            }
        }
        EventKind::ServiceViewed { document, viewed_at, party } => {
            m.insert("document".into(), document.clone().into());
            m.insert("viewed_at".into(), viewed_at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false).into());
            if let Some(p) = party {
                m.insert("party".into(), p.clone().into());
            }
        }
        EventKind::EnforcementMeasure { measure, amount, persons } => {
            m.insert("measure".into(), measure.as_str().into());
            if let Some(a) = amount {
                m.insert("amount".into(), a.to_string().into());
            }
            if let Some(n) = persons {
                m.insert("persons".into(), (*n).into());
            }
        }
        EventKind::Obstruction { note } => {
            if let Some(n) = note {
                m.insert("note".into(), n.clone().into());
            }
        }
        EventKind::PerformanceUrged { notice } => {
            m.insert("notice".into(), notice.as_str().into());
        }
        EventKind::Performed { amount } => {
            m.insert("amount".into(), amount.to_string().into());
        }
        EventKind::MediationDelegated { org, mediator, mode } => {
            m.insert("org".into(), org.clone().into());
            if let Some(x) = mediator {
                m.insert("mediator".into(), x.clone().into());
            }
            m.insert("mode".into(), mode.as_str().into());
        }
        EventKind::ConfirmationDecided { confirmed } => {
            m.insert("result".into(), if *confirmed { "confirmed" } else { "refused" }.into());
        }
        EventKind::FeePaid { amount, online, reference } => {
            m.insert("amount".into(), amount.to_string().into());
            m.insert("online".into(), (*online).into());
            if let Some(r) = reference {
                m.insert("reference".into(), r.clone().into());
            }
        }
        EventKind::FeeRefunded { amount, online } => {
            m.insert("amount".into(), amount.to_string().into());
            m.insert("online".into(), (*online).into());
        }
        EventKind::FeeRelief { relief, amount } => {
            m.insert("relief".into(), relief.as_str().into());
            if let Some(a) = amount {
                m.insert("amount".into(), a.to_string().into());
            }
        }
        EventKind::SupervisionFlagged { category, by } => {
            m.insert("category".into(), category.as_str().into());
            m.insert("by".into(), by.clone().into());
        }
        EventKind::SupervisionCleared { by } => {
            m.insert("by".into(), by.clone().into());
        }
        EventKind::ReadingRequested { reviewer } => {
            m.insert("reviewer".into(), reviewer.clone().into());
        }
        EventKind::ReadingDone { reviewer, result, note } => {
            m.insert("reviewer".into(), reviewer.clone().into());
            m.insert("result".into(), result.as_str().into());
            if let Some(n) = note {
                m.insert("note".into(), n.clone().into());
            }
        }
        EventKind::Deliberated { body } => {
            m.insert("body".into(), body.as_str().into());
        }
        EventKind::Distinguished { honour, level } => {
            m.insert("honour".into(), honour.as_str().into());
            m.insert("level".into(), level.as_str().into());
        }
        EventKind::DocumentIssued { doc, text } => {
            m.insert("doc".into(), doc.as_str().into());
            m.insert("text".into(), text.clone().into());
        }
        EventKind::DocumentPublished { withheld } => {
            if let Some(w) = withheld {
                m.insert("withheld".into(), w.clone().into());
            }
        }
        EventKind::Resumed | EventKind::Reopened | EventKind::Archived => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::{parse_line, write_record};

    #[test]
    fn writing_a_parsed_example_line_gives_the_same_json_value() {
        for line in [
            r#"{"kind":"court","code":"内02","name":"包头市中级人民法院","level":"intermediate","parent":"内"}"#,
            r#"{"kind":"department","court":"内0203","code":"ms1","name":"民事审判第一庭"}"#,
            r#"{"kind":"judge","court":"内0203","code":"J0007","name":"王立新","department":"ms1","titles":["division_head"],"quota":true}"#,
            r#"{"kind":"case","court":"内0203","case_no":"（2025）内0203民初1234号","type":"民初","procedure":"simple","cause":"买卖合同纠纷","received_on":"2025-03-01","filed_on":"2025-03-03","online":true,"claim_amount":"125000.00","tags":["enterprise"],"origin":null,"sealed":false,"parties":[{"role":"plaintiff","kind":"organization","name":"某建材有限公司","id_number":"91150203MA0N00001K"},{"role":"defendant","kind":"person","name":"张三","id_number":"150203199001011232"}]}"#,
            r#"{"kind":"event","case_no":"（2025）内0203民初1234号","on":"2025-03-04","type":"assigned","judge":"J0007"}"#,
            r#"{"kind":"event","case_no":"（2025）内0203民初1234号","on":"2025-05-04","type":"extension_requested","months":1,"approver":"president"}"#,
            r#"{"kind":"event","case_no":"（2025）内0203执1号","on":"2025-05-04","type":"recovered","amount":"300.50"}"#,
            r#"{"kind":"event","case_no":"（2025）内0203民初1234号","on":"2025-05-04","type":"hearing_scheduled","hearing_on":"2025-05-20","room":"第三法庭"}"#,
            r#"{"kind":"event","case_no":"（2025）内0203民初1234号","on":"2025-05-20","type":"hearing_held","online":true,"streamed":true}"#,
            r#"{"kind":"event","case_no":"（2025）内0203民初1234号","on":"2025-05-20","type":"hearing_held","streamed":true}"#,
            r#"{"kind":"event","case_no":"（2025）内0203民初1234号","on":"2025-05-20","type":"hearing_held"}"#,
            r#"{"kind":"event","case_no":"（2025）内0203民初1234号","on":"2025-05-06","type":"extension_refused","reason":"理由不充分"}"#,
            r#"{"kind":"event","case_no":"（2025）内0203民初1234号","on":"2025-05-04","type":"service_attempted","channel":"electronic","delivered":false}"#,
            r#"{"kind":"event","case_no":"（2025）内0203执1号","on":"2025-05-04","type":"enforcement_measure","measure":"seizure","amount":"50000.00"}"#,
            r#"{"kind":"case","court":"内0203","case_no":"（2025）内0203执1号","type":"执","procedure":"none","cause":"申请执行人民法院判决","received_on":null,"filed_on":"2025-03-03","online":false,"claim_amount":"80000.00","tags":[],"origin":null,"sealed":false,"parties":[{"role":"applicant","kind":"organization","name":"某建材有限公司","id_number":"91150203MA0N00001K","org_type":"private"},{"role":"respondent","kind":"organization","name":"某镇人民政府","org_type":"government"}]}"#,
            r#"{"kind":"event","case_no":"（2025）内0203执1号","on":"2025-05-04","type":"enforcement_measure","measure":"detention","persons":2}"#,
            r#"{"kind":"event","case_no":"（2025）内0203执1号","on":"2025-05-04","type":"enforcement_measure","measure":"online_query"}"#,
            r#"{"kind":"event","case_no":"（2025）内0203执1号","on":"2025-05-04","type":"obstruction","note":"下落不明"}"#,
            r#"{"kind":"event","case_no":"（2025）内0203执1号","on":"2025-05-04","type":"obstruction"}"#,
            r#"{"kind":"event","case_no":"（2025）内0203民初1234号","on":"2025-05-04","type":"performance_urged","notice":"pre_enforcement"}"#,
            r#"{"kind":"event","case_no":"（2025）内0203民初1234号","on":"2025-05-04","type":"performed","amount":"1200.00"}"#,
            r#"{"kind":"event","case_no":"（2025）内0203民诉前调1号","on":"2025-05-04","type":"mediation_delegated","org":"M01","mediator":"王调解","mode":"delegated"}"#,
            r#"{"kind":"event","case_no":"（2025）内0203民初1234号","on":"2025-05-04","type":"mediation_delegated","org":"M01","mode":"entrusted"}"#,
            r#"{"kind":"event","case_no":"（2025）内0203诉前调确1号","on":"2025-05-04","type":"confirmation_decided","result":"confirmed"}"#,
            r#"{"kind":"event","case_no":"（2025）内0203民初1234号","on":"2025-05-04","type":"fee_paid","amount":"1387.50","online":true}"#,
            r#"{"kind":"event","case_no":"（2025）内0203民初1234号","on":"2025-05-04","type":"fee_relief","relief":"reduce","amount":"500.00"}"#,
            r#"{"kind":"event","case_no":"（2025）内0203民初1234号","on":"2025-05-04","type":"fee_relief","relief":"defer"}"#,
            r#"{"kind":"event","case_no":"（2025）内0203民初1234号","on":"2025-05-04","type":"fee_refunded","amount":"693.75","online":false}"#,
        ] {
            let written = write_record(&parse_line(1, line).unwrap());
            let a: serde_json::Value = serde_json::from_str(line).unwrap();
            let b: serde_json::Value = serde_json::from_str(&written).unwrap();
            assert_eq!(a, b, "{line}");
            assert_eq!(written, line, "canonical form keeps the documented key order");
        }
    }
}
