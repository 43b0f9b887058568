//! 诉讼费 on the case page: the fee line by line with its articles (诉讼费用交纳办法), what was
//! paid, relieved and refunded, and what is owed or due back and by when.

use chrono::NaiveDate;
use docket_domain::{FeeAccount, FeeSchedule};

use crate::i18n::Lang;

/// The fee section of a case page.
pub struct FeeView {
    /// (item, amount with its sign, article, how it was worked out).
    pub lines: Vec<(String, String, &'static str, String)>,
    pub total: String,
    /// Why there is no fee, when there is none.
    pub none: Option<String>,
    /// Facts under the lines: (class, id, text).
    pub status: Vec<(&'static str, &'static str, String)>,
}

/// The fee section for a case in `state`, as of `today`.
pub fn fee_view(schedule: &FeeSchedule, state: &docket_domain::CaseState, today: NaiveDate, lang: Lang) -> FeeView {
    let a = FeeAccount::of(schedule, state);
    let mut status = Vec::new();
    if a.assessment.none.is_none() {
        if !a.assessment.prepaid {
            status.push((
                "muted",
                "fee-later",
                lang.t("申请费于执行后或清算后交纳（诉讼费用交纳办法第二十条）").to_owned(),
            ));
        }
        status.push(("", "fee-paid", format!("{} {} {}", lang.t("已交"), a.paid, lang.t("元"))));
        if a.refunded.fen() > 0 {
            status.push(("", "fee-refunded", format!("{} {} {}", lang.t("已退"), a.refunded, lang.t("元"))));
        }
        if let Some((relief, amount)) = a.relief {
            let amount = amount.map(|x| format!(" {x} {}", lang.t("元"))).unwrap_or_default();
            status.push(("", "fee-relief", format!("{}：{}{amount}", lang.t("司法救助"), lang.t(relief.label()))));
        }
        if a.owed.fen() > 0 {
            let (class, text) = match a.pay_by {
                Some(by) if by < today => (
                    "warn",
                    format!(
                        "{} {} {}，{} {by}（{}）",
                        lang.t("欠交"),
                        a.owed,
                        lang.t("元"),
                        lang.t("应于"),
                        lang.t("已逾期")
                    ),
                ),
                Some(by) => (
                    "",
                    format!(
                        "{} {} {}，{} {by}（{}）",
                        lang.t("应交"),
                        a.owed,
                        lang.t("元"),
                        lang.t("应于"),
                        lang.t(a.pay_basis)
                    ),
                ),
                None => ("", format!("{} {} {}", lang.t("尚欠"), a.owed, lang.t("元"))),
            };
            status.push((class, "fee-owed", text));
            if a.pay_by.is_some_and(|by| by < today) {
                status.push((
                    "warn",
                    "fee-deemed-withdrawal",
                    lang.t("逾期不交纳又未申请司法救助的，裁定按撤诉处理（民诉法解释第二百一十三条）").to_owned(),
                ));
            }
        }
        if a.refund_due.fen() > 0 {
            let by = a.refund_by.map(|d| d.to_string()).unwrap_or_default();
            let late = a.refund_by.is_some_and(|d| d < today);
            status.push((
                if late { "warn" } else { "" },
                "fee-refund-due",
                format!(
                    "{} {} {}，{} {by}{}（{}）",
                    lang.t("应退"),
                    a.refund_due,
                    lang.t("元"),
                    lang.t("退还期限"),
                    if late { lang.t("（已逾期）") } else { "" },
                    lang.t("法律文书生效之日起十五日内，诉讼费用交纳办法第五十三条")
                ),
            ));
        }
    }
    FeeView {
        lines: a
            .assessment
            .lines
            .iter()
            .map(|l| {
                let sign = if l.deduction { "-" } else { "" };
                (lang.t(l.item).to_owned(), format!("{sign}{}", l.amount), l.article, l.basis.clone())
            })
            .collect(),
        total: a.assessment.total.to_string(),
        none: a.assessment.none.map(|n| n.to_owned()),
        status,
    }
}
