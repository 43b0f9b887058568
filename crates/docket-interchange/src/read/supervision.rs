//! The supervision events of an event line (INTERCHANGE.md, "More events"): `supervision_flagged`,
//! `supervision_cleared`, `reading_requested`, `reading_done` (with an optional `note` Docket
//! adds), `deliberated`, `distinguished`.

use docket_domain::EventKind;
use docket_domain::supervision::{Body, FlagCategory, Honour, HonourLevel, ReadingResult};

use super::Fields;

impl Fields<'_> {
    /// The event of one of these types, `None` (with its errors recorded) when it is refused.
    pub(super) fn supervision_event(&mut self, kind: &str) -> Option<EventKind> {
        Some(match kind {
            "supervision_flagged" => {
                let category = self.enum_value(
                    "category",
                    FlagCategory::parse,
                    "major_complex、mass_public、precedent_conflict 或 misconduct",
                );
                let by = self.local_code("by", "标记人");
                EventKind::SupervisionFlagged { category: category?, by: by? }
            }
            "supervision_cleared" => EventKind::SupervisionCleared { by: self.local_code("by", "取消人")? },
            "reading_requested" => EventKind::ReadingRequested { reviewer: self.local_code("reviewer", "阅核人")? },
            "reading_done" => {
                let reviewer = self.local_code("reviewer", "阅核人");
                let result = self.enum_value("result", ReadingResult::parse, "approved、returned 或 to_committee");
                let note = self.opt_text("note", 500);
                EventKind::ReadingDone { reviewer: reviewer?, result: result?, note: note? }
            }
            "deliberated" => EventKind::Deliberated {
                body: self.enum_value("body", Body::parse, "adjudication_committee 或 professional_judges")?,
            },
            "distinguished" => {
                let honour = self.enum_value("honour", Honour::parse, "typical_case、model_document 或 database_case");
                let level = self.enum_value("level", HonourLevel::parse, "court、city、region 或 national");
                EventKind::Distinguished { honour: honour?, level: level? }
            }
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::{parse_line, write_record};

    const HEAD: &str = r#"{"kind":"event","case_no":"（2025）内0203民初12号","on":"2025-05-04","#;

    fn field_of(tail: &str) -> Vec<String> {
        parse_line(3, &format!("{HEAD}{tail}")).unwrap_err().iter().map(|e| e.field.clone()).collect()
    }

    #[test]
    fn each_supervision_event_reads_and_writes_back_the_same_line() {
        for tail in [
            r#""type":"supervision_flagged","category":"mass_public","by":"J0007"}"#,
            r#""type":"supervision_cleared","by":"nm0203-trial_management"}"#,
            r#""type":"reading_requested","reviewer":"J0001"}"#,
            r#""type":"reading_done","reviewer":"J0001","result":"approved"}"#,
            r#""type":"reading_done","reviewer":"J0001","result":"returned","note":"请补充事实认定"}"#,
            r#""type":"deliberated","body":"adjudication_committee"}"#,
            r#""type":"distinguished","honour":"model_document","level":"city"}"#,
        ] {
            let line = format!("{HEAD}{tail}");
            let record = parse_line(1, &line).unwrap();
            let written: serde_json::Value = serde_json::from_str(&write_record(&record)).unwrap();
            assert_eq!(written, serde_json::from_str::<serde_json::Value>(&line).unwrap(), "{line}");
        }
    }

    #[test]
    fn a_bad_value_is_refused_at_its_field() {
        assert_eq!(field_of(r#""type":"supervision_flagged","category":"big","by":"J1"}"#), ["category"]);
        assert_eq!(field_of(r#""type":"supervision_flagged","category":"misconduct"}"#), ["by"]);
        assert_eq!(field_of(r#""type":"reading_requested","reviewer":"张 三"}"#), ["reviewer"]);
        assert_eq!(field_of(r#""type":"reading_done","reviewer":"J1","result":"ok"}"#), ["result"]);
        assert_eq!(field_of(r#""type":"deliberated","body":"party_group"}"#), ["body"]);
        assert_eq!(field_of(r#""type":"distinguished","honour":"typical_case","level":"county"}"#), ["level"]);
    }
}

#[cfg(test)]
mod document_tests {
    use crate::{parse_line, write_record};

    const HEAD: &str = r#"{"kind":"event","case_no":"（2025）内0203民初12号","on":"2025-05-04","#;

    #[test]
    fn document_events_and_a_partys_contacts_read_and_write_back_the_same_line() {
        for line in [
            format!(r#"{HEAD}"type":"document_issued","doc":"judgment","text":"内蒙古自治区包头市昆都仑区人民法院\n民事判决书\n  原告张三……"}}"#),
            format!(r#"{HEAD}"type":"document_published"}}"#),
            format!(r#"{HEAD}"type":"document_published","withheld":"离婚诉讼（第四条第四项）"}}"#),
            r#"{"kind":"case","court":"内0203","case_no":"（2025）内0203民初1234号","type":"民初","procedure":"simple","cause":"买卖合同纠纷","received_on":"2025-03-01","filed_on":"2025-03-03","online":true,"claim_amount":"125000.00","tags":[],"origin":null,"sealed":false,"parties":[{"role":"defendant","kind":"person","name":"张三","id_number":"150203199001011232","address":"内蒙古自治区包头市昆都仑区钢铁大街12号","phone":"13912345678","agents":[{"name":"李律","kind":"lawyer","licence_no":"11502201510123456"},{"name":"张四","kind":"citizen"}]}]}"#.to_owned(),
        ] {
            let record = parse_line(1, &line).unwrap();
            let written: serde_json::Value = serde_json::from_str(&write_record(&record)).unwrap();
            assert_eq!(written, serde_json::from_str::<serde_json::Value>(&line).unwrap(), "{line}");
        }
    }

    #[test]
    fn a_bad_document_or_agent_is_refused_at_its_field() {
        let fields =
            |line: &str| -> Vec<String> { parse_line(3, line).unwrap_err().iter().map(|e| e.field.clone()).collect() };
        assert_eq!(fields(&format!(r#"{HEAD}"type":"document_issued","doc":"verdict","text":"x"}}"#)), ["doc"]);
        assert_eq!(fields(&format!(r#"{HEAD}"type":"document_issued","doc":"judgment","text":"  "}}"#)), ["text"]);
        assert_eq!(fields(&format!(r#"{HEAD}"type":"document_published","withheld":" "}}"#)), ["withheld"]);
        let case = |party: &str| {
            format!(
                r#"{{"kind":"case","court":"内0203","case_no":"（2025）内0203民初1234号","type":"民初","procedure":"simple","cause":"买卖合同纠纷","received_on":null,"filed_on":"2025-03-03","online":false,"claim_amount":null,"tags":[],"origin":null,"sealed":false,"parties":[{party}]}}"#
            )
        };
        assert_eq!(
            fields(&case(
                r#"{"role":"plaintiff","kind":"person","name":"甲","agents":[{"name":"乙","kind":"lawyer"}]}"#
            )),
            ["parties[0].agents[0].licence_no"]
        );
        assert_eq!(
            fields(&case(r#"{"role":"plaintiff","kind":"person","name":"甲","phone":"一三九"}"#)),
            ["parties[0].phone"]
        );
    }
}
