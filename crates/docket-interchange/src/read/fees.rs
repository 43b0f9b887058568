//! The mediation and fee events of an event line (INTERCHANGE.md, "More events"):
//! `mediation_delegated`, `confirmation_decided`, `fee_paid`, `fee_relief`, `fee_refunded`.

use docket_domain::{EventKind, MediationMode, Relief};

use super::Fields;

impl Fields<'_> {
    /// The event of one of these types, `None` (with its errors recorded) when it is refused.
    pub(super) fn mediation_or_fee_event(&mut self, kind: &str) -> Option<EventKind> {
        Some(match kind {
            "mediation_delegated" => {
                let org = self.local_code("org", "调解组织");
                let mediator = self.opt_text("mediator", 50);
                let mode = self.enum_value("mode", MediationMode::parse, "delegated、entrusted 或 invited");
                EventKind::MediationDelegated { org: org?, mediator: mediator?, mode: mode? }
            }
            "confirmation_decided" => {
                let result = self.enum_value(
                    "result",
                    |s| match s {
                        "confirmed" => Some(true),
                        "refused" => Some(false),
                        _ => None,
                    },
                    "confirmed 或 refused",
                );
                EventKind::ConfirmationDecided { confirmed: result? }
            }
            "fee_paid" | "fee_refunded" => {
                let amount = self.req_str("amount").and_then(|s| self.amount("amount", s));
                let online = self.opt_bool("online");
                let reference = if kind == "fee_paid" { self.opt_text("reference", 64) } else { Some(None) };
                let (amount, online, reference) = (amount?, online?.unwrap_or(false), reference?);
                if kind == "fee_paid" {
                    EventKind::FeePaid { amount, online, reference }
                } else {
                    EventKind::FeeRefunded { amount, online }
                }
            }
            "fee_relief" => {
                let relief = self.enum_value("relief", Relief::parse, "defer、reduce 或 waive");
                let amount = match self.opt_str("amount") {
                    Some(s) => Some(self.amount("amount", s)?),
                    None => None,
                };
                EventKind::FeeRelief { relief: relief?, amount }
            }
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::parse_line;

    fn field_of(line: &str) -> Vec<String> {
        parse_line(3, line).unwrap_err().iter().map(|e| e.field.clone()).collect()
    }

    #[test]
    fn a_bad_fee_or_mediation_line_is_refused_naming_its_field() {
        let head = r#"{"kind":"event","case_no":"（2025）内0203民初1号","on":"2025-05-04","#;
        assert_eq!(field_of(&format!(r#"{head}"type":"fee_paid","amount":"-5"}}"#)), ["amount"]);
        assert_eq!(field_of(&format!(r#"{head}"type":"fee_paid","amount":"5","online":"yes"}}"#)), ["online"]);
        assert_eq!(field_of(&format!(r#"{head}"type":"fee_relief","relief":"forgive"}}"#)), ["relief"]);
        assert_eq!(
            field_of(&format!(r#"{head}"type":"mediation_delegated","org":"M 1","mode":"x"}}"#)),
            ["org", "mode"]
        );
        assert_eq!(field_of(&format!(r#"{head}"type":"confirmation_decided","result":"maybe"}}"#)), ["result"]);
    }
}
